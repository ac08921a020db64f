/**
 * Cell parsers of the statistics template: each takes the trimmed text of a non-empty cell and returns the
 * value or a CellProblem saying what was expected. Written as plain character loops because the classes
 * table runs them millions of times.
 */

import { type Message, type MessageKey, type MessageParam, msg } from '../../common/i18n/catalog';

/**
 * What a cell should have held: a `statistics.cell.*` key whose text takes the cell as `{value}`. One instance
 * per kind of problem, shared by every cell, so a million bad cells allocate nothing until one is reported.
 */
export class CellProblem {
  constructor(
    readonly key: MessageKey,
    readonly params: Readonly<Record<string, MessageParam>> = {},
  ) {}

  /** The problem of the cell that held `value`, e.g. `“12O”不是整数`. */
  about(value: string): Message {
    return msg(this.key, { ...this.params, value });
  }
}

const C_0 = 48;
const C_9 = 57;
const C_COMMA = 44;

/** Digits with optional 1,234 grouping; returns -1 when the text is anything else. */
function digitsValue(text: string): number {
  let value = 0;
  let sinceComma = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= C_0 && c <= C_9) {
      value = value * 10 + (c - C_0);
      if (sinceComma >= 0) sinceComma++;
    } else if (c === C_COMMA && i > 0 && (sinceComma === -1 ? i <= 3 : sinceComma === 3)) {
      sinceComma = 0;
    } else {
      return -1;
    }
  }
  if (sinceComma !== -1 && sinceComma !== 3) return -1;
  return text.length === 0 ? -1 : value;
}

const NOT_WHOLE = new CellProblem('statistics.cell.not_whole');
const NOT_NUMBER = new CellProblem('statistics.cell.not_number');
const NEGATIVE = new CellProblem('statistics.cell.negative');

/** Whole number ≥ 0; "12.0" (a spreadsheet's float) is accepted. */
export function parseWhole(text: string): number | CellProblem {
  const direct = digitsValue(text);
  if (direct >= 0) return direct;
  const n = parseDecimal(text);
  if (n instanceof CellProblem) return NOT_WHOLE;
  if (!Number.isInteger(n)) return NOT_WHOLE;
  return n < 0 ? NEGATIVE : n;
}

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;
const GROUPED = /^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$/;

function parseDecimal(text: string): number | CellProblem {
  if (DECIMAL.test(text)) return Number(text);
  if (GROUPED.test(text)) return Number(text.replace(/,/g, ''));
  return NOT_NUMBER;
}

/** Number ≥ 0 (areas, amounts). */
export function parseAmount(text: string): number | CellProblem {
  const n = parseDecimal(text);
  if (n instanceof CellProblem) return n;
  return n < 0 ? NEGATIVE : n;
}

const NOT_RATE = new CellProblem('statistics.cell.not_rate');
const RATE_RANGE = new CellProblem('statistics.cell.rate_range');

/** `0.953`, `95.3%` or `95.3`: a bare number above 1 is read as a percentage (data-template.md). */
export function parseRate(text: string): number | CellProblem {
  const percent = text.endsWith('%') || text.endsWith('％');
  const n = parseDecimal(percent ? text.slice(0, -1).trimEnd() : text);
  if (n instanceof CellProblem) return NOT_RATE;
  // 12 significant digits: 91.3 % is 0.913, not 0.9129999999999999; no statistic has more.
  const rate = percent || n > 1 ? Number((n / 100).toPrecision(12)) : n;
  return rate < 0 || rate > 1 ? RATE_RANGE : rate;
}

const BOOLEANS = new Map<string, boolean>([
  ['是', true],
  ['否', false],
  ['yes', true],
  ['no', false],
  ['y', true],
  ['n', false],
  ['true', true],
  ['false', false],
]);
const NOT_BOOLEAN = new CellProblem('statistics.cell.not_choice', {
  choices: msg('statistics.choices.yes_no'),
});

export function parseBoolean(text: string): boolean | CellProblem {
  return BOOLEANS.get(text.toLowerCase()) ?? NOT_BOOLEAN;
}

const NOT_CODE = new CellProblem('statistics.cell.not_county_code');

export function parseCountyCode(text: string): string | CellProblem {
  if (text.length !== 6) return NOT_CODE;
  for (let i = 0; i < 6; i++) {
    const c = text.charCodeAt(i);
    if (c < C_0 || c > C_9) return NOT_CODE;
  }
  return text;
}

/** A whole number from `min` to `max`; `problem` (`statistics.cell.not_year`, …) takes `{min}` and `{max}`. */
export function wholeInRange(
  min: number,
  max: number,
  problemKey: MessageKey,
): (text: string) => number | CellProblem {
  const problem = new CellProblem(problemKey, { min, max });
  return (text) => {
    const n = parseWhole(text);
    return n instanceof CellProblem || n < min || n > max ? problem : n;
  };
}

const NOT_DATE = new CellProblem('statistics.cell.not_date');
const DATE = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/;

/** 2023-12-01, 2023/12/1, 2023.12.1 or 2023年12月1日 → 2023-12-01. */
export function parseDate(text: string): string | CellProblem {
  const m = DATE.exec(text);
  if (!m) return NOT_DATE;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return NOT_DATE;
  return `${m[1]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** An enumeration cell: the Chinese label or the English key, any case, spaces ignored. */
export interface EnumOption<K extends string> {
  key: K;
  zh: string;
  aliases?: readonly string[];
}

/**
 * @param choices what the column accepts, for the problem's text: a `statistics.choices.*` message (a test keeps
 *   it equal to `options`), or plain text when the choices are the same in every language (indicator numbers)
 */
export function enumParser<K extends string>(
  options: readonly EnumOption<K>[],
  choices: Message | string,
): (text: string) => K | CellProblem {
  const exact = new Map<string, K>();
  const lookup = new Map<string, K>();
  for (const o of options) {
    for (const label of [o.key, o.zh, ...(o.aliases ?? [])]) {
      exact.set(label, o.key);
      lookup.set(normalizeLabel(label), o.key);
    }
  }
  const problem = new CellProblem('statistics.cell.not_choice', { choices });
  // Exact labels first: normalising costs a regex per cell, and millions of class rows spell 小学 plainly.
  return (text) => exact.get(text) ?? lookup.get(normalizeLabel(text)) ?? problem;
}

/** Lower case without spaces: how headers and enumerated cells are compared. */
export function normalizeLabel(text: string): string {
  return text.toLowerCase().replace(/\s+/g, '');
}
