/**
 * Blueprint `ecs-fullstack` (seed 001): a frontend and a backend Fargate service behind one HTTPS load balancer with
 * path routing, RDS PostgreSQL and ElastiCache Redis for the backend, ECR repositories, a Route 53 zone with a
 * DNS-validated wildcard certificate, and CPU/memory alarms to an encrypted SNS topic with a dashboard.
 *
 * Every number comes from the environment's `ecsFullstack` section (./schema.ts, whose defaults are the document's);
 * this file only wires modules together. With `database.readReplica.enabled` (the prod profile) a PostgreSQL read
 * replica serves the backend's reads (`DATABASE_READ_HOST`), beside Redis's reader endpoint (`REDIS_READER_HOST`). Security groups are per tier and per service: the load balancer reaches each service
 * on its own port, and only the services listed in `allowedServices` reach the database and the cache.
 */
import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import { containerHealthCheckProps, containerRepositoryProps } from '../../config/fields';
import { ContainerRepository } from '../../../modules/container-registry';
import { allowTraffic } from '../../../modules/core/security-group';
import { DnsZone } from '../../../modules/dns';
import { EcsCluster, FargateService } from '../../../modules/ecs';
import { LoadBalancer, serviceRouting } from '../../../modules/load-balancer';
import {
  AlarmTopic,
  cacheNodeMetrics,
  Dashboard,
  loadBalancerWidgets,
  ecsServiceAlarms,
  MetricAlarm,
  rdsInstanceAlarms,
  type DashboardMetric,
  type MetricAlarmProps,
} from '../../../modules/observability';
import { PostgresDatabase, PostgresReadReplica } from '../../../modules/postgres';
import { RedisCache } from '../../../modules/redis';
import { WebAcl } from '../../../modules/waf';
import { suppress } from '../../guardrails';
import { BlueprintStack } from '../../stacks/blueprint-stack';
import type { BlueprintContext } from '../blueprint';
import { networkFromConfig, type BlueprintNetwork } from '../network-from-config';
import {
  DATABASE_SECRET_VARIABLES,
  ECS_FULLSTACK_SERVICES,
  type EcsFullstackConfig,
  type EcsFullstackServiceName,
} from './schema';

export { ECS_FULLSTACK_SERVICES, type EcsFullstackServiceName } from './schema';

/** The read replica's identifier: `<appName>-<env>-replica`. */
export const readReplicaIdentifier = (prefix: string) => `${prefix}-replica`;

export class EcsFullstackStack extends BlueprintStack {
  readonly config: EcsFullstackConfig;
  readonly network: BlueprintNetwork;
  readonly dns: DnsZone;
  readonly loadBalancer: LoadBalancer;
  /** AWS WAF in front of the load balancer. */
  readonly firewall: WebAcl;
  readonly cluster: EcsCluster;
  readonly repositories: Readonly<Record<EcsFullstackServiceName, ContainerRepository>>;
  readonly services: Readonly<Record<EcsFullstackServiceName, FargateService>>;
  readonly database: PostgresDatabase;
  /** Present with `database.readReplica.enabled`. */
  readonly databaseReplica?: PostgresReadReplica;
  readonly cache: RedisCache;
  readonly alarmTopic: AlarmTopic;
  readonly alarms: readonly MetricAlarm[];
  readonly dashboard: Dashboard;

  constructor(scope: Construct, props: BlueprintContext<EcsFullstackConfig>) {
    super(scope, { ...props, blueprint: 'ecs-fullstack' });
    const { environment, config } = props;
    this.config = config;
    const prefix = `${config.appName}-${environment.name}`;
    const account = { accountId: environment.accountId, region: this.region };

    this.network = networkFromConfig(this, prefix, this.availabilityZones, config.network);

    this.dns = new DnsZone(this, 'dns', {
      domainName: config.dns.zoneName,
      comment: `${prefix}: ${config.appName} ${environment.name}`,
      cnameRecords: config.dns.wwwCname ? { www: config.dns.zoneName } : {},
      deletionProtection: config.dns.deletionProtection,
    });

    const serviceNames = ECS_FULLSTACK_SERVICES;
    this.loadBalancer = new LoadBalancer(this, 'alb', {
      name: prefix,
      vpcId: this.network.vpcId,
      subnetIds: this.network.publicSubnetIds,
      ingressCidrs: config.loadBalancer.ingressCidrs,
      certificateArn: this.dns.certificateArn,
      sslPolicy: config.loadBalancer.sslPolicy,
      idleTimeoutSeconds: config.loadBalancer.idleTimeoutSeconds,
      deletionProtection: config.loadBalancer.deletionProtection,
      accessLogs: config.loadBalancer.accessLogs,
      ...account,
      ...serviceRouting(
        Object.fromEntries(
          serviceNames.map((name) => [
            name,
            {
              targetGroupName: `${prefix}-${name}`,
              port: config.services[name].containerPort,
              targetType: 'ip' as const,
              healthCheck: { path: config.services[name].healthCheckPath },
              pathPatterns: config.services[name].pathPatterns,
              priority: config.services[name].priority,
            },
          ]),
        ),
        { path: 'ecsFullstack.services' },
      ),
    });
    this.firewall = new WebAcl(this, 'alb-waf', {
      name: `${prefix}-alb`,
      scope: 'REGIONAL',
      rateLimits: [{ name: 'per-ip', limit: 2000 }],
    });
    this.firewall.associate('alb-association', this.loadBalancer.arn);
    this.dns.addAliasRecords('alb', {
      target: { dnsName: this.loadBalancer.dnsName, zoneId: this.loadBalancer.zoneId },
    });

    this.cluster = new EcsCluster(this, 'cluster', {
      name: prefix,
      containerInsights: config.cluster.containerInsights,
      logGroupName: `/ecs/${prefix}/cluster`,
      logRetentionInDays: config.cluster.logRetentionInDays,
    });

    this.database = new PostgresDatabase(this, 'database', {
      identifier: prefix,
      ...account,
      vpcId: this.network.vpcId,
      subnetIds: this.network.privateSubnetIds,
      engineVersion: config.database.engineVersion,
      instanceClass: config.database.instanceClass,
      allocatedStorageGiB: config.database.allocatedStorageGiB,
      storageType: config.database.storageType,
      multiAz: config.database.multiAz,
      databaseName: config.database.databaseName,
      port: config.database.port,
      backupRetentionDays: config.database.backupRetentionDays,
      backupWindow: config.database.backupWindow,
      maintenanceWindow: config.database.maintenanceWindow,
      monitoringIntervalSeconds: config.database.monitoringIntervalSeconds,
      cloudwatchLogsExports: config.database.logExports,
      logRetentionInDays: config.database.logRetentionInDays,
      deletionProtection: config.database.deletionProtection,
    });
    const replica = config.database.readReplica;
    if (replica.enabled) {
      // Its clients are the database's: it shares the database's security group.
      this.databaseReplica = new PostgresReadReplica(this, 'database-replica', {
        source: this.database,
        identifier: readReplicaIdentifier(prefix),
        instanceClass: replica.instanceClass,
        deletionProtection: config.database.deletionProtection,
      });
    }

    this.cache = new RedisCache(this, 'cache', {
      replicationGroupId: prefix,
      description: `${prefix} cache and sessions`,
      vpcId: this.network.vpcId,
      subnetIds: this.network.privateSubnetIds,
      engineVersion: config.cache.engineVersion,
      nodeType: config.cache.nodeType,
      numCacheClusters: config.cache.numCacheClusters,
      automaticFailover: config.cache.automaticFailover,
      port: config.cache.port,
      parameters: { 'maxmemory-policy': config.cache.maxmemoryPolicy },
      transitEncryption: config.cache.transitEncryption,
      iamAuthentication: config.cache.iamAuthentication ? { userId: `${prefix}-app` } : undefined,
      snapshotRetentionDays: config.cache.snapshotRetentionDays,
      snapshotWindow: config.cache.snapshotWindow,
      maintenanceWindow: config.cache.maintenanceWindow,
    });

    const repositories = {} as Record<EcsFullstackServiceName, ContainerRepository>;
    const services = {} as Record<EcsFullstackServiceName, FargateService>;
    for (const name of serviceNames) {
      const service = config.services[name];
      const repository = new ContainerRepository(
        this,
        `${name}-repository`,
        containerRepositoryProps(`${prefix}-${name}`, config.registry),
      );
      const data = this.dataEndpointsFor(name);
      services[name] = new FargateService(this, `${name}-service`, {
        cluster: this.cluster,
        name: `${prefix}-${name}`,
        ...account,
        vpcId: this.network.vpcId,
        subnetIds: this.network.privateSubnetIds,
        cpu: service.cpu,
        memoryMiB: service.memoryMiB,
        container: {
          name,
          image: `${repository.repositoryUrl}:${service.imageTag}`,
          port: service.containerPort,
          environment: { ...service.environment, ...data.environment },
          secrets: data.secrets,
          healthCheck: containerHealthCheckProps(
            service.containerHealthCheck,
            service.containerPort,
            service.healthCheckPath,
          ),
          writablePaths: service.writablePaths,
        },
        // A service that may reach the cache connects as its IAM user.
        taskRolePolicyStatements: this.cacheConnectStatements(name),
        logGroupName: `/ecs/${prefix}/${name}`,
        logRetentionInDays: config.cluster.logRetentionInDays,
        desiredCount: service.capacity.desired,
        capacity: { min: service.capacity.min, max: service.capacity.max },
        cpuTargetPercent: service.cpuTargetPercent,
        scaleInCooldownSeconds: config.deployment.scaleInCooldownSeconds,
        scaleOutCooldownSeconds: config.deployment.scaleOutCooldownSeconds,
        deployment: {
          maximumPercent: config.deployment.maximumPercent,
          minimumHealthyPercent: config.deployment.minimumHealthyPercent,
          circuitBreaker: config.deployment.circuitBreakerRollback,
        },
        loadBalancer: { targetGroupArn: this.loadBalancer.targetGroups[name]!.arn },
        repositoryArns: [repository.repositoryArn],
        // A target group must be attached to a listener before a service can register targets in it.
        dependsOn: [this.loadBalancer.servingListener],
      });
      allowTraffic(this.loadBalancer.securityGroup, services[name].securityGroup, {
        port: service.containerPort,
        description: `${name} traffic from the load balancer`,
      });
      if (config.database.allowedServices.includes(name)) {
        this.database.allowFrom(services[name].securityGroup, `PostgreSQL from the ${name} service`);
      }
      if (config.cache.allowedServices.includes(name)) {
        this.cache.allowFrom(services[name].securityGroup, `Redis from the ${name} service`);
      }
      repositories[name] = repository;
    }
    this.repositories = repositories;
    this.services = services;

    this.alarmTopic = new AlarmTopic(this, 'alarm-topic', {
      name: `${prefix}-alarms`,
      accountId: environment.accountId,
      emailAddresses: [environment.contactEmail],
    });
    const alarmRule = {
      periodSeconds: config.monitoring.periodSeconds,
      evaluationPeriods: config.monitoring.evaluationPeriods,
      alarmActions: [this.alarmTopic.topicArn],
      okActions: [this.alarmTopic.topicArn],
    };
    this.alarms = serviceNames.flatMap((name) =>
      Object.entries(
        ecsServiceAlarms({
          namePrefix: `${prefix}-${name}`,
          label: name,
          clusterName: this.cluster.clusterName,
          serviceName: services[name].serviceName,
          cpuPercent: config.monitoring.cpuAlarmPercent,
          memoryPercent: config.monitoring.memoryAlarmPercent,
          ...alarmRule,
        }),
      ).map(([kind, props]) => new MetricAlarm(this, `${name}-${kind}-alarm`, props)),
    );
    if (this.databaseReplica) {
      const replicaAlarms = rdsInstanceAlarms({
        instanceIdentifier: this.databaseReplica.instanceIdentifier,
        cpuPercent: config.monitoring.cpuAlarmPercent,
        allocatedStorageGiB: this.databaseReplica.allocatedStorageGiB,
        replicaLagSeconds: replica.replicaLagAlarmSeconds,
        ...alarmRule,
      });
      this.alarms = [
        ...this.alarms,
        ...Object.entries(replicaAlarms).map(
          ([kind, props]) => new MetricAlarm(this, `database-replica-${kind}-alarm`, props as MetricAlarmProps),
        ),
      ];
    }

    this.dashboard = new Dashboard(this, 'overview', {
      dashboardName: prefix,
      region: this.region,
      rows: this.dashboardRows(),
    });

    if (!config.cache.iamAuthentication) {
      suppress(
        this.cache,
        'elasticache-redis-auth',
        "cache.iamAuthentication is off: only the allowed services' security groups reach the port, over TLS",
      );
    }

    this.createOutputs();
  }

  /** What the application pipelines and operators use (docs/blueprints/ecs-fullstack.md lists them). */
  private createOutputs(): void {
    const output = (name: string, value: unknown, description: string) =>
      new TerraformOutput(this, name, { value, description });
    output('alb_dns_name', this.loadBalancer.dnsName, "The load balancer's DNS name (the zone's alias target).");
    output(
      'zone_name_servers',
      this.dns.nameServers,
      'Delegate the zone to these name servers; certificate validation waits for it.',
    );
    output('cluster_name', this.cluster.clusterName, 'The ECS cluster.');
    for (const name of ECS_FULLSTACK_SERVICES) {
      output(`${name}_service_name`, this.services[name].serviceName, `The ${name} ECS service (update it to deploy).`);
      output(`${name}_repository_url`, this.repositories[name].repositoryUrl, `Push the ${name} image here.`);
    }
    output('database_endpoint', this.database.endpoint, 'PostgreSQL, host:port (reads and writes).');
    output(
      'database_secret_arn',
      this.database.masterUserSecretArn,
      "The database's master credentials (RDS-managed).",
    );
    if (this.databaseReplica) {
      output('database_replica_endpoint', this.databaseReplica.endpoint, 'The PostgreSQL read replica, host:port.');
    }
    output('cache_primary_endpoint', this.cache.primaryEndpointAddress, "Redis's primary endpoint (host name).");
    output('cache_reader_endpoint', this.cache.readerEndpointAddress, "Redis's reader endpoint (host name).");
    output('alarm_topic_arn', this.alarmTopic.topicArn, 'The SNS topic every alarm notifies.');
    output('dashboard_url', this.dashboard.consoleUrl, 'The CloudWatch dashboard.');
  }

  /** Where a service finds the database and the cache, if it may reach them; the password comes from its secret. */
  private dataEndpointsFor(name: EcsFullstackServiceName): {
    environment: Record<string, string>;
    secrets: Record<string, string>;
  } {
    const environment: Record<string, string> = {};
    const secrets: Record<string, string> = {};
    if (this.config.database.allowedServices.includes(name)) {
      Object.assign(environment, {
        DATABASE_HOST: this.database.address,
        // Reads go to the replica where there is one, else to the database: the application reads one variable.
        DATABASE_READ_HOST: this.databaseReplica?.address ?? this.database.address,
        DATABASE_PORT: String(this.config.database.port),
        DATABASE_NAME: this.config.database.databaseName,
      });
      // RDS keeps the master credentials as JSON {username, password} in its managed secret.
      const [username, password] = DATABASE_SECRET_VARIABLES;
      secrets[username] = `${this.database.masterUserSecretArn}:username::`;
      secrets[password] = `${this.database.masterUserSecretArn}:password::`;
    }
    if (this.config.cache.allowedServices.includes(name)) {
      Object.assign(environment, {
        REDIS_HOST: this.cache.primaryEndpointAddress,
        // The replicas' endpoint (the primary while there is no replica node).
        REDIS_READER_HOST: this.cache.readerEndpointAddress,
        REDIS_PORT: String(this.config.cache.port),
        REDIS_TLS: String(this.config.cache.transitEncryption),
        ...(this.cache.iamUser ? { REDIS_USER: this.cache.iamUser.userName, REDIS_AUTH: 'iam' } : {}),
      });
    }
    return { environment, secrets };
  }

  /** `elasticache:Connect` for a service that may reach the cache, when the cache authenticates by IAM. */
  private cacheConnectStatements(name: EcsFullstackServiceName) {
    const statement = this.cache.connectStatement();
    return statement && this.config.cache.allowedServices.includes(name) ? [statement] : [];
  }

  private dashboardRows() {
    const services = ECS_FULLSTACK_SERVICES;
    const ecs = (metricName: string): DashboardMetric[] =>
      services.map((name) => ({
        namespace: 'AWS/ECS',
        metricName,
        dimensions: { ClusterName: this.cluster.clusterName, ServiceName: this.services[name].serviceName },
        label: name,
      }));
    const instances = [this.database, ...(this.databaseReplica ? [this.databaseReplica] : [])];
    const rds = (metricName: string): DashboardMetric[] =>
      instances.map((instance) => ({
        namespace: 'AWS/RDS',
        metricName,
        dimensions: { DBInstanceIdentifier: instance.instanceIdentifier },
        label: instance === this.database ? 'database' : 'read replica',
      }));
    const replicaLag = this.databaseReplica
      ? [{ title: 'RDS replica lag (s)', stat: 'Maximum', metrics: rds('ReplicaLag').slice(1) }]
      : [];
    return [
      [
        { title: 'ECS CPU utilization (%)', metrics: ecs('CPUUtilization') },
        { title: 'ECS memory utilization (%)', metrics: ecs('MemoryUtilization') },
      ],
      loadBalancerWidgets({ loadBalancerArnSuffix: this.loadBalancer.arnSuffix }),
      [
        { title: 'RDS connections', metrics: rds('DatabaseConnections') },
        { title: 'RDS CPU utilization (%)', metrics: rds('CPUUtilization') },
        ...replicaLag,
        {
          title: 'Redis CPU utilization (%)',
          metrics: cacheNodeMetrics(this.cache.memberClusterIds, 'EngineCPUUtilization'),
        },
        {
          title: 'Redis memory used (%)',
          metrics: cacheNodeMetrics(this.cache.memberClusterIds, 'DatabaseMemoryUsagePercentage'),
        },
      ],
    ];
  }
}
