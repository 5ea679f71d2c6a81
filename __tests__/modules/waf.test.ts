/**
 * The waf module: the web ACL's rules in their order of evaluation (priority, action, statement, metric), the pattern
 * that matches a Content-Length above a limit, logging with redacted headers, and each props-validation error (a rate
 * below AWS's minimum of 10 among them), and the association of a regional ACL with a resource.
 */
import { integerAbovePattern, WebAcl, type WebAclProps } from '../../modules/waf';
import { Template, testStack } from '../helpers/template';
import { rejectsEachCase, type BadCase } from '../helpers/validation';

const NAME = 'apprentice-final-staging';
const FULL: WebAclProps = {
  name: NAME,
  allowPaths: { name: 'health-check', paths: ['/api/health'] },
  rateLimits: [
    { name: 'per-ip', limit: 2000 },
    { name: 'auth', limit: 100, windowSeconds: 300, pathPrefix: '/api/Auth' },
  ],
  maxBodySizeBytes: 1_048_576,
  blockEmptyUserAgent: true,
  blockedUserAgents: ['sqlmap', 'Nikto'],
  logging: { logGroupName: `aws-waf-logs-${NAME}`, retentionInDays: 90 },
};

const decode = [
  { priority: 0, type: 'URL_DECODE' },
  { priority: 1, type: 'HTML_ENTITY_DECODE' },
];
const parts = [{ query_string: {} }, { body: { oversize_handling: 'CONTINUE' } }, { uri_path: {} }];
const none = [{ priority: 0, type: 'NONE' }];
const lowercase = [{ priority: 0, type: 'LOWERCASE' }];

describe('WebAcl with every protection', () => {
  const stack = testStack();
  const waf = new WebAcl(stack, 'waf', FULL);
  const t = Template.fromStack(stack);
  const acl = t.resource('aws_wafv2_web_acl', 'waf/web-acl');
  const rules = acl.rule as Array<Record<string, unknown>>;
  const byName = (name: string) => rules.find((rule) => rule.name === name)!;

  it('is a CloudFront web ACL allowing by default, with metrics', () => {
    expect(acl).toMatchObject({
      name: NAME,
      scope: 'CLOUDFRONT',
      default_action: { allow: {} },
      visibility_config: { cloudwatch_metrics_enabled: true, metric_name: NAME, sampled_requests_enabled: true },
    });
  });

  it('evaluates IP reputation, the health check, the rate limits, SQLi, XSS, body size, user agents in that order', () => {
    expect(rules.map((rule) => [rule.priority, rule.name])).toEqual([
      [0, 'ip-reputation'],
      [1, 'allow-health-check'],
      [2, 'rate-per-ip'],
      [3, 'rate-auth'],
      [4, 'sql-injection'],
      [5, 'cross-site-scripting'],
      [6, 'body-size'],
      [7, 'user-agent'],
    ]);
    expect(waf.rules.map((rule) => rule.action)).toEqual([
      'managed',
      'allow',
      'block',
      'block',
      'block',
      'block',
      'block',
      'block',
    ]);
  });

  it('gives every rule its own CloudWatch metric and sampled requests', () => {
    for (const rule of rules) {
      expect(rule.visibility_config).toEqual({
        cloudwatch_metrics_enabled: true,
        metric_name: `${NAME}-${String(rule.name)}`,
        sampled_requests_enabled: true,
      });
    }
  });

  it('uses AWS managed IP reputation list, its own actions kept', () => {
    expect(byName('ip-reputation')).toMatchObject({
      override_action: { none: {} },
      statement: {
        managed_rule_group_statement: { vendor_name: 'AWS', name: 'AWSManagedRulesAmazonIpReputationList' },
      },
    });
  });

  it('allows exactly /api/health', () => {
    expect(byName('allow-health-check')).toMatchObject({
      action: { allow: {} },
      statement: {
        byte_match_statement: {
          search_string: '/api/health',
          positional_constraint: 'EXACTLY',
          field_to_match: { uri_path: {} },
          text_transformation: none,
        },
      },
    });
  });

  it('limits each IP to 2000 requests per 5 minutes, and to 100 under /api/auth', () => {
    expect(byName('rate-per-ip')).toMatchObject({
      action: { block: {} },
      statement: { rate_based_statement: { limit: 2000, aggregate_key_type: 'IP', evaluation_window_sec: 300 } },
    });
    expect(byName('rate-per-ip').statement).not.toHaveProperty('rate_based_statement.scope_down_statement');
    expect(byName('rate-auth').statement).toEqual({
      rate_based_statement: {
        limit: 100,
        aggregate_key_type: 'IP',
        evaluation_window_sec: 300,
        scope_down_statement: {
          byte_match_statement: {
            search_string: '/api/auth',
            positional_constraint: 'STARTS_WITH',
            field_to_match: { uri_path: {} },
            text_transformation: lowercase,
          },
        },
      },
    });
  });

  it('blocks SQL injection and XSS in the query string, the body and the path, decoded', () => {
    expect(byName('sql-injection').statement).toEqual({
      or_statement: {
        statement: parts.map((part) => ({
          sqli_match_statement: { field_to_match: part, text_transformation: decode },
        })),
      },
    });
    expect(byName('cross-site-scripting').statement).toEqual({
      or_statement: {
        statement: parts.map((part) => ({
          xss_match_statement: { field_to_match: part, text_transformation: decode },
        })),
      },
    });
  });

  it('blocks a Content-Length above 1 MiB', () => {
    expect(byName('body-size').statement).toEqual({
      regex_match_statement: {
        regex_string: integerAbovePattern(1_048_576),
        field_to_match: { single_header: { name: 'content-length' } },
        text_transformation: none,
      },
    });
  });

  it('blocks a missing or empty user agent and the listed tools, in lower case', () => {
    expect(byName('user-agent').statement).toEqual({
      or_statement: {
        statement: [
          {
            not_statement: {
              statement: {
                regex_match_statement: {
                  regex_string: '.',
                  field_to_match: { single_header: { name: 'user-agent' } },
                  text_transformation: none,
                },
              },
            },
          },
          ...['sqlmap', 'nikto'].map((agent) => ({
            byte_match_statement: {
              search_string: agent,
              positional_constraint: 'CONTAINS',
              field_to_match: { single_header: { name: 'user-agent' } },
              text_transformation: lowercase,
            },
          })),
        ],
      },
    });
  });

  it('logs to aws-waf-logs-<name> with the retention, authorization and cookie redacted', () => {
    expect(t.resource('aws_cloudwatch_log_group', 'waf/log-group')).toMatchObject({
      name: `aws-waf-logs-${NAME}`,
      retention_in_days: 90,
    });
    expect(t.resource('aws_wafv2_web_acl_logging_configuration', 'waf/logging')).toEqual({
      resource_arn: t.ref('aws_wafv2_web_acl', 'waf/web-acl', 'arn'),
      log_destination_configs: [t.ref('aws_cloudwatch_log_group', 'waf/log-group', 'arn')],
      redacted_fields: [{ single_header: { name: 'authorization' } }, { single_header: { name: 'cookie' } }],
    });
  });
});

describe('WebAcl with the defaults', () => {
  const stack = testStack();
  new WebAcl(stack, 'waf', { name: NAME, scope: 'REGIONAL' });
  const t = Template.fromStack(stack);

  it('has IP reputation, SQLi and XSS only, and no logging', () => {
    const rules = t.resource('aws_wafv2_web_acl', 'waf/web-acl').rule as Array<{ name: string }>;
    expect(rules.map((rule) => rule.name)).toEqual(['ip-reputation', 'sql-injection', 'cross-site-scripting']);
    expect(t.count('aws_wafv2_web_acl_logging_configuration')).toBe(0);
  });
});

describe('WebAcl.associate', () => {
  const ALB_ARN = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/shop/1';

  it('puts a resource behind a REGIONAL web ACL by ARN', () => {
    const stack = testStack();
    new WebAcl(stack, 'waf', { name: NAME, scope: 'REGIONAL' }).associate('alb', ALB_ARN);
    const t = Template.fromStack(stack);
    expect(t.resource('aws_wafv2_web_acl_association', 'waf/alb')).toEqual({
      resource_arn: ALB_ARN,
      web_acl_arn: t.ref('aws_wafv2_web_acl', 'waf/web-acl', 'arn'),
    });
  });

  it('refuses a CLOUDFRONT web ACL, naming it (the distribution names its ACL itself)', () => {
    const acl = new WebAcl(testStack(), 'waf', { name: NAME, scope: 'CLOUDFRONT' });
    expect(() => acl.associate('alb', ALB_ARN)).toThrow(
      'WebAcl "test/waf": only a REGIONAL web ACL is associated with a resource',
    );
  });
});

describe('integerAbovePattern', () => {
  it.each([1_048_576, 100, 9, 99, 1000, 80_000])('matches exactly the numbers above %p', (limit) => {
    const pattern = new RegExp(integerAbovePattern(limit));
    const candidates = [0, 1, limit - 1, limit, limit + 1, limit * 10, 10 ** String(limit).length, 123_456_789];
    for (let probe = Math.max(0, limit - 300); probe <= limit + 300; probe++) candidates.push(probe);
    const wrong = candidates.filter((value) => pattern.test(String(value)) !== value > limit);
    expect(wrong).toEqual([]);
  });

  it('is the alternation WAF gets for 1 MiB', () => {
    expect(integerAbovePattern(1_048_576)).toBe(
      '^([1-9][0-9]{7,}|[2-9][0-9]{6}|1[1-9][0-9]{5}|10[5-9][0-9]{4}|1049[0-9]{3}|1048[6-9][0-9]{2}|10485[8-9][0-9]|104857[7-9])$',
    );
  });
});

describe('WebAcl props validation', () => {
  const cases: Array<BadCase<WebAclProps>> = [
    [
      'a rate below AWS minimum of 10',
      { name: NAME, rateLimits: [{ name: 'auth', limit: 5 }] },
      { path: 'rateLimits[0].limit', value: 5, message: /from 10 to 2000000000/ },
    ],
    [
      'a 90-second window',
      { name: NAME, rateLimits: [{ name: 'auth', limit: 100, windowSeconds: 90 }] },
      { path: 'rateLimits[0].windowSeconds', value: 90, message: /one of 60, 120, 300, 600/ },
    ],
    [
      'two rate limits of one name',
      {
        name: NAME,
        rateLimits: [
          { name: 'ip', limit: 100 },
          { name: 'ip', limit: 200 },
        ],
      },
      { path: 'rateLimits[1].name', value: 'ip', message: /another rate limit/ },
    ],
    [
      'a path prefix without a slash',
      { name: NAME, rateLimits: [{ name: 'auth', limit: 100, pathPrefix: 'api/auth' }] },
      { path: 'rateLimits[0].pathPrefix', value: 'api/auth', message: /starting with '\/'/ },
    ],
    [
      'a log group WAF cannot log to',
      { name: NAME, logging: { logGroupName: '/aws/waf/site' } },
      { path: 'logging.logGroupName', value: '/aws/waf/site', message: /must start with aws-waf-logs-/ },
    ],
    [
      'a body limit of 0',
      { name: NAME, maxBodySizeBytes: 0 },
      { path: 'maxBodySizeBytes', value: 0, message: /whole number of bytes/ },
    ],
    ['a name with a space', { name: 'my acl' }, { path: 'name', value: 'my acl', message: /web ACL name/ }],
  ];
  rejectsEachCase({ subject: /WebAcl ".*" props/, cases, build: (stack, id, props) => new WebAcl(stack, id, props) });
});
