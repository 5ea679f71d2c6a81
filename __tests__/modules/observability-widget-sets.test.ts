import { cacheNodeMetrics, ecsServiceWidgets, loadBalancerWidgets } from '../../modules/observability';

describe('loadBalancerWidgets', () => {
  it('charts requests, the three error counts and target response time of one ALB', () => {
    const widgets = loadBalancerWidgets({ loadBalancerArnSuffix: 'app/web/123' });
    const dimensions = { LoadBalancer: 'app/web/123' };
    expect(widgets.map((widget) => [widget.title, widget.stat, widget.metrics.map((m) => m.metricName)])).toEqual([
      ['ALB requests', 'Sum', ['RequestCount']],
      ['ALB errors', 'Sum', ['HTTPCode_Target_5XX_Count', 'HTTPCode_ELB_5XX_Count', 'HTTPCode_Target_4XX_Count']],
      ['ALB target response time (s)', undefined, ['TargetResponseTime']],
    ]);
    for (const metric of widgets.flatMap((widget) => widget.metrics)) {
      expect(metric).toMatchObject({ namespace: 'AWS/ApplicationELB', dimensions });
    }
  });

  it('draws the given response-time percentiles beside the average', () => {
    const [, , responseTime] = loadBalancerWidgets({
      loadBalancerArnSuffix: 'app/web/123',
      responseTimePercentiles: [95, 99.9],
    });
    expect(responseTime?.metrics.map((metric) => [metric.stat, metric.label])).toEqual([
      [undefined, undefined],
      ['p95', 'p95'],
      ['p99.9', 'p99.9'],
    ]);
  });
});

describe('cacheNodeMetrics', () => {
  it('gives one line per node, labelled by its id, Average unless told', () => {
    expect(cacheNodeMetrics(['c-001', 'c-002'], 'Evictions', 'Sum')).toEqual([
      {
        namespace: 'AWS/ElastiCache',
        metricName: 'Evictions',
        dimensions: { CacheClusterId: 'c-001' },
        stat: 'Sum',
        label: 'c-001',
      },
      {
        namespace: 'AWS/ElastiCache',
        metricName: 'Evictions',
        dimensions: { CacheClusterId: 'c-002' },
        stat: 'Sum',
        label: 'c-002',
      },
    ]);
    expect(cacheNodeMetrics(['c-001'], 'CPUUtilization')[0]?.stat).toBe('Average');
  });
});

describe('ecsServiceWidgets', () => {
  const props = { clusterName: 'web', serviceName: 'api', loadBalancerArnSuffix: 'app/web/1' };

  it("draws the service's CPU and memory, and one healthy and one unhealthy line per target group", () => {
    const [utilization, tasks] = ecsServiceWidgets({
      ...props,
      targetGroupArnSuffixes: { blue: 'targetgroup/blue/1', green: 'targetgroup/green/2' },
    });
    const service = { ClusterName: 'web', ServiceName: 'api' };
    expect(utilization!.metrics).toEqual([
      { namespace: 'AWS/ECS', metricName: 'CPUUtilization', dimensions: service, label: 'CPU' },
      { namespace: 'AWS/ECS', metricName: 'MemoryUtilization', dimensions: service, label: 'memory' },
    ]);
    expect(tasks!.metrics.map((metric) => [metric.metricName, metric.dimensions?.TargetGroup, metric.label])).toEqual([
      ['HealthyHostCount', 'targetgroup/blue/1', 'healthy (blue)'],
      ['HealthyHostCount', 'targetgroup/green/2', 'healthy (green)'],
      ['UnHealthyHostCount', 'targetgroup/blue/1', 'unhealthy (blue)'],
      ['UnHealthyHostCount', 'targetgroup/green/2', 'unhealthy (green)'],
    ]);
  });

  it('labels the lines of a single, unnamed target group plainly', () => {
    const [, tasks] = ecsServiceWidgets({ ...props, targetGroupArnSuffixes: { '': 'targetgroup/app/1' } });
    expect(tasks!.metrics.map((metric) => metric.label)).toEqual(['healthy', 'unhealthy']);
  });
});
