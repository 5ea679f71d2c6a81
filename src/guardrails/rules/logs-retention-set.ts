import { resourceRule } from '../rule';
import { numberOf } from '../stack-view';

export const logsRetentionSet = resourceRule({
  id: 'logs-retention-set',
  severity: 'error',
  description: 'CloudWatch log groups have a retention period (logs are not kept, and paid for, forever)',
  controls: { checkov: 'CKV_AWS_66' },
  fix: 'set retention_in_days (the blueprints take it from config: logRetentionInDays)',
  types: ['aws_cloudwatch_log_group'],
  check: (block) =>
    (numberOf(block.config.retention_in_days) ?? 0) > 0 ? undefined : 'retention_in_days is not set: logs never expire',
});
