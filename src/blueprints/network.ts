/**
 * Blueprint `network`: the environment's VPC on its own (network module with the environment's network config).
 * It is the foundation every other blueprint builds on, and the smallest stack that exercises the provider, the
 * default tags and the S3 backend end to end.
 */
import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import { Network } from '../../modules/network';
import { BlueprintStack, type BlueprintStackProps } from '../stacks/blueprint-stack';

export class NetworkBlueprintStack extends BlueprintStack {
  readonly network: Network;

  constructor(scope: Construct, props: Omit<BlueprintStackProps, 'blueprint'>) {
    super(scope, { ...props, blueprint: 'network' });
    const { environment, project } = props;
    this.network = new Network(this, 'network', {
      name: `${project.name}-${environment.name}`,
      vpcCidr: environment.network.vpcCidr,
      availabilityZones: environment.availabilityZones,
      publicSubnetCidrs: environment.network.publicSubnetCidrs,
      privateSubnetCidrs: environment.network.privateSubnetCidrs,
      natGateways: environment.network.natGateways,
      flowLogs: environment.network.flowLogs,
    });
    new TerraformOutput(this, 'vpc_id', { value: this.network.vpcId });
    new TerraformOutput(this, 'public_subnet_ids', { value: this.network.publicSubnetIds });
    new TerraformOutput(this, 'private_subnet_ids', { value: this.network.privateSubnetIds });
    new TerraformOutput(this, 'nat_public_ips', { value: this.network.natPublicIps });
  }
}
