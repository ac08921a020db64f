/**
 * The 说明 of an indicator result for a reader (the county evaluation page and its XLSX), pure.
 */
import { formatPercent } from '../common/i18n/format';
import { hasLabel, labelOf } from '../common/i18n/labels';
import type { Locale } from '../common/locale';
import type { IndicatorResult } from './engine';

const num = (v: number | null | undefined, digits = 2): string =>
  v === null || v === undefined || !Number.isFinite(v) ? '—' : Number(v.toFixed(digits)).toString();

/** A rate (0.95) as 95%, any other measure as a plain number. */
const measure = (v: number, rate: boolean): string =>
  rate ? formatPercent(v, Number.isInteger(Math.round(v * 1000) / 10) ? 0 : 1) : num(v);

/**
 * The 说明 of an indicator for the reader: the engine's `detail` is an English note for logs, so the Chinese
 * text is composed from the result's facts (declared yes/no, measured value against the standard, parts,
 * offenders).
 */
export function indicatorNote(locale: Locale, r: IndicatorResult): string {
  if (locale === 'en') return r.detail;
  if (r.evidence) {
    if (r.passed === null || r.evidence.length === 0) return '未声明';
    return `已声明${r.passed ? '符合' : '不符合'}（${r.evidence.length} 份声明）`;
  }
  if (r.passed === null && r.value === null) return '数据不足，无法判定';
  const rate =
    (typeof r.threshold === 'number' && r.threshold <= 1) ||
    (typeof r.value === 'number' && r.value <= 1 && r.value > 0 && !Number.isInteger(r.value));
  const parts: string[] = [];
  if (r.values) {
    for (const [key, v] of Object.entries(r.values)) {
      // Q9 gives `数学.difference_rate` (a ratio, printed as the evaluation does: 0.12) and `数学.level_iii_rate`
      const [head, tail] = key.split('.');
      const chinese = /[\u4e00-\u9fff]/.test(head);
      if (v === null) continue;
      if (tail === 'difference_rate' && chinese) parts.push(`${head}校际差异率 ${num(v)}`);
      else if (tail === 'level_iii_rate' && chinese) parts.push(`${head}Ⅲ级以上比例 ${measure(v, true)}`);
      else if (!tail && hasLabel('level', key))
        parts.push(`${labelOf(locale, 'level', key)} ${measure(v, rate)}`);
      else if (!tail && chinese) parts.push(`${key} ${measure(v, rate)}`);
    }
  } else if (typeof r.value === 'number') {
    parts.push(`实际 ${measure(r.value, rate)}`);
  }
  if (typeof r.threshold === 'number') parts.push(`标准 ${measure(r.threshold, rate)}`);
  if (r.offenders?.length) parts.push(`${r.offenders.length} 处不达标`);
  return parts.join('，') || (r.passed ? '达标' : '未达标');
}
