/** The hardened bucket passes `terraform validate` and an offline plan: defaults, SSE-KMS with rules, unversioned. */
import { SecureBucket } from '../../../modules/core/secure-bucket';
import { checkWithTerraform } from '../../helpers/terraform-check';

jest.setTimeout(120_000);

it('validates and plans the defaults, SSE-KMS with rules and statements, and an unversioned bucket', async () => {
  const result = await checkWithTerraform(
    (stack) => {
      // bucket, versioning, encryption, public access block, ownership controls, policy: 6
      new SecureBucket(stack, 'defaults', { bucketName: 'acme-defaults-123456789012' });
      // the same 6 and a lifecycle configuration: 7
      const data = new SecureBucket(stack, 'data', {
        bucketName: 'acme-data-123456789012',
        forceDestroy: true,
        encryption: {
          algorithm: 'aws:kms',
          kmsKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
        },
        lifecycleRules: [
          { id: 'expire-logs', prefix: 'logs/', expirationDays: 90, noncurrentVersionExpirationDays: 30 },
          { id: 'abort-uploads', abortIncompleteMultipartUploadDays: 7 },
        ],
        policyStatements: (bucketArn) => [
          {
            sid: 'AllowReader',
            effect: 'Allow',
            principals: [{ type: 'AWS', identifiers: ['arn:aws:iam::123456789012:root'] }],
            actions: ['s3:GetObject'],
            resources: [`${bucketArn}/*`],
          },
        ],
        tags: { team: 'data' },
      });
      data.addPolicyStatements({
        sid: 'AllowDelivery',
        effect: 'Allow',
        principals: [{ type: 'Service', identifiers: ['delivery.logs.amazonaws.com'] }],
        actions: ['s3:PutObject'],
        resources: [`${data.bucketArn}/logs/*`],
      });
      // no versioning, a lifecycle configuration: 6
      new SecureBucket(stack, 'scratch', {
        bucketName: 'acme-scratch-123456789012',
        versioning: false,
        preventDestroy: true,
        lifecycleRules: [{ id: 'expire', prefix: '', expirationDays: 1 }],
      });
    },
    { plan: true },
  );
  expect(result.validate).toContain('Success! The configuration is valid.');
  expect(result.toAdd).toBe(19);
});
