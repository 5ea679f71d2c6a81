/**
 * Blueprint `ecs-multiregion` (seed 002): how its two stacks wire their modules together, against each environment's
 * resolved config. Each shipped stack (synthesized once per jest run) is checked for its region's CIDRs, who reaches
 * what on which port, the service's scaling and health checks, blue/green, the failover record, the alarms and the
 * settings; the primary for the replication rule, the five pipeline stages in order with their providers and
 * regions, the source, and the failure notifications. What the primary derives of the secondary (artifact store, key
 * alias, repositories, CodeDeploy group, roles) is checked against what the secondary stack really declares.
 *
 * The document's numbers are asserted once, as schema defaults, in __tests__/config/ecs-multiregion.test.ts; what a
 * module makes of its props is its own test's.
 */
import {
  EcsMultiregionPrimaryStack,
  EcsMultiregionSecondaryStack,
  ecsMultiregionNames,
} from '../../src/blueprints/ecs-multiregion/stack';
import { ECS_MULTIREGION_SIDES, type EcsMultiregionConfig } from '../../src/blueprints/ecs-multiregion/schema';
import { AWS_TARGET } from '../../modules/core/deployment-target';
import type { EnvironmentConfig } from '../../src/config/schema';
import {
  configVariant,
  environmentsDeploying,
  fromCidr,
  fromGroup,
  rulesOf,
  sortedRules,
} from '../helpers/blueprint-wiring';
import { synthesizedStack } from '../helpers/synthesized-app';
import { Template, testApp, type Block } from '../helpers/template';

const deployed = environmentsDeploying('ecsMultiregion');

interface Statement {
  readonly sid?: string;
  readonly effect?: string;
  readonly actions: string[];
  readonly resources: string[];
}

const stackOf = (environment: EnvironmentConfig, side: string) =>
  synthesizedStack(`ecs-multiregion-${environment.name}-${side}`);
const sectionOf = (environment: EnvironmentConfig): EcsMultiregionConfig => environment.ecsMultiregion!;

function statementsOf(t: Template, path: string): Statement[] {
  return t.dataSource('aws_iam_policy_document', path).statement as Statement[];
}

function stages(t: Template): Block[] {
  return t.resource('aws_codepipeline', 'pipeline/pipeline').stage as Block[];
}

it('deploys the blueprint in the environments that configure it', () => {
  expect(deployed.map((environment) => environment.name)).toEqual(['dev', 'prod']);
});

describe.each(deployed.flatMap((environment) => ECS_MULTIREGION_SIDES.map((side) => [environment, side] as const)))(
  'ecs-multiregion-%s-%s',
  (environment, side) => {
    const config = sectionOf(environment);
    const network = config.network[side];
    const names = ecsMultiregionNames(config, environment);
    const t = () => stackOf(environment, side);

    it("is in its region, with that region's VPC, subnets over its two AZs and one NAT gateway", () => {
      const region = config.regions[side];
      expect(t().providers('aws')[0]).toMatchObject({ region });
      const zones = environment.availabilityZones[region]!;
      expect(t().resource('aws_vpc', 'network/vpc').cidr_block).toBe(network.vpcCidr);
      const subnets = (tier: string, cidrs: readonly string[]) =>
        cidrs.map((_, index) => {
          const subnet = t().resource('aws_subnet', `network/${tier}-subnet-${index}`);
          return [subnet.cidr_block, subnet.availability_zone];
        });
      expect(subnets('public', network.publicSubnetCidrs)).toEqual(
        network.publicSubnetCidrs.map((c, i) => [c, zones[i]]),
      );
      expect(subnets('private', network.privateSubnetCidrs)).toEqual(
        network.privateSubnetCidrs.map((c, i) => [c, zones[i]]),
      );
      expect(t().count('aws_nat_gateway')).toBe(1);
    });

    it('lets the internet reach 80/443, the VPC the private listeners, and only the ALB the tasks', () => {
      const tls = config.domain !== null;
      const expected = [
        fromCidr('0.0.0.0/0', 80),
        ...(tls ? [fromCidr('0.0.0.0/0', 443)] : []),
        fromCidr(network.vpcCidr, config.blueGreen.testListener.port),
        ...(side === 'primary' ? [fromCidr(network.vpcCidr, config.staging.listener.port)] : []),
      ];
      expect(sortedRules(rulesOf(t(), 'ingress', 'alb/sg/group'))).toEqual(sortedRules(expected));
      expect(rulesOf(t(), 'ingress', 'service/security-group/group')).toEqual([
        fromGroup(t(), config.service.containerPort, 'alb/sg/group'),
      ]);
    });

    it('runs the service under CodeDeploy, 2 to 10 tasks, behind blue and green groups checked every 30 s', () => {
      expect(t().resource('aws_ecs_service', 'service/service')).toMatchObject({
        name: names.prefix,
        deployment_controller: { type: 'CODE_DEPLOY' },
        lifecycle: { ignore_changes: expect.arrayContaining(['task_definition', 'load_balancer', 'desired_count']) },
      });
      expect(t().resource('aws_appautoscaling_target', 'service/scalable-target')).toMatchObject({
        min_capacity: config.service.capacity.min,
        max_capacity: config.service.capacity.max,
      });
      for (const color of ['blue', 'green'] as const) {
        expect(t().resource('aws_lb_target_group', `alb/target-group-${color}`)).toMatchObject({
          name: names.targetGroups[color],
          port: config.service.containerPort,
          health_check: {
            path: config.service.healthCheckPath,
            interval: config.loadBalancer.healthCheck.intervalSeconds,
          },
        });
      }
    });

    it('deploys blue/green with both listeners, rollback on failure and on its alarms, originals kept 5 minutes', () => {
      const group = t().resource('aws_codedeploy_deployment_group', 'blue-green/deployment-group');
      expect(group).toMatchObject({
        deployment_group_name: names.codeDeployApplication,
        deployment_config_name: config.blueGreen.deploymentConfig,
        deployment_style: { deployment_option: 'WITH_TRAFFIC_CONTROL', deployment_type: 'BLUE_GREEN' },
        auto_rollback_configuration: { enabled: true, events: ['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_ALARM'] },
        blue_green_deployment_config: {
          terminate_blue_instances_on_deployment_success: {
            action: 'TERMINATE',
            termination_wait_time_in_minutes: config.blueGreen.terminateOriginalAfterMinutes,
          },
        },
        load_balancer_info: {
          target_group_pair_info: {
            prod_traffic_route: {
              listener_arns: [t().ref('aws_lb_listener', `alb/${config.domain ? 'https' : 'http'}-listener`, 'arn')],
            },
            test_traffic_route: { listener_arns: [t().ref('aws_lb_listener', 'alb/listener-test', 'arn')] },
            target_group: [{ name: names.targetGroups.blue }, { name: names.targetGroups.green }],
          },
        },
      });
      const alarms = (group.alarm_configuration as { alarms: string[] }).alarms;
      expect(alarms).toHaveLength(5);
    });

    it('alarms on CPU and memory above 80%, the 5xx rate and unhealthy targets, to the topic', () => {
      const topic = t().ref('aws_sns_topic', 'alarm-topic/topic', 'arn');
      const { monitoring } = config;
      const alarm = (path: string) => t().resource('aws_cloudwatch_metric_alarm', path);
      expect(alarm('cpu-alarm')).toMatchObject({
        metric_name: 'CPUUtilization',
        threshold: monitoring.cpuAlarmPercent,
      });
      expect(alarm('memory-alarm')).toMatchObject({
        metric_name: 'MemoryUtilization',
        threshold: monitoring.memoryAlarmPercent,
      });
      expect(alarm('http-5xx-alarm')).toMatchObject({ threshold: monitoring.http5xxErrorRatePercent });
      for (const color of ['blue', 'green']) {
        expect(alarm(`unhealthy-${color}-alarm`)).toMatchObject({
          metric_name: 'UnHealthyHostCount',
          threshold: monitoring.unhealthyTargetsThreshold,
          alarm_actions: [topic],
        });
      }
    });

    it('keeps the settings as SecureStrings under their own key, read only by the execution role', () => {
      const parameter = t().resource('aws_ssm_parameter', 'parameters/parameter-APP_SECRET_KEY');
      expect(parameter).toMatchObject({
        name: `${names.parameterPath}APP_SECRET_KEY`,
        type: 'SecureString',
        key_id: t().ref('aws_kms_key', 'parameters/key/key', 'arn'),
      });
      const read = statementsOf(t(), 'service/execution-permissions').find((s) =>
        s.actions.includes('ssm:GetParameters'),
      );
      expect(read?.resources).toEqual([t().ref('aws_ssm_parameter', 'parameters/parameter-APP_SECRET_KEY', 'arn')]);
    });

    it('has a failover record of its side with a health check of its ALB, when the domain says automatic', () => {
      if (config.domain?.failover !== 'automatic') {
        expect(t().count('aws_route53_health_check')).toBe(0);
        return;
      }
      expect(t().resource('aws_route53_health_check', 'failover-record/health-check')).toMatchObject({
        type: 'HTTPS',
        port: 443,
        resource_path: config.service.healthCheckPath,
        request_interval: config.domain.healthCheck.intervalSeconds,
        failure_threshold: config.domain.healthCheck.failureThreshold,
        fqdn: t().ref('aws_lb', 'alb/load-balancer', 'dns_name'),
      });
      expect(t().resource('aws_route53_record', 'failover-record/record-a')).toMatchObject({
        zone_id: config.domain.zoneId,
        name: config.domain.recordName,
        failover_routing_policy: { type: side === 'primary' ? 'PRIMARY' : 'SECONDARY' },
        set_identifier: config.regions[side],
        health_check_id: t().ref('aws_route53_health_check', 'failover-record/health-check'),
        alias: { evaluate_target_health: true },
      });
    });
  },
);

describe.each(deployed)('ecs-multiregion-%s-primary', (environment) => {
  const config = sectionOf(environment);
  const names = ecsMultiregionNames(config, environment);
  const { secondary } = config.regions;
  const t = () => stackOf(environment, 'primary');
  const other = () => stackOf(environment, 'secondary');

  it('replicates <app>- repositories to the secondary region only where it creates the rule', () => {
    if (config.registry.replication === 'existing') {
      expect(t().count('aws_ecr_replication_configuration')).toBe(0);
      return;
    }
    expect(t().resource('aws_ecr_replication_configuration', 'registry-replication/configuration')).toEqual({
      replication_configuration: {
        rule: [
          {
            destination: [{ region: secondary, registry_id: environment.accountId }],
            repository_filter: [{ filter: `${config.appName}-`, filter_type: 'PREFIX_MATCH' }],
          },
        ],
      },
    });
    expect(other().resource('aws_ecr_repository', 'repository/repository').name).toBe(names.prefix);
  });

  it('runs Source → Build → Staging → Approval → Production, the primary region first', () => {
    const summary = stages(t()).map((stage) => [
      stage.name,
      (stage.action as Block[]).map((action) => [action.provider, action.region ?? null, action.run_order ?? null]),
    ]);
    expect(summary).toEqual([
      ['Source', [[config.source.provider === 'codecommit' ? 'CodeCommit' : 'CodeStarSourceConnection', null, null]]],
      ['Build', [['CodeBuild', null, 1]]],
      ['Staging', [['ECS', null, 1]]],
      ['Approval', [['Manual', null, null]]],
      [
        'Production',
        [
          ['CodeDeployToECS', config.regions.primary, 1],
          ['CodeDeployToECS', secondary, 2],
        ],
      ],
    ]);
    const approval = (stages(t())[3]!.action as Block[])[0]!;
    expect((approval.configuration as Block).NotificationArn).toBe(
      t().ref('aws_sns_topic', 'alarm-topic/topic', 'arn'),
    );
  });

  it("names the secondary's artifact store, key alias and deployment group as the secondary stack declares them", () => {
    const stores = t().resource('aws_codepipeline', 'pipeline/pipeline').artifact_store as Block[];
    const remote = stores.find((store) => store.region === secondary)!;
    expect(remote.location).toBe(other().resource('aws_s3_bucket', 'artifacts/bucket/bucket').bucket);
    const alias = other().resource('aws_kms_alias', 'artifacts/key/alias').name as string;
    expect(remote.encryption_key).toEqual({
      id: `arn:aws:kms:${secondary}:${environment.accountId}:${alias}`,
      type: 'KMS',
    });
    const action = (stages(t())[4]!.action as Block[])[1]!.configuration as Block;
    const group = other().resource('aws_codedeploy_deployment_group', 'blue-green/deployment-group');
    expect(action.DeploymentGroupName).toBe(group.deployment_group_name);
    expect(action.ApplicationName).toBe(other().resource('aws_codedeploy_app', 'blue-green/application').name);
  });

  it('scopes the pipeline and build roles to their resources (* only for the two APIs without resource scope)', () => {
    const wildcardActions = (path: string) =>
      statementsOf(t(), path)
        .filter((statement) => statement.resources.includes('*'))
        .flatMap((statement) => statement.actions)
        .sort();
    expect(wildcardActions('pipeline/role/policy')).toEqual(['ecs:DescribeTaskDefinition']);
    expect(wildcardActions('build-project/role/policy')).toEqual([
      'ecr:GetAuthorizationToken',
      'ecs:DescribeTaskDefinition',
    ]);
    const passRole = statementsOf(t(), 'pipeline/role/policy').find((s) => s.actions.includes('iam:PassRole'))!;
    expect(passRole.resources.sort()).toEqual(
      [names.prefix, names.stagingService]
        .flatMap((service) => names.taskRolePatterns(service))
        .map((pattern) => `arn:aws:iam::${environment.accountId}:role/${pattern}`)
        .sort(),
    );
  });

  it('reports failed pipeline runs to the topic', () => {
    const rule = t().resource('aws_cloudwatch_event_rule', 'pipeline-failure-rule');
    expect(JSON.parse(rule.event_pattern as string)).toEqual({
      source: ['aws.codepipeline'],
      'detail-type': ['CodePipeline Pipeline Execution State Change'],
      resources: [t().ref('aws_codepipeline', 'pipeline/pipeline', 'arn')],
      detail: { state: ['FAILED'] },
    });
    expect(t().resource('aws_cloudwatch_event_target', 'pipeline-failure-target').arn).toBe(
      t().ref('aws_sns_topic', 'alarm-topic/topic', 'arn'),
    );
  });

  it('deploys staging to its own service in the same cluster, behind its own listener', () => {
    expect(t().resource('aws_ecs_service', 'staging-service/service')).toMatchObject({
      name: names.stagingService,
      cluster: t().ref('aws_ecs_cluster', 'cluster/cluster', 'arn'),
      deployment_controller: { type: 'ECS' },
      desired_count: config.staging.capacity.desired,
    });
    expect(t().resource('aws_lb_listener', 'alb/listener-staging')).toMatchObject({
      port: config.staging.listener.port,
      default_action: [
        { type: 'forward', target_group_arn: t().ref('aws_lb_target_group', 'alb/target-group-staging', 'arn') },
      ],
    });
  });
});

describe('the two sources', () => {
  const build = (provider: 'codecommit' | 'github') => {
    const { project, environment } = configVariant('prod', { ecsMultiregion: { source: { provider } } });
    const app = testApp();
    const context = { project, environment, target: AWS_TARGET, config: environment.ecsMultiregion! };
    const primary = new EcsMultiregionPrimaryStack(app, context);
    const secondary = new EcsMultiregionSecondaryStack(app, context);
    return {
      primary: Template.fromStack(primary),
      secondary: Template.fromStack(secondary),
      names: ecsMultiregionNames(context.config, environment),
    };
  };

  it('codecommit: a protected repository mirrored to the replica of the same name in the secondary', () => {
    const { primary, secondary, names } = build('codecommit');
    expect(primary.resource('aws_codecommit_repository', 'source-repository/repository').repository_name).toBe(
      names.prefix,
    );
    expect(secondary.resource('aws_codecommit_repository', 'source-replica/repository').repository_name).toBe(
      names.prefix,
    );
    expect(
      primary.resource('aws_codecommit_approval_rule_template', 'branch-protection/approval-rule-template').content,
    ).toContain('"NumberOfApprovalsNeeded":1');
    const push = statementsOf(primary, 'source-mirror/job/role/policy').find((s) =>
      s.actions.includes('codecommit:GitPush'),
    )!;
    expect(push.resources).toEqual([`arn:aws:codecommit:us-west-2:123456789012:${names.prefix}`]);
    expect(primary.count('aws_codestarconnections_connection')).toBe(0);
  });

  it("codecommit: the mirror and the pipeline may use each repository's key, the replica's by the alias its stack gives it", () => {
    const { primary, secondary } = build('codecommit');
    const replicaAlias = secondary.resource('aws_kms_alias', 'source-replica/key/alias').name as string;
    const mirror = statementsOf(primary, 'source-mirror/job/role/policy') as Array<
      Statement & { condition?: unknown[] }
    >;
    expect(mirror.find((s) => s.sid === 'ReplicaKeyByAlias0')).toMatchObject({
      resources: ['arn:aws:kms:us-west-2:123456789012:key/*'],
      condition: expect.arrayContaining([
        { test: 'ForAnyValue:StringEquals', variable: 'kms:ResourceAliases', values: [replicaAlias] },
      ]),
    });
    const sourceKey = primary.ref('aws_kms_key', 'source-repository/key/key', 'arn');
    expect(mirror.find((s) => s.sid === 'SourceKey')?.resources).toEqual([sourceKey]);
    const pipeline = statementsOf(primary, 'pipeline/role/policy');
    expect(pipeline.find((s) => s.sid === 'SourceRepositoryKeys')?.actions).toEqual(['kms:Decrypt', 'kms:DescribeKey']);
    expect(pipeline.find((s) => s.sid === 'SourceRepositoryKeys')?.resources).toEqual([sourceKey]);
  });

  it('github: a connection to the repository, and no CodeCommit in either region', () => {
    const { primary, secondary } = build('github');
    expect(primary.count('aws_codestarconnections_connection')).toBe(1);
    expect(primary.count('aws_codecommit_repository') + secondary.count('aws_codecommit_repository')).toBe(0);
    const source = (stages(primary)[0]!.action as Block[])[0]!;
    expect(source.configuration).toMatchObject({ FullRepositoryId: 'example-org/globalapp', BranchName: 'main' });
  });
});
