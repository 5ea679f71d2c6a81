/**
 * Blueprint `ecs-service` (seed 003): one Fargate service in the private subnets behind an internet-facing HTTPS load
 * balancer (80 redirects to 443), its database configuration in a Secrets Manager secret under its own KMS key,
 * CPU/memory alarms and a dashboard, and a GitHub OIDC role that releases images to the service.
 *
 * Releases: Terraform registers the task definition's first revision (config's image tag) and then leaves the
 * service's revision to the deploy workflow (.github/workflows/ecs-service-deploy.yml), which registers a revision
 * with the new image and updates the service; revisions Terraform replaces stay registered. Everything else about the
 * stack is applied by the infrastructure pipeline: the deploy role cannot change it.
 */
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import { stateKey } from '../../../backend/remote-state';
import { Certificate, type CertificateProps } from '../../../modules/certificate';
import { ContainerRepository } from '../../../modules/container-registry';
import { awsPartition } from '../../../modules/core/checks';
import { allowTraffic } from '../../../modules/core/security-group';
import { aliasTo } from '../../../modules/dns';
import { EcsCluster, FargateService } from '../../../modules/ecs';
import {
  containerImagePushStatements,
  ecsServiceDeployStatements,
  GITHUB_OIDC_HOST,
  GithubActionsRole,
  GithubOidcProvider,
  terraformRefreshStatements,
  terraformStateObjectStatements,
  type TerraformRefreshRead,
} from '../../../modules/github-oidc';
import { LoadBalancer, serviceRouting } from '../../../modules/load-balancer';
import {
  AlarmTopic,
  Dashboard,
  ecsServiceAlarms,
  ecsServiceWidgets,
  loadBalancerErrorRateAlarm,
  loadBalancerWidgets,
  MetricAlarm,
  MetricMathAlarm,
  targetGroupAlarms,
} from '../../../modules/observability';
import { EncryptedSecret } from '../../../modules/secret';
import { WebAcl } from '../../../modules/waf';
import type { BaseEnvironmentConfig } from '../../config/environment';
import { containerHealthCheckProps, containerRepositoryProps } from '../../config/fields';
import { suppress } from '../../guardrails';
import { BlueprintStack, stackName } from '../../stacks/blueprint-stack';
import type { BlueprintContext } from '../blueprint';
import { networkFromConfig, type BlueprintNetwork } from '../network-from-config';
import { ECS_SERVICE_CONTAINER, type EcsServiceCertificateConfig, type EcsServiceConfig } from './schema';

export const ECS_SERVICE = 'ecs-service';

/** The names the stack gives its resources, from `<appName>-<env>`; config checks them before anything is built. */
export function ecsServiceNames(config: EcsServiceConfig, environment: BaseEnvironmentConfig) {
  const prefix = `${config.appName}-${environment.name}`;
  return {
    /** Load balancer, target group, cluster, service, task definition family and repository. */
    prefix,
    databaseSecret: `${prefix}/database`,
    deployRole: `${prefix}-github-deploy`,
    serviceLogGroup: `/ecs/${prefix}/${ECS_SERVICE_CONTAINER}`,
    clusterLogGroup: `/ecs/${prefix}/cluster`,
  };
}

/** The name clients use: the self-signed or ACM certificate's, or the alias in the DNS zone. */
export function serviceHostName(certificate: EcsServiceCertificateConfig): string {
  if (certificate.mode !== 'dns') return certificate.domainName;
  return certificate.subdomain ? `${certificate.subdomain}.${certificate.zoneName}` : certificate.zoneName;
}

/** The certificate module's props for the section's certificate. */
function certificateProps(certificate: EcsServiceCertificateConfig): CertificateProps {
  switch (certificate.mode) {
    case 'self-signed':
      return { mode: 'self-signed', domainName: certificate.domainName };
    case 'acm':
      return { mode: 'acm', certificateArn: certificate.certificateArn };
    case 'dns':
      return {
        mode: 'dns',
        zoneName: certificate.zoneName,
        zoneDeletionProtection: certificate.zoneDeletionProtection,
      };
    case 'dns-existing-zone':
      return { mode: 'dns-existing-zone', zoneId: certificate.zoneId, domainName: certificate.domainName };
  }
}

export class EcsServiceStack extends BlueprintStack {
  readonly config: EcsServiceConfig;
  readonly network: BlueprintNetwork;
  readonly certificate: Certificate;
  readonly loadBalancer: LoadBalancer;
  /** The internet-facing load balancer's WAF: IP reputation, SQLi, XSS and 2000 requests per IP in 5 minutes. */
  readonly firewall: WebAcl;
  readonly cluster: EcsCluster;
  readonly repository: ContainerRepository;
  readonly databaseSecret: EncryptedSecret;
  readonly service: FargateService;
  readonly alarmTopic: AlarmTopic;
  readonly alarms: ReadonlyArray<MetricAlarm | MetricMathAlarm>;
  readonly dashboard: Dashboard;
  readonly oidcProvider: GithubOidcProvider;
  readonly deployRole: GithubActionsRole;

  constructor(scope: Construct, props: BlueprintContext<EcsServiceConfig>) {
    super(scope, { ...props, blueprint: ECS_SERVICE });
    const { environment, config } = props;
    this.config = config;
    const names = ecsServiceNames(config, environment);
    const { prefix } = names;
    const account = { accountId: environment.accountId, region: this.region };
    const { service: serviceConfig, loadBalancer: lbConfig } = config;

    this.network = networkFromConfig(this, prefix, this.availabilityZones, config.network);
    this.certificate = new Certificate(this, 'certificate', certificateProps(config.certificate));

    this.loadBalancer = new LoadBalancer(this, 'alb', {
      name: prefix,
      vpcId: this.network.vpcId,
      subnetIds: this.network.publicSubnetIds,
      ingressCidrs: lbConfig.ingressCidrs,
      certificateArn: this.certificate.certificateArn,
      sslPolicy: lbConfig.sslPolicy,
      idleTimeoutSeconds: lbConfig.idleTimeoutSeconds,
      deletionProtection: lbConfig.deletionProtection,
      accessLogs: lbConfig.accessLogs,
      ...account,
      ...serviceRouting(
        {
          [ECS_SERVICE_CONTAINER]: {
            targetGroupName: prefix,
            port: serviceConfig.containerPort,
            targetType: 'ip',
            healthCheck: { path: serviceConfig.healthCheckPath, ...lbConfig.healthCheck },
          },
        },
        { path: 'ecsService.service' },
      ),
    });
    this.firewall = new WebAcl(this, 'alb-waf', {
      name: `${prefix}-alb`,
      scope: 'REGIONAL',
      rateLimits: [{ name: 'per-ip', limit: 2000 }],
    });
    this.firewall.associate('alb-association', this.loadBalancer.arn);
    const albTarget = { dnsName: this.loadBalancer.dnsName, zoneId: this.loadBalancer.zoneId };
    if (config.certificate.mode === 'dns') {
      this.certificate.zone!.addAliasRecords('alb', { subdomain: config.certificate.subdomain, target: albTarget });
    } else if (config.certificate.mode === 'dns-existing-zone') {
      new Route53Record(this, 'alb-alias', {
        zoneId: config.certificate.zoneId,
        name: config.certificate.domainName,
        type: 'A',
        alias: aliasTo(albTarget),
      });
    }

    this.cluster = new EcsCluster(this, 'cluster', {
      name: prefix,
      containerInsights: config.cluster.containerInsights,
      logGroupName: names.clusterLogGroup,
      logRetentionInDays: config.cluster.logRetentionInDays,
    });
    this.repository = new ContainerRepository(this, 'repository', containerRepositoryProps(prefix, config.registry));
    this.databaseSecret = new EncryptedSecret(this, 'database-secret', {
      name: names.databaseSecret,
      description: `Database configuration of ${prefix} (JSON: ${config.databaseSecret.jsonKeys.join(', ')})`,
      accountId: environment.accountId,
      jsonKeys: config.databaseSecret.jsonKeys,
      recoveryWindowInDays: config.databaseSecret.recoveryWindowInDays,
    });

    this.service = new FargateService(this, 'service', {
      cluster: this.cluster,
      name: prefix,
      ...account,
      vpcId: this.network.vpcId,
      subnetIds: this.network.privateSubnetIds,
      cpu: serviceConfig.cpu,
      memoryMiB: serviceConfig.memoryMiB,
      container: {
        name: ECS_SERVICE_CONTAINER,
        image: `${this.repository.repositoryUrl}:${serviceConfig.imageTag}`,
        port: serviceConfig.containerPort,
        environment: serviceConfig.environment,
        // Each key of the secret's JSON is one variable; the execution role reads exactly this secret.
        secrets: Object.fromEntries(
          config.databaseSecret.jsonKeys.map((key) => [key, this.databaseSecret.valueFrom(key)]),
        ),
        readonlyRootFilesystem: serviceConfig.readonlyRootFilesystem,
        healthCheck: containerHealthCheckProps(
          serviceConfig.containerHealthCheck,
          serviceConfig.containerPort,
          serviceConfig.healthCheckPath,
        ),
      },
      logGroupName: names.serviceLogGroup,
      logRetentionInDays: config.cluster.logRetentionInDays,
      desiredCount: serviceConfig.capacity.desired,
      capacity: { min: serviceConfig.capacity.min, max: serviceConfig.capacity.max },
      cpuTargetPercent: serviceConfig.cpuTargetPercent,
      memoryTargetPercent: serviceConfig.memoryTargetPercent,
      scaleInCooldownSeconds: config.deployment.scaleInCooldownSeconds,
      scaleOutCooldownSeconds: config.deployment.scaleOutCooldownSeconds,
      deployment: {
        maximumPercent: config.deployment.maximumPercent,
        minimumHealthyPercent: config.deployment.minimumHealthyPercent,
        circuitBreaker: config.deployment.circuitBreakerRollback,
      },
      loadBalancer: { targetGroupArn: this.loadBalancer.targetGroups[ECS_SERVICE_CONTAINER]!.arn },
      healthCheckGracePeriodSeconds: serviceConfig.healthCheckGracePeriodSeconds,
      repositoryArns: [this.repository.repositoryArn],
      secretsKmsKeyArns: [this.databaseSecret.keyArn],
      // Releases belong to the deploy workflow; the revisions it ran keep existing to roll back to.
      ignoreTaskDefinitionChanges: true,
      retainTaskDefinitionRevisions: true,
      // A target group must be attached to a listener before a service can register targets in it.
      dependsOn: [this.loadBalancer.servingListener],
    });
    allowTraffic(this.loadBalancer.securityGroup, this.service.securityGroup, {
      port: serviceConfig.containerPort,
      description: 'service traffic from the load balancer',
    });

    this.alarmTopic = new AlarmTopic(this, 'alarm-topic', {
      name: `${prefix}-alarms`,
      accountId: environment.accountId,
      emailAddresses: [environment.contactEmail],
    });
    this.alarms = this.createAlarms(prefix);
    this.dashboard = new Dashboard(this, 'overview', {
      dashboardName: prefix,
      region: this.region,
      rows: this.dashboardRows(),
    });

    this.oidcProvider = new GithubOidcProvider(this, 'github-oidc', {
      existingProviderArn:
        config.github.oidcProvider === 'existing'
          ? `arn:${awsPartition(this.region)}:iam::${environment.accountId}:oidc-provider/${GITHUB_OIDC_HOST}`
          : undefined,
    });
    this.deployRole = new GithubActionsRole(this, 'github-deploy-role', {
      roleName: names.deployRole,
      description: `Releases ${prefix}: pushes its image, registers its task definitions, updates its service`,
      providerArn: this.oidcProvider.providerArn,
      repository: config.github.repository,
      branches: config.github.branches,
      environments: config.github.environments,
      policyStatements: this.deployStatements(props, prefix),
    });
    suppress(
      this.deployRole,
      'iam-no-wildcard-resource',
      "the release's plan refreshes the stack's network and load balancer: their Describe calls are read-only " +
        'metadata (the refresh builder refuses data reads), on every resource because most cannot be scoped, held to the region',
    );

    const output = (id: string, value: string, description?: string) =>
      new TerraformOutput(this, id, { value, description });
    output('https_url', `https://${serviceHostName(config.certificate)}`, 'Where the service answers (HTTPS).');
    output('alb_dns_name', this.loadBalancer.dnsName);
    output('certificate_mode', config.certificate.mode);
    output('certificate_arn', this.certificate.certificateArn);
    output('health_check_path', serviceConfig.healthCheckPath);
    output('cluster_name', this.cluster.clusterName);
    output('service_name', this.service.serviceName);
    output('task_definition_family', this.service.taskDefinition.family);
    output('container_name', ECS_SERVICE_CONTAINER);
    output('repository_url', this.repository.repositoryUrl);
    output('database_secret_arn', this.databaseSecret.secretArn, 'Put the JSON value here before the first release.');
    output('deploy_role_arn', this.deployRole.roleArn, 'The GitHub variable ECS_SERVICE_DEPLOY_ROLE_ARN.');
    output('alarm_topic_arn', this.alarmTopic.topicArn);
    if (this.certificate.zone) {
      new TerraformOutput(this, 'zone_name_servers', {
        value: this.certificate.zone.nameServers,
        description: 'Delegate the zone to these name servers; certificate validation waits for it.',
      });
    }
  }

  /**
   * The deploy role: push this repository's images, release revisions of this service's family, read and write this
   * stack's state, and read (metadata only) what `terraform plan` refreshes. Nothing else in the account.
   */
  private deployStatements(props: BlueprintContext<EcsServiceConfig>, prefix: string) {
    const { environment, project } = props;
    const partition = awsPartition(this.region);
    const arn = (service: string, resource: string, region = this.region) =>
      `arn:${partition}:${service}:${region}:${environment.accountId}:${resource}`;
    const state = project.stateBackend;
    return [
      ...containerImagePushStatements({ repositoryArns: [this.repository.repositoryArn] }),
      ...ecsServiceDeployStatements({
        serviceArn: arn('ecs', `service/${prefix}/${prefix}`),
        taskDefinitionFamilyArn: arn('ecs', `task-definition/${prefix}`),
        passRoleArns: [this.service.executionRole.arn, this.service.taskRole.arn],
      }),
      ...terraformStateObjectStatements({
        stateBackend: {
          bucket: state.bucket,
          region: state.region,
          accountId: state.accountId,
          lockTable: state.lockTable,
        },
        stateKey: stateKey(state.keyPrefix, stackName(ECS_SERVICE, environment.name)),
        lockFile: state.useLockfile,
      }),
      ...terraformRefreshStatements({ reads: this.refreshReads(prefix, arn), regions: [this.region] }),
    ];
  }

  /** What a plan of this stack reads, resource by resource; `*` only where the API has no resource-level permissions. */
  private refreshReads(
    prefix: string,
    arn: (service: string, resource: string, region?: string) => string,
  ): TerraformRefreshRead[] {
    const partition = awsPartition(this.region);
    const roles = `arn:${partition}:iam::${this.environment.accountId}:role/${prefix}-*`;
    const topic = this.alarmTopic.topicArn;
    const reads: TerraformRefreshRead[] = [
      {
        sid: 'RefreshWithoutResourceScope',
        actions: [
          'ec2:Describe*',
          'elasticloadbalancing:Describe*',
          'application-autoscaling:Describe*',
          'logs:DescribeLogGroups',
          'kms:ListAliases',
        ],
        resources: ['*'],
      },
      {
        sid: 'RefreshRoles',
        actions: ['iam:GetRole', 'iam:GetRolePolicy', 'iam:ListRolePolicies', 'iam:ListAttachedRolePolicies'],
        resources: [roles],
      },
      {
        sid: 'RefreshKeys',
        actions: ['kms:DescribeKey', 'kms:GetKeyPolicy', 'kms:GetKeyRotationStatus', 'kms:ListResourceTags'],
        resources: [this.databaseSecret.keyArn, this.alarmTopic.kmsKeyArn],
      },
      {
        sid: 'RefreshSecret',
        actions: ['secretsmanager:DescribeSecret', 'secretsmanager:GetResourcePolicy'],
        resources: [this.databaseSecret.secretArn],
      },
      {
        sid: 'RefreshRepository',
        actions: [
          'ecr:DescribeRepositories',
          'ecr:GetLifecyclePolicy',
          'ecr:GetRepositoryPolicy',
          'ecr:ListTagsForResource',
        ],
        resources: [this.repository.repositoryArn],
      },
      {
        sid: 'RefreshClusterAndScaling',
        actions: ['ecs:DescribeClusters', 'application-autoscaling:ListTagsForResource'],
        resources: [this.cluster.clusterArn, arn('application-autoscaling', 'scalable-target/*')],
      },
      {
        sid: 'RefreshLogGroups',
        actions: ['logs:ListTagsForResource', 'logs:ListTagsLogGroup'],
        resources: [arn('logs', `log-group:/ecs/${prefix}/*`), arn('logs', `log-group:/aws/vpc/${prefix}/*`)],
      },
      {
        sid: 'RefreshAlarmTopic',
        actions: ['sns:GetTopicAttributes', 'sns:GetSubscriptionAttributes', 'sns:ListTagsForResource'],
        resources: [topic, `${topic}:*`],
      },
      {
        sid: 'RefreshAlarms',
        actions: ['cloudwatch:DescribeAlarms', 'cloudwatch:ListTagsForResource'],
        resources: [arn('cloudwatch', `alarm:${prefix}-*`)],
      },
      {
        sid: 'RefreshDashboard',
        actions: ['cloudwatch:GetDashboard'],
        resources: [arn('cloudwatch', `dashboard/${prefix}`, '')],
      },
      {
        sid: 'RefreshWebAcl',
        actions: ['wafv2:GetWebACL', 'wafv2:GetWebACLForResource', 'wafv2:ListTagsForResource'],
        resources: [this.firewall.webAclArn, this.loadBalancer.arn],
      },
    ];
    const accessLogs = this.loadBalancer.accessLogBucket;
    if (accessLogs) {
      reads.push({
        sid: 'RefreshAccessLogBucket',
        actions: [
          's3:GetBucket*',
          's3:GetAccelerateConfiguration',
          's3:GetEncryptionConfiguration',
          's3:GetLifecycleConfiguration',
          's3:GetReplicationConfiguration',
        ],
        resources: [accessLogs.arn],
      });
    }
    if (this.certificate.mode !== 'acm') {
      reads.push({
        sid: 'RefreshCertificate',
        actions: ['acm:DescribeCertificate', 'acm:GetCertificate', 'acm:ListTagsForCertificate'],
        resources: [this.certificate.certificateArn],
      });
    }
    const { certificate } = this.config;
    const zoneId =
      this.certificate.zone?.zoneId ?? (certificate.mode === 'dns-existing-zone' ? certificate.zoneId : undefined);
    if (zoneId) {
      reads.push(
        {
          sid: 'RefreshZone',
          actions: ['route53:GetHostedZone', 'route53:ListResourceRecordSets', 'route53:ListTagsForResource'],
          resources: [`arn:${partition}:route53:::hostedzone/${zoneId}`],
        },
        {
          sid: 'RefreshZoneChanges',
          actions: ['route53:GetChange'],
          resources: [`arn:${partition}:route53:::change/*`],
        },
      );
    }
    const provider = this.oidcProvider.provider;
    if (provider) {
      reads.push({ sid: 'RefreshOidcProvider', actions: ['iam:GetOpenIDConnectProvider'], resources: [provider.arn] });
    }
    return reads;
  }

  private createAlarms(prefix: string): Array<MetricAlarm | MetricMathAlarm> {
    const { monitoring } = this.config;
    const common = {
      periodSeconds: monitoring.periodSeconds,
      evaluationPeriods: monitoring.evaluationPeriods,
      alarmActions: [this.alarmTopic.topicArn],
      okActions: [this.alarmTopic.topicArn],
    };
    const ecs = ecsServiceAlarms({
      namePrefix: prefix,
      label: this.config.appName,
      clusterName: this.cluster.clusterName,
      serviceName: this.service.serviceName,
      cpuPercent: monitoring.cpuAlarmPercent,
      memoryPercent: monitoring.memoryAlarmPercent,
      ...common,
    });
    const targets = targetGroupAlarms({
      namePrefix: prefix,
      loadBalancerArnSuffix: this.loadBalancer.arnSuffix,
      targetGroupArnSuffix: this.loadBalancer.targetGroupArnSuffixes[ECS_SERVICE_CONTAINER]!,
      label: 'service',
      unhealthyTargetsThreshold: monitoring.unhealthyTargetsThreshold,
      responseTimeSeconds: monitoring.responseTimeSeconds,
      responseTimePercentile: monitoring.responseTimePercentile,
      ...common,
    });
    return [
      new MetricAlarm(this, 'cpu-alarm', ecs.cpu),
      new MetricAlarm(this, 'memory-alarm', ecs.memory),
      new MetricAlarm(this, 'unhealthy-targets-alarm', targets.unhealthyTargets),
      new MetricAlarm(this, 'response-time-alarm', targets.responseTime),
      // The 5xx share of the whole load balancer's requests: answered by the tasks or by the ALB itself.
      new MetricMathAlarm(
        this,
        'error-rate-alarm',
        loadBalancerErrorRateAlarm({
          namePrefix: prefix,
          loadBalancerArnSuffix: this.loadBalancer.arnSuffix,
          errorRatePercent: monitoring.http5xxErrorRatePercent,
          label: 'service',
          ...common,
        }),
      ),
    ];
  }

  private dashboardRows() {
    return [
      ecsServiceWidgets({
        clusterName: this.cluster.clusterName,
        serviceName: this.service.serviceName,
        loadBalancerArnSuffix: this.loadBalancer.arnSuffix,
        targetGroupArnSuffixes: { '': this.loadBalancer.targetGroupArnSuffixes[ECS_SERVICE_CONTAINER]! },
      }),
      loadBalancerWidgets({ loadBalancerArnSuffix: this.loadBalancer.arnSuffix }),
    ];
  }
}
