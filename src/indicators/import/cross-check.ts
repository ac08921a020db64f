import type { ImportedCounty } from './dataset-importer';
import type { TableName } from './table-specs';

const LEVEL_ZH: Record<string, string> = { primary: '小学', junior: '初中', combined: '合并' };

/**
 * What the files declare against what they hold (pure): a school row's 班级数 and 学生数 against its class rows
 * (a combined row against all the school's classes). A classes file missing its last rows, or a number cut off
 * at the end of a file, shows here — and missing class rows would close large-class ledger entries. Checked only
 * when the classes table is part of the import and the school declares 班级数.
 * @returns one line per discrepancy, naming the school, the level and both figures
 */
export function classDiscrepancies(county: ImportedCounty, tables: readonly TableName[]): string[] {
  if (!tables.includes('classes')) return [];
  const held = new Map<string, { classes: number; students: number }>();
  const add = (key: string, students: number) => {
    const entry = held.get(key) ?? { classes: 0, students: 0 };
    entry.classes++;
    entry.students += students;
    held.set(key, entry);
  };
  for (const c of county.classes) {
    add(`${c.school_code}|${c.level}`, c.students);
    add(`${c.school_code}|combined`, c.students);
  }
  const lines: string[] = [];
  for (const s of county.schools) {
    if (s.classes === null) continue;
    const rows = held.get(`${s.school_code}|${s.level}`) ?? { classes: 0, students: 0 };
    const where = `${s.school_name || s.school_code}（${s.school_code}）${LEVEL_ZH[s.level] ?? s.level}`;
    if (rows.classes !== s.classes) {
      lines.push(
        `${where}：学校表班级数 ${s.classes}，班级表 ${rows.classes} 行 / ${s.school_code} ${s.level}: schools declare ${s.classes} classes, the classes table has ${rows.classes} rows`,
      );
    }
    if (rows.classes > 0 && rows.students !== s.students) {
      lines.push(
        `${where}：学校表学生数 ${s.students}，班级学生合计 ${rows.students} / ${s.school_code} ${s.level}: schools declare ${s.students} students, its classes hold ${rows.students}`,
      );
    }
  }
  return lines;
}

/**
 * A CSV whose last line has no line break may have been cut off mid-number (39400 → 39): named, so that the
 * importer asks before keeping it.
 */
export function unterminatedCsv(files: ReadonlyArray<{ name: string; data: Buffer }>): string[] {
  return files
    .filter((f) => /\.csv$/i.test(f.name) && f.data.length > 0 && f.data[f.data.length - 1] !== 0x0a)
    .map(
      (f) =>
        `${f.name} 的最后一行没有换行符，可能不完整 / ${f.name}: the last line has no line break (the file may be cut off)`,
    );
}
