/**
 * The facts the workflow checks compare the workflows with: package.json's scripts, the configured environments and
 * the stacks the app synthesizes (synthesized for real, into a temporary directory, and read back from the manifest)
 * with what CI does with each (`classifyStacks`, as `npm run ci:stacks` computes it).
 */
import { App } from 'cdktf';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../../src/app';
import { loadConfig } from '../../src/config/load';
import { classifyStacks, type CiStack } from './ci-stacks';
import { readSynthesizedStacks } from './plan';
import { PROJECT_ROOT } from './terraform';
import type { ProjectFacts } from './workflow-check';

/**
 * The stacks the app synthesizes with the shipped configuration (AWS target), dependencies first, classified for CI:
 * read from `synthesized` (a directory the app was already synthesized into), or from a synth into a temporary
 * directory (their `directory` is gone afterwards).
 */
export function synthesizedCiStacks(environments: readonly string[], synthesized?: string): CiStack[] {
  if (synthesized) return classifyStacks(readSynthesizedStacks(synthesized), environments);
  const outdir = mkdtempSync(join(tmpdir(), 'aws-blueprints-synth-'));
  try {
    buildApp(new App({ outdir }), loadConfig({})).synth();
    return classifyStacks(readSynthesizedStacks(outdir), environments);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

export function projectFacts(synthesized?: string): ProjectFacts {
  const packageJson = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
    scripts?: Record<string, string>;
  };
  const environments = loadConfig({}).environments.map((environment) => environment.name);
  const ciStacks = synthesizedCiStacks(environments, synthesized);
  return {
    npmScripts: Object.keys(packageJson.scripts ?? {}),
    stacks: ciStacks.map((stack) => stack.stack),
    environments,
    ciStacks,
  };
}
