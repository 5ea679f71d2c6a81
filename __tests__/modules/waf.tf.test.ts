/**
 * The waf module passes real `terraform validate` and an offline plan as seed 004's web ACL for CloudFront: IP
 * reputation, a health-check allowance, a general and an auth rate limit, SQL injection, XSS, body size and user-agent
 * rules, logged to an `aws-waf-logs-` group; and as a regional ACL associated with a load balancer.
 */
import { WebAcl } from '../../modules/waf';
import { checkWithTerraform } from '../helpers/terraform-check';

jest.setTimeout(180_000);

it('validates and plans every protection with logging: web ACL, log group, logging configuration', async () => {
  const result = await checkWithTerraform(
    (stack) => {
      new WebAcl(stack, 'waf', {
        name: 'apprentice-final-staging',
        allowPaths: { name: 'health-check', paths: ['/api/health'] },
        rateLimits: [
          { name: 'per-ip', limit: 2000 },
          { name: 'auth', limit: 100, pathPrefix: '/api/auth' },
        ],
        maxBodySizeBytes: 1_048_576,
        blockEmptyUserAgent: true,
        blockedUserAgents: ['sqlmap', 'nikto'],
        logging: { logGroupName: 'aws-waf-logs-apprentice-final-staging', retentionInDays: 30 },
      });
    },
    { plan: true },
  );
  expect(result.validate).toContain('Success! The configuration is valid.');
  expect(result.toAdd).toBe(3);
  expect(result.plan).toMatch(/limit\s+= 100/);
  expect(result.plan).not.toMatch(/Warning:/);
});

it('validates and plans a regional web ACL associated with a load balancer', async () => {
  const result = await checkWithTerraform(
    (stack) => {
      const acl = new WebAcl(stack, 'waf', {
        name: 'shop-dev-alb',
        scope: 'REGIONAL',
        rateLimits: [{ name: 'per-ip', limit: 1000 }],
      });
      acl.associate(
        'alb',
        'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/shop-dev/0123456789abcdef',
      );
    },
    { plan: true },
  );
  expect(result.validate).toContain('Success! The configuration is valid.');
  // web ACL + association
  expect(result.toAdd).toBe(2);
  expect(result.plan).toContain('aws_wafv2_web_acl_association');
});
