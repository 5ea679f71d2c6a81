/** The container-registry module passes real `terraform validate` and an offline plan. */
import { ContainerRepository } from '../../modules/container-registry';
import { checkWithTerraform } from '../helpers/terraform-check';

jest.setTimeout(120_000);

it('validates and plans a repository with its lifecycle policy (defaults and KMS with tag patterns)', async () => {
  const result = await checkWithTerraform(
    (stack) => {
      new ContainerRepository(stack, 'backend-repository', { name: 'portfolio-dev/backend' });
      new ContainerRepository(stack, 'frontend-repository', {
        name: 'portfolio-dev/frontend',
        encryption: { type: 'KMS' },
        lifecycle: { keepTaggedImages: { tagPatterns: ['*'], count: 20 } },
      });
    },
    { plan: true },
  );
  expect(result.validate).toContain('Success! The configuration is valid.');
  // 2 × (repository + lifecycle policy)
  expect(result.toAdd).toBe(4);
  expect(result.plan).toMatch(/tagPrefixList = \[\s+\+ "v",/);
  expect(result.plan).toMatch(/tagPatternList = \[\s+\+ "\*",/);
});
