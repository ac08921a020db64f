/**
 * Calendar dates (a day on the wall calendar in Asia/Shanghai, no time, no zone) as `YYYY-MM-DD` strings.
 *
 * Why strings and not `Date`: a JS `Date` is an instant, and local-time arithmetic on it silently depends on
 * the server's TZ. Deadlines in plans are civil dates, PostgreSQL `date` columns come back as these strings,
 * and they sort and compare lexicographically. All arithmetic below goes through an integer "epoch day"
 * (days since 1970-01-01), so no local time is ever involved.
 *
 * The type is branded: only `parseCalendarDate` / `isCalendarDate` (or the arithmetic here) produce one, so
 * an unvalidated `'2025-2-30'` cannot reach the policies.
 */

import { z } from 'zod';

export type CalendarDate = string & { readonly __brand: 'CalendarDate' };

/** The zone every deadline in Duban is read in. China has had no DST since 1991, so it is a fixed UTC+8. */
export const SHANGHAI_TIME_ZONE = 'Asia/Shanghai';

const MS_PER_DAY = 86_400_000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** True for a real date in `YYYY-MM-DD` form (year 0001–9999): `2024-02-29` yes, `2025-02-29` / `2025-2-3` no. */
export function isCalendarDate(value: unknown): value is CalendarDate {
  if (typeof value !== 'string') return false;
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Validates and brands a date string; throws a `RangeError` naming the bad value. */
export function parseCalendarDate(value: string): CalendarDate {
  if (!isCalendarDate(value))
    throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${JSON.stringify(value)}`);
  return value;
}

export function yearOf(date: CalendarDate): number {
  return Number(date.slice(0, 4));
}

/**
 * Days since 1970-01-01 (negative before), by integer arithmetic on the proleptic Gregorian calendar
 * (H. Hinnant's days_from_civil): the reminder planner calls this hundreds of thousands of times, and building
 * a Date for each call was most of its cost.
 */
export function toEpochDay(date: CalendarDate): number {
  const d = (c: number) => date.charCodeAt(c) - 48;
  let y = d(0) * 1000 + d(1) * 100 + d(2) * 10 + d(3);
  const m = d(5) * 10 + d(6);
  const day = d(8) * 10 + d(9);
  if (m <= 2) y -= 1;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function fromEpochDay(epochDay: number): CalendarDate {
  if (!Number.isInteger(epochDay)) throw new RangeError(`Epoch day must be an integer, got ${epochDay}`);
  const z = epochDay + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  if (year < 1 || year > 9999) throw new RangeError(`Date out of range (year ${year})`);
  return formatParts(year, month, day);
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  if (!Number.isInteger(days)) throw new RangeError(`Days must be an integer, got ${days}`);
  return fromEpochDay(toEpochDay(date) + days);
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return toEpochDay(to) - toEpochDay(from);
}

/** -1, 0 or 1; usable as an `Array.prototype.sort` comparator. */
export function compareDates(a: CalendarDate, b: CalendarDate): -1 | 0 | 1 {
  // The format is fixed-width, so string order is date order.
  return a < b ? -1 : a > b ? 1 : 0;
}

export function isBefore(a: CalendarDate, b: CalendarDate): boolean {
  return a < b;
}

export function isAfter(a: CalendarDate, b: CalendarDate): boolean {
  return a > b;
}

export function minDate(first: CalendarDate, ...rest: CalendarDate[]): CalendarDate {
  return rest.reduce((min, d) => (d < min ? d : min), first);
}

export function maxDate(first: CalendarDate, ...rest: CalendarDate[]): CalendarDate {
  return rest.reduce((max, d) => (d > max ? d : max), first);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: CalendarDate): number {
  // 1970-01-01 was a Thursday (ISO 4).
  return ((((toEpochDay(date) + 3) % 7) + 7) % 7) + 1;
}

export function isWeekend(date: CalendarDate): boolean {
  return isoWeekday(date) >= 6;
}

/** The calendar date it is at `now` in `timeZone` (default Shanghai). `now` is injected so callers can pin a clock. */
export function todayIn(now: Date, timeZone: string = SHANGHAI_TIME_ZONE): CalendarDate {
  const parts = zonedParts(now, timeZone);
  return formatParts(parts.year, parts.month, parts.day);
}

/** The calendar date in Shanghai at `now`. */
export function todayInShanghai(now: Date): CalendarDate {
  return todayIn(now, SHANGHAI_TIME_ZONE);
}

/** Validates a wall-clock time `HH:mm` (00:00–23:59). */
export function isTimeOfDay(value: unknown): value is string {
  return typeof value === 'string' && TIME_PATTERN.test(value);
}

/**
 * The instant at which the wall clock in `timeZone` shows `date` `time` (`HH:mm`).
 *
 * Works for any IANA zone through `Intl` (no tz library): guess the instant as if the zone were UTC, read the
 * zone's offset at that guess, correct, and re-read once so a DST change between guess and answer is honoured.
 * A wall time skipped by a DST gap resolves to the instant after the gap; Shanghai has no gaps.
 */
export function zonedDateTimeToUtc(
  date: CalendarDate,
  time: string,
  timeZone: string = SHANGHAI_TIME_ZONE,
): Date {
  const key = `${date}T${time}@${timeZone}`;
  let instant = zonedInstants.get(key);
  if (instant === undefined) {
    const match = TIME_PATTERN.exec(time);
    if (!match) throw new RangeError(`Not a time of day (HH:mm): ${JSON.stringify(time)}`);
    const wallAsUtc = toEpochDay(date) * MS_PER_DAY + (Number(match[1]) * 60 + Number(match[2])) * 60_000;
    instant = wallAsUtc - offsetMs(new Date(wallAsUtc), timeZone);
    instant = wallAsUtc - offsetMs(new Date(instant), timeZone);
    // Intl formatting is slow and planners ask for the same few send times again and again.
    if (zonedInstants.size >= 20_000) zonedInstants.clear();
    zonedInstants.set(key, instant);
  }
  return new Date(instant);
}

const zonedInstants = new Map<string, number>();

interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function zonedParts(instant: Date, timeZone: string): ZonedParts {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // Throws RangeError for an unknown zone, which is the validation we want.
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  const parts: Record<string, number> = {};
  for (const part of formatter.formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    hour: parts.hour,
    minute: parts.minute,
    second: parts.second,
  };
}

/** The zone's UTC offset at `instant`, in milliseconds (Shanghai: +8 h). */
function offsetMs(instant: Date, timeZone: string): number {
  const p = zonedParts(instant, timeZone);
  const wallAsUtc = new Date(0);
  wallAsUtc.setUTCFullYear(p.year, p.month - 1, p.day);
  wallAsUtc.setUTCHours(p.hour, p.minute, p.second);
  const wholeSeconds = Math.floor(instant.getTime() / 1000) * 1000;
  return wallAsUtc.getTime() - wholeSeconds;
}

function formatParts(year: number, month: number, day: number): CalendarDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` as CalendarDate;
}

/** Zod schema for a `YYYY-MM-DD` field in config files, DTOs and admin-edited rows. */
export const calendarDateSchema = z.custom<CalendarDate>(isCalendarDate, {
  message: 'must be a real calendar date in YYYY-MM-DD form',
});
