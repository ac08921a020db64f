import { formatPercent } from '../../common/i18n/format';
import type { Dashboard } from '../dashboard.service';
import { html, type SafeHtml } from '../html';
import { layout } from '../layout';
import type { PageContext } from '../page-context';
import { passFailGrid, redListTable } from './dashboard.page';

/** The review-meeting pack: one printable page (print CSS) with an Excel export of the same tables. */
export function packPage(ctx: PageContext, d: Dashboard, today: string): SafeHtml {
  const body = html`<p class="no-print">
      <button type="button" class="primary" data-print>${ctx.t('打印', 'Print')}</button>
      <a class="button" href="/dashboard/pack.xlsx">${ctx.t('导出 Excel', 'Export XLSX')}</a>
    </p>
    <p class="sub">${ctx.t('截至', 'As of')} ${ctx.date(today)}</p>
    <section class="panel">
      <h2>${ctx.t('一、各方案完成情况', '1. Completion by plan')}</h2>
      <table class="grid">
        <thead>
          <tr>
            <th>${ctx.t('方案', 'Plan')}</th>
            <th class="num">${ctx.t('任务', 'Items')}</th>
            <th class="num">${ctx.t('已完成', 'Completed')}</th>
            <th class="num">${ctx.t('待审核', 'In review')}</th>
            <th class="num">${ctx.t('已逾期', 'Overdue')}</th>
            <th class="num">${ctx.t('完成率', 'Rate')}</th>
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
      <h2>${ctx.t('二、各牵头单位', '2. By lead department')}</h2>
      <table class="grid">
        <thead>
          <tr>
            <th>${ctx.t('单位', 'Department')}</th>
            <th class="num">${ctx.t('牵头任务', 'Items')}</th>
            <th class="num">${ctx.t('已完成', 'Completed')}</th>
            <th class="num">${ctx.t('已逾期', 'Overdue')}</th>
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
      <h2>${ctx.t('三、创建县评估', '3. County evaluations')}</h2>
      ${passFailGrid(ctx, d.milestones)}
    </section>
    <section class="panel">
      <h2>${ctx.t('四、逾期任务', '4. Overdue items')}</h2>
      ${redListTable(ctx, d)}
    </section>`;
  return layout(ctx, { title: ctx.t('调度会材料', 'Review-meeting pack'), body });
}
