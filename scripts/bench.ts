/**
 * `npm run bench`: the figures the foundation's targets are stated in, measured here.
 * - synth of every stack, no type-checking (`node --import tsx main.ts`, what cdktf.json's app runs): wall time of
 *   the whole process and its peak RSS, over several runs;
 * - the unit tests (`jest --selectProjects unit`): wall time of one run.
 * Targets: synth < 2 s and < 300 MB; unit tests < 20 s.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT } from './lib/terraform';

interface Run {
  seconds: number;
  maxRssMb?: number;
  code: number | null;
}

function timed(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const report = /BENCH (\{.*\})/.exec(stderr)?.[1];
      const maxRssMb = report ? (JSON.parse(report) as { maxRssKb: number }).maxRssKb / 1024 : undefined;
      if (code !== 0) process.stderr.write(stderr);
      resolve({ seconds, maxRssMb, code });
    });
  });
}

function summary(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? NaN;
  return `min ${sorted[0]?.toFixed(2)}  median ${median.toFixed(2)}  max ${sorted.at(-1)?.toFixed(2)}`;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { runs: { type: 'string', default: '5' }, 'skip-tests': { type: 'boolean' } },
  });
  const runs = Number(values.runs);
  const outdir = mkdtempSync(join(tmpdir(), 'bench-synth-'));
  const env = { ...process.env, CDKTF_OUTDIR: outdir };
  const synthRuns: Run[] = [];
  try {
    for (let index = 0; index < runs; index += 1) {
      synthRuns.push(await timed(process.execPath, ['--import', 'tsx', 'scripts/bench/synth-once.ts'], env));
    }
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
  if (synthRuns.some((run) => run.code !== 0)) return 1;
  const wall = synthRuns.map((run) => run.seconds);
  const rss = synthRuns.map((run) => run.maxRssMb ?? NaN);
  console.log(`synth, all stacks, no type-check (${runs} runs)`);
  console.log(`  wall s:      ${summary(wall)}   (target < 2 s)`);
  console.log(`  peak RSS MB: ${summary(rss)}   (target < 300 MB)`);

  if (!values['skip-tests']) {
    const jest = join(PROJECT_ROOT, 'node_modules', '.bin', 'jest');
    const unit = await timed(jest, ['--selectProjects', 'unit', '--silent'], process.env);
    console.log(`unit tests (jest --selectProjects unit): ${unit.seconds.toFixed(2)} s wall   (target < 20 s)`);
    if (unit.code !== 0) return 1;
  }
  return 0;
}

main().then((code) => process.exit(code));
