/**
 * What a blueprint package provides to the catalogue: its name and config key, its section's schema with the
 * architecture document's values as defaults (and named profiles where the document gives per-environment values),
 * the checks that need the environment, and `create`, which adds its stacks for one environment.
 */
import type { Construct } from 'constructs';
import type { z } from 'zod';
import type { DeploymentTarget } from '../../modules/core/deployment-target';
import type { BaseEnvironmentConfig, EnvironmentIdentity } from '../config/environment';
import type { DeepPartial } from '../config/merge';
import type { ProjectConfig } from '../config/project-schema';

export interface BlueprintContext<TConfig> {
  readonly project: ProjectConfig;
  readonly environment: BaseEnvironmentConfig;
  readonly target: DeploymentTarget;
  /** The environment's resolved section of this blueprint. */
  readonly config: TConfig;
}

/** A problem found by a blueprint's environment-aware check, at `path` relative to its section. */
export interface SectionIssue {
  readonly path: ReadonlyArray<string | number>;
  readonly message: string;
}

/** A resource an account holds once (the GitHub OIDC provider): at most one environment per account may create it. */
export interface AccountSingleton {
  /** What it is, as a user reads it: `the GitHub OIDC provider`. */
  readonly resource: string;
  /** The section setting that makes this environment create it. */
  readonly path: ReadonlyArray<string | number>;
}

export interface Blueprint<TKey extends string = string, TSchema extends z.ZodTypeAny = z.ZodTypeAny> {
  /** Stack-name prefix and `blueprint` tag: `ecs-fullstack`. */
  readonly name: string;
  /** The environment key of its section: `ecsFullstack`. An environment without the section has none of its stacks. */
  readonly configKey: TKey;
  readonly description: string;
  readonly schema: TSchema;
  /** The document's values, stated once; may depend on the environment's name and production flag. */
  readonly defaults: (environment: EnvironmentIdentity) => z.input<TSchema>;
  /** Named sets of values over the defaults (`profile: "prod"` in the section; the defaults name the default one). */
  readonly profiles?: Readonly<Record<string, DeepPartial<z.input<TSchema>>>>;
  /** Checks that need the environment (AZ count, production guards), on the resolved section. */
  readonly check?: (config: z.output<TSchema>, environment: BaseEnvironmentConfig) => SectionIssue[];
  /** Account-level resources this environment's section creates. */
  readonly accountSingletons?: (config: z.output<TSchema>) => AccountSingleton[];
  /** The regions its stacks use (each needs availabilityZones). Default: the environment's region. */
  readonly regions?: (config: z.output<TSchema>, environment: BaseEnvironmentConfig) => string[];
  readonly create: (scope: Construct, context: BlueprintContext<z.output<TSchema>>) => void;
}

/** Declares a catalogue entry with its types inferred from the schema. */
export function defineBlueprint<TKey extends string, TSchema extends z.ZodTypeAny>(
  blueprint: Blueprint<TKey, TSchema>,
): Blueprint<TKey, TSchema> {
  return blueprint;
}

/** What an environment file writes in a section: any part of it, and the profile. */
export type SectionInput<B> =
  B extends Blueprint<string, infer S> ? DeepPartial<z.input<S>> & { readonly profile?: string } : never;
