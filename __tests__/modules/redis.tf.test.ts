/**
 * The redis module passes real `terraform validate` and an offline plan as seed 001's dev cache and as a prod cache
 * with failover, AUTH and both logs delivered to CloudWatch, each with an app security group let in on 6379.
 */
import { SecurityGroup } from '../../modules/core/security-group';
import { RedisCache, type RedisCacheProps } from '../../modules/redis';
import { checkWithTerraform } from '../helpers/terraform-check';

jest.setTimeout(180_000);

const VPC_ID = 'vpc-0123456789abcdef0';
const DEV: RedisCacheProps = {
  replicationGroupId: 'portfolio-dev',
  vpcId: VPC_ID,
  subnetIds: ['subnet-0aaaaaaaaaaaaaaa1', 'subnet-0bbbbbbbbbbbbbbb2'],
};

function plan(props: RedisCacheProps) {
  return checkWithTerraform(
    (stack) => {
      const app = new SecurityGroup(stack, 'app', { name: 'app-tasks', description: 'app tasks', vpcId: VPC_ID });
      new RedisCache(stack, 'cache', props).allowFrom(app, 'Redis from the app tasks');
    },
    { plan: true },
  );
}

it('validates and plans the dev cache: one cache.t4g.micro, Redis 7.1, no log delivery', async () => {
  const result = await plan(DEV);
  expect(result.validate).toContain('Success! The configuration is valid.');
  // app group + its egress rule (2); cache group + ingress rule, subnet group, parameter group, replication group (5).
  expect(result.toAdd).toBe(7);
  expect(result.plan).not.toMatch(/Warning:/);
});

it('validates and plans the prod cache: 3 cache.t4g.small with failover, AUTH, slow and engine logs', async () => {
  const result = await plan({
    ...DEV,
    replicationGroupId: 'portfolio-prod',
    nodeType: 'cache.t4g.small',
    numCacheClusters: 3,
    authToken: 'Sup3r-secret-t0ken!42',
    kmsKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555',
    logDelivery: {
      slowLog: { logGroupName: '/aws/elasticache/prod/redis/slow-log' },
      engineLog: { logGroupName: '/aws/elasticache/prod/redis/engine-log' },
    },
  });
  expect(result.validate).toContain('Success! The configuration is valid.');
  // As dev, plus the two log groups.
  expect(result.toAdd).toBe(9);
  expect(result.plan).toMatch(/multi_az_enabled\s+= true/);
  expect(result.plan).not.toMatch(/Warning:/);
});
