/**
 * The two forms of the source text the extractor works with. Rules match on the **comparable** form
 * (Simplified, ASCII digits and brackets) which has exactly the length of the original, so that every match
 * can be cut out of the original text for excerpts. Names and titles shown to people are Simplified.
 */
import { Converter } from 'opencc-js';
import { toSimplified } from '../common/text-normalization';
import type { SourceScript } from '../plans/plan-file.schema';

/** Full-width ASCII (！ … ～) → ASCII, ideographic space → space; one character for one. */
function halfWidth(text: string): string {
  return text.replace(/[\uff01-\uff5e\u3000]/g, (ch) =>
    ch === '\u3000' ? ' ' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0),
  );
}

/**
 * Simplified, half-width, same length and indices as the input: `comparable(text).slice(a, b)` and
 * `text.slice(a, b)` are the same words.
 */
export function comparable(text: string): string {
  const narrow = halfWidth(text);
  const simplified = toSimplified(narrow);
  if (simplified.length === narrow.length) return simplified;
  return Array.from(narrow, (ch) => {
    const s = toSimplified(ch);
    return s.length === ch.length ? s : ch;
  }).join('');
}

/** Traditional when more than 2 % of the Chinese characters change under Traditional → Simplified. */
export function detectScript(text: string): SourceScript {
  const han = text.match(/\p{Script=Han}/gu) ?? [];
  if (han.length === 0) return 'simplified';
  const sample = han.slice(0, 20000).join('');
  const simplified = toSimplified(sample);
  let changed = 0;
  for (let i = 0; i < Math.min(sample.length, simplified.length); i++)
    if (sample[i] !== simplified[i]) changed++;
  return changed / sample.length > 0.02 ? 'traditional' : 'simplified';
}

let phraseConverter: ((text: string) => string) | undefined;

/**
 * Mainland Taiwan-wording differences OpenCC's phrase table leaves alone but plan texts re-published in
 * Traditional script use (國小 for 小学 and so on).
 */
const TAIWAN_WORDING: [RegExp, string][] = [
  [/国小/g, '小学'],
  [/国中/g, '初中'],
  [/套用/g, '应用'],
];

/**
 * A title or name for display: Simplified; for a Traditional source also mainland wording (網際網路 →
 * 互联网, 國小 → 小学). Whitespace between Chinese characters is removed.
 */
export function displayText(text: string, script: SourceScript): string {
  // a Simplified source is shown as written (OpenCC would turn 显著 into 显着)
  let out = text;
  if (script === 'traditional') {
    phraseConverter ??= Converter({ from: 'twp', to: 'cn' });
    out = phraseConverter(text);
    for (const [pattern, replacement] of TAIWAN_WORDING) out = out.replace(pattern, replacement);
  }
  return out
    .replace(
      /(?<=[\p{Script=Han}\u3000-\u303f\uff00-\uffef“”《》])\s+|\s+(?=[\p{Script=Han}\u3000-\u303f\uff00-\uffef“”《》])/gu,
      '',
    )
    .trim();
}

/** Replaces every match of `pattern` with the same number of `fill` characters (indices stay put). */
export function blank(text: string, pattern: RegExp, fill = '□'): string {
  return text.replace(pattern, (m) => fill.repeat(m.length));
}

/** Blanks in `text` the spans where `pattern` matches its comparable form (any script, any width). */
export function blankWhere(text: string, pattern: RegExp, fill = '□'): string {
  const c = comparable(text);
  let out = text;
  pattern.lastIndex = 0;
  for (let m = pattern.exec(c); m; m = pattern.exec(c)) {
    out = out.slice(0, m.index) + fill.repeat(m[0].length) + out.slice(m.index + m[0].length);
    if (m[0] === '') pattern.lastIndex++;
  }
  return out;
}

/**
 * Book titles, document numbers and short quoted names are names, not statements: blanked so that rules
 * reading duties, dates or numbers skip them. Long quotations (a quoted requirement) are kept.
 */
export function maskNames(comparableText: string): string {
  // 〔2017〕 of a 文号 is a name; 〔责任单位：…〕 after a sentence is a note and stays readable; so does
  // "各县<市、区>" — the brackets of a county list inside a note, written as angle brackets
  return blank(
    blank(
      comparableText,
      /《[^《》]*》|〔(?![^〔〕]*(?:单位|部门|牵头|负责|配合))[^〔〕]*〕|<(?![县市区旗州盟、]{1,9}>)[^<>\n]{1,60}>/g,
    ),
    /“[^“”\n]{1,15}”/g,
  );
}

const CN_DIGIT: Record<string, number> = {
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

/** "3", "三", "十二", "二十五", "一百", "三百六十" → number (up to 9999); anything else → undefined. */
export function parseNumeral(text: string): number | undefined {
  if (/^\d+(?:\.\d+)?$/.test(text)) return Number(text);
  if (!/^[〇零一二两三四五六七八九十百千]+$/.test(text)) return undefined;
  let total = 0;
  let digit: number | undefined;
  for (const ch of text) {
    if (ch in CN_DIGIT) {
      digit = CN_DIGIT[ch];
      continue;
    }
    const unit = ch === '十' ? 10 : ch === '百' ? 100 : 1000;
    total += (digit ?? 1) * unit;
    digit = undefined;
  }
  return total + (digit ?? 0);
}

/** The number a heading numeral stands for: "三" → 3, "12" → 12. */
export function headingNumber(numeral: string): number {
  return parseNumeral(numeral) ?? 0;
}

const CN_NUMERALS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 12 → 十二, 25 → 二十五 (for numbers inferred from a sequence). */
export function toChineseNumeral(n: number): string {
  if (n < 10) return CN_NUMERALS[n];
  const tens = Math.floor(n / 10);
  return `${tens === 1 ? '' : CN_NUMERALS[tens]}十${CN_NUMERALS[n % 10]}`;
}
