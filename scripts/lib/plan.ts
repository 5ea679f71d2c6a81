/**
 * Reads a synthesized cdktf output (manifest + stacks) and runs `terraform init` / `validate` / `plan` on the stacks
 * that this machine can plan: those whose only provider is hashicorp/aws (the one in the filesystem mirror).
 * Companion stacks with other providers are reported as skipped, with the reason.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runTerraform, terraformEnv, type TerraformResult } from './terraform';

/** Providers this machine can install (terraform.rc's filesystem mirror). */
export const INSTALLABLE_PROVIDERS = ['hashicorp/aws'] as const;

export interface SynthesizedStack {
  readonly name: string;
  /** Absolute path of the stack's working directory (holds cdk.tf.json). */
  readonly directory: string;
  /** Stacks this one references (from the manifest); planned first. */
  readonly dependencies: readonly string[];
  /**
   * Stacks that must succeed before this one starts although it references none of their values: the stack that
   * creates the S3 bucket this stack's backend keeps its state in (the bootstrap stack `state-backend`), when the
   * output has it. Not a cdktf dependency, so that `cdktf deploy <stack>` runs one stack alone once the account is
   * bootstrapped.
   */
  readonly prerequisites: readonly string[];
  /** Backend type from cdk.tf.json (`s3`, `local`). */
  readonly backend: string;
  /** Providers as `namespace/type`, e.g. `hashicorp/aws`, `mongodb/mongodbatlas`. */
  readonly providers: readonly string[];
  /** Why the stack cannot be planned here, if it cannot. */
  readonly skipReason?: string;
}

interface StackConfig {
  terraform?: {
    required_providers?: Record<string, { source?: string }>;
    backend?: { s3?: { bucket?: string } } & Record<string, unknown>;
  };
  resource?: { aws_s3_bucket?: Record<string, { bucket?: unknown }> };
}

interface Manifest {
  stacks: Record<
    string,
    { name: string; workingDirectory: string; synthesizedStackPath: string; dependencies: string[] }
  >;
}

/** The stacks of a cdktf output dir, dependencies and prerequisites before the stacks that need them. */
export function readSynthesizedStacks(outdir: string): SynthesizedStack[] {
  const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')) as Manifest;
  const entries = Object.values(manifest.stacks).map((entry) => ({
    entry,
    config: JSON.parse(readFileSync(join(outdir, entry.synthesizedStackPath), 'utf8')) as StackConfig,
  }));
  /** Which stack creates each bucket (a literal `bucket` name). */
  const bucketCreators = new Map(
    entries.flatMap(({ entry, config }) =>
      Object.values(config.resource?.aws_s3_bucket ?? {}).flatMap((bucket) =>
        typeof bucket.bucket === 'string' ? [[bucket.bucket, entry.name] as const] : [],
      ),
    ),
  );
  const stacks = entries.map(({ entry, config }): SynthesizedStack => {
    const backend = Object.keys(config.terraform?.backend ?? {})[0] ?? 'local';
    const stateBucket = config.terraform?.backend?.s3?.bucket;
    const bootstrap = stateBucket === undefined ? undefined : bucketCreators.get(stateBucket);
    const providers = Object.entries(config.terraform?.required_providers ?? {}).map(([name, requirement]) =>
      normalizeSource(requirement.source ?? name),
    );
    const missing = providers.filter((provider) => !(INSTALLABLE_PROVIDERS as readonly string[]).includes(provider));
    return {
      name: entry.name,
      directory: join(outdir, entry.workingDirectory),
      dependencies: entry.dependencies,
      prerequisites: bootstrap !== undefined && bootstrap !== entry.name ? [bootstrap] : [],
      backend,
      providers,
      skipReason:
        missing.length > 0
          ? `provider ${missing.join(', ')} cannot be installed here (only ${INSTALLABLE_PROVIDERS.join(', ')} is mirrored)`
          : undefined,
    };
  });
  return topologicalOrder(stacks);
}

/** `aws` → `hashicorp/aws`; `registry.terraform.io/mongodb/mongodbatlas` → `mongodb/mongodbatlas`. */
function normalizeSource(source: string): string {
  const parts = source.toLowerCase().split('/');
  return parts.length === 1 ? `hashicorp/${parts[0]}` : parts.slice(-2).join('/');
}

function topologicalOrder(stacks: SynthesizedStack[]): SynthesizedStack[] {
  const byName = new Map(stacks.map((stack) => [stack.name, stack]));
  const ordered: SynthesizedStack[] = [];
  const visit = (stack: SynthesizedStack, trail: readonly string[]) => {
    if (ordered.includes(stack)) return;
    if (trail.includes(stack.name)) throw new Error(`stack dependency cycle: ${[...trail, stack.name].join(' -> ')}`);
    for (const dependency of [...stack.prerequisites, ...stack.dependencies]) {
      const target = byName.get(dependency);
      if (target) visit(target, [...trail, stack.name]);
    }
    ordered.push(stack);
  };
  for (const stack of stacks) visit(stack, []);
  return ordered;
}

export type Step = 'init' | 'validate' | 'plan';

export interface StackOutcome {
  readonly stack: string;
  readonly status: 'planned' | 'validated' | 'failed' | 'skipped';
  /** Resources the plan would add (from "Plan: N to add"); undefined when no plan ran. */
  readonly toAdd?: number;
  readonly seconds: number;
  /** Skip reason, or the failed step. */
  readonly note?: string;
  /** Last lines of the failing command's output. */
  readonly tail?: string;
  /** The whole output of every step, in order. */
  readonly output: string;
}

export interface PlanOptions {
  /** Steps to run per stack, in order. Default: init, plan. */
  readonly steps?: readonly Step[];
  /** Stacks processed at once. Default 2 (each plan runs its own provider process). */
  readonly concurrency?: number;
  /** Extra environment for Terraform. */
  readonly env?: NodeJS.ProcessEnv;
  readonly onProgress?: (stack: string, message: string) => void;
  readonly onLog?: (stack: string, output: string) => void;
}

const STEP_ARGS: Record<Step, string[]> = {
  init: ['init', '-input=false', '-no-color'],
  validate: ['validate', '-no-color'],
  plan: ['plan', '-input=false', '-no-color', '-lock-timeout=60s'],
};

/**
 * Runs the steps on every plannable stack; a stack's dependencies and prerequisites finish before it starts, and a
 * stack whose prerequisite failed is skipped (its state has nowhere to go).
 */
export async function planStacks(
  stacks: readonly SynthesizedStack[],
  options: PlanOptions = {},
): Promise<StackOutcome[]> {
  const steps = options.steps ?? ['init', 'plan'];
  const env = terraformEnv(options.env);
  const done = new Map<string, Promise<StackOutcome>>();
  const queue = new Semaphore(options.concurrency ?? 2);

  const run = (stack: SynthesizedStack): Promise<StackOutcome> => {
    const existing = done.get(stack.name);
    if (existing) return existing;
    const promise = (async (): Promise<StackOutcome> => {
      if (stack.skipReason) {
        options.onProgress?.(stack.name, `skipped: ${stack.skipReason}`);
        return { stack: stack.name, status: 'skipped', seconds: 0, note: stack.skipReason, output: '' };
      }
      const prerequisites = await Promise.all(
        stacks.filter((other) => stack.prerequisites.includes(other.name)).map(run),
      );
      const failed = prerequisites.filter((outcome) => outcome.status === 'failed').map((outcome) => outcome.stack);
      const dependencies = stacks.filter((other) => stack.dependencies.includes(other.name));
      await Promise.all(dependencies.map(run));
      if (failed.length > 0) {
        const note = `${failed.join(', ')} failed, and this stack keeps its state in what ${failed.length > 1 ? 'they create' : 'it creates'}`;
        options.onProgress?.(stack.name, `skipped: ${note}`);
        return { stack: stack.name, status: 'skipped', seconds: 0, note, output: '' };
      }
      return queue.with(() => runSteps(stack, steps, env, options));
    })();
    done.set(stack.name, promise);
    return promise;
  };
  return Promise.all(stacks.map(run));
}

async function runSteps(
  stack: SynthesizedStack,
  steps: readonly Step[],
  env: NodeJS.ProcessEnv,
  options: PlanOptions,
): Promise<StackOutcome> {
  const started = Date.now();
  let output = '';
  let toAdd: number | undefined;
  for (const step of steps) {
    options.onProgress?.(stack.name, `${step}...`);
    const result = await runTerraform(STEP_ARGS[step], { cwd: stack.directory, env });
    output += `$ terraform ${STEP_ARGS[step].join(' ')}\n${result.stdout}${result.stderr}\n`;
    if (result.code !== 0) {
      options.onLog?.(stack.name, output);
      const seconds = (Date.now() - started) / 1000;
      options.onProgress?.(stack.name, `FAILED at ${step} (${seconds.toFixed(1)} s)`);
      const note = `${step} failed${step === 'init' ? explainInitFailure(output) : ''}`;
      return { stack: stack.name, status: 'failed', seconds, note, tail: lastLines(result), output };
    }
    if (step === 'plan') toAdd = resourcesToAdd(result.stdout);
  }
  options.onLog?.(stack.name, output);
  const seconds = (Date.now() - started) / 1000;
  const planned = steps.includes('plan');
  options.onProgress?.(
    stack.name,
    planned ? `planned: ${toAdd} to add (${seconds.toFixed(1)} s)` : `ok (${seconds.toFixed(1)} s)`,
  );
  return { stack: stack.name, status: planned ? 'planned' : 'validated', toAdd, seconds, output };
}

/**
 * What to do about a known `terraform init` failure, as `: <advice>`, or ''. A missing state bucket means the
 * account was not bootstrapped: the stack has no cdktf dependency on `state-backend` that would have said so.
 */
export function explainInitFailure(output: string): string {
  const missing = /S3 bucket "([^"]+)" does not exist/.exec(output);
  if (missing) {
    return `: state bucket ${missing[1]} does not exist; bootstrap the account first (\`npx cdktf deploy state-backend\`, README "Bootstrapping a real AWS account")`;
  }
  return '';
}

/** "Plan: 37 to add, 0 to change, 0 to destroy." → 37; "No changes." → 0. */
export function resourcesToAdd(planOutput: string): number | undefined {
  const match = /Plan: (\d+) to add/.exec(planOutput);
  if (match) return Number(match[1]);
  return /No changes\./.test(planOutput) ? 0 : undefined;
}

function lastLines(result: TerraformResult, count = 25): string {
  return `${result.stdout}${result.stderr}`.trimEnd().split('\n').slice(-count).join('\n');
}

class Semaphore {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly limit: number) {}

  /** Runs `task` when a slot is free; a finishing task hands its slot straight to the next waiter. */
  async with<T>(task: () => Promise<T>): Promise<T> {
    if (this.active < this.limit) this.active += 1;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active -= 1;
    }
  }
}
