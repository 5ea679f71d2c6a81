/**
 * GitHub Actions → AWS without long-lived keys: the account's OIDC identity provider for
 * `token.actions.githubusercontent.com`, and IAM roles a workflow assumes with `sts:AssumeRoleWithWebIdentity`.
 *
 * A role trusts exactly one repository, and inside it only the listed branches and GitHub environments (pull requests
 * only when asked). The trust policy always pins both claims of GitHub's token:
 *
 * | claim | operator                                    | values                                                      |
 * | ----- | ------------------------------------------- | ----------------------------------------------------------- |
 * | `aud` | StringEquals                                | `sts.amazonaws.com`                                         |
 * | `sub` | StringEquals (StringLike if one has * or ?) | `repo:<owner>/<repo>:ref:refs/heads/<branch>`,              |
 * |       |                                             | `repo:<owner>/<repo>:environment:<env>`, `...:pull_request` |
 *
 * A job that declares `environment:` gets a token whose `sub` is the environment form, not the branch form, so such
 * jobs need the environment listed. IAM compares `sub` case-sensitively: write the repository as GitHub spells it.
 */
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { assertNoIssues, joinPath, type ValidationIssue } from '../core/validation';

export * from './deploy-policies';

/** GitHub's OIDC issuer, without the scheme: also the prefix of every claim key IAM conditions use. */
export const GITHUB_OIDC_HOST = 'token.actions.githubusercontent.com';
export const GITHUB_OIDC_URL = `https://${GITHUB_OIDC_HOST}`;
/** The audience `aws-actions/configure-aws-credentials` requests. */
export const GITHUB_OIDC_AUDIENCE = 'sts.amazonaws.com';
/**
 * GitHub's published intermediate-certificate thumbprints. Since July 2023 AWS validates this issuer against its own
 * trusted CA store and ignores the list, but the API still accepts it and older tooling compares it, so we send it.
 */
export const GITHUB_OIDC_THUMBPRINTS = [
  '6938fd4d98bab03faadb97b34396831e3780aea1',
  '1c58a3a8518e8759bf075b76b750d4f2df264fcd',
] as const;

const ADMINISTRATOR_ACCESS_POLICY = /^arn:aws[a-z-]*:iam::aws:policy\/AdministratorAccess$/;

export interface GithubOidcProviderProps {
  /**
   * ARN of the account's existing GitHub OIDC provider. An account holds at most one provider per issuer URL, so a
   * second stack in the same account must pass the first one's ARN here instead of creating another.
   * Default: none (the provider is created).
   */
  readonly existingProviderArn?: string;
  /** Tags on the created provider, beside the provider's default tags. Default: none. */
  readonly tags?: Readonly<Record<string, string>>;
}

/** The account's identity provider for GitHub Actions tokens, created or adopted by ARN. */
export class GithubOidcProvider extends Construct {
  /** Present when the provider is created here (no `existingProviderArn`). */
  readonly provider?: IamOpenidConnectProvider;
  /** ARN to put in a role's `Federated` principal. */
  readonly providerArn: string;
  readonly url = GITHUB_OIDC_URL;

  constructor(scope: Construct, id: string, props: GithubOidcProviderProps = {}) {
    super(scope, id);
    assertNoIssues(`GithubOidcProvider "${this.node.path}" props`, validateGithubOidcProviderProps(props));
    if (props.existingProviderArn !== undefined) {
      this.providerArn = props.existingProviderArn;
      return;
    }
    this.provider = new IamOpenidConnectProvider(this, 'provider', {
      url: GITHUB_OIDC_URL,
      clientIdList: [GITHUB_OIDC_AUDIENCE],
      thumbprintList: [...GITHUB_OIDC_THUMBPRINTS],
      tags: props.tags ? { ...props.tags } : undefined,
    });
    this.providerArn = this.provider.arn;
  }
}

export function validateGithubOidcProviderProps(props: GithubOidcProviderProps): ValidationIssue[] {
  const arn = props.existingProviderArn;
  if (arn === undefined || Token.isUnresolved(arn)) return [];
  const expected = new RegExp(`^arn:aws[a-z-]*:iam::\\d{12}:oidc-provider/${escapeRegExp(GITHUB_OIDC_HOST)}$`);
  if (expected.test(arn)) return [];
  const message = `must be the ARN of the GitHub OIDC provider, arn:aws:iam::<account id>:oidc-provider/${GITHUB_OIDC_HOST}`;
  return [{ path: 'existingProviderArn', value: arn, message }];
}

/** One statement of a role's inline policy. */
export interface GithubActionsPolicyStatement {
  /** Statement id, for reading the policy. Default: none. */
  readonly sid?: string;
  /** `Allow` or `Deny`. Default: `Allow`. */
  readonly effect?: 'Allow' | 'Deny';
  /** IAM actions, `service:Action` (wildcards allowed), e.g. `s3:PutObject`. Required, at least one. */
  readonly actions: readonly string[];
  /** ARNs the actions apply to; `*` only for actions AWS cannot scope (e.g. ecr:GetAuthorizationToken). Required. */
  readonly resources: readonly string[];
  /** IAM conditions, e.g. `{ test: 'StringEquals', variable: 'aws:ResourceTag/app', values: ['web'] }`. Default: none. */
  readonly conditions?: ReadonlyArray<{
    readonly test: string;
    readonly variable: string;
    readonly values: readonly string[];
  }>;
}

export interface GithubActionsRoleProps {
  /** The role's name, e.g. `dev-github-frontend-role`; 1-64 of `A-Za-z0-9+=,.@_-`. Required. */
  readonly roleName: string;
  /** ARN of the GitHub OIDC provider ({@link GithubOidcProvider.providerArn}). Required. */
  readonly providerArn: string;
  /**
   * The one repository whose workflows may assume the role, `owner/name` exactly as GitHub spells it (IAM compares
   * case-sensitively). Wildcards are refused: `*` or `owner/*` would let other repositories assume the role. Required.
   */
  readonly repository: string;
  /** Branches whose workflow runs may assume the role; `*` and `?` are glob wildcards (`release/*`). Default: ['main']. */
  readonly branches?: readonly string[];
  /** GitHub environments whose jobs may assume the role (jobs with `environment:`). Default: [] (none). */
  readonly environments?: readonly string[];
  /**
   * Let `pull_request` workflow runs assume the role. They run code from unmerged branches, possibly from forks'
   * authors, so this is off unless asked for. Default: false.
   */
  readonly allowPullRequests?: boolean;
  /** Longest session a workflow may request, 3600 to 43200 seconds. Default: 3600. */
  readonly maxSessionDurationSeconds?: number;
  /** The role's inline policy. Required, at least one statement. */
  readonly policyStatements: readonly GithubActionsPolicyStatement[];
  /**
   * Allow a statement granting every action on every resource (`*` on `*`) or the AWS managed AdministratorAccess
   * policy, e.g. for an infrastructure pipeline that must create anything. Default: false (refused).
   */
  readonly allowAdministratorAccess?: boolean;
  /** Managed policies attached besides the inline policy. Default: [] (none). */
  readonly managedPolicyArns?: readonly string[];
  /** Permissions boundary capping what the role can do, whatever its policies say. Default: none. */
  readonly permissionsBoundaryArn?: string;
  /** The role's description. Default: `GitHub Actions: <repository>`. */
  readonly description?: string;
  /** Tags on the role, beside the provider's default tags. Default: none. */
  readonly tags?: Readonly<Record<string, string>>;
}

/** An IAM role that workflow runs of one repository (listed branches/environments) assume through GitHub OIDC. */
export class GithubActionsRole extends Construct {
  readonly role: IamRole;
  readonly roleArn: string;
  readonly roleName: string;
  /** The `sub` claim values the trust policy accepts, e.g. `repo:owner/name:ref:refs/heads/main`. */
  readonly subjects: readonly string[];
  /** `StringLike` when a subject holds a wildcard, otherwise `StringEquals`. */
  readonly subjectOperator: 'StringEquals' | 'StringLike';
  readonly trustPolicyDocument: DataAwsIamPolicyDocument;
  /** The trust (assume-role) policy as JSON. */
  readonly trustPolicyJson: string;
  readonly policyDocument: DataAwsIamPolicyDocument;
  readonly inlinePolicy: IamRolePolicy;
  readonly managedPolicyAttachments: readonly IamRolePolicyAttachment[];

  constructor(scope: Construct, id: string, props: GithubActionsRoleProps) {
    super(scope, id);
    assertNoIssues(`GithubActionsRole "${this.node.path}" props`, validateGithubActionsRoleProps(props));

    this.subjects = githubSubjects(props);
    this.subjectOperator = this.subjects.some(hasWildcard) ? 'StringLike' : 'StringEquals';
    this.trustPolicyDocument = new DataAwsIamPolicyDocument(this, 'trust-policy', {
      statement: [
        {
          effect: 'Allow',
          actions: ['sts:AssumeRoleWithWebIdentity'],
          principals: [{ type: 'Federated', identifiers: [props.providerArn] }],
          condition: [
            { test: 'StringEquals', variable: `${GITHUB_OIDC_HOST}:aud`, values: [GITHUB_OIDC_AUDIENCE] },
            { test: this.subjectOperator, variable: `${GITHUB_OIDC_HOST}:sub`, values: [...this.subjects] },
          ],
        },
      ],
    });
    this.trustPolicyJson = this.trustPolicyDocument.json;

    this.role = new IamRole(this, 'role', {
      name: props.roleName,
      description: props.description ?? `GitHub Actions: ${props.repository}`,
      assumeRolePolicy: this.trustPolicyJson,
      maxSessionDuration: props.maxSessionDurationSeconds ?? 3600,
      permissionsBoundary: props.permissionsBoundaryArn,
      tags: props.tags ? { ...props.tags } : undefined,
    });
    this.roleArn = this.role.arn;
    this.roleName = this.role.name;

    this.policyDocument = new DataAwsIamPolicyDocument(this, 'policy', {
      statement: props.policyStatements.map((statement) => ({
        sid: statement.sid,
        effect: statement.effect ?? 'Allow',
        actions: [...statement.actions],
        resources: [...statement.resources],
        condition: statement.conditions?.map((condition) => ({ ...condition, values: [...condition.values] })),
      })),
    });
    this.inlinePolicy = new IamRolePolicy(this, 'inline-policy', {
      name: 'github-actions',
      role: this.role.id,
      policy: this.policyDocument.json,
    });
    this.managedPolicyAttachments = (props.managedPolicyArns ?? []).map(
      (policyArn, index) =>
        new IamRolePolicyAttachment(this, `managed-policy-${index}`, { role: this.role.name, policyArn }),
    );
  }
}

/** The `sub` values a role accepts, in the order branches, environments, pull requests. */
export function githubSubjects(
  props: Pick<GithubActionsRoleProps, 'repository' | 'branches' | 'environments' | 'allowPullRequests'>,
): string[] {
  const prefix = `repo:${props.repository}`;
  return [
    ...(props.branches ?? ['main']).map((branch) => `${prefix}:ref:refs/heads/${branch}`),
    ...(props.environments ?? []).map((environment) => `${prefix}:environment:${environment}`),
    ...(props.allowPullRequests ? [`${prefix}:pull_request`] : []),
  ];
}

const GITHUB_OWNER = /^[A-Za-z0-9][A-Za-z0-9-]{0,38}$/;
const GITHUB_REPOSITORY_NAME = /^[A-Za-z0-9._-]{1,100}$/;
const IAM_ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
const IAM_ACTION = /^(\*|[a-z0-9-]+:[A-Za-z0-9*?]+)$/;

/** Every rule the role's constructor enforces, as a pure function. */
export function validateGithubActionsRoleProps(props: GithubActionsRoleProps): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  issues.push(...checkIamRoleName('roleName', props.roleName));
  issues.push(...checkGithubRepository('repository', props.repository));

  const branches = props.branches ?? ['main'];
  const environments = props.environments ?? [];
  branches.forEach((branch, index) => issues.push(...checkGithubBranch(joinPath('branches', index), branch)));
  environments.forEach((environment, index) =>
    issues.push(...checkGithubEnvironment(joinPath('environments', index), environment)),
  );
  issues.push(...checkGithubRoleSubjects('branches', branches, environments, props.allowPullRequests ?? false));

  const duration = props.maxSessionDurationSeconds ?? 3600;
  if (!Number.isInteger(duration) || duration < 3600 || duration > 43200) {
    const message = 'must be a whole number of seconds from 3600 (1 hour) to 43200 (12 hours)';
    issues.push({ path: 'maxSessionDurationSeconds', value: duration, message });
  }

  const statements = props.policyStatements ?? [];
  if (statements.length === 0) {
    issues.push({ path: 'policyStatements', value: statements, message: 'must hold at least one statement' });
  }
  statements.forEach((statement, index) =>
    issues.push(...checkStatement(joinPath('policyStatements', index), statement, !!props.allowAdministratorAccess)),
  );

  (props.managedPolicyArns ?? []).forEach((arn, index) => {
    if (Token.isUnresolved(arn)) return;
    const path = joinPath('managedPolicyArns', index);
    if (!/^arn:aws[a-z-]*:iam::(aws|\d{12}):policy\/.+$/.test(arn)) {
      issues.push({ path, value: arn, message: 'must be an IAM policy ARN, arn:aws:iam::<account id|aws>:policy/...' });
    } else if (ADMINISTRATOR_ACCESS_POLICY.test(arn) && !props.allowAdministratorAccess) {
      const message = 'grants administrator access; set allowAdministratorAccess: true if the role really needs it';
      issues.push({ path, value: arn, message });
    }
  });
  return issues;
}

/** An IAM role name: 1-64 characters of A-Za-z0-9+=,.@_-. A token passes. */
export function checkIamRoleName(path: string, roleName: string): ValidationIssue[] {
  if (Token.isUnresolved(roleName) || IAM_ROLE_NAME.test(roleName ?? '')) return [];
  return [{ path, value: roleName, message: 'must be 1-64 characters of A-Za-z0-9+=,.@_-' }];
}

/** A role needs someone to trust: a branch, an environment, or pull requests. Reported at `path` (the branches'). */
export function checkGithubRoleSubjects(
  path: string,
  branches: readonly string[],
  environments: readonly string[],
  allowPullRequests: boolean,
): ValidationIssue[] {
  if (branches.length > 0 || environments.length > 0 || allowPullRequests) return [];
  const message = 'must list at least one branch when environments is empty and pull requests are not allowed';
  return [{ path, value: branches, message }];
}

/** A branch whose workflow runs may assume a role: 1-255 characters, no spaces or colons (`*` and `?` are globs). */
export function checkGithubBranch(path: string, branch: string): ValidationIssue[] {
  return checkRefPart(path, branch, 'branch');
}

/** A GitHub environment whose jobs may assume a role: 1-255 characters, no spaces or colons. */
export function checkGithubEnvironment(path: string, environment: string): ValidationIssue[] {
  return checkRefPart(path, environment, 'environment');
}

/** One repository, `owner/name` as GitHub allows them, without wildcards. */
export function checkGithubRepository(path: string, repository: string): ValidationIssue[] {
  const issue = (message: string) => [{ path, value: repository, message }];
  if (typeof repository !== 'string') return issue('must be a string, owner/name');
  const parts = repository.split('/');
  if (parts.some(hasWildcard)) {
    return issue(
      'must name one repository, owner/name without wildcards: a * or ? in the owner or name would let other ' +
        "repositories' workflows assume the role",
    );
  }
  const [owner = '', name = '', ...rest] = parts;
  if (parts.length !== 2 || rest.length > 0) return issue('must be owner/name, e.g. octo-org/octo-repo');
  if (!GITHUB_OWNER.test(owner)) {
    return issue('has an invalid owner: GitHub owners are 1-39 letters, digits or hyphens, not starting with a hyphen');
  }
  if (!GITHUB_REPOSITORY_NAME.test(name) || name === '.' || name === '..') {
    return issue('has an invalid name: GitHub repository names are 1-100 of A-Za-z0-9._- (not "." or "..")');
  }
  return [];
}

/** A branch or environment name: non-empty, no whitespace, no `:` (which would shift the claim's fields). */
function checkRefPart(path: string, value: string, what: string): ValidationIssue[] {
  if (typeof value === 'string' && value.length > 0 && value.length <= 255 && !/[\s:]/.test(value)) return [];
  return [{ path, value, message: `must be a ${what} name: 1-255 characters, no spaces or colons` }];
}

function checkStatement(
  path: string,
  statement: GithubActionsPolicyStatement,
  allowAdministratorAccess: boolean,
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const actions = statement.actions ?? [];
  const resources = statement.resources ?? [];
  if (actions.length === 0) issues.push({ path: `${path}.actions`, value: actions, message: 'must list an action' });
  actions.forEach((action, index) => {
    if (Token.isUnresolved(action) || IAM_ACTION.test(action)) return;
    const message = 'must be an IAM action, service:Action (e.g. s3:PutObject), or *';
    issues.push({ path: joinPath(`${path}.actions`, index), value: action, message });
  });
  if (resources.length === 0) {
    issues.push({ path: `${path}.resources`, value: resources, message: 'must list a resource ARN' });
  }
  const allActions = actions.some((action) => action === '*' || action === '*:*');
  if ((statement.effect ?? 'Allow') === 'Allow' && allActions && resources.includes('*') && !allowAdministratorAccess) {
    const message =
      'allows every action on every resource (administrator access); scope it, or set allowAdministratorAccess: true';
    issues.push({ path, value: { actions, resources }, message });
  }
  return issues;
}

/** Whether `text` holds a glob wildcard (`*` or `?`), which makes a subject match more than one ref or repository. */
export function hasWildcard(text: string): boolean {
  return text.includes('*') || text.includes('?');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
