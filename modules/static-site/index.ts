/**
 * A single-page app served from a private S3 bucket through CloudFront, optionally with an API origin (e.g. an ALB)
 * behind the same distribution.
 *
 * The bucket (a core `SecureBucket`) is versioned, SSE-S3 (AES256) encrypted, fully blocked from public access, ACL-free
 * (BucketOwnerEnforced) and readable only by this distribution: through an origin access control (OAC, SigV4, the
 * default) or a legacy origin access identity (OAI, what older designs name). Its policy also denies any request not
 * made over TLS. Noncurrent object versions expire after 30 days; incomplete multipart uploads are aborted after 7.
 *
 * Cache behaviors, in the order CloudFront evaluates them (first match wins), each redirecting HTTP to HTTPS and
 * adding the security-headers response policy:
 *
 * | path pattern        | origin | cache policy                                                   | methods   |
 * | ------------------- | ------ | -------------------------------------------------------------- | --------- |
 * | `/api/*` (if any)   | API    | managed CachingDisabled; origin requests AllViewerExceptHost   | all 7     |
 * | `/index.html`       | S3     | managed CachingDisabled (TTL 0)                                | GET, HEAD |
 * | `/assets/*`         | S3     | `<name>-assets`: min = default = max = 1 year                  | GET, HEAD |
 * | default (`/`, rest) | S3     | `<name>-default`: min 0, default 1 hour, max 1 day             | GET, HEAD |
 *
 * `/` itself is served by the default behavior (index.html through default_root_object, cached 1 hour by
 * default), so a deploy should invalidate `/` (or `/*`) and upload index.html with `Cache-Control: no-cache`. Browsers
 * cache what the objects' own Cache-Control says: upload `/assets/*` with `max-age=31536000, immutable`.
 *
 * SPA routing (`spaRouting`), two ways:
 * - `error-responses` (the default): S3 answers 403 for a missing key (the bucket policy grants no s3:ListBucket, so no
 *   404 and no key listing), and CloudFront turns 403 and 404 into `200 /index.html`. These custom error responses
 *   apply to the whole distribution, API behavior included: an API that returns 403/404 reaches clients as
 *   `200 index.html`.
 * - `viewer-request-function`: a CloudFront Function `<name>-spa-routing` on the default behavior only rewrites a path
 *   whose last segment has no file extension (`/orders/42`) to `/index.html`; there are no custom error responses, so
 *   the API's 403s and 404s reach clients as they are, and a missing asset is an error, not the app.
 */
import { CloudfrontCachePolicy } from '@cdktf/provider-aws/lib/cloudfront-cache-policy';
import { CloudfrontFunction } from '@cdktf/provider-aws/lib/cloudfront-function';
import {
  CloudfrontDistribution,
  type CloudfrontDistributionOrderedCacheBehavior,
  type CloudfrontDistributionOrigin,
} from '@cdktf/provider-aws/lib/cloudfront-distribution';
import { CloudfrontOriginAccessControl } from '@cdktf/provider-aws/lib/cloudfront-origin-access-control';
import { CloudfrontOriginAccessIdentity } from '@cdktf/provider-aws/lib/cloudfront-origin-access-identity';
import { CloudfrontResponseHeadersPolicy } from '@cdktf/provider-aws/lib/cloudfront-response-headers-policy';
import type { DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import type { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import type { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { Construct } from 'constructs';
import { checkInteger, checkNotAbove, checkOneOf, checkS3BucketName, isLiteral } from '../core/checks';
import { SecureBucket } from '../core/secure-bucket';
import { assertNoIssues, type ValidationIssue } from '../core/validation';
import {
  API_ORIGIN_PROTOCOL_POLICIES,
  checkAliases,
  checkLogBucketDomainName,
  checkOriginDomainName,
  checkOriginPath,
  checkOriginPort,
  checkPathPattern,
  checkUniquePatterns,
  checkViewerCertificateArn,
  ORIGIN_ACCESS_MODES,
  PRICE_CLASSES,
  SPA_ROUTING_MODES,
  type ApiOriginProtocolPolicy,
  type OriginAccessMode,
  type PriceClass,
  type SpaRoutingMode,
} from './validation';

export * from './validation';

/** AWS managed cache policy "Managed-CachingDisabled": every TTL 0, nothing in the cache key. */
export const MANAGED_CACHING_DISABLED_POLICY_ID = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
/** AWS managed origin request policy "Managed-AllViewerExceptHostHeader": all headers, cookies, query strings but Host. */
export const MANAGED_ALL_VIEWER_EXCEPT_HOST_HEADER_POLICY_ID = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';

/** One year in seconds: the TTL of fingerprinted, immutable assets. */
export const ONE_YEAR_SECONDS = 31_536_000;

/**
 * The SPA-routing CloudFront Function (cloudfront-js-2.0, viewer request): a path whose last segment has no file
 * extension is a client-side route and gets `/index.html`; anything else (`/assets/app.3f2a.js`) goes through as asked.
 */
export const SPA_ROUTING_FUNCTION_CODE = `function handler(event) {
  var request = event.request;
  var last = request.uri.split('/').pop();
  if (!/\\.[A-Za-z0-9]+$/.test(last)) {
    request.uri = '/index.html';
  }
  return request;
}
`;

/** Origin ids inside the distribution. */
export const S3_ORIGIN_ID = 's3-frontend';
export const API_ORIGIN_ID = 'api';

const READ_METHODS = ['GET', 'HEAD'];
const ALL_METHODS = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT'];
/** The viewer TLS policy with an ACM certificate. */
const ACM_MINIMUM_PROTOCOL_VERSION = 'TLSv1.2_2021';
/**
 * With the default *.cloudfront.net certificate CloudFront always applies TLSv1 whatever is asked, so anything else
 * would show as a change on every plan; viewers that support TLS 1.2+ still negotiate it.
 */
const DEFAULT_CERT_MINIMUM_PROTOCOL_VERSION = 'TLSv1';
const MAX_NAME_LENGTH = 40;
const WHOLE_DAYS = 'a whole number of days';
const WHOLE_SECONDS = 'a whole number of seconds';

export interface StaticSiteApiOriginProps {
  /**
   * Host name of the API origin, e.g. the ALB's DNS name (a token is fine). With `https-only`, CloudFront sends this
   * name as SNI and Host and checks the origin's certificate against it, so point a custom domain with an ACM
   * certificate at the ALB rather than using its `*.elb.amazonaws.com` name. Required.
   */
  readonly domainName: string;
  /** Requests with this path pattern go to the API. Default: `/api/*`. */
  readonly pathPattern?: string;
  /**
   * How CloudFront connects to the origin: `https-only`, or `http-only` (requires `allowHttpToOrigin: true`).
   * Default: `https-only`.
   */
  readonly originProtocolPolicy?: ApiOriginProtocolPolicy;
  /**
   * Allow `originProtocolPolicy: 'http-only'`: traffic between CloudFront and the origin crosses the internet
   * unencrypted (viewers still use HTTPS). For an ALB that has no HTTPS listener yet. Default: false.
   */
  readonly allowHttpToOrigin?: boolean;
  /** Origin HTTPS port: 443 or 1024–65535. Default: 443. */
  readonly httpsPort?: number;
  /** Origin HTTP port: 80 or 1024–65535. Default: 80. */
  readonly httpPort?: number;
  /**
   * Path CloudFront puts before the request's path at the origin, e.g. `/staging` for an API Gateway stage (`/api/x`
   * reaches the origin as `/staging/api/x`). Starts with `/`, no trailing `/`. Default: none.
   */
  readonly originPath?: string;
}

export interface StaticSiteAccessLogsProps {
  /**
   * Domain name of the bucket that receives CloudFront standard logs, e.g. `logs.s3.amazonaws.com`. That bucket must
   * allow ACLs (ObjectWriter or BucketOwnerPreferred ownership): legacy standard logging writes with an ACL. Required.
   */
  readonly bucketDomainName: string;
  /** Key prefix of the log files. Default: `<name>/`. */
  readonly prefix?: string;
}

export interface StaticSiteProps {
  /**
   * Prefix of every resource name (cache policies, OAC, response headers policy) and of the default bucket name:
   * lowercase letters, digits and hyphens, at most 40 characters, unique in the account. Required.
   */
  readonly name: string;
  /** The AWS account id (12 digits) that owns the bucket; makes the default bucket name globally unique. Required. */
  readonly accountId: string;
  /** The frontend bucket's name; must follow S3 bucket naming. Default: `<name>-frontend-<accountId>`. */
  readonly bucketName?: string;
  /** Let `terraform destroy` delete the bucket with its objects. Default: false. */
  readonly forceDestroy?: boolean;
  /** Days a noncurrent object version is kept before S3 expires it; at least 1. Default: 30. */
  readonly noncurrentVersionExpirationDays?: number;
  /**
   * How CloudFront reads the bucket: `origin-access-control` (SigV4-signed requests, the successor of OAI; the bucket
   * policy names the CloudFront service and this distribution's ARN) or `origin-access-identity` (the legacy
   * principal). Default: `origin-access-control`.
   */
  readonly originAccess?: OriginAccessMode;
  /** Edge locations served: `PriceClass_100`, `PriceClass_200` or `PriceClass_All`. Default: `PriceClass_100`. */
  readonly priceClass?: PriceClass;
  /** Alternate domain names (CNAMEs); require `certificateArn`, which must cover them. Default: none. */
  readonly aliases?: readonly string[];
  /**
   * ACM certificate ARN in us-east-1 for `aliases` (SNI only, TLSv1.2_2021 minimum). Default: none, the
   * `*.cloudfront.net` certificate (on which CloudFront fixes the minimum protocol at TLSv1).
   */
  readonly certificateArn?: string;
  /** Minimum TTL (s) of the default behavior (`/` and every other path). Default: 0. */
  readonly defaultMinTtlSeconds?: number;
  /** TTL (s) of the default behavior when the object has no Cache-Control/Expires. Default: 3600 (1 hour). */
  readonly defaultTtlSeconds?: number;
  /** Maximum TTL (s) of the default behavior, at least 1. Default: 86400. */
  readonly defaultMaxTtlSeconds?: number;
  /** Path pattern of fingerprinted, immutable build assets. Default: `/assets/*`. */
  readonly assetsPathPattern?: string;
  /**
   * TTL (s) of the assets behavior, used as its minimum, default and maximum so that origin headers cannot shorten
   * it; at least 1. Default: 31536000 (1 year).
   */
  readonly assetsTtlSeconds?: number;
  /** Paths never cached by CloudFront (TTL 0, AWS managed CachingDisabled policy). Default: `['/index.html']`. */
  readonly noCachePaths?: readonly string[];
  /** Seconds CloudFront caches the SPA-routing answer (index.html for a 403/404). Default: 10. */
  readonly errorCachingMinTtlSeconds?: number;
  /**
   * How client-side routes get index.html: `error-responses` (403/404 of the whole distribution become index.html) or
   * `viewer-request-function` (a CloudFront Function on the default behavior only; API errors stay errors). Default:
   * `error-responses`.
   */
  readonly spaRouting?: SpaRoutingMode;
  /** An API origin behind the same distribution. Default: none. */
  readonly apiOrigin?: StaticSiteApiOriginProps;
  /** CloudFront standard logs to an S3 bucket. Default: none. */
  readonly accessLogs?: StaticSiteAccessLogsProps;
  /** WAF web ACL to associate: the ARN of a WAFv2 web ACL in us-east-1 (CLOUDFRONT scope). Default: none. */
  readonly webAclId?: string;
  /**
   * Leave out the security-headers response policy (HSTS 1 year with subdomains, nosniff, X-Frame-Options DENY,
   * Referrer-Policy strict-origin-when-cross-origin). Default: false (the headers are added on every behavior).
   */
  readonly disableSecurityHeaders?: boolean;
  /** Tags on the bucket and the distribution, beside the provider's default tags. Default: none. */
  readonly tags?: Readonly<Record<string, string>>;
}

/** Every prop with its default applied. */
interface ResolvedStaticSiteProps {
  readonly bucketName: string;
  readonly noncurrentVersionExpirationDays: number;
  readonly originAccess: OriginAccessMode;
  readonly priceClass: PriceClass;
  readonly aliases: readonly string[];
  readonly defaultMinTtlSeconds: number;
  readonly defaultTtlSeconds: number;
  readonly defaultMaxTtlSeconds: number;
  readonly assetsPathPattern: string;
  readonly assetsTtlSeconds: number;
  readonly noCachePaths: readonly string[];
  readonly errorCachingMinTtlSeconds: number;
  readonly spaRouting: SpaRoutingMode;
  readonly apiOrigin?: Required<Omit<StaticSiteApiOriginProps, 'originPath'>> & { readonly originPath?: string };
}

export interface StaticSiteCachePolicies {
  /** The default behavior's policy (`/` and every path no other behavior matches). */
  readonly default: CloudfrontCachePolicy;
  /** The immutable-assets policy. */
  readonly assets: CloudfrontCachePolicy;
}

export class StaticSite extends Construct {
  /** The hardened frontend bucket: versioning, SSE-S3, public access blocks, ownership, lifecycle and policy. */
  readonly secureBucket: SecureBucket;
  readonly bucket: S3Bucket;
  readonly bucketName: string;
  readonly bucketArn: string;
  readonly bucketRegionalDomainName: string;
  readonly bucketPolicy: S3BucketPolicy;
  readonly distribution: CloudfrontDistribution;
  readonly distributionId: string;
  readonly distributionArn: string;
  /** The `*.cloudfront.net` name; point `aliases` here. */
  readonly domainName: string;
  /** The Route 53 zone id of CloudFront, for alias records. */
  readonly hostedZoneId: string;
  /** Present with `originAccess: 'origin-access-control'`. */
  readonly originAccessControl?: CloudfrontOriginAccessControl;
  /** Present with `originAccess: 'origin-access-identity'`. */
  readonly originAccessIdentity?: CloudfrontOriginAccessIdentity;
  /** The two custom cache policies; no-cache paths and the API use the AWS managed CachingDisabled policy. */
  readonly cachePolicies: StaticSiteCachePolicies;
  /** Absent with `disableSecurityHeaders`. */
  readonly responseHeadersPolicy?: CloudfrontResponseHeadersPolicy;
  /** With `spaRouting: 'viewer-request-function'`: the routing function on the default behavior. */
  readonly spaRoutingFunction?: CloudfrontFunction;

  constructor(scope: Construct, id: string, props: StaticSiteProps) {
    super(scope, id);
    const resolved = resolveStaticSiteProps(props);
    assertNoIssues(`StaticSite "${this.node.path}" props`, validateStaticSiteProps(props, resolved));
    const { name } = props;
    const tags = props.tags ? { ...props.tags } : undefined;

    // --- bucket ---
    // SSE-S3 (S3-managed keys: no KMS key to manage or pay for). Current versions stay forever; replaced or deleted ones are kept long enough to roll a
    // deploy back. The policy gets its reader statement once the distribution exists (below).
    this.secureBucket = new SecureBucket(this, 'bucket', {
      bucketName: resolved.bucketName,
      forceDestroy: props.forceDestroy,
      encryption: { algorithm: 'AES256' },
      lifecycleRules: [
        { id: 'expire-noncurrent-versions', noncurrentVersionExpirationDays: resolved.noncurrentVersionExpirationDays },
        { id: 'abort-incomplete-multipart-uploads', abortIncompleteMultipartUploadDays: 7 },
      ],
      tags,
    });
    this.bucket = this.secureBucket.bucket;
    this.bucketName = this.secureBucket.bucketName;
    this.bucketArn = this.secureBucket.bucketArn;
    this.bucketRegionalDomainName = this.secureBucket.bucketRegionalDomainName;
    this.bucketPolicy = this.secureBucket.policy;

    // --- origin access ---
    let originAccessSettings: Pick<CloudfrontDistributionOrigin, 'originAccessControlId' | 's3OriginConfig'>;
    let readerStatement: (distributionArn: string) => DataAwsIamPolicyDocumentStatement;
    if (resolved.originAccess === 'origin-access-control') {
      const originAccessControl = new CloudfrontOriginAccessControl(this, 'origin-access-control', {
        name: `${name}-frontend`,
        description: `CloudFront reads of the ${name} frontend bucket`,
        originAccessControlOriginType: 's3',
        signingBehavior: 'always',
        signingProtocol: 'sigv4',
      });
      this.originAccessControl = originAccessControl;
      originAccessSettings = { originAccessControlId: originAccessControl.id };
      readerStatement = (distributionArn) => ({
        sid: 'AllowCloudFrontDistributionRead',
        effect: 'Allow',
        principals: [{ type: 'Service', identifiers: ['cloudfront.amazonaws.com'] }],
        actions: ['s3:GetObject'],
        resources: [`${this.bucket.arn}/*`],
        // Only this distribution, not any CloudFront distribution of any account.
        condition: [{ test: 'StringEquals', variable: 'AWS:SourceArn', values: [distributionArn] }],
      });
    } else {
      const originAccessIdentity = new CloudfrontOriginAccessIdentity(this, 'origin-access-identity', {
        comment: `CloudFront reads of the ${name} frontend bucket`,
      });
      this.originAccessIdentity = originAccessIdentity;
      originAccessSettings = {
        s3OriginConfig: { originAccessIdentity: originAccessIdentity.cloudfrontAccessIdentityPath },
      };
      readerStatement = () => ({
        sid: 'AllowCloudFrontOriginAccessIdentityRead',
        effect: 'Allow',
        principals: [{ type: 'AWS', identifiers: [originAccessIdentity.iamArn] }],
        actions: ['s3:GetObject'],
        resources: [`${this.bucket.arn}/*`],
      });
    }

    // --- cache and response policies ---
    const cacheKeyWithoutViewerValues = (comment: string) => ({
      comment,
      parametersInCacheKeyAndForwardedToOrigin: {
        cookiesConfig: { cookieBehavior: 'none' },
        headersConfig: { headerBehavior: 'none' },
        queryStringsConfig: { queryStringBehavior: 'none' },
        // Lets CloudFront cache and serve gzip/brotli variants (compress: true on the behaviors).
        enableAcceptEncodingGzip: true,
        enableAcceptEncodingBrotli: true,
      },
    });
    this.cachePolicies = {
      default: new CloudfrontCachePolicy(this, 'default-cache-policy', {
        name: `${name}-default`,
        minTtl: resolved.defaultMinTtlSeconds,
        defaultTtl: resolved.defaultTtlSeconds,
        maxTtl: resolved.defaultMaxTtlSeconds,
        ...cacheKeyWithoutViewerValues(`${name}: SPA default behavior`),
      }),
      assets: new CloudfrontCachePolicy(this, 'assets-cache-policy', {
        name: `${name}-assets`,
        // min = default = max: fingerprinted files never change, whatever Cache-Control they were uploaded with.
        minTtl: resolved.assetsTtlSeconds,
        defaultTtl: resolved.assetsTtlSeconds,
        maxTtl: resolved.assetsTtlSeconds,
        ...cacheKeyWithoutViewerValues(`${name}: immutable assets`),
      }),
    };
    if (!props.disableSecurityHeaders) {
      this.responseHeadersPolicy = new CloudfrontResponseHeadersPolicy(this, 'security-headers', {
        name: `${name}-security-headers`,
        comment: `${name}: security headers on every response`,
        securityHeadersConfig: {
          strictTransportSecurity: {
            accessControlMaxAgeSec: ONE_YEAR_SECONDS,
            includeSubdomains: true,
            override: true,
          },
          contentTypeOptions: { override: true },
          frameOptions: { frameOption: 'DENY', override: true },
          referrerPolicy: { referrerPolicy: 'strict-origin-when-cross-origin', override: true },
        },
      });
    }
    const responseHeadersPolicyId = this.responseHeadersPolicy?.id;

    // --- distribution ---
    const s3Behavior = (pathPattern: string, cachePolicyId: string): CloudfrontDistributionOrderedCacheBehavior => ({
      pathPattern,
      targetOriginId: S3_ORIGIN_ID,
      viewerProtocolPolicy: 'redirect-to-https',
      allowedMethods: READ_METHODS,
      cachedMethods: READ_METHODS,
      cachePolicyId,
      responseHeadersPolicyId,
      compress: true,
    });
    const orderedCacheBehavior: CloudfrontDistributionOrderedCacheBehavior[] = [];
    const origin: CloudfrontDistributionOrigin[] = [
      { originId: S3_ORIGIN_ID, domainName: this.bucket.bucketRegionalDomainName, ...originAccessSettings },
    ];
    const api = resolved.apiOrigin;
    if (api) {
      origin.push({
        originId: API_ORIGIN_ID,
        domainName: api.domainName,
        originPath: api.originPath,
        customOriginConfig: {
          originProtocolPolicy: api.originProtocolPolicy,
          httpsPort: api.httpsPort,
          httpPort: api.httpPort,
          originSslProtocols: ['TLSv1.2'],
        },
      });
      orderedCacheBehavior.push({
        pathPattern: api.pathPattern,
        targetOriginId: API_ORIGIN_ID,
        viewerProtocolPolicy: 'redirect-to-https',
        allowedMethods: ALL_METHODS,
        cachedMethods: READ_METHODS,
        cachePolicyId: MANAGED_CACHING_DISABLED_POLICY_ID,
        originRequestPolicyId: MANAGED_ALL_VIEWER_EXCEPT_HOST_HEADER_POLICY_ID,
        responseHeadersPolicyId,
        compress: true,
      });
    }
    // A custom policy with every TTL 0 may not enable Accept-Encoding normalization, so it would be no better than
    // the managed CachingDisabled policy; CloudFront then does not compress these (small) responses itself.
    for (const path of resolved.noCachePaths) {
      orderedCacheBehavior.push(s3Behavior(path, MANAGED_CACHING_DISABLED_POLICY_ID));
    }
    orderedCacheBehavior.push(s3Behavior(resolved.assetsPathPattern, this.cachePolicies.assets.id));
    const { pathPattern: _default, ...defaultBehavior } = s3Behavior('', this.cachePolicies.default.id);
    if (resolved.spaRouting === 'viewer-request-function') {
      this.spaRoutingFunction = new CloudfrontFunction(this, 'spa-routing', {
        name: `${name}-spa-routing`,
        comment: `${name}: client-side routes get /index.html (default behavior only)`,
        runtime: 'cloudfront-js-2.0',
        publish: true,
        code: SPA_ROUTING_FUNCTION_CODE,
      });
    }
    const defaultCacheBehavior = this.spaRoutingFunction
      ? {
          ...defaultBehavior,
          functionAssociation: [{ eventType: 'viewer-request', functionArn: this.spaRoutingFunction.arn }],
        }
      : defaultBehavior;

    const customCertificate = props.certificateArn !== undefined;
    this.distribution = new CloudfrontDistribution(this, 'distribution', {
      comment: `${name} single-page app`,
      enabled: true,
      isIpv6Enabled: true,
      httpVersion: 'http2and3',
      priceClass: resolved.priceClass,
      defaultRootObject: 'index.html',
      aliases: resolved.aliases.length > 0 ? [...resolved.aliases] : undefined,
      webAclId: props.webAclId,
      origin,
      defaultCacheBehavior,
      orderedCacheBehavior,
      customErrorResponse:
        resolved.spaRouting === 'error-responses'
          ? [403, 404].map((errorCode) => ({
              errorCode,
              responseCode: 200,
              responsePagePath: '/index.html',
              errorCachingMinTtl: resolved.errorCachingMinTtlSeconds,
            }))
          : undefined,
      restrictions: { geoRestriction: { restrictionType: 'none' } },
      viewerCertificate: customCertificate
        ? {
            acmCertificateArn: props.certificateArn,
            sslSupportMethod: 'sni-only',
            minimumProtocolVersion: ACM_MINIMUM_PROTOCOL_VERSION,
          }
        : { cloudfrontDefaultCertificate: true, minimumProtocolVersion: DEFAULT_CERT_MINIMUM_PROTOCOL_VERSION },
      loggingConfig: props.accessLogs
        ? {
            bucket: props.accessLogs.bucketDomainName,
            prefix: props.accessLogs.prefix ?? `${name}/`,
            includeCookies: false,
          }
        : undefined,
      tags,
    });
    this.distributionId = this.distribution.id;
    this.distributionArn = this.distribution.arn;
    this.domainName = this.distribution.domainName;
    this.hostedZoneId = this.distribution.hostedZoneId;

    // --- bucket policy: the reader above (the TLS-only deny comes with the bucket) ---
    this.secureBucket.addPolicyStatements(readerStatement(this.distribution.arn));
  }
}

/** The props with every default applied (the values the constructor builds from). */
export function resolveStaticSiteProps(props: StaticSiteProps): ResolvedStaticSiteProps {
  const api = props.apiOrigin;
  return {
    bucketName: props.bucketName ?? defaultStaticSiteBucketName(props.name, props.accountId),
    noncurrentVersionExpirationDays: props.noncurrentVersionExpirationDays ?? 30,
    originAccess: props.originAccess ?? 'origin-access-control',
    priceClass: props.priceClass ?? 'PriceClass_100',
    aliases: props.aliases ?? [],
    defaultMinTtlSeconds: props.defaultMinTtlSeconds ?? STATIC_SITE_TTL_DEFAULTS.defaultMinTtlSeconds,
    defaultTtlSeconds: props.defaultTtlSeconds ?? STATIC_SITE_TTL_DEFAULTS.defaultTtlSeconds,
    defaultMaxTtlSeconds: props.defaultMaxTtlSeconds ?? STATIC_SITE_TTL_DEFAULTS.defaultMaxTtlSeconds,
    assetsPathPattern: props.assetsPathPattern ?? '/assets/*',
    assetsTtlSeconds: props.assetsTtlSeconds ?? STATIC_SITE_TTL_DEFAULTS.assetsTtlSeconds,
    noCachePaths: props.noCachePaths ?? ['/index.html'],
    errorCachingMinTtlSeconds: props.errorCachingMinTtlSeconds ?? STATIC_SITE_TTL_DEFAULTS.errorCachingMinTtlSeconds,
    spaRouting: props.spaRouting ?? 'error-responses',
    apiOrigin: api
      ? {
          domainName: api.domainName,
          pathPattern: api.pathPattern ?? '/api/*',
          originProtocolPolicy: api.originProtocolPolicy ?? 'https-only',
          allowHttpToOrigin: api.allowHttpToOrigin ?? false,
          httpsPort: api.httpsPort ?? 443,
          httpPort: api.httpPort ?? 80,
          originPath: api.originPath,
        }
      : undefined,
  };
}

/** The TTLs of the distribution's cache behaviors, as {@link checkCacheTtls} takes them. */
export interface StaticSiteTtls {
  readonly defaultMinTtlSeconds: number;
  readonly defaultTtlSeconds: number;
  readonly defaultMaxTtlSeconds: number;
  readonly assetsTtlSeconds: number;
  readonly errorCachingMinTtlSeconds: number;
}

/** The TTLs a site gets unless its props set them. */
export const STATIC_SITE_TTL_DEFAULTS: StaticSiteTtls = {
  defaultMinTtlSeconds: 0,
  defaultTtlSeconds: 3600,
  defaultMaxTtlSeconds: 86_400,
  assetsTtlSeconds: ONE_YEAR_SECONDS,
  errorCachingMinTtlSeconds: 10,
};

/** The site's default bucket name: `<name>-frontend-<accountId>`. */
export function defaultStaticSiteBucketName(name: string, accountId: string): string {
  return `${name}-frontend-${accountId}`;
}

/** The site's name: 1 to 40 lowercase letters, digits and hyphens, starting and ending with a letter or digit. */
export function checkStaticSiteName(path: string, name: string): ValidationIssue[] {
  if (!isLiteral(name) || (/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(name) && name.length <= MAX_NAME_LENGTH)) return [];
  const message = `must be 1 to ${MAX_NAME_LENGTH} lowercase letters, digits and hyphens, starting and ending with a letter or digit`;
  return [{ path, value: name, message }];
}

/** The default bucket name of a site named `name` must be an S3 bucket name (reported at `path`, the name's). */
export function checkDefaultBucketName(path: string, name: string, accountId: string): ValidationIssue[] {
  const bucketName = defaultStaticSiteBucketName(name, accountId);
  return checkS3BucketName(path, bucketName).map((issue) => ({
    path,
    value: name,
    message: `gives the default bucket name "${bucketName}", which ${issue.message}; set bucketName`,
  }));
}

/** Days a noncurrent object version is kept: at least 1. */
export function checkNoncurrentVersionExpirationDays(path: string, days: number): ValidationIssue[] {
  return checkInteger(path, days, 1, Infinity, WHOLE_DAYS);
}

/**
 * TTLs: non-negative whole seconds, min ≤ default ≤ max; a policy whose TTLs are all 0 cannot normalize
 * Accept-Encoding, so the custom policies keep a maximum of at least 1 second. `at` turns a field name into its path.
 */
export function checkCacheTtls(ttls: StaticSiteTtls, at: (field: keyof StaticSiteTtls) => string = (field) => field) {
  return [
    ...checkInteger(at('defaultMinTtlSeconds'), ttls.defaultMinTtlSeconds, 0, Infinity, WHOLE_SECONDS),
    ...checkInteger(at('defaultTtlSeconds'), ttls.defaultTtlSeconds, 0, Infinity, WHOLE_SECONDS),
    ...checkInteger(at('defaultMaxTtlSeconds'), ttls.defaultMaxTtlSeconds, 1, Infinity, WHOLE_SECONDS),
    ...checkNotAbove(
      at('defaultMinTtlSeconds'),
      ttls.defaultMinTtlSeconds,
      'defaultTtlSeconds',
      ttls.defaultTtlSeconds,
    ),
    ...checkNotAbove(
      at('defaultTtlSeconds'),
      ttls.defaultTtlSeconds,
      'defaultMaxTtlSeconds',
      ttls.defaultMaxTtlSeconds,
    ),
    ...checkInteger(at('assetsTtlSeconds'), ttls.assetsTtlSeconds, 1, Infinity, WHOLE_SECONDS),
    ...checkInteger(at('errorCachingMinTtlSeconds'), ttls.errorCachingMinTtlSeconds, 0, Infinity, WHOLE_SECONDS),
  ];
}

/** Every rule the constructor enforces, as a pure function so tests (and callers) can ask without building. */
export function validateStaticSiteProps(
  props: StaticSiteProps,
  resolved: ResolvedStaticSiteProps = resolveStaticSiteProps(props),
): ValidationIssue[] {
  const issues: ValidationIssue[] = [...checkStaticSiteName('name', props.name)];
  const nameValid = issues.length === 0;
  const accountIdValid = !isLiteral(props.accountId) || /^\d{12}$/.test(props.accountId);
  if (!accountIdValid) {
    issues.push({ path: 'accountId', value: props.accountId, message: 'must be a 12-digit AWS account id' });
  }
  if (props.bucketName !== undefined) {
    issues.push(...checkS3BucketName('bucketName', props.bucketName));
  } else if (nameValid && accountIdValid) {
    // The default name can only break on S3's reserved prefixes (e.g. a name starting with "xn--").
    issues.push(...checkDefaultBucketName('name', props.name, props.accountId));
  }
  issues.push(
    ...checkNoncurrentVersionExpirationDays(
      'noncurrentVersionExpirationDays',
      resolved.noncurrentVersionExpirationDays,
    ),
    ...checkOneOf('originAccess', resolved.originAccess, ORIGIN_ACCESS_MODES),
    ...checkOneOf('priceClass', resolved.priceClass, PRICE_CLASSES),
    ...checkOneOf('spaRouting', resolved.spaRouting, SPA_ROUTING_MODES),
  );

  // Viewer certificate: aliases and an ACM certificate go together.
  issues.push(...checkAliases('aliases', resolved.aliases));
  if (resolved.aliases.length > 0 && props.certificateArn === undefined) {
    issues.push({
      path: 'aliases',
      value: resolved.aliases,
      message: 'need certificateArn (an ACM certificate in us-east-1 covering them)',
    });
  }
  if (props.certificateArn !== undefined) {
    issues.push(...checkViewerCertificateArn('certificateArn', props.certificateArn));
    if (resolved.aliases.length === 0) {
      const message = 'needs aliases: the certificate is only served for the alternate domain names';
      issues.push({ path: 'certificateArn', value: props.certificateArn, message });
    }
  }
  issues.push(...checkCacheTtls(resolved));

  // Path patterns.
  const patterns: Array<readonly [string, string]> = [];
  if (resolved.apiOrigin) patterns.push(['apiOrigin.pathPattern', resolved.apiOrigin.pathPattern]);
  resolved.noCachePaths.forEach((path, index) => patterns.push([`noCachePaths[${index}]`, path]));
  patterns.push(['assetsPathPattern', resolved.assetsPathPattern]);
  for (const [path, pattern] of patterns) issues.push(...checkPathPattern(path, pattern));
  issues.push(...checkUniquePatterns(patterns));

  const api = resolved.apiOrigin;
  if (api) {
    issues.push(
      ...checkOriginDomainName('apiOrigin.domainName', api.domainName),
      ...checkOneOf('apiOrigin.originProtocolPolicy', api.originProtocolPolicy, API_ORIGIN_PROTOCOL_POLICIES),
      ...checkOriginPort('apiOrigin.httpsPort', api.httpsPort),
      ...checkOriginPort('apiOrigin.httpPort', api.httpPort),
      ...(api.originPath === undefined ? [] : checkOriginPath('apiOrigin.originPath', api.originPath)),
    );
    if (api.originProtocolPolicy === 'http-only' && !api.allowHttpToOrigin) {
      const message =
        "sends API traffic unencrypted between CloudFront and the origin; use 'https-only' or set apiOrigin.allowHttpToOrigin: true";
      issues.push({ path: 'apiOrigin.originProtocolPolicy', value: api.originProtocolPolicy, message });
    }
  }
  if (props.accessLogs) {
    issues.push(...checkLogBucketDomainName('accessLogs.bucketDomainName', props.accessLogs.bucketDomainName));
  }
  return issues;
}
