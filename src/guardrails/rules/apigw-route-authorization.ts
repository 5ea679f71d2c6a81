import { resourceRule } from '../rule';

export const apigwRouteAuthorization = resourceRule({
  id: 'apigw-route-authorization',
  severity: 'warning',
  description: 'API Gateway routes name an authorizer (JWT, IAM or Lambda) unless they are public by design',
  controls: { fsbp: 'APIGateway.8', checkov: 'CKV_AWS_309' },
  fix: 'set authorization_type (JWT, AWS_IAM, CUSTOM) and authorizer_id, or suppress for a public route with the reason',
  types: ['aws_apigatewayv2_route'],
  check: (block) =>
    (block.config.authorization_type ?? 'NONE') === 'NONE'
      ? `route ${String(block.config.route_key)} has no authorizer`
      : undefined,
});
