/**
 * Plan import from the document in Chromium: the office pastes a small plan, reviews the draft beside its
 * source (low-confidence marks, the selected item's excerpt highlighted), publishes it and lands on the
 * plan's items. Screenshot: test-results/draft-review.png (1366×768).
 */
import type { Browser } from 'playwright-core';
import { Role } from '../../src/access/role.enum';
import { sql } from '../plans/plan-test-support';
import { startTestApp, type TestApp } from '../support/test-app';
import { launchBrowser, newPage, screenshot, signIn } from './browser-support';

jest.setTimeout(120_000);

/** A synthetic county plan: no 文号 (a low-confidence field), 一、/（一）/1. headings, 责任单位/配合单位 lines. */
const PLAN = `安溪县推进城乡学校结对帮扶实施方案

安溪县人民政府办公室
2024年4月2日

为促进城乡义务教育均衡发展，结合我县实际，制定本方案。

一、工作目标
到2026年，全县城乡学校结对帮扶实现全覆盖，乡村学校办学水平明显提升。

二、主要任务
（一）建立结对关系
1.组织城区学校与乡村学校一对一结对，2024年9月底前完成结对。
责任单位：县教育局；配合单位：各乡镇人民政府
2.建立结对学校教师交流制度，每年交流教师不少于30人。
责任单位：县教育局；配合单位：县人社局、县财政局
（二）保障措施
1.将结对帮扶经费纳入年度预算，2025年底前建立长效保障机制。
责任单位：县财政局；配合单位：县教育局
`;

describe('plan drafts in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let office: { email: string };

  beforeAll(async () => {
    t = await startTestApp({ listen: true });
    office = await t.createUser(Role.Office, { name: '办公室', regionCode: '350524' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('the office pastes a plan, checks the marked fields, publishes and sees the new items', async () => {
    const { context, page } = await newPage(browser, t.baseUrl!);
    page.on('dialog', (dialog) => void dialog.accept());
    await signIn(page, office.email);
    await page.click('nav.side a[href="/plans/drafts"]');
    await page.fill('textarea[name=text]', PLAN);
    await page.fill('input[name=fileName]', '结对帮扶方案.txt');
    await Promise.all([
      page.waitForURL(/\/plans\/drafts\/[0-9a-f-]{36}$/),
      page.click('form.draft-upload button[type=submit]'),
    ]);
    expect(await sql(t, 'SELECT id FROM plans')).toEqual([]);

    // Low-confidence fields are listed at the top and marked beside the plan's 文号.
    await expect(page.locator('ul.low-list').textContent()).resolves.toContain('文号');
    expect(await page.locator('.conf.low').count()).toBeGreaterThan(0);
    await expect(page.locator('ol.draft-items').textContent()).resolves.toContain('建立结对关系');

    // Selecting an item highlights its excerpt in the source.
    await page.click('ol.draft-items a:has-text("组织城区学校")');
    await expect(page.locator('pre.source-text mark').textContent()).resolves.toContain('组织城区学校');
    await expect(page.locator('#item-card').textContent()).resolves.toContain('县教育局');
    await screenshot(page, 'draft-review');

    // An invalid edit is refused with its path, the text kept; a valid one is saved.
    const yaml = await page.inputValue('textarea[name=yaml]');
    await page.fill('textarea[name=yaml]', yaml.replace(/^issued_on: .*$/m, 'issued_on: 四月二日'));
    await page.click('form.draft-edit button[type=submit]');
    await expect(page.locator('.notice.error').textContent()).resolves.toContain('issued_on');
    await expect(page.inputValue('textarea[name=yaml]')).resolves.toContain('四月二日');
    await page.fill(
      'textarea[name=yaml]',
      yaml.replace(/^title: .*$/m, 'title: 安溪县推进城乡学校结对帮扶实施方案（修订）'),
    );
    await page.click('form.draft-edit button[type=submit]');
    await expect(page.locator('.notice.ok').textContent()).resolves.toContain('草稿已保存');

    // Publishing lands on the workbench, which warns about the plan's departments nobody can receive mail for
    // (the new 安溪县教育局 and the others have no 联络人 and no account yet).
    await Promise.all([
      page.waitForURL((url) => url.pathname === '/office' && url.searchParams.has('plan')),
      page.click('.draft-actions button.primary'),
    ]);
    const warning = page.locator('#published');
    await expect(warning.textContent()).resolves.toContain('收不到交办、催办和督办通知');
    await expect(warning.locator('[data-unreachable="安溪县教育局"]').count()).resolves.toBe(1);
    await screenshot(page, 'draft-published-warning');
    // A contact from the workbench makes the department reachable: the warning's list shrinks.
    const row = page.locator('#unreachable tr[data-unreachable="安溪县教育局"]');
    await row.locator('input[name=name]').fill('王联络');
    await row.locator('input[name=phone]').fill('0595-23201234');
    await row.locator('input[name=email]').fill('wang@anxi.example.gov.cn');
    await Promise.all([
      page.waitForURL('**/office?done=contact*'),
      row.locator('button[type=submit]').click(),
    ]);
    await expect(page.locator('#unreachable tr[data-unreachable="安溪县教育局"]').count()).resolves.toBe(0);
    const [contact] = await sql<{ contactEmail: string }>(
      t,
      `SELECT contact_email AS "contactEmail" FROM departments WHERE name = '安溪县教育局'`,
    );
    expect(contact.contactEmail).toBe('wang@anxi.example.gov.cn');
    const [{ id: planId }] = await sql<{ id: string }>(t, 'SELECT id FROM plans');
    await page.goto(`/items?plan=${planId}`);
    const body = await page.locator('main').textContent();
    expect(body).toContain('组织城区学校与乡村学校一对一结对');
    expect(body).toContain('将结对帮扶经费纳入年度预算');
    const plans = await sql<{ title: string }>(t, 'SELECT title FROM plans');
    expect(plans).toEqual([{ title: '安溪县推进城乡学校结对帮扶实施方案（修订）' }]);
    await screenshot(page, 'draft-published');
    await context.close();
  });
});
