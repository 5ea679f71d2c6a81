/**
 * Trust policies of the IAM roles the workflows assume by OIDC. Each GitHub environment gets its own role, trusted
 * only by jobs that run in that environment of one repository (`sub` = `repo:<owner>/<repo>:environment:<env>`):
 *
 * | role    | GitHub environment | workflow jobs                         | permissions (attached by hand, RUNBOOK.md)    |
 * | ------- | ------------------ | ------------------------------------- | --------------------------------------------- |
 * | `plan`  | `<env>-plan`       | terraform-stacks.yml `plan`           | read-only, state read, lock table read/write  |
 * | `apply` | `<env>`            | terraform-stacks.yml `apply`          | what the stacks create, state read/write      |
 *
 * The environment, not the branch, is what the token carries for a job with `environment:`; `<env>` is the one with
 * required reviewers (prod) and a deployment-branch rule (main), so the apply role inherits both.
 */
import { GITHUB_OIDC_AUDIENCE, GITHUB_OIDC_HOST, githubSubjects } from '../../modules/github-oidc';
import { PLAN_ENVIRONMENT_SUFFIX } from './ci-stacks';

export type CiRole = 'plan' | 'apply';

export interface CiTrustPolicyOptions {
  /** Account the role lives in (the environment's `accountId`). */
  readonly accountId: string;
  /** `owner/name`, exactly as GitHub spells it: IAM compares `sub` case-sensitively. */
  readonly repository: string;
  /** Configured environment name, e.g. `prod`. */
  readonly environment: string;
  readonly role: CiRole;
}

/** The GitHub environment whose jobs assume the role: `<env>` (apply) or `<env>-plan` (plan). */
export function githubEnvironment(environment: string, role: CiRole): string {
  return role === 'plan' ? `${environment}${PLAN_ENVIRONMENT_SUFFIX}` : environment;
}

export function ciTrustPolicy(options: CiTrustPolicyOptions): object {
  if (!/^[A-Za-z0-9][A-Za-z0-9-]*\/[A-Za-z0-9._-]+$/.test(options.repository)) {
    throw new Error(`repository must be owner/name without wildcards (got "${options.repository}")`);
  }
  if (!/^\d{12}$/.test(options.accountId)) throw new Error(`account id must be 12 digits (got "${options.accountId}")`);
  const subjects = githubSubjects({
    repository: options.repository,
    branches: [],
    environments: [githubEnvironment(options.environment, options.role)],
  });
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'GitHubActionsOidc',
        Effect: 'Allow',
        Principal: { Federated: `arn:aws:iam::${options.accountId}:oidc-provider/${GITHUB_OIDC_HOST}` },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: {
            [`${GITHUB_OIDC_HOST}:aud`]: GITHUB_OIDC_AUDIENCE,
            [`${GITHUB_OIDC_HOST}:sub`]: subjects.length === 1 ? subjects[0] : subjects,
          },
        },
      },
    ],
  };
}
