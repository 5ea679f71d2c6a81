/**
 * Once per jest run: synthesize the whole app from the shipped configuration (what `cdktf synth` writes), so the
 * many test files that read a shipped stack read it from disk instead of each synthesizing it again.
 */
import { App } from 'cdktf';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../../src/app';
import { loadConfig } from '../../src/config/load';
import { SYNTHESIZED_APP_ENV } from './synthesized-app';

export default function globalSetup(): void {
  const outdir = mkdtempSync(join(tmpdir(), 'cdktf-app-'));
  buildApp(new App({ outdir, skipValidation: false }), loadConfig({})).synth();
  process.env[SYNTHESIZED_APP_ENV] = outdir;
}
