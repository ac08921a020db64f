import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { ProgressAssessment } from '../plans/expected-progress.policy';
import type { ProgressReportState } from './progress-report.entity';
import { ItemStatusService, type ProgressSubject } from '../plans/item-status.service';

/** Where a department's assignment stands in the flow, for the rows of 我的任务. */
export interface AssignmentFlowFacts {
  /** The expected-progress light of the item (ItemStatusService.progressFor: the lead's real reports). */
  progress: ProgressAssessment | null;
  effectiveDueOn: string | null;
  /** The department's latest report on the item. */
  latestReport: { state: ProgressReportState; percent: number } | null;
}

/**
 * The flow facts of assignment rows (我的任务): assignment rows carry no progress light or report state, so
 * this reads the items' dates and the departments' latest reports and lets ItemStatusService compute the
 * light exactly as the item lists do.
 */
@Injectable()
export class AssignmentFlowFactsReader {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly statuses: ItemStatusService,
  ) {}

  async forAssignments(
    rows: ReadonlyArray<{ id: string; item: { id: string }; effectiveDueOn?: string | null }>,
  ): Promise<Map<string, AssignmentFlowFacts>> {
    const out = new Map<string, AssignmentFlowFacts>();
    if (rows.length === 0) return out;
    const itemIds = [...new Set(rows.map((r) => r.item.id))];
    const [subjects, reports] = await Promise.all([
      this.dataSource.query<Array<ProgressSubject>>(
        `SELECT id, status, start_on::text AS "startOn", due_on::text AS "dueOn",
                extended_due_on::text AS "extendedDueOn",
                (created_at AT TIME ZONE 'Asia/Shanghai')::date::text AS "createdOn"
           FROM plan_items WHERE id = ANY($1::uuid[])`,
        [itemIds],
      ),
      this.dataSource.query<Array<{ assignmentId: string; state: ProgressReportState; percent: number }>>(
        `SELECT DISTINCT ON (assignment_id) assignment_id AS "assignmentId", state, percent
           FROM progress_reports WHERE assignment_id = ANY($1::uuid[])
          ORDER BY assignment_id, submitted_at DESC, created_at DESC, id DESC`,
        [rows.map((r) => r.id)],
      ),
    ]);
    const progress = await this.statuses.progressFor(subjects);
    const byItem = new Map(subjects.map((s) => [s.id, s]));
    const latest = new Map(reports.map((r) => [r.assignmentId, r]));
    for (const r of rows) {
      const s = byItem.get(r.item.id);
      const report = latest.get(r.id);
      out.set(r.id, {
        progress: progress.get(r.item.id) ?? null,
        // The department's own effective date (办理时限 per assignment), not the item's.
        effectiveDueOn:
          r.effectiveDueOn !== undefined ? r.effectiveDueOn : s ? (s.extendedDueOn ?? s.dueOn) : null,
        latestReport: report ? { state: report.state, percent: report.percent } : null,
      });
    }
    return out;
  }
}
