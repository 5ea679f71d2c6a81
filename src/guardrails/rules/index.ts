/**
 * Every rule of the project, one per file beside this one (the file is named by the rule id). A new rule is a new
 * file, a line here, and its compliant and non-compliant rows in __tests__/guardrails/rules.test.ts.
 */
import type { Rule } from '../rule';
import { apigwAccessLogging } from './apigw-access-logging';
import { apigwRouteAuthorization } from './apigw-route-authorization';
import { apigwThrottling } from './apigw-throttling';
import { autoscalingElbHealthCheck } from './autoscaling-elb-health-check';
import { autoscalingMultiAz } from './autoscaling-multi-az';
import { cloudfrontAccessLogging } from './cloudfront-access-logging';
import { cloudfrontOriginAccessControl } from './cloudfront-origin-access-control';
import { cloudfrontOriginHttps } from './cloudfront-origin-https';
import { cloudfrontViewerHttps } from './cloudfront-viewer-https';
import { cloudfrontViewerTls12 } from './cloudfront-viewer-tls12';
import { cloudfrontWaf } from './cloudfront-waf';
import { cloudwatchAlarmActions } from './cloudwatch-alarm-actions';
import { dynamodbDeletionProtection } from './dynamodb-deletion-protection';
import { dynamodbPitr } from './dynamodb-pitr';
import { dynamodbTableKms } from './dynamodb-table-kms';
import { ebsEncrypted } from './ebs-encrypted';
import { ec2DefaultSgClosed } from './ec2-default-sg-closed';
import { ec2EgressRestricted } from './ec2-egress-restricted';
import { ec2ImdsHopLimit } from './ec2-imds-hop-limit';
import { ec2Imdsv2 } from './ec2-imdsv2';
import { ec2LaunchTemplateNoPublicIp } from './ec2-launch-template-no-public-ip';
import { ec2NoAllPortsIngress } from './ec2-no-all-ports-ingress';
import { ec2NoWorldAdminPorts } from './ec2-no-world-admin-ports';
import { ec2NoWorldIngress } from './ec2-no-world-ingress';
import { ec2SgRuleDescribed } from './ec2-sg-rule-described';
import { ec2SupportedOs } from './ec2-supported-os';
import { ecrImmutableTags } from './ecr-immutable-tags';
import { ecrKms } from './ecr-kms';
import { ecrLifecyclePolicy } from './ecr-lifecycle-policy';
import { ecrScanOnPush } from './ecr-scan-on-push';
import { ecsContainerInsights } from './ecs-container-insights';
import { ecsContainerLogging } from './ecs-container-logging';
import { ecsNoPublicIp } from './ecs-no-public-ip';
import { ecsNoSecretsInEnvironment } from './ecs-no-secrets-in-environment';
import { ecsNotPrivileged } from './ecs-not-privileged';
import { ecsReadonlyRootFilesystem } from './ecs-readonly-root-filesystem';
import { elasticacheAtRestEncryption } from './elasticache-at-rest-encryption';
import { elasticacheAutomaticFailover } from './elasticache-automatic-failover';
import { elasticacheLogDelivery } from './elasticache-log-delivery';
import { elasticacheRedisAuth } from './elasticache-redis-auth';
import { elasticacheSnapshots } from './elasticache-snapshots';
import { elasticacheTransitEncryption } from './elasticache-transit-encryption';
import { elbAccessLogs } from './elb-access-logs';
import { elbDeletionProtection } from './elb-deletion-protection';
import { elbDropInvalidHeaders } from './elb-drop-invalid-headers';
import { elbHttpRedirectsToHttps } from './elb-http-redirects-to-https';
import { elbTlsPolicy } from './elb-tls-policy';
import { elbWaf } from './elb-waf';
import { iamKnownActions } from './iam-known-actions';
import { iamNoAccessKeys } from './iam-no-access-keys';
import { iamNoAdminManagedPolicy } from './iam-no-admin-managed-policy';
import { iamNoPrivilegeEscalation } from './iam-no-privilege-escalation';
import { iamNoWildcardAction } from './iam-no-wildcard-action';
import { iamNoWildcardResource } from './iam-no-wildcard-resource';
import { iamOidcAudience } from './iam-oidc-audience';
import { iamOidcProductionEnvironment } from './iam-oidc-production-environment';
import { iamOidcSubject } from './iam-oidc-subject';
import { iamTrustNoPublicPrincipal } from './iam-trust-no-public-principal';
import { kmsKeyRotation } from './kms-key-rotation';
import { lambdaConcurrencyLimit } from './lambda-concurrency-limit';
import { lambdaNoPublicPermission } from './lambda-no-public-permission';
import { lambdaTracing } from './lambda-tracing';
import { logsGroupKms } from './logs-group-kms';
import { logsRetentionSet } from './logs-retention-set';
import { rdsBackupRetention } from './rds-backup-retention';
import { rdsDeletionProtection } from './rds-deletion-protection';
import { rdsEnhancedMonitoring } from './rds-enhanced-monitoring';
import { rdsForceSsl } from './rds-force-ssl';
import { rdsLogExports } from './rds-log-exports';
import { rdsMultiAz } from './rds-multi-az';
import { rdsNotPublic } from './rds-not-public';
import { rdsStorageEncrypted } from './rds-storage-encrypted';
import { s3BucketEncrypted } from './s3-bucket-encrypted';
import { s3LifecycleConfigured } from './s3-lifecycle-configured';
import { s3NoPublicPolicy } from './s3-no-public-policy';
import { s3OwnershipEnforced } from './s3-ownership-enforced';
import { s3PublicAccessBlocked } from './s3-public-access-blocked';
import { s3TlsOnly } from './s3-tls-only';
import { s3VersioningEnabled } from './s3-versioning-enabled';
import { secretsmanagerKms } from './secretsmanager-kms';
import { secretsmanagerRotation } from './secretsmanager-rotation';
import { snsTopicEncrypted } from './sns-topic-encrypted';
import { sqsQueueEncrypted } from './sqs-queue-encrypted';
import { vpcFlowLogsEnabled } from './vpc-flow-logs-enabled';

export const allRules: readonly Rule[] = [
  apigwAccessLogging,
  apigwRouteAuthorization,
  apigwThrottling,
  autoscalingElbHealthCheck,
  autoscalingMultiAz,
  cloudfrontAccessLogging,
  cloudfrontOriginAccessControl,
  cloudfrontOriginHttps,
  cloudfrontViewerHttps,
  cloudfrontViewerTls12,
  cloudfrontWaf,
  cloudwatchAlarmActions,
  dynamodbDeletionProtection,
  dynamodbPitr,
  dynamodbTableKms,
  ebsEncrypted,
  ec2DefaultSgClosed,
  ec2EgressRestricted,
  ec2ImdsHopLimit,
  ec2Imdsv2,
  ec2LaunchTemplateNoPublicIp,
  ec2NoAllPortsIngress,
  ec2NoWorldAdminPorts,
  ec2NoWorldIngress,
  ec2SgRuleDescribed,
  ec2SupportedOs,
  ecrImmutableTags,
  ecrKms,
  ecrLifecyclePolicy,
  ecrScanOnPush,
  ecsContainerInsights,
  ecsContainerLogging,
  ecsNoPublicIp,
  ecsNoSecretsInEnvironment,
  ecsNotPrivileged,
  ecsReadonlyRootFilesystem,
  elasticacheAtRestEncryption,
  elasticacheAutomaticFailover,
  elasticacheLogDelivery,
  elasticacheRedisAuth,
  elasticacheSnapshots,
  elasticacheTransitEncryption,
  elbAccessLogs,
  elbDeletionProtection,
  elbDropInvalidHeaders,
  elbHttpRedirectsToHttps,
  elbTlsPolicy,
  elbWaf,
  iamKnownActions,
  iamNoAccessKeys,
  iamNoAdminManagedPolicy,
  iamNoPrivilegeEscalation,
  iamNoWildcardAction,
  iamNoWildcardResource,
  iamOidcAudience,
  iamOidcProductionEnvironment,
  iamOidcSubject,
  iamTrustNoPublicPrincipal,
  kmsKeyRotation,
  lambdaConcurrencyLimit,
  lambdaNoPublicPermission,
  lambdaTracing,
  logsGroupKms,
  logsRetentionSet,
  rdsBackupRetention,
  rdsDeletionProtection,
  rdsEnhancedMonitoring,
  rdsForceSsl,
  rdsLogExports,
  rdsMultiAz,
  rdsNotPublic,
  rdsStorageEncrypted,
  s3BucketEncrypted,
  s3LifecycleConfigured,
  s3NoPublicPolicy,
  s3OwnershipEnforced,
  s3PublicAccessBlocked,
  s3TlsOnly,
  s3VersioningEnabled,
  secretsmanagerKms,
  secretsmanagerRotation,
  snsTopicEncrypted,
  sqsQueueEncrypted,
  vpcFlowLogsEnabled,
];
