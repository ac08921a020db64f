import type { DepartmentAssignmentView } from '../../plans/assignments.service';
import type { CalendarDate } from '../../common/calendar-date';
import type { ItemSummary } from '../../plans/plan-items.service';
import { label, kindLabel, lightDot, section, statusWithOverdue } from '../components';
import { acknowledgeForm, reportStateBadge } from '../flow-forms';
import type { AssignmentFlowFacts } from '../../supervision/assignment-flow-facts';
import { html, type SafeHtml } from '../html';
import { csrfField, layout } from '../layout';
import type { PageContext } from '../page-context';

export interface TasksView {
  today: CalendarDate;
  weekEnd: CalendarDate;
  department: { id: string; name: string } | null;
  message?: string;
  assignments: DepartmentAssignmentView[];
  /** For accounts without a department (office, leaders): the open work in their scope. */
  overdue: ItemSummary[];
  dueSoon: ItemSummary[];
  /** Light, effective due date and latest report of each assignment (by assignment id). */
  facts: Map<string, AssignmentFlowFacts>;
  /** Whether the user may acknowledge here (a department account of a writing role). */
  canAcknowledge: boolean;
  /** A flash after a form (`?done=acknowledged`). */
  done?: string | null;
  /** Admins only: coming years without an official holiday schedule (reminders there count Monday–Friday). */
  missingCalendarYears?: number[];
}

/** The admin's one step for a year chinese-days does not know yet: the State Council's notice as dates. */
function calendarWarning(ctx: PageContext, years: number[]): SafeHtml {
  return html`${years.map(
    (year) =>
      html`<section class="card notice warn" id="calendar-${year}">
        <h2>${ctx.t(`${year} 年尚无官方节假日安排`, `No official holiday schedule for ${year}`)}</h2>
        <p>
          ${ctx.t(
            `提醒和督办单在 ${year} 年暂按周一至周五计算工作日，节假日当天可能发送提醒、期限可能差一天。请按国务院办公厅通知录入放假和调休上班日期，录入后全部提醒自动重新排期。`,
            `Reminders and notices in ${year} count Monday–Friday for now: mail may go out on a holiday and offsets may be a day off. Enter the State Council's notice; every reminder re-plans.`,
          )}
        </p>
        <form method="post" action="/calendar/years/${String(year)}">
          ${csrfField(ctx)}
          <label
            >${ctx.t('放假日期（每行一个日期或范围，可加名称）', 'Days off (one date or range a line, optional name)')}
            <textarea
              name="holidays"
              rows="6"
              required
              placeholder="${year}-01-01..${year}-01-03 元旦"
            ></textarea>
          </label>
          <label
            >${ctx.t('调休上班日期（周六、周日）', 'Make-up working days (Saturdays, Sundays)')}
            <textarea name="workdays" rows="3" placeholder="${year}-02-07 春节"></textarea>
          </label>
          <button type="submit" class="primary">${ctx.t(`录入 ${year} 年安排`, `Enter ${year}`)}</button>
        </form>
      </section>`,
  )}`;
}

const OPEN = new Set(['not_started', 'in_progress', 'due_soon', 'overdue']);

function assignmentRows(
  ctx: PageContext,
  view: TasksView,
  rows: DepartmentAssignmentView[],
  ack = false,
): SafeHtml {
  return html`<table class="grid">
    <thead>
      <tr>
        <th class="w-light">${ctx.t('进度', 'Light')}</th>
        <th>${ctx.t('任务', 'Item')}</th>
        <th class="w-plan">${ctx.t('方案', 'Plan')}</th>
        <th class="w-role">${ctx.t('职责', 'Role')}</th>
        <th class="w-date">${ctx.t('期限', 'Due')}</th>
        <th class="w-status">${ctx.t('状态', 'Status')}</th>
        <th class="w-report">${ctx.t('本单位报告', 'Our report')}</th>
        <th class="w-ack">${ctx.t('签收', 'Ack.')}</th>
      </tr>
    </thead>
    <tbody>
      ${rows.map((a) => {
        const facts = view.facts.get(a.id);
        const due = a.effectiveDueOn ?? facts?.effectiveDueOn ?? a.item.dueOn;
        return html`<tr data-assignment="${a.id}">
          <td>${lightDot(ctx, facts?.progress ?? null)}</td>
          <td>
            <a href="/items/${a.item.id}">${a.item.number} ${a.item.title}</a>
            <small class="muted">${kindLabel(ctx, a.item.kind)}</small>
          </td>
          <td class="ellipsis" title="${a.plan.title}">${a.plan.title}</td>
          <td>${label(ctx, 'assignment_role', a.role)}</td>
          <td>
            ${due ? ctx.date(due) : (a.item.dueText ?? '—')}${due && due !== a.item.dueOn ? html`<br /><small class="muted">${ctx.t('原', 'was')} ${ctx.date(a.item.dueOn)}</small>` : ''}
          </td>
          <td>${statusWithOverdue(ctx, a.item.status, a.overdue)}</td>
          <td>
            ${facts?.latestReport ? html`${reportStateBadge(ctx, facts.latestReport.state)} ${facts.latestReport.percent}%` : html`<span class="muted">—</span>`}
          </td>
          <td>
            ${
              a.acknowledgedAt
                ? html`<span class="ok-text" title="${ctx.dateTime(a.acknowledgedAt)}"
                    >${ctx.t('已签收', 'Acknowledged')}</span
                  >`
                : ack && view.canAcknowledge && a.item.status !== 'cancelled'
                  ? acknowledgeForm(ctx, a.item.id, '/?done=acknowledged#ack')
                  : html`<span class="warn-text">${ctx.t('待签收', 'Pending')}</span>`
            }
          </td>
        </tr>`;
      })}
    </tbody>
  </table>`;
}

function itemRows(ctx: PageContext, view: TasksView, items: ItemSummary[]): SafeHtml {
  return html`<table class="grid">
    <thead>
      <tr>
        <th class="w-light">${ctx.t('进度', 'Light')}</th>
        <th>${ctx.t('任务', 'Item')}</th>
        <th class="w-plan">${ctx.t('方案', 'Plan')}</th>
        <th>${ctx.t('牵头单位', 'Lead')}</th>
        <th class="w-date">${ctx.t('期限', 'Due')}</th>
        <th class="w-status">${ctx.t('状态', 'Status')}</th>
      </tr>
    </thead>
    <tbody>
      ${items.map(
        (i) =>
          html`<tr>
            <td>${lightDot(ctx, i.progress)}</td>
            <td><a href="/items/${i.id}">${i.number} ${i.title}</a></td>
            <td class="ellipsis" title="${i.plan.title}">${i.plan.title}</td>
            <td class="ellipsis">
              ${
                i.assignments
                  .filter((a) => a.role === 'lead')
                  .map((a) => a.departmentName)
                  .join('、') || '—'
              }
            </td>
            <td>${ctx.date(i.effectiveDueOn)}</td>
            <td>${statusWithOverdue(ctx, i.status, i.overdue, i.overdueDays)}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

export function tasksPage(ctx: PageContext, view: TasksView): SafeHtml {
  const a = view.assignments;
  // Overdue by this department's own date, whatever the review state.
  const overdue = a.filter((x) => x.overdue);
  const dueOf = (x: DepartmentAssignmentView) => x.effectiveDueOn;
  const thisWeek = a.filter((x) => {
    const due = dueOf(x);
    return OPEN.has(x.item.status) && due && due >= view.today && due <= view.weekEnd;
  });
  const toAcknowledge = a.filter((x) => !x.acknowledgedAt && x.item.status !== 'cancelled');
  // The department's own latest report awaits the office's review.
  const inReview = a.filter((x) => view.facts.get(x.id)?.latestReport?.state === 'submitted');
  const flash =
    view.done === 'acknowledged'
      ? html`<p class="notice ok" role="status">${ctx.t('已签收。', 'Acknowledged.')}</p>`
      : '';
  const warning = calendarWarning(ctx, view.missingCalendarYears ?? []);
  const calendarDone =
    view.done === 'calendar'
      ? html`<p class="notice ok" role="status">
          ${ctx.t('节假日安排已录入，全部提醒正在重新排期。', 'Holiday schedule entered; every reminder is being re-planned.')}
        </p>`
      : '';
  const body = view.department
    ? html`${flash}
        <p class="sub">
          ${ctx.t('部门', 'Department')}：<strong>${view.department.name}</strong> ·
          ${ctx.t(`共 ${a.length} 项任务`, `${a.length} assignments`)} · ${ctx.t('今天', 'Today')}
          ${ctx.date(view.today)}
        </p>
        <div class="tiles">
          <a class="tile red" href="#overdue"><b>${overdue.length}</b>${ctx.t('已逾期', 'Overdue')}</a>
          <a class="tile yellow" href="#week"
            ><b>${thisWeek.length}</b>${ctx.t('本周到期', 'Due this week')}</a
          >
          <a class="tile blue" href="#ack"
            ><b>${toAcknowledge.length}</b>${ctx.t('待签收', 'To acknowledge')}</a
          >
          <a class="tile grey" href="#review"><b>${inReview.length}</b>${ctx.t('待审核', 'In review')}</a>
        </div>
        ${section(ctx, { id: 'overdue', title: ctx.t('已逾期', 'Overdue'), count: overdue.length, body: assignmentRows(ctx, view, overdue) })}
        ${section(ctx, { id: 'week', title: ctx.t(`本周到期（至 ${ctx.date(view.weekEnd)}）`, `Due this week (until ${ctx.date(view.weekEnd)})`), count: thisWeek.length, body: assignmentRows(ctx, view, thisWeek) })}
        ${section(ctx, { id: 'ack', title: ctx.t('待我签收', 'Waiting for my acknowledgement'), count: toAcknowledge.length, body: assignmentRows(ctx, view, toAcknowledge, true) })}
        ${section(ctx, { id: 'review', title: ctx.t('待审核', 'Waiting for review'), count: inReview.length, body: assignmentRows(ctx, view, inReview) })}`
    : html`${view.message ? html`<p class="notice info">${view.message}</p>` : ''}
      ${section(ctx, { id: 'overdue', title: ctx.t('已逾期（我可见范围）', 'Overdue (in my scope)'), count: view.overdue.length, body: itemRows(ctx, view, view.overdue) })}
      ${section(ctx, { id: 'week', title: ctx.t('即将到期', 'Due soon'), count: view.dueSoon.length, body: itemRows(ctx, view, view.dueSoon) })}`;
  return layout(ctx, { title: ctx.t('我的任务', 'My tasks'), body: html`${calendarDone}${warning}${body}` });
}
