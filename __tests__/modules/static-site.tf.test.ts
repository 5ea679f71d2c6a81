/**
 * The static-site module passes real `terraform validate` and an offline plan: OAC with an API origin (the seed's
 * CloudFront → S3 + ALB layout), and OAI with an ACM certificate, aliases, access logs, a web ACL and no security
 * headers policy.
 */
import { StaticSite } from '../../modules/static-site';
import { checkWithTerraform } from '../helpers/terraform-check';

jest.setTimeout(180_000);

it('validates and plans OAC with an API origin: bucket + 6 bucket settings, OAC, 2 cache policies, headers, CDN', async () => {
  const result = await checkWithTerraform(
    (stack) => {
      new StaticSite(stack, 'site', {
        name: 'ec2-web-dev',
        accountId: '123456789012',
        apiOrigin: {
          domainName: 'dev-alb-1234567890.us-east-1.elb.amazonaws.com',
          originProtocolPolicy: 'http-only',
          allowHttpToOrigin: true,
        },
      });
    },
    { plan: true },
  );
  expect(result.validate).toContain('Success! The configuration is valid.');
  // bucket, public access block, ownership controls, versioning, encryption, lifecycle, bucket policy (7),
  // origin access control, default + assets cache policies, security-headers policy, distribution (5).
  expect(result.toAdd).toBe(12);
  expect(result.plan).not.toMatch(/Warning:/);
});

it('validates and plans OAI with a custom certificate, aliases, access logs, a web ACL and no headers policy', async () => {
  const result = await checkWithTerraform(
    (stack) => {
      new StaticSite(stack, 'site', {
        name: 'ec2-web-prod',
        accountId: '123456789012',
        originAccess: 'origin-access-identity',
        aliases: ['app.example.com'],
        certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b',
        accessLogs: { bucketDomainName: 'example-logs.s3.amazonaws.com' },
        webAclId: 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/site/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b',
        disableSecurityHeaders: true,
        priceClass: 'PriceClass_All',
      });
    },
    { plan: true },
  );
  expect(result.validate).toContain('Success! The configuration is valid.');
  // The 7 bucket resources, origin access identity, 2 cache policies, distribution.
  expect(result.toAdd).toBe(11);
  expect(result.plan).not.toMatch(/Warning:/);
});
