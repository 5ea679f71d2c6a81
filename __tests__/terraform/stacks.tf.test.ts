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
import { stackNames, synthesizedStack } from '../helpers/synthesized-app';

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

/** `type.name` of every resource the stack's JSON declares. */
function declaredAddresses(stack: SynthesizedStack): string[] {
  const config = JSON.parse(readFileSync(join(stack.directory, 'cdk.tf.json'), 'utf8')) as {
    resource?: Record<string, Record<string, unknown>>;
  };
  return Object.entries(config.resource ?? {}).flatMap(([type, byName]) =>
    Object.keys(byName).map((name) => `${type}.${name}`),
  );
}

/** Addresses the plan creates, with any for_each/count key dropped (`a.b["x"]` → `a.b`). */
function createdAddresses(planOutput: string): string[] {
  return [...planOutput.matchAll(/^ {2}# (\S+) will be created$/gm)].map((match) => match[1]!.replace(/\[.*\]$/, ''));
}

/** Every stack the shipped app synthesizes, from the run's synthesized app (global setup). */
const ALL_STACKS = stackNames();
/** Stacks with only the aws provider: planned here. */
const AWS_STACKS = ALL_STACKS.filter((name) => providersOf(name).every((provider) => provider === 'aws'));
/** Companion stacks whose providers (mongodbatlas, random) cannot be installed here: synth-tested only. */
const COMPANION_STACKS = ALL_STACKS.filter((name) => !AWS_STACKS.includes(name));

function providersOf(name: string): string[] {
  return Object.keys(synthesizedStack(name).json.provider ?? {});
}

it('plans the state backend first, then every other stack', () => {
  expect(stacks[0]?.name).toBe('state-backend');
  expect(stacks.map((stack) => stack.name).sort()).toEqual([...ALL_STACKS].sort());
  expect(COMPANION_STACKS.every((name) => name.endsWith('-atlas'))).toBe(true);
});

it.each(COMPANION_STACKS)('%s comes after the AWS stack it reads and is skipped with the reason', (name) => {
  const order = stacks.map((stack) => stack.name);
  expect(order.indexOf(name)).toBeGreaterThan(order.indexOf(name.replace(/-atlas$/, '')));
  expect(outcomes.get(name)).toMatchObject({
    status: 'skipped',
    note: expect.stringContaining('mongodb/mongodbatlas'),
  });
});

it.each(AWS_STACKS)('%s validates and plans offline, creating every declared resource and nothing else', (name) => {
  const outcome = outcomes.get(name);
  const stack = stacks.find((candidate) => candidate.name === name) as SynthesizedStack;
  if (outcome?.status !== 'planned') throw new Error(`${name}: ${outcome?.note}\n${outcome?.tail}`);
  expect(outcome.output).toContain('Success! The configuration is valid.');
  const created = createdAddresses(outcome.output);
  expect(outcome.toAdd).toBe(created.length);
  expect([...new Set(created)].sort()).toEqual(declaredAddresses(stack).sort());
});

it('initialises the remote stacks against the sandbox S3 backend', () => {
  for (const name of ['network-dev', 'network-prod']) {
    expect(outcomes.get(name)?.output).toContain('Successfully configured the backend "s3"!');
  }
  expect(outcomes.get('state-backend')?.output).toContain('Successfully configured the backend "local"!');
});

it('plans ec2-web with the document settings: 2-6 t3.medium hosts, resolve:ssm AMI, Redis 7.0', () => {
  for (const name of ['ec2-web-dev', 'ec2-web-prod']) {
    const output = outcomes.get(name)?.output ?? '';
    expect(output).toMatch(
      /\+ image_id += "resolve:ssm:\/aws\/service\/ami-amazon-linux-latest\/amzn2-ami-hvm-x86_64-gp2"/,
    );
    expect(output).toMatch(/\+ instance_type += "t3\.medium"/);
    expect(output).toMatch(/\+ min_size += 2\n/);
    expect(output).toMatch(/\+ max_size += 6\n/);
    expect(output).toMatch(/\+ name += "[a-z]+-backend-tg"/);
    expect(output).toMatch(/\+ engine_version += "7\.0"/);
  }
  expect(outcomes.get('ec2-web-prod')?.output).toMatch(/\+ num_cache_clusters += 2/);
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

it('plans ecs-fullstack with the document sizes: dev single-AZ micro, prod Multi-AZ small', () => {
  const dev = outcomes.get('ecs-fullstack-dev')?.output ?? '';
  const prod = outcomes.get('ecs-fullstack-prod')?.output ?? '';
  expect(dev).toMatch(/\+ instance_class += "db\.t4g\.micro"/);
  expect(dev).toMatch(/\+ allocated_storage += 20\n/);
  expect(dev).toMatch(/\+ multi_az += false/);
  expect(dev).toMatch(/\+ node_type += "cache\.t4g\.micro"/);
  expect(prod).toMatch(/\+ instance_class += "db\.t4g\.small"/);
  expect(prod).toMatch(/\+ allocated_storage += 50\n/);
  expect(prod).toMatch(/\+ multi_az += true/);
  expect(prod).toMatch(/\+ node_type += "cache\.t4g\.small"/);
  expect(prod).toMatch(/\+ num_cache_clusters += 2/);
  for (const output of [dev, prod]) {
    expect(output).toMatch(/\+ ssl_policy += "ELBSecurityPolicy-TLS13-1-2-2021-06"/);
    expect(output).toMatch(/\+ engine_version += "16\.3"/);
    // Both validation records (apex and wildcard share one, keyed by domain) are planned from known keys.
    expect(output).toMatch(
      /# aws_route53_record\.dns_certificate-validation_[0-9A-F]{8}\["\*\.[a-z.]+"\] will be created/,
    );
  }
});
