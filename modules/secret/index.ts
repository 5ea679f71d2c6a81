/**
 * A Secrets Manager secret encrypted with its own customer-managed KMS key (yearly rotation on), for what an
 * application reads at start: a database's host, port, user and password as one JSON object.
 *
 * - The key's policy lets the account administer and use it, so IAM policies decide who may decrypt: a reader (an ECS
 *   task execution role) needs `secretsmanager:GetSecretValue` on {@link EncryptedSecret.secretArn} and `kms:Decrypt`
 *   on {@link EncryptedSecret.keyArn}, exactly these two ARNs.
 * - The value is not managed here. Terraform would keep it in its state in clear, and every role that plans the stack
 *   would need `secretsmanager:GetSecretValue` to refresh it. Operators put it once, out of band:
 *   `aws secretsmanager put-secret-value --secret-id <name> --secret-string '{"DB_HOST": ...}'`. Until then the secret
 *   has no current version and a reader fails to start.
 * - `jsonKeys` lists the keys the value holds; {@link EncryptedSecret.valueFrom} gives an ECS `valueFrom` for one of
 *   them (`<secret ARN>:<key>::`).
 * - A deleted secret can be restored for `recoveryWindowInDays`; a deleted key for `keyDeletionWindowInDays`.
 */
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { Construct } from 'constructs';
import { checkInteger, isLiteral } from '../core/checks';
import { assertNoIssues, joinPath, type ValidationIssue } from '../core/validation';

export interface EncryptedSecretProps {
  /** The secret's name, e.g. `web-dev/database`: 1-512 of `A-Za-z0-9/_+=.@-`. Required. */
  readonly name: string;
  /** The secret's description. Default: `<name>, encrypted with its own KMS key`. */
  readonly description?: string;
  /** The 12-digit account that owns the key and the secret: the key policy's administrator. Required. */
  readonly accountId: string;
  /** AWS partition of the account (`aws`, `aws-cn`, `aws-us-gov`). Default: `aws`. */
  readonly partition?: string;
  /** Keys of the JSON object the secret holds, each 1-128 characters without `:`. Default: none. */
  readonly jsonKeys?: readonly string[];
  /** Days a deleted secret can be restored: 7 to 30, or 0 to delete at once (the weaker choice). Default: 30. */
  readonly recoveryWindowInDays?: number;
  /** Days before a deleted key is gone, 7 to 30. Default: 30. */
  readonly keyDeletionWindowInDays?: number;
  /** Tags on the key and the secret, beside the provider's default tags. Default: none. */
  readonly tags?: Readonly<Record<string, string>>;
}

const SECRET_NAME = /^[A-Za-z0-9/_+=.@-]{1,512}$/;
const PARTITIONS = ['aws', 'aws-cn', 'aws-us-gov'];

export class EncryptedSecret extends Construct {
  readonly key: KmsKey;
  readonly keyAlias: KmsAlias;
  /** The customer-managed key encrypting the secret: a reader needs kms:Decrypt on it. */
  readonly keyArn: string;
  readonly secret: SecretsmanagerSecret;
  readonly secretArn: string;
  readonly secretName: string;
  readonly jsonKeys: readonly string[];

  constructor(scope: Construct, id: string, props: EncryptedSecretProps) {
    super(scope, id);
    assertNoIssues(`EncryptedSecret "${this.node.path}" props`, validateEncryptedSecretProps(props));
    const tags = props.tags ? { ...props.tags } : undefined;
    const accountRoot = `arn:${props.partition ?? 'aws'}:iam::${props.accountId}:root`;
    this.jsonKeys = [...(props.jsonKeys ?? [])];

    const keyPolicy = new DataAwsIamPolicyDocument(this, 'key-policy', {
      statement: [
        {
          // The account administers and uses the key; IAM policies then say who may (the readers' roles).
          sid: 'AccountAdministersKey',
          effect: 'Allow',
          principals: [{ type: 'AWS', identifiers: [accountRoot] }],
          actions: ['kms:*'],
          resources: ['*'], // in a key policy, `*` means this key
        },
      ],
    });
    this.key = new KmsKey(this, 'key', {
      description: `Encrypts the secret ${props.name}`,
      enableKeyRotation: true,
      deletionWindowInDays: props.keyDeletionWindowInDays ?? 30,
      policy: keyPolicy.json,
      tags,
    });
    this.keyAlias = new KmsAlias(this, 'key-alias', {
      name: secretKeyAlias(props.name),
      targetKeyId: this.key.keyId,
    });
    this.keyArn = this.key.arn;

    this.secret = new SecretsmanagerSecret(this, 'secret', {
      name: props.name,
      description: props.description ?? `${props.name}, encrypted with its own KMS key`,
      kmsKeyId: this.key.arn,
      recoveryWindowInDays: props.recoveryWindowInDays ?? 30,
      tags,
    });
    this.secretArn = this.secret.arn;
    this.secretName = this.secret.name;
  }

  /** An ECS `valueFrom` for one key of the secret's JSON value: `<secret ARN>:<key>::` (the current version). */
  valueFrom(jsonKey: string): string {
    if (!this.jsonKeys.includes(jsonKey)) {
      throw new Error(`EncryptedSecret "${this.node.path}" has no JSON key "${jsonKey}" (${this.jsonKeys.join(', ')})`);
    }
    return `${this.secretArn}:${jsonKey}::`;
  }
}

/**
 * The key's alias for a secret named `name`: `alias/<name>` with every character an alias cannot hold (`/ + = . @`)
 * turned into `-` (`web-dev/database` → `alias/web-dev-database`), at most 256 characters.
 */
export function secretKeyAlias(name: string): string {
  return `alias/${name.replace(/[^A-Za-z0-9_-]/g, '-')}`.slice(0, 256);
}

/** A secret's name: 1-512 of `A-Za-z0-9/_+=.@-`, not ending in a hyphen and six characters (Secrets Manager's suffix). */
export function checkSecretName(path: string, name: string): ValidationIssue[] {
  if (!isLiteral(name)) return [];
  if (!SECRET_NAME.test(name)) {
    return [{ path, value: name, message: 'must be 1 to 512 of A-Z a-z 0-9 / _ + = . @ - (a Secrets Manager name)' }];
  }
  if (/-[A-Za-z0-9]{6}$/.test(name)) {
    const message = 'must not end in a hyphen and six characters: Secrets Manager adds such a suffix to the ARN';
    return [{ path, value: name, message }];
  }
  return [];
}

/** Days a deleted secret can be restored: 0 (none) or 7 to 30. */
export function checkSecretRecoveryWindow(path: string, days: number | undefined): ValidationIssue[] {
  if (days === undefined || days === 0) return [];
  return checkInteger(path, days, 7, 30, 'a whole number of days').map((issue) => ({
    ...issue,
    message: `${issue.message}, or 0 to delete at once`,
  }));
}

/** The keys of the secret's JSON value: 1-128 characters without `:` (a `valueFrom` separator), none repeated. */
export function checkSecretJsonKeys(path: string, keys: readonly string[]): ValidationIssue[] {
  return keys.flatMap((key, index) => {
    const at = joinPath(path, index);
    if (typeof key !== 'string' || key.length === 0 || key.length > 128 || key.includes(':')) {
      return [{ path: at, value: key, message: 'must be 1 to 128 characters without ":"' }];
    }
    return keys.indexOf(key) === index ? [] : [{ path: at, value: key, message: 'is listed more than once' }];
  });
}

/** Every rule the constructor enforces. */
export function validateEncryptedSecretProps(props: EncryptedSecretProps): ValidationIssue[] {
  const issues = [...checkSecretName('name', props.name)];
  if (isLiteral(props.accountId) && !/^\d{12}$/.test(props.accountId)) {
    issues.push({ path: 'accountId', value: props.accountId, message: 'must be a 12-digit AWS account id' });
  }
  if (props.partition !== undefined && !PARTITIONS.includes(props.partition)) {
    issues.push({ path: 'partition', value: props.partition, message: 'must be "aws", "aws-cn" or "aws-us-gov"' });
  }
  issues.push(
    ...checkSecretJsonKeys('jsonKeys', props.jsonKeys ?? []),
    ...checkSecretRecoveryWindow('recoveryWindowInDays', props.recoveryWindowInDays),
  );
  if (props.keyDeletionWindowInDays !== undefined) {
    issues.push(...checkInteger('keyDeletionWindowInDays', props.keyDeletionWindowInDays, 7, 30, 'a whole number'));
  }
  return issues;
}
