import { Role } from '../../src/access/role.enum';
import type { CalendarDate } from '../../src/common/calendar-date';
import { ReminderSchedulerService } from '../../src/reminders/reminder-scheduler.service';
import { startTestApp, type TestApp } from '../support/test-app';
import {
  addItem,
  drained,
  remindersQueue,
  seedWorld,
  setMode,
  type World,
  waitUntil,
} from './reminder-fixtures';

/**
 * Issue 20, points 1 and 2: 2027 has no official calendar in the bundled chinese-days; the admin sees that, enters
 * 元旦 2027 in one step, and every reminder moves to its right day — none stays behind on a holiday, none is lost.
 */
describe('an unknown year, entered by the admin, re-plans every reminder', () => {
  let t: TestApp;
  let world: World;
  let scheduler: ReminderSchedulerService;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp();
    world = await seedWorld(t);
    scheduler = t.app.get(ReminderSchedulerService);
    admin = await t.sessionFor(await t.createUser(Role.Admin));
  });
  afterAll(() => t?.close());

  const pending = async (itemId: string) => {
    const ids = await scheduler.pendingJobIds(itemId);
    const jobs = await Promise.all(ids.map((id) => remindersQueue(t).getJob(id)));
    return jobs.map((j) => `${j!.data.rule} ${j!.data.sendOn}`).sort();
  };
  const get = (url: string) =>
    t.request({ method: 'GET', url, headers: { authorization: `Bearer ${admin}` } });

  it('shows the missing year, takes the notice as a list of dates, and moves the reminders', async () => {
    t.clock.set('2026-12-05T02:00:00Z'); // Saturday 5 Dec 2026, 10:00 in Shanghai
    expect((await get('/api/health')).json().calendar).toEqual({ missingYears: [2027] });
    expect((await get('/api/calendar/coverage')).json()).toMatchObject({
      missingYears: [2027],
      enteredYears: [],
    });

    const newYearsDay = await addItem(t, world, { dueOn: '2027-01-01', title: '元旦到期' });
    const monday = await addItem(t, world, { dueOn: '2027-01-04', title: '元旦后到期' });
    await scheduler.rescheduleItem(newYearsDay);
    await scheduler.rescheduleItem(monday);
    // Monday–Friday guesses: the due-day mail on 元旦, the 1-day mail of the Monday item on 元旦 too.
    expect(await pending(newYearsDay)).toEqual([
      'before_1 2026-12-31',
      'before_7 2026-12-23',
      'due_day 2027-01-01',
      'overdue_1 2027-01-04',
    ]);
    expect(await pending(monday)).toEqual([
      'before_1 2027-01-01',
      'before_7 2026-12-24',
      'due_day 2027-01-04',
      'overdue_1 2027-01-05',
    ]);

    // The admin's workbench says so and offers the one step; a wrong line is named, nothing is stored.
    const workbench = await get('/');
    expect(workbench.statusCode).toBe(200);
    expect(workbench.body).toContain('2027 年尚无官方节假日安排');
    expect(workbench.body).toContain('action="/calendar/years/2027"');
    const badForm = await t.request({
      method: 'POST',
      url: '/calendar/years/2027',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'holidays=2027-01-01..2027-01-03+%E5%85%83%E6%97%A6%0D%0A2027-13-01&workdays=',
    });
    expect(badForm.statusCode).toBe(400);
    expect(badForm.body).toContain('2027-13-01');
    expect((await get('/api/calendar/coverage')).json()).toMatchObject({ missingYears: [2027] });

    const bad = await t.request({
      method: 'PUT',
      url: '/api/calendar/years/2027',
      payload: { holidays: ['2027-01-01..2027-01-03 元旦', '2026-12-31'], workdays: [] },
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('2026-12-31 不在 2027 年');
    expect(bad.json()).toMatchObject({
      messageKey: 'calendar.notice_invalid',
      params: { count: 1 },
      details: ['2026-12-31 不在 2027 年内'],
    });

    const put = await t.request({
      method: 'PUT',
      url: '/api/calendar/years/2027',
      payload: { holidays: ['2027-01-01..2027-01-03 元旦'], workdays: [] },
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ missingYears: [], enteredYears: [2027] });
    expect((await get('/api/health')).json().calendar).toEqual({ missingYears: [] });
    expect((await get('/')).body).not.toContain('尚无官方节假日安排');

    // The pruning replan runs in the worker: old jobs removed, new ones on the right days.
    await waitUntil(
      async () =>
        (await pending(monday)).includes('before_1 2026-12-31') &&
        !(await pending(monday)).includes('before_1 2027-01-01'),
      'the Monday item re-planned',
    );
    await drained(t);
    expect(await pending(newYearsDay)).toEqual([
      'before_7 2026-12-23',
      'due_day 2026-12-31',
      'overdue_1 2027-01-04',
    ]);
    expect(await pending(monday)).toEqual([
      'before_1 2026-12-31',
      'before_7 2026-12-23',
      'due_day 2027-01-04',
      'overdue_1 2027-01-05',
    ]);
  });

  it('a stale job left on its old day re-plans the item instead of vanishing', async () => {
    const item = await addItem(t, world, { dueOn: '2027-01-04', title: '残留任务' });
    await scheduler.rescheduleItem(item);
    const planned = await pending(item);
    // Lose every pending job of the item (a failed replan), then let an old-calendar job fire.
    for (const id of await scheduler.pendingJobIds(item))
      await (await remindersQueue(t).getJob(id))!.remove();
    expect(await pending(item)).toEqual([]);
    const stale = await remindersQueue(t).add('remind', {
      itemId: item,
      rule: 'before_1',
      dueOn: '2027-01-04' as CalendarDate,
      sendOn: '2027-01-01',
      sendAtUtc: '2027-01-01T01:00:00.000Z',
    });
    await waitUntil(
      async () => (await remindersQueue(t).getJob(stale.id!))?.returnvalue,
      'the stale job ran',
    );
    expect((await remindersQueue(t).getJob(stale.id!))!.returnvalue).toEqual({ outcome: 'stale' });
    expect(await pending(item)).toEqual(planned);
    expect(t.mail.messages.filter((m) => m.subject.includes('残留任务'))).toEqual([]);
    await drained(t);
  });

  it('a worker down over a deadline sends one overdue notice, never a "今日到期" after the fact', async () => {
    const { eduHead, eduDeputy, finHead } = world.users;
    for (const user of [eduHead, eduDeputy, finHead]) await setMode(t, user, 'immediate');
    t.clock.set('2027-01-05T02:00:00Z');
    const item = await addItem(t, world, { dueOn: '2027-01-08', title: '停机任务' });
    await scheduler.rescheduleItem(item);
    expect((await pending(item)).slice(0, 3)).toEqual([
      'before_1 2027-01-07',
      'due_day 2027-01-08',
      'overdue_1 2027-01-11',
    ]);
    // The worker is down from 6 to 11 January: on the 11th the 1-day, due-day and first overdue jobs all run.
    t.clock.set('2027-01-11T01:00:30Z');
    t.mail.clear();
    await scheduler.promoteDue();
    await drained(t);
    const mine = t.mail.messages.filter((m) => m.subject.includes('停机任务'));
    expect(mine.map((m) => `${m.to.join()} ${m.subject}`).sort()).toEqual(
      [eduDeputy, eduHead, finHead].map((u) => `${u.email} 【督办提醒】已逾期 3 天：停机任务`).sort(),
    );
  });
});
