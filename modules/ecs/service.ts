/**
 * One container on Fargate as a rolling-update ECS service: task definition, service, CPU target-tracking auto
 * scaling, its own log group, security group, task execution role and task role.
 *
 * - Network: tasks run in the given (private) subnets without public IPs. The security group has NO ingress (wire the
 *   load balancer with `allowTraffic(lbSecurityGroup, service.securityGroup, { port, description })`) and egress only
 *   on 443 to 0.0.0.0/0, which is what pulling from ECR, writing to CloudWatch Logs and reading Secrets Manager need
 *   (through a NAT gateway or VPC endpoints). Reaching a database or cache is another `allowTraffic`.
 * - IAM: the execution role (used by ECS to start the task) may pull from `repositoryArns`, write to this service's
 *   log group and read the secrets `container.secrets` references, nothing else. The task role (the application's
 *   identity) has no permissions unless `taskRolePolicyStatements` grants some (and the few ECS Exec needs, when
 *   enabled). Both trust only `ecs-tasks.amazonaws.com` acting for this account, in this region.
 * - Scaling: Application Auto Scaling owns the desired count (`lifecycle.ignore_changes = [desired_count]`), keeping
 *   average CPU near `cpuTargetPercent` (and memory near `memoryTargetPercent`, when set) between capacity.min and
 *   capacity.max. Target tracking alarms are AWS-managed
 *   (scale out after 3 minutes above target, scale in after 15 minutes below); the cooldowns then damp further steps:
 *   60 s before another scale-out (react fast to load), 300 s before another scale-in (avoid flapping).
 * - Deployments: rolling, up to maximumPercent (200) of the desired count running and never fewer than
 *   minimumHealthyPercent (100) healthy; the deployment circuit breaker stops a failing deployment and rolls back.
 *
 * Blue/green deployments and SSM parameters:
 *
 * | prop                                    | creates / changes                                                          |
 * | --------------------------------------- | -------------------------------------------------------------------------- |
 * | `deploymentController: 'CODE_DEPLOY'`   | `deployment_controller { type = "CODE_DEPLOY" }`, no circuit breaker (ECS  |
 * |                                         | rolling updates only); ignore_changes adds `task_definition`,              |
 * |                                         | `load_balancer` and `capacity_provider_strategy`, which each CodeDeploy    |
 * |                                         | deployment sets from its AppSpec. Needs a loadBalancer. Network and        |
 * |                                         | platform changes then go through a CodeDeploy deployment too.              |
 * | `container.parameterSecrets`            | `secrets` entries read from SSM Parameter Store (valueFrom = parameter     |
 * |                                         | ARN); the execution role gets `ssm:GetParameters` on exactly those ARNs    |
 * |                                         | (their KMS keys go in secretsKmsKeyArns)                                   |
 */
import { AppautoscalingPolicy } from '@cdktf/provider-aws/lib/appautoscaling-policy';
import { AppautoscalingTarget } from '@cdktf/provider-aws/lib/appautoscaling-target';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import {
  DataAwsIamPolicyDocument,
  type DataAwsIamPolicyDocumentStatement,
} from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { EcsService } from '@cdktf/provider-aws/lib/ecs-service';
import { EcsTaskDefinition } from '@cdktf/provider-aws/lib/ecs-task-definition';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Fn, type ITerraformDependable, TerraformLocal, Token } from 'cdktf';
import { Construct } from 'constructs';
import { checkInteger, checkKmsKeyArn, checkOptionalInteger, isLiteral } from '../core/checks';
import { SecurityGroup, type SecurityGroupRule } from '../core/security-group';
import { assertNoIssues, checkLogRetention, joinPath, type ValidationIssue } from '../core/validation';
import type { EcsCluster } from './cluster';
import {
  capacityProviderStrategyBlocks,
  checkCapacityProviderStrategy,
  checkEcsName,
  checkFargateTaskSize,
  checkLogGroupName,
  checkPort,
  DEFAULT_CAPACITY_PROVIDER_STRATEGY,
  type FargateCapacityProviderStrategyItem,
  truncate,
} from './fargate';

const DEFAULT_HEALTH_CHECK_INTERVAL_SECONDS = 30;

export interface FargateContainerHealthCheckProps {
  /**
   * The check, starting with CMD or CMD-SHELL, e.g. `['CMD-SHELL', 'curl -f http://localhost:3000/ || exit 1']`.
   * Required.
   */
  readonly command: readonly string[];
  /** Seconds between checks, 5 to 300. Default: 30. */
  readonly intervalSeconds?: number;
  /** Seconds a check may take before it counts as failed, 2 to 60. Default: 5. */
  readonly timeoutSeconds?: number;
  /** Consecutive failures before the container is unhealthy, 1 to 10. Default: 3. */
  readonly retries?: number;
  /** Seconds after start during which failures do not count, 0 to 300. Default: 0. */
  readonly startPeriodSeconds?: number;
}

export interface FargateContainerProps {
  /** Container name (also the load balancer's target container). Default: the service name. */
  readonly name?: string;
  /** Image reference, e.g. `${repository.repositoryUrl}:v1.2.3`; may be a token. Required. */
  readonly image: string;
  /** The port the container listens on (TCP). Required. */
  readonly port: number;
  /** Plain environment variables, name → value (no secrets here: they show in the task definition). Default: none. */
  readonly environment?: Readonly<Record<string, string>>;
  /**
   * Secrets injected as environment variables, name → Secrets Manager secret ARN, or `<secret ARN>:<json key>::` for
   * one key of a JSON secret. The execution role may read exactly these secrets. Default: none.
   */
  readonly secrets?: Readonly<Record<string, string>>;
  /**
   * Environment variables read from SSM Parameter Store at task start, name → parameter ARN (SecureString); the
   * execution role may read exactly these parameters (`ssm:GetParameters`; with their key in secretsKmsKeyArns).
   * Default: none.
   */
  readonly parameterSecrets?: Readonly<Record<string, string>>;
  /**
   * Mount the container's root filesystem read-only, so a compromised process cannot change the image's files; the
   * application writes only to `writablePaths`. Default: true, unless `enableExecuteCommand` (ECS Exec's agent writes
   * to the root filesystem).
   */
  readonly readonlyRootFilesystem?: boolean;
  /**
   * Directories the container may write to when its root is read-only: each gets its own task-storage volume
   * (Fargate ephemeral storage, emptied when the task stops). Default: ['/tmp'].
   */
  readonly writablePaths?: readonly string[];
  /** A container health check (Docker HEALTHCHECK). Default: none (the load balancer's health check only). */
  readonly healthCheck?: FargateContainerHealthCheckProps;
}

export interface FargateServiceCapacityProps {
  /** Fewest tasks auto scaling keeps, 0 or more. Default: 1. */
  readonly min?: number;
  /** Most tasks auto scaling starts, at least 1 and at least min. Default: 4. */
  readonly max?: number;
}

export interface FargateServiceDeploymentProps {
  /** Upper limit of running tasks during a deployment, % of the desired count, 100 to 400. Default: 200. */
  readonly maximumPercent?: number;
  /** Lower limit of healthy tasks during a deployment, % of the desired count, 0 to 100. Default: 100. */
  readonly minimumHealthyPercent?: number;
  /** Deployment circuit breaker: stop a deployment whose tasks keep failing and roll back. Default: true. */
  readonly circuitBreaker?: boolean;
}

export interface FargateServiceLoadBalancerProps {
  /** ARN of the (IP-type) target group the tasks register in. Required. */
  readonly targetGroupArn: string;
  /** Container port the target group sends traffic to; must be the container's port. Default: container.port. */
  readonly containerPort?: number;
}

export interface FargateServiceProps {
  /** The cluster the service runs in. Required. */
  readonly cluster: EcsCluster;
  /** Service name, also the task family and the prefix of the other names: 1 to 255 of [A-Za-z0-9_-]. Required. */
  readonly name: string;
  /** AWS account id (12 digits) of the stack: scopes the roles' trust policy. Required. */
  readonly accountId: string;
  /** AWS region of the stack, e.g. `us-east-1`: awslogs region and the trust policy's source ARN. Required. */
  readonly region: string;
  /** AWS partition for ARNs built here (`aws`, `aws-cn`, `aws-us-gov`). Default: `aws`. */
  readonly partition?: string;
  /** VPC of the service's security group. Required. */
  readonly vpcId: string;
  /** Subnets the tasks run in, normally the private ones (one per AZ). Required, at least one. */
  readonly subnetIds: readonly string[];
  /**
   * Give each task a public IP (only for tasks in public subnets without a NAT gateway; the weaker choice).
   * Default: false.
   */
  readonly assignPublicIp?: boolean;
  /** Task CPU units (256 = 0.25 vCPU): 256, 512, 1024, 2048, 4096, 8192 or 16384. Default: 256. */
  readonly cpu?: number;
  /** Task memory in MiB, one of the Fargate sizes for the CPU value (256 CPU: 512, 1024, 2048). Default: 512. */
  readonly memoryMiB?: number;
  /** CPU architecture the image is built for: `X86_64` or `ARM64` (Graviton, cheaper). Default: `X86_64`. */
  readonly cpuArchitecture?: 'X86_64' | 'ARM64';
  /** The service's one container. Required. */
  readonly container: FargateContainerProps;
  /** Log group of the container's stdout/stderr. Default: `/ecs/<name>`. */
  readonly logGroupName?: string;
  /** Days the log group keeps records; a CloudWatch Logs retention value. Default: 30. */
  readonly logRetentionInDays?: number;
  /**
   * KMS key ARN for the log group (its policy must allow CloudWatch Logs).
   * Default: none (CloudWatch Logs' own encryption at rest).
   */
  readonly logKmsKeyArn?: string;
  /** `awslogs-stream-prefix`: streams are named `<prefix>/<container>/<task id>`. Default: `ecs`. */
  readonly logStreamPrefix?: string;
  /** Tasks started when the service is created; auto scaling owns it afterwards. Default: capacity.min. */
  readonly desiredCount?: number;
  /** Auto scaling bounds. Default: 1 to 4 tasks. */
  readonly capacity?: FargateServiceCapacityProps;
  /** Average service CPU utilization (%) target tracking keeps, 1 to 100. Default: 70. */
  readonly cpuTargetPercent?: number;
  /**
   * Average service memory utilization (%) a second target-tracking policy keeps, 1 to 100; the service then scales
   * out when either CPU or memory is above its target, and in only when both are below. Default: none (CPU only).
   */
  readonly memoryTargetPercent?: number;
  /** Seconds after a scale-in before another scale-in; long, to avoid flapping. Default: 300. */
  readonly scaleInCooldownSeconds?: number;
  /** Seconds after a scale-out before another scale-out; short, to follow load quickly. Default: 60. */
  readonly scaleOutCooldownSeconds?: number;
  /** Rolling deployment limits and circuit breaker. Default: 200 % / 100 %, circuit breaker with rollback on. */
  readonly deployment?: FargateServiceDeploymentProps;
  /**
   * `ECS` (rolling, with the circuit breaker) or `CODE_DEPLOY` (blue/green: CodeDeploy owns the task definition,
   * the load balancer's target group and task sets; Terraform ignores those after creation). Needs loadBalancer.
   * Default: `ECS`.
   */
  readonly deploymentController?: 'ECS' | 'CODE_DEPLOY';
  /** Register the tasks in a load balancer target group. Default: none (no load balancer). */
  readonly loadBalancer?: FargateServiceLoadBalancerProps;
  /**
   * Seconds ECS ignores failing load balancer health checks of a new task; only with a loadBalancer.
   * Default: 60 with a loadBalancer, none without.
   */
  readonly healthCheckGracePeriodSeconds?: number;
  /** Capacity providers the service places tasks on. Default: `[{ capacityProvider: 'FARGATE', weight: 1 }]`. */
  readonly capacityProviderStrategy?: readonly FargateCapacityProviderStrategyItem[];
  /**
   * Allow `aws ecs execute-command` into running tasks (sessions logged to the cluster log group; grants the task role
   * the SSM channel and log permissions it needs). Default: false.
   */
  readonly enableExecuteCommand?: boolean;
  /** Replace the 443-only egress with all protocols and ports to 0.0.0.0/0 (the weaker choice). Default: false. */
  readonly allowAllEgress?: boolean;
  /** ECR repositories the execution role may pull from (e.g. `ContainerRepository.repositoryArn`). Default: none. */
  readonly repositoryArns?: readonly string[];
  /** Customer-managed KMS keys of the referenced secrets (kms:Decrypt for the execution role). Default: none. */
  readonly secretsKmsKeyArns?: readonly string[];
  /** The application's own permissions, as an inline policy on the task role. Default: none (no permissions). */
  readonly taskRolePolicyStatements?: readonly DataAwsIamPolicyDocumentStatement[];
  /**
   * Leave the service's task definition to CI (`aws ecs update-service` with a newly registered revision): adds
   * `task_definition` to ignore_changes so Terraform does not roll back CI deployments. Default: false.
   */
  readonly ignoreTaskDefinitionChanges?: boolean;
  /**
   * Leave a replaced task definition revision registered (`skip_destroy`): the revisions stay available to roll back
   * to, and whoever applies the stack needs no `ecs:DeregisterTaskDefinition`. Default: false (deregistered).
   */
  readonly retainTaskDefinitionRevisions?: boolean;
  /**
   * Resources the service must wait for, e.g. the listener that attaches the target group to its load balancer (ECS
   * rejects a target group that has no load balancer). Default: none.
   */
  readonly dependsOn?: readonly ITerraformDependable[];
  /** Tags on every resource of the module, beside the provider's default tags (propagated to tasks). Default: none. */
  readonly tags?: Readonly<Record<string, string>>;
}

export class FargateService extends Construct {
  readonly service: EcsService;
  readonly serviceName: string;
  readonly taskDefinition: EcsTaskDefinition;
  readonly taskDefinitionArn: string;
  /** Tasks' group: `allowTraffic(lb, service.securityGroup, …)`, `allowTraffic(service.securityGroup, db, …)`. */
  readonly securityGroup: SecurityGroup;
  readonly executionRole: IamRole;
  readonly taskRole: IamRole;
  /** The application's role ARN, e.g. for a bucket or key policy. */
  readonly taskRoleArn: string;
  readonly logGroup: CloudwatchLogGroup;
  readonly scalableTarget: AppautoscalingTarget;
  readonly scalingPolicy: AppautoscalingPolicy;
  /** Present when `memoryTargetPercent` is set. */
  readonly memoryScalingPolicy?: AppautoscalingPolicy;
  readonly containerName: string;
  readonly containerPort: number;

  constructor(scope: Construct, id: string, props: FargateServiceProps) {
    super(scope, id);
    const settings = resolveFargateServiceProps(props);
    assertNoIssues(`FargateService "${this.node.path}" props`, validateFargateServiceProps(props, settings));
    const { name, partition } = settings;
    // IAM role name prefixes allow 38 characters: 32 of the name, `-exec-`/`-task-`, then Terraform's unique suffix.
    const tags = props.tags ? { ...props.tags } : undefined;
    this.containerName = settings.containerName;
    this.containerPort = props.container.port;

    this.logGroup = new CloudwatchLogGroup(this, 'log-group', {
      name: settings.logGroupName,
      retentionInDays: settings.logRetentionInDays,
      kmsKeyId: props.logKmsKeyArn,
      tags,
    });

    const egress: Record<string, SecurityGroupRule> = settings.allowAllEgress
      ? {
          'all-to-anywhere': {
            description: `${name}: all egress (allowAllEgress)`,
            protocol: 'all',
            peer: { cidrIpv4: '0.0.0.0/0' },
          },
        }
      : {
          'https-to-anywhere': {
            description: `${name}: HTTPS to AWS APIs (ECR, CloudWatch Logs, Secrets Manager)`,
            port: 443,
            peer: { cidrIpv4: '0.0.0.0/0' },
          },
        };
    this.securityGroup = new SecurityGroup(this, 'security-group', {
      name: `${name}-service`,
      description: `ECS service ${name} tasks`,
      vpcId: props.vpcId,
      egress,
      tags,
    });

    // Both roles: only ECS tasks of this account and region may assume them (confused-deputy guard).
    const assumeRole = new DataAwsIamPolicyDocument(this, 'assume-role', {
      statement: [
        {
          effect: 'Allow',
          actions: ['sts:AssumeRole'],
          principals: [{ type: 'Service', identifiers: ['ecs-tasks.amazonaws.com'] }],
          condition: [
            { test: 'StringEquals', variable: 'aws:SourceAccount', values: [props.accountId] },
            {
              test: 'ArnLike',
              variable: 'aws:SourceArn',
              values: [`arn:${partition}:ecs:${props.region}:${props.accountId}:*`],
            },
          ],
        },
      ],
    });

    this.executionRole = new IamRole(this, 'execution-role', {
      namePrefix: `${truncate(name, 32)}-exec-`,
      description: `ECS task execution role of ${name}: pull images, write logs, read secrets`,
      assumeRolePolicy: assumeRole.json,
      tags,
    });
    const executionPermissions = new DataAwsIamPolicyDocument(this, 'execution-permissions', {
      statement: executionRoleStatements({
        repositoryArns: settings.repositoryArns,
        logGroupArn: this.logGroup.arn,
        secretArns: settings.secretArns,
        parameterArns: settings.parameterArns,
        secretsKmsKeyArns: settings.secretsKmsKeyArns,
      }),
    });
    const executionPolicy = new IamRolePolicy(this, 'execution-role-policy', {
      name: 'task-execution',
      role: this.executionRole.id,
      policy: executionPermissions.json,
    });

    this.taskRole = new IamRole(this, 'task-role', {
      namePrefix: `${truncate(name, 32)}-task-`,
      description: `ECS task role of ${name}: the application's permissions`,
      assumeRolePolicy: assumeRole.json,
      tags,
    });
    this.taskRoleArn = this.taskRole.arn;
    if (settings.taskRolePolicyStatements.length > 0) {
      const taskPermissions = new DataAwsIamPolicyDocument(this, 'task-permissions', {
        statement: [...settings.taskRolePolicyStatements],
      });
      new IamRolePolicy(this, 'task-role-policy', {
        name: 'application',
        role: this.taskRole.id,
        policy: taskPermissions.json,
      });
    }
    if (settings.enableExecuteCommand) {
      const execPermissions = new DataAwsIamPolicyDocument(this, 'execute-command-permissions', {
        statement: executeCommandStatements(props.cluster),
      });
      new IamRolePolicy(this, 'execute-command-policy', {
        name: 'ecs-exec',
        role: this.taskRole.id,
        policy: execPermissions.json,
      });
    }

    const containerDefinitions = new TerraformLocal(this, 'container-definitions', [
      escapeTemplates(
        containerDefinition({
          ...settings,
          container: props.container,
          region: props.region,
          logGroupName: this.logGroup.name,
        }),
      ),
    ]);
    this.taskDefinition = new EcsTaskDefinition(this, 'task-definition', {
      family: name,
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      cpu: String(settings.cpu),
      memory: String(settings.memoryMiB),
      runtimePlatform: { operatingSystemFamily: 'LINUX', cpuArchitecture: settings.cpuArchitecture },
      executionRoleArn: this.executionRole.arn,
      taskRoleArn: this.taskRole.arn,
      containerDefinitions: Fn.jsonencode(containerDefinitions.expression),
      // Task storage for the writable paths of a read-only container.
      volume: settings.writableVolumes.map((volume) => ({ name: volume.name })),
      skipDestroy: props.retainTaskDefinitionRevisions ? true : undefined,
      tags,
    });
    this.taskDefinitionArn = this.taskDefinition.arn;

    const loadBalancer = props.loadBalancer;
    const codeDeploy = settings.deploymentController === 'CODE_DEPLOY';
    this.service = new EcsService(this, 'service', {
      name,
      cluster: props.cluster.clusterArn,
      taskDefinition: this.taskDefinition.arn,
      desiredCount: settings.desiredCount,
      capacityProviderStrategy: capacityProviderStrategyBlocks(settings.capacityProviderStrategy),
      platformVersion: 'LATEST',
      schedulingStrategy: 'REPLICA',
      deploymentController: { type: settings.deploymentController },
      deploymentMaximumPercent: settings.maximumPercent,
      deploymentMinimumHealthyPercent: settings.minimumHealthyPercent,
      // AWS accepts the circuit breaker for rolling (ECS) deployments only.
      deploymentCircuitBreaker: codeDeploy
        ? undefined
        : { enable: settings.circuitBreaker, rollback: settings.circuitBreaker },
      networkConfiguration: {
        subnets: [...props.subnetIds],
        securityGroups: [this.securityGroup.securityGroupId],
        assignPublicIp: settings.assignPublicIp,
      },
      loadBalancer: loadBalancer
        ? [
            {
              targetGroupArn: loadBalancer.targetGroupArn,
              containerName: settings.containerName,
              containerPort: loadBalancer.containerPort ?? props.container.port,
            },
          ]
        : undefined,
      healthCheckGracePeriodSeconds: settings.healthCheckGracePeriodSeconds,
      enableExecuteCommand: settings.enableExecuteCommand,
      enableEcsManagedTags: true,
      propagateTags: 'SERVICE',
      waitForSteadyState: false,
      tags,
      lifecycle: { ignoreChanges: serviceIgnoredChanges(settings) },
      // Tasks need the capacity providers on the cluster and the execution role's permissions to start.
      dependsOn: [props.cluster.capacityProviders, executionPolicy, ...(props.dependsOn ?? [])],
    });
    this.serviceName = this.service.name;

    this.scalableTarget = new AppautoscalingTarget(this, 'scalable-target', {
      serviceNamespace: 'ecs',
      resourceId: `service/${props.cluster.clusterName}/${this.service.name}`,
      scalableDimension: 'ecs:service:DesiredCount',
      minCapacity: settings.min,
      maxCapacity: settings.max,
      tags,
    });
    const targetTracking = (resource: 'cpu' | 'memory', targetValue: number, predefinedMetricType: string) =>
      new AppautoscalingPolicy(this, `${resource}-scaling-policy`, {
        name: `${name}-${resource}-target-tracking`,
        policyType: 'TargetTrackingScaling',
        serviceNamespace: this.scalableTarget.serviceNamespace,
        resourceId: this.scalableTarget.resourceId,
        scalableDimension: this.scalableTarget.scalableDimension,
        targetTrackingScalingPolicyConfiguration: {
          targetValue,
          scaleInCooldown: settings.scaleInCooldownSeconds,
          scaleOutCooldown: settings.scaleOutCooldownSeconds,
          predefinedMetricSpecification: { predefinedMetricType },
        },
      });
    this.scalingPolicy = targetTracking('cpu', settings.cpuTargetPercent, 'ECSServiceAverageCPUUtilization');
    if (props.memoryTargetPercent !== undefined) {
      this.memoryScalingPolicy = targetTracking(
        'memory',
        props.memoryTargetPercent,
        'ECSServiceAverageMemoryUtilization',
      );
    }
  }
}

/** Props with every default filled in. */
export interface ResolvedFargateServiceProps {
  readonly name: string;
  readonly partition: string;
  readonly containerName: string;
  readonly assignPublicIp: boolean;
  readonly cpu: number;
  readonly memoryMiB: number;
  readonly cpuArchitecture: string;
  readonly environment: Readonly<Record<string, string>>;
  readonly secrets: Readonly<Record<string, string>>;
  /** The distinct secret ARNs (without `:<json key>::`) the container's secrets reference. */
  readonly secretArns: readonly string[];
  readonly parameterSecrets: Readonly<Record<string, string>>;
  /** The distinct SSM parameter ARNs the container's parameterSecrets reference. */
  readonly parameterArns: readonly string[];
  readonly readonlyRootFilesystem: boolean;
  /** Writable mounts of a read-only container: volume name → path. */
  readonly writableVolumes: ReadonlyArray<{ readonly name: string; readonly path: string }>;
  readonly logGroupName: string;
  readonly logRetentionInDays: number;
  readonly logStreamPrefix: string;
  readonly min: number;
  readonly max: number;
  readonly desiredCount: number;
  readonly cpuTargetPercent: number;
  readonly scaleInCooldownSeconds: number;
  readonly scaleOutCooldownSeconds: number;
  readonly maximumPercent: number;
  readonly minimumHealthyPercent: number;
  readonly circuitBreaker: boolean;
  readonly deploymentController: 'ECS' | 'CODE_DEPLOY';
  readonly healthCheckGracePeriodSeconds?: number;
  readonly capacityProviderStrategy: readonly FargateCapacityProviderStrategyItem[];
  readonly enableExecuteCommand: boolean;
  readonly allowAllEgress: boolean;
  readonly repositoryArns: readonly string[];
  readonly secretsKmsKeyArns: readonly string[];
  readonly taskRolePolicyStatements: readonly DataAwsIamPolicyDocumentStatement[];
  readonly ignoreTaskDefinitionChanges: boolean;
}

export function resolveFargateServiceProps(props: FargateServiceProps): ResolvedFargateServiceProps {
  const name = props.name;
  const min = props.capacity?.min ?? FARGATE_SERVICE_DEFAULT_CAPACITY.min;
  const secrets = props.container?.secrets ?? {};
  const parameterSecrets = props.container?.parameterSecrets ?? {};
  const readonlyRootFilesystem = props.container?.readonlyRootFilesystem ?? !(props.enableExecuteCommand ?? false);
  return {
    name,
    partition: props.partition ?? 'aws',
    containerName: props.container?.name ?? name,
    assignPublicIp: props.assignPublicIp ?? false,
    cpu: props.cpu ?? 256,
    memoryMiB: props.memoryMiB ?? 512,
    cpuArchitecture: props.cpuArchitecture ?? 'X86_64',
    environment: props.container?.environment ?? {},
    secrets,
    secretArns: [...new Set(Object.values(secrets).map(secretArnOf))],
    parameterSecrets,
    parameterArns: [...new Set(Object.values(parameterSecrets))],
    readonlyRootFilesystem,
    writableVolumes: readonlyRootFilesystem
      ? (props.container?.writablePaths ?? ['/tmp']).map((path, index) => ({ name: `writable-${index}`, path }))
      : [],
    logGroupName: props.logGroupName ?? `/ecs/${name}`,
    logRetentionInDays: props.logRetentionInDays ?? 30,
    logStreamPrefix: props.logStreamPrefix ?? 'ecs',
    min,
    max: props.capacity?.max ?? FARGATE_SERVICE_DEFAULT_CAPACITY.max,
    desiredCount: props.desiredCount ?? min,
    cpuTargetPercent: props.cpuTargetPercent ?? 70,
    scaleInCooldownSeconds: props.scaleInCooldownSeconds ?? 300,
    scaleOutCooldownSeconds: props.scaleOutCooldownSeconds ?? 60,
    maximumPercent: props.deployment?.maximumPercent ?? 200,
    minimumHealthyPercent: props.deployment?.minimumHealthyPercent ?? 100,
    deploymentController: props.deploymentController ?? 'ECS',
    circuitBreaker: props.deployment?.circuitBreaker ?? props.deploymentController !== 'CODE_DEPLOY',
    healthCheckGracePeriodSeconds: props.healthCheckGracePeriodSeconds ?? (props.loadBalancer ? 60 : undefined),
    capacityProviderStrategy: props.capacityProviderStrategy ?? DEFAULT_CAPACITY_PROVIDER_STRATEGY,
    enableExecuteCommand: props.enableExecuteCommand ?? false,
    allowAllEgress: props.allowAllEgress ?? false,
    repositoryArns: props.repositoryArns ?? [],
    secretsKmsKeyArns: props.secretsKmsKeyArns ?? [],
    taskRolePolicyStatements: props.taskRolePolicyStatements ?? [],
    ignoreTaskDefinitionChanges: props.ignoreTaskDefinitionChanges ?? false,
  };
}

/**
 * The secret a `valueFrom` reads: `arn:...:secret:name-AbCdEf:key::` → `arn:...:secret:name-AbCdEf`. A token (e.g.
 * `${secret.arn}:password::`) never contains a colon itself, so the part before the first colon is the secret's ARN.
 */
export function secretArnOf(valueFrom: string): string {
  if (valueFrom.startsWith('arn:')) return valueFrom.split(':').slice(0, 7).join(':');
  return valueFrom.split(':')[0] as string;
}

/**
 * What Terraform leaves alone on the service: the desired count (auto scaling owns it); the task definition when CI
 * registers revisions; under CodeDeploy, what each deployment sets from its AppSpec (task definition, target group,
 * and the capacity provider strategy, which CodeDeploy drops when the AppSpec names none).
 */
function serviceIgnoredChanges(settings: ResolvedFargateServiceProps): string[] {
  if (settings.deploymentController === 'CODE_DEPLOY') {
    return ['desired_count', 'task_definition', 'load_balancer', 'capacity_provider_strategy'];
  }
  return settings.ignoreTaskDefinitionChanges ? ['desired_count', 'task_definition'] : ['desired_count'];
}

interface ExecutionRoleInputs {
  readonly repositoryArns: readonly string[];
  readonly logGroupArn: string;
  readonly secretArns: readonly string[];
  readonly parameterArns: readonly string[];
  readonly secretsKmsKeyArns: readonly string[];
}

function executionRoleStatements(inputs: ExecutionRoleInputs): DataAwsIamPolicyDocumentStatement[] {
  const statements: DataAwsIamPolicyDocumentStatement[] = [];
  if (inputs.repositoryArns.length > 0) {
    // GetAuthorizationToken has no resource-level permissions: AWS requires `*`.
    statements.push(
      { sid: 'EcrAuthorizationToken', effect: 'Allow', actions: ['ecr:GetAuthorizationToken'], resources: ['*'] },
      {
        sid: 'EcrPullImages',
        effect: 'Allow',
        actions: ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
        resources: [...inputs.repositoryArns],
      },
    );
  }
  statements.push({
    sid: 'WriteContainerLogs',
    effect: 'Allow',
    actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
    resources: [`${inputs.logGroupArn}:*`],
  });
  if (inputs.secretArns.length > 0) {
    statements.push({
      sid: 'ReadContainerSecrets',
      effect: 'Allow',
      actions: ['secretsmanager:GetSecretValue'],
      resources: [...inputs.secretArns],
    });
  }
  if (inputs.parameterArns.length > 0) {
    statements.push({
      sid: 'ReadContainerParameters',
      effect: 'Allow',
      actions: ['ssm:GetParameters'],
      resources: [...inputs.parameterArns],
    });
  }
  if (inputs.secretsKmsKeyArns.length > 0) {
    statements.push({
      sid: 'DecryptContainerSecrets',
      effect: 'Allow',
      actions: ['kms:Decrypt'],
      resources: [...inputs.secretsKmsKeyArns],
    });
  }
  return statements;
}

/** What the task's SSM agent needs for ECS Exec, with session output going to the cluster's log group. */
function executeCommandStatements(cluster: EcsCluster): DataAwsIamPolicyDocumentStatement[] {
  const statements: DataAwsIamPolicyDocumentStatement[] = [
    {
      // The SSM message channels have no resource-level permissions: AWS requires `*`.
      sid: 'ExecSessionChannels',
      effect: 'Allow',
      actions: [
        'ssmmessages:CreateControlChannel',
        'ssmmessages:CreateDataChannel',
        'ssmmessages:OpenControlChannel',
        'ssmmessages:OpenDataChannel',
      ],
      resources: ['*'],
    },
    // The agent checks that the log group exists; DescribeLogGroups has no resource-level permissions.
    { sid: 'ExecFindLogGroup', effect: 'Allow', actions: ['logs:DescribeLogGroups'], resources: ['*'] },
    {
      sid: 'ExecWriteSessionLogs',
      effect: 'Allow',
      actions: ['logs:CreateLogStream', 'logs:DescribeLogStreams', 'logs:PutLogEvents'],
      resources: [`${cluster.logGroup.arn}:*`],
    },
  ];
  if (cluster.kmsKeyArn !== undefined) {
    statements.push({
      sid: 'ExecDecryptSession',
      effect: 'Allow',
      actions: ['kms:Decrypt'],
      resources: [cluster.kmsKeyArn],
    });
  }
  return statements;
}

/** The container definition as ECS reads it (before JSON encoding). */
function containerDefinition(
  settings: ResolvedFargateServiceProps & {
    readonly container: FargateContainerProps;
    readonly region: string;
    readonly logGroupName: string;
  },
): Record<string, unknown> {
  const sortedEntries = (record: Readonly<Record<string, string>>) =>
    Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const healthCheck = settings.container.healthCheck;
  return {
    name: settings.containerName,
    image: settings.container.image,
    essential: true,
    readonlyRootFilesystem: settings.readonlyRootFilesystem,
    ...(settings.writableVolumes.length > 0
      ? {
          mountPoints: settings.writableVolumes.map((volume) => ({
            sourceVolume: volume.name,
            containerPath: volume.path,
            readOnly: false,
          })),
        }
      : {}),
    portMappings: [{ containerPort: settings.container.port, protocol: 'tcp' }],
    environment: sortedEntries(settings.environment).map(([name, value]) => ({ name, value })),
    secrets: sortedEntries({ ...settings.secrets, ...settings.parameterSecrets }).map(([name, valueFrom]) => ({
      name,
      valueFrom,
    })),
    logConfiguration: {
      logDriver: 'awslogs',
      options: {
        'awslogs-group': settings.logGroupName,
        'awslogs-region': settings.region,
        'awslogs-stream-prefix': settings.logStreamPrefix,
      },
    },
    ...(healthCheck
      ? {
          healthCheck: {
            command: [...healthCheck.command],
            interval: healthCheck.intervalSeconds ?? DEFAULT_HEALTH_CHECK_INTERVAL_SECONDS,
            timeout: healthCheck.timeoutSeconds ?? 5,
            retries: healthCheck.retries ?? 3,
            startPeriod: healthCheck.startPeriodSeconds ?? 0,
          },
        }
      : {}),
  };
}

/**
 * Terraform reads `${` and `%{` in JSON string values as template syntax: escape them in literal strings (an
 * environment value or a shell health check may contain them). Strings holding tokens are references: left alone.
 */
function escapeTemplates(value: unknown): unknown {
  if (typeof value === 'string') {
    return Token.isUnresolved(value) ? value : value.replace(/([$%])\{/g, (_match, sign: string) => `${sign}${sign}{`);
  }
  if (Array.isArray(value)) return value.map(escapeTemplates);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, escapeTemplates(item)]));
  }
  return value;
}

const ACCOUNT_ID = /^\d{12}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;
const PARTITION = /^aws(-[a-z]+)*$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const SECRET_VALUE_FROM = /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[^:]+(:[^:]*:[^:]*:[^:]*)?$/;
const PARAMETER_ARN = /^arn:aws[a-z-]*:ssm:[a-z0-9-]+:\d{12}:parameter\/[A-Za-z0-9_.\-/]+$/;

/** Defaults of the auto scaling bounds. */
export const FARGATE_SERVICE_DEFAULT_CAPACITY = { min: 1, max: 4 } as const;

/**
 * Auto scaling bounds and the initial task count: min 0-1000, max 1-1000, min ≤ max, desired within min..max. Undefined
 * values take their defaults (desired: none); `paths` names each field in the caller's terms.
 */
export function checkFargateServiceCapacity(
  paths: { readonly min: string; readonly max: string; readonly desired: string },
  values: { readonly min?: number; readonly max?: number; readonly desired?: number },
): ValidationIssue[] {
  const min = values.min ?? FARGATE_SERVICE_DEFAULT_CAPACITY.min;
  const max = values.max ?? FARGATE_SERVICE_DEFAULT_CAPACITY.max;
  const issues = [
    ...checkOptionalInteger(paths.min, values.min, 0, 1000),
    ...checkOptionalInteger(paths.max, values.max, 1, 1000),
  ];
  if (issues.length === 0 && min > max) {
    issues.push({ path: paths.min, value: min, message: `must not be above capacity.max (${max})` });
  }
  if (values.desired !== undefined && issues.length === 0) {
    issues.push(
      ...checkInteger(paths.desired, values.desired, min, max).map((issue) => ({
        ...issue,
        message: `must be a whole number from capacity.min (${min}) to capacity.max (${max})`,
      })),
    );
  }
  return issues;
}

/** A container health check: CMD or CMD-SHELL, and ECS's ranges for its timing; `base` is its path. */
export function checkContainerHealthCheck(
  base: string,
  healthCheck: FargateContainerHealthCheckProps,
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const command = healthCheck.command;
  if (!Array.isArray(command) || command.length < 2 || !['CMD', 'CMD-SHELL'].includes(command[0] as string)) {
    issues.push({
      path: joinPath(base, 'command'),
      value: command,
      message:
        'must start with "CMD" or "CMD-SHELL" followed by the command, ' +
        'e.g. ["CMD-SHELL", "curl -f http://localhost/ || exit 1"]',
    });
  }
  issues.push(...checkOptionalInteger(joinPath(base, 'intervalSeconds'), healthCheck.intervalSeconds, 5, 300));
  issues.push(...checkOptionalInteger(joinPath(base, 'timeoutSeconds'), healthCheck.timeoutSeconds, 2, 60));
  issues.push(...checkOptionalInteger(joinPath(base, 'retries'), healthCheck.retries, 1, 10));
  issues.push(...checkOptionalInteger(joinPath(base, 'startPeriodSeconds'), healthCheck.startPeriodSeconds, 0, 300));
  return issues;
}

/** The interpreters {@link httpHealthCheckCommand} can probe with: one the image already has, so no curl is needed. */
export const HTTP_PROBE_RUNTIMES = ['node', 'python'] as const;
export type HttpProbeRuntime = (typeof HTTP_PROBE_RUNTIMES)[number];

/**
 * A container health check that GETs `http://localhost:<port><path>` with the image's own interpreter (Node.js 18+
 * `fetch`, Python's `urllib`), failing on a connection error or an HTTP status of 400 or more.
 */
export function httpHealthCheckCommand(runtime: HttpProbeRuntime, port: number, path: string): string[] {
  const url = `http://localhost:${port}${path}`;
  return runtime === 'node'
    ? ['CMD', 'node', '-e', `fetch('${url}').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))`]
    : ['CMD', 'python', '-c', `import urllib.request; urllib.request.urlopen('${url}')`];
}

/** Average CPU (%) target tracking keeps: a whole number from 1 to 100. */
export function checkCpuTargetPercent(path: string, percent: number | undefined): ValidationIssue[] {
  return checkOptionalInteger(path, percent, 1, 100);
}

/** Average memory (%) target tracking keeps: a whole number from 1 to 100. */
export function checkMemoryTargetPercent(path: string, percent: number | undefined): ValidationIssue[] {
  return checkOptionalInteger(path, percent, 1, 100);
}

/** A scale-in or scale-out cooldown: 0 to 86400 seconds. */
export function checkScalingCooldown(path: string, seconds: number | undefined): ValidationIssue[] {
  return checkOptionalInteger(path, seconds, 0, 86400);
}

/** Running tasks during a deployment, % of the desired count: 100 to 400. */
export function checkDeploymentMaximumPercent(path: string, percent: number | undefined): ValidationIssue[] {
  return checkOptionalInteger(path, percent, 100, 400);
}

/** Healthy tasks kept during a deployment, % of the desired count: 0 to 100. */
export function checkDeploymentMinimumHealthyPercent(path: string, percent: number | undefined): ValidationIssue[] {
  return checkOptionalInteger(path, percent, 0, 100);
}

/** A container environment variable or secret name: letters, digits and `_`, not starting with a digit. */
export function checkContainerVariableName(path: string, name: string): ValidationIssue[] {
  if (ENV_NAME.test(name)) return [];
  const message = 'must be an environment variable name: letters, digits and _, not starting with a digit';
  return [{ path, value: name, message }];
}

/**
 * A variable is plain (`container.environment`) or secret (`container.secrets`), not both; reported at `path` when
 * `name` is among both.
 */
export function checkNotPlainAndSecret(
  path: string,
  name: string,
  environment: Readonly<Record<string, string>>,
  secretNames: readonly string[] | Readonly<Record<string, string>>,
): ValidationIssue[] {
  const secrets: readonly string[] = Array.isArray(secretNames) ? secretNames : Object.keys(secretNames);
  if (!(name in environment) || !secrets.includes(name)) return [];
  return [{ path, value: name, message: 'is in both container.environment and container.secrets; use one of them' }];
}

/** `ECS` or `CODE_DEPLOY`; CodeDeploy needs a load balancer, whose target groups it shifts traffic between. */
export function checkDeploymentController(
  path: string,
  controller: string | undefined,
  hasLoadBalancer: boolean,
): ValidationIssue[] {
  if (controller === undefined || controller === 'ECS') return [];
  if (controller !== 'CODE_DEPLOY') return [{ path, value: controller, message: 'must be "ECS" or "CODE_DEPLOY"' }];
  if (hasLoadBalancer) return [];
  return [
    { path, value: controller, message: 'needs a loadBalancer: CodeDeploy shifts traffic between its target groups' },
  ];
}

/** A container secret from SSM Parameter Store: a literal must be a parameter ARN (the execution role is scoped to it). */
export function checkParameterSecretArn(path: string, arn: string): ValidationIssue[] {
  if (!isLiteral(arn) || PARAMETER_ARN.test(arn)) return [];
  const message = 'must be an SSM parameter ARN like arn:aws:ssm:<region>:<account>:parameter/<name>';
  return [{ path, value: arn, message }];
}

/** Every rule the constructor enforces, as a pure function so tests (and callers) can ask without building. */
export function validateFargateServiceProps(
  props: FargateServiceProps,
  settings: ResolvedFargateServiceProps = resolveFargateServiceProps(props),
): ValidationIssue[] {
  const issues: ValidationIssue[] = [...checkEcsName('name', props.name)];

  if (isLiteral(props.accountId) && !ACCOUNT_ID.test(props.accountId)) {
    issues.push({ path: 'accountId', value: props.accountId, message: 'must be a 12-digit AWS account id' });
  }
  if (isLiteral(props.region) && !REGION.test(props.region)) {
    issues.push({ path: 'region', value: props.region, message: 'must be an AWS region name like us-east-1' });
  }
  if (!PARTITION.test(settings.partition)) {
    issues.push({
      path: 'partition',
      value: settings.partition,
      message: 'must be an AWS partition: aws, aws-cn or aws-us-gov',
    });
  }
  if (!props.subnetIds || props.subnetIds.length === 0) {
    issues.push({ path: 'subnetIds', value: props.subnetIds, message: 'must list at least one subnet' });
  }

  issues.push(...checkFargateTaskSize('cpu', settings.cpu, 'memoryMiB', settings.memoryMiB));
  if (settings.cpuArchitecture !== 'X86_64' && settings.cpuArchitecture !== 'ARM64') {
    issues.push({ path: 'cpuArchitecture', value: settings.cpuArchitecture, message: 'must be "X86_64" or "ARM64"' });
  }

  issues.push(...checkContainer(props.container, settings));

  issues.push(...checkLogGroupName('logGroupName', settings.logGroupName));
  issues.push(...checkLogRetention('logRetentionInDays', settings.logRetentionInDays));
  issues.push(...checkKmsKeyArn('logKmsKeyArn', props.logKmsKeyArn));
  if (!/^[A-Za-z0-9._/-]{1,128}$/.test(settings.logStreamPrefix)) {
    issues.push({
      path: 'logStreamPrefix',
      value: settings.logStreamPrefix,
      message: 'must be 1 to 128 letters, digits and . _ - /',
    });
  }

  issues.push(
    ...checkFargateServiceCapacity(
      { min: 'capacity.min', max: 'capacity.max', desired: 'desiredCount' },
      { min: props.capacity?.min, max: props.capacity?.max, desired: props.desiredCount },
    ),
  );

  issues.push(...checkCpuTargetPercent('cpuTargetPercent', props.cpuTargetPercent));
  issues.push(...checkMemoryTargetPercent('memoryTargetPercent', props.memoryTargetPercent));
  issues.push(...checkScalingCooldown('scaleInCooldownSeconds', props.scaleInCooldownSeconds));
  issues.push(...checkScalingCooldown('scaleOutCooldownSeconds', props.scaleOutCooldownSeconds));
  issues.push(...checkDeploymentMaximumPercent('deployment.maximumPercent', props.deployment?.maximumPercent));
  issues.push(
    ...checkDeploymentMinimumHealthyPercent(
      'deployment.minimumHealthyPercent',
      props.deployment?.minimumHealthyPercent,
    ),
  );

  issues.push(
    ...checkDeploymentController('deploymentController', props.deploymentController, props.loadBalancer !== undefined),
  );
  if (props.deploymentController === 'CODE_DEPLOY' && props.deployment?.circuitBreaker === true) {
    const message = 'applies to rolling (ECS) deployments only; leave it out with deploymentController "CODE_DEPLOY"';
    issues.push({ path: 'deployment.circuitBreaker', value: true, message });
  }

  const loadBalancer = props.loadBalancer;
  if (loadBalancer) {
    if (
      isLiteral(loadBalancer.targetGroupArn) &&
      !/^arn:aws[a-z-]*:elasticloadbalancing:/.test(loadBalancer.targetGroupArn)
    ) {
      issues.push({
        path: 'loadBalancer.targetGroupArn',
        value: loadBalancer.targetGroupArn,
        message: 'must be a target group ARN (arn:aws:elasticloadbalancing:...:targetgroup/...)',
      });
    }
    if (loadBalancer.containerPort !== undefined) {
      const portIssues = checkPort('loadBalancer.containerPort', loadBalancer.containerPort);
      if (portIssues.length === 0 && loadBalancer.containerPort !== props.container?.port) {
        portIssues.push({
          path: 'loadBalancer.containerPort',
          value: loadBalancer.containerPort,
          message: `must be the container's port (${props.container?.port})`,
        });
      }
      issues.push(...portIssues);
    }
    issues.push(
      ...checkOptionalInteger('healthCheckGracePeriodSeconds', props.healthCheckGracePeriodSeconds, 0, 2147483647),
    );
  } else if (props.healthCheckGracePeriodSeconds !== undefined) {
    issues.push({
      path: 'healthCheckGracePeriodSeconds',
      value: props.healthCheckGracePeriodSeconds,
      message: 'only applies with a loadBalancer; leave it out',
    });
  }

  issues.push(...checkCapacityProviderStrategy('capacityProviderStrategy', settings.capacityProviderStrategy));
  settings.secretsKmsKeyArns.forEach((arn, index) =>
    issues.push(...checkKmsKeyArn(joinPath('secretsKmsKeyArns', index), arn)),
  );
  settings.repositoryArns.forEach((arn, index) => {
    if (isLiteral(arn) && !/^arn:aws[a-z-]*:ecr:[a-z0-9-]+:\d{12}:repository\/.+$/.test(arn)) {
      issues.push({
        path: joinPath('repositoryArns', index),
        value: arn,
        message: 'must be an ECR repository ARN like arn:aws:ecr:<region>:<account>:repository/<name>',
      });
    }
  });
  return issues;
}

function checkContainer(container: FargateContainerProps | undefined, settings: ResolvedFargateServiceProps) {
  if (!container) return [{ path: 'container', value: container, message: 'is required' }];
  const issues: ValidationIssue[] = [...checkEcsName('container.name', settings.containerName)];
  if (typeof container.image !== 'string' || container.image.length === 0) {
    issues.push({ path: 'container.image', value: container.image, message: 'is required (an image reference)' });
  }
  issues.push(...checkPort('container.port', container.port));
  for (const name of Object.keys(settings.environment)) {
    issues.push(...checkContainerVariableName(joinPath('container', 'environment', name), name));
  }
  for (const [name, valueFrom] of Object.entries(settings.secrets)) {
    const path = joinPath('container', 'secrets', name);
    issues.push(...checkContainerVariableName(path, name));
    issues.push(...checkNotPlainAndSecret(path, name, settings.environment, settings.secrets));
    if (isLiteral(valueFrom) && !SECRET_VALUE_FROM.test(valueFrom)) {
      issues.push({
        path,
        value: valueFrom,
        message:
          'must be a Secrets Manager secret ARN, optionally followed by :<json key>:<version stage>:<version id> ' +
          '(e.g. "<arn>:password::")',
      });
    }
  }
  for (const [name, arn] of Object.entries(settings.parameterSecrets)) {
    const path = joinPath('container', 'parameterSecrets', name);
    issues.push(...checkContainerVariableName(path, name));
    if (name in settings.environment || name in settings.secrets) {
      const other = name in settings.environment ? 'container.environment' : 'container.secrets';
      issues.push({ path, value: name, message: `is also in ${other}; a variable comes from one place` });
    }
    issues.push(...checkParameterSecretArn(path, arn));
  }
  if (container.healthCheck) issues.push(...checkContainerHealthCheck('container.healthCheck', container.healthCheck));
  // The SSM agent ECS Exec injects writes to the container's filesystem.
  if (settings.enableExecuteCommand && settings.readonlyRootFilesystem) {
    issues.push({
      path: 'container.readonlyRootFilesystem',
      value: true,
      message: 'must be false when enableExecuteCommand is true (ECS Exec needs a writable root filesystem)',
    });
  }
  return issues;
}
