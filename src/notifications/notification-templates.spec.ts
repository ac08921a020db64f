import { addDays, parseCalendarDate } from '../common/calendar-date';
import { msg, translate } from '../common/i18n/catalog';
import { latinWords } from '../common/i18n/latin-words';
import { TEMPLATES, type TemplateName } from './notification-outbox.entity';
import {
  type DigestPayload,
  digestNoteText,
  type EscalationMailPayload,
  type ImportSummaryPayload,
  type ItemRef,
  type LeadershipSummaryPayload,
  periodLabel,
  type ReminderPayload,
  renderMail,
  type ReportRequestPayload,
  ruleLabel,
  senderName,
  type SupervisionNoticePayload,
  type UrgePayload,
} from './notification-templates';
import type { Language } from './notification-preference.entity';

const ctx = { language: 'zh-CN' as const, publicUrl: 'https://duban.example.cn/' };
const zh = (m: Parameters<typeof translate>[1]) => translate('zh-CN', m);
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
    expect(zh(ruleLabel('due_day', { dueOn: '2026-12-13', sendOn: '2026-12-11' }))).toBe('后日（周日）到期');
    expect(zh(ruleLabel('due_day', { dueOn: '2026-12-12', sendOn: '2026-12-11' }))).toBe('明日（周六）到期');
    expect(zh(ruleLabel('due_day', { dueOn: '2026-10-08', sendOn: '2026-09-30' }))).toBe(
      '10月8日（周四）到期',
    );
    expect(translate('en', ruleLabel('due_day', { dueOn: '2026-10-08', sendOn: '2026-09-30' }))).toBe(
      'due on 8 Oct (Thursday); today is the last working day before it',
    );
    expect(zh(ruleLabel('due_day', { dueOn: '2026-12-11', sendOn: '2026-12-11' }))).toBe('今日到期');
    expect(zh(ruleLabel('overdue_1', { dueOn: '2026-12-11', sendOn: '2026-12-14' }))).toBe('已逾期 3 天');
    expect(translate('en', ruleLabel('overdue_1', { dueOn: '2026-12-11', sendOn: '2026-12-12' }))).toBe(
      'overdue by 1 day',
    );
    // an unknown rule is never shown as its code
    expect(zh(ruleLabel('weird_rule'))).toBe('督办提醒');
  });

  it('reporting periods are words, not keys', () => {
    const both = (key: string) => {
      const label = periodLabel(key);
      return [translate('zh-CN', label as never), translate('en', label as never)];
    };
    expect(both('2026')).toEqual(['2026年度', 'the year 2026']);
    expect(both('2026-H1')).toEqual(['2026年上半年', 'the first half of 2026']);
    expect(both('2026-Q3')).toEqual(['2026年第三季度', 'Q3 2026']);
    expect(both('2026-11')).toEqual(['2026年11月', 'Nov 2026']);
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
    expect(mail.text).toContain('财政局（配合单位）：以下任务已逾期 3 天（办理时限 2026年12月11日）。');
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

  it('an escalation batch counts each level, gives reasons, days overdue, the reply deadline and the print link', () => {
    const notice = (n: number, level: 'red' | 'yellow') => ({
      id: `n${n}`,
      level,
      numberText: `〔2026〕第${n}号`,
      item: item(n),
      reasons: ['overdue', 'progress_red'],
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
    expect(mail.text).toContain('请于 2026年12月31日 前书面回复办理情况');
    expect(mail.text).toContain('督办单〔2026〕第2号 · 督办事由：逾期未完成；进度明显滞后（红灯）');
    expect(mail.text).toContain('已逾期 15 天（10 个工作日）');
    expect(mail.text).toContain('https://duban.example.cn/api/escalations/n1/print');
    const single = renderMail(
      'escalation',
      { notices: [notice(1, 'red'), notice(2, 'red')] } as unknown as Record<string, unknown>,
      ctx,
    );
    expect(single.subject).toBe('【红色督办】2 项任务');
    const en = renderMail('escalation', payload as unknown as Record<string, unknown>, {
      ...ctx,
      language: 'en',
    });
    expect(en.subject).toBe('[Duban] Red notice: 3 notices (2 red, 1 yellow)');
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

  it('digest notes are messages; a note stored in the old bilingual shape is still rendered, in one language', () => {
    const old = {
      kind: 'reminder',
      item: item(1),
      text: { 'zh-CN': '还有 7 个工作日到期', en: 'due in 7 working days' },
    };
    const fresh = {
      kind: 'backlog',
      item: item(2),
      text: digestNoteText('backlog', { dueOn: '2026-11-30' }),
    };
    // what is stored is plain JSON (the outbox payload column)
    const payload = JSON.parse(
      JSON.stringify({
        period: 'notes',
        dueToday: [],
        dueSoon: [],
        overdue: [],
        awaitingAck: [],
        notes: [old, fresh],
      }),
    ) as Record<string, unknown>;
    const zhMail = renderMail('digest', payload, ctx);
    expect(zhMail.text).toContain('还有 7 个工作日到期');
    expect(zhMail.text).toContain('导入时已逾期（截止 2026年11月30日）');
    expect(zhMail.text).not.toContain('working days');
    const enMail = renderMail('digest', payload, { ...ctx, language: 'en' });
    expect(enMail.text).toContain('due in 7 working days');
    expect(enMail.text).toContain('already overdue when imported (due 30 Nov 2026)');
    expect(enMail.text).not.toContain('还有');
    expect(translate('zh-CN', digestNoteText('report-request', { period: '2026-Q4' }))).toBe(
      '请报送2026年第四季度办理情况',
    );
  });

  it('the sender is 督办系统 for a Chinese reader, unless the configured name already is Chinese', () => {
    expect(senderName('督办 Duban', 'zh-CN')).toBe('督办系统');
    expect(senderName('', 'zh-CN')).toBe('督办系统');
    expect(senderName('银川市教育局督办', 'zh-CN')).toBe('银川市教育局督办');
    expect(senderName('银川市教育局督办', 'en')).toBe('Duban');
    expect(senderName('Duban Yinchuan', 'en')).toBe('Duban Yinchuan');
  });
});

// ---------------------------------------------------------------------------------------------------------
// Every template, every language: realistic payloads, rendered and read as the recipient sees them.

/** The fixed test day (a Monday); every date below is relative to it. */
const TODAY = parseCalendarDate('2026-12-07');
const day = (offset: number): string => addDays(TODAY, offset);
const PLAN = '关于印发《银川市推进义务教育优质均衡发展督导评估实施方案》的通知（银教发〔2026〕12号）';

const ref = (n: number, title: string, dueOffset: number, departmentName?: string): ItemRef => ({
  id: `3f6c1a2e-9b4d-4c1e-8a7b-5d2e0f1c9a${String(n).padStart(2, '0')}`,
  ref: `银教发〔2026〕12号-${n}`,
  number: ['（一）', '（二）', '（三）', '1.', '2.', '（四）'][n % 6],
  title,
  planTitle: PLAN,
  dueOn: day(dueOffset),
  status: 'in_progress',
  ...(departmentName ? { departmentName } : {}),
});

const reminder = (rule: string, dueOffset: number, outstanding: ReminderPayload['outstanding']) =>
  ({
    item: ref(1, '完善学校办学条件标准化建设台账', dueOffset, '银川市财政局'),
    rule,
    dueOn: day(dueOffset),
    sendOn: day(0),
    departmentName: '银川市财政局',
    role: 'lead',
    outstanding,
  }) satisfies ReminderPayload;

const notice = (n: number, level: 'blue' | 'yellow' | 'red', reasons: string[]) => ({
  id: `9a1b2c3d-0000-4000-8000-0000000000${String(n).padStart(2, '0')}`,
  level,
  item: ref(n, `推进集团化办学第${n}批学校结对帮扶`, -12, '兴庆区教育局、金凤区教育局'),
  reasons,
  cc: ['市政府督导室主任（张建国）', '靈武市教育體育局'],
  overdueWorkingDays: 8,
  overdueCalendarDays: 12,
  replyBy: day(5),
});

/** Realistic payloads of every template: a template missing here does not compile. */
const PAYLOADS: { [T in TemplateName]: Array<Record<string, unknown>> } = {
  reminder: [
    reminder('start', 30, 'acknowledge'),
    reminder('before_7', 9, 'report'),
    reminder('before_1', 1, null),
    reminder('due_day', 0, 'report'),
    reminder('due_day', 2, 'acknowledge'),
    reminder('due_day', 10, null),
    reminder('overdue_1', -1, 'acknowledge'),
    reminder('overdue_3', -5, 'report'),
    reminder('overdue_2', -3, null),
    { ...reminder('before_30', 40, null), sendOn: undefined, role: 'cooperate' },
  ],
  digest: (['daily', 'weekly', 'notes', 'backlog'] as const).map((period): DigestPayload => ({
    period,
    dueToday: [ref(2, '落实教师交流轮岗制度', 0, '银川市人力资源和社会保障局')],
    dueSoon: [ref(3, '开展课后服务质量评估', 4)],
    overdue: [ref(4, '补齐农村学校音体美器材', -20, '灵武市教育体育局')],
    awaitingAck: [ref(5, '建立控辍保学动态监测机制', 14, '永宁县教育局')],
    notes: [
      {
        kind: 'reminder',
        item: ref(6, '完成学位供给测算', 7),
        text: digestNoteText('reminder', { rule: 'before_7' }),
      },
      {
        kind: 'backlog',
        item: ref(7, '清理校外培训机构', -30),
        text: digestNoteText('backlog', { dueOn: day(-30) }),
      },
      {
        kind: 'report-request',
        item: ref(8, '报送优质均衡监测数据', 20),
        text: digestNoteText('report-request', { period: '2026-Q4' }),
      },
      {
        kind: 'overflow',
        item: ref(9, '督促学校食堂改造', -2),
        text: digestNoteText('overflow', { rule: 'overdue_1' }),
      },
      { kind: 'overflow', item: ref(10, '更新教育装备', 3), text: digestNoteText('overflow', {}) },
    ],
  })) as unknown as Array<Record<string, unknown>>,
  escalation: [
    { notices: [notice(1, 'red', ['overdue']), notice(2, 'yellow', ['overdue', 'progress_red'])] },
    { notices: [notice(3, 'blue', ['progress_red']), notice(4, 'blue', ['overdue'])] },
    { notices: [{ ...notice(5, 'red', ['overdue']), cc: [], replyBy: null, overdueCalendarDays: null }] },
  ] satisfies EscalationMailPayload[] as unknown as Array<Record<string, unknown>>,
  'import-summary': [
    {
      planTitle: PLAN,
      backlogCount: 3,
      byDepartment: [
        { name: '银川市教育局', count: 2 },
        { name: '靈武市教育體育局', count: 1 },
        { name: '未分配牵头单位', count: 1 },
      ],
      items: [
        ref(11, '制定学区划分方案', -40),
        ref(12, '核定教职工编制', -10),
        ref(13, '完成校舍安全排查', -3),
      ],
    },
  ] satisfies ImportSummaryPayload[] as unknown as Array<Record<string, unknown>>,
  'leadership-summary': [
    {
      weekOf: day(0),
      byDepartment: [
        { name: '银川市教育局', open: 42, overdue: 5 },
        { name: '银川市发展和改革委员会', open: 7, overdue: 0 },
      ],
      byCounty: [
        { name: '兴庆区', open: 12, overdue: 3 },
        { name: '靈武市', open: 9, overdue: 1 },
      ],
      red: [ref(14, '新建改扩建中小学校舍', -15, '银川市住房和城乡建设局')],
      certAtRisk: [ref(15, '灵武市通过国家优质均衡县认定', 25)],
    },
  ] satisfies LeadershipSummaryPayload[] as unknown as Array<Record<string, unknown>>,
  'report-request': (['2026', '2026-H2', '2026-Q4', '2026-12'] as const).map(
    (period): ReportRequestPayload => ({
      item: ref(16, '按月报送义务教育学校办学条件监测数据', 24, '银川市教育局'),
      period,
      periodEnd: day(24),
      departmentName: '银川市教育局',
      rule: period === '2026' ? 'start' : 'before_7',
    }),
  ) as unknown as Array<Record<string, unknown>>,
  'supervision-notice': [
    {
      item: ref(19, '推进城乡学校标准化建设', -8, '兴庆区教育局'),
      departmentName: '靈武市教育體育局',
      numberText: '〔2026〕第12号',
      dueOn: day(-8),
      replyDueOn: day(5),
      officeName: '银川市人民政府教育督导委员会办公室',
    },
    {
      item: ref(20, '落实教师交流轮岗制度', 12),
      departmentName: '银川市人力资源和社会保障局',
      numberText: '〔2026〕第13号',
      dueOn: null,
      replyDueOn: day(7),
      officeName: '',
    },
  ] satisfies SupervisionNoticePayload[] as unknown as Array<Record<string, unknown>>,
  urge: [
    {
      item: ref(17, '加快推进薄弱学校改造', -6, '西夏区教育局'),
      departmentName: '西夏区教育局',
      text: '该项工作已逾期，请于本周五前报送整改进展，并附相关佐证材料。',
      dueOn: day(-6),
      officeName: '银川市人民政府教育督导委员会办公室',
    },
    {
      item: ref(18, '落实“双减”课后服务经费保障', 10, '賀蘭縣教育局'),
      departmentName: '賀蘭縣教育局',
      text: '请抓紧落实。',
      dueOn: null,
      officeName: '',
    },
  ] satisfies UrgePayload[] as unknown as Array<Record<string, unknown>>,
};

/** What a reader sees of an HTML mail: the text without tags and with entities decoded. */
function visibleText(html: string): string {
  return html
    .replace(/<head>[\s\S]*?<\/head>/, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"');
}

const URL = /\bhttps?:\/\/\S+/g;
const withoutUrls = (text: string) => text.replace(URL, ' ');

/** The Chinese strings inside a payload (the data: names, titles, 文号, user text), longest first. */
function dataStrings(value: unknown): string[] {
  const out = new Set<string>();
  const walk = (v: unknown) => {
    if (typeof v === 'string') out.add(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(value);
  return [...out].filter((s) => /[\u4e00-\u9fff]/.test(s)).sort((a, b) => b.length - a.length);
}

const renders = (language: Language) =>
  TEMPLATES.flatMap((template) =>
    PAYLOADS[template].map((payload, i) => {
      const mail = renderMail(template, payload, {
        language,
        publicUrl: 'https://duban.yc.gov.cn/',
        unsubscribeUrl:
          template === 'escalation'
            ? undefined
            : 'https://duban.yc.gov.cn/api/notifications/unsubscribe?token=3f6c1a2e.abc',
      });
      return {
        name: `${template}#${i}`,
        payload,
        parts: { subject: mail.subject, text: mail.text, html: visibleText(mail.html) },
        rawHtml: mail.html,
      };
    }),
  );

describe('every mail template, rendered for its reader', () => {
  it('has realistic payloads for every template name in the source', () => {
    expect(TEMPLATES.length).toBeGreaterThanOrEqual(7);
    for (const template of TEMPLATES)
      expect([template, PAYLOADS[template]?.length > 0]).toEqual([template, true]);
  });

  it('in Simplified Chinese: no Latin word, raw code, ISO date, UUID or Traditional name in subject, text or HTML', () => {
    const problems: string[] = [];
    for (const { name, parts, rawHtml } of renders('zh-CN')) {
      for (const [part, text] of Object.entries(parts)) {
        const words = latinWords(text);
        if (words.length) problems.push(`${name} ${part}: ${words.join(', ')}`);
        const bare = withoutUrls(text);
        if (/\b\d{4}-\d{2}-\d{2}/.test(bare)) problems.push(`${name} ${part}: ISO date in "${bare}"`);
        if (/\b[0-9a-f]{8}-[0-9a-f]{4}\b|\b[0-9a-f]{8}\b/i.test(bare)) problems.push(`${name} ${part}: UUID`);
        if (/红榜|Duban/.test(text)) problems.push(`${name} ${part}: 红榜 or the product's Latin name`);
        if (/[靈體賀蘭縣]/.test(text)) problems.push(`${name} ${part}: Traditional characters in a name`);
      }
      expect(rawHtml).toContain('<html lang="zh-CN">');
      expect(parts.text).toContain('本邮件由督办系统自动发送');
    }
    expect(problems).toEqual([]);
  });

  it('in English: no Chinese except the data (names, titles) and quoted official terms; no ISO dates', () => {
    const problems: string[] = [];
    for (const { name, payload, parts } of renders('en')) {
      const data = dataStrings(payload);
      for (const [part, text] of Object.entries(parts)) {
        let rest = withoutUrls(text);
        for (const s of data) rest = rest.split(s).join(' ');
        // names are shown in Simplified script
        rest = rest
          .replace(/灵武市教育体育局|灵武市|贺兰县教育局/g, ' ')
          // quoted official terms: "acknowledge (签收)", "notices (督办单)"; item numbers "（三）"
          .replace(/\([\u4e00-\u9fff]+\)|（[一二三四五六七八九十]+）/g, ' ');
        const han = rest.match(/[\u4e00-\u9fff\u3000-\u303f\uff08\uff09\uff0c\uff1a\uff1b]+/g);
        if (han) problems.push(`${name} ${part}: ${han.join(' ')}`);
        if (/\b\d{4}-\d{2}-\d{2}/.test(rest)) problems.push(`${name} ${part}: ISO date`);
        const codes = rest.match(/\b[a-z]+_[a-z0-9_]+\b|\b\d{4}-(?:Q|H)\d\b/g);
        if (codes) problems.push(`${name} ${part}: raw codes ${codes.join(', ')}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('says the dates the way the reader writes them, relative to the test day', () => {
    const zhMails = renders('zh-CN');
    const summary = zhMails.find((m) => m.name === 'leadership-summary#0')!;
    expect(summary.parts.subject).toBe('【督办】领导小组周报（2026年12月7日 当周）');
    expect(summary.parts.text).toContain('逾期通报');
    expect(summary.parts.text).toContain('灵武市：在办 9 项，逾期 1 项');
    const report = zhMails.find((m) => m.name === 'report-request#2')!;
    expect(report.parts.subject).toBe(
      '【督办】请报送2026年第四季度办理情况：按月报送义务教育学校办学条件监测数据',
    );
    expect(report.parts.text).toContain(
      '请于 2026年12月31日 前报送2026年第四季度办理情况（还有 7 个工作日到期）',
    );
    expect(zhMails.find((m) => m.name === 'import-summary#0')!.parts.text).toContain('未确定牵头单位：1 项');
    expect(renders('en').find((m) => m.name === 'import-summary#0')!.parts.text).toContain(
      'no lead department yet: 1',
    );
    const urge = zhMails.find((m) => m.name === 'urge#1')!;
    expect(urge.parts.text).toContain('贺兰县教育局：领导小组办公室催办以下任务');
    const en = renders('en').find((m) => m.name === 'reminder#4')!;
    expect(en.parts.subject).toBe(
      '[Duban] due the day after tomorrow (Wednesday); today is the last working day before it: 完善学校办学条件标准化建设台账',
    );
    expect(en.parts.text).toContain('(deadline 9 Dec 2026)');
    expect(translate('en', msg('notifications.meta_due', { date: '9 Dec 2026' }))).toBe('due 9 Dec 2026');
  });
});
