/**
 * The load-balancer module: the security group's ingress ports and client ranges, and absence of egress (cdktf
 * matchers); every listener (port, protocol, default action, TLS policy, certificate), every path rule, every target
 * group and health-check number, which group the rules are on, the access-log bucket and the exact ELB log-delivery
 * grant for an older and a newer region, both listener modes, and props validation at construction time (Template).
 * Each scenario is synthesized once.
 */
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Testing, type TerraformStack } from 'cdktf';
import {
  elbLogDeliveryPrincipal,
  ELB_LOG_DELIVERY_SERVICE,
  LoadBalancer,
  TLS13_SSL_POLICIES,
  type LoadBalancerProps,
} from '../../modules/load-balancer';
import { ruleWiring } from '../helpers/security-groups';
import { resolved, Template, testStack } from '../helpers/template';
import { issuePathsAndValues, rejectsEachCase, type ExpectedIssue } from '../helpers/validation';

const CERTIFICATE_ARN = 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789';
const SUBNETS = ['subnet-aaaa1111', 'subnet-bbbb2222'];

/** Seed 001 (ecs-fullstack): HTTPS with path routing `/api/*` → backend:8000, everything else → frontend:3000. */
const FULLSTACK: LoadBalancerProps = {
  name: 'ecs-fullstack-dev',
  vpcId: 'vpc-12345678',
  subnetIds: SUBNETS,
  certificateArn: CERTIFICATE_ARN,
  region: 'us-east-1',
  accountId: '123456789012',
  targetGroups: {
    frontend: { port: 3000, healthCheck: { path: '/' } },
    backend: { port: 8000, healthCheck: { path: '/api/v1/health' } },
  },
  defaultTargetGroup: 'frontend',
  routes: [{ targetGroup: 'backend', pathPatterns: ['/api/*'], priority: 100 }],
};

/** Seed 000 (ec2-web): plain HTTP 80 to `dev-backend-tg`:8080 with instance targets, in a region opened after 2022. */
const EC2_WEB: LoadBalancerProps = {
  name: 'ec2-web-dev',
  vpcId: 'vpc-12345678',
  subnetIds: SUBNETS,
  allowPlainHttp: true,
  region: 'eu-central-2',
  accountId: '210987654321',
  targetGroups: {
    backend: {
      name: 'dev-backend-tg',
      port: 8080,
      targetType: 'instance',
      healthCheck: {
        path: '/health',
        intervalSeconds: 30,
        timeoutSeconds: 3,
        healthyThreshold: 2,
        unhealthyThreshold: 2,
      },
    },
  },
  defaultTargetGroup: 'backend',
  accessLogs: { prefix: 'alb', expirationDays: 30, noncurrentVersionExpirationDays: 7, forceDestroy: true },
};

interface Scenario {
  readonly stack: TerraformStack;
  readonly lb: LoadBalancer;
  readonly t: Template;
}

/** Builds a `LoadBalancer` with construct id `lb` in a fresh stack and synthesizes it once. */
function scenario(props: LoadBalancerProps): () => Scenario {
  let built: Scenario | undefined;
  beforeAll(() => {
    const stack = testStack();
    const lb = new LoadBalancer(stack, 'lb', props);
    built = { stack, lb, t: Template.fromStack(stack) };
  });
  return () => {
    if (!built) throw new Error('scenario not built');
    return built;
  };
}

/** An internal, dualstack load balancer with plain HTTP, an IPv6 client range and two routes. */
const INTERNAL_DUALSTACK: LoadBalancerProps = {
  name: 'private-api',
  vpcId: 'vpc-12345678',
  subnetIds: SUBNETS,
  internal: true,
  ipAddressType: 'dualstack',
  ingressIpv6Cidrs: ['2001:db8::/56'],
  allowPlainHttp: true,
  accessLogs: { enabled: false },
  deletionProtection: false,
  idleTimeoutSeconds: 120,
  targetGroups: {
    web: { port: 8443, protocol: 'HTTPS', healthCheck: { path: '/' } },
    api: {
      port: 9000,
      deregistrationDelaySeconds: 5,
      healthCheck: { path: '/ready', port: 9001, intervalSeconds: 10, timeoutSeconds: 2, matcher: '200' },
    },
  },
  defaultTargetGroup: 'web',
  routes: [
    { targetGroup: 'api', pathPatterns: ['/v1/*', '/v2/*'], priority: 10 },
    { targetGroup: 'web', pathPatterns: ['/static/*'], priority: 20 },
  ],
  tags: { team: 'platform' },
};

/** Seed 001 with a TLS 1.3-only policy and two client ranges instead of the internet. */
const CLIENT_RANGES: LoadBalancerProps = {
  ...FULLSTACK,
  sslPolicy: 'ELBSecurityPolicy-TLS13-1-3-2021-06',
  ingressCidrs: ['203.0.113.0/24', '198.51.100.0/24'],
  accessLogs: { enabled: false },
};

describe('LoadBalancer security group (cdktf matchers)', () => {
  describe('with a certificate (seed 001)', () => {
    const synthesized = Testing.synthScope((scope) => {
      new LoadBalancer(scope, 'lb', FULLSTACK);
    });

    it('is the group <name>-alb in the VPC', () => {
      expect(synthesized).toHaveResourceWithProperties(SecurityGroup, {
        name: 'ecs-fullstack-dev-alb',
        description: 'Load balancer ecs-fullstack-dev: HTTP and HTTPS from its clients',
        vpc_id: 'vpc-12345678',
        tags: { Name: 'ecs-fullstack-dev-alb' },
      });
    });

    it.each([
      [80, 'HTTP from 0.0.0.0/0'],
      [443, 'HTTPS from 0.0.0.0/0'],
    ])('admits TCP %i from 0.0.0.0/0', (port, description) => {
      expect(synthesized).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, {
        description,
        ip_protocol: 'tcp',
        from_port: port,
        to_port: port,
        cidr_ipv4: '0.0.0.0/0',
      });
    });

    it('has no egress rule (targets are wired by callers)', () => {
      expect(synthesized).not.toHaveResource(VpcSecurityGroupEgressRule);
    });
  });

  describe('with allowPlainHttp (seed 000)', () => {
    const synthesized = Testing.synthScope((scope) => {
      new LoadBalancer(scope, 'lb', EC2_WEB);
    });

    it('admits TCP 80 from 0.0.0.0/0, and not 443 without an HTTPS listener', () => {
      expect(synthesized).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, {
        ip_protocol: 'tcp',
        from_port: 80,
        to_port: 80,
        cidr_ipv4: '0.0.0.0/0',
      });
      expect(synthesized).not.toHaveResourceWithProperties(VpcSecurityGroupIngressRule, { from_port: 443 });
    });

    it('describes the group as HTTP only, and has no egress rule', () => {
      expect(synthesized).toHaveResourceWithProperties(SecurityGroup, {
        description: 'Load balancer ec2-web-dev: HTTP from its clients',
      });
      expect(synthesized).not.toHaveResource(VpcSecurityGroupEgressRule);
    });
  });

  describe('internal and dualstack, with an IPv6 client range', () => {
    const synthesized = Testing.synthScope((scope) => {
      new LoadBalancer(scope, 'lb', INTERNAL_DUALSTACK);
    });

    it('admits TCP 80 from the IPv6 range', () => {
      expect(synthesized).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, {
        description: 'HTTP from 2001:db8::/56',
        ip_protocol: 'tcp',
        from_port: 80,
        to_port: 80,
        cidr_ipv6: '2001:db8::/56',
      });
    });

    it('has no IPv4 rule: an internal load balancer has no default range', () => {
      expect(synthesized).not.toHaveResourceWithProperties(VpcSecurityGroupIngressRule, {
        cidr_ipv4: expect.anything(),
      });
    });
  });

  describe('with client ranges', () => {
    const synthesized = Testing.synthScope((scope) => {
      new LoadBalancer(scope, 'lb', CLIENT_RANGES);
    });

    it.each([
      [80, '203.0.113.0/24'],
      [80, '198.51.100.0/24'],
      [443, '203.0.113.0/24'],
      [443, '198.51.100.0/24'],
    ])('admits TCP %i from %s', (port, cidr) => {
      expect(synthesized).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, {
        ip_protocol: 'tcp',
        from_port: port,
        to_port: port,
        cidr_ipv4: cidr,
      });
    });

    it('has no rule from 0.0.0.0/0', () => {
      expect(synthesized).not.toHaveResourceWithProperties(VpcSecurityGroupIngressRule, { cidr_ipv4: '0.0.0.0/0' });
    });
  });
});

describe('LoadBalancer with a certificate (seed 001: HTTPS, path routing, access logs in us-east-1)', () => {
  const s = scenario(FULLSTACK);

  describe('load balancer', () => {
    it('is an internet-facing IPv4 ALB in the subnets, behind its security group, with hardened attributes', () => {
      const { t } = s();
      expect(t.count('aws_lb')).toBe(1);
      expect(t.resource('aws_lb', 'lb/load-balancer')).toEqual({
        name: 'ecs-fullstack-dev',
        load_balancer_type: 'application',
        internal: false,
        ip_address_type: 'ipv4',
        subnets: SUBNETS,
        security_groups: [t.ref('aws_security_group', 'lb/sg/group')],
        idle_timeout: 60,
        enable_deletion_protection: true,
        drop_invalid_header_fields: true,
        access_logs: {
          bucket: t.ref('aws_s3_bucket', 'lb/access-logs/bucket/bucket'),
          prefix: 'ecs-fullstack-dev',
          enabled: true,
        },
        tags: { Name: 'ecs-fullstack-dev' },
        depends_on: [t.address('aws_s3_bucket_policy', 'lb/access-logs/bucket/policy')],
      });
    });

    it('exposes arn, arnSuffix, dnsName, zoneId and the target groups ARN suffixes as references', () => {
      const { lb, t } = s();
      const ref = (attribute: string) => t.ref('aws_lb', 'lb/load-balancer', attribute);
      expect(resolved(s().stack, [lb.arn, lb.arnSuffix, lb.dnsName, lb.zoneId])).toEqual([
        ref('arn'),
        ref('arn_suffix'),
        ref('dns_name'),
        ref('zone_id'),
      ]);
      expect(resolved(s().stack, lb.targetGroupArnSuffixes)).toEqual({
        frontend: t.ref('aws_lb_target_group', 'lb/target-group-frontend', 'arn_suffix'),
        backend: t.ref('aws_lb_target_group', 'lb/target-group-backend', 'arn_suffix'),
      });
      expect(Object.keys(lb.targetGroups)).toEqual(['frontend', 'backend']);
      expect(lb.httpsListener).toBeDefined();
      expect(lb.servingListener).toBe(lb.httpsListener);
      expect(lb.listenerRules).toHaveLength(1);
      expect(lb.accessLogBucket).toBe(lb.accessLogs?.bucket);
      expect(resolved(s().stack, lb.securityGroup.securityGroupId)).toBe(t.ref('aws_security_group', 'lb/sg/group'));
    });
  });

  describe('listeners', () => {
    it('creates exactly two listeners', () => {
      expect(s().t.count('aws_lb_listener')).toBe(2);
    });

    it('HTTP 80 answers every request with a 301 redirect to HTTPS 443', () => {
      const { t } = s();
      expect(t.resource('aws_lb_listener', 'lb/http-listener')).toEqual({
        load_balancer_arn: t.ref('aws_lb', 'lb/load-balancer', 'arn'),
        port: 80,
        protocol: 'HTTP',
        default_action: [{ type: 'redirect', redirect: { port: '443', protocol: 'HTTPS', status_code: 'HTTP_301' } }],
        tags: { Name: 'ecs-fullstack-dev-http' },
      });
    });

    it('HTTPS 443 uses the TLS 1.3 policy and the certificate, and forwards to the frontend by default', () => {
      const { t } = s();
      expect(t.resource('aws_lb_listener', 'lb/https-listener')).toEqual({
        load_balancer_arn: t.ref('aws_lb', 'lb/load-balancer', 'arn'),
        port: 443,
        protocol: 'HTTPS',
        ssl_policy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
        certificate_arn: CERTIFICATE_ARN,
        default_action: [
          { type: 'forward', target_group_arn: t.ref('aws_lb_target_group', 'lb/target-group-frontend', 'arn') },
        ],
        tags: { Name: 'ecs-fullstack-dev-https' },
      });
    });
  });

  describe('routes', () => {
    it('sends /api/* on the HTTPS listener to the backend with priority 100, and has no other rule', () => {
      const { t } = s();
      expect(t.count('aws_lb_listener_rule')).toBe(1);
      expect(t.resource('aws_lb_listener_rule', 'lb/rule-100')).toEqual({
        listener_arn: t.ref('aws_lb_listener', 'lb/https-listener', 'arn'),
        priority: 100,
        action: [{ type: 'forward', target_group_arn: t.ref('aws_lb_target_group', 'lb/target-group-backend', 'arn') }],
        condition: [{ path_pattern: { values: ['/api/*'] } }],
        tags: { Name: 'ecs-fullstack-dev-backend-100' },
      });
    });
  });

  describe('target groups', () => {
    it.each([
      ['frontend', 3000, '/'],
      ['backend', 8000, '/api/v1/health'],
    ])(
      '%s: HTTP %i to IP targets, 30 s deregistration, health check %s with the default numbers',
      (key, port, path) => {
        const { t } = s();
        expect(t.resource('aws_lb_target_group', `lb/target-group-${key}`)).toEqual({
          name: `ecs-fullstack-dev-${key}`,
          vpc_id: 'vpc-12345678',
          port,
          protocol: 'HTTP',
          target_type: 'ip',
          deregistration_delay: '30',
          health_check: {
            enabled: true,
            path,
            port: 'traffic-port',
            protocol: 'HTTP',
            interval: 30,
            timeout: 5,
            healthy_threshold: 3,
            unhealthy_threshold: 3,
            matcher: '200-399',
          },
          tags: { Name: `ecs-fullstack-dev-${key}` },
        });
      },
    );

    it('creates exactly two target groups and no attachments (services register themselves)', () => {
      const { t } = s();
      expect(t.count('aws_lb_target_group')).toBe(2);
      expect(t.count('aws_lb_target_group_attachment')).toBe(0);
    });
  });

  describe('security group', () => {
    it('is the only group, with exactly two ingress rules (HTTP, HTTPS) on it, and exposes no egress rule', () => {
      const { t, lb } = s();
      expect(t.count('aws_security_group')).toBe(1);
      expect(ruleWiring(t, 'ingress')).toEqual({
        'lb/sg/ingress-http-ipv4-0': { group: 'lb/sg/group' },
        'lb/sg/ingress-https-ipv4-0': { group: 'lb/sg/group' },
      });
      expect(lb.securityGroup.egressRules).toEqual({});
    });
  });

  describe('access-log bucket', () => {
    const bucket = () => s().t.ref('aws_s3_bucket', 'lb/access-logs/bucket/bucket');

    it('is named <name>-alb-logs-<account>-<region> and refuses destroy while logs remain', () => {
      const { t } = s();
      expect(t.count('aws_s3_bucket')).toBe(1);
      expect(t.resource('aws_s3_bucket', 'lb/access-logs/bucket/bucket')).toEqual({
        bucket: 'ecs-fullstack-dev-alb-logs-123456789012-us-east-1',
        force_destroy: false,
        tags: { Name: 'ecs-fullstack-dev-alb-logs-123456789012-us-east-1' },
      });
    });

    it('encrypts with SSE-S3 (AES256), the only encryption ALB log delivery supports', () => {
      expect(
        s().t.resource('aws_s3_bucket_server_side_encryption_configuration', 'lb/access-logs/bucket/encryption'),
      ).toEqual({ bucket: bucket(), rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }] });
    });

    it('is versioned, blocks every kind of public access and disables ACLs', () => {
      const { t } = s();
      expect(t.resource('aws_s3_bucket_versioning', 'lb/access-logs/bucket/versioning')).toEqual({
        bucket: bucket(),
        versioning_configuration: { status: 'Enabled' },
      });
      expect(t.resource('aws_s3_bucket_public_access_block', 'lb/access-logs/bucket/public-access-block')).toEqual({
        bucket: bucket(),
        block_public_acls: true,
        block_public_policy: true,
        ignore_public_acls: true,
        restrict_public_buckets: true,
      });
      expect(t.resource('aws_s3_bucket_ownership_controls', 'lb/access-logs/bucket/ownership-controls')).toEqual({
        bucket: bucket(),
        rule: { object_ownership: 'BucketOwnerEnforced' },
      });
    });

    it('expires logs after 90 days and superseded versions after 30', () => {
      const { t } = s();
      expect(t.resource('aws_s3_bucket_lifecycle_configuration', 'lb/access-logs/bucket/lifecycle')).toEqual({
        bucket: bucket(),
        rule: [
          {
            id: 'expire-access-logs',
            status: 'Enabled',
            filter: [{ prefix: '' }],
            expiration: [{ days: 90 }],
            noncurrent_version_expiration: [{ noncurrent_days: 30 }],
            abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }],
          },
        ],
        depends_on: [t.address('aws_s3_bucket_versioning', 'lb/access-logs/bucket/versioning')],
      });
    });

    it('grants us-east-1 ELB account 127311923021 PutObject on <prefix>/AWSLogs/<account>/* only, and denies non-TLS', () => {
      const { t } = s();
      expect(t.resource('aws_s3_bucket_policy', 'lb/access-logs/bucket/policy')).toEqual({
        bucket: bucket(),
        policy: t.dataRef('aws_iam_policy_document', 'lb/access-logs/bucket/policy-document'),
        depends_on: [t.address('aws_s3_bucket_public_access_block', 'lb/access-logs/bucket/public-access-block')],
      });
      const arn = t.ref('aws_s3_bucket', 'lb/access-logs/bucket/bucket', 'arn');
      expect(t.dataSource('aws_iam_policy_document', 'lb/access-logs/bucket/policy-document').statement).toEqual([
        {
          sid: 'AllowElbAccessLogDelivery',
          effect: 'Allow',
          principals: [{ type: 'AWS', identifiers: ['arn:aws:iam::127311923021:root'] }],
          actions: ['s3:PutObject'],
          resources: [`${arn}/ecs-fullstack-dev/AWSLogs/123456789012/*`],
        },
        {
          sid: 'DenyInsecureTransport',
          effect: 'Deny',
          principals: [{ type: '*', identifiers: ['*'] }],
          actions: ['s3:*'],
          resources: [arn, `${arn}/*`],
          condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
        },
      ]);
    });
  });
});

describe('LoadBalancer with allowPlainHttp (seed 000: HTTP 80 → dev-backend-tg:8080, instances, eu-central-2)', () => {
  const s = scenario(EC2_WEB);

  it('has one listener, HTTP 80, forwarding to the target group, and no HTTPS listener or rule', () => {
    const { t, lb } = s();
    expect(t.count('aws_lb_listener')).toBe(1);
    expect(t.count('aws_lb_listener_rule')).toBe(0);
    expect(t.resource('aws_lb_listener', 'lb/http-listener')).toEqual({
      load_balancer_arn: t.ref('aws_lb', 'lb/load-balancer', 'arn'),
      port: 80,
      protocol: 'HTTP',
      default_action: [
        { type: 'forward', target_group_arn: t.ref('aws_lb_target_group', 'lb/target-group-backend', 'arn') },
      ],
      tags: { Name: 'ec2-web-dev-http' },
    });
    expect(lb.httpsListener).toBeUndefined();
    expect(lb.servingListener).toBe(lb.httpListener);
    expect(lb.listenerRules).toEqual([]);
  });

  it('target group dev-backend-tg: HTTP 8080, instance targets, /health every 30 s, timeout 3, thresholds 2/2', () => {
    const { t } = s();
    expect(t.resource('aws_lb_target_group', 'lb/target-group-backend')).toEqual({
      name: 'dev-backend-tg',
      vpc_id: 'vpc-12345678',
      port: 8080,
      protocol: 'HTTP',
      target_type: 'instance',
      deregistration_delay: '30',
      health_check: {
        enabled: true,
        path: '/health',
        port: 'traffic-port',
        protocol: 'HTTP',
        interval: 30,
        timeout: 3,
        healthy_threshold: 2,
        unhealthy_threshold: 2,
        matcher: '200-399',
      },
      tags: { Name: 'dev-backend-tg' },
    });
  });

  it('has one ingress rule (HTTP), on its group', () => {
    expect(ruleWiring(s().t, 'ingress')).toEqual({ 'lb/sg/ingress-http-ipv4-0': { group: 'lb/sg/group' } });
  });

  it('writes logs under the configured prefix to a force-destroyable bucket kept 30 days (versions 7)', () => {
    const { t } = s();
    expect(t.resource('aws_lb', 'lb/load-balancer').access_logs).toEqual({
      bucket: t.ref('aws_s3_bucket', 'lb/access-logs/bucket/bucket'),
      prefix: 'alb',
      enabled: true,
    });
    expect(t.resource('aws_s3_bucket', 'lb/access-logs/bucket/bucket')).toMatchObject({
      bucket: 'ec2-web-dev-alb-logs-210987654321-eu-central-2',
      force_destroy: true,
    });
    expect(t.resource('aws_s3_bucket_lifecycle_configuration', 'lb/access-logs/bucket/lifecycle').rule).toMatchObject([
      { expiration: [{ days: 30 }], noncurrent_version_expiration: [{ noncurrent_days: 7 }] },
    ]);
  });

  it('grants the logdelivery.elasticloadbalancing.amazonaws.com service (a region opened after 2022)', () => {
    const { t } = s();
    const arn = t.ref('aws_s3_bucket', 'lb/access-logs/bucket/bucket', 'arn');
    const statements = t.dataSource('aws_iam_policy_document', 'lb/access-logs/bucket/policy-document')
      .statement as unknown[];
    expect(statements[0]).toEqual({
      sid: 'AllowElbAccessLogDelivery',
      effect: 'Allow',
      principals: [{ type: 'Service', identifiers: ['logdelivery.elasticloadbalancing.amazonaws.com'] }],
      actions: ['s3:PutObject'],
      resources: [`${arn}/alb/AWSLogs/210987654321/*`],
    });
  });
});

describe('LoadBalancer internal, dualstack, plain HTTP with routes, no access logs', () => {
  const s = scenario(INTERNAL_DUALSTACK);

  it('is internal and dualstack, without deletion protection or access logs, idle timeout 120 s', () => {
    const { t, lb } = s();
    expect(t.resource('aws_lb', 'lb/load-balancer')).toEqual({
      name: 'private-api',
      load_balancer_type: 'application',
      internal: true,
      ip_address_type: 'dualstack',
      subnets: SUBNETS,
      security_groups: [t.ref('aws_security_group', 'lb/sg/group')],
      idle_timeout: 120,
      enable_deletion_protection: false,
      drop_invalid_header_fields: true,
      tags: { team: 'platform', Name: 'private-api' },
    });
    expect(t.count('aws_s3_bucket')).toBe(0);
    expect(t.count('aws_s3_bucket_policy')).toBe(0);
    expect(t.json.data).toBeUndefined();
    expect(lb.accessLogBucket).toBeUndefined();
  });

  it('has one ingress rule (HTTP from the IPv6 range), on its group', () => {
    expect(ruleWiring(s().t, 'ingress')).toEqual({ 'lb/sg/ingress-http-ipv6-0': { group: 'lb/sg/group' } });
  });

  it.each([
    ['rule-10', 10, 'api', ['/v1/*', '/v2/*']],
    ['rule-20', 20, 'web', ['/static/*']],
  ])('%s: priority %i forwards to %s on the HTTP listener for %j', (id, priority, key, patterns) => {
    const { t } = s();
    expect(t.resource('aws_lb_listener_rule', `lb/${id}`)).toEqual({
      listener_arn: t.ref('aws_lb_listener', 'lb/http-listener', 'arn'),
      priority,
      action: [{ type: 'forward', target_group_arn: t.ref('aws_lb_target_group', `lb/target-group-${key}`, 'arn') }],
      condition: [{ path_pattern: { values: patterns } }],
      tags: { team: 'platform', Name: `private-api-${key}-${priority}` },
    });
  });

  it('checks an HTTPS target group over HTTPS, and the api group on its own port with its own numbers', () => {
    const { t } = s();
    expect(t.resource('aws_lb_target_group', 'lb/target-group-web')).toMatchObject({
      port: 8443,
      protocol: 'HTTPS',
      health_check: { protocol: 'HTTPS', path: '/' },
    });
    expect(t.resource('aws_lb_target_group', 'lb/target-group-api')).toMatchObject({
      name: 'private-api-api',
      port: 9000,
      deregistration_delay: '5',
      health_check: {
        path: '/ready',
        port: '9001',
        protocol: 'HTTP',
        interval: 10,
        timeout: 2,
        healthy_threshold: 3,
        unhealthy_threshold: 3,
        matcher: '200',
      },
    });
  });
});

describe('LoadBalancer with a stricter TLS policy and client ranges', () => {
  const s = scenario(CLIENT_RANGES);

  it('uses the configured TLS 1.3-only policy on 443', () => {
    expect(s().t.resource('aws_lb_listener', 'lb/https-listener').ssl_policy).toBe(
      'ELBSecurityPolicy-TLS13-1-3-2021-06',
    );
  });

  it('has one ingress rule per port and client range (4), on its group', () => {
    expect(ruleWiring(s().t, 'ingress')).toEqual({
      'lb/sg/ingress-http-ipv4-0': { group: 'lb/sg/group' },
      'lb/sg/ingress-http-ipv4-1': { group: 'lb/sg/group' },
      'lb/sg/ingress-https-ipv4-0': { group: 'lb/sg/group' },
      'lb/sg/ingress-https-ipv4-1': { group: 'lb/sg/group' },
    });
  });
});

describe('LoadBalancer with an empty access-log prefix in us-west-2', () => {
  const s = scenario({ ...FULLSTACK, region: 'us-west-2', accessLogs: { prefix: '', bucketName: 'shared-alb-logs' } });

  it('omits the prefix on the load balancer and grants <bucket>/AWSLogs/<account>/* to the us-west-2 ELB account', () => {
    const { t } = s();
    expect(t.resource('aws_lb', 'lb/load-balancer').access_logs).toEqual({
      bucket: t.ref('aws_s3_bucket', 'lb/access-logs/bucket/bucket'),
      enabled: true,
    });
    expect(t.resource('aws_s3_bucket', 'lb/access-logs/bucket/bucket').bucket).toBe('shared-alb-logs');
    const arn = t.ref('aws_s3_bucket', 'lb/access-logs/bucket/bucket', 'arn');
    const statements = t.dataSource('aws_iam_policy_document', 'lb/access-logs/bucket/policy-document')
      .statement as unknown[];
    expect(statements[0]).toMatchObject({
      principals: [{ type: 'AWS', identifiers: ['arn:aws:iam::797873946194:root'] }],
      resources: [`${arn}/AWSLogs/123456789012/*`],
    });
  });
});

/** Blue/green behind HTTPS: CodeDeploy owns the serving listener, the route and a test listener on 8443. */
const BLUE_GREEN: LoadBalancerProps = {
  ...FULLSTACK,
  accessLogs: { enabled: false },
  targetGroups: {
    blue: { port: 8080, healthCheck: { path: '/health' } },
    green: { port: 8080, healthCheck: { path: '/health' } },
  },
  defaultTargetGroup: 'blue',
  routes: [{ targetGroup: 'blue', pathPatterns: ['/api/*'], priority: 10 }],
  extraListeners: { test: { port: 8443, targetGroup: 'green', ingressCidrs: ['10.0.0.0/16', '203.0.113.0/24'] } },
  listenerActionsManagedByCodeDeploy: true,
};

describe('LoadBalancer with a test listener and listener actions managed by CodeDeploy', () => {
  const s = scenario(BLUE_GREEN);

  it('adds HTTPS 8443 with the certificate and TLS policy of 443, forwarding to green, its action left to CodeDeploy', () => {
    const { t, lb } = s();
    expect(t.count('aws_lb_listener')).toBe(3);
    expect(t.resource('aws_lb_listener', 'lb/listener-test')).toEqual({
      load_balancer_arn: t.ref('aws_lb', 'lb/load-balancer', 'arn'),
      port: 8443,
      protocol: 'HTTPS',
      ssl_policy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
      certificate_arn: CERTIFICATE_ARN,
      default_action: [
        { type: 'forward', target_group_arn: t.ref('aws_lb_target_group', 'lb/target-group-green', 'arn') },
      ],
      tags: { Name: 'ecs-fullstack-dev-test' },
      lifecycle: { ignore_changes: ['default_action'] },
    });
    expect(t.ref('aws_lb_listener', 'lb/listener-test', 'arn')).toBe(resolved(s().stack, lb.extraListeners.test?.arn));
  });

  it("ignores the serving listener's default action and the route's action, not the HTTP redirect", () => {
    const { t } = s();
    expect(t.resource('aws_lb_listener', 'lb/https-listener').lifecycle).toEqual({
      ignore_changes: ['default_action'],
    });
    expect(t.resource('aws_lb_listener_rule', 'lb/rule-10').lifecycle).toEqual({ ignore_changes: ['action'] });
    expect(t.resource('aws_lb_listener', 'lb/http-listener').lifecycle).toBeUndefined();
  });

  it('admits TCP 8443 from each of its CIDRs only, described with the listener key, on the group', () => {
    const { t } = s();
    expect(ruleWiring(t, 'ingress')).toEqual({
      'lb/sg/ingress-http-ipv4-0': { group: 'lb/sg/group' },
      'lb/sg/ingress-https-ipv4-0': { group: 'lb/sg/group' },
      'lb/sg/ingress-listener-test-ipv4-0': { group: 'lb/sg/group' },
      'lb/sg/ingress-listener-test-ipv4-1': { group: 'lb/sg/group' },
    });
    expect(t.where('aws_vpc_security_group_ingress_rule', { from_port: 8443 })).toEqual([
      expect.objectContaining({
        description: 'test: HTTPS 8443 from 10.0.0.0/16',
        ip_protocol: 'tcp',
        to_port: 8443,
        cidr_ipv4: '10.0.0.0/16',
      }),
      expect.objectContaining({
        description: 'test: HTTPS 8443 from 203.0.113.0/24',
        ip_protocol: 'tcp',
        to_port: 8443,
        cidr_ipv4: '203.0.113.0/24',
      }),
    ]);
  });
});

describe('LoadBalancer with plain HTTP and a staging listener', () => {
  const s = scenario({
    ...EC2_WEB,
    targetGroups: { ...EC2_WEB.targetGroups, staging: { port: 8081, healthCheck: { path: '/health' } } },
    extraListeners: { staging: { port: 8080, targetGroup: 'staging', ingressCidrs: ['10.0.0.0/8'] } },
  });

  it('adds HTTP 8080 forwarding to the staging group (which no other listener uses), Terraform-managed', () => {
    const { t } = s();
    expect(t.resource('aws_lb_listener', 'lb/listener-staging')).toEqual({
      load_balancer_arn: t.ref('aws_lb', 'lb/load-balancer', 'arn'),
      port: 8080,
      protocol: 'HTTP',
      default_action: [
        { type: 'forward', target_group_arn: t.ref('aws_lb_target_group', 'lb/target-group-staging', 'arn') },
      ],
      tags: { Name: 'ec2-web-dev-staging' },
    });
    expect(t.resource('aws_lb_listener', 'lb/http-listener').lifecycle).toBeUndefined();
  });

  it('admits TCP 8080 from 10.0.0.0/8, described with the listener key', () => {
    expect(s().t.where('aws_vpc_security_group_ingress_rule', { from_port: 8080 })).toEqual([
      expect.objectContaining({
        description: 'staging: HTTP 8080 from 10.0.0.0/8',
        to_port: 8080,
        cidr_ipv4: '10.0.0.0/8',
      }),
    ]);
  });
});

describe('ELB log-delivery principals and TLS policies', () => {
  it.each([
    ['us-west-2', { type: 'AWS', identifiers: ['arn:aws:iam::797873946194:root'] }],
    ['eu-west-1', { type: 'AWS', identifiers: ['arn:aws:iam::156460612806:root'] }],
    ['cn-north-1', { type: 'AWS', identifiers: ['arn:aws-cn:iam::638102146993:root'] }],
    ['us-gov-west-1', { type: 'AWS', identifiers: ['arn:aws-us-gov:iam::048591011584:root'] }],
    ['il-central-1', { type: 'Service', identifiers: [ELB_LOG_DELIVERY_SERVICE] }],
    ['ap-southeast-5', { type: 'Service', identifiers: [ELB_LOG_DELIVERY_SERVICE] }],
  ])('%s delivers as %j', (region, principal) => {
    expect(elbLogDeliveryPrincipal(region)).toEqual(principal);
  });

  it('accepts only TLS 1.3 policies', () => {
    expect(TLS13_SSL_POLICIES.length).toBeGreaterThan(20);
    for (const policy of TLS13_SSL_POLICIES) expect(policy).toMatch(/^ELBSecurityPolicy-TLS13-1-[0-3]-/);
  });
});

describe('LoadBalancer props validation', () => {
  const BASE: LoadBalancerProps = {
    name: 'app',
    vpcId: 'vpc-12345678',
    subnetIds: SUBNETS,
    allowPlainHttp: true,
    region: 'us-east-1',
    accountId: '123456789012',
    targetGroups: { web: { port: 8080, healthCheck: { path: '/health' } } },
    defaultTargetGroup: 'web',
  };
  const TWO_GROUPS: Partial<LoadBalancerProps> = {
    targetGroups: {
      web: { port: 8080, healthCheck: { path: '/health' } },
      api: { port: 9000, healthCheck: { path: '/health' } },
    },
    routes: [{ targetGroup: 'api', pathPatterns: ['/api/*'], priority: 10 }],
  };
  const web = (healthCheck: Record<string, unknown>, group: Record<string, unknown> = {}) => ({
    targetGroups: { web: { port: 8080, ...group, healthCheck: { path: '/health', ...healthCheck } } },
  });
  const cases: Array<[string, Partial<LoadBalancerProps>, ExpectedIssue[]]> = [
    [
      'a name longer than 32 characters',
      { name: 'a'.repeat(33), accessLogs: { enabled: false } },
      [{ path: 'name', value: 'a'.repeat(33), message: /^must be a load balancer name of 1 to 32 letters/ }],
    ],
    [
      'a name starting with internal-',
      { name: 'internal-app' },
      [{ path: 'name', value: 'internal-app', message: /, nor starting with "internal-"$/ }],
    ],
    [
      'a single subnet',
      { subnetIds: ['subnet-1'] },
      [{ path: 'subnetIds', value: ['subnet-1'], message: /^must list at least two subnets/ }],
    ],
    [
      'a bad ipAddressType',
      { ipAddressType: 'ipv6' as never },
      [{ path: 'ipAddressType', value: 'ipv6', message: /^must be "ipv4" or "dualstack"$/ }],
    ],
    [
      'a malformed ingress CIDR',
      { ingressCidrs: ['0.0.0.0/0', '10.0.0/8'] },
      [{ path: 'ingressCidrs[1]', value: '10.0.0/8', message: /^is not an IPv4 CIDR block/ }],
    ],
    [
      'a malformed IPv6 ingress CIDR',
      { ipAddressType: 'dualstack', ingressIpv6Cidrs: ['2001:zz8::/56'] },
      [{ path: 'ingressIpv6Cidrs[0]', value: '2001:zz8::/56', message: /^is not an IPv6 CIDR block/ }],
    ],
    [
      'an IPv6 CIDR with host bits set',
      { ipAddressType: 'dualstack', ingressIpv6Cidrs: ['2001:db8::1/56'] },
      [{ path: 'ingressIpv6Cidrs[0]', value: '2001:db8::1/56', message: /^has host bits set \(.*2001:db8::\/56\)$/ }],
    ],
    [
      'IPv6 ranges on an IPv4-only load balancer',
      { ingressIpv6Cidrs: ['::/0'] },
      [{ path: 'ingressIpv6Cidrs', value: ['::/0'], message: /^needs ipAddressType "dualstack"/ }],
    ],
    [
      'no certificate and no allowPlainHttp',
      { allowPlainHttp: undefined },
      [
        {
          path: 'certificateArn',
          value: undefined,
          message: /^is required: set an ACM certificate ARN, or allowPlainHttp/,
        },
      ],
    ],
    [
      'a certificate ARN that is not ACM',
      { certificateArn: 'arn:aws:iam::123456789012:server-certificate/x' },
      [
        {
          path: 'certificateArn',
          value: 'arn:aws:iam::123456789012:server-certificate/x',
          message: /^must be an ACM certificate ARN/,
        },
      ],
    ],
    [
      'a TLS policy without TLS 1.3',
      { certificateArn: CERTIFICATE_ARN, sslPolicy: 'ELBSecurityPolicy-2016-08' },
      [
        {
          path: 'sslPolicy',
          value: 'ELBSecurityPolicy-2016-08',
          message: /^must be a TLS 1\.3 security policy: ELBSecurityPolicy-TLS13-1-2-2021-06, /,
        },
      ],
    ],
    [
      'no target group',
      { targetGroups: {} },
      [
        { path: 'targetGroups', value: {}, message: /^must define at least one target group$/ },
        { path: 'defaultTargetGroup', value: 'web', message: /^must be one of the targetGroups keys \(\)$/ },
      ],
    ],
    [
      'an unknown defaultTargetGroup',
      { defaultTargetGroup: 'api' },
      [
        { path: 'defaultTargetGroup', value: 'api', message: /^must be one of the targetGroups keys \(web\)$/ },
        {
          path: 'targetGroups.web',
          value: 'web',
          message: /^is used by neither defaultTargetGroup, a route nor an extra listener/,
        },
      ],
    ],
    [
      'a generated target group name longer than 32 characters',
      {
        name: 'a'.repeat(20),
        targetGroups: { 'backend-service-x': { port: 80, healthCheck: { path: '/' } } },
        defaultTargetGroup: 'backend-service-x',
      },
      [
        {
          path: 'targetGroups.backend-service-x',
          value: `${'a'.repeat(20)}-backend-service-x`,
          message: /^must be a target group name of 1 to 32 letters/,
        },
      ],
    ],
    [
      'an explicit target group name with an underscore',
      web({}, { name: 'dev_backend' }),
      [{ path: 'targetGroups.web.name', value: 'dev_backend', message: /^must be a target group name/ }],
    ],
    [
      'two target groups with one name',
      {
        targetGroups: {
          web: { name: 'shared', port: 8080, healthCheck: { path: '/' } },
          api: { name: 'shared', port: 9000, healthCheck: { path: '/' } },
        },
        routes: [{ targetGroup: 'api', pathPatterns: ['/api/*'], priority: 10 }],
      },
      [{ path: 'targetGroups.api.name', value: 'shared', message: /^repeats the name of targetGroups\.web$/ }],
    ],
    [
      'target group port 0',
      web({}, { port: 0 }),
      [{ path: 'targetGroups.web.port', value: 0, message: /^must be a port from 1 to 65535$/ }],
    ],
    [
      'target group port 70000',
      web({}, { port: 70000 }),
      [{ path: 'targetGroups.web.port', value: 70000, message: /^must be a port from 1 to 65535$/ }],
    ],
    [
      'a TCP target group',
      web({}, { protocol: 'TCP' }),
      [{ path: 'targetGroups.web.protocol', value: 'TCP', message: /^must be "HTTP" or "HTTPS"$/ }],
    ],
    [
      'a lambda target type',
      web({}, { targetType: 'lambda' }),
      [{ path: 'targetGroups.web.targetType', value: 'lambda', message: /^must be "ip" or "instance"$/ }],
    ],
    [
      'a deregistration delay over an hour',
      web({}, { deregistrationDelaySeconds: 3601 }),
      [
        {
          path: 'targetGroups.web.deregistrationDelaySeconds',
          value: 3601,
          message: /^must be seconds from 0 to 3600$/,
        },
      ],
    ],
    [
      'a health-check path without a leading slash',
      web({ path: 'health' }),
      [{ path: 'targetGroups.web.healthCheck.path', value: 'health', message: /^must start with "\/"/ }],
    ],
    [
      'a health-check port out of range',
      web({ port: 70000 }),
      [
        {
          path: 'targetGroups.web.healthCheck.port',
          value: 70000,
          message: /^must be "traffic-port" or a port from 1 to 65535$/,
        },
      ],
    ],
    [
      'a health-check interval under 5 s',
      web({ intervalSeconds: 4, timeoutSeconds: 2 }),
      [
        {
          path: 'targetGroups.web.healthCheck.intervalSeconds',
          value: 4,
          message: /^must be a whole number of seconds from 5 to 300$/,
        },
      ],
    ],
    [
      'a health-check interval over 300 s',
      web({ intervalSeconds: 301 }),
      [{ path: 'targetGroups.web.healthCheck.intervalSeconds', value: 301, message: /from 5 to 300$/ }],
    ],
    [
      'a health-check timeout under 2 s',
      web({ timeoutSeconds: 1 }),
      [
        {
          path: 'targetGroups.web.healthCheck.timeoutSeconds',
          value: 1,
          message: /^must be a whole number of seconds from 2 to 120$/,
        },
      ],
    ],
    [
      'a health-check timeout over 120 s',
      web({ intervalSeconds: 300, timeoutSeconds: 121 }),
      [{ path: 'targetGroups.web.healthCheck.timeoutSeconds', value: 121, message: /from 2 to 120$/ }],
    ],
    [
      'a timeout equal to the interval',
      web({ intervalSeconds: 10, timeoutSeconds: 10 }),
      [
        {
          path: 'targetGroups.web.healthCheck.timeoutSeconds',
          value: 10,
          message: /^must leave intervalSeconds \(10\) greater than timeoutSeconds \(10\)$/,
        },
      ],
    ],
    [
      'an interval equal to the default timeout',
      web({ intervalSeconds: 5 }),
      [
        {
          path: 'targetGroups.web.healthCheck.intervalSeconds',
          value: 5,
          message: /^must leave intervalSeconds \(5\) greater than timeoutSeconds \(5\)$/,
        },
      ],
    ],
    [
      'a healthy threshold of 1',
      web({ healthyThreshold: 1 }),
      [{ path: 'targetGroups.web.healthCheck.healthyThreshold', value: 1, message: /^must be a count from 2 to 10$/ }],
    ],
    [
      'an unhealthy threshold of 11',
      web({ unhealthyThreshold: 11 }),
      [
        {
          path: 'targetGroups.web.healthCheck.unhealthyThreshold',
          value: 11,
          message: /^must be a count from 2 to 10$/,
        },
      ],
    ],
    [
      'a matcher outside 200-499',
      web({ matcher: '200-599' }),
      [
        {
          path: 'targetGroups.web.healthCheck.matcher',
          value: '200-599',
          message: /^must be HTTP codes from 200 to 499/,
        },
      ],
    ],
    [
      'a matcher that is not a code list',
      web({ matcher: 'ok' }),
      [{ path: 'targetGroups.web.healthCheck.matcher', value: 'ok', message: /^must be HTTP codes/ }],
    ],
    [
      'a route to an unknown target group',
      { ...TWO_GROUPS, routes: [{ targetGroup: 'apx', pathPatterns: ['/api/*'], priority: 10 }] },
      [
        { path: 'routes[0].targetGroup', value: 'apx', message: /^must be one of the targetGroups keys \(web, api\)$/ },
        {
          path: 'targetGroups.api',
          value: 'api',
          message: /^is used by neither defaultTargetGroup, a route nor an extra listener/,
        },
      ],
    ],
    [
      'two routes with one priority',
      {
        ...TWO_GROUPS,
        routes: [
          { targetGroup: 'api', pathPatterns: ['/api/*'], priority: 10 },
          { targetGroup: 'web', pathPatterns: ['/web/*'], priority: 10 },
        ],
      },
      [
        {
          path: 'routes[1].priority',
          value: 10,
          message: /^repeats the priority of routes\[0\]; priorities must be unique$/,
        },
      ],
    ],
    [
      'priority 0',
      { ...TWO_GROUPS, routes: [{ targetGroup: 'api', pathPatterns: ['/api/*'], priority: 0 }] },
      [{ path: 'routes[0].priority', value: 0, message: /^must be a whole number from 1 to 50000$/ }],
    ],
    [
      'priority 50001',
      { ...TWO_GROUPS, routes: [{ targetGroup: 'api', pathPatterns: ['/api/*'], priority: 50001 }] },
      [{ path: 'routes[0].priority', value: 50001, message: /^must be a whole number from 1 to 50000$/ }],
    ],
    [
      'a route without path patterns',
      { ...TWO_GROUPS, routes: [{ targetGroup: 'api', pathPatterns: [], priority: 10 }] },
      [{ path: 'routes[0].pathPatterns', value: [], message: /^must list 1 to 5 path patterns$/ }],
    ],
    [
      'a route with six path patterns',
      {
        ...TWO_GROUPS,
        routes: [{ targetGroup: 'api', pathPatterns: ['/1', '/2', '/3', '/4', '/5', '/6'], priority: 10 }],
      },
      [
        {
          path: 'routes[0].pathPatterns',
          value: ['/1', '/2', '/3', '/4', '/5', '/6'],
          message: /^must list 1 to 5 path patterns$/,
        },
      ],
    ],
    [
      'a path pattern over 128 characters',
      { ...TWO_GROUPS, routes: [{ targetGroup: 'api', pathPatterns: [`/${'a'.repeat(128)}`], priority: 10 }] },
      [{ path: 'routes[0].pathPatterns[0]', value: `/${'a'.repeat(128)}`, message: /^must be 1 to 128 characters$/ }],
    ],
    [
      'a target group no listener uses',
      { ...TWO_GROUPS, routes: [] },
      [
        {
          path: 'targetGroups.api',
          value: 'api',
          message: /targets cannot register in a group no listener uses \(only a CodeDeploy replacement group/,
        },
      ],
    ],
    [
      'an idle timeout of 0',
      { idleTimeoutSeconds: 0 },
      [{ path: 'idleTimeoutSeconds', value: 0, message: /^must be a whole number of seconds from 1 to 4000$/ }],
    ],
    [
      'access logs without a region',
      { region: undefined },
      [{ path: 'region', value: undefined, message: /^is required when access logs are enabled; must be a literal/ }],
    ],
    [
      'access logs without an account id',
      { accountId: undefined },
      [
        {
          path: 'accountId',
          value: undefined,
          message: /^is required when access logs are enabled; must be a 12-digit/,
        },
      ],
    ],
    [
      'a malformed account id',
      { accountId: '12345' },
      [{ path: 'accountId', value: '12345', message: /^must be a 12-digit AWS account id$/ }],
    ],
    [
      'a malformed region',
      { region: 'useast1' },
      [{ path: 'region', value: 'useast1', message: /^must be a literal AWS region name/ }],
    ],
    [
      'a log prefix with a leading slash',
      { accessLogs: { prefix: '/logs' } },
      [{ path: 'accessLogs.prefix', value: '/logs', message: /^must not start or end with "\/"/ }],
    ],
    [
      'a log prefix containing AWSLogs',
      { accessLogs: { prefix: 'x/AWSLogs' } },
      [{ path: 'accessLogs.prefix', value: 'x/AWSLogs', message: /must not contain "AWSLogs"/ }],
    ],
    [
      'a bucket name S3 rejects',
      { accessLogs: { bucketName: 'Logs_Bucket' } },
      [{ path: 'accessLogs.bucketName', value: 'Logs_Bucket', message: /^must be 3 to 63 lowercase letters/ }],
    ],
    [
      'a default bucket name over 63 characters',
      { name: 'a'.repeat(32), ...web({}, { name: 'web' }) },
      [
        {
          path: 'accessLogs.bucketName',
          value: `${'a'.repeat(32)}-alb-logs-123456789012-us-east-1`,
          message: /^must be 3 to 63 lowercase letters/,
        },
      ],
    ],
    [
      'an extra listener on 443',
      { extraListeners: { test: { port: 443, targetGroup: 'web', ingressCidrs: ['10.0.0.0/8'] } } },
      [{ path: 'extraListeners.test.port', value: 443, message: /^must not be 80 or 443: the load balancer listens/ }],
    ],
    [
      'an extra listener on port 70000',
      { extraListeners: { test: { port: 70000, targetGroup: 'web', ingressCidrs: ['10.0.0.0/8'] } } },
      [{ path: 'extraListeners.test.port', value: 70000, message: /^must be a port from 1 to 65535$/ }],
    ],
    [
      'two extra listeners on one port',
      {
        extraListeners: {
          test: { port: 8443, targetGroup: 'web', ingressCidrs: ['10.0.0.0/8'] },
          staging: { port: 8443, targetGroup: 'web', ingressCidrs: ['10.0.0.0/8'] },
        },
      },
      [{ path: 'extraListeners.staging.port', value: 8443, message: /^repeats the port of extraListeners.test;/ }],
    ],
    [
      'an extra listener to an unknown target group',
      { extraListeners: { test: { port: 8443, targetGroup: 'green', ingressCidrs: ['10.0.0.0/8'] } } },
      [
        {
          path: 'extraListeners.test.targetGroup',
          value: 'green',
          message: /^must be one of the targetGroups keys \(web\)$/,
        },
      ],
    ],
    [
      'an extra listener without ingress CIDRs',
      { extraListeners: { test: { port: 8443, targetGroup: 'web', ingressCidrs: [] } } },
      [{ path: 'extraListeners.test.ingressCidrs', value: [], message: /^must list at least one CIDR/ }],
    ],
    [
      'an extra listener open to the world',
      { extraListeners: { test: { port: 8443, targetGroup: 'web', ingressCidrs: ['10.0.0.0/8', '0.0.0.0/0'] } } },
      [
        {
          path: 'extraListeners.test.ingressCidrs[1]',
          value: '0.0.0.0/0',
          message: /^must not be 0.0.0.0\/0: only 80 and 443/,
        },
      ],
    ],
    [
      'an extra listener with a malformed CIDR',
      { extraListeners: { test: { port: 8443, targetGroup: 'web', ingressCidrs: ['10.0.0/8'] } } },
      [{ path: 'extraListeners.test.ingressCidrs[0]', value: '10.0.0/8', message: /^is not an IPv4 CIDR block/ }],
    ],
    [
      'an extra listener key with a space',
      { extraListeners: { 'blue green': { port: 8443, targetGroup: 'web', ingressCidrs: ['10.0.0.0/8'] } } },
      [
        {
          path: 'extraListeners.blue green',
          value: 'blue green',
          message: /^must be 1 to 32 letters, digits and hyphens/,
        },
      ],
    ],
    [
      'logs expiring after 0 days',
      { accessLogs: { expirationDays: 0 } },
      [{ path: 'accessLogs.expirationDays', value: 0, message: /^must be a whole number of days from 1 to 36500$/ }],
    ],
  ];

  /** Every bad construction goes into this one stack, so that synthesizing it shows none of them left a resource. */
  const bad = rejectsEachCase({
    subject: /^Invalid LoadBalancer "invalid\/bad-\d+" props:\n {2}- /,
    cases,
    build: (stack, id, props) => new LoadBalancer(stack, id, { ...BASE, ...props }),
    extra: {
      'several bad fields': (stack) =>
        new LoadBalancer(stack, 'bad-many', {
          ...BASE,
          name: 'internal-x',
          idleTimeoutSeconds: 0,
          ...web({ healthyThreshold: 20 }),
        }),
    },
  });

  it('reports every bad field in one error', () => {
    expect(issuePathsAndValues(bad.thrown.get('several bad fields'))).toEqual([
      ['name', 'internal-x'],
      ['targetGroups.web.healthCheck.healthyThreshold', 20],
      ['idleTimeoutSeconds', 0],
    ]);
  });

  it('adds no resource to the stack when construction throws', () => {
    const t = Template.fromStack(bad.stack());
    expect(t.json.resource).toBeUndefined();
    expect(t.json.data).toBeUndefined();
  });

  it('accepts the valid base props (the cases differ from it by one field)', () => {
    expect(() => new LoadBalancer(testStack(), 'lb', BASE)).not.toThrow();
  });

  it('accepts a target group on no listener when CodeDeploy manages the listener actions (its replacement group)', () => {
    const props = { ...BASE, ...TWO_GROUPS, routes: [] };
    expect(() => new LoadBalancer(testStack(), 'lb', props)).toThrow(/targetGroups.api: is used by neither/);
    expect(
      () => new LoadBalancer(testStack(), 'lb', { ...props, listenerActionsManagedByCodeDeploy: true }),
    ).not.toThrow();
  });
});
