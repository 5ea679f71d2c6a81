import { expandAction } from '../iam-actions';
import type { PolicyStatement } from '../policy';
import { resourceRule } from '../rule';
import { IDENTITY_POLICY_TYPES, identityStatements } from './iam-helpers';

/** Condition keys that scope a statement to resources even when its Resource is `*`. */
const RESOURCE_SCOPING_KEY = /(^|:)(ResourceTag\/|ResourceAccount$|ResourceOrgID$)/i;

/**
 * Whether the policy holds an attribute-based guard: a Deny on `*` unless the resource's tag has an expected value
 * (`StringNotEquals[IfExists] aws:ResourceTag/environment`). Its Allow statements on `*` then reach only resources
 * tagged for this principal, which scopes them as well as ARNs would.
 */
export function hasTagGuard(statements: readonly PolicyStatement[]): boolean {
  return statements.some(
    (statement) =>
      statement.effect === 'Deny' &&
      statement.resources.includes('*') &&
      statement.conditions.some(
        (condition) =>
          /^StringNotEquals(IfExists)?$/.test(condition.operator) && /^aws:ResourceTag\//i.test(condition.key),
      ),
  );
}

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
  check: (block, stack) => {
    const statements = identityStatements(block, stack);
    if (hasTagGuard(statements)) return undefined;
    return statements
      .filter((statement) => statement.effect === 'Allow' && statement.resources.includes('*'))
      .filter((statement) => !statement.conditions.some((condition) => RESOURCE_SCOPING_KEY.test(condition.key)))
      .flatMap((statement) => {
        const actions = scopableActions(statement);
        return actions.length > 0 ? [`${statement.sid ?? 'a statement'} grants ${actions.join(', ')} on *`] : [];
      });
  },
});
