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
import { normalizeLabel } from './cell-parsers';
import { formatIssue, IssueLog, type ImportIssue } from './import-issues';
import { TableReader, type SourceLocation } from './table-reader';
import {
  attestationsTable,
  classesTable,
  columnLabel,
  countyTable,
  monitoringTable,
  schoolsTable,
  surveyTable,
  ROW_LEVEL_OPTIONS,
  SCHOOL_TYPE_OPTIONS,
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
  notices: string[];
}

export type ImportResult =
  | { ok: true; dataset: ImportedDataset }
  | { ok: false; issues: ImportIssue[]; issueCount: number; notices: string[] };

export function toCountyData(county: ImportedCounty, schoolYear: number): CountyData {
  return { ...county, school_year: schoolYear };
}

/** Every problem as one line each, with "… and N more" when only the first were kept. */
export function formatIssues(result: Extract<ImportResult, { ok: false }>): string[] {
  const lines = result.issues.map(formatIssue);
  if (result.issueCount > result.issues.length)
    lines.push(`… and ${result.issueCount - result.issues.length} more problems`);
  return lines;
}

const TABLE_BY_NAME = new Map<string, TableName>(
  TABLE_NAMES.flatMap((t) => [
    [normalizeLabel(t), t],
    [normalizeLabel(TABLES[t].zh), t],
  ]),
);
/** Sheets of the blank template that hold no table. */
const NOTES_SHEETS = new Set(['说明', 'notes', 'readme']);
const TABLE_HINT =
  'schools/学校, classes/班级, county/县级指标, attestations/佐证, survey/满意度调查, monitoring/质量监测';

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
const zhOf = <K extends string>(options: readonly { key: K; zh: string }[]) =>
  Object.fromEntries(options.map((o) => [o.key, o.zh])) as Record<K, string>;
const LEVEL_ZH = zhOf(ROW_LEVEL_OPTIONS);
const TYPE_ZH = zhOf(SCHOOL_TYPE_OPTIONS);

const label = <Row>(
  spec: { columns: readonly { key: string; zh: string }[] },
  key: keyof Row & string,
): string => {
  const column = spec.columns.find((c) => c.key === key);
  return column ? columnLabel(column) : key;
};
const schoolColumn = (key: keyof SchoolRow & string) => label<SchoolRow>(schoolsTable, key);

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
    private readonly notices: string[],
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
                label<SurveyRow>(surveyTable, 'satisfied'),
                `${row.satisfied} is more than the ${row.respondents} respondents`,
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
          `"${row.school_code}" at level ${LEVEL_ZH[row.level]} is already on row ${earlier}`,
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
            `"${row.county_code}" differs from row ${first.at} of the same school (${first.row.county_code})`,
          );
        }
        if (row.school_type !== first.row.school_type) {
          reader.issue(
            at,
            schoolColumn('school_type'),
            `${TYPE_ZH[row.school_type]} differs from row ${first.at} of the same school (${TYPE_ZH[first.row.school_type]})`,
          );
        }
      }
      const levels = rows.reduce((bits, r) => bits | LEVEL_BITS[r.row.level], 0);
      if (levels & LEVEL_BITS.combined && levels !== LEVEL_BITS.combined) {
        const split = rows.find((r) => r.row.level !== 'combined') ?? first;
        reader.issue(
          split.at,
          schoolColumn('level'),
          `school ${code} is given both as a combined row and by level; use one or the other`,
        );
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
      const column = schoolColumn('parent_school_code');
      if (!parent) reader.issue(at, column, `"${row.parent_school_code}" is not in schools`);
      else if (parent.type === 'teaching_point')
        reader.issue(at, column, `"${row.parent_school_code}" is itself a teaching point`);
      else if (parent.county.county_code !== row.county_code) {
        reader.issue(
          at,
          column,
          `"${row.parent_school_code}" is in county ${parent.county.county_code}, not ${row.county_code}`,
        );
      }
    }
  }

  private checkSchoolRow(reader: TableReader<SchoolRow>, row: SchoolRow, at: number): void {
    if ((ALLOWED_LEVELS[row.school_type] & LEVEL_BITS[row.level]) === 0) {
      reader.issue(
        at,
        schoolColumn('level'),
        `"${LEVEL_ZH[row.level]}" does not fit 办学类型/school_type ${TYPE_ZH[row.school_type]}`,
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
          reader.issue(at, schoolColumn(key), 'is required on a combined row');
          missing = true;
        }
      }
      const sum = (row.students_primary ?? 0) + (row.students_junior ?? 0) + (row.students_senior ?? 0);
      if (!missing && sum !== row.students) {
        reader.issue(
          at,
          schoolColumn('students'),
          `${row.students} is not the sum of the parts (${sum}: 小学 ${row.students_primary ?? 0} + 初中 ${row.students_junior ?? 0} + 高中 ${row.students_senior ?? 0})`,
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
        `${row.certified_teachers} is more than the ${row.full_time_teachers} full-time teachers`,
      );
    }
    if (row.school_type === 'teaching_point' && row.parent_school_code === null) {
      reader.issue(at, schoolColumn('parent_school_code'), 'is required for a teaching point');
    } else if (row.school_type !== 'teaching_point' && row.parent_school_code !== null) {
      reader.issue(at, schoolColumn('parent_school_code'), 'is only for teaching points (教学点)');
    }
  }

  private addClass(reader: TableReader<ClassRow>, row: ClassRow, at: number): void {
    const school = this.schools.get(row.school_code);
    if (!school) {
      if (this.schoolsUsable && !this.rawSchoolCodes.has(row.school_code)) {
        reader.issue(
          at,
          label<ClassRow>(classesTable, 'school_code'),
          `"${row.school_code}" is not in schools`,
        );
      }
      return;
    }
    if ((school.levels & (LEVEL_BITS[row.level] | LEVEL_BITS.combined)) === 0) {
      reader.issue(
        at,
        label<ClassRow>(classesTable, 'level'),
        `school ${row.school_code} has no ${LEVEL_ZH[row.level]} row in schools`,
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
      reader.issue(at, '县区代码/county_code', `"${code}" has no schools in schools`);
    return county;
  }

  private addCounty(reader: TableReader<CountyRow>, row: CountyRow, at: number): void {
    const earlier = this.countyRowAt.get(row.county_code);
    if (earlier !== undefined) {
      reader.issue(
        at,
        label<CountyRow>(countyTable, 'county_code'),
        `"${row.county_code}" is already on row ${earlier}`,
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
    const column = label<MonitoringRow>(monitoringTable, 'school_code');
    if (!school) {
      if (!this.rawSchoolCodes.has(row.school_code))
        reader.issue(at, column, `"${row.school_code}" is not in schools`);
      return;
    }
    if (school.county !== county) {
      reader.issue(
        at,
        column,
        `"${row.school_code}" is in county ${school.county.county_code}, not ${row.county_code}`,
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

const describe = (where: SourceLocation) =>
  where.sheet === undefined ? where.file : `${where.file} sheet ${where.sheet}`;
const megabytes = (bytes: number) => (bytes / (1024 * 1024)).toFixed(1);

/** Imports a folder: every CSV/XLSX file named after a table; anything else is ignored with a notice. */
export async function importFolder(dir: string, options: ImportOptions = {}): Promise<ImportResult> {
  const entries = await readdir(dir, { withFileTypes: true });
  const notices: string[] = [];
  const sources: ImportSource[] = [];
  for (const entry of entries) {
    if (entry.isFile()) sources.push({ name: entry.name, path: path.join(dir, entry.name) });
    else notices.push(`${entry.name}: not a file; ignored`);
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
  const notices: string[] = [];
  const files: ImportedFile[] = [];
  const inputs = new Map<TableName, TableInput>();

  const assign = (table: TableName, input: TableInput) => {
    const existing = inputs.get(table);
    if (existing) {
      log.add({
        file: input.where.file,
        ...(input.where.sheet === undefined ? {} : { sheet: input.where.sheet }),
        message: `is a second ${table} table (already given by ${describe(existing.where)}); give each table once`,
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
      notices.push(`${name}: not a table file (CSV or XLSX named ${TABLE_HINT}); ignored`);
      continue;
    }
    const size = 'data' in source ? source.data.length : (await stat(source.path)).size;
    if (size > maxBytes) {
      log.add({
        file: name,
        message: `is ${megabytes(size)} MB, over the ${megabytes(maxBytes)} MB limit for one file`,
      });
      continue;
    }
    if (ext === '.csv') {
      const table = TABLE_BY_NAME.get(normalizeLabel(base));
      if (!table) {
        notices.push(`${name}: no table is called "${base}" (${TABLE_HINT}); ignored`);
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
      log.add({
        file: name,
        message:
          error instanceof XlsxLimitError
            ? `is too large to read: ${error.message}`
            : `is not a readable XLSX workbook (${error instanceof Error ? error.message : String(error)})`,
      });
      continue;
    }
    for (const sheet of sheets) {
      const table = TABLE_BY_NAME.get(normalizeLabel(sheet.name));
      if (!table) {
        if (!NOTES_SHEETS.has(normalizeLabel(sheet.name)))
          notices.push(`${name} sheet ${sheet.name}: not a table name (${TABLE_HINT}); ignored`);
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
    log.add({
      file: '(input)',
      message: `no schools table: give schools.csv, 学校.csv or an XLSX sheet named schools/学校`,
    });
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
      if (error instanceof NotUtf8Error) log.add({ file: input.where.file, message: error.message });
      else if (error instanceof CsvSyntaxError)
        log.add({ file: input.where.file, row: error.row, message: 'a quoted field ("…") is never closed' });
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
