/**
 * Real `terraform validate` and offline `terraform plan` of a module scenario: builds it in its own stack with a
 * sandbox-style AWS provider (fake credentials, skip flags) and a local backend in a temp dir, synthesizes, and runs the Terraform CLI
 * with the project's CLI config (aws provider from the filesystem mirror). For `*.tf.test.ts` files.
 */
import { App, TerraformStack } from 'cdktf';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAwsProvider } from '../../modules/core/aws-provider';
import { runTerraform, type TerraformResult } from '../../scripts/lib/terraform';

export interface TerraformCheck {
  /** Output of `terraform validate`. */
  readonly validate: string;
  /** Output of `terraform plan` (empty when `plan` was not asked for). */
  readonly plan: string;
  /** Resources the plan adds. */
  readonly toAdd: number;
}

/** Fails with Terraform's own output when a command exits non-zero. */
function ok(step: string, result: TerraformResult): string {
  if (result.code !== 0)
    throw new Error(`terraform ${step} failed (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

export async function checkWithTerraform(
  build: (stack: TerraformStack) => void,
  options: { readonly plan?: boolean; readonly region?: string } = {},
): Promise<TerraformCheck> {
  const outdir = mkdtempSync(join(tmpdir(), 'cdktf-check-'));
  try {
    const app = new App({ outdir });
    const stack = new TerraformStack(app, 'check');
    createAwsProvider(stack, 'aws', {
      region: options.region ?? 'us-east-1',
      target: { kind: 'sandbox', s3Endpoint: 'http://127.0.0.1:1', dynamodbEndpoint: 'http://127.0.0.1:1' },
    });
    build(stack);
    app.synth();
    const cwd = join(outdir, 'stacks', 'check');
    ok('init', await runTerraform(['init', '-no-color'], { cwd }));
    const validate = ok('validate', await runTerraform(['validate', '-no-color'], { cwd }));
    if (!options.plan) return { validate, plan: '', toAdd: 0 };
    const plan = ok('plan', await runTerraform(['plan', '-no-color', '-lock=false', '-refresh=false'], { cwd }));
    const toAdd = Number(/Plan: (\d+) to add/.exec(plan)?.[1] ?? 0);
    return { validate, plan, toAdd };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
