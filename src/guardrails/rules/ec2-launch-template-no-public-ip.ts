import { resourceRule } from '../rule';
import { isTrue, nestedList } from '../stack-view';

export const ec2LaunchTemplateNoPublicIp = resourceRule({
  id: 'ec2-launch-template-no-public-ip',
  severity: 'error',
  description: 'Instances get no public IP address (they sit behind a load balancer or NAT)',
  controls: { fsbp: 'AutoScaling.5', checkov: 'CKV_AWS_88' },
  fix: 'set associate_public_ip_address to false and place the instances in private subnets',
  types: ['aws_launch_template', 'aws_instance'],
  check: (block) => {
    const interfaces = nestedList(block.config.network_interfaces);
    const publicIp =
      isTrue(block.config.associate_public_ip_address) ||
      interfaces.some((networkInterface) => isTrue(networkInterface.associate_public_ip_address));
    return publicIp ? 'instances get a public IP address' : undefined;
  },
});
