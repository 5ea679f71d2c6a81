/**
 * What several rules read the same way: security-group rules in their three Terraform forms, the load balancers that
 * face the internet, container definitions (inline JSON or a `local`), and the policies attached to a resource.
 */
import { policyStatements, type PolicyStatement } from '../policy';
import {
  asObject,
  isTrue,
  nested,
  nestedList,
  numberOf,
  stringList,
  type Block,
  type Json,
  type JsonObject,
  type StackView,
} from '../stack-view';

export const WORLD_CIDRS = ['0.0.0.0/0', '::/0'];

export interface SecurityGroupRule {
  /** The block that declares it: a rule resource, or the group itself for inline rules. */
  readonly block: Block;
  readonly direction: 'ingress' | 'egress';
  /** `tcp`, `udp`, `icmp`, or `-1` for every protocol. */
  readonly protocol: string;
  readonly fromPort: number;
  readonly toPort: number;
  readonly cidrs: readonly string[];
  /** The group the rule belongs to, when the stack declares it. */
  readonly group?: Block;
  readonly description?: string;
}

/** Every security-group rule of the stack: rule resources (both kinds) and inline `ingress`/`egress` blocks. */
export function securityGroupRules(stack: StackView): readonly SecurityGroupRule[] {
  return stack.cached('securityGroupRules', () => collectSecurityGroupRules(stack));
}

function collectSecurityGroupRules(stack: StackView): SecurityGroupRule[] {
  const rules: SecurityGroupRule[] = [];
  const add = (block: Block, direction: 'ingress' | 'egress', config: JsonObject, group?: Block) => {
    const protocol = String(config.ip_protocol ?? config.protocol ?? '-1');
    const all = protocol === '-1' || protocol === 'all';
    rules.push({
      block,
      direction,
      protocol: all ? '-1' : protocol,
      fromPort: all ? 0 : (numberOf(config.from_port) ?? 0),
      toPort: all ? 65535 : (numberOf(config.to_port) ?? 65535),
      cidrs: [
        ...stringList(config.cidr_ipv4),
        ...stringList(config.cidr_ipv6),
        ...stringList(config.cidr_blocks),
        ...stringList(config.ipv6_cidr_blocks),
      ],
      group,
      description: typeof config.description === 'string' ? config.description : undefined,
    });
  };
  for (const direction of ['ingress', 'egress'] as const) {
    for (const block of stack.resources(`aws_vpc_security_group_${direction}_rule`)) {
      add(block, direction, block.config, stack.referencedBlock(block.config.security_group_id, 'aws_security_group'));
    }
  }
  for (const block of stack.resources('aws_security_group_rule')) {
    const direction = block.config.type === 'egress' ? 'egress' : 'ingress';
    add(block, direction, block.config, stack.referencedBlock(block.config.security_group_id, 'aws_security_group'));
  }
  for (const block of stack.resources('aws_security_group')) {
    for (const direction of ['ingress', 'egress'] as const) {
      for (const inline of nestedList(block.config[direction])) add(block, direction, inline, block);
    }
  }
  return rules;
}

/** Whether a rule's port range includes `port` (every protocol includes every port). */
export function coversPort(rule: SecurityGroupRule, port: number): boolean {
  return rule.fromPort <= port && port <= rule.toPort;
}

/** Whether a rule is open to the whole internet. */
export function isWorldOpen(rule: SecurityGroupRule): boolean {
  return rule.cidrs.some((cidr) => WORLD_CIDRS.includes(cidr));
}

/** Load balancers reachable from the internet (`internal` not set to true). */
export function internetFacingLoadBalancers(stack: StackView): Block[] {
  return stack.resources('aws_lb').filter((lb) => !isTrue(lb.config.internal));
}

/** The security groups of internet-facing load balancers: the one place 80/443 may be open to the world. */
export function publicLoadBalancerGroups(stack: StackView): ReadonlySet<Block> {
  return stack.cached(
    'publicLoadBalancerGroups',
    () =>
      new Set(
        internetFacingLoadBalancers(stack).flatMap((lb) =>
          stack.referencedBlocks(lb.config.security_groups).filter((block) => block.type === 'aws_security_group'),
        ),
      ),
  );
}

/** Whether a load balancer is an Application Load Balancer (the default type). */
export function isApplicationLoadBalancer(lb: Block): boolean {
  return (lb.config.load_balancer_type ?? 'application') === 'application';
}

/** The listeners of a load balancer. */
export function listenersOf(stack: StackView, lb: Block): Block[] {
  return stack.attachedTo(lb, 'aws_lb_listener', 'load_balancer_arn');
}

/** A task definition's container definitions, inline JSON or `${jsonencode(local.x)}`. */
export function containerDefinitions(block: Block, stack: StackView): JsonObject[] {
  const value = block.config.container_definitions;
  if (typeof value !== 'string') return nestedList(value);
  const local = /^\$\{jsonencode\(local\.([A-Za-z0-9_-]+)\)\}$/.exec(value.trim());
  if (local) return nestedList(stack.locals[local[1] ?? '']);
  try {
    return nestedList(JSON.parse(value) as Json);
  } catch {
    return [];
  }
}

/** The statements of the resource policies attached to `target` by `policyType` through its `key` argument. */
export function attachedPolicyStatements(
  stack: StackView,
  target: Block,
  policyType: string,
  key: string,
): PolicyStatement[] {
  return stack
    .attachedTo(target, policyType, key)
    .flatMap((policy) => policyStatements(policy.config.policy, stack) ?? []);
}

/** The production stack's name for a missing argument, for messages: `deletion_protection is not set`. */
export function notEnabled(argument: string, value: Json | undefined): string {
  return value === undefined ? `${argument} is not set` : `${argument} is ${JSON.stringify(value)}`;
}

/** A nested object argument's field (`metadata_options.http_tokens`). */
export function nestedField(block: Block, argument: string, field: string): Json | undefined {
  return nested(block.config[argument])?.[field];
}

export { asObject };
