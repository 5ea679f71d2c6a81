import { resourceRule } from '../rule';

export const lambdaNoPublicPermission = resourceRule({
  id: 'lambda-no-public-permission',
  severity: 'error',
  description: 'No Lambda permission lets everyone invoke a function without a source condition',
  controls: { fsbp: 'Lambda.1', checkov: 'CKV_AWS_301' },
  fix: 'name the invoking service principal with source_arn (e.g. the API Gateway execution ARN)',
  types: ['aws_lambda_permission'],
  check: (block) =>
    block.config.principal === '*' &&
    !block.config.source_arn &&
    !block.config.source_account &&
    !block.config.principal_org_id
      ? 'anyone may invoke the function'
      : block.config.principal !== '*' &&
          String(block.config.principal ?? '').endsWith('.amazonaws.com') &&
          !block.config.source_arn &&
          !block.config.source_account
        ? `${String(block.config.principal)} may invoke the function on behalf of any account (no source_arn)`
        : undefined,
});
