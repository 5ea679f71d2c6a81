/**
 * Blueprint `ec2-web` against seed 000, for both shipped environments: the network, the ALB (shipped HTTP-only and
 * with a certificate), the Auto Scaling group and its launch template and user data, every security-group rule, the
 * S3 + CloudFront frontend, Redis, alarms and dashboard, the GitHub OIDC roles and their trust, the ECR repository,
 * the MongoDB Atlas companion stack with its cross-stack reference to the NAT IPs, the self-hosted MongoDB
 * alternative — and that dev and prod differ only where the document says. Each scenario is synthesized once.
 */
import type { App, TerraformStack } from 'cdktf';
import { AWS_TARGET } from '../../modules/core/deployment-target';
import { GithubActionsRole } from '../../modules/github-oidc';
import { createEc2WebStacks, type Ec2WebStack } from '../../src/blueprints/ec2-web/stack';
import { ec2WebSchema, githubRepository, type Ec2WebConfig } from '../../src/blueprints/ec2-web/schema';
import { loadConfig } from '../../src/config/load';
import type { EnvironmentConfig } from '../../src/config/schema';
import { Template, testApp, testStack } from '../helpers/template';

type Block = Record<string, unknown>;

const { project, environments } = loadConfig({});
const { stateBackend } = project;

const CERTIFICATE_ARN = 'arn:aws:acm:us-east-1:123456789012:certificate/abc-123';
const GITHUB_OIDC_HOST = 'token.actions.githubusercontent.com';
const EXISTING_OIDC_PROVIDER_ARN = `arn:aws:iam::123456789012:oidc-provider/${GITHUB_OIDC_HOST}`;
/** AWS managed CloudFront policies (fixed ids). */
const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
const ALL_VIEWER_EXCEPT_HOST_HEADER = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';

/** What the document and the shipped config set per environment; everything else is the same in both. */
const PER_ENVIRONMENT = {
  dev: {
    redisNodes: 1,
    redisFailover: false,
    createsOidcProvider: true,
    deletionProtection: false,
    backendLogRetentionDays: 30,
    flowLogRetentionDays: 30,
    albAccessLogDays: 90,
  },
  prod: {
    redisNodes: 2,
    redisFailover: true,
    createsOidcProvider: false,
    deletionProtection: true,
    backendLogRetentionDays: 90,
    flowLogRetentionDays: 365,
    albAccessLogDays: 365,
  },
} as const;

interface Stacks {
  readonly app: App;
  readonly awsStack: TerraformStack;
  readonly aws: Template;
  readonly atlasStack?: TerraformStack;
  readonly atlas?: Template;
}

/**
 * Both stacks of one environment, created in one app as `buildApp` does. Cross-stack references are resolved when
 * the app prepares its stacks (the first step of `app.synth()`): that adds the output to the AWS stack and the remote
 * state to the Atlas stack, so every stack is prepared before any is synthesized.
 */
function synth(environment: EnvironmentConfig, config: Ec2WebConfig = environment.ec2Web!): Stacks {
  const app = testApp();
  createEc2WebStacks(app, { project, environment, target: AWS_TARGET, config });
  const awsStack = app.node.findChild(`ec2-web-${environment.name}`) as TerraformStack;
  const atlasStack = app.node.tryFindChild(`ec2-web-${environment.name}-atlas`) as TerraformStack | undefined;
  awsStack.prepareStack();
  atlasStack?.prepareStack();
  return {
    app,
    awsStack,
    aws: Template.fromStack(awsStack),
    atlasStack,
    atlas: atlasStack ? Template.fromStack(atlasStack) : undefined,
  };
}

/** A config patched the way a user would write it, validated by the blueprint's schema like the shipped one. */
function patched(environment: EnvironmentConfig, patch: (config: Ec2WebConfig) => Ec2WebConfig): Ec2WebConfig {
  return ec2WebSchema.parse(patch(environment.ec2Web!));
}

/** A lazily built value, so a scenario used by several describe blocks is synthesized once. */
function once<T>(factory: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= factory());
}

const shipped = Object.fromEntries(
  environments.map((environment) => [environment.name, once(() => synth(environment))]),
) as Record<string, () => Stacks>;

/** The ingress (or egress) rules of the security group at `groupPath`, without the group id and description. */
function rulesOf(t: Template, direction: 'ingress' | 'egress', groupPath: string): Block[] {
  const groupRef = t.ref('aws_security_group', groupPath);
  return t
    .all(`aws_vpc_security_group_${direction}_rule`)
    .filter((rule) => rule.security_group_id === groupRef)
    .map(({ security_group_id: _group, description: _description, ...rest }) => rest)
    .sort((a, b) => Number(a.from_port ?? 0) - Number(b.from_port ?? 0));
}

const SG = {
  alb: 'alb/sg/group',
  instances: 'instances/security-group/group',
  cache: 'cache/security-group/group',
  mongodb: 'mongodb/security-group/group',
};

const anywhere = (port: number) => ({ ip_protocol: 'tcp', from_port: port, to_port: port, cidr_ipv4: '0.0.0.0/0' });
const fromGroup = (t: Template, port: number, groupPath: string) => ({
  ip_protocol: 'tcp',
  from_port: port,
  to_port: port,
  referenced_security_group_id: t.ref('aws_security_group', groupPath),
});

/** The statements of an `aws_iam_policy_document` data source. */
function statementsOf(t: Template, path: string): Block[] {
  return t.dataSource('aws_iam_policy_document', path).statement as Block[];
}

/** The launch template's user data: the script inside `base64encode("...")`, with HCL string escapes. */
function userDataOf(t: Template): string {
  return t.resource('aws_launch_template', 'instances/launch-template').user_data as string;
}

interface Condition {
  readonly test: string;
  readonly variable: string;
  readonly values: readonly string[];
}

/**
 * For every IAM role whose trust names a federated principal: the reasons workflows of another repository could
 * assume it — no `aud` pinned to sts.amazonaws.com, no `sub` condition, a `sub` value with a wildcard or not naming
 * one repository. Keyed by role name; `[]` means only the named repository's runs can assume the role. A federated
 * trust the helper cannot read (not an `aws_iam_policy_document`) is a problem too, so the check fails closed.
 */
function githubTrustProblems(t: Template): Record<string, string[]> {
  const documents = t.dataSources('aws_iam_policy_document');
  const problemsByRole: Record<string, string[]> = {};
  for (const role of t.all('aws_iam_role')) {
    const trust = String(role.assume_role_policy);
    const documentId = /^\$\{data\.aws_iam_policy_document\.([^.}]+)\.json\}$/.exec(trust)?.[1];
    const name = String(role.name);
    if (documentId === undefined) {
      if (/Federated|oidc-provider/.test(trust)) problemsByRole[name] = ['federated trust policy that is not checked'];
      continue;
    }
    const statements = (documents[documentId]?.statement ?? []) as Array<{
      principals?: Array<{ type: string }>;
      condition?: Condition[];
    }>;
    const federated = statements.filter((statement) => statement.principals?.some((p) => p.type === 'Federated'));
    if (federated.length === 0) continue;
    const problems: string[] = [];
    for (const statement of federated) {
      const conditions = statement.condition ?? [];
      const audience = conditions.filter((c) => c.variable === `${GITHUB_OIDC_HOST}:aud`);
      const subject = conditions.filter((c) => c.variable === `${GITHUB_OIDC_HOST}:sub`);
      const audiencePinned = audience.some(
        (c) => c.test === 'StringEquals' && c.values.length === 1 && c.values[0] === 'sts.amazonaws.com',
      );
      if (!audiencePinned) problems.push('aud is not pinned to sts.amazonaws.com with StringEquals');
      if (subject.length === 0) problems.push('no sub condition: every repository could assume it');
      for (const value of subject.flatMap((c) => c.values)) {
        if (/[*?]/.test(value)) problems.push(`sub "${value}" has a wildcard`);
        else if (!/^repo:[^/:]+\/[^/:]+:./.test(value)) problems.push(`sub "${value}" does not name one repository`);
      }
    }
    problemsByRole[name] = problems;
  }
  return problemsByRole;
}

/** A stack holding one GitHub role built by hand like `GithubActionsRole`, with the given `sub` condition. */
function handBuiltGithubRole(sub?: Condition, audience = 'sts.amazonaws.com'): Template {
  const condition: Condition[] = [
    { test: 'StringEquals', variable: `${GITHUB_OIDC_HOST}:aud`, values: [audience] },
    ...(sub ? [sub] : []),
  ];
  return new Template(
    JSON.stringify({
      data: {
        aws_iam_policy_document: {
          trust: {
            statement: [
              {
                effect: 'Allow',
                actions: ['sts:AssumeRoleWithWebIdentity'],
                principals: [{ type: 'Federated', identifiers: [EXISTING_OIDC_PROVIDER_ARN] }],
                condition,
              },
            ],
          },
        },
      },
      resource: {
        aws_iam_role: {
          role: { name: 'hand-built-role', assume_role_policy: '${data.aws_iam_policy_document.trust.json}' },
        },
      },
    }),
  );
}

describe.each(['dev', 'prod'] as const)('ec2-web-%s', (envName) => {
  const environment = environments.find((candidate) => candidate.name === envName)!;
  const expected = PER_ENVIRONMENT[envName];
  const prefix = `starttech-${envName}`;
  const redisNodeIds = Array.from({ length: expected.redisNodes }, (_, index) => `${prefix}-00${index + 1}`);
  let t: Template;
  beforeAll(() => {
    t = shipped[envName]!().aws;
  });

  describe('network', () => {
    it('has VPC 10.0.0.0/16 with the public and private subnets of the document, one NAT gateway per AZ', () => {
      expect(t.resource('aws_vpc', 'network/vpc')).toMatchObject({ cidr_block: '10.0.0.0/16' });
      expect(
        ['public-subnet-0', 'public-subnet-1', 'private-subnet-0', 'private-subnet-1'].map((subnet) => {
          const { cidr_block, availability_zone } = t.resource('aws_subnet', `network/${subnet}`);
          return [cidr_block, availability_zone];
        }),
      ).toEqual([
        ['10.0.1.0/24', 'us-east-1a'],
        ['10.0.2.0/24', 'us-east-1b'],
        ['10.0.10.0/24', 'us-east-1a'],
        ['10.0.11.0/24', 'us-east-1b'],
      ]);
      expect(t.count('aws_subnet')).toBe(4);
      expect(t.count('aws_nat_gateway')).toBe(2);
      for (const index of [0, 1]) {
        expect(t.resource('aws_nat_gateway', `network/nat-gateway-${index}`)).toMatchObject({
          subnet_id: t.ref('aws_subnet', `network/public-subnet-${index}`),
          allocation_id: t.ref('aws_eip', `network/nat-eip-${index}`, 'allocation_id'),
        });
      }
    });
  });

  describe('load balancer (shipped: no certificate)', () => {
    it('is internet-facing in the public subnets, behind its own security group', () => {
      expect(t.resource('aws_lb', 'alb/load-balancer')).toMatchObject({
        name: prefix,
        internal: false,
        load_balancer_type: 'application',
        enable_deletion_protection: expected.deletionProtection,
        subnets: [t.ref('aws_subnet', 'network/public-subnet-0'), t.ref('aws_subnet', 'network/public-subnet-1')],
        security_groups: [t.ref('aws_security_group', SG.alb)],
      });
    });

    it(`forwards HTTP 80 to ${envName}-backend-tg, and has no 443 listener`, () => {
      expect(t.count('aws_lb_listener')).toBe(1);
      expect(t.resource('aws_lb_listener', 'alb/http-listener')).toMatchObject({
        load_balancer_arn: t.ref('aws_lb', 'alb/load-balancer', 'arn'),
        port: 80,
        protocol: 'HTTP',
        default_action: [
          { type: 'forward', target_group_arn: t.ref('aws_lb_target_group', 'alb/target-group-backend', 'arn') },
        ],
      });
    });

    it('has the document target group: 8080, instance targets, /health every 30 s, timeout 3, thresholds 2/2', () => {
      expect(t.count('aws_lb_target_group')).toBe(1);
      expect(t.resource('aws_lb_target_group', 'alb/target-group-backend')).toMatchObject({
        name: `${envName}-backend-tg`,
        port: 8080,
        protocol: 'HTTP',
        target_type: 'instance',
        vpc_id: t.ref('aws_vpc', 'network/vpc'),
        health_check: {
          enabled: true,
          path: '/health',
          interval: 30,
          timeout: 3,
          healthy_threshold: 2,
          unhealthy_threshold: 2,
        },
      });
    });
  });

  describe('load balancer with certificateArn set', () => {
    let withCertificate: Template;
    beforeAll(() => {
      const config = patched(environment, (base) => ({
        ...base,
        loadBalancer: { ...base.loadBalancer, certificateArn: CERTIFICATE_ARN, originDomainName: 'api.example.com' },
      }));
      withCertificate = synth(environment, config).aws;
    });

    it('redirects HTTP 80 to HTTPS 443 with a 301', () => {
      expect(withCertificate.resource('aws_lb_listener', 'alb/http-listener')).toMatchObject({
        port: 80,
        protocol: 'HTTP',
        default_action: [{ type: 'redirect', redirect: { port: '443', protocol: 'HTTPS', status_code: 'HTTP_301' } }],
      });
    });

    it('terminates TLS 1.3 on 443 with that certificate and forwards to the target group', () => {
      expect(withCertificate.count('aws_lb_listener')).toBe(2);
      expect(withCertificate.resource('aws_lb_listener', 'alb/https-listener')).toMatchObject({
        load_balancer_arn: withCertificate.ref('aws_lb', 'alb/load-balancer', 'arn'),
        port: 443,
        protocol: 'HTTPS',
        ssl_policy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
        certificate_arn: CERTIFICATE_ARN,
        default_action: [
          {
            type: 'forward',
            target_group_arn: withCertificate.ref('aws_lb_target_group', 'alb/target-group-backend', 'arn'),
          },
        ],
      });
    });

    it('opens 443 beside 80 on the ALB, still from 0.0.0.0/0 only', () => {
      expect(rulesOf(withCertificate, 'ingress', SG.alb)).toEqual([anywhere(80), anywhere(443)]);
    });

    it("switches CloudFront's API origin to https-only on the name the certificate covers", () => {
      const distribution = withCertificate.resource('aws_cloudfront_distribution', 'frontend/distribution');
      const api = (distribution.origin as Block[]).find((origin) => origin.origin_id === 'api');
      expect(api).toEqual({
        origin_id: 'api',
        domain_name: 'api.example.com',
        custom_origin_config: {
          http_port: 80,
          https_port: 443,
          origin_protocol_policy: 'https-only',
          origin_ssl_protocols: ['TLSv1.2'],
        },
      });
    });
  });

  describe('Auto Scaling group', () => {
    it('runs 2 to 6 instances (2 desired) in the private subnets only, ELB health checks, in the target group', () => {
      expect(t.resource('aws_autoscaling_group', 'instances/group')).toMatchObject({
        min_size: 2,
        max_size: 6,
        desired_capacity: 2,
        health_check_type: 'ELB',
        health_check_grace_period: 300,
        vpc_zone_identifier: [
          t.ref('aws_subnet', 'network/private-subnet-0'),
          t.ref('aws_subnet', 'network/private-subnet-1'),
        ],
        target_group_arns: [t.ref('aws_lb_target_group', 'alb/target-group-backend', 'arn')],
        launch_template: {
          id: t.ref('aws_launch_template', 'instances/launch-template'),
          version: t.ref('aws_launch_template', 'instances/launch-template', 'latest_version'),
        },
      });
    });

    it('launches t3.medium from the latest Amazon Linux 2 AMI (SSM), 20 GB gp3 encrypted root, IMDSv2 only', () => {
      expect(t.resource('aws_launch_template', 'instances/launch-template')).toMatchObject({
        image_id: 'resolve:ssm:/aws/service/ami-amazon-linux-latest/amzn2-ami-hvm-x86_64-gp2',
        instance_type: 't3.medium',
        block_device_mappings: [
          { device_name: '/dev/xvda', ebs: { volume_size: 20, volume_type: 'gp3', encrypted: 'true' } },
        ],
        metadata_options: { http_endpoint: 'enabled', http_tokens: 'required' },
        iam_instance_profile: { arn: t.ref('aws_iam_instance_profile', 'instances/instance-profile', 'arn') },
        vpc_security_group_ids: [t.ref('aws_security_group', SG.instances)],
      });
    });

    it('gives the instances the EC2CloudWatchRole through their instance profile', () => {
      const role = t.resource('aws_iam_role', 'instances/instance-role');
      expect(role.name).toEqual(expect.stringContaining('EC2CloudWatchRole'));
      expect(t.resource('aws_iam_instance_profile', 'instances/instance-profile')).toMatchObject({
        role: t.ref('aws_iam_role', 'instances/instance-role', 'name'),
      });
      const statements = statementsOf(t, 'instances/instance-permissions');
      expect(statements.find((statement) => statement.sid === 'WriteContainerLogs')).toMatchObject({
        actions: expect.arrayContaining(['logs:CreateLogStream', 'logs:PutLogEvents']),
        resources: [
          t.ref('aws_cloudwatch_log_group', 'instances/log-group', 'arn'),
          `${t.ref('aws_cloudwatch_log_group', 'instances/log-group', 'arn')}:*`,
        ],
      });
      expect(statements.find((statement) => statement.sid === 'EcrPullAppImage')).toMatchObject({
        resources: [t.ref('aws_ecr_repository', 'backend-repository/repository', 'arn')],
      });
    });

    it('installs Docker, logs in to ECR, runs the image on 8080:8080 with awslogs and the environment', () => {
      const userData = userDataOf(t);
      for (const fragment of [
        'amazon-linux-extras install -y docker',
        'systemctl enable --now docker',
        'aws ecr get-login-password',
        'docker login --username AWS --password-stdin',
        `IMAGE='${t.ref('aws_ecr_repository', 'backend-repository/repository', 'repository_url')}:v0.1.0'`,
        '-p 8080:8080',
        '--log-driver awslogs',
        'awslogs-group=',
        `LOG_GROUP='/aws/ec2/${envName}/backend'`,
        `-e REDIS_HOST='${t.ref('aws_elasticache_replication_group', 'cache/replication-group', 'primary_endpoint_address')}'`,
        "-e REDIS_PORT='6379'",
        "-e REDIS_TLS='false'",
        "-e AWS_REGION='us-east-1'",
        "-e NODE_ENV='production'",
        "-e PORT='8080'",
        `-e MONGODB_SECRET_NAME='${prefix}/mongodb'`,
      ]) {
        expect(userData).toContain(fragment);
      }
    });

    it('scales by +1 and -1 instance with a 300 s cooldown', () => {
      const group = t.ref('aws_autoscaling_group', 'instances/group', 'name');
      expect(t.count('aws_autoscaling_policy')).toBe(2);
      expect(t.resource('aws_autoscaling_policy', 'instances/scale-up-policy')).toMatchObject({
        autoscaling_group_name: group,
        adjustment_type: 'ChangeInCapacity',
        scaling_adjustment: 1,
        cooldown: 300,
      });
      expect(t.resource('aws_autoscaling_policy', 'instances/scale-down-policy')).toMatchObject({
        autoscaling_group_name: group,
        adjustment_type: 'ChangeInCapacity',
        scaling_adjustment: -1,
        cooldown: 300,
      });
    });

    it.each([
      ['cpu-high', 'GreaterThanThreshold', 70, 'scale-up-policy'],
      ['cpu-low', 'LessThanThreshold', 30, 'scale-down-policy'],
    ])('alarms %s (%s %d%% average CPU) into the %s', (alarm, comparison, threshold, policy) => {
      expect(t.resource('aws_cloudwatch_metric_alarm', `instances/${alarm}`)).toMatchObject({
        namespace: 'AWS/EC2',
        metric_name: 'CPUUtilization',
        dimensions: { AutoScalingGroupName: t.ref('aws_autoscaling_group', 'instances/group', 'name') },
        statistic: 'Average',
        comparison_operator: comparison,
        threshold,
        alarm_actions: [t.ref('aws_autoscaling_policy', `instances/${policy}`, 'arn')],
      });
    });
  });

  describe('security groups', () => {
    it('lets the internet reach the ALB on 80 only (no 443 without a certificate)', () => {
      expect(rulesOf(t, 'ingress', SG.alb)).toEqual([anywhere(80)]);
    });

    it('lets the ALB send only 8080 to the instances, and the instances take 8080 from the ALB only', () => {
      expect(rulesOf(t, 'egress', SG.alb)).toEqual([fromGroup(t, 8080, SG.instances)]);
      expect(rulesOf(t, 'ingress', SG.instances)).toEqual([fromGroup(t, 8080, SG.alb)]);
    });

    it('has no SSH rule: sshCidrs is empty', () => {
      const ssh = t.all('aws_vpc_security_group_ingress_rule').filter((rule) => rule.from_port === 22);
      expect(ssh).toEqual([]);
    });

    it('lets only the instances reach Redis 6379; Redis sends nothing', () => {
      expect(rulesOf(t, 'ingress', SG.cache)).toEqual([fromGroup(t, 6379, SG.instances)]);
      expect(rulesOf(t, 'egress', SG.cache)).toEqual([]);
    });

    it('lets the instances out to HTTP/HTTPS (packages, AWS APIs), Redis, and MongoDB Atlas 27017', () => {
      expect(rulesOf(t, 'egress', SG.instances)).toEqual([
        anywhere(80),
        anywhere(443),
        fromGroup(t, 6379, SG.cache),
        anywhere(27017),
      ]);
    });

    it('has no other rule: 3 ingress and 5 egress rules in all', () => {
      expect(t.count('aws_security_group')).toBe(3);
      expect(t.count('aws_vpc_security_group_ingress_rule')).toBe(3);
      expect(t.count('aws_vpc_security_group_egress_rule')).toBe(5);
    });

    describe('with sshCidrs [203.0.113.0/24]', () => {
      let withSsh: Template;
      beforeAll(() => {
        const config = patched(environment, (base) => ({
          ...base,
          instances: { ...base.instances, sshCidrs: ['203.0.113.0/24'] },
        }));
        withSsh = synth(environment, config).aws;
      });

      it('adds exactly one port-22 rule, from that CIDR, on the instances', () => {
        expect(rulesOf(withSsh, 'ingress', SG.instances)).toEqual([
          { ip_protocol: 'tcp', from_port: 22, to_port: 22, cidr_ipv4: '203.0.113.0/24' },
          fromGroup(withSsh, 8080, SG.alb),
        ]);
        expect(withSsh.all('aws_vpc_security_group_ingress_rule').filter((rule) => rule.from_port === 22)).toHaveLength(
          1,
        );
      });
    });
  });

  describe('frontend (S3 + CloudFront)', () => {
    it('keeps the bucket versioned, AES256-encrypted, fully private, noncurrent versions for 30 days', () => {
      const bucket = t.ref('aws_s3_bucket', 'frontend/bucket/bucket');
      expect(t.resource('aws_s3_bucket_versioning', 'frontend/bucket/versioning')).toEqual({
        bucket,
        versioning_configuration: { status: 'Enabled' },
      });
      expect(t.resource('aws_s3_bucket_server_side_encryption_configuration', 'frontend/bucket/encryption')).toEqual({
        bucket,
        rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }],
      });
      expect(t.resource('aws_s3_bucket_public_access_block', 'frontend/bucket/public-access-block')).toEqual({
        bucket,
        block_public_acls: true,
        block_public_policy: true,
        ignore_public_acls: true,
        restrict_public_buckets: true,
      });
      const rules = t.resource('aws_s3_bucket_lifecycle_configuration', 'frontend/bucket/lifecycle').rule as Block[];
      expect(rules.find((rule) => rule.noncurrent_version_expiration)).toMatchObject({
        status: 'Enabled',
        noncurrent_version_expiration: [{ noncurrent_days: 30 }],
      });
      expect(rules.some((rule) => rule.expiration)).toBe(false);
    });

    it('lets only this distribution read the bucket, through origin access control', () => {
      expect(t.resource('aws_cloudfront_origin_access_control', 'frontend/origin-access-control')).toMatchObject({
        origin_access_control_origin_type: 's3',
        signing_behavior: 'always',
        signing_protocol: 'sigv4',
      });
      expect(t.resource('aws_s3_bucket_policy', 'frontend/bucket/policy')).toMatchObject({
        bucket: t.ref('aws_s3_bucket', 'frontend/bucket/bucket'),
        policy: t.dataRef('aws_iam_policy_document', 'frontend/bucket/policy-document'),
      });
      const [read] = statementsOf(t, 'frontend/bucket/policy-document');
      expect(read).toEqual({
        sid: 'AllowCloudFrontDistributionRead',
        effect: 'Allow',
        actions: ['s3:GetObject'],
        principals: [{ type: 'Service', identifiers: ['cloudfront.amazonaws.com'] }],
        resources: [`${t.ref('aws_s3_bucket', 'frontend/bucket/bucket', 'arn')}/*`],
        condition: [
          {
            test: 'StringEquals',
            variable: 'AWS:SourceArn',
            values: [t.ref('aws_cloudfront_distribution', 'frontend/distribution', 'arn')],
          },
        ],
      });
      const s3Origin = (t.resource('aws_cloudfront_distribution', 'frontend/distribution').origin as Block[]).find(
        (origin) => origin.origin_id === 's3-frontend',
      );
      expect(s3Origin).toEqual({
        origin_id: 's3-frontend',
        domain_name: t.ref('aws_s3_bucket', 'frontend/bucket/bucket', 'bucket_regional_domain_name'),
        origin_access_control_id: t.ref('aws_cloudfront_origin_access_control', 'frontend/origin-access-control'),
      });
    });

    it('caches /assets/* for a year, the rest for an hour, and never /index.html', () => {
      const distribution = t.resource('aws_cloudfront_distribution', 'frontend/distribution');
      const behaviours = distribution.ordered_cache_behavior as Block[];
      const behaviour = (pattern: string) => behaviours.find((candidate) => candidate.path_pattern === pattern);
      expect(behaviour('/assets/*')).toMatchObject({
        target_origin_id: 's3-frontend',
        cache_policy_id: t.ref('aws_cloudfront_cache_policy', 'frontend/assets-cache-policy'),
      });
      expect(t.resource('aws_cloudfront_cache_policy', 'frontend/assets-cache-policy')).toMatchObject({
        min_ttl: 31536000,
        default_ttl: 31536000,
        max_ttl: 31536000,
      });
      expect(distribution.default_cache_behavior).toMatchObject({
        target_origin_id: 's3-frontend',
        cache_policy_id: t.ref('aws_cloudfront_cache_policy', 'frontend/default-cache-policy'),
      });
      expect(t.resource('aws_cloudfront_cache_policy', 'frontend/default-cache-policy')).toMatchObject({
        default_ttl: 3600,
      });
      expect(behaviour('/index.html')).toMatchObject({
        target_origin_id: 's3-frontend',
        cache_policy_id: CACHING_DISABLED,
      });
    });

    it('serves /index.html with 200 for 403 and 404 (SPA routing)', () => {
      const responses = t.resource('aws_cloudfront_distribution', 'frontend/distribution').custom_error_response;
      expect(responses).toEqual([
        expect.objectContaining({ error_code: 403, response_code: 200, response_page_path: '/index.html' }),
        expect.objectContaining({ error_code: 404, response_code: 200, response_page_path: '/index.html' }),
      ]);
    });

    it('redirects viewers to HTTPS in every behaviour', () => {
      const distribution = t.resource('aws_cloudfront_distribution', 'frontend/distribution');
      const behaviours = [distribution.default_cache_behavior, ...(distribution.ordered_cache_behavior as Block[])];
      expect(behaviours).toHaveLength(4);
      for (const behaviour of behaviours) {
        expect(behaviour).toMatchObject({ viewer_protocol_policy: 'redirect-to-https' });
      }
    });

    it('sends /api/* uncached to the ALB origin, over HTTP in the shipped config (the ALB has no certificate)', () => {
      const distribution = t.resource('aws_cloudfront_distribution', 'frontend/distribution');
      expect((distribution.ordered_cache_behavior as Block[]).find((b) => b.path_pattern === '/api/*')).toMatchObject({
        target_origin_id: 'api',
        cache_policy_id: CACHING_DISABLED,
        origin_request_policy_id: ALL_VIEWER_EXCEPT_HOST_HEADER,
        allowed_methods: ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT'],
      });
      expect((distribution.origin as Block[]).find((origin) => origin.origin_id === 'api')).toEqual({
        origin_id: 'api',
        domain_name: t.ref('aws_lb', 'alb/load-balancer', 'dns_name'),
        custom_origin_config: {
          http_port: 80,
          https_port: 443,
          origin_protocol_policy: 'http-only',
          origin_ssl_protocols: ['TLSv1.2'],
        },
      });
    });
  });

  describe('ElastiCache Redis', () => {
    it(`runs 7.0 on cache.t3.micro x ${expected.redisNodes}, encrypted at rest, 5-day snapshots`, () => {
      expect(t.resource('aws_elasticache_replication_group', 'cache/replication-group')).toMatchObject({
        replication_group_id: prefix,
        engine: 'redis',
        engine_version: '7.0',
        node_type: 'cache.t3.micro',
        num_cache_clusters: expected.redisNodes,
        automatic_failover_enabled: expected.redisFailover,
        multi_az_enabled: expected.redisFailover,
        port: 6379,
        at_rest_encryption_enabled: 'true',
        transit_encryption_enabled: false,
        snapshot_retention_limit: 5,
        subnet_group_name: t.ref('aws_elasticache_subnet_group', 'cache/subnet-group', 'name'),
        security_group_ids: [t.ref('aws_security_group', SG.cache)],
      });
      expect(t.resource('aws_elasticache_subnet_group', 'cache/subnet-group')).toMatchObject({
        subnet_ids: [t.ref('aws_subnet', 'network/private-subnet-0'), t.ref('aws_subnet', 'network/private-subnet-1')],
      });
    });

    it('delivers the slow log and the engine log to their CloudWatch log groups', () => {
      expect(
        t.resource('aws_elasticache_replication_group', 'cache/replication-group').log_delivery_configuration,
      ).toEqual([
        {
          log_type: 'slow-log',
          destination_type: 'cloudwatch-logs',
          destination: t.ref('aws_cloudwatch_log_group', 'cache/slow-log-group', 'name'),
          log_format: 'json',
        },
        {
          log_type: 'engine-log',
          destination_type: 'cloudwatch-logs',
          destination: t.ref('aws_cloudwatch_log_group', 'cache/engine-log-group', 'name'),
          log_format: 'json',
        },
      ]);
      for (const log of ['slow-log', 'engine-log']) {
        expect(t.resource('aws_cloudwatch_log_group', `cache/${log}-group`)).toMatchObject({
          name: `/aws/elasticache/${envName}/redis/${log}`,
          retention_in_days: 30,
        });
      }
    });
  });

  describe('monitoring', () => {
    const topicArn = () => t.ref('aws_sns_topic', 'alarm-topic/topic', 'arn');

    it(`keeps the backend logs in /aws/ec2/${envName}/backend for ${expected.backendLogRetentionDays} days`, () => {
      expect(t.resource('aws_cloudwatch_log_group', 'instances/log-group')).toMatchObject({
        name: `/aws/ec2/${envName}/backend`,
        retention_in_days: expected.backendLogRetentionDays,
      });
    });

    it('sends alarms to a KMS-encrypted SNS topic with the environment e-mail subscribed', () => {
      expect(t.resource('aws_sns_topic', 'alarm-topic/topic')).toMatchObject({
        name: `${prefix}-alarms`,
        kms_master_key_id: t.ref('aws_kms_key', 'alarm-topic/key', 'arn'),
      });
      expect(t.all('aws_sns_topic_subscription')).toEqual([
        { topic_arn: topicArn(), protocol: 'email', endpoint: 'platform-alerts@example.com' },
      ]);
    });

    it('alarms when any target is unhealthy (UnHealthyHostCount > 0)', () => {
      expect(t.resource('aws_cloudwatch_metric_alarm', 'unhealthy-targets-alarm/alarm')).toMatchObject({
        namespace: 'AWS/ApplicationELB',
        metric_name: 'UnHealthyHostCount',
        dimensions: {
          LoadBalancer: t.ref('aws_lb', 'alb/load-balancer', 'arn_suffix'),
          TargetGroup: t.ref('aws_lb_target_group', 'alb/target-group-backend', 'arn_suffix'),
        },
        statistic: 'Maximum',
        comparison_operator: 'GreaterThanThreshold',
        threshold: 0,
        period: 60,
        evaluation_periods: 2,
        alarm_actions: [topicArn()],
        ok_actions: [topicArn()],
      });
    });

    it('alarms when the average target response time is above 1 s', () => {
      expect(t.resource('aws_cloudwatch_metric_alarm', 'response-time-alarm/alarm')).toMatchObject({
        namespace: 'AWS/ApplicationELB',
        metric_name: 'TargetResponseTime',
        dimensions: { LoadBalancer: t.ref('aws_lb', 'alb/load-balancer', 'arn_suffix') },
        statistic: 'Average',
        comparison_operator: 'GreaterThanThreshold',
        threshold: 1,
        period: 60,
        evaluation_periods: 2,
        alarm_actions: [topicArn()],
        ok_actions: [topicArn()],
      });
    });

    it(`alarms per Redis node (${redisNodeIds.join(', ')}) on memory above 90% and on any eviction`, () => {
      redisNodeIds.forEach((nodeId, index) => {
        expect(t.resource('aws_cloudwatch_metric_alarm', `redis-memory-alarm-${index}/alarm`)).toMatchObject({
          namespace: 'AWS/ElastiCache',
          metric_name: 'DatabaseMemoryUsagePercentage',
          dimensions: { CacheClusterId: nodeId },
          statistic: 'Average',
          comparison_operator: 'GreaterThanThreshold',
          threshold: 90,
          period: 60,
          evaluation_periods: 2,
          alarm_actions: [topicArn()],
          ok_actions: [topicArn()],
        });
        expect(t.resource('aws_cloudwatch_metric_alarm', `redis-evictions-alarm-${index}/alarm`)).toMatchObject({
          namespace: 'AWS/ElastiCache',
          metric_name: 'Evictions',
          dimensions: { CacheClusterId: nodeId },
          statistic: 'Sum',
          comparison_operator: 'GreaterThanThreshold',
          threshold: 0,
          period: 60,
          evaluation_periods: 2,
          alarm_actions: [topicArn()],
          ok_actions: [topicArn()],
        });
      });
      // Two scaling alarms, two ALB alarms, two per Redis node: nothing else.
      expect(t.count('aws_cloudwatch_metric_alarm')).toBe(4 + 2 * expected.redisNodes);
    });

    it('has a dashboard with ALB, EC2 and Redis metrics', () => {
      const body = t.resource('aws_cloudwatch_dashboard', 'overview/dashboard').dashboard_body as string;
      for (const fragment of [
        '"AWS/ApplicationELB", "RequestCount"',
        '"AWS/ApplicationELB", "TargetResponseTime"',
        '"AWS/ApplicationELB", "HTTPCode_Target_5XX_Count"',
        '"AWS/EC2", "CPUUtilization"',
        '"AWS/EC2", "NetworkIn"',
        '"AWS/ElastiCache", "DatabaseMemoryUsagePercentage"',
        '"AWS/ElastiCache", "EngineCPUUtilization"',
        '"AWS/ElastiCache", "Evictions"',
        ...redisNodeIds.map((nodeId) => `"CacheClusterId", "${nodeId}"`),
      ]) {
        expect(body).toContain(fragment);
      }
    });
  });

  describe('GitHub OIDC', () => {
    const roleNames = ['frontend', 'backend', 'infra'].map((name) => `${envName}-github-${name}-role`);
    const providerArn = () =>
      expected.createsOidcProvider
        ? t.ref('aws_iam_openid_connect_provider', 'github-oidc/provider', 'arn')
        : EXISTING_OIDC_PROVIDER_ARN;

    if (expected.createsOidcProvider) {
      it('creates the account OIDC provider for token.actions.githubusercontent.com, audience sts.amazonaws.com', () => {
        expect(t.count('aws_iam_openid_connect_provider')).toBe(1);
        expect(t.resource('aws_iam_openid_connect_provider', 'github-oidc/provider')).toMatchObject({
          url: 'https://token.actions.githubusercontent.com',
          client_id_list: ['sts.amazonaws.com'],
        });
      });
    } else {
      it('reuses the OIDC provider dev creates in the same account instead of creating one', () => {
        expect(t.count('aws_iam_openid_connect_provider')).toBe(0);
      });
    }

    it.each([
      ['frontend', 'Kindee18/StartTech-Kindson-1148'],
      ['backend', 'Kindee18/StartTech-Kindson-1148'],
      ['infra', 'Kindee18/StartTech-Infra-Kindson-1148'],
    ])('lets only main of the %s repository (%s) assume its role', (name, repository) => {
      expect(t.resource('aws_iam_role', `github-${name}-role/role`)).toMatchObject({
        name: `${envName}-github-${name}-role`,
        assume_role_policy: t.dataRef('aws_iam_policy_document', `github-${name}-role/trust-policy`),
      });
      expect(statementsOf(t, `github-${name}-role/trust-policy`)).toEqual([
        {
          effect: 'Allow',
          actions: ['sts:AssumeRoleWithWebIdentity'],
          principals: [{ type: 'Federated', identifiers: [providerArn()] }],
          condition: [
            { test: 'StringEquals', variable: `${GITHUB_OIDC_HOST}:aud`, values: ['sts.amazonaws.com'] },
            {
              test: 'StringEquals',
              variable: `${GITHUB_OIDC_HOST}:sub`,
              values: [`repo:${repository}:ref:refs/heads/main`],
            },
          ],
        },
      ]);
    });

    it('has no role that another repository could assume', () => {
      expect(githubTrustProblems(t)).toEqual(Object.fromEntries(roleNames.map((name) => [name, []])));
    });

    it('lets the frontend role sync the frontend bucket only and invalidate its distribution only', () => {
      const bucketArn = t.ref('aws_s3_bucket', 'frontend/bucket/bucket', 'arn');
      expect(statementsOf(t, 'github-frontend-role/policy')).toEqual([
        { sid: 'ListBucket', effect: 'Allow', actions: ['s3:ListBucket'], resources: [bucketArn] },
        {
          sid: 'SyncObjects',
          effect: 'Allow',
          actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
          resources: [`${bucketArn}/*`],
        },
        {
          sid: 'Invalidate',
          effect: 'Allow',
          actions: ['cloudfront:CreateInvalidation', 'cloudfront:GetInvalidation', 'cloudfront:ListInvalidations'],
          resources: [t.ref('aws_cloudfront_distribution', 'frontend/distribution', 'arn')],
        },
      ]);
    });

    it('lets the backend role push to the backend repository and refresh the Auto Scaling group only', () => {
      const statements = statementsOf(t, 'github-backend-role/policy');
      expect(statements.find((statement) => statement.sid === 'EcrPush')).toMatchObject({
        actions: expect.arrayContaining(['ecr:PutImage', 'ecr:InitiateLayerUpload', 'ecr:CompleteLayerUpload']),
        resources: [t.ref('aws_ecr_repository', 'backend-repository/repository', 'arn')],
      });
      expect(statements.find((statement) => statement.sid === 'InstanceRefresh')).toMatchObject({
        actions: expect.arrayContaining(['autoscaling:StartInstanceRefresh']),
        resources: [t.ref('aws_autoscaling_group', 'instances/group', 'arn')],
      });
      // `*` only where AWS has no resource-level permissions.
      const unscoped = statements.filter((statement) => (statement.resources as string[]).includes('*'));
      expect(unscoped.flatMap((statement) => statement.actions)).toEqual([
        'ecr:GetAuthorizationToken',
        'autoscaling:DescribeInstanceRefreshes',
      ]);
    });

    it("lets the infra role use only this environment's ec2-web states and the lock table", () => {
      const bucketArn = `arn:aws:s3:::${stateBackend.bucket}`;
      const statements = statementsOf(t, 'github-infra-role/policy');
      expect(statements.filter((statement) => String(statement.sid).startsWith('State'))).toEqual([
        { sid: 'StateList', effect: 'Allow', actions: ['s3:ListBucket'], resources: [bucketArn] },
        {
          sid: 'StateObjects',
          effect: 'Allow',
          actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
          resources: [
            `${bucketArn}/aws-blueprints/ec2-web-${envName}/*`,
            `${bucketArn}/aws-blueprints/ec2-web-${envName}-atlas/*`,
          ],
        },
        {
          sid: 'StateLock',
          effect: 'Allow',
          actions: ['dynamodb:DescribeTable', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem'],
          resources: ['arn:aws:dynamodb:us-east-1:123456789012:table/aws-blueprints-tflock'],
        },
      ]);
      const services = statements.find((statement) => statement.sid === 'BlueprintServices') as Block;
      const [region] = services.condition as Condition[];
      expect(region).toMatchObject({ test: 'StringEquals', variable: 'aws:RequestedRegion' });
      expect([...new Set(region!.values)]).toEqual(['us-east-1']);
      const roles = statements.find((statement) => statement.sid === 'BlueprintRoles') as Block;
      expect(roles.resources).toEqual([
        `arn:aws:iam::123456789012:role/${prefix}-*`,
        `arn:aws:iam::123456789012:role/${envName}-github-frontend-role`,
        `arn:aws:iam::123456789012:role/${envName}-github-backend-role`,
        `arn:aws:iam::123456789012:instance-profile/${prefix}-*`,
      ]);
      // A role that could rewrite its own policy could make itself administrator.
      expect(roles.resources).not.toContain(`arn:aws:iam::123456789012:role/${envName}-github-infra-role`);
    });
  });

  describe('ECR', () => {
    it(`has ${prefix}-backend with scan on push, immutable tags, AES256`, () => {
      expect(t.count('aws_ecr_repository')).toBe(1);
      expect(t.resource('aws_ecr_repository', 'backend-repository/repository')).toMatchObject({
        name: `${prefix}-backend`,
        image_scanning_configuration: { scan_on_push: true },
        image_tag_mutability: 'IMMUTABLE',
        encryption_configuration: [{ encryption_type: 'AES256' }],
      });
    });
  });

  describe('MongoDB Atlas companion stack', () => {
    let stacks: Stacks;
    let atlas: Template;
    beforeAll(() => {
      stacks = shipped[envName]!();
      atlas = stacks.atlas!;
    });

    it(`is ec2-web-${envName}-atlas with the mongodbatlas, random and aws providers, applied after the AWS stack`, () => {
      expect(stacks.atlasStack!.node.id).toBe(`ec2-web-${envName}-atlas`);
      expect(stacks.atlasStack!.dependencies).toContain(stacks.awsStack);
      expect(atlas.providers('mongodbatlas')).toHaveLength(1);
      expect(atlas.providers('random')).toHaveLength(1);
      expect(atlas.providers('aws')).toEqual([
        expect.objectContaining({ region: 'us-east-1', allowed_account_ids: ['123456789012'] }),
      ]);
      const required = (atlas.json.terraform as Block).required_providers as Record<string, Block>;
      expect(Object.keys(required).sort()).toEqual(['aws', 'mongodbatlas', 'random']);
      expect(required.mongodbatlas).toMatchObject({ source: 'mongodb/mongodbatlas' });
      expect(required.random).toMatchObject({ source: 'hashicorp/random' });
      expect(atlas.backend().s3).toMatchObject({ key: `aws-blueprints/ec2-web-${envName}-atlas/terraform.tfstate` });
    });

    it('runs an M10 replica set of 3 electable nodes in us-east-1, with backups', () => {
      expect(atlas.resource('mongodbatlas_project', 'atlas/project')).toMatchObject({
        name: prefix,
        org_id: '5f1a2b3c4d5e6f7a8b9c0d1e',
      });
      expect(atlas.resource('mongodbatlas_advanced_cluster', 'atlas/cluster')).toMatchObject({
        name: prefix,
        project_id: atlas.ref('mongodbatlas_project', 'atlas/project'),
        cluster_type: 'REPLICASET',
        mongo_db_major_version: '7.0',
        backup_enabled: true,
        replication_specs: [
          {
            region_configs: [
              {
                provider_name: 'AWS',
                region_name: 'US_EAST_1',
                electable_specs: { instance_size: 'M10', node_count: 3 },
              },
            ],
          },
        ],
      });
    });

    it('keeps daily backups 35 days', () => {
      expect(atlas.resource('mongodbatlas_cloud_backup_schedule', 'atlas/backup-schedule')).toMatchObject({
        cluster_name: atlas.ref('mongodbatlas_advanced_cluster', 'atlas/cluster', 'name'),
        policy_item_daily: { frequency_interval: 1, retention_unit: 'days', retention_value: 35 },
      });
    });

    it('creates starttech_app with readWrite on starttech and starttech_staging and a generated password', () => {
      const password = atlas.ref('random_password', 'atlas/password', 'result');
      expect(atlas.resource('mongodbatlas_database_user', 'atlas/database-user')).toMatchObject({
        username: 'starttech_app',
        auth_database_name: 'admin',
        password,
        project_id: atlas.ref('mongodbatlas_project', 'atlas/project'),
        roles: [
          { role_name: 'readWrite', database_name: 'starttech' },
          { role_name: 'readWrite', database_name: 'starttech_staging' },
        ],
      });
      expect(atlas.resource('random_password', 'atlas/password')).toMatchObject({ length: 32 });
    });

    it(`stores the connection in the Secrets Manager secret ${prefix}/mongodb, which the instances may read`, () => {
      expect(atlas.resource('aws_secretsmanager_secret', 'atlas/secret')).toMatchObject({ name: `${prefix}/mongodb` });
      const value = atlas.resource('aws_secretsmanager_secret_version', 'atlas/secret-value');
      expect(value.secret_id).toBe(atlas.ref('aws_secretsmanager_secret', 'atlas/secret'));
      expect(value.secret_string).toContain(atlas.ref('random_password', 'atlas/password', 'result').slice(2, -1));
      expect(JSON.parse(t.resource('aws_iam_role_policy', 'instances-mongodb-secret').policy as string)).toEqual({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: ['secretsmanager:GetSecretValue'],
            Resource: `arn:aws:secretsmanager:us-east-1:123456789012:secret:${prefix}/mongodb-*`,
          },
        ],
      });
    });

    it("allows the AWS stack's NAT IPs, read from its state by a cross-stack reference", () => {
      const remoteState = `cross-stack-reference-input-ec2-web-${envName}`;
      expect(atlas.dataSource('terraform_remote_state', remoteState)).toEqual({
        backend: 's3',
        config: {
          bucket: stateBackend.bucket,
          key: `aws-blueprints/ec2-web-${envName}/terraform.tfstate`,
          region: stateBackend.region,
          encrypt: true,
          dynamodb_table: stateBackend.lockTable,
        },
        workspace: '${terraform.workspace}',
      });
      const outputs = t.outputs();
      expect(atlas.count('mongodbatlas_project_ip_access_list')).toBe(2);
      for (const index of [0, 1]) {
        const natIp = t.ref('aws_eip', `network/nat-eip-${index}`, 'public_ip');
        const [outputName] = Object.entries(outputs)
          .filter(([name, output]) => name.startsWith('cross-stack-output-') && output.value === natIp)
          .map(([name]) => name);
        expect(outputName).toBeDefined();
        const entry = atlas.resource('mongodbatlas_project_ip_access_list', `atlas/access-list-${index}`);
        expect(entry.project_id).toBe(atlas.ref('mongodbatlas_project', 'atlas/project'));
        expect(entry.cidr_block).toContain(`data.terraform_remote_state.${remoteState}.outputs.${outputName}`);
        expect(entry.cidr_block).not.toContain('aws_eip.');
      }
    });
  });

  describe('self-hosted MongoDB (mongodb.mode self-hosted)', () => {
    let selfHosted: Stacks;
    let s: Template;
    beforeAll(() => {
      const config = patched(environment, (base) => ({
        ...base,
        mongodb: { mode: 'self-hosted', instanceType: 't3.medium', dataVolumeGiB: 50, backupRetentionDays: 35 },
      }));
      selfHosted = synth(environment, config);
      s = selfHosted.aws;
    });

    it('creates no Atlas stack and no cross-stack output', () => {
      expect(selfHosted.atlasStack).toBeUndefined();
      expect(selfHosted.app.node.tryFindChild(`ec2-web-${envName}-atlas`)).toBeUndefined();
      expect(Object.keys(s.outputs()).filter((name) => name.startsWith('cross-stack-output-'))).toEqual([]);
      expect(s.resources('aws_iam_role_policy')).not.toHaveProperty('instances-mongodb-secret');
    });

    it('runs MongoDB on a t3.medium in the first private subnet', () => {
      expect(s.count('aws_instance')).toBe(1);
      expect(s.resource('aws_instance', 'mongodb/instance')).toMatchObject({
        subnet_id: s.ref('aws_subnet', 'network/private-subnet-0'),
        vpc_security_group_ids: [s.ref('aws_security_group', SG.mongodb)],
      });
      expect(s.resource('aws_launch_template', 'mongodb/launch-template')).toMatchObject({
        instance_type: 't3.medium',
      });
    });

    it('lets only the instances reach 27017, and only to that instance (no 27017 to the internet)', () => {
      expect(rulesOf(s, 'ingress', SG.mongodb)).toEqual([fromGroup(s, 27017, SG.instances)]);
      expect(rulesOf(s, 'egress', SG.instances)).toContainEqual(fromGroup(s, 27017, SG.mongodb));
      expect(rulesOf(s, 'egress', SG.instances)).not.toContainEqual(
        expect.objectContaining({ cidr_ipv4: '0.0.0.0/0', from_port: 27017 }),
      );
    });

    it('tells the backend containers where MongoDB is, and names resources once', () => {
      const { userData } = (selfHosted.awsStack as Ec2WebStack).instances;
      expect(userData).toContain('MONGODB_PORT');
      expect(userData).toContain('MONGODB_HOST');
      expect(s.resource('aws_security_group', SG.mongodb).name).toBe(`starttech-${envName}-mongodb`);
    });

    it('keeps the data on an encrypted 50 GiB gp3 volume in the instance AZ', () => {
      expect(s.resource('aws_ebs_volume', 'mongodb/data-volume')).toMatchObject({
        availability_zone: 'us-east-1a',
        size: 50,
        type: 'gp3',
        encrypted: true,
      });
      expect(s.resource('aws_volume_attachment', 'mongodb/data-volume-attachment')).toMatchObject({
        volume_id: s.ref('aws_ebs_volume', 'mongodb/data-volume'),
        instance_id: s.ref('aws_instance', 'mongodb/instance'),
      });
    });

    it('backs up to a private, encrypted bucket kept 35 days', () => {
      const bucket = s.ref('aws_s3_bucket', 'mongodb/backup-bucket/bucket');
      expect(s.resource('aws_s3_bucket_public_access_block', 'mongodb/backup-bucket/public-access-block')).toEqual({
        bucket,
        block_public_acls: true,
        block_public_policy: true,
        ignore_public_acls: true,
        restrict_public_buckets: true,
      });
      expect(
        s.resource('aws_s3_bucket_server_side_encryption_configuration', 'mongodb/backup-bucket/encryption'),
      ).toMatchObject({ bucket, rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }] });
      expect(s.resource('aws_s3_bucket_lifecycle_configuration', 'mongodb/backup-bucket/lifecycle')).toMatchObject({
        bucket,
        rule: [{ status: 'Enabled', expiration: [{ days: 35 }] }],
      });
    });
  });
});

describe('GitHub trust check (githubTrustProblems)', () => {
  const repoSub = (values: string[], test = 'StringEquals'): Condition => ({
    test,
    variable: `${GITHUB_OIDC_HOST}:sub`,
    values,
  });

  it('passes a role pinned to one repository and branch', () => {
    const t = handBuiltGithubRole(repoSub(['repo:Kindee18/StartTech-Kindson-1148:ref:refs/heads/main']));
    expect(githubTrustProblems(t)).toEqual({ 'hand-built-role': [] });
  });

  it('fails a role whose sub is repo:*', () => {
    const t = handBuiltGithubRole(repoSub(['repo:*'], 'StringLike'));
    expect(githubTrustProblems(t)).toEqual({ 'hand-built-role': ['sub "repo:*" has a wildcard'] });
  });

  it('fails a role with an owner-wide sub, with no sub, or with another audience', () => {
    expect(githubTrustProblems(handBuiltGithubRole(repoSub(['repo:Kindee18/*'], 'StringLike')))).toEqual({
      'hand-built-role': ['sub "repo:Kindee18/*" has a wildcard'],
    });
    expect(githubTrustProblems(handBuiltGithubRole())).toEqual({
      'hand-built-role': ['no sub condition: every repository could assume it'],
    });
    expect(
      githubTrustProblems(
        handBuiltGithubRole(repoSub(['repo:Kindee18/StartTech-Kindson-1148:ref:refs/heads/main']), 'x'),
      ),
    ).toEqual({ 'hand-built-role': ['aud is not pinned to sts.amazonaws.com with StringEquals'] });
  });

  it('is backed by the config and the module, which both refuse a wildcard repository', () => {
    expect(githubRepository.safeParse('Kindee18/*').success).toBe(false);
    expect(githubRepository.safeParse('*').success).toBe(false);
    expect(
      () =>
        new GithubActionsRole(testStack(), 'role', {
          roleName: 'wide-open-role',
          providerArn: EXISTING_OIDC_PROVIDER_ARN,
          repository: 'Kindee18/*',
          policyStatements: [{ actions: ['s3:ListBucket'], resources: ['arn:aws:s3:::bucket'] }],
        }),
    ).toThrow(/repository.*wildcards/s);
  });
});

/**
 * A template's JSON with the environment's own names made neutral (`dev`/`prod` → ENV, `development`/`production`
 * → ENVIRONMENT) and cdktf's path hashes dropped from logical ids, so two environments can be compared value by value.
 */
function neutral(t: Template, envName: string): unknown {
  const text = JSON.stringify(t.json)
    .replace(/_[0-9A-F]{8}\b/g, '')
    // Not the device paths /dev/xvda and /dev/null.
    .replace(new RegExp(`\\b${envName}\\b(?!/(?:xvd|null))`, 'g'), 'ENV')
    .replace(/\b(development|production)\b/g, 'ENVIRONMENT');
  return JSON.parse(text);
}

/** The paths (`resource.aws_lb.alb_load-balancer.enable_deletion_protection`) where two JSON values differ. */
function differences(a: unknown, b: unknown, path = ''): string[] {
  const isObject = (value: unknown): value is Record<string, unknown> =>
    typeof value === 'object' && value !== null && !Array.isArray(value);
  if (isObject(a) && isObject(b)) {
    return [...new Set([...Object.keys(a), ...Object.keys(b)])]
      .sort()
      .flatMap((key) =>
        key in a && key in b ? differences(a[key], b[key], path ? `${path}.${key}` : key) : [`${path}.${key}`],
      );
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    return a.flatMap((item, index) => differences(item, b[index], `${path}[${index}]`));
  }
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [path];
}

describe('dev and prod differ only where the document says', () => {
  it('differs in Redis nodes and failover, the OIDC provider, deletion protection and retention only', () => {
    const dev = neutral(shipped.dev!().aws, 'dev');
    const prod = neutral(shipped.prod!().aws, 'prod');
    expect(differences(dev, prod)).toEqual([
      // Prod reuses the OIDC provider dev creates in the same account.
      ...['backend', 'frontend', 'infra'].map(
        (role) =>
          `data.aws_iam_policy_document.github-${role}-role_trust-policy.statement[0].principals[0].identifiers[0]`,
      ),
      // One Redis widget line per node.
      'resource.aws_cloudwatch_dashboard.overview_dashboard.dashboard_body',
      'resource.aws_cloudwatch_log_group.instances_log-group.retention_in_days',
      'resource.aws_cloudwatch_log_group.network_flow-log-group.retention_in_days',
      'resource.aws_cloudwatch_metric_alarm.redis-evictions-alarm-1_alarm',
      'resource.aws_cloudwatch_metric_alarm.redis-memory-alarm-1_alarm',
      'resource.aws_elasticache_replication_group.cache_replication-group.automatic_failover_enabled',
      'resource.aws_elasticache_replication_group.cache_replication-group.multi_az_enabled',
      'resource.aws_elasticache_replication_group.cache_replication-group.num_cache_clusters',
      'resource.aws_iam_openid_connect_provider',
      'resource.aws_lb.alb_load-balancer.enable_deletion_protection',
      'resource.aws_s3_bucket_lifecycle_configuration.alb_access-logs_bucket_lifecycle.rule[0].expiration[0].days',
    ]);
  });

  it('has the same Atlas stack in both', () => {
    expect(differences(neutral(shipped.dev!().atlas!, 'dev'), neutral(shipped.prod!().atlas!, 'prod'))).toEqual([]);
  });
});
