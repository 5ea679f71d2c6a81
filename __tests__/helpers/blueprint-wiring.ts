/**
 * Lookups the blueprint tests share: the configured environments that deploy a blueprint, a config variant of a
 * shipped environment, and a synthesized stack's security-group rules and network read back in the terms the config
 * uses, so a test can compare the JSON with the environment's resolved section.
 */
import { loadConfig } from '../../src/config/load';
import type { NetworkConfig } from '../../src/config/network-schema';
import { project as shippedProject } from '../../src/config/project';
import type { EnvironmentConfig, ProjectConfig } from '../../src/config/schema';
import { GITHUB_OIDC_HOST } from '../../modules/github-oidc';
import { environmentsWith, type Patch } from './config';
import type { Template } from './template';

type Block = Record<string, unknown>;

/** The blueprint sections an environment may configure. */
export type SectionKey = 'ec2Web' | 'ecsFullstack' | 'ecsService' | 'serverlessWeb' | 'ecsMultiregion';

/** The shipped environments, resolved, that configure `key`: the ones that get the blueprint's stacks. */
export function environmentsDeploying(key: SectionKey): EnvironmentConfig[] {
  return loadConfig({}).environments.filter((environment) => environment[key] !== undefined);
}

/** The shipped environment `name` with `patch` merged into it, loaded and validated like the shipped configuration. */
export function configVariant(name: string, patch: Patch): { project: ProjectConfig; environment: EnvironmentConfig } {
  const { project, environments } = loadConfig(
    {},
    { project: shippedProject, environments: environmentsWith(name, patch) },
  );
  return { project, environment: environments.find((environment) => environment.name === name)! };
}

/** The ingress (or egress) rules of the security group at `groupPath`: ports, protocol and peer. */
export function rulesOf(t: Template, direction: 'ingress' | 'egress', groupPath: string): Block[] {
  const groupRef = t.ref('aws_security_group', groupPath);
  const rules = t
    .all(`aws_vpc_security_group_${direction}_rule`)
    .filter((rule) => rule.security_group_id === groupRef)
    // Without the group, the description and the metadata that `cdktf synth` writes (`//`) and Testing.synth does not.
    .map(({ security_group_id: _group, description: _description, '//': _metadata, ...rest }) => rest);
  return sortedRules(rules);
}

/** Rules in one order whatever order they were written in: by port, then by peer. */
export function sortedRules(rules: readonly Block[]): Block[] {
  const key = (rule: Block) => `${String(rule.from_port ?? '').padStart(5, '0')} ${JSON.stringify(rule)}`;
  return [...rules].sort((a, b) => key(a).localeCompare(key(b)));
}

/** A TCP rule on `port` whose peer is the security group at `groupPath`. */
export function fromGroup(t: Template, port: number, groupPath: string): Block {
  return {
    ip_protocol: 'tcp',
    from_port: port,
    to_port: port,
    referenced_security_group_id: t.ref('aws_security_group', groupPath),
  };
}

/** A TCP rule on `port` whose peer is `cidr`. */
export function fromCidr(cidr: string, port: number): Block {
  return { ip_protocol: 'tcp', from_port: port, to_port: port, cidr_ipv4: cidr };
}

/**
 * The security groups (by construct path) that rules of the stack open, each once: a rule on a group a test does not
 * name shows up here.
 */
export function groupsWithRules(t: Template, groupPaths: readonly string[]): string[] {
  const pathOf = new Map(groupPaths.map((path) => [t.ref('aws_security_group', path), path]));
  const groups = [...t.all('aws_vpc_security_group_ingress_rule'), ...t.all('aws_vpc_security_group_egress_rule')].map(
    (rule) => pathOf.get(String(rule.security_group_id)) ?? String(rule.security_group_id),
  );
  return [...new Set(groups)].sort();
}

interface NetworkShape {
  readonly vpcCidr: unknown;
  /** [CIDR, AZ] of each subnet, by index. */
  readonly publicSubnets: unknown[][];
  readonly privateSubnets: unknown[][];
  readonly natGateways: number;
  readonly flowLogRetentionDays: unknown;
}

/** The VPC a blueprint stack created (construct `network`), in the terms of its `network` config section. */
export function networkOf(t: Template): NetworkShape {
  const subnets = (tier: string) =>
    Object.keys(t.resources('aws_subnet'))
      .filter((id) => id.startsWith(`network_${tier}-subnet-`))
      .map((_, index) => {
        const subnet = t.resource('aws_subnet', `network/${tier}-subnet-${index}`);
        return [subnet.cidr_block, subnet.availability_zone];
      });
  const flowLogGroups = Object.keys(t.resources('aws_cloudwatch_log_group')).filter((id) =>
    id.startsWith('network_flow-log-group'),
  );
  return {
    vpcCidr: t.resource('aws_vpc', 'network/vpc').cidr_block,
    publicSubnets: subnets('public'),
    privateSubnets: subnets('private'),
    natGateways: t.count('aws_nat_gateway'),
    flowLogRetentionDays:
      flowLogGroups.length > 0
        ? t.resource('aws_cloudwatch_log_group', 'network/flow-log-group').retention_in_days
        : undefined,
  };
}

/** What {@link networkOf} must read for a blueprint whose `network` section is `network`, in `environment`. */
export function configuredNetwork(environment: EnvironmentConfig, network: NetworkConfig): NetworkShape {
  const zones = environment.availabilityZones[environment.region]!;
  const natGateways = { 'per-az': zones.length, single: 1, none: 0 }[network.natGateways];
  return {
    vpcCidr: network.vpcCidr,
    publicSubnets: network.publicSubnetCidrs.map((cidr, index) => [cidr, zones[index]]),
    privateSubnets: network.privateSubnetCidrs.map((cidr, index) => [cidr, zones[index]]),
    natGateways,
    flowLogRetentionDays: network.flowLogs.enabled ? network.flowLogs.retentionInDays : undefined,
  };
}

/** `[ref of subnet 0, ref of subnet 1, …]` of a tier of the stack's network, as resources list their subnets. */
export function subnetRefs(t: Template, tier: 'public' | 'private', count: number): string[] {
  return Array.from({ length: count }, (_, index) => t.ref('aws_subnet', `network/${tier}-subnet-${index}`));
}

/** What both blueprints' `cache` sections say about their Redis replication group. */
interface CacheSection {
  readonly engineVersion: string;
  readonly nodeType: string;
  readonly numCacheClusters: number;
  readonly automaticFailover: boolean;
  readonly port: number;
  readonly transitEncryption: boolean;
  readonly snapshotRetentionDays: number;
  readonly snapshotWindow: string;
  readonly maintenanceWindow: string;
}

/**
 * The stack's Redis (construct `cache`) is the `cache` section's replication group, named `replicationGroupId`, in a
 * subnet group of the `subnetCount` private subnets, behind its own security group.
 */
export function expectRedisFromConfig(
  t: Template,
  replicationGroupId: string,
  cache: CacheSection,
  subnetCount: number,
): void {
  expect(t.resource('aws_elasticache_replication_group', 'cache/replication-group')).toMatchObject({
    replication_group_id: replicationGroupId,
    engine_version: cache.engineVersion,
    node_type: cache.nodeType,
    num_cache_clusters: cache.numCacheClusters,
    automatic_failover_enabled: cache.automaticFailover,
    port: cache.port,
    transit_encryption_enabled: cache.transitEncryption,
    snapshot_retention_limit: cache.snapshotRetentionDays,
    snapshot_window: cache.snapshotWindow,
    maintenance_window: cache.maintenanceWindow,
    subnet_group_name: t.ref('aws_elasticache_subnet_group', 'cache/subnet-group', 'name'),
    security_group_ids: [t.ref('aws_security_group', 'cache/security-group/group')],
  });
  expect(t.resource('aws_elasticache_subnet_group', 'cache/subnet-group')).toMatchObject({
    subnet_ids: subnetRefs(t, 'private', subnetCount),
  });
}

/**
 * The stack's ALB (construct `alb`) is named `name`, in the `subnetCount` public subnets behind its own security
 * group, with the `loadBalancer` section's deletion protection and access-log settings.
 */
export function expectLoadBalancerFromConfig(
  t: Template,
  name: string,
  loadBalancer: {
    readonly deletionProtection: boolean;
    readonly accessLogs: { readonly enabled: boolean; readonly expirationDays: number };
  },
  subnetCount: number,
): void {
  expect(t.resource('aws_lb', 'alb/load-balancer')).toMatchObject({
    name,
    subnets: subnetRefs(t, 'public', subnetCount),
    security_groups: [t.ref('aws_security_group', 'alb/sg/group')],
    enable_deletion_protection: loadBalancer.deletionProtection,
    access_logs: { enabled: loadBalancer.accessLogs.enabled },
  });
  expect(t.resource('aws_s3_bucket_lifecycle_configuration', 'alb/access-logs/bucket/lifecycle')).toMatchObject({
    rule: [{ expiration: [{ days: loadBalancer.accessLogs.expirationDays }] }],
  });
}

export interface Condition {
  readonly test: string;
  readonly variable: string;
  readonly values: readonly string[];
}

/**
 * For every IAM role whose trust names a federated principal: the reasons workflows of another repository could
 * assume it — no `aud` pinned to sts.amazonaws.com, no `sub` condition, a `sub` value with a wildcard or not naming
 * one repository. Keyed by role name; `[]` means only the named repository's runs can assume the role. A federated
 * trust the helper cannot read (not an `aws_iam_policy_document`) is a problem too, so the check fails closed.
 */
export function githubTrustProblems(t: Template): Record<string, string[]> {
  const documents = t.dataSources('aws_iam_policy_document');
  const problemsByRole: Record<string, string[]> = {};
  for (const role of t.all('aws_iam_role')) {
    const trust = String(role.assume_role_policy);
    const documentId = /^\$\{data\.aws_iam_policy_document\.([^.}]+)\.json\}$/.exec(trust)?.[1];
    const name = String(role.name);
    if (documentId === undefined) {
      if (/Federated|oidc-provider/.test(trust)) problemsByRole[name] = ['federated trust policy that is not checked'];
      continue;
    }
    const statements = (documents[documentId]?.statement ?? []) as Array<{
      principals?: Array<{ type: string }>;
      condition?: Condition[];
    }>;
    const federated = statements.filter((statement) => statement.principals?.some((p) => p.type === 'Federated'));
    if (federated.length === 0) continue;
    const problems: string[] = [];
    for (const statement of federated) {
      const conditions = statement.condition ?? [];
      const audience = conditions.filter((c) => c.variable === `${GITHUB_OIDC_HOST}:aud`);
      const subject = conditions.filter((c) => c.variable === `${GITHUB_OIDC_HOST}:sub`);
      const audiencePinned = audience.some(
        (c) => c.test === 'StringEquals' && c.values.length === 1 && c.values[0] === 'sts.amazonaws.com',
      );
      if (!audiencePinned) problems.push('aud is not pinned to sts.amazonaws.com with StringEquals');
      if (subject.length === 0) problems.push('no sub condition: every repository could assume it');
      for (const value of subject.flatMap((c) => c.values)) {
        if (/[*?]/.test(value)) problems.push(`sub "${value}" has a wildcard`);
        else if (!/^repo:[^/:]+\/[^/:]+:./.test(value)) problems.push(`sub "${value}" does not name one repository`);
      }
    }
    problemsByRole[name] = problems;
  }
  return problemsByRole;
}
