/**
 * Validation shared by modules and configuration: every problem is reported as a field path, the offending value
 * and what is wrong with it, so that a synth-time error tells the user exactly what to change.
 */
export interface ValidationIssue {
  /** Dotted path of the field, e.g. `network.publicSubnetCidrs[1]`. */
  readonly path: string;
  /** The value found at that path. */
  readonly value: unknown;
  /** What is wrong, as a sentence fragment: `is not inside vpcCidr 10.0.0.0/16`. */
  readonly message: string;
}

export class ValidationError extends Error {
  constructor(
    /** What was being validated, e.g. `environment "dev"` or `Network "vpc"`. */
    readonly subject: string,
    readonly issues: readonly ValidationIssue[],
  ) {
    super(`Invalid ${subject}:\n${issues.map((issue) => `  - ${formatIssue(issue)}`).join('\n')}`);
    this.name = 'ValidationError';
  }
}

export function formatIssue(issue: ValidationIssue): string {
  return `${issue.path || '(root)'}: ${issue.message} (got ${formatValue(issue.value)})`;
}

export function formatValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  const json = JSON.stringify(value);
  return json.length > 120 ? `${json.slice(0, 117)}...` : json;
}

/** Joins path segments the way a user would write them: `a.b[2].c`. */
export function joinPath(...segments: ReadonlyArray<string | number>): string {
  return segments.reduce<string>((path, segment) => {
    if (typeof segment === 'number') return `${path}[${segment}]`;
    return path ? `${path}.${segment}` : segment;
  }, '');
}

/** Throws a {@link ValidationError} when there are issues; a constructor calls this before creating anything. */
export function assertNoIssues(subject: string, issues: readonly ValidationIssue[]): void {
  if (issues.length > 0) throw new ValidationError(subject, issues);
}

/** CloudWatch Logs accepts only these retention periods (days); 0 means "never expire". */
export const LOG_RETENTION_DAYS = [
  0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

export function checkLogRetention(path: string, days: number): ValidationIssue[] {
  return (LOG_RETENTION_DAYS as readonly number[]).includes(days)
    ? []
    : [{ path, value: days, message: `must be a CloudWatch Logs retention period (${LOG_RETENTION_DAYS.join(', ')})` }];
}
