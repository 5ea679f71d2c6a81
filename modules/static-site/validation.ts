/**
 * The CloudFront rules `StaticSite` enforces on its props, as pure functions: path patterns, the viewer certificate,
 * aliases and the API origin (S3 bucket naming and number ranges are in modules/core/checks.ts). Values that are
 * tokens (another resource's attribute) are only known at apply time and are skipped.
 */
import { isLiteral } from '../core/checks';
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

/** How client-side routes of the SPA get index.html (see the module comment). */
export const SPA_ROUTING_MODES = ['error-responses', 'viewer-request-function'] as const;
export type SpaRoutingMode = (typeof SPA_ROUTING_MODES)[number];

/** CloudFront only uses viewer certificates from ACM in this region. */
export const CLOUDFRONT_CERTIFICATE_REGION = 'us-east-1';

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

/** An origin path: starts with `/`, does not end with `/`, no spaces or query, ≤ 255 characters. */
export function checkOriginPath(path: string, originPath: string): ValidationIssue[] {
  if (!isLiteral(originPath)) return [];
  if (/^(\/[A-Za-z0-9._~$-]+)+$/.test(originPath) && originPath.length <= 255) return [];
  const message = "must be a path like '/staging': starting with '/', not ending with '/', no spaces or query string";
  return [{ path, value: originPath, message }];
}
