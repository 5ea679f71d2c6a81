/**
 * The static-site module: every TTL (1 year assets, 1 hour default, 0 for index.html), the cache behaviors in
 * evaluation order with their cache policies, SPA error responses, HTTPS redirects, the bucket's hardening and policy
 * for OAC and OAI, the API origin behavior, the viewer certificate variants, and props validation. Each scenario is
 * synthesized once.
 */
import { DefaultTokenResolver, StringConcat, TerraformVariable, Tokenization, type TerraformStack } from 'cdktf';
import {
  MANAGED_ALL_VIEWER_EXCEPT_HOST_HEADER_POLICY_ID,
  MANAGED_CACHING_DISABLED_POLICY_ID,
  SPA_ROUTING_FUNCTION_CODE,
  StaticSite,
  type StaticSiteProps,
} from '../../modules/static-site';
import { Template, testStack } from '../helpers/template';
import { issuePathsAndValues, rejectsEachCase, type ExpectedIssue } from '../helpers/validation';

const BASE: StaticSiteProps = { name: 'ec2-web-dev', accountId: '123456789012' };
const ALB_DNS = 'dev-alb-1234567890.us-east-1.elb.amazonaws.com';
const CERT_ARN = 'arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b';
const WEB_ACL_ARN = 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/site/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b';

const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
const ALL_VIEWER_EXCEPT_HOST = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';
const ONE_YEAR = 31_536_000;
const ONE_HOUR = 3600;
const ONE_DAY = 86_400;

type Block = Record<string, unknown>;

interface Scenario {
  readonly stack: TerraformStack;
  readonly site: StaticSite;
  readonly t: Template;
}

/** Builds a `StaticSite` with construct id `site` in a fresh stack and synthesizes it once. */
function scenario(props: StaticSiteProps): () => Scenario {
  let built: Scenario | undefined;
  beforeAll(() => {
    const stack = testStack();
    const site = new StaticSite(stack, 'site', props);
    built = { stack, site, t: Template.fromStack(stack) };
  });
  return () => {
    if (!built) throw new Error('scenario not built');
    return built;
  };
}

const TOKEN_RESOLVER = new DefaultTokenResolver(new StringConcat());

/** Resolves a token the construct exposes to the `${type.id.attr}` string Terraform sees. */
function resolved(s: Scenario, token: string): unknown {
  return Tokenization.resolve(token, { scope: s.stack, preparing: false, resolver: TOKEN_RESOLVER });
}

const distribution = (t: Template) => t.resource('aws_cloudfront_distribution', 'site/distribution');
const orderedBehaviors = (t: Template) => distribution(t).ordered_cache_behavior as Block[];
const allBehaviors = (t: Template) => [distribution(t).default_cache_behavior as Block, ...orderedBehaviors(t)];
const policyStatements = (t: Template) =>
  t.dataSource('aws_iam_policy_document', 'site/bucket/policy-document').statement as Block[];

/** The S3 behaviors' common shape. */
function s3Behavior(t: Template, cachePolicyId: string): Block {
  return {
    target_origin_id: 's3-frontend',
    viewer_protocol_policy: 'redirect-to-https',
    allowed_methods: ['GET', 'HEAD'],
    cached_methods: ['GET', 'HEAD'],
    cache_policy_id: cachePolicyId,
    response_headers_policy_id: t.ref('aws_cloudfront_response_headers_policy', 'site/security-headers'),
    compress: true,
  };
}

/** The TLS-only deny every bucket policy ends with. */
function denyInsecureTransport(t: Template): Block {
  const bucketArn = t.ref('aws_s3_bucket', 'site/bucket/bucket', 'arn');
  return {
    sid: 'DenyInsecureTransport',
    effect: 'Deny',
    principals: [{ type: '*', identifiers: ['*'] }],
    actions: ['s3:*'],
    resources: [bucketArn, `${bucketArn}/*`],
    condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
  };
}

it('exports the AWS managed policy ids the behaviors use', () => {
  expect(MANAGED_CACHING_DISABLED_POLICY_ID).toBe(CACHING_DISABLED);
  expect(MANAGED_ALL_VIEWER_EXCEPT_HOST_HEADER_POLICY_ID).toBe(ALL_VIEWER_EXCEPT_HOST);
});

describe('StaticSite with default props (OAC, no API origin)', () => {
  const s = scenario(BASE);

  describe('frontend bucket', () => {
    it('is named <name>-frontend-<accountId> and is not force-destroyed', () => {
      const { t } = s();
      expect(t.count('aws_s3_bucket')).toBe(1);
      expect(t.resource('aws_s3_bucket', 'site/bucket/bucket')).toEqual({
        bucket: 'ec2-web-dev-frontend-123456789012',
        force_destroy: false,
      });
    });

    it('blocks all four kinds of public access', () => {
      const { t } = s();
      expect(t.resource('aws_s3_bucket_public_access_block', 'site/bucket/public-access-block')).toEqual({
        bucket: t.ref('aws_s3_bucket', 'site/bucket/bucket'),
        block_public_acls: true,
        block_public_policy: true,
        ignore_public_acls: true,
        restrict_public_buckets: true,
      });
    });

    it('disables ACLs (BucketOwnerEnforced)', () => {
      const { t } = s();
      expect(t.resource('aws_s3_bucket_ownership_controls', 'site/bucket/ownership-controls')).toEqual({
        bucket: t.ref('aws_s3_bucket', 'site/bucket/bucket'),
        rule: { object_ownership: 'BucketOwnerEnforced' },
      });
    });

    it('enables versioning', () => {
      const { t } = s();
      expect(t.resource('aws_s3_bucket_versioning', 'site/bucket/versioning')).toEqual({
        bucket: t.ref('aws_s3_bucket', 'site/bucket/bucket'),
        versioning_configuration: { status: 'Enabled' },
      });
    });

    it('encrypts with SSE-S3 (AES256)', () => {
      const { t } = s();
      expect(t.resource('aws_s3_bucket_server_side_encryption_configuration', 'site/bucket/encryption')).toEqual({
        bucket: t.ref('aws_s3_bucket', 'site/bucket/bucket'),
        rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }],
      });
    });

    it('expires noncurrent versions after 30 days and aborts multipart uploads after 7, bucket-wide', () => {
      const { t } = s();
      expect(t.resource('aws_s3_bucket_lifecycle_configuration', 'site/bucket/lifecycle')).toEqual({
        bucket: t.ref('aws_s3_bucket', 'site/bucket/bucket'),
        rule: [
          {
            id: 'expire-noncurrent-versions',
            status: 'Enabled',
            filter: [{}],
            noncurrent_version_expiration: [{ noncurrent_days: 30 }],
          },
          {
            id: 'abort-incomplete-multipart-uploads',
            status: 'Enabled',
            filter: [{}],
            abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }],
          },
        ],
        depends_on: [t.ref('aws_s3_bucket_versioning', 'site/bucket/versioning').slice(2, -4)],
      });
    });
  });

  describe('origin access control and bucket policy', () => {
    it('creates one S3 origin access control that always signs with SigV4, and no OAI', () => {
      const { t, site } = s();
      expect(t.count('aws_cloudfront_origin_access_control')).toBe(1);
      expect(t.count('aws_cloudfront_origin_access_identity')).toBe(0);
      expect(t.resource('aws_cloudfront_origin_access_control', 'site/origin-access-control')).toEqual({
        name: 'ec2-web-dev-frontend',
        description: 'CloudFront reads of the ec2-web-dev frontend bucket',
        origin_access_control_origin_type: 's3',
        signing_behavior: 'always',
        signing_protocol: 'sigv4',
      });
      expect(site.originAccessControl).toBeDefined();
      expect(site.originAccessIdentity).toBeUndefined();
    });

    it('wires the S3 origin to the bucket regional domain name and the OAC', () => {
      const { t } = s();
      expect(distribution(t).origin).toEqual([
        {
          origin_id: 's3-frontend',
          domain_name: t.ref('aws_s3_bucket', 'site/bucket/bucket', 'bucket_regional_domain_name'),
          origin_access_control_id: t.ref('aws_cloudfront_origin_access_control', 'site/origin-access-control'),
        },
      ]);
    });

    it('lets only cloudfront.amazonaws.com, for this distribution ARN, s3:GetObject the objects', () => {
      const { t } = s();
      expect(policyStatements(t)[0]).toEqual({
        sid: 'AllowCloudFrontDistributionRead',
        effect: 'Allow',
        principals: [{ type: 'Service', identifiers: ['cloudfront.amazonaws.com'] }],
        actions: ['s3:GetObject'],
        resources: [`${t.ref('aws_s3_bucket', 'site/bucket/bucket', 'arn')}/*`],
        condition: [
          {
            test: 'StringEquals',
            variable: 'AWS:SourceArn',
            values: [t.ref('aws_cloudfront_distribution', 'site/distribution', 'arn')],
          },
        ],
      });
    });

    it('denies every request not made over TLS, on the bucket and its objects', () => {
      const { t } = s();
      expect(policyStatements(t)).toHaveLength(2);
      expect(policyStatements(t)[1]).toEqual(denyInsecureTransport(t));
    });

    it('attaches the policy after the public access block', () => {
      const { t } = s();
      expect(t.count('aws_s3_bucket_policy')).toBe(1);
      const pabId = t.ref('aws_s3_bucket_public_access_block', 'site/bucket/public-access-block').slice(2, -4);
      expect(t.resource('aws_s3_bucket_policy', 'site/bucket/policy')).toEqual({
        bucket: t.ref('aws_s3_bucket', 'site/bucket/bucket'),
        policy: t.dataRef('aws_iam_policy_document', 'site/bucket/policy-document'),
        depends_on: [pabId],
      });
    });
  });

  describe('cache policies and TTLs', () => {
    it('creates exactly two custom cache policies (default and assets)', () => {
      expect(s().t.count('aws_cloudfront_cache_policy')).toBe(2);
    });

    it('default behavior: min 0, default 1 hour (3600 s), max 1 day, nothing from the viewer in the key', () => {
      const { t } = s();
      expect(t.resource('aws_cloudfront_cache_policy', 'site/default-cache-policy')).toEqual({
        name: 'ec2-web-dev-default',
        comment: 'ec2-web-dev: SPA default behavior',
        min_ttl: 0,
        default_ttl: ONE_HOUR,
        max_ttl: ONE_DAY,
        parameters_in_cache_key_and_forwarded_to_origin: {
          cookies_config: { cookie_behavior: 'none' },
          headers_config: { header_behavior: 'none' },
          query_strings_config: { query_string_behavior: 'none' },
          enable_accept_encoding_gzip: true,
          enable_accept_encoding_brotli: true,
        },
      });
    });

    it('assets: 1 year (31536000 s) as min, default and max', () => {
      const { t } = s();
      expect(t.resource('aws_cloudfront_cache_policy', 'site/assets-cache-policy')).toMatchObject({
        name: 'ec2-web-dev-assets',
        min_ttl: ONE_YEAR,
        default_ttl: ONE_YEAR,
        max_ttl: ONE_YEAR,
        parameters_in_cache_key_and_forwarded_to_origin: {
          cookies_config: { cookie_behavior: 'none' },
          headers_config: { header_behavior: 'none' },
          query_strings_config: { query_string_behavior: 'none' },
          enable_accept_encoding_gzip: true,
          enable_accept_encoding_brotli: true,
        },
      });
    });

    it('exposes both policies', () => {
      const sc = s();
      expect(resolved(sc, sc.site.cachePolicies.default.id)).toBe(
        sc.t.ref('aws_cloudfront_cache_policy', 'site/default-cache-policy'),
      );
      expect(resolved(sc, sc.site.cachePolicies.assets.id)).toBe(
        sc.t.ref('aws_cloudfront_cache_policy', 'site/assets-cache-policy'),
      );
    });
  });

  describe('cache behaviors', () => {
    it('evaluates /index.html, then /assets/*, then the default', () => {
      expect(orderedBehaviors(s().t).map((behavior) => behavior.path_pattern)).toEqual(['/index.html', '/assets/*']);
    });

    it('/index.html is never cached: the managed CachingDisabled policy (TTL 0)', () => {
      const { t } = s();
      expect(orderedBehaviors(t)[0]).toEqual({ path_pattern: '/index.html', ...s3Behavior(t, CACHING_DISABLED) });
    });

    it('/assets/* uses the 1-year assets policy', () => {
      const { t } = s();
      expect(orderedBehaviors(t)[1]).toEqual({
        path_pattern: '/assets/*',
        ...s3Behavior(t, t.ref('aws_cloudfront_cache_policy', 'site/assets-cache-policy')),
      });
    });

    it('the default behavior (/) uses the 1-hour default policy', () => {
      const { t } = s();
      expect(distribution(t).default_cache_behavior).toEqual(
        s3Behavior(t, t.ref('aws_cloudfront_cache_policy', 'site/default-cache-policy')),
      );
    });

    it('redirects HTTP to HTTPS, compresses and adds the security headers on every behavior', () => {
      const { t } = s();
      const headers = t.ref('aws_cloudfront_response_headers_policy', 'site/security-headers');
      for (const behavior of allBehaviors(t)) {
        expect(behavior).toMatchObject({
          viewer_protocol_policy: 'redirect-to-https',
          compress: true,
          response_headers_policy_id: headers,
        });
      }
      expect(allBehaviors(t)).toHaveLength(3);
    });

    it('uses cache policies, never legacy forwarded_values or per-behavior TTLs', () => {
      for (const behavior of allBehaviors(s().t)) {
        expect(behavior).not.toHaveProperty('forwarded_values');
        expect(behavior).not.toHaveProperty('default_ttl');
        expect(behavior.cache_policy_id).toEqual(expect.any(String));
      }
    });
  });

  describe('distribution', () => {
    it('is enabled, IPv6, HTTP/2 and 3, PriceClass_100, index.html at the root, without geo restriction', () => {
      const { t } = s();
      expect(t.count('aws_cloudfront_distribution')).toBe(1);
      expect(distribution(t)).toMatchObject({
        comment: 'ec2-web-dev single-page app',
        enabled: true,
        is_ipv6_enabled: true,
        http_version: 'http2and3',
        price_class: 'PriceClass_100',
        default_root_object: 'index.html',
        restrictions: { geo_restriction: { restriction_type: 'none' } },
      });
    });

    it('answers 403 and 404 with 200 /index.html (SPA routing), cached 10 s', () => {
      expect(distribution(s().t).custom_error_response).toEqual([
        { error_code: 403, response_code: 200, response_page_path: '/index.html', error_caching_min_ttl: 10 },
        { error_code: 404, response_code: 200, response_page_path: '/index.html', error_caching_min_ttl: 10 },
      ]);
    });

    it('uses the default CloudFront certificate (TLSv1, what CloudFront enforces on it) and no aliases', () => {
      const d = distribution(s().t);
      expect(d.viewer_certificate).toEqual({ cloudfront_default_certificate: true, minimum_protocol_version: 'TLSv1' });
      expect(d).not.toHaveProperty('aliases');
    });

    it('has no access logs and no web ACL', () => {
      const d = distribution(s().t);
      expect(d).not.toHaveProperty('logging_config');
      expect(d).not.toHaveProperty('web_acl_id');
    });

    it('exposes the distribution id, ARN, domain name and hosted zone, and the bucket attributes', () => {
      const sc = s();
      const { site, t } = sc;
      const ref = (attribute: string) => t.ref('aws_cloudfront_distribution', 'site/distribution', attribute);
      const bucketRef = (attribute: string) => t.ref('aws_s3_bucket', 'site/bucket/bucket', attribute);
      expect(resolved(sc, site.distributionId)).toBe(ref('id'));
      expect(resolved(sc, site.distributionArn)).toBe(ref('arn'));
      expect(resolved(sc, site.domainName)).toBe(ref('domain_name'));
      expect(resolved(sc, site.hostedZoneId)).toBe(ref('hosted_zone_id'));
      expect(resolved(sc, site.bucketName)).toBe(bucketRef('bucket'));
      expect(resolved(sc, site.bucketArn)).toBe(bucketRef('arn'));
      expect(resolved(sc, site.bucketRegionalDomainName)).toBe(bucketRef('bucket_regional_domain_name'));
    });
  });

  describe('security headers', () => {
    it('HSTS 1 year with subdomains, nosniff, frame DENY, strict-origin-when-cross-origin, all overriding the origin', () => {
      const { t, site } = s();
      expect(t.count('aws_cloudfront_response_headers_policy')).toBe(1);
      expect(t.resource('aws_cloudfront_response_headers_policy', 'site/security-headers')).toEqual({
        name: 'ec2-web-dev-security-headers',
        comment: 'ec2-web-dev: security headers on every response',
        security_headers_config: {
          strict_transport_security: { access_control_max_age_sec: ONE_YEAR, include_subdomains: true, override: true },
          content_type_options: { override: true },
          frame_options: { frame_option: 'DENY', override: true },
          referrer_policy: { referrer_policy: 'strict-origin-when-cross-origin', override: true },
        },
      });
      expect(site.responseHeadersPolicy).toBeDefined();
    });
  });

  it('uses no data source that calls AWS (only the local IAM policy document)', () => {
    expect(Object.keys((s().t.json.data as Block | undefined) ?? {})).toEqual(['aws_iam_policy_document']);
  });
});

describe('StaticSite with an API origin (defaults: /api/*, https-only)', () => {
  const s = scenario({ ...BASE, apiOrigin: { domainName: ALB_DNS } });

  it('adds a custom origin: HTTPS only on 443 (HTTP port 80), TLSv1.2', () => {
    const origins = distribution(s().t).origin as Block[];
    expect(origins).toHaveLength(2);
    expect(origins[1]).toEqual({
      origin_id: 'api',
      domain_name: ALB_DNS,
      custom_origin_config: {
        origin_protocol_policy: 'https-only',
        https_port: 443,
        http_port: 80,
        origin_ssl_protocols: ['TLSv1.2'],
      },
    });
  });

  it('evaluates /api/* first, then /index.html, then /assets/*', () => {
    expect(orderedBehaviors(s().t).map((behavior) => behavior.path_pattern)).toEqual([
      '/api/*',
      '/index.html',
      '/assets/*',
    ]);
  });

  it('routes /api/* uncached, with all methods and every viewer value except Host, to the API origin', () => {
    const { t } = s();
    expect(orderedBehaviors(t)[0]).toEqual({
      path_pattern: '/api/*',
      target_origin_id: 'api',
      viewer_protocol_policy: 'redirect-to-https',
      allowed_methods: ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT'],
      cached_methods: ['GET', 'HEAD'],
      cache_policy_id: CACHING_DISABLED,
      origin_request_policy_id: ALL_VIEWER_EXCEPT_HOST,
      response_headers_policy_id: t.ref('aws_cloudfront_response_headers_policy', 'site/security-headers'),
      compress: true,
    });
  });

  it('still redirects to HTTPS on every behavior, and the S3 behaviors stay unchanged', () => {
    const { t } = s();
    expect(allBehaviors(t).map((behavior) => behavior.viewer_protocol_policy)).toEqual(
      Array(4).fill('redirect-to-https'),
    );
    expect(orderedBehaviors(t)[1]).toEqual({ path_pattern: '/index.html', ...s3Behavior(t, CACHING_DISABLED) });
    expect(orderedBehaviors(t)[2]).toEqual({
      path_pattern: '/assets/*',
      ...s3Behavior(t, t.ref('aws_cloudfront_cache_policy', 'site/assets-cache-policy')),
    });
  });

  it('adds no custom cache or origin request policy for the API (managed ones)', () => {
    const { t } = s();
    expect(t.count('aws_cloudfront_cache_policy')).toBe(2);
    expect(t.count('aws_cloudfront_origin_request_policy')).toBe(0);
  });
});

describe('StaticSite with an HTTP-only API origin on custom ports, explicitly allowed', () => {
  const s = scenario({
    ...BASE,
    apiOrigin: {
      domainName: ALB_DNS,
      pathPattern: '/v1/*',
      originProtocolPolicy: 'http-only',
      allowHttpToOrigin: true,
      httpPort: 8080,
      httpsPort: 8443,
    },
  });

  it('uses http-only on the given ports and the given path pattern', () => {
    const { t } = s();
    expect((distribution(t).origin as Block[])[1]?.custom_origin_config).toEqual({
      origin_protocol_policy: 'http-only',
      https_port: 8443,
      http_port: 8080,
      origin_ssl_protocols: ['TLSv1.2'],
    });
    expect(orderedBehaviors(t)[0]).toMatchObject({ path_pattern: '/v1/*', target_origin_id: 'api' });
  });
});

describe('StaticSite with origin-access-identity, ACM certificate, aliases, logs, web ACL, no security headers', () => {
  const s = scenario({
    ...BASE,
    originAccess: 'origin-access-identity',
    aliases: ['app.example.com', 'www.example.com'],
    certificateArn: CERT_ARN,
    accessLogs: { bucketDomainName: 'example-logs.s3.amazonaws.com' },
    webAclId: WEB_ACL_ARN,
    disableSecurityHeaders: true,
    priceClass: 'PriceClass_All',
  });

  it('creates an origin access identity and no OAC', () => {
    const { t, site } = s();
    expect(t.count('aws_cloudfront_origin_access_identity')).toBe(1);
    expect(t.count('aws_cloudfront_origin_access_control')).toBe(0);
    expect(t.resource('aws_cloudfront_origin_access_identity', 'site/origin-access-identity')).toEqual({
      comment: 'CloudFront reads of the ec2-web-dev frontend bucket',
    });
    expect(site.originAccessIdentity).toBeDefined();
    expect(site.originAccessControl).toBeUndefined();
  });

  it('wires the S3 origin through s3_origin_config with the OAI path', () => {
    const { t } = s();
    expect(distribution(t).origin).toEqual([
      {
        origin_id: 's3-frontend',
        domain_name: t.ref('aws_s3_bucket', 'site/bucket/bucket', 'bucket_regional_domain_name'),
        s3_origin_config: {
          origin_access_identity: t.ref(
            'aws_cloudfront_origin_access_identity',
            'site/origin-access-identity',
            'cloudfront_access_identity_path',
          ),
        },
      },
    ]);
  });

  it("lets only the OAI's IAM ARN s3:GetObject the objects, and still denies non-TLS requests", () => {
    const { t } = s();
    expect(policyStatements(t)).toEqual([
      {
        sid: 'AllowCloudFrontOriginAccessIdentityRead',
        effect: 'Allow',
        principals: [
          {
            type: 'AWS',
            identifiers: [t.ref('aws_cloudfront_origin_access_identity', 'site/origin-access-identity', 'iam_arn')],
          },
        ],
        actions: ['s3:GetObject'],
        resources: [`${t.ref('aws_s3_bucket', 'site/bucket/bucket', 'arn')}/*`],
      },
      denyInsecureTransport(t),
    ]);
  });

  it('serves the aliases with the ACM certificate over SNI, TLSv1.2_2021 minimum', () => {
    const d = distribution(s().t);
    expect(d.aliases).toEqual(['app.example.com', 'www.example.com']);
    expect(d.viewer_certificate).toEqual({
      acm_certificate_arn: CERT_ARN,
      ssl_support_method: 'sni-only',
      minimum_protocol_version: 'TLSv1.2_2021',
    });
  });

  it('logs to the bucket under <name>/ without cookies, and attaches the web ACL and price class', () => {
    const d = distribution(s().t);
    expect(d.logging_config).toEqual({
      bucket: 'example-logs.s3.amazonaws.com',
      prefix: 'ec2-web-dev/',
      include_cookies: false,
    });
    expect(d.web_acl_id).toBe(WEB_ACL_ARN);
    expect(d.price_class).toBe('PriceClass_All');
  });

  it('creates no response headers policy and references none', () => {
    const { t, site } = s();
    expect(t.count('aws_cloudfront_response_headers_policy')).toBe(0);
    expect(site.responseHeadersPolicy).toBeUndefined();
    for (const behavior of allBehaviors(t)) expect(behavior).not.toHaveProperty('response_headers_policy_id');
  });

  it('keeps the bucket hardening and the TTLs of the default scenario', () => {
    const { t } = s();
    expect(t.resource('aws_s3_bucket_versioning', 'site/bucket/versioning').versioning_configuration).toEqual({
      status: 'Enabled',
    });
    expect(t.resource('aws_cloudfront_cache_policy', 'site/assets-cache-policy')).toMatchObject({
      min_ttl: ONE_YEAR,
      default_ttl: ONE_YEAR,
      max_ttl: ONE_YEAR,
    });
    expect(t.resource('aws_cloudfront_cache_policy', 'site/default-cache-policy')).toMatchObject({
      default_ttl: ONE_HOUR,
    });
  });
});

describe('StaticSite with every TTL, path, bucket and lifecycle prop set', () => {
  const s = scenario({
    ...BASE,
    bucketName: 'my-spa.example-bucket',
    forceDestroy: true,
    noncurrentVersionExpirationDays: 90,
    defaultMinTtlSeconds: 60,
    defaultTtlSeconds: 600,
    defaultMaxTtlSeconds: 3600,
    assetsPathPattern: '/static/*',
    assetsTtlSeconds: 2_592_000,
    noCachePaths: ['/index.html', '/service-worker.js', '/manifest.json'],
    errorCachingMinTtlSeconds: 0,
    accessLogs: { bucketDomainName: 'logs.s3.eu-west-1.amazonaws.com', prefix: 'cdn/spa/' },
    tags: { team: 'web' },
  });

  it('names the bucket as given, force-destroyable, tagged', () => {
    expect(s().t.resource('aws_s3_bucket', 'site/bucket/bucket')).toEqual({
      bucket: 'my-spa.example-bucket',
      force_destroy: true,
      tags: { team: 'web' },
    });
  });

  it('expires noncurrent versions after 90 days', () => {
    const rules = s().t.resource('aws_s3_bucket_lifecycle_configuration', 'site/bucket/lifecycle').rule as Block[];
    expect(rules[0]?.noncurrent_version_expiration).toEqual([{ noncurrent_days: 90 }]);
    expect(rules[1]?.abort_incomplete_multipart_upload).toEqual([{ days_after_initiation: 7 }]);
  });

  it('uses the given default TTLs (60 / 600 / 3600) and assets TTL (30 days)', () => {
    const { t } = s();
    expect(t.resource('aws_cloudfront_cache_policy', 'site/default-cache-policy')).toMatchObject({
      min_ttl: 60,
      default_ttl: 600,
      max_ttl: 3600,
    });
    expect(t.resource('aws_cloudfront_cache_policy', 'site/assets-cache-policy')).toMatchObject({
      min_ttl: 2_592_000,
      default_ttl: 2_592_000,
      max_ttl: 2_592_000,
    });
  });

  it('adds one uncached behavior per no-cache path, in order, before the assets pattern', () => {
    const { t } = s();
    const behaviors = orderedBehaviors(t);
    expect(behaviors.map((behavior) => [behavior.path_pattern, behavior.cache_policy_id])).toEqual([
      ['/index.html', CACHING_DISABLED],
      ['/service-worker.js', CACHING_DISABLED],
      ['/manifest.json', CACHING_DISABLED],
      ['/static/*', t.ref('aws_cloudfront_cache_policy', 'site/assets-cache-policy')],
    ]);
  });

  it('does not cache the SPA error responses, logs under the given prefix and tags the distribution', () => {
    const d = distribution(s().t);
    expect((d.custom_error_response as Block[]).map((response) => response.error_caching_min_ttl)).toEqual([0, 0]);
    expect(d.logging_config).toEqual({
      bucket: 'logs.s3.eu-west-1.amazonaws.com',
      prefix: 'cdn/spa/',
      include_cookies: false,
    });
    expect(d.tags).toEqual({ team: 'web' });
  });
});

describe('StaticSite props validation', () => {
  const cases: Array<[string, Partial<StaticSiteProps>, ExpectedIssue]> = [
    [
      'a name with uppercase letters',
      { name: 'Ec2Web' },
      { path: 'name', value: 'Ec2Web', message: /^must be 1 to 40 lowercase letters, digits and hyphens/ },
    ],
    [
      'a name that makes a reserved default bucket name',
      { name: 'xn--site' },
      { path: 'name', value: 'xn--site', message: /^gives the default bucket name "xn--site-frontend-123456789012"/ },
    ],
    [
      'an account id that is not 12 digits',
      { accountId: '12345' },
      { path: 'accountId', value: '12345', message: /^must be a 12-digit AWS account id$/ },
    ],
    [
      'a bucket name with uppercase letters',
      { bucketName: 'My_Bucket' },
      { path: 'bucketName', value: 'My_Bucket', message: /^must be an S3 bucket name: lowercase letters/ },
    ],
    [
      'a bucket name longer than 63 characters',
      { bucketName: 'a'.repeat(64) },
      { path: 'bucketName', value: 'a'.repeat(64), message: /^must be 3 to 63 characters long \(is 64\)/ },
    ],
    [
      'a bucket name with adjacent dots',
      { bucketName: 'my..bucket' },
      { path: 'bucketName', value: 'my..bucket', message: /^must not contain two adjacent dots/ },
    ],
    [
      'a bucket name formatted as an IP address',
      { bucketName: '192.168.5.4' },
      { path: 'bucketName', value: '192.168.5.4', message: /^must not be formatted as an IP address/ },
    ],
    [
      'a bucket name with a reserved suffix',
      { bucketName: 'frontend-s3alias' },
      { path: 'bucketName', value: 'frontend-s3alias', message: /^must not end with "-s3alias"/ },
    ],
    [
      'noncurrent version expiration of 0 days',
      { noncurrentVersionExpirationDays: 0 },
      { path: 'noncurrentVersionExpirationDays', value: 0, message: /^must be a whole number of days ≥ 1$/ },
    ],
    [
      'an unknown origin access mode',
      { originAccess: 'public' as never },
      {
        path: 'originAccess',
        value: 'public',
        message: /^must be one of "origin-access-control", "origin-access-identity"$/,
      },
    ],
    [
      'an unknown price class',
      { priceClass: 'PriceClass_50' as never },
      { path: 'priceClass', value: 'PriceClass_50', message: /^must be one of "PriceClass_100"/ },
    ],
    [
      'aliases without certificateArn',
      { aliases: ['app.example.com'] },
      {
        path: 'aliases',
        value: ['app.example.com'],
        message: /^need certificateArn \(an ACM certificate in us-east-1/,
      },
    ],
    [
      'an alias that is not a DNS name',
      { aliases: ['https://app.example.com'], certificateArn: CERT_ARN },
      { path: 'aliases[0]', value: 'https://app.example.com', message: /^must be a lowercase DNS name/ },
    ],
    [
      'a certificate outside us-east-1',
      {
        aliases: ['app.example.com'],
        certificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b',
      },
      {
        path: 'certificateArn',
        value: 'arn:aws:acm:eu-west-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b',
        message: /^must be an ACM certificate in us-east-1 .*this one is in eu-west-1/,
      },
    ],
    [
      'a certificate ARN that is not from ACM',
      { aliases: ['app.example.com'], certificateArn: 'arn:aws:iam::123456789012:server-certificate/site' },
      {
        path: 'certificateArn',
        value: 'arn:aws:iam::123456789012:server-certificate/site',
        message: /^must be an ACM certificate ARN/,
      },
    ],
    [
      'a certificate without aliases',
      { certificateArn: CERT_ARN },
      { path: 'certificateArn', value: CERT_ARN, message: /^needs aliases/ },
    ],
    [
      'a negative minimum TTL',
      { defaultMinTtlSeconds: -1 },
      { path: 'defaultMinTtlSeconds', value: -1, message: /^must be a whole number of seconds ≥ 0$/ },
    ],
    [
      'a minimum TTL above the default TTL',
      { defaultMinTtlSeconds: 7200 },
      { path: 'defaultMinTtlSeconds', value: 7200, message: /^must not exceed defaultTtlSeconds \(3600\)$/ },
    ],
    [
      'a default TTL above the maximum TTL',
      { defaultTtlSeconds: 100_000 },
      { path: 'defaultTtlSeconds', value: 100_000, message: /^must not exceed defaultMaxTtlSeconds \(86400\)$/ },
    ],
    [
      'a fractional default TTL',
      { defaultTtlSeconds: 1.5 },
      { path: 'defaultTtlSeconds', value: 1.5, message: /^must be a whole number of seconds ≥ 0$/ },
    ],
    [
      'a maximum TTL of 0 (that is a no-cache path)',
      { defaultMinTtlSeconds: 0, defaultTtlSeconds: 0, defaultMaxTtlSeconds: 0 },
      { path: 'defaultMaxTtlSeconds', value: 0, message: /^must be a whole number of seconds ≥ 1$/ },
    ],
    [
      'an assets TTL of 0',
      { assetsTtlSeconds: 0 },
      { path: 'assetsTtlSeconds', value: 0, message: /^must be a whole number of seconds ≥ 1$/ },
    ],
    [
      'a negative error caching TTL',
      { errorCachingMinTtlSeconds: -10 },
      { path: 'errorCachingMinTtlSeconds', value: -10, message: /^must be a whole number of seconds ≥ 0$/ },
    ],
    [
      "an assets pattern without a leading '/'",
      { assetsPathPattern: 'assets/*' },
      {
        path: 'assetsPathPattern',
        value: 'assets/*',
        message: /^must be a CloudFront path pattern that starts with '\/'/,
      },
    ],
    [
      "a no-cache path without a leading '/'",
      { noCachePaths: ['/index.html', 'sw.js'] },
      { path: 'noCachePaths[1]', value: 'sw.js', message: /^must be a CloudFront path pattern that starts with '\/'/ },
    ],
    [
      'a path pattern used by two behaviors',
      { noCachePaths: ['/index.html', '/assets/*'] },
      { path: 'assetsPathPattern', value: '/assets/*', message: /^is already the path pattern of noCachePaths\[1\]$/ },
    ],
    [
      "an API path pattern without a leading '/'",
      { apiOrigin: { domainName: ALB_DNS, pathPattern: 'api/*' } },
      { path: 'apiOrigin.pathPattern', value: 'api/*', message: /^must be a CloudFront path pattern/ },
    ],
    [
      'an http-only API origin without allowHttpToOrigin',
      { apiOrigin: { domainName: ALB_DNS, originProtocolPolicy: 'http-only' } },
      {
        path: 'apiOrigin.originProtocolPolicy',
        value: 'http-only',
        message: /^sends API traffic unencrypted .* set apiOrigin\.allowHttpToOrigin: true$/,
      },
    ],
    [
      'an unknown API origin protocol policy',
      { apiOrigin: { domainName: ALB_DNS, originProtocolPolicy: 'match-viewer' as never } },
      {
        path: 'apiOrigin.originProtocolPolicy',
        value: 'match-viewer',
        message: /^must be one of "https-only", "http-only"$/,
      },
    ],
    [
      'an API domain name with a scheme',
      { apiOrigin: { domainName: `https://${ALB_DNS}` } },
      { path: 'apiOrigin.domainName', value: `https://${ALB_DNS}`, message: /^must be a bare host name/ },
    ],
    [
      'an API HTTPS port CloudFront cannot use',
      { apiOrigin: { domainName: ALB_DNS, httpsPort: 444 } },
      { path: 'apiOrigin.httpsPort', value: 444, message: /^must be 80, 443 or a port from 1024 to 65535/ },
    ],
    [
      'an access-log destination that is not a bucket domain name',
      { accessLogs: { bucketDomainName: 'my-logs' } },
      { path: 'accessLogs.bucketDomainName', value: 'my-logs', message: /^must be an S3 bucket domain name/ },
    ],
  ];

  /** Every bad construction goes into this one stack, so that synthesizing it shows none of them left a resource. */
  const bad = rejectsEachCase({
    subject: /^Invalid StaticSite "invalid\/bad-\d+" props:\n {2}- /,
    cases,
    build: (stack, id, props) => new StaticSite(stack, id, { ...BASE, ...props }),
    extra: {
      'two bad fields': (stack) =>
        new StaticSite(stack, 'bad-twice', { ...BASE, assetsTtlSeconds: 0, noncurrentVersionExpirationDays: 0 }),
    },
  });

  it('reports every bad field in one error', () => {
    expect(issuePathsAndValues(bad.thrown.get('two bad fields'))).toEqual([
      ['noncurrentVersionExpirationDays', 0],
      ['assetsTtlSeconds', 0],
    ]);
  });

  it('adds no resource to the stack when construction throws', () => {
    const t = Template.fromStack(bad.stack());
    expect(t.json.resource).toBeUndefined();
    expect(t.json.data).toBeUndefined();
  });

  it('accepts tokens (an ALB DNS name, a certificate ARN, a bucket name from elsewhere) without checking them', () => {
    const tokenStack = testStack('tokens');
    const input = (id: string) => new TerraformVariable(tokenStack, id, { type: 'string' }).stringValue;
    expect(
      () =>
        new StaticSite(tokenStack, 'site', {
          ...BASE,
          accountId: input('account_id'),
          bucketName: input('bucket_name'),
          aliases: [input('alias')],
          certificateArn: input('certificate_arn'),
          apiOrigin: { domainName: input('alb_dns_name'), pathPattern: input('api_path') },
          accessLogs: { bucketDomainName: input('log_bucket') },
        }),
    ).not.toThrow();
  });
});

describe('StaticSite with SPA routing by a CloudFront Function and an API stage as origin path', () => {
  const s = scenario({
    ...BASE,
    spaRouting: 'viewer-request-function',
    apiOrigin: { domainName: 'abc123.execute-api.us-east-1.amazonaws.com', originPath: '/staging' },
  });

  it('publishes the routing function and runs it on viewer requests of the default behavior only', () => {
    const { t } = s();
    expect(t.resource('aws_cloudfront_function', 'site/spa-routing')).toEqual({
      name: 'ec2-web-dev-spa-routing',
      comment: 'ec2-web-dev: client-side routes get /index.html (default behavior only)',
      runtime: 'cloudfront-js-2.0',
      publish: true,
      code: SPA_ROUTING_FUNCTION_CODE,
    });
    expect((distribution(t).default_cache_behavior as Block).function_association).toEqual([
      { event_type: 'viewer-request', function_arn: t.ref('aws_cloudfront_function', 'site/spa-routing', 'arn') },
    ]);
    for (const behavior of orderedBehaviors(t)) expect(behavior).not.toHaveProperty('function_association');
  });

  it('has no custom error responses, so the API keeps its 403s and 404s', () => {
    expect(distribution(s().t)).not.toHaveProperty('custom_error_response');
  });

  it('sends /api/* to the stage path of the API origin', () => {
    const origins = distribution(s().t).origin as Block[];
    expect(origins.find((origin) => origin.origin_id === 'api')).toMatchObject({
      domain_name: 'abc123.execute-api.us-east-1.amazonaws.com',
      origin_path: '/staging',
      custom_origin_config: { origin_protocol_policy: 'https-only', origin_ssl_protocols: ['TLSv1.2'] },
    });
  });

  it('rewrites extension-less paths to /index.html and passes files through', () => {
    const handler = new Function(`${SPA_ROUTING_FUNCTION_CODE}; return handler;`)() as (event: {
      request: { uri: string };
    }) => { uri: string };
    const uriFor = (uri: string) => handler({ request: { uri } }).uri;
    expect(['/', '/orders', '/orders/42/'].map(uriFor)).toEqual(['/index.html', '/index.html', '/index.html']);
    expect(['/assets/app.3f2a.js', '/favicon.ico'].map(uriFor)).toEqual(['/assets/app.3f2a.js', '/favicon.ico']);
  });
});

describe('StaticSite SPA routing and origin path validation', () => {
  rejectsEachCase<StaticSiteProps>({
    stackName: 'invalid-spa',
    subject: /StaticSite ".*" props/,
    cases: [
      [
        'an origin path ending in a slash',
        { ...BASE, apiOrigin: { domainName: ALB_DNS, originPath: '/staging/' } },
        { path: 'apiOrigin.originPath', value: '/staging/', message: /not ending with '\/'/ },
      ],
      [
        'an unknown routing mode',
        { ...BASE, spaRouting: 'lambda-edge' as never },
        { path: 'spaRouting', value: 'lambda-edge', message: /must be one of "error-responses"/ },
      ],
    ],
    build: (stack, id, props) => new StaticSite(stack, id, props),
  });
});
