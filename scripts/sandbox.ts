/**
 * `npm run sandbox`: starts the S3 (s3rver) and DynamoDB (dynalite) emulators with the state bucket and lock table,
 * and the stand-in for the rest of the AWS API; prints the env vars that make a synth, cdktf and Terraform target
 * them; stays up until SIGINT (Ctrl-C) or SIGTERM, then closes every server and releases the data directory.
 * Options: `npm run sandbox -- --help` (scripts/lib/commands.ts).
 */
import { join, relative, resolve } from 'node:path';
import { loadConfig } from '../src/config/load';
import { readCommandLine } from './lib/cli';
import { sandboxCommand } from './lib/commands';
import { SandboxInUseError, sandboxEnv, startSandbox } from './lib/sandbox';
import { PROJECT_ROOT, terraformCliConfigFile } from './lib/terraform';

// The bucket and table the stacks' backends name (project config, CONFIG_OVERRIDES honoured).
const { stateBackend } = loadConfig({ ...process.env, STATE_BACKEND: 'aws' }).project;
const DEFAULT_DATA_DIR = join(PROJECT_ROOT, '.sandbox', 'data');
const COMMAND = sandboxCommand({
  bucket: stateBackend.bucket,
  table: stateBackend.lockTable,
  dataDir: shown(DEFAULT_DATA_DIR),
});

/** A directory as the user would type it: relative to the current directory when inside it, else absolute. */
function shown(dir: string): string {
  const path = relative(process.cwd(), dir);
  return path === '' ? '.' : path.startsWith('..') ? dir : path;
}

async function main(): Promise<void> {
  const { values } = readCommandLine(COMMAND);
  const dataDir = resolve(values['data-dir']);
  let sandbox;
  try {
    sandbox = await startSandbox({
      bucket: values.bucket,
      lockTable: values.table,
      region: stateBackend.region,
      dataDir,
    });
  } catch (error) {
    if (!(error instanceof SandboxInUseError)) throw error;
    console.error(
      `npm run sandbox: ${shown(dataDir)} is in use by another sandbox (pid ${error.pid}). ` +
        `Stop it (Ctrl-C in its terminal, or \`kill ${error.pid}\`), or start this one with ` +
        '`npm run sandbox -- --data-dir <another dir>`.',
    );
    process.exit(1);
  }
  const running = sandbox;

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals): void => {
    if (stopping) {
      console.error(`\n${signal} again: exiting without a clean stop`);
      process.exit(1);
    }
    stopping = true;
    console.log(`\n${signal}: stopping the sandbox...`);
    running.stop().then(
      () => {
        console.log(`sandbox stopped (servers closed; data kept in ${shown(running.dataDir)})`);
        process.exit(0);
      },
      (error: unknown) => {
        console.error('sandbox did not stop cleanly:', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  // A terminal that closes (SIGHUP) stops it too, rather than leaving servers behind.
  process.on('SIGHUP', shutdown);

  const exports = Object.entries({
    ...sandboxEnv(running),
    TF_CLI_CONFIG_FILE: terraformCliConfigFile(),
    CHECKPOINT_DISABLE: '1',
  })
    .map(([name, value]) => `export ${name}=${value}`)
    .join('\n');
  console.log(`sandbox up
  S3 (s3rver):         ${running.s3Endpoint}   bucket ${running.bucket}
  DynamoDB (dynalite): ${running.dynamodbEndpoint}   table ${running.lockTable}
  any other AWS API:   ${running.awsApiEndpoint}   (answers every call with an error: nothing is created)
  region ${running.region}, data in ${running.dataDir}

Paste into the shell you run cdktf or Terraform from:

${exports}

Then, in that shell (in the project root):
  npx cdktf synth
  npx cdktf diff --skip-provider-lock network-dev
  npx cdktf deploy network-dev --auto-approve --skip-provider-lock   # state and lock for real; the apply stops at the
                                                                      # first AWS call (SandboxHasNoAwsApi), lock released
  npx cdktf destroy network-dev --auto-approve --skip-provider-lock
The ports change on every start: after a restart, run \`terraform init -reconfigure\` in cdktf.out/stacks/<stack>/
(or delete its .terraform/) before the next cdktf command on that stack; the state in ${shown(running.dataDir)} stays.

Ctrl-C (or SIGTERM) stops the sandbox.`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
