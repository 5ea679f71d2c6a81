/**
 * Configuration of the `ec2-web` blueprint (seed 000): CloudFront + S3 SPA, ALB + EC2 Auto Scaling (Docker from ECR),
 * ElastiCache Redis, MongoDB (Atlas in a companion stack, or self-hosted on EC2), GitHub OIDC roles. Every number of
 * the document is a field here; cross-field rules (desired within min..max, SSH from anywhere in prod, failover
 * needs two nodes) fail at synth with the field's path.
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
} from '../fields';
import { networkSchema } from '../network-schema';

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
          projectName: z.string().min(1).max(64),
          clusterName: z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'must be an Atlas cluster name'),
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
