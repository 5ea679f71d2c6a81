/**
 * Blueprint `serverless-web` (seed 004). Two stacks per environment:
 *
 * - `serverless-web-<env>` (regions.primary, us-east-1): the VPC; the Lambda container function in the private
 *   subnets behind an API Gateway HTTP API; Aurora Serverless v2 PostgreSQL and ElastiCache Serverless Redis, each
 *   reachable only from the function's security group; the SPA bucket and CloudFront (S3 by default, `/api/*` to the
 *   API) with a WAF web ACL, the Route 53 zone, certificate and alias records; SSM parameters for the function's
 *   settings; alarms to an encrypted SNS topic and a dashboard; the operator role; the three delivery pipelines; the
 *   AWS Backup vault and plan, whose copy actions name the DR vault by an ARN computed from config.
 * - `serverless-web-<env>-dr` (regions.dr, us-west-2): the DR backup vault and its KMS key.
 *
 * Neither stack reads the other: each plans offline on its own. Deploy the DR stack first (a copy job needs the
 * destination vault to exist; the plan does not). Every number comes from the environment's `serverlessWeb` section.
 */
import { CodestarconnectionsConnection } from '@cdktf/provider-aws/lib/codestarconnections-connection';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter';
import { TerraformOutput, type TerraformProvider } from 'cdktf';
import type { Construct } from 'constructs';
import { AuroraServerlessCluster } from '../../../modules/aurora-serverless';
import { BackupPlan, BackupVault, backupVaultArn } from '../../../modules/backup';
import { CodeBuildProject } from '../../../modules/codebuild';
import { Pipeline, PipelineArtifactStore, type PipelineStageProps } from '../../../modules/codepipeline';
import { ContainerRepository } from '../../../modules/container-registry';
import { createAwsProvider } from '../../../modules/core/aws-provider';
import { awsPartition } from '../../../modules/core/checks';
import { CustomerManagedKey } from '../../../modules/core/kms-key';
import { ServiceRole, type PolicyStatement } from '../../../modules/core/service-role';
import { DnsZone } from '../../../modules/dns';
import {
  containerImagePushStatements,
  staticSiteDeployStatements,
  terraformRunnerStatements,
} from '../../../modules/github-oidc';
import { ApiGatewayAccountLogging, HttpApi } from '../../../modules/http-api';
import { LambdaContainerFunction } from '../../../modules/lambda-function';
import {
  AlarmTopic,
  auroraClusterAlarms,
  Dashboard,
  httpApiAlarms,
  lambdaFunctionAlarms,
  MetricAlarm,
  serverlessCacheAlarms,
  type DashboardMetric,
  type DashboardWidget,
} from '../../../modules/observability';
import { ServerlessCache } from '../../../modules/serverless-cache';
import { StaticSite } from '../../../modules/static-site';
import { WebAcl } from '../../../modules/waf';
import type { BaseEnvironmentConfig } from '../../config/environment';
import { suppress } from '../../guardrails';
import { BlueprintStack, projectTags, stackName, stateKeyPrefix } from '../../stacks/blueprint-stack';
import type { BlueprintContext } from '../blueprint';
import { networkFromConfig, type BlueprintNetwork } from '../network-from-config';
import {
  backendBuildspec,
  frontendBuildspec,
  infrastructureApplyBuildspec,
  infrastructurePlanBuildspec,
} from './buildspecs';
import type { ServerlessWebConfig } from './schema';

export const SERVERLESS_WEB = 'serverless-web';
/** The region CloudFront takes viewer certificates and web ACLs from. */
export const CLOUDFRONT_REGION = 'us-east-1';
export const DR_SUFFIX = 'dr';

type ServerlessWebContext = BlueprintContext<ServerlessWebConfig>;

/** The names this blueprint makes from `<appName>-<env>`: one place for the stacks and the config checks. */
export function serverlessWebNames(config: ServerlessWebConfig, environment: BaseEnvironmentConfig) {
  const prefix = `${config.appName}-${environment.name}`;
  return {
    prefix,
    functionName: `${prefix}-api`,
    repositoryName: `${prefix}-api`,
    httpApiName: `${prefix}-http-api`,
    dashboardName: `${prefix}-overview`,
    alarmTopicName: `${prefix}-alarms`,
    clusterIdentifier: prefix,
    cacheName: prefix,
    webAclName: prefix,
    wafLogGroupName: `aws-waf-logs-${prefix}`,
    parameterPath: `/${prefix}/`,
    backupVaultName: prefix,
    drVaultName: `${prefix}-${DR_SUFFIX}`,
    connectionName: prefix,
    artifactBucketName: `${prefix}-pipeline-${environment.accountId}`,
    operatorRoleName: `${prefix}-operator`,
    apiGatewayLogsRoleName: `${prefix}-apigateway-logs`,
    projects: {
      plan: `${prefix}-infra-plan`,
      apply: `${prefix}-infra-apply`,
      backend: `${prefix}-backend`,
      frontend: `${prefix}-frontend`,
    },
    pipelines: {
      infrastructure: `${prefix}-infrastructure`,
      backend: `${prefix}-backend`,
      frontend: `${prefix}-frontend`,
    },
  };
}

/** Settings the stack writes itself (endpoints, origins); `lambda.settings` may not name them. */
export const STACK_SETTINGS = [
  'DATABASE_HOST',
  'DATABASE_READER_HOST',
  'DATABASE_PORT',
  'DATABASE_NAME',
  'REDIS_HOST',
  'REDIS_PORT',
  'REDIS_TLS',
  'PUBLIC_URL',
  'CORS_ALLOWED_ORIGINS',
  'CSRF_TRUSTED_ORIGINS',
] as const;

/** The services the main stack creates: the infrastructure pipeline's apply role may call them, in its region only. */
const APPLY_SERVICE_ACTIONS = [
  'ec2:*',
  'lambda:*',
  'apigateway:*',
  'rds:*',
  'elasticache:*',
  'cloudfront:*',
  'wafv2:*',
  'route53:*',
  'acm:*',
  's3:*',
  'kms:*',
  'logs:*',
  'cloudwatch:*',
  'sns:*',
  'ssm:*',
  'secretsmanager:*',
  'backup:*',
  'backup-storage:*',
  'ecr:*',
  'codebuild:*',
  'codepipeline:*',
  'codestar-connections:*',
  'iam:Get*',
  'iam:List*',
];

/**
 * What the stack's own roles may do at most, beside the plan reads (their permissions boundary): the function (logs,
 * X-Ray, its network interfaces, settings, secret, keys), the build projects and pipelines (images, the function's
 * code, invalidations, builds, the source connection, approval notifications, the state lock), AWS Backup on the
 * database. No IAM change: a role the apply project creates can never give itself or another role more.
 */
const ROLE_BOUNDARY_ACTIONS = [
  'logs:*',
  'xray:PutTraceSegments',
  'xray:PutTelemetryRecords',
  'ec2:CreateNetworkInterface',
  'ec2:DeleteNetworkInterface',
  'ec2:AssignPrivateIpAddresses',
  'ec2:UnassignPrivateIpAddresses',
  'ssm:GetParameters',
  'secretsmanager:GetSecretValue',
  'kms:Decrypt',
  'kms:Encrypt',
  'kms:GenerateDataKey*',
  'kms:ReEncrypt*',
  'kms:CreateGrant',
  'elasticache:Connect',
  'ecr:*',
  'lambda:UpdateFunctionCode',
  'cloudfront:CreateInvalidation',
  'codebuild:StartBuild',
  'codebuild:StopBuild',
  'codebuild:BatchGetBuilds',
  'codebuild:CreateReportGroup',
  'codebuild:CreateReport',
  'codebuild:UpdateReport',
  'codebuild:BatchPutTestCases',
  'codestar-connections:UseConnection',
  'sns:Publish',
  'dynamodb:DescribeTable',
  'dynamodb:GetItem',
  'dynamodb:PutItem',
  'dynamodb:DeleteItem',
  'backup:*',
  'backup-storage:*',
  'rds:CreateDBClusterSnapshot',
  'rds:CopyDBClusterSnapshot',
  'rds:DeleteDBClusterSnapshot',
  'rds:AddTagsToResource',
  'rds:ModifyDBClusterSnapshotAttribute',
  'rds:RestoreDBClusterFromSnapshot',
  'rds:CreateDBInstance',
  'tag:GetResources',
  'iam:Get*',
  'iam:List*',
];

/** The services the apply project passes the stack's roles to: each role's trusted service. */
const PASSED_TO_SERVICES = [
  'lambda.amazonaws.com',
  'apigateway.amazonaws.com',
  'backup.amazonaws.com',
  'codebuild.amazonaws.com',
  'codepipeline.amazonaws.com',
  'vpc-flow-logs.amazonaws.com',
];

/** The tag every resource carries (the provider's default tags): the boundary's guard against other environments. */
const ENVIRONMENT_TAG = 'environment';
/** The state backend's `environment` tag: the plan project uses the shared state bucket and lock table. */
const SHARED_ENVIRONMENT = 'shared';

/** What `terraform plan` reads (refresh) of the same services: no write action. */
const PLAN_SERVICE_ACTIONS = [
  'ec2:Describe*',
  'lambda:Get*',
  'lambda:List*',
  'apigateway:GET',
  'rds:Describe*',
  'rds:ListTagsForResource',
  'elasticache:Describe*',
  'elasticache:ListTagsForResource',
  'cloudfront:Get*',
  'cloudfront:List*',
  'cloudfront:Describe*',
  'wafv2:Get*',
  'wafv2:List*',
  'route53:Get*',
  'route53:List*',
  'acm:Describe*',
  'acm:List*',
  's3:GetBucket*',
  's3:GetLifecycleConfiguration',
  's3:GetEncryptionConfiguration',
  's3:GetReplicationConfiguration',
  's3:GetAccelerateConfiguration',
  'kms:Describe*',
  'kms:Get*',
  'kms:List*',
  'logs:Describe*',
  'logs:List*',
  'cloudwatch:Describe*',
  'cloudwatch:Get*',
  'cloudwatch:List*',
  'sns:Get*',
  'sns:List*',
  'ssm:Describe*',
  'ssm:GetParameter*',
  'ssm:ListTagsForResource',
  'secretsmanager:Describe*',
  'backup:Describe*',
  'backup:Get*',
  'backup:List*',
  'ecr:Describe*',
  'ecr:Get*',
  'ecr:List*',
  'codebuild:BatchGet*',
  'codebuild:List*',
  'codepipeline:Get*',
  'codepipeline:List*',
  'codestar-connections:Get*',
  'codestar-connections:List*',
  'iam:Get*',
  'iam:List*',
];

/** AWS managed policies of the operator role: the console read-only view and the logs. */
export const OPERATOR_POLICIES = [
  'arn:aws:iam::aws:policy/job-function/ViewOnlyAccess',
  'arn:aws:iam::aws:policy/CloudWatchLogsReadOnlyAccess',
] as const;

export class ServerlessWebStack extends BlueprintStack {
  readonly config: ServerlessWebConfig;
  readonly names: ReturnType<typeof serverlessWebNames>;
  readonly network: BlueprintNetwork;
  readonly dataKey: CustomerManagedKey;
  readonly repository: ContainerRepository;
  readonly database: AuroraServerlessCluster;
  readonly cache: ServerlessCache;
  readonly settings: Readonly<Record<string, SsmParameter>>;
  /** Absent while `lambda.createFunction` is false (first deploy). */
  readonly function?: LambdaContainerFunction;
  readonly api?: HttpApi;
  readonly dns: DnsZone;
  readonly waf: WebAcl;
  readonly frontend: StaticSite;
  readonly alarmTopic: AlarmTopic;
  readonly alarms: Readonly<Record<string, MetricAlarm>>;
  readonly dashboard: Dashboard;
  readonly operatorRole: ServiceRole;
  readonly apiGatewayLogging?: ApiGatewayAccountLogging;
  readonly backupVault: BackupVault;
  readonly backupPlan: BackupPlan;
  readonly artifactStore: PipelineArtifactStore;
  readonly projects: Readonly<Record<'plan' | 'apply' | 'backend' | 'frontend', CodeBuildProject>>;
  readonly pipelines: Readonly<Record<'infrastructure' | 'backend' | 'frontend', Pipeline>>;
  /** The permissions boundary of every role of the stack but the apply project's. */
  readonly roleBoundary: IamPolicy;

  constructor(scope: Construct, props: ServerlessWebContext) {
    super(scope, { ...props, blueprint: SERVERLESS_WEB, region: props.config.regions.primary });
    const { environment, config } = props;
    this.config = config;
    const names = serverlessWebNames(config, environment);
    this.names = names;
    const accountId = environment.accountId;
    const siteOrigin = `https://${config.dns.domainName}`;

    this.network = networkFromConfig(this, names.prefix, this.availabilityZones, config.network);
    this.dataKey = new CustomerManagedKey(this, 'data-key', {
      description: `${names.prefix}: Aurora storage, its master secret, the cache`,
      alias: `${names.prefix}-data`,
      accountId,
    });

    this.repository = new ContainerRepository(this, 'api-repository', {
      name: names.repositoryName,
      scanOnPush: config.registry.scanOnPush,
      imageTagMutability: config.registry.imageTagMutability,
      // Every build is tagged with its commit: keep the most recent ones, whatever their tags.
      lifecycle: {
        keepTaggedImages: { tagPatterns: ['*'], count: config.registry.keepImages },
        expireUntaggedAfterDays: config.registry.expireUntaggedAfterDays,
      },
    });

    this.database = new AuroraServerlessCluster(this, 'database', {
      clusterIdentifier: names.clusterIdentifier,
      vpcId: this.network.vpcId,
      subnetIds: this.network.privateSubnetIds,
      databaseName: config.database.databaseName,
      engineVersion: config.database.engineVersion,
      minCapacity: config.database.minCapacity,
      maxCapacity: config.database.maxCapacity,
      readerInstance: config.database.readerInstance,
      port: config.database.port,
      kmsKeyArn: this.dataKey.keyArn,
      backupRetentionDays: config.database.backupRetentionDays,
      backupWindow: config.database.backupWindow,
      maintenanceWindow: config.database.maintenanceWindow,
      deletionProtection: config.database.deletionProtection,
      logExports: config.database.logExports,
      logRetentionInDays: config.database.logRetentionInDays,
      snapshotArn: config.database.restoreFromSnapshotArn,
    });

    this.cache = new ServerlessCache(this, 'cache', {
      name: names.cacheName,
      description: `${names.prefix} sessions and cache`,
      vpcId: this.network.vpcId,
      subnetIds: this.network.privateSubnetIds,
      engine: config.cache.engine,
      majorEngineVersion: config.cache.majorEngineVersion,
      dataStorageGb: config.cache.dataStorageGb,
      ecpuPerSecond: { maximum: config.cache.ecpuPerSecondMaximum },
      kmsKeyArn: this.dataKey.keyArn,
      snapshotRetentionDays: config.cache.snapshotRetentionDays,
    });

    const allowedOrigins = [siteOrigin, ...config.api.cors.additionalOrigins];
    this.settings = this.createSettings({
      ...config.lambda.settings,
      DATABASE_HOST: this.database.endpoint,
      DATABASE_READER_HOST: this.database.readerEndpoint,
      DATABASE_PORT: String(config.database.port),
      DATABASE_NAME: config.database.databaseName,
      REDIS_HOST: this.cache.endpointAddress,
      REDIS_PORT: String(this.cache.port),
      // A serverless cache accepts TLS only: clients connect with rediss://.
      REDIS_TLS: 'true',
      PUBLIC_URL: siteOrigin,
      CORS_ALLOWED_ORIGINS: allowedOrigins.join(','),
      CSRF_TRUSTED_ORIGINS: allowedOrigins.join(','),
    });

    if (config.lambda.createFunction) {
      this.function = this.createFunction();
      suppress(
        this.function,
        'iam-no-wildcard-resource',
        "Lambda creates and deletes the function's VPC network interfaces with its role: their IDs do not exist " +
          "before, so these four EC2 actions are granted on every resource (as AWS's AWSLambdaVPCAccessExecutionRole does)",
      );
      this.api = new HttpApi(this, 'http-api', {
        name: names.httpApiName,
        description: `${names.prefix} API: ${config.api.pathPrefix}/* from CloudFront`,
        lambdaFunction: { functionArn: this.function.functionArn, functionName: this.function.functionName },
        routes: [`ANY ${config.api.pathPrefix}/{proxy+}`, `GET ${config.api.healthCheckPath}`],
        stageName: config.api.stageName,
        cors: {
          allowOrigins: allowedOrigins,
          allowCredentials: config.api.cors.allowCredentials,
          maxAgeSeconds: config.api.cors.maxAgeSeconds,
        },
        throttling: config.api.throttling,
        accessLogRetentionInDays: config.api.accessLogRetentionInDays,
      });
    }
    if (config.api.cloudWatchRole === 'create') {
      this.apiGatewayLogging = new ApiGatewayAccountLogging(this, 'api-gateway-logging', {
        roleName: names.apiGatewayLogsRoleName,
      });
    }

    // CloudFront takes its certificate and web ACL from us-east-1 only: a provider there when the stack is elsewhere.
    const cloudFrontProvider =
      this.region === CLOUDFRONT_REGION
        ? undefined
        : createAwsProvider(this, 'aws-cloudfront', {
            region: CLOUDFRONT_REGION,
            alias: 'cloudfront',
            allowedAccountIds: [accountId],
            defaultTags: projectTags(props.project, environment.name, SERVERLESS_WEB, environment.tags),
            target: props.target,
          });
    this.dns = new DnsZone(this, 'dns', {
      domainName: config.dns.domainName,
      comment: `${names.prefix}: ${config.appName} ${environment.name}`,
      deletionProtection: config.dns.deletionProtection,
      certificateProvider: cloudFrontProvider,
    });
    this.waf = this.createWebAcl(cloudFrontProvider);
    this.frontend = new StaticSite(this, 'frontend', {
      name: names.prefix,
      accountId,
      aliases: [config.dns.domainName],
      certificateArn: this.dns.certificateArn,
      webAclId: this.waf.webAclArn,
      spaRouting: 'viewer-request-function',
      priceClass: config.frontend.priceClass,
      noncurrentVersionExpirationDays: config.frontend.noncurrentVersionExpirationDays,
      defaultTtlSeconds: config.frontend.defaultTtlSeconds,
      assetsTtlSeconds: config.frontend.assetsTtlSeconds,
      apiOrigin: this.api
        ? {
            domainName: this.api.endpointHostName,
            pathPattern: `${config.api.pathPrefix}/*`,
            originPath: this.api.stagePath || undefined,
          }
        : undefined,
    });
    // CloudFront is no target Route 53 can health-check: alias records to it must not evaluate target health.
    this.dns.addAliasRecords('site', {
      target: { dnsName: this.frontend.domainName, zoneId: this.frontend.hostedZoneId, evaluateTargetHealth: false },
    });

    this.alarmTopic = new AlarmTopic(this, 'alarm-topic', {
      name: names.alarmTopicName,
      accountId,
      emailAddresses: [environment.contactEmail],
    });
    this.alarms = this.createAlarms();
    this.dashboard = new Dashboard(this, 'overview', {
      dashboardName: names.dashboardName,
      region: this.region,
      rows: this.dashboardRows(),
    });

    this.operatorRole = new ServiceRole(this, 'operator-role', {
      roleName: names.operatorRoleName,
      description: `Read-only console and logs access to ${names.prefix} for the team (MFA)`,
      trust: {
        principalArns: config.operator.userNames.map(
          (user) => `arn:${awsPartition(this.region)}:iam::${accountId}:user/${user}`,
        ),
      },
      managedPolicyArns: [...OPERATOR_POLICIES],
      maxSessionDurationSeconds: config.operator.maxSessionHours * 3600,
    });

    this.backupVault = new BackupVault(this, 'backup-vault', { name: names.backupVaultName, accountId });
    const drVaultArn = backupVaultArn(config.regions.dr, accountId, names.drVaultName);
    const copyTo = config.backup.copyToDr ? [{ vaultArn: drVaultArn }] : [];
    this.backupPlan = new BackupPlan(this, 'backup-plan', {
      name: names.prefix,
      vaultName: this.backupVault.vaultName,
      rules: [
        {
          name: 'hourly',
          schedule: config.backup.hourly.schedule,
          deleteAfterDays: config.backup.hourly.retentionDays,
          copyTo,
        },
        {
          name: 'daily',
          schedule: config.backup.daily.schedule,
          deleteAfterDays: config.backup.daily.retentionDays,
          copyTo,
        },
      ],
      resourceArns: [this.database.clusterArn],
    });

    this.artifactStore = new PipelineArtifactStore(this, 'pipeline-artifacts', {
      bucketName: names.artifactBucketName,
      accountId,
      expireAfterDays: config.cicd.artifactExpireDays,
    });
    this.roleBoundary = this.createRoleBoundary(props);
    this.projects = this.createBuildProjects(props);
    this.pipelines = this.createPipelines();
    // Every role the apply project may change carries the boundary, so none can do more than it allows. The apply
    // project's own role is applied by an administrator (RUNBOOK.md) and needs more: it creates the others.
    const applyRole = this.projects.apply.role.role;
    for (const construct of this.node.findAll()) {
      if (construct instanceof IamRole && construct !== applyRole) {
        construct.permissionsBoundary = this.roleBoundary.arn;
      }
    }

    new TerraformOutput(this, 'cloudfront_domain_name', { value: this.frontend.domainName });
    new TerraformOutput(this, 'site_url', { value: siteOrigin });
    new TerraformOutput(this, 'zone_name_servers', {
      value: this.dns.nameServers,
      description: 'Delegate the zone to these name servers; certificate validation waits for it.',
    });
    new TerraformOutput(this, 'frontend_bucket', { value: this.frontend.bucketName });
    new TerraformOutput(this, 'api_repository_url', { value: this.repository.repositoryUrl });
    if (this.api) new TerraformOutput(this, 'http_api_endpoint', { value: this.api.apiEndpoint });
    new TerraformOutput(this, 'database_endpoint', { value: this.database.endpoint });
    new TerraformOutput(this, 'database_secret_arn', { value: this.database.masterUserSecretArn });
    new TerraformOutput(this, 'cache_endpoint', { value: this.cache.endpointAddress });
    new TerraformOutput(this, 'operator_role_arn', { value: this.operatorRole.roleArn });
    new TerraformOutput(this, 'dr_vault_arn', { value: drVaultArn });
  }

  /**
   * The most any role of the stack may do: the workload's actions and the plan's reads, on this environment's
   * resources only (a Deny of anything tagged for another environment), this environment's buckets and the state.
   */
  private createRoleBoundary(props: ServerlessWebContext): IamPolicy {
    const { names } = this;
    const { environment, project } = props;
    const state = project.stateBackend;
    const statements = [
      {
        Sid: 'WorkloadServices',
        Effect: 'Allow',
        Action: [...ROLE_BOUNDARY_ACTIONS, ...PLAN_SERVICE_ACTIONS],
        Resource: '*',
      },
      {
        Sid: 'WorkloadBuckets',
        Effect: 'Allow',
        Action: 's3:*',
        Resource: [
          `arn:aws:s3:::${names.prefix}-*`,
          `arn:aws:s3:::${names.prefix}-*/*`,
          `arn:aws:s3:::${state.bucket}`,
          `arn:aws:s3:::${state.bucket}/*`,
        ],
      },
      {
        Sid: 'OnlyOwnResources',
        Effect: 'Deny',
        Action: '*',
        Resource: '*',
        Condition: {
          StringNotEqualsIfExists: { [`aws:ResourceTag/${ENVIRONMENT_TAG}`]: [environment.name, SHARED_ENVIRONMENT] },
        },
      },
    ];
    return new IamPolicy(this, 'role-boundary', {
      name: `${names.prefix}-role-boundary`,
      description: `The most any role of ${names.prefix} may do (permissions boundary)`,
      policy: JSON.stringify({ Version: '2012-10-17', Statement: statements }),
    });
  }

  /** One SSM String parameter per setting, `/<appName>-<env>/<NAME>`. */
  private createSettings(values: Readonly<Record<string, string>>): Record<string, SsmParameter> {
    return Object.fromEntries(
      Object.entries(values).map(([name, value]) => [
        name,
        new SsmParameter(this, `setting-${name.toLowerCase().replace(/_/g, '-')}`, {
          name: `${this.names.parameterPath}${name}`,
          description: `${this.names.prefix}: ${name}`,
          type: 'String',
          tier: 'Standard',
          value,
        }),
      ]),
    );
  }

  /**
   * The function in the private subnets: it reads exactly its parameters and the database's secret (decrypted through
   * Secrets Manager only), and reaches the database on its port, the cache on 6379, and AWS APIs on 443.
   */
  private createFunction(): LambdaContainerFunction {
    const { config, names } = this;
    const parameters = Object.values(this.settings);
    const statements: PolicyStatement[] = [
      {
        sid: 'ReadSettings',
        actions: ['ssm:GetParameter', 'ssm:GetParameters'],
        resources: parameters.map((p) => p.arn),
      },
      {
        sid: 'ReadDatabaseSecret',
        actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
        resources: [this.database.masterUserSecretArn],
      },
      {
        sid: 'DecryptDatabaseSecret',
        actions: ['kms:Decrypt'],
        resources: [this.dataKey.keyArn],
        conditions: [
          { test: 'StringEquals', variable: 'kms:ViaService', values: [`secretsmanager.${this.region}.amazonaws.com`] },
        ],
      },
    ];
    const fn = new LambdaContainerFunction(this, 'api-function', {
      functionName: names.functionName,
      description: `${names.prefix} API`,
      imageUri: `${this.repository.repositoryUrl}:${config.lambda.imageTag}`,
      memoryMiB: config.lambda.memoryMiB,
      timeoutSeconds: config.lambda.timeoutSeconds,
      architecture: config.lambda.architecture,
      reservedConcurrency: config.lambda.reservedConcurrency,
      logRetentionInDays: config.lambda.logRetentionInDays,
      environment: {
        // Names, not values: the function reads the settings and the credentials at run time.
        SETTINGS_PARAMETER_NAMES: Object.keys(this.settings)
          .map((name) => `${names.parameterPath}${name}`)
          .join(','),
        DATABASE_SECRET_ARN: this.database.masterUserSecretArn,
      },
      vpc: { vpcId: this.network.vpcId, subnetIds: this.network.privateSubnetIds },
      statements,
    });
    const group = fn.securityGroup!;
    this.database.allowFrom(group, 'PostgreSQL from the API function');
    this.cache.allowFrom(group, 'Redis from the API function');
    if (config.lambda.egress === 'all-outbound') {
      group.addEgress('all-outbound', {
        description: 'All outbound traffic (lambda.egress: all-outbound)',
        protocol: 'all',
        peer: { cidrIpv4: '0.0.0.0/0' },
      });
    } else {
      // AWS APIs (Secrets Manager, SSM, X-Ray) through the NAT gateway: HTTPS only.
      group.addEgress('https-aws-apis', {
        description: 'HTTPS to AWS APIs through the NAT gateway',
        port: 443,
        peer: { cidrIpv4: '0.0.0.0/0' },
      });
    }
    return fn;
  }

  private createWebAcl(provider: TerraformProvider | undefined): WebAcl {
    const { config, names } = this;
    const waf = config.waf;
    return new WebAcl(this, 'waf', {
      name: names.webAclName,
      scope: 'CLOUDFRONT',
      description: `${names.prefix}: CloudFront (site and API)`,
      ipReputation: waf.ipReputation,
      allowPaths: { name: 'health-check', paths: [config.api.healthCheckPath] },
      rateLimits: [
        { name: 'per-ip', limit: waf.rateLimitPerIp, windowSeconds: waf.rateWindowSeconds },
        {
          name: 'auth',
          limit: waf.authRateLimit,
          windowSeconds: waf.rateWindowSeconds,
          pathPrefix: waf.authPathPrefix,
        },
      ],
      sqlInjection: waf.sqlInjection,
      crossSiteScripting: waf.crossSiteScripting,
      maxBodySizeBytes: waf.maxBodySizeBytes,
      blockEmptyUserAgent: waf.blockEmptyUserAgent,
      blockedUserAgents: waf.blockedUserAgents,
      logging: { logGroupName: names.wafLogGroupName, retentionInDays: waf.logRetentionInDays },
      provider,
    });
  }

  /** The document's eight alarms (API and Lambda ones once the function exists), each to the topic. */
  private createAlarms(): Record<string, MetricAlarm> {
    const { config, names } = this;
    const monitoring = config.monitoring;
    const common = {
      namePrefix: names.prefix,
      periodSeconds: monitoring.periodSeconds,
      evaluationPeriods: monitoring.evaluationPeriods,
      alarmActions: [this.alarmTopic.topicArn],
      okActions: [this.alarmTopic.topicArn],
    };
    const sets = {
      ...(this.api
        ? httpApiAlarms({
            ...common,
            apiId: this.api.apiId,
            stage: this.api.stageName,
            serverErrorsThreshold: monitoring.apiServerErrors,
            latencyMilliseconds: monitoring.apiLatencyMilliseconds,
            latencyPercentile: monitoring.apiLatencyPercentile,
          })
        : {}),
      ...(this.function
        ? lambdaFunctionAlarms({
            ...common,
            functionName: this.function.functionName,
            errorsThreshold: monitoring.lambdaErrors,
            throttlesThreshold: monitoring.lambdaThrottles,
          })
        : {}),
      ...auroraClusterAlarms({
        ...common,
        clusterIdentifier: this.database.clusterIdentifier,
        connectionsThreshold: monitoring.auroraConnections,
        cpuPercent: monitoring.auroraCpuPercent,
      }),
      ...serverlessCacheAlarms({
        ...common,
        cacheName: this.cache.cacheName,
        ecpuPerSecondLimit: config.cache.ecpuPerSecondMaximum,
        computePercent: monitoring.cacheComputePercent,
        dataStorageLimitGb: config.cache.dataStorageGb.maximumGb,
        memoryPercent: monitoring.cacheMemoryPercent,
      }),
    };
    const ids: Record<string, string> = {
      serverErrors: 'api-5xx-alarm',
      latency: 'api-latency-alarm',
      errors: 'lambda-errors-alarm',
      throttles: 'lambda-throttles-alarm',
      connections: 'aurora-connections-alarm',
      cpu: 'aurora-cpu-alarm',
      compute: 'cache-compute-alarm',
      memory: 'cache-memory-alarm',
    };
    return Object.fromEntries(
      Object.entries(sets).map(([kind, alarmProps]) => [kind, new MetricAlarm(this, ids[kind]!, alarmProps)]),
    );
  }

  private dashboardRows(): DashboardWidget[][] {
    const metric = (namespace: string, metricName: string, dimensions: Record<string, string>, label?: string) =>
      ({ namespace, metricName, dimensions, label }) satisfies DashboardMetric;
    const rows: DashboardWidget[][] = [];
    if (this.api && this.function) {
      const api = { ApiId: this.api.apiId, Stage: this.api.stageName };
      const fn = { FunctionName: this.function.functionName };
      rows.push(
        [
          { title: 'API requests', stat: 'Sum', metrics: [metric('AWS/ApiGateway', 'Count', api)] },
          {
            title: 'API errors',
            stat: 'Sum',
            metrics: [metric('AWS/ApiGateway', '5xx', api), metric('AWS/ApiGateway', '4xx', api)],
          },
          { title: 'API latency p95 (ms)', stat: 'p95', metrics: [metric('AWS/ApiGateway', 'Latency', api)] },
        ],
        [
          {
            title: 'Lambda invocations, errors, throttles',
            stat: 'Sum',
            metrics: ['Invocations', 'Errors', 'Throttles'].map((name) => metric('AWS/Lambda', name, fn)),
          },
          { title: 'Lambda duration p95 (ms)', stat: 'p95', metrics: [metric('AWS/Lambda', 'Duration', fn)] },
          {
            title: 'Lambda concurrent executions',
            stat: 'Maximum',
            metrics: [metric('AWS/Lambda', 'ConcurrentExecutions', fn)],
          },
        ],
      );
    }
    const cluster = { DBClusterIdentifier: this.database.clusterIdentifier };
    const cache = { clusterId: this.cache.cacheName };
    rows.push(
      [
        { title: 'Aurora connections', stat: 'Maximum', metrics: [metric('AWS/RDS', 'DatabaseConnections', cluster)] },
        { title: 'Aurora CPU utilization (%)', metrics: [metric('AWS/RDS', 'CPUUtilization', cluster)] },
        {
          title: 'Aurora capacity (ACU)',
          stat: 'Maximum',
          metrics: [metric('AWS/RDS', 'ServerlessDatabaseCapacity', cluster)],
        },
      ],
      [
        {
          title: 'Cache ECPUs consumed',
          stat: 'Sum',
          metrics: [metric('AWS/ElastiCache', 'ElastiCacheProcessingUnits', cache)],
        },
        {
          title: 'Cache data stored (bytes)',
          stat: 'Maximum',
          metrics: [metric('AWS/ElastiCache', 'BytesUsedForCache', cache)],
        },
        { title: 'Cache connections', stat: 'Maximum', metrics: [metric('AWS/ElastiCache', 'CurrConnections', cache)] },
      ],
    );
    return rows;
  }

  /**
   * The build projects: plan (state and read-only refresh), apply (the stack's services, its roles but never its own),
   * backend (push to the repository, update the function) and frontend (sync the bucket, invalidate).
   */
  private createBuildProjects(
    props: ServerlessWebContext,
  ): Record<'plan' | 'apply' | 'backend' | 'frontend', CodeBuildProject> {
    const { config, names, region } = this;
    const { environment, project } = props;
    const accountId = environment.accountId;
    const state = project.stateBackend;
    const stack = stackName(SERVERLESS_WEB, environment.name);
    const common = {
      accountId,
      artifacts: this.artifactStore,
      computeType: config.cicd.computeType,
      logRetentionInDays: config.cicd.logRetentionInDays,
    };
    const runner = (projectName: string, serviceActions: readonly string[], roleNamePatterns: readonly string[]) =>
      terraformRunnerStatements({
        stateBackend: state,
        stateKeyPrefixes: [stateKeyPrefix(state, stack)],
        serviceActions,
        // CloudFront, its certificate and the web ACL are managed through us-east-1.
        regions: [region, CLOUDFRONT_REGION],
        accountId,
        runnerRoleName: `${projectName}-codebuild`,
        roleNamePatterns,
        ...(roleNamePatterns.length > 0
          ? { permissionsBoundaryArn: this.roleBoundary.arn, passRoleToServices: PASSED_TO_SERVICES }
          : {}),
        // Environments share an account: nothing tagged for another environment, whatever the service action.
        tagGuard: { key: ENVIRONMENT_TAG, values: [environment.name, SHARED_ENVIRONMENT] },
      });
    // The roles the stack creates, by name: never the apply project's own (a role that could rewrite its own policy
    // could make itself administrator), so changes to that one are applied by an administrator.
    const managedRoles = [
      names.functionName,
      names.operatorRoleName,
      names.apiGatewayLogsRoleName,
      `${names.prefix}-backup`,
      // The network's flow-log role, named from this prefix by Terraform.
      `${names.prefix}-flow-logs-*`,
      `${names.projects.plan}-codebuild`,
      `${names.projects.backend}-codebuild`,
      `${names.projects.frontend}-codebuild`,
      ...Object.values(names.pipelines).map((pipeline) => `${pipeline}-pipeline`),
    ];
    const functionArn = `arn:${awsPartition(region)}:lambda:${region}:${accountId}:function:${names.functionName}`;
    return {
      plan: new CodeBuildProject(this, 'infra-plan-project', {
        ...common,
        name: names.projects.plan,
        description: `terraform plan of ${stack}`,
        buildspec: infrastructurePlanBuildspec(stack),
        statements: runner(names.projects.plan, PLAN_SERVICE_ACTIONS, []),
      }),
      apply: new CodeBuildProject(this, 'infra-apply-project', {
        ...common,
        name: names.projects.apply,
        description: `terraform apply of ${stack}'s approved plan`,
        buildspec: infrastructureApplyBuildspec(),
        statements: runner(names.projects.apply, APPLY_SERVICE_ACTIONS, managedRoles),
      }),
      backend: new CodeBuildProject(this, 'backend-project', {
        ...common,
        name: names.projects.backend,
        description: `Builds the ${names.prefix} API image, pushes it and updates the function`,
        buildspec: backendBuildspec(config.cicd.backendDirectory),
        // docker build needs the Docker daemon.
        privilegedMode: true,
        environmentVariables: {
          REPOSITORY_URI: this.repository.repositoryUrl,
          REPOSITORY_NAME: names.repositoryName,
          FUNCTION_NAME: names.functionName,
          BOOTSTRAP_TAG: config.lambda.imageTag,
        },
        statements: [
          ...containerImagePushStatements({ repositoryArns: [this.repository.repositoryArn] }),
          { sid: 'FindBootstrapImage', actions: ['ecr:DescribeImages'], resources: [this.repository.repositoryArn] },
          {
            sid: 'DeployFunction',
            actions: ['lambda:GetFunction', 'lambda:GetFunctionConfiguration', 'lambda:UpdateFunctionCode'],
            resources: [functionArn],
          },
        ],
      }),
      frontend: new CodeBuildProject(this, 'frontend-project', {
        ...common,
        name: names.projects.frontend,
        description: `Builds the ${names.prefix} SPA, syncs it to the bucket and invalidates CloudFront`,
        buildspec: frontendBuildspec(config.cicd.frontendDirectory, config.cicd.frontendBuildDirectory),
        environmentVariables: { BUCKET: this.frontend.bucketName, DISTRIBUTION_ID: this.frontend.distributionId },
        statements: staticSiteDeployStatements({
          bucketArn: this.frontend.bucketArn,
          distributionArn: this.frontend.distributionArn,
        }),
      }),
    };
  }

  /** Infrastructure: plan → approval → apply; backend and frontend: build and deploy (with an approval if asked). */
  private createPipelines(): Record<'infrastructure' | 'backend' | 'frontend', Pipeline> {
    const { config, names, projects } = this;
    const connectionArn =
      config.cicd.connectionArn ??
      new CodestarconnectionsConnection(this, 'source-connection', {
        name: names.connectionName,
        providerType: 'GitHub',
      }).arn;
    const approval = (summary: string): PipelineStageProps => ({
      name: 'Approve',
      actions: [
        {
          kind: 'approval',
          name: 'Approve',
          notificationTopicArn: this.alarmTopic.topicArn,
          notificationTopicKmsKeyArn: this.alarmTopic.kmsKeyArn,
          summary,
        },
      ],
    });
    const sourceStage = (from: 'infrastructure' | 'application'): PipelineStageProps => ({
      name: 'Source',
      actions: [
        {
          kind: 'source-connection',
          name: 'Source',
          connectionArn,
          repository: config.cicd[from].repository,
          branch: config.cicd[from].branch,
          output: 'source',
        },
      ],
    });
    const build = (name: string, project: CodeBuildProject, input: string, outputs?: string[]): PipelineStageProps => ({
      name,
      actions: [
        { kind: 'codebuild', name, projectName: project.projectName, projectArn: project.projectArn, input, outputs },
      ],
    });
    const pipeline = (key: 'infrastructure' | 'backend' | 'frontend', stages: PipelineStageProps[]) =>
      new Pipeline(this, `${key}-pipeline`, {
        name: names.pipelines[key],
        accountId: this.environment.accountId,
        artifactStore: this.artifactStore,
        // Infrastructure runs one after another; a newer application commit replaces one still waiting.
        executionMode: key === 'infrastructure' ? 'QUEUED' : 'SUPERSEDED',
        stages,
      });
    const applicationApproval = config.cicd.approveApplicationDeploys ? [approval(`Deploy ${names.prefix}?`)] : [];
    return {
      infrastructure: pipeline('infrastructure', [
        sourceStage('infrastructure'),
        build('Plan', projects.plan, 'source', ['plan']),
        approval(`Review the plan of ${stackName(SERVERLESS_WEB, this.environment.name)} in the Plan action's log`),
        build('Apply', projects.apply, 'plan'),
      ]),
      backend: pipeline('backend', [
        sourceStage('application'),
        ...applicationApproval,
        build('BuildAndDeploy', projects.backend, 'source'),
      ]),
      frontend: pipeline('frontend', [
        sourceStage('application'),
        ...applicationApproval,
        build('BuildAndDeploy', projects.frontend, 'source'),
      ]),
    };
  }
}

/** `serverless-web-<env>-dr`: the DR backup vault and its key, in regions.dr. */
export class ServerlessWebDrStack extends BlueprintStack {
  readonly vault: BackupVault;

  constructor(scope: Construct, props: ServerlessWebContext) {
    super(scope, { ...props, blueprint: SERVERLESS_WEB, suffix: DR_SUFFIX, region: props.config.regions.dr });
    const names = serverlessWebNames(props.config, props.environment);
    this.vault = new BackupVault(this, 'dr-vault', { name: names.drVaultName, accountId: props.environment.accountId });
    new TerraformOutput(this, 'dr_vault_arn', { value: this.vault.vaultArn });
  }
}

/** Both stacks of one environment. */
export function createServerlessWebStacks(scope: Construct, props: ServerlessWebContext): void {
  new ServerlessWebStack(scope, props);
  new ServerlessWebDrStack(scope, props);
}
