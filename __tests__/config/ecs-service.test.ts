/**
 * The `ecs-service` configuration: seed 003's numbers are the schema defaults (asserted here, once; the blueprint test
 * checks that the synthesized stacks follow the resolved config), the production defaults, the shipped sections, and
 * each kind of bad input failing at load time with the field's full path and value: a self-signed certificate in
 * production, tasks outside min..max, a CPU/memory pair Fargate does not offer, a subnet outside the VPC, a wildcard
 * in the GitHub trust, and the blueprint's own rules. (One bad value per module-backed field, with the module's own
 * words, is in module-backed-fields.test.ts.)
 */
import { ecsServiceDefaults } from '../../src/blueprints/ecs-service/schema';
import { loadConfig } from '../../src/config/load';
import { configVariant } from '../helpers/blueprint-wiring';
import { environmentsWith, loadError, type Patch } from '../helpers/config';
import { expectIssue, thrownBy } from '../helpers/validation';

describe("seed 003's numbers: the ecs-service schema defaults", () => {
  const defaults = ecsServiceDefaults({ name: 'dev', production: false });

  it('are the network of the document: VPC, two public and two private subnets, a NAT gateway per AZ', () => {
    expect(defaults.network).toMatchObject({
      vpcCidr: '10.0.0.0/16',
      publicSubnetCidrs: ['10.0.1.0/24', '10.0.2.0/24'],
      privateSubnetCidrs: ['10.0.101.0/24', '10.0.102.0/24'],
      natGateways: 'per-az',
      flowLogs: { enabled: true, retentionInDays: 30, trafficType: 'ALL' },
    });
  });

  it('are one service of 0.25 vCPU / 0.5 GB on port 3000, two tasks, rolling 200/100 with automatic rollback', () => {
    expect(defaults.service).toMatchObject({
      containerPort: 3000,
      cpu: 256,
      memoryMiB: 512,
      capacity: { min: 2, desired: 2, max: 4 },
      cpuTargetPercent: 70,
      memoryTargetPercent: 70,
      readonlyRootFilesystem: true,
      healthCheckPath: '/health',
    });
    expect(defaults.deployment).toEqual({
      maximumPercent: 200,
      minimumHealthyPercent: 100,
      circuitBreakerRollback: true,
      scaleInCooldownSeconds: 300,
      scaleOutCooldownSeconds: 60,
    });
  });

  it('terminate TLS 1.3/1.2 for anyone on 443 (80 redirects), with the self-signed certificate of the document', () => {
    expect(defaults.loadBalancer).toMatchObject({
      sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
      ingressCidrs: ['0.0.0.0/0'],
      deletionProtection: false,
      healthCheck: {
        intervalSeconds: 30,
        timeoutSeconds: 5,
        healthyThreshold: 2,
        unhealthyThreshold: 3,
        matcher: '200',
      },
    });
    expect(defaults.certificate).toEqual({
      mode: 'self-signed',
      domainName: 'webapp.dev.example.com',
      validityDays: 365,
      keyAlgorithm: 'RSA_2048',
      allowInProduction: false,
    });
  });

  it('keep images scanned and immutable, the database configuration in a secret, CPU/memory alarms at 80%', () => {
    expect(defaults.registry).toEqual({
      imageTagMutability: 'IMMUTABLE',
      scanOnPush: true,
      encryption: 'KMS',
      keepTaggedImages: { tagPatterns: ['*'], count: 20 },
      expireUntaggedAfterDays: 7,
    });
    expect(defaults.databaseSecret).toEqual({
      jsonKeys: ['DB_HOST', 'DB_PORT', 'DB_NAME', 'DB_USERNAME', 'DB_PASSWORD'],
      recoveryWindowInDays: 7,
    });
    expect(defaults.monitoring).toEqual({
      cpuAlarmPercent: 80,
      memoryAlarmPercent: 80,
      unhealthyTargetsThreshold: 0,
      http5xxErrorRatePercent: 1,
      responseTimeSeconds: 1,
      responseTimePercentile: 95,
      periodSeconds: 300,
      evaluationPeriods: 2,
    });
    expect(defaults.cluster).toEqual({ containerInsights: 'enabled', logRetentionInDays: 30 });
  });

  it('let workflow runs of one repository on main deploy, through an OIDC provider the stack creates', () => {
    expect(defaults.github).toEqual({
      oidcProvider: 'create',
      repository: 'example-org/webapp',
      branches: ['main'],
      environments: [],
    });
  });
});

describe('production defaults', () => {
  const production = ecsServiceDefaults({ name: 'prod', production: true });

  it('use a DNS-validated certificate in a protected zone, not a self-signed one', () => {
    expect(production.certificate).toEqual({
      mode: 'dns',
      zoneName: 'webapp.example.com',
      subdomain: '',
      zoneDeletionProtection: true,
    });
  });

  it('deploy only from jobs in the GitHub environment named like the environment (no branch)', () => {
    expect(production.github).toMatchObject({ branches: [], environments: ['prod'] });
  });

  it('protect the load balancer and keep logs, access logs and deleted secrets longer', () => {
    expect(production.loadBalancer).toMatchObject({
      deletionProtection: true,
      accessLogs: { enabled: true, expirationDays: 365 },
    });
    expect(production.cluster.logRetentionInDays).toBe(365);
    expect(production.network.flowLogs.retentionInDays).toBe(365);
    expect(production.databaseSecret.recoveryWindowInDays).toBe(30);
  });
});

describe('the shipped sections', () => {
  const { environments } = loadConfig({});
  const deploying = environments.filter((environment) => environment.ecsService);

  it('deploy ecs-service in dev and prod, both with the OIDC provider dev creates for ec2-web', () => {
    expect(deploying.map((environment) => environment.name)).toEqual(['dev', 'prod']);
    for (const environment of deploying) expect(environment.ecsService!.github.oidcProvider).toBe('existing');
    expect(environments.find((environment) => environment.name === 'dev')!.ec2Web!.github.oidcProvider).toBe('create');
  });

  it('resolve to the defaults of each environment otherwise', () => {
    for (const environment of deploying) {
      const { github, ...rest } = environment.ecsService!;
      const { github: defaultGithub, ...defaults } = ecsServiceDefaults(environment);
      expect(rest).toEqual(defaults);
      expect(github).toEqual({ ...defaultGithub, oidcProvider: 'existing' });
    }
  });
});

describe('bad ecs-service input', () => {
  it.each<[string, string, Patch, string, unknown, RegExp]>([
    [
      'a self-signed certificate in production',
      'prod',
      {
        certificate: {
          mode: 'self-signed',
          domainName: 'webapp.example.com',
          validityDays: 365,
          keyAlgorithm: 'RSA_2048',
          allowInProduction: false,
        },
      },
      'certificate.mode',
      'self-signed',
      /must not be "self-signed" in production/,
    ],
    [
      'min tasks above max tasks',
      'dev',
      { service: { capacity: { min: 5, desired: 5, max: 4 } } },
      'service.capacity.min',
      5,
      /must not be above capacity\.max \(4\)/,
    ],
    [
      'desired tasks below min',
      'dev',
      { service: { capacity: { desired: 1 } } },
      'service.capacity.desired',
      1,
      /must be a whole number from capacity\.min \(2\) to capacity\.max \(4\)/,
    ],
    ['a CPU value Fargate does not offer', 'dev', { service: { cpu: 300 } }, 'service.cpu', 300, /Fargate CPU value/],
    [
      '1 vCPU with 0.5 GB',
      'dev',
      { service: { cpu: 1024 } },
      'service.memoryMiB',
      512,
      /Fargate memory size for cpu 1024: 2048 to 8192 in steps of 1024 MiB/,
    ],
    [
      'a private subnet outside the VPC',
      'dev',
      { network: { privateSubnetCidrs: ['10.0.101.0/24', '10.1.102.0/24'] } },
      'network.privateSubnetCidrs[1]',
      '10.1.102.0/24',
      /not inside network\.vpcCidr 10\.0\.0\.0\/16/,
    ],
    [
      'a wildcard owner in the trust',
      'dev',
      { github: { repository: '*/webapp' } },
      'github.repository',
      '*/webapp',
      /without wildcards/,
    ],
    [
      'a wildcard branch in the trust',
      'dev',
      { github: { branches: ['release/*'] } },
      'github.branches[0]',
      'release/*',
      /without wildcards: a \* or \? would let other branches assume the role/,
    ],
    [
      'nobody to trust',
      'prod',
      { github: { environments: [] } },
      'github.branches',
      [],
      /must list at least one branch when environments is empty/,
    ],
    [
      'a secret key that is also a plain variable',
      'dev',
      { service: { environment: { DB_HOST: 'db.internal' } } },
      'databaseSecret.jsonKeys[0]',
      'DB_HOST',
      /is in both container\.environment and container\.secrets/,
    ],
    [
      'a rolling deployment without room to start a task',
      'dev',
      { deployment: { maximumPercent: 100 } },
      'deployment.maximumPercent',
      100,
      /must be above minimumHealthyPercent/,
    ],
    [
      'a health check timeout as long as its interval',
      'dev',
      { loadBalancer: { healthCheck: { timeoutSeconds: 30 } } },
      'loadBalancer.healthCheck.timeoutSeconds',
      30,
      /must leave intervalSeconds \(30\) greater than timeoutSeconds \(30\)/,
    ],
    [
      'an unknown certificate mode',
      'dev',
      { certificate: { mode: 'letsencrypt' } },
      'certificate.mode',
      'letsencrypt',
      /^must be "self-signed", "acm", "dns" or "dns-existing-zone"$/,
    ],
  ])('rejects %s (%s)', (_what, env, patch, path, value, message) => {
    const error = loadError(environmentsWith(env, { ecsService: patch }));
    expectIssue(error, `environments.${env}.ecsService.${path}`, value, message);
  });

  it('rejects a second OIDC provider in the account, naming both settings', () => {
    const error = loadError(environmentsWith('prod', { ecsService: { github: { oidcProvider: 'create' } } }));
    expectIssue(
      error,
      'environments.prod.ecsService.github.oidcProvider',
      'create',
      /creates the GitHub OIDC provider of account 123456789012, which environments\.dev\.ec2Web\.github\.oidcProvider creates too/,
    );
  });

  it('allows a self-signed certificate in production with the explicitly named override', () => {
    const selfSigned = {
      mode: 'self-signed',
      domainName: 'webapp.example.com',
      validityDays: 90,
      keyAlgorithm: 'EC_prime256v1',
    };
    expect(
      thrownBy(() =>
        configVariant('prod', { ecsService: { certificate: { ...selfSigned, allowInProduction: true } } }),
      ),
    ).toBeUndefined();
  });
});
