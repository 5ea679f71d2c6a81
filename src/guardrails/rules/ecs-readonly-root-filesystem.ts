import { resourceRule } from '../rule';
import { isTrue } from '../stack-view';
import { containerDefinitions } from './helpers';

export const ecsReadonlyRootFilesystem = resourceRule({
  id: 'ecs-readonly-root-filesystem',
  severity: 'error',
  description: 'Containers run with a read-only root filesystem',
  controls: { fsbp: 'ECS.5', checkov: 'CKV_AWS_336' },
  fix: 'set readonlyRootFilesystem: true and mount a writable volume where the application writes (e.g. /tmp)',
  types: ['aws_ecs_task_definition'],
  check: (block, stack) =>
    containerDefinitions(block, stack)
      .filter((container) => !isTrue(container.readonlyRootFilesystem))
      .map((container) => `container ${String(container.name)} has a writable root filesystem`),
});
