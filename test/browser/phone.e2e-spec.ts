/**
 * Issue 14 on a phone (390×844, Chromium): officials read and 签收 督办 on their phones. 我的任务 and the item
 * page fit the width (no sideways scrolling), the navigation folds behind 菜单, tables read as cards, and 签收 and
 * a progress report are done by tapping. Screenshots of the main pages at 1366×768 and 390×844 land in
 * test/browser/screenshots/ (gitignored) for a person to look at.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Role } from '../../src/access/role.enum';
import { addDays } from '../../src/common/calendar-date';
import { UsersService } from '../../src/users/users.service';
import { departmentId, itemIdByRef, sql } from '../plans/plan-test-support';
import { startTestApp, type TestApp } from '../support/test-app';
import { importYinchuanWithScriptTitle, launchBrowser, signIn, VIEWPORT } from './browser-support';

jest.setTimeout(180_000);

const PHONE = { width: 390, height: 844 };
const SHOTS = join(__dirname, 'screenshots');

async function open(
  browser: Browser,
  base: string,
  viewport: { width: number; height: number },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: base, viewport, locale: 'zh-CN', hasTouch: true });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return { context, page };
}

/** How wide the page scrolls: more than the viewport means the reader must pan sideways. */
const scrollWidth = (page: Page): Promise<number> =>
  page.evaluate<number>('document.scrollingElement.scrollWidth');

/** The window's getComputedStyle (the test's TypeScript has no DOM library). */
type Styles = { getComputedStyle(e: unknown, pseudo: string): { content: string } };

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  const width = page.viewportSize()!.width;
  await page.screenshot({ path: join(SHOTS, `${name}-${width}.png`), fullPage: true });
}

/** Whether the touch target is thumb-sized (44 px, Apple's and Android's guidance). */
const height = async (page: Page, selector: string): Promise<number> =>
  (await page.locator(selector).first().boundingBox())!.height;

describe('the workspace on a phone (390×844)', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let itemId: string;
  let milestone: string;
  const users: Partial<Record<'head' | 'office' | 'leader', { email: string; id: string }>> = {};

  beforeAll(async () => {
    t = await startTestApp({ listen: true });
    base = t.baseUrl!;
    await importYinchuanWithScriptTitle(t);
    const lingwu = await departmentId(t, '640181', '灵武市人民政府');
    milestone = await itemIdByRef(t, 'yinchuan-2021-quality-balance', '一.——2023年灵武市');
    users.head = await t.createUser(Role.DeptHead, { departmentId: lingwu, name: '灵武负责人' });
    users.office = await t.createUser(Role.Office, { name: '办公室', regionCode: '640100' });
    users.leader = await t.createUser(Role.Leader, { name: '组长', regionCode: '640100' });
    // A fresh item led by 灵武市, due two days after the test's today: waiting for 签收 on 我的任务.
    const [{ planId }] = await sql<{ planId: string }>(
      t,
      `SELECT id AS "planId" FROM plans WHERE key = 'yinchuan-2021-quality-balance'`,
    );
    const token = await t.sessionFor((await t.app.get(UsersService).findWithPassword(users.office.email))!);
    const created = await t.request({
      method: 'POST',
      url: `/api/plans/${planId}/items`,
      headers: { authorization: `Bearer ${token}` },
      payload: {
        ref: '测试.手机签收',
        kind: 'task',
        title: '手机签收测试任务',
        startOn: addDays(t.clock.today(), -300),
        dueOn: addDays(t.clock.today(), 2),
        assignments: [{ departmentId: lingwu, role: 'lead' }],
      },
    });
    expect(created.statusCode).toBe(201);
    itemId = (created.json() as { id: string }).id;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('我的任务: no sideways scrolling, the navigation folded behind 菜单, rows as cards', async () => {
    const { context, page } = await open(browser, base, PHONE);
    await signIn(page, users.head!.email);
    await page.goto('/');
    await expect(page.locator('h1').textContent()).resolves.toBe('我的任务');
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);

    // folded: the links are hidden until 菜单 is tapped; then they fit the width and lead somewhere
    const menu = page.locator('label.menu-btn');
    await expect(menu.isVisible()).resolves.toBe(true);
    await expect(menu.textContent()).resolves.toBe('菜单');
    expect(await height(page, 'label.menu-btn')).toBeGreaterThanOrEqual(44);
    const itemsLink = page.locator('nav.side a[href="/items"]');
    await expect(itemsLink.isVisible()).resolves.toBe(false);
    expect((await page.locator('nav.side').boundingBox())!.width).toBeLessThanOrEqual(PHONE.width);
    expect((await page.locator('main.content').boundingBox())!.x).toBe(0);
    await menu.tap();
    await expect(itemsLink.isVisible()).resolves.toBe(true);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await menu.tap();
    await expect(itemsLink.isVisible()).resolves.toBe(false);

    // cards: no header row; each cell names its column; a card is as wide as the screen allows
    const row = page.locator('#ack tr', { hasText: '手机签收测试任务' });
    await expect(page.locator('#ack thead').isVisible()).resolves.toBe(false);
    const labels = await row
      .locator('td')
      .evaluateAll((cells) =>
        cells.map((c) => [
          c.getAttribute('data-label'),
          (globalThis as unknown as Styles).getComputedStyle(c, '::before').content,
        ]),
      );
    expect(labels.map(([label]) => label)).toEqual([
      '进度',
      '任务',
      '方案',
      '职责',
      '期限',
      '状态',
      '本单位报告',
      '签收',
    ]);
    expect(labels[1][1]).toBe('"任务"');
    const card = (await row.boundingBox())!;
    expect(card.width).toBeGreaterThan(300);
    expect(card.x + card.width).toBeLessThanOrEqual(PHONE.width);
    // the title reads as a line, not one character a line
    const cell = (await row.locator('td[data-label="任务"]').boundingBox())!;
    expect(cell.width).toBeGreaterThan(300);
    const title = (await row.locator('td a[href^="/items/"]').boundingBox())!;
    expect(title.height).toBeLessThan(30);
    expect(await height(page, '#ack tr button[type=submit]')).toBeGreaterThanOrEqual(44);
    await shot(page, 'tasks');
    await context.close();
  });

  it('签收 and a progress report by tapping, on the item page at 390 px', async () => {
    const { context, page } = await open(browser, base, PHONE);
    await signIn(page, users.head!.email);
    await page.goto('/');
    const row = page.locator('#ack tr', { hasText: '手机签收测试任务' });
    await Promise.all([page.waitForURL('**/?done=acknowledged*'), row.locator('button').tap()]);
    await expect(page.locator('.notice.ok').textContent()).resolves.toContain('已签收');
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);

    await page.goto(`/items/${itemId}`);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await expect(page.locator('#departments').textContent()).resolves.toContain('已签收');
    // the form fits the width; its fields and button are thumb-sized
    const form = (await page.locator('#report-form').boundingBox())!;
    expect(form.x).toBeGreaterThanOrEqual(0);
    expect(form.x + form.width).toBeLessThanOrEqual(PHONE.width);
    expect(await height(page, '#report-form button[type=submit]')).toBeGreaterThanOrEqual(44);
    expect(await height(page, '#report-form input[name=percent]')).toBeGreaterThanOrEqual(40);
    await page.locator('#report-form input[name=percent]').tap();
    await page.keyboard.type('60');
    await page.locator('#report-form textarea[name=text]').tap();
    await page.keyboard.type('已完成校舍改造方案，正在招标。');
    await Promise.all([
      page.waitForURL(`**/items/${itemId}?done=report*`),
      page.locator('#report-form button[type=submit]').tap(),
    ]);
    const submitted = page.locator('li.report[data-state=submitted]');
    await expect(submitted.count()).resolves.toBe(1);
    await expect(submitted.textContent()).resolves.toContain('60%');
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await shot(page, 'item-reported');
    await context.close();
  });

  it('screenshots of 我的任务, an item, the office workbench and the dashboard at both sizes', async () => {
    for (const viewport of [VIEWPORT, PHONE]) {
      const head = await open(browser, base, viewport);
      await signIn(head.page, users.head!.email);
      await head.page.goto('/');
      await shot(head.page, 'tasks-head');
      await head.page.goto(`/items/${milestone}`);
      expect(await scrollWidth(head.page)).toBeLessThanOrEqual(viewport.width);
      await shot(head.page, 'item');
      await head.context.close();

      const office = await open(browser, base, viewport);
      await signIn(office.page, users.office!.email);
      await office.page.goto('/office');
      expect(await scrollWidth(office.page)).toBeLessThanOrEqual(viewport.width);
      await shot(office.page, 'office');
      await office.context.close();

      const leader = await open(browser, base, viewport);
      await signIn(leader.page, users.leader!.email);
      await leader.page.goto('/dashboard');
      await leader.page.waitForSelector('[data-chart="chart-departments"][data-rendered="true"]');
      expect(await scrollWidth(leader.page)).toBeLessThanOrEqual(viewport.width);
      // every lead department's bar is named (ECharts skips crowded labels unless told not to)
      const names = await leader.page.locator('[data-chart="chart-departments"] svg text').allTextContents();
      const departments = (
        await sql<{ name: string }>(
          t,
          `SELECT DISTINCT d.name FROM assignments a JOIN departments d ON d.id = a.department_id
            JOIN plan_items i ON i.id = a.item_id JOIN plans p ON p.id = i.plan_id
           WHERE a.role = 'lead' AND p.key = 'yinchuan-2021-quality-balance'`,
        )
      ).map((d) => d.name);
      const shown = names.join('');
      const labelled = departments.filter((d) => shown.includes(d.slice(0, 6)));
      expect(labelled.length).toBeGreaterThanOrEqual(Math.min(departments.length, 15));
      await shot(leader.page, 'dashboard');
      await leader.context.close();
    }
  });

  it('/favicon.ico is served, and every page links the icon', async () => {
    const icon = await t.request({ method: 'GET', url: '/favicon.ico' });
    expect(icon.statusCode).toBe(200);
    expect(icon.headers['content-type']).toContain('image/svg+xml');
    const login = await t.request({ method: 'GET', url: '/login' });
    expect(login.body).toContain('<link rel="icon" href="/assets/favicon.svg"');
  });
});
