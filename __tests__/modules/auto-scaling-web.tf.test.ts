/**
 * The auto-scaling web tier passes real `terraform validate` and an offline plan: the `resolve:ssm:` image id needs no
 * AWS call, and Terraform's own base64encode of the escaped script yields exactly the script the module rendered.
 */
import { EcrRepository } from '@cdktf/provider-aws/lib/ecr-repository';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { WebAutoScalingGroup, type WebAutoScalingGroupProps } from '../../modules/auto-scaling-web';
import { allowTraffic, SecurityGroup } from '../../modules/core/security-group';
import { checkWithTerraform } from '../helpers/terraform-check';

jest.setTimeout(180_000);

const REGISTRY = '123456789012.dkr.ecr.us-east-1.amazonaws.com';

const SEED: WebAutoScalingGroupProps = {
  name: 'dev-backend',
  accountId: '123456789012',
  region: 'us-east-1',
  vpcId: 'vpc-0123456789abcdef0',
  subnetIds: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'],
  targetGroupArns: ['arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/dev-backend-tg/0123456789abcdef'],
  container: {
    image: `${REGISTRY}/starttech-backend:1.4.2`,
    repositoryArn: 'arn:aws:ecr:us-east-1:123456789012:repository/starttech-backend',
    logGroupName: '/aws/ec2/dev/backend',
    // Everything a Terraform string or a shell could trip on: quotes, backslashes, $, ${ and %{ sequences, a tab.
    environment: { NODE_ENV: 'production', TRICKY: `it's "quoted" \\ $HOME \${NOT_TF} %{not_tf} tab\there` },
  },
};

it('seed scenario: validates, plans 14 resources, and Terraform encodes exactly the rendered script', async () => {
  let web: WebAutoScalingGroup | undefined;
  const result = await checkWithTerraform(
    (stack) => {
      web = new WebAutoScalingGroup(stack, 'web', SEED);
    },
    { plan: true },
  );
  expect(result.validate).toContain('Success! The configuration is valid.');
  expect(result.toAdd).toBe(14);
  expect(result.plan).toMatch(
    /\+ image_id\s+= "resolve:ssm:\/aws\/service\/ami-amazon-linux-latest\/amzn2-ami-hvm-x86_64-gp2"\n/,
  );
  const expected = Buffer.from((web as WebAutoScalingGroup).userData).toString('base64');
  const planned = /\+ user_data\s+= "([A-Za-z0-9+/=]+)"/.exec(result.plan)?.[1];
  expect(planned).toBe(expected);
  expect(Buffer.from(planned ?? '', 'base64').toString()).toContain(
    `-e TRICKY='it'\\''s "quoted" \\ $HOME \${NOT_TF} %{not_tf} tab\there'`,
  );
});

it('wired scenario: ECR repository and target group as tokens, ALB → instances rule, SSH from one CIDR', async () => {
  const result = await checkWithTerraform(
    (stack) => {
      const repository = new EcrRepository(stack, 'repository', { name: 'starttech-backend' });
      const targetGroup = new LbTargetGroup(stack, 'target-group', {
        name: 'dev-backend-tg',
        port: 8080,
        protocol: 'HTTP',
        vpcId: SEED.vpcId,
        targetType: 'instance',
      });
      const web = new WebAutoScalingGroup(stack, 'web', {
        ...SEED,
        targetGroupArns: [targetGroup.arn],
        sshCidrs: ['203.0.113.0/24'],
        container: {
          image: `${repository.repositoryUrl}:latest`,
          repositoryArn: repository.arn,
          logGroupName: '/aws/ec2/dev/backend',
          environment: { REPOSITORY: repository.name },
        },
      });
      const alb = new SecurityGroup(stack, 'alb', { name: 'dev-alb', description: 'ALB', vpcId: SEED.vpcId });
      allowTraffic(alb, web.securityGroup, { port: web.hostPort, description: 'ALB to the app' });
    },
    { plan: true },
  );
  expect(result.validate).toContain('Success! The configuration is valid.');
  // 14 of the module + SSH ingress + ECR repository + target group + ALB group + its egress + the instances' ingress.
  expect(result.toAdd).toBe(20);
});
