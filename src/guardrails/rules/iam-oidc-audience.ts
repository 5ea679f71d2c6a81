import { conditionsOn } from '../policy';
import { resourceRule } from '../rule';
import { oidcHost, trustStatements } from './iam-helpers';

export const iamOidcAudience = resourceRule({
  id: 'iam-oidc-audience',
  severity: 'error',
  description: 'A role that trusts an OIDC provider pins the token audience (aud) with StringEquals',
  controls: { checkov: 'CKV_AWS_358' },
  fix: 'add condition StringEquals <issuer>:aud = sts.amazonaws.com (GithubActionsRole does)',
  types: ['aws_iam_role'],
  check: (role, stack) =>
    trustStatements(role, stack).flatMap((statement) => {
      const host = oidcHost(statement, stack);
      if (!host || statement.effect !== 'Allow') return [];
      const pinned = conditionsOn(statement, `${host}:aud`).some(
        (condition) =>
          condition.operator === 'StringEquals' &&
          condition.values.length > 0 &&
          !condition.values.some((v) => /[*?]/.test(v)),
      );
      return pinned ? [] : [`trust in ${host} does not pin the audience (${host}:aud)`];
    }),
});
