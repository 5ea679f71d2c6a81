/**
 * Reusable schema fields and the glue that builds config fields from the modules' checks. A value that goes into a
 * module prop is validated by that module's exported check (`fromModuleCheck`, `moduleEnum`, `addModuleIssues`), so
 * config and module apply one rule with one message and the error names the config path. The other fields (account
 * ids, regions, e-mail, tags) are project-level and validated here.
 */
import { z } from 'zod';
import {
  checkEncryptionType,
  checkExpireUntaggedDays,
  checkImageTagMutability,
  checkKeepImageCount,
  checkLifecycleTags,
  IMAGE_TAG_MUTABILITIES,
  REPOSITORY_ENCRYPTION_TYPES,
  type ContainerRepositoryKeepTaggedImagesProps,
  type ContainerRepositoryProps,
} from '../../modules/container-registry';
import { checkS3BucketName } from '../../modules/core/checks';
import { checkCidr } from '../../modules/core/cidr';
import { checkLogRetention, joinPath, type ValidationIssue } from '../../modules/core/validation';
import { checkAccessLogDays } from '../../modules/load-balancer';
import {
  checkContainerHealthCheck,
  checkDeploymentMaximumPercent,
  checkDeploymentMinimumHealthyPercent,
  checkScalingCooldown,
  HTTP_PROBE_RUNTIMES,
  httpHealthCheckCommand,
  type FargateContainerHealthCheckProps,
} from '../../modules/ecs';
import { checkGithubBranch, checkGithubRepository, hasWildcard } from '../../modules/github-oidc';
import { checkAlarmEvaluationPeriods, checkAlarmPeriod, checkEvaluationRange } from '../../modules/observability';
import {
  checkAutomaticFailover,
  checkNumCacheClusters,
  checkRedisEngineVersion,
  checkRedisNodeType,
  checkRedisPort,
  checkRedisWindows,
  checkSnapshotRetention,
  checkIamAuthentication,
} from '../../modules/redis';

/** A module's check of one value: the problems at `path` (or below it), none when the value is fine. */
export type ModuleCheck<T> = (path: string, value: T) => ValidationIssue[];

/** `a.b[2].c` → `['a', 'b', 2, 'c']`, the form zod keeps paths in. */
export function pathSegments(path: string): Array<string | number> {
  return path.split(/\.|\[(\d+)\]/).flatMap<string | number>((segment, index) => {
    if (segment === undefined || segment === '') return [];
    return index % 2 === 1 ? [Number(segment)] : [segment];
  });
}

/** Adds a module's issues to zod's, each at its path (dotted, relative to the value being refined). */
export function addModuleIssues(ctx: z.RefinementCtx, issues: readonly ValidationIssue[]): void {
  for (const issue of issues) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: pathSegments(issue.path), message: issue.message });
  }
}

/** A refinement from a module's check, so config and modules apply one rule with one message. */
export function fromModuleCheck<T>(check: ModuleCheck<T>) {
  return (value: T, ctx: z.RefinementCtx) => addModuleIssues(ctx, check('', value));
}

/**
 * One of a module's fixed values (its exported list), with the module's message for anything else; the config type
 * keeps the literal union.
 */
export function moduleEnum<const T extends readonly [string, ...string[]]>(values: T, check: ModuleCheck<string>) {
  return z.enum(values as unknown as [T[number], ...T[number][]], {
    errorMap: (_issue, ctx) => ({ message: check('', ctx.data as string)[0]?.message ?? ctx.defaultError }),
  });
}

/** A number a module checks (its range, whole numbers): zod only asks for a number. */
export function moduleNumber(check: ModuleCheck<number>) {
  return z.number().superRefine(fromModuleCheck(check));
}

/** A string a module checks. */
export function moduleString(check: ModuleCheck<string>) {
  return z.string().superRefine(fromModuleCheck(check));
}

export const accountId = z.string().regex(/^\d{12}$/, 'must be a 12-digit AWS account id');

export const region = z
  .string()
  .regex(/^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/, 'must be an AWS region like us-east-1');

export const availabilityZone = z
  .string()
  .regex(/^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d[a-z]$/, 'must be an availability zone like us-east-1a');

export const ipv4Cidr = moduleString(checkCidr);

export const positiveInt = z.number().int('must be a whole number').positive('must be greater than 0');

export const logRetentionDays = moduleNumber(checkLogRetention);

/** `owner/name` as GitHub allows them; wildcards are refused so no other repository can assume a role. */
export const githubRepository = moduleString(checkGithubRepository);

/**
 * A branch whose workflow runs may assume a role: the module's branch rule, and no wildcard (the module would take
 * `release/*` as a pattern; the blueprints trust named branches only).
 */
export const githubBranch = z.string().superRefine((branch, ctx) => {
  const issues = checkGithubBranch('', branch);
  if (issues.length > 0) addModuleIssues(ctx, issues);
  else if (hasWildcard(branch)) {
    customIssue(ctx, [], 'must be a branch name without wildcards: a * or ? would let other branches assume the role');
  }
});

/** S3 naming, the rules the modules apply to the buckets they create. */
export const s3BucketName = moduleString(checkS3BucketName);

export const email = z.string().email('must be an e-mail address');

/** Keys AWS reserves or this project sets on every resource through provider default_tags. */
export const PROJECT_TAG_KEYS = ['project', 'environment', 'blueprint', 'managed-by'] as const;

export const userTags = z
  .record(z.string(), z.string().max(256, 'must be at most 256 characters'))
  .superRefine((tags, ctx) => {
    for (const key of Object.keys(tags)) {
      if (key.length === 0 || key.length > 128 || key.toLowerCase().startsWith('aws:')) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: [key],
          message: 'is not a valid tag key (1-128 characters, not aws:)',
        });
      } else if ((PROJECT_TAG_KEYS as readonly string[]).includes(key)) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: [key],
          message: 'is set by the project on every resource; choose another key',
        });
      }
    }
  });

/**
 * The period of an alarm on a standard-resolution metric (ECS, ALB, ElastiCache publish one datapoint a minute): the
 * alarm modules' rule (10, 20, 30 or a multiple of 60), and whole minutes, since a shorter period never has data.
 */
export const alarmPeriodSeconds = z.number().superRefine((seconds, ctx) => {
  const issues = checkAlarmPeriod('', seconds);
  if (issues.length > 0) addModuleIssues(ctx, issues);
  else if (seconds % 60 !== 0) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      message: 'must be a multiple of 60: these metrics have one datapoint a minute',
    });
  }
});

/** Reports a cross-field problem at `path` (relative to the object being refined), in zod's form. */
export function customIssue(ctx: z.RefinementCtx, path: Array<string | number>, message: string): void {
  ctx.addIssue({ code: z.ZodIssueCode.custom, path, message });
}

/** The alarm sets' evaluation periods (1 to 100000); the range with the period is {@link alarmTimingIssues}'. */
export const alarmEvaluationPeriods = moduleNumber(checkAlarmEvaluationPeriods);

/** periodSeconds × evaluationPeriods within what CloudWatch evaluates (MetricAlarm's rule), at `base`. */
export function alarmTimingIssues(
  base: string,
  timing: { readonly periodSeconds: number; readonly evaluationPeriods: number },
): ValidationIssue[] {
  const evaluationPath = joinPath(base, 'evaluationPeriods');
  if (checkAlarmPeriod('', timing.periodSeconds).length > 0) return [];
  if (checkAlarmEvaluationPeriods('', timing.evaluationPeriods).length > 0) return [];
  return checkEvaluationRange(evaluationPath, timing.evaluationPeriods, timing.periodSeconds);
}

/** A load balancer's access logs: on or off, and how many days a log object is kept (the log bucket's rule). */
export const accessLogsSchema = z
  .object({ enabled: z.boolean(), expirationDays: moduleNumber(checkAccessLogDays) })
  .strict();

/** The Redis (ElastiCache) fields every blueprint with a cache has, each the Redis module's rule. */
export const redisCacheFields = {
  engineVersion: moduleString(checkRedisEngineVersion),
  nodeType: moduleString(checkRedisNodeType),
  numCacheClusters: moduleNumber(checkNumCacheClusters),
  /** Promote a replica when the primary fails (and Multi-AZ); needs numCacheClusters of 2 or more. */
  automaticFailover: z.boolean(),
  port: moduleNumber(checkRedisPort),
  snapshotRetentionDays: moduleNumber(checkSnapshotRetention),
  /** Daily, `hh:mm-hh:mm` UTC, at least an hour, not overlapping maintenanceWindow. */
  snapshotWindow: z.string(),
  /** Weekly, `ddd:hh:mm-ddd:hh:mm` UTC, at least an hour. */
  maintenanceWindow: z.string(),
  transitEncryption: z.boolean(),
  /**
   * Clients authenticate with their IAM role (a user `<appName>-<env>-app`, the default user disabled); needs
   * transitEncryption and Redis 7. Off leaves the security group as the only gate (guardrail elasticache-redis-auth).
   */
  iamAuthentication: z.boolean(),
};

/**
 * The Redis module's cross-field rules for a cache section at `base`: failover needs two nodes; the windows' formats,
 * lengths and overlap. (Its subnets are checked with the network: see `subnetsOf` in network-schema.ts.)
 */
export function redisCacheIssues(
  base: string,
  cache: {
    readonly automaticFailover: boolean;
    readonly numCacheClusters: number;
    readonly snapshotRetentionDays: number;
    readonly snapshotWindow: string;
    readonly maintenanceWindow: string;
    readonly iamAuthentication: boolean;
    readonly transitEncryption: boolean;
    readonly engineVersion: string;
  },
): ValidationIssue[] {
  const at = (field: string) => joinPath(base, field);
  // The user id is made from appName (checked there); here only what the section's own settings decide.
  const iam = cache.iamAuthentication
    ? checkIamAuthentication(at('iamAuthentication'), { userId: 'app' }, cache.transitEncryption, cache.engineVersion)
    : [];
  return [
    ...iam,
    ...checkAutomaticFailover(at('automaticFailover'), cache.automaticFailover, cache.numCacheClusters),
    ...checkRedisWindows(
      { path: at('snapshotWindow'), value: cache.snapshotWindow },
      { path: at('maintenanceWindow'), value: cache.maintenanceWindow },
      cache.snapshotRetentionDays,
    ),
  ];
}

/**
 * Issues of a value the config does not hold itself but makes (a name from appName and the environment, a module
 * default that a setting must fit), moved to the setting at `path`: `<lead>, which <the module's message>`.
 */
export function derivedIssues(path: string, lead: string, issues: readonly ValidationIssue[]): ValidationIssue[] {
  return issues.map((issue) => ({ path, value: issue.value, message: `${lead}, which ${issue.message}` }));
}

/**
 * A module's check of each entry of a record (environment variables): `check(name, value)`'s issues go to
 * `[...base, name]`, whatever characters the name has.
 */
export function addRecordIssues(
  ctx: z.RefinementCtx,
  base: ReadonlyArray<string | number>,
  record: Readonly<Record<string, string>>,
  check: (name: string, value: string) => ValidationIssue[],
): void {
  for (const [name, value] of Object.entries(record)) {
    for (const issue of check(name, value)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: [...base, name], message: issue.message });
    }
  }
}

/**
 * A rolling ECS deployment and its scaling cooldowns, the ECS module's rules; and the blueprints' own: a deployment
 * needs room above the healthy minimum to start a new task before it stops an old one.
 */
export const ecsDeploymentSchema = z
  .object({
    maximumPercent: moduleNumber(checkDeploymentMaximumPercent),
    minimumHealthyPercent: moduleNumber(checkDeploymentMinimumHealthyPercent),
    circuitBreakerRollback: z.boolean(),
    scaleInCooldownSeconds: moduleNumber(checkScalingCooldown),
    scaleOutCooldownSeconds: moduleNumber(checkScalingCooldown),
  })
  .strict()
  .superRefine((deployment, ctx) => {
    if (deployment.maximumPercent <= deployment.minimumHealthyPercent) {
      customIssue(ctx, ['maximumPercent'], 'must be above minimumHealthyPercent, or a deployment cannot start');
    }
  });

/** Tag prefixes or patterns of an ECR keep-last-N rule, the registry module's rule. */
export const lifecycleTags = z
  .array(z.string())
  .superRefine((tags, ctx) => addModuleIssues(ctx, checkLifecycleTags('', tags)));

/** An ECR repository's settings besides which tags its keep-last-N rule keeps, the registry module's rules. */
export const containerRegistryFields = {
  imageTagMutability: moduleEnum(IMAGE_TAG_MUTABILITIES, checkImageTagMutability),
  scanOnPush: z.boolean(),
  /** `AES256`, or `KMS` with the AWS-managed `aws/ecr` key. */
  encryption: moduleEnum(REPOSITORY_ENCRYPTION_TYPES, checkEncryptionType),
  /** How many tagged images the keep-last-N rule keeps. */
  keepImageCount: moduleNumber(checkKeepImageCount),
  expireUntaggedAfterDays: moduleNumber(checkExpireUntaggedDays),
};

/**
 * An ECR repository whose keep-last-N rule counts the images whose tag matches `tagPatterns` (`*`: every tagged image,
 * for builds tagged with their commit).
 */
export const containerRepositorySchema = z
  .object({
    imageTagMutability: containerRegistryFields.imageTagMutability,
    scanOnPush: containerRegistryFields.scanOnPush,
    encryption: containerRegistryFields.encryption,
    keepTaggedImages: z.object({ tagPatterns: lifecycleTags, count: containerRegistryFields.keepImageCount }).strict(),
    expireUntaggedAfterDays: containerRegistryFields.expireUntaggedAfterDays,
  })
  .strict();

/** A repository section as the registry module takes it (either keep-last-N form). */
export function containerRepositoryProps(
  name: string,
  registry: Pick<z.infer<typeof containerRepositorySchema>, 'imageTagMutability' | 'scanOnPush' | 'encryption'> & {
    readonly keepTaggedImages: ContainerRepositoryKeepTaggedImagesProps;
    readonly expireUntaggedAfterDays: number;
  },
): ContainerRepositoryProps {
  return {
    name,
    scanOnPush: registry.scanOnPush,
    imageTagMutability: registry.imageTagMutability,
    encryption: { type: registry.encryption },
    lifecycle: {
      keepTaggedImages: registry.keepTaggedImages,
      expireUntaggedAfterDays: registry.expireUntaggedAfterDays,
    },
  };
}

/** A target group's health check besides its path (which is the service's). */
export const targetGroupHealthCheckSchema = z
  .object({
    intervalSeconds: z.number(),
    timeoutSeconds: z.number(),
    healthyThreshold: z.number(),
    unhealthyThreshold: z.number(),
    /** HTTP codes that count as healthy. */
    matcher: z.string(),
  })
  .strict();

/**
 * The container's own health check, so ECS replaces a hung task even while the load balancer's check passes: a GET of
 * the service's health path on its port with the image's interpreter (`node`, `python`), or `none`.
 */
export const containerHealthCheckSchema = z
  .object({
    probe: z.enum([...HTTP_PROBE_RUNTIMES, 'none']),
    intervalSeconds: z.number(),
    timeoutSeconds: z.number(),
    retries: z.number(),
    /** Seconds after start during which failures do not count: the application's start-up time. */
    startPeriodSeconds: z.number(),
  })
  .strict();

export type ContainerHealthCheckConfig = z.infer<typeof containerHealthCheckSchema>;

/** The ECS module's health check of a container on `port` serving `healthPath`; none when the probe is `none`. */
export function containerHealthCheckProps(
  check: ContainerHealthCheckConfig,
  port: number,
  healthPath: string,
): FargateContainerHealthCheckProps | undefined {
  const { probe, ...timing } = check;
  if (probe === 'none') return undefined;
  return { command: httpHealthCheckCommand(probe, port, healthPath), ...timing };
}

/** The ECS module's rules on that health check, at `path` (e.g. `service.containerHealthCheck`). */
export function containerHealthCheckIssues(
  path: string,
  check: ContainerHealthCheckConfig,
  port: number,
  healthPath: string,
): ValidationIssue[] {
  const props = containerHealthCheckProps(check, port, healthPath);
  return props ? checkContainerHealthCheck(path, props) : [];
}
