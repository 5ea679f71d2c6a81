/**
 * The compile cache behind scripts/run.js (cdktf.json's app): an entry is reused only for the content it was compiled
 * from, an edit is recompiled whatever the file's mtime, entries of removed sources are deleted, and the launcher runs
 * a TypeScript entry with its imports, arguments and exit code as tsx did.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileCached, entryPath, prune } from '../../scripts/lib/ts-cache';
import { PROJECT_ROOT } from '../../scripts/lib/terraform';

let dir: string;
let src: string;
let cacheDir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ts-cache-'));
  src = join(dir, 'src');
  cacheDir = join(dir, 'cache');
  mkdirSync(src);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const write = (name: string, text: string) => {
  writeFileSync(join(src, name), text);
  return join(src, name);
};

describe('compileCached', () => {
  it('compiles once, then serves the entry while the content is unchanged', () => {
    const file = write('a.ts', 'import type { B } from "./b";\nexport const a: number = 1;\nexport type A = B;\n');
    const first = compileCached(file, { cacheDir });
    expect(first.compiled).toBe(true);
    expect(first.entry).toBe(entryPath(cacheDir, file));
    expect(first.code).toContain('const a = 1;');
    expect(first.code).not.toContain('./b'); // type-only import elided, as tsx does
    expect(first.code).toContain(`//# sourceURL=${first.entry}\n`);
    expect(first.code).toMatch(/\/\/# sourceMappingURL=data:application\/json;base64,/);
    expect(readFileSync(first.entry, 'utf8')).toBe(first.code);

    const second = compileCached(file, { cacheDir });
    expect(second).toEqual({ ...first, compiled: false });
  });

  it('recompiles an edited file even when its mtime is put back', () => {
    const file = write('a.ts', 'export const a = 1;\n');
    const before = compileCached(file, { cacheDir });
    const old = new Date('2000-01-01T00:00:00Z');
    writeFileSync(file, 'export const a = 2;\n');
    utimesSync(file, old, old);
    utimesSync(before.entry, new Date(), new Date());

    const after = compileCached(file, { cacheDir });
    expect(after.compiled).toBe(true);
    expect(after.code).toContain('const a = 2;');
    expect(readFileSync(after.entry, 'utf8')).toBe(after.code);
  });

  it('recompiles over an entry that is damaged or was compiled from other content', () => {
    const file = write('a.ts', 'export const a = 1;\n');
    const { entry } = compileCached(file, { cacheDir });
    writeFileSync(entry, readFileSync(entry, 'utf8').slice(0, 40));
    expect(compileCached(file, { cacheDir })).toMatchObject({ compiled: true });
    expect(compileCached(file, { cacheDir, source: 'export const a = 3;\n' })).toMatchObject({ compiled: true });
    const back = compileCached(file, { cacheDir });
    expect(back).toMatchObject({ compiled: true });
    expect(back.code).toContain('const a = 1;');
  });

  it('keeps one entry per source path', () => {
    const one = write('a.ts', 'export const a = 1;\n');
    const two = write('b.ts', 'export const a = 1;\n');
    expect(compileCached(one, { cacheDir }).entry).not.toBe(compileCached(two, { cacheDir }).entry);
    expect(compileCached(one, { cacheDir }).compiled).toBe(false);
  });
});

describe('prune', () => {
  it('deletes the entries of removed sources and stale temp files, and keeps the rest', () => {
    const kept = compileCached(write('kept.ts', 'export const k = 1;\n'), { cacheDir });
    const gone = compileCached(write('gone.ts', 'export const g = 1;\n'), { cacheDir });
    const staleTemp = `${gone.entry}.12345.tmp`;
    const freshTemp = `${kept.entry}.12346.tmp`;
    writeFileSync(staleTemp, '');
    writeFileSync(freshTemp, '');
    const old = new Date(Date.now() - 10 * 60_000);
    utimesSync(staleTemp, old, old);
    rmSync(join(src, 'gone.ts'));

    expect(prune(cacheDir)).toEqual([join(src, 'gone.ts')]);
    expect(existsSync(gone.entry)).toBe(false);
    expect(existsSync(staleTemp)).toBe(false);
    expect(existsSync(kept.entry)).toBe(true);
    expect(existsSync(freshTemp)).toBe(true); // may be a concurrent writer's
    expect(prune(join(dir, 'no-such-cache'))).toEqual([]);
  });
});

describe('scripts/run.js', () => {
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [join(PROJECT_ROOT, 'scripts', 'run.js'), ...args], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, TS_RUN_CACHE_DIR: cacheDir, TS_RUN_SOURCE_MAPS: '' },
    });

  it('runs an entry and what it imports, picks up edits, and forgets removed files', () => {
    write(
      'main.ts',
      [
        "import { greet } from './greet';",
        "import type { Name } from './greet';",
        "import { extra } from './extra';",
        "const name: Name = process.argv[2] ?? 'nobody';",
        'console.log(`${greet(name)} ${extra} ${process.argv[1]}`);',
        '',
      ].join('\n'),
    );
    write('greet.ts', 'export type Name = string;\nexport const greet = (name: Name): string => `hello ${name}`;\n');
    write('extra.ts', 'export const extra: string = "+";\n');

    const first = run('src/main.ts', 'world');
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toBe(`hello world + ${join(src, 'main.ts')}\n`);

    write('greet.ts', 'export type Name = string;\nexport const greet = (name: Name): string => `bonjour ${name}`;\n');
    expect(run('src/main.ts', 'world').stdout).toBe(`bonjour world + ${join(src, 'main.ts')}\n`);

    const extraEntry = entryPath(cacheDir, join(src, 'extra.ts'));
    expect(existsSync(extraEntry)).toBe(true);
    rmSync(join(src, 'extra.ts'));
    const missing = run('src/main.ts');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/Cannot find module '\.\/extra'/); // never the stale entry
    // A stack trace names the compiled file (and its true line) unless TS_RUN_SOURCE_MAPS=1 asks for the .ts line.
    expect(missing.stderr).toContain(`at Object.<anonymous> (${entryPath(cacheDir, join(src, 'main.ts'))}:`);
    write(
      'main.ts',
      readFileSync(join(src, 'main.ts'), 'utf8')
        .replace(/.*extra.*\n/, '')
        .replace(' ${extra}', ''),
    );
    expect(run('src/main.ts', 'again').stdout).toBe(`bonjour again ${join(src, 'main.ts')}\n`);
    expect(existsSync(extraEntry)).toBe(false);
  });
});
