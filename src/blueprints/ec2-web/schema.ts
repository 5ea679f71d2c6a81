/**
 * Configuration of the `ec2-web` blueprint (seed 000): CloudFront + S3 SPA, ALB + EC2 Auto Scaling (Docker from ECR),
 * ElastiCache Redis, MongoDB (Atlas in a companion stack, or self-hosted on EC2), GitHub OIDC roles. Every number of
 * the document is a field here whose default (`ec2WebDefaults`) is the document's value; cross-field rules (desired
 * within min..max, failover needs two nodes) fail at synth with the field's path.
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
  instanceType,
  ipv4Cidr,
  logRetentionDays,
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
import { networkSchema } from '../../config/network-schema';

/** `owner/name` as GitHub allows them; wildcards are refused so no other repository can assume a role. */
export const githubRepository = z
  .string()
  .regex(
    /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}\/[A-Za-z0-9._-]{1,100}$/,
    'must be a GitHub repository "owner/name" without wildcards',
  );

const gitBranch = z
  .string()
  .regex(/^(?!\/|.*\/\/|.*\.\.|.*\/$)[A-Za-z0-9._/-]{1,255}$/, 'must be a branch name without wildcards');

const githubTrust = z.object({ repository: githubRepository, branches: z.array(gitBranch).min(1) }).strict();

const envVarName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name');

export const ec2WebSchema = z
  .object({
    /** Prefix of shared names (`<appName>-<env>-...`); the seed's own names (`<env>-backend-tg`) are kept as given. */
    appName: z.string().regex(/^[a-z][a-z0-9-]{1,20}$/, 'must be 2-21 lowercase letters, digits and hyphens'),
    network: networkSchema,
    loadBalancer: z
      .object({
        /** ACM certificate (same region) for HTTPS 443 and the 80 → 443 redirect; without it 80 serves plain HTTP. */
        certificateArn: z
          .string()
          .regex(/^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[\w-]+$/, 'must be an ACM certificate ARN')
          .optional(),
        /**
         * The name CloudFront uses to reach the ALB over HTTPS: covered by certificateArn and pointing at the ALB
         * (CloudFront checks the origin's certificate against it; no certificate can cover `*.elb.amazonaws.com`).
         */
        originDomainName: dnsName.optional(),
        /** Explicitly accept an HTTP-only listener when there is no certificate (the seed's "HTTPS ready" state). */
        allowPlainHttp: z.boolean(),
        ingressCidrs: z.array(ipv4Cidr).min(1, 'must list at least one CIDR'),
        deletionProtection: z.boolean(),
        accessLogs: z.object({ enabled: z.boolean(), expirationDays: positiveInt }).strict(),
        targetGroup: z
          .object({
            port,
            healthCheckPath: urlPathPattern,
            intervalSeconds: z.number().int().min(5).max(300),
            timeoutSeconds: z.number().int().min(2).max(120),
            healthyThreshold: z.number().int().min(2).max(10),
            unhealthyThreshold: z.number().int().min(2).max(10),
          })
          .strict(),
      })
      .strict(),
    instances: z
      .object({
        instanceType,
        /** Public SSM parameter holding the AMI id (resolved at launch; no AMI lookup at plan time). */
        amiSsmParameter: z.string().regex(/^\/aws\/service\/[\w./-]+$/, 'must be a public SSM parameter path'),
        rootVolumeGiB: z.number().int().min(8).max(16384),
        rootVolumeType: z.enum(['gp3', 'gp2']),
        /** `ELB`: an instance failing the target group's health check is replaced, not only a dead one. */
        healthCheckType: z.enum(['ELB', 'EC2']),
        capacity: capacityRange,
        healthCheckGracePeriodSeconds: z.number().int().nonnegative(),
        /** CIDRs allowed to SSH (22); empty means no SSH rule (use SSM Session Manager). */
        sshCidrs: z.array(ipv4Cidr),
        imageTag: z.string().regex(/^[\w][\w.-]{0,127}$/, 'must be a Docker image tag'),
        containerPort: port,
        environment: z.record(envVarName, z.string().regex(/^[^\n\r]*$/, 'must be a single line')),
        logRetentionInDays: logRetentionDays,
      })
      .strict(),
    scaling: z
      .object({
        scaleUpCpuPercent: percent,
        scaleDownCpuPercent: percent,
        cooldownSeconds: z.number().int().nonnegative(),
        periodSeconds: alarmPeriodSeconds,
        evaluationPeriods: positiveInt,
      })
      .strict(),
    frontend: z
      .object({
        originAccess: z.enum(['origin-access-control', 'origin-access-identity']),
        noncurrentVersionExpirationDays: positiveInt,
        defaultTtlSeconds: z.number().int().nonnegative(),
        assetsTtlSeconds: z.number().int().nonnegative(),
        priceClass: z.enum(['PriceClass_100', 'PriceClass_200', 'PriceClass_All']),
      })
      .strict(),
    cache: z
      .object({
        engineVersion: redisEngineVersion,
        nodeType: cacheNodeType,
        numCacheClusters: cacheNodeCount,
        automaticFailover: z.boolean(),
        port,
        transitEncryption: z.boolean(),
        /** Secrets Manager secret holding the AUTH token; read at plan time, so only with transitEncryption. */
        authTokenSecretName: z.string().min(1).optional(),
        snapshotRetentionDays,
        snapshotWindow: dailyWindow,
        maintenanceWindow: weeklyWindow,
        logRetentionInDays: logRetentionDays,
      })
      .strict(),
    mongodb: z.discriminatedUnion('mode', [
      z
        .object({
          mode: z.literal('atlas'),
          orgId: z.string().regex(/^[a-f0-9]{24}$/, 'must be a 24-character Atlas organization id'),
          /** Atlas project. Default: `<appName>-<env>`. */
          projectName: z.string().min(1).max(64).optional(),
          /** Default: `<appName>-<env>`. */
          clusterName: z
            .string()
            .regex(/^[A-Za-z0-9-]{1,64}$/, 'must be an Atlas cluster name')
            .optional(),
          instanceSize: z.string().regex(/^(M\d+|R\d+)$/, 'must be an Atlas dedicated tier like M10'),
          electableNodes: z.union([z.literal(3), z.literal(5), z.literal(7)]),
          mongoDbMajorVersion: z.string().regex(/^\d+\.\d+$/),
          backupRetentionDays: z.number().int().min(1).max(365),
          username: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/),
          databases: z.array(z.string().regex(/^[A-Za-z0-9_-]{1,63}$/)).min(1),
        })
        .strict(),
      z
        .object({
          mode: z.literal('self-hosted'),
          instanceType,
          dataVolumeGiB: z.number().int().min(1).max(16384),
          backupRetentionDays: positiveInt,
        })
        .strict(),
    ]),
    monitoring: z
      .object({
        /** Target response time alarm, in seconds (seed: > 1 s). */
        responseTimeSeconds: z.number().positive(),
        redisMemoryPercent: percent,
        /** Alarm when evictions in a period exceed this (seed: any eviction). */
        redisEvictionsThreshold: z.number().int().nonnegative(),
        /** Alarm when unhealthy targets exceed this. */
        unhealthyHostsThreshold: z.number().int().nonnegative(),
        periodSeconds: alarmPeriodSeconds,
        evaluationPeriods: positiveInt,
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
    const issue = (path: Array<string | number>, message: string) => customIssue(ctx, path, message);
    if (config.scaling.scaleDownCpuPercent >= config.scaling.scaleUpCpuPercent) {
      issue(
        ['scaling', 'scaleDownCpuPercent'],
        `must be below scaleUpCpuPercent (${config.scaling.scaleUpCpuPercent})`,
      );
    }
    refineCacheFailover(ctx, config.cache);
    if (config.cache.authTokenSecretName && !config.cache.transitEncryption) {
      issue(['cache', 'authTokenSecretName'], 'needs transitEncryption: Redis AUTH is only sent over TLS');
    }
    if (!config.loadBalancer.certificateArn && !config.loadBalancer.allowPlainHttp) {
      issue(['loadBalancer', 'certificateArn'], 'is required unless allowPlainHttp is true');
    }
    if (config.loadBalancer.certificateArn && !config.loadBalancer.originDomainName) {
      issue(['loadBalancer', 'originDomainName'], 'is required with certificateArn: CloudFront reaches the ALB by it');
    }
    const tg = config.loadBalancer.targetGroup;
    if (tg.timeoutSeconds >= tg.intervalSeconds) {
      issue(['loadBalancer', 'targetGroup', 'timeoutSeconds'], `must be below intervalSeconds (${tg.intervalSeconds})`);
    }
    if (tg.port !== config.instances.containerPort) {
      issue(
        ['loadBalancer', 'targetGroup', 'port'],
        `must equal instances.containerPort (${config.instances.containerPort})`,
      );
    }
    if (config.instances.capacity.desired === undefined) {
      issue(['instances', 'capacity', 'desired'], 'is required for the Auto Scaling group');
    }
  });

export type Ec2WebConfig = z.infer<typeof ec2WebSchema>;

/**
 * Seed 000's values. Production environments get two Redis nodes with failover, deletion protection and longer
 * retention; the GitHub OIDC provider is created unless the environment says the account already has it.
 */
export function ec2WebDefaults({ production }: EnvironmentIdentity): z.input<typeof ec2WebSchema> {
  const repository = 'Kindee18/StartTech-Kindson-1148';
  return {
    appName: 'starttech',
    network: {
      vpcCidr: '10.0.0.0/16',
      publicSubnetCidrs: ['10.0.1.0/24', '10.0.2.0/24'],
      privateSubnetCidrs: ['10.0.10.0/24', '10.0.11.0/24'],
      natGateways: 'per-az',
      flowLogs: { enabled: true, retentionInDays: production ? 365 : 30, trafficType: 'ALL' },
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
      amiSsmParameter: '/aws/service/ami-amazon-linux-latest/amzn2-ami-hvm-x86_64-gp2',
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
      transitEncryption: false,
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
      username: 'starttech_app',
      databases: ['starttech', 'starttech_staging'],
    },
    monitoring: {
      responseTimeSeconds: 1,
      redisMemoryPercent: 90,
      redisEvictionsThreshold: 0,
      unhealthyHostsThreshold: 0,
      periodSeconds: 60,
      evaluationPeriods: 2,
    },
    github: {
      // One OIDC provider per account: set "existing" in every environment of the account but one.
      oidcProvider: 'create',
      frontend: { repository, branches: ['main'] },
      backend: { repository, branches: ['main'] },
      infra: { repository: 'Kindee18/StartTech-Infra-Kindson-1148', branches: ['main'] },
    },
  };
}
