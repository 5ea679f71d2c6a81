import { resourceRule } from '../rule';
import { nested, nestedList } from '../stack-view';

export const s3BucketEncrypted = resourceRule({
  id: 's3-bucket-encrypted',
  severity: 'error',
  description: 'Every S3 bucket has a server-side encryption configuration (SSE-S3 or SSE-KMS)',
  controls: { fsbp: 'S3.17', checkov: 'CKV_AWS_145' },
  fix: 'add an aws_s3_bucket_server_side_encryption_configuration for the bucket (SecureBucket does)',
  types: ['aws_s3_bucket'],
  check: (bucket, stack) => {
    const inline = nested(bucket.config.server_side_encryption_configuration);
    const configurations = stack.attachedTo(bucket, 'aws_s3_bucket_server_side_encryption_configuration', 'bucket');
    const rules = [...(inline ? [inline] : []), ...configurations.map((c) => c.config)].flatMap((c) =>
      nestedList(c.rule),
    );
    const algorithms = rules.map((rule) => nested(rule.apply_server_side_encryption_by_default)?.sse_algorithm);
    return algorithms.some((algorithm) => typeof algorithm === 'string' && algorithm.length > 0)
      ? undefined
      : 'the bucket has no server-side encryption configuration';
  },
});
