import { Lazy } from 'cdktf';
import * as tokenStackTrace from 'cdktf/lib/tokens/private/stack-trace';
import { skipTokenStackTraces, TOKEN_STACK_TRACES_ENV } from '../../src/token-stack-traces';

const stackTraces = tokenStackTrace as { captureStackTrace: () => string[] };

/** The creation stack cdktf records for a new token. */
const creationStackOfNewToken = () =>
  (Lazy.anyValue({ produce: () => 1 }) as unknown as { creationStack: string[] }).creationStack;

describe('skipTokenStackTraces', () => {
  const asPatchedBySetup = stackTraces.captureStackTrace;
  beforeEach(() => {
    stackTraces.captureStackTrace = () => ['where the token was made'];
  });
  afterEach(() => {
    stackTraces.captureStackTrace = asPatchedBySetup;
  });

  it('leaves cdktf recording where each token was made when CDKTF_TOKEN_STACK_TRACES=1', () => {
    skipTokenStackTraces({ [TOKEN_STACK_TRACES_ENV]: '1' });
    expect(creationStackOfNewToken()).toEqual(['where the token was made']);
  });

  it('otherwise makes every new token record an empty creation stack', () => {
    skipTokenStackTraces({});
    expect(creationStackOfNewToken()).toEqual([]);
  });
});
