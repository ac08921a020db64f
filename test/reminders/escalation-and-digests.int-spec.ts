import { formatDate } from '../../src/common/i18n/format';
import { ConfigService } from '@nestjs/config';
import { ItemStatusService } from '../../src/plans/item-status.service';
import { PlanEvents } from '../../src/plans/plan-events';
import { DigestService } from '../../src/reminders/digest.service';
import { EscalationService } from '../../src/reminders/escalation.service';
import { ReminderFactsRepository } from '../../src/reminders/reminder-facts.repository';
import { ReminderSchedulerService } from '../../src/reminders/reminder-scheduler.service';
import { RemindersRunner } from '../../src/reminders/reminders-runner.service';
import { ReportCycleService } from '../../src/reminders/report-cycle.service';
import { startTestApp, type TestApp } from '../support/test-app';
import { addItem, drained, seedWorld, setMode, sql, to, waitUntil, type World } from './reminder-fixtures';

describe('escalation ladder, digests, report cycles and imported backlog', () => {
  let t: TestApp;
  let world: World;

  beforeAll(async () => {
    t = await startTestApp();
    world = await seedWorld(t);
  });
  afterAll(() => t?.close());

  it('climbs blue → yellow → red with the right recipients, once per level, and prints the notice', async () => {
    const item = await addItem(t, world, { dueOn: '2025-09-01', title: '消除大班额' });
    const escalation = t.app.get(EscalationService);
    const { eduHead, eduDeputy, officeUser, leader, finHead } = world.users;
    const mine = () =>
      t.mail.messages.filter((m) => m.subject.includes('督办') && m.text.includes('消除大班额'));

    t.clock.set('2025-09-02T01:00:00Z');
    expect((await escalation.run()).issued).toBe(1);
    await drained(t);
    expect(
      mine()
        .flatMap((m) => m.to)
        .sort(),
    ).toEqual([eduDeputy.email, eduHead.email].sort());
    expect(mine()[0].subject).toContain('蓝色督办');
    expect((await escalation.run()).issued).toBe(0); // the same day again: nothing new

    t.clock.set('2025-09-09T01:00:00Z'); // 5 working days after Tue 2 Sep
    expect((await escalation.run()).issued).toBe(1);
    await drained(t);
    expect(to(mine(), officeUser).map((m) => m.subject)).toEqual([expect.stringContaining('黄色督办')]);
    expect(to(mine(), leader)).toHaveLength(0);

    t.clock.set('2025-09-16T01:00:00Z'); // 10 working days
    expect((await escalation.run()).issued).toBe(1);
    await drained(t);
    expect(to(mine(), leader).map((m) => m.subject)).toEqual([expect.stringContaining('红色督办')]);
    expect(to(mine(), finHead)).toHaveLength(0);

    const notices = await sql<{
      level: string;
      cc: Array<{ as: string }>;
      year: number;
      number: number;
      replyBy: string;
    }>(
      t,
      `SELECT level, cc, year, number, snapshot->>'replyBy' AS "replyBy"
         FROM escalation_notices WHERE item_id = $1 ORDER BY issued_at`,
      [item],
    );
    expect(notices.map((n) => [n.level, n.cc.map((c) => c.as).sort()])).toEqual([
      ['blue', []],
      ['yellow', ['office']],
      ['red', ['leader', 'office']],
    ]);
    // Numbered in the office's series of 督办件 for the year of issue, one after another.
    const first = notices[0].number;
    expect(notices.map((n) => [n.year, n.number])).toEqual([
      [2025, first],
      [2025, first + 1],
      [2025, first + 2],
    ]);

    const office = await t.sessionFor(officeUser);
    const list = await t.request({
      method: 'GET',
      url: `/api/escalations?itemId=${item}`,
      headers: { authorization: `Bearer ${office}` },
    });
    expect(list.statusCode).toBe(200);
    const red = (list.json() as Array<{ id: string; level: string }>).find((n) => n.level === 'red')!;
    const print = await t.request({
      method: 'GET',
      url: `/api/escalations/${red.id}/print`,
      headers: { authorization: `Bearer ${office}` },
    });
    expect(print.statusCode).toBe(200);
    expect(print.headers['content-type']).toContain('text/html');
    expect(print.body).toContain('红色督办单');
    expect(print.body).toContain('@media print');
    expect(print.body).toContain('消除大班额');
    // Its number, 办理时限 and 反馈 deadline as dates an office writes (no UUID fragment, no ISO date).
    expect(print.body).toContain(`编号：〔2025〕第${first + 2}号`);
    expect(print.body).toContain('签发日期：2025年9月16日');
    expect(print.body).toContain('<th>办理时限</th><td>2025年9月1日</td>');
    expect(print.body).toContain(`<th>反馈时限</th><td>${formatDate('zh-CN', notices[2].replyBy)}</td>`);
    expect(notices[2].replyBy > '2025-09-16').toBe(true);
    expect(print.body).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    // A 督办通知 the office issues by hand takes the next number of the same series.
    const byHand = await t.request({
      method: 'POST',
      url: `/api/items/${item}/notices`,
      headers: { authorization: `Bearer ${office}` },
      payload: {},
    });
    expect(byHand.statusCode).toBe(201);
    expect((byHand.json() as { numberText: string }).numberText).toBe(`〔2025〕第${first + 3}号`);
    // The print link of the mail works for the department the notice concerns, not for another one.
    for (const [user, status] of [
      [eduHead, 200],
      [world.users.idleHead, 403],
    ] as const) {
      const res = await t.request({
        method: 'GET',
        url: `/api/escalations/${red.id}/print`,
        headers: { authorization: `Bearer ${await t.sessionFor(user)}` },
      });
      expect([user.name, res.statusCode]).toEqual([user.name, status]);
    }

    // Closing the item stops the ladder; an approved extension would restart it from its approval day.
    await sql(t, `UPDATE plan_items SET status = 'completed' WHERE id = $1`, [item]);
    t.clock.set('2025-09-30T01:00:00Z');
    expect((await escalation.run()).issued).toBe(0);
  });

  it('office mail goes to the office accounts, not to the head of the bureau that hosts the office', async () => {
    const { eduHead, officeUser } = world.users;
    // The office lives in a bureau whose head is someone else (issue 13: 银川市教育局's head got the office's mail).
    await sql(t, `UPDATE departments SET head_user_id = $2 WHERE id = $1`, [world.office, eduHead.id]);
    try {
      const office = await t.app.get(ReminderFactsRepository).officeUsers(world.planId);
      expect(office).toEqual([officeUser.id]);
    } finally {
      await sql(t, `UPDATE departments SET head_user_id = NULL WHERE id = $1`, [world.office]);
    }
  });

  it('an approved extension stops the ladder', async () => {
    const item = await addItem(t, world, { dueOn: '2025-08-01', title: '延期任务' });
    const escalation = t.app.get(EscalationService);
    t.clock.set('2025-08-04T01:00:00Z');
    await escalation.run();
    t.clock.set('2025-08-05T02:00:00Z');
    // The lead department's 延期 as ExtensionsService.decide writes it: its assignment's date, then the item's.
    await sql(t, `UPDATE assignments SET extended_due_on = '2025-12-31' WHERE item_id = $1`, [item]);
    await t.app.get(ItemStatusService).recompute({ itemIds: [item] });
    await t.app.get(PlanEvents).emit({
      type: 'extension.decided',
      itemId: item,
      requestId: item,
      approved: true,
      newDueOn: '2025-12-31',
    });
    await t.app.get(PlanEvents).relay();
    t.clock.set('2025-08-20T01:00:00Z');
    await escalation.run();
    const levels = await sql<{ level: string }>(
      t,
      `SELECT level FROM escalation_notices WHERE item_id = $1`,
      [item],
    );
    expect(levels.map((l) => l.level)).toEqual(['blue']);
    await drained(t);
  });

  it('digests list only the user’s items, and say nothing when there is nothing to say', async () => {
    const digests = t.app.get(DigestService);
    const { eduHead, idleHead } = world.users;
    await setMode(t, eduHead, 'weekly');
    await setMode(t, idleHead, 'weekly');
    await addItem(t, world, { dueOn: '2025-10-22', title: '本周到期任务' });
    await addItem(t, world, { dueOn: '2025-10-20', title: '今日到期任务' });
    await addItem(t, world, { dueOn: '2025-12-31', title: '远期任务', lead: world.fin, cooperate: [] });
    t.clock.set('2025-10-20T01:00:00Z'); // Monday
    t.mail.clear();
    const report = await digests.run();
    await drained(t);
    const digest = to(t.mail.messages, eduHead).filter((m) => m.subject.includes('每周督办摘要'));
    expect(digest).toHaveLength(1);
    expect(digest[0].text).toContain('今日到期任务');
    expect(digest[0].text).toContain('本周到期任务');
    expect(digest[0].text).toContain('待签收');
    expect(digest[0].text).not.toContain('远期任务');
    expect(digest[0].text).toContain('/api/notifications/unsubscribe?token=');
    expect(to(t.mail.messages, idleHead)).toHaveLength(0);
    expect(report.nothingToSay).toBeGreaterThanOrEqual(1);
    // Run again the same day: nothing new.
    await digests.run();
    await drained(t);
    expect(to(t.mail.messages, eduHead).filter((m) => m.subject.includes('每周督办摘要'))).toHaveLength(1);
  });

  it('a recurring item asks for each period’s report until it is in', async () => {
    const { finHead } = world.users;
    await setMode(t, finHead, 'immediate');
    const item = await addItem(t, world, {
      dueOn: '2027-12-31',
      startOn: '2025-01-01',
      recurrence: 'quarterly',
      title: '季度报送',
    });
    const cycles = t.app.get(ReportCycleService);
    t.clock.set('2025-10-09T01:00:00Z'); // first working day of 2025-Q4 (after National Day)
    t.mail.clear();
    await cycles.run();
    await drained(t);
    const requests = to(t.mail.messages, finHead).filter((m) => m.subject.includes('2025年第四季度'));
    expect(requests).toHaveLength(1);
    // Once the department's report for the period is in, the period's reminders stop.
    await sql(t, `UPDATE assignments SET acknowledged_at = now() WHERE item_id = $1`, [item]);
    const assignment = (
      await sql<{ id: string }>(t, `SELECT id FROM assignments WHERE item_id = $1 AND department_id = $2`, [
        item,
        world.fin,
      ])
    )[0];
    await sql(
      t,
      `INSERT INTO progress_reports (item_id, assignment_id, department_id, period, text, percent, state, submitted_at)
       VALUES ($1, $2, $3, '2025-Q4', '已完成', 100, 'submitted', now())`,
      [item, assignment.id, world.fin],
    );
    t.clock.set('2025-12-31T01:00:00Z'); // the period's last working day: due_day
    t.mail.clear();
    await cycles.run();
    await drained(t);
    expect(to(t.mail.messages, finHead).filter((m) => m.subject.includes('2025年第四季度'))).toHaveLength(0);
  });

  it('importing a plan with past-due items sends one digest per recipient and one office summary, no flood', async () => {
    const { eduHead, eduDeputy, finHead, officeUser } = world.users;
    await setMode(t, eduHead, 'immediate');
    await setMode(t, eduDeputy, 'weekly');
    await setMode(t, finHead, 'daily');
    t.clock.set('2025-11-03T00:30:00Z'); // Monday 08:30 in Shanghai
    const items: string[] = [];
    for (let i = 0; i < 25; i++)
      items.push(await addItem(t, world, { dueOn: `2025-0${1 + (i % 9)}-15`, title: `积压任务${i}` }));
    // One item led jointly by 教育局 and 财政局: the summary's lines must still add up to its total.
    await sql(t, `UPDATE assignments SET role = 'lead' WHERE item_id = $1 AND department_id = $2`, [
      items[0],
      world.fin,
    ]);
    t.mail.clear();
    await t.app.get(PlanEvents).emit({ type: 'plan.imported', planId: world.planId, itemIds: items });
    await waitUntil(
      async () =>
        (
          await sql<{ n: number }>(
            t,
            `SELECT count(*)::int AS n FROM reminder_item_states WHERE backlog_until IS NOT NULL AND item_id = ANY($1::uuid[])`,
            [items],
          )
        )[0].n === 25,
      'backlog marked',
    );
    await waitUntil(
      async () => t.mail.messages.some((m) => m.subject.includes('导入时已逾期')),
      'office summary',
    );
    // The day's passes and any reminders due now: still no per-item mail.
    t.clock.set('2025-11-03T01:00:00Z');
    await t.app.get(ReminderSchedulerService).promoteDue();
    await t.app.get(RemindersRunner).daily();
    await drained(t);
    const backlogMail = (user: typeof eduHead) =>
      to(t.mail.messages, user).filter((m) => m.text.includes('积压任务'));
    expect(backlogMail(eduHead).map((m) => m.subject)).toEqual(['【督办】已逾期任务汇总']);
    expect(backlogMail(eduDeputy).map((m) => m.subject)).toEqual(['【督办】每周督办摘要']);
    expect(backlogMail(finHead).map((m) => m.subject)).toEqual(['【督办】每日督办摘要']);
    expect(to(t.mail.messages, officeUser).filter((m) => m.subject.includes('导入时已逾期'))).toHaveLength(1);
    expect(
      to(t.mail.messages, officeUser).filter(
        (m) => m.subject.includes('督办单') || m.subject.includes('督办】积压'),
      ),
    ).toHaveLength(0);
    expect(t.mail.messages.filter((m) => m.subject.includes('【督办提醒】'))).toHaveLength(0);
    expect(
      t.mail.messages.filter((m) => /蓝色|黄色|红色/.test(m.subject) && m.text.includes('积压任务')),
    ).toHaveLength(0);
    const [summary] = to(t.mail.messages, officeUser).filter((m) => m.subject.includes('导入时已逾期'));
    expect(summary.subject).toContain('导入时已逾期 25 项');
    const lines = [...summary.text.matchAll(/^(.+)：(\d+) 项$/gm)].map((m) => [m[1], Number(m[2])]);
    expect(lines).toEqual([
      ['教育局', 24],
      ['教育局、财政局', 1],
    ]);
    // After the digest week (backlog until 10 Nov) the ladder starts at blue for all of them — no jump to red.
    t.clock.set('2025-11-11T01:00:00Z');
    await t.app.get(EscalationService).run();
    const levels = await sql<{ level: string; n: number }>(
      t,
      `SELECT level, count(*)::int AS n FROM escalation_notices WHERE item_id = ANY($1::uuid[]) GROUP BY level`,
      [items],
    );
    expect(levels).toEqual([{ level: 'blue', n: 25 }]);
    await drained(t);
  });

  it('the Monday leadership summary covers the reader’s own region only', async () => {
    const other = await seedWorld(t);
    await addItem(t, world, { dueOn: '2025-12-31', title: '本市任务' });
    await addItem(t, other, { dueOn: '2025-12-31', title: '外市任务' });
    const county = async (w: World) =>
      (await sql<{ name: string }>(t, `SELECT name FROM regions WHERE code = $1`, [w.countyCode]))[0].name;
    t.clock.set('2025-12-01T01:00:00Z'); // Monday
    t.mail.clear();
    await t.app.get(DigestService).leadershipSummary();
    await drained(t);
    for (const [w, mine, theirs] of [
      [world, await county(world), await county(other)],
      [other, await county(other), await county(world)],
    ] as const) {
      for (const reader of [w.users.officeUser, w.users.leader]) {
        const [mail] = to(t.mail.messages, reader).filter((m) => m.subject.includes('领导小组周报'));
        expect([reader.name, mail.text.includes(mine), mail.text.includes(theirs)]).toEqual([
          reader.name,
          true,
          false,
        ]);
      }
    }
  });

  it('caps non-mandatory mail per recipient and day, folding the rest into the next digest; deadline mail is never capped', async () => {
    const capped = await startTestApp({ env: { REMINDER_DAILY_CAP: '2' } });
    try {
      const w = await seedWorld(capped);
      await setMode(capped, w.users.eduHead, 'immediate');
      capped.clock.set('2025-09-15T02:00:00Z');
      const scheduler = capped.app.get(ReminderSchedulerService);
      for (let i = 0; i < 4; i++) {
        // Due Fri 12 Sep: the first overdue reminder goes out on Monday 15 Sep (capped mail).
        await scheduler.rescheduleItem(
          await addItem(capped, w, { dueOn: '2025-09-12', title: `封顶${i}`, cooperate: [] }),
        );
        // Due Tue 16 Sep: the 1-day reminder, also on Monday 15 Sep (deadline mail: never capped).
        await scheduler.rescheduleItem(
          await addItem(capped, w, { dueOn: '2025-09-16', title: `必达${i}`, cooperate: [] }),
        );
      }
      capped.clock.set('2025-09-15T01:00:30Z');
      await scheduler.promoteDue();
      await drained(capped);
      expect(capped.app.get(ConfigService).get('REMINDER_DAILY_CAP')).toBe(2);
      expect(
        to(capped.mail.messages, w.users.eduHead).filter((m) => m.subject.includes('封顶')),
      ).toHaveLength(2);
      const overflow = await sql(
        capped,
        `SELECT 1 FROM digest_entries WHERE user_id = $1 AND kind = 'overflow'`,
        [w.users.eduHead.id],
      );
      expect(overflow).toHaveLength(2);
      expect(
        to(capped.mail.messages, w.users.eduHead).filter((m) =>
          m.subject.includes('还有 1 个工作日到期：必达'),
        ),
      ).toHaveLength(4);
    } finally {
      await capped.close();
    }
  });
});
