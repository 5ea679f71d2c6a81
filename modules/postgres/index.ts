/**
 * An RDS for PostgreSQL instance in private subnets: encrypted storage, a master password that RDS generates and keeps
 * in Secrets Manager (never in Terraform state), TLS forced by the parameter group, automated backups and a final
 * snapshot, deletion protection, Enhanced Monitoring with its own role, and the exported logs in CloudWatch log groups
 * this module creates with a retention (RDS would otherwise create them itself, kept forever).
 *
 * Its security group has no rules until a client is let in: `db.allowFrom(clientGroup, 'why')` adds the client's
 * egress and the database's ingress on the database port, naming each other's group.
 *
 * | scenario            | instanceClass | storage    | multiAz | what else changes                                  |
 * | ------------------- | ------------- | ---------- | ------- | -------------------------------------------------- |
 * | small dev database  | db.t4g.micro  | 20 GiB gp3 | false   | nothing: the defaults are the dev sizes            |
 * | production database | db.t4g.small  | 50 GiB gp3 | true    | maxAllocatedStorageGiB if storage should autoscale |
 * | with read replicas  | (as above)    | (source's) | —       | `new PostgresReadReplica(scope, id, { source })`   |
 *
 * `PostgresReadReplica` is an in-region read replica of a `PostgresDatabase`: it shares the source's security group
 * (every client let into the source reaches the replica on the same port), subnet group (RDS places an in-region
 * replica in its source's), TLS-only parameter group and monitoring role, exports the same logs into log groups of its own, keeps no backups of its own and is deleted
 * without a final snapshot (the source has both).
 *
 * Defaults worth knowing:
 * - `autoMinorVersionUpgrade` is false because `engineVersion` pins a minor version (16.3): if RDS upgraded the minor
 *   version on its own, the next plan would try to go back to 16.3 and fail. Bump `engineVersion` deliberately, or
 *   give a major version only (`'16'`) and turn automatic minor upgrades on.
 * - `performanceInsights` is false. RDS for PostgreSQL supports it on db.t4g.micro (the micro/small restriction is
 *   MySQL's and MariaDB's) and 7 days are free, but it is off unless asked for, and AWS is folding it into CloudWatch
 *   Database Insights; turning it on keeps the free 7-day retention.
 * - The final snapshot is named `<identifier>-final`: destroying a re-created instance with the same identifier fails
 *   while an old snapshot of that name exists, so delete or rename it first.
 */
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { DbParameterGroup } from '@cdktf/provider-aws/lib/db-parameter-group';
import { DbSubnetGroup } from '@cdktf/provider-aws/lib/db-subnet-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { allowTraffic, SecurityGroup } from '../core/security-group';
import { assertNoIssues, checkLogRetention, joinPath, type ValidationIssue } from '../core/validation';
import { checkKmsKeyArn, isAwsDataIdentifier, isIntegerIn } from '../core/checks';
import { checkDailyWindow, checkWeeklyWindow, checkWindowsDoNotOverlap } from '../core/time-windows';

/** Log types RDS for PostgreSQL can export to CloudWatch Logs. */
export const POSTGRES_LOG_TYPES = ['postgresql', 'upgrade', 'iam-db-auth-error'] as const;
export type PostgresLogType = (typeof POSTGRES_LOG_TYPES)[number];

/** Enhanced Monitoring intervals RDS accepts, in seconds; 0 turns Enhanced Monitoring off. */
export const MONITORING_INTERVALS = [0, 1, 5, 10, 15, 30, 60] as const;

/** Certificate authorities RDS currently offers for the server certificate. */
export const RDS_CA_CERTIFICATES = ['rds-ca-rsa2048-g1', 'rds-ca-rsa4096-g1', 'rds-ca-ecc384-g1'] as const;

/** Storage types this module offers; io1/io2 need provisioned IOPS, which it does not expose. */
export const POSTGRES_STORAGE_TYPES = ['gp3', 'gp2'] as const;
export type PostgresStorageType = (typeof POSTGRES_STORAGE_TYPES)[number];

/** The managed policy Enhanced Monitoring needs (writes to the `RDSOSMetrics` log group). */
export const ENHANCED_MONITORING_POLICY = 'iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole';

const MIN_STORAGE_GIB = 20;
const MAX_STORAGE_GIB = 65536;
/** RDS asks for at least 30 minutes for both the backup and the maintenance window. */
const MIN_WINDOW_MINUTES = 30;
/** Role names `rds`… and `pg_`… belong to RDS and PostgreSQL. */
const RESERVED_USERNAMES = ['public', 'none', 'current_user', 'current_role', 'session_user', 'user'];

/** A parameter with its apply method; static parameters need `pending-reboot`. */
export interface PostgresParameter {
  /** The value, as RDS takes it (a string). Required. */
  readonly value: string;
  /** `immediate` (dynamic parameters) or `pending-reboot` (static ones). Default: `immediate`. */
  readonly applyMethod?: 'immediate' | 'pending-reboot';
}

export interface PostgresDatabaseProps {
  /** DB instance identifier: lowercase letters, digits and single hyphens, starting with a letter, ≤ 63. Required. */
  readonly identifier: string;
  /** VPC of the database's security group. Required. */
  readonly vpcId: string;
  /** Private subnets of the DB subnet group, at least two; covering two AZs is the caller's job. Required. */
  readonly subnetIds: readonly string[];
  /** Name of the database created on the instance: a letter, then letters, digits, `_`; ≤ 63. Required. */
  readonly databaseName: string;
  /**
   * PostgreSQL version, `major.minor` (pinned) or `major`; the parameter group family follows the major.
   * Default: `16.3`.
   */
  readonly engineVersion?: string;
  /** Instance class. Default: `db.t4g.micro`. */
  readonly instanceClass?: string;
  /** Allocated storage in GiB, 20 to 65536. Default: 20. */
  readonly allocatedStorageGiB?: number;
  /** Storage type, `gp3` or `gp2`. Default: `gp3`. */
  readonly storageType?: PostgresStorageType;
  /** Upper limit for storage autoscaling in GiB, above allocatedStorageGiB. Default: none (no storage autoscaling). */
  readonly maxAllocatedStorageGiB?: number;
  /** A standby in another AZ with automatic failover. Default: false. */
  readonly multiAz?: boolean;
  /**
   * Master user name: a letter, then letters, digits, `_`; ≤ 63; not `rds…`, `pg_…` or a role keyword such as `public`.
   * Default: `app_admin`.
   */
  readonly masterUsername?: string;
  /**
   * KMS key (ARN or id) for the Secrets Manager secret holding the master password, which RDS always manages
   * (`manage_master_user_password`); there is no password prop. Default: none (the `aws/secretsmanager` key).
   */
  readonly masterUserSecretKmsKeyId?: string;
  /** KMS key ARN for storage encryption, which is always on. Default: none (the `aws/rds` key). */
  readonly kmsKeyId?: string;
  /** Refuse to delete the instance. Default: true. */
  readonly deletionProtection?: boolean;
  /** Delete without the final snapshot `<identifier>-final`: the weaker, explicit choice. Default: false. */
  readonly skipFinalSnapshot?: boolean;
  /** Days automated backups are kept, 1 to 35. Default: 7. */
  readonly backupRetentionDays?: number;
  /**
   * Daily backup window, `hh:mm-hh:mm` UTC, ≥ 30 minutes, not overlapping maintenanceWindow on any day.
   * Default: `03:00-04:00`.
   */
  readonly backupWindow?: string;
  /** Weekly maintenance window, `ddd:hh:mm-ddd:hh:mm` UTC, ≥ 30 minutes. Default: `mon:04:00-mon:05:00`. */
  readonly maintenanceWindow?: string;
  /** Enhanced Monitoring interval in seconds: 0 (off), 1, 5, 10, 15, 30 or 60. Default: 60. */
  readonly monitoringIntervalSeconds?: number;
  /**
   * Logs exported to CloudWatch Logs: `postgresql`, `upgrade`, `iam-db-auth-error`.
   * Default: `['postgresql', 'upgrade']`.
   */
  readonly cloudwatchLogsExports?: readonly PostgresLogType[];
  /** Retention of the exported logs' groups `/aws/rds/instance/<identifier>/<log>`, in days. Default: 30. */
  readonly logRetentionInDays?: number;
  /** KMS key ARN for those log groups. Default: none (CloudWatch Logs' own encryption at rest). */
  readonly logKmsKeyArn?: string;
  /**
   * Parameters of the instance's parameter group, beside `rds.force_ssl = 1`, which the module always sets and which
   * cannot be overridden. A string value is applied `immediate`. Default: none.
   */
  readonly parameters?: Readonly<Record<string, string | PostgresParameter>>;
  /** IAM database authentication. Default: true. */
  readonly iamDatabaseAuthentication?: boolean;
  /** Performance Insights with the free 7-day retention (see the module comment). Default: false. */
  readonly performanceInsights?: boolean;
  /** Let RDS apply minor engine upgrades (see the module comment). Default: false. */
  readonly autoMinorVersionUpgrade?: boolean;
  /** Certificate authority of the server certificate. Default: `rds-ca-rsa2048-g1`. */
  readonly caCertIdentifier?: (typeof RDS_CA_CERTIFICATES)[number];
  /** Port the database listens on, 1150 to 65535. Default: 5432. */
  readonly port?: number;
  /**
   * Account id for the monitoring role's `aws:SourceAccount` trust condition. Default: the owner of the database's
   * security group (known at apply time), so the role trusts RDS only on behalf of this account either way.
   */
  readonly accountId?: string;
  /** AWS partition of the managed policy ARN. Default: `aws`. */
  readonly partition?: string;
  /** Tags on every resource of the module, beside the provider's default tags. Default: none. */
  readonly tags?: Readonly<Record<string, string>>;
}

export class PostgresDatabase extends Construct {
  readonly instance: DbInstance;
  /** The instance identifier, e.g. for the `DBInstanceIdentifier` CloudWatch dimension. */
  readonly instanceIdentifier: string;
  readonly instanceArn: string;
  /** `host:port`. */
  readonly endpoint: string;
  /** The host name clients connect to. */
  readonly address: string;
  readonly port: number;
  readonly databaseName: string;
  readonly masterUsername: string;
  /** ARN of the Secrets Manager secret RDS keeps the master credentials in (`master_user_secret[0].secret_arn`). */
  readonly masterUserSecretArn: string;
  readonly securityGroup: SecurityGroup;
  readonly subnetGroup: DbSubnetGroup;
  readonly parameterGroup: DbParameterGroup;
  /** Present when Enhanced Monitoring is on (monitoringIntervalSeconds > 0). */
  readonly monitoringRole?: IamRole;
  readonly monitoringRolePolicyAttachment?: IamRolePolicyAttachment;
  /** One log group per exported log type. */
  readonly logGroups: Readonly<Partial<Record<PostgresLogType, CloudwatchLogGroup>>>;
  /** Every prop with its default applied (what a read replica takes from its source). */
  readonly settings: PostgresSettings;
  /** The storage KMS key given, if any. */
  readonly kmsKeyId?: string;

  constructor(scope: Construct, id: string, props: PostgresDatabaseProps) {
    super(scope, id);
    const settings = resolvePostgresSettings(props);
    assertNoIssues(`PostgresDatabase "${this.node.path}" props`, validatePostgresDatabaseProps(props, settings));
    this.settings = settings;
    this.kmsKeyId = props.kmsKeyId;

    const identifier = props.identifier;
    const tagged = (suffix: string) => ({ ...props.tags, Name: `${identifier}-${suffix}` });
    this.instanceIdentifier = identifier;
    this.port = settings.port;
    this.databaseName = props.databaseName;
    this.masterUsername = settings.masterUsername;

    this.securityGroup = new SecurityGroup(this, 'security-group', {
      name: `${identifier}-db`,
      description: `PostgreSQL ${identifier}: ingress only from the clients let in`,
      vpcId: props.vpcId,
      tags: props.tags,
    });

    this.subnetGroup = new DbSubnetGroup(this, 'subnet-group', {
      name: identifier,
      description: `Private subnets of PostgreSQL ${identifier}`,
      subnetIds: [...props.subnetIds],
      tags: tagged('subnets'),
    });

    const major = engineMajor(settings.engineVersion);
    const family = `postgres${major}`;
    this.parameterGroup = new DbParameterGroup(this, 'parameter-group', {
      // The family is in the name so that a major upgrade creates the new group before the old one goes.
      name: `${identifier}-${family}`,
      family,
      description: `PostgreSQL ${identifier} (${family}): TLS only`,
      parameter: [
        { name: 'rds.force_ssl', value: '1', applyMethod: 'immediate' },
        ...Object.entries(props.parameters ?? {}).map(([name, parameter]) =>
          typeof parameter === 'string'
            ? { name, value: parameter, applyMethod: 'immediate' }
            : { name, value: parameter.value, applyMethod: parameter.applyMethod ?? 'immediate' },
        ),
      ],
      tags: tagged(family),
      lifecycle: { createBeforeDestroy: true },
    });

    this.logGroups = createLogGroups(this, identifier, settings.cloudwatchLogsExports, {
      retentionInDays: settings.logRetentionInDays,
      kmsKeyArn: props.logKmsKeyArn,
      tags: props.tags,
    });
    const logGroupList = Object.values(this.logGroups);

    if (settings.monitoringIntervalSeconds > 0) {
      const assumeRole = new DataAwsIamPolicyDocument(this, 'monitoring-assume-role', {
        statement: [
          {
            effect: 'Allow',
            actions: ['sts:AssumeRole'],
            principals: [{ type: 'Service', identifiers: ['monitoring.rds.amazonaws.com'] }],
            // Confused-deputy guard: RDS may use the role only on behalf of this account.
            condition: [
              {
                test: 'StringEquals',
                variable: 'aws:SourceAccount',
                values: [props.accountId ?? this.securityGroup.securityGroup.ownerId],
              },
            ],
          },
        ],
      });
      this.monitoringRole = new IamRole(this, 'monitoring-role', {
        namePrefix: truncate(`${identifier}-rds-monitoring-`, 38),
        description: `Enhanced Monitoring of PostgreSQL ${identifier}`,
        assumeRolePolicy: assumeRole.json,
        tags: tagged('monitoring'),
      });
      this.monitoringRolePolicyAttachment = new IamRolePolicyAttachment(this, 'monitoring-role-policy', {
        role: this.monitoringRole.name,
        policyArn: `arn:${settings.partition}:${ENHANCED_MONITORING_POLICY}`,
      });
    }

    this.instance = new DbInstance(this, 'instance', {
      identifier,
      engine: 'postgres',
      engineVersion: settings.engineVersion,
      instanceClass: settings.instanceClass,
      allocatedStorage: settings.allocatedStorageGiB,
      maxAllocatedStorage: props.maxAllocatedStorageGiB,
      storageType: settings.storageType,
      storageEncrypted: true,
      kmsKeyId: props.kmsKeyId,
      dbName: props.databaseName,
      username: settings.masterUsername,
      manageMasterUserPassword: true,
      masterUserSecretKmsKeyId: props.masterUserSecretKmsKeyId,
      port: settings.port,
      multiAz: settings.multiAz,
      dbSubnetGroupName: this.subnetGroup.name,
      vpcSecurityGroupIds: [this.securityGroup.securityGroupId],
      parameterGroupName: this.parameterGroup.name,
      publiclyAccessible: false,
      caCertIdentifier: settings.caCertIdentifier,
      iamDatabaseAuthenticationEnabled: settings.iamDatabaseAuthentication,
      deletionProtection: settings.deletionProtection,
      skipFinalSnapshot: settings.skipFinalSnapshot,
      finalSnapshotIdentifier: settings.skipFinalSnapshot ? undefined : `${identifier}-final`,
      copyTagsToSnapshot: true,
      backupRetentionPeriod: settings.backupRetentionDays,
      backupWindow: settings.backupWindow,
      maintenanceWindow: settings.maintenanceWindow.toLowerCase(),
      autoMinorVersionUpgrade: settings.autoMinorVersionUpgrade,
      monitoringInterval: settings.monitoringIntervalSeconds,
      monitoringRoleArn: this.monitoringRole?.arn,
      enabledCloudwatchLogsExports: [...settings.cloudwatchLogsExports],
      performanceInsightsEnabled: settings.performanceInsights,
      performanceInsightsRetentionPeriod: settings.performanceInsights ? 7 : undefined,
      tags: { ...props.tags, Name: identifier },
      // Log groups before RDS creates its own without a retention; the role's policy before monitoring starts.
      dependsOn: [
        ...logGroupList,
        ...(this.monitoringRolePolicyAttachment ? [this.monitoringRolePolicyAttachment] : []),
      ],
    });
    this.instanceArn = this.instance.arn;
    this.endpoint = this.instance.endpoint;
    this.address = this.instance.address;
    this.masterUserSecretArn = this.instance.masterUserSecret.get(0).secretArn;
  }

  /** Lets `client` connect to the database port: egress on the client's group, ingress on the database's. */
  allowFrom(client: SecurityGroup, description: string): void {
    allowTraffic(client, this.securityGroup, { port: this.port, description });
  }
}

/**
 * One log group per exported log type, named as RDS writes them (`/aws/rds/instance/<identifier>/<log>`): creating it
 * before the instance is what gives it a retention.
 */
function createLogGroups(
  scope: Construct,
  identifier: string,
  logTypes: readonly PostgresLogType[],
  options: { retentionInDays: number; kmsKeyArn?: string; tags?: Readonly<Record<string, string>> },
): Partial<Record<PostgresLogType, CloudwatchLogGroup>> {
  const logGroups: Partial<Record<PostgresLogType, CloudwatchLogGroup>> = {};
  for (const logType of logTypes) {
    logGroups[logType] = new CloudwatchLogGroup(scope, `log-group-${logType}`, {
      name: `/aws/rds/instance/${identifier}/${logType}`,
      retentionInDays: options.retentionInDays,
      kmsKeyId: options.kmsKeyArn,
      tags: { ...options.tags, Name: `${identifier}-${logType}-logs` },
    });
  }
  return logGroups;
}

export type PostgresSettings = ReturnType<typeof resolvePostgresSettings>;

/** Every prop with its default applied. */
export function resolvePostgresSettings(props: PostgresDatabaseProps) {
  return {
    engineVersion: props.engineVersion ?? '16.3',
    instanceClass: props.instanceClass ?? 'db.t4g.micro',
    allocatedStorageGiB: props.allocatedStorageGiB ?? 20,
    storageType: props.storageType ?? 'gp3',
    multiAz: props.multiAz ?? false,
    masterUsername: props.masterUsername ?? 'app_admin',
    deletionProtection: props.deletionProtection ?? true,
    skipFinalSnapshot: props.skipFinalSnapshot ?? false,
    backupRetentionDays: props.backupRetentionDays ?? 7,
    backupWindow: props.backupWindow ?? '03:00-04:00',
    maintenanceWindow: props.maintenanceWindow ?? 'mon:04:00-mon:05:00',
    monitoringIntervalSeconds: props.monitoringIntervalSeconds ?? 60,
    cloudwatchLogsExports: props.cloudwatchLogsExports ?? (['postgresql', 'upgrade'] as const),
    logRetentionInDays: props.logRetentionInDays ?? 30,
    iamDatabaseAuthentication: props.iamDatabaseAuthentication ?? true,
    performanceInsights: props.performanceInsights ?? false,
    autoMinorVersionUpgrade: props.autoMinorVersionUpgrade ?? false,
    caCertIdentifier: props.caCertIdentifier ?? 'rds-ca-rsa2048-g1',
    port: props.port ?? 5432,
    partition: props.partition ?? 'aws',
  };
}

/** DB instance identifier: lowercase letters, digits and single hyphens, starting with a letter, ≤ 63. */
export function checkPostgresIdentifier(path: string, identifier: string): ValidationIssue[] {
  if (isAwsDataIdentifier(identifier, 63)) return [];
  const message =
    'must be 1 to 63 lowercase letters, digits and single hyphens, starting with a letter, not ending with a hyphen';
  return [{ path, value: identifier, message }];
}

/** The DB subnet group's subnets: at least two (it spans two AZs), none twice. A list token is not checked. */
export function checkPostgresSubnets(path: string, subnetIds: readonly string[]): ValidationIssue[] {
  if (Token.isUnresolved(subnetIds)) return [];
  const issues: ValidationIssue[] = [];
  if (subnetIds.length < 2) {
    const message = 'must list at least two subnets (a DB subnet group spans two AZs)';
    issues.push({ path, value: subnetIds, message });
  }
  subnetIds.forEach((subnetId, index) => {
    if (subnetIds.indexOf(subnetId) !== index) {
      issues.push({ path: joinPath(path, index), value: subnetId, message: 'is listed twice' });
    }
  });
  return issues;
}

/** Name of the database created on the instance: a letter, then letters, digits, `_`; ≤ 63. */
export function checkPostgresDatabaseName(path: string, name: string): ValidationIssue[] {
  if (/^[A-Za-z][A-Za-z0-9_]{0,62}$/.test(name)) return [];
  return [{ path, value: name, message: 'must be a letter followed by letters, digits or underscores, ≤ 63' }];
}

/** `major.minor` or `major`, PostgreSQL 11 or later. */
export function checkPostgresEngineVersion(path: string, version: string): ValidationIssue[] {
  const match = /^(\d+)(\.\d+)?$/.exec(version);
  if (match && Number(match[1]) >= 11) return [];
  const message = 'must be major.minor like 16.3, or a major version like 16 (PostgreSQL 11 or later)';
  return [{ path, value: version, message }];
}

export function checkPostgresInstanceClass(path: string, instanceClass: string): ValidationIssue[] {
  if (/^db\.[a-z0-9]+\.[a-z0-9]+$/.test(instanceClass)) return [];
  return [{ path, value: instanceClass, message: 'must be an RDS instance class like db.t4g.micro' }];
}

/** One of {@link POSTGRES_STORAGE_TYPES}. */
export function checkPostgresStorageType(path: string, storageType: string): ValidationIssue[] {
  if ((POSTGRES_STORAGE_TYPES as readonly string[]).includes(storageType)) return [];
  return [{ path, value: storageType, message: `must be one of ${POSTGRES_STORAGE_TYPES.join(', ')}` }];
}

/** Allocated storage: a whole number of GiB from 20 to 65536. */
export function checkPostgresAllocatedStorage(path: string, gib: number, storageType: string): ValidationIssue[] {
  if (isIntegerIn(gib, MIN_STORAGE_GIB, MAX_STORAGE_GIB)) return [];
  const range = `from ${MIN_STORAGE_GIB} to ${MAX_STORAGE_GIB}`;
  return [{ path, value: gib, message: `must be a whole number of GiB ${range} for ${storageType} storage` }];
}

/** Days automated backups are kept: 1 to 35. */
export function checkPostgresBackupRetention(path: string, days: number): ValidationIssue[] {
  if (isIntegerIn(days, 1, 35)) return [];
  return [{ path, value: days, message: 'must be a whole number of days from 1 to 35' }];
}

/**
 * The daily backup window and the weekly maintenance window: each well formed and at least 30 minutes long, and not
 * overlapping on any day.
 */
export function checkPostgresWindows(
  backup: { readonly path: string; readonly value: string },
  maintenance: { readonly path: string; readonly value: string },
): ValidationIssue[] {
  return [
    ...checkDailyWindow(backup.path, backup.value, MIN_WINDOW_MINUTES),
    ...checkWeeklyWindow(maintenance.path, maintenance.value, MIN_WINDOW_MINUTES),
    ...checkWindowsDoNotOverlap(backup, maintenance),
  ];
}

/** One of {@link MONITORING_INTERVALS}. */
export function checkMonitoringInterval(path: string, seconds: number): ValidationIssue[] {
  if ((MONITORING_INTERVALS as readonly number[]).includes(seconds)) return [];
  return [{ path, value: seconds, message: `must be one of ${MONITORING_INTERVALS.join(', ')}` }];
}

/** Exported log types: each one of {@link POSTGRES_LOG_TYPES}, none twice. */
export function checkPostgresLogExports(path: string, logTypes: readonly string[]): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  logTypes.forEach((logType, index) => {
    const at = joinPath(path, index);
    if (!(POSTGRES_LOG_TYPES as readonly string[]).includes(logType)) {
      issues.push({ path: at, value: logType, message: `must be one of ${POSTGRES_LOG_TYPES.join(', ')}` });
    } else if (logTypes.indexOf(logType) !== index) {
      issues.push({ path: at, value: logType, message: 'is listed twice' });
    }
  });
  return issues;
}

/** The port the database listens on: 1150 to 65535, the range RDS allows. */
export function checkPostgresPort(path: string, port: number): ValidationIssue[] {
  if (isIntegerIn(port, 1150, 65535)) return [];
  return [{ path, value: port, message: 'must be a port from 1150 to 65535 (the range RDS allows)' }];
}

/** Every rule the constructor enforces, as a pure function so tests (and callers) can ask without building. */
export function validatePostgresDatabaseProps(
  props: PostgresDatabaseProps,
  settings = resolvePostgresSettings(props),
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const fail = (path: string, value: unknown, message: string) => issues.push({ path, value, message });

  issues.push(...checkPostgresIdentifier('identifier', props.identifier));
  issues.push(...checkPostgresSubnets('subnetIds', props.subnetIds));
  issues.push(...checkPostgresDatabaseName('databaseName', props.databaseName));
  issues.push(...checkPostgresEngineVersion('engineVersion', settings.engineVersion));
  issues.push(...checkPostgresInstanceClass('instanceClass', settings.instanceClass));
  issues.push(...checkPostgresStorageType('storageType', settings.storageType));
  issues.push(
    ...checkPostgresAllocatedStorage('allocatedStorageGiB', settings.allocatedStorageGiB, settings.storageType),
  );
  const max = props.maxAllocatedStorageGiB;
  if (max !== undefined && !isIntegerIn(max, settings.allocatedStorageGiB + 1, MAX_STORAGE_GIB)) {
    const above = `above allocatedStorageGiB (${settings.allocatedStorageGiB})`;
    fail('maxAllocatedStorageGiB', max, `must be a whole number of GiB ${above} and at most ${MAX_STORAGE_GIB}`);
  }
  const username = settings.masterUsername;
  if (!/^[A-Za-z][A-Za-z0-9_]{0,62}$/.test(username)) {
    fail('masterUsername', username, 'must be a letter followed by letters, digits or underscores, ≤ 63');
  } else if (/^(rds|pg_)/i.test(username) || RESERVED_USERNAMES.includes(username.toLowerCase())) {
    fail('masterUsername', username, `must not start with rds or pg_ nor be one of ${RESERVED_USERNAMES.join(', ')}`);
  }
  issues.push(...checkPostgresBackupRetention('backupRetentionDays', settings.backupRetentionDays));
  issues.push(
    ...checkPostgresWindows(
      { path: 'backupWindow', value: settings.backupWindow },
      { path: 'maintenanceWindow', value: settings.maintenanceWindow },
    ),
  );
  issues.push(...checkMonitoringInterval('monitoringIntervalSeconds', settings.monitoringIntervalSeconds));
  issues.push(...checkPostgresLogExports('cloudwatchLogsExports', settings.cloudwatchLogsExports));
  issues.push(...checkLogRetention('logRetentionInDays', settings.logRetentionInDays));
  for (const [name, parameter] of Object.entries(props.parameters ?? {})) {
    const path = joinPath('parameters', name);
    if (name === 'rds.force_ssl') {
      fail(path, parameter, 'is set to 1 by the module (TLS is always required) and cannot be overridden');
    } else if (!/^[A-Za-z0-9_.]+$/.test(name)) {
      fail(path, parameter, 'must be named with letters, digits, `_` and `.` (a PostgreSQL or rds.* parameter)');
    }
    const value = typeof parameter === 'string' ? parameter : parameter?.value;
    if (typeof value !== 'string') fail(path, parameter, 'must be a string value or { value, applyMethod }');
    const applyMethod = typeof parameter === 'string' ? 'immediate' : parameter?.applyMethod;
    if (applyMethod !== undefined && applyMethod !== 'immediate' && applyMethod !== 'pending-reboot') {
      fail(`${path}.applyMethod`, applyMethod, 'must be immediate or pending-reboot');
    }
  }
  if (!(RDS_CA_CERTIFICATES as readonly string[]).includes(settings.caCertIdentifier)) {
    fail('caCertIdentifier', settings.caCertIdentifier, `must be one of ${RDS_CA_CERTIFICATES.join(', ')}`);
  }
  issues.push(...checkPostgresPort('port', settings.port));
  if (props.accountId !== undefined && !Token.isUnresolved(props.accountId) && !/^\d{12}$/.test(props.accountId)) {
    fail('accountId', props.accountId, 'must be a 12-digit AWS account id');
  }
  issues.push(...checkKmsKeyArn('kmsKeyId', props.kmsKeyId), ...checkKmsKeyArn('logKmsKeyArn', props.logKmsKeyArn));
  return issues;
}

/** `16.3` → 16. */
function engineMajor(version: string): number {
  return Number(version.split('.')[0]);
}

function truncate(value: string, length: number): string {
  return value.length > length ? value.slice(0, length) : value;
}

// --- read replica ---

export interface PostgresReadReplicaProps {
  /** The database it replicates (in the same region). Required. */
  readonly source: PostgresDatabase;
  /** DB instance identifier, as for the source. Default: `<source identifier>-replica`. */
  readonly identifier?: string;
  /** Instance class. Default: the source's. */
  readonly instanceClass?: string;
  /** A standby of the replica in another AZ. Default: false (the replica is the spare read capacity). */
  readonly multiAz?: boolean;
  /** Upper limit for storage autoscaling in GiB, above the source's allocation. Default: none. */
  readonly maxAllocatedStorageGiB?: number;
  /** Refuse to delete the replica. Default: true. */
  readonly deletionProtection?: boolean;
  /**
   * Enhanced Monitoring interval: 0 or one of the source's intervals; above 0 it uses the source's monitoring role, so
   * the source must have Enhanced Monitoring on. Default: the source's interval.
   */
  readonly monitoringIntervalSeconds?: number;
  /** Logs exported to CloudWatch Logs. Default: the source's. */
  readonly cloudwatchLogsExports?: readonly PostgresLogType[];
  /** Retention of the replica's log groups `/aws/rds/instance/<identifier>/<log>`. Default: the source's. */
  readonly logRetentionInDays?: number;
  /** KMS key ARN for those log groups. Default: none (CloudWatch Logs' own encryption at rest). */
  readonly logKmsKeyArn?: string;
  /** Performance Insights with the free 7-day retention. Default: false. */
  readonly performanceInsights?: boolean;
  /** Weekly maintenance window, `ddd:hh:mm-ddd:hh:mm` UTC, ≥ 30 minutes. Default: the source's. */
  readonly maintenanceWindow?: string;
  /** Tags on every resource of the replica, beside the provider's default tags. Default: none. */
  readonly tags?: Readonly<Record<string, string>>;
}

export class PostgresReadReplica extends Construct {
  readonly instance: DbInstance;
  /** The replica's identifier, e.g. for the `DBInstanceIdentifier` CloudWatch dimension. */
  readonly instanceIdentifier: string;
  readonly instanceArn: string;
  /** `host:port`. */
  readonly endpoint: string;
  /** The host name read-only clients connect to. */
  readonly address: string;
  readonly port: number;
  /** The replica's storage: the source's allocation (for a free-storage alarm). */
  readonly allocatedStorageGiB: number;
  readonly logGroups: Readonly<Partial<Record<PostgresLogType, CloudwatchLogGroup>>>;

  constructor(scope: Construct, id: string, props: PostgresReadReplicaProps) {
    super(scope, id);
    assertNoIssues(`PostgresReadReplica "${this.node.path}" props`, validatePostgresReadReplicaProps(props));
    const source = props.source;
    const settings = source.settings;
    const identifier = props.identifier ?? `${source.instanceIdentifier}-replica`;
    const monitoringInterval = props.monitoringIntervalSeconds ?? settings.monitoringIntervalSeconds;
    const logTypes = props.cloudwatchLogsExports ?? settings.cloudwatchLogsExports;
    this.instanceIdentifier = identifier;
    this.port = source.port;
    this.allocatedStorageGiB = settings.allocatedStorageGiB;

    this.logGroups = createLogGroups(this, identifier, logTypes, {
      retentionInDays: props.logRetentionInDays ?? settings.logRetentionInDays,
      kmsKeyArn: props.logKmsKeyArn,
      tags: props.tags,
    });
    const performanceInsights = props.performanceInsights ?? false;
    this.instance = new DbInstance(this, 'instance', {
      identifier,
      // Engine, version, storage, database and credentials come from the source.
      replicateSourceDb: source.instance.identifier,
      instanceClass: props.instanceClass ?? settings.instanceClass,
      storageType: settings.storageType,
      maxAllocatedStorage: props.maxAllocatedStorageGiB,
      storageEncrypted: true,
      kmsKeyId: source.kmsKeyId,
      port: source.port,
      multiAz: props.multiAz ?? false,
      // No db_subnet_group_name: an in-region replica is placed in its source's subnet group (and the provider takes
      // a subnet group only with the source given by ARN, the cross-region form).
      vpcSecurityGroupIds: [source.securityGroup.securityGroupId],
      parameterGroupName: source.parameterGroup.name,
      publiclyAccessible: false,
      caCertIdentifier: settings.caCertIdentifier,
      iamDatabaseAuthenticationEnabled: settings.iamDatabaseAuthentication,
      deletionProtection: props.deletionProtection ?? true,
      // The source keeps the backups and takes the final snapshot; RDS takes none of a replica.
      backupRetentionPeriod: 0,
      skipFinalSnapshot: true,
      maintenanceWindow: (props.maintenanceWindow ?? settings.maintenanceWindow).toLowerCase(),
      autoMinorVersionUpgrade: false,
      monitoringInterval,
      monitoringRoleArn: monitoringInterval > 0 ? source.monitoringRole?.arn : undefined,
      enabledCloudwatchLogsExports: [...logTypes],
      performanceInsightsEnabled: performanceInsights,
      performanceInsightsRetentionPeriod: performanceInsights ? 7 : undefined,
      tags: { ...props.tags, Name: identifier },
      dependsOn: Object.values(this.logGroups),
    });
    this.instanceArn = this.instance.arn;
    this.endpoint = this.instance.endpoint;
    this.address = this.instance.address;
  }
}

/** Every rule the replica's constructor enforces. */
export function validatePostgresReadReplicaProps(props: PostgresReadReplicaProps): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const source = props.source;
  if (!(source instanceof PostgresDatabase)) {
    return [{ path: 'source', value: source, message: 'must be a PostgresDatabase (the replica is of it)' }];
  }
  const settings = source.settings;
  if (props.identifier !== undefined) issues.push(...checkPostgresIdentifier('identifier', props.identifier));
  else {
    const derived = `${source.instanceIdentifier}-replica`;
    issues.push(
      ...checkPostgresIdentifier('identifier', derived).map((issue) => ({
        ...issue,
        message: `(the default, <source identifier>-replica) ${issue.message}`,
      })),
    );
  }
  if (props.instanceClass !== undefined)
    issues.push(...checkPostgresInstanceClass('instanceClass', props.instanceClass));
  const max = props.maxAllocatedStorageGiB;
  if (max !== undefined && !isIntegerIn(max, settings.allocatedStorageGiB + 1, MAX_STORAGE_GIB)) {
    issues.push({
      path: 'maxAllocatedStorageGiB',
      value: max,
      message: `must be a whole number of GiB above the source's allocation (${settings.allocatedStorageGiB}) and at most ${MAX_STORAGE_GIB}`,
    });
  }
  const interval = props.monitoringIntervalSeconds;
  if (interval !== undefined) {
    issues.push(...checkMonitoringInterval('monitoringIntervalSeconds', interval));
    if (interval > 0 && !source.monitoringRole) {
      const message = "is above 0 but the source has Enhanced Monitoring off: the replica uses the source's role";
      issues.push({ path: 'monitoringIntervalSeconds', value: interval, message });
    }
  }
  if (props.cloudwatchLogsExports !== undefined) {
    issues.push(...checkPostgresLogExports('cloudwatchLogsExports', props.cloudwatchLogsExports));
  }
  if (props.logRetentionInDays !== undefined) {
    issues.push(...checkLogRetention('logRetentionInDays', props.logRetentionInDays));
  }
  if (props.maintenanceWindow !== undefined) {
    issues.push(...checkWeeklyWindow('maintenanceWindow', props.maintenanceWindow, MIN_WINDOW_MINUTES));
  }
  issues.push(...checkKmsKeyArn('logKmsKeyArn', props.logKmsKeyArn));
  return issues;
}
