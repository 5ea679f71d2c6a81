/**
 * The main job (`npm start`): start the sandbox (S3 + DynamoDB emulators), synthesize every stack against it, then
 * `terraform init` and `terraform plan` every AWS stack with its state in the sandbox (the bootstrap stack first),
 * and print a table of the results. Options and exit codes: `npm start -- --help` (scripts/lib/commands.ts).
 */
import { App } from 'cdktf';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ValidationError } from '../modules/core/validation';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config/load';
import { formatStackCounts, formatSummary, guardrailsOf, type StackReport } from '../src/guardrails';
import { readCommandLine, usageError } from './lib/cli';
import { MAIN_JOB } from './lib/commands';
import { planStacks, readSynthesizedStacks, type StackOutcome } from './lib/plan';
import { sandboxEnv, startSandbox } from './lib/sandbox';
import { sandboxCertificateEnv } from './lib/self-signed-certificate';
import { PROJECT_ROOT } from './lib/terraform';

const WORK_DIR = join(PROJECT_ROOT, '.sandbox', 'main-job');

async function main(): Promise<number> {
  const { values } = readCommandLine(MAIN_JOB);
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    return usageError(MAIN_JOB, `--concurrency ${values.concurrency}: not a whole number of stacks >= 1`);
  }

  // Validate before starting anything: a bad configuration costs no server and writes nothing.
  let config = loadConfig();
  const { stateBackend } = config.project;
  const started = Date.now();
  log(
    `Starting the sandbox (s3rver + dynalite) with bucket ${stateBackend.bucket} and table ${stateBackend.lockTable}`,
  );
  const sandbox = await startSandbox(stateBackend);
  const stopOnSignal = () => void sandbox.stop().then(() => process.exit(130));
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);
  try {
    log(`  S3 ${sandbox.s3Endpoint}  DynamoDB ${sandbox.dynamodbEndpoint}`);
    config = loadConfig({ ...process.env, ...sandboxEnv(sandbox) });

    const outdir = join(WORK_DIR, 'cdktf.out');
    rmSync(outdir, { recursive: true, force: true });
    mkdirSync(outdir, { recursive: true });
    const synthStarted = Date.now();
    // The guardrails pack runs in synth: an unsuppressed error stops here (a ValidationError, one line per finding).
    const app = buildApp(new App({ outdir }), config);
    app.synth();
    const guardrails = guardrailsOf(app)!;
    let stacks = readSynthesizedStacks(outdir);
    log(`Synthesized ${stacks.length} stacks in ${seconds(synthStarted)} s into ${relative(PROJECT_ROOT, outdir)}`);
    log(`Guardrails: ${formatSummary(guardrails.reports, guardrails.pack)} (npm run guardrails for the report)`);

    if (values.stacks) {
      const wanted = values.stacks.split(',').map((name) => name.trim());
      const unknown = wanted.filter((name) => !stacks.some((stack) => stack.name === name));
      if (unknown.length > 0) {
        return usageError(
          MAIN_JOB,
          `--stacks: unknown stack(s) ${unknown.join(', ')}; known: ${stacks.map((s) => s.name).join(', ')}`,
        );
      }
      stacks = stacks.filter((stack) => wanted.includes(stack.name));
    }

    const logDir = join(WORK_DIR, 'logs');
    mkdirSync(logDir, { recursive: true });
    const outcomes = await planStacks(stacks, {
      concurrency,
      // AWS_ENDPOINT_URL: any AWS call a plan made would reach the sandbox's stand-in. Stacks with a self-signed
      // certificate plan with a throwaway one (nothing is applied in the sandbox).
      env: { ...sandboxEnv(sandbox), ...(await sandboxCertificateEnv()) },
      onProgress: (stack, step) => log(`  ${stack.padEnd(28)} ${step}`),
      onLog: (stack, text) => writeFileSync(join(logDir, `${stack}.log`), text),
    });
    printTable(outcomes, new Map(guardrails.reports.map((report) => [report.stack, report])));
    printFailures(outcomes, logDir);
    const count = (status: StackOutcome['status']) => outcomes.filter((outcome) => outcome.status === status).length;
    const [planned, skipped, failed] = [count('planned'), count('skipped'), count('failed')];
    log(
      `Done in ${seconds(started)} s: ${planned} planned, ${skipped} skipped, ${failed} failed ` +
        `(${outcomes.length} stack${outcomes.length === 1 ? '' : 's'}).`,
    );
    if (failed > 0) return 1;
    if (planned === 0) {
      const message = `Nothing was planned: every selected stack was skipped (see the note column).`;
      if (values['allow-skipped']) {
        log(`${message} Exit 0: --allow-skipped.`);
        return 0;
      }
      console.error(`${message} Pass --allow-skipped to accept that.`);
      return 1;
    }
    return 0;
  } finally {
    await sandbox.stop();
  }
}

function printTable(outcomes: readonly StackOutcome[], guardrails: ReadonlyMap<string, StackReport>): void {
  const rows = outcomes.map((o) => {
    const report = guardrails.get(o.stack);
    return [
      o.stack,
      o.status,
      o.toAdd === undefined ? '-' : String(o.toAdd),
      o.seconds.toFixed(1),
      report ? formatStackCounts(report) : '-',
      o.note ?? '',
    ];
  });
  const header = ['stack', 'status', 'to add', 'seconds', 'guardrails', 'note'];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) =>
        column === 2 || column === 3 ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0),
      )
      .join('  ')
      .trimEnd();
  console.log(`\n${line(header)}\n${widths.map((width) => '-'.repeat(width)).join('  ')}`);
  for (const row of rows) console.log(line(row));
  console.log('');
}

function printFailures(outcomes: readonly StackOutcome[], logDir: string): void {
  for (const outcome of outcomes.filter((o) => o.status === 'failed')) {
    console.error(
      `--- ${outcome.stack} failed; last lines (full log: ${relative(PROJECT_ROOT, join(logDir, `${outcome.stack}.log`))}):`,
    );
    console.error(outcome.tail ?? '');
  }
}

function log(message: string): void {
  console.log(message);
}

function seconds(since: number): string {
  return ((Date.now() - since) / 1000).toFixed(1);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ValidationError ? error.message : error);
    process.exit(1);
  },
);
