import type { ExtensionView } from '../../supervision/extensions.service';
import type { ReportView } from '../../supervision/reports.service';
import type { CalendarDate } from '../../common/calendar-date';
import type { ItemDetail, ItemSummary } from '../../plans/plan-items.service';
import type { EscalationNotice } from '../../reminders/escalation-notice.entity';
import { noticeNumberText } from '../../supervision/office-numbers';
import type { NoticeView } from '../../supervision/notices.service';
import type { UnreachableDepartment } from '../../departments/contacts.service';
import { toSimplified } from '../../common/text-normalization';
import type { MessageKey } from '../../common/i18n/catalog';
import { formatDate } from '../../common/i18n/format';
import { labelOf, periodLabel } from '../../common/i18n/labels';
import { lightDot, section, statusWithOverdue } from '../components';
import { decisionForm, fileLink, reviewForm, roleText } from '../flow-forms';
import { html, type SafeHtml } from '../html';
import { csrfField, layout } from '../layout';
import type { PageContext } from '../page-context';
import { pageOf, pager } from '../pager';

const OFFICE_DONE: Record<string, MessageKey> = {
  approved: 'office.report_approved_notice',
  returned: 'office.report_returned_notice',
  closed: 'office.report_approved_item_closed_notice',
  'extension-approve': 'office.extension_approved_notice',
  'extension-reject': 'office.extension_rejected_notice',
  contact: 'office.contact_saved_notice',
  deadlines: 'office.deadlines_set_notice',
  published: 'office.plan_published_notice',
};

function rows(ctx: PageContext, today: CalendarDate, items: ItemSummary[], notice: boolean): SafeHtml {
  return html`<table class="grid">
    <thead>
      <tr>
        <th class="w-light">${ctx.msg('office.light_column')}</th>
        <th>${ctx.msg('office.item_column')}</th>
        <th class="w-plan">${ctx.msg('office.lead_department_column')}</th>
        <th class="w-date">${ctx.msg('office.due_column')}</th>
        <th class="w-status">${ctx.msg('office.status_column')}</th>
        <th class="w-actions">${ctx.msg('office.action_column')}</th>
      </tr>
    </thead>
    <tbody>
      ${items.map(
        (i) =>
          html`<tr>
            <td>${lightDot(ctx, i.progress)}</td>
            <td><a href="/items/${i.id}">${i.number} ${i.title}</a></td>
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
            <td>
              ${notice ? html`<a href="/office/notice/${i.id}">${ctx.msg('office.notice_link')}</a> · ` : ''}<a
                href="/items/${i.id}#assign"
                >${ctx.msg('office.reassign_link')}</a
              >
            </td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

/** 批量补填办理时限: tick the items, one date for all. */
function noDeadlineForm(ctx: PageContext, items: ItemSummary[]): SafeHtml {
  return html`<form method="post" action="/office/deadlines" id="deadlines-form">
    ${csrfField(ctx)}
    <table class="grid">
      <thead>
        <tr>
          <th class="w-light">${ctx.msg('office.pick_column')}</th>
          <th>${ctx.msg('office.item_column')}</th>
          <th class="w-plan">${ctx.msg('office.departments_column')}</th>
        </tr>
      </thead>
      <tbody>
        ${items.map(
          (i) =>
            html`<tr data-item="${i.id}">
              <td>
                <input type="checkbox" name="itemIds" value="${i.id}" checked aria-label="${i.title}" />
              </td>
              <td>
                <a href="/items/${i.id}">${i.number} ${i.title}</a>
                <small class="muted">${i.plan.title}</small>
              </td>
              <td>${i.assignments.map((a) => a.departmentName).join('、')}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    <div class="row-form">
      <label>${ctx.msg('office.due_date_label')} <input type="date" name="dueOn" required /></label>
      <button type="submit" class="primary">${ctx.msg('office.set_due_date_for_ticked_button')}</button>
    </div>
  </form>`;
}

/** Departments nobody can receive mail for, each with a 联络人 form. */
function unreachableRows(ctx: PageContext, departments: UnreachableDepartment[]): SafeHtml {
  return html`<table class="grid">
    <thead>
      <tr>
        <th>${ctx.msg('office.department_column')}</th>
        <th class="w-num">${ctx.msg('office.open_items_column')}</th>
        <th>${ctx.msg('office.contact_column')}</th>
      </tr>
    </thead>
    <tbody>
      ${departments.map(
        (d) =>
          html`<tr data-unreachable="${d.name}">
            <td>${d.name}</td>
            <td>${d.items}</td>
            <td>
              <form method="post" action="/office/departments/${d.id}/contact" class="row-form">
                ${csrfField(ctx)}
                <input
                  name="name"
                  placeholder="${ctx.msg('office.name_placeholder')}"
                  maxlength="100"
                  required
                />
                <input name="phone" placeholder="${ctx.msg('office.phone_placeholder')}" maxlength="40" />
                <input
                  name="email"
                  type="email"
                  placeholder="${ctx.msg('office.email_placeholder')}"
                  maxlength="254"
                  required
                />
                <button type="submit" class="small primary">${ctx.msg('office.save_button')}</button>
              </form>
            </td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

const NEXT_REVIEW = '/office#review';
const NEXT_EXTENSIONS = '/office#extensions';

function reviewRows(ctx: PageContext, reports: ReportView[]): SafeHtml {
  return html`<table class="grid">
    <thead>
      <tr>
        <th>${ctx.msg('office.item_and_report_column')}</th>
        <th class="w-plan">${ctx.msg('office.reporting_department_column')}</th>
        <th class="w-num">${ctx.msg('office.progress_column')}</th>
        <th class="w-form">${ctx.msg('office.review_column')}</th>
      </tr>
    </thead>
    <tbody>
      ${reports.map(
        (r) =>
          html`<tr data-report="${r.id}">
            <td>
              <a href="/items/${r.itemId}#reports">${r.item?.title ?? r.itemId}</a>
              <p class="clip" title="${r.text}">${r.text}</p>
              ${r.files.length ? html`<small>${r.files.map((f) => html`${fileLink(r, f)} `)}</small>` : ''}
            </td>
            <td>
              ${r.departmentName} <small class="muted">${roleText(ctx, r.role)}</small><br /><small
                class="muted"
                >${r.submittedBy.name ?? ''}
                ${ctx.dateTime(r.submittedAt)}${r.previousId ? ctx.msg('office.resubmitted_note') : ''}</small
              >
            </td>
            <td>${r.percent}%<br /><small class="muted">${periodLabel(ctx.locale, r.period)}</small></td>
            <td>${reviewForm(ctx, r, NEXT_REVIEW)}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

function extensionRows(ctx: PageContext, list: ExtensionView[]): SafeHtml {
  return html`<table class="grid">
    <thead>
      <tr>
        <th>${ctx.msg('office.item_and_reason_column')}</th>
        <th class="w-plan">${ctx.msg('office.requesting_department_column')}</th>
        <th class="w-date">${ctx.msg('office.due_column')}</th>
        <th class="w-form">${ctx.msg('office.decision_column')}</th>
      </tr>
    </thead>
    <tbody>
      ${list.map(
        (e) =>
          html`<tr data-extension="${e.id}">
            <td>
              <a href="/items/${e.itemId}#extensions">${e.item?.title ?? e.itemId}</a>
              <p class="clip" title="${e.reason}">${e.reason}</p>
            </td>
            <td>
              ${e.departmentName}<br /><small class="muted"
                >${e.requestedBy.name ?? ''} ${ctx.dateTime(e.createdAt)}</small
              >
            </td>
            <td>${ctx.date(e.currentDueOn)}<br />→ <strong>${ctx.date(e.requestedDueOn)}</strong></td>
            <td>${decisionForm(ctx, e, NEXT_EXTENSIONS)}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

function escalationRows(ctx: PageContext, notices: EscalationNotice[]): SafeHtml {
  return html`<table class="grid">
    <thead>
      <tr>
        <th class="w-status">${ctx.msg('office.level_column')}</th>
        <th>${ctx.msg('office.item_column')}</th>
        <th class="w-plan">${ctx.msg('office.lead_department_column')}</th>
        <th class="w-date">${ctx.msg('office.issued_column')}</th>
        <th class="w-ack">${ctx.msg('office.escalation_notice_column')}</th>
      </tr>
    </thead>
    <tbody>
      ${notices.map(
        (n) =>
          html`<tr>
            <td>
              <span class="badge level-${n.level}">${labelOf(ctx.locale, 'escalation_level', n.level)}</span>
            </td>
            <td>
              <a href="/items/${n.itemId}">${n.snapshot.number} ${n.snapshot.title}</a>
              <small class="muted"
                >${ctx.msg('office.overdue_working_days', { days: n.snapshot.overdueWorkingDays })}</small
              >
            </td>
            <td class="ellipsis">${n.snapshot.leadDepartments.join('、') || '—'}</td>
            <td>${ctx.date(n.issuedOn)}</td>
            <td>
              ${noticeNumberText(n.year, n.number)}
              <a href="/api/escalations/${n.id}/print" target="_blank">${ctx.msg('office.print_link')}</a>
            </td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

export function officePage(
  ctx: PageContext,
  view: {
    today: CalendarDate;
    review: ReportView[];
    extensions: ExtensionView[];
    /** null: the reminders module is not part of this application */
    escalations: EscalationNotice[] | null;
    overdue: ItemSummary[];
    /** departments with open work that nobody can receive mail for */
    unreachable: UnreachableDepartment[];
    /** open items with no 办理时限 at all */
    noDeadline: ItemSummary[];
    /** the office's region has no mailbox of its own: office mail goes to the staff's accounts */
    mailboxMissing?: boolean;
    /** after publishing a plan: its departments nobody can receive mail for */
    published?: { title: string; unreachable: UnreachableDepartment[] } | null;
    done?: string | null;
    /** The page each long list shows (?overdue=2, ?no_deadline=…, ?unreachable=…), so the workbench stays light. */
    pages?: { overdue?: number; noDeadline?: number; unreachable?: number };
  },
): SafeHtml {
  const overduePage = pageOf(view.overdue, view.pages?.overdue ?? 1);
  const noDeadlinePage = pageOf(view.noDeadline, view.pages?.noDeadline ?? 1);
  const unreachablePage = pageOf(view.unreachable, view.pages?.unreachable ?? 1);
  const done = view.done ? OFFICE_DONE[view.done] : undefined;
  const published = view.published
    ? view.published.unreachable.length
      ? html`<div class="notice warn" id="published" role="alert">
          ${ctx.msg('office.published_unreachable_warning', {
            title: view.published.title,
            count: view.published.unreachable.length,
          })}
          <ul>
            ${view.published.unreachable.map((d) => html`<li data-unreachable="${d.name}">${d.name}</li>`)}
          </ul>
          <a href="#unreachable">${ctx.msg('office.add_contacts_link')}</a>
        </div>`
      : html`<p class="notice ok" id="published">
          ${ctx.msg('office.published_all_reachable_notice', { title: view.published.title })}
        </p>`
    : '';
  const body = html`${done && view.done !== 'published' ? html`<p class="notice ok" role="status">${ctx.msg(done)}</p>` : ''}
    ${published}
    ${
      view.mailboxMissing
        ? html`<p class="notice warn" id="mailbox-missing" role="alert">
            ${ctx.msg('office.mailbox_missing_warning')}
            <a href="/contacts#mailbox">${ctx.msg('office.set_mailbox_link')}</a>
          </p>`
        : ''
    }
    <div class="tiles">
      <a class="tile blue" href="#review"
        ><b>${view.review.length}</b>${ctx.msg('office.reports_to_review_tile')}</a
      >
      <a class="tile yellow" href="#extensions"
        ><b>${view.extensions.length}</b>${ctx.msg('office.extensions_to_decide_tile')}</a
      >
      <a class="tile red" href="#overdue"
        ><b>${view.overdue.length}</b>${ctx.msg('office.overdue_items_tile')}</a
      >
      <a class="tile ${view.unreachable.length ? 'red' : 'grey'}" href="#unreachable"
        ><b>${view.unreachable.length}</b>${ctx.msg('office.departments_without_mail_tile')}</a
      >
      <a class="tile ${view.noDeadline.length ? 'red' : 'grey'}" href="#no-deadline"
        ><b>${view.noDeadline.length}</b>${ctx.msg('office.no_due_date_tile')}</a
      >
      ${view.escalations ? html`<a class="tile grey" href="#escalations"><b>${view.escalations.length}</b>${ctx.msg('office.escalations_tile')}</a>` : ''}
    </div>
    ${section(ctx, { id: 'review', title: ctx.msg('office.review_section_title'), count: view.review.length, body: reviewRows(ctx, view.review) })}
    ${section(ctx, { id: 'extensions', title: ctx.msg('office.extensions_section_title'), count: view.extensions.length, body: extensionRows(ctx, view.extensions) })}
    ${
      view.escalations
        ? section(ctx, {
            id: 'escalations',
            title: ctx.msg('office.escalations_section_title'),
            count: view.escalations.length,
            body: escalationRows(ctx, view.escalations),
          })
        : html`<section class="panel" id="escalations">
            <h2>${ctx.msg('office.escalations_unavailable_title')}</h2>
            <p class="empty">${ctx.msg('office.reminders_module_unavailable')}</p>
          </section>`
    }
    ${section(ctx, { id: 'overdue', title: ctx.msg('office.overdue_section_title'), count: view.overdue.length, body: html`${rows(ctx, view.today, overduePage.rows, true)}${pager(ctx, overduePage, 'overdue', 'overdue')}` })}
    ${section(ctx, { id: 'no-deadline', title: ctx.msg('office.no_deadline_section_title'), count: view.noDeadline.length, body: html`${noDeadlineForm(ctx, noDeadlinePage.rows)}${pager(ctx, noDeadlinePage, 'no_deadline', 'no-deadline')}` })}
    ${section(ctx, { id: 'unreachable', title: ctx.msg('office.unreachable_section_title'), count: view.unreachable.length, body: html`${unreachableRows(ctx, unreachablePage.rows)}${pager(ctx, unreachablePage, 'unreachable', 'unreachable')}` })}
    <p><a href="/contacts">${ctx.msg('office.all_contacts_link')}</a></p>`;
  return layout(ctx, { title: ctx.msg('office.workbench_title'), body, wide: true });
}

/** The office's 督办通知 page of an item: its numbered notices (print links) and the form to issue the next. */
export function noticePage(ctx: PageContext, view: { item: ItemDetail; notices: NoticeView[] }): SafeHtml {
  const i = view.item;
  const body = html`<p>
      <a href="/items/${i.id}">${i.number} ${i.title}</a> · ${ctx.msg('office.notice_due_label')}
      ${i.effectiveDueOn ? ctx.date(i.effectiveDueOn) : ctx.msg('office.due_not_set')}
      ${statusWithOverdue(ctx, i.status, i.overdue, i.overdueDays)}
    </p>
    ${
      view.notices.length
        ? html`<ul>
            ${view.notices.map(
              (n) =>
                html`<li>
                  <a href="/office/notices/${n.id}">${n.numberText}</a> · ${ctx.date(n.issuedOn)} ·
                  ${ctx.msg('office.notice_reply_due_label')} ${ctx.date(n.replyDueOn)} ·
                  ${n.replies.length ? ctx.msg('office.notice_replies_count', { count: n.replies.length }) : ctx.msg('office.notice_no_reply_yet')}
                </li>`,
            )}
          </ul>`
        : html`<p class="empty">${ctx.msg('office.no_notice_issued')}</p>`
    }
    <form method="post" action="/items/${i.id}/notices" class="card" id="notice-form">
      ${csrfField(ctx)}
      <h3>${ctx.msg('office.issue_notice_heading')}</h3>
      <label>${ctx.msg('office.reply_due_default_label')} <input type="date" name="replyDueOn" /></label>
      <button type="submit" class="primary">${ctx.msg('office.issue_and_print_button')}</button>
    </form>`;
  return layout(ctx, { title: ctx.msg('office.notice_title'), body });
}

/** The printable numbered 督办通知: 〔year〕第N号, 主送, 办理时限 and 反馈 deadline; its heading printed once. */
export function noticePrintPage(
  ctx: PageContext,
  view: { notice: NoticeView; item: ItemDetail; planTitle: string; docNumber: string | null },
): SafeHtml {
  const i = view.item;
  const n = view.notice;
  // a document in Simplified Chinese: names read from a Traditional-script plan are printed normalised
  const lead = i.assignments.filter((a) => a.role === 'lead').map((a) => toSimplified(a.departmentName));
  const day = (d: string | null) => formatDate('zh-CN', d);
  const body = html`<p class="no-print">
      <button type="button" class="primary" data-print>${ctx.msg('office.print_button')}</button>
      <a href="/items/${i.id}#supervision">${ctx.msg('office.back_to_item_link')}</a>
    </p>
    <article class="card notice-doc" data-notice="${n.numberText}">
      <h2 style="text-align:center;font-size:20px">督办通知</h2>
      <p style="text-align:center" data-field="number">${n.numberText}</p>
      <p>${n.departments.map(toSimplified).join('、') || '有关单位'}：</p>
      <p>
        根据《${toSimplified(view.planTitle)}》${view.docNumber ? `（${view.docNumber}）` : ''}，“${i.number}
        ${toSimplified(i.title)}”办理时限为
        <strong data-field="due">${n.dueOn ? day(n.dueOn) : '（未设定）'}</strong
        >。请牵头单位${lead.join('、')}会同配合单位抓紧办理，并于
        <strong data-field="reply-due">${day(n.replyDueOn)}</strong>
        前将办理情况（反馈）及佐证材料报送领导小组办公室，可在督办系统中直接反馈。
      </p>
      <blockquote class="excerpt">${i.excerpt}</blockquote>
      <p style="text-align:right">领导小组办公室<br />${day(n.issuedOn)}</p>
    </article>`;
  return layout(ctx, {
    title: `${ctx.msg('office.notice_title')} ${n.numberText}`,
    body,
    printTitle: false,
  });
}
