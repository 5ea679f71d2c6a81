/**
 * What the app synthesizes is approved, stack by stack: `__tests__/fixtures/synth-baseline/` holds every stack's
 * synthesized JSON (metadata stripped, keys sorted), and each synth must equal it. A change to a stack fails here
 * until it is reviewed and approved with `npm run synth:baseline`, so the fixture's diff in the commit is the
 * plan-level change the commit makes. (The house rework's before/after proof is the diff of this fixture between
 * 78369c0 and the commit that approved it: only the network stacks' new `private_route_table_ids` output and the new
 * staging stacks.) And an address that disappears must have a `moved` block to its new address, so Terraform plans a
 * move, not a replacement, for an already-deployed stack.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SYNTH_BASELINE_DIR, withoutMetadata } from '../../scripts/lib/synth-baseline';
import { stackNames, synthesizedStack } from '../helpers/synthesized-app';

type Json = unknown;

const APPROVE = 'review the change, then approve it with `npm run synth:baseline`';

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

const approvedStacks = readdirSync(SYNTH_BASELINE_DIR).map((file) => file.replace(/\.json$/, ''));

it('approves every stack the app synthesizes, and no stack the app dropped', () => {
  // A dropped stack would strand what is deployed: destroy it first, then approve.
  expect({ unapproved: stackNames().filter((name) => !approvedStacks.includes(name)), hint: APPROVE }).toEqual({
    unapproved: [],
    hint: APPROVE,
  });
  expect(approvedStacks.filter((name) => !stackNames().includes(name))).toEqual([]);
});

describe.each(approvedStacks.filter((name) => stackNames().includes(name)))('%s', (stack) => {
  const before = JSON.parse(readFileSync(join(SYNTH_BASELINE_DIR, `${stack}.json`), 'utf8')) as Json;
  const after = withoutMetadata(synthesizedStack(stack).json);

  it(`synthesizes what was approved (else: ${APPROVE})`, () => {
    expect(differences(before, after)).toEqual([]);
  });

  it('keeps every approved resource address, or moves it with a moved block', () => {
    const now = new Set(addresses(after));
    const moved = ((after as Record<string, Json>).moved ?? []) as Array<{ from: string; to: string }>;
    for (const address of addresses(before).filter((a) => !now.has(a))) {
      const move = moved.find((m) => m.from === address);
      expect({ address, to: move?.to }).toEqual({ address, to: expect.any(String) });
      expect(now.has(move!.to)).toBe(true);
    }
  });
});
