// One synth of the whole app, exactly as `cdktf synth` runs it (main.ts), reporting its own peak RSS on exit.
import '../../main';

process.on('exit', () =>
  process.stderr.write(`BENCH ${JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS })}\n`),
);
