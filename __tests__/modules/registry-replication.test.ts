/**
 * RegistryReplication: the registry's replication configuration, one rule with every destination and a PREFIX_MATCH
 * filter per prefix; props validation (regions, registry ids, the source region, duplicates, limits).
 */
import {
  RegistryReplication,
  validateRegistryReplicationProps,
  type RegistryReplicationProps,
} from '../../modules/container-registry';
import { guardrailFindings } from '../helpers/guardrails';
import { Template, testStack } from '../helpers/template';
import { rejectsEachCase } from '../helpers/validation';

const EAST_TO_WEST = { region: 'us-west-2', registryId: '123456789012' };
const BASE: RegistryReplicationProps = {
  sourceRegion: 'us-east-1',
  destinations: [EAST_TO_WEST],
  repositoryPrefixes: ['shop-prod/'],
};

describe('RegistryReplication from us-east-1 to us-west-2 and a second account', () => {
  const stack = testStack();
  const replication = new RegistryReplication(stack, 'replication', {
    ...BASE,
    destinations: [EAST_TO_WEST, { region: 'eu-west-1', registryId: '210987654321' }],
    repositoryPrefixes: ['shop-prod/', 'base-images'],
  });
  const t = Template.fromStack(stack);

  it('writes one configuration with one rule: every destination, a PREFIX_MATCH filter per prefix', () => {
    expect(t.count('aws_ecr_replication_configuration')).toBe(1);
    expect(t.resource('aws_ecr_replication_configuration', 'replication/configuration')).toEqual({
      replication_configuration: {
        rule: [
          {
            destination: [
              { region: 'us-west-2', registry_id: '123456789012' },
              { region: 'eu-west-1', registry_id: '210987654321' },
            ],
            repository_filter: [
              { filter: 'shop-prod/', filter_type: 'PREFIX_MATCH' },
              { filter: 'base-images', filter_type: 'PREFIX_MATCH' },
            ],
          },
        ],
      },
    });
    expect(replication.configuration.terraformResourceType).toBe('aws_ecr_replication_configuration');
  });

  it('passes the guardrails pack', () => {
    expect(guardrailFindings(stack)).toEqual([]);
  });
});

describe('RegistryReplication props validation', () => {
  const destinations = (count: number) =>
    Array.from({ length: count }, (_, index) => ({ region: 'us-west-2', registryId: String(100000000000 + index) }));
  rejectsEachCase<Partial<RegistryReplicationProps>>({
    subject: /RegistryReplication "invalid\/bad-\d+" props/,
    cases: [
      [
        'a source region that is no region',
        { sourceRegion: 'useast1' },
        { path: 'sourceRegion', value: 'useast1', message: /AWS region like us-east-1/ },
      ],
      [
        'a destination in the source region',
        { destinations: [{ region: 'us-east-1', registryId: '123456789012' }] },
        { path: 'destinations[0].region', value: 'us-east-1', message: /must not be the source region us-east-1/ },
      ],
      [
        'a destination region with a zone letter',
        { destinations: [{ region: 'us-west-2a', registryId: '123456789012' }] },
        { path: 'destinations[0].region', value: 'us-west-2a', message: /AWS region/ },
      ],
      [
        'an 11-digit registry id',
        { destinations: [{ region: 'us-west-2', registryId: '12345678901' }] },
        { path: 'destinations[0].registryId', value: '12345678901', message: /12-digit/ },
      ],
      [
        'a destination listed twice',
        { destinations: [EAST_TO_WEST, { ...EAST_TO_WEST }] },
        { path: 'destinations[1]', value: EAST_TO_WEST, message: /more than once/ },
      ],
      ['no destination', { destinations: [] }, { path: 'destinations', value: [], message: /1 to 25 destinations/ }],
      [
        '26 destinations',
        { destinations: destinations(26) },
        { path: 'destinations', value: destinations(26), message: /1 to 25 destinations/ },
      ],
      [
        'no prefix (a registry-wide rule)',
        { repositoryPrefixes: [] },
        { path: 'repositoryPrefixes', value: [], message: /registry-wide rule is not offered/ },
      ],
      [
        'an uppercase prefix',
        { repositoryPrefixes: ['Shop/'] },
        { path: 'repositoryPrefixes[0]', value: 'Shop/', message: /start of a repository name/ },
      ],
      [
        'a one-character prefix',
        { repositoryPrefixes: ['s'] },
        { path: 'repositoryPrefixes[0]', value: 's', message: /2 to 256 characters/ },
      ],
      [
        'a prefix listed twice',
        { repositoryPrefixes: ['shop/', 'shop/'] },
        { path: 'repositoryPrefixes[1]', value: 'shop/', message: /more than once/ },
      ],
    ],
    build: (stack, id, patch) => new RegistryReplication(stack, id, { ...BASE, ...patch }),
  });

  it('accepts 25 destinations and a namespaced prefix', () => {
    expect(
      validateRegistryReplicationProps({
        sourceRegion: 'eu-central-1',
        destinations: destinations(25),
        repositoryPrefixes: ['team.a/app_1-'],
      }),
    ).toEqual([]);
  });
});
