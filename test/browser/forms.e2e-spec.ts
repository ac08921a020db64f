/**
 * The 督办 flow's forms in Chromium (issue 14): 期次 is picked, never typed as a code, and shown in words; a
 * form with a problem comes back on the item page with the problem next to the field and everything typed kept.
 */
import type { Browser } from 'playwright-core';
import { Role } from '../../src/access/role.enum';
import { startTestApp, type TestApp } from '../support/test-app';
import { api, createItem, expectStatus, type FlowWorld, flowWorld } from '../supervision/flow-support';
import { launchBrowser, newPage, screenshot, signIn } from './browser-support';

jest.setTimeout(120_000);

describe('flow forms in Chromium', () => {
  let t: TestApp;
  let w: FlowWorld;
  let browser: Browser;
  let base: string;
  const emails = { office: '', lead: '' };

  beforeAll(async () => {
    t = await startTestApp({ listen: true });
    base = t.baseUrl!;
    t.clock.set('2026-11-25T02:00:00Z');
    w = await flowWorld(t);
    emails.office = (await t.createUser(Role.Office, { name: '督查室', regionCode: w.regionCode })).email;
    emails.lead = (await t.createUser(Role.DeptHead, { departmentId: w.lead, name: '牵头局负责人' })).email;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** An item of the lead department, already 签收. */
  async function acknowledgedItem(): Promise<string> {
    const id = await createItem(t, w, {
      dueOn: '2026-12-31',
      assignments: [{ departmentId: w.lead, role: 'lead' }],
    });
    expectStatus(await api(t)('POST', `/api/items/${id}/acknowledge`, w.tokens.leadHead), 201);
    return id;
  }

  it('2026年第四季度 is picked from selects, stored as a quarter and shown in words', async () => {
    const id = await acknowledgedItem();
    const { context, page } = await newPage(browser, base);
    await signIn(page, emails.lead);
    await page.goto(`/items/${id}`);
    const form = page.locator('#report-form');
    // No free-text code: 期次 is selects only, the unused ones hidden.
    await expect(form.locator('input[name=period]').count()).resolves.toBe(0);
    await form.locator('select[name=periodKind]').selectOption('quarter');
    await expect(form.locator('select[name=periodMonth]').isVisible()).resolves.toBe(false);
    await form.locator('select[name=periodYear]').selectOption('2026');
    await form.locator('select[name=periodQuarter]').selectOption({ label: '第四季度' });
    await form.locator('input[name=percent]').fill('60');
    await form.locator('textarea[name=text]').fill('第四季度完成场地改造');
    await Promise.all([
      page.waitForURL(`**/items/${id}?done=report*`),
      form.locator('button[type=submit]').click(),
    ]);

    const entry = page.locator('li.report', { hasText: '第四季度完成场地改造' });
    await expect(entry.locator('.report-head').textContent()).resolves.toContain('2026年第四季度');
    await expect(page.locator('#departments').textContent()).resolves.toContain('2026年第四季度');
    for (const panel of ['#reports', '#departments']) {
      await expect(page.locator(panel).textContent()).resolves.not.toContain('2026-Q4');
    }
    const reports = await api(t)('GET', `/api/items/${id}/reports`, w.tokens.office);
    expect(reports.json()).toEqual(expect.arrayContaining([expect.objectContaining({ period: '2026-Q4' })]));
    await screenshot(page, 'forms-period-quarter');
    await context.close();
  });

  it('a report with an invalid percent comes back with the errors inline and the comment kept', async () => {
    const id = await acknowledgedItem();
    const { context, page } = await newPage(browser, base);
    await signIn(page, emails.lead);
    await page.goto(`/items/${id}`);
    const form = page.locator('#report-form');
    await form.locator('select[name=periodKind]').selectOption('month');
    await form.locator('select[name=periodMonth]').selectOption('11');
    await form.locator('input[name=percent]').fill('150');
    await form.locator('textarea[name=text]').fill('已完成大部分工作，进度填写有误');
    await form.locator('input[name=files]').setInputFiles({
      name: '进展.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n% form\n%%EOF\n'),
    });
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/items/${id}/reports`)),
      form.locator('button[type=submit]').click(),
    ]);
    expect(response.status()).toBe(400);
    await page.waitForSelector('#report-form [data-error=percent]');

    const back = page.locator('#report-form');
    await expect(back.locator('[data-error=percent]').textContent()).resolves.toContain(
      '完成进度须为0至100之间的整数',
    );
    await expect(back.locator('input[name=percent]').getAttribute('aria-invalid')).resolves.toBe('true');
    // everything typed is kept: the comment, the percent, the picked period; the files must be chosen again
    await expect(back.locator('textarea[name=text]').inputValue()).resolves.toBe(
      '已完成大部分工作，进度填写有误',
    );
    await expect(back.locator('input[name=percent]').inputValue()).resolves.toBe('150');
    await expect(back.locator('select[name=periodKind]').inputValue()).resolves.toBe('month');
    await expect(back.locator('select[name=periodMonth]').inputValue()).resolves.toBe('11');
    await expect(back.locator('[data-files-dropped]').textContent()).resolves.toContain('请重新选择文件');
    await expect(page.locator('li.report').count()).resolves.toBe(0);
    await screenshot(page, 'forms-report-invalid-percent');

    // corrected, it goes through (the kept values are sent again) and shows 2026年11月
    await back.locator('input[name=percent]').fill('80');
    await Promise.all([
      page.waitForURL(`**/items/${id}?done=report*`),
      back.locator('button[type=submit]').click(),
    ]);
    await expect(page.locator('li.report .report-head').textContent()).resolves.toContain('2026年11月');
    await context.close();
  });

  it('returning a report without a comment stays on the item page with the error and the typed text', async () => {
    const id = await acknowledgedItem();
    expectStatus(
      await api(t)('POST', `/api/items/${id}/reports`, w.tokens.leadHead, {
        period: '2026',
        text: '年度任务已完成',
        percent: 100,
      }),
      201,
    );
    const { context, page } = await newPage(browser, base);
    await signIn(page, emails.office);
    await page.goto(`/items/${id}`);
    const review = () => page.locator('li.report[data-state=submitted] form.review-form');
    const sendReturn = async () => {
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.url().includes('/review') && r.request().method() === 'POST'),
        review().locator('button[value=return]').click(),
      ]);
      await page.waitForLoadState('load');
      return response.status();
    };
    await expect(page.locator('li.report .report-head').textContent()).resolves.toContain('2026年度');

    // What was typed is kept when the return is refused (here: a comment longer than 5000 characters).
    await review()
      .locator('input[name=comment]')
      .evaluate((el: { removeAttribute(name: string): void; value: string }) => {
        // as a client without the maxlength would send it
        el.removeAttribute('maxlength');
        el.value = `请补充验收材料${'。'.repeat(5000)}`;
      });
    await expect(sendReturn()).resolves.toBe(400);
    await expect(review().locator('[data-error=comment]').textContent()).resolves.toContain('不能超过5000字');
    await expect(review().locator('input[name=comment]').inputValue()).resolves.toMatch(
      /^请补充验收材料。+$/,
    );

    // A blank (spaces) comment is no comment: the return comes back to the item page with the error inline.
    await page.goto(`/items/${id}`);
    await review().locator('input[name=comment]').fill('   ');
    await expect(sendReturn()).resolves.toBe(400);
    await expect(review().locator('[data-error=comment]').textContent()).resolves.toContain(
      '退回须填写审核意见',
    );
    await expect(review().locator('input[name=comment]').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.locator('h1').textContent()).resolves.toContain('测试任务');
    await expect(page.locator('li.report[data-state=submitted] .report-text').textContent()).resolves.toBe(
      '年度任务已完成',
    );
    await expect(page.locator('.notice.error').first().textContent()).resolves.not.toMatch(/[A-Za-z]{3,}/);
    await screenshot(page, 'forms-return-needs-comment');

    // Corrected on the same page, the return goes through.
    await review().locator('input[name=comment]').fill('请补充验收材料');
    await Promise.all([
      page.waitForURL(`**/items/${id}?done=returned*`),
      review().locator('button[value=return]').click(),
    ]);
    await expect(page.locator('li.report[data-state=returned] .review').textContent()).resolves.toContain(
      '请补充验收材料',
    );
    await context.close();
  });

  it('the office’s other forms come back inline too: 催办, 延期 date, 办理时限, 改派', async () => {
    const id = await acknowledgedItem();
    const { context, page } = await newPage(browser, base);
    await signIn(page, emails.office);
    await page.goto(`/items/${id}`);
    // 催办 without a text: the chosen department stays chosen
    await page.locator('#urge-form select[name=departmentId]').selectOption(w.lead);
    await Promise.all([page.waitForLoadState('load'), page.click('#urge-form button[type=submit]')]);
    await expect(page.locator('#urge-form [data-error=text]').textContent()).resolves.toContain(
      '请填写催办意见',
    );
    await expect(page.locator('#urge-form select[name=departmentId]').inputValue()).resolves.toBe(w.lead);
    // 改派 without a department
    await Promise.all([
      page.waitForLoadState('load'),
      page.click('#assign form.row-form >> nth=0 >> button'),
    ]);
    await expect(page.locator('#assign [data-error=departmentId]').textContent()).resolves.toContain(
      '请选择单位',
    );
    await context.close();

    // 延期申请: a date before the department's own 办理时限 is refused by the service, shown at the date
    const lead = await newPage(browser, base);
    await signIn(lead.page, emails.lead);
    await lead.page.goto(`/items/${id}`);
    await lead.page.fill('#extensions input[name=newDueOn]', '2026-12-01');
    await lead.page.fill('#extensions input[name=reason]', '资金尚未到位');
    await Promise.all([lead.page.waitForLoadState('load'), lead.page.click('#extensions form.card button')]);
    await expect(lead.page.locator('#extensions [data-error=newDueOn]').textContent()).resolves.toContain(
      '2026-12-31',
    );
    await expect(lead.page.locator('#extensions input[name=reason]').inputValue()).resolves.toBe(
      '资金尚未到位',
    );
    await lead.context.close();
  });
});
