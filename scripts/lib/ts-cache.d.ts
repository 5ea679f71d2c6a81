// Types of ts-cache.js (plain JavaScript: it is what runs TypeScript, so it cannot be TypeScript itself).

/** The swc options the app (through ts-cache) and jest (through @swc/jest) both compile with. */
export const SWC_OPTIONS: {
  readonly jsc: { readonly parser: { readonly syntax: 'typescript' }; readonly target: 'es2022' };
  readonly module: { readonly type: 'commonjs' };
};
/** `node_modules/.cache/ts-run` of this checkout. */
export const DEFAULT_CACHE_DIR: string;
/** `TS_RUN_CACHE_DIR` (resolved), else `DEFAULT_CACHE_DIR`. */
export function cacheDirFor(env?: NodeJS.ProcessEnv): string;
/** The cache entry of a source file: `<cacheDir>/<absolute source path>.js`. */
export function entryPath(cacheDir: string, filename: string): string;
/** JavaScript for a `.ts` file, from its cache entry when that was compiled from the same content, else compiled now. */
export function compileCached(
  filename: string,
  options?: { cacheDir?: string; source?: string },
): { code: string; compiled: boolean; entry: string };
/** Deletes entries whose source no longer exists (and stale temp files); returns the deleted entries' sources. */
export function prune(cacheDir: string): string[];
/** Makes `require` load `.ts` files through the cache; the counters update as files load. */
export function register(options?: { cacheDir?: string }): { cacheDir: string; hits: number; compiled: number };
