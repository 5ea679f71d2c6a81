/**
 * Runs the pack on every `cdktf synth`, as a pass over each stack's synthesized JSON.
 *
 * Why the JSON and not cdktf Aspects or construct validations: a rule must see what Terraform will get — values
 * resolved, escape hatches and overrides applied — and must follow references between resources (a bucket's
 * encryption is another resource; a role's policy is a `data.aws_iam_policy_document`). Aspects see construct objects
 * whose attributes are unresolved tokens, and L1 classes keep their arguments in private fields. The JSON has it all,
 * with each block's construct path in cdktf's `//` metadata, so findings and suppressions still name constructs.
 *
 * It costs no second resolution: `attachGuardrails` wraps each stack's `toTerraform()` (which cdktf's synthesizer
 * calls once to write `cdk.tf.json`), checks the result, and hands the same object on. An unsuppressed error stops
 * synth before the stack is written; every other stack is then checked too, so one run lists every finding.
 */
import { TerraformStack, type App } from 'cdktf';
import { ValidationError } from '../../modules/core/validation';
import { checkStack, hasErrors, type StackReport } from './engine';
import { blueprintsPack } from './packs';
import { formatErrors } from './report';
import type { Pack } from './rule';
import { StackView, type JsonObject } from './stack-view';
import { constructSuppressions, covers, type DeclaredSuppression } from './suppressions';

export interface GuardrailsOptions {
  /** The rules to run. Default: {@link blueprintsPack} (every rule). */
  readonly pack?: Pack;
  /** Whether production-only rules apply to a stack. */
  readonly production: (stack: TerraformStack) => boolean;
  /** Suppressions from configuration; each path starts with the name of the stack it belongs to. Default: none. */
  readonly suppressions?: readonly DeclaredSuppression[];
  /** `enforce`: an unsuppressed error fails synth (the default); `report`: only collect (npm run guardrails). */
  readonly mode?: 'enforce' | 'report';
}

/** The findings of one synth, stack by stack, as they are checked. */
export class GuardrailsRun {
  private readonly byStack = new Map<string, StackReport>();
  /** Time spent checking (not synthesizing) so far, in milliseconds: what the pack adds to a synth. */
  checkMilliseconds = 0;

  constructor(
    readonly pack: Pack,
    /** Stack names in app order. */
    readonly stackNames: readonly string[],
  ) {}

  add(report: StackReport): void {
    this.byStack.set(report.stack, report);
  }

  /** The reports of the stacks checked so far, in app order. */
  get reports(): StackReport[] {
    return this.stackNames.flatMap((name) => this.byStack.get(name) ?? []);
  }
}

/** Synth stopped: unsuppressed errors, one line each. A ValidationError, so main.ts prints it without a stack trace. */
export class GuardrailsError extends ValidationError {
  constructor(readonly reports: readonly StackReport[]) {
    super('guardrails', []);
    this.name = 'GuardrailsError';
    this.message = formatErrors(reports);
  }
}

const RUN = Symbol.for('aws-blueprints.guardrails.run');

/** Checks every stack of `app` when it is synthesized; returns the run, which collects each stack's report. */
export function attachGuardrails(app: App, options: GuardrailsOptions): GuardrailsRun {
  const pack = options.pack ?? blueprintsPack;
  const stacks = app.node
    .findAll()
    .filter((construct): construct is TerraformStack => TerraformStack.isStack(construct));
  const names = stacks.map((stack) => stack.node.id);
  const configured = options.suppressions ?? [];
  const strays = configured.filter((suppression) => !names.some((name) => covers(name, suppression.path)));
  if (strays.length > 0) {
    throw new ValidationError(
      'guardrails suppressions',
      strays.map((stray) => ({
        path: stray.source,
        value: stray.path,
        message: `names no stack of the app (stacks: ${names.join(', ')})`,
      })),
    );
  }

  const run = new GuardrailsRun(pack, names);
  const evaluators: Array<() => void> = [];
  for (const stack of stacks) {
    const synthesize = stack.toTerraform.bind(stack);
    let json: JsonObject | undefined;
    let report: StackReport | undefined;
    const evaluate = (): JsonObject => {
      if (json === undefined) {
        json = synthesize() as JsonObject;
        const suppressions = [
          ...constructSuppressions(stack),
          ...configured.filter((suppression) => covers(stack.node.id, suppression.path)),
        ];
        const started = performance.now();
        const view = new StackView(json, { name: stack.node.id, production: options.production(stack) });
        report = checkStack(view, pack, suppressions);
        run.checkMilliseconds += performance.now() - started;
        run.add(report);
      }
      return json;
    };
    evaluators.push(evaluate);
    stack.toTerraform = () => {
      const result = evaluate();
      if (options.mode !== 'report' && report && hasErrors(report)) {
        // Check the stacks not written yet, so the error lists every finding of this synth.
        evaluators.forEach((other) => other());
        throw new GuardrailsError(run.reports.filter(hasErrors));
      }
      return result;
    };
  }
  (app as App & { [RUN]?: GuardrailsRun })[RUN] = run;
  return run;
}

/** The run attached to an app, if any. */
export function guardrailsOf(app: App): GuardrailsRun | undefined {
  return (app as App & { [RUN]?: GuardrailsRun })[RUN];
}
