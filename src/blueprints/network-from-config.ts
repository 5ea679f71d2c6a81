/** What every blueprint composes the same way: its VPC from its `network` section (created, or an existing one). */
import type { Construct } from 'constructs';
import { Network, type VpcAttachment } from '../../modules/network';
import type { ExistingNetworkConfig, NetworkConfig } from '../config/network-schema';

/** A blueprint's VPC: the one it creates, or the existing one its `network.existing` section names. */
export type BlueprintNetwork<E extends ExistingNetworkConfig = ExistingNetworkConfig> = VpcAttachment | E;

/**
 * The blueprint's VPC: the existing one named in `network.existing`, or a new one (construct id `network`, named
 * `<prefix>-…`) over `availabilityZones`.
 */
export function networkFromConfig<E extends ExistingNetworkConfig>(
  scope: Construct,
  prefix: string,
  availabilityZones: readonly string[],
  network: Omit<NetworkConfig, 'existing'> & { readonly existing?: E },
): BlueprintNetwork<E> {
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
