/**
 * The lambda-function module: the container-image function (memory, timeout, reserved concurrency, tracing, JSON logs,
 * VPC placement, the image left to the pipeline), its log group, an execution role scoped to exactly its log group
 * (plus X-Ray, the VPC network interfaces and the caller's statements), its rule-less security group, and each
 * props-validation error.
 */
import { LambdaContainerFunction, type LambdaFunctionProps } from '../../modules/lambda-function';
import { Template, testStack } from '../helpers/template';
import { rejectsEachCase, type BadCase } from '../helpers/validation';

const IMAGE = '123456789012.dkr.ecr.us-east-1.amazonaws.com/apprentice-final-staging-api:v1.0.0';
const SUBNETS = ['subnet-0aaaaaaaaaaaaaaa1', 'subnet-0bbbbbbbbbbbbbbb2'];
const SECRET = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf';
const BASE: LambdaFunctionProps = { functionName: 'apprentice-final-staging-api', imageUri: IMAGE };

function synth(props: LambdaFunctionProps) {
  const stack = testStack();
  const fn = new LambdaContainerFunction(stack, 'api', props);
  return { fn, t: Template.fromStack(stack) };
}

describe('LambdaContainerFunction in a VPC, with every setting', () => {
  const { fn, t } = synth({
    ...BASE,
    description: 'The API',
    memoryMiB: 1024,
    timeoutSeconds: 20,
    architecture: 'arm64',
    reservedConcurrency: 50,
    environment: { SETTINGS_PARAMETER_PATH: '/apprentice-final-staging/' },
    vpc: { vpcId: 'vpc-0123456789abcdef0', subnetIds: SUBNETS },
    statements: [{ sid: 'ReadSecret', actions: ['secretsmanager:GetSecretValue'], resources: [SECRET] }],
  });

  it('runs the image with the configured memory, timeout, architecture, concurrency and environment', () => {
    expect(t.resource('aws_lambda_function', 'api/function')).toMatchObject({
      function_name: 'apprentice-final-staging-api',
      description: 'The API',
      package_type: 'Image',
      image_uri: IMAGE,
      architectures: ['arm64'],
      memory_size: 1024,
      timeout: 20,
      reserved_concurrent_executions: 50,
      environment: { variables: { SETTINGS_PARAMETER_PATH: '/apprentice-final-staging/' } },
      tracing_config: { mode: 'Active' },
      logging_config: { log_format: 'JSON', log_group: t.ref('aws_cloudwatch_log_group', 'api/log-group', 'name') },
      role: t.ref('aws_iam_role', 'api/role/role', 'arn'),
      vpc_config: { subnet_ids: SUBNETS, security_group_ids: [t.ref('aws_security_group', 'api/security-group')] },
      lifecycle: { ignore_changes: ['image_uri'] },
    });
  });

  it('is created after its log group and its role policy', () => {
    expect(t.resource('aws_lambda_function', 'api/function').depends_on).toEqual([
      t.address('aws_cloudwatch_log_group', 'api/log-group'),
      t.address('aws_iam_role_policy', 'api/role/inline-policy'),
    ]);
  });

  it('logs to /aws/lambda/<name>, kept 30 days', () => {
    expect(t.resource('aws_cloudwatch_log_group', 'api/log-group')).toMatchObject({
      name: '/aws/lambda/apprentice-final-staging-api',
      retention_in_days: 30,
    });
    expect(fn.logGroupName).toBe('/aws/lambda/apprentice-final-staging-api');
  });

  it('has a role Lambda assumes, allowed its own log group, X-Ray, the VPC network interfaces and the secret', () => {
    expect(t.dataSource('aws_iam_policy_document', 'api/role/trust-policy').statement).toEqual([
      {
        effect: 'Allow',
        actions: ['sts:AssumeRole'],
        principals: [{ type: 'Service', identifiers: ['lambda.amazonaws.com'] }],
      },
    ]);
    const statements = t.dataSource('aws_iam_policy_document', 'api/role/policy').statement as Array<
      Record<string, unknown>
    >;
    expect(statements.map((statement) => [statement.sid, statement.actions, statement.resources])).toEqual([
      [
        'WriteOwnLogs',
        ['logs:CreateLogStream', 'logs:PutLogEvents'],
        [`${t.ref('aws_cloudwatch_log_group', 'api/log-group', 'arn')}:*`],
      ],
      ['XRayTraces', ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], ['*']],
      [
        'VpcNetworkInterfaces',
        [
          'ec2:CreateNetworkInterface',
          'ec2:DescribeNetworkInterfaces',
          'ec2:DescribeSubnets',
          'ec2:DeleteNetworkInterface',
          'ec2:AssignPrivateIpAddresses',
          'ec2:UnassignPrivateIpAddresses',
        ],
        ['*'],
      ],
      ['ReadSecret', ['secretsmanager:GetSecretValue'], [SECRET]],
    ]);
    expect(t.count('aws_iam_role_policy_attachment')).toBe(0);
  });

  it('has its own security group without any rule', () => {
    expect(t.resource('aws_security_group', 'api/security-group')).toMatchObject({
      name: 'apprentice-final-staging-api-lambda',
      vpc_id: 'vpc-0123456789abcdef0',
    });
    expect(t.count('aws_vpc_security_group_ingress_rule')).toBe(0);
    expect(t.count('aws_vpc_security_group_egress_rule')).toBe(0);
  });
});

describe('LambdaContainerFunction with the defaults', () => {
  const { fn, t } = synth({ ...BASE, tracing: 'PassThrough', ignoreImageChanges: false });

  it('takes 512 MiB, 30 s, x86_64, no reservation, no environment and no VPC', () => {
    const block = t.resource('aws_lambda_function', 'api/function');
    expect(block).toMatchObject({ memory_size: 512, timeout: 30, architectures: ['x86_64'] });
    for (const absent of ['reserved_concurrent_executions', 'environment', 'vpc_config', 'lifecycle']) {
      expect(block).not.toHaveProperty(absent);
    }
    expect(fn.securityGroup).toBeUndefined();
  });

  it('grants only its log group without tracing and VPC', () => {
    const statements = t.dataSource('aws_iam_policy_document', 'api/role/policy').statement as Array<{ sid: string }>;
    expect(statements.map((statement) => statement.sid)).toEqual(['WriteOwnLogs']);
  });
});

describe('LambdaContainerFunction props validation', () => {
  const cases: Array<BadCase<LambdaFunctionProps>> = [
    [
      'a function name with a dot',
      { ...BASE, functionName: 'api.v1' },
      { path: 'functionName', value: 'api.v1', message: /Lambda function name/ },
    ],
    [
      'an image outside ECR',
      { ...BASE, imageUri: 'docker.io/library/node:20' },
      { path: 'imageUri', value: 'docker.io/library/node:20', message: /private ECR image/ },
    ],
    ['64 MiB of memory', { ...BASE, memoryMiB: 64 }, { path: 'memoryMiB', value: 64, message: /from 128 to 10240/ }],
    [
      'a 15-minute-and-1-second timeout',
      { ...BASE, timeoutSeconds: 901 },
      { path: 'timeoutSeconds', value: 901, message: /from 1 to 900/ },
    ],
    [
      'a reserved concurrency of 0',
      { ...BASE, reservedConcurrency: 0 },
      { path: 'reservedConcurrency', value: 0, message: /throttles every invocation/ },
    ],
    [
      'a variable Lambda reserves',
      { ...BASE, environment: { AWS_REGION: 'us-east-1' } },
      { path: 'environment.AWS_REGION', value: 'AWS_REGION', message: /set by Lambda itself/ },
    ],
    [
      'an environment over 4 KB',
      { ...BASE, environment: { BIG: 'x'.repeat(4100) } },
      { path: 'environment', value: ['BIG'], message: /Lambda allows 4096/ },
    ],
    [
      'one subnet',
      { ...BASE, vpc: { vpcId: 'vpc-0123456789abcdef0', subnetIds: [SUBNETS[0]!] } },
      { path: 'vpc.subnetIds', value: [SUBNETS[0]], message: /at least two subnets/ },
    ],
    [
      'a log retention CloudWatch lacks',
      { ...BASE, logRetentionInDays: 10 },
      { path: 'logRetentionInDays', value: 10, message: /CloudWatch Logs retention period/ },
    ],
  ];
  const bad = rejectsEachCase({
    subject: /LambdaContainerFunction ".*" props/,
    cases,
    build: (stack, id, props) => new LambdaContainerFunction(stack, id, props),
  });

  it('leaves nothing behind from a rejected function', () => {
    expect(Template.fromStack(bad.stack()).count('aws_lambda_function')).toBe(0);
  });
});
