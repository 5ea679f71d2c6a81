/**
 * An IAM role with its trust, one inline policy and optional managed policies: the execution role of a Lambda
 * function, a CodeBuild project, a pipeline, AWS Backup, or a role people assume. The trust is either an AWS service
 * (held to this account with `aws:SourceAccount`, the confused-deputy guard) or named IAM principals (users, roles,
 * accounts) with MFA required unless the props say otherwise.
 *
 * Statements are data, not JSON: `{ sid, actions, resources, conditions }`, rendered through a local
 * `data aws_iam_policy_document` (the stack still plans offline). `addStatements` appends statements that name
 * something created after the role (the role ARN a pipeline passes, a function the role may update).
 */
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { checkInteger, isLiteral } from './checks';
import { assertNoIssues, joinPath, type ValidationIssue } from './validation';

/** One IAM policy statement. */
export interface PolicyStatement {
  /** Statement id, for reading the policy. Default: none. */
  readonly sid?: string;
  /** `Allow` or `Deny`. Default: `Allow`. */
  readonly effect?: 'Allow' | 'Deny';
  /**
   * IAM actions, `service:Action` (wildcards allowed in the action part). Required, at least one; `*` only in a Deny
   * (a guard, which grants nothing).
   */
  readonly actions: readonly string[];
  /** ARNs the actions apply to; `*` only for actions AWS cannot scope (say why beside it). Required, at least one. */
  readonly resources: readonly string[];
  /** IAM conditions, e.g. `{ test: 'StringEquals', variable: 'aws:RequestedRegion', values: ['us-east-1'] }`. Default: none. */
  readonly conditions?: ReadonlyArray<{
    readonly test: string;
    readonly variable: string;
    readonly values: readonly string[];
  }>;
}

/** Who may assume the role: exactly one of `service` or `principalArns`. */
export interface ServiceRoleTrust {
  /** An AWS service principal, e.g. `lambda.amazonaws.com`. Default: none. */
  readonly service?: string;
  /**
   * With `service`: the account the service acts for (`aws:SourceAccount`). Required with `service` unless
   * `skipSourceAccount` (a service that sends no source account when it assumes roles, e.g. Lambda).
   */
  readonly sourceAccount?: string;
  /**
   * With `service`: leave out the `aws:SourceAccount` condition, for services that do not send it when they assume
   * the role (Lambda, API Gateway's account-level logging). Default: false.
   */
  readonly skipSourceAccount?: boolean;
  /** IAM principals (user, role or account-root ARNs) that may assume the role. Default: none. */
  readonly principalArns?: readonly string[];
  /** With `principalArns`: require MFA (`aws:MultiFactorAuthPresent`). Default: true. */
  readonly requireMfa?: boolean;
}

export interface ServiceRoleProps {
  /** The role's name, 1-64 of `A-Za-z0-9+=,.@_-`. Required. */
  readonly roleName: string;
  /** What the role is for. Default: none. */
  readonly description?: string;
  /** Who may assume it. Required. */
  readonly trust: ServiceRoleTrust;
  /** The inline policy's statements. Default: none (then no inline policy, until `addStatements`). */
  readonly statements?: readonly PolicyStatement[];
  /** Name of the inline policy. Default: `permissions`. */
  readonly policyName?: string;
  /** AWS managed or customer managed policy ARNs to attach. Default: none. */
  readonly managedPolicyArns?: readonly string[];
  /** Longest session, 3600 to 43200 seconds. Default: 3600. */
  readonly maxSessionDurationSeconds?: number;
  /** Tags beside the provider's default tags. Default: none. */
  readonly tags?: Readonly<Record<string, string>>;
}

export class ServiceRole extends Construct {
  readonly role: IamRole;
  readonly roleArn: string;
  readonly roleName: string;
  readonly trustPolicyDocument: DataAwsIamPolicyDocument;
  /** The inline policy and its document, once there is a statement. */
  policyDocument?: DataAwsIamPolicyDocument;
  inlinePolicy?: IamRolePolicy;
  readonly managedPolicyAttachments: readonly IamRolePolicyAttachment[];
  private readonly statements: PolicyStatement[] = [];
  private readonly policyName: string;

  constructor(scope: Construct, id: string, props: ServiceRoleProps) {
    super(scope, id);
    assertNoIssues(`ServiceRole "${this.node.path}" props`, validateServiceRoleProps(props));
    this.policyName = props.policyName ?? 'permissions';
    this.trustPolicyDocument = new DataAwsIamPolicyDocument(this, 'trust-policy', {
      statement: [trustStatement(props.trust)],
    });
    this.role = new IamRole(this, 'role', {
      name: props.roleName,
      description: props.description,
      assumeRolePolicy: this.trustPolicyDocument.json,
      maxSessionDuration: props.maxSessionDurationSeconds ?? 3600,
      tags: props.tags ? { ...props.tags } : undefined,
    });
    this.roleArn = this.role.arn;
    this.roleName = this.role.name;
    this.managedPolicyAttachments = (props.managedPolicyArns ?? []).map(
      (policyArn, index) =>
        new IamRolePolicyAttachment(this, `managed-policy-${index}`, { role: this.role.name, policyArn }),
    );
    if (props.statements && props.statements.length > 0) this.addStatements(...props.statements);
  }

  /** Appends statements to the inline policy (created with the first one). */
  addStatements(...statements: PolicyStatement[]): void {
    assertNoIssues(
      `ServiceRole "${this.node.path}" statements`,
      statements.flatMap((statement, index) =>
        checkPolicyStatement(joinPath('statements', this.statements.length + index), statement),
      ),
    );
    this.statements.push(...statements);
    const rendered = this.statements.map(renderStatement);
    if (this.policyDocument) {
      this.policyDocument.putStatement(rendered);
      return;
    }
    this.policyDocument = new DataAwsIamPolicyDocument(this, 'policy', { statement: rendered });
    this.inlinePolicy = new IamRolePolicy(this, 'inline-policy', {
      name: this.policyName,
      role: this.role.id,
      policy: this.policyDocument.json,
    });
  }
}

function renderStatement(statement: PolicyStatement) {
  return {
    sid: statement.sid,
    effect: statement.effect ?? 'Allow',
    actions: [...statement.actions],
    resources: [...statement.resources],
    condition: statement.conditions?.map((condition) => ({ ...condition, values: [...condition.values] })),
  };
}

function trustStatement(trust: ServiceRoleTrust) {
  if (trust.service !== undefined) {
    return {
      effect: 'Allow',
      actions: ['sts:AssumeRole'],
      principals: [{ type: 'Service', identifiers: [trust.service] }],
      condition:
        trust.skipSourceAccount || trust.sourceAccount === undefined
          ? undefined
          : [{ test: 'StringEquals', variable: 'aws:SourceAccount', values: [trust.sourceAccount] }],
    };
  }
  return {
    effect: 'Allow',
    actions: ['sts:AssumeRole'],
    principals: [{ type: 'AWS', identifiers: [...(trust.principalArns ?? [])] }],
    condition:
      trust.requireMfa === false
        ? undefined
        : [{ test: 'Bool', variable: 'aws:MultiFactorAuthPresent', values: ['true'] }],
  };
}

const IAM_ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
const IAM_ACTION = /^[a-z0-9-]+:[A-Za-z0-9*?]+$/;
const PRINCIPAL_ARN = /^arn:aws[a-z-]*:iam::\d{12}:(root|user\/.+|role\/.+)$/;
const SERVICE_PRINCIPAL = /^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/;
const MANAGED_POLICY_ARN = /^arn:aws[a-z-]*:iam::(aws|\d{12}):policy\/.+$/;

/** An IAM role name: 1-64 characters of A-Za-z0-9+=,.@_-. A token passes. */
export function checkRoleName(path: string, roleName: string): ValidationIssue[] {
  if (Token.isUnresolved(roleName) || IAM_ROLE_NAME.test(roleName ?? '')) return [];
  return [{ path, value: roleName, message: 'must be an IAM role name: 1-64 characters of A-Za-z0-9+=,.@_-' }];
}

/** IAM user, role or account-root ARNs that may assume a role: at least one, no wildcards. */
export function checkPrincipalArns(path: string, arns: readonly string[]): ValidationIssue[] {
  if (arns.length === 0) return [{ path, value: arns, message: 'must list at least one IAM principal ARN' }];
  return arns.flatMap((arn, index) =>
    !isLiteral(arn) || (PRINCIPAL_ARN.test(arn) && !arn.includes('*'))
      ? []
      : [
          {
            path: joinPath(path, index),
            value: arn,
            message:
              'must be an IAM user, role or account ARN without wildcards (arn:aws:iam::<account>:user/<name>, :role/<name> or :root)',
          },
        ],
  );
}

/** One statement: at least one action (never `*` or `*:*`), at least one resource. */
export function checkPolicyStatement(path: string, statement: PolicyStatement): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const actions = statement.actions ?? [];
  if (actions.length === 0) issues.push({ path: `${path}.actions`, value: actions, message: 'must list an action' });
  actions.forEach((action, index) => {
    if (Token.isUnresolved(action) || IAM_ACTION.test(action)) return;
    if (statement.effect === 'Deny' && action === '*') return;
    const message =
      'must be an IAM action of one service, service:Action (e.g. s3:PutObject); never * or *:* (but * in a Deny)';
    issues.push({ path: joinPath(`${path}.actions`, index), value: action, message });
  });
  const resources = statement.resources ?? [];
  if (resources.length === 0) {
    issues.push({ path: `${path}.resources`, value: resources, message: 'must list a resource ARN (or *)' });
  }
  return issues;
}

/** Every rule the constructor enforces, as a pure function. */
export function validateServiceRoleProps(props: ServiceRoleProps): ValidationIssue[] {
  const issues = [...checkRoleName('roleName', props.roleName)];
  const trust = props.trust ?? {};
  const hasService = trust.service !== undefined;
  const hasPrincipals = trust.principalArns !== undefined;
  if (hasService === hasPrincipals) {
    issues.push({ path: 'trust', value: trust, message: 'must name exactly one of service or principalArns' });
  }
  if (hasService) {
    if (!SERVICE_PRINCIPAL.test(trust.service!)) {
      const message = 'must be an AWS service principal like lambda.amazonaws.com';
      issues.push({ path: 'trust.service', value: trust.service, message });
    }
    if (trust.sourceAccount === undefined && !trust.skipSourceAccount) {
      const message =
        'is required with trust.service (the aws:SourceAccount condition), unless trust.skipSourceAccount is set';
      issues.push({ path: 'trust.sourceAccount', value: trust.sourceAccount, message });
    } else if (isLiteral(trust.sourceAccount) && !/^\d{12}$/.test(trust.sourceAccount)) {
      issues.push({
        path: 'trust.sourceAccount',
        value: trust.sourceAccount,
        message: 'must be a 12-digit account id',
      });
    }
  }
  if (hasPrincipals) issues.push(...checkPrincipalArns('trust.principalArns', trust.principalArns!));
  issues.push(
    ...checkInteger('maxSessionDurationSeconds', props.maxSessionDurationSeconds ?? 3600, 3600, 43200, 'seconds'),
  );
  (props.statements ?? []).forEach((statement, index) =>
    issues.push(...checkPolicyStatement(joinPath('statements', index), statement)),
  );
  (props.managedPolicyArns ?? []).forEach((arn, index) => {
    if (isLiteral(arn) && !MANAGED_POLICY_ARN.test(arn)) {
      const message = 'must be an IAM policy ARN, arn:aws:iam::<account id|aws>:policy/...';
      issues.push({ path: joinPath('managedPolicyArns', index), value: arn, message });
    }
  });
  return issues;
}
