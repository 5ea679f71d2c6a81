/**
 * The RUNBOOK.md procedures the sandbox supports, run word for word (`bash -c` on each `<!-- runbook: NAME -->`
 * block) against s3rver + dynalite with the project's bucket, table and key scheme, then the state they leave is
 * asserted. The stack is a probe with one `terraform_data` (builtin provider, nothing to install); the bootstrap test
 * uses the real `state-backend` stack. The AWS CLI reaches the emulators through AWS_ENDPOINT_URL_S3/_DYNAMODB, as the
 * runbook's sandbox note says. Not here: S3 versioning (s3rver lacks it) and anything needing AWS or GitHub.
 *
 * Run alone: `npx jest __tests__/delivery/runbook --selectProjects terraform`.
 */
import { App, DataResource, TerraformStack } from 'cdktf';
import { spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stateKey, useRemoteState } from '../../backend/remote-state';
import { SANDBOX_CREDENTIALS } from '../../modules/core/deployment-target';
import { getLockItem, getSandboxObject, sandboxEnv, startSandbox, type Sandbox } from '../../scripts/lib/sandbox';
import {
  PROJECT_ROOT,
  runTerraform,
  spawnTerraform,
  stopAllTerraform,
  terraformEnv,
  type TerraformResult,
} from '../../scripts/lib/terraform';
import { buildApp } from '../../src/app';
import { loadConfig } from '../../src/config/load';
import { runbookBlock } from './runbook-blocks';

jest.setTimeout(120_000);

const STACK = 'runbook-probe';
const settings = loadConfig({}).project.stateBackend;
const key = stateKey(settings.keyPrefix, STACK);
const lockId = `${settings.bucket}/${key}`;
const digestId = `${lockId}-md5`;

interface TerraformState {
  serial: number;
  lineage: string;
  outputs: Record<string, { value: unknown }>;
  resources: { type: string; name: string; instances: { attributes: { id: string; triggers_replace?: unknown } }[] }[];
}

let sandbox: Sandbox;
/** Stands in for the repository root: cdktf.out/, state-backups/, and links to package.json, node_modules, scripts. */
let workDir: string;

beforeAll(async () => {
  sandbox = await startSandbox(settings);
  workDir = mkdtempSync(join(tmpdir(), 'runbook-'));
  // `npm run X` from workDir runs the project's scripts with workDir as the current directory.
  for (const entry of ['package.json', 'node_modules', 'scripts', 'tsconfig.json']) {
    symlinkSync(join(PROJECT_ROOT, entry), join(workDir, entry));
  }
});

afterAll(async () => {
  await stopAllTerraform();
  await sandbox?.stop();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

/** The environment a runbook block runs in: the runbook's variables, and the AWS CLI pointed at the sandbox. */
function blockEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...terraformEnv(),
    ...sandboxEnv(sandbox),
    STACK,
    BUCKET: settings.bucket,
    TABLE: settings.lockTable,
    KEY: key,
    AWS_ENDPOINT_URL_S3: sandbox.s3Endpoint,
    AWS_ENDPOINT_URL_DYNAMODB: sandbox.dynamodbEndpoint,
    AWS_ACCESS_KEY_ID: SANDBOX_CREDENTIALS.accessKey,
    AWS_SECRET_ACCESS_KEY: SANDBOX_CREDENTIALS.secretKey,
    AWS_REGION: sandbox.region,
    AWS_DEFAULT_REGION: sandbox.region,
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PAGER: '',
    ...extra,
  };
}

interface ShellResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command line in workDir without blocking the event loop (the emulators run in this process). */
function shell(script: string, env: NodeJS.ProcessEnv): Promise<ShellResult> {
  return new Promise((resolvePromise, reject) => {
    // --norc: Node's stdio pipes are sockets, and Debian's bash sources bash.bashrc for a socket stdin at SHLVL 1
    // (its ssh heuristic), which fails under -u when npm test is started from a top-level shell.
    const child = spawn('bash', ['--norc', '--noprofile', '-euo', 'pipefail', '-c', script], {
      cwd: workDir,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.once('error', reject);
    child.once('close', (code) =>
      resolvePromise({ code: code ?? 1, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() }),
    );
  });
}

/** Runs the RUNBOOK.md block `name` as written. */
function runBlock(name: string, extra: Record<string, string> = {}): Promise<ShellResult> {
  return shell(runbookBlock(name), blockEnv(extra));
}

/** Synthesizes the probe; `revision` goes into `triggers_replace` (a new one replaces the resource). */
function synthProbe(revision: number, sleepSeconds = 0): void {
  const app = new App({ outdir: join(workDir, 'cdktf.out') });
  const stack = new TerraformStack(app, STACK);
  useRemoteState(stack, settings, sandbox.target);
  new DataResource(stack, 'probe', {
    triggersReplace: { revision: String(revision) },
    // exec: the sleep is the provisioner process itself, so an apply killed here leaves no shell behind.
    provisioners: sleepSeconds > 0 ? [{ type: 'local-exec', command: `exec sleep ${sleepSeconds}` }] : undefined,
  });
  app.synth();
}

function terraform(args: string[], stack = STACK): Promise<TerraformResult> {
  return runTerraform([`-chdir=cdktf.out/stacks/${stack}`, ...args, '-no-color'], {
    cwd: workDir,
    env: blockEnv(),
    timeoutMs: 90_000,
  });
}

async function applyRevision(revision: number): Promise<void> {
  synthProbe(revision);
  const apply = await terraform(['apply', '-input=false', '-auto-approve']);
  if (apply.code !== 0) throw new Error(`apply of revision ${revision} failed:\n${apply.stdout}${apply.stderr}`);
}

async function storedState(stateKeyName = key): Promise<{ raw: Buffer; state: TerraformState }> {
  const raw = await getSandboxObject(sandbox, stateKeyName);
  if (!raw) throw new Error(`no state object at s3://${settings.bucket}/${stateKeyName}`);
  return { raw, state: JSON.parse(raw.toString('utf8')) as TerraformState };
}

/** Terraform colours what it prints unless told -no-color, which the runbook's commands do not say. */
const ANSI_ESCAPE = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
const plain = (text: string): string => text.replace(ANSI_ESCAPE, '');
const md5 = (data: Buffer): string => createHash('md5').update(data).digest('hex');
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const revisionOf = (state: TerraformState): unknown =>
  (state.resources[0]?.instances[0]?.attributes.triggers_replace as { value?: { revision?: string } })?.value?.revision;

test('a stale lock: find its holder in the lock table, force-unlock it, plan again', async () => {
  synthProbe(1);
  expect((await terraform(['init', '-input=false'])).code).toBe(0);
  await applyRevision(1);

  // A run that dies while applying (a cancelled job, a killed runner) leaves its lock behind.
  synthProbe(2, 8);
  const apply = spawnTerraform([`-chdir=cdktf.out/stacks/${STACK}`, 'apply', '-input=false', '-auto-approve'], {
    cwd: workDir,
    env: blockEnv(),
    timeoutMs: 60_000,
  });
  const deadline = Date.now() + 30_000;
  while (!apply.stdout().includes("Provisioning with 'local-exec'") && apply.running() && Date.now() < deadline) {
    await sleep(50);
  }
  const lock = await getLockItem(sandbox, lockId);
  if (!lock) throw new Error(`the apply never held the lock:\n${apply.stdout()}${apply.stderr()}`);
  const killed = await apply.stop('SIGKILL');
  expect(killed.signal).toBe('SIGKILL');
  expect((await getLockItem(sandbox, lockId))?.Info?.S).toBe(lock.Info?.S);
  const info = JSON.parse(lock.Info?.S ?? '{}') as Record<string, string>;

  // The symptom.
  const blocked = await terraform(['plan', '-input=false', '-lock-timeout=0s']);
  expect(blocked.code).toBe(1);
  expect(blocked.stderr).toContain('Error: Error acquiring the state lock');
  expect(blocked.stderr).toContain(`ID:        ${info.ID}`);

  // 1. Find the holder.
  const holder = await runBlock('find-lock-holder');
  expect(holder.stderr).toBe('');
  expect(holder.code).toBe(0);
  const listed = JSON.parse(holder.stdout.trim()) as Record<string, string>;
  expect(listed).toEqual(info);
  expect(listed).toMatchObject({ Operation: 'OperationTypeApply', Path: lockId, Version: '1.11.4' });
  expect(listed.Who).toMatch(/.@./);
  expect(Number.isNaN(Date.parse(listed.Created as string))).toBe(false);

  // 3. Unlock it.
  const unlock = await runBlock('force-unlock', { LOCK_ID: listed.ID as string });
  expect(unlock.code).toBe(0);
  expect(unlock.stdout).toContain('Terraform state has been successfully unlocked!');
  expect(await getLockItem(sandbox, lockId)).toBeUndefined();
  // Only the lock went: the state and its digest are as the last complete write left them.
  const { raw, state } = await storedState();
  expect((await getLockItem(sandbox, digestId))?.Digest?.S).toBe(md5(raw));
  expect(revisionOf(state)).toBe('1');

  // 4. Plan again: it takes and releases the lock, and shows the unfinished change.
  const plan = await terraform(['plan', '-input=false', '-lock-timeout=0s', '-detailed-exitcode']);
  expect(plan.stderr).toBe('');
  expect(plan.code).toBe(2);
  expect(plan.stdout).toContain('Plan: 1 to add, 0 to change, 1 to destroy.');
  expect(await getLockItem(sandbox, lockId)).toBeUndefined();
});

describe('back up and restore a state', () => {
  let backupFile: string;
  let backup: TerraformState;

  test('state pull writes a backup with the stored serial, lineage and resources', async () => {
    await applyRevision(2);
    const current = await storedState();

    const result = await runBlock('state-backup');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const files = readdirSync(join(workDir, 'state-backups')).filter((f) => f.startsWith(`${STACK}-`));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(new RegExp(`^${STACK}-\\d{8}T\\d{6}Z\\.tfstate$`));
    backupFile = join('state-backups', files[0] as string);
    backup = JSON.parse(readFileSync(join(workDir, backupFile), 'utf8')) as TerraformState;
    expect(backup.serial).toBe(current.state.serial);
    expect(backup.lineage).toBe(current.state.lineage);
    expect(backup.resources).toEqual(current.state.resources);
    expect(revisionOf(backup)).toBe('2');
  });

  test('state push refuses a backup older than the stored state, and a state of another lineage', async () => {
    await applyRevision(3);
    await applyRevision(4);
    const before = await storedState();
    expect(before.state.serial).toBe(backup.serial + 2);

    const refused = await runBlock('state-restore', { BACKUP: backupFile });
    expect(refused.code).toBe(1);
    expect(plain(refused.stderr).trim()).toBe(
      `Failed to write state: cannot import state with serial ${backup.serial} over newer state with serial ${before.state.serial}`,
    );

    const foreign = { ...backup, lineage: randomUUID(), serial: before.state.serial + 10 };
    writeFileSync(join(workDir, 'state-backups', 'foreign.tfstate'), JSON.stringify(foreign));
    const unrelated = await runBlock('state-restore', { BACKUP: 'state-backups/foreign.tfstate' });
    expect(unrelated.code).toBe(1);
    expect(plain(unrelated.stderr).trim()).toBe(
      `Failed to write state: cannot import state with lineage "${foreign.lineage}" over unrelated state with lineage "${before.state.lineage}"`,
    );

    // Nothing was written.
    const after = await storedState();
    expect(after.raw.equals(before.raw)).toBe(true);
    expect((await getLockItem(sandbox, digestId))?.Digest?.S).toBe(md5(before.raw));
  });

  test('state push -force restores the backup: its lineage and resources, serial + 1, a matching digest', async () => {
    const replaced = await storedState();
    const result = await runBlock('state-restore-force', { BACKUP: backupFile });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);

    const { raw, state } = await storedState();
    expect(state.lineage).toBe(backup.lineage);
    expect(state.serial).toBe(backup.serial + 1);
    expect(state.serial).toBeLessThan(replaced.state.serial);
    expect(state.resources).toEqual(backup.resources);
    expect((await getLockItem(sandbox, digestId))?.Digest?.S).toBe(md5(raw));
    expect(await getLockItem(sandbox, lockId)).toBeUndefined();

    // The configuration is at revision 4, the restored record at 2: the next plan shows the difference.
    const plan = await terraform(['plan', '-input=false', '-detailed-exitcode']);
    expect(plan.code).toBe(2);
    expect(plan.stdout).toContain('~ revision = "2" -> "4"');
  });

  test('a deleted state object: Terraform reports the digest mismatch; the runbook restores it from the backup', async () => {
    // The accident: someone deletes the state object.
    const deleted = await shell('aws s3api delete-object --bucket "$BUCKET" --key "$KEY"', blockEnv());
    expect(deleted.code).toBe(0);
    expect(await getSandboxObject(sandbox, key)).toBeUndefined();

    const symptom = await terraform(['plan', '-input=false']);
    expect(symptom.code).toBe(1);
    expect(symptom.stderr).toContain('state data in S3 does not have the expected content');

    const result = await runBlock('recover-state-from-backup', { BACKUP: backupFile });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const { raw, state } = await storedState();
    expect(state.resources).toEqual(backup.resources);
    // Terraform creates the missing state before writing into it: serial 1, a new lineage.
    expect(state.serial).toBe(1);
    expect(state.lineage).toMatch(/^[0-9a-f-]{36}$/);
    expect(state.lineage).not.toBe(backup.lineage);
    expect((await getLockItem(sandbox, digestId))?.Digest?.S).toBe(md5(raw));

    const plan = await terraform(['plan', '-input=false', '-detailed-exitcode']);
    expect(plan.stderr).toBe('');
    expect(plan.code).toBe(2);
  });
});

test('bootstrap: the state backend moves its local state into the bucket it created', async () => {
  // Step 2 (`npm run synth`, init, apply) needs AWS for the apply; synth and init run here, and a pushed state with
  // the stack's two outputs stands in for the applied one.
  buildApp(new App({ outdir: join(workDir, 'cdktf.out') }), loadConfig(sandboxEnv(sandbox))).synth();
  expect((await terraform(['init', '-input=false'], 'state-backend')).code).toBe(0);
  const seeded = {
    version: 4,
    terraform_version: '1.11.4',
    serial: 7,
    lineage: randomUUID(),
    outputs: {
      state_bucket: { value: settings.bucket, type: 'string' },
      lock_table: { value: settings.lockTable, type: 'string' },
    },
    resources: [],
    check_results: null,
  };
  writeFileSync(join(workDir, 'seed.tfstate'), JSON.stringify(seeded));
  const push = await terraform(['state', 'push', join(workDir, 'seed.tfstate')], 'state-backend');
  expect(push.code).toBe(0);
  const localState = join(workDir, 'terraform.state-backend.tfstate');
  expect(JSON.parse(readFileSync(localState, 'utf8')).lineage).toBe(seeded.lineage);

  const moved = await runBlock('bootstrap-move-state');
  expect(moved.code).toBe(0);
  expect(moved.stdout).toContain(
    `wrote cdktf.out/stacks/state-backend/backend_override.tf.json: S3 backend s3://${settings.bucket}/${stateKey(settings.keyPrefix, 'state-backend')}`,
  );
  expect(plain(moved.stdout)).toContain('Terraform detected that the backend type changed from "local" to "s3".');
  expect(plain(moved.stdout)).toContain('Successfully configured the backend "s3"!');
  expect(existsSync(localState)).toBe(false);
  expect(existsSync(join(workDir, 'terraform.state-backend.moved.tfstate'))).toBe(true);

  const { raw, state } = await storedState(stateKey(settings.keyPrefix, 'state-backend'));
  // The outputs and (none here) resources move; like any state written to a new key: serial 1, a new lineage.
  expect(state.outputs).toEqual(seeded.outputs);
  expect(state.resources).toEqual([]);
  expect(state.serial).toBe(1);
  expect(state.lineage).not.toBe(seeded.lineage);
  expect(
    (await getLockItem(sandbox, `${settings.bucket}/${stateKey(settings.keyPrefix, 'state-backend')}-md5`))?.Digest?.S,
  ).toBe(md5(raw));

  const verify = await runBlock('bootstrap-verify');
  expect(verify.stderr).toBe('');
  expect(verify.code).toBe(0);
  expect(verify.stdout).toBe(`${raw.length}\n${settings.bucket}`);
});
