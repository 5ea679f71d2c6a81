/**
 * The one place the project runs the Terraform CLI.
 *
 * Every invocation gets the project's CLI config (`terraform.rc`: filesystem mirror for hashicorp/aws, direct for the
 * rest, no checkpoint calls) through `TF_CLI_CONFIG_FILE`, plus the non-interactive switches.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { constants } from 'node:os';
import { resolve } from 'node:path';
import { terraformCliConfigFile } from './terraform-cli-config';

export { PROJECT_CLI_CONFIG, terraformCliConfigFile } from './terraform-cli-config';

/** Absolute path of the repository root. */
export const PROJECT_ROOT: string = resolve(__dirname, '..', '..');

const DEFAULT_TIMEOUT_MS = 300_000;
/** After a timeout: SIGTERM first (Terraform stops gracefully and releases its lock), SIGKILL after this grace. */
const KILL_GRACE_MS = 10_000;

/**
 * `process.env` + `TF_CLI_CONFIG_FILE` (see `terraformCliConfigFile`) + `TF_IN_AUTOMATION=1` + `TF_INPUT=0` +
 * `CHECKPOINT_DISABLE=1` + `extra` (`extra` wins; a `TF_PLUGIN_MIRROR` in it is honoured when generating the config).
 */
export function terraformEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    TF_CLI_CONFIG_FILE: terraformCliConfigFile({ ...process.env, ...extra }),
    TF_IN_AUTOMATION: '1',
    TF_INPUT: '0',
    CHECKPOINT_DISABLE: '1',
    ...extra,
  };
}

export interface TerraformResult {
  /** Exit code; 128 + signal number if the process was killed by a signal; 127 if it could not be started. */
  code: number;
  stdout: string;
  stderr: string;
  /** Wall time, in seconds. */
  seconds: number;
  /** The signal that ended the process, if any. */
  signal: NodeJS.Signals | null;
  /** True if the process was killed because it ran past `timeoutMs`. */
  timedOut: boolean;
}

export interface TerraformRunOptions {
  /** Working directory (the stack directory holding `cdk.tf.json`). */
  cwd: string;
  /** Complete environment of the process. Default: `terraformEnv()`. */
  env?: NodeJS.ProcessEnv;
  /** Kill the process after this many milliseconds (SIGTERM, then SIGKILL 10 s later). Default 300000. */
  timeoutMs?: number;
}

/** A running Terraform process. */
export interface TerraformProcess {
  readonly child: ChildProcess;
  /** Settles (never rejects) when the process has exited and its output streams are closed. */
  readonly result: Promise<TerraformResult>;
  /** Output captured so far. */
  stdout(): string;
  stderr(): string;
  /** True until the process has exited. */
  running(): boolean;
  /** Sends `signal` (default SIGTERM); SIGKILL after `graceMs` if still running. Resolves with the result. */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<TerraformResult>;
}

/** The Terraform binary: `$TERRAFORM_BIN`, else `terraform` from PATH. */
export function terraformBin(): string {
  return process.env.TERRAFORM_BIN ?? 'terraform';
}

const live = new Set<TerraformProcess>();

/** Starts `terraform <args>` in `cwd` and returns at once; observe it through the returned handle. */
export function spawnTerraform(args: string[], opts: TerraformRunOptions): TerraformProcess {
  const started = process.hrtime.bigint();
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  let exited = false;
  let timedOut = false;
  let killTimer: NodeJS.Timeout | undefined;

  const child = spawn(terraformBin(), args, {
    cwd: opts.cwd,
    env: opts.env ?? terraformEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => out.push(chunk));
  child.stderr?.on('data', (chunk: Buffer) => err.push(chunk));

  const stdout = (): string => Buffer.concat(out).toString('utf8');
  const stderr = (): string => Buffer.concat(err).toString('utf8');

  const kill = (signal: NodeJS.Signals, graceMs: number): void => {
    if (exited) return;
    child.kill(signal);
    if (!killTimer && signal !== 'SIGKILL') {
      killTimer = setTimeout(() => {
        if (!exited) child.kill('SIGKILL');
      }, graceMs);
    }
  };

  const timeoutTimer = setTimeout(() => {
    timedOut = true;
    kill('SIGTERM', KILL_GRACE_MS);
  }, timeoutMs);

  const result = new Promise<TerraformResult>((resolvePromise) => {
    let spawnError: Error | undefined;
    child.once('error', (error) => {
      spawnError = error;
      // 'close' does not follow when the process never started.
      if (child.pid === undefined) finish(null, null);
    });
    child.once('close', (code, signal) => finish(code, signal));

    function finish(code: number | null, signal: NodeJS.Signals | null): void {
      if (exited) return;
      exited = true;
      clearTimeout(timeoutTimer);
      if (killTimer) clearTimeout(killTimer);
      live.delete(handle);
      let text = stderr();
      if (spawnError) text += `${text && !text.endsWith('\n') ? '\n' : ''}${terraformBin()}: ${spawnError.message}\n`;
      if (timedOut) text += `${text && !text.endsWith('\n') ? '\n' : ''}terraform killed after ${timeoutMs} ms\n`;
      resolvePromise({
        code: code ?? (signal ? 128 + (constants.signals[signal] ?? 0) : 127),
        stdout: stdout(),
        stderr: text,
        seconds: Number(process.hrtime.bigint() - started) / 1e9,
        signal,
        timedOut,
      });
    }
  });

  const handle: TerraformProcess = {
    child,
    result,
    stdout,
    stderr,
    running: () => !exited,
    stop: (signal = 'SIGTERM', graceMs = KILL_GRACE_MS) => {
      kill(signal, graceMs);
      return result;
    },
  };
  live.add(handle);
  return handle;
}

/** Runs `terraform <args>` in `cwd` and resolves (never rejects) with the result once it has exited. */
export function runTerraform(args: string[], opts: TerraformRunOptions): Promise<TerraformResult> {
  return spawnTerraform(args, opts).result;
}

/** Stops every Terraform process this module started that is still running (for test teardown). */
export async function stopAllTerraform(graceMs = 5_000): Promise<void> {
  await Promise.all([...live].map((p) => p.stop('SIGTERM', graceMs)));
}
