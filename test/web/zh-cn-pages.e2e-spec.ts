/**
 * Every page as officials see it, in Simplified Chinese (issue 14): the demo's data (five seed plans, 灵武市's
 * statistics) plus a 督办 round (签收, a report returned and resubmitted, an extension, a numbered 督办件 with its
 * 反馈, a 催办, a plan draft), then each page route of Nest's router is opened by every role that may open it.
 * A page fails on any Latin word a reader would see (raw codes, English halves) outside the allow-list of
 * `latinWords`, and on more than 100 KB of HTML. A new page route must be added to `PAGE_URLS` or the test fails.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { latinWords } from '../../src/common/i18n/latin-words';
import { loadDemoData } from '../../src/demo/demo-data';
import { PlanEvents } from '../../src/plans/plan-events';
import { EscalationService } from '../../src/reminders/escalation.service';
import type { User } from '../../src/users/user.entity';
import { discoverRoutes } from '../support/routes';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app';

const PAGE_LIMIT = 100 * 1024;

/** The text a reader sees: text nodes, and the attributes a browser shows (tooltips, placeholders, buttons). */
export function visibleText(html: string): string {
  const attributes = [...html.matchAll(/\s(?:title|placeholder|alt|aria-label)="([^"]*)"/g)].map((m) => m[1]);
  const buttons = [...html.matchAll(/<input[^>]*type="(?:submit|button)"[^>]*value="([^"]*)"/g)].map(
    (m) => m[1],
  );
  const body = html
    // The plan draft's YAML editor shows the plan file itself, a technical format (README, "Plan extraction").
    .replace(/<textarea name="yaml"[\s\S]*?<\/textarea>/gi, ' ')
    // … and the plan's key in <code>, the identifier the office types in that file and on the command line.
    .replace(/<code>[^<]*<\/code>/gi, ' ')
    .replace(/<script[\s\S]*?<\/script>/gi, ' ')
    .replace(/<style[\s\S]*?<\/style>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<[^>]+>/g, ' ');
  return [body, ...attributes, ...buttons]
    .join(' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

describe('every page in Simplified Chinese, light enough for a phone', () => {
  let t: TestApp;
  const users = new Map<string, User>();
  const tokens = new Map<string, string>();
  const ids: Record<string, string> = {};

  const q = <T>(sql: string, params: unknown[] = []) => t.app.get(DataSource).query<T[]>(sql, params);
  const call = (method: 'GET' | 'POST' | 'PUT', url: string, who: string, payload?: unknown) =>
    t.request({
      method,
      url,
      headers: { authorization: `Bearer ${tokens.get(who)!}` },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const ok = async (res: Awaited<ReturnType<typeof call>>, status = 201) => {
    expect([res.statusCode, res.statusCode === status ? '' : res.body]).toEqual([status, '']);
    return res.json() as Record<string, unknown>;
  };

  beforeAll(async () => {
    t = await startTestApp();
    await loadDemoData(t.app, { password: TEST_PASSWORD });
    for (const u of await q<{ id: string; email: string }>('SELECT id, email FROM users')) {
      const user = (await t.app.get(DataSource).getRepository('User').findOneByOrFail({ id: u.id })) as User;
      users.set(u.email.split('@')[0], user);
      tokens.set(u.email.split('@')[0], await t.sessionFor(user));
    }
    // An item of 银川市教育局 in the Yinchuan plan, and the round of 督办 on it.
    const [item] = await q<{ id: string; planId: string }>(
      `SELECT i.id, i.plan_id AS "planId" FROM plan_items i
         JOIN assignments a ON a.item_id = i.id AND a.role = 'lead'
         JOIN departments d ON d.id = a.department_id
        WHERE d.name = '银川市教育局' AND i.due_on IS NOT NULL AND i.kind <> 'milestone'
        ORDER BY i.due_on DESC LIMIT 1`,
    );
    ids.item = item.id;
    ids.plan = item.planId;
    await ok(await call('POST', `/api/items/${item.id}/acknowledge`, 'jyj'));
    const report = await ok(
      await call('POST', `/api/items/${item.id}/reports`, 'jyj', {
        period: 'once',
        text: '已完成摸底',
        percent: 40,
      }),
    );
    await ok(
      await call('POST', `/api/reports/${String(report.id)}/review`, 'office', {
        decision: 'return',
        comment: '请补充佐证材料',
      }),
      201,
    );
    await ok(
      await call('POST', `/api/items/${item.id}/reports`, 'jyj', {
        period: 'once',
        text: '补充材料',
        percent: 60,
      }),
    );
    await ok(
      await call('POST', `/api/items/${item.id}/extensions`, 'jyj', {
        reason: '资金未到位',
        newDueOn: '2099-12-31',
      }),
    );
    const notice = await ok(await call('POST', `/api/items/${item.id}/notices`, 'office', {}));
    ids.notice = String(notice.id);
    await ok(
      await call('POST', `/api/notices/${ids.notice}/replies`, 'jyj', { text: '正在办理，月底前报送' }),
    );
    await ok(await call('POST', `/api/items/${item.id}/urge`, 'office', { text: '请于本周内报送办理情况' }));
    const draft = await ok(
      await call('POST', '/api/plan-drafts', 'office', {
        text: readFileSync(join(__dirname, '../../config/plans/sources/jizhou-2018.txt'), 'utf8'),
        fileName: '蓟州区实施方案.txt',
      }),
    );
    ids.draft = String(draft.id);
    // The escalation run of a later day: the overdue items get their 督办单.
    t.clock.set(new Date(Date.UTC(2027, 0, 6, 1)));
    await t.app.get(EscalationService).run();
    await t.app.get(PlanEvents).relay();
  }, 180_000);
  afterAll(() => t?.close());

  /** Each page route with the real records to open it with, and who may open it. */
  const PAGE_URLS: Record<string, () => { urls: string[]; who: string[] }> = {
    'GET /login': () => ({ urls: ['/login'], who: [''] }),
    'GET /password': () => ({ urls: ['/password'], who: ['jyj'] }),
    'GET /': () => ({
      urls: ['/'],
      who: ['jyj', 'staff', 'lingwu', 'office', 'leader', 'admin', 'inspector'],
    }),
    'GET /items': () => ({ urls: ['/items'], who: ['jyj', 'office', 'leader', 'inspector'] }),
    'GET /items/:id': () => ({ urls: [`/items/${ids.item}`], who: ['jyj', 'office', 'leader', 'inspector'] }),
    'GET /counties/:code/evaluations/:year': () => ({
      urls: ['/counties/640181/evaluations/2023'],
      who: ['office', 'leader', 'lingwu'],
    }),
    'GET /counties/:code/what-if/:year': () => ({ urls: ['/counties/640181/what-if/2023'], who: ['office'] }),
    'GET /counties/:code/ledger': () => ({ urls: ['/counties/640181/ledger'], who: ['office', 'lingwu'] }),
    'GET /contacts': () => ({ urls: ['/contacts'], who: ['office', 'admin'] }),
    'GET /office': () => ({ urls: ['/office'], who: ['office', 'admin'] }),
    'GET /office/notice/:id': () => ({
      urls: [`/office/notice/${ids.item}`],
      who: ['office'],
    }),
    'GET /office/notices/:id': () => ({ urls: [`/office/notices/${ids.notice}`], who: ['office'] }),
    'GET /import': () => ({ urls: ['/import'], who: ['office'] }),
    'GET /plans/drafts': () => ({ urls: ['/plans/drafts'], who: ['office'] }),
    'GET /plans/drafts/:id': () => ({ urls: [`/plans/drafts/${ids.draft}`], who: ['office'] }),
    'GET /dashboard': () => ({ urls: ['/dashboard'], who: ['leader', 'office', 'inspector', 'admin'] }),
    'GET /dashboard/pack': () => ({ urls: ['/dashboard/pack'], who: ['leader'] }),
    'GET /admin/mail': () => ({ urls: ['/admin/mail'], who: ['admin'] }),
  };
  /** Page routes that answer no page: a file, a redirect. */
  const NOT_PAGES = new Set(['GET /lang', 'GET /dashboard/pack.xlsx']);

  it('has a walk for every page route', () => {
    const pages = discoverRoutes(t)
      .filter((r) => r.page && r.method === 'GET')
      .map((r) => `${r.method} ${r.path}`)
      .filter((r) => !NOT_PAGES.has(r));
    expect(pages.sort()).toEqual(Object.keys(PAGE_URLS).sort());
  });

  it('shows no Latin word outside the allow-list and no page over 100 KB, for every role that opens it', async () => {
    const problems: string[] = [];
    const sizes: string[] = [];
    let opened = 0;
    for (const [route, of] of Object.entries(PAGE_URLS)) {
      const { urls, who } = of();
      expect([route, urls.length]).not.toEqual([route, 0]);
      for (const url of urls) {
        for (const w of who) {
          const res = await t.request({
            method: 'GET',
            url,
            headers: w ? { authorization: `Bearer ${tokens.get(w)!}` } : {},
          });
          opened++;
          if (res.statusCode !== 200) {
            problems.push(`${url} (${w || 'anonymous'}): HTTP ${res.statusCode}`);
            continue;
          }
          const text = visibleText(res.body);
          const words = latinWords(text);
          if (words.length) problems.push(`${url} (${w || 'anonymous'}): ${words.join(' ')}`);
          // dates as an office writes them (2026年12月5日), never the ISO form
          const iso = [...new Set(text.match(/\b\d{4}-\d{2}-\d{2}\b/g) ?? [])];
          const where = (d: string) => text.slice(Math.max(0, text.indexOf(d) - 30), text.indexOf(d) + 10);
          if (iso.length)
            problems.push(`${url} (${w || 'anonymous'}): ISO dates ${iso.map(where).join(' | ')}`);
          if (Buffer.byteLength(res.body) > PAGE_LIMIT) sizes.push(`${url} (${w}): ${res.body.length} bytes`);
        }
      }
    }
    expect(opened).toBeGreaterThan(25);
    expect(problems).toEqual([]);
    expect(sizes).toEqual([]);
  });

  it('sends mail in Simplified Chinese only', async () => {
    // The 催办 mails of the round, as the real SMTP server received them (every template in both languages is
    // rendered by src/notifications' template test).
    const mails = await t.mail.waitFor((m) => m.subject.includes('催办'), 1, 20_000);
    const problems = mails.flatMap((m) => {
      const words = latinWords(`${m.subject ?? ''} ${m.text ?? ''}`);
      return words.length ? [`${m.subject}: ${words.join(' ')}`] : [];
    });
    expect(problems).toEqual([]);
  });
});
