import type { EcsFullstackConfig } from '../blueprints/ecs-fullstack';
import type { EnvironmentConfig, NetworkConfig } from '../schema';

const network: NetworkConfig = {
  vpcCidr: '10.0.0.0/16',
  publicSubnetCidrs: ['10.0.1.0/24', '10.0.2.0/24'],
  privateSubnetCidrs: ['10.0.10.0/24', '10.0.11.0/24'],
  natGateways: 'per-az',
  flowLogs: { enabled: true, retentionInDays: 30, trafficType: 'ALL' },
};

/** Development: the seeds' dev sizes. Network numbers are those of seeds 000/001 (10.0.0.0/16, two AZs). */
/** Seed 001 (dev column): db.t4g.micro / 20 GB, cache.t4g.micro x 1. */
const ecsFullstack: EcsFullstackConfig = {
  appName: 'portfolio',
  network,
  dns: { zoneName: 'dev.therpiproject.com', wwwCname: true },
  loadBalancer: {
    sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
    ingressCidrs: ['0.0.0.0/0'],
    idleTimeoutSeconds: 60,
    deletionProtection: false,
    accessLogs: { enabled: true, expirationDays: 90 },
  },
  securityGroups: { albIngressPorts: [80, 443], ecsIngressPorts: [3000, 8000] },
  cluster: { containerInsights: 'enabled', logRetentionInDays: 30 },
  services: {
    frontend: {
      containerPort: 3000,
      cpu: 256,
      memoryMiB: 512,
      healthCheckPath: '/',
      pathPatterns: [],
      rulePriority: 200,
      capacity: { min: 1, desired: 1, max: 4 },
      cpuTargetPercent: 70,
      imageTag: 'v0.1.0',
      environment: { NODE_ENV: 'production' },
    },
    backend: {
      containerPort: 8000,
      cpu: 256,
      memoryMiB: 512,
      healthCheckPath: '/api/v1/health',
      pathPatterns: ['/api/*'],
      rulePriority: 100,
      capacity: { min: 1, desired: 1, max: 4 },
      cpuTargetPercent: 70,
      imageTag: 'v0.1.0',
      environment: { APP_ENV: 'development' },
    },
  },
  deployment: {
    maximumPercent: 200,
    minimumHealthyPercent: 100,
    circuitBreakerRollback: true,
    // The seed scales out and in after 2 minutes above/below target.
    scaleInCooldownSeconds: 120,
    scaleOutCooldownSeconds: 120,
  },
  registry: {
    imageTagMutability: 'IMMUTABLE',
    scanOnPush: true,
    keepTaggedImages: { tagPrefixes: ['v'], count: 10 },
    expireUntaggedAfterDays: 7,
  },
  database: {
    engineVersion: '16.3',
    instanceClass: 'db.t4g.micro',
    allocatedStorageGiB: 20,
    storageType: 'gp3',
    multiAz: false,
    databaseName: 'portfolio',
    port: 5432,
    backupRetentionDays: 7,
    backupWindow: '03:00-04:00',
    maintenanceWindow: 'mon:04:00-mon:05:00',
    monitoringIntervalSeconds: 60,
    logExports: ['postgresql', 'upgrade'],
    logRetentionInDays: 30,
    deletionProtection: true,
    allowedServices: ['backend'],
  },
  cache: {
    engineVersion: '7.1',
    nodeType: 'cache.t4g.micro',
    numCacheClusters: 1,
    automaticFailover: false,
    port: 6379,
    maxmemoryPolicy: 'allkeys-lru',
    snapshotRetentionDays: 5,
    snapshotWindow: '03:00-05:00',
    maintenanceWindow: 'sun:05:00-sun:06:00',
    transitEncryption: true,
    allowedServices: ['backend'],
  },
  monitoring: { cpuAlarmPercent: 80, memoryAlarmPercent: 80, periodSeconds: 300, evaluationPeriods: 2 },
};

export const dev: EnvironmentConfig = {
  name: 'dev',
  accountId: '123456789012',
  region: 'us-east-1',
  availabilityZones: ['us-east-1a', 'us-east-1b'],
  contactEmail: 'platform-alerts@example.com',
  tags: { owner: 'platform-engineering', 'cost-center': 'development' },
  network,
  ecsFullstack,
};
