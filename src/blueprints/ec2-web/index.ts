/**
 * Catalogue entry of `ec2-web` (seed 000): `ec2-web-<env>` and, with MongoDB Atlas, `ec2-web-<env>-atlas`, for every
 * environment with the section.
 */
import { networkIssues } from '../../config/network-schema';
import { defineBlueprint, type SectionIssue } from '../blueprint';
import { ec2WebDefaults, ec2WebSchema } from './schema';
import { createEc2WebStacks } from './stack';

export const ec2Web = defineBlueprint({
  name: 'ec2-web',
  configKey: 'ec2Web',
  description:
    'Seed 000: CloudFront + S3 SPA, ALB + EC2 Auto Scaling (Docker from ECR), Redis, MongoDB Atlas companion stack, GitHub OIDC.',
  schema: ec2WebSchema,
  defaults: ec2WebDefaults,
  check: (config, environment) => {
    const issues: SectionIssue[] = networkIssues(config.network, environment.availabilityZones[environment.region]!);
    config.instances.sshCidrs.forEach((cidr, index) => {
      if (environment.production && cidr.endsWith('/0')) {
        const message = 'must not open SSH to the whole internet in production';
        issues.push({ path: ['instances', 'sshCidrs', index], message });
      }
    });
    if (
      config.network.existing &&
      config.mongodb.mode === 'atlas' &&
      config.network.existing.natPublicIps.length === 0
    ) {
      const message = 'must list the NAT public IPs with mongodb.mode "atlas": Atlas admits only them';
      issues.push({ path: ['network', 'existing', 'natPublicIps'], message });
    }
    return issues;
  },
  accountSingletons: (config) =>
    config.github.oidcProvider === 'create'
      ? [{ resource: 'the GitHub OIDC provider', path: ['github', 'oidcProvider'] }]
      : [],
  create: (scope, context) => createEc2WebStacks(scope, context),
});
