import { hasPublicPrincipal } from '../policy';
import { resourceRule } from '../rule';
import { policyStatements } from '../policy';

export const s3NoPublicPolicy = resourceRule({
  id: 's3-no-public-policy',
  severity: 'error',
  description: 'No bucket policy allows everyone (Principal *) without a condition',
  controls: { fsbp: 'S3.2', checkov: 'CKV_AWS_70' },
  fix: 'grant the reading service (CloudFront with aws:SourceArn) or named principals instead of *',
  types: ['aws_s3_bucket_policy'],
  check: (policy, stack) =>
    (policyStatements(policy.config.policy, stack) ?? [])
      .filter(
        (statement) =>
          statement.effect === 'Allow' && hasPublicPrincipal(statement) && statement.conditions.length === 0,
      )
      .map((statement) => `statement ${statement.sid ?? statement.actions.join(',')} allows everyone`),
});
