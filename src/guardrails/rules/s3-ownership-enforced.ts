import { resourceRule } from '../rule';
import { nested } from '../stack-view';

export const s3OwnershipEnforced = resourceRule({
  id: 's3-ownership-enforced',
  severity: 'warning',
  description: 'S3 buckets disable ACLs (object ownership BucketOwnerEnforced)',
  controls: { fsbp: 'S3.12', checkov: 'CKV2_AWS_65' },
  fix: 'add an aws_s3_bucket_ownership_controls with object_ownership "BucketOwnerEnforced"',
  types: ['aws_s3_bucket'],
  check: (bucket, stack) =>
    stack
      .attachedTo(bucket, 'aws_s3_bucket_ownership_controls', 'bucket')
      .some((block) => nested(block.config.rule)?.object_ownership === 'BucketOwnerEnforced')
      ? undefined
      : 'ACLs are not disabled',
});
