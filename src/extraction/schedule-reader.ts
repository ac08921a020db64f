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
/** in a goal section, a list may start at its first year: "到2018年，…；到2020年，…" */
const YEAR_START = /(?<=^|[。；;，,:：]\s*)(?=(?:到|至)(?:19|20)\d{2}年(?:底|末)?\s*[,，])/g;
const SEGMENT = /^(?:(?:到|至)\s*)?((?:19|20)\d{2})年(?:底|末)?\s*[,，:：]\s*[^;；。]+/;

/**
 * Segments of a "目标：YYYY年，…；YYYY年，…" list (at least two), or none; in a goal section (`goal`) also a list
 * that begins at its first year ("到2018年，全州实现…基本均衡；到2020年，…").
 */
export function readDatedSchedule(text: string, options: { goal?: boolean } = {}): ScheduleSegment[] {
  const c = comparable(text);
  const start = options.goal
    ? new RegExp(`${SCHEDULE_START.source}|${YEAR_START.source}`, 'g')
    : SCHEDULE_START;
  start.lastIndex = 0;
  for (let m = start.exec(c); m; m = start.exec(c)) {
    // the "到2018年，" anchor matches no characters: step past it
    if (m[0] === '') start.lastIndex++;
    const segments: ScheduleSegment[] = [];
    let at = m.index + m[0].length;
    for (;;) {
      const s = SEGMENT.exec(c.slice(at));
      if (!s) break;
      const yearAt = at + s[0].indexOf(s[1]);
      segments.push({
        start: at,
        end: at + s[0].length,
        yearText: text.slice(yearAt, yearAt + s[1].length + 1),
      });
      at += s[0].length;
      const sep =
        /^\s*[;；。]\s*(?=(?:到|至)?\s*(?:19|20)\d{2}年)/.exec(c.slice(at)) ??
        /^\s*[;；]\s*/.exec(c.slice(at));
      if (!sep) break;
      at += sep[0].length;
    }
    if (segments.length >= 2) return segments;
  }
  return [];
}

/** A county schedule found in running text, with where its words are in the text given. */
export interface RunningSchedule extends CountySchedule {
  start: number;
  end: number;
}

const YEAR_LEAD = /((?:19|20)\d{2})\s*年(?:年?底|末)?(?:前)?\s*[,，:：]?\s*/g;
const COUNTY_SHAPE = /^[\p{Script=Han}]{1,10}?(?:自治县|自治旗|县|区|市|旗)/u;
/** words that make a "…县/区/市" span a phrase, not a name (全州实现县域, 各县区) */
const NOT_A_NAME = /[全各个所等内域实现通过达到完成部这该其每本我]/;
const LIST_SEPARATOR = /^\s*(?:[、,，]|和|及|与)\s*/;

/**
 * County schedules written in running text: "2025年思茅區、寧洱縣、鎮沅縣。……2028年景東縣，2029年墨江縣、景谷縣",
 * "到2032年底，貢山縣、蘭坪縣實現…；2033年底，瀘水市實現…". A year followed directly by a list of county
 * names; `countyForms` are the names (and short forms) of the issuer's counties — when given, only those count,
 * so "2018年，全州实现县域内…" is not a schedule. Each year is one schedule; none when nothing is found.
 */
export function readRunningSchedules(text: string, countyForms: string[] = []): RunningSchedule[] {
  const c = comparable(text);
  const forms = [...new Set(countyForms.map((f) => comparable(f)))].sort((a, b) => b.length - a.length);
  const nameAt = (rest: string): string | null => {
    if (forms.length)
      return forms.find((f) => f.length >= 2 && rest.startsWith(f) && COUNTY_SHAPE.test(f)) ?? null;
    const m = COUNTY_SHAPE.exec(rest);
    return m && m[0].length >= 2 && m[0].length <= 8 && !NOT_A_NAME.test(m[0]) ? m[0] : null;
  };
  const out: RunningSchedule[] = [];
  YEAR_LEAD.lastIndex = 0;
  for (let m = YEAR_LEAD.exec(c); m; m = YEAR_LEAD.exec(c)) {
    // a year inside a range or a date (2018—2020年, 2022年3月) is not a schedule's year
    if (
      /[—–\-~～至到]\s*$/.test(c.slice(Math.max(0, m.index - 2), m.index)) &&
      /\d/.test(c[m.index - 2] ?? '')
    )
      continue;
    let at = m.index + m[0].length;
    const counties: string[] = [];
    for (;;) {
      const name = nameAt(c.slice(at));
      if (!name) break;
      counties.push(text.slice(at, at + name.length));
      at += name.length;
      const sep = LIST_SEPARATOR.exec(c.slice(at));
      // "，2029年…" begins the next year's group
      if (!sep || /^\s*\d/.test(c.slice(at + sep[0].length))) break;
      if (!nameAt(c.slice(at + sep[0].length))) break;
      at += sep[0].length;
    }
    if (!counties.length) continue;
    const yearEnd = c.indexOf('年', m.index) + 1;
    out.push({
      year: Number(m[1]),
      yearText: text.slice(m.index, yearEnd),
      counties,
      start: m.index,
      end: at,
    });
    YEAR_LEAD.lastIndex = at;
  }
  return out;
}
