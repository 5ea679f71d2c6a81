/**
 * Configuration of the `ecs-fullstack` blueprint (seed 001): every number of the architecture document — ports,
 * sizes, scaling, windows, retention, alarm thresholds — is a validated field whose default is the document's value,
 * stated once in `ecsFullstackDefaults`. The document's dev and prod columns are the `dev` and `prod` profiles.
 *
 * A value that goes into a module prop is checked by that module's exported check (the load balancer's TLS policies
 * and health checks, Fargate task sizes, the Postgres and Redis rules, the ECR lifecycle, the alarm periods), so
 * config and module cannot disagree and the error names the config path. Checks that need the environment (names
 * made from appName and the environment's name, subnets per AZ) are in the catalogue entry, ./index.ts.
 */
import { z } from 'zod';
import { checkDockerImageTag } from '../../../modules/core/checks';
import { joinPath } from '../../../modules/core/validation';
import { checkDomainName } from '../../../modules/dns';
import {
  checkContainerInsights,
  checkContainerVariableName,
  checkCpuTargetPercent,
  checkFargateServiceCapacity,
  checkFargateTaskSize,
  checkNotPlainAndSecret,
  checkPort,
  CONTAINER_INSIGHTS_MODES,
} from '../../../modules/ecs';
import {
  checkHealthCheckPath,
  checkIdleTimeout,
  checkSslPolicy,
  validateServiceRouting,
} from '../../../modules/load-balancer';
import { checkAlarmPercent, checkAlarmThresholdAtLeast0 } from '../../../modules/observability';
import {
  checkMonitoringInterval,
  checkPostgresAllocatedStorage,
  checkPostgresBackupRetention,
  checkPostgresDatabaseName,
  checkPostgresEngineVersion,
  checkPostgresInstanceClass,
  checkPostgresLogExports,
  checkPostgresPort,
  checkPostgresStorageType,
  checkPostgresWindows,
  POSTGRES_LOG_TYPES,
  POSTGRES_STORAGE_TYPES,
} from '../../../modules/postgres';
import { checkRedisParameter, MAXMEMORY_POLICIES } from '../../../modules/redis';
import type { EnvironmentIdentity } from '../../config/environment';
import {
  accessLogsSchema,
  addModuleIssues,
  addRecordIssues,
  alarmEvaluationPeriods,
  alarmPeriodSeconds,
  alarmTimingIssues,
  containerHealthCheckIssues,
  containerHealthCheckSchema,
  containerRegistryFields,
  ecsDeploymentSchema,
  ipv4Cidr,
  lifecycleTags,
  logRetentionDays,
  moduleEnum,
  moduleNumber,
  moduleString,
  redisCacheFields,
  redisCacheIssues,
} from '../../config/fields';
import type { DeepPartial } from '../../config/merge';
import { defaultFlowLogs, networkSchema } from '../../config/network-schema';

export const ECS_FULLSTACK_SERVICES = ['frontend', 'backend'] as const;
export type EcsFullstackServiceName = (typeof ECS_FULLSTACK_SERVICES)[number];

/** The variables a service with database access gets from the database's managed secret (not plain variables). */
export const DATABASE_SECRET_VARIABLES = ['DATABASE_USERNAME', 'DATABASE_PASSWORD'] as const;

const serviceSchema = z
  .object({
    /** Port the container listens on; the target group and the security group rule use it too. */
    containerPort: moduleNumber(checkPort),
    /** Fargate task size: CPU units (256 = 0.25 vCPU) and memory in MiB, a combination Fargate offers. */
    cpu: z.number(),
    memoryMiB: z.number(),
    /** Target-group health check path. */
    healthCheckPath: moduleString(checkHealthCheckPath),
    /** Paths the HTTPS listener sends to this service (1 to 5); empty for the default (catch-all) service. */
    pathPatterns: z.array(z.string()),
    /** Listener rule priority of pathPatterns (lower wins), unique among the services; unused for the default one. */
    priority: z.number(),
    /** Task count range for Application Auto Scaling; desired is the initial count. */
    capacity: z.object({ min: z.number(), desired: z.number().optional(), max: z.number() }).strict(),
    /** Target tracking: average CPU the service is scaled to hold. */
    cpuTargetPercent: moduleNumber(checkCpuTargetPercent),
    /** Image tag deployed from the service's ECR repository. */
    imageTag: moduleString(checkDockerImageTag),
    /** Plain (non-secret) environment variables of the container. */
    environment: z.record(z.string(), z.string()),
    /** Directories the container writes to: its root filesystem is read-only, each of these is task storage. */
    writablePaths: z.array(z.string().regex(/^\/[^\s]*$/, 'must be an absolute path')).min(1),
    /**
     * The container's own health check, so ECS replaces a hung task even while the load balancer's check passes: a GET
     * of `healthCheckPath` on `containerPort` with the image's interpreter (`node`, `python`), or `none`.
     */
    containerHealthCheck: containerHealthCheckSchema,
  })
  .strict()
  .superRefine((service, ctx) => {
    addModuleIssues(ctx, [
      ...containerHealthCheckIssues(
        'containerHealthCheck',
        service.containerHealthCheck,
        service.containerPort,
        service.healthCheckPath,
      ),
      ...checkFargateTaskSize('cpu', service.cpu, 'memoryMiB', service.memoryMiB),
      ...checkFargateServiceCapacity(
        { min: 'capacity.min', max: 'capacity.max', desired: 'capacity.desired' },
        service.capacity,
      ),
    ]);
    addRecordIssues(ctx, ['environment'], service.environment, (name) => checkContainerVariableName(name, name));
  });

export const ECS_FULLSTACK_PROFILES = ['dev', 'prod'] as const;

export const ecsFullstackSchema = z
  .object({
    /** The document's per-environment sizes: `dev` (the default) or `prod`; see `ecsFullstackProfiles`. */
    profile: z.enum(ECS_FULLSTACK_PROFILES),
    /** Prefix of every name: `<appName>-<env>-backend`, `/ecs/<appName>-<env>/...`. */
    appName: z.string().regex(/^[a-z][a-z0-9-]{1,20}$/, 'must be 2-21 lowercase letters, digits and hyphens'),
    network: networkSchema,
    dns: z
      .object({
        /** The environment's hosted zone; the certificate covers it and `*.<zoneName>`. */
        zoneName: moduleString(checkDomainName),
        /** Add `www.<zoneName>` as a CNAME of the zone apex. */
        wwwCname: z.boolean(),
        /** Keep Terraform from destroying the zone (its NS delegation would have to be redone). */
        deletionProtection: z.boolean(),
      })
      .strict(),
    loadBalancer: z
      .object({
        /** ELB TLS policy of the HTTPS listener, one of the load balancer module's TLS 1.3 policies. */
        sslPolicy: moduleString(checkSslPolicy),
        /** Sources allowed to reach 80 and 443. */
        ingressCidrs: z.array(ipv4Cidr).min(1, 'must list at least one CIDR'),
        idleTimeoutSeconds: moduleNumber(checkIdleTimeout),
        deletionProtection: z.boolean(),
        accessLogs: accessLogsSchema,
      })
      .strict(),
    cluster: z
      .object({
        containerInsights: moduleEnum(CONTAINER_INSIGHTS_MODES, checkContainerInsights),
        /** Retention of /ecs/<app>-<env>/{frontend,backend,cluster}. */
        logRetentionInDays: logRetentionDays,
      })
      .strict(),
    services: z.object({ frontend: serviceSchema, backend: serviceSchema }).strict(),
    deployment: ecsDeploymentSchema,
    registry: z
      .object({
        imageTagMutability: containerRegistryFields.imageTagMutability,
        scanOnPush: containerRegistryFields.scanOnPush,
        encryption: containerRegistryFields.encryption,
        keepTaggedImages: z
          .object({ tagPrefixes: lifecycleTags, count: containerRegistryFields.keepImageCount })
          .strict(),
        expireUntaggedAfterDays: containerRegistryFields.expireUntaggedAfterDays,
      })
      .strict(),
    database: z
      .object({
        engineVersion: moduleString(checkPostgresEngineVersion),
        instanceClass: moduleString(checkPostgresInstanceClass),
        allocatedStorageGiB: z.number(),
        storageType: moduleEnum(POSTGRES_STORAGE_TYPES, checkPostgresStorageType),
        multiAz: z.boolean(),
        databaseName: moduleString(checkPostgresDatabaseName),
        port: moduleNumber(checkPostgresPort),
        backupRetentionDays: moduleNumber(checkPostgresBackupRetention),
        /** Daily, `hh:mm-hh:mm` UTC, at least 30 minutes, not overlapping maintenanceWindow. */
        backupWindow: z.string(),
        /** Weekly, `ddd:hh:mm-ddd:hh:mm` UTC, at least 30 minutes. */
        maintenanceWindow: z.string(),
        monitoringIntervalSeconds: moduleNumber(checkMonitoringInterval),
        logExports: z
          .array(z.enum(POSTGRES_LOG_TYPES))
          .superRefine((logTypes, ctx) => addModuleIssues(ctx, checkPostgresLogExports('', logTypes))),
        logRetentionInDays: logRetentionDays,
        deletionProtection: z.boolean(),
        /** Services whose security group may reach the database port. */
        allowedServices: z.array(z.enum(ECS_FULLSTACK_SERVICES)),
        /** An in-region read replica (seed: dev "no read replicas", prod "read replicas for database and cache"). */
        readReplica: z
          .object({
            enabled: z.boolean(),
            /** Default: the database's instanceClass. */
            instanceClass: moduleString(checkPostgresInstanceClass).optional(),
            /** Alarm when the replica is more than this many seconds behind the database. */
            replicaLagAlarmSeconds: moduleNumber(checkAlarmThresholdAtLeast0),
          })
          .strict(),
      })
      .strict(),
    cache: z
      .object({
        ...redisCacheFields,
        maxmemoryPolicy: moduleEnum(MAXMEMORY_POLICIES, (path, policy) =>
          checkRedisParameter(path, 'maxmemory-policy', policy),
        ),
        allowedServices: z.array(z.enum(ECS_FULLSTACK_SERVICES)),
      })
      .strict(),
    monitoring: z
      .object({
        /** Alarm when a service's average CPU is above this, for evaluationPeriods periods. */
        cpuAlarmPercent: moduleNumber(checkAlarmPercent),
        memoryAlarmPercent: moduleNumber(checkAlarmPercent),
        periodSeconds: alarmPeriodSeconds,
        evaluationPeriods: alarmEvaluationPeriods,
      })
      .strict(),
  })
  .strict()
  .superRefine((config, ctx) => {
    const routing = Object.fromEntries(
      ECS_FULLSTACK_SERVICES.map((name) => {
        const service = config.services[name];
        const entry = { port: service.containerPort, healthCheck: { path: service.healthCheckPath } };
        return [name, { ...entry, pathPatterns: service.pathPatterns, priority: service.priority }];
      }),
    );
    const database = config.database;
    addModuleIssues(ctx, [
      ...validateServiceRouting(routing, { path: 'services' }),
      ...checkPostgresAllocatedStorage(
        'database.allocatedStorageGiB',
        database.allocatedStorageGiB,
        database.storageType,
      ),
      ...checkPostgresWindows(
        { path: 'database.backupWindow', value: database.backupWindow },
        { path: 'database.maintenanceWindow', value: database.maintenanceWindow },
      ),
      ...redisCacheIssues('cache', config.cache),
      ...alarmTimingIssues('monitoring', config.monitoring),
    ]);
    for (const name of database.allowedServices) {
      const environment = config.services[name].environment;
      addRecordIssues(ctx, ['services', name, 'environment'], environment, (variable) =>
        checkNotPlainAndSecret(joinPath('environment', variable), variable, environment, DATABASE_SECRET_VARIABLES),
      );
    }
  });

export type EcsFullstackConfig = z.infer<typeof ecsFullstackSchema>;
export type EcsFullstackServiceConfig = z.infer<typeof serviceSchema>;
type EcsFullstackInput = z.input<typeof ecsFullstackSchema>;

/**
 * Seed 001's values. Production environments get deletion protection and a year of access logs; the zone is the
 * document's domain in production and `<env>.<domain>` elsewhere.
 */
export function ecsFullstackDefaults({ name, production }: EnvironmentIdentity): EcsFullstackInput {
  const service = {
    cpu: 256,
    memoryMiB: 512,
    capacity: { min: 1, desired: 1, max: 4 },
    cpuTargetPercent: 70,
    imageTag: 'v0.1.0',
    writablePaths: ['/tmp'],
  };
  // ECS's timing, with a minute for the application to start before failures count.
  const containerHealthCheck = { intervalSeconds: 30, timeoutSeconds: 5, retries: 3, startPeriodSeconds: 60 };
  return {
    profile: 'dev',
    appName: 'portfolio',
    network: {
      vpcCidr: '10.0.0.0/16',
      publicSubnetCidrs: ['10.0.1.0/24', '10.0.2.0/24'],
      privateSubnetCidrs: ['10.0.10.0/24', '10.0.11.0/24'],
      natGateways: 'per-az',
      flowLogs: defaultFlowLogs(production),
    },
    dns: {
      zoneName: production ? 'therpiproject.com' : `${name}.therpiproject.com`,
      wwwCname: true,
      deletionProtection: production,
    },
    loadBalancer: {
      sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
      ingressCidrs: ['0.0.0.0/0'],
      idleTimeoutSeconds: 60,
      deletionProtection: production,
      accessLogs: { enabled: true, expirationDays: production ? 365 : 90 },
    },
    cluster: { containerInsights: 'enabled', logRetentionInDays: 30 },
    services: {
      frontend: {
        ...service,
        containerPort: 3000,
        healthCheckPath: '/',
        // Next.js runs on Node.js.
        containerHealthCheck: { ...containerHealthCheck, probe: 'node' },
        pathPatterns: [],
        priority: 200,
        environment: { NODE_ENV: 'production' },
        // Next.js writes its image and data cache under .next/cache.
        writablePaths: ['/tmp', '/app/.next/cache'],
      },
      backend: {
        ...service,
        containerPort: 8000,
        healthCheckPath: '/api/v1/health',
        // FastAPI runs on Python.
        containerHealthCheck: { ...containerHealthCheck, probe: 'python' },
        pathPatterns: ['/api/*'],
        priority: 100,
        environment: { APP_ENV: production ? 'production' : 'development' },
      },
    },
    deployment: {
      maximumPercent: 200,
      minimumHealthyPercent: 100,
      circuitBreakerRollback: true,
      // The document scales out and in after 2 minutes above/below target.
      scaleInCooldownSeconds: 120,
      scaleOutCooldownSeconds: 120,
    },
    registry: {
      imageTagMutability: 'IMMUTABLE',
      scanOnPush: true,
      encryption: 'AES256',
      keepTaggedImages: { tagPrefixes: ['v'], count: 10 },
      expireUntaggedAfterDays: 7,
    },
    database: {
      engineVersion: '16.3',
      instanceClass: 'db.t4g.micro',
      allocatedStorageGiB: 20,
      storageType: 'gp3',
      multiAz: false,
      databaseName: 'portfolio',
      port: 5432,
      backupRetentionDays: 7,
      backupWindow: '03:00-04:00',
      maintenanceWindow: 'mon:04:00-mon:05:00',
      monitoringIntervalSeconds: 60,
      logExports: ['postgresql', 'upgrade'],
      logRetentionInDays: 30,
      deletionProtection: true,
      allowedServices: ['backend'],
      // Dev: "no read replicas". The document gives no lag limit: a minute behind is when reads go stale for users.
      readReplica: { enabled: false, replicaLagAlarmSeconds: 60 },
    },
    cache: {
      engineVersion: '7.1',
      nodeType: 'cache.t4g.micro',
      numCacheClusters: 1,
      automaticFailover: false,
      port: 6379,
      maxmemoryPolicy: 'allkeys-lru',
      snapshotRetentionDays: 5,
      snapshotWindow: '03:00-05:00',
      maintenanceWindow: 'sun:05:00-sun:06:00',
      transitEncryption: true,
      // The backend connects with its IAM role: no password to store or rotate.
      iamAuthentication: true,
      allowedServices: ['backend'],
    },
    monitoring: { cpuAlarmPercent: 80, memoryAlarmPercent: 80, periodSeconds: 300, evaluationPeriods: 2 },
  };
}

/** The document's dev and prod columns: what differs from the defaults above (which are the dev column). */
export const ecsFullstackProfiles: Record<(typeof ECS_FULLSTACK_PROFILES)[number], DeepPartial<EcsFullstackInput>> = {
  dev: {},
  prod: {
    // "Multiple tasks per service": never fewer than two.
    services: { frontend: { capacity: { min: 2, desired: 2 } }, backend: { capacity: { min: 2, desired: 2 } } },
    // "Read replicas for database and cache": a PostgreSQL read replica; the second Redis node is the cache's.
    database: { instanceClass: 'db.t4g.small', allocatedStorageGiB: 50, multiAz: true, readReplica: { enabled: true } },
    cache: { nodeType: 'cache.t4g.small', numCacheClusters: 2, automaticFailover: true },
  },
};
