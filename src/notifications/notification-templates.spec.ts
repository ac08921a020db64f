import { type EscalationMailPayload, type ItemRef, renderMail, ruleLabel } from './notification-templates';

const ctx = { language: 'zh-CN' as const, publicUrl: 'https://duban.example.cn/' };
const item = (n: number, number = `（${n}）`): ItemRef => ({
  id: `00000000-0000-4000-8000-00000000000${n}`,
  ref: `r${n}`,
  number,
  title: `任务${n}`,
  planTitle: '实施方案',
  dueOn: '2026-12-13',
  departmentName: '教育局',
});

describe('mail wording', () => {
  it('a due date on a day off is announced by its real distance, with its weekday', () => {
    expect(ruleLabel('due_day', { dueOn: '2026-12-13', sendOn: '2026-12-11' })['zh-CN']).toBe(
      '后日（周日）到期',
    );
    expect(ruleLabel('due_day', { dueOn: '2026-12-12', sendOn: '2026-12-11' })['zh-CN']).toBe(
      '明日（周六）到期',
    );
    expect(ruleLabel('due_day', { dueOn: '2026-10-08', sendOn: '2026-09-30' })['zh-CN']).toBe(
      '10月8日（周四）到期',
    );
    expect(ruleLabel('due_day', { dueOn: '2026-12-11', sendOn: '2026-12-11' })['zh-CN']).toBe('今日到期');
    expect(ruleLabel('overdue_1', { dueOn: '2026-12-11', sendOn: '2026-12-14' })['zh-CN']).toBe(
      '已逾期 3 天',
    );
  });

  it('after the deadline nobody is asked to "请尽快签收"', () => {
    const mail = renderMail(
      'reminder',
      {
        item: item(1),
        rule: 'overdue_1',
        dueOn: '2026-12-11',
        sendOn: '2026-12-14',
        departmentName: '财政局',
        role: 'cooperate',
        outstanding: 'acknowledge',
      },
      ctx,
    );
    expect(mail.subject).toBe('【督办提醒】已逾期 3 天：任务1');
    expect(mail.text).not.toContain('请尽快签收');
    expect(mail.text).toContain('请立即签收');
  });

  it('an item without a number has no leading space', () => {
    const mail = renderMail(
      'reminder',
      {
        item: item(2, ''),
        rule: 'before_7',
        dueOn: '2026-12-13',
        departmentName: '教育局',
        role: 'lead',
        outstanding: null,
      },
      ctx,
    );
    expect(mail.text).toContain('\n- 任务2（');
    expect(mail.html).toContain('>任务2</a>');
  });

  it('an escalation batch counts each level, gives days overdue, the reply deadline and the print link', () => {
    const notice = (n: number, level: 'red' | 'yellow') => ({
      id: `n${n}`,
      level,
      item: item(n),
      reasons: ['overdue'],
      cc: ['督导室主任'],
      overdueWorkingDays: 10,
      overdueCalendarDays: 15,
      replyBy: '2026-12-31',
    });
    const payload: EscalationMailPayload = {
      notices: [notice(1, 'red'), notice(2, 'red'), notice(3, 'yellow')],
    };
    const mail = renderMail('escalation', payload as unknown as Record<string, unknown>, ctx);
    expect(mail.subject).toBe('【红色督办】督办单 3 份（红色 2 项，黄色 1 项）');
    expect(mail.text).toContain('请于 2026-12-31 前书面回复办理情况');
    expect(mail.text).toContain('已逾期 15 天（10 个工作日）');
    expect(mail.text).toContain('https://duban.example.cn/api/escalations/n1/print');
    const single = renderMail(
      'escalation',
      { notices: [notice(1, 'red'), notice(2, 'red')] } as unknown as Record<string, unknown>,
      ctx,
    );
    expect(single.subject).toBe('【红色督办】2 项任务');
  });

  it('the digest title says what the digest is', () => {
    const digest = (period: string) =>
      renderMail(
        'digest',
        { period, dueToday: [item(1)], dueSoon: [], overdue: [], awaitingAck: [], notes: [] },
        ctx,
      ).subject;
    expect(['notes', 'daily', 'weekly'].map(digest)).toEqual([
      '【督办】督办提醒汇总',
      '【督办】每日督办摘要',
      '【督办】每周督办摘要',
    ]);
  });
});
