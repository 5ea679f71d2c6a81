import { resourceRule } from '../rule';
import { numberOf } from '../stack-view';

export const lambdaConcurrencyLimit = resourceRule({
  id: 'lambda-concurrency-limit',
  severity: 'warning',
  description: "Lambda functions cap their concurrency, so one function cannot take the account's whole pool",
  controls: { checkov: 'CKV_AWS_115' },
  fix: 'set reserved_concurrent_executions',
  types: ['aws_lambda_function'],
  check: (block) =>
    (numberOf(block.config.reserved_concurrent_executions) ?? -1) >= 0
      ? undefined
      : 'reserved_concurrent_executions is not set',
});
