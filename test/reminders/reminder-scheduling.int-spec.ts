import { parseCalendarDate as d } from '../../src/common/calendar-date';
import { WorkingCalendar } from '../../src/calendar/working-calendar';
import { PlanEvents } from '../../src/plans/plan-events';
import { ReminderSchedulerService } from '../../src/reminders/reminder-scheduler.service';
import { reminderJobId } from '../../src/reminders/reminder.policy';
import { Role } from '../../src/access/role.enum';
import { startTestApp, type TestApp } from '../support/test-app';
import {
  addItem,
  drained,
  remindersQueue,
  seedWorld,
  setMode,
  sql,
  to,
  waitUntil,
  type World,
} from './reminder-fixtures';

describe('reminder scheduling through BullMQ (real Redis, real SMTP, pinned clock)', () => {
  let t: TestApp;
  let world: World;
  let scheduler: ReminderSchedulerService;

  beforeAll(async () => {
    t = await startTestApp();
    world = await seedWorld(t);
    scheduler = t.app.get(ReminderSchedulerService);
  });
  afterAll(() => t?.close());

  const delayed = async (itemId: string) => {
    const ids = await scheduler.pendingJobIds(itemId);
    const jobs = await Promise.all(ids.map((id) => remindersQueue(t).getJob(id)));
    return jobs.map((j) => `${j!.data.rule} ${j!.data.sendAtUtc}`).sort();
  };

  it('counts offsets in working days across National Day 2025 (make-up Sunday 28 Sep included)', async () => {
    t.clock.set('2025-09-15T02:00:00Z');
    const item = await addItem(t, world, { dueOn: '2025-10-09' });
    await scheduler.rescheduleItem(item);
    // 7 working days before Thu 9 Oct: 30 Sep, 29 Sep, Sun 28 Sep (调休上班), 26, 25, 24, 23 Sep.
    expect(await delayed(item)).toEqual([
      'before_1 2025-09-30T01:00:00.000Z',
      'before_7 2025-09-23T01:00:00.000Z',
      'due_day 2025-10-09T01:00:00.000Z',
      'overdue_1 2025-10-10T01:00:00.000Z',
      'overdue_2 2025-10-17T01:00:00.000Z',
    ]);
    const job = await remindersQueue(t).getJob(
      reminderJobId(item, { rule: 'before_1', dueOn: d('2025-10-09'), sendOn: d('2025-09-30') }),
    );
    expect(job?.id).not.toContain(':');
    expect(await job?.getState()).toBe('delayed');
  });

  it('counts offsets across Spring Festival 2026 (make-up Saturday 14 Feb is the last day before it)', async () => {
    t.clock.set('2026-02-02T02:00:00Z');
    const item = await addItem(t, world, { dueOn: '2026-02-24' });
    await scheduler.rescheduleItem(item);
    const calendar = t.app.get(WorkingCalendar);
    expect(calendar.isWorkingDay(d('2026-02-14'))).toBe(true);
    const schedule = await delayed(item);
    expect(schedule).toContain('before_1 2026-02-14T01:00:00.000Z');
    expect(schedule).toContain('due_day 2026-02-24T01:00:00.000Z');
    expect(schedule).toContain(
      `before_7 ${calendar.addWorkingDays(d('2026-02-24'), -7)}T01:00:00.000Z`.replace('T01', 'T01'),
    );
  });

  it('a new due date removes the old reminders and schedules new ones (through the event)', async () => {
    t.clock.set('2025-09-15T02:00:00Z');
    const item = await addItem(t, world, { dueOn: '2025-10-09' });
    await scheduler.rescheduleItem(item);
    const oldId = reminderJobId(item, { rule: 'before_1', dueOn: d('2025-10-09'), sendOn: d('2025-09-30') });
    expect(await remindersQueue(t).getJob(oldId)).toBeDefined();

    await sql(t, `UPDATE plan_items SET due_on = '2025-10-20' WHERE id = $1`, [item]);
    await t.app
      .get(PlanEvents)
      .emit({ type: 'item.deadline-changed', itemId: item, before: '2025-10-09', after: '2025-10-20' });
    await waitUntil(async () => !(await remindersQueue(t).getJob(oldId)), 'old reminder removed');
    await waitUntil(
      async () =>
        (await scheduler.pendingJobIds(item)).includes(
          reminderJobId(item, { rule: 'before_1', dueOn: d('2025-10-20'), sendOn: d('2025-10-17') }),
        ),
      'new reminder scheduled',
    );
    expect((await scheduler.pendingJobIds(item)).every((id) => id.includes('2025-10-20'))).toBe(true);
    // Rescheduling again changes nothing (deterministic ids).
    const before = await remindersQueue(t).getJobCounts('delayed');
    await scheduler.rescheduleItem(item);
    expect(await remindersQueue(t).getJobCounts('delayed')).toEqual(before);
  });

  it('closure cancels every pending reminder', async () => {
    t.clock.set('2025-09-15T02:00:00Z');
    const item = await addItem(t, world, { dueOn: '2025-10-09' });
    await scheduler.rescheduleItem(item);
    expect((await scheduler.pendingJobIds(item)).length).toBeGreaterThan(0);
    await sql(t, `UPDATE plan_items SET status = 'completed' WHERE id = $1`, [item]);
    await t.app.get(PlanEvents).emit({ type: 'item.closed', itemId: item });
    await waitUntil(async () => (await scheduler.pendingJobIds(item)).length === 0, 'reminders cancelled');
  });

  it('a reminder that fires reaches the lead department contacts and the cooperating department, nobody else', async () => {
    t.clock.set('2025-09-15T02:00:00Z');
    const item = await addItem(t, world, { dueOn: '2025-10-09', title: '建设标准化考场' });
    await scheduler.rescheduleItem(item);
    t.clock.set('2025-09-30T01:00:30Z'); // before_1 time
    t.mail.clear();
    expect(await scheduler.promoteDue()).toBeGreaterThan(0);
    await t.mail.waitFor((m) => m.subject.includes('建设标准化考场'), 3);
    await drained(t);
    const mails = t.mail.messages.filter((m) => m.subject.includes('建设标准化考场'));
    const { eduHead, eduDeputy, finHead, eduStaff, eduInactive } = world.users;
    expect(mails.flatMap((m) => m.to).sort()).toEqual([eduDeputy.email, eduHead.email, finHead.email].sort());
    expect(to(mails, eduStaff)).toHaveLength(0);
    expect(to(mails, eduInactive)).toHaveLength(0);
    expect(to(mails, finHead)[0].text).toContain('请尽快签收');
    expect(to(mails, eduHead)[0].text).toContain(`http://localhost:3000/items/${item}`);
    expect(to(mails, eduHead)[0].subject).toContain('还有 1 个工作日到期');
    // Firing the same reminder again (a duplicate job after a crash) sends nothing.
    await remindersQueue(t).add(
      'remind',
      (await remindersQueue(t).getJob(
        reminderJobId(item, { rule: 'before_1', dueOn: d('2025-10-09'), sendOn: d('2025-09-30') }),
      ))!.data,
    );
    await drained(t);
    expect(t.mail.messages.filter((m) => m.subject.includes('建设标准化考场'))).toHaveLength(3);
  });

  it('weekly digest users get non-urgent reminders folded into their digest, deadline reminders at once', async () => {
    t.clock.set('2025-09-15T02:00:00Z');
    const other = await t.createUser(Role.DeptHead, { departmentId: world.edu });
    await setMode(t, other, 'weekly');
    await setMode(t, world.users.eduHead, 'immediate');
    const calendar = t.app.get(WorkingCalendar);
    const item = await addItem(t, world, { dueOn: '2025-11-20', title: '校舍改造' });
    await scheduler.rescheduleItem(item);
    t.clock.set(`${calendar.addWorkingDays(d('2025-11-20'), -30)}T01:00:30Z`); // before_30
    t.mail.clear();
    await scheduler.promoteDue();
    await t.mail.waitFor((m) => m.subject.includes('校舍改造') && m.to.includes(world.users.eduHead.email));
    await drained(t);
    expect(to(t.mail.messages, other).filter((m) => m.subject.includes('校舍改造'))).toHaveLength(0);
    const entries = await sql(t, `SELECT kind FROM digest_entries WHERE user_id = $1 AND item_id = $2`, [
      other.id,
      item,
    ]);
    expect(entries).toEqual([{ kind: 'reminder' }]);
    // The 7-day reminder is deadline mail: it reaches the weekly user on its day, not next Monday.
    t.clock.set(`${calendar.addWorkingDays(d('2025-11-20'), -7)}T01:00:30Z`);
    await scheduler.rescheduleItem(item);
    await scheduler.promoteDue();
    await t.mail.waitFor(
      (m) => m.subject.includes('还有 7 个工作日到期：校舍改造') && m.to.includes(other.email),
    );
    await drained(t);
  });

  it('each department is reminded against its own 办理时限, and its mail names that date', async () => {
    t.clock.set('2025-10-09T00:30:00Z'); // Thu 9 Oct 2025, 08:30: the first working day after 国庆
    await setMode(t, world.users.finHead, 'immediate'); // its overdue reminder is not deadline mail
    const item = await addItem(t, world, { dueOn: '2025-10-09', title: '按部门时限督办' });
    // 财政局's own date is 30 Sep (the day before 国庆): it is overdue while 教育局's item is due today.
    await sql(t, `UPDATE assignments SET due_on = '2025-09-30' WHERE item_id = $1 AND department_id = $2`, [
      item,
      world.fin,
    ]);
    await scheduler.rescheduleItem(item);
    // Today: 教育局's due-day reminder and 财政局's overdue one (overdue_1 and _2 both moved off 国庆 onto
    // today: the more urgent is kept), each planned against its own date.
    expect((await delayed(item)).filter((j) => j.endsWith('2025-10-09T01:00:00.000Z'))).toEqual([
      'due_day 2025-10-09T01:00:00.000Z',
      'overdue_2 2025-10-09T01:00:00.000Z',
    ]);
    t.clock.set('2025-10-09T01:00:30Z');
    t.mail.clear();
    await scheduler.promoteDue();
    await t.mail.waitFor((m) => m.subject.includes('按部门时限督办'), 3);
    await drained(t);
    const mails = t.mail.messages.filter((m) => m.subject.includes('按部门时限督办'));
    const { eduHead, eduDeputy, finHead } = world.users;
    // One mail each: 教育局's contacts the due-day one, 财政局's head the overdue one.
    expect([to(mails, eduHead).length, to(mails, eduDeputy).length, to(mails, finHead).length]).toEqual([
      1, 1, 1,
    ]);
    expect(to(mails, eduHead)[0].subject).toBe('【督办提醒】今日到期：按部门时限督办');
    expect(to(mails, finHead)[0].subject).toBe('【督办提醒】已逾期 9 天：按部门时限督办');
    expect(to(mails, finHead)[0].text).toContain('截止 2025年9月30日');
    expect(to(mails, finHead)[0].text).not.toContain('2025年10月9日');
  });
});
