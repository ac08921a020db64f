import { Injectable } from '@nestjs/common';
import { addDays } from '../common/calendar-date';
import { Clock } from '../common/clock';
import type { DigestPayload, ImportSummaryPayload, ItemRef } from '../notifications/notification-templates';
import { NotificationsService } from '../notifications/notifications.service';
import { ContactsService } from '../departments/contacts.service';
import { departmentRecipients, type MailAddress, officeRecipients } from '../departments/department-mail';
import {
  CLOSED_STATUSES,
  type ItemFacts,
  itemRef,
  ReminderFactsRepository,
} from './reminder-facts.repository';
import { ReminderSchedulerService } from './reminder-scheduler.service';
import { DIGEST_LIST_LIMIT, DigestService } from './digest.service';

/** An imported backlog is covered by digests for a week: no single reminders, no escalation until then. */
export const BACKLOG_DAYS = 7;

export interface BacklogReport {
  backlog: number;
  recipients: number;
  summaries: number;
}

/**
 * A plan imported with items already past due must not fire one mail per item. The past-due items are marked
 * backlog for BACKLOG_DAYS; each contact gets them once — in their next digest, or (users on `immediate`) in
 * one backlog digest now; the plan's office gets one summary. Then every item is scheduled as usual.
 */
@Injectable()
export class ImportBacklogService {
  constructor(
    private readonly facts: ReminderFactsRepository,
    private readonly scheduler: ReminderSchedulerService,
    private readonly notifications: NotificationsService,
    private readonly digests: DigestService,
    private readonly contacts: ContactsService,
    private readonly clock: Clock,
  ) {}

  async handle(planId: string, itemIds: readonly string[]): Promise<BacklogReport> {
    const today = this.clock.today();
    const items = await this.facts.items(itemIds);
    const backlog = items.filter(
      (i) => i.effectiveDueOn && i.effectiveDueOn < today && !CLOSED_STATUSES.includes(i.status),
    );
    const report: BacklogReport = { backlog: backlog.length, recipients: 0, summaries: 0 };
    if (backlog.length) {
      const until = addDays(today, BACKLOG_DAYS);
      await this.facts.setState(
        backlog.filter((i) => !i.backlogUntil || i.backlogUntil < until).map((i) => i.id),
        { backlogUntil: until },
      );
      const departments = await this.facts.departments(backlog.map((i) => i.id));
      const contacts = await this.facts.contacts([...new Set(departments.map((d) => d.departmentId))]);
      const byUser = new Map<string, string[]>();
      for (const d of departments) {
        for (const userId of contacts.get(d.departmentId) ?? []) {
          byUser.set(userId, [...new Set([...(byUser.get(userId) ?? []), d.itemId])]);
        }
      }
      const byId = new Map(backlog.map((i) => [i.id, i]));
      for (const recipient of await this.notifications.recipients([...byUser.keys()])) {
        if (recipient.unsubscribed) continue;
        let added = 0;
        for (const itemId of byUser.get(recipient.userId)!) {
          const item = byId.get(itemId)!;
          const fresh = await this.notifications.addDigestEntry(
            recipient.userId,
            { kind: 'backlog', itemId, payload: { dueOn: item.effectiveDueOn } },
            `backlog|${itemId}|${item.effectiveDueOn}|${recipient.userId}`,
          );
          if (fresh) added++;
        }
        if (added === 0) continue;
        report.recipients++;
        if (recipient.mode === 'immediate') await this.digests.sendDigest(recipient, 'backlog');
      }
      report.recipients += await this.mailContacts(
        planId,
        today,
        departments,
        new Map(backlog.map((i) => [i.id, i])),
      );
      // One line per lead (or set of joint leads), so the lines add up to the total the mail states.
      const leads = new Map<string, string[]>();
      for (const d of departments.filter((x) => x.role === 'lead')) {
        leads.set(d.itemId, [...(leads.get(d.itemId) ?? []), d.departmentName]);
      }
      const counts = new Map<string, number>();
      for (const item of backlog) {
        const name = [...new Set(leads.get(item.id) ?? [])].sort().join('、') || '未分配牵头单位';
        counts.set(name, (counts.get(name) ?? 0) + 1);
      }
      const payload: ImportSummaryPayload = {
        planTitle: backlog[0].planTitle,
        backlogCount: backlog.length,
        byDepartment: [...counts.entries()]
          .map(([name, count]) => ({ name, count }))
          .sort((a, b) => b.count - a.count),
        items: backlog.slice(0, 100).map((i) => itemRef(i)),
      };
      // The office's own mailbox of the plan's region; its office-role accounts only when none is set.
      const office = officeRecipients(
        await this.contacts.officeAddress(backlog[0].planRegionCode),
        await this.facts.officeUsers(planId),
      );
      const summary = (recipientKey: string) => ({
        template: 'import-summary' as const,
        payload: payload as unknown as Record<string, unknown>,
        key: `import-summary|${planId}|${today}|${recipientKey}`,
        uncapped: true,
      });
      if (office.address) {
        const outcome = await this.notifications.notifyAddress(
          office.address,
          summary(`mailbox:${office.address.email}`),
        );
        if (outcome === 'queued') report.summaries++;
      }
      for (const recipient of await this.notifications.recipients(office.userIds)) {
        const outcome = await this.notifications.notify(recipient, summary(recipient.userId));
        if (outcome === 'queued') report.summaries++;
      }
    }
    await this.scheduler.scheduleMany(items);
    return report;
  }

  /**
   * Departments without accounts (reached through their 联络人, `departmentRecipients` 'routine') have no
   * digest to collect the backlog in: each 联络人 gets one backlog mail now listing their departments' items.
   */
  private async mailContacts(
    planId: string,
    today: string,
    departments: Awaited<ReturnType<ReminderFactsRepository['departments']>>,
    backlog: Map<string, ItemFacts>,
  ): Promise<number> {
    const mailTo = await this.contacts.mailTo([...new Set(departments.map((d) => d.departmentId))]);
    const byAddress = new Map<string, { address: MailAddress; items: ItemRef[]; seen: Set<string> }>();
    for (const d of departments) {
      const to = mailTo.get(d.departmentId);
      const address = to ? departmentRecipients(to, 'routine').address : null;
      const item = backlog.get(d.itemId);
      if (!address || !item) continue;
      const key = address.email.toLowerCase();
      const entry = byAddress.get(key) ?? { address, items: [], seen: new Set<string>() };
      byAddress.set(key, entry);
      if (entry.seen.has(item.id)) continue;
      entry.seen.add(item.id);
      entry.items.push(itemRef(item, d.departmentName));
    }
    let mailed = 0;
    for (const [key, { address, items }] of byAddress) {
      const payload: DigestPayload = {
        period: 'backlog',
        dueToday: [],
        dueSoon: [],
        overdue: items
          .sort((a, b) => (a.dueOn ?? '').localeCompare(b.dueOn ?? ''))
          .slice(0, DIGEST_LIST_LIMIT),
        awaitingAck: [],
        notes: [],
      };
      const outcome = await this.notifications.notifyAddress(address, {
        template: 'digest',
        payload: payload as unknown as Record<string, unknown>,
        key: `backlog|${planId}|${today}|contact:${key}`,
        uncapped: true,
      });
      if (outcome === 'queued') mailed++;
    }
    return mailed;
  }
}
