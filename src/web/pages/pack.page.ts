import { formatPercent } from '../../common/i18n/format';
import { labelOf } from '../../common/i18n/labels';
import type { Dashboard } from '../dashboard.service';
import { html, type SafeHtml } from '../html';
import { layout } from '../layout';
import type { PageContext } from '../page-context';
import { passFailGrid, redListTable } from './dashboard.page';

/** The review-meeting pack: one printable page (print CSS) with an Excel export of the same tables. */
export function packPage(ctx: PageContext, d: Dashboard, today: string): SafeHtml {
  const body = html`<p class="no-print">
      <button type="button" class="primary" data-print>${ctx.msg('leadership.pack_print_button')}</button>
      <a class="button" href="/dashboard/pack.xlsx">${ctx.msg('leadership.export_excel_link')}</a>
    </p>
    <p class="sub">${ctx.msg('leadership.pack_as_of')} ${ctx.date(today)}</p>
    <section class="panel">
      <h2>${ctx.msg('leadership.pack_plans_title')}</h2>
      <table class="grid">
        <thead>
          <tr>
            <th>${ctx.msg('leadership.pack_plan_column')}</th>
            <th class="num">${ctx.msg('leadership.pack_items_column')}</th>
            <th class="num">${labelOf(ctx.locale, 'status', 'completed')}</th>
            <th class="num">${labelOf(ctx.locale, 'status', 'submitted')}</th>
            <th class="num">${labelOf(ctx.locale, 'status', 'overdue')}</th>
            <th class="num">${ctx.msg('leadership.pack_completion_rate_column')}</th>
          </tr>
        </thead>
        <tbody>
          ${d.plans.map((p) => {
            const total = p.itemCount - (p.statusCounts.cancelled ?? 0);
            const done = p.statusCounts.completed ?? 0;
            return html`<tr>
              <td>${p.title}${p.docNumber ? html` <small>（${p.docNumber}）</small>` : ''}</td>
              <td class="num">${total}</td>
              <td class="num">${done}</td>
              <td class="num">${p.statusCounts.submitted ?? 0}</td>
              <td class="num">${p.statusCounts.overdue ?? 0}</td>
              <td class="num">${total ? formatPercent(done / total, 1) : '—'}</td>
            </tr>`;
          })}
        </tbody>
      </table>
    </section>
    <section class="panel">
      <h2>${ctx.msg('leadership.pack_departments_title')}</h2>
      <table class="grid">
        <thead>
          <tr>
            <th>${ctx.msg('leadership.pack_department_column')}</th>
            <th class="num">${ctx.msg('leadership.pack_lead_items_column')}</th>
            <th class="num">${labelOf(ctx.locale, 'status', 'completed')}</th>
            <th class="num">${labelOf(ctx.locale, 'status', 'overdue')}</th>
          </tr>
        </thead>
        <tbody>
          ${d.departments.map(
            (x) =>
              html`<tr>
                <td>${x.name}</td>
                <td class="num">${x.total}</td>
                <td class="num">${x.completed}</td>
                <td class="num">${x.overdue}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </section>
    <section class="panel">
      <h2>${ctx.msg('leadership.pack_evaluations_title')}</h2>
      ${passFailGrid(ctx, d.milestones)}
    </section>
    <section class="panel">
      <h2>${ctx.msg('leadership.pack_overdue_title')}</h2>
      ${redListTable(ctx, d)}
    </section>`;
  return layout(ctx, { title: ctx.msg('leadership.pack_title'), body });
}
