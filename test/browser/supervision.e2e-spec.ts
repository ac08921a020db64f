/**
 * The office's 督办 loop in Chromium (issue 13): a per-department extension that leaves the other department's
 * 办理时限 alone, a numbered 督办通知 printed with its number and 反馈 deadline, 催办 → mail + timeline, and
 * 反馈 on a notice with a file.
 */
import type { Browser } from 'playwright-core';
import { Role } from '../../src/access/role.enum';
import { startTestApp, type TestApp } from '../support/test-app';
import { createItem, type FlowWorld, flowWorld } from '../supervision/flow-support';
import { launchBrowser, newPage, screenshot, signIn } from './browser-support';

jest.setTimeout(120_000);

describe('督办 loop in Chromium', () => {
  let t: TestApp;
  let w: FlowWorld;
  let browser: Browser;
  let base: string;
  const emails: Record<'office' | 'lead' | 'coop', string> = { office: '', lead: '', coop: '' };

  beforeAll(async () => {
    t = await startTestApp({ listen: true });
    base = t.baseUrl!;
    t.clock.set('2026-11-25T02:00:00Z');
    w = await flowWorld(t);
    emails.office = (await t.createUser(Role.Office, { name: '督查室', regionCode: w.regionCode })).email;
    emails.lead = (await t.createUser(Role.DeptHead, { departmentId: w.lead, name: '牵头局负责人' })).email;
    emails.coop = (await t.createUser(Role.DeptHead, { departmentId: w.coop, name: '配合局负责人' })).email;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('one department asks for 延期; approving it moves only that department', async () => {
    const id = await createItem(t, w, {
      dueOn: '2026-12-31',
      assignments: [
        { departmentId: w.lead, role: 'lead' },
        { departmentId: w.coop, role: 'lead' },
      ],
    });
    const coop = await newPage(browser, base);
    await signIn(coop.page, emails.coop);
    await coop.page.goto(`/items/${id}`);
    await coop.page.fill('#extensions input[name=newDueOn]', '2027-03-31');
    await coop.page.fill('#extensions input[name=reason]', '配套资金明年到位');
    await Promise.all([
      coop.page.waitForURL(`**/items/${id}?done=extension*`),
      coop.page.click('#extensions form.card button[type=submit]'),
    ]);
    await coop.context.close();

    const office = await newPage(browser, base);
    await signIn(office.page, emails.office);
    await office.page.goto('/office');
    const row = office.page.locator('#extensions tr', { hasText: '配套资金明年到位' });
    await Promise.all([
      office.page.waitForURL('**/office?done=extension-approve*'),
      row.locator('button[value=approve]').click(),
    ]);
    await office.page.goto(`/items/${id}`);
    const due = (name: string) =>
      office.page.locator(`#departments tr[data-department="${name}"] td[data-due]`).getAttribute('data-due');
    await expect(due('测试配合局')).resolves.toBe('2027-03-31');
    await expect(due('测试牵头局')).resolves.toBe('2026-12-31');
    await screenshot(office.page, 'per-department-extension');
    await office.context.close();
  });

  it('催办 sends mail and lands on the timeline; the department answers the numbered notice with a file', async () => {
    const id = await createItem(t, w, {
      dueOn: '2026-11-10',
      assignments: [
        { departmentId: w.lead, role: 'lead' },
        { departmentId: w.coop, role: 'cooperate' },
      ],
    });
    const office = await newPage(browser, base);
    await signIn(office.page, emails.office);
    await office.page.goto(`/items/${id}`);
    await office.page.fill('#urge-form input[name=text]', '请三日内报送办理情况');
    await Promise.all([
      office.page.waitForURL(`**/items/${id}?done=urged*`),
      office.page.click('#urge-form button[type=submit]'),
    ]);
    const urge = office.page.locator('#supervision [data-urge]');
    await expect(urge.textContent()).resolves.toContain('测试牵头局');
    await expect(urge.textContent()).resolves.toContain('已发送邮件');
    const [mail] = await t.mail.waitFor(
      (m) => m.subject.startsWith('【催办】') && m.to.includes(emails.lead),
    );
    expect(mail.text).toContain('请三日内报送办理情况');

    // A numbered notice, printed with its number and 反馈 deadline (Wednesday + 3 working days = Monday).
    await office.page.fill('#notice-form input[name=replyDueOn]', '2026-11-30');
    await Promise.all([
      office.page.waitForURL('**/office/notices/*'),
      office.page.click('#notice-form button[type=submit]'),
    ]);
    await expect(office.page.locator('[data-field=number]').textContent()).resolves.toMatch(
      /^〔2026〕第\d+号$/,
    );
    await expect(office.page.locator('[data-field=reply-due]').textContent()).resolves.toBe('2026年11月30日');
    await expect(office.page.locator('[data-field=due]').textContent()).resolves.toBe('2026年11月10日');
    const number = await office.page.locator('[data-field=number]').textContent();
    await screenshot(office.page, 'notice-print');
    await office.context.close();

    const lead = await newPage(browser, base);
    await signIn(lead.page, emails.lead);
    await lead.page.goto(`/items/${id}`);
    const form = lead.page.locator('#supervision form.reply-form').first();
    await form.locator('textarea[name=text]').fill('资金已落实，12月上旬完成');
    await form.locator('input[name=files]').setInputFiles({
      name: '落实情况.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n% reply\n%%EOF\n'),
    });
    await Promise.all([
      lead.page.waitForURL(`**/items/${id}?done=replied*`),
      form.locator('button[type=submit]').click(),
    ]);
    const notice = lead.page.locator(`#supervision [data-notice="${number}"]`);
    await expect(notice.textContent()).resolves.toContain('资金已落实，12月上旬完成');
    await expect(notice.locator('a', { hasText: '落实情况.pdf' }).count()).resolves.toBe(1);
    await screenshot(lead.page, 'notice-reply');
    await lead.context.close();
  });
  it('联络人 page: the office sets its own mailbox and a department’s 联络人 at 390 px; 督办件 then reach the 联络人', async () => {
    const office = await newPage(browser, base);
    await office.page.setViewportSize({ width: 390, height: 844 });
    await signIn(office.page, emails.office);
    // Without a mailbox the workbench names the problem and links to the page.
    await office.page.goto('/office');
    await expect(office.page.locator('#mailbox-missing').count()).resolves.toBe(1);
    await Promise.all([office.page.waitForURL('**/contacts*'), office.page.click('#mailbox-missing a')]);
    await office.page.fill('#mailbox-form input[name=name]', '蓟州区督查室');
    await office.page.fill('#mailbox-form input[name=email]', 'duchashi@jizhou.example.gov.cn');
    await Promise.all([
      office.page.waitForURL('**/contacts?done=mailbox*'),
      office.page.click('#mailbox-form button[type=submit]'),
    ]);
    await expect(office.page.locator(`[data-mailbox="${w.regionCode}"]`).textContent()).resolves.toContain(
      'duchashi@jizhou.example.gov.cn',
    );
    // 测试无关局's 联络人, from its row (the page lists every department of the area, not only the unreachable).
    const row = office.page.locator('li[data-department="测试无关局"]');
    await row.locator('input[name=name]').fill('周联络');
    await row.locator('input[name=phone]').fill('022-29140000');
    await row.locator('input[name=email]').fill('zhou@jizhou.example.gov.cn');
    await Promise.all([
      office.page.waitForURL('**/contacts?done=contact*'),
      row.locator('button[type=submit]').click(),
    ]);
    await expect(
      office.page.locator('li[data-department="测试无关局"] input[name=email]').inputValue(),
    ).resolves.toBe('zhou@jizhou.example.gov.cn');
    const overflow = await office.page.evaluate('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(1);
    await screenshot(office.page, 'contacts-390');
    await office.page.goto('/office');
    await expect(office.page.locator('#mailbox-missing').count()).resolves.toBe(0);
    await office.context.close();

    // A 督办件 on an item of 测试无关局 is mailed to its 联络人, with its number.
    const id = await createItem(t, w, {
      dueOn: '2026-11-20',
      assignments: [{ departmentId: w.other, role: 'lead' }],
    });
    const res = await t.request({
      method: 'POST',
      url: `/api/items/${id}/notices`,
      headers: { authorization: `Bearer ${w.tokens.office}` },
      payload: {},
    });
    expect(res.statusCode).toBe(201);
    const [mail] = await t.mail.waitFor(
      (m) => m.subject.startsWith('【督办通知】') && m.to.includes('zhou@jizhou.example.gov.cn'),
    );
    expect(mail.subject).toContain((res.json() as { numberText: string }).numberText);
  });
});
