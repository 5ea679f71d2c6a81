/**
 * Terraform for real: every AWS stack of the app passes `terraform validate` and an offline `terraform plan` with its
 * state in the sandbox (s3rver + dynalite), and the plan adds exactly the resources the stack declares.
 */
import { App } from 'cdktf';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../../src/app';
import { loadConfig } from '../../src/config/load';
import { planStacks, readSynthesizedStacks, type StackOutcome, type SynthesizedStack } from '../../scripts/lib/plan';
import { sandboxEnv, startSandbox, type Sandbox } from '../../scripts/lib/sandbox';
import { sandboxCertificateEnv } from '../../scripts/lib/self-signed-certificate';
import { stackNames, synthesizedStack } from '../helpers/synthesized-app';

// Planning every stack (16, two of them ~150 resources) takes minutes on a loaded 2-core machine.
jest.setTimeout(600_000);

let sandbox: Sandbox;
let outdir: string;
let stacks: SynthesizedStack[];
let outcomes: Map<string, StackOutcome>;

beforeAll(async () => {
  sandbox = await startSandbox(loadConfig({}).project.stateBackend);
  outdir = mkdtempSync(join(tmpdir(), 'cdktf-plan-'));
  buildApp(new App({ outdir }), loadConfig(sandboxEnv(sandbox))).synth();
  stacks = readSynthesizedStacks(outdir);
  // A throwaway certificate for the stacks with a self-signed one, as `npm start` plans them.
  const results = await planStacks(stacks, { steps: ['init', 'validate', 'plan'], env: await sandboxCertificateEnv() });
  outcomes = new Map(results.map((outcome) => [outcome.stack, outcome]));
});

afterAll(async () => {
  await sandbox?.stop();
  if (outdir) rmSync(outdir, { recursive: true, force: true });
});

/** `type.name` of every resource the stack's JSON declares. */
function declaredAddresses(stack: SynthesizedStack): string[] {
  const config = JSON.parse(readFileSync(join(stack.directory, 'cdk.tf.json'), 'utf8')) as {
    resource?: Record<string, Record<string, unknown>>;
  };
  return Object.entries(config.resource ?? {}).flatMap(([type, byName]) =>
    Object.keys(byName).map((name) => `${type}.${name}`),
  );
}

/** Addresses the plan creates, with any for_each/count key dropped (`a.b["x"]` → `a.b`). */
function createdAddresses(planOutput: string): string[] {
  return [...planOutput.matchAll(/^ {2}# (\S+) will be created$/gm)].map((match) => match[1]!.replace(/\[.*\]$/, ''));
}

/** Every stack the shipped app synthesizes, from the run's synthesized app (global setup). */
const ALL_STACKS = stackNames();
/** Stacks with only the aws provider: planned here. */
const AWS_STACKS = ALL_STACKS.filter((name) => providersOf(name).every((provider) => provider === 'aws'));
/** Companion stacks whose providers (mongodbatlas, random) cannot be installed here: synth-tested only. */
const COMPANION_STACKS = ALL_STACKS.filter((name) => !AWS_STACKS.includes(name));

function providersOf(name: string): string[] {
  return Object.keys(synthesizedStack(name).json.provider ?? {});
}

it('plans the state backend first, then every other stack', () => {
  expect(stacks[0]?.name).toBe('state-backend');
  expect(stacks.map((stack) => stack.name).sort()).toEqual([...ALL_STACKS].sort());
  expect(COMPANION_STACKS.every((name) => name.endsWith('-atlas'))).toBe(true);
});

it.each(COMPANION_STACKS)('%s comes after the AWS stack it reads and is skipped with the reason', (name) => {
  const order = stacks.map((stack) => stack.name);
  expect(order.indexOf(name)).toBeGreaterThan(order.indexOf(name.replace(/-atlas$/, '')));
  expect(outcomes.get(name)).toMatchObject({
    status: 'skipped',
    note: expect.stringContaining('mongodb/mongodbatlas'),
  });
});

it.each(AWS_STACKS)('%s validates and plans offline, creating every declared resource and nothing else', (name) => {
  const outcome = outcomes.get(name);
  const stack = stacks.find((candidate) => candidate.name === name) as SynthesizedStack;
  if (outcome?.status !== 'planned') throw new Error(`${name}: ${outcome?.note}\n${outcome?.tail}`);
  expect(outcome.output).toContain('Success! The configuration is valid.');
  const created = createdAddresses(outcome.output);
  expect(outcome.toAdd).toBe(created.length);
  expect([...new Set(created)].sort()).toEqual(declaredAddresses(stack).sort());
});

it('initialises the remote stacks against the sandbox S3 backend', () => {
  for (const name of ['network-dev', 'network-prod']) {
    expect(outcomes.get(name)?.output).toContain('Successfully configured the backend "s3"!');
  }
  expect(outcomes.get('state-backend')?.output).toContain('Successfully configured the backend "local"!');
});

/** Each configured environment's resolved section of a blueprint, with the name of its main stack. */
const { environments } = loadConfig({});
const sections = <K extends 'ec2Web' | 'ecsFullstack' | 'ecsService' | 'network' | 'serverlessWeb' | 'ecsMultiregion'>(
  key: K,
  blueprint: string,
) =>
  environments.flatMap((environment) =>
    environment[key] ? [[`${blueprint}-${environment.name}`, environment[key]!] as const] : [],
  );

/** `+ attribute = value` as terraform plan prints a value it will set. */
function planned(attribute: string, value: string | number | boolean): RegExp {
  const literal = typeof value === 'string' ? `"${value}"` : String(value);
  return new RegExp(`\\+ ${attribute} += ${literal.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\n`);
}

// The plans carry what each environment's config says (the numbers themselves are the config tests').
it.each(sections('ec2Web', 'ec2-web'))('%s plans its configured hosts, AMI parameter and Redis', (name, config) => {
  const output = outcomes.get(name)?.output ?? '';
  expect(output).toMatch(planned('image_id', `resolve:ssm:${config.instances.amiSsmParameter}`));
  expect(output).toMatch(planned('instance_type', config.instances.instanceType));
  expect(output).toMatch(planned('min_size', config.instances.capacity.min));
  expect(output).toMatch(planned('max_size', config.instances.capacity.max));
  expect(output).toMatch(planned('engine_version', config.cache.engineVersion));
  expect(output).toMatch(planned('num_cache_clusters', config.cache.numCacheClusters));
});

it.each(sections('network', 'network'))('%s plans its configured subnets and NAT gateways', (name, config) => {
  const output = outcomes.get(name)?.output ?? '';
  for (const cidr of [...config.publicSubnetCidrs, ...config.privateSubnetCidrs]) {
    expect(output).toMatch(planned('cidr_block', cidr));
  }
  // 1 VPC, 1 default SG, 1 IGW, a subnet per AZ and tier, 3 route tables, 3 routes, an association per subnet,
  // an EIP and a NAT per AZ, flow logs (log group, role, role policy, flow log): 25 with two AZs and per-AZ NAT.
  if (config.natGateways === 'per-az' && config.publicSubnetCidrs.length === 2) {
    expect(outcomes.get(name)?.toAdd).toBe(25);
  }
});

it.each(sections('ecsFullstack', 'ecs-fullstack'))(
  '%s plans its configured database, cache and TLS',
  (name, config) => {
    const output = outcomes.get(name)?.output ?? '';
    expect(output).toMatch(planned('instance_class', config.database.instanceClass));
    expect(output).toMatch(planned('allocated_storage', config.database.allocatedStorageGiB));
    expect(output).toMatch(planned('multi_az', config.database.multiAz));
    expect(output).toMatch(planned('engine_version', config.database.engineVersion));
    expect(output).toMatch(planned('node_type', config.cache.nodeType));
    expect(output).toMatch(planned('num_cache_clusters', config.cache.numCacheClusters));
    expect(output).toMatch(planned('ssl_policy', config.loadBalancer.sslPolicy));
    // Both validation records (apex and wildcard share one, keyed by domain) are planned from known keys.
    expect(output).toMatch(
      /# aws_route53_record\.dns_certificate-validation_[0-9A-F]{8}\["\*\.[a-z.]+"\] will be created/,
    );
  },
);

it.each(sections('serverlessWeb', 'serverless-web'))(
  '%s plans its function, API stage, Aurora capacity and cache limits, and exactly its resources',
  (name, config) => {
    const output = outcomes.get(name)?.output ?? '';
    const prefix = `${config.appName}-${name.replace('serverless-web-', '')}`;
    expect(output).toMatch(planned('function_name', `${prefix}-api`));
    expect(output).toMatch(planned('memory_size', config.lambda.memoryMiB));
    expect(output).toMatch(planned('min_capacity', config.database.minCapacity));
    expect(output).toMatch(planned('max_capacity', config.database.maxCapacity));
    expect(output).toMatch(planned('engine_version', config.database.engineVersion));
    expect(output).toMatch(planned('maximum', config.cache.dataStorageGb.maximumGb));
    expect(output).toMatch(planned('dashboard_name', `${prefix}-overview`));
    // Staging, the document: 147 resources (148 instances: the certificate's two validation names). Prod: a NAT
    // gateway, its EIP, route table and route per AZ (+4) and an Aurora reader (+1), but no account-level API Gateway
    // role, which staging creates for the account (-3). Both: the roles' permissions boundary (+1).
    const expected: Record<string, number> = { 'serverless-web-staging': 149, 'serverless-web-prod': 151 };
    expect(outcomes.get(name)?.toAdd).toBe(expected[name]);
    // The DR stack: the vault, its access policy, its key and the key's alias.
    expect(outcomes.get(`${name}-dr`)?.toAdd).toBe(4);
    expect(outcomes.get(`${name}-dr`)?.output).toMatch(planned('name', `${prefix}-dr`));
  },
);

it.each(sections('ecsService', 'ecs-service'))(
  '%s plans its configured task, capacity, TLS and certificate, and exactly its resources',
  (name, config) => {
    const outcome = outcomes.get(name);
    const output = outcome?.output ?? '';
    expect(output).toMatch(planned('cpu', String(config.service.cpu)));
    expect(output).toMatch(planned('memory', String(config.service.memoryMiB)));
    expect(output).toMatch(planned('desired_count', config.service.capacity.desired));
    expect(output).toMatch(planned('ssl_policy', config.loadBalancer.sslPolicy));
    if (config.certificate.mode === 'self-signed') {
      // The PEMs come from the variables; the plan shows the key as sensitive, never its value.
      expect(output).toMatch(/\+ private_key += \(sensitive value\)/);
    }
    // With two AZs, per-AZ NAT, access logs and the account's existing OIDC provider: the network 25, the load
    // balancer 15 (group, 3 rules, target group, 2 listeners, log bucket 7, itself), cluster 3, service 12 (log
    // group, group + 2 rules, 2 roles + policy, task definition, service, target + 2 scaling policies), repository 2,
    // secret 3, alarms 11 (topic with key, alias, policy, subscription; 5 alarms; dashboard), deploy role 2, the
    // load balancer's web ACL and its association 2 = 75, and
    // the certificate: 1 imported (self-signed), or 7 for DNS (zone, certificate, 2 validation records, validation,
    // A and AAAA aliases), or none (ACM).
    const shape =
      config.network.natGateways === 'per-az' && !config.network.existing && config.loadBalancer.accessLogs.enabled;
    if (shape && config.github.oidcProvider === 'existing') {
      expect(outcome?.toAdd).toBe(
        75 + { 'self-signed': 1, dns: 7, 'dns-existing-zone': 4, acm: 0 }[config.certificate.mode],
      );
    }
  },
);

it.each(sections('ecsMultiregion', 'ecs-multiregion'))(
  '%s-primary and -secondary plan their regions, the blue/green service, the pipeline, and exactly their resources',
  (name, config) => {
    const primary = outcomes.get(`${name}-primary`)?.output ?? '';
    const secondary = outcomes.get(`${name}-secondary`)?.output ?? '';
    expect(primary).toMatch(planned('cidr_block', config.network.primary.vpcCidr));
    expect(secondary).toMatch(planned('cidr_block', config.network.secondary.vpcCidr));
    for (const output of [primary, secondary]) {
      expect(output).toMatch(planned('type', 'CODE_DEPLOY'));
      expect(output).toMatch(planned('max_capacity', config.service.capacity.max));
      expect(output).toMatch(planned('deployment_type', 'BLUE_GREEN'));
    }
    expect(primary).toMatch(planned('pipeline_type', 'V2'));
    // Both regions (counted from the synthesized stacks): network 21 (one NAT), the load balancer 16 (dev's
    // secondary: blue, green and the test listener), WAF 2, cluster 3, repository 2, settings 3 (key, alias,
    // parameter), service 12, CodeDeploy 4, alarm topic 5, 5 alarms, dashboard, artifact store 9 = 83. The primary
    // adds staging (its target group, listener and SG rule: +4 on the load balancer; settings 3, service 12), the
    // build 4, the pipeline 3 and its failure rule and target 2, and the source: a connection (github: 1) or a
    // repository 3, protection 3, mirror 8 and the pipeline's push trigger 4 (codecommit), and the replication rule
    // where the environment creates it. A domain adds per region the certificate 3, the HTTPS listener with its SG
    // rule 2, and the failover record with its health check 2; the secondary holds the CodeCommit replica 3.
    const expected: Record<string, [number, number]> = {
      'ecs-multiregion-dev': [112, 83],
      'ecs-multiregion-prod': [137, 93],
    };
    expect([outcomes.get(`${name}-primary`)?.toAdd, outcomes.get(`${name}-secondary`)?.toAdd]).toEqual(expected[name]);
  },
);
