import { resourceRule } from '../rule';
import { isTrue } from '../stack-view';

export const sqsQueueEncrypted = resourceRule({
  id: 'sqs-queue-encrypted',
  severity: 'error',
  description: 'SQS queues are encrypted (SSE-SQS or a KMS key)',
  controls: { fsbp: 'SQS.1', checkov: 'CKV_AWS_27' },
  fix: 'set kms_master_key_id, or sqs_managed_sse_enabled = true',
  types: ['aws_sqs_queue'],
  check: (block) =>
    block.config.kms_master_key_id ||
    block.config.sqs_managed_sse_enabled === undefined ||
    isTrue(block.config.sqs_managed_sse_enabled)
      ? undefined
      : 'sqs_managed_sse_enabled is false and no KMS key is set',
});
