import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditService, change, userActor } from '../audit/audit.service';
import type { AuthenticatedUser } from '../access/authenticated-user';
import { PlanScope, type ScopedUser } from '../access/plan-scope';
import { WorkingCalendar } from '../calendar/working-calendar';
import { isCalendarDate, parseCalendarDate } from '../common/calendar-date';
import { Clock } from '../common/clock';
import { DomainError, ErrorCode } from '../common/domain-error';
import { EvidenceFilesService, type StagedFile } from '../evidence/evidence-files.service';
import type { UploadedFile } from '../evidence/upload';
import type { SupervisionNoticePayload, UrgePayload } from '../notifications/notification-templates';
import { NotificationsService } from '../notifications/notifications.service';
import { ContactsService } from '../departments/contacts.service';
import { type DepartmentMailTo, departmentRecipients } from '../departments/department-mail';
import { assignmentEffectiveDueSql } from '../plans/assignment-deadline.policy';
import { AssignmentsService } from '../plans/assignments.service';
import { PlanEvents } from '../plans/plan-events';
import { PlanItemsService } from '../plans/plan-items.service';
import { inPlanTransaction } from '../plans/plan-transaction';
import { noticeNumberText, takeOfficeNumber } from './office-numbers';
import { SupervisionAction, SupervisionNotice } from './supervision-notice.entity';
import { msg } from '../common/i18n/catalog';

type Actor = Pick<AuthenticatedUser, 'id' | 'name' | 'role' | 'departmentId'>;

/** Working days a department has to answer a 督办通知 unless the office says otherwise. */
export const DEFAULT_REPLY_WORKING_DAYS = 3;

export interface NoticeView {
  id: string;
  itemId: string;
  year: number;
  number: number;
  /** 〔year〕第N号 */
  numberText: string;
  issuedOn: string;
  dueOn: string | null;
  replyDueOn: string;
  departments: string[];
  issuedBy: string | null;
  createdAt: Date;
  replies: ActionView[];
}

export interface ActionView {
  id: string;
  itemId: string;
  kind: 'urge' | 'reply';
  noticeId: string | null;
  departmentId: string;
  departmentName: string;
  text: string;
  files: Array<{ id: string; fileName: string; contentType: string; sizeBytes: number }>;
  /** 催办: mails queued (0: nobody in the department can receive mail) */
  mailed: number | null;
  by: string | null;
  createdAt: Date;
}

/** The 督办 record of an item: numbered notices with their 反馈, and the office's 催办. */
export interface SupervisionTimeline {
  notices: NoticeView[];
  urges: ActionView[];
}

/**
 * Numbered 督办件 (督办通知), 催办 and 反馈. A notice takes the next number of its office and year from
 * `supervision_counters` inside the transaction that writes it (the counter row stays locked until COMMIT), so
 * numbers are unique and gap-free however many offices issue at once. Every step is audited on the item.
 */
@Injectable()
export class NoticesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly items: PlanItemsService,
    private readonly assignments: AssignmentsService,
    private readonly scope: PlanScope,
    private readonly audit: AuditService,
    private readonly events: PlanEvents,
    private readonly files: EvidenceFilesService,
    private readonly notifications: NotificationsService,
    private readonly directory: ContactsService,
    private readonly calendar: WorkingCalendar,
    private readonly clock: Clock,
  ) {}

  /** Issues a numbered 督办通知 on an item (office within its area, admin). */
  async issue(
    user: Actor,
    itemId: string,
    dto: { replyDueOn?: string },
    source: string,
  ): Promise<NoticeView> {
    const today = this.clock.today();
    const replyDueOn = dto.replyDueOn ?? this.calendar.addWorkingDays(today, DEFAULT_REPLY_WORKING_DAYS);
    if (!isCalendarDate(replyDueOn) || replyDueOn < today) {
      throw new DomainError(ErrorCode.VALIDATION_FAILED, msg('supervision.reply_due_from_today', { today }), [
        { field: 'replyDueOn', problems: [msg('supervision.must_be_date_from', { today })] },
      ]);
    }
    const id = await inPlanTransaction(this.dataSource, this.events, async (em) => {
      const item = await this.items.getVisible(user, itemId, em);
      await this.scope.assertCanReviewItem(user, item, em);
      if (item.cancelledAt || item.closedAt) {
        throw new DomainError(ErrorCode.INVALID_STATE, msg('supervision.item_cancelled_or_closed'));
      }
      const departments = await this.departmentNames(itemId, em);
      const year = parseCalendarDate(today).slice(0, 4);
      const officeKey = item.planRegionCode;
      const number = await takeOfficeNumber((sql, params) => em.query(sql, params), officeKey, Number(year));
      const notice = em.getRepository(SupervisionNotice).create({
        itemId,
        officeKey,
        year: Number(year),
        number,
        issuedOn: today,
        dueOn: item.extendedDueOn ?? item.dueOn,
        replyDueOn,
        departments,
        issuedByUserId: user.id,
      });
      await em.getRepository(SupervisionNotice).insert(notice);
      await this.audit.record(
        [
          {
            actor: userActor(user),
            source,
            entityType: 'supervision_notice',
            entityId: notice.id,
            itemId,
            action: 'issued',
            changes: [
              change('number', null, noticeNumberText(Number(year), number)),
              change('dueOn', null, notice.dueOn),
              change('replyDueOn', null, replyDueOn),
              change('departments', null, departments),
            ],
          },
        ],
        em,
      );
      return notice.id;
    });
    await this.mailNotice(id);
    return this.notice(user, id);
  }

  /**
   * The 督办件 to every department on it (主送, lead and cooperating), each with its own 办理时限, after the
   * commit: to its 联络人, or its accounts when none is named.
   */
  private async mailNotice(noticeId: string): Promise<void> {
    const [n] = await this.notices({ id: noticeId });
    const [item] = (await this.dataSource.query(
      `SELECT i.id, i.ref, i.number, i.title, p.title AS "planTitle", p.region_code AS "regionCode"
         FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = $1`,
      [n.itemId],
    )) as Array<{
      id: string;
      ref: string;
      number: string;
      title: string;
      planTitle: string;
      regionCode: string;
    }>;
    const departments = (await this.dataSource.query(
      `SELECT a.department_id AS "departmentId", d.name, ${assignmentEffectiveDueSql('a', 'i')}::text AS "dueOn"
         FROM assignments a JOIN departments d ON d.id = a.department_id JOIN plan_items i ON i.id = a.item_id
        WHERE a.item_id = $1 AND a.removed_at IS NULL ORDER BY a.role, d.name`,
      [n.itemId],
    )) as Array<{ departmentId: string; name: string; dueOn: string | null }>;
    const mailTo = await this.directory.mailTo(departments.map((d) => d.departmentId));
    const officeName = await this.officeName(item.regionCode);
    for (const d of departments) {
      const payload: SupervisionNoticePayload = {
        item: {
          id: item.id,
          ref: item.ref,
          number: item.number,
          title: item.title,
          planTitle: item.planTitle,
          dueOn: d.dueOn,
          departmentName: d.name,
        },
        departmentName: d.name,
        numberText: n.numberText,
        dueOn: d.dueOn,
        replyDueOn: n.replyDueOn,
        officeName,
      };
      await this.mailDepartment(mailTo.get(d.departmentId), {
        template: 'supervision-notice',
        payload,
        key: `notice|${noticeId}|${d.departmentId}`,
      });
    }
  }

  /**
   * 催办 by the office: one record per department urged (the given one, else every lead that is late by its own
   * date, else every lead), then a mail to each department's contacts after the commit.
   */
  async urge(
    user: Actor,
    itemId: string,
    dto: { departmentId?: string; text: string },
    source: string,
  ): Promise<ActionView[]> {
    const today = this.clock.today();
    const targets: Array<{
      actionId: string;
      departmentId: string;
      departmentName: string;
      dueOn: string | null;
    }> = [];
    const item = await inPlanTransaction(this.dataSource, this.events, async (em) => {
      const visible = await this.items.getVisible(user, itemId, em);
      await this.scope.assertCanReviewItem(user, visible, em);
      if (visible.cancelledAt || visible.closedAt) {
        throw new DomainError(ErrorCode.INVALID_STATE, msg('supervision.item_cancelled_or_closed'));
      }
      const rows = (await em.query(
        `SELECT a.department_id AS "departmentId", d.name AS "departmentName", a.role,
                ${assignmentEffectiveDueSql('a', 'i')}::text AS "dueOn"
           FROM assignments a JOIN departments d ON d.id = a.department_id JOIN plan_items i ON i.id = a.item_id
          WHERE a.item_id = $1 AND a.removed_at IS NULL ORDER BY a.role, d.name`,
        [itemId],
      )) as Array<{ departmentId: string; departmentName: string; role: string; dueOn: string | null }>;
      let chosen = rows;
      if (dto.departmentId) {
        chosen = rows.filter((r) => r.departmentId === dto.departmentId);
        if (!chosen.length) {
          throw new DomainError(
            ErrorCode.VALIDATION_FAILED,
            msg('supervision.department_not_assigned', { departmentId: dto.departmentId }),
            [{ field: 'departmentId', problems: [msg('supervision.not_assigned_to_item')] }],
          );
        }
      } else {
        const leads = rows.filter((r) => r.role === 'lead');
        const late = leads.filter((r) => r.dueOn !== null && r.dueOn < today);
        chosen = late.length ? late : leads;
      }
      if (!chosen.length) {
        throw new DomainError(ErrorCode.INVALID_STATE, msg('supervision.item_has_no_department'));
      }
      const repo = em.getRepository(SupervisionAction);
      for (const r of chosen) {
        const action = repo.create({
          itemId,
          kind: 'urge',
          noticeId: null,
          departmentId: r.departmentId,
          text: dto.text,
          files: [],
          mailed: null,
          byUserId: user.id,
        });
        await repo.insert(action);
        targets.push({
          actionId: action.id,
          departmentId: r.departmentId,
          departmentName: r.departmentName,
          dueOn: r.dueOn,
        });
      }
      await this.audit.record(
        targets.map((target) => ({
          actor: userActor(user),
          source,
          entityType: 'supervision_action',
          entityId: target.actionId,
          itemId,
          action: 'urged',
          changes: [change('department', null, target.departmentName), change('text', null, dto.text)],
        })),
        em,
      );
      return visible;
    });
    const mailTo = await this.directory.mailTo(targets.map((t) => t.departmentId));
    const officeName = await this.officeName(item.planRegionCode);
    const [plan] = (await this.dataSource.query(`SELECT title FROM plans WHERE id = $1`, [
      item.planId,
    ])) as Array<{ title: string }>;
    for (const target of targets) {
      const payload: UrgePayload = {
        item: {
          id: item.id,
          ref: item.ref,
          number: item.number,
          title: item.title,
          planTitle: plan?.title ?? '',
          dueOn: target.dueOn,
          departmentName: target.departmentName,
        },
        departmentName: target.departmentName,
        text: dto.text,
        dueOn: target.dueOn,
        officeName,
      };
      const mailed = await this.mailDepartment(mailTo.get(target.departmentId), {
        template: 'urge',
        payload,
        key: `urge|${target.actionId}`,
      });
      await this.dataSource.query(`UPDATE supervision_actions SET mailed = $1 WHERE id = $2`, [
        mailed,
        target.actionId,
      ]);
    }
    const timeline = await this.timeline(user, itemId);
    const ids = new Set(targets.map((t) => t.actionId));
    return timeline.urges.filter((u) => ids.has(u.id));
  }

  /** 反馈 on a notice by an assigned department: text and files, on the item's timeline. */
  async reply(
    user: Actor,
    noticeId: string,
    dto: { text: string },
    uploads: readonly UploadedFile[],
    source: string,
  ): Promise<ActionView> {
    let staged: StagedFile[] = [];
    try {
      const id = await inPlanTransaction(this.dataSource, this.events, async (em) => {
        const notice = await em.getRepository(SupervisionNotice).findOneBy({ id: noticeId });
        if (!notice)
          throw new DomainError(ErrorCode.NOT_FOUND, msg('supervision.notice_not_found', { id: noticeId }));
        const item = await this.items.getVisible(user, notice.itemId, em).catch(() => {
          throw new DomainError(ErrorCode.NOT_FOUND, msg('supervision.notice_not_found', { id: noticeId }));
        });
        await this.scope.assertCanWriteItem(user, this.assignments.writeTarget(item, em), em);
        if (!user.departmentId) {
          throw new DomainError(ErrorCode.INVALID_STATE, msg('supervision.account_without_department_reply'));
        }
        const assignment = await this.assignments.getActive(notice.itemId, user.departmentId, em);
        const repo = em.getRepository(SupervisionAction);
        const action = repo.create({
          itemId: notice.itemId,
          kind: 'reply',
          noticeId,
          departmentId: assignment.departmentId,
          text: dto.text,
          files: [],
          mailed: null,
          byUserId: user.id,
        });
        await repo.insert(action);
        staged = await this.files.stage(uploads, `notices/${noticeId}/${action.id}`);
        const files = staged.map((f) => ({
          id: f.id,
          storageKey: f.finalKey,
          fileName: f.fileName,
          contentType: f.contentType,
          sizeBytes: f.sizeBytes,
          sha256: f.sha256,
        }));
        if (files.length) await repo.update({ id: action.id }, { files });
        await this.audit.record(
          [
            {
              actor: userActor(user),
              source,
              entityType: 'supervision_action',
              entityId: action.id,
              itemId: notice.itemId,
              action: 'replied',
              changes: [
                change('notice', null, noticeNumberText(notice.year, notice.number)),
                change('text', null, dto.text),
                change(
                  'files',
                  null,
                  files.map((f) => ({ name: f.fileName, sha256: f.sha256, size: f.sizeBytes })),
                ),
              ],
            },
          ],
          em,
        );
        await this.files.commit(staged);
        return action.id;
      });
      const [view] = await this.actions({ id });
      return view;
    } catch (error) {
      await this.files.discard(staged);
      throw error;
    }
  }

  /** Notices (with their 反馈) and 催办 of an item, oldest first; 404 when the item is not visible. */
  async timeline(user: ScopedUser, itemId: string): Promise<SupervisionTimeline> {
    await this.items.getVisible(user, itemId);
    const notices = await this.notices({ itemId });
    const actions = await this.actions({ itemId });
    return {
      notices: notices.map((n) => ({ ...n, replies: actions.filter((a) => a.noticeId === n.id) })),
      urges: actions.filter((a) => a.kind === 'urge'),
    };
  }

  async notice(user: ScopedUser, id: string): Promise<NoticeView> {
    const [found] = await this.notices({ id });
    if (!found) throw new DomainError(ErrorCode.NOT_FOUND, msg('supervision.notice_not_found', { id }));
    await this.items.getVisible(user, found.itemId).catch(() => {
      throw new DomainError(ErrorCode.NOT_FOUND, msg('supervision.notice_not_found', { id }));
    });
    return { ...found, replies: await this.actions({ noticeId: id }) };
  }

  /** A 反馈 attachment, for anyone who sees the item. */
  async openReplyFile(
    user: ScopedUser,
    actionId: string,
    fileId: string,
  ): Promise<{ fileName: string; contentType: string; sizeBytes: number; stream: Readable }> {
    const action = await this.dataSource.getRepository(SupervisionAction).findOneBy({ id: actionId });
    const file = action?.files.find((f) => f.id === fileId);
    if (!action || !file)
      throw new DomainError(ErrorCode.NOT_FOUND, msg('supervision.file_not_found', { id: fileId }));
    await this.items.getVisible(user, action.itemId).catch(() => {
      throw new DomainError(ErrorCode.NOT_FOUND, msg('supervision.file_not_found', { id: fileId }));
    });
    return { ...file, stream: await this.files.open(file.storageKey) };
  }

  private async departmentNames(itemId: string, em: EntityManager): Promise<string[]> {
    const rows = (await em.query(
      `SELECT d.name FROM assignments a JOIN departments d ON d.id = a.department_id
        WHERE a.item_id = $1 AND a.removed_at IS NULL ORDER BY a.role, d.region_code, d.name`,
      [itemId],
    )) as Array<{ name: string }>;
    return rows.map((r) => r.name);
  }

  /** How mail signs for the office: its mailbox's name, else the office's usual name. */
  private async officeName(regionCode: string): Promise<string> {
    return (await this.directory.mailbox(regionCode))?.name ?? '领导小组办公室';
  }

  /**
   * 督办 correspondence to one department (`departmentRecipients`, kind 'supervision'): its 联络人 when named,
   * else its accounts; mandatory mail. Returns the mails queued (0: nobody can receive the department's mail).
   */
  private async mailDepartment(
    to: DepartmentMailTo | undefined,
    mail: {
      template: 'urge' | 'supervision-notice';
      payload: UrgePayload | SupervisionNoticePayload;
      key: string;
    },
  ): Promise<number> {
    if (!to) return 0;
    const route = departmentRecipients(to, 'supervision');
    const payload = mail.payload as unknown as Record<string, unknown>;
    let mailed = 0;
    if (route.address) {
      const outcome = await this.notifications.notifyAddress(route.address, {
        template: mail.template,
        payload,
        key: `${mail.key}|${route.address.email}`,
        mandatory: true,
      });
      if (outcome === 'queued') mailed++;
    }
    for (const recipient of await this.notifications.recipients(route.userIds)) {
      const outcome = await this.notifications.notify(recipient, {
        template: mail.template,
        payload,
        key: `${mail.key}|${recipient.userId}`,
        mandatory: true,
      });
      if (outcome === 'queued') mailed++;
    }
    return mailed;
  }

  private async notices(filter: { id?: string; itemId?: string }): Promise<Omit<NoticeView, 'replies'>[]> {
    const rows = (await this.dataSource.query(
      `SELECT n.id, n.item_id AS "itemId", n.year, n.number, n.issued_on::text AS "issuedOn",
              n.due_on::text AS "dueOn", n.reply_due_on::text AS "replyDueOn", n.departments,
              u.name AS "issuedBy", n.created_at AS "createdAt"
         FROM supervision_notices n LEFT JOIN users u ON u.id = n.issued_by_user_id
        WHERE ($1::uuid IS NULL OR n.id = $1) AND ($2::uuid IS NULL OR n.item_id = $2)
        ORDER BY n.created_at, n.number`,
      [filter.id ?? null, filter.itemId ?? null],
    )) as Array<Omit<NoticeView, 'replies' | 'numberText'>>;
    return rows.map((r) => ({ ...r, numberText: noticeNumberText(r.year, r.number) }));
  }

  private async actions(filter: { id?: string; itemId?: string; noticeId?: string }): Promise<ActionView[]> {
    const rows = (await this.dataSource.query(
      `SELECT a.id, a.item_id AS "itemId", a.kind, a.notice_id AS "noticeId", a.department_id AS "departmentId",
              d.name AS "departmentName", a.text, a.files, a.mailed, u.name AS by, a.created_at AS "createdAt"
         FROM supervision_actions a JOIN departments d ON d.id = a.department_id
         LEFT JOIN users u ON u.id = a.by_user_id
        WHERE ($1::uuid IS NULL OR a.id = $1) AND ($2::uuid IS NULL OR a.item_id = $2)
          AND ($3::uuid IS NULL OR a.notice_id = $3)
        ORDER BY a.created_at, a.id`,
      [filter.id ?? null, filter.itemId ?? null, filter.noticeId ?? null],
    )) as Array<ActionView & { files: Array<ActionView['files'][number] & { storageKey: string }> }>;
    return rows.map((r) => ({
      ...r,
      files: r.files.map((f) => ({
        id: f.id,
        fileName: f.fileName,
        contentType: f.contentType,
        sizeBytes: f.sizeBytes,
      })),
    }));
  }
}
