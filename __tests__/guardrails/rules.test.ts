/**
 * Every rule, one compliant and one non-compliant stack each (table-driven). The compliant stack must be checked by
 * the rule (at least one pass, so a rule that never applies cannot pass this test) and raise nothing; the
 * non-compliant one must raise a finding. A last test fails if a rule of the pack has no row here.
 */
import { checkStack } from '../../src/guardrails/engine';
import { blueprintsPack } from '../../src/guardrails/packs';
import { definePack } from '../../src/guardrails/rule';
import type { JsonObject } from '../../src/guardrails/stack-view';
import { data, policyDocument, ref, resource, stack, view } from './fixtures';

interface Case {
  readonly compliant: JsonObject;
  readonly nonCompliant: JsonObject;
  /** Run as a production stack (production-only rules). */
  readonly production?: boolean;
}

// --- shared pieces ---

const lb = (config: JsonObject = {}) =>
  resource('aws_lb', 'alb', {
    internal: false,
    load_balancer_type: 'application',
    security_groups: [ref('aws_security_group', 'alb')],
    ...config,
  });
const sg = (name: string) => resource('aws_security_group', name, { vpc_id: ref('aws_vpc', 'main') });
const ingress = (name: string, group: string, config: JsonObject) =>
  resource('aws_vpc_security_group_ingress_rule', name, {
    security_group_id: ref('aws_security_group', group),
    description: 'test rule',
    ip_protocol: 'tcp',
    ...config,
  });
const egress = (name: string, config: JsonObject) =>
  resource('aws_vpc_security_group_egress_rule', name, {
    security_group_id: ref('aws_security_group', 'app'),
    description: 'test rule',
    ...config,
  });
const bucket = resource('aws_s3_bucket', 'b', { bucket: 'test-bucket' });
const bucketPart = (type: string, config: JsonObject) =>
  resource(type, 'b_part', { bucket: ref('aws_s3_bucket', 'b'), ...config });
const launchTemplate = (config: JsonObject) =>
  resource('aws_launch_template', 'lt', {
    image_id: 'resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64',
    metadata_options: { http_tokens: 'required', http_put_response_hop_limit: 1 },
    ...config,
  });
const listener = (config: JsonObject) =>
  resource('aws_lb_listener', 'l', { load_balancer_arn: ref('aws_lb', 'alb', 'arn'), ...config });
const distribution = (config: JsonObject) =>
  resource('aws_cloudfront_distribution', 'cdn', {
    enabled: true,
    default_cache_behavior: { viewer_protocol_policy: 'redirect-to-https', target_origin_id: 's3' },
    origin: [
      {
        origin_id: 's3',
        domain_name: ref('aws_s3_bucket', 'b', 'bucket_regional_domain_name'),
        origin_access_control_id: 'oac',
      },
    ],
    viewer_certificate: {
      acm_certificate_arn: 'arn:aws:acm:us-east-1:123456789012:certificate/x',
      minimum_protocol_version: 'TLSv1.2_2021',
    },
    ...config,
  });
const redis = (config: JsonObject) =>
  resource('aws_elasticache_replication_group', 'redis', {
    engine: 'redis',
    at_rest_encryption_enabled: true,
    transit_encryption_enabled: true,
    user_group_ids: ['app'],
    automatic_failover_enabled: true,
    multi_az_enabled: true,
    snapshot_retention_limit: 5,
    log_delivery_configuration: [{ log_type: 'slow-log' }, { log_type: 'engine-log' }],
    ...config,
  });
const db = (config: JsonObject) =>
  resource('aws_db_instance', 'db', {
    engine: 'postgres',
    engine_version: '16.3',
    storage_encrypted: true,
    deletion_protection: true,
    skip_final_snapshot: false,
    backup_retention_period: 7,
    multi_az: true,
    publicly_accessible: false,
    monitoring_interval: 60,
    enabled_cloudwatch_logs_exports: ['postgresql'],
    ...config,
  });
const task = (container: JsonObject) =>
  resource('aws_ecs_task_definition', 'task', {
    container_definitions: JSON.stringify([
      {
        name: 'app',
        readonlyRootFilesystem: true,
        logConfiguration: { logDriver: 'awslogs' },
        environment: [{ name: 'PORT', value: '8080' }],
        ...container,
      },
    ]),
  });
const ecr = (config: JsonObject) =>
  resource('aws_ecr_repository', 'repo', {
    image_tag_mutability: 'IMMUTABLE',
    image_scanning_configuration: { scan_on_push: true },
    encryption_configuration: [{ encryption_type: 'KMS' }],
    ...config,
  });
const dynamo = (config: JsonObject) =>
  resource('aws_dynamodb_table', 't', {
    server_side_encryption: { enabled: true },
    point_in_time_recovery: { enabled: true },
    deletion_protection_enabled: true,
    ...config,
  });
const rolePolicy = (statement: JsonObject[]) => {
  const document = policyDocument('p', statement);
  return stack(document.part, resource('aws_iam_role_policy', 'rp', { role: 'r', policy: document.json }));
};
const allow = (actions: string[], resources: string[], condition?: JsonObject[]) => ({
  effect: 'Allow',
  actions,
  resources,
  ...(condition ? { condition } : {}),
});
const GITHUB = 'token.actions.githubusercontent.com';
const githubRole = (conditions: JsonObject[]) => {
  const document = policyDocument('trust', [
    {
      effect: 'Allow',
      actions: ['sts:AssumeRoleWithWebIdentity'],
      principals: [{ type: 'Federated', identifiers: [`arn:aws:iam::123456789012:oidc-provider/${GITHUB}`] }],
      condition: conditions,
    },
  ]);
  return stack(document.part, resource('aws_iam_role', 'gh', { assume_role_policy: document.json }));
};
const aud = { test: 'StringEquals', variable: `${GITHUB}:aud`, values: ['sts.amazonaws.com'] };
const sub = (values: string[], test = 'StringEquals') => ({ test, variable: `${GITHUB}:sub`, values });
const lambda = (config: JsonObject) =>
  resource('aws_lambda_function', 'fn', {
    function_name: 'fn',
    tracing_config: { mode: 'Active' },
    reserved_concurrent_executions: 10,
    ...config,
  });

export const cases: Record<string, Case> = {
  // --- network ---
  'ec2-no-world-ingress': {
    compliant: stack(
      lb(),
      sg('alb'),
      ingress('https', 'alb', { cidr_ipv4: '0.0.0.0/0', from_port: 443, to_port: 443 }),
    ),
    nonCompliant: stack(
      lb(),
      sg('app'),
      ingress('app', 'app', { cidr_ipv4: '0.0.0.0/0', from_port: 8080, to_port: 8080 }),
    ),
  },
  'ec2-no-world-admin-ports': {
    compliant: stack(sg('app'), ingress('ssh', 'app', { cidr_ipv4: '203.0.113.0/24', from_port: 22, to_port: 22 })),
    nonCompliant: stack(sg('app'), ingress('ssh', 'app', { cidr_ipv4: '0.0.0.0/0', from_port: 22, to_port: 22 })),
  },
  'ec2-no-all-ports-ingress': {
    compliant: stack(
      sg('app'),
      ingress('one', 'app', { referenced_security_group_id: 'sg-1', from_port: 80, to_port: 80 }),
    ),
    nonCompliant: stack(sg('app'), ingress('all', 'app', { referenced_security_group_id: 'sg-1', ip_protocol: '-1' })),
  },
  'ec2-egress-restricted': {
    compliant: stack(
      sg('app'),
      egress('https', { cidr_ipv4: '0.0.0.0/0', ip_protocol: 'tcp', from_port: 443, to_port: 443 }),
    ),
    nonCompliant: stack(sg('app'), egress('all', { cidr_ipv4: '0.0.0.0/0', ip_protocol: '-1' })),
  },
  'ec2-sg-rule-described': {
    compliant: stack(
      sg('app'),
      egress('https', { cidr_ipv4: '10.0.0.0/16', ip_protocol: 'tcp', from_port: 443, to_port: 443 }),
    ),
    nonCompliant: stack(
      sg('app'),
      egress('https', { description: '', ip_protocol: 'tcp', from_port: 443, to_port: 443 }),
    ),
  },
  'ec2-default-sg-closed': {
    compliant: stack(
      resource('aws_vpc', 'main', {}),
      resource('aws_default_security_group', 'd', { vpc_id: ref('aws_vpc', 'main'), ingress: [], egress: [] }),
    ),
    nonCompliant: stack(resource('aws_vpc', 'main', {})),
  },
  'vpc-flow-logs-enabled': {
    compliant: stack(
      resource('aws_vpc', 'main', {}),
      resource('aws_flow_log', 'f', { vpc_id: ref('aws_vpc', 'main') }),
    ),
    nonCompliant: stack(resource('aws_vpc', 'main', {})),
  },
  'ec2-launch-template-no-public-ip': {
    compliant: launchTemplate({ network_interfaces: [{ associate_public_ip_address: 'false' }] }),
    nonCompliant: launchTemplate({ network_interfaces: [{ associate_public_ip_address: 'true' }] }),
  },
  'ecs-no-public-ip': {
    compliant: resource('aws_ecs_service', 's', { network_configuration: { assign_public_ip: false } }),
    nonCompliant: resource('aws_ecs_service', 's', { network_configuration: { assign_public_ip: true } }),
  },
  'rds-not-public': { compliant: db({}), nonCompliant: db({ publicly_accessible: true }) },
  'cloudfront-waf': {
    compliant: distribution({ web_acl_id: ref('aws_wafv2_web_acl', 'edge', 'arn') }),
    nonCompliant: distribution({}),
  },
  'elb-waf': {
    compliant: stack(
      lb(),
      resource('aws_wafv2_web_acl_association', 'w', { resource_arn: ref('aws_lb', 'alb', 'arn'), web_acl_arn: 'acl' }),
    ),
    nonCompliant: lb(),
  },

  // --- encryption ---
  's3-bucket-encrypted': {
    compliant: stack(
      bucket,
      bucketPart('aws_s3_bucket_server_side_encryption_configuration', {
        rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }],
      }),
    ),
    nonCompliant: bucket,
  },
  'ebs-encrypted': {
    compliant: launchTemplate({ block_device_mappings: [{ device_name: '/dev/xvda', ebs: { encrypted: 'true' } }] }),
    nonCompliant: launchTemplate({ block_device_mappings: [{ device_name: '/dev/xvda', ebs: { volume_size: 20 } }] }),
  },
  'rds-storage-encrypted': { compliant: db({}), nonCompliant: db({ storage_encrypted: false }) },
  'elasticache-at-rest-encryption': {
    compliant: redis({}),
    nonCompliant: redis({ at_rest_encryption_enabled: false }),
  },
  'sns-topic-encrypted': {
    compliant: resource('aws_sns_topic', 't', { kms_master_key_id: 'alias/x' }),
    nonCompliant: resource('aws_sns_topic', 't', { name: 'alarms' }),
  },
  'sqs-queue-encrypted': {
    compliant: resource('aws_sqs_queue', 'q', { sqs_managed_sse_enabled: true }),
    nonCompliant: resource('aws_sqs_queue', 'q', { sqs_managed_sse_enabled: false }),
  },
  'dynamodb-table-kms': { compliant: dynamo({}), nonCompliant: dynamo({ server_side_encryption: { enabled: false } }) },
  'secretsmanager-kms': {
    compliant: resource('aws_secretsmanager_secret', 's', { kms_key_id: 'key' }),
    nonCompliant: resource('aws_secretsmanager_secret', 's', { name: 's' }),
  },
  'ecr-kms': { compliant: ecr({}), nonCompliant: ecr({ encryption_configuration: [{ encryption_type: 'AES256' }] }) },
  'logs-group-kms': {
    compliant: resource('aws_cloudwatch_log_group', 'g', { kms_key_id: 'key', retention_in_days: 30 }),
    nonCompliant: resource('aws_cloudwatch_log_group', 'g', { retention_in_days: 30 }),
  },
  'kms-key-rotation': {
    compliant: resource('aws_kms_key', 'k', { enable_key_rotation: true }),
    nonCompliant: resource('aws_kms_key', 'k', { description: 'no rotation' }),
  },
  'elb-http-redirects-to-https': {
    compliant: stack(
      lb(),
      listener({
        protocol: 'HTTP',
        port: 80,
        default_action: [{ type: 'redirect', redirect: { protocol: 'HTTPS', port: '443' } }],
      }),
    ),
    nonCompliant: stack(
      lb(),
      listener({ protocol: 'HTTP', port: 80, default_action: [{ type: 'forward', target_group_arn: 'tg' }] }),
    ),
  },
  'elb-tls-policy': {
    compliant: stack(
      lb(),
      listener({ protocol: 'HTTPS', port: 443, ssl_policy: 'ELBSecurityPolicy-TLS13-1-2-2021-06' }),
    ),
    nonCompliant: stack(lb(), listener({ protocol: 'HTTPS', port: 443, ssl_policy: 'ELBSecurityPolicy-2016-08' })),
  },
  'cloudfront-viewer-https': {
    compliant: distribution({}),
    nonCompliant: distribution({
      default_cache_behavior: { viewer_protocol_policy: 'allow-all', target_origin_id: 's3' },
    }),
  },
  'cloudfront-viewer-tls12': {
    compliant: distribution({}),
    nonCompliant: distribution({ viewer_certificate: { cloudfront_default_certificate: true } }),
  },
  'cloudfront-origin-https': {
    compliant: distribution({
      origin: [
        {
          origin_id: 'api',
          domain_name: 'api.example.com',
          custom_origin_config: { origin_protocol_policy: 'https-only', origin_ssl_protocols: ['TLSv1.2'] },
        },
      ],
    }),
    nonCompliant: distribution({
      origin: [
        {
          origin_id: 'api',
          domain_name: 'alb.example.com',
          custom_origin_config: { origin_protocol_policy: 'http-only', origin_ssl_protocols: ['TLSv1.2'] },
        },
      ],
    }),
  },
  'elasticache-transit-encryption': {
    compliant: redis({}),
    nonCompliant: redis({ transit_encryption_enabled: false }),
  },
  'elasticache-redis-auth': { compliant: redis({}), nonCompliant: redis({ user_group_ids: [] }) },
  'rds-force-ssl': {
    compliant: stack(
      db({ engine_version: '14.10', parameter_group_name: ref('aws_db_parameter_group', 'pg', 'name') }),
      resource('aws_db_parameter_group', 'pg', { parameter: [{ name: 'rds.force_ssl', value: '1' }] }),
    ),
    nonCompliant: stack(
      db({ parameter_group_name: ref('aws_db_parameter_group', 'pg', 'name') }),
      resource('aws_db_parameter_group', 'pg', { parameter: [{ name: 'rds.force_ssl', value: '0' }] }),
    ),
  },
  's3-tls-only': {
    compliant: (() => {
      const document = policyDocument('bp', [
        {
          effect: 'Deny',
          actions: ['s3:*'],
          principals: [{ type: '*', identifiers: ['*'] }],
          resources: ['arn:aws:s3:::test-bucket', 'arn:aws:s3:::test-bucket/*'],
          condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
        },
      ]);
      return stack(bucket, document.part, bucketPart('aws_s3_bucket_policy', { policy: document.json }));
    })(),
    nonCompliant: bucket,
  },

  // --- compute ---
  'ec2-imdsv2': {
    compliant: launchTemplate({}),
    nonCompliant: launchTemplate({ metadata_options: { http_tokens: 'optional' } }),
  },
  'ec2-imds-hop-limit': {
    compliant: launchTemplate({}),
    nonCompliant: launchTemplate({ metadata_options: { http_tokens: 'required', http_put_response_hop_limit: 2 } }),
  },
  'ec2-supported-os': {
    compliant: launchTemplate({}),
    nonCompliant: launchTemplate({
      image_id: 'resolve:ssm:/aws/service/ami-amazon-linux-latest/amzn2-ami-hvm-x86_64-gp2',
    }),
  },
  'autoscaling-elb-health-check': {
    compliant: resource('aws_autoscaling_group', 'g', { target_group_arns: ['tg'], health_check_type: 'ELB' }),
    nonCompliant: resource('aws_autoscaling_group', 'g', { target_group_arns: ['tg'], health_check_type: 'EC2' }),
  },
  'autoscaling-multi-az': {
    compliant: resource('aws_autoscaling_group', 'g', { vpc_zone_identifier: ['subnet-a', 'subnet-b'] }),
    nonCompliant: resource('aws_autoscaling_group', 'g', { vpc_zone_identifier: ['subnet-a'] }),
  },
  'ecs-readonly-root-filesystem': { compliant: task({}), nonCompliant: task({ readonlyRootFilesystem: false }) },
  'ecs-not-privileged': { compliant: task({}), nonCompliant: task({ privileged: true }) },
  'ecs-container-logging': { compliant: task({}), nonCompliant: task({ logConfiguration: undefined as never }) },
  'ecs-no-secrets-in-environment': {
    compliant: task({}),
    nonCompliant: task({ environment: [{ name: 'DATABASE_PASSWORD', value: 'hunter2' }] }),
  },
  'ecs-container-insights': {
    compliant: resource('aws_ecs_cluster', 'c', { setting: [{ name: 'containerInsights', value: 'enabled' }] }),
    nonCompliant: resource('aws_ecs_cluster', 'c', { setting: [{ name: 'containerInsights', value: 'disabled' }] }),
  },
  'ecr-scan-on-push': {
    compliant: ecr({}),
    nonCompliant: ecr({ image_scanning_configuration: { scan_on_push: false } }),
  },
  'ecr-immutable-tags': { compliant: ecr({}), nonCompliant: ecr({ image_tag_mutability: 'MUTABLE' }) },
  'ecr-lifecycle-policy': {
    compliant: stack(
      ecr({}),
      resource('aws_ecr_lifecycle_policy', 'lp', { repository: ref('aws_ecr_repository', 'repo', 'name') }),
    ),
    nonCompliant: ecr({}),
  },
  'lambda-no-public-permission': {
    compliant: resource('aws_lambda_permission', 'p', {
      principal: 'apigateway.amazonaws.com',
      source_arn: 'arn:aws:execute-api:x',
    }),
    nonCompliant: resource('aws_lambda_permission', 'p', { principal: '*' }),
  },
  'lambda-tracing': { compliant: lambda({}), nonCompliant: lambda({ tracing_config: { mode: 'PassThrough' } }) },
  'lambda-concurrency-limit': {
    compliant: lambda({}),
    nonCompliant: lambda({ reserved_concurrent_executions: undefined as never }),
  },
  'apigw-access-logging': {
    compliant: resource('aws_apigatewayv2_stage', 's', {
      access_log_settings: { destination_arn: 'arn', format: '{}' },
    }),
    nonCompliant: resource('aws_apigatewayv2_stage', 's', { name: '$default' }),
  },
  'apigw-route-authorization': {
    compliant: resource('aws_apigatewayv2_route', 'r', { route_key: 'GET /me', authorization_type: 'JWT' }),
    nonCompliant: resource('aws_apigatewayv2_route', 'r', { route_key: 'GET /me' }),
  },
  'apigw-throttling': {
    compliant: resource('aws_apigatewayv2_stage', 's', {
      default_route_settings: { throttling_rate_limit: 100, throttling_burst_limit: 50 },
    }),
    nonCompliant: resource('aws_apigatewayv2_stage', 's', { name: '$default' }),
  },

  // --- storage ---
  's3-public-access-blocked': {
    compliant: stack(
      bucket,
      bucketPart('aws_s3_bucket_public_access_block', {
        block_public_acls: true,
        block_public_policy: true,
        ignore_public_acls: true,
        restrict_public_buckets: true,
      }),
    ),
    nonCompliant: stack(bucket, bucketPart('aws_s3_bucket_public_access_block', { block_public_acls: true })),
  },
  's3-versioning-enabled': {
    compliant: stack(
      bucket,
      bucketPart('aws_s3_bucket_versioning', { versioning_configuration: { status: 'Enabled' } }),
    ),
    nonCompliant: stack(
      bucket,
      bucketPart('aws_s3_bucket_versioning', { versioning_configuration: { status: 'Suspended' } }),
    ),
  },
  's3-ownership-enforced': {
    compliant: stack(
      bucket,
      bucketPart('aws_s3_bucket_ownership_controls', { rule: { object_ownership: 'BucketOwnerEnforced' } }),
    ),
    nonCompliant: stack(
      bucket,
      bucketPart('aws_s3_bucket_ownership_controls', { rule: { object_ownership: 'ObjectWriter' } }),
    ),
  },
  's3-lifecycle-configured': {
    compliant: stack(bucket, bucketPart('aws_s3_bucket_lifecycle_configuration', { rule: [] })),
    nonCompliant: bucket,
  },
  's3-no-public-policy': {
    compliant: resource('aws_s3_bucket_policy', 'p', {
      policy: JSON.stringify({
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'cloudfront.amazonaws.com' },
            Action: 's3:GetObject',
            Resource: 'arn:aws:s3:::b/*',
            Condition: { StringEquals: { 'AWS:SourceArn': 'arn:aws:cloudfront::1:distribution/X' } },
          },
        ],
      }),
    }),
    nonCompliant: resource('aws_s3_bucket_policy', 'p', {
      policy: JSON.stringify({
        Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }],
      }),
    }),
  },
  'cloudfront-origin-access-control': {
    compliant: distribution({}),
    nonCompliant: distribution({
      origin: [{ origin_id: 's3', domain_name: ref('aws_s3_bucket', 'b', 'bucket_regional_domain_name') }],
    }),
  },
  'secretsmanager-rotation': {
    compliant: stack(
      resource('aws_secretsmanager_secret', 's', { name: 's' }),
      resource('aws_secretsmanager_secret_rotation', 'r', { secret_id: ref('aws_secretsmanager_secret', 's') }),
    ),
    nonCompliant: resource('aws_secretsmanager_secret', 's', { name: 's' }),
  },

  // --- identity ---
  'iam-no-wildcard-action': {
    compliant: rolePolicy([allow(['s3:GetObject'], ['arn:aws:s3:::b/*'])]),
    nonCompliant: rolePolicy([allow(['*'], ['*'])]),
  },
  'iam-no-wildcard-resource': {
    compliant: rolePolicy([allow(['ecr:GetAuthorizationToken', 'ec2:DescribeInstances'], ['*'])]),
    nonCompliant: rolePolicy([allow(['secretsmanager:GetSecretValue'], ['*'])]),
  },
  'iam-no-privilege-escalation': {
    compliant: rolePolicy([
      allow(
        ['iam:PassRole'],
        ['arn:aws:iam::123456789012:role/app-*'],
        [{ test: 'StringEquals', variable: 'iam:PassedToService', values: ['ec2.amazonaws.com'] }],
      ),
    ]),
    nonCompliant: rolePolicy([
      allow(['iam:CreateRole', 'iam:AttachRolePolicy'], ['arn:aws:iam::123456789012:role/app-*']),
    ]),
  },
  'iam-no-admin-managed-policy': {
    compliant: resource('aws_iam_role_policy_attachment', 'a', {
      role: 'r',
      policy_arn: 'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore',
    }),
    nonCompliant: resource('aws_iam_role_policy_attachment', 'a', {
      role: 'r',
      policy_arn: 'arn:aws:iam::aws:policy/AdministratorAccess',
    }),
  },
  'iam-oidc-audience': {
    compliant: githubRole([aud, sub(['repo:octo/app:environment:prod'])]),
    nonCompliant: githubRole([sub(['repo:octo/app:environment:prod'])]),
  },
  'iam-oidc-subject': {
    compliant: githubRole([aud, sub(['repo:octo/app:ref:refs/heads/main'])]),
    nonCompliant: githubRole([aud, sub(['repo:octo/*'], 'StringLike')]),
  },
  'iam-oidc-production-environment': {
    production: true,
    compliant: githubRole([aud, sub(['repo:octo/app:environment:prod'])]),
    nonCompliant: githubRole([aud, sub(['repo:octo/app:ref:refs/heads/main'])]),
  },
  'iam-trust-no-public-principal': {
    compliant: resource('aws_iam_role', 'r', {
      assume_role_policy: JSON.stringify({
        Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      }),
    }),
    nonCompliant: resource('aws_iam_role', 'r', {
      assume_role_policy: JSON.stringify({
        Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }],
      }),
    }),
  },
  'iam-no-access-keys': {
    compliant: resource('aws_iam_user', 'u', { name: 'break-glass' }),
    nonCompliant: resource('aws_iam_access_key', 'k', { user: 'ci' }),
  },
  'iam-known-actions': {
    compliant: rolePolicy([allow(['s3:GetObject', 'ec2:Describe*'], ['*'])]),
    nonCompliant: rolePolicy([allow(['s3:GetObjects'], ['arn:aws:s3:::b/*'])]),
  },

  // --- resilience ---
  'rds-deletion-protection': { production: true, compliant: db({}), nonCompliant: db({ deletion_protection: false }) },
  'rds-backup-retention': { production: true, compliant: db({}), nonCompliant: db({ backup_retention_period: 1 }) },
  'rds-multi-az': { production: true, compliant: db({}), nonCompliant: db({ multi_az: false }) },
  'elasticache-automatic-failover': {
    production: true,
    compliant: redis({}),
    nonCompliant: redis({ automatic_failover_enabled: false, multi_az_enabled: false }),
  },
  'elasticache-snapshots': { compliant: redis({}), nonCompliant: redis({ snapshot_retention_limit: 0 }) },
  'dynamodb-pitr': { compliant: dynamo({}), nonCompliant: dynamo({ point_in_time_recovery: { enabled: false } }) },
  'dynamodb-deletion-protection': {
    production: true,
    compliant: dynamo({}),
    nonCompliant: dynamo({ deletion_protection_enabled: false }),
  },
  'elb-deletion-protection': {
    production: true,
    compliant: lb({ enable_deletion_protection: true }),
    nonCompliant: lb({ enable_deletion_protection: false }),
  },

  // --- observability ---
  'logs-retention-set': {
    compliant: resource('aws_cloudwatch_log_group', 'g', { retention_in_days: 30 }),
    nonCompliant: resource('aws_cloudwatch_log_group', 'g', { name: '/app' }),
  },
  'elb-access-logs': {
    compliant: lb({ access_logs: { bucket: 'logs', enabled: true } }),
    nonCompliant: lb({}),
  },
  'elb-drop-invalid-headers': {
    compliant: lb({ drop_invalid_header_fields: true }),
    nonCompliant: lb({ drop_invalid_header_fields: false }),
  },
  'cloudfront-access-logging': {
    compliant: distribution({ logging_config: { bucket: 'logs.s3.amazonaws.com' } }),
    nonCompliant: distribution({}),
  },
  'cloudwatch-alarm-actions': {
    compliant: resource('aws_cloudwatch_metric_alarm', 'a', { alarm_actions: ['arn:aws:sns:us-east-1:1:alarms'] }),
    nonCompliant: resource('aws_cloudwatch_metric_alarm', 'a', { alarm_actions: [] }),
  },
  'rds-log-exports': { compliant: db({}), nonCompliant: db({ enabled_cloudwatch_logs_exports: [] }) },
  'rds-enhanced-monitoring': { compliant: db({}), nonCompliant: db({ monitoring_interval: 0 }) },
  'elasticache-log-delivery': {
    compliant: redis({}),
    nonCompliant: redis({ log_delivery_configuration: [{ log_type: 'slow-log' }] }),
  },
};

describe('every rule: a compliant and a non-compliant stack', () => {
  const rows = blueprintsPack.rules.filter((rule) => cases[rule.id]).map((rule) => [rule.id, rule] as const);

  it.each(rows)('%s passes its compliant stack', (id, rule) => {
    const row = cases[id]!;
    const report = checkStack(view(row.compliant, row.production), definePack('one', rule), []);
    expect(report.findings.map((finding) => finding.message)).toEqual([]);
    // The rule looked at something: a row whose stack the rule never checks would pass vacuously.
    expect(report.passes.get(id)).toBeGreaterThan(0);
  });

  it.each(rows)('%s flags its non-compliant stack', (id, rule) => {
    const row = cases[id]!;
    const report = checkStack(view(row.nonCompliant, row.production), definePack('one', rule), []);
    expect(report.findings.length).toBeGreaterThan(0);
    expect(report.findings.every((finding) => finding.status === 'fail' && finding.rule.id === id)).toBe(true);
  });

  it('covers every rule of the pack, and names no rule the pack lacks', () => {
    const ids = blueprintsPack.rules.map((rule) => rule.id);
    expect(ids.filter((id) => !cases[id])).toEqual([]);
    expect(Object.keys(cases).filter((id) => !ids.includes(id))).toEqual([]);
  });
});

describe('production-only rules', () => {
  it('skip stacks that are not production', () => {
    const rule = blueprintsPack.rules.find((candidate) => candidate.id === 'rds-multi-az')!;
    const report = checkStack(view(cases['rds-multi-az']!.nonCompliant, false), definePack('one', rule), []);
    expect(report.findings).toEqual([]);
    expect(report.passes.size).toBe(0);
  });
});

describe('the pack', () => {
  it('has at least 50 rules, each with an id, a severity, a description, a fix and a control or a reason to have none', () => {
    expect(blueprintsPack.rules.length).toBeGreaterThanOrEqual(50);
    for (const rule of blueprintsPack.rules) {
      expect(rule.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)+$/);
      expect(['error', 'warning']).toContain(rule.severity);
      expect(rule.description.length).toBeGreaterThan(20);
      expect(rule.fix.length).toBeGreaterThan(10);
    }
  });

  it('reads data sources by their data. type', () => {
    const document = data('aws_iam_policy_document', 'x', {
      statement: [{ actions: ['s3:GetObjectz'], resources: ['*'] }],
    });
    const rule = blueprintsPack.rules.find((candidate) => candidate.id === 'iam-known-actions')!;
    const report = checkStack(view(document), definePack('one', rule), []);
    expect(report.findings.map((finding) => finding.message)).toEqual([
      'names actions AWS does not have: s3:GetObjectz (no such action)',
    ]);
  });
});
