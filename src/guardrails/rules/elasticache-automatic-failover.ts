import { resourceRule } from '../rule';
import { isTrue } from '../stack-view';

export const elasticacheAutomaticFailover = resourceRule({
  id: 'elasticache-automatic-failover',
  severity: 'error',
  description: 'Production Redis replication groups fail over automatically to a replica in another AZ',
  controls: { fsbp: 'ElastiCache.3' },
  fix: 'set automatic_failover_enabled and multi_az_enabled with two or more nodes (cache.automaticFailover)',
  types: ['aws_elasticache_replication_group'],
  productionOnly: true,
  check: (block) => {
    const problems: string[] = [];
    if (!isTrue(block.config.automatic_failover_enabled)) problems.push('automatic_failover_enabled is not true');
    if (!isTrue(block.config.multi_az_enabled)) problems.push('multi_az_enabled is not true');
    return problems;
  },
});
