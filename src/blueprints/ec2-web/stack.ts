/**
 * Blueprint `ec2-web` (seed 000): a React SPA on S3 behind CloudFront (which also forwards `/api/*` to the ALB), an
 * Auto Scaling group of Docker hosts behind the ALB, ElastiCache Redis, MongoDB, GitHub OIDC roles for the frontend,
 * backend and infrastructure pipelines, and alarms with a dashboard.
 *
 * Two stacks per environment:
 * - `ec2-web-<env>` holds every AWS resource and plans offline like every AWS stack.
 * - `ec2-web-<env>-atlas` holds MongoDB Atlas (providers mongodbatlas + random + aws). It takes the NAT gateways'
 *   public IPs from the AWS stack by cross-stack reference, so it is applied after it. With `mongodb.mode:
 *   'self-hosted'` there is no companion stack: MongoDB runs on EC2 in the AWS stack.
 */
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { DataAwsSecretsmanagerSecretVersion } from '@cdktf/provider-aws/lib/data-aws-secretsmanager-secret-version';
import { MongodbatlasProvider } from '@cdktf/provider-mongodbatlas/lib/provider';
import { RandomProvider } from '@cdktf/provider-random/lib/provider';
import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import { WebAutoScalingGroup } from '../../../modules/auto-scaling-web';
import { ContainerRepository } from '../../../modules/container-registry';
import { allowTraffic } from '../../../modules/core/security-group';
import {
  containerImagePushStatements,
  GITHUB_OIDC_HOST,
  GithubActionsRole,
  GithubOidcProvider,
  staticSiteDeployStatements,
  terraformRunnerStatements,
  type GithubActionsPolicyStatement,
} from '../../../modules/github-oidc';
import { LoadBalancer, serviceRouting } from '../../../modules/load-balancer';
import { AtlasCluster, MONGODB_PORT, SelfHostedMongo } from '../../../modules/mongodb';
import {
  AlarmTopic,
  cacheNodeMetrics,
  Dashboard,
  loadBalancerErrorRateAlarm,
  loadBalancerWidgets,
  LogMetricFilter,
  MetricAlarm,
  MetricMathAlarm,
  redisNodeAlarms,
  targetGroupAlarms,
} from '../../../modules/observability';
import { RedisCache } from '../../../modules/redis';
import { StaticSite } from '../../../modules/static-site';
import { WebAcl } from '../../../modules/waf';
import { suppress } from '../../guardrails';
import { createAwsProvider } from '../../../modules/core/aws-provider';
import type { BaseEnvironmentConfig } from '../../config/environment';
import { readsOtherStacks } from '../../stacks/self-contained-stacks';
import { BlueprintStack, stackName, stateKeyPrefix } from '../../stacks/blueprint-stack';
import type { BlueprintContext } from '../blueprint';
import { networkFromConfig, type BlueprintNetwork } from '../network-from-config';
import type { Ec2WebConfig } from './schema';

type Ec2WebExistingNetwork = NonNullable<Ec2WebConfig['network']['existing']>;

type Ec2WebStackProps = BlueprintContext<Ec2WebConfig>;

export const EC2_WEB = 'ec2-web';

/** The services this blueprint creates, for its Terraform runner role (held to its regions). */
const EC2_WEB_SERVICE_ACTIONS = [
  'ec2:*',
  'elasticloadbalancing:*',
  'autoscaling:*',
  'elasticache:*',
  'cloudfront:*',
  'cloudwatch:*',
  'logs:*',
  'sns:*',
  'kms:*',
  'ecr:*',
  'wafv2:*',
  'ssm:GetParameter',
  'ssm:GetParameters',
  'iam:Get*',
  'iam:List*',
];

/** The services a role of this blueprint (instances, flow logs, the GitHub deploy roles) may use at most. */
const EC2_WEB_WORKLOAD_ACTIONS = [
  'logs:*',
  'cloudwatch:PutMetricData',
  'ecr:*',
  'ssm:*',
  'ssmmessages:*',
  'ec2messages:*',
  'ec2:Describe*',
  'cloudfront:*',
  'autoscaling:*',
  'elasticache:Connect',
  'kms:Decrypt',
  'kms:GenerateDataKey*',
];

/** The tag every resource of an environment carries (the provider's default tags): the runner's guard. */
const ENVIRONMENT_TAG = 'environment';
/** The state backend's `environment` tag: a runner may use the shared state bucket and lock table. */
const SHARED_ENVIRONMENT = 'shared';
export const ATLAS_SUFFIX = 'atlas';

/** `<appName>-<env>`: the prefix of this blueprint's names in one environment. */
const namePrefix = (config: Ec2WebConfig, environment: BaseEnvironmentConfig) =>
  `${config.appName}-${environment.name}`;

/** The Redis user the backend connects as with IAM authentication. */
export const redisUserId = (config: Ec2WebConfig, environment: BaseEnvironmentConfig) =>
  `${namePrefix(config, environment)}-app`;

/** Where the Atlas stack stores the application's MongoDB connection secret (the instances are allowed to read it). */
export const mongoSecretName = (config: Ec2WebConfig, environment: BaseEnvironmentConfig) =>
  `${namePrefix(config, environment)}/mongodb`;

/** What the backend container gets that exists only at apply time: resource attributes (tokens at synth). */
export interface BackendApplyTimeValues {
  readonly repositoryUrl: string;
  readonly redisHost: string;
  /** The self-hosted MongoDB's address; without it the container reads the Atlas connection secret. */
  readonly mongoHost?: string;
}

/**
 * The backend container the Auto Scaling group runs (what its user data renders): the image, the ports, the
 * environment (the configured variables, then where Redis and MongoDB are) and the log group.
 */
export function backendContainer(
  config: Ec2WebConfig,
  environment: BaseEnvironmentConfig,
  region: string,
  values: BackendApplyTimeValues,
) {
  const mongo: Record<string, string> =
    values.mongoHost !== undefined
      ? { MONGODB_HOST: values.mongoHost, MONGODB_PORT: String(MONGODB_PORT) }
      : { MONGODB_SECRET_NAME: mongoSecretName(config, environment) };
  return {
    image: `${values.repositoryUrl}:${config.instances.imageTag}`,
    containerPort: config.instances.containerPort,
    hostPort: config.loadBalancer.targetGroup.port,
    environment: {
      ...config.instances.environment,
      REDIS_HOST: values.redisHost,
      REDIS_PORT: String(config.cache.port),
      REDIS_TLS: String(config.cache.transitEncryption),
      // IAM authentication: the backend signs a token for this user with the instance role.
      ...(config.cache.iamAuthentication ? { REDIS_USER: redisUserId(config, environment), REDIS_AUTH: 'iam' } : {}),
      AWS_REGION: region,
      ...mongo,
    },
    logGroupName: `/aws/ec2/${environment.name}/backend`,
  };
}

export class Ec2WebStack extends BlueprintStack {
  readonly network: BlueprintNetwork<Ec2WebExistingNetwork>;
  readonly repository: ContainerRepository;
  readonly loadBalancer: LoadBalancer;
  readonly instances: WebAutoScalingGroup;
  readonly cache: RedisCache;
  readonly selfHostedMongo?: SelfHostedMongo;
  readonly frontend: StaticSite;
  /** AWS WAF in front of CloudFront (us-east-1) and of the load balancer. */
  readonly edgeFirewall: WebAcl;
  readonly loadBalancerFirewall: WebAcl;
  readonly oidcProvider: GithubOidcProvider;
  readonly githubRoles: Readonly<Record<'frontend' | 'backend' | 'infra', GithubActionsRole>>;
  /** The permissions boundary of every role the stack creates but the infra role (which manages them). */
  readonly roleBoundary: IamPolicy;
  readonly alarmTopic: AlarmTopic;
  readonly alarms: readonly MetricAlarm[];
  /** The ALB's 5xx share of requests ("Error rate: <0.1% of requests"). */
  readonly errorRateAlarm: MetricMathAlarm;
  /** Error lines of the backend's log group, counted ("error rates from logs"). */
  readonly errorLogLines: LogMetricFilter;
  readonly dashboard: Dashboard;

  constructor(scope: Construct, props: Ec2WebStackProps) {
    super(scope, { ...props, blueprint: EC2_WEB });
    const { environment, config } = props;
    const env = environment.name;
    const prefix = namePrefix(config, environment);
    const account = { accountId: environment.accountId, region: this.region };

    this.network = networkFromConfig(this, prefix, this.availabilityZones, config.network);

    this.repository = new ContainerRepository(this, 'backend-repository', { name: `${prefix}-backend` });

    const tg = config.loadBalancer.targetGroup;
    this.loadBalancer = new LoadBalancer(this, 'alb', {
      name: prefix,
      vpcId: this.network.vpcId,
      subnetIds: this.network.publicSubnetIds,
      ingressCidrs: config.loadBalancer.ingressCidrs,
      certificateArn: config.loadBalancer.certificateArn,
      allowPlainHttp: config.loadBalancer.allowPlainHttp,
      deletionProtection: config.loadBalancer.deletionProtection,
      accessLogs: config.loadBalancer.accessLogs,
      ...account,
      ...serviceRouting({
        backend: {
          // The document's own name for it.
          targetGroupName: `${env}-backend-tg`,
          port: tg.port,
          targetType: 'instance',
          healthCheck: {
            path: tg.healthCheckPath,
            intervalSeconds: tg.intervalSeconds,
            timeoutSeconds: tg.timeoutSeconds,
            healthyThreshold: tg.healthyThreshold,
            unhealthyThreshold: tg.unhealthyThreshold,
          },
        },
      }),
    });

    this.cache = new RedisCache(this, 'cache', {
      replicationGroupId: prefix,
      description: `${prefix} sessions and cache`,
      vpcId: this.network.vpcId,
      subnetIds: this.network.privateSubnetIds,
      engineVersion: config.cache.engineVersion,
      nodeType: config.cache.nodeType,
      numCacheClusters: config.cache.numCacheClusters,
      automaticFailover: config.cache.automaticFailover,
      port: config.cache.port,
      transitEncryption: config.cache.transitEncryption,
      iamAuthentication: config.cache.iamAuthentication ? { userId: redisUserId(config, environment) } : undefined,
      authToken: config.cache.authTokenSecretName ? this.redisAuthToken(config.cache.authTokenSecretName) : undefined,
      snapshotRetentionDays: config.cache.snapshotRetentionDays,
      snapshotWindow: config.cache.snapshotWindow,
      maintenanceWindow: config.cache.maintenanceWindow,
      logDelivery: {
        slowLog: {
          logGroupName: `/aws/elasticache/${env}/redis/slow-log`,
          retentionInDays: config.cache.logRetentionInDays,
        },
        engineLog: {
          logGroupName: `/aws/elasticache/${env}/redis/engine-log`,
          retentionInDays: config.cache.logRetentionInDays,
        },
      },
    });

    if (config.mongodb.mode === 'self-hosted') {
      this.selfHostedMongo = new SelfHostedMongo(this, 'mongodb', {
        name: prefix,
        ...account,
        vpcId: this.network.vpcId,
        subnetId: this.network.privateSubnetIds[0]!,
        availabilityZone: this.availabilityZones[0]!,
        instanceType: config.mongodb.instanceType,
        dataVolume: { sizeGiB: config.mongodb.dataVolumeGiB },
        backupRetentionDays: config.mongodb.backupRetentionDays,
      });
    }
    this.instances = new WebAutoScalingGroup(this, 'instances', {
      name: prefix,
      ...account,
      vpcId: this.network.vpcId,
      subnetIds: this.network.privateSubnetIds,
      instanceType: config.instances.instanceType,
      amiSsmParameter: config.instances.amiSsmParameter,
      rootVolume: { sizeGiB: config.instances.rootVolumeGiB, type: config.instances.rootVolumeType },
      capacity: config.instances.capacity,
      healthCheckType: config.instances.healthCheckType,
      healthCheckGracePeriodSeconds: config.instances.healthCheckGracePeriodSeconds,
      targetGroupArns: [this.loadBalancer.targetGroups.backend!.arn],
      container: {
        ...backendContainer(config, environment, this.region, {
          repositoryUrl: this.repository.repositoryUrl,
          redisHost: this.cache.primaryEndpointAddress,
          mongoHost: this.selfHostedMongo?.privateIp,
        }),
        repositoryArn: this.repository.repositoryArn,
      },
      logRetentionInDays: config.instances.logRetentionInDays,
      scaling: config.scaling,
      sshCidrs: config.instances.sshCidrs,
      // Production refuses 0.0.0.0/0 in config; elsewhere a configured /0 is the user's explicit choice.
      allowSshFromAnywhere: !environment.production,
    });
    allowTraffic(this.loadBalancer.securityGroup, this.instances.securityGroup, {
      port: tg.port,
      description: 'backend traffic from the load balancer',
    });
    this.cache.allowFrom(this.instances.securityGroup, 'Redis from the backend instances');
    const redisConnect = this.cache.connectStatement();
    if (redisConnect) {
      new IamRolePolicy(this, 'instances-redis-connect', {
        name: 'redis-iam-authentication',
        role: this.instances.instanceRole.id,
        policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Sid: redisConnect.sid, Effect: 'Allow', Action: redisConnect.actions, Resource: redisConnect.resources },
          ],
        }),
      });
    }

    if (this.selfHostedMongo) {
      allowTraffic(this.instances.securityGroup, this.selfHostedMongo.securityGroup, {
        port: MONGODB_PORT,
        description: 'MongoDB from the backend instances',
      });
    } else {
      // Atlas admits only the NAT gateways' IPs, and its hosts' addresses are Atlas's to change: 27017 may leave
      // for any address, the one egress to 0.0.0.0/0 beside HTTPS.
      this.instances.securityGroup.addEgress('mongodb-atlas', {
        description: 'MongoDB Atlas through the NAT gateways',
        port: MONGODB_PORT,
        peer: { cidrIpv4: '0.0.0.0/0' },
      });
      // The Atlas stack writes the connection secret under a fixed name; the instances may read exactly that one.
      const secretArnPattern = `arn:aws:secretsmanager:${this.region}:${environment.accountId}:secret:${mongoSecretName(config, environment)}-*`;
      new IamRolePolicy(this, 'instances-mongodb-secret', {
        name: 'mongodb-connection-secret',
        role: this.instances.instanceRole.id,
        policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource: secretArnPattern }],
        }),
      });
    }

    this.loadBalancerFirewall = new WebAcl(this, 'alb-waf', {
      name: `${prefix}-alb`,
      scope: 'REGIONAL',
      rateLimits: [{ name: 'per-ip', limit: 2000 }],
    });
    this.loadBalancerFirewall.associate('alb-association', this.loadBalancer.arn);
    // WAF for CloudFront lives in us-east-1, whatever the stack's region.
    const usEast1 =
      this.region === 'us-east-1'
        ? undefined
        : createAwsProvider(this, 'aws-us-east-1', {
            region: 'us-east-1',
            alias: 'us-east-1',
            allowedAccountIds: [environment.accountId],
            target: props.target,
          });
    this.edgeFirewall = new WebAcl(this, 'cloudfront-waf', {
      name: `${prefix}-cloudfront`,
      scope: 'CLOUDFRONT',
      rateLimits: [{ name: 'per-ip', limit: 2000 }],
      provider: usEast1,
    });

    this.frontend = new StaticSite(this, 'frontend', {
      webAclId: this.edgeFirewall.webAclArn,
      name: prefix,
      accountId: environment.accountId,
      originAccess: config.frontend.originAccess,
      noncurrentVersionExpirationDays: config.frontend.noncurrentVersionExpirationDays,
      defaultTtlSeconds: config.frontend.defaultTtlSeconds,
      assetsTtlSeconds: config.frontend.assetsTtlSeconds,
      priceClass: config.frontend.priceClass,
      apiOrigin: config.loadBalancer.originDomainName
        ? { domainName: config.loadBalancer.originDomainName, originProtocolPolicy: 'https-only' }
        : // Without a certificate the ALB only speaks HTTP: CloudFront → ALB is plain HTTP inside AWS's network.
          { domainName: this.loadBalancer.dnsName, originProtocolPolicy: 'http-only', allowHttpToOrigin: true },
    });

    this.oidcProvider = new GithubOidcProvider(this, 'github-oidc', {
      existingProviderArn:
        config.github.oidcProvider === 'existing'
          ? `arn:aws:iam::${environment.accountId}:oidc-provider/${GITHUB_OIDC_HOST}`
          : undefined,
    });
    this.roleBoundary = this.createRoleBoundary(props, prefix);
    this.githubRoles = this.createGithubRoles(props, prefix);
    // Every role the infra role may change carries the boundary, so none can do more than it allows.
    for (const construct of this.node.findAll()) {
      if (construct instanceof IamRole && !construct.node.path.includes('/github-infra-role/')) {
        construct.permissionsBoundary = this.roleBoundary.arn;
      }
    }

    this.alarmTopic = new AlarmTopic(this, 'alarm-topic', {
      name: `${prefix}-alarms`,
      accountId: environment.accountId,
      emailAddresses: [environment.contactEmail],
    });
    this.alarms = this.createAlarms(config, prefix);
    const errorRate = config.monitoring.errorRate;
    this.errorRateAlarm = new MetricMathAlarm(
      this,
      'error-rate-alarm',
      loadBalancerErrorRateAlarm({
        namePrefix: prefix,
        loadBalancerArnSuffix: this.loadBalancer.arnSuffix,
        label: 'backend',
        errorRatePercent: errorRate.percent,
        periodSeconds: errorRate.periodSeconds,
        evaluationPeriods: errorRate.evaluationPeriods,
        alarmActions: [this.alarmTopic.topicArn],
        okActions: [this.alarmTopic.topicArn],
      }),
    );
    this.errorLogLines = new LogMetricFilter(this, 'backend-error-lines', {
      filterName: `${prefix}-backend-error-lines`,
      logGroupName: this.instances.logGroup.name,
      pattern: config.monitoring.errorLogPattern,
      metricNamespace: `${prefix}/backend`,
      metricName: 'ErrorLogLines',
    });
    this.dashboard = new Dashboard(this, 'overview', {
      dashboardName: prefix,
      region: this.region,
      rows: this.dashboardRows(config),
    });

    this.suppressGuardrails(config);
    this.createOutputs();
  }

  /** What the application pipelines and operators use (docs/blueprints/ec2-web.md lists them). */
  private createOutputs(): void {
    const output = (name: string, value: unknown, description: string) =>
      new TerraformOutput(this, name, { value, description });
    output('vpc_id', this.network.vpcId, 'The VPC every tier runs in.');
    output('alb_dns_name', this.loadBalancer.dnsName, "The load balancer's DNS name (CloudFront's /api/* origin).");
    output('cloudfront_distribution_id', this.frontend.distributionId, 'Invalidate it after a frontend deploy.');
    output('cloudfront_domain_name', this.frontend.domainName, 'Where users reach the SPA and /api/*.');
    output('frontend_bucket', this.frontend.bucketName, 'The SPA bucket: sync the build here.');
    output('backend_repository_url', this.repository.repositoryUrl, 'Push the backend image here.');
    output('autoscaling_group_name', this.instances.autoScalingGroupName, 'The backend instances.');
    output('launch_template_name', this.instances.launchTemplate.name, "The backend instances' launch template.");
    output('redis_primary_endpoint', this.cache.primaryEndpointAddress, "Redis's primary endpoint (host name).");
    output('alarm_topic_arn', this.alarmTopic.topicArn, 'The SNS topic every alarm notifies.');
    output('dashboard_url', this.dashboard.consoleUrl, 'The CloudWatch dashboard.');
    output('nat_public_ips', this.network.natPublicIps, "The NAT gateways' public IPs (MongoDB Atlas's access list).");
    for (const [name, role] of Object.entries(this.githubRoles)) {
      output(`github_${name}_role_arn`, role.roleArn, `The ${name} pipeline's role (GitHub OIDC).`);
    }
  }

  /** The blueprint's deliberate exceptions to the guardrails, each with its reason (docs/blueprints/ec2-web.md). */
  private suppressGuardrails(config: Ec2WebConfig): void {
    if (config.loadBalancer.allowPlainHttp && !config.loadBalancer.certificateArn) {
      const reason =
        'loadBalancer.allowPlainHttp: the document\'s "HTTPS ready" ALB has no certificate until one is configured ' +
        '(certificateArn + originDomainName turn on 443, the redirect and HTTPS from CloudFront)';
      suppress(this.loadBalancer, 'elb-http-redirects-to-https', reason);
      suppress(this.frontend, 'cloudfront-origin-https', reason);
    }
    suppress(
      this.frontend,
      'cloudfront-viewer-tls12',
      "the document's SPA has no custom domain: CloudFront's default certificate serves it (viewers are redirected to HTTPS)",
    );
    suppress(
      this.instances,
      'ec2-imds-hop-limit',
      "the backend container reads its MongoDB secret with the instance role: Docker's bridge network is a second hop",
    );
    if (!config.cache.iamAuthentication && !config.cache.authTokenSecretName) {
      suppress(
        this.cache,
        'elasticache-redis-auth',
        'cache.iamAuthentication is off and no AUTH token is configured: only the backend security group reaches the port',
      );
    }
  }

  /**
   * The Redis AUTH token, read from Secrets Manager. This is the one data source that needs AWS at plan time, so it
   * exists only when `cache.authTokenSecretName` is set (the shipped config leaves transit encryption off).
   */
  private redisAuthToken(secretName: string): string {
    return new DataAwsSecretsmanagerSecretVersion(this, 'redis-auth-token', { secretId: secretName }).secretString;
  }

  /**
   * The permissions boundary of the blueprint's roles: the services they use, this environment's buckets and secrets
   * by name, and nothing tagged for another environment. It is applied with the infra role, by an administrator:
   * the infra role cannot change it.
   */
  private createRoleBoundary(props: Ec2WebStackProps, prefix: string): IamPolicy {
    const { environment } = props;
    const statements = [
      { Sid: 'WorkloadServices', Effect: 'Allow', Action: EC2_WEB_WORKLOAD_ACTIONS, Resource: '*' },
      {
        Sid: 'WorkloadBuckets',
        Effect: 'Allow',
        Action: 's3:*',
        Resource: [`arn:aws:s3:::${prefix}-*`, `arn:aws:s3:::${prefix}-*/*`],
      },
      {
        Sid: 'WorkloadSecrets',
        Effect: 'Allow',
        Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
        Resource: `arn:aws:secretsmanager:*:${environment.accountId}:secret:${prefix}/*`,
      },
      {
        Sid: 'OnlyOwnResources',
        Effect: 'Deny',
        Action: '*',
        Resource: '*',
        Condition: { StringNotEqualsIfExists: { [`aws:ResourceTag/${ENVIRONMENT_TAG}`]: [environment.name] } },
      },
    ];
    return new IamPolicy(this, 'role-boundary', {
      name: `${prefix}-role-boundary`,
      description: `The most any role of ${prefix} may do (permissions boundary)`,
      policy: JSON.stringify({ Version: '2012-10-17', Statement: statements }),
    });
  }

  private createGithubRoles(
    props: Ec2WebStackProps,
    prefix: string,
  ): Record<'frontend' | 'backend' | 'infra', GithubActionsRole> {
    const { environment, config, project } = props;
    const env = environment.name;
    const region = this.region;
    const role = (
      name: 'frontend' | 'backend' | 'infra',
      description: string,
      statements: GithubActionsPolicyStatement[],
    ) =>
      new GithubActionsRole(this, `github-${name}-role`, {
        roleName: `${env}-github-${name}-role`,
        description,
        providerArn: this.oidcProvider.providerArn,
        repository: config.github[name].repository,
        branches: config.github[name].branches,
        environments: config.github[name].environments,
        policyStatements: statements,
      });
    const state = project.stateBackend;
    const infraRoleName = `${env}-github-infra-role`;
    return {
      frontend: role(
        'frontend',
        `Deploys the ${prefix} SPA: S3 sync and CloudFront invalidation`,
        staticSiteDeployStatements({
          bucketArn: this.frontend.bucketArn,
          distributionArn: this.frontend.distributionArn,
        }),
      ),
      // The document's "ECR, CodeDeploy": here ECR only. A release rolls out through Terraform (the image tag is in
      // the launch template, whose change starts the group's instance refresh), so this role only pushes images.
      backend: role(
        'backend',
        `Pushes the ${prefix} backend image`,
        containerImagePushStatements({ repositoryArns: [this.repository.repositoryArn] }),
      ),
      infra: role(
        'infra',
        `Runs Terraform for ${prefix}: state, lock table and the blueprint's services`,
        terraformRunnerStatements({
          stateBackend: state,
          // Only this environment's ec2-web states: another environment's state is another team's blast radius.
          stateKeyPrefixes: [stackName(EC2_WEB, env), stackName(EC2_WEB, env, ATLAS_SUFFIX)].map((stack) =>
            stateKeyPrefix(state, stack),
          ),
          serviceActions: EC2_WEB_SERVICE_ACTIONS,
          // Data services by name: this environment's buckets and secrets, never another's state, objects or secrets.
          scopedStatements: [
            {
              sid: 'BlueprintBuckets',
              actions: ['s3:*'],
              resources: [`arn:aws:s3:::${prefix}-*`, `arn:aws:s3:::${prefix}-*/*`],
            },
            {
              sid: 'BlueprintSecrets',
              actions: ['secretsmanager:*'],
              resources: [`arn:aws:secretsmanager:${region}:${environment.accountId}:secret:${prefix}/*`],
            },
          ],
          permissionsBoundaryArn: `arn:aws:iam::${environment.accountId}:policy/${prefix}-role-boundary`,
          passRoleToServices: ['ec2.amazonaws.com', 'vpc-flow-logs.amazonaws.com'],
          tagGuard: { key: ENVIRONMENT_TAG, values: [env, SHARED_ENVIRONMENT] },
          // CloudFront and its certificates live in us-east-1 whatever the stack's region.
          regions: [region, 'us-east-1'],
          accountId: environment.accountId,
          runnerRoleName: infraRoleName,
          // Not the infra role itself: changes to it are applied by an administrator (RUNBOOK.md).
          roleNamePatterns: [`${prefix}-*`, `${env}-github-frontend-role`, `${env}-github-backend-role`],
          instanceProfileNamePatterns: [`${prefix}-*`],
        }),
      ),
    };
  }

  private createAlarms(config: Ec2WebConfig, prefix: string): MetricAlarm[] {
    const monitoring = config.monitoring;
    const actions = { alarmActions: [this.alarmTopic.topicArn], okActions: [this.alarmTopic.topicArn] };
    const timing = { periodSeconds: monitoring.periodSeconds, evaluationPeriods: monitoring.evaluationPeriods };
    const alb = targetGroupAlarms({
      namePrefix: prefix,
      loadBalancerArnSuffix: this.loadBalancer.arnSuffix,
      targetGroupArnSuffix: this.loadBalancer.targetGroupArnSuffixes.backend!,
      label: 'backend',
      unhealthyTargetsThreshold: monitoring.unhealthyHostsThreshold,
      responseTimeSeconds: monitoring.responseTimeSeconds,
      responseTimePercentile: monitoring.responseTimePercentile,
      responseTimeScope: 'load-balancer',
      ...timing,
      ...actions,
    });
    const redis = redisNodeAlarms({
      cacheClusterIds: this.cache.memberClusterIds,
      memoryPercent: monitoring.redisMemoryPercent,
      evictionsThreshold: monitoring.redisEvictionsThreshold,
      ...timing,
      ...actions,
    });
    return [
      new MetricAlarm(this, 'unhealthy-targets-alarm', alb.unhealthyTargets),
      new MetricAlarm(this, 'response-time-alarm', alb.responseTime),
      ...redis.flatMap((node, index) => [
        new MetricAlarm(this, `redis-memory-alarm-${index}`, node.memory),
        new MetricAlarm(this, `redis-evictions-alarm-${index}`, node.evictions),
      ]),
    ];
  }

  private dashboardRows(config: Ec2WebConfig) {
    const asg = { AutoScalingGroupName: this.instances.autoScalingGroupName };
    return [
      loadBalancerWidgets({
        loadBalancerArnSuffix: this.loadBalancer.arnSuffix,
        responseTimePercentiles: [config.monitoring.responseTimePercentile],
      }),
      [
        {
          title: 'EC2 CPU utilization (%)',
          metrics: [{ namespace: 'AWS/EC2', metricName: 'CPUUtilization', dimensions: asg }],
        },
        {
          title: 'EC2 network (bytes)',
          stat: 'Sum',
          metrics: [
            { namespace: 'AWS/EC2', metricName: 'NetworkIn', dimensions: asg },
            { namespace: 'AWS/EC2', metricName: 'NetworkOut', dimensions: asg },
          ],
        },
      ],
      [
        {
          title: 'Redis memory used (%)',
          metrics: cacheNodeMetrics(this.cache.memberClusterIds, 'DatabaseMemoryUsagePercentage'),
        },
        {
          title: 'Redis CPU utilization (%)',
          metrics: cacheNodeMetrics(this.cache.memberClusterIds, 'EngineCPUUtilization'),
        },
        { title: 'Redis evictions', metrics: cacheNodeMetrics(this.cache.memberClusterIds, 'Evictions', 'Sum') },
        {
          title: 'Redis network in (bytes)',
          metrics: cacheNodeMetrics(this.cache.memberClusterIds, 'NetworkBytesIn', 'Sum'),
        },
      ],
      [{ title: 'Backend error log lines', stat: 'Sum', metrics: [{ ...this.errorLogLines.metric, label: 'errors' }] }],
    ];
  }
}

/**
 * `ec2-web-<env>-atlas`: the MongoDB Atlas project, cluster, backup schedule, application user and its connection
 * secret, with the AWS stack's NAT public IPs on the Atlas access list. Atlas API keys come from the environment
 * (MONGODB_ATLAS_PUBLIC_KEY / MONGODB_ATLAS_PRIVATE_KEY), never from code.
 */
export class Ec2WebAtlasStack extends BlueprintStack {
  readonly atlas: AtlasCluster;

  constructor(scope: Construct, props: Ec2WebStackProps & { readonly awsStack: Ec2WebStack }) {
    super(scope, { ...props, blueprint: EC2_WEB, suffix: ATLAS_SUFFIX });
    // The AWS stack's NAT IPs, below, are read through its remote state.
    readsOtherStacks(this);
    const { environment, config } = props;
    if (config.mongodb.mode !== 'atlas') throw new Error('Ec2WebAtlasStack needs mongodb.mode "atlas"');
    const mongo = config.mongodb;
    new MongodbatlasProvider(this, 'mongodbatlas', {});
    new RandomProvider(this, 'random', {});
    this.atlas = new AtlasCluster(this, 'atlas', {
      orgId: mongo.orgId,
      projectName: mongo.projectName ?? namePrefix(config, environment),
      clusterName: mongo.clusterName ?? namePrefix(config, environment),
      region: this.region,
      instanceSize: mongo.instanceSize,
      electableNodes: mongo.electableNodes,
      mongoDbMajorVersion: mongo.mongoDbMajorVersion,
      backupRetentionDays: mongo.backupRetentionDays,
      pointInTimeRestoreWindowDays: mongo.pointInTimeRestoreWindowDays,
      username: mongo.username,
      databases: mongo.databases,
      // A cross-stack reference: cdktf adds an output to the AWS stack and reads it here from its remote state.
      allowedIps: props.awsStack.network.natPublicIps,
      secretName: mongoSecretName(config, environment),
    });
    new TerraformOutput(this, 'mongodb_secret_arn', { value: this.atlas.secretArn });
    new TerraformOutput(this, 'mongodb_srv_connection_string', { value: this.atlas.srvConnectionString });
  }
}

/** Both stacks of one environment (the Atlas one only in `atlas` mode). */
export function createEc2WebStacks(scope: Construct, props: Ec2WebStackProps): void {
  const awsStack = new Ec2WebStack(scope, props);
  if (props.config.mongodb.mode === 'atlas') new Ec2WebAtlasStack(scope, { ...props, awsStack });
}
