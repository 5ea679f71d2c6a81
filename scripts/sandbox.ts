/**
 * `npm run sandbox [-- --bucket <name>] [--table <name>] [--data-dir <dir>]`
 *
 * Starts the S3 (s3rver) and DynamoDB (dynalite) emulators with the state bucket and lock table, prints the env vars
 * that make a synth target them, and stays up until SIGINT/SIGTERM. Data lives in `--data-dir` (default `.sandbox/`
 * under the project), so state survives restarts; the ports do not (each start takes free ones).
 */
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config/load';
import { sandboxEnv, startSandbox } from './lib/sandbox';
import { PROJECT_ROOT, terraformCliConfigFile } from './lib/terraform';

// The bucket and table the stacks' backends name (project config, CONFIG_OVERRIDES honoured).
const { stateBackend } = loadConfig({ ...process.env, STATE_BACKEND: 'aws' }).project;
const DEFAULTS = {
  bucket: stateBackend.bucket,
  table: stateBackend.lockTable,
  region: stateBackend.region,
  dataDir: join(PROJECT_ROOT, '.sandbox', 'data'),
};

const USAGE = `Usage: npm run sandbox -- [--bucket <name>] [--table <name>] [--data-dir <dir>]

  --bucket    state bucket to create in s3rver (default ${DEFAULTS.bucket})
  --table     lock table to create in dynalite (default ${DEFAULTS.table})
  --data-dir  where the emulators keep their data (default ${relative(process.cwd(), DEFAULTS.dataDir) || '.'}/)`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      bucket: { type: 'string', default: DEFAULTS.bucket },
      table: { type: 'string', default: DEFAULTS.table },
      'data-dir': { type: 'string', default: DEFAULTS.dataDir },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }

  const sandbox = await startSandbox({
    bucket: values.bucket,
    lockTable: values.table,
    region: DEFAULTS.region,
    dataDir: resolve(values['data-dir']),
  });

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals): void => {
    if (stopping) {
      console.error(`\n${signal} again: exiting without a clean stop`);
      process.exit(1);
    }
    stopping = true;
    console.log(`\n${signal}: stopping the sandbox...`);
    sandbox.stop().then(
      () => {
        console.log('sandbox stopped');
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

  const exports = Object.entries({
    ...sandboxEnv(sandbox),
    TF_CLI_CONFIG_FILE: terraformCliConfigFile(),
    CHECKPOINT_DISABLE: '1',
  })
    .map(([name, value]) => `export ${name}=${value}`)
    .join('\n');
  console.log(`sandbox up
  S3 (s3rver):         ${sandbox.s3Endpoint}   bucket ${sandbox.bucket}
  DynamoDB (dynalite): ${sandbox.dynamodbEndpoint}   table ${sandbox.lockTable}
  region ${sandbox.region}, data in ${sandbox.dataDir}

Paste into the shell you synth from:

${exports}

Then, in that shell: \`npx cdktf synth\`, \`npx cdktf diff --skip-provider-lock network-dev\`, \`npx cdktf deploy ...\`,
or \`terraform init -reconfigure && terraform plan\` in cdktf.out/stacks/<stack>/. The ports change on every start
(run init with -reconfigure after a restart); the state in ${relative(process.cwd(), sandbox.dataDir) || '.'} stays.

Ctrl-C stops the sandbox.`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
