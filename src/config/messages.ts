/**
 * The project's words for zod's generic messages ("Expected number, received string", "Number must be greater than or
 * equal to 0", "Invalid enum value. Expected ..."): every configuration message reads `<path>: must be … (got <value>)`
 * like the modules' own checks. A message a field states itself (a check's words, `moduleEnum`'s module message) is
 * kept; only zod's defaults are replaced.
 */
import { z, type ZodErrorMap, type ZodIssueOptionalMessage } from 'zod';

/** `a`, `a or b`, `a, b or c`. */
function alternatives(values: readonly unknown[]): string {
  const shown = values.map((value) => JSON.stringify(value));
  return shown.length <= 1 ? (shown[0] ?? '') : `${shown.slice(0, -1).join(', ')} or ${shown.at(-1)}`;
}

const KINDS: Readonly<Record<string, string>> = {
  string: 'a string',
  number: 'a number',
  integer: 'a whole number',
  bigint: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  null: 'null',
  undefined: 'nothing',
  date: 'a date',
  nan: 'not a number',
  float: 'a fraction',
  function: 'a function',
};

const kind = (type: string): string => KINDS[type] ?? type;

/** Whole words for a count: `1 entry`, `2 entries`. */
const count = (n: number | bigint, one: string, many: string): string => `${n} ${Number(n) === 1 ? one : many}`;

/** The project's message for an issue zod would describe in its own words, or undefined to keep zod's. */
export function configMessage(issue: ZodIssueOptionalMessage): string | undefined {
  switch (issue.code) {
    case z.ZodIssueCode.invalid_type:
      return issue.received === 'undefined'
        ? 'is required'
        : `must be ${kind(issue.expected)}, not ${kind(issue.received)}`;
    case z.ZodIssueCode.invalid_literal:
      return `must be ${JSON.stringify(issue.expected)}`;
    case z.ZodIssueCode.invalid_enum_value:
      return `must be ${alternatives(issue.options)}`;
    case z.ZodIssueCode.invalid_union_discriminator:
      return `must be ${alternatives(issue.options)}`;
    case z.ZodIssueCode.invalid_union:
      return 'matches none of the forms this setting takes';
    case z.ZodIssueCode.invalid_string:
      if (issue.validation === 'email') return 'must be an e-mail address';
      if (issue.validation === 'url') return 'must be a URL';
      return typeof issue.validation === 'string' ? `must be a valid ${issue.validation}` : 'has the wrong format';
    case z.ZodIssueCode.too_small:
      if (issue.type === 'string') {
        return Number(issue.minimum) === 1
          ? 'must not be empty'
          : `must be at least ${count(issue.minimum, 'character', 'characters')} long`;
      }
      if (issue.type === 'array' || issue.type === 'set') {
        return `must have ${issue.exact ? '' : 'at least '}${count(issue.minimum, 'entry', 'entries')}`;
      }
      return issue.inclusive ? `must be at least ${issue.minimum}` : `must be greater than ${issue.minimum}`;
    case z.ZodIssueCode.too_big:
      if (issue.type === 'string') return `must be at most ${count(issue.maximum, 'character', 'characters')} long`;
      if (issue.type === 'array' || issue.type === 'set') {
        return `must have ${issue.exact ? '' : 'at most '}${count(issue.maximum, 'entry', 'entries')}`;
      }
      return issue.inclusive ? `must be at most ${issue.maximum}` : `must be less than ${issue.maximum}`;
    case z.ZodIssueCode.not_multiple_of:
      return `must be a multiple of ${issue.multipleOf}`;
    case z.ZodIssueCode.not_finite:
      return 'must be a finite number';
    case z.ZodIssueCode.invalid_intersection_types:
      return 'has values that contradict each other';
    case z.ZodIssueCode.invalid_date:
      return 'must be a valid date';
    default:
      return undefined;
  }
}

/**
 * For `schema.safeParse(input, { errorMap: configErrorMap })`. A parse's error map has the last word in zod, after a
 * field's own map, so it replaces a message only when that message is still zod's default.
 */
export const configErrorMap: ZodErrorMap = (issue, ctx) => {
  const zodDefault = z.defaultErrorMap(issue, { data: ctx.data, defaultError: '' }).message;
  if (ctx.defaultError !== zodDefault) return { message: ctx.defaultError };
  return { message: configMessage(issue) ?? ctx.defaultError };
};
