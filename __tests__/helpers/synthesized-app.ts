/**
 * The shipped app, synthesized once per jest run by global-setup.ts: every stack's Terraform JSON and the manifest,
 * read from disk. Tests of the shipped environments read these; tests of config variants synthesize their own.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Template } from './template';

export const SYNTHESIZED_APP_ENV = 'JEST_SYNTHESIZED_APP';

/** Beside the stacks: what the guardrails pack found in the shipped app (written by global-setup.ts). */
export const GUARDRAILS_REPORT_FILE = 'guardrails.json';

export type ShippedGuardrailsReport = Array<{
  readonly stack: string;
  readonly findings: ReadonlyArray<{
    readonly rule: string;
    readonly severity: 'error' | 'warning';
    readonly path: string;
    readonly status: 'fail' | 'suppressed';
    readonly reason?: string;
  }>;
  readonly suppressionProblems: number;
}>;

/** The guardrails report of the shipped app. */
export function shippedGuardrailsReport(): ShippedGuardrailsReport {
  return JSON.parse(readFileSync(join(synthesizedAppDir(), GUARDRAILS_REPORT_FILE), 'utf8')) as ShippedGuardrailsReport;
}

/** The directory the app was synthesized into (cdktf.out's layout: manifest.json, stacks/<name>/cdk.tf.json). */
export function synthesizedAppDir(): string {
  const dir = process.env[SYNTHESIZED_APP_ENV];
  if (!dir) throw new Error(`${SYNTHESIZED_APP_ENV} is not set: run the tests through jest (global-setup.ts)`);
  return dir;
}

interface Manifest {
  readonly stacks: Record<string, { readonly synthesizedStackPath: string; readonly dependencies: string[] }>;
}

let manifestCache: Manifest | undefined;

export function manifest(): Manifest {
  manifestCache ??= JSON.parse(readFileSync(join(synthesizedAppDir(), 'manifest.json'), 'utf8')) as Manifest;
  return manifestCache;
}

/** Every synthesized stack's name, in manifest order. */
export function stackNames(): string[] {
  return Object.keys(manifest().stacks);
}

const templates = new Map<string, Template>();

/** The synthesized JSON of stack `name` as a Template. */
export function synthesizedStack(name: string): Template {
  const entry = manifest().stacks[name];
  if (!entry) throw new Error(`no stack ${name} in the synthesized app (stacks: ${stackNames().join(', ')})`);
  let template = templates.get(name);
  if (!template) {
    template = new Template(readFileSync(join(synthesizedAppDir(), entry.synthesizedStackPath), 'utf8'));
    templates.set(name, template);
  }
  return template;
}
