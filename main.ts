/**
 * Entry point (cdktf.json `app`): validate the configuration, build every stack, synthesize.
 * A configuration error prints every bad field and exits 1 before anything is written.
 */
import { App } from 'cdktf';
import * as tokenStackTrace from 'cdktf/lib/tokens/private/stack-trace';
import { ValidationError } from './modules/core/validation';
import { buildApp } from './src/app';
import { loadConfig } from './src/config/load';

// cdktf records a full stack trace for every token it creates, only to print it if that token fails to resolve: the
// largest cost of a synth besides the JSON itself (16 stacks: 3.2 s → 2.6 s of CPU). Skipped unless
// CDKTF_TOKEN_STACK_TRACES=1: a token that fails to resolve still fails the synth, its message without the frames
// where the token was made.
if (process.env.CDKTF_TOKEN_STACK_TRACES !== '1') {
  (tokenStackTrace as { captureStackTrace: () => string[] }).captureStackTrace = () => [];
}

try {
  // Config first: cdktf's App constructor already creates the output directory.
  const config = loadConfig();
  buildApp(new App(), config).synth();
} catch (error) {
  if (!(error instanceof ValidationError)) throw error;
  console.error(error.message);
  process.exit(1);
}
