/**
 * The status of an assignment, derived from facts rather than stored and kept in sync by hand (pure).
 *
 * Precedence, first match wins:
 *   cancelled → completed → submitted → overdue → due_soon → not_started → in_progress
 *
 * - completed needs the reviewer's approval of completion (销号审批) and, for an indicator-linked item, that the
 *   latest evidence passed: an approved report alone does not close an item whose indicator says otherwise.
 * - submitted means the ball is in the reviewer's court, so it outranks overdue: the assignee has acted.
 * - due_soon: the effective due date is at most N working days away (default 7; due today counts as 0).
 * - not_started: the start date is still ahead and nothing has been reported yet; an early report means the
 *   work has started.
 */
import { z } from 'zod';

import type { CalendarDate } from '../common/calendar-date';
import type { WorkingCalendar } from '../calendar/working-calendar';

export const ASSIGNMENT_STATUSES = [
  'not_started',
  'in_progress',
  'due_soon',
  'overdue',
  'submitted',
  'completed',
  'cancelled',
] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

/** State of the latest progress or completion report; `submitted` means it awaits review. */
export type ReportState = 'draft' | 'submitted' | 'approved' | 'returned';

export interface AssignmentStatusFacts {
  startOn?: CalendarDate | null;
  dueOn: CalendarDate;
  /** Due date after an approved extension, if any. */
  effectiveDueOn?: CalendarDate | null;
  cancelled: boolean;
  /** State of the most recent report; null when none was ever written. */
  latestReportState: ReportState | null;
  /** The reviewer approved the assignment as done (销号). */
  completionApproved: boolean;
  /** Completion is measured by an indicator (e.g. a statistic reaching its target). */
  indicatorLinked: boolean;
  /** Result of the latest evidence check for the linked indicator; null when not evaluated yet. */
  latestEvidencePassed: boolean | null;
}

export interface AssignmentStatusOptions {
  /** How many working days before the effective due date the item counts as due soon. */
  dueSoonWorkingDays: number;
}

export const DEFAULT_ASSIGNMENT_STATUS_OPTIONS: Readonly<AssignmentStatusOptions> = Object.freeze({
  dueSoonWorkingDays: 7,
});

const optionsSchema = z.object({ dueSoonWorkingDays: z.number().int().min(0).max(250) });

export function effectiveDueDate(
  facts: Pick<AssignmentStatusFacts, 'dueOn' | 'effectiveDueOn'>,
): CalendarDate {
  return facts.effectiveDueOn ?? facts.dueOn;
}

/** Whether the facts amount to a finished assignment (approval, plus passing evidence if indicator-linked). */
export function isCompleted(
  facts: Pick<AssignmentStatusFacts, 'completionApproved' | 'indicatorLinked' | 'latestEvidencePassed'>,
): boolean {
  if (!facts.completionApproved) return false;
  return !facts.indicatorLinked || facts.latestEvidencePassed === true;
}

export function deriveAssignmentStatus(
  facts: AssignmentStatusFacts,
  today: CalendarDate,
  calendar: WorkingCalendar,
  options: AssignmentStatusOptions = DEFAULT_ASSIGNMENT_STATUS_OPTIONS,
): AssignmentStatus {
  const { dueSoonWorkingDays } = optionsSchema.parse(options);
  if (facts.cancelled) return 'cancelled';
  if (isCompleted(facts)) return 'completed';
  if (facts.latestReportState === 'submitted') return 'submitted';

  const due = effectiveDueDate(facts);
  if (today > due) return 'overdue';
  if (calendar.workingDaysBetween(today, due) <= dueSoonWorkingDays) return 'due_soon';

  const nothingReported = facts.latestReportState === null || facts.latestReportState === 'draft';
  if (facts.startOn && today < facts.startOn && nothingReported) return 'not_started';
  return 'in_progress';
}
