/**
 * The network section: used by the environment (the `network` blueprint) and by every blueprint that brings its own
 * VPC, with the same subnet-layout checks wherever it appears.
 */
import { z } from 'zod';
import { checkSubnetLayout } from '../../modules/core/cidr';
import { NAT_GATEWAY_MODES } from '../../modules/network';
import { ipv4Cidr, logRetentionDays } from './fields';

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
  })
  .strict();

export type NetworkConfig = z.infer<typeof networkSchema>;

/**
 * Adds an issue for every subnet-layout problem of `network` (CIDRs inside the VPC, no overlaps, one subnet per AZ)
 * at `basePath`, so a blueprint's own network section is checked exactly like the environment's.
 */
export function addNetworkLayoutIssues(
  ctx: z.RefinementCtx,
  basePath: ReadonlyArray<string | number>,
  network: NetworkConfig,
  availabilityZones: readonly string[],
): void {
  const layoutIssues = checkSubnetLayout({
    basePath: 'network',
    vpcCidr: network.vpcCidr,
    availabilityZones,
    availabilityZonesPath: 'availabilityZones',
    tiers: { publicSubnetCidrs: network.publicSubnetCidrs, privateSubnetCidrs: network.privateSubnetCidrs },
  });
  for (const issue of layoutIssues) {
    const segments = pathSegments(issue.path);
    // Issues about the AZ list stay at the environment's `availabilityZones`; network ones move under basePath.
    const path = segments[0] === 'network' ? [...basePath, ...segments.slice(1)] : segments;
    ctx.addIssue({ code: z.ZodIssueCode.custom, path, message: issue.message });
  }
}

/** `a.b[2].c` → `['a', 'b', 2, 'c']`, the form zod keeps paths in. */
function pathSegments(path: string): Array<string | number> {
  return path.split(/\.|\[(\d+)\]/).flatMap<string | number>((segment, index) => {
    if (segment === undefined || segment === '') return [];
    return index % 2 === 1 ? [Number(segment)] : [segment];
  });
}
