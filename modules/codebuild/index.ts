/**
 * A CodeBuild project run by CodePipeline: its buildspec inline (the commands are part of the infrastructure, reviewed
 * with it), its own log group with a retention, artifacts encrypted with the pipeline's key, and a role that may do
 * exactly what the build needs — write its own logs, read and write the pipeline's artifacts — plus the statements the
 * caller adds for what the build deploys (push to one repository, update one function, sync one bucket).
 *
 * | part                         | what it is                                                                       |
 * | ---------------------------- | -------------------------------------------------------------------------------- |
 * | `aws_codebuild_project`      | source and artifacts `CODEPIPELINE`, Linux container, encryption key, log group  |
 * | `aws_cloudwatch_log_group`   | `/aws/codebuild/<name>`, 30 days by default                                      |
 * | service role                 | trusted by codebuild.amazonaws.com for this account only; inline policy only     |
 *
 * `source: 'NO_SOURCE'` makes a job without a pipeline (started by an EventBridge rule or by hand; the buildspec fetches
 * what it needs): source `NO_SOURCE`, artifacts `NO_ARTIFACTS`, no artifact statements, and the project's encryption key
 * `kmsKeyArn` when given (the role may then use that key).
 *
 * `privilegedMode` (Docker in Docker, for `docker build`) is off unless asked for.
 */
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { CodebuildProject } from '@cdktf/provider-aws/lib/codebuild-project';
import { Construct } from 'constructs';
import { checkInteger, checkKmsKeyArn, checkText, isLiteral } from '../core/checks';
import { ServiceRole, type PolicyStatement } from '../core/service-role';
import { assertNoIssues, checkLogRetention, joinPath, type ValidationIssue } from '../core/validation';

/** Compute types of Linux container builds. */
export const CODEBUILD_COMPUTE_TYPES = [
  'BUILD_GENERAL1_SMALL',
  'BUILD_GENERAL1_MEDIUM',
  'BUILD_GENERAL1_LARGE',
  'BUILD_GENERAL1_XLARGE',
  'BUILD_GENERAL1_2XLARGE',
] as const;
export type CodeBuildComputeType = (typeof CODEBUILD_COMPUTE_TYPES)[number];

/** Where a project's input comes from. */
export const CODEBUILD_SOURCES = ['CODEPIPELINE', 'NO_SOURCE'] as const;
export type CodeBuildSource = (typeof CODEBUILD_SOURCES)[number];

/** CodeBuild's current Amazon Linux standard image. */
export const CODEBUILD_DEFAULT_IMAGE = 'aws/codebuild/amazonlinux-x86_64-standard:5.0';

/** The pipeline artifact store a project reads its input from and writes its output to. */
export interface CodeBuildArtifactAccess {
  /** The artifact bucket's ARN. Required. */
  readonly bucketArn: string;
  /** The key the artifacts are encrypted with. Required. */
  readonly kmsKeyArn: string;
}

export interface CodeBuildProjectProps {
  /** The project's name, 2-150 of letters, digits, `-` and `_`, starting with a letter or digit. Required. */
  readonly name: string;
  /** What the project does. Default: none. */
  readonly description?: string;
  /** The account the project runs in (the role's `aws:SourceAccount`). Required. */
  readonly accountId: string;
  /** The buildspec, YAML. Required. */
  readonly buildspec: string;
  /**
   * `CODEPIPELINE` (input and output artifacts from a pipeline; needs artifacts) or `NO_SOURCE` (a job started by an
   * EventBridge rule or by hand; the buildspec fetches what it needs). Default: `CODEPIPELINE`.
   */
  readonly source?: CodeBuildSource;
  /** The pipeline's artifact store. Required with source `CODEPIPELINE`; not with `NO_SOURCE`. */
  readonly artifacts?: CodeBuildArtifactAccess;
  /**
   * With source `NO_SOURCE`: the project's encryption key (`encryption_key`), which the role may use. Default: none
   * (CodeBuild's AWS managed key). With `CODEPIPELINE` the key is `artifacts.kmsKeyArn`.
   */
  readonly kmsKeyArn?: string;
  /** Compute type. Default: `BUILD_GENERAL1_SMALL` (3 GB, 2 vCPUs). */
  readonly computeType?: CodeBuildComputeType;
  /** Build image. Default: {@link CODEBUILD_DEFAULT_IMAGE}. */
  readonly image?: string;
  /** Run the Docker daemon (needed for `docker build`); the weaker, explicit choice. Default: false. */
  readonly privilegedMode?: boolean;
  /** Plain environment variables of the build (no secrets). Default: none. */
  readonly environmentVariables?: Readonly<Record<string, string>>;
  /** Longest build, 5 to 2160 minutes. Default: 60. */
  readonly timeoutMinutes?: number;
  /** Longest wait in the queue, 5 to 480 minutes. Default: 480. */
  readonly queuedTimeoutMinutes?: number;
  /** Retention of `/aws/codebuild/<name>`. Default: 30 days. */
  readonly logRetentionInDays?: number;
  /** What the build may do besides logs and artifacts. Default: none. */
  readonly statements?: readonly PolicyStatement[];
  /** Tags beside the provider's default tags. Default: none. */
  readonly tags?: Readonly<Record<string, string>>;
}

export class CodeBuildProject extends Construct {
  readonly project: CodebuildProject;
  readonly projectName: string;
  readonly projectArn: string;
  readonly role: ServiceRole;
  readonly logGroup: CloudwatchLogGroup;

  constructor(scope: Construct, id: string, props: CodeBuildProjectProps) {
    super(scope, id);
    assertNoIssues(`CodeBuildProject "${this.node.path}" props`, validateCodeBuildProjectProps(props));
    const tags = props.tags ? { ...props.tags } : undefined;
    const fromPipeline = (props.source ?? 'CODEPIPELINE') === 'CODEPIPELINE';
    this.logGroup = new CloudwatchLogGroup(this, 'log-group', {
      name: `/aws/codebuild/${props.name}`,
      retentionInDays: props.logRetentionInDays ?? 30,
      tags,
    });
    this.role = new ServiceRole(this, 'role', {
      roleName: `${props.name}-codebuild`.slice(0, 64),
      description: `CodeBuild project ${props.name}`,
      trust: { service: 'codebuild.amazonaws.com', sourceAccount: props.accountId },
      statements: [
        {
          sid: 'WriteOwnLogs',
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          resources: [`${this.logGroup.arn}:*`],
        },
        ...(fromPipeline ? artifactStatements(props.artifacts!) : projectKeyStatements(props.kmsKeyArn)),
        ...(props.statements ?? []),
      ],
      tags,
    });
    this.project = new CodebuildProject(this, 'project', {
      name: props.name,
      description: props.description,
      serviceRole: this.role.roleArn,
      buildTimeout: props.timeoutMinutes ?? 60,
      queuedTimeout: props.queuedTimeoutMinutes ?? 480,
      encryptionKey: fromPipeline ? props.artifacts!.kmsKeyArn : props.kmsKeyArn,
      source: { type: fromPipeline ? 'CODEPIPELINE' : 'NO_SOURCE', buildspec: props.buildspec },
      artifacts: { type: fromPipeline ? 'CODEPIPELINE' : 'NO_ARTIFACTS' },
      environment: {
        type: 'LINUX_CONTAINER',
        computeType: props.computeType ?? 'BUILD_GENERAL1_SMALL',
        image: props.image ?? CODEBUILD_DEFAULT_IMAGE,
        imagePullCredentialsType: 'CODEBUILD',
        privilegedMode: props.privilegedMode ?? false,
        environmentVariable: Object.entries(props.environmentVariables ?? {}).map(([name, value]) => ({
          name,
          value,
          type: 'PLAINTEXT',
        })),
      },
      logsConfig: { cloudwatchLogs: { status: 'ENABLED', groupName: this.logGroup.name } },
      tags,
      // The role's policy must be in place before the first build, and the log group before it writes.
      dependsOn: [this.logGroup, ...(this.role.inlinePolicy ? [this.role.inlinePolicy] : [])],
    });
    this.projectName = this.project.name;
    this.projectArn = this.project.arn;
  }
}

/** Read the input artifacts and write the output artifacts of a pipeline, through its key. */
export function artifactStatements(artifacts: CodeBuildArtifactAccess): PolicyStatement[] {
  return [
    {
      sid: 'PipelineArtifacts',
      actions: ['s3:GetObject', 's3:GetObjectVersion', 's3:PutObject'],
      resources: [`${artifacts.bucketArn}/*`],
    },
    {
      sid: 'PipelineArtifactsBucket',
      actions: ['s3:GetBucketLocation', 's3:GetBucketVersioning'],
      resources: [artifacts.bucketArn],
    },
    {
      sid: 'PipelineArtifactsKey',
      actions: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
      resources: [artifacts.kmsKeyArn],
    },
  ];
}

/** Use of a job's own encryption key (CodeBuild encrypts with it under the project's role), if it has one. */
function projectKeyStatements(kmsKeyArn: string | undefined): PolicyStatement[] {
  if (kmsKeyArn === undefined) return [];
  return [
    {
      sid: 'ProjectKey',
      actions: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
      resources: [kmsKeyArn],
    },
  ];
}

const PROJECT_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{1,149}$/;
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A project name: 2-150 of letters, digits, `-` and `_`, starting with a letter or digit. */
export function checkCodeBuildProjectName(path: string, name: string): ValidationIssue[] {
  if (!isLiteral(name) || PROJECT_NAME.test(name)) return [];
  const message = 'must be a CodeBuild project name: 2-150 letters, digits, - and _, starting with a letter or digit';
  return [{ path, value: name, message }];
}

/** A compute type of Linux container builds. */
export function checkCodeBuildComputeType(path: string, computeType: string): ValidationIssue[] {
  if ((CODEBUILD_COMPUTE_TYPES as readonly string[]).includes(computeType)) return [];
  return [{ path, value: computeType, message: `must be one of ${CODEBUILD_COMPUTE_TYPES.join(', ')}` }];
}

/** A build timeout: 5 to 2160 minutes. */
export function checkCodeBuildTimeout(path: string, minutes: number): ValidationIssue[] {
  return checkInteger(path, minutes, 5, 2160, 'a whole number of minutes');
}

/** The source and what goes with it: artifacts with `CODEPIPELINE` only, `kmsKeyArn` with `NO_SOURCE` only. */
function checkCodeBuildSource(props: CodeBuildProjectProps): ValidationIssue[] {
  const source = props.source ?? 'CODEPIPELINE';
  if (!(CODEBUILD_SOURCES as readonly string[]).includes(source)) {
    return [{ path: 'source', value: source, message: `must be one of ${CODEBUILD_SOURCES.join(', ')}` }];
  }
  if (source === 'CODEPIPELINE') {
    if (props.artifacts === undefined) {
      const message = "is required with source CODEPIPELINE (the pipeline's artifact bucket and key)";
      return [{ path: 'artifacts', value: undefined, message }];
    }
    if (props.kmsKeyArn !== undefined) {
      const message = 'is only for source NO_SOURCE (with CODEPIPELINE the key is artifacts.kmsKeyArn)';
      return [{ path: 'kmsKeyArn', value: props.kmsKeyArn, message }];
    }
    return [];
  }
  if (props.artifacts !== undefined) {
    const message = 'is only for source CODEPIPELINE (a NO_SOURCE job has no artifacts)';
    return [{ path: 'artifacts', value: props.artifacts, message }];
  }
  return [];
}

/** Every rule the constructor enforces, as a pure function. */
export function validateCodeBuildProjectProps(props: CodeBuildProjectProps): ValidationIssue[] {
  const issues: ValidationIssue[] = [
    ...checkCodeBuildProjectName('name', props.name),
    ...checkText('buildspec', props.buildspec, 25_000),
    ...checkCodeBuildComputeType('computeType', props.computeType ?? 'BUILD_GENERAL1_SMALL'),
    ...checkText('image', props.image ?? CODEBUILD_DEFAULT_IMAGE, 512),
    ...checkCodeBuildTimeout('timeoutMinutes', props.timeoutMinutes ?? 60),
    ...checkInteger('queuedTimeoutMinutes', props.queuedTimeoutMinutes ?? 480, 5, 480, 'a whole number of minutes'),
    ...checkLogRetention('logRetentionInDays', props.logRetentionInDays ?? 30),
    ...checkKmsKeyArn('artifacts.kmsKeyArn', props.artifacts?.kmsKeyArn),
    ...checkKmsKeyArn('kmsKeyArn', props.kmsKeyArn),
    ...checkCodeBuildSource(props),
  ];
  if (isLiteral(props.accountId) && !/^\d{12}$/.test(props.accountId)) {
    issues.push({ path: 'accountId', value: props.accountId, message: 'must be a 12-digit AWS account id' });
  }
  for (const name of Object.keys(props.environmentVariables ?? {})) {
    if (!VARIABLE_NAME.test(name) || name.startsWith('CODEBUILD_')) {
      const message = 'must be a variable name (letters, digits, _), not CODEBUILD_… (CodeBuild sets those)';
      issues.push({ path: joinPath('environmentVariables', name), value: name, message });
    }
  }
  return issues;
}
