import { expandAction, serviceActions } from '../iam-actions';
import { policyStatements } from '../policy';
import { resourceRule } from '../rule';
import { documentStatements, type PolicyStatement } from '../policy';
import type { Block, StackView } from '../stack-view';

/** Resources whose policy argument may hold literal JSON (references to policy documents are checked at the document). */
const POLICY_HOLDERS: Record<string, string> = {
  aws_iam_role_policy: 'policy',
  aws_iam_policy: 'policy',
  aws_iam_user_policy: 'policy',
  aws_iam_group_policy: 'policy',
  aws_iam_role: 'assume_role_policy',
  aws_s3_bucket_policy: 'policy',
  aws_sns_topic_policy: 'policy',
  aws_sqs_queue_policy: 'policy',
  aws_kms_key: 'policy',
  aws_ecr_repository_policy: 'policy',
  aws_secretsmanager_secret_policy: 'policy',
};

function statementsOf(block: Block, stack: StackView): PolicyStatement[] {
  if (block.mode === 'data') return documentStatements(block, stack);
  const value = block.config[POLICY_HOLDERS[block.type] ?? 'policy'];
  if (typeof value !== 'string' || value.trim().startsWith('${')) return [];
  return policyStatements(value, stack) ?? [];
}

/** Why an action pattern matches nothing AWS has, if it does not. */
export function unknownAction(pattern: string): string | undefined {
  if (pattern === '*') return undefined;
  const [service = ''] = pattern.split(':');
  if (!serviceActions(service)) return `${pattern} (no service "${service}")`;
  return (expandAction(pattern) ?? []).length === 0 ? `${pattern} (no such action)` : undefined;
}

export const iamKnownActions = resourceRule({
  id: 'iam-known-actions',
  severity: 'error',
  description: 'Every IAM action a policy names exists (a misspelt action silently grants or denies nothing)',
  controls: {},
  fix: "spell the action as AWS's service authorization reference does, e.g. s3:GetObject",
  types: ['data.aws_iam_policy_document', ...Object.keys(POLICY_HOLDERS)],
  check: (block, stack) => {
    const unknown = statementsOf(block, stack)
      .flatMap((statement) => [...statement.actions, ...statement.notActions])
      .map(unknownAction)
      .filter((problem): problem is string => problem !== undefined);
    return unknown.length > 0 ? `names actions AWS does not have: ${[...new Set(unknown)].join(', ')}` : undefined;
  },
});
