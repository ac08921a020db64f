/**
 * The web workspace in a real browser (Debian's Chromium driven by playwright-core) against the real app on
 * a real port: sign-in, 我的任务, the item page, the office, the dashboard, a county evaluation, read-only
 * roles, expired sessions. Screenshots land in test-results/ (1366×768).
 */
import { latinWords } from '../../src/common/i18n/latin-words';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { addDays } from '../../src/common/calendar-date';
import { IndicatorImportService } from '../../src/indicators/indicator-import.service';
import { RecomputeService } from '../../src/indicators/recompute.service';
import { projectPath } from '../../src/config/paths';
import { Role } from '../../src/access/role.enum';
import { UsersService } from '../../src/users/users.service';
import { departmentId, itemIdByRef, sql } from '../plans/plan-test-support';
import { LONG_AGO, startTestApp, type TestApp } from '../support/test-app';
import {
  importYinchuanWithScriptTitle,
  launchBrowser,
  newPage,
  screenshot,
  SCRIPT_TITLE,
  signIn,
} from './browser-support';

jest.setTimeout(120_000);

describe('web workspace in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let lingwu: string;
  let milestone: string;
  const users: Partial<Record<'head' | 'office' | 'leader' | 'inspector', { email: string; id: string }>> =
    {};

  beforeAll(async () => {
    t = await startTestApp({ listen: true });
    base = t.baseUrl!;
    await importYinchuanWithScriptTitle(t);
    lingwu = await departmentId(t, '640181', '灵武市人民政府');
    milestone = await itemIdByRef(t, 'yinchuan-2021-quality-balance', '一.——2023年灵武市');
    const head = await t.createUser(Role.DeptHead, { departmentId: lingwu, name: '灵武负责人' });
    const office = await t.createUser(Role.Office, { name: '办公室', regionCode: '640100' });
    const leader = await t.createUser(Role.Leader, { name: '组长', regionCode: '640100' });
    const inspector = await t.createUser(Role.Inspector, { name: '督导', regionCode: '640100' });
    users.head = head;
    users.office = office;
    users.leader = leader;
    users.inspector = inspector;
    // 灵武市 2023 statistics (the example data set), imported through the service the import page uses.
    const dir = projectPath('config/indicators/example');
    const files = readdirSync(dir)
      .filter((f) => /\.(csv|xlsx)$/.test(f))
      .map((name) => ({ name, data: readFileSync(join(dir, name)) }));
    const imported = await t.app
      .get(IndicatorImportService)
      .import(files, { userId: null, label: 'test' }, { source: 'cli', enqueue: false });
    expect(imported.ok).toBe(true);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('an anonymous visitor is sent to sign-in with next=, and wrong credentials say so', async () => {
    const { context, page } = await newPage(browser, base);
    await page.goto(`/items/${milestone}`);
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(new URL(page.url()).searchParams.get('next')).toBe(`/items/${milestone}`);
    await page.fill('input[name=email]', users.head!.email);
    await page.fill('input[name=password]', 'wrong-password-1');
    await page.click('button[type=submit]');
    await expect(page.locator('.notice.error').textContent()).resolves.toContain('邮箱或密码错误');
    await screenshot(page, 'login-error');
    await context.close();
  });

  it('a department head sees 我的任务 and the item page, with the <script> title escaped', async () => {
    const { context, page } = await newPage(browser, base);
    await page.goto(`/items/${milestone}`);
    await page.fill('input[name=email]', users.head!.email);
    await page.fill('input[name=password]', 'correct-horse-42');
    await Promise.all([page.waitForURL(`**/items/${milestone}`), page.click('button[type=submit]')]);
    await expect(page.locator('h1').textContent()).resolves.toBe(SCRIPT_TITLE);
    expect(await page.evaluate(() => (globalThis as { __xss?: number }).__xss)).toBeUndefined();
    await expect(page.locator('blockquote.excerpt').textContent()).resolves.toContain('2023年靈武市');
    await screenshot(page, 'item');

    await page.goto('/');
    await expect(page.locator('h1').textContent()).resolves.toBe('我的任务');
    await expect(page.locator('#overdue').textContent()).resolves.toContain(SCRIPT_TITLE);
    expect(await page.evaluate(() => (globalThis as { __xss?: number }).__xss)).toBeUndefined();
    await screenshot(page, 'tasks-overdue');
    await context.close();
  });

  it('a leader opens the dashboard and a county evaluation (1366×768)', async () => {
    const { context, page } = await newPage(browser, base);
    await signIn(page, users.leader!.email);
    await page.goto('/dashboard');
    await page.waitForSelector('[data-chart="chart-plans"][data-rendered="true"]');
    await page.waitForSelector('[data-chart="chart-departments"][data-rendered="true"]');
    await expect(page.locator('.timeline').textContent()).resolves.toContain('贺兰县');
    await expect(page.locator('.timeline').textContent()).resolves.toContain('灵武市');
    expect(await page.evaluate(() => (globalThis as { __xss?: number }).__xss)).toBeUndefined();
    await screenshot(page, 'dashboard');
    // the red list drills down to the filtered item list
    const drill = page.locator('a[href^="/items?status=overdue"]').first();
    await Promise.all([page.waitForURL('**/items?status=overdue*'), drill.click()]);
    await expect(page.locator('table.grid tbody tr').count()).resolves.toBeGreaterThan(0);

    await page.goto('/counties/640181/evaluations/2023');
    await expect(page.locator('h1').textContent()).resolves.toContain('灵武市');
    await expect(page.locator('table.schools td.cell-fail').count()).resolves.toBeGreaterThan(0);
    await expect(page.locator('table.schools td.cell-fail .gap').first().textContent()).resolves.toMatch(
      /差/,
    );
    // the evaluation reads in Chinese: 说明, exclusions, warnings and levels labelled (no engine notes, no codes)
    const evaluation = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
    expect(evaluation).not.toMatch(/attested|statement|special_education|merged|primary|junior/);
    expect(latinWords(evaluation)).toEqual([]);
    await screenshot(page, 'county-evaluation');
    await page.goto('/dashboard/pack');
    // 逾期天数 and 责任领导 columns; in print nothing is cut off with "…".
    const red = page.locator('table.red-list');
    await expect(red.locator('thead').textContent()).resolves.toContain('逾期天数');
    await expect(red.locator('thead').textContent()).resolves.toContain('责任领导');
    const days = Number(await red.locator('[data-field=overdue-days]').first().textContent());
    expect(days).toBeGreaterThan(0);
    await expect(red.locator('[data-field=leaders]').first().textContent()).resolves.toMatch(/（.+）/);
    await page.emulateMedia({ media: 'print' });
    const clipped = await red
      .locator('td')
      .evaluateAll((cells) => cells.filter((c) => c.scrollWidth > c.clientWidth + 1).length);
    expect(clipped).toBe(0);
    await page.emulateMedia({ media: 'screen' });
    await screenshot(page, 'pack');
    const xlsx = await page.request.get('/dashboard/pack.xlsx');
    expect(xlsx.status()).toBe(200);
    expect(xlsx.headers()['content-type']).toContain('spreadsheetml');
    await context.close();
  });

  it('an inspector sees but cannot change: no forms, and a forged POST is refused', async () => {
    const { context, page } = await newPage(browser, base);
    await signIn(page, users.inspector!.email);
    await page.goto(`/items/${milestone}`);
    await expect(page.locator('main form').count()).resolves.toBe(0);
    await expect(page.locator('#departments').textContent()).resolves.toContain('灵武市人民政府');
    await page.goto('/');
    await expect(page.locator('main form').count()).resolves.toBe(0);
    await page.goto('/dashboard');
    await expect(page.locator('main form').count()).resolves.toBe(0);
    const csrf = await page.locator('meta[name="csrf-token"]').getAttribute('content');
    // with a valid CSRF token (what a page script could send), the role rule still refuses
    const forged = await page.request.post('/import', {
      headers: { 'x-csrf-token': csrf! },
      multipart: { year: '2023' },
    });
    expect(forged.status()).toBe(403);
    const office = await page.request.get('/office');
    expect(office.status()).toBe(403);
    // without the token, a cookie-authenticated write is refused too
    const noToken = await page.request.post('/password', {
      form: { currentPassword: 'x', newPassword: 'y' },
    });
    expect(noToken.status()).toBe(403);
    // the flow's forms refuse an inspector too, whatever the token, as a page (no stack trace)
    for (const url of [
      `/items/${milestone}/acknowledge`,
      `/items/${milestone}/close`,
      `/items/${milestone}/extensions`,
      `/items/${milestone}/assignments`,
    ]) {
      const res = await page.request.post(url, {
        form: { _csrf: csrf!, reason: 'x', newDueOn: '2031-01-01' },
      });
      expect([url, res.status()]).toEqual([url, 403]);
      const text = await res.text();
      expect(text).toContain('无权执行此操作');
      expect(text).not.toMatch(/at \w+ \(|node_modules/);
    }
    await context.close();
  });

  it('an office user opens the workbench and prints a notice', async () => {
    const { context, page } = await newPage(browser, base);
    await signIn(page, users.office!.email);
    await page.goto('/office');
    await expect(page.locator('#overdue').textContent()).resolves.toContain(SCRIPT_TITLE);
    await screenshot(page, 'office-overdue');
    await page.goto(`/office/notice/${milestone}`);
    // Issue a numbered notice: it opens for printing with its number and 反馈 deadline, the heading once.
    await Promise.all([
      page.waitForURL('**/office/notices/*'),
      page.click('#notice-form button[type=submit]'),
    ]);
    const doc = page.locator('.notice-doc');
    await expect(doc.locator('[data-field=number]').textContent()).resolves.toMatch(/^〔\d{4}〕第1号$/);
    await expect(doc.locator('[data-field=reply-due]').textContent()).resolves.toMatch(
      /^\d{4}年\d{1,2}月\d{1,2}日$/,
    );
    await page.emulateMedia({ media: 'print' });
    const headings = await page
      .locator('h1, h2')
      .evaluateAll(
        (els) =>
          els.filter(
            (e) =>
              e.ownerDocument.defaultView!.getComputedStyle(e).display !== 'none' &&
              /督办通知/.test(e.textContent ?? ''),
          ).length,
      );
    expect(headings).toBe(1);
    await page.emulateMedia({ media: 'screen' });
    await screenshot(page, 'numbered-notice');
    await context.close();
  });

  it('the 督办 flow on the pages: 签收, report with a file, return, resubmit, approve → 办结', async () => {
    // A fresh item led by 灵武市 (no indicator, so the approval at 100 % closes it).
    const [{ planId }] = await sql<{ planId: string }>(
      t,
      `SELECT id AS "planId" FROM plans WHERE key = 'yinchuan-2021-quality-balance'`,
    );
    const officeToken = await t.sessionFor(
      (await t.app.get(UsersService).findWithPassword(users.office!.email))!,
    );
    const created = await t.request({
      method: 'POST',
      url: `/api/plans/${planId}/items`,
      headers: { authorization: `Bearer ${officeToken}` },
      payload: {
        ref: '测试.浏览器督办',
        kind: 'task',
        title: '浏览器督办测试任务',
        // Due two days after the test's own today, so it stands under 本周到期 whatever the machine's date.
        startOn: addDays(t.clock.today(), -300),
        dueOn: addDays(t.clock.today(), 2),
        assignments: [{ departmentId: lingwu, role: 'lead' }],
      },
    });
    expect([created.statusCode, created.body]).toEqual([201, expect.any(String)]);
    const itemId = (created.json() as { id: string }).id;
    const pdf = (text: string) => ({
      name: '进展材料.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`),
    });

    // The department head: 签收 in one click from 我的任务, then a report with a file.
    const head = await newPage(browser, base);
    await signIn(head.page, users.head!.email);
    await head.page.goto('/');
    const ackRow = head.page.locator('#ack tr', { hasText: '浏览器督办测试任务' });
    await Promise.all([head.page.waitForURL('**/?done=acknowledged*'), ackRow.locator('button').click()]);
    await expect(head.page.locator('.notice.ok').textContent()).resolves.toContain('已签收');
    await expect(head.page.locator('#ack tr', { hasText: '浏览器督办测试任务' }).count()).resolves.toBe(0);
    await head.page.goto('/');
    await expect(head.page.locator('#week').textContent()).resolves.toContain('浏览器督办测试任务');
    await screenshot(head.page, 'tasks');

    await head.page.goto(`/items/${itemId}`);
    await expect(head.page.locator('#departments').textContent()).resolves.toContain('已签收');
    await head.page.fill('#report-form input[name=percent]', '100');
    await head.page.fill('#report-form textarea[name=text]', '已完成全部工作，见附件。');
    await head.page.setInputFiles('#report-form input[name=files]', pdf('first'));
    await Promise.all([
      head.page.waitForURL(`**/items/${itemId}?done=report*`),
      head.page.click('#report-form button[type=submit]'),
    ]);
    const submitted = head.page.locator('li.report[data-state=submitted]');
    await expect(submitted.count()).resolves.toBe(1);
    await expect(submitted.locator('a.file').textContent()).resolves.toBe('进展材料.pdf');
    const href = await submitted.locator('a.file').getAttribute('href');
    const download = await head.page.request.get(href!);
    expect(download.status()).toBe(200);
    expect((await download.body()).toString()).toContain('first');
    // one report awaits review at a time: no second form, and the department's review list shows it
    await expect(head.page.locator('#report-form').count()).resolves.toBe(0);
    await screenshot(head.page, 'item-report');

    // The office returns it (a return needs a comment: sent back to the item page with the error inline first).
    const office = await newPage(browser, base);
    await signIn(office.page, users.office!.email);
    await office.page.goto('/office');
    const reviewRow = () => office.page.locator('#review tr', { hasText: '浏览器督办测试任务' });
    await expect(reviewRow().count()).resolves.toBe(1);
    await screenshot(office.page, 'office');
    await Promise.all([
      office.page.waitForLoadState('load'),
      reviewRow().locator('button[value=return]').click(),
    ]);
    await expect(office.page.locator('h1').textContent()).resolves.toContain('浏览器督办测试任务');
    await expect(
      office.page.locator('li.report form.review-form [data-error=comment]').textContent(),
    ).resolves.toContain('退回须填写审核意见');
    await expect(office.page.locator('main').textContent()).resolves.not.toContain(
      'A return needs a comment',
    );
    await screenshot(office.page, 'refusal');
    await office.page.goto('/office');
    await reviewRow().locator('input[name=comment]').fill('请补充验收材料');
    await Promise.all([
      office.page.waitForURL('**/office?done=returned*'),
      reviewRow().locator('button[value=return]').click(),
    ]);
    await expect(reviewRow().count()).resolves.toBe(0);

    // The department head sees the comment and resubmits.
    await head.page.goto(`/items/${itemId}`);
    await expect(
      head.page.locator('li.report[data-state=returned] .review').textContent(),
    ).resolves.toContain('请补充验收材料');
    await expect(head.page.locator('#report-form h3').textContent()).resolves.toContain('重新报送');
    await head.page.fill('#report-form input[name=percent]', '100');
    await head.page.fill('#report-form textarea[name=text]', '已补充验收材料。');
    await head.page.setInputFiles('#report-form input[name=files]', pdf('second'));
    await Promise.all([
      head.page.waitForURL(`**/items/${itemId}?done=report*`),
      head.page.click('#report-form button[type=submit]'),
    ]);
    await head.page.goto('/');
    await expect(head.page.locator('#review').textContent()).resolves.toContain('浏览器督办测试任务');

    // The office approves: the item is ready and closes (办结).
    await office.page.goto('/office');
    await reviewRow().locator('input[name=comment]').fill('同意');
    await Promise.all([
      office.page.waitForURL('**/office?done=closed*'),
      reviewRow().locator('button[value=approve]').click(),
    ]);
    await office.page.goto(`/items/${itemId}`);
    await expect(office.page.locator('[data-badge=closed]').count()).resolves.toBe(1);
    await expect(office.page.locator('#closure [data-closed=true]').count()).resolves.toBe(1);
    await expect(office.page.locator('.sub .badge.s-completed').first().textContent()).resolves.toBe(
      '已完成',
    );
    await expect(office.page.locator('li.report[data-state=approved]').count()).resolves.toBe(1);
    await screenshot(office.page, 'item-closed');

    // the head's view agrees, and a report on a closed item is refused with a page
    await head.page.goto(`/items/${itemId}`);
    await expect(head.page.locator('#report-form').count()).resolves.toBe(0);
    const csrf = await head.page.locator('meta[name="csrf-token"]').getAttribute('content');
    const late = await head.page.request.post(`/items/${itemId}/reports`, {
      form: { _csrf: csrf!, period: 'once', percent: '100', text: 'x' },
    });
    expect(late.status()).toBe(409);
    expect(await late.text()).toContain('任务已撤销或办结');
    await head.context.close();
    await office.context.close();
  });

  it('the office decides an extension and re-assigns from the pages; blockers show on the item', async () => {
    const { context, page } = await newPage(browser, base);
    await signIn(page, users.head!.email);
    await page.goto(`/items/${milestone}`);
    await expect(page.locator('#closure .blockers').textContent()).resolves.toContain('未报送');
    // 签收 on the item page, then ask for an extension
    if (await page.locator('#departments form').count()) {
      await Promise.all([page.waitForURL(`**/items/${milestone}*`), page.click('#departments form button')]);
    }
    await page.fill('#extensions input[name=newDueOn]', '2030-06-30');
    await page.fill('#extensions input[name=reason]', '需要更多时间');
    await Promise.all([
      page.waitForURL(`**/items/${milestone}?done=extension*`),
      page.click('#extensions form.card button[type=submit]'),
    ]);
    await expect(page.locator('#extensions').textContent()).resolves.toContain('待审批');
    await context.close();

    const office = await newPage(browser, base);
    await signIn(office.page, users.office!.email);
    await office.page.goto('/office');
    const row = office.page.locator('#extensions tr', { hasText: '需要更多时间' });
    await Promise.all([
      office.page.waitForURL('**/office?done=extension-approve*'),
      row.locator('button[value=approve]').click(),
    ]);
    await office.page.goto(`/items/${milestone}`);
    await expect(office.page.locator('[data-field=extended-due]').textContent()).resolves.toBe(
      '2030年6月30日',
    );
    // the history reads as sentences: who, when (Asia/Shanghai), what, with dates and names labelled
    const history = (await office.page.locator('ol.history').textContent())!.replace(/\s+/g, ' ');
    expect(history).toMatch(
      /于 \d{1,2}月\d{1,2}日 \d{2}:\d{2} 申请将办理时限由 .+ 延至 2030年6月30日，理由：需要更多时间/,
    );
    expect(history).toContain('批准延期申请');
    expect(history).toContain('签收');
    expect(history).not.toMatch(/\d{4}-\d{2}-\d{2}|∅|acknowledged|extension_request/);
    expect(latinWords(history)).toEqual([]);
    await expect(office.page.locator('[data-badge=overdue-original]').count()).resolves.toBe(1);
    // 改派: add a cooperating department, then remove it
    const option = office.page.locator('#assign select[name=departmentId] option', {
      hasText: '贺兰县人民政府',
    });
    const value = await option.first().getAttribute('value');
    await office.page.selectOption('#assign select[name=departmentId]', value!);
    await Promise.all([
      office.page.waitForURL(`**/items/${milestone}?done=assigned*`),
      office.page.click('#assign form:first-of-type button[type=submit]'),
    ]);
    await expect(office.page.locator('#departments').textContent()).resolves.toContain('贺兰县人民政府');
    await office.page.selectOption('#assign select[name=department]', value!);
    office.page.once('dialog', (d) => void d.accept());
    await Promise.all([
      office.page.waitForURL(`**/items/${milestone}?done=unassigned*`),
      office.page.click('#assign form:nth-of-type(2) button[type=submit]'),
    ]);
    await expect(office.page.locator('#departments').textContent()).resolves.not.toContain('贺兰县人民政府');
    await office.context.close();
  });

  it('the 台账 page of 灵武市: entries with school, indicator and dates; 销号 after an import; the blocking report named', async () => {
    const { context, page } = await newPage(browser, base);
    await signIn(page, users.leader!.email);
    // The recompute (run by the worker after an import) evaluates 2023 and opens the ledger.
    await t.app.get(RecomputeService).run('640181', 2023);
    await page.goto('/counties/640181/ledger');
    const open = page.locator('#ledger tr[data-closed=false]');
    expect(await open.count()).toBe(97);
    await expect(page.locator('#ledger').textContent()).resolves.toContain('大班额（56人及以上）');
    await expect(page.locator('#ledger tr[data-closed=false] td').nth(3).textContent()).resolves.toMatch(
      /^\s*\d{4}年\d{1,2}月\d{1,2}日\s*$/,
    );
    await screenshot(page, 'ledger-open');
    // The 2024 statistics close the ledger (销号): each entry names the import that closed it.
    const dir = projectPath('config/indicators/example-2024');
    const files = readdirSync(dir)
      .filter((f) => /\.(csv|xlsx)$/.test(f))
      .map((name) => ({ name, data: readFileSync(join(dir, name)) }));
    const imported = await t.app
      .get(IndicatorImportService)
      .import(files, { userId: null, label: 'test' }, { source: 'cli', enqueue: false });
    expect(imported.ok).toBe(true);
    await t.app.get(RecomputeService).run('640181', 2024);
    await page.reload();
    const closed = page.locator('#ledger tr[data-closed=true]');
    expect(await closed.count()).toBeGreaterThan(0);
    await expect(closed.first().textContent()).resolves.toMatch(/2024 学年统计数据（第 \d+ 版）导入/);
    // The 灵武 milestone is blocked by 灵武市's own missing report: the page says so.
    const hint = page.locator(`[data-hint="${milestone}"]`);
    await expect(hint.textContent()).resolves.toContain('牵头单位灵武市人民政府尚未报送办理情况');
    await expect(hint.textContent()).resolves.toContain('本县自己的报告');
    await screenshot(page, 'ledger-closed');
    await context.close();
  });

  it('an expired session is sent to sign-in with the reason', async () => {
    const { context, page } = await newPage(browser, base);
    const head = await t.app.get(UsersService).findWithPassword(users.head!.email);
    const token = await t.sessionFor(head!, { expiresAt: LONG_AGO });
    await context.addCookies([{ name: 'duban_session', value: token, url: base }]);
    await page.goto('/');
    expect(new URL(page.url()).pathname).toBe('/login');
    await expect(page.locator('.notice.warn').textContent()).resolves.toContain('登录已过期，请重新登录');
    await screenshot(page, 'expired');
    await context.close();
  });
});
