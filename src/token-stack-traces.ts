/**
 * cdktf records a full stack trace for every token it creates (thousands per synth), only to print it in the error
 * when that token fails to resolve. Formatting those traces is a quarter of a synth's CPU (profiled:
 * `node --cpu-prof scripts/run.js main.ts`, `defaultPrepareStackTrace` + `captureStackTrace`), so `buildApp` (every
 * synth: cdktf.json's app, `npm run synth`, the scripts) and the jest setup skip the record. A token that fails to resolve still fails the synth; its message then lacks the frames where
 * the token was made: set `CDKTF_TOKEN_STACK_TRACES=1` to get them back while you debug one.
 */
import * as tokenStackTrace from 'cdktf/lib/tokens/private/stack-trace';

export const TOKEN_STACK_TRACES_ENV = 'CDKTF_TOKEN_STACK_TRACES';

/** Turns cdktf's per-token stack traces off, unless `CDKTF_TOKEN_STACK_TRACES=1` asks for them. */
export function skipTokenStackTraces(env: NodeJS.ProcessEnv = process.env): void {
  if (env[TOKEN_STACK_TRACES_ENV] === '1') return;
  (tokenStackTrace as { captureStackTrace: () => string[] }).captureStackTrace = () => [];
}
