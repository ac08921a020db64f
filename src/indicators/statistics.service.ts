import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { DomainError, ErrorCode } from '../common/domain-error';
import { msg } from '../common/i18n/catalog';
import type { CountyData } from './engine';
import type { TableName, TableRows } from './import/table-specs';
import { InjectRuleSet } from './rule-set.provider';
import type { RuleSet } from './engine';
import { Evaluation } from './evaluation.entity';
import { StatisticsImport, StatisticsTable, type ImportStatus } from './statistics-import.entity';

export interface ImportView {
  id: string;
  countyCode: string;
  countyName: string | null;
  schoolYear: number;
  version: number;
  status: ImportStatus;
  checksum: string;
  files: StatisticsImport['files'];
  rowCounts: StatisticsImport['rowCounts'];
  source: StatisticsImport['source'];
  uploadedBy: string | null;
  createdAt: Date;
  supersededAt: Date | null;
  /** Evaluation under the rule set this process uses; null until the recompute has run. */
  evaluation: { computedAt: Date; certifiable: boolean } | null;
}

/** Namespace of the per-county advisory lock (the second key is the county code as a number). */
const COUNTY_LOCK_NAMESPACE = 0x4455;

/**
 * Serialises work on one county (imports, recomputes, ledger updates) across processes until the
 * transaction ends. Callers locking several counties lock them in code order.
 */
export async function lockCounty(manager: EntityManager, countyCode: string): Promise<void> {
  await manager.query('SELECT pg_advisory_xact_lock($1, $2)', [COUNTY_LOCK_NAMESPACE, Number(countyCode)]);
}

/** The engine's input from stored tables; rows were validated by the importer before they were stored. */
export function countyDataOf(imp: StatisticsImport, tables: readonly StatisticsTable[]): CountyData {
  const rows = <T extends TableName>(name: T): TableRows[T][] =>
    (tables.find((t) => t.tableName === name)?.rows ?? []) as TableRows[T][];
  return {
    county_code: imp.countyCode,
    county_name: imp.countyName,
    school_year: imp.schoolYear,
    schools: rows('schools'),
    classes: rows('classes'),
    county: rows('county')[0] ?? null,
    attestations: rows('attestations'),
    survey: rows('survey'),
    monitoring: rows('monitoring'),
  };
}

/** Reading side of the stored statistics: current versions, their tables, the import history. */
@Injectable()
export class StatisticsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRuleSet() private readonly ruleSet: RuleSet,
  ) {}

  current(countyCode: string, schoolYear: number, manager?: EntityManager): Promise<StatisticsImport | null> {
    return (manager ?? this.dataSource.manager).findOneBy(StatisticsImport, {
      countyCode,
      schoolYear,
      status: 'current',
    });
  }

  /**
   * @throws DomainError NOT_FOUND when the county has no statistics for the year
   */
  async currentOrFail(
    countyCode: string,
    schoolYear: number,
    manager?: EntityManager,
  ): Promise<StatisticsImport> {
    const imp = await this.current(countyCode, schoolYear, manager);
    if (!imp) {
      throw new DomainError(
        ErrorCode.NOT_FOUND,
        msg('indicators.no_statistics', { county: countyCode, year: schoolYear }),
      );
    }
    return imp;
  }

  async countyData(imp: StatisticsImport, manager?: EntityManager): Promise<CountyData> {
    const tables = await (manager ?? this.dataSource.manager).findBy(StatisticsTable, { importId: imp.id });
    return countyDataOf(imp, tables);
  }

  /** The most recent school year the county has statistics for. */
  async latestYear(countyCode: string, manager?: EntityManager): Promise<number | null> {
    const [row]: Array<{ year: number | null }> = await (manager ?? this.dataSource.manager).query(
      'SELECT max(school_year) AS year FROM statistics_imports WHERE county_code = $1',
      [countyCode],
    );
    return row?.year ?? null;
  }

  /** Every county-year with a current import, for the nightly recompute. */
  async currentCountyYears(): Promise<Array<{ countyCode: string; schoolYear: number }>> {
    const rows = await this.dataSource.manager.find(StatisticsImport, {
      select: { countyCode: true, schoolYear: true },
      where: { status: 'current' },
      order: { countyCode: 'ASC', schoolYear: 'ASC' },
    });
    return rows.map((r) => ({ countyCode: r.countyCode, schoolYear: r.schoolYear }));
  }

  /** History, superseded versions included: county, then newest year and version first. */
  /** Imports, filtered; `area`: only counties of the reader's area (null or absent: every county). */
  async list(filter: {
    county?: string;
    year?: number;
    area?: readonly string[] | null;
  }): Promise<ImportView[]> {
    const qb = this.dataSource.manager
      .createQueryBuilder(StatisticsImport, 'i')
      .leftJoinAndMapOne('i.evaluation', Evaluation, 'e', 'e.import_id = i.id AND e.rule_set = :ruleSet', {
        ruleSet: this.ruleSet.version,
      })
      .orderBy('i.countyCode')
      .addOrderBy('i.schoolYear', 'DESC')
      .addOrderBy('i.version', 'DESC');
    if (filter.county) qb.andWhere('i.countyCode = :county', { county: filter.county });
    if (filter.area) qb.andWhere('i.countyCode = ANY(:area::text[])', { area: filter.area });
    if (filter.year !== undefined) qb.andWhere('i.schoolYear = :year', { year: filter.year });
    const rows = (await qb.getMany()) as Array<StatisticsImport & { evaluation?: Evaluation | null }>;
    return rows.map((i) => ({
      id: i.id,
      countyCode: i.countyCode,
      countyName: i.countyName,
      schoolYear: i.schoolYear,
      version: i.version,
      status: i.status,
      checksum: i.checksum,
      files: i.files,
      rowCounts: i.rowCounts,
      source: i.source,
      uploadedBy: i.uploadedBy,
      createdAt: i.createdAt,
      supersededAt: i.supersededAt,
      evaluation: i.evaluation
        ? { computedAt: i.evaluation.computedAt, certifiable: i.evaluation.certifiable }
        : null,
    }));
  }
}
