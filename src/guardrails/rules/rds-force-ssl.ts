import { resourceRule } from '../rule';
import { nestedList } from '../stack-view';

/** The parameter that refuses plain connections, per engine, and whether the engine refuses them by default. */
function tlsParameter(engine: string, version: string): { name: string; defaultOn: boolean } | undefined {
  const major = Number.parseInt(version, 10);
  if (engine === 'postgres') return { name: 'rds.force_ssl', defaultOn: major >= 15 };
  if (engine === 'aurora-postgresql') return { name: 'rds.force_ssl', defaultOn: false };
  if (['mysql', 'mariadb', 'aurora-mysql'].includes(engine))
    return { name: 'require_secure_transport', defaultOn: false };
  return undefined;
}

export const rdsForceSsl = resourceRule({
  id: 'rds-force-ssl',
  severity: 'error',
  description: 'RDS and Aurora databases refuse connections without TLS (rds.force_ssl / require_secure_transport)',
  controls: { checkov: 'CKV2_AWS_69' },
  fix: 'use a parameter group that sets rds.force_ssl = 1 (PostgreSQL) or require_secure_transport = 1 (MySQL)',
  types: ['aws_db_instance', 'aws_rds_cluster'],
  check: (block, stack) => {
    const engine = String(block.config.engine ?? '');
    const parameter = tlsParameter(engine, String(block.config.engine_version ?? ''));
    if (!parameter) return undefined;
    const key = block.type === 'aws_db_instance' ? 'parameter_group_name' : 'db_cluster_parameter_group_name';
    const type = block.type === 'aws_db_instance' ? 'aws_db_parameter_group' : 'aws_rds_cluster_parameter_group';
    const group = stack.referencedBlock(block.config[key], type);
    const setting = group && nestedList(group.config.parameter).find((p) => p.name === parameter.name);
    const value = setting ? String(setting.value) : undefined;
    if (value === '1' || (value === undefined && parameter.defaultOn)) return undefined;
    return value === undefined ? `${parameter.name} is not set to 1` : `${parameter.name} is ${value}`;
  },
});
