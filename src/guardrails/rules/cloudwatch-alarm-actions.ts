import { resourceRule } from '../rule';
import { stringList } from '../stack-view';

export const cloudwatchAlarmActions = resourceRule({
  id: 'cloudwatch-alarm-actions',
  severity: 'error',
  description: 'Every CloudWatch alarm notifies someone (actions enabled, at least one alarm action)',
  controls: { fsbp: 'CloudWatch.15' },
  fix: "set alarm_actions to the stack's alarm topic (observability AlarmTopic)",
  types: ['aws_cloudwatch_metric_alarm', 'aws_cloudwatch_composite_alarm'],
  check: (block) => {
    if (block.config.actions_enabled === false || block.config.actions_enabled === 'false')
      return 'actions_enabled is false';
    return stringList(block.config.alarm_actions).length > 0
      ? undefined
      : 'the alarm has no alarm_actions: nobody hears it';
  },
});
