import { Logger } from '@nestjs/common';
import type { Locale } from '../locale';
import { CATALOGS, isMessageKey, type Message, type MessageKey, msg, translate } from './catalog';
import { latinWords } from './latin-words';

type LabelKey = Extract<MessageKey, `label.${string}`>;
/** The enums with labels: `status`, `kind`, `school_type`, `audit_action`, … (`label.<enum>.<value>`). */
export type LabelEnum = LabelKey extends `label.${infer E}.${string}` ? E : never;

const logger = new Logger('labels');
const reported = new Set<string>();

/** Whether a text can be shown to a Simplified Chinese reader as it is (Chinese, no Latin words). */
const readableInChinese = (text: string): boolean => /[\u4e00-\u9fff]/.test(text) && !latinWords(text).length;

/**
 * The label of one enum value in the reader's language. A value without a label is a defect to fix in the
 * catalog, not something to show: it is logged once, and a zh-CN reader sees it only if it is already Chinese
 * (a name, a free text), else "其他"; an English reader sees the code with spaces.
 */
export function labelOf(locale: Locale, enumName: LabelEnum, value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const key = `label.${enumName}.${value}`;
  if (isMessageKey(key)) return translate(locale, key);
  if (!reported.has(key)) {
    reported.add(key);
    logger.warn(`no label for ${enumName} "${value}"`);
  }
  if (readableInChinese(value)) return value;
  return locale === 'en' ? value.replace(/[_-]+/g, ' ') : translate(locale, 'label.other.value');
}

/** Whether `value` of `enumName` has a label (tests, and callers choosing between a label and a name). */
export const hasLabel = (enumName: LabelEnum, value: string): boolean =>
  `label.${enumName}.${value}` in CATALOGS['zh-CN'];

/** The values of an enum that have labels, in catalog order. */
export function labelledValues(enumName: LabelEnum): string[] {
  const prefix = `label.${enumName}.`;
  return Object.keys(CATALOGS['zh-CN'])
    .filter((k) => k.startsWith(prefix))
    .map((k) => k.slice(prefix.length));
}

/** A reminder rule (`start`, `due_day`, `before_3`, `overdue_2`) as the reader says it. */
export function reminderRuleLabel(locale: Locale, rule: string): string {
  const m = /^(before|overdue)_(\d+)$/.exec(rule);
  if (!m) return labelOf(locale, 'reminder_rule', rule);
  return m[1] === 'before'
    ? translate(locale, 'label.reminder_rule.before', { days: Number(m[2]) })
    : translate(locale, 'label.reminder_rule.overdue', { count: Number(m[2]) });
}

const CN_DIGITS = ['〇', '一', '二', '三', '四'];

/**
 * A reporting period key (`once`, `2026`, `2026-H1`, `2026-Q3`, `2026-11`) as the reader says it:
 * 一次性 · 2026年度 · 2026年上半年 · 2026年第三季度 · 2026年11月.
 */
export function periodLabel(locale: Locale, period: string | null | undefined): string {
  if (!period) return '—';
  if (period === 'once') return translate(locale, 'label.period_kind.once');
  let m = /^(\d{4})$/.exec(period);
  if (m) return translate(locale, 'label.period_kind.year', { year: m[1] });
  m = /^(\d{4})-(H[12])$/.exec(period);
  if (m)
    return translate(locale, 'label.period_kind.half', { year: m[1], half: labelOf(locale, 'half', m[2]) });
  m = /^(\d{4})-Q([1-4])$/.exec(period);
  if (m) {
    const q = Number(m[2]);
    return translate(locale, 'label.period_kind.quarter', {
      year: m[1],
      quarter: locale === 'en' ? q : CN_DIGITS[q],
    });
  }
  m = /^(\d{4})-(\d{2})$/.exec(period);
  if (m) return translate(locale, 'label.period_kind.month', { year: m[1], month: Number(m[2]) });
  return labelOf(locale, 'period_kind', period);
}

/**
 * An indicator id as printed in the official evaluation: `G5 小学、初中所有班级…`; `CERT` with the county's name
 * when known (`灵武市创建认定`).
 */
export function indicatorLabel(locale: Locale, id: string, county?: string | null): string {
  if (id === 'CERT') {
    return county
      ? translate(locale, 'label.certification.county', { county })
      : translate(locale, 'label.certification.CERT');
  }
  return hasLabel('indicator', id) ? translate(locale, `label.indicator.${id}` as MessageKey) : id;
}

/** An indicator's name as a message (rendered later in the reader's language): G5's name, 创建认定 for CERT. */
export function indicatorMessage(id: string): Message | string {
  if (id === 'CERT') return msg('label.certification.CERT');
  return hasLabel('indicator', id) ? msg(`label.indicator.${id}` as MessageKey) : id;
}
