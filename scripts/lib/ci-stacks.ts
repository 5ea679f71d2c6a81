/**
 * What the GitHub Actions workflows do with each synthesized stack, computed from the cdktf output (manifest + each
 * stack's cdk.tf.json), never from a hand-written list: a new stack shows up in the plan and apply matrices by itself.
 *
 * CI plans and applies a stack when its state is remote (S3 backend) and CI can authenticate every provider it uses
 * ({@link CI_PROVIDERS}): GitHub's runners reach the Terraform registry, so every provider installs there, unlike on the
 * build machine where only hashicorp/aws is mirrored (the main job skips the others' stacks; CI does not). The
 * `state-backend` stack keeps local state by design, so an ephemeral runner would lose it: it is bootstrapped by
 * hand (RUNBOOK.md), never from CI.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SynthesizedStack } from './plan';

/**
 * Apply jobs in `.github/workflows/terraform-apply.yml` (`wave-1` ... `wave-N`). A job per wave because a GitHub
 * matrix cannot order its legs: wave k holds the stacks whose dependencies are all in waves < k, so every stack is
 * applied after the stacks it references while independent stacks (dev and prod, sibling blueprints) run in parallel.
 * `max-parallel: 1` over a topologically sorted matrix would also order them, but GitHub does not promise to start
 * legs in matrix order, and it would serialise every stack of every environment behind one another's approvals.
 */
export const APPLY_WAVE_JOBS = 4;

/** GitHub environment a stack's plan job runs in: `<env>-plan` (no reviewers; holds the read-only plan role). */
export const PLAN_ENVIRONMENT_SUFFIX = '-plan';

/** How CI's plan and apply jobs authenticate a provider. */
export interface CiProvider {
  /** What the jobs use, for people. */
  readonly credentials: string;
  /**
   * GitHub environment secrets the per-stack jobs (terraform-stacks.yml) pass to Terraform as environment variables of
   * the same name, for the stacks that use the provider. `npm run lint:workflows` checks they do.
   */
  readonly secrets: readonly string[];
}

/**
 * The providers CI can authenticate. A stack with any other provider is left out of CI with that reason (and
 * `npm run lint:workflows` reports it): add the provider here and its secrets to terraform-stacks.yml.
 */
export const CI_PROVIDERS: Readonly<Record<string, CiProvider>> = {
  'hashicorp/aws': { credentials: 'OIDC: vars.AWS_PLAN_ROLE_ARN (plan), vars.AWS_INFRA_ROLE_ARN (apply)', secrets: [] },
  'hashicorp/random': { credentials: 'none needed', secrets: [] },
  'mongodb/mongodbatlas': {
    // A read-only key in `<env>-plan`, a Project Owner key in `<env>` (RUNBOOK.md).
    credentials: 'an Atlas API key from the GitHub environment',
    secrets: ['MONGODB_ATLAS_PUBLIC_KEY', 'MONGODB_ATLAS_PRIVATE_KEY'],
  },
};

export interface CiStack {
  readonly stack: string;
  /** The configured environment the stack belongs to (a segment of its name), e.g. `dev`; none for `state-backend`. */
  readonly environment?: string;
  /** Region of the stack's default AWS provider, else of its S3 backend: the region the CI credentials are for. */
  readonly region?: string;
  /** The stack's working directory, as given (`cdktf.out/stacks/<stack>` when the outdir is `cdktf.out`). */
  readonly directory: string;
  /** Backend type from cdk.tf.json (`s3`, `local`). */
  readonly backend: string;
  /** Stacks it references (manifest order), all of them. */
  readonly dependencies: readonly string[];
  /** Providers as `namespace/type`. */
  readonly providers: readonly string[];
  /** Terraform can plan it on this machine (its providers are in the local mirror); CI installs every provider. */
  readonly plannable: boolean;
  /** The workflows plan and apply it. */
  readonly managed: boolean;
  /** Why the workflows leave it alone, when they do. */
  readonly reason?: string;
}

/** One leg of a `strategy.matrix` (`include` entry): what a plan or apply job needs about its stack. */
export interface MatrixEntry {
  readonly stack: string;
  readonly environment: string;
  readonly region: string;
  readonly directory: string;
  /** Managed stacks it references: applied in an earlier wave. */
  readonly dependencies: readonly string[];
  /** Its providers (`namespace/type`): the jobs pass a provider's secrets only to the stacks that use it. */
  readonly providers: readonly string[];
}

export interface Matrix {
  readonly include: readonly MatrixEntry[];
}

interface StackConfig {
  terraform?: { backend?: Record<string, { region?: string }> };
  provider?: Record<string, Array<{ alias?: string; region?: string }>>;
}

/**
 * Classifies every synthesized stack (kept in the given order: dependencies first). `environments` are the configured
 * environment names; a managed stack must carry exactly one of them as a segment of its name
 * (`<blueprint>-<env>[-<suffix>]`).
 */
export function classifyStacks(stacks: readonly SynthesizedStack[], environments: readonly string[]): CiStack[] {
  return stacks.map((stack): CiStack => {
    const config = JSON.parse(readFileSync(join(stack.directory, 'cdk.tf.json'), 'utf8')) as StackConfig;
    const { backend } = stack;
    const defaultAws = config.provider?.aws?.find((provider) => !provider.alias);
    const region = defaultAws?.region ?? config.terraform?.backend?.s3?.region;
    const matches = stack.name.split('-').filter((segment) => environments.includes(segment));
    const environment = matches.length === 1 ? matches[0] : undefined;

    let reason: string | undefined;
    if (backend !== 's3') {
      reason = `${backend} state: a CI runner would lose it; apply it by hand (RUNBOOK.md, "Bootstrap a new account")`;
    } else if (stack.providers.some((provider) => !CI_PROVIDERS[provider])) {
      const unknown = stack.providers.filter((provider) => !CI_PROVIDERS[provider]);
      reason =
        `provider ${unknown.join(', ')}: CI cannot authenticate it (add it to CI_PROVIDERS in ` +
        'scripts/lib/ci-stacks.ts and its secrets to .github/workflows/terraform-stacks.yml)';
    } else if (!environment) {
      reason =
        matches.length === 0
          ? `its name has no configured environment (${environments.join(', ')}) as a segment`
          : `its name has more than one environment segment (${matches.join(', ')})`;
    } else if (!region) {
      reason = 'no region in its AWS provider or S3 backend';
    }
    return {
      stack: stack.name,
      environment,
      region,
      directory: stack.directory,
      backend,
      dependencies: stack.dependencies,
      providers: stack.providers,
      plannable: !stack.skipReason,
      managed: reason === undefined,
      reason,
    };
  });
}

/** The matrix of every managed stack, in the given (dependency) order. */
export function planMatrix(stacks: readonly CiStack[]): Matrix {
  const managed = new Set(stacks.filter((s) => s.managed).map((s) => s.stack));
  return {
    include: stacks
      .filter((s) => s.managed)
      .map((s) => ({
        stack: s.stack,
        environment: s.environment as string,
        region: s.region as string,
        directory: s.directory,
        dependencies: s.dependencies.filter((d) => managed.has(d)),
        providers: s.providers,
      })),
  };
}

/**
 * The managed stacks grouped into apply waves: a stack's wave is one more than the latest wave of the managed stacks
 * it references (references to unmanaged stacks order nothing here). Wave 1 holds the stacks that reference no
 * managed stack. The bootstrap stack `state-backend` is in no wave: it holds no reference from the others (its bucket
 * is a prerequisite of their `terraform init`, not a value they read) and it is applied by hand before CI runs at all
 * (RUNBOOK.md); a plan job in an account without it fails at `terraform init` with the runbook's name for the fix.
 */
export function applyWaves(stacks: readonly CiStack[]): Matrix[] {
  const entries = planMatrix(stacks).include;
  const byName = new Map(entries.map((entry) => [entry.stack, entry]));
  const wave = new Map<string, number>();
  const waveOf = (entry: MatrixEntry, trail: readonly string[]): number => {
    const known = wave.get(entry.stack);
    if (known !== undefined) return known;
    if (trail.includes(entry.stack)) throw new Error(`stack dependency cycle: ${[...trail, entry.stack].join(' -> ')}`);
    const level =
      1 + Math.max(0, ...entry.dependencies.map((d) => waveOf(byName.get(d) as MatrixEntry, [...trail, entry.stack])));
    wave.set(entry.stack, level);
    return level;
  };
  const waves: MatrixEntry[][] = [];
  for (const entry of entries) (waves[waveOf(entry, []) - 1] ??= []).push(entry);
  return waves.map((include) => ({ include }));
}

export interface StackSelection {
  /** Keep only this stack (manual dispatch); it must be managed and belong to `environment` when both are given. */
  readonly stack?: string;
  /** Keep only this environment's stacks. */
  readonly environment?: string;
}

/** Narrows the stacks to a selection; throws an error that names the known choices when the selection is invalid. */
export function selectStacks(
  stacks: readonly CiStack[],
  selection: StackSelection,
  environments: readonly string[],
): CiStack[] {
  const { stack, environment } = selection;
  if (environment !== undefined && !environments.includes(environment)) {
    throw new Error(`unknown environment "${environment}"; configured: ${environments.join(', ')}`);
  }
  let selected = stacks.filter((s) => environment === undefined || s.environment === environment);
  if (stack !== undefined) {
    const found = stacks.find((s) => s.stack === stack);
    if (!found) {
      const known = stacks.filter((s) => s.managed).map((s) => s.stack);
      throw new Error(`unknown stack "${stack}"; the workflows can run: ${known.join(', ')}`);
    }
    if (!found.managed) throw new Error(`stack "${stack}" is not run from CI: ${found.reason}`);
    if (environment !== undefined && found.environment !== environment) {
      throw new Error(`stack "${stack}" belongs to environment "${found.environment}", not "${environment}"`);
    }
    selected = [found];
  }
  return selected;
}

/** Managed or not, the stacks that reference `stack` (for a destroy warning). */
export function dependentsOf(stacks: readonly CiStack[], stack: string): string[] {
  return stacks.filter((s) => s.dependencies.includes(stack)).map((s) => s.stack);
}

/** A Markdown table of what CI does with every stack (for `$GITHUB_STEP_SUMMARY`). */
export function stacksSummary(stacks: readonly CiStack[], waves: readonly Matrix[]): string {
  const waveOf = new Map(waves.flatMap((w, index) => w.include.map((e) => [e.stack, index + 1] as const)));
  const rows = stacks.map((s) => {
    const what = s.managed ? `plan + apply (wave ${waveOf.get(s.stack) ?? '-'})` : `not in CI: ${s.reason}`;
    return `| \`${s.stack}\` | ${s.environment ?? '-'} | ${s.region ?? '-'} | ${s.dependencies.join(', ') || '-'} | ${what} |`;
  });
  return [
    '### Stacks',
    '',
    '| stack | environment | region | references | in CI |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}
