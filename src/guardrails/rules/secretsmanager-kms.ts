import { resourceRule } from '../rule';

export const secretsmanagerKms = resourceRule({
  id: 'secretsmanager-kms',
  severity: 'warning',
  description: 'Secrets Manager secrets are encrypted with a customer managed KMS key',
  controls: { checkov: 'CKV_AWS_149' },
  fix: 'set kms_key_id to a customer managed key whose policy names who may decrypt',
  types: ['aws_secretsmanager_secret'],
  check: (block) => (block.config.kms_key_id ? undefined : 'the secret uses the AWS managed key aws/secretsmanager'),
});
