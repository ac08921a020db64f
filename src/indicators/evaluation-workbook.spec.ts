import { Workbook } from 'exceljs';
import { evaluateCounty } from './engine';
import { classRow, countyData, nationalRuleSet, school } from './engine/__tests__/fixtures';
import { latinWords } from '../common/i18n/latin-words';
import { buildEvaluationWorkbook, FAIL_ARGB, SHEET_NAMES } from './evaluation-workbook';

async function roundTrip(wb: Workbook): Promise<Workbook> {
  const out = new Workbook();
  await out.xlsx.load(await wb.xlsx.writeBuffer());
  return out;
}

describe('buildEvaluationWorkbook', () => {
  const data = countyData();
  const evaluation = evaluateCounty(
    {
      ...data,
      // One school short of R1 teachers, and one class of 60 (G5 fails).
      schools: data.schools.map((s, i) => (i === 0 ? school({ teachers_above_degree: 30 }) : s)),
      classes: [classRow({ students: 60 })],
    },
    nationalRuleSet(),
  );
  const json = { ...evaluation, dataset_checksum: 'a'.repeat(64) };

  it('has a sheet per section, the CV and the gaps, in a file exceljs reads back', async () => {
    const wb = await roundTrip(buildEvaluationWorkbook(json));
    expect(wb.worksheets.map((w) => w.name)).toEqual(Object.values(SHEET_NAMES['zh-CN']));
    const gaps = wb.getWorksheet(SHEET_NAMES['zh-CN'].gaps)!;
    expect(gaps.getRow(2).getCell(4).value).toBe('R1');
  });

  it('fills failing cells red: the school value short of its threshold, and the failing indicator', async () => {
    const wb = await roundTrip(buildEvaluationWorkbook(json));
    const resources = wb.getWorksheet(SHEET_NAMES['zh-CN'].resources)!;
    const row = resources.getRow(2);
    expect(row.getCell(1).value).toBe('S001');
    expect(row.getCell(5).fill).toMatchObject({ fgColor: { argb: FAIL_ARGB } });
    expect(row.getCell(6).fill).toBeUndefined();

    const government = wb.getWorksheet(SHEET_NAMES['zh-CN'].government)!;
    const rows: Array<{ id: unknown; fill: unknown }> = [];
    government.eachRow((r) => rows.push({ id: r.getCell(1).value, fill: r.getCell(3).fill }));
    expect(rows.find((r) => r.id === 'G5')?.fill).toMatchObject({ fgColor: { argb: FAIL_ARGB } });
  });
});

describe('the workbook in the reader’s language', () => {
  const data = countyData();
  const evaluation = evaluateCounty({ ...data, classes: [classRow({ students: 60 })] }, nationalRuleSet());
  const json = { ...evaluation, dataset_checksum: 'b'.repeat(64) };
  /** Every text cell but the columns that hold codes (school codes, indicator numbers, the checksum). */
  const texts = (wb: Workbook): string[] =>
    wb.worksheets.flatMap((ws) => {
      const out: string[] = [ws.name];
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          if (typeof cell.value === 'string' && cell.value !== json.dataset_checksum) out.push(cell.value);
        }),
      );
      return out;
    });

  it('writes Simplified Chinese only: no English word, no raw code', async () => {
    const wb = await roundTrip(buildEvaluationWorkbook(json));
    const schoolCodes = new Set(json.resource_allocation.schools.map((s) => s.school_code));
    const latin = texts(wb)
      .filter((text) => !schoolCodes.has(text) && text !== json.rule_set)
      .flatMap((text) => latinWords(text).map((w) => `${text} → ${w}`));
    expect(latin).toEqual([]);
    expect(wb.worksheets.map((w) => w.name)).toEqual(Object.values(SHEET_NAMES['zh-CN']));
    const government = wb.getWorksheet(SHEET_NAMES['zh-CN'].government)!;
    expect(government.getRow(1).values).toEqual(
      expect.arrayContaining(['指标', '名称', '结论', '说明', '不达标对象']),
    );
  });

  it('writes English only for a reader who chose it (the data — names, evidence — stays as written)', async () => {
    const wb = await roundTrip(buildEvaluationWorkbook(json, 'en'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(Object.values(SHEET_NAMES.en));
    const headers = wb.worksheets.flatMap((ws) => (ws.getRow(1).values as unknown[]).filter(Boolean));
    expect(headers.filter((h) => /\p{Script=Han}/u.test(String(h)))).toEqual([]);
    const government = wb.getWorksheet(SHEET_NAMES.en.government)!;
    const g5 = government.getRows(2, government.rowCount - 1)!.find((r) => r.getCell(1).value === 'G5')!;
    expect([g5.getCell(2).value, g5.getCell(3).value]).toEqual([
      expect.stringMatching(/^\P{Script=Han}+$/u),
      'failed',
    ]);
  });
});
