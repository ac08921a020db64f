import { Role } from '../../src/access/role.enum';
import { sql } from '../plans/plan-test-support';
import { startTestApp, type TestApp } from '../support/test-app';
import { api, createItem, type FlowWorld, flowWorld } from '../supervision/flow-support';

/** Input a careless user or an attacker sends: a clear 400 in the one error shape, and nothing changes. */
describe('bad input answers 400, never 500', () => {
  let t: TestApp;
  let w: FlowWorld;
  let call: ReturnType<typeof api>;
  let item: string;

  beforeAll(async () => {
    t = await startTestApp();
    w = await flowWorld(t);
    call = api(t);
    item = await createItem(t, w, {
      startOn: '2026-01-01',
      dueOn: '2026-12-31',
      assignments: [{ departmentId: w.lead, role: 'lead' }],
    });
    expect((await call('POST', `/api/items/${item}/acknowledge`, w.tokens.leadHead)).statusCode).toBe(201);
  });
  afterAll(() => t?.close());

  const counts = async () =>
    (
      await sql<{ reports: number; users: number }>(
        t,
        'SELECT (SELECT count(*)::int FROM progress_reports) AS reports, (SELECT count(*)::int FROM users) AS users',
      )
    )[0];

  it('NUL and lone surrogates in any text: report, review comment, user name, ?q=', async () => {
    const before = await counts();
    const report = (text: string) =>
      call('POST', `/api/items/${item}/reports`, w.tokens.leadHead, { period: 'once', text, percent: 10 });
    const cases = [
      await report('进展\u0000'),
      await report('进展\ud800'),
      await call('POST', '/api/users', w.tokens.admin, {
        email: 'nul@test.duban',
        name: '张\u0000三',
        role: Role.Staff,
        password: 'a-long-passw0rd',
      }),
      await call('GET', '/api/items?q=%00', w.tokens.office),
    ];
    expect(cases.map((r) => [r.statusCode, r.json().error])).toEqual(
      Array(4).fill([400, 'VALIDATION.FAILED']),
    );
    expect(cases.map((r) => r.json().details[0].field)).toEqual([
      'body.text',
      'body.text',
      'body.name',
      'query.q',
    ]);
    expect(cases.map((r) => r.json().messageKey)).toEqual(Array(4).fill('validation.bad_text'));
    expect(cases[0].json().message).toBe('内容含有无法保存的字符');
    expect(cases[1].json().details[0].problems).toEqual(['含有残缺的字符（孤立的代理项）']);
    // A submitted report, then a review comment with NUL: refused, the report still waits for review.
    const submitted = await report('真实进展');
    expect(submitted.statusCode).toBe(201);
    const review = await call('POST', `/api/reports/${submitted.json().id}/review`, w.tokens.office, {
      decision: 'return',
      comment: '请补充\u0000',
    });
    expect([review.statusCode, review.json().details[0].field]).toEqual([400, 'body.comment']);
    const [{ state }] = await sql<{ state: string }>(t, 'SELECT state FROM progress_reports WHERE id = $1', [
      submitted.json().id,
    ]);
    expect(state).toBe('submitted');
    expect(await counts()).toEqual({ ...before, reports: before.reports + 1 });
  });

  it('JSON nested 5,000 levels', async () => {
    const res = await t.request({
      method: 'POST',
      url: `/api/items/${item}/reports`,
      headers: { authorization: `Bearer ${w.tokens.leadHead}`, 'content-type': 'application/json' },
      payload: '{"text":' + '['.repeat(5000) + ']'.repeat(5000) + '}',
    });
    expect([res.statusCode, res.json().error]).toEqual([400, 'VALIDATION.FAILED']);
    expect(res.json()).toMatchObject({ messageKey: 'validation.body_too_deep', params: { levels: 64 } });
    expect(res.json().message).toBe('请求数据嵌套超过 64 层，无法处理');
  });

  it('PATCH /api/users/:id with an unknown department or region names the field', async () => {
    const user = await t.createUser(Role.Staff);
    const patch = (payload: Record<string, unknown>) =>
      call('PATCH', `/api/users/${user.id}`, w.tokens.admin, payload);
    const department = await patch({ departmentId: '00000000-0000-4000-8000-000000000000' });
    expect([department.statusCode, department.json().error]).toEqual([400, 'VALIDATION.FAILED']);
    expect(department.json()).toMatchObject({
      messageKey: 'users.department_not_found',
      params: { field: 'departmentId' },
      details: [{ field: 'departmentId', problems: ['单位：所选记录不存在'] }],
    });
    const region = await patch({ regionCode: '999999' });
    expect([region.statusCode, region.json().messageKey, region.json().params]).toEqual([
      400,
      'users.region_not_found',
      { field: 'regionCode' },
    ]);
    const [{ departmentId, regionCode }] = await sql<{
      departmentId: string | null;
      regionCode: string | null;
    }>(t, 'SELECT department_id AS "departmentId", region_code AS "regionCode" FROM users WHERE id = $1', [
      user.id,
    ]);
    expect([departmentId, regionCode]).toEqual([null, null]);
  });
});
