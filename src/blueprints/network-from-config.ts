/** What every blueprint composes the same way: its VPC from its `network` section (created, or an existing one). */
import type { Construct } from 'constructs';
import { Network, type VpcAttachment } from '../../modules/network';
import type { NetworkConfig } from '../config/network-schema';

/**
 * The blueprint's VPC: the existing one named in `network.existing`, or a new one (construct id `network`, named
 * `<prefix>-…`) over `availabilityZones`.
 */
export function networkFromConfig(
  scope: Construct,
  prefix: string,
  availabilityZones: readonly string[],
  network: NetworkConfig,
): VpcAttachment {
  if (network.existing) return network.existing;
  return new Network(scope, 'network', {
    name: prefix,
    vpcCidr: network.vpcCidr,
    availabilityZones,
    publicSubnetCidrs: network.publicSubnetCidrs,
    privateSubnetCidrs: network.privateSubnetCidrs,
    natGateways: network.natGateways,
    flowLogs: network.flowLogs,
  });
}
