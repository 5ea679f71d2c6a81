import { resourceRule } from '../rule';
import { numberOf } from '../stack-view';

export const rdsEnhancedMonitoring = resourceRule({
  id: 'rds-enhanced-monitoring',
  severity: 'warning',
  description: 'RDS instances have Enhanced Monitoring (OS metrics)',
  controls: { fsbp: 'RDS.6', checkov: 'CKV_AWS_118' },
  fix: 'set monitoring_interval (1-60 s) with a monitoring role (postgres module: monitoringIntervalSeconds)',
  types: ['aws_db_instance'],
  check: (block) => ((numberOf(block.config.monitoring_interval) ?? 0) > 0 ? undefined : 'monitoring_interval is 0'),
});
