/**
 * Config test helpers: an environment with a patch merged into it (the way CONFIG_OVERRIDES merges), and the
 * ValidationError that loading a set of environments throws (check its issues with `expectIssue` from
 * ./validation). loadConfig gets sources directly, so no override file or process.env is involved.
 */
import { ValidationError } from '../../modules/core/validation';
import { environments } from '../../src/config/environments';
import { loadConfig } from '../../src/config/load';
import { mergeLayers } from '../../src/config/merge';
import { project } from '../../src/config/project';
import type { EnvironmentInput } from '../../src/config/schema';
import { thrownBy } from './validation';

export type Patch = Record<string, unknown>;

/** `environment` with `patch` merged in (e.g. `{ ec2Web: { cache: { numCacheClusters: 1 } } }`). */
export function withPatch(environment: EnvironmentInput, patch: Patch): unknown {
  return mergeLayers(environment, patch);
}

/** Loads `environments` (raw, unvalidated) with the shipped project and returns the error it must throw. */
export function loadError(environments: readonly unknown[]): ValidationError {
  const error = thrownBy(() => loadConfig({}, { project, environments }));
  if (error instanceof ValidationError) return error;
  throw error ?? new Error('loadConfig did not throw');
}

/** The shipped environments with `patch` merged into the one named `name`. */
export function environmentsWith(name: string, patch: Patch): unknown[] {
  if (!environments.some((environment) => environment.name === name)) throw new Error(`no environment ${name}`);
  return environments.map((environment) => (environment.name === name ? withPatch(environment, patch) : environment));
}
