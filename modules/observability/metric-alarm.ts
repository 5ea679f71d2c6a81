/**
 * One CloudWatch alarm on one metric, with the comparison written as `>`/`>=`/`<`/`<=` and every limit CloudWatch
 * would only enforce at apply time (period values, the evaluation range, M-of-N datapoints, percent thresholds)
 * checked at synth time.
 */
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Construct } from 'constructs';
import { checkArns, checkFiniteNumber, checkInteger, checkText, isToken } from '../core/checks';
import { assertNoIssues, type ValidationIssue } from '../core/validation';
import {
  checkDimensions,
  EXTENDED_STATISTIC_HELP,
  isExtendedStatistic,
  STANDARD_STATISTICS,
  type StandardStatistic,
} from './checks';

/** The readable comparisons and the operator names CloudWatch uses for them. */
export const COMPARISON_OPERATORS = {
  '>': 'GreaterThanThreshold',
  '>=': 'GreaterThanOrEqualToThreshold',
  '<': 'LessThanThreshold',
  '<=': 'LessThanOrEqualToThreshold',
} as const;
export type Comparison = keyof typeof COMPARISON_OPERATORS;

/** How an alarm treats periods with no data. */
export const TREAT_MISSING_DATA = ['missing', 'ignore', 'breaching', 'notBreaching'] as const;
export type TreatMissingData = (typeof TREAT_MISSING_DATA)[number];

/** The units CloudWatch knows. */
export const METRIC_UNITS = [
  'Seconds',
  'Microseconds',
  'Milliseconds',
  'Bytes',
  'Kilobytes',
  'Megabytes',
  'Gigabytes',
  'Terabytes',
  'Bits',
  'Kilobits',
  'Megabits',
  'Gigabits',
  'Terabits',
  'Percent',
  'Count',
  'Bytes/Second',
  'Kilobytes/Second',
  'Megabytes/Second',
  'Gigabytes/Second',
  'Terabytes/Second',
  'Bits/Second',
  'Kilobits/Second',
  'Megabits/Second',
  'Gigabits/Second',
  'Terabits/Second',
  'Count/Second',
  'None',
] as const;
export type MetricUnit = (typeof METRIC_UNITS)[number];

export interface MetricAlarmProps {
  /** The alarm's name, unique in the account and region, at most 255 characters. Required. */
  readonly alarmName: string;
  /** What the alarm means and what to do; it is the first line of the notification. At most 1024 characters. Required. */
  readonly description: string;
  /** Metric namespace, e.g. `AWS/ECS`. Required. */
  readonly namespace: string;
  /** Metric name, e.g. `CPUUtilization`. Required. */
  readonly metricName: string;
  /** Metric dimensions, e.g. `{ ClusterName, ServiceName }`; values may be tokens. Default: none. */
  readonly dimensions?: Readonly<Record<string, string>>;
  /** Standard statistic over each period. Leave it out when `extendedStatistic` is set. Default: `Average`. */
  readonly statistic?: StandardStatistic;
  /** A percentile or other extended statistic instead of `statistic`, e.g. `p99`. Default: none. */
  readonly extendedStatistic?: string;
  /** How the statistic is compared with the threshold: `>`, `>=`, `<` or `<=`. Required. */
  readonly comparison: Comparison;
  /** The value compared against. Required. */
  readonly threshold: number;
  /**
   * The metric is a percentage (CPUUtilization, DatabaseMemoryUsagePercentage ...): the threshold must be above 0
   * and at most 100. Default: false.
   */
  readonly percentMetric?: boolean;
  /** Length of one period: 10, 20 or 30 (high-resolution metrics only) or a multiple of 60 seconds. Default: 60. */
  readonly periodSeconds?: number;
  /**
   * Periods evaluated (the N of "M out of N"), at least 1. periodSeconds × evaluationPeriods may be at most one day,
   * or seven days when the period is an hour or longer. Required: how long a breach must last is a decision.
   */
  readonly evaluationPeriods: number;
  /** Breaching periods among evaluationPeriods that set off the alarm (the M), 1 to evaluationPeriods. Default: evaluationPeriods. */
  readonly datapointsToAlarm?: number;
  /** `missing`, `ignore`, `breaching` or `notBreaching`. Default: `missing`. */
  readonly treatMissingData?: TreatMissingData;
  /**
   * Unit of the metric data to evaluate. Only set it when the metric is published with that unit; otherwise the alarm
   * finds no data. Default: none (any unit).
   */
  readonly unit?: MetricUnit;
  /** ARNs notified or invoked on ALARM: SNS topics, scaling policies. Default: none. */
  readonly alarmActions?: readonly string[];
  /** ARNs notified on the return to OK. Default: none. */
  readonly okActions?: readonly string[];
  /** ARNs notified on INSUFFICIENT_DATA. Default: none. */
  readonly insufficientDataActions?: readonly string[];
  /** Run the actions on state changes. Default: true. */
  readonly actionsEnabled?: boolean;
  /** Tags on the alarm, beside the provider's default tags. Default: none. */
  readonly tags?: Readonly<Record<string, string>>;
}

export class MetricAlarm extends Construct {
  readonly alarm: CloudwatchMetricAlarm;
  readonly alarmArn: string;
  readonly alarmName: string;

  constructor(scope: Construct, id: string, props: MetricAlarmProps) {
    super(scope, id);
    assertNoIssues(`MetricAlarm "${this.node.path}" props`, validateMetricAlarmProps(props));
    const statistic = props.extendedStatistic === undefined ? (props.statistic ?? 'Average') : undefined;

    this.alarm = new CloudwatchMetricAlarm(this, 'alarm', {
      alarmName: props.alarmName,
      alarmDescription: props.description,
      namespace: props.namespace,
      metricName: props.metricName,
      dimensions: props.dimensions ? { ...props.dimensions } : undefined,
      statistic,
      extendedStatistic: props.extendedStatistic,
      comparisonOperator: COMPARISON_OPERATORS[props.comparison],
      threshold: props.threshold,
      period: props.periodSeconds ?? 60,
      evaluationPeriods: props.evaluationPeriods,
      datapointsToAlarm: props.datapointsToAlarm ?? props.evaluationPeriods,
      treatMissingData: props.treatMissingData ?? 'missing',
      unit: props.unit,
      ...alarmActionArguments(props),
    });
    this.alarmArn = this.alarm.arn;
    this.alarmName = this.alarm.alarmName;
  }
}

/** The actions and tags of an alarm as the resource takes them (MetricAlarm's and MetricMathAlarm's defaults). */
export function alarmActionArguments(
  props: Pick<MetricAlarmProps, 'actionsEnabled' | 'alarmActions' | 'okActions' | 'insufficientDataActions' | 'tags'>,
) {
  return {
    actionsEnabled: props.actionsEnabled ?? true,
    alarmActions: [...(props.alarmActions ?? [])],
    okActions: [...(props.okActions ?? [])],
    insufficientDataActions: [...(props.insufficientDataActions ?? [])],
    tags: props.tags ? { ...props.tags } : undefined,
  };
}

/**
 * The time an alarm evaluates, periodSeconds × evaluationPeriods: at most one day, or seven days for periods of an
 * hour or more. Reported at `path` (the evaluation periods); valid periods and counts are the caller's to check first.
 */
export function checkEvaluationRange(
  path: string,
  evaluationPeriods: number,
  periodSeconds: number,
): ValidationIssue[] {
  const maxRange = periodSeconds >= 3600 ? 604_800 : 86_400;
  const range = periodSeconds * evaluationPeriods;
  if (range <= maxRange) return [];
  return [
    {
      path,
      value: evaluationPeriods,
      message:
        `× periodSeconds ${periodSeconds} is ${range} s; CloudWatch evaluates at most ${maxRange} s ` +
        '(one day, or seven days for periods of an hour or more)',
    },
  ];
}

/** Every rule the constructor enforces. */
export function validateMetricAlarmProps(props: MetricAlarmProps): ValidationIssue[] {
  const issues: ValidationIssue[] = [
    ...checkText('namespace', props.namespace, 255),
    ...checkText('metricName', props.metricName, 255),
    ...checkDimensions('dimensions', props.dimensions ?? {}),
  ];
  if (props.extendedStatistic !== undefined) {
    if (props.statistic !== undefined) {
      issues.push({
        path: 'extendedStatistic',
        value: props.extendedStatistic,
        message: `cannot be combined with statistic "${props.statistic}"; set one of them`,
      });
    }
    if (!isToken(props.extendedStatistic) && !isExtendedStatistic(props.extendedStatistic)) {
      issues.push({
        path: 'extendedStatistic',
        value: props.extendedStatistic,
        message: `must be ${EXTENDED_STATISTIC_HELP}`,
      });
    }
  }
  if (props.statistic !== undefined && !(STANDARD_STATISTICS as readonly string[]).includes(props.statistic)) {
    issues.push({
      path: 'statistic',
      value: props.statistic,
      message: `must be one of ${STANDARD_STATISTICS.join(', ')} (percentiles go in extendedStatistic)`,
    });
  }
  if (props.unit !== undefined) issues.push(...checkMetricUnit('unit', props.unit));
  return [...validateAlarmRuleProps(props), ...issues];
}

/**
 * What every alarm has, whatever it watches (one metric or a metric-math expression): name, description, comparison,
 * threshold, the period and evaluation range, M-of-N datapoints, missing-data treatment and actions.
 */
export type AlarmRuleProps = Pick<
  MetricAlarmProps,
  | 'alarmName'
  | 'description'
  | 'comparison'
  | 'threshold'
  | 'percentMetric'
  | 'periodSeconds'
  | 'evaluationPeriods'
  | 'datapointsToAlarm'
  | 'treatMissingData'
  | 'alarmActions'
  | 'okActions'
  | 'insufficientDataActions'
>;

/** The rules of {@link AlarmRuleProps}, shared by MetricAlarm and MetricMathAlarm. */
export function validateAlarmRuleProps(props: AlarmRuleProps): ValidationIssue[] {
  const issues: ValidationIssue[] = [
    ...checkText('alarmName', props.alarmName, 255),
    ...checkText('description', props.description, 1024),
  ];
  if (typeof props.alarmName === 'string' && !isToken(props.alarmName) && hasControlCharacter(props.alarmName)) {
    issues.push({ path: 'alarmName', value: props.alarmName, message: 'must not contain control characters' });
  }

  if (!Object.prototype.hasOwnProperty.call(COMPARISON_OPERATORS, props.comparison)) {
    issues.push({ path: 'comparison', value: props.comparison, message: 'must be ">", ">=", "<" or "<="' });
  }
  const thresholdIssues = checkFiniteNumber('threshold', props.threshold);
  issues.push(...thresholdIssues);
  if (thresholdIssues.length === 0 && props.percentMetric && !(props.threshold > 0 && props.threshold <= 100)) {
    issues.push({
      path: 'threshold',
      value: props.threshold,
      message: 'is a percentage (percentMetric: true) and must be above 0 and at most 100',
    });
  }

  const period = props.periodSeconds ?? 60;
  const periodValid =
    typeof period === 'number' && ([10, 20, 30].includes(period) || (period > 0 && period % 60 === 0));
  if (!periodValid) {
    issues.push({ path: 'periodSeconds', value: period, message: 'must be 10, 20, 30 or a multiple of 60' });
  }
  const evaluationIssues = checkInteger('evaluationPeriods', props.evaluationPeriods, 1, 100_000, 'an integer');
  issues.push(...evaluationIssues);
  if (periodValid && evaluationIssues.length === 0) {
    issues.push(...checkEvaluationRange('evaluationPeriods', props.evaluationPeriods, period));
  }
  if (props.datapointsToAlarm !== undefined && evaluationIssues.length === 0) {
    issues.push(
      ...checkInteger('datapointsToAlarm', props.datapointsToAlarm, 1, props.evaluationPeriods, 'an integer').map(
        (issue) => ({
          ...issue,
          message: `${issue.message} (evaluationPeriods)`,
        }),
      ),
    );
  }

  if (
    props.treatMissingData !== undefined &&
    !(TREAT_MISSING_DATA as readonly string[]).includes(props.treatMissingData)
  ) {
    issues.push({
      path: 'treatMissingData',
      value: props.treatMissingData,
      message: `must be one of ${TREAT_MISSING_DATA.join(', ')}`,
    });
  }
  issues.push(
    ...checkArns('alarmActions', props.alarmActions ?? []),
    ...checkArns('okActions', props.okActions ?? []),
    ...checkArns('insufficientDataActions', props.insufficientDataActions ?? []),
  );
  return issues;
}

/** One of {@link METRIC_UNITS}. */
export function checkMetricUnit(path: string, unit: string): ValidationIssue[] {
  if ((METRIC_UNITS as readonly string[]).includes(unit)) return [];
  return [{ path, value: unit, message: `must be a CloudWatch unit (${METRIC_UNITS.join(', ')})` }];
}

function hasControlCharacter(value: string): boolean {
  return [...value].some((character) => {
    const code = character.charCodeAt(0);
    return code < 0x20 || code === 0x7f;
  });
}
