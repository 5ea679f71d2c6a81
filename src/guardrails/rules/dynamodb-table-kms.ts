import { resourceRule } from '../rule';
import { isTrue, nested } from '../stack-view';

export const dynamodbTableKms = resourceRule({
  id: 'dynamodb-table-kms',
  severity: 'warning',
  description: 'DynamoDB tables are encrypted with a KMS key the account sees (not the AWS owned key)',
  controls: { checkov: 'CKV_AWS_119' },
  fix: 'set server_side_encryption { enabled = true } (AWS managed key), or add kms_key_arn',
  types: ['aws_dynamodb_table'],
  check: (block) =>
    isTrue(nested(block.config.server_side_encryption)?.enabled) ? undefined : 'server_side_encryption is not enabled',
});
