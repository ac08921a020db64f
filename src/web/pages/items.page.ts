import type { AssignmentStatus } from '../../plans/assignment-status.policy';
import type { AuditEntryView } from '../../audit/audit.service';
import type { CalendarDate } from '../../common/calendar-date';
import type { MessageKey } from '../../common/i18n/catalog';
import type { EvidenceView } from '../../indicators/evidence/evidence.service';
import type { ItemFlowDetail } from '../../supervision/supervision.service';
import type { ItemPage } from '../../plans/plan-items.service';
import type { PlanSummary } from '../../plans/plans.service';
import { ASSIGNMENT_STATUSES } from '../../plans/assignment-status.policy';
import { indicatorLabel, labelOf } from '../../common/i18n/labels';
import { toSimplified } from '../../common/text-normalization';
import { auditSentence } from '../audit-sentences';
import { kindLabel, lightDot, statusLabel, statusWithOverdue } from '../components';
import { html, type SafeHtml } from '../html';
import { layout } from '../layout';
import type { PageContext } from '../page-context';

export interface ItemsFilterView {
  status?: AssignmentStatus;
  department?: string;
  plan?: string;
  q?: string;
}

export function itemsPage(
  ctx: PageContext,
  view: {
    today: CalendarDate;
    filter: ItemsFilterView;
    page: ItemPage;
    plans: PlanSummary[];
    departmentName: string | null;
    nextUrl: string | null;
  },
): SafeHtml {
  const f = view.filter;
  const body = html`<form method="get" action="/items" class="filters">
      <select name="status">
        <option value="">${ctx.msg('items.any_status_option')}</option>
        ${ASSIGNMENT_STATUSES.map(
          (s) =>
            html`<option value="${s}" ${f.status === s ? 'selected' : ''}>${statusLabel(ctx, s)}</option>`,
        )}
      </select>
      <select name="plan">
        <option value="">${ctx.msg('items.any_plan_option')}</option>
        ${view.plans.map(
          (p) => html`<option value="${p.id}" ${f.plan === p.id ? 'selected' : ''}>${p.title}</option>`,
        )}
      </select>
      ${f.department ? html`<input type="hidden" name="department" value="${f.department}" /><span class="chip">${ctx.msg('items.department_label')}：${view.departmentName ?? ctx.msg('items.selected_department')} <a href="${withoutParam(ctx.url, 'department')}" title="${ctx.msg('items.clear_filter_title')}">×</a></span>` : ''}
      <input
        type="search"
        name="q"
        value="${f.q ?? ''}"
        placeholder="${ctx.msg('items.search_placeholder')}"
      />
      <button type="submit">${ctx.msg('items.filter_button')}</button>
    </form>
    <table class="grid">
      <thead>
        <tr>
          <th class="w-light">${ctx.msg('items.progress_header')}</th>
          <th class="w-num">${ctx.msg('items.number_header')}</th>
          <th>${ctx.msg('items.item_header')}</th>
          <th class="w-plan">${ctx.msg('items.plan_header')}</th>
          <th>${ctx.msg('items.lead_header')}</th>
          <th class="w-date">${ctx.msg('items.due_header')}</th>
          <th class="w-status">${ctx.msg('items.status_header')}</th>
        </tr>
      </thead>
      <tbody>
        ${view.page.items.map(
          (i) =>
            html`<tr>
              <td>${lightDot(ctx, i.progress)}</td>
              <td class="ellipsis">${i.number}</td>
              <td>
                <a href="/items/${i.id}">${i.title}</a> <small class="muted">${kindLabel(ctx, i.kind)}</small>
              </td>
              <td class="ellipsis" title="${i.plan.title}">${i.plan.title}</td>
              <td class="ellipsis">
                ${
                  i.assignments
                    .filter((a) => a.role === 'lead')
                    .map((a) => a.departmentName)
                    .join('、') || '—'
                }
              </td>
              <td>
                ${i.effectiveDueOn ? ctx.date(i.effectiveDueOn) : (i.dueText ?? '—')}${i.extendedDueOn ? html`<br /><small class="muted">${ctx.msg('items.original_due_before')} ${ctx.date(i.dueOn)}</small>` : ''}
              </td>
              <td>${statusWithOverdue(ctx, i.status, i.overdue, i.overdueDays)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    ${view.page.items.length === 0 ? html`<p class="empty">${ctx.msg('items.no_matching_items')}</p>` : ''}
    ${view.nextUrl ? html`<p><a href="${view.nextUrl}">${ctx.msg('items.next_page_link')}</a></p>` : ''}`;
  return layout(ctx, { title: ctx.msg('items.items_title'), body, wide: true });
}

function withoutParam(url: string, name: string): string {
  const u = new URL(url, 'http://x');
  u.searchParams.delete(name);
  return u.pathname + u.search;
}

export interface ItemPageView {
  today: CalendarDate;
  item: ItemFlowDetail;
  plan: { title: string; docNumber: string | null; issuer: string; issuedOn: string };
  history: AuditEntryView[];
  /** null: the indicators module is not available */
  evidence: EvidenceView[] | null;
  /** The 督办 flow sections (FlowForms.sections): state for everyone, forms only for who may use them. */
  flow: SafeHtml;
  /** A flash after a form (`?done=report`). */
  done?: string | null;
  /** The plan's region (the county of a 创建认定 milestone). */
  region?: string | null;
  /** Names of the counties in `evidence`, by code. */
  countyNames?: ReadonlyMap<string, string>;
}

const DONE: Record<string, MessageKey> = {
  acknowledged: 'items.acknowledged_notice',
  report: 'items.report_submitted_notice',
  extension: 'items.extension_requested_notice',
  approved: 'items.report_approved_notice',
  returned: 'items.report_returned_notice',
  closed: 'items.item_closed_notice',
  'extension-approve': 'items.extension_approved_notice',
  'extension-reject': 'items.extension_rejected_notice',
  assigned: 'items.department_assigned_notice',
  unassigned: 'items.department_unassigned_notice',
  due: 'items.department_due_set_notice',
  urged: 'items.urged_notice',
  replied: 'items.replied_notice',
};

export function itemPage(ctx: PageContext, view: ItemPageView): SafeHtml {
  const i = view.item;
  // ids in the history the page can name: the item's departments
  const names = new Map<string, string>(i.assignments.map((a) => [a.departmentId, a.departmentName]));
  const done = view.done && Object.hasOwn(DONE, view.done) ? DONE[view.done] : undefined;
  const body = html`${done ? html`<p class="notice ok" role="status">${ctx.msg(done)}</p>` : ''}
    <p class="sub">
      ${kindLabel(ctx, i.kind)} ·
      ${i.number ? html`${i.number} · ` : ''}${statusWithOverdue(ctx, i.status, i.overdue, i.overdueDays)}
      ${lightDot(ctx, i.progress)}
      ${i.overdueAgainstOriginal ? html`<span class="badge s-overdue" data-badge="overdue-original">${ctx.msg('items.overdue_against_original_badge')}</span>` : ''}
      ${i.closedAt ? html`<span class="badge s-completed" data-badge="closed">${ctx.msg('items.closed_badge')}</span>` : ''}
    </p>
    <div class="cols">
      <div class="col-main">
        <section class="panel">
          <h2>${ctx.msg('items.source_excerpt_title')}</h2>
          <blockquote class="excerpt">${i.excerpt}</blockquote>
          <p class="muted">
            ${ctx.msg('items.source_from')}《${toSimplified(view.plan.title)}》${view.plan.docNumber ? html`（${view.plan.docNumber}）` : html`（${ctx.msg('items.no_document_number')}）`}
            · ${toSimplified(view.plan.issuer)} · ${ctx.date(view.plan.issuedOn)}
          </p>
          ${i.parent ? html`<p>${ctx.msg('items.parent_item_label')}：<a href="/items/${i.parent.id}">${i.parent.number} ${i.parent.title}</a></p>` : ''}
          ${i.children.length ? html`<p>${ctx.msg('items.child_items_label')}：${i.children.map((c) => html`<a href="/items/${c.id}" class="chip">${c.number} ${c.title}</a> `)}</p>` : ''}
        </section>
        ${view.flow}
        <section class="panel">
          <h2>${ctx.msg('items.targets_evidence_title')}</h2>
          ${
            i.targets.length
              ? html`<ul class="targets">
                  ${i.targets.map((t) => html`<li>${t.text} <small class="muted">${t.metric} ${t.comparator} ${t.value ?? (t.reference ? labelOf(ctx.locale, 'target_reference', t.reference) : '')} ${labelOf(ctx.locale, 'target_unit', t.unit)}${t.qualifier ? html` · ${labelOf(ctx.locale, 'target_qualifier', t.qualifier)}` : ''}${t.counted_if ? html` · ${ctx.msg('items.target_counted_if')} ${t.counted_if.comparator} ${t.counted_if.value} ${labelOf(ctx.locale, 'target_unit', t.counted_if.unit)}` : ''}${t.indicator ? html` · ${indicatorText(ctx, t.indicator, view.region)}` : ''}</small></li>`)}
                </ul>`
              : html`<p class="empty">${ctx.msg('items.no_quantified_targets')}</p>`
          }
          ${
            (i.incentives ?? []).length
              ? html`<h3>${ctx.msg('items.incentives_title')}</h3>
                  <ul class="targets">
                    ${i.incentives.map((r) => html`<li>${r.text}</li>`)}
                  </ul>`
              : ''
          }
          ${i.indicator ? html`<p>${ctx.msg('items.linked_indicator_label')}：<strong data-indicator="${i.indicator}">${indicatorText(ctx, i.indicator, view.region)}</strong></p>` : ''}
          ${
            view.evidence === null
              ? ''
              : view.evidence.length
                ? html`<table class="grid">
                    <thead>
                      <tr>
                        <th>${ctx.msg('items.indicator_header')}</th>
                        <th>${ctx.msg('items.county_header')}</th>
                        <th>${ctx.msg('items.school_year_header')}</th>
                        <th>${ctx.msg('items.result_header')}</th>
                        <th>${ctx.msg('items.computed_at_header')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      ${view.evidence.map(
                        (e) =>
                          html`<tr>
                            <td>${indicatorText(ctx, e.indicator, view.countyNames?.get(e.countyCode))}</td>
                            <td>
                              <a href="/counties/${e.countyCode}/evaluations/${e.schoolYear}"
                                >${view.countyNames?.get(e.countyCode) ?? ctx.msg('items.the_county')}</a
                              >
                            </td>
                            <td>${ctx.msg('items.school_year', { year: e.schoolYear })}</td>
                            <td>
                              ${e.passed === null ? labelOf(ctx.locale, 'verdict', 'unknown') : e.passed ? html`<span class="ok-text">${labelOf(ctx.locale, 'verdict', 'pass')}</span>` : html`<span class="fail-text">${labelOf(ctx.locale, 'verdict', 'fail')}</span>`}
                            </td>
                            <td>${ctx.dateTime(e.computedAt)}</td>
                          </tr>`,
                      )}
                    </tbody>
                  </table>`
                : i.indicator
                  ? html`<p class="empty">${ctx.msg('items.no_indicator_evidence_yet')}</p>`
                  : ''
          }
        </section>
      </div>
      <aside class="col-side">
        <section class="panel">
          <h2>${ctx.msg('items.dates_title')}</h2>
          <dl class="facts">
            <dt>${ctx.msg('items.start_label')}</dt>
            <dd>${i.startOn ? ctx.date(i.startOn) : (i.startText ?? '—')}</dd>
            <dt>${ctx.msg('items.original_due_label')}</dt>
            <dd>
              ${ctx.date(i.originalDueOn)}${i.dueText ? html` <small class="muted">（${i.dueText}）</small>` : ''}
              ${i.overdueAgainstOriginal ? html`<span class="badge s-overdue">${ctx.msg('items.past_original_due_badge')}</span>` : ''}
            </dd>
            <dt>${ctx.msg('items.extended_due_label')}</dt>
            <dd data-field="extended-due">${ctx.date(i.extendedDueOn)}</dd>
            ${
              i.closedAt
                ? html`<dt>${ctx.msg('items.closed_at_label')}</dt>
                    <dd>${ctx.dateTime(i.closedAt)}</dd>`
                : ''
            }
            ${
              i.recurrence
                ? html`<dt>${ctx.msg('items.recurrence_label')}</dt>
                    <dd>${labelOf(ctx.locale, 'recurrence', i.recurrence)}</dd>`
                : ''
            }
          </dl>
        </section>
        <section class="panel">
          <h2>${ctx.msg('items.history_title')}</h2>
          <ol class="history">
            ${view.history
              .slice()
              .reverse()
              .slice(0, 30)
              .map(
                (h) =>
                  html`<li data-action="${h.entityType}.${h.action}">
                    ${auditSentence(ctx.locale, h, { names, year: Number(view.today.slice(0, 4)) })}
                  </li>`,
              )}
          </ol>
        </section>
      </aside>
    </div>`;
  return layout(ctx, { title: i.title, body, wide: true });
}

/** `G5 小学、初中所有班级…`; the certification milestone as the county's 创建认定. */
const indicatorText = (ctx: PageContext, id: string, county?: string | null): string =>
  id === 'CERT' ? indicatorLabel(ctx.locale, id, county) : `${id} ${indicatorLabel(ctx.locale, id)}`;
