import type { AssignmentStatus } from '../plans/assignment-status.policy';
import { assessProgress, type ProgressAssessment } from '../plans/expected-progress.policy';
import type { CalendarDate } from '../common/calendar-date';
import { html, type SafeHtml } from './html';
import type { PageContext } from './page-context';

export const STATUS_LABELS: Record<AssignmentStatus, [string, string]> = {
  not_started: ['未开始', 'Not started'],
  in_progress: ['进行中', 'In progress'],
  due_soon: ['即将到期', 'Due soon'],
  overdue: ['已逾期', 'Overdue'],
  submitted: ['待审核', 'Awaiting review'],
  completed: ['已完成', 'Completed'],
  cancelled: ['已撤销', 'Cancelled'],
};

export const KIND_LABELS: Record<string, [string, string]> = {
  goal: ['目标', 'Goal'],
  task: ['任务', 'Task'],
  measure: ['措施', 'Measure'],
  project: ['项目', 'Project'],
  milestone: ['节点', 'Milestone'],
  target: ['指标', 'Target'],
};

export const statusBadge = (ctx: PageContext, status: AssignmentStatus): SafeHtml =>
  html`<span class="badge s-${status}">${ctx.t(...STATUS_LABELS[status])}</span>`;

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
          >${days ? ctx.t(`逾期 ${days} 天`, `${days} days overdue`) : ctx.t('已逾期', 'Overdue')}</span
        >`
    : overdue
      ? html`<span class="badge s-overdue" data-overdue="true"
          >${days ? ctx.t(`逾期 ${days} 天`, `${days} days overdue`) : ctx.t('已逾期', 'Overdue')}</span
        >`
      : statusBadge(ctx, status);

export const kindLabel = (ctx: PageContext, kind: string): string =>
  KIND_LABELS[kind] ? ctx.t(...KIND_LABELS[kind]) : kind;

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
  if (!assessment) return html`<span class="light none" title="${ctx.t('无期限', 'No deadline')}">–</span>`;
  const names: Record<string, [string, string]> = {
    green: ['正常', 'On track'],
    yellow: ['滞后', 'Lagging'],
    red: ['严重滞后', 'Behind'],
  };
  const title = ctx.t(
    `应完成 ${assessment.expectedPercent}% · 已报 ${assessment.reportedPercent}%`,
    `expected ${assessment.expectedPercent}% · reported ${assessment.reportedPercent}%`,
  );
  return html`<span class="light ${assessment.light}" title="${title}" data-light="${assessment.light}"
    >${ctx.t(...names[assessment.light])}</span
  >`;
}

export const dateText = (d: Date | string | null | undefined): string => {
  if (!d) return '—';
  if (typeof d === 'string') return d.slice(0, 10);
  return new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(d);
};

export const pct = (n: number | null | undefined, digits = 0): string =>
  n === null || n === undefined || !Number.isFinite(n) ? '—' : `${(n * 100).toFixed(digits)}%`;

/** A section with a heading and a count, or an empty note. */
export function section(
  ctx: PageContext,
  options: { id: string; title: string; count: number; body: SafeHtml; empty?: string },
): SafeHtml {
  return html`<section id="${options.id}" class="panel">
    <h2>${options.title} <span class="count">${options.count}</span></h2>
    ${options.count ? options.body : html`<p class="empty">${options.empty ?? ctx.t('暂无', 'None')}</p>`}
  </section>`;
}

/** `中文 / English` service messages: the page's language first, the other one after it, smaller. */
export function bilingual(ctx: PageContext, message: string): SafeHtml {
  const at = message.indexOf(' / ');
  if (at < 0) return html`${message}`;
  const zh = message.slice(0, at);
  const en = message.slice(at + 3);
  return ctx.locale === 'en'
    ? html`${en} <small class="other-lang">${zh}</small>`
    : html`${zh} <small class="other-lang">${en}</small>`;
}
