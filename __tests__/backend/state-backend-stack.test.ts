import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { AWS_TARGET } from '../../modules/core/deployment-target';
import { StateBackendStack } from '../../backend/state-backend-stack';
import { Template, testApp } from '../helpers/template';

const props = {
  accountId: '123456789012',
  region: 'eu-west-1',
  bucket: 'acme-tfstate-123456789012',
  lockTable: 'acme-tflock',
  noncurrentVersionExpirationDays: 45,
  defaultTags: { project: 'acme', environment: 'shared', blueprint: 'state-backend', 'managed-by': 'cdktf' },
  target: AWS_TARGET,
};
const template = Template.fromStack(new StateBackendStack(testApp(), props));
const bucketRef = template.ref('aws_s3_bucket', 'state-bucket');

describe('state-backend stack', () => {
  it('keeps its own state locally (it creates what the other stacks store state in)', () => {
    expect(template.backend()).toEqual({ local: { path: '../../../terraform.state-backend.tfstate' } });
  });

  it('creates the configured bucket, protected from destroy', () => {
    expect(template.resource('aws_s3_bucket', 'state-bucket')).toEqual({
      bucket: props.bucket,
      force_destroy: false,
      lifecycle: { prevent_destroy: true },
    });
  });

  it('keeps the Terraform addresses the deployed state bucket has (no destroy and recreate)', () => {
    const addresses = ['resource', 'data'].flatMap((kind) =>
      Object.entries((template.json[kind] as Record<string, Record<string, unknown>>) ?? {}).flatMap(([type, blocks]) =>
        Object.keys(blocks).map((id) => `${kind === 'data' ? 'data.' : ''}${type}.${id}`),
      ),
    );
    expect(addresses.sort()).toEqual([
      'aws_dynamodb_table.lock-table',
      'aws_s3_bucket.state-bucket',
      'aws_s3_bucket_lifecycle_configuration.state-bucket-lifecycle',
      'aws_s3_bucket_ownership_controls.state-bucket-ownership',
      'aws_s3_bucket_policy.state-bucket-policy',
      'aws_s3_bucket_public_access_block.state-bucket-public-access-block',
      'aws_s3_bucket_server_side_encryption_configuration.state-bucket-encryption',
      'aws_s3_bucket_versioning.state-bucket-versioning',
      'data.aws_iam_policy_document.state-bucket-tls-only',
    ]);
  });

  it('versions, encrypts, blocks public access and enforces bucket-owner object ownership', () => {
    expect(template.resource('aws_s3_bucket_versioning', 'state-bucket-versioning')).toEqual({
      bucket: bucketRef,
      versioning_configuration: { status: 'Enabled' },
    });
    expect(template.resource('aws_s3_bucket_server_side_encryption_configuration', 'state-bucket-encryption')).toEqual({
      bucket: bucketRef,
      rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }],
    });
    expect(template.resource('aws_s3_bucket_public_access_block', 'state-bucket-public-access-block')).toEqual({
      bucket: bucketRef,
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(template.resource('aws_s3_bucket_ownership_controls', 'state-bucket-ownership')).toEqual({
      bucket: bucketRef,
      rule: { object_ownership: 'BucketOwnerEnforced' },
    });
  });

  it('denies every request that does not use TLS', () => {
    const policy = template.resource('aws_s3_bucket_policy', 'state-bucket-policy');
    expect(policy.policy).toBe(template.dataRef('aws_iam_policy_document', 'state-bucket-tls-only'));
    expect(template.dataSource('aws_iam_policy_document', 'state-bucket-tls-only').statement).toEqual([
      {
        sid: 'DenyInsecureTransport',
        effect: 'Deny',
        principals: [{ type: '*', identifiers: ['*'] }],
        actions: ['s3:*'],
        resources: [
          template.ref('aws_s3_bucket', 'state-bucket', 'arn'),
          `${template.ref('aws_s3_bucket', 'state-bucket', 'arn')}/*`,
        ],
        condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
      },
    ]);
  });

  it('expires superseded state versions after the configured days', () => {
    const lifecycle = template.resource('aws_s3_bucket_lifecycle_configuration', 'state-bucket-lifecycle');
    expect(lifecycle.rule).toEqual([
      {
        id: 'expire-superseded-state-versions',
        status: 'Enabled',
        filter: [{ prefix: '' }],
        noncurrent_version_expiration: [{ noncurrent_days: 45 }],
        abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }],
      },
    ]);
  });

  it('creates the lock table: LockID string hash key, on demand, encrypted, PITR, deletion protection', () => {
    expect(template.count('aws_dynamodb_table')).toBe(1);
    expect(template.synthesized).toHaveResourceWithProperties(DynamodbTable, {
      name: props.lockTable,
      billing_mode: 'PAY_PER_REQUEST',
      hash_key: 'LockID',
      attribute: [{ name: 'LockID', type: 'S' }],
      server_side_encryption: { enabled: true },
      point_in_time_recovery: { enabled: true },
      deletion_protection_enabled: true,
      lifecycle: { prevent_destroy: true },
    });
  });

  it('is pinned to the state account and region', () => {
    expect(template.providers('aws')[0]).toMatchObject({ region: 'eu-west-1', allowed_account_ids: ['123456789012'] });
  });
});
