/**
 * The http-api module: the HTTP API with CORS, the Lambda proxy integration, one route per key, the stage (auto-deploy,
 * JSON access logs to its log group, throttling), the invoke permission held to the stage, the account-level logging
 * role, and each props-validation error (CORS `*` with credentials among them).
 */
import { ACCESS_LOG_FORMAT, ApiGatewayAccountLogging, HttpApi, type HttpApiProps } from '../../modules/http-api';
import { resolved, Template, testStack } from '../helpers/template';
import { rejectsEachCase, type BadCase } from '../helpers/validation';

const FUNCTION = {
  functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:apprentice-final-staging-api',
  functionName: 'apprentice-final-staging-api',
};
const BASE: HttpApiProps = {
  name: 'apprentice-final-staging-http-api',
  lambdaFunction: FUNCTION,
  routes: ['ANY /api/{proxy+}', 'GET /api/health'],
};

describe('HttpApi with stage staging, CORS and throttling', () => {
  const stack = testStack();
  const api = new HttpApi(stack, 'api', {
    ...BASE,
    stageName: 'staging',
    cors: { allowOrigins: ['https://bardhi.devops.konitron.com'], allowCredentials: true, maxAgeSeconds: 600 },
    throttling: { rateLimit: 100, burstLimit: 200 },
    accessLogRetentionInDays: 90,
  });
  const t = Template.fromStack(stack);

  it('is an HTTP API allowing exactly the configured origin, with credentials', () => {
    expect(t.resource('aws_apigatewayv2_api', 'api/api')).toMatchObject({
      name: 'apprentice-final-staging-http-api',
      protocol_type: 'HTTP',
      disable_execute_api_endpoint: false,
      cors_configuration: {
        allow_origins: ['https://bardhi.devops.konitron.com'],
        allow_methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
        allow_headers: ['content-type', 'authorization', 'x-requested-with'],
        allow_credentials: true,
        max_age: 600,
      },
    });
  });

  it('proxies to the function with payload 2.0 and a 30 s timeout', () => {
    expect(t.resource('aws_apigatewayv2_integration', 'api/lambda-integration')).toEqual({
      api_id: t.ref('aws_apigatewayv2_api', 'api/api'),
      integration_type: 'AWS_PROXY',
      integration_method: 'POST',
      integration_uri: FUNCTION.functionArn,
      payload_format_version: '2.0',
      timeout_milliseconds: 30000,
    });
  });

  it('routes each key to the integration', () => {
    const target = `integrations/${t.ref('aws_apigatewayv2_integration', 'api/lambda-integration')}`;
    expect(t.all('aws_apigatewayv2_route').map((route) => [route.route_key, route.target])).toEqual([
      ['ANY /api/{proxy+}', target],
      ['GET /api/health', target],
    ]);
  });

  it('deploys stage staging with JSON access logs and the default-route throttling', () => {
    const stage = t.resource('aws_apigatewayv2_stage', 'api/stage');
    expect(stage).toMatchObject({
      name: 'staging',
      auto_deploy: true,
      access_log_settings: { destination_arn: t.ref('aws_cloudwatch_log_group', 'api/access-log-group', 'arn') },
      default_route_settings: {
        detailed_metrics_enabled: false,
        throttling_rate_limit: 100,
        throttling_burst_limit: 200,
      },
    });
    const format = JSON.parse((stage.access_log_settings as { format: string }).format) as Record<string, string>;
    expect(format).toEqual(ACCESS_LOG_FORMAT);
    expect(format.status).toBe('$context.status');
  });

  it('logs to /aws/apigateway/<name> with the configured retention', () => {
    expect(t.resource('aws_cloudwatch_log_group', 'api/access-log-group')).toMatchObject({
      name: '/aws/apigateway/apprentice-final-staging-http-api',
      retention_in_days: 90,
    });
  });

  it('lets only this API stage invoke the function', () => {
    expect(t.resource('aws_lambda_permission', 'api/invoke-permission')).toEqual({
      statement_id: 'AllowHttpApiInvoke',
      action: 'lambda:InvokeFunction',
      function_name: FUNCTION.functionName,
      principal: 'apigateway.amazonaws.com',
      source_arn: `${t.ref('aws_apigatewayv2_api', 'api/api', 'execution_arn')}/staging/*`,
    });
  });

  it('names the stage path and the endpoint host a CloudFront origin needs', () => {
    expect(api.stagePath).toBe('/staging');
    expect(resolved(stack, api.endpointHostName)).toBe(
      '${trimprefix(' + t.address('aws_apigatewayv2_api', 'api/api') + '.api_endpoint, "https://")}',
    );
  });
});

describe('HttpApi with the defaults', () => {
  const stack = testStack();
  const api = new HttpApi(stack, 'api', BASE);
  const t = Template.fromStack(stack);

  it('serves the $default stage at the root, without CORS or throttling, logs kept 30 days', () => {
    expect(api.stagePath).toBe('');
    expect(t.resource('aws_apigatewayv2_api', 'api/api')).not.toHaveProperty('cors_configuration');
    const stage = t.resource('aws_apigatewayv2_stage', 'api/stage');
    expect(stage.name).toBe('$default');
    expect(stage.default_route_settings).toEqual({ detailed_metrics_enabled: false });
    expect(t.resource('aws_cloudwatch_log_group', 'api/access-log-group').retention_in_days).toBe(30);
  });
});

describe('ApiGatewayAccountLogging', () => {
  const stack = testStack();
  new ApiGatewayAccountLogging(stack, 'logging', { roleName: 'apigateway-cloudwatch-logs' });
  const t = Template.fromStack(stack);

  it('registers a role API Gateway assumes, with AWS managed push-to-CloudWatch policy only', () => {
    expect(t.resource('aws_api_gateway_account', 'logging/account').cloudwatch_role_arn).toBe(
      t.ref('aws_iam_role', 'logging/role/role', 'arn'),
    );
    expect(t.dataSource('aws_iam_policy_document', 'logging/role/trust-policy').statement).toEqual([
      {
        effect: 'Allow',
        actions: ['sts:AssumeRole'],
        principals: [{ type: 'Service', identifiers: ['apigateway.amazonaws.com'] }],
      },
    ]);
    expect(t.all('aws_iam_role_policy_attachment').map((attachment) => attachment.policy_arn)).toEqual([
      'arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs',
    ]);
    expect(t.count('aws_iam_role_policy')).toBe(0);
  });
});

describe('HttpApi props validation', () => {
  const cases: Array<BadCase<HttpApiProps>> = [
    [
      'any origin with credentials',
      { ...BASE, cors: { allowOrigins: ['*'], allowCredentials: true } },
      { path: 'cors.allowOrigins[0]', value: '*', message: /refuse with credentials/ },
    ],
    [
      'an origin with a path',
      { ...BASE, cors: { allowOrigins: ['https://app.example.com/'] } },
      { path: 'cors.allowOrigins[0]', value: 'https://app.example.com/', message: /without a path/ },
    ],
    [
      'a CORS method HTTP lacks',
      { ...BASE, cors: { allowOrigins: ['https://app.example.com'], allowMethods: ['FETCH'] } },
      { path: 'cors.allowMethods[0]', value: 'FETCH', message: /must be \* or one of GET/ },
    ],
    [
      'a route key without a method',
      { ...BASE, routes: ['/api/health'] },
      { path: 'routes[0]', value: '/api/health', message: /must be a route key/ },
    ],
    [
      'a route listed twice',
      { ...BASE, routes: ['GET /api/health', 'GET /api/health'] },
      { path: 'routes[1]', value: 'GET /api/health', message: /more than once/ },
    ],
    ['no route', { ...BASE, routes: [] }, { path: 'routes', value: [], message: /at least one route key/ }],
    [
      'a stage name with a slash',
      { ...BASE, stageName: 'staging/v1' },
      { path: 'stageName', value: 'staging/v1', message: /stage name/ },
    ],
    [
      'a throttling rate of 0',
      { ...BASE, throttling: { rateLimit: 0, burstLimit: 10 } },
      { path: 'throttling.rateLimit', value: 0, message: /from 1 to 10000000/ },
    ],
    [
      'an integration timeout above 30 s',
      { ...BASE, integrationTimeoutMilliseconds: 60000 },
      { path: 'integrationTimeoutMilliseconds', value: 60000, message: /from 50 to 30000/ },
    ],
  ];
  rejectsEachCase({ subject: /HttpApi ".*" props/, cases, build: (stack, id, props) => new HttpApi(stack, id, props) });
});
