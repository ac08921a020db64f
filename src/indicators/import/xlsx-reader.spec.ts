import { Workbook } from 'exceljs';
import { declaredUncompressedBytes, readXlsxSheets, XLSX_LIMITS, XlsxLimitError } from './xlsx-reader';

async function workbook(rows: number, columns: number): Promise<Buffer> {
  const book = new Workbook();
  const sheet = book.addWorksheet('班级');
  for (let r = 0; r < rows; r++) sheet.addRow(Array.from({ length: columns }, (_, c) => `${r}-${c}`));
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe('XLSX limits', () => {
  it('reads a workbook within the limits', async () => {
    const data = await workbook(20, 5);
    expect(declaredUncompressedBytes(data)).toBeGreaterThan(data.length);
    const [sheet] = await readXlsxSheets(data);
    expect(sheet.rows).toHaveLength(20);
  });

  it('refuses by declared uncompressed size before parsing, then by rows and by cells', async () => {
    const data = await workbook(50, 10);
    const declared = declaredUncompressedBytes(data);
    await expect(readXlsxSheets(data, { ...XLSX_LIMITS, uncompressedBytes: declared - 1 })).rejects.toThrow(
      XlsxLimitError,
    );
    await expect(readXlsxSheets(data, { ...XLSX_LIMITS, rows: 49 })).rejects.toThrow(/more than 49 rows/);
    await expect(readXlsxSheets(data, { ...XLSX_LIMITS, cells: 400 })).rejects.toThrow(/more than 400 cells/);
    // people get the limit as a message in their language
    await expect(readXlsxSheets(data, { ...XLSX_LIMITS, rows: 49 })).rejects.toMatchObject({
      text: { key: 'indicators.xlsx.rows', params: { rows: 49 } },
    });
  });

  it('parses off the event loop and stops a parse that takes too long', async () => {
    const data = await workbook(2000, 20);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    const started = performance.now();
    await expect(readXlsxSheets(data, { ...XLSX_LIMITS, seconds: 0.05 })).rejects.toThrow(
      /longer than 0.05 s/,
    );
    clearInterval(timer);
    expect(performance.now() - started).toBeLessThan(2000);
    // The main thread kept running while the worker parsed.
    expect(ticks).toBeGreaterThan(5);
  });

  it('a file that is no zip is no workbook', () => {
    expect(() => declaredUncompressedBytes(Buffer.from('学校标识码,学生数\n'.repeat(5)))).toThrow(
      /not a zip/,
    );
  });
});
