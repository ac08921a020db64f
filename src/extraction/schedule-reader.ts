/**
 * Dated schedules inside a plan:
 * - county schedules, one line per year ("——2023年灵武市", "——2025年西夏区、永宁县"): each county is a
 *   milestone of its own (indicator CERT, led by the county government);
 * - yearly targets listed after "目标：" ("全市目标：2017年，…；2018年，…；2020年，…"): each year is a dated
 *   target item of its own.
 * Pure; offsets refer to the text given.
 */
import { comparable } from './source-text';

export interface CountySchedule {
  year: number;
  /** the year as written ("2023年") */
  yearText: string;
  /** county names as written, in order */
  counties: string[];
}

const COUNTY = /^[\p{Script=Han}]{1,8}?(?:自治县|县|区|市|旗)$/u;

/** "2025年西夏區、永寧縣" → { year: 2025, counties: ["西夏區", "永寧縣"] }; null for anything else. */
export function readCountySchedule(text: string): CountySchedule | null {
  const c = comparable(text).trim();
  const m = /^(?:到|至|于)?((?:19|20)\d{2})\s*年(?:底|前)?\s*[:：,，]?\s*(.+?)\s*[;；。.]?$/.exec(c);
  if (!m) return null;
  const listStart = c.indexOf(m[2], m[1].length);
  const names = m[2].split(/[、，,和及]/).map((n) => n.trim());
  if (names.length === 0 || !names.every((n) => COUNTY.test(n))) return null;
  const original = text.trim();
  const counties: string[] = [];
  let at = listStart;
  for (const n of names) {
    const i = c.indexOf(n, at);
    counties.push(original.slice(i, i + n.length));
    at = i + n.length;
  }
  return {
    year: Number(m[1]),
    yearText: original.slice(c.indexOf(m[1]), c.indexOf('年', c.indexOf(m[1])) + 1),
    counties,
  };
}

export interface ScheduleSegment {
  start: number;
  end: number;
  /** the year as written, "2017年" */
  yearText: string;
}

const SCHEDULE_START = /(?:目标|安排|步骤|进度|计划)[:：]\s*/g;
const SEGMENT = /^((?:19|20)\d{2})年(?:底|末)?\s*[,，:：]\s*[^;；。]+/;

/** Segments of a "目标：YYYY年，…；YYYY年，…" list (at least two), or none. */
export function readDatedSchedule(text: string): ScheduleSegment[] {
  const c = comparable(text);
  SCHEDULE_START.lastIndex = 0;
  for (let m = SCHEDULE_START.exec(c); m; m = SCHEDULE_START.exec(c)) {
    const segments: ScheduleSegment[] = [];
    let at = m.index + m[0].length;
    for (;;) {
      const s = SEGMENT.exec(c.slice(at));
      if (!s) break;
      segments.push({ start: at, end: at + s[0].length, yearText: text.slice(at, at + s[1].length + 1) });
      at += s[0].length;
      const sep = /^\s*[;；]\s*/.exec(c.slice(at));
      if (!sep) break;
      at += sep[0].length;
    }
    if (segments.length >= 2) return segments;
  }
  return [];
}
