/**
 * An EC2 Auto Scaling group of Docker hosts for a web tier behind an ALB target group: each instance installs Docker,
 * pulls one image from ECR and runs it with its logs in CloudWatch Logs; two CPU alarms drive +1/−1 scaling.
 *
 * - launch template: `image_id = "resolve:ssm:<parameter>"` (EC2 resolves the AMI at each launch, so there is no
 *   aws_ami data source and the stack plans offline), IMDSv2 only, an encrypted root volume, user data from
 *   user-data.ts;
 * - the group: private subnets, ELB health checks when target groups are given, a rolling instance refresh for every
 *   new launch-template version, group metrics;
 * - scaling: simple-scaling policies +1 / −1 with a cooldown, each driven by a CPUUtilization alarm on the group;
 * - IAM: an instance role (write to its log group, PutMetricData in one namespace, pull from one ECR repository, SSM
 *   Session Manager) and its instance profile;
 * - network: a security group with no ingress (wire the ALB with `allowTraffic`), SSH only from named CIDRs, egress
 *   443 (ECR, CloudWatch, SSM) and 80 (Amazon Linux 2 package repositories).
 *
 * Choices worth knowing:
 * - The ASG's launch template version is the template's `latest_version`, not `$Latest`: the provider starts an
 *   instance refresh only when the `launch_template` block changes, which `$Latest` never does.
 * - A new AMI behind the SSM parameter reaches instances as they are replaced; it changes nothing in the plan.
 * - `desired_capacity` is ignored after creation (`lifecycle.ignore_changes`): the scaling policies own it, and an
 *   apply must not reset a scaled-out group. Change it in the console/CLI, or through min/max.
 * - Simple scaling (not step scaling) because its `cooldown` (300 seconds by default) keeps the group from flapping.
 * - The alarm period defaults to 60 s with detailed monitoring (1-minute EC2 metrics) and 300 s without it: a
 *   shorter period than the metric's resolution leaves the alarm without data.
 * - Egress 80 is on by default because Amazon Linux 2 reaches its yum repositories (and `amazon-linux-extras`) over
 *   HTTP outside the China and isolated regions (`/etc/yum/vars/awsproto`; packages are GPG-signed). Turn it off with
 *   an AMI that needs no package download at boot (Docker baked in) or whose repositories use HTTPS (AL2023).
 * - The role's trust policy has no `aws:SourceAccount` condition: EC2 does not send that key when it assumes an
 *   instance-profile role (it is not on AWS's list of services that do), so the condition would leave every instance
 *   without credentials. Only an instance profile in this account can hand the role to an instance.
 * - The user data is `base64encode("<script>")` evaluated by Terraform, so tokens (an ECR repository URL, a cache
 *   endpoint) can sit in the image and the environment; see user-data.ts for the escaping.
 */
import { AutoscalingGroup } from '@cdktf/provider-aws/lib/autoscaling-group';
import { AutoscalingPolicy } from '@cdktf/provider-aws/lib/autoscaling-policy';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { IamInstanceProfile } from '@cdktf/provider-aws/lib/iam-instance-profile';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { Fn, Token } from 'cdktf';
import { Construct } from 'constructs';
import { DOCKER_IMAGE_TAG } from '../core/checks';
import { checkCidr, parseIpv4Cidr } from '../core/cidr';
import { SecurityGroup, type SecurityGroupRule } from '../core/security-group';
import { assertNoIssues, checkLogRetention, joinPath, type ValidationIssue } from '../core/validation';
import { renderUserData, terraformStringArgument, type UserDataInput } from './user-data';

export const DEFAULT_AMI_SSM_PARAMETER = '/aws/service/ami-amazon-linux-latest/amzn2-ami-hvm-x86_64-gp2';
export const ROOT_VOLUME_TYPES = ['gp3', 'gp2'] as const;
export const HEALTH_CHECK_TYPES = ['EC2', 'ELB'] as const;
/** Every group metric Auto Scaling publishes without a warm pool, at 1-minute granularity. */
export const GROUP_METRICS = [
  'GroupMinSize',
  'GroupMaxSize',
  'GroupDesiredCapacity',
  'GroupInServiceInstances',
  'GroupPendingInstances',
  'GroupStandbyInstances',
  'GroupTerminatingInstances',
  'GroupTotalInstances',
] as const;
/** EC2 refuses user data above 16 KB (before base64). */
export const MAX_USER_DATA_BYTES = 16 * 1024;

export interface WebAutoScalingRootVolumeProps {
  /** Root volume size in GiB, at least the AMI's snapshot (8 GiB for Amazon Linux 2). Default: 20. */
  readonly sizeGiB?: number;
  /** EBS volume type, `gp3` or `gp2` (the volume is always encrypted). Default: `gp3`. */
  readonly type?: (typeof ROOT_VOLUME_TYPES)[number];
  /** KMS key (ARN or id) for the volume. Default: the account's default EBS key (`aws/ebs`). */
  readonly kmsKeyId?: string;
}

export interface WebAutoScalingCapacityProps {
  /** Fewest instances. Default: 2 (one per AZ across two private subnets). */
  readonly min?: number;
  /** Most instances. Default: 6. */
  readonly max?: number;
  /** Instances at creation; min ≤ desired ≤ max. Ignored afterwards (the scaling policies own it). Default: 2. */
  readonly desired?: number;
}

export interface WebAutoScalingInstanceRefreshProps {
  /** Share of the group that stays in service while a rolling refresh replaces instances, 0–100. Default: 50. */
  readonly minHealthyPercentage?: number;
}

export interface WebAutoScalingContainerProps {
  /** Image to run, `<repository url>:<tag>` (or `@sha256:<digest>`); may be a token. Required. */
  readonly image: string;
  /** ARN of the ECR repository the image comes from; the only repository the instances may pull. Required. */
  readonly repositoryArn: string;
  /** Registry host for `docker login`. Default: the account's private registry, `<accountId>.dkr.ecr.<region>.amazonaws.com`. */
  readonly registry?: string;
  /** Port the application listens on inside the container. Default: 8080. */
  readonly containerPort?: number;
  /** Port published on the instance (`-p host:container`); the target group's port. Default: 8080. */
  readonly hostPort?: number;
  /**
   * Environment variables (`-e KEY='value'`). Keys match `[A-Za-z_][A-Za-z0-9_]*`; values are single-quoted and may
   * not contain line breaks. They are readable in the launch template's user data: no secrets here. Default: none.
   */
  readonly environment?: Readonly<Record<string, string>>;
  /** CloudWatch Logs group for the container's output, e.g. `/aws/ec2/dev/backend`; the module creates it. Required. */
  readonly logGroupName: string;
}

export interface WebAutoScalingScalingProps {
  /** Seconds after a scaling activity before another may start (simple-scaling cooldown). Default: 300. */
  readonly cooldownSeconds?: number;
  /** Average CPU % above which the group grows by one instance, 1–100. Default: 70. */
  readonly scaleUpCpuPercent?: number;
  /** Average CPU % below which the group shrinks by one instance, 1–100 and below scaleUpCpuPercent. Default: 30. */
  readonly scaleDownCpuPercent?: number;
  /**
   * Alarm period in seconds, a multiple of 60 (at least 300 without detailed monitoring).
   * Default: 60 with detailed monitoring, 300 without.
   */
  readonly periodSeconds?: number;
  /** Consecutive periods the threshold must be crossed before the alarm acts. Default: 2. */
  readonly evaluationPeriods?: number;
}

export interface WebAutoScalingGroupProps {
  /** Prefix of resource names (`<name>-asg`, `<name>-instances`, ...): letters, digits, hyphens, up to 40. Default: the construct id. */
  readonly name?: string;
  /** AWS account id (12 digits): the role's trust condition and the default ECR registry. Required. */
  readonly accountId: string;
  /** AWS region, e.g. `us-east-1`: ECR login and the awslogs driver. Required. */
  readonly region: string;
  /** AWS partition for managed-policy ARNs. Default: `aws`. */
  readonly partition?: string;
  /** VPC of the instances' security group. Required. */
  readonly vpcId: string;
  /** Subnets the group launches into: private subnets, one or more AZs. Required. */
  readonly subnetIds: readonly string[];
  /** EC2 instance type; must match the AMI's architecture. Default: `t3.medium`. */
  readonly instanceType?: string;
  /**
   * SSM parameter holding the AMI id, resolved by EC2 at each launch (`resolve:ssm:<parameter>`).
   * Default: `/aws/service/ami-amazon-linux-latest/amzn2-ami-hvm-x86_64-gp2` (latest Amazon Linux 2, x86_64).
   */
  readonly amiSsmParameter?: string;
  /** Root EBS volume (`/dev/xvda`), always encrypted. Default: 20 GiB gp3 with the default EBS key. */
  readonly rootVolume?: WebAutoScalingRootVolumeProps;
  /**
   * IMDSv2 response hop limit, 1–64; IMDSv2 itself is always required. SDKs inside bridge-networked containers are one
   * hop further away (through docker0) and need 2 to get the instance role's credentials; 1 keeps them from it.
   * Default: 2.
   */
  readonly metadataHopLimit?: number;
  /** EC2 detailed monitoring (1-minute metrics, needed for 60 s alarm periods). Default: true. */
  readonly detailedMonitoring?: boolean;
  /** Group size. Default: min 2, max 6, desired 2. */
  readonly capacity?: WebAutoScalingCapacityProps;
  /** `ELB` (target group health checks replace instances) or `EC2`. Default: `ELB` when targetGroupArns is not empty, else `EC2`. */
  readonly healthCheckType?: (typeof HEALTH_CHECK_TYPES)[number];
  /** Seconds after launch before health checks count (Docker install + image pull). Default: 300. */
  readonly healthCheckGracePeriodSeconds?: number;
  /** ALB target groups the instances register with. Default: none. */
  readonly targetGroupArns?: readonly string[];
  /** Rolling instance refresh, started whenever the launch template gets a new version. Default: 50% min healthy. */
  readonly instanceRefresh?: WebAutoScalingInstanceRefreshProps;
  /** The application container. Required. */
  readonly container: WebAutoScalingContainerProps;
  /** Days the container log group keeps events; a CloudWatch Logs retention value. Default: 30. */
  readonly logRetentionInDays?: number;
  /** KMS key ARN for the container log group. Default: none (CloudWatch Logs' own encryption at rest). */
  readonly logKmsKeyArn?: string;
  /** CPU scaling: thresholds, cooldown, alarm period. Default: +1 above 70%, −1 below 30%, 300 s cooldown, 2 × 60 s. */
  readonly scaling?: WebAutoScalingScalingProps;
  /** Name of the instance role (and its instance profile). Default: `<name>-EC2CloudWatchRole`. */
  readonly instanceRoleName?: string;
  /** The only CloudWatch metrics namespace the instances may publish to (e.g. by the CloudWatch agent). Default: `CWAgent`. */
  readonly metricsNamespace?: string;
  /** IPv4 CIDRs allowed to SSH (port 22) to the instances. Default: none (no SSH rule; use SSM Session Manager). */
  readonly sshCidrs?: readonly string[];
  /** Accept `0.0.0.0/0` in sshCidrs: the explicit, weaker choice. Default: false. */
  readonly allowSshFromAnywhere?: boolean;
  /** EC2 key pair for SSH. Default: none. */
  readonly sshKeyName?: string;
  /** Egress to port 80 anywhere, for Amazon Linux 2's HTTP package repositories. Default: true. */
  readonly allowHttpEgress?: boolean;
  /** Tags on every resource of the module (and the instances and volumes), beside the provider's default tags. Default: none. */
  readonly tags?: Readonly<Record<string, string>>;
}

/** Props with every default applied, as the constructor uses them. */
interface ResolvedProps {
  readonly name: string;
  readonly partition: string;
  readonly instanceType: string;
  readonly amiSsmParameter: string;
  readonly rootVolume: { readonly sizeGiB: number; readonly type: string; readonly kmsKeyId?: string };
  readonly metadataHopLimit: number;
  readonly detailedMonitoring: boolean;
  readonly capacity: { readonly min: number; readonly max: number; readonly desired: number };
  readonly targetGroupArns: readonly string[];
  readonly healthCheckType: string;
  readonly healthCheckGracePeriodSeconds: number;
  readonly minHealthyPercentage: number;
  readonly registry: string;
  readonly containerPort: number;
  readonly hostPort: number;
  readonly environment: Readonly<Record<string, string>>;
  readonly logRetentionInDays: number;
  readonly scaling: {
    readonly cooldownSeconds: number;
    readonly scaleUpCpuPercent: number;
    readonly scaleDownCpuPercent: number;
    readonly periodSeconds: number;
    readonly evaluationPeriods: number;
  };
  readonly instanceRoleName: string;
  readonly metricsNamespace: string;
  readonly sshCidrs: readonly string[];
  readonly allowSshFromAnywhere: boolean;
  readonly allowHttpEgress: boolean;
}

function resolveWebAutoScalingProps(props: WebAutoScalingGroupProps, defaultName: string): ResolvedProps {
  const name = props.name ?? defaultName;
  const targetGroupArns = props.targetGroupArns ?? [];
  const detailedMonitoring = props.detailedMonitoring ?? true;
  const dnsSuffix = props.region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
  return {
    name,
    partition: props.partition ?? 'aws',
    instanceType: props.instanceType ?? 't3.medium',
    amiSsmParameter: props.amiSsmParameter ?? DEFAULT_AMI_SSM_PARAMETER,
    rootVolume: {
      sizeGiB: props.rootVolume?.sizeGiB ?? 20,
      type: props.rootVolume?.type ?? 'gp3',
      kmsKeyId: props.rootVolume?.kmsKeyId,
    },
    metadataHopLimit: props.metadataHopLimit ?? 2,
    detailedMonitoring,
    capacity: {
      min: props.capacity?.min ?? 2,
      max: props.capacity?.max ?? 6,
      desired: props.capacity?.desired ?? 2,
    },
    targetGroupArns,
    healthCheckType: props.healthCheckType ?? (targetGroupArns.length > 0 ? 'ELB' : 'EC2'),
    healthCheckGracePeriodSeconds: props.healthCheckGracePeriodSeconds ?? 300,
    minHealthyPercentage: props.instanceRefresh?.minHealthyPercentage ?? 50,
    registry: props.container.registry ?? `${props.accountId}.dkr.ecr.${props.region}.${dnsSuffix}`,
    containerPort: props.container.containerPort ?? 8080,
    hostPort: props.container.hostPort ?? 8080,
    environment: props.container.environment ?? {},
    logRetentionInDays: props.logRetentionInDays ?? 30,
    scaling: {
      cooldownSeconds: props.scaling?.cooldownSeconds ?? 300,
      scaleUpCpuPercent: props.scaling?.scaleUpCpuPercent ?? 70,
      scaleDownCpuPercent: props.scaling?.scaleDownCpuPercent ?? 30,
      periodSeconds: props.scaling?.periodSeconds ?? (detailedMonitoring ? 60 : 300),
      evaluationPeriods: props.scaling?.evaluationPeriods ?? 2,
    },
    instanceRoleName: props.instanceRoleName ?? `${name}-EC2CloudWatchRole`,
    metricsNamespace: props.metricsNamespace ?? 'CWAgent',
    sshCidrs: props.sshCidrs ?? [],
    allowSshFromAnywhere: props.allowSshFromAnywhere ?? false,
    allowHttpEgress: props.allowHttpEgress ?? true,
  };
}

export class WebAutoScalingGroup extends Construct {
  readonly autoScalingGroup: AutoscalingGroup;
  readonly autoScalingGroupName: string;
  readonly autoScalingGroupArn: string;
  readonly launchTemplate: LaunchTemplate;
  /** The instances' group: no ingress until a caller adds it (`allowTraffic(alb, this.securityGroup, {port: hostPort})`). */
  readonly securityGroup: SecurityGroup;
  readonly instanceRole: IamRole;
  readonly instanceProfile: IamInstanceProfile;
  readonly logGroup: CloudwatchLogGroup;
  readonly scaleUpPolicy: AutoscalingPolicy;
  readonly scaleDownPolicy: AutoscalingPolicy;
  readonly cpuHighAlarm: CloudwatchMetricAlarm;
  readonly cpuLowAlarm: CloudwatchMetricAlarm;
  /** The rendered user-data script before base64 (tokens still unresolved). */
  readonly userData: string;
  /** The port the container is published on: the target group's port and the ALB → instances rule's port. */
  readonly hostPort: number;

  constructor(scope: Construct, id: string, props: WebAutoScalingGroupProps) {
    super(scope, id);
    assertNoIssues(`WebAutoScalingGroup "${this.node.path}" props`, validateWebAutoScalingProps(props, id));
    const p = resolveWebAutoScalingProps(props, id);
    const userData = renderUserData(webUserDataInput(props, p));
    this.userData = userData;
    this.hostPort = p.hostPort;

    const tags = (suffix: string) => ({ ...props.tags, Name: `${p.name}-${suffix}` });

    this.logGroup = new CloudwatchLogGroup(this, 'log-group', {
      name: props.container.logGroupName,
      retentionInDays: p.logRetentionInDays,
      kmsKeyId: props.logKmsKeyArn,
      tags: tags('container-logs'),
    });

    // --- IAM: what the instances (the Docker daemon, the AWS CLI in user data, the SSM agent) may do.
    const assumeRole = new DataAwsIamPolicyDocument(this, 'instance-assume-role', {
      statement: [
        {
          effect: 'Allow',
          actions: ['sts:AssumeRole'],
          principals: [{ type: 'Service', identifiers: ['ec2.amazonaws.com'] }],
        },
      ],
    });
    this.instanceRole = new IamRole(this, 'instance-role', {
      name: p.instanceRoleName,
      description: `Instances of the ${p.name} Auto Scaling group: container logs, metrics, ECR pull, SSM`,
      assumeRolePolicy: assumeRole.json,
      tags: tags('instance-role'),
    });
    const permissions = new DataAwsIamPolicyDocument(this, 'instance-permissions', {
      statement: [
        {
          sid: 'WriteContainerLogs',
          effect: 'Allow',
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
          resources: [this.logGroup.arn, `${this.logGroup.arn}:*`],
        },
        {
          sid: 'PutMetricsInOwnNamespace',
          effect: 'Allow',
          actions: ['cloudwatch:PutMetricData'],
          // PutMetricData has no resource-level permissions; the namespace condition is what scopes it.
          resources: ['*'],
          condition: [{ test: 'StringEquals', variable: 'cloudwatch:namespace', values: [p.metricsNamespace] }],
        },
        {
          sid: 'EcrLogin',
          effect: 'Allow',
          actions: ['ecr:GetAuthorizationToken'],
          // GetAuthorizationToken is account-wide: AWS accepts only `*` here.
          resources: ['*'],
        },
        {
          sid: 'EcrPullAppImage',
          effect: 'Allow',
          actions: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchCheckLayerAvailability'],
          resources: [props.container.repositoryArn],
        },
      ],
    });
    const rolePolicy = new IamRolePolicy(this, 'instance-role-policy', {
      name: 'container-host',
      role: this.instanceRole.id,
      policy: permissions.json,
    });
    const ssmCore = new IamRolePolicyAttachment(this, 'ssm-managed-instance-core', {
      role: this.instanceRole.name,
      policyArn: `arn:${p.partition}:iam::aws:policy/AmazonSSMManagedInstanceCore`,
    });
    this.instanceProfile = new IamInstanceProfile(this, 'instance-profile', {
      name: p.instanceRoleName,
      role: this.instanceRole.name,
      tags: tags('instance-profile'),
    });

    // --- Network: nothing in by default; out only to what bootstrapping and the agents need.
    const egress: Record<string, SecurityGroupRule> = {
      'https-to-anywhere': {
        description: 'HTTPS to AWS APIs (ECR, CloudWatch, SSM) and the image layers in S3',
        port: 443,
        peer: { cidrIpv4: '0.0.0.0/0' },
      },
    };
    if (p.allowHttpEgress) {
      egress['http-to-anywhere'] = {
        description: 'HTTP to the Amazon Linux 2 package repositories (yum, amazon-linux-extras)',
        port: 80,
        peer: { cidrIpv4: '0.0.0.0/0' },
      };
    }
    const ingress: Record<string, SecurityGroupRule> = {};
    p.sshCidrs.forEach((cidr, index) => {
      ingress[`ssh-${index}`] = { description: `SSH from ${cidr}`, port: 22, peer: { cidrIpv4: cidr } };
    });
    this.securityGroup = new SecurityGroup(this, 'security-group', {
      name: `${p.name}-instances`,
      description: `Instances of the ${p.name} Auto Scaling group`,
      vpcId: props.vpcId,
      ingress,
      egress,
      tags: props.tags,
    });

    // --- Launch template.
    this.launchTemplate = new LaunchTemplate(this, 'launch-template', {
      namePrefix: `${p.name}-`,
      description: `Docker hosts of ${p.name}`,
      imageId: `resolve:ssm:${p.amiSsmParameter}`,
      instanceType: p.instanceType,
      keyName: props.sshKeyName,
      iamInstanceProfile: { arn: this.instanceProfile.arn },
      vpcSecurityGroupIds: [this.securityGroup.securityGroupId],
      metadataOptions: {
        httpEndpoint: 'enabled',
        httpTokens: 'required',
        httpPutResponseHopLimit: p.metadataHopLimit,
        instanceMetadataTags: 'disabled',
      },
      blockDeviceMappings: [
        {
          deviceName: '/dev/xvda',
          ebs: {
            volumeSize: p.rootVolume.sizeGiB,
            volumeType: p.rootVolume.type,
            encrypted: 'true',
            kmsKeyId: p.rootVolume.kmsKeyId,
            deleteOnTermination: 'true',
          },
        },
      ],
      monitoring: { enabled: p.detailedMonitoring },
      tagSpecifications: [
        { resourceType: 'instance', tags: tags('instance') },
        { resourceType: 'volume', tags: tags('root-volume') },
      ],
      updateDefaultVersion: true,
      userData: Fn.base64encode(terraformStringArgument(userData)),
      tags: tags('launch-template'),
    });

    // --- The group.
    this.autoScalingGroup = new AutoscalingGroup(this, 'group', {
      name: `${p.name}-asg`,
      vpcZoneIdentifier: [...props.subnetIds],
      minSize: p.capacity.min,
      maxSize: p.capacity.max,
      desiredCapacity: p.capacity.desired,
      healthCheckType: p.healthCheckType,
      healthCheckGracePeriod: p.healthCheckGracePeriodSeconds,
      targetGroupArns: [...p.targetGroupArns],
      launchTemplate: { id: this.launchTemplate.id, version: Token.asString(this.launchTemplate.latestVersion) },
      instanceRefresh: {
        strategy: 'Rolling',
        preferences: { minHealthyPercentage: p.minHealthyPercentage },
      },
      enabledMetrics: [...GROUP_METRICS],
      metricsGranularity: '1Minute',
      tag: [
        ...Object.entries(props.tags ?? {}).map(([key, value]) => ({ key, value, propagateAtLaunch: true })),
        { key: 'Name', value: `${p.name}-instance`, propagateAtLaunch: true },
      ],
      // Instances need their permissions (ECR pull, logs) from the first boot.
      dependsOn: [rolePolicy, ssmCore],
      lifecycle: { ignoreChanges: ['desired_capacity'] },
    });
    this.autoScalingGroupName = this.autoScalingGroup.name;
    this.autoScalingGroupArn = this.autoScalingGroup.arn;

    // --- Scaling: one instance at a time each way, driven by the group's average CPU.
    const policy = (direction: 'up' | 'down', adjustment: number) =>
      new AutoscalingPolicy(this, `scale-${direction}-policy`, {
        name: `${p.name}-scale-${direction}`,
        autoscalingGroupName: this.autoScalingGroup.name,
        policyType: 'SimpleScaling',
        adjustmentType: 'ChangeInCapacity',
        scalingAdjustment: adjustment,
        cooldown: p.scaling.cooldownSeconds,
      });
    this.scaleUpPolicy = policy('up', 1);
    this.scaleDownPolicy = policy('down', -1);

    const cpuAlarm = (id: string, settings: { comparison: string; threshold: number; policy: AutoscalingPolicy }) =>
      new CloudwatchMetricAlarm(this, id, {
        alarmName: `${p.name}-${id}`,
        alarmDescription: `Average CPU of ${p.name}-asg ${settings.comparison === 'GreaterThanThreshold' ? 'above' : 'below'} ${settings.threshold}% for ${p.scaling.evaluationPeriods} x ${p.scaling.periodSeconds}s`,
        namespace: 'AWS/EC2',
        metricName: 'CPUUtilization',
        dimensions: { AutoScalingGroupName: this.autoScalingGroup.name },
        statistic: 'Average',
        period: p.scaling.periodSeconds,
        evaluationPeriods: p.scaling.evaluationPeriods,
        threshold: settings.threshold,
        comparisonOperator: settings.comparison,
        alarmActions: [settings.policy.arn],
        tags: tags(id),
      });
    this.cpuHighAlarm = cpuAlarm('cpu-high', {
      comparison: 'GreaterThanThreshold',
      threshold: p.scaling.scaleUpCpuPercent,
      policy: this.scaleUpPolicy,
    });
    this.cpuLowAlarm = cpuAlarm('cpu-low', {
      comparison: 'LessThanThreshold',
      threshold: p.scaling.scaleDownCpuPercent,
      policy: this.scaleDownPolicy,
    });
  }
}

const isInteger = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value);
const isPort = (value: unknown) => isInteger(value) && value >= 1 && value <= 65535;
const known = (value: string) => !Token.isUnresolved(value);

const NAME = /^[A-Za-z0-9][A-Za-z0-9-]{0,39}$/;
const IAM_ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
const ACCOUNT_ID = /^\d{12}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;
const INSTANCE_TYPE = /^[a-z][a-z0-9-]*\.[a-z0-9]+$/;
const SSM_PARAMETER = /^(arn:[^\s:]+:ssm:[^\s]+|\/?[A-Za-z0-9_.\-/]+)(:[A-Za-z0-9_.-]+)?$/;
/** `<registry>/<repository>:<tag>` or `@sha256:<digest>`. */
const IMAGE = new RegExp(`^[a-z0-9.-]+(:\\d+)?\\/[a-z0-9._\\-/]+(:${DOCKER_IMAGE_TAG.source}|@sha256:[0-9a-f]{64})$`);
const REGISTRY = /^[a-z0-9.-]+(:\d+)?$/;
const LOG_GROUP_NAME = /^[\w.\-/#]{1,512}$/;
const ENV_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
const METRICS_NAMESPACE = /^[^:\s][^:]{0,254}$/;

function webUserDataInput(props: WebAutoScalingGroupProps, p: ResolvedProps): UserDataInput {
  return {
    region: props.region,
    registry: p.registry,
    image: props.container.image,
    containerPort: p.containerPort,
    hostPort: p.hostPort,
    logGroupName: props.container.logGroupName,
    environment: p.environment,
  };
}

/** Prefix of the group's resource names: 1 to 40 letters, digits or hyphens, starting alphanumeric. */
export function checkWebAutoScalingName(path: string, name: string): ValidationIssue[] {
  if (NAME.test(name)) return [];
  return [{ path, value: name, message: 'must be 1 to 40 letters, digits or hyphens, starting alphanumeric' }];
}

export function checkInstanceType(path: string, instanceType: string): ValidationIssue[] {
  if (!known(instanceType) || INSTANCE_TYPE.test(instanceType)) return [];
  return [{ path, value: instanceType, message: 'must be an EC2 instance type like t3.medium' }];
}

/** An SSM parameter name or ARN holding an AMI id, without the `resolve:ssm:` prefix. */
export function checkAmiSsmParameter(path: string, parameter: string): ValidationIssue[] {
  if (SSM_PARAMETER.test(parameter) && !parameter.startsWith('resolve:')) return [];
  const message = 'must be an SSM parameter name or ARN holding an AMI id (without the resolve:ssm: prefix)';
  return [{ path, value: parameter, message }];
}

/** The root volume: 8 (the Amazon Linux 2 snapshot) to 16384 GiB of one of {@link ROOT_VOLUME_TYPES}. */
export function checkRootVolume(
  paths: { readonly sizeGiB: string; readonly type: string },
  volume: { readonly sizeGiB: number; readonly type: string },
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (!isInteger(volume.sizeGiB) || volume.sizeGiB < 8 || volume.sizeGiB > 16384) {
    const message = 'must be a whole number of GiB from 8 (the Amazon Linux 2 snapshot) to 16384';
    issues.push({ path: paths.sizeGiB, value: volume.sizeGiB, message });
  }
  if (!(ROOT_VOLUME_TYPES as readonly string[]).includes(volume.type)) {
    issues.push({ path: paths.type, value: volume.type, message: `must be one of ${ROOT_VOLUME_TYPES.join(', ')}` });
  }
  return issues;
}

/** Group size: whole numbers, 0 or more (max at least 1), min ≤ desired ≤ max; `base` prefixes `min`, `max`, `desired`. */
export function checkWebCapacity(
  base: string,
  capacity: { readonly min: number; readonly max: number; readonly desired: number },
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const issue = (field: string, value: unknown, message: string) =>
    issues.push({ path: joinPath(base, field), value, message });
  const { min, max, desired } = capacity;
  for (const [field, value] of Object.entries({ min, max, desired })) {
    if (!isInteger(value) || value < 0) issue(field, value, 'must be a whole number of instances, 0 or more');
  }
  if (isInteger(max) && max < 1) issue('max', max, 'must be at least 1');
  if (isInteger(min) && isInteger(max) && min > max)
    issue('min', min, `must not exceed ${joinPath(base, 'max')} ${max}`);
  if (isInteger(desired) && isInteger(min) && isInteger(max) && min <= max && (desired < min || desired > max)) {
    issue('desired', desired, `must be between ${joinPath(base, 'min')} ${min} and ${joinPath(base, 'max')} ${max}`);
  }
  return issues;
}

export function checkHealthCheckType(path: string, type: string): ValidationIssue[] {
  if ((HEALTH_CHECK_TYPES as readonly string[]).includes(type)) return [];
  return [{ path, value: type, message: 'must be "EC2" or "ELB"' }];
}

/** Seconds after launch before health checks count: a whole number, 0 or more. */
export function checkHealthCheckGracePeriod(path: string, seconds: number): ValidationIssue[] {
  if (isInteger(seconds) && seconds >= 0) return [];
  return [{ path, value: seconds, message: 'must be a whole number of seconds, 0 or more' }];
}

/** A container or host port: 1 to 65535. */
export function checkContainerPort(path: string, port: number): ValidationIssue[] {
  return isPort(port) ? [] : [{ path, value: port, message: 'must be a port from 1 to 65535' }];
}

/** The container's environment: shell-safe names, single-line string values; `base` prefixes each name. */
export function checkContainerEnvironment(base: string, environment: Readonly<Record<string, string>>) {
  const issues: ValidationIssue[] = [];
  for (const [key, value] of Object.entries(environment)) {
    const path = joinPath(base, key);
    if (!ENV_KEY.test(key)) {
      issues.push({ path, value: key, message: 'is not a valid variable name; names match [A-Za-z_][A-Za-z0-9_]*' });
    }
    if (typeof value !== 'string') issues.push({ path, value, message: 'must be a string' });
    else if (/[\r\n\0]/.test(value)) {
      issues.push({ path, value, message: 'must not contain line breaks or NUL characters' });
    }
  }
  return issues;
}

/**
 * CPU scaling: cooldown ≥ 0 s, thresholds 1-100 with scale-down below scale-up, a period in whole minutes (at least 5
 * without detailed monitoring), evaluation periods ≥ 1 and at most one day in all; `base` prefixes the field names.
 */
export function checkWebScaling(
  base: string,
  scaling: {
    readonly cooldownSeconds: number;
    readonly scaleUpCpuPercent: number;
    readonly scaleDownCpuPercent: number;
    readonly periodSeconds: number;
    readonly evaluationPeriods: number;
  },
  detailedMonitoring: boolean,
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const at = (field: string) => joinPath(base, field);
  const issue = (field: string, value: unknown, message: string) => issues.push({ path: at(field), value, message });
  const { cooldownSeconds, scaleUpCpuPercent, scaleDownCpuPercent, periodSeconds, evaluationPeriods } = scaling;
  if (!isInteger(cooldownSeconds) || cooldownSeconds < 0) {
    issue('cooldownSeconds', cooldownSeconds, 'must be a whole number of seconds, 0 or more');
  }
  const isPercent = (value: number) => typeof value === 'number' && value >= 1 && value <= 100;
  if (!isPercent(scaleUpCpuPercent)) issue('scaleUpCpuPercent', scaleUpCpuPercent, 'must be from 1 to 100');
  if (!isPercent(scaleDownCpuPercent)) {
    issue('scaleDownCpuPercent', scaleDownCpuPercent, 'must be from 1 to 100');
  } else if (isPercent(scaleUpCpuPercent) && scaleDownCpuPercent >= scaleUpCpuPercent) {
    issue('scaleDownCpuPercent', scaleDownCpuPercent, `must be below ${at('scaleUpCpuPercent')} ${scaleUpCpuPercent}`);
  }
  const minimumPeriod = detailedMonitoring ? 60 : 300;
  if (!isInteger(periodSeconds) || periodSeconds < minimumPeriod || periodSeconds % 60 !== 0) {
    const why = detailedMonitoring ? '' : ' (EC2 publishes 5-minute metrics without detailed monitoring)';
    issue('periodSeconds', periodSeconds, `must be a multiple of 60, at least ${minimumPeriod}${why}`);
  }
  if (!isInteger(evaluationPeriods) || evaluationPeriods < 1) {
    issue('evaluationPeriods', evaluationPeriods, 'must be a whole number, 1 or more');
  } else if (isInteger(periodSeconds) && periodSeconds * evaluationPeriods > 86400) {
    issue('evaluationPeriods', evaluationPeriods, `times ${at('periodSeconds')} must not exceed one day (86400 s)`);
  }
  return issues;
}

/**
 * SSH sources: IPv4 CIDRs, and `/0` only with `allowSshFromAnywhere`; `base` is the list's path. `howToAllow` ends the
 * message for `/0` (a caller that derives the flag says how it is set there).
 */
export function checkSshCidrs(
  base: string,
  cidrs: readonly string[],
  allowSshFromAnywhere: boolean,
  howToAllow = 'or set allowSshFromAnywhere: true',
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  cidrs.forEach((cidr, index) => {
    const path = joinPath(base, index);
    if (!known(cidr)) return;
    const cidrIssues = checkCidr(path, cidr);
    issues.push(...cidrIssues);
    const range = cidrIssues.length === 0 ? parseIpv4Cidr(cidr) : undefined;
    if (range && typeof range !== 'string' && range.prefixLength === 0 && !allowSshFromAnywhere) {
      const message = `opens SSH to the whole internet; name the admin network, ${howToAllow}`;
      issues.push({ path, value: cidr, message });
    }
  });
  return issues;
}

/** The user data the instances get must fit EC2's 16 KB; reported at `path` with the environment's names. */
export function checkUserDataSize(path: string, input: UserDataInput): ValidationIssue[] {
  const bytes = Buffer.byteLength(renderUserData(input));
  if (bytes <= MAX_USER_DATA_BYTES) return [];
  const message = `renders user data of ${bytes} bytes; EC2 accepts at most ${MAX_USER_DATA_BYTES}`;
  return [{ path, value: Object.keys(input.environment), message }];
}

/** Every rule the constructor enforces, as a pure function; `defaultName` stands for the construct id. */
export function validateWebAutoScalingProps(props: WebAutoScalingGroupProps, defaultName: string): ValidationIssue[] {
  const p = resolveWebAutoScalingProps(props, defaultName);
  const issues: ValidationIssue[] = [];
  const issue = (path: string, value: unknown, message: string) => issues.push({ path, value, message });

  issues.push(...checkWebAutoScalingName('name', p.name));
  if (known(props.accountId) && !ACCOUNT_ID.test(props.accountId)) {
    issue('accountId', props.accountId, 'must be a 12-digit AWS account id');
  }
  if (known(props.region) && !REGION.test(props.region)) {
    issue('region', props.region, 'must be an AWS region code like us-east-1');
  }
  if (props.subnetIds.length === 0) issue('subnetIds', props.subnetIds, 'must list at least one (private) subnet');
  issues.push(...checkInstanceType('instanceType', p.instanceType));
  issues.push(...checkAmiSsmParameter('amiSsmParameter', p.amiSsmParameter));
  issues.push(...checkRootVolume({ sizeGiB: 'rootVolume.sizeGiB', type: 'rootVolume.type' }, p.rootVolume));
  if (!isInteger(p.metadataHopLimit) || p.metadataHopLimit < 1 || p.metadataHopLimit > 64) {
    issue('metadataHopLimit', p.metadataHopLimit, 'must be a whole number from 1 to 64');
  }
  issues.push(...checkWebCapacity('capacity', p.capacity));
  issues.push(...checkHealthCheckType('healthCheckType', p.healthCheckType));
  issues.push(...checkHealthCheckGracePeriod('healthCheckGracePeriodSeconds', p.healthCheckGracePeriodSeconds));
  if (!isInteger(p.minHealthyPercentage) || p.minHealthyPercentage < 0 || p.minHealthyPercentage > 100) {
    issue('instanceRefresh.minHealthyPercentage', p.minHealthyPercentage, 'must be a whole number from 0 to 100');
  }

  const { image, repositoryArn, logGroupName } = props.container;
  // The default registry derives from accountId and region: compare the image with it only when both are valid.
  const registryKnown =
    props.container.registry !== undefined
      ? known(props.container.registry)
      : ACCOUNT_ID.test(props.accountId) && REGION.test(props.region);
  if (known(image) && !IMAGE.test(image)) {
    issue('container.image', image, 'must be <registry>/<repository>:<tag> or <registry>/<repository>@sha256:<digest>');
  } else if (known(image) && registryKnown && !image.startsWith(`${p.registry}/`)) {
    issue('container.image', image, `must come from container.registry ${p.registry} (the registry docker logs in to)`);
  }
  if (known(repositoryArn) && !/^arn:[\w-]+:ecr:[a-z0-9-]+:\d{12}:repository\/[a-z0-9._\-/]+$/.test(repositoryArn)) {
    issue(
      'container.repositoryArn',
      repositoryArn,
      'must be an ECR repository ARN (arn:aws:ecr:<region>:<account>:repository/<name>)',
    );
  }
  if (known(p.registry) && !REGISTRY.test(p.registry)) {
    issue(
      'container.registry',
      p.registry,
      'must be a registry host like 123456789012.dkr.ecr.us-east-1.amazonaws.com',
    );
  }
  issues.push(...checkContainerPort('container.containerPort', p.containerPort));
  issues.push(...checkContainerPort('container.hostPort', p.hostPort));
  if (known(logGroupName) && !LOG_GROUP_NAME.test(logGroupName)) {
    issue('container.logGroupName', logGroupName, 'must be 1 to 512 of letters, digits and _ - . / #');
  }
  issues.push(...checkContainerEnvironment('container.environment', p.environment));
  issues.push(...checkLogRetention('logRetentionInDays', p.logRetentionInDays));
  issues.push(...checkWebScaling('scaling', p.scaling, p.detailedMonitoring));

  if (!IAM_ROLE_NAME.test(p.instanceRoleName)) {
    issue('instanceRoleName', p.instanceRoleName, 'must be 1 to 64 of letters, digits and + = , . @ _ -');
  }
  if (!METRICS_NAMESPACE.test(p.metricsNamespace)) {
    issue('metricsNamespace', p.metricsNamespace, 'must be 1 to 255 characters, without ":"');
  }
  issues.push(...checkSshCidrs('sshCidrs', p.sshCidrs, p.allowSshFromAnywhere));
  issues.push(...checkUserDataSize('container.environment', webUserDataInput(props, p)));
  return issues;
}
