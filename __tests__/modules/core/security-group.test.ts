/**
 * The security-group primitive: one rule resource per port and peer with the exact arguments AWS sees, no rules that
 * were not declared, and a clear error for a bad port, a missing or doubled peer, or a malformed CIDR.
 */
import { allowTraffic, SecurityGroup, type SecurityGroupRule } from '../../../modules/core/security-group';
import { ValidationError } from '../../../modules/core/validation';
import { Template, testStack } from '../../helpers/template';

describe('SecurityGroup', () => {
  let t: Template;
  beforeAll(() => {
    const stack = testStack();
    const lb = new SecurityGroup(stack, 'lb', {
      name: 'app-lb',
      description: 'load balancer',
      vpcId: 'vpc-123',
      ingress: {
        https: { description: 'HTTPS from anywhere', port: 443, peer: { cidrIpv4: '0.0.0.0/0' } },
        'https-v6': { description: 'HTTPS from anywhere (IPv6)', port: 443, peer: { cidrIpv6: '::/0' } },
      },
    });
    const app = new SecurityGroup(stack, 'app', {
      name: 'app-tasks',
      description: 'tasks',
      vpcId: 'vpc-123',
      ingress: {
        http: { description: 'app port from the LB', port: 3000, peer: { securityGroupId: lb.securityGroupId } },
      },
      egress: { all: { description: 'anything', protocol: 'all', peer: { cidrIpv4: '0.0.0.0/0' } } },
    });
    lb.addEgress('to-app', {
      description: 'to tasks',
      port: 3000,
      toPort: 3001,
      peer: { securityGroupId: app.securityGroupId },
    });
    t = Template.fromStack(stack);
  });

  it('creates the group with its name, description, VPC and Name tag, create-before-destroy', () => {
    expect(t.resource('aws_security_group', 'lb/group')).toMatchObject({
      name: 'app-lb',
      description: 'load balancer',
      vpc_id: 'vpc-123',
      tags: { Name: 'app-lb' },
      lifecycle: { create_before_destroy: true },
    });
  });

  it('emits one ingress rule per declared rule, with port, protocol and peer', () => {
    expect(t.count('aws_vpc_security_group_ingress_rule')).toBe(3);
    expect(t.resource('aws_vpc_security_group_ingress_rule', 'lb/ingress-https')).toEqual({
      security_group_id: t.ref('aws_security_group', 'lb/group'),
      description: 'HTTPS from anywhere',
      ip_protocol: 'tcp',
      from_port: 443,
      to_port: 443,
      cidr_ipv4: '0.0.0.0/0',
    });
    expect(t.resource('aws_vpc_security_group_ingress_rule', 'lb/ingress-https-v6')).toMatchObject({
      from_port: 443,
      to_port: 443,
      cidr_ipv6: '::/0',
    });
    expect(t.resource('aws_vpc_security_group_ingress_rule', 'app/ingress-http')).toEqual({
      security_group_id: t.ref('aws_security_group', 'app/group'),
      description: 'app port from the LB',
      ip_protocol: 'tcp',
      from_port: 3000,
      to_port: 3000,
      referenced_security_group_id: t.ref('aws_security_group', 'lb/group'),
    });
  });

  it('emits only the declared egress: a port range to a group, and all protocols without ports', () => {
    expect(t.count('aws_vpc_security_group_egress_rule')).toBe(2);
    expect(t.resource('aws_vpc_security_group_egress_rule', 'lb/egress-to-app')).toMatchObject({
      ip_protocol: 'tcp',
      from_port: 3000,
      to_port: 3001,
      referenced_security_group_id: t.ref('aws_security_group', 'app/group'),
    });
    const all = t.resource('aws_vpc_security_group_egress_rule', 'app/egress-all');
    expect(all).toMatchObject({ ip_protocol: '-1', cidr_ipv4: '0.0.0.0/0' });
    expect(all).not.toHaveProperty('from_port');
    expect(all).not.toHaveProperty('to_port');
  });

  it('has no inline rules on the group', () => {
    for (const group of t.all('aws_security_group')) {
      expect(group).not.toHaveProperty('ingress');
      expect(group).not.toHaveProperty('egress');
    }
  });
});

describe('allowTraffic', () => {
  it('adds egress on the source group and ingress on the destination, each naming the other group', () => {
    const stack = testStack();
    const web = new SecurityGroup(stack, 'web', { name: 'web', description: 'web', vpcId: 'vpc-1' });
    const db = new SecurityGroup(stack, 'db', { name: 'db', description: 'db', vpcId: 'vpc-1' });
    allowTraffic(web, db, { port: 5432, description: 'PostgreSQL from web' });
    const t = Template.fromStack(stack);
    expect(t.count('aws_vpc_security_group_egress_rule')).toBe(1);
    expect(t.count('aws_vpc_security_group_ingress_rule')).toBe(1);
    expect(t.resource('aws_vpc_security_group_egress_rule', 'web/egress-to-db-5432')).toEqual({
      security_group_id: t.ref('aws_security_group', 'web/group'),
      description: 'PostgreSQL from web',
      ip_protocol: 'tcp',
      from_port: 5432,
      to_port: 5432,
      referenced_security_group_id: t.ref('aws_security_group', 'db/group'),
    });
    expect(t.resource('aws_vpc_security_group_ingress_rule', 'db/ingress-from-web-5432')).toEqual({
      security_group_id: t.ref('aws_security_group', 'db/group'),
      description: 'PostgreSQL from web',
      ip_protocol: 'tcp',
      from_port: 5432,
      to_port: 5432,
      referenced_security_group_id: t.ref('aws_security_group', 'web/group'),
    });
  });
});

describe('SecurityGroup validation', () => {
  const build = (rule: SecurityGroupRule) => () =>
    new SecurityGroup(testStack(), 'sg', { name: 'x', description: 'x', vpcId: 'vpc-1', ingress: { bad: rule } });

  it.each<[string, SecurityGroupRule, RegExp]>([
    [
      'port 0',
      { description: 'd', port: 0, peer: { cidrIpv4: '10.0.0.0/8' } },
      /ingress\.bad\.port: must be a TCP\/UDP port from 1 to 65535 \(got 0\)/,
    ],
    [
      'port 70000',
      { description: 'd', port: 70000, peer: { cidrIpv4: '10.0.0.0/8' } },
      /ingress\.bad\.port: .*\(got 70000\)/,
    ],
    [
      'toPort below port',
      { description: 'd', port: 8000, toPort: 80, peer: { cidrIpv4: '10.0.0.0/8' } },
      /ingress\.bad\.toPort: must be a port from 8000 to 65535 \(got 80\)/,
    ],
    ['no peer', { description: 'd', port: 80, peer: {} }, /ingress\.bad\.peer: must name exactly one/],
    [
      'two peers',
      { description: 'd', port: 80, peer: { cidrIpv4: '10.0.0.0/8', securityGroupId: 'sg-1' } },
      /ingress\.bad\.peer: must name exactly one/,
    ],
    [
      'a malformed CIDR',
      { description: 'd', port: 80, peer: { cidrIpv4: '10.0.0.300/8' } },
      /ingress\.bad\.peer\.cidrIpv4: .*\(got "10\.0\.0\.300\/8"\)/,
    ],
    [
      'ports with protocol all',
      { description: 'd', protocol: 'all', port: 80, peer: { cidrIpv4: '10.0.0.0/8' } },
      /ingress\.bad\.port: must be left out when protocol is 'all' \(got 80\)/,
    ],
    [
      'no description',
      { description: '', port: 80, peer: { cidrIpv4: '10.0.0.0/8' } },
      /ingress\.bad\.description: is required/,
    ],
  ])('rejects %s', (_name, rule, message) => {
    expect(build(rule)).toThrow(ValidationError);
    expect(build(rule)).toThrow(message);
  });
});
