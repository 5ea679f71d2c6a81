/**
 * The `serverless-web` configuration: seed 004's numbers are the schema defaults (asserted here, once; the blueprint
 * test checks that the synthesized stacks follow the resolved config), the prod profile holds the document's options
 * (NAT per AZ, an Aurora reader), production defaults protect what must survive, staging resolves to the document
 * itself, and each kind of bad input fails at load time with the field's full path and value — among them ACUs min >
 * max, a retention of 0, CORS `*` with credentials, a WAF rate below AWS's minimum, subnets outside the VPC — each
 * backed by the module check that would refuse it at construction too.
 */
import { checkAcuRange, checkClusterSnapshotArn } from '../../modules/aurora-serverless';
import { checkBackupRetention } from '../../modules/backup';
import { checkCors } from '../../modules/http-api';
import { checkReservedConcurrency } from '../../modules/lambda-function';
import { checkDataStorageLimit, checkServerlessCacheName } from '../../modules/serverless-cache';
import { checkRateLimit } from '../../modules/waf';
import { serverlessWebDefaults, serverlessWebProfiles } from '../../src/blueprints/serverless-web/schema';
import { formatValue } from '../../modules/core/validation';
import { loadConfig } from '../../src/config/load';
import { environmentsWith, loadError, type Patch } from '../helpers/config';
import { expectIssue } from '../helpers/validation';

describe("seed 004's numbers: the serverless-web schema defaults", () => {
  const staging = serverlessWebDefaults({ name: 'staging', production: false });
  const production = serverlessWebDefaults({ name: 'prod', production: true });

  it('name everything apprentice-final-<env> in us-east-1, with the DR copy in us-west-2', () => {
    expect(staging.appName).toBe('apprentice-final');
    expect(staging.regions).toEqual({ primary: 'us-east-1', dr: 'us-west-2' });
    expect(staging.profile).toBe('staging');
  });

  it('are the document network: 10.20.0.0/16, public .0/.1, private .16/.17, one NAT gateway', () => {
    expect(staging.network).toEqual({
      vpcCidr: '10.20.0.0/16',
      publicSubnetCidrs: ['10.20.0.0/24', '10.20.1.0/24'],
      privateSubnetCidrs: ['10.20.16.0/24', '10.20.17.0/24'],
      natGateways: 'single',
      flowLogs: { enabled: true, retentionInDays: 30, trafficType: 'ALL' },
    });
  });

  it('host bardhi.devops.konitron.com', () => {
    expect(staging.dns).toEqual({ domainName: 'bardhi.devops.konitron.com', deletionProtection: false });
  });

  it('run the API from an immutable, scanned ECR image: 30 s timeout, tracing, least egress', () => {
    expect(staging.registry).toEqual({
      imageTagMutability: 'IMMUTABLE',
      scanOnPush: true,
      keepImages: 10,
      expireUntaggedAfterDays: 7,
    });
    expect(staging.lambda).toEqual({
      createFunction: true,
      imageTag: 'bootstrap',
      memoryMiB: 512,
      timeoutSeconds: 30,
      architecture: 'x86_64',
      reservedConcurrency: 50,
      logRetentionInDays: 30,
      egress: 'least',
      settings: { LOG_LEVEL: 'info' },
    });
  });

  it("serve the HTTP API at stage <env> (the document's `staging`) under /api with a health check", () => {
    expect(staging.api).toEqual({
      stageName: 'staging',
      pathPrefix: '/api',
      healthCheckPath: '/api/health',
      cors: { additionalOrigins: [], allowCredentials: true, maxAgeSeconds: 300 },
      throttling: { rateLimit: 500, burstLimit: 1000 },
      accessLogRetentionInDays: 30,
      cloudWatchRole: 'create',
    });
    expect(production.api.stageName).toBe('prod');
  });

  it('keep data in Aurora PostgreSQL 16.1 at 0.5-4 ACU for 7 days and Redis 7 serverless at 1-10 GB', () => {
    expect(staging.database).toEqual({
      engineVersion: '16.1',
      minCapacity: 0.5,
      maxCapacity: 4,
      readerInstance: false,
      databaseName: 'app',
      port: 5432,
      backupRetentionDays: 7,
      backupWindow: '03:00-04:00',
      maintenanceWindow: 'sun:04:30-sun:05:30',
      deletionProtection: false,
      logExports: ['postgresql'],
      logRetentionInDays: 30,
    });
    expect(staging.cache).toEqual({
      engine: 'redis',
      majorEngineVersion: '7',
      dataStorageGb: { minimumGb: 1, maximumGb: 10 },
      ecpuPerSecondMaximum: 5000,
      snapshotRetentionDays: 0,
    });
  });

  it('protect CloudFront with the WAF rules: 2000 and 100 requests per 5 minutes, 1 MiB bodies', () => {
    expect(staging.waf).toEqual({
      ipReputation: true,
      rateLimitPerIp: 2000,
      authRateLimit: 100,
      authPathPrefix: '/api/auth',
      rateWindowSeconds: 300,
      sqlInjection: true,
      crossSiteScripting: true,
      maxBodySizeBytes: 1_048_576,
      blockEmptyUserAgent: true,
      blockedUserAgents: ['sqlmap', 'nikto', 'nmap', 'masscan', 'zgrab'],
      logRetentionInDays: 30,
    });
    expect(staging.frontend).toEqual({
      priceClass: 'PriceClass_100',
      noncurrentVersionExpirationDays: 30,
      defaultTtlSeconds: 3600,
      assetsTtlSeconds: 31_536_000,
    });
  });

  it('alarm on the eight metrics with these thresholds (chosen here: the document names the alarms only)', () => {
    expect(staging.monitoring).toEqual({
      periodSeconds: 300,
      evaluationPeriods: 2,
      apiServerErrors: 5,
      apiLatencyMilliseconds: 2000,
      apiLatencyPercentile: 95,
      lambdaErrors: 5,
      lambdaThrottles: 0,
      auroraConnections: 200,
      auroraCpuPercent: 80,
      cacheComputePercent: 80,
      cacheMemoryPercent: 80,
    });
  });

  it('let Apprentice-Finale assume the operator role, and deliver from two repositories', () => {
    expect(staging.operator).toEqual({ userNames: ['Apprentice-Finale'], maxSessionHours: 1 });
    expect(staging.cicd).toMatchObject({
      infrastructure: { repository: 'bardhi/apprentice-final-infrastructure', branch: 'main' },
      application: { repository: 'bardhi/apprentice-final', branch: 'main' },
      backendDirectory: 'backend',
      frontendDirectory: 'frontend',
      approveApplicationDeploys: false,
    });
  });

  it('back up hourly (7 days) and daily (90 days), each copied to the DR region', () => {
    expect(staging.backup).toEqual({
      copyToDr: true,
      hourly: { schedule: 'cron(0 * * * ? *)', retentionDays: 7 },
      daily: { schedule: 'cron(0 5 * * ? *)', retentionDays: 90 },
    });
  });

  it('protect production: zone and database, a week of cache snapshots, approved deploys, longer retention', () => {
    expect(production.dns.deletionProtection).toBe(true);
    expect(production.database.deletionProtection).toBe(true);
    expect(production.cache.snapshotRetentionDays).toBe(7);
    expect(production.cicd.approveApplicationDeploys).toBe(true);
    expect(production.network.flowLogs.retentionInDays).toBe(365);
    expect(production.lambda.logRetentionInDays).toBe(90);
  });

  it("has the document's options as the prod profile: a NAT gateway per AZ and an Aurora reader", () => {
    expect(serverlessWebProfiles).toEqual({
      staging: {},
      prod: { network: { natGateways: 'per-az' }, database: { readerInstance: true } },
    });
  });
});

describe('the shipped environments', () => {
  const { environments } = loadConfig({});
  const section = (name: string) => environments.find((environment) => environment.name === name)?.serverlessWeb;

  it('deploy staging with the document values unchanged', () => {
    expect(section('staging')).toEqual(serverlessWebDefaults({ name: 'staging', production: false }));
  });

  it('deploy prod with the prod profile, its own domain, and the account role staging creates', () => {
    const defaults = serverlessWebDefaults({ name: 'prod', production: true });
    expect(section('prod')).toEqual({
      ...defaults,
      profile: 'prod',
      network: { ...defaults.network, natGateways: 'per-az' },
      database: { ...defaults.database, readerInstance: true },
      dns: { ...defaults.dns, domainName: 'bardhi.konitron.com' },
      api: { ...defaults.api, cloudWatchRole: 'existing' },
    });
  });

  it('leave dev without the blueprint', () => {
    expect(section('dev')).toBeUndefined();
  });
});

describe('bad serverless-web input', () => {
  const base = 'environments.staging.serverlessWeb';
  /** A bad value, where config must report it, and (where a module owns the rule) the module's own verdict on it. */
  const row = (
    what: string,
    patch: Patch,
    path: string,
    value: unknown,
    message: RegExp,
    moduleIssues?: readonly unknown[],
  ) => [what, { patch, path, value, message, moduleIssues }] as const;
  it.each([
    row(
      'an ACU minimum above the maximum',
      { database: { minCapacity: 8, maxCapacity: 4 } },
      'database.minCapacity',
      8,
      /must not exceed database\.maxCapacity \(4 ACUs\)/,
      checkAcuRange({ path: 'min', value: 8 }, { path: 'max', value: 4 }),
    ),
    row('a quarter ACU', { database: { minCapacity: 0.25 } }, 'database.minCapacity', 0.25, /in steps of 0\.5/),
    row(
      'an hourly retention of 0 days',
      { backup: { hourly: { retentionDays: 0 } } },
      'backup.hourly.retentionDays',
      0,
      /whole number of days ≥ 1/,
      checkBackupRetention('retentionDays', 0),
    ),
    row(
      'Aurora backups kept 0 days',
      { database: { backupRetentionDays: 0 } },
      'database.backupRetentionDays',
      0,
      /from 1 to 35/,
    ),
    row(
      'CORS * with credentials',
      { api: { cors: { additionalOrigins: ['*'], allowCredentials: true } } },
      'api.cors.additionalOrigins[0]',
      '*',
      /refuse with credentials/,
      checkCors('cors', { allowOrigins: ['*'], allowCredentials: true }),
    ),
    row(
      'a CORS origin with a path',
      { api: { cors: { additionalOrigins: ['https://admin.example.com/app'] } } },
      'api.cors.additionalOrigins[0]',
      'https://admin.example.com/app',
      /without a path/,
    ),
    row(
      'a WAF rate below AWS minimum of 10',
      { waf: { authRateLimit: 5 } },
      'waf.authRateLimit',
      5,
      /from 10 to 2000000000/,
      checkRateLimit('limit', 5),
    ),
    row(
      'a WAF window AWS does not offer',
      { waf: { rateWindowSeconds: 30 } },
      'waf.rateWindowSeconds',
      30,
      /one of 60, 120, 300, 600/,
    ),
    row(
      'an auth limit above the general one',
      { waf: { authRateLimit: 3000 } },
      'waf.authRateLimit',
      3000,
      /must not exceed waf\.rateLimitPerIp \(2000\)/,
    ),
    row(
      'a private subnet outside the VPC',
      { network: { privateSubnetCidrs: ['10.20.16.0/24', '10.21.17.0/24'] } },
      'network.privateSubnetCidrs[1]',
      '10.21.17.0/24',
      /is not inside network\.vpcCidr 10\.20\.0\.0\/16/,
    ),
    row(
      'overlapping subnets',
      { network: { publicSubnetCidrs: ['10.20.0.0/24', '10.20.16.0/24'] } },
      'network.privateSubnetCidrs[0]',
      '10.20.16.0/24',
      /overlaps network\.publicSubnetCidrs\[1\] 10\.20\.16\.0\/24/,
    ),
    row(
      'a cache storage minimum above its maximum',
      { cache: { dataStorageGb: { minimumGb: 20, maximumGb: 10 } } },
      'cache.dataStorageGb.minimumGb',
      20,
      /must not exceed cache\.dataStorageGb\.maximumGb/,
      checkDataStorageLimit('dataStorageGb', { minimumGb: 20, maximumGb: 10 }),
    ),
    row(
      'an ECPU ceiling below 1000',
      { cache: { ecpuPerSecondMaximum: 100 } },
      'cache.ecpuPerSecondMaximum',
      100,
      /from 1000 to 15000000/,
    ),
    row(
      'Redis 6 serverless',
      { cache: { majorEngineVersion: '6' } },
      'cache.majorEngineVersion',
      '6',
      /redis serverless major version: 7/,
    ),
    row(
      'a reserved concurrency of 0',
      { lambda: { reservedConcurrency: 0 } },
      'lambda.reservedConcurrency',
      0,
      /throttles every invocation/,
      checkReservedConcurrency('reservedConcurrency', 0),
    ),
    row('a 16-minute timeout', { lambda: { timeoutSeconds: 960 } }, 'lambda.timeoutSeconds', 960, /from 1 to 900/),
    row(
      'a setting the stack writes itself',
      { lambda: { settings: { DATABASE_HOST: 'db.example.com' } } },
      'lambda.settings.DATABASE_HOST',
      'db.example.com',
      /written by the stack itself/,
    ),
    row(
      'a health check outside the API path',
      { api: { healthCheckPath: '/health' } },
      'api.healthCheckPath',
      '/health',
      /must be under api\.pathPrefix \/api\//,
    ),
    row('a stage name with a slash', { api: { stageName: 'v1/staging' } }, 'api.stageName', 'v1/staging', /stage name/),
    row(
      'the DR copy in the primary region',
      { regions: { dr: 'us-east-1' } },
      'regions.dr',
      'us-east-1',
      /a DR copy in the same region is no DR/,
    ),
    row(
      'a restore from a snapshot in another region',
      { database: { restoreFromSnapshotArn: 'arn:aws:rds:us-west-2:123456789012:cluster-snapshot:awsbackup:job-1' } },
      'database.restoreFromSnapshotArn',
      'arn:aws:rds:us-west-2:123456789012:cluster-snapshot:awsbackup:job-1',
      /must be a snapshot in regions\.primary \(us-east-1\)/,
    ),
    row(
      'a restore from an instance snapshot',
      { database: { restoreFromSnapshotArn: 'arn:aws:rds:us-east-1:123456789012:snapshot:db-1' } },
      'database.restoreFromSnapshotArn',
      'arn:aws:rds:us-east-1:123456789012:snapshot:db-1',
      /must be a DB cluster snapshot ARN/,
      checkClusterSnapshotArn('snapshotArn', 'arn:aws:rds:us-east-1:123456789012:snapshot:db-1'),
    ),
    row(
      'a hourly rule every 15 minutes',
      { backup: { hourly: { schedule: 'cron(0/15 * * * ? *)' } } },
      'backup.hourly.schedule',
      'cron(0/15 * * * ? *)',
      /at most hourly/,
    ),
    row(
      'an alarm above 100% of the cache limit',
      { monitoring: { cacheComputePercent: 150 } },
      'monitoring.cacheComputePercent',
      150,
      /is a percentage: above 0 and at most 100/,
    ),
    row(
      'a repository with a wildcard',
      { cicd: { application: { repository: 'bardhi/*' } } },
      'cicd.application.repository',
      'bardhi/*',
      /owner\/name of one repository/,
    ),
    row(
      'an appName that makes a cache name with two hyphens in a row',
      { appName: 'portfolio-' },
      'appName',
      'portfolio-',
      /makes the cache name "portfolio--staging"/,
      checkServerlessCacheName('name', 'portfolio--staging'),
    ),
  ])('rejects %s', (_what, { patch, path, value, message, moduleIssues }) => {
    if (moduleIssues) expect(moduleIssues).not.toEqual([]);
    const error = loadError(environmentsWith('staging', { serverlessWeb: patch }));
    // A setting may break several rules (appName makes several names): the row's is among them.
    const issue = error.issues.find((each) => each.path === `${base}.${path}` && message.test(each.message));
    expect(issue).toEqual({ path: `${base}.${path}`, value, message: expect.stringMatching(message) });
    expect(error.message).toContain(`  - ${base}.${path}: ${issue!.message} (got ${formatValue(value)})`);
  });

  it("refuses a second environment creating the account's API Gateway CloudWatch role in the same region", () => {
    const error = loadError(environmentsWith('prod', { serverlessWeb: { api: { cloudWatchRole: 'create' } } }));
    expectIssue(
      error,
      'environments.prod.serverlessWeb.api.cloudWatchRole',
      'create',
      /the API Gateway CloudWatch role setting of us-east-1 .* which environments\.staging\.serverlessWeb\.api\.cloudWatchRole creates too/,
    );
  });
});
