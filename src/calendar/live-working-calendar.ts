import type { CalendarDate } from '../common/calendar-date';
import { type DayInfo, WorkingCalendar } from './working-calendar';

/**
 * The `WorkingCalendar` every service injects. Its data can be replaced at run time (an admin edited the
 * override table) without re-creating the services holding it: every query goes to the current snapshot.
 */
export class LiveWorkingCalendar extends WorkingCalendar {
  private current: WorkingCalendar;
  /** Working-day answers of the current snapshot (planning asks about the same few hundred days again and again). */
  private working = new Map<CalendarDate, boolean>();

  constructor(initial: WorkingCalendar = WorkingCalendar.fromChineseDays()) {
    super({ holidays: new Map(), workdays: new Map(), years: new Set() });
    this.current = initial;
  }

  replace(next: WorkingCalendar): void {
    this.current = next;
    this.working = new Map();
  }

  override knowsYear(year: number): boolean {
    return this.current.knowsYear(year);
  }

  override dayInfo(date: CalendarDate): DayInfo {
    return this.current.dayInfo(date);
  }

  override isWorkingDay(date: CalendarDate): boolean {
    let working = this.working.get(date);
    if (working === undefined) {
      working = this.current.isWorkingDay(date);
      if (this.working.size > 100_000) this.working.clear();
      this.working.set(date, working);
    }
    return working;
  }
}
