/**
 * Configuration of the `serverless-web` blueprint (seed 004): CloudFront + WAF in front of an S3 SPA and an API Gateway
 * HTTP API with a Lambda container function, Aurora Serverless v2 PostgreSQL, ElastiCache Serverless Redis, alarms and
 * a dashboard, three delivery pipelines, and AWS Backup with a DR copy in a second region. Every number of the
 * document is a field whose default (`serverlessWebDefaults`) is the document's value, stated once; the numbers the
 * document leaves open (alarm thresholds, throttling, Lambda memory) are defaults chosen here and marked as such in
 * docs/blueprints/serverless-web.md.
 *
 * A value that goes into a module prop is checked by that module's exported check, so config and module cannot
 * disagree and the error names the config path. Checks that need the environment (names made from appName, subnets
 * per AZ, regions) are in the catalogue entry, ./index.ts.
 */
import { z } from 'zod';
import {
  AURORA_POSTGRES_LOG_TYPES,
  checkAcuRange,
  checkAuroraEngineVersion,
  checkAuroraLogExports,
  checkClusterSnapshotArn,
} from '../../../modules/aurora-serverless';
import { checkBackupRetention, checkBackupSchedule } from '../../../modules/backup';
import { checkCodeBuildComputeType, CODEBUILD_COMPUTE_TYPES } from '../../../modules/codebuild';
import { checkBranchName, checkConnectionRepository } from '../../../modules/codepipeline';
import {
  checkExpireUntaggedDays,
  checkKeepImageCount,
  checkImageTagMutability,
  IMAGE_TAG_MUTABILITIES,
} from '../../../modules/container-registry';
import { checkDockerImageTag } from '../../../modules/core/checks';
import { joinPath } from '../../../modules/core/validation';
import { checkDomainName } from '../../../modules/dns';
import { checkCors, checkStageName, checkThrottling } from '../../../modules/http-api';
import {
  checkLambdaMemory,
  checkLambdaTimeout,
  checkReservedConcurrency,
  LAMBDA_ARCHITECTURES,
} from '../../../modules/lambda-function';
import {
  checkAlarmCountThreshold,
  checkAlarmPercent,
  checkAlarmPercentile,
  checkAlarmThresholdAbove0,
} from '../../../modules/observability';
import {
  checkPostgresBackupRetention,
  checkPostgresDatabaseName,
  checkPostgresPort,
  checkPostgresWindows,
} from '../../../modules/postgres';
import {
  checkDataStorageLimit,
  checkEcpuLimit,
  checkServerlessMajorVersion,
  checkServerlessSnapshotRetention,
  SERVERLESS_CACHE_ENGINES,
} from '../../../modules/serverless-cache';
import {
  checkCacheTtls,
  checkNoncurrentVersionExpirationDays,
  PRICE_CLASSES,
  STATIC_SITE_TTL_DEFAULTS,
} from '../../../modules/static-site';
import {
  checkBlockedUserAgents,
  checkMaxBodySize,
  checkRateLimit,
  checkRateWindow,
  checkRulePath,
} from '../../../modules/waf';
import type { EnvironmentIdentity } from '../../config/environment';
import {
  addModuleIssues,
  alarmEvaluationPeriods,
  alarmPeriodSeconds,
  alarmTimingIssues,
  customIssue,
  logRetentionDays,
  moduleEnum,
  moduleNumber,
  moduleString,
  region,
} from '../../config/fields';
import type { DeepPartial } from '../../config/merge';
import { defaultFlowLogs, networkSchema } from '../../config/network-schema';

/** An IAM user name in the environment's account, who may assume the operator role. */
const iamUserName = z.string().regex(/^[\w+=,.@-]{1,64}$/, 'must be an IAM user name: 1-64 of A-Za-z0-9+=,.@_-');

/** A repository and branch a pipeline builds from. */
const source = z
  .object({
    /** `owner/name` behind the connection. */
    repository: moduleString(checkConnectionRepository),
    branch: moduleString(checkBranchName),
  })
  .strict();

/** A directory of the application repository, relative, without `..`. */
const directory = z
  .string()
  .regex(/^(?!\/)(?!.*\.\.)[A-Za-z0-9._/-]{1,200}$/, 'must be a relative directory of the repository, without ..');

export const SERVERLESS_WEB_PROFILES = ['staging', 'prod'] as const;

export const serverlessWebSchema = z
  .object({
    /** The document's values (`staging`, the default) or with production's options (`prod`): see the profiles. */
    profile: z.enum(SERVERLESS_WEB_PROFILES),
    /** Prefix of every name: `<appName>-<env>` (`apprentice-final-staging-api`, `…-http-api`, `…-overview`). */
    appName: z.string().regex(/^[a-z][a-z0-9-]{1,20}$/, 'must be 2-21 lowercase letters, digits and hyphens'),
    /**
     * Where the stacks go: the main stack and the DR vault. CloudFront's certificate and web ACL are created in
     * us-east-1 whatever the main stack's region (an aliased provider when it is another: a DR rebuild).
     */
    regions: z.object({ primary: region, dr: region }).strict(),
    network: networkSchema,
    dns: z
      .object({
        /** The site's domain: a hosted zone of that name, a certificate for it, the CloudFront alias records. */
        domainName: moduleString(checkDomainName),
        /** Keep Terraform from destroying the zone (its NS delegation would have to be redone). */
        deletionProtection: z.boolean(),
      })
      .strict(),
    registry: z
      .object({
        imageTagMutability: moduleEnum(IMAGE_TAG_MUTABILITIES, checkImageTagMutability),
        scanOnPush: z.boolean(),
        /** The most recent tagged images kept (the pipeline tags each with its commit); older ones expire. */
        keepImages: moduleNumber(checkKeepImageCount),
        expireUntaggedAfterDays: moduleNumber(checkExpireUntaggedDays),
      })
      .strict(),
    lambda: z
      .object({
        /**
         * Create the function (and the API in front of it). `false` for the very first deploy, while the repository
         * holds no image yet: see "First deploy" in docs/blueprints/serverless-web.md.
         */
        createFunction: z.boolean(),
        /** The image tag the function is created with; afterwards the backend pipeline deploys each commit. */
        imageTag: moduleString(checkDockerImageTag),
        memoryMiB: moduleNumber(checkLambdaMemory),
        timeoutSeconds: moduleNumber(checkLambdaTimeout),
        architecture: z.enum(LAMBDA_ARCHITECTURES),
        /** Concurrent executions reserved (and the ceiling); leave it out for the account's unreserved pool. */
        reservedConcurrency: z
          .number()
          .superRefine((value, ctx) => addModuleIssues(ctx, checkReservedConcurrency('', value)))
          .optional(),
        logRetentionInDays: logRetentionDays,
        /**
         * The function's egress: `least` (5432 to the database's group, 6379 to the cache's, 443 anywhere for AWS APIs
         * through the NAT) or `all-outbound` (the document's "all traffic"), the weaker, explicit choice.
         */
        egress: z.enum(['least', 'all-outbound']),
        /** Non-secret settings, one SSM parameter each under `/<appName>-<env>/`; the stack adds the endpoints. */
        settings: z.record(
          z.string().regex(/^[A-Z][A-Z0-9_]{0,63}$/, 'must be an UPPER_SNAKE_CASE setting name'),
          z.string().max(4096, 'must be at most 4096 characters (a standard SSM parameter)'),
        ),
      })
      .strict(),
    api: z
      .object({
        /** The HTTP API stage (`staging` in the document): the environment's name by default. */
        stageName: moduleString(checkStageName),
        /** CloudFront sends `<pathPrefix>/*` to the API; its routes are `ANY <pathPrefix>/{proxy+}` and the health check. */
        pathPrefix: z.string().regex(/^(\/[a-z0-9-]+)+$/, "must be a path like '/api'"),
        /** `GET <healthCheckPath>`: its own route, and the WAF allowance ahead of the rate limits. */
        healthCheckPath: moduleString(checkRulePath),
        cors: z
          .object({
            /** Origins besides the site's own (`https://<dns.domainName>`, always allowed). `*` only without credentials. */
            additionalOrigins: z.array(z.string()),
            allowCredentials: z.boolean(),
            maxAgeSeconds: z.number(),
          })
          .strict(),
        throttling: z
          .object({ rateLimit: z.number(), burstLimit: z.number() })
          .strict()
          .superRefine((throttling, ctx) => addModuleIssues(ctx, checkThrottling('', throttling))),
        accessLogRetentionInDays: logRetentionDays,
        /**
         * The account-level API Gateway CloudWatch role (one per account and region): `create` it here, or
         * `existing` where another environment of the account and region creates it.
         */
        cloudWatchRole: z.enum(['create', 'existing']),
      })
      .strict(),
    database: z
      .object({
        engineVersion: moduleString(checkAuroraEngineVersion),
        minCapacity: z.number(),
        maxCapacity: z.number(),
        /** A reader instance in another AZ (fast failover). */
        readerInstance: z.boolean(),
        databaseName: moduleString(checkPostgresDatabaseName),
        port: moduleNumber(checkPostgresPort),
        backupRetentionDays: moduleNumber(checkPostgresBackupRetention),
        /** Daily, `hh:mm-hh:mm` UTC, at least 30 minutes, not overlapping maintenanceWindow. */
        backupWindow: z.string(),
        /** Weekly, `ddd:hh:mm-ddd:hh:mm` UTC. */
        maintenanceWindow: z.string(),
        deletionProtection: z.boolean(),
        /** Engine logs exported to CloudWatch Logs. */
        logExports: z
          .array(z.enum(AURORA_POSTGRES_LOG_TYPES))
          .superRefine((logTypes, ctx) => addModuleIssues(ctx, checkAuroraLogExports('', logTypes))),
        logRetentionInDays: logRetentionDays,
        /**
         * Create the cluster from this snapshot (a recovery point copied to regions.primary): the DR rebuild of
         * RUNBOOK.md. Left out: a new, empty cluster.
         */
        restoreFromSnapshotArn: moduleString(checkClusterSnapshotArn).optional(),
      })
      .strict(),
    cache: z
      .object({
        engine: z.enum(SERVERLESS_CACHE_ENGINES),
        majorEngineVersion: z.string(),
        dataStorageGb: z.object({ minimumGb: z.number(), maximumGb: z.number() }).strict(),
        /** The ECPU/s ceiling; requests above it are throttled. The compute alarm watches the share of it used. */
        ecpuPerSecondMaximum: z.number(),
        snapshotRetentionDays: moduleNumber(checkServerlessSnapshotRetention),
      })
      .strict(),
    frontend: z
      .object({
        priceClass: z.enum(PRICE_CLASSES),
        noncurrentVersionExpirationDays: moduleNumber(checkNoncurrentVersionExpirationDays),
        defaultTtlSeconds: z.number(),
        assetsTtlSeconds: z.number(),
      })
      .strict(),
    waf: z
      .object({
        ipReputation: z.boolean(),
        /** Requests per client IP per window before it is blocked. */
        rateLimitPerIp: moduleNumber(checkRateLimit),
        /** The stricter limit under authPathPrefix. */
        authRateLimit: moduleNumber(checkRateLimit),
        authPathPrefix: moduleString(checkRulePath),
        rateWindowSeconds: moduleNumber(checkRateWindow),
        sqlInjection: z.boolean(),
        crossSiteScripting: z.boolean(),
        maxBodySizeBytes: moduleNumber(checkMaxBodySize),
        blockEmptyUserAgent: z.boolean(),
        blockedUserAgents: z
          .array(z.string())
          .superRefine((agents, ctx) => addModuleIssues(ctx, checkBlockedUserAgents('', agents))),
        logRetentionInDays: logRetentionDays,
      })
      .strict(),
    monitoring: z
      .object({
        periodSeconds: alarmPeriodSeconds,
        evaluationPeriods: alarmEvaluationPeriods,
        apiServerErrors: moduleNumber(checkAlarmCountThreshold),
        apiLatencyMilliseconds: moduleNumber(checkAlarmThresholdAbove0),
        apiLatencyPercentile: moduleNumber(checkAlarmPercentile),
        lambdaErrors: moduleNumber(checkAlarmCountThreshold),
        lambdaThrottles: moduleNumber(checkAlarmCountThreshold),
        auroraConnections: moduleNumber(checkAlarmCountThreshold),
        auroraCpuPercent: moduleNumber(checkAlarmPercent),
        /** Share of the cache's ECPU/s limit ("Redis CPU": a serverless cache has no host CPU). */
        cacheComputePercent: moduleNumber(checkAlarmPercent),
        /** Share of the cache's storage limit ("Redis memory"). */
        cacheMemoryPercent: moduleNumber(checkAlarmPercent),
      })
      .strict(),
    operator: z
      .object({
        /** IAM users of the environment's account who may assume the read-only operator role (with MFA). */
        userNames: z.array(iamUserName).min(1, 'must name at least one user'),
        /** Longest session, 1 to 12 hours. */
        maxSessionHours: z.number().int('must be a whole number of hours').min(1).max(12),
      })
      .strict(),
    cicd: z
      .object({
        /** An existing CodeStar connection's ARN; without it the stack creates one (PENDING until completed once). */
        connectionArn: z
          .string()
          .regex(
            /^arn:aws[a-z-]*:(codestar-connections|codeconnections):[a-z0-9-]+:\d{12}:connection\/[\w-]+$/,
            'must be a CodeStar connection ARN',
          )
          .optional(),
        /** This project (the infrastructure) and the application (backend and frontend directories). */
        infrastructure: source,
        application: source,
        backendDirectory: directory,
        frontendDirectory: directory,
        /** The frontend build's output directory, relative to frontendDirectory. */
        frontendBuildDirectory: directory,
        /** Approve backend and frontend deploys by hand too (the infrastructure pipeline always asks). */
        approveApplicationDeploys: z.boolean(),
        computeType: moduleEnum(CODEBUILD_COMPUTE_TYPES, checkCodeBuildComputeType),
        logRetentionInDays: logRetentionDays,
        artifactExpireDays: z.number().int('must be a whole number of days').min(1).max(3650),
      })
      .strict(),
    backup: z
      .object({
        /** Copy every recovery point to the DR vault in regions.dr. */
        copyToDr: z.boolean(),
        hourly: z
          .object({ schedule: moduleString(checkBackupSchedule), retentionDays: moduleNumber(checkBackupRetention) })
          .strict(),
        daily: z
          .object({ schedule: moduleString(checkBackupSchedule), retentionDays: moduleNumber(checkBackupRetention) })
          .strict(),
      })
      .strict(),
  })
  .strict()
  .superRefine((config, ctx) => {
    const database = config.database;
    const cache = config.cache;
    addModuleIssues(ctx, [
      ...checkAcuRange(
        { path: 'database.minCapacity', value: database.minCapacity },
        { path: 'database.maxCapacity', value: database.maxCapacity },
      ),
      ...checkPostgresWindows(
        { path: 'database.backupWindow', value: database.backupWindow },
        { path: 'database.maintenanceWindow', value: database.maintenanceWindow },
      ),
      ...checkServerlessMajorVersion('cache.majorEngineVersion', cache.engine, cache.majorEngineVersion),
      ...checkDataStorageLimit('cache.dataStorageGb', cache.dataStorageGb),
      ...checkEcpuLimit('cache', { maximum: cache.ecpuPerSecondMaximum }).map((issue) => ({
        ...issue,
        path: 'cache.ecpuPerSecondMaximum',
      })),
      ...checkCacheTtls(
        {
          ...STATIC_SITE_TTL_DEFAULTS,
          defaultTtlSeconds: config.frontend.defaultTtlSeconds,
          assetsTtlSeconds: config.frontend.assetsTtlSeconds,
        },
        (field) => joinPath('frontend', field),
      ),
      // The stack always adds the site's own origin; what config lists must pass the module's CORS rules.
      ...checkCors('api.cors', {
        allowOrigins: config.api.cors.additionalOrigins,
        allowCredentials: config.api.cors.allowCredentials,
        maxAgeSeconds: config.api.cors.maxAgeSeconds,
      })
        .filter((issue) => issue.path !== 'api.cors.allowOrigins')
        .map((issue) => ({ ...issue, path: issue.path.replace('.allowOrigins', '.additionalOrigins') })),
      ...alarmTimingIssues('monitoring', config.monitoring),
    ]);
    if (!config.api.healthCheckPath.startsWith(`${config.api.pathPrefix}/`)) {
      const message = `must be under api.pathPrefix ${config.api.pathPrefix}/ (CloudFront sends only that to the API)`;
      customIssue(ctx, ['api', 'healthCheckPath'], message);
    }
    if (!config.waf.authPathPrefix.startsWith(`${config.api.pathPrefix}/`)) {
      const message = `must be under api.pathPrefix ${config.api.pathPrefix}/`;
      customIssue(ctx, ['waf', 'authPathPrefix'], message);
    }
    if (config.waf.authRateLimit > config.waf.rateLimitPerIp) {
      customIssue(ctx, ['waf', 'authRateLimit'], `must not exceed waf.rateLimitPerIp (${config.waf.rateLimitPerIp})`);
    }
    if (config.regions.dr === config.regions.primary) {
      customIssue(ctx, ['regions', 'dr'], 'must differ from regions.primary: a DR copy in the same region is no DR');
    }
    const snapshot = config.database.restoreFromSnapshotArn;
    const snapshotRegion = snapshot?.split(':')[3];
    if (snapshot && checkClusterSnapshotArn('', snapshot).length === 0 && snapshotRegion !== config.regions.primary) {
      const message = `must be a snapshot in regions.primary (${config.regions.primary}): a cluster is restored in its own region`;
      customIssue(ctx, ['database', 'restoreFromSnapshotArn'], message);
    }
    if (config.backup.hourly.retentionDays > config.backup.daily.retentionDays) {
      const message = `must not exceed backup.daily.retentionDays (${config.backup.daily.retentionDays})`;
      customIssue(ctx, ['backup', 'hourly', 'retentionDays'], message);
    }
  });

export type ServerlessWebConfig = z.infer<typeof serverlessWebSchema>;
type ServerlessWebInput = z.input<typeof serverlessWebSchema>;

/**
 * Seed 004's values. Its environment is `staging`: names are `<appName>-<env>` (`apprentice-final-staging-api`) and
 * the API stage is the environment's name. Production gets deletion protection (zone and database).
 */
export function serverlessWebDefaults({ name, production }: EnvironmentIdentity): ServerlessWebInput {
  return {
    profile: 'staging',
    appName: 'apprentice-final',
    regions: { primary: 'us-east-1', dr: 'us-west-2' },
    network: {
      vpcCidr: '10.20.0.0/16',
      publicSubnetCidrs: ['10.20.0.0/24', '10.20.1.0/24'],
      privateSubnetCidrs: ['10.20.16.0/24', '10.20.17.0/24'],
      // "NAT Gateway: One per AZ (optional, currently single NAT)".
      natGateways: 'single',
      flowLogs: defaultFlowLogs(production),
    },
    dns: { domainName: 'bardhi.devops.konitron.com', deletionProtection: production },
    registry: { imageTagMutability: 'IMMUTABLE', scanOnPush: true, keepImages: 10, expireUntaggedAfterDays: 7 },
    lambda: {
      createFunction: true,
      // The tag the backend pipeline gives its first image while the function does not exist yet (First deploy).
      imageTag: 'bootstrap',
      memoryMiB: 512,
      timeoutSeconds: 30,
      architecture: 'x86_64',
      reservedConcurrency: 50,
      logRetentionInDays: production ? 90 : 30,
      egress: 'least',
      settings: { LOG_LEVEL: 'info' },
    },
    api: {
      stageName: name,
      pathPrefix: '/api',
      healthCheckPath: '/api/health',
      cors: { additionalOrigins: [], allowCredentials: true, maxAgeSeconds: 300 },
      throttling: { rateLimit: 500, burstLimit: 1000 },
      accessLogRetentionInDays: production ? 90 : 30,
      cloudWatchRole: 'create',
    },
    database: {
      engineVersion: '16.1',
      minCapacity: 0.5,
      maxCapacity: 4,
      readerInstance: false,
      databaseName: 'app',
      port: 5432,
      backupRetentionDays: 7,
      backupWindow: '03:00-04:00',
      maintenanceWindow: 'sun:04:30-sun:05:30',
      deletionProtection: production,
      logExports: ['postgresql'],
      logRetentionInDays: production ? 90 : 30,
    },
    cache: {
      engine: 'redis',
      majorEngineVersion: '7',
      dataStorageGb: { minimumGb: 1, maximumGb: 10 },
      ecpuPerSecondMaximum: 5000,
      // "ElastiCache: Ephemeral (can be rebuilt from application)"; production keeps a week of snapshots anyway.
      snapshotRetentionDays: production ? 7 : 0,
    },
    frontend: {
      priceClass: 'PriceClass_100',
      noncurrentVersionExpirationDays: 30,
      defaultTtlSeconds: 3600,
      assetsTtlSeconds: 31536000,
    },
    waf: {
      ipReputation: true,
      rateLimitPerIp: 2000,
      authRateLimit: 100,
      authPathPrefix: '/api/auth',
      rateWindowSeconds: 300,
      sqlInjection: true,
      crossSiteScripting: true,
      maxBodySizeBytes: 1_048_576,
      blockEmptyUserAgent: true,
      blockedUserAgents: ['sqlmap', 'nikto', 'nmap', 'masscan', 'zgrab'],
      logRetentionInDays: production ? 90 : 30,
    },
    monitoring: {
      periodSeconds: 300,
      evaluationPeriods: 2,
      apiServerErrors: 5,
      apiLatencyMilliseconds: 2000,
      apiLatencyPercentile: 95,
      lambdaErrors: 5,
      lambdaThrottles: 0,
      auroraConnections: 200,
      auroraCpuPercent: 80,
      cacheComputePercent: 80,
      cacheMemoryPercent: 80,
    },
    operator: { userNames: ['Apprentice-Finale'], maxSessionHours: 1 },
    cicd: {
      infrastructure: { repository: 'bardhi/apprentice-final-infrastructure', branch: 'main' },
      application: { repository: 'bardhi/apprentice-final', branch: 'main' },
      backendDirectory: 'backend',
      frontendDirectory: 'frontend',
      frontendBuildDirectory: 'dist',
      approveApplicationDeploys: production,
      computeType: 'BUILD_GENERAL1_SMALL',
      logRetentionInDays: production ? 90 : 30,
      artifactExpireDays: 30,
    },
    backup: {
      copyToDr: true,
      hourly: { schedule: 'cron(0 * * * ? *)', retentionDays: 7 },
      daily: { schedule: 'cron(0 5 * * ? *)', retentionDays: 90 },
    },
  };
}

/**
 * Production over the document's staging values: a NAT gateway per AZ and an Aurora reader (the document's options:
 * "NAT Gateway: One per AZ (optional…)", "Reader: … (optional)").
 */
export const serverlessWebProfiles: Record<
  (typeof SERVERLESS_WEB_PROFILES)[number],
  DeepPartial<ServerlessWebInput>
> = {
  staging: {},
  prod: { network: { natGateways: 'per-az' }, database: { readerInstance: true } },
};
