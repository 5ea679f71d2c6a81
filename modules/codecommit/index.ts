/**
 * CodeCommit: a repository with a customer managed key, branch protection, and a mirror to a repository in another
 * region. See each file's header for what it creates and why.
 *
 * | construct              | creates                                                                                 |
 * | ---------------------- | --------------------------------------------------------------------------------------- |
 * | `CodeCommitRepository` | `aws_codecommit_repository` (default branch `main`), a rotating KMS key and alias       |
 * |                        | (unless `kmsKeyArn` is given)                                                           |
 * | `BranchProtection`     | `aws_codecommit_approval_rule_template` (N approvals for pull requests into the branch) |
 * |                        | and its association; `aws_iam_policy` denying direct changes to the branch              |
 * | `RepositoryMirror`     | `aws_cloudwatch_event_rule` on the source's reference changes → `aws_codebuild_project` |
 * |                        | (`NO_SOURCE`, git clone/push `--mirror`), the rule's role (`codebuild:StartBuild` only) |
 *
 * `codeCommitRepositoryRef` derives a repository's ARN and clone URL from region, account and name, so a stack names a
 * repository of another region without a lookup and still plans offline.
 */
export * from './branch-protection';
export * from './mirror';
export * from './repository';
