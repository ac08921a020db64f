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
        throw new DomainError(ErrorCode.NOT_FOUND, `没有此方案 / No plan ${planId}`);
      }
      const id = randomUUID();
      await this.scope.assertCanManagePlan(user, plan.regionCode, em);
      const repo = em.getRepository(PlanItem);
      if (await repo.existsBy({ planId, ref: dto.ref })) {
        throw new DomainError(
          ErrorCode.CONFLICT,
          `方案中已有编号 ${dto.ref} / The plan already has an item ${dto.ref}`,
        );
      }
      let depth = 0;
      if (dto.parentId) {
        const parent = await repo.findOneBy({ id: dto.parentId, planId });
        if (!parent) {
          throw new DomainError(
            ErrorCode.VALIDATION_FAILED,
            `上级任务不在此方案中 / Parent ${dto.parentId} is not in this plan`,
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
        throw new DomainError(ErrorCode.INVALID_STATE, '任务已撤销 / The item is already cancelled');
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
        throw new DomainError(
          ErrorCode.NOT_FOUND,
          '该部门没有此任务 / That department has no assignment on this item',
        );
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
          `办理时限早于任务开始日期 ${item.startOn} / dueOn is before the item's start ${item.startOn}`,
          [{ field: 'dueOn', problems: [`must not be before ${item.startOn}`] }],
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
        throw new DomainError(
          ErrorCode.NOT_FOUND,
          '该部门没有此任务 / That department has no assignment on this item',
        );
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
            `${item.number} ${item.title}：办理时限早于开始日期 ${item.startOn} / dueOn is before the start of item ${id}`,
            [{ field: 'dueOn', problems: [`item ${id} starts ${item.startOn}`] }],
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
            new DomainError(ErrorCode.VALIDATION_FAILED, `没有此部门 / No department ${dto.departmentId}`),
        ),
      );
    // Only departments of the user's area take work from it.
    await this.scope.assertInArea(user, department.regionCode, `${department.name} `, em);
    const repo = em.getRepository(Assignment);
    const existing = await repo.findOneBy({ itemId, departmentId: dto.departmentId });
    if (existing && !existing.removedAt && existing.role === dto.role) {
      throw new DomainError(
        ErrorCode.CONFLICT,
        `${department.name} 已承担此任务 / ${department.name} is already assigned`,
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
    for (const [name, value] of [
      ['startOn', startOn],
      ['dueOn', dueOn],
    ] as const) {
      if (value && Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
        throw new DomainError(
          ErrorCode.VALIDATION_FAILED,
          `${name} 不是有效日期 / ${name} ${value} is not a real date`,
        );
      }
      if (value && new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
        throw new DomainError(
          ErrorCode.VALIDATION_FAILED,
          `${name} 不是有效日期 / ${name} ${value} is not a real date`,
        );
      }
    }
    if (startOn && dueOn && startOn > dueOn) {
      throw new DomainError(ErrorCode.VALIDATION_FAILED, '开始日期晚于截止日期 / startOn is after dueOn');
    }
  }
}
