/**
 * The serverless alarm sets: each alarm's namespace, metric, dimensions, statistic, comparison and threshold (the
 * serverless cache's compute and memory alarms against its ECPU and storage limits), and their input validation.
 */
import { ValidationError } from '../../modules/core/validation';
import {
  auroraClusterAlarms,
  httpApiAlarms,
  lambdaFunctionAlarms,
  serverlessCacheAlarms,
} from '../../modules/observability';

const TOPIC = 'arn:aws:sns:us-east-1:123456789012:alarms';
const COMMON = { periodSeconds: 300, evaluationPeriods: 2, alarmActions: [TOPIC], okActions: [TOPIC] };
const shape = (alarm: Record<string, unknown>) => ({
  namespace: alarm.namespace,
  metricName: alarm.metricName,
  dimensions: alarm.dimensions,
  statistic: alarm.statistic,
  extendedStatistic: alarm.extendedStatistic,
  comparison: alarm.comparison,
  threshold: alarm.threshold,
});

it('httpApiAlarms: 5xx (Sum) and p95 latency (ms) of the API stage', () => {
  const alarms = httpApiAlarms({
    namePrefix: 'app',
    apiId: 'abc123',
    stage: 'staging',
    serverErrorsThreshold: 5,
    latencyMilliseconds: 2000,
    latencyPercentile: 95,
    ...COMMON,
  });
  expect(shape(alarms.serverErrors as never)).toEqual({
    namespace: 'AWS/ApiGateway',
    metricName: '5xx',
    dimensions: { ApiId: 'abc123', Stage: 'staging' },
    statistic: 'Sum',
    extendedStatistic: undefined,
    comparison: '>',
    threshold: 5,
  });
  expect(shape(alarms.latency as never)).toEqual({
    namespace: 'AWS/ApiGateway',
    metricName: 'Latency',
    dimensions: { ApiId: 'abc123', Stage: 'staging' },
    statistic: undefined,
    extendedStatistic: 'p95',
    comparison: '>',
    threshold: 2000,
  });
  expect(alarms.serverErrors).toMatchObject({ alarmName: 'app-api-5xx', periodSeconds: 300, evaluationPeriods: 2 });
});

it('lambdaFunctionAlarms: Errors and Throttles (Sum) of the function', () => {
  const alarms = lambdaFunctionAlarms({
    namePrefix: 'app',
    functionName: 'app-api',
    errorsThreshold: 5,
    throttlesThreshold: 0,
    ...COMMON,
  });
  expect([alarms.errors, alarms.throttles].map((alarm) => shape(alarm as never))).toEqual(
    [
      ['Errors', 5],
      ['Throttles', 0],
    ].map(([metricName, threshold]) => ({
      namespace: 'AWS/Lambda',
      metricName,
      dimensions: { FunctionName: 'app-api' },
      statistic: 'Sum',
      extendedStatistic: undefined,
      comparison: '>',
      threshold,
    })),
  );
});

it('auroraClusterAlarms: connections (Maximum) and CPU (Average, %) of the cluster', () => {
  const alarms = auroraClusterAlarms({
    namePrefix: 'app',
    clusterIdentifier: 'app-db',
    connectionsThreshold: 200,
    cpuPercent: 80,
    ...COMMON,
  });
  expect(shape(alarms.connections as never)).toMatchObject({
    namespace: 'AWS/RDS',
    metricName: 'DatabaseConnections',
    dimensions: { DBClusterIdentifier: 'app-db' },
    statistic: 'Maximum',
    threshold: 200,
  });
  expect(shape(alarms.cpu as never)).toMatchObject({
    namespace: 'AWS/RDS',
    metricName: 'CPUUtilization',
    dimensions: { DBClusterIdentifier: 'app-db' },
    statistic: 'Average',
    threshold: 80,
  });
  expect(alarms.cpu.percentMetric).toBe(true);
});

it('serverlessCacheAlarms: ECPUs against the ECPU/s limit × period, bytes against the storage limit', () => {
  const alarms = serverlessCacheAlarms({
    namePrefix: 'app',
    cacheName: 'app-cache',
    ecpuPerSecondLimit: 5000,
    computePercent: 80,
    dataStorageLimitGb: 10,
    memoryPercent: 80,
    ...COMMON,
  });
  // 80% of 5000 ECPU/s over a 300 s period; 80% of 10 GB.
  expect(shape(alarms.compute as never)).toEqual({
    namespace: 'AWS/ElastiCache',
    metricName: 'ElastiCacheProcessingUnits',
    dimensions: { clusterId: 'app-cache' },
    statistic: 'Sum',
    extendedStatistic: undefined,
    comparison: '>',
    threshold: 1_200_000,
  });
  expect(shape(alarms.memory as never)).toEqual({
    namespace: 'AWS/ElastiCache',
    metricName: 'BytesUsedForCache',
    dimensions: { clusterId: 'app-cache' },
    statistic: 'Maximum',
    extendedStatistic: undefined,
    comparison: '>',
    threshold: 8_000_000_000,
  });
});

it.each([
  [
    'a cache alarm above 100%',
    () =>
      serverlessCacheAlarms({
        namePrefix: 'a',
        cacheName: 'c',
        ecpuPerSecondLimit: 5000,
        computePercent: 120,
        dataStorageLimitGb: 10,
        memoryPercent: 80,
        evaluationPeriods: 1,
      }),
    'computePercent',
  ],
  [
    'a negative 5xx threshold',
    () =>
      httpApiAlarms({
        namePrefix: 'a',
        apiId: 'x',
        stage: 's',
        serverErrorsThreshold: -1,
        latencyMilliseconds: 100,
        evaluationPeriods: 1,
      }),
    'serverErrorsThreshold',
  ],
  [
    'a 0% Aurora CPU',
    () =>
      auroraClusterAlarms({
        namePrefix: 'a',
        clusterIdentifier: 'c',
        connectionsThreshold: 1,
        cpuPercent: 0,
        evaluationPeriods: 1,
      }),
    'cpuPercent',
  ],
])('rejects %s, naming the field', (_label, build, path) => {
  let error: unknown;
  try {
    build();
  } catch (thrown) {
    error = thrown;
  }
  expect(error).toBeInstanceOf(ValidationError);
  expect((error as ValidationError).issues.map((issue) => issue.path)).toEqual([path]);
});
