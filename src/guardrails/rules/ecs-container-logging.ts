import { resourceRule } from '../rule';
import { asObject } from '../stack-view';
import { containerDefinitions } from './helpers';

export const ecsContainerLogging = resourceRule({
  id: 'ecs-container-logging',
  severity: 'error',
  description: 'Every container sends its logs somewhere (logConfiguration)',
  controls: { fsbp: 'ECS.9' },
  fix: 'set logConfiguration with the awslogs driver and a log group (the ecs module does)',
  types: ['aws_ecs_task_definition'],
  check: (block, stack) =>
    containerDefinitions(block, stack)
      .filter((container) => !asObject(container.logConfiguration)?.logDriver)
      .map((container) => `container ${String(container.name)} has no logConfiguration`),
});
