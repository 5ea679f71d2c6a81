import type { Ec2WebConfig } from '../blueprints/ec2-web';
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
  dns: { zoneName: 'dev.therpiproject.com', wwwCname: true, deletionProtection: false },
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
    encryption: 'AES256',
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

/** Seed 000 (dev): t3.medium x 2-6 behind the ALB, cache.t3.micro x 1, MongoDB Atlas, OIDC roles for main. */
const ec2Web: Ec2WebConfig = {
  appName: 'starttech',
  network,
  loadBalancer: {
    // The document's ALB is "HTTPS ready": set certificateArn to add 443 and the 80 → 443 redirect.
    allowPlainHttp: true,
    ingressCidrs: ['0.0.0.0/0'],
    deletionProtection: false,
    accessLogs: { enabled: true, expirationDays: 90 },
    targetGroup: {
      port: 8080,
      healthCheckPath: '/health',
      intervalSeconds: 30,
      timeoutSeconds: 3,
      healthyThreshold: 2,
      unhealthyThreshold: 2,
    },
  },
  instances: {
    instanceType: 't3.medium',
    amiSsmParameter: '/aws/service/ami-amazon-linux-latest/amzn2-ami-hvm-x86_64-gp2',
    rootVolumeGiB: 20,
    rootVolumeType: 'gp3',
    healthCheckType: 'ELB',
    capacity: { min: 2, desired: 2, max: 6 },
    healthCheckGracePeriodSeconds: 300,
    // No SSH: instances are reached through SSM Session Manager. Add office CIDRs here if SSH is needed.
    sshCidrs: [],
    imageTag: 'v0.1.0',
    containerPort: 8080,
    environment: { NODE_ENV: 'production', PORT: '8080', APP_ENV: 'development' },
    logRetentionInDays: 30,
  },
  scaling: {
    scaleUpCpuPercent: 70,
    scaleDownCpuPercent: 30,
    cooldownSeconds: 300,
    periodSeconds: 60,
    evaluationPeriods: 2,
  },
  frontend: {
    originAccess: 'origin-access-control',
    noncurrentVersionExpirationDays: 30,
    defaultTtlSeconds: 3600,
    assetsTtlSeconds: 31536000,
    priceClass: 'PriceClass_100',
  },
  cache: {
    engineVersion: '7.0',
    nodeType: 'cache.t3.micro',
    numCacheClusters: 1,
    automaticFailover: false,
    port: 6379,
    transitEncryption: false,
    snapshotRetentionDays: 5,
    snapshotWindow: '03:00-05:00',
    maintenanceWindow: 'sun:05:00-sun:06:00',
    logRetentionInDays: 30,
  },
  mongodb: {
    mode: 'atlas',
    orgId: '5f1a2b3c4d5e6f7a8b9c0d1e',
    projectName: 'starttech-dev',
    clusterName: 'starttech-dev',
    // The document's M5 shared tier no longer exists; M10 is the smallest tier with a 3-node replica set and
    // configurable backup retention (see docs/blueprints/ec2-web.md).
    instanceSize: 'M10',
    electableNodes: 3,
    mongoDbMajorVersion: '7.0',
    backupRetentionDays: 35,
    username: 'starttech_app',
    databases: ['starttech', 'starttech_staging'],
  },
  monitoring: {
    responseTimeSeconds: 1,
    redisMemoryPercent: 90,
    redisEvictionsThreshold: 0,
    unhealthyHostsThreshold: 0,
    periodSeconds: 60,
    evaluationPeriods: 2,
  },
  github: {
    // One OIDC provider per account: dev creates it, prod (same example account) reuses it.
    oidcProvider: 'create',
    frontend: { repository: 'Kindee18/StartTech-Kindson-1148', branches: ['main'] },
    backend: { repository: 'Kindee18/StartTech-Kindson-1148', branches: ['main'] },
    infra: { repository: 'Kindee18/StartTech-Infra-Kindson-1148', branches: ['main'] },
  },
};

export const dev: EnvironmentConfig = {
  name: 'dev',
  production: false,
  accountId: '123456789012',
  region: 'us-east-1',
  availabilityZones: ['us-east-1a', 'us-east-1b'],
  contactEmail: 'platform-alerts@example.com',
  tags: { owner: 'platform-engineering', 'cost-center': 'development' },
  network,
  ecsFullstack,
  ec2Web,
};
