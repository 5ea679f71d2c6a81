/**
 * Blueprint `ec2-web` (seed 000): how it wires its modules together. For every configured environment with an
 * `ec2Web` section, its shipped stacks (`ec2-web-<env>` and `ec2-web-<env>-atlas`, synthesized once per jest run) are
 * compared with that environment's resolved config: which security group reaches which on which port, which subnets
 * each tier is in, what the target group, instances, scaling, cache, alarms and GitHub roles take from config, the
 * IAM policies scoped to this blueprint's resources, and the Atlas stack's cross-stack reference to the NAT IPs. The
 * variants the shipped config leaves off (a certificate with SSH CIDRs, self-hosted MongoDB) are config patches,
 * synthesized here once each.
 *
 * Not here: the document's numbers (asserted once, as the schema defaults, in __tests__/config/ec2-web.test.ts) and
 * what a module makes of its props (its own test in __tests__/modules/).
 */
import { TerraformStack } from 'cdktf';
import { AWS_TARGET } from '../../modules/core/deployment-target';
import { ECR_PUSH_ACTIONS, GITHUB_OIDC_HOST } from '../../modules/github-oidc';
import { atlasRegionName, MONGODB_PORT } from '../../modules/mongodb';
import type { Ec2WebConfig } from '../../src/blueprints/ec2-web/schema';
import { createEc2WebStacks, Ec2WebStack } from '../../src/blueprints/ec2-web/stack';
import { loadConfig } from '../../src/config/load';
import type { EnvironmentConfig } from '../../src/config/schema';
import {
  configuredNetwork,
  configVariant,
  environmentsDeploying,
  expectLoadBalancerFromConfig,
  expectRedisFromConfig,
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
import { manifest, stackNames, synthesizedStack } from '../helpers/synthesized-app';
import { Template, testApp } from '../helpers/template';

type Block = Record<string, unknown>;

const { stateBackend } = loadConfig({}).project;
const deployed = environmentsDeploying('ec2Web');

const SG = {
  alb: 'alb/sg/group',
  instances: 'instances/security-group/group',
  cache: 'cache/security-group/group',
  mongodb: 'mongodb/security-group/group',
};
const ANYWHERE = '0.0.0.0/0';
const GITHUB_ROLES = ['frontend', 'backend', 'infra'] as const;

const prefixOf = (environment: EnvironmentConfig) => `${environment.ec2Web!.appName}-${environment.name}`;
const zonesOf = (environment: EnvironmentConfig) => environment.availabilityZones[environment.region]!;

/** The statements of an `aws_iam_policy_document` data source. */
function statementsOf(t: Template, path: string): Block[] {
  return t.dataSource('aws_iam_policy_document', path).statement as Block[];
}

/** The launch template's user data (the script inside `base64encode("...")`). */
function userDataOf(t: Template, path = 'instances/launch-template'): string {
  return String(t.resource('aws_launch_template', path).user_data);
}

/** The container's `-e KEY='value'` variables in the instances' user data. */
function containerEnvironment(t: Template): Record<string, string> {
  const matches = userDataOf(t).matchAll(/-e ([A-Za-z_]\w*)='([^']*)'/g);
  return Object.fromEntries([...matches].map(([, key, value]) => [key, value]));
}

/** The listener that forwards to the backend: HTTPS 443 with the configured certificate, else plain HTTP 80. */
function expectServingListener(t: Template, config: Ec2WebConfig): void {
  const { certificateArn } = config.loadBalancer;
  expect(t.resource('aws_lb_listener', certificateArn ? 'alb/https-listener' : 'alb/http-listener')).toMatchObject({
    load_balancer_arn: t.ref('aws_lb', 'alb/load-balancer', 'arn'),
    port: certificateArn ? 443 : 80,
    ...(certificateArn ? { certificate_arn: certificateArn } : {}),
    default_action: [
      { type: 'forward', target_group_arn: t.ref('aws_lb_target_group', 'alb/target-group-backend', 'arn') },
    ],
  });
}

/** The configured CIDRs reach the ALB on 80, and on 443 once it has a certificate; nothing else does. */
function expectAlbIngress(t: Template, config: Ec2WebConfig): void {
  const ports = config.loadBalancer.certificateArn ? [80, 443] : [80];
  expect(rulesOf(t, 'ingress', SG.alb)).toEqual(
    sortedRules(config.loadBalancer.ingressCidrs.flatMap((cidr) => ports.map((port) => fromCidr(cidr, port)))),
  );
}

/** The instances take the target-group port from the ALB and SSH from the configured CIDRs, nothing else. */
function expectInstanceIngress(t: Template, config: Ec2WebConfig): void {
  expect(rulesOf(t, 'ingress', SG.instances)).toEqual(
    sortedRules([
      fromGroup(t, config.loadBalancer.targetGroup.port, SG.alb),
      ...config.instances.sshCidrs.map((cidr) => fromCidr(cidr, 22)),
    ]),
  );
}

/** CloudFront's `/api/*` origin: the name the certificate covers over HTTPS, else the ALB itself over HTTP. */
function expectApiOrigin(t: Template, config: Ec2WebConfig): void {
  const distribution = t.resource('aws_cloudfront_distribution', 'frontend/distribution');
  const { originDomainName } = config.loadBalancer;
  expect((distribution.ordered_cache_behavior as Block[]).find((b) => b.path_pattern === '/api/*')).toMatchObject({
    target_origin_id: 'api',
  });
  expect((distribution.origin as Block[]).find((origin) => origin.origin_id === 'api')).toMatchObject({
    domain_name: originDomainName ?? t.ref('aws_lb', 'alb/load-balancer', 'dns_name'),
    custom_origin_config: { origin_protocol_policy: originDomainName ? 'https-only' : 'http-only' },
  });
}

/** A stack holding one GitHub role built by hand like `GithubActionsRole`, with the given `sub` condition. */
function handBuiltGithubRole(sub?: Condition, audience = 'sts.amazonaws.com'): Template {
  const condition: Condition[] = [
    { test: 'StringEquals', variable: `${GITHUB_OIDC_HOST}:aud`, values: [audience] },
    ...(sub ? [sub] : []),
  ];
  return new Template(
    JSON.stringify({
      data: {
        aws_iam_policy_document: {
          trust: {
            statement: [
              {
                effect: 'Allow',
                actions: ['sts:AssumeRoleWithWebIdentity'],
                principals: [{ type: 'Federated', identifiers: ['arn:aws:iam::123456789012:oidc-provider/x'] }],
                condition,
              },
            ],
          },
        },
      },
      resource: {
        aws_iam_role: {
          role: { name: 'hand-built-role', assume_role_policy: '${data.aws_iam_policy_document.trust.json}' },
        },
      },
    }),
  );
}

describe.each(deployed.map((environment) => environment.name))('ec2-web-%s', (envName) => {
  const environment = deployed.find((candidate) => candidate.name === envName)!;
  const config = environment.ec2Web!;
  const prefix = prefixOf(environment);
  const zones = zonesOf(environment);
  const tg = config.loadBalancer.targetGroup;
  let t: Template;
  beforeAll(() => {
    t = synthesizedStack(`ec2-web-${envName}`);
  });

  it('builds its VPC from the network config: CIDRs, a subnet per AZ and tier, NAT gateways, flow-log retention', () => {
    expect(networkOf(t)).toEqual(configuredNetwork(environment, config.network));
  });

  describe('load balancer', () => {
    it('is in the public subnets behind its own group, with deletion protection and log expiry from config', () => {
      expectLoadBalancerFromConfig(t, prefix, config.loadBalancer, zones.length);
    });

    it(`registers the instances in ${envName}-backend-tg (the seed's name), with the configured port and checks`, () => {
      expect(t.resource('aws_lb_target_group', 'alb/target-group-backend')).toMatchObject({
        name: `${envName}-backend-tg`,
        port: tg.port,
        target_type: 'instance',
        vpc_id: t.ref('aws_vpc', 'network/vpc'),
        health_check: {
          path: tg.healthCheckPath,
          interval: tg.intervalSeconds,
          timeout: tg.timeoutSeconds,
          healthy_threshold: tg.healthyThreshold,
          unhealthy_threshold: tg.unhealthyThreshold,
        },
      });
    });

    it(`forwards ${config.loadBalancer.certificateArn ? 'HTTPS 443' : 'HTTP 80'} to that target group`, () => {
      expectServingListener(t, config);
    });
  });

  describe('security groups', () => {
    it('let the configured CIDRs reach the ALB on its listener ports only', () => {
      expectAlbIngress(t, config);
    });

    it('let the ALB send the target-group port to the instances only, and the instances take it from the ALB', () => {
      expect(rulesOf(t, 'egress', SG.alb)).toEqual([fromGroup(t, tg.port, SG.instances)]);
      expectInstanceIngress(t, config);
    });

    it('let only the instances reach Redis, on the configured port; Redis sends nothing', () => {
      expect(rulesOf(t, 'ingress', SG.cache)).toEqual([fromGroup(t, config.cache.port, SG.instances)]);
      expect(rulesOf(t, 'egress', SG.cache)).toEqual([]);
    });

    it('let the instances out to HTTP/HTTPS, to Redis, and to MongoDB Atlas on 27017 through the NAT gateways', () => {
      expect(rulesOf(t, 'egress', SG.instances)).toEqual(
        sortedRules([
          fromCidr(ANYWHERE, 80),
          fromCidr(ANYWHERE, 443),
          fromGroup(t, config.cache.port, SG.cache),
          fromCidr(ANYWHERE, MONGODB_PORT),
        ]),
      );
    });

    it('are these three, and no rule opens another group', () => {
      expect(t.count('aws_security_group')).toBe(3);
      expect(groupsWithRules(t, [SG.alb, SG.instances, SG.cache])).toEqual([SG.alb, SG.cache, SG.instances]);
    });
  });

  describe('instances', () => {
    it('run the configured capacity in the private subnets, health-checked and registered in the target group', () => {
      const { capacity } = config.instances;
      expect(t.resource('aws_autoscaling_group', 'instances/group')).toMatchObject({
        min_size: capacity.min,
        max_size: capacity.max,
        desired_capacity: capacity.desired,
        health_check_type: config.instances.healthCheckType,
        health_check_grace_period: config.instances.healthCheckGracePeriodSeconds,
        vpc_zone_identifier: subnetRefs(t, 'private', zones.length),
        target_group_arns: [t.ref('aws_lb_target_group', 'alb/target-group-backend', 'arn')],
      });
    });

    it(`launch the configured type, AMI and root volume under the role ${prefix}-EC2CloudWatchRole`, () => {
      expect(t.resource('aws_launch_template', 'instances/launch-template')).toMatchObject({
        image_id: `resolve:ssm:${config.instances.amiSsmParameter}`,
        instance_type: config.instances.instanceType,
        block_device_mappings: [
          { ebs: { volume_size: config.instances.rootVolumeGiB, volume_type: config.instances.rootVolumeType } },
        ],
      });
      expect(t.resource('aws_iam_role', 'instances/instance-role').name).toBe(`${prefix}-EC2CloudWatchRole`);
    });

    it('run the tagged image of the backend repository on the configured ports, logging to their log group', () => {
      const userData = userDataOf(t);
      const repositoryUrl = t.ref('aws_ecr_repository', 'backend-repository/repository', 'repository_url');
      expect(userData).toContain(`IMAGE='${repositoryUrl}:${config.instances.imageTag}'`);
      expect(userData).toContain(`-p ${tg.port}:${config.instances.containerPort}`);
      expect(userData).toContain(`LOG_GROUP='/aws/ec2/${envName}/backend'`);
      expect(t.resource('aws_cloudwatch_log_group', 'instances/log-group')).toMatchObject({
        name: `/aws/ec2/${envName}/backend`,
        retention_in_days: config.instances.logRetentionInDays,
      });
    });

    it('pass the configured environment, this Redis and the name of the Atlas connection secret', () => {
      expect(containerEnvironment(t)).toEqual({
        ...config.instances.environment,
        REDIS_HOST: t.ref('aws_elasticache_replication_group', 'cache/replication-group', 'primary_endpoint_address'),
        REDIS_PORT: String(config.cache.port),
        REDIS_TLS: String(config.cache.transitEncryption),
        ...(config.cache.iamAuthentication && { REDIS_USER: `${prefix}-app`, REDIS_AUTH: 'iam' }),
        AWS_REGION: environment.region,
        MONGODB_SECRET_NAME: `${prefix}/mongodb`,
      });
    });

    it('connect to Redis as its IAM user, the default user disabled', () => {
      expect(config.cache.iamAuthentication).toBe(true);
      const users = t.resources('aws_elasticache_user');
      expect(
        Object.values(users).map((user) => [user.user_name, user.access_string, user.authentication_mode]),
      ).toEqual([
        ['default', 'off -@all', { type: 'no-password-required' }],
        [`${prefix}-app`, 'on ~* +@all -@dangerous', { type: 'iam' }],
      ]);
      expect(t.resource('aws_elasticache_replication_group', 'cache/replication-group').user_group_ids).toEqual([
        t.ref('aws_elasticache_user_group', 'cache/user-group', 'user_group_id'),
      ]);
      const policy = JSON.parse(String(t.resource('aws_iam_role_policy', 'instances-redis-connect').policy)) as {
        Statement: Array<{ Action: string[]; Resource: string[] }>;
      };
      expect(policy.Statement).toEqual([
        {
          Sid: 'RedisConnect',
          Effect: 'Allow',
          Action: ['elasticache:Connect'],
          Resource: [
            t.ref('aws_elasticache_replication_group', 'cache/replication-group', 'arn'),
            t.ref('aws_elasticache_user', 'cache/iam-user', 'arn'),
          ],
        },
      ]);
    });

    it('may pull images from the backend repository only', () => {
      const pull = statementsOf(t, 'instances/instance-permissions').find((s) => s.sid === 'EcrPullAppImage');
      expect(pull?.resources).toEqual([t.ref('aws_ecr_repository', 'backend-repository/repository', 'arn')]);
    });

    it('scale up and down on the configured CPU thresholds, timing and cooldown', () => {
      const { scaling } = config;
      for (const [alarm, policy, threshold] of [
        ['cpu-high', 'scale-up-policy', scaling.scaleUpCpuPercent],
        ['cpu-low', 'scale-down-policy', scaling.scaleDownCpuPercent],
      ] as const) {
        expect(t.resource('aws_autoscaling_policy', `instances/${policy}`)).toMatchObject({
          autoscaling_group_name: t.ref('aws_autoscaling_group', 'instances/group', 'name'),
          cooldown: scaling.cooldownSeconds,
        });
        expect(t.resource('aws_cloudwatch_metric_alarm', `instances/${alarm}`)).toMatchObject({
          dimensions: { AutoScalingGroupName: t.ref('aws_autoscaling_group', 'instances/group', 'name') },
          threshold,
          period: scaling.periodSeconds,
          evaluation_periods: scaling.evaluationPeriods,
          alarm_actions: [t.ref('aws_autoscaling_policy', `instances/${policy}`, 'arn')],
        });
      }
    });
  });

  describe('frontend', () => {
    it('caches with the configured TTLs and price class, and expires old bucket versions as configured', () => {
      const { frontend } = config;
      expect(t.resource('aws_cloudfront_cache_policy', 'frontend/default-cache-policy')).toMatchObject({
        default_ttl: frontend.defaultTtlSeconds,
      });
      expect(t.resource('aws_cloudfront_cache_policy', 'frontend/assets-cache-policy')).toMatchObject({
        min_ttl: frontend.assetsTtlSeconds,
        default_ttl: frontend.assetsTtlSeconds,
        max_ttl: frontend.assetsTtlSeconds,
      });
      expect(t.resource('aws_cloudfront_distribution', 'frontend/distribution')).toMatchObject({
        price_class: frontend.priceClass,
      });
      const rules = t.resource('aws_s3_bucket_lifecycle_configuration', 'frontend/bucket/lifecycle').rule as Block[];
      expect(rules).toContainEqual(
        expect.objectContaining({
          noncurrent_version_expiration: [{ noncurrent_days: frontend.noncurrentVersionExpirationDays }],
        }),
      );
    });

    it('sends /api/* to the ALB', () => {
      expectApiOrigin(t, config);
    });
  });

  describe('Redis', () => {
    it('runs the configured replication group in the private subnets, behind its own group', () => {
      expectRedisFromConfig(t, prefix, config.cache, zones.length);
    });

    it(`logs to /aws/elasticache/${envName}/redis/{slow,engine}-log, kept the configured days`, () => {
      const delivery = t.resource('aws_elasticache_replication_group', 'cache/replication-group')
        .log_delivery_configuration as Block[];
      for (const log of ['slow-log', 'engine-log']) {
        expect(t.resource('aws_cloudwatch_log_group', `cache/${log}-group`)).toMatchObject({
          name: `/aws/elasticache/${envName}/redis/${log}`,
          retention_in_days: config.cache.logRetentionInDays,
        });
        expect(delivery).toContainEqual(
          expect.objectContaining({
            log_type: log,
            destination: t.ref('aws_cloudwatch_log_group', `cache/${log}-group`, 'name'),
          }),
        );
      }
    });
  });

  describe('alarms', () => {
    const { monitoring } = config;
    const redisNodeIds = Array.from({ length: config.cache.numCacheClusters }, (_, i) => `${prefix}-00${i + 1}`);
    const toTopic = () => {
      const topic = t.ref('aws_sns_topic', 'alarm-topic/topic', 'arn');
      return {
        period: monitoring.periodSeconds,
        evaluation_periods: monitoring.evaluationPeriods,
        alarm_actions: [topic],
        ok_actions: [topic],
      };
    };

    it(`go to ${prefix}-alarms, to which the environment contact is subscribed`, () => {
      expect(t.resource('aws_sns_topic', 'alarm-topic/topic')).toMatchObject({ name: `${prefix}-alarms` });
      expect(t.all('aws_sns_topic_subscription')).toEqual([
        expect.objectContaining({
          topic_arn: t.ref('aws_sns_topic', 'alarm-topic/topic', 'arn'),
          protocol: 'email',
          endpoint: environment.contactEmail,
        }),
      ]);
    });

    it('watch the backend target group and the ALB response time at the configured thresholds', () => {
      const loadBalancer = t.ref('aws_lb', 'alb/load-balancer', 'arn_suffix');
      expect(t.resource('aws_cloudwatch_metric_alarm', 'unhealthy-targets-alarm/alarm')).toMatchObject({
        dimensions: {
          LoadBalancer: loadBalancer,
          TargetGroup: t.ref('aws_lb_target_group', 'alb/target-group-backend', 'arn_suffix'),
        },
        threshold: monitoring.unhealthyHostsThreshold,
        ...toTopic(),
      });
      const responseTime = t.resource('aws_cloudwatch_metric_alarm', 'response-time-alarm/alarm');
      expect(responseTime).toMatchObject({
        dimensions: { LoadBalancer: loadBalancer },
        extended_statistic: `p${monitoring.responseTimePercentile}`,
        threshold: monitoring.responseTimeSeconds,
        ...toTopic(),
      });
      expect(responseTime.statistic).toBeUndefined();
    });

    it(`watch memory and evictions of each of the ${redisNodeIds.length} Redis node(s), and nothing else`, () => {
      redisNodeIds.forEach((nodeId, index) => {
        expect(t.resource('aws_cloudwatch_metric_alarm', `redis-memory-alarm-${index}/alarm`)).toMatchObject({
          dimensions: { CacheClusterId: nodeId },
          threshold: monitoring.redisMemoryPercent,
          ...toTopic(),
        });
        expect(t.resource('aws_cloudwatch_metric_alarm', `redis-evictions-alarm-${index}/alarm`)).toMatchObject({
          dimensions: { CacheClusterId: nodeId },
          threshold: monitoring.redisEvictionsThreshold,
          ...toTopic(),
        });
      });
      // Two scaling alarms, two ALB alarms, the error rate, two per Redis node.
      expect(t.count('aws_cloudwatch_metric_alarm')).toBe(5 + 2 * redisNodeIds.length);
    });

    it(`watch the ALB's 5xx share of requests above ${monitoring.errorRate.percent}%, on its own window`, () => {
      const { errorRate } = monitoring;
      const topic = t.ref('aws_sns_topic', 'alarm-topic/topic', 'arn');
      const alarm = t.resource('aws_cloudwatch_metric_alarm', 'error-rate-alarm/alarm');
      expect(alarm).toMatchObject({
        alarm_name: `${prefix}-alb-5xx-error-rate`,
        comparison_operator: 'GreaterThanThreshold',
        threshold: errorRate.percent,
        evaluation_periods: errorRate.evaluationPeriods,
        alarm_actions: [topic],
        ok_actions: [topic],
      });
      const queries = alarm.metric_query as Block[];
      const loadBalancer = { LoadBalancer: t.ref('aws_lb', 'alb/load-balancer', 'arn_suffix') };
      expect(queries.filter((query) => query.metric)).toEqual(
        ['HTTPCode_Target_5XX_Count', 'HTTPCode_ELB_5XX_Count', 'RequestCount'].map((metricName) =>
          expect.objectContaining({
            metric: expect.objectContaining({
              metric_name: metricName,
              dimensions: loadBalancer,
              stat: 'Sum',
              period: errorRate.periodSeconds,
            }),
          }),
        ),
      );
      expect(queries.find((query) => query.return_data === true)?.expression).toBe(
        '100 * (FILL(target5xx, 0) + FILL(elb5xx, 0)) / requests',
      );
    });

    it(`count error lines of /aws/ec2/${envName}/backend with the configured pattern`, () => {
      expect(t.resource('aws_cloudwatch_log_metric_filter', 'backend-error-lines/filter')).toMatchObject({
        name: `${prefix}-backend-error-lines`,
        log_group_name: t.ref('aws_cloudwatch_log_group', 'instances/log-group', 'name'),
        pattern: monitoring.errorLogPattern,
        metric_transformation: {
          namespace: `${prefix}/backend`,
          name: 'ErrorLogLines',
          value: '1',
          default_value: '0',
        },
      });
      expect(t.resource('aws_cloudwatch_log_group', 'instances/log-group').name).toBe(`/aws/ec2/${envName}/backend`);
    });

    it('have a dashboard with what the document lists: ALB, EC2, every Redis node, and errors from logs', () => {
      const body = String(t.resource('aws_cloudwatch_dashboard', 'overview/dashboard').dashboard_body);
      const cacheMetrics = ['DatabaseMemoryUsagePercentage', 'EngineCPUUtilization', 'Evictions', 'NetworkBytesIn'];
      for (const fragment of [
        // ALB: requests, errors, response time (average and the SLO's percentile)
        '"AWS/ApplicationELB", "RequestCount"',
        '"AWS/ApplicationELB", "HTTPCode_Target_5XX_Count"',
        '"AWS/ApplicationELB", "HTTPCode_ELB_5XX_Count"',
        '"AWS/ApplicationELB", "TargetResponseTime"',
        `"stat" = "p${monitoring.responseTimePercentile}"`,
        // EC2: CPU and network
        '"AWS/EC2", "CPUUtilization"',
        '"AWS/EC2", "NetworkIn"',
        '"AWS/EC2", "NetworkOut"',
        // Redis: memory, CPU, evictions, network in, per node
        ...cacheMetrics.flatMap((metric) =>
          redisNodeIds.map((nodeId) => `"AWS/ElastiCache", "${metric}", "CacheClusterId", "${nodeId}"`),
        ),
        // Error rates from logs
        `"${prefix}/backend", "ErrorLogLines"`,
      ]) {
        expect(body).toContain(fragment);
      }
    });
  });

  describe('GitHub OIDC', () => {
    const creates = config.github.oidcProvider === 'create';

    it(`${creates ? 'creates' : 'reuses'} the account's OIDC provider, as github.oidcProvider says, and trusts it`, () => {
      expect(t.count('aws_iam_openid_connect_provider')).toBe(creates ? 1 : 0);
      const providerArn = creates
        ? t.ref('aws_iam_openid_connect_provider', 'github-oidc/provider', 'arn')
        : `arn:aws:iam::${environment.accountId}:oidc-provider/${GITHUB_OIDC_HOST}`;
      for (const name of GITHUB_ROLES) {
        const [trust] = statementsOf(t, `github-${name}-role/trust-policy`);
        expect(trust?.principals).toEqual([{ type: 'Federated', identifiers: [providerArn] }]);
      }
    });

    it.each(GITHUB_ROLES)(
      `lets only the configured repository, branches and environments assume ${envName}-github-%s-role`,
      (name) => {
        const { repository, branches, environments } = config.github[name];
        expect(t.resource('aws_iam_role', `github-${name}-role/role`)).toMatchObject({
          name: `${envName}-github-${name}-role`,
          assume_role_policy: t.dataRef('aws_iam_policy_document', `github-${name}-role/trust-policy`),
        });
        const [trust] = statementsOf(t, `github-${name}-role/trust-policy`);
        const sub = (trust?.condition as Condition[]).find((c) => c.variable === `${GITHUB_OIDC_HOST}:sub`);
        expect(sub?.values).toEqual([
          ...branches.map((branch) => `repo:${repository}:ref:refs/heads/${branch}`),
          ...environments.map((name) => `repo:${repository}:environment:${name}`),
        ]);
      },
    );

    it('has no role that another repository could assume', () => {
      const roles = GITHUB_ROLES.map((name) => `${envName}-github-${name}-role`);
      expect(githubTrustProblems(t)).toEqual(Object.fromEntries(roles.map((role) => [role, []])));
    });

    it('lets the frontend role sync this bucket and invalidate this distribution only', () => {
      const bucketArn = t.ref('aws_s3_bucket', 'frontend/bucket/bucket', 'arn');
      expect(statementsOf(t, 'github-frontend-role/policy').flatMap((s) => s.resources)).toEqual([
        bucketArn,
        `${bucketArn}/*`,
        t.ref('aws_cloudfront_distribution', 'frontend/distribution', 'arn'),
      ]);
    });

    it("lets the backend role push images to this repository, and nothing else (the rollout is Terraform's)", () => {
      expect(statementsOf(t, 'github-backend-role/policy')).toEqual([
        { sid: 'EcrLogin', effect: 'Allow', actions: ['ecr:GetAuthorizationToken'], resources: ['*'] },
        {
          sid: 'EcrPush',
          effect: 'Allow',
          // Push and pull (the module's test lists them).
          actions: [...ECR_PUSH_ACTIONS],
          resources: [t.ref('aws_ecr_repository', 'backend-repository/repository', 'arn')],
        },
      ]);
      // A release is a new image tag in the launch template: Terraform's change, which starts the instance refresh.
      expect(t.resource('aws_ecr_repository', 'backend-repository/repository').image_tag_mutability).toBe('IMMUTABLE');
      expect(t.resource('aws_autoscaling_group', 'instances/group').instance_refresh).toMatchObject({
        strategy: 'Rolling',
      });
    });

    it("lets the infra role use only this environment's ec2-web states, the lock table, its regions and roles", () => {
      const bucketArn = `arn:aws:s3:::${stateBackend.bucket}`;
      const iam = `arn:aws:iam::${environment.accountId}`;
      const statements = statementsOf(t, 'github-infra-role/policy');
      expect(Object.fromEntries(statements.map((s) => [s.sid, s.resources]))).toMatchObject({
        StateList: [bucketArn],
        StateObjects: [`ec2-web-${envName}`, `ec2-web-${envName}-atlas`].map(
          (stack) => `${bucketArn}/${stateBackend.keyPrefix}/${stack}/*`,
        ),
        StateLock: [
          `arn:aws:dynamodb:${stateBackend.region}:${stateBackend.accountId}:table/${stateBackend.lockTable}`,
        ],
        // Not the infra role itself: a role that could rewrite its own policy could make itself administrator.
        BlueprintRoles: [
          `${iam}:role/${prefix}-*`,
          `${iam}:role/${envName}-github-frontend-role`,
          `${iam}:role/${envName}-github-backend-role`,
        ],
        BlueprintBuckets: [`arn:aws:s3:::${prefix}-*`, `arn:aws:s3:::${prefix}-*/*`],
        BlueprintSecrets: [`arn:aws:secretsmanager:${environment.region}:${environment.accountId}:secret:${prefix}/*`],
      });
      const bySid = Object.fromEntries(statements.map((s) => [s.sid, s]));
      // Roles it changes must carry the boundary; it passes them to EC2 and flow logs only: no escalation path.
      expect(bySid.BlueprintRoles?.condition).toEqual([
        {
          test: 'StringEquals',
          variable: 'iam:PermissionsBoundary',
          values: [`${iam}:policy/${prefix}-role-boundary`],
        },
      ]);
      expect(bySid.PassBlueprintRoles?.condition).toEqual([
        {
          test: 'StringEquals',
          variable: 'iam:PassedToService',
          values: ['ec2.amazonaws.com', 'vpc-flow-logs.amazonaws.com'],
        },
      ]);
      // Nothing tagged for another environment (shared: the state backend).
      expect(bySid.OnlyOwnResources).toMatchObject({
        effect: 'Deny',
        condition: [
          { test: 'StringNotEqualsIfExists', variable: 'aws:ResourceTag/environment', values: [envName, 'shared'] },
        ],
      });
      const services = statements.find((s) => s.sid === 'BlueprintServices')!;
      const [region] = services.condition as Condition[];
      expect(region).toMatchObject({ test: 'StringEquals', variable: 'aws:RequestedRegion' });
      // CloudFront and its certificates live in us-east-1 whatever the stack's region.
      expect(new Set(region!.values)).toEqual(new Set([environment.region, 'us-east-1']));
    });
  });

  describe('outputs', () => {
    const outputs: ReadonlyArray<[string, () => unknown]> = [
      [
        'vpc_id',
        () => (config.network.existing ? config.network.existing.vpcId : t.ref('aws_vpc', 'network/vpc', 'id')),
      ],
      ['alb_dns_name', () => t.ref('aws_lb', 'alb/load-balancer', 'dns_name')],
      ['cloudfront_distribution_id', () => t.ref('aws_cloudfront_distribution', 'frontend/distribution', 'id')],
      ['cloudfront_domain_name', () => t.ref('aws_cloudfront_distribution', 'frontend/distribution', 'domain_name')],
      ['frontend_bucket', () => t.ref('aws_s3_bucket', 'frontend/bucket/bucket', 'bucket')],
      ['backend_repository_url', () => t.ref('aws_ecr_repository', 'backend-repository/repository', 'repository_url')],
      ['autoscaling_group_name', () => t.ref('aws_autoscaling_group', 'instances/group', 'name')],
      ['launch_template_name', () => t.ref('aws_launch_template', 'instances/launch-template', 'name')],
      [
        'redis_primary_endpoint',
        () => t.ref('aws_elasticache_replication_group', 'cache/replication-group', 'primary_endpoint_address'),
      ],
      ['alarm_topic_arn', () => t.ref('aws_sns_topic', 'alarm-topic/topic', 'arn')],
      [
        'dashboard_url',
        () =>
          `https://${environment.region}.console.aws.amazon.com/cloudwatch/home?region=${environment.region}` +
          `#dashboards/dashboard/${t.ref('aws_cloudwatch_dashboard', 'overview/dashboard', 'dashboard_name')}`,
      ],
      ...GITHUB_ROLES.map((name): [string, () => unknown] => [
        `github_${name}_role_arn`,
        () => t.ref('aws_iam_role', `github-${name}-role/role`, 'arn'),
      ]),
    ];

    it.each(outputs)('%s references its resource, with a description', (name, value) => {
      expect(t.outputs()[name]).toEqual({ value: value(), description: expect.any(String) });
    });

    it('are these, the NAT IPs for Atlas, and the cross-stack outputs cdktf adds', () => {
      const names = Object.keys(t.outputs()).filter((name) => !name.startsWith('cross-stack-output-'));
      expect(names.sort()).toEqual([...outputs.map(([name]) => name), 'nat_public_ips'].sort());
    });
  });

  it(`names the backend repository ${prefix}-backend`, () => {
    expect(t.resource('aws_ecr_repository', 'backend-repository/repository').name).toBe(`${prefix}-backend`);
  });

  it(`has the companion stack ec2-web-${envName}-atlas exactly when MongoDB runs on Atlas`, () => {
    expect(stackNames().includes(`ec2-web-${envName}-atlas`)).toBe(config.mongodb.mode === 'atlas');
  });

  const mongo = config.mongodb.mode === 'atlas' ? config.mongodb : undefined;
  if (mongo) {
    describe('MongoDB Atlas companion stack', () => {
      let atlas: Template;
      beforeAll(() => {
        atlas = synthesizedStack(`ec2-web-${envName}-atlas`);
      });

      it('is applied after the AWS stack, with the mongodbatlas and random providers beside aws', () => {
        expect(manifest().stacks[`ec2-web-${envName}-atlas`]?.dependencies).toContain(`ec2-web-${envName}`);
        const required = (atlas.json.terraform as Block).required_providers as Record<string, Block>;
        expect(Object.keys(required).sort()).toEqual(['aws', 'mongodbatlas', 'random']);
        expect(atlas.providers('mongodbatlas')).toHaveLength(1);
        expect(atlas.providers('random')).toHaveLength(1);
      });

      it('runs the configured cluster, named after the environment, in the environment region', () => {
        expect(atlas.resource('mongodbatlas_project', 'atlas/project')).toMatchObject({
          name: mongo.projectName ?? prefix,
          org_id: mongo.orgId,
        });
        expect(atlas.resource('mongodbatlas_advanced_cluster', 'atlas/cluster')).toMatchObject({
          name: mongo.clusterName ?? prefix,
          mongo_db_major_version: mongo.mongoDbMajorVersion,
          replication_specs: [
            {
              region_configs: [
                {
                  region_name: atlasRegionName(environment.region),
                  electable_specs: { instance_size: mongo.instanceSize, node_count: mongo.electableNodes },
                },
              ],
            },
          ],
        });
        expect(atlas.resource('mongodbatlas_cloud_backup_schedule', 'atlas/backup-schedule')).toMatchObject({
          // Continuous backup: point-in-time restores reach back the configured window (the document's 35 days).
          restore_window_days: mongo.pointInTimeRestoreWindowDays,
          policy_item_hourly: { retention_value: mongo.pointInTimeRestoreWindowDays },
          policy_item_daily: { retention_value: mongo.backupRetentionDays },
        });
        expect(atlas.resource('mongodbatlas_advanced_cluster', 'atlas/cluster')).toMatchObject({
          backup_enabled: true,
          pit_enabled: true,
        });
        expect(atlas.resource('mongodbatlas_database_user', 'atlas/database-user')).toMatchObject({
          username: mongo.username,
          roles: mongo.databases.map((database) => ({ role_name: 'readWrite', database_name: database })),
        });
      });

      it(`stores the connection in ${prefix}/mongodb, the one secret the instances may read`, () => {
        expect(atlas.resource('aws_secretsmanager_secret', 'atlas/secret')).toMatchObject({
          name: `${prefix}/mongodb`,
        });
        const policy = t.resource('aws_iam_role_policy', 'instances-mongodb-secret');
        expect(policy.role).toBe(t.ref('aws_iam_role', 'instances/instance-role'));
        expect(JSON.parse(String(policy.policy))).toEqual({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: ['secretsmanager:GetSecretValue'],
              Resource: `arn:aws:secretsmanager:${environment.region}:${environment.accountId}:secret:${prefix}/mongodb-*`,
            },
          ],
        });
      });

      it("admits the AWS stack's NAT IPs, read from its state by a cross-stack reference", () => {
        const remoteState = `cross-stack-reference-input-ec2-web-${envName}`;
        expect(atlas.dataSource('terraform_remote_state', remoteState)).toEqual({
          backend: 's3',
          config: {
            bucket: stateBackend.bucket,
            key: `${stateBackend.keyPrefix}/ec2-web-${envName}/terraform.tfstate`,
            region: stateBackend.region,
            encrypt: true,
            dynamodb_table: stateBackend.lockTable,
          },
          workspace: '${terraform.workspace}',
        });
        const natGateways = t.count('aws_nat_gateway');
        expect(atlas.count('mongodbatlas_project_ip_access_list')).toBe(natGateways);
        for (let index = 0; index < natGateways; index++) {
          const natIp = t.ref('aws_eip', `network/nat-eip-${index}`, 'public_ip');
          const [outputName] = Object.entries(t.outputs())
            .filter(([name, output]) => name.startsWith('cross-stack-output-') && output.value === natIp)
            .map(([name]) => name);
          expect(outputName).toBeDefined();
          const entry = atlas.resource('mongodbatlas_project_ip_access_list', `atlas/access-list-${index}`);
          expect(entry.project_id).toBe(atlas.ref('mongodbatlas_project', 'atlas/project'));
          expect(entry.cidr_block).toContain(`data.terraform_remote_state.${remoteState}.outputs.${outputName}`);
          expect(entry.cidr_block).not.toContain('aws_eip.');
        }
      });
    });
  }
});

describe('ec2-web variants (config patches of the first environment that deploys it)', () => {
  const base = deployed[0]!.name;

  describe('with a certificate and SSH CIDRs', () => {
    const { project, environment } = configVariant(base, {
      ec2Web: {
        loadBalancer: {
          certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc-123',
          originDomainName: 'api.example.com',
        },
        instances: { sshCidrs: ['203.0.113.0/24', '198.51.100.0/24'] },
      },
    });
    const config = environment.ec2Web!;
    let t: Template;
    beforeAll(() => {
      t = Template.fromStack(new Ec2WebStack(testApp(), { project, environment, target: AWS_TARGET, config }));
    });

    it('serves HTTPS 443 with that certificate, forwarding to the backend target group', () => {
      expectServingListener(t, config);
    });

    it('opens 443 beside 80 on the ALB, to the same CIDRs', () => {
      expectAlbIngress(t, config);
    });

    it('sends /api/* to the name the certificate covers, over HTTPS', () => {
      expectApiOrigin(t, config);
    });

    it('lets the SSH CIDRs reach the instances on 22, beside the ALB', () => {
      expectInstanceIngress(t, config);
    });
  });

  describe('with self-hosted MongoDB (mongodb.mode self-hosted)', () => {
    const { project, environment } = configVariant(base, {
      ec2Web: {
        mongodb: { mode: 'self-hosted', instanceType: 't3.large', dataVolumeGiB: 100, backupRetentionDays: 14 },
      },
    });
    const config = environment.ec2Web!;
    const mongo = config.mongodb;
    if (mongo.mode !== 'self-hosted') throw new Error('the variant runs MongoDB self-hosted');
    let stacks: TerraformStack[];
    let t: Template;
    beforeAll(() => {
      const app = testApp();
      createEc2WebStacks(app, { project, environment, target: AWS_TARGET, config });
      stacks = app.node.children.filter((child): child is TerraformStack => child instanceof TerraformStack);
      t = Template.fromStack(stacks[0]!);
    });

    it('has no Atlas stack, no cross-stack output and no Atlas secret to read', () => {
      expect(stacks.map((stack) => stack.node.id)).toEqual([`ec2-web-${base}`]);
      expect(Object.keys(t.outputs()).filter((name) => name.startsWith('cross-stack-output-'))).toEqual([]);
      expect(Object.keys(t.resources('aws_iam_role_policy'))).not.toContain('instances-mongodb-secret');
    });

    it('runs MongoDB on the configured instance and data volume, in the first private subnet and its AZ', () => {
      expect(t.resource('aws_instance', 'mongodb/instance')).toMatchObject({
        subnet_id: t.ref('aws_subnet', 'network/private-subnet-0'),
        vpc_security_group_ids: [t.ref('aws_security_group', SG.mongodb)],
      });
      expect(t.resource('aws_launch_template', 'mongodb/launch-template').instance_type).toBe(mongo.instanceType);
      expect(t.resource('aws_ebs_volume', 'mongodb/data-volume')).toMatchObject({
        availability_zone: zonesOf(environment)[0],
        size: mongo.dataVolumeGiB,
      });
      expect(t.resource('aws_s3_bucket_lifecycle_configuration', 'mongodb/backup-bucket/lifecycle')).toMatchObject({
        rule: [{ expiration: [{ days: mongo.backupRetentionDays }] }],
      });
    });

    it('lets only the instances reach 27017, and the instances reach it there instead of on the internet', () => {
      expect(rulesOf(t, 'ingress', SG.mongodb)).toEqual([fromGroup(t, MONGODB_PORT, SG.instances)]);
      const egress = rulesOf(t, 'egress', SG.instances);
      expect(egress).toContainEqual(fromGroup(t, MONGODB_PORT, SG.mongodb));
      expect(egress).not.toContainEqual(fromCidr(ANYWHERE, MONGODB_PORT));
    });

    it('tells the backend containers where MongoDB is instead of the Atlas secret', () => {
      expect(containerEnvironment(t)).toMatchObject({
        MONGODB_HOST: t.ref('aws_instance', 'mongodb/instance', 'private_ip'),
        MONGODB_PORT: String(MONGODB_PORT),
      });
      expect(containerEnvironment(t)).not.toHaveProperty('MONGODB_SECRET_NAME');
    });
  });
});

describe('GitHub trust check (githubTrustProblems)', () => {
  const repoSub = (values: string[], test = 'StringEquals'): Condition => ({
    test,
    variable: `${GITHUB_OIDC_HOST}:sub`,
    values,
  });

  it('passes a role pinned to one repository and branch', () => {
    const t = handBuiltGithubRole(repoSub(['repo:Kindee18/StartTech-Kindson-1148:ref:refs/heads/main']));
    expect(githubTrustProblems(t)).toEqual({ 'hand-built-role': [] });
  });

  it('fails a role whose sub is repo:*', () => {
    const t = handBuiltGithubRole(repoSub(['repo:*'], 'StringLike'));
    expect(githubTrustProblems(t)).toEqual({ 'hand-built-role': ['sub "repo:*" has a wildcard'] });
  });

  it('fails a role with an owner-wide sub, with no sub, or with another audience', () => {
    expect(githubTrustProblems(handBuiltGithubRole(repoSub(['repo:Kindee18/*'], 'StringLike')))).toEqual({
      'hand-built-role': ['sub "repo:Kindee18/*" has a wildcard'],
    });
    expect(githubTrustProblems(handBuiltGithubRole())).toEqual({
      'hand-built-role': ['no sub condition: every repository could assume it'],
    });
    expect(
      githubTrustProblems(
        handBuiltGithubRole(repoSub(['repo:Kindee18/StartTech-Kindson-1148:ref:refs/heads/main']), 'x'),
      ),
    ).toEqual({ 'hand-built-role': ['aud is not pinned to sts.amazonaws.com with StringEquals'] });
  });
});
