/**
 * `npm run diagrams`: every synthesized stack has its diagram in docs/diagrams/, and none is stale. The DOT source is
 * regenerated in memory from the stacks synthesized for this jest run and compared with the committed `<stack>.dot`;
 * each `<stack>.svg` must carry the digest of that DOT (render.ts stamps it), so a picture drawn from another source
 * fails too, without loading Graphviz here. Plus the script's usage and option errors.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { toDot } from '../../scripts/lib/diagram/dot';
import { DIAGRAMS_DIR, diagramFile, dotDigest, stampedDigest } from '../../scripts/lib/diagram/files';
import { PROJECT_ROOT } from '../../scripts/lib/terraform';
import { stackNames } from '../helpers/synthesized-app';
import { shippedDiagram } from '../helpers/diagrams';

const STALE = 'stale: run `npm run diagrams` and commit docs/diagrams/';

describe('committed diagrams', () => {
  it('exist for exactly the synthesized stacks', () => {
    const expected = stackNames().flatMap((stack) => [`${stack}.dot`, `${stack}.svg`]);
    expect(readdirSync(DIAGRAMS_DIR).sort()).toEqual(expected.sort());
  });

  it.each(stackNames())('%s: the DOT is what the stack gives now, and the SVG was drawn from it', (stack) => {
    const dot = toDot(shippedDiagram(stack));
    const committed = existsSync(diagramFile(stack, 'dot')) ? readFileSync(diagramFile(stack, 'dot'), 'utf8') : '';
    if (committed !== dot) throw new Error(`docs/diagrams/${stack}.dot is ${STALE}`);
    const svg = readFileSync(diagramFile(stack, 'svg'), 'utf8');
    if (stampedDigest(svg) !== dotDigest(dot)) throw new Error(`docs/diagrams/${stack}.svg is ${STALE}`);
  });
});

describe('npm run diagrams (options)', () => {
  const run = (...args: string[]) =>
    spawnSync(process.execPath, ['scripts/run.js', 'scripts/diagrams.ts', ...args], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
    });

  it('prints its usage for --help', () => {
    const help = run('--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: npm run diagrams -- [options]');
    expect(help.stdout).toMatch(/--check\b/);
    expect(help.stdout).toMatch(/--stacks a,b\b/);
  });

  it('refuses an unknown option with one line naming it and the usage, exit code 2', () => {
    const wrong = run('--stack', 'x');
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(/^npm run diagrams: unknown option --stack \(did you mean --stacks\?\)\n/);
    expect(wrong.stderr).toContain('Usage: npm run diagrams -- [options]');
  });
});
