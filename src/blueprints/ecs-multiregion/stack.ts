/**
 * Blueprint `ecs-multiregion` (seed 002): the same Fargate service in two regions, one stack per region, so either can
 * be changed while the other is unreachable. What one stack needs of the other (repository, cluster and service names,
 * artifact bucket and key alias, CodeDeploy group, role names) is derived from config by `ecsMultiregionNames`, never
 * read from the other's state: each stack plans on its own.
 *
 * Both regions: VPC, internet-facing ALB (80/443 public; a blue/green test listener from the VPC), WAF, ECS cluster,
 * the production service under CodeDeploy blue/green (two target groups, automatic rollback on failure and on alarms),
 * its settings in SSM Parameter Store under a customer key, alarms and a dashboard to an SNS topic, a pipeline artifact
 * store, and (with a domain) a certificate and a health-checked failover record.
 *
 * The primary adds the registry replication to the secondary, the staging service (same cluster, its own listener),
 * the source (CodeCommit with a mirror to the secondary and a protected main, or a GitHub connection), the build
 * project and the pipeline Source → Build → Staging → Approval → Production (both regions), and a rule that reports
 * failed pipeline runs to the topic. The secondary holds the replica repositories (ECR, CodeCommit).
 */
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { CodestarconnectionsConnection } from '@cdktf/provider-aws/lib/codestarconnections-connection';
import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import { Certificate } from '../../../modules/certificate';
import { CodeBuildProject } from '../../../modules/codebuild';
import {
  BranchProtection,
  CodeCommitRepository,
  codeCommitRepositoryRef,
  RepositoryMirror,
} from '../../../modules/codecommit';
import { codeDeployArns, ecsAppSpec, EcsBlueGreenDeployment } from '../../../modules/codedeploy';
import {
  Pipeline,
  PipelineArtifactStore,
  type PipelineAction,
  type PipelineStageProps,
} from '../../../modules/codepipeline';
import { ContainerRepository, RegistryReplication } from '../../../modules/container-registry';
import { awsPartition } from '../../../modules/core/checks';
import { allowTraffic } from '../../../modules/core/security-group';
import { FailoverAliasRecord } from '../../../modules/dns';
import { EcsCluster, FargateService } from '../../../modules/ecs';
import { containerImagePushStatements } from '../../../modules/github-oidc';
import { LoadBalancer, type LoadBalancerTargetGroupProps } from '../../../modules/load-balancer';
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
import { EncryptedParameters } from '../../../modules/secret';
import { WebAcl } from '../../../modules/waf';
import type { BaseEnvironmentConfig } from '../../config/environment';
import { containerHealthCheckProps, containerRepositoryProps } from '../../config/fields';
import { suppress } from '../../guardrails';
import { BlueprintStack } from '../../stacks/blueprint-stack';
import type { BlueprintContext } from '../blueprint';
import { networkFromConfig, type BlueprintNetwork } from '../network-from-config';
import { BUILD_ARTIFACTS, IMAGE_PLACEHOLDER, multiregionBuildspec } from './buildspec';
import { ECS_MULTIREGION_CONTAINER, type EcsMultiregionConfig, type EcsMultiregionSide } from './schema';

export const ECS_MULTIREGION = 'ecs-multiregion';

export type EcsMultiregionContext = BlueprintContext<EcsMultiregionConfig>;

/**
 * Every name the two stacks give their resources and need of each other, from `<appName>-<env>`; config checks them
 * before anything is built.
 */
export function ecsMultiregionNames(config: EcsMultiregionConfig, environment: BaseEnvironmentConfig) {
  const prefix = `${config.appName}-${environment.name}`;
  const { accountId } = environment;
  const artifactBucket = (region: string) => `${prefix}-artifacts-${accountId}-${region}`;
  return {
    /** Load balancers, clusters, production services, task definition families, repositories, pipeline. */
    prefix,
    stagingService: `${prefix}-staging`,
    targetGroups: { blue: `${prefix}-blue`, green: `${prefix}-green`, staging: `${prefix}-staging` },
    codeDeployApplication: prefix,
    buildProject: `${prefix}-build`,
    mirrorJob: `${prefix}-mirror`,
    pipeline: prefix,
    connection: prefix,
    parameterPath: `/${prefix}/`,
    /** The alias of each region's CodeCommit repository key (CodeCommitRepository's: `codecommit/<name>`). */
    repositoryKeyAlias: `alias/codecommit/${prefix}`,
    stagingParameterPath: `/${prefix}-staging/`,
    artifactBucket,
    /** The key alias `PipelineArtifactStore` gives its bucket's key: the pipeline names the other region's by it. */
    artifactKeyAlias: (region: string) => `alias/pipeline-artifacts/${artifactBucket(region)}`,
    serviceLogGroup: (service: string) => `/ecs/${service}/${ECS_MULTIREGION_CONTAINER}`,
    clusterLogGroup: `/ecs/${prefix}/cluster`,
    /** Role name prefixes of a service's execution and task roles (FargateService's), for iam:PassRole. */
    taskRolePatterns: (service: string) => [`${service.slice(0, 32)}-exec-*`, `${service.slice(0, 32)}-task-*`],
  };
}

export type EcsMultiregionNames = ReturnType<typeof ecsMultiregionNames>;

/** The parts both regions have; `side` picks the region and what only that side builds. */
abstract class EcsMultiregionRegionStack extends BlueprintStack {
  readonly config: EcsMultiregionConfig;
  readonly names: EcsMultiregionNames;
  readonly side: EcsMultiregionSide;
  readonly network: BlueprintNetwork;
  readonly certificate?: Certificate;
  readonly loadBalancer: LoadBalancer;
  /** The load balancer's WAF: IP reputation, SQLi, XSS and 2000 requests per IP in 5 minutes. */
  readonly firewall: WebAcl;
  readonly cluster: EcsCluster;
  readonly repository: ContainerRepository;
  readonly parameters: EncryptedParameters;
  readonly service: FargateService;
  readonly blueGreen: EcsBlueGreenDeployment;
  readonly alarmTopic: AlarmTopic;
  readonly alarms: ReadonlyArray<MetricAlarm | MetricMathAlarm>;
  readonly dashboard: Dashboard;
  readonly artifactStore: PipelineArtifactStore;
  readonly failoverRecord?: FailoverAliasRecord;

  protected constructor(scope: Construct, props: EcsMultiregionContext, side: EcsMultiregionSide) {
    const { config, environment } = props;
    super(scope, { ...props, blueprint: ECS_MULTIREGION, suffix: side, region: config.regions[side] });
    this.config = config;
    this.side = side;
    const names = (this.names = ecsMultiregionNames(config, environment));
    const { prefix } = names;
    const account = { accountId: environment.accountId, region: this.region };
    const networkConfig = config.network[side];
    // The private listeners default to the region's VPC (index.ts asks for CIDRs when the VPC is an existing one).
    const privateIngress = (cidrs: readonly string[] | undefined) => cidrs ?? [networkConfig.vpcCidr];
    const { service: serviceConfig, loadBalancer: lbConfig, domain } = config;

    this.network = networkFromConfig(this, prefix, this.availabilityZones, networkConfig);
    if (domain) {
      this.certificate = new Certificate(this, 'certificate', {
        mode: 'dns-existing-zone',
        zoneId: domain.zoneId,
        domainName: domain.recordName,
      });
    }

    const targetGroup = (name: string): LoadBalancerTargetGroupProps => ({
      name,
      port: serviceConfig.containerPort,
      targetType: 'ip',
      healthCheck: { path: serviceConfig.healthCheckPath, ...lbConfig.healthCheck },
    });
    this.loadBalancer = new LoadBalancer(this, 'alb', {
      name: prefix,
      vpcId: this.network.vpcId,
      subnetIds: this.network.publicSubnetIds,
      ingressCidrs: lbConfig.ingressCidrs,
      certificateArn: this.certificate?.certificateArn,
      allowPlainHttp: lbConfig.allowPlainHttp,
      sslPolicy: lbConfig.sslPolicy,
      idleTimeoutSeconds: lbConfig.idleTimeoutSeconds,
      deletionProtection: lbConfig.deletionProtection,
      accessLogs: lbConfig.accessLogs,
      ...account,
      targetGroups: {
        blue: targetGroup(names.targetGroups.blue),
        green: targetGroup(names.targetGroups.green),
        ...(side === 'primary' ? { staging: targetGroup(names.targetGroups.staging) } : {}),
      },
      defaultTargetGroup: 'blue',
      extraListeners: {
        test: {
          port: config.blueGreen.testListener.port,
          targetGroup: 'green',
          ingressCidrs: privateIngress(config.blueGreen.testListener.ingressCidrs),
        },
        ...(side === 'primary'
          ? {
              staging: {
                port: config.staging.listener.port,
                targetGroup: 'staging',
                ingressCidrs: privateIngress(config.staging.listener.ingressCidrs),
              },
            }
          : {}),
      },
      listenerActionsManagedByCodeDeploy: true,
    });
    if (lbConfig.allowPlainHttp) {
      suppress(
        this.loadBalancer,
        'elb-http-redirects-to-https',
        'loadBalancer.allowPlainHttp: no domain, so no certificate; HTTP only, refused in production',
      );
    }
    this.firewall = new WebAcl(this, 'alb-waf', {
      name: `${prefix}-alb`,
      scope: 'REGIONAL',
      rateLimits: [{ name: 'per-ip', limit: 2000 }],
    });
    this.firewall.associate('alb-association', this.loadBalancer.arn);

    this.cluster = new EcsCluster(this, 'cluster', {
      name: prefix,
      containerInsights: config.cluster.containerInsights,
      logGroupName: names.clusterLogGroup,
      logRetentionInDays: config.cluster.logRetentionInDays,
    });
    // The primary's repository receives pushes; the secondary's is the replica of the same name, declared here so its
    // scanning, tag immutability and lifecycle are managed too (replication creates it otherwise, with defaults).
    this.repository = new ContainerRepository(this, 'repository', containerRepositoryProps(prefix, config.registry));
    this.parameters = this.createParameters('parameters', names.parameterPath);

    this.service = this.createService('service', prefix, {
      capacity: serviceConfig.capacity,
      targetGroupArn: this.loadBalancer.targetGroups.blue!.arn,
      parameters: this.parameters,
      deploymentController: 'CODE_DEPLOY',
    });

    this.alarmTopic = new AlarmTopic(this, 'alarm-topic', {
      name: `${prefix}-alarms`,
      accountId: environment.accountId,
      emailAddresses: [environment.contactEmail],
      allowEventBridgePublish: true,
    });
    this.alarms = this.createAlarms();
    this.blueGreen = new EcsBlueGreenDeployment(this, 'blue-green', {
      applicationName: names.codeDeployApplication,
      ...account,
      clusterName: this.cluster.clusterName,
      serviceName: this.service.serviceName,
      productionListenerArn: this.loadBalancer.servingListener.arn,
      testListenerArn: this.loadBalancer.extraListeners.test!.arn,
      targetGroupNames: [names.targetGroups.blue, names.targetGroups.green],
      deploymentConfigName: config.blueGreen.deploymentConfig,
      terminateOriginalAfterMinutes: config.blueGreen.terminateOriginalAfterMinutes,
      rollbackAlarmNames: config.blueGreen.rollbackOnAlarms ? this.alarms.map((alarm) => alarm.alarmName) : undefined,
      passRoleArns: [this.service.executionRole.arn, this.service.taskRole.arn],
    });
    this.dashboard = new Dashboard(this, 'overview', {
      dashboardName: `${prefix}-${this.region}`,
      region: this.region,
      rows: this.dashboardRows(),
    });

    this.artifactStore = new PipelineArtifactStore(this, 'artifacts', {
      bucketName: names.artifactBucket(this.region),
      accountId: environment.accountId,
      expireAfterDays: config.pipeline.artifactExpireAfterDays,
    });

    if (domain?.failover === 'automatic') {
      this.failoverRecord = new FailoverAliasRecord(this, 'failover-record', {
        zoneId: domain.zoneId,
        recordName: domain.recordName,
        failover: side === 'primary' ? 'PRIMARY' : 'SECONDARY',
        setIdentifier: this.region,
        target: { dnsName: this.loadBalancer.dnsName, zoneId: this.loadBalancer.zoneId },
        healthCheck: {
          path: serviceConfig.healthCheckPath,
          protocol: 'HTTPS',
          intervalSeconds: domain.healthCheck.intervalSeconds,
          failureThreshold: domain.healthCheck.failureThreshold,
        },
      });
    }

    const output = (id: string, value: string, description?: string) =>
      new TerraformOutput(this, id, { value, description });
    output('url', domain ? `https://${domain.recordName}` : `http://${this.loadBalancer.dnsName}`);
    output('alb_dns_name', this.loadBalancer.dnsName, 'The regional endpoint (the failover record points here).');
    output('cluster_name', this.cluster.clusterName);
    output('service_name', this.service.serviceName);
    output('repository_url', this.repository.repositoryUrl);
    output('codedeploy_application', this.blueGreen.applicationName);
    output('codedeploy_deployment_group', this.blueGreen.deploymentGroupName);
    output('parameter_path', names.parameterPath, 'Set each setting here (aws ssm put-parameter --overwrite).');
    output('alarm_topic_arn', this.alarmTopic.topicArn);
    if (this.failoverRecord) output('health_check_id', this.failoverRecord.healthCheckId);
  }

  protected createParameters(id: string, path: string): EncryptedParameters {
    return new EncryptedParameters(this, id, {
      path,
      names: this.config.service.parameters,
      accountId: this.environment.accountId,
      description: `Settings of ${path.slice(1, -1)} in ${this.region}`,
    });
  }

  /** A Fargate service in the private subnets, reachable from the load balancer only, reading its parameters. */
  protected createService(
    id: string,
    name: string,
    options: {
      readonly capacity: EcsMultiregionConfig['service']['capacity'];
      readonly targetGroupArn: string;
      readonly parameters: EncryptedParameters;
      readonly deploymentController: 'ECS' | 'CODE_DEPLOY';
    },
  ): FargateService {
    const { config } = this;
    const serviceConfig = config.service;
    const service = new FargateService(this, id, {
      cluster: this.cluster,
      name,
      accountId: this.environment.accountId,
      region: this.region,
      vpcId: this.network.vpcId,
      subnetIds: this.network.privateSubnetIds,
      cpu: serviceConfig.cpu,
      memoryMiB: serviceConfig.memoryMiB,
      container: {
        name: ECS_MULTIREGION_CONTAINER,
        image: `${this.repository.repositoryUrl}:${serviceConfig.imageTag}`,
        port: serviceConfig.containerPort,
        environment: serviceConfig.environment,
        parameterSecrets: options.parameters.parameterArns,
        readonlyRootFilesystem: serviceConfig.readonlyRootFilesystem,
        healthCheck: containerHealthCheckProps(
          serviceConfig.containerHealthCheck,
          serviceConfig.containerPort,
          serviceConfig.healthCheckPath,
        ),
      },
      logGroupName: this.names.serviceLogGroup(name),
      logRetentionInDays: config.cluster.logRetentionInDays,
      desiredCount: options.capacity.desired,
      capacity: { min: options.capacity.min, max: options.capacity.max },
      cpuTargetPercent: serviceConfig.cpuTargetPercent,
      memoryTargetPercent: serviceConfig.memoryTargetPercent,
      scaleInCooldownSeconds: serviceConfig.scaleInCooldownSeconds,
      scaleOutCooldownSeconds: serviceConfig.scaleOutCooldownSeconds,
      deploymentController: options.deploymentController,
      loadBalancer: { targetGroupArn: options.targetGroupArn },
      healthCheckGracePeriodSeconds: serviceConfig.healthCheckGracePeriodSeconds,
      repositoryArns: [this.repository.repositoryArn],
      secretsKmsKeyArns: [options.parameters.keyArn],
      // Releases belong to the pipeline; the revisions it registered stay to roll back to.
      ignoreTaskDefinitionChanges: true,
      retainTaskDefinitionRevisions: true,
      // A target group must be attached to a listener before a service can register targets in it.
      dependsOn: [this.loadBalancer.servingListener, ...Object.values(this.loadBalancer.extraListeners)],
    });
    allowTraffic(this.loadBalancer.securityGroup, service.securityGroup, {
      port: serviceConfig.containerPort,
      description: `${name} traffic from the load balancer`,
    });
    return service;
  }

  /** CPU and memory of the service, the 5xx rate of the load balancer, unhealthy targets of both target groups. */
  private createAlarms(): Array<MetricAlarm | MetricMathAlarm> {
    const { monitoring } = this.config;
    const { prefix } = this.names;
    const namePrefix = `${prefix}-${this.region}`;
    const common = {
      periodSeconds: monitoring.periodSeconds,
      evaluationPeriods: monitoring.evaluationPeriods,
      alarmActions: [this.alarmTopic.topicArn],
      okActions: [this.alarmTopic.topicArn],
    };
    const ecs = ecsServiceAlarms({
      namePrefix,
      label: this.config.appName,
      clusterName: this.cluster.clusterName,
      serviceName: this.service.serviceName,
      cpuPercent: monitoring.cpuAlarmPercent,
      memoryPercent: monitoring.memoryAlarmPercent,
      ...common,
    });
    const unhealthy = (color: 'blue' | 'green') =>
      targetGroupAlarms({
        namePrefix: `${namePrefix}-${color}`,
        loadBalancerArnSuffix: this.loadBalancer.arnSuffix,
        targetGroupArnSuffix: this.loadBalancer.targetGroupArnSuffixes[color]!,
        label: `${color} service`,
        unhealthyTargetsThreshold: monitoring.unhealthyTargetsThreshold,
        // The set's response-time alarm is not used here (the document asks for none); the value is only required.
        responseTimeSeconds: 1,
        ...common,
      }).unhealthyTargets;
    return [
      new MetricAlarm(this, 'cpu-alarm', ecs.cpu),
      new MetricAlarm(this, 'memory-alarm', ecs.memory),
      new MetricMathAlarm(
        this,
        'http-5xx-alarm',
        loadBalancerErrorRateAlarm({
          namePrefix,
          loadBalancerArnSuffix: this.loadBalancer.arnSuffix,
          errorRatePercent: monitoring.http5xxErrorRatePercent,
          label: this.config.appName,
          ...common,
        }),
      ),
      new MetricAlarm(this, 'unhealthy-blue-alarm', unhealthy('blue')),
      new MetricAlarm(this, 'unhealthy-green-alarm', unhealthy('green')),
    ];
  }

  private dashboardRows() {
    const groups = this.loadBalancer.targetGroupArnSuffixes;
    return [
      ecsServiceWidgets({
        clusterName: this.cluster.clusterName,
        serviceName: this.service.serviceName,
        loadBalancerArnSuffix: this.loadBalancer.arnSuffix,
        targetGroupArnSuffixes: { blue: groups.blue!, green: groups.green! },
      }),
      loadBalancerWidgets({ loadBalancerArnSuffix: this.loadBalancer.arnSuffix }),
    ];
  }
}

/** `ecs-multiregion-<env>-primary`: both regions' parts, and the registry replication, staging, source and pipeline. */
export class EcsMultiregionPrimaryStack extends EcsMultiregionRegionStack {
  readonly replication?: RegistryReplication;
  readonly stagingParameters: EncryptedParameters;
  readonly stagingService: FargateService;
  readonly sourceRepository?: CodeCommitRepository;
  readonly branchProtection?: BranchProtection;
  readonly mirror?: RepositoryMirror;
  readonly connection?: CodestarconnectionsConnection;
  readonly buildProject: CodeBuildProject;
  readonly pipeline: Pipeline;
  readonly pipelineFailureRule: CloudwatchEventRule;

  constructor(scope: Construct, props: EcsMultiregionContext) {
    super(scope, props, 'primary');
    const { config, names } = this;
    const { accountId } = this.environment;
    const secondaryRegion = config.regions.secondary;
    const partition = awsPartition(this.region);

    if (config.registry.replication === 'create') {
      this.replication = new RegistryReplication(this, 'registry-replication', {
        sourceRegion: this.region,
        destinations: [{ region: secondaryRegion, registryId: accountId }],
        repositoryPrefixes: [`${config.appName}-`],
      });
    }

    this.stagingParameters = this.createParameters('staging-parameters', names.stagingParameterPath);
    this.stagingService = this.createService('staging-service', names.stagingService, {
      capacity: config.staging.capacity,
      targetGroupArn: this.loadBalancer.targetGroups.staging!.arn,
      parameters: this.stagingParameters,
      deploymentController: 'ECS',
    });

    let sourceAction: PipelineAction;
    if (config.source.provider === 'codecommit') {
      this.sourceRepository = new CodeCommitRepository(this, 'source-repository', {
        name: names.prefix,
        defaultBranch: config.source.branch,
        accountId,
      });
      this.branchProtection = new BranchProtection(this, 'branch-protection', {
        repositoryName: this.sourceRepository.repositoryName,
        repositoryArn: this.sourceRepository.repositoryArn,
        branch: config.source.branch,
        requiredApprovals: config.source.requiredApprovals,
        accountId,
      });
      const replica = codeCommitRepositoryRef({ partition, region: secondaryRegion, accountId, name: names.prefix });
      this.mirror = new RepositoryMirror(this, 'source-mirror', {
        source: this.sourceRepository,
        replica: { ...replica, region: secondaryRegion },
        accountId,
        jobName: names.mirrorJob,
        // Each repository has its own key; the replica's (its stack's) is named by the alias CodeCommitRepository gives it.
        kmsKeyArns: {
          source: this.sourceRepository.kmsKeyArn,
          replica: `arn:${partition}:kms:${secondaryRegion}:${accountId}:${names.repositoryKeyAlias}`,
        },
        logRetentionInDays: config.cluster.logRetentionInDays,
      });
      sourceAction = {
        kind: 'source-codecommit',
        name: 'Source',
        repositoryName: this.sourceRepository.repositoryName,
        repositoryArn: this.sourceRepository.repositoryArn,
        branch: config.source.branch,
        output: 'source',
        kmsKeyArn: this.sourceRepository.kmsKeyArn,
      };
    } else {
      this.connection = new CodestarconnectionsConnection(this, 'source-connection', {
        name: names.connection,
        providerType: 'GitHub',
      });
      sourceAction = {
        kind: 'source-connection',
        name: 'Source',
        connectionArn: this.connection.arn,
        repository: config.source.repository,
        branch: config.source.branch,
        output: 'source',
      };
    }

    const secondaryRepositoryArn = `arn:${partition}:ecr:${secondaryRegion}:${accountId}:repository/${names.prefix}`;
    this.buildProject = new CodeBuildProject(this, 'build-project', {
      name: names.buildProject,
      description: `Tests and builds ${names.prefix}, pushes the image and writes the deploy artifacts of both regions`,
      accountId,
      buildspec: multiregionBuildspec(),
      artifacts: this.artifactStore,
      computeType: config.pipeline.buildComputeType,
      // docker build needs the Docker daemon.
      privilegedMode: true,
      logRetentionInDays: config.cluster.logRetentionInDays,
      environmentVariables: {
        REPOSITORY_URI: this.repository.repositoryUrl,
        REPOSITORY_NAME: names.prefix,
        PRIMARY_REGION: this.region,
        SECONDARY_REGION: secondaryRegion,
        SECONDARY_REPOSITORY_URI: `${accountId}.dkr.ecr.${secondaryRegion}.amazonaws.com/${names.prefix}`,
        SERVICE_FAMILY: names.prefix,
        CONTAINER_NAME: ECS_MULTIREGION_CONTAINER,
        APPSPEC_YAML: ecsAppSpec(ECS_MULTIREGION_CONTAINER, config.service.containerPort),
        UNIT_TEST_COMMAND: config.pipeline.unitTestCommand,
        REPLICATION_WAIT_SECONDS: String(config.pipeline.replicationWaitMinutes * 60),
      },
      statements: [
        ...containerImagePushStatements({ repositoryArns: [this.repository.repositoryArn] }),
        { sid: 'WaitForReplica', actions: ['ecr:DescribeImages'], resources: [secondaryRepositoryArn] },
        // DescribeTaskDefinition has no resource-level permissions.
        { sid: 'ReadTaskDefinitions', actions: ['ecs:DescribeTaskDefinition'], resources: ['*'] },
      ],
    });

    this.pipeline = new Pipeline(this, 'pipeline', {
      name: names.pipeline,
      accountId,
      region: this.region,
      artifactStore: this.artifactStore,
      regionalArtifactStores: {
        [secondaryRegion]: {
          bucketName: names.artifactBucket(secondaryRegion),
          bucketArn: `arn:${partition}:s3:::${names.artifactBucket(secondaryRegion)}`,
          kmsKeyArn: `arn:${partition}:kms:${secondaryRegion}:${accountId}:${names.artifactKeyAlias(secondaryRegion)}`,
        },
      },
      // A release runs to its end; the next waits (a newer commit must not skip a pending approval's checks).
      executionMode: 'QUEUED',
      stages: this.pipelineStages(sourceAction),
    });

    this.pipelineFailureRule = new CloudwatchEventRule(this, 'pipeline-failure-rule', {
      name: `${names.pipeline}-failed`,
      description: `Failed runs of the ${names.pipeline} pipeline`,
      eventPattern: JSON.stringify({
        source: ['aws.codepipeline'],
        'detail-type': ['CodePipeline Pipeline Execution State Change'],
        resources: [this.pipeline.pipelineArn],
        detail: { state: ['FAILED'] },
      }),
    });
    new CloudwatchEventTarget(this, 'pipeline-failure-target', {
      rule: this.pipelineFailureRule.name,
      arn: this.alarmTopic.topicArn,
      inputTransformer: {
        inputPaths: { pipeline: '$.detail.pipeline', execution: '$.detail.execution-id' },
        inputTemplate: '"Pipeline <pipeline> failed (execution <execution>)."',
      },
    });

    const output = (id: string, value: string, description?: string) =>
      new TerraformOutput(this, id, { value, description });
    output('pipeline_name', this.pipeline.pipelineName);
    output('staging_service_name', this.stagingService.serviceName);
    if (this.sourceRepository) output('source_clone_url', this.sourceRepository.cloneUrlHttp);
    if (this.branchProtection) {
      output(
        'protect_main_policy_arn',
        this.branchProtection.denyDirectChangesPolicyArn,
        "Attach to the developers' roles or groups: main changes through approved pull requests only.",
      );
    }
    if (this.connection) output('connection_arn', this.connection.arn, 'Complete the connection once in the console.');
  }

  /** Source → Build → Staging → Approval → Production (primary region, then secondary). */
  private pipelineStages(source: PipelineAction): PipelineStageProps[] {
    const { config, names } = this;
    const { accountId } = this.environment;
    const partition = awsPartition(this.region);
    const secondaryRegion = config.regions.secondary;
    const roleArns = (service: string) =>
      names.taskRolePatterns(service).map((pattern) => `arn:${partition}:iam::${accountId}:role/${pattern}`);
    const blueGreen = (region: string, artifact: string, runOrder: number): PipelineAction => {
      const arns =
        region === this.region
          ? {
              applicationArn: this.blueGreen.applicationArn,
              deploymentGroupArn: this.blueGreen.deploymentGroupArn,
              deploymentConfigArn: this.blueGreen.deploymentConfigArn,
            }
          : codeDeployArns({
              partition,
              region,
              accountId,
              applicationName: names.codeDeployApplication,
              deploymentConfigName: config.blueGreen.deploymentConfig,
            });
      return {
        kind: 'ecs-blue-green',
        name: `Deploy-${region}`,
        applicationName: names.codeDeployApplication,
        deploymentGroupName: names.codeDeployApplication,
        ...arns,
        input: artifact,
        imagePlaceholder: IMAGE_PLACEHOLDER,
        passRoleArns: roleArns(names.prefix),
        region,
        runOrder,
      };
    };
    const stages: PipelineStageProps[] = [
      { name: 'Source', actions: [source] },
      {
        name: 'Build',
        actions: [
          {
            kind: 'codebuild',
            name: 'Build',
            projectName: this.buildProject.projectName,
            projectArn: this.buildProject.projectArn,
            input: 'source',
            outputs: Object.values(BUILD_ARTIFACTS),
          },
        ],
      },
      {
        name: 'Staging',
        actions: [
          {
            kind: 'ecs-deploy',
            name: 'Deploy',
            clusterName: this.cluster.clusterName,
            serviceName: this.stagingService.serviceName,
            serviceArn: `arn:${partition}:ecs:${this.region}:${accountId}:service/${names.prefix}/${names.stagingService}`,
            input: BUILD_ARTIFACTS.staging,
            passRoleArns: roleArns(names.stagingService),
          },
        ],
      },
    ];
    if (config.pipeline.approval) {
      stages.push({
        name: 'Approval',
        actions: [
          {
            kind: 'approval',
            name: 'Approve',
            notificationTopicArn: this.alarmTopic.topicArn,
            notificationTopicKmsKeyArn: this.alarmTopic.kmsKeyArn,
            summary: `Staging of ${names.prefix} is deployed: release it to ${this.region} and ${secondaryRegion}?`,
          },
        ],
      });
    }
    stages.push({
      name: 'Production',
      // The primary first: a deployment that rolls back there stops the release before the secondary.
      actions: [
        blueGreen(this.region, BUILD_ARTIFACTS.primary, 1),
        blueGreen(secondaryRegion, BUILD_ARTIFACTS.secondary, 2),
      ],
    });
    return stages;
  }
}

/** `ecs-multiregion-<env>-secondary`: both regions' parts, and the replica of the CodeCommit repository. */
export class EcsMultiregionSecondaryStack extends EcsMultiregionRegionStack {
  readonly replicaRepository?: CodeCommitRepository;

  constructor(scope: Construct, props: EcsMultiregionContext) {
    super(scope, props, 'secondary');
    if (this.config.source.provider === 'codecommit') {
      // "Replication from primary to secondary region": the mirror job in the primary pushes every change here.
      this.replicaRepository = new CodeCommitRepository(this, 'source-replica', {
        name: this.names.prefix,
        defaultBranch: this.config.source.branch,
        description: `Replica of ${this.names.prefix} in ${this.config.regions.primary} (pushed by its mirror job)`,
        accountId: this.environment.accountId,
      });
    }
  }
}

/** Both stacks of one environment. */
export function createEcsMultiregionStacks(scope: Construct, props: EcsMultiregionContext): void {
  new EcsMultiregionPrimaryStack(scope, props);
  new EcsMultiregionSecondaryStack(scope, props);
}
