/**
 * Configuration of the `ecs-service` blueprint (seed 003): one Fargate service behind an HTTPS load balancer, its
 * database configuration in Secrets Manager, GitHub OIDC deploys. Every number of the document is a field here whose
 * default (`ecsServiceDefaults`) is the document's value; where the document is silent the default is what a platform
 * team runs in production, and docs/blueprints/ecs-service.md says which those are.
 *
 * A value that goes into a module prop is checked by that module's exported check (certificate, TLS policy and
 * health check, Fargate task size and capacity, deployment limits, ECR lifecycle, secret, alarm timing, GitHub
 * trust), so config and module cannot disagree and the error names the config path. Checks that need the environment
 * (names made from appName, subnets per AZ, self-signed certificates in production) are in ./index.ts.
 */
import { z } from 'zod';
import { checkCertificateValidityDays, SELF_SIGNED_KEY_ALGORITHMS } from '../../../modules/certificate';
import { checkDockerImageTag } from '../../../modules/core/checks';
import { joinPath } from '../../../modules/core/validation';
import { checkDomainName, checkHostedZoneId } from '../../../modules/dns';
import {
  checkContainerInsights,
  checkContainerVariableName,
  checkCpuTargetPercent,
  checkFargateServiceCapacity,
  checkFargateTaskSize,
  checkMemoryTargetPercent,
  checkNotPlainAndSecret,
  checkPort,
  CONTAINER_INSIGHTS_MODES,
} from '../../../modules/ecs';
import { checkGithubEnvironment, checkGithubRoleSubjects } from '../../../modules/github-oidc';
import {
  checkHealthCheck,
  checkHealthCheckPath,
  checkIdleTimeout,
  checkListenerCertificate,
  checkSslPolicy,
} from '../../../modules/load-balancer';
import {
  checkAlarmCountThreshold,
  checkErrorRatePercent,
  checkAlarmPercent,
  checkAlarmPercentile,
  checkAlarmThresholdAbove0,
} from '../../../modules/observability';
import { checkSecretJsonKeys, checkSecretRecoveryWindow } from '../../../modules/secret';
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
  containerRepositorySchema,
  customIssue,
  ecsDeploymentSchema,
  githubBranch,
  githubRepository,
  ipv4Cidr,
  logRetentionDays,
  moduleEnum,
  moduleNumber,
  moduleString,
  targetGroupHealthCheckSchema,
} from '../../config/fields';
import { defaultFlowLogs, networkSchema } from '../../config/network-schema';

/** The one container's name in the task definition (the deploy workflow swaps its image). */
export const ECS_SERVICE_CONTAINER = 'app';

const domainName = moduleString(checkDomainName);

/**
 * The HTTPS listener's certificate. `self-signed` is the document's (for development: clients do not trust it), `acm`
 * an issued or imported certificate, `dns` a new Route 53 zone with a DNS-validated certificate.
 */
const certificateSchema = z.discriminatedUnion('mode', [
  z
    .object({
      mode: z.literal('self-signed'),
      /** The name the certificate is issued for (`npm run tls:self-signed`) and the smoke test calls. */
      domainName,
      /** Days the generated certificate is valid. */
      validityDays: moduleNumber(checkCertificateValidityDays),
      keyAlgorithm: z.enum(SELF_SIGNED_KEY_ALGORITHMS),
      /** The explicit, named override that lets an environment marked production serve a self-signed certificate. */
      allowInProduction: z.boolean(),
    })
    .strict(),
  z
    .object({
      mode: z.literal('acm'),
      /** An issued (or imported) ACM certificate in the stack's region. */
      certificateArn: moduleString((path, arn) => checkListenerCertificate(path, arn, false)),
      /** The name clients use (covered by the certificate; its DNS record is managed elsewhere). */
      domainName,
    })
    .strict(),
  z
    .object({
      mode: z.literal('dns'),
      /** The zone to create (delegate it to the stack's `zone_name_servers` output). */
      zoneName: domainName,
      /** The service's name in the zone (`app` → app.<zone>), `''` for the zone apex; an alias to the ALB. */
      subdomain: z.string().regex(/^([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)?$/, 'must be one DNS label, or ""'),
      zoneDeletionProtection: z.boolean(),
    })
    .strict(),
  z
    .object({
      mode: z.literal('dns-existing-zone'),
      /** A public hosted zone that exists and is delegated already (its id, `Z…`). */
      zoneId: moduleString(checkHostedZoneId),
      /** The service's name in that zone: the certificate's, and an alias record to the ALB. */
      domainName,
    })
    .strict(),
]);

export const ecsServiceSchema = z
  .object({
    /** Prefix of every name: `<appName>-<env>` (load balancer, cluster, service, repository, roles, alarms). */
    appName: z.string().regex(/^[a-z][a-z0-9-]{1,20}$/, 'must be 2-21 lowercase letters, digits and hyphens'),
    network: networkSchema,
    loadBalancer: z
      .object({
        /** ELB TLS policy of the HTTPS listener (TLS 1.3 and 1.2). */
        sslPolicy: moduleString(checkSslPolicy),
        /** Sources allowed to reach 443 (and 80, which redirects). */
        ingressCidrs: z.array(ipv4Cidr).min(1, 'must list at least one CIDR'),
        idleTimeoutSeconds: moduleNumber(checkIdleTimeout),
        deletionProtection: z.boolean(),
        accessLogs: accessLogsSchema,
        /** The target group's health check of `service.healthCheckPath`. */
        healthCheck: targetGroupHealthCheckSchema,
      })
      .strict(),
    certificate: certificateSchema,
    cluster: z
      .object({
        containerInsights: moduleEnum(CONTAINER_INSIGHTS_MODES, checkContainerInsights),
        /** Retention of the service's and the cluster's log groups. */
        logRetentionInDays: logRetentionDays,
      })
      .strict(),
    service: z
      .object({
        /** The port the container listens on: the target group's and the security group rule's. */
        containerPort: moduleNumber(checkPort),
        /** Fargate task size: CPU units (256 = 0.25 vCPU) and memory in MiB, a combination Fargate offers. */
        cpu: z.number(),
        memoryMiB: z.number(),
        /** Tasks: min ≤ desired ≤ max; desired is the count at creation, auto scaling owns it afterwards. */
        capacity: z.object({ min: z.number(), desired: z.number(), max: z.number() }).strict(),
        /** Target tracking: the average CPU and memory the service is scaled to hold. */
        cpuTargetPercent: moduleNumber(checkCpuTargetPercent),
        memoryTargetPercent: moduleNumber(checkMemoryTargetPercent),
        /** The image tag of the first task definition; releases come from the deploy workflow. */
        imageTag: moduleString(checkDockerImageTag),
        /** Plain (non-secret) environment variables. */
        environment: z.record(z.string(), z.string()),
        /** Mount the root filesystem read-only (turn off only for an image that must write to it). */
        readonlyRootFilesystem: z.boolean(),
        /** Path the load balancer and the container health check GET. */
        healthCheckPath: moduleString(checkHealthCheckPath),
        /** Seconds ECS ignores failing load-balancer checks of a new task. */
        healthCheckGracePeriodSeconds: z.number().int().min(0).max(2147483647),
        /** The container's own health check, with the image's interpreter (`node`, `python`), or `none`. */
        containerHealthCheck: containerHealthCheckSchema,
      })
      .strict(),
    deployment: ecsDeploymentSchema,
    registry: containerRepositorySchema,
    /** The application's database configuration: a JSON secret whose keys become the container's variables. */
    databaseSecret: z
      .object({
        jsonKeys: z
          .array(z.string())
          .min(1, 'must list at least one key')
          .superRefine((keys, ctx) => addModuleIssues(ctx, checkSecretJsonKeys('', keys))),
        recoveryWindowInDays: moduleNumber(checkSecretRecoveryWindow),
      })
      .strict(),
    monitoring: z
      .object({
        cpuAlarmPercent: moduleNumber(checkAlarmPercent),
        memoryAlarmPercent: moduleNumber(checkAlarmPercent),
        /** Alarm when more targets than this are unhealthy (0: any). */
        unhealthyTargetsThreshold: moduleNumber(checkAlarmCountThreshold),
        /** Alarm when more than this share of requests (percent) get a 5xx, from the targets or the ALB itself. */
        http5xxErrorRatePercent: moduleNumber(checkErrorRatePercent),
        responseTimeSeconds: moduleNumber(checkAlarmThresholdAbove0),
        responseTimePercentile: moduleNumber(checkAlarmPercentile),
        periodSeconds: alarmPeriodSeconds,
        evaluationPeriods: alarmEvaluationPeriods,
      })
      .strict(),
    github: z
      .object({
        /** One OIDC provider per account: `create` it in one environment's stack, `existing` in the others. */
        oidcProvider: z.enum(['create', 'existing']),
        /** The one repository whose workflows may deploy, `owner/name`, no wildcards. */
        repository: githubRepository,
        /** Branches whose workflow runs may assume the deploy role (jobs without a GitHub environment). */
        branches: z.array(githubBranch),
        /** GitHub environments whose jobs may assume it (production: an environment with reviewers). */
        environments: z.array(
          z.string().superRefine((name, ctx) => addModuleIssues(ctx, checkGithubEnvironment('', name))),
        ),
      })
      .strict()
      .superRefine((github, ctx) =>
        addModuleIssues(ctx, checkGithubRoleSubjects('branches', github.branches, github.environments, false)),
      ),
  })
  .strict()
  .superRefine((config, ctx) => {
    const { service, loadBalancer } = config;
    const at = (issues: ReturnType<typeof checkPort>, base: string) =>
      issues.map((issue) => ({ ...issue, path: joinPath(base, issue.path) }));
    addModuleIssues(ctx, [
      ...at(checkFargateTaskSize('cpu', service.cpu, 'memoryMiB', service.memoryMiB), 'service'),
      ...at(
        checkFargateServiceCapacity(
          { min: 'capacity.min', max: 'capacity.max', desired: 'capacity.desired' },
          service.capacity,
        ),
        'service',
      ),
      ...containerHealthCheckIssues(
        'service.containerHealthCheck',
        service.containerHealthCheck,
        service.containerPort,
        service.healthCheckPath,
      ),
      ...checkHealthCheck('loadBalancer.healthCheck', { path: service.healthCheckPath, ...loadBalancer.healthCheck }),
      ...alarmTimingIssues('monitoring', config.monitoring),
    ]);
    addRecordIssues(ctx, ['service', 'environment'], service.environment, (name) =>
      checkContainerVariableName(name, name),
    );
    // The secret's keys are the container's secret variables: a variable is plain or secret, not both.
    for (const key of config.databaseSecret.jsonKeys) {
      const issues = checkContainerVariableName(key, key);
      issues.push(...checkNotPlainAndSecret(key, key, service.environment, config.databaseSecret.jsonKeys));
      for (const issue of issues) {
        const index = config.databaseSecret.jsonKeys.indexOf(key);
        customIssue(ctx, ['databaseSecret', 'jsonKeys', index], issue.message);
      }
    }
  });

export type EcsServiceConfig = z.infer<typeof ecsServiceSchema>;
export type EcsServiceCertificateConfig = EcsServiceConfig['certificate'];

/**
 * Seed 003's values. Production environments get a DNS-validated certificate instead of the document's self-signed
 * one, deletion protection, a year of logs and a GitHub environment (with reviewers) as the only deploy trust.
 */
export function ecsServiceDefaults({ name, production }: EnvironmentIdentity): z.input<typeof ecsServiceSchema> {
  return {
    appName: 'webapp',
    network: {
      vpcCidr: '10.0.0.0/16',
      publicSubnetCidrs: ['10.0.1.0/24', '10.0.2.0/24'],
      privateSubnetCidrs: ['10.0.101.0/24', '10.0.102.0/24'],
      // "Redundant NAT Gateways: one per AZ".
      natGateways: 'per-az',
      flowLogs: defaultFlowLogs(production),
    },
    loadBalancer: {
      sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
      ingressCidrs: ['0.0.0.0/0'],
      idleTimeoutSeconds: 60,
      deletionProtection: production,
      accessLogs: { enabled: true, expirationDays: production ? 365 : 90 },
      healthCheck: {
        intervalSeconds: 30,
        timeoutSeconds: 5,
        healthyThreshold: 2,
        unhealthyThreshold: 3,
        matcher: '200',
      },
    },
    certificate: production
      ? { mode: 'dns', zoneName: 'webapp.example.com', subdomain: '', zoneDeletionProtection: true }
      : {
          mode: 'self-signed',
          domainName: `webapp.${name}.example.com`,
          validityDays: 365,
          keyAlgorithm: 'RSA_2048',
          allowInProduction: false,
        },
    cluster: { containerInsights: 'enabled', logRetentionInDays: production ? 365 : 30 },
    service: {
      containerPort: 3000,
      // "0.25 vCPU, 0.5GB RAM".
      cpu: 256,
      memoryMiB: 512,
      // "Task 1, Task 2" spread over the two AZs; never fewer than one per AZ.
      capacity: { min: 2, desired: 2, max: 4 },
      cpuTargetPercent: 70,
      memoryTargetPercent: 70,
      imageTag: 'v0.1.0',
      environment: { NODE_ENV: 'production', PORT: '3000' },
      readonlyRootFilesystem: true,
      healthCheckPath: '/health',
      healthCheckGracePeriodSeconds: 60,
      containerHealthCheck: {
        probe: 'node',
        intervalSeconds: 30,
        timeoutSeconds: 5,
        retries: 3,
        startPeriodSeconds: 60,
      },
    },
    deployment: {
      // "New tasks start before old ones stop", "Rollback: automatic on health check failures".
      maximumPercent: 200,
      minimumHealthyPercent: 100,
      circuitBreakerRollback: true,
      scaleInCooldownSeconds: 300,
      scaleOutCooldownSeconds: 60,
    },
    registry: {
      imageTagMutability: 'IMMUTABLE',
      scanOnPush: true,
      encryption: 'KMS',
      keepTaggedImages: { tagPatterns: ['*'], count: 20 },
      expireUntaggedAfterDays: 7,
    },
    databaseSecret: {
      jsonKeys: ['DB_HOST', 'DB_PORT', 'DB_NAME', 'DB_USERNAME', 'DB_PASSWORD'],
      recoveryWindowInDays: production ? 30 : 7,
    },
    monitoring: {
      cpuAlarmPercent: 80,
      memoryAlarmPercent: 80,
      unhealthyTargetsThreshold: 0,
      http5xxErrorRatePercent: 1,
      responseTimeSeconds: 1,
      responseTimePercentile: 95,
      periodSeconds: 300,
      evaluationPeriods: 2,
    },
    github: {
      // One OIDC provider per account: set "existing" in every environment of the account but one.
      oidcProvider: 'create',
      repository: 'example-org/webapp',
      // Production deploys only from jobs in the GitHub environment of its name (required reviewers live there).
      branches: production ? [] : ['main'],
      environments: production ? [name] : [],
    },
  };
}
