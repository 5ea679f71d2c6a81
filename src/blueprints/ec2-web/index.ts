/**
 * Catalogue entry of `ec2-web` (seed 000): `ec2-web-<env>` and, with MongoDB Atlas, `ec2-web-<env>-atlas`, for every
 * environment with the section.
 */
import { checkSshCidrs, checkUserDataSize, checkWebAutoScalingName } from '../../../modules/auto-scaling-web';
import { checkRepositoryName } from '../../../modules/container-registry';
import { checkS3BucketName } from '../../../modules/core/checks';
import type { ValidationIssue } from '../../../modules/core/validation';
import {
  checkAlbAccessLogBucketName,
  checkLoadBalancerName,
  checkLoadBalancerSubnets,
  defaultAccessLogBucketName,
} from '../../../modules/load-balancer';
import {
  AL2023_X86_64_AMI_PARAMETER,
  checkAmiArchitecture,
  checkAtlasAllowedIps,
  checkAtlasClusterName,
  checkAtlasProjectName,
  checkAtlasRegion,
  checkAtlasSecretName,
  defaultBackupBucketName,
  checkSelfHostedMongoName,
  checkSelfHostedMongoRegion,
} from '../../../modules/mongodb';
import { checkRedisSubnets, checkReplicationGroupId } from '../../../modules/redis';
import { defaultStaticSiteBucketName, checkStaticSiteName } from '../../../modules/static-site';
import type { BaseEnvironmentConfig } from '../../config/environment';
import { derivedIssues } from '../../config/fields';
import { networkIssues, sectionIssues, subnetsOf } from '../../config/network-schema';
import { defineBlueprint } from '../blueprint';
import { ec2WebDefaults, ec2WebSchema, type Ec2WebConfig } from './schema';
import { backendContainer, createEc2WebStacks, mongoSecretName } from './stack';

/**
 * Stand-in for a value known only at apply time (a repository URL, a cache endpoint) where the user data is measured:
 * as long as a real one, and longer than the token the module measures at synth, so config is never the laxer.
 */
const APPLY_TIME_VALUE = 'x'.repeat(96);

/**
 * The module rules the section meets only together with the environment: the names stack.ts makes from
 * `<appName>-<env>` (load balancer, access-log bucket, cache, instances, site and its bucket, repository, MongoDB),
 * the subnets the load balancer and the cache get, SSH sources (the module allows /0 outside production only), the
 * rendered user data, and what Atlas or the self-hosted MongoDB need of the region and the NAT IPs.
 */
export function ec2WebModuleIssues(config: Ec2WebConfig, environment: BaseEnvironmentConfig): ValidationIssue[] {
  const prefix = `${config.appName}-${environment.name}`;
  const { accountId, region } = environment;
  const named = (what: string, name: string, issues: ValidationIssue[]) =>
    derivedIssues('appName', `makes the ${what} "${name}"`, issues);
  const issues = [
    ...named('load balancer name', prefix, checkLoadBalancerName('', prefix)),
    ...named('cache replication group id', prefix, checkReplicationGroupId('', prefix)),
    ...named('Auto Scaling name', prefix, checkWebAutoScalingName('', prefix)),
    ...named('static site name', prefix, checkStaticSiteName('', prefix)),
    ...named('ECR repository name', `${prefix}-backend`, checkRepositoryName('', `${prefix}-backend`)),
  ];
  const siteBucket = defaultStaticSiteBucketName(prefix, accountId);
  issues.push(...named('frontend bucket name', siteBucket, checkS3BucketName('', siteBucket)));
  // The seed's own target group name, `<env>-backend-tg`, fits any environment name (2-16 characters): not checked.
  if (config.loadBalancer.accessLogs.enabled) {
    const bucket = defaultAccessLogBucketName(prefix, accountId, region);
    issues.push(...named('access-log bucket name', bucket, checkAlbAccessLogBucketName('', bucket)));
  }

  const subnets = subnetsOf(config.network);
  issues.push(
    ...checkLoadBalancerSubnets(subnets.public.path, subnets.public.subnetIds),
    ...checkRedisSubnets(subnets.private.path, subnets.private.subnetIds, config.cache.automaticFailover),
    // Outside production a configured /0 is the operator's explicit choice; production refuses it.
    ...checkSshCidrs('instances.sshCidrs', config.instances.sshCidrs, !environment.production, 'not in production'),
  );

  const mongo = config.mongodb;
  if (mongo.mode === 'atlas') {
    issues.push(
      ...derivedIssues('mongodb.mode', "puts the cluster in the environment's region", checkAtlasRegion('', region)),
    );
    if (mongo.projectName === undefined) {
      issues.push(...named('Atlas project name', prefix, checkAtlasProjectName('', prefix)));
    }
    if (mongo.clusterName === undefined) {
      issues.push(...named('Atlas cluster name', prefix, checkAtlasClusterName('', prefix)));
    }
    const secret = mongoSecretName(config, environment);
    issues.push(...named('connection secret name', secret, checkAtlasSecretName('', secret)));
    // The NAT gateways' public IPs are Atlas's access list: an existing network names them, a new one needs NAT.
    if (!config.network.existing && config.network.natGateways === 'none') {
      const lead = "leaves Atlas's access list (the NAT gateways' public IPs) empty";
      issues.push(...derivedIssues('network.natGateways', lead, checkAtlasAllowedIps('', [], false)));
    }
  } else {
    issues.push(
      ...named('self-hosted MongoDB name', prefix, checkSelfHostedMongoName('', prefix)),
      ...derivedIssues(
        'mongodb.mode',
        "puts the MongoDB instance in the environment's region",
        checkSelfHostedMongoRegion('', region),
      ),
      ...derivedIssues(
        'mongodb.instanceType',
        `runs the module's AMI ${AL2023_X86_64_AMI_PARAMETER}`,
        checkAmiArchitecture('', AL2023_X86_64_AMI_PARAMETER, mongo.instanceType),
      ),
    );
    // The module checks its default backup bucket name only for a valid name and region (reported above otherwise).
    if (checkSelfHostedMongoName('', prefix).length === 0 && checkSelfHostedMongoRegion('', region).length === 0) {
      const backups = defaultBackupBucketName({ name: prefix, accountId, region });
      issues.push(...named('MongoDB backup bucket name', backups, checkS3BucketName('', backups)));
    }
  }
  // Atlas's access list with an existing network: required with Atlas, and Atlas's addresses whenever listed.
  const natPublicIps = config.network.existing?.natPublicIps;
  if (natPublicIps && (mongo.mode === 'atlas' || natPublicIps.length > 0)) {
    issues.push(...checkAtlasAllowedIps('network.existing.natPublicIps', natPublicIps, false));
  }

  const container = backendContainer(config, environment, region, {
    repositoryUrl: APPLY_TIME_VALUE,
    redisHost: APPLY_TIME_VALUE,
    mongoHost: mongo.mode === 'self-hosted' ? APPLY_TIME_VALUE : undefined,
  });
  const registry = `${accountId}.dkr.ecr.${region}.amazonaws.com`;
  issues.push(...checkUserDataSize('instances.environment', { ...container, region, registry }));
  return issues;
}

export const ec2Web = defineBlueprint({
  name: 'ec2-web',
  configKey: 'ec2Web',
  description:
    'Seed 000: CloudFront + S3 SPA, ALB + EC2 Auto Scaling (Docker from ECR), Redis, MongoDB Atlas companion stack, GitHub OIDC.',
  schema: ec2WebSchema,
  defaults: ec2WebDefaults,
  check: (config, environment) => [
    ...networkIssues(config.network, environment.availabilityZones[environment.region]!),
    ...sectionIssues(ec2WebModuleIssues(config, environment)),
  ],
  accountSingletons: (config) =>
    config.github.oidcProvider === 'create'
      ? [{ resource: 'the GitHub OIDC provider', path: ['github', 'oidcProvider'] }]
      : [],
  create: (scope, context) => createEc2WebStacks(scope, context),
});
