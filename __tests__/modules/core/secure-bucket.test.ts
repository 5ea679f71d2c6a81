/**
 * The hardened S3 bucket every module uses: its defaults (versioned, SSE-S3, all four public access blocks,
 * BucketOwnerEnforced, TLS-only policy after the public access block, no lifecycle, no force_destroy), SSE-KMS with a
 * bucket key, lifecycle rules with and without a prefix, the caller's policy statements before the TLS-only deny,
 * versioning off, prevent_destroy, the exposed parts, and a clear error for every bad prop.
 */
import { DefaultTokenResolver, StringConcat, TerraformVariable, Tokenization, type TerraformStack } from 'cdktf';
import { SecureBucket, type SecureBucketProps } from '../../../modules/core/secure-bucket';
import { Template, testStack } from '../../helpers/template';
import { buildBadCases, validationError } from '../../helpers/validation';

const KEY_ARN = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';

interface Scenario {
  readonly stack: TerraformStack;
  readonly bucket: SecureBucket;
  readonly t: Template;
}

/** Builds `props` once, in its own stack, when the first test of the block asks. */
function scenario(props: SecureBucketProps, extra?: (bucket: SecureBucket) => void): () => Scenario {
  let built: Scenario | undefined;
  return () => {
    if (!built) {
      const stack = testStack();
      const bucket = new SecureBucket(stack, 'logs', props);
      extra?.(bucket);
      built = { stack, bucket, t: Template.fromStack(stack) };
    }
    return built;
  };
}

/** The TLS-only deny every policy ends with. */
function denyInsecureTransport(t: Template) {
  const arn = t.ref('aws_s3_bucket', 'logs/bucket', 'arn');
  return {
    sid: 'DenyInsecureTransport',
    effect: 'Deny',
    principals: [{ type: '*', identifiers: ['*'] }],
    actions: ['s3:*'],
    resources: [arn, `${arn}/*`],
    condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
  };
}

describe('SecureBucket with default props', () => {
  const s = scenario({ bucketName: 'acme-logs-123456789012' });

  it('creates the named bucket, not force-destroyable, untagged, without prevent_destroy', () => {
    const { t } = s();
    expect(t.count('aws_s3_bucket')).toBe(1);
    expect(t.resource('aws_s3_bucket', 'logs/bucket')).toEqual({
      bucket: 'acme-logs-123456789012',
      force_destroy: false,
    });
  });

  it('enables versioning', () => {
    const { t } = s();
    expect(t.resource('aws_s3_bucket_versioning', 'logs/versioning')).toEqual({
      bucket: t.ref('aws_s3_bucket', 'logs/bucket'),
      versioning_configuration: { status: 'Enabled' },
    });
  });

  it('encrypts with SSE-S3 (AES256) and no bucket key', () => {
    const { t } = s();
    expect(t.resource('aws_s3_bucket_server_side_encryption_configuration', 'logs/encryption')).toEqual({
      bucket: t.ref('aws_s3_bucket', 'logs/bucket'),
      rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }],
    });
  });

  it('blocks all four kinds of public access', () => {
    const { t } = s();
    expect(t.resource('aws_s3_bucket_public_access_block', 'logs/public-access-block')).toEqual({
      bucket: t.ref('aws_s3_bucket', 'logs/bucket'),
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
  });

  it('disables ACLs (BucketOwnerEnforced)', () => {
    const { t } = s();
    expect(t.resource('aws_s3_bucket_ownership_controls', 'logs/ownership-controls')).toEqual({
      bucket: t.ref('aws_s3_bucket', 'logs/bucket'),
      rule: { object_ownership: 'BucketOwnerEnforced' },
    });
  });

  it('has no lifecycle configuration', () => {
    expect(s().t.count('aws_s3_bucket_lifecycle_configuration')).toBe(0);
    expect(s().bucket.lifecycle).toBeUndefined();
  });

  it('attaches a policy that only denies requests without TLS, after the public access block', () => {
    const { t } = s();
    expect(t.count('aws_s3_bucket_policy')).toBe(1);
    expect(t.resource('aws_s3_bucket_policy', 'logs/policy')).toEqual({
      bucket: t.ref('aws_s3_bucket', 'logs/bucket'),
      policy: t.dataRef('aws_iam_policy_document', 'logs/policy-document'),
      depends_on: [t.address('aws_s3_bucket_public_access_block', 'logs/public-access-block')],
    });
    expect(t.dataSource('aws_iam_policy_document', 'logs/policy-document')).toEqual({
      statement: [denyInsecureTransport(t)],
    });
  });

  it('exposes the bucket, its name, ARN and regional domain name, and each part', () => {
    const { t, stack, bucket } = s();
    const resolver = new DefaultTokenResolver(new StringConcat());
    const resolve = (token: string) => Tokenization.resolve(token, { scope: stack, preparing: false, resolver });
    expect(resolve(bucket.bucketName)).toBe(t.ref('aws_s3_bucket', 'logs/bucket', 'bucket'));
    expect(resolve(bucket.bucketArn)).toBe(t.ref('aws_s3_bucket', 'logs/bucket', 'arn'));
    expect(resolve(bucket.bucketRegionalDomainName)).toBe(
      t.ref('aws_s3_bucket', 'logs/bucket', 'bucket_regional_domain_name'),
    );
    expect(resolve(bucket.bucket.id)).toBe(t.ref('aws_s3_bucket', 'logs/bucket'));
    expect(resolve(bucket.versioning!.id)).toBe(t.ref('aws_s3_bucket_versioning', 'logs/versioning'));
    expect(resolve(bucket.encryption.id)).toBe(
      t.ref('aws_s3_bucket_server_side_encryption_configuration', 'logs/encryption'),
    );
    expect(resolve(bucket.publicAccessBlock.id)).toBe(
      t.ref('aws_s3_bucket_public_access_block', 'logs/public-access-block'),
    );
    expect(resolve(bucket.ownershipControls.id)).toBe(
      t.ref('aws_s3_bucket_ownership_controls', 'logs/ownership-controls'),
    );
    expect(resolve(bucket.policy.id)).toBe(t.ref('aws_s3_bucket_policy', 'logs/policy'));
    expect(resolve(bucket.policyDocument.json)).toBe(t.dataRef('aws_iam_policy_document', 'logs/policy-document'));
  });
});

describe('SecureBucket with SSE-KMS, lifecycle rules, policy statements, tags and force_destroy', () => {
  const s = scenario(
    {
      bucketName: 'acme-data.example',
      forceDestroy: true,
      encryption: { algorithm: 'aws:kms', kmsKeyArn: KEY_ARN },
      lifecycleRules: [
        {
          id: 'expire-logs',
          prefix: 'logs/',
          expirationDays: 90,
          noncurrentVersionExpirationDays: 30,
          abortIncompleteMultipartUploadDays: 7,
        },
        { id: 'expire-everything', prefix: '', expirationDays: 365 },
        { id: 'abort-uploads', abortIncompleteMultipartUploadDays: 1 },
      ],
      policyStatements: (bucketArn) => [
        {
          sid: 'AllowReader',
          effect: 'Allow',
          principals: [{ type: 'AWS', identifiers: ['arn:aws:iam::123456789012:role/reader'] }],
          actions: ['s3:GetObject'],
          resources: [`${bucketArn}/*`],
        },
      ],
      tags: { team: 'data', Name: 'acme-data' },
    },
    (bucket) =>
      bucket.addPolicyStatements({
        sid: 'AllowWriter',
        effect: 'Allow',
        principals: [{ type: 'Service', identifiers: ['delivery.logs.amazonaws.com'] }],
        actions: ['s3:PutObject'],
        resources: [`${bucket.bucketArn}/logs/*`],
      }),
  );

  it('tags the bucket as given and lets destroy delete it with its objects', () => {
    expect(s().t.resource('aws_s3_bucket', 'logs/bucket')).toEqual({
      bucket: 'acme-data.example',
      force_destroy: true,
      tags: { team: 'data', Name: 'acme-data' },
    });
  });

  it('encrypts with the customer managed key through an S3 Bucket Key', () => {
    const { t } = s();
    expect(t.resource('aws_s3_bucket_server_side_encryption_configuration', 'logs/encryption')).toEqual({
      bucket: t.ref('aws_s3_bucket', 'logs/bucket'),
      rule: [
        {
          apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: KEY_ARN },
          bucket_key_enabled: true,
        },
      ],
    });
  });

  it('writes each lifecycle rule with only its actions, filtered by prefix or bucket-wide, after versioning', () => {
    const { t } = s();
    expect(t.resource('aws_s3_bucket_lifecycle_configuration', 'logs/lifecycle')).toEqual({
      bucket: t.ref('aws_s3_bucket', 'logs/bucket'),
      rule: [
        {
          id: 'expire-logs',
          status: 'Enabled',
          filter: [{ prefix: 'logs/' }],
          expiration: [{ days: 90 }],
          noncurrent_version_expiration: [{ noncurrent_days: 30 }],
          abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }],
        },
        { id: 'expire-everything', status: 'Enabled', filter: [{ prefix: '' }], expiration: [{ days: 365 }] },
        {
          id: 'abort-uploads',
          status: 'Enabled',
          filter: [{}],
          abort_incomplete_multipart_upload: [{ days_after_initiation: 1 }],
        },
      ],
      depends_on: [t.address('aws_s3_bucket_versioning', 'logs/versioning')],
    });
  });

  it("puts the caller's statements first, in order, and the TLS-only deny last", () => {
    const { t } = s();
    const arn = t.ref('aws_s3_bucket', 'logs/bucket', 'arn');
    expect(t.dataSource('aws_iam_policy_document', 'logs/policy-document').statement).toEqual([
      {
        sid: 'AllowReader',
        effect: 'Allow',
        principals: [{ type: 'AWS', identifiers: ['arn:aws:iam::123456789012:role/reader'] }],
        actions: ['s3:GetObject'],
        resources: [`${arn}/*`],
      },
      {
        sid: 'AllowWriter',
        effect: 'Allow',
        principals: [{ type: 'Service', identifiers: ['delivery.logs.amazonaws.com'] }],
        actions: ['s3:PutObject'],
        resources: [`${arn}/logs/*`],
      },
      denyInsecureTransport(t),
    ]);
  });
});

describe('SecureBucket without versioning', () => {
  const s = scenario({
    bucketName: 'acme-scratch',
    versioning: false,
    lifecycleRules: [{ id: 'expire', expirationDays: 1 }],
  });

  it('creates no versioning resource, and the lifecycle waits for nothing', () => {
    const { t, bucket } = s();
    expect(t.count('aws_s3_bucket_versioning')).toBe(0);
    expect(bucket.versioning).toBeUndefined();
    expect(t.resource('aws_s3_bucket_lifecycle_configuration', 'logs/lifecycle')).toEqual({
      bucket: t.ref('aws_s3_bucket', 'logs/bucket'),
      rule: [{ id: 'expire', status: 'Enabled', filter: [{}], expiration: [{ days: 1 }] }],
    });
  });

  it('still encrypts, blocks public access, enforces ownership and denies non-TLS requests', () => {
    const { t } = s();
    expect(t.count('aws_s3_bucket_server_side_encryption_configuration')).toBe(1);
    expect(t.count('aws_s3_bucket_public_access_block')).toBe(1);
    expect(t.count('aws_s3_bucket_ownership_controls')).toBe(1);
    expect(t.dataSource('aws_iam_policy_document', 'logs/policy-document').statement).toEqual([
      denyInsecureTransport(t),
    ]);
  });
});

describe('SecureBucket with preventDestroy and a bucket name from elsewhere', () => {
  it('sets lifecycle.prevent_destroy and does not check a token name', () => {
    const stack = testStack();
    const name = new TerraformVariable(stack, 'bucket_name', { type: 'string' });
    new SecureBucket(stack, 'logs', { bucketName: name.stringValue, preventDestroy: true });
    const t = Template.fromStack(stack);
    expect(t.resource('aws_s3_bucket', 'logs/bucket')).toEqual({
      bucket: '${var.bucket_name}',
      force_destroy: false,
      lifecycle: { prevent_destroy: true },
    });
  });
});

describe('SecureBucket validation', () => {
  const BASE: SecureBucketProps = { bucketName: 'acme-logs' };
  const cases: Array<[string, Partial<SecureBucketProps>, RegExp]> = [
    ['no bucket name', { bucketName: undefined }, /bucketName: is required: an S3 bucket name \(got nothing\)/],
    [
      'a bucket name S3 rejects',
      { bucketName: 'Acme_Logs' },
      /bucketName: must be an S3 bucket name: lowercase letters.* \(got "Acme_Logs"\)/,
    ],
    [
      'a bucket name with a reserved prefix',
      { bucketName: 'xn--logs' },
      /bucketName: must not start with "xn--" \(reserved by S3\) \(got "xn--logs"\)/,
    ],
    [
      'forceDestroy with preventDestroy',
      { forceDestroy: true, preventDestroy: true },
      /forceDestroy: contradicts preventDestroy.* \(got true\)/,
    ],
    [
      'an unknown encryption algorithm',
      { encryption: { algorithm: 'aws:kms:dsse' as 'aws:kms' } },
      /encryption\.algorithm: must be one of "AES256", "aws:kms" \(got "aws:kms:dsse"\)/,
    ],
    [
      'aws:kms without a key',
      { encryption: { algorithm: 'aws:kms' } },
      /encryption\.kmsKeyArn: is required with encryption\.algorithm "aws:kms".* \(got nothing\)/,
    ],
    [
      'a key with AES256',
      { encryption: { algorithm: 'AES256', kmsKeyArn: KEY_ARN } },
      /encryption\.kmsKeyArn: is only used with encryption\.algorithm "aws:kms" \(got "arn:aws:kms:/,
    ],
    [
      'a key alias instead of a key ARN',
      { encryption: { algorithm: 'aws:kms', kmsKeyArn: 'alias/s3' } },
      /encryption\.kmsKeyArn: must be a KMS key ARN like .* \(got "alias\/s3"\)/,
    ],
    [
      'a lifecycle rule without an id',
      { lifecycleRules: [{ id: '', expirationDays: 1 }] },
      /lifecycleRules\[0\]\.id: must be 1 to 255 characters \(got ""\)/,
    ],
    [
      'two lifecycle rules with one id',
      {
        lifecycleRules: [
          { id: 'expire', expirationDays: 1 },
          { id: 'expire', abortIncompleteMultipartUploadDays: 1 },
        ],
      },
      /lifecycleRules\[1\]\.id: repeats the id of lifecycleRules\[0\]; rule ids must be unique \(got "expire"\)/,
    ],
    [
      'expiration after 0 days',
      { lifecycleRules: [{ id: 'expire', expirationDays: 0 }] },
      /lifecycleRules\[0\]\.expirationDays: must be a whole number of days ≥ 1 \(got 0\)/,
    ],
    [
      'noncurrent versions kept 1.5 days',
      { lifecycleRules: [{ id: 'expire', noncurrentVersionExpirationDays: 1.5 }] },
      /lifecycleRules\[0\]\.noncurrentVersionExpirationDays: must be a whole number of days ≥ 1 \(got 1\.5\)/,
    ],
    [
      'multipart uploads aborted after -1 days',
      { lifecycleRules: [{ id: 'abort', abortIncompleteMultipartUploadDays: -1 }] },
      /lifecycleRules\[0\]\.abortIncompleteMultipartUploadDays: must be a whole number of days ≥ 1 \(got -1\)/,
    ],
    [
      'a noncurrent-version rule without versioning',
      { versioning: false, lifecycleRules: [{ id: 'expire', noncurrentVersionExpirationDays: 30 }] },
      /lifecycleRules\[0\]\.noncurrentVersionExpirationDays: needs versioning.* \(got 30\)/,
    ],
    [
      'a lifecycle rule with no action',
      { lifecycleRules: [{ id: 'idle', prefix: 'tmp/' }] },
      /lifecycleRules\[0\]: does nothing: set at least one of expirationDays, noncurrentVersionExpirationDays, abortIncompleteMultipartUploadDays \(got \{"id":"idle","prefix":"tmp\/"\}\)/,
    ],
  ];

  /** Every bad construction goes into this one stack, so that synthesizing it shows none of them left a resource. */
  const bad = buildBadCases(
    'invalid',
    cases,
    (stack, id, props) => new SecureBucket(stack, id, { ...BASE, ...props } as SecureBucketProps),
  );

  it.each(cases)('rejects %s, naming the field and the value', (label, _props, message) => {
    const error = validationError(bad.thrown.get(label), /^Invalid SecureBucket "invalid\/bad-\d+" props:/);
    expect(error.issues).toHaveLength(1);
    expect(error.message).toMatch(message);
  });

  it('creates nothing when the props are invalid', () => {
    const t = Template.fromStack(bad.stack());
    expect(t.json.resource).toBeUndefined();
    expect(t.json.data).toBeUndefined();
  });
});
