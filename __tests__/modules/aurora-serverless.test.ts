/**
 * The aurora-serverless module: the Aurora PostgreSQL cluster on Serverless v2 capacity (ACU range, engine, encryption
 * with the created or a given key, the RDS-managed master secret, backups, deletion protection, final snapshot, log
 * exports and their log groups), the writer and optional reader of class db.serverless, TLS forced by the parameter
 * group, the security group a client is let into on 5432, and each props-validation error.
 */
import {
  AuroraServerlessCluster,
  checkAcuRange,
  type AuroraServerlessClusterProps,
} from '../../modules/aurora-serverless';
import { SecurityGroup } from '../../modules/core/security-group';
import { ruleWiring } from '../helpers/security-groups';
import { resolved, Template, testStack } from '../helpers/template';
import { rejectsEachCase, type BadCase } from '../helpers/validation';

const VPC_ID = 'vpc-0123456789abcdef0';
const SUBNETS = ['subnet-0aaaaaaaaaaaaaaa1', 'subnet-0bbbbbbbbbbbbbbb2'];
const KEY = 'arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555';
const BASE: AuroraServerlessClusterProps = {
  clusterIdentifier: 'apprentice-final-staging',
  accountId: '123456789012',
  vpcId: VPC_ID,
  subnetIds: SUBNETS,
  databaseName: 'app',
};

function synth(props: AuroraServerlessClusterProps) {
  const stack = testStack();
  const client = new SecurityGroup(stack, 'client', { name: 'api-lambda', description: 'api', vpcId: VPC_ID });
  const db = new AuroraServerlessCluster(stack, 'db', props);
  db.allowFrom(client, 'PostgreSQL from the API');
  return { stack, db, t: Template.fromStack(stack) };
}

describe('AuroraServerlessCluster with the defaults (seed 004: 16.1, 0.5-4 ACU, 7 days)', () => {
  const { stack, db, t } = synth(BASE);

  it('is Aurora PostgreSQL 16.1 on 0.5 to 4 ACUs, encrypted with its own key, password managed by RDS', () => {
    const keyArn = t.ref('aws_kms_key', 'db/key/key', 'arn');
    expect(t.resource('aws_rds_cluster', 'db/cluster')).toMatchObject({
      cluster_identifier: 'apprentice-final-staging',
      engine: 'aurora-postgresql',
      engine_mode: 'provisioned',
      engine_version: '16.1',
      database_name: 'app',
      master_username: 'app_admin',
      manage_master_user_password: true,
      master_user_secret_kms_key_id: keyArn,
      port: 5432,
      storage_encrypted: true,
      kms_key_id: keyArn,
      serverlessv2_scaling_configuration: { min_capacity: 0.5, max_capacity: 4 },
      db_subnet_group_name: t.ref('aws_db_subnet_group', 'db/subnet-group', 'name'),
      vpc_security_group_ids: [t.ref('aws_security_group', 'db/security-group')],
      db_cluster_parameter_group_name: t.ref('aws_rds_cluster_parameter_group', 'db/parameter-group', 'name'),
      iam_database_authentication_enabled: true,
      backup_retention_period: 7,
      preferred_backup_window: '03:00-04:00',
      preferred_maintenance_window: 'mon:04:00-mon:05:00',
      copy_tags_to_snapshot: true,
      deletion_protection: true,
      skip_final_snapshot: false,
      final_snapshot_identifier: 'apprentice-final-staging-final',
      enabled_cloudwatch_logs_exports: ['postgresql'],
    });
    expect(t.resource('aws_kms_key', 'db/key/key')).toMatchObject({ enable_key_rotation: true });
    expect(t.resource('aws_kms_alias', 'db/key/alias').name).toBe('alias/apprentice-final-staging-data');
  });

  it('has one writer of class db.serverless, no reader, not public, PI encrypted with the key', () => {
    expect(t.count('aws_rds_cluster_instance')).toBe(1);
    expect(t.resource('aws_rds_cluster_instance', 'db/writer')).toMatchObject({
      identifier: 'apprentice-final-staging-writer',
      cluster_identifier: t.ref('aws_rds_cluster', 'db/cluster'),
      instance_class: 'db.serverless',
      engine: 'aurora-postgresql',
      engine_version: '16.1',
      publicly_accessible: false,
      promotion_tier: 0,
      performance_insights_enabled: true,
      performance_insights_kms_key_id: t.ref('aws_kms_key', 'db/key/key', 'arn'),
    });
    expect(db.reader).toBeUndefined();
  });

  it('forces TLS in a cluster parameter group of the major version', () => {
    expect(t.resource('aws_rds_cluster_parameter_group', 'db/parameter-group')).toMatchObject({
      name: 'apprentice-final-staging-aurora-postgresql16',
      family: 'aurora-postgresql16',
      parameter: [{ name: 'rds.force_ssl', value: '1', apply_method: 'immediate' }],
    });
  });

  it('creates the engine log group with a 30-day retention before the cluster', () => {
    expect(t.resource('aws_cloudwatch_log_group', 'db/log-group-postgresql')).toMatchObject({
      name: '/aws/rds/cluster/apprentice-final-staging/postgresql',
      retention_in_days: 30,
    });
    expect(t.resource('aws_rds_cluster', 'db/cluster').depends_on).toEqual([
      t.address('aws_cloudwatch_log_group', 'db/log-group-postgresql'),
    ]);
  });

  it('admits the client group on 5432 only, and the client reaches only that', () => {
    const ingress = t.all('aws_vpc_security_group_ingress_rule');
    expect(ingress.map((rule) => [rule.from_port, rule.to_port, rule.ip_protocol])).toEqual([[5432, 5432, 'tcp']]);
    expect(ruleWiring(t, 'ingress')).toEqual({
      'db/security-group/ingress-from-api-lambda-5432': { group: 'db/security-group/group', peerGroup: 'client/group' },
    });
    expect(ruleWiring(t, 'egress')).toEqual({
      'client/egress-to-apprentice-final-staging-db-5432': {
        group: 'client/group',
        peerGroup: 'db/security-group/group',
      },
    });
  });

  it('exposes the master secret of the cluster', () => {
    expect(resolved(stack, db.masterUserSecretArn)).toBe(
      '${' + t.address('aws_rds_cluster', 'db/cluster') + '.master_user_secret[0].secret_arn}',
    );
  });
});

describe('AuroraServerlessCluster with a reader, a given key and no protection', () => {
  const { t } = synth({
    ...BASE,
    readerInstance: true,
    kmsKeyArn: KEY,
    minCapacity: 1,
    maxCapacity: 8,
    deletionProtection: false,
    skipFinalSnapshot: true,
    backupRetentionDays: 14,
    logExports: ['postgresql', 'iam-db-auth-error'],
  });

  it('adds a reader in promotion tier 1 and uses the given key without creating one', () => {
    expect(t.resource('aws_rds_cluster_instance', 'db/reader')).toMatchObject({
      identifier: 'apprentice-final-staging-reader',
      promotion_tier: 1,
    });
    expect(t.count('aws_kms_key')).toBe(0);
    expect(t.resource('aws_rds_cluster', 'db/cluster')).toMatchObject({
      kms_key_id: KEY,
      serverlessv2_scaling_configuration: { min_capacity: 1, max_capacity: 8 },
      deletion_protection: false,
      skip_final_snapshot: true,
      backup_retention_period: 14,
    });
    expect(t.resource('aws_rds_cluster', 'db/cluster')).not.toHaveProperty('final_snapshot_identifier');
    expect(t.count('aws_cloudwatch_log_group')).toBe(2);
  });
});

describe('AuroraServerlessCluster restored from a snapshot', () => {
  const snapshot = 'arn:aws:rds:us-west-2:123456789012:cluster-snapshot:awsbackup:copyjob-0123abcd';
  const { t } = synth({ ...BASE, snapshotArn: snapshot });

  it('creates the cluster from it, takes database and user from it, and keeps it after the restore', () => {
    const cluster = t.resource('aws_rds_cluster', 'db/cluster');
    expect(cluster).toMatchObject({
      snapshot_identifier: snapshot,
      manage_master_user_password: true,
      lifecycle: { ignore_changes: ['snapshot_identifier'] },
    });
    expect(cluster).not.toHaveProperty('database_name');
    expect(cluster).not.toHaveProperty('master_username');
  });
});

describe('Serverless v2 capacity range', () => {
  it.each([
    [0, 4, []],
    [0.5, 256, []],
    [0.25, 4, ['minCapacity']],
    [0.5, 0.5, ['maxCapacity']],
    [0.5, 300, ['maxCapacity']],
    [8, 4, ['minCapacity']],
  ])('min %p and max %p: issues at %p', (min, max, paths) => {
    const issues = checkAcuRange({ path: 'minCapacity', value: min }, { path: 'maxCapacity', value: max });
    expect(issues.map((issue) => issue.path)).toEqual(paths);
  });
});

describe('AuroraServerlessCluster props validation', () => {
  const cases: Array<BadCase<AuroraServerlessClusterProps>> = [
    [
      'a minimum above the maximum',
      { ...BASE, minCapacity: 8, maxCapacity: 4 },
      { path: 'minCapacity', value: 8, message: /must not exceed maxCapacity \(4 ACUs\)/ },
    ],
    [
      'a capacity not in steps of 0.5',
      { ...BASE, maxCapacity: 4.2 },
      { path: 'maxCapacity', value: 4.2, message: /in steps of 0\.5/ },
    ],
    [
      'an identifier too long for <id>-writer',
      { ...BASE, clusterIdentifier: 'a'.repeat(57) },
      { path: 'clusterIdentifier', value: 'a'.repeat(57), message: /at most 56 characters/ },
    ],
    [
      'a major version only',
      { ...BASE, engineVersion: '16' },
      { path: 'engineVersion', value: '16', message: /major\.minor/ },
    ],
    [
      'backups kept 0 days',
      { ...BASE, backupRetentionDays: 0 },
      { path: 'backupRetentionDays', value: 0, message: /from 1 to 35/ },
    ],
    [
      'a log type Aurora lacks',
      { ...BASE, logExports: ['upgrade' as never] },
      { path: 'logExports[0]', value: 'upgrade', message: /must be one of postgresql/ },
    ],
    [
      'no account for the created key',
      { ...BASE, accountId: undefined },
      { path: 'accountId', value: undefined, message: /when the module creates the KMS key/ },
    ],
    [
      'an instance snapshot',
      { ...BASE, snapshotArn: 'arn:aws:rds:us-east-1:123456789012:snapshot:db-1' },
      {
        path: 'snapshotArn',
        value: 'arn:aws:rds:us-east-1:123456789012:snapshot:db-1',
        message: /DB cluster snapshot ARN/,
      },
    ],
    [
      'the master user postgres',
      { ...BASE, masterUsername: 'postgres' },
      { path: 'masterUsername', value: 'postgres', message: /not rds…, pg_… or postgres/ },
    ],
  ];
  rejectsEachCase({
    subject: /AuroraServerlessCluster ".*" props/,
    cases,
    build: (stack, id, props) => new AuroraServerlessCluster(stack, id, props),
  });
});
