/**
 * An Aurora PostgreSQL cluster on Serverless v2 capacity in private subnets: a writer instance (and optionally a
 * reader in another AZ for failover) of class `db.serverless` scaling between `minCapacity` and `maxCapacity` ACUs,
 * storage encrypted with a customer managed KMS key, the master password generated and kept by RDS in Secrets
 * Manager (encrypted with the same key), TLS forced by the cluster parameter group, automated backups, deletion
 * protection and a final snapshot, and the exported engine logs in log groups created with a retention.
 *
 * Its security group has no rules until a client is let in: `allowFrom(clientGroup, 'why')` adds the client's egress
 * and the cluster's ingress on the port, each naming the other's group.
 *
 * | scenario          | capacity (ACU) | instances       | deletion protection / final snapshot |
 * | ----------------- | -------------- | --------------- | ------------------------------------ |
 * | staging           | 0.5 – 4        | writer          | off / taken                          |
 * | production        | 0.5 – 4 (more) | writer + reader | on / taken                           |
 *
 * The writer and a reader span two AZs; with the writer alone, Aurora still keeps six copies of the data in three AZs
 * and recreates a failed writer, but failover then takes minutes, not seconds.
 */
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DbSubnetGroup } from '@cdktf/provider-aws/lib/db-subnet-group';
import { RdsCluster } from '@cdktf/provider-aws/lib/rds-cluster';
import { RdsClusterInstance } from '@cdktf/provider-aws/lib/rds-cluster-instance';
import { RdsClusterParameterGroup } from '@cdktf/provider-aws/lib/rds-cluster-parameter-group';
import { Construct } from 'constructs';
import { checkKmsKeyArn, isLiteral } from '../core/checks';
import { CustomerManagedKey } from '../core/kms-key';
import { allowTraffic, SecurityGroup } from '../core/security-group';
import { assertNoIssues, checkLogRetention, joinPath, type ValidationIssue } from '../core/validation';
import {
  checkPostgresBackupRetention,
  checkPostgresDatabaseName,
  checkPostgresIdentifier,
  checkPostgresPort,
  checkPostgresSubnets,
  checkPostgresWindows,
} from '../postgres';

/** Log types Aurora PostgreSQL exports to CloudWatch Logs. */
export const AURORA_POSTGRES_LOG_TYPES = ['postgresql', 'iam-db-auth-error', 'instance'] as const;
export type AuroraPostgresLogType = (typeof AURORA_POSTGRES_LOG_TYPES)[number];

/** Serverless v2 capacity limits in ACUs: 0 (auto-pause, newer engine versions) or 0.5 to 256, in steps of 0.5. */
export const MIN_ACU = 0;
export const MAX_ACU = 256;

export interface AuroraServerlessClusterProps {
  /** Cluster identifier; instances are `<id>-writer`, `<id>-reader`. RDS identifier rules, ≤ 56 characters. Required. */
  readonly clusterIdentifier: string;
  /** VPC of the cluster's security group. Required. */
  readonly vpcId: string;
  /** Private subnets of the DB subnet group, at least two AZs. Required. */
  readonly subnetIds: readonly string[];
  /** The database created in the cluster: a letter, then letters, digits, `_`. Required. */
  readonly databaseName: string;
  /** The account that owns the created KMS key. Required unless `kmsKeyArn`. */
  readonly accountId?: string;
  /** Aurora PostgreSQL version, `major.minor`. Default: `16.1`. */
  readonly engineVersion?: string;
  /** Lowest capacity in ACUs: 0 (pause when idle, where the engine version allows) or 0.5 to 256. Default: 0.5. */
  readonly minCapacity?: number;
  /** Highest capacity in ACUs, 1 to 256, not below minCapacity. Default: 4. */
  readonly maxCapacity?: number;
  /** A reader instance beside the writer (fast failover, read endpoint). Default: false. */
  readonly readerInstance?: boolean;
  /** Master user name (not `rds…`, `pg_…`, `postgres` keywords). Default: `app_admin`. */
  readonly masterUsername?: string;
  /** Port, 1150 to 65535. Default: 5432. */
  readonly port?: number;
  /**
   * Customer managed key for storage and the master secret. Default: none, and the module creates one
   * (`alias/<clusterIdentifier>-data`, rotation on).
   */
  readonly kmsKeyArn?: string;
  /** Days automated backups are kept, 1 to 35. Default: 7. */
  readonly backupRetentionDays?: number;
  /** Daily backup window, `hh:mm-hh:mm` UTC, ≥ 30 minutes, apart from maintenanceWindow. Default: `03:00-04:00`. */
  readonly backupWindow?: string;
  /** Weekly maintenance window, `ddd:hh:mm-ddd:hh:mm` UTC. Default: `mon:04:00-mon:05:00`. */
  readonly maintenanceWindow?: string;
  /** Refuse to delete the cluster. Default: true. */
  readonly deletionProtection?: boolean;
  /** Delete without the final snapshot `<clusterIdentifier>-final`: the weaker, explicit choice. Default: false. */
  readonly skipFinalSnapshot?: boolean;
  /** Engine logs exported to CloudWatch Logs. Default: `['postgresql']`. */
  readonly logExports?: readonly AuroraPostgresLogType[];
  /** Retention of `/aws/rds/cluster/<clusterIdentifier>/<log>`. Default: 30 days. */
  readonly logRetentionInDays?: number;
  /** IAM database authentication. Default: true. */
  readonly iamDatabaseAuthentication?: boolean;
  /** Performance Insights (7 days, free) on the instances, encrypted with the key. Default: true. */
  readonly performanceInsights?: boolean;
  /**
   * Create the cluster from this DB cluster snapshot (its ARN, e.g. a recovery point AWS Backup copied to this region):
   * a restore. The database and master user then come from the snapshot; the master password is handed to RDS's
   * managed secret. Changing it later replaces the cluster, so it is left as it was after the restore (Terraform
   * ignores later changes). Default: none (a new, empty cluster).
   */
  readonly snapshotArn?: string;
  /** Tags on every resource, beside the provider's default tags. Default: none. */
  readonly tags?: Readonly<Record<string, string>>;
}

export class AuroraServerlessCluster extends Construct {
  readonly cluster: RdsCluster;
  readonly clusterIdentifier: string;
  readonly clusterArn: string;
  /** The writer endpoint's host name. */
  readonly endpoint: string;
  /** The reader endpoint's host name (the writer's, without a reader instance). */
  readonly readerEndpoint: string;
  readonly port: number;
  readonly databaseName: string;
  /** The Secrets Manager secret RDS keeps the master credentials in (JSON `username`, `password`). */
  readonly masterUserSecretArn: string;
  /** The key of storage and secret: the created one's or `kmsKeyArn`. */
  readonly kmsKeyArn: string;
  readonly kmsKey?: CustomerManagedKey;
  readonly writer: RdsClusterInstance;
  readonly reader?: RdsClusterInstance;
  readonly securityGroup: SecurityGroup;
  readonly subnetGroup: DbSubnetGroup;
  readonly parameterGroup: RdsClusterParameterGroup;
  readonly logGroups: Readonly<Partial<Record<AuroraPostgresLogType, CloudwatchLogGroup>>>;

  constructor(scope: Construct, id: string, props: AuroraServerlessClusterProps) {
    super(scope, id);
    const settings = resolveAuroraSettings(props);
    assertNoIssues(`AuroraServerlessCluster "${this.node.path}" props`, validateAuroraServerlessProps(props));
    const identifier = props.clusterIdentifier;
    const tagged = (suffix: string) => ({ ...props.tags, Name: `${identifier}-${suffix}` });
    this.port = settings.port;
    this.databaseName = props.databaseName;

    if (props.kmsKeyArn === undefined) {
      this.kmsKey = new CustomerManagedKey(this, 'key', {
        description: `Aurora cluster ${identifier}: storage, snapshots and the master secret`,
        alias: `${identifier}-data`,
        accountId: props.accountId!,
        tags: props.tags,
      });
    }
    this.kmsKeyArn = props.kmsKeyArn ?? this.kmsKey!.keyArn;

    this.securityGroup = new SecurityGroup(this, 'security-group', {
      name: `${identifier}-db`,
      description: `Aurora PostgreSQL ${identifier}: ingress only from the clients let in`,
      vpcId: props.vpcId,
      tags: props.tags,
    });
    this.subnetGroup = new DbSubnetGroup(this, 'subnet-group', {
      name: identifier,
      description: `Private subnets of Aurora ${identifier}`,
      subnetIds: [...props.subnetIds],
      tags: tagged('subnets'),
    });
    const family = `aurora-postgresql${settings.engineVersion.split('.')[0]}`;
    this.parameterGroup = new RdsClusterParameterGroup(this, 'parameter-group', {
      name: `${identifier}-${family}`,
      family,
      description: `Aurora PostgreSQL ${identifier} (${family}): TLS only`,
      parameter: [{ name: 'rds.force_ssl', value: '1', applyMethod: 'immediate' }],
      tags: tagged(family),
      lifecycle: { createBeforeDestroy: true },
    });

    const logGroups: Partial<Record<AuroraPostgresLogType, CloudwatchLogGroup>> = {};
    for (const logType of settings.logExports) {
      // RDS writes to exactly this name; creating it first is what gives it a retention.
      logGroups[logType] = new CloudwatchLogGroup(this, `log-group-${logType}`, {
        name: `/aws/rds/cluster/${identifier}/${logType}`,
        retentionInDays: settings.logRetentionInDays,
        tags: tagged(`${logType}-logs`),
      });
    }
    this.logGroups = logGroups;

    this.cluster = new RdsCluster(this, 'cluster', {
      clusterIdentifier: identifier,
      engine: 'aurora-postgresql',
      engineMode: 'provisioned',
      engineVersion: settings.engineVersion,
      // A restore takes the database and the master user from the snapshot.
      databaseName: props.snapshotArn ? undefined : props.databaseName,
      masterUsername: props.snapshotArn ? undefined : settings.masterUsername,
      snapshotIdentifier: props.snapshotArn,
      manageMasterUserPassword: true,
      masterUserSecretKmsKeyId: this.kmsKeyArn,
      port: settings.port,
      storageEncrypted: true,
      kmsKeyId: this.kmsKeyArn,
      serverlessv2ScalingConfiguration: { minCapacity: settings.minCapacity, maxCapacity: settings.maxCapacity },
      dbSubnetGroupName: this.subnetGroup.name,
      vpcSecurityGroupIds: [this.securityGroup.securityGroupId],
      dbClusterParameterGroupName: this.parameterGroup.name,
      iamDatabaseAuthenticationEnabled: settings.iamDatabaseAuthentication,
      backupRetentionPeriod: settings.backupRetentionDays,
      preferredBackupWindow: settings.backupWindow,
      preferredMaintenanceWindow: settings.maintenanceWindow.toLowerCase(),
      copyTagsToSnapshot: true,
      deletionProtection: settings.deletionProtection,
      skipFinalSnapshot: settings.skipFinalSnapshot,
      finalSnapshotIdentifier: settings.skipFinalSnapshot ? undefined : `${identifier}-final`,
      enabledCloudwatchLogsExports: [...settings.logExports],
      tags: { ...props.tags, Name: identifier },
      dependsOn: Object.values(logGroups),
      lifecycle: props.snapshotArn ? { ignoreChanges: ['snapshot_identifier'] } : undefined,
    });
    this.clusterIdentifier = this.cluster.clusterIdentifier;
    this.clusterArn = this.cluster.arn;
    this.endpoint = this.cluster.endpoint;
    this.readerEndpoint = this.cluster.readerEndpoint;
    this.masterUserSecretArn = this.cluster.masterUserSecret.get(0).secretArn;

    const instance = (role: 'writer' | 'reader', promotionTier: number) =>
      new RdsClusterInstance(this, role, {
        identifier: `${identifier}-${role}`,
        clusterIdentifier: this.cluster.id,
        engine: 'aurora-postgresql',
        engineVersion: settings.engineVersion,
        instanceClass: 'db.serverless',
        dbSubnetGroupName: this.subnetGroup.name,
        publiclyAccessible: false,
        // A pinned minor version: RDS upgrading it on its own would make the next plan try to go back.
        autoMinorVersionUpgrade: false,
        promotionTier,
        performanceInsightsEnabled: settings.performanceInsights,
        performanceInsightsKmsKeyId: settings.performanceInsights ? this.kmsKeyArn : undefined,
        performanceInsightsRetentionPeriod: settings.performanceInsights ? 7 : undefined,
        caCertIdentifier: 'rds-ca-rsa2048-g1',
        tags: { ...props.tags, Name: `${identifier}-${role}` },
      });
    this.writer = instance('writer', 0);
    if (settings.readerInstance) this.reader = instance('reader', 1);
  }

  /** Lets `client` connect to the cluster's port: egress on the client's group, ingress on the cluster's. */
  allowFrom(client: SecurityGroup, description: string): void {
    allowTraffic(client, this.securityGroup, { port: this.port, description });
  }
}

/** Every prop with its default applied. */
export function resolveAuroraSettings(props: AuroraServerlessClusterProps) {
  return {
    engineVersion: props.engineVersion ?? '16.1',
    minCapacity: props.minCapacity ?? 0.5,
    maxCapacity: props.maxCapacity ?? 4,
    readerInstance: props.readerInstance ?? false,
    masterUsername: props.masterUsername ?? 'app_admin',
    port: props.port ?? 5432,
    backupRetentionDays: props.backupRetentionDays ?? 7,
    backupWindow: props.backupWindow ?? '03:00-04:00',
    maintenanceWindow: props.maintenanceWindow ?? 'mon:04:00-mon:05:00',
    deletionProtection: props.deletionProtection ?? true,
    skipFinalSnapshot: props.skipFinalSnapshot ?? false,
    logExports: props.logExports ?? (['postgresql'] as const),
    logRetentionInDays: props.logRetentionInDays ?? 30,
    iamDatabaseAuthentication: props.iamDatabaseAuthentication ?? true,
    performanceInsights: props.performanceInsights ?? true,
  };
}

/** A cluster identifier: RDS identifier rules, at most 56 characters (so `<id>-writer`/`-reader` fit in 63). */
export function checkAuroraClusterIdentifier(path: string, identifier: string): ValidationIssue[] {
  const issues = checkPostgresIdentifier(path, identifier);
  if (issues.length > 0) return issues;
  if (identifier.length > 56) {
    const message = `must be at most 56 characters (has ${identifier.length}) so that <id>-writer fits RDS's 63`;
    return [{ path, value: identifier, message }];
  }
  return [];
}

/** An Aurora PostgreSQL version, `major.minor` (the instances pin it), 13 or later. */
export function checkAuroraEngineVersion(path: string, version: string): ValidationIssue[] {
  const match = /^(\d+)\.(\d+)$/.exec(version ?? '');
  if (match && Number(match[1]) >= 13) return [];
  return [
    { path, value: version, message: 'must be an Aurora PostgreSQL version major.minor like 16.1 (13 or later)' },
  ];
}

/** One capacity bound: 0.5 to 256 ACUs in steps of 0.5, or also 0 (pause when idle) with `allowZero`. */
export function checkAcu(path: string, acu: number, allowZero: boolean): ValidationIssue[] {
  const inSteps = typeof acu === 'number' && Number.isInteger(acu * 2) && acu <= MAX_ACU;
  if (inSteps && (acu >= 0.5 || (allowZero && acu === MIN_ACU))) return [];
  const range = allowZero ? '0 (pause when idle) or 0.5 to 256' : '0.5 to 256';
  return [{ path, value: acu, message: `must be an Aurora Serverless v2 capacity of ${range} ACUs, in steps of 0.5` }];
}

/** The capacity range: each bound valid, the maximum at least 1 and not below the minimum. */
export function checkAcuRange(
  min: { readonly path: string; readonly value: number },
  max: { readonly path: string; readonly value: number },
): ValidationIssue[] {
  const issues = [...checkAcu(min.path, min.value, true)];
  const maxIssues = checkAcu(max.path, max.value, false);
  if (maxIssues.length === 0 && max.value < 1) {
    maxIssues.push({ path: max.path, value: max.value, message: 'must be at least 1 ACU (Serverless v2 maximum)' });
  }
  issues.push(...maxIssues);
  if (issues.length === 0 && min.value > max.value) {
    issues.push({ path: min.path, value: min.value, message: `must not exceed ${max.path} (${max.value} ACUs)` });
  }
  return issues;
}

/** A DB cluster snapshot to restore from: `arn:aws:rds:<region>:<account>:cluster-snapshot:<name>`. */
export function checkClusterSnapshotArn(path: string, arn: string | undefined): ValidationIssue[] {
  if (arn === undefined || !isLiteral(arn)) return [];
  if (/^arn:aws[a-z-]*:rds:[a-z0-9-]+:\d{12}:cluster-snapshot:[A-Za-z0-9:_-]+$/.test(arn)) return [];
  const message = 'must be a DB cluster snapshot ARN, arn:aws:rds:<region>:<account>:cluster-snapshot:<name>';
  return [{ path, value: arn, message }];
}

/** Exported log types: each one Aurora PostgreSQL exports, none twice. */
export function checkAuroraLogExports(path: string, logTypes: readonly string[]): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  logTypes.forEach((logType, index) => {
    const at = joinPath(path, index);
    if (!(AURORA_POSTGRES_LOG_TYPES as readonly string[]).includes(logType)) {
      issues.push({ path: at, value: logType, message: `must be one of ${AURORA_POSTGRES_LOG_TYPES.join(', ')}` });
    } else if (logTypes.indexOf(logType) !== index) {
      issues.push({ path: at, value: logType, message: 'is listed twice' });
    }
  });
  return issues;
}

/** Every rule the constructor enforces, as a pure function. */
export function validateAuroraServerlessProps(props: AuroraServerlessClusterProps): ValidationIssue[] {
  const settings = resolveAuroraSettings(props);
  const issues: ValidationIssue[] = [
    ...checkAuroraClusterIdentifier('clusterIdentifier', props.clusterIdentifier),
    ...checkPostgresSubnets('subnetIds', props.subnetIds),
    ...checkPostgresDatabaseName('databaseName', props.databaseName),
    ...checkAuroraEngineVersion('engineVersion', settings.engineVersion),
    ...checkAcuRange(
      { path: 'minCapacity', value: settings.minCapacity },
      { path: 'maxCapacity', value: settings.maxCapacity },
    ),
    ...checkPostgresPort('port', settings.port),
    ...checkPostgresBackupRetention('backupRetentionDays', settings.backupRetentionDays),
    ...checkPostgresWindows(
      { path: 'backupWindow', value: settings.backupWindow },
      { path: 'maintenanceWindow', value: settings.maintenanceWindow },
    ),
    ...checkAuroraLogExports('logExports', settings.logExports),
    ...checkLogRetention('logRetentionInDays', settings.logRetentionInDays),
    ...checkKmsKeyArn('kmsKeyArn', props.kmsKeyArn),
    ...checkClusterSnapshotArn('snapshotArn', props.snapshotArn),
  ];
  const username = settings.masterUsername;
  if (!/^[A-Za-z][A-Za-z0-9_]{0,62}$/.test(username) || /^(rds|pg_)/i.test(username) || username === 'postgres') {
    const message = 'must be a letter, then letters, digits or _ (≤ 63), not rds…, pg_… or postgres';
    issues.push({ path: 'masterUsername', value: username, message });
  }
  if (props.kmsKeyArn === undefined && !(isLiteral(props.accountId) && /^\d{12}$/.test(props.accountId))) {
    const message = 'must be the 12-digit account id when the module creates the KMS key (no kmsKeyArn)';
    issues.push({ path: 'accountId', value: props.accountId, message });
  }
  return issues;
}
