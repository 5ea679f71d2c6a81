import { resourceRule } from '../rule';
import { isTrue } from '../stack-view';

export const cloudfrontWaf = resourceRule({
  id: 'cloudfront-waf',
  severity: 'error',
  description: 'CloudFront distributions are protected by an AWS WAF web ACL',
  controls: { fsbp: 'CloudFront.6', checkov: 'CKV_AWS_68' },
  fix: 'set web_acl_id to a CLOUDFRONT-scope aws_wafv2_web_acl (in us-east-1) with the AWS managed rule groups',
  types: ['aws_cloudfront_distribution'],
  check: (block) =>
    block.config.enabled !== undefined && !isTrue(block.config.enabled)
      ? undefined
      : block.config.web_acl_id
        ? undefined
        : 'no WAF web ACL in front of the distribution',
});
