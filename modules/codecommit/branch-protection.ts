/**
 * Branch protection for a CodeCommit repository, in CodeCommit's two halves: an approval rule template (associated
 * with the repository) that a pull request into the branch must satisfy before it can be merged, and a managed policy
 * that denies changing the branch any other way, to attach to the developers' roles or groups.
 *
 * The deny follows the documented CodeCommit pattern (`codecommit:References` = `refs/heads/<branch>`, and the `Null`
 * condition so that it applies only where a reference is named): git pushes, branch deletion, file puts and deletes,
 * commits and branch merges from the console or API. Pull request merges stay allowed, so a pull request with its
 * approvals is the way in; CodeCommit refuses to merge one whose approval rule is not satisfied.
 */
import { CodecommitApprovalRuleTemplate } from '@cdktf/provider-aws/lib/codecommit-approval-rule-template';
import { CodecommitApprovalRuleTemplateAssociation } from '@cdktf/provider-aws/lib/codecommit-approval-rule-template-association';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { Construct } from 'constructs';
import { checkAccountId, checkInteger, isLiteral, isToken } from '../core/checks';
import { assertNoIssues, joinPath, type ValidationIssue } from '../core/validation';
import { checkBranchName, checkCodeCommitRepositoryName } from './repository';

/** What the deny policy refuses on the protected branch: every way to change it except merging a pull request. */
export const DIRECT_CHANGE_ACTIONS = [
  'codecommit:GitPush',
  'codecommit:DeleteBranch',
  'codecommit:PutFile',
  'codecommit:DeleteFile',
  'codecommit:CreateCommit',
  'codecommit:MergeBranchesByFastForward',
  'codecommit:MergeBranchesBySquash',
  'codecommit:MergeBranchesByThreeWay',
] as const;

export interface BranchProtectionProps {
  /** The repository's name. Required. */
  readonly repositoryName: string;
  /** The repository's ARN (the deny policy's resource). Required. */
  readonly repositoryArn: string;
  /** The protected branch. Default: `main`. */
  readonly branch?: string;
  /** Approvals a pull request into the branch needs, 1-25. Default: 1. */
  readonly requiredApprovals?: number;
  /**
   * Who counts as an approver: IAM ARNs, with wildcards, e.g. `arn:aws:sts::<account>:assumed-role/Reviewers/*`.
   * Default: none (anyone in the account allowed to approve pull requests).
   */
  readonly approverArns?: readonly string[];
  /** The account that owns the repository. Required. */
  readonly accountId: string;
  /**
   * Name of the approval rule template (at most 100 characters) and of the deny policy. Default:
   * `<repositoryName>-<branch>-protection` (a `/` in the branch becomes `-`).
   */
  readonly name?: string;
  /** Tags of the deny policy, beside the provider's default tags. Default: none. */
  readonly tags?: Readonly<Record<string, string>>;
}

export class BranchProtection extends Construct {
  readonly approvalRuleTemplate: CodecommitApprovalRuleTemplate;
  readonly approvalRuleTemplateAssociation: CodecommitApprovalRuleTemplateAssociation;
  readonly denyDirectChangesPolicyDocument: DataAwsIamPolicyDocument;
  /**
   * A managed policy denying direct pushes, merges, file puts and deletes on the branch: attach it to the developers'
   * roles or groups (pull requests with the approvals are the way in).
   */
  readonly denyDirectChangesPolicy: IamPolicy;
  readonly denyDirectChangesPolicyArn: string;

  constructor(scope: Construct, id: string, props: BranchProtectionProps) {
    super(scope, id);
    assertNoIssues(`BranchProtection "${this.node.path}" props`, validateBranchProtectionProps(props));
    const branch = props.branch ?? 'main';
    const reference = `refs/heads/${branch}`;
    const approvals = props.requiredApprovals ?? 1;
    const name = props.name ?? `${props.repositoryName}-${branch.replace(/\//g, '-')}-protection`;
    this.approvalRuleTemplate = new CodecommitApprovalRuleTemplate(this, 'approval-rule-template', {
      name,
      description: `Pull requests into ${branch} of ${props.repositoryName} need ${approvals} approval(s)`,
      content: JSON.stringify({
        Version: '2018-11-08',
        DestinationReferences: [reference],
        Statements: [
          {
            Type: 'Approvers',
            NumberOfApprovalsNeeded: approvals,
            ...(props.approverArns ? { ApprovalPoolMembers: [...props.approverArns] } : {}),
          },
        ],
      }),
    });
    this.approvalRuleTemplateAssociation = new CodecommitApprovalRuleTemplateAssociation(this, 'association', {
      approvalRuleTemplateName: this.approvalRuleTemplate.name,
      repositoryName: props.repositoryName,
    });
    this.denyDirectChangesPolicyDocument = new DataAwsIamPolicyDocument(this, 'deny-direct-changes', {
      statement: [
        {
          sid: 'DenyDirectChangesToProtectedBranch',
          effect: 'Deny',
          actions: [...DIRECT_CHANGE_ACTIONS],
          resources: [props.repositoryArn],
          condition: [
            { test: 'StringEqualsIfExists', variable: 'codecommit:References', values: [reference] },
            // Without a reference in the request the key is absent; the deny then stays out of the way.
            { test: 'Null', variable: 'codecommit:References', values: ['false'] },
          ],
        },
      ],
    });
    this.denyDirectChangesPolicy = new IamPolicy(this, 'deny-direct-changes-policy', {
      name,
      description: `Denies changes to ${branch} of ${props.repositoryName} other than merging an approved pull request`,
      policy: this.denyDirectChangesPolicyDocument.json,
      tags: props.tags ? { ...props.tags } : undefined,
    });
    this.denyDirectChangesPolicyArn = this.denyDirectChangesPolicy.arn;
  }
}

const TEMPLATE_NAME = /^[\w+=,.@-]{1,100}$/;

/** Every rule the constructor enforces, as a pure function. */
export function validateBranchProtectionProps(props: BranchProtectionProps): ValidationIssue[] {
  const issues: ValidationIssue[] = [
    ...checkBranchName('branch', props.branch ?? 'main'),
    ...checkInteger('requiredApprovals', props.requiredApprovals ?? 1, 1, 25, 'a whole number of approvals'),
    ...checkAccountId('accountId', props.accountId),
    ...checkCodeCommitRepositoryName('repositoryName', props.repositoryName),
  ];
  if (
    !isToken(props.repositoryArn) &&
    !/^arn:aws[a-z-]*:codecommit:[a-z0-9-]+:\d{12}:.+$/.test(props.repositoryArn ?? '')
  ) {
    const message = 'must be a CodeCommit repository ARN (arn:aws:codecommit:<region>:<account>:<name>)';
    issues.push({ path: 'repositoryArn', value: props.repositoryArn, message });
  }
  if (props.name !== undefined && !isToken(props.name) && !TEMPLATE_NAME.test(props.name)) {
    const message = 'must be 1-100 of A-Za-z0-9+=,.@_- (an approval rule template and IAM policy name)';
    issues.push({ path: 'name', value: props.name, message });
  }
  if (props.approverArns !== undefined) {
    if (props.approverArns.length === 0) {
      issues.push({ path: 'approverArns', value: [], message: 'must list an approver, or be left out' });
    }
    props.approverArns.forEach((arn, index) => {
      if (isLiteral(arn) && !/^arn:aws[a-z-]*:(iam|sts)::\d{12}:.+$/.test(arn)) {
        const message = 'must be an IAM or STS ARN like arn:aws:sts::<account>:assumed-role/<role>/*';
        issues.push({ path: joinPath('approverArns', index), value: arn, message });
      }
    });
  }
  return issues;
}
