/**
 * Chinese text normalisation used for matching (department names, regions) and for search.
 * Stored text (excerpts, titles) is never rewritten with these functions; only the keys we compare are.
 */
import { Converter } from 'opencc-js';

let traditionalToSimplified: ((text: string) => string) | undefined;

/**
 * Traditional (incl. Taiwan variant characters) → mainland Simplified, character by character with OpenCC's
 * `tw → cn` tables. Phrase-level vocabulary (e.g. 軟體 → 软件) is deliberately not rewritten: plan texts are
 * mainland documents, sometimes re-published in Traditional script. Simplified input is returned unchanged.
 * The converter is built on first use and reused (building it loads the dictionaries).
 */
export function toSimplified(text: string): string {
  traditionalToSimplified ??= Converter({ from: 'tw', to: 'cn' });
  return traditionalToSimplified(text);
}

/** Full-width / half-width compatibility forms (（ → (, ２ → 2, U+3000 → space …) and compatibility ideographs. */
function unifyWidths(text: string): string {
  return text.normalize('NFKC');
}

/**
 * The key under which a department (or region) name is matched: Simplified, brackets and digits in their
 * half-width form, no whitespace at all. `各縣（區、市） 人民政府` and `各县(区、市)人民政府` give the same key.
 */
export function normalizeDepartmentName(name: string): string {
  return toSimplified(unifyWidths(name)).replace(/\s+/gu, '');
}

const CJK = '\\p{Script=Han}\\u3000-\\u303f\\uff00-\\uffef“”‘’《》〈〉';
const SPACE_BETWEEN_CJK = new RegExp(`(?<=[${CJK}])\\s+|\\s+(?=[${CJK}])`, 'gu');

/**
 * The form in which Chinese text is indexed and searched: Simplified, half-width, Latin lower-cased,
 * whitespace removed next to Chinese characters and collapsed to one space elsewhere.
 */
export function normalizeSearchText(text: string): string {
  return toSimplified(unifyWidths(text))
    .toLowerCase()
    .replace(SPACE_BETWEEN_CJK, '')
    .replace(/\s+/gu, ' ')
    .trim();
}
