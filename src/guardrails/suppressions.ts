/**
 * Suppressions: a deliberate, documented exception to a rule, declared at a construct (it covers every resource under
 * that construct) or in an environment's config (`guardrails.suppressions`, by construct path). A reason is mandatory
 * and shows in every report; a suppression that matches no finding is itself an error, so none outlives its cause.
 */
import type { IConstruct } from 'constructs';
import { Token } from 'cdktf';

export interface Suppression {
  /** The rule id, e.g. `elb-waf-attached`. */
  readonly rule: string;
  /** Why the finding is a deliberate choice: what makes it acceptable here, and what the secure option is. */
  readonly reason: string;
}

/** A suppression where it was declared: the construct path it covers and where it came from. */
export interface DeclaredSuppression extends Suppression {
  /** Construct path it covers, e.g. `ec2-web-dev/frontend`: that construct and everything under it. */
  readonly path: string;
  /** `construct` or the config path that declared it (`environments.dev.guardrails.suppressions[0]`). */
  readonly source: string;
}

/** Shortest reason accepted: a few words that say why. */
export const MIN_REASON_LENGTH = 20;

const SUPPRESSIONS = Symbol.for('aws-blueprints.guardrails.suppressions');

type WithSuppressions = IConstruct & { [SUPPRESSIONS]?: Suppression[] };

/**
 * Suppresses `rule` for `scope` and every resource under it, with the reason the report shows. Throws on an empty or
 * too short reason.
 */
export function suppress(scope: IConstruct, rule: string, reason: string): void {
  const problem = checkSuppression({ rule, reason });
  if (problem) throw new Error(`suppress(${scope.node.path}, ${JSON.stringify(rule)}): ${problem}`);
  const holder = scope as WithSuppressions;
  (holder[SUPPRESSIONS] ??= []).push({ rule, reason });
}

/** What is wrong with a suppression's own fields, if anything. */
export function checkSuppression(suppression: Suppression): string | undefined {
  if (typeof suppression.rule !== 'string' || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(suppression.rule)) {
    return 'the rule must be a rule id, e.g. s3-versioning-enabled';
  }
  const reason = typeof suppression.reason === 'string' ? suppression.reason.trim() : '';
  if (reason.length < MIN_REASON_LENGTH || Token.isUnresolved(reason)) {
    return `needs a reason of at least ${MIN_REASON_LENGTH} characters saying why this is a deliberate choice`;
  }
  return undefined;
}

/** Every suppression declared on `root` or a construct under it. */
export function constructSuppressions(root: IConstruct): DeclaredSuppression[] {
  return root.node.findAll().flatMap((construct) =>
    ((construct as WithSuppressions)[SUPPRESSIONS] ?? []).map((suppression) => ({
      ...suppression,
      path: construct.node.path,
      source: 'construct',
    })),
  );
}

/** Whether a suppression declared at `suppressionPath` covers a finding at `path`. */
export function covers(suppressionPath: string, path: string): boolean {
  return path === suppressionPath || path.startsWith(`${suppressionPath}/`);
}
