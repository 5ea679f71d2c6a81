/**
 * One validator per setting: every config field whose value goes into a module prop is checked by that module's
 * exported check. Each row is a bad value for one such field; the row proves both sides:
 *
 * - the module rejects it: the row calls the module's exported check with the value (or the name the stack makes from
 *   it) and gets issues;
 * - config rejects it at load time, at the full config path (`environments.<env>.<section>.<field>`), and its message
 *   carries the module's words (one rule, one message).
 *
 * Environments are taken from the shipped config (the first one with the section, a production one, the one with the
 * longest name), not hard-coded.
 */
import { checkAlbAccessLogBucketName, defaultAccessLogBucketName } from '../../modules/load-balancer';
import {
  checkAmiSsmParameter,
  checkContainerEnvironment,
  checkContainerPort,
  checkHealthCheckGracePeriod,
  checkHealthCheckType,
  checkInstanceType,
  checkRootVolume,
  checkSshCidrs,
  checkUserDataSize,
  checkWebCapacity,
  checkWebScaling,
} from '../../modules/auto-scaling-web';
import {
  checkEncryptionType,
  checkExpireUntaggedDays,
  checkImageTagMutability,
  checkKeepImageCount,
  checkLifecycleTags,
  checkRepositoryName,
} from '../../modules/container-registry';
import { checkOneOf } from '../../modules/core/checks';
import { checkCidr, checkSubnetLayout } from '../../modules/core/cidr';
import { checkLogRetention, formatValue, type ValidationIssue } from '../../modules/core/validation';
import { checkDomainName } from '../../modules/dns';
import {
  checkContainerInsights,
  checkContainerHealthCheck,
  checkContainerVariableName,
  checkCpuTargetPercent,
  checkDeploymentMaximumPercent,
  checkDeploymentMinimumHealthyPercent,
  checkFargateServiceCapacity,
  checkFargateTaskSize,
  checkMemoryTargetPercent,
  checkNotPlainAndSecret,
  checkPort,
  checkScalingCooldown,
} from '../../modules/ecs';
import {
  checkGithubBranch,
  checkGithubEnvironment,
  checkGithubRepository,
  checkGithubRoleSubjects,
} from '../../modules/github-oidc';
import { checkCertificateValidityDays, checkSelfSignedAllowed } from '../../modules/certificate';
import { checkSecretJsonKeys, checkSecretRecoveryWindow } from '../../modules/secret';
import {
  checkAccessLogDays,
  checkHealthCheck,
  checkIdleTimeout,
  checkListenerCertificate,
  checkLoadBalancerName,
  checkLoadBalancerSubnets,
  checkSslPolicy,
  checkTargetGroupName,
  checkTargetGroupPort,
  validateServiceRouting,
} from '../../modules/load-balancer';
import {
  AL2023_X86_64_AMI_PARAMETER,
  checkAmiArchitecture,
  checkAtlasAllowedIps,
  checkAtlasBackupRetention,
  checkAtlasClusterName,
  checkAtlasDatabases,
  checkAtlasInstanceSize,
  checkAtlasOrgId,
  checkAtlasProjectName,
  checkAtlasRegion,
  checkAtlasUsername,
  checkDataVolumeSize,
  checkElectableNodes,
  checkMongoDbMajorVersion,
  checkMongoInstanceType,
  checkPointInTimeRestoreWindow,
  checkSelfHostedBackupRetention,
  checkSelfHostedMongoName,
} from '../../modules/mongodb';
import { checkNatGatewayMode } from '../../modules/network';
import {
  checkAlarmCountThreshold,
  checkAlarmEvaluationPeriods,
  checkAlarmPercent,
  checkAlarmPeriod,
  checkAlarmPercentile,
  checkErrorRatePercent,
  checkLogFilterPattern,
  checkAlarmThresholdAbove0,
  checkAlarmThresholdAtLeast0,
  checkEvaluationRange,
} from '../../modules/observability';
import {
  checkMonitoringInterval,
  checkPostgresAllocatedStorage,
  checkPostgresBackupRetention,
  checkPostgresDatabaseName,
  checkPostgresEngineVersion,
  checkPostgresIdentifier,
  checkPostgresInstanceClass,
  checkPostgresLogExports,
  checkPostgresPort,
  checkPostgresStorageType,
  checkPostgresSubnets,
  checkPostgresWindows,
} from '../../modules/postgres';
import {
  checkAuthTokenNeedsTransitEncryption,
  checkAutomaticFailover,
  checkNumCacheClusters,
  checkRedisEngineVersion,
  checkRedisNodeType,
  checkRedisParameter,
  checkRedisPort,
  checkRedisWindows,
  checkReplicationGroupId,
  checkSnapshotRetention,
} from '../../modules/redis';
import {
  checkCacheTtls,
  checkNoncurrentVersionExpirationDays,
  checkOriginDomainName,
  PRICE_CLASSES,
  ORIGIN_ACCESS_MODES,
  STATIC_SITE_TTL_DEFAULTS,
} from '../../modules/static-site';
import { environments } from '../../src/config/environments';
import { loadConfig } from '../../src/config/load';
import type { EnvironmentInput } from '../../src/config/schema';
import { environmentsWith, loadError, type Patch } from '../helpers/config';

/** One bad value: where it goes in, what config must say there, and what the module says of it. */
interface Row {
  readonly what: string;
  readonly env: string;
  /** Merged into the environment, e.g. `{ ecsFullstack: { loadBalancer: { sslPolicy: '…' } } }`. */
  readonly patch: Patch;
  /** The full config path of the issue. */
  readonly path: string;
  /** The value at that path, as the error shows it. */
  readonly value: unknown;
  readonly message: RegExp;
  /** The module's check applied to the value (or to what the stack makes of it): must not be empty. */
  readonly module: readonly ValidationIssue[];
  /** The message counts something that differs between the row's module call and the stack (user-data bytes). */
  readonly countsVary?: boolean;
}

const withSection = (key: 'ecsFullstack' | 'ec2Web' | 'ecsService') =>
  environments.filter((environment) => environment[key] !== undefined);
const longestName = (list: readonly EnvironmentInput[]) => [...list].sort((a, b) => b.name.length - a.name.length)[0]!;

/** An environment as the shipped config resolves it (defaults included). */
const shipped = (name: string) => loadConfig({}).environments.find((environment) => environment.name === name)!;

const ecs = withSection('ecsFullstack')[0]!;
const ecsLongest = longestName(withSection('ecsFullstack'));
const ec2 = withSection('ec2Web')[0]!;
const ec2Production = withSection('ec2Web').find((environment) => environment.production)!;
const svc = withSection('ecsService').find((environment) => !environment.production)!;
const svcProduction = withSection('ecsService').find((environment) => environment.production)!;

/** The longest appName the schema allows (21 characters): the names made from it are as long as they get. */
const LONG_APP_NAME = 'a'.repeat(21);

/** A row for `section.field` of `environment`. */
function row(
  what: string,
  environment: EnvironmentInput,
  section: 'ecsFullstack' | 'ec2Web' | 'ecsService' | 'network',
  field: string,
  patch: Patch,
  value: unknown,
  message: RegExp,
  module: readonly ValidationIssue[],
): Row {
  return {
    what: `${section}: ${what}`,
    env: environment.name,
    patch: section === 'network' ? patch : { [section]: patch },
    path: `environments.${environment.name}.${section}.${field}`,
    value,
    message,
    module,
  };
}

const ecsRow = (
  what: string,
  field: string,
  patch: Patch,
  value: unknown,
  message: RegExp,
  module: ValidationIssue[],
) => row(what, ecs, 'ecsFullstack', field, patch, value, message, module);
const ec2Row = (
  what: string,
  field: string,
  patch: Patch,
  value: unknown,
  message: RegExp,
  module: ValidationIssue[],
) => row(what, ec2, 'ec2Web', field, patch, value, message, module);

const svcRow = (
  what: string,
  field: string,
  patch: Patch,
  value: unknown,
  message: RegExp,
  module: ValidationIssue[],
  environment: EnvironmentInput = svc,
) => row(what, environment, 'ecsService', field, patch, value, message, module);

const service = (patch: Patch) => ({ services: { backend: patch } });
const tooLongPattern = `/${'p'.repeat(128)}`;
const singleAz = { [ecs.region]: [`${ecs.region}a`] };

const networkRows: Row[] = [
  row(
    'a malformed VPC CIDR',
    ecs,
    'network',
    'vpcCidr',
    { network: { vpcCidr: '10.0.0/16' } },
    '10.0.0/16',
    /is not an IPv4 CIDR block/,
    checkCidr('vpcCidr', '10.0.0/16'),
  ),
  row(
    'an unknown NAT mode',
    ecs,
    'network',
    'natGateways',
    { network: { natGateways: 'multi' } },
    'multi',
    /must be "none", "single" or "per-az"/,
    checkNatGatewayMode('natGateways', 'multi'),
  ),
  row(
    'a flow-log retention CloudWatch lacks',
    ecs,
    'network',
    'flowLogs.retentionInDays',
    { network: { flowLogs: { retentionInDays: 45 } } },
    45,
    /CloudWatch Logs retention period/,
    checkLogRetention('retentionInDays', 45),
  ),
  row(
    'a subnet outside the VPC',
    ecs,
    'network',
    'publicSubnetCidrs[1]',
    { network: { publicSubnetCidrs: ['10.0.1.0/24', '10.1.2.0/24'] } },
    '10.1.2.0/24',
    /is not inside network\.vpcCidr/,
    checkSubnetLayout({
      basePath: 'network',
      vpcCidr: '10.0.0.0/16',
      availabilityZones: ['a', 'b'],
      tiers: { publicSubnetCidrs: ['10.0.1.0/24', '10.1.2.0/24'] },
    }),
  ),
  ecsRow(
    'one AZ for a load balancer (public subnets)',
    'network.publicSubnetCidrs',
    { network: { publicSubnetCidrs: ['10.0.1.0/24'], privateSubnetCidrs: ['10.0.10.0/24'] } },
    ['10.0.1.0/24'],
    /must list at least two subnets in different availability zones/,
    checkLoadBalancerSubnets('subnetIds', ['subnet-1']),
  ),
  ecsRow(
    'one AZ for the database (private subnets)',
    'network.privateSubnetCidrs',
    { network: { publicSubnetCidrs: ['10.0.1.0/24'], privateSubnetCidrs: ['10.0.10.0/24'] } },
    ['10.0.10.0/24'],
    /a DB subnet group spans two AZs/,
    checkPostgresSubnets('subnetIds', ['subnet-1']),
  ),
  ecsRow(
    'an existing private subnet listed twice',
    'network.existing.privateSubnetIds[1]',
    {
      network: {
        existing: {
          vpcId: 'vpc-0123456789abcdef0',
          publicSubnetIds: ['subnet-0aaaaaaaaaaaaaaa1', 'subnet-0aaaaaaaaaaaaaaa2'],
          privateSubnetIds: ['subnet-0bbbbbbbbbbbbbbb1', 'subnet-0bbbbbbbbbbbbbbb1'],
        },
      },
    },
    'subnet-0bbbbbbbbbbbbbbb1',
    /is listed twice/,
    checkPostgresSubnets('subnetIds', ['subnet-0bbbbbbbbbbbbbbb1', 'subnet-0bbbbbbbbbbbbbbb1']),
  ),
];
// The one-AZ rows shrink the environment's AZ list too.
for (const each of networkRows.filter((candidate) => candidate.what.startsWith('one AZ'))) {
  Object.assign(each.patch, { availabilityZones: singleAz });
}

const ecsPrefix = (appName: string, environment: EnvironmentInput) => `${appName}-${environment.name}`;
const ecsLongTargetGroup = `${ecsPrefix(LONG_APP_NAME, ecs)}-frontend`;
const accessLogRegion = 'ap-southeast-1';
const accessLogBucket = defaultAccessLogBucketName(
  ecsPrefix(LONG_APP_NAME, ecsLongest),
  ecsLongest.accountId,
  accessLogRegion,
);

const ecsFullstackRows: Row[] = [
  ecsRow(
    'a load balancer name starting with internal-',
    'appName',
    { appName: 'internal' },
    'internal',
    /makes the load balancer name "internal-/,
    checkLoadBalancerName('name', ecsPrefix('internal', ecs)),
  ),
  ecsRow(
    'a target group name over 32 characters',
    'appName',
    { appName: LONG_APP_NAME },
    LONG_APP_NAME,
    /makes the target group name/,
    checkTargetGroupName('name', ecsLongTargetGroup),
  ),
  ecsRow(
    'a trailing hyphen (database identifier)',
    'appName',
    { appName: 'portfolio-' },
    'portfolio-',
    /makes the database identifier "portfolio--/,
    checkPostgresIdentifier('identifier', ecsPrefix('portfolio-', ecs)),
  ),
  ecsRow(
    'a trailing hyphen (cache id)',
    'appName',
    { appName: 'portfolio-' },
    'portfolio-',
    /makes the cache replication group id/,
    checkReplicationGroupId('id', ecsPrefix('portfolio-', ecs)),
  ),
  ecsRow(
    'a trailing hyphen (ECR repository)',
    'appName',
    { appName: 'portfolio-' },
    'portfolio-',
    /makes the ECR repository name/,
    checkRepositoryName('name', `${ecsPrefix('portfolio-', ecs)}-frontend`),
  ),
  {
    ...row(
      'an access-log bucket name over 63 characters',
      ecsLongest,
      'ecsFullstack',
      'appName',
      { appName: LONG_APP_NAME },
      LONG_APP_NAME,
      /makes the access-log bucket name/,
      checkAlbAccessLogBucketName('bucketName', accessLogBucket),
    ),
    patch: {
      region: accessLogRegion,
      availabilityZones: { [accessLogRegion]: [`${accessLogRegion}a`, `${accessLogRegion}b`] },
      ecsFullstack: { appName: LONG_APP_NAME },
    },
  },
  ecsRow(
    'a zone name of one label',
    'dns.zoneName',
    { dns: { zoneName: 'localhost' } },
    'localhost',
    /must be a lowercase domain name/,
    checkDomainName('domainName', 'localhost'),
  ),
  ecsRow(
    'a TLS policy name with a typo',
    'loadBalancer.sslPolicy',
    { loadBalancer: { sslPolicy: 'ELBSecurityPolicy-TLS13-typo' } },
    'ELBSecurityPolicy-TLS13-typo',
    /must be a TLS 1\.3 security policy/,
    checkSslPolicy('sslPolicy', 'ELBSecurityPolicy-TLS13-typo'),
  ),
  ecsRow(
    'an ingress CIDR that is no CIDR',
    'loadBalancer.ingressCidrs[0]',
    { loadBalancer: { ingressCidrs: ['anywhere'] } },
    'anywhere',
    /is not an IPv4 CIDR block/,
    checkCidr('ingressCidrs[0]', 'anywhere'),
  ),
  ecsRow(
    'an idle timeout above 4000 s',
    'loadBalancer.idleTimeoutSeconds',
    { loadBalancer: { idleTimeoutSeconds: 5000 } },
    5000,
    /from 1 to 4000/,
    checkIdleTimeout('idleTimeoutSeconds', 5000),
  ),
  ecsRow(
    'access logs kept 40000 days',
    'loadBalancer.accessLogs.expirationDays',
    { loadBalancer: { accessLogs: { expirationDays: 40000 } } },
    40000,
    /from 1 to 36500/,
    checkAccessLogDays('expirationDays', 40000),
  ),
  ecsRow(
    'Container Insights "on"',
    'cluster.containerInsights',
    { cluster: { containerInsights: 'on' } },
    'on',
    /"enabled", "enhanced" or "disabled"/,
    checkContainerInsights('containerInsights', 'on'),
  ),
  ecsRow(
    'a log retention CloudWatch lacks',
    'cluster.logRetentionInDays',
    { cluster: { logRetentionInDays: 45 } },
    45,
    /CloudWatch Logs retention period/,
    checkLogRetention('logRetentionInDays', 45),
  ),
  ecsRow(
    'a container port above 65535',
    'services.backend.containerPort',
    service({ containerPort: 70000 }),
    70000,
    /TCP port from 1 to 65535/,
    checkPort('container.port', 70000),
  ),
  ecsRow(
    'a CPU value Fargate lacks',
    'services.backend.cpu',
    service({ cpu: 300 }),
    300,
    /must be a Fargate CPU value/,
    checkFargateTaskSize('cpu', 300, 'memoryMiB', 512),
  ),
  ecsRow(
    'memory that does not fit the CPU',
    'services.backend.memoryMiB',
    service({ memoryMiB: 4096 }),
    4096,
    /Fargate memory size for cpu 256/,
    checkFargateTaskSize('cpu', 256, 'memoryMiB', 4096),
  ),
  ecsRow(
    'a health-check path without /',
    'services.backend.healthCheckPath',
    service({ healthCheckPath: 'health' }),
    'health',
    /must start with "\/"/,
    checkHealthCheck('', { path: 'health' }),
  ),
  ecsRow(
    'a path pattern over 128 characters',
    'services.backend.pathPatterns[0]',
    service({ pathPatterns: [tooLongPattern] }),
    tooLongPattern,
    /path pattern of 1 to 128 characters/,
    validateServiceRouting({
      frontend: { port: 1, healthCheck: { path: '/' } },
      backend: { port: 1, healthCheck: { path: '/' }, pathPatterns: [tooLongPattern], priority: 1 },
    }),
  ),
  ecsRow(
    'six path patterns',
    'services.backend.pathPatterns',
    service({ pathPatterns: ['/a', '/b', '/c', '/d', '/e', '/f'] }),
    ['/a', '/b', '/c', '/d', '/e', '/f'],
    /at most 5 path patterns/,
    validateServiceRouting({
      frontend: { port: 1, healthCheck: { path: '/' } },
      backend: { port: 1, healthCheck: { path: '/' }, pathPatterns: ['/a', '/b', '/c', '/d', '/e', '/f'], priority: 1 },
    }),
  ),
  ecsRow(
    'a rule priority above 50000',
    'services.backend.priority',
    service({ priority: 60000 }),
    60000,
    /from 1 to 50000/,
    validateServiceRouting({
      frontend: { port: 1, healthCheck: { path: '/' } },
      backend: { port: 1, healthCheck: { path: '/' }, pathPatterns: ['/api/*'], priority: 60000 },
    }),
  ),
  ecsRow(
    'two default services',
    'services.backend.pathPatterns',
    service({ pathPatterns: [] }),
    [],
    /exactly one service may have no path patterns/,
    validateServiceRouting({
      frontend: { port: 1, healthCheck: { path: '/' } },
      backend: { port: 1, healthCheck: { path: '/' } },
    }),
  ),
  ecsRow(
    'more than 1000 tasks',
    'services.backend.capacity.max',
    service({ capacity: { max: 2000 } }),
    2000,
    /from 1 to 1000/,
    checkFargateServiceCapacity({ min: 'min', max: 'max', desired: 'desired' }, { min: 1, max: 2000 }),
  ),
  ecsRow(
    'min tasks above max',
    'services.backend.capacity.min',
    service({ capacity: { min: 5, desired: 5, max: 4 } }),
    5,
    /must not be above capacity\.max \(4\)/,
    checkFargateServiceCapacity({ min: 'min', max: 'max', desired: 'desired' }, { min: 5, max: 4 }),
  ),
  ecsRow(
    'desired tasks above max',
    'services.backend.capacity.desired',
    service({ capacity: { desired: 9 } }),
    9,
    /from capacity\.min \(1\) to capacity\.max \(4\)/,
    checkFargateServiceCapacity({ min: 'min', max: 'max', desired: 'desired' }, { min: 1, max: 4, desired: 9 }),
  ),
  ecsRow(
    'a fractional CPU target',
    'services.backend.cpuTargetPercent',
    service({ cpuTargetPercent: 70.5 }),
    70.5,
    /whole number from 1 to 100/,
    checkCpuTargetPercent('cpuTargetPercent', 70.5),
  ),
  ecsRow(
    'a container health check every 4 s',
    'services.backend.containerHealthCheck.intervalSeconds',
    service({ containerHealthCheck: { intervalSeconds: 4 } }),
    4,
    /must be a whole number from 5 to 300/,
    checkContainerHealthCheck('containerHealthCheck', { command: ['CMD', 'true'], intervalSeconds: 4 }),
  ),
  ecsRow(
    'an environment variable starting with a digit',
    'services.backend.environment.1BAD',
    service({ environment: { '1BAD': 'x' } }),
    'x',
    /must be an environment variable name/,
    checkContainerVariableName('environment.1BAD', '1BAD'),
  ),
  ecsRow(
    'a plain variable the database secret sets',
    'services.backend.environment.DATABASE_PASSWORD',
    service({ environment: { DATABASE_PASSWORD: 'hunter2' } }),
    'hunter2',
    /in both container\.environment and container\.secrets/,
    checkNotPlainAndSecret('secrets.DATABASE_PASSWORD', 'DATABASE_PASSWORD', { DATABASE_PASSWORD: 'hunter2' }, [
      'DATABASE_PASSWORD',
    ]),
  ),
  ecsRow(
    'a deployment maximum of 500%',
    'deployment.maximumPercent',
    { deployment: { maximumPercent: 500 } },
    500,
    /from 100 to 400/,
    checkDeploymentMaximumPercent('maximumPercent', 500),
  ),
  ecsRow(
    'a minimum healthy of 150%',
    'deployment.minimumHealthyPercent',
    { deployment: { minimumHealthyPercent: 150 } },
    150,
    /from 0 to 100/,
    checkDeploymentMinimumHealthyPercent('minimumHealthyPercent', 150),
  ),
  ecsRow(
    'a scale-in cooldown over a day',
    'deployment.scaleInCooldownSeconds',
    { deployment: { scaleInCooldownSeconds: 100000 } },
    100000,
    /from 0 to 86400/,
    checkScalingCooldown('scaleInCooldownSeconds', 100000),
  ),
  ecsRow(
    'a scale-out cooldown below 0',
    'deployment.scaleOutCooldownSeconds',
    { deployment: { scaleOutCooldownSeconds: -1 } },
    -1,
    /from 0 to 86400/,
    checkScalingCooldown('scaleOutCooldownSeconds', -1),
  ),
  ecsRow(
    'tag mutability in lowercase',
    'registry.imageTagMutability',
    { registry: { imageTagMutability: 'mutable' } },
    'mutable',
    /"IMMUTABLE" or "MUTABLE"/,
    checkImageTagMutability('imageTagMutability', 'mutable'),
  ),
  ecsRow(
    'an encryption type ECR lacks',
    'registry.encryption',
    { registry: { encryption: 'KMS_DSSE' } },
    'KMS_DSSE',
    /"AES256" or "KMS"/,
    checkEncryptionType('encryption.type', 'KMS_DSSE'),
  ),
  ecsRow(
    'a tag prefix over 128 characters',
    'registry.keepTaggedImages.tagPrefixes[0]',
    { registry: { keepTaggedImages: { tagPrefixes: ['v'.repeat(129)] } } },
    'v'.repeat(129),
    /non-empty tag of up to 128 characters/,
    checkLifecycleTags('tagPrefixes', ['v'.repeat(129)]),
  ),
  ecsRow(
    'keeping 0 images',
    'registry.keepTaggedImages.count',
    { registry: { keepTaggedImages: { count: 0 } } },
    0,
    /whole number of images, at least 1/,
    checkKeepImageCount('count', 0),
  ),
  ecsRow(
    'untagged images expiring after 0 days',
    'registry.expireUntaggedAfterDays',
    { registry: { expireUntaggedAfterDays: 0 } },
    0,
    /whole number of days, at least 1/,
    checkExpireUntaggedDays('expireUntaggedAfterDays', 0),
  ),
  ecsRow(
    'PostgreSQL 9.6',
    'database.engineVersion',
    { database: { engineVersion: '9.6' } },
    '9.6',
    /PostgreSQL 11 or later/,
    checkPostgresEngineVersion('engineVersion', '9.6'),
  ),
  ecsRow(
    'an instance class without db.',
    'database.instanceClass',
    { database: { instanceClass: 't4g.micro' } },
    't4g.micro',
    /RDS instance class/,
    checkPostgresInstanceClass('instanceClass', 't4g.micro'),
  ),
  ecsRow(
    'a read replica class without db.',
    'database.readReplica.instanceClass',
    { database: { readReplica: { enabled: true, instanceClass: 'r6g.large' } } },
    'r6g.large',
    /RDS instance class/,
    checkPostgresInstanceClass('instanceClass', 'r6g.large'),
  ),
  ecsRow(
    'a negative replica-lag alarm',
    'database.readReplica.replicaLagAlarmSeconds',
    { database: { readReplica: { replicaLagAlarmSeconds: -1 } } },
    -1,
    /must be 0 or more/,
    checkAlarmThresholdAtLeast0('replicaLagSeconds', -1),
  ),
  ecsRow(
    '10 GiB of storage',
    'database.allocatedStorageGiB',
    { database: { allocatedStorageGiB: 10 } },
    10,
    /from 20 to 65536 for gp3 storage/,
    checkPostgresAllocatedStorage('allocatedStorageGiB', 10, 'gp3'),
  ),
  ecsRow(
    'io1 storage',
    'database.storageType',
    { database: { storageType: 'io1' } },
    'io1',
    /must be one of gp3, gp2/,
    checkPostgresStorageType('storageType', 'io1'),
  ),
  ecsRow(
    'a database name starting with a digit',
    'database.databaseName',
    { database: { databaseName: '1portfolio' } },
    '1portfolio',
    /letter followed by letters, digits or underscores/,
    checkPostgresDatabaseName('databaseName', '1portfolio'),
  ),
  ecsRow(
    'database port 1000',
    'database.port',
    { database: { port: 1000 } },
    1000,
    /from 1150 to 65535/,
    checkPostgresPort('port', 1000),
  ),
  ecsRow(
    'no backups kept',
    'database.backupRetentionDays',
    { database: { backupRetentionDays: 0 } },
    0,
    /from 1 to 35/,
    checkPostgresBackupRetention('backupRetentionDays', 0),
  ),
  ecsRow(
    'a 10-minute backup window',
    'database.backupWindow',
    { database: { backupWindow: '03:00-03:10' } },
    '03:00-03:10',
    /must last at least 30 minutes/,
    checkPostgresWindows(
      { path: 'backupWindow', value: '03:00-03:10' },
      { path: 'maintenanceWindow', value: 'mon:04:00-mon:05:00' },
    ),
  ),
  ecsRow(
    'maintenance during the backups',
    'database.maintenanceWindow',
    { database: { maintenanceWindow: 'mon:03:30-mon:04:30' } },
    'mon:03:30-mon:04:30',
    /overlaps database\.backupWindow/,
    checkPostgresWindows(
      { path: 'database.backupWindow', value: '03:00-04:00' },
      { path: 'database.maintenanceWindow', value: 'mon:03:30-mon:04:30' },
    ),
  ),
  ecsRow(
    'a monitoring interval of 2 s',
    'database.monitoringIntervalSeconds',
    { database: { monitoringIntervalSeconds: 2 } },
    2,
    /must be one of 0, 1, 5, 10, 15, 30, 60/,
    checkMonitoringInterval('monitoringIntervalSeconds', 2),
  ),
  ecsRow(
    'a log type exported twice',
    'database.logExports[1]',
    { database: { logExports: ['postgresql', 'postgresql'] } },
    'postgresql',
    /is listed twice/,
    checkPostgresLogExports('cloudwatchLogsExports', ['postgresql', 'postgresql']),
  ),
  ecsRow(
    'a database log retention CloudWatch lacks',
    'database.logRetentionInDays',
    { database: { logRetentionInDays: 45 } },
    45,
    /CloudWatch Logs retention period/,
    checkLogRetention('logRetentionInDays', 45),
  ),
  ecsRow(
    'Redis 8.0',
    'cache.engineVersion',
    { cache: { engineVersion: '8.0' } },
    '8.0',
    /from 6\.0 to 7\.x/,
    checkRedisEngineVersion('engineVersion', '8.0'),
  ),
  ecsRow(
    'a node type without cache.',
    'cache.nodeType',
    { cache: { nodeType: 't4g.micro' } },
    't4g.micro',
    /ElastiCache node type/,
    checkRedisNodeType('nodeType', 't4g.micro'),
  ),
  ecsRow(
    'seven cache nodes',
    'cache.numCacheClusters',
    { cache: { numCacheClusters: 7 } },
    7,
    /from 1 to 6/,
    checkNumCacheClusters('numCacheClusters', 7),
  ),
  ecsRow(
    'failover on one node',
    'cache.automaticFailover',
    { cache: { automaticFailover: true, numCacheClusters: 1 } },
    true,
    /needs numCacheClusters of at least 2/,
    checkAutomaticFailover('automaticFailover', true, 1),
  ),
  ecsRow(
    'cache port 0',
    'cache.port',
    { cache: { port: 0 } },
    0,
    /TCP port from 1 to 65535/,
    checkRedisPort('port', 0),
  ),
  ecsRow(
    'an eviction policy Redis lacks',
    'cache.maxmemoryPolicy',
    { cache: { maxmemoryPolicy: 'lru' } },
    'lru',
    /must be one of volatile-lru/,
    checkRedisParameter('parameters.maxmemory-policy', 'maxmemory-policy', 'lru'),
  ),
  ecsRow(
    'snapshots kept 40 days',
    'cache.snapshotRetentionDays',
    { cache: { snapshotRetentionDays: 40 } },
    40,
    /from 0 to 35/,
    checkSnapshotRetention('snapshotRetentionDays', 40),
  ),
  ecsRow(
    'a 30-minute snapshot window',
    'cache.snapshotWindow',
    { cache: { snapshotWindow: '03:00-03:30' } },
    '03:00-03:30',
    /must last at least 60 minutes/,
    checkRedisWindows(
      { path: 'snapshotWindow', value: '03:00-03:30' },
      { path: 'maintenanceWindow', value: 'sun:05:00-sun:06:00' },
      5,
    ),
  ),
  ecsRow(
    'cache maintenance during snapshots',
    'cache.maintenanceWindow',
    { cache: { maintenanceWindow: 'sun:04:00-sun:05:00' } },
    'sun:04:00-sun:05:00',
    /overlaps cache\.snapshotWindow/,
    checkRedisWindows(
      { path: 'cache.snapshotWindow', value: '03:00-05:00' },
      { path: 'cache.maintenanceWindow', value: 'sun:04:00-sun:05:00' },
      5,
    ),
  ),
  ecsRow(
    'a CPU alarm at 0%',
    'monitoring.cpuAlarmPercent',
    { monitoring: { cpuAlarmPercent: 0 } },
    0,
    /above 0 and at most 100/,
    checkAlarmPercent('cpuPercent', 0),
  ),
  ecsRow(
    'a memory alarm at 150%',
    'monitoring.memoryAlarmPercent',
    { monitoring: { memoryAlarmPercent: 150 } },
    150,
    /above 0 and at most 100/,
    checkAlarmPercent('memoryPercent', 150),
  ),
  ecsRow(
    'a 45-second alarm period',
    'monitoring.periodSeconds',
    { monitoring: { periodSeconds: 45 } },
    45,
    /10, 20, 30 or a multiple of 60/,
    checkAlarmPeriod('periodSeconds', 45),
  ),
  ecsRow(
    'no evaluation period',
    'monitoring.evaluationPeriods',
    { monitoring: { evaluationPeriods: 0 } },
    0,
    /from 1 to 100000/,
    checkAlarmEvaluationPeriods('evaluationPeriods', 0),
  ),
  ecsRow(
    'alarms evaluating more than a day',
    'monitoring.evaluationPeriods',
    { monitoring: { evaluationPeriods: 300 } },
    300,
    /CloudWatch evaluates at most 86400 s/,
    checkEvaluationRange('evaluationPeriods', 300, 300),
  ),
];

const ec2Prefix = (appName: string) => `${appName}-${ec2.name}`;
const selfHosted = { mode: 'self-hosted', instanceType: 't3.medium', dataVolumeGiB: 50, backupRetentionDays: 7 };
const certificate = 'arn:aws:acm:us-east-1:123456789012:certificate/abc_123';
const bigEnvironment = { BIG: 'x'.repeat(17_000) };
const duplicateIps = ['203.0.113.10', '203.0.113.10'];
const gov = 'us-gov-west-1';

const ec2WebRows: Row[] = [
  ec2Row(
    'a self-hosted MongoDB name over 24 characters',
    'appName',
    { appName: LONG_APP_NAME, mongodb: selfHosted },
    LONG_APP_NAME,
    /makes the self-hosted MongoDB name/,
    checkSelfHostedMongoName('name', ec2Prefix(LONG_APP_NAME)),
  ),
  ec2Row(
    'a trailing hyphen (cache id)',
    'appName',
    { appName: 'starttech-' },
    'starttech-',
    /makes the cache replication group id/,
    checkReplicationGroupId('replicationGroupId', ec2Prefix('starttech-')),
  ),
  ec2Row(
    'an ACM ARN with an underscore',
    'loadBalancer.certificateArn',
    { loadBalancer: { certificateArn: certificate, originDomainName: 'api.example.com' } },
    certificate,
    /must be an ACM certificate ARN/,
    checkListenerCertificate('certificateArn', certificate, false),
  ),
  ec2Row(
    'no certificate and no plain HTTP',
    'loadBalancer.certificateArn',
    { loadBalancer: { allowPlainHttp: false } },
    undefined,
    /is required: set an ACM certificate ARN/,
    checkListenerCertificate('certificateArn', undefined, false),
  ),
  ec2Row(
    'an origin with a scheme',
    'loadBalancer.originDomainName',
    { loadBalancer: { originDomainName: 'https://api.example.com' } },
    'https://api.example.com',
    /bare host name/,
    checkOriginDomainName('apiOrigin.domainName', 'https://api.example.com'),
  ),
  ec2Row(
    'an ingress CIDR with host bits',
    'loadBalancer.ingressCidrs[0]',
    { loadBalancer: { ingressCidrs: ['10.0.0.1/16'] } },
    '10.0.0.1/16',
    /has host bits set/,
    checkCidr('ingressCidrs[0]', '10.0.0.1/16'),
  ),
  ec2Row(
    'access logs kept 0 days',
    'loadBalancer.accessLogs.expirationDays',
    { loadBalancer: { accessLogs: { expirationDays: 0 } } },
    0,
    /from 1 to 36500/,
    checkAccessLogDays('expirationDays', 0),
  ),
  ec2Row(
    'target-group port 0',
    'loadBalancer.targetGroup.port',
    { loadBalancer: { targetGroup: { port: 0 } }, instances: { containerPort: 0 } },
    0,
    /must be a port from 1 to 65535/,
    checkTargetGroupPort('port', 0),
  ),
  ec2Row(
    'a health-check path without /',
    'loadBalancer.targetGroup.healthCheckPath',
    { loadBalancer: { targetGroup: { healthCheckPath: 'health' } } },
    'health',
    /must start with "\/"/,
    checkHealthCheck('', { path: 'health' }),
  ),
  ec2Row(
    'a 400-second health-check interval',
    'loadBalancer.targetGroup.intervalSeconds',
    { loadBalancer: { targetGroup: { intervalSeconds: 400 } } },
    400,
    /from 5 to 300/,
    checkHealthCheck('', { path: '/', intervalSeconds: 400 }),
  ),
  ec2Row(
    'a 1-second health-check timeout',
    'loadBalancer.targetGroup.timeoutSeconds',
    { loadBalancer: { targetGroup: { timeoutSeconds: 1 } } },
    1,
    /from 2 to 120/,
    checkHealthCheck('', { path: '/', timeoutSeconds: 1 }),
  ),
  ec2Row(
    'a timeout not below the interval',
    'loadBalancer.targetGroup.timeoutSeconds',
    { loadBalancer: { targetGroup: { timeoutSeconds: 30 } } },
    30,
    /must leave intervalSeconds \(30\) greater than timeoutSeconds \(30\)/,
    checkHealthCheck('', { path: '/', intervalSeconds: 30, timeoutSeconds: 30 }),
  ),
  ec2Row(
    'a healthy threshold of 11',
    'loadBalancer.targetGroup.healthyThreshold',
    { loadBalancer: { targetGroup: { healthyThreshold: 11 } } },
    11,
    /count from 2 to 10/,
    checkHealthCheck('', { path: '/', healthyThreshold: 11 }),
  ),
  ec2Row(
    'an unhealthy threshold of 1',
    'loadBalancer.targetGroup.unhealthyThreshold',
    { loadBalancer: { targetGroup: { unhealthyThreshold: 1 } } },
    1,
    /count from 2 to 10/,
    checkHealthCheck('', { path: '/', unhealthyThreshold: 1 }),
  ),
  ec2Row(
    'an instance type without a size',
    'instances.instanceType',
    { instances: { instanceType: 't3' } },
    't3',
    /EC2 instance type/,
    checkInstanceType('instanceType', 't3'),
  ),
  ec2Row(
    'an AMI parameter with resolve:ssm:',
    'instances.amiSsmParameter',
    { instances: { amiSsmParameter: 'resolve:ssm:/aws/service/x' } },
    'resolve:ssm:/aws/service/x',
    /without the resolve:ssm: prefix/,
    checkAmiSsmParameter('amiSsmParameter', 'resolve:ssm:/aws/service/x'),
  ),
  ec2Row(
    'a 4 GiB root volume',
    'instances.rootVolumeGiB',
    { instances: { rootVolumeGiB: 4 } },
    4,
    /from 8 \(the Amazon Linux 2 snapshot\) to 16384/,
    checkRootVolume({ sizeGiB: 'rootVolume.sizeGiB', type: 'rootVolume.type' }, { sizeGiB: 4, type: 'gp3' }),
  ),
  ec2Row(
    'an io2 root volume',
    'instances.rootVolumeType',
    { instances: { rootVolumeType: 'io2' } },
    'io2',
    /must be one of gp3, gp2/,
    checkRootVolume({ sizeGiB: 'rootVolume.sizeGiB', type: 'rootVolume.type' }, { sizeGiB: 20, type: 'io2' }),
  ),
  ec2Row(
    'health checks "elb"',
    'instances.healthCheckType',
    { instances: { healthCheckType: 'elb' } },
    'elb',
    /"EC2" or "ELB"/,
    checkHealthCheckType('healthCheckType', 'elb'),
  ),
  ec2Row(
    'min instances above max',
    'instances.capacity.min',
    { instances: { capacity: { min: 7, desired: 7, max: 6 } } },
    7,
    /must not exceed instances\.capacity\.max 6/,
    checkWebCapacity('instances.capacity', { min: 7, max: 6, desired: 7 }),
  ),
  ec2Row(
    'desired instances above max',
    'instances.capacity.desired',
    { instances: { capacity: { desired: 7 } } },
    7,
    /between instances\.capacity\.min 2 and instances\.capacity\.max 6/,
    checkWebCapacity('instances.capacity', { min: 2, max: 6, desired: 7 }),
  ),
  ec2Row(
    'a negative grace period',
    'instances.healthCheckGracePeriodSeconds',
    { instances: { healthCheckGracePeriodSeconds: -1 } },
    -1,
    /0 or more/,
    checkHealthCheckGracePeriod('healthCheckGracePeriodSeconds', -1),
  ),
  {
    ...row(
      'SSH from anywhere in production',
      ec2Production,
      'ec2Web',
      'instances.sshCidrs[0]',
      { instances: { sshCidrs: ['0.0.0.0/0'] } },
      '0.0.0.0/0',
      /opens SSH to the whole internet/,
      checkSshCidrs('sshCidrs', ['0.0.0.0/0'], !ec2Production.production, 'not in production'),
    ),
  },
  ec2Row(
    'an SSH source that is no CIDR',
    'instances.sshCidrs[0]',
    { instances: { sshCidrs: ['office'] } },
    'office',
    /is not an IPv4 CIDR block/,
    checkSshCidrs('sshCidrs', ['office'], true),
  ),
  ec2Row(
    'container port 0',
    'instances.containerPort',
    { instances: { containerPort: 0 } },
    0,
    /must be a port from 1 to 65535/,
    checkContainerPort('container.containerPort', 0),
  ),
  ec2Row(
    'a variable name starting with a digit',
    'instances.environment.1A',
    { instances: { environment: { '1A': 'x' } } },
    'x',
    /is not a valid variable name/,
    checkContainerEnvironment('environment', { '1A': 'x' }),
  ),
  ec2Row(
    'a variable with a NUL character',
    'instances.environment.A',
    { instances: { environment: { A: 'x\u0000y' } } },
    'x\u0000y',
    /must not contain line breaks or NUL characters/,
    checkContainerEnvironment('environment', { A: 'x\u0000y' }),
  ),
  {
    ...ec2Row(
      'variables that make the user data exceed 16 KB',
      'instances.environment',
      { instances: { environment: bigEnvironment } },
      undefined,
      /renders user data of \d+ bytes; EC2 accepts at most 16384/,
      checkUserDataSize('container.environment', {
        region: 'us-east-1',
        registry: 'r',
        image: 'i',
        containerPort: 1,
        hostPort: 1,
        logGroupName: 'l',
        environment: bigEnvironment,
      }),
    ),
    value: { ...shipped(ec2.name).ec2Web!.instances.environment, ...bigEnvironment },
    countsVary: true,
  },
  ec2Row(
    'an instance log retention CloudWatch lacks',
    'instances.logRetentionInDays',
    { instances: { logRetentionInDays: 45 } },
    45,
    /CloudWatch Logs retention period/,
    checkLogRetention('logRetentionInDays', 45),
  ),
  ec2Row(
    'a 150% scale-up threshold',
    'scaling.scaleUpCpuPercent',
    { scaling: { scaleUpCpuPercent: 150 } },
    150,
    /must be from 1 to 100/,
    checkWebScaling(
      'scaling',
      {
        cooldownSeconds: 300,
        scaleUpCpuPercent: 150,
        scaleDownCpuPercent: 30,
        periodSeconds: 60,
        evaluationPeriods: 2,
      },
      true,
    ),
  ),
  ec2Row(
    'scale-down at scale-up',
    'scaling.scaleDownCpuPercent',
    { scaling: { scaleDownCpuPercent: 70 } },
    70,
    /must be below scaling\.scaleUpCpuPercent 70/,
    checkWebScaling(
      'scaling',
      { cooldownSeconds: 300, scaleUpCpuPercent: 70, scaleDownCpuPercent: 70, periodSeconds: 60, evaluationPeriods: 2 },
      true,
    ),
  ),
  ec2Row(
    'a negative cooldown',
    'scaling.cooldownSeconds',
    { scaling: { cooldownSeconds: -1 } },
    -1,
    /0 or more/,
    checkWebScaling(
      'scaling',
      { cooldownSeconds: -1, scaleUpCpuPercent: 70, scaleDownCpuPercent: 30, periodSeconds: 60, evaluationPeriods: 2 },
      true,
    ),
  ),
  ec2Row(
    'a 30-second scaling period',
    'scaling.periodSeconds',
    { scaling: { periodSeconds: 30 } },
    30,
    /multiple of 60, at least 60/,
    checkWebScaling(
      'scaling',
      { cooldownSeconds: 300, scaleUpCpuPercent: 70, scaleDownCpuPercent: 30, periodSeconds: 30, evaluationPeriods: 2 },
      true,
    ),
  ),
  ec2Row(
    'scaling alarms over a day',
    'scaling.evaluationPeriods',
    { scaling: { evaluationPeriods: 2000 } },
    2000,
    /must not exceed one day/,
    checkWebScaling(
      'scaling',
      {
        cooldownSeconds: 300,
        scaleUpCpuPercent: 70,
        scaleDownCpuPercent: 30,
        periodSeconds: 60,
        evaluationPeriods: 2000,
      },
      true,
    ),
  ),
  ec2Row(
    'an origin access mode CloudFront lacks',
    'frontend.originAccess',
    { frontend: { originAccess: 'oac' } },
    'oac',
    /must be one of "origin-access-control"/,
    checkOneOf('originAccess', 'oac', ORIGIN_ACCESS_MODES),
  ),
  ec2Row(
    'a price class CloudFront lacks',
    'frontend.priceClass',
    { frontend: { priceClass: 'PriceClass_300' } },
    'PriceClass_300',
    /must be one of "PriceClass_100"/,
    checkOneOf('priceClass', 'PriceClass_300', PRICE_CLASSES),
  ),
  ec2Row(
    'old versions kept 0 days',
    'frontend.noncurrentVersionExpirationDays',
    { frontend: { noncurrentVersionExpirationDays: 0 } },
    0,
    /whole number of days ≥ 1/,
    checkNoncurrentVersionExpirationDays('noncurrentVersionExpirationDays', 0),
  ),
  ec2Row(
    'a default TTL above the maximum',
    'frontend.defaultTtlSeconds',
    { frontend: { defaultTtlSeconds: 100000 } },
    100000,
    /must not exceed defaultMaxTtlSeconds \(86400\)/,
    checkCacheTtls({ ...STATIC_SITE_TTL_DEFAULTS, defaultTtlSeconds: 100000 }),
  ),
  ec2Row(
    'assets cached 0 seconds',
    'frontend.assetsTtlSeconds',
    { frontend: { assetsTtlSeconds: 0 } },
    0,
    /whole number of seconds ≥ 1/,
    checkCacheTtls({ ...STATIC_SITE_TTL_DEFAULTS, assetsTtlSeconds: 0 }),
  ),
  ec2Row(
    'Redis 5.0',
    'cache.engineVersion',
    { cache: { engineVersion: '5.0' } },
    '5.0',
    /from 6\.0 to 7\.x/,
    checkRedisEngineVersion('engineVersion', '5.0'),
  ),
  ec2Row(
    'no cache nodes',
    'cache.numCacheClusters',
    { cache: { numCacheClusters: 0 } },
    0,
    /from 1 to 6/,
    checkNumCacheClusters('numCacheClusters', 0),
  ),
  ec2Row(
    'an AUTH token secret without TLS',
    'cache.authTokenSecretName',
    { cache: { authTokenSecretName: 'redis-auth', transitEncryption: false, iamAuthentication: false } },
    'redis-auth',
    /is only allowed with transitEncryption: true/,
    checkAuthTokenNeedsTransitEncryption('authToken', 'a reference', false),
  ),
  ec2Row(
    'a Redis log retention CloudWatch lacks',
    'cache.logRetentionInDays',
    { cache: { logRetentionInDays: 45 } },
    45,
    /CloudWatch Logs retention period/,
    checkLogRetention('logDelivery.slowLog.retentionInDays', 45),
  ),
  ec2Row(
    'an Atlas org id that is not hex',
    'mongodb.orgId',
    { mongodb: { orgId: 'my-org' } },
    'my-org',
    /24 lowercase hex characters/,
    checkAtlasOrgId('orgId', 'my-org'),
  ),
  ec2Row(
    'a blank Atlas project name',
    'mongodb.projectName',
    { mongodb: { projectName: '   ' } },
    '   ',
    /must be 1-64 characters/,
    checkAtlasProjectName('projectName', '   '),
  ),
  ec2Row(
    'an Atlas cluster name starting with a hyphen',
    'mongodb.clusterName',
    { mongodb: { clusterName: '-starttech' } },
    '-starttech',
    /starting with a letter or digit/,
    checkAtlasClusterName('clusterName', '-starttech'),
  ),
  ec2Row(
    'the retired M5 tier',
    'mongodb.instanceSize',
    { mongodb: { instanceSize: 'M5' } },
    'M5',
    /M10 or larger/,
    checkAtlasInstanceSize('instanceSize', 'M5'),
  ),
  ec2Row(
    'four electable nodes',
    'mongodb.electableNodes',
    { mongodb: { electableNodes: 4 } },
    4,
    /must be 3, 5 or 7/,
    checkElectableNodes('electableNodes', 4),
  ),
  ec2Row(
    'a MongoDB version without minor',
    'mongodb.mongoDbMajorVersion',
    { mongodb: { mongoDbMajorVersion: '7' } },
    '7',
    /major version like 7\.0/,
    checkMongoDbMajorVersion('mongoDbMajorVersion', '7'),
  ),
  ec2Row(
    'Atlas backups kept 5000 days',
    'mongodb.backupRetentionDays',
    { mongodb: { backupRetentionDays: 5000 } },
    5000,
    /from 1 to 3650/,
    checkAtlasBackupRetention('backupRetentionDays', 5000),
  ),
  ec2Row(
    'a point-in-time restore window longer than the backups are kept',
    'mongodb.pointInTimeRestoreWindowDays',
    { mongodb: { backupRetentionDays: 30 } },
    35,
    /must be a whole number of days from 1 to backupRetentionDays \(30\)/,
    checkPointInTimeRestoreWindow('pointInTimeRestoreWindowDays', 35, 30),
  ),
  ec2Row(
    'an Atlas user name with a space',
    'mongodb.username',
    { mongodb: { username: 'app user' } },
    'app user',
    /safe in a URI/,
    checkAtlasUsername('username', 'app user'),
  ),
  ec2Row(
    'the admin database',
    'mongodb.databases[0]',
    { mongodb: { databases: ['admin'] } },
    'admin',
    /not admin, local or config/,
    checkAtlasDatabases('databases', ['admin']),
  ),
  {
    ...ec2Row(
      'Atlas in GovCloud',
      'mongodb.mode',
      {},
      'atlas',
      /puts the cluster in the environment's region, which must be a commercial AWS region/,
      checkAtlasRegion('region', gov),
    ),
    patch: { region: gov, availabilityZones: { [gov]: [`${gov}a`, `${gov}b`] } },
  },
  ec2Row(
    'Atlas behind no NAT gateway',
    'network.natGateways',
    { network: { natGateways: 'none' } },
    'none',
    /leaves Atlas's access list .* empty, which must list at least one IPv4 address/,
    checkAtlasAllowedIps('allowedIps', [], false),
  ),
  ec2Row(
    'a NAT IP listed twice for Atlas',
    'network.existing.natPublicIps[1]',
    {
      network: {
        existing: {
          vpcId: 'vpc-0123456789abcdef0',
          publicSubnetIds: ['subnet-0aaaaaaaaaaaaaaa1', 'subnet-0aaaaaaaaaaaaaaa2'],
          privateSubnetIds: ['subnet-0bbbbbbbbbbbbbbb1', 'subnet-0bbbbbbbbbbbbbbb2'],
          natPublicIps: duplicateIps,
        },
      },
    },
    '203.0.113.10',
    /is listed more than once/,
    checkAtlasAllowedIps('allowedIps', duplicateIps, false),
  ),
  ec2Row(
    'a Graviton type for the x86_64 MongoDB AMI',
    'mongodb.instanceType',
    { mongodb: { ...selfHosted, instanceType: 't4g.medium' } },
    't4g.medium',
    /is an x86_64 AMI but t4g\.medium is arm64/,
    checkAmiArchitecture('amiSsmParameter', AL2023_X86_64_AMI_PARAMETER, 't4g.medium'),
  ),
  ec2Row(
    'a MongoDB instance type without a generation',
    'mongodb.instanceType',
    { mongodb: { ...selfHosted, instanceType: 't.medium' } },
    't.medium',
    /EC2 instance type/,
    checkMongoInstanceType('instanceType', 't.medium'),
  ),
  ec2Row(
    'an empty MongoDB data volume',
    'mongodb.dataVolumeGiB',
    { mongodb: { ...selfHosted, dataVolumeGiB: 0 } },
    0,
    /from 1 to 16384/,
    checkDataVolumeSize('dataVolume.sizeGiB', 0),
  ),
  ec2Row(
    'MongoDB backups kept 4000 days',
    'mongodb.backupRetentionDays',
    { mongodb: { ...selfHosted, backupRetentionDays: 4000 } },
    4000,
    /from 1 to 3650/,
    checkSelfHostedBackupRetention('backupRetentionDays', 4000),
  ),
  ec2Row(
    'a response-time alarm at 0 s',
    'monitoring.responseTimeSeconds',
    { monitoring: { responseTimeSeconds: 0 } },
    0,
    /must be above 0/,
    checkAlarmThresholdAbove0('responseTimeSeconds', 0),
  ),
  ec2Row(
    'a response-time percentile of 100',
    'monitoring.responseTimePercentile',
    { monitoring: { responseTimePercentile: 100 } },
    100,
    /must be a percentile above 0 and below 100/,
    checkAlarmPercentile('responseTimePercentile', 100),
  ),
  ec2Row(
    'an error-rate alarm at 100% of requests (never exceeded)',
    'monitoring.errorRate.percent',
    { monitoring: { errorRate: { percent: 100 } } },
    100,
    /0 \(any error\) or more, and below 100/,
    checkErrorRatePercent('errorRatePercent', 100),
  ),
  ec2Row(
    'an error-log pattern with an unclosed quote',
    'monitoring.errorLogPattern',
    { monitoring: { errorLogPattern: '?"Out of memory' } },
    '?"Out of memory',
    /unclosed double quote/,
    checkLogFilterPattern('pattern', '?"Out of memory'),
  ),
  ec2Row(
    'a Redis memory alarm at 0%',
    'monitoring.redisMemoryPercent',
    { monitoring: { redisMemoryPercent: 0 } },
    0,
    /above 0 and at most 100/,
    checkAlarmPercent('memoryPercent', 0),
  ),
  ec2Row(
    'a negative eviction threshold',
    'monitoring.redisEvictionsThreshold',
    { monitoring: { redisEvictionsThreshold: -1 } },
    -1,
    /must be a count ≥ 0/,
    checkAlarmCountThreshold('evictionsThreshold', -1),
  ),
  ec2Row(
    'half an unhealthy host',
    'monitoring.unhealthyHostsThreshold',
    { monitoring: { unhealthyHostsThreshold: 0.5 } },
    0.5,
    /must be a count ≥ 0/,
    checkAlarmCountThreshold('unhealthyTargetsThreshold', 0.5),
  ),
  ec2Row(
    'a 45-second alarm period',
    'monitoring.periodSeconds',
    { monitoring: { periodSeconds: 45 } },
    45,
    /10, 20, 30 or a multiple of 60/,
    checkAlarmPeriod('periodSeconds', 45),
  ),
  ec2Row(
    'no evaluation period',
    'monitoring.evaluationPeriods',
    { monitoring: { evaluationPeriods: 0 } },
    0,
    /from 1 to 100000/,
    checkAlarmEvaluationPeriods('evaluationPeriods', 0),
  ),
  ec2Row(
    'hourly alarms evaluating more than a week',
    'monitoring.evaluationPeriods',
    { monitoring: { periodSeconds: 3600, evaluationPeriods: 200 } },
    200,
    /CloudWatch evaluates at most 604800 s/,
    checkEvaluationRange('evaluationPeriods', 200, 3600),
  ),
  ec2Row(
    'a repository named ..',
    'github.frontend.repository',
    { github: { frontend: { repository: 'Kindee18/..' } } },
    'Kindee18/..',
    /has an invalid name/,
    checkGithubRepository('repository', 'Kindee18/..'),
  ),
  ec2Row(
    'a branch with a space',
    'github.backend.branches[0]',
    { github: { backend: { branches: ['main branch'] } } },
    'main branch',
    /no spaces or colons/,
    checkGithubBranch('branches[0]', 'main branch'),
  ),
  ec2Row(
    'no branch to trust',
    'github.infra.branches',
    { github: { infra: { branches: [] } } },
    [],
    /must list at least one branch/,
    checkGithubRoleSubjects('branches', [], [], false),
  ),
];

const ecsServiceRows: Row[] = [
  svcRow(
    'a self-signed certificate in production',
    'certificate.mode',
    {
      certificate: {
        mode: 'self-signed',
        domainName: 'webapp.example.com',
        validityDays: 365,
        keyAlgorithm: 'RSA_2048',
        allowInProduction: false,
      },
    },
    'self-signed',
    /must not be "self-signed" in production: clients do not trust it.*certificate\.allowInProduction: true/,
    checkSelfSignedAllowed('mode', 'self-signed', false, 'in production', 'certificate.allowInProduction'),
    svcProduction,
  ),
  svcRow(
    'a self-signed certificate valid 1000 days',
    'certificate.validityDays',
    { certificate: { validityDays: 1000 } },
    1000,
    /from 1 to 825/,
    checkCertificateValidityDays('validityDays', 1000),
  ),
  svcRow(
    'an ACM certificate given by name',
    'certificate.certificateArn',
    { certificate: { mode: 'acm', certificateArn: 'webapp-cert', domainName: 'webapp.example.com' } },
    'webapp-cert',
    /must be an ACM certificate ARN/,
    checkListenerCertificate('certificateArn', 'webapp-cert', false),
  ),
  svcRow(
    '0.25 vCPU with 4 GB',
    'service.memoryMiB',
    { service: { memoryMiB: 4096 } },
    4096,
    /must be a Fargate memory size for cpu 256: 512, 1024 or 2048 MiB/,
    checkFargateTaskSize('cpu', 256, 'memoryMiB', 4096),
  ),
  svcRow(
    'a desired count above the maximum',
    'service.capacity.desired',
    { service: { capacity: { desired: 5 } } },
    5,
    /must be a whole number from capacity\.min \(2\) to capacity\.max \(4\)/,
    checkFargateServiceCapacity({ min: 'min', max: 'max', desired: 'desired' }, { min: 2, max: 4, desired: 5 }),
  ),
  svcRow(
    'a memory target of 0%',
    'service.memoryTargetPercent',
    { service: { memoryTargetPercent: 0 } },
    0,
    /from 1 to 100/,
    checkMemoryTargetPercent('memoryTargetPercent', 0),
  ),
  svcRow(
    'a secret key with a colon',
    'databaseSecret.jsonKeys[0]',
    { databaseSecret: { jsonKeys: ['DB:HOST'] } },
    'DB:HOST',
    /without ":"/,
    checkSecretJsonKeys('jsonKeys', ['DB:HOST']),
  ),
  svcRow(
    'a secret recovery window of 3 days',
    'databaseSecret.recoveryWindowInDays',
    { databaseSecret: { recoveryWindowInDays: 3 } },
    3,
    /from 7 to 30, or 0 to delete at once/,
    checkSecretRecoveryWindow('recoveryWindowInDays', 3),
  ),
  svcRow(
    'a wildcard repository in the trust',
    'github.repository',
    { github: { repository: 'example-org/*' } },
    'example-org/*',
    /must name one repository, owner\/name without wildcards/,
    checkGithubRepository('repository', 'example-org/*'),
  ),
  svcRow(
    'a GitHub environment with a colon',
    'github.environments[0]',
    { github: { environments: ['prod:blue'] } },
    'prod:blue',
    /must be a environment name: 1-255 characters, no spaces or colons/,
    checkGithubEnvironment('environments[0]', 'prod:blue'),
  ),
];

const rows = [...networkRows, ...ecsFullstackRows, ...ec2WebRows, ...ecsServiceRows];

describe('config fields backed by module checks', () => {
  it.each(rows.map((each) => [each.what, each] as const))('%s: the module and config both reject it', (_what, each) => {
    expect(each.module).not.toEqual([]);
    const error = loadError(environmentsWith(each.env, each.patch));
    // A setting may break several rules (appName makes several names): the row's is among them.
    const issue = error.issues.find(
      (candidate) => candidate.path === each.path && each.message.test(candidate.message),
    );
    expect(issue).toEqual({ path: each.path, value: each.value, message: expect.stringMatching(each.message) });
    expect(error.message).toContain(`  - ${each.path}: ${issue!.message} (got ${formatValue(each.value)})`);
    // One rule, one message: config says what the module says (after what config made of the value, if anything).
    const words = (message: string) => (each.countsVary ? message.replace(/\d+ bytes/g, 'N bytes') : message);
    expect(each.module.some((moduleIssue) => words(issue!.message).includes(words(moduleIssue.message)))).toBe(true);
  });

  it('has a row for every field it names, each at a distinct path or rule', () => {
    expect(new Set(rows.map((each) => each.what)).size).toBe(rows.length);
  });
});
