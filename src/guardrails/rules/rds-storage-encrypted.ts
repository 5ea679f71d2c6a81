import { resourceRule } from '../rule';
import { isTrue } from '../stack-view';

export const rdsStorageEncrypted = resourceRule({
  id: 'rds-storage-encrypted',
  severity: 'error',
  description: 'RDS instances and Aurora clusters encrypt their storage',
  controls: { fsbp: 'RDS.3', checkov: 'CKV_AWS_16' },
  fix: 'set storage_encrypted = true (it cannot be changed after creation: plan a snapshot restore)',
  types: ['aws_db_instance', 'aws_rds_cluster'],
  check: (block) =>
    // A read replica inherits its source's encryption.
    isTrue(block.config.storage_encrypted) || block.config.replicate_source_db !== undefined
      ? undefined
      : 'storage_encrypted is not true',
});
