import { resourceRule } from '../rule';
import { isTrue } from '../stack-view';

export const kmsKeyRotation = resourceRule({
  id: 'kms-key-rotation',
  severity: 'error',
  description: 'Symmetric KMS keys rotate their key material yearly',
  controls: { fsbp: 'KMS.4', checkov: 'CKV_AWS_7' },
  fix: 'set enable_key_rotation = true',
  types: ['aws_kms_key'],
  check: (block) => {
    const spec = block.config.customer_master_key_spec ?? block.config.key_spec ?? 'SYMMETRIC_DEFAULT';
    if (spec !== 'SYMMETRIC_DEFAULT') return undefined;
    return isTrue(block.config.enable_key_rotation) ? undefined : 'enable_key_rotation is not true';
  },
});
