import { Role } from '../../src/access/role.enum';
import { formatDate } from '../../src/common/i18n/format';
import { AppSecret } from '../../src/notifications/app-secret.provider';
import { unsubscribeToken } from '../../src/notifications/unsubscribe-token';
import { addDays, type CalendarDate } from '../../src/common/calendar-date';
import { RemindersRunner } from '../../src/reminders/reminders-runner.service';
import { ReminderSchedulerService } from '../../src/reminders/reminder-scheduler.service';
import type { User } from '../../src/users/user.entity';
import { startTestApp, type TestApp } from '../support/test-app';
import { addItem, drained, seedWorld, setMode, sql, type World } from './reminder-fixtures';

const TITLE = '推进集团化办学';

/**
 * One item's whole life on the injected clock, day by day, with the nightly replan (01:05) and the morning run
 * (09:00: due reminders, 督办单, digests, leadership summary) as the job schedulers would run them, and what
 * people do at 10:00 through the API. Every mail of every day is asserted, with its recipient.
 *
 * Item: starts Mon 30 Nov 2026, due Fri 11 Dec; 教育局 leads (its head and deputy are contacts), 财政局
 * cooperates. The admin has entered 元旦 2027 (1–3 Jan). 教育局 gets an extension on 29 Dec to Fri 15 Jan 2027 —
 * its own 办理时限 only (issue 13): 财政局's stays 11 Dec; on 8 Jan both departments report 100 % and the office
 * approves, which closes it.
 */
describe('one item, day by day, from creation to closure', () => {
  let t: TestApp;
  let world: World;
  let groupLeader: User;
  let item: string;
  const sessions = new Map<string, string>();

  beforeAll(async () => {
    t = await startTestApp();
    world = await seedWorld(t);
    // The plan's 副组长 as the leadership group lists him; his account carries his post in brackets.
    groupLeader = await t.createUser(Role.Leader, { name: '李晓鹏（副组长）' });
    await sql(
      t,
      `INSERT INTO leadership_group_members (group_id, position, name, group_role, post, department_id)
       SELECT id, 1, '李晓鹏', 'deputy_leader', '市政府副市长', NULL FROM leadership_groups WHERE plan_id = $1`,
      [world.planId],
    );
    for (const user of [world.users.eduHead, world.users.eduDeputy, world.users.finHead]) {
      await setMode(t, user, 'immediate');
    }
    const admin = await t.sessionFor(await t.createUser(Role.Admin));
    t.clock.set('2026-11-27T02:00:00Z'); // Fri 27 Nov, 10:00
    const year = await t.request({
      method: 'PUT',
      url: '/api/calendar/years/2027',
      payload: { holidays: ['2027-01-01..2027-01-03 元旦'], workdays: [] },
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(year.statusCode).toBe(200);
    item = await addItem(t, world, { dueOn: '2026-12-11', startOn: '2026-11-30', title: TITLE });
    await t.app.get(ReminderSchedulerService).rescheduleItem(item);
    // 财政局's head unsubscribes (the one-click POST): deadline mail keeps coming, the rest stops.
    const token = unsubscribeToken(t.app.get(AppSecret).value, world.users.finHead.id, t.clock.now());
    const unsubscribed = await t.request({
      method: 'POST',
      url: `/api/notifications/unsubscribe?token=${encodeURIComponent(token)}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(unsubscribed.statusCode).toBe(200);
    await drained(t);
  });
  afterAll(() => t?.close());

  const as = async (user: User) => {
    if (!sessions.has(user.id)) sessions.set(user.id, await t.sessionFor(user));
    return { authorization: `Bearer ${sessions.get(user.id)!}` };
  };
  const post = async (user: User, url: string, payload: object = {}) => {
    const res = await t.request({ method: 'POST', url, payload, headers: await as(user) });
    expect([url, res.statusCode]).toEqual([url, expect.any(Number)]);
    if (res.statusCode >= 300) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };

  /** What people do at 10:00 on a day. */
  const actions: Record<string, () => Promise<void>> = {
    '2026-12-01': async () => {
      await post(world.users.eduHead, `/api/items/${item}/acknowledge`);
    },
    '2026-12-03': async () => {
      await post(world.users.finHead, `/api/items/${item}/acknowledge`);
    },
    '2026-12-29': async () => {
      const request = await post(world.users.eduHead, `/api/items/${item}/extensions`, {
        reason: '涉及新建校区，需协调用地',
        newDueOn: '2027-01-15',
      });
      await post(world.users.officeUser, `/api/extensions/${request.id}/decision`, { decision: 'approve' });
    },
    '2027-01-08': async () => {
      for (const user of [world.users.eduHead, world.users.finHead]) {
        const report = await post(user, `/api/items/${item}/reports`, {
          period: 'once',
          text: '已完成集团化办学布局',
          percent: 100,
        });
        await post(world.users.officeUser, `/api/reports/${report.id}/review`, { decision: 'approve' });
      }
      // Approving the last 100 % report closes the item (办结).
      const [row] = await sql<{ status: string }>(t, `SELECT status::text FROM plan_items WHERE id = $1`, [
        item,
      ]);
      expect(row.status).toBe('completed');
    },
  };

  const lead = () => [world.users.eduDeputy, world.users.eduHead];
  /** Deadline mail (7-day, 1-day, due day) reaches 财政局 although its head unsubscribed; the rest does not. */
  const all = () => [...lead(), world.users.finHead];
  const summaryReaders = () => [world.users.leader, world.users.officeUser, groupLeader];
  const mails = (people: User[], subject: string) => people.map((p) => `${p.name} ← ${subject}`);
  const summary = (monday: string) =>
    mails(summaryReaders(), `【督办】领导小组周报（${formatDate('zh-CN', monday)} 当周）`);

  /** Every mail of every day from Sat 28 Nov 2026 to Fri 15 Jan 2027; days not listed get none. */
  const expected = (): Record<string, string[]> => ({
    '2026-11-30': [...mails(lead(), `【督办提醒】今日开始：${TITLE}`), ...summary('2026-11-30')],
    '2026-12-02': mails(all(), `【督办提醒】还有 7 个工作日到期：${TITLE}`),
    '2026-12-07': summary('2026-12-07'),
    '2026-12-10': mails(all(), `【督办提醒】还有 1 个工作日到期：${TITLE}`),
    '2026-12-11': mails(all(), `【督办提醒】今日到期：${TITLE}`),
    // Due Friday; the weekend is quiet; Monday: the first overdue reminder and the blue notice.
    '2026-12-14': [
      ...mails(lead(), `【督办提醒】已逾期 3 天：${TITLE}`),
      ...mails(lead(), '【蓝色督办】1 项任务'),
      ...summary('2026-12-14'),
    ],
    '2026-12-21': [
      ...mails(lead(), `【督办提醒】已逾期 10 天：${TITLE}`),
      ...mails([...lead(), world.users.officeUser], '【黄色督办】1 项任务'),
      ...summary('2026-12-21'),
    ],
    '2026-12-28': [
      ...mails(lead(), `【督办提醒】已逾期 17 天：${TITLE}`),
      ...mails([...lead(), world.users.officeUser, world.users.leader, groupLeader], '【红色督办】1 项任务'),
      ...summary('2026-12-28'),
    ],
    // 教育局 extended on 29 Dec to 15 Jan: no more notices, nor overdue mail for it; 元旦 is a holiday. 财政局
    // keeps its own date (11 Dec), so its 7-day reminder of the new date never comes; its overdue reminders
    // are not deadline mail and its head unsubscribed.
    '2027-01-04': summary('2027-01-04'),
    '2027-01-06': mails(lead(), `【督办提醒】还有 7 个工作日到期：${TITLE}`),
    // Closed on 8 Jan: the 1-day and due-day reminders of 14 and 15 Jan never come, nor Monday's summary.
  });

  it('sends exactly the right mails to the right people on the right days', async () => {
    const runner = t.app.get(RemindersRunner);
    const names = new Map(
      [...Object.values(world.users), groupLeader].map((u) => [u.email, u.name] as const),
    );
    const got: Record<string, string[]> = {};
    for (let day = '2026-11-28' as CalendarDate; day <= '2027-01-15'; day = addDays(day, 1)) {
      t.mail.clear();
      t.clock.set(`${addDays(day, -1)}T17:05:00Z`); // 01:05 in Shanghai: the nightly replan
      await runner.replan();
      t.clock.set(`${day}T01:00:30Z`); // 09:00:30: reminders due, 督办单, digests, summary
      await runner.runDue();
      await drained(t);
      for (const m of t.mail.messages) {
        // Mandatory mail (deadline reminders, 督办单) cannot be unsubscribed; the rest offers RFC 8058 one-click.
        const mandatory = /还有 [17] 个工作日到期|今日到期|【[蓝黄红]色督办】/.test(m.subject);
        expect([m.subject, m.listUnsubscribe === null]).toEqual([m.subject, mandatory]);
        if (m.listUnsubscribe) {
          expect(m.listUnsubscribe.post).toBe('List-Unsubscribe=One-Click');
          expect(m.listUnsubscribe.url).toMatch(
            /^http:\/\/localhost:\d+\/api\/notifications\/unsubscribe\?token=/,
          );
        }
      }
      const today = t.mail.messages
        .flatMap((m) => m.to.map((to) => `${names.get(to) ?? to} ← ${m.subject}`))
        .sort();
      if (today.length) got[day] = today;
      if (actions[day]) {
        t.clock.set(`${day}T02:00:00Z`);
        t.mail.clear();
        await actions[day]();
        await drained(t);
        // Acting sends nothing by itself (reminders are scheduled for their days, not sent on the spot).
        expect([day, t.mail.messages.map((m) => m.subject)]).toEqual([day, []]);
      }
    }
    const want = Object.fromEntries(Object.entries(expected()).map(([day, list]) => [day, [...list].sort()]));
    expect(got).toEqual(want);

    // The ladder, as printed: one notice per level, each on a working day, red copied to both leaders.
    const notices = await sql<{ level: string; issuedOn: string; cc: Array<{ name: string }> }>(
      t,
      `SELECT level, issued_on::text AS "issuedOn", cc FROM escalation_notices WHERE item_id = $1 ORDER BY issued_on`,
      [item],
    );
    expect(notices.map((n) => [n.level, n.issuedOn, n.cc.map((c) => c.name).sort()])).toEqual([
      ['blue', '2026-12-14', []],
      ['yellow', '2026-12-21', [world.users.officeUser.name]],
      ['red', '2026-12-28', [world.users.leader.name, world.users.officeUser.name, groupLeader.name].sort()],
    ]);
  });
});
