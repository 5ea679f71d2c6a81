/**
 * The serverless-web paths the shipped environments do not take, for real: `terraform validate` and an offline plan
 * (state in the sandbox) of the first deploy (`lambda.createFunction: false`: no function or API before the image
 * exists) and of the DR rebuild (the main stack in us-west-2, Aurora restored from a copied recovery point,
 * CloudFront's certificate and web ACL through the us-east-1 provider). The shipped stacks are planned by
 * __tests__/terraform/stacks.tf.test.ts.
 */
import { App } from 'cdktf';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { planStacks, readSynthesizedStacks, type StackOutcome } from '../../scripts/lib/plan';
import { sandboxEnv, startSandbox, type Sandbox } from '../../scripts/lib/sandbox';
import { createServerlessWebStacks } from '../../src/blueprints/serverless-web/stack';
import { loadConfig } from '../../src/config/load';
import { project as shippedProject } from '../../src/config/project';
import { environmentsWith } from '../helpers/config';

jest.setTimeout(300_000);

const SNAPSHOT = 'arn:aws:rds:us-west-2:123456789012:cluster-snapshot:awsbackup:copyjob-0123abcd';

let sandbox: Sandbox;
let outdir: string;
const outcomes = new Map<string, StackOutcome>();

/** Synthesizes staging's serverless-web stacks with `patch` under the name `env`, and plans the main one. */
function variant(env: string, patch: Record<string, unknown>) {
  const { project, environments, target } = loadConfig(sandboxEnv(sandbox), {
    project: shippedProject,
    environments: environmentsWith('staging', { name: env, serverlessWeb: patch }),
  });
  const environment = environments.find((candidate) => candidate.name === env)!;
  const app = new App({ outdir: join(outdir, env) });
  createServerlessWebStacks(app, { project, environment, target, config: environment.serverlessWeb! });
  app.synth();
  return readSynthesizedStacks(join(outdir, env)).filter((stack) => stack.name === `serverless-web-${env}`);
}

beforeAll(async () => {
  sandbox = await startSandbox(loadConfig({}).project.stateBackend);
  outdir = mkdtempSync(join(tmpdir(), 'serverless-web-'));
  const stacks = [
    ...variant('first', { lambda: { createFunction: false } }),
    ...variant('rebuild', {
      regions: { primary: 'us-west-2', dr: 'us-east-1' },
      database: { restoreFromSnapshotArn: SNAPSHOT },
      lambda: { createFunction: false },
      backup: { copyToDr: false },
      api: { cloudWatchRole: 'existing' },
    }),
  ];
  for (const outcome of await planStacks(stacks, { steps: ['init', 'validate', 'plan'] })) {
    outcomes.set(outcome.stack, outcome);
  }
});

afterAll(async () => {
  await sandbox?.stop();
  if (outdir) rmSync(outdir, { recursive: true, force: true });
});

function planned(name: string): StackOutcome {
  const outcome = outcomes.get(name);
  if (outcome?.status !== 'planned') throw new Error(`${name}: ${outcome?.note}\n${outcome?.tail}`);
  expect(outcome.output).toContain('Success! The configuration is valid.');
  return outcome;
}

it('plans the first deploy: everything but the function, its API and the four alarms on them', () => {
  const outcome = planned('serverless-web-first');
  // Staging's 149 less the function (log group, role, inline policy, group, function, 3 egress rules, 2 ingress
  // rules into the data stores: 10), the API (7), its two alarms and the function's two (4), CloudFront's API origin
  // is not a resource.
  expect(outcome.toAdd).toBe(149 - 10 - 7 - 4);
  expect(outcome.output).not.toMatch(/aws_lambda_function\./);
  expect(outcome.output).toMatch(/aws_codebuild_project\.backend-project_\w+ will be created/);
});

it('plans the DR rebuild in us-west-2 from the snapshot, with its second (us-east-1) provider', () => {
  const outcome = planned('serverless-web-rebuild');
  expect(outcome.output).toMatch(/\+ snapshot_identifier\s+= "arn:aws:rds:us-west-2:123456789012:cluster-snapshot:/);
  expect(outcome.output).toMatch(/\+ availability_zone\s+= "us-west-2a"/);
  // No account-level API Gateway role (existing), no copy action (copyToDr false): 128 less those 3.
  expect(outcome.toAdd).toBe(149 - 10 - 7 - 4 - 3);
});
