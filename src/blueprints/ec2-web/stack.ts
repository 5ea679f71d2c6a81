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
  GITHUB_OIDC_HOST,
  GithubActionsRole,
  GithubOidcProvider,
  type GithubActionsPolicyStatement,
} from '../../../modules/github-oidc';
import { LoadBalancer } from '../../../modules/load-balancer';
import { AtlasCluster, MONGODB_PORT, SelfHostedMongo } from '../../../modules/mongodb';
import type { VpcAttachment } from '../../../modules/network';
import { AlarmTopic, Dashboard, MetricAlarm } from '../../../modules/observability';
import { RedisCache } from '../../../modules/redis';
import { StaticSite } from '../../../modules/static-site';
import type { BaseEnvironmentConfig } from '../../config/environment';
import { BlueprintStack, stackName, stateObjectsArn } from '../../stacks/blueprint-stack';
import type { BlueprintContext } from '../blueprint';
import { loadBalancerWidgets, networkFromConfig, redisNodeMetrics } from '../shared';
import type { Ec2WebConfig } from './schema';

type Ec2WebStackProps = BlueprintContext<Ec2WebConfig>;

export const EC2_WEB = 'ec2-web';
export const ATLAS_SUFFIX = 'atlas';

/** `<appName>-<env>`: the prefix of this blueprint's names in one environment. */
const namePrefix = (config: Ec2WebConfig, environment: BaseEnvironmentConfig) =>
  `${config.appName}-${environment.name}`;

/** Where the Atlas stack stores the application's MongoDB connection secret (the instances are allowed to read it). */
export const mongoSecretName = (config: Ec2WebConfig, environment: BaseEnvironmentConfig) =>
  `${namePrefix(config, environment)}/mongodb`;

export class Ec2WebStack extends BlueprintStack {
  readonly network: VpcAttachment;
  readonly repository: ContainerRepository;
  readonly loadBalancer: LoadBalancer;
  readonly instances: WebAutoScalingGroup;
  readonly cache: RedisCache;
  readonly selfHostedMongo?: SelfHostedMongo;
  readonly frontend: StaticSite;
  readonly oidcProvider: GithubOidcProvider;
  readonly githubRoles: Readonly<Record<'frontend' | 'backend' | 'infra', GithubActionsRole>>;
  readonly alarmTopic: AlarmTopic;
  readonly alarms: readonly MetricAlarm[];
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
      targetGroups: {
        backend: {
          // The document's own name for it.
          name: `${env}-backend-tg`,
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
      },
      defaultTargetGroup: 'backend',
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
    const mongoEnvironment: Record<string, string> = this.selfHostedMongo
      ? { MONGODB_HOST: this.selfHostedMongo.privateIp, MONGODB_PORT: String(MONGODB_PORT) }
      : { MONGODB_SECRET_NAME: mongoSecretName(config, environment) };
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
        image: `${this.repository.repositoryUrl}:${config.instances.imageTag}`,
        repositoryArn: this.repository.repositoryArn,
        containerPort: config.instances.containerPort,
        hostPort: tg.port,
        environment: {
          ...config.instances.environment,
          REDIS_HOST: this.cache.primaryEndpointAddress,
          REDIS_PORT: String(config.cache.port),
          REDIS_TLS: String(config.cache.transitEncryption),
          AWS_REGION: this.region,
          ...mongoEnvironment,
        },
        logGroupName: `/aws/ec2/${env}/backend`,
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

    this.frontend = new StaticSite(this, 'frontend', {
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
    this.githubRoles = this.createGithubRoles(props, prefix);

    this.alarmTopic = new AlarmTopic(this, 'alarm-topic', {
      name: `${prefix}-alarms`,
      accountId: environment.accountId,
      emailAddresses: [environment.contactEmail],
    });
    this.alarms = this.createAlarms(config, prefix);
    this.dashboard = new Dashboard(this, 'overview', {
      dashboardName: prefix,
      region: this.region,
      rows: this.dashboardRows(),
    });

    new TerraformOutput(this, 'alb_dns_name', { value: this.loadBalancer.dnsName });
    new TerraformOutput(this, 'cloudfront_domain_name', { value: this.frontend.domainName });
    new TerraformOutput(this, 'frontend_bucket', { value: this.frontend.bucketName });
    new TerraformOutput(this, 'backend_repository_url', { value: this.repository.repositoryUrl });
    new TerraformOutput(this, 'nat_public_ips', { value: this.network.natPublicIps });
    for (const [name, role] of Object.entries(this.githubRoles)) {
      new TerraformOutput(this, `github_${name}_role_arn`, { value: role.roleArn });
    }
  }

  /**
   * The Redis AUTH token, read from Secrets Manager. This is the one data source that needs AWS at plan time, so it
   * exists only when `cache.authTokenSecretName` is set (the shipped config leaves transit encryption off).
   */
  private redisAuthToken(secretName: string): string {
    return new DataAwsSecretsmanagerSecretVersion(this, 'redis-auth-token', { secretId: secretName }).secretString;
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
        policyStatements: statements,
      });
    const state = project.stateBackend;
    const stateBucketArn = `arn:aws:s3:::${state.bucket}`;
    return {
      frontend: role('frontend', `Deploys the ${prefix} SPA: S3 sync and CloudFront invalidation`, [
        { sid: 'ListBucket', actions: ['s3:ListBucket'], resources: [this.frontend.bucketArn] },
        {
          sid: 'SyncObjects',
          actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
          resources: [`${this.frontend.bucketArn}/*`],
        },
        {
          sid: 'Invalidate',
          actions: ['cloudfront:CreateInvalidation', 'cloudfront:GetInvalidation', 'cloudfront:ListInvalidations'],
          resources: [this.frontend.distributionArn],
        },
      ]),
      backend: role('backend', `Pushes the ${prefix} backend image and rolls the instances`, [
        // GetAuthorizationToken has no resource-level permissions.
        { sid: 'EcrLogin', actions: ['ecr:GetAuthorizationToken'], resources: ['*'] },
        {
          sid: 'EcrPush',
          actions: [
            'ecr:BatchCheckLayerAvailability',
            'ecr:InitiateLayerUpload',
            'ecr:UploadLayerPart',
            'ecr:CompleteLayerUpload',
            'ecr:PutImage',
            'ecr:BatchGetImage',
            'ecr:GetDownloadUrlForLayer',
          ],
          resources: [this.repository.repositoryArn],
        },
        {
          sid: 'InstanceRefresh',
          actions: ['autoscaling:StartInstanceRefresh', 'autoscaling:CancelInstanceRefresh'],
          resources: [this.instances.autoScalingGroupArn],
        },
        // Describe calls have no resource-level permissions.
        { sid: 'WatchRefresh', actions: ['autoscaling:DescribeInstanceRefreshes'], resources: ['*'] },
      ]),
      infra: role('infra', `Runs Terraform for ${prefix}: state, lock table and the blueprint's services`, [
        { sid: 'StateList', actions: ['s3:ListBucket'], resources: [stateBucketArn] },
        {
          sid: 'StateObjects',
          actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
          // Only this environment's ec2-web states: another environment's state is another team's blast radius.
          resources: [
            stateObjectsArn(state, stackName(EC2_WEB, env)),
            stateObjectsArn(state, stackName(EC2_WEB, env, ATLAS_SUFFIX)),
          ],
        },
        {
          sid: 'StateLock',
          actions: ['dynamodb:DescribeTable', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem'],
          resources: [`arn:aws:dynamodb:${state.region}:${state.accountId}:table/${state.lockTable}`],
        },
        {
          // The services this blueprint creates; most of their create calls have no resource-level scoping, so
          // the role is held to this environment's region instead.
          sid: 'BlueprintServices',
          actions: [
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
            's3:*',
            'ssm:GetParameter',
            'ssm:GetParameters',
            'secretsmanager:*',
            'iam:Get*',
            'iam:List*',
          ],
          resources: ['*'],
          conditions: [
            { test: 'StringEquals', variable: 'aws:RequestedRegion', values: [...new Set([region, 'us-east-1'])] },
          ],
        },
        {
          sid: 'BlueprintRoles',
          actions: [
            'iam:CreateRole',
            'iam:DeleteRole',
            'iam:UpdateRole',
            'iam:TagRole',
            'iam:UntagRole',
            'iam:PutRolePolicy',
            'iam:DeleteRolePolicy',
            'iam:AttachRolePolicy',
            'iam:DetachRolePolicy',
            'iam:UpdateAssumeRolePolicy',
            'iam:PassRole',
            'iam:CreateInstanceProfile',
            'iam:DeleteInstanceProfile',
            'iam:AddRoleToInstanceProfile',
            'iam:RemoveRoleFromInstanceProfile',
            'iam:TagInstanceProfile',
          ],
          // Not the infra role itself: a role that could rewrite its own policy could make itself administrator.
          // Changes to it are applied by an administrator (RUNBOOK.md, "Rotate the OIDC trust").
          resources: [
            `arn:aws:iam::${environment.accountId}:role/${prefix}-*`,
            `arn:aws:iam::${environment.accountId}:role/${env}-github-frontend-role`,
            `arn:aws:iam::${environment.accountId}:role/${env}-github-backend-role`,
            `arn:aws:iam::${environment.accountId}:instance-profile/${prefix}-*`,
          ],
        },
      ]),
    };
  }

  private createAlarms(config: Ec2WebConfig, prefix: string): MetricAlarm[] {
    const monitoring = config.monitoring;
    const actions = { alarmActions: [this.alarmTopic.topicArn], okActions: [this.alarmTopic.topicArn] };
    const timing = { periodSeconds: monitoring.periodSeconds, evaluationPeriods: monitoring.evaluationPeriods };
    const targetGroup = {
      LoadBalancer: this.loadBalancer.arnSuffix,
      TargetGroup: this.loadBalancer.targetGroupArnSuffixes.backend!,
    };
    const alarms = [
      new MetricAlarm(this, 'unhealthy-targets-alarm', {
        alarmName: `${prefix}-alb-unhealthy-targets`,
        description: `Backend targets failing the ALB health check (more than ${monitoring.unhealthyHostsThreshold})`,
        namespace: 'AWS/ApplicationELB',
        metricName: 'UnHealthyHostCount',
        dimensions: targetGroup,
        statistic: 'Maximum',
        comparison: '>',
        threshold: monitoring.unhealthyHostsThreshold,
        ...timing,
        ...actions,
      }),
      new MetricAlarm(this, 'response-time-alarm', {
        alarmName: `${prefix}-alb-target-response-time`,
        description: `Average backend response time above ${monitoring.responseTimeSeconds} s`,
        namespace: 'AWS/ApplicationELB',
        metricName: 'TargetResponseTime',
        dimensions: { LoadBalancer: this.loadBalancer.arnSuffix },
        statistic: 'Average',
        comparison: '>',
        threshold: monitoring.responseTimeSeconds,
        treatMissingData: 'notBreaching',
        ...timing,
        ...actions,
      }),
    ];
    for (const [index, cacheClusterId] of this.cache.memberClusterIds.entries()) {
      alarms.push(
        new MetricAlarm(this, `redis-memory-alarm-${index}`, {
          alarmName: `${cacheClusterId}-memory`,
          description: `Redis node ${cacheClusterId} memory use above ${monitoring.redisMemoryPercent}%`,
          namespace: 'AWS/ElastiCache',
          metricName: 'DatabaseMemoryUsagePercentage',
          dimensions: { CacheClusterId: cacheClusterId },
          statistic: 'Average',
          comparison: '>',
          threshold: monitoring.redisMemoryPercent,
          percentMetric: true,
          ...timing,
          ...actions,
        }),
        new MetricAlarm(this, `redis-evictions-alarm-${index}`, {
          alarmName: `${cacheClusterId}-evictions`,
          description: `Redis node ${cacheClusterId} evicting keys (more than ${monitoring.redisEvictionsThreshold})`,
          namespace: 'AWS/ElastiCache',
          metricName: 'Evictions',
          dimensions: { CacheClusterId: cacheClusterId },
          statistic: 'Sum',
          comparison: '>',
          threshold: monitoring.redisEvictionsThreshold,
          treatMissingData: 'notBreaching',
          ...timing,
          ...actions,
        }),
      );
    }
    return alarms;
  }

  private dashboardRows() {
    const asg = { AutoScalingGroupName: this.instances.autoScalingGroupName };
    return [
      loadBalancerWidgets(this.loadBalancer),
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
        { title: 'Redis memory used (%)', metrics: redisNodeMetrics(this.cache, 'DatabaseMemoryUsagePercentage') },
        { title: 'Redis CPU utilization (%)', metrics: redisNodeMetrics(this.cache, 'EngineCPUUtilization') },
        { title: 'Redis evictions', metrics: redisNodeMetrics(this.cache, 'Evictions', 'Sum') },
      ],
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
