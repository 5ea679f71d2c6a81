/**
 * CodeDeploy blue/green deployments of an ECS service behind an Application Load Balancer.
 *
 * `EcsBlueGreenDeployment` creates:
 *
 * | resource                        | settings                                                                       |
 * | ------------------------------- | ------------------------------------------------------------------------------ |
 * | `aws_codedeploy_app`            | compute platform ECS                                                           |
 * | `aws_codedeploy_deployment_group` | BLUE_GREEN with traffic control; traffic moves as soon as the green tasks are |
 * |                                 | ready; blue tasks end `terminateOriginalAfterMinutes` later; rollback on       |
 * |                                 | failure (and on alarm when `rollbackAlarmNames`); the target group pair on the |
 * |                                 | production (and test) listener                                                 |
 * | role (`ServiceRole`)            | trusted by codedeploy.amazonaws.com for this account; least privilege instead  |
 * |                                 | of AWSCodeDeployRoleForECS: task sets of exactly this service, exactly these   |
 * |                                 | listeners and their rules, these alarms, PassRole of the task roles to ECS     |
 * |                                 | tasks, and the load balancer Describe* reads (AWS authorizes them on `*` only) |
 *
 * The ECS service must use the `CODE_DEPLOY` deployment controller and start on the first target group. A pipeline in
 * another region names the application, group and config by ARN: `codeDeployArns` computes them from names, so no
 * stack looks another up. `ecsAppSpec` writes the AppSpec a CodePipeline `CodeDeployToECS` action fills in.
 */
import { CodedeployApp } from '@cdktf/provider-aws/lib/codedeploy-app';
import { CodedeployDeploymentGroup } from '@cdktf/provider-aws/lib/codedeploy-deployment-group';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import { awsPartition, checkInteger, isLiteral, isToken } from '../core/checks';
import { ServiceRole, type PolicyStatement } from '../core/service-role';
import { assertNoIssues, joinPath, type ValidationIssue } from '../core/validation';

export interface EcsBlueGreenDeploymentProps {
  /** CodeDeploy application name (1-100 of A-Za-z0-9._-); also the deployment group's unless deploymentGroupName. Required. */
  readonly applicationName: string;
  /** The deployment group's name. Default: applicationName. */
  readonly deploymentGroupName?: string;
  /** The account of the service (role trust `aws:SourceAccount`, ARNs). Required. */
  readonly accountId: string;
  /** The region of the service (ARNs). Required. */
  readonly region: string;
  /** The ECS cluster's name. Required. */
  readonly clusterName: string;
  /** The ECS service's name (deployment controller CODE_DEPLOY). Required. */
  readonly serviceName: string;
  /** The listener that carries production traffic. Required. */
  readonly productionListenerArn: string;
  /** A listener that routes test traffic to the green tasks before the switch. Default: none. */
  readonly testListenerArn?: string;
  /** The blue and the green target group NAMES (the service starts on the first). Required, exactly two, different. */
  readonly targetGroupNames: readonly [string, string];
  /** `CodeDeployDefault.ECS*`: how traffic moves. Default: `CodeDeployDefault.ECSAllAtOnce`. */
  readonly deploymentConfigName?: string;
  /** Minutes the original (blue) tasks keep running after traffic moved, 0-2880. Default: 5. */
  readonly terminateOriginalAfterMinutes?: number;
  /** CloudWatch alarm names (at most 10) that stop and roll back a deployment. Default: none. */
  readonly rollbackAlarmNames?: readonly string[];
  /** Roles of the task definitions the deployments run (iam:PassRole to ecs-tasks). Required, at least one. */
  readonly passRoleArns: readonly string[];
  /** Tags beside the provider's default tags. Default: none. */
  readonly tags?: Readonly<Record<string, string>>;
}

export const DEFAULT_ECS_DEPLOYMENT_CONFIG = 'CodeDeployDefault.ECSAllAtOnce';

export class EcsBlueGreenDeployment extends Construct {
  readonly application: CodedeployApp;
  readonly deploymentGroup: CodedeployDeploymentGroup;
  readonly role: ServiceRole;
  readonly applicationName: string;
  readonly applicationArn: string;
  readonly deploymentGroupName: string;
  readonly deploymentGroupArn: string;
  readonly deploymentConfigArn: string;

  constructor(scope: Construct, id: string, props: EcsBlueGreenDeploymentProps) {
    super(scope, id);
    assertNoIssues(`EcsBlueGreenDeployment "${this.node.path}" props`, validateEcsBlueGreenDeploymentProps(props));
    const groupName = props.deploymentGroupName ?? props.applicationName;
    const deploymentConfigName = props.deploymentConfigName ?? DEFAULT_ECS_DEPLOYMENT_CONFIG;
    const alarms = props.rollbackAlarmNames ?? [];
    const tags = props.tags ? { ...props.tags } : undefined;
    this.role = new ServiceRole(this, 'role', {
      roleName: `${groupName.slice(0, 53)}-codedeploy`,
      description: `CodeDeploy blue/green of ECS service ${props.clusterName}/${props.serviceName}`,
      trust: { service: 'codedeploy.amazonaws.com', sourceAccount: props.accountId },
      statements: codeDeployEcsRoleStatements(props),
      tags,
    });
    this.application = new CodedeployApp(this, 'application', {
      name: props.applicationName,
      computePlatform: 'ECS',
      tags,
    });
    const listener = (arn: string) => ({ listenerArns: [arn] });
    this.deploymentGroup = new CodedeployDeploymentGroup(this, 'deployment-group', {
      appName: this.application.name,
      deploymentGroupName: groupName,
      serviceRoleArn: this.role.roleArn,
      deploymentConfigName,
      deploymentStyle: { deploymentType: 'BLUE_GREEN', deploymentOption: 'WITH_TRAFFIC_CONTROL' },
      blueGreenDeploymentConfig: {
        deploymentReadyOption: { actionOnTimeout: 'CONTINUE_DEPLOYMENT' },
        terminateBlueInstancesOnDeploymentSuccess: {
          action: 'TERMINATE',
          terminationWaitTimeInMinutes: props.terminateOriginalAfterMinutes ?? 5,
        },
      },
      autoRollbackConfiguration: {
        enabled: true,
        events: alarms.length > 0 ? ['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_ALARM'] : ['DEPLOYMENT_FAILURE'],
      },
      alarmConfiguration: alarms.length > 0 ? { enabled: true, alarms: [...alarms] } : undefined,
      ecsService: { clusterName: props.clusterName, serviceName: props.serviceName },
      loadBalancerInfo: {
        targetGroupPairInfo: {
          prodTrafficRoute: listener(props.productionListenerArn),
          testTrafficRoute: props.testListenerArn ? listener(props.testListenerArn) : undefined,
          targetGroup: props.targetGroupNames.map((name) => ({ name })),
        },
      },
      tags,
      // CodeDeploy checks the role's permissions when the group is created.
      dependsOn: this.role.inlinePolicy ? [this.role.inlinePolicy] : undefined,
    });
    const arns = codeDeployArns({
      region: props.region,
      accountId: props.accountId,
      applicationName: props.applicationName,
      deploymentGroupName: groupName,
      deploymentConfigName,
    });
    this.applicationName = this.application.name;
    this.applicationArn = arns.applicationArn;
    this.deploymentGroupName = this.deploymentGroup.deploymentGroupName;
    this.deploymentGroupArn = this.deploymentGroup.arn;
    this.deploymentConfigArn = arns.deploymentConfigArn;
  }
}

/** The ARNs of an application/deployment group/config by name, for a stack in another region. */
export function codeDeployArns(p: {
  readonly partition?: string;
  readonly region: string;
  readonly accountId: string;
  readonly applicationName: string;
  /** Default: applicationName. */
  readonly deploymentGroupName?: string;
  /** Default: `CodeDeployDefault.ECSAllAtOnce`. */
  readonly deploymentConfigName?: string;
}): { applicationArn: string; deploymentGroupArn: string; deploymentConfigArn: string } {
  const prefix = `arn:${p.partition ?? partitionOf(p.region)}:codedeploy:${p.region}:${p.accountId}`;
  return {
    applicationArn: `${prefix}:application:${p.applicationName}`,
    deploymentGroupArn: `${prefix}:deploymentgroup:${p.applicationName}/${p.deploymentGroupName ?? p.applicationName}`,
    deploymentConfigArn: `${prefix}:deploymentconfig:${p.deploymentConfigName ?? DEFAULT_ECS_DEPLOYMENT_CONFIG}`,
  };
}

/**
 * The AppSpec (YAML) of an ECS blue/green deployment: CodePipeline's CodeDeployToECS action replaces
 * `<TASK_DEFINITION>` with the task definition it registers; traffic goes to `containerName` on `containerPort`.
 */
export function ecsAppSpec(containerName: string, containerPort: number): string {
  assertNoIssues('ecsAppSpec arguments', [
    ...(isLiteral(containerName) && /^[A-Za-z0-9_-]{1,255}$/.test(containerName)
      ? []
      : [{ path: 'containerName', value: containerName, message: 'must be a container name (1-255 of A-Za-z0-9_-)' }]),
    ...checkInteger('containerPort', containerPort, 1, 65535, 'a port'),
  ]);
  return [
    'version: 0.0',
    'Resources:',
    '  - TargetService:',
    '      Type: AWS::ECS::Service',
    '      Properties:',
    '        TaskDefinition: <TASK_DEFINITION>',
    '        LoadBalancerInfo:',
    `          ContainerName: "${containerName}"`,
    `          ContainerPort: ${containerPort}`,
    '',
  ].join('\n');
}

/** The CodeDeploy role: exactly this service's task sets, these listeners and alarms, the task roles. */
export function codeDeployEcsRoleStatements(props: EcsBlueGreenDeploymentProps): PolicyStatement[] {
  const partition = partitionOf(props.region);
  const ecs = `arn:${partition}:ecs:${props.region}:${props.accountId}`;
  const listeners = [props.productionListenerArn, ...(props.testListenerArn ? [props.testListenerArn] : [])];
  const alarms = props.rollbackAlarmNames ?? [];
  const statements: PolicyStatement[] = [
    {
      sid: 'ServiceTaskSets',
      actions: ['ecs:DescribeServices', 'ecs:CreateTaskSet', 'ecs:UpdateServicePrimaryTaskSet', 'ecs:DeleteTaskSet'],
      resources: [
        `${ecs}:service/${props.clusterName}/${props.serviceName}`,
        `${ecs}:task-set/${props.clusterName}/${props.serviceName}/*`,
      ],
    },
    // The load balancer reads have no resource-level permissions: AWS authorizes them on * only.
    {
      sid: 'ReadLoadBalancing',
      actions: [
        'elasticloadbalancing:DescribeTargetGroups',
        'elasticloadbalancing:DescribeListeners',
        'elasticloadbalancing:DescribeRules',
      ],
      resources: ['*'],
    },
    { sid: 'ShiftListeners', actions: ['elasticloadbalancing:ModifyListener'], resources: listeners },
    {
      sid: 'ShiftListenerRules',
      actions: ['elasticloadbalancing:ModifyRule'],
      resources: listeners.map(listenerRules),
    },
  ];
  if (alarms.length > 0) {
    statements.push({
      sid: 'ReadRollbackAlarms',
      actions: ['cloudwatch:DescribeAlarms'],
      resources: alarms.map((name) => `arn:${partition}:cloudwatch:${props.region}:${props.accountId}:alarm:${name}`),
    });
  }
  statements.push(passRolesToEcsTasks(props.passRoleArns));
  return statements;
}

/** `iam:PassRole` on exactly these roles, and only to ECS tasks (what a task definition's roles need). */
export function passRolesToEcsTasks(roleArns: readonly string[]): PolicyStatement {
  return {
    sid: 'PassTaskRoles',
    actions: ['iam:PassRole'],
    resources: [...new Set(roleArns)],
    conditions: [{ test: 'StringEquals', variable: 'iam:PassedToService', values: ['ecs-tasks.amazonaws.com'] }],
  };
}

/** `...:listener/app/<lb>/<id>/<listener>` → `...:listener-rule/app/<lb>/<id>/<listener>/*`; a token through Terraform. */
function listenerRules(listenerArn: string): string {
  const rules = isToken(listenerArn)
    ? Fn.replace(listenerArn, ':listener/', ':listener-rule/')
    : listenerArn.replace(':listener/', ':listener-rule/');
  return `${rules}/*`;
}

function partitionOf(region: string): string {
  return isLiteral(region) ? awsPartition(region) : 'aws';
}

const CODEDEPLOY_NAME = /^[A-Za-z0-9._-]{1,100}$/;
const ECS_DEPLOYMENT_CONFIG = /^CodeDeployDefault\.ECS[A-Za-z0-9]+$/;
const TARGET_GROUP_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?$/;
const LISTENER_ARN = /^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:\d{12}:listener\/(app|net)\/.+$/;
/** A role's ARN, or the ARNs of the roles whose name starts with a prefix (`role/<prefix>*`: roles named by Terraform's `name_prefix`). */
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+\*?$/;

/** A CodeDeploy application or deployment group name: 1-100 of A-Za-z0-9._-. A token passes. */
export function checkCodeDeployName(path: string, name: string): ValidationIssue[] {
  if (!isLiteral(name) || CODEDEPLOY_NAME.test(name)) return [];
  return [{ path, value: name, message: 'must be a CodeDeploy name: 1-100 of A-Za-z0-9._-' }];
}

/** A predefined ECS deployment config, `CodeDeployDefault.ECS*` (e.g. ECSAllAtOnce, ECSCanary10Percent5Minutes). */
export function checkEcsDeploymentConfigName(path: string, name: string): ValidationIssue[] {
  if (!isLiteral(name) || ECS_DEPLOYMENT_CONFIG.test(name)) return [];
  const message = 'must be an ECS deployment config, CodeDeployDefault.ECS* (e.g. CodeDeployDefault.ECSAllAtOnce)';
  return [{ path, value: name, message }];
}

/** IAM role ARNs passed to ECS tasks: at least one, each a role ARN. */
export function checkPassRoleArns(path: string, arns: readonly string[] | undefined): ValidationIssue[] {
  if (!arns || arns.length === 0) {
    return [{ path, value: arns, message: 'must list the task and execution role ARNs the task definitions name' }];
  }
  return arns.flatMap((arn, index) =>
    !isLiteral(arn) || ROLE_ARN.test(arn)
      ? []
      : [
          {
            path: joinPath(path, index),
            value: arn,
            message: 'must be an IAM role ARN, arn:aws:iam::<account>:role/<name> (or role/<name prefix>*)',
          },
        ],
  );
}

/** Minutes the original tasks keep running after traffic moved: a whole number from 0 to 2880 (two days). */
export function checkTerminateOriginalAfterMinutes(path: string, minutes: number): ValidationIssue[] {
  return checkInteger(path, minutes, 0, 2880, 'a whole number of minutes');
}

/** The blue and green target group names: exactly two, different, each a target group name. Tokens pass. */
export function checkTargetGroupPair(path: string, names: readonly string[] | undefined): ValidationIssue[] {
  const groups = names ?? [];
  if (groups.length !== 2) {
    return [{ path, value: groups, message: 'must name exactly two target groups (blue, green)' }];
  }
  const issues: ValidationIssue[] = groups.flatMap((name, index) =>
    isLiteral(name) && !TARGET_GROUP_NAME.test(name)
      ? [
          {
            path: joinPath(path, index),
            value: name,
            message: 'must be a target group name: 1-32 of A-Za-z0-9-, not starting or ending with -',
          },
        ]
      : [],
  );
  if (groups[0] === groups[1]) {
    issues.push({ path, value: groups, message: 'must be two different target groups (blue and green)' });
  }
  return issues;
}

/** Alarms that roll a deployment back: at most 10 (CodeDeploy's limit), each a name of 1-255 characters. */
export function checkRollbackAlarmNames(path: string, names: readonly string[]): ValidationIssue[] {
  const issues: ValidationIssue[] =
    names.length > 10 ? [{ path, value: names, message: 'must list at most 10 alarms (CodeDeploy limit)' }] : [];
  names.forEach((name, index) => {
    if (isLiteral(name) && (name.trim() === '' || name.length > 255)) {
      issues.push({ path: joinPath(path, index), value: name, message: 'must be an alarm name (1-255)' });
    }
  });
  return issues;
}

/** Every rule the constructor enforces, as a pure function. */
export function validateEcsBlueGreenDeploymentProps(props: EcsBlueGreenDeploymentProps): ValidationIssue[] {
  const issues = [
    ...checkCodeDeployName('applicationName', props.applicationName),
    ...(props.deploymentGroupName === undefined
      ? []
      : checkCodeDeployName('deploymentGroupName', props.deploymentGroupName)),
    ...checkEcsDeploymentConfigName(
      'deploymentConfigName',
      props.deploymentConfigName ?? DEFAULT_ECS_DEPLOYMENT_CONFIG,
    ),
    ...checkTerminateOriginalAfterMinutes('terminateOriginalAfterMinutes', props.terminateOriginalAfterMinutes ?? 5),
    ...checkPassRoleArns('passRoleArns', props.passRoleArns),
  ];
  if (isLiteral(props.accountId) && !/^\d{12}$/.test(props.accountId)) {
    issues.push({ path: 'accountId', value: props.accountId, message: 'must be a 12-digit AWS account id' });
  }
  if (isLiteral(props.region) && !/^[a-z]{2}(-[a-z]+)+-\d$/.test(props.region)) {
    issues.push({ path: 'region', value: props.region, message: 'must be an AWS region like us-east-1' });
  }
  for (const field of ['clusterName', 'serviceName'] as const) {
    const value = props[field];
    if (isLiteral(value) && !/^[A-Za-z0-9_-]{1,255}$/.test(value)) {
      issues.push({ path: field, value, message: 'must be an ECS name: 1-255 of A-Za-z0-9_-' });
    }
  }
  const listeners: Array<[string, string | undefined]> = [['productionListenerArn', props.productionListenerArn]];
  if (props.testListenerArn !== undefined) listeners.push(['testListenerArn', props.testListenerArn]);
  for (const [path, arn] of listeners) {
    if (arn === undefined || (isLiteral(arn) && !LISTENER_ARN.test(arn))) {
      const message =
        'must be a load balancer listener ARN, arn:aws:elasticloadbalancing:<region>:<account>:listener/...';
      issues.push({ path, value: arn, message });
    }
  }
  if (props.testListenerArn !== undefined && props.testListenerArn === props.productionListenerArn) {
    const message = 'must differ from productionListenerArn (test traffic needs its own listener)';
    issues.push({ path: 'testListenerArn', value: props.testListenerArn, message });
  }
  issues.push(
    ...checkTargetGroupPair('targetGroupNames', props.targetGroupNames),
    ...checkRollbackAlarmNames('rollbackAlarmNames', props.rollbackAlarmNames ?? []),
  );
  return issues;
}
