/**
 * The command line of every npm script that takes options, in one place (scripts/lib/cli.ts parses and prints them):
 * the scripts import their description from here, and `__tests__/scripts/cli.test.ts` checks every description
 * without starting the scripts.
 */
import type { CliCommand } from './cli';

/** `scripts/main-job.ts`. */
export const MAIN_JOB = {
  name: 'npm start --',
  summary:
    'The main job: start the sandbox (S3 + DynamoDB emulators), synthesize every stack against it, then terraform\n' +
    'init + plan each AWS stack with its state in the sandbox, and print a table. Stacks whose providers cannot be\n' +
    'installed here are listed as skipped, with the reason. Full Terraform logs: .sandbox/main-job/logs/.',
  options: {
    stacks: {
      type: 'string',
      value: 'a,b',
      description: 'plan only these stacks (names as `npm run list` prints them)',
    },
    concurrency: { type: 'string', value: 'N', default: '2', description: 'stacks planned at a time' },
    'allow-skipped': {
      type: 'boolean',
      description: 'exit 0 even when every selected stack was skipped (nothing planned)',
    },
  },
  examples: ['npm start', 'npm start -- --stacks network-dev,network-prod --concurrency 1'],
  notes: [
    'Exit codes: 0 every selected stack planned or skipped, and at least one planned; 1 invalid configuration, a',
    'failed stack, or nothing planned (without --allow-skipped); 2 a wrong command line.',
  ],
} as const satisfies CliCommand;

/** `scripts/bench.ts`. */
export const BENCH = {
  name: 'npm run bench --',
  summary:
    "Measures synth of every stack (cdktf.json's app, as `cdktf synth` runs it), the unit tests and, with --suite,\n" +
    '`npm test`, and prints each figure beside its target.',
  options: {
    runs: { type: 'string', value: 'N', default: '5', description: 'timed synth runs after the warm-up' },
    'skip-tests': { type: 'boolean', description: 'leave the unit tests out' },
    suite: { type: 'boolean', description: 'also time the whole `npm test` (minutes)' },
  },
  examples: ['npm run bench', 'npm run bench -- --runs 9 --skip-tests', 'npm run bench -- --suite'],
  notes: [
    'Exit codes: 0 every target met; 1 a target missed (a `target missed:` line each) or a run failed; 2 a wrong',
    'command line.',
  ],
} as const satisfies CliCommand;

/** `scripts/ci-stacks.ts`. */
export const CI_STACKS = {
  name: 'npm run --silent ci:stacks --',
  summary:
    'Prints, as JSON, what the GitHub Actions workflows do with each synthesized stack: `stacks` (with the reason\n' +
    'when CI leaves one alone), `matrix` (the managed stacks) and `waves` (the same stacks in apply order).',
  options: {
    outdir: { type: 'string', value: 'DIR', default: 'cdktf.out', description: 'synthesized output to read' },
    environment: { type: 'string', value: 'ENV', description: "keep only this environment's stacks" },
    stack: {
      type: 'string',
      value: 'NAME',
      description: 'keep only this stack (one CI runs, and in ENV when both are given)',
    },
    'github-output': {
      type: 'string',
      value: 'FILE',
      description:
        'also append stacks=, matrix=, stack-count=, wave-count=, wave-1= ... lines to FILE ($GITHUB_OUTPUT)',
    },
    summary: {
      type: 'string',
      value: 'FILE',
      description: 'also append a Markdown table of the stacks to FILE ($GITHUB_STEP_SUMMARY)',
    },
  },
  examples: ['npm run synth && npm run --silent ci:stacks -- --environment dev'],
  notes: [
    'Exit codes: 0 printed; 1 no synthesized output, an unknown stack or environment, or more apply waves than',
    'terraform-apply.yml has jobs (the reason, and a GitHub error annotation under Actions); 2 a wrong command line.',
  ],
} as const satisfies CliCommand;

/** `scripts/config.ts`. */
export const CONFIG = {
  name: 'npm run config --',
  summary:
    'Prints the resolved configuration of one environment (blueprint defaults, profile, environment file,\n' +
    'CONFIG_OVERRIDES) and the project, as JSON.',
  options: { env: { type: 'string', value: '<name>', description: 'the environment (required)' } },
  examples: ['npm run config -- --env staging', 'CONFIG_OVERRIDES=./prod.overrides.json npm run config -- --env prod'],
  notes: ['Exit codes: 0 printed; 1 invalid configuration (every problem listed); 2 a wrong command line.'],
} as const satisfies CliCommand;

/** `scripts/ci-trust-policy.ts`. */
export const CI_TRUST_POLICY = {
  name: 'npm run --silent ci:trust-policy --',
  summary: 'Prints the trust policy (JSON) of the IAM role the workflows assume for an environment (RUNBOOK.md).',
  options: {
    repository: { type: 'string', value: 'OWNER/NAME', description: 'the GitHub repository (required)' },
    environment: { type: 'string', value: 'ENV', description: 'the configured environment (required)' },
    role: { type: 'string', value: 'plan|apply', description: 'which of the two roles (required)' },
    'account-id': { type: 'string', value: 'ID', description: "the account (default: the environment's accountId)" },
  },
  examples: ['npm run --silent ci:trust-policy -- --repository acme/infra --environment dev --role plan'],
  notes: ['Exit codes: 0 printed; 1 invalid configuration; 2 a wrong command line or an unknown environment.'],
} as const satisfies CliCommand;

/** `scripts/state-backend-s3.ts`. */
export const STATE_BACKEND_S3 = {
  name: 'npm run state-backend:s3-backend --',
  summary:
    'Writes cdktf.out/stacks/state-backend/backend_override.tf.json: the S3 backend, in the bucket and lock table\n' +
    'that stack created, so `terraform init -migrate-state` moves its state there (RUNBOOK.md, "Bootstrap a new\n' +
    'account").',
  options: {
    outdir: {
      type: 'string',
      value: 'DIR',
      default: 'cdktf.out',
      description: 'synthesized output, relative to the current directory',
    },
  },
  examples: ['npm run synth && npm run state-backend:s3-backend'],
  notes: [
    'Exit codes: 0 written; 1 no synthesized state-backend stack, or invalid configuration; 2 a wrong command line.',
  ],
} as const satisfies CliCommand;

/** `scripts/lint-workflows.ts`. */
export const LINT_WORKFLOWS = {
  name: 'npm run lint:workflows --',
  summary:
    'Checks the GitHub Actions workflows against the project (npm scripts, stacks, environments, OIDC, permissions,\n' +
    'pinned actions) and runs actionlint on them. DIR: another directory of workflow files (default:\n' +
    '.github/workflows).',
  options: {},
  positionals: '[DIR]',
  examples: ['npm run lint:workflows'],
  notes: ['Exit codes: 0 no problem; 1 a problem (one line each); 2 a wrong command line.'],
} as const satisfies CliCommand;

/** `scripts/sandbox.ts`, with the defaults it computes from the project config. */
export const sandboxCommand = (defaults: { bucket: string; table: string; dataDir: string }) =>
  ({
    name: 'npm run sandbox --',
    summary:
      'Starts the S3 and DynamoDB emulators on free ports of 127.0.0.1 with the state bucket and lock table, and a\n' +
      'stand-in that answers every other AWS API call with an error; prints the lines to paste into a shell; runs\n' +
      'until Ctrl-C or SIGTERM. State is kept in the data directory across restarts; the ports change on each start.',
    options: {
      bucket: { type: 'string', value: '<name>', default: defaults.bucket, description: 'state bucket to create' },
      table: { type: 'string', value: '<name>', default: defaults.table, description: 'lock table to create' },
      'data-dir': {
        type: 'string',
        value: '<dir>',
        default: defaults.dataDir,
        description: 'where the emulators keep their data; one sandbox at a time per directory',
      },
    },
    examples: ['npm run sandbox', 'npm run sandbox -- --data-dir /tmp/second-sandbox'],
    notes: [
      'Exit codes: 0 stopped cleanly; 1 could not start (e.g. the data directory is in use) or stop; 2 a wrong',
      'command line.',
    ],
  }) as const satisfies CliCommand;

/** `scripts/synth-baseline.ts`. */
export const SYNTH_BASELINE = {
  name: 'npm run synth:baseline',
  summary:
    "Approves what the app synthesizes now (shipped configuration, AWS target) as every stack's baseline in\n" +
    "__tests__/fixtures/synth-baseline/; review the fixtures' diff and commit it with the change.",
  options: {},
  examples: ['npm run synth:baseline && git diff __tests__/fixtures/synth-baseline'],
} as const satisfies CliCommand;

/** `scripts/synth.ts` (`npm run synth` and `npm run list`). */
export const SYNTH = {
  name: 'npm run synth --',
  summary:
    "Synthesizes every stack into the output directory, as `cdktf synth` does (cdktf.json's app, in-process and\n" +
    'without the cdktf CLI around it: faster, and each configuration error printed once). `npm run list` is\n' +
    '`npm run synth -- --list`.',
  options: {
    output: {
      type: 'string',
      value: 'DIR',
      default: 'cdktf.out',
      description: "output directory, as cdktf's --output",
    },
    list: { type: 'boolean', description: 'print the stack names, one a line, instead of the summary' },
  },
  examples: ['npm run synth', 'CONFIG_OVERRIDES=./prod.overrides.json npm run synth', 'npm run --silent list'],
  notes: ['Exit codes: 0 synthesized; 1 invalid configuration (every problem listed once); 2 a wrong command line.'],
} as const satisfies CliCommand;

/** `scripts/diagrams.ts`. */
export const DIAGRAMS = {
  name: 'npm run diagrams --',
  summary:
    'Draws the architecture of every stack of the shipped configuration from its synthesized Terraform JSON into\n' +
    'docs/diagrams/<stack>.dot and <stack>.svg; removes the diagrams of stacks that no longer exist.',
  options: {
    check: {
      type: 'boolean',
      description: 'write nothing; exit 1 if a committed diagram differs from what the stacks give now',
    },
    stacks: {
      type: 'string',
      value: 'a,b',
      description: 'draw only these stacks (names as `npm run list` prints them)',
    },
  },
  examples: ['npm run diagrams', 'npm run diagrams -- --check', 'npm run diagrams -- --stacks ecs-fullstack-dev'],
  notes: ['Exit codes: 0 drawn (or, with --check, up to date); 1 a stale diagram (--check); 2 a wrong command line.'],
} as const satisfies CliCommand;

/** `scripts/guardrails.ts`. */
export const GUARDRAILS = {
  name: 'npm run guardrails --',
  summary:
    'Synthesizes every stack with the guardrails pack in report mode, prints a table per stack (rule, severity,\n' +
    'resource, result) and the summary, and writes SARIF for GitHub code scanning.',
  options: {
    sarif: {
      type: 'string',
      value: 'FILE',
      default: 'cdktf.out/guardrails.sarif',
      description: 'where the SARIF file goes',
    },
    stacks: {
      type: 'string',
      value: 'a,b',
      description: 'print the tables of these stacks only (SARIF and the exit code cover every stack)',
    },
    docs: {
      type: 'boolean',
      description: 'rewrite the rules table of docs/guardrails.md (after adding a rule) and exit',
    },
  },
  examples: ['npm run guardrails', 'npm run guardrails -- --stacks ec2-web-dev --sarif guardrails.sarif'],
  notes: [
    'Exit codes: 0 no unsuppressed error; 1 an unsuppressed error or invalid configuration; 2 a wrong command line.',
  ],
} as const satisfies CliCommand;

/** `scripts/tls-self-signed.ts`. */
export const TLS_SELF_SIGNED = {
  name: 'npm run tls:self-signed --',
  summary:
    'Makes the key and certificate of every stack of the environment whose `certificate.mode` is `self-signed` and\n' +
    'writes them to <DIR>/<stack>/private-key.pem (mode 0600, in a 0700 directory) and certificate.pem; prints how to\n' +
    'hand them to Terraform and to the GitHub workflows. An existing key is kept unless --force.',
  options: {
    env: { type: 'string', value: 'NAME', description: 'the environment (required)' },
    out: { type: 'string', value: 'DIR', default: '.tls', description: 'where the PEM files go (git-ignored)' },
    force: { type: 'boolean', description: 'make a new key and certificate even if one exists (rotation)' },
  },
  examples: ['npm run tls:self-signed -- --env dev', 'npm run tls:self-signed -- --env dev --force'],
  notes: [
    'Exit codes: 0 written or kept; 1 invalid configuration, or no self-signed stack in the environment; 2 a wrong',
    'command line.',
  ],
} as const satisfies CliCommand;
