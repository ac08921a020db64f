/**
 * The rule set: every threshold of the evaluation as data (config/indicators/2017.yaml), so a province can
 * load a stricter local standard without a code change. Parsing is pure (text in, value out); reading the
 * file lives in ../rule-set.loader.ts.
 */
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { LOCATIONS, SCHOOL_TYPES } from './county-data';

export const RESOURCE_INDICATORS = ['R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7'] as const;
export type ResourceIndicator = (typeof RESOURCE_INDICATORS)[number];

const nonNegative = z.number().finite().nonnegative();
const rate = z.number().finite().min(0).max(1);
const count = z.number().int().nonnegative();

const perLevel = <T extends z.ZodTypeAny>(value: T) => z.object({ primary: value, junior: value }).strict();
const levelThreshold = perLevel(nonNegative);
const perLevelPartial = perLevel(nonNegative.optional());

const resourceThresholds = z
  .object(
    Object.fromEntries(RESOURCE_INDICATORS.map((id) => [id, levelThreshold])) as Record<
      ResourceIndicator,
      typeof levelThreshold
    >,
  )
  .strict();

const resourceOverrides = z
  .object(
    Object.fromEntries(RESOURCE_INDICATORS.map((id) => [id, perLevelPartial.optional()])) as Record<
      ResourceIndicator,
      z.ZodOptional<typeof perLevelPartial>
    >,
  )
  .strict();

/** What G3 requires of each school: one music and one art room per `classes_per_room` classes, minimum areas. */
const specialRooms = z
  .object({
    classes_per_room: z.number().int().positive(),
    music_room_min_area_m2: nonNegative,
    art_room_min_area_m2: nonNegative,
  })
  .strict();

const exceptionCondition = z
  .object({
    build_year_before: z.number().int().optional(),
    location: z.array(z.enum(LOCATIONS)).nonempty().optional(),
    school_type: z.array(z.enum(SCHOOL_TYPES)).nonempty().optional(),
    students_below: z.number().int().positive().optional(),
  })
  .strict()
  .refine((c) => Object.values(c).some((v) => v !== undefined), { message: 'needs at least one condition' });

/**
 * A transitional exception (国教督办函〔2019〕30号): schools matching every condition of `when` are measured
 * against the given thresholds instead. Matching exceptions apply in file order; a later one wins.
 */
const exceptionSchema = z
  .object({
    id: z.string().min(1),
    description: z.string().min(1),
    when: exceptionCondition,
    resource_allocation: resourceOverrides.optional(),
    special_rooms: specialRooms.partial().optional(),
  })
  .strict()
  .refine((e) => e.resource_allocation !== undefined || e.special_rooms !== undefined, {
    message: 'changes nothing: give resource_allocation or special_rooms thresholds',
  });

const teachingPoints = z.union([
  z.literal('merge'),
  z.literal('standalone'),
  z.object({ exclude_below: z.number().int().positive() }).strict(),
]);

export const ruleSetSchema = z
  .object({
    version: z.union([z.string().min(1), z.number()]).transform(String),
    title: z.string().min(1),
    /** Split of a combined row's resources: share = w × students ÷ Σ w × students. */
    weights: z
      .object({
        primary: z.number().positive(),
        junior: z.number().positive(),
        senior: z.number().positive(),
      })
      .strict(),
    teaching_points: teachingPoints,
    resource_allocation: z
      .object({
        thresholds: resourceThresholds,
        /** A school passes with at least `min_met` of the 7 values at threshold… */
        min_met: z.number().int().min(0).max(7),
        /** …and every other value at least this share of its threshold. */
        floor_ratio: rate,
        cv_limits: perLevel(nonNegative),
        exceptions: z.array(exceptionSchema).default([]),
      })
      .strict(),
    class_size: z
      .object({
        standard_max: perLevel(count),
        large_min: count,
        super_large_min: count,
        /**
         * "基本消除" (大)班额: a plan target worded `largely` is met while the classes of the band are at most
         * this share of all classes (docs/indicators.md §7); `fully` (全面/全部消除) means none.
         */
        largely_eliminated_max_share: rate,
      })
      .strict()
      .refine((c) => c.large_min > Math.max(c.standard_max.primary, c.standard_max.junior), {
        message: 'large_min must be above the standard class sizes',
      })
      .refine((c) => c.super_large_min > c.large_min, { message: 'super_large_min must be above large_min' }),
    school_size: z
      .object({
        /** Primary and junior schools (and a complete secondary school's junior part). */
        max_students: count,
        /** Compulsory part of nine-year and twelve-year schools. */
        max_students_through_school: count,
      })
      .strict(),
    government_guarantee: z
      .object({
        G3: specialRooms,
        G6: z.object({ small_school_below: count }).strict(),
        G7: z.object({ min_funds_per_student_yuan: nonNegative }).strict(),
        G9: z.object({ min_rate: rate }).strict(),
        G11: z.object({ min_rotation_rate: rate, min_key_teacher_share: rate }).strict(),
        G12: z.object({ min_rate: rate }).strict(),
        G13: z.object({ min_rate: perLevel(rate) }).strict(),
        G14: z.object({ min_rate: rate }).strict(),
        G15: z.object({ min_migrant_rate: rate }).strict(),
      })
      .strict(),
    education_quality: z
      .object({
        Q1: z.object({ min_rate: rate }).strict(),
        Q2: z.object({ min_rate: rate }).strict(),
        Q4: z.object({ min_training_share: rate }).strict(),
        Q9: z.object({ max_difference_rate: rate, min_level_iii_rate: rate }).strict(),
      })
      .strict(),
    social_recognition: z.object({ min_rate: rate }).strict(),
  })
  .strict();

export type RuleSet = z.output<typeof ruleSetSchema>;
export type TransitionalException = RuleSet['resource_allocation']['exceptions'][number];
export type SpecialRoomRule = RuleSet['government_guarantee']['G3'];
export type TeachingPointPolicy = RuleSet['teaching_points'];

export class RuleSetError extends Error {
  constructor(
    readonly source: string,
    readonly issues: readonly string[],
  ) {
    super(`invalid rule set ${source}:\n${issues.map((i) => `  - ${i}`).join('\n')}`);
    this.name = 'RuleSetError';
  }
}

/**
 * Parses and validates a rule set. Every problem is reported at once, each with its path in the file
 * (`resource_allocation.thresholds.R1.primary: Expected number, received string`).
 */
export function parseRuleSet(yamlText: string, source = 'rule set'): RuleSet {
  const doc = parseDocument(yamlText);
  if (doc.errors.length > 0) {
    // The first line of a pretty YAML error already says "… at line L, column C:".
    throw new RuleSetError(
      source,
      doc.errors.map((e) => e.message.split('\n')[0]),
    );
  }
  const parsed = ruleSetSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    throw new RuleSetError(
      source,
      parsed.error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`),
    );
  }
  return parsed.data;
}
