/**
 * The ECS module passes real `terraform validate` and an offline plan: a cluster and a service pulling from ECR, the
 * options, and a CODE_DEPLOY service with SSM parameter secrets behind a blue/green load balancer.
 */
import { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter';
import { ContainerRepository } from '../../modules/container-registry';
import { EcsCluster, FargateService } from '../../modules/ecs';
import { LoadBalancer } from '../../modules/load-balancer';
import { checkWithTerraform } from '../helpers/terraform-check';

jest.setTimeout(180_000);

const ACCOUNT = '123456789012';
const TARGET_GROUP_ARN = `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:targetgroup/api/0123456789abcdef`;

it('validates and plans a cluster and a service behind a target group, pulling from a repository', async () => {
  const result = await checkWithTerraform(
    (stack) => {
      const repository = new ContainerRepository(stack, 'api-repository', { name: 'portfolio-dev/api' });
      const cluster = new EcsCluster(stack, 'cluster', { name: 'portfolio-dev' });
      new FargateService(stack, 'api', {
        cluster,
        name: 'portfolio-dev-api',
        accountId: ACCOUNT,
        region: 'us-east-1',
        vpcId: 'vpc-12345678',
        subnetIds: ['subnet-11111111', 'subnet-22222222'],
        container: {
          image: `${repository.repositoryUrl}:v1.0.0`,
          port: 8000,
          environment: { APP_ENV: 'dev' },
        },
        repositoryArns: [repository.repositoryArn],
        loadBalancer: { targetGroupArn: TARGET_GROUP_ARN },
      });
    },
    { plan: true },
  );
  expect(result.validate).toContain('Success! The configuration is valid.');
  // repository 2 (repository, lifecycle policy) + cluster 3 (log group, cluster, capacity providers) + service 10
  // (log group, security group, egress rule, 2 roles, execution policy, task definition, service, target, policy)
  expect(result.toAdd).toBe(15);
});

it('validates and plans the options: exec with KMS, secrets, task policy, all egress, health check, spot', async () => {
  const kmsKeyArn = `arn:aws:kms:us-west-2:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
  const secretArn = `arn:aws:secretsmanager:us-west-2:${ACCOUNT}:secret:db-AbCdEf`;
  const result = await checkWithTerraform(
    (stack) => {
      const cluster = new EcsCluster(stack, 'cluster', {
        name: 'shared',
        containerInsights: 'enhanced',
        kmsKeyArn,
        defaultCapacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }],
      });
      new FargateService(stack, 'worker', {
        cluster,
        name: 'worker',
        accountId: ACCOUNT,
        region: 'us-west-2',
        vpcId: 'vpc-12345678',
        subnetIds: ['subnet-11111111'],
        cpu: 1024,
        memoryMiB: 2048,
        cpuArchitecture: 'ARM64',
        container: {
          image: 'public.ecr.aws/nginx/nginx:1.27',
          port: 8080,
          environment: { GREETING: 'hello ${name} %{if x}' },
          secrets: { DB_PASSWORD: `${secretArn}:password::`, DB_USER: `${secretArn}:username::` },
          healthCheck: { command: ['CMD-SHELL', 'curl -f http://localhost:8080/ || exit 1'], startPeriodSeconds: 30 },
        },
        enableExecuteCommand: true,
        allowAllEgress: true,
        secretsKmsKeyArns: [kmsKeyArn],
        taskRolePolicyStatements: [
          { effect: 'Allow', actions: ['s3:GetObject'], resources: ['arn:aws:s3:::worker-inputs/*'] },
        ],
        capacityProviderStrategy: [
          { capacityProvider: 'FARGATE', base: 1, weight: 1 },
          { capacityProvider: 'FARGATE_SPOT', weight: 3 },
        ],
        capacity: { min: 0, max: 10 },
        memoryTargetPercent: 80,
      });
    },
    { plan: true, region: 'us-west-2' },
  );
  expect(result.validate).toContain('Success! The configuration is valid.');
  // cluster 3 + service 10 + task role application policy + task role ECS Exec policy + memory scaling policy
  expect(result.toAdd).toBe(16);
  // Literal `${` and `%{` in an environment value reach ECS unchanged (escaped for Terraform's template syntax).
  expect(result.plan).toMatch(/\+ name += "GREETING"\s+\+ value = "hello \$\{name\} %\{if x\}"/);
});

it('validates and plans a CODE_DEPLOY service with SSM parameter secrets behind a blue/green load balancer', async () => {
  const kmsKeyArn = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
  const result = await checkWithTerraform(
    (stack) => {
      const lb = new LoadBalancer(stack, 'lb', {
        name: 'api-prod',
        vpcId: 'vpc-12345678',
        subnetIds: ['subnet-11111111', 'subnet-22222222'],
        certificateArn: `arn:aws:acm:us-east-1:${ACCOUNT}:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789`,
        accessLogs: { enabled: false },
        targetGroups: {
          blue: { port: 8000, healthCheck: { path: '/health' } },
          green: { port: 8000, healthCheck: { path: '/health' } },
        },
        defaultTargetGroup: 'blue',
        extraListeners: { test: { port: 8443, targetGroup: 'green', ingressCidrs: ['10.0.0.0/16'] } },
        listenerActionsManagedByCodeDeploy: true,
      });
      const signingKey = new SsmParameter(stack, 'signing-key', {
        name: '/api-prod/signing-key',
        type: 'SecureString',
        value: 'placeholder',
        keyId: kmsKeyArn,
      });
      const cluster = new EcsCluster(stack, 'cluster', { name: 'api-prod' });
      new FargateService(stack, 'api', {
        cluster,
        name: 'api-prod',
        accountId: ACCOUNT,
        region: 'us-east-1',
        vpcId: 'vpc-12345678',
        subnetIds: ['subnet-11111111', 'subnet-22222222'],
        container: {
          image: 'public.ecr.aws/nginx/nginx:1.27',
          port: 8000,
          parameterSecrets: {
            SIGNING_KEY: signingKey.arn,
            API_TOKEN: `arn:aws:ssm:us-east-1:${ACCOUNT}:parameter/api-prod/token`,
          },
        },
        secretsKmsKeyArns: [kmsKeyArn],
        loadBalancer: { targetGroupArn: lb.targetGroups.blue!.arn },
        deploymentController: 'CODE_DEPLOY',
        dependsOn: [lb.servingListener],
      });
    },
    { plan: true },
  );
  expect(result.validate).toContain('Success! The configuration is valid.');
  expect(result.plan).toMatch(/\+ type = "CODE_DEPLOY"/);
  expect(result.plan).toContain('"ssm:GetParameters"');
  // load balancer 10 (group, 3 ingress rules, ALB, 2 target groups, 3 listeners) + parameter 1 + cluster 3 + service 10
  expect(result.toAdd).toBe(24);
});
