import type { CalendarDate } from '../../calendar/calendar-date';
import type { ItemDetail, ItemSummary } from '../../plans/plan-items.service';
import { lightDot, lightOf, section, statusBadge } from '../components';
import { html, type SafeHtml } from '../html';
import { layout } from '../layout';
import type { PageContext } from '../page-context';

function rows(ctx: PageContext, today: CalendarDate, items: ItemSummary[], notice: boolean): SafeHtml {
  return html`<table class="grid">
    <thead>
      <tr>
        <th class="w-light">${ctx.t('进度', 'Light')}</th>
        <th>${ctx.t('任务', 'Item')}</th>
        <th class="w-plan">${ctx.t('牵头单位', 'Lead')}</th>
        <th class="w-date">${ctx.t('期限', 'Due')}</th>
        <th class="w-status">${ctx.t('状态', 'Status')}</th>
        <th class="w-ack">${ctx.t('操作', 'Action')}</th>
      </tr>
    </thead>
    <tbody>
      ${items.map(
        (i) =>
          html`<tr>
            <td>${lightDot(ctx, lightOf(i, today))}</td>
            <td><a href="/items/${i.id}">${i.number} ${i.title}</a></td>
            <td class="ellipsis">
              ${
                i.assignments
                  .filter((a) => a.role === 'lead')
                  .map((a) => a.departmentName)
                  .join('、') || '—'
              }
            </td>
            <td>${i.dueOn ?? '—'}</td>
            <td>${statusBadge(ctx, i.status)}</td>
            <td>
              ${notice ? html`<a href="/office/notice/${i.id}">${ctx.t('督办通知', 'Notice')}</a>` : html`<a href="/items/${i.id}#review">${ctx.t('审核', 'Review')}</a>`}
            </td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

export function officePage(
  ctx: PageContext,
  view: { today: CalendarDate; review: ItemSummary[]; overdue: ItemSummary[] },
): SafeHtml {
  const body = html`${section(ctx, { id: 'review', title: ctx.t('待审核的进展报告', 'Reports awaiting review'), count: view.review.length, body: rows(ctx, view.today, view.review, false) })}
    <section class="panel" id="extensions">
      <h2>${ctx.t('延期申请', 'Extension requests')}</h2>
      <p class="empty">${ctx.t('延期申请接口尚未上线', 'Extension requests are not available yet')}</p>
    </section>
    <section class="panel" id="escalations">
      <h2>${ctx.t('升级提醒', 'Escalation notices')}</h2>
      <p class="empty">
        ${ctx.t('提醒模块尚未提供升级提醒', 'The reminders module does not expose escalation notices yet')}
      </p>
    </section>
    ${section(ctx, { id: 'overdue', title: ctx.t('逾期任务（可打印督办通知）', 'Overdue items (print a notice)'), count: view.overdue.length, body: rows(ctx, view.today, view.overdue, true) })}`;
  return layout(ctx, { title: ctx.t('督办工作台', 'Office workbench'), body, wide: true });
}

export function noticePage(
  ctx: PageContext,
  view: { item: ItemDetail; planTitle: string; docNumber: string | null; today: string },
): SafeHtml {
  const i = view.item;
  const lead = i.assignments.filter((a) => a.role === 'lead').map((a) => a.departmentName);
  const coop = i.assignments.filter((a) => a.role === 'cooperate').map((a) => a.departmentName);
  const body = html`<p class="no-print">
      <button type="button" class="primary" data-print>${ctx.t('打印', 'Print')}</button>
    </p>
    <article class="card notice-doc">
      <h2 style="text-align:center;font-size:20px">督办通知</h2>
      <p>${[...lead, ...coop].join('、') || '有关单位'}：</p>
      <p>
        根据《${view.planTitle}》${view.docNumber ? `（${view.docNumber}）` : ''}，“${i.number}
        ${i.title}”应于 ${i.dueOn ?? i.dueText ?? '规定时间'}
        前完成，目前状态为“${i.status === 'overdue' ? '已逾期' : i.status}”。请牵头单位${lead.join('、') || ''}会同配合单位抓紧办理，并在督办系统中报送进展和佐证材料。
      </p>
      <blockquote class="excerpt">${i.excerpt}</blockquote>
      <p style="text-align:right">领导小组办公室<br />${view.today}</p>
    </article>`;
  return layout(ctx, { title: ctx.t('督办通知', 'Supervision notice'), body });
}
