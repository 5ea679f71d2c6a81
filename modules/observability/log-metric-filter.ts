/**
 * A metric counted from log lines: a CloudWatch Logs metric filter on one log group that publishes `metricValue` (1)
 * for every event matching `pattern`, and 0 for a period with none (`defaultValue`), so a dashboard line and an alarm
 * see a rate rather than gaps. Use it for what the application says but publishes no metric for, such as error lines.
 *
 * `metric` is the filter's metric as a dashboard line (statistic Sum), for a widget of the caller's.
 */
import { CloudwatchLogMetricFilter } from '@cdktf/provider-aws/lib/cloudwatch-log-metric-filter';
import { Construct } from 'constructs';
import { checkFiniteNumber, checkText, isToken } from '../core/checks';
import { assertNoIssues, type ValidationIssue } from '../core/validation';
import type { DashboardMetric } from './dashboard';
import { checkMetricUnit, type MetricUnit } from './metric-alarm';

export interface LogMetricFilterProps {
  /** The filter's name, unique in the log group: 1 to 512 characters, no `:` or `*`. Required. */
  readonly filterName: string;
  /** The log group the filter reads (a token makes the filter depend on the group). Required. */
  readonly logGroupName: string;
  /**
   * A CloudWatch Logs filter pattern, e.g. `?ERROR ?FATAL` (any of the terms; terms are case-sensitive), or a JSON
   * pattern like `{ $.level = "error" }`. 1 to 1024 characters, double quotes balanced. Required.
   */
  readonly pattern: string;
  /** Namespace of the published metric: 1 to 255 characters, not `AWS/…` (AWS's own). Required. */
  readonly metricNamespace: string;
  /** Name of the published metric, 1 to 255 characters. Required. */
  readonly metricName: string;
  /** What a matching event adds: a number, or `$.field` of a JSON event. Default: `1` (count the events). */
  readonly metricValue?: string;
  /** Published for a period without matching events. Default: 0 (a rate with no gaps). */
  readonly defaultValue?: number;
  /** Unit of the metric. Default: `Count`. */
  readonly unit?: MetricUnit;
}

export class LogMetricFilter extends Construct {
  readonly filter: CloudwatchLogMetricFilter;
  /** The published metric as a dashboard line, summed per period. */
  readonly metric: DashboardMetric;

  constructor(scope: Construct, id: string, props: LogMetricFilterProps) {
    super(scope, id);
    assertNoIssues(`LogMetricFilter "${this.node.path}" props`, validateLogMetricFilterProps(props));
    this.filter = new CloudwatchLogMetricFilter(this, 'filter', {
      name: props.filterName,
      logGroupName: props.logGroupName,
      pattern: props.pattern,
      metricTransformation: {
        namespace: props.metricNamespace,
        name: props.metricName,
        value: props.metricValue ?? '1',
        defaultValue: String(props.defaultValue ?? 0),
        unit: props.unit ?? 'Count',
      },
    });
    this.metric = { namespace: props.metricNamespace, metricName: props.metricName, stat: 'Sum' };
  }
}

/** A CloudWatch Logs filter pattern: 1 to 1024 characters, with its double quotes balanced. */
export function checkLogFilterPattern(path: string, pattern: string): ValidationIssue[] {
  const issues = checkText(path, pattern, 1024);
  if (issues.length > 0 || isToken(pattern)) return issues;
  const quotes = (pattern.replace(/\\"/g, '').match(/"/g) ?? []).length;
  if (quotes % 2 === 0) return [];
  return [{ path, value: pattern, message: 'has an unclosed double quote' }];
}

/** A custom metric namespace: 1 to 255 of A-Z a-z 0-9 . - _ / # : and space, not starting with `AWS/`. */
export function checkCustomMetricNamespace(path: string, namespace: string): ValidationIssue[] {
  if (isToken(namespace)) return [];
  if (typeof namespace === 'string' && /^[A-Za-z0-9.\-_/#: ]{1,255}$/.test(namespace) && !/^AWS\//.test(namespace)) {
    return [];
  }
  const message = 'must be 1 to 255 of A-Z a-z 0-9 . - _ / # : and space, not starting with AWS/ (AWS namespaces)';
  return [{ path, value: namespace, message }];
}

/** Every rule the constructor enforces. */
export function validateLogMetricFilterProps(props: LogMetricFilterProps): ValidationIssue[] {
  const issues: ValidationIssue[] = [
    ...checkText('filterName', props.filterName, 512),
    ...checkText('logGroupName', props.logGroupName, 512),
    ...checkLogFilterPattern('pattern', props.pattern),
    ...checkCustomMetricNamespace('metricNamespace', props.metricNamespace),
    ...checkText('metricName', props.metricName, 255),
  ];
  if (typeof props.filterName === 'string' && !isToken(props.filterName) && /[:*]/.test(props.filterName)) {
    issues.push({ path: 'filterName', value: props.filterName, message: 'must not contain : or *' });
  }
  if (props.metricValue !== undefined) issues.push(...checkText('metricValue', props.metricValue, 100));
  if (props.defaultValue !== undefined) issues.push(...checkFiniteNumber('defaultValue', props.defaultValue));
  if (props.unit !== undefined) issues.push(...checkMetricUnit('unit', props.unit));
  return issues;
}
