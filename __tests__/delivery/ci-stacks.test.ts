import { RandomProvider } from '@cdktf/provider-random/lib/provider';
import { Password } from '@cdktf/provider-random/lib/password';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { App, LocalBackend, TerraformStack } from 'cdktf';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useRemoteState, type RemoteStateSettings } from '../../backend/remote-state';
import { createAwsProvider } from '../../modules/core/aws-provider';
import { AWS_TARGET } from '../../modules/core/deployment-target';
import {
  APPLY_WAVE_JOBS,
  applyWaves,
  classifyStacks,
  dependentsOf,
  planMatrix,
  selectStacks,
  stacksSummary,
  type CiStack,
} from '../../scripts/lib/ci-stacks';
import { readSynthesizedStacks } from '../../scripts/lib/plan';
import { PROJECT_ROOT } from '../../scripts/lib/terraform';
import { loadConfig } from '../../src/config/load';
import { stackNames, synthesizedAppDir } from '../helpers/synthesized-app';

const ENVIRONMENTS = ['dev', 'prod'];
const remote: RemoteStateSettings = {
  bucket: 'tfstate',
  lockTable: 'tflock',
  region: 'eu-west-1',
  keyPrefix: 'p',
  useLockfile: false,
};

/**
 * A small app shaped like the real one: a bootstrap stack with local state that creates the state bucket; network
 * stacks per environment; an app stack that references its network; a companion of the app stack with a second
 * provider CI knows (random); a stack with a provider CI cannot authenticate; a stack named without an environment;
 * one in a second region.
 */
function synthFixture(outdir: string): void {
  const app = new App({ outdir });
  const stack = (name: string, region = 'us-east-1', backend: 'local' | 's3' = 's3') => {
    const s = new TerraformStack(app, name);
    createAwsProvider(s, 'aws', { region, target: AWS_TARGET });
    if (backend === 'local') new LocalBackend(s, { path: 'x.tfstate' });
    else useRemoteState(s, remote, AWS_TARGET);
    return s;
  };
  // The bootstrap stack creates the state bucket the others' backends name: a prerequisite, read first, no reference.
  new S3Bucket(stack('state-backend', 'us-east-1', 'local'), 'state-bucket', { bucket: remote.bucket });
  const networkDev = stack('network-dev');
  stack('network-prod', 'us-west-2');
  const appDev = stack('web-app-dev');
  const atlasDev = stack('web-app-dev-atlas');
  new RandomProvider(atlasDev, 'random');
  new Password(atlasDev, 'password', { length: 16 });
  stack('shared-tooling');
  const certsProd = stack('web-app-prod-certs');
  certsProd.addOverride('terraform.required_providers.tls', { source: 'hashicorp/tls', version: '4.0.6' });
  appDev.addDependency(networkDev);
  atlasDev.addDependency(appDev);
  app.synth();
}

describe('classifyStacks, planMatrix, applyWaves', () => {
  let outdir: string;
  let stacks: CiStack[];

  beforeAll(() => {
    outdir = mkdtempSync(join(tmpdir(), 'ci-stacks-'));
    synthFixture(outdir);
    stacks = classifyStacks(readSynthesizedStacks(outdir), ENVIRONMENTS);
  });

  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  const byName = (name: string): CiStack => stacks.find((s) => s.stack === name) as CiStack;

  it('manages the remote-state stacks whose providers CI authenticates, and says why it leaves the others', () => {
    expect(stacks.map((s) => [s.stack, s.managed, s.reason])).toEqual([
      [
        'state-backend',
        false,
        'local state: a CI runner would lose it; apply it by hand (RUNBOOK.md, "Bootstrap a new account")',
      ],
      ['network-dev', true, undefined],
      ['network-prod', true, undefined],
      ['shared-tooling', false, 'its name has no configured environment (dev, prod) as a segment'],
      ['web-app-dev', true, undefined],
      // This machine cannot plan it (random is not mirrored here); GitHub's runners install it.
      ['web-app-dev-atlas', true, undefined],
      [
        'web-app-prod-certs',
        false,
        'provider hashicorp/tls: CI cannot authenticate it (add it to CI_PROVIDERS in scripts/lib/ci-stacks.ts and ' +
          'its secrets to .github/workflows/terraform-stacks.yml)',
      ],
    ]);
  });

  it('derives environment and region from each stack, and keeps every dependency', () => {
    expect(byName('network-prod')).toMatchObject({ environment: 'prod', region: 'us-west-2', backend: 's3' });
    expect(byName('web-app-dev-atlas')).toMatchObject({
      environment: 'dev',
      plannable: false,
      providers: ['hashicorp/aws', 'hashicorp/random'],
      dependencies: ['web-app-dev'],
    });
    expect(byName('state-backend')).toMatchObject({ environment: undefined, backend: 'local', plannable: true });
  });

  it('gives the plan matrix one entry per managed stack, dependencies limited to managed stacks', () => {
    expect(planMatrix(stacks)).toEqual({
      include: [
        {
          stack: 'network-dev',
          environment: 'dev',
          region: 'us-east-1',
          directory: join(outdir, 'stacks', 'network-dev'),
          dependencies: [],
          providers: ['hashicorp/aws'],
        },
        {
          stack: 'network-prod',
          environment: 'prod',
          region: 'us-west-2',
          directory: join(outdir, 'stacks', 'network-prod'),
          dependencies: [],
          providers: ['hashicorp/aws'],
        },
        {
          stack: 'web-app-dev',
          environment: 'dev',
          region: 'us-east-1',
          directory: join(outdir, 'stacks', 'web-app-dev'),
          dependencies: ['network-dev'],
          providers: ['hashicorp/aws'],
        },
        {
          stack: 'web-app-dev-atlas',
          environment: 'dev',
          region: 'us-east-1',
          directory: join(outdir, 'stacks', 'web-app-dev-atlas'),
          dependencies: ['web-app-dev'],
          providers: ['hashicorp/aws', 'hashicorp/random'],
        },
      ],
    });
  });

  it('applies a stack in a later wave than every managed stack it references', () => {
    expect(applyWaves(stacks).map((wave) => wave.include.map((entry) => entry.stack))).toEqual([
      ['network-dev', 'network-prod'],
      ['web-app-dev'],
      ['web-app-dev-atlas'],
    ]);
  });

  it('refuses a dependency cycle', () => {
    const a = { ...byName('network-dev'), dependencies: ['web-app-dev'] };
    expect(() => applyWaves([a, byName('web-app-dev')])).toThrow(
      'stack dependency cycle: network-dev -> web-app-dev -> network-dev',
    );
  });

  it('selects one stack for a manual run, and names the choices when the selection is wrong', () => {
    expect(selectStacks(stacks, { environment: 'dev', stack: 'web-app-dev' }, ENVIRONMENTS)).toEqual([
      byName('web-app-dev'),
    ]);
    // An environment's stacks, the unmanaged ones too (the summary says why); only managed ones reach the matrix.
    expect(selectStacks(stacks, { environment: 'prod' }, ENVIRONMENTS).map((s) => s.stack)).toEqual([
      'network-prod',
      'web-app-prod-certs',
    ]);
    expect(() => selectStacks(stacks, { stack: 'web-app-prod-certs' }, ENVIRONMENTS)).toThrow(
      'stack "web-app-prod-certs" is not run from CI: provider hashicorp/tls: CI cannot authenticate it',
    );
    expect(() => selectStacks(stacks, { stack: 'network-qa' }, ENVIRONMENTS)).toThrow(
      'unknown stack "network-qa"; the workflows can run: network-dev, network-prod, web-app-dev, web-app-dev-atlas',
    );
    expect(() => selectStacks(stacks, { environment: 'prod', stack: 'network-dev' }, ENVIRONMENTS)).toThrow(
      'stack "network-dev" belongs to environment "dev", not "prod"',
    );
    expect(() => selectStacks(stacks, { stack: 'state-backend' }, ENVIRONMENTS)).toThrow(
      'stack "state-backend" is not run from CI: local state',
    );
    expect(() => selectStacks(stacks, { environment: 'qa' }, ENVIRONMENTS)).toThrow(
      'unknown environment "qa"; configured: dev, prod',
    );
  });

  it('lists the stacks that reference a stack (destroy warning) and summarises every stack', () => {
    expect(dependentsOf(stacks, 'web-app-dev')).toEqual(['web-app-dev-atlas']);
    const summary = stacksSummary(stacks, applyWaves(stacks));
    expect(summary).toContain('| `web-app-dev` | dev | us-east-1 | network-dev | plan + apply (wave 2) |');
    expect(summary).toContain('| `state-backend` | - | us-east-1 | - | not in CI: local state');
  });
});

describe('the app as synthesized', () => {
  /** The configured environments, as `npm run ci:stacks` reads them. */
  const configured = loadConfig({}).environments.map((environment) => environment.name);
  const outdir = synthesizedAppDir();
  let stacks: CiStack[];

  beforeAll(() => {
    stacks = classifyStacks(readSynthesizedStacks(outdir), configured);
  });

  it('manages every stack but state-backend, companion stacks included, whichever environment it belongs to', () => {
    expect(stacks.filter((stack) => !stack.managed).map((stack) => stack.stack)).toEqual(['state-backend']);
  });

  it('applies each ec2-web Atlas stack in the wave after its AWS stack, with the Atlas provider in its matrix entry', () => {
    const waves = applyWaves(stacks);
    const waveOf = (name: string) => waves.findIndex((wave) => wave.include.some((entry) => entry.stack === name));
    const atlasStacks = stacks.filter((stack) => stack.providers.includes('mongodb/mongodbatlas'));
    expect(atlasStacks.map((stack) => stack.stack).sort()).toEqual(
      configured
        .filter((env) => stackNames().includes(`ec2-web-${env}-atlas`))
        .map((env) => `ec2-web-${env}-atlas`)
        .sort(),
    );
    expect(atlasStacks.length).toBeGreaterThan(0);
    for (const atlas of atlasStacks) {
      const aws = atlas.stack.replace(/-atlas$/, '');
      expect(atlas).toMatchObject({ managed: true, plannable: false });
      expect(waveOf(atlas.stack)).toBe(waveOf(aws) + 1);
      const entry = planMatrix(stacks).include.find((e) => e.stack === atlas.stack);
      expect(entry?.dependencies).toEqual([aws]);
      expect(entry?.providers).toEqual(['hashicorp/aws', 'mongodb/mongodbatlas', 'hashicorp/random']);
    }
  });

  it('leaves state-backend (local state) out of CI and manages both network stacks', () => {
    expect(stacks[0]).toMatchObject({ stack: 'state-backend', managed: false, backend: 'local' });
    const managed = planMatrix(stacks).include.map((entry) => entry.stack);
    expect(managed).toEqual(expect.arrayContaining(['network-dev', 'network-prod']));
    expect(managed).not.toContain('state-backend');
  });

  it('puts every managed stack in an environment, a region, and a wave after its dependencies', () => {
    const waves = applyWaves(stacks);
    expect(waves.length).toBeGreaterThan(0);
    expect(waves.length).toBeLessThanOrEqual(APPLY_WAVE_JOBS);
    const waveOf = new Map(waves.flatMap((wave, index) => wave.include.map((e) => [e.stack, index] as const)));
    for (const entry of planMatrix(stacks).include) {
      expect(configured).toContain(entry.environment);
      expect(entry.region).toMatch(/^[a-z]{2}-[a-z]+-\d$/);
      for (const dependency of entry.dependencies) {
        expect(waveOf.get(dependency)).toBeLessThan(waveOf.get(entry.stack) as number);
      }
    }
  });

  it('npm run ci:stacks writes the step outputs and the summary the workflows read', () => {
    const scratch = mkdtempSync(join(tmpdir(), 'ci-stacks-cli-'));
    try {
      const outputs = join(scratch, 'github-output');
      const summary = join(scratch, 'summary.md');
      const run = spawnSync(
        process.execPath,
        [
          join(PROJECT_ROOT, 'scripts', 'run.js'), // as `npm run ci:stacks` runs it
          join(PROJECT_ROOT, 'scripts', 'ci-stacks.ts'),
          '--outdir',
          outdir,
          '--github-output',
          outputs,
          '--summary',
          summary,
        ],
        { cwd: outdir, encoding: 'utf8', env: { ...process.env, GITHUB_ACTIONS: '' } },
      );
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      const document = JSON.parse(run.stdout) as { matrix: { include: { stack: string; directory: string }[] } };
      // Directories relative to the current directory: what a later job finds after downloading cdktf.out.
      expect(document.matrix.include.find((e) => e.stack === 'network-dev')?.directory).toBe('stacks/network-dev');

      const lines = readFileSync(outputs, 'utf8').trimEnd().split('\n');
      const names = lines.map((line) => line.slice(0, line.indexOf('=')));
      expect(names).toEqual([
        'stacks',
        'matrix',
        'stack-count',
        'wave-count',
        ...Array.from({ length: APPLY_WAVE_JOBS }, (_, i) => `wave-${i + 1}`),
        'dependents',
      ]);
      const value = (name: string): string =>
        (lines.find((l) => l.startsWith(`${name}=`)) as string).slice(name.length + 1);
      expect(JSON.parse(value('matrix'))).toEqual(document.matrix);
      expect(Number(value('stack-count'))).toBe(document.matrix.include.length);
      expect(JSON.parse(value(`wave-${APPLY_WAVE_JOBS}`))).toEqual({ include: [] });
      expect(readFileSync(summary, 'utf8')).toContain(
        '| `network-dev` | dev | us-east-1 | - | plan + apply (wave 1) |',
      );

      const unknown = spawnSync(
        process.execPath,
        [
          join(PROJECT_ROOT, 'scripts', 'run.js'), // as `npm run ci:stacks` runs it
          join(PROJECT_ROOT, 'scripts', 'ci-stacks.ts'),
          '--outdir',
          outdir,
          '--environment',
          'dev',
          '--stack',
          'state-backend',
        ],
        { cwd: outdir, encoding: 'utf8', env: { ...process.env, GITHUB_ACTIONS: 'true' } },
      );
      expect(unknown.status).toBe(1);
      expect(unknown.stderr).toMatch(/^::error title=ci:stacks::stack "state-backend" is not run from CI: local state/);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }, 30_000);
});
