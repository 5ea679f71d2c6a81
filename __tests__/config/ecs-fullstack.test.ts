/**
 * The `ecs-fullstack` configuration: seed 001's numbers are the schema defaults and its dev/prod columns the profiles
 * (asserted here, once; the blueprint test checks that the synthesized stacks follow the resolved config), and each
 * kind of bad input fails at load time with the field's full path and value (min tasks above max, a 150% threshold, a port out
 * of range, a target-group port no security group allows, failover on one node, a malformed window, a subnet outside
 * the blueprint's VPC).
 */
import { ecsFullstackDefaults, ecsFullstackProfiles } from '../../src/blueprints/ecs-fullstack/schema';
import { environmentsWith, loadError, type Patch } from '../helpers/config';
import { expectIssue } from '../helpers/validation';

describe("seed 001's numbers: the ecs-fullstack schema defaults and profiles", () => {
  const defaults = ecsFullstackDefaults({ name: 'dev', production: false });
  const production = ecsFullstackDefaults({ name: 'prod', production: true });

  it('are the document values both columns share, and its dev column (each asserted here only)', () => {
    expect(defaults.profile).toBe('dev');
    expect(defaults.network).toMatchObject({
      vpcCidr: '10.0.0.0/16',
      publicSubnetCidrs: ['10.0.1.0/24', '10.0.2.0/24'],
      privateSubnetCidrs: ['10.0.10.0/24', '10.0.11.0/24'],
      natGateways: 'per-az',
    });
    expect(defaults.loadBalancer).toMatchObject({
      sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
      ingressCidrs: ['0.0.0.0/0'],
    });
    expect(defaults.cluster).toEqual({ containerInsights: 'enabled', logRetentionInDays: 30 });
    const service = { cpu: 256, memoryMiB: 512, capacity: { min: 1, desired: 1, max: 4 }, cpuTargetPercent: 70 };
    expect(defaults.services.frontend).toMatchObject({
      ...service,
      containerPort: 3000,
      healthCheckPath: '/',
      pathPatterns: [],
      containerHealthCheck: {
        probe: 'node',
        intervalSeconds: 30,
        timeoutSeconds: 5,
        retries: 3,
        startPeriodSeconds: 60,
      },
    });
    expect(defaults.services.backend).toMatchObject({
      ...service,
      containerPort: 8000,
      healthCheckPath: '/api/v1/health',
      pathPatterns: ['/api/*'],
      containerHealthCheck: {
        probe: 'python',
        intervalSeconds: 30,
        timeoutSeconds: 5,
        retries: 3,
        startPeriodSeconds: 60,
      },
    });
    expect(defaults.deployment).toEqual({
      maximumPercent: 200,
      minimumHealthyPercent: 100,
      circuitBreakerRollback: true,
      // "Scale out/in when CPU is above/below target for 2 minutes".
      scaleInCooldownSeconds: 120,
      scaleOutCooldownSeconds: 120,
    });
    expect(defaults.registry).toEqual({
      imageTagMutability: 'IMMUTABLE',
      scanOnPush: true,
      encryption: 'AES256',
      keepTaggedImages: { tagPrefixes: ['v'], count: 10 },
      expireUntaggedAfterDays: 7,
    });
    expect(defaults.database).toMatchObject({
      engineVersion: '16.3',
      instanceClass: 'db.t4g.micro',
      allocatedStorageGiB: 20,
      storageType: 'gp3',
      multiAz: false,
      port: 5432,
      backupRetentionDays: 7,
      backupWindow: '03:00-04:00',
      maintenanceWindow: 'mon:04:00-mon:05:00',
      monitoringIntervalSeconds: 60,
      logExports: ['postgresql', 'upgrade'],
      deletionProtection: true,
      allowedServices: ['backend'],
    });
    expect(defaults.cache).toMatchObject({
      engineVersion: '7.1',
      nodeType: 'cache.t4g.micro',
      numCacheClusters: 1,
      automaticFailover: false,
      port: 6379,
      maxmemoryPolicy: 'allkeys-lru',
      snapshotRetentionDays: 5,
      snapshotWindow: '03:00-05:00',
      allowedServices: ['backend'],
    });
    expect(defaults.monitoring).toMatchObject({ cpuAlarmPercent: 80, memoryAlarmPercent: 80, evaluationPeriods: 2 });
  });

  it("has the document's prod column as the prod profile: sizes, Multi-AZ, failover, two tasks, a read replica", () => {
    // Dev: "no read replicas"; the lag alarm's limit is ours (the document gives none).
    expect(defaults.database.readReplica).toEqual({ enabled: false, replicaLagAlarmSeconds: 60 });
    expect(ecsFullstackProfiles).toEqual({
      dev: {},
      prod: {
        services: { frontend: { capacity: { min: 2, desired: 2 } }, backend: { capacity: { min: 2, desired: 2 } } },
        // "Read replicas for database and cache": the cache's is its second node.
        database: {
          instanceClass: 'db.t4g.small',
          allocatedStorageGiB: 50,
          multiAz: true,
          readReplica: { enabled: true },
        },
        cache: { nodeType: 'cache.t4g.small', numCacheClusters: 2, automaticFailover: true },
      },
    });
  });

  it('host production at the apex and other environments under it, and protect production', () => {
    expect(defaults.dns.zoneName).toBe('dev.therpiproject.com');
    expect(production.dns.zoneName).toBe('therpiproject.com');
    const guards = (values: typeof defaults) => ({
      zone: values.dns.deletionProtection,
      loadBalancer: values.loadBalancer.deletionProtection,
      accessLogDays: values.loadBalancer.accessLogs.expirationDays,
    });
    expect(guards(defaults)).toEqual({ zone: false, loadBalancer: false, accessLogDays: 90 });
    expect(guards(production)).toEqual({ zone: true, loadBalancer: true, accessLogDays: 365 });
  });
});

describe('bad ecs-fullstack input', () => {
  const base = 'environments.dev.ecsFullstack';
  it.each<[string, Patch, string, unknown, RegExp]>([
    [
      'min tasks above max tasks',
      { services: { backend: { capacity: { min: 5, max: 4 } } } },
      'services.backend.capacity.min',
      5,
      /must not be above capacity\.max \(4\)/,
    ],
    [
      'a 150% CPU alarm threshold',
      { monitoring: { cpuAlarmPercent: 150 } },
      'monitoring.cpuAlarmPercent',
      150,
      /is a percentage: above 0 and at most 100/,
    ],
    [
      'a 150% scaling target',
      { services: { frontend: { cpuTargetPercent: 150 } } },
      'services.frontend.cpuTargetPercent',
      150,
      /must be a whole number from 1 to 100/,
    ],
    [
      'a port out of range',
      { services: { backend: { containerPort: 70000 } } },
      'services.backend.containerPort',
      70000,
      /port from 1 to 65535/,
    ],
    [
      'automatic failover on one node',
      { cache: { automaticFailover: true, numCacheClusters: 1 } },
      'cache.automaticFailover',
      true,
      /needs numCacheClusters of at least 2 \(it is 1\)/,
    ],
    [
      'a maintenance window without days',
      { database: { maintenanceWindow: 'mon:04:00-05:00' } },
      'database.maintenanceWindow',
      'mon:04:00-05:00',
      /ddd:hh:mm-ddd:hh:mm/,
    ],
    [
      'a backup window in the wrong format',
      { database: { backupWindow: '3-4' } },
      'database.backupWindow',
      '3-4',
      /hh:mm-hh:mm/,
    ],
    [
      'gp3 storage below 20 GiB',
      { database: { allocatedStorageGiB: 10 } },
      'database.allocatedStorageGiB',
      10,
      /must be a whole number of GiB from 20 to 65536 for gp3 storage/,
    ],
    [
      'an unknown service granted database access',
      { database: { allowedServices: ['worker'] } },
      'database.allowedServices[0]',
      'worker',
      /^must be "frontend" or "backend"$/,
    ],
    [
      'a TLS 1.2 policy',
      { loadBalancer: { sslPolicy: 'ELBSecurityPolicy-2016-08' } },
      'loadBalancer.sslPolicy',
      'ELBSecurityPolicy-2016-08',
      /TLS 1\.3/,
    ],
    [
      'a public subnet outside the blueprint VPC',
      { network: { publicSubnetCidrs: ['10.0.1.0/24', '10.1.2.0/24'] } },
      'network.publicSubnetCidrs[1]',
      '10.1.2.0/24',
      /not inside/,
    ],
    ['an unknown setting', { cache: { nodes: 3 } }, 'cache.nodes', 3, /is not a known setting/],
    [
      'a period that is not whole minutes',
      { monitoring: { periodSeconds: 90 } },
      'monitoring.periodSeconds',
      90,
      /multiple of 60/,
    ],
    [
      'minimum healthy above maximum',
      { deployment: { minimumHealthyPercent: 100, maximumPercent: 100 } },
      'deployment.maximumPercent',
      100,
      /must be above minimumHealthyPercent/,
    ],
  ])('rejects %s', (_what, patch, path, value, message) => {
    expectIssue(loadError(environmentsWith('dev', { ecsFullstack: patch })), `${base}.${path}`, value, message);
  });
});
