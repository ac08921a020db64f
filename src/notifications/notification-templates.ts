/**
 * Mail templates (pure): every mail entirely in the recipient's language — Simplified Chinese (default) or
 * English — as HTML and plain text, with a deep link to each item and, for non-mandatory mail, a one-click
 * unsubscribe link. Every word comes from the `notifications.*` catalog; dates are printed for the reader
 * (2026年12月5日); codes (rules, levels, reasons, periods) become words; names are shown in Simplified script.
 */
import { addDays, daysBetween, isCalendarDate, isoWeekday } from '../common/calendar-date';
import { isMessage, type Message, type MessageKey, msg, translate } from '../common/i18n/catalog';
import { formatDate } from '../common/i18n/format';
import { toSimplified } from '../common/text-normalization';
import type { Language } from './notification-preference.entity';
import type { TemplateName } from './notification-outbox.entity';

export interface ItemRef {
  id: string;
  ref: string;
  number: string;
  title: string;
  planTitle: string;
  dueOn: string | null;
  departmentName?: string;
  status?: string;
}

export interface ReminderPayload {
  item: ItemRef;
  rule: string;
  dueOn: string;
  departmentName: string;
  role: 'lead' | 'cooperate';
  /** what the department still owes: 签收 or a report; null for the lead's general reminder */
  outstanding: 'acknowledge' | 'report' | null;
  /** The day the reminder went out (absent in messages queued before it was recorded). */
  sendOn?: string;
}

/** The text of a digest note as rows queued before the catalog stored it: both languages side by side. */
export interface LegacyNoteText {
  'zh-CN': string;
  en: string;
}

export interface DigestNote {
  kind: string;
  item: ItemRef;
  /** A catalog message; rows queued before the catalog carry `LegacyNoteText` and are still rendered. */
  text: Message | LegacyNoteText;
}

export interface DigestPayload {
  /** `notes`: an immediate user's roundup of what could not be sent on its own. */
  period: 'daily' | 'weekly' | 'backlog' | 'notes';
  dueToday: ItemRef[];
  dueSoon: ItemRef[];
  overdue: ItemRef[];
  awaitingAck: ItemRef[];
  notes: DigestNote[];
}

export interface EscalationMailPayload {
  notices: Array<{
    id: string;
    level: 'blue' | 'yellow' | 'red';
    /** 〔2026〕第12号 (absent in mails queued before 督办单 were numbered) */
    numberText?: string;
    item: ItemRef;
    reasons: string[];
    cc: string[];
    overdueWorkingDays?: number;
    overdueCalendarDays?: number | null;
    /** The written reply is due by this day. */
    replyBy?: string | null;
  }>;
}

export interface ImportSummaryPayload {
  planTitle: string;
  backlogCount: number;
  byDepartment: Array<{ name: string; count: number }>;
  items: ItemRef[];
}

export interface LeadershipSummaryPayload {
  weekOf: string;
  byDepartment: Array<{ name: string; open: number; overdue: number }>;
  byCounty: Array<{ name: string; open: number; overdue: number }>;
  red: ItemRef[];
  certAtRisk: ItemRef[];
}

export interface ReportRequestPayload {
  item: ItemRef;
  period: string;
  periodEnd: string;
  departmentName: string;
  rule: string;
}

/** 催办: the office urges a department by hand. */
export interface UrgePayload {
  item: ItemRef;
  departmentName: string;
  text: string;
  /** The department's own effective 办理时限. */
  dueOn: string | null;
  officeName: string;
}

/** A numbered 督办件 (督办通知) sent to a department. */
export interface SupervisionNoticePayload {
  item: ItemRef;
  departmentName: string;
  /** 〔2026〕第12号 */
  numberText: string;
  /** The department's own 办理时限. */
  dueOn: string | null;
  replyDueOn: string;
  officeName: string;
}

export interface RenderContext {
  language: Language;
  publicUrl: string;
  /** Absent for mandatory mail. */
  unsubscribeUrl?: string;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

type Level = 'blue' | 'yellow' | 'red';
const LEVELS: readonly Level[] = ['red', 'yellow', 'blue'];
const LEVEL_COLOR: Record<Level, string> = { blue: '#1f5fbf', yellow: '#b58900', red: '#c0392b' };

const weekdayMessage = (isoDay: number): Message => msg(`notifications.weekday.${isoDay}` as MessageKey);
const monthMessage = (month: number): Message => msg(`notifications.month.${month}` as MessageKey);

/**
 * A calendar date as a message (2026年12月5日 · 5 Dec 2026), for texts that are stored before they are shown
 * (digest notes): the reader's form is chosen when the note is rendered, like `formatDate`.
 */
export function dateMessage(day: string | null | undefined): Message | null {
  if (!day || !isCalendarDate(day)) return null;
  return msg('notifications.date', {
    year: Number(day.slice(0, 4)),
    month: monthMessage(Number(day.slice(5, 7))),
    day: Number(day.slice(8, 10)),
  });
}

/**
 * What a reminder says about the deadline. With the send day known it says what is true that day: a due date on
 * a day off is reminded on the last working day before it, so "今日到期" would be false — it says
 * "明日（周六）到期" / "后日（周日）到期" instead; an overdue reminder says by how many days. An unknown rule
 * says "督办提醒", never its code.
 */
export function ruleLabel(rule: string, when?: { dueOn: string; sendOn?: string | null }): Message {
  const sendOn = when?.sendOn && isCalendarDate(when.sendOn) ? when.sendOn : null;
  const dueOn = when && isCalendarDate(when.dueOn) ? when.dueOn : null;
  if (rule === 'start') return msg('notifications.rule.start');
  if (rule === 'due_day') {
    if (!sendOn || !dueOn || sendOn >= dueOn) return msg('notifications.rule.due_today');
    const day =
      addDays(sendOn, 1) === dueOn
        ? msg('notifications.day.tomorrow')
        : addDays(sendOn, 2) === dueOn
          ? msg('notifications.day.after_tomorrow')
          : msg('notifications.month_day', {
              month: monthMessage(Number(dueOn.slice(5, 7))),
              day: Number(dueOn.slice(8)),
            });
    return msg('notifications.rule.due_day_ahead', { day, weekday: weekdayMessage(isoWeekday(dueOn)) });
  }
  const before = /^before_(\d+)$/.exec(rule);
  if (before) return msg('notifications.rule.before', { days: Number(before[1]) });
  if (/^overdue_\d+$/.test(rule)) {
    if (!sendOn || !dueOn || sendOn <= dueOn) return msg('notifications.rule.overdue');
    const days = daysBetween(dueOn, sendOn);
    return days === 1
      ? msg('notifications.rule.overdue_one_day')
      : msg('notifications.rule.overdue_days', { days });
  }
  return msg('notifications.rule.other');
}

/** A reporting period key (`2026`, `2026-H1`, `2026-Q3`, `2026-11`) in words: 2026年第三季度. */
export function periodLabel(key: string): Message | string {
  const m = /^(\d{4})(?:-(H[12]|Q[1-4]|\d{2}))?$/.exec(key);
  if (!m) return key;
  const year = m[1];
  const part = m[2];
  if (!part) return msg('notifications.period.year', { year });
  if (part.startsWith('H') || part.startsWith('Q'))
    return msg(`notifications.period.${part.toLowerCase()}` as MessageKey, { year });
  const month = Number(part);
  return month >= 1 && month <= 12
    ? msg('notifications.period.month', { year, month: monthMessage(month) })
    : key;
}

/**
 * What a digest says about something folded into it (reminders of digest users, imported backlog, report
 * requests, mail over the daily cap), from the digest entry's kind and payload.
 */
export function digestNoteText(
  kind: string,
  payload: { rule?: string; period?: string; dueOn?: string | null },
): Message {
  switch (kind) {
    case 'backlog':
      return msg('notifications.note.backlog', { date: dateMessage(payload.dueOn) });
    case 'report-request':
      return msg('notifications.note.report_request', {
        period: payload.period ? periodLabel(payload.period) : null,
      });
    default:
      return payload.rule ? ruleLabel(payload.rule) : msg('notifications.note.reminder');
  }
}

/** "（三）" and the title, without a leading space when the item has no number. */
export function itemHeading(item: Pick<ItemRef, 'number' | 'title'>): string {
  return [item.number?.trim(), item.title].filter(Boolean).join(' ');
}

export const printUrl = (publicUrl: string, noticeId: string) =>
  `${publicUrl.replace(/\/$/, '')}/api/escalations/${noticeId}/print`;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export const itemUrl = (publicUrl: string, id: string) => `${publicUrl.replace(/\/$/, '')}/items/${id}`;

/** A name (department, county, office, plan, person) in Simplified script: excerpts may be Traditional. */
const name = (text: string | null | undefined): string => (text ? toSimplified(text) : '');

/**
 * The display name of the sender for a reader: the configured name (MAIL_FROM) when it is written in the
 * reader's script, otherwise the catalog's (督办系统 / Duban) — a Chinese reader never sees "Duban" as sender.
 */
export function senderName(configuredName: string | null | undefined, language: Language): string {
  const configured = configuredName?.replace(/^"|"$/g, '').trim() ?? '';
  const fits =
    language === 'en'
      ? configured !== '' && !/[\u4e00-\u9fff]/.test(configured)
      : /[\u4e00-\u9fff]/.test(configured) && !/[A-Za-z]/.test(configured);
  return fits ? configured : translate(language, 'notifications.sender_name');
}

interface Block {
  heading?: string;
  lines?: string[];
  items?: Array<{ item: ItemRef; note?: string }>;
}

/** The renderer of one language: catalog texts, dates and dates in the reader's form. */
function wordsFor(L: Language) {
  return {
    tr: (key: MessageKey, params?: Message['params']): string => translate(L, msg(key, params)),
    text: (message: Message | string): string =>
      typeof message === 'string' ? message : translate(L, message),
    date: (value: string | null | undefined): string => formatDate(L, value),
    /** How a list of names is written: 甲、乙 · A, B. */
    list: (names: string[]): string => names.join(L === 'en' ? ', ' : '、'),
  };
}

function layout(subject: string, blocks: Block[], ctx: RenderContext): RenderedMail {
  const L = ctx.language;
  const { tr, date } = wordsFor(L);
  const textParts: string[] = [];
  const htmlParts: string[] = [];
  for (const block of blocks) {
    if (block.heading) {
      textParts.push(`\n${block.heading}`);
      htmlParts.push(`<h3 style="margin:16px 0 6px">${escapeHtml(block.heading)}</h3>`);
    }
    for (const line of block.lines ?? []) {
      textParts.push(line);
      htmlParts.push(`<p style="margin:4px 0">${escapeHtml(line)}</p>`);
    }
    if (block.items?.length) {
      const li: string[] = [];
      for (const { item, note } of block.items) {
        const url = itemUrl(ctx.publicUrl, item.id);
        const due = item.dueOn ? tr('notifications.meta_due', { date: date(item.dueOn) }) : '';
        const meta = [name(item.planTitle), name(item.departmentName), due, note].filter(Boolean).join(' · ');
        textParts.push(`- ${itemHeading(item)}${L === 'en' ? ` (${meta})` : `（${meta}）`}\n  ${url}`);
        li.push(
          `<li style="margin:4px 0"><a href="${escapeHtml(url)}">${escapeHtml(itemHeading(item))}</a>` +
            `<br><small style="color:#555">${escapeHtml(meta)}</small></li>`,
        );
      }
      htmlParts.push(`<ul style="padding-left:20px">${li.join('')}</ul>`);
    }
  }
  const footer = tr('notifications.footer');
  textParts.push(`\n--\n${footer}`);
  let unsubscribeHtml = '';
  if (ctx.unsubscribeUrl) {
    const label = tr('notifications.unsubscribe');
    textParts.push(`${label}: ${ctx.unsubscribeUrl}`);
    unsubscribeHtml = ` · <a href="${escapeHtml(ctx.unsubscribeUrl)}">${escapeHtml(label)}</a>`;
  }
  const html =
    `<!doctype html><html lang="${L}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>` +
    `<body style="font-family:'PingFang SC','Microsoft YaHei',sans-serif;font-size:14px;color:#222">` +
    `${htmlParts.join('\n')}<hr><p style="color:#888;font-size:12px">${escapeHtml(footer)}${unsubscribeHtml}</p></body></html>`;
  return { subject, text: textParts.join('\n').trim(), html };
}

/** A digest note's text: a catalog message, or (rows queued before the catalog) the text in both languages. */
function noteOf(L: Language, text: DigestNote['text'] | string | null | undefined): string {
  if (!text) return '';
  if (typeof text === 'string') return text;
  if (isMessage(text)) return translate(L, text);
  const legacy = text as Partial<LegacyNoteText>;
  return legacy[L] ?? legacy['zh-CN'] ?? '';
}

/** What the import summary wrote for items without a lead department before the catalog had a word for it. */
const NO_LEAD_PLACEHOLDER = '未分配牵头单位';

const REASON_KEYS: Record<string, MessageKey> = {
  overdue: 'notifications.reason.overdue',
  progress_red: 'notifications.reason.progress_red',
};

export function renderMail(
  template: TemplateName,
  payload: Record<string, unknown>,
  ctx: RenderContext,
): RenderedMail {
  const L = ctx.language;
  const { tr, text, date, list } = wordsFor(L);
  switch (template) {
    case 'reminder': {
      const p = payload as unknown as ReminderPayload;
      const what = text(ruleLabel(p.rule, { dueOn: p.dueOn, sendOn: p.sendOn }));
      const late = p.rule.startsWith('overdue_');
      const owe: MessageKey =
        p.outstanding === 'acknowledge'
          ? late
            ? 'notifications.reminder.ack_late'
            : 'notifications.reminder.ack'
          : p.outstanding === 'report'
            ? late
              ? 'notifications.reminder.report_late'
              : 'notifications.reminder.report'
            : late
              ? 'notifications.reminder.general_late'
              : 'notifications.reminder.general';
      const role = p.role === 'lead' ? 'notifications.role.lead' : 'notifications.role.cooperate';
      return layout(
        tr('notifications.reminder.subject', { what, title: p.item.title }),
        [
          {
            lines: [
              tr('notifications.reminder.intro', {
                department: name(p.departmentName),
                role: msg(role),
                what,
                date: date(p.dueOn),
              }),
              tr(owe),
            ],
          },
          { items: [{ item: p.item }] },
        ],
        ctx,
      );
    }
    case 'digest': {
      const p = payload as unknown as DigestPayload;
      const title: MessageKey =
        p.period === 'backlog'
          ? 'notifications.digest.backlog'
          : p.period === 'notes'
            ? 'notifications.digest.notes'
            : p.period === 'daily'
              ? 'notifications.digest.daily'
              : 'notifications.digest.weekly';
      const list = (items: ItemRef[] | undefined) => (items ?? []).map((item) => ({ item }));
      return layout(
        tr('notifications.digest.subject', { title: msg(title) }),
        [
          { heading: tr('notifications.digest.due_today'), items: list(p.dueToday) },
          { heading: tr('notifications.digest.due_soon'), items: list(p.dueSoon) },
          { heading: tr('notifications.digest.overdue'), items: list(p.overdue) },
          { heading: tr('notifications.digest.awaiting_ack'), items: list(p.awaitingAck) },
          {
            heading: tr('notifications.digest.other'),
            items: (p.notes ?? []).map((n) => ({ item: n.item, note: noteOf(L, n.text) })),
          },
        ].filter((b) => b.items.length > 0),
        ctx,
      );
    }
    case 'escalation': {
      const p = payload as unknown as EscalationMailPayload;
      const notices = p.notices ?? [];
      const top: Level = notices.some((n) => n.level === 'red')
        ? 'red'
        : notices.some((n) => n.level === 'yellow')
          ? 'yellow'
          : 'blue';
      const counts = LEVELS.map((level) => ({
        level,
        n: notices.filter((x) => x.level === level).length,
      })).filter((c) => c.n > 0);
      const replyBy = notices
        .map((n) => n.replyBy)
        .filter((d): d is string => !!d)
        .sort()[0];
      const blocks: Block[] = [
        {
          lines: [
            tr('notifications.escalation.intro', { count: notices.length }),
            ...(replyBy ? [tr('notifications.escalation.reply_by', { date: date(replyBy) })] : []),
          ],
        },
      ];
      for (const level of LEVELS) {
        const ofLevel = notices.filter((n) => n.level === level);
        if (!ofLevel.length) continue;
        blocks.push({
          heading: tr('notifications.escalation.level_heading', {
            level: msg(`notifications.level.${level}`),
            count: ofLevel.length,
          }),
          items: ofLevel.map((n) => ({
            item: n.item,
            note: [
              n.numberText ? tr('notifications.escalation.number', { number: n.numberText }) : undefined,
              n.reasons?.length
                ? tr('notifications.escalation.reasons', {
                    reasons: [...new Set(n.reasons)]
                      .map((r) => tr(REASON_KEYS[r] ?? 'notifications.reason.other'))
                      .join(L === 'en' ? '; ' : '；'),
                  })
                : undefined,
              n.overdueCalendarDays
                ? tr('notifications.escalation.overdue_days', {
                    days: n.overdueCalendarDays,
                    working: n.overdueWorkingDays ?? 0,
                  })
                : undefined,
              n.replyBy ? tr('notifications.escalation.note_reply_by', { date: date(n.replyBy) }) : undefined,
              n.cc?.length ? tr('notifications.escalation.cc', { names: list(n.cc.map(name)) }) : undefined,
              tr('notifications.escalation.print', { url: printUrl(ctx.publicUrl, n.id) }),
            ]
              .filter(Boolean)
              .join(' · '),
          })),
        });
      }
      // The subject counts what it names: "【红色督办】22 项任务" — a mixed batch lists every level.
      const subjectCounts = counts
        .map((c) =>
          tr('notifications.escalation.subject_count', {
            level: msg(`notifications.level_short.${c.level}`),
            count: c.n,
          }),
        )
        .join(tr('notifications.escalation.count_separator'));
      const mail = layout(
        tr(
          counts.length <= 1
            ? 'notifications.escalation.subject_one_level'
            : 'notifications.escalation.subject_mixed',
          { level: msg(`notifications.level.${top}`), count: notices.length, counts: subjectCounts },
        ),
        blocks,
        ctx,
      );
      mail.html = mail.html
        .replace('<body ', `<body data-level="${top}" `)
        .replace(
          '<p style="margin:4px 0">',
          `<p style="margin:4px 0;border-left:6px solid ${LEVEL_COLOR[top]};padding-left:8px">`,
        );
      return mail;
    }
    case 'import-summary': {
      const p = payload as unknown as ImportSummaryPayload;
      return layout(
        tr('notifications.import.subject', { plan: name(p.planTitle), count: p.backlogCount }),
        [
          {
            lines: [
              tr('notifications.import.intro', { count: p.backlogCount }),
              ...(p.byDepartment ?? []).map((d) =>
                tr('notifications.import.department_count', {
                  // '' (or the Chinese placeholder the import wrote before the catalog): items without a lead
                  name:
                    d.name && d.name !== NO_LEAD_PLACEHOLDER
                      ? name(d.name)
                      : msg('notifications.import.no_lead'),
                  count: d.count,
                }),
              ),
            ],
          },
          { items: (p.items ?? []).map((item) => ({ item })) },
        ],
        ctx,
      );
    }
    case 'leadership-summary': {
      const p = payload as unknown as LeadershipSummaryPayload;
      const row = (r: { name: string; open: number; overdue: number }) =>
        tr('notifications.summary.row', { name: name(r.name), open: r.open, overdue: r.overdue });
      return layout(
        tr('notifications.summary.subject', { date: date(p.weekOf) }),
        [
          { heading: tr('notifications.summary.by_department'), lines: (p.byDepartment ?? []).map(row) },
          { heading: tr('notifications.summary.by_county'), lines: (p.byCounty ?? []).map(row) },
          {
            heading: tr('notifications.summary.overdue_list'),
            items: (p.red ?? []).map((item) => ({ item })),
          },
          {
            heading: tr('notifications.summary.cert_at_risk'),
            items: (p.certAtRisk ?? []).map((item) => ({ item })),
          },
        ],
        ctx,
      );
    }
    case 'urge': {
      const p = payload as unknown as UrgePayload;
      const office = p.officeName ? name(p.officeName) : msg('notifications.urge.office');
      return layout(
        tr('notifications.urge.subject', { title: p.item.title }),
        [
          {
            lines: [
              p.dueOn
                ? tr('notifications.urge.intro_due', {
                    department: name(p.departmentName),
                    office,
                    date: date(p.dueOn),
                  })
                : tr('notifications.urge.intro', { department: name(p.departmentName), office }),
              ...(p.text ? [p.text] : []),
            ],
          },
          { items: [{ item: p.item }] },
        ],
        ctx,
      );
    }
    case 'supervision-notice': {
      const p = payload as unknown as SupervisionNoticePayload;
      const department = name(p.departmentName);
      const office = p.officeName ? name(p.officeName) : msg('notifications.urge.office');
      return layout(
        tr('notifications.notice.subject', { number: p.numberText, title: p.item.title }),
        [
          {
            lines: [
              p.dueOn
                ? tr('notifications.notice.intro_due', {
                    department,
                    office,
                    number: p.numberText,
                    date: date(p.dueOn),
                    reply: date(p.replyDueOn),
                  })
                : tr('notifications.notice.intro', {
                    department,
                    office,
                    number: p.numberText,
                    reply: date(p.replyDueOn),
                  }),
            ],
          },
          { items: [{ item: p.item }] },
        ],
        ctx,
      );
    }
    case 'report-request': {
      const p = payload as unknown as ReportRequestPayload;
      const period = periodLabel(p.period);
      return layout(
        tr('notifications.report.subject', { period, title: p.item.title }),
        [
          {
            lines: [
              tr('notifications.report.intro', {
                department: name(p.departmentName),
                date: date(p.periodEnd),
                period,
                what: ruleLabel(p.rule),
              }),
            ],
          },
          { items: [{ item: p.item }] },
        ],
        ctx,
      );
    }
  }
}
