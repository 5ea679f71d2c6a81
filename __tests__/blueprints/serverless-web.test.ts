/**
 * Blueprint `serverless-web` (seed 004): how it wires its modules together. For every configured environment with a
 * `serverlessWeb` section, its shipped stacks `serverless-web-<env>` and `serverless-web-<env>-dr` (synthesized once
 * per jest run) are compared with that environment's resolved config: which security group reaches which on which
 * port (the function the database on 5432 and the cache on 6379, nothing else in), the subnets of each tier, the
 * function's image, settings, secret and IAM scope, the API's routes and stage, CloudFront's two origins with the WAF
 * and the certificate, the WAF rules, the eight alarms (metric, namespace, dimensions, threshold), the pipelines and
 * their roles, and the backup plan's copies to the DR stack's vault. Staging carries the document's exact names.
 * The first deploy (`lambda.createFunction: false`) is a variant.
 *
 * Not here: the document's numbers (asserted once, as the schema defaults, in __tests__/config/serverless-web.test.ts)
 * and what a module makes of its props (its own test in __tests__/modules/).
 */
import { AWS_TARGET } from '../../modules/core/deployment-target';
import { integerAbovePattern } from '../../modules/waf';
import { createServerlessWebStacks, ServerlessWebStack } from '../../src/blueprints/serverless-web/stack';
import {
  configuredNetwork,
  configVariant,
  environmentsDeploying,
  fromGroup,
  groupsWithRules,
  networkOf,
  rulesOf,
  sortedRules,
  subnetRefs,
} from '../helpers/blueprint-wiring';
import { synthesizedStack } from '../helpers/synthesized-app';
import { Template, testApp } from '../helpers/template';

type Block = Record<string, unknown>;

const deployed = environmentsDeploying('serverlessWeb');

const SG = {
  lambda: 'api-function/security-group/group',
  database: 'database/security-group/group',
  cache: 'cache/security-group/group',
};

const statementsOf = (t: Template, rolePath: string) =>
  t.dataSource('aws_iam_policy_document', `${rolePath}/policy`).statement as Block[];
const bySid = (statements: readonly Block[]) => Object.fromEntries(statements.map((s) => [s.sid, s]));

it('is deployed in staging (the document) and prod', () => {
  expect(deployed.map((environment) => environment.name)).toEqual(['staging', 'prod']);
});

describe.each(deployed.map((environment) => environment.name))('serverless-web-%s', (envName) => {
  const environment = deployed.find((candidate) => candidate.name === envName)!;
  const config = environment.serverlessWeb!;
  const prefix = `${config.appName}-${envName}`;
  const account = environment.accountId;
  const zones = environment.availabilityZones[config.regions.primary]!;
  let t: Template;
  let dr: Template;
  beforeAll(() => {
    t = synthesizedStack(`serverless-web-${envName}`);
    dr = synthesizedStack(`serverless-web-${envName}-dr`);
  });

  it('puts the main stack in regions.primary and the DR stack in regions.dr', () => {
    expect(t.providers('aws')[0]!.region).toBe(config.regions.primary);
    expect(dr.providers('aws')[0]!.region).toBe(config.regions.dr);
  });

  it('builds its VPC from the network config: CIDRs, a subnet per AZ and tier, NAT gateways, flow-log retention', () => {
    expect(networkOf(t)).toEqual(configuredNetwork(environment, config.network));
  });

  describe('security groups', () => {
    it('lets the function reach the database on its port, the cache on 6379 and AWS APIs on 443, nothing else', () => {
      expect(rulesOf(t, 'egress', SG.lambda)).toEqual(
        sortedRules([
          { ip_protocol: 'tcp', from_port: 443, to_port: 443, cidr_ipv4: '0.0.0.0/0' },
          fromGroup(t, config.database.port, SG.database),
          fromGroup(t, 6379, SG.cache),
        ]),
      );
      expect(rulesOf(t, 'ingress', SG.lambda)).toEqual([]);
    });

    it('admits only the function: the database on its port, the cache on 6379; they reach nothing', () => {
      expect(rulesOf(t, 'ingress', SG.database)).toEqual([fromGroup(t, config.database.port, SG.lambda)]);
      expect(rulesOf(t, 'ingress', SG.cache)).toEqual([fromGroup(t, 6379, SG.lambda)]);
      expect(rulesOf(t, 'egress', SG.database)).toEqual([]);
      expect(rulesOf(t, 'egress', SG.cache)).toEqual([]);
      expect(groupsWithRules(t, Object.values(SG))).toEqual(Object.values(SG).sort());
    });

    it('places the function, the database and the cache in the private subnets', () => {
      const privateSubnets = subnetRefs(t, 'private', zones.length);
      expect((t.resource('aws_lambda_function', 'api-function/function').vpc_config as Block).subnet_ids).toEqual(
        privateSubnets,
      );
      expect(t.resource('aws_db_subnet_group', 'database/subnet-group').subnet_ids).toEqual(privateSubnets);
      expect(t.resource('aws_elasticache_serverless_cache', 'cache/cache').subnet_ids).toEqual(privateSubnets);
    });
  });

  describe('function', () => {
    it(`is ${prefix}-api, run from the repository's ${config.lambda.imageTag} image with the configured sizes`, () => {
      expect(t.resource('aws_lambda_function', 'api-function/function')).toMatchObject({
        function_name: `${prefix}-api`,
        package_type: 'Image',
        image_uri: `${t.ref('aws_ecr_repository', 'api-repository/repository', 'repository_url')}:${config.lambda.imageTag}`,
        memory_size: config.lambda.memoryMiB,
        timeout: config.lambda.timeoutSeconds,
        reserved_concurrent_executions: config.lambda.reservedConcurrency,
        architectures: [config.lambda.architecture],
        tracing_config: { mode: 'Active' },
        lifecycle: { ignore_changes: ['image_uri'] },
      });
      expect(t.resource('aws_cloudwatch_log_group', 'api-function/log-group')).toMatchObject({
        name: `/aws/lambda/${prefix}-api`,
        retention_in_days: config.lambda.logRetentionInDays,
      });
      expect(t.resource('aws_ecr_repository', 'api-repository/repository')).toMatchObject({
        name: `${prefix}-api`,
        image_tag_mutability: config.registry.imageTagMutability,
        image_scanning_configuration: { scan_on_push: config.registry.scanOnPush },
      });
    });

    it('gets settings as SSM parameter names and the credentials as the secret ARN, never their values', () => {
      const parameters = t.all('aws_ssm_parameter');
      const variables = (t.resource('aws_lambda_function', 'api-function/function').environment as Block)
        .variables as Record<string, string>;
      expect(Object.keys(variables)).toEqual(['DATABASE_SECRET_ARN', 'SETTINGS_PARAMETER_NAMES']);
      expect(variables.SETTINGS_PARAMETER_NAMES!.split(',').sort()).toEqual(
        parameters.map((parameter) => parameter.name).sort(),
      );
      expect(variables).toMatchObject({
        DATABASE_SECRET_ARN: `\${${t.address('aws_rds_cluster', 'database/cluster')}.master_user_secret[0].secret_arn}`,
      });
      const settings = Object.fromEntries(parameters.map((parameter) => [parameter.name, parameter.value]));
      const at = (name: string) => `/${prefix}/${name}`;
      expect(settings).toEqual({
        ...Object.fromEntries(Object.entries(config.lambda.settings).map(([name, value]) => [at(name), value])),
        [at('DATABASE_HOST')]: t.ref('aws_rds_cluster', 'database/cluster', 'endpoint'),
        [at('DATABASE_READER_HOST')]: t.ref('aws_rds_cluster', 'database/cluster', 'reader_endpoint'),
        [at('DATABASE_PORT')]: String(config.database.port),
        [at('DATABASE_NAME')]: config.database.databaseName,
        [at('REDIS_HOST')]: `\${${t.address('aws_elasticache_serverless_cache', 'cache/cache')}.endpoint[0].address}`,
        [at('REDIS_PORT')]: '6379',
        [at('REDIS_TLS')]: 'true',
        [at('PUBLIC_URL')]: `https://${config.dns.domainName}`,
        [at('CORS_ALLOWED_ORIGINS')]: [`https://${config.dns.domainName}`, ...config.api.cors.additionalOrigins].join(
          ',',
        ),
        [at('CSRF_TRUSTED_ORIGINS')]: [`https://${config.dns.domainName}`, ...config.api.cors.additionalOrigins].join(
          ',',
        ),
      });
      expect(parameters.every((parameter) => parameter.type === 'String')).toBe(true);
    });

    it('may read exactly its parameters and the database secret, decrypted through Secrets Manager only', () => {
      const statements = bySid(statementsOf(t, 'api-function/role'));
      expect(Object.keys(statements)).toEqual([
        'WriteOwnLogs',
        'XRayTraces',
        'VpcNetworkInterfaces',
        'ReadSettings',
        'ReadDatabaseSecret',
        'DecryptDatabaseSecret',
      ]);
      expect([...(statements.ReadSettings!.resources as string[])].sort()).toEqual(
        t
          .elementsOf('aws_ssm_parameter')
          .map(({ path }) => t.ref('aws_ssm_parameter', path!, 'arn'))
          .sort(),
      );
      expect(statements.ReadDatabaseSecret!.resources).toEqual([
        `\${${t.address('aws_rds_cluster', 'database/cluster')}.master_user_secret[0].secret_arn}`,
      ]);
      expect(statements.DecryptDatabaseSecret).toMatchObject({
        actions: ['kms:Decrypt'],
        resources: [t.ref('aws_kms_key', 'data-key/key', 'arn')],
        condition: [
          {
            test: 'StringEquals',
            variable: 'kms:ViaService',
            values: [`secretsmanager.${config.regions.primary}.amazonaws.com`],
          },
        ],
      });
    });
  });

  describe('API', () => {
    it(`is the HTTP API ${prefix}-http-api at stage ${config.api.stageName}, with the API and health-check routes`, () => {
      expect(t.resource('aws_apigatewayv2_api', 'http-api/api')).toMatchObject({
        name: `${prefix}-http-api`,
        protocol_type: 'HTTP',
        cors_configuration: {
          allow_origins: [`https://${config.dns.domainName}`, ...config.api.cors.additionalOrigins],
          allow_credentials: config.api.cors.allowCredentials,
          max_age: config.api.cors.maxAgeSeconds,
        },
      });
      expect(t.all('aws_apigatewayv2_route').map((route) => route.route_key)).toEqual([
        `ANY ${config.api.pathPrefix}/{proxy+}`,
        `GET ${config.api.healthCheckPath}`,
      ]);
      expect(t.resource('aws_apigatewayv2_integration', 'http-api/lambda-integration').integration_uri).toBe(
        t.ref('aws_lambda_function', 'api-function/function', 'arn'),
      );
      expect(t.resource('aws_apigatewayv2_stage', 'http-api/stage')).toMatchObject({
        name: config.api.stageName,
        default_route_settings: {
          throttling_rate_limit: config.api.throttling.rateLimit,
          throttling_burst_limit: config.api.throttling.burstLimit,
        },
      });
      expect(t.resource('aws_cloudwatch_log_group', 'http-api/access-log-group')).toMatchObject({
        name: `/aws/apigateway/${prefix}-http-api`,
        retention_in_days: config.api.accessLogRetentionInDays,
      });
    });

    it('registers the account-level API Gateway CloudWatch role only where config says create', () => {
      expect(t.count('aws_api_gateway_account')).toBe(config.api.cloudWatchRole === 'create' ? 1 : 0);
    });
  });

  describe('data', () => {
    it('runs Aurora with the configured engine, ACU range, reader, retention and protection, on the data key', () => {
      const keyArn = t.ref('aws_kms_key', 'data-key/key', 'arn');
      expect(t.resource('aws_rds_cluster', 'database/cluster')).toMatchObject({
        cluster_identifier: prefix,
        engine_version: config.database.engineVersion,
        serverlessv2_scaling_configuration: {
          min_capacity: config.database.minCapacity,
          max_capacity: config.database.maxCapacity,
        },
        storage_encrypted: true,
        kms_key_id: keyArn,
        master_user_secret_kms_key_id: keyArn,
        manage_master_user_password: true,
        backup_retention_period: config.database.backupRetentionDays,
        preferred_backup_window: config.database.backupWindow,
        deletion_protection: config.database.deletionProtection,
        skip_final_snapshot: false,
        enabled_cloudwatch_logs_exports: config.database.logExports,
      });
      expect(t.count('aws_rds_cluster_instance')).toBe(config.database.readerInstance ? 2 : 1);
    });

    it('runs the serverless cache with the configured engine, limits and snapshots, on the data key', () => {
      expect(t.resource('aws_elasticache_serverless_cache', 'cache/cache')).toMatchObject({
        name: prefix,
        engine: config.cache.engine,
        major_engine_version: config.cache.majorEngineVersion,
        kms_key_id: t.ref('aws_kms_key', 'data-key/key', 'arn'),
        snapshot_retention_limit: config.cache.snapshotRetentionDays,
        cache_usage_limits: [
          {
            data_storage: [
              {
                minimum: config.cache.dataStorageGb.minimumGb,
                maximum: config.cache.dataStorageGb.maximumGb,
                unit: 'GB',
              },
            ],
            ecpu_per_second: [{ maximum: config.cache.ecpuPerSecondMaximum }],
          },
        ],
      });
    });
  });

  describe('edge', () => {
    const distribution = () => t.resource('aws_cloudfront_distribution', 'frontend/distribution');

    it(`serves ${config.dns.domainName} over HTTPS with the zone's certificate and the web ACL`, () => {
      expect(distribution()).toMatchObject({
        aliases: [config.dns.domainName],
        web_acl_id: t.ref('aws_wafv2_web_acl', 'waf/web-acl', 'arn'),
        price_class: config.frontend.priceClass,
        viewer_certificate: {
          acm_certificate_arn: t.ref(
            'aws_acm_certificate_validation',
            'dns/certificate-validation-wait',
            'certificate_arn',
          ),
          ssl_support_method: 'sni-only',
          minimum_protocol_version: 'TLSv1.2_2021',
        },
      });
      expect(t.resource('aws_route53_zone', 'dns/zone').name).toBe(config.dns.domainName);
      for (const type of ['a', 'aaaa']) {
        expect(t.resource('aws_route53_record', `dns/alias-site-${type}`)).toMatchObject({
          name: config.dns.domainName,
          alias: {
            name: t.ref('aws_cloudfront_distribution', 'frontend/distribution', 'domain_name'),
            zone_id: t.ref('aws_cloudfront_distribution', 'frontend/distribution', 'hosted_zone_id'),
            evaluate_target_health: false,
          },
        });
      }
    });

    it(`sends ${config.api.pathPrefix}/* uncached to the API stage and the rest to S3 with the routing function`, () => {
      const apiOrigin = (distribution().origin as Block[]).find((origin) => origin.origin_id === 'api');
      expect(apiOrigin).toMatchObject({
        domain_name: `\${trimprefix(${t.address('aws_apigatewayv2_api', 'http-api/api')}.api_endpoint, "https://")}`,
        origin_path: `/${config.api.stageName}`,
        custom_origin_config: { origin_protocol_policy: 'https-only' },
      });
      expect((distribution().ordered_cache_behavior as Block[])[0]).toMatchObject({
        path_pattern: `${config.api.pathPrefix}/*`,
        target_origin_id: 'api',
        allowed_methods: ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT'],
        cache_policy_id: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
      });
      expect((distribution().default_cache_behavior as Block).function_association).toEqual([
        { event_type: 'viewer-request', function_arn: t.ref('aws_cloudfront_function', 'frontend/spa-routing', 'arn') },
      ]);
      expect(distribution()).not.toHaveProperty('custom_error_response');
    });

    it('evaluates the WAF rules in order with the configured limits, paths, body size and log retention', () => {
      const rules = t.resource('aws_wafv2_web_acl', 'waf/web-acl').rule as Block[];
      expect(rules.map((rule) => [rule.priority, rule.name])).toEqual([
        [0, 'ip-reputation'],
        [1, 'allow-health-check'],
        [2, 'rate-per-ip'],
        [3, 'rate-auth'],
        [4, 'sql-injection'],
        [5, 'cross-site-scripting'],
        [6, 'body-size'],
        [7, 'user-agent'],
      ]);
      const statement = (name: string) => rules.find((rule) => rule.name === name)!.statement as Block;
      expect(statement('allow-health-check')).toMatchObject({
        byte_match_statement: { search_string: config.api.healthCheckPath, positional_constraint: 'EXACTLY' },
      });
      expect(statement('rate-per-ip')).toMatchObject({
        rate_based_statement: { limit: config.waf.rateLimitPerIp, evaluation_window_sec: config.waf.rateWindowSeconds },
      });
      expect(statement('rate-auth')).toMatchObject({
        rate_based_statement: {
          limit: config.waf.authRateLimit,
          evaluation_window_sec: config.waf.rateWindowSeconds,
          scope_down_statement: { byte_match_statement: { search_string: config.waf.authPathPrefix } },
        },
      });
      expect(statement('body-size')).toMatchObject({
        regex_match_statement: { regex_string: integerAbovePattern(config.waf.maxBodySizeBytes) },
      });
      expect(t.resource('aws_cloudwatch_log_group', 'waf/log-group')).toMatchObject({
        name: `aws-waf-logs-${prefix}`,
        retention_in_days: config.waf.logRetentionInDays,
      });
    });
  });

  describe('alarms', () => {
    const topic = () => t.ref('aws_sns_topic', 'alarm-topic/topic', 'arn');
    const alarm = (id: string) => t.resource('aws_cloudwatch_metric_alarm', `${id}-alarm/alarm`);
    const m = config.monitoring;
    const period = m.periodSeconds;

    it.each([
      [
        'api-5xx',
        'AWS/ApiGateway',
        '5xx',
        () => ({ ApiId: t.ref('aws_apigatewayv2_api', 'http-api/api'), Stage: config.api.stageName }),
        'Sum',
        m.apiServerErrors,
      ],
      [
        'api-latency',
        'AWS/ApiGateway',
        'Latency',
        () => ({ ApiId: t.ref('aws_apigatewayv2_api', 'http-api/api'), Stage: config.api.stageName }),
        `p${m.apiLatencyPercentile}`,
        m.apiLatencyMilliseconds,
      ],
      [
        'lambda-errors',
        'AWS/Lambda',
        'Errors',
        () => ({ FunctionName: t.ref('aws_lambda_function', 'api-function/function', 'function_name') }),
        'Sum',
        m.lambdaErrors,
      ],
      [
        'lambda-throttles',
        'AWS/Lambda',
        'Throttles',
        () => ({ FunctionName: t.ref('aws_lambda_function', 'api-function/function', 'function_name') }),
        'Sum',
        m.lambdaThrottles,
      ],
      [
        'aurora-connections',
        'AWS/RDS',
        'DatabaseConnections',
        () => ({ DBClusterIdentifier: t.ref('aws_rds_cluster', 'database/cluster', 'cluster_identifier') }),
        'Maximum',
        m.auroraConnections,
      ],
      [
        'aurora-cpu',
        'AWS/RDS',
        'CPUUtilization',
        () => ({ DBClusterIdentifier: t.ref('aws_rds_cluster', 'database/cluster', 'cluster_identifier') }),
        'Average',
        m.auroraCpuPercent,
      ],
      // "Redis CPU": the ECPUs consumed against the ECPU/s limit over the period (no host CPU on a serverless cache).
      [
        'cache-compute',
        'AWS/ElastiCache',
        'ElastiCacheProcessingUnits',
        () => ({ clusterId: t.ref('aws_elasticache_serverless_cache', 'cache/cache', 'name') }),
        'Sum',
        Math.floor((config.cache.ecpuPerSecondMaximum * period * m.cacheComputePercent) / 100),
      ],
      // "Redis memory": the bytes stored against the storage limit.
      [
        'cache-memory',
        'AWS/ElastiCache',
        'BytesUsedForCache',
        () => ({ clusterId: t.ref('aws_elasticache_serverless_cache', 'cache/cache', 'name') }),
        'Maximum',
        Math.floor((config.cache.dataStorageGb.maximumGb * 1e9 * m.cacheMemoryPercent) / 100),
      ],
    ] as const)(
      '%s watches %s %s with its dimensions and threshold, to the topic',
      (id, namespace, metric, dimensions, statistic, threshold) => {
        const block = alarm(id);
        expect(block).toMatchObject({
          alarm_name: `${prefix}-${id}`,
          namespace,
          metric_name: metric,
          dimensions: dimensions(),
          comparison_operator: 'GreaterThanThreshold',
          threshold,
          period,
          evaluation_periods: m.evaluationPeriods,
          alarm_actions: [topic()],
          ok_actions: [topic()],
        });
        expect(block.statistic ?? block.extended_statistic).toBe(statistic);
      },
    );

    it('are the eight of the document, and the dashboard is <name>-overview', () => {
      expect(t.count('aws_cloudwatch_metric_alarm')).toBe(8);
      expect(t.resource('aws_cloudwatch_dashboard', 'overview/dashboard').dashboard_name).toBe(`${prefix}-overview`);
      expect(t.resource('aws_sns_topic', 'alarm-topic/topic').kms_master_key_id).toBe(
        t.ref('aws_kms_key', 'alarm-topic/key', 'arn'),
      );
    });
  });

  describe('IAM', () => {
    it('lets the configured users assume the read-only operator role, with MFA', () => {
      expect(t.dataSource('aws_iam_policy_document', 'operator-role/trust-policy').statement).toEqual([
        {
          effect: 'Allow',
          actions: ['sts:AssumeRole'],
          principals: [
            {
              type: 'AWS',
              identifiers: config.operator.userNames.map((user) => `arn:aws:iam::${account}:user/${user}`),
            },
          ],
          condition: [{ test: 'Bool', variable: 'aws:MultiFactorAuthPresent', values: ['true'] }],
        },
      ]);
      expect(
        t
          .all('aws_iam_role_policy_attachment')
          .filter((a) => a.role === t.ref('aws_iam_role', 'operator-role/role', 'name')),
      ).toEqual([
        expect.objectContaining({ policy_arn: 'arn:aws:iam::aws:policy/job-function/ViewOnlyAccess' }),
        expect.objectContaining({ policy_arn: 'arn:aws:iam::aws:policy/CloudWatchLogsReadOnlyAccess' }),
      ]);
      expect(t.resource('aws_iam_role', 'operator-role/role').max_session_duration).toBe(
        config.operator.maxSessionHours * 3600,
      );
    });
  });

  describe('delivery', () => {
    const stagesOf = (key: string) =>
      (t.resource('aws_codepipeline', `${key}-pipeline/pipeline`).stage as Block[]).map((stage) => stage.name);

    it('plans, approves and applies the infrastructure; builds and deploys backend and frontend', () => {
      const approval = config.cicd.approveApplicationDeploys ? ['Approve'] : [];
      expect(stagesOf('infrastructure')).toEqual(['Source', 'Plan', 'Approve', 'Apply']);
      expect(stagesOf('backend')).toEqual(['Source', ...approval, 'BuildAndDeploy']);
      expect(stagesOf('frontend')).toEqual(['Source', ...approval, 'BuildAndDeploy']);
      const source = (key: string) =>
        ((t.resource('aws_codepipeline', `${key}-pipeline/pipeline`).stage as Block[])[0]!.action as Block[])[0]!
          .configuration;
      expect(source('infrastructure')).toMatchObject({
        FullRepositoryId: config.cicd.infrastructure.repository,
        BranchName: config.cicd.infrastructure.branch,
      });
      expect(source('backend')).toMatchObject({
        FullRepositoryId: config.cicd.application.repository,
        BranchName: config.cicd.application.branch,
      });
    });

    it('keeps artifacts in a KMS-encrypted bucket that expires them as configured', () => {
      const rules = t.resource('aws_s3_bucket_lifecycle_configuration', 'pipeline-artifacts/bucket/lifecycle')
        .rule as Block[];
      expect(rules[0]).toMatchObject({ expiration: [{ days: config.cicd.artifactExpireDays }] });
      expect(t.resource('aws_s3_bucket', 'pipeline-artifacts/bucket/bucket').bucket).toBe(
        `${prefix}-pipeline-${account}`,
      );
    });

    it('scopes the backend build to its repository and function, the frontend build to its bucket and distribution', () => {
      const backend = bySid(statementsOf(t, 'backend-project/role'));
      expect(backend.EcrPush!.resources).toEqual([t.ref('aws_ecr_repository', 'api-repository/repository', 'arn')]);
      expect(backend.DeployFunction!.resources).toEqual([
        `arn:aws:lambda:${config.regions.primary}:${account}:function:${prefix}-api`,
      ]);
      const frontend = bySid(statementsOf(t, 'frontend-project/role'));
      expect(frontend.SyncObjects!.resources).toEqual([`${t.ref('aws_s3_bucket', 'frontend/bucket/bucket', 'arn')}/*`]);
      expect(frontend.Invalidate!.resources).toEqual([
        t.ref('aws_cloudfront_distribution', 'frontend/distribution', 'arn'),
      ]);
    });

    it("lets the apply build manage the stack's roles by name, never its own, in the stack's region", () => {
      const apply = bySid(statementsOf(t, 'infra-apply-project/role'));
      const roles = apply.BlueprintRoles!.resources as string[];
      expect(roles).not.toContain(`arn:aws:iam::${account}:role/${prefix}-infra-apply-codebuild`);
      expect(roles).toContain(`arn:aws:iam::${account}:role/${prefix}-api`);
      // By exact name, but the flow-log role: Terraform names it from a prefix.
      expect(roles.filter((arn) => arn.endsWith('*'))).toEqual([`arn:aws:iam::${account}:role/${prefix}-flow-logs-*`]);
      expect(apply.BlueprintServices).toMatchObject({
        condition: [{ test: 'StringEquals', variable: 'aws:RequestedRegion', values: [config.regions.primary] }],
      });
      const boundary = t.ref('aws_iam_policy', 'role-boundary', 'arn');
      expect(apply.BlueprintRoles!.condition).toEqual([
        { test: 'StringEquals', variable: 'iam:PermissionsBoundary', values: [boundary] },
      ]);
      expect(apply.PassBlueprintRoles!.condition).toEqual([
        {
          test: 'StringEquals',
          variable: 'iam:PassedToService',
          values: [
            'lambda.amazonaws.com',
            'apigateway.amazonaws.com',
            'backup.amazonaws.com',
            'codebuild.amazonaws.com',
            'codepipeline.amazonaws.com',
            'vpc-flow-logs.amazonaws.com',
          ],
        },
      ]);
      const roleBoundaries = Object.entries(t.resources('aws_iam_role')).map(([id, role]) => [
        id.split('_')[0],
        role.permissions_boundary,
      ]);
      expect(roleBoundaries.filter(([, bound]) => bound !== boundary).map(([id]) => id)).toEqual([
        'infra-apply-project',
      ]);
      const plan = bySid(statementsOf(t, 'infra-plan-project/role'));
      expect(plan.BlueprintRoles).toBeUndefined();
      const planActions = plan.BlueprintServices!.actions as string[];
      expect(planActions.filter((action) => /:(\*|Create|Put|Update|Delete)/.test(action))).toEqual([]);
    });
  });

  describe('backups', () => {
    it(`copies the hourly and daily recovery points to the DR stack's vault in ${config.regions.dr}`, () => {
      const drVault = dr.resource('aws_backup_vault', 'dr-vault/vault');
      const drVaultArn = `arn:aws:backup:${config.regions.dr}:${account}:backup-vault:${String(drVault.name)}`;
      const copy = (days: number) =>
        config.backup.copyToDr ? [{ destination_vault_arn: drVaultArn, lifecycle: { delete_after: days } }] : [];
      expect(t.resource('aws_backup_plan', 'backup-plan/plan').rule).toEqual([
        expect.objectContaining({
          rule_name: 'hourly',
          schedule: config.backup.hourly.schedule,
          target_vault_name: t.ref('aws_backup_vault', 'backup-vault/vault', 'name'),
          lifecycle: { delete_after: config.backup.hourly.retentionDays },
          copy_action: copy(config.backup.hourly.retentionDays),
        }),
        expect.objectContaining({
          rule_name: 'daily',
          schedule: config.backup.daily.schedule,
          lifecycle: { delete_after: config.backup.daily.retentionDays },
          copy_action: copy(config.backup.daily.retentionDays),
        }),
      ]);
      expect(t.resource('aws_backup_selection', 'backup-plan/selection').resources).toEqual([
        t.ref('aws_rds_cluster', 'database/cluster', 'arn'),
      ]);
    });

    it('holds only the DR vault and its key in the DR stack', () => {
      expect(Object.keys(dr.json.resource as Block).sort()).toEqual([
        'aws_backup_vault',
        'aws_backup_vault_policy',
        'aws_kms_alias',
        'aws_kms_key',
      ]);
      expect(dr.resource('aws_backup_vault', 'dr-vault/vault')).toMatchObject({
        name: `${prefix}-dr`,
        kms_key_arn: dr.ref('aws_kms_key', 'dr-vault/key/key', 'arn'),
      });
    });
  });
});

describe('staging: the document exact names', () => {
  let t: Template;
  beforeAll(() => {
    t = synthesizedStack('serverless-web-staging');
  });

  it('names the function, its log group, the API, its log group and stage, and the dashboard as the document', () => {
    expect(t.resource('aws_lambda_function', 'api-function/function').function_name).toBe(
      'apprentice-final-staging-api',
    );
    expect(t.resource('aws_cloudwatch_log_group', 'api-function/log-group').name).toBe(
      '/aws/lambda/apprentice-final-staging-api',
    );
    expect(t.resource('aws_cloudwatch_log_group', 'http-api/access-log-group').name).toBe(
      '/aws/apigateway/apprentice-final-staging-http-api',
    );
    expect(t.resource('aws_apigatewayv2_stage', 'http-api/stage').name).toBe('staging');
    expect(t.resource('aws_cloudwatch_dashboard', 'overview/dashboard').dashboard_name).toBe(
      'apprentice-final-staging-overview',
    );
    expect(t.resource('aws_route53_zone', 'dns/zone').name).toBe('bardhi.devops.konitron.com');
  });
});

describe('first deploy: lambda.createFunction false', () => {
  let t: Template;
  beforeAll(() => {
    const { project, environment } = configVariant('staging', { serverlessWeb: { lambda: { createFunction: false } } });
    const config = environment.serverlessWeb!;
    t = Template.fromStack(new ServerlessWebStack(testApp(), { project, environment, target: AWS_TARGET, config }));
  });

  it('creates the repository, data stores and pipelines, but no function and no API yet', () => {
    expect(t.count('aws_ecr_repository')).toBe(1);
    expect(t.count('aws_codepipeline')).toBe(3);
    expect(t.count('aws_rds_cluster')).toBe(1);
    expect(t.count('aws_lambda_function')).toBe(0);
    expect(t.count('aws_apigatewayv2_api')).toBe(0);
  });

  it('serves the site alone (no API origin) and alarms on the data stores only', () => {
    const origins = t.resource('aws_cloudfront_distribution', 'frontend/distribution').origin as Block[];
    expect(origins.map((origin) => origin.origin_id)).toEqual(['s3-frontend']);
    expect(t.all('aws_cloudwatch_metric_alarm').map((alarm) => alarm.alarm_name)).toEqual([
      'apprentice-final-staging-aurora-connections',
      'apprentice-final-staging-aurora-cpu',
      'apprentice-final-staging-cache-compute',
      'apprentice-final-staging-cache-memory',
    ]);
  });

  it('tells the backend build which tag to give its first image: the one the function is then created with', () => {
    const variables = (
      (t.resource('aws_codebuild_project', 'backend-project/project').environment as Block)
        .environment_variable as Block[]
    ).map((variable) => [variable.name, variable.value]);
    expect(variables).toContainEqual(['BOOTSTRAP_TAG', 'bootstrap']);
    expect(variables).toContainEqual(['FUNCTION_NAME', 'apprentice-final-staging-api']);
  });
});

describe('the lambda.egress all-outbound option', () => {
  it("opens the function's egress to everything, the document's literal setting", () => {
    const { project, environment } = configVariant('staging', {
      serverlessWeb: { lambda: { egress: 'all-outbound' } },
    });
    const app = testApp();
    createServerlessWebStacks(app, { project, environment, target: AWS_TARGET, config: environment.serverlessWeb! });
    const t = Template.fromStack(app.node.findChild('serverless-web-staging') as ServerlessWebStack);
    expect(rulesOf(t, 'egress', SG.lambda)).toContainEqual({ ip_protocol: '-1', cidr_ipv4: '0.0.0.0/0' });
    expect(rulesOf(t, 'egress', SG.lambda)).not.toContainEqual(expect.objectContaining({ from_port: 443 }));
  });
});

describe('a DR rebuild: the main stack in us-west-2 from a copied recovery point (RUNBOOK.md)', () => {
  const snapshot = 'arn:aws:rds:us-west-2:123456789012:cluster-snapshot:awsbackup:copyjob-0123abcd';
  let t: Template;
  beforeAll(() => {
    const { project, environment } = configVariant('staging', {
      serverlessWeb: {
        regions: { primary: 'us-west-2', dr: 'us-east-1' },
        database: { restoreFromSnapshotArn: snapshot },
        lambda: { createFunction: false },
      },
    });
    const config = environment.serverlessWeb!;
    t = Template.fromStack(new ServerlessWebStack(testApp(), { project, environment, target: AWS_TARGET, config }));
  });

  it('runs in us-west-2 and creates the certificate and the web ACL through a us-east-1 provider', () => {
    const providers = t.providers('aws');
    expect(providers.map((provider) => [provider.alias, provider.region])).toEqual([
      [undefined, 'us-west-2'],
      ['cloudfront', 'us-east-1'],
    ]);
    expect(t.resource('aws_acm_certificate', 'dns/certificate').provider).toBe('aws.cloudfront');
    expect(t.resource('aws_wafv2_web_acl', 'waf/web-acl').provider).toBe('aws.cloudfront');
    expect(t.resource('aws_cloudwatch_log_group', 'waf/log-group').provider).toBe('aws.cloudfront');
    expect(t.resource('aws_subnet', 'network/private-subnet-0').availability_zone).toBe('us-west-2a');
  });

  it('restores the cluster from the snapshot, and copies new backups back to us-east-1', () => {
    expect(t.resource('aws_rds_cluster', 'database/cluster')).toMatchObject({
      snapshot_identifier: snapshot,
      lifecycle: { ignore_changes: ['snapshot_identifier'] },
    });
    expect(t.resource('aws_rds_cluster', 'database/cluster')).not.toHaveProperty('master_username');
    const rules = t.resource('aws_backup_plan', 'backup-plan/plan').rule as Block[];
    expect(rules.map((rule) => (rule.copy_action as Block[])[0]!.destination_vault_arn)).toEqual([
      'arn:aws:backup:us-east-1:123456789012:backup-vault:apprentice-final-staging-dr',
      'arn:aws:backup:us-east-1:123456789012:backup-vault:apprentice-final-staging-dr',
    ]);
  });
});
