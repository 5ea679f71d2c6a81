/**
 * The ECS module: the service's security-group rules (cdktf matchers); the cluster (Container Insights, ECS Exec
 * logging, capacity providers) and the Fargate service (task size, container definition, network and which group the
 * rules are on, IAM trust and permissions, deployment settings, load balancer wiring, auto scaling), for the defaults
 * and for configured values; props validation at construction (Template). Each scenario is synthesized once.
 */
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter';
import { SecurityGroup as AwsSecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Testing, type TerraformStack } from 'cdktf';
import { ContainerRepository } from '../../modules/container-registry';
import { allowTraffic, SecurityGroup } from '../../modules/core/security-group';
import {
  EcsCluster,
  type EcsClusterProps,
  FargateService,
  type FargateServiceProps,
  secretArnOf,
} from '../../modules/ecs';
import { blueprintsPack, checkStack, failingFindings } from '../../src/guardrails';
import { StackView, type JsonObject } from '../../src/guardrails/stack-view';
import { ruleWiring } from '../helpers/security-groups';
import { resolved, Template, testStack } from '../helpers/template';
import {
  expectSingleIssue,
  issuePathsAndValues,
  rejectsEachCase,
  thrownBy,
  type ExpectedIssue,
} from '../helpers/validation';

const ACCOUNT = '123456789012';
const REGION = 'us-east-1';
const TARGET_GROUP_ARN = `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:targetgroup/api/0123456789abcdef`;
const DB_SECRET = `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:portfolio-dev/db-AbCdEf`;
const API_KEY_SECRET = `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:portfolio-dev/api-key-GhIjKl`;
const KMS_KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

type Block = Record<string, unknown>;

interface Scenario {
  readonly stack: TerraformStack;
  readonly cluster: EcsCluster;
  readonly service: FargateService;
  readonly t: Template;
}

/**
 * Builds, in a fresh stack, an `EcsCluster` with construct id `ecs` and a `FargateService` with id `api` (plus what
 * `after` adds), and synthesizes once. A path may name the construct that wraps a resource: the service's group
 * `api/security-group/group` is also `api/security-group`.
 */
function scenario(
  clusterProps: EcsClusterProps,
  serviceProps: (stack: TerraformStack, cluster: EcsCluster) => FargateServiceProps,
  after?: (stack: TerraformStack, service: FargateService) => void,
): () => Scenario {
  let built: Scenario | undefined;
  beforeAll(() => {
    const stack = testStack();
    const cluster = new EcsCluster(stack, 'ecs', clusterProps);
    const service = new FargateService(stack, 'api', serviceProps(stack, cluster));
    after?.(stack, service);
    built = { stack, cluster, service, t: Template.fromStack(stack) };
  });
  return () => {
    if (!built) throw new Error('scenario not built');
    return built;
  };
}

/** The container definitions of service `id`: the Terraform local the task definition JSON-encodes. */
function containerDefinitions(t: Template, id: string): Block[] {
  const locals = (t.json.locals ?? {}) as Record<string, Block[]>;
  const names = Object.keys(locals).filter((name) =>
    new RegExp(`^${id}_container-definitions_[0-9A-F]{8}$`).test(name),
  );
  if (names.length !== 1) throw new Error(`expected one container-definitions local for ${id}, found ${names}`);
  const name = names[0] as string;
  expect(t.resource('aws_ecs_task_definition', `${id}/task-definition`).container_definitions).toBe(
    `\${jsonencode(local.${name})}`,
  );
  return locals[name] as Block[];
}

function statements(t: Template, path: string): Block[] {
  return t.dataSource('aws_iam_policy_document', path).statement as Block[];
}

/** The trust policy both roles of service `api` share. */
const trustStatement = (region = REGION) => ({
  effect: 'Allow',
  actions: ['sts:AssumeRole'],
  principals: [{ type: 'Service', identifiers: ['ecs-tasks.amazonaws.com'] }],
  condition: [
    { test: 'StringEquals', variable: 'aws:SourceAccount', values: [ACCOUNT] },
    { test: 'ArnLike', variable: 'aws:SourceArn', values: [`arn:aws:ecs:${region}:${ACCOUNT}:*`] },
  ],
});

const BASE_SERVICE = (cluster: EcsCluster): FargateServiceProps => ({
  cluster,
  name: 'portfolio-dev-api',
  accountId: ACCOUNT,
  region: REGION,
  vpcId: 'vpc-0123456789abcdef0',
  subnetIds: ['subnet-aaaa', 'subnet-bbbb'],
  container: { image: 'public.ecr.aws/docker/library/nginx:1.27', port: 8000 },
});

describe('FargateService security group (cdktf matchers)', () => {
  describe('with the defaults, reached by a load balancer group', () => {
    const synthesized = Testing.synthScope((scope) => {
      const service = new FargateService(scope, 'api', BASE_SERVICE(new EcsCluster(scope, 'ecs', {})));
      const lb = new SecurityGroup(scope, 'lb', { name: 'lb', description: 'lb', vpcId: 'vpc-0123456789abcdef0' });
      allowTraffic(lb, service.securityGroup, { port: 8000, description: 'API from the load balancer' });
    });

    it('is the group <name>-service in the VPC', () => {
      expect(synthesized).toHaveResourceWithProperties(AwsSecurityGroup, {
        name: 'portfolio-dev-api-service',
        vpc_id: 'vpc-0123456789abcdef0',
      });
    });

    it('sends TCP 443 to 0.0.0.0/0, for the AWS APIs', () => {
      expect(synthesized).toHaveResourceWithProperties(VpcSecurityGroupEgressRule, {
        description: 'portfolio-dev-api: HTTPS to AWS APIs (ECR, CloudWatch Logs, Secrets Manager)',
        ip_protocol: 'tcp',
        from_port: 443,
        to_port: 443,
        cidr_ipv4: '0.0.0.0/0',
      });
    });

    it('sends no other protocol anywhere', () => {
      expect(synthesized).not.toHaveResourceWithProperties(VpcSecurityGroupEgressRule, { ip_protocol: '-1' });
    });

    it('admits the container port 8000 that allowTraffic opens, and nothing from a CIDR', () => {
      expect(synthesized).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, {
        description: 'API from the load balancer',
        ip_protocol: 'tcp',
        from_port: 8000,
        to_port: 8000,
      });
      expect(synthesized).not.toHaveResourceWithProperties(VpcSecurityGroupIngressRule, {
        cidr_ipv4: expect.anything(),
      });
    });
  });

  describe('with allowAllEgress', () => {
    const synthesized = Testing.synthScope((scope) => {
      const cluster = new EcsCluster(scope, 'ecs', {});
      new FargateService(scope, 'api', { ...BASE_SERVICE(cluster), name: 'worker', allowAllEgress: true });
    });

    it('sends every protocol to 0.0.0.0/0 instead of only 443', () => {
      expect(synthesized).toHaveResourceWithProperties(VpcSecurityGroupEgressRule, {
        description: 'worker: all egress (allowAllEgress)',
        ip_protocol: '-1',
        cidr_ipv4: '0.0.0.0/0',
      });
      expect(synthesized).not.toHaveResourceWithProperties(VpcSecurityGroupEgressRule, { from_port: 443 });
    });
  });
});

describe('EcsCluster and FargateService with default numbers, a repository, secrets and a target group', () => {
  let repository: ContainerRepository;
  let lb: SecurityGroup;
  const s = scenario(
    { name: 'portfolio-dev' },
    (stack, cluster) => {
      repository = new ContainerRepository(stack, 'repo', { name: 'portfolio-dev/api' });
      return {
        ...BASE_SERVICE(cluster),
        container: {
          image: `${repository.repositoryUrl}:v1.0.0`,
          port: 8000,
          environment: { LOG_LEVEL: 'info', APP_ENV: 'dev', CACHE_URL: 'redis://cache:6379' },
          secrets: {
            DB_USER: `${DB_SECRET}:username::`,
            DB_PASSWORD: `${DB_SECRET}:password::`,
            API_KEY: API_KEY_SECRET,
          },
        },
        repositoryArns: [repository.repositoryArn],
        loadBalancer: { targetGroupArn: TARGET_GROUP_ARN },
      };
    },
    (stack, service) => {
      lb = new SecurityGroup(stack, 'lb', {
        name: 'portfolio-dev-lb',
        description: 'lb',
        vpcId: 'vpc-0123456789abcdef0',
      });
      allowTraffic(lb, service.securityGroup, { port: 8000, description: 'API from the load balancer' });
    },
  );

  describe('cluster', () => {
    it('creates one cluster named portfolio-dev with Container Insights enabled', () => {
      const { t } = s();
      expect(t.count('aws_ecs_cluster')).toBe(1);
      expect(t.resource('aws_ecs_cluster', 'ecs/cluster')).toMatchObject({
        name: 'portfolio-dev',
        setting: [{ name: 'containerInsights', value: 'enabled' }],
      });
    });

    it('logs ECS Exec sessions (OVERRIDE) to the cluster log group, without KMS', () => {
      const { t } = s();
      expect(t.resource('aws_ecs_cluster', 'ecs/cluster').configuration).toEqual({
        execute_command_configuration: {
          logging: 'OVERRIDE',
          log_configuration: {
            cloud_watch_log_group_name: t.ref('aws_cloudwatch_log_group', 'ecs/log-group', 'name'),
            cloud_watch_encryption_enabled: false,
          },
        },
      });
    });

    it('creates the cluster log group /ecs/portfolio-dev/cluster kept 30 days', () => {
      expect(s().t.resource('aws_cloudwatch_log_group', 'ecs/log-group')).toEqual({
        name: '/ecs/portfolio-dev/cluster',
        retention_in_days: 30,
      });
    });

    it('makes FARGATE and FARGATE_SPOT available, FARGATE weight 1 by default', () => {
      const { t } = s();
      expect(t.count('aws_ecs_cluster_capacity_providers')).toBe(1);
      expect(t.resource('aws_ecs_cluster_capacity_providers', 'ecs/capacity-providers')).toEqual({
        cluster_name: t.ref('aws_ecs_cluster', 'ecs/cluster', 'name'),
        capacity_providers: ['FARGATE', 'FARGATE_SPOT'],
        default_capacity_provider_strategy: [{ capacity_provider: 'FARGATE', weight: 1, base: 0 }],
      });
    });

    it('exposes the cluster name, ARN and log group', () => {
      const { cluster, stack, t } = s();
      expect(resolved(stack, cluster.clusterName)).toBe(t.ref('aws_ecs_cluster', 'ecs/cluster', 'name'));
      expect(resolved(stack, cluster.clusterArn)).toBe(t.ref('aws_ecs_cluster', 'ecs/cluster', 'arn'));
      expect(resolved(stack, cluster.logGroup.name)).toBe(t.ref('aws_cloudwatch_log_group', 'ecs/log-group', 'name'));
      expect(cluster.kmsKeyArn).toBeUndefined();
    });
  });

  describe('task definition', () => {
    it('is a FARGATE/awsvpc task, family portfolio-dev-api, 256 CPU / 512 MiB, Linux x86_64, both roles', () => {
      const { t } = s();
      expect(t.count('aws_ecs_task_definition')).toBe(1);
      const taskDefinition = t.resource('aws_ecs_task_definition', 'api/task-definition');
      expect({ ...taskDefinition, container_definitions: undefined }).toEqual({
        family: 'portfolio-dev-api',
        requires_compatibilities: ['FARGATE'],
        network_mode: 'awsvpc',
        cpu: '256',
        memory: '512',
        runtime_platform: { operating_system_family: 'LINUX', cpu_architecture: 'X86_64' },
        execution_role_arn: t.ref('aws_iam_role', 'api/execution-role', 'arn'),
        task_role_arn: t.ref('aws_iam_role', 'api/task-role', 'arn'),
        // Task storage for /tmp, the one writable path of the read-only container.
        volume: [{ name: 'writable-0' }],
        container_definitions: undefined,
      });
    });

    it('defines one essential, read-only container: image, TCP 8000, /tmp writable, sorted environment and secrets, awslogs', () => {
      const { t } = s();
      expect(containerDefinitions(t, 'api')).toEqual([
        {
          name: 'portfolio-dev-api',
          image: `${t.ref('aws_ecr_repository', 'repo/repository', 'repository_url')}:v1.0.0`,
          essential: true,
          readonlyRootFilesystem: true,
          mountPoints: [{ sourceVolume: 'writable-0', containerPath: '/tmp', readOnly: false }],
          portMappings: [{ containerPort: 8000, protocol: 'tcp' }],
          environment: [
            { name: 'APP_ENV', value: 'dev' },
            { name: 'CACHE_URL', value: 'redis://cache:6379' },
            { name: 'LOG_LEVEL', value: 'info' },
          ],
          secrets: [
            { name: 'API_KEY', valueFrom: API_KEY_SECRET },
            { name: 'DB_PASSWORD', valueFrom: `${DB_SECRET}:password::` },
            { name: 'DB_USER', valueFrom: `${DB_SECRET}:username::` },
          ],
          logConfiguration: {
            logDriver: 'awslogs',
            options: {
              'awslogs-group': t.ref('aws_cloudwatch_log_group', 'api/log-group', 'name'),
              'awslogs-region': 'us-east-1',
              'awslogs-stream-prefix': 'ecs',
            },
          },
        },
      ]);
    });

    it('sends container logs to /ecs/portfolio-dev-api, kept 30 days', () => {
      const { t } = s();
      expect(t.count('aws_cloudwatch_log_group')).toBe(2);
      expect(t.resource('aws_cloudwatch_log_group', 'api/log-group')).toEqual({
        name: '/ecs/portfolio-dev-api',
        retention_in_days: 30,
      });
    });
  });

  describe('service', () => {
    it('runs 1 task in the cluster, rolling 200 % / 100 %, circuit breaker with rollback, behind the TG', () => {
      const { t } = s();
      expect(t.count('aws_ecs_service')).toBe(1);
      expect(t.resource('aws_ecs_service', 'api/service')).toEqual({
        name: 'portfolio-dev-api',
        cluster: t.ref('aws_ecs_cluster', 'ecs/cluster', 'arn'),
        task_definition: t.ref('aws_ecs_task_definition', 'api/task-definition', 'arn'),
        desired_count: 1,
        capacity_provider_strategy: [{ capacity_provider: 'FARGATE', weight: 1, base: 0 }],
        platform_version: 'LATEST',
        scheduling_strategy: 'REPLICA',
        deployment_controller: { type: 'ECS' },
        deployment_maximum_percent: 200,
        deployment_minimum_healthy_percent: 100,
        deployment_circuit_breaker: { enable: true, rollback: true },
        network_configuration: {
          subnets: ['subnet-aaaa', 'subnet-bbbb'],
          security_groups: [t.ref('aws_security_group', 'api/security-group')],
          assign_public_ip: false,
        },
        load_balancer: [
          { target_group_arn: TARGET_GROUP_ARN, container_name: 'portfolio-dev-api', container_port: 8000 },
        ],
        health_check_grace_period_seconds: 60,
        enable_execute_command: false,
        enable_ecs_managed_tags: true,
        propagate_tags: 'SERVICE',
        wait_for_steady_state: false,
        lifecycle: { ignore_changes: ['desired_count'] },
        depends_on: [
          t.address('aws_ecs_cluster_capacity_providers', 'ecs/capacity-providers'),
          t.address('aws_iam_role_policy', 'api/execution-role-policy'),
        ],
      });
    });

    it('exposes the service, its name, the container name and port', () => {
      const { service, stack, t } = s();
      expect(resolved(stack, service.serviceName)).toBe(t.ref('aws_ecs_service', 'api/service', 'name'));
      expect(resolved(stack, service.taskDefinitionArn)).toBe(
        t.ref('aws_ecs_task_definition', 'api/task-definition', 'arn'),
      );
      expect(resolved(stack, service.taskRoleArn)).toBe(t.ref('aws_iam_role', 'api/task-role', 'arn'));
      expect(service.containerName).toBe('portfolio-dev-api');
      expect(service.containerPort).toBe(8000);
    });
  });

  describe('security group', () => {
    it('has one egress rule of its own (HTTPS out), on the service group', () => {
      expect(ruleWiring(s().t, 'egress')).toEqual({
        'api/security-group/egress-https-to-anywhere': { group: 'api/security-group/group' },
        'lb/egress-to-portfolio-dev-api-service-8000': { group: 'lb/group', peerGroup: 'api/security-group/group' },
      });
    });

    it('has no ingress of its own: only what allowTraffic adds, from the load balancer group', () => {
      expect(ruleWiring(s().t, 'ingress')).toEqual({
        'api/security-group/ingress-from-portfolio-dev-lb-8000': {
          group: 'api/security-group/group',
          peerGroup: 'lb/group',
        },
      });
      expect(lb.name).toBe('portfolio-dev-lb');
    });
  });

  describe('IAM', () => {
    it('lets only ECS tasks of this account and region assume either role', () => {
      const { t } = s();
      expect(statements(t, 'api/assume-role')).toEqual([trustStatement()]);
      const trust = t.dataRef('aws_iam_policy_document', 'api/assume-role');
      expect(t.resource('aws_iam_role', 'api/execution-role')).toMatchObject({
        name_prefix: 'portfolio-dev-api-exec-',
        assume_role_policy: trust,
      });
      expect(t.resource('aws_iam_role', 'api/task-role')).toMatchObject({
        name_prefix: 'portfolio-dev-api-task-',
        assume_role_policy: trust,
      });
      expect(t.count('aws_iam_role')).toBe(2);
    });

    it('lets the execution role get an ECR token, pull from the repository, write its logs and read 2 secrets', () => {
      const { t } = s();
      expect(t.resource('aws_iam_role_policy', 'api/execution-role-policy')).toEqual({
        name: 'task-execution',
        role: t.ref('aws_iam_role', 'api/execution-role'),
        policy: t.dataRef('aws_iam_policy_document', 'api/execution-permissions'),
      });
      expect(statements(t, 'api/execution-permissions')).toEqual([
        { sid: 'EcrAuthorizationToken', effect: 'Allow', actions: ['ecr:GetAuthorizationToken'], resources: ['*'] },
        {
          sid: 'EcrPullImages',
          effect: 'Allow',
          actions: ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
          resources: [t.ref('aws_ecr_repository', 'repo/repository', 'arn')],
        },
        {
          sid: 'WriteContainerLogs',
          effect: 'Allow',
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          resources: [`${t.ref('aws_cloudwatch_log_group', 'api/log-group', 'arn')}:*`],
        },
        {
          sid: 'ReadContainerSecrets',
          effect: 'Allow',
          actions: ['secretsmanager:GetSecretValue'],
          // DB_USER and DB_PASSWORD are two keys of one secret: one resource, without the `:key::` suffix.
          resources: [DB_SECRET, API_KEY_SECRET],
        },
      ]);
    });

    it('gives the task role no permissions (one role policy in the stack: the execution role one)', () => {
      const { t } = s();
      expect(t.count('aws_iam_role_policy')).toBe(1);
      expect(Object.keys(t.dataSources('aws_iam_policy_document'))).toHaveLength(2);
    });
  });

  describe('auto scaling', () => {
    it('registers service/<cluster>/<service> DesiredCount as a scalable target from 1 to 4', () => {
      const { t } = s();
      expect(t.count('aws_appautoscaling_target')).toBe(1);
      const clusterName = t.ref('aws_ecs_cluster', 'ecs/cluster', 'name');
      const serviceName = t.ref('aws_ecs_service', 'api/service', 'name');
      expect(t.resource('aws_appautoscaling_target', 'api/scalable-target')).toEqual({
        service_namespace: 'ecs',
        resource_id: `service/${clusterName}/${serviceName}`,
        scalable_dimension: 'ecs:service:DesiredCount',
        min_capacity: 1,
        max_capacity: 4,
      });
    });

    it('tracks 70 % average CPU, 300 s scale-in and 60 s scale-out cooldowns', () => {
      const { t } = s();
      expect(t.count('aws_appautoscaling_policy')).toBe(1);
      const target = (attribute: string) => t.ref('aws_appautoscaling_target', 'api/scalable-target', attribute);
      expect(t.resource('aws_appautoscaling_policy', 'api/cpu-scaling-policy')).toEqual({
        name: 'portfolio-dev-api-cpu-target-tracking',
        policy_type: 'TargetTrackingScaling',
        service_namespace: target('service_namespace'),
        resource_id: target('resource_id'),
        scalable_dimension: target('scalable_dimension'),
        target_tracking_scaling_policy_configuration: {
          target_value: 70,
          scale_in_cooldown: 300,
          scale_out_cooldown: 60,
          predefined_metric_specification: { predefined_metric_type: 'ECSServiceAverageCPUUtilization' },
        },
      });
    });
  });
});

describe('FargateService with only the required props (no load balancer, repository or secrets)', () => {
  const s = scenario({}, (_stack, cluster) => BASE_SERVICE(cluster));

  it('names the cluster after its construct id', () => {
    const { t } = s();
    expect(t.resource('aws_ecs_cluster', 'ecs/cluster').name).toBe('ecs');
    expect(t.resource('aws_cloudwatch_log_group', 'ecs/log-group').name).toBe('/ecs/ecs/cluster');
  });

  it('attaches no load balancer and sets no health check grace period', () => {
    const service = s().t.resource('aws_ecs_service', 'api/service');
    expect(service).not.toHaveProperty('load_balancer');
    expect(service).not.toHaveProperty('health_check_grace_period_seconds');
    expect(service.desired_count).toBe(1);
  });

  it('grants the execution role only its log writes: no ECR and no secrets statement', () => {
    const { t } = s();
    expect(statements(t, 'api/execution-permissions')).toEqual([
      {
        sid: 'WriteContainerLogs',
        effect: 'Allow',
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [`${t.ref('aws_cloudwatch_log_group', 'api/log-group', 'arn')}:*`],
      },
    ]);
  });

  it('defines the container with empty environment and secrets lists and no health check', () => {
    const [container] = containerDefinitions(s().t, 'api');
    expect(container).toMatchObject({
      name: 'portfolio-dev-api',
      image: 'public.ecr.aws/docker/library/nginx:1.27',
      environment: [],
      secrets: [],
    });
    expect(container).not.toHaveProperty('healthCheck');
  });

  it('creates exactly the service parts: 2 log groups, 1 security group with 1 egress rule, 2 roles, 1 policy', () => {
    const { t } = s();
    expect(t.count('aws_cloudwatch_log_group')).toBe(2);
    expect(t.count('aws_security_group')).toBe(1);
    expect(t.count('aws_vpc_security_group_egress_rule')).toBe(1);
    expect(t.count('aws_vpc_security_group_ingress_rule')).toBe(0);
    expect(t.count('aws_iam_role')).toBe(2);
    expect(t.count('aws_iam_role_policy')).toBe(1);
  });
});

describe('EcsCluster and FargateService with every option configured', () => {
  let secret: SecretsmanagerSecret;
  const s = scenario(
    {
      name: 'shared',
      containerInsights: 'enhanced',
      logGroupName: '/platform/ecs/shared-exec',
      logRetentionInDays: 90,
      kmsKeyArn: KMS_KEY,
      defaultCapacityProviderStrategy: [
        { capacityProvider: 'FARGATE', base: 1, weight: 1 },
        { capacityProvider: 'FARGATE_SPOT', weight: 4 },
      ],
      tags: { team: 'platform' },
    },
    (stack, cluster) => {
      secret = new SecretsmanagerSecret(stack, 'secret', { name: 'db' });
      return {
        ...BASE_SERVICE(cluster),
        name: 'worker',
        partition: 'aws-us-gov',
        region: 'us-gov-west-1',
        assignPublicIp: true,
        cpu: 1024,
        memoryMiB: 3072,
        cpuArchitecture: 'ARM64',
        container: {
          name: 'app',
          image: 'public.ecr.aws/docker/library/nginx:1.27',
          port: 8080,
          environment: { TEMPLATE: 'Hello ${user} %{if admin}!' },
          secrets: { DB_PASSWORD: `${secret.arn}:password::` },
          healthCheck: {
            command: ['CMD-SHELL', 'curl -f http://localhost:8080/health || exit 1'],
            intervalSeconds: 15,
            timeoutSeconds: 3,
            retries: 5,
            startPeriodSeconds: 60,
          },
        },
        logGroupName: '/apps/worker',
        logRetentionInDays: 365,
        logKmsKeyArn: KMS_KEY,
        logStreamPrefix: 'worker',
        desiredCount: 3,
        capacity: { min: 2, max: 10 },
        cpuTargetPercent: 60,
        memoryTargetPercent: 75,
        scaleInCooldownSeconds: 600,
        scaleOutCooldownSeconds: 30,
        deployment: { maximumPercent: 150, minimumHealthyPercent: 50, circuitBreaker: false },
        loadBalancer: { targetGroupArn: TARGET_GROUP_ARN, containerPort: 8080 },
        healthCheckGracePeriodSeconds: 120,
        capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }],
        enableExecuteCommand: true,
        allowAllEgress: true,
        secretsKmsKeyArns: [KMS_KEY],
        taskRolePolicyStatements: [
          { effect: 'Allow', actions: ['s3:GetObject'], resources: ['arn:aws-us-gov:s3:::worker-inputs/*'] },
        ],
        ignoreTaskDefinitionChanges: true,
        retainTaskDefinitionRevisions: true,
        dependsOn: [secret],
        tags: { team: 'worker' },
      };
    },
  );

  describe('cluster', () => {
    it('sets Container Insights to enhanced and tags the cluster', () => {
      expect(s().t.resource('aws_ecs_cluster', 'ecs/cluster')).toMatchObject({
        name: 'shared',
        setting: [{ name: 'containerInsights', value: 'enhanced' }],
        tags: { team: 'platform' },
      });
    });

    it('encrypts ECS Exec sessions and their CloudWatch logs with the KMS key', () => {
      const { t } = s();
      expect(t.resource('aws_ecs_cluster', 'ecs/cluster').configuration).toEqual({
        execute_command_configuration: {
          kms_key_id: KMS_KEY,
          logging: 'OVERRIDE',
          log_configuration: {
            cloud_watch_log_group_name: t.ref('aws_cloudwatch_log_group', 'ecs/log-group', 'name'),
            cloud_watch_encryption_enabled: true,
          },
        },
      });
      expect(t.resource('aws_cloudwatch_log_group', 'ecs/log-group')).toEqual({
        name: '/platform/ecs/shared-exec',
        retention_in_days: 90,
        kms_key_id: KMS_KEY,
        tags: { team: 'platform' },
      });
    });

    it('uses the configured default strategy: FARGATE base 1, FARGATE_SPOT weight 4', () => {
      expect(
        s().t.resource('aws_ecs_cluster_capacity_providers', 'ecs/capacity-providers')
          .default_capacity_provider_strategy,
      ).toEqual([
        { capacity_provider: 'FARGATE', base: 1, weight: 1 },
        { capacity_provider: 'FARGATE_SPOT', base: 0, weight: 4 },
      ]);
    });
  });

  describe('task definition', () => {
    it('is 1024 CPU / 3072 MiB on ARM64, and stays registered when replaced', () => {
      expect(s().t.resource('aws_ecs_task_definition', 'api/task-definition')).toMatchObject({
        family: 'worker',
        cpu: '1024',
        memory: '3072',
        runtime_platform: { operating_system_family: 'LINUX', cpu_architecture: 'ARM64' },
        skip_destroy: true,
        tags: { team: 'worker' },
      });
    });

    it('defines container app on 8080 with a health check, the stream prefix and escaped template characters', () => {
      const { t } = s();
      expect(containerDefinitions(t, 'api')).toEqual([
        {
          name: 'app',
          image: 'public.ecr.aws/docker/library/nginx:1.27',
          essential: true,
          readonlyRootFilesystem: false,
          portMappings: [{ containerPort: 8080, protocol: 'tcp' }],
          // Terraform reads `$${` and `%%{` as the literal `${` and `%{`.
          environment: [{ name: 'TEMPLATE', value: 'Hello $${user} %%{if admin}!' }],
          secrets: [
            { name: 'DB_PASSWORD', valueFrom: `${t.ref('aws_secretsmanager_secret', 'secret', 'arn')}:password::` },
          ],
          logConfiguration: {
            logDriver: 'awslogs',
            options: {
              'awslogs-group': t.ref('aws_cloudwatch_log_group', 'api/log-group', 'name'),
              'awslogs-region': 'us-gov-west-1',
              'awslogs-stream-prefix': 'worker',
            },
          },
          healthCheck: {
            command: ['CMD-SHELL', 'curl -f http://localhost:8080/health || exit 1'],
            interval: 15,
            timeout: 3,
            retries: 5,
            startPeriod: 60,
          },
        },
      ]);
    });

    it('keeps container logs in /apps/worker for 365 days, encrypted with the KMS key', () => {
      expect(s().t.resource('aws_cloudwatch_log_group', 'api/log-group')).toEqual({
        name: '/apps/worker',
        retention_in_days: 365,
        kms_key_id: KMS_KEY,
        tags: { team: 'worker' },
      });
    });
  });

  describe('service', () => {
    it('starts 3 tasks on FARGATE_SPOT with public IPs, 150 % / 50 %, no circuit breaker, ECS Exec on', () => {
      expect(s().t.resource('aws_ecs_service', 'api/service')).toMatchObject({
        name: 'worker',
        desired_count: 3,
        capacity_provider_strategy: [{ capacity_provider: 'FARGATE_SPOT', weight: 1, base: 0 }],
        deployment_maximum_percent: 150,
        deployment_minimum_healthy_percent: 50,
        deployment_circuit_breaker: { enable: false, rollback: false },
        network_configuration: { assign_public_ip: true },
        enable_execute_command: true,
        propagate_tags: 'SERVICE',
        tags: { team: 'worker' },
      });
    });

    it('sends the target group to container app port 8080 with a 120 s grace period', () => {
      expect(s().t.resource('aws_ecs_service', 'api/service')).toMatchObject({
        load_balancer: [{ target_group_arn: TARGET_GROUP_ARN, container_name: 'app', container_port: 8080 }],
        health_check_grace_period_seconds: 120,
      });
    });

    it('leaves desired count and task definition to others, and waits for the given dependencies', () => {
      const service = s().t.resource('aws_ecs_service', 'api/service');
      expect(service.lifecycle).toEqual({ ignore_changes: ['desired_count', 'task_definition'] });
      expect(service.depends_on).toContain(s().t.address('aws_secretsmanager_secret', 'secret'));
      expect(service.depends_on).toHaveLength(3);
    });
  });

  describe('security group', () => {
    it('replaces the 443 rule with one all-egress rule, on the service group', () => {
      expect(ruleWiring(s().t, 'egress')).toEqual({
        'api/security-group/egress-all-to-anywhere': { group: 'api/security-group/group' },
      });
    });
  });

  describe('IAM', () => {
    it('scopes the trust policy to the partition and region', () => {
      expect(statements(s().t, 'api/assume-role')).toEqual([
        {
          ...trustStatement(),
          condition: [
            { test: 'StringEquals', variable: 'aws:SourceAccount', values: [ACCOUNT] },
            { test: 'ArnLike', variable: 'aws:SourceArn', values: [`arn:aws-us-gov:ecs:us-gov-west-1:${ACCOUNT}:*`] },
          ],
        },
      ]);
    });

    it('lets the execution role read the referenced secret (a token ARN, key suffix removed) and decrypt it', () => {
      const { t } = s();
      expect(statements(t, 'api/execution-permissions')).toEqual([
        {
          sid: 'WriteContainerLogs',
          effect: 'Allow',
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          resources: [`${t.ref('aws_cloudwatch_log_group', 'api/log-group', 'arn')}:*`],
        },
        {
          sid: 'ReadContainerSecrets',
          effect: 'Allow',
          actions: ['secretsmanager:GetSecretValue'],
          resources: [t.ref('aws_secretsmanager_secret', 'secret', 'arn')],
        },
        { sid: 'DecryptContainerSecrets', effect: 'Allow', actions: ['kms:Decrypt'], resources: [KMS_KEY] },
      ]);
    });

    it('gives the task role exactly the given statements as the "application" inline policy', () => {
      const { t } = s();
      expect(t.resource('aws_iam_role_policy', 'api/task-role-policy')).toEqual({
        name: 'application',
        role: t.ref('aws_iam_role', 'api/task-role'),
        policy: t.dataRef('aws_iam_policy_document', 'api/task-permissions'),
      });
      expect(statements(t, 'api/task-permissions')).toEqual([
        { effect: 'Allow', actions: ['s3:GetObject'], resources: ['arn:aws-us-gov:s3:::worker-inputs/*'] },
      ]);
    });

    it('gives the task role what ECS Exec needs: SSM channels, the cluster log group, the session key', () => {
      const { t } = s();
      expect(t.resource('aws_iam_role_policy', 'api/execute-command-policy')).toEqual({
        name: 'ecs-exec',
        role: t.ref('aws_iam_role', 'api/task-role'),
        policy: t.dataRef('aws_iam_policy_document', 'api/execute-command-permissions'),
      });
      expect(statements(t, 'api/execute-command-permissions')).toEqual([
        {
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
        { sid: 'ExecFindLogGroup', effect: 'Allow', actions: ['logs:DescribeLogGroups'], resources: ['*'] },
        {
          sid: 'ExecWriteSessionLogs',
          effect: 'Allow',
          actions: ['logs:CreateLogStream', 'logs:DescribeLogStreams', 'logs:PutLogEvents'],
          resources: [`${t.ref('aws_cloudwatch_log_group', 'ecs/log-group', 'arn')}:*`],
        },
        { sid: 'ExecDecryptSession', effect: 'Allow', actions: ['kms:Decrypt'], resources: [KMS_KEY] },
      ]);
      expect(t.count('aws_iam_role_policy')).toBe(3);
    });
  });

  describe('auto scaling', () => {
    it('scales from 2 to 10 tasks on 60 % CPU with 600 s / 30 s cooldowns', () => {
      const { t } = s();
      expect(t.resource('aws_appautoscaling_target', 'api/scalable-target')).toMatchObject({
        min_capacity: 2,
        max_capacity: 10,
        tags: { team: 'worker' },
      });
      expect(
        t.resource('aws_appautoscaling_policy', 'api/cpu-scaling-policy').target_tracking_scaling_policy_configuration,
      ).toEqual({
        target_value: 60,
        scale_in_cooldown: 600,
        scale_out_cooldown: 30,
        predefined_metric_specification: { predefined_metric_type: 'ECSServiceAverageCPUUtilization' },
      });
    });

    it('also tracks 75 % average memory on the same target, with the same cooldowns', () => {
      const { t } = s();
      expect(t.count('aws_appautoscaling_policy')).toBe(2);
      const target = (attribute: string) => t.ref('aws_appautoscaling_target', 'api/scalable-target', attribute);
      expect(t.resource('aws_appautoscaling_policy', 'api/memory-scaling-policy')).toEqual({
        name: 'worker-memory-target-tracking',
        policy_type: 'TargetTrackingScaling',
        service_namespace: target('service_namespace'),
        resource_id: target('resource_id'),
        scalable_dimension: target('scalable_dimension'),
        target_tracking_scaling_policy_configuration: {
          target_value: 75,
          scale_in_cooldown: 600,
          scale_out_cooldown: 30,
          predefined_metric_specification: { predefined_metric_type: 'ECSServiceAverageMemoryUtilization' },
        },
      });
    });
  });
});

describe('FargateService with the CODE_DEPLOY controller and SSM parameter secrets', () => {
  const PARAMETER = `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/portfolio-dev/api/token`;
  const s = scenario({}, (stack, cluster) => {
    const parameter = new SsmParameter(stack, 'parameter', {
      name: '/portfolio-dev/api/signing-key',
      type: 'SecureString',
      value: 'x',
      keyId: KMS_KEY,
    });
    return {
      ...BASE_SERVICE(cluster),
      container: {
        ...BASE_SERVICE(cluster).container,
        secrets: { DB_PASSWORD: `${DB_SECRET}:password::` },
        // Two names read the same parameter: the policy lists it once.
        parameterSecrets: { SIGNING_KEY: parameter.arn, API_TOKEN: PARAMETER, API_TOKEN_OLD: PARAMETER },
      },
      secretsKmsKeyArns: [KMS_KEY],
      loadBalancer: { targetGroupArn: TARGET_GROUP_ARN },
      deploymentController: 'CODE_DEPLOY',
    };
  });

  it('lets CodeDeploy deploy: no circuit breaker, and its AppSpec fields ignored beside the desired count', () => {
    const service = s().t.resource('aws_ecs_service', 'api/service');
    expect(service.deployment_controller).toEqual({ type: 'CODE_DEPLOY' });
    expect(service).not.toHaveProperty('deployment_circuit_breaker');
    expect(service.lifecycle).toEqual({
      ignore_changes: ['desired_count', 'task_definition', 'load_balancer', 'capacity_provider_strategy'],
    });
    // The service is created with the first target group; CodeDeploy moves it afterwards.
    expect(service.load_balancer).toEqual([
      { target_group_arn: TARGET_GROUP_ARN, container_name: 'portfolio-dev-api', container_port: 8000 },
    ]);
  });

  it('puts the parameters beside the Secrets Manager secret in the container secrets, sorted by name', () => {
    const { t } = s();
    expect(containerDefinitions(t, 'api')[0]?.secrets).toEqual([
      { name: 'API_TOKEN', valueFrom: PARAMETER },
      { name: 'API_TOKEN_OLD', valueFrom: PARAMETER },
      { name: 'DB_PASSWORD', valueFrom: `${DB_SECRET}:password::` },
      { name: 'SIGNING_KEY', valueFrom: t.ref('aws_ssm_parameter', 'parameter', 'arn') },
    ]);
  });

  it('lets the execution role GetParameters on exactly those parameters (a token ARN too), and decrypt them', () => {
    const { t } = s();
    expect(statements(t, 'api/execution-permissions').slice(1)).toEqual([
      {
        sid: 'ReadContainerSecrets',
        effect: 'Allow',
        actions: ['secretsmanager:GetSecretValue'],
        resources: [DB_SECRET],
      },
      {
        sid: 'ReadContainerParameters',
        effect: 'Allow',
        actions: ['ssm:GetParameters'],
        resources: [t.ref('aws_ssm_parameter', 'parameter', 'arn'), PARAMETER],
      },
      { sid: 'DecryptContainerSecrets', effect: 'Allow', actions: ['kms:Decrypt'], resources: [KMS_KEY] },
    ]);
  });

  it('passes the IAM and ECS guardrails', () => {
    const view = new StackView(s().t.json as JsonObject, { name: 'test', production: true });
    const report = checkStack(view, blueprintsPack, []);
    const failing = failingFindings(report)
      .filter((finding) => /^(iam|ecs)-/.test(finding.rule.id))
      .map((finding) => `${finding.rule.id}: ${finding.message}`);
    expect(failing).toEqual([]);
    // The rules saw the policies: 2 documents (trust, execution permissions), 2 roles, 1 role policy.
    expect(report.passes.get('iam-known-actions')).toBe(5);
    expect(report.passes.get('ecs-no-secrets-in-environment')).toBe(1);
  });
});

describe('FargateService with capacity.min 0 and no desiredCount', () => {
  const s = scenario({}, (_stack, cluster) => ({ ...BASE_SERVICE(cluster), capacity: { min: 0, max: 2 } }));

  it('starts 0 tasks and lets auto scaling go from 0 to 2', () => {
    const { t } = s();
    expect(t.resource('aws_ecs_service', 'api/service').desired_count).toBe(0);
    expect(t.resource('aws_appautoscaling_target', 'api/scalable-target')).toMatchObject({
      min_capacity: 0,
      max_capacity: 2,
    });
  });
});

describe('FargateService with a 40-character name', () => {
  const name = 'portfolio-production-frontend-service-01';
  const s = scenario({}, (_stack, cluster) => ({ ...BASE_SERVICE(cluster), name }));

  it('keeps 32 characters of the name in the role name prefixes (IAM allows 38)', () => {
    const { t } = s();
    expect(name).toHaveLength(40);
    expect(t.resource('aws_iam_role', 'api/execution-role').name_prefix).toBe(`${name.slice(0, 32)}-exec-`);
    expect(t.resource('aws_iam_role', 'api/task-role').name_prefix).toBe(`${name.slice(0, 32)}-task-`);
  });

  it('uses the whole name everywhere else', () => {
    const { t } = s();
    expect(t.resource('aws_ecs_service', 'api/service').name).toBe(name);
    expect(t.resource('aws_ecs_task_definition', 'api/task-definition').family).toBe(name);
    expect(t.resource('aws_security_group', 'api/security-group').name).toBe(`${name}-service`);
    expect(t.resource('aws_cloudwatch_log_group', 'api/log-group').name).toBe(`/ecs/${name}`);
  });
});

describe('secretArnOf', () => {
  it.each([
    [`${DB_SECRET}`, DB_SECRET],
    [`${DB_SECRET}:password::`, DB_SECRET],
    [`${DB_SECRET}:password:AWSCURRENT:`, DB_SECRET],
    ['${TfToken[TOKEN.1]}:password::', '${TfToken[TOKEN.1]}'],
    ['${TfToken[TOKEN.1]}', '${TfToken[TOKEN.1]}'],
  ])('reads %s as secret %s', (valueFrom, expected) => {
    expect(secretArnOf(valueFrom)).toBe(expected);
  });
});

describe('EcsCluster props validation', () => {
  const cases: Array<[string, EcsClusterProps, ExpectedIssue]> = [
    [
      'a name with a space',
      { name: 'my cluster', logGroupName: '/ecs/cluster' },
      { path: 'name', value: 'my cluster', message: /^must be 1 to 255 letters/ },
    ],
    [
      'an unknown Container Insights mode',
      { containerInsights: 'on' as never },
      { path: 'containerInsights', value: 'on', message: /^must be "enabled", "enhanced" or "disabled"$/ },
    ],
    [
      'a retention CloudWatch does not offer',
      { logRetentionInDays: 45 },
      { path: 'logRetentionInDays', value: 45, message: /^must be a CloudWatch Logs retention period/ },
    ],
    [
      'a log group name with a space',
      { logGroupName: '/ecs/my cluster' },
      { path: 'logGroupName', value: '/ecs/my cluster', message: /^must be 1 to 512 characters/ },
    ],
    [
      'a KMS key that is not an ARN',
      { kmsKeyArn: 'my-key' },
      { path: 'kmsKeyArn', value: 'my-key', message: /^must be a KMS key ARN/ },
    ],
    [
      'an empty default strategy',
      { defaultCapacityProviderStrategy: [] },
      { path: 'defaultCapacityProviderStrategy', value: [], message: /^must have at least one entry/ },
    ],
    [
      'an EC2 capacity provider',
      { defaultCapacityProviderStrategy: [{ capacityProvider: 'EC2' as never }] },
      {
        path: 'defaultCapacityProviderStrategy[0].capacityProvider',
        value: 'EC2',
        message: /^must be "FARGATE" or "FARGATE_SPOT"$/,
      },
    ],
  ];

  const bad = rejectsEachCase({
    stackName: 'invalid-cluster',
    subject: /^Invalid EcsCluster "invalid-cluster\/bad-\d+" props:\n {2}- /,
    cases,
    build: (stack, id, props) => new EcsCluster(stack, id, props),
  });

  it('adds no resource to the stack when construction throws', () => {
    expect(Template.fromStack(bad.stack()).json.resource).toBeUndefined();
  });
});

describe('FargateService props validation', () => {
  type Override = (base: FargateServiceProps) => Partial<FargateServiceProps>;
  const container = (base: FargateServiceProps, extra: Partial<FargateServiceProps['container']>) => ({
    container: { ...base.container, ...extra },
  });
  const LB = { loadBalancer: { targetGroupArn: TARGET_GROUP_ARN } };
  const cases: Array<[string, Override, ExpectedIssue]> = [
    [
      'a CPU value Fargate does not offer',
      () => ({ cpu: 300 }),
      { path: 'cpu', value: 300, message: /^must be a Fargate CPU value \(256, 512, 1024, 2048, 4096, 8192, 16384\)$/ },
    ],
    [
      '4096 MiB with 256 CPU',
      () => ({ memoryMiB: 4096 }),
      { path: 'memoryMiB', value: 4096, message: /^must be a Fargate memory size for cpu 256: 512, 1024 or 2048 MiB$/ },
    ],
    [
      '3000 MiB with 1024 CPU',
      () => ({ cpu: 1024, memoryMiB: 3000 }),
      {
        path: 'memoryMiB',
        value: 3000,
        message: /^must be a Fargate memory size for cpu 1024: 2048 to 8192 in steps of 1024 MiB$/,
      },
    ],
    [
      '20480 MiB with 8192 CPU (steps of 4096)',
      () => ({ cpu: 8192, memoryMiB: 18432 }),
      { path: 'memoryMiB', value: 18432, message: /for cpu 8192: 16384 to 61440 in steps of 4096 MiB$/ },
    ],
    [
      'an unknown CPU architecture',
      () => ({ cpuArchitecture: 'ARM' as never }),
      { path: 'cpuArchitecture', value: 'ARM', message: /^must be "X86_64" or "ARM64"$/ },
    ],
    [
      'capacity.min above capacity.max',
      () => ({ capacity: { min: 5, max: 4 } }),
      { path: 'capacity.min', value: 5, message: /^must not be above capacity\.max \(4\)$/ },
    ],
    [
      'a negative capacity.min',
      () => ({ capacity: { min: -1 } }),
      { path: 'capacity.min', value: -1, message: /^must be a whole number from 0 to 1000$/ },
    ],
    [
      'capacity.max 0',
      () => ({ capacity: { min: 0, max: 0 } }),
      { path: 'capacity.max', value: 0, message: /^must be a whole number from 1 to 1000$/ },
    ],
    [
      'desiredCount above capacity.max',
      () => ({ desiredCount: 5 }),
      {
        path: 'desiredCount',
        value: 5,
        message: /^must be a whole number from capacity\.min \(1\) to capacity\.max \(4\)$/,
      },
    ],
    [
      'desiredCount below capacity.min',
      () => ({ desiredCount: 1, capacity: { min: 2, max: 4 } }),
      { path: 'desiredCount', value: 1, message: /^must be a whole number from capacity\.min \(2\)/ },
    ],
    [
      'cpuTargetPercent 0',
      () => ({ cpuTargetPercent: 0 }),
      { path: 'cpuTargetPercent', value: 0, message: /^must be a whole number from 1 to 100$/ },
    ],
    [
      'cpuTargetPercent 101',
      () => ({ cpuTargetPercent: 101 }),
      { path: 'cpuTargetPercent', value: 101, message: /^must be a whole number from 1 to 100$/ },
    ],
    [
      'memoryTargetPercent 0',
      () => ({ memoryTargetPercent: 0 }),
      { path: 'memoryTargetPercent', value: 0, message: /^must be a whole number from 1 to 100$/ },
    ],
    [
      'a negative scale-in cooldown',
      () => ({ scaleInCooldownSeconds: -1 }),
      { path: 'scaleInCooldownSeconds', value: -1, message: /^must be a whole number from 0 to 86400$/ },
    ],
    [
      'a fractional scale-out cooldown',
      () => ({ scaleOutCooldownSeconds: 1.5 }),
      { path: 'scaleOutCooldownSeconds', value: 1.5, message: /^must be a whole number from 0 to 86400$/ },
    ],
    [
      'maximumPercent 99',
      () => ({ deployment: { maximumPercent: 99 } }),
      { path: 'deployment.maximumPercent', value: 99, message: /^must be a whole number from 100 to 400$/ },
    ],
    [
      'maximumPercent 401',
      () => ({ deployment: { maximumPercent: 401 } }),
      { path: 'deployment.maximumPercent', value: 401, message: /^must be a whole number from 100 to 400$/ },
    ],
    [
      'minimumHealthyPercent 101',
      () => ({ deployment: { minimumHealthyPercent: 101 } }),
      { path: 'deployment.minimumHealthyPercent', value: 101, message: /^must be a whole number from 0 to 100$/ },
    ],
    [
      'container port 0',
      (base) => container(base, { port: 0 }),
      { path: 'container.port', value: 0, message: /^must be a TCP port from 1 to 65535$/ },
    ],
    [
      'container port 70000',
      (base) => container(base, { port: 70000 }),
      { path: 'container.port', value: 70000, message: /^must be a TCP port from 1 to 65535$/ },
    ],
    [
      'a load balancer port that is not the container port',
      () => ({ loadBalancer: { targetGroupArn: TARGET_GROUP_ARN, containerPort: 9000 } }),
      { path: 'loadBalancer.containerPort', value: 9000, message: /^must be the container's port \(8000\)$/ },
    ],
    [
      'a target group that is not an ARN',
      () => ({ loadBalancer: { targetGroupArn: 'tg-1' } }),
      { path: 'loadBalancer.targetGroupArn', value: 'tg-1', message: /^must be a target group ARN/ },
    ],
    [
      'a negative health check grace period',
      () => ({ ...LB, healthCheckGracePeriodSeconds: -5 }),
      { path: 'healthCheckGracePeriodSeconds', value: -5, message: /^must be a whole number from 0 to 2147483647$/ },
    ],
    [
      'a health check grace period without a load balancer',
      () => ({ healthCheckGracePeriodSeconds: 60 }),
      { path: 'healthCheckGracePeriodSeconds', value: 60, message: /^only applies with a loadBalancer/ },
    ],
    [
      'a service name with a dot',
      (base) => ({ name: 'api.v2', ...container(base, { name: 'api' }) }),
      { path: 'name', value: 'api.v2', message: /^must be 1 to 255 letters/ },
    ],
    [
      'a 256-character service name',
      (base) => ({ name: 'a'.repeat(256), ...container(base, { name: 'api' }) }),
      {
        path: 'name',
        value: 'a'.repeat(256),
        message: /^must be 1 to 255 letters, digits, hyphens \(-\) and underscores \(_\)$/,
      },
    ],
    [
      'a container name with a slash',
      (base) => container(base, { name: 'api/web' }),
      { path: 'container.name', value: 'api/web', message: /^must be 1 to 255 letters/ },
    ],
    [
      'an empty image',
      (base) => container(base, { image: '' }),
      { path: 'container.image', value: '', message: /^is required/ },
    ],
    [
      'a log retention CloudWatch does not offer',
      () => ({ logRetentionInDays: 45 }),
      { path: 'logRetentionInDays', value: 45, message: /^must be a CloudWatch Logs retention period/ },
    ],
    [
      'a log group name with a space',
      () => ({ logGroupName: '/ecs/my api' }),
      { path: 'logGroupName', value: '/ecs/my api', message: /^must be 1 to 512 characters/ },
    ],
    [
      'a log stream prefix with a space',
      () => ({ logStreamPrefix: 'my api' }),
      { path: 'logStreamPrefix', value: 'my api', message: /^must be 1 to 128 letters/ },
    ],
    [
      'a log KMS key that is not an ARN',
      () => ({ logKmsKeyArn: 'alias/logs' }),
      { path: 'logKmsKeyArn', value: 'alias/logs', message: /^must be a KMS key ARN/ },
    ],
    [
      'a short account id',
      () => ({ accountId: '1234' }),
      { path: 'accountId', value: '1234', message: /^must be a 12-digit AWS account id$/ },
    ],
    [
      'a malformed region',
      () => ({ region: 'useast1' }),
      { path: 'region', value: 'useast1', message: /^must be an AWS region name/ },
    ],
    [
      'an unknown partition',
      () => ({ partition: 'azure' }),
      { path: 'partition', value: 'azure', message: /^must be an AWS partition/ },
    ],
    [
      'no subnets',
      () => ({ subnetIds: [] }),
      { path: 'subnetIds', value: [], message: /^must list at least one subnet$/ },
    ],
    [
      'an environment name starting with a digit',
      (base) => container(base, { environment: { '1BAD': 'x' } }),
      { path: 'container.environment.1BAD', value: '1BAD', message: /^must be an environment variable name/ },
    ],
    [
      'a secret also in the environment',
      (base) => container(base, { environment: { TOKEN: 'x' }, secrets: { TOKEN: DB_SECRET } }),
      {
        path: 'container.secrets.TOKEN',
        value: 'TOKEN',
        message: /^is in both container\.environment and container\.secrets/,
      },
    ],
    [
      'a secret that is not a Secrets Manager ARN',
      (base) => container(base, { secrets: { DB_PASSWORD: 'db-password' } }),
      { path: 'container.secrets.DB_PASSWORD', value: 'db-password', message: /^must be a Secrets Manager secret ARN/ },
    ],
    [
      'an SSM parameter as a secret',
      (base) => container(base, { secrets: { DB_PASSWORD: `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/db` } }),
      {
        path: 'container.secrets.DB_PASSWORD',
        value: `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/db`,
        message: /^must be a Secrets Manager secret ARN/,
      },
    ],
    [
      'a health check without CMD',
      (base) => container(base, { healthCheck: { command: ['curl -f http://localhost/'] } }),
      {
        path: 'container.healthCheck.command',
        value: ['curl -f http://localhost/'],
        message: /^must start with "CMD" or "CMD-SHELL"/,
      },
    ],
    [
      'a health check interval of 1 s',
      (base) => container(base, { healthCheck: { command: ['CMD', 'true'], intervalSeconds: 1 } }),
      { path: 'container.healthCheck.intervalSeconds', value: 1, message: /^must be a whole number from 5 to 300$/ },
    ],
    [
      'a health check with 11 retries',
      (base) => container(base, { healthCheck: { command: ['CMD', 'true'], retries: 11 } }),
      { path: 'container.healthCheck.retries', value: 11, message: /^must be a whole number from 1 to 10$/ },
    ],
    [
      'ECS Exec with a read-only root filesystem',
      (base) => ({ ...container(base, { readonlyRootFilesystem: true }), enableExecuteCommand: true }),
      {
        path: 'container.readonlyRootFilesystem',
        value: true,
        message: /^must be false when enableExecuteCommand is true/,
      },
    ],
    [
      'an empty capacity provider strategy',
      () => ({ capacityProviderStrategy: [] }),
      { path: 'capacityProviderStrategy', value: [], message: /^must have at least one entry/ },
    ],
    [
      'a capacity provider listed twice',
      () => ({ capacityProviderStrategy: [{ capacityProvider: 'FARGATE' }, { capacityProvider: 'FARGATE' }] }),
      { path: 'capacityProviderStrategy[1].capacityProvider', value: 'FARGATE', message: /^is listed more than once$/ },
    ],
    [
      'two capacity providers with a base',
      () => ({
        capacityProviderStrategy: [
          { capacityProvider: 'FARGATE', base: 1 },
          { capacityProvider: 'FARGATE_SPOT', base: 1 },
        ],
      }),
      {
        path: 'capacityProviderStrategy',
        value: [
          { capacityProvider: 'FARGATE', base: 1 },
          { capacityProvider: 'FARGATE_SPOT', base: 1 },
        ],
        message: /^may set a base above 0 on one entry only$/,
      },
    ],
    [
      'a capacity provider weight of 1001',
      () => ({ capacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1001 }] }),
      { path: 'capacityProviderStrategy[0].weight', value: 1001, message: /^must be a whole number from 0 to 1000$/ },
    ],
    [
      'only zero weights',
      () => ({ capacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 0 }] }),
      {
        path: 'capacityProviderStrategy',
        value: [{ capacityProvider: 'FARGATE', weight: 0 }],
        message: /^must give at least one entry a weight above 0$/,
      },
    ],
    [
      'CODE_DEPLOY without a load balancer',
      () => ({ deploymentController: 'CODE_DEPLOY' }),
      { path: 'deploymentController', value: 'CODE_DEPLOY', message: /^needs a loadBalancer: CodeDeploy shifts/ },
    ],
    [
      'CODE_DEPLOY with the circuit breaker on',
      () => ({ ...LB, deploymentController: 'CODE_DEPLOY', deployment: { circuitBreaker: true } }),
      { path: 'deployment.circuitBreaker', value: true, message: /^applies to rolling \(ECS\) deployments only/ },
    ],
    [
      'an EXTERNAL deployment controller',
      () => ({ ...LB, deploymentController: 'EXTERNAL' as never }),
      { path: 'deploymentController', value: 'EXTERNAL', message: /^must be "ECS" or "CODE_DEPLOY"$/ },
    ],
    [
      'a parameter secret also in secrets',
      (base) =>
        container(base, {
          secrets: { TOKEN: `${DB_SECRET}:token::` },
          parameterSecrets: { TOKEN: `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/token` },
        }),
      { path: 'container.parameterSecrets.TOKEN', value: 'TOKEN', message: /^is also in container\.secrets;/ },
    ],
    [
      'a parameter secret also in environment',
      (base) =>
        container(base, {
          environment: { TOKEN: 'x' },
          parameterSecrets: { TOKEN: `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/token` },
        }),
      { path: 'container.parameterSecrets.TOKEN', value: 'TOKEN', message: /^is also in container\.environment;/ },
    ],
    [
      'a parameter secret given by name, not ARN',
      (base) => container(base, { parameterSecrets: { TOKEN: '/portfolio-dev/token' } }),
      {
        path: 'container.parameterSecrets.TOKEN',
        value: '/portfolio-dev/token',
        message: /^must be an SSM parameter ARN like arn:aws:ssm:<region>:<account>:parameter\/<name>$/,
      },
    ],
    [
      'a parameter secret with a bad variable name',
      (base) => container(base, { parameterSecrets: { '1TOKEN': `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/t` } }),
      { path: 'container.parameterSecrets.1TOKEN', value: '1TOKEN', message: /^must be an environment variable name/ },
    ],
    [
      'a repository that is not an ECR ARN',
      () => ({ repositoryArns: ['portfolio-dev/api'] }),
      { path: 'repositoryArns[0]', value: 'portfolio-dev/api', message: /^must be an ECR repository ARN/ },
    ],
    [
      'a secrets KMS key that is an alias',
      () => ({ secretsKmsKeyArns: ['alias/secrets'] }),
      { path: 'secretsKmsKeyArns[0]', value: 'alias/secrets', message: /^must be a KMS key ARN/ },
    ],
  ];

  /** A valid cluster, then every bad service in the same stack: synthesizing shows none left a resource. */
  let stack: TerraformStack;
  const thrown = new Map<string, unknown>();
  beforeAll(() => {
    stack = testStack('invalid-service');
    const cluster = new EcsCluster(stack, 'cluster', {});
    const base = BASE_SERVICE(cluster);
    const service = (id: string, props: FargateServiceProps) => thrownBy(() => new FargateService(stack, id, props));
    cases.forEach(([label, override], index) => {
      thrown.set(label, service(`bad-${index}`, { ...base, ...override(base) }));
    });
    thrown.set(
      'three bad fields',
      service('bad-twice', { ...base, cpu: 300, cpuTargetPercent: 0, container: { ...base.container, port: 0 } }),
    );
  });

  it.each(cases)('rejects %s, naming the field and the value', (label, _override, expected) => {
    expectSingleIssue(thrown.get(label), expected, /^Invalid FargateService "invalid-service\/bad-\d+" props:\n {2}- /);
  });

  it('reports every bad field in one error', () => {
    expect(issuePathsAndValues(thrown.get('three bad fields'))).toEqual([
      ['cpu', 300],
      ['container.port', 0],
      ['cpuTargetPercent', 0],
    ]);
  });

  it('adds no service resource to the stack when construction throws (only the valid cluster is there)', () => {
    const t = Template.fromStack(stack);
    expect(Object.keys(t.json.resource as Block).sort()).toEqual([
      'aws_cloudwatch_log_group',
      'aws_ecs_cluster',
      'aws_ecs_cluster_capacity_providers',
    ]);
    expect(t.count('aws_cloudwatch_log_group')).toBe(1);
    expect(t.json.data).toBeUndefined();
    expect(t.json.locals).toBeUndefined();
  });
});
