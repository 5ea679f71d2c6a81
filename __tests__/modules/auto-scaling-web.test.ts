/**
 * The auto-scaling web tier: the security group's rules and the CPU alarms' metric, period and thresholds (cdktf
 * matchers); launch template (SSM-resolved AMI, IMDSv2, encrypted root volume, user data), the group (capacity, health
 * checks, target groups, instance refresh), the scaling policies and what the alarms watch and trigger, the instance
 * role's exact permissions, the rendered user-data script, and props validation (Template).
 * Each scenario is synthesized once.
 */
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { EcrRepository } from '@cdktf/provider-aws/lib/ecr-repository';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Testing, type TerraformStack } from 'cdktf';
import {
  DEFAULT_AMI_SSM_PARAMETER,
  GROUP_METRICS,
  WebAutoScalingGroup,
  type WebAutoScalingGroupProps,
} from '../../modules/auto-scaling-web';
import { shellQuote, terraformStringArgument } from '../../modules/auto-scaling-web/user-data';
import { ruleWiring } from '../helpers/security-groups';
import { resolved, Template, testStack } from '../helpers/template';
import { issuePathsAndValues, rejectsEachCase, type ExpectedIssue } from '../helpers/validation';

const REGISTRY = '123456789012.dkr.ecr.us-east-1.amazonaws.com';
const TARGET_GROUP_ARN =
  'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/dev-backend-tg/0123456789abcdef';
const REPOSITORY_ARN = 'arn:aws:ecr:us-east-1:123456789012:repository/starttech-backend';

/** The seed-000 backend tier: 2–6 t3.medium Docker hosts behind the ALB target group, defaults elsewhere. */
const SEED: WebAutoScalingGroupProps = {
  name: 'dev-backend',
  accountId: '123456789012',
  region: 'us-east-1',
  vpcId: 'vpc-0123456789abcdef0',
  subnetIds: ['subnet-private-a', 'subnet-private-b'],
  targetGroupArns: [TARGET_GROUP_ARN],
  container: {
    image: `${REGISTRY}/starttech-backend:1.4.2`,
    repositoryArn: REPOSITORY_ARN,
    logGroupName: '/aws/ec2/dev/backend',
    environment: { NODE_ENV: 'production', PORT: '8080', GREETING: "it's $HOME" },
  },
};

/** Every override: another size and AMI, no target groups, SSH from two ranges, no HTTP egress, other thresholds. */
const OVERRIDES: WebAutoScalingGroupProps = {
  ...SEED,
  name: 'prod-api',
  targetGroupArns: undefined,
  instanceType: 'm6i.large',
  amiSsmParameter: '/golden/ami/web',
  rootVolume: { sizeGiB: 50, type: 'gp2', kmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/ebs' },
  metadataHopLimit: 1,
  detailedMonitoring: false,
  capacity: { min: 3, max: 12, desired: 4 },
  healthCheckGracePeriodSeconds: 600,
  instanceRefresh: { minHealthyPercentage: 90 },
  container: {
    image: `${REGISTRY}/api@sha256:${'a'.repeat(64)}`,
    repositoryArn: 'arn:aws:ecr:us-east-1:123456789012:repository/api',
    containerPort: 3000,
    hostPort: 80,
    logGroupName: '/aws/ec2/prod/api',
  },
  logRetentionInDays: 365,
  logKmsKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/logs',
  scaling: { cooldownSeconds: 120, scaleUpCpuPercent: 80, scaleDownCpuPercent: 20, evaluationPeriods: 3 },
  instanceRoleName: 'ApiInstanceRole',
  metricsNamespace: 'StartTech/Api',
  sshCidrs: ['203.0.113.0/24', '198.51.100.7/32'],
  sshKeyName: 'ops',
  allowHttpEgress: false,
  tags: { team: 'platform' },
};

interface Scenario {
  readonly stack: TerraformStack;
  readonly web: WebAutoScalingGroup;
  readonly t: Template;
}

/** Builds a `WebAutoScalingGroup` with construct id `web` in a fresh stack and synthesizes it once. */
function scenario(build: (stack: TerraformStack) => WebAutoScalingGroupProps): () => Scenario {
  let built: Scenario | undefined;
  beforeAll(() => {
    const stack = testStack();
    const web = new WebAutoScalingGroup(stack, 'web', build(stack));
    built = { stack, web, t: Template.fromStack(stack) };
  });
  return () => {
    if (!built) throw new Error('scenario not built');
    return built;
  };
}

type Statement = Record<string, unknown>;
const statement = (t: Template, sid: string): Statement => {
  const statements = t.dataSource('aws_iam_policy_document', 'web/instance-permissions').statement as Statement[];
  const found = statements.find((candidate) => candidate.sid === sid);
  if (!found) throw new Error(`no statement ${sid}`);
  return found;
};

describe('WebAutoScalingGroup (cdktf matchers)', () => {
  describe('seed scenario (defaults)', () => {
    const synthesized = Testing.synthScope((scope) => {
      new WebAutoScalingGroup(scope, 'web', SEED);
    });

    it('has the group <name>-instances in the VPC, with no ingress (no SSH; the ALB is wired by the caller)', () => {
      expect(synthesized).toHaveResourceWithProperties(SecurityGroup, {
        name: 'dev-backend-instances',
        vpc_id: 'vpc-0123456789abcdef0',
      });
      expect(synthesized).not.toHaveResource(VpcSecurityGroupIngressRule);
    });

    it.each([
      [443, 'HTTPS to AWS APIs (ECR, CloudWatch, SSM) and the image layers in S3'],
      [80, 'HTTP to the Amazon Linux 2 package repositories (yum, amazon-linux-extras)'],
    ])('sends TCP %i to 0.0.0.0/0', (port, description) => {
      expect(synthesized).toHaveResourceWithProperties(VpcSecurityGroupEgressRule, {
        description,
        ip_protocol: 'tcp',
        from_port: port,
        to_port: port,
        cidr_ipv4: '0.0.0.0/0',
      });
    });

    it.each([
      ['cpu-high', 'GreaterThanThreshold', 70, 'above'],
      ['cpu-low', 'LessThanThreshold', 30, 'below'],
    ])('alarms %s when average CPU is %s %i over 2 x 60 s', (id, operator, threshold, word) => {
      expect(synthesized).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
        alarm_name: `dev-backend-${id}`,
        alarm_description: `Average CPU of dev-backend-asg ${word} ${threshold}% for 2 x 60s`,
        namespace: 'AWS/EC2',
        metric_name: 'CPUUtilization',
        statistic: 'Average',
        period: 60,
        evaluation_periods: 2,
        threshold,
        comparison_operator: operator,
        tags: { Name: `dev-backend-${id}` },
      });
    });
  });

  describe('with every override', () => {
    const synthesized = Testing.synthScope((scope) => {
      new WebAutoScalingGroup(scope, 'web', OVERRIDES);
    });

    it.each(['203.0.113.0/24', '198.51.100.7/32'])('admits SSH (TCP 22) from %s', (cidr) => {
      expect(synthesized).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, {
        description: `SSH from ${cidr}`,
        ip_protocol: 'tcp',
        from_port: 22,
        to_port: 22,
        cidr_ipv4: cidr,
      });
    });

    it('sends HTTPS but no HTTP when allowHttpEgress is false', () => {
      expect(synthesized).toHaveResourceWithProperties(VpcSecurityGroupEgressRule, { from_port: 443, to_port: 443 });
      expect(synthesized).not.toHaveResourceWithProperties(VpcSecurityGroupEgressRule, { from_port: 80 });
    });

    it.each([
      ['cpu-high', 'GreaterThanThreshold', 80],
      ['cpu-low', 'LessThanThreshold', 20],
    ])('alarms %s at %s %i over 3 x 300 s (no detailed monitoring)', (id, operator, threshold) => {
      expect(synthesized).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
        alarm_name: `prod-api-${id}`,
        period: 300,
        evaluation_periods: 3,
        threshold,
        comparison_operator: operator,
      });
    });
  });

  describe('with SSH from anywhere, explicitly allowed', () => {
    it('opens port 22 to 0.0.0.0/0 only because allowSshFromAnywhere says so', () => {
      const synthesized = Testing.synthScope((scope) => {
        new WebAutoScalingGroup(scope, 'web', { ...SEED, sshCidrs: ['0.0.0.0/0'], allowSshFromAnywhere: true });
      });
      expect(synthesized).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, {
        ip_protocol: 'tcp',
        from_port: 22,
        to_port: 22,
        cidr_ipv4: '0.0.0.0/0',
      });
    });
  });
});

describe('WebAutoScalingGroup, seed scenario (defaults, one target group)', () => {
  const s = scenario(() => SEED);

  describe('launch template', () => {
    it('resolves the AMI through SSM at launch, with the default Amazon Linux 2 parameter and t3.medium', () => {
      const lt = s().t.resource('aws_launch_template', 'web/launch-template');
      expect(lt.image_id).toBe('resolve:ssm:/aws/service/ami-amazon-linux-latest/amzn2-ami-hvm-x86_64-gp2');
      expect(lt.image_id).toBe(`resolve:ssm:${DEFAULT_AMI_SSM_PARAMETER}`);
      expect(lt.instance_type).toBe('t3.medium');
      expect(lt.name_prefix).toBe('dev-backend-');
      expect(lt.update_default_version).toBe(true);
      expect(lt.key_name).toBeUndefined();
    });

    it('plans offline: no data source but the locally computed IAM policy documents', () => {
      const data = s().t.json.data as Record<string, unknown>;
      expect(Object.keys(data)).toEqual(['aws_iam_policy_document']);
    });

    it('requires IMDSv2 with a hop limit of 2 (containers behind docker0)', () => {
      expect(s().t.resource('aws_launch_template', 'web/launch-template').metadata_options).toEqual({
        http_endpoint: 'enabled',
        http_tokens: 'required',
        http_put_response_hop_limit: 2,
        instance_metadata_tags: 'disabled',
      });
    });

    it('has a 20 GiB gp3 root volume on /dev/xvda, encrypted, deleted with the instance', () => {
      expect(s().t.resource('aws_launch_template', 'web/launch-template').block_device_mappings).toEqual([
        {
          device_name: '/dev/xvda',
          ebs: { volume_size: 20, volume_type: 'gp3', encrypted: 'true', delete_on_termination: 'true' },
        },
      ]);
    });

    it('turns detailed monitoring on and attaches the instance profile and security group', () => {
      const { t } = s();
      const lt = t.resource('aws_launch_template', 'web/launch-template');
      expect(lt.monitoring).toEqual({ enabled: true });
      expect(lt.iam_instance_profile).toEqual({
        arn: t.ref('aws_iam_instance_profile', 'web/instance-profile', 'arn'),
      });
      expect(lt.vpc_security_group_ids).toEqual([t.ref('aws_security_group', 'web/security-group')]);
    });

    it('tags instances and their volumes', () => {
      expect(s().t.resource('aws_launch_template', 'web/launch-template').tag_specifications).toEqual([
        { resource_type: 'instance', tags: { Name: 'dev-backend-instance' } },
        { resource_type: 'volume', tags: { Name: 'dev-backend-root-volume' } },
      ]);
    });

    it('passes the rendered script as base64 user data, escaped for a Terraform string', () => {
      const { t, web } = s();
      const userData = t.resource('aws_launch_template', 'web/launch-template').user_data as string;
      expect(userData.startsWith('${base64encode("#!/bin/bash\\n')).toBe(true);
      expect(userData.endsWith('")}')).toBe(true);
      const argument = terraformStringArgument(web.userData).replace(/\n/g, '\\n');
      expect(userData).toBe(`\${base64encode("${argument}")}`);
    });
  });

  describe('user data script', () => {
    it('installs and starts Docker (amazon-linux-extras on AL2, yum otherwise)', () => {
      const { userData } = s().web;
      expect(userData.startsWith('#!/bin/bash\n')).toBe(true);
      expect(userData).toContain('set -euo pipefail');
      expect(userData).toContain('amazon-linux-extras install -y docker');
      expect(userData).toContain('yum install -y docker');
      expect(userData).toContain('systemctl enable --now docker');
    });

    it('logs in to the account registry with get-login-password and pulls the image', () => {
      const { userData } = s().web;
      expect(userData).toContain(`REGISTRY='${REGISTRY}'`);
      expect(userData).toContain(`IMAGE='${REGISTRY}/starttech-backend:1.4.2'`);
      expect(userData).toContain("AWS_REGION='us-east-1'");
      expect(userData).toContain(
        'aws ecr get-login-password --region "$AWS_REGION" | docker login --username AWS --password-stdin "$REGISTRY"',
      );
      expect(userData).toContain('docker pull "$IMAGE"');
    });

    it('runs the container with -p 8080:8080, restart always and the awslogs driver', () => {
      const { userData } = s().web;
      const run = userData.slice(userData.indexOf('docker run'));
      expect(run).toContain('--restart always');
      expect(run).toContain('  -p 8080:8080 \\\n');
      expect(run).toContain('--log-driver awslogs');
      expect(run).toContain('--log-opt awslogs-region="$AWS_REGION"');
      expect(run).toContain('--log-opt awslogs-group="$LOG_GROUP"');
      expect(run).toContain('--log-opt awslogs-stream="$INSTANCE_ID"');
      expect(userData).toContain("LOG_GROUP='/aws/ec2/dev/backend'");
      expect(run.trimEnd().endsWith('"$IMAGE"')).toBe(true);
    });

    it('passes each environment variable as -e KEY=<single-quoted value>', () => {
      const { userData } = s().web;
      expect(userData).toContain("  -e NODE_ENV='production' \\\n");
      expect(userData).toContain("  -e PORT='8080' \\\n");
      expect(userData).toContain(`  -e GREETING='it'\\''s $HOME' \\\n`);
    });

    it('reads the instance id with an IMDSv2 token', () => {
      const { userData } = s().web;
      expect(userData).toContain('curl -sS -X PUT http://169.254.169.254/latest/api/token');
      expect(userData).toContain('-H "X-aws-ec2-metadata-token: $IMDS_TOKEN"');
    });
  });

  describe('auto scaling group', () => {
    it('runs 2 to 6 instances, 2 desired, in the private subnets', () => {
      expect(s().t.resource('aws_autoscaling_group', 'web/group')).toMatchObject({
        name: 'dev-backend-asg',
        min_size: 2,
        max_size: 6,
        desired_capacity: 2,
        vpc_zone_identifier: ['subnet-private-a', 'subnet-private-b'],
      });
    });

    it('uses ELB health checks with a 300 s grace period and registers with the target group', () => {
      expect(s().t.resource('aws_autoscaling_group', 'web/group')).toMatchObject({
        health_check_type: 'ELB',
        health_check_grace_period: 300,
        target_group_arns: [TARGET_GROUP_ARN],
      });
    });

    it("launches the template's latest version and rolls it out with a 50% min-healthy instance refresh", () => {
      const { t } = s();
      const group = t.resource('aws_autoscaling_group', 'web/group');
      expect(group.launch_template).toEqual({
        id: t.ref('aws_launch_template', 'web/launch-template'),
        version: t.ref('aws_launch_template', 'web/launch-template', 'latest_version'),
      });
      expect(group.instance_refresh).toEqual({ strategy: 'Rolling', preferences: { min_healthy_percentage: 50 } });
    });

    it('leaves desired_capacity to the scaling policies after creation', () => {
      expect(s().t.resource('aws_autoscaling_group', 'web/group').lifecycle).toEqual({
        ignore_changes: ['desired_capacity'],
      });
    });

    it('publishes every group metric each minute and propagates the Name tag', () => {
      const group = s().t.resource('aws_autoscaling_group', 'web/group');
      expect(group.enabled_metrics).toEqual([...GROUP_METRICS]);
      expect(group.enabled_metrics).toHaveLength(8);
      expect(group.metrics_granularity).toBe('1Minute');
      expect(group.tag).toEqual([{ key: 'Name', value: 'dev-backend-instance', propagate_at_launch: true }]);
    });

    it('waits for the instance permissions before launching', () => {
      const { t } = s();
      expect(t.resource('aws_autoscaling_group', 'web/group').depends_on).toEqual([
        t.address('aws_iam_role_policy', 'web/instance-role-policy'),
        t.address('aws_iam_role_policy_attachment', 'web/ssm-managed-instance-core'),
      ]);
    });

    it('exposes the group name, the host port and every part', () => {
      const { web } = s();
      expect(web.hostPort).toBe(8080);
      const { stack, t } = s();
      expect(resolved(stack, web.autoScalingGroupName)).toBe(t.ref('aws_autoscaling_group', 'web/group', 'name'));
      expect(resolved(stack, web.autoScalingGroupArn)).toBe(t.ref('aws_autoscaling_group', 'web/group', 'arn'));
      for (const part of [
        web.launchTemplate,
        web.securityGroup,
        web.instanceRole,
        web.instanceProfile,
        web.logGroup,
        web.scaleUpPolicy,
        web.scaleDownPolicy,
        web.cpuHighAlarm,
        web.cpuLowAlarm,
      ]) {
        expect(part).toBeDefined();
      }
    });
  });

  describe('scaling', () => {
    it.each([
      ['scale-up-policy', 'dev-backend-scale-up', 1],
      ['scale-down-policy', 'dev-backend-scale-down', -1],
    ])('%s changes capacity by %s with a 300 s cooldown', (id, name, adjustment) => {
      const { t } = s();
      expect(t.resource('aws_autoscaling_policy', `web/${id}`)).toEqual({
        name,
        autoscaling_group_name: t.ref('aws_autoscaling_group', 'web/group', 'name'),
        policy_type: 'SimpleScaling',
        adjustment_type: 'ChangeInCapacity',
        scaling_adjustment: adjustment,
        cooldown: 300,
      });
    });

    it.each([
      ['cpu-high', 'scale-up-policy'],
      ['cpu-low', 'scale-down-policy'],
    ])('%s watches this group and triggers %s', (id, policyId) => {
      const { t } = s();
      expect(t.resource('aws_cloudwatch_metric_alarm', `web/${id}`)).toMatchObject({
        dimensions: { AutoScalingGroupName: t.ref('aws_autoscaling_group', 'web/group', 'name') },
        alarm_actions: [t.ref('aws_autoscaling_policy', `web/${policyId}`, 'arn')],
      });
    });

    it('creates exactly two policies and two alarms', () => {
      const { t } = s();
      expect(t.count('aws_autoscaling_policy')).toBe(2);
      expect(t.count('aws_cloudwatch_metric_alarm')).toBe(2);
    });
  });

  describe('logs', () => {
    it('creates the container log group with 30-day retention', () => {
      expect(s().t.resource('aws_cloudwatch_log_group', 'web/log-group')).toEqual({
        name: '/aws/ec2/dev/backend',
        retention_in_days: 30,
        tags: { Name: 'dev-backend-container-logs' },
      });
    });
  });

  describe('IAM', () => {
    it('names the role <name>-EC2CloudWatchRole and lets only EC2 assume it (no SourceAccount: EC2 does not send it)', () => {
      const { t } = s();
      expect(t.resource('aws_iam_role', 'web/instance-role')).toMatchObject({
        name: 'dev-backend-EC2CloudWatchRole',
        assume_role_policy: t.dataRef('aws_iam_policy_document', 'web/instance-assume-role'),
      });
      expect(t.dataSource('aws_iam_policy_document', 'web/instance-assume-role').statement).toEqual([
        {
          effect: 'Allow',
          actions: ['sts:AssumeRole'],
          principals: [{ type: 'Service', identifiers: ['ec2.amazonaws.com'] }],
        },
      ]);
    });

    it('has exactly four statements in one inline policy on the role', () => {
      const { t } = s();
      expect(t.resource('aws_iam_role_policy', 'web/instance-role-policy')).toEqual({
        name: 'container-host',
        role: t.ref('aws_iam_role', 'web/instance-role'),
        policy: t.dataRef('aws_iam_policy_document', 'web/instance-permissions'),
      });
      const statements = t.dataSource('aws_iam_policy_document', 'web/instance-permissions').statement as Statement[];
      expect(statements.map((candidate) => candidate.sid)).toEqual([
        'WriteContainerLogs',
        'PutMetricsInOwnNamespace',
        'EcrLogin',
        'EcrPullAppImage',
      ]);
      expect(statements.every((candidate) => candidate.effect === 'Allow')).toBe(true);
    });

    it('writes logs only to its own log group (no CreateLogGroup)', () => {
      const { t } = s();
      const arn = t.ref('aws_cloudwatch_log_group', 'web/log-group', 'arn');
      expect(statement(t, 'WriteContainerLogs')).toEqual({
        sid: 'WriteContainerLogs',
        effect: 'Allow',
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
        resources: [arn, `${arn}:*`],
      });
    });

    it('puts metrics only in the CWAgent namespace', () => {
      expect(statement(s().t, 'PutMetricsInOwnNamespace')).toEqual({
        sid: 'PutMetricsInOwnNamespace',
        effect: 'Allow',
        actions: ['cloudwatch:PutMetricData'],
        resources: ['*'],
        condition: [{ test: 'StringEquals', variable: 'cloudwatch:namespace', values: ['CWAgent'] }],
      });
    });

    it('gets an ECR token account-wide and pulls only from the app repository', () => {
      const { t } = s();
      expect(statement(t, 'EcrLogin')).toEqual({
        sid: 'EcrLogin',
        effect: 'Allow',
        actions: ['ecr:GetAuthorizationToken'],
        resources: ['*'],
      });
      expect(statement(t, 'EcrPullAppImage')).toEqual({
        sid: 'EcrPullAppImage',
        effect: 'Allow',
        actions: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchCheckLayerAvailability'],
        resources: [REPOSITORY_ARN],
      });
    });

    it('attaches AmazonSSMManagedInstanceCore for Session Manager, and nothing else', () => {
      const { t } = s();
      expect(t.count('aws_iam_role_policy_attachment')).toBe(1);
      expect(t.resource('aws_iam_role_policy_attachment', 'web/ssm-managed-instance-core')).toEqual({
        role: t.ref('aws_iam_role', 'web/instance-role', 'name'),
        policy_arn: 'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore',
      });
    });

    it('wraps the role in an instance profile of the same name', () => {
      const { t } = s();
      expect(t.resource('aws_iam_instance_profile', 'web/instance-profile')).toEqual({
        name: 'dev-backend-EC2CloudWatchRole',
        role: t.ref('aws_iam_role', 'web/instance-role', 'name'),
        tags: { Name: 'dev-backend-instance-profile' },
      });
    });
  });

  describe('security group', () => {
    it('has exactly two egress rules (HTTPS, HTTP), on the instances group', () => {
      expect(ruleWiring(s().t, 'egress')).toEqual({
        'web/security-group/egress-https-to-anywhere': { group: 'web/security-group/group' },
        'web/security-group/egress-http-to-anywhere': { group: 'web/security-group/group' },
      });
    });
  });

  it('creates 14 resources', () => {
    const resources = s().t.json.resource as Record<string, Record<string, unknown>>;
    const total = Object.values(resources).reduce((sum, byId) => sum + Object.keys(byId).length, 0);
    expect(total).toBe(14);
  });
});

describe('WebAutoScalingGroup with SSH, no target groups and every override', () => {
  const s = scenario(() => OVERRIDES);

  it('has one SSH rule per given CIDR, on the instances group, and launches with the key pair', () => {
    const { t } = s();
    expect(ruleWiring(t, 'ingress')).toEqual({
      'web/security-group/ingress-ssh-0': { group: 'web/security-group/group' },
      'web/security-group/ingress-ssh-1': { group: 'web/security-group/group' },
    });
    expect(t.resource('aws_launch_template', 'web/launch-template').key_name).toBe('ops');
  });

  it('has one egress rule (HTTPS) when allowHttpEgress is false, on the instances group', () => {
    expect(ruleWiring(s().t, 'egress')).toEqual({
      'web/security-group/egress-https-to-anywhere': { group: 'web/security-group/group' },
    });
  });

  it('uses the given instance type, AMI parameter, volume, hop limit and basic monitoring', () => {
    const lt = s().t.resource('aws_launch_template', 'web/launch-template');
    expect(lt.image_id).toBe('resolve:ssm:/golden/ami/web');
    expect(lt.instance_type).toBe('m6i.large');
    expect(lt.block_device_mappings).toEqual([
      {
        device_name: '/dev/xvda',
        ebs: {
          volume_size: 50,
          volume_type: 'gp2',
          encrypted: 'true',
          kms_key_id: 'arn:aws:kms:us-east-1:123456789012:key/ebs',
          delete_on_termination: 'true',
        },
      },
    ]);
    expect(lt.metadata_options).toMatchObject({ http_tokens: 'required', http_put_response_hop_limit: 1 });
    expect(lt.monitoring).toEqual({ enabled: false });
  });

  it('falls back to EC2 health checks without target groups, with the given capacity and refresh', () => {
    expect(s().t.resource('aws_autoscaling_group', 'web/group')).toMatchObject({
      name: 'prod-api-asg',
      min_size: 3,
      max_size: 12,
      desired_capacity: 4,
      health_check_type: 'EC2',
      health_check_grace_period: 600,
      target_group_arns: [],
      instance_refresh: { strategy: 'Rolling', preferences: { min_healthy_percentage: 90 } },
    });
  });

  it('propagates the module tags to instances beside Name', () => {
    const { t } = s();
    expect(t.resource('aws_autoscaling_group', 'web/group').tag).toEqual([
      { key: 'team', value: 'platform', propagate_at_launch: true },
      { key: 'Name', value: 'prod-api-instance', propagate_at_launch: true },
    ]);
    expect(t.resource('aws_security_group', 'web/security-group').tags).toEqual({
      team: 'platform',
      Name: 'prod-api-instances',
    });
  });

  it('uses the given cooldown on both scaling policies', () => {
    const { t } = s();
    expect(t.resource('aws_autoscaling_policy', 'web/scale-up-policy').cooldown).toBe(120);
    expect(t.resource('aws_autoscaling_policy', 'web/scale-down-policy').cooldown).toBe(120);
  });

  it('names the role and profile as asked, and scopes metrics to the given namespace', () => {
    const { t } = s();
    expect(t.resource('aws_iam_role', 'web/instance-role').name).toBe('ApiInstanceRole');
    expect(t.resource('aws_iam_instance_profile', 'web/instance-profile').name).toBe('ApiInstanceRole');
    expect(statement(t, 'PutMetricsInOwnNamespace').condition).toEqual([
      { test: 'StringEquals', variable: 'cloudwatch:namespace', values: ['StartTech/Api'] },
    ]);
    expect(statement(t, 'EcrPullAppImage').resources).toEqual(['arn:aws:ecr:us-east-1:123456789012:repository/api']);
  });

  it('keeps logs 365 days under the given KMS key', () => {
    expect(s().t.resource('aws_cloudwatch_log_group', 'web/log-group')).toMatchObject({
      name: '/aws/ec2/prod/api',
      retention_in_days: 365,
      kms_key_id: 'arn:aws:kms:us-east-1:123456789012:key/logs',
    });
  });

  it('publishes the host port on the container port, with no -e lines when there is no environment', () => {
    const { web } = s();
    expect(web.hostPort).toBe(80);
    expect(web.userData).toContain('  -p 80:3000 \\\n');
    expect(web.userData).not.toContain(' -e ');
    expect(web.userData).toContain(`IMAGE='${REGISTRY}/api@sha256:${'a'.repeat(64)}'`);
  });
});

describe('WebAutoScalingGroup wired to an ECR repository (tokens in the image and environment)', () => {
  const s = scenario((stack) => {
    const repository = new EcrRepository(stack, 'repository', { name: 'backend' });
    return {
      ...SEED,
      container: {
        image: `${repository.repositoryUrl}:latest`,
        repositoryArn: repository.arn,
        logGroupName: '/aws/ec2/dev/backend',
        environment: { REPOSITORY: repository.name },
      },
    };
  });

  it('interpolates the repository URL and name into the base64-encoded script', () => {
    const { t } = s();
    const userData = t.resource('aws_launch_template', 'web/launch-template').user_data as string;
    const repositoryUrl = t.ref('aws_ecr_repository', 'repository', 'repository_url');
    const repositoryName = t.ref('aws_ecr_repository', 'repository', 'name');
    expect(userData).toContain(`IMAGE='${repositoryUrl}:latest'`);
    expect(userData).toContain(`-e REPOSITORY='${repositoryName}'`);
    expect(userData).toContain(`REGISTRY='${REGISTRY}'`);
  });

  it('scopes the ECR pull to the repository resource', () => {
    const { t } = s();
    expect(statement(t, 'EcrPullAppImage').resources).toEqual([t.ref('aws_ecr_repository', 'repository', 'arn')]);
  });
});

describe('user-data helpers', () => {
  it.each([
    ['plain', "'plain'"],
    ["it's", `'it'\\''s'`],
    ['$HOME "x" \\', `'$HOME "x" \\'`],
  ])('shellQuote(%j) is %s', (value, quoted) => {
    expect(shellQuote(value)).toBe(quoted);
  });

  it('escapes backslashes, double quotes, %{ and tabs for a Terraform string', () => {
    expect(terraformStringArgument('a\\b "c" %{d} \t')).toBe('a\\\\b \\"c\\" %%{d} \\t');
  });
});

describe('WebAutoScalingGroup props validation', () => {
  const cases: Array<[string, Partial<WebAutoScalingGroupProps>, ExpectedIssue]> = [
    [
      'desired above max',
      { capacity: { min: 2, max: 6, desired: 7 } },
      { path: 'capacity.desired', value: 7, message: /^must be between capacity\.min 2 and capacity\.max 6$/ },
    ],
    [
      'desired below min',
      { capacity: { min: 2, max: 6, desired: 1 } },
      { path: 'capacity.desired', value: 1, message: /^must be between capacity\.min 2 and capacity\.max 6$/ },
    ],
    [
      'min above max',
      { capacity: { min: 4, max: 3, desired: 3 } },
      { path: 'capacity.min', value: 4, message: /^must not exceed capacity\.max 3$/ },
    ],
    [
      'SSH from anywhere without the flag',
      { sshCidrs: ['10.0.0.0/8', '0.0.0.0/0'] },
      { path: 'sshCidrs[1]', value: '0.0.0.0/0', message: /whole internet.*allowSshFromAnywhere: true/ },
    ],
    [
      'a malformed SSH CIDR',
      { sshCidrs: ['10.0.0.1/8'] },
      { path: 'sshCidrs[0]', value: '10.0.0.1/8', message: /^has host bits set/ },
    ],
    [
      'scale-down threshold not below scale-up',
      { scaling: { scaleUpCpuPercent: 60, scaleDownCpuPercent: 60 } },
      { path: 'scaling.scaleDownCpuPercent', value: 60, message: /^must be below scaling\.scaleUpCpuPercent 60$/ },
    ],
    [
      'a scale-up threshold above 100',
      { scaling: { scaleUpCpuPercent: 120 } },
      { path: 'scaling.scaleUpCpuPercent', value: 120, message: /^must be from 1 to 100$/ },
    ],
    [
      'a 60 s period without detailed monitoring',
      { detailedMonitoring: false, scaling: { periodSeconds: 60 } },
      { path: 'scaling.periodSeconds', value: 60, message: /^must be a multiple of 60, at least 300 \(EC2 publishes/ },
    ],
    [
      'a bad environment variable name',
      { container: { ...SEED.container, environment: { 'BAD-NAME': 'x' } } },
      { path: 'container.environment.BAD-NAME', value: 'BAD-NAME', message: /\[A-Za-z_\]\[A-Za-z0-9_\]\*/ },
    ],
    [
      'an environment value with a line break',
      { container: { ...SEED.container, environment: { GOOD: 'a\nb' } } },
      { path: 'container.environment.GOOD', value: 'a\nb', message: /^must not contain line breaks/ },
    ],
    [
      'an image from another registry',
      { container: { ...SEED.container, image: 'docker.io/library/nginx:1.27' } },
      {
        path: 'container.image',
        value: 'docker.io/library/nginx:1.27',
        message: /^must come from container\.registry/,
      },
    ],
    [
      'an image without a tag',
      { container: { ...SEED.container, image: `${REGISTRY}/starttech-backend` } },
      { path: 'container.image', value: `${REGISTRY}/starttech-backend`, message: /:<tag>/ },
    ],
    [
      'a repository ARN that is not ECR',
      { container: { ...SEED.container, repositoryArn: 'arn:aws:s3:::bucket' } },
      { path: 'container.repositoryArn', value: 'arn:aws:s3:::bucket', message: /^must be an ECR repository ARN/ },
    ],
    [
      'a bad container port',
      { container: { ...SEED.container, containerPort: 70000 } },
      { path: 'container.containerPort', value: 70000, message: /^must be a port from 1 to 65535$/ },
    ],
    [
      'a log retention CloudWatch does not offer',
      { logRetentionInDays: 45 },
      { path: 'logRetentionInDays', value: 45, message: /^must be a CloudWatch Logs retention period/ },
    ],
    [
      'an AMI id instead of an SSM parameter',
      { amiSsmParameter: 'resolve:ssm:/x' },
      { path: 'amiSsmParameter', value: 'resolve:ssm:/x', message: /without the resolve:ssm: prefix/ },
    ],
    [
      'a root volume below the AMI snapshot',
      { rootVolume: { sizeGiB: 4 } },
      { path: 'rootVolume.sizeGiB', value: 4, message: /^must be a whole number of GiB from 8/ },
    ],
    [
      'an unknown root volume type',
      { rootVolume: { type: 'st1' as never } },
      { path: 'rootVolume.type', value: 'st1', message: /^must be one of gp3, gp2$/ },
    ],
    [
      'a hop limit of 0',
      { metadataHopLimit: 0 },
      { path: 'metadataHopLimit', value: 0, message: /^must be a whole number from 1 to 64$/ },
    ],
    ['no subnets', { subnetIds: [] }, { path: 'subnetIds', value: [], message: /^must list at least one/ }],
    [
      'a malformed account id',
      { accountId: '1234' },
      { path: 'accountId', value: '1234', message: /^must be a 12-digit AWS account id$/ },
    ],
    [
      'a name too long for the role name',
      { name: 'n'.repeat(41) },
      { path: 'name', value: 'n'.repeat(41), message: /^must be 1 to 40 letters/ },
    ],
    [
      'an unknown health check type',
      { healthCheckType: 'HTTP' as never },
      { path: 'healthCheckType', value: 'HTTP', message: /^must be "EC2" or "ELB"$/ },
    ],
    [
      'a min-healthy percentage above 100',
      { instanceRefresh: { minHealthyPercentage: 150 } },
      { path: 'instanceRefresh.minHealthyPercentage', value: 150, message: /^must be a whole number from 0 to 100$/ },
    ],
    [
      'user data over 16 KB',
      { container: { ...SEED.container, environment: { BIG: 'x'.repeat(17000) } } },
      {
        path: 'container.environment',
        value: ['BIG'],
        message: /^renders user data of \d+ bytes; EC2 accepts at most 16384$/,
      },
    ],
  ];

  /** Every bad construction goes into this one stack, so that synthesizing it shows none of them left a resource. */
  const bad = rejectsEachCase({
    subject: /^Invalid WebAutoScalingGroup "invalid\/bad-\d+" props:\n {2}- /,
    cases,
    build: (stack, id, props) => new WebAutoScalingGroup(stack, id, { ...SEED, ...props }),
    extra: {
      'two bad fields': (stack) =>
        new WebAutoScalingGroup(stack, 'bad-twice', {
          ...SEED,
          capacity: { min: 2, max: 6, desired: 9 },
          scaling: { scaleUpCpuPercent: 30, scaleDownCpuPercent: 70 },
        }),
    },
  });

  it('reports every bad field in one error', () => {
    expect(issuePathsAndValues(bad.thrown.get('two bad fields'))).toEqual([
      ['capacity.desired', 9],
      ['scaling.scaleDownCpuPercent', 70],
    ]);
  });

  it('adds no resource to the stack when construction throws', () => {
    const t = Template.fromStack(bad.stack());
    expect(t.json.resource).toBeUndefined();
    expect(t.json.data).toBeUndefined();
  });
});
