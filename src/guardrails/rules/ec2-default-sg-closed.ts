import { stackRule, type StackFinding } from '../rule';
import { nestedList } from '../stack-view';

export const ec2DefaultSgClosed = stackRule({
  id: 'ec2-default-sg-closed',
  severity: 'error',
  description: "Every VPC's default security group is managed and has no rules",
  controls: { fsbp: 'EC2.2', checkov: 'CKV2_AWS_12' },
  fix: 'add an aws_default_security_group for the VPC with no ingress and no egress (the network module does)',
  check: (stack) => {
    const failures: StackFinding[] = [];
    const vpcs = stack.resources('aws_vpc');
    for (const vpc of vpcs) {
      const defaults = stack.attachedTo(vpc, 'aws_default_security_group', 'vpc_id');
      if (defaults.length === 0) failures.push({ block: vpc, message: 'the default security group is not managed' });
      for (const group of defaults) {
        const rules = nestedList(group.config.ingress).length + nestedList(group.config.egress).length;
        if (rules > 0) failures.push({ block: group, message: `the default security group has ${rules} rules` });
      }
    }
    return { failures, checked: vpcs.length };
  },
});
