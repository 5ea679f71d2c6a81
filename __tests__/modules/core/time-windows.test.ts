/**
 * The UTC windows RDS and ElastiCache take (moved here from the postgres module, which redis shares): parsing of
 * daily `hh:mm-hh:mm` and weekly `ddd:hh:mm-ddd:hh:mm` windows, their minimum length, and the daily/weekly overlap on
 * any day of the week, with the path and value every issue carries.
 */
import {
  checkDailyWindow,
  checkWeeklyWindow,
  checkWindowsDoNotOverlap,
  parseDailyWindow,
  parseWeeklyWindow,
} from '../../../modules/core/time-windows';

describe('time windows', () => {
  it('parses daily windows, also across midnight', () => {
    expect(parseDailyWindow('03:00-04:00')).toEqual({ start: 180, minutes: 60 });
    expect(parseDailyWindow('23:30-00:30')).toEqual({ start: 1410, minutes: 60 });
    expect(parseDailyWindow('24:00-01:00')).toBeUndefined();
  });

  it('parses weekly windows in any case, also across Sunday midnight', () => {
    expect(parseWeeklyWindow('mon:04:00-mon:05:00')).toEqual({ start: 240, minutes: 60 });
    expect(parseWeeklyWindow('Sun:23:30-Mon:00:30')).toEqual({ start: 6 * 1440 + 1410, minutes: 60 });
    expect(parseWeeklyWindow('mon:04:00-05:00')).toBeUndefined();
  });

  it.each([
    ['03:00-04:00', 'mon:04:00-mon:05:00', false],
    ['05:00-06:00', 'mon:04:00-mon:05:00', false],
    ['04:59-06:00', 'mon:04:00-mon:05:00', true],
    ['03:00-04:01', 'mon:04:00-mon:05:00', true],
    ['23:30-00:30', 'sun:23:45-mon:00:15', true],
    ['00:10-00:40', 'sun:23:30-mon:00:15', true],
    ['01:00-02:00', 'sun:23:30-mon:00:15', false],
    ['10:00-11:00', 'sat:22:00-sun:22:00', true],
  ])('daily %s against weekly %s overlaps: %s', (daily, weekly, overlaps) => {
    const issues = checkWindowsDoNotOverlap({ path: 'd', value: daily }, { path: 'w', value: weekly });
    expect(issues.length > 0).toBe(overlaps);
  });
});

describe('checkDailyWindow and checkWeeklyWindow', () => {
  it('accept windows of at least the minimum length', () => {
    expect(checkDailyWindow('backupWindow', '03:00-03:30', 30)).toEqual([]);
    expect(checkWeeklyWindow('maintenanceWindow', 'sun:23:30-mon:00:30', 60)).toEqual([]);
  });

  it.each([
    [
      'a daily window that is not hh:mm-hh:mm',
      () => checkDailyWindow('w', '3:00-4:00', 30),
      /^must be hh:mm-hh:mm in UTC/,
    ],
    [
      'a daily window shorter than the minimum',
      () => checkDailyWindow('w', '03:00-03:15', 30),
      /^must last at least 30 minutes \(it lasts 15\)$/,
    ],
    [
      'a weekly window with an unknown day',
      () => checkWeeklyWindow('w', 'mo:04:00-mo:05:00', 30),
      /with ddd one of mon, tue, wed, thu, fri, sat, sun/,
    ],
    [
      'a weekly window shorter than the minimum',
      () => checkWeeklyWindow('w', 'mon:04:00-mon:04:20', 30),
      /^must last at least 30 minutes \(it lasts 20\)$/,
    ],
  ])('report %s on the path, with the value', (_label, check, message) => {
    const issues = check();
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ path: 'w', message: expect.stringMatching(message) });
    expect(typeof issues[0]?.value).toBe('string');
  });

  it('reports an overlap on the weekly window, naming the daily one', () => {
    expect(
      checkWindowsDoNotOverlap(
        { path: 'backupWindow', value: '04:30-05:30' },
        { path: 'maintenanceWindow', value: 'tue:05:00-tue:06:00' },
      ),
    ).toEqual([
      {
        path: 'maintenanceWindow',
        value: 'tue:05:00-tue:06:00',
        message: 'overlaps backupWindow 04:30-05:30, which recurs daily',
      },
    ]);
  });

  it('leaves malformed windows to their own checks', () => {
    expect(checkWindowsDoNotOverlap({ path: 'd', value: 'nope' }, { path: 'w', value: 'mon:04:00-mon:05:00' })).toEqual(
      [],
    );
  });
});
