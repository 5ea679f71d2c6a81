/**
 * The `ecs-fullstack` configuration: the shipped dev and prod sections carry seed 001's numbers, and each kind of bad
 * input fails at load time with the field's full path and value (min tasks above max, a 150% threshold, a port out
 * of range, a target-group port no security group allows, failover on one node, a malformed window, a subnet outside
 * the blueprint's VPC).
 */
import { loadConfig } from '../../src/config/load';
import { environmentsWith, loadError, type Patch } from '../helpers/config';
import { expectIssue } from '../helpers/validation';

describe('shipped ecs-fullstack configuration (seed 001)', () => {
  const { environments } = loadConfig({});
  const section = (name: string) => environments.find((environment) => environment.name === name)!.ecsFullstack;
  const [devConfig, prodConfig] = [section('dev'), section('prod')];

  it('gives dev and prod the document sizes', () => {
    expect(devConfig!.database).toMatchObject({
      instanceClass: 'db.t4g.micro',
      allocatedStorageGiB: 20,
      storageType: 'gp3',
      multiAz: false,
    });
    expect(prodConfig!.database).toMatchObject({
      instanceClass: 'db.t4g.small',
      allocatedStorageGiB: 50,
      storageType: 'gp3',
      multiAz: true,
    });
    expect(devConfig!.cache).toMatchObject({
      nodeType: 'cache.t4g.micro',
      numCacheClusters: 1,
      automaticFailover: false,
    });
    expect(prodConfig!.cache).toMatchObject({
      nodeType: 'cache.t4g.small',
      numCacheClusters: 2,
      automaticFailover: true,
    });
    expect(devConfig!.dns.zoneName).toBe('dev.therpiproject.com');
    expect(prodConfig!.dns.zoneName).toBe('therpiproject.com');
  });

  it('keeps the numbers both environments share', () => {
    for (const config of [devConfig!, prodConfig!]) {
      expect(config.network).toMatchObject({
        vpcCidr: '10.0.0.0/16',
        publicSubnetCidrs: ['10.0.1.0/24', '10.0.2.0/24'],
        privateSubnetCidrs: ['10.0.10.0/24', '10.0.11.0/24'],
        natGateways: 'per-az',
      });
      expect(config.services.frontend).toMatchObject({
        containerPort: 3000,
        cpu: 256,
        memoryMiB: 512,
        healthCheckPath: '/',
      });
      expect(config.services.backend).toMatchObject({
        containerPort: 8000,
        cpu: 256,
        memoryMiB: 512,
        healthCheckPath: '/api/v1/health',
        pathPatterns: ['/api/*'],
      });
      for (const service of Object.values(config.services)) {
        expect(service.capacity).toMatchObject({ min: 1, max: 4 });
        expect(service.cpuTargetPercent).toBe(70);
      }
      expect(config.database).toMatchObject({
        engineVersion: '16.3',
        backupRetentionDays: 7,
        backupWindow: '03:00-04:00',
        maintenanceWindow: 'mon:04:00-mon:05:00',
        monitoringIntervalSeconds: 60,
        logExports: ['postgresql', 'upgrade'],
        deletionProtection: true,
      });
      expect(config.cache).toMatchObject({
        engineVersion: '7.1',
        maxmemoryPolicy: 'allkeys-lru',
        snapshotRetentionDays: 5,
        snapshotWindow: '03:00-05:00',
      });
      expect(config.registry).toEqual({
        imageTagMutability: 'IMMUTABLE',
        scanOnPush: true,
        encryption: 'AES256',
        keepTaggedImages: { tagPrefixes: ['v'], count: 10 },
        expireUntaggedAfterDays: 7,
      });
      expect(config.deployment).toMatchObject({
        maximumPercent: 200,
        minimumHealthyPercent: 100,
        circuitBreakerRollback: true,
      });
      expect(config.monitoring).toMatchObject({ cpuAlarmPercent: 80, memoryAlarmPercent: 80, evaluationPeriods: 2 });
      expect(config.cluster.logRetentionInDays).toBe(30);
    }
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
      /Invalid enum value/,
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
