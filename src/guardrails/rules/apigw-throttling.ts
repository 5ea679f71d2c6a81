import { resourceRule } from '../rule';
import { nested, numberOf } from '../stack-view';

export const apigwThrottling = resourceRule({
  id: 'apigw-throttling',
  severity: 'warning',
  description: 'HTTP API stages set throttling limits (rate and burst)',
  controls: {},
  fix: 'set default_route_settings { throttling_rate_limit, throttling_burst_limit }',
  types: ['aws_apigatewayv2_stage'],
  check: (block) => {
    const settings = nested(block.config.default_route_settings);
    return numberOf(settings?.throttling_rate_limit) !== undefined &&
      numberOf(settings?.throttling_burst_limit) !== undefined
      ? undefined
      : 'the stage has no throttling limits';
  },
});
