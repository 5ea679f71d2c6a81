/**
 * The alarm sets: each kind's alarms (metric, dimensions, statistic, comparison, missing-data treatment, names and
 * descriptions from the inputs), that MetricAlarm accepts what they return and that they add no construct-path level,
 * the refusals with the field named, and the alarms ec2-web and ecs-fullstack create by hand today (copied literally
 * below), so that wiring the sets in cannot change a synthesized alarm.
 */
import {
  checkErrorRatePercent,
  ecsServiceAlarms,
  loadBalancerErrorRateAlarm,
  MetricAlarm,
  MetricMathAlarm,
  rdsInstanceAlarms,
  redisNodeAlarms,
  targetGroupAlarms,
  type EcsServiceAlarmsProps,
  type LoadBalancerErrorRateAlarmProps,
  type MetricAlarmProps,
  type RdsInstanceAlarmsProps,
  type RedisNodeAlarmsProps,
  type TargetGroupAlarmsProps,
} from '../../modules/observability';
import { Template, testStack } from '../helpers/template';
import { expectIssues, thrownBy, type ExpectedIssue } from '../helpers/validation';

const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:shop-dev-alarms';
const LB = 'app/shop-dev/50dc6c495c0c9188';
const TG = 'targetgroup/shop-dev-api/73e2d6bc24d8a067';
const NOTIFY = { alarmActions: [TOPIC], okActions: [TOPIC] };
const GIB = 1024 ** 3;

/** Asserts each case's props make the builder throw exactly the expected issues under `subject`. */
function rejects<P>(build: (props: P) => unknown, base: P, subject: RegExp) {
  return (_label: string, change: Partial<P>, expected: ExpectedIssue[]) =>
    expectIssues(
      thrownBy(() => build({ ...base, ...change })),
      expected,
      subject,
    );
}

describe('targetGroupAlarms', () => {
  const BASE: TargetGroupAlarmsProps = {
    namePrefix: 'shop-dev-api',
    loadBalancerArnSuffix: LB,
    targetGroupArnSuffix: TG,
    label: 'API',
    unhealthyTargetsThreshold: 1,
    responseTimeSeconds: 0.5,
    periodSeconds: 60,
    evaluationPeriods: 3,
    ...NOTIFY,
  };

  it('watches unhealthy targets (Maximum) and response time (Average, notBreaching) of the target group', () => {
    expect(targetGroupAlarms(BASE)).toStrictEqual({
      unhealthyTargets: {
        alarmName: 'shop-dev-api-alb-unhealthy-targets',
        description: 'API targets failing the ALB health check (more than 1)',
        namespace: 'AWS/ApplicationELB',
        metricName: 'UnHealthyHostCount',
        dimensions: { LoadBalancer: LB, TargetGroup: TG },
        statistic: 'Maximum',
        comparison: '>',
        threshold: 1,
        periodSeconds: 60,
        evaluationPeriods: 3,
        ...NOTIFY,
      },
      responseTime: {
        alarmName: 'shop-dev-api-alb-target-response-time',
        description: 'Average API response time above 0.5 s',
        namespace: 'AWS/ApplicationELB',
        metricName: 'TargetResponseTime',
        dimensions: { LoadBalancer: LB, TargetGroup: TG },
        statistic: 'Average',
        comparison: '>',
        threshold: 0.5,
        treatMissingData: 'notBreaching',
        periodSeconds: 60,
        evaluationPeriods: 3,
        ...NOTIFY,
      },
    });
  });

  it('watches the whole load balancer for response time with responseTimeScope "load-balancer"', () => {
    const alarms = targetGroupAlarms({ ...BASE, responseTimeScope: 'load-balancer' });
    expect(alarms.responseTime.dimensions).toStrictEqual({ LoadBalancer: LB });
    expect(alarms.unhealthyTargets.dimensions).toStrictEqual({ LoadBalancer: LB, TargetGroup: TG });
  });

  it('watches a percentile of the response time with responseTimePercentile, instead of the average', () => {
    const { responseTime } = targetGroupAlarms({ ...BASE, responseTimePercentile: 95 });
    expect(responseTime).toMatchObject({ extendedStatistic: 'p95', threshold: 0.5 });
    expect(responseTime.statistic).toBeUndefined();
    expect(responseTime.description).toBe('p95 API response time above 0.5 s');
    expect(() => targetGroupAlarms({ ...BASE, responseTimePercentile: 100 })).toThrow(
      /responseTimePercentile: must be a percentile above 0 and below 100, e.g. 95 or 99.9 \(got 100\)/,
    );
  });

  it('defaults: label "application", generated names, no period, actions or other keys', () => {
    const { label: _label, periodSeconds: _period, alarmActions: _a, okActions: _o, ...minimal } = BASE;
    const alarms = targetGroupAlarms({ ...minimal, alarmNames: { responseTime: 'slow-api' } });
    expect(alarms.unhealthyTargets.description).toBe('Application targets failing the ALB health check (more than 1)');
    expect(alarms.responseTime.description).toBe('Average application response time above 0.5 s');
    expect(alarms.unhealthyTargets.alarmName).toBe('shop-dev-api-alb-unhealthy-targets');
    expect(alarms.responseTime.alarmName).toBe('slow-api');
    expect(Object.keys(alarms.unhealthyTargets)).toEqual([
      'alarmName',
      'description',
      'namespace',
      'metricName',
      'dimensions',
      'statistic',
      'comparison',
      'threshold',
      'evaluationPeriods',
    ]);
  });

  it.each<[string, Partial<TargetGroupAlarmsProps>, ExpectedIssue[]]>([
    [
      'negative and fractional unhealthy thresholds, a zero response time',
      { unhealthyTargetsThreshold: 0.5, responseTimeSeconds: 0 },
      [
        { path: 'unhealthyTargetsThreshold', value: 0.5, message: /a count ≥ 0/ },
        { path: 'responseTimeSeconds', value: 0, message: /above 0/ },
      ],
    ],
    [
      'missing dimensions and an unknown scope',
      {
        loadBalancerArnSuffix: '',
        targetGroupArnSuffix: undefined as unknown as string,
        responseTimeScope: 'listener' as 'target-group',
      },
      [
        { path: 'loadBalancerArnSuffix', value: '', message: /non-empty/ },
        { path: 'targetGroupArnSuffix', value: undefined, message: /non-empty/ },
        { path: 'responseTimeScope', value: 'listener', message: /"target-group" or "load-balancer"/ },
      ],
    ],
    [
      'bad timing and actions',
      { periodSeconds: 45, evaluationPeriods: 2, datapointsToAlarm: 3, alarmActions: ['shop-dev-alarms'] },
      [
        { path: 'periodSeconds', value: 45, message: /10, 20, 30 or a multiple of 60/ },
        { path: 'datapointsToAlarm', value: 3, message: /from 1 to 2 \(evaluationPeriods\)/ },
        { path: 'alarmActions[0]', value: 'shop-dev-alarms', message: /must be an ARN/ },
      ],
    ],
    [
      'a blank alarm name and label',
      { label: ' ', alarmNames: { unhealthyTargets: '' } },
      [
        { path: 'label', value: ' ', message: /non-empty/ },
        { path: 'alarmNames.unhealthyTargets', value: '', message: /non-empty/ },
      ],
    ],
  ])('rejects %s, naming the field', rejects(targetGroupAlarms, BASE, /targetGroupAlarms props/));
});

describe('loadBalancerErrorRateAlarm', () => {
  const BASE: LoadBalancerErrorRateAlarmProps = {
    namePrefix: 'shop-dev',
    loadBalancerArnSuffix: LB,
    errorRatePercent: 0.1,
    label: 'API',
    periodSeconds: 300,
    evaluationPeriods: 2,
    ...NOTIFY,
  };
  const sum = (metricName: string) => ({
    namespace: 'AWS/ApplicationELB',
    metricName,
    dimensions: { LoadBalancer: LB },
    statistic: 'Sum',
  });

  it('alarms on (target 5xx + ALB 5xx) / requests × 100 above the threshold, per period, notBreaching', () => {
    expect(loadBalancerErrorRateAlarm(BASE)).toStrictEqual({
      alarmName: 'shop-dev-alb-5xx-error-rate',
      description: '5xx answers above 0.1% of API requests',
      expression: '100 * (FILL(target5xx, 0) + FILL(elb5xx, 0)) / requests',
      expressionLabel: '5xx error rate (%)',
      expressionId: 'errorRate',
      metrics: {
        target5xx: sum('HTTPCode_Target_5XX_Count'),
        elb5xx: sum('HTTPCode_ELB_5XX_Count'),
        requests: sum('RequestCount'),
      },
      comparison: '>',
      threshold: 0.1,
      percentExpression: true,
      treatMissingData: 'notBreaching',
      periodSeconds: 300,
      evaluationPeriods: 2,
      ...NOTIFY,
    });
  });

  it('takes an alarm name, says "application" without a label, and accepts 0 (any 5xx)', () => {
    const { label: _label, ...unlabelled } = BASE;
    const alarm = loadBalancerErrorRateAlarm({ ...unlabelled, errorRatePercent: 0, alarmName: 'shop-5xx' });
    expect(alarm).toMatchObject({
      alarmName: 'shop-5xx',
      description: '5xx answers above 0% of application requests',
      threshold: 0,
    });
  });

  it('becomes one alarm with three metric queries and the expression as the only returned series', () => {
    const stack = testStack();
    new MetricMathAlarm(stack, 'error-rate-alarm', loadBalancerErrorRateAlarm(BASE));
    const alarm = Template.fromStack(stack).resource('aws_cloudwatch_metric_alarm', 'error-rate-alarm/alarm');
    expect(alarm).toMatchObject({
      alarm_name: 'shop-dev-alb-5xx-error-rate',
      comparison_operator: 'GreaterThanThreshold',
      threshold: 0.1,
      evaluation_periods: 2,
      datapoints_to_alarm: 2,
      treat_missing_data: 'notBreaching',
      alarm_actions: [TOPIC],
      ok_actions: [TOPIC],
    });
    const query = (metricName: string, id: string) => ({
      id,
      return_data: false,
      metric: {
        namespace: 'AWS/ApplicationELB',
        metric_name: metricName,
        dimensions: { LoadBalancer: LB },
        stat: 'Sum',
        period: 300,
      },
    });
    expect(alarm.metric_query).toEqual([
      query('HTTPCode_Target_5XX_Count', 'target5xx'),
      query('HTTPCode_ELB_5XX_Count', 'elb5xx'),
      query('RequestCount', 'requests'),
      {
        id: 'errorRate',
        expression: '100 * (FILL(target5xx, 0) + FILL(elb5xx, 0)) / requests',
        label: '5xx error rate (%)',
        return_data: true,
      },
    ]);
    for (const single of ['metric_name', 'namespace', 'statistic', 'period']) expect(alarm[single]).toBeUndefined();
  });

  it.each<[string, Partial<LoadBalancerErrorRateAlarmProps>, ExpectedIssue[]]>([
    [
      'a 100% threshold (never exceeded) and no load balancer',
      { errorRatePercent: 100, loadBalancerArnSuffix: '' },
      [
        { path: 'loadBalancerArnSuffix', value: '', message: /non-empty/ },
        { path: 'errorRatePercent', value: 100, message: /0 \(any error\) or more, and below 100/ },
      ],
    ],
    [
      'a negative threshold and a 45-second period',
      { errorRatePercent: -1, periodSeconds: 45 },
      [
        { path: 'errorRatePercent', value: -1, message: /below 100/ },
        { path: 'periodSeconds', value: 45, message: /10, 20, 30 or a multiple of 60/ },
      ],
    ],
  ])('rejects %s, naming the field', rejects(loadBalancerErrorRateAlarm, BASE, /loadBalancerErrorRateAlarm props/));

  it('checkErrorRatePercent is the rule config uses: 0 ≤ value < 100', () => {
    expect(checkErrorRatePercent('monitoring.errorRate.percent', 0.1)).toEqual([]);
    expect(checkErrorRatePercent('monitoring.errorRate.percent', 0)).toEqual([]);
    expect(checkErrorRatePercent('monitoring.errorRate.percent', 100)).toEqual([
      {
        path: 'monitoring.errorRate.percent',
        value: 100,
        message: 'is a share of requests in percent: 0 (any error) or more, and below 100',
      },
    ]);
  });
});

describe('ecsServiceAlarms', () => {
  const BASE: EcsServiceAlarmsProps = {
    namePrefix: 'shop-prod-api',
    clusterName: 'shop-prod',
    serviceName: 'shop-prod-api',
    label: 'api',
    cpuPercent: 75,
    memoryPercent: 85,
    periodSeconds: 300,
    evaluationPeriods: 3,
    ...NOTIFY,
  };

  it('watches average CPU then memory utilization of the service, as percentages, keys in that order', () => {
    const alarms = ecsServiceAlarms(BASE);
    expect(Object.keys(alarms)).toEqual(['cpu', 'memory']);
    const expected = (kind: string, metricName: string, threshold: number): MetricAlarmProps => ({
      alarmName: `shop-prod-api-${kind}-high`,
      description: `api service average ${kind} above ${threshold}% for 3 periods`,
      namespace: 'AWS/ECS',
      metricName,
      dimensions: { ClusterName: 'shop-prod', ServiceName: 'shop-prod-api' },
      statistic: 'Average',
      comparison: '>',
      threshold,
      percentMetric: true,
      periodSeconds: 300,
      evaluationPeriods: 3,
      ...NOTIFY,
    });
    expect(alarms).toStrictEqual({
      cpu: expected('cpu', 'CPUUtilization', 75),
      memory: expected('memory', 'MemoryUtilization', 85),
    });
  });

  it('defaults the label to "ECS", says "1 period" for one, and takes alarm names', () => {
    const { label: _label, ...unlabelled } = BASE;
    const alarms = ecsServiceAlarms({ ...unlabelled, evaluationPeriods: 1, alarmNames: { memory: 'api-oom-risk' } });
    expect(alarms.cpu.description).toBe('ECS service average cpu above 75% for 1 period');
    expect(alarms.cpu.alarmName).toBe('shop-prod-api-cpu-high');
    expect(alarms.memory.alarmName).toBe('api-oom-risk');
  });

  it.each<[string, Partial<EcsServiceAlarmsProps>, ExpectedIssue[]]>([
    [
      'a 150% CPU threshold and a zero memory threshold',
      { cpuPercent: 150, memoryPercent: 0 },
      [
        { path: 'cpuPercent', value: 150, message: /percentage/ },
        { path: 'memoryPercent', value: 0, message: /percentage/ },
      ],
    ],
    [
      'no cluster, no service, no evaluation periods',
      { clusterName: '', serviceName: '', evaluationPeriods: 0 },
      [
        { path: 'clusterName', value: '', message: /non-empty/ },
        { path: 'serviceName', value: '', message: /non-empty/ },
        { path: 'evaluationPeriods', value: 0, message: /from 1/ },
      ],
    ],
  ])('rejects %s, naming the field', rejects(ecsServiceAlarms, BASE, /ecsServiceAlarms props/));
});

describe('rdsInstanceAlarms', () => {
  const BASE: RdsInstanceAlarmsProps = {
    instanceIdentifier: 'shop-prod',
    allocatedStorageGiB: 50,
    periodSeconds: 300,
    evaluationPeriods: 2,
    ...NOTIFY,
  };

  it('defaults: CPU above 80%, free storage below 10% of the allocation, no connections alarm', () => {
    const alarms = rdsInstanceAlarms(BASE);
    const common = { periodSeconds: 300, evaluationPeriods: 2, ...NOTIFY };
    expect(alarms).toStrictEqual({
      cpu: {
        alarmName: 'shop-prod-cpu-high',
        description: 'RDS instance shop-prod average CPU above 80% for 2 periods',
        namespace: 'AWS/RDS',
        metricName: 'CPUUtilization',
        dimensions: { DBInstanceIdentifier: 'shop-prod' },
        statistic: 'Average',
        comparison: '>',
        threshold: 80,
        percentMetric: true,
        ...common,
      },
      freeStorage: {
        alarmName: 'shop-prod-free-storage-low',
        description: 'RDS instance shop-prod free storage below 5 GiB of 50 GiB',
        namespace: 'AWS/RDS',
        metricName: 'FreeStorageSpace',
        dimensions: { DBInstanceIdentifier: 'shop-prod' },
        statistic: 'Minimum',
        comparison: '<',
        threshold: 5 * GIB,
        ...common,
      },
    });
    expect(rdsInstanceAlarms({ ...BASE, allocatedStorageGiB: 20 }).freeStorage.threshold).toBe(2 * GIB);
  });

  it('adds a connections alarm at a share of max_connections, and takes every threshold, name and label', () => {
    const alarms = rdsInstanceAlarms({
      ...BASE,
      namePrefix: 'shop-prod-db',
      label: 'orders',
      cpuPercent: 70,
      freeStorageThresholdGiB: 8,
      maxConnections: 112,
      connectionsPercent: 75,
      alarmNames: { freeStorage: 'orders-disk' },
    });
    expect(Object.keys(alarms)).toEqual(['cpu', 'freeStorage', 'connections']);
    expect(alarms.cpu).toMatchObject({ alarmName: 'shop-prod-db-cpu-high', threshold: 70 });
    expect(alarms.cpu.description).toBe('RDS instance orders average CPU above 70% for 2 periods');
    expect(alarms.freeStorage).toMatchObject({ alarmName: 'orders-disk', threshold: 8 * GIB });
    expect(alarms.connections).toStrictEqual({
      alarmName: 'shop-prod-db-connections-high',
      description: 'RDS instance orders connections above 84 (75% of max_connections 112)',
      namespace: 'AWS/RDS',
      metricName: 'DatabaseConnections',
      dimensions: { DBInstanceIdentifier: 'shop-prod' },
      statistic: 'Maximum',
      comparison: '>',
      threshold: 84,
      periodSeconds: 300,
      evaluationPeriods: 2,
      ...NOTIFY,
    });
    expect(rdsInstanceAlarms({ ...BASE, maxConnections: 100 }).connections?.threshold).toBe(80);
  });

  it('adds a replication-lag alarm for a read replica (ReplicaLag, Maximum, seconds)', () => {
    const alarms = rdsInstanceAlarms({ ...BASE, instanceIdentifier: 'shop-prod-replica', replicaLagSeconds: 30 });
    expect(Object.keys(alarms)).toEqual(['cpu', 'freeStorage', 'replicaLag']);
    expect(alarms.replicaLag).toStrictEqual({
      alarmName: 'shop-prod-replica-replica-lag-high',
      description: 'RDS read replica shop-prod-replica more than 30 s behind its source',
      namespace: 'AWS/RDS',
      metricName: 'ReplicaLag',
      dimensions: { DBInstanceIdentifier: 'shop-prod-replica' },
      statistic: 'Maximum',
      comparison: '>',
      threshold: 30,
      periodSeconds: 300,
      evaluationPeriods: 2,
      ...NOTIFY,
    });
    expect(() => rdsInstanceAlarms({ ...BASE, replicaLagSeconds: -5 })).toThrow(/replicaLagSeconds: must be 0 or more/);
  });

  it.each<[string, Partial<RdsInstanceAlarmsProps>, ExpectedIssue[]]>([
    [
      'a free-storage threshold at the allocation',
      { freeStorageThresholdGiB: 50 },
      [{ path: 'freeStorageThresholdGiB', value: 50, message: /less than allocatedStorageGiB \(50\)/ }],
    ],
    [
      'a connections share without max_connections, and no allocation',
      { connectionsPercent: 90, allocatedStorageGiB: 0 },
      [
        { path: 'allocatedStorageGiB', value: 0, message: /whole number of GiB/ },
        { path: 'connectionsPercent', value: 90, message: /needs maxConnections/ },
      ],
    ],
    [
      'a fractional max_connections and a 0% CPU threshold',
      { maxConnections: 99.5, cpuPercent: 0 },
      [
        { path: 'cpuPercent', value: 0, message: /percentage/ },
        { path: 'maxConnections', value: 99.5, message: /a count/ },
      ],
    ],
  ])('rejects %s, naming the field', rejects(rdsInstanceAlarms, BASE, /rdsInstanceAlarms props/));
});

describe('redisNodeAlarms', () => {
  const BASE: RedisNodeAlarmsProps = {
    cacheClusterIds: ['shop-prod-001', 'shop-prod-002'],
    memoryPercent: 85,
    evictionsThreshold: 10,
    periodSeconds: 60,
    evaluationPeriods: 5,
    ...NOTIFY,
  };

  it('watches memory use (Average, percent) and evictions (Sum, notBreaching) of every node, in node order', () => {
    const alarms = redisNodeAlarms(BASE);
    expect(alarms.map((node) => node.cacheClusterId)).toEqual(['shop-prod-001', 'shop-prod-002']);
    expect(alarms[1]).toStrictEqual({
      cacheClusterId: 'shop-prod-002',
      memory: {
        alarmName: 'shop-prod-002-memory',
        description: 'Redis node shop-prod-002 memory use above 85%',
        namespace: 'AWS/ElastiCache',
        metricName: 'DatabaseMemoryUsagePercentage',
        dimensions: { CacheClusterId: 'shop-prod-002' },
        statistic: 'Average',
        comparison: '>',
        threshold: 85,
        percentMetric: true,
        periodSeconds: 60,
        evaluationPeriods: 5,
        ...NOTIFY,
      },
      evictions: {
        alarmName: 'shop-prod-002-evictions',
        description: 'Redis node shop-prod-002 evicting keys (more than 10)',
        namespace: 'AWS/ElastiCache',
        metricName: 'Evictions',
        dimensions: { CacheClusterId: 'shop-prod-002' },
        statistic: 'Sum',
        comparison: '>',
        threshold: 10,
        treatMissingData: 'notBreaching',
        periodSeconds: 60,
        evaluationPeriods: 5,
        ...NOTIFY,
      },
    });
  });

  it('names alarms with the given function', () => {
    const alarms = redisNodeAlarms({ ...BASE, alarmName: (id, kind) => `cache/${id}/${kind}` });
    expect(alarms[0]!.evictions.alarmName).toBe('cache/shop-prod-001/evictions');
  });

  it.each<[string, Partial<RedisNodeAlarmsProps>, ExpectedIssue[]]>([
    ['no node', { cacheClusterIds: [] }, [{ path: 'cacheClusterIds', value: [], message: /at least one node/ }]],
    [
      'a blank node id, a 0% memory threshold, a negative eviction count',
      { cacheClusterIds: ['shop-prod-001', ''], memoryPercent: 0, evictionsThreshold: -1 },
      [
        { path: 'cacheClusterIds[1]', value: '', message: /non-empty/ },
        { path: 'memoryPercent', value: 0, message: /percentage/ },
        { path: 'evictionsThreshold', value: -1, message: /a count ≥ 0/ },
      ],
    ],
  ])('rejects %s, naming the field', rejects(redisNodeAlarms, BASE, /redisNodeAlarms props/));
});

describe('alarm sets in a stack', () => {
  it('make alarms MetricAlarm accepts, at the construct ids the caller chooses (no extra path level)', () => {
    const stack = testStack();
    const tg = targetGroupAlarms({
      namePrefix: 'shop',
      loadBalancerArnSuffix: LB,
      targetGroupArnSuffix: TG,
      unhealthyTargetsThreshold: 0,
      responseTimeSeconds: 1,
      evaluationPeriods: 2,
      ...NOTIFY,
    });
    new MetricAlarm(stack, 'unhealthy-targets-alarm', tg.unhealthyTargets);
    new MetricAlarm(stack, 'response-time-alarm', tg.responseTime);
    for (const [kind, props] of Object.entries(
      ecsServiceAlarms({
        namePrefix: 'shop-api',
        clusterName: 'shop',
        serviceName: 'shop-api',
        cpuPercent: 80,
        memoryPercent: 80,
        evaluationPeriods: 2,
      }),
    )) {
      new MetricAlarm(stack, `api-${kind}-alarm`, props);
    }
    for (const [kind, props] of Object.entries(
      rdsInstanceAlarms({
        instanceIdentifier: 'shop',
        allocatedStorageGiB: 20,
        maxConnections: 112,
        evaluationPeriods: 2,
      }),
    )) {
      new MetricAlarm(stack, `database-${kind}-alarm`, props as MetricAlarmProps);
    }
    redisNodeAlarms({
      cacheClusterIds: ['shop-001'],
      memoryPercent: 90,
      evictionsThreshold: 0,
      evaluationPeriods: 2,
    }).forEach((node, index) => {
      new MetricAlarm(stack, `redis-memory-alarm-${index}`, node.memory);
      new MetricAlarm(stack, `redis-evictions-alarm-${index}`, node.evictions);
    });
    const t = Template.fromStack(stack);
    expect(t.count('aws_cloudwatch_metric_alarm')).toBe(9);
    expect(t.resource('aws_cloudwatch_metric_alarm', 'response-time-alarm/alarm')).toMatchObject({
      alarm_name: 'shop-alb-target-response-time',
      metric_name: 'TargetResponseTime',
      treat_missing_data: 'notBreaching',
      alarm_actions: [TOPIC],
    });
    expect(t.resource('aws_cloudwatch_metric_alarm', 'database-freeStorage-alarm/alarm')).toMatchObject({
      comparison_operator: 'LessThanThreshold',
      statistic: 'Minimum',
      threshold: 2 * GIB,
    });
    expect(t.resource('aws_cloudwatch_metric_alarm', 'redis-evictions-alarm-0/alarm')).toMatchObject({
      alarm_name: 'shop-001-evictions',
      statistic: 'Sum',
    });
  });
});

/**
 * Today's alarms of the two blueprints, copied literally from src/blueprints/ec2-web.ts (createAlarms) and
 * src/blueprints/ecs-fullstack.ts (`this.alarms = …`) with the blueprints' values as parameters: the sets must return
 * exactly these props for the same inputs.
 */
describe("reproduces the blueprints' alarms exactly", () => {
  const alarmTopic = { topicArn: TOPIC };

  describe('ec2-web (createAlarms)', () => {
    const prefix = 'web-dev';
    const loadBalancer = { arnSuffix: LB, targetGroupArnSuffixes: { backend: TG } };
    const cache = { memberClusterIds: ['web-dev-001', 'web-dev-002'] };
    const monitoring = {
      responseTimeSeconds: 1,
      redisMemoryPercent: 90,
      redisEvictionsThreshold: 0,
      unhealthyHostsThreshold: 0,
      periodSeconds: 60,
      evaluationPeriods: 2,
    };

    // --- copied from ec2-web.ts (`new MetricAlarm(this, id, props)` → `[id, props]`, `this.` dropped) ---
    const actions = { alarmActions: [alarmTopic.topicArn], okActions: [alarmTopic.topicArn] };
    const timing = { periodSeconds: monitoring.periodSeconds, evaluationPeriods: monitoring.evaluationPeriods };
    const targetGroup = {
      LoadBalancer: loadBalancer.arnSuffix,
      TargetGroup: loadBalancer.targetGroupArnSuffixes.backend!,
    };
    const today: Array<[string, MetricAlarmProps]> = [
      [
        'unhealthy-targets-alarm',
        {
          alarmName: `${prefix}-alb-unhealthy-targets`,
          description: `Backend targets failing the ALB health check (more than ${monitoring.unhealthyHostsThreshold})`,
          namespace: 'AWS/ApplicationELB',
          metricName: 'UnHealthyHostCount',
          dimensions: targetGroup,
          statistic: 'Maximum',
          comparison: '>',
          threshold: monitoring.unhealthyHostsThreshold,
          ...timing,
          ...actions,
        },
      ],
      [
        'response-time-alarm',
        {
          alarmName: `${prefix}-alb-target-response-time`,
          description: `Average backend response time above ${monitoring.responseTimeSeconds} s`,
          namespace: 'AWS/ApplicationELB',
          metricName: 'TargetResponseTime',
          dimensions: { LoadBalancer: loadBalancer.arnSuffix },
          statistic: 'Average',
          comparison: '>',
          threshold: monitoring.responseTimeSeconds,
          treatMissingData: 'notBreaching',
          ...timing,
          ...actions,
        },
      ],
    ];
    for (const [index, cacheClusterId] of cache.memberClusterIds.entries()) {
      today.push(
        [
          `redis-memory-alarm-${index}`,
          {
            alarmName: `${cacheClusterId}-memory`,
            description: `Redis node ${cacheClusterId} memory use above ${monitoring.redisMemoryPercent}%`,
            namespace: 'AWS/ElastiCache',
            metricName: 'DatabaseMemoryUsagePercentage',
            dimensions: { CacheClusterId: cacheClusterId },
            statistic: 'Average',
            comparison: '>',
            threshold: monitoring.redisMemoryPercent,
            percentMetric: true,
            ...timing,
            ...actions,
          },
        ],
        [
          `redis-evictions-alarm-${index}`,
          {
            alarmName: `${cacheClusterId}-evictions`,
            description: `Redis node ${cacheClusterId} evicting keys (more than ${monitoring.redisEvictionsThreshold})`,
            namespace: 'AWS/ElastiCache',
            metricName: 'Evictions',
            dimensions: { CacheClusterId: cacheClusterId },
            statistic: 'Sum',
            comparison: '>',
            threshold: monitoring.redisEvictionsThreshold,
            treatMissingData: 'notBreaching',
            ...timing,
            ...actions,
          },
        ],
      );
    }
    // --- end of the copy ---

    /** The wiring ec2-web will use, construct ids and order included. */
    const built = (): Array<[string, MetricAlarmProps]> => {
      const alb = targetGroupAlarms({
        namePrefix: prefix,
        loadBalancerArnSuffix: loadBalancer.arnSuffix,
        targetGroupArnSuffix: loadBalancer.targetGroupArnSuffixes.backend!,
        label: 'backend',
        unhealthyTargetsThreshold: monitoring.unhealthyHostsThreshold,
        responseTimeSeconds: monitoring.responseTimeSeconds,
        responseTimeScope: 'load-balancer',
        ...timing,
        ...actions,
      });
      const redis = redisNodeAlarms({
        cacheClusterIds: cache.memberClusterIds,
        memoryPercent: monitoring.redisMemoryPercent,
        evictionsThreshold: monitoring.redisEvictionsThreshold,
        ...timing,
        ...actions,
      });
      return [
        ['unhealthy-targets-alarm', alb.unhealthyTargets],
        ['response-time-alarm', alb.responseTime],
        ...redis.flatMap(
          (node, index): Array<[string, MetricAlarmProps]> => [
            [`redis-memory-alarm-${index}`, node.memory],
            [`redis-evictions-alarm-${index}`, node.evictions],
          ],
        ),
      ];
    };

    it('targetGroupAlarms + redisNodeAlarms give the same ids, order and props', () => {
      expect(built()).toStrictEqual(today);
      expect(today).toHaveLength(6);
    });
  });

  describe('ecs-fullstack (this.alarms)', () => {
    const prefix = 'app-prod';
    const serviceNames = ['frontend', 'backend'] as const;
    const config = {
      monitoring: { cpuAlarmPercent: 80, memoryAlarmPercent: 75, periodSeconds: 300, evaluationPeriods: 2 },
    };
    const cluster = { clusterName: 'app-prod' };
    const services = { frontend: { serviceName: 'app-prod-frontend' }, backend: { serviceName: 'app-prod-backend' } };

    // --- copied from ecs-fullstack.ts (`new MetricAlarm(this, id, props)` → `[id, props]`, `this.` dropped) ---
    const today = serviceNames.flatMap((name) =>
      (
        [
          ['cpu', 'CPUUtilization', config.monitoring.cpuAlarmPercent],
          ['memory', 'MemoryUtilization', config.monitoring.memoryAlarmPercent],
        ] as const
      ).map(([kind, metricName, threshold]): [string, MetricAlarmProps] => [
        `${name}-${kind}-alarm`,
        {
          alarmName: `${prefix}-${name}-${kind}-high`,
          description: `${name} service average ${kind} above ${threshold}% for ${config.monitoring.evaluationPeriods} periods`,
          namespace: 'AWS/ECS',
          metricName,
          dimensions: { ClusterName: cluster.clusterName, ServiceName: services[name].serviceName },
          statistic: 'Average',
          comparison: '>',
          threshold,
          percentMetric: true,
          periodSeconds: config.monitoring.periodSeconds,
          evaluationPeriods: config.monitoring.evaluationPeriods,
          alarmActions: [alarmTopic.topicArn],
          okActions: [alarmTopic.topicArn],
        },
      ]),
    );
    // --- end of the copy ---

    /** The wiring ecs-fullstack will use, construct ids and order included. */
    const built = serviceNames.flatMap((name) =>
      Object.entries(
        ecsServiceAlarms({
          namePrefix: `${prefix}-${name}`,
          label: name,
          clusterName: cluster.clusterName,
          serviceName: services[name].serviceName,
          cpuPercent: config.monitoring.cpuAlarmPercent,
          memoryPercent: config.monitoring.memoryAlarmPercent,
          periodSeconds: config.monitoring.periodSeconds,
          evaluationPeriods: config.monitoring.evaluationPeriods,
          alarmActions: [alarmTopic.topicArn],
          okActions: [alarmTopic.topicArn],
        }),
      ).map(([kind, props]): [string, MetricAlarmProps] => [`${name}-${kind}-alarm`, props]),
    );

    it('ecsServiceAlarms per service gives the same ids, order and props', () => {
      expect(built).toStrictEqual(today);
      expect(built.map(([id]) => id)).toEqual([
        'frontend-cpu-alarm',
        'frontend-memory-alarm',
        'backend-cpu-alarm',
        'backend-memory-alarm',
      ]);
    });
  });
});
