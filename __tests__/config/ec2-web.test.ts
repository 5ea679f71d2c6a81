/**
 * The `ec2-web` configuration: seed 000's numbers are the schema defaults (asserted here, once; the blueprint test
 * checks that the synthesized stacks follow the resolved config), production gets its documented differences, and bad
 * input fails at load time with the field's path and value (SSH from anywhere in prod, desired outside min..max, a malformed or
 * wildcard OIDC repository, inverted scaling thresholds, failover on one node, HTTP without the explicit opt-in).
 * Where a module has the rule, the message is the module's (see module-backed-fields.test.ts).
 */
import { dev } from '../../src/config/environments/dev';
import { prod } from '../../src/config/environments/prod';
import { ec2WebDefaults } from '../../src/blueprints/ec2-web/schema';
import { loadConfig } from '../../src/config/load';
import { environmentsWith, loadError, withPatch, type Patch } from '../helpers/config';
import { expectIssue } from '../helpers/validation';

describe("seed 000's numbers: the ec2-web schema defaults", () => {
  const defaults = ec2WebDefaults({ name: 'dev', production: false });
  const production = ec2WebDefaults({ name: 'prod', production: true });

  it('are the document values (each asserted here only; the blueprint test checks the stacks follow config)', () => {
    expect(defaults.network).toMatchObject({
      vpcCidr: '10.0.0.0/16',
      publicSubnetCidrs: ['10.0.1.0/24', '10.0.2.0/24'],
      privateSubnetCidrs: ['10.0.10.0/24', '10.0.11.0/24'],
      natGateways: 'per-az',
    });
    expect(defaults.loadBalancer).toMatchObject({
      allowPlainHttp: true,
      ingressCidrs: ['0.0.0.0/0'],
      targetGroup: {
        port: 8080,
        healthCheckPath: '/health',
        intervalSeconds: 30,
        timeoutSeconds: 3,
        healthyThreshold: 2,
        unhealthyThreshold: 2,
      },
    });
    expect(defaults.loadBalancer.certificateArn).toBeUndefined();
    expect(defaults.instances).toMatchObject({
      instanceType: 't3.medium',
      // Amazon Linux 2023: the document's Amazon Linux 2 is past its end of support (docs/blueprints/ec2-web.md).
      amiSsmParameter: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64',
      rootVolumeGiB: 20,
      rootVolumeType: 'gp3',
      healthCheckType: 'ELB',
      capacity: { min: 2, desired: 2, max: 6 },
      containerPort: 8080,
      sshCidrs: [],
    });
    expect(defaults.scaling).toMatchObject({ scaleUpCpuPercent: 70, scaleDownCpuPercent: 30, cooldownSeconds: 300 });
    expect(defaults.frontend).toMatchObject({
      noncurrentVersionExpirationDays: 30,
      defaultTtlSeconds: 3600,
      assetsTtlSeconds: 31536000,
    });
    expect(defaults.cache).toMatchObject({
      engineVersion: '7.0',
      nodeType: 'cache.t3.micro',
      port: 6379,
      snapshotRetentionDays: 5,
    });
    expect(defaults.mongodb).toMatchObject({
      mode: 'atlas',
      // The document's M5 tier no longer exists: M10 (docs/blueprints/ec2-web.md).
      instanceSize: 'M10',
      electableNodes: 3,
      // "Backup: Continuous with 35-day retention": daily snapshots and the point-in-time window both 35 days.
      backupRetentionDays: 35,
      pointInTimeRestoreWindowDays: 35,
      username: 'starttech_app',
      databases: ['starttech', 'starttech_staging'],
    });
    expect(defaults.monitoring).toMatchObject({
      responseTimeSeconds: 1,
      responseTimePercentile: 95,
      redisMemoryPercent: 90,
      redisEvictionsThreshold: 0,
      unhealthyHostsThreshold: 0,
      // "Error rate: <0.1% of requests"; the window is ours (the document gives none).
      errorRate: { percent: 0.1, periodSeconds: 300, evaluationPeriods: 2 },
      errorLogPattern: '?ERROR ?FATAL ?Error ?Exception',
    });
    const app = 'Kindee18/StartTech-Kindson-1148';
    expect(defaults.github).toEqual({
      oidcProvider: 'create',
      frontend: { repository: app, branches: ['main'], environments: [] },
      backend: { repository: app, branches: ['main'], environments: [] },
      infra: { repository: 'Kindee18/StartTech-Infra-Kindson-1148', branches: ['main'], environments: [] },
    });
  });

  it('give production two Redis nodes with failover, deletion protection and longer retention', () => {
    const differences = (values: typeof defaults) => ({
      redisNodes: values.cache.numCacheClusters,
      redisFailover: values.cache.automaticFailover,
      deletionProtection: values.loadBalancer.deletionProtection,
      accessLogDays: values.loadBalancer.accessLogs.expirationDays,
      backendLogDays: values.instances.logRetentionInDays,
      flowLogDays: values.network.flowLogs.retentionInDays,
      appEnv: values.instances.environment.APP_ENV,
      // Production roles trust the GitHub environment (its reviewers), not a branch.
      infraTrust: { branches: values.github.infra.branches, environments: values.github.infra.environments },
    });
    expect(differences(defaults)).toEqual({
      redisNodes: 1,
      redisFailover: false,
      deletionProtection: false,
      accessLogDays: 90,
      backendLogDays: 30,
      flowLogDays: 30,
      appEnv: 'development',
      infraTrust: { branches: ['main'], environments: [] },
    });
    expect(differences(production)).toEqual({
      redisNodes: 2,
      redisFailover: true,
      deletionProtection: true,
      accessLogDays: 365,
      backendLogDays: 90,
      flowLogDays: 365,
      appEnv: 'production',
      infraTrust: { branches: [], environments: ['prod'] },
    });
  });
});

describe('bad ec2-web input', () => {
  const cases: Array<[string, 'dev' | 'prod', Patch, string, unknown, RegExp]> = [
    [
      'SSH from 0.0.0.0/0 in prod',
      'prod',
      { instances: { sshCidrs: ['0.0.0.0/0'] } },
      'instances.sshCidrs[0]',
      '0.0.0.0/0',
      /opens SSH to the whole internet; name the admin network, not in production$/,
    ],
    [
      'desired above max',
      'dev',
      { instances: { capacity: { min: 2, desired: 7, max: 6 } } },
      'instances.capacity.desired',
      7,
      /must be between instances\.capacity\.min 2 and instances\.capacity\.max 6/,
    ],
    [
      'desired below min',
      'dev',
      { instances: { capacity: { min: 2, desired: 1, max: 6 } } },
      'instances.capacity.desired',
      1,
      /must be between instances\.capacity\.min 2 and instances\.capacity\.max 6/,
    ],
    [
      'a repository without an owner',
      'dev',
      { github: { infra: { repository: 'StartTech-Infra' } } },
      'github.infra.repository',
      'StartTech-Infra',
      /owner\/name/,
    ],
    [
      'a wildcard repository',
      'dev',
      { github: { backend: { repository: 'Kindee18/*' } } },
      'github.backend.repository',
      'Kindee18/*',
      /without wildcards/,
    ],
    [
      'a wildcard branch',
      'dev',
      { github: { frontend: { branches: ['*'] } } },
      'github.frontend.branches[0]',
      '*',
      /without wildcards/,
    ],
    [
      'scale-down at or above scale-up',
      'dev',
      { scaling: { scaleDownCpuPercent: 70 } },
      'scaling.scaleDownCpuPercent',
      70,
      /must be below scaling\.scaleUpCpuPercent 70/,
    ],
    [
      'a 150% scale-up threshold',
      'dev',
      { scaling: { scaleUpCpuPercent: 150 } },
      'scaling.scaleUpCpuPercent',
      150,
      /must be from 1 to 100/,
    ],
    [
      'failover on one node',
      'dev',
      { cache: { automaticFailover: true } },
      'cache.automaticFailover',
      true,
      /needs numCacheClusters of at least 2 \(it is 1\)/,
    ],
    [
      'an auth token without TLS',
      'dev',
      { cache: { authTokenSecretName: 'redis-auth', transitEncryption: false, iamAuthentication: false } },
      'cache.authTokenSecretName',
      'redis-auth',
      /is only allowed with transitEncryption: true/,
    ],
    [
      'no certificate and no plain-HTTP opt-in',
      'dev',
      { loadBalancer: { allowPlainHttp: false } },
      'loadBalancer.certificateArn',
      undefined,
      /is required: set an ACM certificate ARN, or allowPlainHttp: true/,
    ],
    [
      'a certificate without the origin name CloudFront must use',
      'dev',
      { loadBalancer: { certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc-123' } },
      'loadBalancer.originDomainName',
      undefined,
      /required with certificateArn/,
    ],
    [
      'a health-check timeout not below the interval',
      'dev',
      { loadBalancer: { targetGroup: { timeoutSeconds: 30 } } },
      'loadBalancer.targetGroup.timeoutSeconds',
      30,
      /must leave intervalSeconds \(30\) greater than timeoutSeconds \(30\)/,
    ],
    [
      'a target-group port the containers do not use',
      'dev',
      { loadBalancer: { targetGroup: { port: 8081 } } },
      'loadBalancer.targetGroup.port',
      8081,
      /must equal instances.containerPort \(8080\)/,
    ],
    [
      'a port out of range',
      'dev',
      { instances: { containerPort: 0 } },
      'instances.containerPort',
      0,
      /port from 1 to 65535/,
    ],
    [
      'a multi-line environment value',
      'dev',
      { instances: { environment: { A: 'x\ny' } } },
      'instances.environment.A',
      'x\ny',
      /must not contain line breaks/,
    ],
  ];

  it.each(cases)('rejects %s', (_what, envName, patch, path, value, message) => {
    expectIssue(
      loadError(environmentsWith(envName, { ec2Web: patch })),
      `environments.${envName}.ec2Web.${path}`,
      value,
      message,
    );
  });

  it('allows SSH from anywhere outside production (the module still needs its explicit flag)', () => {
    expect(() =>
      loadConfig(
        {},
        {
          project: loadConfig({}).project,
          environments: [withPatch(dev, { ec2Web: { instances: { sshCidrs: ['0.0.0.0/0'] } } }), prod],
        },
      ),
    ).not.toThrow();
  });
});
