import type { Locale } from '../locale';

const ZONE = 'Asia/Shanghai';
const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

interface Parts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/** A calendar date `YYYY-MM-DD` as it is, or an instant in Asia/Shanghai. */
function partsOf(value: Date | string): Parts | null {
  if (typeof value === 'string') {
    const m = /^(\d{4})-(\d{2})-(\d{2})(?:$|T)/.exec(value);
    if (!m) return null;
    if (value.length > 10) return partsOf(new Date(value));
    return { year: +m[1], month: +m[2], day: +m[3], hour: 0, minute: 0 };
  }
  if (Number.isNaN(value.getTime())) return null;
  const shifted = new Date(value.getTime() + 8 * 3600_000); // Asia/Shanghai has no daylight saving
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
  };
}

const two = (n: number): string => String(n).padStart(2, '0');

/** 2026年12月5日 · 5 Dec 2026; '—' for no date. Deadlines are calendar dates: never shifted by a time zone. */
export function formatDate(locale: Locale, value: Date | string | null | undefined): string {
  const p = value ? partsOf(value) : null;
  if (!p) return value ? String(value) : '—';
  return locale === 'en'
    ? `${p.day} ${EN_MONTHS[p.month - 1]} ${p.year}`
    : `${p.year}年${p.month}月${p.day}日`;
}

/** 12月5日 · 5 Dec: a date within the current year's context (timelines, reminders). */
export function formatMonthDay(locale: Locale, value: Date | string | null | undefined): string {
  const p = value ? partsOf(value) : null;
  if (!p) return '—';
  return locale === 'en' ? `${p.day} ${EN_MONTHS[p.month - 1]}` : `${p.month}月${p.day}日`;
}

/** 2026年12月5日 15:44 · 5 Dec 2026 15:44, in Asia/Shanghai (the reader's office, wherever the server is). */
export function formatDateTime(locale: Locale, value: Date | string | null | undefined): string {
  const p = value ? partsOf(value) : null;
  if (!p) return '—';
  return `${formatDate(locale, `${p.year}-${two(p.month)}-${two(p.day)}`)} ${two(p.hour)}:${two(p.minute)}`;
}

/** 12月5日 15:44 · 5 Dec 15:44 (audit sentences, timelines). */
export function formatMonthDayTime(locale: Locale, value: Date | string | null | undefined): string {
  const p = value ? partsOf(value) : null;
  if (!p) return '—';
  return `${formatMonthDay(locale, `${p.year}-${two(p.month)}-${two(p.day)}`)} ${two(p.hour)}:${two(p.minute)}`;
}

/** 0.2 → 20% (draft confidences, shares). */
export function formatPercent(value: number | null | undefined, digits = 0): string {
  return value === null || value === undefined || !Number.isFinite(value)
    ? '—'
    : `${(value * 100).toFixed(digits)}%`;
}

export const TIME_ZONE = ZONE;
