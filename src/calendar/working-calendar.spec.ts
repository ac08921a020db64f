import { isWorkday as packageIsWorkday } from 'chinese-days';

import { addDays, parseCalendarDate, type CalendarDate } from '../common/calendar-date';
import { loadChineseDaysSchedule, WorkingCalendar, type CalendarOverride } from './working-calendar';

const d = parseCalendarDate;

function datesFrom(first: string, last: string): CalendarDate[] {
  const out: CalendarDate[] = [];
  for (let day = d(first); day <= d(last); day = addDays(day, 1)) out.push(day);
  return out;
}

/**
 * Expectations typed in from the State Council notices (国办发明电〔2024〕12号 for 2025, the November 2025
 * notice for 2026), not read from the package, so the test catches a wrong package release.
 */
const OFFICIAL = {
  springFestival2025: { off: datesFrom('2025-01-28', '2025-02-04'), makeUp: ['2025-01-26', '2025-02-08'] },
  nationalDay2025: { off: datesFrom('2025-10-01', '2025-10-08'), makeUp: ['2025-09-28', '2025-10-11'] },
  springFestival2026: { off: datesFrom('2026-02-15', '2026-02-23'), makeUp: ['2026-02-14', '2026-02-28'] },
  nationalDay2026: { off: datesFrom('2026-10-01', '2026-10-07'), makeUp: ['2026-09-20', '2026-10-10'] },
};

describe('WorkingCalendar', () => {
  const calendar = WorkingCalendar.fromChineseDays();

  describe.each(Object.entries(OFFICIAL))('%s per the State Council notice', (_name, { off, makeUp }) => {
    it.each(off)('%s is a day off', (date) => {
      expect(calendar.isWorkingDay(date)).toBe(false);
      expect(calendar.dayInfo(date)).toMatchObject({ kind: 'holiday', source: 'official' });
    });

    it.each(makeUp)('%s is a make-up working day on a weekend (调休上班)', (date) => {
      expect(calendar.isWorkingDay(d(date))).toBe(true);
      expect(calendar.dayInfo(d(date))).toMatchObject({ kind: 'makeup_workday', source: 'official' });
    });

    it('has an ordinary working day right before and right after the block', () => {
      expect(calendar.isWorkingDay(addDays(off[0], -1)) || calendar.isWorkingDay(addDays(off[0], -2))).toBe(
        true,
      );
      expect(calendar.isWorkingDay(addDays(off[off.length - 1], 1))).toBe(true);
    });
  });

  it('names festivals in Chinese', () => {
    expect(calendar.dayInfo(d('2025-10-01'))).toEqual({
      date: '2025-10-01',
      working: false,
      kind: 'holiday',
      name: '国庆节',
      source: 'official',
    });
    expect(calendar.dayInfo(d('2025-10-06')).name).toBe('中秋');
    expect(calendar.dayInfo(d('2026-02-14')).name).toBe('春节');
  });

  it('treats an ordinary weekend and weekday by the weekday rule', () => {
    expect(calendar.dayInfo(d('2025-10-12'))).toEqual({
      date: '2025-10-12',
      working: false,
      kind: 'weekend',
      name: null,
      source: 'weekday_rule',
    });
    expect(calendar.dayInfo(d('2025-10-09'))).toMatchObject({ working: true, kind: 'workday', name: null });
  });

  it('agrees with the package’s own isWorkday on every day of 2025 and 2026', () => {
    const disagreements = datesFrom('2025-01-01', '2026-12-31').filter(
      (date) => calendar.isWorkingDay(date) !== packageIsWorkday(date),
    );
    expect(disagreements).toEqual([]);
  });

  it('counts 248 working days in both 2025 and 2026', () => {
    // 2025: 261 weekdays − 18 weekday holidays + 5 make-up days; 2026: 261 − 19 + 6.
    expect(calendar.workingDaysBetween(d('2024-12-31'), d('2025-12-31'))).toBe(248);
    expect(calendar.workingDaysBetween(d('2025-12-31'), d('2026-12-31'))).toBe(248);
  });

  describe('addWorkingDays', () => {
    it.each([
      ['2025-09-30', 1, '2025-10-09', 'jumps the eight-day National Day break'],
      ['2025-10-09', -1, '2025-09-30', 'jumps it backwards'],
      ['2025-09-26', 1, '2025-09-28', 'lands on the make-up Sunday'],
      ['2025-10-10', 1, '2025-10-11', 'lands on the make-up Saturday'],
      ['2025-10-11', 1, '2025-10-13', 'skips the ordinary Sunday after it'],
      ['2025-09-26', 6, '2025-10-11', 'Sep 28, 29, 30, Oct 9, 10, 11'],
      ['2025-10-03', 1, '2025-10-09', 'starts from a holiday forwards'],
      ['2025-10-03', -1, '2025-09-30', 'starts from a holiday backwards'],
      ['2025-01-27', 1, '2025-02-05', 'jumps Spring Festival 2025'],
      ['2025-02-10', -3, '2025-02-06', 'counts the make-up Saturday Feb 8 backwards'],
      ['2026-02-13', 1, '2026-02-14', 'lands on the 2026 make-up Saturday before Spring Festival'],
      ['2026-02-14', 1, '2026-02-24', 'then jumps the nine-day break'],
      ['2026-02-27', 1, '2026-02-28', 'lands on the make-up Saturday after it'],
      ['2026-10-08', -1, '2026-09-30', 'jumps National Day 2026 backwards'],
      ['2026-09-18', 1, '2026-09-20', 'lands on the make-up Sunday before National Day 2026'],
      ['2025-12-31', 1, '2026-01-04', 'crosses New Year 2026 onto its make-up Sunday'],
    ])('%s %+d → %s (%s)', (from, n, expected) => {
      expect(calendar.addWorkingDays(d(from), n)).toBe(expected);
    });

    it('returns the date itself for n = 0, even on a holiday', () => {
      expect(calendar.addWorkingDays(d('2025-10-01'), 0)).toBe('2025-10-01');
      expect(calendar.addWorkingDays(d('2025-10-09'), 0)).toBe('2025-10-09');
    });

    it('rejects fractional counts', () => {
      expect(() => calendar.addWorkingDays(d('2025-10-09'), 0.5)).toThrow(RangeError);
    });

    it('is inverted by workingDaysBetween across both holiday seasons', () => {
      for (const start of datesFrom('2025-09-15', '2025-10-20')) {
        for (const n of [-30, -7, -1, 1, 7, 30]) {
          expect(calendar.workingDaysBetween(start, calendar.addWorkingDays(start, n))).toBe(n);
        }
      }
      for (const start of datesFrom('2026-02-01', '2026-03-05')) {
        expect(calendar.workingDaysBetween(start, calendar.addWorkingDays(start, 5))).toBe(5);
      }
    });
  });

  describe('next / previous working day', () => {
    it('steps strictly past the given day', () => {
      expect(calendar.nextWorkingDay(d('2025-09-30'))).toBe('2025-10-09');
      expect(calendar.nextWorkingDay(d('2025-10-09'))).toBe('2025-10-10');
      expect(calendar.previousWorkingDay(d('2025-10-09'))).toBe('2025-09-30');
      expect(calendar.previousWorkingDay(d('2025-09-29'))).toBe('2025-09-28');
      expect(calendar.previousWorkingDay(d('2026-02-24'))).toBe('2026-02-14');
    });

    it('keeps a working day in the inclusive variants', () => {
      expect(calendar.nextWorkingDayInclusive(d('2025-10-11'))).toBe('2025-10-11');
      expect(calendar.previousWorkingDayInclusive(d('2025-09-28'))).toBe('2025-09-28');
    });

    it('moves off a holiday in the inclusive variants', () => {
      expect(calendar.nextWorkingDayInclusive(d('2025-10-05'))).toBe('2025-10-09');
      expect(calendar.previousWorkingDayInclusive(d('2025-10-05'))).toBe('2025-09-30');
      expect(calendar.nextWorkingDayInclusive(d('2026-02-20'))).toBe('2026-02-24');
      expect(calendar.previousWorkingDayInclusive(d('2026-02-20'))).toBe('2026-02-14');
    });
  });

  describe('workingDaysBetween', () => {
    it('counts the days after a up to and including b', () => {
      expect(calendar.workingDaysBetween(d('2025-09-30'), d('2025-10-09'))).toBe(1);
      expect(calendar.workingDaysBetween(d('2025-09-26'), d('2025-10-11'))).toBe(6);
      expect(calendar.workingDaysBetween(d('2025-10-01'), d('2025-10-08'))).toBe(0);
      expect(calendar.workingDaysBetween(d('2026-02-13'), d('2026-02-28'))).toBe(6); // 14 (Sat), 24, 25, 26, 27, 28 (Sat)
    });

    it('is zero for the same day and negative backwards', () => {
      expect(calendar.workingDaysBetween(d('2025-10-09'), d('2025-10-09'))).toBe(0);
      expect(calendar.workingDaysBetween(d('2025-10-05'), d('2025-10-05'))).toBe(0);
      expect(calendar.workingDaysBetween(d('2025-10-11'), d('2025-09-26'))).toBe(-6);
    });

    it('walking backwards also counts the end and not the start', () => {
      // From a holiday back to the last working day before it is one working day back, as addWorkingDays says.
      expect(calendar.workingDaysBetween(d('2025-10-03'), d('2025-09-30'))).toBe(-1);
      expect(calendar.addWorkingDays(d('2025-10-03'), -1)).toBe('2025-09-30');
      expect(calendar.workingDaysBetween(d('2025-10-09'), d('2025-10-03'))).toBe(0);
    });
  });

  describe('overrides', () => {
    const overrides: CalendarOverride[] = [
      { date: d('2025-11-12'), kind: 'holiday', name: '市庆日' },
      { date: d('2025-11-15'), kind: 'workday', name: '补班' },
      { date: d('2025-10-08'), kind: 'workday', name: '本地提前上班' },
    ];
    const local = WorkingCalendar.fromChineseDays(overrides);

    it('turns an ordinary weekday into a holiday', () => {
      expect(local.isWorkingDay(d('2025-11-12'))).toBe(false);
      expect(local.dayInfo(d('2025-11-12'))).toEqual({
        date: '2025-11-12',
        working: false,
        kind: 'holiday',
        name: '市庆日',
        source: 'override',
      });
      expect(local.addWorkingDays(d('2025-11-11'), 1)).toBe('2025-11-13');
    });

    it('turns a Saturday into a working day', () => {
      expect(local.dayInfo(d('2025-11-15'))).toMatchObject({
        working: true,
        kind: 'makeup_workday',
        name: '补班',
      });
      expect(local.nextWorkingDay(d('2025-11-14'))).toBe('2025-11-15');
    });

    it('wins over the package’s holiday', () => {
      expect(calendar.isWorkingDay(d('2025-10-08'))).toBe(false);
      expect(local.dayInfo(d('2025-10-08'))).toMatchObject({
        working: true,
        kind: 'workday',
        source: 'override',
      });
      expect(local.addWorkingDays(d('2025-09-30'), 1)).toBe('2025-10-08');
    });

    it('leaves the shared calendar untouched', () => {
      expect(calendar.isWorkingDay(d('2025-11-12'))).toBe(true);
    });

    it('accepts a duplicated row that agrees, and rejects rows that disagree', () => {
      const twice = WorkingCalendar.fromChineseDays([overrides[0], { ...overrides[0], name: '重复' }]);
      expect(twice.isWorkingDay(d('2025-11-12'))).toBe(false);
      expect(() =>
        WorkingCalendar.fromChineseDays([
          overrides[0],
          { date: d('2025-11-12'), kind: 'workday', name: 'x' },
        ]),
      ).toThrow('Conflicting calendar overrides for 2025-11-12');
    });

    it('validates rows coming from the admin table', () => {
      const badDate = { date: '2025-02-30', kind: 'holiday', name: 'x' } as unknown as CalendarOverride;
      const badKind = { date: '2025-02-03', kind: 'rest', name: 'x' } as unknown as CalendarOverride;
      const blankName = { date: d('2025-02-03'), kind: 'holiday', name: '  ' } as CalendarOverride;
      for (const row of [badDate, badKind, blankName]) {
        expect(() => WorkingCalendar.fromChineseDays([row])).toThrow();
      }
    });

    it('fails loudly instead of looping when overrides leave no working day', () => {
      const everyDayOff = datesFrom('2025-11-01', '2026-12-31').map((date): CalendarOverride => ({
        date,
        kind: 'holiday',
        name: 'broken',
      }));
      const broken = WorkingCalendar.fromChineseDays(everyDayOff);
      expect(() => broken.nextWorkingDay(d('2025-11-01'))).toThrow('No working day within 366 days');
    });
  });

  describe('years the package does not know', () => {
    it('knows the years shipped in chinese-days', () => {
      expect(calendar.knowsYear(2004)).toBe(true);
      expect(calendar.knowsYear(2025)).toBe(true);
      expect(calendar.knowsYear(2026)).toBe(true);
    });

    it('reports unknown years so the app can warn admins', () => {
      expect(calendar.knowsYear(2003)).toBe(false);
      expect(calendar.knowsYear(2027)).toBe(false);
    });

    it('falls back to weekends only there', () => {
      // 2027-10-01 is a Friday: certainly a holiday in reality, but nothing says so yet.
      expect(calendar.isWorkingDay(d('2027-10-01'))).toBe(true);
      expect(calendar.dayInfo(d('2027-10-02'))).toMatchObject({ working: false, kind: 'weekend' });
      expect(calendar.addWorkingDays(d('2027-09-30'), 1)).toBe('2027-10-01');
    });

    it('still applies overrides there, and stops warning once admins have entered the year', () => {
      const entered = WorkingCalendar.fromChineseDays(
        [{ date: d('2027-10-01'), kind: 'holiday', name: '国庆节' }],
        {
          yearsEnteredByAdmins: [2027],
        },
      );
      expect(entered.isWorkingDay(d('2027-10-01'))).toBe(false);
      expect(entered.knowsYear(2027)).toBe(true);
      expect(entered.knowsYear(2028)).toBe(false);
    });
  });

  describe('loadChineseDaysSchedule', () => {
    it('reads holidays, make-up days and covered years from the package data', () => {
      const schedule = loadChineseDaysSchedule();
      expect(schedule.holidays.get(d('2026-02-17'))).toBe('春节');
      expect(schedule.workdays.get(d('2025-09-28'))).toBe('国庆节');
      expect(schedule.years.has(2026)).toBe(true);
    });

    it('accepts any source of the same shape', () => {
      const schedule = loadChineseDaysSchedule({
        holidays: { '2030-10-01': 'National Day,国庆节,3' },
        workdays: { '2030-09-29': 'National Day,国庆节,3' },
      });
      const custom = new WorkingCalendar(schedule);
      expect(custom.knowsYear(2030)).toBe(true);
      expect(custom.isWorkingDay(d('2030-10-01'))).toBe(false);
      expect(custom.isWorkingDay(d('2030-09-29'))).toBe(true);
    });

    it('rejects data it cannot read', () => {
      expect(() => loadChineseDaysSchedule({ holidays: {} })).toThrow();
      expect(() => loadChineseDaysSchedule({ holidays: { '2030-13-01': 'x,y,1' }, workdays: {} })).toThrow(
        'malformed date: 2030-13-01',
      );
    });
  });
});
