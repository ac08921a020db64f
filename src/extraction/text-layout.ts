/**
 * Repairs the two layouts copied text arrives in besides one paragraph per line:
 * - run-on text, where a web page lost its line breaks ("…发展。二、工作目标 到2020年…（一）…"): a long line is
 *   split before each heading number that follows the end of a sentence;
 * - hard-wrapped text (copied from a PDF), where a paragraph is broken every N characters: a line as wide as
 *   the text's usual width that does not end a sentence is joined with the next one.
 * Lines are the unit everything downstream reads, so this runs first. Pure.
 */
import { comparable } from './source-text';

const CN = '[一二三四五六七八九十]{1,3}';
/** a heading number right after the end of a sentence (or a colon), inside a line */
const INLINE_HEADING = new RegExp(
  `(?<=[。；;:：!?！？)）])\\s*(?=(?:第${CN}部分|${CN}、|[(（]${CN}[)）]|\\d{1,2}[.、．](?!\\d)|项目\\d{1,2}[:：]|——))`,
  'g',
);
/** a section heading glued to the last word of the previous paragraph ("…服务局(二)统筹推进…建设。") */
const GLUED_HEADING = new RegExp(
  // not a word ending in a numeral: "标准统一、…", "之一、", "逐一、"
  `(?<=[\\p{Script=Han}])(?<![统唯之第同万逐划专单合归])(?=(?:[(（]${CN}[)）]|${CN}、)[^。，,；;()（）]{2,30}[。：:])`,
  'gu',
);
const HEADING_START = new RegExp(
  `^\\s*(?:第${CN}部分|${CN}\\s*[、.．]|[(（]${CN}[)）]|\\d{1,2}\\s*[.、．](?!\\d)|项目\\d|——)`,
);
const SENTENCE_END = /[。；;：:！？!?”」』)）]\s*$/;

/**
 * The title of a one-line copy, glued to the preamble: "…实施方案为巩固…" — cut after the genre word when the
 * preamble's usual opening follows (为, 根据, 按照 …).
 */
const TITLE_THEN_PREAMBLE =
  /^[^。，,；;：:]{6,60}?(?:实施方案|工作方案|实施意见|实施细则|实施办法|行动计划|发展规划|方案|意见|规划|办法)(?=(?:为了?|根据|按照|依据|遵照|现就|贯彻)[^。]{4,})/;

/** Splits run-on lines (over 120 characters) before the heading numbers inside them. */
function splitRunOn(lines: string[]): string[] {
  return lines.flatMap((line, index) => {
    if (line.length <= 120) return [line];
    const c = comparable(line);
    const cuts = new Set<number>();
    const title =
      index === lines.findIndex((l) => l.trim() !== '') ? TITLE_THEN_PREAMBLE.exec(c.trimStart()) : null;
    if (title) cuts.add(c.length - c.trimStart().length + title[0].length);
    for (const pattern of [INLINE_HEADING, GLUED_HEADING]) {
      pattern.lastIndex = 0;
      for (let m = pattern.exec(c); m; m = pattern.exec(c)) {
        if (m.index + m[0].length < line.length) cuts.add(m.index + m[0].length);
        if (m[0] === '') pattern.lastIndex++;
      }
    }
    if (cuts.size < 2) return [line];
    const parts: string[] = [];
    let from = 0;
    for (const cut of [...cuts].sort((a, b) => a - b)) {
      parts.push(line.slice(from, cut));
      from = cut;
    }
    parts.push(line.slice(from));
    return parts.filter((p) => p.trim() !== '');
  });
}

/**
 * The text's line width when it is hard-wrapped: most non-empty lines have (about) one length; else null.
 */
function wrapWidth(lines: string[]): number | null {
  const lengths = lines.map((l) => l.trim().length).filter((n) => n >= 10);
  if (lengths.length < 10) return null;
  const counts = new Map<number, number>();
  for (const n of lengths) counts.set(n, (counts.get(n) ?? 0) + 1);
  const [width, count] = [...counts.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0];
  const near = lengths.filter((n) => Math.abs(n - width) <= 2).length;
  return width <= 80 && count >= 3 && near / lengths.length >= 0.4 ? width : null;
}

/** Joins the lines of hard-wrapped paragraphs. */
function unwrap(lines: string[]): string[] {
  const width = wrapWidth(lines);
  if (width === null) return lines;
  const out: string[] = [];
  for (const line of lines) {
    const previous = out.length ? out[out.length - 1] : undefined;
    const joinable =
      previous !== undefined &&
      previous.trim().length >= width - 2 &&
      !SENTENCE_END.test(comparable(previous)) &&
      line.trim() !== '' &&
      !HEADING_START.test(comparable(line));
    if (joinable) out[out.length - 1] = `${previous.trimEnd()}${line.trim()}`;
    else out.push(line);
  }
  return out;
}

/**
 * Pinyin a web converter wrote after characters ("發(fā)展", "國發(fā)〔2016〕40號", "社會(huì )"): a bracketed
 * lower-case syllable with a tone mark right after a Han character. Without the tone mark it may be a word of
 * the text ("(PPP)", "(a)"), so it stays.
 */
const PINYIN_AFTER_HAN = /(?<=\p{Script=Han})[(（]\s*[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*\s*[)）]/gu;

/** The text without the pinyin a web converter wrote after its characters. */
export function removeInsertedPinyin(text: string): string {
  return text.replace(PINYIN_AFTER_HAN, '');
}

/**
 * Spaces a web copy turned into "?" (non-breaking and ideographic spaces re-encoded into a charset without them):
 * "?" opening a line, standing between spaces, or in a run. A plan writes its question marks full-width, after
 * a word, one at a time. Replaced one for one, so indices stay put.
 */
const LOST_SPACES = /^[ \t]*\?+|\?{2,}|(?<=\s)\?+(?=\s|$)/gm;

/** The text with the spaces a web copy turned into "?" put back. */
export function restoreLostSpaces(text: string): string {
  return text.replace(LOST_SPACES, (m) => m.replace(/\?/g, ' '));
}

/** The text as one paragraph per line. */
export function normalizeLayout(text: string): string {
  const lines = restoreLostSpaces(removeInsertedPinyin(text.replace(/\r\n?/g, '\n'))).split('\n');
  return unwrap(splitRunOn(lines)).join('\n');
}
