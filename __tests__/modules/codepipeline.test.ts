/**
 * The codebuild and codepipeline modules: a CodeBuild project (buildspec, environment, log group, key, a role scoped to
 * its log group, the artifacts and the caller's statements), the artifact store (KMS bucket, expiry), a pipeline whose
 * stages and actions are rendered in order with their providers, a role derived from exactly the connections, projects,
 * topics and stores the actions use, and each props-validation error.
 */
import { CodeBuildProject, type CodeBuildProjectProps } from '../../modules/codebuild';
import {
  Pipeline,
  PipelineArtifactStore,
  pipelineRoleStatements,
  validatePipelineProps,
  type CodeCommitSourceAction,
  type EcsBlueGreenDeployAction,
  type EcsDeployAction,
  type PipelineProps,
  type PipelineStageProps,
  type SourceConnectionAction,
} from '../../modules/codepipeline';
import { blueprintsPack, checkStack, failingFindings, StackView } from '../../src/guardrails';
import type { JsonObject } from '../../src/guardrails/stack-view';
import { Template, testStack } from '../helpers/template';
import { rejectsEachCase, type BadCase } from '../helpers/validation';

const ACCOUNT = '123456789012';
const STORE = {
  bucketName: 'acme-artifacts',
  bucketArn: 'arn:aws:s3:::acme-artifacts',
  kmsKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555',
};
const CONNECTION = 'arn:aws:codestar-connections:us-east-1:123456789012:connection/0f1e2d3c';
const TOPIC = 'arn:aws:sns:us-east-1:123456789012:alarms';
const TOPIC_KEY = 'arn:aws:kms:us-east-1:123456789012:key/99999999-2222-3333-4444-555555555555';
const project = (name: string) => ({
  projectName: name,
  projectArn: `arn:aws:codebuild:us-east-1:123456789012:project/${name}`,
});
const STAGES: PipelineStageProps[] = [
  {
    name: 'Source',
    actions: [
      {
        kind: 'source-connection',
        name: 'Source',
        connectionArn: CONNECTION,
        repository: 'acme/infra',
        branch: 'main',
        output: 'source',
      },
    ],
  },
  {
    name: 'Plan',
    actions: [{ kind: 'codebuild', name: 'Plan', ...project('plan'), input: 'source', outputs: ['plan'] }],
  },
  {
    name: 'Approve',
    actions: [
      {
        kind: 'approval',
        name: 'Approve',
        notificationTopicArn: TOPIC,
        notificationTopicKmsKeyArn: TOPIC_KEY,
        summary: 'Review the plan',
      },
    ],
  },
  { name: 'Apply', actions: [{ kind: 'codebuild', name: 'Apply', ...project('apply'), input: 'plan' }] },
];
const PIPELINE: PipelineProps = { name: 'acme-infra', accountId: ACCOUNT, artifactStore: STORE, stages: STAGES };

describe('CodeBuildProject', () => {
  const stack = testStack();
  new CodeBuildProject(stack, 'build', {
    name: 'acme-backend',
    accountId: ACCOUNT,
    buildspec: 'version: 0.2\n',
    artifacts: STORE,
    privilegedMode: true,
    computeType: 'BUILD_GENERAL1_MEDIUM',
    environmentVariables: { REPOSITORY_URI: '123456789012.dkr.ecr.us-east-1.amazonaws.com/acme' },
    statements: [
      { sid: 'Push', actions: ['ecr:PutImage'], resources: ['arn:aws:ecr:us-east-1:123456789012:repository/acme'] },
    ],
  });
  const t = Template.fromStack(stack);

  it('builds from the pipeline with the inline buildspec, the environment and the artifacts key', () => {
    expect(t.resource('aws_codebuild_project', 'build/project')).toMatchObject({
      name: 'acme-backend',
      service_role: t.ref('aws_iam_role', 'build/role/role', 'arn'),
      build_timeout: 60,
      queued_timeout: 480,
      encryption_key: STORE.kmsKeyArn,
      source: { type: 'CODEPIPELINE', buildspec: 'version: 0.2\n' },
      artifacts: { type: 'CODEPIPELINE' },
      environment: {
        type: 'LINUX_CONTAINER',
        compute_type: 'BUILD_GENERAL1_MEDIUM',
        image: 'aws/codebuild/amazonlinux-x86_64-standard:5.0',
        image_pull_credentials_type: 'CODEBUILD',
        privileged_mode: true,
        environment_variable: [
          { name: 'REPOSITORY_URI', value: '123456789012.dkr.ecr.us-east-1.amazonaws.com/acme', type: 'PLAINTEXT' },
        ],
      },
      logs_config: {
        cloudwatch_logs: {
          status: 'ENABLED',
          group_name: t.ref('aws_cloudwatch_log_group', 'build/log-group', 'name'),
        },
      },
    });
    expect(t.resource('aws_cloudwatch_log_group', 'build/log-group')).toMatchObject({
      name: '/aws/codebuild/acme-backend',
      retention_in_days: 30,
    });
  });

  it('has a role CodeBuild assumes for this account, with its logs, the artifacts and the extra statement', () => {
    expect(t.dataSource('aws_iam_policy_document', 'build/role/trust-policy').statement).toEqual([
      {
        effect: 'Allow',
        actions: ['sts:AssumeRole'],
        principals: [{ type: 'Service', identifiers: ['codebuild.amazonaws.com'] }],
        condition: [{ test: 'StringEquals', variable: 'aws:SourceAccount', values: [ACCOUNT] }],
      },
    ]);
    const statements = t.dataSource('aws_iam_policy_document', 'build/role/policy').statement as Array<
      Record<string, unknown>
    >;
    expect(statements.map((statement) => [statement.sid, statement.resources])).toEqual([
      ['WriteOwnLogs', [`${t.ref('aws_cloudwatch_log_group', 'build/log-group', 'arn')}:*`]],
      ['PipelineArtifacts', [`${STORE.bucketArn}/*`]],
      ['PipelineArtifactsBucket', [STORE.bucketArn]],
      ['PipelineArtifactsKey', [STORE.kmsKeyArn]],
      ['Push', ['arn:aws:ecr:us-east-1:123456789012:repository/acme']],
    ]);
  });
});

describe('PipelineArtifactStore', () => {
  const stack = testStack();
  new PipelineArtifactStore(stack, 'store', { bucketName: 'acme-artifacts', accountId: ACCOUNT });
  const t = Template.fromStack(stack);

  it('is a KMS-encrypted bucket with its own key whose artifacts expire after 30 days', () => {
    expect(t.resource('aws_s3_bucket_server_side_encryption_configuration', 'store/bucket/encryption').rule).toEqual([
      {
        apply_server_side_encryption_by_default: {
          sse_algorithm: 'aws:kms',
          kms_master_key_id: t.ref('aws_kms_key', 'store/key/key', 'arn'),
        },
        bucket_key_enabled: true,
      },
    ]);
    const rules = t.resource('aws_s3_bucket_lifecycle_configuration', 'store/bucket/lifecycle').rule as Array<
      Record<string, unknown>
    >;
    expect(rules[0]).toMatchObject({ id: 'expire-artifacts', expiration: [{ days: 30 }] });
    expect(t.resource('aws_kms_alias', 'store/key/alias').name).toBe('alias/pipeline-artifacts/acme-artifacts');
  });
});

describe('Pipeline Source → Plan → Approve → Apply', () => {
  const stack = testStack();
  new Pipeline(stack, 'pipeline', { ...PIPELINE, executionMode: 'QUEUED' });
  const t = Template.fromStack(stack);
  const pipeline = t.resource('aws_codepipeline', 'pipeline/pipeline');

  it('is a V2 pipeline with the KMS artifact store, queued runs', () => {
    expect(pipeline).toMatchObject({
      name: 'acme-infra',
      pipeline_type: 'V2',
      execution_mode: 'QUEUED',
      role_arn: t.ref('aws_iam_role', 'pipeline/role/role', 'arn'),
      artifact_store: [
        { type: 'S3', location: 'acme-artifacts', encryption_key: { id: STORE.kmsKeyArn, type: 'KMS' } },
      ],
    });
  });

  it('renders the stages in order with each action provider and configuration', () => {
    expect(pipeline.stage).toEqual([
      {
        name: 'Source',
        action: [
          {
            name: 'Source',
            category: 'Source',
            owner: 'AWS',
            provider: 'CodeStarSourceConnection',
            version: '1',
            output_artifacts: ['source'],
            configuration: {
              ConnectionArn: CONNECTION,
              FullRepositoryId: 'acme/infra',
              BranchName: 'main',
              DetectChanges: 'true',
              OutputArtifactFormat: 'CODE_ZIP',
            },
          },
        ],
      },
      {
        name: 'Plan',
        action: [
          {
            name: 'Plan',
            category: 'Build',
            owner: 'AWS',
            provider: 'CodeBuild',
            version: '1',
            input_artifacts: ['source'],
            output_artifacts: ['plan'],
            run_order: 1,
            configuration: { ProjectName: 'plan' },
          },
        ],
      },
      {
        name: 'Approve',
        action: [
          {
            name: 'Approve',
            category: 'Approval',
            owner: 'AWS',
            provider: 'Manual',
            version: '1',
            configuration: { NotificationArn: TOPIC, CustomData: 'Review the plan' },
          },
        ],
      },
      {
        name: 'Apply',
        action: [
          {
            name: 'Apply',
            category: 'Build',
            owner: 'AWS',
            provider: 'CodeBuild',
            version: '1',
            input_artifacts: ['plan'],
            run_order: 1,
            configuration: { ProjectName: 'apply' },
          },
        ],
      },
    ]);
  });

  it('may use exactly the connection, the two projects, the topic and its key, and the store', () => {
    const statements = t.dataSource('aws_iam_policy_document', 'pipeline/role/policy').statement as Array<
      Record<string, unknown>
    >;
    expect(statements.map((statement) => [statement.sid, statement.actions, statement.resources])).toEqual([
      [
        'Artifacts',
        ['s3:GetObject', 's3:GetObjectVersion', 's3:PutObject', 's3:PutObjectAcl'],
        [`${STORE.bucketArn}/*`],
      ],
      ['ArtifactBuckets', ['s3:GetBucketVersioning', 's3:GetBucketLocation', 's3:ListBucket'], [STORE.bucketArn]],
      ['ArtifactKeys', ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey*', 'kms:DescribeKey'], [STORE.kmsKeyArn]],
      ['SourceConnections', ['codestar-connections:UseConnection'], [CONNECTION]],
      [
        'Builds',
        ['codebuild:StartBuild', 'codebuild:BatchGetBuilds', 'codebuild:StopBuild'],
        [project('plan').projectArn, project('apply').projectArn],
      ],
      ['ApprovalNotifications', ['sns:Publish'], [TOPIC]],
      ['ApprovalNotificationKeys', ['kms:GenerateDataKey*', 'kms:Decrypt'], [TOPIC_KEY]],
    ]);
    expect(t.dataSource('aws_iam_policy_document', 'pipeline/role/trust-policy').statement).toEqual([
      {
        effect: 'Allow',
        actions: ['sts:AssumeRole'],
        principals: [{ type: 'Service', identifiers: ['codepipeline.amazonaws.com'] }],
        condition: [{ test: 'StringEquals', variable: 'aws:SourceAccount', values: [ACCOUNT] }],
      },
    ]);
  });
});

describe('Pipeline with a cross-region action', () => {
  const stack = testStack();
  const west = { ...STORE, bucketName: 'acme-artifacts-west', bucketArn: 'arn:aws:s3:::acme-artifacts-west' };
  new Pipeline(stack, 'pipeline', {
    ...PIPELINE,
    region: 'us-east-1',
    regionalArtifactStores: { 'us-west-2': west },
    stages: [
      STAGES[0]!,
      {
        name: 'Deploy',
        actions: [{ kind: 'codebuild', name: 'West', ...project('west'), input: 'source', region: 'us-west-2' }],
      },
    ],
  });
  const t = Template.fromStack(stack);

  it('names one artifact store per region', () => {
    const stores = t.resource('aws_codepipeline', 'pipeline/pipeline').artifact_store as Array<Record<string, unknown>>;
    expect(stores.map((store) => [store.location, store.region])).toEqual([
      ['acme-artifacts', 'us-east-1'],
      ['acme-artifacts-west', 'us-west-2'],
    ]);
  });
});

describe("Pipeline with the other region's store named by its key alias", () => {
  const alias = 'alias/pipeline-artifacts/acme-artifacts-west';
  const west = {
    bucketName: 'acme-artifacts-west',
    bucketArn: 'arn:aws:s3:::acme-artifacts-west',
    kmsKeyArn: `arn:aws:kms:us-west-2:${ACCOUNT}:${alias}`,
  };
  const statements = pipelineRoleStatements({
    ...PIPELINE,
    region: 'us-east-1',
    regionalArtifactStores: { 'us-west-2': west },
    stages: [
      STAGES[0]!,
      {
        name: 'Deploy',
        actions: [{ kind: 'codebuild', name: 'West', ...project('west'), input: 'source', region: 'us-west-2' }],
      },
    ],
  });

  it('grants its own store key by ARN and the alias-named key as the key of that region carrying the alias', () => {
    expect(statements.filter((statement) => statement.sid?.startsWith('ArtifactKeys'))).toEqual([
      {
        sid: 'ArtifactKeys',
        actions: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
        resources: [STORE.kmsKeyArn],
      },
      {
        sid: 'ArtifactKeysByAlias0',
        actions: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
        resources: [`arn:aws:kms:us-west-2:${ACCOUNT}:key/*`],
        conditions: [{ test: 'ForAnyValue:StringEquals', variable: 'kms:ResourceAliases', values: [alias] }],
      },
    ]);
  });

  it('refuses a regional store key that is neither a key nor an alias ARN, naming the region', () => {
    const issues = validatePipelineProps({
      ...PIPELINE,
      region: 'us-east-1',
      regionalArtifactStores: { 'us-west-2': { ...west, kmsKeyArn: 'pipeline-artifacts' } },
    });
    expect(issues).toContainEqual({
      path: 'regionalArtifactStores.us-west-2.kmsKeyArn',
      value: 'pipeline-artifacts',
      message: expect.stringMatching(/or an alias ARN/),
    });
  });
});

const REPOSITORY_ARN = 'arn:aws:codecommit:us-east-1:123456789012:web';
const WEST_STORE = { ...STORE, bucketName: 'acme-artifacts-west', bucketArn: 'arn:aws:s3:::acme-artifacts-west' };
const TASK_ROLE = 'arn:aws:iam::123456789012:role/web-task';
const EXECUTION_ROLE = 'arn:aws:iam::123456789012:role/web-execution';
const SERVICE_ARN = 'arn:aws:ecs:us-east-1:123456789012:service/web/api';
const CODECOMMIT_SOURCE: CodeCommitSourceAction = {
  kind: 'source-codecommit',
  name: 'Source',
  repositoryName: 'web',
  repositoryArn: REPOSITORY_ARN,
  branch: 'main',
  output: 'source',
};
const ECS_DEPLOY: EcsDeployAction = {
  kind: 'ecs-deploy',
  name: 'Primary',
  clusterName: 'web',
  serviceName: 'api',
  serviceArn: SERVICE_ARN,
  input: 'image',
  passRoleArns: [TASK_ROLE, EXECUTION_ROLE],
};
const BLUE_GREEN: EcsBlueGreenDeployAction = {
  kind: 'ecs-blue-green',
  name: 'Secondary',
  applicationName: 'web',
  applicationArn: 'arn:aws:codedeploy:us-west-2:123456789012:application:web',
  deploymentGroupName: 'api',
  deploymentGroupArn: 'arn:aws:codedeploy:us-west-2:123456789012:deploymentgroup:web/api',
  deploymentConfigArn: 'arn:aws:codedeploy:us-west-2:123456789012:deploymentconfig:CodeDeployDefault.ECSAllAtOnce',
  input: 'image',
  passRoleArns: [TASK_ROLE, EXECUTION_ROLE],
  taskDefinitionFamily: 'web-api',
  region: 'us-west-2',
};
const DEPLOY_PIPELINE: PipelineProps = {
  name: 'web-release',
  accountId: ACCOUNT,
  artifactStore: STORE,
  region: 'us-east-1',
  regionalArtifactStores: { 'us-west-2': WEST_STORE },
  stages: [
    { name: 'Source', actions: [CODECOMMIT_SOURCE] },
    {
      name: 'Build',
      actions: [{ kind: 'codebuild', name: 'Image', ...project('image'), input: 'source', outputs: ['image'] }],
    },
    { name: 'Primary', actions: [ECS_DEPLOY] },
    { name: 'Approve', actions: [{ kind: 'approval', name: 'Approve' }] },
    { name: 'Secondary', actions: [BLUE_GREEN] },
  ],
};

describe('Pipeline CodeCommit → Build → ECS deploy → Approve → cross-region blue/green', () => {
  const stack = testStack();
  const pipeline = new Pipeline(stack, 'pipeline', DEPLOY_PIPELINE);
  const t = Template.fromStack(stack);
  const stages = t.resource('aws_codepipeline', 'pipeline/pipeline').stage as Array<{
    name: string;
    action: Array<Record<string, unknown>>;
  }>;
  const action = (stage: string) => stages.find((candidate) => candidate.name === stage)!.action[0];

  it('reads the CodeCommit branch without polling', () => {
    expect(action('Source')).toEqual({
      name: 'Source',
      category: 'Source',
      owner: 'AWS',
      provider: 'CodeCommit',
      version: '1',
      output_artifacts: ['source'],
      configuration: {
        RepositoryName: 'web',
        BranchName: 'main',
        PollForSourceChanges: 'false',
        OutputArtifactFormat: 'CODE_ZIP',
      },
    });
  });

  it('rolls the ECS service from imagedefinitions.json', () => {
    expect(action('Primary')).toEqual({
      name: 'Primary',
      category: 'Deploy',
      owner: 'AWS',
      provider: 'ECS',
      version: '1',
      input_artifacts: ['image'],
      run_order: 1,
      configuration: { ClusterName: 'web', ServiceName: 'api', FileName: 'imagedefinitions.json' },
    });
  });

  it('deploys blue/green through CodeDeploy in the other region from the template, AppSpec and image', () => {
    expect(action('Secondary')).toEqual({
      name: 'Secondary',
      category: 'Deploy',
      owner: 'AWS',
      provider: 'CodeDeployToECS',
      version: '1',
      input_artifacts: ['image'],
      run_order: 1,
      region: 'us-west-2',
      configuration: {
        ApplicationName: 'web',
        DeploymentGroupName: 'api',
        TaskDefinitionTemplateArtifact: 'image',
        TaskDefinitionTemplatePath: 'taskdef.json',
        AppSpecTemplateArtifact: 'image',
        AppSpecTemplatePath: 'appspec.yaml',
        Image1ArtifactName: 'image',
        Image1ContainerName: 'IMAGE1_NAME',
      },
    });
  });

  it('may read the repository, deploy exactly the group and service, and pass the task roles to ECS tasks only', () => {
    const TASK_DEFINITIONS = [
      'arn:aws:ecs:us-east-1:123456789012:task-definition/*:*',
      'arn:aws:ecs:us-west-2:123456789012:task-definition/web-api:*',
    ];
    const statements = t.dataSource('aws_iam_policy_document', 'pipeline/role/policy').statement as Array<
      Record<string, unknown>
    >;
    expect(statements.slice(4).map((statement) => [statement.sid, statement.actions, statement.resources])).toEqual([
      [
        'SourceRepositories',
        [
          'codecommit:GetBranch',
          'codecommit:GetCommit',
          'codecommit:UploadArchive',
          'codecommit:GetUploadArchiveStatus',
          'codecommit:CancelUploadArchive',
        ],
        [REPOSITORY_ARN],
      ],
      ['Deployments', ['codedeploy:CreateDeployment', 'codedeploy:GetDeployment'], [BLUE_GREEN.deploymentGroupArn]],
      [
        'DeploymentApplications',
        ['codedeploy:GetApplication', 'codedeploy:GetApplicationRevision', 'codedeploy:RegisterApplicationRevision'],
        [BLUE_GREEN.applicationArn],
      ],
      ['DeploymentConfigs', ['codedeploy:GetDeploymentConfig'], [BLUE_GREEN.deploymentConfigArn]],
      ['EcsServices', ['ecs:DescribeServices', 'ecs:UpdateService'], [SERVICE_ARN]],
      ['EcsDeploymentTasks', ['ecs:DescribeTasks'], ['arn:aws:ecs:us-east-1:123456789012:task/web/*']],
      ['EcsListTasks', ['ecs:ListTasks'], ['arn:aws:ecs:us-east-1:123456789012:container-instance/web/*']],
      ['RegisterTaskDefinitions', ['ecs:RegisterTaskDefinition'], TASK_DEFINITIONS],
      ['TagRegisteredTaskDefinitions', ['ecs:TagResource'], TASK_DEFINITIONS],
      ['ReadTaskDefinitions', ['ecs:DescribeTaskDefinition'], ['*']],
      ['PassTaskRoles', ['iam:PassRole'], [TASK_ROLE, EXECUTION_ROLE]],
    ]);
    expect(statements.at(-1)!.condition).toEqual([
      { test: 'StringEquals', variable: 'iam:PassedToService', values: ['ecs-tasks.amazonaws.com'] },
    ]);
    const conditionOf = (sid: string) => statements.find((statement) => statement.sid === sid)!.condition;
    expect(conditionOf('EcsListTasks')).toEqual([
      { test: 'ArnEquals', variable: 'ecs:cluster', values: ['arn:aws:ecs:us-east-1:123456789012:cluster/web'] },
    ]);
    expect(conditionOf('TagRegisteredTaskDefinitions')).toEqual([
      { test: 'StringEquals', variable: 'ecs:CreateAction', values: ['RegisterTaskDefinition'] },
    ]);
  });

  it('starts on pushes to the branch through an EventBridge rule and a role that may start only this pipeline', () => {
    expect(pipeline.sourceTriggers).toHaveLength(1);
    const rule = t.resource('aws_cloudwatch_event_rule', 'pipeline/source-trigger-0');
    expect(rule.name).toBe('web-release-Source');
    expect(JSON.parse(rule.event_pattern as string)).toEqual({
      source: ['aws.codecommit'],
      'detail-type': ['CodeCommit Repository State Change'],
      resources: [REPOSITORY_ARN],
      detail: { event: ['referenceCreated', 'referenceUpdated'], referenceType: ['branch'], referenceName: ['main'] },
    });
    expect(t.resource('aws_cloudwatch_event_target', 'pipeline/source-trigger-0-target')).toMatchObject({
      rule: t.ref('aws_cloudwatch_event_rule', 'pipeline/source-trigger-0', 'name'),
      arn: t.ref('aws_codepipeline', 'pipeline/pipeline', 'arn'),
      role_arn: t.ref('aws_iam_role', 'pipeline/source-trigger-role/role', 'arn'),
    });
    expect(t.dataSource('aws_iam_policy_document', 'pipeline/source-trigger-role/trust-policy').statement).toEqual([
      {
        effect: 'Allow',
        actions: ['sts:AssumeRole'],
        principals: [{ type: 'Service', identifiers: ['events.amazonaws.com'] }],
        condition: [{ test: 'StringEquals', variable: 'aws:SourceAccount', values: [ACCOUNT] }],
      },
    ]);
    expect(t.dataSource('aws_iam_policy_document', 'pipeline/source-trigger-role/policy').statement).toEqual([
      {
        sid: 'StartPipeline',
        effect: 'Allow',
        actions: ['codepipeline:StartPipelineExecution'],
        resources: [t.ref('aws_codepipeline', 'pipeline/pipeline', 'arn')],
      },
    ]);
  });

  it('passes the guardrail pack as a production stack', () => {
    const report = checkStack(
      new StackView(t.json as JsonObject, { name: 'test', production: true }),
      blueprintsPack,
      [],
    );
    expect(failingFindings(report).map((finding) => `${finding.rule.id}: ${finding.message}`)).toEqual([]);
    expect(report.passes.get('iam-no-wildcard-resource')).toBeGreaterThan(0);
    expect(report.passes.get('iam-no-privilege-escalation')).toBeGreaterThan(0);
  });
});

describe('Pipeline without a CodeCommit source', () => {
  const stack = testStack();
  const pipeline = new Pipeline(stack, 'pipeline', PIPELINE);

  it('has no trigger rule', () => {
    expect(pipeline.sourceTriggers).toEqual([]);
    expect(Template.fromStack(stack).count('aws_cloudwatch_event_rule')).toBe(0);
  });
});

describe('CodeBuildProject and Pipeline props validation', () => {
  const build: CodeBuildProjectProps = { name: 'acme-build', accountId: ACCOUNT, buildspec: 'x', artifacts: STORE };
  const buildCases: Array<BadCase<CodeBuildProjectProps>> = [
    ['a one-character name', { ...build, name: 'b' }, { path: 'name', value: 'b', message: /CodeBuild project name/ }],
    [
      'a compute type Linux container builds lack',
      { ...build, computeType: 'BUILD_LAMBDA_1GB' as never },
      { path: 'computeType', value: 'BUILD_LAMBDA_1GB', message: /must be one of BUILD_GENERAL1_SMALL/ },
    ],
    [
      'a 3-minute timeout',
      { ...build, timeoutMinutes: 3 },
      { path: 'timeoutMinutes', value: 3, message: /from 5 to 2160/ },
    ],
    [
      'a variable CodeBuild sets',
      { ...build, environmentVariables: { CODEBUILD_SRC_DIR: '/tmp' } },
      { path: 'environmentVariables.CODEBUILD_SRC_DIR', value: 'CODEBUILD_SRC_DIR', message: /CodeBuild sets those/ },
    ],
  ];
  rejectsEachCase({
    stackName: 'invalid-builds',
    subject: /CodeBuildProject ".*" props/,
    cases: buildCases,
    build: (stack, id, props) => new CodeBuildProject(stack, id, props),
  });

  const [source, plan, approve, apply] = STAGES as [
    PipelineStageProps,
    PipelineStageProps,
    PipelineStageProps,
    PipelineStageProps,
  ];
  const cases: Array<BadCase<PipelineProps>> = [
    [
      'a build reading an artifact no earlier action makes',
      { ...PIPELINE, stages: [source, apply] },
      { path: 'stages[1].actions[0].input', value: 'plan', message: /not the output of an action in an earlier stage/ },
    ],
    [
      'a first stage without a source action',
      { ...PIPELINE, stages: [approve, plan] },
      [
        { path: 'stages[0].actions[0]', value: 'approval', message: /must be a source action/ },
        { path: 'stages[1].actions[0].input', value: 'source', message: /not the output/ },
      ],
    ],
    [
      'a repository with a wildcard',
      {
        ...PIPELINE,
        stages: [
          { name: 'Source', actions: [{ ...(source.actions[0] as SourceConnectionAction), repository: 'acme/*' }] },
          plan,
        ],
      },
      { path: 'stages[0].actions[0].repository', value: 'acme/*', message: /owner\/name of one repository/ },
    ],
    [
      'only a source stage',
      { ...PIPELINE, stages: [source] },
      { path: 'stages', value: ['Source'], message: /one more/ },
    ],
    [
      'a CodeCommit source after the first stage',
      { ...DEPLOY_PIPELINE, stages: [source, { name: 'More', actions: [{ ...CODECOMMIT_SOURCE, output: 'more' }] }] },
      { path: 'stages[1].actions[0]', value: 'source-codecommit', message: /only the first stage holds them/ },
    ],
    [
      'a CodeCommit repository name ending in .git',
      {
        ...DEPLOY_PIPELINE,
        stages: [
          { name: 'Source', actions: [{ ...CODECOMMIT_SOURCE, repositoryName: 'web.git' }] },
          ...DEPLOY_PIPELINE.stages.slice(1),
        ],
      },
      { path: 'stages[0].actions[0].repositoryName', value: 'web.git', message: /CodeCommit repository name/ },
    ],
    [
      'a deploy reading an artifact no earlier action makes',
      { ...DEPLOY_PIPELINE, stages: [DEPLOY_PIPELINE.stages[0]!, { name: 'Primary', actions: [ECS_DEPLOY] }] },
      {
        path: 'stages[1].actions[0].input',
        value: 'image',
        message: /not the output of an action in an earlier stage/,
      },
    ],
    [
      'a blue/green deploy to a region without an artifact store',
      {
        ...DEPLOY_PIPELINE,
        regionalArtifactStores: {},
        stages: DEPLOY_PIPELINE.stages.slice(0, 2).concat([{ name: 'Secondary', actions: [BLUE_GREEN] }]),
      },
      { path: 'stages[2].actions[0].region', value: 'us-west-2', message: /has no artifact store/ },
    ],
    [
      'an ECS deploy that passes no roles',
      {
        ...DEPLOY_PIPELINE,
        stages: DEPLOY_PIPELINE.stages
          .slice(0, 2)
          .concat([{ name: 'Primary', actions: [{ ...ECS_DEPLOY, passRoleArns: [] }] }]),
      },
      { path: 'stages[2].actions[0].passRoleArns', value: [], message: /task and execution role ARNs/ },
    ],
    [
      'an image placeholder in angle brackets',
      {
        ...DEPLOY_PIPELINE,
        stages: DEPLOY_PIPELINE.stages
          .slice(0, 2)
          .concat([{ name: 'Secondary', actions: [{ ...BLUE_GREEN, imagePlaceholder: '<IMAGE1_NAME>' }] }]),
      },
      { path: 'stages[2].actions[0].imagePlaceholder', value: '<IMAGE1_NAME>', message: /without angle brackets/ },
    ],
  ];
  rejectsEachCase({
    subject: /Pipeline ".*" props/,
    cases,
    build: (stack, id, props) => new Pipeline(stack, id, props),
  });
});
