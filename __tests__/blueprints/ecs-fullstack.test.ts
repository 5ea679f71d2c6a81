/**
 * Blueprint `ecs-fullstack` (seed 001): how it wires its modules together. For every configured environment with an
 * `ecsFullstack` section, its shipped stack `ecs-fullstack-<env>` (synthesized once per jest run) is compared with
 * that environment's resolved config: which security group reaches which on which port (the load balancer each
 * service on its own port, only `allowedServices` the database and the cache), which subnets each tier is in, the
 * HTTPS listener's routes to the services' target groups, what the services, database, cache, repositories and
 * alarms take from config, and which service gets the data stores' endpoints and secret.
 *
 * Not here: the document's numbers and the dev/prod columns (asserted once, as the schema defaults and profiles, in
 * __tests__/config/ecs-fullstack.test.ts) and what a module makes of its props (its own test in __tests__/modules/).
 */
import type { EcsFullstackServiceName } from '../../src/blueprints/ecs-fullstack/stack';
import { ECS_FULLSTACK_SERVICES } from '../../src/blueprints/ecs-fullstack/stack';
import {
  configuredNetwork,
  environmentsDeploying,
  expectLoadBalancerFromConfig,
  expectRedisFromConfig,
  fromCidr,
  fromGroup,
  groupsWithRules,
  networkOf,
  rulesOf,
  sortedRules,
  subnetRefs,
} from '../helpers/blueprint-wiring';
import { synthesizedStack } from '../helpers/synthesized-app';
import type { Template } from '../helpers/template';

type Block = Record<string, unknown>;

const deployed = environmentsDeploying('ecsFullstack');
const SERVICES = ECS_FULLSTACK_SERVICES;

const SG = {
  alb: 'alb/sg/group',
  frontend: 'frontend-service/security-group/group',
  backend: 'backend-service/security-group/group',
  database: 'database/security-group/group',
  cache: 'cache/security-group/group',
};

interface Container {
  readonly image: string;
  readonly healthCheck?: Readonly<Record<string, unknown>>;
  readonly environment: ReadonlyArray<{ name: string; value: string }>;
  readonly secrets: ReadonlyArray<{ name: string; valueFrom: string }>;
}

/** A service's container definition: the task definition encodes a local holding it, read back here. */
function containerOf(t: Template, service: EcsFullstackServiceName): Container {
  const encoded = t.resource('aws_ecs_task_definition', `${service}-service/task-definition`).container_definitions;
  const local = /local\.([\w-]+)\)/.exec(String(encoded))![1]!;
  return (t.json.locals as Record<string, Container[]>)[local]![0]!;
}

const byName = (entries: ReadonlyArray<{ name: string; value?: string; valueFrom?: string }>) =>
  Object.fromEntries(entries.map((entry) => [entry.name, entry.value ?? entry.valueFrom]));

describe.each(deployed.map((environment) => environment.name))('ecs-fullstack-%s', (envName) => {
  const environment = deployed.find((candidate) => candidate.name === envName)!;
  const config = environment.ecsFullstack!;
  const prefix = `${config.appName}-${envName}`;
  const zones = environment.availabilityZones[environment.region]!;
  const zone = config.dns.zoneName;
  /** Services that may reach the database, the cache. */
  const clientsOf = (store: 'database' | 'cache') =>
    SERVICES.filter((name) => config[store].allowedServices.includes(name));
  let t: Template;
  beforeAll(() => {
    t = synthesizedStack(`ecs-fullstack-${envName}`);
  });

  it('builds its VPC from the network config: CIDRs, a subnet per AZ and tier, NAT gateways, flow-log retention', () => {
    expect(networkOf(t)).toEqual(configuredNetwork(environment, config.network));
  });

  describe('DNS', () => {
    it(`hosts ${zone}, protected from destroy as configured`, () => {
      const hostedZone = t.resource('aws_route53_zone', 'dns/zone');
      expect(hostedZone.name).toBe(zone);
      expect(hostedZone.lifecycle).toEqual(config.dns.deletionProtection ? { prevent_destroy: true } : undefined);
    });

    it('points the apex at the load balancer (A and AAAA), and www at the apex as configured', () => {
      for (const type of ['a', 'aaaa']) {
        expect(t.resource('aws_route53_record', `dns/alias-alb-${type}`)).toMatchObject({
          name: zone,
          alias: {
            name: t.ref('aws_lb', 'alb/load-balancer', 'dns_name'),
            zone_id: t.ref('aws_lb', 'alb/load-balancer', 'zone_id'),
          },
        });
      }
      const cnames = t.all('aws_route53_record').filter((record) => record.type === 'CNAME');
      expect(cnames.map(({ name, records }) => ({ name, records }))).toEqual(
        config.dns.wwwCname ? [{ name: `www.${zone}`, records: [zone] }] : [],
      );
    });
  });

  describe('load balancer', () => {
    it('is in the public subnets behind its own group, with the configured protection, timeout and log expiry', () => {
      expectLoadBalancerFromConfig(t, prefix, config.loadBalancer, zones.length);
      expect(t.resource('aws_lb', 'alb/load-balancer').idle_timeout).toBe(config.loadBalancer.idleTimeoutSeconds);
    });

    it("terminates TLS with the configured policy and the zone's validated certificate", () => {
      expect(t.resource('aws_lb_listener', 'alb/https-listener')).toMatchObject({
        load_balancer_arn: t.ref('aws_lb', 'alb/load-balancer', 'arn'),
        ssl_policy: config.loadBalancer.sslPolicy,
        certificate_arn: t.ref('aws_acm_certificate_validation', 'dns/certificate-validation-wait', 'certificate_arn'),
      });
    });

    it.each(SERVICES)('has the %s target group: IP targets on its container port, its health check path', (name) => {
      const service = config.services[name];
      expect(t.resource('aws_lb_target_group', `alb/target-group-${name}`)).toMatchObject({
        name: `${prefix}-${name}`,
        port: service.containerPort,
        target_type: 'ip',
        vpc_id: t.ref('aws_vpc', 'network/vpc'),
        health_check: { path: service.healthCheckPath },
      });
    });

    it('sends the service without path patterns everything, and each other service its paths by priority', () => {
      const forward = (name: string) => [
        { type: 'forward', target_group_arn: t.ref('aws_lb_target_group', `alb/target-group-${name}`, 'arn') },
      ];
      const [fallback] = SERVICES.filter((name) => config.services[name].pathPatterns.length === 0);
      expect(t.resource('aws_lb_listener', 'alb/https-listener').default_action).toEqual(forward(fallback!));
      const routed = SERVICES.filter((name) => name !== fallback);
      expect(t.count('aws_lb_listener_rule')).toBe(routed.length);
      for (const name of routed) {
        const { priority: rulePriority, pathPatterns } = config.services[name];
        expect(t.resource('aws_lb_listener_rule', `alb/rule-${rulePriority}`)).toMatchObject({
          listener_arn: t.ref('aws_lb_listener', 'alb/https-listener', 'arn'),
          priority: rulePriority,
          condition: [{ path_pattern: { values: pathPatterns } }],
          action: forward(name),
        });
      }
    });
  });

  describe('security groups', () => {
    it('let the configured CIDRs reach the load balancer on 80 and 443 only', () => {
      expect(rulesOf(t, 'ingress', SG.alb)).toEqual(
        sortedRules(config.loadBalancer.ingressCidrs.flatMap((cidr) => [fromCidr(cidr, 80), fromCidr(cidr, 443)])),
      );
    });

    it('let the load balancer reach each service on its own container port, and nothing else', () => {
      expect(rulesOf(t, 'egress', SG.alb)).toEqual(
        sortedRules(SERVICES.map((name) => fromGroup(t, config.services[name].containerPort, SG[name]))),
      );
      for (const name of SERVICES) {
        expect(rulesOf(t, 'ingress', SG[name])).toEqual([fromGroup(t, config.services[name].containerPort, SG.alb)]);
      }
    });

    it('let only the allowed services reach PostgreSQL and Redis on their ports; the data stores send nothing', () => {
      for (const store of ['database', 'cache'] as const) {
        const port = config[store].port;
        expect(rulesOf(t, 'ingress', SG[store])).toEqual(
          sortedRules(clientsOf(store).map((name) => fromGroup(t, port, SG[name]))),
        );
        expect(rulesOf(t, 'egress', SG[store])).toEqual([]);
      }
    });

    it('let each service out to HTTPS and to the data stores it may use, nothing else', () => {
      for (const name of SERVICES) {
        expect(rulesOf(t, 'egress', SG[name])).toEqual(
          sortedRules([
            fromCidr('0.0.0.0/0', 443),
            ...(['database', 'cache'] as const)
              .filter((store) => clientsOf(store).includes(name))
              .map((store) => fromGroup(t, config[store].port, SG[store])),
          ]),
        );
      }
    });

    it('are these five, and no rule opens another group', () => {
      const groups = Object.values(SG);
      expect(t.count('aws_security_group')).toBe(groups.length);
      expect(groupsWithRules(t, groups)).toEqual([...groups].sort());
    });
  });

  describe('services', () => {
    it('run in a cluster with the configured Container Insights, logging to its log group for the configured days', () => {
      expect(t.resource('aws_ecs_cluster', 'cluster/cluster')).toMatchObject({
        name: prefix,
        setting: [{ name: 'containerInsights', value: config.cluster.containerInsights }],
      });
      expect(t.resource('aws_cloudwatch_log_group', 'cluster/log-group')).toMatchObject({
        name: `/ecs/${prefix}/cluster`,
        retention_in_days: config.cluster.logRetentionInDays,
      });
    });

    describe.each(SERVICES)('%s', (name) => {
      const service = config.services[name];

      it('runs the configured task size and image tag from its own repository, logging to its own group', () => {
        expect(t.resource('aws_ecs_task_definition', `${name}-service/task-definition`)).toMatchObject({
          family: `${prefix}-${name}`,
          cpu: String(service.cpu),
          memory: String(service.memoryMiB),
        });
        const repositoryUrl = t.ref('aws_ecr_repository', `${name}-repository/repository`, 'repository_url');
        expect(containerOf(t, name).image).toBe(`${repositoryUrl}:${service.imageTag}`);
        expect(t.resource('aws_cloudwatch_log_group', `${name}-service/log-group`)).toMatchObject({
          name: `/ecs/${prefix}/${name}`,
          retention_in_days: config.cluster.logRetentionInDays,
        });
      });

      it("checks its own health: a GET of the service's health path on its port, with the configured timing", () => {
        const { probe, intervalSeconds, timeoutSeconds, retries, startPeriodSeconds } = service.containerHealthCheck;
        expect(probe).not.toBe('none');
        const url = `http://localhost:${service.containerPort}${service.healthCheckPath}`;
        expect(containerOf(t, name).healthCheck).toEqual({
          command: ['CMD', probe, expect.any(String), expect.stringContaining(`'${url}'`)],
          interval: intervalSeconds,
          timeout: timeoutSeconds,
          retries,
          startPeriod: startPeriodSeconds,
        });
      });

      it('runs the desired count privately, behind its target group, deploying as configured', () => {
        expect(t.resource('aws_ecs_service', `${name}-service/service`)).toMatchObject({
          name: `${prefix}-${name}`,
          cluster: t.ref('aws_ecs_cluster', 'cluster/cluster', 'arn'),
          desired_count: service.capacity.desired,
          deployment_maximum_percent: config.deployment.maximumPercent,
          deployment_minimum_healthy_percent: config.deployment.minimumHealthyPercent,
          deployment_circuit_breaker: {
            enable: config.deployment.circuitBreakerRollback,
            rollback: config.deployment.circuitBreakerRollback,
          },
          network_configuration: {
            subnets: subnetRefs(t, 'private', zones.length),
            security_groups: [t.ref('aws_security_group', SG[name])],
          },
          load_balancer: [
            {
              target_group_arn: t.ref('aws_lb_target_group', `alb/target-group-${name}`, 'arn'),
              container_name: name,
              container_port: service.containerPort,
            },
          ],
        });
      });

      it('scales within the configured capacity on the configured CPU target and cooldowns', () => {
        expect(t.resource('aws_appautoscaling_target', `${name}-service/scalable-target`)).toMatchObject({
          min_capacity: service.capacity.min,
          max_capacity: service.capacity.max,
        });
        expect(t.resource('aws_appautoscaling_policy', `${name}-service/cpu-scaling-policy`)).toMatchObject({
          target_tracking_scaling_policy_configuration: {
            target_value: service.cpuTargetPercent,
            scale_in_cooldown: config.deployment.scaleInCooldownSeconds,
            scale_out_cooldown: config.deployment.scaleOutCooldownSeconds,
          },
        });
      });

      it('gets its configured environment, and the endpoints and secret of the data stores it may use only', () => {
        const { environment: variables, secrets } = containerOf(t, name);
        const secretArn = t.ref('aws_db_instance', 'database/instance', 'master_user_secret[0].secret_arn');
        const usesDatabase = config.database.allowedServices.includes(name);
        const usesCache = config.cache.allowedServices.includes(name);
        expect(byName(variables)).toEqual({
          ...service.environment,
          ...(usesDatabase && {
            DATABASE_HOST: t.ref('aws_db_instance', 'database/instance', 'address'),
            // The read replica where there is one, else the database itself.
            DATABASE_READ_HOST: t.ref(
              'aws_db_instance',
              config.database.readReplica.enabled ? 'database-replica/instance' : 'database/instance',
              'address',
            ),
            DATABASE_PORT: String(config.database.port),
            DATABASE_NAME: config.database.databaseName,
          }),
          ...(usesCache && {
            REDIS_HOST: t.ref(
              'aws_elasticache_replication_group',
              'cache/replication-group',
              'primary_endpoint_address',
            ),
            REDIS_READER_HOST: t.ref(
              'aws_elasticache_replication_group',
              'cache/replication-group',
              'reader_endpoint_address',
            ),
            REDIS_PORT: String(config.cache.port),
            REDIS_TLS: String(config.cache.transitEncryption),
            // IAM authentication: the task role signs a token for this user.
            ...(config.cache.iamAuthentication && {
              REDIS_USER: t.ref('aws_elasticache_user', 'cache/iam-user', 'user_name'),
              REDIS_AUTH: 'iam',
            }),
          }),
        });
        expect(byName(secrets)).toEqual(
          usesDatabase
            ? { DATABASE_USERNAME: `${secretArn}:username::`, DATABASE_PASSWORD: `${secretArn}:password::` }
            : {},
        );
      });

      it(`pushes to ${prefix}-${name}, with the configured scanning, tags, encryption and lifecycle`, () => {
        const { registry } = config;
        expect(t.resource('aws_ecr_repository', `${name}-repository/repository`)).toMatchObject({
          name: `${prefix}-${name}`,
          image_scanning_configuration: { scan_on_push: registry.scanOnPush },
          image_tag_mutability: registry.imageTagMutability,
          encryption_configuration: [{ encryption_type: registry.encryption }],
        });
        const policy = JSON.parse(
          String(t.resource('aws_ecr_lifecycle_policy', `${name}-repository/lifecycle-policy`).policy),
        ) as { rules: Array<{ selection: Block }> };
        expect(policy.rules.map((rule) => rule.selection)).toEqual([
          expect.objectContaining({ tagStatus: 'untagged', countNumber: registry.expireUntaggedAfterDays }),
          expect.objectContaining({
            tagPrefixList: registry.keepTaggedImages.tagPrefixes,
            countNumber: registry.keepTaggedImages.count,
          }),
        ]);
      });
    });
  });

  it('runs the configured PostgreSQL in the private subnets, behind its own group', () => {
    const { database } = config;
    expect(t.resource('aws_db_instance', 'database/instance')).toMatchObject({
      identifier: prefix,
      engine_version: database.engineVersion,
      instance_class: database.instanceClass,
      allocated_storage: database.allocatedStorageGiB,
      storage_type: database.storageType,
      multi_az: database.multiAz,
      db_name: database.databaseName,
      port: database.port,
      backup_retention_period: database.backupRetentionDays,
      backup_window: database.backupWindow,
      maintenance_window: database.maintenanceWindow,
      monitoring_interval: database.monitoringIntervalSeconds,
      enabled_cloudwatch_logs_exports: database.logExports,
      deletion_protection: database.deletionProtection,
      vpc_security_group_ids: [t.ref('aws_security_group', SG.database)],
    });
    expect(t.resource('aws_db_subnet_group', 'database/subnet-group')).toMatchObject({
      subnet_ids: subnetRefs(t, 'private', zones.length),
    });
    for (const log of database.logExports) {
      expect(t.resource('aws_cloudwatch_log_group', `database/log-group-${log}`)).toMatchObject({
        retention_in_days: database.logRetentionInDays,
      });
    }
  });

  const replica = config.database.readReplica;
  it(`${replica.enabled ? 'runs' : 'has no'} PostgreSQL read replica, as database.readReplica.enabled says`, () => {
    expect(t.count('aws_db_instance')).toBe(replica.enabled ? 2 : 1);
    if (!replica.enabled) return;
    expect(t.resource('aws_db_instance', 'database-replica/instance')).toMatchObject({
      identifier: `${prefix}-replica`,
      replicate_source_db: t.ref('aws_db_instance', 'database/instance', 'identifier'),
      instance_class: replica.instanceClass ?? config.database.instanceClass,
      deletion_protection: config.database.deletionProtection,
      // The database's clients reach it: the same group, no other.
      vpc_security_group_ids: [t.ref('aws_security_group', SG.database)],
    });
    for (const log of config.database.logExports) {
      expect(t.resource('aws_cloudwatch_log_group', `database-replica/log-group-${log}`)).toMatchObject({
        name: `/aws/rds/instance/${prefix}-replica/${log}`,
        retention_in_days: config.database.logRetentionInDays,
      });
    }
  });

  it('runs the configured Redis in the private subnets, behind its own group, with its eviction policy', () => {
    expectRedisFromConfig(t, prefix, config.cache, zones.length);
    expect(t.resource('aws_elasticache_parameter_group', 'cache/parameter-group').parameter).toEqual([
      { name: 'maxmemory-policy', value: config.cache.maxmemoryPolicy },
    ]);
  });

  describe('monitoring', () => {
    it(`alarms to ${prefix}-alarms, to which the environment contact is subscribed`, () => {
      expect(t.resource('aws_sns_topic', 'alarm-topic/topic')).toMatchObject({ name: `${prefix}-alarms` });
      expect(t.all('aws_sns_topic_subscription')).toEqual([
        expect.objectContaining({
          topic_arn: t.ref('aws_sns_topic', 'alarm-topic/topic', 'arn'),
          protocol: 'email',
          endpoint: environment.contactEmail,
        }),
      ]);
    });

    it.each(SERVICES.flatMap((name) => [[name, 'cpu'] as const, [name, 'memory'] as const]))(
      'alarms on the %s service %s at the configured threshold and timing',
      (name, kind) => {
        const { monitoring } = config;
        const topic = t.ref('aws_sns_topic', 'alarm-topic/topic', 'arn');
        expect(t.resource('aws_cloudwatch_metric_alarm', `${name}-${kind}-alarm/alarm`)).toMatchObject({
          alarm_name: `${prefix}-${name}-${kind}-high`,
          dimensions: {
            ClusterName: t.ref('aws_ecs_cluster', 'cluster/cluster', 'name'),
            ServiceName: t.ref('aws_ecs_service', `${name}-service/service`, 'name'),
          },
          threshold: kind === 'cpu' ? monitoring.cpuAlarmPercent : monitoring.memoryAlarmPercent,
          period: monitoring.periodSeconds,
          evaluation_periods: monitoring.evaluationPeriods,
          alarm_actions: [topic],
          ok_actions: [topic],
        });
      },
    );

    const replicaAlarms = replica.enabled ? (['cpu', 'freeStorage', 'replicaLag'] as const) : [];
    it(`alarms on the read replica's CPU, free storage and lag (${replicaAlarms.length} alarms)`, () => {
      const { monitoring } = config;
      const topic = t.ref('aws_sns_topic', 'alarm-topic/topic', 'arn');
      // Two per service, and the replica's.
      expect(t.count('aws_cloudwatch_metric_alarm')).toBe(2 * SERVICES.length + replicaAlarms.length);
      const thresholds = {
        cpu: monitoring.cpuAlarmPercent,
        freeStorage: Math.round((config.database.allocatedStorageGiB / 10) * 1024 ** 3),
        replicaLag: replica.replicaLagAlarmSeconds,
      };
      const metricNames = { cpu: 'CPUUtilization', freeStorage: 'FreeStorageSpace', replicaLag: 'ReplicaLag' };
      for (const kind of replicaAlarms) {
        expect(t.resource('aws_cloudwatch_metric_alarm', `database-replica-${kind}-alarm/alarm`)).toMatchObject({
          namespace: 'AWS/RDS',
          metric_name: metricNames[kind],
          dimensions: { DBInstanceIdentifier: `${prefix}-replica` },
          threshold: thresholds[kind],
          period: monitoring.periodSeconds,
          evaluation_periods: monitoring.evaluationPeriods,
          alarm_actions: [topic],
          ok_actions: [topic],
        });
      }
    });

    it('has a dashboard with ECS, ALB, RDS (and the replica) and Redis widgets', () => {
      const body = String(t.resource('aws_cloudwatch_dashboard', 'overview/dashboard').dashboard_body);
      for (const metric of [
        '"AWS/ECS", "CPUUtilization"',
        '"AWS/ApplicationELB", "RequestCount"',
        `"AWS/RDS", "DatabaseConnections", "DBInstanceIdentifier", "${prefix}"`,
        '"AWS/ElastiCache", "EngineCPUUtilization"',
        ...(replica.enabled
          ? [
              `"AWS/RDS", "CPUUtilization", "DBInstanceIdentifier", "${prefix}-replica"`,
              `"AWS/RDS", "ReplicaLag", "DBInstanceIdentifier", "${prefix}-replica"`,
            ]
          : []),
      ]) {
        expect(body).toContain(metric);
      }
      if (!replica.enabled) expect(body).not.toContain('"ReplicaLag"');
    });
  });

  describe('outputs', () => {
    const redis = (attribute: string) => () =>
      t.ref('aws_elasticache_replication_group', 'cache/replication-group', attribute);
    type Output = [string, () => unknown];
    const replicaOutputs: Output[] = replica.enabled
      ? [['database_replica_endpoint', () => t.ref('aws_db_instance', 'database-replica/instance', 'endpoint')]]
      : [];
    const outputs: Output[] = [
      ['alb_dns_name', () => t.ref('aws_lb', 'alb/load-balancer', 'dns_name')],
      ['zone_name_servers', () => t.ref('aws_route53_zone', 'dns/zone', 'name_servers')],
      ['cluster_name', () => t.ref('aws_ecs_cluster', 'cluster/cluster', 'name')],
      ...SERVICES.flatMap((name): Output[] => [
        [`${name}_service_name`, () => t.ref('aws_ecs_service', `${name}-service/service`, 'name')],
        [
          `${name}_repository_url`,
          () => t.ref('aws_ecr_repository', `${name}-repository/repository`, 'repository_url'),
        ],
      ]),
      ['database_endpoint', () => t.ref('aws_db_instance', 'database/instance', 'endpoint')],
      ['database_secret_arn', () => t.ref('aws_db_instance', 'database/instance', 'master_user_secret[0].secret_arn')],
      ...replicaOutputs,
      ['cache_primary_endpoint', redis('primary_endpoint_address')],
      ['cache_reader_endpoint', redis('reader_endpoint_address')],
      ['alarm_topic_arn', () => t.ref('aws_sns_topic', 'alarm-topic/topic', 'arn')],
      [
        'dashboard_url',
        () =>
          `https://${environment.region}.console.aws.amazon.com/cloudwatch/home?region=${environment.region}` +
          `#dashboards/dashboard/${t.ref('aws_cloudwatch_dashboard', 'overview/dashboard', 'dashboard_name')}`,
      ],
    ];

    it.each(outputs)('%s references its resource, with a description', (name, value) => {
      expect(t.outputs()[name]).toEqual({ value: value(), description: expect.any(String) });
    });

    it('are these and no others', () => {
      expect(Object.keys(t.outputs()).sort()).toEqual(outputs.map(([name]) => name).sort());
    });
  });
});
