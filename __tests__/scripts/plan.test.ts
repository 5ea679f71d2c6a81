import { App, TerraformStack } from 'cdktf';
import { RandomProvider } from '@cdktf/provider-random/lib/provider';
import { Password } from '@cdktf/provider-random/lib/password';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useRemoteState } from '../../backend/remote-state';
import { explainInitFailure, planStacks, readSynthesizedStacks, resourcesToAdd } from '../../scripts/lib/plan';
import { createAwsProvider } from '../../modules/core/aws-provider';
import { AWS_TARGET } from '../../modules/core/deployment-target';

describe('readSynthesizedStacks', () => {
  let outdir: string;

  beforeAll(() => {
    outdir = mkdtempSync(join(tmpdir(), 'plan-unit-'));
    const app = new App({ outdir });
    const aws = new TerraformStack(app, 'b-aws');
    createAwsProvider(aws, 'aws', { region: 'us-east-1', target: AWS_TARGET });
    const companion = new TerraformStack(app, 'a-companion');
    createAwsProvider(companion, 'aws', { region: 'us-east-1', target: AWS_TARGET });
    new RandomProvider(companion, 'random');
    new Password(companion, 'password', { length: 32 });
    companion.addDependency(aws);
    app.synth();
  });

  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it('orders dependencies first and lists each stack’s providers', () => {
    const stacks = readSynthesizedStacks(outdir);
    expect(stacks.map((stack) => [stack.name, stack.providers])).toEqual([
      ['b-aws', ['hashicorp/aws']],
      ['a-companion', ['hashicorp/aws', 'hashicorp/random']],
    ]);
  });

  it('skips a stack whose providers cannot be installed here, naming them', () => {
    const [aws, companion] = readSynthesizedStacks(outdir);
    expect(aws?.skipReason).toBeUndefined();
    expect(companion?.skipReason).toBe(
      'provider hashicorp/random cannot be installed here (only hashicorp/aws is mirrored)',
    );
  });
});

describe('the bootstrap stack as a prerequisite, not a dependency', () => {
  let outdir: string;
  let bin: string;
  const remote = { bucket: 'acme-tfstate', lockTable: 'acme-tflock', region: 'us-east-1', keyPrefix: 'p' };

  beforeAll(() => {
    outdir = mkdtempSync(join(tmpdir(), 'plan-prerequisite-'));
    const app = new App({ outdir });
    // Declared before the bootstrap stack: the order comes from the state bucket, not from the manifest.
    const network = new TerraformStack(app, 'network-dev');
    createAwsProvider(network, 'aws', { region: 'us-east-1', target: AWS_TARGET });
    useRemoteState(network, { ...remote, useLockfile: false }, AWS_TARGET);
    const other = new TerraformStack(app, 'other-dev');
    createAwsProvider(other, 'aws', { region: 'us-east-1', target: AWS_TARGET });
    useRemoteState(other, { ...remote, bucket: 'other-tfstate', useLockfile: false }, AWS_TARGET);
    const bootstrap = new TerraformStack(app, 'state-backend');
    createAwsProvider(bootstrap, 'aws', { region: 'us-east-1', target: AWS_TARGET });
    new S3Bucket(bootstrap, 'state-bucket', { bucket: remote.bucket });
    app.synth();
    // A Terraform stand-in: init fails in the bootstrap stack's directory, everything else plans one resource.
    bin = join(outdir, 'terraform');
    writeFileSync(
      bin,
      '#!/bin/sh\ncase "$PWD" in */state-backend) [ "$1" = init ] && { echo "Error: boom" >&2; exit 1; } ;; esac\n' +
        'echo "Plan: 1 to add, 0 to change, 0 to destroy."\n',
    );
    chmodSync(bin, 0o755);
  });

  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it('makes the stack that creates a stack’s state bucket its prerequisite, planned before it, with no dependency', () => {
    const stacks = readSynthesizedStacks(outdir);
    expect(stacks.map((stack) => [stack.name, stack.prerequisites, stack.dependencies, stack.backend])).toEqual([
      ['state-backend', [], [], 'local'],
      ['network-dev', ['state-backend'], [], 's3'],
      ['other-dev', [], [], 's3'],
    ]);
  });

  it('skips the stacks whose prerequisite failed, saying why, and plans the others', async () => {
    const previous = process.env.TERRAFORM_BIN;
    process.env.TERRAFORM_BIN = bin;
    try {
      const outcomes = await planStacks(readSynthesizedStacks(outdir), { concurrency: 1 });
      expect(outcomes.map((o) => [o.stack, o.status, o.note])).toEqual([
        ['state-backend', 'failed', 'init failed'],
        ['network-dev', 'skipped', 'state-backend failed, and this stack keeps its state in what it creates'],
        ['other-dev', 'planned', undefined],
      ]);
    } finally {
      if (previous === undefined) delete process.env.TERRAFORM_BIN;
      else process.env.TERRAFORM_BIN = previous;
    }
  });

  it('explains an init that found no state bucket: the account is not bootstrapped', () => {
    expect(
      explainInitFailure('Error: Failed to get existing workspaces: S3 bucket "acme-tfstate" does not exist.'),
    ).toBe(
      ': state bucket acme-tfstate does not exist; bootstrap the account first (`npx cdktf deploy state-backend`, README "Bootstrapping a real AWS account")',
    );
    expect(explainInitFailure('Error: Invalid provider configuration')).toBe('');
  });
});

describe('resourcesToAdd', () => {
  it.each([
    ['Plan: 25 to add, 0 to change, 0 to destroy.', 25],
    ['Plan: 0 to add, 3 to change, 1 to destroy.', 0],
    ['No changes. Your infrastructure matches the configuration.', 0],
    ['Error: something', undefined],
  ])('%s → %s', (output, expected) => {
    expect(resourcesToAdd(output)).toBe(expected);
  });
});
