import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { addDays, isoWeekday, type CalendarDate } from '../common/calendar-date';
import { WorkingCalendar } from '../calendar/working-calendar';
import { Clock } from '../common/clock';
import type { DigestEntryKind } from '../notifications/digest-entry.entity';
import type {
  DigestNote,
  DigestPayload,
  ItemRef,
  LeadershipSummaryPayload,
} from '../notifications/notification-templates';
import { NotificationsService, type Recipient } from '../notifications/notifications.service';
import { ContactsService } from '../departments/contacts.service';
import type { MailAddress } from '../departments/department-mail';
import { type ItemFacts, itemRef, ReminderFactsRepository } from './reminder-facts.repository';
import { digestNoteText } from '../notifications/notification-templates';

/** Items due within this many working days are "due soon" in a digest (the items list's own default). */
export const DIGEST_DUE_SOON_WORKING_DAYS = 7;
/** At most this many items per list of a digest (the mail links the rest from 我的任务). */
export const DIGEST_LIST_LIMIT = 50;

export interface DigestRunReport {
  digests: number;
  nothingToSay: number;
  summaries: number;
}

interface PendingEntry {
  id: string;
  kind: DigestEntryKind;
  itemId: string | null;
  payload: Record<string, unknown>;
}

/**
 * Digests: per user, only their items (as a department contact) — due today, due soon, overdue, waiting for
 * their 签收 — plus what was folded into the digest (reminders of digest users, imported backlog, mail over
 * the daily cap). Daily digests go out on working days, weekly ones on Mondays, at REMINDER_SEND_AT; users on
 * `immediate` get a digest only when something was folded for them. No mail when there is nothing to say.
 */
@Injectable()
export class DigestService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly facts: ReminderFactsRepository,
    private readonly notifications: NotificationsService,
    private readonly contacts: ContactsService,
    private readonly calendar: WorkingCalendar,
    private readonly clock: Clock,
  ) {}

  async run(): Promise<DigestRunReport> {
    const today = this.clock.today();
    const monday = isoWeekday(today) === 1;
    const working = this.calendar.isWorkingDay(today);
    const candidates = new Set([
      ...(await this.facts.allContacts()),
      ...(await this.facts.usersWithDigestEntries()),
    ]);
    const report: DigestRunReport = { digests: 0, nothingToSay: 0, summaries: 0 };
    for (const recipient of await this.notifications.recipients([...candidates])) {
      const due =
        (recipient.mode === 'weekly' && monday) ||
        (recipient.mode === 'daily' && working) ||
        (recipient.mode === 'immediate' && working);
      if (!due) continue;
      const sent = await this.sendDigest(recipient, recipient.mode === 'immediate' ? 'notes-only' : 'full');
      if (sent) report.digests++;
      else report.nothingToSay++;
    }
    if (monday) report.summaries = await this.leadershipSummary();
    return report;
  }

  /**
   * Builds and queues one user's digest; false (and nothing queued) when there is nothing to say. Entries it
   * lists are marked digested, so each is reported once.
   */
  async sendDigest(recipient: Recipient, scope: 'full' | 'notes-only' | 'backlog'): Promise<boolean> {
    const today = this.clock.today();
    const payload: DigestPayload = {
      period:
        scope === 'backlog'
          ? 'backlog'
          : scope === 'notes-only'
            ? 'notes'
            : recipient.mode === 'daily'
              ? 'daily'
              : 'weekly',
      dueToday: [],
      dueSoon: [],
      overdue: [],
      awaitingAck: [],
      notes: [],
    };
    const entries = await this.pendingEntries(recipient.userId);
    const itemIds = new Set(entries.map((e) => e.itemId).filter((id): id is string => id !== null));
    let byId = new Map<string, ItemFacts>();

    if (scope === 'full') {
      const departments = await this.facts.departmentsOfContact(recipient.userId);
      const assignments = await this.facts.assignmentsOfDepartments(departments);
      const items = await this.facts.items([...new Set([...assignments.map((a) => a.itemId), ...itemIds])]);
      byId = new Map(items.map((i) => [i.id, i]));
      const soon = this.calendar.addWorkingDays(today, DIGEST_DUE_SOON_WORKING_DAYS);
      const listed = new Set<string>();
      for (const a of assignments) {
        const item = byId.get(a.itemId);
        if (!item?.effectiveDueOn) continue;
        const ref = itemRef(item, a.departmentName);
        if (!a.acknowledged) payload.awaitingAck.push(ref);
        if (listed.has(item.id)) continue;
        listed.add(item.id);
        const due = item.effectiveDueOn;
        if (due === today) payload.dueToday.push(ref);
        else if (due < today) payload.overdue.push(ref);
        else if (due <= soon) payload.dueSoon.push(ref);
      }
      payload.overdue.sort(byDue);
      payload.dueSoon.sort(byDue);
    } else {
      byId = new Map((await this.facts.items([...itemIds])).map((i) => [i.id, i]));
    }

    const listedIds = new Set([...payload.dueToday, ...payload.overdue, ...payload.dueSoon].map((r) => r.id));
    for (const entry of entries) {
      const item = entry.itemId ? byId.get(entry.itemId) : undefined;
      if (!item) continue;
      if (scope === 'backlog' || !listedIds.has(item.id) || entry.kind !== 'reminder') {
        payload.notes.push({ kind: entry.kind, item: itemRef(item), text: noteText(entry) });
      }
    }
    if (scope === 'backlog') {
      payload.overdue = payload.notes.map((n) => n.item);
      payload.notes = [];
    }
    for (const key of ['dueToday', 'dueSoon', 'overdue', 'awaitingAck', 'notes'] as const) {
      (payload[key] as unknown[]).splice(DIGEST_LIST_LIMIT);
    }
    const empty =
      payload.dueToday.length +
        payload.dueSoon.length +
        payload.overdue.length +
        payload.awaitingAck.length +
        payload.notes.length ===
      0;
    if (!empty) {
      await this.notifications.notify(recipient, {
        template: 'digest',
        payload: payload as unknown as Record<string, unknown>,
        uncapped: true,
        key: `digest|${recipient.userId}|${today}|${scope === 'backlog' ? `backlog-${Date.now()}` : payload.period}`,
      });
    }
    if (entries.length) {
      await this.dataSource.query(`UPDATE digest_entries SET digested_at = $2 WHERE id = ANY($1::uuid[])`, [
        entries.map((e) => e.id),
        this.clock.now(),
      ]);
    }
    return !empty;
  }

  private pendingEntries(userId: string): Promise<PendingEntry[]> {
    return this.dataSource.query<PendingEntry[]>(
      `SELECT id, kind, item_id AS "itemId", payload FROM digest_entries
        WHERE user_id = $1 AND digested_at IS NULL ORDER BY created_at`,
      [userId],
    );
  }

  /**
   * Monday: counts by department and county, the red list and CERT milestones at risk, to leaders and office —
   * each reading only the plans of their own region subtree (`summaryRegions`), never another city's items.
   */
  async leadershipSummary(): Promise<number> {
    const today = this.clock.today();
    const rows = await this.facts.leadAssignmentsOfOpenItems();
    if (rows.length === 0) return 0;
    const items = new Map(
      (await this.facts.items([...new Set(rows.map((r) => r.itemId))])).map((i) => [i.id, i]),
    );
    let sent = 0;
    // The office's summary goes to its own mailbox when its region has one (once, however many office
    // accounts the region has), else to each office account; leaders get their own.
    const homes = await this.dataSource.query<Array<{ id: string; region: string | null }>>(
      `SELECT u.id, COALESCE(u.region_code, d.region_code) AS region
         FROM users u LEFT JOIN departments d ON d.id = u.department_id
        WHERE u.is_active AND u.role = 'office'`,
    );
    const mailboxOf = new Map<string, MailAddress | null>();
    for (const home of homes) {
      if (home.region && !mailboxOf.has(home.region))
        mailboxOf.set(home.region, await this.contacts.officeAddress(home.region));
    }
    const viaMailbox = new Map(
      homes.flatMap((h) => {
        const mailbox = h.region ? mailboxOf.get(h.region) : null;
        return mailbox ? [[h.id, mailbox] as const] : [];
      }),
    );
    const mailed = new Set<string>();
    for (const recipient of await this.notifications.recipients(
      await this.facts.usersByRole(['leader', 'office']),
    )) {
      const mailbox = viaMailbox.get(recipient.userId);
      if (mailbox && mailed.has(mailbox.email)) continue;
      const regions = await this.facts.summaryRegions(recipient.userId);
      const inScope = (item: ItemFacts | undefined): item is ItemFacts =>
        !!item?.effectiveDueOn && (regions === null || regions.has(item.planRegionCode));
      const payload = this.summaryPayload(
        today,
        rows.filter((r) => inScope(items.get(r.itemId))),
        [...items.values()].filter(inScope),
        items,
      );
      if (payload.byDepartment.length === 0) continue;
      const summary = (recipientKey: string) => ({
        template: 'leadership-summary' as const,
        payload: payload as unknown as Record<string, unknown>,
        key: `leadership-summary|${recipientKey}|${today}`,
      });
      if (mailbox) mailed.add(mailbox.email);
      const outcome = mailbox
        ? await this.notifications.notifyAddress(mailbox, summary(`mailbox:${mailbox.email}`))
        : await this.notifications.notify(recipient, summary(recipient.userId));
      if (outcome === 'queued') sent++;
    }
    return sent;
  }

  private summaryPayload(
    today: CalendarDate,
    rows: Array<{ itemId: string; departmentName: string; countyName: string | null }>,
    open: ItemFacts[],
    items: Map<string, ItemFacts>,
  ): LeadershipSummaryPayload {
    const byDepartment = new Map<string, { name: string; open: number; overdue: number }>();
    const byCounty = new Map<string, { name: string; open: number; overdue: number }>();
    for (const row of rows) {
      const item = items.get(row.itemId)!;
      const overdue = item.effectiveDueOn! < today ? 1 : 0;
      const bump = (map: Map<string, { name: string; open: number; overdue: number }>, key: string) => {
        const entry = map.get(key) ?? { name: key, open: 0, overdue: 0 };
        entry.open++;
        entry.overdue += overdue;
        map.set(key, entry);
      };
      bump(byDepartment, row.departmentName);
      if (row.countyName) bump(byCounty, row.countyName);
    }
    const red: ItemRef[] = open
      .filter((i) => i.effectiveDueOn! < today)
      .sort((a, b) => (a.effectiveDueOn! < b.effectiveDueOn! ? -1 : 1))
      .slice(0, 30)
      .map((i) => itemRef(i));
    const horizon = this.calendar.addWorkingDays(today, 30);
    const certAtRisk = open
      .filter((i) => i.kind === 'milestone' && i.indicator === 'CERT' && i.effectiveDueOn! <= horizon)
      .map((i) => itemRef(i));
    return {
      weekOf: today,
      byDepartment: [...byDepartment.values()].sort((a, b) => b.overdue - a.overdue || b.open - a.open),
      byCounty: [...byCounty.values()].sort((a, b) => b.overdue - a.overdue || b.open - a.open),
      red,
      certAtRisk,
    };
  }

  /** The next Monday on or after `day` (for docs and tests). */
  static weekStart(day: CalendarDate): CalendarDate {
    return addDays(day, (8 - isoWeekday(day)) % 7);
  }
}

const byDue = (a: ItemRef, b: ItemRef) => ((a.dueOn ?? '') < (b.dueOn ?? '') ? -1 : 1);

/** What the digest says about a folded entry: a catalog message, rendered in the reader's language when sent. */
function noteText(entry: PendingEntry): DigestNote['text'] {
  return digestNoteText(entry.kind, entry.payload as { rule?: string; period?: string; dueOn?: string });
}
