/**
 * DOT → SVG with Graphviz compiled to WebAssembly (`@hpcc-js/wasm-graphviz`: no native binary, runs offline). The SVG
 * carries the SHA-256 of the DOT it was drawn from, so a test can tell a stale picture without drawing it again.
 */
import { Graphviz } from '@hpcc-js/wasm-graphviz';
import { createHash } from 'node:crypto';

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

let graphviz: Promise<Graphviz> | undefined;

export async function renderSvg(dot: string): Promise<string> {
  graphviz ??= Graphviz.load();
  // Graphviz writes `Helvetica,sans-Serif`; renderers that take the list literally miss the capitalized generic family
  // and fall back to a wider font than the one Graphviz measured the labels with, so the text overflows its boxes.
  const svg = (await graphviz)
    .dot(dot, 'svg')
    .replace(/font-family="Helvetica,sans-Serif"/g, 'font-family="Helvetica,Arial,sans-serif"');
  // The stamp goes right after the XML declaration and doctype, before <svg>.
  const at = svg.indexOf('<svg');
  return `${svg.slice(0, at)}${sourceStamp(dot)}\n${svg.slice(at)}`;
}
