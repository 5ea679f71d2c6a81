import { hasPublicPrincipal } from '../policy';
import { resourceRule } from '../rule';
import { trustStatements } from './iam-helpers';

export const iamTrustNoPublicPrincipal = resourceRule({
  id: 'iam-trust-no-public-principal',
  severity: 'error',
  description: 'No role trusts every AWS principal (Principal *) without a condition',
  controls: { checkov: 'CKV_AWS_60' },
  fix: 'trust the account, role or service that assumes it',
  types: ['aws_iam_role'],
  check: (role, stack) =>
    trustStatements(role, stack)
      .filter(
        (statement) =>
          statement.effect === 'Allow' && hasPublicPrincipal(statement) && statement.conditions.length === 0,
      )
      .map(() => 'any AWS principal may assume the role'),
});
