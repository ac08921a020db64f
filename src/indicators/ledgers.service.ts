import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  classSizeOffenders,
  diffLedger,
  largeSchoolOffenders,
  type CountyData,
  type LedgerEntry as LedgerOffender,
  type LedgerKind,
  type RuleSet,
} from './engine';
import { Evaluation } from './evaluation.entity';
import { LEDGER_KINDS, LedgerEntry } from './ledger-entry.entity';
import { StatisticsImport, type ImportStatus } from './statistics-import.entity';

export interface LedgerFilter {
  county?: string;
  kind?: LedgerKind;
  /** true: open entries only; false: closed (销号) only; absent: both. */
  open?: boolean;
  limit?: number;
  /** Only counties of the reader's area (PlanScope.area); null or absent: every county. */
  area?: readonly string[] | null;
}

export interface LedgerChange {
  opened: number;
  closed: number;
  stillOpen: number;
}

export type LedgerCounts = Record<LedgerKind, number>;

export interface LedgerSummaryPoint {
  schoolYear: number;
  /** Per-import points (a county given): the import; per-year points (all counties): null. */
  importId: string | null;
  version: number | null;
  status: ImportStatus | null;
  importedAt: Date | null;
  /** Counties behind a per-year point. */
  counties: number;
  /** Entries open right after the import (its offenders); null until evaluated. */
  open: LedgerCounts | null;
  /** Entries the import opened and closed (销号); zero for an import of an older year (it does not touch the ledger). */
  opened: LedgerCounts;
  closed: LedgerCounts;
}

export interface LedgerSummary {
  county: string | null;
  /** Entries open now. */
  openNow: LedgerCounts;
  points: LedgerSummaryPoint[];
}

interface OpenRow {
  id: string;
  kind: LedgerKind;
  key: string;
}
const isOpenRow = (e: OpenRow | LedgerOffender): e is OpenRow => 'id' in e;
const isOffender = (e: OpenRow | LedgerOffender): e is LedgerOffender => !('id' in e);

const zeroCounts = (): LedgerCounts => ({
  large_class: 0,
  super_large_class: 0,
  over_standard_class: 0,
  large_school: 0,
});

/** Offenders of every ledger in one county's data (pure). */
export function ledgerOffenders(data: CountyData, ruleSet: RuleSet): LedgerOffender[] {
  return [
    ...classSizeOffenders(data, ruleSet, 'large_class'),
    ...classSizeOffenders(data, ruleSet, 'super_large_class'),
    ...classSizeOffenders(data, ruleSet, 'over_standard_class'),
    ...largeSchoolOffenders(data, ruleSet),
  ];
}

export function countByKind(entries: readonly Pick<LedgerOffender, 'kind'>[]): LedgerCounts {
  const counts = zeroCounts();
  for (const e of entries) counts[e.kind]++;
  return counts;
}

/** Ledgers (台账) of large classes and schools: kept up to date by the recompute, read by the API. */
@Injectable()
export class LedgersService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Brings the county's ledgers to what `imp` shows (diffLedger): closes entries now within the limit citing
   * the import (销号), opens new offenders, refreshes the figures of those still open. Three statements
   * whatever the size. The caller holds the county lock and applies only the county's latest school year:
   * an older year's data proves nothing about today's classes.
   */
  async apply(
    imp: StatisticsImport,
    current: readonly LedgerOffender[],
    at: Date,
    manager: EntityManager,
  ): Promise<LedgerChange> {
    const open: OpenRow[] = await manager.query(
      'SELECT id, kind, key FROM ledger_entries WHERE county_code = $1 AND closed_at IS NULL',
      [imp.countyCode],
    );
    const diff = diffLedger<OpenRow | LedgerOffender>(open, current);
    // closed come from `open`; stillOpen and opened from `current`.
    const closed = diff.closed.filter(isOpenRow);
    const stillOpen = diff.stillOpen.filter(isOffender);
    const opened = diff.opened.filter(isOffender);
    if (closed.length > 0) {
      await manager.query(
        'UPDATE ledger_entries SET closed_at = $1, closed_by_import_id = $2 WHERE id = ANY($3::uuid[])',
        [at, imp.id, closed.map((e) => e.id)],
      );
    }
    if (stillOpen.length > 0) {
      await manager.query(
        `UPDATE ledger_entries e SET value = x.value, "limit" = x."limit", school_name = x.school_name, band = x.band,
                last_seen_import_id = $2
           FROM jsonb_to_recordset($1::jsonb) AS x(kind ledger_kind, key text, value int, "limit" int, school_name varchar,
                band ledger_class_band)
          WHERE e.kind = x.kind AND e.key = x.key AND e.closed_at IS NULL`,
        [
          JSON.stringify(
            stillOpen.map((e) => ({
              kind: e.kind,
              key: e.key,
              value: e.students,
              limit: e.limit,
              school_name: e.school_name,
              band: e.band,
            })),
          ),
          imp.id,
        ],
      );
    }
    if (opened.length > 0) {
      await manager.query(
        `INSERT INTO ledger_entries (kind, county_code, key, school_code, school_name, level, grade, class_name, band, value,
                "limit", opened_by_import_id, opened_at, last_seen_import_id)
         SELECT x.kind, x.county_code, x.key, x.school_code, x.school_name, x.level, x.grade, x.class_name, x.band, x.value,
                x."limit", $2, $3, $2
           FROM jsonb_to_recordset($1::jsonb) AS x(kind ledger_kind, county_code char(6), key text, school_code varchar,
                school_name varchar, level ledger_level, grade smallint, class_name varchar, band ledger_class_band,
                value int, "limit" int)`,
        [
          JSON.stringify(
            opened.map((e) => ({
              kind: e.kind,
              county_code: e.county_code,
              key: e.key,
              school_code: e.school_code,
              school_name: e.school_name,
              level: e.level,
              grade: e.grade,
              class_name: e.class_name,
              band: e.band,
              value: e.students,
              limit: e.limit,
            })),
          ),
          imp.id,
          at,
        ],
      );
    }
    return { opened: opened.length, closed: closed.length, stillOpen: stillOpen.length };
  }

  list(filter: LedgerFilter): Promise<LedgerEntry[]> {
    const qb = this.dataSource.manager
      .createQueryBuilder(LedgerEntry, 'l')
      .orderBy('l.countyCode')
      .addOrderBy('l.kind')
      .addOrderBy('l.schoolCode')
      .addOrderBy('l.grade')
      .addOrderBy('l.className')
      .addOrderBy('l.openedAt', 'DESC')
      .take(filter.limit ?? 1000);
    if (filter.county) qb.andWhere('l.countyCode = :county', { county: filter.county });
    if (filter.area) qb.andWhere('l.countyCode = ANY(:area::text[])', { area: filter.area });
    if (filter.kind) qb.andWhere('l.kind = :kind', { kind: filter.kind });
    if (filter.open === true) qb.andWhere('l.closedAt IS NULL');
    if (filter.open === false) qb.andWhere('l.closedAt IS NOT NULL');
    return qb.getMany();
  }

  /**
   * Open entries over time, for the leadership chart: with a county, one point per import (superseded ones
   * included) in order; without, one point per school year summing the counties' current imports.
   */
  async summary(
    county: string | undefined,
    ruleSetVersion: string,
    /** the counties summed (the reader's area); null: every county */
    area: readonly string[] | null = null,
  ): Promise<LedgerSummary> {
    const em = this.dataSource.manager;
    const openNowRows: Array<{ kind: LedgerKind; n: string }> = await em.query(
      `SELECT kind, count(*) AS n FROM ledger_entries
        WHERE closed_at IS NULL AND ($1::text IS NULL OR county_code = $1) AND ($2::text[] IS NULL OR county_code = ANY($2::text[]))
        GROUP BY kind`,
      [county ?? null, area],
    );
    const openNow = zeroCounts();
    for (const r of openNowRows) openNow[r.kind] = Number(r.n);

    const found = await em
      .createQueryBuilder(StatisticsImport, 'i')
      .where(county ? 'i.countyCode = :county' : "i.status = 'current'", { county })
      .andWhere(area ? 'i.countyCode = ANY(:area::text[])' : 'TRUE', { area })
      .orderBy('i.schoolYear')
      .addOrderBy('i.createdAt')
      .getMany();
    // Only the ledger counts of each evaluation: its result is ≈ 150 KB of JSON, 120 of them for a province.
    const counts: Array<{ importId: string; ledgerCounts: Evaluation['ledgerCounts'] }> = found.length
      ? await em.query(
          `SELECT import_id AS "importId", ledger_counts AS "ledgerCounts" FROM evaluations
            WHERE import_id = ANY($1::uuid[]) AND rule_set = $2`,
          [found.map((i) => i.id), ruleSetVersion],
        )
      : [];
    const countsOf = new Map(counts.map((c) => [c.importId, c.ledgerCounts]));
    const imports = found.map((i) => {
      const ledgerCounts = countsOf.get(i.id);
      return Object.assign(i, { evaluation: ledgerCounts ? { ledgerCounts } : null });
    });
    const moves: Array<{ import_id: string; kind: LedgerKind; opened: string; closed: string }> =
      imports.length
        ? await em.query(
            `SELECT import_id, kind, sum(opened) AS opened, sum(closed) AS closed FROM (
             SELECT opened_by_import_id AS import_id, kind, 1 AS opened, 0 AS closed FROM ledger_entries WHERE opened_by_import_id = ANY($1::uuid[])
             UNION ALL
             SELECT closed_by_import_id, kind, 0, 1 FROM ledger_entries WHERE closed_by_import_id = ANY($1::uuid[])) m
           GROUP BY import_id, kind`,
            [imports.map((i) => i.id)],
          )
        : [];
    const opened = new Map<string, LedgerCounts>();
    const closed = new Map<string, LedgerCounts>();
    for (const m of moves) {
      for (const [target, n] of [
        [opened, Number(m.opened)],
        [closed, Number(m.closed)],
      ] as const) {
        const counts = target.get(m.import_id) ?? zeroCounts();
        counts[m.kind] += n;
        target.set(m.import_id, counts);
      }
    }
    const perImport: LedgerSummaryPoint[] = imports.map((i) => ({
      schoolYear: i.schoolYear,
      importId: i.id,
      version: i.version,
      status: i.status,
      importedAt: i.createdAt,
      counties: 1,
      open: i.evaluation ? { ...zeroCounts(), ...i.evaluation.ledgerCounts } : null,
      opened: opened.get(i.id) ?? zeroCounts(),
      closed: closed.get(i.id) ?? zeroCounts(),
    }));
    if (county) return { county, openNow, points: perImport };

    const byYear = new Map<number, LedgerSummaryPoint>();
    for (const p of perImport) {
      const point = byYear.get(p.schoolYear) ?? {
        schoolYear: p.schoolYear,
        importId: null,
        version: null,
        status: null,
        importedAt: null,
        counties: 0,
        open: zeroCounts(),
        opened: zeroCounts(),
        closed: zeroCounts(),
      };
      point.counties++;
      // A county not yet evaluated leaves the year's total unknown rather than too low.
      const pointOpen = point.open && p.open ? point.open : null;
      for (const kind of LEDGER_KINDS) {
        if (pointOpen && p.open) pointOpen[kind] += p.open[kind];
        point.opened[kind] += p.opened[kind];
        point.closed[kind] += p.closed[kind];
      }
      point.open = pointOpen;
      byYear.set(p.schoolYear, point);
    }
    return { county: null, openNow, points: [...byYear.values()] };
  }
}
