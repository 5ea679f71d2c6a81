/** Catalogue entry of `ecs-fullstack` (seed 001): `ecs-fullstack-<env>` for every environment with the section. */
import { networkIssues } from '../../config/network-schema';
import { defineBlueprint } from '../blueprint';
import { ecsFullstackDefaults, ecsFullstackProfiles, ecsFullstackSchema } from './schema';
import { EcsFullstackStack } from './stack';

export const ecsFullstack = defineBlueprint({
  name: 'ecs-fullstack',
  configKey: 'ecsFullstack',
  description:
    'Seed 001: Route 53 + ACM, HTTPS ALB path routing to two Fargate services, RDS PostgreSQL, Redis, ECR, alarms.',
  schema: ecsFullstackSchema,
  defaults: ecsFullstackDefaults,
  profiles: ecsFullstackProfiles,
  check: (config, environment) => networkIssues(config.network, environment.availabilityZones[environment.region]!),
  create: (scope, context) => new EcsFullstackStack(scope, context),
});
