import { resourceRule } from '../rule';
import { nestedList } from '../stack-view';

export const elasticacheLogDelivery = resourceRule({
  id: 'elasticache-log-delivery',
  severity: 'warning',
  description: 'Redis replication groups deliver their slow and engine logs',
  controls: {},
  fix: 'add log_delivery_configuration for slow-log and engine-log (redis module: logDelivery)',
  types: ['aws_elasticache_replication_group'],
  check: (block) => {
    const types = nestedList(block.config.log_delivery_configuration).map((c) => c.log_type);
    const missing = ['slow-log', 'engine-log'].filter((type) => !types.includes(type));
    return missing.length > 0 ? `no ${missing.join(' or ')} delivery` : undefined;
  },
});
