/**
 * Pieces more than one blueprint composes the same way: the blueprint's VPC from its `network` section (created, or
 * an existing one), and the dashboard widgets of a load balancer and of Redis nodes.
 */
import type { Construct } from 'constructs';
import type { LoadBalancer } from '../../modules/load-balancer';
import { Network, type VpcAttachment } from '../../modules/network';
import type { DashboardMetric, DashboardMetricWidget } from '../../modules/observability';
import type { RedisCache } from '../../modules/redis';
import type { ExistingNetworkConfig, NetworkConfig } from '../config/network-schema';

/** A blueprint's VPC: the one it creates, or the existing one its `network.existing` section names. */
export type BlueprintNetwork<E extends ExistingNetworkConfig = ExistingNetworkConfig> = VpcAttachment | E;

/**
 * The blueprint's VPC: the existing one named in `network.existing`, or a new one (construct id `network`, named
 * `<prefix>-…`) over `availabilityZones`.
 */
export function networkFromConfig<E extends ExistingNetworkConfig>(
  scope: Construct,
  prefix: string,
  availabilityZones: readonly string[],
  network: Omit<NetworkConfig, 'existing'> & { readonly existing?: E },
): BlueprintNetwork<E> {
  if (network.existing) return network.existing;
  return new Network(scope, 'network', {
    name: prefix,
    vpcCidr: network.vpcCidr,
    availabilityZones,
    publicSubnetCidrs: network.publicSubnetCidrs,
    privateSubnetCidrs: network.privateSubnetCidrs,
    natGateways: network.natGateways,
    flowLogs: network.flowLogs,
  });
}

/** Requests, errors (5xx from targets and from the ALB itself, 4xx from targets) and target response time. */
export function loadBalancerWidgets(loadBalancer: LoadBalancer): DashboardMetricWidget[] {
  const metric = (metricName: string): DashboardMetric => ({
    namespace: 'AWS/ApplicationELB',
    metricName,
    dimensions: { LoadBalancer: loadBalancer.arnSuffix },
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
    { title: 'ALB target response time (s)', metrics: [metric('TargetResponseTime')] },
  ];
}

/** One line per Redis node (CacheClusterId `<group>-001`, `-002`, …) of `metricName`. */
export function redisNodeMetrics(cache: RedisCache, metricName: string, stat = 'Average'): DashboardMetric[] {
  return cache.memberClusterIds.map((id) => ({
    namespace: 'AWS/ElastiCache',
    metricName,
    dimensions: { CacheClusterId: id },
    stat,
    label: id,
  }));
}
