import { resourceRule } from '../rule';
import { isTrue } from '../stack-view';

export const elasticacheTransitEncryption = resourceRule({
  id: 'elasticache-transit-encryption',
  severity: 'error',
  description: 'ElastiCache replication groups encrypt data in transit (TLS)',
  controls: { fsbp: 'ElastiCache.5', checkov: 'CKV_AWS_30' },
  fix: 'set transit_encryption_enabled = true (redis module: transitEncryption) and connect clients with TLS',
  types: ['aws_elasticache_replication_group'],
  check: (block) =>
    isTrue(block.config.transit_encryption_enabled) ? undefined : 'transit_encryption_enabled is not true',
});
