import { resourceRule } from '../rule';
import { isTrue } from '../stack-view';

const SETTINGS = ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'];

export const s3PublicAccessBlocked = resourceRule({
  id: 's3-public-access-blocked',
  severity: 'error',
  description: 'Every S3 bucket blocks public access (all four public access block settings)',
  controls: { fsbp: 'S3.8', checkov: 'CKV2_AWS_6' },
  fix: 'add an aws_s3_bucket_public_access_block with all four settings true (SecureBucket does)',
  types: ['aws_s3_bucket'],
  check: (bucket, stack) => {
    const blocks = stack.attachedTo(bucket, 'aws_s3_bucket_public_access_block', 'bucket');
    if (blocks.length === 0) return 'the bucket has no public access block';
    const off = SETTINGS.filter((setting) => !blocks.some((block) => isTrue(block.config[setting])));
    return off.length > 0 ? `${off.join(', ')} not true` : undefined;
  },
});
