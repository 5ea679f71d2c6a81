import { resourceRule } from '../rule';

/** Images past their end of support, by the public SSM parameter or name they are resolved through. */
const END_OF_SUPPORT: Array<{ pattern: RegExp; name: string; ended: string }> = [
  { pattern: /amzn2-ami|amazon-linux-2[^0-9]|amzn-ami/, name: 'Amazon Linux 2', ended: '2026-06-30' },
];

export const ec2SupportedOs = resourceRule({
  id: 'ec2-supported-os',
  severity: 'error',
  description: 'Instances launch an operating system that still gets security updates (not Amazon Linux 2)',
  controls: {},
  fix: 'launch Amazon Linux 2023 (/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64)',
  types: ['aws_launch_template', 'aws_instance'],
  check: (block) => {
    const image = String(block.config.image_id ?? block.config.ami ?? '');
    const ended = END_OF_SUPPORT.find((entry) => entry.pattern.test(image));
    return ended ? `${ended.name} reached its end of support on ${ended.ended} (${image})` : undefined;
  },
});
