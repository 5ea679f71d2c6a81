/**
 * Blueprint `network`: a VPC on its own, for the environment to share (network module with the `network` section).
 * Blueprints take it through their `network.existing` section; its outputs are the ids that section asks for.
 */
import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import { Network } from '../../../modules/network';
import type { NetworkConfig } from '../../config/network-schema';
import { BlueprintStack } from '../../stacks/blueprint-stack';
import type { BlueprintContext } from '../blueprint';

export class NetworkBlueprintStack extends BlueprintStack {
  readonly network: Network;

  constructor(scope: Construct, props: BlueprintContext<NetworkConfig>) {
    super(scope, { ...props, blueprint: 'network' });
    const { environment, project, config } = props;
    this.network = new Network(this, 'network', {
      name: `${project.name}-${environment.name}`,
      vpcCidr: config.vpcCidr,
      availabilityZones: this.availabilityZones,
      publicSubnetCidrs: config.publicSubnetCidrs,
      privateSubnetCidrs: config.privateSubnetCidrs,
      natGateways: config.natGateways,
      flowLogs: config.flowLogs,
    });
    new TerraformOutput(this, 'vpc_id', { value: this.network.vpcId });
    new TerraformOutput(this, 'public_subnet_ids', { value: this.network.publicSubnetIds });
    new TerraformOutput(this, 'private_subnet_ids', { value: this.network.privateSubnetIds });
    new TerraformOutput(this, 'private_route_table_ids', { value: this.network.privateRouteTableIds });
    new TerraformOutput(this, 'nat_public_ips', { value: this.network.natPublicIps });
  }
}
