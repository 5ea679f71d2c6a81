import { resourceRule } from '../rule';
import { stringList } from '../stack-view';

export const autoscalingMultiAz = resourceRule({
  id: 'autoscaling-multi-az',
  severity: 'error',
  description: 'Auto Scaling groups span at least two subnets (AZs)',
  controls: { fsbp: 'AutoScaling.2' },
  fix: 'list a subnet in each of two or more AZs in vpc_zone_identifier',
  types: ['aws_autoscaling_group'],
  check: (block) => {
    const subnets =
      stringList(block.config.vpc_zone_identifier).length + stringList(block.config.availability_zones).length;
    return subnets >= 2 ? undefined : `the group spans ${subnets} subnet(s)`;
  },
});
