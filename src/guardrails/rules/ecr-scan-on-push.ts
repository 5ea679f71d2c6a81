import { resourceRule } from '../rule';
import { isTrue, nested } from '../stack-view';

export const ecrScanOnPush = resourceRule({
  id: 'ecr-scan-on-push',
  severity: 'error',
  description: 'ECR repositories scan images on push',
  controls: { fsbp: 'ECR.1', checkov: 'CKV_AWS_163' },
  fix: 'set image_scanning_configuration { scan_on_push = true } (registry.scanOnPush)',
  types: ['aws_ecr_repository'],
  check: (block) =>
    isTrue(nested(block.config.image_scanning_configuration)?.scan_on_push)
      ? undefined
      : 'images are not scanned on push',
});
