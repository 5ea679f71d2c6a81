import { resourceRule } from '../rule';

export const snsTopicEncrypted = resourceRule({
  id: 'sns-topic-encrypted',
  severity: 'error',
  description: 'SNS topics are encrypted with a KMS key',
  controls: { fsbp: 'SNS.1', checkov: 'CKV_AWS_26' },
  fix: 'set kms_master_key_id (the observability AlarmTopic creates a key)',
  types: ['aws_sns_topic'],
  check: (block) => (block.config.kms_master_key_id ? undefined : 'kms_master_key_id is not set'),
});
