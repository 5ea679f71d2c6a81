/**
 * An ElastiCache for Redis OSS replication group with cluster mode disabled: one primary and up to five replicas in
 * private subnets, encrypted at rest always and in transit by default, its own parameter group (an eviction policy for
 * a cache), daily snapshots, and optional slow-log and engine-log delivery to CloudWatch log groups it creates with a
 * retention.
 *
 * Its security group has no rules until a client is let in: `cache.allowFrom(clientGroup, 'why')` adds the client's
 * egress and the cache's ingress on the Redis port, naming each other's group.
 *
 * | scenario                       | nodeType        | numCacheClusters | failover + Multi-AZ | transit encryption     |
 * | ------------------------------ | --------------- | ---------------- | ------------------- | ---------------------- |
 * | small dev cache                | cache.t4g.micro | 1                | off                 | on (default)           |
 * | production cache               | cache.t4g.small | 2+               | on (by default)     | on (default)           |
 * | Redis 7.0 session store on EC2 | cache.t3.micro  | 1, or 2+         | follows the count   | optional, AUTH with it |
 *
 * Defaults worth knowing:
 * - `autoMinorVersionUpgrade` is true: `engineVersion` is `major.minor` (7.1) and ElastiCache only applies patch
 *   releases within it, so the configuration never drifts (the running version is `engine_version_actual`).
 * - `authToken` may be a literal or a reference (e.g. another stack's generated password). A literal ends up in the
 *   synthesized JSON and in the state; the blueprint decides where the token comes from. With Redis before 7.0.5,
 *   switching transit encryption later replaces the replication group.
 * - ElastiCache has no deletion protection and this module takes no final snapshot: it is a cache, and the daily
 *   snapshots (5 days) are the recovery point.
 */
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { ElasticacheParameterGroup } from '@cdktf/provider-aws/lib/elasticache-parameter-group';
import { ElasticacheReplicationGroup } from '@cdktf/provider-aws/lib/elasticache-replication-group';
import { ElasticacheSubnetGroup } from '@cdktf/provider-aws/lib/elasticache-subnet-group';
import { ElasticacheUser } from '@cdktf/provider-aws/lib/elasticache-user';
import { ElasticacheUserGroup } from '@cdktf/provider-aws/lib/elasticache-user-group';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { allowTraffic, SecurityGroup } from '../core/security-group';
import { assertNoIssues, checkLogRetention, joinPath, type ValidationIssue } from '../core/validation';
import { checkKmsKeyArn, isAwsDataIdentifier, isIntegerIn } from '../core/checks';
import { checkDailyWindow, checkWeeklyWindow, checkWindowsDoNotOverlap } from '../core/time-windows';

/** Eviction policies Redis accepts for `maxmemory-policy`. */
export const MAXMEMORY_POLICIES = [
  'volatile-lru',
  'allkeys-lru',
  'volatile-lfu',
  'allkeys-lfu',
  'volatile-random',
  'allkeys-random',
  'volatile-ttl',
  'noeviction',
] as const;

/** Log types ElastiCache delivers, keyed by this module's prop names. */
export const REDIS_LOG_TYPES = { slowLog: 'slow-log', engineLog: 'engine-log' } as const;
export type RedisLogKind = keyof typeof REDIS_LOG_TYPES;

/** ElastiCache asks for at least 60 minutes for both the snapshot and the maintenance window. */
const MIN_WINDOW_MINUTES = 60;
const MAX_CACHE_CLUSTERS = 6;
/** AUTH tokens: 16 to 128 characters, letters, digits and only these specials (ElastiCache's rule). */
const AUTH_TOKEN = /^[A-Za-z0-9!&#$^<>-]{16,128}$/;

export interface RedisLogDestination {
  /**
   * CloudWatch log group the module creates and ElastiCache delivers to, e.g. `/aws/elasticache/dev/redis/slow-log`.
   * Required.
   */
  readonly logGroupName: string;
  /** Days the group keeps records; a CloudWatch Logs retention value. Default: 30. */
  readonly retentionInDays?: number;
  /** KMS key ARN for the group. Default: none (CloudWatch Logs' own encryption at rest). */
  readonly kmsKeyArn?: string;
}

export interface RedisLogDeliveryProps {
  /** Deliver the Redis SLOWLOG (JSON). Default: none. */
  readonly slowLog?: RedisLogDestination;
  /** Deliver the engine log (JSON); Redis 6.2 or later. Default: none. */
  readonly engineLog?: RedisLogDestination;
}

export interface RedisCacheProps {
  /** Replication group id: lowercase letters, digits and single hyphens, starting with a letter, ≤ 40. Required. */
  readonly replicationGroupId: string;
  /** What the cache is for. Default: `Redis cache <replicationGroupId>`. */
  readonly description?: string;
  /** VPC of the cache's security group. Required. */
  readonly vpcId: string;
  /** Private subnets of the cache subnet group; at least two (in two AZs) with automatic failover. Required. */
  readonly subnetIds: readonly string[];
  /** Redis OSS version, `major.minor` (6.x or 7.x); the parameter group family follows the major. Default: `7.1`. */
  readonly engineVersion?: string;
  /** Node type of every member. Default: `cache.t4g.micro`. */
  readonly nodeType?: string;
  /** Nodes in the group (the primary and its replicas), 1 to 6. Default: 1. */
  readonly numCacheClusters?: number;
  /**
   * Promote a replica when the primary fails; Multi-AZ follows it. Needs 2+ nodes.
   * Default: true when numCacheClusters ≥ 2.
   */
  readonly automaticFailover?: boolean;
  /** Port Redis listens on. Default: 6379. */
  readonly port?: number;
  /**
   * Parameters of the group's parameter group, merged over the default; `maxmemory-policy` must be an eviction policy
   * Redis knows, and `cluster-enabled` cannot be set (cluster mode is disabled).
   * Default: `{ 'maxmemory-policy': 'allkeys-lru' }`.
   */
  readonly parameters?: Readonly<Record<string, string>>;
  /** KMS key ARN for encryption at rest, which is always on. Default: none (the ElastiCache service key). */
  readonly kmsKeyArn?: string;
  /** TLS between clients and nodes; turning it off is the weaker, explicit choice. Default: true. */
  readonly transitEncryption?: boolean;
  /**
   * Redis AUTH token, only with transit encryption: 16 to 128 characters of letters, digits and `!&#$^<>-` when
   * literal; a reference is taken as is. Default: none (no AUTH; the security group is the only gate).
   */
  readonly authToken?: string;
  /**
   * IAM authentication (role-based access control): clients connect as user `userId` with a token signed by their
   * IAM role (`elasticache:Connect`, see {@link RedisCache.connectStatement}); the `default` user is disabled, so a
   * client without a token can run no command. Needs transit encryption and Redis 7; not with `authToken`.
   * Default: none (no AUTH; the security group is the only gate).
   */
  readonly iamAuthentication?: { readonly userId: string };
  /** Days daily snapshots are kept, 0 (no snapshots) to 35. Default: 5. */
  readonly snapshotRetentionDays?: number;
  /**
   * Daily snapshot window, `hh:mm-hh:mm` UTC, ≥ 60 minutes, not overlapping maintenanceWindow on any day; sent only
   * when snapshots are kept. Default: `03:00-05:00`.
   */
  readonly snapshotWindow?: string;
  /** Weekly maintenance window, `ddd:hh:mm-ddd:hh:mm` UTC, ≥ 60 minutes. Default: `sun:05:00-sun:06:00`. */
  readonly maintenanceWindow?: string;
  /** Let ElastiCache apply patch releases of engineVersion in the maintenance window. Default: true. */
  readonly autoMinorVersionUpgrade?: boolean;
  /** Apply changes now instead of in the next maintenance window. Default: false. */
  readonly applyImmediately?: boolean;
  /** Slow-log and engine-log delivery to CloudWatch Logs. Default: none. */
  readonly logDelivery?: RedisLogDeliveryProps;
  /** Tags on every resource of the module, beside the provider's default tags. Default: none. */
  readonly tags?: Readonly<Record<string, string>>;
}

export class RedisCache extends Construct {
  readonly replicationGroup: ElasticacheReplicationGroup;
  /** The replication group id, e.g. for the `ReplicationGroupId` CloudWatch dimension. */
  readonly replicationGroupId: string;
  readonly replicationGroupArn: string;
  /**
   * Ids ElastiCache gives the member clusters, `<replicationGroupId>-001`, `-002`, …: the `CacheClusterId` CloudWatch
   * dimension of per-node metrics (CPU, memory, evictions), known at synth time.
   */
  readonly memberClusterIds: readonly string[];
  /** Where clients write (the primary). */
  readonly primaryEndpointAddress: string;
  /** Where clients read (spread over the replicas). */
  readonly readerEndpointAddress: string;
  readonly port: number;
  readonly transitEncryption: boolean;
  readonly securityGroup: SecurityGroup;
  readonly subnetGroup: ElasticacheSubnetGroup;
  readonly parameterGroup: ElasticacheParameterGroup;
  /** One log group per delivered log. */
  readonly logGroups: Readonly<Partial<Record<RedisLogKind, CloudwatchLogGroup>>>;
  /** With iamAuthentication: the user clients connect as, and the group holding it beside the disabled default. */
  readonly iamUser?: ElasticacheUser;
  readonly userGroup?: ElasticacheUserGroup;

  constructor(scope: Construct, id: string, props: RedisCacheProps) {
    super(scope, id);
    const settings = resolveRedisSettings(props);
    assertNoIssues(`RedisCache "${this.node.path}" props`, validateRedisCacheProps(props, settings));

    const groupId = props.replicationGroupId;
    const tagged = (suffix: string) => ({ ...props.tags, Name: `${groupId}-${suffix}` });
    this.replicationGroupId = groupId;
    this.port = settings.port;
    this.transitEncryption = settings.transitEncryption;
    this.memberClusterIds = Array.from(
      { length: settings.numCacheClusters },
      (_, index) => `${groupId}-${String(index + 1).padStart(3, '0')}`,
    );

    this.securityGroup = new SecurityGroup(this, 'security-group', {
      name: `${groupId}-redis`,
      description: `Redis ${groupId}: ingress only from the clients let in`,
      vpcId: props.vpcId,
      tags: props.tags,
    });

    this.subnetGroup = new ElasticacheSubnetGroup(this, 'subnet-group', {
      name: groupId,
      description: `Private subnets of Redis ${groupId}`,
      subnetIds: [...props.subnetIds],
      tags: tagged('subnets'),
    });

    const family = parameterGroupFamily(settings.engineVersion);
    this.parameterGroup = new ElasticacheParameterGroup(this, 'parameter-group', {
      // The family is in the name so that a major upgrade creates the new group before the old one goes.
      name: `${groupId}-${family.replace('.', '-')}`,
      family,
      description: `Redis ${groupId} (${family})`,
      parameter: Object.entries(settings.parameters).map(([name, value]) => ({ name, value })),
      tags: tagged(family.replace('.', '-')),
      lifecycle: { createBeforeDestroy: true },
    });

    const logGroups: Partial<Record<RedisLogKind, CloudwatchLogGroup>> = {};
    const logDelivery = [];
    for (const kind of Object.keys(REDIS_LOG_TYPES) as RedisLogKind[]) {
      const destination = props.logDelivery?.[kind];
      if (!destination) continue;
      const logGroup = new CloudwatchLogGroup(this, `${REDIS_LOG_TYPES[kind]}-group`, {
        name: destination.logGroupName,
        retentionInDays: destination.retentionInDays ?? 30,
        kmsKeyId: destination.kmsKeyArn,
        tags: tagged(REDIS_LOG_TYPES[kind]),
      });
      logGroups[kind] = logGroup;
      logDelivery.push({
        destination: logGroup.name,
        destinationType: 'cloudwatch-logs',
        logFormat: 'json',
        logType: REDIS_LOG_TYPES[kind],
      });
    }
    this.logGroups = logGroups;

    const iam = props.iamAuthentication;
    if (iam) {
      // Every user group needs a user named "default": this one is off, so unauthenticated clients get nothing.
      const defaultUser = new ElasticacheUser(this, 'default-user', {
        userId: `${groupId}-default`,
        userName: 'default',
        engine: 'redis',
        accessString: 'off -@all',
        authenticationMode: { type: 'no-password-required' },
        tags: tagged('default-user'),
      });
      // IAM users have the same id and name; the client signs its token for that name.
      this.iamUser = new ElasticacheUser(this, 'iam-user', {
        userId: iam.userId,
        userName: iam.userId,
        engine: 'redis',
        accessString: 'on ~* +@all -@dangerous',
        authenticationMode: { type: 'iam' },
        tags: tagged('iam-user'),
      });
      this.userGroup = new ElasticacheUserGroup(this, 'user-group', {
        userGroupId: `${groupId}-users`,
        engine: 'redis',
        userIds: [defaultUser.userId, this.iamUser.userId],
        tags: tagged('users'),
      });
    }

    const snapshots = settings.snapshotRetentionDays > 0;
    this.replicationGroup = new ElasticacheReplicationGroup(this, 'replication-group', {
      replicationGroupId: groupId,
      description: settings.description,
      engine: 'redis',
      engineVersion: settings.engineVersion,
      nodeType: settings.nodeType,
      port: settings.port,
      clusterMode: 'disabled',
      numCacheClusters: settings.numCacheClusters,
      automaticFailoverEnabled: settings.automaticFailover,
      multiAzEnabled: settings.automaticFailover,
      subnetGroupName: this.subnetGroup.name,
      securityGroupIds: [this.securityGroup.securityGroupId],
      parameterGroupName: this.parameterGroup.name,
      // A string in provider 5.x (its default differs between redis and valkey).
      atRestEncryptionEnabled: 'true',
      kmsKeyId: props.kmsKeyArn,
      transitEncryptionEnabled: settings.transitEncryption,
      authToken: props.authToken,
      userGroupIds: this.userGroup ? [this.userGroup.userGroupId] : undefined,
      snapshotRetentionLimit: settings.snapshotRetentionDays,
      snapshotWindow: snapshots ? settings.snapshotWindow : undefined,
      maintenanceWindow: settings.maintenanceWindow.toLowerCase(),
      autoMinorVersionUpgrade: String(settings.autoMinorVersionUpgrade),
      applyImmediately: settings.applyImmediately,
      logDeliveryConfiguration: logDelivery.length > 0 ? logDelivery : undefined,
      tags: { ...props.tags, Name: groupId },
    });
    this.replicationGroupArn = this.replicationGroup.arn;
    this.primaryEndpointAddress = this.replicationGroup.primaryEndpointAddress;
    this.readerEndpointAddress = this.replicationGroup.readerEndpointAddress;
  }

  /**
   * The IAM statement a client role needs to connect with IAM authentication: `elasticache:Connect` on the
   * replication group and the user. Undefined without iamAuthentication.
   */
  connectStatement(): { sid: string; actions: string[]; resources: string[] } | undefined {
    if (!this.iamUser) return undefined;
    return {
      sid: 'RedisConnect',
      actions: ['elasticache:Connect'],
      resources: [this.replicationGroupArn, this.iamUser.arn],
    };
  }

  /** Lets `client` connect to the Redis port: egress on the client's group, ingress on the cache's. */
  allowFrom(client: SecurityGroup, description: string): void {
    allowTraffic(client, this.securityGroup, { port: this.port, description });
  }
}

/** Every prop with its default applied. */
export function resolveRedisSettings(props: RedisCacheProps) {
  const numCacheClusters = props.numCacheClusters ?? 1;
  return {
    description: props.description ?? `Redis cache ${props.replicationGroupId}`,
    engineVersion: props.engineVersion ?? '7.1',
    nodeType: props.nodeType ?? 'cache.t4g.micro',
    numCacheClusters,
    automaticFailover: props.automaticFailover ?? numCacheClusters >= 2,
    port: props.port ?? 6379,
    parameters: { 'maxmemory-policy': 'allkeys-lru', ...props.parameters } as Record<string, string>,
    transitEncryption: props.transitEncryption ?? true,
    snapshotRetentionDays: props.snapshotRetentionDays ?? 5,
    snapshotWindow: props.snapshotWindow ?? '03:00-05:00',
    maintenanceWindow: props.maintenanceWindow ?? 'sun:05:00-sun:06:00',
    autoMinorVersionUpgrade: props.autoMinorVersionUpgrade ?? true,
    applyImmediately: props.applyImmediately ?? false,
  };
}

/**
 * IAM authentication: a user id ElastiCache accepts (1-40 of lowercase letters, digits and hyphens, starting with a
 * letter), over TLS, on Redis 7 or later.
 */
export function checkIamAuthentication(
  path: string,
  iam: { readonly userId: string },
  transitEncryption: boolean,
  engineVersion: string,
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (!/^[a-z][a-z0-9-]{0,39}$/.test(iam.userId ?? '') || iam.userId.endsWith('-') || iam.userId.includes('--')) {
    const message = 'must be 1 to 40 lowercase letters, digits and single hyphens, starting with a letter';
    issues.push({ path: `${path}.userId`, value: iam.userId, message });
  }
  if (!transitEncryption) {
    issues.push({ path, value: iam, message: 'needs transitEncryption: IAM tokens are only accepted over TLS' });
  }
  if (Number(engineVersion.split('.')[0]) < 7) {
    issues.push({ path, value: iam, message: `needs Redis 7 or later (engineVersion is ${engineVersion})` });
  }
  return issues;
}

/** Replication group id: lowercase letters, digits and single hyphens, starting with a letter, ≤ 40. */
export function checkReplicationGroupId(path: string, id: string): ValidationIssue[] {
  if (isAwsDataIdentifier(id, 40)) return [];
  const message =
    'must be 1 to 40 lowercase letters, digits and single hyphens, starting with a letter, not ending with a hyphen';
  return [{ path, value: id, message }];
}

/** The cache subnet group's subnets: at least one, two with automatic failover, none twice. A list token passes. */
export function checkRedisSubnets(
  path: string,
  subnetIds: readonly string[],
  automaticFailover: boolean,
): ValidationIssue[] {
  if (Token.isUnresolved(subnetIds)) return [];
  const issues: ValidationIssue[] = [];
  const needed = automaticFailover ? 2 : 1;
  if (subnetIds.length < needed) {
    const why = automaticFailover ? ' (automatic failover puts replicas in other AZs)' : '';
    issues.push({ path, value: subnetIds, message: `must list at least ${needed} subnet(s)${why}` });
  }
  subnetIds.forEach((subnetId, index) => {
    if (subnetIds.indexOf(subnetId) !== index) {
      issues.push({ path: joinPath(path, index), value: subnetId, message: 'is listed twice' });
    }
  });
  return issues;
}

/** A Redis OSS version `major.minor` from 6.0 to 7.x. */
export function checkRedisEngineVersion(path: string, version: string): ValidationIssue[] {
  const major = Number(/^(\d+)\.(\d+)$/.exec(version)?.[1]);
  if (major >= 6 && major <= 7) return [];
  return [{ path, value: version, message: 'must be a Redis OSS version major.minor from 6.0 to 7.x, e.g. 7.1' }];
}

export function checkRedisNodeType(path: string, nodeType: string): ValidationIssue[] {
  if (/^cache\.[a-z0-9]+\.[a-z0-9]+$/.test(nodeType)) return [];
  return [{ path, value: nodeType, message: 'must be an ElastiCache node type like cache.t4g.micro' }];
}

/** Nodes in the group (the primary and its replicas): 1 to 6. */
export function checkNumCacheClusters(path: string, count: number): ValidationIssue[] {
  if (isIntegerIn(count, 1, MAX_CACHE_CLUSTERS)) return [];
  const message = `must be a whole number from 1 to ${MAX_CACHE_CLUSTERS} (the primary and up to 5 replicas)`;
  return [{ path, value: count, message }];
}

/** Automatic failover promotes a replica: it needs at least two nodes (checked once the count itself is valid). */
export function checkAutomaticFailover(
  path: string,
  automaticFailover: boolean,
  numCacheClusters: number,
): ValidationIssue[] {
  if (!automaticFailover || !isIntegerIn(numCacheClusters, 1, MAX_CACHE_CLUSTERS) || numCacheClusters >= 2) return [];
  const message = `needs numCacheClusters of at least 2 (it is ${numCacheClusters}): a replica to promote`;
  return [{ path, value: automaticFailover, message }];
}

export function checkRedisPort(path: string, port: number): ValidationIssue[] {
  return isIntegerIn(port, 1, 65535) ? [] : [{ path, value: port, message: 'must be a TCP port from 1 to 65535' }];
}

/** A parameter-group entry: a Redis parameter name, `maxmemory-policy` one of {@link MAXMEMORY_POLICIES}, no cluster mode. */
export function checkRedisParameter(path: string, name: string, value: string): ValidationIssue[] {
  if (name === 'maxmemory-policy' && !(MAXMEMORY_POLICIES as readonly string[]).includes(value)) {
    return [{ path, value, message: `must be one of ${MAXMEMORY_POLICIES.join(', ')}` }];
  }
  if (name === 'cluster-enabled') {
    return [{ path, value, message: 'cannot be set: this module makes cluster-mode-disabled replication groups' }];
  }
  if (!/^[a-z0-9-]+$/.test(name)) {
    return [{ path, value, message: 'must be named with lowercase letters, digits and hyphens (a Redis parameter)' }];
  }
  if (typeof value !== 'string') return [{ path, value, message: 'must be a string' }];
  return [];
}

/** Redis AUTH only with transit encryption; `shown` is what the error shows instead of the secret itself. */
export function checkAuthTokenNeedsTransitEncryption(
  path: string,
  shown: unknown,
  transitEncryption: boolean,
): ValidationIssue[] {
  if (transitEncryption) return [];
  const message = 'is only allowed with transitEncryption: true (Redis AUTH needs TLS on ElastiCache)';
  return [{ path, value: shown, message }];
}

/** Days daily snapshots are kept: 0 (no snapshots) to 35. */
export function checkSnapshotRetention(path: string, days: number): ValidationIssue[] {
  if (isIntegerIn(days, 0, 35)) return [];
  return [{ path, value: days, message: 'must be a whole number of days from 0 to 35' }];
}

/**
 * The daily snapshot window and the weekly maintenance window: each well formed and at least 60 minutes long, and,
 * when snapshots are kept, not overlapping on any day.
 */
export function checkRedisWindows(
  snapshot: { readonly path: string; readonly value: string },
  maintenance: { readonly path: string; readonly value: string },
  snapshotRetentionDays: number,
): ValidationIssue[] {
  return [
    ...checkDailyWindow(snapshot.path, snapshot.value, MIN_WINDOW_MINUTES),
    ...checkWeeklyWindow(maintenance.path, maintenance.value, MIN_WINDOW_MINUTES),
    ...(snapshotRetentionDays > 0 ? checkWindowsDoNotOverlap(snapshot, maintenance) : []),
  ];
}

/** Every rule the constructor enforces, as a pure function so tests (and callers) can ask without building. */
export function validateRedisCacheProps(
  props: RedisCacheProps,
  settings = resolveRedisSettings(props),
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const fail = (path: string, value: unknown, message: string) => issues.push({ path, value, message });

  issues.push(...checkReplicationGroupId('replicationGroupId', props.replicationGroupId));
  if (!settings.description.trim()) fail('description', settings.description, 'must not be empty');
  issues.push(...checkRedisSubnets('subnetIds', props.subnetIds, settings.automaticFailover));
  const versionIssues = checkRedisEngineVersion('engineVersion', settings.engineVersion);
  issues.push(...versionIssues);
  const [major, minor] = settings.engineVersion.split('.').map(Number);
  if (versionIssues.length === 0 && props.logDelivery?.engineLog && major === 6 && (minor ?? 0) < 2) {
    fail('logDelivery.engineLog', props.logDelivery.engineLog, 'needs engineVersion 6.2 or later');
  }
  issues.push(...checkRedisNodeType('nodeType', settings.nodeType));
  issues.push(...checkNumCacheClusters('numCacheClusters', settings.numCacheClusters));
  issues.push(...checkAutomaticFailover('automaticFailover', settings.automaticFailover, settings.numCacheClusters));
  issues.push(...checkRedisPort('port', settings.port));
  for (const [name, value] of Object.entries(settings.parameters)) {
    issues.push(...checkRedisParameter(joinPath('parameters', name), name, value));
  }
  if (props.iamAuthentication) {
    issues.push(
      ...checkIamAuthentication(
        'iamAuthentication',
        props.iamAuthentication,
        settings.transitEncryption,
        settings.engineVersion,
      ),
    );
    if (props.authToken !== undefined) fail('authToken', 'redacted', 'must not be set with iamAuthentication');
  }
  if (props.authToken !== undefined) {
    // The token is a secret: the error names its length, never its value.
    const shown = Token.isUnresolved(props.authToken)
      ? 'a reference'
      : `redacted, ${props.authToken.length} characters`;
    const transitIssues = checkAuthTokenNeedsTransitEncryption('authToken', shown, settings.transitEncryption);
    issues.push(...transitIssues);
    if (transitIssues.length === 0 && !Token.isUnresolved(props.authToken) && !AUTH_TOKEN.test(props.authToken)) {
      fail('authToken', shown, 'must be 16 to 128 characters of letters, digits and !&#$^<>-');
    }
  }
  issues.push(...checkSnapshotRetention('snapshotRetentionDays', settings.snapshotRetentionDays));
  issues.push(
    ...checkRedisWindows(
      { path: 'snapshotWindow', value: settings.snapshotWindow },
      { path: 'maintenanceWindow', value: settings.maintenanceWindow },
      settings.snapshotRetentionDays,
    ),
  );
  for (const kind of Object.keys(REDIS_LOG_TYPES) as RedisLogKind[]) {
    const destination = props.logDelivery?.[kind];
    if (!destination) continue;
    const path = joinPath('logDelivery', kind);
    if (!Token.isUnresolved(destination.logGroupName) && !/^[\w\-./#]{1,512}$/.test(destination.logGroupName)) {
      fail(`${path}.logGroupName`, destination.logGroupName, 'must be 1 to 512 of letters, digits and _-./#');
    }
    issues.push(...checkLogRetention(`${path}.retentionInDays`, destination.retentionInDays ?? 30));
    issues.push(...checkKmsKeyArn(`${path}.kmsKeyArn`, destination.kmsKeyArn));
  }
  const { slowLog, engineLog } = props.logDelivery ?? {};
  if (slowLog && engineLog && slowLog.logGroupName === engineLog.logGroupName) {
    fail('logDelivery.engineLog.logGroupName', engineLog.logGroupName, 'must differ from slowLog.logGroupName');
  }
  issues.push(...checkKmsKeyArn('kmsKeyArn', props.kmsKeyArn));
  return issues;
}

/** `7.1` → `redis7`; Redis 6 families are `redis6.x`. */
function parameterGroupFamily(engineVersion: string): string {
  const major = Number(engineVersion.split('.')[0]);
  return major >= 7 ? `redis${major}` : `redis${major}.x`;
}
