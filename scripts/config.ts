/**
 * `npm run config -- --env <name>`: the resolved configuration of one environment (blueprint defaults, profile,
 * environment file and CONFIG_OVERRIDES) and the project, as JSON, so every effective value can be read without
 * reading code. An invalid configuration prints its problems and exits 1.
 */
import { parseArgs } from 'node:util';
import { ValidationError } from '../modules/core/validation';
import { loadConfig } from '../src/config/load';

const USAGE = 'usage: npm run config -- --env <name>';

function main(): number {
  let env: string | undefined;
  try {
    env = parseArgs({ options: { env: { type: 'string' } } }).values.env;
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    console.error(error.message);
    return 1;
  }
  const known = config.environments.map((environment) => environment.name);
  const environment = config.environments.find((candidate) => candidate.name === env);
  if (!environment) {
    console.error(
      `${env ? `no environment "${env}"` : 'which environment?'} (configured: ${known.join(', ')})\n${USAGE}`,
    );
    return 2;
  }
  console.log(JSON.stringify({ project: config.project, environment }, null, 2));
  return 0;
}

process.exitCode = main();
