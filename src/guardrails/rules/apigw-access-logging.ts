import { resourceRule } from '../rule';
import { nested } from '../stack-view';

export const apigwAccessLogging = resourceRule({
  id: 'apigw-access-logging',
  severity: 'error',
  description: 'API Gateway stages write access logs',
  controls: { fsbp: 'APIGateway.9', checkov: 'CKV_AWS_76' },
  fix: 'set access_log_settings with a log group and a format',
  types: ['aws_apigatewayv2_stage', 'aws_api_gateway_stage'],
  check: (block) =>
    nested(block.config.access_log_settings)?.destination_arn ? undefined : 'the stage writes no access logs',
});
