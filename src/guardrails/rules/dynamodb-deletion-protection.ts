import { resourceRule } from '../rule';
import { isTrue } from '../stack-view';

export const dynamodbDeletionProtection = resourceRule({
  id: 'dynamodb-deletion-protection',
  severity: 'error',
  description: 'Production DynamoDB tables have deletion protection',
  controls: { fsbp: 'DynamoDB.6' },
  fix: 'set deletion_protection_enabled = true',
  types: ['aws_dynamodb_table'],
  productionOnly: true,
  check: (block) =>
    isTrue(block.config.deletion_protection_enabled) ? undefined : 'deletion_protection_enabled is not true',
});
