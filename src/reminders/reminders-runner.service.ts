import { Injectable } from '@nestjs/common';
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

  /** Time travel: promote reminders due by the Clock's now, then run the daily passes. */
  async runDue(): Promise<{ promoted: number; daily: DailyRunReport }> {
    const promoted = await this.scheduler.promoteDue();
    return { promoted, daily: await this.daily() };
  }
}
