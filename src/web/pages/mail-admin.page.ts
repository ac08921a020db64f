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
      <p class="muted">${ctx.msg('office.mail_interrupted_sends', { count: view.counts.interruptions })}</p>
      ${view.done ? html`<div class="notice ok" role="status">${ctx.msg('office.mail_requeued_notice', { count: view.done })}</div>` : ''}
      <form method="get" action="/admin/mail" class="filters">
        <input type="hidden" name="status" value="${status}" />
        <label class="inline"
          >${ctx.msg('office.mail_created_from_label')}
          <input type="datetime-local" name="from" value="${localValue(f.from)}"
        /></label>
        <label class="inline"
          >${ctx.msg('office.mail_created_to_label')}
          <input type="datetime-local" name="to" value="${localValue(f.to)}"
        /></label>
        <label class="inline"
          >${ctx.msg('office.mail_recipient_label')}
          <input type="search" name="recipient" value="${f.recipient ?? ''}" maxlength="254"
        /></label>
        <label class="inline"
          >${ctx.msg('office.mail_error_label')}
          <input type="search" name="error" value="${f.error ?? ''}" maxlength="200"
        /></label>
        <button type="submit">${ctx.msg('office.filter_button')}</button>
      </form>
      ${
        status === 'dead' || status === 'failed'
          ? html`<form method="post" action="/admin/mail/retry">
              ${csrfField(ctx)} ${filterFields}
              <button type="submit" class="primary" ${view.rows.length ? '' : 'disabled'}>
                ${ctx.msg('office.mail_retry_all_button')}
              </button>
            </form>`
          : ''
      }
    </section>
    <section class="panel">
      <h2>${ctx.msg('office.mail_messages_heading')} <span class="count">${view.rows.length}</span></h2>
      <div class="table-scroll">
        <table class="grid">
          <thead>
            <tr>
              <th class="w-plan">${ctx.msg('office.mail_created_column')}</th>
              <th>${ctx.msg('office.mail_recipient_column')}</th>
              <th class="w-status">${ctx.msg('office.mail_template_column')}</th>
              <th class="w-num">${ctx.msg('office.mail_attempts_column')}</th>
              <th>${ctx.msg('office.mail_last_error_column')}</th>
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
  return layout(ctx, { title: ctx.msg('office.mail_delivery_title'), body });
}

/** `datetime-local` wants `YYYY-MM-DDTHH:mm` (Shanghai time, as people read it). */
function localValue(iso: string | undefined): string {
  if (!iso) return '';
  const at = Date.parse(iso);
  if (!Number.isFinite(at)) return '';
  return new Date(at + 8 * 3600_000).toISOString().slice(0, 16);
}
