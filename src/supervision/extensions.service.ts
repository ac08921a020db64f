import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, IsNull } from 'typeorm';
import { AuditService, change, userActor } from '../audit/audit.service';
import type { AuthenticatedUser } from '../access/authenticated-user';
import { Clock } from '../common/clock';
import { DomainError, ErrorCode, replaceNotFound } from '../common/domain-error';
import { ItemStatusService } from '../plans/item-status.service';
import { PlanEvents } from '../plans/plan-events';
import { PlanItemsService } from '../plans/plan-items.service';
import { PlanScope, type ScopedUser } from '../access/plan-scope';
import { ExtensionRequest, type ExtensionState } from './extension-request.entity';
import { Assignment } from '../plans/assignment.entity';
import { assignmentEffectiveDueOn } from '../plans/assignment-deadline.policy';
import { inPlanTransaction } from '../plans/plan-transaction';
import { ReportsService } from './reports.service';
import type { DecideExtensionDto, RequestExtensionDto } from './supervision.dto';
import { msg } from '../common/i18n/catalog';

type Actor = Pick<AuthenticatedUser, 'id' | 'name' | 'role' | 'departmentId'>;

export interface ExtensionView {
  id: string;
  itemId: string;
  departmentId: string;
  departmentName: string;
  reason: string;
  currentDueOn: string;
  requestedDueOn: string;
  state: ExtensionState;
  requestedBy: { id: string | null; name: string | null };
  createdAt: Date;
  decidedBy: { id: string | null; name: string | null } | null;
  decidedAt: Date | null;
  decisionComment: string | null;
  item?: { id: string; ref: string; title: string; planId: string };
}

const isRealDate = (s: string) => {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};

/**
 * 延期申请: an assigned department asks for a later date for its own assignment; the office or a leader
 * approves (the assignment's `extendedDueOn` moves; the item's date and the other departments' stay) or rejects.
 */
@Injectable()
export class ExtensionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly items: PlanItemsService,
    private readonly scope: PlanScope,
    private readonly reports: ReportsService,
    private readonly statuses: ItemStatusService,
    private readonly audit: AuditService,
    private readonly events: PlanEvents,
    private readonly clock: Clock,
  ) {}

  async request(
    user: Actor,
    itemId: string,
    dto: RequestExtensionDto,
    source: string,
  ): Promise<ExtensionView> {
    const id = await inPlanTransaction(this.dataSource, this.events, async (em, emit) => {
      const { item, assignment } = await this.reports.actingAssignment(user, itemId, em);
      if (item.cancelledAt || item.closedAt) {
        throw new DomainError(ErrorCode.INVALID_STATE, msg('supervision.item_cancelled_or_closed'));
      }
      // Each 承办单位 asks for its own 延期: the date moved is its assignment's, never the other departments'.
      const current = assignmentEffectiveDueOn(assignment, item);
      if (!current) {
        throw new DomainError(ErrorCode.INVALID_STATE, msg('supervision.no_due_date_to_extend'));
      }
      if (!isRealDate(dto.newDueOn) || dto.newDueOn <= current) {
        throw new DomainError(ErrorCode.VALIDATION_FAILED, msg('supervision.new_due_after', { current }), [
          { field: 'newDueOn', problems: [msg('supervision.must_be_date_after', { current })] },
        ]);
      }
      const repo = em.getRepository(ExtensionRequest);
      if (await repo.existsBy({ itemId, departmentId: assignment.departmentId, state: 'pending' })) {
        throw new DomainError(ErrorCode.INVALID_STATE, msg('supervision.extension_pending'));
      }
      const request = repo.create({
        itemId,
        departmentId: assignment.departmentId,
        reason: dto.reason,
        currentDueOn: current,
        requestedDueOn: dto.newDueOn,
        state: 'pending',
        requestedByUserId: user.id,
        decidedByUserId: null,
        decidedAt: null,
        decisionComment: null,
      });
      await repo.insert(request);
      await this.audit.record(
        [
          {
            actor: userActor(user),
            source,
            entityType: 'extension_request',
            entityId: request.id,
            itemId,
            action: 'requested',
            changes: [
              change('department', null, assignment.departmentId),
              change('currentDueOn', null, current),
              change('requestedDueOn', null, dto.newDueOn),
              change('reason', null, dto.reason),
            ],
          },
        ],
        em,
      );
      emit({ type: 'extension.requested', itemId, requestId: request.id });
      return request.id;
    }).catch((error: { code?: string }) => {
      if (error.code === '23505') {
        throw new DomainError(ErrorCode.INVALID_STATE, msg('supervision.extension_pending'));
      }
      throw error;
    });
    return this.getView(id);
  }

  async decide(
    user: Actor,
    requestId: string,
    dto: DecideExtensionDto,
    source: string,
  ): Promise<ExtensionView> {
    await inPlanTransaction(this.dataSource, this.events, async (em, emit) => {
      const repo = em.getRepository(ExtensionRequest);
      const request = await repo
        .createQueryBuilder('e')
        .setLock('pessimistic_write')
        .where('e.id = :requestId', { requestId })
        .getOne();
      if (!request)
        throw new DomainError(ErrorCode.NOT_FOUND, msg('supervision.extension_not_found', { id: requestId }));
      const item = await this.items
        .getVisible(user, request.itemId, em)
        .catch(
          replaceNotFound(
            () =>
              new DomainError(ErrorCode.NOT_FOUND, msg('supervision.extension_not_found', { id: requestId })),
          ),
        );
      await this.scope.assertCanReviewItem(user, item, em);
      if (request.state !== 'pending') {
        throw new DomainError(
          ErrorCode.INVALID_STATE,
          msg('supervision.extension_already_decided', {
            state: msg(
              request.state === 'approved'
                ? 'supervision.extension_state_approved'
                : 'supervision.extension_state_rejected',
            ),
          }),
        );
      }
      const approved = dto.decision === 'approve';
      const now = this.clock.now();
      await repo.update(
        { id: request.id },
        {
          state: approved ? 'approved' : 'rejected',
          decidedByUserId: user.id,
          decidedAt: now,
          decisionComment: dto.comment?.trim() || null,
        },
      );
      const entries = [
        {
          actor: userActor(user),
          source,
          entityType: 'extension_request',
          entityId: request.id,
          itemId: request.itemId,
          action: approved ? 'approved' : 'rejected',
          changes: [
            change('state', 'pending', approved ? 'approved' : 'rejected'),
            change('comment', null, dto.comment ?? null),
          ],
        },
      ];
      const assignment = await em
        .getRepository(Assignment)
        .findOneBy({ itemId: item.id, departmentId: request.departmentId, removedAt: IsNull() });
      if (approved && !assignment) {
        throw new DomainError(ErrorCode.INVALID_STATE, msg('supervision.department_no_longer_assigned'));
      }
      const before = assignment ? assignmentEffectiveDueOn(assignment, item) : null;
      if (approved && assignment) {
        const [{ name }] = (await em.query(`SELECT name FROM departments WHERE id = $1`, [
          request.departmentId,
        ])) as Array<{ name: string }>;
        // Only the asking department's assignment moves; the item's date and the others' stay.
        await em
          .getRepository(Assignment)
          .update({ id: assignment.id }, { extendedDueOn: request.requestedDueOn });
        entries.push({
          actor: userActor(user),
          source,
          entityType: 'assignment',
          entityId: assignment.id,
          itemId: item.id,
          action: 'updated',
          changes: [
            change('department', name, name),
            change('extendedDueOn', assignment.extendedDueOn, request.requestedDueOn),
            change('effectiveDueOn', before, request.requestedDueOn),
          ],
        });
      }
      await this.audit.record(entries, em);
      await this.statuses.recompute({ itemIds: [item.id] }, em);
      emit({
        type: 'extension.decided',
        itemId: item.id,
        requestId: request.id,
        approved,
        newDueOn: approved ? request.requestedDueOn : null,
      });
      if (approved) {
        emit({ type: 'item.deadline-changed', itemId: item.id, before, after: request.requestedDueOn });
      }
    });
    return this.getView(requestId);
  }

  async forItem(itemId: string): Promise<ExtensionView[]> {
    return this.views({ itemId });
  }

  /** Requests in a state (the office queue: pending), across the items the user sees, oldest first. */
  async queue(user: ScopedUser, state: ExtensionState): Promise<ExtensionView[]> {
    // The queue of what the user reviews: items of plans issued in their area (PlanScope.assertCanReviewItem).
    const area = await this.scope.area(user);
    if (area !== null && area.length === 0) return [];
    return this.views({ state, regions: area ?? undefined });
  }

  async getView(id: string): Promise<ExtensionView> {
    const [view] = await this.views({ id });
    if (!view) throw new DomainError(ErrorCode.NOT_FOUND, msg('supervision.extension_not_found', { id }));
    return view;
  }

  private async views(filter: {
    id?: string;
    itemId?: string;
    state?: ExtensionState;
    regions?: string[];
  }): Promise<ExtensionView[]> {
    const qb = this.dataSource
      .getRepository(ExtensionRequest)
      .createQueryBuilder('e')
      .innerJoin('e.department', 'd')
      .innerJoin('e.item', 'i')
      .innerJoin('i.plan', 'p')
      .leftJoin('e.requestedBy', 'qu')
      .leftJoin('e.decidedBy', 'du')
      .select('e')
      .addSelect(['d.name', 'qu.name', 'du.name', 'i.ref', 'i.title', 'i.planId']);
    if (filter.id) qb.andWhere('e.id = :id', { id: filter.id });
    if (filter.itemId) qb.andWhere('e.item_id = :itemId', { itemId: filter.itemId });
    if (filter.state) qb.andWhere('e.state = :state', { state: filter.state });
    if (filter.regions) qb.andWhere('p.region_code IN (:...regions)', { regions: filter.regions });
    qb.orderBy('e.created_at', filter.state ? 'ASC' : 'DESC')
      .addOrderBy('e.id', 'DESC')
      .limit(500);
    return (await qb.getMany()).map((e) => ({
      id: e.id,
      itemId: e.itemId,
      departmentId: e.departmentId,
      departmentName: e.department?.name ?? '',
      reason: e.reason,
      currentDueOn: e.currentDueOn,
      requestedDueOn: e.requestedDueOn,
      state: e.state,
      requestedBy: { id: e.requestedByUserId, name: e.requestedBy?.name ?? null },
      createdAt: e.createdAt,
      decidedBy: e.decidedAt ? { id: e.decidedByUserId, name: e.decidedBy?.name ?? null } : null,
      decidedAt: e.decidedAt,
      decisionComment: e.decisionComment,
      item: e.item
        ? { id: e.itemId, ref: e.item.ref, title: e.item.title, planId: e.item.planId }
        : undefined,
    }));
  }
}
