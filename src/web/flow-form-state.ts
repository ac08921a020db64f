import { type Message, msg } from '../common/i18n/catalog';
import { isCalendarDate } from '../common/calendar-date';
import { PERIOD_CODE, periodCodeOf } from '../supervision/report-period';
import { messageText } from './components';
import { html, raw, type SafeHtml } from './html';
import type { PageContext } from './page-context';

/** The forms of the 督办 flow on the item page (FlowForms renders them, FlowController receives them). */
export type FlowFormName =
  | 'acknowledge'
  | 'report'
  | 'review'
  | 'decision'
  | 'extension'
  | 'due'
  | 'urge'
  | 'notice'
  | 'reply'
  | 'assign'
  | 'unassign'
  | 'close';

/** The key of a problem of the whole form (not of one field): a refusal by the rules. */
export const WHOLE_FORM = '';

/**
 * A flow form sent back to its page: what was typed (files cannot be sent back: the reader is told to choose
 * them again) and each problem next to its field, in the reader's language.
 */
export interface FlowFormState {
  form: FlowFormName;
  /** Which of several forms of that name: the report, extension, notice or department it is for. */
  target: string | null;
  values: Record<string, string>;
  /** Field → problem; WHOLE_FORM for the form as a whole. A string is an already-worded service message. */
  errors: Record<string, Message | string>;
  /** Files had been chosen: they are not kept. */
  filesDropped: boolean;
}

export type FieldErrors = Record<string, Message>;

/**
 * One form as rendered on the page: its typed values and problems when it is the form that was sent back,
 * else the defaults. The first invalid field gets `autofocus`, so the browser shows it.
 */
export class FormView {
  private focused = false;

  private constructor(
    private readonly ctx: PageContext,
    readonly state: FlowFormState | null,
  ) {}

  static of(
    ctx: PageContext,
    state: FlowFormState | null | undefined,
    form: FlowFormName,
    target: string | null = null,
  ): FormView {
    const mine = state && state.form === form && (state.target ?? null) === target ? state : null;
    if (mine) shown.add(mine);
    return new FormView(ctx, mine);
  }

  /** What was typed in `field`, else `fallback` (what the page would show anyway). */
  value(field: string, fallback = ''): string {
    return this.state ? (this.state.values[field] ?? '') : fallback;
  }

  has(field: string): boolean {
    return !!this.state && field in this.state.errors;
  }

  /** ` aria-invalid="true"` (and autofocus on the first) when the field has a problem. */
  invalid(field: string): SafeHtml {
    if (!this.has(field)) return raw('');
    const focus = this.focused ? '' : ' autofocus';
    this.focused = true;
    return raw(` aria-invalid="true"${focus}`);
  }

  /** The field's problem, shown right after it. */
  error(field: string): SafeHtml {
    if (!this.has(field)) return html``;
    return html`<small class="field-error" role="alert" data-error="${field}"
      >${messageText(this.ctx, this.state!.errors[field])}</small
    >`;
  }

  /** At the top of the form: it was not sent, a refusal of the whole form, and files to choose again. */
  summary(): SafeHtml {
    if (!this.state) return html``;
    return notSentNotice(this.ctx, this.state);
  }
}

/** Forms sent back that a page has rendered (else the item page shows the problem at the top). */
const shown = new WeakSet<FlowFormState>();
export const wasShown = (state: FlowFormState): boolean => shown.has(state);

export function notSentNotice(ctx: PageContext, state: FlowFormState): SafeHtml {
  const whole = state.errors[WHOLE_FORM];
  return html`<div class="notice error form-error" role="alert" data-form-error="${state.form}">
    <p>${ctx.msg('forms.not_sent')}</p>
    ${whole ? html`<p>${messageText(ctx, whole)}</p>` : ''}
    ${state.filesDropped ? html`<p data-files-dropped>${ctx.msg('forms.files_rechoose')}</p>` : ''}
  </div>`;
}

// ---- the checks of each form: the same rules as the DTOs, worded for the reader, one problem per field ----

type Values = Record<string, string | undefined>;

const blank = (v: string | undefined) => !v || !v.trim();

function longerThan(v: string | undefined, max: number): boolean {
  return (v ?? '').length > max;
}

function requiredText(
  errors: FieldErrors,
  values: Values,
  field: string,
  max: number,
  missing: Message = msg('forms.required'),
): void {
  if (blank(values[field])) errors[field] = missing;
  else if (longerThan(values[field], max)) errors[field] = msg('forms.too_long', { max });
}

function optionalText(errors: FieldErrors, values: Values, field: string, max: number): void {
  if (longerThan(values[field], max)) errors[field] = msg('forms.too_long', { max });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** 进度上报: the 期次 from the picker (or an old-style `period` code), percent 0–100, 办理情况. */
export function checkReport(values: Values): { errors: FieldErrors; period: string | null } {
  const errors: FieldErrors = {};
  let period: string | null = null;
  if (values.period !== undefined && values.periodKind === undefined) {
    // A client of the old form shape sends the stored code itself.
    if (PERIOD_CODE.test(values.period.trim())) period = values.period.trim();
    else errors.periodKind = msg('forms.period_code_invalid');
  } else {
    const picked = periodCodeOf({
      kind: values.periodKind,
      year: values.periodYear,
      half: values.periodHalf,
      quarter: values.periodQuarter,
      month: values.periodMonth,
    });
    if (picked.ok) period = picked.code;
    else errors[`period${picked.field[0].toUpperCase()}${picked.field.slice(1)}`] = picked.message;
  }
  const percent = (values.percent ?? '').trim();
  if (!/^\d{1,3}$/.test(percent) || Number(percent) > 100) errors.percent = msg('forms.percent_invalid');
  requiredText(errors, values, 'text', 20000, msg('forms.report_text_required'));
  return { errors, period };
}

/** 审核: approve, or return with a comment saying what to add or change. */
export function checkReview(values: Values): FieldErrors {
  const errors: FieldErrors = {};
  if (values.decision !== 'approve' && values.decision !== 'return')
    errors.decision = msg('forms.choose_one');
  if (values.decision === 'return' && blank(values.comment))
    errors.comment = msg('forms.return_needs_comment');
  optionalText(errors, values, 'comment', 5000);
  return errors;
}

/** 延期审批: approve or reject, an optional comment. */
export function checkDecision(values: Values): FieldErrors {
  const errors: FieldErrors = {};
  if (values.decision !== 'approve' && values.decision !== 'reject')
    errors.decision = msg('forms.choose_one');
  optionalText(errors, values, 'comment', 5000);
  return errors;
}

/** 延期申请: a real date (the service checks it is after the department's own 办理时限) and a reason. */
export function checkExtension(values: Values): FieldErrors {
  const errors: FieldErrors = {};
  if (!isCalendarDate(values.newDueOn ?? '')) errors.newDueOn = msg('forms.date_invalid');
  requiredText(errors, values, 'reason', 5000, msg('forms.reason_required'));
  return errors;
}

/** 办理时限 of one department: a real date, or empty for the item's own date. */
export function checkDue(values: Values): FieldErrors {
  const errors: FieldErrors = {};
  if (!UUID.test(values.departmentId ?? '')) errors.departmentId = msg('forms.department_required');
  if (!blank(values.dueOn) && !isCalendarDate(values.dueOn!)) errors.dueOn = msg('forms.date_invalid');
  return errors;
}

/** 催办: the department (empty: the late lead departments) and what it is urged to do. */
export function checkUrge(values: Values): FieldErrors {
  const errors: FieldErrors = {};
  if (!blank(values.departmentId) && !UUID.test(values.departmentId!)) {
    errors.departmentId = msg('forms.choose_one');
  }
  requiredText(errors, values, 'text', 2000, msg('forms.urge_text_required'));
  return errors;
}

/** 督办通知: an optional 反馈期限. */
export function checkNotice(values: Values): FieldErrors {
  const errors: FieldErrors = {};
  if (!blank(values.replyDueOn) && !isCalendarDate(values.replyDueOn!))
    errors.replyDueOn = msg('forms.date_invalid');
  return errors;
}

/** 反馈 on a notice. */
export function checkReply(values: Values): FieldErrors {
  const errors: FieldErrors = {};
  requiredText(errors, values, 'text', 20000, msg('forms.reply_text_required'));
  return errors;
}

/** 改派: a department and its role. */
export function checkAssign(values: Values): FieldErrors {
  const errors: FieldErrors = {};
  if (!UUID.test(values.departmentId ?? '')) errors.departmentId = msg('forms.department_required');
  if (!blank(values.role) && values.role !== 'lead' && values.role !== 'cooperate') {
    errors.role = msg('forms.choose_one');
  }
  return errors;
}

/** 改派: the department to remove. */
export function checkUnassign(values: Values): FieldErrors {
  const errors: FieldErrors = {};
  if (!UUID.test(values.department ?? '')) errors.department = msg('forms.department_required');
  return errors;
}
