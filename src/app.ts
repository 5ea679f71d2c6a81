import type { App } from 'cdktf';
import { StateBackendStack } from '../backend/state-backend-stack';
import { blueprints } from './blueprints';
import type { LoadedConfig } from './config/load';
import { attachGuardrails } from './guardrails';
import { BlueprintStack, projectTags } from './stacks/blueprint-stack';
import { requireSelfContainedStacks } from './stacks/self-contained-stacks';
import { skipTokenStackTraces } from './token-stack-traces';

export interface BuildAppOptions {
  /** `enforce` (default): an unsuppressed guardrails error stops synth; `report`: findings are only collected. */
  readonly guardrails?: 'enforce' | 'report';
}

/**
 * Adds every stack to the app: the state backend first, then, for each environment, the stacks of every catalogue
 * blueprint whose section the environment configures. The guardrails pack checks every stack when the app is
 * synthesized (src/guardrails): an unsuppressed error stops synth.
 */
export function buildApp(app: App, config: LoadedConfig, options: BuildAppOptions = {}): App {
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
  // No stack reads another's values either, so synth skips cdktf's cross-stack pass (src/stacks/self-contained-stacks.ts).
  requireSelfContainedStacks(app);
  attachGuardrails(app, {
    mode: options.guardrails ?? 'enforce',
    // The state backend holds every environment's state: it gets production's rules.
    production: (stack) => (stack instanceof BlueprintStack ? stack.environment.production : true),
    suppressions: environments.flatMap((environment) =>
      (environment.guardrails?.suppressions ?? []).map((suppression, index) => ({
        ...suppression,
        source: `environments.${environment.name}.guardrails.suppressions[${index}]`,
      })),
    ),
  });
  return app;
}
