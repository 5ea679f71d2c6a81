/**
 * Dashboard widgets per resource kind, the companions of the alarm sets: plain data for {@link Dashboard} rows, so a
 * stack lays out its own dashboard from the resources it has.
 */
import type { DashboardMetric, DashboardMetricWidget } from './dashboard';

export interface LoadBalancerWidgetsProps {
  /** `arn_suffix` of the ALB (`app/<name>/<id>`), the `LoadBalancer` dimension. */
  readonly loadBalancerArnSuffix: string;
  /**
   * Percentiles of the target response time drawn beside its average, e.g. `[95]` for a p95 objective.
   * Default: none (the average only).
   */
  readonly responseTimePercentiles?: readonly number[];
}

/**
 * Requests, errors (5xx from targets and from the ALB itself, 4xx from targets) and target response time (the
 * average, and the given percentiles).
 */
export function loadBalancerWidgets({
  loadBalancerArnSuffix,
  responseTimePercentiles = [],
}: LoadBalancerWidgetsProps): DashboardMetricWidget[] {
  const metric = (metricName: string): DashboardMetric => ({
    namespace: 'AWS/ApplicationELB',
    metricName,
    dimensions: { LoadBalancer: loadBalancerArnSuffix },
  });
  return [
    { title: 'ALB requests', stat: 'Sum', metrics: [metric('RequestCount')] },
    {
      title: 'ALB errors',
      stat: 'Sum',
      metrics: [
        metric('HTTPCode_Target_5XX_Count'),
        metric('HTTPCode_ELB_5XX_Count'),
        metric('HTTPCode_Target_4XX_Count'),
      ],
    },
    {
      title: 'ALB target response time (s)',
      metrics: [
        metric('TargetResponseTime'),
        ...responseTimePercentiles.map((percentile) => ({
          ...metric('TargetResponseTime'),
          stat: `p${percentile}`,
          label: `p${percentile}`,
        })),
      ],
    },
  ];
}

export interface EcsServiceWidgetsProps {
  /** The `ClusterName` and `ServiceName` dimensions of the service. */
  readonly clusterName: string;
  readonly serviceName: string;
  /** `arn_suffix` of the ALB in front of it (the `LoadBalancer` dimension). */
  readonly loadBalancerArnSuffix: string;
  /**
   * The service's target groups by the label their lines get, each an `arn_suffix` (the `TargetGroup` dimension):
   * one group (`{ '': suffix }`: lines named `healthy`, `unhealthy`), or a blue/green pair. Required, at least one.
   */
  readonly targetGroupArnSuffixes: Readonly<Record<string, string>>;
}

/** An ECS service behind a load balancer: its average CPU and memory, and its healthy and unhealthy tasks. */
export function ecsServiceWidgets(props: EcsServiceWidgetsProps): DashboardMetricWidget[] {
  const service = { ClusterName: props.clusterName, ServiceName: props.serviceName };
  const hosts = (metricName: string, label: string): DashboardMetric[] =>
    Object.entries(props.targetGroupArnSuffixes).map(([group, suffix]) => ({
      namespace: 'AWS/ApplicationELB',
      metricName,
      dimensions: { LoadBalancer: props.loadBalancerArnSuffix, TargetGroup: suffix },
      label: group ? `${label} (${group})` : label,
    }));
  return [
    {
      title: 'ECS CPU and memory utilization (%)',
      metrics: [
        { namespace: 'AWS/ECS', metricName: 'CPUUtilization', dimensions: service, label: 'CPU' },
        { namespace: 'AWS/ECS', metricName: 'MemoryUtilization', dimensions: service, label: 'memory' },
      ],
    },
    {
      title: 'Healthy and unhealthy tasks',
      metrics: [...hosts('HealthyHostCount', 'healthy'), ...hosts('UnHealthyHostCount', 'unhealthy')],
    },
  ];
}

/** One line per ElastiCache node (dimension `CacheClusterId`, e.g. `<group>-001`) of `metricName`. Default stat: Average. */
export function cacheNodeMetrics(
  cacheClusterIds: readonly string[],
  metricName: string,
  stat = 'Average',
): DashboardMetric[] {
  return cacheClusterIds.map((id) => ({
    namespace: 'AWS/ElastiCache',
    metricName,
    dimensions: { CacheClusterId: id },
    stat,
    label: id,
  }));
}
