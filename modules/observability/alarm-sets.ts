/**
 * The standard alarms of a few resource kinds, as pure functions that return {@link MetricAlarmProps}: the caller
 * creates each `MetricAlarm` itself, in its own scope and under a construct id of its choosing, so a set adds no level
 * to construct paths (existing alarms keep their Terraform addresses when a stack moves to these functions).
 *
 * | function            | alarms (keys)                       | metric, statistic, comparison                                   | missing data |
 * | ------------------- | ----------------------------------- | --------------------------------------------------------------- | ------------ |
 * | `targetGroupAlarms` | `unhealthyTargets`                  | AWS/ApplicationELB UnHealthyHostCount, Maximum, `>`             | missing      |
 * |                     | `responseTime`                      | AWS/ApplicationELB TargetResponseTime, Average or pN, `>`      | notBreaching |
 * | `loadBalancerErrorRateAlarm` | (one alarm, metric math)   | 100 × (Target 5XX + ELB 5XX) / RequestCount, Sums, `>` (%)      | notBreaching |
 * | `ecsServiceAlarms`  | `cpu`, `memory`                     | AWS/ECS CPU/MemoryUtilization, Average, `>` (%)                 | missing      |
 * | `rdsInstanceAlarms` | `cpu`                               | AWS/RDS CPUUtilization, Average, `>` (%)                        | missing      |
 * |                     | `freeStorage`                       | AWS/RDS FreeStorageSpace (bytes), Minimum, `<`                  | missing      |
 * |                     | `connections` (with maxConnections) | AWS/RDS DatabaseConnections, Maximum, `>`                       | missing      |
 * |                     | `replicaLag` (with replicaLagSeconds) | AWS/RDS ReplicaLag (seconds), Maximum, `>`                    | missing      |
 * | `redisNodeAlarms`   | per node: `memory`                  | AWS/ElastiCache DatabaseMemoryUsagePercentage, Average, `>` (%) | missing      |
 * |                     | per node: `evictions`               | AWS/ElastiCache Evictions, Sum, `>`                             | notBreaching |
 *
 * Thresholds, names, periods and actions come from the caller (only the RDS set has default thresholds, documented on
 * its props): a set chooses the metric, the statistic and the comparison for its kind of resource. The error-rate
 * alarm is a {@link MetricMathAlarmProps} for `MetricMathAlarm`. Each set's object keeps its keys in the order above, so `Object.entries()` creates alarms in a stable
 * order. Every function validates its input and throws a `ValidationError` naming the field; the `MetricAlarm`
 * constructor then checks the props again (periods, evaluation range, percent thresholds).
 */
import { checkArns, checkFiniteNumber, checkInteger, checkText } from '../core/checks';
import { assertNoIssues, joinPath, type ValidationIssue } from '../core/validation';
import type { MetricAlarmProps } from './metric-alarm';
import type { MetricMathAlarmProps } from './metric-math-alarm';

/** What every alarm of a set shares: how long a breach must last, and whom it notifies. */
export interface AlarmSetCommonProps {
  /** Length of one period in seconds: 10, 20, 30 or a multiple of 60. Default: 60 (MetricAlarm's default). */
  readonly periodSeconds?: number;
  /** Periods evaluated (the N of "M out of N"), at least 1. Required: how long a breach must last is a decision. */
  readonly evaluationPeriods: number;
  /** Breaching periods among evaluationPeriods that set off an alarm. Default: evaluationPeriods. */
  readonly datapointsToAlarm?: number;
  /** ARNs notified on ALARM, e.g. the alarm topic. Default: none. */
  readonly alarmActions?: readonly string[];
  /** ARNs notified on the return to OK. Default: none. */
  readonly okActions?: readonly string[];
  /** ARNs notified on INSUFFICIENT_DATA. Default: none. */
  readonly insufficientDataActions?: readonly string[];
  /** Tags on every alarm of the set, beside the provider's default tags. Default: none. */
  readonly tags?: Readonly<Record<string, string>>;
}

// --- load balancer target group ---

export interface TargetGroupAlarmsProps extends AlarmSetCommonProps {
  /** Start of the alarm names: `<namePrefix>-alb-unhealthy-targets`, `<namePrefix>-alb-target-response-time`. Required. */
  readonly namePrefix: string;
  /** The load balancer's `app/<name>/<id>` ARN suffix (`LoadBalancer.arnSuffix`): the `LoadBalancer` dimension. Required. */
  readonly loadBalancerArnSuffix: string;
  /**
   * The target group's `targetgroup/<name>/<id>` ARN suffix (`LoadBalancer.targetGroupArnSuffixes[key]`): the
   * `TargetGroup` dimension. Required.
   */
  readonly targetGroupArnSuffix: string;
  /**
   * What the targets are, in the descriptions: "<Label> targets failing the ALB health check (more than N)" and
   * "Average <label> response time above S s". Default: `application`.
   */
  readonly label?: string;
  /** Alarm when more than this many targets are unhealthy (the period's Maximum); 0 = any. Required. */
  readonly unhealthyTargetsThreshold: number;
  /** Alarm when the target response time (average, or the percentile below) is above this many seconds. Required. */
  readonly responseTimeSeconds: number;
  /**
   * Watch this percentile of the response time (extended statistic `p<N>`, e.g. 95 for an SLO on the 95th
   * percentile) instead of the average. Default: none (the average).
   */
  readonly responseTimePercentile?: number;
  /**
   * What the response-time alarm watches: `target-group` (dimensions LoadBalancer + TargetGroup: this group's targets)
   * or `load-balancer` (dimension LoadBalancer only: every target behind the load balancer). Default: `target-group`.
   */
  readonly responseTimeScope?: 'target-group' | 'load-balancer';
  /** Alarm names instead of the `<namePrefix>-alb-…` ones. Default: none (the generated names). */
  readonly alarmNames?: { readonly unhealthyTargets?: string; readonly responseTime?: string };
}

export interface TargetGroupAlarms {
  readonly unhealthyTargets: MetricAlarmProps;
  readonly responseTime: MetricAlarmProps;
}

/** Unhealthy targets and target response time of one load-balancer target group. */
export function targetGroupAlarms(props: TargetGroupAlarmsProps): TargetGroupAlarms {
  assertNoIssues('targetGroupAlarms props', validateTargetGroupAlarmsProps(props));
  const label = props.label ?? 'application';
  const targetGroup = { LoadBalancer: props.loadBalancerArnSuffix, TargetGroup: props.targetGroupArnSuffix };
  const scope = props.responseTimeScope ?? 'target-group';
  const percentile = props.responseTimePercentile;
  return {
    unhealthyTargets: {
      alarmName: props.alarmNames?.unhealthyTargets ?? `${props.namePrefix}-alb-unhealthy-targets`,
      description: `${capitalize(label)} targets failing the ALB health check (more than ${props.unhealthyTargetsThreshold})`,
      namespace: 'AWS/ApplicationELB',
      metricName: 'UnHealthyHostCount',
      dimensions: targetGroup,
      statistic: 'Maximum',
      comparison: '>',
      threshold: props.unhealthyTargetsThreshold,
      ...common(props),
    },
    responseTime: {
      alarmName: props.alarmNames?.responseTime ?? `${props.namePrefix}-alb-target-response-time`,
      description: `${percentile === undefined ? 'Average' : `p${percentile}`} ${label} response time above ${props.responseTimeSeconds} s`,
      namespace: 'AWS/ApplicationELB',
      metricName: 'TargetResponseTime',
      dimensions: scope === 'load-balancer' ? { LoadBalancer: props.loadBalancerArnSuffix } : targetGroup,
      ...(percentile === undefined ? { statistic: 'Average' as const } : { extendedStatistic: `p${percentile}` }),
      comparison: '>',
      threshold: props.responseTimeSeconds,
      // No requests in a period means no datapoint, not a slow target.
      treatMissingData: 'notBreaching',
      ...common(props),
    },
  };
}

export function validateTargetGroupAlarmsProps(props: TargetGroupAlarmsProps): ValidationIssue[] {
  const issues = [
    ...checkText('namePrefix', props.namePrefix, 200),
    ...checkText('loadBalancerArnSuffix', props.loadBalancerArnSuffix, 1024),
    ...checkText('targetGroupArnSuffix', props.targetGroupArnSuffix, 1024),
    ...checkOptionalText('label', props.label),
    ...checkAlarmCountThreshold('unhealthyTargetsThreshold', props.unhealthyTargetsThreshold),
    ...checkAlarmThresholdAbove0('responseTimeSeconds', props.responseTimeSeconds),
    ...(props.responseTimePercentile === undefined
      ? []
      : checkAlarmPercentile('responseTimePercentile', props.responseTimePercentile)),
    ...checkAlarmNames(props.alarmNames),
    ...checkCommon(props),
  ];
  const scope = props.responseTimeScope;
  if (scope !== undefined && scope !== 'target-group' && scope !== 'load-balancer') {
    issues.push({ path: 'responseTimeScope', value: scope, message: 'must be "target-group" or "load-balancer"' });
  }
  return issues;
}

// --- load balancer error rate ---

export interface LoadBalancerErrorRateAlarmProps extends AlarmSetCommonProps {
  /** Start of the alarm name: `<namePrefix>-alb-5xx-error-rate`. Required. */
  readonly namePrefix: string;
  /** The load balancer's `app/<name>/<id>` ARN suffix (`LoadBalancer.arnSuffix`): the `LoadBalancer` dimension. Required. */
  readonly loadBalancerArnSuffix: string;
  /**
   * Alarm when the share of requests answered with a 5xx (by a target or by the load balancer itself) in a period is
   * above this percentage, 0 (any 5xx) to below 100; 0.1 is an error-rate objective of "< 0.1% of requests". Required.
   */
  readonly errorRatePercent: number;
  /** Whose requests these are, in the description: "5xx answers above 0.1% of <label> requests". Default: `application`. */
  readonly label?: string;
  /** The alarm's name instead of the generated one. Default: none. */
  readonly alarmName?: string;
}

/**
 * The 5xx error rate of a whole Application Load Balancer, as metric math over three Sums per period:
 * `100 * (FILL(target5xx, 0) + FILL(elb5xx, 0)) / requests`. The 5xx counts are published only when non-zero, so they
 * are filled with 0; a period without requests has no rate (missing data, not breaching).
 */
export function loadBalancerErrorRateAlarm(props: LoadBalancerErrorRateAlarmProps): MetricMathAlarmProps {
  assertNoIssues('loadBalancerErrorRateAlarm props', validateLoadBalancerErrorRateAlarmProps(props));
  const loadBalancer = { LoadBalancer: props.loadBalancerArnSuffix };
  const sum = (metricName: string) => ({
    namespace: 'AWS/ApplicationELB',
    metricName,
    dimensions: loadBalancer,
    statistic: 'Sum',
  });
  return {
    alarmName: props.alarmName ?? `${props.namePrefix}-alb-5xx-error-rate`,
    description: `5xx answers above ${props.errorRatePercent}% of ${props.label ?? 'application'} requests`,
    expression: '100 * (FILL(target5xx, 0) + FILL(elb5xx, 0)) / requests',
    expressionLabel: '5xx error rate (%)',
    expressionId: 'errorRate',
    metrics: {
      target5xx: sum('HTTPCode_Target_5XX_Count'),
      elb5xx: sum('HTTPCode_ELB_5XX_Count'),
      requests: sum('RequestCount'),
    },
    comparison: '>',
    threshold: props.errorRatePercent,
    percentExpression: true,
    // No requests in a period means no rate, not an error.
    treatMissingData: 'notBreaching',
    ...common(props),
  };
}

export function validateLoadBalancerErrorRateAlarmProps(props: LoadBalancerErrorRateAlarmProps): ValidationIssue[] {
  return [
    ...checkText('namePrefix', props.namePrefix, 200),
    ...checkText('loadBalancerArnSuffix', props.loadBalancerArnSuffix, 1024),
    ...checkErrorRatePercent('errorRatePercent', props.errorRatePercent),
    ...checkOptionalText('label', props.label),
    ...checkOptionalText('alarmName', props.alarmName, 255),
    ...checkCommon(props),
  ];
}

/** An error-rate threshold in percent of requests: 0 (any error) or more, and below 100 (`>` 100% never happens). */
export function checkErrorRatePercent(path: string, value: number): ValidationIssue[] {
  const issues = checkFiniteNumber(path, value);
  if (issues.length > 0) return issues;
  if (value >= 0 && value < 100) return [];
  return [{ path, value, message: 'is a share of requests in percent: 0 (any error) or more, and below 100' }];
}

// --- ECS service ---

export interface EcsServiceAlarmsProps extends AlarmSetCommonProps {
  /** Start of the alarm names: `<namePrefix>-cpu-high`, `<namePrefix>-memory-high`. Required. */
  readonly namePrefix: string;
  /** The cluster's name (`EcsCluster.clusterName`): the `ClusterName` dimension. Required. */
  readonly clusterName: string;
  /** The service's name (`FargateService.serviceName`): the `ServiceName` dimension. Required. */
  readonly serviceName: string;
  /** What the service is, in the descriptions: "<label> service average cpu above 80% for 3 periods". Default: `ECS`. */
  readonly label?: string;
  /** Alarm when the service's average CPU utilization is above this percentage (0-100]. Required. */
  readonly cpuPercent: number;
  /** Alarm when the service's average memory utilization is above this percentage (0-100]. Required. */
  readonly memoryPercent: number;
  /** Alarm names instead of the `<namePrefix>-…-high` ones. Default: none (the generated names). */
  readonly alarmNames?: { readonly cpu?: string; readonly memory?: string };
}

export interface EcsServiceAlarms {
  readonly cpu: MetricAlarmProps;
  readonly memory: MetricAlarmProps;
}

/** Average CPU and memory utilization of one ECS service (the service-level metrics ECS publishes without Container Insights). */
export function ecsServiceAlarms(props: EcsServiceAlarmsProps): EcsServiceAlarms {
  assertNoIssues('ecsServiceAlarms props', validateEcsServiceAlarmsProps(props));
  const label = props.label ?? 'ECS';
  const alarm = (kind: 'cpu' | 'memory', metricName: string, threshold: number): MetricAlarmProps => ({
    alarmName: props.alarmNames?.[kind] ?? `${props.namePrefix}-${kind}-high`,
    description: `${label} service average ${kind} above ${threshold}% for ${periods(props.evaluationPeriods)}`,
    namespace: 'AWS/ECS',
    metricName,
    dimensions: { ClusterName: props.clusterName, ServiceName: props.serviceName },
    statistic: 'Average',
    comparison: '>',
    threshold,
    percentMetric: true,
    ...common(props),
  });
  return {
    cpu: alarm('cpu', 'CPUUtilization', props.cpuPercent),
    memory: alarm('memory', 'MemoryUtilization', props.memoryPercent),
  };
}

export function validateEcsServiceAlarmsProps(props: EcsServiceAlarmsProps): ValidationIssue[] {
  return [
    ...checkText('namePrefix', props.namePrefix, 200),
    ...checkText('clusterName', props.clusterName, 1024),
    ...checkText('serviceName', props.serviceName, 1024),
    ...checkOptionalText('label', props.label),
    ...checkAlarmPercent('cpuPercent', props.cpuPercent),
    ...checkAlarmPercent('memoryPercent', props.memoryPercent),
    ...checkAlarmNames(props.alarmNames),
    ...checkCommon(props),
  ];
}

// --- RDS instance ---

export interface RdsInstanceAlarmsProps extends AlarmSetCommonProps {
  /** The instance's identifier (`PostgresDatabase.instanceIdentifier`): the `DBInstanceIdentifier` dimension. Required. */
  readonly instanceIdentifier: string;
  /**
   * Start of the alarm names: `<namePrefix>-cpu-high`, `<namePrefix>-free-storage-low`, `<namePrefix>-connections-high`.
   * Default: `instanceIdentifier`.
   */
  readonly namePrefix?: string;
  /** What the instance is called in the descriptions: "RDS instance <label> …". Default: `instanceIdentifier`. */
  readonly label?: string;
  /** Alarm when the average CPU utilization is above this percentage (0-100]. Default: 80. */
  readonly cpuPercent?: number;
  /** The instance's allocated storage in GiB: the free-storage threshold's default is a share of it. Required. */
  readonly allocatedStorageGiB: number;
  /**
   * Alarm when the free storage (the period's Minimum) falls below this many GiB, less than allocatedStorageGiB.
   * Default: 10% of allocatedStorageGiB (2 GiB for the 20 GiB gp3 minimum).
   */
  readonly freeStorageThresholdGiB?: number;
  /**
   * The engine's `max_connections` on this instance class (for PostgreSQL the default is about the instance memory in
   * bytes / 9,531,392, at most 5,000; db.t4g.micro: ~112). The module cannot know it, so the connections alarm exists
   * only when it is given. Default: none (no connections alarm).
   */
  readonly maxConnections?: number;
  /** With maxConnections: alarm when the connections (the period's Maximum) exceed this share of it, (0-100]. Default: 80. */
  readonly connectionsPercent?: number;
  /**
   * For a read replica: alarm when its replication lag (ReplicaLag, the period's Maximum) is above this many seconds,
   * 0 or more. Default: none (no lag alarm; a primary publishes no ReplicaLag).
   */
  readonly replicaLagSeconds?: number;
  /** Alarm names instead of the `<namePrefix>-…` ones. Default: none (the generated names). */
  readonly alarmNames?: {
    readonly cpu?: string;
    readonly freeStorage?: string;
    readonly connections?: string;
    readonly replicaLag?: string;
  };
}

export interface RdsInstanceAlarms {
  readonly cpu: MetricAlarmProps;
  readonly freeStorage: MetricAlarmProps;
  /** Present when `maxConnections` is given. */
  readonly connections?: MetricAlarmProps;
  /** Present when `replicaLagSeconds` is given. */
  readonly replicaLag?: MetricAlarmProps;
}

const GIB = 1024 ** 3;

/** CPU, free storage and (given the engine's connection limit) connections of one RDS DB instance. */
export function rdsInstanceAlarms(props: RdsInstanceAlarmsProps): RdsInstanceAlarms {
  assertNoIssues('rdsInstanceAlarms props', validateRdsInstanceAlarmsProps(props));
  const prefix = props.namePrefix ?? props.instanceIdentifier;
  const label = props.label ?? props.instanceIdentifier;
  const dimensions = { DBInstanceIdentifier: props.instanceIdentifier };
  const cpuPercent = props.cpuPercent ?? 80;
  const freeGiB = props.freeStorageThresholdGiB ?? props.allocatedStorageGiB / 10;
  const alarms: {
    cpu: MetricAlarmProps;
    freeStorage: MetricAlarmProps;
    connections?: MetricAlarmProps;
    replicaLag?: MetricAlarmProps;
  } = {
    cpu: {
      alarmName: props.alarmNames?.cpu ?? `${prefix}-cpu-high`,
      description: `RDS instance ${label} average CPU above ${cpuPercent}% for ${periods(props.evaluationPeriods)}`,
      namespace: 'AWS/RDS',
      metricName: 'CPUUtilization',
      dimensions,
      statistic: 'Average',
      comparison: '>',
      threshold: cpuPercent,
      percentMetric: true,
      ...common(props),
    },
    freeStorage: {
      alarmName: props.alarmNames?.freeStorage ?? `${prefix}-free-storage-low`,
      description: `RDS instance ${label} free storage below ${freeGiB} GiB of ${props.allocatedStorageGiB} GiB`,
      namespace: 'AWS/RDS',
      metricName: 'FreeStorageSpace',
      dimensions,
      statistic: 'Minimum',
      comparison: '<',
      threshold: Math.round(freeGiB * GIB),
      ...common(props),
    },
  };
  if (props.maxConnections !== undefined) {
    const percent = props.connectionsPercent ?? 80;
    const threshold = Math.floor((props.maxConnections * percent) / 100);
    alarms.connections = {
      alarmName: props.alarmNames?.connections ?? `${prefix}-connections-high`,
      description: `RDS instance ${label} connections above ${threshold} (${percent}% of max_connections ${props.maxConnections})`,
      namespace: 'AWS/RDS',
      metricName: 'DatabaseConnections',
      dimensions,
      statistic: 'Maximum',
      comparison: '>',
      threshold,
      ...common(props),
    };
  }
  if (props.replicaLagSeconds !== undefined) {
    alarms.replicaLag = {
      alarmName: props.alarmNames?.replicaLag ?? `${prefix}-replica-lag-high`,
      description: `RDS read replica ${label} more than ${props.replicaLagSeconds} s behind its source`,
      namespace: 'AWS/RDS',
      metricName: 'ReplicaLag',
      dimensions,
      statistic: 'Maximum',
      comparison: '>',
      threshold: props.replicaLagSeconds,
      ...common(props),
    };
  }
  return alarms;
}

export function validateRdsInstanceAlarmsProps(props: RdsInstanceAlarmsProps): ValidationIssue[] {
  const issues: ValidationIssue[] = [
    ...checkText('instanceIdentifier', props.instanceIdentifier, 1024),
    ...checkOptionalText('namePrefix', props.namePrefix, 200),
    ...checkOptionalText('label', props.label),
    ...(props.cpuPercent === undefined ? [] : checkAlarmPercent('cpuPercent', props.cpuPercent)),
    ...checkInteger(
      'allocatedStorageGiB',
      props.allocatedStorageGiB,
      1,
      Number.POSITIVE_INFINITY,
      'a whole number of GiB',
    ),
  ];
  const free = props.freeStorageThresholdGiB;
  if (free !== undefined) {
    const freeIssues = checkAlarmThresholdAbove0('freeStorageThresholdGiB', free);
    issues.push(...freeIssues);
    if (freeIssues.length === 0 && typeof props.allocatedStorageGiB === 'number' && free >= props.allocatedStorageGiB) {
      const message = `must be less than allocatedStorageGiB (${props.allocatedStorageGiB}), or the alarm never clears`;
      issues.push({ path: 'freeStorageThresholdGiB', value: free, message });
    }
  }
  if (props.maxConnections !== undefined) {
    issues.push(...checkInteger('maxConnections', props.maxConnections, 1, Number.POSITIVE_INFINITY, 'a count'));
  }
  if (props.connectionsPercent !== undefined) {
    issues.push(...checkAlarmPercent('connectionsPercent', props.connectionsPercent));
    if (props.maxConnections === undefined) {
      const message = 'needs maxConnections: the threshold is a share of it';
      issues.push({ path: 'connectionsPercent', value: props.connectionsPercent, message });
    }
  }
  if (props.replicaLagSeconds !== undefined) {
    issues.push(...checkAlarmThresholdAtLeast0('replicaLagSeconds', props.replicaLagSeconds));
  }
  issues.push(...checkAlarmNames(props.alarmNames), ...checkCommon(props));
  return issues;
}

// --- Redis nodes ---

export type RedisNodeAlarmKind = 'memory' | 'evictions';

export interface RedisNodeAlarmsProps extends AlarmSetCommonProps {
  /** The nodes' cache cluster ids (`RedisCache.memberClusterIds`): one `CacheClusterId` per node. Required, at least one. */
  readonly cacheClusterIds: readonly string[];
  /** Alarm when a node's average memory use is above this percentage (0-100] of its maxmemory. Required. */
  readonly memoryPercent: number;
  /** Alarm when a node evicts more than this many keys in a period (Sum); 0 = any eviction. Required. */
  readonly evictionsThreshold: number;
  /** A node alarm's name. Default: `<cacheClusterId>-memory`, `<cacheClusterId>-evictions`. */
  readonly alarmName?: (cacheClusterId: string, kind: RedisNodeAlarmKind) => string;
}

/** The alarms of one node. */
export interface RedisNodeAlarms {
  readonly cacheClusterId: string;
  readonly memory: MetricAlarmProps;
  readonly evictions: MetricAlarmProps;
}

/** Memory use and evictions of each node of a Redis (OSS) replication group, in the order of `cacheClusterIds`. */
export function redisNodeAlarms(props: RedisNodeAlarmsProps): RedisNodeAlarms[] {
  assertNoIssues('redisNodeAlarms props', validateRedisNodeAlarmsProps(props));
  const name = props.alarmName ?? ((cacheClusterId, kind) => `${cacheClusterId}-${kind}`);
  return props.cacheClusterIds.map((cacheClusterId) => ({
    cacheClusterId,
    memory: {
      alarmName: name(cacheClusterId, 'memory'),
      description: `Redis node ${cacheClusterId} memory use above ${props.memoryPercent}%`,
      namespace: 'AWS/ElastiCache',
      metricName: 'DatabaseMemoryUsagePercentage',
      dimensions: { CacheClusterId: cacheClusterId },
      statistic: 'Average',
      comparison: '>',
      threshold: props.memoryPercent,
      percentMetric: true,
      ...common(props),
    },
    evictions: {
      alarmName: name(cacheClusterId, 'evictions'),
      description: `Redis node ${cacheClusterId} evicting keys (more than ${props.evictionsThreshold})`,
      namespace: 'AWS/ElastiCache',
      metricName: 'Evictions',
      dimensions: { CacheClusterId: cacheClusterId },
      statistic: 'Sum',
      comparison: '>',
      threshold: props.evictionsThreshold,
      // A node that evicts nothing may publish no datapoint.
      treatMissingData: 'notBreaching',
      ...common(props),
    },
  }));
}

export function validateRedisNodeAlarmsProps(props: RedisNodeAlarmsProps): ValidationIssue[] {
  const ids = props.cacheClusterIds ?? [];
  const issues: ValidationIssue[] = [];
  if (ids.length === 0) {
    issues.push({ path: 'cacheClusterIds', value: props.cacheClusterIds, message: 'must list at least one node' });
  }
  ids.forEach((id, index) => issues.push(...checkText(joinPath('cacheClusterIds', index), id, 1024)));
  issues.push(
    ...checkAlarmPercent('memoryPercent', props.memoryPercent),
    ...checkAlarmCountThreshold('evictionsThreshold', props.evictionsThreshold),
    ...checkCommon(props),
  );
  return issues;
}

// --- shared ---

type CommonAlarmProps = Pick<MetricAlarmProps, 'evaluationPeriods'> &
  Partial<
    Pick<
      MetricAlarmProps,
      'periodSeconds' | 'datapointsToAlarm' | 'alarmActions' | 'okActions' | 'insufficientDataActions' | 'tags'
    >
  >;

/** The common props that are set, and only those: a set's props carry no `undefined` keys. */
function common(props: AlarmSetCommonProps): CommonAlarmProps {
  return {
    ...(props.periodSeconds !== undefined && { periodSeconds: props.periodSeconds }),
    evaluationPeriods: props.evaluationPeriods,
    ...(props.datapointsToAlarm !== undefined && { datapointsToAlarm: props.datapointsToAlarm }),
    ...(props.alarmActions !== undefined && { alarmActions: [...props.alarmActions] }),
    ...(props.okActions !== undefined && { okActions: [...props.okActions] }),
    ...(props.insufficientDataActions !== undefined && {
      insufficientDataActions: [...props.insufficientDataActions],
    }),
    ...(props.tags !== undefined && { tags: { ...props.tags } }),
  };
}

/** An alarm period: 10, 20 or 30 seconds (high-resolution metrics) or a multiple of 60. */
export function checkAlarmPeriod(path: string, period: number | undefined): ValidationIssue[] {
  if (
    period === undefined ||
    [10, 20, 30].includes(period) ||
    (Number.isInteger(period) && period > 0 && period % 60 === 0)
  ) {
    return [];
  }
  return [{ path, value: period, message: 'must be 10, 20, 30 or a multiple of 60' }];
}

/** The periods an alarm evaluates (the N of "M out of N"): 1 to 100000. */
export function checkAlarmEvaluationPeriods(path: string, periods: number): ValidationIssue[] {
  return checkInteger(path, periods, 1, 100_000, 'a whole number');
}

/** An alarm threshold in percent: above 0 and at most 100. */
export function checkAlarmPercent(path: string, value: number): ValidationIssue[] {
  const issues = checkFiniteNumber(path, value);
  if (issues.length > 0) return issues;
  return value > 0 && value <= 100 ? [] : [{ path, value, message: 'is a percentage: above 0 and at most 100' }];
}

/** An alarm threshold that must be above 0 (seconds of response time). */
export function checkAlarmThresholdAbove0(path: string, value: number): ValidationIssue[] {
  const issues = checkFiniteNumber(path, value);
  if (issues.length > 0) return issues;
  return value > 0 ? [] : [{ path, value, message: 'must be above 0' }];
}

/** An alarm threshold that may be 0 but not below (seconds of replication lag). */
export function checkAlarmThresholdAtLeast0(path: string, value: number): ValidationIssue[] {
  const issues = checkFiniteNumber(path, value);
  if (issues.length > 0) return issues;
  return value >= 0 ? [] : [{ path, value, message: 'must be 0 or more' }];
}

/** A percentile CloudWatch can alarm on as `p<N>`: above 0 and below 100, at most two decimals. */
export function checkAlarmPercentile(path: string, value: number): ValidationIssue[] {
  const issues = checkFiniteNumber(path, value);
  if (issues.length > 0) return issues;
  const ok = value > 0 && value < 100 && Math.round(value * 100) === value * 100;
  return ok ? [] : [{ path, value, message: 'must be a percentile above 0 and below 100, e.g. 95 or 99.9' }];
}

/** An alarm threshold that counts something (unhealthy targets, evictions): a whole number, 0 or more. */
export function checkAlarmCountThreshold(path: string, value: number): ValidationIssue[] {
  return checkInteger(path, value, 0, Number.POSITIVE_INFINITY, 'a count');
}

function checkCommon(props: AlarmSetCommonProps): ValidationIssue[] {
  const issues: ValidationIssue[] = [...checkAlarmPeriod('periodSeconds', props.periodSeconds)];
  const evaluationIssues = checkAlarmEvaluationPeriods('evaluationPeriods', props.evaluationPeriods);
  issues.push(...evaluationIssues);
  if (props.datapointsToAlarm !== undefined && evaluationIssues.length === 0) {
    issues.push(
      ...checkInteger('datapointsToAlarm', props.datapointsToAlarm, 1, props.evaluationPeriods, 'a whole number').map(
        (issue) => ({ ...issue, message: `${issue.message} (evaluationPeriods)` }),
      ),
    );
  }
  issues.push(
    ...checkArns('alarmActions', props.alarmActions ?? []),
    ...checkArns('okActions', props.okActions ?? []),
    ...checkArns('insufficientDataActions', props.insufficientDataActions ?? []),
  );
  return issues;
}

function checkOptionalText(path: string, value: string | undefined, max = 200): ValidationIssue[] {
  return value === undefined ? [] : checkText(path, value, max);
}

function checkAlarmNames(names: Readonly<Record<string, string | undefined>> | undefined): ValidationIssue[] {
  return Object.entries(names ?? {}).flatMap(([key, name]) =>
    name === undefined ? [] : checkText(joinPath('alarmNames', key), name, 255),
  );
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** `1 period`, `3 periods`. */
function periods(count: number): string {
  return `${count} period${count === 1 ? '' : 's'}`;
}

/** For alarm sets in other files of this module: the common props that are set, and their checks. */
export { common as alarmSetCommonProps, checkCommon as checkAlarmSetCommon };
