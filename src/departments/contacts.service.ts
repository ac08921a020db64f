import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { type AuditActor, AuditService, change } from '../audit/audit.service';
import { DomainError, ErrorCode } from '../common/domain-error';
import { msg } from '../common/i18n/catalog';
import { Department } from './department.entity';
import type { DepartmentMailTo, MailAddress } from './department-mail';
import { OfficeMailbox } from './office-mailbox.entity';

export interface DepartmentContact {
  name: string | null;
  phone: string | null;
  email: string | null;
}

/** A department on the 联络人 page. */
export interface ContactRow {
  id: string;
  name: string;
  regionCode: string;
  regionName: string | null;
  contactName: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
  /** an active 负责人 or 科室负责人 account can receive its mail */
  hasAccount: boolean;
  /** open items it holds */
  items: number;
}

/** A department that nobody can receive mail for: no 联络人 email and no active head or dept_head account. */
export interface UnreachableDepartment {
  id: string;
  name: string;
  regionCode: string;
  /** open items it holds */
  items: number;
}

/**
 * SQL: the department `d` can receive mail — a 联络人 email, or an active head / dept_head account. The one
 * definition of "reachable" for the workbench, publishing and 催办.
 */
export const departmentReachableSql = (d = 'd') =>
  `(${d}.contact_email IS NOT NULL OR EXISTS (SELECT 1 FROM users ru WHERE ru.is_active AND (
     ru.id = ${d}.head_user_id OR (ru.department_id = ${d}.id AND ru.role = 'dept_head'))))`;

/** 联络人 of departments and the office's mailbox: who receives 督办 mail, audited on every change. */
@Injectable()
export class ContactsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async setContact(
    departmentId: string,
    contact: DepartmentContact,
    actor: AuditActor,
    source: string,
  ): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const repo = em.getRepository(Department);
      const before = await repo.findOne({ where: { id: departmentId }, lock: { mode: 'pessimistic_write' } });
      if (!before)
        throw new DomainError(
          ErrorCode.NOT_FOUND,
          msg('departments.department_not_found', { id: departmentId }),
        );
      const after = {
        contactName: contact.name?.trim() || null,
        contactPhone: contact.phone?.trim() || null,
        contactEmail: contact.email?.trim().toLowerCase() || null,
      };
      const changes = (['contactName', 'contactPhone', 'contactEmail'] as const)
        .filter((f) => before[f] !== after[f])
        .map((f) => change(f, before[f], after[f]));
      if (!changes.length) return;
      await repo.update({ id: departmentId }, after);
      await this.audit.record(
        [{ actor, source, entityType: 'department', entityId: departmentId, action: 'updated', changes }],
        em,
      );
    });
  }

  async contactOf(departmentIds: readonly string[]): Promise<Map<string, DepartmentContact>> {
    if (!departmentIds.length) return new Map();
    const rows = await this.dataSource.getRepository(Department).find({
      where: departmentIds.map((id) => ({ id })),
    });
    return new Map(
      rows.map((d) => [d.id, { name: d.contactName, phone: d.contactPhone, email: d.contactEmail }]),
    );
  }

  /**
   * Departments of the area (region codes; null: every region) holding open work that nobody can receive mail
   * for; with `planId`, only that plan's departments. Only departments of the area — whose 联络人 the user may
   * set — and their work is in the area by PlanScope's rule (an item assigned to a department of the area).
   */
  async unreachable(
    regionCodes: readonly string[] | null,
    planId?: string,
  ): Promise<UnreachableDepartment[]> {
    return this.dataSource.query<UnreachableDepartment[]>(
      `SELECT d.id, d.name, d.region_code AS "regionCode", count(DISTINCT i.id)::int AS items
         FROM departments d
         JOIN assignments a ON a.department_id = d.id AND a.removed_at IS NULL
         JOIN plan_items i ON i.id = a.item_id AND i.status NOT IN ('completed', 'cancelled')
         JOIN plans p ON p.id = i.plan_id
        WHERE ($1::text[] IS NULL OR d.region_code = ANY($1::text[])) AND ($2::uuid IS NULL OR p.id = $2)
          AND NOT ${departmentReachableSql('d')}
        GROUP BY d.id ORDER BY d.region_code, d.name`,
      [regionCodes, planId ?? null],
    );
  }

  /**
   * For each department: its 联络人's address and its active 负责人 / 科室负责人 accounts — what
   * `departmentRecipients` chooses from.
   */
  async mailTo(departmentIds: readonly string[]): Promise<Map<string, DepartmentMailTo>> {
    const out = new Map<string, DepartmentMailTo>();
    if (!departmentIds.length) return out;
    const rows = await this.dataSource.query<
      Array<{
        id: string;
        name: string;
        contactName: string | null;
        contactEmail: string | null;
        userIds: string[];
      }>
    >(
      `SELECT d.id, d.name, d.contact_name AS "contactName", d.contact_email AS "contactEmail",
              ARRAY(SELECT u.id FROM users u
                     WHERE u.is_active AND u.department_id IS NOT NULL
                       AND (u.id = d.head_user_id OR (u.department_id = d.id AND u.role = 'dept_head'))
                     ORDER BY u.email)::text[] AS "userIds"
         FROM departments d WHERE d.id = ANY($1::uuid[])`,
      [departmentIds],
    );
    for (const r of rows) {
      out.set(r.id, {
        departmentId: r.id,
        departmentName: r.name,
        contact: r.contactEmail ? { email: r.contactEmail, name: r.contactName ?? r.name } : null,
        userIds: r.userIds,
      });
    }
    return out;
  }

  /** The office's own mailbox of a region as a mail address; null when none is set. */
  async officeAddress(regionCode: string): Promise<MailAddress | null> {
    const mailbox = await this.mailbox(regionCode);
    return mailbox ? { email: mailbox.email, name: mailbox.name } : null;
  }

  /**
   * Every department of the area (null: all) with its 联络人, whether an account can receive its mail and how
   * many open items it holds: the 联络人 page.
   */
  async directory(regionCodes: readonly string[] | null): Promise<ContactRow[]> {
    return this.dataSource.query<ContactRow[]>(
      `SELECT d.id, d.name, d.region_code AS "regionCode", r.name AS "regionName",
              d.contact_name AS "contactName", d.contact_phone AS "contactPhone", d.contact_email AS "contactEmail",
              EXISTS (SELECT 1 FROM users ru WHERE ru.is_active AND (
                ru.id = d.head_user_id OR (ru.department_id = d.id AND ru.role = 'dept_head'))) AS "hasAccount",
              (SELECT count(DISTINCT i.id)::int FROM assignments a
                 JOIN plan_items i ON i.id = a.item_id AND i.status NOT IN ('completed', 'cancelled')
                WHERE a.department_id = d.id AND a.removed_at IS NULL) AS items
         FROM departments d LEFT JOIN regions r ON r.code = d.region_code
        WHERE ($1::text[] IS NULL OR d.region_code = ANY($1::text[]))
        ORDER BY d.region_code, d.name`,
      [regionCodes],
    );
  }

  /** Mailboxes of the regions given (null: all). */
  async mailboxes(regionCodes: readonly string[] | null): Promise<OfficeMailbox[]> {
    const all = await this.dataSource.getRepository(OfficeMailbox).find({ order: { regionCode: 'ASC' } });
    return regionCodes ? all.filter((m) => regionCodes.includes(m.regionCode)) : all;
  }

  async mailbox(regionCode: string): Promise<OfficeMailbox | null> {
    return this.dataSource.getRepository(OfficeMailbox).findOneBy({ regionCode });
  }

  async setMailbox(
    regionCode: string,
    mailbox: { email: string; name: string },
    actor: AuditActor,
    source: string,
  ): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const repo = em.getRepository(OfficeMailbox);
      const before = await repo.findOneBy({ regionCode });
      const email = mailbox.email.trim().toLowerCase();
      await repo.upsert({ regionCode, email, name: mailbox.name.trim() }, ['regionCode']);
      await this.audit.record(
        [
          {
            actor,
            source,
            entityType: 'office_mailbox',
            entityId: regionCode,
            action: before ? 'updated' : 'created',
            changes: [
              change('email', before?.email ?? null, email),
              change('name', before?.name ?? null, mailbox.name),
            ],
          },
        ],
        em,
      );
    });
  }
}
