import {
  addDays,
  calendarDateSchema,
  compareDates,
  daysBetween,
  daysInMonth,
  fromEpochDay,
  isAfter,
  isBefore,
  isCalendarDate,
  isoWeekday,
  isTimeOfDay,
  isWeekend,
  maxDate,
  minDate,
  parseCalendarDate,
  toEpochDay,
  todayIn,
  todayInShanghai,
  yearOf,
  zonedDateTimeToUtc,
  type CalendarDate,
} from './calendar-date';

const d = parseCalendarDate;

describe('CalendarDate', () => {
  describe('parseCalendarDate / isCalendarDate', () => {
    it.each(['2025-01-01', '2024-02-29', '2000-02-29', '2025-12-31', '0001-01-01', '9999-12-31'])(
      'accepts %s',
      (value) => {
        expect(isCalendarDate(value)).toBe(true);
        expect(parseCalendarDate(value)).toBe(value);
      },
    );

    it.each([
      ['2025-02-30', 'day past month end'],
      ['2025-02-29', 'Feb 29 in a common year'],
      ['1900-02-29', 'century that is not a leap year'],
      ['2025-04-31', '30-day month'],
      ['2025-13-01', 'month 13'],
      ['2025-00-10', 'month 0'],
      ['2025-01-00', 'day 0'],
      ['0000-01-01', 'year 0'],
      ['2025-2-3', 'no zero padding'],
      ['2025/02/03', 'wrong separator'],
      ['2025-02-03T00:00:00Z', 'an instant, not a date'],
      [' 2025-02-03', 'leading space'],
      ['', 'empty'],
    ])('rejects %s (%s)', (value) => {
      expect(isCalendarDate(value)).toBe(false);
      expect(() => parseCalendarDate(value)).toThrow(RangeError);
    });

    it('rejects non-strings in the type guard', () => {
      expect(isCalendarDate(20250203)).toBe(false);
      expect(isCalendarDate(new Date('2025-02-03'))).toBe(false);
      expect(isCalendarDate(null)).toBe(false);
    });

    it('names the bad value in the error', () => {
      expect(() => parseCalendarDate('2025-02-30')).toThrow('"2025-02-30"');
    });

    it('validates through the zod schema', () => {
      expect(calendarDateSchema.parse('2026-10-01')).toBe('2026-10-01');
      expect(calendarDateSchema.safeParse('2026-02-29').success).toBe(false);
    });
  });

  it('knows month lengths including leap years', () => {
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2025, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(daysInMonth(2100, 2)).toBe(28);
    expect(daysInMonth(2025, 4)).toBe(30);
    expect(daysInMonth(2025, 12)).toBe(31);
  });

  describe('arithmetic', () => {
    it('adds days across month, year and leap-day boundaries', () => {
      expect(addDays(d('2025-01-31'), 1)).toBe('2025-02-01');
      expect(addDays(d('2024-02-28'), 1)).toBe('2024-02-29');
      expect(addDays(d('2025-02-28'), 1)).toBe('2025-03-01');
      expect(addDays(d('2025-12-31'), 1)).toBe('2026-01-01');
      expect(addDays(d('2026-01-01'), -1)).toBe('2025-12-31');
      expect(addDays(d('2025-10-01'), 0)).toBe('2025-10-01');
      expect(addDays(d('2025-01-01'), 365)).toBe('2026-01-01');
    });

    it('rejects fractional day counts', () => {
      expect(() => addDays(d('2025-01-01'), 1.5)).toThrow(RangeError);
    });

    it('round-trips epoch days, including years below 100 that Date.UTC would read as 19xx', () => {
      expect(toEpochDay(d('1970-01-01'))).toBe(0);
      expect(toEpochDay(d('1969-12-31'))).toBe(-1);
      expect(fromEpochDay(toEpochDay(d('2025-10-08')))).toBe('2025-10-08');
      expect(fromEpochDay(toEpochDay(d('0050-03-01')))).toBe('0050-03-01');
      expect(() => fromEpochDay(0.5)).toThrow(RangeError);
      expect(() => addDays(d('9999-12-31'), 1)).toThrow(RangeError);
    });

    it('counts calendar days between dates, signed', () => {
      expect(daysBetween(d('2025-01-28'), d('2025-02-04'))).toBe(7);
      expect(daysBetween(d('2025-02-04'), d('2025-01-28'))).toBe(-7);
      expect(daysBetween(d('2024-03-01'), d('2025-03-01'))).toBe(365);
      expect(daysBetween(d('2023-03-01'), d('2024-03-01'))).toBe(366);
    });

    it('compares dates', () => {
      const dates = [d('2026-02-15'), d('2025-10-01'), d('2025-12-31')];
      expect([...dates].sort(compareDates)).toEqual(['2025-10-01', '2025-12-31', '2026-02-15']);
      expect(compareDates(d('2025-01-01'), d('2025-01-01'))).toBe(0);
      expect(isBefore(d('2025-09-30'), d('2025-10-01'))).toBe(true);
      expect(isAfter(d('2025-09-30'), d('2025-10-01'))).toBe(false);
      expect(minDate(d('2025-10-08'), d('2025-09-28'), d('2025-10-11'))).toBe('2025-09-28');
      expect(maxDate(d('2025-10-08'), d('2025-09-28'), d('2025-10-11'))).toBe('2025-10-11');
      expect(yearOf(d('2026-02-17'))).toBe(2026);
    });
  });

  it('computes ISO weekdays', () => {
    expect(isoWeekday(d('1970-01-01'))).toBe(4); // Thursday
    expect(isoWeekday(d('2025-01-26'))).toBe(7); // Sunday
    expect(isoWeekday(d('2025-02-08'))).toBe(6); // Saturday
    expect(isoWeekday(d('2025-10-01'))).toBe(3); // Wednesday
    expect(isoWeekday(d('2026-02-16'))).toBe(1); // Monday
    expect(isoWeekday(d('1969-12-29'))).toBe(1); // Monday, before the epoch
    expect(isWeekend(d('2025-10-11'))).toBe(true);
    expect(isWeekend(d('2025-10-10'))).toBe(false);
  });

  describe('today in a zone from an injected clock', () => {
    it('is already the next day in Shanghai at 16:00 UTC', () => {
      expect(todayInShanghai(new Date('2025-09-30T15:59:59.999Z'))).toBe('2025-09-30');
      expect(todayInShanghai(new Date('2025-09-30T16:00:00.000Z'))).toBe('2025-10-01');
    });

    it('rolls over the year', () => {
      expect(todayInShanghai(new Date('2025-12-31T16:30:00Z'))).toBe('2026-01-01');
    });

    it('supports other zones and rejects unknown ones', () => {
      expect(todayIn(new Date('2025-10-01T02:00:00Z'), 'America/New_York')).toBe('2025-09-30');
      expect(() => todayIn(new Date('2026-11-25T02:00:00Z'), 'Mars/Olympus_Mons')).toThrow(RangeError);
    });
  });

  describe('zonedDateTimeToUtc', () => {
    it('reads 09:00 Shanghai as 01:00 UTC', () => {
      expect(zonedDateTimeToUtc(d('2025-09-30'), '09:00').toISOString()).toBe('2025-09-30T01:00:00.000Z');
    });

    it('reads 07:30 Shanghai as the previous UTC day', () => {
      expect(zonedDateTimeToUtc(d('2026-01-01'), '07:30').toISOString()).toBe('2025-12-31T23:30:00.000Z');
    });

    it('honours DST in zones that have it', () => {
      // Berlin: UTC+1 in winter, UTC+2 in summer.
      expect(zonedDateTimeToUtc(d('2025-01-15'), '09:00', 'Europe/Berlin').toISOString()).toBe(
        '2025-01-15T08:00:00.000Z',
      );
      expect(zonedDateTimeToUtc(d('2025-07-15'), '09:00', 'Europe/Berlin').toISOString()).toBe(
        '2025-07-15T07:00:00.000Z',
      );
      // 2025-03-30 02:30 does not exist in Berlin; it resolves to 03:30 CEST.
      expect(zonedDateTimeToUtc(d('2025-03-30'), '02:30', 'Europe/Berlin').toISOString()).toBe(
        '2025-03-30T01:30:00.000Z',
      );
    });

    it.each(['9:00', '24:00', '09:60', '0900', ''])('rejects the time %j', (time) => {
      expect(isTimeOfDay(time)).toBe(false);
      expect(() => zonedDateTimeToUtc(d('2025-01-01'), time)).toThrow(RangeError);
    });

    it('accepts the day boundaries as times', () => {
      expect(isTimeOfDay('00:00')).toBe(true);
      expect(isTimeOfDay('23:59')).toBe(true);
    });
  });

  it('brands dates so plain strings do not type-check', () => {
    const plain = '2025-01-01';
    // @ts-expect-error a plain string is not a CalendarDate until parsed
    const unchecked: CalendarDate = plain;
    expect(unchecked).toBe(plain);
  });
});
