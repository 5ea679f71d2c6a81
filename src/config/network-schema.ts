/**
 * The network section every blueprint has: the VPC it creates from its document's CIDRs (the defaults), or an
 * existing VPC (`existing`: ids per tier, e.g. the outputs of a `network-<env>` stack or a VPC another team runs).
 * The `network` blueprint uses the same section for the environment's shared VPC.
 */
import { z } from 'zod';
import { checkSubnetLayout } from '../../modules/core/cidr';
import { NAT_GATEWAY_MODES } from '../../modules/network';
import type { SectionIssue } from '../blueprints/blueprint';
import { ipv4Address, ipv4Cidr, logRetentionDays } from './fields';

const awsId = (prefix: string, what: string) =>
  z.string().regex(new RegExp(`^${prefix}-([0-9a-f]{8}|[0-9a-f]{17})$`), `must be ${what} id like ${prefix}-0abc12de`);

export const existingNetworkSchema = z
  .object({
    vpcId: awsId('vpc', 'a VPC'),
    /** One per availability zone, in the environment's AZ order. */
    publicSubnetIds: z.array(awsId('subnet', 'a subnet')).min(1, 'must list at least one subnet'),
    privateSubnetIds: z.array(awsId('subnet', 'a subnet')).min(1, 'must list at least one subnet'),
    /** Route tables of the private subnets, for blueprints that add routes or gateway endpoints. Default: none. */
    privateRouteTableIds: z.array(awsId('rtb', 'a route table')).default([]),
    /** Public IPs the private subnets leave through (NAT), for allow lists elsewhere (Atlas). Default: none. */
    natPublicIps: z.array(ipv4Address).default([]),
  })
  .strict();

export const networkSchema = z
  .object({
    vpcCidr: ipv4Cidr,
    /** One per availability zone, in the same order. */
    publicSubnetCidrs: z.array(z.string()),
    /** One per availability zone, in the same order. */
    privateSubnetCidrs: z.array(z.string()),
    /** `per-az` survives the loss of an AZ; `single` saves cost; `none` leaves private subnets without egress. */
    natGateways: z.enum(NAT_GATEWAY_MODES),
    flowLogs: z
      .object({
        enabled: z.boolean(),
        retentionInDays: logRetentionDays,
        trafficType: z.enum(['ALL', 'ACCEPT', 'REJECT']),
      })
      .strict(),
    /** Use this VPC instead of creating one; the CIDR settings above are then not used. Default: create. */
    existing: existingNetworkSchema.optional(),
  })
  .strict();

export type NetworkConfig = z.infer<typeof networkSchema>;
export type ExistingNetworkConfig = z.infer<typeof existingNetworkSchema>;

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

/** `a.b[2].c` → `['a', 'b', 2, 'c']`, the form zod keeps paths in. */
function pathSegments(path: string): Array<string | number> {
  return path.split(/\.|\[(\d+)\]/).flatMap<string | number>((segment, index) => {
    if (segment === undefined || segment === '') return [];
    return index % 2 === 1 ? [Number(segment)] : [segment];
  });
}
