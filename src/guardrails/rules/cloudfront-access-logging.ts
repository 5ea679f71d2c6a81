import { resourceRule } from '../rule';
import { nested } from '../stack-view';

export const cloudfrontAccessLogging = resourceRule({
  id: 'cloudfront-access-logging',
  severity: 'warning',
  description: 'CloudFront distributions write access logs',
  controls: { fsbp: 'CloudFront.5', checkov: 'CKV_AWS_86' },
  fix: 'add logging_config with an S3 bucket (or a CloudWatch Logs delivery)',
  types: ['aws_cloudfront_distribution'],
  check: (block, stack) =>
    nested(block.config.logging_config)?.bucket ||
    stack.referrers(block, 'aws_cloudwatch_log_delivery_source').length > 0
      ? undefined
      : 'the distribution writes no access logs',
});
