/**
 * The UTC time windows RDS and ElastiCache take: a daily window `hh:mm-hh:mm` (backups, snapshots) and a weekly one
 * `ddd:hh:mm-ddd:hh:mm` (maintenance). Both services reject a window that is too short, and a daily window that
 * overlaps the weekly one on any day; these checks say so at synth time instead of at apply.
 *
 * Windows are half-open: `03:00-04:00` and `mon:04:00-mon:05:00` touch but do not overlap, as AWS accepts.
 */
import type { ValidationIssue } from './validation';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

const MINUTES_PER_DAY = 24 * 60;
const MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;

/** A window as minutes from the start of its period (midnight, or Monday 00:00) and its length in minutes. */
export interface TimeWindow {
  readonly start: number;
  readonly minutes: number;
}

const TIME = '([01]\\d|2[0-3]):([0-5]\\d)';
const DAILY = new RegExp(`^${TIME}-${TIME}$`);
const WEEKLY = new RegExp(`^(${WEEKDAYS.join('|')}):${TIME}-(${WEEKDAYS.join('|')}):${TIME}$`, 'i');

/** `03:00-04:00` → start 180, 60 minutes; a window may cross midnight (`23:30-00:30`). Undefined if malformed. */
export function parseDailyWindow(text: string): TimeWindow | undefined {
  const match = DAILY.exec(text);
  if (!match) return undefined;
  const [start, end] = [minuteOf(match[1], match[2]), minuteOf(match[3], match[4])];
  return { start, minutes: mod(end - start, MINUTES_PER_DAY) };
}

/** `mon:04:00-mon:05:00` → start 240, 60 minutes; a window may cross Sunday midnight. Undefined if malformed. */
export function parseWeeklyWindow(text: string): TimeWindow | undefined {
  const match = WEEKLY.exec(text);
  if (!match) return undefined;
  const start = dayOf(match[1]) * MINUTES_PER_DAY + minuteOf(match[2], match[3]);
  const end = dayOf(match[4]) * MINUTES_PER_DAY + minuteOf(match[5], match[6]);
  return { start, minutes: mod(end - start, MINUTES_PER_WEEK) };
}

/** A daily `hh:mm-hh:mm` UTC window at least `minMinutes` long. */
export function checkDailyWindow(path: string, value: string, minMinutes: number): ValidationIssue[] {
  const window = parseDailyWindow(value);
  if (!window) return [{ path, value, message: 'must be hh:mm-hh:mm in UTC, e.g. 03:00-04:00' }];
  if (window.minutes < minMinutes) {
    return [{ path, value, message: `must last at least ${minMinutes} minutes (it lasts ${window.minutes})` }];
  }
  return [];
}

/** A weekly `ddd:hh:mm-ddd:hh:mm` UTC window (ddd one of mon..sun) at least `minMinutes` long. */
export function checkWeeklyWindow(path: string, value: string, minMinutes: number): ValidationIssue[] {
  const window = parseWeeklyWindow(value);
  if (!window) {
    const days = WEEKDAYS.join(', ');
    return [
      { path, value, message: `must be ddd:hh:mm-ddd:hh:mm in UTC with ddd one of ${days}, e.g. mon:04:00-mon:05:00` },
    ];
  }
  if (window.minutes < minMinutes) {
    return [{ path, value, message: `must last at least ${minMinutes} minutes (it lasts ${window.minutes})` }];
  }
  return [];
}

/**
 * The weekly window must not overlap the daily one on any day of the week. Reported on the weekly window's path;
 * malformed windows are left to their own checks.
 */
export function checkWindowsDoNotOverlap(
  daily: { readonly path: string; readonly value: string },
  weekly: { readonly path: string; readonly value: string },
): ValidationIssue[] {
  const day = parseDailyWindow(daily.value);
  const week = parseWeeklyWindow(weekly.value);
  if (!day || !week) return [];
  const clash = WEEKDAYS.some((_, index) =>
    overlapsOnCircle({ start: index * MINUTES_PER_DAY + day.start, minutes: day.minutes }, week, MINUTES_PER_WEEK),
  );
  return clash
    ? [{ path: weekly.path, value: weekly.value, message: `overlaps ${daily.path} ${daily.value}, which recurs daily` }]
    : [];
}

function overlapsOnCircle(a: TimeWindow, b: TimeWindow, period: number): boolean {
  return [-period, 0, period].some(
    (shift) => a.start < b.start + shift + b.minutes && b.start + shift < a.start + a.minutes,
  );
}

function minuteOf(hours: string | undefined, minutes: string | undefined): number {
  return Number(hours) * 60 + Number(minutes);
}

function dayOf(day: string | undefined): number {
  return WEEKDAYS.indexOf((day ?? '').toLowerCase() as (typeof WEEKDAYS)[number]);
}

function mod(value: number, period: number): number {
  return ((value % period) + period) % period;
}
