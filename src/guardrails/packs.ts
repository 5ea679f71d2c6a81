/**
 * Packs compose rules. The themed packs group the rules by what they protect; `blueprintsPack` is every one of them
 * and is what synth runs. A project that wants fewer rules (or adds its own) composes another pack with
 * `definePack(name, ...packsOrRules)` and passes it to `attachGuardrails`.
 */
import { definePack, type Pack, type Rule } from './rule';
import { allRules } from './rules';

function themed(name: string, ids: readonly string[]): Pack {
  const rules = ids.map((id) => {
    const rule = allRules.find((candidate) => candidate.id === id);
    if (!rule) throw new Error(`pack ${name}: no rule ${id}`);
    return rule;
  });
  return definePack(name, ...rules);
}

export const networkPack = themed('network', [
  'ec2-no-world-ingress',
  'ec2-no-world-admin-ports',
  'ec2-no-all-ports-ingress',
  'ec2-egress-restricted',
  'ec2-sg-rule-described',
  'ec2-default-sg-closed',
  'vpc-flow-logs-enabled',
  'ec2-launch-template-no-public-ip',
  'ecs-no-public-ip',
  'rds-not-public',
  'cloudfront-waf',
  'elb-waf',
]);

export const encryptionPack = themed('encryption', [
  's3-bucket-encrypted',
  'ebs-encrypted',
  'rds-storage-encrypted',
  'elasticache-at-rest-encryption',
  'sns-topic-encrypted',
  'sqs-queue-encrypted',
  'dynamodb-table-kms',
  'secretsmanager-kms',
  'ecr-kms',
  'logs-group-kms',
  'kms-key-rotation',
  'elb-http-redirects-to-https',
  'elb-tls-policy',
  'cloudfront-viewer-https',
  'cloudfront-viewer-tls12',
  'cloudfront-origin-https',
  'elasticache-transit-encryption',
  'elasticache-redis-auth',
  'rds-force-ssl',
  's3-tls-only',
]);

export const computePack = themed('compute', [
  'ec2-imdsv2',
  'ec2-imds-hop-limit',
  'ec2-supported-os',
  'autoscaling-elb-health-check',
  'autoscaling-multi-az',
  'ecs-readonly-root-filesystem',
  'ecs-not-privileged',
  'ecs-container-logging',
  'ecs-no-secrets-in-environment',
  'ecs-container-insights',
  'ecr-scan-on-push',
  'ecr-immutable-tags',
  'ecr-lifecycle-policy',
  'lambda-no-public-permission',
  'lambda-tracing',
  'lambda-concurrency-limit',
  'apigw-access-logging',
  'apigw-route-authorization',
  'apigw-throttling',
]);

export const storagePack = themed('storage', [
  's3-public-access-blocked',
  's3-versioning-enabled',
  's3-ownership-enforced',
  's3-lifecycle-configured',
  's3-no-public-policy',
  'cloudfront-origin-access-control',
  'secretsmanager-rotation',
]);

export const identityPack = themed('identity', [
  'iam-no-wildcard-action',
  'iam-no-wildcard-resource',
  'iam-no-privilege-escalation',
  'iam-no-admin-managed-policy',
  'iam-oidc-audience',
  'iam-oidc-subject',
  'iam-oidc-production-environment',
  'iam-trust-no-public-principal',
  'iam-no-access-keys',
  'iam-known-actions',
]);

export const resiliencePack = themed('resilience', [
  'rds-deletion-protection',
  'rds-backup-retention',
  'rds-multi-az',
  'elasticache-automatic-failover',
  'elasticache-snapshots',
  'dynamodb-pitr',
  'dynamodb-deletion-protection',
  'elb-deletion-protection',
]);

export const observabilityPack = themed('observability', [
  'logs-retention-set',
  'elb-access-logs',
  'elb-drop-invalid-headers',
  'cloudfront-access-logging',
  'cloudwatch-alarm-actions',
  'rds-log-exports',
  'rds-enhanced-monitoring',
  'elasticache-log-delivery',
]);

export const themedPacks: readonly Pack[] = [
  networkPack,
  encryptionPack,
  computePack,
  storagePack,
  identityPack,
  resiliencePack,
  observabilityPack,
];

/** Every rule: what `cdktf synth` and `npm run guardrails` run. */
export const blueprintsPack: Pack = definePack('aws-blueprints', ...themedPacks);

export function ruleById(id: string, pack: Pack = blueprintsPack): Rule | undefined {
  return pack.rules.find((rule) => rule.id === id);
}
