import { resourceRule } from '../rule';
import { isTrue, nested } from '../stack-view';

export const s3VersioningEnabled = resourceRule({
  id: 's3-versioning-enabled',
  severity: 'error',
  description: 'S3 buckets keep object versions (versioning Enabled)',
  controls: { fsbp: 'S3.14', checkov: 'CKV_AWS_21' },
  fix: 'add an aws_s3_bucket_versioning with status "Enabled" (SecureBucket does), and a lifecycle rule for old versions',
  types: ['aws_s3_bucket'],
  check: (bucket, stack) => {
    const inline = isTrue(nested(bucket.config.versioning)?.enabled);
    const enabled = stack
      .attachedTo(bucket, 'aws_s3_bucket_versioning', 'bucket')
      .some((block) => nested(block.config.versioning_configuration)?.status === 'Enabled');
    return inline || enabled ? undefined : 'versioning is not enabled';
  },
});
