/**
 * The codecommit module: a repository on its own rotating key (or a given one), the ARN and clone URL of a repository
 * by name, branch protection (the approval rule template and its association, the deny policy's actions, resource and
 * conditions), the mirror (the rule's pattern, the job's buildspec and variables, both roles' exact grants, the keys),
 * the guardrails pack on all of it, and each props-validation error. The NO_SOURCE CodeBuild job is here too.
 */
import { CodeBuildProject, type CodeBuildProjectProps } from '../../modules/codebuild';
import {
  BranchProtection,
  CodeCommitRepository,
  codeCommitRepositoryRef,
  MIRROR_BUILDSPEC,
  RepositoryMirror,
  type BranchProtectionProps,
  type CodeCommitRepositoryProps,
  type RepositoryMirrorProps,
} from '../../modules/codecommit';
import { ValidationError } from '../../modules/core/validation';
import { blueprintsPack, checkStack, StackView } from '../../src/guardrails';
import { Template, testStack } from '../helpers/template';
import { rejectsEachCase, thrownBy, type BadCase } from '../helpers/validation';

const ACCOUNT = '123456789012';
const KEY = 'arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555';
const REPLICA_KEY = 'arn:aws:kms:us-west-2:123456789012:key/99999999-2222-3333-4444-555555555555';
const REPLICA = {
  ...codeCommitRepositoryRef({ region: 'us-west-2', accountId: ACCOUNT, name: 'shop' }),
  region: 'us-west-2',
};

type Statement = Record<string, unknown>;

describe('codeCommitRepositoryRef', () => {
  it('derives the ARN and the HTTPS clone URL from region, account and name', () => {
    expect(codeCommitRepositoryRef({ region: 'us-west-2', accountId: ACCOUNT, name: 'shop' })).toEqual({
      repositoryName: 'shop',
      repositoryArn: 'arn:aws:codecommit:us-west-2:123456789012:shop',
      cloneUrlHttp: 'https://git-codecommit.us-west-2.amazonaws.com/v1/repos/shop',
    });
  });

  it("takes the partition and the DNS suffix from a China region's", () => {
    expect(codeCommitRepositoryRef({ region: 'cn-north-1', accountId: ACCOUNT, name: 'shop' })).toEqual({
      repositoryName: 'shop',
      repositoryArn: 'arn:aws-cn:codecommit:cn-north-1:123456789012:shop',
      cloneUrlHttp: 'https://git-codecommit.cn-north-1.amazonaws.com.cn/v1/repos/shop',
    });
  });

  it('rejects a bad region, account and name, naming each', () => {
    const error = thrownBy(() => codeCommitRepositoryRef({ region: 'west', accountId: '42', name: 'a b' }));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((issue) => [issue.path, issue.value])).toEqual([
      ['region', 'west'],
      ['accountId', '42'],
      ['name', 'a b'],
    ]);
  });
});

describe('CodeCommitRepository', () => {
  const stack = testStack();
  new CodeCommitRepository(stack, 'repo', { name: 'shop.api', accountId: ACCOUNT, tags: { team: 'shop' } });
  new CodeCommitRepository(stack, 'keyed', {
    name: 'infra',
    accountId: ACCOUNT,
    description: 'Infrastructure code',
    defaultBranch: 'trunk',
    kmsKeyArn: KEY,
  });
  const t = Template.fromStack(stack);

  it('is encrypted with a new rotating key of its own, default branch main, described as managed', () => {
    expect(t.resource('aws_codecommit_repository', 'repo/repository')).toEqual({
      repository_name: 'shop.api',
      description: 'shop.api (managed by cdktf)',
      default_branch: 'main',
      kms_key_id: t.ref('aws_kms_key', 'repo/key/key', 'arn'),
      tags: { team: 'shop' },
    });
    expect(t.resource('aws_kms_key', 'repo/key/key')).toMatchObject({ enable_key_rotation: true });
    expect(t.resource('aws_kms_alias', 'repo/key/alias').name).toBe('alias/codecommit/shop-api');
  });

  it('uses a given key, description and default branch, and then makes no key', () => {
    expect(t.resource('aws_codecommit_repository', 'keyed/repository')).toEqual({
      repository_name: 'infra',
      description: 'Infrastructure code',
      default_branch: 'trunk',
      kms_key_id: KEY,
    });
    expect(t.count('aws_kms_key')).toBe(1);
  });

  const base: CodeCommitRepositoryProps = { name: 'shop', accountId: ACCOUNT };
  const cases: Array<BadCase<CodeCommitRepositoryProps>> = [
    ['a name with a space', { ...base, name: 'my repo' }, { path: 'name', value: 'my repo', message: /1-100 of/ }],
    ['a name ending in .git', { ...base, name: 'shop.git' }, { path: 'name', value: 'shop.git', message: /\.git/ }],
    [
      'a branch with ..',
      { ...base, defaultBranch: 'a..b' },
      { path: 'defaultBranch', value: 'a..b', message: /git branch name/ },
    ],
    [
      'an 11-digit account',
      { ...base, accountId: '12345678901' },
      { path: 'accountId', value: '12345678901', message: /12-digit/ },
    ],
    [
      'an alias for a key',
      { ...base, kmsKeyArn: 'alias/x' },
      { path: 'kmsKeyArn', value: 'alias/x', message: /KMS key ARN/ },
    ],
  ];
  rejectsEachCase({
    stackName: 'invalid-repositories',
    subject: /CodeCommitRepository ".*" props/,
    cases,
    build: (scope, id, props) => new CodeCommitRepository(scope, id, props),
  });
});

describe('BranchProtection', () => {
  const stack = testStack();
  const repo = new CodeCommitRepository(stack, 'repo', { name: 'shop', accountId: ACCOUNT });
  new BranchProtection(stack, 'protect', {
    repositoryName: repo.repositoryName,
    repositoryArn: repo.repositoryArn,
    requiredApprovals: 2,
    accountId: ACCOUNT,
  });
  new BranchProtection(stack, 'release', {
    ...codeCommitRepositoryRef({ region: 'us-east-1', accountId: ACCOUNT, name: 'infra' }),
    branch: 'release/1.x',
    approverArns: ['arn:aws:sts::123456789012:assumed-role/Reviewers/*'],
    accountId: ACCOUNT,
  });
  const t = Template.fromStack(stack);

  it('needs the approvals for pull requests into refs/heads/main, and is associated with the repository', () => {
    const template = t.resource('aws_codecommit_approval_rule_template', 'protect/approval-rule-template');
    expect(template.name).toBe(
      `${t.ref('aws_codecommit_repository', 'repo/repository', 'repository_name')}-main-protection`,
    );
    expect(JSON.parse(template.content as string)).toEqual({
      Version: '2018-11-08',
      DestinationReferences: ['refs/heads/main'],
      Statements: [{ Type: 'Approvers', NumberOfApprovalsNeeded: 2 }],
    });
    expect(t.resource('aws_codecommit_approval_rule_template_association', 'protect/association')).toEqual({
      approval_rule_template_name: t.ref(
        'aws_codecommit_approval_rule_template',
        'protect/approval-rule-template',
        'name',
      ),
      repository_name: t.ref('aws_codecommit_repository', 'repo/repository', 'repository_name'),
    });
  });

  it('takes one approval by default, from the named approvers only when given, on the named branch', () => {
    const template = t.resource('aws_codecommit_approval_rule_template', 'release/approval-rule-template');
    expect(template.name).toBe('infra-release-1.x-protection');
    expect(JSON.parse(template.content as string)).toEqual({
      Version: '2018-11-08',
      DestinationReferences: ['refs/heads/release/1.x'],
      Statements: [
        {
          Type: 'Approvers',
          NumberOfApprovalsNeeded: 1,
          ApprovalPoolMembers: ['arn:aws:sts::123456789012:assumed-role/Reviewers/*'],
        },
      ],
    });
  });

  it('denies every direct change to the branch but merging a pull request, where a reference is named', () => {
    expect(t.dataSource('aws_iam_policy_document', 'protect/deny-direct-changes').statement).toEqual([
      {
        sid: 'DenyDirectChangesToProtectedBranch',
        effect: 'Deny',
        actions: [
          'codecommit:GitPush',
          'codecommit:DeleteBranch',
          'codecommit:PutFile',
          'codecommit:DeleteFile',
          'codecommit:CreateCommit',
          'codecommit:MergeBranchesByFastForward',
          'codecommit:MergeBranchesBySquash',
          'codecommit:MergeBranchesByThreeWay',
        ],
        resources: [t.ref('aws_codecommit_repository', 'repo/repository', 'arn')],
        condition: [
          { test: 'StringEqualsIfExists', variable: 'codecommit:References', values: ['refs/heads/main'] },
          { test: 'Null', variable: 'codecommit:References', values: ['false'] },
        ],
      },
    ]);
    expect(t.resource('aws_iam_policy', 'protect/deny-direct-changes-policy')).toMatchObject({
      name: `${t.ref('aws_codecommit_repository', 'repo/repository', 'repository_name')}-main-protection`,
      policy: t.dataRef('aws_iam_policy_document', 'protect/deny-direct-changes'),
    });
  });

  const base: BranchProtectionProps = {
    ...codeCommitRepositoryRef({ region: 'us-east-1', accountId: ACCOUNT, name: 'shop' }),
    accountId: ACCOUNT,
  };
  const cases: Array<BadCase<BranchProtectionProps>> = [
    [
      'no approvals',
      { ...base, requiredApprovals: 0 },
      { path: 'requiredApprovals', value: 0, message: /from 1 to 25/ },
    ],
    [
      '26 approvals',
      { ...base, requiredApprovals: 26 },
      { path: 'requiredApprovals', value: 26, message: /from 1 to 25/ },
    ],
    [
      'a branch with a space',
      { ...base, branch: 'my main' },
      { path: 'branch', value: 'my main', message: /git branch/ },
    ],
    [
      'an S3 ARN for the repository',
      { ...base, repositoryArn: 'arn:aws:s3:::shop' },
      { path: 'repositoryArn', value: 'arn:aws:s3:::shop', message: /CodeCommit repository ARN/ },
    ],
    [
      'a name of 101 characters',
      { ...base, name: 'n'.repeat(101) },
      { path: 'name', value: 'n'.repeat(101), message: /1-100 of/ },
    ],
    ['an empty approver list', { ...base, approverArns: [] }, { path: 'approverArns', value: [], message: /left out/ }],
    [
      'an approver that is no ARN',
      { ...base, approverArns: ['Reviewers'] },
      { path: 'approverArns[0]', value: 'Reviewers', message: /IAM or STS ARN/ },
    ],
  ];
  rejectsEachCase({
    stackName: 'invalid-protections',
    subject: /BranchProtection ".*" props/,
    cases,
    build: (scope, id, props) => new BranchProtection(scope, id, props),
  });
});

describe('RepositoryMirror', () => {
  const stack = testStack();
  const repo = new CodeCommitRepository(stack, 'repo', { name: 'shop', accountId: ACCOUNT });
  new RepositoryMirror(stack, 'mirror', {
    source: repo,
    replica: REPLICA,
    accountId: ACCOUNT,
    jobName: 'shop-mirror',
    kmsKeyArns: { source: repo.kmsKeyArn, replica: REPLICA_KEY },
  });
  new BranchProtection(stack, 'protect', {
    repositoryName: repo.repositoryName,
    repositoryArn: repo.repositoryArn,
    accountId: ACCOUNT,
  });
  const t = Template.fromStack(stack);
  const sourceArn = t.ref('aws_codecommit_repository', 'repo/repository', 'arn');
  const jobArn = t.ref('aws_codebuild_project', 'mirror/job/project', 'arn');

  it('follows every branch and tag change of the source repository', () => {
    const rule = t.resource('aws_cloudwatch_event_rule', 'mirror/rule');
    expect(rule.name).toBe('shop-mirror-on-change');
    expect(JSON.parse(rule.event_pattern as string)).toEqual({
      source: ['aws.codecommit'],
      'detail-type': ['CodeCommit Repository State Change'],
      resources: [sourceArn],
      detail: { event: ['referenceCreated', 'referenceUpdated', 'referenceDeleted'] },
    });
    expect(t.resource('aws_cloudwatch_event_target', 'mirror/target')).toMatchObject({
      rule: t.ref('aws_cloudwatch_event_rule', 'mirror/rule', 'name'),
      arn: jobArn,
      role_arn: t.ref('aws_iam_role', 'mirror/rule-role/role', 'arn'),
    });
  });

  it('starts the job with a role EventBridge assumes for this account, allowed exactly codebuild:StartBuild on it', () => {
    expect(t.dataSource('aws_iam_policy_document', 'mirror/rule-role/trust-policy').statement).toEqual([
      {
        effect: 'Allow',
        actions: ['sts:AssumeRole'],
        principals: [{ type: 'Service', identifiers: ['events.amazonaws.com'] }],
        condition: [{ test: 'StringEquals', variable: 'aws:SourceAccount', values: [ACCOUNT] }],
      },
    ]);
    expect(t.dataSource('aws_iam_policy_document', 'mirror/rule-role/policy').statement).toEqual([
      { sid: 'StartMirrorJob', effect: 'Allow', actions: ['codebuild:StartBuild'], resources: [jobArn] },
    ]);
  });

  it('runs a NO_SOURCE job that mirror-clones the source and mirror-pushes to the replica through the credential helper', () => {
    expect(t.resource('aws_codebuild_project', 'mirror/job/project')).toMatchObject({
      name: 'shop-mirror',
      build_timeout: 15,
      source: { type: 'NO_SOURCE', buildspec: MIRROR_BUILDSPEC },
      artifacts: { type: 'NO_ARTIFACTS' },
      environment: {
        environment_variable: [
          {
            name: 'SOURCE_URL',
            value: t.ref('aws_codecommit_repository', 'repo/repository', 'clone_url_http'),
            type: 'PLAINTEXT',
          },
          {
            name: 'REPLICA_URL',
            value: 'https://git-codecommit.us-west-2.amazonaws.com/v1/repos/shop',
            type: 'PLAINTEXT',
          },
        ],
      },
    });
    expect(t.resource('aws_codebuild_project', 'mirror/job/project').encryption_key).toBeUndefined();
    const commands = MIRROR_BUILDSPEC.split('\n')
      .filter((line) => line.trimStart().startsWith('- '))
      .map((line) => line.trim().slice(2));
    expect(commands).toEqual([
      "git config --global credential.helper '!aws codecommit credential-helper $@'",
      'git config --global credential.UseHttpPath true',
      'git clone --mirror "$SOURCE_URL" source.git',
      'git -C source.git push --mirror "$REPLICA_URL"',
      'git -C source.git fetch --prune origin',
      'git -C source.git push --mirror "$REPLICA_URL"',
    ]);
    expect(t.resource('aws_cloudwatch_log_group', 'mirror/job/log-group').retention_in_days).toBe(30);
  });

  it('lets the job pull the source, push the replica, and use each key only as far as that needs, through CodeCommit', () => {
    const statements = t.dataSource('aws_iam_policy_document', 'mirror/job/role/policy').statement as Statement[];
    const viaCodeCommit = [{ test: 'StringLike', variable: 'kms:ViaService', values: ['codecommit.*'] }];
    expect(statements.slice(1)).toEqual([
      { sid: 'PullSource', effect: 'Allow', actions: ['codecommit:GitPull'], resources: [sourceArn] },
      { sid: 'PushReplica', effect: 'Allow', actions: ['codecommit:GitPush'], resources: [REPLICA.repositoryArn] },
      {
        sid: 'SourceKey',
        effect: 'Allow',
        actions: ['kms:Decrypt', 'kms:DescribeKey'],
        resources: [t.ref('aws_kms_key', 'repo/key/key', 'arn')],
        condition: viaCodeCommit,
      },
      {
        sid: 'ReplicaKey',
        effect: 'Allow',
        actions: [
          'kms:Encrypt',
          'kms:Decrypt',
          'kms:GenerateDataKey',
          'kms:GenerateDataKeyWithoutPlaintext',
          'kms:DescribeKey',
        ],
        resources: [REPLICA_KEY],
        condition: viaCodeCommit,
      },
    ]);
    expect(statements[0]!.sid).toBe('WriteOwnLogs');
  });

  it('passes the guardrails pack with no error, and no warning beyond the log groups on the service key', () => {
    const report = checkStack(
      new StackView(t.json as never, { name: 'codecommit', production: true }),
      blueprintsPack,
      [],
    );
    expect(report.findings.map((finding) => `${finding.rule.id}: ${finding.message}`)).toEqual([
      'logs-group-kms: the log group uses the service-owned key',
    ]);
    // every policy was read: 6 documents (key, deny, two roles' trust and permissions) and the 6 resources holding them
    expect(report.passes.get('iam-known-actions')).toBe(12);
    expect(report.passes.get('kms-key-rotation')).toBe(1);
  });

  const base: RepositoryMirrorProps = {
    source: codeCommitRepositoryRef({ region: 'us-east-1', accountId: ACCOUNT, name: 'shop' }),
    replica: REPLICA,
    accountId: ACCOUNT,
    jobName: 'shop-mirror',
  };
  const cases: Array<BadCase<RepositoryMirrorProps>> = [
    [
      'a replica that is the source',
      { ...base, replica: { ...base.source, region: 'us-east-1' } },
      { path: 'replica.repositoryArn', value: base.source.repositoryArn, message: /must not be the source/ },
    ],
    [
      'a source ARN of another service',
      { ...base, source: { ...base.source, repositoryArn: 'arn:aws:ecr:us-east-1:123456789012:repository/shop' } },
      {
        path: 'source.repositoryArn',
        value: 'arn:aws:ecr:us-east-1:123456789012:repository/shop',
        message: /CodeCommit repository ARN/,
      },
    ],
    [
      'an SSH clone URL',
      { ...base, replica: { ...REPLICA, cloneUrlHttp: 'ssh://git-codecommit.us-west-2.amazonaws.com/v1/repos/shop' } },
      {
        path: 'replica.cloneUrlHttp',
        value: 'ssh://git-codecommit.us-west-2.amazonaws.com/v1/repos/shop',
        message: /HTTPS clone URL/,
      },
    ],
    [
      'a replica without a region',
      { ...base, replica: { ...REPLICA, region: 'west' } },
      { path: 'replica.region', value: 'west', message: /must be an AWS region like us-east-1/ },
    ],
    [
      'a job name of 51 characters',
      { ...base, jobName: 'j'.repeat(51) },
      { path: 'jobName', value: 'j'.repeat(51), message: /at most 50 characters/ },
    ],
    [
      'a job name with a dot',
      { ...base, jobName: 'shop.mirror' },
      { path: 'jobName', value: 'shop.mirror', message: /CodeBuild project name/ },
    ],
    [
      'a 4-day log retention',
      { ...base, logRetentionInDays: 4 },
      { path: 'logRetentionInDays', value: 4, message: /retention period/ },
    ],
    [
      'a replica key that is an alias',
      { ...base, kmsKeyArns: { replica: 'alias/aws/codecommit' } },
      { path: 'kmsKeyArns.replica', value: 'alias/aws/codecommit', message: /KMS key ARN/ },
    ],
  ];
  rejectsEachCase({
    stackName: 'invalid-mirrors',
    subject: /RepositoryMirror ".*" props/,
    cases,
    build: (scope, id, props) => new RepositoryMirror(scope, id, props),
  });
});

describe('CodeBuildProject with source NO_SOURCE', () => {
  const stack = testStack();
  new CodeBuildProject(stack, 'job', {
    name: 'nightly',
    accountId: ACCOUNT,
    buildspec: 'version: 0.2\n',
    source: 'NO_SOURCE',
    kmsKeyArn: KEY,
  });
  const t = Template.fromStack(stack);

  it('has no artifacts, the given key, and a role that may use that key and no artifact store', () => {
    expect(t.resource('aws_codebuild_project', 'job/project')).toMatchObject({
      encryption_key: KEY,
      source: { type: 'NO_SOURCE', buildspec: 'version: 0.2\n' },
      artifacts: { type: 'NO_ARTIFACTS' },
    });
    const statements = t.dataSource('aws_iam_policy_document', 'job/role/policy').statement as Statement[];
    expect(statements.map((statement) => [statement.sid, statement.actions, statement.resources])).toEqual([
      [
        'WriteOwnLogs',
        ['logs:CreateLogStream', 'logs:PutLogEvents'],
        [`${t.ref('aws_cloudwatch_log_group', 'job/log-group', 'arn')}:*`],
      ],
      ['ProjectKey', ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey*', 'kms:DescribeKey'], [KEY]],
    ]);
  });

  const STORE = { bucketArn: 'arn:aws:s3:::acme-artifacts', kmsKeyArn: KEY };
  const base: CodeBuildProjectProps = { name: 'nightly', accountId: ACCOUNT, buildspec: 'x' };
  const cases: Array<BadCase<CodeBuildProjectProps>> = [
    [
      'a pipeline project without artifacts',
      base,
      { path: 'artifacts', value: undefined, message: /required with source CODEPIPELINE/ },
    ],
    [
      'a NO_SOURCE job with artifacts',
      { ...base, source: 'NO_SOURCE', artifacts: STORE },
      { path: 'artifacts', value: STORE, message: /only for source CODEPIPELINE/ },
    ],
    [
      'a pipeline project with its own key',
      { ...base, artifacts: STORE, kmsKeyArn: KEY },
      { path: 'kmsKeyArn', value: KEY, message: /only for source NO_SOURCE/ },
    ],
    [
      'an unknown source',
      { ...base, source: 'S3' as never },
      { path: 'source', value: 'S3', message: /one of CODEPIPELINE, NO_SOURCE/ },
    ],
  ];
  rejectsEachCase({
    stackName: 'invalid-jobs',
    subject: /CodeBuildProject ".*" props/,
    cases,
    build: (scope, id, props) => new CodeBuildProject(scope, id, props),
  });
});
