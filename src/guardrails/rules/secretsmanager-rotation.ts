import { resourceRule } from '../rule';

export const secretsmanagerRotation = resourceRule({
  id: 'secretsmanager-rotation',
  severity: 'warning',
  description: 'Secrets Manager secrets rotate automatically',
  controls: { fsbp: 'SecretsManager.1', checkov: 'CKV2_AWS_57' },
  fix: 'add an aws_secretsmanager_secret_rotation (or let the owning service manage it, like RDS)',
  types: ['aws_secretsmanager_secret'],
  check: (block, stack) =>
    stack.attachedTo(block, 'aws_secretsmanager_secret_rotation', 'secret_id').length > 0
      ? undefined
      : 'the secret is not rotated',
});
