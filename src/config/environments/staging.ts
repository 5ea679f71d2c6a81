import type { EnvironmentInput } from '../schema';

/**
 * Staging: production-like sizes without production's guards, in the same (example) account as dev and prod, so it
 * uses the GitHub OIDC provider that dev creates. No shared `network` stack: each blueprint creates its own VPC, and
 * a VPC nobody uses would only cost its NAT gateways.
 */
export const staging: EnvironmentInput = {
  name: 'staging',
  production: false,
  accountId: '123456789012',
  region: 'us-east-1',
  contactEmail: 'platform-alerts@example.com',
  tags: { owner: 'platform-engineering', 'cost-center': 'staging' },
  ecsFullstack: { profile: 'prod' },
  ec2Web: { github: { oidcProvider: 'existing' } },
  // Seed 004's own environment: its names (apprentice-final-staging-*) and stage, as the document gives them.
  serverlessWeb: {},
};
