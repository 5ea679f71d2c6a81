/**
 * Helpers for tests of props and config validation: what a construction throws, and the checks every rejected case
 * makes on the ValidationError (the issues with their paths and values, and the message as the user reads it).
 */
import type { TerraformStack } from 'cdktf';
import { formatValue, ValidationError } from '../../modules/core/validation';
import { testStack } from './template';

/** One issue a test expects: the field path, the value found there, and a pattern for what is wrong with it. */
export interface ExpectedIssue {
  readonly path: string;
  readonly value: unknown;
  readonly message: RegExp;
}

/** What `build` throws, or undefined when it returns. */
export function thrownBy(build: () => unknown): unknown {
  try {
    build();
  } catch (error) {
    return error;
  }
  return undefined;
}

/** Asserts `error` is a ValidationError whose message matches `subject` (when given) and returns it. */
export function validationError(error: unknown, subject?: RegExp): ValidationError {
  expect(error).toBeInstanceOf(ValidationError);
  const validation = error as ValidationError;
  if (subject) expect(validation.message).toMatch(subject);
  return validation;
}

/** The `[path, value]` of each issue of `error`, which must be a ValidationError. */
export function issuePathsAndValues(error: unknown): Array<[string, unknown]> {
  return validationError(error).issues.map((issue) => [issue.path, issue.value]);
}

/** Asserts the message shows the issue line for `path` and `value` as printed (`nothing` for undefined). */
function expectReported(message: string, path: string, value: unknown): void {
  expect(message).toContain(`  - ${path}: `);
  expect(message).toContain(`(got ${formatValue(value)})`);
}

/** Asserts `error` is a ValidationError with exactly the `expected` issues, in order, each reported in its message. */
export function expectIssues(error: unknown, expected: readonly ExpectedIssue[], subject?: RegExp): void {
  const { issues, message } = validationError(error, subject);
  expect(issues).toEqual(
    expected.map((issue) => ({ path: issue.path, value: issue.value, message: expect.stringMatching(issue.message) })),
  );
  for (const issue of expected) expectReported(message, issue.path, issue.value);
}

/** Asserts `error` is a ValidationError with exactly one issue, `expected`, reported in its message. */
export function expectSingleIssue(error: unknown, expected: ExpectedIssue, subject?: RegExp): void {
  expectIssues(error, [expected], subject);
}

/** Asserts `error` is a ValidationError with an issue at `path` (among others, maybe), reported in its message. */
export function expectIssue(error: unknown, path: string, value: unknown, message: RegExp): void {
  const validation = validationError(error);
  const issue = validation.issues.find((candidate) => candidate.path === path);
  expect(issue).toEqual({ path, value, message: expect.stringMatching(message) });
  expectReported(validation.message, path, value);
}

/** A rejected case: its label, the props that differ from a valid base, and the issue (or issues) it must raise. */
export type BadCase<P> = readonly [label: string, props: P, expected: ExpectedIssue | readonly ExpectedIssue[]];

export interface BadBuilds {
  /** The one stack every bad construction went into: synthesizing it shows whether any of them left something. */
  readonly stack: () => TerraformStack;
  /** What each construction threw (undefined if it threw nothing), by case label or `extra` key. */
  readonly thrown: ReadonlyMap<string, unknown>;
}

/**
 * Registers a beforeAll that makes one stack named `stackName` and builds in it each case's props with
 * `build(stack, 'bad-<index>', props)`, then each of `extra` (e.g. several bad fields at once), keeping what each threw.
 */
export function buildBadCases<P>(
  stackName: string,
  cases: ReadonlyArray<readonly [string, P, ...unknown[]]>,
  build: (stack: TerraformStack, id: string, props: P) => unknown,
  extra: Readonly<Record<string, (stack: TerraformStack) => unknown>> = {},
): BadBuilds {
  let stack: TerraformStack | undefined;
  const thrown = new Map<string, unknown>();
  beforeAll(() => {
    const built = testStack(stackName);
    stack = built;
    const record = (label: string, construct: () => unknown) => thrown.set(label, thrownBy(construct));
    cases.forEach(([label, props], index) => record(label, () => build(built, `bad-${index}`, props)));
    for (const [label, buildExtra] of Object.entries(extra)) record(label, () => buildExtra(built));
  });
  return {
    stack: () => {
      if (!stack) throw new Error('the bad cases are built in beforeAll');
      return stack;
    },
    thrown,
  };
}

/**
 * {@link buildBadCases}, plus the test `rejects <label>, naming the field and the value` for each case: the error is a
 * ValidationError whose message matches `subject` and that has exactly the expected issue(s).
 */
export function rejectsEachCase<P>(options: {
  readonly stackName?: string;
  readonly subject: RegExp;
  readonly cases: ReadonlyArray<BadCase<P>>;
  readonly build: (stack: TerraformStack, id: string, props: P) => unknown;
  readonly extra?: Readonly<Record<string, (stack: TerraformStack) => unknown>>;
}): BadBuilds {
  const { stackName = 'invalid', subject, cases, build, extra } = options;
  const bad = buildBadCases(stackName, cases, build, extra);
  it.each(cases.map(([label, , expected]) => [label, expected] as const))(
    'rejects %s, naming the field and the value',
    (label, expected) => {
      const issues = isIssueList(expected) ? expected : [expected];
      expectIssues(bad.thrown.get(label), issues, subject);
    },
  );
  return bad;
}

function isIssueList(expected: ExpectedIssue | readonly ExpectedIssue[]): expected is readonly ExpectedIssue[] {
  return Array.isArray(expected);
}
