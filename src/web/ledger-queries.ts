import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { ScopedUser } from '../access/plan-scope';
import { SupervisionService } from '../supervision/supervision.service';
import type { Message } from '../common/i18n/catalog';

export interface LedgerRow {
  id: string;
  kind: string;
  schoolCode: string;
  schoolName: string | null;
  grade: number | null;
  className: string | null;
  value: number;
  limit: number;
  openedAt: Date;
  openedByYear: number;
  closedAt: Date | null;
  closedByImportId: string | null;
  closedByYear: number | null;
  closedByVersion: number | null;
}

/** A milestone of the county whose indicator evidence is in but whose closure waits on reports. */
export interface MilestoneHint {
  itemId: string;
  title: string;
  evidencePassed: boolean;
  /** Departments whose own report is what blocks 办结 (the county's own, first). */
  waitingFor: Array<{ departmentName: string; ownCounty: boolean; message: Message }>;
}

/**
 * The 台账 page of a county: its ledger entries with the import that opened and the one that closed (销号)
 * them, read straight from the ledger tables; and the county's indicator-linked milestones still open, with
 * the reports that block them (ClosureService's blockers through SupervisionService.detail).
 */
@Injectable()
export class LedgerQueries {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly supervision: SupervisionService,
  ) {}

  async countyName(code: string): Promise<string | null> {
    const [row] = await this.dataSource.query<Array<{ name: string }>>(
      `SELECT name FROM regions WHERE code = $1`,
      [code],
    );
    return row?.name ?? null;
  }

  entries(code: string): Promise<LedgerRow[]> {
    return this.dataSource.query<LedgerRow[]>(
      `SELECT l.id, l.kind::text AS kind, l.school_code AS "schoolCode", l.school_name AS "schoolName", l.grade,
              l.class_name AS "className", l.value, l."limit", l.opened_at AS "openedAt",
              oi.school_year AS "openedByYear", l.closed_at AS "closedAt",
              l.closed_by_import_id AS "closedByImportId", ci.school_year AS "closedByYear",
              ci.version AS "closedByVersion"
         FROM ledger_entries l
         JOIN statistics_imports oi ON oi.id = l.opened_by_import_id
         LEFT JOIN statistics_imports ci ON ci.id = l.closed_by_import_id
        WHERE l.county_code = $1
        ORDER BY l.closed_at IS NOT NULL, l.kind, l.school_code, l.grade, l.class_name
        LIMIT 5000`,
      [code],
    );
  }

  /** Open indicator-linked items held by a department of the county, with what blocks their 办结. */
  async milestoneHints(user: ScopedUser, code: string): Promise<MilestoneHint[]> {
    const items = await this.dataSource.query<Array<{ id: string }>>(
      `SELECT DISTINCT i.id FROM plan_items i
         JOIN assignments a ON a.item_id = i.id AND a.removed_at IS NULL
         JOIN departments d ON d.id = a.department_id
        WHERE d.region_code = $1 AND i.indicator IS NOT NULL AND i.closed_at IS NULL AND i.cancelled_at IS NULL`,
      [code],
    );
    const out: MilestoneHint[] = [];
    for (const { id } of items) {
      const detail = await this.supervision.detail(user, id).catch(() => null);
      if (!detail) continue; // outside the user's plans
      const evidencePassed = detail.indicatorEvidence?.passed === true;
      const reportBlockers = detail.closure.blockers.filter((b) => 'departmentId' in b && b.departmentId);
      const names = new Map(detail.departments.map((d) => [d.departmentId, d.departmentName]));
      const regionOf = new Map(detail.assignments.map((a) => [a.departmentId, a.regionCode]));
      out.push({
        itemId: id,
        title: `${detail.number} ${detail.title}`,
        evidencePassed,
        waitingFor: reportBlockers
          .map((b) => {
            const departmentId = (b as { departmentId: string }).departmentId;
            return {
              departmentName: names.get(departmentId) ?? '',
              ownCounty: regionOf.get(departmentId) === code,
              message: b.message,
            };
          })
          .sort((a, b) => Number(b.ownCounty) - Number(a.ownCounty)),
      });
    }
    return out;
  }
}
