/**
 * Writes the blank statistics template: a notes sheet, then one sheet per table with Chinese and English
 * headers, required columns marked, and drop-down lists for enumerated columns. The importer reads the
 * filled workbook back as it is.
 */
import { mkdir } from 'node:fs/promises';
import * as path from 'node:path';
import { Workbook, type Worksheet } from 'exceljs';
import { TABLE_NAMES, TABLES, type ColumnInfo, type TableName } from './table-specs';

/** Rows given drop-down lists; enough for a county, and Excel copies validation when rows are inserted. */
const VALIDATED_ROWS = 500;
const REQUIRED_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFCE4D6' } } as const;
const HEADER_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } } as const;

/** `学生数\nstudents`: both names in one header cell; the importer accepts it as either. */
export const templateHeader = (column: { zh: string; key: string }): string => `${column.zh}\n${column.key}`;

function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

function addNotes(workbook: Workbook): void {
  const notes = workbook.addWorksheet('说明');
  notes.columns = [
    { header: '表 table', width: 16 },
    { header: '列 column', width: 40 },
    { header: '类型 type', width: 46 },
    { header: '必填 required', width: 12 },
    { header: '说明 notes', width: 60 },
  ];
  notes.getRow(1).font = { bold: true };
  const intro = [
    '县域义务教育优质均衡发展统计模板（教督〔2017〕6号） — statistics template for the county evaluation.',
    '每个工作表对应一张表，表头可用中文或英文，列顺序不限 — one sheet per table; Chinese or English headers, any column order.',
    '比例可填 0.953、95.3% 或 95.3；是/否 可填 yes/no；枚举可填中文或英文 — rates as 0.953 / 95.3% / 95.3; 是/否 or yes/no; enums in Chinese or English.',
    '只有“学校”表必填；未提供的表在评估结果中列为缺失 — only 学校/schools is required; absent tables show as missing.',
  ];
  for (const line of intro) notes.addRow(['', line]);
  notes.addRow([]);
  for (const table of TABLE_NAMES) {
    const spec = TABLES[table];
    notes.addRow([`${spec.zh} ${table}`, spec.description]).font = { bold: true };
    const columns: readonly ColumnInfo[] = spec.columns;
    for (const column of columns) {
      notes.addRow([
        '',
        `${column.zh} / ${column.key}`,
        column.type,
        column.required ? '是' : '',
        column.note ?? '',
      ]);
    }
  }
}

function addTable(workbook: Workbook, table: TableName): Worksheet {
  const spec = TABLES[table];
  const columns: readonly ColumnInfo[] = spec.columns;
  const sheet = workbook.addWorksheet(spec.zh, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({
    header: templateHeader(c),
    key: c.key,
    width: Math.max(14, c.zh.length * 2 + 4),
  }));
  const header = sheet.getRow(1);
  header.height = 34;
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle' };
  columns.forEach((column, i) => {
    const cell = header.getCell(i + 1);
    cell.fill = column.required ? REQUIRED_FILL : HEADER_FILL;
    if (column.note) cell.note = column.note;
    const options = column.options;
    if (!options) return;
    // Excel list validation: the Chinese labels, quoted, comma separated.
    const formula = `"${options.map((o) => o.zh).join(',')}"`;
    const letter = columnLetter(i);
    for (let row = 2; row <= VALIDATED_ROWS; row++) {
      sheet.getCell(`${letter}${row}`).dataValidation = {
        type: 'list',
        allowBlank: !column.required,
        formulae: [formula],
        showErrorMessage: false,
      };
    }
  });
  return sheet;
}

/** The blank template as a workbook (for the API to stream). */
export function buildTemplate(): Workbook {
  const workbook = new Workbook();
  workbook.creator = 'Duban';
  addNotes(workbook);
  for (const table of TABLE_NAMES) addTable(workbook, table);
  return workbook;
}

export async function writeTemplate(file: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await buildTemplate().xlsx.writeFile(file);
}
