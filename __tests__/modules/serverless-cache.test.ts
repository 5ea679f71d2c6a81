/**
 * The serverless-cache module: the ElastiCache Serverless cache (engine, major version, usage limits, subnets, key,
 * snapshots), the security group a client is let into on 6379 (and 6380 for the reader endpoint), and each
 * props-validation error.
 */
import { SecurityGroup } from '../../modules/core/security-group';
import { ServerlessCache, type ServerlessCacheProps } from '../../modules/serverless-cache';
import { ruleWiring } from '../helpers/security-groups';
import { Template, testStack } from '../helpers/template';
import { rejectsEachCase, type BadCase } from '../helpers/validation';

const VPC_ID = 'vpc-0123456789abcdef0';
const SUBNETS = ['subnet-0aaaaaaaaaaaaaaa1', 'subnet-0bbbbbbbbbbbbbbb2'];
const KEY = 'arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555';
const BASE: ServerlessCacheProps = { name: 'apprentice-final-staging', vpcId: VPC_ID, subnetIds: SUBNETS };

function synth(props: ServerlessCacheProps) {
  const stack = testStack();
  const client = new SecurityGroup(stack, 'client', { name: 'api-lambda', description: 'api', vpcId: VPC_ID });
  const cache = new ServerlessCache(stack, 'cache', props);
  cache.allowFrom(client, 'Redis from the API');
  return { cache, t: Template.fromStack(stack) };
}

describe('ServerlessCache with seed 004 limits (Redis 7, 1-10 GB, 5000 ECPU/s)', () => {
  const { cache, t } = synth({
    ...BASE,
    dataStorageGb: { minimumGb: 1, maximumGb: 10 },
    ecpuPerSecond: { maximum: 5000 },
    kmsKeyArn: KEY,
    snapshotRetentionDays: 7,
    dailySnapshotTime: '04:00',
  });

  it('is a Redis 7 serverless cache in the private subnets with both usage limits', () => {
    expect(t.resource('aws_elasticache_serverless_cache', 'cache/cache')).toEqual({
      name: 'apprentice-final-staging',
      description: 'apprentice-final-staging',
      engine: 'redis',
      major_engine_version: '7',
      subnet_ids: SUBNETS,
      security_group_ids: [t.ref('aws_security_group', 'cache/security-group')],
      kms_key_id: KEY,
      snapshot_retention_limit: 7,
      daily_snapshot_time: '04:00',
      cache_usage_limits: [
        { data_storage: [{ minimum: 1, maximum: 10, unit: 'GB' }], ecpu_per_second: [{ maximum: 5000 }] },
      ],
    });
    expect(cache.limits).toEqual({ dataStorageGb: { minimumGb: 1, maximumGb: 10 }, ecpuPerSecond: { maximum: 5000 } });
  });

  it('admits the client on 6379 only, naming each other', () => {
    expect(t.all('aws_vpc_security_group_ingress_rule').map((rule) => [rule.from_port, rule.to_port])).toEqual([
      [6379, 6379],
    ]);
    expect(ruleWiring(t, 'ingress')).toEqual({
      'cache/security-group/ingress-from-api-lambda-6379': {
        group: 'cache/security-group/group',
        peerGroup: 'client/group',
      },
    });
  });
});

describe('ServerlessCache with the defaults and the reader endpoint', () => {
  const { t } = synth({ ...BASE, readerEndpoint: true });

  it('takes no snapshots and sets no limits', () => {
    const block = t.resource('aws_elasticache_serverless_cache', 'cache/cache');
    expect(block.snapshot_retention_limit).toBe(0);
    expect(block).not.toHaveProperty('cache_usage_limits');
    expect(block).not.toHaveProperty('daily_snapshot_time');
  });

  it('opens 6380 beside 6379', () => {
    expect(t.all('aws_vpc_security_group_ingress_rule').map((rule) => rule.from_port)).toEqual([6379, 6380]);
  });
});

describe('ServerlessCache props validation', () => {
  const cases: Array<BadCase<ServerlessCacheProps>> = [
    [
      'a name of 41 characters',
      { ...BASE, name: 'a'.repeat(41) },
      { path: 'name', value: 'a'.repeat(41), message: /1 to 40 lowercase/ },
    ],
    [
      'Redis 6 serverless',
      { ...BASE, majorEngineVersion: '6' },
      { path: 'majorEngineVersion', value: '6', message: /redis serverless major version: 7/ },
    ],
    [
      'a storage minimum above the maximum',
      { ...BASE, dataStorageGb: { minimumGb: 20, maximumGb: 10 } },
      { path: 'dataStorageGb.minimumGb', value: 20, message: /must not exceed dataStorageGb\.maximumGb/ },
    ],
    [
      'no storage at all',
      { ...BASE, dataStorageGb: { maximumGb: 0 } },
      { path: 'dataStorageGb.maximumGb', value: 0, message: /from 1 to 5000/ },
    ],
    [
      'an ECPU limit below 1000',
      { ...BASE, ecpuPerSecond: { maximum: 500 } },
      { path: 'ecpuPerSecond.maximum', value: 500, message: /from 1000 to 15000000/ },
    ],
    [
      'one subnet',
      { ...BASE, subnetIds: [SUBNETS[0]!] },
      { path: 'subnetIds', value: [SUBNETS[0]], message: /2 or 3 subnets/ },
    ],
    [
      'snapshots kept 36 days',
      { ...BASE, snapshotRetentionDays: 36 },
      { path: 'snapshotRetentionDays', value: 36, message: /from 0 to 35/ },
    ],
  ];
  rejectsEachCase({
    subject: /ServerlessCache ".*" props/,
    cases,
    build: (stack, id, props) => new ServerlessCache(stack, id, props),
  });
});
