/**
 * The rules `StaticSite` enforces on its props, as pure functions: S3 bucket naming, CloudFront path patterns, TTL
 * ordering, the viewer certificate and the API origin. Values that are tokens (another resource's attribute) are only
 * known at apply time and are skipped.
 */
import { Token } from 'cdktf';
import { joinPath, type ValidationIssue } from '../core/validation';

/** Price classes CloudFront offers. */
export const PRICE_CLASSES = ['PriceClass_100', 'PriceClass_200', 'PriceClass_All'] as const;
export type PriceClass = (typeof PRICE_CLASSES)[number];

/** Ways CloudFront can authenticate to the S3 origin. */
export const ORIGIN_ACCESS_MODES = ['origin-access-control', 'origin-access-identity'] as const;
export type OriginAccessMode = (typeof ORIGIN_ACCESS_MODES)[number];

/** Protocols CloudFront may use to reach the API origin (viewers always use HTTPS). */
export const API_ORIGIN_PROTOCOL_POLICIES = ['https-only', 'http-only'] as const;
export type ApiOriginProtocolPolicy = (typeof API_ORIGIN_PROTOCOL_POLICIES)[number];

/** CloudFront only uses viewer certificates from ACM in this region. */
export const CLOUDFRONT_CERTIFICATE_REGION = 'us-east-1';

const isLiteral = (value: unknown): value is string => typeof value === 'string' && !Token.isUnresolved(value);

/** Names S3 reserves for its own features: a bucket may not start or end with them. */
const RESERVED_BUCKET_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'];
const RESERVED_BUCKET_SUFFIXES = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'];

/**
 * The S3 general-purpose bucket naming rules: 3–63 characters of lowercase letters, digits, dots and hyphens, starting
 * and ending with a letter or digit, no two adjacent dots, not an IP address, none of the reserved prefixes/suffixes.
 * A token is not checked. Usable by any module that names a bucket.
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

/** A CloudFront cache-behavior path pattern as this module accepts it: starts with '/', no spaces, ≤ 255 characters. */
export function checkPathPattern(path: string, pattern: string): ValidationIssue[] {
  if (!isLiteral(pattern)) return [];
  if (!pattern.startsWith('/') || /\s/.test(pattern) || pattern.length > 255) {
    return [
      {
        path,
        value: pattern,
        message:
          "must be a CloudFront path pattern that starts with '/' (e.g. '/assets/*'), without spaces, ≤ 255 chars",
      },
    ];
  }
  return [];
}

/** A whole number of seconds (or days) not below `min`. */
export function checkWholeNumber(path: string, value: number, min: number, unit: string): ValidationIssue[] {
  return Number.isInteger(value) && value >= min
    ? []
    : [{ path, value, message: `must be a whole number of ${unit} ≥ ${min}` }];
}

/** `lower` ≤ `upper`, reported on `lowerPath`; skipped when either is not a valid number (reported elsewhere). */
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

/** A literal ACM certificate ARN must live in us-east-1; a token is trusted. */
export function checkViewerCertificateArn(path: string, arn: string): ValidationIssue[] {
  if (!isLiteral(arn)) return [];
  const match = /^arn:aws[a-z-]*:acm:([a-z0-9-]+):\d{12}:certificate\/[A-Za-z0-9-]+$/.exec(arn);
  if (!match) return [{ path, value: arn, message: 'must be an ACM certificate ARN (arn:aws:acm:us-east-1:...)' }];
  if (match[1] !== CLOUDFRONT_CERTIFICATE_REGION) {
    const message = `must be an ACM certificate in ${CLOUDFRONT_CERTIFICATE_REGION} (CloudFront uses no other region; this one is in ${match[1]})`;
    return [{ path, value: arn, message }];
  }
  return [];
}

/** Host names for `aliases`: lowercase DNS names, optionally a leading `*.` wildcard, no duplicates. */
export function checkAliases(path: string, aliases: readonly string[]): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const seen = new Set<string>();
  aliases.forEach((alias, index) => {
    if (!isLiteral(alias)) return;
    if (!/^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(alias) || alias.length > 253) {
      const message = "must be a lowercase DNS name such as 'www.example.com' or '*.example.com'";
      issues.push({ path: joinPath(path, index), value: alias, message });
    } else if (seen.has(alias)) {
      issues.push({ path: joinPath(path, index), value: alias, message: 'is listed more than once' });
    }
    seen.add(alias);
  });
  return issues;
}

/** A bare host name for a custom origin: no scheme, path or port. */
export function checkOriginDomainName(path: string, domainName: string): ValidationIssue[] {
  if (!isLiteral(domainName)) return [];
  return /^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+$/.test(domainName)
    ? []
    : [
        {
          path,
          value: domainName,
          message:
            "must be a bare host name such as 'my-alb-123.us-east-1.elb.amazonaws.com' (no scheme, path or port)",
        },
      ];
}

/** CloudFront custom origins listen on 80, 443 or 1024–65535. */
export function checkOriginPort(path: string, port: number): ValidationIssue[] {
  const valid = Number.isInteger(port) && (port === 80 || port === 443 || (port >= 1024 && port <= 65535));
  return valid ? [] : [{ path, value: port, message: 'must be 80, 443 or a port from 1024 to 65535 (CloudFront)' }];
}

/** CloudFront standard logging writes to a bucket's global domain name, `<bucket>.s3.amazonaws.com`. */
export function checkLogBucketDomainName(path: string, domainName: string): ValidationIssue[] {
  if (!isLiteral(domainName)) return [];
  return /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\.s3(\.[a-z0-9-]+)?\.amazonaws\.com$/.test(domainName)
    ? []
    : [{ path, value: domainName, message: "must be an S3 bucket domain name such as 'logs.s3.amazonaws.com'" }];
}

/** Each path pattern may serve only one behavior. */
export function checkUniquePatterns(patterns: ReadonlyArray<readonly [string, string]>): ValidationIssue[] {
  const firstPathOf = new Map<string, string>();
  const issues: ValidationIssue[] = [];
  for (const [path, pattern] of patterns) {
    if (!isLiteral(pattern)) continue;
    const first = firstPathOf.get(pattern);
    if (first === undefined) firstPathOf.set(pattern, path);
    else issues.push({ path, value: pattern, message: `is already the path pattern of ${first}` });
  }
  return issues;
}
