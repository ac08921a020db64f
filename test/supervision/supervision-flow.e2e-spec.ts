/**
 * The 督办 flow through the API: 交办 → 签收 → 办理 (reports) → 反馈/复核 (review) → 办结, with cooperating
 * departments as co-owners, returns and resubmissions, extensions, expected progress, concurrent edits,
 * indicator-linked closure and who may write what.
 */
import { CATALOGS } from '../../src/common/i18n/catalog';
import type { ItemFlowDetailText as ItemFlowDetail } from '../../src/supervision/supervision.service';
import type { ReportView, ReviewOutcome } from '../../src/supervision/reports.service';
import type { ExtensionView } from '../../src/supervision/extensions.service';
import type { AuditEntryView } from '../../src/audit/audit.service';
import { EvidenceService, type ItemCompliance } from '../../src/indicators/evidence/evidence.service';
import { type PlanEvent, PlanEvents } from '../../src/plans/plan-events';
import type { ItemPage } from '../../src/plans/plan-items.service';
import { startTestApp, type TestApp } from '../support/test-app';
import { api, createItem, expectStatus, type FlowWorld, flowWorld } from './flow-support';

describe('督办 flow', () => {
  let t: TestApp;
  let w: FlowWorld;
  let call: ReturnType<typeof api>;
  const events: PlanEvent[] = [];

  const detail = async (id: string, token = w.tokens.admin) =>
    expectStatus(await call('GET', `/api/items/${id}`, token), 200).json() as ItemFlowDetail;
  const ack = (id: string, token: string) => call('POST', `/api/items/${id}/acknowledge`, token);
  const report = (id: string, token: string, percent: number, period = '2026-Q1') =>
    call('POST', `/api/items/${id}/reports`, token, { period, text: `完成${percent}%`, percent });
  const review = (reportId: string, token: string, decision: 'approve' | 'return', comment?: string) =>
    call('POST', `/api/reports/${reportId}/review`, token, { decision, ...(comment ? { comment } : {}) });
  const history = async (id: string) =>
    expectStatus(
      await call('GET', `/api/items/${id}/history`, w.tokens.admin),
      200,
    ).json() as AuditEntryView[];

  beforeAll(async () => {
    t = await startTestApp();
    t.clock.set('2026-03-02T02:00:00Z'); // Monday 2 March 2026, 10:00 in Beijing
    w = await flowWorld(t);
    call = api(t);
    t.app.get(PlanEvents).subscribe((e) => {
      events.push(e);
    });
  });
  afterAll(() => t?.close());

  it('签收 → report → review → close, a missing cooperating report blocking closure', async () => {
    t.clock.set('2026-03-02T02:00:00Z');
    const id = await createItem(t, w, {
      startOn: '2026-01-01',
      dueOn: '2026-12-31',
      assignments: [
        { departmentId: w.lead, role: 'lead' },
        { departmentId: w.coop, role: 'cooperate' },
      ],
    });
    let item = await detail(id);
    expect(item.unacknowledged.map((d) => d.role)).toEqual(['lead', 'cooperate']);
    expect(item.status).toBe('in_progress');

    // 办理 before 签收 is refused.
    expect(expectStatus(await report(id, w.tokens.leadStaff, 100), 409).json().error).toBe('INVALID_STATE');
    expectStatus(await ack(id, w.tokens.leadHead), 201);
    expect(expectStatus(await ack(id, w.tokens.leadStaff), 409).json().error).toBe('INVALID_STATE');
    item = await detail(id);
    expect(item.departments[0]).toMatchObject({
      role: 'lead',
      acknowledged: true,
      acknowledgedBy: { name: '牵头局长' },
      acknowledgedAt: '2026-03-02T02:00:00.000Z',
    });
    expect(item.unacknowledged).toEqual([expect.objectContaining({ departmentId: w.coop })]);
    expectStatus(await ack(id, w.tokens.coopHead), 201);

    const leadReport = expectStatus(await report(id, w.tokens.leadStaff, 100), 201).json() as ReportView;
    expect(leadReport).toMatchObject({
      state: 'submitted',
      percent: 100,
      role: 'lead',
      submittedBy: { name: '牵头科员' },
    });
    expect((await detail(id)).status).toBe('submitted');
    // A second report while the first awaits review is refused.
    expectStatus(await report(id, w.tokens.leadHead, 100), 409);
    const queue = expectStatus(
      await call('GET', '/api/reports?status=submitted', w.tokens.office),
      200,
    ).json() as ReportView[];
    expect(queue.map((r) => r.id)).toContain(leadReport.id);

    const approved = expectStatus(
      await review(leadReport.id, w.tokens.office, 'approve'),
      201,
    ).json() as ReviewOutcome;
    expect(approved.itemClosed).toBe(false);
    item = await detail(id);
    expect(item.status).toBe('in_progress');
    expect(item.closure.ready).toBe(false);
    expect(item.closure.blockers).toEqual([
      expect.objectContaining({
        code: 'COOPERATING_REPORT_MISSING',
        departmentId: w.coop,
        messageKey: 'supervision.blocker_cooperating_report_missing',
        message: expect.stringMatching(/^配合单位.+尚未报送办理情况$/),
      }),
    ]);
    const refused = expectStatus(await call('POST', `/api/items/${id}/close`, w.tokens.office), 409).json();
    expect(refused.details.blockers[0].code).toBe('COOPERATING_REPORT_MISSING');
    expect(refused.messageKey).toBe('supervision.cannot_close_yet');
    expect(refused.message).toBe(`任务尚不能办结：${refused.details.blockers[0].message}`);

    const coopReport = expectStatus(await report(id, w.tokens.coopHead, 60), 201).json() as ReportView;
    const closing = expectStatus(
      await review(coopReport.id, w.tokens.leader, 'approve'),
      201,
    ).json() as ReviewOutcome;
    expect(closing.itemClosed).toBe(true);
    item = await detail(id);
    expect(item).toMatchObject({ status: 'completed', closure: { ready: false } });
    expect(item.closedAt).not.toBeNull();
    expect(item.departments.map((d) => d.latestReport?.state)).toEqual(['approved', 'approved']);
    expectStatus(await call('POST', `/api/items/${id}/close`, w.tokens.office), 409);
    // Nothing more to report on a closed item.
    expectStatus(await report(id, w.tokens.leadStaff, 100), 409);

    const actions = (await history(id)).map((e) => `${e.entityType}:${e.action}`);
    expect(actions).toEqual([
      'plan_item:created',
      'assignment:added',
      'assignment:added',
      'assignment:acknowledged',
      'assignment:acknowledged',
      'progress_report:submitted',
      'progress_report:approved',
      'progress_report:submitted',
      'progress_report:approved',
      'plan_item:closed',
    ]);
    await t.app.get(PlanEvents).relay();
    const mine = events.filter((e) => 'itemId' in e && e.itemId === id).map((e) => e.type);
    expect(mine).toEqual([
      'item.created',
      'assignment.added',
      'assignment.added',
      'assignment.acknowledged',
      'assignment.acknowledged',
      'report.submitted',
      'report.reviewed',
      'report.submitted',
      'report.reviewed',
      'item.closed',
    ]);
  });

  it('round trip: submit → return → resubmit → approve → completed', async () => {
    t.clock.set('2026-03-02T02:00:00Z');
    const id = await createItem(t, w, {
      dueOn: '2026-06-30',
      assignments: [{ departmentId: w.lead, role: 'lead' }],
    });
    expectStatus(await ack(id, w.tokens.leadStaff), 201);
    const first = expectStatus(await report(id, w.tokens.leadStaff, 100), 201).json() as ReportView;
    // A return needs a comment.
    expect(expectStatus(await review(first.id, w.tokens.office, 'return'), 400).json().error).toBe(
      'VALIDATION.FAILED',
    );
    const returned = expectStatus(
      await review(first.id, w.tokens.office, 'return', '缺少佐证材料'),
      201,
    ).json() as ReviewOutcome;
    expect(returned.report).toMatchObject({ state: 'returned', reviewComment: '缺少佐证材料' });
    expect((await detail(id)).status).toBe('in_progress');
    expectStatus(await review(first.id, w.tokens.office, 'approve'), 409); // already reviewed

    t.clock.set('2026-03-03T02:00:00Z');
    const second = expectStatus(await report(id, w.tokens.leadStaff, 100), 201).json() as ReportView;
    expect(second.previousId).toBe(first.id);
    expect((await detail(id)).status).toBe('submitted');
    const done = expectStatus(
      await review(second.id, w.tokens.admin, 'approve'),
      201,
    ).json() as ReviewOutcome;
    expect(done.itemClosed).toBe(true);
    const item = await detail(id);
    expect(item.status).toBe('completed');
    expect(item.reports.map((r) => [r.state, r.previousId])).toEqual([
      ['approved', first.id],
      ['returned', null],
    ]);
    expect((await history(id)).map((e) => e.action)).toEqual(
      expect.arrayContaining(['submitted', 'returned', 'resubmitted', 'approved', 'closed']),
    );
  });

  it('extension requests: one approved, one rejected; the original due date is kept', async () => {
    t.clock.set('2026-03-02T02:00:00Z');
    const id = await createItem(t, w, {
      startOn: '2026-01-01',
      dueOn: '2026-03-31',
      assignments: [
        { departmentId: w.lead, role: 'lead' },
        { departmentId: w.coop, role: 'cooperate' },
      ],
    });
    await ack(id, w.tokens.leadHead);
    await ack(id, w.tokens.coopHead);
    const ask = (token: string, newDueOn: string) =>
      call('POST', `/api/items/${id}/extensions`, token, { reason: '资金未到位', newDueOn });
    expectStatus(await ask(w.tokens.leadHead, '2026-02-30'), 400); // not a real date
    expectStatus(await ask(w.tokens.leadHead, '2026-03-31'), 400); // not after the current due date
    // Each 承办单位 asks for its own 延期 (issue 13): the cooperating department's request is its own.
    const coopAsk = expectStatus(await ask(w.tokens.coopHead, '2026-05-31'), 201).json() as ExtensionView;
    expect(coopAsk).toMatchObject({ departmentName: '测试配合局', currentDueOn: '2026-03-31' });
    const first = expectStatus(await ask(w.tokens.leadHead, '2026-06-30'), 201).json() as ExtensionView;
    expect(first).toMatchObject({
      state: 'pending',
      currentDueOn: '2026-03-31',
      requestedDueOn: '2026-06-30',
    });
    expectStatus(await ask(w.tokens.leadHead, '2026-07-31'), 409); // one pending at a time
    const pending = expectStatus(
      await call('GET', '/api/extensions?status=pending', w.tokens.office),
      200,
    ).json() as ExtensionView[];
    expect(pending.map((e) => e.id)).toContain(first.id);
    expectStatus(
      await call('POST', `/api/extensions/${first.id}/decision`, w.tokens.leadHead, { decision: 'approve' }),
      403,
    );
    const approved = expectStatus(
      await call('POST', `/api/extensions/${first.id}/decision`, w.tokens.office, {
        decision: 'approve',
        comment: '同意',
      }),
      201,
    ).json() as ExtensionView;
    expect(approved).toMatchObject({ state: 'approved', decisionComment: '同意' });

    // Past the original date, within the extension: not overdue, but overdue against the original.
    t.clock.set('2026-04-15T02:00:00Z');
    let item = await detail(id);
    expect(item).toMatchObject({
      dueOn: '2026-03-31',
      originalDueOn: '2026-03-31',
      extendedDueOn: '2026-06-30',
      effectiveDueOn: '2026-06-30',
      overdueAgainstOriginal: true,
      status: 'in_progress',
    });
    const overdue = expectStatus(
      await call('GET', `/api/items/overdue?plan=${w.planId}`, w.tokens.admin),
      200,
    ).json() as ItemPage;
    expect(overdue.items.map((i) => i.id)).not.toContain(id);
    // Only the lead's date moved: the cooperating department keeps 03-31 and is late by it.
    expect(item.assignments.map((a) => [a.role, a.effectiveDueOn, a.overdue])).toEqual([
      ['lead', '2026-06-30', false],
      ['cooperate', '2026-03-31', true],
    ]);
    expect(item.overdue).toBe(false);

    const second = expectStatus(await ask(w.tokens.leadStaff, '2026-03-01'), 400); // before the extended date
    expect(second.json().message).toContain('2026-06-30');
    const again = expectStatus(await ask(w.tokens.leadStaff, '2026-09-30'), 201).json() as ExtensionView;
    expect(again.currentDueOn).toBe('2026-06-30');
    const rejected = expectStatus(
      await call('POST', `/api/extensions/${again.id}/decision`, w.tokens.leader, {
        decision: 'reject',
        comment: '不同意',
      }),
      201,
    ).json() as ExtensionView;
    expect(rejected.state).toBe('rejected');
    item = await detail(id);
    expect(item.effectiveDueOn).toBe('2026-06-30');
    expect(item.extensions.map((e) => e.state)).toEqual(['rejected', 'approved', 'pending']);

    const all = await history(id);
    const entries = all.filter((e) => e.entityType !== 'assignment');
    expect(entries.map((e) => `${e.entityType}:${e.action}`)).toEqual([
      'plan_item:created',
      'extension_request:requested',
      'extension_request:requested',
      'extension_request:approved',
      'extension_request:requested',
      'extension_request:rejected',
    ]);
    // The approval moved the lead's assignment, audited with before and after.
    const moved = all.filter((e) => e.entityType === 'assignment' && e.action === 'updated');
    expect(moved).toHaveLength(1);
    expect(moved[0].changes).toEqual([
      { field: 'department', before: '测试牵头局', after: '测试牵头局' },
      { field: 'extendedDueOn', before: null, after: '2026-06-30' },
      { field: 'effectiveDueOn', before: '2026-03-31', after: '2026-06-30' },
    ]);
    await t.app.get(PlanEvents).relay();
    expect(events).toContainEqual({
      type: 'item.deadline-changed',
      itemId: id,
      before: '2026-03-31',
      after: '2026-06-30',
    });

    // Past the extended date: overdue.
    t.clock.set('2026-07-01T02:00:00Z');
    await call(
      'PATCH',
      `/api/items/${id}`,
      w.tokens.office,
      { title: '触发重算' },
      { 'if-match': `W/"${item.version}"` },
    );
    expect((await detail(id)).status).toBe('overdue');
  });

  it('expected-progress light at its boundaries', async () => {
    // Ten days: every day is ten percentage points. 4 January: 30 % expected.
    t.clock.set('2026-01-04T02:00:00Z');
    const id = await createItem(t, w, {
      startOn: '2026-01-01',
      dueOn: '2026-01-11',
      assignments: [{ departmentId: w.lead, role: 'lead' }],
    });
    const light = async () => (await detail(id)).progress;
    expect(await light()).toMatchObject({
      expectedPercent: 30,
      reportedPercent: 0,
      lag: 30,
      light: 'yellow',
    });
    await ack(id, w.tokens.leadStaff);
    const r21 = expectStatus(await report(id, w.tokens.leadStaff, 21), 201).json() as ReportView;
    expect(await light()).toMatchObject({ lag: 9, light: 'green' });
    await review(r21.id, w.tokens.office, 'approve');
    t.clock.set('2026-01-04T03:00:00Z');
    const r20 = expectStatus(await report(id, w.tokens.leadStaff, 20), 201).json() as ReportView;
    expect(await light()).toMatchObject({ lag: 10, light: 'yellow' });
    // A returned report does not count: back to 21 %.
    await review(r20.id, w.tokens.office, 'return', '数据有误');
    expect(await light()).toMatchObject({ lag: 9, light: 'green' });
    t.clock.set('2026-01-05T02:00:00Z'); // 40 % expected
    expectStatus(await report(id, w.tokens.leadStaff, 10), 201);
    expect(await light()).toMatchObject({ expectedPercent: 40, lag: 30, light: 'yellow' });
    const page = expectStatus(
      await call('GET', `/api/items?plan=${w.planId}&limit=200`, w.tokens.admin),
      200,
    ).json() as ItemPage;
    expect(page.items.find((i) => i.id === id)?.progress).toMatchObject({ lag: 30, light: 'yellow' });
    t.clock.set('2026-01-06T02:00:00Z'); // 50 % expected, 10 reported
    expect(await light()).toMatchObject({ lag: 40, light: 'red' });
    t.clock.set('2026-01-12T02:00:00Z'); // the day after due
    expect(await light()).toMatchObject({ expectedPercent: 100, overdue: true, light: 'red' });
  });

  it('detects concurrent edits with ETag / If-Match', async () => {
    t.clock.set('2026-03-02T02:00:00Z');
    const id = await createItem(t, w, {
      dueOn: '2026-06-30',
      assignments: [{ departmentId: w.lead, role: 'lead' }],
    });
    const got = expectStatus(await call('GET', `/api/items/${id}`, w.tokens.office), 200);
    const etag = got.headers.etag as string;
    expect(etag).toMatch(/^W\/"\d+"$/);
    expect(
      expectStatus(await call('PATCH', `/api/items/${id}`, w.tokens.office, { title: '无版本' }), 428).json()
        .error,
    ).toBe('PRECONDITION_REQUIRED');
    expectStatus(
      await call('PATCH', `/api/items/${id}`, w.tokens.office, { title: '甲改' }, { 'if-match': etag }),
      204,
    );
    const conflict = expectStatus(
      await call('PATCH', `/api/items/${id}`, w.tokens.admin, { title: '乙改' }, { 'if-match': etag }),
      412,
    ).json();
    expect(conflict.error).toBe('VERSION_CONFLICT');
    const fresh = expectStatus(await call('GET', `/api/items/${id}`, w.tokens.office), 200);
    expect(fresh.headers.etag).not.toBe(etag);
    expect(fresh.json().title).toBe('甲改');
    expectStatus(
      await call(
        'PATCH',
        `/api/items/${id}`,
        w.tokens.admin,
        { dueOn: '2026-09-30' },
        { 'if-match': fresh.headers.etag as string },
      ),
      204,
    );
    await t.app.get(PlanEvents).relay();
    expect(events).toContainEqual({
      type: 'item.deadline-changed',
      itemId: id,
      before: '2026-06-30',
      after: '2026-09-30',
    });
    // Cancel takes If-Match too.
    expectStatus(
      await call(
        'POST',
        `/api/items/${id}/cancel`,
        w.tokens.office,
        { reason: '合并' },
        { 'if-match': etag },
      ),
      412,
    );
    const last = (await detail(id)).version;
    expectStatus(
      await call(
        'POST',
        `/api/items/${id}/cancel`,
        w.tokens.office,
        { reason: '合并' },
        { 'if-match': `W/"${last}"` },
      ),
      204,
    );
    expect((await detail(id)).status).toBe('cancelled');
    expect((await history(id)).map((e) => e.action)).toEqual([
      'created',
      'added',
      'updated',
      'updated',
      'cancelled',
    ]);
  });

  it('assignments are added and removed by the office', async () => {
    t.clock.set('2026-03-02T02:00:00Z');
    const id = await createItem(t, w, { dueOn: '2026-06-30' });
    expectStatus(
      await call('POST', `/api/items/${id}/assignments`, w.tokens.office, {
        departmentId: w.lead,
        role: 'lead',
      }),
      204,
    );
    expectStatus(
      await call('POST', `/api/items/${id}/assignments`, w.tokens.office, {
        departmentId: w.lead,
        role: 'lead',
      }),
      409,
    );
    expectStatus(
      await call('POST', `/api/items/${id}/assignments`, w.tokens.leadHead, {
        departmentId: w.coop,
        role: 'cooperate',
      }),
      403,
    );
    expectStatus(
      await call('DELETE', `/api/items/${id}/assignments?department=${w.lead}`, w.tokens.office),
      204,
    );
    expectStatus(
      await call('DELETE', `/api/items/${id}/assignments?department=${w.lead}`, w.tokens.office),
      404,
    );
    expect((await detail(id)).assignments).toEqual([]);
  });

  it('write scoping: other departments, inspectors and leaders', async () => {
    t.clock.set('2026-03-02T02:00:00Z');
    const id = await createItem(t, w, {
      dueOn: '2026-06-30',
      assignments: [
        { departmentId: w.lead, role: 'lead' },
        { departmentId: w.coop, role: 'cooperate' },
      ],
    });
    const etag = `W/"${(await detail(id)).version}"`;
    // dept_head of a department without the assignment
    for (const [method, url, body] of [
      ['POST', `/api/items/${id}/acknowledge`, undefined],
      ['POST', `/api/items/${id}/reports`, { period: 'once', text: 'x', percent: 1 }],
      ['POST', `/api/items/${id}/extensions`, { reason: 'x', newDueOn: '2026-12-31' }],
    ] as const) {
      expect([
        url,
        expectStatus(await call(method, url, w.tokens.otherHead, body), 403).json().error,
      ]).toEqual([url, 'AUTH.FORBIDDEN']);
    }
    // staff of the assigned department may acknowledge and report
    expectStatus(await ack(id, w.tokens.leadStaff), 201);
    const r = expectStatus(await report(id, w.tokens.leadStaff, 50), 201).json() as ReportView;
    // the inspector changes nothing
    const inspectorWrites: Array<[string, string, unknown, Record<string, string>?]> = [
      ['POST', `/api/plans/${w.planId}/items`, { ref: 'x', kind: 'task', title: 'x' }],
      ['PATCH', `/api/items/${id}`, { title: 'x' }, { 'if-match': etag }],
      ['POST', `/api/items/${id}/cancel`, {}, { 'if-match': etag }],
      ['POST', `/api/items/${id}/assignments`, { departmentId: w.other, role: 'cooperate' }],
      ['DELETE', `/api/items/${id}/assignments?department=${w.coop}`, undefined],
      ['POST', `/api/items/${id}/acknowledge`, undefined],
      ['POST', `/api/items/${id}/reports`, { period: 'once', text: 'x', percent: 1 }],
      ['POST', `/api/items/${id}/extensions`, { reason: 'x', newDueOn: '2026-12-31' }],
      ['POST', `/api/items/${id}/close`, undefined],
      ['POST', `/api/reports/${r.id}/review`, { decision: 'approve' }],
      ['POST', `/api/extensions/${r.id}/decision`, { decision: 'approve' }],
    ];
    for (const [method, url, body, headers] of inspectorWrites) {
      const res = await call(method as 'POST', url, w.tokens.inspector, body, headers);
      expect([method, url, res.statusCode]).toEqual([method, url, 403]);
    }
    // …but reads everything
    expectStatus(await call('GET', `/api/items/${id}/reports`, w.tokens.inspector), 200);
    // the leader reviews but does not edit items or act for departments
    expectStatus(
      await call('PATCH', `/api/items/${id}`, w.tokens.leader, { title: 'x' }, { 'if-match': etag }),
      403,
    );
    expectStatus(await ack(id, w.tokens.leader), 403);
    expectStatus(await review(r.id, w.tokens.leader, 'approve'), 201);
    // departments do not review
    const r2 = expectStatus(await report(id, w.tokens.leadStaff, 60), 201).json() as ReportView;
    expectStatus(await review(r2.id, w.tokens.leadHead, 'approve'), 403);
    expect((await detail(id)).title).toBe('测试任务');
  });

  it('an indicator-linked item is not closed by approval while its evidence is missing or failing', async () => {
    t.clock.set('2026-03-02T02:00:00Z');
    const id = await createItem(t, w, {
      dueOn: '2026-12-31',
      indicator: 'R1',
      assignments: [{ departmentId: w.lead, role: 'lead' }],
    });
    await ack(id, w.tokens.leadStaff);
    const r = expectStatus(await report(id, w.tokens.leadStaff, 100), 201).json() as ReportView;
    const outcome = expectStatus(await review(r.id, w.tokens.office, 'approve'), 201).json() as ReviewOutcome;
    expect(outcome.itemClosed).toBe(false);
    let item = await detail(id);
    expect(item.status).toBe('in_progress');
    expect(item.closure.blockers.map((b) => b.code)).toEqual(['INDICATOR_EVIDENCE_MISSING']);
    // named by the indicator's name, never by its code
    expect(item.closure.blockers[0].message).toBe(
      `指标“${CATALOGS['zh-CN']['label.indicator.R1']}”尚无达标佐证材料`,
    );

    const evidence = t.app.get(EvidenceService);
    const compliance = (passed: boolean | null): Map<string, ItemCompliance> =>
      new Map([[id, { itemId: id, indicator: 'R1', passed, counties: [] }]]);
    const spy = jest.spyOn(evidence, 'complianceFor').mockResolvedValue(compliance(false));
    const failing = expectStatus(await call('POST', `/api/items/${id}/close`, w.tokens.office), 409).json();
    expect(failing.details.blockers.map((b: { code: string }) => b.code)).toEqual([
      'INDICATOR_EVIDENCE_FAILING',
    ]);
    expect((await detail(id)).indicatorEvidence).toMatchObject({ passed: false });

    spy.mockResolvedValue(compliance(true));
    item = expectStatus(
      await call('POST', `/api/items/${id}/close`, w.tokens.leader),
      201,
    ).json() as ItemFlowDetail;
    expect(item).toMatchObject({ status: 'completed', indicatorEvidence: { passed: true } });
    spy.mockRestore();
  });
});
