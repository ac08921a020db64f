/**
 * Reads the deadline wording of Chinese plan texts ("到2020年", "2018年底", "从2017年秋季起", "每年",
 * "力争通过3年努力" …) into dates. Pure: no clock, no IO; relative wording is counted from the plan's issue date.
 *
 * Rules (config/plans/README.md; the same for every plan file and for the importer):
 * - "到2020年", "2020年" alone, "2020年前/以前/之前"      → due 2020-12-31
 * - "2018年底", "2018年年底", "2018年末"                   → due 2018-12-31
 * - "2019年6月底", "2019年6月"                            → due 2019-06-30 (last day of the month)
 * - "2019年6月15日"                                       → due 2019-06-15 (a date that does not exist is rejected)
 * - "2019年上半年" / "下半年"                              → due 2019-06-30 / 2019-12-31
 * - "从2017年秋季起", "2017年秋季学期起"                     → start 2017-09-01 (春季 → 03-01)
 * - "从2017年起", "2018年开始"                             → start 2017-01-01 ("从2020年底开始" → start 2020-12-31)
 * - "2018—2020年", "2018年至2020年"                        → start 2018-01-01, due 2020-12-31
 * - "“十三五”期间", "“十五”期间"                             → start 2016-01-01, due 2020-12-31 / 2001–2005
 * - "三年内", "力争通过3年努力", "用3年时间"                  → due = issue date + 3 years (Chinese numerals too);
 *   counted from a start stated before it: "从2017年起…力争通过3年努力" → due 2019-12-31 (three years, 2017–2019)
 * - "每年", "每学年", "逐年" → yearly; "每学期" → semester; "每季度" → quarterly; "每月" → monthly
 * Traditional input is read the same way (每學期, 兩年內 …); full-width digits too.
 * Years inside 《book titles》 and 〔document numbers〕 are not deadlines and are ignored.
 *
 * When a text holds several dates (a whole paragraph), `start` is the earliest start, `due` the latest
 * absolute due date (relative wording only counts when there is no absolute one), `recurrence` the first.
 * `text` is always the original wording, exactly as written in the input.
 */
import { toSimplified } from '../common/text-normalization';

export const RECURRENCES = ['yearly', 'semester', 'quarterly', 'monthly'] as const;
export type Recurrence = (typeof RECURRENCES)[number];

/** A date read from the text, with the wording it was read from. */
export interface DatedWording {
  /** YYYY-MM-DD */
  date: string;
  /** the original wording, e.g. "到2020年" */
  text: string;
}

export interface DeadlineReading {
  start?: DatedWording;
  due?: DatedWording;
  recurrence?: Recurrence;
  /** "每两年", "每三年一次": the recurrence is every N years (recurrence is then yearly) */
  everyYears?: number;
  /** "长期坚持": a standing duty, no due date */
  standing?: boolean;
  /** "2030年前后": the due date is approximate */
  approximate?: boolean;
}

export interface DeadlineContext {
  /** the plan's issue date (YYYY-MM-DD); relative deadlines ("三年内") count from it */
  issuedOn: string;
}

// ---------------------------------------------------------------------------------------------- dates

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/** True for a YYYY-MM-DD string naming a day that exists (2020-02-29 yes, 2019-02-29 and 2018-02-30 no). */
export function isRealIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function isoDate(year: number, month: number, day: number): string | undefined {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Adds whole years; 29 February becomes 28 February in a non-leap target year. */
export function addYears(date: string, years: number): string {
  const m = ISO_DATE.exec(date);
  if (!m || !isRealIsoDate(date)) throw new RangeError(`not a real YYYY-MM-DD date: "${date}"`);
  const year = Number(m[1]) + years;
  const month = Number(m[2]);
  const day = Math.min(Number(m[3]), daysInMonth(year, month));
  return isoDate(year, month, day) as string;
}

function dayBefore(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  if (day > 1) return isoDate(year, month, day - 1) as string;
  if (month > 1) return isoDate(year, month - 1, daysInMonth(year, month - 1)) as string;
  return isoDate(year - 1, 12, 31) as string;
}

// ------------------------------------------------------------------------------------------ numerals

const CHINESE_DIGITS: Record<string, number> = {
  〇: 0,
  零: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** "3", "三", "两", "十", "十二", "二十", "二十五" → number (up to 99); anything else → undefined. */
export function parseChineseCount(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  if (text.length === 1 && text in CHINESE_DIGITS) return CHINESE_DIGITS[text];
  const m = /^([一二两三四五六七八九])?十([一二三四五六七八九])?$/.exec(text);
  if (!m) return undefined;
  return (m[1] ? CHINESE_DIGITS[m[1]] : 1) * 10 + (m[2] ? CHINESE_DIGITS[m[2]] : 0);
}

/**
 * A five-year plan period: "十一五" … "十九五" with or without quotes; "十五", "九五", "八五" … only quoted or
 * followed by 期间/时期/末 — bare, they are the number fifteen ("十五年", "第十五条") or a 95 ("九五折").
 * Groups: 1 = the digit of 十X五, 2 = the plan's number word of a quoted or period-marked 十五/九五.
 */
const FIVE_YEAR_PERIOD =
  '(?:[“"]?十([一二三四五六七八九])五[”"]?|[“"]([三四五六七八九十])五[”"]|([三四五六七八九十])五(?=期间|时期|末))';

/** The first year of the five-year plan matched by FIVE_YEAR_PERIOD. */
function fiveYearPeriodStart(m: RegExpExecArray): number {
  const plan = m[1]
    ? 10 + CHINESE_DIGITS[m[1]]
    : m[2] === '十' || m[3] === '十'
      ? 10
      : CHINESE_DIGITS[m[2] ?? m[3]];
  return 1966 + 5 * (plan - 3);
}

// ------------------------------------------------------------------------------------------- reading

/**
 * Simplified, half-width, with the same length and indices as the input, so that a match in it can be cut
 * out of the original text. Book titles and document numbers are blanked out.
 */
function comparableForm(text: string): string {
  let simplified = toSimplified(text);
  if (simplified.length !== text.length) {
    simplified = Array.from(text, (ch) => {
      const s = toSimplified(ch);
      return s.length === ch.length ? s : ch;
    }).join('');
  }
  return (
    simplified
      // full-width digits → ASCII
      .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
      // 二〇二〇年 → 2020年
      .replace(/[〇零一二三四五六七八九]{4}(?=年)/g, (y) => Array.from(y, (c) => CHINESE_DIGITS[c]).join(''))
      // years in 《…(2016—2020年)…》 and 〔2017〕 are part of a name, not a deadline
      .replace(/《[^《》]*》|〔[^〔〕]*〕/g, (s) => '□'.repeat(s.length))
      // "2035年远景目标" names the national vision, not a deadline of the plan
      .replace(/(?:19|20)\d{2}年远景(?:目标)?/g, (s) => '□'.repeat(s.length))
  );
}

type Effect =
  | { kind: 'start'; date: string }
  | { kind: 'due'; date: string }
  | { kind: 'range'; start: string; due: string }
  | { kind: 'relative'; years: number }
  | { kind: 'recurrence'; recurrence: Recurrence; every?: number }
  | { kind: 'standing' }
  | { kind: 'rejected' };

interface Rule {
  pattern: RegExp;
  read(m: RegExpExecArray, context: DeadlineContext): Effect;
}

const issueYear = (context: DeadlineContext) => Number(context.issuedOn.slice(0, 4));
const issueMonth = (context: DeadlineContext) => Number(context.issuedOn.slice(5, 7));

const YEAR = '(?<!\\d)((?:19|20|21)\\d{2})';
const DUE_PREFIX = '(?:(?:力争|争取)?(?:到|至|截至|截止到|截止|于|在))?';
const BEFORE = '(?:以前|之前|前)?';
const COUNT = '(\\d{1,2}|[一二两三四五六七八九十]{1,3})';

const SEASON_START: Record<string, number> = { 春: 3, 秋: 9 };

const RECURRENCE_WORDS: Record<string, Recurrence> = {
  年: 'yearly',
  学年: 'yearly',
  年度: 'yearly',
  学期: 'semester',
  季度: 'quarterly',
  季: 'quarterly',
  月: 'monthly',
  个月: 'monthly',
};

const endOfYear = (year: string) => `${year}-12-31`;
const orRejected = (date: string | undefined, kind: 'start' | 'due'): Effect =>
  date ? { kind, date } : { kind: 'rejected' };

const RULES: Rule[] = [
  {
    // 2019—2020学年 → 2019-09-01 … 2020-08-31
    pattern: new RegExp(`${YEAR}\\s*[—–\\-－~～至到]+\\s*${YEAR}学年(?:度)?`, 'g'),
    read: (m) =>
      Number(m[2]) === Number(m[1]) + 1
        ? { kind: 'range', start: `${m[1]}-09-01`, due: `${m[2]}-08-31` }
        : { kind: 'rejected' },
  },
  {
    // 2019年春季学期开学前, (到)秋季开学前 → due the day before the term starts (a year-less one: the next)
    pattern: new RegExp(`(?:(?:到|至|于|在)?(?:${YEAR}年)?)(春|秋)季(?:学期)?开学(?:以|之)?前`, 'g'),
    read: (m, context) => {
      const month = SEASON_START[m[2]];
      let year = m[1] ? Number(m[1]) : issueYear(context);
      if (
        !m[1] &&
        isoDate(year, month, 1) !== undefined &&
        (isoDate(year, month, 1) as string) <= context.issuedOn
      )
        year++;
      return { kind: 'due', date: dayBefore(isoDate(year, month, 1) as string) };
    },
  },
  {
    // 年内, 当年, 今年底(前), 本年度内 → the end of the issue year
    pattern: /(?:今年|本年度?|当年)(?:年?底|末)?(?:以|之)?前|年内|当年内?|本年度内|今年内/g,
    read: (_m, context) => ({ kind: 'due', date: `${issueYear(context)}-12-31` }),
  },
  {
    // 次年3月底前, 明年6月, 次年底 → the year after the issue year
    pattern: /(?:次年|明年|第二年)(?:(\d{1,2})月(?:份)?(?:底|末)?|年?底|末)?(?:以|之)?前?/g,
    read: (m, context) => {
      const year = issueYear(context) + 1;
      const month = m[1] ? Number(m[1]) : 12;
      return month >= 1 && month <= 12
        ? { kind: 'due', date: isoDate(year, month, daysInMonth(year, month)) as string }
        : { kind: 'rejected' };
    },
  },
  {
    // 本学期末 / 本学期结束前: a spring term (issued February–August) ends in July, an autumn term in January
    pattern: /本学期(?:末|结束前|期末)/g,
    read: (_m, context) => {
      const month = issueMonth(context);
      const year = issueYear(context);
      if (month >= 2 && month <= 8) return { kind: 'due', date: `${year}-07-31` };
      return { kind: 'due', date: `${month === 1 ? year : year + 1}-01-31` };
    },
  },
  {
    // 2030年前后: around 2030 — a due date, but an approximate one
    pattern: new RegExp(`${DUE_PREFIX}${YEAR}年(?:前后|左右)`, 'g'),
    read: (m) => ({ kind: 'due', date: endOfYear(m[1]) }),
  },
  {
    // “十四五”末 → due at the end of the period only
    pattern: new RegExp(`${FIVE_YEAR_PERIOD}(?:末|末期|期末)`, 'g'),
    read: (m) => ({ kind: 'due', date: endOfYear(String(fiveYearPeriodStart(m) + 4)) }),
  },
  {
    // 每两年, 每三年一次 → every N years
    pattern: new RegExp(`每(?:隔)?${COUNT}年(?:一次|开展一次|组织一次)?`, 'g'),
    read: (m) => {
      const n = parseChineseCount(m[1]);
      return n && n >= 2 ? { kind: 'recurrence', recurrence: 'yearly', every: n } : { kind: 'rejected' };
    },
  },
  {
    // 长期坚持, 长期任务, 常态化推进: a standing duty
    pattern: /长期坚持|长期任务|长期执行|持续推进|常态化(?:推进|开展)/g,
    read: () => ({ kind: 'standing' }),
  },
  {
    // 2018—2020年, 2018-2020年, 2018年至2020年, 2018～2020年
    pattern: new RegExp(`${YEAR}年?\\s*(?:[—–\\-－~～]+|至|到)\\s*${YEAR}年`, 'g'),
    read: (m) =>
      Number(m[1]) <= Number(m[2])
        ? { kind: 'range', start: `${m[1]}-01-01`, due: endOfYear(m[2]) }
        : { kind: 'rejected' },
  },
  {
    // “十三五”期间 → 2016—2020, “十五”期间 → 2001—2005 (the 3rd plan began in 1966; five years each since)
    pattern: new RegExp(`${FIVE_YEAR_PERIOD}(?:期间|时期)?`, 'g'),
    read: (m) => {
      const first = fiveYearPeriodStart(m);
      return { kind: 'range', start: `${first}-01-01`, due: endOfYear(String(first + 4)) };
    },
  },
  {
    // 从2017年秋季起, 2017年秋季学期起, 从2017年秋季入学; 到2018年秋季 → due
    pattern: new RegExp(
      `(?:(从|自)|(到|至|截至))?${YEAR}年(春|秋)季(?:学期)?(?:入学)?(?:起|开始|以来)?`,
      'g',
    ),
    read: (m) => ({
      kind: m[2] ? 'due' : 'start',
      date: isoDate(Number(m[3]), SEASON_START[m[4]], 1) as string,
    }),
  },
  {
    // 从2017年起, 2018年开始, 从2020年底开始, 自2019年3月起
    pattern: new RegExp(
      `(?:从|自)?${YEAR}年(?:(\\d{1,2})月(?:(\\d{1,2})日)?|年?(底|末|初))?(?:起|开始|以来)`,
      'g',
    ),
    read: (m) => {
      const year = Number(m[1]);
      if (m[4] === '底' || m[4] === '末') return { kind: 'start', date: endOfYear(m[1]) };
      if (m[2]) return orRejected(isoDate(year, Number(m[2]), m[3] ? Number(m[3]) : 1), 'start');
      return { kind: 'start', date: `${m[1]}-01-01` };
    },
  },
  {
    // 2019年6月15日(前)
    pattern: new RegExp(`${DUE_PREFIX}${YEAR}年(\\d{1,2})月(\\d{1,2})[日号]${BEFORE}`, 'g'),
    read: (m) => orRejected(isoDate(Number(m[1]), Number(m[2]), Number(m[3])), 'due'),
  },
  {
    // 2019年6月底, 2019年6月末, 2019年6月(份)(前)
    pattern: new RegExp(`${DUE_PREFIX}${YEAR}年(\\d{1,2})月份?(?:底|末)?${BEFORE}`, 'g'),
    read: (m) => {
      const [year, month] = [Number(m[1]), Number(m[2])];
      return month >= 1 && month <= 12
        ? { kind: 'due', date: isoDate(year, month, daysInMonth(year, month)) as string }
        : { kind: 'rejected' };
    },
  },
  {
    // 2018年底, 2018年年底, 2018年末(前)
    pattern: new RegExp(`${DUE_PREFIX}${YEAR}年年?(?:底|末)${BEFORE}`, 'g'),
    read: (m) => ({ kind: 'due', date: endOfYear(m[1]) }),
  },
  {
    // 2019年上半年 / 下半年 / 年中
    pattern: new RegExp(`${DUE_PREFIX}${YEAR}年(上半年|下半年|年中)${BEFORE}`, 'g'),
    read: (m) => ({ kind: 'due', date: m[2] === '下半年' ? endOfYear(m[1]) : `${m[1]}-06-30` }),
  },
  {
    // 到2020年, 2017年, 2020年前, 2020年度
    pattern: new RegExp(`${DUE_PREFIX}${YEAR}年度?${BEFORE}(?![级龄])`, 'g'),
    read: (m) => ({ kind: 'due', date: endOfYear(m[1]) }),
  },
  {
    // 三年内, 两年之内, 5年以内
    pattern: new RegExp(`(?:力争|争取)?(?:在|用|通过|经过)?${COUNT}年(?:以|之)?内`, 'g'),
    read: (m) => ({ kind: 'relative', years: parseChineseCount(m[1]) as number }),
  },
  {
    // 力争通过3年努力, 用3年时间, 经过两年左右的时间
    pattern: new RegExp(`(?:力争|争取)?(?:通过|经过|用|利用|花)${COUNT}年(?:左右)?(?:的)?(?:时间|努力)`, 'g'),
    read: (m) => ({ kind: 'relative', years: parseChineseCount(m[1]) as number }),
  },
  {
    // 每年, 每学年, 每学期, 每季度, 每月, 每个月, 逐年
    pattern: /每一?个?(学年|年度|年|学期|季度|季|个月|月)|逐年/g,
    read: (m) => ({ kind: 'recurrence', recurrence: m[1] ? RECURRENCE_WORDS[m[1]] : 'yearly' }),
  },
];

interface Match {
  index: number;
  end: number;
  order: number;
  effect: Effect;
}

function findMatches(comparable: string, context: DeadlineContext): Match[] {
  const all: Match[] = [];
  RULES.forEach((rule, order) => {
    rule.pattern.lastIndex = 0;
    for (let m = rule.pattern.exec(comparable); m; m = rule.pattern.exec(comparable)) {
      const effect = rule.read(m, context);
      if (effect.kind === 'relative' && !(effect.years > 0)) continue;
      all.push({ index: m.index, end: m.index + m[0].length, order, effect });
    }
  });
  // The longest wording wins ("2018年年底" over "2018年", "从2017年秋季起" over "2017年"); then the earliest.
  all.sort((a, b) => b.end - b.index - (a.end - a.index) || a.index - b.index || a.order - b.order);
  const kept: Match[] = [];
  for (const m of all) {
    if (kept.every((k) => m.end <= k.index || m.index >= k.end)) kept.push(m);
  }
  return kept.sort((a, b) => a.index - b.index);
}

/**
 * Reads start, due date and recurrence from deadline wording (a phrase or a whole paragraph).
 * Returns null when the text holds no deadline wording (or only dates that do not exist, e.g. 2月30日).
 */
export function readDeadline(text: string, context: DeadlineContext): DeadlineReading | null {
  if (!isRealIsoDate(context.issuedOn)) {
    throw new RangeError(`readDeadline: issuedOn must be a real YYYY-MM-DD date, got "${context.issuedOn}"`);
  }
  const starts: DatedWording[] = [];
  /** starts stated as such ("从2022年起"), which win over the first year of a period ("“十四五”期间") */
  const explicitStarts: DatedWording[] = [];
  const dues: DatedWording[] = [];
  let everyYears: number | undefined;
  let standing = false;
  let approximate: DatedWording | undefined;
  const relatives: DatedWording[] = [];
  let recurrence: Recurrence | undefined;

  for (const { index, end, effect } of findMatches(comparableForm(text), context)) {
    const wording = text.slice(index, end);
    switch (effect.kind) {
      case 'start':
        starts.push({ date: effect.date, text: wording });
        explicitStarts.push({ date: effect.date, text: wording });
        break;
      case 'due':
        dues.push({ date: effect.date, text: wording });
        if (/前后|左右/.test(wording)) approximate = { date: effect.date, text: wording };
        break;
      case 'range':
        starts.push({ date: effect.start, text: wording });
        dues.push({ date: effect.due, text: wording });
        break;
      case 'relative': {
        // Counted from a start the text states before it ("从2017年起…力争通过3年努力" → 2017–2019), else from
        // the issue date.
        const from = starts.at(-1);
        const date = from
          ? dayBefore(addYears(from.date, effect.years))
          : addYears(context.issuedOn, effect.years);
        relatives.push({ date, text: from ? text.slice(text.indexOf(from.text), end) : wording });
        break;
      }
      case 'recurrence':
        if (!recurrence) {
          recurrence = effect.recurrence;
          everyYears = effect.every;
        }
        break;
      case 'standing':
        standing = true;
        break;
      case 'rejected':
        break;
    }
  }

  const earliest = (list: DatedWording[]) => list.reduce((a, b) => (b.date < a.date ? b : a));
  const latest = (list: DatedWording[]) => list.reduce((a, b) => (b.date > a.date ? b : a));
  const reading: DeadlineReading = {};
  if (explicitStarts.length) reading.start = earliest(explicitStarts);
  else if (starts.length) reading.start = earliest(starts);
  if (dues.length) reading.due = latest(dues);
  else if (relatives.length) reading.due = latest(relatives);
  if (recurrence) reading.recurrence = recurrence;
  if (everyYears) reading.everyYears = everyYears;
  if (standing) reading.standing = true;
  if (approximate && reading.due?.date === approximate.date) reading.approximate = true;
  return reading.start || reading.due || reading.recurrence || reading.standing ? reading : null;
}
