/**
 * The core ServiceRole and CustomerManagedKey: the trust (a service held to the account, or named principals with
 * MFA), the inline policy and statements added later, managed policies, the key policy and alias, and validation.
 */
import { CustomerManagedKey } from '../../../modules/core/kms-key';
import { ServiceRole, type ServiceRoleProps } from '../../../modules/core/service-role';
import { Template, testStack } from '../../helpers/template';
import { rejectsEachCase, type BadCase } from '../../helpers/validation';

describe('ServiceRole for a service', () => {
  const stack = testStack();
  const role = new ServiceRole(stack, 'role', {
    roleName: 'builder',
    trust: { service: 'codebuild.amazonaws.com', sourceAccount: '123456789012' },
    statements: [{ sid: 'One', actions: ['s3:GetObject'], resources: ['arn:aws:s3:::b/*'] }],
  });
  role.addStatements({
    sid: 'Two',
    actions: ['lambda:UpdateFunctionCode'],
    resources: ['arn:aws:lambda:us-east-1:123456789012:function:f'],
  });
  const t = Template.fromStack(stack);

  it('is assumed by the service on behalf of the account only', () => {
    expect(t.dataSource('aws_iam_policy_document', 'role/trust-policy').statement).toEqual([
      {
        effect: 'Allow',
        actions: ['sts:AssumeRole'],
        principals: [{ type: 'Service', identifiers: ['codebuild.amazonaws.com'] }],
        condition: [{ test: 'StringEquals', variable: 'aws:SourceAccount', values: ['123456789012'] }],
      },
    ]);
  });

  it('has one inline policy holding the statements given and added', () => {
    expect(t.count('aws_iam_role_policy')).toBe(1);
    const statements = t.dataSource('aws_iam_policy_document', 'role/policy').statement as Array<{ sid: string }>;
    expect(statements.map((statement) => statement.sid)).toEqual(['One', 'Two']);
    expect(t.resource('aws_iam_role_policy', 'role/inline-policy')).toMatchObject({
      name: 'permissions',
      role: t.ref('aws_iam_role', 'role/role'),
    });
  });
});

describe('ServiceRole for people', () => {
  const stack = testStack();
  new ServiceRole(stack, 'role', {
    roleName: 'operator',
    trust: { principalArns: ['arn:aws:iam::123456789012:user/Apprentice-Finale'] },
    managedPolicyArns: ['arn:aws:iam::aws:policy/job-function/ViewOnlyAccess'],
  });
  const t = Template.fromStack(stack);

  it('requires MFA of the named principal, attaches the managed policy, and has no inline policy', () => {
    expect(t.dataSource('aws_iam_policy_document', 'role/trust-policy').statement).toEqual([
      {
        effect: 'Allow',
        actions: ['sts:AssumeRole'],
        principals: [{ type: 'AWS', identifiers: ['arn:aws:iam::123456789012:user/Apprentice-Finale'] }],
        condition: [{ test: 'Bool', variable: 'aws:MultiFactorAuthPresent', values: ['true'] }],
      },
    ]);
    expect(t.count('aws_iam_role_policy')).toBe(0);
    expect(t.resource('aws_iam_role_policy_attachment', 'role/managed-policy-0').policy_arn).toBe(
      'arn:aws:iam::aws:policy/job-function/ViewOnlyAccess',
    );
  });
});

describe('CustomerManagedKey', () => {
  const stack = testStack();
  new CustomerManagedKey(stack, 'key', {
    description: 'Logs',
    alias: 'app-logs',
    accountId: '123456789012',
    serviceUsers: [{ service: 'logs.us-east-1.amazonaws.com' }],
  });
  const t = Template.fromStack(stack);

  it('rotates, keeps 30 days before deletion, and lets the account and the named service use it', () => {
    expect(t.resource('aws_kms_key', 'key/key')).toMatchObject({
      enable_key_rotation: true,
      deletion_window_in_days: 30,
    });
    expect(t.resource('aws_kms_alias', 'key/alias').name).toBe('alias/app-logs');
    const statements = t.dataSource('aws_iam_policy_document', 'key/policy').statement as Array<
      Record<string, unknown>
    >;
    expect(statements.map((statement) => [statement.sid, statement.principals, statement.condition])).toEqual([
      ['AccountAdministersKey', [{ type: 'AWS', identifiers: ['arn:aws:iam::123456789012:root'] }], undefined],
      [
        'ServiceUse0',
        [{ type: 'Service', identifiers: ['logs.us-east-1.amazonaws.com'] }],
        [{ test: 'StringEquals', variable: 'aws:SourceAccount', values: ['123456789012'] }],
      ],
    ]);
  });
});

describe('ServiceRole props validation', () => {
  const base: ServiceRoleProps = { roleName: 'r', trust: { service: 'lambda.amazonaws.com', skipSourceAccount: true } };
  const cases: Array<BadCase<ServiceRoleProps>> = [
    [
      'every action',
      { ...base, statements: [{ actions: ['*'], resources: ['*'] }] },
      { path: 'statements[0].actions[0]', value: '*', message: /never \* or \*:\*/ },
    ],
    [
      'a service without its account',
      { ...base, trust: { service: 'codebuild.amazonaws.com' } },
      { path: 'trust.sourceAccount', value: undefined, message: /aws:SourceAccount/ },
    ],
    [
      'a wildcard principal',
      { ...base, trust: { principalArns: ['arn:aws:iam::123456789012:user/*'] } },
      { path: 'trust.principalArns[0]', value: 'arn:aws:iam::123456789012:user/*', message: /without wildcards/ },
    ],
    [
      'a role name of 65 characters',
      { ...base, roleName: 'r'.repeat(65) },
      { path: 'roleName', value: 'r'.repeat(65), message: /IAM role name/ },
    ],
  ];
  rejectsEachCase({
    subject: /ServiceRole ".*" props/,
    cases,
    build: (stack, id, props) => new ServiceRole(stack, id, props),
  });

  it('takes * in a Deny (a guard, which grants nothing)', () => {
    const guard = { effect: 'Deny' as const, actions: ['*'], resources: ['*'] };
    expect(() => new ServiceRole(testStack(), 'role', { ...base, statements: [guard] })).not.toThrow();
  });
});
