import { resourceRule } from '../rule';
import { stringList } from '../stack-view';

export const elasticacheRedisAuth = resourceRule({
  id: 'elasticache-redis-auth',
  severity: 'error',
  description: 'Redis replication groups authenticate clients (AUTH token or RBAC user groups)',
  controls: { fsbp: 'ElastiCache.6', checkov: 'CKV_AWS_31' },
  fix: 'set auth_token (from Secrets Manager) or user_group_ids (redis module: authToken or userGroupIds)',
  types: ['aws_elasticache_replication_group'],
  check: (block) => {
    if (block.config.engine !== undefined && block.config.engine !== 'redis' && block.config.engine !== 'valkey')
      return undefined;
    const auth = block.config.auth_token !== undefined || stringList(block.config.user_group_ids).length > 0;
    return auth ? undefined : 'any client that reaches the port may run every command (no AUTH token, no user group)';
  },
});
