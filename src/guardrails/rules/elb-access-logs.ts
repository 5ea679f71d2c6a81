import { resourceRule } from '../rule';
import { isTrue, nested } from '../stack-view';

export const elbAccessLogs = resourceRule({
  id: 'elb-access-logs',
  severity: 'error',
  description: 'Load balancers write access logs',
  controls: { fsbp: 'ELB.5', checkov: 'CKV_AWS_91' },
  fix: 'enable access_logs to an S3 bucket (load-balancer module: accessLogs.enabled)',
  types: ['aws_lb'],
  check: (lb) => (isTrue(nested(lb.config.access_logs)?.enabled) ? undefined : 'access logs are not enabled'),
});
