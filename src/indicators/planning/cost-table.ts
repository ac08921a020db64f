/**
 * The cost table of the certification planner (config/indicators/costs.yaml): what one unit of each addition
 * costs, with the source of every figure. Parsing is pure; reading the file is in cost-table.loader.ts.
 */
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { RESOURCE_FIELDS, type ResourceField } from '../engine/resource-allocation';

/** What the planner can add to a school, indexed like RESOURCE_INDICATORS (R1–R7). */
export const ADDITION_KINDS = RESOURCE_FIELDS;
export type AdditionKind = ResourceField;

/** How each kind reads in a Chinese plan: 县级以上骨干教师 3 人. */
export const ADDITION_LABELS_ZH: Record<AdditionKind, { name: string; unit: string }> = {
  teachers_above_degree: { name: '高于规定学历教师', unit: '人' },
  key_teachers: { name: '县级以上骨干教师', unit: '人' },
  pe_art_teachers: { name: '体育、艺术专任教师', unit: '人' },
  teaching_area_m2: { name: '教学及辅助用房', unit: '平方米' },
  sports_area_m2: { name: '体育运动场馆', unit: '平方米' },
  equipment_value_yuan: { name: '教学仪器设备', unit: '元' },
  multimedia_rooms: { name: '网络多媒体教室', unit: '间' },
};

/** Kinds that are teachers, so can be moved between schools (交流轮岗): R1, R2, R3. */
export const TEACHER_KINDS = ['teachers_above_degree', 'key_teachers', 'pe_art_teachers'] as const;
export type TeacherKind = (typeof TEACHER_KINDS)[number];
export const TEACHER_KIND_COUNT = TEACHER_KINDS.length;

const price = z
  .object({
    yuan: z.number().finite().positive(),
    unit: z.string().min(1),
    source: z.string().min(1),
  })
  .strict();

export const costTableSchema = z
  .object({
    version: z.string().min(1),
    teacher_years: z.number().finite().positive(),
    costs: z
      .object(Object.fromEntries(ADDITION_KINDS.map((k) => [k, price])) as Record<AdditionKind, typeof price>)
      .strict(),
    class_expansion: z
      .object({
        /** Floor area added to teaching_area_m2 per new classroom. */
        classroom_m2: z.number().finite().positive(),
        /** Teachers hired per new class (班师比), by level. */
        teachers_per_class: z
          .object({ primary: z.number().finite().nonnegative(), junior: z.number().finite().nonnegative() })
          .strict(),
        source: z.string().min(1),
      })
      .strict(),
    transfers: z
      .object({
        yuan_per_teacher: z.number().finite().nonnegative(),
        source: z.string().min(1),
        max_share_out: z.number().finite().min(0).max(1),
      })
      .strict(),
  })
  .strict();

export type CostTable = z.output<typeof costTableSchema>;

export class CostTableError extends Error {
  constructor(
    readonly source: string,
    readonly issues: readonly string[],
  ) {
    super(`invalid cost table ${source}:\n${issues.map((i) => `  - ${i}`).join('\n')}`);
    this.name = 'CostTableError';
  }
}

/** Parses and validates a cost table; every problem is reported at once with its path. */
export function parseCostTable(yamlText: string, source = 'cost table'): CostTable {
  const doc = parseDocument(yamlText);
  if (doc.errors.length > 0) {
    throw new CostTableError(
      source,
      doc.errors.map((e) => e.message.split('\n')[0]),
    );
  }
  const parsed = costTableSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    throw new CostTableError(
      source,
      parsed.error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`),
    );
  }
  return parsed.data;
}

/** Yuan for one teacher hired for a new class (the wage of a teacher with the required degree, for `teacher_years`). */
export const classTeacherCost = (table: CostTable): number =>
  table.costs.teachers_above_degree.yuan * table.teacher_years;

/** Yuan per unit of each kind, indexed like ADDITION_KINDS; teachers counted for `teacher_years`. */
export function unitCosts(table: CostTable): Float64Array {
  return Float64Array.from(ADDITION_KINDS, (kind) => {
    const yuan = table.costs[kind].yuan;
    return kind === 'teachers_above_degree' || kind === 'pe_art_teachers' ? yuan * table.teacher_years : yuan;
  });
}
