/**
 * Terraform for real: every AWS stack of the app passes `terraform validate` and an offline `terraform plan` with its
 * state in the sandbox (s3rver + dynalite), and the plan adds exactly the resources the stack declares.
 */
import { App } from 'cdktf';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../../src/app';
import { loadConfig } from '../../src/config/load';
import { planStacks, readSynthesizedStacks, type StackOutcome, type SynthesizedStack } from '../../scripts/lib/plan';
import { sandboxEnv, startSandbox, type Sandbox } from '../../scripts/lib/sandbox';

jest.setTimeout(240_000);

let sandbox: Sandbox;
let outdir: string;
let stacks: SynthesizedStack[];
let outcomes: Map<string, StackOutcome>;

beforeAll(async () => {
  sandbox = await startSandbox(loadConfig({}).project.stateBackend);
  outdir = mkdtempSync(join(tmpdir(), 'cdktf-plan-'));
  buildApp(new App({ outdir }), loadConfig(sandboxEnv(sandbox))).synth();
  stacks = readSynthesizedStacks(outdir);
  const results = await planStacks(stacks, { steps: ['init', 'validate', 'plan'] });
  outcomes = new Map(results.map((outcome) => [outcome.stack, outcome]));
});

afterAll(async () => {
  await sandbox?.stop();
  if (outdir) rmSync(outdir, { recursive: true, force: true });
});

function declaredResources(stack: SynthesizedStack): number {
  const config = JSON.parse(readFileSync(join(stack.directory, 'cdk.tf.json'), 'utf8')) as {
    resource?: Record<string, Record<string, unknown>>;
  };
  return Object.values(config.resource ?? {}).reduce((sum, byName) => sum + Object.keys(byName).length, 0);
}

it('plans the state backend first, then every other stack', () => {
  expect(stacks[0]?.name).toBe('state-backend');
  expect(stacks.map((stack) => stack.name).sort()).toEqual(['network-dev', 'network-prod', 'state-backend']);
});

it.each(['state-backend', 'network-dev', 'network-prod'])(
  '%s validates and plans offline, adding every declared resource',
  (name) => {
    const outcome = outcomes.get(name);
    const stack = stacks.find((candidate) => candidate.name === name) as SynthesizedStack;
    if (outcome?.status !== 'planned') throw new Error(`${name}: ${outcome?.note}\n${outcome?.tail}`);
    expect(outcome.output).toContain('Success! The configuration is valid.');
    expect(outcome.toAdd).toBe(declaredResources(stack));
  },
);

it('initialises the remote stacks against the sandbox S3 backend', () => {
  for (const name of ['network-dev', 'network-prod']) {
    expect(outcomes.get(name)?.output).toContain('Successfully configured the backend "s3"!');
  }
  expect(outcomes.get('state-backend')?.output).toContain('Successfully configured the backend "local"!');
});

it('plans the network stacks with the seed layout: 2 AZs, NAT per AZ', () => {
  // 1 VPC, 1 default SG, 1 IGW, 4 subnets, 3 route tables, 3 routes, 4 associations, 2 EIPs, 2 NATs,
  // flow logs: log group, role, role policy, flow log.
  expect(outcomes.get('network-dev')?.toAdd).toBe(25);
  for (const cidr of ['10.0.1.0/24', '10.0.2.0/24', '10.0.10.0/24', '10.0.11.0/24']) {
    expect(outcomes.get('network-dev')?.output).toMatch(
      new RegExp(`\\+ cidr_block +=  *"${cidr.replace(/\./g, '\\.')}"`),
    );
  }
});
