/**
 * A VPC with a public and a private subnet per availability zone, an internet gateway, NAT gateways in one of three
 * modes, a route table per tier (per AZ for private subnets when each AZ has its own NAT gateway), VPC flow logs to
 * CloudWatch Logs, and the default security group stripped of its rules.
 *
 * | natGateways | NAT gateways (+ EIPs) | private route tables            | private egress survives an AZ loss |
 * | ----------- | --------------------- | ------------------------------- | ---------------------------------- |
 * | `none`      | 0                     | 1, no default route (isolated)   | n/a                                |
 * | `single`    | 1, in the first AZ    | 1, 0.0.0.0/0 → that NAT          | no                                 |
 * | `per-az`    | one per AZ            | one per AZ, 0.0.0.0/0 → its AZ's | yes                                |
 */
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { Eip } from '@cdktf/provider-aws/lib/eip';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { Route } from '@cdktf/provider-aws/lib/route';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { Construct } from 'constructs';
import { checkSubnetLayout } from '../core/cidr';
import { assertNoIssues, checkLogRetention, type ValidationIssue } from '../core/validation';

/** NAT gateway layouts, in the order of the table above. */
export const NAT_GATEWAY_MODES = ['none', 'single', 'per-az'] as const;
export type NatGatewayMode = (typeof NAT_GATEWAY_MODES)[number];

/** Which traffic flow logs record. */
export const FLOW_LOG_TRAFFIC_TYPES = ['ALL', 'ACCEPT', 'REJECT'] as const;

/** One of {@link NAT_GATEWAY_MODES}. */
export function checkNatGatewayMode(path: string, mode: string): ValidationIssue[] {
  if ((NAT_GATEWAY_MODES as readonly string[]).includes(mode)) return [];
  return [{ path, value: mode, message: 'must be "none", "single" or "per-az"' }];
}

export interface NetworkFlowLogsProps {
  /** Capture VPC flow logs. Default: true (turning them off is the weaker, explicit choice). */
  readonly enabled?: boolean;
  /** Days the flow-log group keeps records; a CloudWatch Logs retention value. Default: 90. */
  readonly retentionInDays?: number;
  /** Which traffic to record. Default: `ALL`. */
  readonly trafficType?: (typeof FLOW_LOG_TRAFFIC_TYPES)[number];
  /** KMS key ARN for the log group. Default: none (CloudWatch Logs' own encryption at rest). */
  readonly kmsKeyArn?: string;
}

export interface NetworkProps {
  /** Prefix of every resource's Name tag and of the flow-log names. Default: the construct id. */
  readonly name?: string;
  /** The VPC's IPv4 CIDR block, /16 to /28. Required. */
  readonly vpcCidr: string;
  /** Availability zones, one public and one private subnet in each. Required, at least one. */
  readonly availabilityZones: readonly string[];
  /** Public subnet CIDRs, one per AZ in the same order, inside vpcCidr, not overlapping. Required. */
  readonly publicSubnetCidrs: readonly string[];
  /** Private subnet CIDRs, one per AZ in the same order, inside vpcCidr, not overlapping. Required. */
  readonly privateSubnetCidrs: readonly string[];
  /** NAT gateways for private-subnet egress: `none`, `single` or `per-az`. Default: `per-az`. */
  readonly natGateways?: NatGatewayMode;
  /**
   * Give instances launched in public subnets a public IPv4 address. Default: false; load balancers and NAT gateways
   * do not need it, and a public address on an instance is an explicit choice.
   */
  readonly mapPublicIpOnLaunch?: boolean;
  /** VPC flow logs to CloudWatch Logs. Default: enabled, ALL traffic, 90 days. */
  readonly flowLogs?: NetworkFlowLogsProps;
  /** Tags on every resource of the module, beside the provider's default tags. Default: none. */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * What a workload needs of a VPC, whether this module created it or it already exists (ids passed in): resources
 * take a `VpcAttachment`, so either works.
 */
export interface VpcAttachment {
  readonly vpcId: string;
  /** One per AZ, in AZ order. */
  readonly publicSubnetIds: readonly string[];
  /** One per AZ, in AZ order. */
  readonly privateSubnetIds: readonly string[];
  readonly privateRouteTableIds: readonly string[];
  /** Public IPs the private subnets leave through (empty without NAT). */
  readonly natPublicIps: readonly string[];
}

export class Network extends Construct implements VpcAttachment {
  readonly vpc: Vpc;
  readonly vpcId: string;
  readonly internetGateway: InternetGateway;
  readonly publicSubnets: readonly Subnet[];
  readonly privateSubnets: readonly Subnet[];
  readonly publicSubnetIds: readonly string[];
  readonly privateSubnetIds: readonly string[];
  readonly publicRouteTable: RouteTable;
  readonly publicRouteTableId: string;
  /** One per AZ when natGateways is `per-az`, otherwise one shared by every private subnet. */
  readonly privateRouteTables: readonly RouteTable[];
  readonly privateRouteTableIds: readonly string[];
  readonly natGateways: readonly NatGateway[];
  readonly natElasticIps: readonly Eip[];
  /** The NAT gateways' public IPs, e.g. for a partner's IP allow list. Empty when natGateways is `none`. */
  readonly natPublicIps: readonly string[];
  readonly defaultSecurityGroup: DefaultSecurityGroup;
  /** Present when flow logs are enabled. */
  readonly flowLog?: FlowLog;
  readonly flowLogGroup?: CloudwatchLogGroup;
  readonly flowLogRole?: IamRole;

  constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);
    const name = props.name ?? id;
    const natMode = props.natGateways ?? 'per-az';
    const flowLogs = {
      enabled: props.flowLogs?.enabled ?? true,
      retentionInDays: props.flowLogs?.retentionInDays ?? 90,
      trafficType: props.flowLogs?.trafficType ?? 'ALL',
      kmsKeyArn: props.flowLogs?.kmsKeyArn,
    };
    assertNoIssues(`Network "${this.node.path}" props`, validateNetworkProps(props, natMode, flowLogs.retentionInDays));

    const tagged = (suffix: string, extra: Record<string, string> = {}) => ({
      ...props.tags,
      ...extra,
      Name: `${name}-${suffix}`,
    });
    const azs = props.availabilityZones;

    this.vpc = new Vpc(this, 'vpc', {
      cidrBlock: props.vpcCidr,
      enableDnsHostnames: true,
      enableDnsSupport: true,
      tags: tagged('vpc'),
    });
    this.vpcId = this.vpc.id;

    // A default security group with no rules: anything attached to it by accident can neither receive nor send.
    // Empty lists, not omitted ones: the arguments are optional+computed, so omitting them would not remove rules
    // someone adds later.
    this.defaultSecurityGroup = new DefaultSecurityGroup(this, 'default-security-group', {
      vpcId: this.vpc.id,
      ingress: [],
      egress: [],
      tags: tagged('default-deny'),
    });

    this.internetGateway = new InternetGateway(this, 'internet-gateway', { vpcId: this.vpc.id, tags: tagged('igw') });

    this.publicSubnets = azs.map(
      (az, index) =>
        new Subnet(this, `public-subnet-${index}`, {
          vpcId: this.vpc.id,
          availabilityZone: az,
          cidrBlock: props.publicSubnetCidrs[index] as string,
          mapPublicIpOnLaunch: props.mapPublicIpOnLaunch ?? false,
          tags: tagged(`public-${az}`, { tier: 'public' }),
        }),
    );
    this.privateSubnets = azs.map(
      (az, index) =>
        new Subnet(this, `private-subnet-${index}`, {
          vpcId: this.vpc.id,
          availabilityZone: az,
          cidrBlock: props.privateSubnetCidrs[index] as string,
          mapPublicIpOnLaunch: false,
          tags: tagged(`private-${az}`, { tier: 'private' }),
        }),
    );
    this.publicSubnetIds = this.publicSubnets.map((subnet) => subnet.id);
    this.privateSubnetIds = this.privateSubnets.map((subnet) => subnet.id);

    this.publicRouteTable = new RouteTable(this, 'public-route-table', { vpcId: this.vpc.id, tags: tagged('public') });
    this.publicRouteTableId = this.publicRouteTable.id;
    new Route(this, 'public-default-route', {
      routeTableId: this.publicRouteTable.id,
      destinationCidrBlock: '0.0.0.0/0',
      gatewayId: this.internetGateway.id,
    });
    this.publicSubnets.forEach(
      (subnet, index) =>
        new RouteTableAssociation(this, `public-route-table-association-${index}`, {
          subnetId: subnet.id,
          routeTableId: this.publicRouteTable.id,
        }),
    );

    const natAzCount = natMode === 'per-az' ? azs.length : natMode === 'single' ? 1 : 0;
    this.natElasticIps = azs.slice(0, natAzCount).map(
      (az, index) =>
        new Eip(this, `nat-eip-${index}`, {
          domain: 'vpc',
          tags: tagged(`nat-${az}`),
          dependsOn: [this.internetGateway],
        }),
    );
    this.natGateways = this.natElasticIps.map(
      (eip, index) =>
        new NatGateway(this, `nat-gateway-${index}`, {
          allocationId: eip.allocationId,
          subnetId: this.publicSubnets[index]?.id as string,
          connectivityType: 'public',
          tags: tagged(`nat-${azs[index]}`),
          dependsOn: [this.internetGateway],
        }),
    );
    this.natPublicIps = this.natElasticIps.map((eip) => eip.publicIp);

    const privateTableAzs = natMode === 'per-az' ? azs : [undefined];
    this.privateRouteTables = privateTableAzs.map(
      (az, index) =>
        new RouteTable(this, `private-route-table-${index}`, {
          vpcId: this.vpc.id,
          tags: tagged(az ? `private-${az}` : 'private'),
        }),
    );
    this.privateRouteTables.forEach((table, index) => {
      const natGateway = this.natGateways[natMode === 'per-az' ? index : 0];
      if (!natGateway) return; // natGateways `none`: private subnets stay isolated
      new Route(this, `private-default-route-${index}`, {
        routeTableId: table.id,
        destinationCidrBlock: '0.0.0.0/0',
        natGatewayId: natGateway.id,
      });
    });
    this.privateSubnets.forEach(
      (subnet, index) =>
        new RouteTableAssociation(this, `private-route-table-association-${index}`, {
          subnetId: subnet.id,
          routeTableId: (this.privateRouteTables[natMode === 'per-az' ? index : 0] as RouteTable).id,
        }),
    );
    this.privateRouteTableIds = this.privateRouteTables.map((table) => table.id);

    if (flowLogs.enabled) {
      this.flowLogGroup = new CloudwatchLogGroup(this, 'flow-log-group', {
        name: `/aws/vpc/${name}/flow-logs`,
        retentionInDays: flowLogs.retentionInDays,
        kmsKeyId: flowLogs.kmsKeyArn,
        tags: tagged('flow-logs'),
      });
      const assumeRole = new DataAwsIamPolicyDocument(this, 'flow-log-assume-role', {
        statement: [
          {
            effect: 'Allow',
            actions: ['sts:AssumeRole'],
            principals: [{ type: 'Service', identifiers: ['vpc-flow-logs.amazonaws.com'] }],
            // Confused-deputy guard: only flow logs of this VPC's account may use the role.
            condition: [{ test: 'StringEquals', variable: 'aws:SourceAccount', values: [this.vpc.ownerId] }],
          },
        ],
      });
      this.flowLogRole = new IamRole(this, 'flow-log-role', {
        namePrefix: truncate(`${name}-flow-logs-`, 38),
        assumeRolePolicy: assumeRole.json,
        tags: tagged('flow-logs'),
      });
      const writeLogs = new DataAwsIamPolicyDocument(this, 'flow-log-write', {
        statement: [
          {
            effect: 'Allow',
            actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
            resources: [this.flowLogGroup.arn, `${this.flowLogGroup.arn}:*`],
          },
        ],
      });
      new IamRolePolicy(this, 'flow-log-role-policy', {
        name: 'write-flow-logs',
        role: this.flowLogRole.id,
        policy: writeLogs.json,
      });
      this.flowLog = new FlowLog(this, 'flow-log', {
        vpcId: this.vpc.id,
        trafficType: flowLogs.trafficType,
        logDestinationType: 'cloud-watch-logs',
        logDestination: this.flowLogGroup.arn,
        iamRoleArn: this.flowLogRole.arn,
        maxAggregationInterval: 60,
        tags: tagged('flow-log'),
      });
    }
  }
}

/** Every rule the constructor enforces, as a pure function so tests (and callers) can ask without building. */
export function validateNetworkProps(
  props: NetworkProps,
  natMode: string = props.natGateways ?? 'per-az',
  retentionInDays: number = props.flowLogs?.retentionInDays ?? 90,
): ValidationIssue[] {
  const issues = checkSubnetLayout({
    basePath: '',
    vpcCidr: props.vpcCidr,
    availabilityZones: props.availabilityZones,
    tiers: { publicSubnetCidrs: props.publicSubnetCidrs, privateSubnetCidrs: props.privateSubnetCidrs },
  });
  issues.push(...checkNatGatewayMode('natGateways', natMode));
  issues.push(...checkLogRetention('flowLogs.retentionInDays', retentionInDays));
  return issues;
}

function truncate(value: string, length: number): string {
  return value.length > length ? value.slice(0, length) : value;
}
