/**
 * `npm run ci:stacks`: reads a synthesized cdktf output and prints, as JSON, what the GitHub Actions workflows do with
 * each stack: `stacks` (every stack, with the reason when CI leaves it alone), `matrix` (the managed stacks, a
 * `strategy.matrix` value) and `waves` (the same stacks in apply order, see APPLY_WAVE_JOBS). Options and exit codes:
 * `npm run ci:stacks -- --help` (scripts/lib/commands.ts).
 */
import { appendFileSync, existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { environments } from '../src/config/environments';
import {
  APPLY_WAVE_JOBS,
  applyWaves,
  classifyStacks,
  dependentsOf,
  planMatrix,
  selectStacks,
  stacksSummary,
  type CiStack,
} from './lib/ci-stacks';
import { readCommandLine } from './lib/cli';
import { CI_STACKS } from './lib/commands';
import { readSynthesizedStacks } from './lib/plan';

function main(): number {
  const { values } = readCommandLine(CI_STACKS);
  const outdir = values.outdir;
  if (!existsSync(join(outdir, 'manifest.json'))) {
    return fail(`no ${join(outdir, 'manifest.json')}: run \`npm run synth\` first`);
  }
  const environmentNames = environments.map((environment) => environment.name);
  // Directories relative to the current directory (the repository root in CI), so other jobs can use them.
  const all = classifyStacks(readSynthesizedStacks(outdir), environmentNames).map(
    (stack): CiStack => ({ ...stack, directory: relative(process.cwd(), resolve(stack.directory)) }),
  );

  let selected: CiStack[];
  try {
    selected = selectStacks(all, { stack: values.stack, environment: values.environment }, environmentNames);
  } catch (error) {
    return fail((error as Error).message);
  }
  const matrix = planMatrix(selected);
  let waves;
  try {
    waves = applyWaves(selected);
  } catch (error) {
    return fail((error as Error).message);
  }
  if (waves.length > APPLY_WAVE_JOBS) {
    return fail(
      `the stacks need ${waves.length} apply waves, but .github/workflows/terraform-apply.yml has ${APPLY_WAVE_JOBS} ` +
        `wave jobs: add wave jobs there and raise APPLY_WAVE_JOBS in scripts/lib/ci-stacks.ts`,
    );
  }
  const dependents = values.stack ? dependentsOf(all, values.stack) : [];

  const document = { stacks: selected, matrix, waves, dependents };
  console.log(JSON.stringify(document, null, 2));

  if (values['github-output']) {
    const lines = [
      `stacks=${JSON.stringify(selected)}`,
      `matrix=${JSON.stringify(matrix)}`,
      `stack-count=${matrix.include.length}`,
      `wave-count=${waves.length}`,
      ...Array.from(
        { length: APPLY_WAVE_JOBS },
        (_, i) => `wave-${i + 1}=${JSON.stringify(waves[i] ?? { include: [] })}`,
      ),
      `dependents=${dependents.join(',')}`,
    ];
    appendFileSync(values['github-output'], `${lines.join('\n')}\n`);
  }
  if (values.summary) {
    let text = stacksSummary(selected, waves);
    if (dependents.length > 0) {
      text += `\n> **Referenced by ${dependents.map((d) => `\`${d}\``).join(', ')}**: destroy those first.\n`;
    }
    appendFileSync(values.summary, text);
  }
  return 0;
}

function fail(message: string): number {
  // Under GitHub Actions, an error annotation shows the reason on the run page.
  console.error(
    process.env.GITHUB_ACTIONS === 'true' ? `::error title=ci:stacks::${message}` : `ci:stacks: ${message}`,
  );
  return 1;
}

process.exitCode = main();
