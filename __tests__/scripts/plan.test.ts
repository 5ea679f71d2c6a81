import { App, TerraformStack } from 'cdktf';
import { RandomProvider } from '@cdktf/provider-random/lib/provider';
import { Password } from '@cdktf/provider-random/lib/password';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSynthesizedStacks, resourcesToAdd } from '../../scripts/lib/plan';
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
