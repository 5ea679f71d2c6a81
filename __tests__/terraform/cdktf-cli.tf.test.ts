/**
 * The cdktf CLI works here offline: `cdktf list`, `cdktf diff --skip-provider-lock <stack>`, and `cdktf deploy` /
 * `cdktf destroy` of one stack against the sandbox (the shell set-up `npm run sandbox` prints: STATE_BACKEND=sandbox,
 * the endpoints, the project's CLI config). A deploy is as close to one as this machine can run: the state and the
 * lock are real, and the apply fails at the first AWS API call, which the sandbox's stand-in answers.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/load';
import { stateKey } from '../../backend/remote-state';
import {
  getSandboxObject,
  SANDBOX_NO_AWS_API,
  sandboxEnv,
  scanLockTable,
  startSandbox,
  type Sandbox,
} from '../../scripts/lib/sandbox';
import { PROJECT_ROOT, terraformEnv } from '../../scripts/lib/terraform';

jest.setTimeout(180_000);

let sandbox: Sandbox;
let outdir: string;
const { stateBackend } = loadConfig({}).project;

beforeAll(async () => {
  sandbox = await startSandbox(stateBackend);
  outdir = mkdtempSync(join(tmpdir(), 'cdktf-cli-'));
});

afterAll(async () => {
  await sandbox?.stop();
  if (outdir) rmSync(outdir, { recursive: true, force: true });
});

/** Runs the project's cdktf CLI asynchronously: a sync spawn would block the in-process emulators. */
function cdktf(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(join(PROJECT_ROOT, 'node_modules', '.bin', 'cdktf'), args, {
      cwd: PROJECT_ROOT,
      env: terraformEnv({
        ...sandboxEnv(sandbox),
        CI: '1',
        FORCE_COLOR: '0',
        // Any request that escaped AWS_ENDPOINT_URL would go to the stand-in as a proxy request (recorded, refused).
        HTTPS_PROXY: sandbox.awsApiEndpoint,
        HTTP_PROXY: sandbox.awsApiEndpoint,
      }),
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', (code) => resolve({ code, output }));
  });
}

it('lists every stack', async () => {
  const { code, output } = await cdktf(['list', '--output', outdir]);
  expect(code).toBe(0);
  for (const stack of ['state-backend', 'network-dev', 'network-prod']) expect(output).toContain(stack);
});

it('diffs a stack offline against the sandbox backend', async () => {
  const { code, output } = await cdktf([
    'diff',
    '--skip-provider-lock',
    '--no-color',
    '--output',
    outdir,
    'network-dev',
  ]);
  expect(output).toContain('Plan: 25 to add, 0 to change, 0 to destroy.');
  expect(output).not.toContain('checkpoint-api.hashicorp.com');
  expect(code).toBe(0);
});

describe('deploy and destroy of one stack, without its bootstrap stack in the selection', () => {
  const key = stateKey(stateBackend.keyPrefix, 'network-dev');
  const lockId = `${stateBackend.bucket}/${key}`;
  const lockItems = async (): Promise<string[]> =>
    (await scanLockTable(sandbox)).map((item) => item.LockID?.S ?? '').filter((id) => id === lockId);

  it('deploys: init and plan with the state in the sandbox, then the apply fails at the AWS API and leaves no lock', async () => {
    const { code, output } = await cdktf([
      'deploy',
      'network-dev',
      '--auto-approve',
      '--skip-provider-lock',
      '--no-color',
      '--output',
      outdir,
    ]);
    expect(output).not.toContain('dependencies are not included');
    expect(output).toContain('Plan: 25 to add, 0 to change, 0 to destroy.');
    expect(output).toMatch(
      new RegExp(`creating EC2 VPC: .*api error ${SANDBOX_NO_AWS_API}: the sandbox emulates only the state backend`),
    );
    expect(code).not.toBe(0);
    // Every AWS call reached the stand-in; none tried to leave the machine.
    expect(sandbox.awsApiCalls()).toContainEqual({ service: 'ec2', operation: 'CreateVpc' });
    expect(sandbox.awsApiCalls().filter((call) => call.service === 'proxy')).toEqual([]);
    // Terraform released the lock on its way out, and wrote the (empty) state where the backend says.
    expect(await lockItems()).toEqual([]);
    expect(await getSandboxObject(sandbox, key)).toBeDefined();
  });

  it('destroys: nothing was created, so nothing to destroy, and no lock left', async () => {
    const { code, output } = await cdktf([
      'destroy',
      'network-dev',
      '--auto-approve',
      '--skip-provider-lock',
      '--no-color',
      '--output',
      outdir,
    ]);
    expect(output).not.toContain('dependencies are not included');
    expect(code).toBe(0);
    expect(await lockItems()).toEqual([]);
  });
});

describe('a fresh shell on this machine: TF_CLI_CONFIG_FILE names a missing file, nothing else set up', () => {
  /** This process's environment without what npm, the project or a test put there. */
  const freshShell = (): NodeJS.ProcessEnv => ({
    ...Object.fromEntries(
      Object.entries(process.env).filter(
        ([name]) => !/^(NODE_OPTIONS|npm_|INIT_CWD|TF_|CHECKPOINT_DISABLE)/i.test(name),
      ),
    ),
    TF_CLI_CONFIG_FILE: join(outdir, 'missing.terraformrc'), // as this machine's /root/.terraformrc
  });

  const run = (command: string, args: string[]): Promise<{ code: number | null; output: string }> =>
    new Promise((resolve) => {
      const child = spawn(command, args, { cwd: PROJECT_ROOT, env: freshShell() });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.on('close', (code) => resolve({ code, output }));
    });

  it.each([
    ['npx cdktf list', 'npx', ['cdktf', 'list', '--output']],
    ['npm run list', 'npm', ['run', 'list', '--', '--output']],
  ])('%s succeeds with no error or warning block', async (what, command, args) => {
    const { code, output } = await run(command, [...args, join(outdir, what.replace(/\W+/g, '-'))]);
    expect(output).toMatch(/^network-dev\b/m);
    expect(output).not.toMatch(/\[ERROR\]|\[WARN\]|CLI configuration|checkpoint/i);
    expect(code).toBe(0);
  });
});
