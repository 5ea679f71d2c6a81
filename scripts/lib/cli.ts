/**
 * The command line of every npm script that takes options: one description per command (what it does, each option
 * with its value and default, examples) gives both the parser and the usage text, so the two cannot drift.
 *
 * `--help` (`-h`) prints the usage and exits 0. A wrong command line prints one line naming the problem (an unknown
 * option, with the nearest known one; a missing value; an unexpected argument), then the usage, and exits 2 — never
 * Node's ERR_PARSE_ARGS stack trace.
 */
import { parseArgs } from 'node:util';

export interface CliOption {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  readonly default?: string | boolean;
  /** Placeholder of a string option's value in the usage, e.g. `N`, `a,b`. Default `<value>`. */
  readonly value?: string;
  /** One line; the usage adds `(default: ...)` when there is a default. */
  readonly description: string;
}

export interface CliCommand<O extends Record<string, CliOption> = Record<string, CliOption>> {
  /** How the user types it, e.g. `npm start --`, `npm run sandbox --`. */
  readonly name: string;
  /** What it does, in a sentence or two. */
  readonly summary: string;
  readonly options: O;
  /** Positional arguments, e.g. `[DIR]`, described in `summary`. Default: none allowed. */
  readonly positionals?: string;
  /** Whole command lines, each shown on its own line. */
  readonly examples: readonly string[];
  /** Lines after the examples (exit codes, environment variables). */
  readonly notes?: readonly string[];
}

/** Parsed values: a string option is a string (or undefined without a default), a boolean option a boolean. */
export type CliValues<O extends Record<string, CliOption>> = {
  readonly [K in keyof O]: O[K]['type'] extends 'boolean'
    ? boolean
    : O[K] extends { default: string }
      ? string
      : string | undefined;
};

export type CliParse<O extends Record<string, CliOption>> =
  | { readonly kind: 'run'; readonly values: CliValues<O>; readonly positionals: readonly string[] }
  | { readonly kind: 'help'; readonly text: string }
  | { readonly kind: 'error'; readonly text: string };

/** The usage text: synopsis, summary, options (with defaults), examples, notes. */
export function usage(command: CliCommand): string {
  const entries = Object.entries(command.options);
  const label = (name: string, option: CliOption): string =>
    `${option.short ? `-${option.short}, ` : ''}--${name}${option.type === 'string' ? ` ${option.value ?? '<value>'}` : ''}`;
  const all: Array<[string, string]> = [
    ...entries.map(([name, option]): [string, string] => [
      label(name, option),
      option.default === undefined || option.default === false
        ? option.description
        : `${option.description} (default: ${String(option.default)})`,
    ]),
    ['-h, --help', 'print this help'],
  ];
  const width = Math.max(...all.map(([left]) => left.length));
  return [
    `Usage: ${command.name}${entries.length > 0 ? ' [options]' : ''}${command.positionals ? ` ${command.positionals}` : ''}`,
    '',
    command.summary,
    '',
    'Options:',
    ...all.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`),
    '',
    command.examples.length > 1 ? 'Examples:' : 'Example:',
    ...command.examples.map((example) => `  ${example}`),
    ...(command.notes && command.notes.length > 0 ? ['', ...command.notes] : []),
  ].join('\n');
}

/** Parses `argv` against the command; never throws and never exits. */
export function parseCommandLine<O extends Record<string, CliOption>>(
  command: CliCommand<O>,
  argv: readonly string[],
): CliParse<O> {
  const options = Object.fromEntries(
    Object.entries(command.options).map(([name, option]) => [
      name,
      {
        type: option.type,
        ...(option.short ? { short: option.short } : {}),
        ...(option.default === undefined ? {} : { default: option.default }),
      },
    ]),
  );
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: command.positionals !== undefined,
    } as Parameters<typeof parseArgs>[0]);
  } catch (error) {
    return {
      kind: 'error',
      text: `${commandLabel(command)}: ${problem(error, Object.keys(command.options))}\n\n${usage(command)}`,
    };
  }
  const values = parsed.values as Record<string, unknown>;
  if (values.help === true) return { kind: 'help', text: usage(command) };
  delete values.help;
  for (const [name, option] of Object.entries(command.options)) {
    if (option.type === 'boolean') values[name] ??= false;
  }
  return { kind: 'run', values: values as CliValues<O>, positionals: parsed.positionals ?? [] };
}

/**
 * `parseCommandLine(command, process.argv.slice(2))`, acting on the outcome: prints the usage and exits 0 for
 * `--help`; prints the problem and the usage to stderr and exits 2 for a wrong command line.
 */
export function readCommandLine<O extends Record<string, CliOption>>(
  command: CliCommand<O>,
  argv: readonly string[] = process.argv.slice(2),
): { readonly values: CliValues<O>; readonly positionals: readonly string[] } {
  const parsed = parseCommandLine(command, argv);
  if (parsed.kind === 'help') {
    console.log(parsed.text);
    process.exit(0);
  }
  if (parsed.kind === 'error') {
    console.error(parsed.text);
    process.exit(2);
  }
  return parsed;
}

/** A usage error found after parsing (a bad value): one line, then the usage; exit code 2. */
export function usageError(command: CliCommand, message: string): number {
  console.error(`${commandLabel(command)}: ${message}\n\n${usage(command)}`);
  return 2;
}

/** The command as an error line names it: `npm start`, `npm run config` (without the `--` of the usage). */
function commandLabel(command: CliCommand): string {
  return command.name.replace(/ --$/, '');
}

/** Node's parseArgs error in one line of our own. */
function problem(error: unknown, known: readonly string[]): string {
  const { code, message } = error as { code?: string; message: string };
  const quoted = /'([^']+)'/.exec(message)?.[1] ?? '';
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION': {
      const name = quoted.replace(/^-+/, '');
      const nearest = nearestName(name, known);
      return `unknown option ${quoted}${nearest ? ` (did you mean --${nearest}?)` : ''}`;
    }
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      // "Option '--stacks <value>' argument missing" or "Option '--allow-skipped' does not take an argument".
      return /argument missing/.test(message)
        ? `option ${quoted.split(' ')[0]} needs a value`
        : `option ${quoted.split(' ')[0]} takes no value`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument '${quoted}'`;
    default:
      return message;
  }
}

/** The known option closest to a mistyped one (edit distance at most 2, or a prefix either way), if any. */
export function nearestName(name: string, known: readonly string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = candidate.startsWith(name) || name.startsWith(candidate) ? 1 : editDistance(name, candidate);
    if (distance <= 2 && (!best || distance < best.distance)) best = { name: candidate, distance };
  }
  return best?.name;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
