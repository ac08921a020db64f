import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, In, IsNull, type Repository } from 'typeorm';
import { type AuditActor, AuditService, change, type NewAuditEntry } from '../audit/audit.service';
import type { AuthenticatedUser } from '../access/authenticated-user';
import { Clock } from '../common/clock';
import { DomainError, ErrorCode } from '../common/domain-error';
import { DepartmentsService } from '../departments/departments.service';
import { Assignment, type AssignmentRole } from './assignment.entity';
import type { AssignmentStatus } from './assignment-status.policy';
import {
  assignmentEffectiveDueOn,
  assignmentEffectiveDueSql,
  assignmentOverdueSql,
} from './assignment-deadline.policy';
import { type Message, msg } from '../common/i18n/catalog';

export interface AssignmentView {
  id: string;
  itemId: string;
  departmentId: string;
  departmentName: string;
  regionCode: string;
  role: AssignmentRole;
  acknowledgedAt: Date | null;
  acknowledgedByUserId: string | null;
  /** Its own 办理时限 (null: the item's date), its approved extension, and the result (assignmentEffectiveDueOn). */
  dueOn: string | null;
  extendedDueOn: string | null;
  effectiveDueOn: string | null;
  /** Past its effective date and its part not done (assignmentOverdueSql), whatever the review state. */
  overdue: boolean;
}

/** One assignment of a department, with the item it is about: the rows of "my assignments". */
export interface DepartmentAssignmentView {
  id: string;
  role: AssignmentRole;
  acknowledgedAt: Date | null;
  /** This department's effective due date (its own 办理时限 or 延期, else the item's). */
  effectiveDueOn: string | null;
  overdue: boolean;
  item: {
    id: string;
    ref: string;
    number: string;
    kind: string;
    title: string;
    status: AssignmentStatus;
    startOn: string | null;
    dueOn: string | null;
    dueText: string | null;
    version: number;
  };
  plan: { id: string; key: string; title: string };
}

export interface MyAssignments {
  department: { id: string; name: string; regionCode: string } | null;
  assignments: DepartmentAssignmentView[];
  /** why the list is empty, when the account has no department (rendered in the reader's language) */
  message?: Message;
}

/** What a plan file says each item should have: item id → department id → role. */
export type DesiredAssignments = ReadonlyMap<string, ReadonlyMap<string, AssignmentRole>>;

export interface AssignmentSyncReport {
  added: number;
  removed: number;
  /** role changed (lead ⇄ cooperate) */
  changed: number;
}

const CHUNK = 1000;

@Injectable()
export class AssignmentsService {
  constructor(
    @InjectRepository(Assignment) private readonly assignments: Repository<Assignment>,
    private readonly departments: DepartmentsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  private repo(manager?: EntityManager): Repository<Assignment> {
    return manager ? manager.getRepository(Assignment) : this.assignments;
  }

  /** Active assignments of the given items, lead first, with department names. */
  async forItems(
    itemIds: readonly string[],
    manager?: EntityManager,
  ): Promise<Map<string, AssignmentView[]>> {
    const byItem = new Map<string, AssignmentView[]>(itemIds.map((id) => [id, []]));
    if (itemIds.length === 0) return byItem;
    const { entities, raw } = await this.repo(manager)
      .createQueryBuilder('a')
      .innerJoinAndSelect('a.department', 'd')
      .innerJoin('a.item', 'i')
      .addSelect('i.due_on::text', 'item_due_on')
      .addSelect(assignmentOverdueSql(':today'), 'overdue')
      .where('a.item_id IN (:...itemIds)', { itemIds })
      .andWhere('a.removed_at IS NULL')
      .setParameter('today', this.clock.today())
      .orderBy('a.role')
      .addOrderBy('d.region_code')
      .addOrderBy('d.name')
      .getRawAndEntities<{ a_id: string; item_due_on: string | null; overdue: boolean }>();
    const extra = new Map(raw.map((r) => [r.a_id, r]));
    for (const a of entities) {
      const row = extra.get(a.id);
      byItem.get(a.itemId)?.push(this.view(a, { dueOn: row?.item_due_on ?? null }, row?.overdue ?? false));
    }
    return byItem;
  }

  /** Whether the department holds an active assignment on the item (the rule for department writes). */
  isAssigned(itemId: string, departmentId: string, manager?: EntityManager): Promise<boolean> {
    return this.repo(manager).existsBy({ itemId, departmentId, removedAt: IsNull() });
  }

  /** The item as PlanScope.assertCanWriteItem judges it: its plan's region, and whom it is assigned to. */
  writeTarget(
    item: { id: string; planRegionCode: string },
    manager?: EntityManager,
  ): { planRegionCode: string; isAssignedTo: (departmentId: string) => Promise<boolean> } {
    return {
      planRegionCode: item.planRegionCode,
      isAssignedTo: (departmentId) => this.isAssigned(item.id, departmentId, manager),
    };
  }

  /** The active assignment of a department on an item. */
  async getActive(itemId: string, departmentId: string, manager?: EntityManager): Promise<Assignment> {
    const found = await this.repo(manager).findOneBy({ itemId, departmentId, removedAt: IsNull() });
    if (!found)
      throw new DomainError(
        ErrorCode.NOT_FOUND,
        msg('plans.own_department_not_assigned', { itemId, departmentId }),
      );
    return found;
  }

  /**
   * "My assignments": those of the user's department. An account without a department gets an empty list
   * and a message saying why (not a 403: the route itself is open to every role).
   */
  async listMine(
    user: Pick<AuthenticatedUser, 'departmentId'>,
    options: { includeCancelled?: boolean } = {},
  ): Promise<MyAssignments> {
    if (!user.departmentId) {
      return {
        department: null,
        assignments: [],
        message: msg('plans.account_without_department'),
      };
    }
    const department = await this.departments.get(user.departmentId);
    return {
      department: { id: department.id, name: department.name, regionCode: department.regionCode },
      assignments: await this.listForDepartment(department.id, options),
    };
  }

  /**
   * A department's active assignments with their items, soonest due first (items without a date last).
   * Items cancelled by a re-import are left out unless asked for.
   */
  async listForDepartment(
    departmentId: string,
    options: { includeCancelled?: boolean } = {},
  ): Promise<DepartmentAssignmentView[]> {
    const qb = this.assignments
      .createQueryBuilder('a')
      .innerJoin('a.item', 'i')
      .innerJoin('i.plan', 'p')
      .select([
        'a.id AS "id"',
        'a.role AS "role"',
        'a.acknowledged_at AS "acknowledgedAt"',
        'i.id AS "itemId"',
        'i.ref AS "ref"',
        'i.number AS "number"',
        'i.kind AS "kind"',
        'i.title AS "title"',
        'i.status AS "status"',
        'i.start_on::text AS "startOn"',
        'i.due_on::text AS "dueOn"',
        'i.due_text AS "dueText"',
        'i.version AS "version"',
        'p.id AS "planId"',
        'p.key AS "planKey"',
        'p.title AS "planTitle"',
        `${assignmentEffectiveDueSql()}::text AS "effectiveDueOn"`,
        `${assignmentOverdueSql(':today')} AS "overdue"`,
      ])
      .where('a.department_id = :departmentId', { departmentId })
      .andWhere('a.removed_at IS NULL')
      .setParameter('today', this.clock.today())
      .orderBy(assignmentEffectiveDueSql(), 'ASC', 'NULLS LAST')
      .addOrderBy('p.issued_on')
      .addOrderBy('i.position');
    if (!options.includeCancelled) qb.andWhere(`i.status <> 'cancelled'`);
    const rows = await qb.getRawMany<{
      id: string;
      role: AssignmentRole;
      acknowledgedAt: Date | null;
      itemId: string;
      ref: string;
      number: string;
      kind: string;
      title: string;
      status: AssignmentStatus;
      startOn: string | null;
      dueOn: string | null;
      dueText: string | null;
      version: number;
      planId: string;
      planKey: string;
      planTitle: string;
      effectiveDueOn: string | null;
      overdue: boolean;
    }>();
    return rows.map((r) => ({
      id: r.id,
      role: r.role,
      acknowledgedAt: r.acknowledgedAt,
      effectiveDueOn: r.effectiveDueOn,
      overdue: r.overdue,
      item: {
        id: r.itemId,
        ref: r.ref,
        number: r.number,
        kind: r.kind,
        title: r.title,
        status: r.status,
        startOn: r.startOn,
        dueOn: r.dueOn,
        dueText: r.dueText,
        version: r.version,
      },
      plan: { id: r.planId, key: r.planKey, title: r.planTitle },
    }));
  }

  /**
   * Brings the assignments of the given items to what is desired: adds the missing ones (restoring softly
   * removed ones, so their 签收 and history come back), changes roles, and softly removes the rest. One
   * upsert and one update however many rows; every change audited against its item. Items absent from
   * `desired` are not touched.
   */
  async sync(
    desired: DesiredAssignments,
    context: { actor: AuditActor; source: string },
    manager?: EntityManager,
  ): Promise<AssignmentSyncReport> {
    const repo = this.repo(manager);
    const itemIds = [...desired.keys()];
    const report: AssignmentSyncReport = { added: 0, removed: 0, changed: 0 };
    if (itemIds.length === 0) return report;

    const existing = await repo.findBy({ itemId: In(itemIds) });
    const byKey = new Map(existing.map((a) => [`${a.itemId}/${a.departmentId}`, a]));
    const departmentIds = new Set(existing.map((a) => a.departmentId));
    for (const wanted of desired.values()) for (const id of wanted.keys()) departmentIds.add(id);
    const names = new Map(
      (await this.departments.findByIds([...departmentIds], manager)).map((d) => [d.id, d.name]),
    );
    const now = this.clock.now();

    const upserts: Array<Pick<Assignment, 'id' | 'itemId' | 'departmentId' | 'role' | 'removedAt'>> = [];
    const audit: NewAuditEntry[] = [];
    const entry = (
      a: { id: string; itemId: string },
      action: string,
      changes: NewAuditEntry['changes'],
    ): NewAuditEntry => ({
      actor: context.actor,
      source: context.source,
      entityType: 'assignment',
      entityId: a.id,
      itemId: a.itemId,
      action,
      changes,
    });

    for (const [itemId, wanted] of desired) {
      for (const [departmentId, role] of wanted) {
        const department = {
          field: 'department',
          before: names.get(departmentId) ?? departmentId,
          after: names.get(departmentId) ?? departmentId,
        };
        const before = byKey.get(`${itemId}/${departmentId}`);
        if (!before) {
          const row = { id: randomUUID(), itemId, departmentId, role, removedAt: null };
          upserts.push(row);
          report.added++;
          audit.push(
            entry(row, 'created', [
              { ...department, before: null },
              { field: 'role', before: null, after: role },
            ]),
          );
        } else if (before.removedAt) {
          upserts.push({ id: before.id, itemId, departmentId, role, removedAt: null });
          report.added++;
          audit.push(
            entry(before, 'restored', [
              department,
              change('removedAt', before.removedAt, null),
              ...(before.role !== role ? [{ field: 'role', before: before.role, after: role }] : []),
            ]),
          );
        } else if (before.role !== role) {
          upserts.push({ id: before.id, itemId, departmentId, role, removedAt: null });
          report.changed++;
          audit.push(
            entry(before, 'updated', [department, { field: 'role', before: before.role, after: role }]),
          );
        }
      }
    }

    const toRemove = existing.filter((a) => !a.removedAt && !desired.get(a.itemId)?.has(a.departmentId));
    for (const a of toRemove) {
      audit.push(
        entry(a, 'removed', [
          {
            field: 'department',
            before: names.get(a.departmentId) ?? a.departmentId,
            after: names.get(a.departmentId) ?? a.departmentId,
          },
          change('removedAt', null, now),
        ]),
      );
    }
    report.removed = toRemove.length;

    for (let i = 0; i < upserts.length; i += CHUNK) {
      await repo
        .createQueryBuilder()
        .insert()
        .into(Assignment)
        .values(upserts.slice(i, i + CHUNK).map((r) => ({ ...r, updatedAt: now })))
        .orUpdate(['role', 'removed_at', 'updated_at'], ['item_id', 'department_id'])
        .updateEntity(false)
        .execute();
    }
    if (toRemove.length) await repo.update({ id: In(toRemove.map((a) => a.id)) }, { removedAt: now });
    await this.audit.record(audit, manager);
    return report;
  }

  private view(a: Assignment, item: { dueOn: string | null }, overdue: boolean): AssignmentView {
    return {
      id: a.id,
      itemId: a.itemId,
      departmentId: a.departmentId,
      departmentName: a.department?.name ?? '',
      regionCode: a.department?.regionCode ?? '',
      role: a.role,
      acknowledgedAt: a.acknowledgedAt,
      acknowledgedByUserId: a.acknowledgedByUserId,
      dueOn: a.dueOn,
      extendedDueOn: a.extendedDueOn,
      effectiveDueOn: assignmentEffectiveDueOn(a, item),
      overdue,
    };
  }
}
