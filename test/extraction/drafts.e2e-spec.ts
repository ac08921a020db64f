/**
 * Plan drafts over the API: upload seed 003 → a stored draft and nothing in `plans`; edit it as YAML (valid
 * and invalid), publish it through PlanImportService (plan, items, assignments, `plan.imported`), refuse a
 * second publish, refuse garbage with the extractor's messages and store nothing, and keep inspectors out.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { type PlanEvent, PlanEvents } from '../../src/plans/plan-events';
import { Role } from '../../src/access/role.enum';
import { sql } from '../plans/plan-test-support';
import { startTestApp, type TestApp } from '../support/test-app';

jest.setTimeout(60_000);

const SEED_003 = path.resolve(__dirname, '../../config/plans/sources/jizhou-2018.txt');

/** A multipart body with one file part (and optional fields), as a browser or curl sends it. */
function multipart(
  file: { name: string; data: Buffer; type?: string } | null,
  fields: Record<string, string> = {},
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----duban${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  }
  if (file) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
      ),
      file.data,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(chunks),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

const count = async (t: TestApp, table: string) =>
  (await sql<{ n: number }>(t, `SELECT count(*)::int AS n FROM ${table}`))[0].n;

describe('plan drafts API', () => {
  let t: TestApp;
  let office: string;
  let inspector: string;
  const events: PlanEvent[] = [];
  let draftId: string;

  beforeAll(async () => {
    t = await startTestApp();
    // The office of 天津 (蓟州区's plan is in its area).
    office = await t.sessionFor(await t.createUser(Role.Office, { regionCode: '120000' }));
    inspector = await t.sessionFor(await t.createUser(Role.Inspector));
    t.app.get(PlanEvents).subscribe((e) => {
      events.push(e);
    });
  });
  afterAll(() => t?.close());

  const auth = (token: string) => ({ authorization: `Bearer ${token}` });

  it('an upload of seed 003 becomes a draft with items, provenance and source, and no plan rows', async () => {
    const form = multipart({ name: '003.txt', data: readFileSync(SEED_003), type: 'text/plain' });
    const res = await t.request({
      method: 'POST',
      url: '/api/plan-drafts',
      payload: form.payload,
      headers: { ...form.headers, ...auth(office) },
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    draftId = body.id;
    expect(body).toMatchObject({ status: 'draft', fileName: '003.txt', items: 23, version: 1 });
    expect(body.draft.title).toContain('蓟州区');
    expect(body.sourceText).toContain('蓟州区');
    expect(body.provenance.items.length).toBeGreaterThan(0);
    expect(body.provenance.items[0].fields.title.excerpt).toBeTruthy();
    expect(body.provenance.lowConfidence).toContain('doc_number');
    expect(body.yaml).toContain('请重点核对');
    expect(await count(t, 'plans')).toBe(0);
    expect(await count(t, 'plan_items')).toBe(0);
    expect(await count(t, 'plan_drafts')).toBe(1);

    const got = await t.request({ method: 'GET', url: `/api/plan-drafts/${draftId}`, headers: auth(office) });
    expect(got.statusCode).toBe(200);
    expect(got.headers.etag).toBe('W/"1"');
    const list = await t.request({ method: 'GET', url: '/api/plan-drafts', headers: auth(office) });
    expect(list.json().map((d: { id: string }) => d.id)).toEqual([draftId]);
  });

  it('the review page shows unread dates and unresolved departments before the other fields to check', async () => {
    const text = [
      '普洱市人民政府办公室关于印发普洱市义务教育优质均衡发展实施方案的通知',
      '为推进优质均衡，制定本方案。',
      '一、总体任务',
      '1.加强督导。力争于2019年第三个工作日前完成。（市督导评估中心负责）',
      '2.落实经费。2018年6月底前拨付到位。（市财政局负责）',
      '普洱市人民政府办公室',
      '2018年12月21日',
    ].join('\n');
    const res = await t.request({
      method: 'POST',
      url: '/api/plan-drafts',
      payload: { text, fileName: 'puer.txt' },
      headers: auth(office),
    });
    expect(res.statusCode).toBe(201);
    const id = res.json().id as string;
    const codes = (res.json().warnings as { code: string }[]).map((w) => w.code);
    expect(codes).toEqual(expect.arrayContaining(['DATE_UNREAD', 'DEADLINE_BEFORE_ISSUE']));
    const page = await t.request({
      method: 'GET',
      url: `/plans/drafts/${id}`,
      cookies: { duban_session: office },
    });
    expect(page.statusCode).toBe(200);
    const html = page.body;
    const panel = html.slice(html.indexOf('待重点核对'));
    const dates = panel.indexOf('未能识别的期限');
    const departments = panel.indexOf('未落实的责任单位');
    expect(dates).toBeGreaterThan(0);
    expect(departments).toBeGreaterThan(dates);
    expect(panel.slice(dates, departments)).toContain('2019年第三个工作日前');
    expect(panel.slice(departments)).toContain('普洱市督导评估中心');
    // first: nothing else of the panel comes before them
    expect(panel.indexOf('class="low-list"')).toBeGreaterThan(departments);
    // the review (all but the YAML editor) names fields and warnings in Chinese, confidences as percentages
    const review = panel.slice(0, panel.indexOf('id="editor"')).replace(/<[^>]*>/g, ' ');
    expect(review).not.toMatch(
      /DATE_UNREAD|DEADLINE_BEFORE_ISSUE|NO_DOC_NUMBER|items\[|\b0\.\d{2}\b|doc_number/,
    );
    await t.request({ method: 'POST', url: `/api/plan-drafts/${id}/discard`, headers: auth(office) });
  });

  it('a YAML edit (a department’s name) is validated and saved; a stale If-Match is refused', async () => {
    const yaml = (
      await t.request({ method: 'GET', url: `/api/plan-drafts/${draftId}`, headers: auth(office) })
    ).json().yaml as string;
    const edited = yaml.replace('name: 蓟州区教育部门', 'name: 蓟州区教育局');
    expect(edited).not.toBe(yaml);
    const res = await t.request({
      method: 'PUT',
      url: `/api/plan-drafts/${draftId}`,
      payload: edited,
      headers: { ...auth(office), 'content-type': 'text/plain; charset=utf-8', 'if-match': 'W/"1"' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toBe('W/"2"');
    expect(res.json().draft.departments[0].name).toBe('蓟州区教育局');

    const stale = await t.request({
      method: 'PUT',
      url: `/api/plan-drafts/${draftId}`,
      payload: { yaml: edited },
      headers: { ...auth(office), 'if-match': 'W/"1"' },
    });
    expect(stale.statusCode).toBe(412);
    const missing = await t.request({
      method: 'PUT',
      url: `/api/plan-drafts/${draftId}`,
      payload: { yaml: edited },
      headers: auth(office),
    });
    expect(missing.statusCode).toBe(428);
  });

  it('an invalid edit answers 400 listing every problem with its path, and the draft is unchanged', async () => {
    const before = (
      await t.request({ method: 'GET', url: `/api/plan-drafts/${draftId}`, headers: auth(office) })
    ).json();
    const broken = (before.yaml as string)
      .replace('issued_on: 2018-03-19', 'issued_on: 三月十九日')
      .replace(/^key: .*$/m, 'key: Not A Key!');
    const res = await t.request({
      method: 'PUT',
      url: `/api/plan-drafts/${draftId}`,
      payload: broken,
      headers: { ...auth(office), 'content-type': 'text/plain', 'if-match': 'W/"2"' },
    });
    expect(res.statusCode).toBe(400);
    const issues = res.json().details.issues as Array<{ path: string; message: string }>;
    expect(issues.map((i) => i.path)).toEqual(expect.arrayContaining(['issued_on', 'key']));
    const syntax = await t.request({
      method: 'PUT',
      url: `/api/plan-drafts/${draftId}`,
      payload: 'title: [unclosed',
      headers: { ...auth(office), 'content-type': 'text/plain', 'if-match': 'W/"2"' },
    });
    expect(syntax.statusCode).toBe(400);
    expect(syntax.json().details.issues[0].message).toMatch(/line 1/);
    const after = (
      await t.request({ method: 'GET', url: `/api/plan-drafts/${draftId}`, headers: auth(office) })
    ).json();
    expect(after.version).toBe(2);
    expect(after.draft).toEqual(before.draft);
  });

  it('publishing imports the plan (items, assignments, plan.imported); publishing again is a 409', async () => {
    const res = await t.request({
      method: 'POST',
      url: `/api/plan-drafts/${draftId}/publish`,
      headers: auth(office),
    });
    expect(res.statusCode).toBe(201);
    const { planId, draft } = res.json();
    expect(draft).toMatchObject({ status: 'published', publishedPlanId: planId });
    expect(await count(t, 'plans')).toBe(1);
    expect(await count(t, 'plan_items')).toBe(23);
    expect(await count(t, 'assignments')).toBeGreaterThan(0);
    const dept = await sql<{ n: number }>(
      t,
      `SELECT count(*)::int AS n FROM departments WHERE name = '蓟州区教育局'`,
    );
    expect(dept[0].n).toBe(1);
    const imported = events.find((e) => e.type === 'plan.imported');
    expect(imported).toMatchObject({ type: 'plan.imported', planId });
    expect((imported as { itemIds: string[] }).itemIds).toHaveLength(23);
    const plan = await sql<{ source_text: string }>(t, 'SELECT source_text FROM plans WHERE id = $1', [
      planId,
    ]);
    expect(plan[0].source_text).toContain('蓟州区');

    const again = await t.request({
      method: 'POST',
      url: `/api/plan-drafts/${draftId}/publish`,
      headers: auth(office),
    });
    expect(again.statusCode).toBe(409);
  });

  it('a new draft of a plan that exists is a 409 on publish, unless ?update=true', async () => {
    const created = await t.request({
      method: 'POST',
      url: '/api/plan-drafts',
      payload: { text: readFileSync(SEED_003, 'utf8'), fileName: '003-again.txt' },
      headers: auth(office),
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    const conflict = await t.request({
      method: 'POST',
      url: `/api/plan-drafts/${id}/publish`,
      headers: auth(office),
    });
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json().error).toBe('CONFLICT');
    const update = await t.request({
      method: 'POST',
      url: `/api/plan-drafts/${id}/publish?update=true`,
      headers: auth(office),
    });
    expect(update.statusCode).toBe(201);
    expect(await count(t, 'plans')).toBe(1);
  });

  it('garbage is refused with the extractor’s code and messages, and no draft row is written', async () => {
    const before = await count(t, 'plan_drafts');
    const empty = await t.request({
      method: 'POST',
      url: '/api/plan-drafts',
      payload: { text: '   \n ' },
      headers: auth(office),
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().details).toMatchObject({ code: 'EMPTY_DOCUMENT' });
    expect(empty.json()).toMatchObject({
      messageKey: 'extraction.error.empty',
      message: '文件是空的，没有可读取的文字。',
    });

    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.alloc(64, 1),
    ]);
    const image = multipart({ name: 'scan.png', data: png, type: 'image/png' });
    const pngRes = await t.request({
      method: 'POST',
      url: '/api/plan-drafts',
      payload: image.payload,
      headers: { ...image.headers, ...auth(office) },
    });
    expect(pngRes.statusCode).toBe(415);
    expect(pngRes.json().details).toMatchObject({ code: 'BINARY_FILE' });
    expect(pngRes.json()).toMatchObject({
      messageKey: 'extraction.error.binary_kind',
      params: { kind: { key: 'extraction.kind.png' } },
    });
    expect(pngRes.json().message).toMatch(/^这是图片文件，不是文本文档/);
    const pngEn = await t.request({
      method: 'POST',
      url: '/api/plan-drafts?lang=en',
      payload: image.payload,
      headers: { ...image.headers, ...auth(office) },
    });
    expect(pngEn.json().message).toMatch(/^This is a PNG image, not a text document/);

    const huge = multipart({ name: 'huge.txt', data: Buffer.alloc(20 * 1024 * 1024 + 10, 0x61) });
    const hugeRes = await t.request({
      method: 'POST',
      url: '/api/plan-drafts',
      payload: huge.payload,
      headers: { ...huge.headers, ...auth(office) },
    });
    expect(hugeRes.statusCode).toBe(413);
    expect(hugeRes.json().details).toMatchObject({ code: 'FILE_TOO_LARGE' });
    expect(hugeRes.json()).toMatchObject({ messageKey: 'extraction.error.too_large_upload' });
    expect(hugeRes.json().message).toContain('上限为 20 MB');

    const prose = await t.request({
      method: 'POST',
      url: '/api/plan-drafts',
      payload: { text: '这是一段没有任何编号标题的文字。' },
      headers: auth(office),
    });
    expect(prose.statusCode).toBe(400);
    expect(prose.json().details).toMatchObject({ code: 'NO_STRUCTURE' });
    expect(await count(t, 'plan_drafts')).toBe(before);
  });

  it('an inspector may not upload, read or publish drafts', async () => {
    for (const [method, url] of [
      ['POST', '/api/plan-drafts'],
      ['GET', '/api/plan-drafts'],
      ['GET', `/api/plan-drafts/${draftId}`],
      ['POST', `/api/plan-drafts/${draftId}/publish`],
    ] as const) {
      const res = await t.request({ method, url, payload: { text: 'x' }, headers: auth(inspector) });
      expect([url, res.statusCode]).toEqual([url, 403]);
    }
  });

  it('another office user does not see someone else’s draft; discarding closes a draft', async () => {
    const other = await t.sessionFor(await t.createUser(Role.Office, { regionCode: '120000' }));
    const res = await t.request({ method: 'GET', url: `/api/plan-drafts/${draftId}`, headers: auth(other) });
    expect(res.statusCode).toBe(404);
    const created = await t.request({
      method: 'POST',
      url: '/api/plan-drafts',
      payload: { text: readFileSync(SEED_003, 'utf8') },
      headers: auth(other),
    });
    const id = created.json().id;
    const discarded = await t.request({
      method: 'POST',
      url: `/api/plan-drafts/${id}/discard`,
      headers: auth(other),
    });
    expect(discarded.statusCode).toBe(201);
    expect(discarded.json().status).toBe('discarded');
    const publish = await t.request({
      method: 'POST',
      url: `/api/plan-drafts/${id}/publish`,
      headers: auth(other),
    });
    expect(publish.statusCode).toBe(409);
  });
});
