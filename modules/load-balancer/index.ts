/**
 * An Application Load Balancer with its security group, target groups, listeners, path-routing rules and an access-log
 * bucket. Targets are not registered here: an ECS service or an Auto Scaling group attaches itself to a target group,
 * and the caller opens the path with `allowTraffic(lb.securityGroup, targetSg, { port })`.
 *
 * | certificateArn | allowPlainHttp | HTTP 80                         | HTTPS 443                     | ingress    |
 * | -------------- | -------------- | ------------------------------- | ----------------------------- | ---------- |
 * | set            | (ignored)      | 301 redirect to HTTPS 443       | TLS 1.3 policy + cert, routes | 80 and 443 |
 * | not set        | true           | routes and default target group | none                          | 80 only    |
 * | not set        | false/omitted  | refused at synth                | -                             | -          |
 *
 * Security group: ingress from `ingressCidrs` (and `ingressIpv6Cidrs`) on the client ports only, no egress until a
 * caller wires a target tier; access logs go to a dedicated bucket (see access-log-bucket.ts).
 *
 * For a map of services (port, health check, path patterns, priority), `serviceRouting(services)` builds
 * `targetGroups`, `defaultTargetGroup` and `routes` to spread into the props (see service-routing.ts).
 *
 * Further listeners and blue/green deployments:
 *
 * | prop                                 | creates / changes                                                              |
 * | ------------------------------------ | ------------------------------------------------------------------------------ |
 * | `extraListeners.<key>`               | a listener on its own port (not 80/443) forwarding to one target group: HTTPS  |
 * |                                      | with the certificate and TLS policy of 443 when certificateArn is set, else    |
 * |                                      | HTTP; ingress on that port from its own CIDRs only (never 0.0.0.0/0)           |
 * | `listenerActionsManagedByCodeDeploy` | `ignore_changes` on the default action of the serving and extra listeners and  |
 * |                                      | on the routes' actions (CodeDeploy swaps their target groups); a target group  |
 * |                                      | no listener uses is allowed (the replacement group CodeDeploy shifts to)       |
 */
import { Lb } from '@cdktf/provider-aws/lib/lb';
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import { LbListenerRule } from '@cdktf/provider-aws/lib/lb-listener-rule';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import type { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import * as ipaddr from 'ipaddr.js';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { checkOptionalInteger, isIntegerIn } from '../core/checks';
import { checkCidr } from '../core/cidr';
import { SecurityGroup, type SecurityGroupRule } from '../core/security-group';
import { assertNoIssues, joinPath, type ValidationIssue } from '../core/validation';
import { AlbAccessLogBucket, validateAlbAccessLogBucketProps } from './access-log-bucket';
import { DEFAULT_SSL_POLICY, TLS13_SSL_POLICIES } from './ssl-policies';

export * from './access-log-bucket';
export * from './service-routing';
export * from './ssl-policies';

export interface LoadBalancerHealthCheckProps {
  /** Path the load balancer requests, e.g. `/health`; starts with `/`, at most 1024 characters. Required. */
  readonly path: string;
  /** Port the check is sent to: `traffic-port` (the port the target receives traffic on) or 1-65535. Default: `traffic-port`. */
  readonly port?: 'traffic-port' | number;
  /** Seconds between checks of one target, 5-300, greater than timeoutSeconds. Default: 30. */
  readonly intervalSeconds?: number;
  /** Seconds without a response that fail a check, 2-120. Default: 5. */
  readonly timeoutSeconds?: number;
  /** Consecutive successes that make an unhealthy target healthy, 2-10. Default: 3. */
  readonly healthyThreshold?: number;
  /** Consecutive failures that make a healthy target unhealthy, 2-10. Default: 3. */
  readonly unhealthyThreshold?: number;
  /** HTTP codes that count as healthy: `200`, `200-399`, `200,302` (codes 200-499). Default: `200-399`. */
  readonly matcher?: string;
}

export interface LoadBalancerTargetGroupProps {
  /** The target group's name, at most 32 letters, digits and hyphens. Default: `<name>-<key>`. */
  readonly name?: string;
  /** Port the targets receive traffic on, 1-65535. Required. */
  readonly port: number;
  /** Protocol from the load balancer to the targets (and of the health check). Default: `HTTP`. */
  readonly protocol?: 'HTTP' | 'HTTPS';
  /** `ip` for Fargate tasks (awsvpc), `instance` for EC2 instances of an Auto Scaling group. Default: `ip`. */
  readonly targetType?: 'ip' | 'instance';
  /** Seconds a deregistering target keeps serving in-flight requests, 0-3600. Default: 30. */
  readonly deregistrationDelaySeconds?: number;
  /** The target health check. Required (the path at least). */
  readonly healthCheck: LoadBalancerHealthCheckProps;
}

export interface LoadBalancerRoute {
  /** Key in `targetGroups` of the group that receives matching requests. Required. */
  readonly targetGroup: string;
  /** Path patterns (`/api/*`), 1 to 5, each at most 128 characters; a request matching any of them is routed. Required. */
  readonly pathPatterns: readonly string[];
  /** Rule priority, 1-50000, unique on the listener; the lowest matching priority wins. Required. */
  readonly priority: number;
}

export interface LoadBalancerExtraListenerProps {
  /** Listener port, 1-65535, not 80/443 and unique. Required. */
  readonly port: number;
  /** Key of the target group it forwards to. Required. */
  readonly targetGroup: string;
  /**
   * Who may reach it (SG ingress on this port). Required, at least one CIDR; 0.0.0.0/0 refused (ports other than
   * 80/443 are not public).
   */
  readonly ingressCidrs: readonly string[];
}

export interface LoadBalancerAccessLogsProps {
  /** Write access logs to a dedicated S3 bucket. Default: true (turning them off is the weaker, explicit choice). */
  readonly enabled?: boolean;
  /** Name of the bucket the module creates. Default: `<name>-alb-logs-<accountId>-<region>`, lowercased. */
  readonly bucketName?: string;
  /** Key prefix of the logs, without leading or trailing `/`; `''` for none. Default: the load balancer's name. */
  readonly prefix?: string;
  /** Days a log object is kept. Default: 90. */
  readonly expirationDays?: number;
  /** Days a superseded log version is kept. Default: 30. */
  readonly noncurrentVersionExpirationDays?: number;
  /** Let `terraform destroy` delete the bucket with logs in it. Default: false. */
  readonly forceDestroy?: boolean;
}

export interface LoadBalancerProps {
  /** The load balancer's name (at most 32 letters, digits and hyphens); prefixes the group and bucket names. Required. */
  readonly name: string;
  /** VPC of the security group and the target groups. Required. */
  readonly vpcId: string;
  /** Subnets the load balancer's nodes live in, at least two in different AZs (public ones unless internal). Required. */
  readonly subnetIds: readonly string[];
  /** An internal load balancer (private IPs only) instead of an internet-facing one. Default: false. */
  readonly internal?: boolean;
  /**
   * `ipv4`, or `dualstack` for IPv4 and IPv6 (the subnets then need IPv6 CIDRs, which the network module does not
   * create). Default: `ipv4`.
   */
  readonly ipAddressType?: 'ipv4' | 'dualstack';
  /**
   * IPv4 ranges allowed to reach port 80 (and 443 when HTTPS is on). Default: `['0.0.0.0/0']` for an internet-facing
   * load balancer, `[]` for an internal one (callers then use `allowTraffic` or pass their ranges).
   */
  readonly ingressCidrs?: readonly string[];
  /**
   * IPv6 ranges allowed to reach port 80 (and 443). Only with `ipAddressType: 'dualstack'`. Default: `[]`: an IPv4-only
   * load balancer has no IPv6 address, so an IPv6 rule would open nothing and only look like wider access.
   */
  readonly ingressIpv6Cidrs?: readonly string[];
  /**
   * ACM certificate of the HTTPS listener. When set, HTTP 80 answers with a 301 redirect to HTTPS 443 and the routes
   * live on 443. Default: none, which the module refuses unless `allowPlainHttp` is true.
   */
  readonly certificateArn?: string;
  /**
   * Serve the routes over plain HTTP on port 80 when there is no certificate (the weaker option, e.g. behind
   * CloudFront or until a domain exists). Ignored when certificateArn is set. Default: false.
   */
  readonly allowPlainHttp?: boolean;
  /** TLS policy of the HTTPS listener; one of {@link TLS13_SSL_POLICIES}. Default: `ELBSecurityPolicy-TLS13-1-2-2021-06`. */
  readonly sslPolicy?: string;
  /** Target groups by key (the key is used in routes, names and construct ids). Required, at least one. */
  readonly targetGroups: Readonly<Record<string, LoadBalancerTargetGroupProps>>;
  /** Key of the target group that receives requests no route matches. Required. */
  readonly defaultTargetGroup: string;
  /** Path-based routes, as listener rules on the serving listener (443, or 80 with allowPlainHttp). Default: none. */
  readonly routes?: readonly LoadBalancerRoute[];
  /**
   * Listeners on further ports (a staging service, a blue/green test listener): HTTPS with the same certificate and
   * TLS policy when certificateArn is set, else HTTP (needs allowPlainHttp). Default: none.
   */
  readonly extraListeners?: Readonly<Record<string, LoadBalancerExtraListenerProps>>;
  /**
   * CodeDeploy moves listeners between target groups (ECS blue/green): Terraform then ignores the default action of
   * the serving listener and of the extra listeners, and the actions of the routes. Default: false.
   */
  readonly listenerActionsManagedByCodeDeploy?: boolean;
  /** Seconds an idle connection stays open, 1-4000. Default: 60. */
  readonly idleTimeoutSeconds?: number;
  /** AWS refuses to delete the load balancer until this is turned off. Default: true. */
  readonly deletionProtection?: boolean;
  /** Access logs to a bucket the module creates. Default: enabled, prefix = name, 90 days. */
  readonly accessLogs?: LoadBalancerAccessLogsProps;
  /** Region of the load balancer; picks the log-delivery principal. Required when access logs are enabled. */
  readonly region?: string;
  /** Account that owns the load balancer (the logs' key prefix). Required when access logs are enabled. */
  readonly accountId?: string;
  /** Tags on every resource of the module, beside the provider's default tags. Default: none. */
  readonly tags?: Readonly<Record<string, string>>;
}

const LISTENER_PORTS = { HTTP: 80, HTTPS: 443 } as const;

export class LoadBalancer extends Construct {
  readonly loadBalancer: Lb;
  readonly arn: string;
  /** `app/<name>/<id>`: the `LoadBalancer` dimension of CloudWatch metrics. */
  readonly arnSuffix: string;
  readonly dnsName: string;
  /** The load balancer's canonical hosted zone, for Route 53 alias records. */
  readonly zoneId: string;
  /** The load balancer's group; open targets with `allowTraffic(lb.securityGroup, targetSg, { port })`. */
  readonly securityGroup: SecurityGroup;
  readonly targetGroups: Readonly<Record<string, LbTargetGroup>>;
  /** `targetgroup/<name>/<id>` per key: the `TargetGroup` dimension of CloudWatch metrics. */
  readonly targetGroupArnSuffixes: Readonly<Record<string, string>>;
  /** Port 80: a redirect to HTTPS, or (with allowPlainHttp and no certificate) the serving listener. */
  readonly httpListener: LbListener;
  /** Port 443, present when a certificate is set. */
  readonly httpsListener?: LbListener;
  /** The listener that forwards to the target groups and holds the routes. */
  readonly servingListener: LbListener;
  /** One rule per route, in the order of props.routes. */
  readonly listenerRules: readonly LbListenerRule[];
  /** One listener per `extraListeners` key. */
  readonly extraListeners: Readonly<Record<string, LbListener>>;
  /** Present when access logs are enabled. */
  readonly accessLogBucket?: S3Bucket;
  readonly accessLogs?: AlbAccessLogBucket;

  constructor(scope: Construct, id: string, props: LoadBalancerProps) {
    super(scope, id);
    assertNoIssues(`LoadBalancer "${this.node.path}" props`, validateLoadBalancerProps(props));
    const name = props.name;
    const internal = props.internal ?? false;
    const https = props.certificateArn !== undefined;
    const tags = (extra: Record<string, string>) => ({ ...props.tags, ...extra });

    const ingress: Record<string, SecurityGroupRule> = {};
    // Clients reach 80 always (it redirects when HTTPS is on) and 443 only when there is an HTTPS listener.
    const clientPorts = https ? (['HTTP', 'HTTPS'] as const) : (['HTTP'] as const);
    for (const protocol of clientPorts) {
      const port = LISTENER_PORTS[protocol];
      const label = protocol.toLowerCase();
      ingressCidrsOf(props).forEach((cidr, index) => {
        ingress[`${label}-ipv4-${index}`] = { description: `${protocol} from ${cidr}`, port, peer: { cidrIpv4: cidr } };
      });
      (props.ingressIpv6Cidrs ?? []).forEach((cidr, index) => {
        ingress[`${label}-ipv6-${index}`] = { description: `${protocol} from ${cidr}`, port, peer: { cidrIpv6: cidr } };
      });
    }
    const extraListeners = Object.entries(props.extraListeners ?? {});
    for (const [key, listener] of extraListeners) {
      const protocol = https ? 'HTTPS' : 'HTTP';
      listener.ingressCidrs.forEach((cidr, index) => {
        const description = `${key}: ${protocol} ${listener.port} from ${cidr}`;
        ingress[`listener-${key}-ipv4-${index}`] = { description, port: listener.port, peer: { cidrIpv4: cidr } };
      });
    }
    this.securityGroup = new SecurityGroup(this, 'sg', {
      name: `${name}-alb`,
      description: `Load balancer ${name}: ${https ? 'HTTP and HTTPS' : 'HTTP'} from its clients`,
      vpcId: props.vpcId,
      ingress,
      tags: props.tags,
    });

    const logs = accessLogSettings(props);
    if (logs) {
      this.accessLogs = new AlbAccessLogBucket(this, 'access-logs', {
        bucketName: logs.bucketName,
        prefix: logs.prefix,
        region: props.region as string,
        accountId: props.accountId as string,
        expirationDays: logs.expirationDays,
        noncurrentVersionExpirationDays: logs.noncurrentVersionExpirationDays,
        forceDestroy: logs.forceDestroy,
        tags: props.tags,
      });
      this.accessLogBucket = this.accessLogs.bucket;
    }

    this.loadBalancer = new Lb(this, 'load-balancer', {
      name,
      loadBalancerType: 'application',
      internal,
      ipAddressType: props.ipAddressType ?? 'ipv4',
      subnets: [...props.subnetIds],
      securityGroups: [this.securityGroup.securityGroupId],
      idleTimeout: props.idleTimeoutSeconds ?? 60,
      enableDeletionProtection: props.deletionProtection ?? true,
      // Requests with header names that are not valid HTTP are dropped rather than passed to the targets.
      dropInvalidHeaderFields: true,
      accessLogs: this.accessLogs
        ? { bucket: this.accessLogs.bucket.id, prefix: this.accessLogs.prefix || undefined, enabled: true }
        : undefined,
      tags: tags({ Name: name }),
      // AWS test-writes to the bucket when access logs are switched on: the grant must exist by then.
      dependsOn: this.accessLogs ? [this.accessLogs.bucketPolicy] : undefined,
    });
    this.arn = this.loadBalancer.arn;
    this.arnSuffix = this.loadBalancer.arnSuffix;
    this.dnsName = this.loadBalancer.dnsName;
    this.zoneId = this.loadBalancer.zoneId;

    const targetGroups: Record<string, LbTargetGroup> = {};
    const arnSuffixes: Record<string, string> = {};
    for (const [key, group] of Object.entries(props.targetGroups)) {
      const protocol = group.protocol ?? 'HTTP';
      const check = group.healthCheck;
      const groupName = targetGroupName(name, key, group);
      targetGroups[key] = new LbTargetGroup(this, `target-group-${key}`, {
        name: groupName,
        vpcId: props.vpcId,
        port: group.port,
        protocol,
        targetType: group.targetType ?? 'ip',
        deregistrationDelay: String(group.deregistrationDelaySeconds ?? 30),
        healthCheck: {
          enabled: true,
          path: check.path,
          port: String(check.port ?? 'traffic-port'),
          protocol,
          interval: check.intervalSeconds ?? 30,
          timeout: check.timeoutSeconds ?? 5,
          healthyThreshold: check.healthyThreshold ?? 3,
          unhealthyThreshold: check.unhealthyThreshold ?? 3,
          matcher: check.matcher ?? '200-399',
        },
        tags: tags({ Name: groupName }),
      });
      arnSuffixes[key] = targetGroups[key].arnSuffix;
    }
    this.targetGroups = targetGroups;
    this.targetGroupArnSuffixes = arnSuffixes;
    const forwardTo = (key: string) => ({ type: 'forward', targetGroupArn: (targetGroups[key] as LbTargetGroup).arn });
    // CodeDeploy swaps the target groups of these actions during a blue/green deployment: Terraform must not swap back.
    const codeDeployManaged = props.listenerActionsManagedByCodeDeploy ?? false;
    const ignoredActions = (attribute: string) =>
      codeDeployManaged ? { lifecycle: { ignoreChanges: [attribute] } } : {};

    if (https) {
      this.httpListener = new LbListener(this, 'http-listener', {
        loadBalancerArn: this.loadBalancer.arn,
        port: LISTENER_PORTS.HTTP,
        protocol: 'HTTP',
        defaultAction: [
          {
            type: 'redirect',
            redirect: { port: String(LISTENER_PORTS.HTTPS), protocol: 'HTTPS', statusCode: 'HTTP_301' },
          },
        ],
        tags: tags({ Name: `${name}-http` }),
      });
      this.httpsListener = new LbListener(this, 'https-listener', {
        loadBalancerArn: this.loadBalancer.arn,
        port: LISTENER_PORTS.HTTPS,
        protocol: 'HTTPS',
        sslPolicy: props.sslPolicy ?? DEFAULT_SSL_POLICY,
        certificateArn: props.certificateArn,
        defaultAction: [forwardTo(props.defaultTargetGroup)],
        tags: tags({ Name: `${name}-https` }),
        ...ignoredActions('default_action'),
      });
      this.servingListener = this.httpsListener;
    } else {
      this.httpListener = new LbListener(this, 'http-listener', {
        loadBalancerArn: this.loadBalancer.arn,
        port: LISTENER_PORTS.HTTP,
        protocol: 'HTTP',
        defaultAction: [forwardTo(props.defaultTargetGroup)],
        tags: tags({ Name: `${name}-http` }),
        ...ignoredActions('default_action'),
      });
      this.servingListener = this.httpListener;
    }

    this.listenerRules = (props.routes ?? []).map(
      (route) =>
        new LbListenerRule(this, `rule-${route.priority}`, {
          listenerArn: this.servingListener.arn,
          priority: route.priority,
          action: [forwardTo(route.targetGroup)],
          condition: [{ pathPattern: { values: [...route.pathPatterns] } }],
          tags: tags({ Name: `${name}-${route.targetGroup}-${route.priority}` }),
          ...ignoredActions('action'),
        }),
    );

    const listeners: Record<string, LbListener> = {};
    for (const [key, listener] of extraListeners) {
      listeners[key] = new LbListener(this, `listener-${key}`, {
        loadBalancerArn: this.loadBalancer.arn,
        port: listener.port,
        protocol: https ? 'HTTPS' : 'HTTP',
        sslPolicy: https ? (props.sslPolicy ?? DEFAULT_SSL_POLICY) : undefined,
        certificateArn: props.certificateArn,
        defaultAction: [forwardTo(listener.targetGroup)],
        tags: tags({ Name: `${name}-${key}` }),
        ...ignoredActions('default_action'),
      });
    }
    this.extraListeners = listeners;
  }
}

function ingressCidrsOf(props: LoadBalancerProps): readonly string[] {
  return props.ingressCidrs ?? (props.internal ? [] : ['0.0.0.0/0']);
}

function targetGroupName(lbName: string, key: string, group: LoadBalancerTargetGroupProps): string {
  return group.name ?? `${lbName}-${key}`;
}

interface AccessLogSettings {
  readonly bucketName: string;
  readonly prefix: string;
  readonly expirationDays: number;
  readonly noncurrentVersionExpirationDays: number;
  readonly forceDestroy: boolean;
}

/** The access-log settings with defaults applied, or undefined when access logs are off. */
function accessLogSettings(props: LoadBalancerProps): AccessLogSettings | undefined {
  const logs = props.accessLogs ?? {};
  if (logs.enabled === false) return undefined;
  return {
    bucketName: logs.bucketName ?? defaultAccessLogBucketName(props.name, props.accountId, props.region),
    prefix: logs.prefix ?? props.name,
    expirationDays: logs.expirationDays ?? 90,
    noncurrentVersionExpirationDays: logs.noncurrentVersionExpirationDays ?? 30,
    forceDestroy: logs.forceDestroy ?? false,
  };
}

/** The access-log bucket a load balancer named `name` gets unless `accessLogs.bucketName` is set. */
export function defaultAccessLogBucketName(
  name: string,
  accountId: string | undefined,
  region: string | undefined,
): string {
  return `${name.toLowerCase()}-alb-logs-${accountId}-${region}`;
}

const ELB_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?$/;
const MATCHER = /^\d{3}(-\d{3})?(,\d{3}(-\d{3})?)*$/;
const CERTIFICATE_ARN = /^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[A-Za-z0-9-]+$/;

const NAME_RULE = '1 to 32 letters, digits and hyphens, not starting or ending with a hyphen';

/** A load balancer's name: {@link NAME_RULE}, not starting with `internal-`. */
export function checkLoadBalancerName(path: string, value: string): ValidationIssue[] {
  if (Token.isUnresolved(value) || (ELB_NAME.test(value) && !value.toLowerCase().startsWith('internal-'))) return [];
  return [{ path, value, message: `must be a load balancer name of ${NAME_RULE}, nor starting with "internal-"` }];
}

/** A target group's name: {@link NAME_RULE}. */
export function checkTargetGroupName(path: string, value: string): ValidationIssue[] {
  if (Token.isUnresolved(value) || ELB_NAME.test(value)) return [];
  return [{ path, value, message: `must be a target group name of ${NAME_RULE}` }];
}

/** The subnets of the load balancer's nodes: at least two (in different AZs). A list token is not counted. */
export function checkLoadBalancerSubnets(path: string, subnetIds: readonly string[]): ValidationIssue[] {
  if (Token.isUnresolved(subnetIds) || subnetIds.length >= 2) return [];
  return [{ path, value: subnetIds, message: 'must list at least two subnets in different availability zones' }];
}

/** The HTTPS listener's certificate: required unless `allowPlainHttp`, and a literal must be an ACM certificate ARN. */
export function checkListenerCertificate(
  path: string,
  certificateArn: string | undefined,
  allowPlainHttp: boolean | undefined,
): ValidationIssue[] {
  if (certificateArn === undefined) {
    if (allowPlainHttp === true) return [];
    const message =
      'is required: set an ACM certificate ARN, or allowPlainHttp: true to serve over plain HTTP on port 80';
    return [{ path, value: certificateArn, message }];
  }
  if (Token.isUnresolved(certificateArn) || CERTIFICATE_ARN.test(certificateArn)) return [];
  const message = 'must be an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<id>)';
  return [{ path, value: certificateArn, message }];
}

/** One of {@link TLS13_SSL_POLICIES}. */
export function checkSslPolicy(path: string, sslPolicy: string): ValidationIssue[] {
  if ((TLS13_SSL_POLICIES as readonly string[]).includes(sslPolicy)) return [];
  return [{ path, value: sslPolicy, message: `must be a TLS 1.3 security policy: ${TLS13_SSL_POLICIES.join(', ')}` }];
}

/** Seconds an idle connection stays open: 1-4000. */
export function checkIdleTimeout(path: string, seconds: number | undefined): ValidationIssue[] {
  return checkOptionalInteger(path, seconds, 1, 4000, 'a whole number of seconds');
}

/** The port targets receive traffic on: 1-65535. */
export function checkTargetGroupPort(path: string, port: number): ValidationIssue[] {
  return checkOptionalInteger(path, port ?? Number.NaN, 1, 65535, 'a port');
}

function checkIpv6Cidr(path: string, cidr: string): ValidationIssue[] {
  if (Token.isUnresolved(cidr)) return [];
  if (!cidr.includes('/') || !ipaddr.IPv6.isValidCIDR(cidr)) {
    return [{ path, value: cidr, message: 'is not an IPv6 CIDR block like ::/0 or 2001:db8::/56' }];
  }
  const network = ipaddr.IPv6.networkAddressFromCIDR(cidr).toString();
  const [address, length] = cidr.split('/');
  if (ipaddr.IPv6.parse(address as string).toString() !== network) {
    return [{ path, value: cidr, message: `has host bits set (the network address is ${network}/${length})` }];
  }
  return [];
}

/** The request path of a health check: starts with `/`, at most 1024 characters. */
export function checkHealthCheckPath(path: string, value: string): ValidationIssue[] {
  if (typeof value === 'string' && value.startsWith('/') && value.length <= 1024) return [];
  return [{ path, value, message: 'must start with "/" and be at most 1024 characters' }];
}

/** Every rule of a target group's health check; `base` prefixes the field paths (`''` for none). */
export function checkHealthCheck(base: string, check: LoadBalancerHealthCheckProps | undefined): ValidationIssue[] {
  if (check === undefined) return [{ path: base, value: check, message: 'is required (at least its path)' }];
  const at = (field: string) => joinPath(base, field);
  const issues: ValidationIssue[] = [...checkHealthCheckPath(at('path'), check.path)];
  const port = check.port;
  if (port !== undefined && port !== 'traffic-port' && !isIntegerIn(port, 1, 65535)) {
    issues.push({ path: at('port'), value: port, message: 'must be "traffic-port" or a port from 1 to 65535' });
  }
  const interval = check.intervalSeconds ?? 30;
  const timeout = check.timeoutSeconds ?? 5;
  const intervalIssues = checkOptionalInteger(
    at('intervalSeconds'),
    check.intervalSeconds,
    5,
    300,
    'a whole number of seconds',
  );
  const timeoutIssues = checkOptionalInteger(
    at('timeoutSeconds'),
    check.timeoutSeconds,
    2,
    120,
    'a whole number of seconds',
  );
  issues.push(...intervalIssues, ...timeoutIssues);
  if (intervalIssues.length === 0 && timeoutIssues.length === 0 && timeout >= interval) {
    const path = check.timeoutSeconds === undefined ? at('intervalSeconds') : at('timeoutSeconds');
    const value = check.timeoutSeconds === undefined ? interval : timeout;
    const message = `must leave intervalSeconds (${interval}) greater than timeoutSeconds (${timeout})`;
    issues.push({ path, value, message });
  }
  issues.push(...checkOptionalInteger(at('healthyThreshold'), check.healthyThreshold, 2, 10, 'a count'));
  issues.push(...checkOptionalInteger(at('unhealthyThreshold'), check.unhealthyThreshold, 2, 10, 'a count'));
  if (check.matcher !== undefined) {
    const codes = MATCHER.test(check.matcher) ? check.matcher.split(/[,-]/).map(Number) : [];
    if (codes.length === 0 || codes.some((code) => code < 200 || code > 499)) {
      const message = 'must be HTTP codes from 200 to 499 like "200", "200-399" or "200,302"';
      issues.push({ path: at('matcher'), value: check.matcher, message });
    }
  }
  return issues;
}

const LISTENER_KEY = /^[A-Za-z0-9][A-Za-z0-9-]{0,31}$/;

/** A further listener's port: 1-65535, and not 80 or 443 (the module's own listeners). */
export function checkExtraListenerPort(path: string, port: number): ValidationIssue[] {
  const issues = checkOptionalInteger(path, port ?? Number.NaN, 1, 65535, 'a port');
  if (issues.length > 0) return issues;
  if (port === LISTENER_PORTS.HTTP || port === LISTENER_PORTS.HTTPS) {
    return [{ path, value: port, message: 'must not be 80 or 443: the load balancer listens there already' }];
  }
  return [];
}

/**
 * Who may reach a further listener: at least one IPv4 CIDR, none of them 0.0.0.0/0 (only 80/443 face the world).
 * Token CIDRs are not checked.
 */
export function checkExtraListenerIngressCidrs(path: string, cidrs: readonly string[] | undefined): ValidationIssue[] {
  if (cidrs === undefined || (!Token.isUnresolved(cidrs) && cidrs.length === 0)) {
    const message = 'must list at least one CIDR: a listener on a port other than 80/443 is reached from known ranges';
    return [{ path, value: cidrs, message }];
  }
  if (Token.isUnresolved(cidrs)) return [];
  return cidrs.flatMap((cidr, index) => {
    const at = joinPath(path, index);
    if (Token.isUnresolved(cidr)) return [];
    const cidrIssues = checkCidr(at, cidr);
    if (cidrIssues.length > 0) return cidrIssues;
    if (cidr.endsWith('/0')) {
      return [{ path: at, value: cidr, message: 'must not be 0.0.0.0/0: only 80 and 443 are open to the world' }];
    }
    return [];
  });
}

function checkExtraListeners(
  listeners: ReadonlyArray<readonly [string, LoadBalancerExtraListenerProps]>,
  targetGroupKeys: readonly string[],
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const ports = new Map<number, string>();
  for (const [key, listener] of listeners) {
    const at = (field: string) => joinPath('extraListeners', key, field);
    if (!LISTENER_KEY.test(key)) {
      const message = 'must be 1 to 32 letters, digits and hyphens, starting with a letter or digit';
      issues.push({ path: joinPath('extraListeners', key), value: key, message });
    }
    const portIssues = checkExtraListenerPort(at('port'), listener.port);
    issues.push(...portIssues);
    if (portIssues.length === 0) {
      const other = ports.get(listener.port);
      if (other !== undefined) {
        const message = `repeats the port of extraListeners.${other}; ports must be unique`;
        issues.push({ path: at('port'), value: listener.port, message });
      } else {
        ports.set(listener.port, key);
      }
    }
    if (!targetGroupKeys.includes(listener.targetGroup)) {
      const message = `must be one of the targetGroups keys (${targetGroupKeys.join(', ')})`;
      issues.push({ path: at('targetGroup'), value: listener.targetGroup, message });
    }
    issues.push(...checkExtraListenerIngressCidrs(at('ingressCidrs'), listener.ingressCidrs));
  }
  return issues;
}

/** Every rule the constructor enforces, as a pure function so callers (and config validation) can ask first. */
export function validateLoadBalancerProps(props: LoadBalancerProps): ValidationIssue[] {
  const issues: ValidationIssue[] = checkLoadBalancerName('name', props.name);
  const lbNameValid = issues.length === 0;

  issues.push(...checkLoadBalancerSubnets('subnetIds', props.subnetIds));
  if (props.ipAddressType !== undefined && !['ipv4', 'dualstack'].includes(props.ipAddressType)) {
    issues.push({ path: 'ipAddressType', value: props.ipAddressType, message: 'must be "ipv4" or "dualstack"' });
  }
  (props.ingressCidrs ?? []).forEach((cidr, index) => {
    if (!Token.isUnresolved(cidr)) issues.push(...checkCidr(joinPath('ingressCidrs', index), cidr));
  });
  const ipv6 = props.ingressIpv6Cidrs ?? [];
  ipv6.forEach((cidr, index) => issues.push(...checkIpv6Cidr(joinPath('ingressIpv6Cidrs', index), cidr)));
  if (ipv6.length > 0 && props.ipAddressType !== 'dualstack') {
    const message = 'needs ipAddressType "dualstack": an IPv4-only load balancer has no IPv6 address to reach';
    issues.push({ path: 'ingressIpv6Cidrs', value: ipv6, message });
  }

  issues.push(...checkListenerCertificate('certificateArn', props.certificateArn, props.allowPlainHttp));
  if (props.sslPolicy !== undefined) issues.push(...checkSslPolicy('sslPolicy', props.sslPolicy));

  const keys = Object.keys(props.targetGroups ?? {});
  if (keys.length === 0) {
    issues.push({ path: 'targetGroups', value: props.targetGroups, message: 'must define at least one target group' });
  }
  const names = new Map<string, string>();
  for (const [key, group] of Object.entries(props.targetGroups ?? {})) {
    const at = (field: string) => joinPath('targetGroups', key, field);
    const groupName = targetGroupName(props.name, key, group);
    // A generated name is only worth checking once the load balancer's name (its first part) is valid.
    if (group.name !== undefined) issues.push(...checkTargetGroupName(at('name'), groupName));
    else if (lbNameValid) issues.push(...checkTargetGroupName(joinPath('targetGroups', key), groupName));
    if (!Token.isUnresolved(groupName) && names.has(groupName)) {
      const message = `repeats the name of targetGroups.${names.get(groupName)}`;
      issues.push({ path: at('name'), value: groupName, message });
    }
    names.set(groupName, key);
    issues.push(...checkTargetGroupPort(at('port'), group.port));
    if (group.protocol !== undefined && !['HTTP', 'HTTPS'].includes(group.protocol)) {
      issues.push({ path: at('protocol'), value: group.protocol, message: 'must be "HTTP" or "HTTPS"' });
    }
    if (group.targetType !== undefined && !['ip', 'instance'].includes(group.targetType)) {
      issues.push({ path: at('targetType'), value: group.targetType, message: 'must be "ip" or "instance"' });
    }
    issues.push(
      ...checkOptionalInteger(at('deregistrationDelaySeconds'), group.deregistrationDelaySeconds, 0, 3600, 'seconds'),
    );
    issues.push(...checkHealthCheck(at('healthCheck'), group.healthCheck));
  }

  const knownKeys = `one of the targetGroups keys (${keys.join(', ')})`;
  if (!keys.includes(props.defaultTargetGroup)) {
    issues.push({ path: 'defaultTargetGroup', value: props.defaultTargetGroup, message: `must be ${knownKeys}` });
  }
  const priorities = new Map<number, number>();
  (props.routes ?? []).forEach((route, index) => {
    const at = (field: string) => joinPath('routes', index, field);
    if (!keys.includes(route.targetGroup)) {
      issues.push({ path: at('targetGroup'), value: route.targetGroup, message: `must be ${knownKeys}` });
    }
    const patterns = route.pathPatterns ?? [];
    if (patterns.length < 1 || patterns.length > 5) {
      issues.push({ path: at('pathPatterns'), value: route.pathPatterns, message: 'must list 1 to 5 path patterns' });
    }
    patterns.forEach((pattern, patternIndex) => {
      if (typeof pattern !== 'string' || pattern.length < 1 || pattern.length > 128) {
        const message = 'must be 1 to 128 characters';
        issues.push({ path: joinPath('routes', index, 'pathPatterns', patternIndex), value: pattern, message });
      }
    });
    const priorityIssues = checkOptionalInteger(
      at('priority'),
      route.priority ?? Number.NaN,
      1,
      50000,
      'a whole number',
    );
    issues.push(...priorityIssues);
    if (priorityIssues.length === 0) {
      if (priorities.has(route.priority)) {
        const message = `repeats the priority of routes[${priorities.get(route.priority)}]; priorities must be unique`;
        issues.push({ path: at('priority'), value: route.priority, message });
      } else {
        priorities.set(route.priority, index);
      }
    }
  });
  const extraListeners = Object.entries(props.extraListeners ?? {});
  issues.push(...checkExtraListeners(extraListeners, keys));
  const used = new Set([
    props.defaultTargetGroup,
    ...(props.routes ?? []).map((route) => route.targetGroup),
    ...extraListeners.map(([, listener]) => listener.targetGroup),
  ]);
  // Under CodeDeploy, the replacement (green) group is on no listener until a deployment shifts traffic to it.
  const unusedAllowed = props.listenerActionsManagedByCodeDeploy === true;
  for (const key of keys.filter((candidate) => !used.has(candidate) && !unusedAllowed)) {
    const message =
      'is used by neither defaultTargetGroup, a route nor an extra listener; targets cannot register in a group no ' +
      'listener uses (only a CodeDeploy replacement group may wait unused: listenerActionsManagedByCodeDeploy)';
    issues.push({ path: joinPath('targetGroups', key), value: key, message });
  }

  issues.push(...checkIdleTimeout('idleTimeoutSeconds', props.idleTimeoutSeconds));

  const logs = accessLogSettings(props);
  if (logs) {
    const bucketIssues = validateAlbAccessLogBucketProps(
      { ...logs, region: props.region as string, accountId: props.accountId as string },
      { base: 'accessLogs', region: 'region', accountId: 'accountId' },
    );
    // Without a region or account the default bucket name is meaningless; those two are reported instead.
    const nameFromMissingParts =
      props.accessLogs?.bucketName === undefined && (props.region === undefined || props.accountId === undefined);
    for (const issue of bucketIssues) {
      if (issue.path === 'accessLogs.bucketName' && nameFromMissingParts) continue;
      const missing = (issue.path === 'region' || issue.path === 'accountId') && issue.value === undefined;
      issues.push(
        missing ? { ...issue, message: `is required when access logs are enabled; ${issue.message}` } : issue,
      );
    }
  }
  return issues;
}
