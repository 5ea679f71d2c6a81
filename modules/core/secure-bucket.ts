/**
 * A private S3 bucket hardened the way every bucket of this project is: versioned, encrypted at rest (SSE-S3 by
 * default, or SSE-KMS with a customer managed key), all four public access blocks on, ACLs disabled
 * (BucketOwnerEnforced), a bucket policy that denies any request not made over TLS, lifecycle rules, and no
 * `force_destroy` unless asked.
 *
 * The policy is a `data aws_iam_policy_document` (computed locally, so the stack still plans offline): the caller's
 * statements first, the TLS-only deny last. Statements that name the bucket come from `policyStatements(bucketArn)`;
 * statements that name something created after the bucket (a CloudFront distribution that reads the bucket's domain
 * name) are added with {@link SecureBucket.addPolicyStatements}.
 *
 * Ordering: the policy waits for the public access block (S3 rejects a policy put while the block is being written)
 * and the lifecycle configuration waits for versioning (S3 rejects noncurrent-version rules while versioning is being
 * enabled).
 *
 * | resource (construct id)                                             | when                        |
 * | ------------------------------------------------------------------- | --------------------------- |
 * | `aws_s3_bucket` (`bucket`)                                          | always                      |
 * | `aws_s3_bucket_versioning` (`versioning`)                           | `versioning` (default on)   |
 * | `aws_s3_bucket_server_side_encryption_configuration` (`encryption`) | always                      |
 * | `aws_s3_bucket_public_access_block` (`public-access-block`)         | always                      |
 * | `aws_s3_bucket_ownership_controls` (`ownership-controls`)           | always                      |
 * | `aws_s3_bucket_lifecycle_configuration` (`lifecycle`)               | at least one lifecycle rule |
 * | `data aws_iam_policy_document` (`policy-document`)                  | always                      |
 * | `aws_s3_bucket_policy` (`policy`)                                   | always                      |
 */
import {
  DataAwsIamPolicyDocument,
  type DataAwsIamPolicyDocumentStatement,
} from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import {
  S3BucketLifecycleConfiguration,
  type S3BucketLifecycleConfigurationRule,
} from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { Construct } from 'constructs';
import { checkKmsKeyArn, checkOneOf, checkOptionalInteger, checkS3BucketName } from './checks';
import { assertNoIssues, joinPath, type ValidationIssue } from './validation';

/** Default encryption algorithms: SSE-S3 and SSE-KMS. */
export const BUCKET_ENCRYPTION_ALGORITHMS = ['AES256', 'aws:kms'] as const;
export type BucketEncryptionAlgorithm = (typeof BUCKET_ENCRYPTION_ALGORITHMS)[number];

export interface SecureBucketEncryption {
  /**
   * `AES256` (SSE-S3, S3-managed keys: the only choice for buckets some AWS services write to, e.g. ALB access logs)
   * or `aws:kms` (SSE-KMS with `kmsKeyArn`, through an S3 Bucket Key so S3 calls KMS less often). Default: `AES256`.
   */
  readonly algorithm?: BucketEncryptionAlgorithm;
  /**
   * ARN of the customer managed KMS key (`arn:<partition>:kms:<region>:<account>:key/<id>`); required with `aws:kms`,
   * not allowed with `AES256`. Default: none.
   */
  readonly kmsKeyArn?: string;
}

/** One lifecycle rule; every action is optional, but a rule needs at least one. */
export interface SecureBucketLifecycleRule {
  /** The rule's id, unique in the bucket, 1 to 255 characters. Required. */
  readonly id: string;
  /**
   * Only objects whose key starts with this. Default: none, the whole bucket, written as `filter {}`; `''` also means
   * the whole bucket, written as `filter { prefix = "" }`.
   */
  readonly prefix?: string;
  /** Days after creation a current object expires (in a versioned bucket it becomes noncurrent). Default: never. */
  readonly expirationDays?: number;
  /** Days a noncurrent (overwritten or deleted) version is kept; needs versioning. Default: never. */
  readonly noncurrentVersionExpirationDays?: number;
  /** Days after which an incomplete multipart upload is aborted and its parts deleted. Default: never. */
  readonly abortIncompleteMultipartUploadDays?: number;
}

export interface SecureBucketProps {
  /** The bucket's name, following S3 general-purpose bucket naming (a token is not checked). Required. */
  readonly bucketName: string;
  /**
   * Let `terraform destroy` delete the bucket with its objects. Default: false (destroy fails while objects remain).
   */
  readonly forceDestroy?: boolean;
  /** Make Terraform refuse any plan that destroys the bucket (`lifecycle.prevent_destroy`). Default: false. */
  readonly preventDestroy?: boolean;
  /** Keep every version of every object. Default: true (turning it off is the weaker, explicit choice). */
  readonly versioning?: boolean;
  /** Default encryption at rest. Default: `{ algorithm: 'AES256' }` (SSE-S3). */
  readonly encryption?: SecureBucketEncryption;
  /** Lifecycle rules, in this order. Default: none (no lifecycle configuration). */
  readonly lifecycleRules?: readonly SecureBucketLifecycleRule[];
  /**
   * Statements of the bucket policy besides the TLS-only deny (which always comes last), built from the bucket's ARN.
   * Default: none, the policy is the TLS-only deny alone.
   */
  readonly policyStatements?: (bucketArn: string) => readonly DataAwsIamPolicyDocumentStatement[];
  /** Tags on the bucket, beside the provider's default tags; no Name tag is added. Default: none. */
  readonly tags?: Readonly<Record<string, string>>;
}

export class SecureBucket extends Construct {
  readonly bucket: S3Bucket;
  readonly bucketName: string;
  readonly bucketArn: string;
  /** `<bucket>.s3.<region>.amazonaws.com`, e.g. for a CloudFront S3 origin. */
  readonly bucketRegionalDomainName: string;
  /** Absent with `versioning: false`. */
  readonly versioning?: S3BucketVersioningA;
  readonly encryption: S3BucketServerSideEncryptionConfigurationA;
  readonly publicAccessBlock: S3BucketPublicAccessBlock;
  readonly ownershipControls: S3BucketOwnershipControls;
  /** Absent without lifecycle rules. */
  readonly lifecycle?: S3BucketLifecycleConfiguration;
  /** The policy's document: the caller's statements, then the TLS-only deny. */
  readonly policyDocument: DataAwsIamPolicyDocument;
  readonly policy: S3BucketPolicy;
  private readonly statements: DataAwsIamPolicyDocumentStatement[];
  private readonly denyInsecureTransport: DataAwsIamPolicyDocumentStatement;

  constructor(scope: Construct, id: string, props: SecureBucketProps) {
    super(scope, id);
    assertNoIssues(`SecureBucket "${this.node.path}" props`, validateSecureBucketProps(props));
    const kmsKeyArn = props.encryption?.algorithm === 'aws:kms' ? props.encryption.kmsKeyArn : undefined;

    this.bucket = new S3Bucket(this, 'bucket', {
      bucket: props.bucketName,
      forceDestroy: props.forceDestroy ?? false,
      tags: props.tags ? { ...props.tags } : undefined,
      lifecycle: props.preventDestroy ? { preventDestroy: true } : undefined,
    });
    this.bucketName = this.bucket.bucket;
    this.bucketArn = this.bucket.arn;
    this.bucketRegionalDomainName = this.bucket.bucketRegionalDomainName;

    if (props.versioning ?? true) {
      this.versioning = new S3BucketVersioningA(this, 'versioning', {
        bucket: this.bucket.id,
        versioningConfiguration: { status: 'Enabled' },
      });
    }
    this.encryption = new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      bucket: this.bucket.id,
      rule: [
        kmsKeyArn === undefined
          ? { applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }
          : {
              applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: kmsKeyArn },
              bucketKeyEnabled: true,
            },
      ],
    });
    this.publicAccessBlock = new S3BucketPublicAccessBlock(this, 'public-access-block', {
      bucket: this.bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    this.ownershipControls = new S3BucketOwnershipControls(this, 'ownership-controls', {
      bucket: this.bucket.id,
      rule: { objectOwnership: 'BucketOwnerEnforced' },
    });
    const rules = props.lifecycleRules ?? [];
    if (rules.length > 0) {
      this.lifecycle = new S3BucketLifecycleConfiguration(this, 'lifecycle', {
        bucket: this.bucket.id,
        rule: rules.map(lifecycleRule),
        dependsOn: this.versioning ? [this.versioning] : undefined,
      });
    }

    this.statements = [...(props.policyStatements?.(this.bucket.arn) ?? [])];
    this.denyInsecureTransport = {
      sid: 'DenyInsecureTransport',
      effect: 'Deny',
      principals: [{ type: '*', identifiers: ['*'] }],
      actions: ['s3:*'],
      resources: [this.bucket.arn, `${this.bucket.arn}/*`],
      condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
    };
    this.policyDocument = new DataAwsIamPolicyDocument(this, 'policy-document', {
      statement: [...this.statements, this.denyInsecureTransport],
    });
    this.policy = new S3BucketPolicy(this, 'policy', {
      bucket: this.bucket.id,
      policy: this.policyDocument.json,
      dependsOn: [this.publicAccessBlock],
    });
  }

  /**
   * Adds statements to the bucket policy, after the ones already there and before the TLS-only deny: for statements
   * that name something created after the bucket.
   */
  addPolicyStatements(...statements: DataAwsIamPolicyDocumentStatement[]): void {
    this.statements.push(...statements);
    this.policyDocument.putStatement([...this.statements, this.denyInsecureTransport]);
  }
}

function lifecycleRule(rule: SecureBucketLifecycleRule): S3BucketLifecycleConfigurationRule {
  const { expirationDays, noncurrentVersionExpirationDays: noncurrentDays, abortIncompleteMultipartUploadDays } = rule;
  return {
    id: rule.id,
    status: 'Enabled',
    filter: [rule.prefix === undefined ? {} : { prefix: rule.prefix }],
    expiration: expirationDays === undefined ? undefined : [{ days: expirationDays }],
    noncurrentVersionExpiration: noncurrentDays === undefined ? undefined : [{ noncurrentDays }],
    abortIncompleteMultipartUpload:
      abortIncompleteMultipartUploadDays === undefined
        ? undefined
        : [{ daysAfterInitiation: abortIncompleteMultipartUploadDays }],
  };
}

/** The actions of a lifecycle rule, each a number of days. */
const LIFECYCLE_DAYS = [
  'expirationDays',
  'noncurrentVersionExpirationDays',
  'abortIncompleteMultipartUploadDays',
] as const;

/** Every rule {@link SecureBucket} enforces on its props, as a pure function. */
export function validateSecureBucketProps(props: SecureBucketProps): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (typeof props.bucketName !== 'string') {
    issues.push({ path: 'bucketName', value: props.bucketName, message: 'is required: an S3 bucket name' });
  } else {
    issues.push(...checkS3BucketName('bucketName', props.bucketName));
  }
  if (props.forceDestroy && props.preventDestroy) {
    const message = 'contradicts preventDestroy: a bucket cannot be both deletable with its objects and undeletable';
    issues.push({ path: 'forceDestroy', value: props.forceDestroy, message });
  }

  const algorithm = props.encryption?.algorithm ?? 'AES256';
  issues.push(...checkOneOf('encryption.algorithm', algorithm, BUCKET_ENCRYPTION_ALGORITHMS));
  const kmsKeyArn = props.encryption?.kmsKeyArn;
  if (algorithm === 'aws:kms' && kmsKeyArn === undefined) {
    const message = 'is required with encryption.algorithm "aws:kms": the customer managed key\'s ARN';
    issues.push({ path: 'encryption.kmsKeyArn', value: kmsKeyArn, message });
  } else if (algorithm === 'AES256' && kmsKeyArn !== undefined) {
    const message = 'is only used with encryption.algorithm "aws:kms"';
    issues.push({ path: 'encryption.kmsKeyArn', value: kmsKeyArn, message });
  } else {
    issues.push(...checkKmsKeyArn('encryption.kmsKeyArn', kmsKeyArn));
  }

  const versioning = props.versioning ?? true;
  const seen = new Map<string, number>();
  (props.lifecycleRules ?? []).forEach((rule, index) => {
    const at = (field: string) => joinPath('lifecycleRules', index, field);
    if (typeof rule.id !== 'string' || rule.id.length < 1 || rule.id.length > 255) {
      issues.push({ path: at('id'), value: rule.id, message: 'must be 1 to 255 characters' });
    } else if (seen.has(rule.id)) {
      const message = `repeats the id of lifecycleRules[${seen.get(rule.id)}]; rule ids must be unique`;
      issues.push({ path: at('id'), value: rule.id, message });
    } else {
      seen.set(rule.id, index);
    }
    for (const field of LIFECYCLE_DAYS) {
      issues.push(
        ...checkOptionalInteger(at(field), rule[field], 1, Number.POSITIVE_INFINITY, 'a whole number of days'),
      );
    }
    if (rule.noncurrentVersionExpirationDays !== undefined && !versioning) {
      const message = 'needs versioning: an unversioned bucket has no noncurrent versions';
      issues.push({
        path: at('noncurrentVersionExpirationDays'),
        value: rule.noncurrentVersionExpirationDays,
        message,
      });
    }
    if (LIFECYCLE_DAYS.every((field) => rule[field] === undefined)) {
      const message = `does nothing: set at least one of ${LIFECYCLE_DAYS.join(', ')}`;
      issues.push({ path: joinPath('lifecycleRules', index), value: rule, message });
    }
  });
  return issues;
}
