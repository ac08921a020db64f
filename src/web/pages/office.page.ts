import type { ExtensionView } from '../../supervision/extensions.service';
import type { ReportView } from '../../supervision/reports.service';
import type { CalendarDate } from '../../common/calendar-date';
import type { ItemDetail, ItemSummary } from '../../plans/plan-items.service';
import type { EscalationNotice } from '../../reminders/escalation-notice.entity';
import { noticeNumberText } from '../../supervision/office-numbers';
import type { NoticeView } from '../../supervision/notices.service';
import type { UnreachableDepartment } from '../../departments/contacts.service';
import { toSimplified } from '../../common/text-normalization';
import { formatDate } from '../../common/i18n/format';
import { labelOf, periodLabel } from '../../common/i18n/labels';
import { lightDot, section, statusWithOverdue } from '../components';
import { decisionForm, fileLink, reviewForm, roleText } from '../flow-forms';
import { html, type SafeHtml } from '../html';
import { csrfField, layout } from '../layout';
import type { PageContext } from '../page-context';
import { pageOf, pager } from '../pager';

const OFFICE_DONE: Record<string, [string, string]> = {
  approved: ['报告已通过。', 'Report approved.'],
  returned: ['报告已退回。', 'Report returned.'],
  closed: ['报告已通过，任务已自动办结。', 'Report approved; the item is closed.'],
  'extension-approve': ['延期已批准。', 'Extension approved.'],
  'extension-reject': ['延期未批准。', 'Extension rejected.'],
  contact: ['联络人已保存。', 'Contact saved.'],
  deadlines: ['已补填办理时限。', 'Due dates set.'],
  published: ['方案已发布。', 'The plan is published.'],
};

function rows(ctx: PageContext, today: CalendarDate, items: ItemSummary[], notice: boolean): SafeHtml {
  return html`<table class="grid">
    <thead>
      <tr>
        <th class="w-light">${ctx.t('进度', 'Light')}</th>
        <th>${ctx.t('任务', 'Item')}</th>
        <th class="w-plan">${ctx.t('牵头单位', 'Lead')}</th>
        <th class="w-date">${ctx.t('期限', 'Due')}</th>
        <th class="w-status">${ctx.t('状态', 'Status')}</th>
        <th class="w-actions">${ctx.t('操作', 'Action')}</th>
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
              ${notice ? html`<a href="/office/notice/${i.id}">${ctx.t('督办通知', 'Notice')}</a> · ` : ''}<a
                href="/items/${i.id}#assign"
                >${ctx.t('改派', 'Re-assign')}</a
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
          <th class="w-light">${ctx.t('选择', 'Pick')}</th>
          <th>${ctx.t('任务', 'Item')}</th>
          <th class="w-plan">${ctx.t('承办单位', 'Departments')}</th>
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
      <label>${ctx.t('办理时限', 'Due date')} <input type="date" name="dueOn" required /></label>
      <button type="submit" class="primary">${ctx.t('为勾选的任务设定', 'Set for the ticked items')}</button>
    </div>
  </form>`;
}

/** Departments nobody can receive mail for, each with a 联络人 form. */
function unreachableRows(ctx: PageContext, departments: UnreachableDepartment[]): SafeHtml {
  return html`<table class="grid">
    <thead>
      <tr>
        <th>${ctx.t('承办单位', 'Department')}</th>
        <th class="w-num">${ctx.t('在办任务', 'Open items')}</th>
        <th>${ctx.t('联络人（姓名、电话、邮箱）', 'Contact (name, phone, e-mail)')}</th>
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
                <input name="name" placeholder="${ctx.t('姓名', 'Name')}" maxlength="100" required />
                <input name="phone" placeholder="${ctx.t('电话', 'Phone')}" maxlength="40" />
                <input
                  name="email"
                  type="email"
                  placeholder="${ctx.t('邮箱', 'E-mail')}"
                  maxlength="254"
                  required
                />
                <button type="submit" class="small primary">${ctx.t('保存', 'Save')}</button>
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
        <th>${ctx.t('任务与报告', 'Item and report')}</th>
        <th class="w-plan">${ctx.t('报送单位', 'Department')}</th>
        <th class="w-num">${ctx.t('进度', 'Progress')}</th>
        <th class="w-form">${ctx.t('审核', 'Review')}</th>
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
                ${ctx.dateTime(r.submittedAt)}${r.previousId ? ctx.t(' · 重新报送', ' · resubmitted') : ''}</small
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
        <th>${ctx.t('任务与理由', 'Item and reason')}</th>
        <th class="w-plan">${ctx.t('申请单位', 'Department')}</th>
        <th class="w-date">${ctx.t('期限', 'Due')}</th>
        <th class="w-form">${ctx.t('审批', 'Decision')}</th>
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
        <th class="w-status">${ctx.t('级别', 'Level')}</th>
        <th>${ctx.t('任务', 'Item')}</th>
        <th class="w-plan">${ctx.t('牵头单位', 'Lead')}</th>
        <th class="w-date">${ctx.t('签发', 'Issued')}</th>
        <th class="w-ack">${ctx.t('督办单', 'Notice')}</th>
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
                >${ctx.t(`逾期 ${n.snapshot.overdueWorkingDays} 个工作日`, `${n.snapshot.overdueWorkingDays} working days overdue`)}</small
              >
            </td>
            <td class="ellipsis">${n.snapshot.leadDepartments.join('、') || '—'}</td>
            <td>${ctx.date(n.issuedOn)}</td>
            <td>
              ${noticeNumberText(n.year, n.number)}
              <a href="/api/escalations/${n.id}/print" target="_blank">${ctx.t('打印', 'Print')}</a>
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
          ${ctx.t(
            `《${view.published.title}》已发布。以下 ${view.published.unreachable.length} 个承办单位没有联络人，也没有可接收邮件的账号，收不到交办、催办和督办通知：`,
            `“${view.published.title}” is published. ${view.published.unreachable.length} departments have no contact and no account that can receive mail:`,
          )}
          <ul>
            ${view.published.unreachable.map((d) => html`<li data-unreachable="${d.name}">${d.name}</li>`)}
          </ul>
          <a href="#unreachable">${ctx.t('填写联络人', 'Add contacts')}</a>
        </div>`
      : html`<p class="notice ok" id="published">
          ${ctx.t(`《${view.published.title}》已发布，各承办单位均可接收邮件。`, `“${view.published.title}” is published; every department can receive mail.`)}
        </p>`
    : '';
  const body = html`${done && view.done !== 'published' ? html`<p class="notice ok" role="status">${ctx.t(...done)}</p>` : ''}
    ${published}
    ${
      view.mailboxMissing
        ? html`<p class="notice warn" id="mailbox-missing" role="alert">
            ${ctx.t(
              '本级办公室尚未设置办公室邮箱：督办单抄送、导入汇总等邮件仍发给办公室人员的个人账号。',
              'The office has no mailbox of its own: copies of escalation notices and import summaries still go to the office staff’s own accounts.',
            )}
            <a href="/contacts#mailbox">${ctx.t('设置办公室邮箱', 'Set the office mailbox')}</a>
          </p>`
        : ''
    }
    <div class="tiles">
      <a class="tile blue" href="#review"
        ><b>${view.review.length}</b>${ctx.t('待审核报告', 'Reports to review')}</a
      >
      <a class="tile yellow" href="#extensions"
        ><b>${view.extensions.length}</b>${ctx.t('待审批延期', 'Extensions to decide')}</a
      >
      <a class="tile red" href="#overdue"
        ><b>${view.overdue.length}</b>${ctx.t('逾期任务', 'Overdue items')}</a
      >
      <a class="tile ${view.unreachable.length ? 'red' : 'grey'}" href="#unreachable"
        ><b>${view.unreachable.length}</b>${ctx.t('无人接收邮件的单位', 'Departments without mail')}</a
      >
      <a class="tile ${view.noDeadline.length ? 'red' : 'grey'}" href="#no-deadline"
        ><b>${view.noDeadline.length}</b>${ctx.t('无办理时限', 'No due date')}</a
      >
      ${view.escalations ? html`<a class="tile grey" href="#escalations"><b>${view.escalations.length}</b>${ctx.t('督办单', 'Escalations')}</a>` : ''}
    </div>
    ${section(ctx, { id: 'review', title: ctx.t('待审核的进展报告', 'Reports awaiting review'), count: view.review.length, body: reviewRows(ctx, view.review) })}
    ${section(ctx, { id: 'extensions', title: ctx.t('待审批的延期申请', 'Extension requests awaiting a decision'), count: view.extensions.length, body: extensionRows(ctx, view.extensions) })}
    ${
      view.escalations
        ? section(ctx, {
            id: 'escalations',
            title: ctx.t('督办单（升级提醒）', 'Escalation notices'),
            count: view.escalations.length,
            body: escalationRows(ctx, view.escalations),
          })
        : html`<section class="panel" id="escalations">
            <h2>${ctx.t('升级提醒', 'Escalation notices')}</h2>
            <p class="empty">${ctx.t('提醒模块未启用', 'The reminders module is not available')}</p>
          </section>`
    }
    ${section(ctx, { id: 'overdue', title: ctx.t('逾期任务（打印督办通知、改派）', 'Overdue items (print a notice, re-assign)'), count: view.overdue.length, body: html`${rows(ctx, view.today, overduePage.rows, true)}${pager(ctx, overduePage, 'overdue', 'overdue')}` })}
    ${section(ctx, { id: 'no-deadline', title: ctx.t('没有办理时限的任务（批量补填）', 'Items without a due date (set in bulk)'), count: view.noDeadline.length, body: html`${noDeadlineForm(ctx, noDeadlinePage.rows)}${pager(ctx, noDeadlinePage, 'no_deadline', 'no-deadline')}` })}
    ${section(ctx, { id: 'unreachable', title: ctx.t('无人接收邮件的承办单位（填写联络人）', 'Departments nobody can receive mail for (add a contact)'), count: view.unreachable.length, body: html`${unreachableRows(ctx, unreachablePage.rows)}${pager(ctx, unreachablePage, 'unreachable', 'unreachable')}` })}
    <p><a href="/contacts">${ctx.t('全部联络人与办公室邮箱', 'All contacts and the office mailbox')}</a></p>`;
  return layout(ctx, { title: ctx.t('督办工作台', 'Office workbench'), body, wide: true });
}

/** The office's 督办通知 page of an item: its numbered notices (print links) and the form to issue the next. */
export function noticePage(ctx: PageContext, view: { item: ItemDetail; notices: NoticeView[] }): SafeHtml {
  const i = view.item;
  const body = html`<p>
      <a href="/items/${i.id}">${i.number} ${i.title}</a> · ${ctx.t('办理时限', 'Due')}
      ${i.effectiveDueOn ? ctx.date(i.effectiveDueOn) : ctx.t('未设定', 'not set')}
      ${statusWithOverdue(ctx, i.status, i.overdue, i.overdueDays)}
    </p>
    ${
      view.notices.length
        ? html`<ul>
            ${view.notices.map(
              (n) =>
                html`<li>
                  <a href="/office/notices/${n.id}">${n.numberText}</a> · ${ctx.date(n.issuedOn)} ·
                  ${ctx.t('反馈期限', 'reply by')} ${ctx.date(n.replyDueOn)} ·
                  ${n.replies.length ? ctx.t(`已反馈 ${n.replies.length} 次`, `${n.replies.length} replies`) : ctx.t('尚未反馈', 'no reply yet')}
                </li>`,
            )}
          </ul>`
        : html`<p class="empty">${ctx.t('尚未签发督办通知', 'No notice issued yet')}</p>`
    }
    <form method="post" action="/items/${i.id}/notices" class="card" id="notice-form">
      ${csrfField(ctx)}
      <h3>${ctx.t('签发督办通知（编号）', 'Issue a numbered notice')}</h3>
      <label
        >${ctx.t('反馈期限（默认 3 个工作日）', 'Reply by (default: 3 working days)')}
        <input type="date" name="replyDueOn"
      /></label>
      <button type="submit" class="primary">${ctx.t('签发并打印', 'Issue and print')}</button>
    </form>`;
  return layout(ctx, { title: ctx.t('督办通知', 'Supervision notice'), body });
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
      <button type="button" class="primary" data-print>${ctx.t('打印', 'Print')}</button>
      <a href="/items/${i.id}#supervision">${ctx.t('返回任务', 'Back to the item')}</a>
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
    title: `${ctx.t('督办通知', 'Supervision notice')} ${n.numberText}`,
    body,
    printTitle: false,
  });
}
