/**
 * The approved synthesized JSON of every stack (`__tests__/fixtures/synth-baseline/<stack>.json`): metadata (`//`)
 * stripped and keys sorted, so the fixture's git diff reads as the plan-level change a commit makes.
 * `__tests__/app/synth-baseline.test.ts` compares every synth with it; `npm run synth:baseline` approves the current
 * one.
 */
import { join } from 'node:path';
import { PROJECT_ROOT } from './terraform';

export const SYNTH_BASELINE_DIR = join(PROJECT_ROOT, '__tests__', 'fixtures', 'synth-baseline');

type Json = unknown;

/** The stack's JSON without cdktf's `//` metadata, keys sorted at every level. */
export function withoutMetadata(value: Json): Json {
  if (Array.isArray(value)) return value.map(withoutMetadata);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, Json>).filter(([key]) => key !== '//');
  return Object.fromEntries(
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => [k, withoutMetadata(v)]),
  );
}

/** The fixture text of a stack's JSON (one-space indentation keeps diffs small and lines short). */
export function baselineText(stackJson: Json): string {
  return `${JSON.stringify(withoutMetadata(stackJson), null, 1)}\n`;
}
