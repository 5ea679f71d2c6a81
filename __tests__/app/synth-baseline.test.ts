/**
 * The house rework (blueprint packages, defaults in schemas, regions per stack) must not change what a deployed
 * stack plans. `__tests__/fixtures/synth-baseline/` holds every stack's synthesized JSON from before it (metadata
 * stripped, keys sorted); each stack synthesized now must equal it but for the differences listed here, each with
 * its reason. And any resource address that is gone must have a `moved` block to its new address, so Terraform
 * plans a move, not a replacement.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { synthesizedStack } from '../helpers/synthesized-app';

type Json = unknown;

const BASELINE_DIR = join(__dirname, '..', 'fixtures', 'synth-baseline');

/** JSON paths (`/output/x`) that may differ from the baseline, per stack name pattern, and why. */
const INTENDED_DIFFERENCES: ReadonlyArray<{ stack: RegExp; path: string; reason: string }> = [
  {
    stack: /^network-/,
    path: '/output/private_route_table_ids',
    reason:
      'new output: the private route tables of the shared VPC, for whoever adds routes or gateway endpoints to it',
  },
];

function withoutMetadata(value: Json): Json {
  if (Array.isArray(value)) return value.map(withoutMetadata);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, Json>).filter(([key]) => key !== '//');
  return Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, withoutMetadata(v)]));
}

/** Every JSON path under which `before` and `after` differ (the deepest object level where they do). */
function differences(before: Json, after: Json, path = ''): string[] {
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  const isObject = (v: Json): v is Record<string, Json> => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (!isObject(before) || !isObject(after)) return [path || '/'];
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].flatMap((key) => differences(before[key], after[key], `${path}/${key}`));
}

function addresses(json: Json): string[] {
  const resources = ((json as Record<string, Json>).resource ?? {}) as Record<string, Record<string, Json>>;
  return Object.entries(resources).flatMap(([type, blocks]) => Object.keys(blocks).map((name) => `${type}.${name}`));
}

const baselineStacks = readdirSync(BASELINE_DIR).map((file) => file.replace(/\.json$/, ''));

describe.each(baselineStacks)('%s against the baseline', (stack) => {
  const before = JSON.parse(readFileSync(join(BASELINE_DIR, `${stack}.json`), 'utf8')) as Json;
  const after = withoutMetadata(synthesizedStack(stack).json);

  it('differs only where a listed, intended change says so', () => {
    const unexplained = differences(before, after).filter(
      (path) => !INTENDED_DIFFERENCES.some((change) => change.stack.test(stack) && path === change.path),
    );
    expect(unexplained).toEqual([]);
  });

  it('keeps every resource address, or moves it with a moved block', () => {
    const now = new Set(addresses(after));
    const moved = ((after as Record<string, Json>).moved ?? []) as Array<{ from: string; to: string }>;
    for (const address of addresses(before).filter((a) => !now.has(a))) {
      const move = moved.find((m) => m.from === address);
      expect({ address, to: move?.to }).toEqual({ address, to: expect.any(String) });
      expect(now.has(move!.to)).toBe(true);
    }
  });
});
