/**
 * `npm run bench`: the figures the project's performance targets are stated in, measured here, each printed beside its
 * target. Exits 1, naming each missed target, when one is missed (or when something it measures fails).
 *
 * - Synth of every stack, run exactly as cdktf.json's `app` says (through a shell, in the project root, with the
 *   environment `cdktf synth` gives it): one warm-up run with an empty compile cache (reported as the first run:
 *   what the first synth after `npm ci` costs), then `--runs` runs (default 5): median wall time of the whole process,
 *   and peak RSS (the highest of all runs, the first included). On success the app must print nothing.
 * - The unit tests (`jest --selectProjects unit`): wall time of one run (`--skip-tests` leaves them out).
 * - With `--suite`: the whole `npm test` (typecheck, lint, every jest test), wall time of one run. Minutes: not by
 *   default.
 *
 * Timings on a shared 2-core machine are noisy: the date, the machine (CPU model, cores, memory, Node.js) and the
 * 1-minute load average are printed first, so a figure quoted elsewhere carries them; re-run when the load is high.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { cdktfAppCommand } from './lib/cdktf-app';
import { readCommandLine, usageError } from './lib/cli';
import { BENCH } from './lib/commands';
import { PROJECT_ROOT } from './lib/terraform';

/** The targets, in one place. */
const TARGETS = {
  /** Synth of every stack, median wall seconds (warm compile cache). */
  synthMedianSeconds: 2.0,
  /** Synth of every stack, peak RSS of the app process, MB (every run, the first included). */
  synthPeakRssMb: 250,
  /** `jest --selectProjects unit`, wall seconds. */
  unitTestsSeconds: 20,
  /** `npm test` (typecheck, lint, every jest test), wall seconds. */
  suiteSeconds: 300,
} as const;

const PEAK_RSS_PRELOAD = join(PROJECT_ROOT, 'scripts', 'bench', 'peak-rss.js');

interface Run {
  seconds: number;
  code: number | null;
  output: string;
}

interface SynthRun extends Run {
  peakRssMb: number;
}

function timed(command: string, args: string[], env: NodeJS.ProcessEnv, shell = false): Promise<Run> {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, { cwd: PROJECT_ROOT, env, shell, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000));
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('close', (code) => resolve({ seconds: Number(process.hrtime.bigint() - started) / 1e9, code, output }));
  });
}

/** One synth through cdktf.json's app, with the environment `cdktf synth` passes (cli-core's synth-stack). */
async function synthOnce(app: string, outdir: string, cacheDir: string, rssFile: string): Promise<SynthRun> {
  rmSync(rssFile, { force: true });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // cdktf adds --max-old-space-size=4096 when NODE_OPTIONS is unset; the preload only reports the peak RSS.
    NODE_OPTIONS: `--max-old-space-size=4096 --require ${JSON.stringify(PEAK_RSS_PRELOAD)}`,
    CDKTF_OUTDIR: outdir,
    CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS: 'true',
    CDKTF_CONTEXT_JSON: JSON.stringify({ cdktfRelativeModules: [] }),
    SYNTH_HCL_OUTPUT: 'false',
    // Its own compile cache: the first run starts empty (the cold figure), and the checkout's cache is left alone.
    TS_RUN_CACHE_DIR: cacheDir,
    BENCH_PEAK_RSS_FILE: rssFile,
  };
  const run = await timed(app, [], env, true);
  let peakKb = NaN;
  try {
    const reports = readFileSync(rssFile, 'utf8').trim().split('\n');
    peakKb = Math.max(...reports.map((line) => (JSON.parse(line) as { maxRssKb: number }).maxRssKb));
  } catch {
    // no report: the app is not a Node process, or it died before exiting
  }
  return { ...run, peakRssMb: peakKb / 1024 };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  return Number.isInteger(middle)
    ? ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2
    : (sorted[Math.floor(middle)] ?? NaN);
}

async function main(): Promise<number> {
  const { values } = readCommandLine(BENCH);
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) return usageError(BENCH, `--runs ${values.runs}: not a whole number >= 1`);
  /** Lines for the end: each missed target, each failed run. */
  const problems: string[] = [];
  const verdict = (ok: boolean, what: string) => {
    if (!ok) problems.push(`target missed: ${what}`);
    return ok ? 'ok' : 'MISSED';
  };

  const cpu = cpus();
  console.log(
    `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ` +
      `${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node.js ${process.version}`,
  );
  console.log(`load average (1 min): ${loadavg()[0]?.toFixed(2)} on ${cpu.length} cores`);
  const app = cdktfAppCommand();
  const scratch = mkdtempSync(join(tmpdir(), 'bench-synth-'));
  const synthRuns: SynthRun[] = [];
  try {
    const args = [join(scratch, 'cdktf.out'), join(scratch, 'ts-cache'), join(scratch, 'rss.jsonl')] as const;
    for (let index = 0; index <= runs; index += 1) {
      const run = await synthOnce(app, ...args);
      synthRuns.push(run);
      if (run.code !== 0 || run.output !== '') {
        process.stderr.write(run.output);
        console.error(
          run.code !== 0
            ? `synth failed: \`${app}\` exited with ${run.code}`
            : `synth printed output on success (above): \`${app}\` must print nothing`,
        );
        return 1;
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  const [first, ...warm] = synthRuns as [SynthRun, ...SynthRun[]];
  const wall = warm.map((run) => run.seconds).sort((a, b) => a - b);
  const peakRss = Math.max(...synthRuns.map((run) => run.peakRssMb));
  const synthMedian = median(wall);
  const fmt = (n: number) => n.toFixed(2);
  console.log(`synth, every stack: \`${app}\` (cdktf.json app), ${runs} runs after 1 warm-up`);
  console.log(
    `  first run (empty compile cache): ${fmt(first.seconds)} s, ${first.peakRssMb.toFixed(0)} MB   (no target)`,
  );
  console.log(
    `  wall s:      median ${fmt(synthMedian)}  (min ${fmt(wall[0] ?? NaN)}, max ${fmt(wall.at(-1) ?? NaN)})` +
      `   target ≤ ${TARGETS.synthMedianSeconds.toFixed(1)} s   ` +
      verdict(
        synthMedian <= TARGETS.synthMedianSeconds,
        `synth median wall ${fmt(synthMedian)} s > ${TARGETS.synthMedianSeconds.toFixed(1)} s`,
      ),
  );
  console.log(
    `  peak RSS MB: ${peakRss.toFixed(0)}  (median ${median(warm.map((run) => run.peakRssMb)).toFixed(0)})` +
      `   target ≤ ${TARGETS.synthPeakRssMb} MB   ` +
      verdict(
        peakRss <= TARGETS.synthPeakRssMb,
        `synth peak RSS ${peakRss.toFixed(0)} MB > ${TARGETS.synthPeakRssMb} MB`,
      ),
  );

  if (values['skip-tests']) {
    console.log(`unit tests: skipped (--skip-tests)   target ≤ ${TARGETS.unitTestsSeconds} s`);
  } else {
    const jest = join(PROJECT_ROOT, 'node_modules', '.bin', 'jest');
    const unit = await timed(jest, ['--selectProjects', 'unit', '--silent'], process.env);
    if (unit.code !== 0) {
      process.stderr.write(unit.output);
      problems.push(`failed: the unit tests (exit ${unit.code}; output above)`);
    }
    console.log(
      `unit tests (jest --selectProjects unit): ${fmt(unit.seconds)} s   target ≤ ${TARGETS.unitTestsSeconds} s   ` +
        verdict(
          unit.seconds <= TARGETS.unitTestsSeconds,
          `unit tests ${fmt(unit.seconds)} s > ${TARGETS.unitTestsSeconds} s`,
        ),
    );
  }

  if (values.suite) {
    const suite = await timed('npm', ['test'], process.env);
    if (suite.code !== 0) {
      process.stderr.write(suite.output);
      problems.push(`failed: npm test (exit ${suite.code}; output above)`);
    }
    console.log(
      `whole suite (npm test): ${fmt(suite.seconds)} s   target ≤ ${TARGETS.suiteSeconds} s   ` +
        verdict(suite.seconds <= TARGETS.suiteSeconds, `npm test ${fmt(suite.seconds)} s > ${TARGETS.suiteSeconds} s`),
    );
  } else {
    console.log(`whole suite (npm test): not run (--suite runs it)   target ≤ ${TARGETS.suiteSeconds} s`);
  }

  for (const line of problems) console.log(line);
  if (problems.length === 0) console.log('every target met');
  return problems.length === 0 ? 0 : 1;
}

main().then((code) => process.exit(code));
