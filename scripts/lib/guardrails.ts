/** What `npm run guardrails` and its tests share: where a stack's findings point, and the docs table's place. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { blueprints } from '../../src/blueprints';
import { PROJECT_ROOT } from './terraform';

/** The file a stack's findings point at in code scanning: its blueprint's stack.ts (the state backend's own file). */
export function stackSourceFile(stack: string): string {
  const blueprint = [...blueprints]
    .sort((a, b) => b.name.length - a.name.length)
    .find((candidate) => stack === candidate.name || stack.startsWith(`${candidate.name}-`));
  const file = blueprint ? `src/blueprints/${blueprint.name}/stack.ts` : 'backend/state-backend-stack.ts';
  return existsSync(join(PROJECT_ROOT, file)) ? file : 'src/app.ts';
}

/** docs/guardrails.md: the rules table between its markers. */
export const GUARDRAILS_DOC = join(PROJECT_ROOT, 'docs', 'guardrails.md');
export const TABLE_START = '<!-- rules table: npm run guardrails -- --docs -->';
export const TABLE_END = '<!-- end of rules table -->';
