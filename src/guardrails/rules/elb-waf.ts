import { resourceRule } from '../rule';
import { isTrue } from '../stack-view';
import { isApplicationLoadBalancer } from './helpers';

export const elbWaf = resourceRule({
  id: 'elb-waf',
  severity: 'error',
  description: 'Internet-facing Application Load Balancers are protected by an AWS WAF web ACL',
  controls: { fsbp: 'ELB.16', checkov: 'CKV2_AWS_28' },
  fix: 'associate a REGIONAL aws_wafv2_web_acl with the load balancer (aws_wafv2_web_acl_association)',
  types: ['aws_lb'],
  check: (lb, stack) => {
    if (isTrue(lb.config.internal) || !isApplicationLoadBalancer(lb)) return undefined;
    return stack.attachedTo(lb, 'aws_wafv2_web_acl_association', 'resource_arn').length > 0
      ? undefined
      : 'no WAF web ACL is associated with the load balancer';
  },
});
