/**
 * `npm run diagrams`: an architecture diagram of every synthesized stack, drawn from its Terraform JSON (never by
 * hand): `docs/diagrams/<stack>.dot` (Graphviz source) and `docs/diagrams/<stack>.svg`. The shipped configuration is
 * synthesized into a temporary directory, each stack becomes a diagram (scripts/lib/diagram/), and files that changed
 * are written; diagrams of stacks that no longer exist are removed. `--check` writes nothing and exits 1 if a
 * committed diagram is stale (the unit test `__tests__/scripts/diagrams.test.ts` checks the same, without drawing).
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { readCommandLine, usageError } from './lib/cli';
import { DIAGRAMS } from './lib/commands';
import { buildDiagram } from './lib/diagram/build';
import { toDot } from './lib/diagram/dot';
import { DIAGRAMS_DIR, diagramFile } from './lib/diagram/files';
import { PROJECT_ROOT } from './lib/terraform';

interface Options {
  readonly check: boolean;
  readonly stacks: string[];
}

function options(): Options {
  const { values } = readCommandLine(DIAGRAMS);
  return { check: values.check, stacks: values.stacks?.split(',').filter(Boolean) ?? [] };
}

/**
 * Every stack of the shipped configuration, synthesized: name → Terraform JSON (with cdktf's metadata). The app is
 * loaded here, not at the top, so that `--help` and a wrong option answer at once.
 */
async function synthesize(): Promise<Map<string, Record<string, unknown>>> {
  const [{ App }, { buildApp }, { loadConfig }, { readSynthesizedStacks }] = await Promise.all([
    import('cdktf'),
    import('../src/app'),
    import('../src/config/load'),
    import('./lib/plan'),
  ]);
  const outdir = mkdtempSync(join(tmpdir(), 'diagrams-'));
  try {
    buildApp(new App({ outdir }), loadConfig({})).synth();
    return new Map(
      readSynthesizedStacks(outdir).map((stack) => [
        stack.name,
        JSON.parse(readFileSync(join(stack.directory, 'cdk.tf.json'), 'utf8')) as Record<string, unknown>,
      ]),
    );
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

const read = (file: string): string | undefined => (existsSync(file) ? readFileSync(file, 'utf8') : undefined);

async function main(): Promise<number> {
  const parsed = options();
  const started = Date.now();
  const synthesized = await synthesize();
  const { renderSvg } = await import('./lib/diagram/render');
  const unknown = parsed.stacks.filter((name) => !synthesized.has(name));
  if (unknown.length > 0) {
    return usageError(DIAGRAMS, `no stack ${unknown.join(', ')} (stacks: ${[...synthesized.keys()].join(', ')})`);
  }
  const names = parsed.stacks.length > 0 ? parsed.stacks : [...synthesized.keys()].sort();
  mkdirSync(DIAGRAMS_DIR, { recursive: true });
  const stale: string[] = [];
  for (const name of names) {
    const dot = toDot(buildDiagram(synthesized.get(name) as Record<string, unknown>, name));
    const svg = await renderSvg(dot);
    for (const [file, text] of [
      [diagramFile(name, 'dot'), dot],
      [diagramFile(name, 'svg'), svg],
    ] as const) {
      if (read(file) === text) continue;
      stale.push(relative(PROJECT_ROOT, file));
      if (!parsed.check) writeFileSync(file, text);
    }
  }
  if (parsed.stacks.length === 0) {
    for (const file of readdirSync(DIAGRAMS_DIR).sort()) {
      const stack = file.replace(/\.(dot|svg)$/, '');
      if (file === stack || synthesized.has(stack)) continue;
      stale.push(relative(PROJECT_ROOT, join(DIAGRAMS_DIR, file)));
      if (!parsed.check) rmSync(join(DIAGRAMS_DIR, file));
    }
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (parsed.check) {
    if (stale.length === 0) {
      console.log(`diagrams: ${names.length} stacks, every diagram is up to date (${seconds} s)`);
      return 0;
    }
    console.error(`diagrams: stale, run \`npm run diagrams\` and commit the result:\n  ${stale.join('\n  ')}`);
    return 1;
  }
  const changes = stale.length === 0 ? 'nothing changed' : `written or removed:\n  ${stale.join('\n  ')}`;
  console.log(
    `diagrams: ${names.length} stacks drawn into ${relative(PROJECT_ROOT, DIAGRAMS_DIR)}/ in ${seconds} s; ${changes}`,
  );
  return 0;
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
