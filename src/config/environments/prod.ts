import type { EnvironmentInput } from '../schema';

/**
 * Production: the documents' prod values (production defaults: deletion protection, longer retention, Redis
 * failover) and the prod profiles. Same example account as dev, whose stack creates the GitHub OIDC provider.
 */
export const prod: EnvironmentInput = {
  name: 'prod',
  production: true,
  accountId: '123456789012',
  region: 'us-east-1',
  contactEmail: 'platform-alerts@example.com',
  tags: { owner: 'platform-engineering', 'cost-center': 'production' },
  network: {},
  ecsFullstack: { profile: 'prod' },
  ec2Web: { github: { oidcProvider: 'existing' } },
  // Production's defaults: a DNS-validated certificate, deploys only from the GitHub environment "prod".
  ecsService: { github: { oidcProvider: 'existing' } },
  serverlessWeb: {
    profile: 'prod',
    // Production's own domain (an example, like the account id); staging has the document's.
    dns: { domainName: 'bardhi.konitron.com' },
    // Staging creates the account's API Gateway CloudWatch role in us-east-1.
    api: { cloudWatchRole: 'existing' },
  },
  // A name in an existing zone (an example id): certificates per region and the health-checked failover pair.
  ecsMultiregion: {
    domain: { zoneId: 'Z0EXAMPLE1234567890AB', recordName: 'globalapp.example.com' },
  },
};
