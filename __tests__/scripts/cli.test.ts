/**
 * The command lines of the npm scripts (scripts/lib/cli.ts, descriptions in scripts/lib/commands.ts): usage text, the
 * one-line errors, and that every script entry reads its command line through them. `npm start` is run for real (its
 * help and an unknown option) to show the wiring end to end.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { nearestName, parseCommandLine, usage, type CliCommand } from '../../scripts/lib/cli';
import * as commands from '../../scripts/lib/commands';
import { PROJECT_ROOT } from '../../scripts/lib/terraform';

const SAMPLE = {
  name: 'npm run sample --',
  summary: 'Does a sample thing.',
  options: {
    stacks: { type: 'string', value: 'a,b', description: 'only these stacks' },
    concurrency: { type: 'string', value: 'N', default: '2', description: 'at a time' },
    'allow-skipped': { type: 'boolean', description: 'accept skipped stacks' },
  },
  examples: ['npm run sample', 'npm run sample -- --stacks x'],
  notes: ['Exit codes: 0 ok.'],
} as const satisfies CliCommand;

describe('usage and parsing', () => {
  it('prints the synopsis, every option with its value and default, the help option, the examples and the notes', () => {
    expect(usage(SAMPLE)).toBe(
      [
        'Usage: npm run sample -- [options]',
        '',
        'Does a sample thing.',
        '',
        'Options:',
        '  --stacks a,b     only these stacks',
        '  --concurrency N  at a time (default: 2)',
        '  --allow-skipped  accept skipped stacks',
        '  -h, --help       print this help',
        '',
        'Examples:',
        '  npm run sample',
        '  npm run sample -- --stacks x',
        '',
        'Exit codes: 0 ok.',
      ].join('\n'),
    );
  });

  it('gives the values, with defaults, and false for an absent boolean', () => {
    expect(parseCommandLine(SAMPLE, ['--stacks', 'a,b'])).toEqual({
      kind: 'run',
      values: { stacks: 'a,b', concurrency: '2', 'allow-skipped': false },
      positionals: [],
    });
  });

  it.each([
    [['--help'], 'help'],
    [['-h'], 'help'],
  ])('%j asks for the usage', (argv, kind) => {
    expect(parseCommandLine(SAMPLE, argv)).toEqual({ kind, text: usage(SAMPLE) });
  });

  it.each([
    [['--stack', 'x'], 'unknown option --stack (did you mean --stacks?)'],
    [['--concurency', '1'], 'unknown option --concurency (did you mean --concurrency?)'],
    [['--verbose'], 'unknown option --verbose'],
    [['--stacks'], 'option --stacks needs a value'],
    [['--allow-skipped=yes'], 'option --allow-skipped takes no value'],
    [['network-dev'], "unexpected argument 'network-dev'"],
  ])('%j: one line naming the problem, then the usage', (argv, problem) => {
    expect(parseCommandLine(SAMPLE, argv)).toEqual({
      kind: 'error',
      text: `npm run sample: ${problem}\n\n${usage(SAMPLE)}`,
    });
  });

  it('suggests the nearest known option: a prefix or at most two edits away', () => {
    expect(nearestName('stack', ['stacks', 'concurrency'])).toBe('stacks');
    expect(nearestName('enviroment', ['environment', 'stack'])).toBe('environment');
    expect(nearestName('output', ['outdir', 'stack'])).toBeUndefined();
  });
});

describe('every script command', () => {
  const all: Array<[string, CliCommand]> = [
    ...Object.entries(commands as Record<string, unknown>)
      .filter(([, command]) => typeof command === 'object')
      .map(([name, command]): [string, CliCommand] => [name, command as CliCommand]),
    ['sandboxCommand', commands.sandboxCommand({ bucket: 'b', table: 't', dataDir: '.sandbox/data' })],
  ];

  it.each(all)('%s: usage names every option, and at least one example that is an npm command', (_name, command) => {
    const text = usage(command);
    for (const option of Object.keys(command.options)) expect(text).toMatch(new RegExp(`^  .*--${option}\\b`, 'm'));
    expect(command.examples.length).toBeGreaterThan(0);
    for (const example of command.examples) expect(example).toMatch(/(^|\s)npm (start|run)\b/);
    const unknown = parseCommandLine(command, ['--no-such-option']);
    expect(unknown.kind).toBe('error');
    expect(unknown.kind === 'error' && unknown.text.split('\n')[0]).toMatch(
      /^npm (start|run (--silent )?[\w:-]+): unknown option/,
    );
  });

  it('is read by every TypeScript entry that package.json runs (npm start, npm run ...)', () => {
    const { scripts } = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    const entries = [
      ...new Set(
        Object.values(scripts).flatMap((script) => [...script.matchAll(/scripts\/[\w-]+\.ts/g)].map((m) => m[0])),
      ),
    ];
    expect(entries.length).toBeGreaterThanOrEqual(10);
    for (const entry of entries) {
      expect([entry, readFileSync(join(PROJECT_ROOT, entry), 'utf8')]).toEqual([
        entry,
        expect.stringMatching(/readCommandLine\(/),
      ]);
    }
  });
});

describe('npm start, for real', () => {
  const npmStart = (args: string[]) =>
    spawnSync('npm', ['start', '--silent', '--', ...args], { cwd: PROJECT_ROOT, encoding: 'utf8', timeout: 60_000 });

  it('--help prints the usage with every option and an example, and exits 0', () => {
    const run = npmStart(['--help']);
    expect(run.stdout).toBe(`${usage(commands.MAIN_JOB)}\n`);
    expect(run.status).toBe(0);
  });

  it('an unknown option: one line naming it, the usage, exit 2, no stack trace', () => {
    const run = npmStart(['--stack', 'network-dev']);
    expect(run.stderr).toBe(
      `npm start: unknown option --stack (did you mean --stacks?)\n\n${usage(commands.MAIN_JOB)}\n`,
    );
    expect(run.stdout).toBe('');
    expect(run.status).toBe(2);
  });
});
