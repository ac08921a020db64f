import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

export interface LinkedItem {
  id: string;
  indicator: string;
}

/**
 * Which plan items an indicator evaluation of a county speaks for — the one place this module reads the plan
 * tables (plans/ offers no query by indicator and region yet; when it does, these two queries move there).
 *
 * - An item linked to an indicator (R1…S) in a plan issued by the county or a division above it (city,
 *   province): a city plan's item gets evidence per county.
 * - A CERT item (a county's certification milestone) whose lead department belongs to the county.
 * Cancelled items get no new evidence.
 */
@Injectable()
export class IndicatorPlanLinks {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** `regionCodes`: the county and every division above it. */
  async itemsForCounty(
    countyCode: string,
    regionCodes: readonly string[],
    manager?: EntityManager,
  ): Promise<LinkedItem[]> {
    return (manager ?? this.dataSource.manager).query(
      `SELECT pi.id, pi.indicator
         FROM plan_items pi JOIN plans p ON p.id = pi.plan_id
        WHERE pi.cancelled_at IS NULL AND pi.indicator IS NOT NULL
          AND ((pi.indicator <> 'CERT' AND p.region_code = ANY($2::char(6)[]))
            OR (pi.indicator = 'CERT' AND EXISTS (
                  SELECT 1 FROM assignments a JOIN departments d ON d.id = a.department_id
                   WHERE a.item_id = pi.id AND a.role = 'lead' AND a.removed_at IS NULL AND d.region_code = $1)))
        ORDER BY pi.id`,
      [countyCode, regionCodes],
    );
  }

  /**
   * The counties whose evidence decides each item: the plan's county, or every county under the plan's city
   * or province; for CERT items the counties of their lead departments. Items without an indicator are absent.
   */
  async expectedCounties(
    itemIds: readonly string[],
    manager?: EntityManager,
  ): Promise<Map<string, { indicator: string; counties: string[] }>> {
    const rows: Array<{ id: string; indicator: string; county_code: string | null }> = await (
      manager ?? this.dataSource.manager
    ).query(
      `WITH RECURSIVE items AS (
         SELECT pi.id, pi.indicator, p.region_code
           FROM plan_items pi JOIN plans p ON p.id = pi.plan_id
          WHERE pi.id = ANY($1::uuid[]) AND pi.indicator IS NOT NULL),
       down AS (
         SELECT i.id, r.code, r.level FROM items i JOIN regions r ON r.code = i.region_code WHERE i.indicator <> 'CERT'
         UNION ALL
         SELECT d.id, r.code, r.level FROM down d JOIN regions r ON r.parent_code = d.code),
       counties AS (
         SELECT id, code AS county_code FROM down WHERE level = 'county'
         UNION
         SELECT i.id, d.region_code FROM items i
           JOIN assignments a ON a.item_id = i.id AND a.role = 'lead' AND a.removed_at IS NULL
           JOIN departments d ON d.id = a.department_id
          WHERE i.indicator = 'CERT')
       SELECT i.id, i.indicator, c.county_code FROM items i LEFT JOIN counties c ON c.id = i.id
        ORDER BY i.id, c.county_code`,
      [itemIds],
    );
    const out = new Map<string, { indicator: string; counties: string[] }>();
    for (const row of rows) {
      const entry = out.get(row.id) ?? { indicator: row.indicator, counties: [] };
      if (row.county_code !== null && !entry.counties.includes(row.county_code))
        entry.counties.push(row.county_code);
      out.set(row.id, entry);
    }
    return out;
  }
}
