import { resourceRule } from '../rule';
import { coversPort, isWorldOpen, publicLoadBalancerGroups, securityGroupRules } from './helpers';

/** Ports that may face the world, and only on an internet-facing load balancer's group. */
const PUBLIC_PORTS = [80, 443];
/** Reported by ec2-no-world-admin-ports instead. */
const ADMIN_PORTS = [22, 3389];

export const ec2NoWorldIngress = resourceRule({
  id: 'ec2-no-world-ingress',
  severity: 'error',
  description: "No ingress from 0.0.0.0/0 or ::/0 except 80/443 on an internet-facing load balancer's security group",
  controls: { fsbp: 'EC2.18', checkov: 'CKV_AWS_260' },
  fix: 'allow the port from the load balancer or another security group, or from known CIDRs only',
  types: ['aws_vpc_security_group_ingress_rule', 'aws_security_group_rule', 'aws_security_group'],
  check: (block, stack) => {
    const publicGroups = publicLoadBalancerGroups(stack);
    return securityGroupRules(stack)
      .filter((rule) => rule.block === block && rule.direction === 'ingress' && isWorldOpen(rule))
      .filter((rule) => !ADMIN_PORTS.some((port) => coversPort(rule, port)) || rule.protocol === '-1')
      .filter((rule) => {
        const onlyPublicPorts =
          rule.protocol === 'tcp' && rule.fromPort === rule.toPort && PUBLIC_PORTS.includes(rule.fromPort);
        return !(onlyPublicPorts && rule.group && publicGroups.has(rule.group));
      })
      .map((rule) => `ports ${rule.fromPort}-${rule.toPort}/${rule.protocol} are open to ${rule.cidrs.join(', ')}`);
  },
});
