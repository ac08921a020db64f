/** The printable 督办单 (pure HTML, Chinese, A4 print CSS). */
import { formatDate } from '../common/i18n/format';
import { escapeHtml } from '../notifications/notification-templates';
import { noticeNumberText } from '../supervision/office-numbers';
import type { EscalationNotice } from './escalation-notice.entity';

const LEVEL = { blue: '蓝色督办单', yellow: '黄色督办单', red: '红色督办单' } as const;
const COLOR = { blue: '#1f5fbf', yellow: '#b58900', red: '#c0392b' } as const;
const REASON: Record<string, string> = { overdue: '逾期未完成', progress_red: '进度明显滞后（红灯）' };

/**
 * 主送 names the departments the notice is addressed to, with whom it was mailed to in small print; a
 * department nobody could receive mail for is named all the same and marked (issue 13: it printed "—").
 */
function addressedTo(notice: EscalationNotice): string {
  const e = escapeHtml;
  const departments = notice.snapshot.addressedTo;
  if (!departments) return notice.recipients.map((p) => e(p.name)).join('、') || '—';
  return departments
    .map((name) => {
      const people = notice.recipients.filter((p) => p.departmentName === name).map((p) => e(p.name));
      return `${e(name)}<small>（${people.length ? `邮件送达：${people.join('、')}` : '无人可接收邮件，请填写联络人'}）</small>`;
    })
    .join('<br>');
}

export function renderNoticeHtml(notice: EscalationNotice, itemUrl: string): string {
  const s = notice.snapshot;
  const e = escapeHtml;
  const names = (people: EscalationNotice['recipients']) => people.map((p) => e(p.name)).join('、') || '—';
  const row = (label: string, value: string) => `<tr><th>${e(label)}</th><td>${value}</td></tr>`;
  const date = (value: string) => e(formatDate('zh-CN', value));
  const numberText = noticeNumberText(notice.year, notice.number);
  // 反馈 by the day recorded at issue; notices from before it was recorded name the rule instead.
  const reply = s.replyBy
    ? `请接此督办单后抓紧办理，于${date(s.replyBy)}前将办理情况及佐证材料报送领导小组办公室。`
    : '请接此督办单后抓紧办理，于 3 个工作日内将办理情况及佐证材料报送领导小组办公室。';
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${e(LEVEL[notice.level])} ${e(numberText)} ${e(s.title)}</title>
<style>
  @page { size: A4; margin: 20mm 18mm; }
  body { font-family: 'SimSun', 'Songti SC', 'Noto Serif CJK SC', serif; font-size: 14pt; color: #000; max-width: 180mm; margin: 0 auto; }
  h1 { text-align: center; font-size: 22pt; letter-spacing: 0.3em; color: ${COLOR[notice.level]}; border-bottom: 3px double ${COLOR[notice.level]}; padding-bottom: 6pt; }
  .meta { display: flex; justify-content: space-between; font-size: 11pt; margin: 8pt 0; }
  table { width: 100%; border-collapse: collapse; }
  th, td { border: 1px solid #000; padding: 6pt 8pt; vertical-align: top; text-align: left; }
  th { width: 28%; background: #f3f3f3; font-weight: normal; }
  .sign { margin-top: 28pt; text-align: right; line-height: 2; }
  .noprint { margin: 12pt 0; }
  @media print { .noprint { display: none; } th { background: none; } }
</style></head>
<body data-level="${notice.level}">
<div class="noprint"><button onclick="window.print()">打印</button></div>
<h1>${e(LEVEL[notice.level])}</h1>
<div class="meta"><span>编号：${e(numberText)}</span><span>签发日期：${date(notice.issuedOn)}</span></div>
<table>
${row('方案', `${e(s.planTitle)}${s.planDocNumber ? `（${e(s.planDocNumber)}）` : ''}`)}
${row('任务', `${e(s.number)} ${e(s.title)}<br><small>${e(itemUrl)}</small>`)}
${row('牵头单位', e(s.leadDepartments.join('、') || '—'))}
${row('配合单位', e(s.cooperatingDepartments.join('、') || '—'))}
${row('办理时限', `${date(s.dueOn)}${s.effectiveDueOn !== s.dueOn ? `（延期至${date(s.effectiveDueOn)}）` : ''}`)}
${row('反馈时限', s.replyBy ? date(s.replyBy) : '签发后 3 个工作日内')}
${row('督办事由', e(s.reasons.map((r) => REASON[r] ?? r).join('；')) + (s.overdueWorkingDays ? `，已逾期 ${s.overdueWorkingDays} 个工作日` : ''))}
${row('主送', addressedTo(notice))}
${row('抄送', names(notice.cc))}
${row('办理要求', reply)}
</table>
<div class="sign">领导小组办公室<br>${date(notice.issuedOn)}</div>
</body></html>`;
}
