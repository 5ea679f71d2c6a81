/**
 * Small checks that more than one module needs: tokens versus literals, whole-number ranges, text, ARNs, KMS keys,
 * S3 bucket names, RDS/ElastiCache identifiers, and the partition a region belongs to. A `check*` function returns the
 * problems as `ValidationIssue`s (none when the value is fine); an `is*` function answers yes or no. Format checks
 * skip tokens (another resource's attribute, known only at apply time).
 */
import { Token } from 'cdktf';
import { joinPath, type ValidationIssue } from './validation';

/** Whether `value` is a string that stands for a Terraform expression (a token), known only at apply time. */
export function isToken(value: unknown): boolean {
  return typeof value === 'string' && Token.isUnresolved(value);
}

/** Whether `value` is a string known at synth time: the only kind of value a format check can look at. */
export function isLiteral(value: unknown): value is string {
  return typeof value === 'string' && !Token.isUnresolved(value);
}

/** Whether `value` is a whole number from `min` to `max`. */
export function isIntegerIn(value: unknown, min: number, max: number): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

/**
 * A whole number from `min` to `max`, else `must be <what> from <min> to <max>` (`≥ <min>` when `max` is Infinity).
 * `what` names the unit, e.g. `a whole number of days`. Undefined is reported like any other bad value; use
 * {@link checkOptionalInteger} for a prop whose default applies when it is left out.
 */
export function checkInteger(
  path: string,
  value: unknown,
  min: number,
  max: number,
  what = 'a whole number',
): ValidationIssue[] {
  if (isIntegerIn(value, min, max)) return [];
  const range = max === Number.POSITIVE_INFINITY ? `≥ ${min}` : `from ${min} to ${max}`;
  return [{ path, value, message: `must be ${what} ${range}` }];
}

/** {@link checkInteger} for an optional prop: undefined passes (the caller's default applies). */
export function checkOptionalInteger(
  path: string,
  value: unknown,
  min: number,
  max: number,
  what?: string,
): ValidationIssue[] {
  return value === undefined ? [] : checkInteger(path, value, min, max, what);
}

export function checkFiniteNumber(path: string, value: unknown): ValidationIssue[] {
  return typeof value === 'number' && Number.isFinite(value)
    ? []
    : [{ path, value, message: 'must be a finite number' }];
}

/** `lower` ≤ `upper`, reported on `lowerPath`; skipped when either is not a number (reported elsewhere). */
export function checkNotAbove(lowerPath: string, lower: number, upperPath: string, upper: number): ValidationIssue[] {
  if (!Number.isFinite(lower) || !Number.isFinite(upper) || lower <= upper) return [];
  return [{ path: lowerPath, value: lower, message: `must not exceed ${upperPath} (${upper})` }];
}

/** A value that must be one of a fixed list. */
export function checkOneOf(path: string, value: unknown, allowed: readonly string[]): ValidationIssue[] {
  return allowed.includes(value as string)
    ? []
    : [{ path, value, message: `must be one of ${allowed.map((item) => `"${item}"`).join(', ')}` }];
}

/** A required, non-blank string of at most `max` characters (a token's length is not known, so it is not counted). */
export function checkText(path: string, value: unknown, max: number): ValidationIssue[] {
  if (typeof value !== 'string' || value.trim() === '') {
    return [{ path, value, message: 'must be a non-empty string' }];
  }
  if (!isToken(value) && value.length > max) {
    return [{ path, value, message: `must be at most ${max} characters (has ${value.length})` }];
  }
  return [];
}

/** A list of ARNs: every literal entry starts with `arn:<partition>:<service>:`. */
export function checkArns(path: string, values: readonly string[]): ValidationIssue[] {
  return values.flatMap((value, index) =>
    isToken(value) || /^arn:[a-z-]+:[a-z0-9-]+:/.test(value)
      ? []
      : [{ path: joinPath(path, index), value, message: 'must be an ARN (arn:<partition>:<service>:...)' }],
  );
}

/** A 12-digit AWS account id; a token passes. */
export function checkAccountId(path: string, accountId: unknown): ValidationIssue[] {
  if (isToken(accountId) || (typeof accountId === 'string' && /^\d{12}$/.test(accountId))) return [];
  return [{ path, value: accountId, message: 'must be a 12-digit AWS account id' }];
}

const KMS_KEY_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/.+$/;
const KMS_KEY_OR_ALIAS_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)\/.+$/;

/**
 * A KMS key ARN (`arn:<partition>:kms:<region>:<account>:key/<id>`), or with `allowAlias` also an alias ARN
 * (`...:alias/<name>`) for services that resolve aliases themselves. Undefined (no key) and tokens pass.
 */
export function checkKmsKeyArn(
  path: string,
  arn: string | undefined,
  options: { readonly allowAlias?: boolean } = {},
): ValidationIssue[] {
  if (arn === undefined || isToken(arn)) return [];
  if ((options.allowAlias ? KMS_KEY_OR_ALIAS_ARN : KMS_KEY_ARN).test(arn)) return [];
  const alias = options.allowAlias ? ' or an alias ARN (...:alias/<name>)' : '';
  return [{ path, value: arn, message: `must be a KMS key ARN like arn:aws:kms:<region>:<account>:key/<id>${alias}` }];
}

/** Names S3 reserves for its own features: a bucket may not start or end with them. */
const RESERVED_BUCKET_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'];
const RESERVED_BUCKET_SUFFIXES = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'];

/**
 * The S3 general-purpose bucket naming rules: 3–63 characters of lowercase letters, digits, dots and hyphens, starting
 * and ending with a letter or digit, no two adjacent dots, not an IP address, none of the reserved prefixes/suffixes.
 * A token is not checked.
 */
export function checkS3BucketName(path: string, name: string): ValidationIssue[] {
  if (!isLiteral(name)) return [];
  const problem = (message: string): ValidationIssue[] => [{ path, value: name, message }];
  if (name.length < 3 || name.length > 63) {
    return problem(`must be 3 to 63 characters long (is ${name.length}) to be an S3 bucket name`);
  }
  if (!/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/.test(name)) {
    return problem(
      'must be an S3 bucket name: lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit',
    );
  }
  if (name.includes('..')) return problem('must not contain two adjacent dots (S3 bucket naming)');
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) return problem('must not be formatted as an IP address (S3 bucket naming)');
  const prefix = RESERVED_BUCKET_PREFIXES.find((reserved) => name.startsWith(reserved));
  if (prefix) return problem(`must not start with "${prefix}" (reserved by S3)`);
  const suffix = RESERVED_BUCKET_SUFFIXES.find((reserved) => name.endsWith(reserved));
  if (suffix) return problem(`must not end with "${suffix}" (reserved by S3)`);
  return [];
}

/** A Docker image tag: a letter, digit or `_`, then up to 127 of those, `.` and `-`. */
export const DOCKER_IMAGE_TAG = /[\w][\w.-]{0,127}/;

/** A Docker image tag (`v1.2.3`, a commit SHA), as an image reference `<repository>:<tag>` takes it. */
export function checkDockerImageTag(path: string, tag: string): ValidationIssue[] {
  if (typeof tag === 'string' && new RegExp(`^${DOCKER_IMAGE_TAG.source}$`).test(tag)) return [];
  return [
    { path, value: tag, message: 'must be a Docker image tag: a letter, digit or _, then up to 127 of those, . and -' },
  ];
}

/** RDS and ElastiCache identifiers: a letter, then lowercase letters and digits in hyphen-separated runs. */
export function isAwsDataIdentifier(value: string, maxLength: number): boolean {
  return typeof value === 'string' && value.length <= maxLength && /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(value);
}

/** The partition of a region: `aws-cn` for China, `aws-us-gov` for GovCloud, else `aws`. */
export function awsPartition(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

const AWS_REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d+$/;

/** An AWS region name like `us-east-1` (`us-gov-west-1`, `eu-central-2`). A token passes. */
export function checkAwsRegion(path: string, value: string): ValidationIssue[] {
  if (isToken(value) || (typeof value === 'string' && AWS_REGION.test(value))) return [];
  return [{ path, value, message: 'must be an AWS region like us-east-1' }];
}
