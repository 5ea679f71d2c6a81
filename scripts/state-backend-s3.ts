/**
 * `npm run state-backend:s3-backend`: gives the synthesized `state-backend` stack the S3 backend, in the bucket and
 * lock table that stack created, under `<keyPrefix>/state-backend/terraform.tfstate`, through a Terraform override
 * file beside its cdk.tf.json: `cdktf.out/stacks/state-backend/backend_override.tf.json` (an override's backend block
 * replaces the stack's `local` one). Then `terraform init -migrate-state` moves the bootstrap state into the bucket
 * (RUNBOOK.md, "Bootstrap a new account").
 *
 * The stack itself keeps declaring local state, because on a new account nothing exists yet to hold it; synth leaves
 * the override file alone, but a fresh checkout has none: run this after `npm run synth` before any terraform command
 * on `state-backend` once its state has moved. The backend is built like every other stack's (backend/remote-state.ts),
 * so STATE_BACKEND=sandbox points it at the sandbox.
 *
 * Options: `npm run state-backend:s3-backend -- --help` (scripts/lib/commands.ts).
 */
import { App, TerraformStack } from 'cdktf';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stateKey, useRemoteState } from '../backend/remote-state';
import { STATE_BACKEND_STACK } from '../backend/state-backend-stack';
import { ValidationError } from '../modules/core/validation';
import { loadConfig } from '../src/config/load';
import { readCommandLine } from './lib/cli';
import { STATE_BACKEND_S3 } from './lib/commands';

export const BACKEND_OVERRIDE_FILE = 'backend_override.tf.json';

function main(): number {
  const { values } = readCommandLine(STATE_BACKEND_S3);
  const stackDir = join(values.outdir, 'stacks', STATE_BACKEND_STACK);
  if (!existsSync(join(stackDir, 'cdk.tf.json'))) {
    console.error(`state-backend:s3-backend: no ${join(stackDir, 'cdk.tf.json')}: run \`npm run synth\` first`);
    return 1;
  }
  const { project, target } = loadConfig();
  const settings = project.stateBackend;

  // The backend block exactly as a blueprint stack gets it (sandbox endpoints, use_lockfile, assume_role included).
  const scratch = mkdtempSync(join(tmpdir(), 'state-backend-s3-'));
  let backend: unknown;
  try {
    const stack = new TerraformStack(new App({ outdir: scratch }), STATE_BACKEND_STACK);
    useRemoteState(stack, settings, target);
    backend = (stack.toTerraform() as { terraform: { backend: unknown } }).terraform.backend;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  const file = join(stackDir, BACKEND_OVERRIDE_FILE);
  writeFileSync(file, `${JSON.stringify({ terraform: { backend } }, null, 2)}\n`);
  const key = stateKey(settings.keyPrefix, STATE_BACKEND_STACK);
  console.log(`wrote ${file}: S3 backend s3://${settings.bucket}/${key}, lock table ${settings.lockTable}`);
  return 0;
}

try {
  process.exitCode = main();
} catch (error) {
  console.error(error instanceof ValidationError ? error.message : error);
  process.exitCode = 1;
}
