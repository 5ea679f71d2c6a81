import { resourceRule } from '../rule';
import { nested, nestedList, stringList } from '../stack-view';

const OLD_PROTOCOLS = ['SSLv3', 'TLSv1', 'TLSv1.1'];

export const cloudfrontOriginHttps = resourceRule({
  id: 'cloudfront-origin-https',
  severity: 'error',
  description: 'CloudFront reaches custom origins over HTTPS only, with TLS 1.2',
  controls: { fsbp: 'CloudFront.9' },
  fix: 'set origin_protocol_policy = "https-only" and origin_ssl_protocols = ["TLSv1.2"]; the origin needs a certificate for the name CloudFront uses',
  types: ['aws_cloudfront_distribution'],
  check: (block) =>
    nestedList(block.config.origin).flatMap((origin) => {
      const custom = nested(origin.custom_origin_config);
      if (!custom) return [];
      const id = String(origin.origin_id ?? origin.domain_name);
      const problems: string[] = [];
      if (custom.origin_protocol_policy !== 'https-only') {
        problems.push(`origin ${id} is reached over ${String(custom.origin_protocol_policy)}`);
      }
      const old = stringList(custom.origin_ssl_protocols).filter((protocol) => OLD_PROTOCOLS.includes(protocol));
      if (old.length > 0) problems.push(`origin ${id} accepts ${old.join(', ')}`);
      return problems;
    }),
});
