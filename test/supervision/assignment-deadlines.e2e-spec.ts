/**
 * 办理时限 per assignment (issue 13): each 承办单位 has its own date (the item's by default), its own 延期 and its
 * own overdue state; the item is late when any lead is late, and a report waiting for review hides nothing.
 */
import type { AuditEntryView } from '../../src/audit/audit.service';
import type { ItemPage } from '../../src/plans/plan-items.service';
import type { ItemFlowDetailText as ItemFlowDetail } from '../../src/supervision/supervision.service';
import type { ExtensionView } from '../../src/supervision/extensions.service';
import { startTestApp, type TestApp } from '../support/test-app';
import { api, createItem, expectStatus, type FlowWorld, flowWorld } from './flow-support';

describe('办理时限 per assignment', () => {
  let t: TestApp;
  let w: FlowWorld;
  let call: ReturnType<typeof api>;
  const detail = async (id: string) =>
    expectStatus(await call('GET', `/api/items/${id}`, w.tokens.admin), 200).json() as ItemFlowDetail;
  const overdueIds = async () =>
    (
      expectStatus(
        await call('GET', `/api/items/overdue?plan=${w.planId}&limit=200`, w.tokens.office),
        200,
      ).json() as ItemPage
    ).items.map((i) => i.id);

  beforeAll(async () => {
    t = await startTestApp();
    t.clock.set('2026-03-02T02:00:00Z');
    w = await flowWorld(t);
    call = api(t);
  });
  afterAll(() => t?.close());

  it('two leads: one extension moves one department; the item is late while the other lead is', async () => {
    const id = await createItem(t, w, {
      startOn: '2026-01-01',
      dueOn: '2026-03-31',
      assignments: [
        { departmentId: w.lead, role: 'lead' },
        { departmentId: w.coop, role: 'lead' },
      ],
    });
    const ask = expectStatus(
      await call('POST', `/api/items/${id}/extensions`, w.tokens.leadHead, {
        reason: '资金未到位',
        newDueOn: '2026-06-30',
      }),
      201,
    ).json() as ExtensionView;
    expectStatus(
      await call('POST', `/api/extensions/${ask.id}/decision`, w.tokens.office, { decision: 'approve' }),
      201,
    );
    t.clock.set('2026-04-10T02:00:00Z');
    const item = await detail(id);
    expect(item.assignments.map((a) => [a.departmentId, a.effectiveDueOn, a.overdue])).toEqual(
      expect.arrayContaining([
        [w.lead, '2026-06-30', false],
        [w.coop, '2026-03-31', true],
      ]),
    );
    expect(item).toMatchObject({ dueOn: '2026-03-31', effectiveDueOn: '2026-03-31', overdue: true });
    expect(item.overdueDays).toBe(10);
    expect(await overdueIds()).toContain(id);
  });

  it("a department's own 办理时限, set and cleared by the office, audited", async () => {
    t.clock.set('2026-03-02T02:00:00Z');
    const id = await createItem(t, w, {
      dueOn: '2026-12-31',
      assignments: [
        { departmentId: w.lead, role: 'lead' },
        { departmentId: w.coop, role: 'cooperate' },
      ],
    });
    const setDue = (token: string, departmentId: string, dueOn: string | null) =>
      call('PUT', `/api/items/${id}/assignments/due`, token, { departmentId, dueOn });
    expect(expectStatus(await setDue(w.tokens.office, w.lead, '2026-13-01'), 400).json().error).toBe(
      'VALIDATION.FAILED',
    );
    expectStatus(await setDue(w.tokens.leadHead, w.lead, '2026-06-30'), 403);
    expectStatus(await setDue(w.tokens.office, w.other, '2026-06-30'), 404);
    expectStatus(await setDue(w.tokens.office, w.lead, '2026-06-30'), 204);
    let item = await detail(id);
    expect(item.assignments.map((a) => [a.role, a.dueOn, a.effectiveDueOn])).toEqual([
      ['lead', '2026-06-30', '2026-06-30'],
      ['cooperate', null, '2026-12-31'],
    ]);
    // The item follows its lead: its effective date is the lead's.
    expect(item.effectiveDueOn).toBe('2026-06-30');
    expectStatus(await setDue(w.tokens.office, w.lead, null), 204);
    item = await detail(id);
    expect(item.effectiveDueOn).toBe('2026-12-31');
    const history = expectStatus(
      await call('GET', `/api/items/${id}/history`, w.tokens.admin),
      200,
    ).json() as AuditEntryView[];
    const changes = history
      .filter((e) => e.entityType === 'assignment' && e.action === 'updated')
      .map((e) => e.changes.find((c) => c.field === 'dueOn'));
    expect(changes).toEqual([
      { field: 'dueOn', before: null, after: '2026-06-30' },
      { field: 'dueOn', before: '2026-06-30', after: null },
    ]);
  });

  it('a report waiting for review does not hide an overdue item', async () => {
    t.clock.set('2026-03-02T02:00:00Z');
    const id = await createItem(t, w, {
      startOn: '2026-01-01',
      dueOn: '2026-03-10',
      assignments: [{ departmentId: w.lead, role: 'lead' }],
    });
    expectStatus(await call('POST', `/api/items/${id}/acknowledge`, w.tokens.leadHead), 201);
    t.clock.set('2026-04-20T02:00:00Z');
    expectStatus(
      await call('POST', `/api/items/${id}/reports`, w.tokens.leadHead, {
        period: 'once',
        text: '完成40%',
        percent: 40,
      }),
      201,
    );
    const item = await detail(id);
    expect(item).toMatchObject({ status: 'submitted', overdue: true });
    expect(await overdueIds()).toContain(id);
  });

  it('bulk 办理时限 for items without one; items with a date are skipped', async () => {
    t.clock.set('2026-03-02T02:00:00Z');
    const bare = await createItem(t, w, { assignments: [{ departmentId: w.lead, role: 'lead' }] });
    const dated = await createItem(t, w, {
      dueOn: '2026-05-31',
      assignments: [{ departmentId: w.lead, role: 'lead' }],
    });
    const missing = async () =>
      (
        expectStatus(
          await call('GET', `/api/items?plan=${w.planId}&noDeadline=true&limit=200`, w.tokens.office),
          200,
        ).json() as ItemPage
      ).items.map((i) => i.id);
    expect(await missing()).toContain(bare);
    expect(await missing()).not.toContain(dated);
    expectStatus(
      await call('POST', '/api/items/deadlines', w.tokens.office, { itemIds: [bare], dueOn: '2026-02-30' }),
      400,
    );
    expectStatus(
      await call('POST', '/api/items/deadlines', w.tokens.leadHead, { itemIds: [bare], dueOn: '2026-09-30' }),
      403,
    );
    const res = expectStatus(
      await call('POST', '/api/items/deadlines', w.tokens.office, {
        itemIds: [bare, dated],
        dueOn: '2026-09-30',
      }),
      200,
    ).json() as { updated: string[]; skipped: string[] };
    expect(res).toEqual({ updated: [bare], skipped: [dated] });
    expect((await detail(bare)).dueOn).toBe('2026-09-30');
    expect((await detail(dated)).dueOn).toBe('2026-05-31');
    expect(await missing()).not.toContain(bare);
  });
});
