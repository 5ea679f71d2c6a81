import type { ProjectConfig } from './project-schema';

/**
 * Settings shared by every stack. The account id and bucket name are examples: replace them (or override them with
 * CONFIG_OVERRIDES) before deploying to a real account. S3 bucket names are global, so the account id is part of it.
 */
export const project: ProjectConfig = {
  name: 'aws-blueprints',
  stateBackend: {
    accountId: '123456789012',
    region: 'us-east-1',
    bucket: 'aws-blueprints-tfstate-123456789012',
    lockTable: 'aws-blueprints-tflock',
    keyPrefix: 'aws-blueprints',
    useLockfile: false,
    noncurrentVersionExpirationDays: 90,
  },
};
