/**
 * 期次 of a progress report (pure): what the report form's picker sends (一次性 / 年度 / 半年度 / 季度 / 月度 and the
 * year, half, quarter or month) ↔ the code stored in `progress_reports.period` ('once', '2026', '2026-H1',
 * '2026-Q3', '2026-11', the same keys as reminders/report-period.ts) ↔ the words a reader sees (2026年第四季度).
 * Codes are storage only: a page or a mail shows `periodLabel(code)`.
 */
import { type Message, msg } from '../common/i18n/catalog';

export const PERIOD_KINDS = ['once', 'year', 'half', 'quarter', 'month'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/** The years a report may be for (a typo like 226 or 20266 is refused, not stored). */
export const PERIOD_YEAR_MIN = 2000;
export const PERIOD_YEAR_MAX = 2099;

/** The picker's fields as the form sends them (strings; absent when not chosen). */
export interface PeriodPick {
  kind?: string;
  year?: string;
  half?: string;
  quarter?: string;
  month?: string;
}

/** The picker field a problem belongs to (the form shows the message next to it). */
export type PeriodField = keyof PeriodPick;

export type PeriodResult = { ok: true; code: string } | { ok: false; field: PeriodField; message: Message };

/** The stored code, the same pattern as SubmitReportDto's (API callers send codes). */
export const PERIOD_CODE = /^(once|\d{4}(-(Q[1-4]|H[12]|0[1-9]|1[0-2]))?)$/;

const pad = (n: number) => String(n).padStart(2, '0');

/** A whole number in [min, max] written with digits only ('07' is 7), else null. */
function wholeIn(value: string | undefined, min: number, max: number): number | null {
  const v = value?.trim() ?? '';
  if (!/^\d{1,4}$/.test(v)) return null;
  const n = Number(v);
  return n >= min && n <= max ? n : null;
}

/** The code of a picked period, or which field is wrong and why. */
export function periodCodeOf(pick: PeriodPick): PeriodResult {
  const kind = pick.kind?.trim() ?? '';
  if (!(PERIOD_KINDS as readonly string[]).includes(kind)) {
    return { ok: false, field: 'kind', message: msg('forms.period_kind_required') };
  }
  if (kind === 'once') return { ok: true, code: 'once' };
  const year = wholeIn(pick.year, PERIOD_YEAR_MIN, PERIOD_YEAR_MAX);
  if (year === null) {
    return {
      ok: false,
      field: 'year',
      message: msg('forms.period_year_invalid', { min: PERIOD_YEAR_MIN, max: PERIOD_YEAR_MAX }),
    };
  }
  switch (kind as Exclude<PeriodKind, 'once'>) {
    case 'year':
      return { ok: true, code: String(year) };
    case 'half': {
      const half = wholeIn(pick.half, 1, 2);
      return half === null
        ? { ok: false, field: 'half', message: msg('forms.period_half_invalid') }
        : { ok: true, code: `${year}-H${half}` };
    }
    case 'quarter': {
      const quarter = wholeIn(pick.quarter, 1, 4);
      return quarter === null
        ? { ok: false, field: 'quarter', message: msg('forms.period_quarter_invalid') }
        : { ok: true, code: `${year}-Q${quarter}` };
    }
    case 'month': {
      const month = wholeIn(pick.month, 1, 12);
      return month === null
        ? { ok: false, field: 'month', message: msg('forms.period_month_invalid') }
        : { ok: true, code: `${year}-${pad(month)}` };
    }
  }
}

/** The picker's values for a stored code (to preselect it), or null for a code that is not a period. */
export function periodPickOf(code: string): Required<Pick<PeriodPick, 'kind'>> & PeriodPick {
  const m = /^(\d{4})(?:-(?:H([12])|Q([1-4])|(0[1-9]|1[0-2])))?$/.exec(code);
  if (code === 'once' || !m) return { kind: 'once' };
  const [, year, half, quarter, month] = m;
  if (half) return { kind: 'half', year, half };
  if (quarter) return { kind: 'quarter', year, quarter };
  if (month) return { kind: 'month', year, month: String(Number(month)) };
  return { kind: 'year', year };
}

const QUARTERS = [
  'forms.quarter_1',
  'forms.quarter_2',
  'forms.quarter_3',
  'forms.quarter_4',
] as const satisfies readonly Message['key'][];
const HALVES = ['forms.half_1', 'forms.half_2'] as const satisfies readonly Message['key'][];

/** The name of a quarter (第四季度) or half (上半年), for the picker's options and the labels. */
export const quarterName = (quarter: number): Message => msg(QUARTERS[quarter - 1]);
export const halfName = (half: number): Message => msg(HALVES[half - 1]);

/**
 * What a reader sees for a stored code: 一次性, 2026年度, 2026年上半年, 2026年第四季度, 2026年11月. A code that is
 * not a period (never stored by this app) is shown as it is rather than hidden.
 */
export function periodLabel(code: string): Message {
  const m = /^(\d{4})(?:-(?:H([12])|Q([1-4])|(0[1-9]|1[0-2])))?$/.exec(code);
  if (code === 'once') return msg('forms.period_once');
  if (!m) return msg('forms.period_other', { code });
  const [, year, half, quarter, month] = m;
  if (half) return msg('forms.period_half', { year, half: halfName(Number(half)) });
  if (quarter) return msg('forms.period_quarter', { year, quarter: quarterName(Number(quarter)) });
  if (month) return msg('forms.period_month', { year, month: Number(month) });
  return msg('forms.period_year', { year });
}
