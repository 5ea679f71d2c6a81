/**
 * One CloudWatch alarm on a metric-math expression over a few metrics (an error rate: errors / requests × 100), with
 * the same readable comparisons and synth-time checks as {@link MetricAlarm}: the alarm rule (periods, evaluation
 * range, M-of-N datapoints, thresholds, actions), and for the expression its metric ids, that every metric is used by
 * it, and each metric's namespace, name, dimensions and statistic.
 *
 * Every metric is queried over the alarm's period; only the expression returns data (`return_data`), which is what
 * CloudWatch compares with the threshold.
 */
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Construct } from 'constructs';
import { checkText, isToken } from '../core/checks';
import { assertNoIssues, joinPath, type ValidationIssue } from '../core/validation';
import { checkDimensions, checkStatistic } from './checks';
import {
  alarmActionArguments,
  checkMetricUnit,
  COMPARISON_OPERATORS,
  validateAlarmRuleProps,
  type AlarmRuleProps,
  type MetricUnit,
} from './metric-alarm';

/** A metric the expression reads, by the id the expression names it with. */
export interface MathAlarmMetric {
  /** Metric namespace, e.g. `AWS/ApplicationELB`. Required. */
  readonly namespace: string;
  /** Metric name, e.g. `RequestCount`. Required. */
  readonly metricName: string;
  /** Metric dimensions; values may be tokens. Default: none. */
  readonly dimensions?: Readonly<Record<string, string>>;
  /** Statistic over each period: a standard one (`Sum`) or an extended one (`p95`). Required. */
  readonly statistic: string;
  /** Unit of the data to read; only when the metric is published with it. Default: none (any unit). */
  readonly unit?: MetricUnit;
}

export interface MetricMathAlarmProps extends Omit<AlarmRuleProps, 'percentMetric'> {
  /**
   * The expression the alarm compares with its threshold, over the ids of `metrics`, e.g.
   * `100 * FILL(errors, 0) / requests`. At most 1024 characters. Required.
   */
  readonly expression: string;
  /** The expression's label on graphs and in notifications. Default: the alarm's description. */
  readonly expressionLabel?: string;
  /**
   * The expression's own id, unique among the metric ids (a lowercase letter, then letters, digits and `_`).
   * Default: `e1`.
   */
  readonly expressionId?: string;
  /**
   * The metrics the expression reads, by id (a lowercase letter, then letters, digits and `_`); every one must appear
   * in the expression. Required, 1 to 10.
   */
  readonly metrics: Readonly<Record<string, MathAlarmMetric>>;
  /** The expression is a percentage: the threshold must be 0 or more and below 100. Default: false. */
  readonly percentExpression?: boolean;
  /** Run the actions on state changes. Default: true. */
  readonly actionsEnabled?: boolean;
  /** Tags on the alarm, beside the provider's default tags. Default: none. */
  readonly tags?: Readonly<Record<string, string>>;
}

/** CloudWatch's metric-query ids: a lowercase letter, then letters, digits and underscores. */
const QUERY_ID = /^[a-z][A-Za-z0-9_]{0,254}$/;
/** Metrics of one metric-math alarm; CloudWatch takes at most 10 metric queries in an alarm. */
const MAX_ALARM_METRICS = 10;

export class MetricMathAlarm extends Construct {
  readonly alarm: CloudwatchMetricAlarm;
  readonly alarmArn: string;
  readonly alarmName: string;

  constructor(scope: Construct, id: string, props: MetricMathAlarmProps) {
    super(scope, id);
    assertNoIssues(`MetricMathAlarm "${this.node.path}" props`, validateMetricMathAlarmProps(props));
    const period = props.periodSeconds ?? 60;
    this.alarm = new CloudwatchMetricAlarm(this, 'alarm', {
      alarmName: props.alarmName,
      alarmDescription: props.description,
      comparisonOperator: COMPARISON_OPERATORS[props.comparison],
      threshold: props.threshold,
      evaluationPeriods: props.evaluationPeriods,
      datapointsToAlarm: props.datapointsToAlarm ?? props.evaluationPeriods,
      treatMissingData: props.treatMissingData ?? 'missing',
      metricQuery: [
        ...Object.entries(props.metrics).map(([metricId, metric]) => ({
          id: metricId,
          returnData: false,
          metric: {
            namespace: metric.namespace,
            metricName: metric.metricName,
            dimensions: metric.dimensions ? { ...metric.dimensions } : undefined,
            stat: metric.statistic,
            period,
            unit: metric.unit,
          },
        })),
        {
          id: props.expressionId ?? 'e1',
          expression: props.expression,
          label: props.expressionLabel ?? props.description,
          returnData: true,
        },
      ],
      ...alarmActionArguments(props),
    });
    this.alarmArn = this.alarm.arn;
    this.alarmName = this.alarm.alarmName;
  }
}

/** Every rule the constructor enforces. */
export function validateMetricMathAlarmProps(props: MetricMathAlarmProps): ValidationIssue[] {
  const expressionIssues = checkText('expression', props.expression, 1024);
  const issues: ValidationIssue[] = [...validateAlarmRuleProps(props), ...expressionIssues];
  if (props.expressionLabel !== undefined) issues.push(...checkText('expressionLabel', props.expressionLabel, 1024));
  const expressionId = props.expressionId ?? 'e1';
  if (!QUERY_ID.test(expressionId)) {
    issues.push({ path: 'expressionId', value: expressionId, message: queryIdMessage });
  }
  if (
    props.percentExpression &&
    typeof props.threshold === 'number' &&
    !(props.threshold >= 0 && props.threshold < 100)
  ) {
    const message = 'is a percentage (percentExpression: true) and must be 0 or more and below 100';
    issues.push({ path: 'threshold', value: props.threshold, message });
  }

  const entries = Object.entries(props.metrics ?? {});
  if (entries.length === 0 || entries.length > MAX_ALARM_METRICS) {
    const message = `must hold 1 to ${MAX_ALARM_METRICS} metrics (CloudWatch's limit for an alarm)`;
    issues.push({ path: 'metrics', value: props.metrics, message });
  }
  // Which metrics the expression uses, when it is a valid literal.
  const expression = expressionIssues.length === 0 && !isToken(props.expression) ? props.expression : undefined;
  for (const [metricId, metric] of entries) {
    const path = joinPath('metrics', metricId);
    if (!QUERY_ID.test(metricId)) issues.push({ path, value: metricId, message: queryIdMessage });
    else if (metricId === expressionId) {
      issues.push({ path, value: metricId, message: `is the expression's own id (expressionId "${expressionId}")` });
    } else if (expression !== undefined && !new RegExp(`\\b${metricId}\\b`).test(expression)) {
      issues.push({ path, value: metricId, message: `is not used by the expression "${expression}"` });
    }
    issues.push(
      ...checkText(joinPath(path, 'namespace'), metric.namespace, 255),
      ...checkText(joinPath(path, 'metricName'), metric.metricName, 255),
      ...checkDimensions(joinPath(path, 'dimensions'), metric.dimensions ?? {}),
      ...checkStatistic(joinPath(path, 'statistic'), metric.statistic),
      ...(metric.unit === undefined ? [] : checkMetricUnit(joinPath(path, 'unit'), metric.unit)),
    );
  }
  return issues;
}

const queryIdMessage = 'must be a lowercase letter followed by letters, digits or underscores (a metric-query id)';
