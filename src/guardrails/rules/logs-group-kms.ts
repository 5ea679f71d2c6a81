import { resourceRule } from '../rule';

export const logsGroupKms = resourceRule({
  id: 'logs-group-kms',
  severity: 'warning',
  description: 'CloudWatch log groups are encrypted with a customer managed KMS key',
  controls: { checkov: 'CKV_AWS_158' },
  fix: "set kms_key_id to a key whose policy lets the region's CloudWatch Logs service use it",
  types: ['aws_cloudwatch_log_group'],
  check: (block) => (block.config.kms_key_id ? undefined : 'the log group uses the service-owned key'),
});
