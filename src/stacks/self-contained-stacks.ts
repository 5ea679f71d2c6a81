/**
 * The stacks of this app stand on their own: what one stack needs of another is derived from config (names → ARNs),
 * never read from the other's state, so each stack plans, applies and recovers alone (e.g. `ecsMultiregionNames`).
 * The one exception is declared: a companion stack that reads its main stack's values through remote state
 * (`readsOtherStacks(this)`: ec2-web's Atlas stack reads the NAT gateways' public IPs).
 *
 * cdktf resolves every element of every stack one extra time before synth, only to discover cross-stack references
 * and add the outputs and remote-state data sources they need (`prepareStack`). That pass is about a third of a
 * synth's CPU (`node --cpu-prof scripts/run.js main.ts`: `resolve` under `prepareStack`), so `buildApp` skips it for
 * every stack that does not declare it reads others, and a reference from such a stack to another stack's resource
 * fails synth, naming both stacks and the reference, instead of being wired through remote state.
 */
import { App, TerraformStack } from 'cdktf';
import { ref } from 'cdktf/lib/tfExpression';
import type { IResolveContext } from 'cdktf';

const SELF_CONTAINED = Symbol.for('aws-blueprints.self-contained-stacks');
const READS_OTHER_STACKS = Symbol.for('aws-blueprints.reads-other-stacks');

interface Reference {
  readonly identifier: string;
  readonly originStack?: TerraformStack;
  resolve(context: IResolveContext): unknown;
}

type Flagged = App & { [SELF_CONTAINED]?: true };
type Reader = TerraformStack & { [READS_OTHER_STACKS]?: true };

/** Declares that `stack` uses values of other stacks of the app (cdktf wires them through remote state). */
export function readsOtherStacks(stack: TerraformStack): void {
  (stack as Reader)[READS_OTHER_STACKS] = true;
}

/** A token of one stack used in another: the app's stacks must not read each other. */
export class CrossStackReferenceError extends Error {
  constructor(identifier: string, origin: TerraformStack, user: TerraformStack) {
    super(
      `stack ${user.node.id} uses ${identifier} of stack ${origin.node.id}: the stacks of this app never read each ` +
        "other's values (each plans on its own); derive the value from config instead (a name, or an ARN built from it)",
    );
    this.name = 'CrossStackReferenceError';
  }
}

let referencesGuarded = false;

/** cdktf's reference token class gets a check: in an app of self-contained stacks, a reference stays in its stack. */
function guardReferences(): void {
  if (referencesGuarded) return;
  referencesGuarded = true;
  const prototype = Object.getPrototypeOf(
    ref('self-contained.guard', undefined as unknown as TerraformStack),
  ) as Reference;
  const resolve = prototype.resolve;
  prototype.resolve = function (this: Reference, context: IResolveContext) {
    const origin = this.originStack;
    if (origin && (App.of(origin) as Flagged)[SELF_CONTAINED]) {
      const user = TerraformStack.of(context.scope);
      if (user !== origin && !(user as Reader)[READS_OTHER_STACKS]) {
        throw new CrossStackReferenceError(this.identifier, origin, user);
      }
    }
    return resolve.call(this, context);
  };
}

/**
 * Synthesizes `app`'s stacks without cdktf's cross-stack preparation pass, except those that declare they read other
 * stacks; any other cross-stack reference fails synth.
 */
export function requireSelfContainedStacks(app: App): void {
  guardReferences();
  (app as Flagged)[SELF_CONTAINED] = true;
  for (const stack of app.node.findAll().filter(TerraformStack.isStack)) {
    if ((stack as Reader)[READS_OTHER_STACKS]) continue;
    // What prepareStack does besides the cross-stack pass.
    stack.prepareStack = () => {
      stack.ensureBackendExists();
    };
  }
}
