import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_CLI_CONFIG, PROJECT_ROOT, terraformCliConfigFile, terraformEnv } from '../../scripts/lib/terraform';

describe('terraformCliConfigFile', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'tf-cli-config-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('uses the project terraform.rc by default', () => {
    expect(terraformCliConfigFile({})).toBe(PROJECT_CLI_CONFIG);
    expect(readFileSync(PROJECT_CLI_CONFIG, 'utf8')).toMatch(/filesystem_mirror \{\s+path\s+= "\/opt\/tf-plugins"/);
  });

  it('honours a TF_CLI_CONFIG_FILE that exists', () => {
    const own = join(dir, 'own.rc');
    writeFileSync(own, 'disable_checkpoint = true\n');
    expect(terraformCliConfigFile({ TF_CLI_CONFIG_FILE: own })).toBe(own);
  });

  it('ignores a TF_CLI_CONFIG_FILE that does not exist (Terraform would run with no mirror at all)', () => {
    expect(terraformCliConfigFile({ TF_CLI_CONFIG_FILE: join(dir, 'missing.rc') })).toBe(PROJECT_CLI_CONFIG);
  });

  it('points the filesystem mirror at TF_PLUGIN_MIRROR, keeping the rest of the project config', () => {
    const generated = readFileSync(terraformCliConfigFile({ TF_PLUGIN_MIRROR: '/srv/mirror' }), 'utf8');
    expect(generated).toMatch(/filesystem_mirror \{\s+path\s+= "\/srv\/mirror"/);
    expect(generated).toContain('include = ["registry.terraform.io/hashicorp/aws"]');
    expect(generated).toContain('disable_checkpoint = true');
  });

  it('runs Terraform non-interactively with no checkpoint calls', () => {
    expect(terraformEnv({ EXTRA: '1' })).toMatchObject({
      TF_IN_AUTOMATION: '1',
      TF_INPUT: '0',
      CHECKPOINT_DISABLE: '1',
      EXTRA: '1',
    });
  });
});

describe('scripts/terraform-env.js, preloaded into every Node.js process npm starts here (.npmrc node-options)', () => {
  const preload = join(PROJECT_ROOT, 'scripts', 'terraform-env.js');
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'tf-env-preload-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** The environment a preloaded process sees, started in `cwd` with `env` and nothing else. */
  function preloaded(env: NodeJS.ProcessEnv, cwd = PROJECT_ROOT): Record<string, string | undefined> {
    const run = spawnSync(process.execPath, ['-e', 'console.log(JSON.stringify(process.env))'], {
      cwd,
      env: { PATH: process.env.PATH, ...env },
      encoding: 'utf8',
    });
    if (run.status !== 0) throw new Error(run.stderr);
    return JSON.parse(run.stdout) as Record<string, string | undefined>;
  }

  it('is what .npmrc names, by the package name package.json exports it under', () => {
    expect(readFileSync(join(PROJECT_ROOT, '.npmrc'), 'utf8')).toMatch(
      /^node-options=--max-old-space-size=4096 --require=aws-blueprints-cdktf\/terraform-env \$\{NODE_OPTIONS\?\}$/m,
    );
    const { exports } = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
      exports: Record<string, string>;
    };
    expect(exports['./terraform-env']).toBe('./scripts/terraform-env.js');
  });

  it("replaces this machine's TF_CLI_CONFIG_FILE (a missing file) with the project's, and turns checkpoints off", () => {
    const env = preloaded({
      NODE_OPTIONS: '--require=aws-blueprints-cdktf/terraform-env',
      TF_CLI_CONFIG_FILE: join(dir, 'missing.terraformrc'),
    });
    expect(env).toMatchObject({ TF_CLI_CONFIG_FILE: PROJECT_CLI_CONFIG, CHECKPOINT_DISABLE: '1' });
  });

  it('unsets a missing CLI config file where no provider mirror exists: Terraform then uses the registry', () => {
    const env = preloaded({
      NODE_OPTIONS: `--require=${preload}`,
      TF_CLI_CONFIG_FILE: join(dir, 'missing.terraformrc'),
      TF_PLUGIN_MIRROR: join(dir, 'no-mirror'),
    });
    expect(env.TF_CLI_CONFIG_FILE).toBeUndefined();
  });

  it('keeps a CLI config file that exists and a CHECKPOINT_DISABLE the user set', () => {
    const own = join(dir, 'own.rc');
    writeFileSync(own, 'disable_checkpoint = true\n');
    const env = preloaded({
      NODE_OPTIONS: `--require=${preload}`,
      TF_CLI_CONFIG_FILE: own,
      CHECKPOINT_DISABLE: '',
    });
    expect(env).toMatchObject({ TF_CLI_CONFIG_FILE: own, CHECKPOINT_DISABLE: '' });
  });

  it('resolves from a subdirectory, and leaves an absolute path for children started elsewhere, each option once', () => {
    const env = preloaded(
      {
        NODE_OPTIONS:
          `--max-old-space-size=4096 --require=aws-blueprints-cdktf/terraform-env --max-old-space-size=4096 ` +
          `--require=${preload} --trace-warnings`,
      },
      join(PROJECT_ROOT, '__tests__'),
    );
    expect(env.NODE_OPTIONS).toBe(`--max-old-space-size=4096 --require=${preload} --trace-warnings`);
    expect(preloaded({ NODE_OPTIONS: env.NODE_OPTIONS }, dir).TF_CLI_CONFIG_FILE).toBe(PROJECT_CLI_CONFIG);
  });
});
