/** Reads the sheets of an XLSX workbook as rows of cell texts, so XLSX and CSV share one validation path. */
import { Workbook, type CellValue } from 'exceljs';

export interface SheetRows {
  name: string;
  /** Non-empty rows in order, with their spreadsheet row numbers. */
  rows: { row: number; cells: string[] }[];
}

/** A cell as the text a statistician would see (dates as YYYY-MM-DD, formulas by their result). */
export function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('hyperlink' in value) return value.text;
  if ('error' in value) return value.error;
  // Formula (plain or shared): its cached result.
  return value.result === undefined ? '' : cellText(value.result);
}

export async function readXlsxSheets(data: Buffer): Promise<SheetRows[]> {
  const workbook = new Workbook();
  // exceljs types its input as an ArrayBuffer; a copy of the bytes is one.
  await workbook.xlsx.load(new Uint8Array(data).buffer);
  return workbook.worksheets.map((sheet) => {
    const rows: SheetRows['rows'] = [];
    sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      // row.values is 1-based and sparse.
      const values = Array.isArray(row.values) ? row.values : [];
      const cells: string[] = [];
      for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]).trim());
      rows.push({ row: rowNumber, cells });
    });
    return { name: sheet.name, rows };
  });
}
