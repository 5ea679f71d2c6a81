/**
 * Keeps a replica CodeCommit repository (usually in another region) equal to a source repository: an EventBridge rule
 * on the source's reference changes (branch or tag created, updated, deleted) starts a CodeBuild job that clones the
 * source with `--mirror` and pushes it with `--mirror` to the replica, so deletions and force-pushes are mirrored too.
 * CodeCommit has no replication of its own.
 *
 * The job fetches and pushes a second time before it ends: a slower run started by an earlier push could otherwise
 * leave the replica one push behind.
 */
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { Construct } from 'constructs';
import { CodeBuildProject, checkCodeBuildProjectName, checkCodeBuildTimeout } from '../codebuild';
import { checkAccountId, checkKmsKeyArn, checkAwsRegion, isLiteral, isToken } from '../core/checks';
import { keyUseStatements } from '../core/kms-key';
import { ServiceRole, type PolicyStatement } from '../core/service-role';
import { assertNoIssues, checkLogRetention, type ValidationIssue } from '../core/validation';
import type { CodeCommitRepositoryRef } from './repository';

/** The repository events the mirror follows: every change of a branch or tag. */
export const MIRRORED_REFERENCE_EVENTS = ['referenceCreated', 'referenceUpdated', 'referenceDeleted'] as const;

/**
 * The mirror job's buildspec: git with the CodeCommit credential helper (the job role's credentials, signed for the
 * region in each URL), a mirror clone of `$SOURCE_URL` and a mirror push to `$REPLICA_URL`.
 */
export const MIRROR_BUILDSPEC = [
  'version: 0.2',
  'phases:',
  '  install:',
  '    commands:',
  "      - git config --global credential.helper '!aws codecommit credential-helper $@'",
  '      - git config --global credential.UseHttpPath true',
  '  build:',
  '    commands:',
  '      - git clone --mirror "$SOURCE_URL" source.git',
  '      - git -C source.git push --mirror "$REPLICA_URL"',
  '      - git -C source.git fetch --prune origin',
  '      - git -C source.git push --mirror "$REPLICA_URL"',
  '',
].join('\n');

export interface RepositoryMirrorProps {
  /** The repository pushes happen to (this stack's region). Required. */
  readonly source: CodeCommitRepositoryRef;
  /** The repository kept equal to it, usually in another region. Required. */
  readonly replica: CodeCommitRepositoryRef & { readonly region: string };
  /** The account the job and the rule run in. Required. */
  readonly accountId: string;
  /** Name of the CodeBuild mirror job (also its roles' prefix), 2-50 of letters, digits, `-` and `_`. Required. */
  readonly jobName: string;
  /**
   * Customer managed keys the repositories are encrypted with: the job may decrypt with the source's and encrypt with
   * the replica's, through CodeCommit only. The replica's may be its alias ARN (a key another stack owns). Default:
   * none (repositories on the AWS managed `aws/codecommit` key).
   */
  readonly kmsKeyArns?: { readonly source?: string; readonly replica?: string };
  /** Longest run of the job, 5 to 2160 minutes. Default: 15. */
  readonly timeoutMinutes?: number;
  /** Retention of the job's log group. Default: 30 days. */
  readonly logRetentionInDays?: number;
  /** Tags beside the provider's default tags. Default: none. */
  readonly tags?: Readonly<Record<string, string>>;
}

export class RepositoryMirror extends Construct {
  /** The `NO_SOURCE` CodeBuild job that mirrors the repository. */
  readonly job: CodeBuildProject;
  readonly rule: CloudwatchEventRule;
  readonly target: CloudwatchEventTarget;
  /** The role EventBridge starts the job with: `codebuild:StartBuild` on the job, nothing else. */
  readonly ruleRole: ServiceRole;

  constructor(scope: Construct, id: string, props: RepositoryMirrorProps) {
    super(scope, id);
    assertNoIssues(`RepositoryMirror "${this.node.path}" props`, validateRepositoryMirrorProps(props));
    const tags = props.tags ? { ...props.tags } : undefined;
    this.job = new CodeBuildProject(this, 'job', {
      name: props.jobName,
      description: `Mirrors CodeCommit ${props.source.repositoryName} to ${props.replica.repositoryName} in ${props.replica.region}`,
      accountId: props.accountId,
      source: 'NO_SOURCE',
      buildspec: MIRROR_BUILDSPEC,
      environmentVariables: { SOURCE_URL: props.source.cloneUrlHttp, REPLICA_URL: props.replica.cloneUrlHttp },
      timeoutMinutes: props.timeoutMinutes ?? 15,
      logRetentionInDays: props.logRetentionInDays ?? 30,
      statements: mirrorStatements(props),
      tags,
    });
    this.rule = new CloudwatchEventRule(this, 'rule', {
      name: `${props.jobName}-on-change`,
      description: `Mirror ${props.source.repositoryName} when a branch or tag changes`,
      eventPattern: JSON.stringify({
        source: ['aws.codecommit'],
        'detail-type': ['CodeCommit Repository State Change'],
        resources: [props.source.repositoryArn],
        detail: { event: [...MIRRORED_REFERENCE_EVENTS] },
      }),
      tags,
    });
    this.ruleRole = new ServiceRole(this, 'rule-role', {
      roleName: `${props.jobName}-events`,
      description: `EventBridge starts the mirror job ${props.jobName}`,
      trust: { service: 'events.amazonaws.com', sourceAccount: props.accountId },
      statements: [{ sid: 'StartMirrorJob', actions: ['codebuild:StartBuild'], resources: [this.job.projectArn] }],
      tags,
    });
    this.target = new CloudwatchEventTarget(this, 'target', {
      rule: this.rule.name,
      targetId: 'mirror-job',
      arn: this.job.projectArn,
      roleArn: this.ruleRole.roleArn,
      // EventBridge needs the role's permission in place before the first event it delivers.
      dependsOn: this.ruleRole.inlinePolicy ? [this.ruleRole.inlinePolicy] : [],
    });
  }
}

/** Pull from the source, push to the replica, and the repositories' keys through CodeCommit when they have their own. */
function mirrorStatements(props: RepositoryMirrorProps): PolicyStatement[] {
  const throughCodeCommit = [{ test: 'StringLike', variable: 'kms:ViaService', values: ['codecommit.*'] }];
  const keys = props.kmsKeyArns ?? {};
  return [
    { sid: 'PullSource', actions: ['codecommit:GitPull'], resources: [props.source.repositoryArn] },
    { sid: 'PushReplica', actions: ['codecommit:GitPush'], resources: [props.replica.repositoryArn] },
    ...keyUseStatements(
      'SourceKey',
      ['kms:Decrypt', 'kms:DescribeKey'],
      keys.source ? [keys.source] : [],
      throughCodeCommit,
    ),
    // A push reads the objects it builds on as well as writing new ones.
    ...keyUseStatements(
      'ReplicaKey',
      ['kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey', 'kms:GenerateDataKeyWithoutPlaintext', 'kms:DescribeKey'],
      keys.replica ? [keys.replica] : [],
      throughCodeCommit,
    ),
  ];
}

const CODECOMMIT_ARN = /^arn:aws[a-z-]*:codecommit:[a-z0-9-]+:\d{12}:[A-Za-z0-9._-]{1,100}$/;
const CLONE_URL = /^https:\/\/git-codecommit\.[a-z0-9-]+\.amazonaws\.com(\.cn)?\/v1\/repos\/[A-Za-z0-9._-]{1,100}$/;

function checkRepositoryRef(path: string, ref: CodeCommitRepositoryRef | undefined): ValidationIssue[] {
  if (ref === undefined)
    return [{ path, value: ref, message: 'is required (repositoryName, repositoryArn, cloneUrlHttp)' }];
  const issues: ValidationIssue[] = [];
  if (!isToken(ref.repositoryArn) && !CODECOMMIT_ARN.test(ref.repositoryArn ?? '')) {
    const message = 'must be a CodeCommit repository ARN (arn:aws:codecommit:<region>:<account>:<name>)';
    issues.push({ path: `${path}.repositoryArn`, value: ref.repositoryArn, message });
  }
  if (!isToken(ref.cloneUrlHttp) && !CLONE_URL.test(ref.cloneUrlHttp ?? '')) {
    const message = 'must be an HTTPS clone URL (https://git-codecommit.<region>.amazonaws.com/v1/repos/<name>)';
    issues.push({ path: `${path}.cloneUrlHttp`, value: ref.cloneUrlHttp, message });
  }
  return issues;
}

/** Every rule the constructor enforces, as a pure function. */
export function validateRepositoryMirrorProps(props: RepositoryMirrorProps): ValidationIssue[] {
  const issues: ValidationIssue[] = [
    ...checkRepositoryRef('source', props.source),
    ...checkRepositoryRef('replica', props.replica),
    ...checkAwsRegion('replica.region', props.replica?.region),
    ...checkAccountId('accountId', props.accountId),
    ...checkCodeBuildProjectName('jobName', props.jobName),
    ...checkCodeBuildTimeout('timeoutMinutes', props.timeoutMinutes ?? 15),
    ...checkLogRetention('logRetentionInDays', props.logRetentionInDays ?? 30),
    ...checkKmsKeyArn('kmsKeyArns.source', props.kmsKeyArns?.source),
    ...checkKmsKeyArn('kmsKeyArns.replica', props.kmsKeyArns?.replica, { allowAlias: true }),
  ];
  if (isLiteral(props.jobName) && props.jobName.length > 50) {
    const message = `must be at most 50 characters (has ${props.jobName.length}): it prefixes the roles' names`;
    issues.push({ path: 'jobName', value: props.jobName, message });
  }
  if (
    isLiteral(props.source?.repositoryArn) &&
    isLiteral(props.replica?.repositoryArn) &&
    props.source.repositoryArn === props.replica.repositoryArn
  ) {
    issues.push({
      path: 'replica.repositoryArn',
      value: props.replica.repositoryArn,
      message: 'must not be the source',
    });
  }
  return issues;
}
