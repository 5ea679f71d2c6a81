/**
 * A dedicated S3 bucket for Application Load Balancer access logs, a core `SecureBucket`: SSE-S3 (AES256), versioned,
 * every public access block on, ACLs disabled (BucketOwnerEnforced), logs expired after a set number of days,
 * TLS-only, and the one grant ELB log delivery needs, scoped to `<bucket>/<prefix>/AWSLogs/<accountId>/*`.
 *
 * Why SSE-S3 and not SSE-KMS: ALB access-log delivery supports only Amazon S3-managed keys; a bucket whose default
 * encryption is SSE-KMS receives no logs (AWS docs, "Enable access logs for your Application Load Balancer").
 *
 * Who writes the logs depends on the region: regions opened before August 2022 deliver from a regional Elastic Load
 * Balancing account (granted as `arn:<partition>:iam::<elb-account>:root`); newer regions use the
 * `logdelivery.elasticloadbalancing.amazonaws.com` service principal. The map below holds the older regions.
 */
import type { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import type { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { awsPartition, checkOptionalInteger, checkS3BucketName, isLiteral } from '../core/checks';
import { SecureBucket } from '../core/secure-bucket';
import { assertNoIssues, joinPath, type ValidationIssue } from '../core/validation';

/**
 * Elastic Load Balancing's log-delivery account per region, for the regions that existed before August 2022 (the
 * same table as the aws provider's `aws_elb_service_account`, which this project cannot use offline).
 */
export const ELB_LOG_DELIVERY_ACCOUNTS: Readonly<Record<string, string>> = {
  'us-east-1': '127311923021',
  'us-east-2': '033677994240',
  'us-west-1': '027434742980',
  'us-west-2': '797873946194',
  'af-south-1': '098369216593',
  'ap-east-1': '754344448648',
  'ap-south-1': '718504428378',
  'ap-northeast-1': '582318560864',
  'ap-northeast-2': '600734575887',
  'ap-northeast-3': '383597477331',
  'ap-southeast-1': '114774131450',
  'ap-southeast-2': '783225319266',
  'ap-southeast-3': '589379963580',
  'ca-central-1': '985666609251',
  'eu-central-1': '054676820928',
  'eu-west-1': '156460612806',
  'eu-west-2': '652711504416',
  'eu-west-3': '009996457667',
  'eu-south-1': '635631232127',
  'eu-north-1': '897822967062',
  'me-south-1': '076674570225',
  'sa-east-1': '507241528517',
  'us-gov-east-1': '190560391635',
  'us-gov-west-1': '048591011584',
  'cn-north-1': '638102146993',
  'cn-northwest-1': '037604701340',
};

/** The service principal that delivers access logs in regions opened since August 2022. */
export const ELB_LOG_DELIVERY_SERVICE = 'logdelivery.elasticloadbalancing.amazonaws.com';

/** The IAM principal that writes ALB access logs in `region`. */
export function elbLogDeliveryPrincipal(region: string): { type: 'AWS' | 'Service'; identifiers: string[] } {
  const account = ELB_LOG_DELIVERY_ACCOUNTS[region];
  if (account === undefined) return { type: 'Service', identifiers: [ELB_LOG_DELIVERY_SERVICE] };
  return { type: 'AWS', identifiers: [`arn:${awsPartition(region)}:iam::${account}:root`] };
}

export interface AlbAccessLogBucketProps {
  /** The bucket's name: 3 to 63 lowercase letters, digits and hyphens (no dots: they break TLS to the bucket). Required. */
  readonly bucketName: string;
  /** Key prefix the load balancer writes under, without leading or trailing `/`; `''` for none. Required. */
  readonly prefix: string;
  /** Region of the bucket and the load balancer; picks who delivers the logs. Required, a literal (not a token). */
  readonly region: string;
  /** Account that owns the load balancer: the `AWSLogs/<accountId>/` part of the key the grant allows. Required. */
  readonly accountId: string;
  /** Days a log object is kept before it expires. Default: 90. */
  readonly expirationDays?: number;
  /** Days a superseded (overwritten or deleted) log version is kept. Default: 30. */
  readonly noncurrentVersionExpirationDays?: number;
  /** Let `terraform destroy` delete the bucket with its logs in it. Default: false (destroy fails while logs remain). */
  readonly forceDestroy?: boolean;
  /** Tags beside the provider's default tags. Default: none. */
  readonly tags?: Readonly<Record<string, string>>;
}

export class AlbAccessLogBucket extends Construct {
  /** The hardened bucket: versioning, SSE-S3, public access blocks, ownership, lifecycle and policy. */
  readonly secureBucket: SecureBucket;
  readonly bucket: S3Bucket;
  readonly bucketPolicy: S3BucketPolicy;
  /** The bucket's name, for the load balancer's `access_logs.bucket`. */
  readonly bucketName: string;
  readonly prefix: string;

  constructor(scope: Construct, id: string, props: AlbAccessLogBucketProps) {
    super(scope, id);
    assertNoIssues(`AlbAccessLogBucket "${this.node.path}" props`, validateAlbAccessLogBucketProps(props));
    this.prefix = props.prefix;
    const keyPrefix = props.prefix ? `${props.prefix}/` : '';

    this.secureBucket = new SecureBucket(this, 'bucket', {
      bucketName: props.bucketName,
      forceDestroy: props.forceDestroy,
      // SSE-S3: log delivery supports no other default encryption (see above).
      encryption: { algorithm: 'AES256' },
      lifecycleRules: [
        {
          id: 'expire-access-logs',
          prefix: '',
          expirationDays: props.expirationDays ?? 90,
          noncurrentVersionExpirationDays: props.noncurrentVersionExpirationDays ?? 30,
          abortIncompleteMultipartUploadDays: 7,
        },
      ],
      policyStatements: (bucketArn) => [
        {
          sid: 'AllowElbAccessLogDelivery',
          effect: 'Allow',
          principals: [elbLogDeliveryPrincipal(props.region)],
          actions: ['s3:PutObject'],
          resources: [`${bucketArn}/${keyPrefix}AWSLogs/${props.accountId}/*`],
        },
      ],
      tags: { ...props.tags, Name: props.bucketName },
    });
    this.bucket = this.secureBucket.bucket;
    this.bucketName = this.secureBucket.bucketName;
    this.bucketPolicy = this.secureBucket.policy;
  }
}

/** Letters, digits and hyphens only: a dot in the name breaks TLS to the bucket's virtual-hosted endpoint. */
const BUCKET_NAME_WITHOUT_DOTS = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;
const REGION = /^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d+$/;
const ACCOUNT_ID = /^\d{12}$/;

/** The bucket's name: S3 naming without dots (a dot breaks TLS to the bucket's virtual-hosted endpoint). */
export function checkAlbAccessLogBucketName(path: string, name: string): ValidationIssue[] {
  if (isLiteral(name) && !BUCKET_NAME_WITHOUT_DOTS.test(name)) {
    const message = 'must be 3 to 63 lowercase letters, digits and hyphens, starting and ending with a letter or digit';
    return [{ path, value: name, message }];
  }
  return checkS3BucketName(path, name);
}

/** Days a log object (or a superseded version) is kept: 1 to 36500. */
export function checkAccessLogDays(path: string, days: number | undefined): ValidationIssue[] {
  return checkOptionalInteger(path, days, 1, 36500, 'a whole number of days');
}

/** Every rule {@link AlbAccessLogBucket} enforces; `basePath` prefixes the paths (e.g. `accessLogs`). */
export function validateAlbAccessLogBucketProps(
  props: AlbAccessLogBucketProps,
  paths: { readonly base?: string; readonly region?: string; readonly accountId?: string } = {},
): ValidationIssue[] {
  const at = (field: string) => joinPath(paths.base ?? '', field);
  const issues: ValidationIssue[] = [];
  issues.push(...checkAlbAccessLogBucketName(at('bucketName'), props.bucketName));
  const prefix = props.prefix;
  if (prefix.startsWith('/') || prefix.endsWith('/') || prefix.includes('AWSLogs') || prefix.length > 200) {
    const message = 'must not start or end with "/", must not contain "AWSLogs", and must be at most 200 characters';
    issues.push({ path: at('prefix'), value: prefix, message });
  }
  const regionPath = paths.region ?? at('region');
  if (props.region === undefined || Token.isUnresolved(props.region) || !REGION.test(props.region)) {
    const message = 'must be a literal AWS region name such as us-east-1 (it decides who may deliver the logs)';
    issues.push({ path: regionPath, value: props.region, message });
  }
  const accountPath = paths.accountId ?? at('accountId');
  if (props.accountId === undefined || (!Token.isUnresolved(props.accountId) && !ACCOUNT_ID.test(props.accountId))) {
    issues.push({ path: accountPath, value: props.accountId, message: 'must be a 12-digit AWS account id' });
  }
  for (const field of ['expirationDays', 'noncurrentVersionExpirationDays'] as const) {
    issues.push(...checkAccessLogDays(at(field), props[field]));
  }
  return issues;
}
