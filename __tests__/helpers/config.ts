/**
 * Config test helpers: an environment with a patch deep-merged into it, and the ValidationError that loading a set
 * of environments throws. loadConfig gets sources directly, so no override file or process.env is involved.
 */
import { ValidationError } from '../../modules/core/validation';
import { loadConfig } from '../../src/config/load';
import { project } from '../../src/config/project';
import type { EnvironmentConfig } from '../../src/config/schema';

export type Patch = Record<string, unknown>;

/** Objects merge key by key; arrays and scalars in `over` replace what is in `base`. */
export function deepMerge(base: unknown, over: unknown): unknown {
  const isObject = (value: unknown): value is Record<string, unknown> =>
    typeof value === 'object' && value !== null && !Array.isArray(value);
  if (!isObject(base) || !isObject(over)) return over;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) merged[key] = deepMerge(merged[key], value);
  return merged;
}

/** `environment` with `patch` merged in (e.g. `{ ec2Web: { cache: { numCacheClusters: 1 } } }`). */
export function withPatch(environment: EnvironmentConfig, patch: Patch): unknown {
  return deepMerge(environment, patch);
}

/** Loads `environments` (raw, unvalidated) with the shipped project and returns the error it must throw. */
export function loadError(environments: readonly unknown[]): ValidationError {
  try {
    loadConfig({}, { project, environments });
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error('loadConfig did not throw');
}

/** Asserts `error` has exactly one issue at `path` with `value` and a matching message, formatted as users see it. */
export function expectIssue(error: ValidationError, path: string, value: unknown, message: RegExp): void {
  const issue = error.issues.find((candidate) => candidate.path === path);
  expect(issue).toEqual({ path, value, message: expect.stringMatching(message) });
  expect(error.message).toContain(`${path}: `);
  expect(error.message).toContain(`(got ${value === undefined ? 'nothing' : JSON.stringify(value)})`);
}
