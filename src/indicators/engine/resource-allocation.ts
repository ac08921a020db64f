/**
 * Resource allocation (资源配置), indicators.md §1–2: school parts per level, R1–R7 values, the
 * "6 of 7 and the rest ≥ 85 %" school rule, gaps to pass, and the student-weighted CV per level.
 */
import type { CompiledRuleSet, Thresholds } from './compiled-rule-set';
import type { Level, SchoolRow } from './county-data';
import type {
  AbsoluteUnit,
  BalanceByLevel,
  BalanceEntry,
  EvaluationWarning,
  ExcludedSchool,
  Gap,
  IndicatorUnit,
  ResourceAllocationResult,
  SchoolEvaluation,
  Verdict,
} from './evaluation.types';
import { INDICATOR_LABELS } from './indicator-labels';
import { RESOURCE_INDICATORS, type ResourceIndicator, type RuleSet } from './rule-set';
import { allPass, formatNumber, reaches, withinLimit } from './verdict';

const COUNT = RESOURCE_INDICATORS.length;

/** Numerator of each indicator, indexed like RESOURCE_INDICATORS. */
export const RESOURCE_FIELDS = [
  'teachers_above_degree',
  'key_teachers',
  'pe_art_teachers',
  'teaching_area_m2',
  'sports_area_m2',
  'equipment_value_yuan',
  'multimedia_rooms',
] as const satisfies readonly (keyof SchoolRow)[];

interface IndicatorMeta {
  perHundred: boolean;
  unit: IndicatorUnit;
  absoluteUnit: AbsoluteUnit;
  /** What there is too little of, for gap messages. */
  resourceEn: string;
  resourceZh: string;
}

const perHundred = (
  absoluteUnit: 'teachers' | 'rooms',
  resourceEn: string,
  resourceZh: string,
): IndicatorMeta => ({
  perHundred: true,
  unit: 'per_100_students',
  absoluteUnit,
  resourceEn,
  resourceZh,
});
const perStudent = (absoluteUnit: 'm2' | 'yuan', resourceEn: string, resourceZh: string): IndicatorMeta => ({
  perHundred: false,
  unit: absoluteUnit === 'm2' ? 'm2_per_student' : 'yuan_per_student',
  absoluteUnit,
  resourceEn,
  resourceZh,
});

/** Indexed like RESOURCE_INDICATORS. */
const META: readonly IndicatorMeta[] = [
  perHundred('teachers', 'teachers above the required degree', '高于规定学历教师'),
  perHundred('teachers', 'county-level or higher key teachers', '县级以上骨干教师'),
  perHundred('teachers', 'full-time PE and art teachers', '体育、艺术专任教师'),
  perStudent('m2', 'teaching and auxiliary floor area', '教学及辅助用房面积'),
  perStudent('m2', 'sports area', '体育运动场馆面积'),
  perStudent('yuan', 'teaching equipment value', '教学仪器设备值'),
  perHundred('rooms', 'networked multimedia classrooms', '网络多媒体教室'),
];

/** How values of each unit print: `6.1 m²`, `2150 元`, `4.2`. */
const VALUE_SUFFIX: Record<IndicatorUnit, { en: string; zh: string }> = {
  per_100_students: { en: '', zh: '' },
  m2_per_student: { en: ' m²', zh: ' 平方米' },
  yuan_per_student: { en: ' yuan', zh: ' 元' },
};

const ABSOLUTE_EN: Record<AbsoluteUnit, (n: number) => string> = {
  teachers: (n) => `${n} more`,
  rooms: (n) => `${n} more`,
  m2: (n) => `${n} m² more`,
  yuan: (n) => `${n} yuan more`,
};
const ABSOLUTE_ZH: Record<AbsoluteUnit, string> = { teachers: '人', rooms: '间', m2: '平方米', yuan: '元' };

export type ResourceField = (typeof RESOURCE_FIELDS)[number];

/** One school at one level, after apportioning and merging; what R1–R7 are computed on. */
export interface SchoolPart {
  /** The row whose attributes (name, type, build year, location) describe the part. */
  readonly row: SchoolRow;
  readonly level: Level;
  /** Share of `row`'s resources that belongs to this part (1 unless a combined row was apportioned). */
  readonly share: number;
  students: number;
  /** Numerators, NaN when not reported. */
  readonly resources: Float64Array;
  readonly apportioned: boolean;
  readonly merged: string[];
}

function resourcesOf(row: SchoolRow, share: number): Float64Array {
  const out = new Float64Array(COUNT);
  for (let i = 0; i < COUNT; i++) {
    const v = row[RESOURCE_FIELDS[i]];
    out[i] = v === null ? NaN : v * share;
  }
  return out;
}

/**
 * Share of a combined row's resources that belongs to each compulsory level:
 * w_level × students_level ÷ Σ w × students (senior students take their share but are not evaluated).
 */
export function apportionShares(
  students: { primary: number; junior: number; senior: number },
  weights: RuleSet['weights'],
): Record<Level, number> {
  const total =
    weights.primary * students.primary + weights.junior * students.junior + weights.senior * students.senior;
  if (total === 0) return { primary: 0, junior: 0 };
  return {
    primary: (weights.primary * students.primary) / total,
    junior: (weights.junior * students.junior) / total,
  };
}

export interface PartsResult {
  parts: SchoolPart[];
  excluded: ExcludedSchool[];
}

/** Turns school rows into evaluable parts: splits combined rows, merges or sets aside teaching points. */
export function buildParts(
  schools: readonly SchoolRow[],
  ruleSet: RuleSet,
  warnings: EvaluationWarning[],
): PartsResult {
  const parts: SchoolPart[] = [];
  const excluded: ExcludedSchool[] = [];
  const primaryPartOf = new Map<string, SchoolPart>();
  const teachingPoints: SchoolRow[] = [];
  const addPart = (part: SchoolPart) => {
    parts.push(part);
    if (part.level === 'primary') primaryPartOf.set(part.row.school_code, part);
  };

  for (const row of schools) {
    if (row.school_type === 'special') {
      excluded.push({
        school_code: row.school_code,
        school_name: row.school_name,
        level: row.level,
        reason: 'special_education',
      });
      continue;
    }
    if (row.school_type === 'teaching_point') {
      teachingPoints.push(row);
      continue;
    }
    if (row.level !== 'combined') {
      addPart({
        row,
        level: row.level,
        students: row.students,
        share: 1,
        resources: resourcesOf(row, 1),
        apportioned: false,
        merged: [],
      });
      continue;
    }
    const primary = row.students_primary ?? 0;
    const junior = row.students_junior ?? 0;
    const senior = row.students_senior ?? 0;
    if (primary + junior + senior !== row.students) {
      warnings.push({
        code: 'COMBINED_ROW_PARTS',
        school_code: row.school_code,
        message: `${row.school_name}: students ${row.students} ≠ primary ${primary} + junior ${junior} + senior ${senior}; apportioned by the parts`,
      });
    }
    const shares = apportionShares({ primary, junior, senior }, ruleSet.weights);
    if (primary > 0) {
      addPart({
        row,
        level: 'primary',
        students: primary,
        share: shares.primary,
        resources: resourcesOf(row, shares.primary),
        apportioned: true,
        merged: [],
      });
    }
    if (junior > 0) {
      addPart({
        row,
        level: 'junior',
        students: junior,
        share: shares.junior,
        resources: resourcesOf(row, shares.junior),
        apportioned: true,
        merged: [],
      });
    }
    if (primary === 0 && junior === 0) {
      excluded.push({
        school_code: row.school_code,
        school_name: row.school_name,
        level: 'combined',
        reason: 'zero_students',
      });
      warnings.push({
        code: 'ZERO_STUDENTS',
        school_code: row.school_code,
        message: `${row.school_name}: no compulsory-level students; excluded`,
      });
    }
  }

  const policy = ruleSet.teaching_points;
  for (const tp of teachingPoints) {
    const standalone = () =>
      addPart({
        row: tp,
        level: 'primary',
        students: tp.students,
        share: 1,
        resources: resourcesOf(tp, 1),
        apportioned: false,
        merged: [],
      });
    if (policy === 'standalone') {
      standalone();
      continue;
    }
    if (typeof policy === 'object' && tp.students < policy.exclude_below) {
      excluded.push({
        school_code: tp.school_code,
        school_name: tp.school_name,
        level: tp.level,
        reason: 'teaching_point_below_minimum',
      });
      continue;
    }
    const parent = tp.parent_school_code === null ? undefined : primaryPartOf.get(tp.parent_school_code);
    if (!parent) {
      warnings.push({
        code: 'TEACHING_POINT_PARENT',
        school_code: tp.school_code,
        message: `${tp.school_name}: parent school ${tp.parent_school_code ?? '(none)'} has no primary part; evaluated on its own`,
      });
      standalone();
      continue;
    }
    // Added before any value is computed (indicators.md §1); NaN in either side keeps the sum unknown.
    parent.students += tp.students;
    const own = resourcesOf(tp, 1);
    for (let i = 0; i < COUNT; i++) parent.resources[i] += own[i];
    parent.merged.push(tp.school_code);
    excluded.push({
      school_code: tp.school_code,
      school_name: tp.school_name,
      level: tp.level,
      reason: 'merged',
      merged_into: parent.row.school_code,
    });
  }

  const evaluable: SchoolPart[] = [];
  for (const part of parts) {
    if (part.students > 0) {
      evaluable.push(part);
      continue;
    }
    excluded.push({
      school_code: part.row.school_code,
      school_name: part.row.school_name,
      level: part.level,
      reason: 'zero_students',
    });
    warnings.push({
      code: 'ZERO_STUDENTS',
      school_code: part.row.school_code,
      message: `${part.row.school_name} (${part.level}): 0 students; excluded from resource allocation and the CV`,
    });
  }
  return { parts: evaluable, excluded };
}

function makeGap(
  i: number,
  level: Level,
  value: number,
  threshold: number,
  floor: number,
  students: number,
  resource: number,
): Gap {
  const meta = META[i];
  const id = RESOURCE_INDICATORS[i];
  const required = meta.perHundred ? (threshold * students) / 100 : threshold * students;
  const needed = Math.max(1, Math.ceil(required - resource - 1e-9));
  const suffix = VALUE_SUFFIX[meta.unit];
  const v = formatNumber(value);
  const t = formatNumber(threshold);
  return {
    indicator: id,
    level,
    value,
    threshold,
    shortfall: threshold - value,
    absolute_needed: needed,
    unit: meta.unit,
    absolute_unit: meta.absoluteUnit,
    below_floor: !reaches(value, floor),
    message_zh: `${id} ${INDICATOR_LABELS[id].zh} ${v}${suffix.zh} < ${t}${suffix.zh}：${students} 名学生还需增加${meta.resourceZh} ${needed} ${ABSOLUTE_ZH[meta.absoluteUnit]}`,
    message_en: `${id} ${v}${suffix.en} < ${t}${suffix.en}: needs ${ABSOLUTE_EN[meta.absoluteUnit](needed)} ${meta.resourceEn} for ${students} students`,
  };
}

/** R_i of a part from its numerator: per 100 students for teachers and rooms, per student otherwise. */
export const indicatorValue = (i: number, resource: number, students: number): number =>
  META[i].perHundred ? (resource * 100) / students : resource / students;

/** Per-part scratch space, reused across parts to keep the hot loop allocation-free. */
const scratch = new Float64Array(COUNT);

function evaluatePart(part: SchoolPart, thresholds: Thresholds, minMet: number): SchoolEvaluation {
  const { students, resources, level } = part;
  const met: ResourceIndicator[] = [];
  const gaps: Gap[] = [];
  let notMet = 0;
  let belowFloor = 0;
  let unknown = 0;
  for (let i = 0; i < COUNT; i++) {
    const r = resources[i];
    if (Number.isNaN(r)) {
      scratch[i] = NaN;
      unknown++;
      continue;
    }
    const value = indicatorValue(i, r, students);
    scratch[i] = value;
    const threshold = thresholds.values[i];
    if (reaches(value, threshold)) {
      met.push(RESOURCE_INDICATORS[i]);
      continue;
    }
    notMet++;
    if (!reaches(value, thresholds.floors[i])) belowFloor++;
    gaps.push(makeGap(i, level, value, threshold, thresholds.floors[i], students, r));
  }
  const mayMiss = COUNT - minMet;
  let passed: Verdict;
  if (belowFloor > 0 || notMet > mayMiss) passed = false;
  else if (unknown === 0) passed = true;
  // Unknown values could still be met, missed within the floor, or fall below it.
  else passed = null;

  const value = (i: number): number | null => (Number.isNaN(scratch[i]) ? null : scratch[i]);
  return {
    school_code: part.row.school_code,
    school_name: part.row.school_name,
    school_type: part.row.school_type,
    level,
    students,
    values: {
      R1: value(0),
      R2: value(1),
      R3: value(2),
      R4: value(3),
      R5: value(4),
      R6: value(5),
      R7: value(6),
    },
    thresholds: thresholds.record,
    met,
    passed,
    apportioned: part.apportioned,
    merged_teaching_points: part.merged,
    exceptions_applied: thresholds.exceptions.length === 0 ? [] : [...thresholds.exceptions],
    gaps,
  };
}

/**
 * Student-weighted coefficient of variation (教督〔2012〕3号): X̄ = Σ P·X ÷ N, S = √(Σ P·(X − X̄)² ÷ N), CV = S ÷ X̄.
 * Null for fewer than two schools; 0 when every school has the same value (including all zero).
 */
export function weightedCv(
  students: ArrayLike<number>,
  values: ArrayLike<number>,
  n = values.length,
): number | null {
  if (n < 2) return null;
  let total = 0;
  let weighted = 0;
  for (let i = 0; i < n; i++) {
    total += students[i];
    weighted += students[i] * values[i];
  }
  if (total === 0) return null;
  const mean = weighted / total;
  // Second pass instead of Σ P·X² − N·X̄²: no cancellation when values are large (yuan) and close together.
  let squares = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i] - mean;
    squares += students[i] * d * d;
  }
  const sd = Math.sqrt(squares / total);
  if (sd === 0) return 0;
  return sd / mean;
}

function balanceOf(
  level: Level,
  schools: readonly SchoolEvaluation[],
  ruleSet: RuleSet,
): Record<ResourceIndicator, BalanceEntry> {
  const limit = ruleSet.resource_allocation.cv_limits[level];
  const atLevel = schools.filter((s) => s.level === level);
  const weights = new Float64Array(atLevel.length);
  const values = new Float64Array(atLevel.length);
  const out = {} as Record<ResourceIndicator, BalanceEntry>;
  for (const id of RESOURCE_INDICATORS) {
    let n = 0;
    let weighted = 0;
    for (const s of atLevel) {
      const v = s.values[id];
      if (v === null) continue;
      weights[n] = s.students;
      values[n] = v;
      weighted += s.students * v;
      n++;
    }
    const incomplete = n < atLevel.length;
    const cv = weightedCv(weights, values, n);
    const applicable = atLevel.length >= 2;
    let total = 0;
    for (let i = 0; i < n; i++) total += weights[i];
    out[id] = {
      cv,
      cv_display: cv === null ? 'n/a' : cv.toFixed(2),
      limit,
      // A CV over part of the schools proves nothing either way.
      passed: cv === null || incomplete ? null : withinLimit(cv, limit),
      applicable,
      schools: atLevel.length,
      mean: total > 0 ? weighted / total : null,
    };
  }
  return out;
}

export function evaluateResourceAllocation(
  schools: readonly SchoolRow[],
  compiled: CompiledRuleSet,
  warnings: EvaluationWarning[],
): ResourceAllocationResult {
  const { ruleSet } = compiled;
  const { parts, excluded } = buildParts(schools, ruleSet, warnings);
  const minMet = ruleSet.resource_allocation.min_met;
  const evaluations: SchoolEvaluation[] = new Array(parts.length);
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    evaluations[i] = evaluatePart(part, compiled.thresholdsFor(part.level, part.row, part.students), minMet);
  }
  const balance: BalanceByLevel = {
    primary: balanceOf('primary', evaluations, ruleSet),
    junior: balanceOf('junior', evaluations, ruleSet),
  };
  const verdicts: Verdict[] = evaluations.map((s) => s.passed);
  for (const level of ['primary', 'junior'] as const) {
    for (const id of RESOURCE_INDICATORS) {
      const entry = balance[level][id];
      if (entry.applicable) verdicts.push(entry.passed);
    }
  }
  return {
    schools: evaluations,
    excluded,
    balance,
    passed: evaluations.length === 0 ? null : allPass(verdicts),
  };
}
