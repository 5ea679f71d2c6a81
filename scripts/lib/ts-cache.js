// @ts-check
/**
 * Runs the project's TypeScript as JavaScript compiled once and cached on disk: a `require` hook for `.ts` files
 * (`register()`, used by `scripts/run.js`) whose output is cached per source file and keyed by a hash of its content.
 *
 * Why a hook with a content-keyed cache. Measured on this machine (2 cores, shared), the app with its 9 stacks, 11
 * interleaved rounds at load 3–7, medians of CPU seconds (user + sys; wall time was too noisy) and peak RSS:
 *   tsx, `node --import tsx main.ts` (the previous app)             3.45 s  216 MB  transforms every file, every run
 *   every file compiled beforehand, plain `node` (the lower bound)  1.76 s  133 MB
 *   this hook, warm cache                                           1.75 s  137 MB
 *   this hook, empty cache (= swc on every run, without a cache)    2.06 s  179 MB  loads swc's native binding
 *   build dir, freshness by mtime, then require the compiled main   1.90 s  135 MB
 *   this hook with Node's source maps on                            2.94 s  199 MB  decodes every cdktf file's map
 *   precompiled + a V8 code cache for every module                  1.65 s  145 MB  within noise; not worth it
 * A build directory is as fast (checking 54 files either way costs 3–5 ms), but it needs a list of source roots, mtime
 * is not content (a restored or copied file keeps an old mtime; sub-millisecond mtimes broke the prototype's check),
 * outputs of removed sources stay requirable until deleted, and `__dirname` there is the build dir, not the source's.
 * The hook compiles whatever `require` reaches (no list of roots), never serves output for content it was not compiled
 * from (the key is a hash of the compiler, its options, the file's path and its content), leaves resolution to Node
 * (a removed file is a "Cannot find module", as with tsx), and keeps `__filename` the `.ts` path.
 *
 * Cache entries: `<cacheDir>/<absolute source path>.js` (e.g. `node_modules/.cache/ts-run/work/repo/main.ts.js`),
 * written atomically (temp file + rename), so concurrent runs are safe. Each ends with `//# sourceURL=<entry>`, so a
 * stack trace names the compiled file and its true line, and an inline source map, so that with Node's source maps
 * on (`TS_RUN_SOURCE_MAPS=1` for scripts/run.js, or `--enable-source-maps`) it names the `.ts` line instead (off by
 * default: see the table). Whenever something is compiled, entries whose source no longer exists are deleted.
 *
 * Jest compiles with the same options (`SWC_OPTIONS`, through @swc/jest), so tests and the app run the same code.
 */
'use strict';

const { createHash } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

/** What `swc` is asked for: type stripping only (no type-check), ES2022, CommonJS — as tsconfig.json says. */
const SWC_OPTIONS = Object.freeze({
  jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
  module: { type: 'commonjs' },
});

/** Bump when the entry format or the key changes. */
const FORMAT = 'ts-run 1';

/** Where entries go unless `TS_RUN_CACHE_DIR` says otherwise: node_modules/.cache, so `npm ci` starts it afresh. */
const DEFAULT_CACHE_DIR = path.join(__dirname, '..', '..', 'node_modules', '.cache', 'ts-run');

/** Temp files of a writer that died are removed by `prune` after this long. */
const STALE_TEMP_MS = 60_000;

/**
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {string}
 */
function cacheDirFor(env = process.env) {
  return env.TS_RUN_CACHE_DIR ? path.resolve(env.TS_RUN_CACHE_DIR) : DEFAULT_CACHE_DIR;
}

/**
 * The cache entry of a source file.
 * @param {string} cacheDir
 * @param {string} filename absolute path of the `.ts` file
 */
function entryPath(cacheDir, filename) {
  return path.join(cacheDir, `${path.resolve(filename).replace(/:/g, '')}.js`);
}

/** @type {typeof import('@swc/core') | undefined} */
let swc;
/** @type {string | undefined} */
let compilerId;
/** Cache dirs pruned by this process: once each, on the first compile. */
const pruned = new Set();

/** The compiler's identity in the key; loads only swc's package.json, not swc. */
function compiler() {
  if (compilerId === undefined) {
    let version = 'missing';
    try {
      version = require('@swc/core/package.json').version;
    } catch {
      // reported when something needs compiling
    }
    compilerId = `${FORMAT}\0@swc/core ${version}\0${JSON.stringify(SWC_OPTIONS)}`;
  }
  return compilerId;
}

/**
 * The last line of an entry: what it was compiled from.
 * @param {string} filename
 * @param {string} entry
 * @param {string} source
 */
function keyLine(filename, entry, source) {
  const key = createHash('sha256').update(`${compiler()}\0${filename}\0${entry}\0`).update(source).digest('hex');
  return `// ts-run-cache ${key}\n`;
}

/**
 * JavaScript for a `.ts` file: its cache entry when that was compiled from the same content, else compiled now (and
 * stored, and the cache pruned of entries whose source is gone).
 * @param {string} filename absolute path of the `.ts` file
 * @param {{ cacheDir?: string, source?: string }} [options] `source`: the file's content, if already read
 * @returns {{ code: string, compiled: boolean, entry: string }}
 */
function compileCached(filename, options = {}) {
  const cacheDir = options.cacheDir ?? cacheDirFor();
  const source = options.source ?? fs.readFileSync(filename, 'utf8');
  const entry = entryPath(cacheDir, filename);
  const trailer = keyLine(filename, entry, source);
  let cached;
  try {
    cached = fs.readFileSync(entry, 'utf8');
  } catch {
    // no entry yet
  }
  if (cached !== undefined && cached.endsWith(trailer)) return { code: cached, compiled: false, entry };

  if (!swc) {
    try {
      swc = require('@swc/core');
    } catch (error) {
      throw new Error(
        `Cannot compile ${filename}: @swc/core (a devDependency) is not installed; run \`npm ci\`.\n${String(error)}`,
      );
    }
  }
  const output = swc.transformSync(source, {
    ...SWC_OPTIONS,
    filename,
    sourceMaps: 'inline',
    inlineSourcesContent: false,
    swcrc: false,
    configFile: false,
  });
  const code = `${output.code}\n//# sourceURL=${entry}\n${trailer}`;
  try {
    if (!pruned.has(cacheDir)) {
      pruned.add(cacheDir);
      prune(cacheDir);
    }
    fs.mkdirSync(path.dirname(entry), { recursive: true });
    const temp = `${entry}.${process.pid}.tmp`;
    fs.writeFileSync(temp, code);
    fs.renameSync(temp, entry);
  } catch {
    // A cache that cannot be written (read-only checkout) only costs speed.
  }
  return { code, compiled: true, entry };
}

/**
 * Deletes the entries whose source file no longer exists, and temp files left by a writer that died.
 * @param {string} cacheDir
 * @returns {string[]} the deleted entries' source paths
 */
function prune(cacheDir) {
  /** @type {string[]} */
  const removed = [];
  const now = Date.now();
  /** @param {string} dir */
  const walk = (dir) => {
    let names;
    try {
      names = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const dirent of names) {
      const file = path.join(dir, dirent.name);
      if (dirent.isDirectory()) {
        walk(file);
        continue;
      }
      if (dirent.name.endsWith('.ts.js')) {
        const source = path.join(path.sep, path.relative(cacheDir, file).slice(0, -'.js'.length));
        if (!fs.existsSync(source)) {
          fs.rmSync(file, { force: true });
          removed.push(source);
        }
      } else if (dirent.name.endsWith('.tmp')) {
        try {
          if (now - fs.statSync(file).mtimeMs > STALE_TEMP_MS) fs.rmSync(file, { force: true });
        } catch {
          // renamed meanwhile by its writer
        }
      }
    }
  };
  walk(cacheDir);
  return removed;
}

/**
 * Makes `require` load `.ts` files through the cache (and resolve extensionless paths to them).
 * @param {{ cacheDir?: string }} [options]
 * @returns {{ cacheDir: string, hits: number, compiled: number }} counters, updated as files load
 */
function register(options = {}) {
  const stats = { cacheDir: options.cacheDir ?? cacheDirFor(), hits: 0, compiled: 0 };
  /** @type {Record<string, (module: NodeJS.Module & { _compile(code: string, filename: string): void }, filename: string) => void>} */
  const extensions = /** @type {any} */ (require.extensions);
  extensions['.ts'] = (module, filename) => {
    const { code, compiled } = compileCached(filename, { cacheDir: stats.cacheDir });
    if (compiled) stats.compiled += 1;
    else stats.hits += 1;
    module._compile(code, filename);
  };
  return stats;
}

module.exports = { SWC_OPTIONS, DEFAULT_CACHE_DIR, cacheDirFor, entryPath, compileCached, prune, register };
