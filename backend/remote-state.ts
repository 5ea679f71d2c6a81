/**
 * S3 backend wiring for every stack except the bootstrap one.
 *
 * State key scheme: `<keyPrefix>/<stack name>/terraform.tfstate`, e.g. `aws-blueprints/ecs-fullstack-prod/terraform.tfstate`.
 * One key per stack means one lock per stack: two stacks never wait on each other, and a stack's state can be moved,
 * restored or deleted alone. The stack name already carries the environment, so dev and prod never share a key.
 */
import { S3Backend, type S3BackendConfig, type TerraformStack } from 'cdktf';
import { SANDBOX_CREDENTIALS, type DeploymentTarget } from '../modules/core/deployment-target';

export interface RemoteStateSettings {
  /** State bucket (created by the `state-backend` stack). */
  readonly bucket: string;
  /** DynamoDB lock table with a `LockID` string hash key (created by the `state-backend` stack). */
  readonly lockTable: string;
  /** Region of the bucket and the table. */
  readonly region: string;
  /** First segment of every state key. */
  readonly keyPrefix: string;
  /**
   * Also emit `use_lockfile = true` (S3-native locking). Terraform 1.11 deprecates `dynamodb_table`; setting both is
   * the documented migration path: both locks are taken until the table is dropped.
   */
  readonly useLockfile: boolean;
  /** Role to assume for state access, when state lives in another account. Default: the caller's credentials. */
  readonly roleArn?: string;
}

export function stateKey(keyPrefix: string, stackName: string): string {
  return `${keyPrefix}/${stackName}/terraform.tfstate`;
}

/** The backend block a stack gets, as plain config (exposed for tests and for the runbook). */
export function s3BackendConfig(
  settings: RemoteStateSettings,
  stackName: string,
  target: DeploymentTarget,
): S3BackendConfig {
  const common: S3BackendConfig = {
    bucket: settings.bucket,
    key: stateKey(settings.keyPrefix, stackName),
    region: settings.region,
    encrypt: true,
    dynamodbTable: settings.lockTable,
  };
  if (target.kind === 'sandbox') {
    return {
      ...common,
      endpoints: { s3: target.s3Endpoint, dynamodb: target.dynamodbEndpoint },
      usePathStyle: true,
      accessKey: SANDBOX_CREDENTIALS.accessKey,
      secretKey: SANDBOX_CREDENTIALS.secretKey,
      skipCredentialsValidation: true,
      skipRequestingAccountId: true,
      skipMetadataApiCheck: true,
      skipRegionValidation: true,
      skipS3Checksum: true,
    };
  }
  return settings.roleArn ? { ...common, assumeRole: { roleArn: settings.roleArn } } : common;
}

export function useRemoteState(
  stack: TerraformStack,
  settings: RemoteStateSettings,
  target: DeploymentTarget,
): S3Backend {
  const backend = new S3Backend(stack, s3BackendConfig(settings, stack.node.id, target));
  // cdktf 0.21's S3Backend has no useLockfile prop; the override emits it beside dynamodb_table. Not in the sandbox:
  // s3rver ignores If-None-Match, so a lockfile there gives no mutual exclusion and a contender deletes the holder's.
  if (settings.useLockfile && target.kind === 'aws') backend.addOverride('use_lockfile', true);
  return backend;
}
