/**
 * The environment schema, assembled from the blueprint catalogue: the fields every environment has
 * (src/config/environment.ts) plus one optional section per blueprint. A section is resolved before it is
 * validated: the blueprint's defaults (the architecture document's values), then its named profile, then what the
 * environment file and CONFIG_OVERRIDES set. Checks that need the environment (subnets per AZ, production guards)
 * run on the resolved sections, so every error is raised before any construct exists.
 */
import { z } from 'zod';
import { blueprints, type Catalogue } from '../blueprints';
import type { Blueprint, SectionInput } from '../blueprints/blueprint';
import {
  baseEnvironmentSchema,
  baseEnvironmentShape,
  DEFAULT_AVAILABILITY_ZONES,
  type BaseEnvironmentConfig,
} from './environment';
import { isPlainObject, mergeLayers } from './merge';

export { projectSchema, stateBackendSchema, type ProjectConfig, type StateBackendConfig } from './project-schema';
export type { NetworkConfig } from './network-schema';
export type { BaseEnvironmentConfig } from './environment';

type CatalogueEntry = Catalogue[number];
type Sections = { [B in CatalogueEntry as B['configKey']]?: z.output<B['schema']> };

/** A resolved, validated environment: the common fields and the sections of the blueprints it deploys. */
export type EnvironmentConfig = BaseEnvironmentConfig & Sections;

/** What an environment file holds: the common fields and, per blueprint, only what differs from its defaults. */
export type EnvironmentInput = Omit<z.input<typeof baseEnvironmentSchema>, 'availabilityZones' | 'tags'> & {
  readonly availabilityZones?: Readonly<Record<string, readonly string[]>>;
  readonly tags?: Readonly<Record<string, string>>;
} & { readonly [B in CatalogueEntry as B['configKey']]?: SectionInput<B> };

/** The section as the blueprint's schema sees it: defaults ← profile ← what the environment sets. */
export function resolveSection(blueprint: Blueprint, raw: unknown, environment: Record<string, unknown>): unknown {
  if (!isPlainObject(raw)) return raw;
  const identity = { name: String(environment.name ?? ''), production: environment.production === true };
  const defaults = blueprint.defaults(identity) as Record<string, unknown>;
  const profileName = raw.profile ?? defaults.profile;
  // An unknown profile adds nothing here; the schema rejects it with its path.
  const profile = typeof profileName === 'string' ? blueprint.profiles?.[profileName] : undefined;
  return mergeLayers(mergeLayers(defaults, profile ?? {}), raw);
}

/** Defaults under an environment's own values: AZs per region and empty tags. */
export function resolveEnvironment(raw: unknown): unknown {
  if (!isPlainObject(raw)) return raw;
  const resolved: Record<string, unknown> = {
    ...raw,
    availabilityZones: mergeLayers(DEFAULT_AVAILABILITY_ZONES, raw.availabilityZones),
    tags: raw.tags ?? {},
  };
  for (const blueprint of blueprints) {
    const section = raw[blueprint.configKey];
    if (section !== undefined) resolved[blueprint.configKey] = resolveSection(blueprint, section, raw);
  }
  return resolved;
}

const sectionShape = Object.fromEntries(
  blueprints.map((blueprint) => [blueprint.configKey, blueprint.schema.optional()]),
);

export const environmentSchema = z.preprocess(
  resolveEnvironment,
  z
    .object({ ...baseEnvironmentShape, ...sectionShape })
    .strict()
    .superRefine((env, ctx) => {
      const environment = env as EnvironmentConfig;
      for (const [region, zones] of Object.entries(environment.availabilityZones)) {
        zones.forEach((az, index) => {
          const path = ['availabilityZones', region, index];
          if (!az.startsWith(region)) ctx.addIssue({ code: 'custom', path, message: `is not in region ${region}` });
          if (zones.indexOf(az) !== index) ctx.addIssue({ code: 'custom', path, message: 'is listed more than once' });
        });
      }
      if (!environment.availabilityZones[environment.region]) {
        const message = `has no entry for the environment's region ${environment.region}`;
        ctx.addIssue({ code: 'custom', path: ['availabilityZones'], message });
      }
      for (const blueprint of blueprints) {
        const section = (env as Record<string, unknown>)[blueprint.configKey];
        if (section === undefined) continue;
        for (const region of blueprint.regions?.(section, environment) ?? [environment.region]) {
          // The environment's own region is reported once, above.
          if (environment.availabilityZones[region] || region === environment.region) continue;
          const message = `has no entry for ${region}, where ${blueprint.name} puts a stack`;
          ctx.addIssue({ code: 'custom', path: ['availabilityZones', region], message });
        }
        if (!environment.availabilityZones[environment.region]) continue;
        for (const issue of blueprint.check?.(section, environment) ?? []) {
          ctx.addIssue({ code: 'custom', path: [blueprint.configKey, ...issue.path], message: issue.message });
        }
      }
    }),
) as unknown as z.ZodType<EnvironmentConfig, z.ZodTypeDef, EnvironmentInput>;
