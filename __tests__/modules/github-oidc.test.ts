/**
 * GitHub OIDC: the provider's URL, audience and thumbprints (or an adopted ARN), and each role's trust policy claim by
 * claim (aud and sub values, StringEquals vs StringLike), its inline and managed policies, and the refusals: wildcard
 * or malformed repositories, pull requests unless asked, administrator access unless asked.
 */
import { ValidationError } from '../../modules/core/validation';
import {
  GithubActionsRole,
  GithubOidcProvider,
  githubSubjects,
  type GithubActionsRoleProps,
} from '../../modules/github-oidc';
import { Template, testStack } from '../helpers/template';
import { rejectsEachCase, type ExpectedIssue } from '../helpers/validation';

const REPO = 'Kindee18/StartTech-Kindson-1148';
const PROVIDER_ARN = 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com';
const DEPLOY_SITE = [
  { sid: 'Site', actions: ['s3:PutObject', 's3:DeleteObject'], resources: ['arn:aws:s3:::site/*'] },
] as const;
const BASE: GithubActionsRoleProps = {
  roleName: 'dev-github-frontend-role',
  providerArn: PROVIDER_ARN,
  repository: REPO,
  policyStatements: DEPLOY_SITE,
};

type Statement = Record<string, unknown> & { condition?: Array<Record<string, unknown>> };

/** The single statement of a role's trust policy. */
function trustStatement(t: Template, rolePath: string): Statement {
  const doc = t.dataSource('aws_iam_policy_document', `${rolePath}/trust-policy`) as { statement: Statement[] };
  expect(doc.statement).toHaveLength(1);
  return doc.statement[0] as Statement;
}

describe('GithubOidcProvider', () => {
  let t: Template;
  let created: GithubOidcProvider;
  let adopted: GithubOidcProvider;
  beforeAll(() => {
    const stack = testStack();
    created = new GithubOidcProvider(stack, 'oidc', { tags: { team: 'platform' } });
    adopted = new GithubOidcProvider(stack, 'existing', { existingProviderArn: PROVIDER_ARN });
    t = Template.fromStack(stack);
  });

  it('creates one provider for GitHub with the STS audience and both published thumbprints', () => {
    expect(t.count('aws_iam_openid_connect_provider')).toBe(1);
    expect(t.resource('aws_iam_openid_connect_provider', 'oidc/provider')).toEqual({
      url: 'https://token.actions.githubusercontent.com',
      client_id_list: ['sts.amazonaws.com'],
      thumbprint_list: ['6938fd4d98bab03faadb97b34396831e3780aea1', '1c58a3a8518e8759bf075b76b750d4f2df264fcd'],
      tags: { team: 'platform' },
    });
    expect(created.provider).toBeDefined();
  });

  it('adopts an existing provider by ARN without creating one', () => {
    expect(adopted.provider).toBeUndefined();
    expect(adopted.providerArn).toBe(PROVIDER_ARN);
  });

  it.each([
    ['an ARN of another provider', 'arn:aws:iam::123456789012:oidc-provider/gitlab.com'],
    ['a role ARN', 'arn:aws:iam::123456789012:role/x'],
  ])('rejects %s as existingProviderArn', (_label, arn) => {
    const stack = testStack('bad-provider');
    expect(() => new GithubOidcProvider(stack, 'p', { existingProviderArn: arn })).toThrow(ValidationError);
    expect(() => new GithubOidcProvider(stack, 'q', { existingProviderArn: arn })).toThrow(
      `existingProviderArn: must be the ARN of the GitHub OIDC provider`,
    );
  });
});

describe('GithubActionsRole: one branch (the seed roles)', () => {
  let t: Template;
  let role: GithubActionsRole;
  beforeAll(() => {
    const stack = testStack();
    const provider = new GithubOidcProvider(stack, 'oidc');
    role = new GithubActionsRole(stack, 'frontend', { ...BASE, providerArn: provider.providerArn });
    t = Template.fromStack(stack);
  });

  it('trusts the OIDC provider for sts:AssumeRoleWithWebIdentity only', () => {
    const statement = trustStatement(t, 'frontend');
    expect(statement.effect).toBe('Allow');
    expect(statement.actions).toEqual(['sts:AssumeRoleWithWebIdentity']);
    expect(statement.principals).toEqual([
      { type: 'Federated', identifiers: [t.ref('aws_iam_openid_connect_provider', 'oidc/provider', 'arn')] },
    ]);
  });

  it('pins aud to sts.amazonaws.com and sub to the exact repository and branch, both with StringEquals', () => {
    expect(trustStatement(t, 'frontend').condition).toEqual([
      { test: 'StringEquals', variable: 'token.actions.githubusercontent.com:aud', values: ['sts.amazonaws.com'] },
      {
        test: 'StringEquals',
        variable: 'token.actions.githubusercontent.com:sub',
        values: ['repo:Kindee18/StartTech-Kindson-1148:ref:refs/heads/main'],
      },
    ]);
    expect(role.subjectOperator).toBe('StringEquals');
  });

  it('does not accept pull requests by default', () => {
    const subjects = (trustStatement(t, 'frontend').condition?.[1]?.values as string[]) ?? [];
    expect(subjects.some((subject) => subject.endsWith(':pull_request'))).toBe(false);
    expect(role.subjects).toEqual(['repo:Kindee18/StartTech-Kindson-1148:ref:refs/heads/main']);
  });

  it('creates the named role with the trust policy, a 1-hour session limit and a description', () => {
    expect(t.resource('aws_iam_role', 'frontend/role')).toEqual({
      name: 'dev-github-frontend-role',
      description: 'GitHub Actions: Kindee18/StartTech-Kindson-1148',
      assume_role_policy: t.dataRef('aws_iam_policy_document', 'frontend/trust-policy'),
      max_session_duration: 3600,
    });
  });

  it('attaches the inline policy with exactly the given statement', () => {
    expect(t.resource('aws_iam_role_policy', 'frontend/inline-policy')).toEqual({
      name: 'github-actions',
      role: t.ref('aws_iam_role', 'frontend/role'),
      policy: t.dataRef('aws_iam_policy_document', 'frontend/policy'),
    });
    expect(t.dataSource('aws_iam_policy_document', 'frontend/policy')).toEqual({
      statement: [
        {
          sid: 'Site',
          effect: 'Allow',
          actions: ['s3:PutObject', 's3:DeleteObject'],
          resources: ['arn:aws:s3:::site/*'],
        },
      ],
    });
    expect(t.count('aws_iam_role_policy_attachment')).toBe(0);
  });
});

describe('GithubActionsRole: wildcard branch, environments, pull requests, managed policies, admin', () => {
  let t: Template;
  let role: GithubActionsRole;
  beforeAll(() => {
    const stack = testStack();
    role = new GithubActionsRole(stack, 'infra', {
      roleName: 'dev-github-infra-role',
      providerArn: PROVIDER_ARN,
      repository: 'Kindee18/StartTech-Infra-Kindson-1148',
      branches: ['main', 'release/*'],
      environments: ['production'],
      allowPullRequests: true,
      maxSessionDurationSeconds: 7200,
      policyStatements: [{ actions: ['*'], resources: ['*'] }],
      allowAdministratorAccess: true,
      managedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess', 'arn:aws:iam::123456789012:policy/boundary'],
      permissionsBoundaryArn: 'arn:aws:iam::123456789012:policy/boundary',
      tags: { team: 'platform' },
    });
    t = Template.fromStack(stack);
  });

  it('lists branch, environment and pull-request subjects with StringLike because one has a wildcard', () => {
    expect(trustStatement(t, 'infra').condition).toEqual([
      { test: 'StringEquals', variable: 'token.actions.githubusercontent.com:aud', values: ['sts.amazonaws.com'] },
      {
        test: 'StringLike',
        variable: 'token.actions.githubusercontent.com:sub',
        values: [
          'repo:Kindee18/StartTech-Infra-Kindson-1148:ref:refs/heads/main',
          'repo:Kindee18/StartTech-Infra-Kindson-1148:ref:refs/heads/release/*',
          'repo:Kindee18/StartTech-Infra-Kindson-1148:environment:production',
          'repo:Kindee18/StartTech-Infra-Kindson-1148:pull_request',
        ],
      },
    ]);
    expect(role.subjectOperator).toBe('StringLike');
  });

  it('sets the session limit, the permissions boundary and the tags', () => {
    expect(t.resource('aws_iam_role', 'infra/role')).toMatchObject({
      max_session_duration: 7200,
      permissions_boundary: 'arn:aws:iam::123456789012:policy/boundary',
      tags: { team: 'platform' },
    });
  });

  it('attaches one policy attachment per managed policy ARN', () => {
    expect(t.count('aws_iam_role_policy_attachment')).toBe(2);
    expect(t.resource('aws_iam_role_policy_attachment', 'infra/managed-policy-0')).toEqual({
      role: t.ref('aws_iam_role', 'infra/role', 'name'),
      policy_arn: 'arn:aws:iam::aws:policy/AdministratorAccess',
    });
  });
});

describe('githubSubjects', () => {
  it('puts environments alone when branches is empty', () => {
    expect(githubSubjects({ repository: 'o/r', branches: [], environments: ['dev', 'prod'] })).toEqual([
      'repo:o/r:environment:dev',
      'repo:o/r:environment:prod',
    ]);
  });
});

describe('GithubActionsRole validation', () => {
  const cases: Array<[string, Partial<GithubActionsRoleProps>, ExpectedIssue]> = [
    [
      'a repository that is only a wildcard',
      { repository: '*' },
      { path: 'repository', value: '*', message: /^must name one repository, owner\/name without wildcards/ },
    ],
    [
      'a wildcard repository name under an owner',
      { repository: 'Kindee18/*' },
      { path: 'repository', value: 'Kindee18/*', message: /other repositories' workflows assume the role$/ },
    ],
    [
      'a wildcard owner',
      { repository: '*/StartTech-Kindson-1148' },
      { path: 'repository', value: '*/StartTech-Kindson-1148', message: /^must name one repository/ },
    ],
    [
      'a repository without an owner',
      { repository: 'owner' },
      { path: 'repository', value: 'owner', message: /^must be owner\/name, e\.g\. octo-org\/octo-repo$/ },
    ],
    [
      'a repository with three parts',
      { repository: 'a/b/c' },
      { path: 'repository', value: 'a/b/c', message: /^must be owner\/name/ },
    ],
    [
      'an owner with a space',
      { repository: 'bad owner/x' },
      { path: 'repository', value: 'bad owner/x', message: /^has an invalid owner: GitHub owners are 1-39/ },
    ],
    [
      'an owner longer than 39 characters',
      { repository: `${'a'.repeat(40)}/x` },
      { path: 'repository', value: `${'a'.repeat(40)}/x`, message: /^has an invalid owner/ },
    ],
    [
      'a repository name with a character GitHub does not allow',
      { repository: 'owner/my repo' },
      { path: 'repository', value: 'owner/my repo', message: /^has an invalid name: GitHub repository names/ },
    ],
    [
      'a branch with a colon',
      { branches: ['main:x'] },
      { path: 'branches[0]', value: 'main:x', message: /^must be a branch name/ },
    ],
    [
      'no branch, no environment and no pull requests',
      { branches: [] },
      { path: 'branches', value: [], message: /^must list at least one branch/ },
    ],
    [
      'a session longer than 12 hours',
      { maxSessionDurationSeconds: 50000 },
      { path: 'maxSessionDurationSeconds', value: 50000, message: /^must be a whole number of seconds from 3600/ },
    ],
    [
      'no policy statement',
      { policyStatements: [] },
      { path: 'policyStatements', value: [], message: /^must hold at least one statement$/ },
    ],
    [
      'an administrator statement without allowAdministratorAccess',
      { policyStatements: [{ actions: ['*'], resources: ['*'] }] },
      {
        path: 'policyStatements[0]',
        value: { actions: ['*'], resources: ['*'] },
        message: /^allows every action on every resource \(administrator access\).*allowAdministratorAccess: true$/,
      },
    ],
    [
      'the AdministratorAccess managed policy without allowAdministratorAccess',
      { managedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'] },
      {
        path: 'managedPolicyArns[0]',
        value: 'arn:aws:iam::aws:policy/AdministratorAccess',
        message: /^grants administrator access; set allowAdministratorAccess: true/,
      },
    ],
    [
      'a malformed action',
      { policyStatements: [{ actions: ['PutObject'], resources: ['arn:aws:s3:::b/*'] }] },
      { path: 'policyStatements[0].actions[0]', value: 'PutObject', message: /^must be an IAM action/ },
    ],
    [
      'a role name with a space',
      { roleName: 'dev github role' },
      { path: 'roleName', value: 'dev github role', message: /^must be 1-64 characters/ },
    ],
  ];

  const bad = rejectsEachCase({
    subject: /^Invalid GithubActionsRole "invalid\/bad-\d+" props:\n {2}- /,
    cases,
    build: (stack, id, props) => new GithubActionsRole(stack, id, { ...BASE, ...props }),
  });

  it('allows pull requests only as the sole subject when asked', () => {
    const role = new GithubActionsRole(testStack('prs'), 'prs', { ...BASE, branches: [], allowPullRequests: true });
    expect(role.subjects).toEqual(['repo:Kindee18/StartTech-Kindson-1148:pull_request']);
  });

  it('adds no resource to the stack when construction throws', () => {
    const t = Template.fromStack(bad.stack());
    expect(t.json.resource).toBeUndefined();
    expect(t.json.data).toBeUndefined();
  });
});
