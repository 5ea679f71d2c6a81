/**
 * Loads and validates the configuration once, at app start: the project settings, every environment (with the
 * optional CONFIG_OVERRIDES JSON file merged in) and the deployment target. Any problem throws one ValidationError
 * that lists every bad field with its value, before a single construct exists, so nothing is synthesized.
 */
import { readFileSync } from 'node:fs';
import type { ZodIssue, ZodType, ZodTypeDef } from 'zod';
import { AWS_TARGET, type DeploymentTarget } from '../../modules/core/deployment-target';
import { joinPath, ValidationError, type ValidationIssue } from '../../modules/core/validation';
import { blueprints } from '../blueprints';
import { environments as baseEnvironments } from './environments';
import { isPlainObject, mergeLayers } from './merge';
import { configErrorMap } from './messages';
import { project as baseProject } from './project';
import {
  environmentSchema,
  projectSchema,
  resolveEnvironment,
  type EnvironmentConfig,
  type ProjectConfig,
} from './schema';

export interface LoadedConfig {
  readonly project: ProjectConfig;
  readonly environments: readonly EnvironmentConfig[];
  readonly target: DeploymentTarget;
}

export interface ConfigSources {
  readonly project: unknown;
  readonly environments: readonly unknown[];
}

/** Environment variables read here; everything else about a run is in the typed config. */
export const CONFIG_ENV = {
  overrides: 'CONFIG_OVERRIDES',
  stateBackend: 'STATE_BACKEND',
  sandboxS3: 'SANDBOX_S3_ENDPOINT',
  sandboxDynamoDb: 'SANDBOX_DYNAMODB_ENDPOINT',
} as const;

export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  sources: ConfigSources = { project: baseProject, environments: baseEnvironments },
): LoadedConfig {
  const overridesPath = env[CONFIG_ENV.overrides];
  const subject = overridesPath ? `configuration (with ${CONFIG_ENV.overrides}=${overridesPath})` : 'configuration';
  const issues: ValidationIssue[] = [];

  const overrides = overridesPath ? readOverrides(overridesPath, sources, issues) : {};
  const project = validate(projectSchema, mergeLayers(sources.project, overrides.project), 'project', issues);
  const environments = sources.environments.map((base, index) => {
    const name = nameOf(base) ?? String(index);
    const merged = mergeLayers(base, overrides.environments?.[name]);
    // Values in messages are the resolved ones (defaults included), as the schema saw them.
    return validate(environmentSchema, merged, joinPath('environments', name), issues, resolveEnvironment(merged));
  });
  environments.forEach((environment, index) => {
    if (!environment || environments.findIndex((other) => other?.name === environment.name) === index) return;
    // Name the entry whose name clashes, as the user keyed it, not the environment it clashes with.
    const key = nameOf(sources.environments[index]) ?? String(index);
    const path = joinPath('environments', key, 'name');
    issues.push({ path, value: environment.name, message: 'is used by two environments' });
  });
  issues.push(...accountSingletonIssues(environments.filter((e): e is EnvironmentConfig => e !== undefined)));
  const target = readTarget(env, issues);

  if (issues.length > 0 || !project || !target) throw new ValidationError(subject, issues);
  return { project, environments: environments.filter((e): e is EnvironmentConfig => e !== undefined), target };
}

interface Overrides {
  project?: unknown;
  environments?: Record<string, unknown>;
}

function readOverrides(path: string, sources: ConfigSources, issues: ValidationIssue[]): Overrides {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    issues.push({ path: CONFIG_ENV.overrides, value: path, message: `cannot be read: ${(error as Error).message}` });
    return {};
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    issues.push({
      path: CONFIG_ENV.overrides,
      value: path,
      message: `is not valid JSON: ${jsonSyntaxError(text, error)}`,
    });
    return {};
  }
  if (!isPlainObject(parsed)) {
    issues.push({
      path: '(overrides file)',
      value: parsed,
      message: 'must be a JSON object { "project"?, "environments"? }',
    });
    return {};
  }
  for (const key of Object.keys(parsed)) {
    if (key !== 'project' && key !== 'environments') {
      issues.push({
        path: key,
        value: parsed[key],
        message: 'is not a known section (use "project" or "environments")',
      });
    }
  }
  const environments = parsed.environments;
  if (environments !== undefined && !isPlainObject(environments)) {
    issues.push({ path: 'environments', value: environments, message: 'must be an object keyed by environment name' });
    return { project: parsed.project };
  }
  const known = sources.environments.map(nameOf);
  for (const name of Object.keys(environments ?? {})) {
    if (!known.includes(name)) {
      const message = `is not a configured environment (known: ${known.join(', ')})`;
      issues.push({ path: joinPath('environments', name), value: name, message });
    }
  }
  return { project: parsed.project, environments };
}

/**
 * `line 4, column 3: Expected double-quoted property name` from V8's JSON.parse error, which gives a character
 * position (or, for an unexpected token, none: then the first prefix of the text that fails short of its end locates
 * it). Lines and columns count from 1.
 */
export function jsonSyntaxError(text: string, error: unknown): string {
  const message = (error as Error).message;
  const reason = message
    .replace(/ in JSON at position \d+.*$/s, '')
    .replace(/ after JSON at position \d+.*$/s, ' after the JSON value')
    .replace(/, ".*" is not valid JSON$/s, '')
    .replace(/'(\s)'/, (_quoted, space: string) => JSON.stringify(space)); // a newline, shown as \n
  const at = /at position (\d+)/.exec(message);
  let position = at ? Number(at[1]) : text.length;
  if (!at && !/Unexpected end of JSON input/.test(message)) {
    for (let end = 1; end <= text.length; end += 1) {
      try {
        JSON.parse(text.slice(0, end));
      } catch (prefixError) {
        const inside = /at position (\d+)/.exec((prefixError as Error).message);
        const ended = /Unexpected end of JSON input/.test((prefixError as Error).message);
        if (inside && Number(inside[1]) < end) {
          position = Number(inside[1]);
          break;
        }
        if (!inside && !ended) {
          position = end - 1;
          break;
        }
      }
    }
  }
  const before = text.slice(0, position).split('\n');
  return `line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}: ${reason}`;
}

function readTarget(env: NodeJS.ProcessEnv, issues: ValidationIssue[]): DeploymentTarget | undefined {
  const kind = env[CONFIG_ENV.stateBackend] ?? 'aws';
  if (kind === 'aws') return AWS_TARGET;
  if (kind !== 'sandbox') {
    issues.push({ path: CONFIG_ENV.stateBackend, value: kind, message: 'must be "aws" or "sandbox"' });
    return undefined;
  }
  const endpoint = (name: string): string | undefined => {
    const value = env[name];
    if (value && /^https?:\/\/[^\s/]+(:\d+)?\/?$/.test(value)) return value.replace(/\/$/, '');
    issues.push({
      path: name,
      value,
      message: `must be the http(s) URL of the emulator when ${CONFIG_ENV.stateBackend}=sandbox`,
    });
    return undefined;
  };
  const s3Endpoint = endpoint(CONFIG_ENV.sandboxS3);
  const dynamodbEndpoint = endpoint(CONFIG_ENV.sandboxDynamoDb);
  return s3Endpoint && dynamodbEndpoint ? { kind: 'sandbox', s3Endpoint, dynamodbEndpoint } : undefined;
}

function validate<T>(
  schema: ZodType<T, ZodTypeDef, unknown>,
  input: unknown,
  basePath: string,
  issues: ValidationIssue[],
  resolved: unknown = input,
): T | undefined {
  const result = schema.safeParse(input, { errorMap: configErrorMap });
  if (result.success) return result.data;
  // A field can fail both its own rule and a cross-field rule with the same words (a malformed vpcCidr): say it once.
  const seen = new Set<string>();
  for (const issue of result.error.issues.flatMap((zodIssue) => toValidationIssues(zodIssue, resolved, basePath))) {
    const key = `${issue.path}\n${issue.message}`;
    if (!seen.has(key)) issues.push(issue);
    seen.add(key);
  }
  return undefined;
}

function toValidationIssues(issue: ZodIssue, input: unknown, basePath: string): ValidationIssue[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      path: joinPath(basePath, ...issue.path, key),
      value: valueAt(input, [...issue.path, key]),
      message: 'is not a known setting',
    }));
  }
  return [{ path: joinPath(basePath, ...issue.path), value: valueAt(input, issue.path), message: issue.message }];
}

function valueAt(input: unknown, path: ReadonlyArray<string | number>): unknown {
  return path.reduce<unknown>(
    (node, key) => (node !== null && typeof node === 'object' ? (node as never)[key] : undefined),
    input,
  );
}

function nameOf(environment: unknown): string | undefined {
  return isPlainObject(environment) && typeof environment.name === 'string' ? environment.name : undefined;
}

/**
 * Resources an account holds once (the GitHub OIDC provider): two environments in one account must not both create
 * one. The error names both settings.
 */
function accountSingletonIssues(environments: readonly EnvironmentConfig[]): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const creators = new Map<string, string>();
  for (const environment of environments) {
    for (const blueprint of blueprints) {
      const section = (environment as Record<string, unknown>)[blueprint.configKey];
      if (section === undefined) continue;
      for (const singleton of blueprint.accountSingletons?.(section) ?? []) {
        const path = joinPath('environments', environment.name, blueprint.configKey, ...singleton.path);
        const key = `${environment.accountId}\n${singleton.resource}`;
        const first = creators.get(key);
        if (first === undefined) creators.set(key, path);
        else {
          const message = `creates ${singleton.resource} of account ${environment.accountId}, which ${first} creates too; set "existing" in all environments of the account but one`;
          issues.push({ path, value: 'create', message });
        }
      }
    }
  }
  return issues;
}
