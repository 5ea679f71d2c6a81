/**
 * Synth skips cdktf's cross-stack preparation pass (src/stacks/self-contained-stacks.ts): a stack that uses another
 * stack's value fails synth naming both, unless it declares `readsOtherStacks`, which keeps cdktf's remote-state
 * wiring. The shipped app's output is unchanged by the skip: the synth baselines (synth-baseline.test.ts) hold.
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter';
import { TerraformOutput, TerraformStack } from 'cdktf';
import {
  CrossStackReferenceError,
  readsOtherStacks,
  requireSelfContainedStacks,
} from '../../src/stacks/self-contained-stacks';
import { thrownBy } from '../helpers/validation';
import { Template, testApp } from '../helpers/template';

function twoStacks(readerDeclares: boolean) {
  const app = testApp();
  const origin = new TerraformStack(app, 'origin');
  new AwsProvider(origin, 'aws', { region: 'us-east-1' });
  const parameter = new SsmParameter(origin, 'parameter', { name: '/a', type: 'String', value: 'a' });
  const reader = new TerraformStack(app, 'reader');
  new AwsProvider(reader, 'aws', { region: 'us-east-1' });
  if (readerDeclares) readsOtherStacks(reader);
  new TerraformOutput(reader, 'copied', { value: parameter.arn });
  requireSelfContainedStacks(app);
  return { app, origin, reader };
}

it("fails synth when a stack uses another stack's value, naming both stacks and the reference", () => {
  const { app } = twoStacks(false);
  const error = thrownBy(() => app.synth());
  expect(error).toBeInstanceOf(CrossStackReferenceError);
  expect((error as Error).message).toMatch(
    /stack reader uses aws_ssm_parameter\.parameter\.arn of stack origin: .* derive the value from config instead/,
  );
});

it('wires a declared reader through remote state, as cdktf does', () => {
  const { app, origin, reader } = twoStacks(true);
  app.synth();
  expect(Object.keys(Template.fromStack(reader).json.data ?? {})).toEqual(['terraform_remote_state']);
  expect(Object.keys(Template.fromStack(origin).outputs())).toEqual([
    expect.stringMatching(/^cross-stack-output-aws_ssm_parameterparameterarn/),
  ]);
});
