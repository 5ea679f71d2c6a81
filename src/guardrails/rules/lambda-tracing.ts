import { resourceRule } from '../rule';
import { nested } from '../stack-view';

export const lambdaTracing = resourceRule({
  id: 'lambda-tracing',
  severity: 'warning',
  description: 'Lambda functions have X-Ray active tracing',
  controls: { checkov: 'CKV_AWS_50' },
  fix: 'set tracing_config { mode = "Active" }',
  types: ['aws_lambda_function'],
  check: (block) => (nested(block.config.tracing_config)?.mode === 'Active' ? undefined : 'tracing is not active'),
});
