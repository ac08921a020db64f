import { parseCalendarDate as d } from '../common/calendar-date';
import { WorkingCalendar } from '../calendar/working-calendar';
import {
  assignmentEffectiveDueOn,
  assignmentEffectiveDueSql,
  escalationStartOn,
  overdueDays,
} from './assignment-deadline.policy';

describe('assignmentEffectiveDueOn (办理时限 per assignment)', () => {
  const item = { dueOn: '2026-06-30' };

  it.each([
    ['follows the item by default', { dueOn: null, extendedDueOn: null }, '2026-06-30'],
    ['takes its own date, earlier or later', { dueOn: '2026-05-31', extendedDueOn: null }, '2026-05-31'],
    ['takes its approved extension', { dueOn: null, extendedDueOn: '2026-09-30' }, '2026-09-30'],
    ['extension over its own date', { dueOn: '2026-05-31', extendedDueOn: '2026-07-15' }, '2026-07-15'],
    [
      'a moot extension (base moved later) loses',
      { dueOn: '2026-12-31', extendedDueOn: '2026-07-15' },
      '2026-12-31',
    ],
  ] as const)('%s', (_name, assignment, expected) => {
    expect(assignmentEffectiveDueOn(assignment, item)).toBe(expected);
  });

  it('is null only when nothing gives a date', () => {
    expect(assignmentEffectiveDueOn({ dueOn: null, extendedDueOn: null }, { dueOn: null })).toBeNull();
    expect(assignmentEffectiveDueOn({ dueOn: '2026-03-01', extendedDueOn: null }, { dueOn: null })).toBe(
      '2026-03-01',
    );
  });

  it('has an SQL twin over the same columns (GREATEST ignores NULLs like the function)', () => {
    expect(assignmentEffectiveDueSql('x', 'y')).toBe(
      'GREATEST(x.extended_due_on, COALESCE(x.due_on, y.due_on))',
    );
  });
});

describe('escalationStartOn (督办单 only after the deadline has passed)', () => {
  const calendar = WorkingCalendar.fromChineseDays();

  it.each([
    ['a Wednesday deadline: the Thursday', '2027-06-30', '2027-07-01'],
    ['a Friday deadline: the Monday', '2025-11-07', '2025-11-10'],
    ['a Saturday deadline: the Monday (overdue since Sunday)', '2025-11-08', '2025-11-10'],
    ['the eve of National Day: the first working day after the holiday', '2025-09-30', '2025-10-09'],
    ['a deadline inside the holiday: the first working day after it', '2025-10-03', '2025-10-09'],
    ['before a make-up working Sunday: that Sunday', '2025-09-26', '2025-09-28'],
  ] as const)('%s', (_name, due, start) => {
    expect(escalationStartOn(d(due), calendar)).toBe(start);
  });
});

describe('overdueDays (逾期天数)', () => {
  it('counts calendar days past the effective date', () => {
    expect(overdueDays('2026-11-20', '2026-11-25')).toBe(5);
    expect(overdueDays('2026-11-25', '2026-11-25')).toBe(0);
    expect(overdueDays('2026-12-01', '2026-11-25')).toBe(0);
    expect(overdueDays(null, '2026-11-25')).toBe(0);
  });
});
