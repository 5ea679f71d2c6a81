import { resourceRule } from '../rule';
import { isTrue, stringList } from '../stack-view';

export const rdsMultiAz = resourceRule({
  id: 'rds-multi-az',
  severity: 'error',
  description: 'Production databases survive the loss of an AZ (Multi-AZ instance, or a cluster across AZs)',
  controls: { fsbp: 'RDS.5', checkov: 'CKV_AWS_157' },
  fix: 'set multi_az = true (database.multiAz), or give the Aurora cluster instances in two AZs',
  types: ['aws_db_instance', 'aws_rds_cluster'],
  productionOnly: true,
  check: (block) => {
    if (block.type === 'aws_rds_cluster') {
      const zones = stringList(block.config.availability_zones);
      return zones.length === 1 ? 'the cluster is held to one AZ' : undefined;
    }
    if (block.config.replicate_source_db !== undefined) return undefined;
    return isTrue(block.config.multi_az) ? undefined : 'multi_az is not true';
  },
});
