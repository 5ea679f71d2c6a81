import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_CLI_CONFIG, terraformCliConfigFile, terraformEnv } from '../../scripts/lib/terraform';

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
