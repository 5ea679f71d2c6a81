/**
 * The postgres module: the security group a client is let into, its port and rules (cdktf matchers); the dev and prod
 * sizes of seed 001, the managed master password, encryption, backups and windows, Enhanced Monitoring and its role,
 * exported logs and their log groups, the TLS-only parameter group, which groups the rules join, and props validation
 * (including the time-window rules) at construction time (Template). Each scenario is synthesized once.
 */
import { SecurityGroup as AwsSecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Testing, type TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { SecurityGroup } from '../../modules/core/security-group';
import {
  PostgresDatabase,
  PostgresReadReplica,
  type PostgresDatabaseProps,
  type PostgresReadReplicaProps,
} from '../../modules/postgres';
import { ruleWiring } from '../helpers/security-groups';
import { resolved, Template, testStack } from '../helpers/template';
import { issuePathsAndValues, rejectsEachCase, type ExpectedIssue } from '../helpers/validation';

const VPC_ID = 'vpc-0123456789abcdef0';
const SUBNET_IDS = ['subnet-0aaaaaaaaaaaaaaa1', 'subnet-0bbbbbbbbbbbbbbb2'];
const ACCOUNT_ID = '123456789012';
const KMS_KEY = 'arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555';

/** Seed 001, dev: the module's defaults are the dev sizes. */
const DEV: PostgresDatabaseProps = {
  identifier: 'portfolio-dev',
  vpcId: VPC_ID,
  subnetIds: SUBNET_IDS,
  databaseName: 'portfolio',
  accountId: ACCOUNT_ID,
};

/** Seed 001, prod: bigger instance and storage, Multi-AZ, plus the optional knobs a prod stack might turn. */
const PROD: PostgresDatabaseProps = {
  ...DEV,
  identifier: 'portfolio-prod',
  instanceClass: 'db.t4g.small',
  allocatedStorageGiB: 50,
  maxAllocatedStorageGiB: 200,
  multiAz: true,
  kmsKeyId: KMS_KEY,
  masterUserSecretKmsKeyId: KMS_KEY,
  logKmsKeyArn: KMS_KEY,
  performanceInsights: true,
  cloudwatchLogsExports: ['postgresql', 'upgrade', 'iam-db-auth-error'],
  logRetentionInDays: 90,
  parameters: {
    log_min_duration_statement: '1000',
    shared_preload_libraries: { value: 'pg_stat_statements', applyMethod: 'pending-reboot' },
  },
  tags: { tier: 'data' },
};

interface Scenario {
  readonly stack: TerraformStack;
  readonly db: PostgresDatabase;
  readonly t: Template;
}

/** A client group `app` and a `PostgresDatabase` `db` that lets it in. */
function databaseWithClient(scope: Construct, props: PostgresDatabaseProps): PostgresDatabase {
  const app = new SecurityGroup(scope, 'app', { name: 'app-tasks', description: 'app tasks', vpcId: VPC_ID });
  const db = new PostgresDatabase(scope, 'db', props);
  db.allowFrom(app, 'PostgreSQL from the app tasks');
  return db;
}

/** Builds {@link databaseWithClient} in a fresh stack and synthesizes it once. */
function scenario(props: PostgresDatabaseProps): () => Scenario {
  let built: Scenario | undefined;
  beforeAll(() => {
    const stack = testStack();
    const db = databaseWithClient(stack, props);
    built = { stack, db, t: Template.fromStack(stack) };
  });
  return () => {
    if (!built) throw new Error('scenario not built');
    return built;
  };
}

describe('PostgresDatabase security group (cdktf matchers)', () => {
  describe('with the defaults, and a client group let in', () => {
    const synthesized = Testing.synthScope((scope) => {
      databaseWithClient(scope, DEV);
    });

    it('is the group <identifier>-db in the VPC, with no inline rules', () => {
      expect(synthesized).toHaveResourceWithProperties(AwsSecurityGroup, {
        name: 'portfolio-dev-db',
        vpc_id: VPC_ID,
        tags: { Name: 'portfolio-dev-db' },
      });
      expect(synthesized).not.toHaveResourceWithProperties(AwsSecurityGroup, { ingress: expect.anything() });
      expect(synthesized).not.toHaveResourceWithProperties(AwsSecurityGroup, { egress: expect.anything() });
    });

    it('admits the client on TCP 5432, and no CIDR', () => {
      expect(synthesized).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, {
        description: 'PostgreSQL from the app tasks',
        ip_protocol: 'tcp',
        from_port: 5432,
        to_port: 5432,
      });
      expect(synthesized).not.toHaveResourceWithProperties(VpcSecurityGroupIngressRule, {
        cidr_ipv4: expect.anything(),
      });
    });

    it('lets the client reach it on TCP 5432', () => {
      expect(synthesized).toHaveResourceWithProperties(VpcSecurityGroupEgressRule, {
        description: 'PostgreSQL from the app tasks',
        ip_protocol: 'tcp',
        from_port: 5432,
        to_port: 5432,
      });
    });
  });

  describe('on a custom port', () => {
    const synthesized = Testing.synthScope((scope) => {
      databaseWithClient(scope, { ...DEV, port: 5433 });
    });

    it('opens 5433, not 5432, on both sides', () => {
      const port5433 = { ip_protocol: 'tcp', from_port: 5433, to_port: 5433 };
      expect(synthesized).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, port5433);
      expect(synthesized).toHaveResourceWithProperties(VpcSecurityGroupEgressRule, port5433);
      expect(synthesized).not.toHaveResourceWithProperties(VpcSecurityGroupIngressRule, { from_port: 5432 });
      expect(synthesized).not.toHaveResourceWithProperties(VpcSecurityGroupEgressRule, { from_port: 5432 });
    });
  });
});

describe('PostgresDatabase, dev sizes (seed 001 dev, defaults)', () => {
  const s = scenario(DEV);

  it('creates exactly one PostgreSQL 16.3 instance with every argument the seed and the secure defaults ask for', () => {
    const { t } = s();
    expect(t.count('aws_db_instance')).toBe(1);
    expect(t.resource('aws_db_instance', 'db/instance')).toEqual({
      identifier: 'portfolio-dev',
      engine: 'postgres',
      engine_version: '16.3',
      instance_class: 'db.t4g.micro',
      allocated_storage: 20,
      storage_type: 'gp3',
      storage_encrypted: true,
      db_name: 'portfolio',
      username: 'app_admin',
      manage_master_user_password: true,
      port: 5432,
      multi_az: false,
      db_subnet_group_name: t.ref('aws_db_subnet_group', 'db/subnet-group', 'name'),
      vpc_security_group_ids: [t.ref('aws_security_group', 'db/security-group')],
      parameter_group_name: t.ref('aws_db_parameter_group', 'db/parameter-group', 'name'),
      publicly_accessible: false,
      ca_cert_identifier: 'rds-ca-rsa2048-g1',
      iam_database_authentication_enabled: true,
      deletion_protection: true,
      skip_final_snapshot: false,
      final_snapshot_identifier: 'portfolio-dev-final',
      copy_tags_to_snapshot: true,
      backup_retention_period: 7,
      backup_window: '03:00-04:00',
      maintenance_window: 'mon:04:00-mon:05:00',
      auto_minor_version_upgrade: false,
      monitoring_interval: 60,
      monitoring_role_arn: t.ref('aws_iam_role', 'db/monitoring-role', 'arn'),
      enabled_cloudwatch_logs_exports: ['postgresql', 'upgrade'],
      performance_insights_enabled: false,
      tags: { Name: 'portfolio-dev' },
      depends_on: [
        t.address('aws_cloudwatch_log_group', 'db/log-group-postgresql'),
        t.address('aws_cloudwatch_log_group', 'db/log-group-upgrade'),
        t.address('aws_iam_role_policy_attachment', 'db/monitoring-role-policy'),
      ],
    });
  });

  it('never puts a password in the configuration: RDS manages it in Secrets Manager', () => {
    const { t } = s();
    const instance = t.resource('aws_db_instance', 'db/instance');
    expect(instance).not.toHaveProperty('password');
    expect(instance).not.toHaveProperty('password_wo');
    expect(instance).not.toHaveProperty('master_user_secret_kms_key_id');
  });

  it('puts the instance in a subnet group of the given private subnets', () => {
    const { t } = s();
    expect(t.count('aws_db_subnet_group')).toBe(1);
    expect(t.resource('aws_db_subnet_group', 'db/subnet-group')).toEqual({
      name: 'portfolio-dev',
      description: 'Private subnets of PostgreSQL portfolio-dev',
      subnet_ids: SUBNET_IDS,
      tags: { Name: 'portfolio-dev-subnets' },
    });
  });

  it('uses a postgres16 parameter group that forces TLS, created before the old one is destroyed', () => {
    const { t } = s();
    expect(t.count('aws_db_parameter_group')).toBe(1);
    expect(t.resource('aws_db_parameter_group', 'db/parameter-group')).toEqual({
      name: 'portfolio-dev-postgres16',
      family: 'postgres16',
      description: 'PostgreSQL portfolio-dev (postgres16): TLS only',
      parameter: [{ name: 'rds.force_ssl', value: '1', apply_method: 'immediate' }],
      tags: { Name: 'portfolio-dev-postgres16' },
      lifecycle: { create_before_destroy: true },
    });
  });

  it.each(['postgresql', 'upgrade'])(
    'creates the log group /aws/rds/instance/portfolio-dev/%s kept 30 days',
    (logType) => {
      const { t } = s();
      expect(t.resource('aws_cloudwatch_log_group', `db/log-group-${logType}`)).toEqual({
        name: `/aws/rds/instance/portfolio-dev/${logType}`,
        retention_in_days: 30,
        tags: { Name: `portfolio-dev-${logType}-logs` },
      });
    },
  );

  it('creates a log group for each exported log and no other', () => {
    expect(s().t.count('aws_cloudwatch_log_group')).toBe(2);
  });

  it('lets only monitoring.rds.amazonaws.com, for account 123456789012, assume the monitoring role', () => {
    const { t } = s();
    expect(t.count('aws_iam_role')).toBe(1);
    expect(t.resource('aws_iam_role', 'db/monitoring-role')).toEqual({
      name_prefix: 'portfolio-dev-rds-monitoring-',
      description: 'Enhanced Monitoring of PostgreSQL portfolio-dev',
      assume_role_policy: t.dataRef('aws_iam_policy_document', 'db/monitoring-assume-role'),
      tags: { Name: 'portfolio-dev-monitoring' },
    });
    expect(t.dataSource('aws_iam_policy_document', 'db/monitoring-assume-role').statement).toEqual([
      {
        effect: 'Allow',
        actions: ['sts:AssumeRole'],
        principals: [{ type: 'Service', identifiers: ['monitoring.rds.amazonaws.com'] }],
        condition: [{ test: 'StringEquals', variable: 'aws:SourceAccount', values: [ACCOUNT_ID] }],
      },
    ]);
  });

  it('attaches exactly the AmazonRDSEnhancedMonitoringRole managed policy to the role', () => {
    const { t } = s();
    expect(t.count('aws_iam_role_policy_attachment')).toBe(1);
    expect(t.count('aws_iam_role_policy')).toBe(0);
    expect(t.resource('aws_iam_role_policy_attachment', 'db/monitoring-role-policy')).toEqual({
      role: t.ref('aws_iam_role', 'db/monitoring-role', 'name'),
      policy_arn: 'arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole',
    });
  });

  describe('security group', () => {
    it('has one ingress rule, on the database group, from the client group', () => {
      expect(ruleWiring(s().t, 'ingress')).toEqual({
        'db/security-group/ingress-from-app-tasks-5432': { group: 'db/security-group/group', peerGroup: 'app/group' },
      });
    });

    it('has no egress; the only egress rule is on the client group, to the database group', () => {
      expect(ruleWiring(s().t, 'egress')).toEqual({
        'app/egress-to-portfolio-dev-db-5432': { group: 'app/group', peerGroup: 'db/security-group/group' },
      });
    });
  });

  describe('exposed parts', () => {
    it('exposes the identifier, port, database and user as plain values', () => {
      const { db } = s();
      expect(db.instanceIdentifier).toBe('portfolio-dev');
      expect(db.port).toBe(5432);
      expect(db.databaseName).toBe('portfolio');
      expect(db.masterUsername).toBe('app_admin');
    });

    it('exposes the endpoint, address and the master secret ARN as references to the instance', () => {
      const { stack, db, t } = s();
      const instance = (attribute: string) => t.ref('aws_db_instance', 'db/instance', attribute);
      expect(resolved(stack, db.address)).toBe(instance('address'));
      expect(resolved(stack, db.endpoint)).toBe(instance('endpoint'));
      expect(resolved(stack, db.instanceArn)).toBe(instance('arn'));
      expect(resolved(stack, db.masterUserSecretArn)).toBe(instance('master_user_secret[0].secret_arn'));
    });

    it('exposes the parts it created', () => {
      const { db } = s();
      expect(Object.keys(db.logGroups)).toEqual(['postgresql', 'upgrade']);
      expect(db.monitoringRole).toBeDefined();
      expect(db.monitoringRolePolicyAttachment).toBeDefined();
      expect(db.securityGroup.name).toBe('portfolio-dev-db');
    });
  });
});

describe('PostgresDatabase, prod sizes (seed 001 prod)', () => {
  const s = scenario(PROD);

  it('is a Multi-AZ db.t4g.small with 50 GiB gp3, autoscaling to 200 GiB, encrypted with the given key', () => {
    expect(s().t.resource('aws_db_instance', 'db/instance')).toMatchObject({
      identifier: 'portfolio-prod',
      instance_class: 'db.t4g.small',
      allocated_storage: 50,
      max_allocated_storage: 200,
      storage_type: 'gp3',
      multi_az: true,
      storage_encrypted: true,
      kms_key_id: KMS_KEY,
      manage_master_user_password: true,
      master_user_secret_kms_key_id: KMS_KEY,
      deletion_protection: true,
      final_snapshot_identifier: 'portfolio-prod-final',
      backup_retention_period: 7,
      tags: { tier: 'data', Name: 'portfolio-prod' },
    });
  });

  it('turns Performance Insights on with the free 7-day retention', () => {
    expect(s().t.resource('aws_db_instance', 'db/instance')).toMatchObject({
      performance_insights_enabled: true,
      performance_insights_retention_period: 7,
    });
  });

  it('exports three logs, each into its own log group kept 90 days with the given key', () => {
    const { t } = s();
    expect(t.resource('aws_db_instance', 'db/instance').enabled_cloudwatch_logs_exports).toEqual([
      'postgresql',
      'upgrade',
      'iam-db-auth-error',
    ]);
    expect(t.count('aws_cloudwatch_log_group')).toBe(3);
    for (const logType of ['postgresql', 'upgrade', 'iam-db-auth-error']) {
      expect(t.resource('aws_cloudwatch_log_group', `db/log-group-${logType}`)).toEqual({
        name: `/aws/rds/instance/portfolio-prod/${logType}`,
        retention_in_days: 90,
        kms_key_id: KMS_KEY,
        tags: { tier: 'data', Name: `portfolio-prod-${logType}-logs` },
      });
    }
    expect(t.resource('aws_db_instance', 'db/instance').depends_on).toHaveLength(4);
  });

  it('adds the caller parameters beside rds.force_ssl, with their apply methods', () => {
    expect(s().t.resource('aws_db_parameter_group', 'db/parameter-group').parameter).toEqual([
      { name: 'rds.force_ssl', value: '1', apply_method: 'immediate' },
      { name: 'log_min_duration_statement', value: '1000', apply_method: 'immediate' },
      { name: 'shared_preload_libraries', value: 'pg_stat_statements', apply_method: 'pending-reboot' },
    ]);
  });
});

describe('PostgresDatabase without accountId, on another engine major and port', () => {
  const s = scenario({
    ...DEV,
    accountId: undefined,
    engineVersion: '17',
    autoMinorVersionUpgrade: true,
    monitoringIntervalSeconds: 30,
    port: 5433,
    masterUsername: 'owner',
    caCertIdentifier: 'rds-ca-ecc384-g1',
    iamDatabaseAuthentication: false,
  });

  it('trusts RDS only for the account that owns the database security group', () => {
    const { t } = s();
    const [statement] = t.dataSource('aws_iam_policy_document', 'db/monitoring-assume-role').statement as Array<
      Record<string, unknown>
    >;
    expect(statement?.condition).toEqual([
      {
        test: 'StringEquals',
        variable: 'aws:SourceAccount',
        values: [t.ref('aws_security_group', 'db/security-group', 'owner_id')],
      },
    ]);
  });

  it('derives the postgres17 family and passes the other settings through', () => {
    const { t } = s();
    expect(t.resource('aws_db_parameter_group', 'db/parameter-group')).toMatchObject({
      name: 'portfolio-dev-postgres17',
      family: 'postgres17',
    });
    expect(t.resource('aws_db_instance', 'db/instance')).toMatchObject({
      engine_version: '17',
      auto_minor_version_upgrade: true,
      monitoring_interval: 30,
      port: 5433,
      username: 'owner',
      ca_cert_identifier: 'rds-ca-ecc384-g1',
      iam_database_authentication_enabled: false,
    });
  });
});

describe('PostgresDatabase with monitoring off and the weaker delete settings chosen explicitly', () => {
  const s = scenario({ ...DEV, monitoringIntervalSeconds: 0, skipFinalSnapshot: true, deletionProtection: false });

  it('creates no monitoring role, policy document or attachment', () => {
    const { t, db } = s();
    expect(t.count('aws_iam_role')).toBe(0);
    expect(t.count('aws_iam_role_policy_attachment')).toBe(0);
    expect(t.dataSources('aws_iam_policy_document')).toEqual({});
    expect(db.monitoringRole).toBeUndefined();
  });

  it('sets monitoring_interval 0 without a role, skips the final snapshot and allows deletion', () => {
    const instance = s().t.resource('aws_db_instance', 'db/instance');
    expect(instance).toMatchObject({ monitoring_interval: 0, skip_final_snapshot: true, deletion_protection: false });
    expect(instance).not.toHaveProperty('monitoring_role_arn');
    expect(instance).not.toHaveProperty('final_snapshot_identifier');
    expect(instance.depends_on).toHaveLength(2);
  });
});

describe('PostgresDatabase props validation', () => {
  const cases: Array<[string, Partial<PostgresDatabaseProps>, ExpectedIssue]> = [
    [
      'an identifier with uppercase and underscores',
      { identifier: 'Portfolio_Dev' },
      { path: 'identifier', value: 'Portfolio_Dev', message: /^must be 1 to 63 lowercase letters/ },
    ],
    [
      'an identifier of 64 characters',
      { identifier: `a${'b'.repeat(63)}` },
      { path: 'identifier', value: `a${'b'.repeat(63)}`, message: /^must be 1 to 63/ },
    ],
    [
      'an identifier with two hyphens in a row',
      { identifier: 'portfolio--dev' },
      { path: 'identifier', value: 'portfolio--dev', message: /single hyphens/ },
    ],
    [
      'a single subnet',
      { subnetIds: ['subnet-1'] },
      { path: 'subnetIds', value: ['subnet-1'], message: /^must list at least two subnets/ },
    ],
    [
      'a subnet listed twice',
      { subnetIds: ['subnet-1', 'subnet-1'] },
      { path: 'subnetIds[1]', value: 'subnet-1', message: /^is listed twice$/ },
    ],
    [
      'a database name starting with a digit',
      { databaseName: '1portfolio' },
      { path: 'databaseName', value: '1portfolio', message: /^must be a letter followed by/ },
    ],
    [
      'an engine version with a patch level',
      { engineVersion: '16.3.1' },
      { path: 'engineVersion', value: '16.3.1', message: /^must be major\.minor like 16\.3/ },
    ],
    [
      'PostgreSQL 9.6',
      { engineVersion: '9.6' },
      { path: 'engineVersion', value: '9.6', message: /\(PostgreSQL 11 or later\)$/ },
    ],
    [
      'an instance class without the db. prefix',
      { instanceClass: 't4g.micro' },
      { path: 'instanceClass', value: 't4g.micro', message: /^must be an RDS instance class/ },
    ],
    [
      'gp3 storage below 20 GiB',
      { allocatedStorageGiB: 10 },
      { path: 'allocatedStorageGiB', value: 10, message: /^must be a whole number of GiB from 20 to 65536 for gp3/ },
    ],
    [
      'a storage type the module does not offer',
      { storageType: 'io1' as never },
      { path: 'storageType', value: 'io1', message: /^must be one of gp3, gp2$/ },
    ],
    [
      'an autoscaling limit not above the allocated storage',
      { maxAllocatedStorageGiB: 20 },
      {
        path: 'maxAllocatedStorageGiB',
        value: 20,
        message: /^must be a whole number of GiB above allocatedStorageGiB \(20\)/,
      },
    ],
    [
      'the rdsadmin user name',
      { masterUsername: 'rdsadmin' },
      { path: 'masterUsername', value: 'rdsadmin', message: /^must not start with rds or pg_/ },
    ],
    [
      'a pg_ user name',
      { masterUsername: 'pg_owner' },
      { path: 'masterUsername', value: 'pg_owner', message: /^must not start with rds or pg_/ },
    ],
    [
      'a user name with a hyphen',
      { masterUsername: 'app-admin' },
      { path: 'masterUsername', value: 'app-admin', message: /^must be a letter followed by/ },
    ],
    [
      'no backups',
      { backupRetentionDays: 0 },
      { path: 'backupRetentionDays', value: 0, message: /^must be a whole number of days from 1 to 35$/ },
    ],
    [
      'backups kept 36 days',
      { backupRetentionDays: 36 },
      { path: 'backupRetentionDays', value: 36, message: /from 1 to 35/ },
    ],
    [
      'a malformed backup window',
      { backupWindow: '3:00-04:00' },
      { path: 'backupWindow', value: '3:00-04:00', message: /^must be hh:mm-hh:mm in UTC/ },
    ],
    [
      'a 15-minute backup window',
      { backupWindow: '03:00-03:15' },
      { path: 'backupWindow', value: '03:00-03:15', message: /^must last at least 30 minutes \(it lasts 15\)$/ },
    ],
    [
      'a maintenance window without the end day',
      { maintenanceWindow: 'mon:04:00-05:00' },
      { path: 'maintenanceWindow', value: 'mon:04:00-05:00', message: /^must be ddd:hh:mm-ddd:hh:mm in UTC/ },
    ],
    [
      'a maintenance window on an unknown day',
      { maintenanceWindow: 'xyz:04:00-xyz:05:00' },
      { path: 'maintenanceWindow', value: 'xyz:04:00-xyz:05:00', message: /with ddd one of mon, tue/ },
    ],
    [
      'a 20-minute maintenance window',
      { maintenanceWindow: 'mon:04:00-mon:04:20' },
      { path: 'maintenanceWindow', value: 'mon:04:00-mon:04:20', message: /^must last at least 30 minutes/ },
    ],
    [
      'a backup window overlapping the maintenance window',
      { backupWindow: '04:30-05:30' },
      {
        path: 'maintenanceWindow',
        value: 'mon:04:00-mon:05:00',
        message: /^overlaps backupWindow 04:30-05:30, which recurs daily$/,
      },
    ],
    [
      'windows overlapping across midnight',
      { backupWindow: '23:45-00:15', maintenanceWindow: 'tue:00:00-tue:00:30' },
      { path: 'maintenanceWindow', value: 'tue:00:00-tue:00:30', message: /^overlaps backupWindow 23:45-00:15/ },
    ],
    [
      'a monitoring interval RDS does not offer',
      { monitoringIntervalSeconds: 45 },
      { path: 'monitoringIntervalSeconds', value: 45, message: /^must be one of 0, 1, 5, 10, 15, 30, 60$/ },
    ],
    [
      'a log type PostgreSQL does not export',
      { cloudwatchLogsExports: ['postgresql', 'audit' as never] },
      {
        path: 'cloudwatchLogsExports[1]',
        value: 'audit',
        message: /^must be one of postgresql, upgrade, iam-db-auth-error$/,
      },
    ],
    [
      'a log type listed twice',
      { cloudwatchLogsExports: ['postgresql', 'postgresql'] },
      { path: 'cloudwatchLogsExports[1]', value: 'postgresql', message: /^is listed twice$/ },
    ],
    [
      'a log retention CloudWatch does not offer',
      { logRetentionInDays: 45 },
      { path: 'logRetentionInDays', value: 45, message: /^must be a CloudWatch Logs retention period/ },
    ],
    [
      'turning TLS enforcement off through parameters',
      { parameters: { 'rds.force_ssl': '0' } },
      { path: 'parameters.rds.force_ssl', value: '0', message: /^is set to 1 by the module/ },
    ],
    [
      'a parameter with a bad apply method',
      { parameters: { work_mem: { value: '8192', applyMethod: 'later' as never } } },
      { path: 'parameters.work_mem.applyMethod', value: 'later', message: /^must be immediate or pending-reboot$/ },
    ],
    [
      'an expired CA',
      { caCertIdentifier: 'rds-ca-2019' as never },
      { path: 'caCertIdentifier', value: 'rds-ca-2019', message: /^must be one of rds-ca-rsa2048-g1/ },
    ],
    [
      'a port below the RDS range',
      { port: 80 },
      { path: 'port', value: 80, message: /^must be a port from 1150 to 65535/ },
    ],
    [
      'a malformed account id',
      { accountId: '1234' },
      { path: 'accountId', value: '1234', message: /^must be a 12-digit AWS account id$/ },
    ],
    [
      'a KMS alias instead of a key ARN',
      { kmsKeyId: 'alias/rds' },
      { path: 'kmsKeyId', value: 'alias/rds', message: /^must be a KMS key ARN/ },
    ],
  ];

  /** Every bad construction goes into this one stack, so that synthesizing it shows none of them left a resource. */
  const bad = rejectsEachCase({
    subject: /^Invalid PostgresDatabase "invalid\/bad-\d+" props:\n {2}- /,
    cases,
    build: (stack, id, props) => new PostgresDatabase(stack, id, { ...DEV, ...props }),
    extra: {
      'two bad fields': (stack) =>
        new PostgresDatabase(stack, 'bad-twice', { ...DEV, allocatedStorageGiB: 10, monitoringIntervalSeconds: 45 }),
    },
  });

  it('reports every bad field in one error', () => {
    expect(issuePathsAndValues(bad.thrown.get('two bad fields'))).toEqual([
      ['allocatedStorageGiB', 10],
      ['monitoringIntervalSeconds', 45],
    ]);
  });

  it('adds no resource to the stack when construction throws', () => {
    const t = Template.fromStack(bad.stack());
    expect(t.json.resource).toBeUndefined();
    expect(t.json.data).toBeUndefined();
  });
});

describe('PostgresReadReplica of the prod database (seed 001 prod: "read replicas for database")', () => {
  let t: Template;
  let replica: PostgresReadReplica;
  let stack: TerraformStack;
  beforeAll(() => {
    stack = testStack();
    const db = databaseWithClient(stack, PROD);
    replica = new PostgresReadReplica(stack, 'replica', { source: db, tags: { tier: 'data' } });
    t = Template.fromStack(stack);
  });

  it('replicates the source in its subnets, behind its security group and TLS-only parameter group', () => {
    expect(t.count('aws_db_instance')).toBe(2);
    expect(t.resource('aws_db_instance', 'replica/instance')).toEqual({
      identifier: 'portfolio-prod-replica',
      replicate_source_db: t.ref('aws_db_instance', 'db/instance', 'identifier'),
      instance_class: 'db.t4g.small',
      storage_type: 'gp3',
      storage_encrypted: true,
      kms_key_id: KMS_KEY,
      port: 5432,
      multi_az: false,
      vpc_security_group_ids: [t.ref('aws_security_group', 'db/security-group')],
      parameter_group_name: t.ref('aws_db_parameter_group', 'db/parameter-group', 'name'),
      publicly_accessible: false,
      ca_cert_identifier: 'rds-ca-rsa2048-g1',
      iam_database_authentication_enabled: true,
      deletion_protection: true,
      backup_retention_period: 0,
      skip_final_snapshot: true,
      maintenance_window: 'mon:04:00-mon:05:00',
      auto_minor_version_upgrade: false,
      monitoring_interval: 60,
      monitoring_role_arn: t.ref('aws_iam_role', 'db/monitoring-role', 'arn'),
      enabled_cloudwatch_logs_exports: ['postgresql', 'upgrade', 'iam-db-auth-error'],
      performance_insights_enabled: false,
      tags: { tier: 'data', Name: 'portfolio-prod-replica' },
      depends_on: ['postgresql', 'upgrade', 'iam-db-auth-error'].map((log) =>
        t.address('aws_cloudwatch_log_group', `replica/log-group-${log}`),
      ),
    });
    // No engine, storage size, database or credentials of its own: the source's.
    for (const key of ['engine', 'engine_version', 'allocated_storage', 'db_name', 'username']) {
      expect(t.resource('aws_db_instance', 'replica/instance')[key]).toBeUndefined();
    }
  });

  it("exports the source's logs into log groups of its own, kept as long as the source's", () => {
    expect(t.resource('aws_cloudwatch_log_group', 'replica/log-group-postgresql')).toEqual({
      name: '/aws/rds/instance/portfolio-prod-replica/postgresql',
      retention_in_days: 90,
      tags: { tier: 'data', Name: 'portfolio-prod-replica-postgresql-logs' },
    });
  });

  it('lets in the clients of the source: it adds no security group or rule', () => {
    expect(t.count('aws_security_group')).toBe(2);
    expect(t.count('aws_vpc_security_group_ingress_rule')).toBe(1);
  });

  it('exposes its endpoint, address, identifier and the allocation it inherits', () => {
    expect(resolved(stack, replica.address)).toBe(t.ref('aws_db_instance', 'replica/instance', 'address'));
    expect(resolved(stack, replica.endpoint)).toBe(t.ref('aws_db_instance', 'replica/instance', 'endpoint'));
    expect(replica.instanceIdentifier).toBe('portfolio-prod-replica');
    expect(replica.allocatedStorageGiB).toBe(50);
  });
});

describe('PostgresReadReplica props', () => {
  it('takes its own identifier, class, Multi-AZ, monitoring, logs and window', () => {
    const stack = testStack();
    const db = databaseWithClient(stack, DEV);
    new PostgresReadReplica(stack, 'replica', {
      source: db,
      identifier: 'portfolio-dev-reads',
      instanceClass: 'db.t4g.medium',
      multiAz: true,
      maxAllocatedStorageGiB: 100,
      deletionProtection: false,
      monitoringIntervalSeconds: 0,
      cloudwatchLogsExports: ['postgresql'],
      logRetentionInDays: 7,
      performanceInsights: true,
      maintenanceWindow: 'tue:04:00-tue:05:00',
    });
    const t = Template.fromStack(stack);
    expect(t.resource('aws_db_instance', 'replica/instance')).toMatchObject({
      identifier: 'portfolio-dev-reads',
      instance_class: 'db.t4g.medium',
      multi_az: true,
      max_allocated_storage: 100,
      deletion_protection: false,
      monitoring_interval: 0,
      enabled_cloudwatch_logs_exports: ['postgresql'],
      performance_insights_enabled: true,
      performance_insights_retention_period: 7,
      maintenance_window: 'tue:04:00-tue:05:00',
    });
    expect(t.resource('aws_db_instance', 'replica/instance').monitoring_role_arn).toBeUndefined();
    expect(t.resource('aws_cloudwatch_log_group', 'replica/log-group-postgresql').retention_in_days).toBe(7);
    expect(t.count('aws_cloudwatch_log_group')).toBe(3);
  });

  const invalid = (props: Partial<PostgresReadReplicaProps>, sourceProps: PostgresDatabaseProps = DEV) => {
    const stack = testStack();
    const source = new PostgresDatabase(stack, 'db', sourceProps);
    return issuePathsAndValues(
      (() => {
        try {
          new PostgresReadReplica(stack, 'replica', { source, ...props });
        } catch (error) {
          return error;
        }
        return undefined;
      })(),
    );
  };

  it.each<[string, Partial<PostgresReadReplicaProps>, Array<[string, unknown]>]>([
    ['an identifier with an underscore', { identifier: 'reads_1' }, [['identifier', 'reads_1']]],
    ['an instance class without db.', { instanceClass: 't4g.small' }, [['instanceClass', 't4g.small']]],
    ['autoscaling storage below the allocation', { maxAllocatedStorageGiB: 20 }, [['maxAllocatedStorageGiB', 20]]],
    ['a 45-second monitoring interval', { monitoringIntervalSeconds: 45 }, [['monitoringIntervalSeconds', 45]]],
    [
      'an unknown log type, kept 8 days',
      { cloudwatchLogsExports: ['audit' as 'postgresql'], logRetentionInDays: 8 },
      [
        ['cloudwatchLogsExports[0]', 'audit'],
        ['logRetentionInDays', 8],
      ],
    ],
    [
      'a 15-minute maintenance window',
      { maintenanceWindow: 'mon:04:00-mon:04:15' },
      [['maintenanceWindow', 'mon:04:00-mon:04:15']],
    ],
  ])('rejects %s, naming the field', (_label, props, expected) => {
    expect(invalid(props)).toEqual(expected);
  });

  it('rejects monitoring on a replica of a source without Enhanced Monitoring (it would have no role)', () => {
    expect(invalid({ monitoringIntervalSeconds: 60 }, { ...DEV, monitoringIntervalSeconds: 0 })).toEqual([
      ['monitoringIntervalSeconds', 60],
    ]);
  });

  it('rejects a default identifier too long for RDS, saying it is the default', () => {
    const stack = testStack();
    const source = new PostgresDatabase(stack, 'db', { ...DEV, identifier: `p${'x'.repeat(56)}` });
    expect(() => new PostgresReadReplica(stack, 'replica', { source })).toThrow(
      /identifier: \(the default, <source identifier>-replica\) must be 1 to 63/,
    );
  });
});
