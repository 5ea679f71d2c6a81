import { resourceRule } from '../rule';

export const ecrImmutableTags = resourceRule({
  id: 'ecr-immutable-tags',
  severity: 'error',
  description: 'ECR image tags are immutable (a deployed tag always means the same image)',
  controls: { fsbp: 'ECR.2', checkov: 'CKV_AWS_51' },
  fix: 'set image_tag_mutability = "IMMUTABLE" (registry.imageTagMutability)',
  types: ['aws_ecr_repository'],
  check: (block) =>
    String(block.config.image_tag_mutability ?? 'MUTABLE').startsWith('IMMUTABLE')
      ? undefined
      : 'image tags can be overwritten',
});
