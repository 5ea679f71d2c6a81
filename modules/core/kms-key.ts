/**
 * A customer managed KMS key with rotation on, an alias, and a key policy that leaves administration to the account's
 * IAM policies plus, where a service must use the key on its own (CloudWatch Logs encrypting a log group), a statement
 * for that service held to this account.
 */
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { Construct } from 'constructs';
import { checkInteger, isLiteral } from './checks';
import type { PolicyStatement } from './service-role';
import { assertNoIssues, joinPath, type ValidationIssue } from './validation';

/** A service that uses the key itself (not through a role of the account). */
export interface KeyServiceUser {
  /** Its service principal, e.g. `logs.us-east-1.amazonaws.com`. Required. */
  readonly service: string;
  /** What it may do. Default: encrypt, decrypt, re-encrypt, generate data keys, describe. */
  readonly actions?: readonly string[];
  /** Conditions on its use, e.g. the log groups' encryption context. Default: `aws:SourceAccount` = the account. */
  readonly conditions?: ReadonlyArray<{
    readonly test: string;
    readonly variable: string;
    readonly values: readonly string[];
  }>;
}

export interface CustomerManagedKeyProps {
  /** What the key protects; shown in the console. Required. */
  readonly description: string;
  /** The alias, without `alias/`: letters, digits, `/_-`, not starting with `aws`. Required. */
  readonly alias: string;
  /** The account that owns the key; its root principal administers it through IAM. Required. */
  readonly accountId: string;
  /** AWS partition for the root principal ARN. Default: `aws`. */
  readonly partition?: string;
  /** Days before a deleted key is gone, 7 to 30. Default: 30. */
  readonly deletionWindowInDays?: number;
  /** Services that use the key themselves. Default: none. */
  readonly serviceUsers?: readonly KeyServiceUser[];
  /** Tags beside the provider's default tags. Default: none. */
  readonly tags?: Readonly<Record<string, string>>;
}

const DEFAULT_SERVICE_ACTIONS = [
  'kms:Encrypt*',
  'kms:Decrypt*',
  'kms:ReEncrypt*',
  'kms:GenerateDataKey*',
  'kms:Describe*',
];

export class CustomerManagedKey extends Construct {
  readonly key: KmsKey;
  readonly keyArn: string;
  readonly keyId: string;
  readonly alias: KmsAlias;
  readonly policyDocument: DataAwsIamPolicyDocument;

  constructor(scope: Construct, id: string, props: CustomerManagedKeyProps) {
    super(scope, id);
    assertNoIssues(`CustomerManagedKey "${this.node.path}" props`, validateCustomerManagedKeyProps(props));
    const partition = props.partition ?? 'aws';
    this.policyDocument = new DataAwsIamPolicyDocument(this, 'policy', {
      statement: [
        {
          // Without this the key could become unmanageable; the account's IAM policies decide who may use it.
          sid: 'AccountAdministersKey',
          effect: 'Allow',
          principals: [{ type: 'AWS', identifiers: [`arn:${partition}:iam::${props.accountId}:root`] }],
          actions: ['kms:*'],
          resources: ['*'], // in a key policy, `*` is this key
        },
        ...(props.serviceUsers ?? []).map((user, index) => ({
          sid: `ServiceUse${index}`,
          effect: 'Allow',
          principals: [{ type: 'Service', identifiers: [user.service] }],
          actions: [...(user.actions ?? DEFAULT_SERVICE_ACTIONS)],
          resources: ['*'],
          condition: (
            user.conditions ?? [{ test: 'StringEquals', variable: 'aws:SourceAccount', values: [props.accountId] }]
          ).map((condition) => ({ ...condition, values: [...condition.values] })),
        })),
      ],
    });
    this.key = new KmsKey(this, 'key', {
      description: props.description,
      enableKeyRotation: true,
      deletionWindowInDays: props.deletionWindowInDays ?? 30,
      policy: this.policyDocument.json,
      tags: props.tags ? { ...props.tags } : undefined,
    });
    this.keyArn = this.key.arn;
    this.keyId = this.key.keyId;
    this.alias = new KmsAlias(this, 'alias', { name: `alias/${props.alias}`, targetKeyId: this.key.keyId });
  }
}

const ALIAS = /^[A-Za-z0-9/_-]{1,250}$/;

/** An alias name (without `alias/`): 1-250 of letters, digits, `/_-`; `aws` prefixes are AWS's own. */
export function checkKeyAlias(path: string, alias: string): ValidationIssue[] {
  if (!isLiteral(alias)) return [];
  if (ALIAS.test(alias) && !/^aws/i.test(alias)) return [];
  return [
    { path, value: alias, message: 'must be a KMS alias name: 1-250 of letters, digits, /, _ and -, not aws...' },
  ];
}

/** Every rule the constructor enforces, as a pure function. */
export function validateCustomerManagedKeyProps(props: CustomerManagedKeyProps): ValidationIssue[] {
  const issues = [
    ...checkKeyAlias('alias', props.alias),
    ...checkInteger('deletionWindowInDays', props.deletionWindowInDays ?? 30, 7, 30, 'a whole number of days'),
  ];
  if (isLiteral(props.accountId) && !/^\d{12}$/.test(props.accountId)) {
    issues.push({ path: 'accountId', value: props.accountId, message: 'must be a 12-digit AWS account id' });
  }
  if (typeof props.description !== 'string' || props.description.trim() === '') {
    issues.push({ path: 'description', value: props.description, message: 'must say what the key protects' });
  }
  (props.serviceUsers ?? []).forEach((user, index) => {
    if (!/^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/.test(user.service ?? '')) {
      const message = 'must be an AWS service principal like logs.us-east-1.amazonaws.com';
      issues.push({ path: joinPath('serviceUsers', index, 'service'), value: user.service, message });
    }
  });
  return issues;
}

const KEY_ALIAS_ARN = /^(arn:[^:]+:kms:[^:]+:\d{12}):(alias\/.+)$/;

/**
 * Statements that let a principal use KMS keys, given by key ARN or by alias ARN. An alias ARN (a key another stack
 * owns, e.g. in another region) cannot be a policy resource: KMS authorizes against the key's ARN. Such a key is
 * granted as "the keys of that account and region that carry this alias" (`kms:ResourceAliases`), one statement per
 * alias (`<sid>ByAlias<n>`); the keys given by ARN share one statement (`<sid>`).
 */
export function keyUseStatements(
  sid: string,
  actions: readonly string[],
  keyArns: readonly string[],
  conditions: NonNullable<PolicyStatement['conditions']> = [],
): PolicyStatement[] {
  const byArn = keyArns.filter((arn) => !isLiteral(arn) || !KEY_ALIAS_ARN.test(arn));
  const byAlias = keyArns.flatMap((arn) => {
    const match = isLiteral(arn) ? KEY_ALIAS_ARN.exec(arn) : null;
    return match ? [{ keys: `${match[1]}:key/*`, alias: match[2]! }] : [];
  });
  const extra = conditions.length > 0 ? { conditions } : {};
  return [
    ...(byArn.length > 0 ? [{ sid, actions, resources: byArn, ...extra }] : []),
    ...byAlias.map(({ keys, alias }, index) => ({
      sid: `${sid}ByAlias${index}`,
      actions,
      resources: [keys],
      conditions: [
        ...conditions,
        { test: 'ForAnyValue:StringEquals', variable: 'kms:ResourceAliases', values: [alias] },
      ],
    })),
  ];
}
