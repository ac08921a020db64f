/**
 * 办理时限 per assignment (pure). Each 承办单位 has its own deadline and asks for its own 延期; the item's date
 * is only the default. This file is THE rule for "the effective due date of an assignment": the TypeScript
 * function for code holding rows, and the same rule as an SQL expression for set-based queries (lists,
 * reminders, escalation). Keep the two in step; `assignment-deadline.policy.spec.ts` checks them together.
 */
import { type CalendarDate, daysBetween, parseCalendarDate } from '../common/calendar-date';
import type { WorkingCalendar } from '../calendar/working-calendar';

export interface AssignmentDeadlineFacts {
  /** The assignment's own 办理时限, or null to follow the item's date. */
  dueOn: string | null;
  /** Date granted by the latest approved 延期 of this assignment, or null. */
  extendedDueOn: string | null;
}

/**
 * The effective due date of one assignment: its own 办理时限 (else the item's date), or its approved extension
 * when that is later. An extension later overtaken by a moved base date is moot (the later date wins).
 */
export function assignmentEffectiveDueOn(
  assignment: AssignmentDeadlineFacts,
  item: { dueOn: string | null },
): string | null {
  const base = assignment.dueOn ?? item.dueOn;
  const extended = assignment.extendedDueOn;
  if (!extended) return base;
  if (!base) return extended;
  return extended > base ? extended : base;
}

/**
 * SQL form of `assignmentEffectiveDueOn` (a `date`) for an `assignments` alias and its `plan_items` alias.
 * GREATEST ignores NULLs, like the function.
 */
export function assignmentEffectiveDueSql(a = 'a', i = 'i'): string {
  return `GREATEST(${a}.extended_due_on, COALESCE(${a}.due_on, ${i}.due_on))`;
}

/**
 * SQL: the assignment's part is done — its latest report is approved, at 100 % for a lead (the closure rule:
 * a lead finishes the work, a cooperating department contributes).
 */
export function assignmentDoneSql(a = 'a'): string {
  return `EXISTS (SELECT 1 FROM (SELECT r.state, r.percent FROM progress_reports r WHERE r.assignment_id = ${a}.id
            ORDER BY r.submitted_at DESC, r.created_at DESC, r.id DESC LIMIT 1) lr
           WHERE lr.state = 'approved' AND (${a}.role = 'cooperate' OR lr.percent = 100))`;
}

/**
 * SQL: the assignment is overdue on `todayParam` (a bound `date` parameter such as `:today` or `$2`): active,
 * past its effective due date, its part not done, the item neither closed nor cancelled. A report waiting for
 * review does not stop it being overdue: overdue is a fact about dates and closure, not about review.
 */
export function assignmentOverdueSql(todayParam: string, a = 'a', i = 'i'): string {
  return `(${a}.removed_at IS NULL AND ${i}.closed_at IS NULL AND ${i}.cancelled_at IS NULL
           AND ${assignmentEffectiveDueSql(a, i)} < ${todayParam}::date AND NOT ${assignmentDoneSql(a)})`;
}

/**
 * SQL: the item is overdue — any active lead assignment is overdue; an item without a lead goes by its own
 * effective date.
 */
export function itemOverdueSql(todayParam: string, i = 'i'): string {
  return `(${i}.closed_at IS NULL AND ${i}.cancelled_at IS NULL AND (
            EXISTS (SELECT 1 FROM assignments la WHERE la.item_id = ${i}.id AND la.role = 'lead'
                     AND ${assignmentOverdueSql(todayParam, 'la', i)})
            OR (NOT EXISTS (SELECT 1 FROM assignments la WHERE la.item_id = ${i}.id AND la.role = 'lead'
                             AND la.removed_at IS NULL)
                AND COALESCE(${i}.extended_due_on, ${i}.due_on) < ${todayParam}::date)))`;
}

/**
 * SQL: the item's effective due date — the earliest effective date of its lead assignments still open (the item
 * is late as soon as any lead is late); when every lead is done, the earliest of them; without leads, the item's
 * own date.
 */
export function itemEffectiveDueSql(i = 'i'): string {
  const leads = (open: boolean) =>
    `(SELECT MIN(${assignmentEffectiveDueSql('le', i)}) FROM assignments le
       WHERE le.item_id = ${i}.id AND le.role = 'lead' AND le.removed_at IS NULL${open ? ` AND NOT ${assignmentDoneSql('le')}` : ''})`;
  return `COALESCE(${leads(true)}, ${leads(false)}, ${i}.due_on)`;
}

/**
 * The first day of escalation (督办单) for a due date: the first working day after the deadline has passed — the
 * day after the due date if that is a working day, else the next one. Before it, no notice of any colour. The
 * deadline itself is the calendar date, as everywhere else: an item due on a Sunday gets its due-day reminder on
 * Friday, is overdue (lists, 逾期天数, the first overdue mail) on Monday, and its blue notice comes that Monday too.
 */
export function escalationStartOn(dueOn: CalendarDate, calendar: WorkingCalendar): CalendarDate {
  return calendar.nextWorkingDay(dueOn);
}

/** Calendar days past the effective due date (逾期天数), 0 when not past. */
export function overdueDays(effectiveDueOn: string | null, today: string): number {
  if (!effectiveDueOn || today <= effectiveDueOn) return 0;
  return daysBetween(parseCalendarDate(effectiveDueOn), parseCalendarDate(today));
}
