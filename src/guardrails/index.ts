/**
 * Guardrails: a rule pack that checks every synthesized stack (see README: Guardrails, and docs/guardrails.md).
 *
 * - `rule.ts`: what a rule is (`resourceRule`, `stackRule`), packs (`definePack`).
 * - `rules/`: one rule per file, named by its id; `packs.ts`: themed packs and `blueprintsPack` (all of them).
 * - `stack-view.ts`, `policy.ts`, `iam-actions.ts`: how rules read a stack, its IAM policies and AWS's action list.
 * - `suppressions.ts`: `suppress(construct, ruleId, reason)`.
 * - `engine.ts`: runs a pack over a stack; `attach.ts`: runs it on every synth; `report.ts`: lines, tables, SARIF.
 */
export { attachGuardrails, guardrailsOf, GuardrailsError, GuardrailsRun, type GuardrailsOptions } from './attach';
export { checkStack, countBy, failingFindings, hasErrors, type Finding, type StackReport } from './engine';
export { blueprintsPack, ruleById, themedPacks } from './packs';
export { formatErrors, formatFinding, formatStackCounts, formatStackTable, formatSummary, toSarif } from './report';
export { definePack, resourceRule, stackRule, type Pack, type ResourceRule, type Rule, type StackRule } from './rule';
export { StackView, type Block, type StackContext } from './stack-view';
export { checkSuppression, suppress, type DeclaredSuppression, type Suppression } from './suppressions';
