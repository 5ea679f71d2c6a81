import { resourceRule } from '../rule';

export const ecrLifecyclePolicy = resourceRule({
  id: 'ecr-lifecycle-policy',
  severity: 'warning',
  description: 'ECR repositories have a lifecycle policy',
  controls: { fsbp: 'ECR.3' },
  fix: 'add an aws_ecr_lifecycle_policy (the container-registry module does)',
  types: ['aws_ecr_repository'],
  check: (block, stack) =>
    stack.attachedTo(block, 'aws_ecr_lifecycle_policy', 'repository').length > 0 ? undefined : 'no lifecycle policy',
});
