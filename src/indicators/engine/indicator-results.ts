/** Small builders shared by the county-level sections. */
import { msg } from '../../common/i18n/catalog';
import type { IndicatorResult } from './evaluation.types';
import { formatPercent, reaches } from './verdict';

export const noData = (detail: string): IndicatorResult => ({
  passed: null,
  value: null,
  detail,
  note: msg('indicators.note.no_data'),
});

/** A county rate against its minimum ("达到…以上"). */
export function rateIndicator(value: number | null, min: number, what: string): IndicatorResult {
  if (value === null) return noData(`${what}: not reported`);
  const passed = reaches(value, min);
  return {
    passed,
    value,
    threshold: min,
    detail: `${what} ${formatPercent(value)} ${passed ? '≥' : '<'} ${formatPercent(min)}`,
  };
}
