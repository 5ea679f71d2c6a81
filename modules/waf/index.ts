/**
 * An AWS WAF web ACL with AWS's managed rule groups and a per-IP rate limit, for a CloudFront distribution
 * (`scope: 'CLOUDFRONT'`, created in us-east-1) or a regional resource such as an Application Load Balancer
 * (`scope: 'REGIONAL'`, attached with {@link WebAcl.associate}).
 *
 * | priority | rule                                  | action                            |
 * | -------- | ------------------------------------- | --------------------------------- |
 * | 0        | `AWSManagedRulesAmazonIpReputationList` | block (the group's own actions) |
 * | 1        | `AWSManagedRulesCommonRuleSet`        | block (OWASP-style common attacks) |
 * | 2        | `AWSManagedRulesKnownBadInputsRuleSet` | block (Log4j, known exploits)    |
 * | 3        | rate limit per IP                     | block above `rateLimitPer5Minutes` |
 */
import type { TerraformProvider } from 'cdktf';
import { Wafv2WebAcl } from '@cdktf/provider-aws/lib/wafv2-web-acl';
import { Wafv2WebAclAssociation } from '@cdktf/provider-aws/lib/wafv2-web-acl-association';
import { Construct } from 'constructs';
import { assertNoIssues, type ValidationIssue } from '../core/validation';

export const WAF_SCOPES = ['CLOUDFRONT', 'REGIONAL'] as const;
export type WafScope = (typeof WAF_SCOPES)[number];

/** AWS managed rule groups every web ACL gets, in priority order. */
export const DEFAULT_MANAGED_RULE_GROUPS = [
  'AWSManagedRulesAmazonIpReputationList',
  'AWSManagedRulesCommonRuleSet',
  'AWSManagedRulesKnownBadInputsRuleSet',
] as const;

export interface WebAclProps {
  /** Web ACL name (also its metrics' prefix): 1-128 of A-Za-z0-9_-. Required. */
  readonly name: string;
  /** `CLOUDFRONT` (the provider must be us-east-1's) or `REGIONAL`. Required. */
  readonly scope: WafScope;
  /** Requests one IP may send in 5 minutes before it is blocked, 100 to 2,000,000,000. Default: 2000. */
  readonly rateLimitPer5Minutes?: number;
  /** AWS managed rule groups, in priority order. Default: {@link DEFAULT_MANAGED_RULE_GROUPS}. */
  readonly managedRuleGroups?: readonly string[];
  /** The provider to create it with (a us-east-1 provider for CLOUDFRONT in another region). Default: the stack's. */
  readonly provider?: TerraformProvider;
}

export class WebAcl extends Construct {
  readonly webAcl: Wafv2WebAcl;
  readonly webAclArn: string;
  private readonly scope: WafScope;

  constructor(scope: Construct, id: string, props: WebAclProps) {
    super(scope, id);
    assertNoIssues(`WebAcl "${this.node.path}" props`, validateWebAclProps(props));
    this.scope = props.scope;
    const visibility = (metricName: string) => ({
      CloudWatchMetricsEnabled: true,
      MetricName: metricName,
      SampledRequestsEnabled: true,
    });
    const managed = (props.managedRuleGroups ?? DEFAULT_MANAGED_RULE_GROUPS).map((group, priority) => ({
      Name: group,
      Priority: priority,
      OverrideAction: { None: {} },
      Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: group } },
      VisibilityConfig: visibility(`${props.name}-${group}`),
    }));
    const rateLimit = {
      Name: 'rate-limit-per-ip',
      Priority: managed.length,
      Action: { Block: {} },
      Statement: { RateBasedStatement: { Limit: props.rateLimitPer5Minutes ?? 2000, AggregateKeyType: 'IP' } },
      VisibilityConfig: visibility(`${props.name}-rate-limit`),
    };
    this.webAcl = new Wafv2WebAcl(this, 'web-acl', {
      name: props.name,
      description: `${props.name}: AWS managed rules and a per-IP rate limit`,
      scope: props.scope,
      defaultAction: { allow: {} },
      ruleJson: JSON.stringify([...managed, rateLimit]),
      visibilityConfig: { cloudwatchMetricsEnabled: true, metricName: props.name, sampledRequestsEnabled: true },
      provider: props.provider,
    });
    this.webAclArn = this.webAcl.arn;
  }

  /** Puts a regional resource (load balancer, API Gateway stage) behind this web ACL. */
  associate(id: string, resourceArn: string): Wafv2WebAclAssociation {
    if (this.scope !== 'REGIONAL') throw new Error(`WebAcl "${this.node.path}": only a REGIONAL web ACL is associated`);
    return new Wafv2WebAclAssociation(this, id, { resourceArn, webAclArn: this.webAclArn });
  }
}

export function validateWebAclProps(props: WebAclProps): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (!/^[A-Za-z0-9_-]{1,128}$/.test(props.name ?? '')) {
    issues.push({ path: 'name', value: props.name, message: 'must be 1-128 of A-Za-z0-9_-' });
  }
  if (!(WAF_SCOPES as readonly string[]).includes(props.scope)) {
    issues.push({ path: 'scope', value: props.scope, message: `must be one of ${WAF_SCOPES.join(', ')}` });
  }
  const limit = props.rateLimitPer5Minutes;
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 100 || limit > 2_000_000_000)) {
    issues.push({
      path: 'rateLimitPer5Minutes',
      value: limit,
      message: 'must be a whole number from 100 to 2000000000',
    });
  }
  return issues;
}
