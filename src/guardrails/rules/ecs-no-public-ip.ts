import { resourceRule } from '../rule';
import { isTrue, nested } from '../stack-view';

export const ecsNoPublicIp = resourceRule({
  id: 'ecs-no-public-ip',
  severity: 'error',
  description: 'ECS services do not give their tasks public IP addresses',
  controls: { fsbp: 'ECS.2', checkov: 'CKV_AWS_333' },
  fix: 'set network_configuration { assign_public_ip = false } and run the tasks in private subnets',
  types: ['aws_ecs_service'],
  check: (block) =>
    isTrue(nested(block.config.network_configuration)?.assign_public_ip) ? 'tasks get a public IP address' : undefined,
});
