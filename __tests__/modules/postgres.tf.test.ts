/**
 * The postgres module passes real `terraform validate` and an offline plan in the dev and prod sizes of seed 001,
 * each with an app security group let in on 5432, and the prod size with a read replica.
 */
import { SecurityGroup } from '../../modules/core/security-group';
import { PostgresDatabase, PostgresReadReplica, type PostgresDatabaseProps } from '../../modules/postgres';
import { checkWithTerraform } from '../helpers/terraform-check';

jest.setTimeout(180_000);

const VPC_ID = 'vpc-0123456789abcdef0';
const BASE: PostgresDatabaseProps = {
  identifier: 'portfolio-dev',
  vpcId: VPC_ID,
  subnetIds: ['subnet-0aaaaaaaaaaaaaaa1', 'subnet-0bbbbbbbbbbbbbbb2'],
  databaseName: 'portfolio',
  accountId: '123456789012',
};

function plan(props: PostgresDatabaseProps, options: { readReplica?: boolean } = {}) {
  return checkWithTerraform(
    (stack) => {
      const app = new SecurityGroup(stack, 'app', { name: 'app-tasks', description: 'app tasks', vpcId: VPC_ID });
      const db = new PostgresDatabase(stack, 'db', props);
      db.allowFrom(app, 'PostgreSQL from the app tasks');
      if (options.readReplica) new PostgresReadReplica(stack, 'replica', { source: db });
    },
    { plan: true },
  );
}

it('validates and plans the dev size: db.t4g.micro, 20 GiB gp3, single-AZ', async () => {
  const result = await plan(BASE);
  expect(result.validate).toContain('Success! The configuration is valid.');
  // app group + its egress rule (2); db group + ingress rule, subnet group, parameter group, 2 log groups,
  // monitoring role + policy attachment, instance (9).
  expect(result.toAdd).toBe(11);
  expect(result.plan).toMatch(/manage_master_user_password\s+= true/);
  expect(result.plan).not.toMatch(/Warning:/);
});

it('validates and plans the prod size: db.t4g.small, 50 GiB gp3 autoscaling, Multi-AZ, three log exports', async () => {
  const result = await plan({
    ...BASE,
    identifier: 'portfolio-prod',
    instanceClass: 'db.t4g.small',
    allocatedStorageGiB: 50,
    maxAllocatedStorageGiB: 200,
    multiAz: true,
    kmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555',
    performanceInsights: true,
    cloudwatchLogsExports: ['postgresql', 'upgrade', 'iam-db-auth-error'],
    logRetentionInDays: 90,
    parameters: { shared_preload_libraries: { value: 'pg_stat_statements', applyMethod: 'pending-reboot' } },
  });
  expect(result.validate).toContain('Success! The configuration is valid.');
  // As dev, plus the iam-db-auth-error log group.
  expect(result.toAdd).toBe(12);
  expect(result.plan).toMatch(/multi_az\s+= true/);
  expect(result.plan).not.toMatch(/Warning:/);
});

it('validates and plans the prod size with a read replica of it', async () => {
  const result = await plan(
    { ...BASE, identifier: 'portfolio-prod', instanceClass: 'db.t4g.small', allocatedStorageGiB: 50, multiAz: true },
    { readReplica: true },
  );
  expect(result.validate).toContain('Success! The configuration is valid.');
  // As dev (11), plus the replica and its two log groups.
  expect(result.toAdd).toBe(14);
  expect(result.plan).toMatch(/identifier\s+= "portfolio-prod-replica"/);
  expect(result.plan).toMatch(/replicate_source_db\s+= "portfolio-prod"/);
  expect(result.plan).not.toMatch(/Warning:/);
});
