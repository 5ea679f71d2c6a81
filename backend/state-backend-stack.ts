/**
 * The bootstrap stack `state-backend`: the S3 bucket and DynamoDB lock table every other stack keeps its state in.
 * It keeps its own state locally, by design (nothing exists yet to store it in); see README "Remote state".
 */
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import type { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import type { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { LocalBackend, TerraformElement, TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct, Node } from 'constructs';
import { createAwsProvider } from '../modules/core/aws-provider';
import type { DeploymentTarget } from '../modules/core/deployment-target';
import { SecureBucket } from '../modules/core/secure-bucket';

export const STATE_BACKEND_STACK = 'state-backend';

/**
 * The logical ids the state bucket's parts had before they became a `SecureBucket` (`state-bucket/<part>`), kept so
 * that their Terraform addresses do not change: the stack is deployed in users' accounts, and a new address would
 * make Terraform destroy and recreate the bucket holding every stack's state.
 */
export const STATE_BUCKET_LOGICAL_IDS: Readonly<Record<string, string>> = {
  'state-bucket/bucket': 'state-bucket',
  'state-bucket/versioning': 'state-bucket-versioning',
  'state-bucket/encryption': 'state-bucket-encryption',
  'state-bucket/public-access-block': 'state-bucket-public-access-block',
  'state-bucket/ownership-controls': 'state-bucket-ownership',
  'state-bucket/lifecycle': 'state-bucket-lifecycle',
  'state-bucket/policy-document': 'state-bucket-tls-only',
  'state-bucket/policy': 'state-bucket-policy',
};

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
  /** The state bucket with its versioning, encryption, public access block, ownership, lifecycle and policy. */
  readonly stateBucket: SecureBucket;
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
    this.stateBucket = new SecureBucket(this, 'state-bucket', {
      bucketName: props.bucket,
      preventDestroy: true,
      lifecycleRules: [
        {
          id: 'expire-superseded-state-versions',
          prefix: '',
          noncurrentVersionExpirationDays: props.noncurrentVersionExpirationDays,
          abortIncompleteMultipartUploadDays: 7,
        },
      ],
    });
    this.bucket = this.stateBucket.bucket;
    this.bucketPolicy = this.stateBucket.policy;

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

  /** Every element gets cdktf's usual logical id, except the state bucket's parts: they keep their deployed ones. */
  protected allocateLogicalId(element: TerraformElement | Node): string {
    const node = TerraformElement.isTerraformElement(element) ? element.node : element;
    const path = node.scopes
      .slice(node.scopes.indexOf(this) + 1)
      .map((scope) => scope.node.id)
      .join('/');
    return STATE_BUCKET_LOGICAL_IDS[path] ?? super.allocateLogicalId(element);
  }
}
