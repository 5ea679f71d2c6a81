import { resourceRule } from '../rule';
import { IDENTITY_POLICY_TYPES, identityStatements } from './iam-helpers';

export const iamNoWildcardAction = resourceRule({
  id: 'iam-no-wildcard-action',
  severity: 'error',
  description: 'No identity policy allows every action (* or *:*) or uses Allow with NotAction',
  controls: { fsbp: 'IAM.1', checkov: 'CKV_AWS_63' },
  fix: 'list the actions the principal needs (service:Action), per service',
  types: IDENTITY_POLICY_TYPES,
  check: (block, stack) =>
    identityStatements(block, stack)
      .filter((statement) => statement.effect === 'Allow')
      .flatMap((statement) => {
        const name = statement.sid ?? 'a statement';
        if (statement.notActions.length > 0)
          return [`${name} allows everything but ${statement.notActions.join(', ')}`];
        return statement.actions.some((action) => action === '*' || action === '*:*')
          ? [`${name} allows every action`]
          : [];
      }),
});
