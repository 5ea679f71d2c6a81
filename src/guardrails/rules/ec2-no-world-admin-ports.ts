import { resourceRule } from '../rule';
import { coversPort, isWorldOpen, securityGroupRules } from './helpers';

const ADMIN_PORTS: Record<number, string> = { 22: 'SSH', 3389: 'RDP' };

export const ec2NoWorldAdminPorts = resourceRule({
  id: 'ec2-no-world-admin-ports',
  severity: 'error',
  description: 'SSH (22) and RDP (3389) are not open to 0.0.0.0/0 or ::/0',
  controls: { fsbp: 'EC2.13', checkov: 'CKV_AWS_24' },
  fix: 'allow SSH from known CIDRs only, or drop it and use SSM Session Manager',
  types: ['aws_vpc_security_group_ingress_rule', 'aws_security_group_rule', 'aws_security_group'],
  check: (block, stack) =>
    securityGroupRules(stack)
      .filter((rule) => rule.block === block && rule.direction === 'ingress' && isWorldOpen(rule))
      .filter((rule) => rule.protocol !== '-1')
      .flatMap((rule) =>
        Object.entries(ADMIN_PORTS)
          .filter(([port]) => coversPort(rule, Number(port)))
          .map(([port, name]) => `${name} (${port}) is open to ${rule.cidrs.join(', ')}`),
      ),
});
