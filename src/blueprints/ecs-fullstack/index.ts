/** Catalogue entry of `ecs-fullstack` (seed 001): `ecs-fullstack-<env>` for every environment with the section. */
import { checkRepositoryName } from '../../../modules/container-registry';
import type { ValidationIssue } from '../../../modules/core/validation';
import { checkEcsName } from '../../../modules/ecs';
import {
  checkAlbAccessLogBucketName,
  checkLoadBalancerName,
  checkLoadBalancerSubnets,
  checkTargetGroupName,
  defaultAccessLogBucketName,
} from '../../../modules/load-balancer';
import { checkPostgresIdentifier, checkPostgresSubnets } from '../../../modules/postgres';
import { checkRedisSubnets, checkReplicationGroupId } from '../../../modules/redis';
import type { BaseEnvironmentConfig } from '../../config/environment';
import { derivedIssues } from '../../config/fields';
import { networkIssues, sectionIssues, subnetsOf } from '../../config/network-schema';
import { defineBlueprint } from '../blueprint';
import {
  ECS_FULLSTACK_SERVICES,
  ecsFullstackDefaults,
  ecsFullstackProfiles,
  ecsFullstackSchema,
  type EcsFullstackConfig,
} from './schema';
import { EcsFullstackStack, readReplicaIdentifier } from './stack';

/**
 * The module rules the section meets only together with the environment: the names stack.ts makes from
 * `<appName>-<env>` (load balancer, target groups, access-log bucket, database, cache, repositories, ECS) and the
 * subnets the load balancer, the database and the cache get.
 */
export function ecsFullstackModuleIssues(
  config: EcsFullstackConfig,
  environment: BaseEnvironmentConfig,
): ValidationIssue[] {
  const prefix = `${config.appName}-${environment.name}`;
  const named = (what: string, name: string, issues: ValidationIssue[]) =>
    derivedIssues('appName', `makes the ${what} "${name}"`, issues);
  const issues = [
    ...named('load balancer name', prefix, checkLoadBalancerName('', prefix)),
    ...named('database identifier', prefix, checkPostgresIdentifier('', prefix)),
    ...named('cache replication group id', prefix, checkReplicationGroupId('', prefix)),
    ...named('ECS cluster name', prefix, checkEcsName('', prefix)),
  ];
  if (config.database.readReplica.enabled) {
    const replica = readReplicaIdentifier(prefix);
    issues.push(...named('read replica identifier', replica, checkPostgresIdentifier('', replica)));
  }
  for (const service of ECS_FULLSTACK_SERVICES) {
    const name = `${prefix}-${service}`;
    issues.push(
      ...named('target group name', name, checkTargetGroupName('', name)),
      ...named('ECR repository name', name, checkRepositoryName('', name)),
      ...named('ECS service name', name, checkEcsName('', name)),
    );
  }
  if (config.loadBalancer.accessLogs.enabled) {
    const bucket = defaultAccessLogBucketName(prefix, environment.accountId, environment.region);
    issues.push(...named('access-log bucket name', bucket, checkAlbAccessLogBucketName('', bucket)));
  }
  const subnets = subnetsOf(config.network);
  issues.push(
    ...checkLoadBalancerSubnets(subnets.public.path, subnets.public.subnetIds),
    ...checkPostgresSubnets(subnets.private.path, subnets.private.subnetIds),
    ...checkRedisSubnets(subnets.private.path, subnets.private.subnetIds, config.cache.automaticFailover),
  );
  return issues;
}

export const ecsFullstack = defineBlueprint({
  name: 'ecs-fullstack',
  configKey: 'ecsFullstack',
  description:
    'Seed 001: Route 53 + ACM, HTTPS ALB path routing to two Fargate services, RDS PostgreSQL, Redis, ECR, alarms.',
  schema: ecsFullstackSchema,
  defaults: ecsFullstackDefaults,
  profiles: ecsFullstackProfiles,
  check: (config, environment) => [
    ...networkIssues(config.network, environment.availabilityZones[environment.region]!),
    ...sectionIssues(ecsFullstackModuleIssues(config, environment)),
  ],
  create: (scope, context) => new EcsFullstackStack(scope, context),
});
