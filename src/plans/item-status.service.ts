import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { AssignmentStatus } from './assignment-status.policy';
import { ConfigService } from '@nestjs/config';
import {
  assessProgress,
  type ProgressAssessment,
  type ProgressLightThresholds,
} from './expected-progress.policy';
import type { CalendarDate } from '../common/calendar-date';
import { WorkingCalendar } from '../calendar/working-calendar';
import { Clock } from '../common/clock';
import type { Env } from '../config/env.schema';
import { deriveItemFlowStatus, OPEN_STATUSES } from './item-status.policy';
import { itemEffectiveDueSql } from './assignment-deadline.policy';

/** What the expected-progress light needs of an item. */
export interface ProgressSubject {
  id: string;
  status: AssignmentStatus;
  startOn: string | null;
  dueOn: string | null;
  extendedDueOn: string | null;
  /** Day the item was created (Asia/Shanghai): the start of its period when it has no start date. */
  createdOn: string;
}

interface FactsRow {
  id: string;
  status: AssignmentStatus;
  startOn: string | null;
  dueOn: string | null;
  extendedDueOn: string | null;
  indicator: string | null;
  cancelled: boolean;
  closed: boolean;
  awaitingReview: boolean;
  reported: boolean;
}

/**
 * Keeps `plan_items.status` equal to what its dates and flow say (deriveItemFlowStatus). Run after every flow
 * change (签收, report, review, extension, close, edit) and daily (job `refresh-statuses`). A status is not
 * content: raw UPDATE, no version bump, no audit entry, so an editor's If-Match survives it.
 */
@Injectable()
export class ItemStatusService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly calendar: WorkingCalendar,
    private readonly config: ConfigService<Env, true>,
  ) {}

  get thresholds(): ProgressLightThresholds {
    return {
      yellowAtLag: this.config.get('PROGRESS_YELLOW_LAG', { infer: true }),
      redAboveLag: this.config.get('PROGRESS_RED_LAG', { infer: true }),
    };
  }

  /**
   * Expected progress and its light per item (expected-progress.policy), thresholds PROGRESS_YELLOW_LAG /
   * PROGRESS_RED_LAG. The reported percent is the lead department's latest report that was not returned
   * (submitted or approved: the department's own latest word); with several leads, the lowest. Items without a
   * due date, and cancelled items, have none.
   */
  async progressFor(
    items: readonly ProgressSubject[],
    manager?: EntityManager,
  ): Promise<Map<string, ProgressAssessment>> {
    const out = new Map<string, ProgressAssessment>();
    const measured = items.filter((i) => i.dueOn && i.status !== 'cancelled');
    if (measured.length === 0) return out;
    const rows: Array<{ itemId: string; percent: number }> = await (manager ?? this.dataSource.manager).query(
      `SELECT DISTINCT ON (r.item_id, r.assignment_id) r.item_id AS "itemId", r.percent
         FROM progress_reports r
         JOIN assignments a ON a.id = r.assignment_id AND a.role = 'lead' AND a.removed_at IS NULL
                          -- (implied by the report's item; lets the planner start from the items' assignments)
                          AND a.item_id = ANY($1::uuid[])
        WHERE r.item_id = ANY($1::uuid[]) AND r.state <> 'returned'
        ORDER BY r.item_id, r.assignment_id, r.submitted_at DESC, r.created_at DESC, r.id DESC`,
      [measured.map((i) => i.id)],
    );
    const reported = new Map<string, number>();
    for (const r of rows) reported.set(r.itemId, Math.min(reported.get(r.itemId) ?? 100, r.percent));
    const today = this.clock.today();
    const thresholds = this.thresholds;
    for (const item of measured) {
      const due = (item.extendedDueOn ?? item.dueOn) as CalendarDate;
      const start = (item.startOn ?? item.createdOn) as CalendarDate;
      out.set(
        item.id,
        assessProgress(
          {
            startOn: start <= due ? start : due,
            dueOn: item.dueOn as CalendarDate,
            effectiveDueOn: item.extendedDueOn as CalendarDate | null,
            reportedPercent: reported.get(item.id) ?? 0,
            completed: item.status === 'completed',
          },
          today,
          thresholds,
        ),
      );
    }
    return out;
  }

  /**
   * Recomputes the given items, or every open item (of one plan) when `scope.open` is set.
   * @returns how many items changed status
   */
  async recompute(
    scope: { itemIds: readonly string[] } | { open: true; planId?: string },
    manager?: EntityManager,
  ): Promise<number> {
    const em = manager ?? this.dataSource.manager;
    const params: unknown[] = [];
    let where: string;
    if ('itemIds' in scope) {
      if (scope.itemIds.length === 0) return 0;
      params.push([...scope.itemIds]);
      where = 'i.id = ANY($1::uuid[])';
    } else {
      params.push([...OPEN_STATUSES]);
      where = 'i.status::text = ANY($1::text[])';
      if (scope.planId) {
        params.push(scope.planId);
        where += ' AND i.plan_id = $2';
      }
    }
    const rows: Array<FactsRow & { derivedDueOn: string | null }> = await em.query(
      `SELECT i.id, i.status, i.start_on::text AS "startOn", i.due_on::text AS "dueOn",
              i.extended_due_on::text AS "extendedDueOn", (${itemEffectiveDueSql('i')})::text AS "derivedDueOn",
              i.indicator,
              i.cancelled_at IS NOT NULL AS cancelled, i.closed_at IS NOT NULL AS closed,
              EXISTS (SELECT 1 FROM progress_reports r JOIN assignments a ON a.id = r.assignment_id
                       WHERE r.item_id = i.id AND r.state = 'submitted' AND a.removed_at IS NULL) AS "awaitingReview",
              EXISTS (SELECT 1 FROM progress_reports r WHERE r.item_id = i.id) AS reported
         FROM plan_items i WHERE ${where}`,
      params,
    );
    const today = this.clock.today();
    const byStatus = new Map<AssignmentStatus, string[]>();
    for (const row of rows) {
      // The item's effective date follows its lead assignments (their own 办理时限 and 延期).
      const extendedDueOn = row.derivedDueOn !== row.dueOn ? row.derivedDueOn : null;
      if (extendedDueOn !== row.extendedDueOn) {
        await em.query(`UPDATE plan_items SET extended_due_on = $1 WHERE id = $2`, [extendedDueOn, row.id]);
      }
      const next = deriveItemFlowStatus(
        {
          ...row,
          dueOn: row.dueOn ?? extendedDueOn,
          extendedDueOn,
          indicatorLinked: row.indicator !== null,
        },
        today,
        this.calendar,
      );
      if (next !== row.status) byStatus.set(next, [...(byStatus.get(next) ?? []), row.id]);
    }
    let changed = 0;
    for (const [status, ids] of byStatus) {
      await em.query(`UPDATE plan_items SET status = $1 WHERE id = ANY($2::uuid[])`, [status, ids]);
      changed += ids.length;
    }
    return changed;
  }
}
