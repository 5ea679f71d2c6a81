/**
 * A CloudWatch dashboard from rows of widgets. Each row is laid out left to right on the dashboard's 24-column grid:
 * widgets without a width share what the others leave, and the next row starts below the tallest widget of the row.
 * The body is built as an object (`body`) and encoded with Terraform's `jsonencode`, so that dimension values can be
 * tokens such as a service name or an ALB's `arn_suffix`.
 */
import { CloudwatchDashboard } from '@cdktf/provider-aws/lib/cloudwatch-dashboard';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import { checkFiniteNumber, checkInteger, checkText, isToken } from '../core/checks';
import { assertNoIssues, joinPath, type ValidationIssue } from '../core/validation';
import { checkDimensions, checkStatistic } from './checks';

/** Columns of the dashboard grid. */
export const DASHBOARD_COLUMNS = 24;

export const METRIC_WIDGET_VIEWS = ['timeSeries', 'singleValue', 'bar', 'pie'] as const;
export type MetricWidgetView = (typeof METRIC_WIDGET_VIEWS)[number];

export interface DashboardMetric {
  /** Metric namespace, e.g. `AWS/ApplicationELB`. Required. */
  readonly namespace: string;
  /** Metric name, e.g. `TargetResponseTime`. Required. */
  readonly metricName: string;
  /** Dimensions, e.g. `{ LoadBalancer: alb.arnSuffix }`; values may be tokens. Default: none. */
  readonly dimensions?: Readonly<Record<string, string>>;
  /** Statistic for this metric only, e.g. `p99`. Default: the widget's `stat`. */
  readonly stat?: string;
  /** Legend label. Default: CloudWatch's (metric name and dimensions). */
  readonly label?: string;
  /** Axis the metric is drawn against. Default: `left`. */
  readonly yAxis?: 'left' | 'right';
  /** Line colour as `#rrggbb`. Default: CloudWatch's palette. */
  readonly color?: string;
}

export interface DashboardAxis {
  /** Lowest value shown. Default: fitted to the data. */
  readonly min?: number;
  /** Highest value shown. Default: fitted to the data. */
  readonly max?: number;
  /** Axis label. Default: none. */
  readonly label?: string;
  /** Show the unit beside the label. Default: true. */
  readonly showUnits?: boolean;
}

export interface DashboardHorizontalAnnotation {
  /** Where the line is drawn, e.g. an alarm's threshold. Required. */
  readonly value: number;
  /** Text beside the line. Default: none. */
  readonly label?: string;
  /** Colour as `#rrggbb`. Default: CloudWatch's. */
  readonly color?: string;
}

export interface DashboardMetricWidget {
  /** Widget kind. Default: `metric`. */
  readonly type?: 'metric';
  /** The widget's title. Required. */
  readonly title: string;
  /** What the widget plots. Required, at least one. */
  readonly metrics: readonly DashboardMetric[];
  /** Seconds per data point: 1, 5, 10, 30 or a multiple of 60. Default: 300. */
  readonly period?: number;
  /** Statistic of every metric without its own `stat`. Default: `Average`. */
  readonly stat?: string;
  /** `timeSeries`, `singleValue`, `bar` or `pie`. Default: `timeSeries`. */
  readonly view?: MetricWidgetView;
  /** Stack the series (time series only). Default: false. */
  readonly stacked?: boolean;
  /** Columns, 1 to 24. Default: an equal share of what the row's sized widgets leave. */
  readonly width?: number;
  /** Grid rows, 1 to 1000. Default: 6. */
  readonly height?: number;
  /** Axis ranges and labels. Default: fitted to the data. */
  readonly yAxis?: { readonly left?: DashboardAxis; readonly right?: DashboardAxis };
  /** Horizontal lines, e.g. at an alarm threshold. Default: none. */
  readonly horizontalAnnotations?: readonly DashboardHorizontalAnnotation[];
  /** Region of the metrics, for a cross-region dashboard. Default: the dashboard's `region`. */
  readonly region?: string;
}

export interface DashboardTextWidget {
  /** Widget kind. Required: `text`. */
  readonly type: 'text';
  /** Markdown shown, e.g. a heading for the row below. Required. */
  readonly markdown: string;
  /** Columns, 1 to 24. Default: an equal share of what the row's sized widgets leave. */
  readonly width?: number;
  /** Grid rows, 1 to 1000. Default: 2. */
  readonly height?: number;
}

export type DashboardWidget = DashboardMetricWidget | DashboardTextWidget;

export interface DashboardProps {
  /** The dashboard's name: 1 to 255 of A-Z a-z 0-9 _ -. Required. */
  readonly dashboardName: string;
  /** Region every metric widget reads from (the body requires one per widget). Required. */
  readonly region: string;
  /** Widgets by row, top to bottom; each row left to right. Required, at least one widget. */
  readonly rows: ReadonlyArray<readonly DashboardWidget[]>;
}

/** A widget as it appears in the dashboard body. */
export interface DashboardBodyWidget {
  readonly type: 'metric' | 'text';
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly properties: Record<string, unknown>;
}

/** The dashboard body before it is encoded; `dashboard_body` is `jsonencode(body)`. */
export interface DashboardBody {
  readonly widgets: readonly DashboardBodyWidget[];
}

const DASHBOARD_NAME = /^[A-Za-z0-9_-]{1,255}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;
const COLOR = /^#[0-9a-fA-F]{6}$/;
const METRIC_WIDGET_HEIGHT = 6;
const TEXT_WIDGET_HEIGHT = 2;

export class Dashboard extends Construct {
  readonly dashboard: CloudwatchDashboard;
  readonly dashboardName: string;
  /** The body object, laid out; `dashboard.dashboardBody` is its `jsonencode`. */
  readonly body: DashboardBody;
  readonly widgetCount: number;
  /** The dashboard in the CloudWatch console (for an output, a runbook, a notification). */
  readonly consoleUrl: string;

  constructor(scope: Construct, id: string, props: DashboardProps) {
    super(scope, id);
    assertNoIssues(`Dashboard "${this.node.path}" props`, validateDashboardProps(props));
    this.body = { widgets: layOutRows(props.rows, props.region) };
    this.widgetCount = this.body.widgets.length;
    this.dashboard = new CloudwatchDashboard(this, 'dashboard', {
      dashboardName: props.dashboardName,
      dashboardBody: Fn.jsonencode(this.body),
    });
    this.dashboardName = this.dashboard.dashboardName;
    this.consoleUrl = dashboardConsoleUrl(props.region, this.dashboardName);
  }
}

/** `https://<region>.console.aws.amazon.com/cloudwatch/home?region=<region>#dashboards/dashboard/<name>`. */
export function dashboardConsoleUrl(region: string, dashboardName: string): string {
  return `https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}#dashboards/dashboard/${dashboardName}`;
}

/** Columns of each widget of a row: given widths as they are, the rest share what is left, the first ones a column more. */
export function rowWidths(row: readonly DashboardWidget[]): number[] {
  const given = row.reduce((sum, widget) => sum + (widget.width ?? 0), 0);
  const unsized = row.filter((widget) => widget.width === undefined).length;
  const left = DASHBOARD_COLUMNS - given;
  const share = unsized > 0 ? Math.floor(left / unsized) : 0;
  let extra = unsized > 0 ? left % unsized : 0;
  return row.map((widget) => {
    if (widget.width !== undefined) return widget.width;
    if (extra > 0) {
      extra -= 1;
      return share + 1;
    }
    return share;
  });
}

function layOutRows(rows: ReadonlyArray<readonly DashboardWidget[]>, region: string): DashboardBodyWidget[] {
  const widgets: DashboardBodyWidget[] = [];
  let y = 0;
  for (const row of rows) {
    const widths = rowWidths(row);
    let x = 0;
    let rowHeight = 0;
    row.forEach((widget, index) => {
      const width = widths[index] as number;
      const height = widget.height ?? (widget.type === 'text' ? TEXT_WIDGET_HEIGHT : METRIC_WIDGET_HEIGHT);
      widgets.push(
        widget.type === 'text'
          ? { type: 'text', x, y, width, height, properties: { markdown: widget.markdown } }
          : { type: 'metric', x, y, width, height, properties: metricProperties(widget, region) },
      );
      x += width;
      rowHeight = Math.max(rowHeight, height);
    });
    y += rowHeight;
  }
  return widgets;
}

function metricProperties(widget: DashboardMetricWidget, region: string): Record<string, unknown> {
  const properties: Record<string, unknown> = {
    title: widget.title,
    region: widget.region ?? region,
    view: widget.view ?? 'timeSeries',
    stacked: widget.stacked ?? false,
    period: widget.period ?? 300,
    stat: widget.stat ?? 'Average',
    metrics: widget.metrics.map(metricArray),
  };
  if (widget.yAxis) properties.yAxis = definedOnly({ left: widget.yAxis.left, right: widget.yAxis.right });
  if (widget.horizontalAnnotations?.length) {
    properties.annotations = { horizontal: widget.horizontalAnnotations.map((line) => definedOnly({ ...line })) };
  }
  return properties;
}

/** `[namespace, metricName, dimName, dimValue, ..., {options}]`, the options object only when there are options. */
export function metricArray(metric: DashboardMetric): unknown[] {
  const dimensions = Object.entries(metric.dimensions ?? {}).flat();
  const options = definedOnly({ stat: metric.stat, label: metric.label, yAxis: metric.yAxis, color: metric.color });
  return [metric.namespace, metric.metricName, ...dimensions, ...(Object.keys(options).length ? [options] : [])];
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}

/** Every rule the constructor enforces. */
export function validateDashboardProps(props: DashboardProps): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (!isToken(props.dashboardName) && !DASHBOARD_NAME.test(props.dashboardName ?? '')) {
    issues.push({ path: 'dashboardName', value: props.dashboardName, message: 'must be 1 to 255 of A-Z a-z 0-9 _ -' });
  }
  issues.push(...checkRegion('region', props.region));
  if ((props.rows ?? []).every((row) => row.length === 0)) {
    issues.push({ path: 'rows', value: props.rows, message: 'must hold at least one widget' });
    return issues;
  }
  props.rows.forEach((row, rowIndex) => {
    const rowPath = joinPath('rows', rowIndex);
    row.forEach((widget, index) => issues.push(...checkWidget(joinPath(rowPath, index), widget)));
    // Only rows whose widths are each valid: a bad width is reported on the widget itself.
    const widthsValid = row.every((widget) => checkWidth('', widget.width).length === 0);
    const given = row.reduce((sum, widget) => sum + (widget.width ?? 0), 0);
    const unsized = row.filter((widget) => widget.width === undefined).length;
    if (widthsValid && given + unsized > DASHBOARD_COLUMNS) {
      issues.push({
        path: rowPath,
        value: row.map((widget) => widget.width ?? 'auto'),
        message:
          `needs ${given} given + ${unsized} shared column(s) but a row has ${DASHBOARD_COLUMNS}; ` +
          'narrow the widgets or move some to another row',
      });
    }
  });
  return issues;
}

function checkWidget(path: string, widget: DashboardWidget): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  issues.push(...checkWidth(joinPath(path, 'width'), widget.width));
  if (widget.height !== undefined) {
    issues.push(...checkInteger(joinPath(path, 'height'), widget.height, 1, 1000, 'an integer'));
  }
  if (widget.type === 'text') {
    issues.push(...checkText(joinPath(path, 'markdown'), widget.markdown, 10_000));
    return issues;
  }
  if (widget.type !== undefined && widget.type !== 'metric') {
    return [...issues, { path: joinPath(path, 'type'), value: widget.type, message: 'must be "metric" or "text"' }];
  }
  issues.push(...checkText(joinPath(path, 'title'), widget.title, 255));
  if ((widget.metrics ?? []).length === 0) {
    issues.push({ path: joinPath(path, 'metrics'), value: widget.metrics, message: 'must hold at least one metric' });
  } else {
    widget.metrics.forEach((metric, index) => issues.push(...checkMetric(joinPath(path, 'metrics', index), metric)));
  }
  if (widget.period !== undefined) {
    const valid = [1, 5, 10, 30].includes(widget.period) || (widget.period > 0 && widget.period % 60 === 0);
    if (!valid) {
      issues.push({
        path: joinPath(path, 'period'),
        value: widget.period,
        message: 'must be 1, 5, 10, 30 or a multiple of 60',
      });
    }
  }
  if (widget.stat !== undefined) issues.push(...checkStatistic(joinPath(path, 'stat'), widget.stat));
  if (widget.view !== undefined && !(METRIC_WIDGET_VIEWS as readonly string[]).includes(widget.view)) {
    issues.push({
      path: joinPath(path, 'view'),
      value: widget.view,
      message: `must be one of ${METRIC_WIDGET_VIEWS.join(', ')}`,
    });
  }
  if (widget.region !== undefined) issues.push(...checkRegion(joinPath(path, 'region'), widget.region));
  for (const side of ['left', 'right'] as const) {
    const axis = widget.yAxis?.[side];
    if (axis?.min !== undefined && axis.max !== undefined && axis.min >= axis.max) {
      issues.push({ path: joinPath(path, 'yAxis', side), value: axis, message: 'min must be below max' });
    }
  }
  widget.horizontalAnnotations?.forEach((line, index) => {
    const linePath = joinPath(path, 'horizontalAnnotations', index);
    issues.push(
      ...checkFiniteNumber(joinPath(linePath, 'value'), line.value),
      ...checkColor(joinPath(linePath, 'color'), line.color),
    );
  });
  return issues;
}

function checkWidth(path: string, width: number | undefined): ValidationIssue[] {
  return width === undefined ? [] : checkInteger(path, width, 1, DASHBOARD_COLUMNS, 'an integer');
}

function checkMetric(path: string, metric: DashboardMetric): ValidationIssue[] {
  return [
    ...checkText(joinPath(path, 'namespace'), metric.namespace, 255),
    ...checkText(joinPath(path, 'metricName'), metric.metricName, 255),
    ...checkDimensions(joinPath(path, 'dimensions'), metric.dimensions ?? {}),
    ...(metric.stat !== undefined ? checkStatistic(joinPath(path, 'stat'), metric.stat) : []),
    ...(metric.yAxis !== undefined && metric.yAxis !== 'left' && metric.yAxis !== 'right'
      ? [{ path: joinPath(path, 'yAxis'), value: metric.yAxis, message: 'must be "left" or "right"' }]
      : []),
    ...checkColor(joinPath(path, 'color'), metric.color),
  ];
}

function checkColor(path: string, color: string | undefined): ValidationIssue[] {
  return color === undefined || COLOR.test(color)
    ? []
    : [{ path, value: color, message: 'must be a colour like #1f77b4' }];
}

function checkRegion(path: string, region: string): ValidationIssue[] {
  return isToken(region) || REGION.test(region ?? '')
    ? []
    : [{ path, value: region, message: 'must be an AWS region name like us-east-1' }];
}
