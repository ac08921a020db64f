import { readFile } from 'node:fs/promises';
import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, In, type Repository } from 'typeorm';
import { type AuditActor, AuditService, diffFields, type NewAuditEntry } from '../audit/audit.service';
import { DomainError, ErrorCode } from '../common/domain-error';
import { projectPath } from '../config/paths';
import { Region } from './region.entity';
import {
  parseRegionCsv,
  parseRegionFile,
  RegionFileInvalidError,
  type RegionEntry,
  type RegionLevel,
} from './region-file.schema';
import { msg } from '../common/i18n/catalog';

export const DEFAULT_REGION_FILE = projectPath('config', 'regions', 'regions.yaml');

export interface RegionImportReport {
  added: number;
  updated: number;
  unchanged: number;
}

export interface RegionImportOptions {
  actor: AuditActor;
  source: string;
}

const REGION_FIELDS = [
  'name',
  'level',
  'parentCode',
  'shortNames',
  'successorCode',
  'successorName',
  'successorSince',
] as const;
/** What a CSV division table carries; short names and successors are kept from the YAML. */
const TABLE_FIELDS = ['name', 'level', 'parentCode'] as const;
type RegionFields = Pick<Region, (typeof REGION_FIELDS)[number]>;
type RegionField = (typeof REGION_FIELDS)[number];

function fieldsOf(entry: RegionEntry): RegionFields {
  return {
    name: entry.name,
    level: entry.level,
    parentCode: entry.parent,
    shortNames: entry.short_names,
    successorCode: entry.successor?.code ?? null,
    successorName: entry.successor?.name ?? null,
    successorSince: entry.successor?.since ?? null,
  };
}

@Injectable()
export class RegionsService {
  constructor(
    @InjectRepository(Region) private readonly regions: Repository<Region>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  private repo(manager?: EntityManager): Repository<Region> {
    return manager ? manager.getRepository(Region) : this.regions;
  }

  list(): Promise<Region[]> {
    return this.regions.find({ order: { code: 'ASC' } });
  }

  async get(code: string, manager?: EntityManager): Promise<Region> {
    const region = await this.repo(manager).findOneBy({ code });
    if (!region) throw new DomainError(ErrorCode.NOT_FOUND, msg('regions.region_not_found', { code }));
    return region;
  }

  findByCodes(codes: readonly string[], manager?: EntityManager): Promise<Region[]> {
    if (codes.length === 0) return Promise.resolve([]);
    return this.repo(manager).findBy({ code: In([...new Set(codes)]) });
  }

  /** The region and every division above it (county → city → province). */
  async ancestorsAndSelf(code: string, manager?: EntityManager): Promise<string[]> {
    const rows: Array<{ code: string }> = await (manager ?? this.dataSource.manager).query(
      `WITH RECURSIVE up AS (
         SELECT code, parent_code FROM regions WHERE code = $1
         UNION ALL SELECT r.code, r.parent_code FROM regions r JOIN up ON r.code = up.parent_code)
       SELECT code FROM up`,
      [code],
    );
    return rows.map((r) => r.code);
  }

  /** The region and every division below it. */
  async descendantsAndSelf(code: string, manager?: EntityManager): Promise<Region[]> {
    const rows: Array<{ code: string }> = await (manager ?? this.dataSource.manager).query(
      `WITH RECURSIVE down AS (
         SELECT code FROM regions WHERE code = $1
         UNION ALL SELECT r.code FROM regions r JOIN down ON r.parent_code = down.code)
       SELECT code FROM down`,
      [code],
    );
    const regions = await this.findByCodes(
      rows.map((r) => r.code),
      manager,
    );
    return regions.sort((a, b) => a.code.localeCompare(b.code));
  }

  /** County-level divisions inside a region (its children for a city), in code order. */
  async countiesUnder(code: string, manager?: EntityManager): Promise<Region[]> {
    return (await this.descendantsAndSelf(code, manager)).filter(
      (r) => r.level === 'county' && r.code !== code,
    );
  }

  /**
   * Upserts divisions by code (one statement) and audits what was added or changed. Parents may come in any
   * order: the foreign key is checked at the end of the statement. `fields` limits what an existing division
   * takes from the entries (a CSV table has no short names or successors, and must not erase them).
   */
  async importEntries(
    entries: readonly RegionEntry[],
    options: RegionImportOptions & { fields?: readonly RegionField[] },
    manager?: EntityManager,
  ): Promise<RegionImportReport> {
    const fields = options.fields ?? REGION_FIELDS;
    const repo = this.repo(manager);
    const existing = new Map(
      (
        await this.findByCodes(
          entries.map((e) => e.code),
          manager,
        )
      ).map((r) => [r.code, r]),
    );
    const report: RegionImportReport = { added: 0, updated: 0, unchanged: 0 };
    const audit: NewAuditEntry[] = [];
    const rows: Array<RegionFields & { code: string }> = [];
    for (const entry of entries) {
      const next = fieldsOf(entry);
      const before = existing.get(entry.code);
      if (!before) {
        report.added++;
        rows.push({ code: entry.code, ...next });
        audit.push({
          actor: options.actor,
          source: options.source,
          entityType: 'region',
          entityId: entry.code,
          action: 'created',
          changes: diffFields({} as RegionFields, next, REGION_FIELDS),
        });
        continue;
      }
      const changes = diffFields(before, next, fields);
      if (changes.length === 0) {
        report.unchanged++;
        continue;
      }
      report.updated++;
      rows.push({ code: entry.code, ...next });
      audit.push({
        actor: options.actor,
        source: options.source,
        entityType: 'region',
        entityId: entry.code,
        action: 'updated',
        changes,
      });
    }
    if (rows.length > 0) {
      await repo
        .createQueryBuilder()
        .insert()
        .into(Region)
        .values(rows.map((r) => ({ ...r, updatedAt: () => 'now()' })))
        .orUpdate(
          [...fields, 'updatedAt'].map((f) => repo.metadata.findColumnWithPropertyName(f)!.databaseName),
          ['code'],
        )
        .updateEntity(false)
        .execute();
    }
    await this.audit.record(audit, manager);
    return report;
  }

  /**
   * Reads a region file (YAML, or CSV by its `.csv` extension) and imports it. Divisions already stored count
   * as known parents, so a CSV may hang counties under a city imported earlier.
   */
  async importFile(
    path: string,
    options: RegionImportOptions,
    manager?: EntityManager,
  ): Promise<RegionImportReport> {
    const text = await readFile(path, 'utf8');
    const known = new Map<string, RegionLevel>(
      (await this.repo(manager).find({ select: { code: true, level: true } })).map((r) => [r.code, r.level]),
    );
    if (/\.csv$/i.test(path)) {
      return this.importEntries(
        parseRegionCsv(text, { existing: known }),
        { ...options, fields: TABLE_FIELDS },
        manager,
      );
    }
    return this.importEntries(parseRegionFile(text, { existing: known }), options, manager);
  }

  /**
   * Makes sure the given codes exist, importing the default region file first when some are missing (a fresh
   * database). Returns the codes that are still unknown afterwards.
   */
  async ensureKnown(
    codes: readonly string[],
    options: RegionImportOptions,
    manager?: EntityManager,
  ): Promise<string[]> {
    const wanted = [...new Set(codes)];
    const missing = async () => {
      const found = new Set((await this.findByCodes(wanted, manager)).map((r) => r.code));
      return wanted.filter((c) => !found.has(c));
    };
    const first = await missing();
    if (first.length === 0) return [];
    try {
      await this.importFile(DEFAULT_REGION_FILE, options, manager);
    } catch (error) {
      if (error instanceof RegionFileInvalidError) {
        // The file's issues name its paths and say what is wrong in English: they are for whoever edits it.
        throw new DomainError(
          ErrorCode.VALIDATION_FAILED,
          msg('regions.region_file_invalid', { count: error.issues.length }),
          error.issues,
        );
      }
      throw error;
    }
    return missing();
  }
}
