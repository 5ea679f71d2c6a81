import { resourceRule } from '../rule';
import { isTrue } from '../stack-view';

export const elbDeletionProtection = resourceRule({
  id: 'elb-deletion-protection',
  severity: 'error',
  description: 'Production load balancers have deletion protection',
  controls: { fsbp: 'ELB.6', checkov: 'CKV_AWS_150' },
  fix: 'set enable_deletion_protection = true (loadBalancer.deletionProtection)',
  types: ['aws_lb'],
  productionOnly: true,
  check: (lb) => (isTrue(lb.config.enable_deletion_protection) ? undefined : 'enable_deletion_protection is not true'),
});
