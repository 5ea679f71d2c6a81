/**
 * Which resources become nodes of the diagram, and how each is named: what it is and which one ("ALB portfolio-dev",
 * "RDS PostgreSQL db.t4g.micro") and the few settings worth seeing at a glance. A type not listed here is not drawn:
 * IAM, policies, subnet groups, parameter groups, route tables, log groups and the like are details of what is drawn.
 */
import type { NodeKind } from './model';
import type { Block, StackJson, TfElement } from './stack-json';

export interface Description {
  readonly kind: NodeKind;
  readonly title: string;
  readonly details: readonly string[];
}

type Describer = (element: TfElement, stack: StackJson) => Description | undefined;

export const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const num = (value: unknown): number | undefined =>
  typeof value === 'number'
    ? value
    : typeof value === 'string' && /^\d+(\.\d+)?$/.test(value)
      ? Number(value)
      : undefined;
const yes = (value: unknown): boolean => value === true || value === 'true';

/** A nested block as a list: cdktf writes single blocks as objects and repeated ones as arrays. */
export function list(value: unknown): Block[] {
  if (Array.isArray(value)) return value.filter((item): item is Block => item !== null && typeof item === 'object');
  return value !== null && typeof value === 'object' ? [value as Block] : [];
}

export function first(value: unknown): Block {
  return list(value)[0] ?? {};
}

const nameTag = (block: Block): string | undefined => str((block.tags as Block | undefined)?.Name);

const ENGINES: Record<string, string> = {
  postgres: 'PostgreSQL',
  mysql: 'MySQL',
  mariadb: 'MariaDB',
  'aurora-postgresql': 'Aurora PostgreSQL',
  'aurora-mysql': 'Aurora MySQL',
  redis: 'Redis',
  valkey: 'Valkey',
  memcached: 'Memcached',
};
const engineName = (engine: unknown): string => ENGINES[str(engine) ?? ''] ?? str(engine) ?? '';

const join = (...parts: (string | undefined | false)[]): string => parts.filter(Boolean).join(' · ');
const range = (min: unknown, max: unknown): string =>
  min === max ? `${String(min)}` : `${String(min)}–${String(max)}`;

/** "256" CPU units and "512" MiB as a person reads a Fargate size. */
function fargateSize(cpu: unknown, memory: unknown): string | undefined {
  const units = num(cpu);
  const mib = num(memory);
  if (units === undefined || mib === undefined) return undefined;
  return `${units / 1024} vCPU · ${mib >= 1024 ? `${mib / 1024} GB` : `${mib} MiB`}`;
}

/** The operating system an `resolve:ssm:` AMI parameter names, when it is one of Amazon's public ones. */
function amiName(imageId: unknown): string | undefined {
  const id = str(imageId) ?? '';
  if (/al2023/.test(id)) return 'Amazon Linux 2023';
  if (/amzn2-/.test(id)) return 'Amazon Linux 2';
  return undefined;
}

function ecsService(element: TfElement, stack: StackJson): Description {
  const block = element.block;
  const task = stack.referencedOne(block.task_definition, 'aws_ecs_task_definition')?.block ?? {};
  const container = str(first(block.load_balancer).container_name);
  const capacity = str(first(block.capacity_provider_strategy).capacity_provider) ?? str(block.launch_type);
  const launch = capacity === 'FARGATE' ? 'Fargate' : capacity === 'FARGATE_SPOT' ? 'Fargate Spot' : capacity;
  const target = stack
    .referrers(element, 'aws_appautoscaling_target')
    .find((candidate) => candidate.block.scalable_dimension === 'ecs:service:DesiredCount');
  let tasks = `tasks ${String(block.desired_count ?? 1)}`;
  if (target) {
    const policy = stack.referrers(target, 'aws_appautoscaling_policy')[0]?.block;
    const tracking = first(policy?.target_tracking_scaling_policy_configuration);
    const metric = str(first(tracking.predefined_metric_specification).predefined_metric_type) ?? '';
    const on = /CPU/.test(metric)
      ? 'CPU'
      : /Memory/.test(metric)
        ? 'memory'
        : /RequestCount/.test(metric)
          ? 'requests'
          : '';
    tasks = join(
      `tasks ${range(target.block.min_capacity, target.block.max_capacity)}`,
      on &&
        tracking.target_value !== undefined &&
        `${on} target ${String(tracking.target_value)}${on === 'requests' ? '' : '%'}`,
    );
  }
  return {
    kind: 'compute',
    title: `ECS service ${container ?? str(block.name) ?? element.id}`,
    details: [join(launch, fargateSize(task.cpu, task.memory)), tasks],
  };
}

function autoScalingGroup(element: TfElement, stack: StackJson): Description {
  const block = element.block;
  const template = stack.referencedOne(block.launch_template, 'aws_launch_template')?.block ?? {};
  return {
    kind: 'compute',
    title: `Auto Scaling group ${str(block.name) ?? element.id}`,
    details: [
      join(
        `${str(template.instance_type) ?? 'EC2'} × ${range(block.min_size, block.max_size)}`,
        amiName(template.image_id),
      ),
    ],
  };
}

function loadBalancer(element: TfElement, stack: StackJson): Description {
  const block = element.block;
  const type = { application: 'ALB', network: 'NLB', gateway: 'GWLB' }[str(block.load_balancer_type) ?? 'application'];
  const listeners = stack
    .referrers(element, 'aws_lb_listener')
    .map((listener) => listener.block)
    .sort((a, b) => (num(a.port) ?? 0) - (num(b.port) ?? 0));
  const listening = listeners.map((listener) => {
    const redirect = first(first(listener.default_action).redirect);
    const to = first(listener.default_action).type === 'redirect' ? ` → ${str(redirect.port) ?? ''}` : '';
    return `${str(listener.protocol) ?? ''} :${String(listener.port)}${to}`;
  });
  const certificates = listeners.flatMap((listener) => certificateDomains(listener.certificate_arn, stack));
  return {
    kind: 'load-balancer',
    title: `${type ?? 'LB'} ${str(block.name) ?? element.id}`,
    details: [
      join(yes(block.internal) ? 'internal' : 'internet-facing', listening.join(', ')),
      ...[...new Set(certificates)].map((domains) => `ACM ${domains}`),
      ...(yes(first(block.access_logs).enabled) ? ['access logs → S3'] : []),
    ].filter(Boolean),
  };
}

/** The domains of the ACM certificate a listener (or distribution) uses, through a validation resource if any. */
function certificateDomains(value: unknown, stack: StackJson): string[] {
  const validation = stack.referencedOne(value, 'aws_acm_certificate_validation');
  const certificate = stack.referencedOne(validation?.block.certificate_arn ?? value, 'aws_acm_certificate');
  if (!certificate) return [];
  const names = [
    str(certificate.block.domain_name),
    ...((certificate.block.subject_alternative_names as string[]) ?? []),
  ];
  return [names.filter(Boolean).join(', ')];
}

function targetGroup(element: TfElement): Description {
  const block = element.block;
  const health = first(block.health_check);
  return {
    kind: 'target-group',
    title: `Target group ${str(block.name) ?? element.id}`,
    details: [
      join(
        `${str(block.protocol) ?? ''} :${String(block.port ?? '')}`,
        str(block.target_type) && `${str(block.target_type)} targets`,
      ),
      ...(str(health.path) ? [`health ${str(health.path)}`] : []),
    ],
  };
}

function dbInstance(element: TfElement, stack: StackJson): Description {
  const block = element.block;
  // A replica inherits engine, storage and encryption from its source; only its class and placement are its own.
  const source = stack.referencedOne(block.replicate_source_db, 'aws_db_instance');
  if (source) {
    return {
      kind: 'database',
      title: `RDS ${engineName(source.block.engine)} read replica ${str(block.instance_class) ?? ''}`.trim(),
      details: [
        join(`of ${str(source.block.identifier) ?? source.id}`, yes(block.multi_az) ? 'Multi-AZ' : 'single-AZ'),
      ],
    };
  }
  return {
    kind: 'database',
    title: `RDS ${engineName(block.engine)} ${str(block.instance_class) ?? ''}`.trim(),
    details: [
      join(str(block.engine_version), yes(block.multi_az) ? 'Multi-AZ' : 'single-AZ'),
      join(
        block.allocated_storage !== undefined &&
          `${String(block.allocated_storage)} GiB ${str(block.storage_type) ?? ''}`.trim(),
        yes(block.storage_encrypted) && 'encrypted',
      ),
    ],
  };
}

function rdsCluster(element: TfElement, stack: StackJson): Description {
  const block = element.block;
  const instances = stack.referrers(element, 'aws_rds_cluster_instance').map((instance) => instance.block);
  const scaling = first(block.serverlessv2_scaling_configuration);
  const classes = [...new Set(instances.map((instance) => str(instance.instance_class)))].filter(Boolean);
  return {
    kind: 'database',
    title: `${engineName(block.engine)} ${str(block.cluster_identifier) ?? ''}`.trim(),
    details: [
      join(str(block.engine_version), instances.length > 0 && `${classes.join(', ')} × ${instances.length}`),
      ...(scaling.min_capacity !== undefined
        ? [`Serverless v2 ${range(scaling.min_capacity, scaling.max_capacity)} ACU`]
        : []),
    ],
  };
}

function replicationGroup(element: TfElement): Description {
  const block = element.block;
  const nodes = num(block.num_cache_clusters) ?? num(block.num_node_groups);
  return {
    kind: 'cache',
    title: `ElastiCache ${engineName(block.engine ?? 'redis')} ${str(block.node_type) ?? ''}`.trim(),
    details: [
      join(
        str(block.engine_version),
        nodes !== undefined && `${nodes} node${nodes === 1 ? '' : 's'}`,
        yes(block.automatic_failover_enabled) && 'failover',
      ),
      `TLS in transit ${yes(block.transit_encryption_enabled) ? 'on' : 'off'}`,
    ],
  };
}

function serverlessCache(element: TfElement): Description {
  const block = element.block;
  const limits = first(block.cache_usage_limits);
  const storage = first(limits.data_storage);
  const compute = first(limits.ecpu_per_second);
  return {
    kind: 'cache',
    title: `ElastiCache Serverless ${engineName(block.engine)}`,
    details: [
      join(
        str(block.name),
        storage.maximum !== undefined && `≤ ${String(storage.maximum)} ${str(storage.unit) ?? ''}`.trim(),
        compute.maximum !== undefined && `≤ ${String(compute.maximum)} ECPU/s`,
      ),
    ],
  };
}

function distribution(element: TfElement, stack: StackJson): Description {
  const block = element.block;
  const aliases = (block.aliases as string[] | undefined) ?? [];
  return {
    kind: 'edge',
    title: 'CloudFront distribution',
    details: [
      ...(str(block.comment) ? [str(block.comment) as string] : []),
      join(aliases.join(', '), str(block.price_class), str(block.http_version) === 'http2and3' && 'HTTP/3'),
      ...certificateDomains(first(block.viewer_certificate).acm_certificate_arn, stack).map(
        (domains) => `ACM ${domains}`,
      ),
    ].filter(Boolean),
  };
}

function atlasCluster(element: TfElement, stack: StackJson): Description {
  const block = element.block;
  const region = first(first(first(block.replication_specs).region_configs));
  const electable = first(region.electable_specs);
  const user = stack.referrers(element, 'mongodbatlas_database_user')[0]?.block;
  const backup = stack.referrers(element, 'mongodbatlas_cloud_backup_schedule')[0]?.block;
  const daily = first(backup?.policy_item_daily);
  return {
    kind: 'database',
    title: `MongoDB Atlas ${str(block.name) ?? element.id}`,
    details: [
      join(
        `${str(electable.instance_size) ?? ''} × ${String(electable.node_count ?? '')}`,
        `${str(region.provider_name) ?? ''} ${str(region.region_name) ?? ''}`.trim(),
      ),
      join(
        str(block.mongo_db_major_version) && `MongoDB ${str(block.mongo_db_major_version)}`,
        yes(block.pit_enabled) && 'point-in-time restore',
        daily.retention_value !== undefined &&
          `daily backups ${String(daily.retention_value)} ${str(daily.retention_unit) ?? ''}`.trim(),
      ),
      ...(user ? [`user ${str(user.username) ?? ''}`] : []),
    ],
  };
}

const named =
  (kind: NodeKind, what: string, ...attributes: string[]): Describer =>
  (element) => {
    const name = attributes.map((attribute) => str(element.block[attribute])).find(Boolean) ?? nameTag(element.block);
    return { kind, title: `${what} ${name ?? element.id}`, details: [] };
  };

/** The drawn resource types. NAT gateways, alarms and log buckets are summarized by build.ts, not listed here. */
export const DESCRIBERS: Readonly<Record<string, Describer>> = {
  aws_lb: loadBalancer,
  aws_alb: loadBalancer,
  aws_lb_target_group: targetGroup,
  aws_alb_target_group: targetGroup,
  aws_ecs_service: ecsService,
  aws_autoscaling_group: autoScalingGroup,
  aws_instance: (element) => ({
    kind: 'compute',
    title: `EC2 ${nameTag(element.block) ?? element.id}`,
    details: [join(str(element.block.instance_type), amiName(element.block.ami))],
  }),
  aws_lambda_function: (element) => ({
    kind: 'compute',
    title: `Lambda ${str(element.block.function_name) ?? element.id}`,
    details: [
      join(
        str(element.block.package_type) === 'Image' ? 'container image' : str(element.block.runtime),
        element.block.memory_size !== undefined && `${String(element.block.memory_size)} MB`,
        element.block.timeout !== undefined && `${String(element.block.timeout)} s`,
      ),
    ],
  }),
  aws_db_instance: dbInstance,
  aws_rds_cluster: rdsCluster,
  aws_elasticache_replication_group: replicationGroup,
  aws_elasticache_serverless_cache: serverlessCache,
  aws_dynamodb_table: (element) => ({
    kind: 'database',
    title: `DynamoDB ${str(element.block.name) ?? element.id}`,
    details: [
      join(
        str(element.block.hash_key) && `key ${str(element.block.hash_key)}`,
        element.block.billing_mode === 'PAY_PER_REQUEST' ? 'on demand' : str(element.block.billing_mode),
      ),
    ],
  }),
  aws_cloudfront_distribution: distribution,
  aws_route53_zone: (element) => ({
    kind: 'edge',
    title: `Route 53 ${str(element.block.name) ?? element.id}`,
    details: [list(element.block.vpc).length > 0 ? 'private hosted zone' : 'public hosted zone'],
  }),
  aws_wafv2_web_acl: (element) => ({
    kind: 'edge',
    title: `WAF ${str(element.block.name) ?? element.id}`,
    details: [`${list(element.block.rule).length} rules`],
  }),
  aws_internet_gateway: () => ({ kind: 'network', title: 'Internet gateway', details: [] }),
  aws_vpc_endpoint: (element) => ({
    kind: 'network',
    title: `VPC endpoint ${(str(element.block.service_name) ?? element.id).split('.').pop() ?? ''}`,
    details: [str(element.block.vpc_endpoint_type) ?? 'Gateway'],
  }),
  aws_s3_bucket: named('storage', 'S3', 'bucket', 'bucket_prefix'),
  aws_efs_file_system: named('storage', 'EFS', 'creation_token'),
  aws_ecr_repository: named('registry', 'ECR', 'name'),
  aws_secretsmanager_secret: named('secret', 'Secrets Manager', 'name', 'name_prefix'),
  aws_apigatewayv2_api: (element) => ({
    kind: 'integration',
    title: `API Gateway ${str(element.block.protocol_type) ?? ''} API ${str(element.block.name) ?? element.id}`,
    details: [],
  }),
  aws_api_gateway_rest_api: named('integration', 'API Gateway REST API', 'name'),
  aws_sqs_queue: named('integration', 'SQS', 'name', 'name_prefix'),
  aws_codepipeline: (element) => ({
    kind: 'delivery',
    title: `CodePipeline ${str(element.block.name) ?? element.id}`,
    details: [
      list(element.block.stage)
        .map((stage) => str(stage.name))
        .filter(Boolean)
        .join(' → '),
    ].filter(Boolean),
  }),
  aws_codebuild_project: named('delivery', 'CodeBuild', 'name'),
  aws_codecommit_repository: named('delivery', 'CodeCommit', 'repository_name'),
  aws_codestarconnections_connection: named('delivery', 'CodeConnections', 'name'),
  aws_codeconnections_connection: named('delivery', 'CodeConnections', 'name'),
  aws_backup_vault: named('operations', 'Backup vault', 'name'),
  mongodbatlas_advanced_cluster: atlasCluster,
};
