/**
 * Who receives 督办 mail (issue 13): a department through its 联络人 or its accounts (`departmentRecipients`),
 * the office through its own mailbox (`officeRecipients`). Real SMTP capture, pinned clock.
 */
import { formatDate } from '../../src/common/i18n/format';
import { PlanEvents } from '../../src/plans/plan-events';
import { DigestService } from '../../src/reminders/digest.service';
import { EscalationService } from '../../src/reminders/escalation.service';
import { ReminderSchedulerService } from '../../src/reminders/reminder-scheduler.service';
import { startTestApp, type TestApp } from '../support/test-app';
import { addItem, drained, seedWorld, sql, waitUntil, type World } from './reminder-fixtures';

describe('mail routing: 联络人 and the office mailbox', () => {
  let t: TestApp;
  let world: World;
  let housing: string;
  let water: string;
  const CONTACT = 'liaison.zhujian@county.example.gov.cn';
  const EDU_CONTACT = 'liaison.jiaoyu@county.example.gov.cn';
  const MAILBOX = 'duban.office@city.example.gov.cn';

  const mailsTo = (email: string, text: string) =>
    t.mail.messages.filter((m) => m.to.includes(email) && (m.subject + m.text).includes(text));

  beforeAll(async () => {
    t = await startTestApp();
    world = await seedWorld(t);
    // Two departments a plan created without accounts: one the office gave a 联络人, one it has not yet.
    const department = async (name: string) =>
      (
        await sql<{ id: string }>(
          t,
          `INSERT INTO departments (region_code, name, normalized_name, kind, contact_name, contact_phone, contact_email)
           VALUES ($1, $2, $2, 'bureau', $3, $4, $5) RETURNING id`,
          [
            world.countyCode,
            name,
            ...(name === '住建局' ? ['王联络', '0951-1234567', CONTACT] : [null, null, null]),
          ],
        )
      )[0].id;
    housing = await department('住建局');
    water = await department('水务局');
  });
  afterAll(() => t?.close());

  it('a department without accounts gets its reminders, 督办单 and 督办件 at its 联络人; 主送 prints the department', async () => {
    const scheduler = t.app.get(ReminderSchedulerService);
    // A reminder: 1 working day before the due date, to the 联络人 (no account to honour settings of).
    t.clock.set('2025-09-15T02:00:00Z');
    const reminded = await addItem(t, world, {
      dueOn: '2025-10-09',
      title: '住建提醒',
      lead: housing,
      cooperate: [],
    });
    await scheduler.rescheduleItem(reminded);
    t.clock.set('2025-09-30T01:00:30Z');
    await scheduler.promoteDue();
    await t.mail.waitFor((m) => m.subject.includes('住建提醒'));
    await drained(t);
    expect(mailsTo(CONTACT, '住建提醒').map((m) => m.subject)).toEqual([
      expect.stringContaining('还有 1 个工作日到期'),
    ]);

    // A 督办单: 主送 住建局 by its 联络人; 水务局 (nobody) is named on the paper and marked, not "—".
    const late = await addItem(t, world, {
      dueOn: '2025-06-30',
      title: '住建逾期',
      lead: housing,
      cooperate: [],
    });
    await sql(t, `INSERT INTO assignments (item_id, department_id, role) VALUES ($1, $2, 'lead')`, [
      late,
      water,
    ]);
    t.clock.set('2025-07-01T01:00:00Z');
    await t.app.get(EscalationService).run();
    await drained(t);
    expect(mailsTo(CONTACT, '住建逾期').map((m) => m.subject)).toEqual([expect.stringContaining('蓝色督办')]);
    const [notice] = await sql<{ id: string; recipients: Array<{ userId: string | null; email: string }> }>(
      t,
      `SELECT id, recipients FROM escalation_notices WHERE item_id = $1`,
      [late],
    );
    expect(notice.recipients).toEqual([expect.objectContaining({ userId: null, email: CONTACT })]);
    const office = await t.sessionFor(world.users.officeUser);
    const print = await t.request({
      method: 'GET',
      url: `/api/escalations/${notice.id}/print`,
      headers: { authorization: `Bearer ${office}` },
    });
    expect(print.statusCode).toBe(200);
    const addressed = /<th>主送<\/th><td>(.*?)<\/td>/.exec(print.body)![1];
    expect(addressed).toContain('住建局<small>（邮件送达：王联络）</small>');
    expect(addressed).toContain('水务局<small>（无人可接收邮件，请填写联络人）</small>');

    // A numbered 督办件 reaches the 联络人 with its number and 反馈 deadline.
    t.clock.set('2025-07-02T02:00:00Z');
    const issued = await t.request({
      method: 'POST',
      url: `/api/items/${late}/notices`,
      headers: { authorization: `Bearer ${office}` },
      payload: {},
    });
    expect(issued.statusCode).toBe(201);
    const { numberText, replyDueOn } = issued.json() as { numberText: string; replyDueOn: string };
    const [mail] = await t.mail.waitFor(
      (m) => m.subject.startsWith('【督办通知】') && m.to.includes(CONTACT),
    );
    expect(mail.subject).toBe(`【督办通知】${numberText} 住建逾期`);
    expect(mail.text).toContain(`请于${formatDate('zh-CN', replyDueOn)}前在督办系统中反馈`);
    expect(mail.text).toContain('办理时限2025年6月30日');
  });

  it('a department with accounts and a 联络人: 督办 correspondence to the 联络人, routine reminders to the accounts', async () => {
    const { eduHead, eduDeputy } = world.users;
    await sql(t, `UPDATE departments SET contact_name = '赵联络', contact_email = $2 WHERE id = $1`, [
      world.edu,
      EDU_CONTACT,
    ]);
    try {
      const scheduler = t.app.get(ReminderSchedulerService);
      t.clock.set('2025-09-15T02:00:00Z');
      const item = await addItem(t, world, { dueOn: '2025-10-09', title: '教育双送', cooperate: [] });
      await scheduler.rescheduleItem(item);
      t.clock.set('2025-09-30T01:00:30Z');
      await scheduler.promoteDue();
      await t.mail.waitFor((m) => m.subject.includes('教育双送'), 2);
      await drained(t);
      expect([
        mailsTo(eduHead.email, '教育双送').length,
        mailsTo(eduDeputy.email, '教育双送').length,
      ]).toEqual([1, 1]);
      expect(mailsTo(EDU_CONTACT, '教育双送')).toHaveLength(0);

      const late = await addItem(t, world, { dueOn: '2025-07-31', title: '教育督办单', cooperate: [] });
      t.clock.set('2025-08-01T01:00:00Z');
      await t.app.get(EscalationService).run();
      await drained(t);
      expect(mailsTo(EDU_CONTACT, '教育督办单').map((m) => m.subject)).toEqual([
        expect.stringContaining('蓝色督办'),
      ]);
      expect(mailsTo(eduHead.email, '教育督办单')).toHaveLength(0);
      expect(late).toBeTruthy();
    } finally {
      await sql(t, `UPDATE departments SET contact_name = NULL, contact_email = NULL WHERE id = $1`, [
        world.edu,
      ]);
    }
  });

  it("office-bound mail (督办单 抄送, import summary) goes to the office's own mailbox, not to the office accounts", async () => {
    const { officeUser } = world.users;
    await sql(
      t,
      `INSERT INTO office_mailboxes (region_code, email, name) VALUES ($1, $2, '测试市督办办公室')`,
      [world.cityCode, MAILBOX],
    );
    try {
      const escalation = t.app.get(EscalationService);
      await addItem(t, world, { dueOn: '2025-05-30', title: '抄送邮箱' });
      t.clock.set('2025-06-03T01:00:00Z'); // Tue: the first working day after 30 May (端午 on 31 May–2 Jun)
      await escalation.run();
      t.clock.set('2025-06-10T01:00:00Z'); // 5 working days later: yellow, copied to the office
      await escalation.run();
      await drained(t);
      expect(mailsTo(MAILBOX, '抄送邮箱').map((m) => m.subject)).toEqual([
        expect.stringContaining('黄色督办'),
      ]);
      expect(mailsTo(officeUser.email, '抄送邮箱')).toHaveLength(0);
      // The mail names the mailbox as 抄送.
      const yellow = mailsTo(world.users.eduHead.email, '抄送邮箱').find((m) => m.subject.includes('黄色'));
      expect(yellow!.text).toContain('抄送 测试市督办办公室');

      t.clock.set('2025-11-03T00:30:00Z');
      const backlog = await addItem(t, world, { dueOn: '2025-10-15', title: '导入积压邮箱' });
      await t.app.get(PlanEvents).emit({ type: 'plan.imported', planId: world.planId, itemIds: [backlog] });
      await waitUntil(async () => mailsTo(MAILBOX, '导入时已逾期').length > 0, 'summary to the mailbox');
      await drained(t);
      expect(mailsTo(officeUser.email, '导入时已逾期')).toHaveLength(0);

      // The Monday 领导小组周报: the office's copy to the mailbox, the leader's to the leader.
      t.clock.set('2025-12-01T01:00:00Z');
      await t.app.get(DigestService).leadershipSummary();
      await drained(t);
      expect(mailsTo(MAILBOX, '领导小组周报')).toHaveLength(1);
      expect(mailsTo(officeUser.email, '领导小组周报')).toHaveLength(0);
      expect(mailsTo(world.users.leader.email, '领导小组周报')).toHaveLength(1);
    } finally {
      await sql(t, `DELETE FROM office_mailboxes WHERE region_code = $1`, [world.cityCode]);
    }
  });

  it('a plan imported with overdue items: a department without accounts gets one backlog mail at its 联络人', async () => {
    t.clock.set('2026-03-02T00:30:00Z');
    const items = [
      await addItem(t, world, { dueOn: '2026-01-15', title: '积压甲', lead: housing, cooperate: [] }),
      await addItem(t, world, { dueOn: '2026-02-10', title: '积压乙', lead: water, cooperate: [housing] }),
      await addItem(t, world, { dueOn: '2026-06-30', title: '未到期丙', lead: housing, cooperate: [] }),
    ];
    const events = t.app.get(PlanEvents);
    await events.emit({ type: 'plan.imported', planId: world.planId, itemIds: items });
    await waitUntil(async () => mailsTo(CONTACT, '积压甲').length > 0, 'backlog mail to the 联络人');
    await drained(t);
    const [mail, ...more] = t.mail.messages.filter(
      (m) => m.to.includes(CONTACT) && m.text.includes('积压甲'),
    );
    expect(more).toHaveLength(0);
    // Both overdue items of 住建局 (lead of one, cooperating on the other), not the one still in time.
    expect(mail.text).toContain('积压乙');
    expect(mail.text).not.toContain('未到期丙');
    expect(mail.text).toMatch(/[\u4e00-\u9fff]/);
    expect(mail.text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    // The same import announced again (a retried event) mails nothing new.
    await events.emit({ type: 'plan.imported', planId: world.planId, itemIds: items });
    await drained(t);
    expect(t.mail.messages.filter((m) => m.to.includes(CONTACT) && m.text.includes('积压甲'))).toHaveLength(
      1,
    );
  });
});
