import type { EnvironmentInput } from '../schema';

/** Development: the documents' defaults and the dev profiles. This environment creates the account's OIDC provider. */
export const dev: EnvironmentInput = {
  name: 'dev',
  production: false,
  accountId: '123456789012',
  region: 'us-east-1',
  contactEmail: 'platform-alerts@example.com',
  tags: { owner: 'platform-engineering', 'cost-center': 'development' },
  network: {},
  ecsFullstack: { profile: 'dev' },
  ec2Web: {},
  // The document's self-signed certificate; the OIDC provider is ec2-web's (one per account).
  ecsService: { github: { oidcProvider: 'existing' } },
  // No domain, so HTTP only; and the GitHub source: the choice where CodeCommit is closed to new customers.
  ecsMultiregion: { loadBalancer: { allowPlainHttp: true }, source: { provider: 'github' } },
};
