/**
 * The facts the workflow checks compare the workflows with: package.json's scripts, the configured environments and
 * the stacks the app synthesizes (synthesized for real, into a temporary directory, and read back from the manifest).
 */
import { App } from 'cdktf';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../../src/app';
import { loadConfig } from '../../src/config/load';
import { readSynthesizedStacks } from './plan';
import { PROJECT_ROOT } from './terraform';
import type { ProjectFacts } from './workflow-check';

/**
 * Names of the stacks the app synthesizes with the shipped configuration (AWS target), dependencies first: read from
 * `synthesized` (a directory the app was already synthesized into), or from a synth into a temporary directory.
 */
export function synthesizedStackNames(synthesized?: string): string[] {
  if (synthesized) return readSynthesizedStacks(synthesized).map((stack) => stack.name);
  const outdir = mkdtempSync(join(tmpdir(), 'aws-blueprints-synth-'));
  try {
    buildApp(new App({ outdir }), loadConfig({})).synth();
    return readSynthesizedStacks(outdir).map((stack) => stack.name);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

export function projectFacts(synthesized?: string): ProjectFacts {
  const packageJson = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
    scripts?: Record<string, string>;
  };
  const config = loadConfig({});
  return {
    npmScripts: Object.keys(packageJson.scripts ?? {}),
    stacks: synthesizedStackNames(synthesized),
    environments: config.environments.map((environment) => environment.name),
  };
}
