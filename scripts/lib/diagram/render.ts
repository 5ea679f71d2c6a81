/**
 * DOT → SVG with Graphviz compiled to WebAssembly (`@hpcc-js/wasm-graphviz`: no native binary, runs offline), stamped
 * with the digest of its DOT (files.ts). An ES module: Node loads it with `require` (Node ≥ 20.19), jest cannot, so
 * tests never import this file.
 */
import { Graphviz } from '@hpcc-js/wasm-graphviz';
import { sourceStamp } from './files';

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
