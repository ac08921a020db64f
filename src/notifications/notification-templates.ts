/**
 * Mail templates (pure): every mail in Simplified Chinese (default) or English, as HTML and plain text, with a
 * deep link to each item and, for non-mandatory mail, a one-click unsubscribe link.
 */
import { addDays, daysBetween, isCalendarDate, isoWeekday } from '../common/calendar-date';
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

export interface DigestNote {
  kind: string;
  item: ItemRef;
  text: { 'zh-CN': string; en: string };
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

type Text = { 'zh-CN': string; en: string };
const t = (zh: string, en: string): Text => ({ 'zh-CN': zh, en });

const LEVEL: Record<'blue' | 'yellow' | 'red', Text> = {
  blue: t('蓝色督办', 'Blue notice'),
  yellow: t('黄色督办', 'Yellow notice'),
  red: t('红色督办', 'Red notice'),
};
const LEVEL_COLOR = { blue: '#1f5fbf', yellow: '#b58900', red: '#c0392b' };

const WEEKDAY_ZH = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];
const WEEKDAY_EN = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/**
 * What a reminder says about the deadline. With the send day known it says what is true that day: a due date on
 * a day off is reminded on the last working day before it, so "今日到期" would be false — it says
 * "明日（周六）到期" / "后日（周日）到期" instead; an overdue reminder says by how many days.
 */
export function ruleLabel(rule: string, when?: { dueOn: string; sendOn?: string | null }): Text {
  const sendOn = when?.sendOn && isCalendarDate(when.sendOn) ? when.sendOn : null;
  const dueOn = when && isCalendarDate(when.dueOn) ? when.dueOn : null;
  if (rule === 'start') return t('今日开始', 'starts today');
  if (rule === 'due_day') {
    if (!sendOn || !dueOn || sendOn >= dueOn) return t('今日到期', 'due today');
    const weekday = isoWeekday(dueOn);
    const day =
      addDays(sendOn, 1) === dueOn
        ? t('明日', 'tomorrow')
        : addDays(sendOn, 2) === dueOn
          ? t('后日', 'the day after tomorrow')
          : t(`${Number(dueOn.slice(5, 7))}月${Number(dueOn.slice(8))}日`, `on ${dueOn}`);
    return t(
      `${day['zh-CN']}（${WEEKDAY_ZH[weekday]}）到期`,
      `due ${day.en} (${WEEKDAY_EN[weekday]}), the last working day before it is today`,
    );
  }
  const before = /^before_(\d+)$/.exec(rule);
  if (before) return t(`还有 ${before[1]} 个工作日到期`, `due in ${before[1]} working days`);
  const overdue = /^overdue_(\d+)$/.exec(rule);
  if (overdue) {
    if (!sendOn || !dueOn || sendOn <= dueOn) return t('已逾期', 'overdue');
    const days = daysBetween(dueOn, sendOn);
    return t(`已逾期 ${days} 天`, `overdue by ${days} day${days === 1 ? '' : 's'}`);
  }
  return t(rule, rule);
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

interface Block {
  heading?: string;
  lines?: string[];
  items?: Array<{ item: ItemRef; note?: string }>;
}

function layout(subject: string, blocks: Block[], ctx: RenderContext): RenderedMail {
  const L = ctx.language;
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
        const due = item.dueOn ? `${L === 'en' ? 'due' : '截止'} ${item.dueOn}` : '';
        const meta = [item.planTitle, item.departmentName, due, note].filter(Boolean).join(' · ');
        textParts.push(`- ${itemHeading(item)}（${meta}）\n  ${url}`);
        li.push(
          `<li style="margin:4px 0"><a href="${escapeHtml(url)}">${escapeHtml(itemHeading(item))}</a>` +
            `<br><small style="color:#555">${escapeHtml(meta)}</small></li>`,
        );
      }
      htmlParts.push(`<ul style="padding-left:20px">${li.join('')}</ul>`);
    }
  }
  const footer =
    L === 'en' ? 'Duban — this mail was sent automatically.' : '督办 Duban 系统自动发送，请勿直接回复。';
  textParts.push(`\n--\n${footer}`);
  let unsubscribeHtml = '';
  if (ctx.unsubscribeUrl) {
    const label = L === 'en' ? 'Unsubscribe from these mails' : '退订此类邮件';
    textParts.push(`${label}: ${ctx.unsubscribeUrl}`);
    unsubscribeHtml = ` · <a href="${escapeHtml(ctx.unsubscribeUrl)}">${escapeHtml(label)}</a>`;
  }
  const html =
    `<!doctype html><html lang="${L}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>` +
    `<body style="font-family:'PingFang SC','Microsoft YaHei',sans-serif;font-size:14px;color:#222">` +
    `${htmlParts.join('\n')}<hr><p style="color:#888;font-size:12px">${escapeHtml(footer)}${unsubscribeHtml}</p></body></html>`;
  return { subject, text: textParts.join('\n').trim(), html };
}

export function renderMail(
  template: TemplateName,
  payload: Record<string, unknown>,
  ctx: RenderContext,
): RenderedMail {
  const L = ctx.language;
  switch (template) {
    case 'reminder': {
      const p = payload as unknown as ReminderPayload;
      const what = ruleLabel(p.rule, { dueOn: p.dueOn, sendOn: p.sendOn })[L];
      const late = p.rule.startsWith('overdue_');
      const owe =
        p.outstanding === 'acknowledge'
          ? late
            ? t(
                '任务已超过办理期限仍未签收，请立即签收并报送办理情况。',
                'The deadline has passed and the assignment is still not acknowledged: acknowledge it and report now.',
              )
            : t('请尽快签收此任务。', 'Please acknowledge (签收) the assignment.')
          : p.outstanding === 'report'
            ? late
              ? t('任务已逾期，请立即报送本部门的办理情况。', 'The item is overdue: submit your report now.')
              : t('请报送本部门的办理情况。', 'Please submit your department’s progress report.')
            : late
              ? t(
                  '任务已逾期，请抓紧办理并报送办理情况。',
                  'The item is overdue: act and report progress now.',
                )
              : t('请按期完成并报送办理情况。', 'Please complete it on time and report progress.');
      const role =
        p.role === 'lead' ? t('牵头单位', 'lead department') : t('配合单位', 'cooperating department');
      return layout(
        L === 'en' ? `[Duban] ${what}: ${p.item.title}` : `【督办提醒】${what}：${p.item.title}`,
        [
          {
            lines: [
              L === 'en'
                ? `${p.departmentName} (${role.en}): this item is ${what} (due ${p.dueOn}).`
                : `${p.departmentName}（${role['zh-CN']}）：以下任务${what}（截止 ${p.dueOn}）。`,
              owe[L],
            ],
          },
          { items: [{ item: p.item }] },
        ],
        ctx,
      );
    }
    case 'digest': {
      const p = payload as unknown as DigestPayload;
      const title =
        p.period === 'backlog'
          ? t('已逾期任务汇总', 'Overdue backlog')
          : p.period === 'notes'
            ? t('督办提醒汇总', 'Reminders in one mail')
            : p.period === 'daily'
              ? t('每日督办摘要', 'Daily digest')
              : t('每周督办摘要', 'Weekly digest');
      return layout(
        L === 'en' ? `[Duban] ${title.en}` : `【督办】${title['zh-CN']}`,
        [
          { heading: t('今日到期', 'Due today')[L], items: p.dueToday.map((item) => ({ item })) },
          { heading: t('即将到期', 'Due soon')[L], items: p.dueSoon.map((item) => ({ item })) },
          { heading: t('已逾期', 'Overdue')[L], items: p.overdue.map((item) => ({ item })) },
          {
            heading: t('待签收', 'Waiting for your acknowledgement')[L],
            items: p.awaitingAck.map((item) => ({ item })),
          },
          {
            heading: t('其他提醒', 'Other notices')[L],
            items: p.notes.map((n) => ({ item: n.item, note: n.text[L] })),
          },
        ].filter((b) => b.items.length > 0),
        ctx,
      );
    }
    case 'escalation': {
      const p = payload as unknown as EscalationMailPayload;
      const top = p.notices.some((n) => n.level === 'red')
        ? 'red'
        : p.notices.some((n) => n.level === 'yellow')
          ? 'yellow'
          : 'blue';
      const counts = (['red', 'yellow', 'blue'] as const)
        .map((level) => ({ level, n: p.notices.filter((x) => x.level === level).length }))
        .filter((c) => c.n > 0);
      const replyBy = p.notices
        .map((n) => n.replyBy)
        .filter((d): d is string => !!d)
        .sort()[0];
      const blocks: Block[] = [
        {
          lines: [
            L === 'en'
              ? `${p.notices.length} supervision notice(s) (督办单) were issued. Please act and report.`
              : `现发出督办单 ${p.notices.length} 份，请抓紧办理并报送情况。`,
            ...(replyBy
              ? [
                  L === 'en'
                    ? `A written reply is due by ${replyBy}.`
                    : `请于 ${replyBy} 前书面回复办理情况。`,
                ]
              : []),
          ],
        },
      ];
      for (const level of ['red', 'yellow', 'blue'] as const) {
        const notices = p.notices.filter((n) => n.level === level);
        if (!notices.length) continue;
        blocks.push({
          heading: `${LEVEL[level][L]}（${notices.length}）`,
          items: notices.map((n) => ({
            item: n.item,
            note: [
              n.overdueCalendarDays
                ? L === 'en'
                  ? `overdue ${n.overdueCalendarDays} day(s) (${n.overdueWorkingDays ?? 0} working)`
                  : `已逾期 ${n.overdueCalendarDays} 天（${n.overdueWorkingDays ?? 0} 个工作日）`
                : undefined,
              n.replyBy ? (L === 'en' ? `reply by ${n.replyBy}` : `${n.replyBy} 前回复`) : undefined,
              n.cc.length ? `${L === 'en' ? 'cc' : '抄送'} ${n.cc.join('、')}` : undefined,
              `${L === 'en' ? 'print' : '打印督办单'} ${printUrl(ctx.publicUrl, n.id)}`,
            ]
              .filter(Boolean)
              .join(' · '),
          })),
        });
      }
      // The subject counts what it names: "【红色督办】22 项" — a mixed batch lists every level.
      const subjectCounts = counts.map((c) =>
        L === 'en' ? `${c.n} ${c.level}` : `${LEVEL[c.level]['zh-CN'].slice(0, 2)} ${c.n} 项`,
      );
      const mail = layout(
        L === 'en'
          ? `[Duban] ${LEVEL[top].en}: ${subjectCounts.join(', ')}`
          : counts.length === 1
            ? `【${LEVEL[top]['zh-CN']}】${p.notices.length} 项任务`
            : `【${LEVEL[top]['zh-CN']}】督办单 ${p.notices.length} 份（${subjectCounts.join('，')}）`,
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
        L === 'en'
          ? `[Duban] ${p.backlogCount} item(s) already overdue in ${p.planTitle}`
          : `【督办】${p.planTitle}：导入时已逾期 ${p.backlogCount} 项`,
        [
          {
            lines: [
              L === 'en'
                ? `${p.backlogCount} item(s) of the imported plan were already past due. They go into each department’s next digest instead of one mail per item.`
                : `导入的方案中有 ${p.backlogCount} 项任务已过截止日期，已汇入各部门下一期摘要，不再逐项发送。`,
              ...p.byDepartment.map((d) =>
                L === 'en' ? `${d.name}: ${d.count}` : `${d.name}：${d.count} 项`,
              ),
            ],
          },
          { items: p.items.map((item) => ({ item })) },
        ],
        ctx,
      );
    }
    case 'leadership-summary': {
      const p = payload as unknown as LeadershipSummaryPayload;
      const row = (r: { name: string; open: number; overdue: number }) =>
        L === 'en'
          ? `${r.name}: ${r.open} open, ${r.overdue} overdue`
          : `${r.name}：在办 ${r.open}，逾期 ${r.overdue}`;
      return layout(
        L === 'en'
          ? `[Duban] Weekly summary, week of ${p.weekOf}`
          : `【督办】领导小组周报（${p.weekOf} 当周）`,
        [
          { heading: t('按部门', 'By department')[L], lines: p.byDepartment.map(row) },
          { heading: t('按县（区、市）', 'By county')[L], lines: p.byCounty.map(row) },
          { heading: t('红色清单', 'Red list')[L], items: p.red.map((item) => ({ item })) },
          {
            heading: t('有风险的认定节点', 'Certification milestones at risk')[L],
            items: p.certAtRisk.map((item) => ({ item })),
          },
        ],
        ctx,
      );
    }
    case 'urge': {
      const p = payload as unknown as UrgePayload;
      return layout(
        L === 'en' ? `[Duban] Urged by the office: ${p.item.title}` : `【催办】${p.item.title}`,
        [
          {
            lines: [
              L === 'en'
                ? `${p.departmentName}: ${p.officeName} urges you to complete this item${p.dueOn ? ` (due ${p.dueOn})` : ''} and report in Duban.`
                : `${p.departmentName}：${p.officeName}催办以下任务${p.dueOn ? `（办理时限 ${p.dueOn}）` : ''}，请抓紧办理并在督办系统中报送办理情况。`,
              p.text,
            ],
          },
          { items: [{ item: p.item }] },
        ],
        ctx,
      );
    }
    case 'supervision-notice': {
      const p = payload as unknown as SupervisionNoticePayload;
      return layout(
        L === 'en'
          ? `[Duban] Supervision notice ${p.numberText}: ${p.item.title}`
          : `【督办通知】${p.numberText} ${p.item.title}`,
        [
          {
            lines: [
              L === 'en'
                ? `${p.departmentName}: ${p.officeName} issues supervision notice ${p.numberText} on this item${p.dueOn ? ` (due ${p.dueOn})` : ''}. Please reply in Duban by ${p.replyDueOn}.`
                : `${p.departmentName}：${p.officeName}就以下任务发出督办通知${p.numberText}${p.dueOn ? `（办理时限 ${p.dueOn}）` : ''}，请于 ${p.replyDueOn} 前在督办系统中反馈办理情况。`,
            ],
          },
          { items: [{ item: p.item }] },
        ],
        ctx,
      );
    }
    case 'report-request': {
      const p = payload as unknown as ReportRequestPayload;
      return layout(
        L === 'en'
          ? `[Duban] Report for ${p.period}: ${p.item.title}`
          : `【督办】请报送 ${p.period} 期办理情况：${p.item.title}`,
        [
          {
            lines: [
              L === 'en'
                ? `${p.departmentName}: please report on this recurring item for ${p.period} by ${p.periodEnd} (${ruleLabel(p.rule).en}).`
                : `${p.departmentName}：请于 ${p.periodEnd} 前报送本期（${p.period}）办理情况（${ruleLabel(p.rule)['zh-CN']}）。`,
            ],
          },
          { items: [{ item: p.item }] },
        ],
        ctx,
      );
    }
  }
}
