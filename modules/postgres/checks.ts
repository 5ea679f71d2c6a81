/**
 * Small checks the postgres and redis modules share (kept here until modules/core has a home for them).
 */
import { Token } from 'cdktf';
import type { ValidationIssue } from '../core/validation';

/** RDS and ElastiCache identifiers: a letter, then lowercase letters and digits in hyphen-separated runs. */
export function isAwsDataIdentifier(value: string, maxLength: number): boolean {
  return typeof value === 'string' && value.length <= maxLength && /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(value);
}

export function isIntegerIn(value: number, min: number, max: number): boolean {
  return Number.isInteger(value) && value >= min && value <= max;
}

/** A KMS key ARN when given as a literal; a reference is taken as is. */
export function checkKmsArn(path: string, arn: string | undefined): ValidationIssue[] {
  if (arn === undefined || Token.isUnresolved(arn) || /^arn:[a-z-]+:kms:/.test(arn)) return [];
  return [{ path, value: arn, message: 'must be a KMS key ARN (arn:<partition>:kms:...)' }];
}
