import { resourceRule } from '../rule';
import { isTrue } from '../stack-view';
import { containerDefinitions } from './helpers';

export const ecsNotPrivileged = resourceRule({
  id: 'ecs-not-privileged',
  severity: 'error',
  description: 'Containers are not privileged',
  controls: { fsbp: 'ECS.4', checkov: 'CKV_AWS_97' },
  fix: 'remove privileged: true; add the one Linux capability the container needs instead',
  types: ['aws_ecs_task_definition'],
  check: (block, stack) =>
    containerDefinitions(block, stack)
      .filter((container) => isTrue(container.privileged))
      .map((container) => `container ${String(container.name)} is privileged`),
});
