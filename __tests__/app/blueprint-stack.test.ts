/**
 * A stack carries its own region: its provider and AZs follow it, while its state stays in the state bucket's
 * region, and default tags and the account guard stay on the provider.
 */
import { AWS_TARGET } from '../../modules/core/deployment-target';
import { loadConfig } from '../../src/config/load';
import { BlueprintStack } from '../../src/stacks/blueprint-stack';
import { Template, testApp } from '../helpers/template';

const { project, environments } = loadConfig({});
const environment = environments[0]!;

describe('BlueprintStack in another region than its environment', () => {
  const stack = new BlueprintStack(testApp(), {
    blueprint: 'example',
    suffix: 'dr',
    project,
    environment,
    target: AWS_TARGET,
    region: 'us-west-2',
  });
  const t = Template.fromStack(stack);

  it('is named <blueprint>-<env>-<suffix> and uses that region and its AZs', () => {
    expect(stack.node.id).toBe(`example-${environment.name}-dr`);
    expect(stack.region).toBe('us-west-2');
    expect(stack.availabilityZones).toEqual(['us-west-2a', 'us-west-2b']);
    expect(t.providers('aws')[0]).toMatchObject({
      region: 'us-west-2',
      allowed_account_ids: [environment.accountId],
      default_tags: [{ tags: expect.objectContaining({ blueprint: 'example', environment: environment.name }) }],
    });
  });

  it('keeps its state in the state bucket, in the bucket region', () => {
    expect(t.backend().s3).toMatchObject({
      region: project.stateBackend.region,
      bucket: project.stateBackend.bucket,
      key: `${project.stateBackend.keyPrefix}/example-${environment.name}-dr/terraform.tfstate`,
    });
  });

  it('defaults to the environment region', () => {
    const home = new BlueprintStack(testApp(), { blueprint: 'example', project, environment, target: AWS_TARGET });
    expect(home.region).toBe(environment.region);
  });
});
