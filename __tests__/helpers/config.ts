/**
 * Config test helpers: an environment with a patch deep-merged into it, and the ValidationError that loading a set
 * of environments throws (check its issues with `expectIssue` from ./validation). loadConfig gets sources directly, so
 * no override file or process.env is involved.
 */
import { ValidationError } from '../../modules/core/validation';
import { loadConfig } from '../../src/config/load';
import { project } from '../../src/config/project';
import type { EnvironmentConfig } from '../../src/config/schema';
import { thrownBy } from './validation';

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
  const error = thrownBy(() => loadConfig({}, { project, environments }));
  if (error instanceof ValidationError) return error;
  throw error ?? new Error('loadConfig did not throw');
}
