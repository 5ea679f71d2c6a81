import { resourceRule } from '../rule';
import { nested } from '../stack-view';

export const ec2Imdsv2 = resourceRule({
  id: 'ec2-imdsv2',
  severity: 'error',
  description: 'Instances require IMDSv2 (session tokens) for the instance metadata service',
  controls: { fsbp: 'EC2.8', checkov: 'CKV_AWS_79' },
  fix: 'set metadata_options { http_tokens = "required" }',
  types: ['aws_launch_template', 'aws_instance'],
  check: (block) => {
    const options = nested(block.config.metadata_options);
    if (options?.http_endpoint === 'disabled') return undefined;
    return options?.http_tokens === 'required'
      ? undefined
      : 'http_tokens is not "required": IMDSv1 answers without a token';
  },
});
