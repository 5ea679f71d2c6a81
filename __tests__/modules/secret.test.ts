/**
 * The secret module: a Secrets Manager secret with its own customer-managed KMS key (rotation on, the account as the
 * key's administrator), no value managed by Terraform, `valueFrom` for one JSON key, and props validation.
 */
import { EncryptedSecret, secretKeyAlias, type EncryptedSecretProps } from '../../modules/secret';
import { resolved, Template, testStack } from '../helpers/template';
import { rejectsEachCase } from '../helpers/validation';

const ACCOUNT = '123456789012';
const BASE: EncryptedSecretProps = { name: 'shop-dev/database', accountId: ACCOUNT };

function build(props: EncryptedSecretProps): { secret: EncryptedSecret; t: Template } {
  const stack = testStack();
  const secret = new EncryptedSecret(stack, 'db', props);
  return { secret, t: Template.fromStack(stack) };
}

describe('EncryptedSecret with the defaults', () => {
  const { secret, t } = build(BASE);

  it('encrypts the secret with its own key, kept 30 days after deletion like the secret', () => {
    expect(t.resource('aws_secretsmanager_secret', 'db/secret')).toEqual({
      name: 'shop-dev/database',
      description: 'shop-dev/database, encrypted with its own KMS key',
      kms_key_id: t.ref('aws_kms_key', 'db/key', 'arn'),
      recovery_window_in_days: 30,
    });
    expect(t.resource('aws_kms_key', 'db/key')).toEqual({
      description: 'Encrypts the secret shop-dev/database',
      enable_key_rotation: true,
      deletion_window_in_days: 30,
      policy: t.dataRef('aws_iam_policy_document', 'db/key-policy'),
    });
    expect(t.resource('aws_kms_alias', 'db/key-alias')).toEqual({
      name: 'alias/shop-dev-database',
      target_key_id: t.ref('aws_kms_key', 'db/key', 'key_id'),
    });
  });

  it('lets the account administer the key, so IAM policies decide who decrypts', () => {
    expect(t.dataSource('aws_iam_policy_document', 'db/key-policy').statement).toEqual([
      {
        sid: 'AccountAdministersKey',
        effect: 'Allow',
        principals: [{ type: 'AWS', identifiers: [`arn:aws:iam::${ACCOUNT}:root`] }],
        actions: ['kms:*'],
        resources: ['*'],
      },
    ]);
  });

  it('manages no value: no secret version in the stack, so no plan reads it', () => {
    expect(t.count('aws_secretsmanager_secret_version')).toBe(0);
    expect(t.count('aws_kms_key')).toBe(1);
  });

  it('exposes the key and the secret by ARN (what a reader is granted)', () => {
    expect(resolved(secret, secret.keyArn)).toBe(t.ref('aws_kms_key', 'db/key', 'arn'));
    expect(resolved(secret, secret.secretArn)).toBe(t.ref('aws_secretsmanager_secret', 'db/secret', 'arn'));
  });
});

describe('EncryptedSecret with every option', () => {
  const { secret, t } = build({
    ...BASE,
    name: 'shop.prod/db+config',
    description: 'Database configuration of shop',
    partition: 'aws-us-gov',
    jsonKeys: ['DB_HOST', 'DB_PASSWORD'],
    recoveryWindowInDays: 7,
    keyDeletionWindowInDays: 14,
    tags: { team: 'shop' },
  });

  it('takes the windows, description, partition and tags', () => {
    expect(t.resource('aws_secretsmanager_secret', 'db/secret')).toMatchObject({
      description: 'Database configuration of shop',
      recovery_window_in_days: 7,
      tags: { team: 'shop' },
    });
    expect(t.resource('aws_kms_key', 'db/key')).toMatchObject({ deletion_window_in_days: 14, tags: { team: 'shop' } });
    expect(t.dataSource('aws_iam_policy_document', 'db/key-policy').statement).toEqual([
      expect.objectContaining({ principals: [{ type: 'AWS', identifiers: [`arn:aws-us-gov:iam::${ACCOUNT}:root`] }] }),
    ]);
  });

  it('names the alias with the characters an alias can hold', () => {
    expect(t.resource('aws_kms_alias', 'db/key-alias').name).toBe('alias/shop-prod-db-config');
    expect(secretKeyAlias('a'.repeat(300))).toHaveLength(256);
  });

  it('gives an ECS valueFrom per JSON key, and refuses a key it does not hold', () => {
    expect(secret.valueFrom('DB_PASSWORD')).toBe(`${secret.secretArn}:DB_PASSWORD::`);
    expect(() => secret.valueFrom('DB_USER')).toThrow(/has no JSON key "DB_USER" \(DB_HOST, DB_PASSWORD\)/);
  });
});

describe('EncryptedSecret props validation', () => {
  rejectsEachCase<Partial<EncryptedSecretProps>>({
    subject: /EncryptedSecret "invalid\/bad-\d+" props/,
    cases: [
      ['a name with a space', { name: 'shop db' }, { path: 'name', value: 'shop db', message: /Secrets Manager name/ }],
      [
        'a name ending like an ARN suffix',
        { name: 'shop-dev/db-AbC123' },
        { path: 'name', value: 'shop-dev/db-AbC123', message: /hyphen and six characters/ },
      ],
      [
        'an 11-digit account',
        { accountId: '12345678901' },
        { path: 'accountId', value: '12345678901', message: /12-digit/ },
      ],
      ['an unknown partition', { partition: 'aws-eu' }, { path: 'partition', value: 'aws-eu', message: /"aws"/ }],
      [
        'a JSON key with a colon',
        { jsonKeys: ['DB:HOST'] },
        { path: 'jsonKeys[0]', value: 'DB:HOST', message: /without ":"/ },
      ],
      ['a repeated JSON key', { jsonKeys: ['A', 'A'] }, { path: 'jsonKeys[1]', value: 'A', message: /more than once/ }],
      [
        'a recovery window of 3 days',
        { recoveryWindowInDays: 3 },
        { path: 'recoveryWindowInDays', value: 3, message: /from 7 to 30, or 0 to delete at once/ },
      ],
      [
        'a key deletion window of 31 days',
        { keyDeletionWindowInDays: 31 },
        { path: 'keyDeletionWindowInDays', value: 31, message: /from 7 to 30/ },
      ],
    ],
    build: (stack, id, patch) => new EncryptedSecret(stack, id, { ...BASE, ...patch }),
  });

  it('accepts a recovery window of 0 (delete at once, the explicit weaker choice)', () => {
    expect(() => build({ ...BASE, recoveryWindowInDays: 0 })).not.toThrow();
  });
});
