/**
 * The main job's verdict when nothing could be planned (`npm start`, for real: sandbox, synth, the selected stacks):
 * a selection whose every stack is skipped is counted as skipped, said so, and fails unless --allow-skipped is given.
 */
import { spawn } from 'node:child_process';
import { PROJECT_ROOT } from '../../scripts/lib/terraform';

jest.setTimeout(120_000);

function npmStart(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['start', '--silent', '--', ...args], { cwd: PROJECT_ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

it('a run whose only stack is skipped says that nothing was planned and exits 1', async () => {
  const run = await npmStart(['--stacks', 'ec2-web-dev-atlas']);
  expect(run.stdout).toMatch(
    /^ec2-web-dev-atlas +skipped +- +0\.0 +0 errors, \d+ warnings, \d+ suppressed +provider mongodb\/mongodbatlas/m,
  );
  expect(run.stdout).toMatch(/^Done in [\d.]+ s: 0 planned, 1 skipped, 0 failed \(1 stack\)\.$/m);
  expect(run.stderr).toBe(
    'Nothing was planned: every selected stack was skipped (see the note column). Pass --allow-skipped to accept that.\n',
  );
  expect(run.code).toBe(1);
});

it('--allow-skipped accepts it: exit 0, and says why', async () => {
  const run = await npmStart(['--stacks', 'ec2-web-dev-atlas', '--allow-skipped']);
  expect(run.stdout).toContain('0 planned, 1 skipped, 0 failed (1 stack).');
  expect(run.stdout).toContain(
    'Nothing was planned: every selected stack was skipped (see the note column). Exit 0: --allow-skipped.',
  );
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
});
