/**
 * The runnable command blocks of RUNBOOK.md: a fenced `sh` block right after a `<!-- runbook: NAME -->` comment.
 * The Terraform tests run them word for word; the unit tests check what they name.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../scripts/lib/terraform';

export const RUNBOOK_PATH = join(PROJECT_ROOT, 'RUNBOOK.md');

export function readRunbook(): string {
  return readFileSync(RUNBOOK_PATH, 'utf8');
}

/** Every named block, name → commands (indentation of a block inside a list item removed). */
export function runbookBlocks(text: string = readRunbook()): Map<string, string> {
  const blocks = new Map<string, string>();
  const pattern = /<!-- runbook: ([a-z0-9-]+) -->\s*\n([ \t]*)```sh\n([\s\S]*?)\n[ \t]*```/g;
  for (const match of text.matchAll(pattern)) {
    const [, name, indent, body] = match as unknown as [string, string, string, string];
    if (blocks.has(name)) throw new Error(`RUNBOOK.md has two blocks named ${name}`);
    blocks.set(
      name,
      body
        .split('\n')
        .map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line))
        .join('\n'),
    );
  }
  return blocks;
}

export function runbookBlock(name: string): string {
  const block = runbookBlocks().get(name);
  if (block === undefined) throw new Error(`RUNBOOK.md has no block <!-- runbook: ${name} -->`);
  return block;
}
