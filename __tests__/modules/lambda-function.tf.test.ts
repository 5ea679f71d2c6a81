/**
 * The lambda-function module passes real `terraform validate` and an offline plan: a container-image function attached
 * to two private subnets, with reserved concurrency, an environment and an extra statement.
 */
import { LambdaContainerFunction } from '../../modules/lambda-function';
import { checkWithTerraform } from '../helpers/terraform-check';

jest.setTimeout(180_000);

it('validates and plans a VPC function: log group, role, inline policy, security group, function', async () => {
  const result = await checkWithTerraform(
    (stack) => {
      new LambdaContainerFunction(stack, 'api', {
        functionName: 'apprentice-final-staging-api',
        imageUri: '123456789012.dkr.ecr.us-east-1.amazonaws.com/apprentice-final-staging-api:v1.0.0',
        memoryMiB: 1024,
        reservedConcurrency: 50,
        environment: { SETTINGS_PARAMETER_PATH: '/apprentice-final-staging/' },
        vpc: { vpcId: 'vpc-0123456789abcdef0', subnetIds: ['subnet-0aaaaaaaaaaaaaaa1', 'subnet-0bbbbbbbbbbbbbbb2'] },
        statements: [
          {
            sid: 'ReadSecret',
            actions: ['secretsmanager:GetSecretValue'],
            resources: ['arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf'],
          },
        ],
      });
    },
    { plan: true },
  );
  expect(result.validate).toContain('Success! The configuration is valid.');
  expect(result.toAdd).toBe(5);
  expect(result.plan).toMatch(/package_type\s+= "Image"/);
  expect(result.plan).not.toMatch(/Warning:/);
});
