/**
 * The bootstrap stack `state-backend`: the S3 bucket and DynamoDB lock table every other stack keeps its state in.
 * It keeps its own state locally, by design (nothing exists yet to store it in); see README "Remote state".
 */
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { LocalBackend, TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { createAwsProvider } from '../modules/core/aws-provider';
import type { DeploymentTarget } from '../modules/core/deployment-target';

export const STATE_BACKEND_STACK = 'state-backend';

export interface StateBackendStackProps {
  /** Account the bucket and table are created in (`allowed_account_ids`). Required. */
  readonly accountId: string;
  /** Region of the bucket and the table. Required. */
  readonly region: string;
  /** Name of the state bucket. Required. */
  readonly bucket: string;
  /** Name of the lock table. Required. */
  readonly lockTable: string;
  /** Days a superseded state version is kept. Required. */
  readonly noncurrentVersionExpirationDays: number;
  /** Provider default tags. Required (project, environment, blueprint, managed-by at least). */
  readonly defaultTags: Readonly<Record<string, string>>;
  /** Real account or sandbox. Required. */
  readonly target: DeploymentTarget;
  /**
   * Path of the local state file, relative to the stack's directory in cdktf.out. Default: the project root's
   * `terraform.state-backend.tfstate`, so the state survives a clean of cdktf.out.
   */
  readonly localStatePath?: string;
}

export class StateBackendStack extends TerraformStack {
  readonly bucket: S3Bucket;
  readonly lockTable: DynamodbTable;
  readonly bucketPolicy: S3BucketPolicy;

  constructor(scope: Construct, props: StateBackendStackProps) {
    super(scope, STATE_BACKEND_STACK);
    new LocalBackend(this, { path: props.localStatePath ?? '../../../terraform.state-backend.tfstate' });
    createAwsProvider(this, 'aws', {
      region: props.region,
      allowedAccountIds: [props.accountId],
      defaultTags: props.defaultTags,
      target: props.target,
    });

    // Losing this bucket loses every stack's state: Terraform refuses to destroy it.
    this.bucket = new S3Bucket(this, 'state-bucket', {
      bucket: props.bucket,
      lifecycle: { preventDestroy: true },
    });
    new S3BucketVersioningA(this, 'state-bucket-versioning', {
      bucket: this.bucket.id,
      versioningConfiguration: { status: 'Enabled' },
    });
    new S3BucketServerSideEncryptionConfigurationA(this, 'state-bucket-encryption', {
      bucket: this.bucket.id,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }],
    });
    const publicAccessBlock = new S3BucketPublicAccessBlock(this, 'state-bucket-public-access-block', {
      bucket: this.bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketOwnershipControls(this, 'state-bucket-ownership', {
      bucket: this.bucket.id,
      rule: { objectOwnership: 'BucketOwnerEnforced' },
    });
    const denyInsecureTransport = new DataAwsIamPolicyDocument(this, 'state-bucket-tls-only', {
      statement: [
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
    this.bucketPolicy = new S3BucketPolicy(this, 'state-bucket-policy', {
      bucket: this.bucket.id,
      policy: denyInsecureTransport.json,
      // S3 rejects a policy put while the public access block is being written.
      dependsOn: [publicAccessBlock],
    });
    new S3BucketLifecycleConfiguration(this, 'state-bucket-lifecycle', {
      bucket: this.bucket.id,
      rule: [
        {
          id: 'expire-superseded-state-versions',
          status: 'Enabled',
          filter: [{ prefix: '' }],
          noncurrentVersionExpiration: [{ noncurrentDays: props.noncurrentVersionExpirationDays }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
        },
      ],
    });

    this.lockTable = new DynamodbTable(this, 'lock-table', {
      name: props.lockTable,
      billingMode: 'PAY_PER_REQUEST',
      hashKey: 'LockID',
      attribute: [{ name: 'LockID', type: 'S' }],
      serverSideEncryption: { enabled: true },
      pointInTimeRecovery: { enabled: true },
      deletionProtectionEnabled: true,
      lifecycle: { preventDestroy: true },
    });

    new TerraformOutput(this, 'state_bucket', { value: this.bucket.bucket });
    new TerraformOutput(this, 'lock_table', { value: this.lockTable.name });
  }
}
