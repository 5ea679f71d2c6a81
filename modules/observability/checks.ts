/**
 * CloudWatch-specific validators shared by the observability constructs (statistics, metric dimensions); the general
 * ones (text, integers, ARNs, tokens) are in modules/core/checks.ts. Values that are still Terraform tokens (a
 * service name, an ALB's arn_suffix) are unknown at synth time, so string checks skip them.
 */
import { checkText, isToken } from '../core/checks';
import { joinPath, type ValidationIssue } from '../core/validation';

/** The five standard CloudWatch statistics. */
export const STANDARD_STATISTICS = ['SampleCount', 'Average', 'Sum', 'Minimum', 'Maximum'] as const;
export type StandardStatistic = (typeof STANDARD_STATISTICS)[number];

/**
 * Extended statistics: percentiles and their trimmed/windsorized/count/sum variants (`p99`, `p99.9`, `tm90`, `wm95`,
 * `tc90`, `ts90`), the interquartile mean `IQM`, and the range forms `TM(10%:90%)`, `PR(:300)`.
 */
const EXTENDED_STATISTIC = /^(?:(?:p|tm|wm|tc|ts)(?:100|\d{1,2}(?:\.\d+)?)|IQM|(?:TM|WM|TC|TS|PR)\([^()]+\))$/;

export const EXTENDED_STATISTIC_HELP = 'p0..p100 (e.g. p99, p99.9), tm/wm/tc/ts with a percentile, IQM, or TM(a%:b%)';

export function isExtendedStatistic(value: string): boolean {
  return EXTENDED_STATISTIC.test(value);
}

/** A standard statistic or an extended one: what a dashboard metric's `stat` accepts. */
export function checkStatistic(path: string, value: string): ValidationIssue[] {
  if (isToken(value) || (STANDARD_STATISTICS as readonly string[]).includes(value) || isExtendedStatistic(value)) {
    return [];
  }
  return [{ path, value, message: `must be ${STANDARD_STATISTICS.join(', ')} or ${EXTENDED_STATISTIC_HELP}` }];
}

/** Metric dimensions: at most 30, names and values non-empty (values may be tokens). */
export function checkDimensions(path: string, dimensions: Readonly<Record<string, string>>): ValidationIssue[] {
  const entries = Object.entries(dimensions);
  const issues: ValidationIssue[] = [];
  if (entries.length > 30) {
    issues.push({ path, value: dimensions, message: `has ${entries.length} dimensions; CloudWatch allows at most 30` });
  }
  for (const [name, value] of entries) {
    issues.push(...checkText(joinPath(path, name), value, 1024));
    if (name.trim() === '' || name.length > 255) {
      issues.push({ path: joinPath(path, name), value: name, message: 'dimension names must be 1 to 255 characters' });
    }
  }
  return issues;
}
