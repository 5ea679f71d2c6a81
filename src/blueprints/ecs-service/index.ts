/** Catalogue entry of `ecs-service` (seed 003): `ecs-service-<env>` for every environment with the section. */
import { checkSelfSignedAllowed } from '../../../modules/certificate';
import { checkRepositoryName } from '../../../modules/container-registry';
import type { ValidationIssue } from '../../../modules/core/validation';
import { checkEcsName } from '../../../modules/ecs';
import { checkIamRoleName } from '../../../modules/github-oidc';
import {
  checkAlbAccessLogBucketName,
  checkLoadBalancerName,
  checkLoadBalancerSubnets,
  checkTargetGroupName,
  defaultAccessLogBucketName,
} from '../../../modules/load-balancer';
import { checkSecretName } from '../../../modules/secret';
import type { BaseEnvironmentConfig } from '../../config/environment';
import { derivedIssues } from '../../config/fields';
import { networkIssues, sectionIssues, subnetsOf } from '../../config/network-schema';
import { defineBlueprint } from '../blueprint';
import { ecsServiceDefaults, ecsServiceSchema, type EcsServiceConfig } from './schema';
import { ecsServiceNames, EcsServiceStack } from './stack';

/**
 * The module rules the section meets only together with the environment: the names stack.ts makes from
 * `<appName>-<env>`, the load balancer's subnets, and the production guard on self-signed certificates.
 */
export function ecsServiceModuleIssues(
  config: EcsServiceConfig,
  environment: BaseEnvironmentConfig,
): ValidationIssue[] {
  const names = ecsServiceNames(config, environment);
  const named = (what: string, name: string, issues: ValidationIssue[]) =>
    derivedIssues('appName', `makes the ${what} "${name}"`, issues);
  const issues = [
    ...named('load balancer name', names.prefix, checkLoadBalancerName('', names.prefix)),
    ...named('target group name', names.prefix, checkTargetGroupName('', names.prefix)),
    ...named('ECS cluster and service name', names.prefix, checkEcsName('', names.prefix)),
    ...named('ECR repository name', names.prefix, checkRepositoryName('', names.prefix)),
    ...named('secret name', names.databaseSecret, checkSecretName('', names.databaseSecret)),
    ...named('deploy role name', names.deployRole, checkIamRoleName('', names.deployRole)),
  ];
  if (config.loadBalancer.accessLogs.enabled) {
    const bucket = defaultAccessLogBucketName(names.prefix, environment.accountId, environment.region);
    issues.push(...named('access-log bucket name', bucket, checkAlbAccessLogBucketName('', bucket)));
  }
  const subnets = subnetsOf(config.network);
  issues.push(...checkLoadBalancerSubnets(subnets.public.path, subnets.public.subnetIds));
  const { certificate } = config;
  const allowed = !environment.production || (certificate.mode === 'self-signed' && certificate.allowInProduction);
  issues.push(
    ...checkSelfSignedAllowed(
      'certificate.mode',
      certificate.mode,
      allowed,
      'in production',
      'certificate.allowInProduction',
    ),
  );
  return issues;
}

export const ecsService = defineBlueprint({
  name: 'ecs-service',
  configKey: 'ecsService',
  description:
    'Seed 003: one Fargate service behind an HTTPS ALB (self-signed, ACM or DNS-validated certificate), its database configuration in Secrets Manager, GitHub OIDC deploys.',
  schema: ecsServiceSchema,
  defaults: ecsServiceDefaults,
  check: (config, environment) => [
    ...networkIssues(config.network, environment.availabilityZones[environment.region]!),
    ...sectionIssues(ecsServiceModuleIssues(config, environment)),
  ],
  accountSingletons: (config) =>
    config.github.oidcProvider === 'create'
      ? [{ resource: 'the GitHub OIDC provider', path: ['github', 'oidcProvider'] }]
      : [],
  create: (scope, context) => new EcsServiceStack(scope, context),
});
