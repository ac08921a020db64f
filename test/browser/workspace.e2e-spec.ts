/**
 * The web workspace in a real browser (Debian's Chromium driven by playwright-core) against the real app on
 * a real port: sign-in, 我的任务, the item page, the office, the dashboard, a county evaluation, read-only
 * roles, expired sessions. Screenshots land in test-results/ (1366×768).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { IndicatorImportService } from '../../src/indicators/indicator-import.service';
import { projectPath } from '../../src/config/paths';
import { Role } from '../../src/users/role.enum';
import { UsersService } from '../../src/users/users.service';
import { departmentId, itemIdByRef } from '../plans/plan-test-support';
import { startTestApp, type TestApp } from '../support/test-app';
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
    const office = await t.createUser(Role.Office, { name: '办公室' });
    const leader = await t.createUser(Role.Leader, { name: '组长' });
    const inspector = await t.createUser(Role.Inspector, { name: '督导' });
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
    await screenshot(page, 'tasks');
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
    await screenshot(page, 'county-evaluation');
    await page.goto('/dashboard/pack');
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
    await context.close();
  });

  it('an office user opens the workbench and prints a notice', async () => {
    const { context, page } = await newPage(browser, base);
    await signIn(page, users.office!.email);
    await page.goto('/office');
    await expect(page.locator('#overdue').textContent()).resolves.toContain(SCRIPT_TITLE);
    await screenshot(page, 'office');
    await page.goto(`/office/notice/${milestone}`);
    await expect(page.locator('.notice-doc').textContent()).resolves.toContain('督办通知');
    await context.close();
  });

  it('an expired session is sent to sign-in with the reason', async () => {
    const { context, page } = await newPage(browser, base);
    const head = await t.app.get(UsersService).findWithPassword(users.head!.email);
    const token = await t.sessionFor(head!, { expiresAt: new Date(Date.now() - 1000) });
    await context.addCookies([{ name: 'duban_session', value: token, url: base }]);
    await page.goto('/');
    expect(new URL(page.url()).pathname).toBe('/login');
    await expect(page.locator('.notice.warn').textContent()).resolves.toContain('登录已过期，请重新登录');
    await screenshot(page, 'expired');
    await context.close();
  });
});
