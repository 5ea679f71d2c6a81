import { resourceRule } from '../rule';
import { securityGroupRules } from './helpers';

export const ec2NoAllPortsIngress = resourceRule({
  id: 'ec2-no-all-ports-ingress',
  severity: 'error',
  description: 'No ingress rule allows every protocol or every port, from any source',
  controls: { fsbp: 'EC2.19', checkov: 'CKV_AWS_277' },
  fix: 'allow the one port (or narrow range) the service listens on',
  types: ['aws_vpc_security_group_ingress_rule', 'aws_security_group_rule', 'aws_security_group'],
  check: (block, stack) =>
    securityGroupRules(stack)
      .filter((rule) => rule.block === block && rule.direction === 'ingress')
      .filter((rule) => rule.protocol === '-1' || (rule.fromPort <= 0 && rule.toPort >= 65535))
      .map((rule) =>
        rule.protocol === '-1'
          ? 'ingress allows every protocol and port'
          : `ingress allows every ${rule.protocol} port`,
      ),
});
