/**
 * The http-api module passes real `terraform validate` and an offline plan: seed 004's API (stage `staging`, the API
 * and health-check routes, CORS, throttling, access logs) and the account-level API Gateway logging role.
 */
import { ApiGatewayAccountLogging, HttpApi } from '../../modules/http-api';
import { checkWithTerraform } from '../helpers/terraform-check';

jest.setTimeout(180_000);

it('validates and plans an HTTP API and the account logging role', async () => {
  const result = await checkWithTerraform(
    (stack) => {
      new HttpApi(stack, 'api', {
        name: 'apprentice-final-staging-http-api',
        lambdaFunction: {
          functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:apprentice-final-staging-api',
          functionName: 'apprentice-final-staging-api',
        },
        routes: ['ANY /api/{proxy+}', 'GET /api/health'],
        stageName: 'staging',
        cors: { allowOrigins: ['https://bardhi.devops.konitron.com'], allowCredentials: true },
        throttling: { rateLimit: 100, burstLimit: 200 },
      });
      new ApiGatewayAccountLogging(stack, 'account-logging', { roleName: 'apigateway-cloudwatch-logs' });
    },
    { plan: true },
  );
  expect(result.validate).toContain('Success! The configuration is valid.');
  // API, integration, 2 routes, log group, stage, permission (7); role, policy attachment, account setting (3).
  expect(result.toAdd).toBe(10);
  expect(result.plan).not.toMatch(/Warning:/);
});
