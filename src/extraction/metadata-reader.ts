/**
 * Reads what the plan says about itself: its title (the plan's own, not the covering notice's "关于印发…的
 * 通知"), 文号, issuer, issue date, and the documents it implements (the 〔〕号 references of its preamble).
 * Sources in order of trust: the page's metadata table (文号, 发布机构), the document's own lines (a 文号 line
 * under the title, the signature and date at the end or under the notice), the title itself.
 */
import { isRealIsoDate } from '../plans/deadline-reading.policy';
import type { PageMetadata } from './furniture-stripping';
import { comparable, parseNumeral } from './source-text';

export interface FieldSource {
  /** the source text the value was read from */
  excerpt: string;
  confidence: number;
}

export interface PlanMetadata {
  title: string;
  titleLine: number;
  docNumber: string | null;
  issuer: string;
  issuedOn: string | null;
  implements: string[];
  /** first line of the plan's numbered body (the first heading after the title) */
  bodyStart: number;
  /** lines after the body that are signature, date or 附件 list, not part of any item */
  bodyEnd: number;
  sources: Record<'title' | 'docNumber' | 'issuer' | 'issuedOn' | 'implements', FieldSource>;
}

const GENRE =
  '(?:实施方案|工作方案|行动方案|方案|实施意见|指导意见|意见|实施办法|办法|规划|行动计划|计划|纲要|规定|细则|要点|决定|通知)';
const TITLE_END = new RegExp(`${GENRE}$`);
const NOTICE = /(?:关于)?(?:印发|转发|下发|颁发)/;
/** 文号: agency abbreviation, year in 〔〕 (or [] 【】 ()), serial number, 号 */
export const DOC_NUMBER =
  /([\p{Script=Han}]{1,10}?)\s*[〔[【(（]\s*((?:19|20)\d{2})\s*[〕\]】)）]\s*(?:第\s*)?(\d{1,4})\s*号/gu;
const LEADING_FUNCTION_WORDS = /^(?:根据|依据|按照|贯彻|落实|印发|转发|文件|和|及|与|的|为|以|发)+/;
const HEADING_START =
  /^(?:第[一二三四五六七八九十]{1,3}(?:部分|章)|[一二三四五六七八九十]{1,3}\s*[、.．]|\([一二三四五六七八九十]{1,3}\)|\d{1,2}\s*[.、．](?!\d))/;
const TOP_HEADING = /^(?:第[一二三四五六七八九十]{1,3}(?:部分|章)|[一二三四五六七八九十]{1,3}\s*[、.．])/;
const DATE_LINE =
  /^(\d{4}|[〇零一二三四五六七八九]{4})\s*年\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*日$/;
const ORG_LINE = /(?:人民政府|政府|办公室|办公厅|委员会|局|厅|委|领导小组)$/;

/** "2018年3月19日", "二〇一八年三月十九日", "2018-10-28 17:45" → 2018-03-19. */
export function readDate(text: string): string | null {
  const c = comparable(text).trim();
  const iso = /^((?:19|20)\d{2})[-/.](\d{1,2})[-/.](\d{1,2})/.exec(c);
  const cn =
    /((?:19|20)\d{2}|[〇零一二三四五六七八九]{4})\s*年\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*日/.exec(
      c,
    );
  const m = iso ?? cn;
  if (!m) return null;
  const year = /^\d+$/.test(m[1])
    ? Number(m[1])
    : Number(Array.from(m[1], (d) => parseNumeral(d) ?? 0).join(''));
  const month = parseNumeral(m[2]) ?? 0;
  const day = parseNumeral(m[3]) ?? 0;
  const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return isRealIsoDate(date) ? date : null;
}

/**
 * A 文号 whose brackets a web copy lost, both or only the closing one ("教督20176号", "国办发〔201772号",
 * "株政发  20182" or "治政办[201793" on a line of its own): the agency ends in a document-type character and
 * the four-digit year runs into the number.
 */
const LOST_BRACKETS =
  /([\p{Script=Han}]{1,10}?(?:发|督|办|函|字|委|令|规|通|室|厅))\s*[〔[【(（]?\s*((?:19|20)\d{2})\s*(\d{1,3})\s*号/gu;
const LOST_BRACKETS_LINE =
  /^([\p{Script=Han}]{1,10}?(?:发|督|办|函|字|委|令|规|通|室|厅))\s*[〔[【(（]?\s*((?:19|20)\d{2})\s*(\d{1,3})$/u;

export interface DocNumberMatch {
  /** as written; restored ("教督〔2017〕6号") when the brackets were lost */
  value: string;
  start: number;
  end: number;
  /** brackets (and 号) put back: a person should check it */
  restored?: boolean;
}

/** Every 文号 in `text`, as written (square brackets too), and those whose brackets a web copy lost. */
export function docNumbersIn(text: string): DocNumberMatch[] {
  const c = comparable(text);
  const out: DocNumberMatch[] = [];
  DOC_NUMBER.lastIndex = 0;
  for (let m = DOC_NUMBER.exec(c); m; m = DOC_NUMBER.exec(c)) {
    const agency = m[1].replace(LEADING_FUNCTION_WORDS, '');
    if (!agency) continue;
    const start = m.index + (m[1].length - agency.length);
    const end = m.index + m[0].length;
    out.push({ value: text.slice(start, end).replace(/\s+/g, ''), start, end });
  }
  const restore = (agencyWritten: string, m: RegExpExecArray, start: number, end: number) => {
    const agency = comparable(agencyWritten).replace(LEADING_FUNCTION_WORDS, '');
    if (agency.length < 2 || out.some((o) => start < o.end && end > o.start)) return;
    const from = start + (agencyWritten.length - agency.length);
    out.push({
      value: `${text.slice(from, from + agency.length)}〔${m[2]}〕${m[3]}号`,
      start: from,
      end,
      restored: true,
    });
  };
  LOST_BRACKETS.lastIndex = 0;
  for (let m = LOST_BRACKETS.exec(c); m; m = LOST_BRACKETS.exec(c)) {
    restore(text.slice(m.index, m.index + m[1].length), m, m.index, m.index + m[0].length);
  }
  const line = LOST_BRACKETS_LINE.exec(c.trim());
  if (line && out.length === 0) {
    const at = c.indexOf(line[1]);
    restore(text.slice(at, at + line[1].length), line, at, c.trimEnd().length);
  }
  return out.sort((a, b) => a.start - b.start);
}

interface TitleCandidate {
  /** comparable form, for matching */
  text: string;
  /** as written (whitespace removed) */
  original: string;
  line: number;
  notice: boolean;
}

function titleCandidates(lines: string[], from: number, to: number): TitleCandidate[] {
  const out: TitleCandidate[] = [];
  for (let i = from; i < to; i++) {
    const c = comparable(lines[i]).replace(/\s+/g, '');
    if (!c || /[。！？]/.test(c) || /[:：]$/.test(c) || c.length > 90) continue;
    const original = lines[i].replace(/\s+/g, '');
    if (TITLE_END.test(c) && c.length >= 6) {
      out.push({ text: c, original, line: i, notice: /通知$/.test(c) && NOTICE.test(c) });
      continue;
    }
    // a title broken over lines (with blank lines between): join with the next non-empty line
    let j = i + 1;
    while (j < to && lines[j].trim() === '' && j - i <= 3) j++;
    if (j >= to) continue;
    const next = comparable(lines[j]).replace(/\s+/g, '');
    const joined = `${c}${next}`;
    // a signature or a date is not the first half of a title
    if (DATE_LINE.test(c) || readDate(c) !== null || (ORG_LINE.test(c) && c.length <= 20)) continue;
    if (docNumbersIn(c).some((d) => d.value.length >= c.length - 2)) continue;
    if (
      c.length >= 4 &&
      next.length <= 40 &&
      TITLE_END.test(next) &&
      joined.length <= 90 &&
      !/[。，,；;]/.test(joined)
    ) {
      out.push({
        text: joined,
        original: `${original}${lines[j].replace(/\s+/g, '')}`,
        line: i,
        notice: /通知$/.test(joined) && NOTICE.test(joined),
      });
      i = j;
    }
  }
  return out;
}

/** The plan inside a notice title: "关于印发《X》的通知" → X; "…关于转发X的通知" → X (`c` is comparable). */
function planTitleFromNotice(c: string, original = c): string | null {
  const quoted = /《([^《》]+)》/.exec(c);
  if (quoted) return original.slice(quoted.index + 1, quoted.index + 1 + quoted[1].length);
  const m = /(?:印发|转发|下发)(.+?)的通知$/.exec(c);
  if (!m) return null;
  const start = m.index + m[0].length - '的通知'.length - m[1].length;
  return original.slice(start, start + m[1].length);
}

/** The issuer named before 关于 in a title: "安溪县人民政府办公室关于印发…" → 安溪县人民政府办公室. */
function issuerFromTitle(title: string): string | null {
  const m = /^(.+?(?:人民政府办公室|人民政府办公厅|人民政府|政府办公室|办公室|办公厅|委员会|局|厅))关于/.exec(
    title,
  );
  return m ? m[1] : null;
}

export function readMetadata(lines: string[], meta: PageMetadata): PlanMetadata {
  const n = lines.length;
  const cLines = lines.map((l) => comparable(l).trim());
  // the title stands before the first 一、 heading (a "附件：1.…" list in a notice is no heading)
  const firstTop = cLines.findIndex((c) => TOP_HEADING.test(c));
  const firstHeading = firstTop >= 0 ? firstTop : cLines.findIndex((c) => HEADING_START.test(c));
  const headEnd = firstHeading >= 0 ? firstHeading : n;

  // ---- title
  const candidates = titleCandidates(lines, 0, headEnd);
  const own = [...candidates].reverse().find((c) => !c.notice);
  const notice = candidates.find((c) => c.notice);
  let title = '';
  let titleLine = -1;
  let titleSource: FieldSource = { excerpt: '', confidence: 0 };
  if (own) {
    title = own.original;
    titleLine = own.line;
    titleSource = { excerpt: lines[own.line].trim(), confidence: 0.9 };
  } else if (notice && planTitleFromNotice(notice.text, notice.original)) {
    title = planTitleFromNotice(notice.text, notice.original) as string;
    titleLine = notice.line;
    titleSource = { excerpt: lines[notice.line].trim(), confidence: 0.7 };
  } else if (meta.title) {
    const original = meta.title.replace(/\s+/g, '');
    title = planTitleFromNotice(comparable(original), original) ?? original;
    titleSource = { excerpt: meta.title, confidence: 0.6 };
  } else {
    const first = cLines.findIndex((c) => c.length >= 4);
    title = first >= 0 ? lines[first].trim().slice(0, 60) : '';
    titleLine = first;
    titleSource = { excerpt: first >= 0 ? lines[first].trim() : '', confidence: 0.2 };
  }
  // an issuer written before the title with a space ("晋中市人民政府 关于…") stays part of the title

  // ---- the body starts at the first heading after the title; when the plan has 一、 (or 第一部分) headings,
  // at the first of those (numbered lines before it are a list in the preamble)
  const afterTitle = titleLine >= 0 ? titleLine + 1 : 0;
  const topHeading = cLines.findIndex((c, i) => i >= afterTitle && TOP_HEADING.test(c));
  let bodyStart =
    topHeading >= 0 ? topHeading : cLines.findIndex((c, i) => i >= afterTitle && HEADING_START.test(c));
  if (bodyStart < 0) bodyStart = cLines.findIndex((c) => HEADING_START.test(c));
  if (bodyStart < 0) bodyStart = n;

  // ---- the end of the body: signature, date, 附件 list, 抄送 lines
  let bodyEnd = n;
  const attachments = cLines.findIndex(
    (c, i) => i > bodyStart && /^附件\s*\d*\s*[:：]?/.test(c) && c.length <= 60,
  );
  if (attachments > 0) bodyEnd = attachments;
  for (let i = bodyEnd - 1; i > bodyStart; i--) {
    const c = cLines[i].replace(/\s+/g, '');
    if (c === '') continue;
    if (
      DATE_LINE.test(c) ||
      (c.length <= 30 && ORG_LINE.test(c) && !/[，,。；;]/.test(c)) ||
      /^(?:抄送|印发|抄报)/.test(c)
    ) {
      bodyEnd = i;
      continue;
    }
    break;
  }

  // ---- 文号: page metadata, a 文号 line before the preamble, the title's own parentheses
  let docNumber: string | null = null;
  let docSource: FieldSource = { excerpt: '', confidence: 0.5 };
  const metaNumber = meta.docNumber ? docNumbersIn(meta.docNumber)[0] : undefined;
  if (metaNumber) {
    docNumber = metaNumber.value;
    docSource = { excerpt: `文号 ${meta.docNumber}`, confidence: 0.95 };
  } else {
    for (let i = 0; i < bodyStart && docNumber === null; i++) {
      const c = cLines[i].replace(/\s+/g, '');
      const found = docNumbersIn(lines[i].trim());
      const own = found.length === 1 && found[0].value.replace(/\s+/g, '').length >= c.length - 2;
      // a 文号 that begins the line, the title after it ("凌政办发[2020]35号凌海市…的通知")
      const leading =
        found.length >= 1 && found[0].start === 0 && /(?:通知|方案|意见|办法|细则|规划)$/.test(c);
      if (own || leading) {
        docNumber = found[0].value;
        docSource = {
          excerpt: lines[i].trim(),
          confidence: found[0].restored ? 0.55 : leading && !own ? 0.8 : 0.9,
        };
      }
    }
    if (docNumber === null && titleLine >= 0) {
      const inTitle = docNumbersIn(lines[titleLine]);
      if (inTitle.length) {
        docNumber = inTitle[0].value;
        docSource = { excerpt: lines[titleLine].trim(), confidence: 0.7 };
      }
    }
  }
  if (docNumber === null) docSource = { excerpt: '', confidence: 0.5 };

  // ---- issue date: a date line of its own (signature), the metadata table, "于…印发"
  let issuedOn: string | null = null;
  let dateSource: FieldSource = { excerpt: '', confidence: 0 };
  let dateLine = -1;
  for (let i = 0; i < n; i++) {
    if (i >= bodyStart && i < bodyEnd) continue;
    const c = cLines[i].replace(/\s+/g, '');
    if (DATE_LINE.test(c) || /^[(（]?\d{4}年\d{1,2}月\d{1,2}日[)）]?$/.test(c)) {
      const date = readDate(c);
      if (date) {
        issuedOn = date;
        dateLine = i;
        dateSource = { excerpt: lines[i].trim(), confidence: 0.9 };
        break;
      }
    }
  }
  if (!issuedOn && meta.date && readDate(meta.date)) {
    issuedOn = readDate(meta.date);
    dateSource = { excerpt: meta.date, confidence: 0.8 };
  }
  if (!issuedOn) {
    for (let i = 0; i < bodyStart; i++) {
      const m = /(\d{4}年\d{1,2}月\d{1,2}日)(?:印发|发布|颁布|公布)/.exec(cLines[i]);
      if (m && readDate(m[1])) {
        issuedOn = readDate(m[1]);
        dateSource = { excerpt: lines[i].trim(), confidence: 0.7 };
        break;
      }
    }
  }

  // ---- issuer: page metadata, "X关于…" in a title, the line above the date, "X于…印发"
  let issuer = '';
  let issuerSource: FieldSource = { excerpt: '', confidence: 0 };
  const fromTitles = [notice?.text, own?.text, comparable(title).replace(/\s+/g, '')]
    .map((t) => (t ? issuerFromTitle(t) : null))
    .find(Boolean);
  if (meta.issuer) {
    issuer = comparable(meta.issuer).replace(/\s+/g, '');
    issuerSource = { excerpt: meta.issuer, confidence: 0.9 };
  } else if (fromTitles) {
    issuer = fromTitles;
    issuerSource = { excerpt: notice ? lines[notice.line].trim() : titleSource.excerpt, confidence: 0.85 };
  } else {
    for (let i = dateLine - 1; i >= 0 && i >= dateLine - 3; i--) {
      const c = cLines[i].replace(/\s+/g, '');
      if (c && ORG_LINE.test(c) && c.length <= 30) {
        issuer = c;
        issuerSource = { excerpt: lines[i].trim(), confidence: 0.8 };
        break;
      }
    }
    if (!issuer) {
      for (let i = 0; i < bodyStart && !issuer; i++) {
        const m =
          /([\p{Script=Han}]{2,20}?(?:人民政府办公室|人民政府办公厅|人民政府|办公室|局))[^。]{0,12}?于?\d{4}年\d{1,2}月\d{1,2}日(?:印发|发布)/u.exec(
            cLines[i],
          );
        if (m) {
          issuer = m[1].replace(/^.*(?:经|已经|由)/, '');
          issuerSource = { excerpt: lines[i].trim(), confidence: 0.7 };
        }
      }
    }
    if (!issuer) {
      // the last line of the document naming an organisation (a signature without a date)
      for (let i = n - 1; i >= bodyEnd; i--) {
        const c = cLines[i].replace(/\s+/g, '');
        if (c && ORG_LINE.test(c) && c.length <= 30) {
          issuer = c;
          issuerSource = { excerpt: lines[i].trim(), confidence: 0.6 };
          break;
        }
      }
    }
  }

  // ---- implemented documents: the 文号 of the preamble (between the title and the first heading)
  const implementsList: string[] = [];
  const preambleFrom = titleLine >= 0 ? titleLine + 1 : 0;
  const preamble: string[] = [];
  for (let i = preambleFrom; i < bodyStart; i++) {
    for (const d of docNumbersIn(lines[i])) {
      if (d.value === docNumber) continue;
      if (!implementsList.some((x) => comparable(x) === comparable(d.value))) implementsList.push(d.value);
    }
    if (lines[i].trim()) preamble.push(lines[i].trim());
  }

  return {
    title,
    titleLine,
    docNumber,
    issuer,
    issuedOn,
    implements: implementsList,
    bodyStart,
    bodyEnd,
    sources: {
      title: titleSource,
      docNumber: docSource,
      issuer: issuerSource,
      issuedOn: dateSource,
      implements: {
        excerpt: preamble.join('\n').slice(0, 400),
        confidence: implementsList.length ? 0.85 : 0.5,
      },
    },
  };
}
