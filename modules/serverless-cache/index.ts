/**
 * An ElastiCache Serverless cache (Redis OSS or Valkey) in private subnets, behind its own security group, with usage
 * limits that cap its cost: data storage in GB and ElastiCache Processing Units (ECPUs) per second. A serverless cache
 * always encrypts data at rest and requires TLS from clients (`rediss://`); there is no plain-text endpoint to turn on.
 *
 * There are no nodes, hence no host CPU or memory-percentage metrics: watch `ElastiCacheProcessingUnits` (compute,
 * against the ECPU limit) and `BytesUsedForCache` (memory, against the storage limit), dimension `clusterId` = the
 * cache's name — `serverlessCacheAlarms` in modules/observability builds those alarms from this module's limits.
 *
 * Its security group has no rules until a client is let in: `allowFrom(clientGroup, 'why')` opens the endpoint port
 * (6379) from that group, and with `readerEndpoint` also the reader port (6380).
 */
import { ElasticacheServerlessCache } from '@cdktf/provider-aws/lib/elasticache-serverless-cache';
import { Construct } from 'constructs';
import { checkInteger, checkKmsKeyArn, checkNotAbove, checkOneOf, isAwsDataIdentifier } from '../core/checks';
import { allowTraffic, SecurityGroup } from '../core/security-group';
import { assertNoIssues, joinPath, type ValidationIssue } from '../core/validation';

export const SERVERLESS_CACHE_ENGINES = ['redis', 'valkey'] as const;
export type ServerlessCacheEngine = (typeof SERVERLESS_CACHE_ENGINES)[number];

/** Major versions a serverless cache offers, by engine. */
export const SERVERLESS_CACHE_MAJOR_VERSIONS: Readonly<Record<ServerlessCacheEngine, readonly string[]>> = {
  redis: ['7'],
  valkey: ['7', '8'],
};

/** The endpoint port and the reader endpoint port of a serverless Redis OSS / Valkey cache. */
export const SERVERLESS_CACHE_PORT = 6379;
export const SERVERLESS_CACHE_READER_PORT = 6380;

/** ElastiCache's bounds on the usage limits. */
export const DATA_STORAGE_GB_RANGE = { min: 1, max: 5000 } as const;
export const ECPU_PER_SECOND_RANGE = { min: 1000, max: 15_000_000 } as const;

export interface ServerlessCacheLimits {
  /** Data storage bounds in GB: the cache is billed for at least `minimumGb` and refuses writes above `maximumGb`. */
  readonly dataStorageGb?: { readonly minimumGb?: number; readonly maximumGb: number };
  /** ECPU per second bounds: requests above `maximum` are throttled. */
  readonly ecpuPerSecond?: { readonly minimum?: number; readonly maximum: number };
}

export interface ServerlessCacheProps extends ServerlessCacheLimits {
  /** The cache's name: lowercase letters, digits and single hyphens, starting with a letter, ≤ 40. Required. */
  readonly name: string;
  /** VPC of the cache's security group. Required. */
  readonly vpcId: string;
  /** Private subnets (2 to 3 AZs) the cache's endpoints are placed in. Required. */
  readonly subnetIds: readonly string[];
  /** What the cache holds. Default: `<name>`. */
  readonly description?: string;
  /** `redis` (Redis OSS) or `valkey`. Default: `redis`. */
  readonly engine?: ServerlessCacheEngine;
  /** Major engine version: `7` for Redis OSS; `7` or `8` for Valkey. Default: `7`. */
  readonly majorEngineVersion?: string;
  /** Customer managed KMS key ARN for data at rest. Default: none (the `aws/elasticache` key). */
  readonly kmsKeyArn?: string;
  /** Daily snapshots kept, 0 (none) to 35. Default: 0 — a cache is rebuilt from the source of truth. */
  readonly snapshotRetentionDays?: number;
  /** Start of the daily snapshot, `hh:mm` UTC, with snapshots on. Default: ElastiCache's choice. */
  readonly dailySnapshotTime?: string;
  /** Open the reader endpoint's port (6380) too in `allowFrom`. Default: false. */
  readonly readerEndpoint?: boolean;
  /** Tags beside the provider's default tags. Default: none. */
  readonly tags?: Readonly<Record<string, string>>;
}

export class ServerlessCache extends Construct {
  readonly cache: ElasticacheServerlessCache;
  readonly cacheName: string;
  readonly cacheArn: string;
  /** The endpoint's host name (TLS, port 6379). */
  readonly endpointAddress: string;
  readonly port: number;
  readonly securityGroup: SecurityGroup;
  /** The limits as given: the alarms set their thresholds against them. */
  readonly limits: ServerlessCacheLimits;
  private readonly readerEndpoint: boolean;

  constructor(scope: Construct, id: string, props: ServerlessCacheProps) {
    super(scope, id);
    assertNoIssues(`ServerlessCache "${this.node.path}" props`, validateServerlessCacheProps(props));
    const tags = props.tags ? { ...props.tags } : undefined;
    this.port = SERVERLESS_CACHE_PORT;
    this.readerEndpoint = props.readerEndpoint ?? false;
    this.limits = { dataStorageGb: props.dataStorageGb, ecpuPerSecond: props.ecpuPerSecond };

    this.securityGroup = new SecurityGroup(this, 'security-group', {
      name: `${props.name}-cache`,
      description: `ElastiCache Serverless ${props.name}: ingress only from the clients let in`,
      vpcId: props.vpcId,
      tags,
    });
    const storage = props.dataStorageGb;
    const ecpu = props.ecpuPerSecond;
    const retention = props.snapshotRetentionDays ?? 0;
    this.cache = new ElasticacheServerlessCache(this, 'cache', {
      name: props.name,
      description: props.description ?? props.name,
      engine: props.engine ?? 'redis',
      majorEngineVersion: props.majorEngineVersion ?? '7',
      subnetIds: [...props.subnetIds],
      securityGroupIds: [this.securityGroup.securityGroupId],
      kmsKeyId: props.kmsKeyArn,
      snapshotRetentionLimit: retention,
      dailySnapshotTime: retention > 0 ? props.dailySnapshotTime : undefined,
      cacheUsageLimits:
        storage || ecpu
          ? [
              {
                dataStorage: storage
                  ? [{ minimum: storage.minimumGb, maximum: storage.maximumGb, unit: 'GB' }]
                  : undefined,
                ecpuPerSecond: ecpu ? [{ minimum: ecpu.minimum, maximum: ecpu.maximum }] : undefined,
              },
            ]
          : undefined,
      tags,
    });
    this.cacheName = this.cache.name;
    this.cacheArn = this.cache.arn;
    this.endpointAddress = this.cache.endpoint.get(0).address;
  }

  /** Lets `client` connect: the endpoint port (and the reader port with `readerEndpoint`), naming each other's group. */
  allowFrom(client: SecurityGroup, description: string): void {
    allowTraffic(client, this.securityGroup, { port: SERVERLESS_CACHE_PORT, description });
    if (this.readerEndpoint) {
      allowTraffic(client, this.securityGroup, {
        port: SERVERLESS_CACHE_READER_PORT,
        description: `${description} (reader)`,
      });
    }
  }
}

/** The cache's name: an ElastiCache identifier of at most 40 characters. */
export function checkServerlessCacheName(path: string, name: string): ValidationIssue[] {
  if (isAwsDataIdentifier(name, 40)) return [];
  const message =
    'must be 1 to 40 lowercase letters, digits and single hyphens, starting with a letter, not ending with a hyphen';
  return [{ path, value: name, message }];
}

/** The engine's major version, as a serverless cache offers it. */
export function checkServerlessMajorVersion(
  path: string,
  engine: ServerlessCacheEngine,
  version: string,
): ValidationIssue[] {
  const versions = SERVERLESS_CACHE_MAJOR_VERSIONS[engine] ?? [];
  if (versions.includes(version)) return [];
  return [{ path, value: version, message: `must be a ${engine} serverless major version: ${versions.join(', ')}` }];
}

/** Data storage bounds: whole GB from 1 to 5000, minimum ≤ maximum; `base` is the limit's path. */
export function checkDataStorageLimit(
  base: string,
  limit: { readonly minimumGb?: number; readonly maximumGb: number },
): ValidationIssue[] {
  const { min, max } = DATA_STORAGE_GB_RANGE;
  const at = (field: string) => joinPath(base, field);
  const issues = checkInteger(at('maximumGb'), limit.maximumGb, min, max, 'a whole number of GB');
  if (limit.minimumGb !== undefined) {
    const minimum = checkInteger(at('minimumGb'), limit.minimumGb, min, max, 'a whole number of GB');
    issues.push(...minimum);
    if (minimum.length === 0 && issues.length === 0) {
      issues.push(...checkNotAbove(at('minimumGb'), limit.minimumGb, at('maximumGb'), limit.maximumGb));
    }
  }
  return issues;
}

/** ECPU per second bounds: whole numbers from 1000 to 15,000,000, minimum ≤ maximum; `base` is the limit's path. */
export function checkEcpuLimit(
  base: string,
  limit: { readonly minimum?: number; readonly maximum: number },
): ValidationIssue[] {
  const { min, max } = ECPU_PER_SECOND_RANGE;
  const at = (field: string) => joinPath(base, field);
  const issues = checkInteger(at('maximum'), limit.maximum, min, max, 'a whole number of ECPUs per second');
  if (limit.minimum !== undefined) {
    const minimum = checkInteger(at('minimum'), limit.minimum, min, max, 'a whole number of ECPUs per second');
    issues.push(...minimum);
    if (minimum.length === 0 && issues.length === 0) {
      issues.push(...checkNotAbove(at('minimum'), limit.minimum, at('maximum'), limit.maximum));
    }
  }
  return issues;
}

/** The cache's subnets: 2 or 3, in different AZs. */
export function checkServerlessCacheSubnets(path: string, subnetIds: readonly string[]): ValidationIssue[] {
  if (subnetIds.length >= 2 && subnetIds.length <= 3) return [];
  const message = 'must list 2 or 3 subnets in different AZs (a serverless cache spans them)';
  return [{ path, value: subnetIds, message }];
}

/** Snapshots kept: 0 to 35 days. */
export function checkServerlessSnapshotRetention(path: string, days: number): ValidationIssue[] {
  return checkInteger(path, days, 0, 35, 'a whole number of days');
}

/** Every rule the constructor enforces, as a pure function. */
export function validateServerlessCacheProps(props: ServerlessCacheProps): ValidationIssue[] {
  const engine = props.engine ?? 'redis';
  const issues: ValidationIssue[] = [
    ...checkServerlessCacheName('name', props.name),
    ...checkOneOf('engine', engine, SERVERLESS_CACHE_ENGINES),
  ];
  if (issues.every((issue) => issue.path !== 'engine')) {
    issues.push(...checkServerlessMajorVersion('majorEngineVersion', engine, props.majorEngineVersion ?? '7'));
  }
  issues.push(...checkServerlessCacheSubnets('subnetIds', props.subnetIds ?? []));
  if (props.dataStorageGb) issues.push(...checkDataStorageLimit('dataStorageGb', props.dataStorageGb));
  if (props.ecpuPerSecond) issues.push(...checkEcpuLimit('ecpuPerSecond', props.ecpuPerSecond));
  issues.push(
    ...checkKmsKeyArn('kmsKeyArn', props.kmsKeyArn),
    ...checkServerlessSnapshotRetention('snapshotRetentionDays', props.snapshotRetentionDays ?? 0),
  );
  if (props.dailySnapshotTime !== undefined && !/^([01]\d|2[0-3]):[0-5]\d$/.test(props.dailySnapshotTime)) {
    issues.push({ path: 'dailySnapshotTime', value: props.dailySnapshotTime, message: 'must be hh:mm (UTC)' });
  }
  return issues;
}
