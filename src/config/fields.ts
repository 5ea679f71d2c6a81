/**
 * Reusable schema fields. Blueprint configs are built from these so that a port, a percentage or a scaling range is
 * validated the same way everywhere, with a message that says what the allowed values are.
 */
import { z } from 'zod';
import { checkS3BucketName } from '../../modules/core/checks';
import { checkCidr } from '../../modules/core/cidr';
import { checkLogRetention, type ValidationIssue } from '../../modules/core/validation';
import { MAXMEMORY_POLICIES } from '../../modules/redis';

/** A refinement from a module's check, so config and modules apply one rule with one message. */
function fromModuleCheck<T>(check: (path: string, value: T) => ValidationIssue[]) {
  return (value: T, ctx: z.RefinementCtx) => {
    for (const issue of check('', value)) ctx.addIssue({ code: z.ZodIssueCode.custom, message: issue.message });
  };
}

export const accountId = z.string().regex(/^\d{12}$/, 'must be a 12-digit AWS account id');

export const region = z
  .string()
  .regex(/^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/, 'must be an AWS region like us-east-1');

export const availabilityZone = z
  .string()
  .regex(/^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d[a-z]$/, 'must be an availability zone like us-east-1a');

export const ipv4Cidr = z.string().superRefine(fromModuleCheck(checkCidr));

export const ipv4Address = z.string().ip({ version: 'v4', message: 'must be an IPv4 address like 203.0.113.10' });

export const port = z
  .number()
  .int('must be a whole number')
  .min(1, 'must be a TCP/UDP port from 1 to 65535')
  .max(65535, 'must be a TCP/UDP port from 1 to 65535');

/** A CloudWatch threshold or a target expressed in percent (CPU, memory): 1..100. */
export const percent = z
  .number()
  .min(1, 'must be a percentage from 1 to 100')
  .max(100, 'must be a percentage from 1 to 100');

export const positiveInt = z.number().int('must be a whole number').positive('must be greater than 0');

export const logRetentionDays = z.number().superRefine(fromModuleCheck(checkLogRetention));

/** S3 naming, the rules the modules apply to the buckets they create. */
export const s3BucketName = z.string().superRefine(fromModuleCheck(checkS3BucketName));

export const email = z.string().email('must be an e-mail address');

/** min <= desired <= max, all whole numbers >= 0; used for task counts and instance counts. */
export const capacityRange = z
  .object({
    min: z.number().int('must be a whole number').nonnegative('must be 0 or more'),
    desired: z.number().int('must be a whole number').nonnegative('must be 0 or more').optional(),
    max: z.number().int('must be a whole number').positive('must be greater than 0'),
  })
  .strict()
  .superRefine((range, ctx) => {
    if (range.min > range.max) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['min'], message: `must not exceed max (${range.max})` });
    }
    if (range.desired !== undefined && (range.desired < range.min || range.desired > range.max)) {
      const message = `must be between min (${range.min}) and max (${range.max})`;
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['desired'], message });
    }
  });

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

export const dnsName = z
  .string()
  .regex(
    /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
    'must be a lowercase DNS domain name like dev.example.com',
  );

/** `hh:mm-hh:mm` (UTC), as RDS and ElastiCache take daily windows. */
export const dailyWindow = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/, 'must be hh:mm-hh:mm (UTC)');

/** `ddd:hh:mm-ddd:hh:mm` (UTC), as RDS and ElastiCache take weekly maintenance windows. */
export const weeklyWindow = z
  .string()
  .regex(
    /^(mon|tue|wed|thu|fri|sat|sun):([01]\d|2[0-3]):[0-5]\d-(mon|tue|wed|thu|fri|sat|sun):([01]\d|2[0-3]):[0-5]\d$/,
    'must be ddd:hh:mm-ddd:hh:mm (UTC), e.g. mon:04:00-mon:05:00',
  );

export const urlPathPattern = z
  .string()
  .regex(/^\/[\w\-./*?~]*$/, 'must be a URL path pattern starting with /, e.g. /api/*');

/** Redis (ElastiCache) fields shared by every blueprint with a cache. */
export const redisEngineVersion = z.string().regex(/^\d+\.\d+$/, 'must be a Redis major.minor version like 7.1');
export const cacheNodeType = z
  .string()
  .regex(/^cache\.[a-z0-9]+\.[a-z0-9]+$/, 'must be a node type like cache.t4g.micro');
export const cacheNodeCount = z.number().int().min(1, 'must be 1 to 6').max(6, 'must be 1 to 6');
export const snapshotRetentionDays = z.number().int().min(0, 'must be 0 to 35').max(35, 'must be 0 to 35');
export const maxmemoryPolicy = z.enum(MAXMEMORY_POLICIES);

/** `min(60)` seconds steps, as CloudWatch alarms on standard-resolution metrics need. */
export const alarmPeriodSeconds = z
  .number()
  .int()
  .refine((seconds) => seconds > 0 && seconds % 60 === 0, 'must be a multiple of 60 seconds');

/** An EC2 instance type like t3.medium. */
export const instanceType = z
  .string()
  .regex(/^[a-z][a-z0-9-]*\.[a-z0-9]+$/, 'must be an EC2 instance type like t3.medium');

/** Reports a cross-field problem at `path` (relative to the object being refined), in zod's form. */
export function customIssue(ctx: z.RefinementCtx, path: Array<string | number>, message: string): void {
  ctx.addIssue({ code: z.ZodIssueCode.custom, path, message });
}

/** Automatic failover promotes a replica, so it needs at least two nodes: checked for every cache section. */
export function refineCacheFailover(
  ctx: z.RefinementCtx,
  cache: { readonly automaticFailover: boolean; readonly numCacheClusters: number },
): void {
  if (cache.automaticFailover && cache.numCacheClusters < 2) {
    customIssue(
      ctx,
      ['cache', 'automaticFailover'],
      `needs numCacheClusters of 2 or more (got ${cache.numCacheClusters})`,
    );
  }
}
