import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { DataSource, EntityManager, Repository } from 'typeorm';
import type { AssignmentStatus } from './assignment-status.policy';
import { AssignmentsService, type AssignmentView } from './assignments.service';
import { AuditService, type AuditEntryView } from '../audit/audit.service';
import type { CalendarDate } from '../common/calendar-date';
import { WorkingCalendar } from '../calendar/working-calendar';
import { Clock } from '../common/clock';
import { DomainError, ErrorCode } from '../common/domain-error';
import type { ProgressAssessment } from './expected-progress.policy';
import { decodeCursor, encodeCursor, type ItemSort, SORT_SPECS } from './item-cursor';
import { deriveItemStatus, OPEN_STATUSES } from './item-status.policy';
import { assignmentEffectiveDueSql, itemOverdueSql, overdueDays } from './assignment-deadline.policy';
import { ItemStatusService } from './item-status.service';
import type { ItemKind } from './plan-file.schema';
import { type ItemIncentive, type ItemTarget, PlanItem } from './plan-item.entity';
import { itemInAreaSql, PlanScope, type ScopedUser } from '../access/plan-scope';
import { normalizeSearchText } from '../common/text-normalization';
import { msg } from '../common/i18n/catalog';

export interface ItemListFilter {
  plan?: string;
  department?: string;
  region?: string;
  kind?: ItemKind[];
  status?: AssignmentStatus[];
  q?: string;
  /** inclusive, YYYY-MM-DD */
  dueBefore?: string;
  dueAfter?: string;
  /** only open work (not submitted, completed or cancelled) */
  open?: boolean;
  /** only overdue items (any lead late by its own date, whatever the review state) */
  overdue?: boolean;
  /** only items with no 办理时限 at all (open, not a heading: item and every assignment without a date) */
  noDeadline?: boolean;
  sort?: ItemSort;
  cursor?: string;
  limit?: number;
}

export interface ItemSummary {
  id: string;
  plan: { id: string; key: string; title: string; regionCode: string };
  parentId: string | null;
  ref: string;
  number: string;
  kind: ItemKind;
  title: string;
  status: AssignmentStatus;
  startOn: string | null;
  /** The original due date, as the plan set it (kept after an extension). */
  dueOn: string | null;
  dueText: string | null;
  /** After an approved extension (延期), else null. */
  extendedDueOn: string | null;
  /** extendedDueOn ?? dueOn: what status, overdue and due-soon are measured against. */
  effectiveDueOn: string | null;
  /** Some lead assignment is past its own effective date and not done (shown next to any review state). */
  overdue: boolean;
  /** 逾期天数: calendar days past the item's effective date while overdue, else 0. */
  overdueDays: number;
  recurrence: string | null;
  indicator: string | null;
  depth: number;
  version: number;
  updatedAt: Date;
  /** Expected progress and its light (null for items without a due date, cancelled items). */
  progress: ProgressAssessment | null;
  assignments: AssignmentView[];
}

export interface ItemPage {
  items: ItemSummary[];
  /** null on the last page */
  nextCursor: string | null;
}

export interface ItemBrief {
  id: string;
  ref: string;
  number: string;
  kind: ItemKind;
  title: string;
  status: AssignmentStatus;
  dueOn: string | null;
}

export interface ItemDetail extends Omit<ItemSummary, 'assignments'> {
  body: string | null;
  excerpt: string;
  startText: string | null;
  targets: ItemTarget[];
  incentives: ItemIncentive[];
  cancelledAt: Date | null;
  createdAt: Date;
  parent: ItemBrief | null;
  children: ItemBrief[];
  assignments: AssignmentView[];
}

interface ItemRow {
  id: string;
  planId: string;
  planKey: string;
  planTitle: string;
  planRegionCode: string;
  parentId: string | null;
  ref: string;
  number: string;
  kind: ItemKind;
  title: string;
  status: AssignmentStatus;
  startOn: string | null;
  dueOn: string | null;
  dueText: string | null;
  extendedDueOn: string | null;
  overdue: boolean;
  createdOn: string;
  recurrence: string | null;
  indicator: string | null;
  depth: number;
  version: number;
  updatedAt: Date;
  [sortKey: `k${number}`]: string;
}

export const DEFAULT_PAGE_SIZE = 50;
export const DEFAULT_DUE_SOON_WORKING_DAYS = 7;

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

@Injectable()
export class PlanItemsService {
  constructor(
    @InjectRepository(PlanItem) private readonly items: Repository<PlanItem>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly scope: PlanScope,
    private readonly assignments: AssignmentsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly calendar: WorkingCalendar,
    private readonly statuses: ItemStatusService,
  ) {}

  /** The status an item has today by its dates (nothing reported yet). */
  deriveStatus(item: {
    startOn: string | null;
    dueOn: string | null;
    indicator: string | null;
  }): AssignmentStatus {
    return deriveItemStatus(
      { startOn: item.startOn, dueOn: item.dueOn, indicatorLinked: item.indicator !== null },
      this.clock.today(),
      this.calendar,
    );
  }

  /**
   * Re-derives the stored status of open items (not submitted, completed or cancelled) from their dates, approved
   * extensions and reports: run after an import and daily. Not a content change (see ItemStatusService).
   * @returns how many items changed status
   */
  refreshStatuses(filter: { planId?: string } = {}, manager?: EntityManager): Promise<number> {
    return this.statuses.recompute({ open: true, planId: filter.planId }, manager);
  }

  /** Items the user may see, filtered, sorted and paged by cursor. */
  async list(user: ScopedUser, filter: ItemListFilter): Promise<ItemPage> {
    const sort = filter.sort ?? 'due';
    const spec = SORT_SPECS[sort];
    const limit = Math.min(filter.limit ?? DEFAULT_PAGE_SIZE, 200);
    const area = await this.scope.area(user);
    if (area !== null && area.length === 0) return { items: [], nextCursor: null };

    const qb = this.baseQuery();
    spec.keys.forEach((key, n) => qb.addSelect(`(${key.expr})::text`, `k${n}`));
    if (area !== null) qb.andWhere(itemInAreaSql('i', 'p', ':area'), { area });
    if (filter.plan) qb.andWhere('i.plan_id = :plan', { plan: filter.plan });
    if (filter.department) {
      qb.andWhere(
        'EXISTS (SELECT 1 FROM assignments a WHERE a.item_id = i.id AND a.department_id = :department AND a.removed_at IS NULL)',
        { department: filter.department },
      );
    }
    if (filter.region) {
      qb.andWhere(
        `(p.region_code = :region OR EXISTS (SELECT 1 FROM assignments a JOIN departments d ON d.id = a.department_id
           WHERE a.item_id = i.id AND a.removed_at IS NULL AND d.region_code = :region))`,
        { region: filter.region },
      );
    }
    if (filter.kind?.length) qb.andWhere('i.kind IN (:...kinds)', { kinds: filter.kind });
    if (filter.status?.length) qb.andWhere('i.status IN (:...statuses)', { statuses: filter.status });
    else if (!filter.open) qb.andWhere(`i.status <> 'cancelled'`);
    if (filter.open) qb.andWhere('i.status IN (:...open)', { open: OPEN_STATUSES });
    if (filter.overdue) qb.andWhere(itemOverdueSql(':today'));
    if (filter.noDeadline) {
      qb.andWhere(`i.status NOT IN ('completed', 'cancelled') AND i.kind <> 'goal'`);
      qb.andWhere('COALESCE(i.extended_due_on, i.due_on) IS NULL');
      qb.andWhere(
        `NOT EXISTS (SELECT 1 FROM assignments nd WHERE nd.item_id = i.id AND nd.removed_at IS NULL
                       AND ${assignmentEffectiveDueSql('nd', 'i')} IS NOT NULL)`,
      );
      qb.andWhere('EXISTS (SELECT 1 FROM assignments na WHERE na.item_id = i.id AND na.removed_at IS NULL)');
    }
    // Due-date filters (and so the overdue and due-soon lists) use the effective due date.
    if (filter.dueBefore) {
      qb.andWhere('COALESCE(i.extended_due_on, i.due_on) <= :dueBefore', { dueBefore: filter.dueBefore });
    }
    if (filter.dueAfter) {
      qb.andWhere('COALESCE(i.extended_due_on, i.due_on) >= :dueAfter', { dueAfter: filter.dueAfter });
    }
    const q = filter.q ? normalizeSearchText(filter.q) : '';
    if (q) qb.andWhere(`i.search_text LIKE :q ESCAPE '\\'`, { q: `%${escapeLike(q)}%` });

    if (filter.cursor) {
      const values = decodeCursor(sort, filter.cursor);
      const left = spec.keys.map((k) => k.expr).join(', ');
      const right = spec.keys.map((k, n) => `CAST(:c${n} AS ${k.type})`).join(', ');
      qb.andWhere(
        `(${left}) ${spec.direction === 'ASC' ? '>' : '<'} (${right})`,
        Object.fromEntries(values.map((v, n) => [`c${n}`, v])),
      );
    }
    spec.keys.forEach((key, n) =>
      n === 0 ? qb.orderBy(key.expr, spec.direction) : qb.addOrderBy(key.expr, spec.direction),
    );
    qb.limit(limit + 1);

    const rows = await qb.getRawMany<ItemRow>();
    const page = rows.slice(0, limit);
    const [assignments, progress] = await Promise.all([
      this.assignments.forItems(page.map((r) => r.id)),
      this.statuses.progressFor(page),
    ]);
    const last = page[page.length - 1];
    return {
      items: page.map((r) => ({
        ...this.summary(r),
        progress: progress.get(r.id) ?? null,
        assignments: assignments.get(r.id) ?? [],
      })),
      nextCursor:
        rows.length > limit && last
          ? encodeCursor(
              sort,
              spec.keys.map((_, n) => last[`k${n}`]),
            )
          : null,
    };
  }

  /**
   * Items with a lead past its own effective date and not done, soonest overdue first — whatever the review
   * state: a report waiting for review does not hide an overdue item (issue 13).
   */
  overdue(user: ScopedUser, filter: ItemListFilter): Promise<ItemPage> {
    return this.list(user, {
      ...filter,
      status: undefined,
      dueAfter: undefined,
      dueBefore: undefined,
      open: false,
      overdue: true,
    });
  }

  /** Open items due from today up to `days` working days ahead. */
  dueSoon(user: ScopedUser, filter: ItemListFilter, days = DEFAULT_DUE_SOON_WORKING_DAYS): Promise<ItemPage> {
    const today: CalendarDate = this.clock.today();
    const until = this.calendar.addWorkingDays(today, days);
    return this.list(user, { ...filter, status: undefined, dueAfter: today, dueBefore: until, open: true });
  }

  /** An item with its plan, parent, children, targets and active assignments; 404 when not visible. */
  async detail(user: ScopedUser, id: string): Promise<ItemDetail> {
    const row = await this.findVisibleRow(user, id);
    const item = await this.items.findOneByOrFail({ id });
    const [parent, children, assignments, progress] = await Promise.all([
      item.parentId ? this.items.findOneBy({ id: item.parentId }) : Promise.resolve(null),
      this.items.find({ where: { parentId: id }, order: { position: 'ASC' } }),
      this.assignments.forItems([id]),
      this.statuses.progressFor([row]),
    ]);
    return {
      ...this.summary(row),
      progress: progress.get(id) ?? null,
      body: item.body,
      excerpt: item.excerpt,
      startText: item.startText,
      targets: item.targets,
      incentives: item.incentives,
      cancelledAt: item.cancelledAt,
      createdAt: item.createdAt,
      parent: parent ? this.brief(parent) : null,
      children: children.map((c) => this.brief(c)),
      assignments: assignments.get(id) ?? [],
    };
  }

  /** Who changed what on the item and its assignments, oldest first; 404 when not visible. */
  async history(user: ScopedUser, id: string): Promise<AuditEntryView[]> {
    await this.findVisibleRow(user, id);
    return this.audit.forItem(id);
  }

  /**
   * The item as the user may see it, with its plan's region (for PlanScope.assertCanWriteItem).
   * @throws DomainError NOT_FOUND when it does not exist or lies outside the user's plans
   */
  async getVisible(
    user: ScopedUser,
    id: string,
    manager?: EntityManager,
  ): Promise<PlanItem & { planRegionCode: string }> {
    const row = await this.findVisibleRow(user, id, manager);
    const item = await (manager ?? this.dataSource.manager).getRepository(PlanItem).findOneByOrFail({ id });
    return Object.assign(item, { planRegionCode: row.planRegionCode });
  }

  private async findVisibleRow(user: ScopedUser, id: string, manager?: EntityManager): Promise<ItemRow> {
    const area = await this.scope.area(user, manager);
    const qb = this.baseQuery(manager).andWhere('i.id = :id', { id });
    if (area !== null) qb.andWhere(itemInAreaSql('i', 'p', ':area'), { area });
    const row = await qb.getRawOne<ItemRow>();
    if (!row) {
      throw new DomainError(ErrorCode.NOT_FOUND, msg('plans.item_not_found', { id }));
    }
    return row;
  }

  private baseQuery(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager)
      .getRepository(PlanItem)
      .createQueryBuilder('i')
      .innerJoin('i.plan', 'p')
      .select([
        'i.id AS "id"',
        'p.id AS "planId"',
        'p.key AS "planKey"',
        'p.title AS "planTitle"',
        'p.region_code AS "planRegionCode"',
        'i.parent_id AS "parentId"',
        'i.ref AS "ref"',
        'i.number AS "number"',
        'i.kind AS "kind"',
        'i.title AS "title"',
        'i.status AS "status"',
        'i.start_on::text AS "startOn"',
        'i.due_on::text AS "dueOn"',
        'i.due_text AS "dueText"',
        'i.extended_due_on::text AS "extendedDueOn"',
        `${itemOverdueSql(':today')} AS "overdue"`,
        `(i.created_at AT TIME ZONE 'Asia/Shanghai')::date::text AS "createdOn"`,
        'i.recurrence AS "recurrence"',
        'i.indicator AS "indicator"',
        'i.depth AS "depth"',
        'i.version AS "version"',
        'i.updated_at AS "updatedAt"',
      ])
      .where('TRUE')
      .setParameter('today', this.clock.today());
  }

  private summary(r: ItemRow): Omit<ItemSummary, 'assignments' | 'progress'> {
    return {
      id: r.id,
      plan: { id: r.planId, key: r.planKey, title: r.planTitle, regionCode: r.planRegionCode },
      parentId: r.parentId,
      ref: r.ref,
      number: r.number,
      kind: r.kind,
      title: r.title,
      status: r.status,
      startOn: r.startOn,
      dueOn: r.dueOn,
      dueText: r.dueText,
      extendedDueOn: r.extendedDueOn,
      effectiveDueOn: r.extendedDueOn ?? r.dueOn,
      overdue: r.overdue,
      overdueDays: r.overdue ? overdueDays(r.extendedDueOn ?? r.dueOn, this.clock.today()) : 0,
      recurrence: r.recurrence,
      indicator: r.indicator,
      depth: r.depth,
      version: r.version,
      updatedAt: r.updatedAt,
    };
  }

  private brief(i: PlanItem): ItemBrief {
    return {
      id: i.id,
      ref: i.ref,
      number: i.number,
      kind: i.kind,
      title: i.title,
      status: i.status,
      dueOn: i.dueOn,
    };
  }
}
