import { resourceRule } from '../rule';
import { stringList } from '../stack-view';

export const rdsLogExports = resourceRule({
  id: 'rds-log-exports',
  severity: 'warning',
  description: 'RDS instances and Aurora clusters publish their logs to CloudWatch Logs',
  controls: { fsbp: 'RDS.9', checkov: 'CKV_AWS_129' },
  fix: 'set enabled_cloudwatch_logs_exports (postgres module: cloudwatchLogsExports)',
  types: ['aws_db_instance', 'aws_rds_cluster'],
  check: (block) =>
    stringList(block.config.enabled_cloudwatch_logs_exports).length > 0
      ? undefined
      : 'no logs are exported to CloudWatch Logs',
});
