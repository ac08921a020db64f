/**
 * Output of the engine: the machine-readable contract of indicators.md §10. The keys of the contract are
 * fixed; the extra keys here (warnings, thresholds, offenders, evidence, …) only add to it.
 * Values are unrounded; `passed: null` means "not enough data to decide".
 */
import type { Message } from '../../common/i18n/catalog';
import type { AttestedItem, Level, SchoolType, SurveyGroup } from './county-data';
import type { ResourceIndicator } from './rule-set';

export const GOVERNMENT_INDICATORS = [
  'G1',
  'G2',
  'G3',
  'G4',
  'G5',
  'G6',
  'G7',
  'G8',
  'G9',
  'G10',
  'G11',
  'G12',
  'G13',
  'G14',
  'G15',
] as const;
export type GovernmentIndicator = (typeof GOVERNMENT_INDICATORS)[number];

export const QUALITY_INDICATORS = ['Q1', 'Q2', 'Q3', 'Q4', 'Q5', 'Q6', 'Q7', 'Q8', 'Q9'] as const;
export type QualityIndicator = (typeof QUALITY_INDICATORS)[number];

export const VETO_ITEMS = ['V1', 'V2', 'V3', 'V4', 'V5', 'V6'] as const;
export type VetoItem = (typeof VETO_ITEMS)[number];

/** `S` is social recognition (the id the plan files use). */
export type IndicatorId = ResourceIndicator | GovernmentIndicator | QualityIndicator | 'S' | VetoItem;

/** true = passes, false = fails, null = not enough data to decide. */
export type Verdict = boolean | null;

export type IndicatorUnit = 'per_100_students' | 'm2_per_student' | 'yuan_per_student';
export type AbsoluteUnit = 'teachers' | 'rooms' | 'm2' | 'yuan';

/** What a school part lacks to reach one threshold, in the indicator's unit and in absolute terms. */
export interface Gap {
  indicator: ResourceIndicator;
  level: Level;
  value: number;
  threshold: number;
  /** threshold − value, in `unit`. */
  shortfall: number;
  /** Whole teachers, rooms, m² or yuan to add for the value to reach the threshold. */
  absolute_needed: number;
  unit: IndicatorUnit;
  absolute_unit: AbsoluteUnit;
  /** Below the floor (85 % of the threshold): this value alone fails the school. */
  below_floor: boolean;
  message_zh: string;
  message_en: string;
}

export interface SchoolEvaluation {
  school_code: string;
  school_name: string;
  school_type: SchoolType;
  level: Level;
  /** Students of this level, teaching points merged in included. */
  students: number;
  values: Record<ResourceIndicator, number | null>;
  /** Thresholds this school was measured against (differ from the rule set's only under an exception). */
  thresholds: Readonly<Record<ResourceIndicator, number>>;
  met: ResourceIndicator[];
  passed: Verdict;
  /** Resources of this part were split from a combined row by weighted student share. */
  apportioned: boolean;
  merged_teaching_points: string[];
  exceptions_applied: string[];
  gaps: Gap[];
}

export type ExclusionReason =
  'special_education' | 'zero_students' | 'teaching_point_below_minimum' | 'merged';

export interface ExcludedSchool {
  school_code: string;
  school_name: string;
  level: Level | 'combined';
  reason: ExclusionReason;
  /** For merged teaching points: the school they were added to. */
  merged_into?: string;
}

export interface BalanceEntry {
  /** Student-weighted coefficient of variation, unrounded; null when it cannot be computed. */
  cv: number | null;
  /** Two decimals for display, or "n/a". */
  cv_display: string;
  limit: number;
  passed: Verdict;
  /** false when the level has fewer than two schools: no CV exists and the entry does not count. */
  applicable: boolean;
  schools: number;
  mean: number | null;
}

export type BalanceByLevel = Record<Level, Record<ResourceIndicator, BalanceEntry>>;

export interface ResourceAllocationResult {
  schools: SchoolEvaluation[];
  excluded: ExcludedSchool[];
  balance: BalanceByLevel;
  passed: Verdict;
}

/** An offending school or class behind a failing indicator. */
export interface Offender {
  school_code: string;
  school_name?: string;
  level?: Level;
  grade?: number;
  class_name?: string;
  value: number | null;
  limit: number;
  detail?: string;
}

export interface AttestationEvidence {
  item: AttestedItem;
  value: boolean;
  evidence: string | null;
  attested_by: string | null;
  attested_on: string | null;
}

export interface IndicatorResult {
  passed: Verdict;
  /** The measured value (rate, amount, count of offenders) or the attested yes/no. */
  value: number | boolean | null;
  /** Indicators with several parts (G13 primary/junior, Q9 per subject, …) give each part here. */
  values?: Record<string, number | null>;
  threshold?: number;
  /** the working note in English (logs, the CLI, the API's older readers) */
  detail: string;
  /** the 说明 column for people, where the engine states it as a message (attested items, missing data) */
  note?: Message;
  offenders?: Offender[];
  evidence?: AttestationEvidence[];
  exceptions_applied?: { school_code: string; exceptions: string[] }[];
}

export interface IndicatorSection<Id extends string> {
  indicators: Record<Id, IndicatorResult>;
  passed: Verdict;
}

export interface SurveyGroupResult {
  group: SurveyGroup;
  respondents: number;
  satisfied: number;
  rate: number | null;
}

export interface SocialRecognitionResult {
  rate: number | null;
  threshold: number;
  respondents: number;
  groups: SurveyGroupResult[];
  passed: Verdict;
}

export interface VetoItemResult {
  /** null when not attested. */
  triggered: boolean | null;
  label_zh: string;
  evidence: AttestationEvidence[];
}

export interface VetoResult {
  triggered: VetoItem[];
  items: Record<VetoItem, VetoItemResult>;
  passed: Verdict;
}

export type WarningCode =
  'ZERO_STUDENTS' | 'COMBINED_ROW_PARTS' | 'TEACHING_POINT_PARENT' | 'SURVEY_GROUPS' | 'DIVISOR_ZERO';

export interface EvaluationWarning {
  code: WarningCode;
  message: string;
  school_code?: string;
}

export interface CountyEvaluation {
  county_code: string;
  county_name: string | null;
  school_year: number;
  rule_set: string;
  resource_allocation: ResourceAllocationResult;
  government_guarantee: IndicatorSection<GovernmentIndicator>;
  education_quality: IndicatorSection<QualityIndicator>;
  social_recognition: SocialRecognitionResult;
  veto: VetoResult;
  certifiable: boolean;
  /** Indicators that could not be decided for lack of data (`passed: null`). */
  missing: IndicatorId[];
  warnings: EvaluationWarning[];
}
