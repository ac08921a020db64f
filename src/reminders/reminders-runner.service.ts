import { Injectable } from '@nestjs/common';
import type { CalendarDate } from '../common/calendar-date';
import { Clock } from '../common/clock';
import { CalendarService } from '../calendar/calendar.service';
import { DigestService, type DigestRunReport } from './digest.service';
import { EscalationService, type EscalationRunReport } from './escalation.service';
import { ReportCycleService } from './report-cycle.service';
import { ReminderSchedulerService, type ScheduleReport } from './reminder-scheduler.service';

export interface DailyRunReport {
  escalation: EscalationRunReport;
  reports: { requests: number };
  digests: DigestRunReport;
}

/** The daily passes, callable from the job scheduler, the dev clock and tests (all read the Clock). */
@Injectable()
export class RemindersRunner {
  constructor(
    private readonly calendar: CalendarService,
    private readonly scheduler: ReminderSchedulerService,
    private readonly escalation: EscalationService,
    private readonly reports: ReportCycleService,
    private readonly digests: DigestService,
    private readonly clock: Clock,
  ) {}

  async replan(prune = false): Promise<ScheduleReport> {
    await this.calendar.reload();
    return this.scheduler.replanAll(prune);
  }

  async daily(): Promise<DailyRunReport> {
    await this.calendar.reload();
    const escalation = await this.escalation.run();
    const reports = await this.reports.run();
    const digests = await this.digests.run();
    return { escalation, reports, digests };
  }

  /**
   * Time travel to the Clock's now from `previousToday`: re-plans as of the new now, from the earlier of the
   * two days (a jump months ahead finds every reminder on the way: 30/7/1 working days, due day, overdue),
   * promotes what is due by now and runs the daily passes — the mails a person would have received by then.
   */
  async travel(
    previousToday: CalendarDate,
  ): Promise<{ replanned: ScheduleReport; promoted: number; daily: DailyRunReport }> {
    await this.calendar.reload();
    const today = this.clock.today();
    const replanned = await this.scheduler.replanAll(false, previousToday < today ? previousToday : today);
    const promoted = await this.scheduler.promoteDue();
    return { replanned, promoted, daily: await this.daily() };
  }

  /** Promotes what is due by the Clock's now and runs the daily passes (the worker's 09:00 tick, in tests). */
  async runDue(): Promise<{ promoted: number; daily: DailyRunReport }> {
    const promoted = await this.scheduler.promoteDue();
    return { promoted, daily: await this.daily() };
  }
}
