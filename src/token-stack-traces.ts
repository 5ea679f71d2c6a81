/**
 * cdktf records where every token was created (a full stack trace per token), only to print it when that token fails
 * to resolve. It is the largest cost of a synth that is not Terraform JSON (`node --cpu-prof`): about 0.6 s of CPU
 * for the shipped app. The app and the tests skip the record; a token that fails to resolve still fails synth, its
 * message only lacks the frames where the token was made. `CDKTF_TOKEN_STACK_TRACES=1` keeps them, for debugging.
 */
import * as tokenStackTrace from 'cdktf/lib/tokens/private/stack-trace';

export const TOKEN_STACK_TRACES_ENV = 'CDKTF_TOKEN_STACK_TRACES';

/** Makes cdktf record no creation stack for new tokens, unless `CDKTF_TOKEN_STACK_TRACES=1` is in `env`. */
export function skipTokenStackTraces(env: NodeJS.ProcessEnv = process.env): void {
  if (env[TOKEN_STACK_TRACES_ENV] === '1') return;
  (tokenStackTrace as { captureStackTrace: () => string[] }).captureStackTrace = () => [];
}
