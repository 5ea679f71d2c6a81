/**
 * IAM policies as the rules read them, whatever form the stack writes them in: a JSON string (`JSON.stringify` in a
 * construct, possibly holding `${...}` references), or a reference to a `data.aws_iam_policy_document` (whose
 * statements, source and override documents are followed). Every form becomes the same list of statements.
 */
import { asObject, nestedList, stringList, type Block, type Json, type JsonObject, type StackView } from './stack-view';

export interface PolicyCondition {
  /** `StringEquals`, `StringLike`, `Bool`, ... */
  readonly operator: string;
  /** `aws:SecureTransport`, `token.actions.githubusercontent.com:sub` (as written). */
  readonly key: string;
  readonly values: readonly string[];
}

export interface PolicyPrincipal {
  /** `AWS`, `Service`, `Federated`, or `*` for everyone. */
  readonly type: string;
  readonly ids: readonly string[];
}

export interface PolicyStatement {
  readonly sid?: string;
  readonly effect: 'Allow' | 'Deny';
  readonly actions: readonly string[];
  readonly notActions: readonly string[];
  readonly resources: readonly string[];
  readonly notResources: readonly string[];
  readonly principals: readonly PolicyPrincipal[];
  readonly conditions: readonly PolicyCondition[];
}

const DOCUMENT_JSON = /^\$\{data\.aws_iam_policy_document\.([A-Za-z0-9_-]+)\.json\}$/;

/**
 * The statements of a policy argument; undefined when it cannot be read (an expression the pack cannot follow), so a
 * rule can tell "no statements" from "unknown".
 */
export function policyStatements(value: Json | undefined, stack: StackView): PolicyStatement[] | undefined {
  if (typeof value !== 'string') return undefined;
  const reference = DOCUMENT_JSON.exec(value.trim());
  if (reference) {
    const document = stack.block(`data.aws_iam_policy_document.${reference[1]}`);
    return document ? documentStatements(document, stack) : undefined;
  }
  try {
    return jsonStatements(JSON.parse(value) as Json);
  } catch {
    return undefined;
  }
}

/** The statements of a `data.aws_iam_policy_document`: its own, then those of its source and override documents. */
export function documentStatements(document: Block, stack: StackView): PolicyStatement[] {
  const own = nestedList(document.config.statement).map(documentStatement);
  const merged = [
    ...stringList(document.config.source_policy_documents),
    ...stringList(document.config.override_policy_documents),
  ].flatMap((source) => policyStatements(source, stack) ?? []);
  return [...own, ...merged];
}

function documentStatement(statement: JsonObject): PolicyStatement {
  const principals = (key: string) =>
    nestedList(statement[key]).map((principal) => ({
      type: String(principal.type ?? ''),
      ids: stringList(principal.identifiers),
    }));
  return {
    sid: typeof statement.sid === 'string' ? statement.sid : undefined,
    effect: statement.effect === 'Deny' ? 'Deny' : 'Allow',
    actions: stringList(statement.actions),
    notActions: stringList(statement.not_actions),
    resources: stringList(statement.resources),
    notResources: stringList(statement.not_resources),
    principals: principals('principals'),
    conditions: nestedList(statement.condition).map((condition) => ({
      operator: String(condition.test ?? ''),
      key: String(condition.variable ?? ''),
      values: stringList(condition.values),
    })),
  };
}

function jsonStatements(policy: Json): PolicyStatement[] | undefined {
  const statements = asObject(policy)?.Statement;
  if (statements === undefined) return undefined;
  return nestedList(statements).map((statement) => ({
    sid: typeof statement.Sid === 'string' ? statement.Sid : undefined,
    effect: statement.Effect === 'Deny' ? 'Deny' : 'Allow',
    actions: stringList(statement.Action),
    notActions: stringList(statement.NotAction),
    resources: stringList(statement.Resource),
    notResources: stringList(statement.NotResource),
    principals: jsonPrincipals(statement.Principal),
    conditions: Object.entries(asObject(statement.Condition) ?? {}).flatMap(([operator, entries]) =>
      Object.entries(asObject(entries) ?? {}).map(([key, values]) => ({
        operator,
        key,
        values: stringList(values).length > 0 ? stringList(values) : [String(values)],
      })),
    ),
  }));
}

function jsonPrincipals(principal: Json | undefined): PolicyPrincipal[] {
  if (principal === undefined) return [];
  if (principal === '*') return [{ type: '*', ids: ['*'] }];
  return Object.entries(asObject(principal) ?? {}).map(([type, ids]) => ({ type, ids: stringList(ids) }));
}

/** Whether an IAM action pattern (`s3:*`, `iam:Put*`, `*`) covers `action`; IAM compares actions case-insensitively. */
export function actionMatches(pattern: string, action: string): boolean {
  if (pattern === '*') return true;
  if (!pattern.includes('*') && !pattern.includes('?')) return pattern.toLowerCase() === action.toLowerCase();
  return globRegExp(pattern).test(action);
}

/** Whether an Allow statement grants `action` (through Action or NotAction). */
export function allows(statement: PolicyStatement, action: string): boolean {
  if (statement.effect !== 'Allow') return false;
  if (statement.notActions.length > 0) return !statement.notActions.some((pattern) => actionMatches(pattern, action));
  return statement.actions.some((pattern) => actionMatches(pattern, action));
}

/** The conditions on a key (case-insensitive, as IAM compares keys). */
export function conditionsOn(statement: PolicyStatement, key: string): PolicyCondition[] {
  const wanted = key.toLowerCase();
  return statement.conditions.filter((condition) => condition.key.toLowerCase() === wanted);
}

/** Whether a statement's principal is everyone (`*`, `AWS: *`). */
export function hasPublicPrincipal(statement: PolicyStatement): boolean {
  return statement.principals.some(
    (principal) => (principal.type === '*' || principal.type === 'AWS') && principal.ids.includes('*'),
  );
}

const globCache = new Map<string, RegExp>();

/** An IAM glob (`*` any run, `?` one character) as a case-insensitive, anchored RegExp. */
export function globRegExp(pattern: string): RegExp {
  let regexp = globCache.get(pattern);
  if (!regexp) {
    const source = pattern
      .replace(/[.+^${}()|[\]\\/]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.');
    regexp = new RegExp(`^${source}$`, 'i');
    globCache.set(pattern, regexp);
  }
  return regexp;
}

/** The identity policies (what a principal may do) a block holds: role, user, group and managed policies. */
export const IDENTITY_POLICY_TYPES = [
  'aws_iam_role_policy',
  'aws_iam_policy',
  'aws_iam_user_policy',
  'aws_iam_group_policy',
  'aws_iam_role',
] as const;

/** The identity-policy statements of one block of {@link IDENTITY_POLICY_TYPES} (a role's inline_policy blocks). */
export function identityStatements(block: Block, stack: StackView): PolicyStatement[] {
  if (block.type === 'aws_iam_role') {
    return nestedList(block.config.inline_policy).flatMap((inline) => policyStatements(inline.policy, stack) ?? []);
  }
  return policyStatements(block.config.policy, stack) ?? [];
}
