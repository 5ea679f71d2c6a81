import { resourceRule } from '../rule';
import { nested, nestedList } from '../stack-view';

export const cloudfrontViewerHttps = resourceRule({
  id: 'cloudfront-viewer-https',
  severity: 'error',
  description: 'CloudFront serves viewers over HTTPS only (redirect-to-https or https-only on every behavior)',
  controls: { fsbp: 'CloudFront.3', checkov: 'CKV_AWS_34' },
  fix: 'set viewer_protocol_policy = "redirect-to-https" on every cache behavior',
  types: ['aws_cloudfront_distribution'],
  check: (block) => {
    const behaviors = [nested(block.config.default_cache_behavior), ...nestedList(block.config.ordered_cache_behavior)];
    return behaviors
      .filter((behavior) => behavior && behavior.viewer_protocol_policy === 'allow-all')
      .map((behavior) => `behavior ${String(behavior!.path_pattern ?? 'default')} allows plain HTTP`);
  },
});
