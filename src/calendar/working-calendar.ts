/**
 * Which days are working days in mainland China, for counting deadlines and reminder offsets.
 *
 * Layers, highest first:
 * 1. the admin override table (rows `{date, kind, name}`) — for local holidays, or a State Council notice the
 *    installed `chinese-days` does not know yet;
 * 2. the official schedule shipped in the `chinese-days` package: statutory holidays (放假, including weekdays
 *    taken off in lieu) and make-up working days on weekends (调休上班);
 * 3. Monday–Friday work, Saturday/Sunday rest.
 *
 * A year the package has no data for falls through to layer 3, which is wrong around every festival; callers
 * check `knowsYear` and warn admins rather than silently mis-counting.
 */
import chineseDaysJson from 'chinese-days/dist/chinese-days.json';
import { z } from 'zod';

import {
  addDays,
  calendarDateSchema,
  isCalendarDate,
  isWeekend,
  yearOf,
  type CalendarDate,
} from '../common/calendar-date';

export type CalendarOverrideKind = 'holiday' | 'workday';

/** One admin-editable row of the override table. */
export interface CalendarOverride {
  date: CalendarDate;
  kind: CalendarOverrideKind;
  name: string;
}

export const calendarOverrideSchema = z.object({
  date: calendarDateSchema,
  kind: z.enum(['holiday', 'workday']),
  name: z.string().trim().min(1).max(100),
});

/** The official schedule in a form independent of where it came from. */
export interface OfficialSchedule {
  /** Days off by statute, weekend days inside a holiday included; value is the festival name (e.g. 国庆节). */
  holidays: ReadonlyMap<CalendarDate, string>;
  /** Weekend days that are working days (调休上班); value is the festival they make up for. */
  workdays: ReadonlyMap<CalendarDate, string>;
  /** Years the schedule covers. */
  years: ReadonlySet<number>;
}

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeup_workday';

export interface DayInfo {
  date: CalendarDate;
  working: boolean;
  kind: DayKind;
  /** Festival or override name; null for an ordinary weekday or weekend. */
  name: string | null;
  source: 'override' | 'official' | 'weekday_rule';
}

export interface WorkingCalendarOptions {
  /**
   * Years whose whole schedule admins have typed into the override table (the package lags the State
   * Council notice, usually published in November). `knowsYear` then stops warning for them.
   */
  yearsEnteredByAdmins?: readonly number[];
}

/** No real calendar has a year without working days; more than this in a row means a broken override table. */
const MAX_CONSECUTIVE_DAYS_OFF = 366;

// `chinese-days` stores entries as "English name,中文名,days", e.g. "National Day,国庆节,3".
const chineseDaysDataSchema = z.object({
  holidays: z.record(z.string()),
  workdays: z.record(z.string()),
});

/** Reads the package's bundled JSON (the same data its `isWorkday` uses) into an `OfficialSchedule`. */
export function loadChineseDaysSchedule(raw: unknown = chineseDaysJson): OfficialSchedule {
  const data = chineseDaysDataSchema.parse(raw);
  const years = new Set<number>();
  const toMap = (entries: Record<string, string>): Map<CalendarDate, string> => {
    const map = new Map<CalendarDate, string>();
    for (const [date, label] of Object.entries(entries)) {
      if (!isCalendarDate(date)) throw new Error(`chinese-days data has a malformed date: ${date}`);
      const fields = label.split(',');
      map.set(date, (fields[1] ?? fields[0]).trim());
      years.add(yearOf(date));
    }
    return map;
  };
  return { holidays: toMap(data.holidays), workdays: toMap(data.workdays), years };
}

let bundledSchedule: OfficialSchedule | undefined;

export class WorkingCalendar {
  private readonly overrides: ReadonlyMap<CalendarDate, CalendarOverride>;
  private readonly knownYears: ReadonlySet<number>;

  /** The usual construction: package data plus the override table. */
  static fromChineseDays(
    overrides: readonly CalendarOverride[] = [],
    options: WorkingCalendarOptions = {},
  ): WorkingCalendar {
    bundledSchedule ??= loadChineseDaysSchedule();
    return new WorkingCalendar(bundledSchedule, overrides, options);
  }

  constructor(
    private readonly official: OfficialSchedule,
    overrides: readonly CalendarOverride[] = [],
    options: WorkingCalendarOptions = {},
  ) {
    const byDate = new Map<CalendarDate, CalendarOverride>();
    for (const row of overrides) {
      const parsed = calendarOverrideSchema.parse(row);
      const existing = byDate.get(parsed.date);
      // Two rows that disagree about one day are an admin error; picking one silently would hide it.
      if (existing && existing.kind !== parsed.kind) {
        throw new Error(
          `Conflicting calendar overrides for ${parsed.date}: ${existing.kind} and ${parsed.kind}`,
        );
      }
      byDate.set(parsed.date, parsed);
    }
    this.overrides = byDate;
    this.knownYears = new Set([...official.years, ...(options.yearsEnteredByAdmins ?? [])]);
  }

  /** False for a year neither the package nor the admins cover: counting there uses weekends only. */
  knowsYear(year: number): boolean {
    return this.knownYears.has(year);
  }

  dayInfo(date: CalendarDate): DayInfo {
    const weekend = isWeekend(date);
    const override = this.overrides.get(date);
    if (override) {
      const working = override.kind === 'workday';
      return {
        date,
        working,
        kind: listedDayKind(working, weekend),
        name: override.name,
        source: 'override',
      };
    }
    const holiday = this.official.holidays.get(date);
    if (holiday !== undefined) {
      return { date, working: false, kind: 'holiday', name: holiday, source: 'official' };
    }
    const makeUp = this.official.workdays.get(date);
    if (makeUp !== undefined) {
      return { date, working: true, kind: listedDayKind(true, weekend), name: makeUp, source: 'official' };
    }
    return {
      date,
      working: !weekend,
      kind: weekend ? 'weekend' : 'workday',
      name: null,
      source: 'weekday_rule',
    };
  }

  isWorkingDay(date: CalendarDate): boolean {
    return this.dayInfo(date).working;
  }

  /**
   * Moves `n` working days from `date` (backwards when negative); the days in between that are not working
   * days are skipped, and `date` itself is never counted. `n = 0` returns `date` unchanged, even on a holiday.
   */
  addWorkingDays(date: CalendarDate, n: number): CalendarDate {
    if (!Number.isInteger(n)) throw new RangeError(`Working days must be an integer, got ${n}`);
    const step = n < 0 ? -1 : 1;
    let current = date;
    for (let remaining = Math.abs(n); remaining > 0; remaining--) {
      current = this.scan(addDays(current, step), step);
    }
    return current;
  }

  /** The first working day strictly after `date`. */
  nextWorkingDay(date: CalendarDate): CalendarDate {
    return this.scan(addDays(date, 1), 1);
  }

  /** `date` if it is a working day, else the next one. */
  nextWorkingDayInclusive(date: CalendarDate): CalendarDate {
    return this.scan(date, 1);
  }

  /** The last working day strictly before `date`. */
  previousWorkingDay(date: CalendarDate): CalendarDate {
    return this.scan(addDays(date, -1), -1);
  }

  /** `date` if it is a working day, else the previous one. */
  previousWorkingDayInclusive(date: CalendarDate): CalendarDate {
    return this.scan(date, -1);
  }

  /**
   * Signed count of the working days stepped on when walking from `a` to `b`: `a` itself is not counted, `b` is,
   * in either direction. So due tomorrow = 1, due today = 0, and `addWorkingDays(a, workingDaysBetween(a, b))`
   * is `b` whenever `b` is a working day, forwards and backwards.
   */
  workingDaysBetween(a: CalendarDate, b: CalendarDate): number {
    const step = a <= b ? 1 : -1;
    let count = 0;
    for (let day = a; day !== b;) {
      day = addDays(day, step);
      if (this.isWorkingDay(day)) count++;
    }
    return step > 0 ? count : -count || 0; // `|| 0` keeps -0 out of results
  }

  /** The first working day from `start` (inclusive) walking in direction `step`. */
  private scan(start: CalendarDate, step: 1 | -1): CalendarDate {
    let day = start;
    for (let tries = 0; tries < MAX_CONSECUTIVE_DAYS_OFF; tries++) {
      if (this.isWorkingDay(day)) return day;
      day = addDays(day, step);
    }
    throw new Error(
      `No working day within ${MAX_CONSECUTIVE_DAYS_OFF} days of ${start}; check the override table`,
    );
  }
}

/** Kind of a day that the override table or the official schedule names explicitly. */
function listedDayKind(working: boolean, weekend: boolean): DayKind {
  if (!working) return 'holiday';
  return weekend ? 'makeup_workday' : 'workday';
}
