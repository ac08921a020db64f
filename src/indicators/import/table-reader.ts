/**
 * Turns the records of one table (CSV file or XLSX sheet) into typed rows: maps the header (Chinese or
 * English, any order), parses every cell, and logs each problem with file, sheet, row and column.
 */
import { type Message, msg } from '../../common/i18n/catalog';
import { CellProblem, normalizeLabel } from './cell-parsers';
import { sourceName, type ImportIssue, type IssueLog } from './import-issues';
import { columnName, tableName, type ColumnSpec, type TableSpec } from './table-specs';

export interface SourceLocation {
  file: string;
  sheet?: string;
}

/** Header text compared without case, spaces or the punctuation of "学生数 (students)" / "学生数/students". */
export function normalizeHeader(text: string): string {
  return normalizeLabel(text).replace(/[()（）[\]【】/／|:：*＊]/g, '');
}

const headerIndexes = new WeakMap<object, Map<string, number>>();

/** Every accepted header of a table → column position in the spec. */
function headerIndex<Row>(spec: TableSpec<Row>): Map<string, number> {
  let index = headerIndexes.get(spec);
  if (!index) {
    index = new Map();
    spec.columns.forEach((c, i) => {
      for (const label of [c.key, c.zh, `${c.zh}${c.key}`, `${c.key}${c.zh}`, ...(c.aliases ?? [])]) {
        index?.set(normalizeHeader(label), i);
      }
    });
    headerIndexes.set(spec, index);
  }
  return index;
}

/** Trims only when needed: most cells of a machine export have no surrounding spaces. */
function clean(raw: string): string {
  const n = raw.length;
  if (n === 0) return raw;
  return raw.charCodeAt(0) <= 32 || raw.charCodeAt(n - 1) <= 32 || raw.charCodeAt(0) === 0x3000
    ? raw.trim()
    : raw;
}

interface BoundColumn<Row> {
  spec: ColumnSpec<Row>;
  index: number;
  name: Message;
}

export class TableReader<Row> {
  private columns: BoundColumn<Row>[] | null = null;
  private rawKeyIndex = -1;
  private unusable = false;
  private rowCount = 0;

  /**
   * @param onRow receives each valid row; it may log referential problems of its own.
   * @param onRawKey sees the raw text of `rawKeyColumn` in every data row, valid or not, so later tables
   *   can tell "unknown school" from "school whose row was rejected" and not report twice.
   */
  constructor(
    private readonly spec: TableSpec<Row>,
    private readonly where: SourceLocation,
    private readonly log: IssueLog,
    private readonly notices: Message[],
    private readonly onRow: (row: Row, rowNumber: number) => void,
    private readonly rawKey?: { column: keyof Row & string; onRaw: (text: string) => void },
  ) {}

  get rows(): number {
    return this.rowCount;
  }

  issue(row: number | undefined, column: Message | undefined, message: Message): void {
    const issue: ImportIssue = { file: this.where.file, message };
    if (this.where.sheet !== undefined) issue.sheet = this.where.sheet;
    if (row !== undefined) issue.row = row;
    if (column !== undefined) issue.column = column;
    this.log.add(issue);
  }

  /** Feeds one record; the first non-empty one is the header. */
  readonly record = (cells: string[], row: number): void => {
    if (this.columns === null) {
      if (cells.every((c) => clean(c) === '')) return;
      this.readHeader(cells, row);
      return;
    }
    if (!this.unusable) this.readRow(cells, row);
  };

  /** Called after the last record. */
  finish(): void {
    if (this.columns === null) this.issue(undefined, undefined, msg('statistics.table.empty'));
    else if (!this.unusable && this.rowCount === 0 && this.spec.name === 'schools')
      this.issue(undefined, undefined, msg('statistics.table.no_rows'));
  }

  private readHeader(cells: string[], row: number): void {
    const index = headerIndex(this.spec);
    const bound: BoundColumn<Row>[] = [];
    const seen = new Map<number, string>();
    cells.forEach((cell, position) => {
      const text = clean(cell);
      if (text === '') return;
      const at = index.get(normalizeHeader(text));
      if (at === undefined) {
        this.notices.push(
          msg('statistics.notice.unknown_column', {
            where: sourceName(this.where.file, this.where.sheet),
            header: text,
            table: tableName(this.spec.name),
          }),
        );
        return;
      }
      const spec = this.spec.columns[at];
      const name = columnName(spec);
      const earlier = seen.get(at);
      if (earlier !== undefined) {
        this.issue(row, name, msg('statistics.column.twice', { first: earlier, second: text }));
        this.unusable = true;
        return;
      }
      seen.set(at, text);
      bound.push({ spec, index: position, name });
    });
    this.spec.columns.forEach((c, i) => {
      if (c.required && !seen.has(i)) {
        this.issue(row, columnName(c), msg('statistics.column.missing'));
        this.unusable = true;
      }
    });
    this.columns = bound;
    this.rawKeyIndex = bound.find((c) => c.spec.key === this.rawKey?.column)?.index ?? -1;
  }

  private readRow(cells: string[], row: number): void {
    const columns = this.columns as BoundColumn<Row>[];
    if (this.rawKey && this.rawKeyIndex >= 0 && this.rawKeyIndex < cells.length) {
      this.rawKey.onRaw(clean(cells[this.rawKeyIndex]));
    }
    const target = this.spec.create();
    // Fields are assigned by key from the spec; the spec's types guarantee each parser fits its field.
    const fields = target as Record<string, unknown>;
    let valid = true;
    let blank = true;
    for (let i = 0; i < columns.length; i++) {
      const column = columns[i];
      const text = column.index < cells.length ? clean(cells[column.index]) : '';
      if (text === '') {
        if (column.spec.required) valid = false;
        continue;
      }
      blank = false;
      const value = column.spec.parse(text);
      if (value instanceof CellProblem) {
        valid = false;
        this.issue(row, column.name, value.about(text));
        continue;
      }
      fields[column.spec.key] = value;
    }
    // A row of empty cells (Excel leaves them behind) is not data.
    if (blank) return;
    this.rowCount++;
    if (!valid) {
      for (const column of columns) {
        if (column.spec.required && (column.index >= cells.length || clean(cells[column.index]) === '')) {
          this.issue(row, column.name, msg('statistics.cell.required'));
        }
      }
      return;
    }
    this.onRow(target, row);
  }
}
