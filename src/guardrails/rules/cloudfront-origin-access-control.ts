import { resourceRule } from '../rule';
import { nestedList } from '../stack-view';

export const cloudfrontOriginAccessControl = resourceRule({
  id: 'cloudfront-origin-access-control',
  severity: 'error',
  description: 'CloudFront reads S3 origins through origin access control, so the bucket stays private',
  controls: { fsbp: 'CloudFront.13' },
  fix: 'set origin_access_control_id on the S3 origin and allow only that distribution in the bucket policy (static-site module)',
  types: ['aws_cloudfront_distribution'],
  check: (block) =>
    nestedList(block.config.origin)
      .filter((origin) =>
        /\.s3[.-]|bucket_regional_domain_name|bucket_domain_name/.test(String(origin.domain_name ?? '')),
      )
      .filter((origin) => !origin.origin_access_control_id)
      .map((origin) => `S3 origin ${String(origin.origin_id)} is read without origin access control`),
});
