import { resourceRule } from '../rule';
import { isTrue } from '../stack-view';

export const rdsDeletionProtection = resourceRule({
  id: 'rds-deletion-protection',
  severity: 'error',
  description: 'Production RDS instances and Aurora clusters have deletion protection and keep a final snapshot',
  controls: { fsbp: 'RDS.8', checkov: 'CKV_AWS_293' },
  fix: 'set deletion_protection = true and skip_final_snapshot = false (database.deletionProtection)',
  types: ['aws_db_instance', 'aws_rds_cluster'],
  productionOnly: true,
  check: (block) => {
    const problems: string[] = [];
    if (!isTrue(block.config.deletion_protection)) problems.push('deletion_protection is not true');
    // A read replica has no final snapshot of its own to keep (its source has the backups).
    const replica = block.config.replicate_source_db !== undefined;
    if (isTrue(block.config.skip_final_snapshot) && !replica) problems.push('skip_final_snapshot is true');
    return problems;
  },
});
