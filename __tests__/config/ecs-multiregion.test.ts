/**
 * The `ecs-multiregion` configuration: seed 002's numbers are the schema defaults (asserted here, once; the blueprint
 * test checks that both synthesized stacks follow the resolved config), the production defaults, the shipped
 * sections, and each kind of bad input failing at load time with the field's full path and value: overlapping VPCs,
 * the same region twice, tasks outside min..max, production without an approval or with plain HTTP, and a second
 * replication rule in the account.
 */
import { ecsMultiregionDefaults } from '../../src/blueprints/ecs-multiregion/schema';
import { loadConfig } from '../../src/config/load';
import { environmentsWith, loadError, type Patch } from '../helpers/config';
import { expectIssue } from '../helpers/validation';

describe("seed 002's numbers: the ecs-multiregion schema defaults", () => {
  const defaults = ecsMultiregionDefaults({ name: 'dev', production: false });

  it('put the primary in us-east-1 and the secondary in us-west-2', () => {
    expect(defaults.regions).toEqual({ primary: 'us-east-1', secondary: 'us-west-2' });
  });

  it('are the networks of the document: 10.0.0.0/16 and 10.1.0.0/16, public .1/.2, private .11/.12, one NAT', () => {
    expect(defaults.network.primary).toEqual({
      vpcCidr: '10.0.0.0/16',
      publicSubnetCidrs: ['10.0.1.0/24', '10.0.2.0/24'],
      privateSubnetCidrs: ['10.0.11.0/24', '10.0.12.0/24'],
      natGateways: 'single',
      flowLogs: { enabled: true, retentionInDays: 30, trafficType: 'ALL' },
    });
    expect(defaults.network.secondary).toEqual({
      vpcCidr: '10.1.0.0/16',
      publicSubnetCidrs: ['10.1.1.0/24', '10.1.2.0/24'],
      privateSubnetCidrs: ['10.1.11.0/24', '10.1.12.0/24'],
      natGateways: 'single',
      flowLogs: { enabled: true, retentionInDays: 30, trafficType: 'ALL' },
    });
  });

  it('scale 2 to 10 tasks on CPU and memory, health-checked every 30 s', () => {
    expect(defaults.service).toMatchObject({
      containerPort: 8080,
      cpu: 512,
      memoryMiB: 1024,
      capacity: { min: 2, desired: 2, max: 10 },
      cpuTargetPercent: 70,
      memoryTargetPercent: 70,
      healthCheckPath: '/health',
      parameters: ['APP_SECRET_KEY'],
    });
    expect(defaults.loadBalancer).toMatchObject({
      allowPlainHttp: false,
      ingressCidrs: ['0.0.0.0/0'],
      healthCheck: {
        intervalSeconds: 30,
        timeoutSeconds: 5,
        healthyThreshold: 2,
        unhealthyThreshold: 3,
        matcher: '200',
      },
    });
  });

  it('alarm on CPU and memory above 80%, 5xx above 1% of requests and any unhealthy target', () => {
    expect(defaults.monitoring).toEqual({
      cpuAlarmPercent: 80,
      memoryAlarmPercent: 80,
      unhealthyTargetsThreshold: 0,
      http5xxErrorRatePercent: 1,
      periodSeconds: 60,
      evaluationPeriods: 3,
    });
  });

  it('scan and keep images immutable, replicated by the production environment', () => {
    expect(defaults.registry).toEqual({
      imageTagMutability: 'IMMUTABLE',
      scanOnPush: true,
      encryption: 'KMS',
      keepTaggedImages: { tagPatterns: ['*'], count: 30 },
      expireUntaggedAfterDays: 7,
      replication: 'existing',
    });
  });

  it('build from CodeCommit main (one approval per pull request), with a manual approval before production', () => {
    expect(defaults.source).toEqual({
      provider: 'codecommit',
      branch: 'main',
      repository: 'example-org/globalapp',
      requiredApprovals: 1,
    });
    expect(defaults.pipeline).toMatchObject({
      approval: true,
      replicationWaitMinutes: 15,
      artifactExpireAfterDays: 30,
    });
  });

  it('deploy blue/green all at once, keep the original tasks 5 minutes, roll back on alarms', () => {
    expect(defaults.blueGreen).toEqual({
      deploymentConfig: 'CodeDeployDefault.ECSAllAtOnce',
      terminateOriginalAfterMinutes: 5,
      testListener: { port: 9443 },
      rollbackOnAlarms: true,
    });
    expect(defaults.staging).toEqual({ listener: { port: 8443 }, capacity: { min: 1, desired: 1, max: 2 } });
  });
});

describe('production defaults', () => {
  const production = ecsMultiregionDefaults({ name: 'prod', production: true });

  it('protect the load balancers, keep logs a year and create the account replication rule', () => {
    expect(production.loadBalancer).toMatchObject({ deletionProtection: true, accessLogs: { expirationDays: 365 } });
    expect(production.cluster.logRetentionInDays).toBe(365);
    expect(production.network.primary.flowLogs.retentionInDays).toBe(365);
    expect(production.registry.replication).toBe('create');
  });
});

describe('the shipped sections', () => {
  const { environments } = loadConfig({});
  const section = (name: string) => environments.find((environment) => environment.name === name)!.ecsMultiregion!;

  it('deploy ecs-multiregion in dev (GitHub source, HTTP) and prod (a domain with automatic failover)', () => {
    expect(environments.filter((environment) => environment.ecsMultiregion).map(({ name }) => name)).toEqual([
      'dev',
      'prod',
    ]);
    expect(section('dev')).toMatchObject({ domain: null, loadBalancer: { allowPlainHttp: true } });
    expect(section('dev').source.provider).toBe('github');
    expect(section('prod').domain).toEqual({
      zoneId: 'Z0EXAMPLE1234567890AB',
      recordName: 'globalapp.example.com',
      failover: 'automatic',
      healthCheck: { intervalSeconds: 30, failureThreshold: 3 },
    });
    expect(section('prod').source.provider).toBe('codecommit');
  });
});

describe('bad ecs-multiregion input', () => {
  it.each<[string, string, Patch, string, unknown, RegExp]>([
    [
      'overlapping primary and secondary VPCs',
      'dev',
      { network: { secondary: { vpcCidr: '10.0.0.0/16' } } },
      'network.secondary.vpcCidr',
      '10.0.0.0/16',
      /overlaps network\.primary\.vpcCidr 10\.0\.0\.0\/16/,
    ],
    [
      'the same region twice',
      'dev',
      { regions: { secondary: 'us-east-1' } },
      'regions.secondary',
      'us-east-1',
      /must differ from regions\.primary \(us-east-1\)/,
    ],
    [
      'min tasks above max tasks',
      'dev',
      { service: { capacity: { min: 12, desired: 12, max: 10 } } },
      'service.capacity.min',
      12,
      /must not be above capacity\.max \(10\)/,
    ],
    [
      'a pipeline without an approval in production',
      'prod',
      { pipeline: { approval: false } },
      'pipeline.approval',
      false,
      /must be true in a production environment/,
    ],
    [
      'plain HTTP in production',
      'prod',
      { domain: null, loadBalancer: { allowPlainHttp: true } },
      'loadBalancer.allowPlainHttp',
      true,
      /must be false in a production environment/,
    ],
    [
      'no domain without the plain-HTTP choice',
      'dev',
      { loadBalancer: { allowPlainHttp: false } },
      'domain',
      null,
      /must be set for HTTPS .* set loadBalancer\.allowPlainHttp: true/,
    ],
    [
      'the staging listener on a public port',
      'dev',
      { staging: { listener: { port: 443 } } },
      'staging.listener.port',
      443,
      /must not be 80 or 443/,
    ],
    [
      'a private subnet outside the secondary VPC',
      'dev',
      { network: { secondary: { privateSubnetCidrs: ['10.1.11.0/24', '10.0.12.0/24'] } } },
      'network.secondary.privateSubnetCidrs[1]',
      '10.0.12.0/24',
      /not inside network\.vpcCidr 10\.1\.0\.0\/16|not inside/,
    ],
    [
      'a deployment config that is not an ECS one',
      'dev',
      { blueGreen: { deploymentConfig: 'CodeDeployDefault.AllAtOnce' } },
      'blueGreen.deploymentConfig',
      'CodeDeployDefault.AllAtOnce',
      /must be a CodeDeployDefault\.ECS\* config/,
    ],
  ])('rejects %s (%s)', (_what, env, patch, path, value, message) => {
    const error = loadError(environmentsWith(env, { ecsMultiregion: patch }));
    expectIssue(error, `environments.${env}.ecsMultiregion.${path}`, value, message);
  });

  it('asks for the test listener CIDRs when the secondary region uses an existing VPC', () => {
    const subnets = ['subnet-0abc12de', 'subnet-0abc12df'];
    const existing = { vpcId: 'vpc-0abc12de', publicSubnetIds: subnets, privateSubnetIds: subnets };
    const error = loadError(environmentsWith('dev', { ecsMultiregion: { network: { secondary: { existing } } } }));
    expectIssue(
      error,
      'environments.dev.ecsMultiregion.blueGreen.testListener.ingressCidrs',
      undefined,
      /must be set with network\.secondary\.existing: there is no VPC CIDR to open the listener to/,
    );
  });

  it('rejects a second replication rule in the account, naming both settings', () => {
    const error = loadError(environmentsWith('dev', { ecsMultiregion: { registry: { replication: 'create' } } }));
    expectIssue(
      error,
      'environments.prod.ecsMultiregion.registry.replication',
      'create',
      /creates the ECR replication configuration of us-east-1 of account 123456789012, which environments\.dev\.ecsMultiregion\.registry\.replication creates too/,
    );
  });
});
