import { Workbook } from 'exceljs';
import { evaluateCounty } from './engine';
import { classRow, countyData, nationalRuleSet, school } from './engine/__tests__/fixtures';
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
    expect(wb.worksheets.map((w) => w.name)).toEqual(Object.values(SHEET_NAMES));
    const gaps = wb.getWorksheet(SHEET_NAMES.gaps)!;
    expect(gaps.getRow(2).getCell(4).value).toBe('R1');
  });

  it('fills failing cells red: the school value short of its threshold, and the failing indicator', async () => {
    const wb = await roundTrip(buildEvaluationWorkbook(json));
    const resources = wb.getWorksheet(SHEET_NAMES.resources)!;
    const row = resources.getRow(2);
    expect(row.getCell(1).value).toBe('S001');
    expect(row.getCell(5).fill).toMatchObject({ fgColor: { argb: FAIL_ARGB } });
    expect(row.getCell(6).fill).toBeUndefined();

    const government = wb.getWorksheet(SHEET_NAMES.government)!;
    const rows: Array<{ id: unknown; fill: unknown }> = [];
    government.eachRow((r) => rows.push({ id: r.getCell(1).value, fill: r.getCell(3).fill }));
    expect(rows.find((r) => r.id === 'G5')?.fill).toMatchObject({ fgColor: { argb: FAIL_ARGB } });
  });
});
