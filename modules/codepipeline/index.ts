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
 * | `codebuild`         | Build (or Test) / CodeBuild                 | runs a project on an input artifact                 |
 * | `approval`          | Approval / Manual                           | waits for a person; notifies an SNS topic           |
 *
 * The source stage comes first and holds only source actions; every input artifact is the output of an earlier action.
 * A CodeStar connection is created PENDING: someone with access to the repository host completes it once in the console
 * (Developer Tools → Settings → Connections) before the first run.
 */
import { Codepipeline, type CodepipelineStageAction } from '@cdktf/provider-aws/lib/codepipeline';
import { Construct } from 'constructs';
import { checkInteger, checkKmsKeyArn, isLiteral } from '../core/checks';
import { CustomerManagedKey } from '../core/kms-key';
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

export type PipelineAction = SourceConnectionAction | CodeBuildAction | ApprovalAction;

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
  }
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
    {
      sid: 'ArtifactKeys',
      actions: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
      resources: stores.map((store) => store.kmsKeyArn),
    },
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
  return statements;
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
      const isSource = action.kind === 'source-connection';
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
      } else if (action.kind === 'codebuild') {
        if (!produced.has(action.input)) {
          const message = 'is not the output of an action in an earlier stage';
          issues.push({ path: actionAt('input'), value: action.input, message });
        }
        outputsOfStage.push(...(action.outputs ?? []));
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
    ...checkKmsKeyArn('artifactStore.kmsKeyArn', props.artifactStore?.kmsKeyArn),
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
        action.kind === 'codebuild' &&
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
