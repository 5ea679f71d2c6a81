/**
 * The aurora-serverless module passes real `terraform validate` and an offline plan: seed 004's Aurora PostgreSQL 16.1
 * at 0.5-4 ACUs with a reader, its created KMS key and a client let in on 5432.
 */
import { AuroraServerlessCluster } from '../../modules/aurora-serverless';
import { SecurityGroup } from '../../modules/core/security-group';
import { checkWithTerraform } from '../helpers/terraform-check';

jest.setTimeout(180_000);

it('validates and plans a writer and a reader with the created key', async () => {
  const result = await checkWithTerraform(
    (stack) => {
      const client = new SecurityGroup(stack, 'client', {
        name: 'api-lambda',
        description: 'api',
        vpcId: 'vpc-0123456789abcdef0',
      });
      new AuroraServerlessCluster(stack, 'database', {
        clusterIdentifier: 'apprentice-final-staging',
        accountId: '123456789012',
        vpcId: 'vpc-0123456789abcdef0',
        subnetIds: ['subnet-0aaaaaaaaaaaaaaa1', 'subnet-0bbbbbbbbbbbbbbb2'],
        databaseName: 'app',
        readerInstance: true,
        deletionProtection: false,
      }).allowFrom(client, 'PostgreSQL from the API');
    },
    { plan: true },
  );
  expect(result.validate).toContain('Success! The configuration is valid.');
  // client group + egress (2); key, alias, group + ingress, subnet group, parameter group, log group, cluster,
  // writer, reader (10).
  expect(result.toAdd).toBe(12);
  expect(result.plan).toMatch(/max_capacity\s+= 4/);
  expect(result.plan).toMatch(/min_capacity\s+= 0\.5/);
  expect(result.plan).not.toMatch(/Warning:/);
});
