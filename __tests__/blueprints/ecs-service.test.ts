/**
 * Blueprint `ecs-service` (seed 003): how it wires its modules together. For every configured environment with an
 * `ecsService` section, its shipped stack `ecs-service-<env>` (synthesized once per jest run) is compared with that
 * environment's resolved config: the network, which security group reaches which on which port (Internet → ALB 443/80
 * → tasks on the container port; tasks out on 443 only), the HTTPS listener and its certificate (self-signed from the
 * variables, or DNS-validated with an alias to the ALB), what the task definition, service, scaling, secret,
 * repository and alarms take from config, and the GitHub deploy role: its trust (aud and an exact sub) and that every
 * permission is scoped to this stack's resources, with no path to more privilege.
 *
 * Variants the shipped config leaves off (an ACM certificate, a created OIDC provider, a subdomain) are synthesized
 * here. The document's numbers are asserted once, as schema defaults, in __tests__/config/ecs-service.test.ts; what a
 * module makes of its props is its own test's.
 */
import { CERTIFICATE_VARIABLES } from '../../modules/certificate';
import { AWS_TARGET } from '../../modules/core/deployment-target';
import {
  GITHUB_OIDC_HOST,
  TERRAFORM_RUNNER_IAM_ACTIONS,
  TERRAFORM_RUNNER_PROFILE_ACTIONS,
} from '../../modules/github-oidc';
import { stateKey } from '../../backend/remote-state';
import type { EcsServiceConfig } from '../../src/blueprints/ecs-service/schema';
import { EcsServiceStack, serviceHostName } from '../../src/blueprints/ecs-service/stack';
import { loadConfig } from '../../src/config/load';
import type { EnvironmentConfig } from '../../src/config/schema';
import {
  configuredNetwork,
  configVariant,
  environmentsDeploying,
  expectLoadBalancerFromConfig,
  fromCidr,
  fromGroup,
  githubTrustProblems,
  groupsWithRules,
  networkOf,
  rulesOf,
  sortedRules,
  subnetRefs,
  type Condition,
} from '../helpers/blueprint-wiring';
import { synthesizedStack } from '../helpers/synthesized-app';
import { Template, testApp, type Block } from '../helpers/template';

const deployed = environmentsDeploying('ecsService');
const { stateBackend } = loadConfig({}).project;

const SG = { alb: 'alb/sg/group', service: 'service/security-group/group' };
const TARGET_GROUP = 'alb/target-group-app';
const ANYWHERE = '0.0.0.0/0';

interface Statement {
  readonly sid?: string;
  readonly effect?: string;
  readonly actions: string[];
  readonly resources: string[];
  readonly principals?: Array<{ type: string; identifiers: string[] }>;
  readonly condition?: Condition[];
}

function statementsOf(t: Template, path: string): Statement[] {
  return t.dataSource('aws_iam_policy_document', path).statement as Statement[];
}

interface Container {
  readonly name: string;
  readonly image: string;
  readonly readonlyRootFilesystem: boolean;
  readonly portMappings: ReadonlyArray<{ containerPort: number }>;
  readonly healthCheck?: Readonly<Record<string, unknown>>;
  readonly environment: ReadonlyArray<{ name: string; value: string }>;
  readonly secrets: ReadonlyArray<{ name: string; valueFrom: string }>;
}

/** The container definition: the task definition encodes a local holding it, read back here. */
function containerOf(t: Template): Container {
  const encoded = t.resource('aws_ecs_task_definition', 'service/task-definition').container_definitions;
  const local = /local\.([\w-]+)\)/.exec(String(encoded))![1]!;
  return (t.json.locals as Record<string, Container[]>)[local]![0]!;
}

const byName = (entries: ReadonlyArray<{ name: string; value?: string; valueFrom?: string }>) =>
  Object.fromEntries(entries.map((entry) => [entry.name, entry.value ?? entry.valueFrom]));

/** The listener's certificate ARN as the stack references it, for the section's certificate mode. */
function certificateRef(t: Template, config: EcsServiceConfig): unknown {
  if (config.certificate.mode === 'acm') return config.certificate.certificateArn;
  if (config.certificate.mode === 'dns') {
    return t.ref('aws_acm_certificate_validation', 'certificate/zone/certificate-validation-wait', 'certificate_arn');
  }
  if (config.certificate.mode === 'dns-existing-zone') {
    return t.ref('aws_acm_certificate_validation', 'certificate/certificate-validation-wait', 'certificate_arn');
  }
  return t.ref('aws_acm_certificate', 'certificate/imported', 'arn');
}

/** Every listener and what it does: HTTP 80 redirects to HTTPS 443, which forwards to the service. */
function expectHttpsOnly(t: Template, config: EcsServiceConfig): void {
  expect(t.count('aws_lb_listener')).toBe(2);
  expect(t.resource('aws_lb_listener', 'alb/http-listener')).toMatchObject({
    port: 80,
    protocol: 'HTTP',
    default_action: [{ type: 'redirect', redirect: { port: '443', protocol: 'HTTPS', status_code: 'HTTP_301' } }],
  });
  expect(t.resource('aws_lb_listener', 'alb/https-listener')).toMatchObject({
    load_balancer_arn: t.ref('aws_lb', 'alb/load-balancer', 'arn'),
    port: 443,
    protocol: 'HTTPS',
    ssl_policy: config.loadBalancer.sslPolicy,
    certificate_arn: certificateRef(t, config),
    default_action: [{ type: 'forward', target_group_arn: t.ref('aws_lb_target_group', TARGET_GROUP, 'arn') }],
  });
}

/** Every permission of the deploy role, statement by statement, in terms of this stack's resources. */
function expectDeployPermissions(t: Template, environment: EnvironmentConfig): void {
  const config = environment.ecsService!;
  const prefix = `${config.appName}-${environment.name}`;
  const arn = (service: string, resource: string, region: string = environment.region) =>
    `arn:aws:${service}:${region}:${environment.accountId}:${resource}`;
  const family = arn('ecs', `task-definition/${prefix}`);
  const service = arn('ecs', `service/${prefix}/${prefix}`);
  const repository = t.ref('aws_ecr_repository', 'repository/repository', 'arn');
  const key = stateKey(stateBackend.keyPrefix, `ecs-service-${environment.name}`);
  const lockId = `${stateBackend.bucket}/${key}`;
  const region = [{ test: 'StringEquals', variable: 'aws:RequestedRegion', values: [environment.region] }];
  const statements = Object.fromEntries(
    statementsOf(t, 'github-deploy-role/policy').map(({ sid, ...rest }) => [sid, rest]),
  );
  const dns = config.certificate.mode === 'dns';
  expect(statements).toEqual({
    EcrLogin: { effect: 'Allow', actions: ['ecr:GetAuthorizationToken'], resources: ['*'] },
    EcrPush: { effect: 'Allow', actions: expect.arrayContaining(['ecr:PutImage']), resources: [repository] },
    RegisterRevision: { effect: 'Allow', actions: ['ecs:RegisterTaskDefinition'], resources: [`${family}:*`] },
    TagRevisionOnCreate: {
      effect: 'Allow',
      actions: ['ecs:TagResource'],
      resources: [`${family}:*`],
      condition: [{ test: 'StringEquals', variable: 'ecs:CreateAction', values: ['RegisterTaskDefinition'] }],
    },
    ReadTaskDefinitions: { effect: 'Allow', actions: ['ecs:DescribeTaskDefinition'], resources: ['*'] },
    PassTaskRoles: {
      effect: 'Allow',
      actions: ['iam:PassRole'],
      resources: [
        t.ref('aws_iam_role', 'service/execution-role', 'arn'),
        t.ref('aws_iam_role', 'service/task-role', 'arn'),
      ],
      condition: [{ test: 'StringEquals', variable: 'iam:PassedToService', values: ['ecs-tasks.amazonaws.com'] }],
    },
    UpdateService: {
      effect: 'Allow',
      actions: ['ecs:UpdateService'],
      resources: [service],
      condition: [{ test: 'ArnLike', variable: 'ecs:task-definition', values: [`${family}:*`] }],
    },
    DescribeService: { effect: 'Allow', actions: ['ecs:DescribeServices'], resources: [service] },
    StateList: { effect: 'Allow', actions: ['s3:ListBucket'], resources: [`arn:aws:s3:::${stateBackend.bucket}`] },
    StateObject: { effect: 'Allow', actions: ['s3:GetObject', 's3:PutObject'], resources: [`arn:aws:s3:::${lockId}`] },
    StateLockItems: {
      effect: 'Allow',
      actions: ['dynamodb:DescribeTable', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem'],
      resources: [`arn:aws:dynamodb:${stateBackend.region}:${stateBackend.accountId}:table/${stateBackend.lockTable}`],
      condition: [
        { test: 'ForAllValues:StringEquals', variable: 'dynamodb:LeadingKeys', values: [lockId, `${lockId}-md5`] },
      ],
    },
    RefreshWithoutResourceScope: {
      effect: 'Allow',
      actions: [
        'ec2:Describe*',
        'elasticloadbalancing:Describe*',
        'application-autoscaling:Describe*',
        'logs:DescribeLogGroups',
        'kms:ListAliases',
      ],
      resources: ['*'],
      condition: region,
    },
    RefreshRoles: {
      effect: 'Allow',
      actions: ['iam:GetRole', 'iam:GetRolePolicy', 'iam:ListRolePolicies', 'iam:ListAttachedRolePolicies'],
      resources: [`arn:aws:iam::${environment.accountId}:role/${prefix}-*`],
    },
    RefreshKeys: {
      effect: 'Allow',
      actions: ['kms:DescribeKey', 'kms:GetKeyPolicy', 'kms:GetKeyRotationStatus', 'kms:ListResourceTags'],
      resources: [t.ref('aws_kms_key', 'database-secret/key', 'arn'), t.ref('aws_kms_key', 'alarm-topic/key', 'arn')],
    },
    RefreshSecret: {
      effect: 'Allow',
      actions: ['secretsmanager:DescribeSecret', 'secretsmanager:GetResourcePolicy'],
      resources: [t.ref('aws_secretsmanager_secret', 'database-secret/secret', 'arn')],
    },
    RefreshRepository: {
      effect: 'Allow',
      actions: [
        'ecr:DescribeRepositories',
        'ecr:GetLifecyclePolicy',
        'ecr:GetRepositoryPolicy',
        'ecr:ListTagsForResource',
      ],
      resources: [repository],
    },
    RefreshClusterAndScaling: {
      effect: 'Allow',
      actions: ['ecs:DescribeClusters', 'application-autoscaling:ListTagsForResource'],
      resources: [
        t.ref('aws_ecs_cluster', 'cluster/cluster', 'arn'),
        arn('application-autoscaling', 'scalable-target/*'),
      ],
    },
    RefreshLogGroups: {
      effect: 'Allow',
      actions: ['logs:ListTagsForResource', 'logs:ListTagsLogGroup'],
      resources: [arn('logs', `log-group:/ecs/${prefix}/*`), arn('logs', `log-group:/aws/vpc/${prefix}/*`)],
    },
    RefreshAlarmTopic: {
      effect: 'Allow',
      actions: ['sns:GetTopicAttributes', 'sns:GetSubscriptionAttributes', 'sns:ListTagsForResource'],
      resources: [
        t.ref('aws_sns_topic', 'alarm-topic/topic', 'arn'),
        `${t.ref('aws_sns_topic', 'alarm-topic/topic', 'arn')}:*`,
      ],
    },
    RefreshAlarms: {
      effect: 'Allow',
      actions: ['cloudwatch:DescribeAlarms', 'cloudwatch:ListTagsForResource'],
      resources: [arn('cloudwatch', `alarm:${prefix}-*`)],
    },
    RefreshDashboard: {
      effect: 'Allow',
      actions: ['cloudwatch:GetDashboard'],
      resources: [arn('cloudwatch', `dashboard/${prefix}`, '')],
    },
    RefreshWebAcl: {
      effect: 'Allow',
      actions: ['wafv2:GetWebACL', 'wafv2:GetWebACLForResource', 'wafv2:ListTagsForResource'],
      resources: [t.ref('aws_wafv2_web_acl', 'alb-waf/web-acl', 'arn'), t.ref('aws_lb', 'alb/load-balancer', 'arn')],
    },
    RefreshAccessLogBucket: {
      effect: 'Allow',
      actions: [
        's3:GetBucket*',
        's3:GetAccelerateConfiguration',
        's3:GetEncryptionConfiguration',
        's3:GetLifecycleConfiguration',
        's3:GetReplicationConfiguration',
      ],
      resources: [t.ref('aws_s3_bucket', 'alb/access-logs/bucket/bucket', 'arn')],
    },
    RefreshCertificate: {
      effect: 'Allow',
      actions: ['acm:DescribeCertificate', 'acm:GetCertificate', 'acm:ListTagsForCertificate'],
      resources: [certificateRef(t, config)],
    },
    ...(dns && {
      RefreshZone: {
        effect: 'Allow',
        actions: ['route53:GetHostedZone', 'route53:ListResourceRecordSets', 'route53:ListTagsForResource'],
        resources: [`arn:aws:route53:::hostedzone/${t.ref('aws_route53_zone', 'certificate/zone/zone', 'zone_id')}`],
      },
      RefreshZoneChanges: {
        effect: 'Allow',
        actions: ['route53:GetChange'],
        resources: ['arn:aws:route53:::change/*'],
      },
    }),
  });
}

describe.each(deployed.map((environment) => environment.name))('ecs-service-%s', (envName) => {
  const environment = deployed.find((candidate) => candidate.name === envName)!;
  const config = environment.ecsService!;
  const prefix = `${config.appName}-${envName}`;
  const zones = environment.availabilityZones[environment.region]!;
  const port = config.service.containerPort;
  let t: Template;
  beforeAll(() => {
    t = synthesizedStack(`ecs-service-${envName}`);
  });

  it('builds its VPC from the network config: CIDRs, a subnet per AZ and tier, NAT gateways, flow-log retention', () => {
    expect(networkOf(t)).toEqual(configuredNetwork(environment, config.network));
  });

  describe('load balancer', () => {
    it('is in the public subnets behind its own group, with the configured protection, timeout and log expiry', () => {
      expectLoadBalancerFromConfig(t, prefix, config.loadBalancer, zones.length);
      expect(t.resource('aws_lb', 'alb/load-balancer')).toMatchObject({
        internal: false,
        idle_timeout: config.loadBalancer.idleTimeoutSeconds,
      });
    });

    it('redirects HTTP 80 to HTTPS 443, which terminates TLS with the configured policy and certificate', () => {
      expectHttpsOnly(t, config);
    });

    it('has one target group: IP targets on the container port, health-checked as configured', () => {
      expect(t.count('aws_lb_target_group')).toBe(1);
      const { healthCheck } = config.loadBalancer;
      expect(t.resource('aws_lb_target_group', TARGET_GROUP)).toMatchObject({
        name: prefix,
        port,
        protocol: 'HTTP',
        target_type: 'ip',
        vpc_id: t.ref('aws_vpc', 'network/vpc'),
        health_check: {
          path: config.service.healthCheckPath,
          interval: healthCheck.intervalSeconds,
          timeout: healthCheck.timeoutSeconds,
          healthy_threshold: healthCheck.healthyThreshold,
          unhealthy_threshold: healthCheck.unhealthyThreshold,
          matcher: healthCheck.matcher,
        },
      });
    });
  });

  describe('certificate', () => {
    if (config.certificate.mode === 'self-signed') {
      const { domainName } = config.certificate;
      it('imports the self-signed PEMs from the two variables (the key sensitive) for the configured name', () => {
        expect(t.resource('aws_acm_certificate', 'certificate/imported')).toMatchObject({
          private_key: `\${var.${CERTIFICATE_VARIABLES.privateKey}}`,
          certificate_body: `\${var.${CERTIFICATE_VARIABLES.certificateBody}}`,
          tags: { Name: domainName },
        });
        const variables = t.json.variable as Record<string, Block>;
        expect(Object.keys(variables).sort()).toEqual(Object.values(CERTIFICATE_VARIABLES).sort());
        expect(variables[CERTIFICATE_VARIABLES.privateKey]).toMatchObject({ sensitive: true });
      });
    }
    if (config.certificate.mode === 'dns') {
      const { zoneName, zoneDeletionProtection } = config.certificate;
      it(`validates a certificate in the zone ${zoneName} and points the service's name at the ALB`, () => {
        expect(t.resource('aws_route53_zone', 'certificate/zone/zone')).toMatchObject({
          name: zoneName,
          lifecycle: zoneDeletionProtection ? { prevent_destroy: true } : undefined,
        });
        for (const type of ['a', 'aaaa']) {
          expect(t.resource('aws_route53_record', `certificate/zone/alias-alb-${type}`)).toMatchObject({
            name: serviceHostName(config.certificate),
            alias: {
              name: t.ref('aws_lb', 'alb/load-balancer', 'dns_name'),
              zone_id: t.ref('aws_lb', 'alb/load-balancer', 'zone_id'),
            },
          });
        }
        expect(t.json.variable).toBeUndefined();
      });
    }

    it('outputs the HTTPS URL of the name the certificate covers', () => {
      expect(t.outputs().https_url?.value).toBe(`https://${serviceHostName(config.certificate)}`);
    });
  });

  describe('security groups', () => {
    it('let the configured CIDRs reach the load balancer on 80 and 443 only', () => {
      expect(rulesOf(t, 'ingress', SG.alb)).toEqual(
        sortedRules(config.loadBalancer.ingressCidrs.flatMap((cidr) => [fromCidr(cidr, 80), fromCidr(cidr, 443)])),
      );
    });

    it(`let the load balancer reach the tasks on ${port}, and nothing else reach them`, () => {
      expect(rulesOf(t, 'egress', SG.alb)).toEqual([fromGroup(t, port, SG.service)]);
      expect(rulesOf(t, 'ingress', SG.service)).toEqual([fromGroup(t, port, SG.alb)]);
    });

    it('let the tasks out on HTTPS only (AWS APIs, ECR, Secrets Manager through the NAT gateways)', () => {
      expect(rulesOf(t, 'egress', SG.service)).toEqual([fromCidr(ANYWHERE, 443)]);
    });

    it('are these two, and no rule opens another group', () => {
      expect(t.count('aws_security_group')).toBe(2);
      expect(groupsWithRules(t, Object.values(SG))).toEqual(Object.values(SG).sort());
    });
  });

  describe('service', () => {
    const { service } = config;

    it('runs in a cluster with the configured Container Insights, logging for the configured days', () => {
      expect(t.resource('aws_ecs_cluster', 'cluster/cluster')).toMatchObject({
        name: prefix,
        setting: [{ name: 'containerInsights', value: config.cluster.containerInsights }],
      });
      for (const group of ['cluster/log-group', 'service/log-group']) {
        expect(t.resource('aws_cloudwatch_log_group', group).retention_in_days).toBe(config.cluster.logRetentionInDays);
      }
      expect(t.resource('aws_cloudwatch_log_group', 'service/log-group').name).toBe(`/ecs/${prefix}/app`);
    });

    it('runs the configured task size, keeping replaced revisions registered', () => {
      expect(t.resource('aws_ecs_task_definition', 'service/task-definition')).toMatchObject({
        family: prefix,
        cpu: String(service.cpu),
        memory: String(service.memoryMiB),
        skip_destroy: true,
      });
    });

    it('runs the first image tag from its repository, read-only, on the container port, with its health check', () => {
      const container = containerOf(t);
      const repositoryUrl = t.ref('aws_ecr_repository', 'repository/repository', 'repository_url');
      expect(container).toMatchObject({
        name: 'app',
        image: `${repositoryUrl}:${service.imageTag}`,
        readonlyRootFilesystem: service.readonlyRootFilesystem,
        portMappings: [{ containerPort: port, protocol: 'tcp' }],
      });
      const { probe, intervalSeconds, timeoutSeconds, retries, startPeriodSeconds } = service.containerHealthCheck;
      expect(container.healthCheck).toEqual({
        command: [
          'CMD',
          probe,
          expect.any(String),
          expect.stringContaining(`'http://localhost:${port}${service.healthCheckPath}'`),
        ],
        interval: intervalSeconds,
        timeout: timeoutSeconds,
        retries,
        startPeriod: startPeriodSeconds,
      });
    });

    it('gets the configured variables plainly and each key of the database secret as a secret, never plainly', () => {
      const container = containerOf(t);
      const secretArn = t.ref('aws_secretsmanager_secret', 'database-secret/secret', 'arn');
      expect(byName(container.environment)).toEqual(service.environment);
      expect(byName(container.secrets)).toEqual(
        Object.fromEntries(config.databaseSecret.jsonKeys.map((key) => [key, `${secretArn}:${key}::`])),
      );
    });

    it('runs the desired count in the private subnets behind the target group, rolling as configured', () => {
      expect(t.resource('aws_ecs_service', 'service/service')).toMatchObject({
        name: prefix,
        cluster: t.ref('aws_ecs_cluster', 'cluster/cluster', 'arn'),
        desired_count: service.capacity.desired,
        deployment_maximum_percent: config.deployment.maximumPercent,
        deployment_minimum_healthy_percent: config.deployment.minimumHealthyPercent,
        deployment_circuit_breaker: {
          enable: config.deployment.circuitBreakerRollback,
          rollback: config.deployment.circuitBreakerRollback,
        },
        health_check_grace_period_seconds: service.healthCheckGracePeriodSeconds,
        network_configuration: {
          subnets: subnetRefs(t, 'private', zones.length),
          security_groups: [t.ref('aws_security_group', SG.service)],
          assign_public_ip: false,
        },
        load_balancer: [
          {
            target_group_arn: t.ref('aws_lb_target_group', TARGET_GROUP, 'arn'),
            container_name: 'app',
            container_port: port,
          },
        ],
        // Releases (the task definition) belong to the deploy workflow, the count to auto scaling.
        lifecycle: { ignore_changes: ['desired_count', 'task_definition'] },
      });
    });

    it('scales within the configured capacity on CPU and on memory, with the configured cooldowns', () => {
      expect(t.resource('aws_appautoscaling_target', 'service/scalable-target')).toMatchObject({
        min_capacity: service.capacity.min,
        max_capacity: service.capacity.max,
      });
      const policy = (kind: string, target: number, metric: string) =>
        expect(
          t.resource('aws_appautoscaling_policy', `service/${kind}-scaling-policy`)
            .target_tracking_scaling_policy_configuration,
        ).toEqual({
          target_value: target,
          scale_in_cooldown: config.deployment.scaleInCooldownSeconds,
          scale_out_cooldown: config.deployment.scaleOutCooldownSeconds,
          predefined_metric_specification: { predefined_metric_type: metric },
        });
      policy('cpu', service.cpuTargetPercent, 'ECSServiceAverageCPUUtilization');
      policy('memory', service.memoryTargetPercent, 'ECSServiceAverageMemoryUtilization');
    });

    it('lets the execution role read exactly the database secret and decrypt with exactly its key', () => {
      const statements = statementsOf(t, 'service/execution-permissions');
      expect(statements.find((statement) => statement.sid === 'ReadContainerSecrets')).toMatchObject({
        actions: ['secretsmanager:GetSecretValue'],
        resources: [t.ref('aws_secretsmanager_secret', 'database-secret/secret', 'arn')],
      });
      expect(statements.find((statement) => statement.sid === 'DecryptContainerSecrets')).toMatchObject({
        actions: ['kms:Decrypt'],
        resources: [t.ref('aws_kms_key', 'database-secret/key', 'arn')],
      });
      expect(statements.find((statement) => statement.sid === 'EcrPullImages')?.resources).toEqual([
        t.ref('aws_ecr_repository', 'repository/repository', 'arn'),
      ]);
    });

    it('gives the application (task role) no permissions', () => {
      const inlinePolicies = t.all('aws_iam_role_policy').map((policy) => policy.role);
      expect(inlinePolicies).not.toContain(t.ref('aws_iam_role', 'service/task-role'));
      expect(t.count('aws_iam_role_policy_attachment')).toBe(0);
    });
  });

  it('keeps the database configuration in a secret under its own rotating key, recoverable as configured', () => {
    expect(t.resource('aws_secretsmanager_secret', 'database-secret/secret')).toMatchObject({
      name: `${prefix}/database`,
      kms_key_id: t.ref('aws_kms_key', 'database-secret/key', 'arn'),
      recovery_window_in_days: config.databaseSecret.recoveryWindowInDays,
    });
    expect(t.resource('aws_kms_key', 'database-secret/key').enable_key_rotation).toBe(true);
    expect(t.count('aws_secretsmanager_secret_version')).toBe(0);
  });

  it(`pushes to ${prefix}, with the configured scanning, tags, encryption and lifecycle`, () => {
    const { registry } = config;
    expect(t.resource('aws_ecr_repository', 'repository/repository')).toMatchObject({
      name: prefix,
      image_scanning_configuration: { scan_on_push: registry.scanOnPush },
      image_tag_mutability: registry.imageTagMutability,
      encryption_configuration: [{ encryption_type: registry.encryption }],
    });
    const policy = JSON.parse(String(t.resource('aws_ecr_lifecycle_policy', 'repository/lifecycle-policy').policy)) as {
      rules: Array<{ selection: Block }>;
    };
    expect(policy.rules.map((rule) => rule.selection)).toEqual([
      expect.objectContaining({ tagStatus: 'untagged', countNumber: registry.expireUntaggedAfterDays }),
      expect.objectContaining({
        tagPatternList: registry.keepTaggedImages.tagPatterns,
        countNumber: registry.keepTaggedImages.count,
      }),
    ]);
  });

  describe('monitoring', () => {
    const { monitoring } = config;
    const topic = () => t.ref('aws_sns_topic', 'alarm-topic/topic', 'arn');
    const timing = () => ({
      period: monitoring.periodSeconds,
      evaluation_periods: monitoring.evaluationPeriods,
      alarm_actions: [topic()],
      ok_actions: [topic()],
    });

    it(`alarms to ${prefix}-alarms (encrypted), to which the environment contact is subscribed`, () => {
      expect(t.resource('aws_sns_topic', 'alarm-topic/topic')).toMatchObject({
        name: `${prefix}-alarms`,
        kms_master_key_id: t.ref('aws_kms_key', 'alarm-topic/key', 'arn'),
      });
      expect(t.all('aws_sns_topic_subscription')).toEqual([
        expect.objectContaining({ topic_arn: topic(), protocol: 'email', endpoint: environment.contactEmail }),
      ]);
    });

    it('alarms on the service average CPU and memory at the configured thresholds', () => {
      const service = {
        ClusterName: t.ref('aws_ecs_cluster', 'cluster/cluster', 'name'),
        ServiceName: t.ref('aws_ecs_service', 'service/service', 'name'),
      };
      for (const [kind, threshold, metric] of [
        ['cpu', monitoring.cpuAlarmPercent, 'CPUUtilization'],
        ['memory', monitoring.memoryAlarmPercent, 'MemoryUtilization'],
      ] as const) {
        expect(t.resource('aws_cloudwatch_metric_alarm', `${kind}-alarm/alarm`)).toMatchObject({
          alarm_name: `${prefix}-${kind}-high`,
          namespace: 'AWS/ECS',
          metric_name: metric,
          dimensions: service,
          statistic: 'Average',
          comparison_operator: 'GreaterThanThreshold',
          threshold,
          ...timing(),
        });
      }
    });

    it('alarms on unhealthy targets, the response-time percentile, and the 5xx share of the ALB requests', () => {
      const loadBalancer = t.ref('aws_lb', 'alb/load-balancer', 'arn_suffix');
      const targetGroup = t.ref('aws_lb_target_group', TARGET_GROUP, 'arn_suffix');
      expect(t.resource('aws_cloudwatch_metric_alarm', 'unhealthy-targets-alarm/alarm')).toMatchObject({
        metric_name: 'UnHealthyHostCount',
        dimensions: { LoadBalancer: loadBalancer, TargetGroup: targetGroup },
        statistic: 'Maximum',
        threshold: monitoring.unhealthyTargetsThreshold,
        ...timing(),
      });
      expect(t.resource('aws_cloudwatch_metric_alarm', 'response-time-alarm/alarm')).toMatchObject({
        metric_name: 'TargetResponseTime',
        extended_statistic: `p${monitoring.responseTimePercentile}`,
        threshold: monitoring.responseTimeSeconds,
        ...timing(),
      });
      const errorRate = t.resource('aws_cloudwatch_metric_alarm', 'error-rate-alarm/alarm');
      expect(errorRate).toMatchObject({
        alarm_name: `${prefix}-alb-5xx-error-rate`,
        comparison_operator: 'GreaterThanThreshold',
        threshold: monitoring.http5xxErrorRatePercent,
        treat_missing_data: 'notBreaching',
        evaluation_periods: monitoring.evaluationPeriods,
      });
      const queries = errorRate.metric_query as Block[];
      expect(queries.filter((query) => query.metric).map((query) => query.metric)).toEqual(
        ['HTTPCode_Target_5XX_Count', 'HTTPCode_ELB_5XX_Count', 'RequestCount'].map((metricName) =>
          expect.objectContaining({
            metric_name: metricName,
            dimensions: { LoadBalancer: loadBalancer },
            stat: 'Sum',
            period: monitoring.periodSeconds,
          }),
        ),
      );
      expect(t.count('aws_cloudwatch_metric_alarm')).toBe(5);
    });

    it('has a dashboard with ECS, target health and ALB widgets', () => {
      const body = String(t.resource('aws_cloudwatch_dashboard', 'overview/dashboard').dashboard_body);
      for (const metric of [
        '"AWS/ECS", "CPUUtilization"',
        '"AWS/ECS", "MemoryUtilization"',
        '"AWS/ApplicationELB", "HealthyHostCount"',
        '"AWS/ApplicationELB", "HTTPCode_ELB_5XX_Count"',
      ]) {
        expect(body).toContain(metric);
      }
    });
  });

  describe('GitHub deploy role', () => {
    const providerArn = `arn:aws:iam::${environment.accountId}:oidc-provider/${GITHUB_OIDC_HOST}`;
    const { github } = config;

    it(`${github.oidcProvider === 'create' ? 'creates' : 'reuses'} the account's OIDC provider and trusts it`, () => {
      expect(t.count('aws_iam_openid_connect_provider')).toBe(github.oidcProvider === 'create' ? 1 : 0);
      const [trust] = statementsOf(t, 'github-deploy-role/trust-policy');
      expect(trust?.principals).toEqual([{ type: 'Federated', identifiers: [providerArn] }]);
    });

    it('trusts aud sts.amazonaws.com and exactly the configured branches and GitHub environments of one repository', () => {
      const [trust] = statementsOf(t, 'github-deploy-role/trust-policy');
      expect(trust?.condition).toEqual([
        { test: 'StringEquals', variable: `${GITHUB_OIDC_HOST}:aud`, values: ['sts.amazonaws.com'] },
        {
          test: 'StringEquals',
          variable: `${GITHUB_OIDC_HOST}:sub`,
          values: [
            ...github.branches.map((branch) => `repo:${github.repository}:ref:refs/heads/${branch}`),
            ...github.environments.map((name) => `repo:${github.repository}:environment:${name}`),
          ],
        },
      ]);
      expect(githubTrustProblems(t)).toEqual({ [`${prefix}-github-deploy`]: [] });
      expect(t.resource('aws_iam_role', 'github-deploy-role/role')).toMatchObject({ name: `${prefix}-github-deploy` });
    });

    if (environment.production) {
      it('is assumable only from the GitHub environment, not from any branch', () => {
        const [trust] = statementsOf(t, 'github-deploy-role/trust-policy');
        const subjects = trust!.condition!.find((condition) => condition.variable.endsWith(':sub'))!.values;
        expect(subjects).toEqual([`repo:${github.repository}:environment:${envName}`]);
      });
    }

    it("may push this repository's images, release this service, and use this stack's state: nothing else", () => {
      expectDeployPermissions(t, environment);
    });

    it('has no action that creates or changes IAM, and no write on *', () => {
      const statements = statementsOf(t, 'github-deploy-role/policy');
      const actions = statements.flatMap((statement) => statement.actions);
      // iam:PassRole it has, for the task roles only (asserted above); none of the runner's role and profile changes.
      for (const action of [...TERRAFORM_RUNNER_IAM_ACTIONS, ...TERRAFORM_RUNNER_PROFILE_ACTIONS]) {
        expect(actions).not.toContain(action);
      }
      const onEverything = statements.filter((statement) => statement.resources.includes('*'));
      expect(
        onEverything.flatMap((statement) => statement.actions).filter((a) => !/:(Describe|Get|List)/.test(a)),
      ).toEqual([]);
    });
  });

  it('outputs what the deploy workflow and operators use', () => {
    expect(Object.keys(t.outputs()).sort()).toEqual(
      [
        'alarm_topic_arn',
        'alb_dns_name',
        'certificate_arn',
        'certificate_mode',
        'cluster_name',
        'container_name',
        'database_secret_arn',
        'deploy_role_arn',
        'health_check_path',
        'https_url',
        'repository_url',
        'service_name',
        'task_definition_family',
        ...(config.certificate.mode === 'dns' ? ['zone_name_servers'] : []),
      ].sort(),
    );
    expect(t.outputs().task_definition_family?.value).toBe(
      t.ref('aws_ecs_task_definition', 'service/task-definition', 'family'),
    );
  });
});

describe('ecs-service variants (config patches of a shipped environment)', () => {
  const build = (name: string, patch: Record<string, unknown>, environmentPatch: Record<string, unknown> = {}) => {
    const { project, environment } = configVariant(name, { ...environmentPatch, ecsService: patch });
    const config = environment.ecsService!;
    return {
      environment,
      config,
      t: Template.fromStack(new EcsServiceStack(testApp(), { project, environment, target: AWS_TARGET, config })),
    };
  };

  describe('with an ACM certificate', () => {
    const certificateArn = 'arn:aws:acm:us-east-1:123456789012:certificate/1234abcd-12ab-34cd-56ef-1234567890ab';
    const { config, t } = build('dev', {
      certificate: { mode: 'acm', certificateArn, domainName: 'webapp.example.org' },
    });

    it('serves that certificate and creates none, with no variable to set', () => {
      expectHttpsOnly(t, config);
      expect(t.count('aws_acm_certificate')).toBe(0);
      expect(t.json.variable).toBeUndefined();
      expect(t.outputs().https_url?.value).toBe('https://webapp.example.org');
    });
  });

  describe('with a certificate validated in an existing zone', () => {
    const zoneId = 'Z0EXAMPLE1234567890AB';
    const { config, t } = build('prod', {
      certificate: { mode: 'dns-existing-zone', zoneId, domainName: 'webapp.example.org' },
    });

    it('validates a certificate for the name in that zone, serves it, and aliases the name to the ALB', () => {
      expectHttpsOnly(t, config);
      expect(t.count('aws_route53_zone')).toBe(0);
      expect(t.resource('aws_acm_certificate', 'certificate/certificate')).toMatchObject({
        domain_name: 'webapp.example.org',
        validation_method: 'DNS',
      });
      expect(t.resource('aws_route53_record', 'certificate/certificate-validation')).toMatchObject({
        zone_id: zoneId,
        allow_overwrite: true,
      });
      expect(t.resource('aws_route53_record', 'alb-alias')).toEqual({
        zone_id: zoneId,
        name: 'webapp.example.org',
        type: 'A',
        alias: {
          name: t.ref('aws_lb', 'alb/load-balancer', 'dns_name'),
          zone_id: t.ref('aws_lb', 'alb/load-balancer', 'zone_id'),
          evaluate_target_health: true,
        },
      });
      expect(t.outputs().https_url?.value).toBe('https://webapp.example.org');
    });

    it('lets the deploy role read that zone to plan', () => {
      expect(statementsOf(t, 'github-deploy-role/policy').find((s) => s.sid === 'RefreshZone')?.resources).toEqual([
        `arn:aws:route53:::hostedzone/${zoneId}`,
      ]);
    });
  });

  describe('with a subdomain of a DNS zone and the OIDC provider created', () => {
    const { t } = build(
      'dev',
      {
        certificate: { mode: 'dns', zoneName: 'example.net', subdomain: 'webapp', zoneDeletionProtection: false },
        github: { oidcProvider: 'create' },
      },
      // The account's provider moves from ec2-web to this stack.
      { ec2Web: { github: { oidcProvider: 'existing' } } },
    );

    it('points webapp.<zone> at the load balancer, and leaves the zone destroyable', () => {
      expect(t.resource('aws_route53_record', 'certificate/zone/alias-alb-a').name).toBe('webapp.example.net');
      expect(t.resource('aws_route53_zone', 'certificate/zone/zone').lifecycle).toBeUndefined();
    });

    it('creates the OIDC provider, trusts it, and lets the deploy role read it to plan', () => {
      const provider = t.ref('aws_iam_openid_connect_provider', 'github-oidc/provider', 'arn');
      expect(statementsOf(t, 'github-deploy-role/trust-policy')[0]?.principals).toEqual([
        { type: 'Federated', identifiers: [provider] },
      ]);
      expect(statementsOf(t, 'github-deploy-role/policy').find((s) => s.sid === 'RefreshOidcProvider')).toMatchObject({
        actions: ['iam:GetOpenIDConnectProvider'],
        resources: [provider],
      });
    });
  });
});
