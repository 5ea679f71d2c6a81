/**
 * The GitHub Actions workflows against the project: the rules of scripts/lib/workflow-check.ts and actionlint on the
 * real workflows (no problem) and on a deliberately broken fixture (exactly the expected problems), then the shape the
 * delivery design relies on: computed matrices, apply waves in dependency order, per-stack concurrency, GitHub
 * environments per role, and trust policies that match those environments.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { APPLY_WAVE_JOBS, CI_PROVIDERS, PLAN_ENVIRONMENT_SUFFIX } from '../../scripts/lib/ci-stacks';
import { ciTrustPolicy, githubEnvironment } from '../../scripts/lib/ci-trust-policy';
import { projectFacts } from '../../scripts/lib/project-facts';
import { synthesizedAppDir } from '../helpers/synthesized-app';
import { PROJECT_ROOT } from '../../scripts/lib/terraform';
import {
  actionlintProblems,
  checkCiCoverage,
  checkWorkflows,
  npmScriptsCalled,
  readWorkflowFiles,
  stacksNamed,
  type ProjectFacts,
  type WorkflowFile,
} from '../../scripts/lib/workflow-check';

const WORKFLOWS_DIR = join(PROJECT_ROOT, '.github', 'workflows');
const FIXTURE_DIR = join(__dirname, 'fixtures', 'broken-workflows');
const FIXTURE_PREFIX = '__tests__/delivery/fixtures/broken-workflows';

interface Job {
  env?: Record<string, string>;
  permissions?: Record<string, string>;
  environment?: string;
  concurrency?: { group: string; 'cancel-in-progress': boolean };
  strategy?: { matrix: unknown; 'fail-fast'?: boolean };
  needs?: string | string[];
  if?: string;
  uses?: string;
  with?: Record<string, string>;
  outputs?: Record<string, string>;
  steps?: { uses?: string; run?: string; with?: Record<string, string> }[];
}
interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<string, Job>;
}

let facts: ProjectFacts;
let files: WorkflowFile[];

beforeAll(() => {
  facts = projectFacts(synthesizedAppDir());
  files = readWorkflowFiles(WORKFLOWS_DIR);
});

const workflow = (name: string): Workflow =>
  parse(readFileSync(join(WORKFLOWS_DIR, name), 'utf8'), { merge: false }) as Workflow;
const runs = (job: Job): string => (job.steps ?? []).map((step) => step.run ?? '').join('\n');

describe('the project workflows', () => {
  it('are the four delivery workflows and the ecs-service release, and parse', () => {
    expect(files.map((file) => file.path)).toEqual([
      '.github/workflows/ecs-service-deploy.yml',
      '.github/workflows/terraform-apply.yml',
      '.github/workflows/terraform-deploy.yml',
      '.github/workflows/terraform-pr.yml',
      '.github/workflows/terraform-stacks.yml',
    ]);
  });

  it('pass every project check: npm scripts, stacks, environments, OIDC only, permissions, pinned actions', () => {
    expect(checkWorkflows(files, facts)).toEqual([]);
  });

  it('pass actionlint', async () => {
    expect(await actionlintProblems(files)).toEqual([]);
  });

  it('pull request: checks, then a plan per stack from the computed matrix, then one comment', () => {
    const pr = workflow('terraform-pr.yml');
    expect(Object.keys(pr.on)).toEqual(['pull_request']);
    const checks = pr.jobs.checks as Job;
    const script = runs(checks);
    for (const command of [
      'npm ci',
      'npm run lint',
      'npm run typecheck',
      'npm run test:unit',
      'npm run synth',
      'npm run --silent ci:stacks',
      'validate',
    ]) {
      expect(script).toContain(command);
    }
    expect(checks.outputs?.matrix).toBe('${{ steps.stacks.outputs.matrix }}');
    expect(pr.jobs.plan).toMatchObject({
      needs: 'checks',
      uses: './.github/workflows/terraform-stacks.yml',
      with: { stacks: '${{ needs.checks.outputs.matrix }}', action: 'plan' },
      permissions: { 'id-token': 'write' },
    });
    expect(pr.jobs.comment?.permissions).toEqual({ 'pull-requests': 'write' });
  });

  it('push to main: apply waves chained in order, each fed its own wave from the computed stacks', () => {
    const apply = workflow('terraform-apply.yml');
    expect(apply.on.push).toMatchObject({ branches: ['main'] });
    const waves = Object.keys(apply.jobs).filter((name) => name.startsWith('wave-'));
    expect(waves).toEqual(Array.from({ length: APPLY_WAVE_JOBS }, (_, i) => `wave-${i + 1}`));
    waves.forEach((name, index) => {
      const job = apply.jobs[name] as Job;
      expect(job.needs).toEqual(index === 0 ? 'stacks' : ['stacks', `wave-${index}`]);
      expect(job.if).toBe(`fromJSON(needs.stacks.outputs.wave-count) >= ${index + 1}`);
      expect(job.uses).toBe('./.github/workflows/terraform-stacks.yml');
      expect(job.with).toEqual({ stacks: `\${{ needs.stacks.outputs.${name} }}`, action: 'apply' });
      expect(apply.jobs.stacks?.outputs?.[name]).toBe(`\${{ steps.stacks.outputs.${name} }}`);
    });
  });

  it('manual dispatch: plan, apply or destroy of one stack of a configured environment', () => {
    const deploy = workflow('terraform-deploy.yml');
    const inputs = (deploy.on.workflow_dispatch as { inputs: Record<string, { options?: string[]; type: string }> })
      .inputs;
    expect(inputs.action?.options).toEqual(['plan', 'apply', 'destroy']);
    expect(inputs.environment?.options).toEqual(facts.environments);
    expect(inputs.stack?.type).toBe('string');
    expect(runs(deploy.jobs.stack as Job)).toContain('ci:stacks -- --environment "$ENVIRONMENT" --stack "$STACK"');
    expect(deploy.jobs.terraform).toMatchObject({
      uses: './.github/workflows/terraform-stacks.yml',
      with: { stacks: '${{ needs.stack.outputs.matrix }}', action: '${{ inputs.action }}' },
    });
  });

  it('per stack: plan in <env>-plan with the plan role, apply in <env> with the infra role, one state at a time', () => {
    const stacks = workflow('terraform-stacks.yml');
    const plan = stacks.jobs.plan as Job;
    const apply = stacks.jobs.apply as Job;
    expect(plan.strategy?.matrix).toBe('${{ fromJSON(inputs.stacks) }}');
    expect(plan.environment).toBe(`\${{ matrix.environment }}${PLAN_ENVIRONMENT_SUFFIX}`);
    expect(apply.environment).toBe('${{ matrix.environment }}');
    const role = (job: Job) =>
      job.steps?.find((step) => step.uses?.startsWith('aws-actions/configure-aws-credentials@'))?.with;
    expect(role(plan)).toMatchObject({ 'role-to-assume': '${{ vars.AWS_PLAN_ROLE_ARN }}' });
    expect(role(apply)).toMatchObject({ 'role-to-assume': '${{ vars.AWS_INFRA_ROLE_ARN }}' });
    expect(apply.concurrency).toEqual({ group: 'terraform-state-${{ matrix.stack }}', 'cancel-in-progress': false });
    expect(plan.concurrency?.group).toContain("format('terraform-state-{0}', matrix.stack)");
    expect(apply.strategy?.['fail-fast']).toBe(false);
    // The apply applies the saved plan, nothing else.
    expect(runs(apply)).toContain('apply -input=false -no-color -lock-timeout=10m tfplan');
    expect(runs(apply)).not.toContain('-auto-approve');
  });

  it("pass each provider's secrets to the per-stack plan and apply jobs, only for the stacks that use it", () => {
    const stacks = workflow('terraform-stacks.yml');
    const providerSecrets = Object.entries(CI_PROVIDERS).flatMap(([provider, { secrets }]) =>
      secrets.map((secret) => [provider, secret] as const),
    );
    expect(providerSecrets.map(([, secret]) => secret)).toEqual([
      'MONGODB_ATLAS_PUBLIC_KEY',
      'MONGODB_ATLAS_PRIVATE_KEY',
    ]);
    for (const job of [stacks.jobs.plan, stacks.jobs.apply] as Job[]) {
      for (const [provider, secret] of providerSecrets) {
        expect(job.env?.[secret]).toBe(`\${{ contains(matrix.providers, '${provider}') && secrets.${secret} || '' }}`);
      }
    }
  });

  it("plan with the self-signed certificate variables from the plan environment's secrets", () => {
    const steps = (workflow('terraform-stacks.yml').jobs.plan as Job).steps as Array<{
      name?: string;
      env?: Record<string, string>;
    }>;
    const step = steps.find((candidate) => candidate.name === 'terraform plan');
    expect(step?.env).toEqual({
      TF_VAR_certificate_private_key_pem: '${{ secrets.CERTIFICATE_PRIVATE_KEY_PEM }}',
      TF_VAR_certificate_body_pem: '${{ secrets.CERTIFICATE_BODY_PEM }}',
    });
  });

  it("ecs-service release: reusable, synth, then in the trusted GitHub environment the seed's deployment flow", () => {
    const release = workflow('ecs-service-deploy.yml');
    expect(Object.keys(release.on)).toEqual(['workflow_call']);
    const { synth, deploy } = release.jobs as { synth: Job; deploy: Job };
    expect(synth.permissions).toEqual({ contents: 'read' });
    expect(deploy.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
    expect(deploy.needs).toBe('synth');
    // The environment the deploy role trusts comes from config (prod: its GitHub environment; dev: none).
    expect(runs(synth)).toContain('.environment.ecsService.github.environments[0]');
    expect(deploy.environment).toBe('${{ needs.synth.outputs.github-environment }}');
    expect(deploy.concurrency).toEqual({
      group: 'terraform-state-${{ needs.synth.outputs.stack }}',
      'cancel-in-progress': false,
    });
    const credentials = deploy.steps?.find((step) => step.uses?.startsWith('aws-actions/configure-aws-credentials@'));
    expect(credentials?.with).toMatchObject({ 'role-to-assume': '${{ vars.ECS_SERVICE_DEPLOY_ROLE_ARN }}' });
    // Checkout, assume the role, init + plan, build + push, apply, release, wait for the service, smoke test.
    const script = runs(deploy);
    const order = [
      'terraform -chdir="$STACK_DIR" init',
      'terraform -chdir="$STACK_DIR" plan',
      'docker push',
      'terraform -chdir="$STACK_DIR" apply -input=false -no-color -lock-timeout=10m tfplan',
      'aws ecs register-task-definition',
      'aws ecs update-service',
      'aws ecs wait services-stable',
      'curl "${args[@]}"',
    ].map((command) => script.indexOf(command));
    expect(order.every((position) => position >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // The deploy role applies only what it may: a plan that changes anything but the task definition stops here.
    expect(script).toContain('select(.type != "aws_ecs_task_definition")');
    expect(script).not.toContain('-auto-approve');
  });

  it('never name state-backend: CI does not run it', () => {
    for (const file of files) expect(file.text).not.toMatch(/--stack[= ]+state-backend|stacks\/state-backend/);
  });
});

describe('CI coverage of the synthesized stacks (checkCiCoverage)', () => {
  const replaceIn = (name: string, change: (text: string) => string): WorkflowFile[] =>
    files.map((file) => (file.path.endsWith(`/${name}`) ? { ...file, text: change(file.text) } : file));

  it("finds every synthesized stack planned and applied, in enough waves, with its providers' secrets", () => {
    expect(checkCiCoverage(files, facts)).toEqual([]);
    expect(facts.ciStacks.filter((stack) => !stack.managed).map((stack) => stack.stack)).toEqual(['state-backend']);
  });

  it('reports a synthesized stack that no workflow delivers, with the reason', () => {
    const uncovered = {
      ...facts.ciStacks.find((stack) => stack.stack === 'network-dev')!,
      stack: 'network-dev-certs',
      providers: ['hashicorp/aws', 'hashicorp/tls'],
      managed: false,
      reason: 'provider hashicorp/tls: CI cannot authenticate it',
    };
    expect(checkCiCoverage(files, { ...facts, ciStacks: [...facts.ciStacks, uncovered] })).toEqual([
      {
        file: '.github/workflows/terraform-apply.yml',
        message:
          'stack `network-dev-certs` is synthesized but no workflow plans or applies it: provider hashicorp/tls: ' +
          'CI cannot authenticate it',
      },
    ]);
  });

  it('reports per-stack jobs that do not pass the Atlas key the Atlas stacks need', () => {
    const withoutKey = replaceIn('terraform-stacks.yml', (text) =>
      text.replace(/^ +MONGODB_ATLAS_PRIVATE_KEY: .*\n/gm, ''),
    );
    const atlas = facts.ciStacks.filter((stack) => stack.providers.includes('mongodb/mongodbatlas'));
    const message =
      'plans or applies stacks without `secrets.MONGODB_ATLAS_PRIVATE_KEY`, which mongodb/mongodbatlas needs ' +
      `(${atlas.map((stack) => stack.stack).join(', ')})`;
    expect(checkCiCoverage(withoutKey, facts)).toEqual([
      { file: '.github/workflows/terraform-stacks.yml', job: 'plan', message },
      { file: '.github/workflows/terraform-stacks.yml', job: 'apply', message },
    ]);
  });

  it('reports an apply workflow with fewer wave jobs than the stacks need', () => {
    const oneWave = replaceIn('terraform-apply.yml', (text) => text.slice(0, text.indexOf('\n  wave-2:') + 1));
    expect(checkCiCoverage(oneWave, facts)).toEqual([
      {
        file: '.github/workflows/terraform-apply.yml',
        message: 'the stacks need 2 apply waves but there are 1 wave jobs',
      },
      {
        file: '.github/workflows/terraform-apply.yml',
        message: `has 1 wave jobs but ci:stacks writes ${APPLY_WAVE_JOBS} (APPLY_WAVE_JOBS in scripts/lib/ci-stacks.ts)`,
      },
    ]);
  });
});

describe('a broken workflow', () => {
  it('fails the checks with every problem it has, and actionlint finds its dangling `needs`', async () => {
    const broken = readWorkflowFiles(FIXTURE_DIR, FIXTURE_PREFIX);
    const file = `${FIXTURE_PREFIX}/broken.yml`;
    const oidc = 'use OIDC (aws-actions/configure-aws-credentials, role-to-assume)';
    expect(checkWorkflows(broken, facts)).toEqual([
      { file, message: 'top-level `permissions` must be `{}`: every job declares the least it needs' },
      {
        file,
        message: expect.stringMatching(
          /^dispatch input `environment` offers unconfigured qa: update .*src\/config\/environments\/index\.ts$/,
        ),
      },
      {
        file,
        message: expect.stringMatching(
          /^dispatch input `environment` does not offer configured staging, prod: update on\.workflow_dispatch\.inputs\.environment\.options in this file/,
        ),
      },
      { file, message: 'dispatch input `stack` offers `network-qa`, which is not synthesized' },
      { file, message: `long-lived AWS key \`AWS_SECRET_ACCESS_KEY\`: ${oidc}` },
      {
        file,
        job: 'missing-script',
        message:
          'step 1 (actions/checkout): `actions/checkout@v4` is not pinned to a full commit SHA or an exact version',
      },
      {
        file,
        job: 'missing-script',
        message: 'step 2 calls `npm run deploy-everything`, which package.json does not have',
      },
      { file, job: 'static-keys', message: `long-lived AWS key \`aws-access-key-id\`: ${oidc}` },
      { file, job: 'static-keys', message: `long-lived AWS key \`secrets.AWS_ACCESS_KEY_ID\`: ${oidc}` },
      { file, job: 'static-keys', message: `long-lived AWS key \`aws-secret-access-key\`: ${oidc}` },
      { file, job: 'static-keys', message: `long-lived AWS key \`secrets.AWS_SECRET_ACCESS_KEY\`: ${oidc}` },
      { file, job: 'static-keys', message: 'touches AWS without `permissions: id-token: write` (OIDC)' },
      {
        file,
        job: 'static-keys',
        message:
          'step 1 "Static credentials": assume a role by OIDC with `role-to-assume: ${{ vars.<NAME> }}` (got none)',
      },
      { file, job: 'static-keys', message: 'names stack `network-qa2`, which the app does not synthesize' },
      { file, job: 'keys-in-env', message: `long-lived AWS key \`AWS_ACCESS_KEY_ID\`: ${oidc}` },
      { file, job: 'keys-in-env', message: 'step 1 touches AWS before aws-actions/configure-aws-credentials' },
      { file, job: 'no-permissions', message: 'no `permissions`: declare the least the job needs (`{}` for none)' },
      { file, job: 'needless-token', message: '`id-token: write` on a job that does not touch AWS' },
      { file, job: 'calls-missing', message: 'calls ./.github/workflows/missing.yml, which is not a workflow here' },
    ]);
    expect(await actionlintProblems(broken)).toEqual([
      {
        file,
        message:
          'actionlint 55:3: job "no-permissions" needs job "does-not-exist" which does not exist in this workflow [job-needs]',
      },
    ]);
  });

  it('that does not parse is reported, not thrown', () => {
    const problems = checkWorkflows([{ path: 'bad.yml', text: 'jobs:\n  a: [unclosed\n' }], facts);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toMatch(/^YAML: /);
    expect(checkWorkflows([{ path: 'empty.yml', text: 'name: x\n' }], facts)).toEqual([
      { file: 'empty.yml', message: 'not a workflow: no `jobs` mapping' },
    ]);
  });
});

describe('what a script names', () => {
  it.each([
    ['npm ci && npm run lint', ['lint']],
    ['npm run --silent ci:stacks -- --stack x', ['ci:stacks']],
    ['npm test; npm start', ['test', 'start']],
    ['npx jest && npm install', []],
    ['npm run-script build \\\n  --if-present', ['build']],
  ])('%s → %j', (script, expected) => {
    expect(npmScriptsCalled(script)).toEqual(expected);
  });

  it('finds literal stack names, not variables', () => {
    expect(
      stacksNamed('terraform -chdir=cdktf.out/stacks/network-dev plan; --stack "$STACK" --stack ecs-fullstack-prod'),
    ).toEqual(['network-dev', 'ecs-fullstack-prod']);
    expect(stacksNamed('terraform -chdir="$STACK_DIR" init; cdktf.out/stacks/$STACK')).toEqual([]);
  });
});

describe('CI role trust policies', () => {
  it('trust exactly the GitHub environment the workflow job runs in, for one repository', () => {
    const plan = ciTrustPolicy({
      accountId: '123456789012',
      repository: 'acme/infra',
      environment: 'prod',
      role: 'plan',
    });
    expect(plan).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'GitHubActionsOidc',
          Effect: 'Allow',
          Principal: { Federated: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com' },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: {
            StringEquals: {
              'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
              'token.actions.githubusercontent.com:sub': 'repo:acme/infra:environment:prod-plan',
            },
          },
        },
      ],
    });
    // The environments the jobs declare, evaluated for prod, are those the policies trust.
    const stacks = workflow('terraform-stacks.yml');
    const evaluate = (expression: string | undefined) => expression?.replace('${{ matrix.environment }}', 'prod');
    expect(evaluate(stacks.jobs.plan?.environment)).toBe(githubEnvironment('prod', 'plan'));
    expect(evaluate(stacks.jobs.apply?.environment)).toBe(githubEnvironment('prod', 'apply'));
  });

  it('refuse a wildcard repository and a malformed account', () => {
    expect(() =>
      ciTrustPolicy({ accountId: '123456789012', repository: 'acme/*', environment: 'dev', role: 'apply' }),
    ).toThrow('repository must be owner/name without wildcards (got "acme/*")');
    expect(() =>
      ciTrustPolicy({ accountId: '1234', repository: 'acme/infra', environment: 'dev', role: 'apply' }),
    ).toThrow('account id must be 12 digits (got "1234")');
  });
});
