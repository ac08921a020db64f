import { Injectable } from '@nestjs/common';
import type { ReportView } from '../supervision/reports.service';
import type { DepartmentFlowView, ItemFlowDetail } from '../supervision/supervision.service';
import type { AuthenticatedUser } from '../access/authenticated-user';
import type { DepartmentView } from '../departments/departments.service';
import { Role } from '../access/role.enum';
import type { CalendarDate } from '../common/calendar-date';
import { labelOf } from '../common/i18n/labels';
import { ALLOWED_EXTENSIONS } from '../evidence/content-type.policy';
import { RECURRENCES, type Recurrence } from '../plans/deadline-reading.policy';
import { periodOf } from '../reminders/report-period';
import {
  halfName,
  PERIOD_KINDS,
  periodLabel,
  periodPickOf,
  type PeriodKind,
  quarterName,
} from '../supervision/report-period';
import { dateText } from './components';
import { type FlowFormState, FormView, notSentNotice, wasShown } from './flow-form-state';
import { html, type SafeHtml } from './html';
import { csrfField } from './layout';
import type { PageContext } from './page-context';

/** Roles that may act for their department (PlanScope.assertCanWriteItem decides per item). */
export const WRITING_ROLES: readonly Role[] = [Role.Admin, Role.Office, Role.DeptHead, Role.Staff];
/** Roles that review reports, decide extensions and close items (PlanScope.assertCanReviewItem per item). */
export const REVIEWING_ROLES: readonly Role[] = [Role.Admin, Role.Office, Role.Leader];
/** Roles that re-assign departments (改派). */
export const ASSIGNING_ROLES: readonly Role[] = [Role.Admin, Role.Office];

const REPORT_STATE_CLASS: Record<ReportView['state'], string> = {
  submitted: 's-submitted',
  approved: 's-completed',
  returned: 's-overdue',
};

/** What the signed-in user may do on one item (the services decide again on every POST). */
export interface FlowAbilities {
  /** The user's department's assignment on the item, when the user acts for one. */
  mine: DepartmentFlowView | null;
  acknowledge: boolean;
  report: boolean;
  requestExtension: boolean;
  review: boolean;
  /** 督办件 and 催办, per-department 办理时限 (office, admin) */
  supervise: boolean;
  /** 反馈 on a notice (an assigned department) */
  replyToNotice: boolean;
  close: boolean;
  assign: boolean;
}

export const reportStateBadge = (ctx: PageContext, state: ReportView['state']): SafeHtml =>
  html`<span class="badge ${REPORT_STATE_CLASS[state]}">${labelOf(ctx.locale, 'report_state', state)}</span>`;

export const roleText = (ctx: PageContext, role: 'lead' | 'cooperate'): string =>
  labelOf(ctx.locale, 'assignment_role', role);

/** A file's download link (GET /api/reports/:id/files/:fileId, the same rule as the API: who sees the item). */
export const fileLink = (report: { id: string }, f: { id: string; fileName: string; sizeBytes: number }) =>
  html`<a class="file" href="/api/reports/${report.id}/files/${f.id}" download>${f.fileName}</a>
    <small class="muted">${sizeText(f.sizeBytes)}</small>`;

/** A stored 期次 code in the reader's words (2026年第四季度); the code itself is never shown. */
export const periodText = (ctx: PageContext, period: string): string => ctx.msg(periodLabel(period));

const sizeText = (n: number): string =>
  n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`;

/**
 * The approve/return form of a submitted report (a comment is required to return: a return without one comes
 * back to the item page with the error under the comment).
 */
export function reviewForm(
  ctx: PageContext,
  report: { id: string },
  next: string,
  state: FlowFormState | null = null,
): SafeHtml {
  const f = FormView.of(ctx, state, 'review', report.id);
  return html`<form method="post" action="/reports/${report.id}/review" class="review-form" novalidate>
    ${f.summary()} ${csrfField(ctx)}<input type="hidden" name="next" value="${f.value('next', next)}" />
    <input
      type="text"
      name="comment"
      maxlength="5000"
      value="${f.value('comment')}"
      placeholder="${ctx.msg('shell.review_comment_placeholder')}"
      aria-label="${ctx.msg('shell.review_comment_label')}"
      ${f.invalid('comment')}
    />
    ${f.error('comment')}
    <button type="submit" name="decision" value="approve" class="small primary">
      ${ctx.msg('shell.review_approve_button')}
    </button>
    <button type="submit" name="decision" value="return" class="small danger">
      ${ctx.msg('shell.review_return_button')}
    </button>
    ${f.error('decision')}
  </form>`;
}

/** The approve/reject form of a pending extension request. */
export function decisionForm(
  ctx: PageContext,
  extension: { id: string },
  next: string,
  state: FlowFormState | null = null,
): SafeHtml {
  const f = FormView.of(ctx, state, 'decision', extension.id);
  return html`<form
    method="post"
    action="/extensions/${extension.id}/decision"
    class="review-form"
    novalidate
  >
    ${f.summary()} ${csrfField(ctx)}<input type="hidden" name="next" value="${f.value('next', next)}" />
    <input
      type="text"
      name="comment"
      maxlength="5000"
      value="${f.value('comment')}"
      placeholder="${ctx.msg('shell.decision_comment_placeholder')}"
      aria-label="${ctx.msg('shell.decision_comment_label')}"
      ${f.invalid('comment')}
    />
    ${f.error('comment')}
    <button type="submit" name="decision" value="approve" class="small primary">
      ${ctx.msg('shell.decision_approve_button')}
    </button>
    <button type="submit" name="decision" value="reject" class="small danger">
      ${ctx.msg('shell.decision_reject_button')}
    </button>
    ${f.error('decision')}
  </form>`;
}

/** The 签收 button (one click). */
export function acknowledgeForm(ctx: PageContext, itemId: string, next: string): SafeHtml {
  return html`<form method="post" action="/items/${itemId}/acknowledge" class="inline">
    ${csrfField(ctx)}<input type="hidden" name="next" value="${next}" /><button
      type="submit"
      class="small primary"
    >
      ${ctx.msg('shell.acknowledge_button')}
    </button>
  </form>`;
}

/**
 * The 督办 flow on the item page: per department 签收 and report state, the reports with attachments and
 * review, extensions, 办结 and 改派, each form only for a role (and department) that may use it. Read-only
 * roles (inspector) never get a form; the services check every POST again.
 */
@Injectable()
export class FlowForms {
  /** Whether the user may 签收 from 我的任务 (a department account of a writing role). */
  canAcknowledge(user: AuthenticatedUser): boolean {
    return WRITING_ROLES.includes(user.role) && user.departmentId !== null;
  }

  abilities(user: AuthenticatedUser | null, item: ItemFlowDetail): FlowAbilities {
    const open = !item.closedAt && item.status !== 'cancelled';
    const mine =
      user && WRITING_ROLES.includes(user.role) && user.departmentId
        ? (item.departments.find((d) => d.departmentId === user.departmentId) ?? null)
        : null;
    const reviewer = !!user && REVIEWING_ROLES.includes(user.role);
    return {
      mine,
      acknowledge: open && !!mine && !mine.acknowledged,
      report: open && !!mine && mine.acknowledged && mine.latestReport?.state !== 'submitted',
      // Each 承办单位 asks for its own 延期 (one pending request per department).
      requestExtension:
        open &&
        !!mine &&
        (item.assignments.find((a) => a.departmentId === mine.departmentId)?.effectiveDueOn ?? null) !==
          null &&
        !item.extensions.some((e) => e.state === 'pending' && e.departmentId === mine.departmentId),
      review: reviewer,
      supervise: !!user && ASSIGNING_ROLES.includes(user.role) && open,
      replyToNotice: !!mine,
      close: reviewer && open,
      assign: !!user && ASSIGNING_ROLES.includes(user.role) && open,
    };
  }

  /**
   * The sections of the item page's main column that belong to the flow. `sent` is a form that was sent back
   * (its typed values and problems); when the page no longer shows that form, its problem is shown on top.
   */
  sections(
    ctx: PageContext,
    item: ItemFlowDetail,
    can: FlowAbilities,
    departments: DepartmentView[],
    today: CalendarDate,
    sent: FlowFormState | null = null,
  ): SafeHtml {
    const here = `/items/${item.id}`;
    const body = html`${this.departmentsPanel(ctx, item, can, here, sent)}
    ${can.assign ? this.assignPanel(ctx, item, departments, sent) : ''}
    ${this.reportsPanel(ctx, item, can, here, today, sent)}
    ${this.extensionsPanel(ctx, item, can, here, sent)} ${this.supervisionPanel(ctx, item, can, sent)}
    ${this.closurePanel(ctx, item, can)}`;
    return sent && !wasShown(sent) ? html`${notSentNotice(ctx, sent)}${body}` : body;
  }

  private departmentsPanel(
    ctx: PageContext,
    item: ItemFlowDetail,
    can: FlowAbilities,
    here: string,
    sent: FlowFormState | null,
  ) {
    return html`<section class="panel" id="departments">
      <h2>${ctx.msg('shell.departments_title')}</h2>
      ${
        item.departments.length
          ? html`<table class="grid">
              <thead>
                <tr>
                  <th>${ctx.msg('shell.department')}</th>
                  <th class="w-role">${ctx.msg('shell.role')}</th>
                  <th class="w-date">${ctx.msg('shell.due_column')}</th>
                  <th>${ctx.msg('shell.acknowledged_column')}</th>
                  <th>${ctx.msg('shell.latest_report_column')}</th>
                </tr>
              </thead>
              <tbody>
                ${item.departments.map(
                  (d) =>
                    html`<tr data-department="${d.departmentName}">
                      <td>${d.departmentName}</td>
                      <td>${roleText(ctx, d.role)}</td>
                      ${this.dueCell(ctx, item, d.departmentId, can, sent)}
                      <td>
                        ${
                          d.acknowledged
                            ? html`<span class="ok-text">${ctx.msg('shell.acknowledged_yes')}</span>
                                <small class="muted"
                                  >${dateText(d.acknowledgedAt)} ${d.acknowledgedBy?.name ?? ''}</small
                                >`
                            : can.acknowledge && can.mine?.assignmentId === d.assignmentId
                              ? acknowledgeForm(ctx, item.id, here)
                              : html`<span class="warn-text">${ctx.msg('shell.acknowledge_pending')}</span>`
                        }
                      </td>
                      <td>
                        ${
                          d.latestReport
                            ? html`${reportStateBadge(ctx, d.latestReport.state)} ${d.latestReport.percent}%
                                <small class="muted"
                                  >${periodText(ctx, d.latestReport.period)} ·
                                  ${dateText(d.latestReport.submittedAt)}</small
                                >`
                            : html`<span class="muted">${ctx.msg('shell.no_report_yet')}</span>`
                        }
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>`
          : html`<p class="empty">${ctx.msg('shell.no_departments')}</p>`
      }
    </section>`;
  }

  /** The department's own effective 办理时限 with 逾期 beside it; the office may set or clear it. */
  private dueCell(
    ctx: PageContext,
    item: ItemFlowDetail,
    departmentId: string,
    can: FlowAbilities,
    sent: FlowFormState | null,
  ) {
    const a = item.assignments.find((x) => x.departmentId === departmentId);
    if (!a) return html`<td>—</td>`;
    const f = can.supervise ? FormView.of(ctx, sent, 'due', departmentId) : null;
    return html`<td data-due="${a.effectiveDueOn ?? ''}">
      ${a.effectiveDueOn ? ctx.date(a.effectiveDueOn) : html`<span class="warn-text">${ctx.msg('shell.due_not_set')}</span>`}
      ${a.extendedDueOn && a.effectiveDueOn === a.extendedDueOn ? html`<small class="muted">${ctx.msg('shell.due_extended')}</small>` : ''}
      ${a.overdue ? html`<span class="badge s-overdue" data-overdue="true">${ctx.msg('shell.overdue')}</span>` : ''}
      ${
        can.supervise
          ? html`<form
              method="post"
              action="/items/${item.id}/assignments/due"
              class="row-form due-form"
              novalidate
            >
              ${f!.summary()} ${csrfField(ctx)}<input
                type="hidden"
                name="departmentId"
                value="${departmentId}"
              />
              <input
                type="date"
                name="dueOn"
                value="${f!.value('dueOn', a.dueOn ?? '')}"
                aria-label="${ctx.msg('shell.own_due_label')}"
                ${f!.invalid('dueOn')}
              />
              <button type="submit" class="small">${ctx.msg('shell.set_due_button')}</button>
              ${f!.error('dueOn')} ${f!.error('departmentId')}
            </form>`
          : ''
      }
    </td>`;
  }

  /** 督办记录: numbered 督办通知 with their 反馈, the office's 催办, and the forms for both sides. */
  private supervisionPanel(
    ctx: PageContext,
    item: ItemFlowDetail,
    can: FlowAbilities,
    sent: FlowFormState | null,
  ) {
    const { notices, urges } = item.supervision;
    if (!notices.length && !urges.length && !can.supervise) return html``;
    const urge = FormView.of(ctx, can.supervise ? sent : null, 'urge');
    const notice = FormView.of(ctx, can.supervise ? sent : null, 'notice');
    return html`<section class="panel" id="supervision">
      <h2>
        ${ctx.msg('shell.supervision_record_title')}
        <span class="count">${notices.length + urges.length}</span>
      </h2>
      ${
        notices.length
          ? html`<ul class="timeline">
              ${notices.map(
                (n) =>
                  html`<li data-notice="${n.numberText}">
                    <strong>${ctx.msg('shell.notice_label')} ${n.numberText}</strong>
                    <small class="muted">
                      ${ctx.date(n.issuedOn)} · ${ctx.msg('shell.notice_due')} ${ctx.date(n.dueOn)} ·
                      ${ctx.msg('shell.notice_reply_by')} ${ctx.date(n.replyDueOn)}</small
                    >
                    ${can.supervise ? html` · <a href="/office/notices/${n.id}">${ctx.msg('shell.notice_print_link')}</a>` : ''}
                    ${
                      n.replies.length
                        ? html`<ul>
                            ${n.replies.map(
                              (r) =>
                                html`<li data-reply="${r.id}">
                                  ${ctx.msg('shell.reply_label')} · ${r.departmentName}：${r.text}
                                  ${r.files.map((f) => html` <a href="/api/notices/replies/${r.id}/files/${f.id}">${f.fileName}</a>`)}
                                  <small class="muted">${r.by ?? ''} ${dateText(r.createdAt)}</small>
                                </li>`,
                            )}
                          </ul>`
                        : html`<small class="warn-text"> ${ctx.msg('shell.no_reply_yet')}</small>`
                    }
                    ${can.replyToNotice ? this.replyForm(ctx, n.id, sent) : ''}
                  </li>`,
              )}
            </ul>`
          : ''
      }
      ${
        urges.length
          ? html`<ul class="timeline">
              ${urges.map(
                (u) =>
                  html`<li data-urge="${u.id}">
                    <strong>${ctx.msg('shell.urged_label')}</strong> → ${u.departmentName}：${u.text}
                    <small class="muted"
                      >${u.by ?? ''} ${dateText(u.createdAt)} ·
                      ${
                        u.mailed
                          ? ctx.msg('shell.urge_mails_sent', { count: u.mailed })
                          : ctx.msg('shell.urge_nobody_to_mail')
                      }</small
                    >
                  </li>`,
              )}
            </ul>`
          : ''
      }
      ${
        can.supervise
          ? html`<form method="post" action="/items/${item.id}/urge" class="card" id="urge-form" novalidate>
                ${csrfField(ctx)}
                <h3>${ctx.msg('shell.urge_form_title')}</h3>
                ${urge.summary()}
                <div class="form-row">
                  <label
                    >${ctx.msg('shell.urge_department_label')}
                    <select name="departmentId" ${urge.invalid('departmentId')}>
                      <option value="">${ctx.msg('shell.urge_late_leads_option')}</option>
                      ${item.departments.map((d) => html`<option value="${d.departmentId}" ${urge.value('departmentId') === d.departmentId ? 'selected' : ''}>${d.departmentName}</option>`)}
                    </select>
                    ${urge.error('departmentId')}</label
                  >
                  <label class="grow"
                    >${ctx.msg('shell.urge_message_label')}
                    <input
                      type="text"
                      name="text"
                      required
                      maxlength="2000"
                      value="${urge.value('text')}"
                      ${urge.invalid('text')}
                    />
                    ${urge.error('text')}</label
                  >
                </div>
                <button type="submit">${ctx.msg('shell.urge_submit_button')}</button>
              </form>
              <form method="post" action="/items/${item.id}/notices" class="card" id="notice-form" novalidate>
                ${csrfField(ctx)}
                <h3>${ctx.msg('shell.notice_form_title')}</h3>
                ${notice.summary()}
                <label
                  >${ctx.msg('shell.notice_reply_due_label')}
                  <input
                    type="date"
                    name="replyDueOn"
                    value="${notice.value('replyDueOn')}"
                    ${notice.invalid('replyDueOn')}
                  />
                  ${notice.error('replyDueOn')}</label
                >
                <button type="submit">${ctx.msg('shell.notice_submit_button')}</button>
              </form>`
          : ''
      }
    </section>`;
  }

  private replyForm(ctx: PageContext, noticeId: string, sent: FlowFormState | null): SafeHtml {
    const f = FormView.of(ctx, sent, 'reply', noticeId);
    return html`<form
      method="post"
      action="/notices/${noticeId}/replies"
      enctype="multipart/form-data"
      class="card reply-form"
      novalidate
    >
      ${csrfField(ctx)} ${f.summary()}
      <label
        >${ctx.msg('shell.reply_text_label')}
        <textarea name="text" rows="3" required maxlength="20000" ${f.invalid('text')}>
${f.value('text')}</textarea>
        ${f.error('text')}
      </label>
      <label
        >${ctx.msg('shell.files_label')}
        <input name="files" type="file" multiple${f.invalid('files')} /> ${f.error('files')}</label
      >
      <button type="submit" class="primary">${ctx.msg('shell.reply_submit_button')}</button>
    </form>`;
  }

  private assignPanel(
    ctx: PageContext,
    item: ItemFlowDetail,
    departments: DepartmentView[],
    sent: FlowFormState | null,
  ) {
    const assigned = new Set(item.departments.map((d) => d.departmentId));
    const add = FormView.of(ctx, sent, 'assign');
    const remove = FormView.of(ctx, sent, 'unassign');
    return html`<section class="panel" id="assign">
      <h2>${ctx.msg('shell.assign_title')}</h2>
      <form method="post" action="/items/${item.id}/assignments" class="row-form" novalidate>
        ${add.summary()} ${csrfField(ctx)}
        <select
          name="departmentId"
          required
          aria-label="${ctx.msg('shell.department')}"
          ${add.invalid('departmentId')}
        >
          <option value="">${ctx.msg('shell.choose_department_option')}</option>
          ${departments.map(
            (d) =>
              html`<option value="${d.id}" ${add.value('departmentId') === d.id ? 'selected' : ''}>
                ${d.name}${assigned.has(d.id) ? ctx.msg('shell.already_assigned_suffix') : ''}
              </option>`,
          )}
        </select>
        <select name="role" aria-label="${ctx.msg('shell.role')}" ${add.invalid('role')}>
          <option value="cooperate">${labelOf(ctx.locale, 'assignment_role', 'cooperate')}</option>
          <option value="lead" ${add.value('role') === 'lead' ? 'selected' : ''}>
            ${labelOf(ctx.locale, 'assignment_role', 'lead')}
          </option>
        </select>
        <button type="submit" class="small primary">${ctx.msg('shell.add_department_button')}</button>
        ${add.error('departmentId')} ${add.error('role')}
      </form>
      ${
        item.departments.length
          ? html`<form
              method="post"
              action="/items/${item.id}/assignments/remove"
              class="row-form"
              novalidate
            >
              ${remove.summary()} ${csrfField(ctx)}
              <select
                name="department"
                required
                aria-label="${ctx.msg('shell.department')}"
                ${remove.invalid('department')}
              >
                ${item.departments.map(
                  (d) =>
                    html`<option
                      value="${d.departmentId}"
                      ${remove.value('department') === d.departmentId ? 'selected' : ''}
                    >
                      ${d.departmentName}（${roleText(ctx, d.role)}）
                    </option>`,
                )}
              </select>
              ${remove.error('department')}
              <button
                type="submit"
                class="small danger"
                data-confirm="${ctx.msg('shell.remove_department_confirm')}"
              >
                ${ctx.msg('shell.remove_department_button')}
              </button>
            </form>`
          : ''
      }
    </section>`;
  }

  private reportsPanel(
    ctx: PageContext,
    item: ItemFlowDetail,
    can: FlowAbilities,
    here: string,
    today: CalendarDate,
    sent: FlowFormState | null,
  ) {
    const reports = item.reports;
    return html`<section class="panel" id="reports">
      <h2>${ctx.msg('shell.reports_title')} <span class="count">${reports.length}</span></h2>
      ${
        reports.length
          ? html`<ol class="reports">
              ${reports.map((r) => this.reportEntry(ctx, r, can, here, sent))}
            </ol>`
          : html`<p class="empty">${ctx.msg('shell.no_reports_yet')}</p>`
      }
      ${can.report ? this.reportForm(ctx, item, can.mine!, today, sent) : ''}
      ${
        can.mine && !can.mine.acknowledged && !item.closedAt
          ? html`<p class="notice info">${ctx.msg('shell.acknowledge_to_report')}</p>`
          : ''
      }
      ${
        can.mine?.latestReport?.state === 'submitted'
          ? html`<p class="notice info">${ctx.msg('shell.report_awaits_review')}</p>`
          : ''
      }
    </section>`;
  }

  private reportEntry(
    ctx: PageContext,
    r: ReportView,
    can: FlowAbilities,
    here: string,
    sent: FlowFormState | null,
  ): SafeHtml {
    return html`<li class="report" data-report="${r.id}" data-state="${r.state}">
      <div class="report-head">
        <strong>${r.departmentName}</strong>
        <small class="muted">${roleText(ctx, r.role)}</small> ${reportStateBadge(ctx, r.state)}
        <span class="pct">${r.percent}%</span>
        <small class="muted"
          >${ctx.msg('shell.report_period_label')} ${periodText(ctx, r.period)} · ${r.submittedBy.name ?? ''}
          ${dateText(r.submittedAt)}${r.previousId ? ctx.msg('shell.resubmitted_suffix') : ''}</small
        >
      </div>
      <p class="report-text">${r.text}</p>
      ${r.files.length ? html`<p class="files">${ctx.msg('shell.files_label')}：${r.files.map((f) => html`${fileLink(r, f)} `)}</p>` : ''}
      ${
        r.reviewedAt
          ? html`<p class="review ${r.state}">
              ${r.state === 'returned' ? ctx.msg('shell.returned_comment_label') : ctx.msg('shell.review_comment_heading')}：${r.reviewComment ?? ctx.msg('shell.no_comment')}
              <small class="muted">${r.reviewedBy?.name ?? ''} ${dateText(r.reviewedAt)}</small>
            </p>`
          : ''
      }
      ${r.state === 'submitted' && can.review ? reviewForm(ctx, r, `${here}#reports`, sent) : ''}
    </li>`;
  }

  private reportForm(
    ctx: PageContext,
    item: ItemFlowDetail,
    mine: DepartmentFlowView,
    today: CalendarDate,
    sent: FlowFormState | null,
  ): SafeHtml {
    const returned = mine.latestReport?.state === 'returned';
    const f = FormView.of(ctx, sent, 'report');
    // A returned report is sent again for the same 期次; a recurring item's default is the current period.
    const preset = periodPickOf(
      returned
        ? mine.latestReport!.period
        : isRecurrence(item.recurrence)
          ? periodOf(item.recurrence, today).key
          : 'once',
    );
    return html`<form
      method="post"
      action="/items/${item.id}/reports"
      enctype="multipart/form-data"
      class="card report-form"
      id="report-form"
      novalidate
    >
      ${csrfField(ctx)}
      <h3>
        ${returned ? ctx.msg('shell.resubmit_progress_title') : ctx.msg('shell.report_progress_title')}
        <small class="muted">${mine.departmentName}</small>
      </h3>
      ${f.summary()}
      <div class="form-row">
        ${periodPicker(ctx, f, preset, today)}
        <label
          >${ctx.msg('shell.progress_percent_label')}
          <input
            name="percent"
            type="number"
            inputmode="numeric"
            min="0"
            max="100"
            step="1"
            required
            value="${f.value('percent', String(mine.latestReport?.percent ?? ''))}"
            ${f.invalid('percent')}
          />
          ${f.error('percent')}</label
        >
      </div>
      <label
        >${ctx.msg('shell.report_text_label')}
        <textarea name="text" rows="4" required maxlength="20000" ${f.invalid('text')}>
${f.value('text')}</textarea>
        ${f.error('text')}
      </label>
      <label
        >${ctx.msg('shell.evidence_files_label')}
        <input name="files" type="file" multiple${f.invalid('files')} />
        ${f.error('files')}
        <small class="muted">
          ${ctx.msg('shell.supported_file_types', {
            types: ALLOWED_EXTENSIONS.join(ctx.msg('shell.file_type_separator')),
          })}
        </small></label
      >
      <button type="submit" class="primary">${ctx.msg('shell.submit_report_button')}</button>
    </form>`;
  }

  private extensionsPanel(
    ctx: PageContext,
    item: ItemFlowDetail,
    can: FlowAbilities,
    here: string,
    sent: FlowFormState | null,
  ) {
    const f = FormView.of(ctx, can.requestExtension ? sent : null, 'extension');
    // The asking department's own effective date (办理时限 per assignment), not the item's.
    const ownDue =
      item.assignments.find((a) => a.departmentId === can.mine?.departmentId)?.effectiveDueOn ??
      item.effectiveDueOn;
    const list = item.extensions;
    if (!list.length && !can.requestExtension) return html``;
    return html`<section class="panel" id="extensions">
      <h2>${ctx.msg('shell.extensions_title')} <span class="count">${list.length}</span></h2>
      ${
        list.length
          ? html`<table class="grid">
              <thead>
                <tr>
                  <th>${ctx.msg('shell.extension_request_column')}</th>
                  <th class="w-date">${ctx.msg('shell.extension_from_column')}</th>
                  <th class="w-date">${ctx.msg('shell.extension_to_column')}</th>
                  <th class="w-status">${ctx.msg('shell.extension_state_column')}</th>
                </tr>
              </thead>
              <tbody>
                ${list.map(
                  (e) =>
                    html`<tr data-extension="${e.id}">
                      <td>
                        ${e.reason}<br /><small class="muted"
                          >${e.departmentName} · ${e.requestedBy.name ?? ''} ${dateText(e.createdAt)}</small
                        >
                        ${e.decidedAt ? html`<br /><small>${ctx.msg('shell.extension_decision_comment')}：${e.decisionComment ?? '—'} · ${e.decidedBy?.name ?? ''}</small>` : ''}
                        ${e.state === 'pending' && can.review ? decisionForm(ctx, e, `${here}#extensions`, sent) : ''}
                      </td>
                      <td>${ctx.date(e.currentDueOn)}</td>
                      <td>${ctx.date(e.requestedDueOn)}</td>
                      <td>${labelOf(ctx.locale, 'extension_state', e.state)}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
          : ''
      }
      ${
        can.requestExtension
          ? html`<form method="post" action="/items/${item.id}/extensions" class="card" novalidate>
              ${csrfField(ctx)}
              <h3>${ctx.msg('shell.extension_form_title')}</h3>
              ${f.summary()}
              <div class="form-row">
                <label
                  >${ctx.msg('shell.extension_new_due_label')}
                  <input
                    type="date"
                    name="newDueOn"
                    required
                    min="${ownDue ?? ''}"
                    value="${f.value('newDueOn')}"
                    ${f.invalid('newDueOn')}
                  />
                  ${f.error('newDueOn')}</label
                >
                <label class="grow"
                  >${ctx.msg('shell.extension_reason_label')}
                  <input
                    type="text"
                    name="reason"
                    required
                    maxlength="5000"
                    value="${f.value('reason')}"
                    ${f.invalid('reason')}
                  />
                  ${f.error('reason')}</label
                >
              </div>
              <button type="submit">${ctx.msg('shell.extension_submit_button')}</button>
            </form>`
          : ''
      }
    </section>`;
  }

  private closurePanel(ctx: PageContext, item: ItemFlowDetail, can: FlowAbilities) {
    if (item.status === 'cancelled') return html``;
    return html`<section class="panel" id="closure">
      <h2>${ctx.msg('shell.closure_title')}</h2>
      ${
        item.closedAt
          ? html`<p class="notice ok" data-closed="true">
              ${ctx.msg('shell.closed')} · ${dateText(item.closedAt)}
            </p>`
          : item.closure.ready
            ? html`<p class="ok-text">${ctx.msg('shell.closure_ready')}</p>`
            : html`<p>${ctx.msg('shell.closure_not_ready')}</p>
                <ul class="blockers">
                  ${item.closure.blockers.map((b) => html`<li>${ctx.msg(b.message)}</li>`)}
                </ul>`
      }
      ${
        can.close && item.closure.ready
          ? html`<form method="post" action="/items/${item.id}/close">
              ${csrfField(ctx)}<button type="submit" class="primary">${ctx.msg('shell.close_button')}</button>
            </form>`
          : ''
      }
    </section>`;
  }
}

const KIND_NAMES: Record<PeriodKind, Parameters<PageContext['msg']>[0]> = {
  once: 'forms.kind_once',
  year: 'forms.kind_year',
  half: 'forms.kind_half',
  quarter: 'forms.kind_quarter',
  month: 'forms.kind_month',
};

/**
 * 期次 as selects, never a typed code: the kind (一次性 / 年度 / 半年度 / 季度 / 月度) and the year, half, quarter or
 * month it needs. The server ignores the selects the kind does not use; app.js hides them.
 */
function periodPicker(
  ctx: PageContext,
  f: FormView,
  preset: ReturnType<typeof periodPickOf>,
  today: CalendarDate,
): SafeHtml {
  const kind = f.value('periodKind', preset.kind);
  const year = f.value('periodYear', preset.year ?? today.slice(0, 4));
  // Unused parts default to the period today falls in (a kind changed to 季度 starts at this quarter).
  const todayMonth = Number(today.slice(5, 7));
  const half = f.value('periodHalf', preset.half ?? (todayMonth <= 6 ? '1' : '2'));
  const quarter = f.value('periodQuarter', preset.quarter ?? String(Math.ceil(todayMonth / 3)));
  const month = f.value('periodMonth', preset.month ?? String(todayMonth));
  // Two years back (late reports) to next year, and a preset year outside that span.
  const thisYear = Number(today.slice(0, 4));
  const years = [thisYear - 2, thisYear - 1, thisYear, thisYear + 1].map(String);
  if (/^\d{4}$/.test(year) && !years.includes(year)) years.unshift(year);
  const option = (value: string, chosen: string, text: string) =>
    html`<option value="${value}" ${value === chosen ? 'selected' : ''}>${text}</option>`;
  const select = (name: string, label: string, uses: string, options: SafeHtml[]) =>
    html`<label class="period-part" data-period-for="${uses}"
      >${label}
      <select name="${name}" ${f.invalid(name)}>
        ${options}
      </select>
      ${f.error(name)}</label
    >`;
  return html`<fieldset class="period-picker" data-period-picker>
    <legend>${ctx.msg('forms.period')}</legend>
    ${select(
      'periodKind',
      ctx.msg('forms.period_kind'),
      'all',
      PERIOD_KINDS.map((k) => option(k, kind, ctx.msg(KIND_NAMES[k]))),
    )}
    ${select(
      'periodYear',
      ctx.msg('forms.period_year_label'),
      'year half quarter month',
      years.map((y) => option(y, year, ctx.msg('forms.year_option', { year: y }))),
    )}
    ${select(
      'periodHalf',
      ctx.msg('forms.period_half_label'),
      'half',
      [1, 2].map((h) => option(String(h), half, ctx.msg(halfName(h)))),
    )}
    ${select(
      'periodQuarter',
      ctx.msg('forms.period_quarter_label'),
      'quarter',
      [1, 2, 3, 4].map((q) => option(String(q), quarter, ctx.msg(quarterName(q)))),
    )}
    ${select(
      'periodMonth',
      ctx.msg('forms.period_month_label'),
      'month',
      Array.from({ length: 12 }, (_, i) =>
        option(String(i + 1), month, ctx.msg('forms.month_option', { month: i + 1 })),
      ),
    )}
  </fieldset>`;
}

const isRecurrence = (value: string | null): value is Recurrence =>
  (RECURRENCES as readonly string[]).includes(value ?? '');
