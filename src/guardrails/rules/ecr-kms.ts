import { resourceRule } from '../rule';
import { nested } from '../stack-view';

export const ecrKms = resourceRule({
  id: 'ecr-kms',
  severity: 'warning',
  description: 'ECR repositories are encrypted with KMS (AES256 is the default)',
  controls: { checkov: 'CKV_AWS_136' },
  fix: 'set encryption_configuration { encryption_type = "KMS" } (container-registry module: encryption.type)',
  types: ['aws_ecr_repository'],
  check: (block) =>
    nested(block.config.encryption_configuration)?.encryption_type === 'KMS'
      ? undefined
      : 'images are encrypted with AES256, not KMS',
});
