/**
 * AWS Backup: a vault encrypted with a customer managed key, and a plan of scheduled rules that back up the selected
 * resources into it and copy each recovery point to other vaults (another region, another account) with their own
 * retention.
 *
 * - `BackupVault`: the vault, its KMS key (created unless given), and an access policy that refuses manual deletion of
 *   recovery points (`backup:DeleteRecoveryPoint` denied to everyone; retention still expires them).
 * - `BackupPlan`: the plan's rules, the selection (resources by ARN) and the role AWS Backup runs as (AWS's managed
 *   backup and restore policies).
 *
 * A copy action names its destination vault by ARN (`arn:aws:backup:<region>:<account>:backup-vault:<name>`), which
 * {@link backupVaultArn} computes from the vault's region, account and name: the stack holding the plan needs nothing
 * from the stack holding the destination vault, so each plans offline on its own. The destination must exist when a
 * copy runs, not when the plan is created: deploy the destination vault first.
 */
import { BackupPlan as AwsBackupPlan, type BackupPlanRule } from '@cdktf/provider-aws/lib/backup-plan';
import { BackupSelection } from '@cdktf/provider-aws/lib/backup-selection';
import { BackupVault as AwsBackupVault } from '@cdktf/provider-aws/lib/backup-vault';
import { BackupVaultPolicy } from '@cdktf/provider-aws/lib/backup-vault-policy';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { Construct } from 'constructs';
import { awsPartition, checkInteger, checkKmsKeyArn, isLiteral } from '../core/checks';
import { CustomerManagedKey } from '../core/kms-key';
import { ServiceRole } from '../core/service-role';
import { assertNoIssues, joinPath, type ValidationIssue } from '../core/validation';

/** AWS's managed policies for the role AWS Backup runs backups and restores as. */
export const BACKUP_SERVICE_POLICIES = [
  'arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup',
  'arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores',
] as const;

/** The ARN of a backup vault, from where it is and what it is called. */
export function backupVaultArn(region: string, accountId: string, vaultName: string): string {
  return `arn:${awsPartition(region)}:backup:${region}:${accountId}:backup-vault:${vaultName}`;
}

export interface BackupVaultProps {
  /** The vault's name, 2-50 of letters, digits, `-` and `_`. Required. */
  readonly name: string;
  /** The account that owns the vault (and the created key). Required. */
  readonly accountId: string;
  /** Customer managed key for the recovery points. Default: none, and the module creates one (`alias/<name>-backup`). */
  readonly kmsKeyArn?: string;
  /** Refuse manual deletion of recovery points (a vault access policy). Default: true. */
  readonly protectRecoveryPoints?: boolean;
  /** Let `terraform destroy` delete the vault with its recovery points. Default: false. */
  readonly forceDestroy?: boolean;
  /** Tags beside the provider's default tags. Default: none. */
  readonly tags?: Readonly<Record<string, string>>;
}

export class BackupVault extends Construct {
  readonly vault: AwsBackupVault;
  readonly vaultName: string;
  readonly vaultArn: string;
  readonly kmsKeyArn: string;
  readonly kmsKey?: CustomerManagedKey;
  readonly policy?: BackupVaultPolicy;

  constructor(scope: Construct, id: string, props: BackupVaultProps) {
    super(scope, id);
    assertNoIssues(`BackupVault "${this.node.path}" props`, validateBackupVaultProps(props));
    const tags = props.tags ? { ...props.tags } : undefined;
    if (props.kmsKeyArn === undefined) {
      this.kmsKey = new CustomerManagedKey(this, 'key', {
        description: `Recovery points in the backup vault ${props.name}`,
        alias: `${props.name}-backup`,
        accountId: props.accountId,
        tags,
      });
    }
    this.kmsKeyArn = props.kmsKeyArn ?? this.kmsKey!.keyArn;
    this.vault = new AwsBackupVault(this, 'vault', {
      name: props.name,
      kmsKeyArn: this.kmsKeyArn,
      forceDestroy: props.forceDestroy ?? false,
      tags,
    });
    this.vaultName = this.vault.name;
    this.vaultArn = this.vault.arn;
    if (props.protectRecoveryPoints ?? true) {
      const document = new DataAwsIamPolicyDocument(this, 'policy-document', {
        statement: [
          {
            sid: 'DenyManualRecoveryPointDeletion',
            effect: 'Deny',
            principals: [{ type: 'AWS', identifiers: ['*'] }],
            actions: ['backup:DeleteRecoveryPoint', 'backup:UpdateRecoveryPointLifecycle'],
            resources: ['*'],
          },
        ],
      });
      this.policy = new BackupVaultPolicy(this, 'policy', {
        backupVaultName: this.vault.name,
        policy: document.json,
      });
    }
  }
}

/** Where a rule copies each recovery point to. */
export interface BackupCopyTarget {
  /** The destination vault's ARN ({@link backupVaultArn}). Required. */
  readonly vaultArn: string;
  /** Days the copy is kept, at least 1. Default: the rule's `deleteAfterDays`. */
  readonly deleteAfterDays?: number;
}

export interface BackupRuleProps {
  /** The rule's name, 1-50 of letters, digits, `-`, `_` and `.`, unique in the plan. Required. */
  readonly name: string;
  /** When it runs: an AWS cron expression in UTC, `cron(<min> <hour> <dom> <month> <dow> <year>)`. Required. */
  readonly schedule: string;
  /** Days a recovery point is kept, at least 1. Required. */
  readonly deleteAfterDays: number;
  /** Minutes after the scheduled time a job may start, at least 60. Default: 60. */
  readonly startWindowMinutes?: number;
  /** Minutes a started job may run, at least startWindowMinutes + 60. Default: 180. */
  readonly completionWindowMinutes?: number;
  /** Vaults each recovery point is copied to. Default: none. */
  readonly copyTo?: readonly BackupCopyTarget[];
}

export interface BackupPlanProps {
  /** The plan's name (also names its selection and role), 1-50 of letters, digits, `-`, `_` and `.`. Required. */
  readonly name: string;
  /** The vault the rules back up into. Required. */
  readonly vaultName: string;
  /** The rules. Required, at least one. */
  readonly rules: readonly BackupRuleProps[];
  /** ARNs of the resources backed up (an Aurora cluster, a DynamoDB table ...). Required, at least one. */
  readonly resourceArns: readonly string[];
  /** Tags beside the provider's default tags. Default: none. */
  readonly tags?: Readonly<Record<string, string>>;
}

export class BackupPlan extends Construct {
  readonly plan: AwsBackupPlan;
  readonly planId: string;
  readonly planArn: string;
  readonly selection: BackupSelection;
  readonly role: ServiceRole;

  constructor(scope: Construct, id: string, props: BackupPlanProps) {
    super(scope, id);
    assertNoIssues(`BackupPlan "${this.node.path}" props`, validateBackupPlanProps(props));
    const tags = props.tags ? { ...props.tags } : undefined;
    this.role = new ServiceRole(this, 'role', {
      roleName: `${props.name}-backup`,
      description: `AWS Backup runs the plan ${props.name} (backups, copies, restores) as this role`,
      // AWS Backup documents no aws:SourceAccount on its role assumption; the managed policies scope what it may do.
      trust: { service: 'backup.amazonaws.com', skipSourceAccount: true },
      managedPolicyArns: [...BACKUP_SERVICE_POLICIES],
      tags,
    });
    this.plan = new AwsBackupPlan(this, 'plan', {
      name: props.name,
      rule: props.rules.map((rule) => backupRule(props.vaultName, rule)),
      tags,
    });
    this.planId = this.plan.id;
    this.planArn = this.plan.arn;
    this.selection = new BackupSelection(this, 'selection', {
      name: props.name,
      planId: this.plan.id,
      iamRoleArn: this.role.roleArn,
      resources: [...props.resourceArns],
    });
  }
}

function backupRule(vaultName: string, rule: BackupRuleProps): BackupPlanRule {
  return {
    ruleName: rule.name,
    targetVaultName: vaultName,
    schedule: rule.schedule,
    startWindow: rule.startWindowMinutes ?? 60,
    completionWindow: rule.completionWindowMinutes ?? 180,
    lifecycle: { deleteAfter: rule.deleteAfterDays },
    copyAction: (rule.copyTo ?? []).map((copy) => ({
      destinationVaultArn: copy.vaultArn,
      lifecycle: { deleteAfter: copy.deleteAfterDays ?? rule.deleteAfterDays },
    })),
  };
}

const VAULT_NAME = /^[A-Za-z0-9_-]{2,50}$/;
const PLAN_OR_RULE_NAME = /^[A-Za-z0-9_.-]{1,50}$/;
const VAULT_ARN = /^arn:aws[a-z-]*:backup:[a-z0-9-]+:\d{12}:backup-vault:[A-Za-z0-9_-]{2,50}$/;
/** `cron(min hour day-of-month month day-of-week year)`, the minute a single number (AWS Backup runs at most hourly). */
const CRON = /^cron\((\d{1,2}) (\S+) (\S+) (\S+) (\S+) (\S+)\)$/;

/** A vault name: 2-50 of letters, digits, `-` and `_`. */
export function checkBackupVaultName(path: string, name: string): ValidationIssue[] {
  if (!isLiteral(name) || VAULT_NAME.test(name)) return [];
  return [{ path, value: name, message: 'must be a backup vault name: 2-50 letters, digits, - and _' }];
}

/** A plan or rule name: 1-50 of letters, digits, `-`, `_` and `.`. */
export function checkBackupName(path: string, name: string): ValidationIssue[] {
  if (PLAN_OR_RULE_NAME.test(name ?? '')) return [];
  return [{ path, value: name, message: 'must be 1-50 letters, digits, -, _ and .' }];
}

/** A schedule: a six-field AWS cron expression whose minute is one number from 0 to 59 (at most hourly). */
export function checkBackupSchedule(path: string, schedule: string): ValidationIssue[] {
  const match = CRON.exec(schedule ?? '');
  if (match && Number(match[1]) <= 59 && (match[3] === '?' || match[5] === '?')) return [];
  const message =
    'must be cron(<minute> <hour> <day-of-month> <month> <day-of-week> <year>) in UTC, one minute value (at most hourly), ? in day-of-month or day-of-week';
  return [{ path, value: schedule, message }];
}

/** Days a recovery point or its copy is kept: at least 1. */
export function checkBackupRetention(path: string, days: number): ValidationIssue[] {
  return checkInteger(path, days, 1, Number.POSITIVE_INFINITY, 'a whole number of days');
}

/** A destination vault's ARN. */
export function checkBackupVaultArn(path: string, arn: string): ValidationIssue[] {
  if (!isLiteral(arn) || VAULT_ARN.test(arn)) return [];
  const message = 'must be a backup vault ARN, arn:aws:backup:<region>:<account>:backup-vault:<name>';
  return [{ path, value: arn, message }];
}

/** One rule, at `base`: name, schedule, retention, windows and copies. */
export function checkBackupRule(base: string, rule: BackupRuleProps): ValidationIssue[] {
  const at = (field: string) => joinPath(base, field);
  const start = rule.startWindowMinutes ?? 60;
  const completion = rule.completionWindowMinutes ?? 180;
  const issues = [
    ...checkBackupName(at('name'), rule.name),
    ...checkBackupSchedule(at('schedule'), rule.schedule),
    ...checkBackupRetention(at('deleteAfterDays'), rule.deleteAfterDays),
    ...checkInteger(at('startWindowMinutes'), start, 60, 40_320, 'a whole number of minutes'),
  ];
  if (issues.every((issue) => issue.path !== at('startWindowMinutes'))) {
    issues.push(
      ...checkInteger(at('completionWindowMinutes'), completion, start + 60, 1_000_000, 'a whole number of minutes'),
    );
  }
  (rule.copyTo ?? []).forEach((copy, index) => {
    issues.push(...checkBackupVaultArn(joinPath(base, 'copyTo', index, 'vaultArn'), copy.vaultArn));
    if (copy.deleteAfterDays !== undefined) {
      issues.push(...checkBackupRetention(joinPath(base, 'copyTo', index, 'deleteAfterDays'), copy.deleteAfterDays));
    }
  });
  return issues;
}

export function validateBackupVaultProps(props: BackupVaultProps): ValidationIssue[] {
  const issues = [...checkBackupVaultName('name', props.name), ...checkKmsKeyArn('kmsKeyArn', props.kmsKeyArn)];
  if (isLiteral(props.accountId) && !/^\d{12}$/.test(props.accountId)) {
    issues.push({ path: 'accountId', value: props.accountId, message: 'must be a 12-digit AWS account id' });
  }
  return issues;
}

export function validateBackupPlanProps(props: BackupPlanProps): ValidationIssue[] {
  const issues = [...checkBackupName('name', props.name), ...checkBackupVaultName('vaultName', props.vaultName)];
  if ((props.rules ?? []).length === 0) issues.push({ path: 'rules', value: props.rules, message: 'must list a rule' });
  props.rules.forEach((rule, index) => {
    issues.push(...checkBackupRule(joinPath('rules', index), rule));
    if (props.rules.findIndex((other) => other.name === rule.name) !== index) {
      issues.push({ path: joinPath('rules', index, 'name'), value: rule.name, message: 'is the name of another rule' });
    }
  });
  if ((props.resourceArns ?? []).length === 0) {
    issues.push({ path: 'resourceArns', value: props.resourceArns, message: 'must list a resource ARN to back up' });
  }
  props.resourceArns.forEach((arn, index) => {
    if (isLiteral(arn) && (arn === '*' || !/^arn:aws[a-z-]*:[a-z0-9-]+:/.test(arn))) {
      const message = 'must be the ARN of one resource (no *)';
      issues.push({ path: joinPath('resourceArns', index), value: arn, message });
    }
  });
  return issues;
}
