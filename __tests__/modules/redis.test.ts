/**
 * The redis module: the security group a client is let into, its port and rules (cdktf matchers); seed 001's dev and
 * prod caches and seed 000's Redis 7.0 with log delivery; node type and count, failover and Multi-AZ, the parameter
 * group family and eviction policy, encryption at rest and in transit, the AUTH token, snapshots and windows, log
 * delivery and its log groups, which groups the rules join, and props validation at construction time (Template).
 * Each scenario is synthesized once.
 */
import { ElasticacheReplicationGroup } from '@cdktf/provider-aws/lib/elasticache-replication-group';
import { SecurityGroup as AwsSecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { TerraformVariable, Testing, type TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { SecurityGroup } from '../../modules/core/security-group';
import { ValidationError } from '../../modules/core/validation';
import { RedisCache, type RedisCacheProps } from '../../modules/redis';
import { ruleWiring } from '../helpers/security-groups';
import { resolved, Template, testStack } from '../helpers/template';
import { issuePathsAndValues, rejectsEachCase, type ExpectedIssue } from '../helpers/validation';

const VPC_ID = 'vpc-0123456789abcdef0';
const SUBNET_IDS = ['subnet-0aaaaaaaaaaaaaaa1', 'subnet-0bbbbbbbbbbbbbbb2'];
const KMS_KEY = 'arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555';
const AUTH_TOKEN = 'Sup3r-secret-t0ken!42';

/** Seed 001, dev: the module's defaults are the dev cache. */
const DEV: RedisCacheProps = { replicationGroupId: 'portfolio-dev', vpcId: VPC_ID, subnetIds: SUBNET_IDS };

/** Seed 001, prod: bigger nodes, 3 of them with failover, AUTH, a customer key, both logs. */
const PROD: RedisCacheProps = {
  ...DEV,
  replicationGroupId: 'portfolio-prod',
  description: 'Sessions and cache of portfolio prod',
  nodeType: 'cache.t4g.small',
  numCacheClusters: 3,
  kmsKeyArn: KMS_KEY,
  authToken: AUTH_TOKEN,
  parameters: { 'maxmemory-policy': 'volatile-lru', timeout: '300' },
  applyImmediately: true,
  logDelivery: {
    slowLog: { logGroupName: '/aws/elasticache/prod/redis/slow-log', retentionInDays: 90, kmsKeyArn: KMS_KEY },
    engineLog: { logGroupName: '/aws/elasticache/prod/redis/engine-log', retentionInDays: 90 },
  },
  tags: { tier: 'cache' },
};

/** Seed 000: Redis 7.0 on cache.t3.micro, one node, no TLS, slow and engine logs to /aws/elasticache/dev/redis/*. */
const SEED_000: RedisCacheProps = {
  replicationGroupId: 'starttech-dev-redis',
  vpcId: VPC_ID,
  subnetIds: SUBNET_IDS,
  engineVersion: '7.0',
  nodeType: 'cache.t3.micro',
  transitEncryption: false,
  logDelivery: {
    slowLog: { logGroupName: '/aws/elasticache/dev/redis/slow-log' },
    engineLog: { logGroupName: '/aws/elasticache/dev/redis/engine-log', retentionInDays: 14 },
  },
};

interface Scenario {
  readonly stack: TerraformStack;
  readonly cache: RedisCache;
  readonly t: Template;
}

/** A client group `app` and a `RedisCache` `cache` that lets it in. */
function cacheWithClient(scope: Construct, props: RedisCacheProps): RedisCache {
  const app = new SecurityGroup(scope, 'app', { name: 'app-tasks', description: 'app tasks', vpcId: VPC_ID });
  const cache = new RedisCache(scope, 'cache', props);
  cache.allowFrom(app, 'Redis from the app tasks');
  return cache;
}

/** Builds {@link cacheWithClient} in a fresh stack and synthesizes it once. */
function scenario(props: RedisCacheProps | ((stack: TerraformStack) => RedisCacheProps)): () => Scenario {
  let built: Scenario | undefined;
  beforeAll(() => {
    const stack = testStack();
    const cache = cacheWithClient(stack, typeof props === 'function' ? props(stack) : props);
    built = { stack, cache, t: Template.fromStack(stack) };
  });
  return () => {
    if (!built) throw new Error('scenario not built');
    return built;
  };
}

describe('RedisCache security group (cdktf matchers)', () => {
  describe('with the defaults, and a client group let in', () => {
    const synthesized = Testing.synthScope((scope) => {
      cacheWithClient(scope, DEV);
    });

    it('is the group <replicationGroupId>-redis in the VPC, with no inline rules', () => {
      expect(synthesized).toHaveResourceWithProperties(AwsSecurityGroup, {
        name: 'portfolio-dev-redis',
        vpc_id: VPC_ID,
      });
      expect(synthesized).not.toHaveResourceWithProperties(AwsSecurityGroup, { ingress: expect.anything() });
      expect(synthesized).not.toHaveResourceWithProperties(AwsSecurityGroup, { egress: expect.anything() });
    });

    it('admits the client on TCP 6379, and no CIDR', () => {
      expect(synthesized).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, {
        description: 'Redis from the app tasks',
        ip_protocol: 'tcp',
        from_port: 6379,
        to_port: 6379,
      });
      expect(synthesized).not.toHaveResourceWithProperties(VpcSecurityGroupIngressRule, {
        cidr_ipv4: expect.anything(),
      });
    });

    it('lets the client reach it on TCP 6379', () => {
      expect(synthesized).toHaveResourceWithProperties(VpcSecurityGroupEgressRule, {
        description: 'Redis from the app tasks',
        ip_protocol: 'tcp',
        from_port: 6379,
        to_port: 6379,
      });
    });
  });

  describe('on a custom port', () => {
    const synthesized = Testing.synthScope((scope) => {
      cacheWithClient(scope, { ...DEV, port: 6380 });
    });

    it('admits the client on 6380, not 6379', () => {
      expect(synthesized).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, {
        ip_protocol: 'tcp',
        from_port: 6380,
        to_port: 6380,
      });
      expect(synthesized).not.toHaveResourceWithProperties(VpcSecurityGroupIngressRule, { from_port: 6379 });
    });
  });
});

describe('RedisCache, dev (seed 001 dev, defaults)', () => {
  const s = scenario(DEV);

  it('creates one cluster-mode-disabled Redis 7.1 group of one cache.t4g.micro, encrypted, with every default', () => {
    const { t } = s();
    expect(t.count('aws_elasticache_replication_group')).toBe(1);
    expect(t.resource('aws_elasticache_replication_group', 'cache/replication-group')).toEqual({
      replication_group_id: 'portfolio-dev',
      description: 'Redis cache portfolio-dev',
      engine: 'redis',
      engine_version: '7.1',
      node_type: 'cache.t4g.micro',
      port: 6379,
      cluster_mode: 'disabled',
      num_cache_clusters: 1,
      automatic_failover_enabled: false,
      multi_az_enabled: false,
      subnet_group_name: t.ref('aws_elasticache_subnet_group', 'cache/subnet-group', 'name'),
      security_group_ids: [t.ref('aws_security_group', 'cache/security-group')],
      parameter_group_name: t.ref('aws_elasticache_parameter_group', 'cache/parameter-group', 'name'),
      at_rest_encryption_enabled: 'true',
      transit_encryption_enabled: true,
      snapshot_retention_limit: 5,
      snapshot_window: '03:00-05:00',
      maintenance_window: 'sun:05:00-sun:06:00',
      auto_minor_version_upgrade: 'true',
      apply_immediately: false,
      tags: { Name: 'portfolio-dev' },
    });
  });

  it('has no AUTH token, no customer key and no log delivery by default', () => {
    const { t, cache } = s();
    const group = t.resource('aws_elasticache_replication_group', 'cache/replication-group');
    expect(group).not.toHaveProperty('auth_token');
    expect(group).not.toHaveProperty('kms_key_id');
    expect(group).not.toHaveProperty('log_delivery_configuration');
    expect(t.count('aws_cloudwatch_log_group')).toBe(0);
    expect(cache.logGroups).toEqual({});
  });

  it('uses a redis7 parameter group with maxmemory-policy allkeys-lru, created before the old one goes', () => {
    const { t } = s();
    expect(t.count('aws_elasticache_parameter_group')).toBe(1);
    expect(t.resource('aws_elasticache_parameter_group', 'cache/parameter-group')).toEqual({
      name: 'portfolio-dev-redis7',
      family: 'redis7',
      description: 'Redis portfolio-dev (redis7)',
      parameter: [{ name: 'maxmemory-policy', value: 'allkeys-lru' }],
      tags: { Name: 'portfolio-dev-redis7' },
      lifecycle: { create_before_destroy: true },
    });
  });

  it('puts the group in a subnet group of the given private subnets', () => {
    expect(s().t.resource('aws_elasticache_subnet_group', 'cache/subnet-group')).toEqual({
      name: 'portfolio-dev',
      description: 'Private subnets of Redis portfolio-dev',
      subnet_ids: SUBNET_IDS,
      tags: { Name: 'portfolio-dev-subnets' },
    });
  });

  describe('security group', () => {
    it('has one ingress rule, on the cache group, from the client group', () => {
      expect(ruleWiring(s().t, 'ingress')).toEqual({
        'cache/security-group/ingress-from-app-tasks-6379': {
          group: 'cache/security-group/group',
          peerGroup: 'app/group',
        },
      });
    });

    it('has no egress; the only egress rule is on the client group, to the cache group', () => {
      expect(ruleWiring(s().t, 'egress')).toEqual({
        'app/egress-to-portfolio-dev-redis-6379': { group: 'app/group', peerGroup: 'cache/security-group/group' },
      });
    });
  });

  describe('exposed parts', () => {
    it('exposes the ids for CloudWatch dimensions and the port as plain values', () => {
      const { cache } = s();
      expect(cache.replicationGroupId).toBe('portfolio-dev');
      expect(cache.memberClusterIds).toEqual(['portfolio-dev-001']);
      expect(cache.port).toBe(6379);
      expect(cache.transitEncryption).toBe(true);
    });

    it('exposes the endpoints as references to the replication group', () => {
      const { stack, cache, t } = s();
      const group = (attribute: string) =>
        t.ref('aws_elasticache_replication_group', 'cache/replication-group', attribute);
      expect(resolved(stack, cache.primaryEndpointAddress)).toBe(group('primary_endpoint_address'));
      expect(resolved(stack, cache.readerEndpointAddress)).toBe(group('reader_endpoint_address'));
      expect(resolved(stack, cache.replicationGroupArn)).toBe(group('arn'));
    });
  });
});

describe('RedisCache, prod (seed 001 prod: 3 nodes, failover, AUTH, both logs)', () => {
  const s = scenario(PROD);

  it('runs 3 cache.t4g.small nodes with automatic failover and Multi-AZ', () => {
    expect(s().t.resource('aws_elasticache_replication_group', 'cache/replication-group')).toMatchObject({
      replication_group_id: 'portfolio-prod',
      description: 'Sessions and cache of portfolio prod',
      node_type: 'cache.t4g.small',
      num_cache_clusters: 3,
      automatic_failover_enabled: true,
      multi_az_enabled: true,
      apply_immediately: true,
      tags: { tier: 'cache', Name: 'portfolio-prod' },
    });
  });

  it('encrypts at rest with the given key and in transit, with the AUTH token', () => {
    expect(s().t.synthesized).toHaveResourceWithProperties(ElasticacheReplicationGroup, {
      at_rest_encryption_enabled: 'true',
      kms_key_id: KMS_KEY,
      transit_encryption_enabled: true,
      auth_token: AUTH_TOKEN,
    });
  });

  it('merges the caller parameters over the default eviction policy', () => {
    expect(s().t.resource('aws_elasticache_parameter_group', 'cache/parameter-group').parameter).toEqual([
      { name: 'maxmemory-policy', value: 'volatile-lru' },
      { name: 'timeout', value: '300' },
    ]);
  });

  it('delivers the slow log and the engine log as JSON to the log groups it creates', () => {
    const { t } = s();
    expect(
      t.resource('aws_elasticache_replication_group', 'cache/replication-group').log_delivery_configuration,
    ).toEqual([
      {
        destination: t.ref('aws_cloudwatch_log_group', 'cache/slow-log-group', 'name'),
        destination_type: 'cloudwatch-logs',
        log_format: 'json',
        log_type: 'slow-log',
      },
      {
        destination: t.ref('aws_cloudwatch_log_group', 'cache/engine-log-group', 'name'),
        destination_type: 'cloudwatch-logs',
        log_format: 'json',
        log_type: 'engine-log',
      },
    ]);
  });

  it('keeps both log groups 90 days, the slow log with the given key', () => {
    const { t } = s();
    expect(t.count('aws_cloudwatch_log_group')).toBe(2);
    expect(t.resource('aws_cloudwatch_log_group', 'cache/slow-log-group')).toEqual({
      name: '/aws/elasticache/prod/redis/slow-log',
      retention_in_days: 90,
      kms_key_id: KMS_KEY,
      tags: { tier: 'cache', Name: 'portfolio-prod-slow-log' },
    });
    expect(t.resource('aws_cloudwatch_log_group', 'cache/engine-log-group')).toEqual({
      name: '/aws/elasticache/prod/redis/engine-log',
      retention_in_days: 90,
      tags: { tier: 'cache', Name: 'portfolio-prod-engine-log' },
    });
  });

  it('lists the three member cluster ids CloudWatch uses as CacheClusterId', () => {
    const { cache } = s();
    expect(cache.memberClusterIds).toEqual(['portfolio-prod-001', 'portfolio-prod-002', 'portfolio-prod-003']);
    expect(Object.keys(cache.logGroups)).toEqual(['slowLog', 'engineLog']);
  });
});

describe('RedisCache, seed 000 (Redis 7.0, cache.t3.micro, no TLS, logs to /aws/elasticache/dev/redis/*)', () => {
  const s = scenario(SEED_000);

  it('runs one Redis 7.0 cache.t3.micro node, encrypted at rest, without transit encryption', () => {
    const group = s().t.resource('aws_elasticache_replication_group', 'cache/replication-group');
    expect(group).toMatchObject({
      engine_version: '7.0',
      node_type: 'cache.t3.micro',
      num_cache_clusters: 1,
      automatic_failover_enabled: false,
      multi_az_enabled: false,
      at_rest_encryption_enabled: 'true',
      transit_encryption_enabled: false,
      snapshot_retention_limit: 5,
    });
    expect(group).not.toHaveProperty('auth_token');
  });

  it('uses the redis7 family for 7.0 too', () => {
    expect(s().t.resource('aws_elasticache_parameter_group', 'cache/parameter-group')).toMatchObject({
      name: 'starttech-dev-redis-redis7',
      family: 'redis7',
    });
  });

  it.each([
    ['slow-log', '/aws/elasticache/dev/redis/slow-log', 30],
    ['engine-log', '/aws/elasticache/dev/redis/engine-log', 14],
  ])('creates the %s group %s kept %i days', (logType, name, days) => {
    const { t } = s();
    expect(t.resource('aws_cloudwatch_log_group', `cache/${logType}-group`)).toMatchObject({
      name,
      retention_in_days: days,
    });
  });
});

describe('RedisCache on Redis 6.2 with two nodes, failover off, snapshots off and the token from a variable', () => {
  const s = scenario((stack) => ({
    ...DEV,
    engineVersion: '6.2',
    numCacheClusters: 2,
    automaticFailover: false,
    snapshotRetentionDays: 0,
    // With snapshots off, the snapshot window is not sent and may overlap maintenance.
    snapshotWindow: '05:00-07:00',
    autoMinorVersionUpgrade: false,
    port: 6380,
    authToken: new TerraformVariable(stack, 'redis-auth-token', { type: 'string', sensitive: true }).stringValue,
  }));

  it('keeps two nodes without failover or Multi-AZ', () => {
    expect(s().t.resource('aws_elasticache_replication_group', 'cache/replication-group')).toMatchObject({
      num_cache_clusters: 2,
      automatic_failover_enabled: false,
      multi_az_enabled: false,
      auto_minor_version_upgrade: 'false',
      port: 6380,
    });
  });

  it('takes no snapshots and sends no snapshot window', () => {
    const group = s().t.resource('aws_elasticache_replication_group', 'cache/replication-group');
    expect(group.snapshot_retention_limit).toBe(0);
    expect(group).not.toHaveProperty('snapshot_window');
  });

  it('passes a token reference through untouched', () => {
    expect(s().t.resource('aws_elasticache_replication_group', 'cache/replication-group').auth_token).toBe(
      '${var.redis-auth-token}',
    );
  });

  it('uses the redis6.x family', () => {
    expect(s().t.resource('aws_elasticache_parameter_group', 'cache/parameter-group')).toMatchObject({
      name: 'portfolio-dev-redis6-x',
      family: 'redis6.x',
    });
  });
});

describe('RedisCache with IAM authentication', () => {
  const s = scenario({ ...DEV, iamAuthentication: { userId: 'portfolio-dev-app' } });

  it('creates the IAM user, a disabled default user and their group, and attaches the group', () => {
    const { t } = s();
    expect(t.resource('aws_elasticache_user', 'cache/default-user')).toMatchObject({
      user_id: 'portfolio-dev-default',
      user_name: 'default',
      engine: 'redis',
      access_string: 'off -@all',
      authentication_mode: { type: 'no-password-required' },
    });
    expect(t.resource('aws_elasticache_user', 'cache/iam-user')).toMatchObject({
      user_id: 'portfolio-dev-app',
      user_name: 'portfolio-dev-app',
      access_string: 'on ~* +@all -@dangerous',
      authentication_mode: { type: 'iam' },
    });
    expect(t.resource('aws_elasticache_user_group', 'cache/user-group')).toMatchObject({
      user_group_id: 'portfolio-dev-users',
      user_ids: [
        t.ref('aws_elasticache_user', 'cache/default-user', 'user_id'),
        t.ref('aws_elasticache_user', 'cache/iam-user', 'user_id'),
      ],
    });
    expect(t.resource('aws_elasticache_replication_group', 'cache/replication-group').user_group_ids).toEqual([
      t.ref('aws_elasticache_user_group', 'cache/user-group', 'user_group_id'),
    ]);
  });

  it('gives clients elasticache:Connect on the group and the user', () => {
    const { cache, stack, t } = s();
    expect(resolved(stack, cache.connectStatement())).toEqual({
      sid: 'RedisConnect',
      actions: ['elasticache:Connect'],
      resources: [
        t.ref('aws_elasticache_replication_group', 'cache/replication-group', 'arn'),
        t.ref('aws_elasticache_user', 'cache/iam-user', 'arn'),
      ],
    });
  });

  const plain = scenario(DEV);
  it('has no users and no connect statement without it', () => {
    const { cache, t } = plain();
    expect(t.count('aws_elasticache_user')).toBe(0);
    expect(cache.connectStatement()).toBeUndefined();
  });
});

describe('RedisCache props validation', () => {
  const cases: Array<[string, Partial<RedisCacheProps>, ExpectedIssue]> = [
    [
      'IAM authentication without TLS',
      { iamAuthentication: { userId: 'app' }, transitEncryption: false },
      { path: 'iamAuthentication', value: { userId: 'app' }, message: /^needs transitEncryption/ },
    ],
    [
      'IAM authentication on Redis 6',
      { iamAuthentication: { userId: 'app' }, engineVersion: '6.2' },
      { path: 'iamAuthentication', value: { userId: 'app' }, message: /^needs Redis 7 or later/ },
    ],
    [
      'an IAM user id with capitals',
      { iamAuthentication: { userId: 'App' } },
      { path: 'iamAuthentication.userId', value: 'App', message: /^must be 1 to 40 lowercase/ },
    ],
    [
      'an id with uppercase letters',
      { replicationGroupId: 'Portfolio-dev' },
      { path: 'replicationGroupId', value: 'Portfolio-dev', message: /^must be 1 to 40 lowercase letters/ },
    ],
    [
      'an id of 41 characters',
      { replicationGroupId: `r${'x'.repeat(40)}` },
      { path: 'replicationGroupId', value: `r${'x'.repeat(40)}`, message: /^must be 1 to 40/ },
    ],
    [
      'an id ending with a hyphen',
      { replicationGroupId: 'portfolio-' },
      { path: 'replicationGroupId', value: 'portfolio-', message: /not ending with a hyphen/ },
    ],
    ['an empty description', { description: ' ' }, { path: 'description', value: ' ', message: /^must not be empty$/ }],
    ['no subnets', { subnetIds: [] }, { path: 'subnetIds', value: [], message: /^must list at least 1 subnet\(s\)$/ }],
    [
      'failover with one subnet',
      { numCacheClusters: 2, subnetIds: ['subnet-1'] },
      { path: 'subnetIds', value: ['subnet-1'], message: /^must list at least 2 subnet\(s\) \(automatic failover/ },
    ],
    [
      'a major-only engine version',
      { engineVersion: '7' },
      { path: 'engineVersion', value: '7', message: /^must be a Redis OSS version major\.minor from 6\.0 to 7\.x/ },
    ],
    [
      'Redis 5',
      { engineVersion: '5.0' },
      { path: 'engineVersion', value: '5.0', message: /^must be a Redis OSS version/ },
    ],
    [
      'an engine log on Redis 6.0',
      { engineVersion: '6.0', logDelivery: { engineLog: { logGroupName: '/redis/engine' } } },
      {
        path: 'logDelivery.engineLog',
        value: { logGroupName: '/redis/engine' },
        message: /^needs engineVersion 6\.2 or later$/,
      },
    ],
    [
      'a node type without the cache. prefix',
      { nodeType: 't4g.micro' },
      { path: 'nodeType', value: 't4g.micro', message: /^must be an ElastiCache node type/ },
    ],
    [
      'no nodes',
      { numCacheClusters: 0 },
      { path: 'numCacheClusters', value: 0, message: /^must be a whole number from 1 to 6/ },
    ],
    [
      'seven nodes',
      { numCacheClusters: 7 },
      { path: 'numCacheClusters', value: 7, message: /^must be a whole number from 1 to 6/ },
    ],
    [
      'failover with one node',
      { automaticFailover: true },
      { path: 'automaticFailover', value: true, message: /^needs numCacheClusters of at least 2 \(it is 1\)/ },
    ],
    ['port 0', { port: 0 }, { path: 'port', value: 0, message: /^must be a TCP port from 1 to 65535$/ }],
    [
      'an eviction policy Redis does not know',
      { parameters: { 'maxmemory-policy': 'lru' } },
      { path: 'parameters.maxmemory-policy', value: 'lru', message: /^must be one of volatile-lru, allkeys-lru/ },
    ],
    [
      'cluster mode through parameters',
      { parameters: { 'cluster-enabled': 'yes' } },
      {
        path: 'parameters.cluster-enabled',
        value: 'yes',
        message: /^cannot be set: this module makes cluster-mode-disabled/,
      },
    ],
    [
      'a parameter name with underscores',
      { parameters: { max_clients: '100' } },
      { path: 'parameters.max_clients', value: '100', message: /^must be named with lowercase letters/ },
    ],
    [
      'an AUTH token without transit encryption',
      { transitEncryption: false, authToken: AUTH_TOKEN },
      {
        path: 'authToken',
        value: `redacted, ${AUTH_TOKEN.length} characters`,
        message: /^is only allowed with transitEncryption: true/,
      },
    ],
    [
      'an AUTH token of 15 characters',
      { authToken: 'abcdefghijklmno' },
      { path: 'authToken', value: 'redacted, 15 characters', message: /^must be 16 to 128 characters/ },
    ],
    [
      'an AUTH token with @',
      { authToken: 'abcdefghijklmnop@' },
      { path: 'authToken', value: 'redacted, 17 characters', message: /letters, digits and !&#\$\^<>-$/ },
    ],
    [
      'snapshots kept 36 days',
      { snapshotRetentionDays: 36 },
      { path: 'snapshotRetentionDays', value: 36, message: /^must be a whole number of days from 0 to 35$/ },
    ],
    [
      'a 30-minute snapshot window',
      { snapshotWindow: '03:00-03:30' },
      { path: 'snapshotWindow', value: '03:00-03:30', message: /^must last at least 60 minutes \(it lasts 30\)$/ },
    ],
    [
      'a malformed snapshot window',
      { snapshotWindow: '03:00 - 05:00' },
      { path: 'snapshotWindow', value: '03:00 - 05:00', message: /^must be hh:mm-hh:mm in UTC/ },
    ],
    [
      'a 30-minute maintenance window',
      { maintenanceWindow: 'sun:05:00-sun:05:30' },
      { path: 'maintenanceWindow', value: 'sun:05:00-sun:05:30', message: /^must last at least 60 minutes/ },
    ],
    [
      'a snapshot window overlapping the maintenance window',
      { snapshotWindow: '04:00-06:00' },
      {
        path: 'maintenanceWindow',
        value: 'sun:05:00-sun:06:00',
        message: /^overlaps snapshotWindow 04:00-06:00, which recurs daily$/,
      },
    ],
    [
      'a log retention CloudWatch does not offer',
      { logDelivery: { slowLog: { logGroupName: '/redis/slow', retentionInDays: 45 } } },
      {
        path: 'logDelivery.slowLog.retentionInDays',
        value: 45,
        message: /^must be a CloudWatch Logs retention period/,
      },
    ],
    [
      'a log group name with a space',
      { logDelivery: { slowLog: { logGroupName: '/redis/slow log' } } },
      { path: 'logDelivery.slowLog.logGroupName', value: '/redis/slow log', message: /^must be 1 to 512 of/ },
    ],
    [
      'both logs into one group',
      { logDelivery: { slowLog: { logGroupName: '/redis/logs' }, engineLog: { logGroupName: '/redis/logs' } } },
      {
        path: 'logDelivery.engineLog.logGroupName',
        value: '/redis/logs',
        message: /^must differ from slowLog\.logGroupName$/,
      },
    ],
    [
      'a KMS alias instead of a key ARN',
      { kmsKeyArn: 'alias/cache' },
      { path: 'kmsKeyArn', value: 'alias/cache', message: /^must be a KMS key ARN/ },
    ],
  ];

  const bad = rejectsEachCase({
    subject: /^Invalid RedisCache "invalid\/bad-\d+" props:\n {2}- /,
    cases,
    build: (stack, id, props) => new RedisCache(stack, id, { ...DEV, ...props }),
    extra: {
      'two bad fields': (stack) =>
        new RedisCache(stack, 'bad-twice', { ...DEV, numCacheClusters: 7, snapshotRetentionDays: 36 }),
    },
  });

  it('never prints an AUTH token in an error', () => {
    const errors = [...bad.thrown.values()].filter(
      (error): error is ValidationError => error instanceof ValidationError,
    );
    for (const error of errors) {
      expect(error.message).not.toContain(AUTH_TOKEN);
      expect(error.message).not.toContain('abcdefghijklmno');
    }
  });

  it('reports every bad field in one error', () => {
    expect(issuePathsAndValues(bad.thrown.get('two bad fields'))).toEqual([
      ['numCacheClusters', 7],
      ['snapshotRetentionDays', 36],
    ]);
  });

  it('adds no resource to the stack when construction throws', () => {
    const t = Template.fromStack(bad.stack());
    expect(t.json.resource).toBeUndefined();
  });
});
