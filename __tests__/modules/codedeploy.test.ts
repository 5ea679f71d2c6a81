/**
 * The codedeploy module: an ECS blue/green deployment group (traffic control, wait, rollback, target group pair), its
 * least-privilege role, the ARNs another region computes from names, the AppSpec, each props-validation error, and
 * the guardrail pack on the synthesized stack.
 */
import {
  codeDeployArns,
  ecsAppSpec,
  EcsBlueGreenDeployment,
  type EcsBlueGreenDeploymentProps,
} from '../../modules/codedeploy';
import { blueprintsPack, checkStack, failingFindings, StackView } from '../../src/guardrails';
import type { JsonObject } from '../../src/guardrails/stack-view';
import { Template, testStack } from '../helpers/template';
import { rejectsEachCase, type BadCase } from '../helpers/validation';

const ACCOUNT = '123456789012';
const PROD_LISTENER =
  'arn:aws:elasticloadbalancing:us-west-2:123456789012:listener/app/web/50dc6c495c0c9188/f2f7dc8efc522ab2';
const TEST_LISTENER =
  'arn:aws:elasticloadbalancing:us-west-2:123456789012:listener/app/web/50dc6c495c0c9188/0467ef3c8400ae65';
const TASK_ROLE = 'arn:aws:iam::123456789012:role/web-task';
const EXECUTION_ROLE = 'arn:aws:iam::123456789012:role/web-execution';
const PROPS: EcsBlueGreenDeploymentProps = {
  applicationName: 'web-prod',
  accountId: ACCOUNT,
  region: 'us-west-2',
  clusterName: 'web-prod',
  serviceName: 'api',
  productionListenerArn: PROD_LISTENER,
  targetGroupNames: ['api-blue', 'api-green'],
  passRoleArns: [TASK_ROLE, EXECUTION_ROLE],
};

describe('EcsBlueGreenDeployment with defaults', () => {
  const stack = testStack();
  const deployment = new EcsBlueGreenDeployment(stack, 'deploy', PROPS);
  const t = Template.fromStack(stack);
  const group = t.resource('aws_codedeploy_deployment_group', 'deploy/deployment-group');

  it('is an ECS application whose group shifts all traffic at once and ends the blue tasks 5 minutes later', () => {
    expect(t.resource('aws_codedeploy_app', 'deploy/application')).toMatchObject({
      name: 'web-prod',
      compute_platform: 'ECS',
    });
    expect(group).toMatchObject({
      app_name: t.ref('aws_codedeploy_app', 'deploy/application', 'name'),
      deployment_group_name: 'web-prod',
      service_role_arn: t.ref('aws_iam_role', 'deploy/role/role', 'arn'),
      deployment_config_name: 'CodeDeployDefault.ECSAllAtOnce',
      deployment_style: { deployment_type: 'BLUE_GREEN', deployment_option: 'WITH_TRAFFIC_CONTROL' },
      blue_green_deployment_config: {
        deployment_ready_option: { action_on_timeout: 'CONTINUE_DEPLOYMENT' },
        terminate_blue_instances_on_deployment_success: { action: 'TERMINATE', termination_wait_time_in_minutes: 5 },
      },
      auto_rollback_configuration: { enabled: true, events: ['DEPLOYMENT_FAILURE'] },
      ecs_service: { cluster_name: 'web-prod', service_name: 'api' },
    });
    expect(group.alarm_configuration).toBeUndefined();
  });

  it('routes production traffic through the listener to the blue/green target group pair', () => {
    expect(group.load_balancer_info).toEqual({
      target_group_pair_info: {
        prod_traffic_route: { listener_arns: [PROD_LISTENER] },
        target_group: [{ name: 'api-blue' }, { name: 'api-green' }],
      },
    });
  });

  it('exposes names and ARNs, the config ARN computed', () => {
    expect(deployment.deploymentConfigArn).toBe(
      'arn:aws:codedeploy:us-west-2:123456789012:deploymentconfig:CodeDeployDefault.ECSAllAtOnce',
    );
    expect(deployment.applicationArn).toBe('arn:aws:codedeploy:us-west-2:123456789012:application:web-prod');
  });

  it('has a role CodeDeploy assumes for this account, scoped to the service, listeners and task roles', () => {
    expect(t.dataSource('aws_iam_policy_document', 'deploy/role/trust-policy').statement).toEqual([
      {
        effect: 'Allow',
        actions: ['sts:AssumeRole'],
        principals: [{ type: 'Service', identifiers: ['codedeploy.amazonaws.com'] }],
        condition: [{ test: 'StringEquals', variable: 'aws:SourceAccount', values: [ACCOUNT] }],
      },
    ]);
    const statements = t.dataSource('aws_iam_policy_document', 'deploy/role/policy').statement as Array<
      Record<string, unknown>
    >;
    expect(statements.map((statement) => [statement.sid, statement.resources])).toEqual([
      [
        'ServiceTaskSets',
        [
          'arn:aws:ecs:us-west-2:123456789012:service/web-prod/api',
          'arn:aws:ecs:us-west-2:123456789012:task-set/web-prod/api/*',
        ],
      ],
      ['ReadLoadBalancing', ['*']],
      ['ShiftListeners', [PROD_LISTENER]],
      ['ShiftListenerRules', [`${PROD_LISTENER.replace(':listener/', ':listener-rule/')}/*`]],
      ['PassTaskRoles', [TASK_ROLE, EXECUTION_ROLE]],
    ]);
    expect(statements[4]).toMatchObject({
      actions: ['iam:PassRole'],
      condition: [{ test: 'StringEquals', variable: 'iam:PassedToService', values: ['ecs-tasks.amazonaws.com'] }],
    });
  });

  it('passes the guardrail pack as a production stack', () => {
    const report = checkStack(
      new StackView(t.json as JsonObject, { name: 'test', production: true }),
      blueprintsPack,
      [],
    );
    expect(failingFindings(report).map((finding) => `${finding.rule.id}: ${finding.message}`)).toEqual([]);
    // The IAM rules did look at the role's policy (the * of ReadLoadBalancing holds only unscopable reads).
    expect(report.passes.get('iam-no-wildcard-resource')).toBeGreaterThan(0);
    expect(report.passes.get('iam-no-privilege-escalation')).toBeGreaterThan(0);
  });
});

describe('EcsBlueGreenDeployment with a test listener, a canary config and rollback alarms', () => {
  const stack = testStack();
  new EcsBlueGreenDeployment(stack, 'deploy', {
    ...PROPS,
    deploymentGroupName: 'api',
    testListenerArn: TEST_LISTENER,
    deploymentConfigName: 'CodeDeployDefault.ECSCanary10Percent5Minutes',
    terminateOriginalAfterMinutes: 60,
    rollbackAlarmNames: ['api-5xx', 'api-latency'],
  });
  const t = Template.fromStack(stack);
  const group = t.resource('aws_codedeploy_deployment_group', 'deploy/deployment-group');

  it('rolls back on the alarms, keeps the blue tasks an hour and routes test traffic', () => {
    expect(group).toMatchObject({
      deployment_group_name: 'api',
      deployment_config_name: 'CodeDeployDefault.ECSCanary10Percent5Minutes',
      blue_green_deployment_config: {
        terminate_blue_instances_on_deployment_success: { termination_wait_time_in_minutes: 60 },
      },
      auto_rollback_configuration: { enabled: true, events: ['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_ALARM'] },
      alarm_configuration: { enabled: true, alarms: ['api-5xx', 'api-latency'] },
      load_balancer_info: {
        target_group_pair_info: {
          prod_traffic_route: { listener_arns: [PROD_LISTENER] },
          test_traffic_route: { listener_arns: [TEST_LISTENER] },
        },
      },
    });
  });

  it('may modify both listeners and read exactly the alarms', () => {
    const statements = t.dataSource('aws_iam_policy_document', 'deploy/role/policy').statement as Array<
      Record<string, unknown>
    >;
    const bySid = Object.fromEntries(statements.map((statement) => [statement.sid, statement.resources]));
    expect(bySid.ShiftListeners).toEqual([PROD_LISTENER, TEST_LISTENER]);
    expect(bySid.ReadRollbackAlarms).toEqual([
      'arn:aws:cloudwatch:us-west-2:123456789012:alarm:api-5xx',
      'arn:aws:cloudwatch:us-west-2:123456789012:alarm:api-latency',
    ]);
  });
});

describe('codeDeployArns and ecsAppSpec', () => {
  it('computes the ARNs of another region from names', () => {
    expect(
      codeDeployArns({
        region: 'us-west-2',
        accountId: ACCOUNT,
        applicationName: 'web-prod',
        deploymentGroupName: 'api',
        deploymentConfigName: 'CodeDeployDefault.ECSLinear10PercentEvery1Minutes',
      }),
    ).toEqual({
      applicationArn: 'arn:aws:codedeploy:us-west-2:123456789012:application:web-prod',
      deploymentGroupArn: 'arn:aws:codedeploy:us-west-2:123456789012:deploymentgroup:web-prod/api',
      deploymentConfigArn:
        'arn:aws:codedeploy:us-west-2:123456789012:deploymentconfig:CodeDeployDefault.ECSLinear10PercentEvery1Minutes',
    });
    expect(
      codeDeployArns({ region: 'cn-north-1', accountId: ACCOUNT, applicationName: 'web' }).deploymentGroupArn,
    ).toBe('arn:aws-cn:codedeploy:cn-north-1:123456789012:deploymentgroup:web/web');
  });

  it('writes an AppSpec with the task definition placeholder, the container and its port', () => {
    expect(ecsAppSpec('api', 8080)).toBe(
      [
        'version: 0.0',
        'Resources:',
        '  - TargetService:',
        '      Type: AWS::ECS::Service',
        '      Properties:',
        '        TaskDefinition: <TASK_DEFINITION>',
        '        LoadBalancerInfo:',
        '          ContainerName: "api"',
        '          ContainerPort: 8080',
        '',
      ].join('\n'),
    );
    expect(() => ecsAppSpec('api', 70000)).toThrow(/containerPort: must be a port from 1 to 65535/);
  });
});

describe('EcsBlueGreenDeployment props validation', () => {
  const cases: Array<BadCase<EcsBlueGreenDeploymentProps>> = [
    [
      'an application name with a space',
      { ...PROPS, applicationName: 'web prod' },
      { path: 'applicationName', value: 'web prod', message: /CodeDeploy name: 1-100/ },
    ],
    [
      'a 101-character group name',
      { ...PROPS, deploymentGroupName: 'g'.repeat(101) },
      { path: 'deploymentGroupName', value: 'g'.repeat(101), message: /CodeDeploy name: 1-100/ },
    ],
    [
      'the same target group twice',
      { ...PROPS, targetGroupNames: ['api-blue', 'api-blue'] },
      { path: 'targetGroupNames', value: ['api-blue', 'api-blue'], message: /two different target groups/ },
    ],
    [
      'one target group',
      { ...PROPS, targetGroupNames: ['api-blue'] as unknown as [string, string] },
      { path: 'targetGroupNames', value: ['api-blue'], message: /exactly two target groups/ },
    ],
    [
      'a server deployment config',
      { ...PROPS, deploymentConfigName: 'CodeDeployDefault.OneAtATime' },
      { path: 'deploymentConfigName', value: 'CodeDeployDefault.OneAtATime', message: /CodeDeployDefault\.ECS\*/ },
    ],
    [
      'three days of blue tasks',
      { ...PROPS, terminateOriginalAfterMinutes: 4320 },
      { path: 'terminateOriginalAfterMinutes', value: 4320, message: /from 0 to 2880/ },
    ],
    [
      'no roles to pass',
      { ...PROPS, passRoleArns: [] },
      { path: 'passRoleArns', value: [], message: /task and execution role ARNs/ },
    ],
    [
      'a user ARN to pass',
      { ...PROPS, passRoleArns: ['arn:aws:iam::123456789012:user/ci'] },
      { path: 'passRoleArns[0]', value: 'arn:aws:iam::123456789012:user/ci', message: /IAM role ARN/ },
    ],
    [
      'a target group ARN as the production listener',
      { ...PROPS, productionListenerArn: 'arn:aws:elasticloadbalancing:us-west-2:123456789012:targetgroup/x/1' },
      {
        path: 'productionListenerArn',
        value: 'arn:aws:elasticloadbalancing:us-west-2:123456789012:targetgroup/x/1',
        message: /listener ARN/,
      },
    ],
    [
      'the production listener as the test listener',
      { ...PROPS, testListenerArn: PROD_LISTENER },
      { path: 'testListenerArn', value: PROD_LISTENER, message: /must differ from productionListenerArn/ },
    ],
    [
      'eleven rollback alarms',
      { ...PROPS, rollbackAlarmNames: Array.from({ length: 11 }, (_, index) => `alarm-${index}`) },
      {
        path: 'rollbackAlarmNames',
        value: Array.from({ length: 11 }, (_, index) => `alarm-${index}`),
        message: /at most 10 alarms/,
      },
    ],
  ];
  rejectsEachCase({
    subject: /EcsBlueGreenDeployment ".*" props/,
    cases,
    build: (stack, id, props) => new EcsBlueGreenDeployment(stack, id, props),
  });
});
