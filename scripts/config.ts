/**
 * `npm run config -- --env <name>`: the resolved configuration of one environment (blueprint defaults, profile,
 * environment file and CONFIG_OVERRIDES) and the project, as JSON, so every effective value can be read without
 * reading code. An invalid configuration prints its problems and exits 1.
 */
import { ValidationError } from '../modules/core/validation';
import { loadConfig } from '../src/config/load';
import { readCommandLine, usageError } from './lib/cli';
import { CONFIG } from './lib/commands';

function main(): number {
  const { env } = readCommandLine(CONFIG).values;
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
    return usageError(
      CONFIG,
      `${env ? `no environment "${env}"` : 'which environment? --env is required'} (configured: ${known.join(', ')})`,
    );
  }
  console.log(JSON.stringify({ project: config.project, environment }, null, 2));
  return 0;
}

process.exitCode = main();
