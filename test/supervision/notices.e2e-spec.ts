/**
 * Numbered 督办件 (〔year〕第N号, unique and gap-free under concurrent issue), 催办 (record + mail + timeline) and
 * 反馈 on a notice (text + files), issue 13.
 */
import { DataSource } from 'typeorm';
import { noticeNumberText } from '../../src/supervision/office-numbers';
import type { SupervisionTimeline } from '../../src/supervision/notices.service';
import type { AuditEntryView } from '../../src/audit/audit.service';
import { startTestApp, type TestApp } from '../support/test-app';
import { api, createItem, expectStatus, type FlowWorld, flowWorld, multipart } from './flow-support';
import { sql } from '../plans/plan-test-support';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

describe('督办件: numbering, 催办 and 反馈', () => {
  let t: TestApp;
  let w: FlowWorld;
  let call: ReturnType<typeof api>;

  beforeAll(async () => {
    t = await startTestApp();
    t.clock.set('2026-11-25T02:00:00Z');
    w = await flowWorld(t);
    call = api(t);
  });
  afterAll(() => t?.close());

  it('writes numbers as offices do', () => {
    expect(noticeNumberText(2026, 12)).toBe('〔2026〕第12号');
  });

  it('numbers concurrent issues per office and year: unique and gap-free, a failed issue gives its number back', async () => {
    const ids = await Promise.all(
      Array.from({ length: 4 }, () =>
        createItem(t, w, { dueOn: '2026-10-31', assignments: [{ departmentId: w.lead, role: 'lead' }] }),
      ),
    );
    // 20 issues at once over four items, plus requests refused (a cancelled item): none may leave a gap.
    const cancelled = await createItem(t, w, { dueOn: '2026-10-31' });
    await sql(t, `UPDATE plan_items SET cancelled_at = now() WHERE id = $1`, [cancelled]);
    const results = await Promise.all([
      ...Array.from({ length: 20 }, (_, n) =>
        call('POST', `/api/items/${ids[n % 4]}/notices`, w.tokens.office, {}),
      ),
      ...Array.from({ length: 3 }, () =>
        call('POST', `/api/items/${cancelled}/notices`, w.tokens.office, {}),
      ),
    ]);
    const ok = results
      .filter((r) => r.statusCode === 201)
      .map((r) => r.json() as { number: number; year: number });
    expect(ok).toHaveLength(20);
    expect(results.filter((r) => r.statusCode === 409)).toHaveLength(3);
    expect(ok.map((n) => n.number).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, n) => n + 1),
    );
    expect(new Set(ok.map((n) => n.year))).toEqual(new Set([2026]));
    // A new year starts again at 1.
    t.clock.set('2027-01-05T02:00:00Z');
    const next = expectStatus(
      await call('POST', `/api/items/${ids[0]}/notices`, w.tokens.office, {}),
      201,
    ).json();
    expect(next).toMatchObject({ year: 2027, number: 1, numberText: '〔2027〕第1号' });
    t.clock.set('2026-11-25T02:00:00Z');
    // A transaction that took a number and rolled back gives it back: the waiting issue gets that number.
    const runner = t.app.get(DataSource).createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    const [taken] = (await runner.query(
      `INSERT INTO supervision_counters (office_key, year, last_number) VALUES ($1, 2026, 1)
       ON CONFLICT (office_key, year) DO UPDATE SET last_number = supervision_counters.last_number + 1
       RETURNING last_number AS n`,
      [w.regionCode],
    )) as Array<{ n: number }>;
    expect(taken.n).toBe(21);
    const waiting = call('POST', `/api/items/${ids[1]}/notices`, w.tokens.office, {});
    await new Promise((r) => setTimeout(r, 200)); // the issue now waits on the locked counter row
    await runner.rollbackTransaction();
    await runner.release();
    expect(expectStatus(await waiting, 201).json()).toMatchObject({
      number: 21,
      numberText: '〔2026〕第21号',
    });
    // Departments and inspectors cannot issue; a bad reply date is refused with the field named.
    expectStatus(await call('POST', `/api/items/${ids[0]}/notices`, w.tokens.leadHead, {}), 403);
    const bad = expectStatus(
      await call('POST', `/api/items/${ids[0]}/notices`, w.tokens.office, { replyDueOn: '2026-11-01' }),
      400,
    );
    expect(bad.json().message).toContain('反馈期限');
  });

  it('a notice carries 办理时限 and a 反馈 deadline three working days out', async () => {
    const id = await createItem(t, w, {
      dueOn: '2026-11-20',
      assignments: [{ departmentId: w.lead, role: 'lead' }],
    });
    const notice = expectStatus(
      await call('POST', `/api/items/${id}/notices`, w.tokens.office, {}),
      201,
    ).json();
    // Wednesday 25 November + 3 working days = Monday 30 November.
    expect(notice).toMatchObject({ issuedOn: '2026-11-25', dueOn: '2026-11-20', replyDueOn: '2026-11-30' });
    expect(notice.departments).toEqual(['测试牵头局']);
  });

  it('催办 is recorded, mailed to the department and on the timeline; 反馈 with a file answers the notice', async () => {
    const id = await createItem(t, w, {
      dueOn: '2026-11-20',
      assignments: [
        { departmentId: w.lead, role: 'lead' },
        { departmentId: w.coop, role: 'cooperate' },
      ],
    });
    const urged = expectStatus(
      await call('POST', `/api/items/${id}/urge`, w.tokens.office, { text: '请于本周内报送办理情况' }),
      201,
    ).json() as Array<{ departmentName: string; mailed: number }>;
    // Without a department named, the late lead is urged (not the cooperating department).
    expect(urged.map((u) => [u.departmentName, u.mailed])).toEqual([['测试牵头局', 1]]);
    const [mail] = await t.mail.waitFor((m) => m.subject.startsWith('【催办】'));
    expect(mail.text).toContain('请于本周内报送办理情况');
    expect(mail.text).toContain('办理时限 2026年11月20日');
    expectStatus(await call('POST', `/api/items/${id}/urge`, w.tokens.leadHead, { text: 'x' }), 403);
    expectStatus(
      await call('POST', `/api/items/${id}/urge`, w.tokens.office, { departmentId: w.other, text: '催' }),
      400,
    );

    const notice = expectStatus(
      await call('POST', `/api/items/${id}/notices`, w.tokens.office, {}),
      201,
    ).json();
    const body = multipart({ text: '因资金未到位延误，已于11月申请追加' }, [
      { filename: '情况说明.pdf', data: PDF, type: 'application/pdf' },
    ]);
    const reply = expectStatus(
      await t.request({
        method: 'POST',
        url: `/api/notices/${notice.id}/replies`,
        headers: { authorization: `Bearer ${w.tokens.leadHead}`, ...body.headers },
        payload: body.payload,
      }),
      201,
    ).json() as { id: string; files: Array<{ id: string; fileName: string }> };
    expect(reply.files.map((f) => f.fileName)).toEqual(['情况说明.pdf']);
    const file = await call(
      'GET',
      `/api/notices/replies/${reply.id}/files/${reply.files[0].id}`,
      w.tokens.office,
    );
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(PDF)).toBe(true);
    // A department not on the item cannot answer.
    expectStatus(
      await call('POST', `/api/notices/${notice.id}/replies`, w.tokens.otherHead, { text: '无关' }),
      403,
    );
    expectStatus(await call('POST', `/api/notices/${notice.id}/replies`, w.tokens.leadHead, {}), 400);

    const timeline = expectStatus(
      await call('GET', `/api/items/${id}/notices`, w.tokens.inspector),
      200,
    ).json() as SupervisionTimeline;
    expect(timeline.urges.map((u) => u.text)).toEqual(['请于本周内报送办理情况']);
    expect(timeline.notices[0].replies.map((r) => [r.departmentName, r.text])).toEqual([
      ['测试牵头局', '因资金未到位延误，已于11月申请追加'],
    ]);
    const history = expectStatus(
      await call('GET', `/api/items/${id}/history`, w.tokens.admin),
      200,
    ).json() as AuditEntryView[];
    expect(history.map((e) => `${e.entityType}:${e.action}`)).toEqual(
      expect.arrayContaining([
        'supervision_action:urged',
        'supervision_notice:issued',
        'supervision_action:replied',
      ]),
    );
  });

  it('联络人: set by the office (audited, 4xx on bad input); 催办 goes to the contact, not to the accounts', async () => {
    const unreachable = async () =>
      (
        expectStatus(
          await call('GET', '/api/departments/unreachable', w.tokens.office),
          200,
        ).json() as Array<{
          name: string;
        }>
      ).map((d) => d.name);
    const id = await createItem(t, w, {
      dueOn: '2026-11-20',
      assignments: [
        { departmentId: w.lead, role: 'lead' },
        { departmentId: w.other, role: 'cooperate' },
      ],
    });
    // 测试无关局 has a dept_head account (otherHead), so it can receive mail; a department without one cannot.
    expect(await unreachable()).not.toContain('测试无关局');
    const bad = expectStatus(
      await call('PUT', `/api/departments/${w.coop}/contact`, w.tokens.office, { email: 'not-an-address' }),
      400,
    );
    expect(bad.json().message).toBeTruthy();
    expectStatus(
      await call('PUT', `/api/departments/${w.coop}/contact`, w.tokens.leadHead, { name: '李' }),
      403,
    );
    expectStatus(
      await call('PUT', `/api/departments/${w.lead}/contact`, w.tokens.office, {
        name: '张联络',
        phone: '022-29141234',
        email: 'zhang@jizhou.example.gov.cn',
      }),
      204,
    );
    const urged = expectStatus(
      await call('POST', `/api/items/${id}/urge`, w.tokens.office, {
        departmentId: w.lead,
        text: '请联络人转告',
      }),
      201,
    ).json() as Array<{ mailed: number }>;
    expect(urged[0].mailed).toBe(1);
    const [mail] = await t.mail.waitFor(
      (m) => m.subject.startsWith('【催办】') && m.text.includes('请联络人转告'),
    );
    expect(mail.to).toEqual(['zhang@jizhou.example.gov.cn']);
    const history = await sql<{ changes: unknown }>(
      t,
      `SELECT changes FROM audit_entries WHERE entity_type = 'department' AND entity_id = $1 AND action = 'updated'`,
      [w.lead],
    );
    expect(history[0].changes).toEqual(
      expect.arrayContaining([{ field: 'contactEmail', before: null, after: 'zhang@jizhou.example.gov.cn' }]),
    );
  });
});
