import type { Message } from '../common/i18n/catalog';
import { formatDate, formatDateTime, formatPercent } from '../common/i18n/format';
import { type LabelEnum, labelOf } from '../common/i18n/labels';
import { ASSIGNMENT_STATUSES, type AssignmentStatus } from '../plans/assignment-status.policy';
import { ITEM_KINDS } from '../plans/plan-file.schema';
import { assessProgress, type ProgressAssessment } from '../plans/expected-progress.policy';
import type { CalendarDate } from '../common/calendar-date';
import { html, type SafeHtml } from './html';
import type { PageContext } from './page-context';

/** A label as the [zh-CN, English] pair older callers spread into `ctx.t` (the catalog is the source). */
const pairOf = (enumName: LabelEnum, value: string): [string, string] => [
  labelOf('zh-CN', enumName, value),
  labelOf('en', enumName, value),
];

/** @deprecated the catalog (`label.status.*`, `labelOf`) is the source; kept for callers not moved yet. */
export const STATUS_LABELS = Object.fromEntries(
  ASSIGNMENT_STATUSES.map((s) => [s, pairOf('status', s)]),
) as Record<AssignmentStatus, [string, string]>;

/** @deprecated the catalog (`label.kind.*`, `labelOf`) is the source; kept for callers not moved yet. */
export const KIND_LABELS: Record<string, [string, string]> = Object.fromEntries(
  ITEM_KINDS.map((k) => [k, pairOf('kind', k)]),
);

/** The label of an assignment status in the page's language. */
export const statusLabel = (ctx: PageContext, status: AssignmentStatus): string =>
  labelOf(ctx.locale, 'status', status);

/** Any enum value in the page's language (`label.<enum>.<value>`). */
export const label = (ctx: PageContext, enumName: LabelEnum, value: string | null | undefined): string =>
  labelOf(ctx.locale, enumName, value);

export const statusBadge = (ctx: PageContext, status: AssignmentStatus): SafeHtml =>
  html`<span class="badge s-${status}">${statusLabel(ctx, status)}</span>`;

/**
 * The review/flow status with 逾期 beside it when the dates say so: overdue is a fact about dates and closure,
 * shown next to whatever review state (待审核 does not hide it).
 */
export const statusWithOverdue = (
  ctx: PageContext,
  status: AssignmentStatus,
  overdue: boolean,
  days = 0,
): SafeHtml =>
  overdue && status !== 'overdue'
    ? html`${statusBadge(ctx, status)}
        <span class="badge s-overdue" data-overdue="true"
          >${days ? ctx.msg('shell.overdue_days', { days }) : ctx.msg('shell.overdue')}</span
        >`
    : overdue
      ? html`<span class="badge s-overdue" data-overdue="true"
          >${days ? ctx.msg('shell.overdue_days', { days }) : ctx.msg('shell.overdue')}</span
        >`
      : statusBadge(ctx, status);

export const kindLabel = (ctx: PageContext, kind: string): string => labelOf(ctx.locale, 'kind', kind);

/**
 * The expected-progress light of an item today (expected-progress.policy). Reported progress is 0 until a
 * report is approved; an item without a start date is measured from its due date (only "overdue" turns it red).
 */
export function lightOf(
  item: {
    startOn: string | null;
    dueOn: string | null;
    status: AssignmentStatus;
    effectiveDueOn?: string | null;
  },
  today: CalendarDate,
  reportedPercent = 0,
): ProgressAssessment | null {
  if (!item.dueOn || item.status === 'cancelled') return null;
  const start = item.startOn && item.startOn <= item.dueOn ? item.startOn : item.dueOn;
  return assessProgress(
    {
      startOn: start as CalendarDate,
      dueOn: item.dueOn as CalendarDate,
      effectiveDueOn: (item.effectiveDueOn ?? null) as CalendarDate | null,
      reportedPercent,
      completed: item.status === 'completed',
    },
    today,
  );
}

export function lightDot(ctx: PageContext, assessment: ProgressAssessment | null): SafeHtml {
  if (!assessment)
    return html`<span class="light none" title="${ctx.msg('shell.light_no_deadline')}">–</span>`;
  const title = ctx.msg('shell.light_progress_title', {
    expected: assessment.expectedPercent,
    reported: assessment.reportedPercent,
  });
  return html`<span class="light ${assessment.light}" title="${title}" data-light="${assessment.light}"
    >${labelOf(ctx.locale, 'light', assessment.light)}</span
  >`;
}

/**
 * @deprecated use `ctx.date` / `ctx.dateTime` (the reader's language). Kept for callers not moved yet: prints
 * the Chinese form (2026年12月5日 15:44, a calendar date without a time).
 */
export const dateText = (d: Date | string | null | undefined): string =>
  typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d)
    ? formatDate('zh-CN', d)
    : formatDateTime('zh-CN', d);

/** 0.2 → 20%: shares and confidences, never a raw float. */
export const pct = (n: number | null | undefined, digits = 0): string => formatPercent(n, digits);

/** A section with a heading and a count, or an empty note. */
export function section(
  ctx: PageContext,
  options: { id: string; title: string; count: number; body: SafeHtml; empty?: string },
): SafeHtml {
  return html`<section id="${options.id}" class="panel">
    <h2>${options.title} <span class="count">${options.count}</span></h2>
    ${options.count ? options.body : html`<p class="empty">${options.empty ?? ctx.msg('shell.section_empty')}</p>`}
  </section>`;
}

/**
 * A “中文 / English” message from code not moved to the catalog yet: only the page's language (a reader never
 * sees both). A message without the separator is shown as it is.
 */
export function bilingual(ctx: PageContext, message: string): SafeHtml {
  const at = message.indexOf(' / ');
  if (at < 0) return html`${message}`;
  return ctx.locale === 'en' ? html`${message.slice(at + 3)}` : html`${message.slice(0, at)}`;
}

/**
 * A message in the page's language: a catalog message, or a “中文 / English” string from code not moved to the
 * catalog yet (only the page's half of it).
 */
export function messageText(ctx: PageContext, message: Message | string): string {
  if (typeof message !== 'string') return ctx.msg(message);
  const at = message.indexOf(' / ');
  if (at < 0) return message;
  return ctx.locale === 'en' ? message.slice(at + 3) : message.slice(0, at);
}
