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
import { type Message, msg } from '../common/i18n/catalog';

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

/** How far ahead the admin is warned about a year without an official schedule (the notice comes in November). */
export const CALENDAR_WARNING_DAYS = 90;

/**
 * Years touched by the next `aheadDays` days (today included) that neither chinese-days nor an admin covers:
 * counting there falls back to Monday–Friday, which is wrong around 元旦 and 春节.
 */
export function yearsWithoutOfficialCalendar(
  calendar: Pick<WorkingCalendar, 'knowsYear'>,
  today: CalendarDate,
  aheadDays: number = CALENDAR_WARNING_DAYS,
): number[] {
  const years: number[] = [];
  for (let year = yearOf(today); year <= yearOf(addDays(today, aheadDays)); year++) {
    if (!calendar.knowsYear(year)) years.push(year);
  }
  return years;
}

/** A year's schedule as the State Council's notice states it: days off, and weekend days worked (调休上班). */
export interface YearNotice {
  /** `2027-01-01`, `2027-02-06..2027-02-12`, each optionally followed by a name: `2027-02-06..2027-02-12 春节`. */
  holidays: readonly string[];
  workdays: readonly string[];
}

const NOTICE_LINE = /^(\d{4}-\d{2}-\d{2})(?:\s*(?:\.\.|–|—|~|至)\s*(\d{4}-\d{2}-\d{2}))?(?:\s+(.+))?$/;

/**
 * A line as the notice writes it, "2027年1月1日至1月3日 元旦" or "2027年1月1日至3日 元旦", in the ISO form
 * NOTICE_LINE reads ("2027-01-01..2027-01-03 元旦"); an ISO line is left as it is.
 */
export function noticeLineAsIso(line: string): string {
  const iso = (y: string, m: string, d: string) => `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  return line
    .trim()
    .replace(
      /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日(?:\s*(?:至|到|—|–|~|-)\s*(?:(\d{4})\s*年\s*)?(?:(\d{1,2})\s*月\s*)?(\d{1,2})\s*日)?/,
      (_, y: string, m: string, d: string, y2?: string, m2?: string, d2?: string) =>
        d2 ? `${iso(y, m, d)}..${iso(y2 ?? y, m2 ?? m, d2)}` : iso(y, m, d),
    )
    .replace(/^(\d{4}-\d{2}-\d{2}(?:\.\.\d{4}-\d{2}-\d{2})?)(?=[^\s.])/, '$1 ');
}
const MAX_NOTICE_RANGE_DAYS = 31;

/**
 * Reads a year notice into override rows; problems (a bad line, a date outside the year, a day listed as both,
 * a make-up working day that is not a weekend day) are all reported together and nothing is returned then.
 */
export function parseYearNotice(
  year: number,
  notice: YearNotice,
): { overrides: CalendarOverride[]; problems: Message[] } {
  const problems: Message[] = [];
  const byDate = new Map<CalendarDate, CalendarOverride>();
  const read = (lines: readonly string[], kind: CalendarOverrideKind, defaultName: string) => {
    for (const raw of lines) {
      const line = raw.trim();
      if (!line) continue;
      const match = NOTICE_LINE.exec(noticeLineAsIso(line));
      if (!match || !isCalendarDate(match[1]) || (match[2] && !isCalendarDate(match[2]))) {
        problems.push(msg('calendar.not_a_date_line', { line }));
        continue;
      }
      const from = match[1];
      const to = match[2] ?? from;
      const name = (match[3] ?? defaultName).trim().slice(0, 100);
      if (to < from || addDays(from, MAX_NOTICE_RANGE_DAYS) < to) {
        problems.push(msg('calendar.bad_range', { line }));
        continue;
      }
      for (let day = from; day <= to; day = addDays(day, 1)) {
        if (yearOf(day) !== year) {
          problems.push(msg('calendar.day_not_in_year', { day, year }));
          continue;
        }
        if (kind === 'workday' && !isWeekend(day)) {
          problems.push(msg('calendar.workday_not_weekend', { day }));
          continue;
        }
        const existing = byDate.get(day);
        if (existing && existing.kind !== kind) {
          problems.push(msg('calendar.holiday_and_workday', { day }));
          continue;
        }
        byDate.set(day, { date: day, kind, name });
      }
    }
  };
  read(notice.holidays, 'holiday', '法定节假日');
  read(notice.workdays, 'workday', '调休上班');
  if (byDate.size === 0 && problems.length === 0) problems.push(msg('calendar.no_dates'));
  if (problems.length) return { overrides: [], problems };
  return { overrides: [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : 1)), problems };
}
