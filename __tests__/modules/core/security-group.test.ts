/**
 * The security-group primitive: one rule resource per port and peer, with the port, protocol and peer declared (cdktf
 * matchers); each rule on its own group, naming the other group by reference, no rule that was not declared and no
 * argument a rule does not need (Template); and a clear error for a bad port, a missing or doubled peer, or a
 * malformed CIDR.
 */
import { SecurityGroup as AwsSecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Testing } from 'cdktf';
import type { Construct } from 'constructs';
import { allowTraffic, SecurityGroup, type SecurityGroupRule } from '../../../modules/core/security-group';
import { ValidationError } from '../../../modules/core/validation';
import { ruleWiring } from '../../helpers/security-groups';
import { Template, testStack } from '../../helpers/template';

/** A load balancer group open to the internet on 443, and an app group it reaches on 3000-3001. */
function lbAndApp(scope: Construct): void {
  const lb = new SecurityGroup(scope, 'lb', {
    name: 'app-lb',
    description: 'load balancer',
    vpcId: 'vpc-123',
    ingress: {
      https: { description: 'HTTPS from anywhere', port: 443, peer: { cidrIpv4: '0.0.0.0/0' } },
      'https-v6': { description: 'HTTPS from anywhere (IPv6)', port: 443, peer: { cidrIpv6: '::/0' } },
    },
  });
  const app = new SecurityGroup(scope, 'app', {
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
}

describe('SecurityGroup (cdktf matchers)', () => {
  const synthesized = Testing.synthScope(lbAndApp);

  it('creates the group with its name, description, VPC and Name tag, create-before-destroy', () => {
    expect(synthesized).toHaveResourceWithProperties(AwsSecurityGroup, {
      name: 'app-lb',
      description: 'load balancer',
      vpc_id: 'vpc-123',
      tags: { Name: 'app-lb' },
      lifecycle: { create_before_destroy: true },
    });
  });

  it('has no inline rules on any group', () => {
    expect(synthesized).not.toHaveResourceWithProperties(AwsSecurityGroup, { ingress: expect.anything() });
    expect(synthesized).not.toHaveResourceWithProperties(AwsSecurityGroup, { egress: expect.anything() });
  });

  it('opens TCP 443 to anywhere over IPv4 and over IPv6, one rule each', () => {
    expect(synthesized).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, {
      description: 'HTTPS from anywhere',
      ip_protocol: 'tcp',
      from_port: 443,
      to_port: 443,
      cidr_ipv4: '0.0.0.0/0',
    });
    expect(synthesized).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, {
      description: 'HTTPS from anywhere (IPv6)',
      ip_protocol: 'tcp',
      from_port: 443,
      to_port: 443,
      cidr_ipv6: '::/0',
    });
  });

  it('admits TCP 3000 from a group', () => {
    expect(synthesized).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, {
      description: 'app port from the LB',
      ip_protocol: 'tcp',
      from_port: 3000,
      to_port: 3000,
    });
  });

  it('sends a port range to a group', () => {
    expect(synthesized).toHaveResourceWithProperties(VpcSecurityGroupEgressRule, {
      description: 'to tasks',
      ip_protocol: 'tcp',
      from_port: 3000,
      to_port: 3001,
    });
  });

  it('sends every protocol to anywhere with protocol -1 and no ports', () => {
    expect(synthesized).toHaveResourceWithProperties(VpcSecurityGroupEgressRule, {
      description: 'anything',
      ip_protocol: '-1',
      cidr_ipv4: '0.0.0.0/0',
    });
    for (const port of ['from_port', 'to_port']) {
      expect(synthesized).not.toHaveResourceWithProperties(VpcSecurityGroupEgressRule, {
        ip_protocol: '-1',
        [port]: expect.anything(),
      });
    }
  });
});

describe('SecurityGroup rules (Template)', () => {
  let t: Template;
  beforeAll(() => {
    const stack = testStack();
    lbAndApp(stack);
    t = Template.fromStack(stack);
  });

  it('emits exactly the declared ingress rules, each on its group, a group peer by reference', () => {
    expect(ruleWiring(t, 'ingress')).toEqual({
      'lb/ingress-https': { group: 'lb/group' },
      'lb/ingress-https-v6': { group: 'lb/group' },
      'app/ingress-http': { group: 'app/group', peerGroup: 'lb/group' },
    });
  });

  it('emits exactly the declared egress rules, each on its group', () => {
    expect(ruleWiring(t, 'egress')).toEqual({
      'lb/egress-to-app': { group: 'lb/group', peerGroup: 'app/group' },
      'app/egress-all': { group: 'app/group' },
    });
  });

  it('gives a rule only the arguments it needs: one peer, no empty fields', () => {
    const argumentsOf = (type: string, path: string) => Object.keys(t.resource(type, path)).sort();
    expect(argumentsOf('aws_vpc_security_group_ingress_rule', 'lb/ingress-https')).toEqual([
      'cidr_ipv4',
      'description',
      'from_port',
      'ip_protocol',
      'security_group_id',
      'to_port',
    ]);
    expect(argumentsOf('aws_vpc_security_group_ingress_rule', 'app/ingress-http')).toEqual([
      'description',
      'from_port',
      'ip_protocol',
      'referenced_security_group_id',
      'security_group_id',
      'to_port',
    ]);
  });
});

describe('allowTraffic', () => {
  const webToDb = (scope: Construct) => {
    const web = new SecurityGroup(scope, 'web', { name: 'web', description: 'web', vpcId: 'vpc-1' });
    const db = new SecurityGroup(scope, 'db', { name: 'db', description: 'db', vpcId: 'vpc-1' });
    allowTraffic(web, db, { port: 5432, description: 'PostgreSQL from web' });
  };

  it('opens the port on both sides (cdktf matchers)', () => {
    const synthesized = Testing.synthScope(webToDb);
    const rule = { description: 'PostgreSQL from web', ip_protocol: 'tcp', from_port: 5432, to_port: 5432 };
    expect(synthesized).toHaveResourceWithProperties(VpcSecurityGroupEgressRule, rule);
    expect(synthesized).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, rule);
  });

  it('adds one egress rule on the source group and one ingress rule on the destination, each naming the other', () => {
    const stack = testStack();
    webToDb(stack);
    const t = Template.fromStack(stack);
    expect(ruleWiring(t, 'egress')).toEqual({ 'web/egress-to-db-5432': { group: 'web/group', peerGroup: 'db/group' } });
    expect(ruleWiring(t, 'ingress')).toEqual({
      'db/ingress-from-web-5432': { group: 'db/group', peerGroup: 'web/group' },
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
