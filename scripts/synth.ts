/**
 * `npm run synth` / `npm run list`: what `cdktf synth` / `cdktf list` do for this project, in-process: load and
 * validate the configuration, build every stack, write the output directory (cdktf.json's `output`, context from its
 * `context`), then print the stacks. Under the cdktf CLI the app's error output is shown twice (streamed as a red
 * [ERROR] log, then again in the summary); here each configuration error is printed once, and no cdktf CLI start-up
 * (Terraform version check, telemetry) is paid: about half the time. `npx cdktf synth` writes the same files.
 */
import { App } from 'cdktf';
import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { ValidationError } from '../modules/core/validation';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config/load';
import { readCommandLine } from './lib/cli';
import { SYNTH } from './lib/commands';
import { PROJECT_ROOT } from './lib/terraform';

function main(): number {
  const { values } = readCommandLine(SYNTH);
  const { context } = JSON.parse(readFileSync(join(PROJECT_ROOT, 'cdktf.json'), 'utf8')) as {
    context?: Record<string, unknown>;
  };
  const outdir = resolve(values.output);
  const started = Date.now();
  try {
    // Configuration, module props and guardrails errors are ValidationErrors: their message says what to fix. Config
    // first: cdktf's App constructor already creates the output directory.
    const config = loadConfig();
    buildApp(new App({ outdir, context: context ?? {} }), config).synth();
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    console.error(error.message);
    return 1;
  }
  const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')) as {
    stacks: Record<string, { workingDirectory: string }>;
  };
  const names = Object.keys(manifest.stacks);
  if (values.list) {
    for (const name of names) console.log(name);
  } else {
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `Synthesized ${names.length} stacks into ${relative(process.cwd(), outdir) || '.'}/stacks/ in ${seconds} s: ` +
        names.join(', '),
    );
  }
  return 0;
}

process.exitCode = main();
