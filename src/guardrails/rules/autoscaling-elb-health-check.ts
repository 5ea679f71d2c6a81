import { resourceRule } from '../rule';
import { stringList } from '../stack-view';

export const autoscalingElbHealthCheck = resourceRule({
  id: 'autoscaling-elb-health-check',
  severity: 'error',
  description:
    'Auto Scaling groups behind a load balancer replace instances that fail its health check (health_check_type ELB)',
  controls: { fsbp: 'AutoScaling.1', checkov: 'CKV_AWS_315' },
  fix: 'set health_check_type = "ELB" (instances.healthCheckType)',
  types: ['aws_autoscaling_group'],
  check: (block, stack) => {
    const attached =
      stringList(block.config.target_group_arns).length > 0 ||
      stack.referrers(block, 'aws_autoscaling_attachment').length > 0;
    return attached && block.config.health_check_type !== 'ELB' ? 'health_check_type is not ELB' : undefined;
  },
});
