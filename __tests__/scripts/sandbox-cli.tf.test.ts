/**
 * `npm run sandbox` as a person runs it: it stops cleanly on SIGTERM and on SIGINT sent to npm (servers closed, the
 * data directory released, state kept), and a second sandbox on the same data directory is refused with the option
 * that avoids it.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../scripts/lib/terraform';

jest.setTimeout(60_000);

let dataDir: string;
beforeAll(() => (dataDir = mkdtempSync(join(tmpdir(), 'sandbox-cli-'))));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

interface Started {
  readonly child: ChildProcessWithoutNullStreams;
  readonly output: () => string;
  readonly exited: Promise<number | null>;
}

function npmSandbox(): Started {
  const child = spawn('npm', ['run', '--silent', 'sandbox', '--', '--data-dir', dataDir], { cwd: PROJECT_ROOT });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Whether something answers HTTP at the URL. */
function answers(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(url, { method: 'GET', agent: false, timeout: 2_000 }, (res) => {
      res.resume();
      resolve(true);
    });
    req.on('error', () => resolve(false));
    req.end();
  });
}

const endpoints = (output: string): string[] =>
  [...output.matchAll(/^export \w+_ENDPOINT(?:_URL)?=(\S+)$/gm)].map((m) => m[1]!);

it.each(['SIGTERM', 'SIGINT'] as const)(
  'stops cleanly on %s sent to npm: servers closed, data directory released',
  async (signal) => {
    const sandbox = npmSandbox();
    await until(() => sandbox.output().includes('Ctrl-C (or SIGTERM) stops the sandbox.'), 'the sandbox banner');
    const urls = endpoints(sandbox.output());
    expect(urls).toHaveLength(3); // S3, DynamoDB, the AWS API stand-in
    for (const url of urls) expect(await answers(url)).toBe(true);
    expect(existsSync(join(dataDir, 'sandbox.pid'))).toBe(true);

    sandbox.child.kill(signal);
    expect(await sandbox.exited).toBe(0);
    expect(sandbox.output()).toContain(
      `${signal}: stopping the sandbox...\nsandbox stopped (servers closed; data kept in ${dataDir})`,
    );
    for (const url of urls) expect(await answers(url)).toBe(false);
    expect(existsSync(join(dataDir, 'sandbox.pid'))).toBe(false);
    expect(existsSync(join(dataDir, 's3'))).toBe(true); // the state survives a restart
  },
);

it('refuses a second sandbox on the same data directory, naming the pid and the --data-dir option', async () => {
  const first = npmSandbox();
  try {
    await until(() => first.output().includes('Ctrl-C (or SIGTERM) stops the sandbox.'), 'the first sandbox');
    const second = npmSandbox();
    expect(await second.exited).toBe(1);
    const holder = readFileSync(join(dataDir, 'sandbox.pid'), 'utf8').trim();
    expect(second.output()).toBe(
      `npm run sandbox: ${dataDir} is in use by another sandbox (pid ${holder}). Stop it (Ctrl-C in its ` +
        `terminal, or \`kill ${holder}\`), or start this one with \`npm run sandbox -- --data-dir <another dir>\`.\n`,
    );
  } finally {
    first.child.kill('SIGTERM');
    await first.exited;
  }
});
