/**
 * Blueprint `ecs-fullstack` against seed 001, for both shipped environments: every security-group rule (port,
 * protocol, peer), the CIDRs, listeners and routes, task sizes, scaling, deployment settings, log groups, ECR
 * lifecycle, database and cache sizes, alarms and dashboard — and the dev/prod differences the document gives.
 * Each environment is synthesized once.
 */
import { App } from 'cdktf';
import { AWS_TARGET } from '../../modules/core/deployment-target';
import { EcsFullstackStack } from '../../src/blueprints/ecs-fullstack/stack';
import { loadConfig } from '../../src/config/load';
import type { EnvironmentConfig } from '../../src/config/schema';
import { Template, testApp } from '../helpers/template';

type Block = Record<string, unknown>;

const { project, environments } = loadConfig({});

function synth(environment: EnvironmentConfig): Template {
  const stack = new EcsFullstackStack(testApp() as App, {
    project,
    environment,
    target: AWS_TARGET,
    config: environment.ecsFullstack!,
  });
  return Template.fromStack(stack);
}

/** The ingress (or egress) rules of the security group at `groupPath`, without the group id. */
function rulesOf(t: Template, direction: 'ingress' | 'egress', groupPath: string): Block[] {
  const groupRef = t.ref('aws_security_group', groupPath);
  return t
    .all(`aws_vpc_security_group_${direction}_rule`)
    .filter((rule) => rule.security_group_id === groupRef)
    .map(({ security_group_id: _group, description: _description, ...rest }) => rest)
    .sort((a, b) => Number(a.from_port ?? 0) - Number(b.from_port ?? 0));
}

const SG = {
  alb: 'alb/sg/group',
  frontend: 'frontend-service/security-group/group',
  backend: 'backend-service/security-group/group',
  database: 'database/security-group/group',
  cache: 'cache/security-group/group',
};

describe.each(['dev', 'prod'] as const)('ecs-fullstack-%s', (envName) => {
  const environment = environments.find((candidate) => candidate.name === envName)!;
  const prefix = `portfolio-${envName}`;
  const zone = envName === 'dev' ? 'dev.therpiproject.com' : 'therpiproject.com';
  let t: Template;
  beforeAll(() => {
    t = synth(environment);
  });

  describe('network', () => {
    it('has VPC 10.0.0.0/16 with the public and private subnets of the document, one NAT gateway per AZ', () => {
      expect(t.resource('aws_vpc', 'network/vpc')).toMatchObject({ cidr_block: '10.0.0.0/16' });
      expect(
        t
          .all('aws_subnet')
          .map((subnet) => [subnet.cidr_block, subnet.availability_zone])
          .sort(),
      ).toEqual([
        ['10.0.1.0/24', 'us-east-1a'],
        ['10.0.10.0/24', 'us-east-1a'],
        ['10.0.11.0/24', 'us-east-1b'],
        ['10.0.2.0/24', 'us-east-1b'],
      ]);
      expect(t.count('aws_nat_gateway')).toBe(2);
    });
  });

  describe('DNS and TLS', () => {
    it(`hosts ${zone} with a DNS-validated wildcard certificate`, () => {
      expect(t.resource('aws_route53_zone', 'dns/zone')).toMatchObject({ name: zone });
      expect(t.resource('aws_acm_certificate', 'dns/certificate')).toMatchObject({
        domain_name: zone,
        subject_alternative_names: [`*.${zone}`],
        validation_method: 'DNS',
      });
    });

    it('points A and AAAA aliases at the load balancer and www at the apex', () => {
      for (const [path, type] of [
        ['dns/alias-alb-a', 'A'],
        ['dns/alias-alb-aaaa', 'AAAA'],
      ] as const) {
        expect(t.resource('aws_route53_record', path)).toMatchObject({
          name: zone,
          type,
          alias: {
            name: t.ref('aws_lb', 'alb/load-balancer', 'dns_name'),
            zone_id: t.ref('aws_lb', 'alb/load-balancer', 'zone_id'),
            evaluate_target_health: true,
          },
        });
      }
      expect(t.resource('aws_route53_record', 'dns/cname-www')).toMatchObject({
        name: `www.${zone}`,
        type: 'CNAME',
        records: [zone],
      });
    });
  });

  describe('load balancer', () => {
    it('is internet-facing in the public subnets, with access logs', () => {
      const lb = t.resource('aws_lb', 'alb/load-balancer');
      expect(lb).toMatchObject({
        internal: false,
        load_balancer_type: 'application',
        drop_invalid_header_fields: true,
        enable_deletion_protection: envName === 'prod',
        subnets: [t.ref('aws_subnet', 'network/public-subnet-0'), t.ref('aws_subnet', 'network/public-subnet-1')],
        access_logs: { enabled: true },
      });
    });

    it('redirects HTTP 80 to HTTPS 443 with a 301', () => {
      expect(t.resource('aws_lb_listener', 'alb/http-listener')).toMatchObject({
        port: 80,
        protocol: 'HTTP',
        default_action: [{ type: 'redirect', redirect: { port: '443', protocol: 'HTTPS', status_code: 'HTTP_301' } }],
      });
    });

    it('terminates TLS 1.3 on 443 with the validated certificate and sends everything else to the frontend', () => {
      expect(t.resource('aws_lb_listener', 'alb/https-listener')).toMatchObject({
        port: 443,
        protocol: 'HTTPS',
        ssl_policy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
        certificate_arn: t.ref('aws_acm_certificate_validation', 'dns/certificate-validation-wait', 'certificate_arn'),
        default_action: [
          { type: 'forward', target_group_arn: t.ref('aws_lb_target_group', 'alb/target-group-frontend', 'arn') },
        ],
      });
    });

    it('routes /api/* to the backend target group', () => {
      expect(t.count('aws_lb_listener_rule')).toBe(1);
      expect(t.resource('aws_lb_listener_rule', 'alb/rule-100')).toMatchObject({
        listener_arn: t.ref('aws_lb_listener', 'alb/https-listener', 'arn'),
        priority: 100,
        condition: [{ path_pattern: { values: ['/api/*'] } }],
        action: [
          { type: 'forward', target_group_arn: t.ref('aws_lb_target_group', 'alb/target-group-backend', 'arn') },
        ],
      });
    });

    it.each([
      ['frontend', 3000, '/'],
      ['backend', 8000, '/api/v1/health'],
    ])('has the %s target group on port %d with health check %s', (service, port, path) => {
      expect(t.resource('aws_lb_target_group', `alb/target-group-${service}`)).toMatchObject({
        name: `${prefix}-${service}`,
        port,
        protocol: 'HTTP',
        target_type: 'ip',
        health_check: { path, enabled: true },
      });
    });
  });

  describe('security groups', () => {
    it('lets the internet reach the ALB on 80 and 443 only', () => {
      expect(rulesOf(t, 'ingress', SG.alb)).toEqual([
        { ip_protocol: 'tcp', from_port: 80, to_port: 80, cidr_ipv4: '0.0.0.0/0' },
        { ip_protocol: 'tcp', from_port: 443, to_port: 443, cidr_ipv4: '0.0.0.0/0' },
      ]);
    });

    it('lets the ALB reach the frontend on 3000 and the backend on 8000, from its security group only', () => {
      const fromAlb = t.ref('aws_security_group', SG.alb);
      expect(rulesOf(t, 'ingress', SG.frontend)).toEqual([
        { ip_protocol: 'tcp', from_port: 3000, to_port: 3000, referenced_security_group_id: fromAlb },
      ]);
      expect(rulesOf(t, 'ingress', SG.backend)).toEqual([
        { ip_protocol: 'tcp', from_port: 8000, to_port: 8000, referenced_security_group_id: fromAlb },
      ]);
      expect(rulesOf(t, 'egress', SG.alb)).toEqual([
        {
          ip_protocol: 'tcp',
          from_port: 3000,
          to_port: 3000,
          referenced_security_group_id: t.ref('aws_security_group', SG.frontend),
        },
        {
          ip_protocol: 'tcp',
          from_port: 8000,
          to_port: 8000,
          referenced_security_group_id: t.ref('aws_security_group', SG.backend),
        },
      ]);
    });

    it('lets only the backend service reach PostgreSQL 5432 and Redis 6379', () => {
      const fromBackend = t.ref('aws_security_group', SG.backend);
      expect(rulesOf(t, 'ingress', SG.database)).toEqual([
        { ip_protocol: 'tcp', from_port: 5432, to_port: 5432, referenced_security_group_id: fromBackend },
      ]);
      expect(rulesOf(t, 'ingress', SG.cache)).toEqual([
        { ip_protocol: 'tcp', from_port: 6379, to_port: 6379, referenced_security_group_id: fromBackend },
      ]);
    });

    it('narrows egress: services reach HTTPS and their data stores; the data stores send nothing', () => {
      const https = { ip_protocol: 'tcp', from_port: 443, to_port: 443, cidr_ipv4: '0.0.0.0/0' };
      expect(rulesOf(t, 'egress', SG.frontend)).toEqual([https]);
      expect(rulesOf(t, 'egress', SG.backend)).toEqual([
        https,
        {
          ip_protocol: 'tcp',
          from_port: 5432,
          to_port: 5432,
          referenced_security_group_id: t.ref('aws_security_group', SG.database),
        },
        {
          ip_protocol: 'tcp',
          from_port: 6379,
          to_port: 6379,
          referenced_security_group_id: t.ref('aws_security_group', SG.cache),
        },
      ]);
      expect(rulesOf(t, 'egress', SG.database)).toEqual([]);
      expect(rulesOf(t, 'egress', SG.cache)).toEqual([]);
    });

    it('has no other rule: 6 ingress and 6 egress rules in all', () => {
      expect(t.count('aws_vpc_security_group_ingress_rule')).toBe(6);
      expect(t.count('aws_vpc_security_group_egress_rule')).toBe(6);
    });
  });

  describe('ECS', () => {
    it('runs a Fargate cluster with Container Insights and a 30-day cluster log group', () => {
      expect(t.resource('aws_ecs_cluster', 'cluster/cluster')).toMatchObject({
        name: prefix,
        setting: [{ name: 'containerInsights', value: 'enabled' }],
      });
      expect(t.resource('aws_cloudwatch_log_group', 'cluster/log-group')).toMatchObject({
        name: `/ecs/${prefix}/cluster`,
        retention_in_days: 30,
      });
    });

    it.each(['frontend', 'backend'])(
      'sizes the %s task at 256 CPU / 512 MiB, logging to its 30-day group',
      (service) => {
        const task = t.resource('aws_ecs_task_definition', `${service}-service/task-definition`);
        expect(task).toMatchObject({
          family: `${prefix}-${service}`,
          cpu: '256',
          memory: '512',
          network_mode: 'awsvpc',
          requires_compatibilities: ['FARGATE'],
        });
        expect(t.resource('aws_cloudwatch_log_group', `${service}-service/log-group`)).toMatchObject({
          name: `/ecs/${prefix}/${service}`,
          retention_in_days: 30,
        });
      },
    );

    it.each([
      ['frontend', 3000],
      ['backend', 8000],
    ])(
      'runs the %s service privately, rolling 200/100 with circuit-breaker rollback, behind its target group',
      (service, port) => {
        expect(t.resource('aws_ecs_service', `${service}-service/service`)).toMatchObject({
          name: `${prefix}-${service}`,
          cluster: t.ref('aws_ecs_cluster', 'cluster/cluster', 'arn'),
          desired_count: envName === 'dev' ? 1 : 2,
          deployment_maximum_percent: 200,
          deployment_minimum_healthy_percent: 100,
          deployment_circuit_breaker: { enable: true, rollback: true },
          network_configuration: {
            assign_public_ip: false,
            subnets: [t.ref('aws_subnet', 'network/private-subnet-0'), t.ref('aws_subnet', 'network/private-subnet-1')],
            security_groups: [t.ref('aws_security_group', `${service}-service/security-group/group`)],
          },
          load_balancer: [
            {
              target_group_arn: t.ref('aws_lb_target_group', `alb/target-group-${service}`, 'arn'),
              container_name: service,
              container_port: port,
            },
          ],
        });
      },
    );

    it.each(['frontend', 'backend'])('scales %s between 1 and 4 tasks on 70%% average CPU', (service) => {
      expect(t.resource('aws_appautoscaling_target', `${service}-service/scalable-target`)).toMatchObject({
        min_capacity: 1,
        max_capacity: 4,
        scalable_dimension: 'ecs:service:DesiredCount',
        service_namespace: 'ecs',
      });
      expect(t.resource('aws_appautoscaling_policy', `${service}-service/cpu-scaling-policy`)).toMatchObject({
        policy_type: 'TargetTrackingScaling',
        target_tracking_scaling_policy_configuration: {
          target_value: 70,
          scale_in_cooldown: 120,
          scale_out_cooldown: 120,
          predefined_metric_specification: { predefined_metric_type: 'ECSServiceAverageCPUUtilization' },
        },
      });
    });

    it('gives only the backend the database and cache endpoints, and the password from the RDS-managed secret', () => {
      type Container = {
        environment: Array<{ name: string; value: string }>;
        secrets: Array<{ name: string; valueFrom: string }>;
      };
      // The task definition encodes a local holding its container definitions: read that local back.
      const containerOf = (service: string): Container => {
        const encoded = t.resource(
          'aws_ecs_task_definition',
          `${service}-service/task-definition`,
        ).container_definitions;
        const local = /local\.([\w-]+)\)/.exec(String(encoded))![1]!;
        return ((t.json.locals as Record<string, Container[]>)[local] as Container[])[0]!;
      };
      const backend = containerOf('backend');
      const frontend = containerOf('frontend');
      const secretArn = t.ref('aws_db_instance', 'database/instance', 'master_user_secret[0].secret_arn');
      expect(backend.secrets).toEqual([
        { name: 'DATABASE_PASSWORD', valueFrom: `${secretArn}:password::` },
        { name: 'DATABASE_USERNAME', valueFrom: `${secretArn}:username::` },
      ]);
      expect(backend.environment).toEqual(
        expect.arrayContaining([
          { name: 'DATABASE_HOST', value: t.ref('aws_db_instance', 'database/instance', 'address') },
          { name: 'DATABASE_PORT', value: '5432' },
          {
            name: 'REDIS_HOST',
            value: t.ref('aws_elasticache_replication_group', 'cache/replication-group', 'primary_endpoint_address'),
          },
          { name: 'REDIS_PORT', value: '6379' },
        ]),
      );
      expect(frontend.secrets).toEqual([]);
      expect(frontend.environment.map((variable) => variable.name)).toEqual(['NODE_ENV']);
    });
  });

  describe('ECR', () => {
    it.each(['frontend', 'backend'])(
      'has portfolio-<env>-%s with scan on push, AES256 and the lifecycle rules',
      (service) => {
        expect(t.resource('aws_ecr_repository', `${service}-repository/repository`)).toMatchObject({
          name: `${prefix}-${service}`,
          image_scanning_configuration: { scan_on_push: true },
          encryption_configuration: [{ encryption_type: 'AES256' }],
        });
        const policy = JSON.parse(
          t.resource('aws_ecr_lifecycle_policy', `${service}-repository/lifecycle-policy`).policy as string,
        ) as { rules: Array<{ selection: Block }> };
        expect(policy.rules.map((rule) => rule.selection)).toEqual([
          { tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: 7 },
          { tagStatus: 'tagged', tagPrefixList: ['v'], countType: 'imageCountMoreThan', countNumber: 10 },
        ]);
      },
    );
  });

  describe('RDS PostgreSQL', () => {
    it('runs 16.3 with the environment size, encrypted, protected, backed up 7 days in the document windows', () => {
      expect(t.resource('aws_db_instance', 'database/instance')).toMatchObject({
        engine: 'postgres',
        engine_version: '16.3',
        instance_class: envName === 'dev' ? 'db.t4g.micro' : 'db.t4g.small',
        allocated_storage: envName === 'dev' ? 20 : 50,
        storage_type: 'gp3',
        multi_az: envName === 'prod',
        storage_encrypted: true,
        deletion_protection: true,
        publicly_accessible: false,
        backup_retention_period: 7,
        backup_window: '03:00-04:00',
        maintenance_window: 'mon:04:00-mon:05:00',
        monitoring_interval: 60,
        monitoring_role_arn: t.ref('aws_iam_role', 'database/monitoring-role', 'arn'),
        enabled_cloudwatch_logs_exports: ['postgresql', 'upgrade'],
        manage_master_user_password: true,
        vpc_security_group_ids: [t.ref('aws_security_group', SG.database)],
      });
      expect(t.resource('aws_db_instance', 'database/instance')).not.toHaveProperty('password');
    });
  });

  describe('ElastiCache Redis', () => {
    it('runs 7.1 with allkeys-lru, encryption at rest, 5-day snapshots at 03:00-05:00', () => {
      expect(t.resource('aws_elasticache_replication_group', 'cache/replication-group')).toMatchObject({
        engine: 'redis',
        engine_version: '7.1',
        node_type: envName === 'dev' ? 'cache.t4g.micro' : 'cache.t4g.small',
        num_cache_clusters: envName === 'dev' ? 1 : 2,
        automatic_failover_enabled: envName === 'prod',
        multi_az_enabled: envName === 'prod',
        at_rest_encryption_enabled: 'true',
        snapshot_retention_limit: 5,
        snapshot_window: '03:00-05:00',
        port: 6379,
      });
      const [parameterGroup] = t.all('aws_elasticache_parameter_group');
      expect(parameterGroup).toMatchObject({
        family: 'redis7',
        parameter: [{ name: 'maxmemory-policy', value: 'allkeys-lru' }],
      });
    });
  });

  describe('monitoring', () => {
    it('sends alarms to an encrypted SNS topic with the environment e-mail subscribed', () => {
      expect(t.resource('aws_sns_topic', 'alarm-topic/topic')).toMatchObject({
        name: `${prefix}-alarms`,
        kms_master_key_id: t.ref('aws_kms_key', 'alarm-topic/key', 'arn'),
      });
      expect(t.all('aws_sns_topic_subscription')).toEqual([
        expect.objectContaining({ protocol: 'email', endpoint: environment.contactEmail }),
      ]);
    });

    it.each([
      ['frontend', 'cpu', 'CPUUtilization'],
      ['frontend', 'memory', 'MemoryUtilization'],
      ['backend', 'cpu', 'CPUUtilization'],
      ['backend', 'memory', 'MemoryUtilization'],
    ])('alarms when %s %s is above 80%% for 2 periods', (service, kind, metric) => {
      const topic = t.ref('aws_sns_topic', 'alarm-topic/topic', 'arn');
      expect(t.resource('aws_cloudwatch_metric_alarm', `${service}-${kind}-alarm/alarm`)).toMatchObject({
        alarm_name: `${prefix}-${service}-${kind}-high`,
        namespace: 'AWS/ECS',
        metric_name: metric,
        dimensions: {
          ClusterName: t.ref('aws_ecs_cluster', 'cluster/cluster', 'name'),
          ServiceName: t.ref('aws_ecs_service', `${service}-service/service`, 'name'),
        },
        statistic: 'Average',
        comparison_operator: 'GreaterThanThreshold',
        threshold: 80,
        period: 300,
        evaluation_periods: 2,
        alarm_actions: [topic],
        ok_actions: [topic],
      });
    });

    it('has a dashboard with ECS, ALB (requests, response time, 5xx), RDS (connections, CPU) and Redis widgets', () => {
      const body = t.resource('aws_cloudwatch_dashboard', 'overview/dashboard').dashboard_body as string;
      for (const metric of [
        'AWS/ECS',
        'RequestCount',
        'TargetResponseTime',
        'HTTPCode_Target_5XX_Count',
        'DatabaseConnections',
        'AWS/RDS',
        'EngineCPUUtilization',
        'DatabaseMemoryUsagePercentage',
      ]) {
        expect(body).toContain(metric);
      }
    });
  });
});

describe('dev and prod differ only where the document says', () => {
  it('keeps every resource in both environments (sizes change, not shape)', () => {
    const [dev, prod] = environments.map((environment) => synth(environment));
    const shape = (t: Template) =>
      Object.fromEntries(Object.keys(t.json.resource as Block).map((type) => [type, t.count(type)]));
    expect(shape(prod!)).toEqual(shape(dev!));
  });
});
