import { MailService } from '../../src/mail/mail.service';
import { startTestApp, type TestApp } from '../support/test-app';

describe('mail over a real SMTP server', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { MAIL_FROM: '银川市教育局督办 <duban@yc.gov.cn>' } });
  });
  afterAll(() => t?.close());

  it('delivers a Chinese message with subject, recipients and body', async () => {
    await t.app.get(MailService).send({
      to: ['gao@yc.gov.cn', 'office@yc.gov.cn'],
      subject: '【督办】灵武市创建优质均衡发展县 还剩 7 个工作日',
      text: '您好：\n事项“2023年灵武市通过认定”将于 2023-12-31 到期。\n',
      html: '<p>您好：</p><p>事项“2023年灵武市通过认定”将于 <b>2023-12-31</b> 到期。</p>',
    });
    const [mail] = await t.mail.waitFor((m) => m.subject.includes('灵武市'));
    expect(mail.subject).toBe('【督办】灵武市创建优质均衡发展县 还剩 7 个工作日');
    expect(mail.to).toEqual(['gao@yc.gov.cn', 'office@yc.gov.cn']);
    expect(mail.from).toContain('duban@yc.gov.cn');
    expect(mail.text).toContain('将于 2023-12-31 到期');
    expect(mail.html).toContain('<b>2023-12-31</b>');
  });

  it('reports a failure when the server is gone', async () => {
    await t.mail.close();
    await expect(t.app.get(MailService).send({ to: 'a@b.cn', subject: 's', text: 't' })).rejects.toThrow();
  });
});
