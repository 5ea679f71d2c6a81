/**
 * Configuration of the `ec2-web` blueprint (seed 000): CloudFront + S3 SPA, ALB + EC2 Auto Scaling (Docker from ECR),
 * ElastiCache Redis, MongoDB (Atlas in a companion stack, or self-hosted on EC2), GitHub OIDC roles. Every number of
 * the document is a field here whose default (`ec2WebDefaults`) is the document's value.
 *
 * A value that goes into a module prop is checked by that module's exported check (load-balancer health checks and
 * certificate, Auto Scaling capacity and scaling, CloudFront TTLs, Redis, Atlas tiers, GitHub repositories), so config
 * and module cannot disagree and the error names the config path. Checks that need the environment (names made from
 * appName and the environment's name, subnets per AZ, SSH in production, user data) are in ./index.ts.
 */
import { z } from 'zod';
import {
  checkAmiSsmParameter,
  checkContainerEnvironment,
  checkContainerPort,
  checkHealthCheckGracePeriod,
  checkHealthCheckType,
  checkInstanceType,
  checkRootVolume,
  checkWebCapacity,
  checkWebScaling,
  HEALTH_CHECK_TYPES,
  ROOT_VOLUME_TYPES,
} from '../../../modules/auto-scaling-web';
import { checkDockerImageTag, checkOneOf } from '../../../modules/core/checks';
import type { ValidationIssue } from '../../../modules/core/validation';
import { checkGithubRoleSubjects } from '../../../modules/github-oidc';
import { checkHealthCheck, checkListenerCertificate, checkTargetGroupPort } from '../../../modules/load-balancer';
import {
  checkAtlasBackupRetention,
  checkAtlasClusterName,
  checkAtlasDatabases,
  checkAtlasInstanceSize,
  checkAtlasOrgId,
  checkAtlasProjectName,
  checkAtlasUsername,
  checkDataVolumeSize,
  checkElectableNodes,
  checkMongoDbMajorVersion,
  checkMongoInstanceType,
  checkPointInTimeRestoreWindow,
  checkSelfHostedBackupRetention,
} from '../../../modules/mongodb';
import {
  checkAlarmCountThreshold,
  checkAlarmPercent,
  checkAlarmPercentile,
  checkAlarmThresholdAbove0,
  checkErrorRatePercent,
  checkLogFilterPattern,
} from '../../../modules/observability';
import { checkAuthTokenNeedsTransitEncryption } from '../../../modules/redis';
import {
  checkCacheTtls,
  checkNoncurrentVersionExpirationDays,
  checkOriginDomainName,
  ORIGIN_ACCESS_MODES,
  PRICE_CLASSES,
  STATIC_SITE_TTL_DEFAULTS,
} from '../../../modules/static-site';
import type { EnvironmentIdentity } from '../../config/environment';
import {
  accessLogsSchema,
  addModuleIssues,
  addRecordIssues,
  alarmEvaluationPeriods,
  alarmPeriodSeconds,
  alarmTimingIssues,
  customIssue,
  githubBranch,
  githubRepository,
  ipv4Cidr,
  logRetentionDays,
  moduleEnum,
  moduleNumber,
  moduleString,
  redisCacheFields,
  redisCacheIssues,
} from '../../config/fields';
import { defaultFlowLogs, existingNetworkSchema, networkSchemaWith } from '../../config/network-schema';

/**
 * Who may assume a GitHub role: one repository, and in it named branches and/or GitHub environments. A job that runs
 * in a GitHub environment (with its required reviewers) gets the environment's subject, so production roles trust
 * environments only (guardrail iam-oidc-production-environment): a push to a branch cannot reach production.
 */
const githubTrust = z
  .object({
    repository: githubRepository,
    branches: z.array(githubBranch),
    /** GitHub environments whose jobs may assume the role. Default: none, or the environment's name in production. */
    environments: z.array(githubBranch),
  })
  .strict()
  .superRefine((trust, ctx) =>
    addModuleIssues(ctx, checkGithubRoleSubjects('branches', trust.branches, trust.environments, false)),
  );

/** The existing VPC, and the public IPs its private subnets leave through: Atlas's access list, checked as Atlas does. */
const existingNetworkWithNatSchema = existingNetworkSchema.extend({
  /** The NAT gateways' public IPs (IPv4 addresses), which Atlas admits. Default: none (only for self-hosted MongoDB). */
  natPublicIps: z.array(z.string()).default([]),
});

/** Where the module's messages name its field `path`, the config's field is `healthCheckPath`. */
const healthCheckIssues = (issues: ValidationIssue[]) =>
  issues.map((issue) => (issue.path === 'path' ? { ...issue, path: 'healthCheckPath' } : issue));

/** The point-in-time restore window reaches back at most as far as the daily snapshots are kept. */
function atlasBackupIssues(
  base: string,
  backup: { readonly backupRetentionDays: number; readonly pointInTimeRestoreWindowDays: number },
): ValidationIssue[] {
  if (checkAtlasBackupRetention('', backup.backupRetentionDays).length > 0) return [];
  return checkPointInTimeRestoreWindow(
    `${base}.pointInTimeRestoreWindowDays`,
    backup.pointInTimeRestoreWindowDays,
    backup.backupRetentionDays,
  );
}

/** Amazon Linux 2023, the default; Amazon Linux 2 (the document's, past its end of support) is a named option. */
export const AL2023_AMI_PARAMETER = '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64';
export const AL2_AMI_PARAMETER = '/aws/service/ami-amazon-linux-latest/amzn2-ami-hvm-x86_64-gp2';

export const ec2WebSchema = z
  .object({
    /** Prefix of shared names (`<appName>-<env>-...`); the seed's own names (`<env>-backend-tg`) are kept as given. */
    appName: z.string().regex(/^[a-z][a-z0-9-]{1,20}$/, 'must be 2-21 lowercase letters, digits and hyphens'),
    network: networkSchemaWith(existingNetworkWithNatSchema),
    loadBalancer: z
      .object({
        /** ACM certificate (same region) for HTTPS 443 and the 80 → 443 redirect; without it 80 serves plain HTTP. */
        certificateArn: z.string().optional(),
        /**
         * The name CloudFront uses to reach the ALB over HTTPS: covered by certificateArn and pointing at the ALB
         * (CloudFront checks the origin's certificate against it; no certificate can cover `*.elb.amazonaws.com`).
         */
        originDomainName: moduleString(checkOriginDomainName).optional(),
        /** Explicitly accept an HTTP-only listener when there is no certificate (the seed's "HTTPS ready" state). */
        allowPlainHttp: z.boolean(),
        ingressCidrs: z.array(ipv4Cidr).min(1, 'must list at least one CIDR'),
        deletionProtection: z.boolean(),
        accessLogs: accessLogsSchema,
        targetGroup: z
          .object({
            port: moduleNumber(checkTargetGroupPort),
            healthCheckPath: z.string(),
            intervalSeconds: z.number(),
            timeoutSeconds: z.number(),
            healthyThreshold: z.number(),
            unhealthyThreshold: z.number(),
          })
          .strict()
          .superRefine(({ healthCheckPath, ...timing }, ctx) =>
            addModuleIssues(ctx, healthCheckIssues(checkHealthCheck('', { path: healthCheckPath, ...timing }))),
          ),
      })
      .strict()
      .superRefine((loadBalancer, ctx) =>
        addModuleIssues(
          ctx,
          checkListenerCertificate('certificateArn', loadBalancer.certificateArn, loadBalancer.allowPlainHttp),
        ),
      ),
    instances: z
      .object({
        instanceType: moduleString(checkInstanceType),
        /** SSM parameter holding the AMI id (resolved at launch; no AMI lookup at plan time). */
        amiSsmParameter: moduleString(checkAmiSsmParameter),
        rootVolumeGiB: z.number(),
        rootVolumeType: moduleEnum(ROOT_VOLUME_TYPES, (path, type) =>
          checkRootVolume({ sizeGiB: 'sizeGiB', type: path }, { sizeGiB: 8, type }),
        ),
        /** `ELB`: an instance failing the target group's health check is replaced, not only a dead one. */
        healthCheckType: moduleEnum(HEALTH_CHECK_TYPES, checkHealthCheckType),
        /** Instances: min ≤ desired ≤ max; desired is the group's size at creation. */
        capacity: z.object({ min: z.number(), desired: z.number().optional(), max: z.number() }).strict(),
        healthCheckGracePeriodSeconds: moduleNumber(checkHealthCheckGracePeriod),
        /** CIDRs allowed to SSH (22); empty means no SSH rule (use SSM Session Manager). */
        sshCidrs: z.array(z.string()),
        imageTag: moduleString(checkDockerImageTag),
        containerPort: moduleNumber(checkContainerPort),
        environment: z.record(z.string(), z.string()),
        logRetentionInDays: logRetentionDays,
      })
      .strict()
      .superRefine((instances, ctx) => {
        const { capacity } = instances;
        addModuleIssues(ctx, [
          ...checkRootVolume(
            { sizeGiB: 'rootVolumeGiB', type: 'rootVolumeType' },
            {
              sizeGiB: instances.rootVolumeGiB,
              type: instances.rootVolumeType,
            },
          ).filter((issue) => issue.path === 'rootVolumeGiB'),
        ]);
        if (capacity.desired === undefined) {
          customIssue(ctx, ['capacity', 'desired'], 'is required for the Auto Scaling group');
        }
        addRecordIssues(ctx, ['environment'], instances.environment, (name, value) =>
          checkContainerEnvironment('', { [name]: value }),
        );
      }),
    scaling: z
      .object({
        scaleUpCpuPercent: z.number(),
        scaleDownCpuPercent: z.number(),
        cooldownSeconds: z.number(),
        periodSeconds: z.number(),
        evaluationPeriods: z.number(),
      })
      .strict(),
    frontend: z
      .object({
        originAccess: moduleEnum(ORIGIN_ACCESS_MODES, (path, mode) => checkOneOf(path, mode, ORIGIN_ACCESS_MODES)),
        noncurrentVersionExpirationDays: moduleNumber(checkNoncurrentVersionExpirationDays),
        /** TTL of the default behavior (the SPA), within the module's default minimum (0) and maximum (86400). */
        defaultTtlSeconds: z.number(),
        assetsTtlSeconds: z.number(),
        priceClass: moduleEnum(PRICE_CLASSES, (path, priceClass) => checkOneOf(path, priceClass, PRICE_CLASSES)),
      })
      .strict()
      .superRefine(({ defaultTtlSeconds, assetsTtlSeconds }, ctx) => {
        const ttls = { ...STATIC_SITE_TTL_DEFAULTS, defaultTtlSeconds, assetsTtlSeconds };
        // The other TTLs are the module's defaults, which this section does not set.
        const configured = ['defaultTtlSeconds', 'assetsTtlSeconds'];
        addModuleIssues(
          ctx,
          checkCacheTtls(ttls).filter((issue) => configured.includes(issue.path)),
        );
      }),
    cache: z
      .object({
        ...redisCacheFields,
        /** Secrets Manager secret holding the AUTH token; read at plan time, so only with transitEncryption. */
        authTokenSecretName: z.string().min(1).optional(),
        logRetentionInDays: logRetentionDays,
      })
      .strict(),
    mongodb: z.discriminatedUnion('mode', [
      z
        .object({
          mode: z.literal('atlas'),
          orgId: moduleString(checkAtlasOrgId),
          /** Atlas project. Default: `<appName>-<env>`. */
          projectName: moduleString(checkAtlasProjectName).optional(),
          /** Default: `<appName>-<env>`. */
          clusterName: moduleString(checkAtlasClusterName).optional(),
          instanceSize: moduleString(checkAtlasInstanceSize),
          electableNodes: moduleNumber(checkElectableNodes),
          mongoDbMajorVersion: moduleString(checkMongoDbMajorVersion),
          /** Days the daily snapshots are kept (seed: "35-day retention"). */
          backupRetentionDays: moduleNumber(checkAtlasBackupRetention),
          /**
           * Days back a point-in-time restore reaches (continuous cloud backup; seed: "Continuous with 35-day
           * retention"), at most backupRetentionDays. 6-hourly snapshots are kept as long.
           */
          pointInTimeRestoreWindowDays: z.number(),
          username: moduleString(checkAtlasUsername),
          databases: z
            .array(z.string())
            .superRefine((names, ctx) => addModuleIssues(ctx, checkAtlasDatabases('', names))),
        })
        .strict(),
      z
        .object({
          mode: z.literal('self-hosted'),
          instanceType: moduleString(checkMongoInstanceType),
          dataVolumeGiB: moduleNumber(checkDataVolumeSize),
          backupRetentionDays: moduleNumber(checkSelfHostedBackupRetention),
        })
        .strict(),
    ]),
    monitoring: z
      .object({
        /** Target response time alarm, in seconds (seed: > 1 s). */
        responseTimeSeconds: moduleNumber(checkAlarmThresholdAbove0),
        /** The percentile the response-time alarm watches (seed: "95th percentile < 1 second"). */
        responseTimePercentile: moduleNumber(checkAlarmPercentile),
        redisMemoryPercent: moduleNumber(checkAlarmPercent),
        /** Alarm when evictions in a period exceed this (seed: any eviction). */
        redisEvictionsThreshold: moduleNumber(checkAlarmCountThreshold),
        /** Alarm when unhealthy targets exceed this. */
        unhealthyHostsThreshold: moduleNumber(checkAlarmCountThreshold),
        periodSeconds: alarmPeriodSeconds,
        evaluationPeriods: alarmEvaluationPeriods,
        /** The ALB's 5xx share of requests (seed: "Error rate: <0.1% of requests"), over its own window. */
        errorRate: z
          .object({
            /** Alarm when 5xx answers (targets' and the ALB's) are above this percentage of requests in a period. */
            percent: moduleNumber(checkErrorRatePercent),
            periodSeconds: alarmPeriodSeconds,
            evaluationPeriods: alarmEvaluationPeriods,
          })
          .strict(),
        /** CloudWatch Logs filter pattern of an error line in the backend's log group ("error rates from logs"). */
        errorLogPattern: moduleString(checkLogFilterPattern),
      })
      .strict(),
    github: z
      .object({
        /** One OIDC provider per account: `create` it in one environment's stack, `existing` in the others. */
        oidcProvider: z.enum(['create', 'existing']),
        frontend: githubTrust,
        backend: githubTrust,
        infra: githubTrust,
      })
      .strict(),
  })
  .strict()
  .superRefine((config, ctx) => {
    const capacity = config.instances.capacity;
    addModuleIssues(ctx, [
      // Without desired the module would take 2; config asks for it (in instances) rather than guess.
      ...checkWebCapacity('instances.capacity', { ...capacity, desired: capacity.desired ?? capacity.min }),
      // The group has detailed monitoring (the module's default), so 60-second periods have data.
      ...checkWebScaling('scaling', config.scaling, true),
      ...redisCacheIssues('cache', config.cache),
      ...(config.cache.authTokenSecretName !== undefined && config.cache.iamAuthentication
        ? [
            {
              path: 'cache.authTokenSecretName',
              value: config.cache.authTokenSecretName,
              message: 'must not be set with cache.iamAuthentication: clients use one or the other',
            },
          ]
        : []),
      ...(config.cache.authTokenSecretName === undefined
        ? []
        : checkAuthTokenNeedsTransitEncryption(
            'cache.authTokenSecretName',
            config.cache.authTokenSecretName,
            config.cache.transitEncryption,
          )),
      ...alarmTimingIssues('monitoring', config.monitoring),
      ...alarmTimingIssues('monitoring.errorRate', config.monitoring.errorRate),
      ...(config.mongodb.mode === 'atlas' ? atlasBackupIssues('mongodb', config.mongodb) : []),
    ]);
    // The blueprint's own rules: CloudFront reaches an HTTPS ALB by a name its certificate covers, and the target
    // group sends traffic to the port the containers publish.
    if (config.loadBalancer.certificateArn && !config.loadBalancer.originDomainName) {
      customIssue(
        ctx,
        ['loadBalancer', 'originDomainName'],
        'is required with certificateArn: CloudFront reaches the ALB by it',
      );
    }
    const tg = config.loadBalancer.targetGroup;
    if (tg.port !== config.instances.containerPort) {
      const message = `must equal instances.containerPort (${config.instances.containerPort})`;
      customIssue(ctx, ['loadBalancer', 'targetGroup', 'port'], message);
    }
  });

export type Ec2WebConfig = z.infer<typeof ec2WebSchema>;

/**
 * Seed 000's values. Production environments get two Redis nodes with failover, deletion protection and longer
 * retention; the GitHub OIDC provider is created unless the environment says the account already has it.
 */
export function ec2WebDefaults({ name, production }: EnvironmentIdentity): z.input<typeof ec2WebSchema> {
  const repository = 'Kindee18/StartTech-Kindson-1148';
  // Production roles trust the GitHub environment of the same name (its reviewers gate deploys), not a branch.
  const trusted = production ? { branches: [], environments: [name] } : { branches: ['main'], environments: [] };
  return {
    appName: 'starttech',
    network: {
      vpcCidr: '10.0.0.0/16',
      publicSubnetCidrs: ['10.0.1.0/24', '10.0.2.0/24'],
      privateSubnetCidrs: ['10.0.10.0/24', '10.0.11.0/24'],
      natGateways: 'per-az',
      flowLogs: defaultFlowLogs(production),
    },
    loadBalancer: {
      // The document's ALB is "HTTPS ready": set certificateArn to add 443 and the 80 → 443 redirect.
      allowPlainHttp: true,
      ingressCidrs: ['0.0.0.0/0'],
      deletionProtection: production,
      accessLogs: { enabled: true, expirationDays: production ? 365 : 90 },
      targetGroup: {
        port: 8080,
        healthCheckPath: '/health',
        intervalSeconds: 30,
        timeoutSeconds: 3,
        healthyThreshold: 2,
        unhealthyThreshold: 2,
      },
    },
    instances: {
      instanceType: 't3.medium',
      // Amazon Linux 2023: the document's Amazon Linux 2 reached its end of support on 2026-06-30 (see the doc).
      amiSsmParameter: AL2023_AMI_PARAMETER,
      rootVolumeGiB: 20,
      rootVolumeType: 'gp3',
      healthCheckType: 'ELB',
      capacity: { min: 2, desired: 2, max: 6 },
      healthCheckGracePeriodSeconds: 300,
      // No SSH: instances are reached through SSM Session Manager. Add office CIDRs here if SSH is needed.
      sshCidrs: [],
      imageTag: 'v0.1.0',
      containerPort: 8080,
      environment: { NODE_ENV: 'production', PORT: '8080', APP_ENV: production ? 'production' : 'development' },
      logRetentionInDays: production ? 90 : 30,
    },
    scaling: {
      scaleUpCpuPercent: 70,
      scaleDownCpuPercent: 30,
      cooldownSeconds: 300,
      periodSeconds: 60,
      evaluationPeriods: 2,
    },
    frontend: {
      originAccess: 'origin-access-control',
      noncurrentVersionExpirationDays: 30,
      defaultTtlSeconds: 3600,
      assetsTtlSeconds: 31536000,
      priceClass: 'PriceClass_100',
    },
    cache: {
      engineVersion: '7.0',
      nodeType: 'cache.t3.micro',
      // "1 (single-AZ) or 2+ (multi-AZ)"
      numCacheClusters: production ? 2 : 1,
      automaticFailover: production,
      port: 6379,
      // TLS in transit (the document leaves it optional): Redis AUTH and IAM authentication need it.
      transitEncryption: true,
      // The backend connects with its IAM role: no password to store or rotate.
      iamAuthentication: true,
      snapshotRetentionDays: 5,
      snapshotWindow: '03:00-05:00',
      maintenanceWindow: 'sun:05:00-sun:06:00',
      logRetentionInDays: 30,
    },
    mongodb: {
      mode: 'atlas',
      orgId: '5f1a2b3c4d5e6f7a8b9c0d1e',
      // The document's M5 shared tier no longer exists; M10 is the smallest tier with a 3-node replica set and
      // configurable backup retention (see docs/blueprints/ec2-web.md).
      instanceSize: 'M10',
      electableNodes: 3,
      mongoDbMajorVersion: '7.0',
      backupRetentionDays: 35,
      pointInTimeRestoreWindowDays: 35,
      username: 'starttech_app',
      databases: ['starttech', 'starttech_staging'],
    },
    monitoring: {
      responseTimeSeconds: 1,
      responseTimePercentile: 95,
      redisMemoryPercent: 90,
      redisEvictionsThreshold: 0,
      unhealthyHostsThreshold: 0,
      periodSeconds: 60,
      evaluationPeriods: 2,
      // The document gives the target, not the window: two 5-minute periods, so one failed request among a handful
      // in a quiet minute does not page anyone.
      errorRate: { percent: 0.1, periodSeconds: 300, evaluationPeriods: 2 },
      // Upper-case levels and exception names of the common Node.js and Python loggers; terms are case-sensitive.
      errorLogPattern: '?ERROR ?FATAL ?Error ?Exception',
    },
    github: {
      // One OIDC provider per account: set "existing" in every environment of the account but one.
      oidcProvider: 'create',
      frontend: { repository, ...trusted },
      backend: { repository, ...trusted },
      infra: { repository: 'Kindee18/StartTech-Infra-Kindson-1148', ...trusted },
    },
  };
}
