/**
 * Inline-policy statements for the usual kinds of GitHub Actions deploy role, as pure builders: each takes the ARNs,
 * names and state-backend facts of the resources a workflow touches and returns `GithubActionsPolicyStatement[]` for
 * `GithubActionsRoleProps.policyStatements`. Concatenate them for a role that does several things (push an image,
 * then roll the instances).
 *
 * | builder                        | sids                                   | scoped to                                 |
 * | ------------------------------ | -------------------------------------- | ----------------------------------------- |
 * | `staticSiteDeployStatements`   | ListBucket, SyncObjects, Invalidate    | the bucket, its objects, the distribution |
 * | `containerImagePushStatements` | EcrLogin (on `*`), EcrPush             | the repositories                          |
 * | `instanceRefreshStatements`    | InstanceRefresh, WatchRefresh (on `*`) | the Auto Scaling groups                   |
 * | `terraformRunnerStatements`    | StateList, StateObjects, StateLock,    | state key prefixes, lock table,           |
 * |                                | BlueprintServices, BlueprintRoles      | regions, role/profile name patterns       |
 * | `ecsServiceDeployStatements`   | RegisterRevision, TagRevisionOnCreate, | the task definition family, its roles     |
 * |                                | ReadTaskDefinitions (on `*`),          | (passed to ECS tasks only), the service   |
 * |                                | PassTaskRoles, UpdateService,          | (updated to that family only)             |
 * |                                | DescribeService                        |                                           |
 * | `terraformStateObjectStatements` | StateList, StateObject,              | one state object, its two lock items      |
 * |                                | StateLockFile, StateLockItems          |                                           |
 * | `terraformRefreshStatements`   | the caller's, one per read             | the caller's ARNs; `*` held to regions    |
 *
 * The `*` resources are the actions AWS cannot scope: `ecr:GetAuthorizationToken`,
 * `autoscaling:DescribeInstanceRefreshes`, `ecs:DescribeTaskDefinition`, and the refresh reads a caller puts on `*`.
 *
 * Every builder validates its input (a literal ARN of the wrong kind, an empty list, a bare `*` where a resource must be
 * named) and throws a `ValidationError` naming the field; values that are Terraform tokens are taken as they are.
 */
import { Token } from 'cdktf';
import { awsPartition } from '../core/checks';
import { assertNoIssues, joinPath, type ValidationIssue } from '../core/validation';
import type { GithubActionsPolicyStatement } from './index';

// --- static site ---

export interface StaticSiteDeployPolicyProps {
  /** ARN of the site's S3 bucket, `arn:aws:s3:::<bucket>`. Required. */
  readonly bucketArn: string;
  /** ARN of the site's CloudFront distribution, `arn:aws:cloudfront::<account>:distribution/<id>`. Required. */
  readonly distributionArn: string;
}

/**
 * Deploying a static site: list the bucket (`aws s3 sync` compares keys), get/put/delete its objects, and create and
 * watch CloudFront invalidations of its distribution. Nothing else in the account.
 */
export function staticSiteDeployStatements(props: StaticSiteDeployPolicyProps): GithubActionsPolicyStatement[] {
  assertNoIssues('staticSiteDeployStatements props', validateStaticSiteDeployPolicyProps(props));
  return [
    { sid: 'ListBucket', actions: ['s3:ListBucket'], resources: [props.bucketArn] },
    {
      sid: 'SyncObjects',
      actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
      resources: [`${props.bucketArn}/*`],
    },
    {
      sid: 'Invalidate',
      actions: ['cloudfront:CreateInvalidation', 'cloudfront:GetInvalidation', 'cloudfront:ListInvalidations'],
      resources: [props.distributionArn],
    },
  ];
}

export function validateStaticSiteDeployPolicyProps(props: StaticSiteDeployPolicyProps): ValidationIssue[] {
  return [
    ...checkArn('bucketArn', props.bucketArn, S3_BUCKET_ARN, 'an S3 bucket ARN, arn:aws:s3:::<bucket> (no key part)'),
    ...checkArn(
      'distributionArn',
      props.distributionArn,
      CLOUDFRONT_DISTRIBUTION_ARN,
      'a CloudFront distribution ARN, arn:aws:cloudfront::<account>:distribution/<id>',
    ),
  ];
}

// --- container images ---

/** What a workflow does with an image: push needs the upload actions; pull is the read half (and layer cache). */
export const ECR_PUSH_ACTIONS = [
  'ecr:BatchCheckLayerAvailability',
  'ecr:InitiateLayerUpload',
  'ecr:UploadLayerPart',
  'ecr:CompleteLayerUpload',
  'ecr:PutImage',
  'ecr:BatchGetImage',
  'ecr:GetDownloadUrlForLayer',
] as const;

export interface ContainerImagePushPolicyProps {
  /** ECR repositories the workflow pushes to (and pulls from), by ARN. Required, at least one; `*` is refused. */
  readonly repositoryArns: readonly string[];
}

/**
 * Pushing container images: `docker login` to ECR (`ecr:GetAuthorizationToken`, which has no resource-level
 * permissions and so is granted on `*`) and the push/pull actions ({@link ECR_PUSH_ACTIONS}) on the given repositories.
 */
export function containerImagePushStatements(props: ContainerImagePushPolicyProps): GithubActionsPolicyStatement[] {
  assertNoIssues('containerImagePushStatements props', validateContainerImagePushPolicyProps(props));
  return [
    // GetAuthorizationToken has no resource-level permissions.
    { sid: 'EcrLogin', actions: ['ecr:GetAuthorizationToken'], resources: ['*'] },
    { sid: 'EcrPush', actions: [...ECR_PUSH_ACTIONS], resources: [...props.repositoryArns] },
  ];
}

export function validateContainerImagePushPolicyProps(props: ContainerImagePushPolicyProps): ValidationIssue[] {
  return checkArnList(
    'repositoryArns',
    props.repositoryArns,
    ECR_REPOSITORY_ARN,
    'an ECR repository ARN, arn:aws:ecr:<region>:<account>:repository/<name>',
  );
}

// --- Auto Scaling instance refresh ---

export interface InstanceRefreshPolicyProps {
  /**
   * Auto Scaling groups the workflow may refresh, by ARN
   * (`arn:aws:autoscaling:<region>:<account>:autoScalingGroup:<uuid>:autoScalingGroupName/<name>`, the uuid may be `*`).
   * Required, at least one; `*` is refused.
   */
  readonly autoScalingGroupArns: readonly string[];
}

/**
 * Rolling an Auto Scaling group onto a new launch template or image: start and cancel instance refreshes on the given
 * groups, and watch them (`autoscaling:DescribeInstanceRefreshes` has no resource-level permissions: granted on `*`).
 */
export function instanceRefreshStatements(props: InstanceRefreshPolicyProps): GithubActionsPolicyStatement[] {
  assertNoIssues('instanceRefreshStatements props', validateInstanceRefreshPolicyProps(props));
  return [
    {
      sid: 'InstanceRefresh',
      actions: ['autoscaling:StartInstanceRefresh', 'autoscaling:CancelInstanceRefresh'],
      resources: [...props.autoScalingGroupArns],
    },
    // Describe calls have no resource-level permissions.
    { sid: 'WatchRefresh', actions: ['autoscaling:DescribeInstanceRefreshes'], resources: ['*'] },
  ];
}

export function validateInstanceRefreshPolicyProps(props: InstanceRefreshPolicyProps): ValidationIssue[] {
  return checkArnList(
    'autoScalingGroupArns',
    props.autoScalingGroupArns,
    AUTO_SCALING_GROUP_ARN,
    'an Auto Scaling group ARN, arn:aws:autoscaling:<region>:<account>:autoScalingGroup:<uuid>:autoScalingGroupName/<name>',
  );
}

// --- Terraform runner ---

/** The state backend a runner reads and writes: the facts of the S3 bucket and the DynamoDB lock table. */
export interface TerraformStateBackendFacts {
  /** Name of the state bucket. Required. */
  readonly bucket: string;
  /** Region of the state bucket and the lock table. Required. */
  readonly region: string;
  /** Account that owns the lock table. Required. */
  readonly accountId: string;
  /**
   * DynamoDB lock table. Default: none, and then no StateLock statement (S3-native lock files sit beside the state,
   * under the same key prefixes, so StateObjects covers them).
   */
  readonly lockTable?: string;
}

/**
 * IAM actions of the BlueprintRoles statement: create and change roles, allowed only for roles that carry the
 * runner's permissions boundary (each supports the `iam:PermissionsBoundary` condition key), so a role the runner
 * makes can never do more than the boundary allows, whatever policy the runner gives it.
 */
export const TERRAFORM_RUNNER_IAM_ACTIONS = [
  'iam:CreateRole',
  'iam:DeleteRole',
  'iam:UpdateRole',
  'iam:PutRolePolicy',
  'iam:DeleteRolePolicy',
  'iam:AttachRolePolicy',
  'iam:DetachRolePolicy',
  'iam:UpdateAssumeRolePolicy',
  'iam:PutRolePermissionsBoundary',
] as const;

/** Actions on roles and instance profiles with no boundary condition key, which grant no permission by themselves. */
export const TERRAFORM_RUNNER_PROFILE_ACTIONS = [
  'iam:TagRole',
  'iam:UntagRole',
  'iam:CreateInstanceProfile',
  'iam:DeleteInstanceProfile',
  'iam:AddRoleToInstanceProfile',
  'iam:RemoveRoleFromInstanceProfile',
  'iam:TagInstanceProfile',
] as const;

export interface TerraformRunnerPolicyProps {
  /** Where the state lives. Required. */
  readonly stateBackend: TerraformStateBackendFacts;
  /**
   * Key prefixes of the states the runner may read and write, without leading or trailing `/`, e.g.
   * `tfstate/web-dev` for `tfstate/web-dev/terraform.tfstate`; each becomes `arn:aws:s3:::<bucket>/<prefix>/*`. List
   * only the stacks this runner applies: another environment's state is another team's blast radius. Required, at
   * least one.
   */
  readonly stateKeyPrefixes: readonly string[];
  /**
   * Actions on the services the runner's stacks create (`ec2:*`, `elasticache:*`, `ssm:GetParameter` ...), granted on
   * `*` because most create calls have no resource-level scoping, and held to `regions`. IAM actions here may only read
   * (`iam:Get*`, `iam:List*`); IAM changes go through `roleNamePatterns`. `*` is refused. Required, at least one.
   */
  readonly serviceActions: readonly string[];
  /**
   * Regions the service actions may be called in (the `aws:RequestedRegion` condition); add `us-east-1` when the
   * stacks hold CloudFront or other global-service resources. Repeats are dropped, order kept. Required, at least one.
   */
  readonly regions: readonly string[];
  /** Account of the IAM roles and instance profiles. Required. */
  readonly accountId: string;
  /**
   * Name of the role the runner itself assumes. It must match none of `roleNamePatterns`: a role that could rewrite its
   * own policy could make itself administrator, so changes to it are applied by an administrator. Required.
   */
  readonly runnerRoleName: string;
  /**
   * Names (`*` and `?` wildcards allowed, e.g. `web-dev-*`) of the IAM roles the runner may create, change, delete and
   * pass: the roles its stacks create. Never the runner's own role (checked against `runnerRoleName`); a bare `*` is
   * refused. Default: [] (none).
   */
  readonly roleNamePatterns?: readonly string[];
  /** Names (wildcards allowed) of the instance profiles the runner may manage; a bare `*` is refused. Default: [] (none). */
  readonly instanceProfileNamePatterns?: readonly string[];
  /**
   * ARN of the permissions boundary every role the runner creates or changes must carry (`iam:PermissionsBoundary`),
   * managed outside the runner's reach. Required with `roleNamePatterns`: without it the runner could give a role any
   * policy and pass it to a service, and so act as administrator.
   */
  readonly permissionsBoundaryArn?: string;
  /** Services the runner may pass its roles to (`iam:PassedToService`), e.g. `ec2.amazonaws.com`. Required with roleNamePatterns. */
  readonly passRoleToServices?: readonly string[];
  /**
   * Attribute-based guard: deny every action on a resource whose `key` tag is set to a value not in `values`, and
   * any request that tags a resource with another value, so a runner of one environment cannot touch another's
   * resources in a shared account. Default: none.
   */
  readonly tagGuard?: { readonly key: string; readonly values: readonly string[] };
  /** Statements granted only on named resources (buckets and secrets by name pattern). Default: none. */
  readonly scopedStatements?: readonly GithubActionsPolicyStatement[];
  /** ARN partition of the state bucket, lock table and IAM ARNs. Default: the partition of `stateBackend.region`. */
  readonly partition?: string;
}

/**
 * A role that runs `terraform plan/apply` for a set of stacks: list the state bucket, read and write the objects under
 * the given state-key prefixes, lock through the DynamoDB table, call the given service actions in the given regions,
 * and manage the IAM roles and instance profiles that match the given name patterns — never the runner role itself.
 */
export function terraformRunnerStatements(props: TerraformRunnerPolicyProps): GithubActionsPolicyStatement[] {
  assertNoIssues('terraformRunnerStatements props', validateTerraformRunnerPolicyProps(props));
  const state = props.stateBackend;
  const partition = props.partition ?? awsPartition(state.region);
  const bucketArn = `arn:${partition}:s3:::${state.bucket}`;
  const iam = (kind: 'role' | 'instance-profile', name: string) =>
    `arn:${partition}:iam::${props.accountId}:${kind}/${name}`;
  const statements: GithubActionsPolicyStatement[] = [
    { sid: 'StateList', actions: ['s3:ListBucket'], resources: [bucketArn] },
    {
      sid: 'StateObjects',
      actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
      resources: props.stateKeyPrefixes.map((prefix) => `${bucketArn}/${prefix}/*`),
    },
  ];
  if (state.lockTable !== undefined) {
    statements.push({
      sid: 'StateLock',
      actions: ['dynamodb:DescribeTable', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem'],
      resources: [`arn:${partition}:dynamodb:${state.region}:${state.accountId}:table/${state.lockTable}`],
    });
  }
  statements.push({
    // Most create calls of these services have no resource-level scoping: the role is held to the regions instead.
    sid: 'BlueprintServices',
    actions: [...props.serviceActions],
    resources: ['*'],
    conditions: [{ test: 'StringEquals', variable: 'aws:RequestedRegion', values: [...new Set(props.regions)] }],
  });
  statements.push(...(props.scopedStatements ?? []));
  const roleArns = (props.roleNamePatterns ?? []).map((name) => iam('role', name));
  const profileArns = (props.instanceProfileNamePatterns ?? []).map((name) => iam('instance-profile', name));
  if (roleArns.length > 0) {
    statements.push(
      {
        // Not the runner role itself (validated), and only roles that carry the boundary: no escalation path.
        sid: 'BlueprintRoles',
        actions: [...TERRAFORM_RUNNER_IAM_ACTIONS],
        resources: roleArns,
        conditions: [
          { test: 'StringEquals', variable: 'iam:PermissionsBoundary', values: [props.permissionsBoundaryArn!] },
        ],
      },
      {
        sid: 'PassBlueprintRoles',
        actions: ['iam:PassRole'],
        resources: roleArns,
        conditions: [{ test: 'StringEquals', variable: 'iam:PassedToService', values: [...props.passRoleToServices!] }],
      },
    );
  }
  if (roleArns.length + profileArns.length > 0) {
    statements.push({
      sid: 'BlueprintProfiles',
      actions: [...TERRAFORM_RUNNER_PROFILE_ACTIONS],
      resources: [...roleArns, ...profileArns],
    });
  }
  if (props.tagGuard) {
    const { key, values } = props.tagGuard;
    statements.push(
      {
        sid: 'OnlyOwnResources',
        effect: 'Deny',
        actions: ['*'],
        resources: ['*'],
        conditions: [{ test: 'StringNotEqualsIfExists', variable: `aws:ResourceTag/${key}`, values: [...values] }],
      },
      {
        sid: 'OnlyOwnTags',
        effect: 'Deny',
        actions: ['*'],
        resources: ['*'],
        conditions: [{ test: 'StringNotEqualsIfExists', variable: `aws:RequestTag/${key}`, values: [...values] }],
      },
    );
  }
  return statements;
}

export function validateTerraformRunnerPolicyProps(props: TerraformRunnerPolicyProps): ValidationIssue[] {
  const issues = validateStateBackendFacts(props.stateBackend);

  const prefixes = props.stateKeyPrefixes ?? [];
  if (prefixes.length === 0) {
    issues.push({ path: 'stateKeyPrefixes', value: prefixes, message: 'must list at least one state key prefix' });
  }
  prefixes.forEach((prefix, index) => {
    if (isLiteralText(prefix) && !STATE_KEY_PREFIX.test(prefix)) {
      const message =
        'must be a key prefix without leading or trailing "/" and without wildcards (it is followed by "/*")';
      issues.push({ path: joinPath('stateKeyPrefixes', index), value: prefix, message });
    } else if (!isDefinedText(prefix)) {
      issues.push({ path: joinPath('stateKeyPrefixes', index), value: prefix, message: 'must be a non-empty string' });
    }
  });

  const actions = props.serviceActions ?? [];
  if (actions.length === 0) {
    issues.push({ path: 'serviceActions', value: actions, message: 'must list at least one action' });
  }
  actions.forEach((action, index) => {
    const path = joinPath('serviceActions', index);
    if (Token.isUnresolved(action)) return;
    if (action === '*') {
      issues.push({ path, value: action, message: 'must not be * (every action of every service): name the services' });
    } else if (typeof action !== 'string' || !SERVICE_ACTION.test(action)) {
      issues.push({ path, value: action, message: 'must be an IAM action, service:Action (wildcards allowed)' });
    } else if (action.toLowerCase().startsWith('iam:') && !/^iam:(Get|List)/i.test(action)) {
      const message =
        'may only read IAM (iam:Get*, iam:List*): IAM changes go through roleNamePatterns, so the runner cannot change its own role';
      issues.push({ path, value: action, message });
    } else if (/^[^:]*\*[^:]*:/.test(action)) {
      issues.push({ path, value: action, message: 'must name its service without wildcards (e.g. ec2:*, not *:*)' });
    }
  });

  const regions = props.regions ?? [];
  if (regions.length === 0) issues.push({ path: 'regions', value: regions, message: 'must list at least one region' });
  regions.forEach((region, index) => issues.push(...checkRegion(joinPath('regions', index), region)));

  issues.push(...checkAccountId('accountId', props.accountId));
  if (!isDefinedText(props.runnerRoleName)) {
    issues.push({ path: 'runnerRoleName', value: props.runnerRoleName, message: 'must be the runner role name' });
  }
  (props.roleNamePatterns ?? []).forEach((pattern, index) => {
    const path = joinPath('roleNamePatterns', index);
    issues.push(...checkIamNamePattern(path, pattern, 'role'));
    if (isLiteralText(pattern) && isLiteralText(props.runnerRoleName) && globMatches(pattern, props.runnerRoleName)) {
      const message = `matches the runner role "${props.runnerRoleName}": a role that can change its own policy can make itself administrator`;
      issues.push({ path, value: pattern, message });
    }
  });
  if ((props.roleNamePatterns ?? []).length > 0) {
    if (!isDefinedText(props.permissionsBoundaryArn)) {
      const message =
        'must be set with roleNamePatterns: without a boundary the runner could give a role any policy and pass it on';
      issues.push({ path: 'permissionsBoundaryArn', value: props.permissionsBoundaryArn, message });
    }
    if ((props.passRoleToServices ?? []).length === 0) {
      const message = 'must list the services the roles are passed to (e.g. ec2.amazonaws.com) with roleNamePatterns';
      issues.push({ path: 'passRoleToServices', value: props.passRoleToServices, message });
    }
  }
  (props.instanceProfileNamePatterns ?? []).forEach((pattern, index) =>
    issues.push(...checkIamNamePattern(joinPath('instanceProfileNamePatterns', index), pattern, 'instance profile')),
  );
  if (props.partition !== undefined && !/^aws(-[a-z]+)*$/.test(props.partition)) {
    issues.push({
      path: 'partition',
      value: props.partition,
      message: 'must be an AWS partition: aws, aws-cn, aws-us-gov',
    });
  }
  return issues;
}

// --- ECS service release ---

export interface EcsServiceDeployPolicyProps {
  /** The service's ARN, `arn:aws:ecs:<region>:<account>:service/<cluster>/<service>`. Required. */
  readonly serviceArn: string;
  /**
   * ARN of the task definition family without a revision, `arn:aws:ecs:<region>:<account>:task-definition/<family>`:
   * the workflow registers revisions of it (`<family>:*`) and points the service at them. Required.
   */
  readonly taskDefinitionFamilyArn: string;
  /** The roles the family's task definitions name (execution and task role): registering passes them to ECS. Required. */
  readonly passRoleArns: readonly string[];
}

/**
 * Releasing a new image to an ECS service: register a revision of its task definition family (tagged on creation),
 * read task definitions (`ecs:DescribeTaskDefinition` has no resource-level permissions: `*`), pass exactly the
 * family's roles, and only to ECS tasks, and update the service only to a revision of that family; describe the service
 * (`aws ecs wait services-stable`). Nothing can be deregistered or deleted.
 */
export function ecsServiceDeployStatements(props: EcsServiceDeployPolicyProps): GithubActionsPolicyStatement[] {
  assertNoIssues('ecsServiceDeployStatements props', validateEcsServiceDeployPolicyProps(props));
  const revisions = `${props.taskDefinitionFamilyArn}:*`;
  return [
    { sid: 'RegisterRevision', actions: ['ecs:RegisterTaskDefinition'], resources: [revisions] },
    {
      sid: 'TagRevisionOnCreate',
      actions: ['ecs:TagResource'],
      resources: [revisions],
      conditions: [{ test: 'StringEquals', variable: 'ecs:CreateAction', values: ['RegisterTaskDefinition'] }],
    },
    // DescribeTaskDefinition has no resource-level permissions.
    { sid: 'ReadTaskDefinitions', actions: ['ecs:DescribeTaskDefinition'], resources: ['*'] },
    {
      sid: 'PassTaskRoles',
      actions: ['iam:PassRole'],
      resources: [...props.passRoleArns],
      conditions: [{ test: 'StringEquals', variable: 'iam:PassedToService', values: ['ecs-tasks.amazonaws.com'] }],
    },
    {
      sid: 'UpdateService',
      actions: ['ecs:UpdateService'],
      resources: [props.serviceArn],
      conditions: [{ test: 'ArnLike', variable: 'ecs:task-definition', values: [revisions] }],
    },
    { sid: 'DescribeService', actions: ['ecs:DescribeServices'], resources: [props.serviceArn] },
  ];
}

export function validateEcsServiceDeployPolicyProps(props: EcsServiceDeployPolicyProps): ValidationIssue[] {
  return [
    ...checkArn(
      'serviceArn',
      props.serviceArn,
      ECS_SERVICE_ARN,
      'an ECS service ARN, arn:aws:ecs:<region>:<account>:service/<cluster>/<service>',
    ),
    ...checkArn(
      'taskDefinitionFamilyArn',
      props.taskDefinitionFamilyArn,
      ECS_TASK_DEFINITION_FAMILY_ARN,
      'a task definition family ARN without revision, arn:aws:ecs:<region>:<account>:task-definition/<family>',
    ),
    ...checkArnList(
      'passRoleArns',
      props.passRoleArns,
      IAM_ROLE_ARN,
      'an IAM role ARN, arn:aws:iam::<account>:role/<name>',
    ),
  ];
}

// --- Terraform state of one stack ---

export interface TerraformStateObjectPolicyProps {
  /** Where the state lives. Required. */
  readonly stateBackend: TerraformStateBackendFacts;
  /** The state object's key, e.g. `tfstate/web-dev/terraform.tfstate`; no wildcards. Required. */
  readonly stateKey: string;
  /** S3-native locking (`use_lockfile`): the lock object `<stateKey>.tflock` beside the state. Default: false. */
  readonly lockFile?: boolean;
  /** ARN partition of the bucket and table. Default: the partition of `stateBackend.region`. */
  readonly partition?: string;
}

/**
 * Reading and writing one stack's state and nothing else: list the bucket (Terraform looks for workspaces), get and
 * put the one state object (and its `.tflock` with S3-native locking), and in the lock table only the stack's two
 * items — the lock `<bucket>/<key>` and the digest `<bucket>/<key>-md5` (`dynamodb:LeadingKeys`).
 */
export function terraformStateObjectStatements(props: TerraformStateObjectPolicyProps): GithubActionsPolicyStatement[] {
  assertNoIssues('terraformStateObjectStatements props', validateTerraformStateObjectPolicyProps(props));
  const state = props.stateBackend;
  const partition = props.partition ?? awsPartition(state.region);
  const bucketArn = `arn:${partition}:s3:::${state.bucket}`;
  const objectArn = `${bucketArn}/${props.stateKey}`;
  const statements: GithubActionsPolicyStatement[] = [
    { sid: 'StateList', actions: ['s3:ListBucket'], resources: [bucketArn] },
    { sid: 'StateObject', actions: ['s3:GetObject', 's3:PutObject'], resources: [objectArn] },
  ];
  if (props.lockFile) {
    statements.push({
      sid: 'StateLockFile',
      actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
      resources: [`${objectArn}.tflock`],
    });
  }
  if (state.lockTable !== undefined) {
    const lockId = `${state.bucket}/${props.stateKey}`;
    statements.push({
      sid: 'StateLockItems',
      actions: ['dynamodb:DescribeTable', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem'],
      resources: [`arn:${partition}:dynamodb:${state.region}:${state.accountId}:table/${state.lockTable}`],
      conditions: [
        { test: 'ForAllValues:StringEquals', variable: 'dynamodb:LeadingKeys', values: [lockId, `${lockId}-md5`] },
      ],
    });
  }
  return statements;
}

export function validateTerraformStateObjectPolicyProps(props: TerraformStateObjectPolicyProps): ValidationIssue[] {
  const issues = validateStateBackendFacts(props.stateBackend);
  const key = props.stateKey;
  if (!isDefinedText(key) || (isLiteralText(key) && !STATE_KEY.test(key))) {
    const message = 'must be an object key without leading or trailing "/" and without wildcards';
    issues.push({ path: 'stateKey', value: key, message });
  }
  if (props.partition !== undefined && !/^aws(-[a-z]+)*$/.test(props.partition)) {
    issues.push({
      path: 'partition',
      value: props.partition,
      message: 'must be an AWS partition: aws, aws-cn, aws-us-gov',
    });
  }
  return issues;
}

// --- refreshing a stack (terraform plan) ---

/** Reads a role may not have even to plan: they return data (secret values, objects, parameters, logs, images, items) or credentials. */
export const DATA_READ_ACTIONS = [
  'secretsmanager:GetSecretValue',
  's3:GetObject',
  's3:GetObjectVersion',
  'ssm:GetParameter',
  'ssm:GetParameters',
  'ssm:GetParametersByPath',
  'logs:GetLogEvents',
  'logs:GetQueryResults',
  'ecr:GetDownloadUrlForLayer',
  'ecr:GetAuthorizationToken',
  'kms:GetParametersForImport',
  'dynamodb:GetItem',
  'lambda:GetFunction',
] as const;

export interface TerraformRefreshRead {
  /** Statement id. Required. */
  readonly sid: string;
  /**
   * Read actions: `service:Describe…`, `service:Get…` or `service:List…`; a wildcard may not match a
   * {@link DATA_READ_ACTIONS} action (`s3:GetBucket*` is fine, `s3:Get*` is not). Required, at least one.
   */
  readonly actions: readonly string[];
  /** The resources they read; `*` only for actions without resource-level permissions (held to `regions`). Required. */
  readonly resources: readonly string[];
}

export interface TerraformRefreshPolicyProps {
  /** The reads, one statement each. Required, at least one. */
  readonly reads: readonly TerraformRefreshRead[];
  /** Regions the `*`-resource reads may be called in (the `aws:RequestedRegion` condition). Required, at least one. */
  readonly regions: readonly string[];
}

/**
 * What `terraform plan` needs to refresh a stack's resources, for a role that may not change them: one statement per
 * read, metadata only (no action of {@link DATA_READ_ACTIONS}), and the reads on `*` held to the given regions.
 */
export function terraformRefreshStatements(props: TerraformRefreshPolicyProps): GithubActionsPolicyStatement[] {
  assertNoIssues('terraformRefreshStatements props', validateTerraformRefreshPolicyProps(props));
  const regions = [...new Set(props.regions)];
  return props.reads.map((read) => ({
    sid: read.sid,
    actions: [...read.actions],
    resources: [...read.resources],
    ...(read.resources.includes('*')
      ? { conditions: [{ test: 'StringEquals', variable: 'aws:RequestedRegion', values: regions }] }
      : {}),
  }));
}

export function validateTerraformRefreshPolicyProps(props: TerraformRefreshPolicyProps): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const reads = props.reads ?? [];
  if (reads.length === 0) issues.push({ path: 'reads', value: reads, message: 'must list at least one read' });
  reads.forEach((read, index) => {
    const at = (field: string) => joinPath('reads', index, field);
    if (!isDefinedText(read.sid) || !/^[A-Za-z0-9]+$/.test(read.sid)) {
      issues.push({ path: at('sid'), value: read.sid, message: 'must be a statement id of letters and digits' });
    }
    const actions = read.actions ?? [];
    if (actions.length === 0) issues.push({ path: at('actions'), value: actions, message: 'must list an action' });
    actions.forEach((action, actionIndex) =>
      issues.push(...checkReadAction(joinPath(at('actions'), actionIndex), action)),
    );
    const resources = read.resources ?? [];
    if (resources.length === 0) {
      issues.push({
        path: at('resources'),
        value: resources,
        message: 'must list a resource ARN, or * for an action without resource-level permissions',
      });
    }
  });
  const regions = props.regions ?? [];
  if (regions.length === 0) issues.push({ path: 'regions', value: regions, message: 'must list at least one region' });
  regions.forEach((region, index) => issues.push(...checkRegion(joinPath('regions', index), region)));
  return issues;
}

/** A metadata read: Describe/Get/List, not one of {@link DATA_READ_ACTIONS}, and no wildcard that matches one. */
export function checkReadAction(path: string, action: string): ValidationIssue[] {
  if (Token.isUnresolved(action)) return [];
  const match = typeof action === 'string' ? /^([a-z0-9-]+):([A-Za-z0-9*?]+)$/.exec(action) : null;
  if (!match || !/^(Describe|Get|List)/.test(match[2] as string)) {
    return [
      { path, value: action, message: 'must be a read action, service:Describe…, service:Get… or service:List…' },
    ];
  }
  const pattern = new RegExp(`^${escapeGlob(action)}$`, 'i');
  const dataRead = DATA_READ_ACTIONS.find((candidate) => pattern.test(candidate));
  if (dataRead) {
    return [{ path, value: action, message: `reads data (${dataRead}), not metadata: a plan role must not have it` }];
  }
  return [];
}

// --- checks ---

/** The state backend's facts, at `stateBackend.*`. */
function validateStateBackendFacts(stateBackend: TerraformStateBackendFacts | undefined): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const state = stateBackend ?? ({} as TerraformStateBackendFacts);
  if (!isDefinedText(state.bucket) || (isLiteralText(state.bucket) && !S3_BUCKET_NAME.test(state.bucket))) {
    issues.push({ path: 'stateBackend.bucket', value: state.bucket, message: 'must be an S3 bucket name' });
  }
  issues.push(...checkRegion('stateBackend.region', state.region));
  issues.push(...checkAccountId('stateBackend.accountId', state.accountId));
  if (state.lockTable !== undefined && isLiteralText(state.lockTable) && !DYNAMODB_TABLE.test(state.lockTable)) {
    const message = 'must be a DynamoDB table name: 3-255 of A-Za-z0-9_.-';
    issues.push({ path: 'stateBackend.lockTable', value: state.lockTable, message });
  }
  return issues;
}

const S3_BUCKET_ARN = /^arn:aws[a-z-]*:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const CLOUDFRONT_DISTRIBUTION_ARN = /^arn:aws[a-z-]*:cloudfront::\d{12}:distribution\/[A-Z0-9]+$/;
const ECR_REPOSITORY_ARN = /^arn:aws[a-z-]*:ecr:[a-z0-9-]+:\d{12}:repository\/[a-z0-9][a-z0-9._/*-]*$/;
const AUTO_SCALING_GROUP_ARN =
  /^arn:aws[a-z-]*:autoscaling:[a-z0-9-]+:\d{12}:autoScalingGroup:[A-Za-z0-9*-]+:autoScalingGroupName\/[^\s]+$/;
const S3_BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const DYNAMODB_TABLE = /^[A-Za-z0-9_.-]{3,255}$/;
const STATE_KEY_PREFIX = /^[^/*?\s](?:[^*?\s]*[^/*?\s])?$/;
const STATE_KEY = STATE_KEY_PREFIX;
const ECS_SERVICE_ARN = /^arn:aws[a-z-]*:ecs:[a-z0-9-]+:\d{12}:service\/[A-Za-z0-9_-]+\/[A-Za-z0-9_-]+$/;
const ECS_TASK_DEFINITION_FAMILY_ARN = /^arn:aws[a-z-]*:ecs:[a-z0-9-]+:\d{12}:task-definition\/[A-Za-z0-9_-]+$/;
const IAM_ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/;
const SERVICE_ACTION = /^[a-z0-9*-]+:[A-Za-z0-9*?]+$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;
const IAM_NAME_PATTERN = /^[\w+=,.@*?/-]{1,128}$/;

function isDefinedText(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

function isLiteralText(value: unknown): value is string {
  return isDefinedText(value) && !Token.isUnresolved(value);
}

function checkArn(path: string, value: string, pattern: RegExp, what: string): ValidationIssue[] {
  if (!isDefinedText(value)) return [{ path, value, message: `must be ${what}` }];
  if (Token.isUnresolved(value) || pattern.test(value)) return [];
  return [{ path, value, message: `must be ${what}` }];
}

function checkArnList(path: string, values: readonly string[] | undefined, pattern: RegExp, what: string) {
  const list = values ?? [];
  if (list.length === 0) return [{ path, value: values, message: `must list at least one ARN (${what})` }];
  return list.flatMap((value, index) =>
    value === '*'
      ? [{ path: joinPath(path, index), value, message: `must name resources, not "*" (${what})` }]
      : checkArn(joinPath(path, index), value, pattern, what),
  );
}

function checkRegion(path: string, region: string): ValidationIssue[] {
  if (isDefinedText(region) && (Token.isUnresolved(region) || REGION.test(region))) return [];
  return [{ path, value: region, message: 'must be an AWS region like us-east-1' }];
}

function checkAccountId(path: string, accountId: string): ValidationIssue[] {
  if (isDefinedText(accountId) && (Token.isUnresolved(accountId) || /^\d{12}$/.test(accountId))) return [];
  return [{ path, value: accountId, message: 'must be a 12-digit AWS account id' }];
}

function checkIamNamePattern(path: string, pattern: string, what: string): ValidationIssue[] {
  if (isDefinedText(pattern) && Token.isUnresolved(pattern)) return [];
  if (!isDefinedText(pattern) || !IAM_NAME_PATTERN.test(pattern)) {
    return [{ path, value: pattern, message: `must be an IAM ${what} name of A-Za-z0-9+=,.@_-, wildcards * and ?` }];
  }
  if (/^[*?/]+$/.test(pattern)) {
    return [{ path, value: pattern, message: `must name ${what}s (e.g. web-dev-*), not match every ${what}` }];
  }
  return [];
}

/** Whether an IAM-style glob (`*` any run, `?` one character) matches `name`, ignoring case as IAM names do. */
function globMatches(pattern: string, name: string): boolean {
  return new RegExp(`^${escapeGlob(pattern)}$`, 'i').test(name);
}

/** An IAM-style glob as a regular expression's source: `*` any run, `?` one character, the rest literal. */
function escapeGlob(pattern: string): string {
  return pattern
    .split('')
    .map((character) => {
      if (character === '*') return '.*';
      if (character === '?') return '.';
      return character.replace(/[.+^${}()|[\]\\/:-]/g, '\\$&');
    })
    .join('');
}
