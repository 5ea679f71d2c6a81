import { resourceRule } from '../rule';
import { securityGroupRules } from './helpers';

export const ec2SgRuleDescribed = resourceRule({
  id: 'ec2-sg-rule-described',
  severity: 'warning',
  description: 'Every security group rule says what it is for (description)',
  controls: { checkov: 'CKV_AWS_23' },
  fix: 'give the rule a description naming the traffic it allows',
  types: [
    'aws_vpc_security_group_ingress_rule',
    'aws_vpc_security_group_egress_rule',
    'aws_security_group_rule',
    'aws_security_group',
  ],
  check: (block, stack) =>
    securityGroupRules(stack)
      .filter((rule) => rule.block === block && !rule.description?.trim())
      .map((rule) => `${rule.direction} rule ${rule.fromPort}-${rule.toPort}/${rule.protocol} has no description`),
});
