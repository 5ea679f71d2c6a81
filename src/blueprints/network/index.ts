/**
 * Catalogue entry of `network`: `network-<env>`, a VPC shared by the environment, for every environment with a
 * `network` section. Its outputs vpc_id, public_subnet_ids, private_subnet_ids (and nat_public_ips, for ec2-web with
 * Atlas) are what a blueprint's `network.existing` takes; private_route_table_ids is there for whoever adds routes.
 */
import { defaultFlowLogs, networkIssues, networkSchema } from '../../config/network-schema';
import { defineBlueprint } from '../blueprint';
import { NetworkBlueprintStack } from './stack';

export const network = defineBlueprint({
  name: 'network',
  configKey: 'network',
  description: 'A VPC for the environment: public/private subnets per AZ, NAT gateways, flow logs.',
  schema: networkSchema.refine((config) => !config.existing, {
    message: 'is a VPC to create; a shared VPC that exists already needs no network stack',
    path: ['existing'],
  }),
  defaults: ({ production }) => ({
    vpcCidr: '10.0.0.0/16',
    publicSubnetCidrs: ['10.0.1.0/24', '10.0.2.0/24'],
    privateSubnetCidrs: ['10.0.10.0/24', '10.0.11.0/24'],
    natGateways: 'per-az' as const,
    flowLogs: defaultFlowLogs(production),
  }),
  check: (config, environment) => networkIssues(config, environment.availabilityZones[environment.region]!, []),
  create: (scope, context) => new NetworkBlueprintStack(scope, context),
});
