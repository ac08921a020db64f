/**
 * Large classes (大班额) in the certification plan: a grade whose classes exceed the standard class size (45 in
 * primary, 50 in junior) needs as many classes as its students fill at that size — each new class a classroom
 * and its share of teachers. The number is forced (⌈students / limit⌉, no choice to optimise), so it is computed
 * here and handed to the MIP as lower bounds: the classrooms' floor area counts towards the school's teaching
 * area (R4), so a school that builds classrooms may need no separate teaching-area addition. Pure.
 */
import type { ClassRow, CountyData, Level } from '../engine/county-data';
import type { RuleSet } from '../engine/rule-set';
import type { CostTable } from './cost-table';

export interface GradeExpansion {
  level: Level;
  grade: number;
  students: number;
  classes: number;
  /** The fewest classes that keep every class within the limit (⌈students / limit⌉, at least the classes now). */
  needed_classes: number;
  largest_class: number;
  limit: number;
}

export interface ClassExpansion {
  /** New classes, hence new classrooms. */
  extra_classes: number;
  /** Teachers for the new classes (⌈classes × teachers per class⌉ per level). */
  teachers: number;
  /** Floor area of the new classrooms; part of the school's teaching_area_m2 addition. */
  teaching_area_m2: number;
  grades: GradeExpansion[];
}

/** Index of the data row a class belongs to: its school's row of that level, else its combined row. */
function rowOf(data: CountyData, c: ClassRow): number {
  const exact = data.schools.findIndex((r) => r.school_code === c.school_code && r.level === c.level);
  if (exact >= 0) return exact;
  return data.schools.findIndex((r) => r.school_code === c.school_code && r.level === 'combined');
}

/** Expansions per data row (index into data.schools): rows with a class over the limit. */
export function classExpansions(
  data: CountyData,
  ruleSet: RuleSet,
  norms: CostTable['class_expansion'],
): Map<number, ClassExpansion> {
  const grades = new Map<string, { row: number; level: Level; grade: number; sizes: number[] }>();
  for (const c of data.classes) {
    const row = rowOf(data, c);
    if (row < 0) continue;
    const key = JSON.stringify([row, c.level, c.grade]);
    const entry = grades.get(key) ?? { row, level: c.level, grade: c.grade, sizes: [] };
    entry.sizes.push(c.students);
    grades.set(key, entry);
  }
  const byRow = new Map<number, { grades: GradeExpansion[]; classesByLevel: Record<Level, number> }>();
  for (const g of grades.values()) {
    const limit = ruleSet.class_size.standard_max[g.level];
    const largest = Math.max(...g.sizes);
    if (largest <= limit) continue;
    const students = g.sizes.reduce((a, b) => a + b, 0);
    // A grade with enough classes only needs its students redistributed (分班调整): listed, nothing added.
    const needed = Math.max(g.sizes.length, Math.ceil(students / limit));
    const entry = byRow.get(g.row) ?? { grades: [], classesByLevel: { primary: 0, junior: 0 } };
    entry.grades.push({
      level: g.level,
      grade: g.grade,
      students,
      classes: g.sizes.length,
      needed_classes: needed,
      largest_class: largest,
      limit,
    });
    entry.classesByLevel[g.level] += needed - g.sizes.length;
    byRow.set(g.row, entry);
  }
  const out = new Map<number, ClassExpansion>();
  for (const [row, entry] of byRow) {
    const extra = entry.classesByLevel.primary + entry.classesByLevel.junior;
    // ε: 3 × 2.2 is 6.6000000000000005 in floating point; `|| 0` turns ⌈−ε⌉ = −0 into 0.
    const teachersFor = (classes: number, perClass: number) => Math.ceil(classes * perClass - 1e-9) || 0;
    const teachers =
      teachersFor(entry.classesByLevel.primary, norms.teachers_per_class.primary) +
      teachersFor(entry.classesByLevel.junior, norms.teachers_per_class.junior);
    entry.grades.sort((a, b) => a.level.localeCompare(b.level) || a.grade - b.grade);
    out.set(row, {
      extra_classes: extra,
      teachers,
      teaching_area_m2: Math.ceil(extra * norms.classroom_m2),
      grades: entry.grades,
    });
  }
  return out;
}

/**
 * The classes table once a school has opened its new classes: each expanded grade's students spread evenly over
 * its classes (the first ones one student larger), the new classes named 新增1班, 新增2班….
 */
export function expandClasses(
  classes: readonly ClassRow[],
  schoolCode: string,
  grades: readonly GradeExpansion[],
): ClassRow[] {
  const out = classes.filter(
    (c) => !(c.school_code === schoolCode && grades.some((g) => g.level === c.level && g.grade === c.grade)),
  );
  for (const g of grades) {
    const existing = classes.filter(
      (c) => c.school_code === schoolCode && c.level === g.level && c.grade === g.grade,
    );
    const names = existing.map((c) => c.class_name);
    for (let i = names.length; i < g.needed_classes; i++)
      names.push(`${g.grade}年级新增${i - existing.length + 1}班`);
    const base = Math.floor(g.students / g.needed_classes);
    const larger = g.students - base * g.needed_classes;
    names.forEach((name, i) =>
      out.push({
        school_code: schoolCode,
        level: g.level,
        grade: g.grade,
        class_name: name,
        students: base + (i < larger ? 1 : 0),
      }),
    );
  }
  return out;
}
