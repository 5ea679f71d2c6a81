import { TerraformStack, type App } from 'cdktf';
import { StateBackendStack } from '../backend/state-backend-stack';
import { blueprints } from './blueprints';
import type { LoadedConfig } from './config/load';
import { projectTags } from './stacks/blueprint-stack';

/**
 * Adds every stack to the app: the state backend first, then, for each environment, the stacks of every catalogue
 * blueprint whose section the environment configures.
 */
export function buildApp(app: App, config: LoadedConfig): App {
  const { project, environments, target } = config;
  const stateBackend = new StateBackendStack(app, {
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
  // Every other stack keeps its state in what the bootstrap stack creates: `cdktf deploy '*'` and the main job
  // take it first.
  for (const stack of app.node.children) {
    if (stack instanceof TerraformStack && stack !== stateBackend) stack.addDependency(stateBackend);
  }
  return app;
}
