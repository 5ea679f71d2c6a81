/**
 * Where the diagrams live — `docs/diagrams/<stack>.dot` (the Graphviz source) and `<stack>.svg` (the picture) — and
 * the stamp that ties a picture to its source: every SVG carries the SHA-256 of the DOT it was drawn from, so the
 * freshness test can tell a stale picture without loading Graphviz.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../terraform';

export const DIAGRAMS_DIR = join(PROJECT_ROOT, 'docs', 'diagrams');

export function diagramFile(stack: string, extension: 'dot' | 'svg'): string {
  return join(DIAGRAMS_DIR, `${stack}.${extension}`);
}

export function dotDigest(dot: string): string {
  return createHash('sha256').update(dot).digest('hex');
}

/** The comment every generated SVG carries: which DOT text (by digest) it was drawn from. */
export function sourceStamp(dot: string): string {
  return `<!-- drawn by npm run diagrams from DOT sha256:${dotDigest(dot)} -->`;
}

/** The digest an SVG says it was drawn from, if it has the stamp. */
export function stampedDigest(svg: string): string | undefined {
  return /<!-- drawn by npm run diagrams from DOT sha256:([0-9a-f]{64}) -->/.exec(svg)?.[1];
}
