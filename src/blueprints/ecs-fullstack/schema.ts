/**
 * Configuration of the `ecs-fullstack` blueprint (seed 001): every number of the architecture document — ports,
 * sizes, scaling, windows, retention, alarm thresholds — is a validated field whose default is the document's value,
 * stated once in `ecsFullstackDefaults`. The document's dev and prod columns are the `dev` and `prod` profiles.
 * Cross-field rules (one default route, distinct priorities, failover with one node) fail at synth with the path.
 */
import { z } from 'zod';
import {
  alarmPeriodSeconds,
  cacheNodeCount,
  cacheNodeType,
  capacityRange,
  customIssue,
  dailyWindow,
  dnsName,
  logRetentionDays,
  maxmemoryPolicy,
  percent,
  port,
  positiveInt,
  redisEngineVersion,
  refineCacheFailover,
  snapshotRetentionDays,
  urlPathPattern,
  weeklyWindow,
} from '../../config/fields';
import type { EnvironmentIdentity } from '../../config/environment';
import type { DeepPartial } from '../../config/merge';
import { networkSchema } from '../../config/network-schema';

const serviceSchema = z
  .object({
    /** Port the container listens on; the target group and the security group rule use it too. */
    containerPort: port,
    /** Fargate task size: CPU units (256 = 0.25 vCPU) and memory in MiB. */
    cpu: positiveInt,
    memoryMiB: positiveInt,
    /** Target-group health check path. */
    healthCheckPath: urlPathPattern,
    /** Paths the HTTPS listener sends to this service; empty for the default (catch-all) service. */
    pathPatterns: z.array(urlPathPattern),
    /** Listener rule priority for pathPatterns (lower wins). */
    rulePriority: z.number().int('must be a whole number').min(1).max(50000),
    /** Task count range for Application Auto Scaling; desired is the initial count. */
    capacity: capacityRange,
    /** Target tracking: average CPU the service is scaled to hold. */
    cpuTargetPercent: percent,
    /** Image tag deployed from the service's ECR repository. */
    imageTag: z.string().regex(/^[\w][\w.-]{0,127}$/, 'must be a Docker image tag'),
    /** Plain (non-secret) environment variables of the container. */
    environment: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an env var name'), z.string()),
  })
  .strict();

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
        zoneName: dnsName,
        /** Add `www.<zoneName>` as a CNAME of the zone apex. */
        wwwCname: z.boolean(),
        /** Keep Terraform from destroying the zone (its NS delegation would have to be redone). */
        deletionProtection: z.boolean(),
      })
      .strict(),
    loadBalancer: z
      .object({
        /** ELB TLS policy of the HTTPS listener. */
        sslPolicy: z.string().regex(/^ELBSecurityPolicy-TLS13-/, 'must be a TLS 1.3 ELB security policy'),
        /** Sources allowed to reach 80 and 443. */
        ingressCidrs: z.array(z.string()).min(1, 'must list at least one CIDR'),
        idleTimeoutSeconds: z.number().int().min(1).max(4000),
        deletionProtection: z.boolean(),
        accessLogs: z.object({ enabled: z.boolean(), expirationDays: positiveInt }).strict(),
      })
      .strict(),
    cluster: z
      .object({
        containerInsights: z.enum(['enabled', 'enhanced', 'disabled']),
        /** Retention of /ecs/<app>-<env>/{frontend,backend,cluster}. */
        logRetentionInDays: logRetentionDays,
      })
      .strict(),
    services: z.object({ frontend: serviceSchema, backend: serviceSchema }).strict(),
    deployment: z
      .object({
        maximumPercent: z.number().int().min(100, 'must be 100 or more').max(400, 'must be at most 400'),
        minimumHealthyPercent: z.number().int().min(0, 'must be 0 or more').max(100, 'must be at most 100'),
        circuitBreakerRollback: z.boolean(),
        scaleInCooldownSeconds: z.number().int().nonnegative(),
        scaleOutCooldownSeconds: z.number().int().nonnegative(),
      })
      .strict(),
    registry: z
      .object({
        imageTagMutability: z.enum(['IMMUTABLE', 'MUTABLE']),
        scanOnPush: z.boolean(),
        /** `AES256` (the document's), or `KMS` with the AWS-managed `aws/ecr` key. */
        encryption: z.enum(['AES256', 'KMS']),
        keepTaggedImages: z.object({ tagPrefixes: z.array(z.string().min(1)).min(1), count: positiveInt }).strict(),
        expireUntaggedAfterDays: positiveInt,
      })
      .strict(),
    database: z
      .object({
        engineVersion: z.string().regex(/^\d+\.\d+$/, 'must be a PostgreSQL major.minor version like 16.3'),
        instanceClass: z
          .string()
          .regex(/^db\.[a-z0-9]+\.[a-z0-9]+$/, 'must be an RDS instance class like db.t4g.micro'),
        allocatedStorageGiB: z.number().int().min(20, 'must be at least 20 (gp3 minimum)').max(65536),
        storageType: z.enum(['gp3', 'gp2']),
        multiAz: z.boolean(),
        databaseName: z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, 'must be a PostgreSQL database name'),
        port,
        backupRetentionDays: z.number().int().min(1, 'must be 1 to 35').max(35, 'must be 1 to 35'),
        backupWindow: dailyWindow,
        maintenanceWindow: weeklyWindow,
        monitoringIntervalSeconds: z.union(
          [z.literal(0), z.literal(1), z.literal(5), z.literal(10), z.literal(15), z.literal(30), z.literal(60)],
          { errorMap: () => ({ message: 'must be one of 0, 1, 5, 10, 15, 30, 60' }) },
        ),
        logExports: z.array(z.enum(['postgresql', 'upgrade', 'iam-db-auth-error'])),
        logRetentionInDays: logRetentionDays,
        deletionProtection: z.boolean(),
        /** Services whose security group may reach the database port. */
        allowedServices: z.array(z.enum(['frontend', 'backend'])),
      })
      .strict(),
    cache: z
      .object({
        engineVersion: redisEngineVersion,
        nodeType: cacheNodeType,
        numCacheClusters: cacheNodeCount,
        automaticFailover: z.boolean(),
        port,
        maxmemoryPolicy,
        snapshotRetentionDays,
        snapshotWindow: dailyWindow,
        maintenanceWindow: weeklyWindow,
        transitEncryption: z.boolean(),
        allowedServices: z.array(z.enum(['frontend', 'backend'])),
      })
      .strict(),
    monitoring: z
      .object({
        /** Alarm when a service's average CPU is above this, for evaluationPeriods periods. */
        cpuAlarmPercent: percent,
        memoryAlarmPercent: percent,
        periodSeconds: alarmPeriodSeconds,
        evaluationPeriods: positiveInt,
      })
      .strict(),
  })
  .strict()
  .superRefine((config, ctx) => {
    const issue = (path: Array<string | number>, message: string) => customIssue(ctx, path, message);
    const defaults = Object.entries(config.services).filter(([, service]) => service.pathPatterns.length === 0);
    if (defaults.length !== 1) {
      issue(['services'], 'exactly one service must have no pathPatterns (it receives every other request)');
    }
    if (config.services.frontend.rulePriority === config.services.backend.rulePriority) {
      issue(['services', 'backend', 'rulePriority'], 'must differ from services.frontend.rulePriority');
    }
    refineCacheFailover(ctx, config.cache);
    if (config.deployment.maximumPercent <= config.deployment.minimumHealthyPercent) {
      issue(['deployment', 'maximumPercent'], 'must be above minimumHealthyPercent, or a deployment cannot start');
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
  };
  return {
    profile: 'dev',
    appName: 'portfolio',
    network: {
      vpcCidr: '10.0.0.0/16',
      publicSubnetCidrs: ['10.0.1.0/24', '10.0.2.0/24'],
      privateSubnetCidrs: ['10.0.10.0/24', '10.0.11.0/24'],
      natGateways: 'per-az',
      flowLogs: { enabled: true, retentionInDays: production ? 365 : 30, trafficType: 'ALL' },
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
        pathPatterns: [],
        rulePriority: 200,
        environment: { NODE_ENV: 'production' },
      },
      backend: {
        ...service,
        containerPort: 8000,
        healthCheckPath: '/api/v1/health',
        pathPatterns: ['/api/*'],
        rulePriority: 100,
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
      allowedServices: ['backend'],
    },
    monitoring: { cpuAlarmPercent: 80, memoryAlarmPercent: 80, periodSeconds: 300, evaluationPeriods: 2 },
  };
}

/** The document's dev and prod columns: what differs from the defaults above (which are the dev column). */
export const ecsFullstackProfiles: Record<(typeof ECS_FULLSTACK_PROFILES)[number], DeepPartial<EcsFullstackInput>> = {
  dev: {},
  prod: {
    services: { frontend: { capacity: { desired: 2 } }, backend: { capacity: { desired: 2 } } },
    database: { instanceClass: 'db.t4g.small', allocatedStorageGiB: 50, multiAz: true },
    cache: { nodeType: 'cache.t4g.small', numCacheClusters: 2, automaticFailover: true },
  },
};
