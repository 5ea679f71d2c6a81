import { resourceRule } from '../rule';
import { isTrue } from '../stack-view';

export const rdsNotPublic = resourceRule({
  id: 'rds-not-public',
  severity: 'error',
  description: 'RDS instances are not publicly accessible',
  controls: { fsbp: 'RDS.2', checkov: 'CKV_AWS_17' },
  fix: 'set publicly_accessible = false and keep the instance in private subnets',
  types: ['aws_db_instance', 'aws_rds_cluster_instance'],
  check: (block) => (isTrue(block.config.publicly_accessible) ? 'publicly_accessible is true' : undefined),
});
