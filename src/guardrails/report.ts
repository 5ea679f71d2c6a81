/**
 * How findings are shown: one line per failing finding when synth stops, a table per stack for `npm run guardrails`,
 * a one-line summary, and SARIF 2.1.0 for GitHub code scanning.
 */
import { countBy, failingFindings, type Finding, type StackReport } from './engine';
import { controlUrl, type Pack, type Rule } from './rule';

/** Where to read how to suppress, printed once under the findings. */
export const SUPPRESS_HINT =
  "To accept a finding as a deliberate choice, suppress it with a reason: suppress(<construct>, '<rule id>', '<reason>') " +
  'from src/guardrails in the stack, or environments.<env>.guardrails.suppressions: [{ rule, path, reason }] in config; ' +
  "list it under the blueprint doc's Guardrails heading (README: Guardrails).";

/** The construct path without the stack's name: what a reader finds in the stack's code. */
export function relativePath(finding: Pick<Finding, 'block' | 'stack'>): string {
  const path = finding.block.path;
  return path.startsWith(`${finding.stack}/`) ? path.slice(finding.stack.length + 1) : path;
}

/** One line: stack, construct path, rule id, what is wrong, how to fix it. */
export function formatFinding(finding: Finding): string {
  return `${finding.stack} ${finding.block.path} ${finding.rule.id}: ${finding.message}. Fix: ${finding.rule.fix}.`;
}

/** The message synth stops with. */
export function formatErrors(reports: readonly StackReport[]): string {
  const findings = reports.flatMap(failingFindings);
  const problems = reports.flatMap((report) => report.suppressionProblems);
  const count = findings.length + problems.length;
  return [
    `Guardrails: ${count} ${count === 1 ? 'error stops' : 'errors stop'} synth (${reports.map((r) => r.stack).join(', ')}):`,
    ...findings.map((finding) => `  - ${formatFinding(finding)}`),
    ...problems.map(
      (problem) =>
        `  - ${problem.stack} ${problem.suppression.path}: ${problem.message} (${problem.suppression.source}).`,
    ),
    SUPPRESS_HINT,
  ].join('\n');
}

/** `1 warning`, `0 errors`. */
function counted(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** `0 errors, 1 warning, 2 suppressed`. */
function formatCounts(reports: readonly StackReport[]): string {
  const { errors, warnings, suppressed } = countBy(reports);
  return `${counted(errors, 'error')}, ${counted(warnings, 'warning')}, ${suppressed} suppressed`;
}

/** `12 stacks, 84 rules: 0 errors, 31 warnings, 9 suppressed`. */
export function formatSummary(reports: readonly StackReport[], pack: Pack): string {
  return `${reports.length} stacks, ${pack.rules.length} rules: ${formatCounts(reports)}`;
}

/** The per-stack counts for the main job's table: `0 errors, 3 warnings, 2 suppressed`. */
export function formatStackCounts(report: StackReport): string {
  return formatCounts([report]);
}

interface Row {
  readonly rule: string;
  readonly severity: string;
  readonly resource: string;
  readonly result: string;
}

/**
 * The table of one stack: a row per failing or suppressed finding (with its message or the suppression's reason),
 * then one row per rule with the number of resources that passed it here.
 */
export function formatStackTable(report: StackReport, pack: Pack): string {
  const rows: Row[] = [];
  for (const rule of pack.rules) {
    const findings = report.findings.filter((finding) => finding.rule === rule);
    for (const finding of findings) {
      rows.push({
        rule: rule.id,
        severity: rule.severity,
        resource: relativePath(finding),
        result:
          finding.status === 'suppressed'
            ? `suppressed: ${finding.suppression?.reason ?? ''}`
            : `${rule.severity === 'error' ? 'FAIL' : 'warn'}: ${finding.message}`,
      });
    }
    const passed = report.passes.get(rule.id);
    if (passed) {
      rows.push({
        rule: rule.id,
        severity: rule.severity,
        resource: `${passed} resource${passed === 1 ? '' : 's'}`,
        result: 'pass',
      });
    }
  }
  for (const problem of report.suppressionProblems) {
    rows.push({
      rule: problem.suppression.rule,
      severity: 'error',
      resource: problem.suppression.path,
      result: `FAIL: ${problem.message}`,
    });
  }
  const header: Row = { rule: 'rule', severity: 'severity', resource: 'resource', result: 'result' };
  const widths = (['rule', 'severity', 'resource'] as const).map((key) =>
    Math.max(...[header, ...rows].map((row) => row[key].length)),
  );
  const line = (row: Row) =>
    [row.rule.padEnd(widths[0]!), row.severity.padEnd(widths[1]!), row.resource.padEnd(widths[2]!), row.result]
      .join('  ')
      .trimEnd();
  const rule = widths
    .map((width) => '-'.repeat(width))
    .concat('-'.repeat(6))
    .join('  ');
  const title = `${report.stack}${report.production ? ' (production)' : ''}: ${formatStackCounts(report)}`;
  return [title, line(header), rule, ...rows.map(line)].join('\n');
}

// --- SARIF ---

export interface SarifOptions {
  /** The repository file a stack's findings point at (its blueprint's stack.ts), relative to the repository root. */
  readonly sourceFile: (stack: string) => string;
  readonly toolVersion?: string;
}

type SarifLevel = 'error' | 'warning';

/** SARIF 2.1.0: one run, the pack's rules, a result per failing or suppressed finding and per suppression problem. */
export function toSarif(reports: readonly StackReport[], pack: Pack, options: SarifOptions): object {
  const unusedRule = {
    id: 'guardrails-suppression',
    name: 'GuardrailsSuppression',
    shortDescription: { text: 'Every suppression matches a finding of a rule of the pack' },
    help: { text: 'Remove a suppression that covers nothing, or name the rule id it meant.' },
    defaultConfiguration: { level: 'error' },
  };
  const rules = [...pack.rules.map(sarifRule), unusedRule];
  const location = (stack: string, path: string) => ({
    physicalLocation: { artifactLocation: { uri: options.sourceFile(stack) }, region: { startLine: 1 } },
    logicalLocations: [{ fullyQualifiedName: path, kind: 'resource' }],
  });
  const results = reports.flatMap((report) => [
    ...report.findings.map((finding) => ({
      ruleId: finding.rule.id,
      ruleIndex: pack.rules.indexOf(finding.rule),
      level: finding.rule.severity as SarifLevel,
      message: {
        text: `${finding.block.path} (${finding.block.address}): ${finding.message}. Fix: ${finding.rule.fix}.`,
      },
      locations: [location(report.stack, finding.block.path)],
      partialFingerprints: { constructPath: `${finding.rule.id}:${finding.block.path}:${finding.message}` },
      ...(finding.suppression
        ? { suppressions: [{ kind: 'inSource', justification: finding.suppression.reason }] }
        : {}),
    })),
    ...report.suppressionProblems.map((problem) => ({
      ruleId: unusedRule.id,
      ruleIndex: rules.length - 1,
      level: 'error' as SarifLevel,
      message: { text: problem.message },
      locations: [location(report.stack, problem.suppression.path)],
      partialFingerprints: {
        constructPath: `${unusedRule.id}:${problem.suppression.path}:${problem.suppression.rule}`,
      },
    })),
  ]);
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'aws-blueprints-guardrails',
            version: options.toolVersion ?? '0.1.0',
            rules,
          },
        },
        results,
      },
    ],
  };
}

function sarifRule(rule: Rule) {
  const controls = [rule.controls.fsbp && `AWS FSBP ${rule.controls.fsbp}`, rule.controls.checkov].filter(Boolean);
  return {
    id: rule.id,
    name: rule.id.replace(/(^|-)([a-z0-9])/g, (_, __, letter: string) => letter.toUpperCase()),
    shortDescription: { text: rule.description },
    fullDescription: { text: `${rule.description}${controls.length > 0 ? ` (${controls.join(', ')})` : ''}` },
    help: { text: `Fix: ${rule.fix}.` },
    ...(controlUrl(rule.controls) ? { helpUri: controlUrl(rule.controls) } : {}),
    defaultConfiguration: { level: rule.severity },
    properties: { tags: ['security', ...controls] },
  };
}

// --- docs ---

/** The markdown table of a pack's rules (docs/guardrails.md holds it; a test keeps it in step with the code). */
export function rulesTable(pack: Pack): string {
  const rows = pack.rules.map((rule) => {
    const controls = [
      rule.controls.fsbp ? `FSBP ${rule.controls.fsbp}` : '',
      rule.controls.checkov ?? '',
      rule.kind === 'stack' ? 'stack rule' : '',
      rule.productionOnly ? 'production only' : '',
    ].filter(Boolean);
    // Escaped as prettier writes markdown, so the formatted doc still equals this table.
    const description = rule.description.replace(/([|*])/g, '\\$1');
    return `| \`${rule.id}\` | ${rule.severity} | ${description} | ${controls.join(', ')} |`;
  });
  return ['| rule | severity | what a compliant stack has | controls |', '| --- | --- | --- | --- |', ...rows].join(
    '\n',
  );
}
