import { stackRule } from '../rule';

export const vpcFlowLogsEnabled = stackRule({
  id: 'vpc-flow-logs-enabled',
  severity: 'error',
  description: 'Every VPC has flow logs',
  controls: { fsbp: 'EC2.6', checkov: 'CKV2_AWS_11' },
  fix: 'add an aws_flow_log for the VPC (the network module: flowLogs.enabled)',
  check: (stack) => {
    const vpcs = stack.resources('aws_vpc');
    const failures = vpcs
      .filter((vpc) => stack.attachedTo(vpc, 'aws_flow_log', 'vpc_id').length === 0)
      .map((vpc) => ({ block: vpc, message: 'the VPC has no flow log' }));
    return { failures, checked: vpcs.length };
  },
});
