import type { App } from 'cdktf';
import { StateBackendStack } from '../backend/state-backend-stack';
import { blueprints } from './blueprints';
import type { LoadedConfig } from './config/load';
import { projectTags } from './stacks/blueprint-stack';
import { skipTokenStackTraces } from './token-stack-traces';

/**
 * Adds every stack to the app: the state backend first, then, for each environment, the stacks of every catalogue
 * blueprint whose section the environment configures.
 */
export function buildApp(app: App, config: LoadedConfig): App {
  skipTokenStackTraces();
  const { project, environments, target } = config;
  new StateBackendStack(app, {
    ...project.stateBackend,
    defaultTags: projectTags(project, 'shared', 'state-backend'),
    target,
  });
  for (const environment of environments) {
    for (const blueprint of blueprints) {
      const section = (environment as Record<string, unknown>)[blueprint.configKey];
      if (section !== undefined) blueprint.create(app, { project, environment, target, config: section });
    }
  }
  // Every other stack keeps its state in what the bootstrap stack creates, yet none depends on it in cdktf's sense:
  // the bucket is a prerequisite of `terraform init`, not a value a stack reads, and a cdktf dependency would make
  // `cdktf deploy <stack>` refuse to run without `state-backend`. The main job and CI take the bootstrap first
  // (scripts/lib/plan.ts `prerequisites`); a missing bucket fails `terraform init` with the runbook's words.
  return app;
}
