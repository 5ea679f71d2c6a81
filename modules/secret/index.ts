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
 *
 * {@link EncryptedParameters}: SSM parameters for settings an application reads at start, under one path.
 *
 * | creates                                  | with                                                                   |
 * | ---------------------------------------- | ---------------------------------------------------------------------- |
 * | a customer managed KMS key and its alias | rotation on; the account's IAM policies decide who may use it          |
 * | one `aws_ssm_parameter` per name         | `SecureString`, Standard tier, encrypted with that key, `<path><name>` |
 *
 * Each parameter starts with the placeholder {@link PARAMETER_PLACEHOLDER} (`set-me`): operators set the real value
 * with `aws ssm put-parameter --name <path><name> --type SecureString --key-id <key> --value ... --overwrite`, and
 * Terraform keeps it (`ignore_changes = [value]`), so the value is never written in the synthesized configuration.
 * Terraform's refresh still reads the current value into its state, like any SecureString it manages: the state
 * bucket is encrypted and access to it is as sensitive as access to the parameters. A reader (an ECS task execution
 * role) needs `ssm:GetParameters` on {@link EncryptedParameters.parameterArns} and `kms:Decrypt` on
 * {@link EncryptedParameters.keyArn}; a container takes a parameter's ARN as a secret's `valueFrom`.
 */
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter';
import { Construct } from 'constructs';
import { checkAccountId, checkInteger, isLiteral } from '../core/checks';
import { CustomerManagedKey } from '../core/kms-key';
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

/** An AWS partition (`aws`, `aws-cn`, `aws-us-gov`); undefined passes (the default `aws` applies). */
function checkPartition(path: string, partition: string | undefined): ValidationIssue[] {
  if (partition === undefined || PARTITIONS.includes(partition)) return [];
  return [{ path, value: partition, message: 'must be "aws", "aws-cn" or "aws-us-gov"' }];
}

/** Every rule the constructor enforces. */
export function validateEncryptedSecretProps(props: EncryptedSecretProps): ValidationIssue[] {
  const issues = [...checkSecretName('name', props.name)];
  issues.push(...checkAccountId('accountId', props.accountId), ...checkPartition('partition', props.partition));
  issues.push(
    ...checkSecretJsonKeys('jsonKeys', props.jsonKeys ?? []),
    ...checkSecretRecoveryWindow('recoveryWindowInDays', props.recoveryWindowInDays),
  );
  if (props.keyDeletionWindowInDays !== undefined) {
    issues.push(...checkInteger('keyDeletionWindowInDays', props.keyDeletionWindowInDays, 7, 30, 'a whole number'));
  }
  return issues;
}

/** The value a parameter holds until an operator sets it: a reader that gets it knows the setting is missing. */
export const PARAMETER_PLACEHOLDER = 'set-me';

export interface EncryptedParametersProps {
  /** Path prefix, `/a/b/` (leading and trailing slash; letters, digits, `_ . -` between them). Required. */
  readonly path: string;
  /** Parameter names under the path (letters, digits, `_ . -`). Required, at least one. */
  readonly names: readonly string[];
  /** The 12-digit account that owns the key: its key policy's administrator. Required. */
  readonly accountId: string;
  /** AWS partition of the account (`aws`, `aws-cn`, `aws-us-gov`). Default: `aws`. */
  readonly partition?: string;
  /** What the parameters hold (each parameter's description, and the key's). Default: `Settings under <path>`. */
  readonly description?: string;
  /** Tags on the key and the parameters, beside the provider's default tags. Default: none. */
  readonly tags?: Readonly<Record<string, string>>;
}

export class EncryptedParameters extends Construct {
  /** The customer managed key (rotating) that encrypts every parameter. */
  readonly key: CustomerManagedKey;
  /** A reader needs kms:Decrypt on it. */
  readonly keyArn: string;
  /** By name (without the path). */
  readonly parameters: Readonly<Record<string, SsmParameter>>;
  /** name → parameter ARN, for container secrets (`valueFrom`) and IAM statements. */
  readonly parameterArns: Readonly<Record<string, string>>;

  constructor(scope: Construct, id: string, props: EncryptedParametersProps) {
    super(scope, id);
    assertNoIssues(`EncryptedParameters "${this.node.path}" props`, validateEncryptedParametersProps(props));
    const tags = props.tags ? { ...props.tags } : undefined;
    const description = props.description ?? `Settings under ${props.path}`;
    this.key = new CustomerManagedKey(this, 'key', {
      description: `Encrypts the SSM parameters under ${props.path}`,
      alias: parametersKeyAlias(props.path),
      accountId: props.accountId,
      partition: props.partition,
      tags,
    });
    this.keyArn = this.key.keyArn;
    const parameters: Record<string, SsmParameter> = {};
    const arns: Record<string, string> = {};
    for (const name of props.names) {
      const parameter = new SsmParameter(this, `parameter-${name}`, {
        name: `${props.path}${name}`,
        description,
        type: 'SecureString',
        tier: 'Standard',
        keyId: this.key.keyArn,
        value: PARAMETER_PLACEHOLDER,
        tags,
        // Operators set the value out of band; Terraform must not put the placeholder back.
        lifecycle: { ignoreChanges: ['value'] },
      });
      parameters[name] = parameter;
      arns[name] = parameter.arn;
    }
    this.parameters = parameters;
    this.parameterArns = arns;
  }
}

/** The key's alias (without `alias/`) for parameters under `path`: `/shop/prod/` → `shop/prod/parameters`. */
export function parametersKeyAlias(path: string): string {
  return `${path.slice(1).replace(/[^A-Za-z0-9/_-]/g, '-')}parameters`.slice(0, 250);
}

const PARAMETER_PATH = /^(\/[A-Za-z0-9_.-]+)+\/$/;
const PARAMETER_NAME = /^[A-Za-z0-9_.-]+$/;
/** SSM's limits: a hierarchy of at most 15 levels, a name (path included) of at most 1011 characters. */
const MAX_PARAMETER_LEVELS = 15;
const MAX_PARAMETER_NAME_LENGTH = 1011;

/** A parameter path prefix `/a/b/`: segments of letters, digits, `_ . -`, not starting with `aws` or `ssm`. */
export function checkParameterPath(path: string, value: string): ValidationIssue[] {
  if (typeof value !== 'string' || !PARAMETER_PATH.test(value)) {
    const message = 'must be a path like /app/prod/: a leading and a trailing "/", segments of letters, digits, _ . -';
    return [{ path, value, message }];
  }
  if (/^\/(aws|ssm)/i.test(value)) {
    return [{ path, value, message: 'must not start with "aws" or "ssm" (reserved by Systems Manager)' }];
  }
  // A parameter's name adds one level to the path's.
  if (value.split('/').length - 2 >= MAX_PARAMETER_LEVELS) {
    const message = `must have at most ${MAX_PARAMETER_LEVELS - 1} levels: a parameter name has at most ${MAX_PARAMETER_LEVELS}`;
    return [{ path, value, message }];
  }
  return [];
}

/** The names under the path: at least one, each letters, digits, `_ . -`, none repeated. */
export function checkParameterNames(path: string, names: readonly string[], prefix = ''): ValidationIssue[] {
  if (!Array.isArray(names) || names.length === 0) {
    return [{ path, value: names, message: 'must list at least one parameter name' }];
  }
  return names.flatMap((name, index): ValidationIssue[] => {
    const at = joinPath(path, index);
    if (typeof name !== 'string' || !PARAMETER_NAME.test(name)) {
      return [{ path: at, value: name, message: 'must be a parameter name of letters, digits, _ . -' }];
    }
    if (prefix.length + name.length > MAX_PARAMETER_NAME_LENGTH) {
      const message = `must keep the full name (${prefix}...) within ${MAX_PARAMETER_NAME_LENGTH} characters`;
      return [{ path: at, value: name, message }];
    }
    return names.indexOf(name) === index ? [] : [{ path: at, value: name, message: 'is listed more than once' }];
  });
}

/** Every rule the EncryptedParameters constructor enforces. */
export function validateEncryptedParametersProps(props: EncryptedParametersProps): ValidationIssue[] {
  const issues = [
    ...checkParameterPath('path', props.path),
    ...checkParameterNames('names', props.names, typeof props.path === 'string' ? props.path : ''),
    ...checkAccountId('accountId', props.accountId),
    ...checkPartition('partition', props.partition),
  ];
  if (props.description !== undefined && (typeof props.description !== 'string' || props.description.length > 1024)) {
    issues.push({ path: 'description', value: props.description, message: 'must be text of at most 1024 characters' });
  }
  return issues;
}
