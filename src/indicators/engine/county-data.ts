/**
 * Input of the indicator engine: the statistics tables of one county and school year
 * (docs/data-template.md), already parsed and validated by the importer.
 *
 * A `null` number means "not reported"; the engine turns it into `passed: null` and a `missing` indicator
 * rather than guessing a zero.
 */

export const LEVELS = ['primary', 'junior'] as const;
/** 学段 evaluated by the engine. Senior-high parts of twelve-year and complete secondary schools are not. */
export type Level = (typeof LEVELS)[number];

/** `combined`: a nine-year/twelve-year/complete-secondary school given on one row; the engine apportions it. */
export const ROW_LEVELS = ['primary', 'junior', 'combined'] as const;
export type RowLevel = (typeof ROW_LEVELS)[number];

export const SCHOOL_TYPES = [
  'primary',
  'junior',
  'nine_year',
  'twelve_year',
  'complete_secondary',
  'teaching_point',
  'special',
] as const;
export type SchoolType = (typeof SCHOOL_TYPES)[number];

/** Types whose compulsory part may be given on one `combined` row. */
export const MULTI_LEVEL_TYPES: readonly SchoolType[] = ['nine_year', 'twelve_year', 'complete_secondary'];
/** 一贯制 schools: their compulsory part has the higher size limit (G4). */
export const THROUGH_TYPES: readonly SchoolType[] = ['nine_year', 'twelve_year'];

export const LOCATIONS = ['urban', 'town', 'rural'] as const;
export type Location = (typeof LOCATIONS)[number];

export const SURVEY_GROUPS = [
  'students',
  'parents',
  'teachers',
  'principals',
  'deputies',
  'cppcc',
  'others',
] as const;
export type SurveyGroup = (typeof SURVEY_GROUPS)[number];

/**
 * Yes/no items of the `attestations` table. `G15a` is the attested half of G15 (left-behind children care);
 * `G8a` (performance pay set in full) is optional: the template has no column for that half of G8.
 */
export const ATTESTED_ITEMS = [
  'G1',
  'G2',
  'G8a',
  'G10',
  'G15a',
  'Q3',
  'Q5',
  'Q6',
  'Q7',
  'Q8',
  'V1',
  'V2',
  'V3',
  'V4',
  'V5',
  'V6',
] as const;
export type AttestedItem = (typeof ATTESTED_ITEMS)[number];

/** Table `schools`: one row per school and level (or one `combined` row). */
export interface SchoolRow {
  school_code: string;
  school_name: string;
  county_code: string;
  county_name: string | null;
  school_type: SchoolType;
  level: RowLevel;
  /** Teaching points only: the school they belong to. */
  parent_school_code: string | null;
  location: Location | null;
  boarding: boolean | null;
  /** Year the main building was built; lets a rule set relax minimums for older building standards. */
  build_year: number | null;
  /** This level's students; on a combined row the total of the parts. */
  students: number;
  students_primary: number | null;
  students_junior: number | null;
  students_senior: number | null;
  classes: number | null;
  teachers_above_degree: number | null;
  key_teachers: number | null;
  pe_art_teachers: number | null;
  full_time_teachers: number | null;
  certified_teachers: number | null;
  teaching_area_m2: number | null;
  sports_area_m2: number | null;
  equipment_value_yuan: number | null;
  multimedia_rooms: number | null;
  music_rooms: number | null;
  music_room_min_area_m2: number | null;
  art_rooms: number | null;
  art_room_min_area_m2: number | null;
  public_funds_yuan: number | null;
  training_funds_yuan: number | null;
}

/** Table `classes`: one row per class. */
export interface ClassRow {
  school_code: string;
  level: Level;
  grade: number;
  class_name: string;
  students: number;
}

/** Table `county`: government guarantee and quality figures; rates are fractions (0.953). */
export interface CountyRow {
  county_code: string;
  county_name: string | null;
  school_year: number | null;
  small_schools_funded_as_100: boolean | null;
  special_ed_funds_per_student_yuan: number | null;
  teacher_avg_pay_yuan: number | null;
  civil_servant_avg_pay_yuan: number | null;
  training_360h_rate: number | null;
  rotation_eligible: number | null;
  rotation_rotated: number | null;
  rotation_key_rotated: number | null;
  nearby_enrolment_primary_rate: number | null;
  nearby_enrolment_junior_rate: number | null;
  quota_allocation_rate: number | null;
  migrant_public_rate: number | null;
  junior_retention_rate: number | null;
  disabled_enrolment_rate: number | null;
}

/** Table `attestations`: a yes/no statement with its evidence and who made it. */
export interface AttestationRow {
  county_code: string;
  indicator: AttestedItem;
  value: boolean;
  evidence: string | null;
  attested_by: string | null;
  /** YYYY-MM-DD */
  attested_on: string | null;
}

/** Table `survey`: social recognition, one row per respondent group. */
export interface SurveyRow {
  county_code: string;
  group: SurveyGroup;
  respondents: number;
  satisfied: number;
}

/** Table `monitoring`: national quality monitoring results per school and subject (Q9). */
export interface MonitoringRow {
  county_code: string;
  school_code: string;
  subject: string;
  level_iii_or_above_rate: number | null;
  score: number | null;
}

/** Everything the engine needs for one county and school year. Empty arrays mean "table not given". */
export interface CountyData {
  county_code: string;
  county_name: string | null;
  school_year: number;
  schools: readonly SchoolRow[];
  classes: readonly ClassRow[];
  county: CountyRow | null;
  attestations: readonly AttestationRow[];
  survey: readonly SurveyRow[];
  monitoring: readonly MonitoringRow[];
}
