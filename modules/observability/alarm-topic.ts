/**
 * The SNS topic alarms notify: encrypted with a customer-managed KMS key, a topic policy that lets CloudWatch (and
 * only on behalf of this account) publish and refuses requests without TLS, and e-mail subscriptions.
 *
 * Why a customer-managed key: CloudWatch alarms cannot publish to a topic encrypted with the AWS-managed `aws/sns`
 * key, because that key's policy cannot be changed to let the CloudWatch service principal use it. Notifications would
 * be dropped silently. So the module creates a key whose policy grants `cloudwatch.amazonaws.com` kms:Decrypt and
 * kms:GenerateDataKey*, or takes a caller's key that already does (`kmsKeyArn`).
 */
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { Construct } from 'constructs';
import { checkInteger, checkKmsKeyArn, isToken } from '../core/checks';
import { assertNoIssues, joinPath, type ValidationIssue } from '../core/validation';

export interface AlarmTopicProps {
  /** The topic's name (1-256 of A-Z a-z 0-9 _ -); the created key's alias is `alias/<name>-alarms`. Required. */
  readonly name: string;
  /** The 12-digit account that owns the topic and whose alarms may publish to it. Required. */
  readonly accountId: string;
  /** AWS partition of the account, for the root principal's ARN (`aws`, `aws-cn`, `aws-us-gov`). Default: `aws`. */
  readonly partition?: string;
  /**
   * Addresses that get an `email` subscription. Each recipient must confirm the subscription from the e-mail AWS
   * sends; until then it stays "pending confirmation" and receives nothing. Default: none.
   */
  readonly emailAddresses?: readonly string[];
  /** Sender name shown in notification e-mails (at most 100 characters). Default: none (AWS's "AWS Notifications"). */
  readonly displayName?: string;
  /**
   * ARN of an existing KMS key to encrypt the topic instead of creating one. Its key policy must let
   * `cloudwatch.amazonaws.com` use kms:Decrypt and kms:GenerateDataKey*, or alarm notifications are dropped.
   * Default: none — the module creates a key with rotation on.
   */
  readonly kmsKeyArn?: string;
  /** Waiting period before the created key is deleted, 7 to 30 days. Ignored with `kmsKeyArn`. Default: 30. */
  readonly keyDeletionWindowInDays?: number;
  /**
   * Also let EventBridge rules in this account publish to the topic (e.g. ECS task-state or Backup job events).
   * Default: false — only CloudWatch alarms publish.
   */
  readonly allowEventBridgePublish?: boolean;
  /** Tags on the key and the topic, beside the provider's default tags. Default: none. */
  readonly tags?: Readonly<Record<string, string>>;
}

/** Topic-level actions the owning account keeps (the set AWS puts in a new topic's default policy). */
const OWNER_TOPIC_ACTIONS = [
  'sns:GetTopicAttributes',
  'sns:SetTopicAttributes',
  'sns:AddPermission',
  'sns:RemovePermission',
  'sns:DeleteTopic',
  'sns:Subscribe',
  'sns:ListSubscriptionsByTopic',
  'sns:Publish',
];

const TOPIC_NAME = /^[A-Za-z0-9_-]{1,256}$/;
/** Room left for the name in `alias/<name>-alarms` (an alias is at most 256 characters). */
const MAX_NAME_WITH_ALIAS = 256 - 'alias/'.length - '-alarms'.length;
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

export class AlarmTopic extends Construct {
  readonly topic: SnsTopic;
  readonly topicArn: string;
  readonly topicName: string;
  /** The ARN of the key encrypting the topic: the created key's, or `kmsKeyArn`. */
  readonly kmsKeyArn: string;
  /** The created key and its alias; absent when `kmsKeyArn` was given. */
  readonly key?: KmsKey;
  readonly keyAlias?: KmsAlias;
  readonly topicPolicy: SnsTopicPolicy;
  /** One `email` subscription per address, keyed by the address as given. */
  readonly subscriptions: Readonly<Record<string, SnsTopicSubscription>>;

  constructor(scope: Construct, id: string, props: AlarmTopicProps) {
    super(scope, id);
    assertNoIssues(`AlarmTopic "${this.node.path}" props`, validateAlarmTopicProps(props));
    const partition = props.partition ?? 'aws';
    const accountRoot = `arn:${partition}:iam::${props.accountId}:root`;
    const sameAccount = { test: 'StringEquals', variable: 'aws:SourceAccount', values: [props.accountId] };
    const allowEventBridge = props.allowEventBridgePublish ?? false;

    if (props.kmsKeyArn === undefined) {
      const keyPolicy = new DataAwsIamPolicyDocument(this, 'key-policy', {
        statement: [
          {
            // Without this the key could become unmanageable; IAM policies in the account then decide who administers it.
            sid: 'AccountAdministersKey',
            effect: 'Allow',
            principals: [{ type: 'AWS', identifiers: [accountRoot] }],
            actions: ['kms:*'],
            resources: ['*'], // in a key policy, `*` means this key
          },
          {
            sid: 'CloudWatchAlarmsEncryptNotifications',
            effect: 'Allow',
            principals: [{ type: 'Service', identifiers: ['cloudwatch.amazonaws.com'] }],
            actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
            resources: ['*'],
            condition: [sameAccount],
          },
          ...(allowEventBridge
            ? [
                {
                  // No aws:SourceAccount here: EventBridge does not send it with its KMS requests to encrypted topics,
                  // so the condition would drop every event. The topic policy still scopes publishing to this account.
                  sid: 'EventBridgeEncryptNotifications',
                  effect: 'Allow',
                  principals: [{ type: 'Service', identifiers: ['events.amazonaws.com'] }],
                  actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
                  resources: ['*'],
                },
              ]
            : []),
        ],
      });
      this.key = new KmsKey(this, 'key', {
        description: `Encrypts the ${props.name} alarm notification topic`,
        enableKeyRotation: true,
        deletionWindowInDays: props.keyDeletionWindowInDays ?? 30,
        policy: keyPolicy.json,
        tags: props.tags ? { ...props.tags } : undefined,
      });
      this.keyAlias = new KmsAlias(this, 'key-alias', {
        name: `alias/${props.name}-alarms`,
        targetKeyId: this.key.keyId,
      });
      this.kmsKeyArn = this.key.arn;
    } else {
      this.kmsKeyArn = props.kmsKeyArn;
    }

    this.topic = new SnsTopic(this, 'topic', {
      name: props.name,
      displayName: props.displayName,
      kmsMasterKeyId: this.kmsKeyArn,
      tags: props.tags ? { ...props.tags } : undefined,
    });
    this.topicArn = this.topic.arn;
    this.topicName = this.topic.name;

    const topicPolicy = new DataAwsIamPolicyDocument(this, 'topic-policy-document', {
      statement: [
        {
          sid: 'AccountOwnsTopic',
          effect: 'Allow',
          principals: [{ type: 'AWS', identifiers: [accountRoot] }],
          actions: OWNER_TOPIC_ACTIONS,
          resources: [this.topic.arn],
        },
        {
          // Confused-deputy guard: only alarms of this account may publish.
          sid: 'CloudWatchAlarmsPublish',
          effect: 'Allow',
          principals: [{ type: 'Service', identifiers: ['cloudwatch.amazonaws.com'] }],
          actions: ['sns:Publish'],
          resources: [this.topic.arn],
          condition: [sameAccount],
        },
        ...(allowEventBridge
          ? [
              {
                sid: 'EventBridgePublish',
                effect: 'Allow',
                principals: [{ type: 'Service', identifiers: ['events.amazonaws.com'] }],
                actions: ['sns:Publish'],
                resources: [this.topic.arn],
                condition: [sameAccount],
              },
            ]
          : []),
        {
          // `Bool false` matches requests made over plain HTTP; service principals publishing internally do not
          // carry the key and are not affected.
          sid: 'DenyWithoutTls',
          effect: 'Deny',
          principals: [{ type: 'AWS', identifiers: ['*'] }],
          actions: OWNER_TOPIC_ACTIONS,
          resources: [this.topic.arn],
          condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
        },
      ],
    });
    this.topicPolicy = new SnsTopicPolicy(this, 'topic-policy', { arn: this.topic.arn, policy: topicPolicy.json });

    // Keyed by the address rather than its position, so that removing one address does not replace (and force
    // re-confirmation of) the subscriptions after it.
    const subscriptions: Record<string, SnsTopicSubscription> = {};
    for (const address of props.emailAddresses ?? []) {
      subscriptions[address] = new SnsTopicSubscription(this, `email-${subscriptionId(address)}`, {
        topicArn: this.topic.arn,
        protocol: 'email',
        endpoint: address,
      });
    }
    this.subscriptions = subscriptions;
  }
}

/** A construct id for an address: lower case, every run of other characters than a-z 0-9 turned into `-`. */
export function subscriptionId(address: string): string {
  return address
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** Every rule the constructor enforces. */
export function validateAlarmTopicProps(props: AlarmTopicProps): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const createsKey = props.kmsKeyArn === undefined;
  if (!isToken(props.name)) {
    if (typeof props.name !== 'string' || !TOPIC_NAME.test(props.name)) {
      issues.push({
        path: 'name',
        value: props.name,
        message: 'must be 1 to 256 of A-Z a-z 0-9 _ - (an SNS topic name)',
      });
    } else if (createsKey && props.name.length > MAX_NAME_WITH_ALIAS) {
      issues.push({
        path: 'name',
        value: props.name,
        message: `must be at most ${MAX_NAME_WITH_ALIAS} characters so that alias/<name>-alarms fits in 256`,
      });
    }
  }
  if (!isToken(props.accountId) && !/^\d{12}$/.test(props.accountId ?? '')) {
    issues.push({ path: 'accountId', value: props.accountId, message: 'must be a 12-digit AWS account id' });
  }
  if (props.partition !== undefined && !['aws', 'aws-cn', 'aws-us-gov'].includes(props.partition)) {
    issues.push({ path: 'partition', value: props.partition, message: 'must be "aws", "aws-cn" or "aws-us-gov"' });
  }
  const seenAddresses = new Map<string, number>();
  const seenIds = new Map<string, number>();
  (props.emailAddresses ?? []).forEach((address, index) => {
    const path = joinPath('emailAddresses', index);
    if (isToken(address)) return;
    if (!EMAIL.test(address)) {
      issues.push({ path, value: address, message: 'must be an e-mail address like ops@example.com' });
      return;
    }
    const sameAddress = seenAddresses.get(address.toLowerCase());
    const sameId = seenIds.get(subscriptionId(address));
    if (sameAddress !== undefined) {
      issues.push({ path, value: address, message: `repeats emailAddresses[${sameAddress}] (compared ignoring case)` });
    } else if (sameId !== undefined) {
      issues.push({
        path,
        value: address,
        message: `has the same subscription id as emailAddresses[${sameId}] (ids ignore case and punctuation)`,
      });
    }
    seenAddresses.set(address.toLowerCase(), seenAddresses.get(address.toLowerCase()) ?? index);
    seenIds.set(subscriptionId(address), seenIds.get(subscriptionId(address)) ?? index);
  });
  if (props.displayName !== undefined && !isToken(props.displayName) && props.displayName.length > 100) {
    issues.push({ path: 'displayName', value: props.displayName, message: 'must be at most 100 characters' });
  }
  // SNS resolves aliases itself, so an alias ARN is as good as the key's.
  issues.push(...checkKmsKeyArn('kmsKeyArn', props.kmsKeyArn, { allowAlias: true }));
  if (props.keyDeletionWindowInDays !== undefined) {
    if (!createsKey) {
      issues.push({
        path: 'keyDeletionWindowInDays',
        value: props.keyDeletionWindowInDays,
        message: 'applies only to the key the module creates; leave it out with kmsKeyArn',
      });
    } else {
      issues.push(...checkInteger('keyDeletionWindowInDays', props.keyDeletionWindowInDays, 7, 30, 'an integer'));
    }
  }
  return issues;
}
