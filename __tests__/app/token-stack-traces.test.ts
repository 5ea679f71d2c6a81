/**
 * The app skips cdktf's per-token creation stack traces (src/token-stack-traces.ts), unless
 * CDKTF_TOKEN_STACK_TRACES=1 asks to keep them for debugging.
 */
import * as tokenStackTrace from 'cdktf/lib/tokens/private/stack-trace';
import { skipTokenStackTraces, TOKEN_STACK_TRACES_ENV } from '../../src/token-stack-traces';

const capture = tokenStackTrace as { captureStackTrace: () => string[] };
const recording = () => ['at somewhere (file.ts:1:1)'];
let saved: () => string[];

beforeEach(() => {
  saved = capture.captureStackTrace;
  capture.captureStackTrace = recording;
});
afterEach(() => {
  capture.captureStackTrace = saved;
});

it('records no creation stack for new tokens by default', () => {
  skipTokenStackTraces({});
  expect(capture.captureStackTrace()).toEqual([]);
});

it(`keeps them with ${TOKEN_STACK_TRACES_ENV}=1`, () => {
  skipTokenStackTraces({ [TOKEN_STACK_TRACES_ENV]: '1' });
  expect(capture.captureStackTrace).toBe(recording);
});
