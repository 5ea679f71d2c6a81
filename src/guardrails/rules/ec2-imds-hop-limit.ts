import { resourceRule } from '../rule';
import { nested, numberOf } from '../stack-view';

export const ec2ImdsHopLimit = resourceRule({
  id: 'ec2-imds-hop-limit',
  severity: 'error',
  description:
    'The instance metadata response hop limit is 1, so only the instance itself (not its containers) gets role credentials',
  controls: { fsbp: 'AutoScaling.4', checkov: 'CKV_AWS_341' },
  fix: 'set metadata_options { http_put_response_hop_limit = 1 }; give containers their own credentials',
  types: ['aws_launch_template', 'aws_instance'],
  check: (block) => {
    const options = nested(block.config.metadata_options);
    if (options?.http_endpoint === 'disabled') return undefined;
    const limit = numberOf(options?.http_put_response_hop_limit) ?? 1;
    return limit > 1
      ? `http_put_response_hop_limit is ${limit}: containers on the host can read the role's credentials`
      : undefined;
  },
});
