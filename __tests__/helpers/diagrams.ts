/** The diagram of a shipped stack, from the JSON `cdktf synth` wrote for this jest run (metadata included, as `npm run diagrams` reads it). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildDiagram } from '../../scripts/lib/diagram/build';
import type { Diagram } from '../../scripts/lib/diagram/model';
import { manifest, stackNames, synthesizedAppDir } from './synthesized-app';

export function shippedDiagram(stack: string): Diagram {
  const entry = manifest().stacks[stack];
  if (!entry) throw new Error(`no stack ${stack} in the synthesized app (stacks: ${stackNames().join(', ')})`);
  const json = JSON.parse(readFileSync(join(synthesizedAppDir(), entry.synthesizedStackPath), 'utf8')) as Record<
    string,
    unknown
  >;
  return buildDiagram(json, stack);
}
