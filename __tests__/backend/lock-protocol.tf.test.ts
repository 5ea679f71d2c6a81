/**
 * The remote-state lock protocol, for real: Terraform's S3 backend with DynamoDB locking against the sandbox
 * (s3rver + dynalite). A probe stack (one `terraform_data` whose local-exec provisioner sleeps, so an apply holds the
 * lock for a while, no provider to install) is initialised, planned and applied; then a second apply holds the lock
 * while a plan tries to take it.
 *
 * Run alone: `npx jest __tests__/backend/lock-protocol --selectProjects terraform` (path first: `--selectProjects`
 * takes every following word as a project name, so a path after it is ignored and all terraform tests run).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, DataResource, TerraformStack } from 'cdktf';
import { stateKey, useRemoteState, type RemoteStateSettings } from '../../backend/remote-state';
import { getLockItem, getSandboxObject, scanLockTable, startSandbox, type Sandbox } from '../../scripts/lib/sandbox';
import {
  runTerraform,
  spawnTerraform,
  stopAllTerraform,
  terraformEnv,
  type TerraformResult,
} from '../../scripts/lib/terraform';

const STACK = 'lock-probe';
/** How long the contended apply holds the lock (its provisioner's sleep), in seconds. */
const HOLD_SECONDS = 6;
const settings: RemoteStateSettings = {
  bucket: 'lock-probe-tfstate',
  lockTable: 'lock-probe-tflock',
  region: 'us-east-1',
  keyPrefix: 'lock-protocol-test',
  useLockfile: false,
};
const key = stateKey(settings.keyPrefix, STACK);
/** Terraform's lock item and digest item for the state object: `<bucket>/<key>` and `<bucket>/<key>-md5`. */
const lockId = `${settings.bucket}/${key}`;
const digestId = `${lockId}-md5`;

interface TerraformState {
  version: number;
  serial: number;
  lineage: string;
  resources: { type: string; name: string; instances: { attributes: { triggers_replace?: unknown } }[] }[];
}

let sandbox: Sandbox;
let workDir: string;
let stackDir: string;

/** Synthesizes the probe stack; `revision` goes into `triggers_replace`, so a new revision replaces the resource. */
function synthProbe(revision: number, sleepSeconds: number): string {
  const app = new App({ outdir: workDir });
  const stack = new TerraformStack(app, STACK);
  useRemoteState(stack, settings, sandbox.target);
  new DataResource(stack, 'probe', {
    triggersReplace: { revision: String(revision) },
    // exec: if Terraform is interrupted, it kills the sleep itself rather than orphaning it under a dead shell.
    provisioners: [{ type: 'local-exec', command: `exec sleep ${sleepSeconds}` }],
  });
  app.synth();
  return join(workDir, 'stacks', STACK);
}

function terraform(args: string[]): Promise<TerraformResult> {
  return runTerraform([...args, '-no-color'], { cwd: stackDir, env: terraformEnv(), timeoutMs: 60_000 });
}

/** The state object as stored in s3rver: raw bytes and parsed. */
async function readState(): Promise<{ raw: Buffer; state: TerraformState }> {
  const raw = await getSandboxObject(sandbox, key);
  if (!raw) throw new Error(`no state object at s3://${settings.bucket}/${key}`);
  return { raw, state: JSON.parse(raw.toString('utf8')) as TerraformState };
}

const md5 = (data: Buffer): string => createHash('md5').update(data).digest('hex');
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  sandbox = await startSandbox({ bucket: settings.bucket, lockTable: settings.lockTable, region: settings.region });
  workDir = mkdtempSync(join(tmpdir(), 'lock-protocol-'));
});

afterAll(async () => {
  await stopAllTerraform();
  await sandbox?.stop();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

test('init, plan and apply keep the state in S3 and its digest in the lock table', async () => {
  stackDir = synthProbe(1, 0);

  const init = await terraform(['init', '-input=false']);
  expect(init.stderr).toBe('');
  expect(init.code).toBe(0);
  expect(init.stdout).toContain('Successfully configured the backend "s3"!');

  // -detailed-exitcode: 2 = succeeded with changes to make.
  const plan = await terraform(['plan', '-input=false', '-detailed-exitcode']);
  expect(plan.stderr).toBe('');
  expect(plan.code).toBe(2);
  expect(plan.stdout).toContain('Plan: 1 to add, 0 to change, 0 to destroy.');

  const apply = await terraform(['apply', '-input=false', '-auto-approve']);
  expect(apply.stderr).toBe('');
  expect(apply.code).toBe(0);
  expect(apply.stdout).toContain('Apply complete! Resources: 1 added, 0 changed, 0 destroyed.');

  // The state is remote, not local.
  expect(existsSync(join(stackDir, 'terraform.tfstate'))).toBe(false);
  const { raw, state } = await readState();
  expect(state.version).toBe(4);
  expect(state.serial).toBeGreaterThanOrEqual(1);
  expect(state.lineage).toMatch(/^[0-9a-f-]{36}$/);
  expect(state.resources.map((r) => `${r.type}.${r.name}`)).toEqual(['terraform_data.probe']);
  expect(state.resources[0]?.instances[0]?.attributes.triggers_replace).toEqual({
    value: { revision: '1' },
    type: ['object', { revision: 'string' }],
  });

  // The lock table: the digest of exactly these bytes, and no lock left behind.
  const items = await scanLockTable(sandbox);
  expect(items.map((i) => i.LockID?.S).sort()).toEqual([digestId]);
  expect(items[0]?.Digest?.S).toBe(md5(raw));

  // Nothing left to do.
  const again = await terraform(['plan', '-input=false', '-detailed-exitcode']);
  expect(again.code).toBe(0);
  expect(again.stdout).toContain('No changes.');
}, 120_000);

test('a plan cannot take the lock while an apply holds it; the apply then writes exactly one new serial', async () => {
  const before = await readState();
  stackDir = synthProbe(2, HOLD_SECONDS);

  const apply = spawnTerraform(['apply', '-input=false', '-auto-approve', '-no-color'], {
    cwd: stackDir,
    env: terraformEnv(),
    timeoutMs: 60_000,
  });

  // Wait for the apply's lock item (the digest item has the -md5 suffix; the lock item has none).
  let lock = await getLockItem(sandbox, lockId);
  const deadline = Date.now() + 30_000;
  while (!lock && apply.running() && Date.now() < deadline) {
    await sleep(50);
    lock = await getLockItem(sandbox, lockId);
  }
  if (!lock) throw new Error(`apply never took the lock:\n${apply.stdout()}\n${apply.stderr()}`);
  const info = JSON.parse(lock.Info?.S ?? '{}') as { ID: string; Operation: string; Path: string; Version: string };
  expect(info.Operation).toBe('OperationTypeApply');
  expect(info.Path).toBe(lockId);
  expect(info.Version).toMatch(/^\d+\.\d+\.\d+$/);

  const contender = await terraform(['plan', '-input=false', '-lock-timeout=0s']);
  // The contention was real: the apply still held the lock when the plan gave up.
  expect(apply.running()).toBe(true);
  expect(contender.code).toBe(1);
  expect(contender.stdout).not.toContain('Plan:');
  expect(contender.stderr).toContain('Error: Error acquiring the state lock');
  expect(contender.stderr).toContain('ConditionalCheckFailedException');
  expect(contender.stderr).toContain(`ID:        ${info.ID}`);
  expect(contender.stderr).toContain(`Path:      ${lockId}`);
  expect(contender.stderr).toContain('Operation: OperationTypeApply');
  // The failed plan did not release (or replace) the holder's lock.
  expect((await getLockItem(sandbox, lockId))?.Info?.S).toBe(lock.Info?.S);

  const applied = await apply.result;
  expect(applied.stderr).toBe('');
  expect(applied.code).toBe(0);
  expect(applied.stdout).toContain('Apply complete! Resources: 1 added, 0 changed, 1 destroyed.');

  expect(await getLockItem(sandbox, lockId)).toBeUndefined();
  const after = await readState();
  expect(after.state.serial).toBe(before.state.serial + 1);
  expect(after.state.lineage).toBe(before.state.lineage);
  expect(after.state.resources[0]?.instances[0]?.attributes.triggers_replace).toEqual({
    value: { revision: '2' },
    type: ['object', { revision: 'string' }],
  });
  expect((await getLockItem(sandbox, digestId))?.Digest?.S).toBe(md5(after.raw));
}, 120_000);
