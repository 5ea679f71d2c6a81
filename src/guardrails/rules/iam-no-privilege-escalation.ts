import { allows, conditionsOn, type PolicyStatement } from '../policy';
import { resourceRule } from '../rule';
import { IDENTITY_POLICY_TYPES, identityStatements } from './iam-helpers';

/**
 * Actions that let a principal grant itself (or a principal it controls) more than it has, and the condition keys
 * that close the path: a permissions boundary every changed role must carry, the managed policies it may attach, the
 * services a role may be passed to. Actions with no key are an escalation whenever they are allowed.
 */
const ESCALATIONS: Record<string, readonly string[]> = {
  'iam:CreateRole': ['iam:PermissionsBoundary'],
  'iam:PutRolePolicy': ['iam:PermissionsBoundary'],
  'iam:AttachRolePolicy': ['iam:PermissionsBoundary', 'iam:PolicyARN'],
  'iam:UpdateAssumeRolePolicy': ['iam:PermissionsBoundary'],
  'iam:PutRolePermissionsBoundary': ['iam:PermissionsBoundary'],
  'iam:DeleteRolePermissionsBoundary': [],
  'iam:PassRole': ['iam:PassedToService'],
  'iam:CreatePolicyVersion': [],
  'iam:SetDefaultPolicyVersion': [],
  'iam:PutUserPolicy': ['iam:PermissionsBoundary'],
  'iam:AttachUserPolicy': ['iam:PermissionsBoundary', 'iam:PolicyARN'],
  'iam:PutGroupPolicy': [],
  'iam:AttachGroupPolicy': ['iam:PolicyARN'],
  'iam:AddUserToGroup': [],
  'iam:CreateAccessKey': [],
  'iam:CreateLoginProfile': [],
  'iam:UpdateLoginProfile': [],
};

/** The escalation actions a statement allows without a closing condition. */
export function openEscalations(statement: PolicyStatement): string[] {
  // Only IAM actions escalate: a statement naming none (and no NotAction) is settled without matching each one.
  const mayGrantIam =
    statement.notActions.length > 0 || statement.actions.some((action) => action === '*' || /^iam:/i.test(action));
  if (statement.effect !== 'Allow' || !mayGrantIam) return [];
  return Object.entries(ESCALATIONS)
    .filter(([action]) => allows(statement, action))
    .filter(([, keys]) => !keys.some((key) => conditionsOn(statement, key).length > 0))
    .map(([action]) => action);
}

export const iamNoPrivilegeEscalation = resourceRule({
  id: 'iam-no-privilege-escalation',
  severity: 'error',
  description:
    'No identity policy lets a principal raise its own privileges: role and policy changes need a permissions boundary (or iam:PolicyARN), iam:PassRole needs iam:PassedToService',
  controls: { checkov: 'CKV_AWS_286' },
  fix: 'condition role changes on iam:PermissionsBoundary (a boundary the principal cannot change), AttachRolePolicy on iam:PolicyARN, PassRole on iam:PassedToService',
  types: IDENTITY_POLICY_TYPES,
  check: (block, stack) =>
    identityStatements(block, stack).flatMap((statement) => {
      const open = openEscalations(statement);
      return open.length > 0
        ? [`${statement.sid ?? 'a statement'} allows ${open.join(', ')} without a condition that bounds it`]
        : [];
    }),
});
