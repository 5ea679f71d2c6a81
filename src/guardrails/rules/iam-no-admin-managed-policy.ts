import { resourceRule } from '../rule';
import { stringList } from '../stack-view';

const BROAD_POLICIES = /:iam::aws:policy\/(AdministratorAccess|PowerUserAccess|IAMFullAccess)$/;

export const iamNoAdminManagedPolicy = resourceRule({
  id: 'iam-no-admin-managed-policy',
  severity: 'error',
  description: 'No role, user or group gets AdministratorAccess, PowerUserAccess or IAMFullAccess',
  controls: { fsbp: 'IAM.1', checkov: 'CKV_AWS_274' },
  fix: 'attach a policy scoped to what the principal does instead',
  types: [
    'aws_iam_role_policy_attachment',
    'aws_iam_user_policy_attachment',
    'aws_iam_group_policy_attachment',
    'aws_iam_policy_attachment',
    'aws_iam_role',
  ],
  check: (block) =>
    [...stringList(block.config.policy_arn), ...stringList(block.config.managed_policy_arns)]
      .filter((arn) => BROAD_POLICIES.test(arn))
      .map((arn) => `attaches ${arn}`),
});
