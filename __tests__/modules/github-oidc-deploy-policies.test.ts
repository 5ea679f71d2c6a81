/**
 * The GitHub Actions deploy-policy builders: each kind's statements (sids, actions, resources, conditions, order), the
 * refusals with the field named, and for each builder the statements the ec2-web blueprint writes by hand today
 * (copied literally below), so that wiring the builders in cannot change a synthesized policy.
 */
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { Token } from 'cdktf';
import {
  containerImagePushStatements,
  DATA_READ_ACTIONS,
  ECR_PUSH_ACTIONS,
  ecsServiceDeployStatements,
  GithubActionsRole,
  instanceRefreshStatements,
  staticSiteDeployStatements,
  TERRAFORM_RUNNER_IAM_ACTIONS,
  terraformRefreshStatements,
  terraformRunnerStatements,
  TERRAFORM_RUNNER_PROFILE_ACTIONS,
  terraformStateObjectStatements,
  type GithubActionsPolicyStatement,
  type TerraformRunnerPolicyProps,
} from '../../modules/github-oidc';
import { Template, testStack } from '../helpers/template';
import { expectIssues, expectSingleIssue, thrownBy, type ExpectedIssue } from '../helpers/validation';

const ACCOUNT = '123456789012';
const BUCKET_ARN = 'arn:aws:s3:::shop-dev-frontend-123456789012';
const DISTRIBUTION_ARN = `arn:aws:cloudfront::${ACCOUNT}:distribution/E2QWRUHAPOMQZL`;
const REPOSITORY_ARN = `arn:aws:ecr:eu-west-1:${ACCOUNT}:repository/shop-dev-backend`;
const ASG_ARN = `arn:aws:autoscaling:eu-west-1:${ACCOUNT}:autoScalingGroup:6d3a4c2e-1f0b-4b6e-9c1a-2f0e5d7c9b11:autoScalingGroupName/shop-dev`;
const STATE = {
  accountId: ACCOUNT,
  region: 'us-east-1',
  bucket: 'acme-tfstate-123456789012',
  lockTable: 'acme-tflock',
};

describe('staticSiteDeployStatements', () => {
  it('lists the bucket, syncs its objects and invalidates the distribution, nothing else', () => {
    expect(staticSiteDeployStatements({ bucketArn: BUCKET_ARN, distributionArn: DISTRIBUTION_ARN })).toEqual([
      { sid: 'ListBucket', actions: ['s3:ListBucket'], resources: [BUCKET_ARN] },
      {
        sid: 'SyncObjects',
        actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
        resources: [`${BUCKET_ARN}/*`],
      },
      {
        sid: 'Invalidate',
        actions: ['cloudfront:CreateInvalidation', 'cloudfront:GetInvalidation', 'cloudfront:ListInvalidations'],
        resources: [DISTRIBUTION_ARN],
      },
    ]);
  });

  it('takes tokens (another resource attribute) as they are and appends /* to the bucket ARN token', () => {
    const bucketArn = new S3Bucket(testStack(), 'site', { bucket: 'site' }).arn;
    const [list, sync] = staticSiteDeployStatements({ bucketArn, distributionArn: DISTRIBUTION_ARN });
    expect(Token.isUnresolved(list!.resources[0])).toBe(true);
    expect(sync!.resources).toEqual([`${bucketArn}/*`]);
  });

  it.each<[string, { bucketArn: string; distributionArn: string }, ExpectedIssue]>([
    [
      'an object ARN as the bucket',
      { bucketArn: `${BUCKET_ARN}/*`, distributionArn: DISTRIBUTION_ARN },
      { path: 'bucketArn', value: `${BUCKET_ARN}/*`, message: /S3 bucket ARN.*no key part/ },
    ],
    [
      'a bucket name instead of its ARN',
      { bucketArn: 'shop-site', distributionArn: DISTRIBUTION_ARN },
      { path: 'bucketArn', value: 'shop-site', message: /S3 bucket ARN/ },
    ],
    [
      'a distribution id instead of its ARN',
      { bucketArn: BUCKET_ARN, distributionArn: 'E2QWRUHAPOMQZL' },
      { path: 'distributionArn', value: 'E2QWRUHAPOMQZL', message: /CloudFront distribution ARN/ },
    ],
    [
      'an empty distribution ARN',
      { bucketArn: BUCKET_ARN, distributionArn: '' },
      { path: 'distributionArn', value: '', message: /CloudFront distribution ARN/ },
    ],
  ])('rejects %s, naming the field', (_label, props, expected) => {
    expectSingleIssue(
      thrownBy(() => staticSiteDeployStatements(props)),
      expected,
      /staticSiteDeployStatements props/,
    );
  });
});

describe('containerImagePushStatements', () => {
  it('logs in on * (no resource-level permission) and pushes/pulls only the given repositories', () => {
    const other = `arn:aws:ecr:eu-west-1:${ACCOUNT}:repository/shop-dev/worker`;
    expect(containerImagePushStatements({ repositoryArns: [REPOSITORY_ARN, other] })).toEqual([
      { sid: 'EcrLogin', actions: ['ecr:GetAuthorizationToken'], resources: ['*'] },
      { sid: 'EcrPush', actions: [...ECR_PUSH_ACTIONS], resources: [REPOSITORY_ARN, other] },
    ]);
    expect(ECR_PUSH_ACTIONS).not.toContain('ecr:GetAuthorizationToken');
  });

  it.each<[string, readonly string[], ExpectedIssue[]]>([
    ['no repository', [], [{ path: 'repositoryArns', value: [], message: /at least one ARN/ }]],
    ['"*"', ['*'], [{ path: 'repositoryArns[0]', value: '*', message: /must name resources, not "\*"/ }]],
    [
      'an S3 ARN and a repository URL',
      ['arn:aws:s3:::bucket', `${ACCOUNT}.dkr.ecr.eu-west-1.amazonaws.com/shop`],
      [
        { path: 'repositoryArns[0]', value: 'arn:aws:s3:::bucket', message: /ECR repository ARN/ },
        {
          path: 'repositoryArns[1]',
          value: `${ACCOUNT}.dkr.ecr.eu-west-1.amazonaws.com/shop`,
          message: /ECR repository ARN/,
        },
      ],
    ],
  ])('rejects %s, naming the field', (_label, repositoryArns, expected) => {
    expectIssues(
      thrownBy(() => containerImagePushStatements({ repositoryArns })),
      expected,
      /containerImagePushStatements props/,
    );
  });
});

describe('instanceRefreshStatements', () => {
  it('starts and cancels refreshes of the given groups and watches them on * (Describe has no scoping)', () => {
    const wildcardUuid = `arn:aws:autoscaling:eu-west-1:${ACCOUNT}:autoScalingGroup:*:autoScalingGroupName/shop-dev-b`;
    expect(instanceRefreshStatements({ autoScalingGroupArns: [ASG_ARN, wildcardUuid] })).toEqual([
      {
        sid: 'InstanceRefresh',
        actions: ['autoscaling:StartInstanceRefresh', 'autoscaling:CancelInstanceRefresh'],
        resources: [ASG_ARN, wildcardUuid],
      },
      { sid: 'WatchRefresh', actions: ['autoscaling:DescribeInstanceRefreshes'], resources: ['*'] },
    ]);
  });

  it.each<[string, readonly string[], ExpectedIssue]>([
    ['no group', [], { path: 'autoScalingGroupArns', value: [], message: /at least one ARN/ }],
    ['"*"', ['*'], { path: 'autoScalingGroupArns[0]', value: '*', message: /not "\*"/ }],
    ['a group name', ['shop-dev'], { path: 'autoScalingGroupArns[0]', value: 'shop-dev', message: /Auto Scaling/ }],
  ])('rejects %s, naming the field', (_label, autoScalingGroupArns, expected) => {
    expectSingleIssue(
      thrownBy(() => instanceRefreshStatements({ autoScalingGroupArns })),
      expected,
      /instanceRefreshStatements props/,
    );
  });
});

describe('terraformRunnerStatements', () => {
  const RUNNER: TerraformRunnerPolicyProps = {
    stateBackend: STATE,
    stateKeyPrefixes: ['tfstate/shop-dev', 'tfstate/shop-dev-data'],
    serviceActions: ['ec2:*', 'elasticache:*', 'ssm:GetParameter', 'iam:Get*', 'iam:List*'],
    regions: ['eu-west-1', 'us-east-1', 'eu-west-1'],
    accountId: ACCOUNT,
    runnerRoleName: 'dev-github-infra-role',
    roleNamePatterns: ['shop-dev-*', 'dev-github-frontend-role'],
    instanceProfileNamePatterns: ['shop-dev-*'],
    permissionsBoundaryArn: `arn:aws:iam::${ACCOUNT}:policy/shop-dev-boundary`,
    passRoleToServices: ['ec2.amazonaws.com'],
  };

  it('grants the state bucket, the prefixes, the lock table, the services in the regions and the named roles', () => {
    const bucket = 'arn:aws:s3:::acme-tfstate-123456789012';
    expect(terraformRunnerStatements(RUNNER)).toEqual([
      { sid: 'StateList', actions: ['s3:ListBucket'], resources: [bucket] },
      {
        sid: 'StateObjects',
        actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
        resources: [`${bucket}/tfstate/shop-dev/*`, `${bucket}/tfstate/shop-dev-data/*`],
      },
      {
        sid: 'StateLock',
        actions: ['dynamodb:DescribeTable', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem'],
        resources: [`arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/acme-tflock`],
      },
      {
        sid: 'BlueprintServices',
        actions: ['ec2:*', 'elasticache:*', 'ssm:GetParameter', 'iam:Get*', 'iam:List*'],
        resources: ['*'],
        // Repeats dropped, order kept.
        conditions: [{ test: 'StringEquals', variable: 'aws:RequestedRegion', values: ['eu-west-1', 'us-east-1'] }],
      },
      {
        // Only roles that carry the boundary: the runner cannot make a role stronger than the boundary.
        sid: 'BlueprintRoles',
        actions: [...TERRAFORM_RUNNER_IAM_ACTIONS],
        resources: [`arn:aws:iam::${ACCOUNT}:role/shop-dev-*`, `arn:aws:iam::${ACCOUNT}:role/dev-github-frontend-role`],
        conditions: [
          {
            test: 'StringEquals',
            variable: 'iam:PermissionsBoundary',
            values: [`arn:aws:iam::${ACCOUNT}:policy/shop-dev-boundary`],
          },
        ],
      },
      {
        sid: 'PassBlueprintRoles',
        actions: ['iam:PassRole'],
        resources: [`arn:aws:iam::${ACCOUNT}:role/shop-dev-*`, `arn:aws:iam::${ACCOUNT}:role/dev-github-frontend-role`],
        conditions: [{ test: 'StringEquals', variable: 'iam:PassedToService', values: ['ec2.amazonaws.com'] }],
      },
      {
        sid: 'BlueprintProfiles',
        actions: [...TERRAFORM_RUNNER_PROFILE_ACTIONS],
        resources: [
          `arn:aws:iam::${ACCOUNT}:role/shop-dev-*`,
          `arn:aws:iam::${ACCOUNT}:role/dev-github-frontend-role`,
          `arn:aws:iam::${ACCOUNT}:instance-profile/shop-dev-*`,
        ],
      },
    ]);
  });

  it('refuses role patterns without a permissions boundary or pass-role services', () => {
    expect(() =>
      terraformRunnerStatements({ ...RUNNER, permissionsBoundaryArn: undefined, passRoleToServices: [] }),
    ).toThrow(/permissionsBoundaryArn: must be set with roleNamePatterns[\s\S]*passRoleToServices: must list/);
  });

  it('leaves out StateLock without a lock table and BlueprintRoles without name patterns', () => {
    const { lockTable: _lockTable, ...noTable } = STATE;
    const sids = terraformRunnerStatements({
      ...RUNNER,
      stateBackend: noTable,
      roleNamePatterns: undefined,
      instanceProfileNamePatterns: undefined,
    }).map((statement) => statement.sid);
    expect(sids).toEqual(['StateList', 'StateObjects', 'BlueprintServices']);
  });

  it('writes ARNs in the partition of the state region unless told otherwise', () => {
    const china = terraformRunnerStatements({
      ...RUNNER,
      stateBackend: { ...STATE, region: 'cn-north-1' },
      regions: ['cn-north-1'],
    });
    expect(china[0]!.resources).toEqual(['arn:aws-cn:s3:::acme-tfstate-123456789012']);
    expect(china[2]!.resources).toEqual([`arn:aws-cn:dynamodb:cn-north-1:${ACCOUNT}:table/acme-tflock`]);
    expect(china[4]!.resources[0]).toBe(`arn:aws-cn:iam::${ACCOUNT}:role/shop-dev-*`);
    const explicit = terraformRunnerStatements({ ...RUNNER, partition: 'aws-us-gov' });
    expect(explicit[0]!.resources).toEqual(['arn:aws-us-gov:s3:::acme-tfstate-123456789012']);
  });

  it('makes a policy GithubActionsRole accepts (no administrator access)', () => {
    const stack = testStack();
    new GithubActionsRole(stack, 'infra', {
      roleName: 'dev-github-infra-role',
      providerArn: `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`,
      repository: 'acme/shop-infra',
      policyStatements: terraformRunnerStatements(RUNNER),
    });
    const policy = Template.fromStack(stack).dataSource('aws_iam_policy_document', 'infra/policy') as {
      statement: Array<{ sid: string; condition?: unknown }>;
    };
    expect(policy.statement.map((statement) => statement.sid)).toEqual([
      'StateList',
      'StateObjects',
      'StateLock',
      'BlueprintServices',
      'BlueprintRoles',
      'PassBlueprintRoles',
      'BlueprintProfiles',
    ]);
    expect(policy.statement[3]!.condition).toEqual([
      { test: 'StringEquals', variable: 'aws:RequestedRegion', values: ['eu-west-1', 'us-east-1'] },
    ]);
  });

  it.each<[string, Partial<TerraformRunnerPolicyProps>, ExpectedIssue[]]>([
    [
      'a role pattern that matches the runner role itself',
      { roleNamePatterns: ['dev-github-*'] },
      [
        {
          path: 'roleNamePatterns[0]',
          value: 'dev-github-*',
          message: /matches the runner role "dev-github-infra-role"/,
        },
      ],
    ],
    [
      'the runner role by name, in other case',
      { roleNamePatterns: ['shop-dev-*', 'DEV-GITHUB-INFRA-ROLE'] },
      [{ path: 'roleNamePatterns[1]', value: 'DEV-GITHUB-INFRA-ROLE', message: /matches the runner role/ }],
    ],
    [
      'a bare * for roles and for instance profiles',
      { roleNamePatterns: ['*'], instanceProfileNamePatterns: ['*'] },
      [
        { path: 'roleNamePatterns[0]', value: '*', message: /not match every role/ },
        { path: 'roleNamePatterns[0]', value: '*', message: /matches the runner role/ },
        { path: 'instanceProfileNamePatterns[0]', value: '*', message: /not match every instance profile/ },
      ],
    ],
    [
      'IAM writes and every action among the service actions',
      { serviceActions: ['ec2:*', 'iam:*', 'iam:PutRolePolicy', '*', '*:*'] },
      [
        { path: 'serviceActions[1]', value: 'iam:*', message: /may only read IAM/ },
        { path: 'serviceActions[2]', value: 'iam:PutRolePolicy', message: /may only read IAM/ },
        { path: 'serviceActions[3]', value: '*', message: /name the services/ },
        { path: 'serviceActions[4]', value: '*:*', message: /without wildcards/ },
      ],
    ],
    [
      'empty lists',
      { stateKeyPrefixes: [], serviceActions: [], regions: [] },
      [
        { path: 'stateKeyPrefixes', value: [], message: /at least one state key prefix/ },
        { path: 'serviceActions', value: [], message: /at least one action/ },
        { path: 'regions', value: [], message: /at least one region/ },
      ],
    ],
    [
      'state key prefixes with slashes at the ends, a wildcard or nothing',
      { stateKeyPrefixes: ['/tfstate/shop', 'tfstate/', 'tfstate/*', ''] },
      [
        { path: 'stateKeyPrefixes[0]', value: '/tfstate/shop', message: /without leading or trailing "\/"/ },
        { path: 'stateKeyPrefixes[1]', value: 'tfstate/', message: /without leading or trailing "\/"/ },
        { path: 'stateKeyPrefixes[2]', value: 'tfstate/*', message: /without wildcards/ },
        { path: 'stateKeyPrefixes[3]', value: '', message: /non-empty/ },
      ],
    ],
    [
      'bad state-backend facts, region, account and partition',
      {
        stateBackend: { bucket: 'Acme_State', region: 'Europe', accountId: '1234', lockTable: 'x' },
        regions: ['eu-west-1', 'mars-1'],
        accountId: 'acme',
        partition: 'azure',
      },
      [
        { path: 'stateBackend.bucket', value: 'Acme_State', message: /S3 bucket name/ },
        { path: 'stateBackend.region', value: 'Europe', message: /AWS region/ },
        { path: 'stateBackend.accountId', value: '1234', message: /12-digit/ },
        { path: 'stateBackend.lockTable', value: 'x', message: /DynamoDB table name/ },
        { path: 'regions[1]', value: 'mars-1', message: /AWS region/ },
        { path: 'accountId', value: 'acme', message: /12-digit/ },
        { path: 'partition', value: 'azure', message: /AWS partition/ },
      ],
    ],
    [
      'no runner role name',
      { runnerRoleName: '' },
      [{ path: 'runnerRoleName', value: '', message: /runner role name/ }],
    ],
  ])('rejects %s, naming the field', (_label, change, expected) => {
    expectIssues(
      thrownBy(() => terraformRunnerStatements({ ...RUNNER, ...change })),
      expected,
      /terraformRunnerStatements props/,
    );
  });
});

/**
 * The ec2-web roles as the blueprint wrote them by hand (src/blueprints/ec2-web.ts, createGithubRoles), copied literally
 * with the blueprint's values as parameters: the builders must return exactly these statements for the same inputs.
 * (The backend role then pushed images and started instance refreshes; ec2-web now grants the image push only.)
 */
const SERVICE_ARN = `arn:aws:ecs:eu-west-1:${ACCOUNT}:service/shop-dev/shop-dev`;
const FAMILY_ARN = `arn:aws:ecs:eu-west-1:${ACCOUNT}:task-definition/shop-dev`;
const EXEC_ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/shop-dev-exec-20240101`;
const TASK_ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/shop-dev-task-20240101`;

describe('ecsServiceDeployStatements', () => {
  it('registers (and tags) revisions of the family, passes its roles to ECS tasks, updates the service to them', () => {
    const revisions = `${FAMILY_ARN}:*`;
    expect(
      ecsServiceDeployStatements({
        serviceArn: SERVICE_ARN,
        taskDefinitionFamilyArn: FAMILY_ARN,
        passRoleArns: [EXEC_ROLE_ARN, TASK_ROLE_ARN],
      }),
    ).toEqual([
      { sid: 'RegisterRevision', actions: ['ecs:RegisterTaskDefinition'], resources: [revisions] },
      {
        sid: 'TagRevisionOnCreate',
        actions: ['ecs:TagResource'],
        resources: [revisions],
        conditions: [{ test: 'StringEquals', variable: 'ecs:CreateAction', values: ['RegisterTaskDefinition'] }],
      },
      { sid: 'ReadTaskDefinitions', actions: ['ecs:DescribeTaskDefinition'], resources: ['*'] },
      {
        sid: 'PassTaskRoles',
        actions: ['iam:PassRole'],
        resources: [EXEC_ROLE_ARN, TASK_ROLE_ARN],
        conditions: [{ test: 'StringEquals', variable: 'iam:PassedToService', values: ['ecs-tasks.amazonaws.com'] }],
      },
      {
        sid: 'UpdateService',
        actions: ['ecs:UpdateService'],
        resources: [SERVICE_ARN],
        conditions: [{ test: 'ArnLike', variable: 'ecs:task-definition', values: [revisions] }],
      },
      { sid: 'DescribeService', actions: ['ecs:DescribeServices'], resources: [SERVICE_ARN] },
    ]);
  });

  it.each<[string, Partial<Parameters<typeof ecsServiceDeployStatements>[0]>, ExpectedIssue]>([
    [
      'a cluster ARN as the service',
      { serviceArn: `arn:aws:ecs:eu-west-1:${ACCOUNT}:cluster/shop-dev` },
      { path: 'serviceArn', value: `arn:aws:ecs:eu-west-1:${ACCOUNT}:cluster/shop-dev`, message: /ECS service ARN/ },
    ],
    [
      'a family with a revision',
      { taskDefinitionFamilyArn: `${FAMILY_ARN}:3` },
      { path: 'taskDefinitionFamilyArn', value: `${FAMILY_ARN}:3`, message: /without revision/ },
    ],
    ['no role to pass', { passRoleArns: [] }, { path: 'passRoleArns', value: [], message: /at least one ARN/ }],
    ['"*" as a role to pass', { passRoleArns: ['*'] }, { path: 'passRoleArns[0]', value: '*', message: /not "\*"/ }],
  ])('rejects %s, naming the field', (_label, patch, expected) => {
    const props = {
      serviceArn: SERVICE_ARN,
      taskDefinitionFamilyArn: FAMILY_ARN,
      passRoleArns: [EXEC_ROLE_ARN],
      ...patch,
    };
    expectSingleIssue(
      thrownBy(() => ecsServiceDeployStatements(props)),
      expected,
      /ecsServiceDeployStatements props/,
    );
  });
});

describe('terraformStateObjectStatements', () => {
  const key = 'aws-blueprints/shop-dev/terraform.tfstate';
  const lockId = `${STATE.bucket}/${key}`;

  it('reads and writes the one state object, and only its lock and digest items in the table', () => {
    expect(terraformStateObjectStatements({ stateBackend: STATE, stateKey: key })).toEqual([
      { sid: 'StateList', actions: ['s3:ListBucket'], resources: [`arn:aws:s3:::${STATE.bucket}`] },
      { sid: 'StateObject', actions: ['s3:GetObject', 's3:PutObject'], resources: [`arn:aws:s3:::${lockId}`] },
      {
        sid: 'StateLockItems',
        actions: ['dynamodb:DescribeTable', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem'],
        resources: [`arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/${STATE.lockTable}`],
        conditions: [
          { test: 'ForAllValues:StringEquals', variable: 'dynamodb:LeadingKeys', values: [lockId, `${lockId}-md5`] },
        ],
      },
    ]);
  });

  it('with S3-native locking and no table: the .tflock object beside the state, no table statement', () => {
    const { lockTable: _table, ...withoutTable } = STATE;
    expect(terraformStateObjectStatements({ stateBackend: withoutTable, stateKey: key, lockFile: true })).toEqual([
      { sid: 'StateList', actions: ['s3:ListBucket'], resources: [`arn:aws:s3:::${STATE.bucket}`] },
      { sid: 'StateObject', actions: ['s3:GetObject', 's3:PutObject'], resources: [`arn:aws:s3:::${lockId}`] },
      {
        sid: 'StateLockFile',
        actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
        resources: [`arn:aws:s3:::${lockId}.tflock`],
      },
    ]);
  });

  it.each<[string, string, ExpectedIssue]>([
    [
      'a wildcard key',
      'aws-blueprints/*',
      { path: 'stateKey', value: 'aws-blueprints/*', message: /without wildcards/ },
    ],
    [
      'a key with a leading /',
      '/shop-dev/terraform.tfstate',
      { path: 'stateKey', value: '/shop-dev/terraform.tfstate', message: /leading/ },
    ],
  ])('rejects %s, naming the field', (_label, stateKey, expected) => {
    expectSingleIssue(
      thrownBy(() => terraformStateObjectStatements({ stateBackend: STATE, stateKey })),
      expected,
      /terraformStateObjectStatements props/,
    );
  });
});

describe('terraformRefreshStatements', () => {
  it('keeps each read as a statement and holds the reads on * to the regions', () => {
    expect(
      terraformRefreshStatements({
        reads: [
          { sid: 'Network', actions: ['ec2:Describe*'], resources: ['*'] },
          { sid: 'Repository', actions: ['ecr:DescribeRepositories'], resources: [REPOSITORY_ARN] },
          { sid: 'Bucket', actions: ['s3:GetBucket*', 's3:GetLifecycleConfiguration'], resources: [BUCKET_ARN] },
        ],
        regions: ['eu-west-1', 'eu-west-1'],
      }),
    ).toEqual([
      {
        sid: 'Network',
        actions: ['ec2:Describe*'],
        resources: ['*'],
        conditions: [{ test: 'StringEquals', variable: 'aws:RequestedRegion', values: ['eu-west-1'] }],
      },
      { sid: 'Repository', actions: ['ecr:DescribeRepositories'], resources: [REPOSITORY_ARN] },
      { sid: 'Bucket', actions: ['s3:GetBucket*', 's3:GetLifecycleConfiguration'], resources: [BUCKET_ARN] },
    ]);
  });

  it.each<[string, string, RegExp]>([
    ['a write', 'ecs:UpdateService', /must be a read action/],
    ['a secret value', 'secretsmanager:GetSecretValue', /reads data \(secretsmanager:GetSecretValue\)/],
    ['a wildcard that reads objects', 's3:Get*', /reads data \(s3:GetObject\)/],
    ['every action of a service', 'ssm:*', /must be a read action/],
  ])('rejects %s, naming the action', (_label, action, message) => {
    expectSingleIssue(
      thrownBy(() =>
        terraformRefreshStatements({
          reads: [{ sid: 'Read', actions: [action], resources: ['*'] }],
          regions: ['eu-west-1'],
        }),
      ),
      { path: 'reads[0].actions[0]', value: action, message },
      /terraformRefreshStatements props/,
    );
  });

  it('counts every data read as one (no read action of the list passes)', () => {
    for (const action of DATA_READ_ACTIONS.filter((candidate) => /:(Describe|Get|List)/.test(candidate))) {
      expect(
        thrownBy(() =>
          terraformRefreshStatements({
            reads: [{ sid: 'R', actions: [action], resources: ['*'] }],
            regions: ['eu-west-1'],
          }),
        ),
      ).toBeDefined();
    }
  });
});

describe("reproduces the ec2-web blueprint's GitHub roles exactly", () => {
  // The inputs ec2-web has at hand: the frontend bucket/distribution, the backend repository and Auto Scaling group,
  // the environment and the `<appName>-<env>` prefix. (The infra role's statements are asserted by the blueprint test.)
  const frontend = { bucketArn: 'arn:aws:s3:::web-dev-frontend', distributionArn: DISTRIBUTION_ARN };
  const repository = { repositoryArn: `arn:aws:ecr:us-east-1:${ACCOUNT}:repository/web-dev-backend` };
  const instances = {
    autoScalingGroupArn: `arn:aws:autoscaling:us-east-1:${ACCOUNT}:autoScalingGroup:*:autoScalingGroupName/web-dev`,
  };

  // --- copied from ec2-web.ts (only `this.` dropped) ---
  const todayFrontend = (): GithubActionsPolicyStatement[] => [
    { sid: 'ListBucket', actions: ['s3:ListBucket'], resources: [frontend.bucketArn] },
    {
      sid: 'SyncObjects',
      actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
      resources: [`${frontend.bucketArn}/*`],
    },
    {
      sid: 'Invalidate',
      actions: ['cloudfront:CreateInvalidation', 'cloudfront:GetInvalidation', 'cloudfront:ListInvalidations'],
      resources: [frontend.distributionArn],
    },
  ];
  const todayBackend = (): GithubActionsPolicyStatement[] => [
    // GetAuthorizationToken has no resource-level permissions.
    { sid: 'EcrLogin', actions: ['ecr:GetAuthorizationToken'], resources: ['*'] },
    {
      sid: 'EcrPush',
      actions: [
        'ecr:BatchCheckLayerAvailability',
        'ecr:InitiateLayerUpload',
        'ecr:UploadLayerPart',
        'ecr:CompleteLayerUpload',
        'ecr:PutImage',
        'ecr:BatchGetImage',
        'ecr:GetDownloadUrlForLayer',
      ],
      resources: [repository.repositoryArn],
    },
    {
      sid: 'InstanceRefresh',
      actions: ['autoscaling:StartInstanceRefresh', 'autoscaling:CancelInstanceRefresh'],
      resources: [instances.autoScalingGroupArn],
    },
    // Describe calls have no resource-level permissions.
    { sid: 'WatchRefresh', actions: ['autoscaling:DescribeInstanceRefreshes'], resources: ['*'] },
  ];
  // --- end of the copy ---

  it('frontend role: staticSiteDeployStatements', () => {
    expect(staticSiteDeployStatements(frontend)).toStrictEqual(todayFrontend());
  });

  it('backend role: containerImagePushStatements then instanceRefreshStatements', () => {
    expect([
      ...containerImagePushStatements({ repositoryArns: [repository.repositoryArn] }),
      ...instanceRefreshStatements({ autoScalingGroupArns: [instances.autoScalingGroupArn] }),
    ]).toStrictEqual(todayBackend());
  });
});
