/**
 * IAM facts several rules share: which blocks hold identity policies, which trust policies federate an OIDC
 * provider, and the provider's host (the prefix of its claim keys).
 */
import { identityStatements, IDENTITY_POLICY_TYPES, policyStatements, type PolicyStatement } from '../policy';
import type { Block, StackView } from '../stack-view';

export { IDENTITY_POLICY_TYPES, identityStatements };

/** A role's trust policy statements. */
export function trustStatements(role: Block, stack: StackView): PolicyStatement[] {
  return policyStatements(role.config.assume_role_policy, stack) ?? [];
}

/**
 * The OIDC issuer host a trust statement federates (`token.actions.githubusercontent.com`), from the provider ARN or
 * the `aws_iam_openid_connect_provider` it refers to; undefined for other statements.
 */
export function oidcHost(statement: PolicyStatement, stack: StackView): string | undefined {
  for (const principal of statement.principals.filter((p) => p.type === 'Federated')) {
    for (const id of principal.ids) {
      const arn = /:oidc-provider\/(.+)$/.exec(id);
      if (arn) return arn[1];
      const provider = stack.referencedBlock(id, 'aws_iam_openid_connect_provider');
      if (provider) return String(provider.config.url ?? '').replace(/^https:\/\//, '');
    }
  }
  return undefined;
}

export const GITHUB_HOST = 'token.actions.githubusercontent.com';
