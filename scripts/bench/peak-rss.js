// @ts-check
// Preloaded by `npm run bench` into the app's Node process (NODE_OPTIONS=--require <this file>), so that the app runs
// exactly as cdktf.json says: on exit, appends this process's peak RSS to $BENCH_PEAK_RSS_FILE. Prints nothing.
'use strict';

const { appendFileSync } = require('node:fs');

const file = process.env.BENCH_PEAK_RSS_FILE;
if (file) {
  process.on('exit', () => {
    appendFileSync(file, `${JSON.stringify({ pid: process.pid, maxRssKb: process.resourceUsage().maxRSS })}\n`);
  });
}
