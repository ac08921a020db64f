/**
 * The audit log as sentences in the reader's language (pure): "张三 于 12月5日 15:44 签收", "李四 于 12月6日 09:00
 * 修改任务：将办理时限由 2027年6月30日 改为 2027年9月30日". Field names and values are labelled — dates formatted,
 * statuses and roles labelled, ids resolved to names where the page has them, else left out: a reader never
 * sees a raw code, a uuid or an ISO timestamp.
 */
import type { AuditChange } from '../audit/audit-entry.entity';
import type { AuditActor } from '../audit/audit.service';
import { type Message, type MessageKey, isMessageKey, msg, translate } from '../common/i18n/catalog';
import { formatDate, formatDateTime, formatMonthDayTime } from '../common/i18n/format';
import { indicatorLabel, type LabelEnum, labelOf, periodLabel } from '../common/i18n/labels';
import type { Locale } from '../common/locale';

export interface AuditSentenceEntry {
  at: Date | string;
  actor: AuditActor;
  entityType: string;
  action: string;
  changes: AuditChange[];
}

export interface AuditSentenceOptions {
  /** ids (departments, users, items) to names, as far as the page knows them */
  names?: ReadonlyMap<string, string>;
  /** the reader's current year: times in it are printed without the year (12月5日 15:44) */
  year?: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const LONG_TEXT = 60;

/** Fields that are calendar dates, and instants. */
const isDateField = (field: string) => /On$/.test(field);
const isTimeField = (field: string) => /At$/.test(field);

/** Which label set a field's values take, by entity. */
function enumOf(entityType: string, field: string): LabelEnum | null {
  switch (field) {
    case 'status':
      return 'status';
    case 'state':
      return entityType === 'extension_request'
        ? 'extension_state'
        : entityType === 'progress_report'
          ? 'report_state'
          : null;
    case 'role':
      return 'assignment_role';
    case 'kind':
      return entityType === 'department' ? 'department_kind' : 'kind';
    case 'recurrence':
      return 'recurrence';
    case 'how':
      return 'closure_how';
    case 'level':
      return 'region_level';
    case 'sourceScript':
      return 'source_script';
    default:
      return null;
  }
}

const shorten = (text: string): string =>
  text.length > LONG_TEXT ? `${text.slice(0, LONG_TEXT).trimEnd()}…` : text;

/**
 * One value as the reader reads it, or null when there is nothing readable to say (an unknown id).
 * `undefined`-free: the log stores JSON.
 */
function valueText(
  locale: Locale,
  entityType: string,
  field: string,
  value: unknown,
  options: AuditSentenceOptions,
): string | null {
  if (value === null || value === undefined || value === '') return translate(locale, 'audit.none');
  if (typeof value === 'boolean') return translate(locale, value ? 'audit.yes' : 'audit.no');
  if (typeof value === 'number') return field === 'percent' ? `${value}%` : String(value);
  if (Array.isArray(value)) {
    if (field === 'files') return translate(locale, 'audit.files', { count: value.length });
    if (value.every((v) => typeof v === 'string')) {
      return (value as string[])
        .map((v) => valueText(locale, entityType, field, v, options))
        .filter((v): v is string => v !== null)
        .join('、');
    }
    return translate(locale, 'audit.entries', { count: value.length });
  }
  if (typeof value === 'object') {
    return field === 'policy'
      ? translate(locale, 'audit.policy')
      : translate(locale, 'audit.entries', { count: Object.keys(value).length });
  }
  const text = String(value);
  if (UUID.test(text)) return options.names?.get(text) ?? null;
  const labels = enumOf(entityType, field);
  if (labels) return labelOf(locale, labels, text);
  if (field === 'period') return periodLabel(locale, text);
  if (field === 'indicator') return indicatorLabel(locale, text);
  if (field === 'reason' && text === 'no longer in the plan file') {
    return translate(locale, 'audit.reason.not_in_plan_file');
  }
  if (isTimeField(field) || (!ISO_DATE.test(text) && /^\d{4}-\d{2}-\d{2}T/.test(text))) {
    return timeText(locale, text, options);
  }
  if (isDateField(field) || ISO_DATE.test(text)) return formatDate(locale, text);
  return shorten(text);
}

function timeText(locale: Locale, at: Date | string, options: AuditSentenceOptions): string {
  const year = Number(formatDateTime('en', at).split(' ')[2]);
  return options.year === year ? formatMonthDayTime(locale, at) : formatDateTime(locale, at);
}

const fieldName = (locale: Locale, field: string): string => labelOf(locale, 'audit_field', field);

/** "将办理时限由 A 改为 B", "将职责设为 牵头", "清除延期后办理时限（原为 A）"; null when nothing readable changed. */
function changeText(
  locale: Locale,
  entityType: string,
  c: AuditChange,
  options: AuditSentenceOptions,
): string | null {
  if (JSON.stringify(c.before) === JSON.stringify(c.after)) return null;
  const field = fieldName(locale, c.field);
  const before = c.before === null ? null : valueText(locale, entityType, c.field, c.before, options);
  const after = c.after === null ? null : valueText(locale, entityType, c.field, c.after, options);
  if (c.before !== null && c.after !== null) {
    if (before === null || after === null) return null;
    return translate(locale, 'audit.changed', { field, before, after });
  }
  if (c.after !== null) return after === null ? null : translate(locale, 'audit.set', { field, after });
  return before === null ? null : translate(locale, 'audit.cleared', { field, before });
}

/** Who: the user's name, or the system process named in the reader's words. */
function actorText(locale: Locale, actor: AuditActor): string | null {
  if (actor.userId || !/^[a-z]+:[a-z-]+$/.test(actor.label)) return actor.label || null;
  const key = `audit.system.${actor.label.replace(/[:-]/g, '_')}`;
  return isMessageKey(key) ? translate(locale, key) : translate(locale, 'audit.system');
}

/** What was done, with the facts that make it a sentence; the other changes follow it. */
function whatOf(
  locale: Locale,
  e: AuditSentenceEntry,
  options: AuditSentenceOptions,
): { what: string; shown: Set<string> } {
  const get = (field: string): unknown => {
    const c = e.changes.find((x) => x.field === field);
    return c ? (c.after ?? c.before) : null;
  };
  const value = (field: string) => valueText(locale, e.entityType, field, get(field), options) ?? '';
  const key = `audit.${e.entityType}.${e.action}`;
  const shown = new Set<string>();
  const params: Record<string, string> = {};
  const use = (param: string, field: string) => {
    params[param] = value(field);
    shown.add(field);
  };
  switch (key) {
    case 'audit.plan_item.closed':
      use('how', 'how');
      shown.add('closedAt').add('closedBy');
      break;
    case 'audit.plan_item.cancelled':
      shown.add('cancelledAt').add('status');
      break;
    case 'audit.assignment.created':
    case 'audit.assignment.added':
      use('department', 'department');
      use('role', 'role');
      break;
    case 'audit.assignment.removed':
    case 'audit.assignment.restored':
      use('department', 'department');
      shown.add('removedAt');
      break;
    case 'audit.assignment.updated':
      use('department', 'department');
      break;
    case 'audit.assignment.acknowledged':
      shown.add('acknowledgedAt').add('acknowledgedBy');
      break;
    case 'audit.extension_request.requested':
      use('current', 'currentDueOn');
      use('requested', 'requestedDueOn');
      shown.add('department');
      break;
    case 'audit.extension_request.approved':
    case 'audit.extension_request.rejected':
    case 'audit.progress_report.approved':
    case 'audit.progress_report.returned':
      shown.add('state');
      break;
    case 'audit.progress_report.submitted':
    case 'audit.progress_report.resubmitted':
      use('period', 'period');
      use('percent', 'percent');
      shown.add('text').add('files');
      break;
    case 'audit.supervision_notice.issued':
      use('number', 'number');
      use('due', 'dueOn');
      use('reply', 'replyDueOn');
      shown.add('departments');
      break;
    case 'audit.supervision_action.urged':
      use('department', 'department');
      use('text', 'text');
      break;
    case 'audit.supervision_action.replied':
      use('notice', 'notice');
      use('text', 'text');
      shown.add('files');
      break;
    case 'audit.plan_item.created':
      // an item's first version: every field is "set"; the item page shows them already
      e.changes.forEach((c) => shown.add(c.field));
      break;
    default:
      break;
  }
  if (isMessageKey(key)) return { what: translate(locale, key as MessageKey, params), shown };
  const generic: Message = msg('audit.generic', {
    action: labelOf(locale, 'audit_action', e.action),
    entity: labelOf(locale, 'audit_entity', e.entityType),
  });
  return { what: translate(locale, generic), shown };
}

/** One audit entry as a sentence in `locale`. */
export function auditSentence(
  locale: Locale,
  entry: AuditSentenceEntry,
  options: AuditSentenceOptions = {},
): string {
  const first = whatOf(locale, entry, options);
  const shown = first.shown;
  let what = first.what;
  const comment = entry.changes.find((c) => c.field === 'comment' && c.after !== null && c.after !== '');
  const reason = entry.changes.find((c) => c.field === 'reason' && c.after !== null && c.after !== '');
  if (comment) {
    what = translate(locale, 'audit.comment', {
      what,
      comment: valueText(locale, entry.entityType, 'comment', comment.after, options),
    });
  }
  if (reason) {
    what = translate(locale, 'audit.reason', {
      what,
      reason: valueText(locale, entry.entityType, 'reason', reason.after, options),
    });
  }
  shown.add('comment').add('reason');
  const rest = entry.changes
    .filter((c) => !shown.has(c.field))
    .map((c) => changeText(locale, entry.entityType, c, options))
    .filter((t): t is string => t !== null);
  if (rest.length) {
    what = translate(locale, 'audit.with_changes', {
      what,
      changes: rest.join(translate(locale, 'audit.list_separator')),
    });
  }
  const at = timeText(locale, entry.at, options);
  const actor = actorText(locale, entry.actor);
  return actor
    ? translate(locale, 'audit.sentence', { actor, at, what })
    : translate(locale, 'audit.sentence_no_actor', { at, what });
}
