/**
 * CodePipeline (V2) from typed stages and actions, with a role derived from the actions: it may use exactly the
 * source connections, start exactly the CodeBuild projects, publish to exactly the approval topics and read and write
 * exactly the artifact stores the stages name.
 *
 * - `PipelineArtifactStore`: a versioned, public-access-blocked, TLS-only bucket encrypted with its own customer
 *   managed key; artifacts expire after `expireAfterDays`. One store serves several pipelines of a region; a pipeline
 *   with cross-region actions names one store per region.
 * - `Pipeline`: the stages in order. Action kinds:
 *
 * | kind                | category / provider                         | what it does                                        |
 * | ------------------- | ------------------------------------------- | --------------------------------------------------- |
 * | `source-connection` | Source / CodeStarSourceConnection           | a branch of a GitHub/Bitbucket/GitLab repository    |
 * | `source-codecommit` | Source / CodeCommit                         | a branch of a CodeCommit repository, started by an  |
 * |                     |                                             | EventBridge rule on pushes (no polling)             |
 * | `codebuild`         | Build (or Test) / CodeBuild                 | runs a project on an input artifact                 |
 * | `approval`          | Approval / Manual                           | waits for a person; notifies an SNS topic           |
 * | `ecs-deploy`        | Deploy / ECS                                | rolling update of a service from imagedefinitions   |
 * | `ecs-blue-green`    | Deploy / CodeDeployToECS                    | CodeDeploy blue/green: registers the task definition|
 * |                     |                                             | template with the image, deploys it with the AppSpec|
 *
 * The source stage comes first and holds only source actions; every input artifact is the output of an earlier action.
 * A build or deploy action with a `region` runs there and needs an artifact store of that region.
 *
 * The role of a deploy action may: describe and update exactly its service (ECS) or create deployments of exactly its
 * deployment group, read its application and config (CodeDeploy); register task definitions of the named family
 * (default: any family of the account in that region) and describe task definitions (AWS authorizes that read on `*`
 * only); pass exactly the listed task roles, and only to ECS tasks.
 *
 * Each `source-codecommit` action gets an EventBridge rule on the branch's `referenceCreated`/`referenceUpdated`
 * events whose target starts the pipeline through a role allowed exactly `codepipeline:StartPipelineExecution` on it
 * (`sourceTriggers`, one rule per action, and `sourceTriggerRole`).
 * A CodeStar connection is created PENDING: someone with access to the repository host completes it once in the console
 * (Developer Tools → Settings → Connections) before the first run.
 */
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { Codepipeline, type CodepipelineStageAction } from '@cdktf/provider-aws/lib/codepipeline';
import { Construct } from 'constructs';
import { checkPassRoleArns, passRolesToEcsTasks } from '../codedeploy';
import { awsPartition, checkInteger, checkKmsKeyArn, isLiteral } from '../core/checks';
import { CustomerManagedKey, keyUseStatements } from '../core/kms-key';
import { SecureBucket } from '../core/secure-bucket';
import { ServiceRole, type PolicyStatement } from '../core/service-role';
import { assertNoIssues, joinPath, type ValidationIssue } from '../core/validation';

export interface PipelineArtifactStoreProps {
  /** The bucket's name (S3 naming). Required. */
  readonly bucketName: string;
  /** The account owning the bucket and key. Required. */
  readonly accountId: string;
  /** Days an artifact is kept. Default: 30. */
  readonly expireAfterDays?: number;
  /** Tags beside the provider's default tags. Default: none. */
  readonly tags?: Readonly<Record<string, string>>;
}

/** What a pipeline needs of an artifact store. */
export interface ArtifactStoreRef {
  readonly bucketName: string;
  readonly bucketArn: string;
  /**
   * The store's key: its ARN, or (for a store another stack owns, e.g. in another region) its alias ARN
   * `arn:aws:kms:<region>:<account>:alias/<name>`; the role is then granted the key that carries the alias.
   */
  readonly kmsKeyArn: string;
}

/** A bucket and key for pipeline artifacts. */
export class PipelineArtifactStore extends Construct implements ArtifactStoreRef {
  readonly key: CustomerManagedKey;
  readonly bucket: SecureBucket;
  readonly bucketName: string;
  readonly bucketArn: string;
  readonly kmsKeyArn: string;

  constructor(scope: Construct, id: string, props: PipelineArtifactStoreProps) {
    super(scope, id);
    const expireAfterDays = props.expireAfterDays ?? 30;
    assertNoIssues(
      `PipelineArtifactStore "${this.node.path}" props`,
      checkInteger('expireAfterDays', expireAfterDays, 1, 3650, 'a whole number of days'),
    );
    this.key = new CustomerManagedKey(this, 'key', {
      description: `Pipeline artifacts in ${props.bucketName}`,
      alias: `pipeline-artifacts/${props.bucketName.replace(/\./g, '-')}`,
      accountId: props.accountId,
      tags: props.tags,
    });
    this.bucket = new SecureBucket(this, 'bucket', {
      bucketName: props.bucketName,
      encryption: { algorithm: 'aws:kms', kmsKeyArn: this.key.keyArn },
      lifecycleRules: [
        { id: 'expire-artifacts', expirationDays: expireAfterDays, noncurrentVersionExpirationDays: 7 },
        { id: 'abort-incomplete-multipart-uploads', abortIncompleteMultipartUploadDays: 7 },
      ],
      tags: props.tags,
    });
    this.bucketName = this.bucket.bucketName;
    this.bucketArn = this.bucket.bucketArn;
    this.kmsKeyArn = this.key.keyArn;
  }
}

/** A branch of a repository behind a CodeStar (CodeConnections) connection. */
export interface SourceConnectionAction {
  readonly kind: 'source-connection';
  /** The action's name. Required. */
  readonly name: string;
  /** The connection's ARN. Required. */
  readonly connectionArn: string;
  /** `owner/name` of the repository. Required. */
  readonly repository: string;
  /** The branch to build. Required. */
  readonly branch: string;
  /** Name of the output artifact. Required. */
  readonly output: string;
  /** Start the pipeline on every push to the branch. Default: true. */
  readonly detectChanges?: boolean;
}

/** A CodeBuild project run on an input artifact. */
export interface CodeBuildAction {
  readonly kind: 'codebuild';
  readonly name: string;
  /** The project's name and ARN. Required. */
  readonly projectName: string;
  readonly projectArn: string;
  /** Input artifact (the primary source of the build). Required. */
  readonly input: string;
  /** Output artifacts. Default: none. */
  readonly outputs?: readonly string[];
  /** `Build` or `Test`. Default: `Build`. */
  readonly category?: 'Build' | 'Test';
  /** Order within the stage (same number: in parallel). Default: 1. */
  readonly runOrder?: number;
  /** Region of the project, for a cross-region action (needs an artifact store there). Default: the pipeline's. */
  readonly region?: string;
}

/** A person approves before the pipeline goes on. */
export interface ApprovalAction {
  readonly kind: 'approval';
  readonly name: string;
  /** SNS topic notified when approval is needed. Default: none. */
  readonly notificationTopicArn?: string;
  /** KMS key of that topic, if encrypted: the pipeline role may generate data keys with it. Default: none. */
  readonly notificationTopicKmsKeyArn?: string;
  /** What the approver is asked. Default: none. */
  readonly summary?: string;
}

/** A branch of a CodeCommit repository; the pipeline starts on pushes through an EventBridge rule (no polling). */
export interface CodeCommitSourceAction {
  readonly kind: 'source-codecommit';
  readonly name: string;
  /** The repository's name (in the pipeline's region). Required. */
  readonly repositoryName: string;
  /** The repository's ARN (the role's and the trigger rule's resource). Required. */
  readonly repositoryArn: string;
  /** The branch to build. Required. */
  readonly branch: string;
  /** Name of the output artifact. Required. */
  readonly output: string;
  /**
   * The repository's customer managed key, if it has one: the role may decrypt with it through CodeCommit. Default:
   * none (the AWS managed `aws/codecommit` key).
   */
  readonly kmsKeyArn?: string;
}

/** CodeDeploy ECS blue/green (provider CodeDeployToECS). */
export interface EcsBlueGreenDeployAction {
  readonly kind: 'ecs-blue-green';
  readonly name: string;
  /** The CodeDeploy application's name and ARN. Required. */
  readonly applicationName: string;
  readonly applicationArn: string;
  /** The deployment group's name and ARN. Required. */
  readonly deploymentGroupName: string;
  readonly deploymentGroupArn: string;
  /** ARN of the deployment config the group uses (for codedeploy:GetDeploymentConfig). Required. */
  readonly deploymentConfigArn: string;
  /** Artifact holding the task definition template, the AppSpec and imageDetail.json. Required. */
  readonly input: string;
  /** Path of the task definition template in the input. Default: 'taskdef.json'. */
  readonly taskDefinitionPath?: string;
  /** Path of the AppSpec in the input. Default: 'appspec.yaml'. */
  readonly appSpecPath?: string;
  /** Placeholder in the task definition template replaced by the image URI. Default: 'IMAGE1_NAME'. */
  readonly imagePlaceholder?: string;
  /** Roles the new task definition names (task and execution role): iam:PassRole to ecs-tasks only. Required. */
  readonly passRoleArns: readonly string[];
  /** Family of the task definitions registered (the role's scope). Default: any family of the account and region. */
  readonly taskDefinitionFamily?: string;
  /** Region of the deployment group, for a cross-region action (needs an artifact store there). Default: the pipeline's. */
  readonly region?: string;
  /** Order within the stage (same number: in parallel). Default: 1. */
  readonly runOrder?: number;
}

/** Standard ECS rolling deploy (provider ECS) from imagedefinitions.json. */
export interface EcsDeployAction {
  readonly kind: 'ecs-deploy';
  readonly name: string;
  /** The service's cluster and name, and its ARN. Required. */
  readonly clusterName: string;
  readonly serviceName: string;
  readonly serviceArn: string;
  /** Artifact holding the image definitions file. Required. */
  readonly input: string;
  /** Path of the image definitions file in the input. Default: 'imagedefinitions.json'. */
  readonly imageDefinitionsPath?: string;
  /** The service's task and execution roles: iam:PassRole to ecs-tasks only. Required. */
  readonly passRoleArns: readonly string[];
  /** Family of the service's task definition (the role's scope). Default: any family of the account and region. */
  readonly taskDefinitionFamily?: string;
  /** Region of the service, for a cross-region action (needs an artifact store there). Default: the pipeline's. */
  readonly region?: string;
  /** Order within the stage (same number: in parallel). Default: 1. */
  readonly runOrder?: number;
}

export type PipelineAction =
  | SourceConnectionAction
  | CodeCommitSourceAction
  | CodeBuildAction
  | ApprovalAction
  | EcsDeployAction
  | EcsBlueGreenDeployAction;

type DeployAction = EcsDeployAction | EcsBlueGreenDeployAction;

export interface PipelineStageProps {
  /** The stage's name, unique in the pipeline. Required. */
  readonly name: string;
  /** Its actions. Required, at least one. */
  readonly actions: readonly PipelineAction[];
}

export interface PipelineProps {
  /** The pipeline's name, 1-100 of letters, digits, `.`, `@`, `-` and `_`; also names its role. Required. */
  readonly name: string;
  /** The account the pipeline runs in (the role's `aws:SourceAccount`). Required. */
  readonly accountId: string;
  /** The artifact store of the pipeline's region. Required. */
  readonly artifactStore: ArtifactStoreRef;
  /** Stores of other regions, for cross-region actions, by region. Default: none. */
  readonly regionalArtifactStores?: Readonly<Record<string, ArtifactStoreRef>>;
  /** The pipeline's region (the default store's), needed with regionalArtifactStores. Default: none. */
  readonly region?: string;
  /** Stages in order: the first holds the source actions. Required, at least two. */
  readonly stages: readonly PipelineStageProps[];
  /** `QUEUED` (each run finishes), `SUPERSEDED` (a newer run replaces a waiting one) or `PARALLEL`. Default: `SUPERSEDED`. */
  readonly executionMode?: 'QUEUED' | 'SUPERSEDED' | 'PARALLEL';
  /** Tags beside the provider's default tags. Default: none. */
  readonly tags?: Readonly<Record<string, string>>;
}

export class Pipeline extends Construct {
  readonly pipeline: Codepipeline;
  readonly pipelineName: string;
  readonly pipelineArn: string;
  readonly role: ServiceRole;
  /** One EventBridge rule per `source-codecommit` action, starting the pipeline on pushes to its branch. */
  readonly sourceTriggers: readonly CloudwatchEventRule[];
  /** The role those rules start the pipeline with; present when there is a `source-codecommit` action. */
  readonly sourceTriggerRole?: ServiceRole;

  constructor(scope: Construct, id: string, props: PipelineProps) {
    super(scope, id);
    assertNoIssues(`Pipeline "${this.node.path}" props`, validatePipelineProps(props));
    const tags = props.tags ? { ...props.tags } : undefined;
    this.role = new ServiceRole(this, 'role', {
      roleName: `${props.name}-pipeline`.slice(0, 64),
      description: `CodePipeline ${props.name}`,
      trust: { service: 'codepipeline.amazonaws.com', sourceAccount: props.accountId },
      statements: pipelineRoleStatements(props),
      tags,
    });
    const regional = Object.entries(props.regionalArtifactStores ?? {});
    const store = (ref: ArtifactStoreRef, region?: string) => ({
      type: 'S3',
      location: ref.bucketName,
      region,
      encryptionKey: { id: ref.kmsKeyArn, type: 'KMS' },
    });
    this.pipeline = new Codepipeline(this, 'pipeline', {
      name: props.name,
      pipelineType: 'V2',
      executionMode: props.executionMode ?? 'SUPERSEDED',
      roleArn: this.role.roleArn,
      artifactStore:
        regional.length === 0
          ? [store(props.artifactStore)]
          : [store(props.artifactStore, props.region), ...regional.map(([region, ref]) => store(ref, region))],
      stage: props.stages.map((stage) => ({ name: stage.name, action: stage.actions.map(stageAction) })),
      tags,
      dependsOn: this.role.inlinePolicy ? [this.role.inlinePolicy] : undefined,
    });
    this.pipelineName = this.pipeline.name;
    this.pipelineArn = this.pipeline.arn;

    const codeCommitSources = props.stages
      .flatMap((stage) => stage.actions)
      .filter((action): action is CodeCommitSourceAction => action.kind === 'source-codecommit');
    if (codeCommitSources.length === 0) {
      this.sourceTriggers = [];
      return;
    }
    const triggerRole = new ServiceRole(this, 'source-trigger-role', {
      roleName: `${props.name.slice(0, 55)}-trigger`,
      description: `EventBridge starts CodePipeline ${props.name}`,
      trust: { service: 'events.amazonaws.com', sourceAccount: props.accountId },
      statements: [
        { sid: 'StartPipeline', actions: ['codepipeline:StartPipelineExecution'], resources: [this.pipelineArn] },
      ],
      tags,
    });
    this.sourceTriggerRole = triggerRole;
    this.sourceTriggers = codeCommitSources.map((action, index) => {
      const rule = new CloudwatchEventRule(this, `source-trigger-${index}`, {
        name: triggerRuleName(props.name, action.name, index),
        description: `Starts ${props.name} on pushes to ${action.branch}`,
        eventPattern: JSON.stringify(codeCommitBranchEventPattern(action)),
        tags,
      });
      new CloudwatchEventTarget(this, `source-trigger-${index}-target`, {
        rule: rule.name,
        arn: this.pipelineArn,
        roleArn: triggerRole.roleArn,
      });
      return rule;
    });
  }
}

/** EventBridge rule names are 1-64 characters: `<pipeline>-<action>`, else a shortened pipeline name and the index. */
function triggerRuleName(pipelineName: string, actionName: string, index: number): string {
  const name = `${pipelineName}-${actionName}`;
  if (name.length <= 64) return name;
  const suffix = `-source-${index}`;
  return `${pipelineName.slice(0, 64 - suffix.length)}${suffix}`;
}

/** Pushes that create or move the branch of a CodeCommit source action. */
export function codeCommitBranchEventPattern(action: CodeCommitSourceAction) {
  return {
    source: ['aws.codecommit'],
    'detail-type': ['CodeCommit Repository State Change'],
    resources: [action.repositoryArn],
    detail: {
      event: ['referenceCreated', 'referenceUpdated'],
      referenceType: ['branch'],
      referenceName: [action.branch],
    },
  };
}

function stageAction(action: PipelineAction): CodepipelineStageAction {
  switch (action.kind) {
    case 'source-connection':
      return {
        name: action.name,
        category: 'Source',
        owner: 'AWS',
        provider: 'CodeStarSourceConnection',
        version: '1',
        outputArtifacts: [action.output],
        configuration: {
          ConnectionArn: action.connectionArn,
          FullRepositoryId: action.repository,
          BranchName: action.branch,
          DetectChanges: String(action.detectChanges ?? true),
          OutputArtifactFormat: 'CODE_ZIP',
        },
      };
    case 'source-codecommit':
      return {
        name: action.name,
        category: 'Source',
        owner: 'AWS',
        provider: 'CodeCommit',
        version: '1',
        outputArtifacts: [action.output],
        configuration: {
          RepositoryName: action.repositoryName,
          BranchName: action.branch,
          // The EventBridge rule starts the pipeline.
          PollForSourceChanges: 'false',
          OutputArtifactFormat: 'CODE_ZIP',
        },
      };
    case 'ecs-deploy':
      return deployStageAction(action, 'ECS', {
        ClusterName: action.clusterName,
        ServiceName: action.serviceName,
        FileName: action.imageDefinitionsPath ?? 'imagedefinitions.json',
      });
    case 'ecs-blue-green':
      return deployStageAction(action, 'CodeDeployToECS', {
        ApplicationName: action.applicationName,
        DeploymentGroupName: action.deploymentGroupName,
        TaskDefinitionTemplateArtifact: action.input,
        TaskDefinitionTemplatePath: action.taskDefinitionPath ?? 'taskdef.json',
        AppSpecTemplateArtifact: action.input,
        AppSpecTemplatePath: action.appSpecPath ?? 'appspec.yaml',
        Image1ArtifactName: action.input,
        Image1ContainerName: action.imagePlaceholder ?? 'IMAGE1_NAME',
      });
    case 'codebuild':
      return {
        name: action.name,
        category: action.category ?? 'Build',
        owner: 'AWS',
        provider: 'CodeBuild',
        version: '1',
        inputArtifacts: [action.input],
        outputArtifacts: action.outputs ? [...action.outputs] : undefined,
        runOrder: action.runOrder ?? 1,
        region: action.region,
        configuration: { ProjectName: action.projectName },
      };
    case 'approval':
      return {
        name: action.name,
        category: 'Approval',
        owner: 'AWS',
        provider: 'Manual',
        version: '1',
        configuration: {
          ...(action.notificationTopicArn ? { NotificationArn: action.notificationTopicArn } : {}),
          ...(action.summary ? { CustomData: action.summary } : {}),
        },
      };
  }
}

function deployStageAction(
  action: DeployAction,
  provider: string,
  configuration: Record<string, string>,
): CodepipelineStageAction {
  return {
    name: action.name,
    category: 'Deploy',
    owner: 'AWS',
    provider,
    version: '1',
    inputArtifacts: [action.input],
    runOrder: action.runOrder ?? 1,
    region: action.region,
    configuration,
  };
}

/** The pipeline role: the artifact stores, and exactly the connections, projects and topics its actions use. */
export function pipelineRoleStatements(props: PipelineProps): PolicyStatement[] {
  const stores = [props.artifactStore, ...Object.values(props.regionalArtifactStores ?? {})];
  const actions = props.stages.flatMap((stage) => stage.actions);
  const connections = unique(
    actions.flatMap((action) => (action.kind === 'source-connection' ? [action.connectionArn] : [])),
  );
  const projects = unique(actions.flatMap((action) => (action.kind === 'codebuild' ? [action.projectArn] : [])));
  const approvals = actions.filter((action): action is ApprovalAction => action.kind === 'approval');
  const topics = unique(
    approvals.flatMap((action) => (action.notificationTopicArn ? [action.notificationTopicArn] : [])),
  );
  const topicKeys = unique(
    approvals.flatMap((action) => (action.notificationTopicKmsKeyArn ? [action.notificationTopicKmsKeyArn] : [])),
  );
  const statements: PolicyStatement[] = [
    {
      sid: 'Artifacts',
      actions: ['s3:GetObject', 's3:GetObjectVersion', 's3:PutObject', 's3:PutObjectAcl'],
      resources: stores.map((store) => `${store.bucketArn}/*`),
    },
    {
      sid: 'ArtifactBuckets',
      actions: ['s3:GetBucketVersioning', 's3:GetBucketLocation', 's3:ListBucket'],
      resources: stores.map((store) => store.bucketArn),
    },
    // Another region's store may be named by its key's alias (its stack owns the key).
    ...keyUseStatements(
      'ArtifactKeys',
      ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
      stores.map((store) => store.kmsKeyArn),
    ),
  ];
  if (connections.length > 0) {
    statements.push({
      sid: 'SourceConnections',
      actions: ['codestar-connections:UseConnection'],
      resources: connections,
    });
  }
  if (projects.length > 0) {
    statements.push({
      sid: 'Builds',
      actions: ['codebuild:StartBuild', 'codebuild:BatchGetBuilds', 'codebuild:StopBuild'],
      resources: projects,
    });
  }
  if (topics.length > 0) statements.push({ sid: 'ApprovalNotifications', actions: ['sns:Publish'], resources: topics });
  if (topicKeys.length > 0) {
    statements.push({
      sid: 'ApprovalNotificationKeys',
      actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
      resources: topicKeys,
    });
  }
  statements.push(...sourceRepositoryStatements(actions), ...deployStatements(props, actions));
  return statements;
}

function sourceRepositoryStatements(actions: readonly PipelineAction[]): PolicyStatement[] {
  const repositories = unique(
    actions.flatMap((action) => (action.kind === 'source-codecommit' ? [action.repositoryArn] : [])),
  );
  if (repositories.length === 0) return [];
  const keys = unique(
    actions.flatMap((action) =>
      action.kind === 'source-codecommit' && action.kmsKeyArn !== undefined ? [action.kmsKeyArn] : [],
    ),
  );
  return [
    {
      sid: 'SourceRepositories',
      actions: [
        'codecommit:GetBranch',
        'codecommit:GetCommit',
        'codecommit:UploadArchive',
        'codecommit:GetUploadArchiveStatus',
        'codecommit:CancelUploadArchive',
      ],
      resources: repositories,
    },
    ...keyUseStatements('SourceRepositoryKeys', ['kms:Decrypt', 'kms:DescribeKey'], keys, [
      { test: 'StringLike', variable: 'kms:ViaService', values: ['codecommit.*'] },
    ]),
  ];
}

/** CodeDeploy and ECS deploy actions: their groups, applications, configs, services, task definitions and roles. */
function deployStatements(props: PipelineProps, actions: readonly PipelineAction[]): PolicyStatement[] {
  const deploys = actions.filter(
    (action): action is DeployAction => action.kind === 'ecs-deploy' || action.kind === 'ecs-blue-green',
  );
  if (deploys.length === 0) return [];
  const blueGreen = deploys.filter((action): action is EcsBlueGreenDeployAction => action.kind === 'ecs-blue-green');
  const rolling = deploys.filter((action): action is EcsDeployAction => action.kind === 'ecs-deploy');
  const statements: PolicyStatement[] = [];
  if (blueGreen.length > 0) {
    statements.push(
      {
        sid: 'Deployments',
        actions: ['codedeploy:CreateDeployment', 'codedeploy:GetDeployment'],
        resources: unique(blueGreen.map((action) => action.deploymentGroupArn)),
      },
      {
        sid: 'DeploymentApplications',
        actions: [
          'codedeploy:GetApplication',
          'codedeploy:GetApplicationRevision',
          'codedeploy:RegisterApplicationRevision',
        ],
        resources: unique(blueGreen.map((action) => action.applicationArn)),
      },
      {
        sid: 'DeploymentConfigs',
        actions: ['codedeploy:GetDeploymentConfig'],
        resources: unique(blueGreen.map((action) => action.deploymentConfigArn)),
      },
    );
  }
  if (rolling.length > 0) {
    statements.push({
      sid: 'EcsServices',
      actions: ['ecs:DescribeServices', 'ecs:UpdateService'],
      resources: unique(rolling.map((action) => action.serviceArn)),
    });
    // The action follows the rollout through the cluster's tasks (AWS's ECS deploy action role permissions).
    const clusters = unique(rolling.flatMap((action) => clusterOfService(action.serviceArn)));
    if (clusters.length > 0) {
      statements.push(
        {
          sid: 'EcsDeploymentTasks',
          actions: ['ecs:DescribeTasks'],
          resources: clusters.map(({ prefix, cluster }) => `${prefix}:task/${cluster}/*`),
        },
        {
          sid: 'EcsListTasks',
          actions: ['ecs:ListTasks'],
          resources: clusters.map(({ prefix, cluster }) => `${prefix}:container-instance/${cluster}/*`),
          conditions: [
            {
              test: 'ArnEquals',
              variable: 'ecs:cluster',
              values: clusters.map(({ prefix, cluster }) => `${prefix}:cluster/${cluster}`),
            },
          ],
        },
      );
    }
  }
  statements.push(
    {
      sid: 'RegisterTaskDefinitions',
      actions: ['ecs:RegisterTaskDefinition'],
      resources: unique(deploys.map((action) => taskDefinitionRevisions(props, action))),
    },
    {
      sid: 'TagRegisteredTaskDefinitions',
      actions: ['ecs:TagResource'],
      resources: unique(deploys.map((action) => taskDefinitionRevisions(props, action))),
      conditions: [{ test: 'StringEquals', variable: 'ecs:CreateAction', values: ['RegisterTaskDefinition'] }],
    },
    // DescribeTaskDefinition has no resource-level permissions: AWS authorizes it on * only.
    { sid: 'ReadTaskDefinitions', actions: ['ecs:DescribeTaskDefinition'], resources: ['*'] },
    passRolesToEcsTasks(deploys.flatMap((action) => action.passRoleArns)),
  );
  return statements;
}

/** `arn:<partition>:ecs:<region>:<account>` and the cluster of a literal service ARN (`…:service/<cluster>/<name>`). */
function clusterOfService(serviceArn: string): Array<{ prefix: string; cluster: string }> {
  const match = isLiteral(serviceArn)
    ? /^(arn:[^:]+:ecs:[^:]+:\d{12}):service\/([^/]+)\/[^/]+$/.exec(serviceArn)
    : null;
  return match ? [{ prefix: match[1]!, cluster: match[2]! }] : [];
}

/** `arn:<partition>:ecs:<region>:<account>:task-definition/<family or *>:*` of a deploy action. */
function taskDefinitionRevisions(props: PipelineProps, action: DeployAction): string {
  const region = action.region ?? props.region ?? '*';
  const partition = isLiteral(region) && region !== '*' ? awsPartition(region) : 'aws';
  return `arn:${partition}:ecs:${region}:${props.accountId}:task-definition/${action.taskDefinitionFamily ?? '*'}:*`;
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

const PIPELINE_NAME = /^[A-Za-z0-9.@_-]{1,100}$/;
const STAGE_OR_ACTION_NAME = /^[A-Za-z0-9.@_-]{1,100}$/;
const ARTIFACT_NAME = /^[A-Za-z0-9_-]{1,100}$/;
const REPOSITORY = /^[A-Za-z0-9][A-Za-z0-9._-]*\/[A-Za-z0-9._-]+$/;

/** A pipeline name: 1-100 of letters, digits, `.`, `@`, `-` and `_`. */
export function checkPipelineName(path: string, name: string): ValidationIssue[] {
  if (!isLiteral(name) || PIPELINE_NAME.test(name)) return [];
  return [{ path, value: name, message: 'must be a pipeline name: 1-100 letters, digits, ., @, - and _' }];
}

/** A CodeStar connection's name: 1-32 of letters, digits, `.`, `@`, `-` and `_`. */
export function checkConnectionName(path: string, name: string): ValidationIssue[] {
  if (/^[A-Za-z0-9.@_-]{1,32}$/.test(name ?? '')) return [];
  return [{ path, value: name, message: 'must be a connection name: 1-32 letters, digits, ., @, - and _' }];
}

/** A repository behind a connection: `owner/name`, no wildcards. */
export function checkConnectionRepository(path: string, repository: string): ValidationIssue[] {
  if (REPOSITORY.test(repository ?? '')) return [];
  return [{ path, value: repository, message: 'must be owner/name of one repository (no wildcards)' }];
}

/** A branch name: 1-255 characters, no spaces. */
export function checkBranchName(path: string, branch: string): ValidationIssue[] {
  if (typeof branch === 'string' && /^[^\s*?~^:\\]{1,255}$/.test(branch)) return [];
  return [{ path, value: branch, message: 'must be a branch name: 1-255 characters, no spaces or wildcards' }];
}

/** A CodeCommit repository name: 1-100 of letters, digits, `.`, `_` and `-`, not `.git`-suffixed. A token passes. */
export function checkCodeCommitRepositoryName(path: string, name: string): ValidationIssue[] {
  if (!isLiteral(name) || (/^[\w.-]{1,100}$/.test(name) && !/\.git$/i.test(name))) return [];
  return [{ path, value: name, message: 'must be a CodeCommit repository name: 1-100 of A-Za-z0-9._- (no .git)' }];
}

/** A deploy action's roles to pass (at least one role ARN) and its file paths and placeholder. */
function checkDeployAction(at: (field: string) => string, action: DeployAction): ValidationIssue[] {
  const issues = checkPassRoleArns(at('passRoleArns'), action.passRoleArns);
  const paths =
    action.kind === 'ecs-deploy'
      ? { imageDefinitionsPath: action.imageDefinitionsPath }
      : { taskDefinitionPath: action.taskDefinitionPath, appSpecPath: action.appSpecPath };
  for (const [field, value] of Object.entries(paths)) {
    if (value !== undefined && !/^[^\s*?]{1,255}$/.test(value)) {
      issues.push({ path: at(field), value, message: 'must be a file path in the input artifact, no spaces' });
    }
  }
  if (action.kind === 'ecs-blue-green' && action.imagePlaceholder !== undefined) {
    if (!/^[A-Za-z0-9_]{1,100}$/.test(action.imagePlaceholder)) {
      const message = 'must be the placeholder name without angle brackets (A-Za-z0-9_), e.g. IMAGE1_NAME';
      issues.push({ path: at('imagePlaceholder'), value: action.imagePlaceholder, message });
    }
  }
  if (action.taskDefinitionFamily !== undefined && !/^[A-Za-z0-9_-]{1,255}$/.test(action.taskDefinitionFamily)) {
    const message = 'must be a task definition family: 1-255 of A-Za-z0-9_-';
    issues.push({ path: at('taskDefinitionFamily'), value: action.taskDefinitionFamily, message });
  }
  return issues;
}

/** The stages: source first and only there, unique names, artifacts produced before they are used. */
export function checkPipelineStages(path: string, stages: readonly PipelineStageProps[]): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (stages.length < 2) {
    issues.push({ path, value: stages.map((stage) => stage.name), message: 'must have a source stage and one more' });
  }
  const produced = new Set<string>();
  const stageNames = new Set<string>();
  stages.forEach((stage, stageIndex) => {
    const at = (...segments: Array<string | number>) => joinPath(path, stageIndex, ...segments);
    if (!STAGE_OR_ACTION_NAME.test(stage.name ?? '') || stageNames.has(stage.name)) {
      issues.push({
        path: at('name'),
        value: stage.name,
        message: 'must be a unique stage name (1-100 of A-Za-z0-9.@_-)',
      });
    }
    stageNames.add(stage.name);
    if (stage.actions.length === 0) issues.push({ path: at('actions'), value: [], message: 'must list an action' });
    const actionNames = new Set<string>();
    const outputsOfStage: string[] = [];
    stage.actions.forEach((action, actionIndex) => {
      const actionAt = (field: string) => at('actions', actionIndex, field);
      if (!STAGE_OR_ACTION_NAME.test(action.name ?? '') || actionNames.has(action.name)) {
        issues.push({
          path: actionAt('name'),
          value: action.name,
          message: 'must be a unique action name in its stage',
        });
      }
      actionNames.add(action.name);
      const isSource = action.kind === 'source-connection' || action.kind === 'source-codecommit';
      if (isSource !== (stageIndex === 0)) {
        const message = isSource
          ? 'is a source action: only the first stage holds them'
          : 'must be a source action: the first stage holds only those';
        issues.push({ path: at('actions', actionIndex), value: action.kind, message });
      }
      if (action.kind === 'source-connection') {
        issues.push(...checkConnectionRepository(actionAt('repository'), action.repository));
        issues.push(...checkBranchName(actionAt('branch'), action.branch));
        outputsOfStage.push(action.output);
      } else if (action.kind === 'source-codecommit') {
        issues.push(...checkCodeCommitRepositoryName(actionAt('repositoryName'), action.repositoryName));
        issues.push(...checkBranchName(actionAt('branch'), action.branch));
        outputsOfStage.push(action.output);
      } else if (action.kind !== 'approval') {
        if (!produced.has(action.input)) {
          const message = 'is not the output of an action in an earlier stage';
          issues.push({ path: actionAt('input'), value: action.input, message });
        }
        if (action.kind === 'codebuild') outputsOfStage.push(...(action.outputs ?? []));
        else issues.push(...checkDeployAction((field) => actionAt(field), action));
      }
    });
    for (const output of outputsOfStage) {
      if (!ARTIFACT_NAME.test(output) || produced.has(output)) {
        const message = 'must be a unique artifact name (1-100 of A-Za-z0-9_-)';
        issues.push({ path: at('actions'), value: output, message });
      }
      produced.add(output);
    }
  });
  return issues;
}

/** Every rule the constructor enforces, as a pure function. */
export function validatePipelineProps(props: PipelineProps): ValidationIssue[] {
  const issues = [
    ...checkPipelineName('name', props.name),
    ...checkKmsKeyArn('artifactStore.kmsKeyArn', props.artifactStore?.kmsKeyArn, { allowAlias: true }),
    ...Object.entries(props.regionalArtifactStores ?? {}).flatMap(([region, store]) =>
      checkKmsKeyArn(joinPath('regionalArtifactStores', region, 'kmsKeyArn'), store.kmsKeyArn, { allowAlias: true }),
    ),
    ...checkPipelineStages('stages', props.stages ?? []),
  ];
  if (isLiteral(props.accountId) && !/^\d{12}$/.test(props.accountId)) {
    issues.push({ path: 'accountId', value: props.accountId, message: 'must be a 12-digit AWS account id' });
  }
  const regions = Object.keys(props.regionalArtifactStores ?? {});
  if (regions.length > 0 && props.region === undefined) {
    issues.push({
      path: 'region',
      value: undefined,
      message: "is required with regionalArtifactStores (the default store's region)",
    });
  }
  props.stages.forEach((stage, stageIndex) =>
    stage.actions.forEach((action, actionIndex) => {
      if (
        'region' in action &&
        action.region !== undefined &&
        action.region !== props.region &&
        !regions.includes(action.region)
      ) {
        const message = 'has no artifact store: add one for this region in regionalArtifactStores';
        issues.push({
          path: joinPath('stages', stageIndex, 'actions', actionIndex, 'region'),
          value: action.region,
          message,
        });
      }
    }),
  );
  return issues;
}
