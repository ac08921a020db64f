import { countyData, juniorSchool, nationalRuleSet, school } from './__tests__/fixtures';
import type { SchoolRow } from './county-data';
import { evaluateCounty } from './evaluate-county';
import type { SchoolEvaluation } from './evaluation.types';
import { apportionShares, weightedCv } from './resource-allocation';
import type { RuleSet } from './rule-set';

const rules = nationalRuleSet();

function evaluateSchools(schools: SchoolRow[], ruleSet: RuleSet = rules) {
  return evaluateCounty(countyData({ schools }), ruleSet);
}

function only(
  schools: SchoolRow[],
  code = 'S001',
  level = 'primary',
  ruleSet: RuleSet = rules,
): SchoolEvaluation {
  const found = evaluateSchools(schools, ruleSet).resource_allocation.schools.find(
    (s) => s.school_code === code && s.level === level,
  );
  if (!found) throw new Error(`no evaluation for ${code} ${level}`);
  return found;
}

/** A 10,000-student primary school at exactly R1 4.2, R2 1.2 … so one figure can be moved by a hair. */
const large = (overrides: Partial<SchoolRow> = {}) =>
  school({
    students: 10_000,
    teachers_above_degree: 420,
    key_teachers: 120,
    pe_art_teachers: 100,
    teaching_area_m2: 50_000,
    sports_area_m2: 80_000,
    equipment_value_yuan: 22_000_000,
    multimedia_rooms: 250,
    ...overrides,
  });

describe('weightedCv (student-weighted coefficient of variation)', () => {
  // Published example (indicators.md §2): five primary schools, books per student.
  const students = [45, 37, 89, 76, 55];
  const books = [279, 137, 935, 160, 402];
  const perStudent = books.map((b, i) => b / students[i]);

  it('reproduces the published worked example: X̄ 6.33, variance 10.65, CV 0.52', () => {
    const cv = weightedCv(students, perStudent);
    expect(cv).not.toBeNull();
    const mean = 1913 / 302;
    expect(mean).toBeCloseTo(6.33, 2);
    expect(((cv as number) * mean) ** 2).toBeCloseTo(10.65, 2);
    expect(cv).toBeCloseTo(0.5153, 4);
    expect((cv as number).toFixed(2)).toBe('0.52');
  });

  it('gives the same CV through the engine, shows 0.52 and fails the 0.50 primary limit', () => {
    const schools = students.map((p, i) =>
      school({ school_code: `B${i}`, students: p, equipment_value_yuan: books[i] * 1000 }),
    );
    const balance = evaluateSchools(schools).resource_allocation.balance.primary.R6;
    expect(balance.cv).toBeCloseTo(0.5153, 4);
    expect(balance.cv_display).toBe('0.52');
    expect(balance.limit).toBe(0.5);
    expect(balance.passed).toBe(false);
    expect(balance.schools).toBe(5);
  });

  it('compares the unrounded CV: 0.504 shows as "0.50" but fails', () => {
    const schools = [
      school({ school_code: 'A', teaching_area_m2: 7520 }),
      school({ school_code: 'B', teaching_area_m2: 2480 }),
    ];
    const r4 = evaluateSchools(schools).resource_allocation.balance.primary.R4;
    expect(r4.cv).toBeCloseTo(0.504, 10);
    expect(r4.cv_display).toBe('0.50');
    expect(r4.passed).toBe(false);
  });

  it('is 0 when all schools have the same value, including all zero', () => {
    expect(weightedCv([10, 20], [3, 3])).toBe(0);
    expect(weightedCv([10, 20], [0, 0])).toBe(0);
  });

  it('has no CV for fewer than two schools', () => {
    expect(weightedCv([100], [4.5])).toBeNull();
    expect(weightedCv([], [])).toBeNull();
  });
});

describe('balance of a level with one school', () => {
  it('reports n/a (not 0, not a failure) and does not block the section', () => {
    const result = evaluateCounty(
      countyData({ schools: [school(), school({ school_code: 'S002' }), juniorSchool()] }),
      rules,
    );
    const r1 = result.resource_allocation.balance.junior.R1;
    expect(r1).toMatchObject({ cv: null, cv_display: 'n/a', passed: null, applicable: false, schools: 1 });
    expect(result.resource_allocation.balance.primary.R1.applicable).toBe(true);
    expect(result.resource_allocation.passed).toBe(true);
    expect(result.missing.filter((id) => id.startsWith('R'))).toEqual([]);
  });
});

describe('rows with zero students', () => {
  it('are excluded from the level and the CV, with a data warning', () => {
    const result = evaluateSchools([
      school(),
      school({ school_code: 'S002' }),
      school({ school_code: 'Z', school_name: '空校', students: 0 }),
    ]);
    expect(result.resource_allocation.schools.map((s) => s.school_code)).toEqual(['S001', 'S002']);
    expect(result.resource_allocation.excluded).toContainEqual({
      school_code: 'Z',
      school_name: '空校',
      level: 'primary',
      reason: 'zero_students',
    });
    expect(result.warnings).toContainEqual(
      expect.objectContaining({ code: 'ZERO_STUDENTS', school_code: 'Z' }),
    );
    expect(result.resource_allocation.balance.primary.R1.schools).toBe(2);
  });
});

describe('combined rows (nine-year, twelve-year, complete secondary)', () => {
  it('splits by weighted student share: 23,226 × 166 ÷ (166 + 1.1 × 210) ≈ 9,711 (published example)', () => {
    const shares = apportionShares({ primary: 166, junior: 210, senior: 0 }, rules.weights);
    const primaryBooks = 23_226 * shares.primary;
    expect(primaryBooks).toBeCloseTo(9711.63, 2);
    expect(Math.floor(primaryBooks)).toBe(9711);
    expect(shares.primary + shares.junior).toBeCloseTo(1, 12);
  });

  it('splits a complete secondary school junior 1 : senior 1.2', () => {
    const shares = apportionShares({ primary: 0, junior: 500, senior: 500 }, rules.weights);
    expect(shares.junior).toBeCloseTo(1 / 2.2, 12);
    expect(shares.primary).toBe(0);
  });

  it('is a plain student share when every weight is 1', () => {
    const shares = apportionShares(
      { primary: 300, junior: 100, senior: 0 },
      { primary: 1, junior: 1, senior: 1 },
    );
    expect(shares).toEqual({ primary: 0.75, junior: 0.25 });
  });

  it('evaluates each compulsory part with apportioned resources, flagged', () => {
    const nineYear = school({
      school_code: 'N1',
      school_type: 'nine_year',
      level: 'combined',
      students: 376,
      students_primary: 166,
      students_junior: 210,
      students_senior: 0,
      equipment_value_yuan: 23_226,
    });
    const parts = evaluateSchools([nineYear]).resource_allocation.schools.filter(
      (s) => s.school_code === 'N1',
    );
    expect(parts.map((p) => [p.level, p.students, p.apportioned])).toEqual([
      ['primary', 166, true],
      ['junior', 210, true],
    ]);
    expect((parts[0].values.R6 as number) * 166).toBeCloseTo(9711.63, 2);
    expect((parts[1].values.R6 as number) * 210).toBeCloseTo((23_226 * 231) / 397, 6);
  });

  it('leaves senior students out of the evaluation but gives them their share', () => {
    const twelveYear = school({
      school_code: 'T1',
      school_type: 'twelve_year',
      level: 'combined',
      students: 1000,
      students_primary: 400,
      students_junior: 300,
      students_senior: 300,
      teaching_area_m2: 10_000,
    });
    const parts = evaluateSchools([twelveYear]).resource_allocation.schools.filter(
      (s) => s.school_code === 'T1',
    );
    expect(parts.map((p) => p.level)).toEqual(['primary', 'junior']);
    const total = 400 + 1.1 * 300 + 1.32 * 300;
    expect(parts[0].values.R4).toBeCloseTo((10_000 * 400) / total / 400, 10);
  });
});

describe('teaching points', () => {
  const parent = school({ school_code: 'P1', location: 'rural' });
  const point = school({
    school_code: 'TP1',
    school_name: '二道沟教学点',
    school_type: 'teaching_point',
    parent_school_code: 'P1',
    location: 'rural',
    students: 40,
    teachers_above_degree: 3,
    key_teachers: 0,
    pe_art_teachers: 1,
    teaching_area_m2: 200,
    sports_area_m2: 300,
    equipment_value_yuan: 60_000,
    multimedia_rooms: 2,
  });
  const withPolicy = (policy: RuleSet['teaching_points']): RuleSet => ({ ...rules, teaching_points: policy });

  it('merge: adds students and resources to the parent primary part before computing values', () => {
    const result = evaluateSchools([parent, point], withPolicy('merge'));
    const merged = result.resource_allocation.schools.find((s) => s.school_code === 'P1');
    expect(merged?.students).toBe(1040);
    expect(merged?.values.R1).toBeCloseTo((53 * 100) / 1040, 12);
    expect(merged?.merged_teaching_points).toEqual(['TP1']);
    expect(result.resource_allocation.schools.some((s) => s.school_code === 'TP1')).toBe(false);
    expect(result.resource_allocation.excluded).toContainEqual(
      expect.objectContaining({ school_code: 'TP1', reason: 'merged', merged_into: 'P1' }),
    );
  });

  it('exclude_below: leaves out teaching points under the minimum, merges the others', () => {
    const small = evaluateSchools([parent, point], withPolicy({ exclude_below: 50 }));
    expect(small.resource_allocation.schools.find((s) => s.school_code === 'P1')?.students).toBe(1000);
    expect(small.resource_allocation.excluded).toContainEqual(
      expect.objectContaining({ school_code: 'TP1', reason: 'teaching_point_below_minimum' }),
    );
    const bigger = evaluateSchools([parent, { ...point, students: 60 }], withPolicy({ exclude_below: 50 }));
    expect(bigger.resource_allocation.schools.find((s) => s.school_code === 'P1')?.students).toBe(1060);
  });

  it('standalone: counts the teaching point as a school of its own', () => {
    const result = evaluateSchools([parent, point], withPolicy('standalone'));
    const own = result.resource_allocation.schools.find((s) => s.school_code === 'TP1');
    expect(own?.students).toBe(40);
    expect(own?.values.R1).toBeCloseTo(7.5, 12);
    expect(result.resource_allocation.schools.find((s) => s.school_code === 'P1')?.students).toBe(1000);
  });

  it('falls back to standalone with a warning when the parent has no primary part', () => {
    const result = evaluateSchools([parent, { ...point, parent_school_code: 'NOPE' }]);
    expect(result.resource_allocation.schools.some((s) => s.school_code === 'TP1')).toBe(true);
    expect(result.warnings).toContainEqual(
      expect.objectContaining({ code: 'TEACHING_POINT_PARENT', school_code: 'TP1' }),
    );
  });
});

describe('special-education schools', () => {
  it('are not in resource allocation', () => {
    const result = evaluateSchools([
      school(),
      school({ school_code: 'SP', school_type: 'special', students: 80, teachers_above_degree: 0 }),
    ]);
    expect(result.resource_allocation.schools.some((s) => s.school_code === 'SP')).toBe(false);
    expect(result.resource_allocation.excluded).toContainEqual(
      expect.objectContaining({ school_code: 'SP', reason: 'special_education' }),
    );
  });
});

describe('thresholds at the boundary', () => {
  it('R1 exactly 4.2 is met', () => {
    const s = only([large()]);
    expect(s.values.R1).toBe(4.2);
    expect(s.met).toContain('R1');
    expect(s.gaps).toEqual([]);
  });

  it('R1 4.19 is not met (but the school still passes on 6 of 7)', () => {
    const s = only([large({ teachers_above_degree: 419 })]);
    expect(s.values.R1).toBeCloseTo(4.19, 12);
    expect(s.met).not.toContain('R1');
    expect(s.met).toHaveLength(6);
    expect(s.passed).toBe(true);
    expect(s.gaps).toEqual([
      expect.objectContaining({ indicator: 'R1', absolute_needed: 1, below_floor: false }),
    ]);
  });

  it('R4 4.5 m² is met, 4.49 m² is not', () => {
    expect(only([large({ teaching_area_m2: 45_000 })]).met).toContain('R4');
    expect(only([large({ teaching_area_m2: 44_900 })]).met).not.toContain('R4');
  });
});

describe('school rule: at least 6 of 7, the rest ≥ 85 %', () => {
  it('passes with the 7th value exactly at 85 % of its threshold', () => {
    const s = only([school({ sports_area_m2: 6375 })]); // 6.375 = 0.85 × 7.5
    expect(s.met).toHaveLength(6);
    expect(s.passed).toBe(true);
    expect(s.gaps[0]).toMatchObject({ indicator: 'R5', below_floor: false });
  });

  it('fails with the 7th value just under 85 %', () => {
    const s = only([school({ sports_area_m2: 6374 })]);
    expect(s.met).toHaveLength(6);
    expect(s.passed).toBe(false);
    expect(s.gaps[0]).toMatchObject({ indicator: 'R5', below_floor: true });
  });

  it('fails with two values missed even when both are above 85 %', () => {
    const s = only([school({ sports_area_m2: 7000, teaching_area_m2: 4400 })]);
    expect(s.met).toHaveLength(5);
    expect(s.passed).toBe(false);
    expect(s.gaps.map((g) => g.indicator)).toEqual(['R4', 'R5']);
  });

  it('stays undecided when a value is not reported and the rest pass', () => {
    const s = only([school({ multimedia_rooms: null })]);
    expect(s.values.R7).toBeNull();
    expect(s.passed).toBeNull();
  });

  it('fails despite an unreported value when two known values already miss', () => {
    const s = only([school({ multimedia_rooms: null, sports_area_m2: 7000, teaching_area_m2: 4400 })]);
    expect(s.passed).toBe(false);
  });
});

describe('gaps to pass', () => {
  it('R5 6.1 m² < 7.5 m²: needs 840 m² more sports area for 600 students', () => {
    const s = only([
      school({
        students: 600,
        sports_area_m2: 3660,
        teachers_above_degree: 30,
        key_teachers: 7,
        pe_art_teachers: 6,
        teaching_area_m2: 3000,
        equipment_value_yuan: 1_300_000,
        multimedia_rooms: 15,
      }),
    ]);
    expect(s.gaps).toHaveLength(1);
    expect(s.gaps[0]).toMatchObject({
      indicator: 'R5',
      level: 'primary',
      value: 6.1,
      threshold: 7.5,
      absolute_needed: 840,
      unit: 'm2_per_student',
      absolute_unit: 'm2',
      below_floor: true,
      message_en: 'R5 6.1 m² < 7.5 m²: needs 840 m² more sports area for 600 students',
    });
    expect(s.gaps[0].shortfall).toBeCloseTo(1.4, 12);
    expect(s.gaps[0].message_zh).toContain('840 平方米');
  });

  it('R1 3.8 < 4.2: needs 3 more teachers above the required degree', () => {
    const s = only([school({ students: 750, teachers_above_degree: 28.5 })]);
    const gap = s.gaps.find((g) => g.indicator === 'R1');
    expect(gap).toMatchObject({
      value: 3.8,
      threshold: 4.2,
      absolute_needed: 3,
      absolute_unit: 'teachers',
      unit: 'per_100_students',
    });
    expect(gap?.message_en).toBe(
      'R1 3.8 < 4.2: needs 3 more teachers above the required degree for 750 students',
    );
    expect(gap?.message_zh).toBe(
      'R1 每百名学生拥有高于规定学历教师数 3.8 < 4.2：750 名学生还需增加高于规定学历教师 3 人',
    );
  });

  it('rounds absolute needs up to whole rooms and yuan', () => {
    const s = only([school({ multimedia_rooms: 22, equipment_value_yuan: 1_999_000.5 })]);
    expect(s.gaps.find((g) => g.indicator === 'R7')).toMatchObject({
      absolute_needed: 1,
      absolute_unit: 'rooms',
    });
    expect(s.gaps.find((g) => g.indicator === 'R6')).toMatchObject({
      absolute_needed: 1000,
      absolute_unit: 'yuan',
    });
  });
});

describe('transitional exceptions', () => {
  const withException: RuleSet = {
    ...rules,
    resource_allocation: {
      ...rules.resource_allocation,
      exceptions: [
        {
          id: 'rural-small-school',
          description: '乡村小规模学校体育场地过渡标准',
          when: { location: ['rural'], students_below: 200 },
          resource_allocation: { R5: { primary: 6 } },
        },
      ],
    },
  };
  const small = (overrides: Partial<SchoolRow>) =>
    school({
      students: 150,
      teachers_above_degree: 8,
      key_teachers: 2,
      pe_art_teachers: 2,
      teaching_area_m2: 750,
      sports_area_m2: 975,
      equipment_value_yuan: 330_000,
      multimedia_rooms: 4,
      ...overrides,
    });

  it('applies the relaxed threshold to matching schools and says so', () => {
    const s = only([small({ location: 'rural' })], 'S001', 'primary', withException);
    expect(s.values.R5).toBe(6.5);
    expect(s.met).toContain('R5');
    expect(s.thresholds.R5).toBe(6);
    expect(s.thresholds.R1).toBe(4.2);
    expect(s.exceptions_applied).toEqual(['rural-small-school']);
  });

  it('leaves schools that do not match on the national threshold', () => {
    const s = only([small({ location: 'urban' })], 'S001', 'primary', withException);
    expect(s.met).not.toContain('R5');
    expect(s.thresholds.R5).toBe(7.5);
    expect(s.exceptions_applied).toEqual([]);
  });

  it('ships none by default', () => {
    expect(rules.resource_allocation.exceptions).toEqual([]);
  });
});
