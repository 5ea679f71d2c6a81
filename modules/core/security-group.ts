/**
 * A security group whose rules are separate `aws_vpc_security_group_{ingress,egress}_rule` resources, one per port and
 * source, each with a description. Separate rule resources let two groups reference each other (ALB → tasks → ALB)
 * without a dependency cycle, and each rule shows up by name in plans and tests.
 *
 * A new group has no rules at all: the provider removes the allow-all egress rule AWS adds to new VPC groups, so
 * egress is exactly what the module declares.
 */
import { SecurityGroup as AwsSecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { checkCidr } from './cidr';
import { assertNoIssues, joinPath, type ValidationIssue } from './validation';

/** The other side of a rule: exactly one of these. */
export interface SecurityGroupPeer {
  /** An IPv4 range, e.g. `0.0.0.0/0` for a public load balancer. */
  readonly cidrIpv4?: string;
  /** An IPv6 range, e.g. `::/0`. */
  readonly cidrIpv6?: string;
  /** Another security group (its id): the usual way to let one tier talk to the next. */
  readonly securityGroupId?: string;
  /** A managed prefix list id, e.g. the S3 gateway endpoint's. */
  readonly prefixListId?: string;
}

export interface SecurityGroupRule {
  /** What the rule is for; becomes the rule's description. Required. */
  readonly description: string;
  /** First port of the range; with `protocol: 'all'` leave it out. */
  readonly port?: number;
  /** Last port of the range. Default: `port` (a single port). */
  readonly toPort?: number;
  /** `tcp`, `udp`, or `all` (every protocol and port). Default: `tcp`. */
  readonly protocol?: 'tcp' | 'udp' | 'all';
  /** Where traffic comes from (ingress) or goes to (egress). Required, exactly one field. */
  readonly peer: SecurityGroupPeer;
}

export interface SecurityGroupProps {
  /** The group's name (unique in the VPC). Required. */
  readonly name: string;
  /** The group's description; AWS cannot change it in place, so it says what the group is for. Required. */
  readonly description: string;
  /** VPC the group belongs to. Required. */
  readonly vpcId: string;
  /** Ingress rules, keyed by a construct id (e.g. `https-from-anywhere`). Default: none. */
  readonly ingress?: Readonly<Record<string, SecurityGroupRule>>;
  /** Egress rules, keyed by a construct id. Default: none — nothing leaves the group unless declared. */
  readonly egress?: Readonly<Record<string, SecurityGroupRule>>;
  /** Tags beside the provider's default tags. Default: none. */
  readonly tags?: Readonly<Record<string, string>>;
}

export class SecurityGroup extends Construct {
  readonly securityGroup: AwsSecurityGroup;
  /** The group's name, also the id part of the rules {@link allowTraffic} adds. */
  readonly name: string;
  /** The group's id, for another group's rule or a resource's `security_groups`. */
  readonly securityGroupId: string;
  readonly ingressRules: Record<string, VpcSecurityGroupIngressRule> = {};
  readonly egressRules: Record<string, VpcSecurityGroupEgressRule> = {};

  constructor(scope: Construct, id: string, props: SecurityGroupProps) {
    super(scope, id);
    const issues = [
      ...Object.entries(props.ingress ?? {}).flatMap(([ruleId, rule]) =>
        checkSecurityGroupRule(joinPath('ingress', ruleId), rule),
      ),
      ...Object.entries(props.egress ?? {}).flatMap(([ruleId, rule]) =>
        checkSecurityGroupRule(joinPath('egress', ruleId), rule),
      ),
    ];
    assertNoIssues(`SecurityGroup "${this.node.path}" props`, issues);
    this.name = props.name;

    this.securityGroup = new AwsSecurityGroup(this, 'group', {
      name: props.name,
      description: props.description,
      vpcId: props.vpcId,
      tags: { ...props.tags, Name: props.name },
      // Replacing a group that is still attached fails unless the new one exists first.
      lifecycle: { createBeforeDestroy: true },
    });
    this.securityGroupId = this.securityGroup.id;
    for (const [ruleId, rule] of Object.entries(props.ingress ?? {})) this.addIngress(ruleId, rule);
    for (const [ruleId, rule] of Object.entries(props.egress ?? {})) this.addEgress(ruleId, rule);
  }

  /** Adds an ingress rule `ingress-<id>`; validated like the props' rules. */
  addIngress(id: string, rule: SecurityGroupRule): VpcSecurityGroupIngressRule {
    assertNoIssues(`SecurityGroup "${this.node.path}" rule`, checkSecurityGroupRule(joinPath('ingress', id), rule));
    const { referencedSecurityGroupId, ...rest } = ruleArguments(rule);
    const created = new VpcSecurityGroupIngressRule(this, `ingress-${id}`, {
      securityGroupId: this.securityGroup.id,
      ...rest,
      referencedSecurityGroupId,
    });
    this.ingressRules[id] = created;
    return created;
  }

  /** Adds an egress rule `egress-<id>`; validated like the props' rules. */
  addEgress(id: string, rule: SecurityGroupRule): VpcSecurityGroupEgressRule {
    assertNoIssues(`SecurityGroup "${this.node.path}" rule`, checkSecurityGroupRule(joinPath('egress', id), rule));
    const created = new VpcSecurityGroupEgressRule(this, `egress-${id}`, {
      securityGroupId: this.securityGroup.id,
      ...ruleArguments(rule),
    });
    this.egressRules[id] = created;
    return created;
  }
}

/**
 * Lets `from` open connections to `to` on one port (or range): an egress rule `to-<to.name>-<port>` on `from` and an
 * ingress rule `from-<from.name>-<port>` on `to`, both naming the other group. Egress is never wider than the tiers
 * that are wired this way.
 */
export function allowTraffic(
  from: SecurityGroup,
  to: SecurityGroup,
  traffic: { readonly port: number; readonly toPort?: number; readonly description: string },
): void {
  const ports = traffic.toPort === undefined ? `${traffic.port}` : `${traffic.port}-${traffic.toPort}`;
  const range = { port: traffic.port, toPort: traffic.toPort };
  from.addEgress(`to-${to.name}-${ports}`, {
    description: traffic.description,
    ...range,
    peer: { securityGroupId: to.securityGroupId },
  });
  to.addIngress(`from-${from.name}-${ports}`, {
    description: traffic.description,
    ...range,
    peer: { securityGroupId: from.securityGroupId },
  });
}

function ruleArguments(rule: SecurityGroupRule) {
  const all = rule.protocol === 'all';
  return {
    description: rule.description,
    ipProtocol: all ? '-1' : (rule.protocol ?? 'tcp'),
    fromPort: all ? undefined : rule.port,
    toPort: all ? undefined : (rule.toPort ?? rule.port),
    cidrIpv4: rule.peer.cidrIpv4,
    cidrIpv6: rule.peer.cidrIpv6,
    referencedSecurityGroupId: rule.peer.securityGroupId,
    prefixListId: rule.peer.prefixListId,
  };
}

const isPort = (port: unknown) => typeof port === 'number' && Number.isInteger(port) && port >= 1 && port <= 65535;

/** Checks one rule: a port range unless protocol is `all`, exactly one peer, a valid CIDR. */
export function checkSecurityGroupRule(path: string, rule: SecurityGroupRule): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (!rule.description) issues.push({ path: `${path}.description`, value: rule.description, message: 'is required' });
  if (rule.protocol === 'all') {
    if (rule.port !== undefined || rule.toPort !== undefined) {
      issues.push({ path: `${path}.port`, value: rule.port, message: "must be left out when protocol is 'all'" });
    }
  } else {
    if (!isPort(rule.port)) {
      issues.push({ path: `${path}.port`, value: rule.port, message: 'must be a TCP/UDP port from 1 to 65535' });
    }
    if (rule.toPort !== undefined && (!isPort(rule.toPort) || (isPort(rule.port) && rule.toPort < rule.port!))) {
      const message = `must be a port from ${rule.port ?? 1} to 65535`;
      issues.push({ path: `${path}.toPort`, value: rule.toPort, message });
    }
  }
  const peers = Object.entries(rule.peer ?? {}).filter(([, value]) => value !== undefined);
  if (peers.length !== 1) {
    const message = 'must name exactly one of cidrIpv4, cidrIpv6, securityGroupId, prefixListId';
    issues.push({ path: `${path}.peer`, value: rule.peer, message });
  }
  // A CIDR that is a reference (another resource's attribute) is only known at apply time.
  const cidr = rule.peer?.cidrIpv4;
  if (cidr !== undefined && !Token.isUnresolved(cidr)) issues.push(...checkCidr(`${path}.peer.cidrIpv4`, cidr));
  return issues;
}
