import { expandAction } from '../iam-actions';
import type { PolicyStatement } from '../policy';
import { resourceRule } from '../rule';
import { IDENTITY_POLICY_TYPES, identityStatements } from './iam-helpers';

/** Condition keys that scope a statement to resources even when its Resource is `*`. */
const RESOURCE_SCOPING_KEY = /(^|:)(ResourceTag\/|ResourceAccount$|ResourceOrgID$)/i;

/** The actions of a `*`-resource statement that AWS could scope to resources (iam-data), at most `limit`. */
export function scopableActions(statement: PolicyStatement, limit = 4): string[] {
  const found: string[] = [];
  for (const pattern of statement.actions) {
    if (pattern === '*' || pattern === '*:*') continue;
    const actions = expandAction(pattern) ?? [];
    const scopable = actions.filter((action) => !action.wildcardOnly);
    if (scopable.length > 0)
      found.push(pattern.includes('*') ? `${pattern} (${scopable.length} scopable actions)` : pattern);
    if (found.length >= limit) break;
  }
  return found;
}

export const iamNoWildcardResource = resourceRule({
  id: 'iam-no-wildcard-resource',
  severity: 'error',
  description:
    'Identity policies grant on Resource * only actions AWS cannot scope to a resource (per the service authorization reference)',
  controls: { checkov: 'CKV_AWS_355' },
  fix: 'name the resources (ARNs, or name patterns like arn:aws:s3:::app-dev-*), or add an aws:ResourceTag condition',
  types: IDENTITY_POLICY_TYPES,
  check: (block, stack) =>
    identityStatements(block, stack)
      .filter((statement) => statement.effect === 'Allow' && statement.resources.includes('*'))
      .filter((statement) => !statement.conditions.some((condition) => RESOURCE_SCOPING_KEY.test(condition.key)))
      .flatMap((statement) => {
        const actions = scopableActions(statement);
        return actions.length > 0 ? [`${statement.sid ?? 'a statement'} grants ${actions.join(', ')} on *`] : [];
      }),
});
