import { conditionsOn, hasPublicPrincipal } from '../policy';
import { resourceRule } from '../rule';
import { attachedPolicyStatements } from './helpers';

export const s3TlsOnly = resourceRule({
  id: 's3-tls-only',
  severity: 'error',
  description: 'Every S3 bucket policy denies requests without TLS (aws:SecureTransport false)',
  controls: { fsbp: 'S3.5', checkov: 'CKV_AWS_379' },
  fix: 'add a Deny statement for s3:* on the bucket and its objects when aws:SecureTransport is false (SecureBucket does)',
  types: ['aws_s3_bucket'],
  check: (bucket, stack) => {
    const statements = attachedPolicyStatements(stack, bucket, 'aws_s3_bucket_policy', 'bucket');
    const denies = statements.some(
      (statement) =>
        statement.effect === 'Deny' &&
        hasPublicPrincipal(statement) &&
        statement.actions.some((action) => action === 's3:*' || action === '*') &&
        conditionsOn(statement, 'aws:SecureTransport').some(
          (condition) => condition.operator === 'Bool' && condition.values.includes('false'),
        ),
    );
    return denies ? undefined : 'no bucket policy denies requests without TLS';
  },
});
