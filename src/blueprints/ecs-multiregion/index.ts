/**
 * Catalogue entry of `ecs-multiregion` (seed 002): `ecs-multiregion-<env>-primary` (regions.primary) and
 * `ecs-multiregion-<env>-secondary` (regions.secondary) for every environment with the section.
 */
import { checkCodeBuildProjectName } from '../../../modules/codebuild';
import { checkConnectionName, checkPipelineName } from '../../../modules/codepipeline';
import { checkRepositoryName } from '../../../modules/container-registry';
import { checkS3BucketName } from '../../../modules/core/checks';
import { checkRoleName } from '../../../modules/core/service-role';
import type { ValidationIssue } from '../../../modules/core/validation';
import { checkEcsName } from '../../../modules/ecs';
import {
  checkAlbAccessLogBucketName,
  checkLoadBalancerName,
  checkLoadBalancerSubnets,
  checkTargetGroupName,
  defaultAccessLogBucketName,
} from '../../../modules/load-balancer';
import type { BaseEnvironmentConfig } from '../../config/environment';
import { derivedIssues } from '../../config/fields';
import { networkIssues, sectionIssues, subnetsOf } from '../../config/network-schema';
import { defineBlueprint, type SectionIssue } from '../blueprint';
import {
  ECS_MULTIREGION_SIDES,
  ecsMultiregionDefaults,
  ecsMultiregionSchema,
  type EcsMultiregionConfig,
} from './schema';
import { createEcsMultiregionStacks, ecsMultiregionNames } from './stack';

/**
 * The module rules the section meets only together with the environment: the names stack.ts makes from
 * `<appName>-<env>` in each region, the load balancers' subnets, and production's approval.
 */
export function ecsMultiregionModuleIssues(
  config: EcsMultiregionConfig,
  environment: BaseEnvironmentConfig,
): ValidationIssue[] {
  const names = ecsMultiregionNames(config, environment);
  const named = (what: string, name: string, issues: ValidationIssue[]) =>
    derivedIssues('appName', `makes the ${what} "${name}"`, issues);
  const issues = [
    ...named('load balancer name', names.prefix, checkLoadBalancerName('', names.prefix)),
    ...Object.values(names.targetGroups).flatMap((name) =>
      named('target group name', name, checkTargetGroupName('', name)),
    ),
    ...named('ECS cluster and service name', names.stagingService, checkEcsName('', names.stagingService)),
    ...named('ECR repository name', names.prefix, checkRepositoryName('', names.prefix)),
    ...named('CodeBuild project name', names.buildProject, checkCodeBuildProjectName('', names.buildProject)),
    ...named('CodeBuild project name', names.mirrorJob, checkCodeBuildProjectName('', names.mirrorJob)),
    ...named('pipeline name', names.pipeline, checkPipelineName('', names.pipeline)),
    ...named('role name', `${names.pipeline}-pipeline`, checkRoleName('', `${names.pipeline}-pipeline`)),
    ...named('role name', `${names.buildProject}-codebuild`, checkRoleName('', `${names.buildProject}-codebuild`)),
    ...named('connection name', names.connection, checkConnectionName('', names.connection)),
  ];
  for (const region of [config.regions.primary, config.regions.secondary]) {
    const bucket = names.artifactBucket(region);
    issues.push(...named('artifact bucket name', bucket, checkS3BucketName('', bucket)));
    if (config.loadBalancer.accessLogs.enabled) {
      const logs = defaultAccessLogBucketName(names.prefix, environment.accountId, region);
      issues.push(...named('access-log bucket name', logs, checkAlbAccessLogBucketName('', logs)));
    }
  }
  for (const side of ECS_MULTIREGION_SIDES) {
    const subnets = subnetsOf(config.network[side], `network.${side}`);
    issues.push(...checkLoadBalancerSubnets(subnets.public.path, subnets.public.subnetIds));
    // The private listeners are open to the VPC's CIDR unless told otherwise: an existing VPC's is not known here.
    const listeners = [
      ['blueGreen.testListener.ingressCidrs', config.blueGreen.testListener.ingressCidrs],
      ...(side === 'primary' ? [['staging.listener.ingressCidrs', config.staging.listener.ingressCidrs] as const] : []),
    ] as const;
    for (const [path, cidrs] of listeners) {
      if (config.network[side].existing && cidrs === undefined) {
        const message = `must be set with network.${side}.existing: there is no VPC CIDR to open the listener to`;
        issues.push({ path, value: undefined, message });
      }
    }
  }
  if (environment.production && config.loadBalancer.allowPlainHttp) {
    issues.push({
      path: 'loadBalancer.allowPlainHttp',
      value: true,
      message: 'must be false in a production environment: configure domain for HTTPS',
    });
  }
  if (environment.production && !config.pipeline.approval) {
    issues.push({
      path: 'pipeline.approval',
      value: false,
      message: 'must be true in a production environment: a release reaches production only after a person approves',
    });
  }
  return issues;
}

/** Subnet layouts per region, against that region's AZs. */
function regionNetworkIssues(config: EcsMultiregionConfig, environment: BaseEnvironmentConfig): SectionIssue[] {
  return ECS_MULTIREGION_SIDES.flatMap((side) => {
    const zones = environment.availabilityZones[config.regions[side]];
    return zones ? networkIssues(config.network[side], zones, ['network', side]) : [];
  });
}

export const ecsMultiregion = defineBlueprint({
  name: 'ecs-multiregion',
  configKey: 'ecsMultiregion',
  description:
    'Seed 002: one Fargate service active in two regions, ECR replication, CodeCommit or GitHub → CodeBuild → CodePipeline with approval and blue/green in both regions, Route 53 failover.',
  schema: ecsMultiregionSchema,
  defaults: ecsMultiregionDefaults,
  regions: (config) => [config.regions.primary, config.regions.secondary],
  check: (config, environment) => [
    ...regionNetworkIssues(config, environment),
    ...sectionIssues(ecsMultiregionModuleIssues(config, environment)),
  ],
  accountSingletons: (config) =>
    config.registry.replication === 'create'
      ? [
          {
            resource: `the ECR replication configuration of ${config.regions.primary}`,
            path: ['registry', 'replication'],
          },
        ]
      : [],
  create: (scope, context) => createEcsMultiregionStacks(scope, context),
});
