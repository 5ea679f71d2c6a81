/**
 * The network section every blueprint has: the VPC it creates from its document's CIDRs (the defaults), or an
 * existing VPC (`existing`: ids per tier, e.g. the outputs of a `network-<env>` stack or a VPC another team runs).
 * The `network` blueprint uses the same section for the environment's shared VPC.
 */
import { z } from 'zod';
import { checkSubnetLayout } from '../../modules/core/cidr';
import type { ValidationIssue } from '../../modules/core/validation';
import { checkNatGatewayMode, FLOW_LOG_TRAFFIC_TYPES, NAT_GATEWAY_MODES } from '../../modules/network';
import type { SectionIssue } from '../blueprints/blueprint';
import { ipv4Cidr, logRetentionDays, moduleEnum, pathSegments } from './fields';

const awsId = (prefix: string, what: string) =>
  z.string().regex(new RegExp(`^${prefix}-([0-9a-f]{8}|[0-9a-f]{17})$`), `must be ${what} id like ${prefix}-0abc12de`);

/** An existing VPC: its id and its subnets per tier. A blueprint that needs more of it extends this. */
export const existingNetworkSchema = z
  .object({
    vpcId: awsId('vpc', 'a VPC'),
    /** One per availability zone, in the environment's AZ order. */
    publicSubnetIds: z.array(awsId('subnet', 'a subnet')).min(1, 'must list at least one subnet'),
    privateSubnetIds: z.array(awsId('subnet', 'a subnet')).min(1, 'must list at least one subnet'),
  })
  .strict();

/** The network section with `existing` as `existing` describes it (see {@link existingNetworkSchema}). */
export function networkSchemaWith<E extends z.ZodTypeAny>(existing: E) {
  return z
    .object({
      vpcCidr: ipv4Cidr,
      /** One per availability zone, in the same order. */
      publicSubnetCidrs: z.array(z.string()),
      /** One per availability zone, in the same order. */
      privateSubnetCidrs: z.array(z.string()),
      /** `per-az` survives the loss of an AZ; `single` saves cost; `none` leaves private subnets without egress. */
      natGateways: moduleEnum(NAT_GATEWAY_MODES, checkNatGatewayMode),
      flowLogs: z
        .object({
          enabled: z.boolean(),
          retentionInDays: logRetentionDays,
          trafficType: z.enum(FLOW_LOG_TRAFFIC_TYPES),
        })
        .strict(),
      /** Use this VPC instead of creating one; the CIDR settings above are then not used. Default: create. */
      existing: existing.optional(),
    })
    .strict();
}

export const networkSchema = networkSchemaWith(existingNetworkSchema);

export type NetworkConfig = z.infer<typeof networkSchema>;
export type ExistingNetworkConfig = z.infer<typeof existingNetworkSchema>;

/** The subnets of a tier as the modules get them, and where they come from in the section. */
export interface ConfiguredSubnets {
  /** `network.publicSubnetCidrs` (created) or `network.existing.publicSubnetIds`, relative to the section. */
  readonly path: string;
  /** The existing subnet ids, or one stand-in per subnet the network creates (ids known at apply time). */
  readonly subnetIds: readonly string[];
}

/** The public and private subnets a blueprint's modules get from its `network` section at `base`. */
export function subnetsOf(
  network: NetworkConfig,
  base = 'network',
): { readonly public: ConfiguredSubnets; readonly private: ConfiguredSubnets } {
  if (network.existing) {
    return {
      public: { path: `${base}.existing.publicSubnetIds`, subnetIds: network.existing.publicSubnetIds },
      private: { path: `${base}.existing.privateSubnetIds`, subnetIds: network.existing.privateSubnetIds },
    };
  }
  const created = (tier: string, cidrs: readonly string[]) => ({
    path: `${base}.${tier}`,
    subnetIds: cidrs.map((_, index) => `${tier}-${index}`),
  });
  return {
    public: created('publicSubnetCidrs', network.publicSubnetCidrs),
    private: created('privateSubnetCidrs', network.privateSubnetCidrs),
  };
}

/** Module issues (dotted paths relative to the section) as a blueprint check's issues. */
export function sectionIssues(issues: readonly ValidationIssue[]): SectionIssue[] {
  return issues.map((issue) => ({ path: pathSegments(issue.path), message: issue.message }));
}

/**
 * Subnet-layout problems of a network section (CIDRs inside the VPC, no overlaps, one subnet per AZ of the region),
 * at `basePath` within the blueprint's section. An existing network is checked for one subnet per AZ only.
 */
export function networkIssues(
  network: NetworkConfig,
  availabilityZones: readonly string[],
  basePath: ReadonlyArray<string | number> = ['network'],
): SectionIssue[] {
  if (network.existing) {
    const existing = network.existing;
    return (['publicSubnetIds', 'privateSubnetIds'] as const)
      .filter((tier) => existing[tier].length !== availabilityZones.length)
      .map((tier) => ({
        path: [...basePath, 'existing', tier],
        message: `has ${existing[tier].length} subnet(s) but ${availabilityZones.length} availability zone(s) are configured; give one per AZ`,
      }));
  }
  const layoutIssues = checkSubnetLayout({
    basePath: 'network',
    vpcCidr: network.vpcCidr,
    availabilityZones,
    availabilityZonesPath: 'availabilityZones',
    tiers: { publicSubnetCidrs: network.publicSubnetCidrs, privateSubnetCidrs: network.privateSubnetCidrs },
  });
  // Problems of the AZ list itself are the environment's, reported once there.
  return layoutIssues
    .map((issue) => pathSegments(issue.path))
    .flatMap((segments, index) =>
      segments[0] === 'network'
        ? [{ path: [...basePath, ...segments.slice(1)], message: layoutIssues[index]!.message }]
        : [],
    );
}

/** The flow logs every blueprint's VPC gets by default: all traffic, kept a year in production and 30 days elsewhere. */
export function defaultFlowLogs(production: boolean) {
  return { enabled: true, retentionInDays: production ? 365 : 30, trafficType: 'ALL' as const };
}
