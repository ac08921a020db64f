import type { OutboxStatus } from '../../notifications/notification-outbox.entity';
import type { OutboxFilter, OutboxView } from '../../notifications/outbox.service';
import { label } from '../components';
import { OUTBOX_STATUSES } from '../../notifications/notification-outbox.entity';
import { html, type SafeHtml } from '../html';
import { csrfField, layout } from '../layout';
import type { PageContext } from '../page-context';

export interface MailAdminView {
  filter: OutboxFilter;
  rows: OutboxView[];
  counts: Record<OutboxStatus, number> & { interruptions: number };
  done: string | null;
}

/** 邮件投递: failed and dead mail, filtered by time, recipient and error, and the bulk 重新发送. */
export function mailAdminPage(ctx: PageContext, view: MailAdminView): SafeHtml {
  const f = view.filter;
  const status = f.status ?? 'dead';
  const filterFields = html`<input type="hidden" name="status" value="${status}" />
    <input type="hidden" name="from" value="${f.from ?? ''}" />
    <input type="hidden" name="to" value="${f.to ?? ''}" />
    <input type="hidden" name="recipient" value="${f.recipient ?? ''}" />
    <input type="hidden" name="error" value="${f.error ?? ''}" />`;
  const body = html`<section class="panel">
      <p>
        ${OUTBOX_STATUSES.map(
          (s) =>
            html`<a class="${s === status ? 'button primary' : 'button'}" href="/admin/mail?status=${s}"
              >${label(ctx, 'outbox_status', s)} <span class="count">${view.counts[s]}</span></a
            > `,
        )}
      </p>
      <p class="muted">
        ${ctx.t(
          `发送中断后重发（可能重复，收件方可按邮件标识去重）：${view.counts.interruptions} 次`,
          `Sends taken over after a crash (possible duplicates, same Message-ID): ${view.counts.interruptions}`,
        )}
      </p>
      ${view.done ? html`<div class="notice ok" role="status">${ctx.t(`已重新排队 ${view.done} 封邮件。`, `${view.done} message(s) queued again.`)}</div>` : ''}
      <form method="get" action="/admin/mail" class="filters">
        <input type="hidden" name="status" value="${status}" />
        <label class="inline"
          >${ctx.t('创建时间起', 'Created from')}
          <input type="datetime-local" name="from" value="${localValue(f.from)}"
        /></label>
        <label class="inline"
          >${ctx.t('至', 'to')} <input type="datetime-local" name="to" value="${localValue(f.to)}"
        /></label>
        <label class="inline"
          >${ctx.t('收件人', 'Recipient')}
          <input type="search" name="recipient" value="${f.recipient ?? ''}" maxlength="254"
        /></label>
        <label class="inline"
          >${ctx.t('错误信息', 'Error')}
          <input type="search" name="error" value="${f.error ?? ''}" maxlength="200"
        /></label>
        <button type="submit">${ctx.t('筛选', 'Filter')}</button>
      </form>
      ${
        status === 'dead' || status === 'failed'
          ? html`<form method="post" action="/admin/mail/retry">
              ${csrfField(ctx)} ${filterFields}
              <button type="submit" class="primary" ${view.rows.length ? '' : 'disabled'}>
                ${ctx.t('按当前筛选条件全部重新发送', 'Send every matching message again')}
              </button>
            </form>`
          : ''
      }
    </section>
    <section class="panel">
      <h2>${ctx.t('邮件', 'Messages')} <span class="count">${view.rows.length}</span></h2>
      <div class="table-scroll">
        <table class="grid">
          <thead>
            <tr>
              <th class="w-plan">${ctx.t('创建时间', 'Created')}</th>
              <th>${ctx.t('收件人', 'Recipient')}</th>
              <th class="w-status">${ctx.t('类型', 'Template')}</th>
              <th class="w-num">${ctx.t('尝试', 'Attempts')}</th>
              <th>${ctx.t('最近错误', 'Last error')}</th>
            </tr>
          </thead>
          <tbody>
            ${view.rows.map(
              (r) =>
                html`<tr>
                  <td>${ctx.dateTime(r.createdAt)}</td>
                  <td class="ellipsis">${r.recipientEmail}</td>
                  <td>${label(ctx, 'mail_template', r.template)}</td>
                  <td>${r.attempts}</td>
                  <td class="ellipsis" title="${r.lastError ?? ''}">${r.lastError ?? ''}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </section>`;
  return layout(ctx, { title: ctx.t('邮件投递', 'Mail delivery'), body });
}

/** `datetime-local` wants `YYYY-MM-DDTHH:mm` (Shanghai time, as people read it). */
function localValue(iso: string | undefined): string {
  if (!iso) return '';
  const at = Date.parse(iso);
  if (!Number.isFinite(at)) return '';
  return new Date(at + 8 * 3600_000).toISOString().slice(0, 16);
}
