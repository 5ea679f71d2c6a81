/**
 * A dedicated S3 bucket for Application Load Balancer access logs: SSE-S3 (AES256), versioned, every public access
 * block on, ACLs disabled (BucketOwnerEnforced), logs expired after a set number of days, TLS-only, and the one grant
 * ELB log delivery needs, scoped to `<bucket>/<prefix>/AWSLogs/<accountId>/*`.
 *
 * Why SSE-S3 and not SSE-KMS: ALB access-log delivery supports only Amazon S3-managed keys; a bucket whose default
 * encryption is SSE-KMS receives no logs (AWS docs, "Enable access logs for your Application Load Balancer").
 *
 * Who writes the logs depends on the region: regions opened before August 2022 deliver from a regional Elastic Load
 * Balancing account (granted as `arn:<partition>:iam::<elb-account>:root`); newer regions use the
 * `logdelivery.elasticloadbalancing.amazonaws.com` service principal. The map below holds the older regions.
 */
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
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
  return { type: 'AWS', identifiers: [`arn:${partitionOf(region)}:iam::${account}:root`] };
}

function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
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
  readonly bucket: S3Bucket;
  readonly bucketPolicy: S3BucketPolicy;
  /** The bucket's name, for the load balancer's `access_logs.bucket`. */
  readonly bucketName: string;
  readonly prefix: string;

  constructor(scope: Construct, id: string, props: AlbAccessLogBucketProps) {
    super(scope, id);
    assertNoIssues(`AlbAccessLogBucket "${this.node.path}" props`, validateAlbAccessLogBucketProps(props));
    const expirationDays = props.expirationDays ?? 90;
    const noncurrentDays = props.noncurrentVersionExpirationDays ?? 30;
    this.prefix = props.prefix;

    this.bucket = new S3Bucket(this, 'bucket', {
      bucket: props.bucketName,
      forceDestroy: props.forceDestroy ?? false,
      tags: { ...props.tags, Name: props.bucketName },
    });
    this.bucketName = this.bucket.bucket;
    const versioning = new S3BucketVersioningA(this, 'versioning', {
      bucket: this.bucket.id,
      versioningConfiguration: { status: 'Enabled' },
    });
    new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      bucket: this.bucket.id,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }],
    });
    const publicAccessBlock = new S3BucketPublicAccessBlock(this, 'public-access-block', {
      bucket: this.bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketOwnershipControls(this, 'ownership', {
      bucket: this.bucket.id,
      rule: { objectOwnership: 'BucketOwnerEnforced' },
    });
    new S3BucketLifecycleConfiguration(this, 'lifecycle', {
      bucket: this.bucket.id,
      rule: [
        {
          id: 'expire-access-logs',
          status: 'Enabled',
          filter: [{ prefix: '' }],
          expiration: [{ days: expirationDays }],
          noncurrentVersionExpiration: [{ noncurrentDays }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
        },
      ],
      // Noncurrent-version rules on a bucket whose versioning is still being enabled are rejected.
      dependsOn: [versioning],
    });

    const keyPrefix = props.prefix ? `${props.prefix}/` : '';
    const policy = new DataAwsIamPolicyDocument(this, 'policy-document', {
      statement: [
        {
          sid: 'AllowElbAccessLogDelivery',
          effect: 'Allow',
          principals: [elbLogDeliveryPrincipal(props.region)],
          actions: ['s3:PutObject'],
          resources: [`${this.bucket.arn}/${keyPrefix}AWSLogs/${props.accountId}/*`],
        },
        {
          sid: 'DenyInsecureTransport',
          effect: 'Deny',
          principals: [{ type: '*', identifiers: ['*'] }],
          actions: ['s3:*'],
          resources: [this.bucket.arn, `${this.bucket.arn}/*`],
          condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
        },
      ],
    });
    this.bucketPolicy = new S3BucketPolicy(this, 'policy', {
      bucket: this.bucket.id,
      policy: policy.json,
      // S3 rejects a policy put while the public access block is being written.
      dependsOn: [publicAccessBlock],
    });
  }
}

const BUCKET_NAME = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;
const REGION = /^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d+$/;
const ACCOUNT_ID = /^\d{12}$/;

/** Every rule {@link AlbAccessLogBucket} enforces; `basePath` prefixes the paths (e.g. `accessLogs`). */
export function validateAlbAccessLogBucketProps(
  props: AlbAccessLogBucketProps,
  paths: { readonly base?: string; readonly region?: string; readonly accountId?: string } = {},
): ValidationIssue[] {
  const at = (field: string) => joinPath(paths.base ?? '', field);
  const issues: ValidationIssue[] = [];
  const name = props.bucketName;
  if (!Token.isUnresolved(name) && (!BUCKET_NAME.test(name) || name.startsWith('xn--'))) {
    const message = 'must be 3 to 63 lowercase letters, digits and hyphens, starting and ending with a letter or digit';
    issues.push({ path: at('bucketName'), value: name, message });
  }
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
  issues.push(...checkDays(at('expirationDays'), props.expirationDays));
  issues.push(...checkDays(at('noncurrentVersionExpirationDays'), props.noncurrentVersionExpirationDays));
  return issues;
}

function checkDays(path: string, days: number | undefined): ValidationIssue[] {
  if (days === undefined || (Number.isInteger(days) && days >= 1 && days <= 36500)) return [];
  return [{ path, value: days, message: 'must be a whole number of days from 1 to 36500' }];
}
