/**
 * Entry point (cdktf.json `app`): validate the configuration, build every stack, synthesize.
 * A configuration error prints every bad field and exits 1 before anything is written.
 */
import { App } from 'cdktf';
import { ValidationError } from './modules/core/validation';
import { buildApp } from './src/app';
import { loadConfig } from './src/config/load';
try {
  // Config first: cdktf's App constructor already creates the output directory.
  const config = loadConfig();
  buildApp(new App(), config).synth();
} catch (error) {
  if (!(error instanceof ValidationError)) throw error;
  console.error(error.message);
  process.exit(1);
}
