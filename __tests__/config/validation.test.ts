/**
 * Configuration loading: the shipped project and environments, every kind of bad input (each reported with its full
 * field path and value), several errors in one report, the CONFIG_OVERRIDES merge, the deployment target from
 * STATE_BACKEND, the shared schema fields, and main.ts failing before it writes anything.
 *
 * loadConfig always gets a fake env object (process.env is never read or changed); override files live in one temp dir.
 */
import { exec } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ValidationError } from '../../modules/core/validation';
import { environments } from '../../src/config/environments';
import { checkLifecycleTags } from '../../modules/container-registry';
import { checkNatGatewayMode, NAT_GATEWAY_MODES } from '../../modules/network';
import { fromModuleCheck, moduleEnum } from '../../src/config/fields';
import { configErrorMap } from '../../src/config/messages';
import { z } from 'zod';
import { loadConfig, type LoadedConfig } from '../../src/config/load';
import { project } from '../../src/config/project';
import { cdktfAppCommand } from '../../scripts/lib/cdktf-app';

const ROOT = resolve(__dirname, '../..');

let dir: string;
let fileCount = 0;

/** Writes an overrides file (an object as JSON, a string verbatim) and returns its path. */
function overridesFile(content: unknown): string {
  const path = join(dir, `overrides-${++fileCount}.json`);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

/** Runs loadConfig and returns the ValidationError it throws (failing the test if it throws nothing or else). */
function loadError(env: Record<string, string>): ValidationError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error(`loadConfig(${JSON.stringify(env)}) did not throw`);
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The error's issue lines (`  - path: message (got value)`). */
const issueLines = (error: ValidationError) => error.message.split('\n').filter((line) => line.startsWith('  - '));

/**
 * Child process of the main.ts check, started in beforeAll so it runs while the other tests do: cdktf.json's app, as
 * `cdktf synth` runs it.
 */
let mainRun: Promise<{ code: number | null; stdout: string; stderr: string }>;
let mainOutdir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'config-validation-'));
  mainOutdir = mkdtempSync(join(tmpdir(), 'config-main-out-'));
  const badFile = overridesFile({
    environments: { dev: { network: { publicSubnetCidrs: ['10.0.1.0/24', '10.1.2.0/24'] } } },
  });
  const env = { ...process.env, CONFIG_OVERRIDES: badFile, CDKTF_OUTDIR: mainOutdir, STATE_BACKEND: 'aws' };
  mainRun = new Promise((done) => {
    exec(cdktfAppCommand(), { cwd: ROOT, env, timeout: 30_000 }, (error, stdout, stderr) =>
      done({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr }),
    );
  });
});

afterAll(async () => {
  await mainRun.catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
  rmSync(mainOutdir, { recursive: true, force: true });
});

describe('the shipped configuration', () => {
  let config: LoadedConfig;
  beforeAll(() => {
    config = loadConfig({});
  });

  it('loads the project unchanged, with the aws deployment target', () => {
    expect(config.project).toEqual(project);
    expect(config.project.stateBackend).toMatchObject({
      bucket: 'aws-blueprints-tfstate-123456789012',
      lockTable: 'aws-blueprints-tflock',
      region: 'us-east-1',
      useLockfile: false,
      noncurrentVersionExpirationDays: 90,
    });
    expect(config.target).toEqual({ kind: 'aws' });
  });

  it('has the configured environments, in deploy order', () => {
    expect(config.environments.map((environment) => environment.name)).toEqual(
      environments.map((environment) => environment.name),
    );
  });

  it.each(environments.filter((environment) => environment.network).map((environment) => [environment.name]))(
    '%s gets the network defaults: 10.0.0.0/16 over 2 AZs, per-az NAT, flow logs a year in production, else 30 days',
    (name) => {
      const environment = config.environments.find((candidate) => candidate.name === name)!;
      expect(environment.availabilityZones[environment.region]).toEqual(['us-east-1a', 'us-east-1b']);
      expect(environment.network).toEqual({
        vpcCidr: '10.0.0.0/16',
        publicSubnetCidrs: ['10.0.1.0/24', '10.0.2.0/24'],
        privateSubnetCidrs: ['10.0.10.0/24', '10.0.11.0/24'],
        natGateways: 'per-az',
        flowLogs: { enabled: true, retentionInDays: environment.production ? 365 : 30, trafficType: 'ALL' },
      });
    },
  );
});

/**
 * [what, overrides file content (undefined: no file), extra env, issue path, issue value, message pattern].
 * Each must yield an issue at exactly that path with exactly that value, printed on one line of the error.
 */
const badInputs: Array<[string, unknown, Record<string, string>, string, unknown, RegExp]> = [
  [
    'a guardrails suppression without a real reason',
    {
      environments: {
        dev: { guardrails: { suppressions: [{ rule: 'ec2-imdsv2', path: 'ec2-web-dev', reason: 'x' }] } },
      },
    },
    {},
    'environments.dev.guardrails.suppressions[0]',
    { rule: 'ec2-imdsv2', path: 'ec2-web-dev', reason: 'x' },
    /needs a reason of at least 20 characters/,
  ],
  [
    'a malformed CIDR',
    { environments: { dev: { network: { vpcCidr: '10.0.0/16' } } } },
    {},
    'environments.dev.network.vpcCidr',
    '10.0.0/16',
    /is not an IPv4 CIDR block like 10\.0\.0\.0\/16/,
  ],
  [
    'host bits set',
    { environments: { dev: { network: { publicSubnetCidrs: ['10.0.1.5/24', '10.0.2.0/24'] } } } },
    {},
    'environments.dev.network.publicSubnetCidrs[0]',
    '10.0.1.5/24',
    /has host bits set \(the network address is 10\.0\.1\.0\/24\)/,
  ],
  [
    'a subnet outside the VPC',
    { environments: { prod: { network: { privateSubnetCidrs: ['10.0.10.0/24', '10.1.11.0/24'] } } } },
    {},
    'environments.prod.network.privateSubnetCidrs[1]',
    '10.1.11.0/24',
    /is not inside network\.vpcCidr 10\.0\.0\.0\/16/,
  ],
  [
    'overlapping subnets',
    { environments: { dev: { network: { privateSubnetCidrs: ['10.0.10.0/24', '10.0.2.0/24'] } } } },
    {},
    'environments.dev.network.privateSubnetCidrs[1]',
    '10.0.2.0/24',
    /overlaps network\.publicSubnetCidrs\[1\] 10\.0\.2\.0\/24/,
  ],
  [
    'an AZ/subnet count mismatch',
    { environments: { dev: { availabilityZones: { 'us-east-1': ['us-east-1a', 'us-east-1b', 'us-east-1c'] } } } },
    {},
    'environments.dev.network.publicSubnetCidrs',
    ['10.0.1.0/24', '10.0.2.0/24'],
    /has 2 subnet\(s\) but 3 availability zone\(s\) are configured/,
  ],
  [
    'an AZ not in the region',
    { environments: { dev: { availabilityZones: { 'us-east-1': ['us-east-1a', 'us-west-2b'] } } } },
    {},
    'environments.dev.availabilityZones.us-east-1[1]',
    'us-west-2b',
    /is not in region us-east-1/,
  ],
  [
    'a duplicate AZ',
    { environments: { prod: { availabilityZones: { 'us-east-1': ['us-east-1b', 'us-east-1b'] } } } },
    {},
    'environments.prod.availabilityZones.us-east-1[1]',
    'us-east-1b',
    /is listed more than once/,
  ],
  [
    'an unknown key (network.natGateway typo)',
    { environments: { dev: { network: { natGateway: 'single' } } } },
    {},
    'environments.dev.network.natGateway',
    'single',
    /is not a known setting/,
  ],
  [
    'a string where a number belongs',
    { environments: { dev: { network: { flowLogs: { retentionInDays: '30' } } } } },
    {},
    'environments.dev.network.flowLogs.retentionInDays',
    '30',
    /must be a number, not a string/,
  ],
  [
    'a bad NAT mode',
    { environments: { prod: { network: { natGateways: 'multi' } } } },
    {},
    'environments.prod.network.natGateways',
    'multi',
    /must be "none", "single" or "per-az"/,
  ],
  [
    'a flow-log retention CloudWatch does not offer',
    { environments: { dev: { network: { flowLogs: { retentionInDays: 45 } } } } },
    {},
    'environments.dev.network.flowLogs.retentionInDays',
    45,
    /must be a CloudWatch Logs retention period \(0, 1, 3, 5, 7, 14, 30, 60, 90,/,
  ],
  [
    'a bad account id',
    { environments: { prod: { accountId: '12345678901' } } },
    {},
    'environments.prod.accountId',
    '12345678901',
    /must be a 12-digit AWS account id/,
  ],
  [
    'a bad e-mail',
    { environments: { dev: { contactEmail: 'platform-alerts@' } } },
    {},
    'environments.dev.contactEmail',
    'platform-alerts@',
    /must be an e-mail address/,
  ],
  [
    'the reserved tag key "project"',
    { environments: { dev: { tags: { project: 'other' } } } },
    {},
    'environments.dev.tags.project',
    'other',
    /is set by the project on every resource/,
  ],
  [
    'a tag key starting with aws:',
    { environments: { prod: { tags: { 'aws:x': 'y' } } } },
    {},
    'environments.prod.tags.aws:x',
    'y',
    /is not a valid tag key \(1-128 characters, not aws:\)/,
  ],
  [
    'a bad S3 bucket name in project.stateBackend',
    { project: { stateBackend: { bucket: 'AWS_Blueprints_State' } } },
    {},
    'project.stateBackend.bucket',
    'AWS_Blueprints_State',
    /must be an S3 bucket name/,
  ],
  [
    'an unknown environment name in the overrides file',
    { environments: { qa: { accountId: '123456789012' } } },
    {},
    'environments.qa',
    'qa',
    new RegExp(`is not a configured environment \\(known: ${environments.map((e) => e.name).join(', ')}\\)`),
  ],
  [
    'an unknown top-level section in the overrides file',
    { projects: { name: 'x' } },
    {},
    'projects',
    { name: 'x' },
    /is not a known section \(use "project" or "environments"\)/,
  ],
  [
    'an overrides file that is a JSON array',
    [{ project: {} }],
    {},
    '(overrides file)',
    [{ project: {} }],
    /must be a JSON object/,
  ],
  [
    'STATE_BACKEND=bogus',
    undefined,
    { STATE_BACKEND: 'bogus' },
    'STATE_BACKEND',
    'bogus',
    /must be "aws" or "sandbox"/,
  ],
  [
    'STATE_BACKEND=sandbox without endpoints',
    undefined,
    { STATE_BACKEND: 'sandbox' },
    'SANDBOX_S3_ENDPOINT',
    undefined,
    /must be the http\(s\) URL of the emulator when STATE_BACKEND=sandbox/,
  ],
  [
    'STATE_BACKEND=sandbox with a non-http endpoint',
    undefined,
    {
      STATE_BACKEND: 'sandbox',
      SANDBOX_S3_ENDPOINT: 'http://127.0.0.1:4569',
      SANDBOX_DYNAMODB_ENDPOINT: 'ftp://127.0.0.1',
    },
    'SANDBOX_DYNAMODB_ENDPOINT',
    'ftp://127.0.0.1',
    /must be the http\(s\) URL of the emulator/,
  ],
];

describe('bad input', () => {
  const cases = badInputs;

  it.each(cases)('rejects %s', (_what, overrides, extraEnv, path, value, message) => {
    const env = overrides === undefined ? extraEnv : { ...extraEnv, CONFIG_OVERRIDES: overridesFile(overrides) };
    const error = loadError(env);
    const issue = error.issues.find((candidate) => candidate.path === path);
    expect(issue).toEqual({ path, value, message: expect.stringMatching(message) });
    const got = value === undefined ? 'nothing' : JSON.stringify(value);
    expect(error.message).toMatch(
      new RegExp(`^  - ${escapeRegExp(path)}: .*${message.source}.* \\(got ${escapeRegExp(got)}\\)$`, 'm'),
    );
  });

  it('rejects an overrides file that is not JSON, naming the variable, the file, and the line and column', () => {
    const file = overridesFile('{\n  "project": {\n    "name": "acme",\n  }\n}\n');
    const error = loadError({ CONFIG_OVERRIDES: file });
    const message = 'is not valid JSON: line 4, column 3: Expected double-quoted property name';
    expect(error.issues).toEqual([{ path: 'CONFIG_OVERRIDES', value: file, message }]);
    expect(error.message).toBe(
      `Invalid configuration (with CONFIG_OVERRIDES=${file}):\n  - CONFIG_OVERRIDES: ${message} (got "${file}")`,
    );
  });

  it.each([
    ['{ "environments": { "dev": ', 'line 1, column 28: Unexpected end of JSON input'],
    ['{"a": 1} x', 'line 1, column 10: Unexpected non-whitespace character after the JSON value'],
    ['{\n  "a": tru}', "line 2, column 11: Unexpected token '}'"],
    ['{\n "a": tru\n}', 'line 2, column 10: Unexpected token "\\n"'],
  ])('locates a JSON syntax error by line and column: %j', (text, expected) => {
    expect(loadError({ CONFIG_OVERRIDES: overridesFile(text) }).issues[0]?.message).toBe(
      `is not valid JSON: ${expected}`,
    );
  });

  it('rejects an overrides file that cannot be read, with the reason', () => {
    const file = join(dir, 'missing.json');
    expect(loadError({ CONFIG_OVERRIDES: file }).issues).toEqual([
      { path: 'CONFIG_OVERRIDES', value: file, message: expect.stringMatching(/^cannot be read: ENOENT: /) },
    ]);
  });

  it('reports a malformed vpcCidr once, not once per check', () => {
    const error = loadError({
      CONFIG_OVERRIDES: overridesFile({ environments: { dev: { network: { vpcCidr: '10.0.0/16' } } } }),
    });
    expect(issueLines(error)).toEqual([
      '  - environments.dev.network.vpcCidr: is not an IPv4 CIDR block like 10.0.0.0/16 (got "10.0.0/16")',
    ]);
  });

  it('rejects a VPC block AWS does not allow (/8) at the network path', () => {
    const error = loadError({
      CONFIG_OVERRIDES: overridesFile({ environments: { prod: { network: { vpcCidr: '10.0.0.0/8' } } } }),
    });
    expect(issueLines(error)).toEqual([
      '  - environments.prod.network.vpcCidr: has prefix length /8; AWS allows /16 to /28 here (got "10.0.0.0/8")',
    ]);
  });

  it('names the overridden environment when two environments end up with the same name', () => {
    const error = loadError({ CONFIG_OVERRIDES: overridesFile({ environments: { prod: { name: 'dev' } } }) });
    expect(error.issues).toEqual([
      { path: 'environments.prod.name', value: 'dev', message: expect.stringMatching(/is used by two environments/) },
    ]);
  });

  it('reports several errors at once: two in dev and one in prod give three lines', () => {
    const error = loadError({
      CONFIG_OVERRIDES: overridesFile({
        environments: {
          dev: { contactEmail: 'nobody', network: { flowLogs: { retentionInDays: 45 } } },
          prod: { accountId: 'abc' },
        },
      }),
    });
    const lines = issueLines(error);
    expect(lines).toHaveLength(3);
    expect(lines).toEqual([
      expect.stringMatching(/^ {2}- environments\.dev\.contactEmail: .* \(got "nobody"\)$/),
      expect.stringMatching(/^ {2}- environments\.dev\.network\.flowLogs\.retentionInDays: .* \(got 45\)$/),
      expect.stringMatching(/^ {2}- environments\.prod\.accountId: .* \(got "abc"\)$/),
    ]);
    expect(error.message.split('\n')).toHaveLength(4);
  });

  it('reports config and target errors together', () => {
    const error = loadError({
      STATE_BACKEND: 'bogus',
      CONFIG_OVERRIDES: overridesFile({ environments: { dev: { accountId: '1' } } }),
    });
    expect(error.issues.map((issue) => issue.path)).toEqual(['environments.dev.accountId', 'STATE_BACKEND']);
  });
});

describe('CONFIG_OVERRIDES merge', () => {
  let merged: LoadedConfig;
  let shrunk: LoadedConfig;

  beforeAll(() => {
    merged = loadConfig({
      CONFIG_OVERRIDES: overridesFile({
        project: { stateBackend: { useLockfile: true } },
        environments: {
          prod: { network: { natGateways: 'single', publicSubnetCidrs: ['10.0.3.0/24', '10.0.4.0/24'] } },
        },
      }),
    });
    shrunk = loadConfig({
      CONFIG_OVERRIDES: overridesFile({
        environments: {
          dev: {
            availabilityZones: { 'us-east-1': ['us-east-1c', 'us-east-1d'] },
            network: { publicSubnetCidrs: ['10.0.5.0/24', '10.0.6.0/24'] },
            // Two exported log types become one: an array is replaced, not merged element by element.
            ecsFullstack: { database: { logExports: ['upgrade'] } },
          },
        },
      }),
    });
  });

  const shipped = loadConfig({});
  const named = (config: LoadedConfig, name: string) => config.environments.find((e) => e.name === name)!;

  it('applies prod.network.natGateways = "single" and keeps the rest of prod.network', () => {
    expect(named(merged, 'prod').network).toEqual({
      ...named(shipped, 'prod').network,
      natGateways: 'single',
      publicSubnetCidrs: ['10.0.3.0/24', '10.0.4.0/24'],
    });
  });

  it('applies project.stateBackend.useLockfile = true and keeps the rest of the project', () => {
    expect(merged.project).toEqual({ ...project, stateBackend: { ...project.stateBackend, useLockfile: true } });
  });

  it('leaves the other environments untouched', () => {
    expect(merged.environments.filter((e) => e.name !== 'prod')).toEqual(
      shipped.environments.filter((e) => e.name !== 'prod'),
    );
  });

  it('replaces arrays instead of merging them element by element, and merges records by key', () => {
    const dev = named(shrunk, 'dev');
    expect(dev.availabilityZones).toEqual({
      'us-east-1': ['us-east-1c', 'us-east-1d'],
      'us-west-2': ['us-west-2a', 'us-west-2b'],
    });
    expect(dev.network?.publicSubnetCidrs).toEqual(['10.0.5.0/24', '10.0.6.0/24']);
    expect(dev.network?.privateSubnetCidrs).toEqual(named(shipped, 'dev').network?.privateSubnetCidrs);
    expect(dev.ecsFullstack?.database.logExports).toEqual(['upgrade']);
    expect(named(shrunk, 'prod')).toEqual(named(shipped, 'prod'));
  });

  it('refuses an environment shrunk to one AZ where a load balancer needs two subnets', () => {
    const error = loadError({
      CONFIG_OVERRIDES: overridesFile({
        environments: {
          dev: {
            availabilityZones: { 'us-east-1': ['us-east-1c'] },
            network: { publicSubnetCidrs: ['10.0.5.0/24'], privateSubnetCidrs: ['10.0.50.0/24'] },
            ecsFullstack: { network: { publicSubnetCidrs: ['10.0.5.0/24'], privateSubnetCidrs: ['10.0.50.0/24'] } },
            ec2Web: { network: { publicSubnetCidrs: ['10.0.5.0/24'], privateSubnetCidrs: ['10.0.50.0/24'] } },
          },
        },
      }),
    });
    for (const section of ['ecsFullstack', 'ec2Web']) {
      expect(error.issues).toContainEqual({
        path: `environments.dev.${section}.network.publicSubnetCidrs`,
        value: ['10.0.5.0/24'],
        message: 'must list at least two subnets in different availability zones',
      });
    }
    // The shared VPC of the network blueprint has no load balancer: one AZ is its choice.
    expect(error.issues.filter((issue) => issue.path.startsWith('environments.dev.network.'))).toEqual([]);
  });

  it('does not change the shipped config objects', () => {
    expect(environments.find((e) => e.name === 'dev')!.availabilityZones).toBeUndefined();
    expect(environments.find((e) => e.name === 'prod')!.network).toEqual({});
    expect(project.stateBackend.useLockfile).toBe(false);
  });
});

describe('deployment target', () => {
  it('STATE_BACKEND=sandbox with two http endpoints yields a sandbox target with those endpoints', () => {
    const { target } = loadConfig({
      STATE_BACKEND: 'sandbox',
      SANDBOX_S3_ENDPOINT: 'http://127.0.0.1:4569/',
      SANDBOX_DYNAMODB_ENDPOINT: 'http://localhost:4567',
    });
    expect(target).toEqual({
      kind: 'sandbox',
      s3Endpoint: 'http://127.0.0.1:4569',
      dynamodbEndpoint: 'http://localhost:4567',
    });
  });

  it('STATE_BACKEND=aws (explicit) yields the aws target', () => {
    expect(loadConfig({ STATE_BACKEND: 'aws' }).target).toEqual({ kind: 'aws' });
  });
});

describe("the project's words for zod's defaults (configErrorMap)", () => {
  const messageOf = (schema: z.ZodTypeAny, input: unknown): string | undefined => {
    const result = schema.safeParse(input, { errorMap: configErrorMap });
    return result.success ? undefined : result.error.issues[0]?.message;
  };

  it.each<[string, z.ZodTypeAny, unknown, string]>([
    ['a missing field', z.object({ port: z.number() }), {}, 'is required'],
    ['a string for a number', z.number(), '30', 'must be a number, not a string'],
    ['a number for a string', z.string(), 5, 'must be a string, not a number'],
    ['an object for a list', z.array(z.string()), {}, 'must be a list, not an object'],
    ['a number below an inclusive minimum', z.number().min(0), -1, 'must be at least 0'],
    ['a number at an exclusive minimum', z.number().positive(), 0, 'must be greater than 0'],
    ['a number above a maximum', z.number().max(10), 11, 'must be at most 10'],
    ['a fraction for an integer', z.number().int(), 1.5, 'must be a whole number, not a fraction'],
    ['an empty string', z.string().min(1), '', 'must not be empty'],
    ['a short list', z.array(z.string()).min(2), ['a'], 'must have at least 2 entries'],
    ['a long list', z.array(z.string()).max(1), ['a', 'b'], 'must have at most 1 entry'],
    ['a value outside an enum', z.enum(['none', 'single', 'per-az']), 'multi', 'must be "none", "single" or "per-az"'],
    ['a literal', z.literal('existing'), 'create', 'must be "existing"'],
    ['a bad e-mail', z.string().email(), 'ops', 'must be an e-mail address'],
  ])('%s', (_what, schema, input, message) => {
    expect(messageOf(schema, input)).toBe(message);
  });

  it("keeps a field's own message: a check's words and a schema's own error map", () => {
    expect(messageOf(z.number().int('must be a whole number of days'), 1.5)).toBe('must be a whole number of days');
    const natGateways = moduleEnum(NAT_GATEWAY_MODES, checkNatGatewayMode);
    expect(messageOf(natGateways, 'multi')).toBe(checkNatGatewayMode('', 'multi')[0]?.message);
  });

  it("leaves none of zod's generic wording in any bad-input message above", () => {
    const zodWords = /Expected|received|Invalid|Required|Number must|String must|Array must/;
    for (const [, overrides, extraEnv] of badInputs) {
      const env = overrides === undefined ? extraEnv : { ...extraEnv, CONFIG_OVERRIDES: overridesFile(overrides) };
      for (const issue of loadError(env).issues) expect(issue.message).not.toMatch(zodWords);
    }
  });
});

describe('fields built from module checks', () => {
  it('moduleEnum keeps the literal values and answers with the module message', () => {
    const natGateways = moduleEnum(NAT_GATEWAY_MODES, checkNatGatewayMode);
    expect(natGateways.parse('single')).toBe('single');
    expect(natGateways.safeParse('multi').error?.issues.map((issue) => issue.message)).toEqual([
      'must be "none", "single" or "per-az"',
    ]);
    expect(natGateways.safeParse(3).error?.issues.map((issue) => issue.message)).toEqual([
      'must be "none", "single" or "per-az"',
    ]);
  });

  it('fromModuleCheck puts an issue the module reports below the value (a list entry) at that entry', () => {
    const tags = z.array(z.string()).superRefine(fromModuleCheck(checkLifecycleTags));
    expect(tags.safeParse(['v', '']).error?.issues.map(({ path, message }) => ({ path, message }))).toEqual([
      { path: [1], message: 'must be a non-empty tag of up to 128 characters' },
    ]);
  });
});

describe('main.ts with a bad configuration', () => {
  it('exits 1, prints the field and the value on stderr, and writes nothing', async () => {
    const { code, stdout, stderr } = await mainRun;
    expect(stderr).toContain(
      '  - environments.dev.network.publicSubnetCidrs[1]: is not inside network.vpcCidr 10.0.0.0/16 (got "10.1.2.0/24")',
    );
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(readdirSync(mainOutdir)).toEqual([]);
  }, 30_000);
});
