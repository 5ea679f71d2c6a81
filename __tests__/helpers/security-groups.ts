/**
 * What cdktf's matchers cannot see about security-group rules: which rules there are, which group each is attached to
 * and which group it names as its peer. (A matcher passes if any rule of the type matches, wherever it is attached;
 * the tests assert ports, protocols and CIDRs with the matchers and the wiring with this.)
 */
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import type { Template } from './template';

/** Where a rule sits: the construct path of its group, and of the group it admits or reaches, if its peer is one. */
export interface RuleWiring {
  readonly group: string | undefined;
  readonly peerGroup?: string | undefined;
}

/**
 * Every ingress (or egress) rule of the stack, keyed by its construct path: `{ 'db/security-group/ingress-from-app-5432':
 * { group: 'db/security-group/group', peerGroup: 'app/group' } }`. A group id that is not a reference into the stack
 * (a literal `sg-…`) is kept as it is.
 */
export function ruleWiring(t: Template, direction: 'ingress' | 'egress'): Record<string, RuleWiring> {
  const type = direction === 'ingress' ? VpcSecurityGroupIngressRule : VpcSecurityGroupEgressRule;
  const groupOf = (id: unknown) => (typeof id === 'string' && id.startsWith('${') ? t.pathOf(id) : (id as string));
  return Object.fromEntries(
    t.elementsOf(type).map(({ path, block }) => {
      const peer = block.referenced_security_group_id;
      const wiring: RuleWiring = {
        group: groupOf(block.security_group_id),
        ...(peer === undefined ? {} : { peerGroup: groupOf(peer) }),
      };
      return [path ?? '', wiring];
    }),
  );
}
