/**
 * The Template helper itself: it sees the JSON `Testing.synth` gives, finds elements by the construct path in cdktf's
 * metadata (exact, or through the construct that wraps them), builds and follows references, and all test apps of a
 * file share one outdir.
 */
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { Testing } from 'cdktf';
import { SecurityGroup } from '../../modules/core/security-group';
import { Network } from '../../modules/network';
import { resolved, Template, testApp, testStack } from './template';

const NETWORK = {
  vpcCidr: '10.0.0.0/16',
  availabilityZones: ['us-east-1a', 'us-east-1b'],
  publicSubnetCidrs: ['10.0.1.0/24', '10.0.2.0/24'],
  privateSubnetCidrs: ['10.0.10.0/24', '10.0.11.0/24'],
};

describe('Template', () => {
  const stack = testStack('template');
  const network = new Network(stack, 'network', NETWORK);
  const web = new SecurityGroup(stack, 'web', { name: 'web', description: 'web tier', vpcId: network.vpcId });
  const synthesized = Testing.synth(stack);
  const t = Template.fromStack(stack);

  it('holds the JSON Testing.synth gives: same content, same key order, no metadata', () => {
    expect(JSON.stringify(t.json)).toBe(JSON.stringify(JSON.parse(synthesized)));
    expect(t.synthesized).not.toContain('"//"');
    expect(t.synthesized).toHaveResourceWithProperties(Vpc, { cidr_block: '10.0.0.0/16' });
  });

  it('finds a resource or data source by its construct path relative to the stack', () => {
    expect(t.resource('aws_vpc', 'network/vpc')).toMatchObject({ cidr_block: '10.0.0.0/16' });
    expect(t.resource(Subnet, 'network/private-subnet-1')).toMatchObject({ cidr_block: '10.0.11.0/24' });
    expect(t.dataSource('aws_iam_policy_document', 'network/flow-log-write')).toHaveProperty('statement');
  });

  it('finds an element through the construct that wraps it, when that holds one of the type', () => {
    expect(t.resource('aws_security_group', 'web')).toBe(t.resource('aws_security_group', 'web/group'));
    expect(t.ref('aws_vpc', 'network')).toBe(t.ref('aws_vpc', 'network/vpc'));
  });

  it('finds an element by the logical id it was given with overrideLogicalId', () => {
    const legacy = testStack('legacy');
    new Vpc(legacy, 'vpc', { cidrBlock: '10.1.0.0/16' }).overrideLogicalId('main-vpc');
    const lt = Template.fromStack(legacy);
    expect(lt.ref('aws_vpc', 'main-vpc')).toBe('${aws_vpc.main-vpc.id}');
    expect(lt.address('aws_vpc', 'vpc')).toBe('aws_vpc.main-vpc');
    expect(lt.resource('aws_vpc', 'main-vpc')).toBe(lt.resource('aws_vpc', 'vpc'));
  });

  it('names the paths it knows when a path matches no element, or several', () => {
    expect(() => t.resource('aws_vpc', 'network/nope')).toThrow(
      /expected one aws_vpc at "network\/nope", found 0; paths: network\/vpc$/,
    );
    expect(() => t.resource('aws_subnet', 'network')).toThrow(/expected one aws_subnet at "network", found 4/);
  });

  it('builds the references Terraform uses, and follows one back to its element', () => {
    const vpc = t.ref('aws_vpc', 'network/vpc');
    expect(resolved(stack, network.vpcId)).toBe(vpc);
    expect(t.resource('aws_subnet', 'network/public-subnet-0').vpc_id).toBe(vpc);
    expect(t.follow(vpc)).toMatchObject({ kind: 'resource', type: 'aws_vpc', path: 'network/vpc', attribute: 'id' });
    expect(t.pathOf(t.resource('aws_security_group', 'web').vpc_id)).toBe('network/vpc');
    const policy = t.dataRef('aws_iam_policy_document', 'network/flow-log-write');
    expect(t.follow(policy)).toMatchObject({ kind: 'data', path: 'network/flow-log-write', attribute: 'json' });
    expect(() => t.follow('vpc-123')).toThrow(/not a \$\{type\.id\.attribute\} reference/);
    expect(() => t.follow('${aws_vpc.elsewhere.id}')).toThrow(/names no resource of this stack/);
    expect(resolved(web, web.securityGroupId)).toBe(t.ref('aws_security_group', 'web'));
  });

  it('counts, lists, filters and picks by name', () => {
    expect(t.count(Subnet)).toBe(4);
    expect(t.all('aws_subnet')).toHaveLength(4);
    expect(t.where('aws_subnet', { availability_zone: 'us-east-1a' }).map((subnet) => subnet.cidr_block)).toEqual(
      expect.arrayContaining(['10.0.1.0/24', '10.0.10.0/24']),
    );
    expect(t.where('aws_subnet', { availability_zone: 'us-east-1a' })).toHaveLength(2);
    expect(t.named('aws_security_group', 'web')).toBe(t.resource('aws_security_group', 'web'));
    expect(t.named('aws_cloudwatch_log_group', '/aws/vpc/network/flow-logs')).toHaveProperty('retention_in_days');
    expect(() => t.named('aws_security_group', 'db')).toThrow(
      /expected one aws_security_group with name "db", found 0/,
    );
    expect(t.elementsOf('aws_subnet').map((element) => element.path)).toEqual(
      expect.arrayContaining(['network/public-subnet-0', 'network/private-subnet-1']),
    );
  });

  it('reads Testing.synth output too: counts and lists work, path lookups say it lacks the metadata', () => {
    const bare = new Template(synthesized);
    expect(bare.count('aws_subnet')).toBe(4);
    expect(() => bare.resource('aws_vpc', 'network/vpc')).toThrow(/has no cdktf metadata/);
  });
});

describe('test apps', () => {
  it('share one outdir per test file, whether made by testApp(), Testing.app() or Testing.synthScope()', () => {
    const outdir = testApp().outdir;
    expect(Testing.app().outdir).toBe(outdir);
    let scopeOutdir: string | undefined;
    Testing.synthScope((scope) => {
      scopeOutdir = (scope.node.root as ReturnType<typeof testApp>).outdir;
    });
    expect(scopeOutdir).toBe(outdir);
    expect(Testing.app({ outdir: `${outdir}/own` }).outdir).toBe(`${outdir}/own`);
  });
});
