/**
 * The codecommit module passes real `terraform validate` and an offline plan: a repository on its own key, branch
 * protection on main, and a mirror to the same-named repository in us-west-2 named by its derived ARN and clone URL.
 */
import {
  BranchProtection,
  CodeCommitRepository,
  codeCommitRepositoryRef,
  RepositoryMirror,
} from '../../modules/codecommit';
import { checkWithTerraform } from '../helpers/terraform-check';

jest.setTimeout(180_000);

it('validates and plans a repository with branch protection and a mirror to another region', async () => {
  const result = await checkWithTerraform(
    (stack) => {
      const accountId = '123456789012';
      const repo = new CodeCommitRepository(stack, 'repo', { name: 'shop', accountId });
      new BranchProtection(stack, 'protect', {
        repositoryName: repo.repositoryName,
        repositoryArn: repo.repositoryArn,
        requiredApprovals: 2,
        accountId,
      });
      new RepositoryMirror(stack, 'mirror', {
        source: repo,
        replica: { ...codeCommitRepositoryRef({ region: 'us-west-2', accountId, name: 'shop' }), region: 'us-west-2' },
        accountId,
        jobName: 'shop-mirror',
        kmsKeyArns: {
          source: repo.kmsKeyArn,
          replica: 'arn:aws:kms:us-west-2:123456789012:key/99999999-2222-3333-4444-555555555555',
        },
      });
    },
    { plan: true },
  );
  expect(result.validate).toContain('Success! The configuration is valid.');
  // repository: key, alias, repository (3); protection: template, association, policy (3); mirror: log group, role,
  // inline policy, project (4), rule, target, rule role, its inline policy (4).
  expect(result.toAdd).toBe(14);
  expect(result.plan).not.toMatch(/Warning:/);
});
