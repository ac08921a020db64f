import { addDays, parseCalendarDate as d, type CalendarDate } from '../../src/common/calendar-date';
import { Clock } from '../../src/common/clock';
import { WorkingCalendar } from '../../src/calendar/working-calendar';
import { DevClockController } from '../../src/reminders/dev-clock.controller';
import { ReminderSchedulerService } from '../../src/reminders/reminder-scheduler.service';
import { RemindersRunner } from '../../src/reminders/reminders-runner.service';
import { startTestApp, type TestApp } from '../support/test-app';
import { addItem, drained, seedWorld, setMode, sql, type World } from './reminder-fixtures';

/** 09:30 in Shanghai on `day`: after REMINDER_SEND_AT (09:00). */
const morning = (day: CalendarDate): string => `${day}T01:30:00.000Z`;

describe('dev clock: a jump shows exactly the mails a person would have received by then', () => {
  let t: TestApp;
  let world: World;

  beforeAll(async () => {
    t = await startTestApp();
    world = await seedWorld(t);
    // Reminders reach immediate users one by one (digest users get the early ones folded into a digest).
    await setMode(t, world.users.eduHead, 'immediate');
    await setMode(t, world.users.eduDeputy, 'immediate');
  });
  afterAll(() => t?.close());

  it('an item about three months ahead: 30/7/1 working days before, due day, then overdue — each on its jump, once', async () => {
    // TEST_NOW is 2026-11-25; reminders exist in Redis only 35 days ahead, so none of these is scheduled yet.
    const dueOn = d('2027-02-26');
    const item = await addItem(t, world, { dueOn, title: '三个月后到期的任务', cooperate: [] });
    await t.app.get(ReminderSchedulerService).rescheduleItem(item);
    expect(await t.app.get(ReminderSchedulerService).pendingJobIds(item)).toEqual([]);

    const calendar = t.app.get(WorkingCalendar);
    // The controller as the route runs it; its "real time" is the test's clock, so `now` lands exactly.
    const devClock = new DevClockController(t.app.get(Clock), t.app.get(RemindersRunner));
    const sent = async () =>
      (
        await sql<{ rule: string; n: number }>(
          t,
          `SELECT payload->>'rule' AS rule, count(*)::int AS n FROM notification_outbox
            WHERE template = 'reminder' AND payload->'item'->>'id' = $1 AND status = 'sent'
            GROUP BY 1 ORDER BY min(created_at)`,
          [item],
        )
      ).map((r) => `${r.rule}×${r.n}`);
    const delivered = () =>
      t.mail.messages.filter((m) => m.subject.includes('三个月后到期的任务')).map((m) => m.messageId);

    const jumps: Array<[CalendarDate, string[]]> = [
      [calendar.addWorkingDays(dueOn, -30), ['before_30×2']],
      [calendar.addWorkingDays(dueOn, -7), ['before_30×2', 'before_7×2']],
      [calendar.addWorkingDays(dueOn, -1), ['before_30×2', 'before_7×2', 'before_1×2']],
      [dueOn, ['before_30×2', 'before_7×2', 'before_1×2', 'due_day×2']],
      [
        calendar.nextWorkingDayInclusive(addDays(dueOn, 1)),
        ['before_30×2', 'before_7×2', 'before_1×2', 'due_day×2', 'overdue_1×2'],
      ],
    ];
    for (const [day, expected] of jumps) {
      const result = await devClock.set({ now: morning(day) });
      expect(result.now).toBe(morning(day));
      await drained(t);
      expect([day, await sent()]).toEqual([day, expected]);
      // Every mail went out once: two contacts (head and deputy of the lead department) per reminder.
      const ids = delivered();
      expect(ids).toHaveLength(expected.length * 2);
      expect(new Set(ids).size).toBe(ids.length);
    }
    const subjects = t.mail.messages
      .filter((m) => m.to.includes(world.users.eduHead.email) && m.subject.includes('三个月后到期的任务'))
      .map((m) => m.subject);
    expect(subjects).toHaveLength(5);
    expect(subjects[2]).toContain('还有 1 个工作日到期');
  });
});
