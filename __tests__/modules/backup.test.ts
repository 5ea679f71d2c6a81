/**
 * The backup module: the vault with its key and the policy refusing manual deletion, the plan's rules (schedule,
 * windows, retention, copy actions to a vault ARN with their retention), the selection by ARN and the role AWS Backup
 * runs as, the vault ARN computed from config, and each props-validation error (retention 0 among them).
 */
import { BackupPlan, BackupVault, backupVaultArn, type BackupPlanProps } from '../../modules/backup';
import { Template, testStack } from '../helpers/template';
import { rejectsEachCase, type BadCase } from '../helpers/validation';

const DR_VAULT = 'arn:aws:backup:us-west-2:123456789012:backup-vault:apprentice-final-staging-dr';
const CLUSTER = 'arn:aws:rds:us-east-1:123456789012:cluster:apprentice-final-staging';
const PLAN: BackupPlanProps = {
  name: 'apprentice-final-staging',
  vaultName: 'apprentice-final-staging',
  rules: [
    { name: 'hourly', schedule: 'cron(0 * * * ? *)', deleteAfterDays: 7, copyTo: [{ vaultArn: DR_VAULT }] },
    {
      name: 'daily',
      schedule: 'cron(0 5 * * ? *)',
      deleteAfterDays: 90,
      startWindowMinutes: 120,
      completionWindowMinutes: 600,
      copyTo: [{ vaultArn: DR_VAULT, deleteAfterDays: 30 }],
    },
  ],
  resourceArns: [CLUSTER],
};

describe('backupVaultArn', () => {
  it('is the ARN AWS gives a vault, per partition', () => {
    expect(backupVaultArn('us-west-2', '123456789012', 'apprentice-final-staging-dr')).toBe(DR_VAULT);
    expect(backupVaultArn('cn-north-1', '123456789012', 'v')).toBe(
      'arn:aws-cn:backup:cn-north-1:123456789012:backup-vault:v',
    );
  });
});

describe('BackupVault', () => {
  const stack = testStack();
  new BackupVault(stack, 'vault', { name: 'apprentice-final-staging-dr', accountId: '123456789012' });
  const t = Template.fromStack(stack);

  it('encrypts with its own rotating key and is not destroyed with recovery points', () => {
    expect(t.resource('aws_backup_vault', 'vault/vault')).toEqual({
      name: 'apprentice-final-staging-dr',
      kms_key_arn: t.ref('aws_kms_key', 'vault/key/key', 'arn'),
      force_destroy: false,
    });
    expect(t.resource('aws_kms_key', 'vault/key/key').enable_key_rotation).toBe(true);
    expect(t.resource('aws_kms_alias', 'vault/key/alias').name).toBe('alias/apprentice-final-staging-dr-backup');
  });

  it('refuses manual deletion of recovery points to everyone', () => {
    expect(t.resource('aws_backup_vault_policy', 'vault/policy').backup_vault_name).toBe(
      t.ref('aws_backup_vault', 'vault/vault', 'name'),
    );
    expect(t.dataSource('aws_iam_policy_document', 'vault/policy-document').statement).toEqual([
      {
        sid: 'DenyManualRecoveryPointDeletion',
        effect: 'Deny',
        principals: [{ type: 'AWS', identifiers: ['*'] }],
        actions: ['backup:DeleteRecoveryPoint', 'backup:UpdateRecoveryPointLifecycle'],
        resources: ['*'],
      },
    ]);
  });
});

describe('BackupPlan (seed 004: hourly 7 days, daily 90 days, both copied to us-west-2)', () => {
  const stack = testStack();
  new BackupPlan(stack, 'plan', PLAN);
  const t = Template.fromStack(stack);

  it('runs each rule into the vault with its schedule, windows, retention and copy', () => {
    expect(t.resource('aws_backup_plan', 'plan/plan')).toMatchObject({
      name: 'apprentice-final-staging',
      rule: [
        {
          rule_name: 'hourly',
          target_vault_name: 'apprentice-final-staging',
          schedule: 'cron(0 * * * ? *)',
          start_window: 60,
          completion_window: 180,
          lifecycle: { delete_after: 7 },
          copy_action: [{ destination_vault_arn: DR_VAULT, lifecycle: { delete_after: 7 } }],
        },
        {
          rule_name: 'daily',
          target_vault_name: 'apprentice-final-staging',
          schedule: 'cron(0 5 * * ? *)',
          start_window: 120,
          completion_window: 600,
          lifecycle: { delete_after: 90 },
          copy_action: [{ destination_vault_arn: DR_VAULT, lifecycle: { delete_after: 30 } }],
        },
      ],
    });
  });

  it('selects the resources by ARN, run by a role AWS Backup assumes with its managed policies', () => {
    expect(t.resource('aws_backup_selection', 'plan/selection')).toEqual({
      name: 'apprentice-final-staging',
      plan_id: t.ref('aws_backup_plan', 'plan/plan'),
      iam_role_arn: t.ref('aws_iam_role', 'plan/role/role', 'arn'),
      resources: [CLUSTER],
    });
    expect(t.resource('aws_iam_role', 'plan/role/role').name).toBe('apprentice-final-staging-backup');
    expect(t.dataSource('aws_iam_policy_document', 'plan/role/trust-policy').statement).toEqual([
      {
        effect: 'Allow',
        actions: ['sts:AssumeRole'],
        principals: [{ type: 'Service', identifiers: ['backup.amazonaws.com'] }],
      },
    ]);
    expect(t.all('aws_iam_role_policy_attachment').map((attachment) => attachment.policy_arn)).toEqual([
      'arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup',
      'arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores',
    ]);
  });
});

describe('BackupPlan props validation', () => {
  const rule = PLAN.rules[0]!;
  const cases: Array<BadCase<BackupPlanProps>> = [
    [
      'a retention of 0 days',
      { ...PLAN, rules: [{ ...rule, deleteAfterDays: 0 }] },
      { path: 'rules[0].deleteAfterDays', value: 0, message: /whole number of days ≥ 1/ },
    ],
    [
      'a copy kept 0 days',
      { ...PLAN, rules: [{ ...rule, copyTo: [{ vaultArn: DR_VAULT, deleteAfterDays: 0 }] }] },
      { path: 'rules[0].copyTo[0].deleteAfterDays', value: 0, message: /whole number of days ≥ 1/ },
    ],
    [
      'a copy to a vault name, not its ARN',
      { ...PLAN, rules: [{ ...rule, copyTo: [{ vaultArn: 'apprentice-final-staging-dr' }] }] },
      { path: 'rules[0].copyTo[0].vaultArn', value: 'apprentice-final-staging-dr', message: /backup vault ARN/ },
    ],
    [
      'a schedule every 15 minutes',
      { ...PLAN, rules: [{ ...rule, schedule: 'cron(0/15 * * * ? *)' }] },
      { path: 'rules[0].schedule', value: 'cron(0/15 * * * ? *)', message: /at most hourly/ },
    ],
    [
      'a completion window too close to the start window',
      { ...PLAN, rules: [{ ...rule, startWindowMinutes: 60, completionWindowMinutes: 90 }] },
      { path: 'rules[0].completionWindowMinutes', value: 90, message: /from 120 to/ },
    ],
    [
      'two rules of one name',
      { ...PLAN, rules: [rule, rule] },
      { path: 'rules[1].name', value: 'hourly', message: /another rule/ },
    ],
    ['no resource', { ...PLAN, resourceArns: [] }, { path: 'resourceArns', value: [], message: /resource ARN/ }],
  ];
  rejectsEachCase({
    subject: /BackupPlan ".*" props/,
    cases,
    build: (stack, id, props) => new BackupPlan(stack, id, props),
  });
});
