import { Injectable } from '@nestjs/common';
import { WorkingCalendar } from '../calendar/working-calendar';
import { Clock } from '../common/clock';
import type { ReportRequestPayload } from '../notifications/notification-templates';
import { type Notification, NotificationsService } from '../notifications/notifications.service';
import { ContactsService } from '../departments/contacts.service';
import { departmentRecipients } from '../departments/department-mail';
import { itemRef, ReminderFactsRepository } from './reminder-facts.repository';
import { ReminderSchedulerService } from './reminder-scheduler.service';
import { planReminders } from './reminder.policy';
import { periodOf, previousPeriod } from './report-period';

/**
 * Recurring items (yearly, semester, quarterly, monthly): each period asks every assigned department for its
 * report on the period's first working day (the `start` rule) and reminds on the item's policy (before the
 * period's end, on its last working day, overdue) until that department's report for the period is in
 * (`ReminderFactsRepository.isReportIn`). Runs daily; keys make a second run the same day send nothing.
 */
@Injectable()
export class ReportCycleService {
  constructor(
    private readonly facts: ReminderFactsRepository,
    private readonly scheduler: ReminderSchedulerService,
    private readonly notifications: NotificationsService,
    private readonly contacts: ContactsService,
    private readonly calendar: WorkingCalendar,
    private readonly clock: Clock,
  ) {}

  async run(): Promise<{ requests: number }> {
    const today = this.clock.today();
    const items = (await this.facts.openAssignedItems()).filter((i) => i.recurrence);
    let requests = 0;
    for (const item of items) {
      const policy = { ...(await this.scheduler.policyFor(item)), startNotice: true };
      const departments = await this.facts.departments([item.id]);
      const mailTo = await this.contacts.mailTo(departments.map((d) => d.departmentId));
      for (const period of [previousPeriod(item.recurrence!, today), periodOf(item.recurrence!, today)]) {
        if (item.startOn && period.end < item.startOn) continue;
        const [due] = planReminders({ startOn: period.start, dueOn: period.end }, policy, this.calendar, {
          from: today,
          to: today,
        });
        if (!due) continue;
        for (const department of departments) {
          if (await this.facts.isReportIn(item.id, department.departmentId, period.key)) continue;
          const payload: ReportRequestPayload = {
            item: itemRef(item, department.departmentName),
            period: period.key,
            periodEnd: period.end,
            departmentName: department.departmentName,
            rule: due.rule,
          };
          const to = mailTo.get(department.departmentId);
          if (!to) continue;
          const route = departmentRecipients(to, 'routine');
          const notification = (recipientKey: string): Notification => ({
            template: 'report-request',
            payload: payload as unknown as Record<string, unknown>,
            key: `report|${item.id}|${department.departmentId}|${period.key}|${due.rule}|${recipientKey}`,
            urgent: due.rule === 'start' || due.rule === 'due_day' || due.rule === 'before_1',
            digest: {
              kind: 'report-request',
              itemId: item.id,
              payload: { period: period.key, rule: due.rule },
            },
          });
          // A department without accounts: its 联络人.
          if (route.address) {
            const outcome = await this.notifications.notifyAddress(
              route.address,
              notification(`contact:${route.address.email}`),
            );
            if (outcome === 'queued') requests++;
          }
          for (const recipient of await this.notifications.recipients(route.userIds)) {
            const outcome = await this.notifications.notify(recipient, notification(recipient.userId));
            if (outcome === 'queued' || outcome === 'digest') requests++;
          }
        }
      }
    }
    return { requests };
  }
}
