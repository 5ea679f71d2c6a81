/**
 * A WAFv2 web ACL built from named protections, each a rule with its own CloudWatch metric and sampled requests, in
 * a fixed order of evaluation (the first terminating match wins):
 *
 * | priority | rule (name)                  | action | what                                                               |
 * | -------- | ---------------------------- | ------ | ------------------------------------------------------------------ |
 * | 0        | `ip-reputation`              | block  | AWS managed AWSManagedRulesAmazonIpReputationList (bots, scanners) |
 * | 1        | `allow-<name>` (allowPaths)  | allow  | exact URI paths (a health check), before any rate limit            |
 * | 2 …      | `rate-<name>` (rateLimits)   | block  | requests per client IP over a window, optionally under a path      |
 * | next     | `sql-injection`              | block  | SQLi in the query string, the body or the URI path (decoded)       |
 * | next     | `cross-site-scripting`       | block  | XSS in the same places                                             |
 * | next     | `body-size`                  | block  | a `Content-Length` above `maxBodySizeBytes`                        |
 * | next     | `user-agent`                 | block  | no or an empty `User-Agent`, or one containing a listed string     |
 *
 * Everything else is allowed (the default action). Requests go to CloudWatch Logs when `logging` is given, with the
 * `authorization` and `cookie` headers redacted.
 *
 * Body size: WAF sees at most the first 16 KB of a body for CloudFront (8 KB for an ALB), so a size constraint on the
 * body cannot tell 1 MiB from 17 KB. The rule reads the declared `Content-Length` instead (a pattern that matches
 * exactly the numbers above the limit); a chunked request declares none and is left to the origin's own limit.
 *
 * A web ACL for CloudFront (`scope: 'CLOUDFRONT'`) must be created in us-east-1: give this construct a provider there;
 * the distribution names it (`web_acl_id`). A `REGIONAL` one is put in front of a load balancer or an API stage with
 * {@link WebAcl.associate}.
 */
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { Wafv2WebAcl, type Wafv2WebAclRule } from '@cdktf/provider-aws/lib/wafv2-web-acl';
import { Wafv2WebAclAssociation } from '@cdktf/provider-aws/lib/wafv2-web-acl-association';
import { Wafv2WebAclLoggingConfiguration } from '@cdktf/provider-aws/lib/wafv2-web-acl-logging-configuration';
import type { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { checkInteger, checkKmsKeyArn, checkOneOf, checkText } from '../core/checks';
import { assertNoIssues, checkLogRetention, joinPath, type ValidationIssue } from '../core/validation';

export const WEB_ACL_SCOPES = ['CLOUDFRONT', 'REGIONAL'] as const;
export type WebAclScope = (typeof WEB_ACL_SCOPES)[number];

/** Windows a rate-based rule may count over, in seconds. */
export const RATE_WINDOWS_SECONDS = [60, 120, 300, 600] as const;
/** The lowest limit AWS WAF accepts in a rate-based rule (requests per window). */
export const MIN_RATE_LIMIT = 10;
export const MAX_RATE_LIMIT = 2_000_000_000;
/** Logging destinations for WAF must be named with this prefix. */
export const WAF_LOG_GROUP_PREFIX = 'aws-waf-logs-';

/** Headers never written to the WAF logs. */
export const REDACTED_HEADERS = ['authorization', 'cookie'] as const;

export interface WebAclRateLimit {
  /** Rule name part: `rate-<name>`; letters, digits and `-`. Required. */
  readonly name: string;
  /** Requests per client IP per window before the IP is blocked, at least 10 (AWS's minimum). Required. */
  readonly limit: number;
  /** Window counted over: 60, 120, 300 or 600 seconds. Default: 300. */
  readonly windowSeconds?: number;
  /** Count only requests whose path starts with this (e.g. `/api/auth`). Default: none (every request). */
  readonly pathPrefix?: string;
}

export interface WebAclAllowPaths {
  /** Rule name part: `allow-<name>`. Required. */
  readonly name: string;
  /** Exact URI paths allowed before any rate limit or filter (e.g. `/api/health`). Required, at least one. */
  readonly paths: readonly string[];
}

export interface WebAclLoggingProps {
  /** The log group, created here; must start with `aws-waf-logs-`. Required. */
  readonly logGroupName: string;
  /** Its retention, a CloudWatch Logs retention. Default: 30 days. */
  readonly retentionInDays?: number;
  /** KMS key ARN for the log group; its policy must let CloudWatch Logs use it. Default: none. */
  readonly kmsKeyArn?: string;
}

export interface WebAclProps {
  /** The web ACL's name, 1-128 of letters, digits, `-` and `_`; it prefixes every metric name. Required. */
  readonly name: string;
  /** `CLOUDFRONT` (create in us-east-1) or `REGIONAL` (ALB, API Gateway REST, ...). Default: `CLOUDFRONT`. */
  readonly scope?: WebAclScope;
  /** What the web ACL protects. Default: none. */
  readonly description?: string;
  /** Block sources on AWS's IP reputation list (managed rule group). Default: true. */
  readonly ipReputation?: boolean;
  /** Paths always allowed, ahead of the rate limits (health checks). Default: none. */
  readonly allowPaths?: WebAclAllowPaths;
  /** Per-IP rate limits, in this order. Default: none. */
  readonly rateLimits?: readonly WebAclRateLimit[];
  /** Block SQL injection in the query string, body and URI path. Default: true. */
  readonly sqlInjection?: boolean;
  /** Block cross-site scripting in the query string, body and URI path. Default: true. */
  readonly crossSiteScripting?: boolean;
  /** Block requests declaring a body larger than this many bytes (1 to 2^31). Default: none. */
  readonly maxBodySizeBytes?: number;
  /** Block a missing or empty `User-Agent`. Default: false. */
  readonly blockEmptyUserAgent?: boolean;
  /** Block user agents containing any of these (compared in lower case), e.g. `sqlmap`. Default: none. */
  readonly blockedUserAgents?: readonly string[];
  /** Log requests to a CloudWatch log group. Default: none. */
  readonly logging?: WebAclLoggingProps;
  /** Provider of the web ACL and its logging, e.g. one in us-east-1 for CLOUDFRONT. Default: the stack's default. */
  readonly provider?: TerraformProvider;
  /** Tags beside the provider's default tags. Default: none. */
  readonly tags?: Readonly<Record<string, string>>;
}

/** A rule as the web ACL gets it, with its priority and name (for tests and docs). */
export interface WebAclRuleSummary {
  readonly priority: number;
  readonly name: string;
  readonly action: 'allow' | 'block' | 'managed';
}

export class WebAcl extends Construct {
  readonly webAcl: Wafv2WebAcl;
  readonly webAclArn: string;
  readonly webAclId: string;
  /** The rules in priority order. */
  readonly rules: readonly WebAclRuleSummary[];
  readonly logGroup?: CloudwatchLogGroup;
  readonly loggingConfiguration?: Wafv2WebAclLoggingConfiguration;
  // The props' values: the Wafv2WebAcl's `scope` getter gives a token, not the string.
  private readonly aclScope: WebAclScope;
  private readonly provider?: TerraformProvider;

  constructor(scope: Construct, id: string, props: WebAclProps) {
    super(scope, id);
    assertNoIssues(`WebAcl "${this.node.path}" props`, validateWebAclProps(props));
    this.aclScope = props.scope ?? 'CLOUDFRONT';
    this.provider = props.provider;
    const tags = props.tags ? { ...props.tags } : undefined;
    const rules = webAclRules(props);
    this.rules = rules.map((rule) => ({
      priority: rule.priority,
      name: rule.name,
      action: rule.overrideAction ? 'managed' : rule.action?.allow ? 'allow' : 'block',
    }));

    this.webAcl = new Wafv2WebAcl(this, 'web-acl', {
      provider: props.provider,
      name: props.name,
      description: props.description,
      scope: this.aclScope,
      defaultAction: { allow: {} },
      rule: rules,
      visibilityConfig: visibility(props.name),
      tags,
    });
    this.webAclArn = this.webAcl.arn;
    this.webAclId = this.webAcl.id;

    if (props.logging) {
      this.logGroup = new CloudwatchLogGroup(this, 'log-group', {
        provider: props.provider,
        name: props.logging.logGroupName,
        retentionInDays: props.logging.retentionInDays ?? 30,
        kmsKeyId: props.logging.kmsKeyArn,
        tags,
      });
      this.loggingConfiguration = new Wafv2WebAclLoggingConfiguration(this, 'logging', {
        provider: props.provider,
        resourceArn: this.webAcl.arn,
        logDestinationConfigs: [this.logGroup.arn],
        redactedFields: REDACTED_HEADERS.map((name) => ({ singleHeader: { name } })),
      });
    }
  }

  /** Puts a regional resource (an Application Load Balancer, an API Gateway stage) behind this web ACL. */
  associate(id: string, resourceArn: string): Wafv2WebAclAssociation {
    if (this.aclScope !== 'REGIONAL') {
      throw new Error(`WebAcl "${this.node.path}": only a REGIONAL web ACL is associated with a resource`);
    }
    return new Wafv2WebAclAssociation(this, id, { provider: this.provider, resourceArn, webAclArn: this.webAclArn });
  }
}

/** CloudWatch metrics and sampled requests of a rule (or the ACL), named `<name>`. */
function visibility(metricName: string) {
  return { cloudwatchMetricsEnabled: true, metricName, sampledRequestsEnabled: true };
}

const DECODE = [
  { priority: 0, type: 'URL_DECODE' },
  { priority: 1, type: 'HTML_ENTITY_DECODE' },
];
const NO_TRANSFORMATION = [{ priority: 0, type: 'NONE' }];
const LOWERCASE = [{ priority: 0, type: 'LOWERCASE' }];

/** The parts of a request SQLi and XSS rules inspect (the body as far as WAF sees it). */
const INSPECTED_PARTS = [{ query_string: {} }, { body: { oversize_handling: 'CONTINUE' } }, { uri_path: {} }];

/** Terraform JSON of an OR over statements (a single statement stands alone). */
function anyOf(statements: readonly Record<string, unknown>[]): Record<string, unknown> {
  return statements.length === 1 ? statements[0]! : { or_statement: { statement: statements } };
}

function uriPath(operator: 'EXACTLY' | 'STARTS_WITH', path: string) {
  return {
    byte_match_statement: {
      search_string: path,
      positional_constraint: operator,
      field_to_match: { uri_path: {} },
      text_transformation: NO_TRANSFORMATION,
    },
  };
}

/** The web ACL's rules in priority order, as the provider takes them (statements in Terraform JSON). */
export function webAclRules(props: WebAclProps): Wafv2WebAclRule[] {
  const rules: Array<Omit<Wafv2WebAclRule, 'priority'>> = [];
  const block = { block: {} };
  const rule = (name: string, statement: Record<string, unknown>, action: Wafv2WebAclRule['action'] = block) =>
    rules.push({ name, action, statement, visibilityConfig: visibility(`${props.name}-${name}`) });

  if (props.ipReputation ?? true) {
    rules.push({
      name: 'ip-reputation',
      overrideAction: { none: {} },
      statement: {
        managed_rule_group_statement: { vendor_name: 'AWS', name: 'AWSManagedRulesAmazonIpReputationList' },
      },
      visibilityConfig: visibility(`${props.name}-ip-reputation`),
    });
  }
  if (props.allowPaths) {
    rule(`allow-${props.allowPaths.name}`, anyOf(props.allowPaths.paths.map((path) => uriPath('EXACTLY', path))), {
      allow: {},
    });
  }
  for (const limit of props.rateLimits ?? []) {
    rule(`rate-${limit.name}`, {
      rate_based_statement: {
        limit: limit.limit,
        aggregate_key_type: 'IP',
        evaluation_window_sec: limit.windowSeconds ?? 300,
        ...(limit.pathPrefix === undefined
          ? {}
          : {
              scope_down_statement: {
                byte_match_statement: {
                  search_string: limit.pathPrefix.toLowerCase(),
                  positional_constraint: 'STARTS_WITH',
                  field_to_match: { uri_path: {} },
                  text_transformation: LOWERCASE,
                },
              },
            }),
      },
    });
  }
  if (props.sqlInjection ?? true) {
    rule(
      'sql-injection',
      anyOf(
        INSPECTED_PARTS.map((part) => ({
          sqli_match_statement: { field_to_match: part, text_transformation: DECODE },
        })),
      ),
    );
  }
  if (props.crossSiteScripting ?? true) {
    rule(
      'cross-site-scripting',
      anyOf(
        INSPECTED_PARTS.map((part) => ({ xss_match_statement: { field_to_match: part, text_transformation: DECODE } })),
      ),
    );
  }
  if (props.maxBodySizeBytes !== undefined) {
    rule('body-size', {
      regex_match_statement: {
        regex_string: integerAbovePattern(props.maxBodySizeBytes),
        field_to_match: { single_header: { name: 'content-length' } },
        text_transformation: NO_TRANSFORMATION,
      },
    });
  }
  const agents: Record<string, unknown>[] = [];
  if (props.blockEmptyUserAgent) {
    // A missing header never matches a pattern, so NOT(any character) matches both a missing and an empty one.
    agents.push({
      not_statement: {
        statement: {
          regex_match_statement: {
            regex_string: '.',
            field_to_match: { single_header: { name: 'user-agent' } },
            text_transformation: NO_TRANSFORMATION,
          },
        },
      },
    });
  }
  for (const agent of props.blockedUserAgents ?? []) {
    agents.push({
      byte_match_statement: {
        search_string: agent.toLowerCase(),
        positional_constraint: 'CONTAINS',
        field_to_match: { single_header: { name: 'user-agent' } },
        text_transformation: LOWERCASE,
      },
    });
  }
  if (agents.length > 0) rule('user-agent', anyOf(agents));
  return rules.map((each, priority) => ({ ...each, priority }));
}

/**
 * A regular expression matching exactly the decimal integers above `limit` (no sign, no leading zeros): numbers with
 * more digits, or as many digits and a higher digit at the first place they differ.
 */
export function integerAbovePattern(limit: number): string {
  const digits = String(limit);
  const alternatives = [`[1-9][0-9]{${digits.length},}`];
  for (let index = 0; index < digits.length; index++) {
    const digit = Number(digits[index]);
    if (digit === 9) continue;
    const rest = digits.length - index - 1;
    const higher = digit + 1 === 9 ? '9' : `[${digit + 1}-9]`;
    const tail = rest === 0 ? '' : rest === 1 ? '[0-9]' : `[0-9]{${rest}}`;
    alternatives.push(`${digits.slice(0, index)}${higher}${tail}`);
  }
  return `^(${alternatives.join('|')})$`;
}

const NAME = /^[A-Za-z0-9_-]{1,128}$/;
const RULE_NAME_PART = /^[a-z0-9][a-z0-9-]{0,40}$/;
const PATH = /^\/[^\s]*$/;

/** A web ACL name: 1-128 of letters, digits, `-` and `_`. */
export function checkWebAclName(path: string, name: string): ValidationIssue[] {
  if (NAME.test(name ?? '')) return [];
  return [{ path, value: name, message: 'must be a web ACL name: 1-128 letters, digits, - and _' }];
}

/** A rate limit: at least AWS's minimum of 10 requests, at most 2,000,000,000. */
export function checkRateLimit(path: string, limit: number): ValidationIssue[] {
  return checkInteger(path, limit, MIN_RATE_LIMIT, MAX_RATE_LIMIT, 'a whole number of requests (AWS WAF allows)');
}

/** A rate window: 60, 120, 300 or 600 seconds. */
export function checkRateWindow(path: string, seconds: number): ValidationIssue[] {
  if ((RATE_WINDOWS_SECONDS as readonly number[]).includes(seconds)) return [];
  return [{ path, value: seconds, message: `must be one of ${RATE_WINDOWS_SECONDS.join(', ')} seconds` }];
}

/** A URI path a rule compares with: starts with `/`, no spaces. */
export function checkRulePath(path: string, uriPath: string): ValidationIssue[] {
  if (PATH.test(uriPath ?? '') && uriPath.length <= 200) return [];
  return [{ path, value: uriPath, message: "must be a URI path starting with '/', without spaces, ≤ 200 characters" }];
}

/** The largest body allowed: 1 byte to 2^31. */
export function checkMaxBodySize(path: string, bytes: number): ValidationIssue[] {
  return checkInteger(path, bytes, 1, 2 ** 31, 'a whole number of bytes');
}

/** A WAF log group name: `aws-waf-logs-…`, the prefix WAF requires of its log destinations. */
export function checkWafLogGroupName(path: string, name: string): ValidationIssue[] {
  if (typeof name === 'string' && name.startsWith(WAF_LOG_GROUP_PREFIX) && name.length <= 512) return [];
  return [{ path, value: name, message: `must start with ${WAF_LOG_GROUP_PREFIX} (WAF logs nowhere else)` }];
}

/** User-agent strings to block: non-empty, at most 200 characters each. */
export function checkBlockedUserAgents(path: string, agents: readonly string[]): ValidationIssue[] {
  return agents.flatMap((agent, index) => checkText(joinPath(path, index), agent, 200));
}

/** Every rule the constructor enforces, as a pure function. */
export function validateWebAclProps(props: WebAclProps): ValidationIssue[] {
  const issues: ValidationIssue[] = [
    ...checkWebAclName('name', props.name),
    ...checkOneOf('scope', props.scope ?? 'CLOUDFRONT', WEB_ACL_SCOPES),
  ];
  if (props.allowPaths) {
    if (!RULE_NAME_PART.test(props.allowPaths.name ?? '')) {
      const message = 'must be 1-41 lowercase letters, digits and -';
      issues.push({ path: 'allowPaths.name', value: props.allowPaths.name, message });
    }
    if (props.allowPaths.paths.length === 0) {
      issues.push({ path: 'allowPaths.paths', value: props.allowPaths.paths, message: 'must list a path' });
    }
    props.allowPaths.paths.forEach((path, index) =>
      issues.push(...checkRulePath(joinPath('allowPaths.paths', index), path)),
    );
  }
  const names = new Set<string>();
  (props.rateLimits ?? []).forEach((limit, index) => {
    const at = (field: string) => joinPath('rateLimits', index, field);
    if (!RULE_NAME_PART.test(limit.name ?? '')) {
      issues.push({ path: at('name'), value: limit.name, message: 'must be 1-41 lowercase letters, digits and -' });
    } else if (names.has(limit.name)) {
      issues.push({ path: at('name'), value: limit.name, message: 'is the name of another rate limit' });
    }
    names.add(limit.name);
    issues.push(...checkRateLimit(at('limit'), limit.limit));
    if (limit.windowSeconds !== undefined) issues.push(...checkRateWindow(at('windowSeconds'), limit.windowSeconds));
    if (limit.pathPrefix !== undefined) issues.push(...checkRulePath(at('pathPrefix'), limit.pathPrefix));
  });
  if (props.maxBodySizeBytes !== undefined)
    issues.push(...checkMaxBodySize('maxBodySizeBytes', props.maxBodySizeBytes));
  issues.push(...checkBlockedUserAgents('blockedUserAgents', props.blockedUserAgents ?? []));
  if (props.logging) {
    issues.push(
      ...checkWafLogGroupName('logging.logGroupName', props.logging.logGroupName),
      ...checkLogRetention('logging.retentionInDays', props.logging.retentionInDays ?? 30),
      ...checkKmsKeyArn('logging.kmsKeyArn', props.logging.kmsKeyArn),
    );
  }
  return issues;
}
