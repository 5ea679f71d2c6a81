/**
 * Where the synthesized stacks are meant to run.
 *
 * - `aws`: a real account. Providers use the caller's credentials and honour `allowed_account_ids`; the S3 backend
 *   talks to AWS.
 * - `sandbox`: the embedded emulators (s3rver for S3, dynalite for DynamoDB) on 127.0.0.1. The S3 backend points at
 *   them with path-style addressing, fake credentials and the skip_* flags; providers get fake credentials so that
 *   `terraform plan` runs with no AWS account at all. `allowed_account_ids` is left out because the provider cannot
 *   learn the account without calling STS ("AWS account ID not allowed: " otherwise).
 */
export type DeploymentTarget = { readonly kind: 'aws' } | SandboxTarget;

export interface SandboxTarget {
  readonly kind: 'sandbox';
  /** s3rver endpoint, e.g. `http://127.0.0.1:4569`. */
  readonly s3Endpoint: string;
  /** dynalite endpoint, e.g. `http://127.0.0.1:4567`. */
  readonly dynamodbEndpoint: string;
}

/** The credentials both emulators accept (s3rver's defaults). Not a secret: they only open the local sandbox. */
export const SANDBOX_CREDENTIALS = { accessKey: 'S3RVER', secretKey: 'S3RVER' } as const;

export const AWS_TARGET: DeploymentTarget = { kind: 'aws' };
