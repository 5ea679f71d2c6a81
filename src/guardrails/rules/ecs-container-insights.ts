import { resourceRule } from '../rule';
import { nestedList } from '../stack-view';

export const ecsContainerInsights = resourceRule({
  id: 'ecs-container-insights',
  severity: 'error',
  description: 'ECS clusters have Container Insights',
  controls: { fsbp: 'ECS.12', checkov: 'CKV_AWS_65' },
  fix: 'set setting { name = "containerInsights", value = "enabled" } (ecs module: containerInsights)',
  types: ['aws_ecs_cluster'],
  check: (block) => {
    const setting = nestedList(block.config.setting).find((s) => s.name === 'containerInsights');
    return setting && setting.value !== 'disabled' ? undefined : 'Container Insights is off';
  },
});
