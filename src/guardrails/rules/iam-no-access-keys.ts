import { resourceRule } from '../rule';

export const iamNoAccessKeys = resourceRule({
  id: 'iam-no-access-keys',
  severity: 'error',
  description: 'No long-lived IAM user credentials (access keys, console passwords): people use SSO, pipelines OIDC',
  controls: { fsbp: 'IAM.3', checkov: 'CKV_AWS_273' },
  fix: 'use IAM Identity Center for people and OIDC roles (GithubActionsRole) for pipelines',
  types: ['aws_iam_user', 'aws_iam_access_key', 'aws_iam_user_login_profile'],
  check: (block) => {
    // A user without keys or password passes (a service-linked or federation user); its credentials fail.
    if (block.type === 'aws_iam_user') return undefined;
    return `${block.type === 'aws_iam_access_key' ? 'an access key' : 'a console password'} for an IAM user`;
  },
});
