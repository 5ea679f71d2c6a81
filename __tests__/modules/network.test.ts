/**
 * The network module: every CIDR and the closed default security group (cdktf matchers), every route and NAT placement
 * of each NAT mode, the flow-log wiring and its IAM scoping, and props validation at construction time (Template).
 * Each scenario is synthesized once.
 */
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { Testing, type TerraformStack } from 'cdktf';
import { Network, type NetworkProps } from '../../modules/network';
import { resolved, Template, testStack } from '../helpers/template';
import { issuePathsAndValues, rejectsEachCase, type ExpectedIssue } from '../helpers/validation';

const TWO_AZ: NetworkProps = {
  vpcCidr: '10.0.0.0/16',
  availabilityZones: ['us-east-1a', 'us-east-1b'],
  publicSubnetCidrs: ['10.0.1.0/24', '10.0.2.0/24'],
  privateSubnetCidrs: ['10.0.10.0/24', '10.0.11.0/24'],
};

const THREE_AZ: NetworkProps = {
  vpcCidr: '10.0.0.0/16',
  availabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
  publicSubnetCidrs: ['10.0.1.0/24', '10.0.2.0/24', '10.0.3.0/24'],
  privateSubnetCidrs: ['10.0.10.0/24', '10.0.11.0/24', '10.0.12.0/24'],
};

interface Scenario {
  readonly stack: TerraformStack;
  readonly network: Network;
  readonly t: Template;
}

/** Builds a `Network` with construct id `network` in a fresh stack and synthesizes it once. */
function scenario(props: NetworkProps): () => Scenario {
  let built: Scenario | undefined;
  beforeAll(() => {
    const stack = testStack();
    const network = new Network(stack, 'network', props);
    built = { stack, network, t: Template.fromStack(stack) };
  });
  return () => {
    if (!built) throw new Error('scenario not built');
    return built;
  };
}

const range = (n: number) => Array.from({ length: n }, (_, index) => index);

describe('Network (cdktf matchers)', () => {
  describe('with default props (2 AZs)', () => {
    const synthesized = Testing.synthScope((scope) => {
      new Network(scope, 'network', TWO_AZ);
    });

    it('creates the VPC 10.0.0.0/16 with DNS hostnames and DNS support on', () => {
      expect(synthesized).toHaveResourceWithProperties(Vpc, {
        cidr_block: '10.0.0.0/16',
        enable_dns_hostnames: true,
        enable_dns_support: true,
        tags: { Name: 'network-vpc' },
      });
    });

    it.each([
      ['10.0.1.0/24', 'us-east-1a', 'public'],
      ['10.0.2.0/24', 'us-east-1b', 'public'],
      ['10.0.10.0/24', 'us-east-1a', 'private'],
      ['10.0.11.0/24', 'us-east-1b', 'private'],
    ])('has subnet %s in %s, tier %s, without public IPs on launch', (cidr, az, tier) => {
      expect(synthesized).toHaveResourceWithProperties(Subnet, {
        cidr_block: cidr,
        availability_zone: az,
        map_public_ip_on_launch: false,
        tags: { Name: `network-${tier}-${az}`, tier },
      });
    });

    it('records ALL traffic of the VPC to CloudWatch Logs', () => {
      expect(synthesized).toHaveResourceWithProperties(FlowLog, {
        traffic_type: 'ALL',
        log_destination_type: 'cloud-watch-logs',
      });
    });

    it('takes over the default security group with empty (not omitted) ingress and egress lists', () => {
      expect(synthesized).toHaveResourceWithProperties(DefaultSecurityGroup, { ingress: [], egress: [] });
    });
  });

  describe('over 3 AZs', () => {
    const synthesized = Testing.synthScope((scope) => {
      new Network(scope, 'network', THREE_AZ);
    });

    it.each([
      ['10.0.1.0/24', 'us-east-1a', 'public'],
      ['10.0.2.0/24', 'us-east-1b', 'public'],
      ['10.0.3.0/24', 'us-east-1c', 'public'],
      ['10.0.10.0/24', 'us-east-1a', 'private'],
      ['10.0.11.0/24', 'us-east-1b', 'private'],
      ['10.0.12.0/24', 'us-east-1c', 'private'],
    ])('has subnet %s in %s, tier %s', (cidr, az, tier) => {
      expect(synthesized).toHaveResourceWithProperties(Subnet, {
        cidr_block: cidr,
        availability_zone: az,
        tags: expect.objectContaining({ tier }),
      });
    });
  });
});

describe('Network with default props (2 AZs, per-az NAT, flow logs on)', () => {
  const s = scenario(TWO_AZ);

  describe('VPC and subnets', () => {
    it('creates one VPC and exactly four subnets, all in it', () => {
      const { t } = s();
      expect(t.count('aws_vpc')).toBe(1);
      expect(t.all('aws_subnet').map((subnet) => subnet.vpc_id)).toEqual(
        range(4).map(() => t.ref('aws_vpc', 'network/vpc')),
      );
    });

    it.each(range(2))('keeps public and private subnet %i in the AZ of the same index', (index) => {
      const { t } = s();
      for (const tier of ['public', 'private']) {
        expect(t.resource('aws_subnet', `network/${tier}-subnet-${index}`)).toMatchObject({
          availability_zone: TWO_AZ.availabilityZones[index],
          tags: { tier },
        });
      }
    });
  });

  describe('public routing', () => {
    it('attaches one internet gateway to the VPC', () => {
      const { t } = s();
      expect(t.count('aws_internet_gateway')).toBe(1);
      expect(t.resource('aws_internet_gateway', 'network/internet-gateway').vpc_id).toBe(
        t.ref('aws_vpc', 'network/vpc'),
      );
    });

    it('has one public route table whose only route sends 0.0.0.0/0 to the internet gateway', () => {
      const { t } = s();
      expect(t.resource('aws_route_table', 'network/public-route-table').vpc_id).toBe(t.ref('aws_vpc', 'network/vpc'));
      expect(t.resource('aws_route', 'network/public-default-route')).toEqual({
        route_table_id: t.ref('aws_route_table', 'network/public-route-table'),
        destination_cidr_block: '0.0.0.0/0',
        gateway_id: t.ref('aws_internet_gateway', 'network/internet-gateway'),
      });
      const publicTable = t.ref('aws_route_table', 'network/public-route-table');
      expect(t.all('aws_route').filter((route) => route.route_table_id === publicTable)).toHaveLength(1);
    });

    it.each(range(2))('associates public subnet %i with the public route table', (index) => {
      const { t } = s();
      expect(t.resource('aws_route_table_association', `network/public-route-table-association-${index}`)).toEqual({
        subnet_id: t.ref('aws_subnet', `network/public-subnet-${index}`),
        route_table_id: t.ref('aws_route_table', 'network/public-route-table'),
      });
    });

    it('associates every subnet exactly once (2 public + 2 private)', () => {
      const { t } = s();
      expect(t.count('aws_route_table_association')).toBe(4);
      const subnets = t.all('aws_route_table_association').map((association) => association.subnet_id);
      expect(new Set(subnets).size).toBe(4);
    });
  });

  describe('NAT gateways: per-az (the default)', () => {
    it('creates one NAT gateway and one EIP per AZ', () => {
      const { t } = s();
      expect(t.count('aws_nat_gateway')).toBe(2);
      expect(t.count('aws_eip')).toBe(2);
    });

    it.each(range(2))('puts NAT gateway %i in the public subnet of its AZ with its own VPC EIP', (index) => {
      const { t } = s();
      const az = TWO_AZ.availabilityZones[index];
      const nat = t.resource('aws_nat_gateway', `network/nat-gateway-${index}`);
      expect(nat).toMatchObject({
        allocation_id: t.ref('aws_eip', `network/nat-eip-${index}`, 'allocation_id'),
        subnet_id: t.ref('aws_subnet', `network/public-subnet-${index}`),
        connectivity_type: 'public',
        tags: { Name: `network-nat-${az}` },
      });
      expect(t.follow(nat.subnet_id).block).toMatchObject({ availability_zone: az, tags: { tier: 'public' } });
      expect(t.resource('aws_eip', `network/nat-eip-${index}`).domain).toBe('vpc');
    });

    it('creates one private route table per AZ (3 tables with the public one)', () => {
      const { t } = s();
      expect(t.count('aws_route_table')).toBe(3);
      for (const index of range(2)) {
        expect(t.resource('aws_route_table', `network/private-route-table-${index}`).vpc_id).toBe(
          t.ref('aws_vpc', 'network/vpc'),
        );
      }
    });

    it.each(range(2))('routes private subnet %i through its private route table to NAT gateway i', (index) => {
      const { t } = s();
      expectPrivateEgressThroughOwnNat(t, index);
    });

    it('has exactly three routes: the public default route and one per private table', () => {
      expect(s().t.count('aws_route')).toBe(3);
    });

    it('exposes the IDs and NAT public IPs of what it created', () => {
      const { network, t } = s();
      expect(resolved(s().stack, network.natPublicIps)).toEqual(
        range(2).map((i) => t.ref('aws_eip', `network/nat-eip-${i}`, 'public_ip')),
      );
      expect(resolved(s().stack, network.privateRouteTableIds)).toEqual(
        range(2).map((i) => t.ref('aws_route_table', `network/private-route-table-${i}`)),
      );
      expect(resolved(s().stack, network.publicSubnetIds)).toEqual(
        range(2).map((i) => t.ref('aws_subnet', `network/public-subnet-${i}`)),
      );
      expect(resolved(s().stack, network.privateSubnetIds)).toEqual(
        range(2).map((i) => t.ref('aws_subnet', `network/private-subnet-${i}`)),
      );
      expect(resolved(s().stack, [network.vpcId])).toEqual([t.ref('aws_vpc', 'network/vpc')]);
      expect(resolved(s().stack, [network.publicRouteTableId])).toEqual([
        t.ref('aws_route_table', 'network/public-route-table'),
      ]);
    });
  });

  describe('flow logs', () => {
    it('creates a log group /aws/vpc/<name>/flow-logs kept 90 days', () => {
      const { t } = s();
      expect(t.count('aws_cloudwatch_log_group')).toBe(1);
      expect(t.resource('aws_cloudwatch_log_group', 'network/flow-log-group')).toMatchObject({
        name: '/aws/vpc/network/flow-logs',
        retention_in_days: 90,
      });
    });

    it('records the traffic of the VPC into that log group through the flow-log role', () => {
      const { t } = s();
      expect(t.count('aws_flow_log')).toBe(1);
      expect(t.resource('aws_flow_log', 'network/flow-log')).toMatchObject({
        vpc_id: t.ref('aws_vpc', 'network/vpc'),
        log_destination: t.ref('aws_cloudwatch_log_group', 'network/flow-log-group', 'arn'),
        iam_role_arn: t.ref('aws_iam_role', 'network/flow-log-role', 'arn'),
      });
    });

    it('lets only vpc-flow-logs.amazonaws.com, for this account, assume the role', () => {
      const { t } = s();
      expect(t.resource('aws_iam_role', 'network/flow-log-role').assume_role_policy).toBe(
        t.dataRef('aws_iam_policy_document', 'network/flow-log-assume-role'),
      );
      expect(t.dataSource('aws_iam_policy_document', 'network/flow-log-assume-role').statement).toEqual([
        {
          effect: 'Allow',
          actions: ['sts:AssumeRole'],
          principals: [{ type: 'Service', identifiers: ['vpc-flow-logs.amazonaws.com'] }],
          condition: [
            {
              test: 'StringEquals',
              variable: 'aws:SourceAccount',
              values: [t.ref('aws_vpc', 'network/vpc', 'owner_id')],
            },
          ],
        },
      ]);
    });

    it('grants the role exactly the three write actions, on the flow-log group only', () => {
      const { t } = s();
      expect(t.count('aws_iam_role_policy')).toBe(1);
      expect(t.resource('aws_iam_role_policy', 'network/flow-log-role-policy')).toMatchObject({
        role: t.ref('aws_iam_role', 'network/flow-log-role'),
        policy: t.dataRef('aws_iam_policy_document', 'network/flow-log-write'),
      });
      const statements = t.dataSource('aws_iam_policy_document', 'network/flow-log-write').statement as Array<
        Record<string, unknown>
      >;
      expect(statements).toHaveLength(1);
      const groupArn = t.ref('aws_cloudwatch_log_group', 'network/flow-log-group', 'arn');
      expect(statements[0]).toEqual({
        effect: 'Allow',
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
        resources: [groupArn, `${groupArn}:*`],
      });
      expect(statements[0]?.resources).not.toContain('*');
    });

    it('creates exactly two policy documents (trust and write) and one role', () => {
      const { t } = s();
      expect(Object.keys(t.dataSources('aws_iam_policy_document'))).toHaveLength(2);
      expect(t.count('aws_iam_role')).toBe(1);
    });
  });

  describe('default security group', () => {
    it("takes over the VPC's own default security group, and only that one", () => {
      const { t } = s();
      expect(t.count('aws_default_security_group')).toBe(1);
      const group = t.resource('aws_default_security_group', 'network/default-security-group');
      expect(group.vpc_id).toBe(t.ref('aws_vpc', 'network/vpc'));
    });
  });
});

describe('Network with mapPublicIpOnLaunch: true', () => {
  const s = scenario({ ...TWO_AZ, mapPublicIpOnLaunch: true });

  it.each([
    ['public-subnet-0', true],
    ['public-subnet-1', true],
    ['private-subnet-0', false],
    ['private-subnet-1', false],
  ])('%s has map_public_ip_on_launch %s', (id, expected) => {
    expect(s().t.resource('aws_subnet', `network/${id}`).map_public_ip_on_launch).toBe(expected);
  });
});

describe('Network over 3 AZs (per-az NAT)', () => {
  const s = scenario(THREE_AZ);

  it('creates 6 subnets, 3 NAT gateways, 3 EIPs, 3 private route tables and 4 routes', () => {
    const { t } = s();
    expect(t.count('aws_subnet')).toBe(6);
    expect(t.count('aws_nat_gateway')).toBe(3);
    expect(t.count('aws_eip')).toBe(3);
    expect(t.count('aws_route_table')).toBe(4);
    expect(t.count('aws_route')).toBe(4);
    expect(t.count('aws_route_table_association')).toBe(6);
  });

  it.each(range(3))('AZ %i: NAT in its public subnet, private subnet → its table → its NAT', (index) => {
    const { t } = s();
    expect(t.resource('aws_nat_gateway', `network/nat-gateway-${index}`).subnet_id).toBe(
      t.ref('aws_subnet', `network/public-subnet-${index}`),
    );
    expectPrivateEgressThroughOwnNat(t, index);
  });

  it('exposes 3 NAT IPs, 3 private route tables and 3 subnets per tier', () => {
    const { network } = s();
    expect(network.natPublicIps).toHaveLength(3);
    expect(network.privateRouteTableIds).toHaveLength(3);
    expect(network.publicSubnetIds).toHaveLength(3);
    expect(network.privateSubnetIds).toHaveLength(3);
  });
});

describe('Network with natGateways: single (3 AZs)', () => {
  const s = scenario({ ...THREE_AZ, natGateways: 'single' });

  it('creates one NAT gateway with one VPC EIP, in the first public subnet', () => {
    const { t } = s();
    expect(t.count('aws_nat_gateway')).toBe(1);
    expect(t.count('aws_eip')).toBe(1);
    expect(t.resource('aws_nat_gateway', 'network/nat-gateway-0')).toMatchObject({
      allocation_id: t.ref('aws_eip', 'network/nat-eip-0', 'allocation_id'),
      subnet_id: t.ref('aws_subnet', 'network/public-subnet-0'),
    });
    expect(t.resource('aws_eip', 'network/nat-eip-0').domain).toBe('vpc');
  });

  it('creates ONE private route table (2 with the public one) whose default route goes to that NAT', () => {
    const { t } = s();
    expect(t.count('aws_route_table')).toBe(2);
    expect(t.count('aws_route')).toBe(2);
    expect(t.resource('aws_route', 'network/private-default-route-0')).toEqual({
      route_table_id: t.ref('aws_route_table', 'network/private-route-table-0'),
      destination_cidr_block: '0.0.0.0/0',
      nat_gateway_id: t.ref('aws_nat_gateway', 'network/nat-gateway-0'),
    });
  });

  it.each(range(3))('associates private subnet %i with the shared private route table', (index) => {
    const { t } = s();
    expect(t.resource('aws_route_table_association', `network/private-route-table-association-${index}`)).toEqual({
      subnet_id: t.ref('aws_subnet', `network/private-subnet-${index}`),
      route_table_id: t.ref('aws_route_table', 'network/private-route-table-0'),
    });
  });

  it('exposes one NAT IP and one private route table id, and 3 subnets per tier', () => {
    const { network, t } = s();
    expect(resolved(s().stack, network.natPublicIps)).toEqual([t.ref('aws_eip', 'network/nat-eip-0', 'public_ip')]);
    expect(resolved(s().stack, network.privateRouteTableIds)).toEqual([
      t.ref('aws_route_table', 'network/private-route-table-0'),
    ]);
    expect(network.publicSubnetIds).toHaveLength(3);
    expect(network.privateSubnetIds).toHaveLength(3);
  });
});

describe('Network with natGateways: none', () => {
  const s = scenario({ ...TWO_AZ, natGateways: 'none' });

  it('creates no NAT gateway and no EIP', () => {
    const { t } = s();
    expect(t.count('aws_nat_gateway')).toBe(0);
    expect(t.count('aws_eip')).toBe(0);
  });

  it('creates one private route table with no route in it: private subnets are isolated', () => {
    const { t } = s();
    expect(t.count('aws_route_table')).toBe(2);
    const privateTable = t.ref('aws_route_table', 'network/private-route-table-0');
    expect(t.count('aws_route')).toBe(1);
    expect(t.all('aws_route').filter((route) => route.route_table_id === privateTable)).toEqual([]);
    expect(t.resource('aws_route', 'network/public-default-route').gateway_id).toBe(
      t.ref('aws_internet_gateway', 'network/internet-gateway'),
    );
  });

  it.each(range(2))('associates private subnet %i with the isolated private route table', (index) => {
    const { t } = s();
    expect(
      t.resource('aws_route_table_association', `network/private-route-table-association-${index}`).route_table_id,
    ).toBe(t.ref('aws_route_table', 'network/private-route-table-0'));
  });

  it('exposes no NAT IP, one private route table id and 2 subnets per tier', () => {
    const { network } = s();
    expect(network.natPublicIps).toEqual([]);
    expect(network.natGateways).toEqual([]);
    expect(network.privateRouteTableIds).toHaveLength(1);
    expect(network.publicSubnetIds).toHaveLength(2);
    expect(network.privateSubnetIds).toHaveLength(2);
  });
});

describe('Network with a name and configured flow logs', () => {
  const s = scenario({ ...TWO_AZ, name: 'shared', flowLogs: { retentionInDays: 365, trafficType: 'REJECT' } });

  it('names the log group after props.name and keeps records the configured 365 days', () => {
    expect(s().t.resource('aws_cloudwatch_log_group', 'network/flow-log-group')).toMatchObject({
      name: '/aws/vpc/shared/flow-logs',
      retention_in_days: 365,
    });
  });

  it('records the configured traffic type', () => {
    expect(s().t.resource('aws_flow_log', 'network/flow-log').traffic_type).toBe('REJECT');
  });

  it('prefixes Name tags with props.name', () => {
    expect(s().t.resource('aws_vpc', 'network/vpc').tags).toEqual({ Name: 'shared-vpc' });
  });
});

describe('Network with flowLogs: { enabled: false }', () => {
  const s = scenario({ ...TWO_AZ, flowLogs: { enabled: false } });

  it('still creates the VPC', () => {
    expect(s().t.count('aws_vpc')).toBe(1);
  });

  it('creates no flow log, log group, role, role policy or policy document', () => {
    const { t, network } = s();
    expect(t.count('aws_flow_log')).toBe(0);
    expect(t.count('aws_cloudwatch_log_group')).toBe(0);
    expect(t.count('aws_iam_role')).toBe(0);
    expect(t.count('aws_iam_role_policy')).toBe(0);
    expect(t.dataSources('aws_iam_policy_document')).toEqual({});
    expect(network.flowLog).toBeUndefined();
    expect(network.flowLogGroup).toBeUndefined();
    expect(network.flowLogRole).toBeUndefined();
  });
});

describe('Network props validation', () => {
  const cases: Array<[string, Partial<NetworkProps>, ExpectedIssue]> = [
    [
      'a malformed vpcCidr',
      { vpcCidr: '10.0.0/16' },
      { path: 'vpcCidr', value: '10.0.0/16', message: /^is not an IPv4 CIDR block/ },
    ],
    [
      'a subnet outside the VPC',
      { publicSubnetCidrs: ['10.0.1.0/24', '10.1.2.0/24'] },
      { path: 'publicSubnetCidrs[1]', value: '10.1.2.0/24', message: /^is not inside vpcCidr 10\.0\.0\.0\/16$/ },
    ],
    [
      'overlapping subnets',
      { privateSubnetCidrs: ['10.0.10.0/24', '10.0.1.128/25'] },
      {
        path: 'privateSubnetCidrs[1]',
        value: '10.0.1.128/25',
        message: /^overlaps publicSubnetCidrs\[0\] 10\.0\.1\.0\/24$/,
      },
    ],
    [
      'a subnet count different from the AZ count',
      { publicSubnetCidrs: ['10.0.1.0/24'] },
      { path: 'publicSubnetCidrs', value: ['10.0.1.0/24'], message: /^has 1 subnet\(s\) but 2 availability zone\(s\)/ },
    ],
    [
      'a bad NAT mode',
      { natGateways: 'multi' as never },
      { path: 'natGateways', value: 'multi', message: /^must be "none", "single" or "per-az"$/ },
    ],
    [
      'a flow-log retention CloudWatch does not offer',
      { flowLogs: { retentionInDays: 45 } },
      { path: 'flowLogs.retentionInDays', value: 45, message: /^must be a CloudWatch Logs retention period/ },
    ],
    [
      'a duplicate AZ',
      { availabilityZones: ['us-east-1a', 'us-east-1a'] },
      { path: 'availabilityZones[1]', value: 'us-east-1a', message: /^is listed more than once$/ },
    ],
    [
      'a subnet with host bits set',
      { publicSubnetCidrs: ['10.0.1.5/24', '10.0.2.0/24'] },
      {
        path: 'publicSubnetCidrs[0]',
        value: '10.0.1.5/24',
        message: /^has host bits set \(the network address is 10\.0\.1\.0\/24\)$/,
      },
    ],
    [
      'a VPC block larger than AWS allows',
      { vpcCidr: '10.0.0.0/8' },
      { path: 'vpcCidr', value: '10.0.0.0/8', message: /^has prefix length \/8; AWS allows \/16 to \/28 here$/ },
    ],
  ];

  /** Every bad construction goes into this one stack, so that synthesizing it shows none of them left a resource. */
  const bad = rejectsEachCase({
    subject: /^Invalid Network "invalid\/bad-\d+" props:\n {2}- /,
    cases,
    build: (stack, id, props) => new Network(stack, id, { ...TWO_AZ, ...props }),
    extra: {
      'two bad fields': (stack) =>
        new Network(stack, 'bad-twice', {
          ...TWO_AZ,
          natGateways: 'multi' as never,
          flowLogs: { retentionInDays: 45 },
        }),
    },
  });

  it('reports every bad field in one error', () => {
    expect(issuePathsAndValues(bad.thrown.get('two bad fields'))).toEqual([
      ['natGateways', 'multi'],
      ['flowLogs.retentionInDays', 45],
    ]);
  });

  it('adds no resource to the stack when construction throws', () => {
    const t = Template.fromStack(bad.stack());
    expect(t.count('aws_vpc')).toBe(0);
    expect(t.json.resource).toBeUndefined();
    expect(t.json.data).toBeUndefined();
  });
});

/**
 * Private subnet i is associated to private route table i, whose default route goes to NAT gateway i, which sits in
 * the public subnet of the same AZ.
 */
function expectPrivateEgressThroughOwnNat(t: Template, index: number): void {
  const table = t.ref('aws_route_table', `network/private-route-table-${index}`);
  const nat = t.resource('aws_nat_gateway', `network/nat-gateway-${index}`);
  const azOf = (subnetRef: unknown) => t.follow(subnetRef).block.availability_zone;
  expect(azOf(nat.subnet_id)).toBe(azOf(t.ref('aws_subnet', `network/private-subnet-${index}`)));
  expect(t.resource('aws_route_table_association', `network/private-route-table-association-${index}`)).toEqual({
    subnet_id: t.ref('aws_subnet', `network/private-subnet-${index}`),
    route_table_id: table,
  });
  expect(t.resource('aws_route', `network/private-default-route-${index}`)).toEqual({
    route_table_id: table,
    destination_cidr_block: '0.0.0.0/0',
    nat_gateway_id: t.ref('aws_nat_gateway', `network/nat-gateway-${index}`),
  });
}
