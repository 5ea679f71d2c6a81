import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import type { Construct } from 'constructs';
import { SANDBOX_CREDENTIALS, type DeploymentTarget } from './deployment-target';

export interface AwsProviderSettings {
  /** AWS region of every resource this provider manages. Required. */
  readonly region: string;
  /** Accounts the provider may act in (`allowed_account_ids`); honoured for the `aws` target. Default: no restriction. */
  readonly allowedAccountIds?: readonly string[];
  /** Tags put on every taggable resource (`default_tags`). Default: none. */
  readonly defaultTags?: Readonly<Record<string, string>>;
  /** Provider alias for a second region or account. Default: the default provider. */
  readonly alias?: string;
  /** Real account or the local sandbox. Required, so no stack forgets to choose. */
  readonly target: DeploymentTarget;
}

/** The one way this project configures an AWS provider, so tags, account guards and sandbox wiring never drift. */
export function createAwsProvider(scope: Construct, id: string, settings: AwsProviderSettings): AwsProvider {
  const offline =
    settings.target.kind === 'sandbox'
      ? {
          accessKey: SANDBOX_CREDENTIALS.accessKey,
          secretKey: SANDBOX_CREDENTIALS.secretKey,
          skipCredentialsValidation: true,
          skipRequestingAccountId: true,
          skipMetadataApiCheck: 'true',
          skipRegionValidation: true,
        }
      : { allowedAccountIds: settings.allowedAccountIds ? [...settings.allowedAccountIds] : undefined };
  return new AwsProvider(scope, id, {
    region: settings.region,
    alias: settings.alias,
    defaultTags: settings.defaultTags ? [{ tags: { ...settings.defaultTags } }] : undefined,
    ...offline,
  });
}
