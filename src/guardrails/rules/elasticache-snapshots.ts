import { resourceRule } from '../rule';
import { numberOf } from '../stack-view';

export const elasticacheSnapshots = resourceRule({
  id: 'elasticache-snapshots',
  severity: 'error',
  description: 'Redis replication groups keep automatic snapshots',
  controls: { fsbp: 'ElastiCache.1', checkov: 'CKV_AWS_134' },
  fix: 'set snapshot_retention_limit to 1 or more days (cache.snapshotRetentionDays)',
  types: ['aws_elasticache_replication_group'],
  check: (block) =>
    (numberOf(block.config.snapshot_retention_limit) ?? 0) > 0
      ? undefined
      : 'snapshot_retention_limit is 0: no automatic snapshots',
});
