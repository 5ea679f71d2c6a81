/** Where the diagrams live: `docs/diagrams/<stack>.dot` (the source, compared by the freshness test) and `.svg`. */
import { join } from 'node:path';
import { PROJECT_ROOT } from '../terraform';

export const DIAGRAMS_DIR = join(PROJECT_ROOT, 'docs', 'diagrams');

export function diagramFile(stack: string, extension: 'dot' | 'svg'): string {
  return join(DIAGRAMS_DIR, `${stack}.${extension}`);
}
