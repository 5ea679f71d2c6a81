/**
 * An ECS cluster for Fargate services: Container Insights, the FARGATE and FARGATE_SPOT capacity providers with a
 * default strategy (FARGATE, weight 1), and a cluster log group that receives ECS Exec session output (logging
 * OVERRIDE), so every interactive command run in a task is recorded.
 *
 * With `kmsKeyArn`, the key encrypts ECS Exec sessions and the cluster log group, and ECS requires the log group to be
 * encrypted (`cloud_watch_encryption_enabled`). The key policy must let CloudWatch Logs
 * (`logs.<region>.amazonaws.com`) use it, or creating the log group fails.
 */
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { EcsCluster as AwsEcsCluster } from '@cdktf/provider-aws/lib/ecs-cluster';
import { EcsClusterCapacityProviders } from '@cdktf/provider-aws/lib/ecs-cluster-capacity-providers';
import { Construct } from 'constructs';
import { checkKmsKeyArn } from '../core/checks';
import { assertNoIssues, checkLogRetention, type ValidationIssue } from '../core/validation';
import {
  capacityProviderStrategyBlocks,
  checkCapacityProviderStrategy,
  checkEcsName,
  checkLogGroupName,
  DEFAULT_CAPACITY_PROVIDER_STRATEGY,
  FARGATE_CAPACITY_PROVIDERS,
  type FargateCapacityProviderStrategyItem,
} from './fargate';

export const CONTAINER_INSIGHTS_MODES = ['enabled', 'enhanced', 'disabled'] as const;
export type ContainerInsightsMode = (typeof CONTAINER_INSIGHTS_MODES)[number];

export interface EcsClusterProps {
  /** Cluster name: 1 to 255 letters, digits, hyphens and underscores. Default: the construct id. */
  readonly name?: string;
  /**
   * CloudWatch Container Insights: `enabled`, `enhanced` (adds task- and container-level metrics, costs more) or
   * `disabled` (the weaker choice). Default: `enabled`.
   */
  readonly containerInsights?: ContainerInsightsMode;
  /** Log group for ECS Exec session output. Default: `/ecs/<name>/cluster`. */
  readonly logGroupName?: string;
  /** Days the cluster log group keeps records; a CloudWatch Logs retention value. Default: 30. */
  readonly logRetentionInDays?: number;
  /**
   * KMS key ARN that encrypts ECS Exec sessions and the cluster log group (its policy must allow CloudWatch Logs).
   * Default: none (CloudWatch Logs' own encryption at rest; `cloud_watch_encryption_enabled` false).
   */
  readonly kmsKeyArn?: string;
  /**
   * Capacity provider strategy of services that set none. Both FARGATE and FARGATE_SPOT are always available to
   * services. Default: `[{ capacityProvider: 'FARGATE', weight: 1 }]`.
   */
  readonly defaultCapacityProviderStrategy?: readonly FargateCapacityProviderStrategyItem[];
  /** Tags on every resource of the module, beside the provider's default tags. Default: none. */
  readonly tags?: Readonly<Record<string, string>>;
}

export class EcsCluster extends Construct {
  readonly cluster: AwsEcsCluster;
  readonly clusterName: string;
  readonly clusterArn: string;
  /** Receives ECS Exec session output. */
  readonly logGroup: CloudwatchLogGroup;
  readonly logGroupName: string;
  /** The key of ECS Exec sessions and the log group, if any: tasks that use ECS Exec must decrypt with it. */
  readonly kmsKeyArn?: string;
  /** Associates FARGATE and FARGATE_SPOT with the cluster; services with a capacity provider strategy need it. */
  readonly capacityProviders: EcsClusterCapacityProviders;

  constructor(scope: Construct, id: string, props: EcsClusterProps = {}) {
    super(scope, id);
    const name = props.name ?? id;
    const logGroupName = props.logGroupName ?? `/ecs/${name}/cluster`;
    const logRetentionInDays = props.logRetentionInDays ?? 30;
    const strategy = props.defaultCapacityProviderStrategy ?? DEFAULT_CAPACITY_PROVIDER_STRATEGY;
    assertNoIssues(
      `EcsCluster "${this.node.path}" props`,
      validateEcsClusterProps(props, { name, logGroupName, logRetentionInDays, strategy }),
    );
    const tags = props.tags ? { ...props.tags } : undefined;
    this.kmsKeyArn = props.kmsKeyArn;

    this.logGroup = new CloudwatchLogGroup(this, 'log-group', {
      name: logGroupName,
      retentionInDays: logRetentionInDays,
      kmsKeyId: props.kmsKeyArn,
      tags,
    });
    this.logGroupName = this.logGroup.name;

    this.cluster = new AwsEcsCluster(this, 'cluster', {
      name,
      setting: [{ name: 'containerInsights', value: props.containerInsights ?? 'enabled' }],
      configuration: {
        executeCommandConfiguration: {
          kmsKeyId: props.kmsKeyArn,
          logging: 'OVERRIDE',
          logConfiguration: {
            cloudWatchLogGroupName: this.logGroup.name,
            cloudWatchEncryptionEnabled: props.kmsKeyArn !== undefined,
          },
        },
      },
      tags,
    });
    this.clusterName = this.cluster.name;
    this.clusterArn = this.cluster.arn;

    this.capacityProviders = new EcsClusterCapacityProviders(this, 'capacity-providers', {
      clusterName: this.cluster.name,
      capacityProviders: [...FARGATE_CAPACITY_PROVIDERS],
      defaultCapacityProviderStrategy: capacityProviderStrategyBlocks(strategy),
    });
  }
}

/** One of {@link CONTAINER_INSIGHTS_MODES}. */
export function checkContainerInsights(path: string, mode: string): ValidationIssue[] {
  if ((CONTAINER_INSIGHTS_MODES as readonly string[]).includes(mode)) return [];
  return [{ path, value: mode, message: 'must be "enabled", "enhanced" or "disabled"' }];
}

/** Every rule the constructor enforces, as a pure function so tests (and callers) can ask without building. */
export function validateEcsClusterProps(
  props: EcsClusterProps,
  resolved: {
    readonly name: string;
    readonly logGroupName: string;
    readonly logRetentionInDays: number;
    readonly strategy: readonly FargateCapacityProviderStrategyItem[];
  },
): ValidationIssue[] {
  const issues = [...checkEcsName('name', resolved.name)];
  if (props.containerInsights !== undefined) {
    issues.push(...checkContainerInsights('containerInsights', props.containerInsights));
  }
  issues.push(...checkLogGroupName('logGroupName', resolved.logGroupName));
  issues.push(...checkLogRetention('logRetentionInDays', resolved.logRetentionInDays));
  issues.push(...checkKmsKeyArn('kmsKeyArn', props.kmsKeyArn));
  issues.push(...checkCapacityProviderStrategy('defaultCapacityProviderStrategy', resolved.strategy));
  return issues;
}
