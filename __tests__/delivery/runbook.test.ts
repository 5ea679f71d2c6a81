/**
 * RUNBOOK.md against the project: it has every procedure the delivery issue asks for, its variables are the shipped
 * configuration's, and every npm script, stack, workflow and dispatch input it names exists. The procedures the
 * sandbox supports run for real in runbook.tf.test.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { stateKey } from '../../backend/remote-state';
import { projectFacts } from '../../scripts/lib/project-facts';
import { synthesizedAppDir } from '../helpers/synthesized-app';
import { PROJECT_ROOT } from '../../scripts/lib/terraform';
import { npmScriptsCalled, stacksNamed, type ProjectFacts } from '../../scripts/lib/workflow-check';
import { loadConfig } from '../../src/config/load';
import { readRunbook, runbookBlock, runbookBlocks } from './runbook-blocks';

let facts: ProjectFacts;
const runbook = readRunbook();

beforeAll(() => {
  facts = projectFacts(synthesizedAppDir());
});

it('has every procedure', () => {
  const headings = [...runbook.matchAll(/^## (.+)$/gm)].map((match) => match[1]);
  expect(headings).toEqual([
    'How CI runs the stacks',
    'Bootstrap a new account',
    'Add an environment',
    'A stuck lock',
    'Back up and restore a state',
    'Restore a previous state version from S3 versioning',
    'Recover a deleted stack',
    'Rotate the OIDC trust to a new repository',
    'Roll back a bad apply',
    'Restore serverless-web from the DR vault',
    'Fail over ecs-multiregion to the secondary region',
  ]);
});

it('runs the tested blocks, and only says "tested" where a block runs', () => {
  expect([...runbookBlocks().keys()]).toEqual([
    'variables',
    'bootstrap-move-state',
    'bootstrap-verify',
    'find-lock-holder',
    'force-unlock',
    'state-backup',
    'state-restore',
    'state-restore-force',
    'recover-state-from-backup',
  ]);
  const testSource = readFileSync(join(__dirname, 'runbook.tf.test.ts'), 'utf8');
  for (const name of runbookBlocks().keys()) {
    if (name !== 'variables') expect(testSource).toContain(`runBlock('${name}'`);
  }
  // The versioning procedures cannot run on s3rver and say so.
  expect(runbook).toContain('Not\ntested: the S3 emulator does not implement versioning');
});

it('sets its variables to the shipped state backend settings and key scheme', () => {
  const { stateBackend } = loadConfig({}).project;
  const variables = Object.fromEntries(
    runbookBlock('variables')
      .split('\n')
      .map((line) => /^(\w+)=(\S+)/.exec(line))
      .filter((match): match is RegExpExecArray => match !== null)
      .map((match) => [match[1], match[2]]),
  );
  expect(variables).toEqual({
    STACK: 'network-dev',
    BUCKET: stateBackend.bucket,
    TABLE: stateBackend.lockTable,
    KEY: stateKey(stateBackend.keyPrefix, '$STACK'),
  });
  expect(facts.stacks).toContain(variables.STACK);
});

it('names only npm scripts, stacks and workflows that exist', () => {
  for (const script of npmScriptsCalled(runbook)) expect(facts.npmScripts).toContain(script);
  expect(npmScriptsCalled(runbook)).toEqual(expect.arrayContaining(['state-backend:s3-backend', 'ci:trust-policy']));
  for (const stack of stacksNamed(runbook)) expect(facts.stacks).toContain(stack);
  for (const [, path] of runbook.matchAll(/`?(\.github\/workflows\/[\w.-]+\.yml)`?/g)) {
    expect(existsSync(join(PROJECT_ROOT, path as string))).toBe(true);
  }
});

it('dispatches terraform-deploy.yml only with inputs and choices it has', () => {
  const deploy = parse(readFileSync(join(PROJECT_ROOT, '.github', 'workflows', 'terraform-deploy.yml'), 'utf8')) as {
    on: { workflow_dispatch: { inputs: Record<string, { options?: string[] }> } };
  };
  const inputs = deploy.on.workflow_dispatch.inputs;
  const runs = [...runbook.matchAll(/gh workflow run terraform-deploy\.yml([^\n`]*)/g)];
  expect(runs.length).toBeGreaterThan(0);
  for (const [, args] of runs) {
    for (const [, name, value] of (args as string).matchAll(/-f ([\w-]+)=(\S+)/g)) {
      expect(Object.keys(inputs)).toContain(name);
      const options = inputs[name as string]?.options;
      if (options) expect(options).toContain(value);
    }
  }
});
