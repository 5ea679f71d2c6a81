import { resourceRule } from '../rule';
import { isWorldOpen, securityGroupRules } from './helpers';

export const ec2EgressRestricted = resourceRule({
  id: 'ec2-egress-restricted',
  severity: 'warning',
  description: 'No egress rule allows every protocol to 0.0.0.0/0 or ::/0',
  controls: { checkov: 'CKV_AWS_382' },
  fix: 'allow the ports the workload calls out on (443, the database port) to their destinations',
  types: ['aws_vpc_security_group_egress_rule', 'aws_security_group_rule', 'aws_security_group'],
  check: (block, stack) =>
    securityGroupRules(stack)
      .filter((rule) => rule.block === block && rule.direction === 'egress' && rule.protocol === '-1')
      .filter(isWorldOpen)
      .map((rule) => `egress allows every protocol to ${rule.cidrs.join(', ')}`),
});
