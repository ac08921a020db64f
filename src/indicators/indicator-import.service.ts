import { redisDeadline } from '../queue/redis-deadline';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { DomainError, ErrorCode } from '../common/domain-error';
import { type Message, msg } from '../common/i18n/catalog';
import { importSources, type ImportedCounty, type ImportedDataset } from './import/dataset-importer';
import { classDiscrepancies, unterminatedCsv } from './import/cross-check';
import type { ImportIssue } from './import/import-issues';
import { columnName, type TableName } from './import/table-specs';
import { IndicatorJobs } from './indicator-jobs.service';
import { StatisticsImport, StatisticsTable, type ImportSourceKind } from './statistics-import.entity';
import { lockCounty } from './statistics.service';

/** Who imports: a signed-in user, or a process (the CLI) with no user. */
export interface ImportActor {
  userId: string | null;
  label: string;
}

export interface ImportFile {
  name: string;
  data: Buffer;
}

export interface StatisticsImportOptions {
  source: ImportSourceKind;
  /** School year for counties whose county table gives none (学年); must agree with those that do. */
  year?: number;
  /** Queue a recompute per county-year (default). The CLI's `--now` recomputes inline instead. */
  enqueue?: boolean;
  /** Largest file accepted (bytes); the importer's default otherwise. */
  maxFileBytes?: number;
  /** The importing user's area (PlanScope.area): a county outside it refuses the whole import. Absent: any. */
  area?: readonly string[] | null;
  /** The uploader confirmed the discrepancies the importer named (classDiscrepancies, unterminatedCsv). */
  confirmDiscrepancies?: boolean;
}

export interface ImportedVersion {
  id: string;
  countyCode: string;
  countyName: string | null;
  schoolYear: number;
  version: number;
  /** The version this one replaced as current. */
  supersededId: string | null;
  rowCounts: Partial<Record<TableName, number>>;
}

export type StatisticsImportResult =
  | {
      ok: true;
      checksum: string;
      imports: ImportedVersion[];
      /** What was ignored, and the discrepancies the uploader confirmed: messages, for the reader's language. */
      notices: Message[];
      /** Recompute job ids. */
      queued: string[];
      /** Set when the import is stored but the recompute could not be queued (the nightly run catches up). */
      queueError: string | null;
    }
  | { ok: false; issues: ImportIssue[]; issueCount: number; notices: Message[] };

const countyTableRows = (c: ImportedCounty): Record<TableName, object[]> => ({
  schools: c.schools,
  classes: c.classes,
  county: c.county ? [c.county] : [],
  attestations: c.attestations,
  survey: c.survey,
  monitoring: c.monitoring,
});

/**
 * The one way statistics get into the database — for the API, the CLI and the web page alike. Validates with
 * the importer (every problem reported, nothing stored), then stores one new version per county-year in a
 * single transaction, superseding (and keeping) the previous one, then queues the recomputes.
 */
@Injectable()
export class IndicatorImportService {
  private readonly logger = new Logger(IndicatorImportService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: IndicatorJobs,
    private readonly clock: Clock,
  ) {}

  async import(
    files: readonly ImportFile[],
    actor: ImportActor,
    options: StatisticsImportOptions,
  ): Promise<StatisticsImportResult> {
    const result = await importSources(
      files.map((f) => ({ name: f.name, data: f.data })),
      options.maxFileBytes === undefined ? {} : { maxFileBytes: options.maxFileBytes },
    );
    if (!result.ok)
      return { ok: false, issues: result.issues, issueCount: result.issueCount, notices: result.notices };
    const { dataset } = result;

    // Statistics write evidence that can close plan items: only for counties of the importer's area.
    const area = options.area;
    const outside = area ? dataset.counties.filter((c) => !area.includes(c.county_code)) : [];
    if (outside.length) {
      const names = outside.map((c) => `${c.county_name ?? ''}${c.county_code}`).join('、');
      throw new DomainError(
        ErrorCode.AUTH_FORBIDDEN,
        msg('indicators.import.outside_area', { counties: names }),
        {
          counties: outside.map((c) => c.county_code),
        },
      );
    }

    const years = this.schoolYears(dataset, options.year);
    if ('issues' in years)
      return { ok: false, issues: years.issues, issueCount: years.issues.length, notices: dataset.notices };

    // Partial files replace complete ones silently otherwise: named, and kept only when confirmed.
    const discrepancies = [
      ...unterminatedCsv(files),
      ...dataset.counties.flatMap((c) => classDiscrepancies(c, dataset.tables)),
    ];
    if (discrepancies.length && !options.confirmDiscrepancies) {
      throw new DomainError(
        ErrorCode.VALIDATION_FAILED,
        msg('indicators.import.discrepancies', { count: discrepancies.length }),
        { discrepancies, confirmWith: 'confirm=yes' },
      );
    }
    const confirmed = discrepancies.map((d) => msg('indicators.import.confirmed', { text: d }));

    const imports = await this.dataSource.transaction(async (em) => {
      const stored: ImportedVersion[] = [];
      // Counties come sorted by code: locks are always taken in the same order.
      for (const county of dataset.counties) {
        const schoolYear = years.byCounty.get(county.county_code)!;
        await lockCounty(em, county.county_code);
        const previous = await em.findOneBy(StatisticsImport, {
          countyCode: county.county_code,
          schoolYear,
          status: 'current',
        });
        const [{ max }]: Array<{ max: number | null }> = await em.query(
          'SELECT max(version) AS max FROM statistics_imports WHERE county_code = $1 AND school_year = $2',
          [county.county_code, schoolYear],
        );
        const now = this.clock.now();
        if (previous)
          await em.update(StatisticsImport, { id: previous.id }, { status: 'superseded', supersededAt: now });

        const tables = countyTableRows(county);
        const given = dataset.tables;
        const rowCounts = Object.fromEntries(given.map((t) => [t, tables[t].length])) as Partial<
          Record<TableName, number>
        >;
        const imp = await em.save(
          em.create(StatisticsImport, {
            countyCode: county.county_code,
            countyName: county.county_name,
            schoolYear,
            version: (max ?? 0) + 1,
            status: 'current',
            checksum: dataset.checksum,
            files: dataset.files.map((f) => ({ name: f.name, bytes: f.bytes, sha256: f.sha256 })),
            rowCounts,
            source: options.source,
            uploadedBy: actor.userId,
            supersededAt: null,
          }),
        );
        // Every table of the county in one INSERT.
        await em.insert(
          StatisticsTable,
          given.map((t) => ({ importId: imp.id, tableName: t, rowCount: tables[t].length, rows: tables[t] })),
        );
        stored.push({
          id: imp.id,
          countyCode: imp.countyCode,
          countyName: imp.countyName,
          schoolYear,
          version: imp.version,
          supersededId: previous?.id ?? null,
          rowCounts,
        });
      }
      return stored;
    });
    this.logger.log(
      `${actor.label} imported ${imports.map((i) => `${i.countyCode}/${i.schoolYear} v${i.version}`).join(', ')} (${dataset.checksum.slice(0, 12)})`,
    );

    let queued: string[] = [];
    let queueError: string | null = null;
    if (options.enqueue !== false) {
      try {
        queued = await redisDeadline(this.jobs.enqueueRecomputes(imports));
      } catch (error) {
        // Stored is stored: the nightly recompute evaluates it if the queue is down now.
        queueError = error instanceof Error ? error.message : String(error);
        this.logger.warn(`recompute not queued: ${queueError}`);
      }
    }
    return {
      ok: true,
      checksum: dataset.checksum,
      imports,
      notices: [...dataset.notices, ...confirmed],
      queued,
      queueError,
    };
  }

  /** The school year of each county: its county table's 学年, else the caller's; a conflict is an issue. */
  private schoolYears(
    dataset: ImportedDataset,
    given: number | undefined,
  ): { byCounty: Map<string, number> } | { issues: ImportIssue[] } {
    const [countyTable] = dataset.files.flatMap((f) =>
      f.tables.filter((t) => t.table === 'county').map((t) => ({ file: f.name, sheet: t.sheet })),
    );
    // Without a county table the year is the caller's to give: the issue concerns the upload as a whole.
    const where: Pick<ImportIssue, 'file' | 'sheet' | 'column'> = countyTable
      ? {
          file: countyTable.file,
          ...(countyTable.sheet === undefined ? {} : { sheet: countyTable.sheet }),
          column: columnName({ key: 'school_year' }),
        }
      : {};
    const issues: ImportIssue[] = [];
    const byCounty = new Map<string, number>();
    for (const county of dataset.counties) {
      const year = county.school_year ?? given;
      if (year === undefined) {
        issues.push({
          ...where,
          message: msg('statistics.county.year_unknown', { county: county.county_code }),
        });
      } else if (given !== undefined && county.school_year !== null && county.school_year !== given) {
        issues.push({
          ...where,
          message: msg('statistics.county.year_conflict', {
            county: county.county_code,
            year: county.school_year,
            given,
          }),
        });
      } else {
        byCounty.set(county.county_code, year);
      }
    }
    return issues.length > 0 ? { issues } : { byCounty };
  }
}
