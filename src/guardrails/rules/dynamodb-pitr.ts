import { resourceRule } from '../rule';
import { isTrue, nested } from '../stack-view';

export const dynamodbPitr = resourceRule({
  id: 'dynamodb-pitr',
  severity: 'error',
  description: 'DynamoDB tables have point-in-time recovery',
  controls: { fsbp: 'DynamoDB.2', checkov: 'CKV_AWS_28' },
  fix: 'set point_in_time_recovery { enabled = true }',
  types: ['aws_dynamodb_table'],
  check: (block) =>
    isTrue(nested(block.config.point_in_time_recovery)?.enabled) ? undefined : 'point-in-time recovery is off',
});
