/**
 * The one importer of county statistics (data-template.md), used by the CLI, the API and the benchmark.
 * Reads CSV files (streamed) and XLSX workbooks, finds each table by file or sheet name, validates every
 * cell and every reference, and returns either the dataset grouped by county with a SHA-256 of the input,
 * or every problem found — never part of a dataset.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';
import type {
  AttestationRow,
  ClassRow,
  CountyData,
  CountyRow,
  MonitoringRow,
  SchoolRow,
  SchoolType,
  SurveyRow,
} from '../engine/county-data';
import {
  CsvSyntaxError,
  NotUtf8Error,
  parseCsvBytes,
  readCsvFile,
  sha256,
  type RecordHandler,
} from './csv-parser';
import { type Message, msg } from '../../common/i18n/catalog';
import { normalizeLabel } from './cell-parsers';
import { IssueLog, sourceName, type ImportIssue } from './import-issues';
import { TableReader, type SourceLocation } from './table-reader';
import {
  attestationsTable,
  classesTable,
  columnName,
  countyTable,
  monitoringTable,
  schoolsTable,
  surveyTable,
  tableName,
  TABLE_NAMES,
  TABLES,
  type TableName,
} from './table-specs';
import { readXlsxSheets, XlsxLimitError } from './xlsx-reader';

export const DEFAULT_MAX_FILE_BYTES = 256 * 1024 * 1024;
export const DEFAULT_MAX_ISSUES = 1000;

/** A file on disk, or bytes already in memory (an upload). */
export type ImportSource = { name: string; path: string } | { name: string; data: Buffer };

export interface ImportOptions {
  /** Files above this size are rejected before reading. Default 256 MiB. */
  maxFileBytes?: number;
  /** Issues kept in detail; all are counted. Default 1000. */
  maxIssues?: number;
}

/** The tables of one county as imported; the school year comes from the county table, or the caller. */
export interface ImportedCounty {
  county_code: string;
  county_name: string | null;
  school_year: number | null;
  schools: SchoolRow[];
  classes: ClassRow[];
  county: CountyRow | null;
  attestations: AttestationRow[];
  survey: SurveyRow[];
  monitoring: MonitoringRow[];
}

export interface ImportedFile {
  name: string;
  bytes: number;
  sha256: string;
  tables: { table: TableName; sheet?: string; rows: number }[];
}

export interface ImportedDataset {
  /** Sorted by county code. */
  counties: ImportedCounty[];
  /** SHA-256 over the name and SHA-256 of every file read: the identity of this input. */
  checksum: string;
  files: ImportedFile[];
  tables: TableName[];
  /** What was ignored (a file, a sheet, a column not in the template), for the reader. */
  notices: Message[];
}

export type ImportResult =
  | { ok: true; dataset: ImportedDataset }
  | { ok: false; issues: ImportIssue[]; issueCount: number; notices: Message[] };

export function toCountyData(county: ImportedCounty, schoolYear: number): CountyData {
  return { ...county, school_year: schoolYear };
}

const TABLE_BY_NAME = new Map<string, TableName>(
  TABLE_NAMES.flatMap((t) => [
    [normalizeLabel(t), t],
    [normalizeLabel(TABLES[t].zh), t],
  ]),
);
/** Sheets of the blank template that hold no table. */
const NOTES_SHEETS = new Set(['说明', 'notes', 'readme']);
const TABLE_LIST = msg('statistics.table.list');

const LEVEL_BITS = { primary: 1, junior: 2, combined: 4 } as const;
const ANY_LEVEL = LEVEL_BITS.primary | LEVEL_BITS.junior | LEVEL_BITS.combined;
/** Levels each school type may be reported at. */
const ALLOWED_LEVELS: Record<SchoolType, number> = {
  primary: LEVEL_BITS.primary,
  junior: LEVEL_BITS.junior,
  teaching_point: LEVEL_BITS.primary,
  nine_year: ANY_LEVEL,
  twelve_year: ANY_LEVEL,
  complete_secondary: LEVEL_BITS.junior | LEVEL_BITS.combined,
  special: ANY_LEVEL,
};
/** A row's 学段 as the template spells it (小学, 初中, 合并), and a school type by its label. */
const levelName = (level: keyof typeof LEVEL_BITS): Message => msg(`statistics.level.${level}`);
const typeName = (type: SchoolType): Message => msg(`label.school_type.${type}`);

/** The name of a column for an issue; the key is typed by the table's row, so it names a real column. */
const column = <Row>(key: keyof Row & string): Message => columnName({ key });
const schoolColumn = (key: keyof SchoolRow & string) => column<SchoolRow>(key);

interface SchoolEntry {
  code: string;
  county: ImportedCounty;
  levels: number;
  type: SchoolType;
}

interface Sink {
  readonly record: RecordHandler;
  readonly rows: number;
  finish(): void;
}

/** Collects rows table by table; schools first, so later tables can be checked against them. */
class DatasetBuilder {
  readonly counties = new Map<string, ImportedCounty>();
  private readonly schools = new Map<string, SchoolEntry>();
  private readonly schoolRows: { row: SchoolRow; at: number }[] = [];
  /** Codes in the schools table including rejected rows: a class of a rejected school is not reported again. */
  private readonly rawSchoolCodes = new Set<string>();
  /** Without any valid school, every reference would fail; those failures would only bury the real problem. */
  private schoolsUsable = false;
  private readonly countyRowAt = new Map<string, number>();

  constructor(
    private readonly log: IssueLog,
    private readonly notices: Message[],
  ) {}

  sink(table: TableName, where: SourceLocation): Sink {
    const { log, notices } = this;
    switch (table) {
      case 'schools': {
        const reader: TableReader<SchoolRow> = new TableReader(
          schoolsTable,
          where,
          log,
          notices,
          (row, at) => this.schoolRows.push({ row, at }),
          { column: 'school_code', onRaw: (code) => this.rawSchoolCodes.add(code) },
        );
        return {
          record: reader.record,
          get rows() {
            return reader.rows;
          },
          finish: () => {
            reader.finish();
            this.schoolsUsable = this.schoolRows.length > 0;
            this.finishSchools(reader);
          },
        };
      }
      case 'classes': {
        const reader: TableReader<ClassRow> = new TableReader(classesTable, where, log, notices, (row, at) =>
          this.addClass(reader, row, at),
        );
        return reader;
      }
      case 'county': {
        const reader: TableReader<CountyRow> = new TableReader(countyTable, where, log, notices, (row, at) =>
          this.addCounty(reader, row, at),
        );
        return reader;
      }
      case 'attestations': {
        const reader: TableReader<AttestationRow> = new TableReader(
          attestationsTable,
          where,
          log,
          notices,
          (row, at) => {
            this.countyOf(reader, row.county_code, at)?.attestations.push(row);
          },
        );
        return reader;
      }
      case 'survey': {
        const reader: TableReader<SurveyRow> = new TableReader(
          surveyTable,
          where,
          log,
          notices,
          (row, at) => {
            if (row.satisfied > row.respondents) {
              reader.issue(
                at,
                column<SurveyRow>('satisfied'),
                msg('statistics.survey.satisfied_over', {
                  satisfied: row.satisfied,
                  respondents: row.respondents,
                }),
              );
              return;
            }
            this.countyOf(reader, row.county_code, at)?.survey.push(row);
          },
        );
        return reader;
      }
      case 'monitoring': {
        const reader: TableReader<MonitoringRow> = new TableReader(
          monitoringTable,
          where,
          log,
          notices,
          (row, at) => this.addMonitoring(reader, row, at),
        );
        return reader;
      }
    }
  }

  private finishSchools(reader: TableReader<SchoolRow>): void {
    const firstAt = new Map<string, number>();
    const byCode = new Map<string, { row: SchoolRow; at: number }[]>();
    for (const entry of this.schoolRows) {
      const { row, at } = entry;
      const key = `${row.school_code}\u0000${row.level}`;
      const earlier = firstAt.get(key);
      if (earlier !== undefined) {
        reader.issue(
          at,
          schoolColumn('school_code'),
          msg('statistics.school.duplicate', {
            code: row.school_code,
            level: levelName(row.level),
            row: earlier,
          }),
        );
        continue;
      }
      firstAt.set(key, at);
      const list = byCode.get(row.school_code);
      if (list) list.push(entry);
      else byCode.set(row.school_code, [entry]);
      this.checkSchoolRow(reader, row, at);
    }

    for (const [code, rows] of byCode) {
      const [first] = rows;
      for (const { row, at } of rows.slice(1)) {
        if (row.county_code !== first.row.county_code) {
          reader.issue(
            at,
            schoolColumn('county_code'),
            msg('statistics.school.county_differs', {
              value: row.county_code,
              row: first.at,
              first: first.row.county_code,
            }),
          );
        }
        if (row.school_type !== first.row.school_type) {
          reader.issue(
            at,
            schoolColumn('school_type'),
            msg('statistics.school.type_differs', {
              value: typeName(row.school_type),
              row: first.at,
              first: typeName(first.row.school_type),
            }),
          );
        }
      }
      const levels = rows.reduce((bits, r) => bits | LEVEL_BITS[r.row.level], 0);
      if (levels & LEVEL_BITS.combined && levels !== LEVEL_BITS.combined) {
        const split = rows.find((r) => r.row.level !== 'combined') ?? first;
        reader.issue(split.at, schoolColumn('level'), msg('statistics.school.combined_and_split', { code }));
      }
      let county = this.counties.get(first.row.county_code);
      if (!county) {
        county = {
          county_code: first.row.county_code,
          county_name: first.row.county_name,
          school_year: null,
          schools: [],
          classes: [],
          county: null,
          attestations: [],
          survey: [],
          monitoring: [],
        };
        this.counties.set(county.county_code, county);
      }
      county.county_name ??= first.row.county_name;
      for (const { row } of rows) county.schools.push(row);
      this.schools.set(code, { code, county, levels, type: first.row.school_type });
    }

    for (const { row, at } of this.schoolRows) {
      if (row.school_type !== 'teaching_point' || row.parent_school_code === null) continue;
      const parent = this.schools.get(row.parent_school_code);
      const where = schoolColumn('parent_school_code');
      const code = row.parent_school_code;
      if (!parent) reader.issue(at, where, msg('statistics.school.not_in_schools', { code }));
      else if (parent.type === 'teaching_point')
        reader.issue(at, where, msg('statistics.school.parent_is_teaching_point', { code }));
      else if (parent.county.county_code !== row.county_code) {
        reader.issue(
          at,
          where,
          msg('statistics.school.other_county', {
            code,
            county: parent.county.county_code,
            expected: row.county_code,
          }),
        );
      }
    }
  }

  private checkSchoolRow(reader: TableReader<SchoolRow>, row: SchoolRow, at: number): void {
    if ((ALLOWED_LEVELS[row.school_type] & LEVEL_BITS[row.level]) === 0) {
      reader.issue(
        at,
        schoolColumn('level'),
        msg('statistics.school.level_mismatch', {
          level: levelName(row.level),
          type: typeName(row.school_type),
        }),
      );
    }
    if (row.level === 'combined') {
      const needsSenior = row.school_type === 'twelve_year' || row.school_type === 'complete_secondary';
      const parts: (keyof SchoolRow & string)[] = needsSenior
        ? ['students_junior', 'students_senior']
        : ['students_primary', 'students_junior'];
      if (row.school_type === 'twelve_year') parts.unshift('students_primary');
      let missing = false;
      for (const key of parts) {
        if (row[key] === null) {
          reader.issue(at, schoolColumn(key), msg('statistics.school.combined_part_required'));
          missing = true;
        }
      }
      const sum = (row.students_primary ?? 0) + (row.students_junior ?? 0) + (row.students_senior ?? 0);
      if (!missing && sum !== row.students) {
        reader.issue(
          at,
          schoolColumn('students'),
          msg('statistics.school.students_sum', {
            students: row.students,
            sum,
            primary: row.students_primary ?? 0,
            junior: row.students_junior ?? 0,
            senior: row.students_senior ?? 0,
          }),
        );
      }
    }
    if (
      row.certified_teachers !== null &&
      row.full_time_teachers !== null &&
      row.certified_teachers > row.full_time_teachers
    ) {
      reader.issue(
        at,
        schoolColumn('certified_teachers'),
        msg('statistics.school.certified_over', {
          certified: row.certified_teachers,
          full_time: row.full_time_teachers,
        }),
      );
    }
    if (row.school_type === 'teaching_point' && row.parent_school_code === null) {
      reader.issue(at, schoolColumn('parent_school_code'), msg('statistics.school.parent_required'));
    } else if (row.school_type !== 'teaching_point' && row.parent_school_code !== null) {
      reader.issue(
        at,
        schoolColumn('parent_school_code'),
        msg('statistics.school.parent_only_teaching_point'),
      );
    }
  }

  private addClass(reader: TableReader<ClassRow>, row: ClassRow, at: number): void {
    const school = this.schools.get(row.school_code);
    if (!school) {
      if (this.schoolsUsable && !this.rawSchoolCodes.has(row.school_code)) {
        reader.issue(
          at,
          column<ClassRow>('school_code'),
          msg('statistics.school.not_in_schools', { code: row.school_code }),
        );
      }
      return;
    }
    if ((school.levels & (LEVEL_BITS[row.level] | LEVEL_BITS.combined)) === 0) {
      reader.issue(
        at,
        column<ClassRow>('level'),
        msg('statistics.class.no_level', { code: row.school_code, level: levelName(row.level) }),
      );
      return;
    }
    // Shared strings instead of one slice per class row: a slice keeps its whole 1 MiB input chunk alive.
    row.school_code = school.code;
    row.class_name = this.intern(row.class_name);
    school.county.classes.push(row);
  }

  /** Class names repeat across schools (3年级2班); a bounded table keeps one copy of each. */
  private readonly names = new Map<string, string>();
  private intern(name: string): string {
    const known = this.names.get(name);
    if (known !== undefined) return known;
    if (this.names.size < 50_000) this.names.set(name, name);
    return name;
  }

  private countyOf<Row>(reader: TableReader<Row>, code: string, at: number): ImportedCounty | undefined {
    const county = this.counties.get(code);
    if (!county && this.schoolsUsable)
      reader.issue(at, column<CountyRow>('county_code'), msg('statistics.county.no_schools', { code }));
    return county;
  }

  private addCounty(reader: TableReader<CountyRow>, row: CountyRow, at: number): void {
    const earlier = this.countyRowAt.get(row.county_code);
    if (earlier !== undefined) {
      reader.issue(
        at,
        column<CountyRow>('county_code'),
        msg('statistics.county.duplicate', { code: row.county_code, row: earlier }),
      );
      return;
    }
    this.countyRowAt.set(row.county_code, at);
    const county = this.countyOf(reader, row.county_code, at);
    if (!county) return;
    county.county = row;
    county.school_year = row.school_year;
    county.county_name ??= row.county_name;
  }

  private addMonitoring(reader: TableReader<MonitoringRow>, row: MonitoringRow, at: number): void {
    const county = this.countyOf(reader, row.county_code, at);
    if (!county) return;
    const school = this.schools.get(row.school_code);
    const where = column<MonitoringRow>('school_code');
    if (!school) {
      if (!this.rawSchoolCodes.has(row.school_code))
        reader.issue(at, where, msg('statistics.school.not_in_schools', { code: row.school_code }));
      return;
    }
    if (school.county !== county) {
      reader.issue(
        at,
        where,
        msg('statistics.school.other_county', {
          code: row.school_code,
          county: school.county.county_code,
          expected: row.county_code,
        }),
      );
      return;
    }
    row.school_code = school.code;
    county.monitoring.push(row);
  }
}

interface TableInput {
  where: SourceLocation;
  file: ImportedFile;
  feed(record: RecordHandler): Promise<void>;
}

const megabytes = (bytes: number) => (bytes / (1024 * 1024)).toFixed(1);

/** Imports a folder: every CSV/XLSX file named after a table; anything else is ignored with a notice. */
export async function importFolder(dir: string, options: ImportOptions = {}): Promise<ImportResult> {
  const entries = await readdir(dir, { withFileTypes: true });
  const notices: Message[] = [];
  const sources: ImportSource[] = [];
  for (const entry of entries) {
    if (entry.isFile()) sources.push({ name: entry.name, path: path.join(dir, entry.name) });
    else notices.push(msg('statistics.notice.not_a_file', { name: entry.name }));
  }
  const result = await importSources(sources, options);
  if (result.ok) result.dataset.notices.unshift(...notices);
  else result.notices.unshift(...notices);
  return result;
}

export async function importSources(
  sources: readonly ImportSource[],
  options: ImportOptions = {},
): Promise<ImportResult> {
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const log = new IssueLog(options.maxIssues ?? DEFAULT_MAX_ISSUES);
  const notices: Message[] = [];
  const files: ImportedFile[] = [];
  const inputs = new Map<TableName, TableInput>();

  const assign = (table: TableName, input: TableInput) => {
    const existing = inputs.get(table);
    if (existing) {
      log.add({
        file: input.where.file,
        ...(input.where.sheet === undefined ? {} : { sheet: input.where.sheet }),
        message: msg('statistics.file.second_table', {
          table: tableName(table),
          earlier: sourceName(existing.where.file, existing.where.sheet),
        }),
      });
    } else {
      inputs.set(table, input);
    }
  };

  for (const source of [...sources].sort((a, b) => a.name.localeCompare(b.name))) {
    const name = source.name;
    const ext = path.extname(name).toLowerCase();
    const base = path.basename(name, path.extname(name));
    if ((ext !== '.csv' && ext !== '.xlsx') || base.startsWith('~$')) {
      notices.push(msg('statistics.notice.not_table_file', { name, tables: TABLE_LIST }));
      continue;
    }
    const size = 'data' in source ? source.data.length : (await stat(source.path)).size;
    if (size > maxBytes) {
      log.add({
        file: name,
        message: msg('statistics.file.too_large', { size: megabytes(size), limit: megabytes(maxBytes) }),
      });
      continue;
    }
    if (ext === '.csv') {
      const table = TABLE_BY_NAME.get(normalizeLabel(base));
      if (!table) {
        notices.push(msg('statistics.notice.unknown_table', { name, base, tables: TABLE_LIST }));
        continue;
      }
      const file: ImportedFile = { name, bytes: size, sha256: '', tables: [] };
      files.push(file);
      assign(table, {
        where: { file: name },
        file,
        feed: async (record) => {
          if ('data' in source) {
            file.sha256 = sha256(source.data);
            parseCsvBytes(source.data, record);
          } else {
            file.sha256 = (await readCsvFile(source.path, record)).sha256;
          }
        },
      });
      continue;
    }
    const data = 'data' in source ? source.data : await readFile(source.path);
    const file: ImportedFile = { name, bytes: size, sha256: sha256(data), tables: [] };
    files.push(file);
    let sheets: Awaited<ReturnType<typeof readXlsxSheets>>;
    try {
      sheets = await readXlsxSheets(data);
    } catch (error) {
      // What exceljs says of a damaged workbook means nothing to an official: the advice is the same for all.
      log.add({
        file: name,
        message:
          error instanceof XlsxLimitError
            ? msg('statistics.file.xlsx_too_large', { reason: error.text })
            : msg('statistics.file.not_xlsx'),
      });
      continue;
    }
    for (const sheet of sheets) {
      const table = TABLE_BY_NAME.get(normalizeLabel(sheet.name));
      if (!table) {
        if (!NOTES_SHEETS.has(normalizeLabel(sheet.name)))
          notices.push(
            msg('statistics.notice.unknown_sheet', {
              where: sourceName(name, sheet.name),
              tables: TABLE_LIST,
            }),
          );
        continue;
      }
      assign(table, {
        where: { file: name, sheet: sheet.name },
        file,
        feed: async (record) => {
          for (const r of sheet.rows) record(r.cells, r.row);
        },
      });
    }
  }
  if (!inputs.has('schools') && log.count === 0) {
    log.add({ message: msg('statistics.input.no_schools') });
  }

  const builder = new DatasetBuilder(log, notices);
  for (const table of TABLE_NAMES) {
    const input = inputs.get(table);
    if (!input) continue;
    const sink = builder.sink(table, input.where);
    try {
      await input.feed(sink.record);
      sink.finish();
    } catch (error) {
      if (error instanceof NotUtf8Error)
        log.add({ file: input.where.file, message: msg('statistics.file.not_utf8') });
      else if (error instanceof CsvSyntaxError)
        log.add({ file: input.where.file, row: error.row, message: msg('statistics.file.unclosed_quote') });
      else throw error;
    }
    input.file.tables.push({
      table,
      ...(input.where.sheet === undefined ? {} : { sheet: input.where.sheet }),
      rows: sink.rows,
    });
  }

  if (log.count > 0) return { ok: false, issues: log.issues, issueCount: log.count, notices };

  const checksum = createHash('sha256');
  for (const file of [...files].sort((a, b) => a.name.localeCompare(b.name)))
    checksum.update(`${file.name}\u0000${file.sha256}\n`);
  return {
    ok: true,
    dataset: {
      counties: [...builder.counties.values()].sort((a, b) => a.county_code.localeCompare(b.county_code)),
      checksum: checksum.digest('hex'),
      files,
      tables: TABLE_NAMES.filter((t) => inputs.has(t)),
      notices,
    },
  };
}
