/** Reporting periods of recurring items (pure), keyed as `progress_reports.period`: 2026, 2026-H1, 2026-Q3, 2026-11. */
import { addDays, daysInMonth, parseCalendarDate, type CalendarDate } from '../common/calendar-date';
import type { Recurrence } from '../plans/deadline-reading.policy';

export interface ReportPeriod {
  key: string;
  start: CalendarDate;
  end: CalendarDate;
}

const pad = (n: number) => String(n).padStart(2, '0');

function months(recurrence: Recurrence): number {
  return { yearly: 12, semester: 6, quarterly: 3, monthly: 1 }[recurrence];
}

/** The period of `recurrence` that contains `day`. */
export function periodOf(recurrence: Recurrence, day: CalendarDate): ReportPeriod {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  const span = months(recurrence);
  const index = Math.floor((month - 1) / span); // 0-based period within the year
  const firstMonth = index * span + 1;
  const lastMonth = firstMonth + span - 1;
  const key =
    recurrence === 'yearly'
      ? `${year}`
      : recurrence === 'semester'
        ? `${year}-H${index + 1}`
        : recurrence === 'quarterly'
          ? `${year}-Q${index + 1}`
          : `${year}-${pad(month)}`;
  return {
    key,
    start: parseCalendarDate(`${year}-${pad(firstMonth)}-01`),
    end: parseCalendarDate(`${year}-${pad(lastMonth)}-${pad(daysInMonth(year, lastMonth))}`),
  };
}

/** The period before the one containing `day`. */
export function previousPeriod(recurrence: Recurrence, day: CalendarDate): ReportPeriod {
  return periodOf(recurrence, addDays(periodOf(recurrence, day).start, -1));
}
