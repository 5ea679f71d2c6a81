import { resourceRule } from '../rule';

/** ELB security policies that accept TLS 1.2 and newer only. */
const TLS12_OR_NEWER = /^ELBSecurityPolicy-(TLS13-|TLS-1-2-|FS-1-2-)/;

export const elbTlsPolicy = resourceRule({
  id: 'elb-tls-policy',
  severity: 'error',
  description: 'HTTPS and TLS listeners use a security policy of TLS 1.2 or newer',
  controls: { fsbp: 'ELB.17', checkov: 'CKV_AWS_103' },
  fix: 'set ssl_policy to ELBSecurityPolicy-TLS13-1-2-2021-06 (the load-balancer module default)',
  types: ['aws_lb_listener'],
  check: (listener) => {
    if (listener.config.protocol !== 'HTTPS' && listener.config.protocol !== 'TLS') return undefined;
    const policy = listener.config.ssl_policy;
    if (typeof policy === 'string' && TLS12_OR_NEWER.test(policy)) return undefined;
    return policy === undefined
      ? 'ssl_policy is not set (the default, ELBSecurityPolicy-2016-08, accepts TLS 1.0)'
      : `ssl_policy ${String(policy)} accepts TLS older than 1.2`;
  },
});
