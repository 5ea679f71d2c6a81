/**
 * `npm run config -- --env <name>`: every effective value of an environment (defaults, profile, environment file,
 * CONFIG_OVERRIDES) as JSON; one line naming the problem, the usage and exit code 2 for a wrong command line.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { usage } from '../../scripts/lib/cli';
import { CONFIG } from '../../scripts/lib/commands';
import { PROJECT_ROOT } from '../../scripts/lib/terraform';
import { loadConfig } from '../../src/config/load';

function config(args: string[], env: NodeJS.ProcessEnv = {}) {
  const run = spawnSync(process.execPath, ['scripts/run.js', 'scripts/config.ts', ...args], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const configured = loadConfig({})
  .environments.map((environment) => environment.name)
  .join(', ');

describe('npm run config', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'config-script-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('prints the resolved environment and the project as JSON, overrides included', () => {
    const overrides = join(scratch, 'overrides.json');
    writeFileSync(
      overrides,
      JSON.stringify({ environments: { staging: { ecsFullstack: { cache: { port: 6380 } } } } }),
    );
    const run = config(['--env', 'staging'], { CONFIG_OVERRIDES: overrides });
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const printed = JSON.parse(run.stdout) as { project: unknown; environment: unknown };
    const staging = loadConfig({}).environments.find((environment) => environment.name === 'staging')!;
    expect(printed.project).toEqual(loadConfig({}).project);
    expect(printed.environment).toEqual({
      ...staging,
      ecsFullstack: { ...staging.ecsFullstack, cache: { ...staging.ecsFullstack!.cache, port: 6380 } },
    });
  });

  it.each([
    [['--env', 'qa'], `npm run config: no environment "qa" (configured: ${configured})`],
    [[], `npm run config: which environment? --env is required (configured: ${configured})`],
    [['--stack', 'x'], 'npm run config: unknown option --stack'],
    [['--env'], 'npm run config: option --env needs a value'],
  ])('refuses %j with exit code 2 and the usage', (args, message) => {
    const run = config(args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`${message}\n\n${usage(CONFIG)}\n`);
  });
});

describe('npm run synth with a bad configuration', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'synth-script-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('prints each problem once, on stderr, exits 1 and writes nothing', () => {
    const overrides = join(scratch, 'overrides.json');
    writeFileSync(overrides, JSON.stringify({ environments: { dev: { network: { natGateways: 'multi' } } } }));
    const output = join(scratch, 'cdktf.out');
    const run = spawnSync(process.execPath, ['scripts/run.js', 'scripts/synth.ts', '--output', output], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, CONFIG_OVERRIDES: overrides },
      encoding: 'utf8',
    });
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      `Invalid configuration (with CONFIG_OVERRIDES=${overrides}):\n` +
        '  - environments.dev.network.natGateways: must be "none", "single" or "per-az" (got "multi")\n',
    );
    expect(run.status).toBe(1);
    expect(existsSync(output)).toBe(false);
  });
});
