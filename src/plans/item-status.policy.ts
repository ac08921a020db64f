/**
 * The stored status of a plan item (pure). Items are assignments of the whole plan: the same precedence as
 * `deriveAssignmentStatus`, plus the items a plan gives no deadline (headings, standing duties), which are
 * in progress once started and never due soon or overdue.
 *
 * submitted / completed / cancelled are set by the workflow (reports, 销号, re-import); time alone never
 * changes them, so refreshing statuses leaves them as they are.
 */
import { type AssignmentStatus, deriveAssignmentStatus } from './assignment-status.policy';
import type { CalendarDate } from '../common/calendar-date';
import type { WorkingCalendar } from '../calendar/working-calendar';

export const WORKFLOW_STATUSES: readonly AssignmentStatus[] = ['submitted', 'completed', 'cancelled'];
/** Statuses that are open work: not waiting for review, not finished, not cancelled. */
export const OPEN_STATUSES: readonly AssignmentStatus[] = [
  'not_started',
  'in_progress',
  'due_soon',
  'overdue',
];

export function isTimeDerived(status: AssignmentStatus): boolean {
  return !WORKFLOW_STATUSES.includes(status);
}

export interface ItemStatusFacts {
  /** YYYY-MM-DD or null */
  startOn: string | null;
  dueOn: string | null;
  indicatorLinked: boolean;
}

/** The status an item has by its dates alone (nothing reported yet). */
export function deriveItemStatus(
  item: ItemStatusFacts,
  today: CalendarDate,
  calendar: WorkingCalendar,
): AssignmentStatus {
  const startOn = item.startOn as CalendarDate | null;
  if (!item.dueOn) return startOn && today < startOn ? 'not_started' : 'in_progress';
  return deriveAssignmentStatus(
    {
      startOn,
      dueOn: item.dueOn as CalendarDate,
      cancelled: false,
      latestReportState: null,
      completionApproved: false,
      indicatorLinked: item.indicatorLinked,
      latestEvidencePassed: null,
    },
    today,
    calendar,
  );
}

/** Everything the stored status of an item depends on: its dates and where the 督办 flow stands. */
export interface ItemFlowFacts extends ItemStatusFacts {
  /** Due date after an approved extension (YYYY-MM-DD), or null. */
  extendedDueOn: string | null;
  cancelled: boolean;
  /** 办结: closed by a reviewer (or by the approval of its last report). */
  closed: boolean;
  /** Some assigned department's latest report awaits review. */
  awaitingReview: boolean;
  /** Any report was ever submitted (the work has started, whatever the start date says). */
  reported: boolean;
}

/**
 * The status of an item from its dates and its flow. Closing already required passing indicator evidence, so a
 * closed item is completed.
 */
export function deriveItemFlowStatus(
  item: ItemFlowFacts,
  today: CalendarDate,
  calendar: WorkingCalendar,
): AssignmentStatus {
  if (item.cancelled) return 'cancelled';
  if (item.closed) return 'completed';
  if (item.awaitingReview) return 'submitted';
  const startOn = item.startOn as CalendarDate | null;
  if (!item.dueOn) return startOn && today < startOn && !item.reported ? 'not_started' : 'in_progress';
  return deriveAssignmentStatus(
    {
      startOn,
      dueOn: item.dueOn as CalendarDate,
      effectiveDueOn: item.extendedDueOn as CalendarDate | null,
      cancelled: false,
      latestReportState: item.reported ? 'approved' : null,
      completionApproved: false,
      indicatorLinked: item.indicatorLinked,
      latestEvidencePassed: null,
    },
    today,
    calendar,
  );
}
