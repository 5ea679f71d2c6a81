/**
 * The shipped app passes the guardrails pack (global-setup synthesizes it with the pack attached, so an unsuppressed
 * error already fails the run), every suppression is a documented choice (listed with its reason under the
 * blueprint doc's Guardrails heading), and docs/guardrails.md lists exactly the pack's rules.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { blueprints } from '../../src/blueprints';
import { blueprintsPack } from '../../src/guardrails';
import { rulesTable } from '../../src/guardrails/report';
import { GUARDRAILS_DOC, stackSourceFile } from '../../scripts/lib/guardrails';
import { PROJECT_ROOT } from '../../scripts/lib/terraform';
import { shippedGuardrailsReport, stackNames } from '../helpers/synthesized-app';

const report = shippedGuardrailsReport();

/** The blueprint a stack belongs to (the longest catalogue name it starts with). */
function blueprintOf(stack: string): string | undefined {
  return [...blueprints]
    .sort((a, b) => b.name.length - a.name.length)
    .find((blueprint) => stack === blueprint.name || stack.startsWith(`${blueprint.name}-`))?.name;
}

/** A doc's `## Guardrails` section. */
function guardrailsSection(blueprint: string): string {
  const doc = readFileSync(join(PROJECT_ROOT, 'docs', 'blueprints', `${blueprint}.md`), 'utf8');
  const start = doc.indexOf('\n## Guardrails\n');
  if (start < 0) return '';
  const end = doc.indexOf('\n## ', start + 1);
  return doc.slice(start, end < 0 ? undefined : end);
}

const collapse = (text: string) => text.replace(/\s+/g, ' ');

describe('the shipped stacks', () => {
  it('were all checked', () => {
    expect(report.map((stack) => stack.stack).sort()).toEqual(stackNames().sort());
  });

  it.each(report.map((stack) => [stack.stack, stack] as const))('%s has no unsuppressed error', (_name, stack) => {
    expect(stack.findings.filter((f) => f.status === 'fail' && f.severity === 'error')).toEqual([]);
    expect(stack.suppressionProblems).toBe(0);
  });

  const suppressed = report.flatMap((stack) =>
    stack.findings.filter((f) => f.status === 'suppressed').map((f) => [stack.stack, f.rule, f.reason!] as const),
  );
  it.each(suppressed)(
    '%s: the suppression of %s is listed with its reason in the blueprint doc',
    (stack, rule, reason) => {
      const blueprint = blueprintOf(stack);
      expect(blueprint).toBeDefined();
      const section = collapse(guardrailsSection(blueprint!));
      expect(section).toContain(`\`${rule}\``);
      expect(section).toContain(collapse(reason));
    },
  );

  it('point code scanning at their blueprint stack file', () => {
    expect(stackSourceFile('ec2-web-dev-atlas')).toBe('src/blueprints/ec2-web/stack.ts');
    expect(stackSourceFile('ecs-fullstack-prod')).toBe('src/blueprints/ecs-fullstack/stack.ts');
    expect(stackSourceFile('state-backend')).toBe('backend/state-backend-stack.ts');
  });
});

describe('docs/guardrails.md', () => {
  it('lists every rule of the pack with its severity and controls (npm run guardrails -- --docs)', () => {
    const cells = (text: string) =>
      text
        .split('\n')
        .filter((line) => line.startsWith('| `'))
        .map((line) =>
          line
            .split('|')
            .map((cell) => cell.trim())
            .join('|'),
        );
    expect(cells(readFileSync(GUARDRAILS_DOC, 'utf8'))).toEqual(cells(rulesTable(blueprintsPack)));
  });
});
