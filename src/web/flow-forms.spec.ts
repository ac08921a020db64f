import type { ItemFlowDetail } from '../supervision/supervision.service';
import type { AuthenticatedUser } from '../access/authenticated-user';
import { Role } from '../access/role.enum';
import { bilingual } from './components';
import { FlowForms } from './flow-forms';
import { PageContext } from './page-context';

const user = (role: Role, departmentId: string | null = null): AuthenticatedUser => ({
  id: 'u',
  email: 'u@x',
  name: 'U',
  role,
  departmentId,
  regionCode: null,
  locale: 'zh-CN',
  sessionId: 's',
  via: 'cookie',
});

const item = (overrides: Partial<ItemFlowDetail> = {}): ItemFlowDetail =>
  ({
    id: 'i1',
    status: 'in_progress',
    closedAt: null,
    effectiveDueOn: '2026-12-31',
    extensions: [],
    assignments: [
      { departmentId: 'lead', role: 'lead', effectiveDueOn: '2026-12-31', overdue: false },
      { departmentId: 'coop', role: 'cooperate', effectiveDueOn: '2026-10-31', overdue: true },
    ],
    departments: [
      {
        assignmentId: 'a1',
        departmentId: 'lead',
        departmentName: '牵头局',
        role: 'lead',
        acknowledged: false,
        acknowledgedAt: null,
        acknowledgedBy: null,
        latestReport: null,
      },
      {
        assignmentId: 'a2',
        departmentId: 'coop',
        departmentName: '配合局',
        role: 'cooperate',
        acknowledged: true,
        acknowledgedAt: new Date('2026-11-20T02:00:00Z'),
        acknowledgedBy: null,
        latestReport: {
          id: 'r',
          state: 'submitted',
          percent: 50,
          period: 'once',
          submittedAt: new Date('2026-11-20T02:00:00Z'),
        },
      },
    ],
    ...overrides,
  }) as unknown as ItemFlowDetail;

describe('FlowForms.abilities', () => {
  const flow = new FlowForms();

  it('gives read-only roles no form at all', () => {
    for (const role of [Role.Inspector]) {
      const can = flow.abilities(user(role), item());
      expect(Object.entries(can).filter(([k, v]) => k !== 'mine' && v)).toEqual([]);
    }
    expect(flow.canAcknowledge(user(Role.Inspector))).toBe(false);
    expect(flow.canAcknowledge(user(Role.Leader))).toBe(false);
  });

  it('lets a department 签收 first, report after, and ask for its own extension', () => {
    const lead = flow.abilities(user(Role.DeptHead, 'lead'), item());
    expect([lead.acknowledge, lead.report, lead.requestExtension, lead.review]).toEqual([
      true,
      false,
      true,
      false,
    ]);
    // the cooperating department's report awaits review: no second report; it may ask for its own 延期
    const coop = flow.abilities(user(Role.Staff, 'coop'), item());
    expect([coop.acknowledge, coop.report, coop.requestExtension]).toEqual([false, false, true]);
    // a department without any date has nothing to extend
    const undated = item({
      assignments: [{ departmentId: 'lead', role: 'lead', effectiveDueOn: null, overdue: false }],
    } as unknown as Partial<ItemFlowDetail>);
    expect(flow.abilities(user(Role.DeptHead, 'lead'), undated).requestExtension).toBe(false);
    // an unrelated department acts for nothing here
    expect(flow.abilities(user(Role.DeptHead, 'other'), item()).mine).toBeNull();
  });

  it('reviews and closes for office/leader/admin, re-assigns for office/admin, nothing once closed', () => {
    expect(flow.abilities(user(Role.Leader), item())).toMatchObject({
      review: true,
      close: true,
      assign: false,
    });
    expect(flow.abilities(user(Role.Office), item())).toMatchObject({
      review: true,
      close: true,
      assign: true,
    });
    const closed = flow.abilities(user(Role.Office), item({ closedAt: new Date('2026-11-20T02:00:00Z') }));
    expect([closed.close, closed.assign]).toEqual([false, false]);
    // one pending request per department: the lead's does not stop the cooperating department
    const pending = item({
      extensions: [{ state: 'pending', departmentId: 'lead' }] as ItemFlowDetail['extensions'],
    });
    expect(flow.abilities(user(Role.DeptHead, 'lead'), pending).requestExtension).toBe(false);
    expect(flow.abilities(user(Role.DeptHead, 'coop'), pending).requestExtension).toBe(true);
  });
});

describe('bilingual service messages', () => {
  it('shows only the page language, escaped', () => {
    const zh = new PageContext(null, 'zh-CN', null, '/');
    const en = new PageContext(null, 'en', null, '/');
    expect(bilingual(zh, '请先签收 / Acknowledge <first>').value).toBe('请先签收');
    expect(bilingual(en, '请先签收 / Acknowledge <first>').value).toBe('Acknowledge &lt;first&gt;');
    expect(bilingual(zh, 'plain').value).toBe('plain');
  });
});
