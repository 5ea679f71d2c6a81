import {
  DefaultTokenResolver,
  StringConcat,
  TerraformBackend,
  TerraformProvider,
  TerraformStack,
  Tokenization,
  type TerraformElement,
} from 'cdktf';
import { s3BackendConfig, stateKey } from '../../backend/remote-state';
import { STATE_BACKEND_STACK } from '../../backend/state-backend-stack';
import { AWS_TARGET, SANDBOX_CREDENTIALS, type DeploymentTarget } from '../../modules/core/deployment-target';
import { buildApp } from '../../src/app';
import { blueprints } from '../../src/blueprints';
import { loadConfig, type LoadedConfig } from '../../src/config/load';
import { mergeLayers } from '../../src/config/merge';
import { project as baseProject } from '../../src/config/project';
import { environments } from '../../src/config/environments';
import { stackNames, synthesizedStack } from '../helpers/synthesized-app';
import { Template, testApp } from '../helpers/template';

const SANDBOX: DeploymentTarget = {
  kind: 'sandbox',
  s3Endpoint: 'http://127.0.0.1:40001',
  dynamodbEndpoint: 'http://127.0.0.1:40002',
};

/**
 * Each stack of the app built from `config`, with only its backend and providers synthesized: what these tests read,
 * without resolving every resource of every stack again for each variant.
 */
function backendsAndProviders(config: LoadedConfig): Map<string, Template> {
  const app = buildApp(testApp(), config);
  const stacks = app.node.children.filter((child): child is TerraformStack => child instanceof TerraformStack);
  return new Map(
    stacks.map((stack) => {
      const elements = stack.node
        .findAll()
        .filter((node) => node instanceof TerraformBackend || node instanceof TerraformProvider);
      const json = elements.reduce<Record<string, unknown>>(
        (merged, element) =>
          mergeLayers(merged, resolveIn(stack, (element as TerraformElement).toTerraform())) as Record<string, unknown>,
        {},
      );
      return [stack.node.id, new Template(JSON.stringify(json))];
    }),
  );
}

function resolveIn(stack: TerraformStack, value: unknown): Record<string, unknown> {
  const resolver = new DefaultTokenResolver(new StringConcat());
  return Tokenization.resolve(value, { scope: stack, resolver, preparing: false }) as Record<string, unknown>;
}

const awsConfig = loadConfig({});
/** The shipped app, as synthesized once for the run. */
const awsStacks = new Map(stackNames().map((name) => [name, synthesizedStack(name)]));
const sandboxStacks = backendsAndProviders({ ...awsConfig, target: SANDBOX });
const lockfileStacks = backendsAndProviders({
  ...awsConfig,
  project: { ...awsConfig.project, stateBackend: { ...awsConfig.project.stateBackend, useLockfile: true } },
});
const remoteStacks = [...awsStacks.keys()].filter((name) => name !== STATE_BACKEND_STACK);
const { stateBackend } = baseProject;

describe('stack catalogue', () => {
  it('has the bootstrap stack and, per environment, the stacks of each catalogue blueprint it configures', () => {
    const owners = [...awsStacks.keys()]
      .filter((name) => name !== STATE_BACKEND_STACK)
      .map((name) => {
        const owner = awsConfig.environments.flatMap((env) =>
          blueprints
            .filter((blueprint) => (env as Record<string, unknown>)[blueprint.configKey] !== undefined)
            .filter((blueprint) => new RegExp(`^${blueprint.name}-${env.name}(-[a-z0-9]+)?$`).test(name))
            .map((blueprint) => `${blueprint.name}:${env.name}`),
        );
        return [name, owner] as const;
      });
    // Every stack belongs to exactly one (blueprint, environment) that configures it ...
    expect(owners.filter(([, owner]) => owner.length !== 1)).toEqual([]);
    // ... and every configured section has its stacks: `<blueprint>-<env>` or `<blueprint>-<env>-<suffix>`.
    const configured = awsConfig.environments.flatMap((env) =>
      blueprints
        .filter((blueprint) => (env as Record<string, unknown>)[blueprint.configKey] !== undefined)
        .map((blueprint) => `${blueprint.name}-${env.name}`),
    );
    const names = [...awsStacks.keys()];
    expect(
      configured.filter((prefix) => !names.some((name) => name === prefix || name.startsWith(`${prefix}-`))),
    ).toEqual([]);
  });
});

describe.each(remoteStacks)('stack %s keeps its state in S3 with DynamoDB locking', (name) => {
  const template = () => awsStacks.get(name) as Template;

  it('has exactly the S3 backend with encryption, its own key and the lock table', () => {
    expect(template().backend()).toEqual({
      s3: {
        bucket: stateBackend.bucket,
        key: `${stateBackend.keyPrefix}/${name}/terraform.tfstate`,
        region: stateBackend.region,
        encrypt: true,
        dynamodb_table: stateBackend.lockTable,
      },
    });
  });

  it('adds use_lockfile beside dynamodb_table only when the flag is set', () => {
    const s3 = (lockfileStacks.get(name) as Template).backend().s3 as Record<string, unknown>;
    expect(s3.use_lockfile).toBe(true);
    expect(s3.dynamodb_table).toBe(stateBackend.lockTable);
    expect((template().backend().s3 as Record<string, unknown>).use_lockfile).toBeUndefined();
  });

  it('points at the emulators with path-style addressing and fake credentials in sandbox mode', () => {
    expect((sandboxStacks.get(name) as Template).backend().s3).toEqual({
      bucket: stateBackend.bucket,
      key: `${stateBackend.keyPrefix}/${name}/terraform.tfstate`,
      region: stateBackend.region,
      encrypt: true,
      dynamodb_table: stateBackend.lockTable,
      endpoints: { s3: SANDBOX.s3Endpoint, dynamodb: SANDBOX.dynamodbEndpoint },
      use_path_style: true,
      access_key: SANDBOX_CREDENTIALS.accessKey,
      secret_key: SANDBOX_CREDENTIALS.secretKey,
      skip_credentials_validation: true,
      skip_requesting_account_id: true,
      skip_metadata_api_check: true,
      skip_region_validation: true,
      skip_s3_checksum: true,
    });
  });
});

describe('state keys', () => {
  it('are unique per stack', () => {
    const keys = remoteStacks.map((name) => (awsStacks.get(name)?.backend().s3 as Record<string, string>).key);
    expect(new Set(keys).size).toBe(remoteStacks.length);
  });

  it('follow <prefix>/<stack>/terraform.tfstate', () => {
    expect(stateKey('team/blueprints', 'ecs-fullstack-prod')).toBe(
      'team/blueprints/ecs-fullstack-prod/terraform.tfstate',
    );
  });

  it('assume the configured role when state lives in another account', () => {
    const roleArn = 'arn:aws:iam::210987654321:role/terraform-state';
    expect(s3BackendConfig({ ...stateBackend, roleArn }, 'network-dev', AWS_TARGET).assumeRole).toEqual({ roleArn });
  });
});

describe.each([...awsStacks.keys()])('stack %s provider', (name) => {
  // `<blueprint>-<env>[-<suffix>]`
  const environment = environments.find((env) => new RegExp(`-${env.name}(-[a-z]+)?$`).test(name));
  const blueprint = environment ? name.replace(new RegExp(`-${environment.name}(-[a-z]+)?$`), '') : STATE_BACKEND_STACK;

  // A blueprint may put a stack in another region than the environment's (a second region, DR): one it declares.
  const entry = blueprints.find((candidate) => candidate.name === blueprint);
  const resolvedEnvironment = awsConfig.environments.find((env) => env.name === environment?.name);
  const section = entry && resolvedEnvironment && (resolvedEnvironment as Record<string, unknown>)[entry.configKey];
  const regions =
    entry?.regions && section && resolvedEnvironment
      ? entry.regions(section, resolvedEnvironment)
      : [environment?.region ?? stateBackend.region];

  it('tags every resource with project, environment, blueprint and managed-by, and guards the account', () => {
    const providers = (awsStacks.get(name) as Template).providers('aws');
    expect(providers).toHaveLength(1);
    const { region, ...provider } = providers[0] as Record<string, unknown>;
    expect(regions).toContain(region);
    expect(provider).toEqual({
      allowed_account_ids: [environment?.accountId ?? stateBackend.accountId],
      default_tags: [
        {
          tags: {
            ...environment?.tags,
            project: baseProject.name,
            environment: environment?.name ?? 'shared',
            blueprint,
            'managed-by': 'cdktf',
          },
        },
      ],
    });
  });

  it('uses fake credentials and no account guard in sandbox mode', () => {
    const [provider] = (sandboxStacks.get(name) as Template).providers('aws');
    expect(provider).toMatchObject({
      access_key: SANDBOX_CREDENTIALS.accessKey,
      secret_key: SANDBOX_CREDENTIALS.secretKey,
      skip_credentials_validation: true,
      skip_requesting_account_id: true,
      skip_metadata_api_check: 'true',
    });
    expect(provider?.allowed_account_ids).toBeUndefined();
  });
});
