/**
 * modules/waf: the web ACL's managed rule groups and rate limit (in priority order), its scope, the association of a
 * regional ACL, and props validation.
 */
import { WebAcl } from '../../modules/waf';
import { Template, testStack } from '../helpers/template';

function build(props: Partial<ConstructorParameters<typeof WebAcl>[2]> = {}) {
  const stack = testStack();
  const acl = new WebAcl(stack, 'waf', { name: 'shop-dev-alb', scope: 'REGIONAL', ...props });
  return { stack, acl };
}

describe('WebAcl', () => {
  it('allows by default, then blocks by IP reputation, common attacks, known bad inputs and 2000 requests per IP', () => {
    const { stack } = build();
    const t = Template.fromStack(stack);
    const acl = t.resource('aws_wafv2_web_acl', 'waf/web-acl');
    expect(acl).toMatchObject({
      name: 'shop-dev-alb',
      scope: 'REGIONAL',
      default_action: { allow: {} },
      visibility_config: {
        cloudwatch_metrics_enabled: true,
        metric_name: 'shop-dev-alb',
        sampled_requests_enabled: true,
      },
    });
    const rules = JSON.parse(String(acl.rule_json)) as Array<{ Name: string; Priority: number; Statement: unknown }>;
    expect(rules.map((rule) => [rule.Priority, rule.Name])).toEqual([
      [0, 'AWSManagedRulesAmazonIpReputationList'],
      [1, 'AWSManagedRulesCommonRuleSet'],
      [2, 'AWSManagedRulesKnownBadInputsRuleSet'],
      [3, 'rate-limit-per-ip'],
    ]);
    expect(rules[3]!.Statement).toEqual({ RateBasedStatement: { Limit: 2000, AggregateKeyType: 'IP' } });
  });

  it('associates a regional ACL with a resource by ARN', () => {
    const { stack, acl } = build();
    acl.associate('alb', 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/shop/1');
    expect(Template.fromStack(stack).resource('aws_wafv2_web_acl_association', 'waf/alb')).toEqual({
      resource_arn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/shop/1',
      web_acl_arn: Template.fromStack(stack).ref('aws_wafv2_web_acl', 'waf/web-acl', 'arn'),
    });
  });

  it('refuses to associate a CloudFront ACL (CloudFront names it in the distribution)', () => {
    const { acl } = build({ scope: 'CLOUDFRONT' });
    expect(() => acl.associate('x', 'arn')).toThrow(/only a REGIONAL web ACL is associated/);
  });

  it.each([
    [{ name: 'has spaces' }, /name: must be 1-128 of A-Za-z0-9_-/],
    [{ scope: 'GLOBAL' as never }, /scope: must be one of CLOUDFRONT, REGIONAL/],
    [{ rateLimitPer5Minutes: 99 }, /rateLimitPer5Minutes: must be a whole number from 100/],
  ])('rejects %j', (props, message) => {
    expect(() => build(props)).toThrow(message);
  });
});
