import { resourceRule } from '../rule';
import { isTrue } from '../stack-view';

export const elasticacheAtRestEncryption = resourceRule({
  id: 'elasticache-at-rest-encryption',
  severity: 'error',
  description: 'ElastiCache replication groups encrypt data at rest',
  controls: { fsbp: 'ElastiCache.4', checkov: 'CKV_AWS_29' },
  fix: 'set at_rest_encryption_enabled = true (the redis module does)',
  types: ['aws_elasticache_replication_group'],
  check: (block) =>
    isTrue(block.config.at_rest_encryption_enabled) ? undefined : 'at_rest_encryption_enabled is not true',
});
