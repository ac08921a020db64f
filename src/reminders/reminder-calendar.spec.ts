/**
 * The reminder and escalation schedule on the official calendar, row by row. Every expected date was counted by
 * hand from the State Council's 2026 schedule (国办发明电〔2025〕7号: 元旦 1–3 Jan, work Sun 4 Jan; 春节 15–23 Feb,
 * work Sat 14 and Sat 28 Feb; 清明 4–6 Apr; 劳动节 1–5 May, work Sat 9 May; 端午 19–21 Jun; 中秋 25–27 Sep;
 * 国庆 1–7 Oct, work Sun 20 Sep and Sat 10 Oct), which chinese-days carries, and — for 2027, which it does not
 * know yet — from an admin-entered notice giving 元旦 as 1–3 Jan 2027. Default policy: reminders 30, 7 and 1
 * working days before, on the due day (or the last working day before it), overdue every 7 calendar days
 * (moved to the next working day); ladder blue → yellow after 5 working days → red after 5 more.
 */
import { addDays, type CalendarDate } from '../common/calendar-date';
import { translate } from '../common/i18n/catalog';
import { parseYearNotice, WorkingCalendar, yearsWithoutOfficialCalendar } from '../calendar/working-calendar';
import {
  DEFAULT_REMINDER_POLICY,
  escalationDecision,
  escalationSchedule,
  isDeadlineCritical,
  planReminders,
  reminderDueNow,
  reminderJobId,
} from './reminder.policy';

const d = (s: string) => s as CalendarDate;
const official = WorkingCalendar.fromChineseDays();
const notice2027 = parseYearNotice(2027, { holidays: ['2027-01-01..2027-01-03 元旦'], workdays: [] });
const with2027 = WorkingCalendar.fromChineseDays(notice2027.overrides, { yearsEnteredByAdmins: [2027] });

interface Row {
  what: string;
  due: string;
  calendar: WorkingCalendar;
  /** rule → send date */
  sends: Record<string, string>;
  /** level → issue date, the daily pass running every day */
  ladder: { blue: string; yellow: string; red: string };
}

const ROWS: Row[] = [
  {
    what: 'a plain Friday',
    due: '2026-12-11',
    calendar: official,
    sends: {
      before_30: '2026-10-30',
      before_7: '2026-12-02',
      before_1: '2026-12-10',
      due_day: '2026-12-11',
      overdue_1: '2026-12-14', // nominal Sat 12 Dec
      overdue_2: '2026-12-21', // nominal Sat 19 Dec
    },
    ladder: { blue: '2026-12-14', yellow: '2026-12-21', red: '2026-12-28' },
  },
  {
    what: 'a Sunday: the 1-day and due-day reminders meet on Friday, the due-day one is sent',
    due: '2026-12-13',
    calendar: official,
    sends: {
      before_30: '2026-11-02',
      before_7: '2026-12-03',
      due_day: '2026-12-11',
      overdue_1: '2026-12-14',
      overdue_2: '2026-12-21',
    },
    ladder: { blue: '2026-12-14', yellow: '2026-12-21', red: '2026-12-28' },
  },
  {
    what: '国庆 (a holiday; 中秋 and the make-up Sunday 20 Sep on the way back)',
    due: '2026-10-01',
    calendar: official,
    sends: {
      before_30: '2026-08-20',
      before_7: '2026-09-21',
      due_day: '2026-09-30',
      overdue_1: '2026-10-08', // nominal 2 Oct, a holiday
      overdue_2: '2026-10-09',
    },
    // Sat 10 Oct is a make-up working day: it counts.
    ladder: { blue: '2026-10-08', yellow: '2026-10-14', red: '2026-10-21' },
  },
  {
    what: 'the Friday before 春节 (make-up Saturdays 14 and 28 Feb, make-up Sunday 4 Jan)',
    due: '2026-02-13',
    calendar: official,
    sends: {
      before_30: '2026-01-04',
      before_7: '2026-02-04',
      before_1: '2026-02-12',
      due_day: '2026-02-13',
      overdue_1: '2026-02-14', // a make-up Saturday is a working day
      overdue_2: '2026-02-24', // nominal 21 Feb, in the holiday
    },
    ladder: { blue: '2026-02-14', yellow: '2026-02-28', red: '2026-03-06' },
  },
  {
    what: '元旦 2027, entered by an admin',
    due: '2027-01-01',
    calendar: with2027,
    sends: {
      before_30: '2026-11-20',
      before_7: '2026-12-23',
      due_day: '2026-12-31',
      overdue_1: '2027-01-04',
      overdue_2: '2027-01-11',
    },
    ladder: { blue: '2027-01-04', yellow: '2027-01-11', red: '2027-01-18' },
  },
  {
    what: 'the Monday after 元旦 2027, entered by an admin',
    due: '2027-01-04',
    calendar: with2027,
    sends: {
      before_30: '2026-11-20',
      before_7: '2026-12-23',
      before_1: '2026-12-31',
      due_day: '2027-01-04',
      overdue_1: '2027-01-05',
      overdue_2: '2027-01-12',
    },
    ladder: { blue: '2027-01-05', yellow: '2027-01-12', red: '2027-01-19' },
  },
];

describe('the schedule on the official calendar (2026) and an entered year (2027)', () => {
  it.each(ROWS)('due $due, $what', (row) => {
    const due = d(row.due);
    const planned = planReminders({ dueOn: due }, DEFAULT_REMINDER_POLICY, row.calendar, {
      from: d('2026-01-01'),
      to: addDays(due, 14),
    });
    expect(Object.fromEntries(planned.map((p) => [p.rule, p.sendOn]))).toEqual(row.sends);
    // Every reminder and every notice lands on a working day.
    for (const p of planned)
      expect([p.sendOn, row.calendar.isWorkingDay(p.sendOn)]).toEqual([p.sendOn, true]);
    const ladder = escalationSchedule({ dueOn: due }, row.calendar, { from: due, to: addDays(due, 60) });
    expect(ladder).toEqual(row.ladder);
    for (const day of Object.values(ladder)) expect(row.calendar.isWorkingDay(day!)).toBe(true);
  });

  it('an unknown year is detected, and entering its notice changes the dates', () => {
    expect(official.knowsYear(2027)).toBe(false);
    expect(yearsWithoutOfficialCalendar(official, d('2026-12-05'))).toEqual([2027]);
    expect(yearsWithoutOfficialCalendar(official, d('2026-06-01'))).toEqual([]);
    expect(yearsWithoutOfficialCalendar(with2027, d('2026-12-05'))).toEqual([]);
    // Without the notice 2027 counts Monday–Friday: the due-day mail would go out on 元旦, the 7-day one a day late.
    const guess = planReminders({ dueOn: d('2027-01-04') }, DEFAULT_REMINDER_POLICY, official, {
      from: d('2026-12-01'),
      to: d('2027-01-04'),
    });
    expect(Object.fromEntries(guess.map((p) => [p.rule, p.sendOn]))).toEqual({
      before_7: '2026-12-24',
      before_1: '2027-01-01',
      due_day: '2027-01-04',
    });
    // A moved reminder gets another job id, so re-adding it is not ignored by the queue.
    const moved = guess.find((p) => p.rule === 'before_1')!;
    expect(reminderJobId('i1', moved)).not.toBe(reminderJobId('i1', { ...moved, sendOn: d('2026-12-31') }));
  });

  it('reads the lines as the State Council notice writes them, the same as the ISO form', () => {
    const written = parseYearNotice(2027, {
      holidays: ['2027年2月6日至12日 春节', '2027年9月30日至10月7日 国庆节', '2027年1月1日'],
      workdays: ['2027年2月14日 春节'],
    });
    const iso = parseYearNotice(2027, {
      holidays: ['2027-02-06..2027-02-12 春节', '2027-09-30..2027-10-07 国庆节', '2027-01-01'],
      workdays: ['2027-02-14 春节'],
    });
    expect(written.problems).toEqual([]);
    expect(written.overrides).toEqual(iso.overrides);
    expect(written.overrides).toHaveLength(17);
    expect(parseYearNotice(2027, { holidays: ['2027年2月30日 春节'], workdays: [] }).problems).toHaveLength(
      1,
    );
  });

  it('reads a notice as a short list of dates and names every bad line', () => {
    const ok = parseYearNotice(2027, {
      holidays: ['2027-02-06..2027-02-12 春节', '2027-01-01'],
      workdays: ['2027-02-14 春节'],
    });
    expect(ok.problems).toEqual([]);
    expect(ok.overrides).toHaveLength(9);
    expect(ok.overrides[0]).toEqual({ date: '2027-01-01', kind: 'holiday', name: '法定节假日' });
    const bad = parseYearNotice(2027, {
      holidays: ['2026-12-31', 'someday', '2027-01-01'],
      workdays: ['2027-01-01', '2027-01-06'],
    });
    expect(bad.overrides).toEqual([]);
    expect(bad.problems.map((p) => translate('zh-CN', p))).toEqual([
      expect.stringContaining('2026-12-31'),
      expect.stringContaining('someday'),
      expect.stringContaining('2027-01-01'),
      expect.stringContaining('2027-01-06'),
    ]);
    expect(bad.problems.map((p) => p.key)).toEqual([
      'calendar.day_not_in_year',
      'calendar.not_a_date_line',
      'calendar.workday_not_weekend',
      'calendar.workday_not_weekend',
    ]);
  });
});

describe('the ladder never skips a level and never issues on a day off', () => {
  it('an item created three months overdue starts at blue', () => {
    // Due 1 Sep 2026; the first daily pass that sees it is Monday 7 Dec.
    const ladder = escalationSchedule({ dueOn: d('2026-09-01') }, official, {
      from: d('2026-12-05'), // a Saturday: nothing
      to: d('2027-01-15'),
    });
    expect(ladder).toEqual({ blue: '2026-12-07', yellow: '2026-12-14', red: '2026-12-21' });
  });

  it('an imported backlog, held back for its digest week, climbs from blue afterwards', () => {
    const ladder = escalationSchedule(
      { dueOn: d('2026-06-30') },
      official,
      { from: d('2026-12-07'), to: d('2027-01-15') },
      undefined,
      d('2026-12-15'),
    );
    expect(ladder).toEqual({ blue: '2026-12-15', yellow: '2026-12-22', red: '2026-12-29' });
  });

  it('nothing is issued on a weekend or a holiday, and a level waits for the one before it', () => {
    const item = { dueOn: d('2026-09-01') };
    expect(escalationDecision(item, {}, d('2026-12-05'), official).issue).toBeNull(); // Saturday
    expect(escalationDecision(item, {}, d('2026-10-05'), official).issue).toBeNull(); // 国庆
    expect(escalationDecision(item, {}, d('2026-10-09'), official).issue).toBe('blue');
    // Red's date is long past, but yellow was never issued: yellow comes first.
    expect(escalationDecision(item, { blue: d('2026-10-09') }, d('2026-12-07'), official).issue).toBe(
      'yellow',
    );
    expect(
      escalationDecision(item, { blue: d('2026-10-09'), yellow: d('2026-12-07') }, d('2026-12-11'), official)
        .issue,
    ).toBeNull();
    expect(
      escalationDecision(item, { blue: d('2026-10-09'), yellow: d('2026-12-07') }, d('2026-12-14'), official)
        .issue,
    ).toBe('red');
  });
});

describe('deadline mail', () => {
  it('7-day, 1-day and due-day reminders are deadline-critical; 30-day, start and overdue ones are not', () => {
    expect(['before_7', 'before_1', 'due_day', 'before_3'].map(isDeadlineCritical)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(['before_30', 'before_8', 'start', 'overdue_1'].map(isDeadlineCritical)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });

  it('a job that runs late sends what is true that day: an overdue notice, or nothing', () => {
    const due = d('2027-01-08');
    const job = (rule: 'before_7' | 'before_1' | 'due_day', sendOn: string) => ({
      rule,
      sendOn: d(sendOn),
      dueOn: due,
    });
    expect(reminderDueNow(job('due_day', '2027-01-08'), d('2027-01-08'), 7)).toBe('due_day');
    // Worker down from 6 to 11 January: both the 1-day and the due-day job become the same overdue notice.
    expect(reminderDueNow(job('due_day', '2027-01-08'), d('2027-01-11'), 7)).toBe('overdue_1');
    expect(reminderDueNow(job('before_1', '2027-01-07'), d('2027-01-11'), 7)).toBe('overdue_1');
    expect(reminderDueNow(job('due_day', '2027-01-08'), d('2027-01-18'), 7)).toBe('overdue_2');
    // Late but before the deadline: nothing (the due-day reminder still comes).
    expect(reminderDueNow(job('before_7', '2026-12-30'), d('2027-01-04'), 7)).toBeNull();
  });
});
