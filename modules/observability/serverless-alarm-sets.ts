/**
 * The standard alarms of serverless resources, as pure functions returning {@link MetricAlarmProps} (the caller
 * creates each `MetricAlarm`, as with the alarm sets in ./alarm-sets.ts):
 *
 * | function                | alarm (key)     | metric, statistic, comparison                                   | dimensions        |
 * | ----------------------- | --------------- | --------------------------------------------------------------- | ----------------- |
 * | `httpApiAlarms`         | `serverErrors`  | AWS/ApiGateway `5xx`, Sum, `>`                                  | ApiId, Stage      |
 * |                         | `latency`       | AWS/ApiGateway `Latency` (ms), pN or Average, `>`               | ApiId, Stage      |
 * | `lambdaFunctionAlarms`  | `errors`        | AWS/Lambda `Errors`, Sum, `>`                                   | FunctionName      |
 * |                         | `throttles`     | AWS/Lambda `Throttles`, Sum, `>`                                | FunctionName      |
 * | `auroraClusterAlarms`   | `connections`   | AWS/RDS `DatabaseConnections`, Maximum, `>`                     | DBClusterIdentifier |
 * |                         | `cpu`           | AWS/RDS `CPUUtilization`, Average, `>` (%)                      | DBClusterIdentifier |
 * | `serverlessCacheAlarms` | `compute`       | AWS/ElastiCache `ElastiCacheProcessingUnits`, Sum, `>` a share  | clusterId         |
 * |                         |                 | of the ECPU/s limit × the period                                |                   |
 * |                         | `memory`        | AWS/ElastiCache `BytesUsedForCache`, Maximum, `>` a share of    | clusterId         |
 * |                         |                 | the storage limit (GB = 10^9 bytes)                             |                   |
 *
 * A serverless cache has no host: `CPUUtilization`/`EngineCPUUtilization` and `DatabaseMemoryUsagePercentage` do not
 * exist for it. Its compute is the ECPUs it consumes (ElastiCache publishes the count per minute; the period's Sum
 * over the period's seconds is the rate the ECPU/s limit caps), its memory the bytes it stores (capped by the data
 * storage limit). Periods with no requests or no data publish nothing: missing data is not breaching there.
 */
import { checkText } from '../core/checks';
import { assertNoIssues, type ValidationIssue } from '../core/validation';
import {
  alarmSetCommonProps,
  checkAlarmCountThreshold,
  checkAlarmPercent,
  checkAlarmPercentile,
  checkAlarmSetCommon,
  checkAlarmThresholdAbove0,
  type AlarmSetCommonProps,
} from './alarm-sets';
import type { MetricAlarmProps } from './metric-alarm';

/** Bytes in one GB as ElastiCache's storage limits count them (decimal: the alarm fires early rather than late). */
export const BYTES_PER_GB = 1_000_000_000;

// --- HTTP API ---

export interface HttpApiAlarmsProps extends AlarmSetCommonProps {
  /** Start of the alarm names: `<namePrefix>-api-5xx`, `<namePrefix>-api-latency`. Required. */
  readonly namePrefix: string;
  /** The API's id: the `ApiId` dimension. Required. */
  readonly apiId: string;
  /** The stage's name: the `Stage` dimension. Required. */
  readonly stage: string;
  /** Alarm when more than this many requests end in 5xx in a period (Sum); 0 = any. Required. */
  readonly serverErrorsThreshold: number;
  /** Alarm when the latency (the percentile below, or the average) is above this many milliseconds. Required. */
  readonly latencyMilliseconds: number;
  /** Watch this percentile of the latency (`p<N>`). Default: none (the average). */
  readonly latencyPercentile?: number;
}

export interface HttpApiAlarms {
  readonly serverErrors: MetricAlarmProps;
  readonly latency: MetricAlarmProps;
}

/** 5xx responses and latency of one HTTP API stage. */
export function httpApiAlarms(props: HttpApiAlarmsProps): HttpApiAlarms {
  assertNoIssues('httpApiAlarms props', validateHttpApiAlarmsProps(props));
  const dimensions = { ApiId: props.apiId, Stage: props.stage };
  const percentile = props.latencyPercentile;
  return {
    serverErrors: {
      alarmName: `${props.namePrefix}-api-5xx`,
      description: `HTTP API ${props.stage}: more than ${props.serverErrorsThreshold} responses with a 5xx status in a period`,
      namespace: 'AWS/ApiGateway',
      metricName: '5xx',
      dimensions,
      statistic: 'Sum',
      comparison: '>',
      threshold: props.serverErrorsThreshold,
      treatMissingData: 'notBreaching',
      ...alarmSetCommonProps(props),
    },
    latency: {
      alarmName: `${props.namePrefix}-api-latency`,
      description: `HTTP API ${props.stage}: ${percentile === undefined ? 'average' : `p${percentile}`} latency above ${props.latencyMilliseconds} ms`,
      namespace: 'AWS/ApiGateway',
      metricName: 'Latency',
      dimensions,
      ...(percentile === undefined ? { statistic: 'Average' as const } : { extendedStatistic: `p${percentile}` }),
      comparison: '>',
      threshold: props.latencyMilliseconds,
      treatMissingData: 'notBreaching',
      ...alarmSetCommonProps(props),
    },
  };
}

export function validateHttpApiAlarmsProps(props: HttpApiAlarmsProps): ValidationIssue[] {
  return [
    ...checkText('namePrefix', props.namePrefix, 200),
    ...checkText('apiId', props.apiId, 1024),
    ...checkText('stage', props.stage, 1024),
    ...checkAlarmCountThreshold('serverErrorsThreshold', props.serverErrorsThreshold),
    ...checkAlarmThresholdAbove0('latencyMilliseconds', props.latencyMilliseconds),
    ...(props.latencyPercentile === undefined
      ? []
      : checkAlarmPercentile('latencyPercentile', props.latencyPercentile)),
    ...checkAlarmSetCommon(props),
  ];
}

// --- Lambda function ---

export interface LambdaFunctionAlarmsProps extends AlarmSetCommonProps {
  /** Start of the alarm names: `<namePrefix>-lambda-errors`, `<namePrefix>-lambda-throttles`. Required. */
  readonly namePrefix: string;
  /** The function's name: the `FunctionName` dimension. Required. */
  readonly functionName: string;
  /** Alarm when more than this many invocations fail in a period (Sum); 0 = any. Required. */
  readonly errorsThreshold: number;
  /** Alarm when more than this many invocations are throttled in a period (Sum); 0 = any. Required. */
  readonly throttlesThreshold: number;
}

export interface LambdaFunctionAlarms {
  readonly errors: MetricAlarmProps;
  readonly throttles: MetricAlarmProps;
}

/** Failed and throttled invocations of one function. */
export function lambdaFunctionAlarms(props: LambdaFunctionAlarmsProps): LambdaFunctionAlarms {
  assertNoIssues('lambdaFunctionAlarms props', validateLambdaFunctionAlarmsProps(props));
  const alarm = (kind: 'errors' | 'throttles', metricName: string, threshold: number, what: string) => ({
    alarmName: `${props.namePrefix}-lambda-${kind}`,
    description: `Lambda ${props.functionName}: more than ${threshold} ${what} in a period`,
    namespace: 'AWS/Lambda',
    metricName,
    dimensions: { FunctionName: props.functionName },
    statistic: 'Sum' as const,
    comparison: '>' as const,
    threshold,
    // No invocations, no datapoint.
    treatMissingData: 'notBreaching' as const,
    ...alarmSetCommonProps(props),
  });
  return {
    errors: alarm('errors', 'Errors', props.errorsThreshold, 'failed invocations'),
    throttles: alarm('throttles', 'Throttles', props.throttlesThreshold, 'throttled invocations'),
  };
}

export function validateLambdaFunctionAlarmsProps(props: LambdaFunctionAlarmsProps): ValidationIssue[] {
  return [
    ...checkText('namePrefix', props.namePrefix, 200),
    ...checkText('functionName', props.functionName, 1024),
    ...checkAlarmCountThreshold('errorsThreshold', props.errorsThreshold),
    ...checkAlarmCountThreshold('throttlesThreshold', props.throttlesThreshold),
    ...checkAlarmSetCommon(props),
  ];
}

// --- Aurora cluster ---

export interface AuroraClusterAlarmsProps extends AlarmSetCommonProps {
  /** Start of the alarm names: `<namePrefix>-aurora-connections`, `<namePrefix>-aurora-cpu`. Required. */
  readonly namePrefix: string;
  /** The cluster's identifier: the `DBClusterIdentifier` dimension. Required. */
  readonly clusterIdentifier: string;
  /** Alarm when the connections (the period's Maximum) exceed this. Required. */
  readonly connectionsThreshold: number;
  /** Alarm when the cluster's average CPU is above this percentage (0-100]. Required. */
  readonly cpuPercent: number;
}

export interface AuroraClusterAlarms {
  readonly connections: MetricAlarmProps;
  readonly cpu: MetricAlarmProps;
}

/** Connections and CPU of one Aurora cluster (its instances together). */
export function auroraClusterAlarms(props: AuroraClusterAlarmsProps): AuroraClusterAlarms {
  assertNoIssues('auroraClusterAlarms props', validateAuroraClusterAlarmsProps(props));
  const dimensions = { DBClusterIdentifier: props.clusterIdentifier };
  return {
    connections: {
      alarmName: `${props.namePrefix}-aurora-connections`,
      description: `Aurora ${props.clusterIdentifier}: more than ${props.connectionsThreshold} connections`,
      namespace: 'AWS/RDS',
      metricName: 'DatabaseConnections',
      dimensions,
      statistic: 'Maximum',
      comparison: '>',
      threshold: props.connectionsThreshold,
      ...alarmSetCommonProps(props),
    },
    cpu: {
      alarmName: `${props.namePrefix}-aurora-cpu`,
      description: `Aurora ${props.clusterIdentifier}: average CPU above ${props.cpuPercent}%`,
      namespace: 'AWS/RDS',
      metricName: 'CPUUtilization',
      dimensions,
      statistic: 'Average',
      comparison: '>',
      threshold: props.cpuPercent,
      percentMetric: true,
      ...alarmSetCommonProps(props),
    },
  };
}

export function validateAuroraClusterAlarmsProps(props: AuroraClusterAlarmsProps): ValidationIssue[] {
  return [
    ...checkText('namePrefix', props.namePrefix, 200),
    ...checkText('clusterIdentifier', props.clusterIdentifier, 1024),
    ...checkAlarmCountThreshold('connectionsThreshold', props.connectionsThreshold),
    ...checkAlarmPercent('cpuPercent', props.cpuPercent),
    ...checkAlarmSetCommon(props),
  ];
}

// --- ElastiCache Serverless ---

export interface ServerlessCacheAlarmsProps extends AlarmSetCommonProps {
  /** Start of the alarm names: `<namePrefix>-cache-compute`, `<namePrefix>-cache-memory`. Required. */
  readonly namePrefix: string;
  /** The cache's name: the `clusterId` dimension. Required. */
  readonly cacheName: string;
  /** The cache's ECPU per second limit (its `ecpuPerSecond.maximum`). Required. */
  readonly ecpuPerSecondLimit: number;
  /** Alarm when the ECPUs consumed exceed this share (0-100] of the limit over a period. Required. */
  readonly computePercent: number;
  /** The cache's data storage limit in GB (its `dataStorageGb.maximumGb`). Required. */
  readonly dataStorageLimitGb: number;
  /** Alarm when the data stored exceeds this share (0-100] of the limit. Required. */
  readonly memoryPercent: number;
}

export interface ServerlessCacheAlarms {
  readonly compute: MetricAlarmProps;
  readonly memory: MetricAlarmProps;
}

/**
 * Compute and memory of one ElastiCache Serverless cache, each against its own limit: ECPUs consumed in a period
 * above `computePercent` of `ecpuPerSecondLimit × periodSeconds`, and bytes stored above `memoryPercent` of
 * `dataStorageLimitGb`.
 */
export function serverlessCacheAlarms(props: ServerlessCacheAlarmsProps): ServerlessCacheAlarms {
  assertNoIssues('serverlessCacheAlarms props', validateServerlessCacheAlarmsProps(props));
  const periodSeconds = props.periodSeconds ?? 60;
  const dimensions = { clusterId: props.cacheName };
  const ecpuThreshold = Math.floor((props.ecpuPerSecondLimit * periodSeconds * props.computePercent) / 100);
  const bytesThreshold = Math.floor((props.dataStorageLimitGb * BYTES_PER_GB * props.memoryPercent) / 100);
  return {
    compute: {
      alarmName: `${props.namePrefix}-cache-compute`,
      description:
        `ElastiCache Serverless ${props.cacheName}: ECPUs above ${props.computePercent}% of the ` +
        `${props.ecpuPerSecondLimit} ECPU/s limit (${ecpuThreshold} per ${periodSeconds} s); requests beyond it are throttled`,
      namespace: 'AWS/ElastiCache',
      metricName: 'ElastiCacheProcessingUnits',
      dimensions,
      statistic: 'Sum',
      comparison: '>',
      threshold: ecpuThreshold,
      treatMissingData: 'notBreaching',
      ...alarmSetCommonProps(props),
    },
    memory: {
      alarmName: `${props.namePrefix}-cache-memory`,
      description:
        `ElastiCache Serverless ${props.cacheName}: data above ${props.memoryPercent}% of the ` +
        `${props.dataStorageLimitGb} GB storage limit; writes beyond it fail`,
      namespace: 'AWS/ElastiCache',
      metricName: 'BytesUsedForCache',
      dimensions,
      statistic: 'Maximum',
      comparison: '>',
      threshold: bytesThreshold,
      treatMissingData: 'notBreaching',
      ...alarmSetCommonProps(props),
    },
  };
}

export function validateServerlessCacheAlarmsProps(props: ServerlessCacheAlarmsProps): ValidationIssue[] {
  return [
    ...checkText('namePrefix', props.namePrefix, 200),
    ...checkText('cacheName', props.cacheName, 1024),
    ...checkAlarmThresholdAbove0('ecpuPerSecondLimit', props.ecpuPerSecondLimit),
    ...checkAlarmPercent('computePercent', props.computePercent),
    ...checkAlarmThresholdAbove0('dataStorageLimitGb', props.dataStorageLimitGb),
    ...checkAlarmPercent('memoryPercent', props.memoryPercent),
    ...checkAlarmSetCommon(props),
  ];
}
