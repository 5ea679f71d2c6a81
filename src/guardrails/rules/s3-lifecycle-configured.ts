import { resourceRule } from '../rule';

export const s3LifecycleConfigured = resourceRule({
  id: 's3-lifecycle-configured',
  severity: 'warning',
  description: 'S3 buckets have a lifecycle configuration (old versions and uploads do not pile up)',
  controls: { fsbp: 'S3.13', checkov: 'CKV2_AWS_61' },
  fix: 'add an aws_s3_bucket_lifecycle_configuration (expire noncurrent versions, abort incomplete uploads)',
  types: ['aws_s3_bucket'],
  check: (bucket, stack) =>
    stack.attachedTo(bucket, 'aws_s3_bucket_lifecycle_configuration', 'bucket').length > 0 ||
    bucket.config.lifecycle_rule
      ? undefined
      : 'the bucket has no lifecycle configuration',
});
