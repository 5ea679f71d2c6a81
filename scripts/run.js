#!/usr/bin/env node
// @ts-check
/**
 * `node scripts/run.js <entry.ts> [args...]`: runs a TypeScript entry (cdktf.json's app runs `main.ts` this way; the
 * npm scripts run `scripts/*.ts` this way) as JavaScript that swc compiled once and cached on disk
 * (`scripts/lib/ts-cache.js` says how and why). No build step: whatever the entry requires is compiled on first use
 * and again whenever its content changes. The entry sees `process.argv` as `[node, <entry>, ...args]`, as under tsx.
 *
 * The cache lives in `node_modules/.cache/ts-run/` (`TS_RUN_CACHE_DIR` moves it). A stack trace names the compiled
 * file in the cache and its line; with `TS_RUN_SOURCE_MAPS=1` it names the `.ts` line instead (Node's source maps,
 * off by default: they cost ~0.5 s and ~65 MB per synth, as Node then decodes the inline maps of every cdktf file).
 */
'use strict';

const path = require('node:path');
const { register } = require('./lib/ts-cache');

const [entryArg, ...args] = process.argv.slice(2);
if (!entryArg) {
  console.error('usage: node scripts/run.js <entry.ts> [args...]');
  process.exit(2);
}
const entry = path.resolve(entryArg);
if (process.env.TS_RUN_SOURCE_MAPS === '1') process.setSourceMapsEnabled(true);
register();
process.argv = [process.argv[0] ?? process.execPath, entry, ...args];
require(entry);
