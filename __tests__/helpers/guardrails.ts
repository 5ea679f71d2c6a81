/** The guardrails pack on a module test stack: what every synthesized blueprint stack must pass. */
import type { TerraformStack } from 'cdktf';
import { invokeAspects } from 'cdktf/lib/synthesize/synthesizer';
import { blueprintsPack, checkStack } from '../../src/guardrails';
import { StackView, type JsonObject } from '../../src/guardrails/stack-view';

/** Every finding (errors and warnings) of the whole pack on `stack`, as `<rule> <path>: <message>` lines. */
export function guardrailFindings(stack: TerraformStack, options: { readonly production?: boolean } = {}): string[] {
  invokeAspects(stack);
  const view = new StackView(stack.toTerraform() as JsonObject, {
    name: stack.node.id,
    production: options.production ?? true,
  });
  return checkStack(view, blueprintsPack, []).findings.map(
    (finding) => `${finding.rule.id} ${finding.block.path}: ${finding.message}`,
  );
}
