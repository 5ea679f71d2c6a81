/**
 * A private ECR repository: images scanned on push, immutable tags, encryption at rest (AES256 or KMS), and a
 * lifecycle policy that keeps the registry from growing without bound.
 *
 * Lifecycle policy (rule priority → what it does, with the defaults):
 *
 * | priority | selects                                   | action                                    |
 * | -------- | ----------------------------------------- | ----------------------------------------- |
 * | 1        | untagged images                           | expire 7 days after push                  |
 * | 2        | images tagged `v*` (tagPrefixes)          | expire all but the 10 most recent pushes  |
 *
 * Tagged images that match neither prefix nor pattern are never expired: with tags like a git SHA, use
 * `keepTaggedImages.tagPatterns: ['*']` to cap every tagged image.
 *
 * Tags are IMMUTABLE by default: CI must push a unique tag per build (a version or the commit SHA); pushing an
 * existing tag such as `latest` a second time fails. `imageTagMutability: 'MUTABLE'` is the explicit weaker choice.
 *
 * {@link RegistryReplication} copies pushed images to registries in other regions (or accounts):
 *
 * | creates                                   | with                                                                |
 * | ----------------------------------------- | ------------------------------------------------------------------- |
 * | `aws_ecr_replication_configuration`       | one rule: every destination, repositories by name prefix            |
 *
 * It is the registry's ONE replication configuration: ECR keeps a single one per account and region (the source's),
 * so a second stack writing one in the same account and region overwrites this one, and destroying either removes
 * replication for both. Only repositories whose name starts with one of `repositoryPrefixes` are replicated (a
 * registry-wide rule is not offered as a default). Images pushed before the configuration existed are not copied.
 * The destination repositories are created by ECR on the first replicated push, with AES256 encryption and the
 * source repository's settings; a replicated repository's own lifecycle policy is not copied.
 */
import { EcrLifecyclePolicy } from '@cdktf/provider-aws/lib/ecr-lifecycle-policy';
import { EcrReplicationConfiguration } from '@cdktf/provider-aws/lib/ecr-replication-configuration';
import { EcrRepository } from '@cdktf/provider-aws/lib/ecr-repository';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { checkAccountId, checkAwsRegion, checkKmsKeyArn } from '../core/checks';
import { assertNoIssues, joinPath, type ValidationIssue } from '../core/validation';

export interface ContainerRepositoryEncryptionProps {
  /** `AES256` (Amazon S3-managed keys) or `KMS` (`aws/ecr`, or kmsKeyArn when set). Default: `AES256`. */
  readonly type?: 'AES256' | 'KMS';
  /** Customer-managed KMS key ARN; only with type `KMS`. Default: none (the AWS-managed `aws/ecr` key). */
  readonly kmsKeyArn?: string;
}

export interface ContainerRepositoryKeepTaggedImagesProps {
  /** Tag prefixes of the images the keep-last-N rule counts (`tagPrefixList`). Default: `['v']` without tagPatterns. */
  readonly tagPrefixes?: readonly string[];
  /**
   * Tag wildcard patterns instead of prefixes (`tagPatternList`), e.g. `['*']` for every tagged image or
   * `['release-*']`. Not together with tagPrefixes. Default: none (tagPrefixes is used).
   */
  readonly tagPatterns?: readonly string[];
  /** How many of the most recently pushed matching images to keep; older ones expire. Default: 10. */
  readonly count?: number;
}

export interface ContainerRepositoryLifecycleProps {
  /** The keep-last-N rule for tagged images. Default: keep the last 10 images tagged `v*`. */
  readonly keepTaggedImages?: ContainerRepositoryKeepTaggedImagesProps;
  /** Days after push an untagged image expires. Default: 7. */
  readonly expireUntaggedAfterDays?: number;
}

export interface ContainerRepositoryProps {
  /**
   * Repository name: lowercase letters, digits and `.`, `_`, `-` separators, optional `/` namespaces, 2 to 256
   * characters, e.g. `shop-dev/backend`. Required.
   */
  readonly name: string;
  /** Scan every pushed image for vulnerabilities (basic scanning). Default: true. */
  readonly scanOnPush?: boolean;
  /**
   * `IMMUTABLE` (a tag always names the same image; CI must push unique tags) or `MUTABLE` (tags can be overwritten,
   * the weaker choice). Default: `IMMUTABLE`.
   */
  readonly imageTagMutability?: 'IMMUTABLE' | 'MUTABLE';
  /** Encryption at rest. Default: `AES256`. */
  readonly encryption?: ContainerRepositoryEncryptionProps;
  /** Lifecycle policy. Default: untagged images expire after 7 days, the last 10 images tagged `v*` are kept. */
  readonly lifecycle?: ContainerRepositoryLifecycleProps;
  /** Let `terraform destroy` delete the repository while it still holds images. Default: false. */
  readonly forceDelete?: boolean;
  /** Tags beside the provider's default tags. Default: none. */
  readonly tags?: Readonly<Record<string, string>>;
}

/** One rule of an ECR lifecycle policy document, as ECR reads it. */
export interface EcrLifecycleRule {
  readonly rulePriority: number;
  readonly description: string;
  readonly selection: {
    readonly tagStatus: 'tagged' | 'untagged' | 'any';
    readonly tagPrefixList?: string[];
    readonly tagPatternList?: string[];
    readonly countType: 'imageCountMoreThan' | 'sinceImagePushed';
    readonly countUnit?: 'days';
    readonly countNumber: number;
  };
  readonly action: { readonly type: 'expire' };
}

export class ContainerRepository extends Construct {
  readonly repository: EcrRepository;
  readonly lifecyclePolicy: EcrLifecyclePolicy;
  /** The lifecycle policy document (also JSON-encoded in lifecyclePolicy), for callers that log or compare it. */
  readonly lifecycleRules: readonly EcrLifecycleRule[];
  readonly repositoryName: string;
  /** `<account>.dkr.ecr.<region>.amazonaws.com/<name>`: append `:<tag>` for a task definition's image. */
  readonly repositoryUrl: string;
  /** For IAM statements, e.g. FargateService's `repositoryArns`. */
  readonly repositoryArn: string;

  constructor(scope: Construct, id: string, props: ContainerRepositoryProps) {
    super(scope, id);
    const encryptionType = props.encryption?.type ?? 'AES256';
    const keep = props.lifecycle?.keepTaggedImages;
    const lifecycle = {
      tagPrefixes: keep?.tagPrefixes ?? (keep?.tagPatterns ? undefined : ['v']),
      tagPatterns: keep?.tagPatterns,
      count: keep?.count ?? 10,
      expireUntaggedAfterDays: props.lifecycle?.expireUntaggedAfterDays ?? 7,
    };
    assertNoIssues(`ContainerRepository "${this.node.path}" props`, validateContainerRepositoryProps(props));

    this.repository = new EcrRepository(this, 'repository', {
      name: props.name,
      imageTagMutability: props.imageTagMutability ?? 'IMMUTABLE',
      imageScanningConfiguration: { scanOnPush: props.scanOnPush ?? true },
      encryptionConfiguration: [
        encryptionType === 'KMS'
          ? { encryptionType: 'KMS', kmsKey: props.encryption?.kmsKeyArn }
          : { encryptionType: 'AES256' },
      ],
      forceDelete: props.forceDelete ?? false,
      tags: props.tags ? { ...props.tags } : undefined,
    });
    this.repositoryName = this.repository.name;
    this.repositoryUrl = this.repository.repositoryUrl;
    this.repositoryArn = this.repository.arn;

    this.lifecycleRules = [
      {
        rulePriority: 1,
        description: `Expire untagged images ${lifecycle.expireUntaggedAfterDays} days after push`,
        selection: {
          tagStatus: 'untagged',
          countType: 'sinceImagePushed',
          countUnit: 'days',
          countNumber: lifecycle.expireUntaggedAfterDays,
        },
        action: { type: 'expire' },
      },
      {
        rulePriority: 2,
        description: `Keep the last ${lifecycle.count} images tagged ${describeTags(lifecycle)}`,
        selection: {
          tagStatus: 'tagged',
          ...(lifecycle.tagPatterns
            ? { tagPatternList: [...lifecycle.tagPatterns] }
            : { tagPrefixList: [...(lifecycle.tagPrefixes ?? [])] }),
          countType: 'imageCountMoreThan',
          countNumber: lifecycle.count,
        },
        action: { type: 'expire' },
      },
    ];
    this.lifecyclePolicy = new EcrLifecyclePolicy(this, 'lifecycle-policy', {
      repository: this.repository.name,
      policy: JSON.stringify({ rules: this.lifecycleRules }),
    });
  }
}

function describeTags(lifecycle: { tagPrefixes?: readonly string[]; tagPatterns?: readonly string[] }): string {
  if (lifecycle.tagPatterns) return lifecycle.tagPatterns.join(', ');
  return (lifecycle.tagPrefixes ?? []).map((prefix) => `${prefix}*`).join(', ');
}

/** ECR's repository-name grammar: lowercase components joined by `.`, `_`, `-`, namespaced by `/`. */
const ECR_NAME = /^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/;

const isPositiveInteger = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 1;

export const IMAGE_TAG_MUTABILITIES = ['IMMUTABLE', 'MUTABLE'] as const;
export const REPOSITORY_ENCRYPTION_TYPES = ['AES256', 'KMS'] as const;

/** ECR's repository-name grammar, 2 to 256 characters. A token passes. */
export function checkRepositoryName(path: string, name: string): ValidationIssue[] {
  if (Token.isUnresolved(name)) return [];
  if (typeof name === 'string' && name.length >= 2 && name.length <= 256 && ECR_NAME.test(name)) return [];
  const message =
    'must be 2 to 256 characters: lowercase letters and digits, separated by single ".", "_" or "-", ' +
    'with optional "/" namespaces (e.g. "app-dev/backend")';
  return [{ path, value: name, message }];
}

export function checkImageTagMutability(path: string, mutability: string): ValidationIssue[] {
  if ((IMAGE_TAG_MUTABILITIES as readonly string[]).includes(mutability)) return [];
  return [{ path, value: mutability, message: 'must be "IMMUTABLE" or "MUTABLE"' }];
}

export function checkEncryptionType(path: string, type: string): ValidationIssue[] {
  if ((REPOSITORY_ENCRYPTION_TYPES as readonly string[]).includes(type)) return [];
  return [{ path, value: type, message: 'must be "AES256" or "KMS"' }];
}

/** The tag prefixes or patterns of the keep-last-N rule: at least one, each 1 to 128 characters. */
export function checkLifecycleTags(path: string, tags: readonly string[]): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (tags.length === 0) issues.push({ path, value: tags, message: 'must list at least one tag' });
  tags.forEach((tag, index) => {
    if (typeof tag !== 'string' || tag.length === 0 || tag.length > 128) {
      const message = 'must be a non-empty tag of up to 128 characters';
      issues.push({ path: joinPath(path, index), value: tag, message });
    }
  });
  return issues;
}

/** How many matching images the keep-last-N rule keeps: at least 1. */
export function checkKeepImageCount(path: string, count: number): ValidationIssue[] {
  if (isPositiveInteger(count)) return [];
  return [{ path, value: count, message: 'must be a whole number of images, at least 1' }];
}

/** Days after push an untagged image expires: at least 1. */
export function checkExpireUntaggedDays(path: string, days: number): ValidationIssue[] {
  if (isPositiveInteger(days)) return [];
  return [{ path, value: days, message: 'must be a whole number of days, at least 1' }];
}

/** Every rule the constructor enforces, as a pure function so tests (and callers) can ask without building. */
export function validateContainerRepositoryProps(props: ContainerRepositoryProps): ValidationIssue[] {
  const issues: ValidationIssue[] = [...checkRepositoryName('name', props.name)];
  if (props.imageTagMutability !== undefined) {
    issues.push(...checkImageTagMutability('imageTagMutability', props.imageTagMutability));
  }
  const encryptionType = props.encryption?.type ?? 'AES256';
  issues.push(...checkEncryptionType('encryption.type', encryptionType));
  const kmsKeyArn = props.encryption?.kmsKeyArn;
  if (kmsKeyArn !== undefined) {
    if (encryptionType !== 'KMS') {
      issues.push({
        path: 'encryption.kmsKeyArn',
        value: kmsKeyArn,
        message: 'is only used with encryption.type "KMS"',
      });
    } else {
      // ECR resolves aliases itself, so an alias ARN is as good as the key's.
      issues.push(...checkKmsKeyArn('encryption.kmsKeyArn', kmsKeyArn, { allowAlias: true }));
    }
  }

  const keep = props.lifecycle?.keepTaggedImages;
  if (keep?.tagPrefixes !== undefined && keep.tagPatterns !== undefined) {
    issues.push({
      path: 'lifecycle.keepTaggedImages.tagPatterns',
      value: keep.tagPatterns,
      message: 'cannot be combined with tagPrefixes; set one of them',
    });
  }
  for (const [field, list] of [
    ['tagPrefixes', keep?.tagPrefixes],
    ['tagPatterns', keep?.tagPatterns],
  ] as const) {
    if (list !== undefined) issues.push(...checkLifecycleTags(joinPath('lifecycle', 'keepTaggedImages', field), list));
  }
  if (keep?.count !== undefined) issues.push(...checkKeepImageCount('lifecycle.keepTaggedImages.count', keep.count));
  const days = props.lifecycle?.expireUntaggedAfterDays;
  if (days !== undefined) issues.push(...checkExpireUntaggedDays('lifecycle.expireUntaggedAfterDays', days));
  return issues;
}

/** Where replicated images go: a region and the registry (account) there. */
export interface ReplicationDestination {
  /** The destination region, e.g. `us-west-2`. Required. */
  readonly region: string;
  /** The destination registry: the 12-digit id of its account (the same account for in-account replication). */
  readonly registryId: string;
}

export interface RegistryReplicationProps {
  /** Region of this registry (the source): a destination may not be it. Required. */
  readonly sourceRegion: string;
  /** Where images go: region and registry (account) id. Required, 1-25 destinations. */
  readonly destinations: readonly ReplicationDestination[];
  /**
   * Replicate only repositories whose name starts with one of these (PREFIX_MATCH), e.g. `shop-prod/`. Required, 1-100
   * prefixes: a registry-wide rule is a choice nobody should make by default.
   */
  readonly repositoryPrefixes: readonly string[];
}

/** ECR's limits: 25 destinations across the configuration's rules, 100 repository filters per rule. */
export const MAX_REPLICATION_DESTINATIONS = 25;
export const MAX_REPLICATION_PREFIXES = 100;

/**
 * The registry's replication configuration (see the module doc): one rule that copies every image pushed to a
 * repository matching `repositoryPrefixes` to each destination.
 */
export class RegistryReplication extends Construct {
  readonly configuration: EcrReplicationConfiguration;

  constructor(scope: Construct, id: string, props: RegistryReplicationProps) {
    super(scope, id);
    assertNoIssues(`RegistryReplication "${this.node.path}" props`, validateRegistryReplicationProps(props));
    this.configuration = new EcrReplicationConfiguration(this, 'configuration', {
      replicationConfiguration: {
        rule: [
          {
            destination: props.destinations.map(({ region, registryId }) => ({ region, registryId })),
            repositoryFilter: props.repositoryPrefixes.map((prefix) => ({
              filter: prefix,
              filterType: 'PREFIX_MATCH',
            })),
          },
        ],
      },
    });
  }
}

/** ECR's repository filter grammar (a prefix of a repository name), 2 to 256 characters. */
const REPOSITORY_PREFIX = /^(?:[a-z0-9]+(?:[._-][a-z0-9]*)*\/)*[a-z0-9]*(?:[._-][a-z0-9]*)*$/;

/** The repository-name prefixes replication selects: 1 to 100, each a prefix of a valid name, none repeated. */
export function checkReplicationPrefixes(path: string, prefixes: readonly string[]): ValidationIssue[] {
  if (!Array.isArray(prefixes) || prefixes.length === 0 || prefixes.length > MAX_REPLICATION_PREFIXES) {
    const message = `must list 1 to ${MAX_REPLICATION_PREFIXES} repository name prefixes (a registry-wide rule is not offered)`;
    return [{ path, value: prefixes, message }];
  }
  return prefixes.flatMap((prefix, index): ValidationIssue[] => {
    const at = joinPath(path, index);
    if (Token.isUnresolved(prefix)) return [];
    if (typeof prefix !== 'string' || prefix.length < 2 || prefix.length > 256 || !REPOSITORY_PREFIX.test(prefix)) {
      const message =
        'must be the start of a repository name, 2 to 256 characters: lowercase letters, digits, ".", "_", "-" ' +
        'and "/" (e.g. "shop-prod/")';
      return [{ path: at, value: prefix, message }];
    }
    return prefixes.indexOf(prefix) === index ? [] : [{ path: at, value: prefix, message: 'is listed more than once' }];
  });
}

/** The destinations: 1 to 25, each a region other than the source's and a 12-digit registry id, none repeated. */
export function checkReplicationDestinations(
  path: string,
  destinations: readonly ReplicationDestination[],
  sourceRegion: string,
): ValidationIssue[] {
  if (!Array.isArray(destinations) || destinations.length === 0 || destinations.length > MAX_REPLICATION_DESTINATIONS) {
    const message = `must list 1 to ${MAX_REPLICATION_DESTINATIONS} destinations`;
    return [{ path, value: destinations, message }];
  }
  const seen = new Set<string>();
  return destinations.flatMap((destination, index): ValidationIssue[] => {
    const at = joinPath(path, index);
    const issues = [
      ...checkAwsRegion(joinPath(at, 'region'), destination?.region),
      ...checkAccountId(joinPath(at, 'registryId'), destination?.registryId),
    ];
    if (issues.length > 0) return issues;
    if (destination.region === sourceRegion) {
      const message = `must not be the source region ${sourceRegion}: a registry does not replicate to itself`;
      return [{ path: joinPath(at, 'region'), value: destination.region, message }];
    }
    const key = `${destination.region}/${destination.registryId}`;
    if (seen.has(key)) return [{ path: at, value: destination, message: 'is listed more than once' }];
    seen.add(key);
    return [];
  });
}

/** Every rule the constructor enforces, as a pure function. */
export function validateRegistryReplicationProps(props: RegistryReplicationProps): ValidationIssue[] {
  return [
    ...checkAwsRegion('sourceRegion', props.sourceRegion),
    ...checkReplicationDestinations('destinations', props.destinations, props.sourceRegion),
    ...checkReplicationPrefixes('repositoryPrefixes', props.repositoryPrefixes),
  ];
}
