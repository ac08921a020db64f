import { Injectable } from '@nestjs/common';
import type { ExtensionView } from '../supervision/extensions.service';
import type { ReportView } from '../supervision/reports.service';
import type { DepartmentFlowView, ItemFlowDetail } from '../supervision/supervision.service';
import type { AuthenticatedUser } from '../access/authenticated-user';
import type { DepartmentView } from '../departments/departments.service';
import { Role } from '../access/role.enum';
import { dateText } from './components';
import { html, type SafeHtml } from './html';
import { csrfField } from './layout';
import type { PageContext } from './page-context';

/** Roles that may act for their department (PlanScope.assertCanWriteItem decides per item). */
export const WRITING_ROLES: readonly Role[] = [Role.Admin, Role.Office, Role.DeptHead, Role.Staff];
/** Roles that review reports, decide extensions and close items (PlanScope.assertCanReviewItem per item). */
export const REVIEWING_ROLES: readonly Role[] = [Role.Admin, Role.Office, Role.Leader];
/** Roles that re-assign departments (改派). */
export const ASSIGNING_ROLES: readonly Role[] = [Role.Admin, Role.Office];

export const REPORT_STATE_LABELS: Record<ReportView['state'], [string, string]> = {
  submitted: ['待审核', 'Awaiting review'],
  approved: ['已通过', 'Approved'],
  returned: ['已退回', 'Returned'],
};

export const EXTENSION_STATE_LABELS: Record<ExtensionView['state'], [string, string]> = {
  pending: ['待审批', 'Pending'],
  approved: ['已批准', 'Approved'],
  rejected: ['未批准', 'Rejected'],
};

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
  html`<span class="badge ${REPORT_STATE_CLASS[state]}">${ctx.t(...REPORT_STATE_LABELS[state])}</span>`;

export const roleText = (ctx: PageContext, role: 'lead' | 'cooperate'): string =>
  role === 'lead' ? ctx.t('牵头', 'Lead') : ctx.t('配合', 'Cooperate');

/** A file's download link (GET /api/reports/:id/files/:fileId, the same rule as the API: who sees the item). */
export const fileLink = (report: { id: string }, f: { id: string; fileName: string; sizeBytes: number }) =>
  html`<a class="file" href="/api/reports/${report.id}/files/${f.id}" download>${f.fileName}</a>
    <small class="muted">${sizeText(f.sizeBytes)}</small>`;

export const periodText = (ctx: PageContext, period: string): string =>
  period === 'once' ? ctx.t('一次性', 'once') : period;

const sizeText = (n: number): string =>
  n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`;

/** The approve/return form of a submitted report (comment required to return: the service says so). */
export function reviewForm(ctx: PageContext, report: { id: string }, next: string): SafeHtml {
  return html`<form method="post" action="/reports/${report.id}/review" class="review-form">
    ${csrfField(ctx)}<input type="hidden" name="next" value="${next}" />
    <input
      type="text"
      name="comment"
      maxlength="5000"
      placeholder="${ctx.t('审核意见（退回时必填）', 'Comment (required to return)')}"
      aria-label="${ctx.t('审核意见', 'Comment')}"
    />
    <button type="submit" name="decision" value="approve" class="small primary">
      ${ctx.t('通过', 'Approve')}
    </button>
    <button type="submit" name="decision" value="return" class="small danger">
      ${ctx.t('退回', 'Return')}
    </button>
  </form>`;
}

/** The approve/reject form of a pending extension request. */
export function decisionForm(ctx: PageContext, extension: { id: string }, next: string): SafeHtml {
  return html`<form method="post" action="/extensions/${extension.id}/decision" class="review-form">
    ${csrfField(ctx)}<input type="hidden" name="next" value="${next}" />
    <input
      type="text"
      name="comment"
      maxlength="5000"
      placeholder="${ctx.t('审批意见（可选）', 'Comment (optional)')}"
      aria-label="${ctx.t('审批意见', 'Comment')}"
    />
    <button type="submit" name="decision" value="approve" class="small primary">
      ${ctx.t('批准', 'Approve')}
    </button>
    <button type="submit" name="decision" value="reject" class="small danger">
      ${ctx.t('不批准', 'Reject')}
    </button>
  </form>`;
}

/** The 签收 button (one click). */
export function acknowledgeForm(ctx: PageContext, itemId: string, next: string): SafeHtml {
  return html`<form method="post" action="/items/${itemId}/acknowledge" class="inline">
    ${csrfField(ctx)}<input type="hidden" name="next" value="${next}" /><button
      type="submit"
      class="small primary"
    >
      ${ctx.t('签收', 'Acknowledge')}
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

  /** The sections of the item page's main column that belong to the flow. */
  sections(
    ctx: PageContext,
    item: ItemFlowDetail,
    can: FlowAbilities,
    departments: DepartmentView[],
    today: string,
  ): SafeHtml {
    const here = `/items/${item.id}`;
    return html`${this.departmentsPanel(ctx, item, can, here)}
    ${can.assign ? this.assignPanel(ctx, item, departments) : ''}
    ${this.reportsPanel(ctx, item, can, here, today)} ${this.extensionsPanel(ctx, item, can, here)}
    ${this.supervisionPanel(ctx, item, can)} ${this.closurePanel(ctx, item, can)}`;
  }

  private departmentsPanel(ctx: PageContext, item: ItemFlowDetail, can: FlowAbilities, here: string) {
    return html`<section class="panel" id="departments">
      <h2>${ctx.t('责任单位', 'Departments')}</h2>
      ${
        item.departments.length
          ? html`<table class="grid">
              <thead>
                <tr>
                  <th>${ctx.t('单位', 'Department')}</th>
                  <th class="w-role">${ctx.t('职责', 'Role')}</th>
                  <th class="w-date">${ctx.t('办理时限', 'Due')}</th>
                  <th>${ctx.t('签收', 'Acknowledged')}</th>
                  <th>${ctx.t('最新报告', 'Latest report')}</th>
                </tr>
              </thead>
              <tbody>
                ${item.departments.map(
                  (d) =>
                    html`<tr data-department="${d.departmentName}">
                      <td>${d.departmentName}</td>
                      <td>${roleText(ctx, d.role)}</td>
                      ${this.dueCell(ctx, item, d.departmentId, can)}
                      <td>
                        ${
                          d.acknowledged
                            ? html`<span class="ok-text">${ctx.t('已签收', 'Yes')}</span>
                                <small class="muted"
                                  >${dateText(d.acknowledgedAt)} ${d.acknowledgedBy?.name ?? ''}</small
                                >`
                            : can.acknowledge && can.mine?.assignmentId === d.assignmentId
                              ? acknowledgeForm(ctx, item.id, here)
                              : html`<span class="warn-text">${ctx.t('待签收', 'Pending')}</span>`
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
                            : html`<span class="muted">${ctx.t('未报送', 'None yet')}</span>`
                        }
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>`
          : html`<p class="empty">
              ${ctx.t('原文未写明责任单位', 'The text names no responsible department')}
            </p>`
      }
    </section>`;
  }

  /** The department's own effective 办理时限 with 逾期 beside it; the office may set or clear it. */
  private dueCell(ctx: PageContext, item: ItemFlowDetail, departmentId: string, can: FlowAbilities) {
    const a = item.assignments.find((x) => x.departmentId === departmentId);
    if (!a) return html`<td>—</td>`;
    return html`<td data-due="${a.effectiveDueOn ?? ''}">
      ${a.effectiveDueOn ?? html`<span class="warn-text">${ctx.t('未设定', 'Not set')}</span>`}
      ${a.extendedDueOn && a.effectiveDueOn === a.extendedDueOn ? html`<small class="muted">${ctx.t('（已延期）', '(extended)')}</small>` : ''}
      ${a.overdue ? html`<span class="badge s-overdue" data-overdue="true">${ctx.t('已逾期', 'Overdue')}</span>` : ''}
      ${
        can.supervise
          ? html`<form method="post" action="/items/${item.id}/assignments/due" class="row-form due-form">
              ${csrfField(ctx)}<input type="hidden" name="departmentId" value="${departmentId}" />
              <input
                type="date"
                name="dueOn"
                value="${a.dueOn ?? ''}"
                aria-label="${ctx.t('本单位办理时限', 'Own due date')}"
              />
              <button type="submit" class="small">${ctx.t('设定', 'Set')}</button>
            </form>`
          : ''
      }
    </td>`;
  }

  /** 督办记录: numbered 督办通知 with their 反馈, the office's 催办, and the forms for both sides. */
  private supervisionPanel(ctx: PageContext, item: ItemFlowDetail, can: FlowAbilities) {
    const { notices, urges } = item.supervision;
    if (!notices.length && !urges.length && !can.supervise) return html``;
    return html`<section class="panel" id="supervision">
      <h2>
        ${ctx.t('督办记录', 'Supervision record')} <span class="count">${notices.length + urges.length}</span>
      </h2>
      ${
        notices.length
          ? html`<ul class="timeline">
              ${notices.map(
                (n) =>
                  html`<li data-notice="${n.numberText}">
                    <strong>${ctx.t('督办通知', 'Notice')} ${n.numberText}</strong>
                    <small class="muted">
                      ${n.issuedOn} · ${ctx.t('办理时限', 'due')} ${n.dueOn ?? '—'} ·
                      ${ctx.t('反馈期限', 'reply by')} ${n.replyDueOn}</small
                    >
                    ${can.supervise ? html` · <a href="/office/notices/${n.id}">${ctx.t('打印', 'Print')}</a>` : ''}
                    ${
                      n.replies.length
                        ? html`<ul>
                            ${n.replies.map(
                              (r) =>
                                html`<li data-reply="${r.id}">
                                  ${ctx.t('反馈', 'Reply')} · ${r.departmentName}：${r.text}
                                  ${r.files.map((f) => html` <a href="/api/notices/replies/${r.id}/files/${f.id}">${f.fileName}</a>`)}
                                  <small class="muted">${r.by ?? ''} ${dateText(r.createdAt)}</small>
                                </li>`,
                            )}
                          </ul>`
                        : html`<small class="warn-text"> ${ctx.t('尚未反馈', 'No reply yet')}</small>`
                    }
                    ${can.replyToNotice ? this.replyForm(ctx, n.id) : ''}
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
                    <strong>${ctx.t('催办', 'Urged')}</strong> → ${u.departmentName}：${u.text}
                    <small class="muted"
                      >${u.by ?? ''} ${dateText(u.createdAt)} ·
                      ${
                        u.mailed
                          ? ctx.t(`已发送邮件 ${u.mailed} 封`, `${u.mailed} mail(s) sent`)
                          : ctx.t('该单位无人可接收邮件', 'nobody in the department can receive mail')
                      }</small
                    >
                  </li>`,
              )}
            </ul>`
          : ''
      }
      ${
        can.supervise
          ? html`<form method="post" action="/items/${item.id}/urge" class="card" id="urge-form">
                ${csrfField(ctx)}
                <h3>${ctx.t('催办', 'Urge')}</h3>
                <div class="form-row">
                  <label
                    >${ctx.t('催办单位', 'Department')}
                    <select name="departmentId">
                      <option value="">${ctx.t('逾期的牵头单位', 'the late lead departments')}</option>
                      ${item.departments.map((d) => html`<option value="${d.departmentId}">${d.departmentName}</option>`)}
                    </select></label
                  >
                  <label class="grow"
                    >${ctx.t('催办意见', 'Message')} <input type="text" name="text" required maxlength="2000"
                  /></label>
                </div>
                <button type="submit">${ctx.t('催办并发送邮件', 'Urge and send mail')}</button>
              </form>
              <form method="post" action="/items/${item.id}/notices" class="card" id="notice-form">
                ${csrfField(ctx)}
                <h3>${ctx.t('签发督办通知（编号）', 'Issue a numbered notice')}</h3>
                <label
                  >${ctx.t('反馈期限（默认 3 个工作日）', 'Reply by (default: 3 working days)')}
                  <input type="date" name="replyDueOn"
                /></label>
                <button type="submit">${ctx.t('签发并打印', 'Issue and print')}</button>
              </form>`
          : ''
      }
    </section>`;
  }

  private replyForm(ctx: PageContext, noticeId: string): SafeHtml {
    return html`<form
      method="post"
      action="/notices/${noticeId}/replies"
      enctype="multipart/form-data"
      class="card reply-form"
    >
      ${csrfField(ctx)}
      <label
        >${ctx.t('反馈内容（办理情况或延误原因）', 'Reply (what was done, or why it is late)')}
        <textarea name="text" rows="3" required maxlength="20000"></textarea>
      </label>
      <label>${ctx.t('附件', 'Files')} <input name="files" type="file" multiple /></label>
      <button type="submit" class="primary">${ctx.t('提交反馈', 'Send the reply')}</button>
    </form>`;
  }

  private assignPanel(ctx: PageContext, item: ItemFlowDetail, departments: DepartmentView[]) {
    const assigned = new Set(item.departments.map((d) => d.departmentId));
    return html`<section class="panel" id="assign">
      <h2>${ctx.t('改派', 'Re-assign')}</h2>
      <form method="post" action="/items/${item.id}/assignments" class="row-form">
        ${csrfField(ctx)}
        <select name="departmentId" required aria-label="${ctx.t('单位', 'Department')}">
          <option value="">${ctx.t('选择单位…', 'Choose a department…')}</option>
          ${departments.map(
            (d) =>
              html`<option value="${d.id}">
                ${d.name}${assigned.has(d.id) ? ctx.t('（已承担）', ' (assigned)') : ''}
              </option>`,
          )}
        </select>
        <select name="role" aria-label="${ctx.t('职责', 'Role')}">
          <option value="cooperate">${ctx.t('配合', 'Cooperate')}</option>
          <option value="lead">${ctx.t('牵头', 'Lead')}</option>
        </select>
        <button type="submit" class="small primary">${ctx.t('增加', 'Add')}</button>
      </form>
      ${
        item.departments.length
          ? html`<form method="post" action="/items/${item.id}/assignments/remove" class="row-form">
              ${csrfField(ctx)}
              <select name="department" required aria-label="${ctx.t('单位', 'Department')}">
                ${item.departments.map(
                  (d) =>
                    html`<option value="${d.departmentId}">
                      ${d.departmentName}（${roleText(ctx, d.role)}）
                    </option>`,
                )}
              </select>
              <button
                type="submit"
                class="small danger"
                data-confirm="${ctx.t('确定移除该单位？', 'Remove this department?')}"
              >
                ${ctx.t('移除', 'Remove')}
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
    today: string,
  ) {
    const reports = item.reports;
    return html`<section class="panel" id="reports">
      <h2>${ctx.t('进展报告', 'Progress reports')} <span class="count">${reports.length}</span></h2>
      ${
        reports.length
          ? html`<ol class="reports">
              ${reports.map((r) => this.reportEntry(ctx, r, can, here))}
            </ol>`
          : html`<p class="empty">${ctx.t('尚无进展报告', 'No reports yet')}</p>`
      }
      ${can.report ? this.reportForm(ctx, item, can.mine!, today) : ''}
      ${
        can.mine && !can.mine.acknowledged && !item.closedAt
          ? html`<p class="notice info">
              ${ctx.t('签收后即可报送进展。', 'Acknowledge the item to report progress.')}
            </p>`
          : ''
      }
      ${
        can.mine?.latestReport?.state === 'submitted'
          ? html`<p class="notice info">
              ${ctx.t('本单位的报告正在审核，审核后可再次报送。', "Your department's report awaits review.")}
            </p>`
          : ''
      }
    </section>`;
  }

  private reportEntry(ctx: PageContext, r: ReportView, can: FlowAbilities, here: string): SafeHtml {
    return html`<li class="report" data-report="${r.id}" data-state="${r.state}">
      <div class="report-head">
        <strong>${r.departmentName}</strong>
        <small class="muted">${roleText(ctx, r.role)}</small> ${reportStateBadge(ctx, r.state)}
        <span class="pct">${r.percent}%</span>
        <small class="muted"
          >${ctx.t('期次', 'Period')} ${periodText(ctx, r.period)} · ${r.submittedBy.name ?? ''}
          ${dateText(r.submittedAt)}${r.previousId ? ctx.t(' · 重新报送', ' · resubmitted') : ''}</small
        >
      </div>
      <p class="report-text">${r.text}</p>
      ${r.files.length ? html`<p class="files">${ctx.t('附件', 'Files')}：${r.files.map((f) => html`${fileLink(r, f)} `)}</p>` : ''}
      ${
        r.reviewedAt
          ? html`<p class="review ${r.state}">
              ${r.state === 'returned' ? ctx.t('退回意见', 'Returned') : ctx.t('审核意见', 'Review')}：${r.reviewComment ?? ctx.t('（无）', '(none)')}
              <small class="muted">${r.reviewedBy?.name ?? ''} ${dateText(r.reviewedAt)}</small>
            </p>`
          : ''
      }
      ${r.state === 'submitted' && can.review ? reviewForm(ctx, r, `${here}#reports`) : ''}
    </li>`;
  }

  private reportForm(
    ctx: PageContext,
    item: ItemFlowDetail,
    mine: DepartmentFlowView,
    today: string,
  ): SafeHtml {
    const returned = mine.latestReport?.state === 'returned';
    return html`<form
      method="post"
      action="/items/${item.id}/reports"
      enctype="multipart/form-data"
      class="card report-form"
      id="report-form"
    >
      ${csrfField(ctx)}
      <h3>
        ${returned ? ctx.t('重新报送进展', 'Resubmit progress') : ctx.t('报送进展', 'Report progress')}
        <small class="muted">${mine.departmentName}</small>
      </h3>
      <div class="form-row">
        <label
          >${ctx.t('期次', 'Period')}
          <input
            name="period"
            required
            value="${item.recurrence ? today.slice(0, 4) : 'once'}"
            pattern="once|\\d{4}(-(Q[1-4]|H[12]|0[1-9]|1[0-2]))?"
            title="once / 2026 / 2026-H1 / 2026-Q3 / 2026-11"
        /></label>
        <label
          >${ctx.t('完成进度（%）', 'Progress (%)')}
          <input
            name="percent"
            type="number"
            min="0"
            max="100"
            step="1"
            required
            value="${mine.latestReport?.percent ?? ''}"
        /></label>
        <label class="grow"
          >${ctx.t('佐证材料', 'Evidence files')} <input name="files" type="file" multiple
        /></label>
      </div>
      <label
        >${ctx.t('办理情况', 'What was done')}
        <textarea name="text" rows="4" required maxlength="20000"></textarea>
      </label>
      <button type="submit" class="primary">${ctx.t('提交报告', 'Submit report')}</button>
      <small class="muted">
        ${ctx.t('支持 pdf、jpg、png、docx、xlsx、doc、xls、txt、zip、ofd', 'pdf, jpg, png, docx, xlsx, doc, xls, txt, zip, ofd')}
      </small>
    </form>`;
  }

  private extensionsPanel(ctx: PageContext, item: ItemFlowDetail, can: FlowAbilities, here: string) {
    // The asking department's own effective date (办理时限 per assignment), not the item's.
    const ownDue =
      item.assignments.find((a) => a.departmentId === can.mine?.departmentId)?.effectiveDueOn ??
      item.effectiveDueOn;
    const list = item.extensions;
    if (!list.length && !can.requestExtension) return html``;
    return html`<section class="panel" id="extensions">
      <h2>${ctx.t('延期申请', 'Extension requests')} <span class="count">${list.length}</span></h2>
      ${
        list.length
          ? html`<table class="grid">
              <thead>
                <tr>
                  <th>${ctx.t('申请', 'Request')}</th>
                  <th class="w-date">${ctx.t('原期限', 'From')}</th>
                  <th class="w-date">${ctx.t('申请延至', 'To')}</th>
                  <th class="w-status">${ctx.t('状态', 'State')}</th>
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
                        ${e.decidedAt ? html`<br /><small>${ctx.t('意见', 'Comment')}：${e.decisionComment ?? '—'} · ${e.decidedBy?.name ?? ''}</small>` : ''}
                        ${e.state === 'pending' && can.review ? decisionForm(ctx, e, `${here}#extensions`) : ''}
                      </td>
                      <td>${e.currentDueOn}</td>
                      <td>${e.requestedDueOn}</td>
                      <td>${ctx.t(...EXTENSION_STATE_LABELS[e.state])}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
          : ''
      }
      ${
        can.requestExtension
          ? html`<form method="post" action="/items/${item.id}/extensions" class="card">
              ${csrfField(ctx)}
              <h3>${ctx.t('申请延期', 'Ask for an extension')}</h3>
              <div class="form-row">
                <label
                  >${ctx.t('延至', 'New due date')}
                  <input type="date" name="newDueOn" required min="${ownDue ?? ''}"
                /></label>
                <label class="grow"
                  >${ctx.t('理由', 'Reason')} <input type="text" name="reason" required maxlength="5000"
                /></label>
              </div>
              <button type="submit">${ctx.t('提交延期申请', 'Ask for the extension')}</button>
            </form>`
          : ''
      }
    </section>`;
  }

  private closurePanel(ctx: PageContext, item: ItemFlowDetail, can: FlowAbilities) {
    if (item.status === 'cancelled') return html``;
    return html`<section class="panel" id="closure">
      <h2>${ctx.t('办结', 'Closure')}</h2>
      ${
        item.closedAt
          ? html`<p class="notice ok" data-closed="true">
              ${ctx.t('已办结', 'Closed')} · ${dateText(item.closedAt)}
            </p>`
          : item.closure.ready
            ? html`<p class="ok-text">
                ${ctx.t('各单位报告均已通过，可以办结。', 'Every report is approved: ready to close.')}
              </p>`
            : html`<p>${ctx.t('尚不能办结：', 'Not ready to close:')}</p>
                <ul class="blockers">
                  ${item.closure.blockers.map((b) => html`<li>${ctx.msg(b.message)}</li>`)}
                </ul>`
      }
      ${
        can.close && item.closure.ready
          ? html`<form method="post" action="/items/${item.id}/close">
              ${csrfField(ctx)}<button type="submit" class="primary">
                ${ctx.t('办结', 'Close the item')}
              </button>
            </form>`
          : ''
      }
    </section>`;
  }
}
