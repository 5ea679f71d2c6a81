/**
 * The serverless-cache module passes real `terraform validate` and an offline plan: seed 004's Redis 7 serverless
 * cache with 1-10 GB of storage, an ECPU limit and a client let in on 6379.
 */
import { SecurityGroup } from '../../modules/core/security-group';
import { ServerlessCache } from '../../modules/serverless-cache';
import { checkWithTerraform } from '../helpers/terraform-check';

jest.setTimeout(180_000);

it('validates and plans the cache with usage limits', async () => {
  const result = await checkWithTerraform(
    (stack) => {
      const client = new SecurityGroup(stack, 'client', {
        name: 'api-lambda',
        description: 'api',
        vpcId: 'vpc-0123456789abcdef0',
      });
      new ServerlessCache(stack, 'cache', {
        name: 'apprentice-final-staging',
        vpcId: 'vpc-0123456789abcdef0',
        subnetIds: ['subnet-0aaaaaaaaaaaaaaa1', 'subnet-0bbbbbbbbbbbbbbb2'],
        dataStorageGb: { minimumGb: 1, maximumGb: 10 },
        ecpuPerSecond: { maximum: 5000 },
      }).allowFrom(client, 'Redis from the API');
    },
    { plan: true },
  );
  expect(result.validate).toContain('Success! The configuration is valid.');
  // client group + egress, cache group + ingress, cache.
  expect(result.toAdd).toBe(5);
  expect(result.plan).toMatch(/major_engine_version\s+= "7"/);
  expect(result.plan).not.toMatch(/Warning:/);
});
