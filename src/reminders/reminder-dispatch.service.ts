import { Injectable } from '@nestjs/common';
import { parseCalendarDate } from '../common/calendar-date';
import { ContactsService } from '../departments/contacts.service';
import { departmentRecipients } from '../departments/department-mail';
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
import { Clock } from '../common/clock';
import { isDeadlineCritical, reminderDueNow, reminderKey, type ReminderRule } from './reminder.policy';

export type DispatchOutcome =
  'stale' | 'backlog' | 'late' | { rule: string; recipients: number; queued: number; digested: number };

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
    private readonly contacts: ContactsService,
    private readonly clock: Clock,
  ) {}

  /**
   * A job whose reminder is no longer planned on its day (new due date, calendar change, closure) re-plans the
   * item instead of just ending, so a reminder moved to another day is never lost. A job that runs after its
   * day sends what is true now (`reminderDueNow`): an overdue notice, or nothing.
   */
  async fire(job: RemindersPayloads[RemindersJob.Remind]): Promise<DispatchOutcome> {
    const [item] = await this.facts.items([job.itemId]);
    if (!item) return 'stale';
    const sendOn = parseCalendarDate(job.sendOn);
    const policy = await this.scheduler.policyFor(item);
    const stillPlanned = this.scheduler
      .planFor(item, policy, sendOn, sendOn)
      .some((p) => p.rule === job.rule && p.dueOn === job.dueOn);
    if (!stillPlanned) {
      await this.scheduler.rescheduleItem(item.id);
      return 'stale';
    }
    const today = this.clock.today();
    const rule = reminderDueNow(
      { rule: job.rule as ReminderRule, sendOn, dueOn: parseCalendarDate(job.dueOn) },
      today,
      policy.overdueEveryCalendarDays,
    );
    if (!rule) return 'late';
    if (item.backlogUntil && today <= item.backlogUntil) return 'backlog';
    // Deadline mail stays deadline mail when it turns into an overdue notice on a late run.
    const critical = isDeadlineCritical(job.rule);

    // A reminder planned against one department's date goes to the departments with that date only.
    const duties = (await this.duties(item, 'once')).filter(
      (d) => d.department.effectiveDueOn === null || d.department.effectiveDueOn === job.dueOn,
    );
    const mailTo = await this.contacts.mailTo(duties.map((d) => d.department.departmentId));
    let recipients = 0;
    let queued = 0;
    let digested = 0;
    const seen = new Set<string>();
    for (const duty of duties) {
      const to = mailTo.get(duty.department.departmentId);
      if (!to) continue;
      const route = departmentRecipients(to, 'routine');
      // The department's own 办理时限 (assignmentEffectiveDueSql), not the item's: after one lead's 延期 a
      // cooperating department is still told its own date and how long it is overdue.
      const dueOn = duty.department.effectiveDueOn ?? job.dueOn;
      const payload: ReminderPayload = {
        item: { ...itemRef(item, duty.department.departmentName), dueOn },
        rule,
        dueOn,
        sendOn: today,
        departmentName: duty.department.departmentName,
        role: duty.department.role,
        outstanding: duty.outstanding,
      };
      const notification = (recipientKey: string): Notification => ({
        template: 'reminder',
        payload: payload as unknown as Record<string, unknown>,
        key: reminderKey(item.id, rule, parseCalendarDate(job.dueOn), recipientKey),
        // Never capped, never folded into a digest, never stopped by unsubscribing: see isDeadlineCritical.
        mandatory: critical,
        digest: { kind: 'reminder', itemId: item.id, payload: { rule, dueOn: job.dueOn } },
      });
      // A department without accounts: its 联络人 (no settings to honour).
      if (route.address && !seen.has(route.address.email)) {
        seen.add(route.address.email);
        recipients++;
        const outcome = await this.notifications.notifyAddress(
          route.address,
          notification(`contact:${route.address.email}`),
        );
        if (outcome === 'queued') queued++;
      }
      const userIds = route.userIds.filter((id) => !seen.has(id));
      userIds.forEach((id) => seen.add(id));
      for (const recipient of await this.notifications.recipients(userIds)) {
        recipients++;
        const outcome = await this.notifications.notify(recipient, notification(recipient.userId));
        if (outcome === 'queued') queued++;
        if (outcome === 'digest') digested++;
      }
    }
    return { rule, recipients, queued, digested };
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
