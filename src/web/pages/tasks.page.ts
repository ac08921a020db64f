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
        <h2>${ctx.msg('items.calendar_missing_title', { year })}</h2>
        <p>${ctx.msg('items.calendar_missing_explanation', { year })}</p>
        <form method="post" action="/calendar/years/${String(year)}">
          ${csrfField(ctx)}
          <label
            >${ctx.msg('items.calendar_holidays_label')}
            <textarea name="holidays" rows="6" required placeholder="${year}年1月1日至3日 元旦"></textarea>
          </label>
          <label
            >${ctx.msg('items.calendar_workdays_label')}
            <textarea name="workdays" rows="3" placeholder="${year}年2月7日 春节"></textarea>
          </label>
          <button type="submit" class="primary">${ctx.msg('items.calendar_enter_button', { year })}</button>
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
        <th class="w-light">${ctx.msg('items.progress_header')}</th>
        <th>${ctx.msg('items.item_header')}</th>
        <th class="w-plan">${ctx.msg('items.plan_header')}</th>
        <th class="w-role">${ctx.msg('items.role_header')}</th>
        <th class="w-date">${ctx.msg('items.due_header')}</th>
        <th class="w-status">${ctx.msg('items.status_header')}</th>
        <th class="w-report">${ctx.msg('items.own_report_header')}</th>
        <th class="w-ack">${ctx.msg('items.acknowledgement_header')}</th>
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
            ${due ? ctx.date(due) : (a.item.dueText ?? '—')}${due && due !== a.item.dueOn ? html`<br /><small class="muted">${ctx.msg('items.original_due_before')} ${ctx.date(a.item.dueOn)}</small>` : ''}
          </td>
          <td>${statusWithOverdue(ctx, a.item.status, a.overdue)}</td>
          <td>
            ${facts?.latestReport ? html`${reportStateBadge(ctx, facts.latestReport.state)} ${facts.latestReport.percent}%` : html`<span class="muted">—</span>`}
          </td>
          <td>
            ${
              a.acknowledgedAt
                ? html`<span class="ok-text" title="${ctx.dateTime(a.acknowledgedAt)}"
                    >${ctx.msg('items.acknowledged_state')}</span
                  >`
                : ack && view.canAcknowledge && a.item.status !== 'cancelled'
                  ? acknowledgeForm(ctx, a.item.id, '/?done=acknowledged#ack')
                  : html`<span class="warn-text">${ctx.msg('items.acknowledgement_pending_state')}</span>`
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
        <th class="w-light">${ctx.msg('items.progress_header')}</th>
        <th>${ctx.msg('items.item_header')}</th>
        <th class="w-plan">${ctx.msg('items.plan_header')}</th>
        <th>${ctx.msg('items.lead_header')}</th>
        <th class="w-date">${ctx.msg('items.due_header')}</th>
        <th class="w-status">${ctx.msg('items.status_header')}</th>
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
      ? html`<p class="notice ok" role="status">${ctx.msg('items.acknowledged_notice')}</p>`
      : '';
  const warning = calendarWarning(ctx, view.missingCalendarYears ?? []);
  const calendarDone =
    view.done === 'calendar'
      ? html`<p class="notice ok" role="status">${ctx.msg('items.calendar_entered_notice')}</p>`
      : '';
  const body = view.department
    ? html`${flash}
        <p class="sub">
          ${ctx.msg('items.department_label')}：<strong>${view.department.name}</strong> ·
          ${ctx.msg('items.assignment_count', { count: a.length })} · ${ctx.msg('items.today_label')}
          ${ctx.date(view.today)}
        </p>
        <div class="tiles">
          <a class="tile red" href="#overdue"><b>${overdue.length}</b>${ctx.msg('items.overdue_title')}</a>
          <a class="tile yellow" href="#week"
            ><b>${thisWeek.length}</b>${ctx.msg('items.due_this_week_tile')}</a
          >
          <a class="tile blue" href="#ack"
            ><b>${toAcknowledge.length}</b>${ctx.msg('items.to_acknowledge_tile')}</a
          >
          <a class="tile grey" href="#review"><b>${inReview.length}</b>${ctx.msg('items.in_review_tile')}</a>
        </div>
        ${section(ctx, { id: 'overdue', title: ctx.msg('items.overdue_title'), count: overdue.length, body: assignmentRows(ctx, view, overdue) })}
        ${section(ctx, { id: 'week', title: ctx.msg('items.due_this_week_title', { date: ctx.date(view.weekEnd) }), count: thisWeek.length, body: assignmentRows(ctx, view, thisWeek) })}
        ${section(ctx, { id: 'ack', title: ctx.msg('items.awaiting_my_acknowledgement_title'), count: toAcknowledge.length, body: assignmentRows(ctx, view, toAcknowledge, true) })}
        ${section(ctx, { id: 'review', title: ctx.msg('items.awaiting_review_title'), count: inReview.length, body: assignmentRows(ctx, view, inReview) })}`
    : html`${view.message ? html`<p class="notice info">${view.message}</p>` : ''}
      ${section(ctx, { id: 'overdue', title: ctx.msg('items.overdue_in_scope_title'), count: view.overdue.length, body: itemRows(ctx, view, view.overdue) })}
      ${section(ctx, { id: 'week', title: ctx.msg('items.due_soon_title'), count: view.dueSoon.length, body: itemRows(ctx, view, view.dueSoon) })}`;
  return layout(ctx, { title: ctx.msg('items.tasks_title'), body: html`${calendarDone}${warning}${body}` });
}
