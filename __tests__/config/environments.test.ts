/**
 * What the environment schema adds over the blueprint sections: how a shipped section is resolved (defaults, profile,
 * file), per-region AZs, account-level resources created once, profiles, and bring-your-own network, each failing
 * with its config path.
 */
import { App } from 'cdktf';
import { AWS_TARGET } from '../../modules/core/deployment-target';
import { blueprints } from '../../src/blueprints';
import { EcsFullstackStack } from '../../src/blueprints/ecs-fullstack/stack';
import { environments as environmentFiles } from '../../src/config/environments';
import { loadConfig } from '../../src/config/load';
import { mergeLayers } from '../../src/config/merge';
import { project } from '../../src/config/project';
import { environmentsWith, loadError } from '../helpers/config';
import { Template, testApp } from '../helpers/template';
import { expectIssue } from '../helpers/validation';

const EXISTING = {
  vpcId: 'vpc-0123456789abcdef0',
  publicSubnetIds: ['subnet-0aaaaaaaaaaaaaaa1', 'subnet-0aaaaaaaaaaaaaaa2'],
  privateSubnetIds: ['subnet-0bbbbbbbbbbbbbbb1', 'subnet-0bbbbbbbbbbbbbbb2'],
};
/** ec2-web's existing network also names its NAT IPs (Atlas's access list). */
const EXISTING_WITH_NAT = { ...EXISTING, natPublicIps: ['203.0.113.10', '203.0.113.11'] };

describe('shipped sections', () => {
  const resolved = loadConfig({}).environments;
  const sections = environmentFiles.flatMap((file) =>
    blueprints
      .filter((blueprint) => (file as Record<string, unknown>)[blueprint.configKey] !== undefined)
      .map((blueprint) => [`${file.name}.${blueprint.configKey}`, file, blueprint] as const),
  );

  it.each(sections)(
    "resolve %s as the blueprint's defaults for the environment, then its profile, then the environment file",
    (_section, file, blueprint) => {
      const own = (file as Record<string, unknown>)[blueprint.configKey] as Record<string, unknown>;
      const defaults = blueprint.defaults({ name: file.name, production: file.production }) as Record<string, unknown>;
      const profile = blueprint.profiles?.[String(own.profile ?? defaults.profile)] ?? {};
      const environment = resolved.find((candidate) => candidate.name === file.name) as Record<string, unknown>;
      expect(environment[blueprint.configKey]).toEqual(
        blueprint.schema.parse(mergeLayers(mergeLayers(defaults, profile), own)),
      );
    },
  );
});

describe('environments', () => {
  it('refuse a second environment of the same account creating the GitHub OIDC provider, naming both', () => {
    expectIssue(
      loadError(environmentsWith('staging', { ec2Web: { github: { oidcProvider: 'create' } } })),
      'environments.staging.ec2Web.github.oidcProvider',
      'create',
      /creates the GitHub OIDC provider of account 123456789012, which environments\.dev\.ec2Web\.github\.oidcProvider creates too/,
    );
  });

  it('let two environments in different accounts each create their OIDC provider', () => {
    const environments = environmentsWith('staging', {
      accountId: '210987654321',
      ec2Web: { github: { oidcProvider: 'create' } },
    });
    expect(() => loadConfig({}, { project, environments })).not.toThrow();
  });

  it('refuse an unknown profile at its path', () => {
    expectIssue(
      loadError(environmentsWith('dev', { ecsFullstack: { profile: 'huge' } })),
      'environments.dev.ecsFullstack.profile',
      'huge',
      /^must be "dev" or "prod"$/,
    );
  });

  it('need availability zones for the environment region', () => {
    expectIssue(
      loadError(environmentsWith('dev', { region: 'eu-west-1' })),
      'environments.dev.availabilityZones',
      { 'us-east-1': ['us-east-1a', 'us-east-1b'], 'us-west-2': ['us-west-2a', 'us-west-2b'] },
      /has no entry for the environment's region eu-west-1/,
    );
  });

  it('accept AZs for a new region beside the defaults', () => {
    const environments = environmentsWith('dev', {
      region: 'eu-west-1',
      availabilityZones: { 'eu-west-1': ['eu-west-1a', 'eu-west-1b'] },
    });
    const dev = loadConfig({}, { project, environments }).environments.find((e) => e.name === 'dev')!;
    expect(dev.availabilityZones['eu-west-1']).toEqual(['eu-west-1a', 'eu-west-1b']);
  });
});

describe('network.existing', () => {
  it('refuses a malformed VPC id and a subnet count that does not match the AZs', () => {
    const error = loadError(
      environmentsWith('dev', {
        ecsFullstack: {
          network: { existing: { ...EXISTING, vpcId: 'vpc-12', privateSubnetIds: ['subnet-0bbbbbbb'] } },
        },
      }),
    );
    expectIssue(error, 'environments.dev.ecsFullstack.network.existing.vpcId', 'vpc-12', /must be a VPC id/);
    expectIssue(
      error,
      'environments.dev.ecsFullstack.network.existing.privateSubnetIds',
      ['subnet-0bbbbbbb'],
      /has 1 subnet\(s\) but 2 availability zone\(s\) are configured/,
    );
  });

  it('needs the NAT IPs for MongoDB Atlas in ec2-web (Atlas admits only them), once each', () => {
    expectIssue(
      loadError(environmentsWith('dev', { ec2Web: { network: { existing: EXISTING } } })),
      'environments.dev.ec2Web.network.existing.natPublicIps',
      undefined,
      /must list at least one IPv4 address or CIDR block/,
    );
    const twice = { ...EXISTING_WITH_NAT, natPublicIps: ['203.0.113.10', '203.0.113.10'] };
    expectIssue(
      loadError(environmentsWith('dev', { ec2Web: { network: { existing: twice } } })),
      'environments.dev.ec2Web.network.existing.natPublicIps[1]',
      '203.0.113.10',
      /is listed more than once/,
    );
    const environments = environmentsWith('dev', { ec2Web: { network: { existing: EXISTING_WITH_NAT } } });
    expect(() => loadConfig({}, { project, environments })).not.toThrow();
  });

  it('takes no NAT IPs in ecs-fullstack, where nothing uses them', () => {
    expectIssue(
      loadError(environmentsWith('dev', { ecsFullstack: { network: { existing: EXISTING_WITH_NAT } } })),
      'environments.dev.ecsFullstack.network.existing.natPublicIps',
      EXISTING_WITH_NAT.natPublicIps,
      /is not a known setting/,
    );
  });

  it('puts the blueprint in the existing VPC: no VPC of its own, the given subnets', () => {
    const environments = environmentsWith('dev', { ecsFullstack: { network: { existing: EXISTING } } });
    const config = loadConfig({}, { project, environments });
    const environment = config.environments.find((e) => e.name === 'dev')!;
    const stack = new EcsFullstackStack(testApp() as App, {
      project,
      environment,
      target: AWS_TARGET,
      config: environment.ecsFullstack!,
    });
    const t = Template.fromStack(stack);
    expect(t.count('aws_vpc')).toBe(0);
    expect(t.count('aws_subnet')).toBe(0);
    expect(t.resource('aws_lb', 'alb/load-balancer')).toMatchObject({ subnets: EXISTING.publicSubnetIds });
    expect(t.resource('aws_security_group', 'alb/sg/group')).toMatchObject({ vpc_id: EXISTING.vpcId });
    expect(t.resource('aws_db_subnet_group', 'database/subnet-group')).toMatchObject({
      subnet_ids: EXISTING.privateSubnetIds,
    });
  });
});
