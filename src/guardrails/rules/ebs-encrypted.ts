import { resourceRule } from '../rule';
import { isTrue, nested, nestedList } from '../stack-view';

export const ebsEncrypted = resourceRule({
  id: 'ebs-encrypted',
  severity: 'error',
  description: 'EBS volumes (launch templates, instances, volumes) are encrypted',
  controls: { fsbp: 'EC2.3', checkov: 'CKV_AWS_8' },
  fix: 'set encrypted = true on every EBS block device and volume',
  types: ['aws_launch_template', 'aws_instance', 'aws_ebs_volume'],
  check: (block) => {
    if (block.type === 'aws_ebs_volume')
      return isTrue(block.config.encrypted) ? undefined : 'the volume is not encrypted';
    const devices =
      block.type === 'aws_launch_template'
        ? nestedList(block.config.block_device_mappings)
            .map((mapping) => nested(mapping.ebs))
            .filter((ebs) => ebs !== undefined)
        : [...nestedList(block.config.root_block_device), ...nestedList(block.config.ebs_block_device)];
    const plain = devices.filter((device) => !isTrue(device!.encrypted));
    if (block.type === 'aws_instance' && nestedList(block.config.root_block_device).length === 0) {
      return 'the root volume is not declared, so it is not encrypted';
    }
    return plain.length > 0 ? `${plain.length} EBS block device(s) are not encrypted` : undefined;
  },
});
