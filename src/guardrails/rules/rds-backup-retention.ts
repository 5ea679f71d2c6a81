import { resourceRule } from '../rule';
import { numberOf } from '../stack-view';

/** Days of automated backups production keeps at least (FSBP RDS.11's default). */
const PRODUCTION_MINIMUM_DAYS = 7;

export const rdsBackupRetention = resourceRule({
  id: 'rds-backup-retention',
  severity: 'error',
  description: `RDS instances and Aurora clusters keep automated backups (at least ${PRODUCTION_MINIMUM_DAYS} days in production)`,
  controls: { fsbp: 'RDS.11', checkov: 'CKV_AWS_133' },
  fix: `set backup_retention_period (at least ${PRODUCTION_MINIMUM_DAYS} in production)`,
  types: ['aws_db_instance', 'aws_rds_cluster'],
  check: (block, stack) => {
    if (block.config.replicate_source_db !== undefined) return undefined;
    // Aurora keeps one day of backups when the period is not set; a DB instance keeps none (the API default is 1, but 0 is allowed).
    const days = numberOf(block.config.backup_retention_period) ?? (block.type === 'aws_rds_cluster' ? 1 : 0);
    if (days === 0) return 'backup_retention_period is 0: no automated backups';
    return stack.production && days < PRODUCTION_MINIMUM_DAYS
      ? `backup_retention_period is ${days} days in production`
      : undefined;
  },
});
