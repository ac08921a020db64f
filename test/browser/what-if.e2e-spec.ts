/**
 * 达标测算推演 in Chromium at 390 px: the office opens 灵武市's what-if page, applies the plan in scenario B,
 * edits a school in scenario A and sees evaluation and costs change, exports the plan as XLSX and publishes it
 * into 银川's plan. Screenshot: test-results/what-if-390.png.
 */
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { Role } from '../../src/access/role.enum';
import { systemActor } from '../../src/audit/audit.service';
import { PlanImportService, PLANS_DIR } from '../../src/plans/plan-import.service';
import {
  COUNTY,
  EXAMPLE_DIR,
  folderFiles,
  multipart,
  openWorkbook,
  recomputed,
} from '../indicators/indicator-test-support';
import { startTestApp, type TestApp } from '../support/test-app';
import { launchBrowser, screenshot, signIn } from './browser-support';

jest.setTimeout(120_000);

describe('what-if page in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let office: { email: string };

  beforeAll(async () => {
    t = await startTestApp({ listen: true });
    await t.app
      .get(PlanImportService)
      .importFile(`${PLANS_DIR}/yinchuan-2021.yaml`, { actor: systemActor('test:browser') });
    // 银川市's office: 灵武市 lies in its area, and 银川's plan was issued there.
    const user = await t.createUser(Role.Office, { name: '办公室', regionCode: '640100' });
    office = user;
    const body = multipart(folderFiles(EXAMPLE_DIR), { year: '2023' });
    const res = await t.request({
      method: 'POST',
      url: '/api/indicators/imports',
      payload: body.payload,
      headers: { ...body.headers, authorization: `Bearer ${await t.sessionFor(user)}` },
    });
    expect(res.statusCode).toBe(201);
    await recomputed(t, COUNTY, 2023);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('edits, applies the plan, compares scenarios, exports and publishes at 390 px', async () => {
    const context = await browser.newContext({
      acceptDownloads: true,
      baseURL: t.baseUrl!,
      viewport: { width: 390, height: 844 },
      locale: 'zh-CN',
    });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await signIn(page, office.email);
    await page.goto(`/counties/${COUNTY}/evaluations/2023`);
    await page.click(`a[href="/counties/${COUNTY}/what-if/2023"]`);
    await page.waitForURL(`**/counties/${COUNTY}/what-if/2023`);
    await page.getByRole('heading', { name: '灵武市 2023 学年 · 达标测算推演' }).waitFor();

    const a = page.locator('[data-scenario="a"]');
    const b = page.locator('[data-scenario="b"]');
    // Today's data: resource allocation fails; certification costs 9,789,200 元 from here.
    await expectText(a.locator('[data-out="ra"]'), '未达标');
    await expectText(a.locator('[data-out="remaining"]'), '9,789,200 元');

    // Scenario B applies the plan: every school passes, the large classes are gone, the cost is the plan's.
    await b.locator('[data-apply-plan="b"]').check();
    await expectText(b.locator('[data-out="ra"]'), '达标');
    await expectText(b.locator('[data-out="classes"]'), '达标');
    await expectText(b.locator('[data-out="total"]'), '9,789,200 元');
    await expectText(b.locator('[data-out="remaining"]'), '0 元');

    // Scenario A: one more key teacher at 马家滩镇小学 costs 30,000 元 and saves as much of what is left.
    const keyTeachers = page.locator('tr[data-school="2164018008"] input[name="key_teachers"]');
    const before = Number(await keyTeachers.inputValue());
    await keyTeachers.fill(String(before + 1));
    await expectText(a.locator('[data-out="edits"]'), '30,000 元');
    await expectText(a.locator('[data-out="remaining"]'), '9,759,200 元');
    // B is untouched by A's edit.
    await expectText(b.locator('[data-out="total"]'), '9,789,200 元');
    await expectText(page.locator('tr[data-school="2164018008"] [data-out="verdict"]'), '达标');

    // Nothing wider than the phone: wide tables scroll inside their own box.
    const overflow = await page.evaluate('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'what-if-390');

    // The export is a workbook with a row per school and the total.
    const href = await page.locator('[data-export]').getAttribute('href');
    const download = await page.request.get(href!);
    expect(download.status()).toBe(200);
    expect(download.headers()['content-type']).toContain('spreadsheetml');
    const wb = await openWorkbook(await download.body());
    const sheet = wb.getWorksheet('达标测算')!;
    const last = sheet.getRow(sheet.rowCount);
    expect(last.getCell(1).value).toBe('合计');
    expect(last.getCell(last.cellCount).value).toBe(9_789_200);

    // With scenario A edited, the export is the plan of A's figures: one key teacher fewer to cultivate.
    const [scenarioDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-export]'),
    ]);
    const scenarioBook = await openWorkbook(readFileSync((await scenarioDownload.path())!));
    const scenarioSheet = scenarioBook.getWorksheet('达标测算')!;
    const scenarioTotal = scenarioSheet.getRow(scenarioSheet.rowCount);
    expect(scenarioTotal.getCell(scenarioTotal.cellCount).value).toBe(9_759_200);

    // Publishing into 银川's plan, with 2028 as the year (the test clock is in late 2026).
    await page.fill('input[name="milestoneYear"]', '2028');
    await page.click('form[data-publish] button[type="submit"]');
    await expectText(page.locator('[data-out="published"]'), '（创建年份 2028 年）');
    await context.close();
  });
});

/** Waits until the element's text contains `text` (results arrive from the server). */
async function expectText(locator: import('playwright-core').Locator, text: string): Promise<void> {
  await locator.filter({ hasText: text }).waitFor();
}
