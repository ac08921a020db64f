import { Injectable } from '@nestjs/common';
import { parseCalendarDate } from '../common/calendar-date';
import { type Notification, NotificationsService } from '../notifications/notifications.service';
import type { ReminderPayload } from '../notifications/notification-templates';
import type { RemindersPayloads, RemindersJob } from '../queue/queues';
import {
  type ItemDepartment,
  type ItemFacts,
  itemRef,
  ReminderFactsRepository,
} from './reminder-facts.repository';
import { ReminderSchedulerService } from './reminder-scheduler.service';
import { reminderKey, type ReminderRule } from './reminder.policy';

export type DispatchOutcome = 'stale' | 'backlog' | { recipients: number; queued: number; digested: number };

/** Rules that reach digest users at once too: the last working day before the deadline and the day itself. */
const URGENT_RULES = new Set(['before_1', 'due_day']);

export interface DepartmentDuty {
  department: ItemDepartment;
  /** what the department still owes; null for the lead department's general reminder */
  outstanding: 'acknowledge' | 'report' | null;
}

/**
 * Runs when a `remind` job fires: checks the reminder still belongs to the item's current plan (a changed
 * deadline, a closure or an extension makes old jobs stale), then tells each department that still owes
 * something — the lead department always, a cooperating one only for its own missing 签收 or report.
 */
@Injectable()
export class ReminderDispatchService {
  constructor(
    private readonly facts: ReminderFactsRepository,
    private readonly scheduler: ReminderSchedulerService,
    private readonly notifications: NotificationsService,
  ) {}

  async fire(job: RemindersPayloads[RemindersJob.Remind]): Promise<DispatchOutcome> {
    const [item] = await this.facts.items([job.itemId]);
    if (!item) return 'stale';
    const sendOn = parseCalendarDate(job.sendOn);
    const stillPlanned = this.scheduler
      .planFor(item, await this.scheduler.policyFor(item), sendOn, sendOn)
      .some((p) => p.rule === job.rule && p.dueOn === job.dueOn);
    if (!stillPlanned) return 'stale';
    if (item.backlogUntil && job.sendOn <= item.backlogUntil) return 'backlog';

    // A reminder planned against one department's date goes to the departments with that date only.
    const duties = (await this.duties(item, 'once')).filter(
      (d) => d.department.effectiveDueOn === null || d.department.effectiveDueOn === job.dueOn,
    );
    const contacts = await this.facts.contacts(duties.map((d) => d.department.departmentId));
    let recipients = 0;
    let queued = 0;
    let digested = 0;
    const seen = new Set<string>();
    for (const duty of duties) {
      const userIds = (contacts.get(duty.department.departmentId) ?? []).filter((id) => !seen.has(id));
      userIds.forEach((id) => seen.add(id));
      for (const recipient of await this.notifications.recipients(userIds)) {
        recipients++;
        const payload: ReminderPayload = {
          item: itemRef(item, duty.department.departmentName),
          rule: job.rule,
          dueOn: job.dueOn,
          departmentName: duty.department.departmentName,
          role: duty.department.role,
          outstanding: duty.outstanding,
        };
        const notification: Notification = {
          template: 'reminder',
          payload: payload as unknown as Record<string, unknown>,
          key: reminderKey(item.id, job.rule as ReminderRule, parseCalendarDate(job.dueOn), recipient.userId),
          urgent: URGENT_RULES.has(job.rule),
          digest: { kind: 'reminder', itemId: item.id, payload: { rule: job.rule, dueOn: job.dueOn } },
        };
        const outcome = await this.notifications.notify(recipient, notification);
        if (outcome === 'queued') queued++;
        if (outcome === 'digest') digested++;
      }
    }
    return { recipients, queued, digested };
  }

  /** Which departments of the item still owe something for `period` (签收, or the period's report). */
  async duties(item: ItemFacts, period: string): Promise<DepartmentDuty[]> {
    const out: DepartmentDuty[] = [];
    for (const department of await this.facts.departments([item.id])) {
      if (department.role === 'lead') {
        out.push({ department, outstanding: department.acknowledged ? null : 'acknowledge' });
      } else if (!department.acknowledged) {
        out.push({ department, outstanding: 'acknowledge' });
      } else if (!(await this.facts.isReportIn(item.id, department.departmentId, period))) {
        out.push({ department, outstanding: 'report' });
      }
    }
    return out;
  }
}
