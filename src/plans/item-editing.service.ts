import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { assignmentEffectiveDueOn } from './assignment-deadline.policy';
import { Assignment, type AssignmentRole } from './assignment.entity';
import { AssignmentsService } from './assignments.service';
import { AuditService, change, diffFields, type NewAuditEntry, userActor } from '../audit/audit.service';
import type { AuthenticatedUser } from '../access/authenticated-user';
import { Clock } from '../common/clock';
import { DomainError, ErrorCode, replaceNotFound } from '../common/domain-error';
import { DepartmentsService } from '../departments/departments.service';
import { assertVersion } from './etag';
import type { CreateItemDto, NewAssignmentDto, UpdateItemDto } from './item-editing.dto';
import { ItemStatusService } from './item-status.service';
import { type PlanEvent, PlanEvents } from './plan-events';
import { type ItemTarget, PlanItem } from './plan-item.entity';
import { PlanItemsService } from './plan-items.service';
import { PlanScope } from '../access/plan-scope';
import { inPlanTransaction } from './plan-transaction';
import { Plan } from './plan.entity';
import { normalizeSearchText } from '../common/text-normalization';
import { msg } from '../common/i18n/catalog';

type Editor = Pick<AuthenticatedUser, 'id' | 'name' | 'role' | 'departmentId'>;

const EDITABLE = ['title', 'body', 'kind', 'startOn', 'dueOn', 'dueText', 'indicator', 'targets'] as const;

const searchTextOf = (i: Pick<PlanItem, 'title' | 'body' | 'excerpt'>) =>
  normalizeSearchText([i.title, i.body ?? '', i.excerpt].join('\n'));

const targetsOf = (targets: UpdateItemDto['targets']): ItemTarget[] | undefined =>
  targets?.map((t) => ({
    metric: t.metric,
    comparator: t.comparator,
    value: t.value,
    unit: t.unit,
    scope: t.scope,
    due: t.due ?? null,
    indicator: t.indicator ?? null,
    reference: t.reference ?? null,
    qualifier: t.qualifier ?? null,
    counted_if: t.counted_if
      ? { comparator: t.counted_if.comparator, value: t.counted_if.value, unit: t.counted_if.unit }
      : null,
    text: t.text,
  }));

/**
 * Creating, editing and cancelling items and their assignments (office and admin). Edits are optimistic:
 * the caller sends the version it read (If-Match) and the row is locked while it is compared.
 */
@Injectable()
export class ItemEditingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly items: PlanItemsService,
    private readonly assignments: AssignmentsService,
    private readonly scope: PlanScope,
    private readonly departments: DepartmentsService,
    private readonly statuses: ItemStatusService,
    private readonly audit: AuditService,
    private readonly events: PlanEvents,
    private readonly clock: Clock,
  ) {}

  private run<T>(work: (em: EntityManager, emit: (event: PlanEvent) => void) => Promise<T>): Promise<T> {
    return inPlanTransaction(this.dataSource, this.events, work);
  }

  /** A new item at the end of a plan (under `parentId` when given), with its assignments. */
  async create(
    user: Editor,
    planId: string,
    dto: CreateItemDto,
    source: string,
    within?: { em: EntityManager; emit: (event: PlanEvent) => void },
  ): Promise<{ id: string }> {
    // `within`: a transaction createMany already holds, so that several items are created all or none.
    const work = async (em: EntityManager, emit: (event: PlanEvent) => void): Promise<{ id: string }> => {
      const plan = await em.getRepository(Plan).findOneBy({ id: planId });
      if (!plan || !(await this.scope.inArea(user, plan.regionCode, em))) {
        throw new DomainError(ErrorCode.NOT_FOUND, msg('plans.plan_not_found', { id: planId }));
      }
      const id = randomUUID();
      await this.scope.assertCanManagePlan(user, plan.regionCode, em);
      const repo = em.getRepository(PlanItem);
      if (await repo.existsBy({ planId, ref: dto.ref })) {
        throw new DomainError(ErrorCode.CONFLICT, msg('plans.item_ref_taken', { ref: dto.ref }));
      }
      let depth = 0;
      if (dto.parentId) {
        const parent = await repo.findOneBy({ id: dto.parentId, planId });
        if (!parent) {
          throw new DomainError(
            ErrorCode.VALIDATION_FAILED,
            msg('plans.parent_not_in_plan', { parentId: dto.parentId }),
          );
        }
        depth = parent.depth + 1;
      }
      this.assertDates(dto.startOn ?? null, dto.dueOn ?? null);
      const [{ next }] = (await em.query(
        'SELECT COALESCE(MAX(position), -1) + 1 AS next FROM plan_items WHERE plan_id = $1',
        [planId],
      )) as Array<{ next: number }>;
      const item = repo.create({
        id,
        planId,
        parentId: dto.parentId ?? null,
        ref: dto.ref,
        position: Number(next),
        depth,
        kind: dto.kind,
        number: dto.number ?? '',
        title: dto.title,
        body: dto.body ?? null,
        excerpt: dto.excerpt ?? dto.title,
        startOn: dto.startOn ?? null,
        startText: null,
        dueOn: dto.dueOn ?? null,
        dueText: dto.dueText ?? null,
        extendedDueOn: null,
        recurrence: null,
        indicator: dto.indicator ?? null,
        targets: targetsOf(dto.targets) ?? [],
        incentives: [],
        status: this.items.deriveStatus({
          startOn: dto.startOn ?? null,
          dueOn: dto.dueOn ?? null,
          indicator: dto.indicator ?? null,
        }),
        cancelledAt: null,
        closedAt: null,
        closedByUserId: null,
      });
      item.searchText = searchTextOf(item);
      await repo.insert(item);
      await this.audit.record(
        [
          {
            actor: userActor(user),
            source,
            entityType: 'plan_item',
            entityId: id,
            itemId: id,
            action: 'created',
            changes: [change('ref', null, item.ref), ...EDITABLE.map((f) => change(f, null, item[f]))],
          },
        ],
        em,
      );
      emit({ type: 'item.created', itemId: id });
      for (const a of dto.assignments ?? []) {
        await this.assign(em, user, id, a, source, emit);
      }
      return { id };
    };
    return within ? work(within.em, within.emit) : this.run(work);
  }

  /**
   * Several new items in one transaction (all or none), in order; `parentRef` places an item under one created
   * before it in the same call. Used where a computed plan (达标测算) is published as items.
   */
  async createMany(
    user: Editor,
    planId: string,
    items: readonly (CreateItemDto & { parentRef?: string })[],
    source: string,
  ): Promise<{ ids: string[] }> {
    return this.run(async (em, emit) => {
      const byRef = new Map<string, string>();
      const ids: string[] = [];
      for (const { parentRef, ...dto } of items) {
        const parentId = parentRef === undefined ? dto.parentId : byRef.get(parentRef);
        if (parentRef !== undefined && parentId === undefined)
          throw new Error(`createMany: parent ${parentRef} must come before ${dto.ref}`);
        const { id } = await this.create(user, planId, { ...dto, parentId } as CreateItemDto, source, {
          em,
          emit,
        });
        byRef.set(dto.ref, id);
        ids.push(id);
      }
      return { ids };
    });
  }

  /** Changes the given fields; `version` is what the caller read (If-Match). */
  async update(user: Editor, id: string, version: number, dto: UpdateItemDto, source: string): Promise<void> {
    await this.run(async (em, emit) => {
      const item = await this.lockForWrite(em, user, id, version);
      const before = { ...item };
      const patch: Partial<PlanItem> = {};
      for (const field of EDITABLE) {
        if (dto[field] === undefined) continue;
        if (field === 'targets') patch.targets = targetsOf(dto.targets);
        else Object.assign(patch, { [field]: dto[field] });
      }
      const after = { ...item, ...patch };
      this.assertDates(after.startOn, after.dueOn);
      // extendedDueOn is derived from the assignments (ItemStatusService.recompute), never edited here.
      const changes = diffFields(before, after, [...EDITABLE]);
      if (changes.length === 0) return;
      if (patch.title !== undefined || patch.body !== undefined) after.searchText = searchTextOf(after);
      await em.getRepository(PlanItem).save(after);
      await this.audit.record(
        [
          {
            actor: userActor(user),
            source,
            entityType: 'plan_item',
            entityId: id,
            itemId: id,
            action: 'updated',
            changes,
          },
        ],
        em,
      );
      await this.statuses.recompute({ itemIds: [id] }, em);
      const [{ effective }] = (await em.query(
        `SELECT COALESCE(extended_due_on, due_on)::text AS effective FROM plan_items WHERE id = $1`,
        [id],
      )) as Array<{ effective: string | null }>;
      // Assignments following the item's date move with it: reminders are rescheduled on any date change.
      if ((before.extendedDueOn ?? before.dueOn) !== effective || before.dueOn !== after.dueOn) {
        emit({
          type: 'item.deadline-changed',
          itemId: id,
          before: before.extendedDueOn ?? before.dueOn,
          after: effective,
        });
      }
    });
  }

  async cancel(
    user: Editor,
    id: string,
    version: number,
    reason: string | undefined,
    source: string,
  ): Promise<void> {
    await this.run(async (em, emit) => {
      const item = await this.lockForWrite(em, user, id, version);
      if (item.cancelledAt) {
        throw new DomainError(ErrorCode.INVALID_STATE, msg('plans.item_already_cancelled'));
      }
      const now = this.clock.now();
      item.cancelledAt = now;
      await em.getRepository(PlanItem).save(item);
      await this.audit.record(
        [
          {
            actor: userActor(user),
            source,
            entityType: 'plan_item',
            entityId: id,
            itemId: id,
            action: 'cancelled',
            changes: [change('cancelledAt', null, now), ...(reason ? [change('reason', null, reason)] : [])],
          },
        ],
        em,
      );
      await this.statuses.recompute({ itemIds: [id] }, em);
      emit({ type: 'item.cancelled', itemId: id });
    });
  }

  async addAssignment(user: Editor, itemId: string, dto: NewAssignmentDto, source: string): Promise<void> {
    await this.run(async (em, emit) => {
      const item = await this.items.getVisible(user, itemId, em);
      await this.scope.assertCanManagePlan(user, item.planRegionCode, em);
      await this.assign(em, user, itemId, dto, source, emit);
      await this.statuses.recompute({ itemIds: [itemId] }, em);
    });
  }

  async removeAssignment(user: Editor, itemId: string, departmentId: string, source: string): Promise<void> {
    await this.run(async (em, emit) => {
      const item = await this.items.getVisible(user, itemId, em);
      await this.scope.assertCanManagePlan(user, item.planRegionCode, em);
      const repo = em.getRepository(Assignment);
      const existing = await repo.findOneBy({ itemId, departmentId });
      if (!existing || existing.removedAt) {
        throw new DomainError(ErrorCode.NOT_FOUND, msg('plans.department_not_assigned', { departmentId }));
      }
      const now = this.clock.now();
      await repo.update({ id: existing.id }, { removedAt: now });
      const name = (await this.departments.get(departmentId, em)).name;
      await this.audit.record(
        [
          {
            actor: userActor(user),
            source,
            entityType: 'assignment',
            entityId: existing.id,
            itemId,
            action: 'removed',
            changes: [change('department', name, name), change('removedAt', null, now)],
          },
        ],
        em,
      );
      await this.statuses.recompute({ itemIds: [itemId] }, em);
      emit({ type: 'assignment.removed', itemId, departmentId });
    });
  }

  /**
   * Sets (or clears, with null) one department's own 办理时限 on an item; the others keep theirs. Audited with the
   * own date and the effective date before and after.
   */
  async setAssignmentDue(
    user: Editor,
    itemId: string,
    departmentId: string,
    dueOn: string | null,
    source: string,
  ): Promise<void> {
    await this.run(async (em, emit) => {
      const item = await this.items.getVisible(user, itemId, em);
      await this.scope.assertCanWriteItem(user, this.assignments.writeTarget(item, em), em);
      this.assertDates(null, dueOn);
      if (dueOn && item.startOn && dueOn < item.startOn) {
        throw new DomainError(
          ErrorCode.VALIDATION_FAILED,
          msg('plans.due_before_start', { startOn: item.startOn }),
          [{ field: 'dueOn', problems: [msg('plans.must_not_be_before', { date: item.startOn })] }],
        );
      }
      const repo = em.getRepository(Assignment);
      const existing = await repo
        .createQueryBuilder('a')
        .setLock('pessimistic_write')
        .where('a.item_id = :itemId AND a.department_id = :departmentId AND a.removed_at IS NULL', {
          itemId,
          departmentId,
        })
        .getOne();
      if (!existing) {
        throw new DomainError(ErrorCode.NOT_FOUND, msg('plans.department_not_assigned', { departmentId }));
      }
      if (existing.dueOn === dueOn) return;
      const before = assignmentEffectiveDueOn(existing, item);
      const after = assignmentEffectiveDueOn({ ...existing, dueOn }, item);
      await repo.update({ id: existing.id }, { dueOn });
      const name = (await this.departments.get(departmentId, em)).name;
      await this.audit.record(
        [
          {
            actor: userActor(user),
            source,
            entityType: 'assignment',
            entityId: existing.id,
            itemId,
            action: 'updated',
            changes: [
              change('department', name, name),
              change('dueOn', existing.dueOn, dueOn),
              change('effectiveDueOn', before, after),
            ],
          },
        ],
        em,
      );
      await this.statuses.recompute({ itemIds: [itemId] }, em);
      emit({ type: 'item.deadline-changed', itemId, before, after });
    });
  }

  /**
   * 批量补填办理时限: gives every listed item that has no date yet the same date (items that have one are left
   * alone and reported as skipped). One transaction; each item audited.
   */
  async setMissingDeadlines(
    user: Editor,
    itemIds: readonly string[],
    dueOn: string,
    source: string,
  ): Promise<{ updated: string[]; skipped: string[] }> {
    this.assertDates(null, dueOn);
    return this.run(async (em, emit) => {
      const updated: string[] = [];
      const skipped: string[] = [];
      for (const id of [...new Set(itemIds)]) {
        const visible = await this.items.getVisible(user, id, em);
        await this.scope.assertCanWriteItem(user, this.assignments.writeTarget(visible, em), em);
        const item = await em
          .getRepository(PlanItem)
          .createQueryBuilder('i')
          .setLock('pessimistic_write')
          .where('i.id = :id', { id })
          .getOneOrFail();
        if (item.dueOn || item.cancelledAt || item.closedAt) {
          skipped.push(id);
          continue;
        }
        if (item.startOn && dueOn < item.startOn) {
          throw new DomainError(
            ErrorCode.VALIDATION_FAILED,
            msg('plans.bulk_due_before_start', {
              id,
              number: item.number,
              title: item.title,
              startOn: item.startOn,
            }),
            [
              {
                field: 'dueOn',
                problems: [msg('plans.item_starts_on', { number: item.number, startOn: item.startOn })],
              },
            ],
          );
        }
        await em
          .getRepository(PlanItem)
          .createQueryBuilder()
          .update()
          .set({ dueOn }) // the version column is bumped by TypeORM
          .where('id = :id', { id })
          .execute();
        await this.audit.record(
          [
            {
              actor: userActor(user),
              source,
              entityType: 'plan_item',
              entityId: id,
              itemId: id,
              action: 'updated',
              changes: [change('dueOn', null, dueOn)],
            },
          ],
          em,
        );
        updated.push(id);
      }
      await this.statuses.recompute({ itemIds: updated }, em);
      for (const id of updated)
        emit({ type: 'item.deadline-changed', itemId: id, before: null, after: dueOn });
      return { updated, skipped };
    });
  }

  /** Adds (or restores, or changes the role of) one assignment. */
  private async assign(
    em: EntityManager,
    user: Editor,
    itemId: string,
    dto: { departmentId: string; role: AssignmentRole },
    source: string,
    emit: (event: PlanEvent) => void,
  ): Promise<void> {
    const department = await this.departments
      .get(dto.departmentId, em)
      .catch(
        replaceNotFound(
          () =>
            new DomainError(
              ErrorCode.VALIDATION_FAILED,
              msg('plans.department_not_found', { id: dto.departmentId }),
            ),
        ),
      );
    // Only departments of the user's area take work from it.
    await this.scope.assertInArea(
      user,
      department.regionCode,
      msg('access.what_department', { name: department.name }),
      em,
    );
    const repo = em.getRepository(Assignment);
    const existing = await repo.findOneBy({ itemId, departmentId: dto.departmentId });
    if (existing && !existing.removedAt && existing.role === dto.role) {
      throw new DomainError(
        ErrorCode.CONFLICT,
        msg('plans.department_already_assigned', { department: department.name }),
      );
    }
    const entry: NewAuditEntry = {
      actor: userActor(user),
      source,
      entityType: 'assignment',
      entityId: existing?.id ?? '',
      itemId,
      action: 'added',
      changes: [
        change('department', null, department.name),
        change('role', existing?.role ?? null, dto.role),
      ],
    };
    if (existing) {
      await repo.update({ id: existing.id }, { role: dto.role, removedAt: null });
      entry.action = existing.removedAt ? 'restored' : 'updated';
    } else {
      const id = randomUUID();
      await repo.insert({ id, itemId, departmentId: dto.departmentId, role: dto.role, removedAt: null });
      entry.entityId = id;
    }
    await this.audit.record([entry], em);
    if (!existing || existing.removedAt)
      emit({ type: 'assignment.added', itemId, departmentId: dto.departmentId });
  }

  /** Finds (404), checks the writer (403), locks the row and compares the version (412). */
  private async lockForWrite(
    em: EntityManager,
    user: Editor,
    id: string,
    version: number,
  ): Promise<PlanItem> {
    const visible = await this.items.getVisible(user, id, em);
    await this.scope.assertCanManagePlan(user, visible.planRegionCode, em);
    const item = await em
      .getRepository(PlanItem)
      .createQueryBuilder('i')
      .addSelect('i.searchText')
      .setLock('pessimistic_write')
      .where('i.id = :id', { id })
      .getOneOrFail();
    assertVersion(item.version, version);
    return item;
  }

  private assertDates(startOn: string | null, dueOn: string | null): void {
    for (const [key, value] of [
      ['plans.start_date_invalid', startOn],
      ['plans.due_date_invalid', dueOn],
    ] as const) {
      if (
        value &&
        (Number.isNaN(Date.parse(`${value}T00:00:00Z`)) ||
          new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value)
      ) {
        throw new DomainError(ErrorCode.VALIDATION_FAILED, msg(key, { value }));
      }
    }
    if (startOn && dueOn && startOn > dueOn) {
      throw new DomainError(ErrorCode.VALIDATION_FAILED, msg('plans.start_after_due'));
    }
  }
}
