/**
 * Observability building blocks that blueprints compose from their own config:
 *
 * - `AlarmTopic`: the SNS topic alarms notify, encrypted with a customer-managed KMS key CloudWatch may use, a topic
 *   policy (CloudWatch of this account publishes; no request without TLS), and e-mail subscriptions.
 * - `MetricAlarm`: one alarm on one metric, with readable comparisons and synth-time checks of periods, evaluation
 *   ranges, M-of-N datapoints and percent thresholds. `MetricMathAlarm`: the same rule on a metric-math expression.
 * - `LogMetricFilter`: a metric counted from the lines of a log group that match a pattern (error lines).
 * - `Dashboard`: rows of metric and text widgets laid out on the 24-column grid, encoded with `jsonencode` so that
 *   dimensions can be tokens.
 * - Alarm sets (`targetGroupAlarms`, `ecsServiceAlarms`, `rdsInstanceAlarms`, `redisNodeAlarms`): the standard alarms
 *   of a resource kind as `MetricAlarmProps`, for the caller to create under construct ids of its choosing; the
 *   serverless sets (`httpApiAlarms`, `lambdaFunctionAlarms`, `auroraClusterAlarms`, `serverlessCacheAlarms`) likewise;
 *   `loadBalancerErrorRateAlarm`: a load balancer's 5xx share of requests as `MetricMathAlarmProps`.
 * - Widget sets (`loadBalancerWidgets`, `cacheNodeMetrics`): dashboard widgets and metric lines of a resource kind.
 *
 * Thresholds, names, periods and actions come from the caller (the RDS set has documented default thresholds); the
 * alarm sets choose the metric, the statistic and the comparison for a kind of resource.
 */
export * from './alarm-sets';
export * from './alarm-topic';
export * from './dashboard';
export * from './log-metric-filter';
export * from './metric-alarm';
export * from './metric-math-alarm';
export * from './serverless-alarm-sets';
export * from './widget-sets';
export { STANDARD_STATISTICS, type StandardStatistic } from './checks';
