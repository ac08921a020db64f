import type { AssignmentStatus } from '../../plans/assignment-status.policy';
import type { AuditEntryView } from '../../audit/audit.service';
import type { CalendarDate } from '../../common/calendar-date';
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
        <option value="">${ctx.t('全部状态', 'Any status')}</option>
        ${ASSIGNMENT_STATUSES.map(
          (s) =>
            html`<option value="${s}" ${f.status === s ? 'selected' : ''}>${statusLabel(ctx, s)}</option>`,
        )}
      </select>
      <select name="plan">
        <option value="">${ctx.t('全部方案', 'Any plan')}</option>
        ${view.plans.map(
          (p) => html`<option value="${p.id}" ${f.plan === p.id ? 'selected' : ''}>${p.title}</option>`,
        )}
      </select>
      ${f.department ? html`<input type="hidden" name="department" value="${f.department}" /><span class="chip">${ctx.t('部门', 'Department')}：${view.departmentName ?? ctx.t('所选单位', 'the selected department')} <a href="${withoutParam(ctx.url, 'department')}" title="${ctx.t('清除', 'Clear')}">×</a></span>` : ''}
      <input
        type="search"
        name="q"
        value="${f.q ?? ''}"
        placeholder="${ctx.t('搜索标题、原文', 'Search title, text')}"
      />
      <button type="submit">${ctx.t('筛选', 'Filter')}</button>
    </form>
    <table class="grid">
      <thead>
        <tr>
          <th class="w-light">${ctx.t('进度', 'Light')}</th>
          <th class="w-num">${ctx.t('编号', 'No.')}</th>
          <th>${ctx.t('任务', 'Item')}</th>
          <th class="w-plan">${ctx.t('方案', 'Plan')}</th>
          <th>${ctx.t('牵头单位', 'Lead')}</th>
          <th class="w-date">${ctx.t('期限', 'Due')}</th>
          <th class="w-status">${ctx.t('状态', 'Status')}</th>
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
                ${i.effectiveDueOn ? ctx.date(i.effectiveDueOn) : (i.dueText ?? '—')}${i.extendedDueOn ? html`<br /><small class="muted">${ctx.t('原', 'was')} ${ctx.date(i.dueOn)}</small>` : ''}
              </td>
              <td>${statusWithOverdue(ctx, i.status, i.overdue, i.overdueDays)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    ${view.page.items.length === 0 ? html`<p class="empty">${ctx.t('没有符合条件的任务', 'No items match')}</p>` : ''}
    ${view.nextUrl ? html`<p><a href="${view.nextUrl}">${ctx.t('下一页 →', 'Next page →')}</a></p>` : ''}`;
  return layout(ctx, { title: ctx.t('任务清单', 'Items'), body, wide: true });
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

const DONE: Record<string, [string, string]> = {
  acknowledged: ['已签收。', 'Acknowledged.'],
  report: ['进展报告已提交，等待审核。', 'Report submitted for review.'],
  extension: ['延期申请已提交。', 'Extension request sent.'],
  approved: ['报告已通过。', 'Report approved.'],
  returned: ['报告已退回。', 'Report returned.'],
  closed: ['任务已办结。', 'The item is closed.'],
  'extension-approve': ['延期已批准。', 'Extension approved.'],
  'extension-reject': ['延期未批准。', 'Extension rejected.'],
  assigned: ['已增加责任单位。', 'Department added.'],
  unassigned: ['已移除责任单位。', 'Department removed.'],
  due: ['已设定该单位的办理时限。', 'The department’s due date is set.'],
  urged: ['已催办，并已发送邮件。', 'Urged; mail sent.'],
  replied: ['反馈已提交。', 'Reply sent.'],
};

export function itemPage(ctx: PageContext, view: ItemPageView): SafeHtml {
  const i = view.item;
  // ids in the history the page can name: the item's departments
  const names = new Map<string, string>(i.assignments.map((a) => [a.departmentId, a.departmentName]));
  const done = view.done && DONE[view.done];
  const body = html`${done ? html`<p class="notice ok" role="status">${ctx.t(...done)}</p>` : ''}
    <p class="sub">
      ${kindLabel(ctx, i.kind)} ·
      ${i.number ? html`${i.number} · ` : ''}${statusWithOverdue(ctx, i.status, i.overdue, i.overdueDays)}
      ${lightDot(ctx, i.progress)}
      ${i.overdueAgainstOriginal ? html`<span class="badge s-overdue" data-badge="overdue-original">${ctx.t('超过原定期限', 'Overdue against original')}</span>` : ''}
      ${i.closedAt ? html`<span class="badge s-completed" data-badge="closed">${ctx.t('已办结', 'Closed')}</span>` : ''}
    </p>
    <div class="cols">
      <div class="col-main">
        <section class="panel">
          <h2>${ctx.t('原文摘录', 'Source excerpt')}</h2>
          <blockquote class="excerpt">${i.excerpt}</blockquote>
          <p class="muted">
            ${ctx.t('出自', 'From')}《${toSimplified(view.plan.title)}》${view.plan.docNumber ? html`（${view.plan.docNumber}）` : html`（${ctx.t('无文号', 'no document number')}）`}
            · ${toSimplified(view.plan.issuer)} · ${ctx.date(view.plan.issuedOn)}
          </p>
          ${i.parent ? html`<p>${ctx.t('上级', 'Parent')}：<a href="/items/${i.parent.id}">${i.parent.number} ${i.parent.title}</a></p>` : ''}
          ${i.children.length ? html`<p>${ctx.t('下级', 'Children')}：${i.children.map((c) => html`<a href="/items/${c.id}" class="chip">${c.number} ${c.title}</a> `)}</p>` : ''}
        </section>
        ${view.flow}
        <section class="panel">
          <h2>${ctx.t('目标与指标佐证', 'Targets and indicator evidence')}</h2>
          ${
            i.targets.length
              ? html`<ul class="targets">
                  ${i.targets.map((t) => html`<li>${t.text} <small class="muted">${t.metric} ${t.comparator} ${t.value ?? (t.reference ? labelOf(ctx.locale, 'target_reference', t.reference) : '')} ${labelOf(ctx.locale, 'target_unit', t.unit)}${t.qualifier ? html` · ${labelOf(ctx.locale, 'target_qualifier', t.qualifier)}` : ''}${t.counted_if ? html` · ${ctx.t('计', 'counts')} ${t.counted_if.comparator} ${t.counted_if.value} ${labelOf(ctx.locale, 'target_unit', t.counted_if.unit)}` : ''}${t.indicator ? html` · ${indicatorText(ctx, t.indicator, view.region)}` : ''}</small></li>`)}
                </ul>`
              : html`<p class="empty">${ctx.t('无量化目标', 'No quantified targets')}</p>`
          }
          ${
            (i.incentives ?? []).length
              ? html`<h3>${ctx.t('激励措施（不作为目标考核）', 'Incentives (not targets)')}</h3>
                  <ul class="targets">
                    ${i.incentives.map((r) => html`<li>${r.text}</li>`)}
                  </ul>`
              : ''
          }
          ${i.indicator ? html`<p>${ctx.t('关联指标', 'Linked indicator')}：<strong data-indicator="${i.indicator}">${indicatorText(ctx, i.indicator, view.region)}</strong></p>` : ''}
          ${
            view.evidence === null
              ? ''
              : view.evidence.length
                ? html`<table class="grid">
                    <thead>
                      <tr>
                        <th>${ctx.t('指标', 'Indicator')}</th>
                        <th>${ctx.t('县', 'County')}</th>
                        <th>${ctx.t('学年', 'Year')}</th>
                        <th>${ctx.t('结果', 'Result')}</th>
                        <th>${ctx.t('计算时间', 'Computed')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      ${view.evidence.map(
                        (e) =>
                          html`<tr>
                            <td>${indicatorText(ctx, e.indicator, view.countyNames?.get(e.countyCode))}</td>
                            <td>
                              <a href="/counties/${e.countyCode}/evaluations/${e.schoolYear}"
                                >${view.countyNames?.get(e.countyCode) ?? ctx.t('该县', 'the county')}</a
                              >
                            </td>
                            <td>${ctx.t(`${e.schoolYear}学年`, String(e.schoolYear))}</td>
                            <td>
                              ${e.passed === null ? ctx.t('数据不足', 'Not enough data') : e.passed ? html`<span class="ok-text">${ctx.t('达标', 'Pass')}</span>` : html`<span class="fail-text">${ctx.t('未达标', 'Fail')}</span>`}
                            </td>
                            <td>${ctx.dateTime(e.computedAt)}</td>
                          </tr>`,
                      )}
                    </tbody>
                  </table>`
                : i.indicator
                  ? html`<p class="empty">${ctx.t('尚无指标计算结果', 'No indicator evidence yet')}</p>`
                  : ''
          }
        </section>
      </div>
      <aside class="col-side">
        <section class="panel">
          <h2>${ctx.t('时间', 'Dates')}</h2>
          <dl class="facts">
            <dt>${ctx.t('开始', 'Start')}</dt>
            <dd>${i.startOn ? ctx.date(i.startOn) : (i.startText ?? '—')}</dd>
            <dt>${ctx.t('原定期限', 'Original due')}</dt>
            <dd>
              ${ctx.date(i.originalDueOn)}${i.dueText ? html` <small class="muted">（${i.dueText}）</small>` : ''}
              ${i.overdueAgainstOriginal ? html`<span class="badge s-overdue">${ctx.t('已超原期限', 'Past original')}</span>` : ''}
            </dd>
            <dt>${ctx.t('延期后期限', 'Extended due')}</dt>
            <dd data-field="extended-due">${ctx.date(i.extendedDueOn)}</dd>
            ${
              i.closedAt
                ? html`<dt>${ctx.t('办结', 'Closed')}</dt>
                    <dd>${ctx.dateTime(i.closedAt)}</dd>`
                : ''
            }
            ${
              i.recurrence
                ? html`<dt>${ctx.t('周期', 'Recurs')}</dt>
                    <dd>${labelOf(ctx.locale, 'recurrence', i.recurrence)}</dd>`
                : ''
            }
          </dl>
        </section>
        <section class="panel">
          <h2>${ctx.t('变更记录', 'History')}</h2>
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
