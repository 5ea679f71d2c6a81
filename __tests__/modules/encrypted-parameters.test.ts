/**
 * EncryptedParameters: SecureString parameters under a path, encrypted with their own rotating customer managed key,
 * created with the `set-me` placeholder that Terraform then leaves to operators; ARNs for container secrets; props
 * validation.
 */
import { EncryptedParameters, PARAMETER_PLACEHOLDER, type EncryptedParametersProps } from '../../modules/secret';
import { guardrailFindings } from '../helpers/guardrails';
import { resolved, Template, testStack } from '../helpers/template';
import { rejectsEachCase } from '../helpers/validation';

const BASE: EncryptedParametersProps = {
  path: '/shop/prod/',
  names: ['API_KEY', 'feature.flags'],
  accountId: '123456789012',
};

describe('EncryptedParameters with two names', () => {
  const stack = testStack();
  const settings = new EncryptedParameters(stack, 'settings', { ...BASE, tags: { team: 'web' } });
  const t = Template.fromStack(stack);

  it('creates one SecureString per name under the path, Standard tier, encrypted with the own key', () => {
    expect(t.count('aws_ssm_parameter')).toBe(2);
    expect(t.resource('aws_ssm_parameter', 'settings/parameter-API_KEY')).toEqual({
      name: '/shop/prod/API_KEY',
      description: 'Settings under /shop/prod/',
      type: 'SecureString',
      tier: 'Standard',
      key_id: t.ref('aws_kms_key', 'settings/key/key', 'arn'),
      value: 'set-me',
      tags: { team: 'web' },
      lifecycle: { ignore_changes: ['value'] },
    });
    expect(t.resource('aws_ssm_parameter', 'settings/parameter-feature.flags')).toMatchObject({
      name: '/shop/prod/feature.flags',
    });
    expect(PARAMETER_PLACEHOLDER).toBe('set-me');
  });

  it('encrypts them with a rotating key aliased after the path', () => {
    expect(t.resource('aws_kms_key', 'settings/key/key')).toMatchObject({
      description: 'Encrypts the SSM parameters under /shop/prod/',
      enable_key_rotation: true,
      deletion_window_in_days: 30,
    });
    expect(t.resource('aws_kms_alias', 'settings/key/alias')).toMatchObject({ name: 'alias/shop/prod/parameters' });
    expect(resolved(settings, settings.keyArn)).toBe(t.ref('aws_kms_key', 'settings/key/key', 'arn'));
  });

  it('gives each parameter ARN by name, for container secrets', () => {
    expect(Object.keys(settings.parameterArns)).toEqual(['API_KEY', 'feature.flags']);
    expect(resolved(settings, settings.parameterArns.API_KEY)).toBe(
      t.ref('aws_ssm_parameter', 'settings/parameter-API_KEY', 'arn'),
    );
    expect(Object.keys(settings.parameters)).toEqual(['API_KEY', 'feature.flags']);
  });

  it('passes the guardrails pack', () => {
    expect(guardrailFindings(stack)).toEqual([]);
  });
});

it('describes the parameters as told and maps characters an alias cannot hold', () => {
  const stack = testStack();
  new EncryptedParameters(stack, 'settings', { ...BASE, path: '/shop.v2/prod/', description: 'Payment settings' });
  const t = Template.fromStack(stack);
  expect(t.resource('aws_ssm_parameter', 'settings/parameter-API_KEY')).toMatchObject({
    description: 'Payment settings',
  });
  expect(t.resource('aws_kms_alias', 'settings/key/alias')).toMatchObject({ name: 'alias/shop-v2/prod/parameters' });
});

describe('EncryptedParameters props validation', () => {
  const deep = `/${Array.from({ length: 15 }, (_, index) => `l${index}`).join('/')}/`;
  rejectsEachCase<Partial<EncryptedParametersProps>>({
    subject: /EncryptedParameters "invalid\/bad-\d+" props/,
    cases: [
      [
        'a path without the trailing slash',
        { path: '/shop/prod' },
        { path: 'path', value: '/shop/prod', message: /leading and a trailing/ },
      ],
      [
        'a path with a space',
        { path: '/shop prod/' },
        { path: 'path', value: '/shop prod/', message: /segments of letters/ },
      ],
      [
        'a path under /aws',
        { path: '/aws/shop/' },
        { path: 'path', value: '/aws/shop/', message: /reserved by Systems Manager/ },
      ],
      ['a path of 15 levels', { path: deep }, { path: 'path', value: deep, message: /at most 14 levels/ }],
      ['no name', { names: [] }, { path: 'names', value: [], message: /at least one parameter name/ }],
      [
        'a name with a slash',
        { names: ['db/host'] },
        { path: 'names[0]', value: 'db/host', message: /letters, digits, _ \. -/ },
      ],
      ['a name listed twice', { names: ['A', 'A'] }, { path: 'names[1]', value: 'A', message: /more than once/ }],
      [
        'an 11-digit account',
        { accountId: '12345678901' },
        { path: 'accountId', value: '12345678901', message: /12-digit/ },
      ],
      ['an unknown partition', { partition: 'aws-eu' }, { path: 'partition', value: 'aws-eu', message: /"aws"/ }],
    ],
    build: (stack, id, patch) => new EncryptedParameters(stack, id, { ...BASE, ...patch }),
  });

  it('accepts a path of 14 levels', () => {
    const stack = testStack();
    const path = `/${Array.from({ length: 14 }, (_, index) => `l${index}`).join('/')}/`;
    expect(() => new EncryptedParameters(stack, 'settings', { ...BASE, path })).not.toThrow();
  });
});
