import { resourceRule } from '../rule';
import { isTrue } from '../stack-view';
import { isApplicationLoadBalancer } from './helpers';

export const elbDropInvalidHeaders = resourceRule({
  id: 'elb-drop-invalid-headers',
  severity: 'error',
  description: 'Application Load Balancers drop invalid HTTP header fields (request smuggling)',
  controls: { fsbp: 'ELB.4', checkov: 'CKV_AWS_131' },
  fix: 'set drop_invalid_header_fields = true',
  types: ['aws_lb'],
  check: (lb) =>
    !isApplicationLoadBalancer(lb) || isTrue(lb.config.drop_invalid_header_fields)
      ? undefined
      : 'drop_invalid_header_fields is not true',
});
