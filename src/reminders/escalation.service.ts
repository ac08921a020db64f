import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { itemInAreaSql } from '../access/plan-scope';
import type { DataSource } from 'typeorm';
import { daysBetween, parseCalendarDate, type CalendarDate } from '../common/calendar-date';
import { WorkingCalendar } from '../calendar/working-calendar';
import { firstRedLightDay } from '../plans/expected-progress.policy';
import { Clock } from '../common/clock';
import type { Env } from '../config/env.schema';
import { DomainError, ErrorCode } from '../common/domain-error';
import { msg } from '../common/i18n/catalog';
import type { EscalationMailPayload } from '../notifications/notification-templates';
import { NotificationsService, type Recipient } from '../notifications/notifications.service';
import { ContactsService } from '../departments/contacts.service';
import { departmentRecipients, officeRecipients } from '../departments/department-mail';
import { noticeNumberText, takeOfficeNumber } from '../supervision/office-numbers';
import type { EscalationNotice, NoticeLevel, NoticePerson, NoticeSnapshot } from './escalation-notice.entity';
import { type ItemFacts, ReminderFactsRepository } from './reminder-facts.repository';
import {
  escalationDecision,
  escalationReplyBy,
  type EscalationThresholds,
  type IssuedLevels,
} from './reminder.policy';

export interface EscalationRunReport {
  checked: number;
  issued: number;
  mails: number;
}

const ORDER: Record<NoticeLevel, number> = { blue: 1, yellow: 2, red: 3 };

/** Rolls back a notice's transaction (and its number) when the same level was issued by another run. */
class AlreadyIssued extends Error {}

/** A notice row as `EscalationNotice` (raw queries: the unique (item, ladder, level) insert needs ON CONFLICT). */
const NOTICE_COLUMNS = `id, item_id AS "itemId", plan_id AS "planId", level, ladder_start::text AS "ladderStart",
  issued_on::text AS "issuedOn", issued_at AS "issuedAt", recipients, cc, snapshot, office_key AS "officeKey", year,
  number`;
/**
 * The escalation ladder (督办单). Daily, on working days only: every open item that is overdue, or whose
 * expected-progress light is red, gets the next level `escalationDecision` allows — blue first, yellow
 * ESCALATION_YELLOW_AFTER_DAYS working days after blue, red ESCALATION_RED_AFTER_DAYS after blue, never two
 * levels at once; each level is one `escalation_notices` row (unique per item, ladder and level, so a second run
 * issues nothing). Blue goes to the lead department's contacts, yellow also to the leadership group office,
 * red also to the plan's responsible leaders (组长、副组长 of its leadership group). A closed item, or an approved
 * extension that moves the due date ahead, stops the ladder. Recipients get one mail per run listing their new
 * notices, never one per item; notices are mandatory mail (no unsubscribe, no cap).
 */
/** The notice `n`'s item is in the area given as a text[] parameter (null: everywhere), by PlanScope's rule. */
const IN_AREA = (param: string) =>
  `(${param}::text[] IS NULL OR EXISTS (SELECT 1 FROM plan_items i JOIN plans p ON p.id = i.plan_id
     WHERE i.id = n.item_id AND ${itemInAreaSql('i', 'p', param)}))`;

@Injectable()
export class EscalationService {
  private readonly thresholds: EscalationThresholds;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly facts: ReminderFactsRepository,
    private readonly notifications: NotificationsService,
    private readonly contacts: ContactsService,
    private readonly calendar: WorkingCalendar,
    private readonly clock: Clock,
    config: ConfigService<Env, true>,
  ) {
    this.thresholds = {
      yellowAfterWorkingDays: config.get('ESCALATION_YELLOW_AFTER_DAYS', { infer: true }),
      redAfterWorkingDays: config.get('ESCALATION_RED_AFTER_DAYS', { infer: true }),
    };
  }

  async run(): Promise<EscalationRunReport> {
    const today = this.clock.today();
    // 督办单 are issued on working days only: nobody reads them on a Sunday, and the reply clock would start wrong.
    if (!this.calendar.isWorkingDay(today)) return { checked: 0, issued: 0, mails: 0 };
    const items = await this.facts.openAssignedItems();
    const percents = await this.facts.reportedPercent(items.map((i) => i.id));
    const issued: EscalationNotice[] = [];
    for (const item of items) {
      if (item.backlogUntil && item.backlogUntil >= today) continue;
      const notice = await this.escalate(item, today, percents.get(item.id));
      if (notice) issued.push(notice);
    }
    const mails = await this.mail(issued);
    return { checked: items.length, issued: issued.length, mails };
  }

  private async escalate(
    item: ItemFacts,
    today: CalendarDate,
    reportedPercent: number | undefined,
  ): Promise<EscalationNotice | null> {
    const dueOn = parseCalendarDate(item.dueOn ?? item.effectiveDueOn!);
    const effectiveDueOn = parseCalendarDate(item.effectiveDueOn!);
    // Expected progress only where it is measurable: an item with a start date and a report to compare.
    const progressRedSince =
      item.startOn && reportedPercent !== undefined && item.startOn <= effectiveDueOn
        ? firstRedLightDay(
            {
              startOn: parseCalendarDate(item.startOn),
              dueOn,
              effectiveDueOn,
              reportedPercent,
              completed: false,
            },
            parseCalendarDate(item.startOn),
          )
        : null;
    const escItem = {
      dueOn,
      effectiveDueOn,
      progressRedSince: progressRedSince && progressRedSince <= today ? progressRedSince : null,
      extensionApprovedOn: item.extensionApprovedOn ? parseCalendarDate(item.extensionApprovedOn) : null,
    };
    const probe = escalationDecision(escItem, {}, today, this.calendar, this.thresholds);
    if (!probe.issue || !probe.escalation.ladder) return null;
    const ladderStart = probe.escalation.ladder.blue;
    const rows0 = await this.dataSource.query<Array<{ level: NoticeLevel; issuedOn: string }>>(
      `SELECT level, issued_on::text AS "issuedOn" FROM escalation_notices WHERE item_id = $1 AND ladder_start = $2`,
      [item.id, ladderStart],
    );
    const issued: IssuedLevels = Object.fromEntries(
      rows0.map((r) => [r.level, parseCalendarDate(r.issuedOn)]),
    );
    const { issue: level, escalation: esc } = escalationDecision(
      escItem,
      issued,
      today,
      this.calendar,
      this.thresholds,
    );
    if (!level) return null;

    const departments = await this.facts.departments([item.id]);
    const lead = departments.filter((d) => d.role === 'lead');
    // The notice goes to the lead departments that are late by their own date (all leads if none has a date).
    const late = lead.filter((d) => d.effectiveDueOn !== null && d.effectiveDueOn < today);
    const addressed = late.length ? late : lead;
    const people = async (
      ids: string[],
      as: NoticePerson['as'],
      departmentName?: string,
    ): Promise<NoticePerson[]> =>
      (await this.notifications.recipients(ids)).map((r) => ({
        userId: r.userId,
        name: r.name,
        email: r.email,
        as,
        ...(departmentName ? { departmentName } : {}),
      }));
    // Everyone once, by address: a 联络人 who is also an account, the mailbox an office user reads.
    const taken = new Set<string>();
    const add = (into: NoticePerson[], list: NoticePerson[]) => {
      for (const person of list) {
        const key = person.email.toLowerCase();
        if (taken.has(key)) continue;
        taken.add(key);
        into.push(person);
      }
    };
    // 主送: each addressed department through its 联络人, or its accounts when none is named.
    const recipients: NoticePerson[] = [];
    const mailTo = await this.contacts.mailTo(addressed.map((d) => d.departmentId));
    for (const d of addressed) {
      const to = mailTo.get(d.departmentId);
      if (!to) continue;
      const route = departmentRecipients(to, 'supervision');
      if (route.address)
        add(recipients, [
          { userId: null, ...route.address, as: 'department', departmentName: d.departmentName },
        ]);
      add(recipients, await people(route.userIds, 'department', d.departmentName));
    }
    // 抄送: the office's own mailbox (its accounts only when none is set), then the responsible leaders.
    const cc: NoticePerson[] = [];
    if (ORDER[level] >= ORDER.yellow) {
      const office = officeRecipients(
        await this.contacts.officeAddress(item.planRegionCode),
        await this.facts.officeUsers(item.planId),
      );
      if (office.address) add(cc, [{ userId: null, ...office.address, as: 'office' }]);
      add(cc, await people(office.userIds, 'office'));
    }
    if (level === 'red') add(cc, await people(await this.facts.leaderUsers(item.planId), 'leader'));

    const snapshot: NoticeSnapshot = {
      planTitle: item.planTitle,
      planDocNumber: item.planDocNumber,
      ref: item.ref,
      number: item.number,
      title: item.title,
      status: item.status,
      dueOn,
      effectiveDueOn,
      reasons: esc.reasons,
      leadDepartments: lead.map((d) => d.departmentName),
      cooperatingDepartments: departments.filter((d) => d.role === 'cooperate').map((d) => d.departmentName),
      overdueWorkingDays:
        today > effectiveDueOn ? this.calendar.workingDaysBetween(effectiveDueOn, today) : 0,
      overdueCalendarDays: today > effectiveDueOn ? daysBetween(effectiveDueOn, today) : 0,
      replyBy: escalationReplyBy(today, this.calendar),
      addressedTo: addressed.map((d) => d.departmentName),
    };
    // The row and its number in one transaction; a notice another run issued meanwhile gives its number back.
    const year = Number(today.slice(0, 4));
    try {
      return await this.dataSource.transaction(async (em) => {
        const query = (sql: string, params: unknown[]) => em.query(sql, params);
        const number = await takeOfficeNumber(query, item.planRegionCode, year);
        const rows = (await query(
          `INSERT INTO escalation_notices (item_id, plan_id, level, ladder_start, issued_on, issued_at, recipients,
                                           cc, snapshot, office_key, year, number)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
           ON CONFLICT (item_id, ladder_start, level) DO NOTHING
           RETURNING ${NOTICE_COLUMNS}`,
          [
            item.id,
            item.planId,
            level,
            ladderStart,
            today,
            this.clock.now(),
            JSON.stringify(recipients),
            JSON.stringify(cc),
            JSON.stringify(snapshot),
            item.planRegionCode,
            year,
            number,
          ],
        )) as EscalationNotice[];
        if (!rows[0]) throw new AlreadyIssued();
        return rows[0];
      });
    } catch (error) {
      if (error instanceof AlreadyIssued) return null;
      throw error;
    }
  }

  /** One mail per person (recipient or cc) listing the notices of this run that concern them. */
  private async mail(notices: EscalationNotice[]): Promise<number> {
    // Accounts by user id; addresses without an account (联络人, office mailbox) by e-mail.
    const keyOf = (p: NoticePerson) => p.userId ?? `mail:${p.email.toLowerCase()}`;
    const byPerson = new Map<string, EscalationNotice[]>();
    const addresses = new Map<string, NoticePerson>();
    for (const notice of notices) {
      for (const person of [...notice.recipients, ...notice.cc]) {
        const key = keyOf(person);
        const mine = byPerson.get(key) ?? [];
        if (!mine.includes(notice)) byPerson.set(key, [...mine, notice]);
        if (!person.userId) addresses.set(key, person);
      }
    }
    const payloadOf = (mine: EscalationNotice[]): EscalationMailPayload => ({
      notices: mine.map((n) => ({
        id: n.id,
        level: n.level,
        numberText: noticeNumberText(n.year, n.number),
        item: {
          id: n.itemId,
          ref: n.snapshot.ref,
          number: n.snapshot.number,
          title: n.snapshot.title,
          planTitle: n.snapshot.planTitle,
          dueOn: n.snapshot.effectiveDueOn,
          departmentName: n.snapshot.leadDepartments.join('、'),
        },
        reasons: n.snapshot.reasons,
        cc: n.cc.map((p) => p.name),
        overdueWorkingDays: n.snapshot.overdueWorkingDays,
        overdueCalendarDays: n.snapshot.overdueCalendarDays ?? null,
        replyBy: n.snapshot.replyBy ?? null,
      })),
    });
    const digestOf = (mine: EscalationNotice[]) =>
      createHash('sha256')
        .update(
          mine
            .map((n) => n.id)
            .sort()
            .join(','),
        )
        .digest('hex')
        .slice(0, 24);
    let mails = 0;
    const recipients: Recipient[] = await this.notifications.recipients(
      [...byPerson.keys()].filter((k) => !k.startsWith('mail:')),
    );
    for (const recipient of recipients) {
      const mine = byPerson.get(recipient.userId)!;
      const outcome = await this.notifications.notify(recipient, {
        template: 'escalation',
        payload: payloadOf(mine) as unknown as Record<string, unknown>,
        key: `escalation|${recipient.userId}|${digestOf(mine)}`,
        mandatory: true,
      });
      if (outcome === 'queued') mails++;
    }
    for (const [key, person] of addresses) {
      const mine = byPerson.get(key)!;
      const outcome = await this.notifications.notifyAddress(person, {
        template: 'escalation',
        payload: payloadOf(mine) as unknown as Record<string, unknown>,
        key: `escalation|${key}|${digestOf(mine)}`,
        mandatory: true,
      });
      if (outcome === 'queued') mails++;
    }
    return mails;
  }

  /** Notices, newest first; `area`: only of items in the reader's area (PlanScope.area; null: all). */
  async list(filter: {
    level?: NoticeLevel;
    itemId?: string;
    limit?: number;
    area?: readonly string[] | null;
  }): Promise<EscalationNotice[]> {
    return this.dataSource.query<EscalationNotice[]>(
      `SELECT ${NOTICE_COLUMNS}
         FROM escalation_notices n
        WHERE ($1::varchar IS NULL OR level = $1) AND ($2::uuid IS NULL OR item_id = $2) AND ${IN_AREA('$4')}
        ORDER BY issued_at DESC, level DESC LIMIT $3`,
      [filter.level ?? null, filter.itemId ?? null, Math.min(filter.limit ?? 200, 1000), filter.area ?? null],
    );
  }

  /** @throws DomainError NOT_FOUND when there is none, or its item lies outside `area` */
  async get(id: string, area: readonly string[] | null = null): Promise<EscalationNotice> {
    const rows = await this.dataSource.query<EscalationNotice[]>(
      `SELECT ${NOTICE_COLUMNS}
         FROM escalation_notices n WHERE id = $1 AND ${IN_AREA('$2')}`,
      [id, area],
    );
    if (!rows[0]) throw new DomainError(ErrorCode.NOT_FOUND, msg('reminders.notice_not_found', { id }));
    return rows[0];
  }
}
