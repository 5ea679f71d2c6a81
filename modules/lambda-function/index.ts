/**
 * A Lambda function run from a container image in ECR, with its execution role, its log group (created first, with a
 * retention, so Lambda never creates one kept forever) and, when attached to a VPC, its own security group.
 *
 * | part                       | what it is                                                                          |
 * | -------------------------- | ----------------------------------------------------------------------------------- |
 * | `aws_lambda_function`      | `package_type = Image`, X-Ray tracing Active, JSON logs, memory, timeout, reserved  |
 * |                            | concurrency, environment; VPC config with the module's group                        |
 * | `aws_cloudwatch_log_group` | `/aws/lambda/<functionName>`, retention 30 days by default                          |
 * | execution role             | logs to exactly that group; X-Ray; the ENI actions a VPC function needs; the        |
 * |                            | caller's statements (a secret, parameters) — no managed policy                      |
 * | `aws_security_group`       | with `vpc`: no rules at all; the caller opens egress to each peer                    |
 *
 * The first deploy needs an image: Lambda refuses to create an image function whose image is not in the repository.
 * After creation the image is the delivery pipeline's (`aws lambda update-function-code`), so Terraform ignores
 * later changes of `image_uri` by default (`ignoreImageChanges`) and a plan never rolls the code back.
 *
 * Why inline statements instead of AWSLambdaVPCAccessExecutionRole: that policy lets the function write to every log
 * group of the account. The ENI actions (ec2:CreateNetworkInterface and its kin) stay on `*`: Lambda calls them
 * with the execution role for network interfaces whose ids do not exist before the call.
 */
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { Construct } from 'constructs';
import { checkInteger, checkKmsKeyArn, checkOneOf, isLiteral } from '../core/checks';
import { SecurityGroup } from '../core/security-group';
import { ServiceRole, type PolicyStatement } from '../core/service-role';
import { assertNoIssues, checkLogRetention, joinPath, type ValidationIssue } from '../core/validation';

export const LAMBDA_ARCHITECTURES = ['x86_64', 'arm64'] as const;
export type LambdaArchitecture = (typeof LAMBDA_ARCHITECTURES)[number];
export const LAMBDA_TRACING_MODES = ['Active', 'PassThrough'] as const;
export type LambdaTracingMode = (typeof LAMBDA_TRACING_MODES)[number];

/** Environment variables Lambda sets itself and refuses to take from the function's configuration. */
export const LAMBDA_RESERVED_VARIABLES = [
  '_HANDLER',
  '_X_AMZN_TRACE_ID',
  'AWS_DEFAULT_REGION',
  'AWS_REGION',
  'AWS_EXECUTION_ENV',
  'AWS_LAMBDA_FUNCTION_NAME',
  'AWS_LAMBDA_FUNCTION_MEMORY_SIZE',
  'AWS_LAMBDA_FUNCTION_VERSION',
  'AWS_LAMBDA_INITIALIZATION_TYPE',
  'AWS_LAMBDA_LOG_GROUP_NAME',
  'AWS_LAMBDA_LOG_STREAM_NAME',
  'AWS_ACCESS_KEY',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_LAMBDA_RUNTIME_API',
  'LAMBDA_TASK_ROOT',
  'LAMBDA_RUNTIME_DIR',
] as const;

/** Lambda's limit on the environment: 4 KB for all names and values together. */
export const LAMBDA_ENVIRONMENT_MAX_BYTES = 4096;

/** The network interfaces Lambda manages for a VPC function, with the function's execution role. */
const VPC_ENI_ACTIONS = [
  'ec2:CreateNetworkInterface',
  'ec2:DescribeNetworkInterfaces',
  'ec2:DescribeSubnets',
  'ec2:DeleteNetworkInterface',
  'ec2:AssignPrivateIpAddresses',
  'ec2:UnassignPrivateIpAddresses',
];

export interface LambdaFunctionVpcProps {
  /** The VPC of the function's security group. Required. */
  readonly vpcId: string;
  /** Subnets Lambda places the function's network interfaces in: private ones, in two AZs at least. Required. */
  readonly subnetIds: readonly string[];
}

export interface LambdaFunctionProps {
  /** The function's name, 1-64 of `A-Za-z0-9-_`; also names its log group, role and security group. Required. */
  readonly functionName: string;
  /**
   * The image the function is created with, `<account>.dkr.ecr.<region>.amazonaws.com/<repository>:<tag>` (or
   * `@sha256:<digest>`). It must exist in the repository when the function is created. Required.
   */
  readonly imageUri: string;
  /** What the function does. Default: none. */
  readonly description?: string;
  /** Memory in MiB, 128 to 10240 (CPU is allotted in proportion). Default: 512. */
  readonly memoryMiB?: number;
  /** Longest run of one invocation, 1 to 900 seconds. Default: 30. */
  readonly timeoutSeconds?: number;
  /** `x86_64` or `arm64`: what the image was built for. Default: `x86_64`. */
  readonly architecture?: LambdaArchitecture;
  /**
   * Concurrent executions reserved for the function, which are also its ceiling; 1 or more (0 would stop it).
   * Default: none (the account's unreserved pool, no ceiling).
   */
  readonly reservedConcurrency?: number;
  /** Plain environment variables: names of letters, digits and `_`, not Lambda's reserved ones; 4 KB in all. Default: none. */
  readonly environment?: Readonly<Record<string, string>>;
  /** KMS key ARN for the environment at rest. Default: none (Lambda's `aws/lambda` key). */
  readonly environmentKmsKeyArn?: string;
  /** Attach the function to private subnets, behind a security group this module creates. Default: none. */
  readonly vpc?: LambdaFunctionVpcProps;
  /** X-Ray tracing: `Active` (sample and record) or `PassThrough`. Default: `Active`. */
  readonly tracing?: LambdaTracingMode;
  /** Retention of `/aws/lambda/<functionName>`, a CloudWatch Logs retention. Default: 30 days. */
  readonly logRetentionInDays?: number;
  /** KMS key ARN for the log group; its policy must let CloudWatch Logs use it. Default: none (CloudWatch's own). */
  readonly logKmsKeyArn?: string;
  /** Statements the function's code needs (read a secret, parameters) beside logs, X-Ray and VPC. Default: none. */
  readonly statements?: readonly PolicyStatement[];
  /**
   * Leave later changes of `image_uri` to the delivery pipeline: Terraform creates the function with `imageUri` and
   * does not roll it back afterwards. Default: true.
   */
  readonly ignoreImageChanges?: boolean;
  /** Tags beside the provider's default tags. Default: none. */
  readonly tags?: Readonly<Record<string, string>>;
}

export class LambdaContainerFunction extends Construct {
  readonly function: LambdaFunction;
  readonly functionName: string;
  readonly functionArn: string;
  /** What API Gateway integrations invoke. */
  readonly invokeArn: string;
  readonly role: ServiceRole;
  readonly logGroup: CloudwatchLogGroup;
  readonly logGroupName: string;
  /** The function's own group, with `vpc`: no rules until the caller adds egress. */
  readonly securityGroup?: SecurityGroup;

  constructor(scope: Construct, id: string, props: LambdaFunctionProps) {
    super(scope, id);
    assertNoIssues(`LambdaContainerFunction "${this.node.path}" props`, validateLambdaFunctionProps(props));
    const name = props.functionName;
    const tags = props.tags ? { ...props.tags } : undefined;
    const tracing = props.tracing ?? 'Active';

    this.logGroupName = `/aws/lambda/${name}`;
    this.logGroup = new CloudwatchLogGroup(this, 'log-group', {
      name: this.logGroupName,
      retentionInDays: props.logRetentionInDays ?? 30,
      kmsKeyId: props.logKmsKeyArn,
      tags,
    });

    const statements: PolicyStatement[] = [
      {
        sid: 'WriteOwnLogs',
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [`${this.logGroup.arn}:*`],
      },
    ];
    if (tracing === 'Active') {
      // X-Ray's write actions have no resource-level permissions.
      statements.push({
        sid: 'XRayTraces',
        actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
        resources: ['*'],
      });
    }
    if (props.vpc) {
      // Lambda creates and deletes the function's network interfaces with this role; their ids do not exist before.
      statements.push({ sid: 'VpcNetworkInterfaces', actions: VPC_ENI_ACTIONS, resources: ['*'] });
    }
    this.role = new ServiceRole(this, 'role', {
      roleName: name,
      description: `Execution role of the Lambda function ${name}`,
      // Lambda assumes execution roles without a source account, so there is nothing to condition on.
      trust: { service: 'lambda.amazonaws.com', skipSourceAccount: true },
      statements: [...statements, ...(props.statements ?? [])],
      tags,
    });

    if (props.vpc) {
      this.securityGroup = new SecurityGroup(this, 'security-group', {
        name: `${name}-lambda`,
        description: `Lambda function ${name}: egress only to what the caller allows`,
        vpcId: props.vpc.vpcId,
        tags,
      });
    }

    const environment = props.environment ?? {};
    this.function = new LambdaFunction(this, 'function', {
      functionName: name,
      description: props.description,
      role: this.role.roleArn,
      packageType: 'Image',
      imageUri: props.imageUri,
      architectures: [props.architecture ?? 'x86_64'],
      memorySize: props.memoryMiB ?? 512,
      timeout: props.timeoutSeconds ?? 30,
      reservedConcurrentExecutions: props.reservedConcurrency,
      environment: Object.keys(environment).length > 0 ? { variables: { ...environment } } : undefined,
      kmsKeyArn: props.environmentKmsKeyArn,
      tracingConfig: { mode: tracing },
      loggingConfig: { logFormat: 'JSON', logGroup: this.logGroup.name },
      vpcConfig: props.vpc
        ? { subnetIds: [...props.vpc.subnetIds], securityGroupIds: [this.securityGroup!.securityGroupId] }
        : undefined,
      tags,
      // The role's policy must be in place before Lambda checks it (logs, ENIs) at creation.
      dependsOn: [this.logGroup, ...(this.role.inlinePolicy ? [this.role.inlinePolicy] : [])],
      lifecycle: props.ignoreImageChanges === false ? undefined : { ignoreChanges: ['image_uri'] },
    });
    this.functionName = this.function.functionName;
    this.functionArn = this.function.arn;
    this.invokeArn = this.function.invokeArn;
  }
}

const FUNCTION_NAME = /^[A-Za-z0-9_-]{1,64}$/;
const VARIABLE_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
const IMAGE_URI =
  /^\d{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com(\.cn)?\/[a-z0-9._/-]+(:[\w][\w.-]{0,127}|@sha256:[a-f0-9]{64})$/;

/** A function name: 1-64 of `A-Za-z0-9-_` (it also names the log group and the role, which allow no more). */
export function checkLambdaFunctionName(path: string, name: string): ValidationIssue[] {
  if (!isLiteral(name) || FUNCTION_NAME.test(name)) return [];
  return [
    { path, value: name, message: 'must be a Lambda function name: 1-64 letters, digits, hyphens and underscores' },
  ];
}

/** Memory: 128 to 10240 MiB. */
export function checkLambdaMemory(path: string, memoryMiB: number): ValidationIssue[] {
  return checkInteger(path, memoryMiB, 128, 10240, 'a whole number of MiB');
}

/** Timeout: 1 to 900 seconds. */
export function checkLambdaTimeout(path: string, seconds: number): ValidationIssue[] {
  return checkInteger(path, seconds, 1, 900, 'a whole number of seconds');
}

/** Reserved concurrency: 1 or more (0 reserves nothing and throttles every call). */
export function checkReservedConcurrency(path: string, reserved: number | undefined): ValidationIssue[] {
  if (reserved === undefined) return [];
  const issues = checkInteger(path, reserved, 1, Number.POSITIVE_INFINITY, 'a whole number of executions');
  return reserved === 0
    ? [
        {
          path,
          value: reserved,
          message: 'must be at least 1: 0 throttles every invocation; leave it out for no reservation',
        },
      ]
    : issues;
}

/** Environment variables: valid names, none Lambda reserves, 4 KB in all (literal values only are counted). */
export function checkLambdaEnvironment(path: string, environment: Readonly<Record<string, string>>): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  let bytes = 0;
  for (const [name, value] of Object.entries(environment)) {
    const at = joinPath(path, name);
    if (!VARIABLE_NAME.test(name)) {
      issues.push({ path: at, value: name, message: 'must be a variable name: a letter, then letters, digits and _' });
    } else if ((LAMBDA_RESERVED_VARIABLES as readonly string[]).includes(name)) {
      issues.push({ path: at, value: name, message: 'is set by Lambda itself and cannot be configured' });
    }
    bytes += Buffer.byteLength(name) + (isLiteral(value) ? Buffer.byteLength(value) : 0);
  }
  if (bytes > LAMBDA_ENVIRONMENT_MAX_BYTES) {
    const message = `holds ${bytes} bytes; Lambda allows ${LAMBDA_ENVIRONMENT_MAX_BYTES} for all names and values`;
    issues.push({ path, value: Object.keys(environment), message });
  }
  return issues;
}

/** An ECR image reference with a tag or a digest (a token passes). */
export function checkLambdaImageUri(path: string, imageUri: string): ValidationIssue[] {
  if (!isLiteral(imageUri) || IMAGE_URI.test(imageUri)) return [];
  const message =
    'must be a private ECR image, <account>.dkr.ecr.<region>.amazonaws.com/<repository>:<tag> or @sha256:<digest>';
  return [{ path, value: imageUri, message }];
}

/** A VPC function's subnets: two at least (two AZs), none twice. */
export function checkLambdaSubnets(path: string, subnetIds: readonly string[]): ValidationIssue[] {
  if (subnetIds.length < 2) {
    const message = 'must list at least two subnets (two AZs), so the function survives the loss of one';
    return [{ path, value: subnetIds, message }];
  }
  if (new Set(subnetIds).size !== subnetIds.length)
    return [{ path, value: subnetIds, message: 'lists a subnet twice' }];
  return [];
}

/** Every rule the constructor enforces, as a pure function. */
export function validateLambdaFunctionProps(props: LambdaFunctionProps): ValidationIssue[] {
  const issues: ValidationIssue[] = [
    ...checkLambdaFunctionName('functionName', props.functionName),
    ...checkLambdaImageUri('imageUri', props.imageUri),
    ...checkLambdaMemory('memoryMiB', props.memoryMiB ?? 512),
    ...checkLambdaTimeout('timeoutSeconds', props.timeoutSeconds ?? 30),
    ...checkOneOf('architecture', props.architecture ?? 'x86_64', LAMBDA_ARCHITECTURES),
    ...checkReservedConcurrency('reservedConcurrency', props.reservedConcurrency),
    ...checkLambdaEnvironment('environment', props.environment ?? {}),
    ...checkKmsKeyArn('environmentKmsKeyArn', props.environmentKmsKeyArn),
    ...checkOneOf('tracing', props.tracing ?? 'Active', LAMBDA_TRACING_MODES),
    ...checkLogRetention('logRetentionInDays', props.logRetentionInDays ?? 30),
    ...checkKmsKeyArn('logKmsKeyArn', props.logKmsKeyArn),
  ];
  if (props.vpc) issues.push(...checkLambdaSubnets('vpc.subnetIds', props.vpc.subnetIds ?? []));
  return issues;
}
