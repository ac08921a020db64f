import { type Message, type MessageKey, msg } from '../../common/i18n/catalog';
import type { ImportedCounty } from './dataset-importer';
import type { TableName } from './table-specs';

const LEVEL_KEYS: Record<string, MessageKey> = {
  primary: 'indicators.level.primary',
  junior: 'indicators.level.junior',
  combined: 'indicators.level.combined',
};

/** A school level as the statistics name it (a message, so each reader gets their language). */
export function levelLabel(level: string): Message | string {
  const key = LEVEL_KEYS[level];
  return key ? msg(key) : level;
}

/**
 * What the files declare against what they hold (pure): a school row's 班级数 and 学生数 against its class rows
 * (a combined row against all the school's classes). A classes file missing its last rows, or a number cut off
 * at the end of a file, shows here — and missing class rows would close large-class ledger entries. Checked only
 * when the classes table is part of the import and the school declares 班级数.
 * @returns one message per discrepancy, naming the school, the level and both figures
 */
export function classDiscrepancies(county: ImportedCounty, tables: readonly TableName[]): Message[] {
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
  const lines: Message[] = [];
  for (const s of county.schools) {
    if (s.classes === null) continue;
    const rows = held.get(`${s.school_code}|${s.level}`) ?? { classes: 0, students: 0 };
    const where = { school: s.school_name || s.school_code, code: s.school_code, level: levelLabel(s.level) };
    if (rows.classes !== s.classes) {
      lines.push(
        msg('indicators.import.class_count_mismatch', { ...where, declared: s.classes, rows: rows.classes }),
      );
    }
    if (rows.classes > 0 && rows.students !== s.students) {
      lines.push(
        msg('indicators.import.student_count_mismatch', {
          ...where,
          declared: s.students,
          held: rows.students,
        }),
      );
    }
  }
  return lines;
}

/**
 * A CSV whose last line has no line break may have been cut off mid-number (39400 → 39): named, so that the
 * importer asks before keeping it.
 */
export function unterminatedCsv(files: ReadonlyArray<{ name: string; data: Buffer }>): Message[] {
  return files
    .filter((f) => /\.csv$/i.test(f.name) && f.data.length > 0 && f.data[f.data.length - 1] !== 0x0a)
    .map((f) => msg('indicators.import.unterminated_csv', { file: f.name }));
}
