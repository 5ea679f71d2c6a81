import { resourceRule } from '../rule';
import { isTrue, nested } from '../stack-view';

export const cloudfrontViewerTls12 = resourceRule({
  id: 'cloudfront-viewer-tls12',
  severity: 'error',
  description: 'CloudFront accepts TLS 1.2 or newer from viewers (a custom certificate with TLSv1.2_2021)',
  controls: { fsbp: 'CloudFront.7', checkov: 'CKV_AWS_174' },
  fix: 'serve a custom domain with an ACM certificate (us-east-1) and minimum_protocol_version = "TLSv1.2_2021"',
  types: ['aws_cloudfront_distribution'],
  check: (block) => {
    const certificate = nested(block.config.viewer_certificate);
    if (!certificate || isTrue(certificate.cloudfront_default_certificate)) {
      return "the default *.cloudfront.net certificate accepts TLS 1.0 (its minimum version can't be set)";
    }
    const version = certificate.minimum_protocol_version;
    return typeof version === 'string' && version.startsWith('TLSv1.2')
      ? undefined
      : `minimum_protocol_version is ${String(version)}`;
  },
});
