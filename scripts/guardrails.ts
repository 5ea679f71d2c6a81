/**
 * `npm run guardrails`: synthesize every stack (into a temporary directory) with the guardrails pack in report mode,
 * print a table per stack (rule, severity, resource, result) and the summary, and write SARIF for GitHub code
 * scanning. Exits 1 when any stack has an unsuppressed error (the same findings that stop `cdktf synth`).
 *
 * Options: `--sarif <file>` (default cdktf.out/guardrails.sarif), `--stacks a,b` (tables of those stacks only; the
 * SARIF file and the exit code always cover every stack), `--docs` (rewrite the rules table of docs/guardrails.md
 * after adding or changing a rule).
 */
import { App } from 'cdktf';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { ValidationError } from '../modules/core/validation';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config/load';
import {
  blueprintsPack,
  countBy,
  formatFinding,
  formatStackTable,
  formatSummary,
  guardrailsOf,
  toSarif,
} from '../src/guardrails';
import { failingFindings } from '../src/guardrails/engine';
import { rulesTable, SUPPRESS_HINT } from '../src/guardrails/report';
import { readCommandLine, usageError } from './lib/cli';
import { GUARDRAILS } from './lib/commands';
import { GUARDRAILS_DOC, stackSourceFile, TABLE_END, TABLE_START } from './lib/guardrails';
import { PROJECT_ROOT } from './lib/terraform';

function main(): number {
  const { values } = readCommandLine(GUARDRAILS);
  if (values.docs) {
    writeRulesTable();
    return 0;
  }
  const outdir = mkdtempSync(join(tmpdir(), 'guardrails-'));
  try {
    const app = buildApp(new App({ outdir }), loadConfig(), { guardrails: 'report' });
    app.synth();
    const run = guardrailsOf(app)!;
    const reports = run.reports;
    const wanted = values.stacks?.split(',').map((name) => name.trim());
    const unknown = (wanted ?? []).filter((name) => !run.stackNames.includes(name));
    if (unknown.length > 0) {
      return usageError(
        GUARDRAILS,
        `--stacks: unknown stack(s) ${unknown.join(', ')}; known: ${run.stackNames.join(', ')}`,
      );
    }
    for (const report of reports.filter((r) => !wanted || wanted.includes(r.stack))) {
      console.log(`${formatStackTable(report, run.pack)}\n`);
    }
    const sarifPath = resolve(PROJECT_ROOT, values.sarif);
    mkdirSync(dirname(sarifPath), { recursive: true });
    writeFileSync(
      sarifPath,
      `${JSON.stringify(toSarif(reports, run.pack, { sourceFile: stackSourceFile }), null, 2)}\n`,
    );
    const checked = `checked in ${Math.round(run.checkMilliseconds)} ms`;
    console.log(
      `guardrails: ${formatSummary(reports, run.pack)} (${checked}); SARIF in ${relative(PROJECT_ROOT, sarifPath)}`,
    );
    const { errors } = countBy(reports);
    if (errors > 0) {
      for (const finding of reports.flatMap(failingFindings)) console.error(`  - ${formatFinding(finding)}`);
      for (const problem of reports.flatMap((report) => report.suppressionProblems)) {
        console.error(`  - ${problem.stack} ${problem.suppression.path}: ${problem.message}`);
      }
      console.error(SUPPRESS_HINT);
      return 1;
    }
    return 0;
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    console.error(error.message);
    return 1;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

function writeRulesTable(): void {
  const doc = readFileSync(GUARDRAILS_DOC, 'utf8');
  const start = doc.indexOf(TABLE_START);
  const end = doc.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error(`${GUARDRAILS_DOC}: no ${TABLE_START} ... ${TABLE_END} markers`);
  const table = rulesTable(blueprintsPack);
  writeFileSync(GUARDRAILS_DOC, `${doc.slice(0, start + TABLE_START.length)}\n\n${table}\n\n${doc.slice(end)}`);
  console.log(`guardrails: ${blueprintsPack.rules.length} rules written to ${relative(PROJECT_ROOT, GUARDRAILS_DOC)}`);
}

process.exitCode = main();
