/**
 * What every environment has, whichever blueprints it deploys: its name, whether production guards apply, the
 * account, the default region and the availability zones of every region its stacks use. The blueprint sections are
 * added to this from the catalogue (src/config/schema.ts).
 */
import { z } from 'zod';
import { checkSuppression } from '../guardrails/suppressions';
import { accountId, availabilityZone, email, region, userTags } from './fields';

/** A guardrails suppression in config: the rule, the construct path it covers (stack name first), and why. */
const guardrailsSuppression = z
  .object({ rule: z.string(), path: z.string().min(1), reason: z.string() })
  .strict()
  .superRefine((suppression, ctx) => {
    const problem = checkSuppression(suppression);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** AZs per region: configuration, not a data source, so every stack plans offline. Regions the blueprints use. */
export const DEFAULT_AVAILABILITY_ZONES: Readonly<Record<string, readonly string[]>> = {
  'us-east-1': ['us-east-1a', 'us-east-1b'],
  'us-west-2': ['us-west-2a', 'us-west-2b'],
};

export const baseEnvironmentShape = {
  /** Short name used in stack names (`<blueprint>-<name>`) and the `environment` tag. */
  name: z.string().regex(/^[a-z][a-z0-9]{1,15}$/, 'must be 2-16 lowercase letters and digits, starting with a letter'),
  /** Production guards and production defaults apply (deletion protection, longer retention, no SSH from anywhere). */
  production: z.boolean(),
  accountId,
  /** The region of the environment's stacks unless a blueprint puts a stack elsewhere (a second region, DR). */
  region,
  /**
   * AZs per region, keyed by region; every region a stack of this environment uses needs an entry. Default: the two
   * first AZs of us-east-1 and us-west-2. An environment's entries are merged over the defaults.
   */
  availabilityZones: z.record(region, z.array(availabilityZone).min(1, 'must list at least one availability zone')),
  /** Where alarms and notifications go. */
  contactEmail: email,
  /** Extra tags on every resource (beside project, environment, blueprint, managed-by). Default: none. */
  tags: userTags,
  /**
   * Guardrails settings of this environment's stacks: `suppressions` accept findings that are deliberate here, each
   * with its reason, by construct path (`ec2-web-dev/alb`); one that matches nothing fails synth. Default: none.
   */
  guardrails: z
    .object({ suppressions: z.array(guardrailsSuppression) })
    .strict()
    .optional(),
};

export const baseEnvironmentSchema = z.object(baseEnvironmentShape).strict();

/** The environment as a blueprint sees it: everything but the blueprint sections. */
export type BaseEnvironmentConfig = z.infer<typeof baseEnvironmentSchema>;

/** What a section's defaults may depend on. */
export interface EnvironmentIdentity {
  readonly name: string;
  readonly production: boolean;
}

/** The AZs configured for `region` (validated to exist for every region a stack uses). */
export function availabilityZonesIn(environment: BaseEnvironmentConfig, region: string): readonly string[] {
  const zones = environment.availabilityZones[region];
  if (!zones) throw new Error(`environment ${environment.name} has no availabilityZones for ${region}`);
  return zones;
}
