/**
 * Runs a pack over one synthesized stack: every resource rule on every block of its types, every stack rule once,
 * then the suppressions: a finding covered by one is reported as suppressed (with the reason); a suppression that
 * covers no finding, or names no rule of the pack, is an error of its own.
 */
import type { Pack, Rule, Severity } from './rule';
import type { Block, StackView } from './stack-view';
import { covers, type DeclaredSuppression } from './suppressions';

export interface Finding {
  readonly rule: Rule;
  readonly stack: string;
  /** The block the finding is about. */
  readonly block: Block;
  readonly message: string;
  /** `fail`, or `suppressed` with the suppression that covers it. */
  readonly status: 'fail' | 'suppressed';
  readonly suppression?: DeclaredSuppression;
}

/** A problem with a suppression itself (it covers nothing, or names an unknown rule): always an error. */
export interface SuppressionProblem {
  readonly stack: string;
  readonly suppression: DeclaredSuppression;
  readonly message: string;
}

export interface StackReport {
  readonly stack: string;
  readonly production: boolean;
  /** Failed and suppressed findings, in rule order. */
  readonly findings: readonly Finding[];
  /** Per rule id: how many checks passed (blocks for resource rules). Rules that did not apply are absent. */
  readonly passes: ReadonlyMap<string, number>;
  readonly suppressionProblems: readonly SuppressionProblem[];
}

export function checkStack(stack: StackView, pack: Pack, suppressions: readonly DeclaredSuppression[]): StackReport {
  const raw: Array<{ rule: Rule; block: Block; message: string }> = [];
  const passes = new Map<string, number>();
  const pass = (rule: Rule, count = 1) => count > 0 && passes.set(rule.id, (passes.get(rule.id) ?? 0) + count);

  for (const rule of pack.rules) {
    if (rule.productionOnly && !stack.production) continue;
    if (rule.kind === 'stack') {
      const { failures, checked } = rule.check(stack);
      for (const failure of failures) raw.push({ rule, block: failure.block, message: failure.message });
      pass(rule, checked - new Set(failures.map((failure) => failure.block)).size);
      continue;
    }
    for (const type of rule.types) {
      const blocks = type.startsWith('data.') ? stack.dataSources(type.slice(5)) : stack.resources(type);
      for (const block of blocks) {
        const verdict = rule.check(block, stack);
        const messages = typeof verdict === 'string' ? [verdict] : (verdict ?? []);
        if (messages.length === 0) pass(rule);
        for (const message of messages) raw.push({ rule, block, message });
      }
    }
  }

  const used = new Set<DeclaredSuppression>();
  const findings = raw.map(({ rule, block, message }): Finding => {
    const suppression = suppressions.find((s) => s.rule === rule.id && covers(s.path, block.path));
    if (suppression) used.add(suppression);
    return suppression
      ? { rule, stack: stack.name, block, message, status: 'suppressed', suppression }
      : { rule, stack: stack.name, block, message, status: 'fail' };
  });

  const ruleIds = new Set(pack.rules.map((rule) => rule.id));
  const suppressionProblems = suppressions
    .filter((suppression) => !used.has(suppression))
    .map((suppression) => ({
      stack: stack.name,
      suppression,
      message: ruleIds.has(suppression.rule)
        ? `suppression of ${suppression.rule} at ${suppression.path} matches no finding: remove it`
        : `suppression at ${suppression.path} names ${suppression.rule}, which is no rule of the ${pack.name} pack`,
    }));
  return { stack: stack.name, production: stack.production, findings, passes, suppressionProblems };
}

/** The findings that fail synth: errors without a suppression. */
export function failingFindings(report: StackReport): Finding[] {
  return report.findings.filter((finding) => finding.status === 'fail' && finding.rule.severity === 'error');
}

/** Whether a stack fails synth: an unsuppressed error, or a suppression problem. */
export function hasErrors(report: StackReport): boolean {
  return failingFindings(report).length > 0 || report.suppressionProblems.length > 0;
}

export function countBy(reports: readonly StackReport[]): Record<'errors' | 'warnings' | 'suppressed', number> {
  const findings = reports.flatMap((report) => report.findings);
  const open = (severity: Severity) =>
    findings.filter((finding) => finding.status === 'fail' && finding.rule.severity === severity).length;
  return {
    errors: open('error') + reports.reduce((sum, report) => sum + report.suppressionProblems.length, 0),
    warnings: open('warning'),
    suppressed: findings.filter((finding) => finding.status === 'suppressed').length,
  };
}
