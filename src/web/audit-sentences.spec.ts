import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { change } from '../audit/audit.service';
import { latinWords } from '../common/i18n/latin-words';
import { hasLabel } from '../common/i18n/labels';
import { type AuditSentenceEntry, auditSentence } from './audit-sentences';

const user = { userId: '00000000-0000-4000-8000-000000000001', label: '张三' };
// 07:44 UTC is 15:44 in Asia/Shanghai
const at = new Date('2026-12-05T07:44:29.830Z');
const entry = (
  entityType: string,
  action: string,
  changes: AuditSentenceEntry['changes'],
): AuditSentenceEntry => ({
  at,
  actor: user,
  entityType,
  action,
  changes,
});
const DEPT = '11111111-1111-4111-8111-111111111111';
const names = new Map([[DEPT, '银川市教育局']]);
const zh = (e: AuditSentenceEntry) => auditSentence('zh-CN', e, { names, year: 2026 });
const en = (e: AuditSentenceEntry) => auditSentence('en', e, { names, year: 2026 });

/** Every audit entry the code writes (grep `audit.record` in src), as the services write it. */
const WRITTEN: Array<[AuditSentenceEntry, string]> = [
  [
    entry('assignment', 'acknowledged', [
      change('acknowledgedAt', null, at),
      change('acknowledgedBy', null, '张三'),
    ]),
    '张三 于 12月5日 15:44 签收',
  ],
  [
    entry('plan_item', 'updated', [change('dueOn', '2027-06-30', '2027-09-30')]),
    '张三 于 12月5日 15:44 修改任务：将办理时限由 2027年6月30日 改为 2027年9月30日',
  ],
  [
    entry('plan_item', 'created', [change('ref', null, '三.(五)'), change('title', null, '消除大班额')]),
    '张三 于 12月5日 15:44 新建任务',
  ],
  [
    entry('plan_item', 'cancelled', [
      change('cancelledAt', null, at),
      change('reason', null, '合并到其他任务'),
    ]),
    '张三 于 12月5日 15:44 撤销任务，理由：合并到其他任务',
  ],
  [
    entry('plan_item', 'cancelled', [
      { field: 'status', before: 'in_progress', after: 'cancelled' },
      { field: 'reason', before: null, after: 'no longer in the plan file' },
    ]),
    '张三 于 12月5日 15:44 撤销任务，理由：方案文件中已无此条目',
  ],
  [
    entry('plan_item', 'restored', [change('title', '旧标题', '新标题')]),
    '张三 于 12月5日 15:44 恢复任务：将标题由 旧标题 改为 新标题',
  ],
  [
    entry('plan_item', 'closed', [
      change('closedAt', null, at),
      change('closedBy', null, '张三'),
      change('how', null, 'on-approval'),
    ]),
    '张三 于 12月5日 15:44 办结任务（报告通过后自动办结）',
  ],
  [
    entry('assignment', 'added', [change('department', null, '银川市教育局'), change('role', null, 'lead')]),
    '张三 于 12月5日 15:44 增加承办单位银川市教育局（牵头）',
  ],
  [
    entry('assignment', 'created', [
      { field: 'department', before: null, after: '银川市财政局' },
      { field: 'role', before: null, after: 'cooperate' },
    ]),
    '张三 于 12月5日 15:44 增加承办单位银川市财政局（配合）',
  ],
  [
    entry('assignment', 'removed', [
      change('department', '银川市财政局', '银川市财政局'),
      change('removedAt', null, at),
    ]),
    '张三 于 12月5日 15:44 移除承办单位银川市财政局',
  ],
  [
    entry('assignment', 'restored', [
      change('department', '银川市财政局', '银川市财政局'),
      change('removedAt', at, null),
      { field: 'role', before: 'cooperate', after: 'lead' },
    ]),
    '张三 于 12月5日 15:44 恢复承办单位银川市财政局：将职责由 配合 改为 牵头',
  ],
  [
    entry('assignment', 'updated', [
      change('department', '银川市教育局', '银川市教育局'),
      change('dueOn', null, '2027-06-30'),
      change('effectiveDueOn', '2027-03-31', '2027-06-30'),
    ]),
    '张三 于 12月5日 15:44 调整承办单位银川市教育局：将办理时限设为 2027年6月30日，将现行办理时限由 2027年3月31日 改为 2027年6月30日',
  ],
  [
    entry('extension_request', 'requested', [
      change('department', null, DEPT),
      change('currentDueOn', null, '2027-06-30'),
      change('requestedDueOn', null, '2027-09-30'),
      change('reason', null, '资金未到位'),
    ]),
    '张三 于 12月5日 15:44 申请将办理时限由 2027年6月30日 延至 2027年9月30日，理由：资金未到位',
  ],
  [
    entry('extension_request', 'approved', [
      change('state', 'pending', 'approved'),
      change('comment', null, '同意'),
    ]),
    '张三 于 12月5日 15:44 批准延期申请，意见：同意',
  ],
  [
    entry('extension_request', 'rejected', [
      change('state', 'pending', 'rejected'),
      change('comment', null, null),
    ]),
    '张三 于 12月5日 15:44 不予批准延期申请',
  ],
  [
    entry('assignment', 'updated', [
      change('department', '银川市教育局', '银川市教育局'),
      change('extendedDueOn', null, '2027-09-30'),
      change('effectiveDueOn', '2027-06-30', '2027-09-30'),
    ]),
    '张三 于 12月5日 15:44 调整承办单位银川市教育局：将延期后办理时限设为 2027年9月30日，将现行办理时限由 2027年6月30日 改为 2027年9月30日',
  ],
  [
    entry('progress_report', 'submitted', [
      change('period', null, '2026-Q3'),
      change('percent', null, 40),
      change('text', null, '已完成选址'),
      change('files', null, [{ name: '照片.jpg', sha256: 'ab', size: 3 }]),
    ]),
    '张三 于 12月5日 15:44 报送2026年第三季度进展情况，完成进度 40%',
  ],
  [
    entry('progress_report', 'resubmitted', [change('period', null, 'once'), change('percent', null, 100)]),
    '张三 于 12月5日 15:44 重新报送一次性进展情况，完成进度 100%',
  ],
  [
    entry('progress_report', 'approved', [
      change('state', 'submitted', 'approved'),
      change('comment', null, null),
    ]),
    '张三 于 12月5日 15:44 审核通过进展报告',
  ],
  [
    entry('progress_report', 'returned', [
      change('state', 'submitted', 'returned'),
      change('comment', null, '请补充佐证'),
    ]),
    '张三 于 12月5日 15:44 退回进展报告，意见：请补充佐证',
  ],
  [
    entry('supervision_notice', 'issued', [
      change('number', null, '〔2026〕第3号'),
      change('dueOn', null, '2026-12-31'),
      change('replyDueOn', null, '2026-12-10'),
      change('departments', null, ['银川市教育局']),
    ]),
    '张三 于 12月5日 15:44 签发督办通知〔2026〕第3号，办理时限 2026年12月31日，反馈期限 2026年12月10日',
  ],
  [
    entry('supervision_action', 'urged', [
      change('department', null, '银川市教育局'),
      change('text', null, '请加快进度'),
    ]),
    '张三 于 12月5日 15:44 向银川市教育局催办：请加快进度',
  ],
  [
    entry('supervision_action', 'replied', [
      change('notice', null, '〔2026〕第3号'),
      change('text', null, '已整改'),
      change('files', null, []),
    ]),
    '张三 于 12月5日 15:44 反馈督办通知〔2026〕第3号：已整改',
  ],
];

describe('audit sentences', () => {
  it.each(WRITTEN.map(([e, sentence]) => [sentence, e] as const))('%s', (sentence, e) => {
    expect(zh(e)).toBe(sentence);
    expect(latinWords(zh(e))).toEqual([]);
    expect(latinWords(en(e)).length).toBeGreaterThan(0);
    // no raw timestamps, dates or codes in either language
    expect(`${zh(e)} ${en(e)}`).not.toMatch(/\d{4}-\d{2}-\d{2}|_|∅/);
  });

  it('prints another year in full, and the system by its name', () => {
    const old = {
      ...entry('plan_item', 'updated', [change('title', '甲', '乙')]),
      at: new Date('2025-03-01T02:00:00Z'),
    };
    expect(zh(old)).toBe('张三 于 2025年3月1日 10:00 修改任务：将标题由 甲 改为 乙');
    const imported = {
      ...entry('plan_item', 'cancelled', []),
      actor: { userId: null, label: 'plans:import' },
    };
    expect(zh(imported)).toBe('方案导入 于 12月5日 15:44 撤销任务');
    expect(en(imported)).toBe('Plan import cancelled the item on 5 Dec 15:44');
  });

  it('leaves out ids it cannot name, and labels statuses', () => {
    const e = entry('plan_item', 'updated', [
      change('parentId', null, '22222222-2222-4222-8222-222222222222'),
      change('kind', 'task', 'milestone'),
    ]);
    expect(zh(e)).toBe('张三 于 12月5日 15:44 修改任务：将类型由 任务 改为 节点');
    expect(zh(entry('department', 'head-changed', [change('headUserId', null, DEPT)]))).toBe(
      '张三 于 12月5日 15:44 更换负责人单位：将负责人设为 银川市教育局',
    );
  });

  it('has a label for every entity, action and field the code audits', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (name.endsWith('.ts') && !name.endsWith('.spec.ts')) files.push(path);
      }
    };
    walk(join(__dirname, '..'));
    const audited = files
      .map((f) => readFileSync(f, 'utf8'))
      .filter((s) => /audit\.record\(|this\.record\(/.test(s));
    const found = { entity: new Set<string>(), action: new Set<string>(), field: new Set<string>() };
    for (const source of audited) {
      for (const m of source.matchAll(/entityType: '([a-z_]+)'/g)) found.entity.add(m[1]);
      for (const m of source.matchAll(/action: '([a-z_.-]+)'/g)) found.action.add(m[1]);
      for (const m of source.matchAll(/entry\([^,()]+, '([a-z_.-]+)'/g)) found.action.add(m[1]);
      for (const m of source.matchAll(/(?:change\(|field: )'([A-Za-z]+)'/g)) found.field.add(m[1]);
    }
    expect(found.entity.size).toBeGreaterThan(8);
    expect(found.action.size).toBeGreaterThan(12);
    expect(found.field.size).toBeGreaterThan(15);
    const missing = [
      ...[...found.entity].filter((v) => !hasLabel('audit_entity', v)).map((v) => `entity ${v}`),
      ...[...found.action].filter((v) => !hasLabel('audit_action', v)).map((v) => `action ${v}`),
      ...[...found.field].filter((v) => !hasLabel('audit_field', v)).map((v) => `field ${v}`),
    ];
    expect(missing).toEqual([]);
  });
});
