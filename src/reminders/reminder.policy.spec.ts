import { translate } from '../common/i18n/catalog';
import { latinWords } from '../common/i18n/latin-words';
import { addDays, parseCalendarDate, type CalendarDate } from '../common/calendar-date';
import { WorkingCalendar } from '../calendar/working-calendar';
import {
  DEFAULT_ESCALATION_THRESHOLDS,
  DEFAULT_REMINDER_POLICY,
  escalationLevel,
  mergePolicy,
  nextDigestAt,
  planReminders,
  policyProblems,
  reminderKey,
  reminderPolicyOverrideSchema,
  type EscalationItem,
  type PlannedReminder,
  type ReminderItem,
  type ReminderPolicy,
} from './reminder.policy';

const d = parseCalendarDate;
const calendar = WorkingCalendar.fromChineseDays();
const policy: ReminderPolicy = mergePolicy(DEFAULT_REMINDER_POLICY);

function plan(item: ReminderItem, from: string, to: string, p: ReminderPolicy = policy): PlannedReminder[] {
  return planReminders(item, p, calendar, { from: d(from), to: d(to) });
}

function rulesAndDays(reminders: PlannedReminder[]): Array<[string, string]> {
  return reminders.map((r) => [r.rule, r.sendOn]);
}

describe('mergePolicy', () => {
  it('returns the global default when nothing overrides it', () => {
    expect(mergePolicy(DEFAULT_REMINDER_POLICY)).toEqual({
      beforeDueWorkingDays: [30, 7, 1],
      onDueDay: true,
      overdueEveryCalendarDays: 7,
      startNotice: true,
      sendAt: '09:00',
      timezone: 'Asia/Shanghai',
    });
  });

  it('lets the item win over the plan and the plan over the global default', () => {
    const merged = mergePolicy(
      DEFAULT_REMINDER_POLICY,
      { beforeDueWorkingDays: [3], sendAt: '08:30', onDueDay: false },
      { sendAt: '10:00', overdueEveryCalendarDays: 3 },
    );
    expect(merged).toEqual({
      beforeDueWorkingDays: [3],
      onDueDay: false,
      overdueEveryCalendarDays: 3,
      startNotice: true,
      sendAt: '10:00',
      timezone: 'Asia/Shanghai',
    });
  });

  it('inherits fields that are undefined and ignores missing layers', () => {
    const merged = mergePolicy(DEFAULT_REMINDER_POLICY, null, { sendAt: undefined, startNotice: false });
    expect(merged.sendAt).toBe('09:00');
    expect(merged.startNotice).toBe(false);
  });

  it('de-duplicates and sorts the offsets, most distant first', () => {
    expect(
      mergePolicy(DEFAULT_REMINDER_POLICY, { beforeDueWorkingDays: [1, 7, 7, 30] }).beforeDueWorkingDays,
    ).toEqual([30, 7, 1]);
  });

  it('does not mutate its inputs', () => {
    const planLayer = { beforeDueWorkingDays: [1, 3] };
    mergePolicy(DEFAULT_REMINDER_POLICY, planLayer);
    expect(planLayer.beforeDueWorkingDays).toEqual([1, 3]);
    expect(DEFAULT_REMINDER_POLICY.beforeDueWorkingDays).toEqual([30, 7, 1]);
  });

  it.each([
    [{ sendAt: '9:00' }],
    [{ sendAt: '24:00' }],
    [{ timezone: 'China/Beijing' }],
    [{ beforeDueWorkingDays: [0] }],
    [{ beforeDueWorkingDays: [2.5] }],
    [{ overdueEveryCalendarDays: -7 }],
  ])('rejects an invalid result %j', (override) => {
    expect(() => mergePolicy(DEFAULT_REMINDER_POLICY, override)).toThrow();
  });

  it('refuses unknown keys in a stored override', () => {
    expect(reminderPolicyOverrideSchema.safeParse({ sendAt: '08:00' }).success).toBe(true);
    expect(reminderPolicyOverrideSchema.safeParse({ sendAtt: '08:00' }).success).toBe(false);
  });
});

describe('planReminders', () => {
  describe('an item due on Friday 2025-10-10, just after the National Day break', () => {
    const item: ReminderItem = { startOn: d('2025-08-01'), dueOn: d('2025-10-10') };

    it('counts offsets in working days and keeps the cadence on working days', () => {
      expect(rulesAndDays(plan(item, '2025-07-01', '2025-10-31'))).toEqual([
        ['start', '2025-08-01'],
        ['before_30', '2025-08-22'],
        // Oct 9, Sep 30, 29, 28 (make-up Sunday), 26, 25, 24.
        ['before_7', '2025-09-24'],
        ['before_1', '2025-10-09'],
        ['due_day', '2025-10-10'],
        // Nominal Oct 11 is the make-up Saturday: a working day, so it stays.
        ['overdue_1', '2025-10-11'],
        // Nominal Oct 18 and 25 are Saturdays: moved to Monday.
        ['overdue_2', '2025-10-20'],
        ['overdue_3', '2025-10-27'],
      ]);
    });

    it('sends at 09:00 Shanghai, i.e. 01:00 UTC, and carries the due date', () => {
      const [start] = plan(item, '2025-08-01', '2025-08-01');
      expect(start).toEqual({
        rule: 'start',
        sendOn: '2025-08-01',
        sendAtUtc: '2025-08-01T01:00:00.000Z',
        dueOn: '2025-10-10',
      });
    });

    it('uses the policy’s send time', () => {
      const early = mergePolicy(DEFAULT_REMINDER_POLICY, { sendAt: '07:30' });
      expect(plan(item, '2025-10-10', '2025-10-10', early)[0].sendAtUtc).toBe('2025-10-09T23:30:00.000Z');
    });

    it('keeps sending overdue reminders every 7 days for as long as the window reaches', () => {
      const reminders = plan(item, '2026-01-01', '2026-01-31');
      expect(rulesAndDays(reminders)).toEqual([
        ['overdue_13', '2026-01-04'], // nominal Sat Jan 3 (元旦) → the make-up Sunday
        ['overdue_14', '2026-01-12'],
        ['overdue_15', '2026-01-19'],
        ['overdue_16', '2026-01-26'],
      ]);
    });
  });

  describe('an item due on a holiday (2025-10-03)', () => {
    const item: ReminderItem = { dueOn: d('2025-10-03') };

    it('moves the due-day reminder to the last working day before it, where it replaces before_1', () => {
      expect(rulesAndDays(plan(item, '2025-09-15', '2025-10-31'))).toEqual([
        ['before_7', '2025-09-23'],
        ['due_day', '2025-09-30'],
        ['overdue_1', '2025-10-09'], // nominal Oct 4, inside the break
        ['overdue_2', '2025-10-11'], // nominal Oct 11, the make-up Saturday
        ['overdue_3', '2025-10-20'],
        ['overdue_4', '2025-10-27'],
      ]);
    });

    it('sends before_1 when the due-day reminder is switched off', () => {
      const noDueDay = mergePolicy(DEFAULT_REMINDER_POLICY, { onDueDay: false });
      expect(rulesAndDays(plan(item, '2025-09-30', '2025-09-30', noDueDay))).toEqual([
        ['before_1', '2025-09-30'],
      ]);
    });
  });

  describe('Spring Festival 2026 swallowing overdue reminders', () => {
    // Due Saturday 2026-02-07; the break runs Sun Feb 15 – Mon Feb 23.
    const item: ReminderItem = { dueOn: d('2026-02-07') };

    it('sends one reminder on the first day back even though two were due during the break', () => {
      expect(rulesAndDays(plan(item, '2026-02-01', '2026-03-08'))).toEqual([
        ['due_day', '2026-02-06'],
        ['overdue_1', '2026-02-09'],
        // overdue_2 (nominal Feb 15) and overdue_3 (Feb 22) both land on Feb 24; the more urgent one is sent.
        ['overdue_3', '2026-02-24'],
        ['overdue_4', '2026-03-02'],
      ]);
    });

    it('gives the same answer whatever the window, so daily runs agree with a long look-ahead', () => {
      const whole = plan(item, '2026-01-01', '2026-04-30');
      const dayByDay: PlannedReminder[] = [];
      for (let day = d('2026-01-01'); day <= d('2026-04-30'); day = addDays(day, 1)) {
        dayByDay.push(...plan(item, day, day));
      }
      expect(dayByDay).toEqual(whole);
      expect(plan(item, '2026-02-24', '2026-02-24').map((r) => r.rule)).toEqual(['overdue_3']);
    });
  });

  describe('start notice', () => {
    it('moves a start on a holiday to the next working day', () => {
      const reminders = plan(
        { startOn: d('2025-10-01'), dueOn: d('2025-12-31') },
        '2025-10-01',
        '2025-10-31',
      );
      expect(rulesAndDays(reminders)).toEqual([['start', '2025-10-09']]);
    });

    it('drops before-due reminders that would precede the start, and yields to a more urgent one', () => {
      const reminders = plan(
        { startOn: d('2025-10-09'), dueOn: d('2025-10-10') },
        '2025-08-01',
        '2025-10-10',
      );
      expect(rulesAndDays(reminders)).toEqual([
        ['before_1', '2025-10-09'],
        ['due_day', '2025-10-10'],
      ]);
    });

    it('is not sent without a start date or when switched off', () => {
      const noStart = mergePolicy(DEFAULT_REMINDER_POLICY, { startNotice: false });
      const item = { startOn: d('2025-11-03'), dueOn: d('2025-12-31') };
      expect(plan(item, '2025-11-01', '2025-11-05', noStart)).toEqual([]);
      expect(plan({ dueOn: d('2025-12-31') }, '2025-11-01', '2025-11-05')).toEqual([]);
    });
  });

  it('honours switched-off rules', () => {
    const quiet = mergePolicy(DEFAULT_REMINDER_POLICY, {
      beforeDueWorkingDays: [],
      onDueDay: false,
      overdueEveryCalendarDays: 0,
      startNotice: false,
    });
    expect(
      plan({ startOn: d('2025-11-03'), dueOn: d('2025-11-28') }, '2025-01-01', '2026-12-31', quiet),
    ).toEqual([]);
  });

  it('supports a different overdue cadence', () => {
    const every3 = mergePolicy(DEFAULT_REMINDER_POLICY, { overdueEveryCalendarDays: 3 });
    expect(rulesAndDays(plan({ dueOn: d('2025-11-03') }, '2025-11-04', '2025-11-12', every3))).toEqual([
      ['overdue_1', '2025-11-04'],
      ['overdue_2', '2025-11-07'],
      ['overdue_3', '2025-11-10'],
    ]);
  });

  it.each([['closed'], ['cancelled']] as const)('sends nothing for a %s item', (flag) => {
    expect(plan({ dueOn: d('2025-10-10'), [flag]: true }, '2025-01-01', '2026-12-31')).toEqual([]);
  });

  it('validates a policy that did not come through mergePolicy', () => {
    const raw: ReminderPolicy = { ...DEFAULT_REMINDER_POLICY, beforeDueWorkingDays: [0] };
    expect(() => plan({ dueOn: d('2025-10-10') }, '2025-10-01', '2025-10-31', raw)).toThrow();
  });

  it('rejects an empty window and a start after the due date', () => {
    expect(() => plan({ dueOn: d('2025-10-10') }, '2025-10-02', '2025-10-01')).toThrow(RangeError);
    expect(() =>
      plan({ startOn: d('2025-10-11'), dueOn: d('2025-10-10') }, '2025-10-01', '2025-10-31'),
    ).toThrow(RangeError);
  });
});

describe('reminderKey', () => {
  it('joins the parts deterministically', () => {
    expect(reminderKey('item-42', 'before_7', d('2025-10-10'))).toBe('reminder|item-42|before_7|2025-10-10');
    expect(reminderKey(42, 'overdue_3', d('2026-02-07'), 'user-7')).toBe(
      'reminder|42|overdue_3|2026-02-07|user-7',
    );
    expect(reminderKey(42, 'due_day', d('2026-02-07'), 'u')).toBe(
      reminderKey(42, 'due_day', d('2026-02-07'), 'u'),
    );
  });

  it('changes when an extension moves the due date', () => {
    expect(reminderKey(1, 'due_day', d('2025-10-10'))).not.toBe(reminderKey(1, 'due_day', d('2025-10-17')));
  });

  it('escapes separators and the colon BullMQ refuses in job ids', () => {
    const key = reminderKey('a|b', 'start', d('2025-10-10'), 'mail:x@example.com');
    expect(key).toBe('reminder|a%7Cb|start|2025-10-10|mail%3Ax%40example.com');
    expect(key).not.toContain(':');
    expect(key.split('|')).toHaveLength(5);
  });

  it('needs an item id', () => {
    expect(() => reminderKey('', 'start', d('2025-10-10'))).toThrow(RangeError);
  });
});

describe('escalationLevel', () => {
  const dueFriday: EscalationItem = { dueOn: d('2025-11-07') };

  function at(item: EscalationItem, today: string, thresholds = DEFAULT_ESCALATION_THRESHOLDS) {
    return escalationLevel(item, d(today), calendar, thresholds);
  }

  it('is none while nothing is wrong', () => {
    expect(at(dueFriday, '2025-11-07')).toEqual({ level: 'none', reasons: [], since: null, ladder: null });
  });

  it.each([
    ['2025-11-08', 'none', null],
    ['2025-11-10', 'blue', '2025-11-10'],
    ['2025-11-14', 'blue', '2025-11-10'],
    ['2025-11-17', 'yellow', '2025-11-17'],
    ['2025-11-21', 'yellow', '2025-11-17'],
    ['2025-11-24', 'red', '2025-11-24'],
    ['2026-03-01', 'red', '2025-11-24'],
  ] as const)('due Friday: on %s it is %s since %s', (today, level, since) => {
    if (level === 'none') {
      expect(at(dueFriday, today).level).toBe('none');
      return;
    }
    expect(at(dueFriday, today)).toEqual({
      level,
      reasons: ['overdue'],
      since,
      // Past due on Saturday, but escalation starts on the first working day after the deadline (Monday):
      // 5 working days at blue, 10 before red.
      ladder: { blue: '2025-11-10', yellow: '2025-11-17', red: '2025-11-24' },
    });
  });

  it('counts working days through National Day and its make-up days', () => {
    // Due Fri Sep 26; the first working day after it is the make-up Sunday Sep 28.
    // Yellow after Sep 29, 30, Oct 9, 10, 11 (make-up Saturday); red after Oct 13, 14, 15, 16, 17.
    expect(at({ dueOn: d('2025-09-26') }, '2025-09-27').level).toBe('none');
    expect(at({ dueOn: d('2025-09-26') }, '2025-10-08')).toMatchObject({
      level: 'blue',
      ladder: { blue: '2025-09-28', yellow: '2025-10-11', red: '2025-10-17' },
    });
    expect(at({ dueOn: d('2025-09-26') }, '2025-10-11').level).toBe('yellow');
    expect(at({ dueOn: d('2025-09-26') }, '2025-10-17').level).toBe('red');
  });

  it('issues nothing before the deadline has passed, even with a red progress light (issue 13)', () => {
    // The case from the issue: due 2027-06-30 (Wednesday), a red light for weeks; nothing on 06-29 or 06-30.
    const behind: EscalationItem = { dueOn: d('2027-06-30'), progressRedSince: d('2027-05-20') };
    expect(at(behind, '2027-06-29').level).toBe('none');
    expect(at(behind, '2027-06-30').level).toBe('none');
    expect(at(behind, '2027-07-01')).toEqual({
      level: 'blue',
      reasons: ['overdue', 'progress_red'],
      since: '2027-07-01',
      ladder: { blue: '2027-07-01', yellow: '2027-07-08', red: '2027-07-15' },
    });
  });

  it('ignores a red-light date that is still in the future', () => {
    expect(at({ ...dueFriday, progressRedSince: d('2025-11-20') }, '2025-11-10').reasons).toEqual([
      'overdue',
    ]);
  });

  it.each([['closed'], ['cancelled']] as const)('stops when the item is %s', (flag) => {
    expect(at({ ...dueFriday, progressRedSince: d('2025-10-20'), [flag]: true }, '2025-12-01').level).toBe(
      'none',
    );
  });

  it('stops when an extension moves the due date past today', () => {
    const extended: EscalationItem = { ...dueFriday, effectiveDueOn: d('2025-12-31') };
    expect(at(extended, '2025-11-24').level).toBe('none');
    // Due Wednesday 2025-12-31; 01-01..03 are the New Year holiday, so escalation starts on the make-up
    // working Sunday 2026-01-04.
    expect(at(extended, '2026-01-03').level).toBe('none');
    expect(at(extended, '2026-01-04')).toMatchObject({ level: 'blue', since: '2026-01-04' });
  });

  it('restarts the ladder at the approval when the item is still overdue after an extension', () => {
    const stillLate: EscalationItem = {
      ...dueFriday,
      effectiveDueOn: d('2025-11-11'),
      extensionApprovedOn: d('2025-11-14'),
    };
    expect(at(stillLate, '2025-11-17')).toEqual({
      level: 'blue',
      reasons: ['overdue'],
      since: '2025-11-14',
      ladder: { blue: '2025-11-14', yellow: '2025-11-21', red: '2025-11-28' },
    });
  });

  it('takes configurable thresholds and validates them', () => {
    const fast = { yellowAfterWorkingDays: 1, redAfterWorkingDays: 2 };
    expect(at(dueFriday, '2025-11-11', fast).level).toBe('yellow');
    expect(at(dueFriday, '2025-11-12', fast).level).toBe('red');
    expect(() =>
      at(dueFriday, '2025-11-12', { yellowAfterWorkingDays: 5, redAfterWorkingDays: 5 }),
    ).toThrow();
    expect(() =>
      at(dueFriday, '2025-11-12', { yellowAfterWorkingDays: 0, redAfterWorkingDays: 5 }),
    ).toThrow();
  });
});

describe('nextDigestAt', () => {
  const next = (pref: 'daily' | 'weekly', now: string) => nextDigestAt(pref, new Date(now), calendar);

  describe('daily: 09:00 Shanghai on working days', () => {
    it.each([
      ['2025-09-30T00:59:00Z', '2025-09-30T01:00:00.000Z', 'later the same working morning'],
      ['2025-09-30T01:00:00Z', '2025-10-09T01:00:00.000Z', 'strictly after now, then past National Day'],
      ['2025-09-30T17:00:00Z', '2025-10-09T01:00:00.000Z', 'already Oct 1 in Shanghai'],
      ['2025-10-10T02:00:00Z', '2025-10-11T01:00:00.000Z', 'the make-up Saturday is a working day'],
      ['2025-11-07T05:00:00Z', '2025-11-10T01:00:00.000Z', 'skips an ordinary weekend'],
      ['2026-02-13T03:00:00Z', '2026-02-14T01:00:00.000Z', 'make-up Saturday before Spring Festival 2026'],
      ['2026-02-14T03:00:00Z', '2026-02-24T01:00:00.000Z', 'then the nine-day break'],
    ])('%s → %s (%s)', (now, expected) => {
      expect(next('daily', now)).toBe(expected);
    });
  });

  describe('weekly: Monday 09:00 Shanghai', () => {
    it.each([
      ['2025-11-12T04:00:00Z', '2025-11-17T01:00:00.000Z', 'mid-week → next Monday'],
      ['2025-11-10T00:30:00Z', '2025-11-10T01:00:00.000Z', 'Monday before nine → today'],
      ['2025-11-10T01:00:00Z', '2025-11-17T01:00:00.000Z', 'Monday at nine → next week'],
      ['2025-11-16T16:30:00Z', '2025-11-17T01:00:00.000Z', 'Sunday in UTC, already Monday in Shanghai'],
      ['2025-10-01T00:00:00Z', '2025-10-06T01:00:00.000Z', 'stays on Monday even inside a holiday week'],
    ])('%s → %s (%s)', (now, expected) => {
      expect(next('weekly', now)).toBe(expected);
    });
  });

  it('takes another send time', () => {
    expect(
      nextDigestAt('daily', new Date('2025-11-10T00:30:00Z'), calendar, {
        sendAt: '08:00',
        timezone: 'Asia/Shanghai',
      }),
    ).toBe('2025-11-11T00:00:00.000Z');
  });
});

describe('defaults', () => {
  it('matches the agreed global policy and escalation ladder', () => {
    expect(DEFAULT_REMINDER_POLICY).toMatchObject({
      beforeDueWorkingDays: [30, 7, 1],
      overdueEveryCalendarDays: 7,
    });
    expect(DEFAULT_ESCALATION_THRESHOLDS).toEqual({ yellowAfterWorkingDays: 5, redAfterWorkingDays: 10 });
    expect(Object.isFrozen(DEFAULT_REMINDER_POLICY)).toBe(true);
  });

  it('keeps CalendarDate results branded strings', () => {
    const sendOn: CalendarDate = plan({ dueOn: d('2025-11-07') }, '2025-11-07', '2025-11-07')[0].sendOn;
    expect(sendOn).toBe('2025-11-07');
  });
});

describe('policyProblems', () => {
  it('names each refused field in the reader’s language, with no Latin word for a zh-CN reader', () => {
    const parsed = reminderPolicyOverrideSchema.safeParse({
      beforeDueWorkingDays: [3, 0],
      overdueEveryCalendarDays: 400,
      sendAt: '25:00',
      onDueDay: 'yes',
      colour: 'red',
    });
    expect(parsed.success).toBe(false);
    const problems = policyProblems(parsed.success ? [] : parsed.error.issues);
    expect(problems.map((p) => p.field).sort()).toEqual(
      ['beforeDueWorkingDays.1', 'colour', 'onDueDay', 'overdueEveryCalendarDays', 'sendAt'].sort(),
    );
    const zh = problems.flatMap((p) => p.problems.map((m) => translate('zh-CN', m)));
    expect(zh).toEqual(
      expect.arrayContaining([
        '到期前提醒（工作日）第2项不能小于 1',
        '逾期后提醒间隔（天）不能大于 365',
        '发送时间应为“时:分”（00:00 至 23:59）',
        '到期当日提醒只能填“是”或“否”',
      ]),
    );
    expect(latinWords(zh.filter((t) => !t.includes('colour')).join('；'))).toEqual([]);
    const en = problems.flatMap((p) => p.problems.map((m) => translate('en', m)));
    expect(en).toContain('overdueEveryCalendarDays must not be greater than 365');
  });
});
