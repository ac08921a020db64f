/**
 * Builders for engine tests: a school, and a county, that pass every rule of the 2017 rule set with a
 * little room, so each test changes only what it is about.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type {
  AttestationRow,
  AttestedItem,
  ClassRow,
  CountyData,
  CountyRow,
  MonitoringRow,
  SchoolRow,
  SurveyRow,
} from '../county-data';
import { SURVEY_GROUPS } from '../county-data';
import { parseRuleSet, type RuleSet } from '../rule-set';

let cached: RuleSet | undefined;
/** config/indicators/2017.yaml, parsed once. */
export function nationalRuleSet(): RuleSet {
  cached ??= parseRuleSet(
    readFileSync(path.resolve(__dirname, '../../../../config/indicators/2017.yaml'), 'utf8'),
  );
  return cached;
}

/** A 1,000-student primary school: R1 5.0, R2 1.2, R3 1.0, R4 5.0, R5 8.0, R6 2200, R7 2.5 (all met). */
export function school(overrides: Partial<SchoolRow> = {}): SchoolRow {
  return {
    school_code: 'S001',
    school_name: '第一小学',
    county_code: '640181',
    county_name: '灵武市',
    school_type: 'primary',
    level: 'primary',
    parent_school_code: null,
    location: 'urban',
    boarding: false,
    build_year: 2015,
    students: 1000,
    students_primary: null,
    students_junior: null,
    students_senior: null,
    classes: 22,
    teachers_above_degree: 50,
    key_teachers: 12,
    pe_art_teachers: 10,
    full_time_teachers: 60,
    certified_teachers: 60,
    teaching_area_m2: 5000,
    sports_area_m2: 8000,
    equipment_value_yuan: 2_200_000,
    multimedia_rooms: 25,
    music_rooms: 2,
    music_room_min_area_m2: 100,
    art_rooms: 2,
    art_room_min_area_m2: 95,
    public_funds_yuan: 1_000_000,
    training_funds_yuan: 60_000,
    ...overrides,
  };
}

/** A 600-student junior school meeting every junior threshold. */
export function juniorSchool(overrides: Partial<SchoolRow> = {}): SchoolRow {
  return school({
    school_code: 'J001',
    school_name: '第一中学',
    school_type: 'junior',
    level: 'junior',
    students: 600,
    classes: 12,
    teachers_above_degree: 36, // 6.0
    key_teachers: 7, // 1.17
    pe_art_teachers: 6, // 1.0
    teaching_area_m2: 3600, // 6.0
    sports_area_m2: 6300, // 10.5
    equipment_value_yuan: 1_620_000, // 2700
    multimedia_rooms: 15, // 2.5
    ...overrides,
  });
}

export function countyRow(overrides: Partial<CountyRow> = {}): CountyRow {
  return {
    county_code: '640181',
    county_name: '灵武市',
    school_year: 2023,
    small_schools_funded_as_100: true,
    special_ed_funds_per_student_yuan: 7000,
    teacher_avg_pay_yuan: 98_000,
    civil_servant_avg_pay_yuan: 96_000,
    training_360h_rate: 1,
    rotation_eligible: 400,
    rotation_rotated: 50,
    rotation_key_rotated: 12,
    nearby_enrolment_primary_rate: 1,
    nearby_enrolment_junior_rate: 0.97,
    quota_allocation_rate: 0.6,
    migrant_public_rate: 0.9,
    junior_retention_rate: 0.97,
    disabled_enrolment_rate: 0.96,
    ...overrides,
  };
}

export function attestation(indicator: AttestedItem, value: boolean, evidence = '文件'): AttestationRow {
  return {
    county_code: '640181',
    indicator,
    value,
    evidence,
    attested_by: '灵武市教育局',
    attested_on: '2023-12-01',
  };
}

/** Every positive item attested yes, every veto item attested no. */
export function allAttestations(): AttestationRow[] {
  const yes: AttestedItem[] = ['G1', 'G2', 'G10', 'G15a', 'Q3', 'Q5', 'Q6', 'Q7', 'Q8'];
  const veto: AttestedItem[] = ['V1', 'V2', 'V3', 'V4', 'V5', 'V6'];
  return [...yes.map((i) => attestation(i, true)), ...veto.map((i) => attestation(i, false))];
}

export function survey(rate = 0.9): SurveyRow[] {
  return SURVEY_GROUPS.map((group) => ({
    county_code: '640181',
    group,
    respondents: 100,
    satisfied: Math.round(100 * rate),
  }));
}

export function monitoringRows(scores: number[], subject = '数学', levelIii = 0.8): MonitoringRow[] {
  return scores.map((score, i) => ({
    county_code: '640181',
    school_code: `S00${i + 1}`,
    subject,
    level_iii_or_above_rate: levelIii,
    score,
  }));
}

export function classRow(overrides: Partial<ClassRow> = {}): ClassRow {
  return { school_code: 'S001', level: 'primary', grade: 1, class_name: '1班', students: 42, ...overrides };
}

/** Two primary and two junior schools with similar resources (every CV small) and all county data. */
export function countyData(overrides: Partial<CountyData> = {}): CountyData {
  return {
    county_code: '640181',
    county_name: '灵武市',
    school_year: 2023,
    schools: [
      school(),
      school({
        school_code: 'S002',
        school_name: '第二小学',
        students: 800,
        teachers_above_degree: 38,
        key_teachers: 9,
        pe_art_teachers: 8,
        teaching_area_m2: 4000,
        sports_area_m2: 6200,
        equipment_value_yuan: 1_700_000,
        multimedia_rooms: 20,
      }),
      juniorSchool(),
      juniorSchool({
        school_code: 'J002',
        school_name: '第二中学',
        students: 500,
        teachers_above_degree: 29,
        key_teachers: 6,
        pe_art_teachers: 5,
        teaching_area_m2: 3000,
        sports_area_m2: 5200,
        equipment_value_yuan: 1_300_000,
        multimedia_rooms: 13,
      }),
    ],
    classes: [
      classRow(),
      classRow({ school_code: 'J001', level: 'junior', grade: 7, class_name: '7年级1班', students: 48 }),
    ],
    county: countyRow(),
    attestations: allAttestations(),
    survey: survey(),
    monitoring: monitoringRows([520, 505, 498, 512]),
    ...overrides,
  };
}
