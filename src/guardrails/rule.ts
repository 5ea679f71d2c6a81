/**
 * What a guardrail rule is: an id, a severity, one line saying what it wants, the controls it mirrors, how to fix a
 * finding, and a pure check. A resource rule looks at one block of the types it names (and may follow references
 * through the stack); a stack rule looks at the whole stack, for facts that span resources (a VPC without flow logs).
 */
import type { Block, StackView } from './stack-view';

export type Severity = 'error' | 'warning';

/** The published controls a rule mirrors. */
export interface Controls {
  /** AWS Foundational Security Best Practices control id, e.g. `S3.8`. */
  readonly fsbp?: string;
  /** checkov check id, e.g. `CKV_AWS_53`. */
  readonly checkov?: string;
}

export interface RuleInfo {
  /** Kebab-case, service first: `s3-public-access-blocked`. Stable: suppressions name it. */
  readonly id: string;
  /** `error` fails synth unless suppressed; `warning` is reported only. */
  readonly severity: Severity;
  /** One line: what a compliant stack has. */
  readonly description: string;
  readonly controls: Controls;
  /** How to fix a finding, as the user would act on it. */
  readonly fix: string;
}

/**
 * A failed check: nothing (or an empty list) means the resource passes; a string is the finding's message, e.g.
 * `port 22 is open to 0.0.0.0/0`; several strings are several findings on the same resource.
 */
export type Verdict = string | readonly string[] | undefined;

export interface ResourceRule extends RuleInfo {
  readonly kind: 'resource';
  /** The Terraform types it checks (`aws_s3_bucket`); data sources are named `data.<type>`. */
  readonly types: readonly string[];
  /** Production-only rules skip other stacks (deletion protection, Multi-AZ). Default: every stack. */
  readonly productionOnly?: boolean;
  readonly check: (block: Block, stack: StackView) => Verdict;
}

/** A finding of a stack rule, on the block it is about. */
export interface StackFinding {
  readonly block: Block;
  readonly message: string;
}

export interface StackRule extends RuleInfo {
  readonly kind: 'stack';
  readonly productionOnly?: boolean;
  /** Every failing block with its message; the blocks it checked and passed, for the report. */
  readonly check: (stack: StackView) => { readonly failures: readonly StackFinding[]; readonly checked: number };
}

export type Rule = ResourceRule | StackRule;

/** Declares a rule over single blocks. */
export function resourceRule(rule: Omit<ResourceRule, 'kind'>): ResourceRule {
  return { kind: 'resource', ...rule };
}

/** Declares a rule over the whole stack. */
export function stackRule(rule: Omit<StackRule, 'kind'>): StackRule {
  return { kind: 'stack', ...rule };
}

/** A named set of rules; packs compose by listing other packs' rules. */
export interface Pack {
  readonly name: string;
  readonly rules: readonly Rule[];
}

export function definePack(name: string, ...parts: ReadonlyArray<Rule | Pack>): Pack {
  const rules: Rule[] = [];
  for (const part of parts) {
    for (const rule of 'rules' in part ? part.rules : [part]) {
      if (rules.some((existing) => existing.id === rule.id)) continue;
      rules.push(rule);
    }
  }
  return { name, rules };
}

/** Where a control's documentation lives (SARIF `helpUri`, the docs table). */
export function controlUrl(controls: Controls): string | undefined {
  if (controls.fsbp) {
    const [service = ''] = controls.fsbp.split('.');
    const page = service.toLowerCase();
    return `https://docs.aws.amazon.com/securityhub/latest/userguide/${page}-controls.html#${controls.fsbp.toLowerCase().replace('.', '-')}`;
  }
  if (controls.checkov) return `https://www.checkov.io/5.Policy%20Index/terraform.html#${controls.checkov}`;
  return undefined;
}
