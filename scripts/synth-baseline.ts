/**
 * `npm run synth:baseline`: approve what the app synthesizes now as the baseline every later synth is compared with
 * (`__tests__/app/synth-baseline.test.ts`). Run it after a change to the stacks whose differences you have reviewed;
 * the fixture's git diff is what to review and commit with the change. Stacks that no longer exist are removed.
 */
import { App } from 'cdktf';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config/load';
import { readCommandLine } from './lib/cli';
import { SYNTH_BASELINE } from './lib/commands';
import { readSynthesizedStacks } from './lib/plan';
import { baselineText, SYNTH_BASELINE_DIR } from './lib/synth-baseline';

readCommandLine(SYNTH_BASELINE);

const outdir = mkdtempSync(join(tmpdir(), 'synth-baseline-'));
try {
  buildApp(new App({ outdir }), loadConfig({})).synth();
  const stacks = readSynthesizedStacks(outdir);
  mkdirSync(SYNTH_BASELINE_DIR, { recursive: true });
  for (const file of readdirSync(SYNTH_BASELINE_DIR)) rmSync(join(SYNTH_BASELINE_DIR, file));
  for (const stack of stacks) {
    const json = JSON.parse(readFileSync(join(stack.directory, 'cdk.tf.json'), 'utf8')) as unknown;
    writeFileSync(join(SYNTH_BASELINE_DIR, `${stack.name}.json`), baselineText(json));
  }
  console.log(`synth:baseline: ${stacks.length} stacks approved in ${SYNTH_BASELINE_DIR}; review and commit the diff`);
} finally {
  rmSync(outdir, { recursive: true, force: true });
}
