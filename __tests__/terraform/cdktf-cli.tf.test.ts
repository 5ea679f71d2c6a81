/**
 * The cdktf CLI works here offline: `cdktf list`, and `cdktf diff --skip-provider-lock <stack>` against the sandbox
 * (the shell set-up `npm run sandbox` prints: STATE_BACKEND=sandbox, the endpoints, the project's CLI config).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/load';
import { sandboxEnv, startSandbox, type Sandbox } from '../../scripts/lib/sandbox';
import { PROJECT_ROOT, terraformEnv } from '../../scripts/lib/terraform';

jest.setTimeout(180_000);

let sandbox: Sandbox;
let outdir: string;

beforeAll(async () => {
  sandbox = await startSandbox(loadConfig({}).project.stateBackend);
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
      env: terraformEnv({ ...sandboxEnv(sandbox), CI: '1', FORCE_COLOR: '0' }),
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
