/**
 * Configuration of the `ecs-multiregion` blueprint (seed 002): one service active in two regions, each region its own
 * stack, a pipeline in the primary region that builds once and deploys to both, and Route 53 failover between them.
 * Every number of the document is a field here whose default (`ecsMultiregionDefaults`) is the document's value; where
 * the document is silent the default is what a platform team runs in production, and
 * docs/blueprints/ecs-multiregion.md says which those are.
 *
 * A value that goes into a module prop is checked by that module's exported check, so config and module cannot
 * disagree and the error names the config path. Checks that need the environment (names made from appName, AZs per
 * region, production guards) are in ./index.ts.
 */
import { z } from 'zod';
import { checkBranchName, checkConnectionRepository } from '../../../modules/codepipeline';
import { CODEBUILD_COMPUTE_TYPES } from '../../../modules/codebuild';
import { checkDockerImageTag } from '../../../modules/core/checks';
import { cidrsOverlap, parseIpv4Cidr } from '../../../modules/core/cidr';
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
import {
  checkHealthCheck,
  checkHealthCheckPath,
  checkIdleTimeout,
  checkSslPolicy,
} from '../../../modules/load-balancer';
import { checkAlarmCountThreshold, checkAlarmPercent, checkErrorRatePercent } from '../../../modules/observability';
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
  ipv4Cidr,
  logRetentionDays,
  moduleEnum,
  moduleNumber,
  moduleString,
  region,
  targetGroupHealthCheckSchema,
} from '../../config/fields';
import { defaultFlowLogs, networkSchema } from '../../config/network-schema';

/** The one container's name in the task definitions (the build swaps its image). */
export const ECS_MULTIREGION_CONTAINER = 'app';

/** The two stacks of an environment, by their stack-name suffix. */
export const ECS_MULTIREGION_SIDES = ['primary', 'secondary'] as const;
export type EcsMultiregionSide = (typeof ECS_MULTIREGION_SIDES)[number];

/** Listener ports that are not public: who may reach them is a list of CIDRs, the VPC's by default. */
const privateListener = z
  .object({
    port: moduleNumber(checkPort),
    /** Who may reach the listener; 0.0.0.0/0 is refused (only 80/443 are public). Default: the region's VPC. */
    ingressCidrs: z.array(ipv4Cidr).optional(),
  })
  .strict();

const capacity = z.object({ min: z.number(), desired: z.number(), max: z.number() }).strict();

export const ecsMultiregionSchema = z
  .object({
    /** Prefix of every name: `<appName>-<env>` (load balancers, clusters, services, repository, pipeline, roles). */
    appName: z.string().regex(/^[a-z][a-z0-9-]{1,20}$/, 'must be 2-21 lowercase letters, digits and hyphens'),
    /** The primary region holds the pipeline and the source; the secondary runs the same service. */
    regions: z.object({ primary: region, secondary: region }).strict(),
    /** A VPC per region, each with its own CIDRs (they must not overlap: the regions may be peered later). */
    network: z.object({ primary: networkSchema, secondary: networkSchema }).strict(),
    loadBalancer: z
      .object({
        sslPolicy: moduleString(checkSslPolicy),
        /**
         * Serve plain HTTP on 80 (and the private listeners) when there is no `domain`, so no certificate: the explicit,
         * weaker choice for a development environment without a zone. Refused in production.
         */
        allowPlainHttp: z.boolean(),
        /** Sources allowed to reach 80 and 443. */
        ingressCidrs: z.array(ipv4Cidr).min(1, 'must list at least one CIDR'),
        idleTimeoutSeconds: moduleNumber(checkIdleTimeout),
        deletionProtection: z.boolean(),
        accessLogs: accessLogsSchema,
        /** The target groups' health check of `service.healthCheckPath`. */
        healthCheck: targetGroupHealthCheckSchema,
      })
      .strict(),
    /**
     * The service's public name, in an existing Route 53 zone: a certificate per region (HTTPS on the load balancers)
     * and, with `failover: automatic`, a health-checked PRIMARY/SECONDARY record pair. `null`: no domain, HTTP only.
     */
    domain: z
      .object({
        /** The hosted zone's id (`Z…`), created and delegated outside these stacks. */
        zoneId: moduleString(checkHostedZoneId),
        /** The service's name in the zone, e.g. `app.example.com`. */
        recordName: moduleString(checkDomainName),
        /** `automatic`: Route 53 health checks move traffic; `manual`: no records, the document's runbook step 1. */
        failover: z.enum(['automatic', 'manual']).default('automatic'),
        /** Route 53 health checks of each region's load balancer. */
        healthCheck: z
          .object({
            intervalSeconds: z.union([z.literal(10), z.literal(30)]),
            failureThreshold: z.number().int().min(1).max(10),
          })
          .strict()
          // Route 53's standard interval; three failures: about 90 s to fail over.
          .default({ intervalSeconds: 30, failureThreshold: 3 }),
      })
      .strict()
      .nullable(),
    cluster: z
      .object({
        containerInsights: moduleEnum(CONTAINER_INSIGHTS_MODES, checkContainerInsights),
        /** Retention of the service, cluster and build log groups. */
        logRetentionInDays: logRetentionDays,
      })
      .strict(),
    service: z
      .object({
        containerPort: moduleNumber(checkPort),
        cpu: z.number(),
        memoryMiB: z.number(),
        /** Tasks per region: min ≤ desired ≤ max; auto scaling owns the count after creation. */
        capacity,
        cpuTargetPercent: moduleNumber(checkCpuTargetPercent),
        memoryTargetPercent: moduleNumber(checkMemoryTargetPercent),
        /** The image tag of the first task definitions; releases come from the pipeline. */
        imageTag: moduleString(checkDockerImageTag),
        /** Plain (non-secret) environment variables. */
        environment: z.record(z.string(), z.string()),
        /** Settings read from SSM Parameter Store (SecureString, a customer key per region) into these variables. */
        parameters: z.array(z.string()),
        readonlyRootFilesystem: z.boolean(),
        /** Path the load balancers, the container and Route 53 check. */
        healthCheckPath: moduleString(checkHealthCheckPath),
        healthCheckGracePeriodSeconds: z.number().int().min(0).max(2147483647),
        containerHealthCheck: containerHealthCheckSchema,
        scaleInCooldownSeconds: z.number().int().min(0),
        scaleOutCooldownSeconds: z.number().int().min(0),
      })
      .strict(),
    /** The staging service: in the primary cluster, behind the primary load balancer on its own listener. */
    staging: z.object({ listener: privateListener, capacity }).strict(),
    /** CodeDeploy blue/green of the production service in both regions. */
    blueGreen: z
      .object({
        /** `CodeDeployDefault.ECSAllAtOnce`, `…ECSCanary10Percent5Minutes`, `…ECSLinear10PercentEvery1Minutes`, … */
        deploymentConfig: z
          .string()
          .regex(/^CodeDeployDefault\.ECS[A-Za-z0-9]+$/, 'must be a CodeDeployDefault.ECS* config'),
        /** Minutes the original tasks keep running after traffic moved (a quick way back). */
        terminateOriginalAfterMinutes: z.number().int().min(0).max(2880),
        /** The test listener CodeDeploy routes to the replacement tasks before it moves production traffic. */
        testListener: privateListener,
        /** Roll back when the service's alarms fire during a deployment. */
        rollbackOnAlarms: z.boolean(),
      })
      .strict(),
    registry: containerRepositorySchema
      .extend({
        /**
         * The registry's replication configuration to the secondary region is one per account and region: `create` it
         * here (its rule covers every `<appName>-` repository), or `existing` where another environment creates it.
         */
        replication: z.enum(['create', 'existing']),
      })
      .strict(),
    /**
     * Where the pipeline's source is: `codecommit` (the document's: a repository per region, kept in sync by a mirror
     * job, main protected) or `github` (a CodeConnections connection to `repository`).
     */
    source: z
      .object({
        provider: z.enum(['codecommit', 'github']),
        branch: moduleString(checkBranchName),
        /** `owner/name` behind the connection (provider `github` only). */
        repository: moduleString(checkConnectionRepository),
        /** Approvals a pull request into the branch needs (provider `codecommit`). */
        requiredApprovals: z.number().int().min(1).max(25),
      })
      .strict(),
    pipeline: z
      .object({
        /** The manual approval between staging and production (production environments require it). */
        approval: z.boolean(),
        buildComputeType: z.enum(CODEBUILD_COMPUTE_TYPES),
        /** Shell command the build runs for the unit tests, before it builds the image. */
        unitTestCommand: z.string().min(1),
        /** Minutes the build waits for the pushed image to appear in the secondary region's replica. */
        replicationWaitMinutes: z.number().int().min(1).max(60),
        artifactExpireAfterDays: z.number().int().min(1).max(3650),
      })
      .strict(),
    monitoring: z
      .object({
        cpuAlarmPercent: moduleNumber(checkAlarmPercent),
        memoryAlarmPercent: moduleNumber(checkAlarmPercent),
        /** Alarm when more targets than this are unhealthy (0: any). */
        unhealthyTargetsThreshold: moduleNumber(checkAlarmCountThreshold),
        /** Alarm when more than this percentage of requests get a 5xx (load balancer and targets). */
        http5xxErrorRatePercent: moduleNumber(checkErrorRatePercent),
        periodSeconds: alarmPeriodSeconds,
        evaluationPeriods: alarmEvaluationPeriods,
      })
      .strict(),
  })
  .strict()
  .superRefine((config, ctx) => {
    const { service } = config;
    if (config.regions.secondary === config.regions.primary) {
      customIssue(ctx, ['regions', 'secondary'], `must differ from regions.primary (${config.regions.primary})`);
    }
    if (config.domain === null && !config.loadBalancer.allowPlainHttp) {
      customIssue(
        ctx,
        ['domain'],
        'must be set for HTTPS (a certificate per region, validated in the zone); for HTTP only, set loadBalancer.allowPlainHttp: true',
      );
    }
    if (config.domain !== null && config.loadBalancer.allowPlainHttp) {
      customIssue(ctx, ['loadBalancer', 'allowPlainHttp'], 'must be false with a domain: the listeners serve HTTPS');
    }
    const primaryVpc = parseIpv4Cidr(config.network.primary.vpcCidr);
    const secondaryVpc = parseIpv4Cidr(config.network.secondary.vpcCidr);
    if (typeof primaryVpc !== 'string' && typeof secondaryVpc !== 'string' && cidrsOverlap(primaryVpc, secondaryVpc)) {
      customIssue(
        ctx,
        ['network', 'secondary', 'vpcCidr'],
        `overlaps network.primary.vpcCidr ${primaryVpc.cidr}: the regions' VPCs need their own ranges`,
      );
    }
    const at = (issues: ReturnType<typeof checkPort>, base: string) =>
      issues.map((issue) => ({ ...issue, path: joinPath(base, issue.path) }));
    const capacityPaths = { min: 'capacity.min', max: 'capacity.max', desired: 'capacity.desired' };
    addModuleIssues(ctx, [
      ...at(checkFargateTaskSize('cpu', service.cpu, 'memoryMiB', service.memoryMiB), 'service'),
      ...at(checkFargateServiceCapacity(capacityPaths, service.capacity), 'service'),
      ...at(checkFargateServiceCapacity(capacityPaths, config.staging.capacity), 'staging'),
      ...containerHealthCheckIssues(
        'service.containerHealthCheck',
        service.containerHealthCheck,
        service.containerPort,
        service.healthCheckPath,
      ),
      ...checkHealthCheck('loadBalancer.healthCheck', {
        path: service.healthCheckPath,
        ...config.loadBalancer.healthCheck,
      }),
      ...alarmTimingIssues('monitoring', config.monitoring),
    ]);
    const ports = [
      ['staging', 'listener', 'port'],
      ['blueGreen', 'testListener', 'port'],
    ] as const;
    const [stagingPort, testPort] = [config.staging.listener.port, config.blueGreen.testListener.port];
    for (const [index, port] of [stagingPort, testPort].entries()) {
      if (port === 80 || port === 443)
        customIssue(ctx, [...ports[index]!], 'must not be 80 or 443 (the public listeners)');
    }
    if (stagingPort === testPort)
      customIssue(ctx, [...ports[1]], `must differ from staging.listener.port (${stagingPort})`);
    addRecordIssues(ctx, ['service', 'environment'], service.environment, (name) =>
      checkContainerVariableName(name, name),
    );
    service.parameters.forEach((name, index) => {
      const issues = [
        ...checkContainerVariableName(name, name),
        ...checkNotPlainAndSecret(name, name, service.environment, service.parameters),
      ];
      for (const issue of issues) customIssue(ctx, ['service', 'parameters', index], issue.message);
    });
  });

export type EcsMultiregionConfig = z.infer<typeof ecsMultiregionSchema>;
export type EcsMultiregionDomainConfig = NonNullable<EcsMultiregionConfig['domain']>;

/**
 * Seed 002's values. Production environments get deletion protection, a year of logs and the replication rule of the
 * account (the one environment that creates it).
 */
export function ecsMultiregionDefaults({ production }: EnvironmentIdentity): z.input<typeof ecsMultiregionSchema> {
  const network = (second: number) => ({
    vpcCidr: `10.${second}.0.0/16`,
    publicSubnetCidrs: [`10.${second}.1.0/24`, `10.${second}.2.0/24`],
    privateSubnetCidrs: [`10.${second}.11.0/24`, `10.${second}.12.0/24`],
    // "NAT Gateway (consider NAT instances for dev)": one per region; `per-az` survives the loss of an AZ.
    natGateways: 'single' as const,
    flowLogs: defaultFlowLogs(production),
  });
  return {
    appName: 'globalapp',
    regions: { primary: 'us-east-1', secondary: 'us-west-2' },
    network: { primary: network(0), secondary: network(1) },
    loadBalancer: {
      sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
      allowPlainHttp: false,
      ingressCidrs: ['0.0.0.0/0'],
      idleTimeoutSeconds: 60,
      deletionProtection: production,
      accessLogs: { enabled: true, expirationDays: production ? 365 : 90 },
      // "Health checks every 30 seconds".
      healthCheck: {
        intervalSeconds: 30,
        timeoutSeconds: 5,
        healthyThreshold: 2,
        unhealthyThreshold: 3,
        matcher: '200',
      },
    },
    domain: null,
    cluster: { containerInsights: 'enabled', logRetentionInDays: production ? 365 : 30 },
    service: {
      containerPort: 8080,
      // "ECS Fargate (2 tasks): ~$30-50" a month: 0.5 vCPU and 1 GB per task.
      cpu: 512,
      memoryMiB: 1024,
      // "Min: 2 tasks, Max: 10 tasks".
      capacity: { min: 2, desired: 2, max: 10 },
      cpuTargetPercent: 70,
      memoryTargetPercent: 70,
      imageTag: 'v0.1.0',
      environment: { PORT: '8080' },
      parameters: ['APP_SECRET_KEY'],
      readonlyRootFilesystem: true,
      healthCheckPath: '/health',
      healthCheckGracePeriodSeconds: 60,
      containerHealthCheck: {
        probe: 'none',
        intervalSeconds: 30,
        timeoutSeconds: 5,
        retries: 3,
        startPeriodSeconds: 60,
      },
      scaleInCooldownSeconds: 300,
      scaleOutCooldownSeconds: 60,
    },
    staging: { listener: { port: 8443 }, capacity: { min: 1, desired: 1, max: 2 } },
    blueGreen: {
      deploymentConfig: 'CodeDeployDefault.ECSAllAtOnce',
      terminateOriginalAfterMinutes: 5,
      testListener: { port: 9443 },
      rollbackOnAlarms: true,
    },
    registry: {
      imageTagMutability: 'IMMUTABLE',
      scanOnPush: true,
      encryption: 'KMS',
      keepTaggedImages: { tagPatterns: ['*'], count: 30 },
      expireUntaggedAfterDays: 7,
      replication: production ? 'create' : 'existing',
    },
    source: { provider: 'codecommit', branch: 'main', repository: 'example-org/globalapp', requiredApprovals: 1 },
    pipeline: {
      approval: true,
      buildComputeType: 'BUILD_GENERAL1_SMALL',
      unitTestCommand: 'docker build --target test .',
      replicationWaitMinutes: 15,
      artifactExpireAfterDays: 30,
    },
    monitoring: {
      // "High CPU utilization (>80%)", "High memory utilization (>80%)".
      cpuAlarmPercent: 80,
      memoryAlarmPercent: 80,
      unhealthyTargetsThreshold: 0,
      http5xxErrorRatePercent: 1,
      periodSeconds: 60,
      evaluationPeriods: 3,
    },
  };
}
