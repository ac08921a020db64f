/**
 * Ledgers (台账) of large classes and large schools (seed 000, 项目2 and 项目4; indicators.md §7).
 * Pure functions: a data import yields the current offenders; `diffLedger` compares them with the entries
 * still open in the database, so an entry is closed (销号) by the import that shows it within the limit.
 */
import { THROUGH_TYPES, type ClassRow, type Level, type SchoolRow } from './county-data';
import { physicalSchools } from './physical-schools';
import type { RuleSet } from './rule-set';

/** standard ≤ 45/50 · over_standard above that but under 56 · large 56–65 · super_large ≥ 66. */
export type ClassBand = 'standard' | 'over_standard' | 'large' | 'super_large';

export type LedgerKind = 'over_standard_class' | 'large_class' | 'super_large_class' | 'large_school';

export function classBand(students: number, level: Level, sizes: RuleSet['class_size']): ClassBand {
  if (students >= sizes.super_large_min) return 'super_large';
  if (students >= sizes.large_min) return 'large';
  if (students > sizes.standard_max[level]) return 'over_standard';
  return 'standard';
}

/** Lowest band each class ledger lists: the large-class ledger holds large and super-large classes. */
const LEDGER_FLOOR: Record<Exclude<LedgerKind, 'large_school'>, ClassBand> = {
  over_standard_class: 'over_standard',
  large_class: 'large',
  super_large_class: 'super_large',
};
const BAND_RANK: Record<ClassBand, number> = { standard: 0, over_standard: 1, large: 2, super_large: 3 };

export interface LedgerEntry {
  kind: LedgerKind;
  /**
   * Stable identity across imports: JSON of [county, school_code, level, grade, class_name] for a class,
   * [county, school_code] for a school. JSON, because class names may contain any separator.
   */
  key: string;
  county_code: string;
  school_code: string;
  school_name: string | null;
  level: Level | null;
  grade: number | null;
  class_name: string | null;
  band: ClassBand | null;
  /** Students of the class, or compulsory students of the school. */
  students: number;
  limit: number;
}

export const classKey = (
  county: string,
  c: Pick<ClassRow, 'school_code' | 'level' | 'grade' | 'class_name'>,
): string => JSON.stringify([county, c.school_code, c.level, c.grade, c.class_name]);

export const schoolKey = (county: string, schoolCode: string): string => JSON.stringify([county, schoolCode]);

export interface LedgerInput {
  county_code: string;
  schools: readonly SchoolRow[];
  classes: readonly ClassRow[];
}

/** Classes in or above the ledger's band. */
export function classSizeOffenders(
  data: LedgerInput,
  ruleSet: RuleSet,
  kind: Exclude<LedgerKind, 'large_school'> = 'large_class',
): LedgerEntry[] {
  const sizes = ruleSet.class_size;
  const floor = BAND_RANK[LEDGER_FLOOR[kind]];
  const names = new Map<string, string>();
  for (const s of data.schools) names.set(s.school_code, s.school_name);
  const out: LedgerEntry[] = [];
  for (const c of data.classes) {
    const band = classBand(c.students, c.level, sizes);
    if (BAND_RANK[band] < floor) continue;
    out.push({
      kind,
      key: classKey(data.county_code, c),
      county_code: data.county_code,
      school_code: c.school_code,
      school_name: names.get(c.school_code) ?? null,
      level: c.level,
      grade: c.grade,
      class_name: c.class_name,
      band,
      students: c.students,
      limit:
        kind === 'over_standard_class'
          ? sizes.standard_max[c.level]
          : kind === 'large_class'
            ? sizes.large_min - 1
            : sizes.super_large_min - 1,
    });
  }
  return out;
}

/** Schools over the size limit (大校额): > 2000 students, nine/twelve-year schools > 2500 in the compulsory part. */
export function largeSchoolOffenders(data: Omit<LedgerInput, 'classes'>, ruleSet: RuleSet): LedgerEntry[] {
  const { max_students: max, max_students_through_school: maxThrough } = ruleSet.school_size;
  const out: LedgerEntry[] = [];
  for (const s of physicalSchools(data.schools)) {
    if (s.school_type === 'teaching_point' || s.school_type === 'special') continue;
    const limit = THROUGH_TYPES.includes(s.school_type) ? maxThrough : max;
    if (s.compulsoryStudents <= limit) continue;
    out.push({
      kind: 'large_school',
      key: schoolKey(data.county_code, s.school_code),
      county_code: data.county_code,
      school_code: s.school_code,
      school_name: s.school_name,
      level: null,
      grade: null,
      class_name: null,
      band: null,
      students: s.compulsoryStudents,
      limit,
    });
  }
  return out;
}

export interface LedgerDiff<T> {
  /** Open entries still offending, in their current form (new student count). */
  stillOpen: T[];
  /** Open entries the new import shows within the limit (or gone): close them, citing the import. */
  closed: T[];
  /** Offenders with no open entry: open them. */
  opened: T[];
}

/**
 * Compares the open entries of a ledger with the offenders of a new import of the same county.
 * Entries match on kind and key; pass only entries of the counties the import covers, since a county the
 * import does not mention proves nothing about its classes.
 */
export function diffLedger<T extends Pick<LedgerEntry, 'kind' | 'key'>>(
  open: readonly T[],
  current: readonly T[],
): LedgerDiff<T> {
  const id = (e: T) => `${e.kind}\u0000${e.key}`;
  const currentById = new Map<string, T>();
  for (const e of current) currentById.set(id(e), e);
  const openIds = new Set<string>();
  const stillOpen: T[] = [];
  const closed: T[] = [];
  for (const e of open) {
    const key = id(e);
    openIds.add(key);
    const now = currentById.get(key);
    if (now) stillOpen.push(now);
    else closed.push(e);
  }
  const opened = current.filter((e) => !openIds.has(id(e)));
  return { stillOpen, closed, opened };
}
