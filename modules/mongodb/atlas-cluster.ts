/**
 * MongoDB Atlas for a companion stack (providers mongodbatlas + random + aws): a project, a dedicated replica-set
 * cluster on AWS with cloud backups and point-in-time restore, an application database user whose generated password
 * goes to AWS Secrets Manager with the cluster's SRV address, and the project's IP access list.
 *
 * Tier: the small shared tiers (M2/M5) were retired by Atlas in 2025 (they became Flex clusters), and Flex offers
 * neither a configurable backup policy nor point-in-time restore. The smallest tier that gives a 3-node replica set
 * with continuous backup and a 35-day snapshot retention is `M10`, the smallest dedicated tier, and that is the
 * default `instanceSize`. Only dedicated tiers (M10 and up) are accepted.
 *
 * Backups: `backup_enabled` + `pit_enabled` (continuous cloud backup) and a schedule that keeps daily snapshots for
 * `backupRetentionDays` (35) and 6-hourly snapshots for the point-in-time window; the schedule replaces Atlas's
 * default policy. Storage is encrypted at rest by Atlas on every dedicated tier; clients need TLS 1.2 or later.
 *
 * The access list takes the callers' egress addresses (the blueprint passes the VPC's NAT gateway IPs from the AWS
 * stack), as literals or as a cross-stack list token; each literal is validated, and 0.0.0.0/0 is refused unless
 * `allowAccessFromAnywhere` says otherwise. Values only known at plan time get the same check as a Terraform
 * precondition.
 *
 * The password lives in Terraform state (random_password, database user) as well as in the secret: the state bucket
 * is encrypted and access to it is access to the database.
 */
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { SecretsmanagerSecretVersion } from '@cdktf/provider-aws/lib/secretsmanager-secret-version';
import { AdvancedCluster } from '@cdktf/provider-mongodbatlas/lib/advanced-cluster';
import { CloudBackupSchedule } from '@cdktf/provider-mongodbatlas/lib/cloud-backup-schedule';
import { DatabaseUser } from '@cdktf/provider-mongodbatlas/lib/database-user';
import { Project } from '@cdktf/provider-mongodbatlas/lib/project';
import { ProjectIpAccessList } from '@cdktf/provider-mongodbatlas/lib/project-ip-access-list';
import { Password } from '@cdktf/provider-random/lib/password';
import { Fn, Op, TerraformCount, Token } from 'cdktf';
import { Construct } from 'constructs';
import { isLiteral } from '../core/checks';
import { parseIpv4Cidr } from '../core/cidr';
import { assertNoIssues, joinPath, type ValidationIssue } from '../core/validation';

export interface AtlasClusterProps {
  /** The Atlas organization id (24 hex characters) the project is created in. Required. */
  readonly orgId: string;
  /** The Atlas project's name, 1-64 characters. Required. */
  readonly projectName: string;
  /** The cluster's name: 1-64 letters, digits or hyphens, starting with a letter or digit. Required. */
  readonly clusterName: string;
  /** AWS region the cluster runs in, e.g. `us-east-1`; Atlas's name for it (`US_EAST_1`) is derived. Required. */
  readonly region: string;
  /**
   * Dedicated tier, `M10` or larger (also `R40`+ and `_NVME` variants). M2/M5 shared tiers no longer exist and Flex
   * has no backup policy or point-in-time restore. Default: `M10`.
   */
  readonly instanceSize?: string;
  /** Electable nodes of the replica set: 3, 5 or 7. Default: 3. */
  readonly electableNodes?: number;
  /** MongoDB major version, e.g. `7.0` or `8.0`. Default: `7.0`. */
  readonly mongoDbMajorVersion?: string;
  /** Days Atlas keeps daily snapshots. Default: 35 (five weeks). */
  readonly backupRetentionDays?: number;
  /**
   * Days back a point-in-time restore can reach (continuous cloud backup); 6-hourly snapshots are kept as long.
   * 1 to backupRetentionDays. Default: 7.
   */
  readonly pointInTimeRestoreWindowDays?: number;
  /** UTC hour (0-23) at which Atlas takes the daily snapshot. Default: 3. */
  readonly backupHourUtc?: number;
  /** Refuse to delete the cluster until this is turned off (termination protection). Default: true. */
  readonly terminationProtection?: boolean;
  /** The application's database user: 1-64 of A-Za-z0-9._- so it needs no escaping in a URI. Default: `app`. */
  readonly username?: string;
  /** Databases the user gets `readWrite` on (not admin, local or config). Default: ['app']. */
  readonly databases?: readonly string[];
  /**
   * Addresses allowed to connect: IPv4 addresses or CIDR blocks, literals or tokens (e.g. the NAT gateway IPs of the
   * AWS stack, per element or as one list token). Required, at least one literal entry or a list token.
   */
  readonly allowedIps: readonly string[];
  /** Allow `0.0.0.0/0` in allowedIps (any address on the internet may try to log in). Default: false. */
  readonly allowAccessFromAnywhere?: boolean;
  /** Name of the Secrets Manager secret holding the credentials. Default: `mongodb-atlas/<clusterName>/<username>`. */
  readonly secretName?: string;
  /** Days a deleted secret can still be restored, 7 to 30. Default: 30. */
  readonly secretRecoveryWindowDays?: number;
  /** KMS key (ARN or id) encrypting the secret. Default: none (the account's `aws/secretsmanager` key). */
  readonly secretKmsKeyArn?: string;
  /** Tags on the project, cluster and secret. Default: none. */
  readonly tags?: Readonly<Record<string, string>>;
}

export class AtlasCluster extends Construct {
  readonly project: Project;
  readonly projectId: string;
  readonly cluster: AdvancedCluster;
  /** Atlas's region name the cluster runs in, e.g. `US_EAST_1`. */
  readonly atlasRegion: string;
  /** `mongodb+srv://<cluster>.<id>.mongodb.net`, without credentials. */
  readonly srvConnectionString: string;
  readonly backupSchedule: CloudBackupSchedule;
  readonly password: Password;
  readonly databaseUser: DatabaseUser;
  readonly secret: SecretsmanagerSecret;
  readonly secretArn: string;
  readonly secretVersion: SecretsmanagerSecretVersion;
  /** One entry per literal or per-element token, or a single counted entry over a list token. */
  readonly accessListEntries: readonly ProjectIpAccessList[];

  constructor(scope: Construct, id: string, props: AtlasClusterProps) {
    super(scope, id);
    assertNoIssues(`AtlasCluster "${this.node.path}" props`, validateAtlasClusterProps(props));
    const username = props.username ?? 'app';
    const databases = props.databases ?? ['app'];
    const backupRetentionDays = props.backupRetentionDays ?? 35;
    const restoreWindowDays = props.pointInTimeRestoreWindowDays ?? 7;
    const tagList = Object.entries(props.tags ?? {}).map(([key, value]) => ({ key, value }));

    this.project = new Project(this, 'project', {
      name: props.projectName,
      orgId: props.orgId,
      tags: props.tags ? { ...props.tags } : undefined,
    });
    this.projectId = this.project.id;

    this.atlasRegion = atlasRegionName(props.region);
    this.cluster = new AdvancedCluster(this, 'cluster', {
      projectId: this.projectId,
      name: props.clusterName,
      clusterType: 'REPLICASET',
      mongoDbMajorVersion: props.mongoDbMajorVersion ?? '7.0',
      backupEnabled: true,
      pitEnabled: true,
      // Snapshots outlive an accidental cluster deletion.
      retainBackupsEnabled: true,
      terminationProtectionEnabled: props.terminationProtection ?? true,
      advancedConfiguration: { minimumEnabledTlsProtocol: 'TLS1_2' },
      replicationSpecs: [
        {
          regionConfigs: [
            {
              providerName: 'AWS',
              regionName: this.atlasRegion,
              priority: 7,
              electableSpecs: { instanceSize: props.instanceSize ?? 'M10', nodeCount: props.electableNodes ?? 3 },
            },
          ],
        },
      ],
      tags: tagList.length > 0 ? tagList : undefined,
    });
    this.srvConnectionString = this.cluster.connectionStrings.get(0).standardSrv;

    this.backupSchedule = new CloudBackupSchedule(this, 'backup-schedule', {
      projectId: this.cluster.projectId,
      clusterName: this.cluster.name,
      referenceHourOfDay: props.backupHourUtc ?? 3,
      referenceMinuteOfHour: 0,
      restoreWindowDays,
      policyItemHourly: { frequencyInterval: 6, retentionUnit: 'days', retentionValue: restoreWindowDays },
      policyItemDaily: { frequencyInterval: 1, retentionUnit: 'days', retentionValue: backupRetentionDays },
    });

    // Letters and digits only: 32 of them carry ~190 bits, and a password without `@ : / ? # %` can be pasted into
    // a mongodb+srv:// URI without percent-encoding, where a missed escape is a classic outage.
    this.password = new Password(this, 'password', { length: 32, special: false });
    this.databaseUser = new DatabaseUser(this, 'database-user', {
      projectId: this.projectId,
      username,
      password: this.password.result,
      // SCRAM users always authenticate against admin; their privileges come from the roles below.
      authDatabaseName: 'admin',
      roles: databases.map((databaseName) => ({ roleName: 'readWrite', databaseName })),
      scopes: [{ name: this.cluster.name, type: 'CLUSTER' }],
    });

    this.secret = new SecretsmanagerSecret(this, 'secret', {
      name: props.secretName ?? `mongodb-atlas/${props.clusterName}/${username}`,
      description: `MongoDB Atlas credentials of ${username} on ${props.clusterName}`,
      recoveryWindowInDays: props.secretRecoveryWindowDays ?? 30,
      kmsKeyId: props.secretKmsKeyArn,
      tags: props.tags ? { ...props.tags } : undefined,
    });
    this.secretArn = this.secret.arn;
    this.secretVersion = new SecretsmanagerSecretVersion(this, 'secret-value', {
      secretId: this.secret.id,
      secretString: Fn.jsonencode({
        username: this.databaseUser.username,
        password: this.password.result,
        srvConnectionString: this.srvConnectionString,
        databases: [...databases],
      }),
    });

    this.accessListEntries = this.createAccessList(props.allowedIps, !!props.allowAccessFromAnywhere);
  }

  private createAccessList(allowedIps: readonly string[], allowAnywhere: boolean): ProjectIpAccessList[] {
    const comment = 'allowed by the AtlasCluster module';
    if (isListToken(allowedIps)) {
      // The length is only known at plan time: one counted resource, entry i from element i.
      const count = TerraformCount.of(Fn.lengthOf(allowedIps));
      const cidr = cidrOf(Fn.element(allowedIps, count.index) as string);
      return [
        new ProjectIpAccessList(this, 'access-list', {
          count,
          projectId: this.projectId,
          cidrBlock: cidr,
          comment,
          lifecycle: allowAnywhere ? undefined : { precondition: [notAnywhere(cidr)] },
        }),
      ];
    }
    return allowedIps.map((entry, index) => {
      if (Token.isUnresolved(entry)) {
        const cidr = cidrOf(entry);
        return new ProjectIpAccessList(this, `access-list-${index}`, {
          projectId: this.projectId,
          cidrBlock: cidr,
          comment,
          lifecycle: allowAnywhere ? undefined : { precondition: [notAnywhere(cidr)] },
        });
      }
      return new ProjectIpAccessList(this, `access-list-${index}`, {
        projectId: this.projectId,
        ...(entry.includes('/') ? { cidrBlock: entry } : { ipAddress: entry }),
        comment,
      });
    });
  }
}

/** Atlas's name for an AWS region: `us-east-1` → `US_EAST_1`. */
export function atlasRegionName(awsRegion: string): string {
  return awsRegion.toUpperCase().replace(/-/g, '_');
}

/** A token's value as a CIDR block: an address `a.b.c.d` becomes `a.b.c.d/32`, a CIDR stays as it is. */
function cidrOf(value: string): string {
  return Fn.conditional(Fn.strcontains(value, '/'), value, Fn.format('%s/32', [value])) as string;
}

function notAnywhere(cidr: string) {
  return {
    condition: Op.not(Fn.endswith(cidr, '/0')),
    errorMessage: 'AtlasCluster allowedIps: a /0 entry opens the cluster to the internet; set allowAccessFromAnywhere.',
  };
}

function isListToken(list: readonly string[]): boolean {
  return list.length === 1 && Token.isUnresolved(list) && !Token.isUnresolved(list[0]);
}

const ORG_ID = /^[0-9a-f]{24}$/;
const CLUSTER_NAME = /^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/;
const DEDICATED_TIER = /^(M|R)(\d+)(_NVME)?$/;
const MAJOR_VERSION = /^\d+\.\d+$/;
const USERNAME = /^[A-Za-z0-9._-]{1,64}$/;
const DATABASE_NAME = /^[^/\\. "$*<>:|?]{1,63}$/;
const SECRET_NAME = /^[A-Za-z0-9/_+=.@-]{1,512}$/;
const AWS_REGION = /^[a-z]{2}-[a-z]+-\d+$/;

/** The point-in-time restore window a cluster gets unless its props set one. */
export const DEFAULT_POINT_IN_TIME_RESTORE_WINDOW_DAYS = 7;

export function checkAtlasOrgId(path: string, orgId: string): ValidationIssue[] {
  if (!isLiteral(orgId) || ORG_ID.test(orgId)) return [];
  return [{ path, value: orgId, message: 'must be an Atlas organization id: 24 lowercase hex characters' }];
}

export function checkAtlasProjectName(path: string, name: string): ValidationIssue[] {
  if (typeof name === 'string' && name.trim() !== '' && name.length <= 64) return [];
  return [{ path, value: name, message: 'must be 1-64 characters' }];
}

export function checkAtlasClusterName(path: string, name: string): ValidationIssue[] {
  if (CLUSTER_NAME.test(name ?? '')) return [];
  return [{ path, value: name, message: 'must be 1-64 letters, digits or hyphens, starting with a letter or digit' }];
}

/** A commercial AWS region Atlas runs in (not China or GovCloud). */
export function checkAtlasRegion(path: string, region: string): ValidationIssue[] {
  if (AWS_REGION.test(region ?? '') && !/^(cn|us-gov)-/.test(region)) return [];
  const message = 'must be a commercial AWS region Atlas runs in, e.g. us-east-1 or eu-west-2';
  return [{ path, value: region, message }];
}

/** A dedicated tier, M10 or larger. */
export function checkAtlasInstanceSize(path: string, instanceSize: string): ValidationIssue[] {
  const tier = DEDICATED_TIER.exec(instanceSize);
  if (tier && Number(tier[2]) >= 10) return [];
  const message =
    'must be a dedicated Atlas tier, M10 or larger (e.g. M10, M30, R40, M40_NVME); M2/M5 were retired and ' +
    'Flex has no backup policy or point-in-time restore';
  return [{ path, value: instanceSize, message }];
}

export function checkElectableNodes(path: string, nodes: number): ValidationIssue[] {
  if ([3, 5, 7].includes(nodes)) return [];
  return [{ path, value: nodes, message: 'must be 3, 5 or 7 (an odd replica set Atlas offers)' }];
}

export function checkMongoDbMajorVersion(path: string, version: string): ValidationIssue[] {
  if (MAJOR_VERSION.test(version)) return [];
  return [{ path, value: version, message: 'must be a major version like 7.0 or 8.0' }];
}

export function checkAtlasBackupRetention(path: string, days: number): ValidationIssue[] {
  if (Number.isInteger(days) && days >= 1 && days <= 3650) return [];
  return [{ path, value: days, message: 'must be a whole number of days from 1 to 3650' }];
}

/** The point-in-time restore window: 1 day to the backup retention. */
export function checkPointInTimeRestoreWindow(path: string, days: number, retentionDays: number): ValidationIssue[] {
  if (Number.isInteger(days) && days >= 1 && days <= retentionDays) return [];
  const message = `must be a whole number of days from 1 to backupRetentionDays (${retentionDays})`;
  return [{ path, value: days, message }];
}

export function checkAtlasUsername(path: string, username: string): ValidationIssue[] {
  if (USERNAME.test(username)) return [];
  return [{ path, value: username, message: 'must be 1-64 of A-Za-z0-9._- (safe in a URI)' }];
}

/** Application databases: at least one, MongoDB names, not admin/local/config, none twice. */
export function checkAtlasDatabases(path: string, databases: readonly string[]): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (databases.length === 0) issues.push({ path, value: databases, message: 'must list at least one database' });
  databases.forEach((database, index) => {
    const at = joinPath(path, index);
    if (!DATABASE_NAME.test(database)) {
      const message = 'must be a MongoDB database name: 1-63 characters, none of / \\ . space " $ * < > : | ?';
      issues.push({ path: at, value: database, message });
    } else if (['admin', 'local', 'config'].includes(database)) {
      issues.push({
        path: at,
        value: database,
        message: 'must be an application database, not admin, local or config',
      });
    } else if (databases.indexOf(database) !== index) {
      issues.push({ path: at, value: database, message: 'is listed more than once' });
    }
  });
  return issues;
}

export function checkAtlasSecretName(path: string, name: string): ValidationIssue[] {
  if (SECRET_NAME.test(name)) return [];
  return [{ path, value: name, message: 'must be 1-512 of A-Za-z0-9/_+=.@-' }];
}

/** Every rule the constructor enforces, as a pure function. */
export function validateAtlasClusterProps(props: AtlasClusterProps): ValidationIssue[] {
  const issues: ValidationIssue[] = [
    ...checkAtlasOrgId('orgId', props.orgId),
    ...checkAtlasProjectName('projectName', props.projectName),
    ...checkAtlasClusterName('clusterName', props.clusterName),
    ...checkAtlasRegion('region', props.region),
    ...checkAtlasInstanceSize('instanceSize', props.instanceSize ?? 'M10'),
    ...checkElectableNodes('electableNodes', props.electableNodes ?? 3),
    ...checkMongoDbMajorVersion('mongoDbMajorVersion', props.mongoDbMajorVersion ?? '7.0'),
  ];
  const add = (path: string, value: unknown, message: string) => issues.push({ path, value, message });
  const retention = props.backupRetentionDays ?? 35;
  issues.push(...checkAtlasBackupRetention('backupRetentionDays', retention));
  const window = props.pointInTimeRestoreWindowDays ?? DEFAULT_POINT_IN_TIME_RESTORE_WINDOW_DAYS;
  issues.push(...checkPointInTimeRestoreWindow('pointInTimeRestoreWindowDays', window, retention));
  const hour = props.backupHourUtc ?? 3;
  if (!Number.isInteger(hour) || hour < 0 || hour > 23) add('backupHourUtc', hour, 'must be an hour from 0 to 23');

  issues.push(...checkAtlasUsername('username', props.username ?? 'app'));
  issues.push(...checkAtlasDatabases('databases', props.databases ?? ['app']));
  issues.push(...checkAtlasAllowedIps('allowedIps', props.allowedIps, !!props.allowAccessFromAnywhere));

  if (props.secretName !== undefined) issues.push(...checkAtlasSecretName('secretName', props.secretName));
  const recovery = props.secretRecoveryWindowDays ?? 30;
  if (!Number.isInteger(recovery) || recovery < 7 || recovery > 30) {
    add('secretRecoveryWindowDays', recovery, 'must be a whole number of days from 7 to 30');
  }
  return issues;
}

/** The access list: IPv4 addresses or CIDR blocks, at least one, none twice, `/0` only with `allowAnywhere`. */
export function checkAtlasAllowedIps(
  base: string,
  allowedIps: readonly string[] | undefined,
  allowAnywhere: boolean,
): ValidationIssue[] {
  if (!Array.isArray(allowedIps) || allowedIps.length === 0) {
    return [{ path: base, value: allowedIps, message: 'must list at least one IPv4 address or CIDR block' }];
  }
  if (isListToken(allowedIps)) return [];
  const issues: ValidationIssue[] = [];
  allowedIps.forEach((entry, index) => {
    if (Token.isUnresolved(entry)) return;
    const path = joinPath(base, index);
    const range = parseIpv4Cidr(entry.includes('/') ? entry : `${entry}/32`);
    if (typeof range === 'string') {
      issues.push({ path, value: entry, message: `must be an IPv4 address or CIDR block: it ${range}` });
    } else if (range.prefixLength === 0 && !allowAnywhere) {
      const message =
        'opens the cluster to every address on the internet; set allowAccessFromAnywhere: true to allow it';
      issues.push({ path, value: entry, message });
    } else if (allowedIps.indexOf(entry) !== index) {
      issues.push({ path, value: entry, message: 'is listed more than once' });
    }
  });
  return issues;
}
