import { parseCalendarDate } from '../common/calendar-date';
import { WorkingCalendar } from '../calendar/working-calendar';
import { deriveItemStatus, isTimeDerived } from './item-status.policy';

describe('deriveItemStatus', () => {
  const calendar = WorkingCalendar.fromChineseDays();
  const today = parseCalendarDate('2024-03-01'); // a Friday
  const facts = (startOn: string | null, dueOn: string | null) => ({
    startOn,
    dueOn,
    indicatorLinked: false,
  });

  it('an item without a due date is in progress once started, not started before', () => {
    expect(deriveItemStatus(facts(null, null), today, calendar)).toBe('in_progress');
    expect(deriveItemStatus(facts('2024-09-01', null), today, calendar)).toBe('not_started');
  });

  it('a due date in the past is overdue; within 7 working days due soon', () => {
    expect(deriveItemStatus(facts(null, '2023-12-31'), today, calendar)).toBe('overdue');
    expect(deriveItemStatus(facts(null, '2024-03-08'), today, calendar)).toBe('due_soon');
    expect(deriveItemStatus(facts(null, '2025-12-31'), today, calendar)).toBe('in_progress');
    expect(deriveItemStatus(facts('2025-01-01', '2025-12-31'), today, calendar)).toBe('not_started');
  });

  it('only the workflow sets submitted, completed and cancelled', () => {
    expect(['submitted', 'completed', 'cancelled'].map((s) => isTimeDerived(s as never))).toEqual([
      false,
      false,
      false,
    ]);
    expect(
      ['not_started', 'in_progress', 'due_soon', 'overdue'].every((s) => isTimeDerived(s as never)),
    ).toBe(true);
  });
});
