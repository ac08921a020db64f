import {
  allAttestations,
  attestation,
  classRow,
  countyData,
  countyRow,
  juniorSchool,
  nationalRuleSet,
  school,
} from './__tests__/fixtures';
import type { CountyData, CountyRow } from './county-data';
import { evaluateCounty } from './evaluate-county';
import type { GovernmentIndicator, IndicatorResult } from './evaluation.types';
import type { RuleSet } from './rule-set';

const rules = nationalRuleSet();

function g(
  id: GovernmentIndicator,
  overrides: Partial<CountyData> = {},
  ruleSet: RuleSet = rules,
): IndicatorResult {
  return evaluateCounty(countyData(overrides), ruleSet).government_guarantee.indicators[id];
}
const withCounty = (overrides: Partial<CountyRow>): Partial<CountyData> => ({ county: countyRow(overrides) });

describe('government guarantee', () => {
  it('passes every indicator on the complete fixture', () => {
    const section = evaluateCounty(countyData(), rules).government_guarantee;
    const failing = Object.entries(section.indicators).filter(([, r]) => r.passed !== true);
    expect(failing).toEqual([]);
    expect(section.passed).toBe(true);
  });

  describe.each(['G1', 'G2', 'G10'] as const)('%s (attested)', (id) => {
    it('passes on yes, fails on no, is missing without a statement', () => {
      const others = allAttestations().filter((a) => a.indicator !== id);
      expect(g(id).passed).toBe(true);
      expect(g(id).evidence).toEqual([
        expect.objectContaining({ item: id, evidence: '文件', attested_by: '灵武市教育局' }),
      ]);
      expect(g(id, { attestations: [...others, attestation(id, false)] }).passed).toBe(false);
      const none = evaluateCounty(countyData({ attestations: others }), rules);
      expect(none.government_guarantee.indicators[id].passed).toBeNull();
      expect(none.missing).toContain(id);
    });

    it('fails when one of several statements says no', () => {
      const others = allAttestations().filter((a) => a.indicator !== id);
      expect(
        g(id, { attestations: [...others, attestation(id, true), attestation(id, false, '整改通知')] })
          .passed,
      ).toBe(false);
    });
  });

  describe('G3 music and art rooms', () => {
    it('needs one room of each per 12 classes (rounded up)', () => {
      const r = g('G3', { schools: [school({ classes: 25, music_rooms: 2, art_rooms: 3 })] });
      expect(r.passed).toBe(false);
      expect(r.value).toBe(1);
      expect(r.offenders).toEqual([expect.objectContaining({ school_code: 'S001', value: 2, limit: 3 })]);
      expect(g('G3', { schools: [school({ classes: 24, music_rooms: 2, art_rooms: 2 })] }).passed).toBe(true);
    });

    it('needs the smallest music room ≥ 96 m² and art room ≥ 90 m²', () => {
      expect(
        g('G3', { schools: [school({ music_room_min_area_m2: 96, art_room_min_area_m2: 90 })] }).passed,
      ).toBe(true);
      expect(g('G3', { schools: [school({ music_room_min_area_m2: 95.9 })] }).passed).toBe(false);
      const art = g('G3', { schools: [school({ art_room_min_area_m2: 89 })] });
      expect(art.offenders?.[0].detail).toBe('smallest art room 89 m² < 90 m²');
    });

    it('needs at least one room of each even for a small school', () => {
      expect(g('G3', { schools: [school({ classes: 6, music_rooms: 0 })] }).passed).toBe(false);
    });

    it('counts classes from the classes table when the school row leaves them blank', () => {
      const classes = Array.from({ length: 13 }, (_, i) => classRow({ class_name: `${i + 1}班` }));
      const r = g('G3', { schools: [school({ classes: null, music_rooms: 1, art_rooms: 2 })], classes });
      expect(r.passed).toBe(false);
      expect(r.offenders?.[0]).toMatchObject({ value: 1, limit: 2 });
    });

    it('is undecided when room figures are missing', () => {
      expect(g('G3', { schools: [school({ music_rooms: null })] }).passed).toBeNull();
    });

    it('ignores teaching points and special schools', () => {
      const schools = [
        school(),
        school({
          school_code: 'TP',
          school_type: 'teaching_point',
          parent_school_code: 'S001',
          music_rooms: 0,
        }),
        school({ school_code: 'SP', school_type: 'special', music_rooms: 0 }),
      ];
      expect(g('G3', { schools }).passed).toBe(true);
    });

    it('applies a transitional exception for older buildings and reports it', () => {
      const relaxed: RuleSet = {
        ...rules,
        resource_allocation: {
          ...rules.resource_allocation,
          exceptions: [
            {
              id: 'old-building',
              description: '旧标准校舍',
              when: { build_year_before: 2012 },
              special_rooms: { music_room_min_area_m2: 73, art_room_min_area_m2: 67 },
            },
          ],
        },
      };
      const old = school({ build_year: 2005, music_room_min_area_m2: 80, art_room_min_area_m2: 70 });
      const r = g('G3', { schools: [old] }, relaxed);
      expect(r.passed).toBe(true);
      expect(r.exceptions_applied).toEqual([{ school_code: 'S001', exceptions: ['old-building'] }]);
      expect(g('G3', { schools: [{ ...old, build_year: 2015 }] }, relaxed).passed).toBe(false);
    });
  });

  describe('G4 school size', () => {
    it('allows 2000 students in a primary or junior school, not 2001', () => {
      expect(g('G4', { schools: [school({ students: 2000 })] }).passed).toBe(true);
      const over = g('G4', { schools: [school({ students: 2001 }), juniorSchool()] });
      expect(over.passed).toBe(false);
      expect(over.offenders).toEqual([
        expect.objectContaining({ school_code: 'S001', value: 2001, limit: 2000 }),
      ]);
    });

    it('allows 2500 in the compulsory part of a nine-year school, senior students not counted', () => {
      const twelve = (primary: number, junior: number) =>
        school({
          school_code: 'T',
          school_type: 'twelve_year',
          level: 'combined',
          students: primary + junior + 900,
          students_primary: primary,
          students_junior: junior,
          students_senior: 900,
        });
      expect(g('G4', { schools: [twelve(1500, 1000)] }).passed).toBe(true);
      expect(g('G4', { schools: [twelve(1500, 1001)] }).value).toBe(1);
    });

    it('adds up a nine-year school given as two rows', () => {
      const rows = [
        school({ school_code: 'N', school_type: 'nine_year', level: 'primary', students: 1600 }),
        school({ school_code: 'N', school_type: 'nine_year', level: 'junior', students: 901 }),
      ];
      expect(g('G4', { schools: rows }).offenders).toEqual([
        expect.objectContaining({ school_code: 'N', value: 2501, limit: 2500 }),
      ]);
    });
  });

  describe('G5 class size', () => {
    it('allows 45 in a primary class and 50 in a junior class', () => {
      const ok = [classRow({ students: 45 }), classRow({ level: 'junior', grade: 8, students: 50 })];
      expect(g('G5', { classes: ok }).passed).toBe(true);
    });

    it('lists every class over the limit', () => {
      const r = g('G5', {
        classes: [
          classRow({ students: 46 }),
          classRow({ level: 'junior', grade: 8, class_name: '8年级2班', students: 51 }),
          classRow({ students: 30 }),
        ],
      });
      expect(r.passed).toBe(false);
      expect(r.value).toBe(2);
      expect(r.offenders).toEqual([
        expect.objectContaining({
          school_code: 'S001',
          school_name: '第一小学',
          level: 'primary',
          value: 46,
          limit: 45,
        }),
        expect.objectContaining({ level: 'junior', grade: 8, class_name: '8年级2班', value: 51, limit: 50 }),
      ]);
      expect(r.detail).toBe('2 of 3 classes over the limit (primary 45, junior 50)');
    });

    it('is missing without class data', () => {
      const result = evaluateCounty(countyData({ classes: [] }), rules);
      expect(result.government_guarantee.indicators.G5.passed).toBeNull();
      expect(result.missing).toContain('G5');
    });
  });

  describe('G6 small village schools funded as 100 students', () => {
    const village = school({ school_code: 'V', location: 'rural', students: 80 });
    it('passes when there is no such school, whatever the funding flag', () => {
      expect(g('G6', withCounty({ small_schools_funded_as_100: false })).passed).toBe(true);
    });
    it('follows the funding flag when small village schools exist', () => {
      expect(g('G6', { schools: [school(), village] }).passed).toBe(true);
      const notFunded = g('G6', {
        schools: [school(), village],
        ...withCounty({ small_schools_funded_as_100: false }),
      });
      expect(notFunded.passed).toBe(false);
      expect(notFunded.offenders).toEqual([
        expect.objectContaining({ school_code: 'V', value: 80, limit: 100 }),
      ]);
      expect(
        g('G6', { schools: [school(), village], ...withCounty({ small_schools_funded_as_100: null }) })
          .passed,
      ).toBeNull();
    });
    it('does not count a town school or a rural school of 100', () => {
      const r = g('G6', {
        schools: [school({ location: 'town', students: 80 }), { ...village, students: 100 }],
        ...withCounty({ small_schools_funded_as_100: false }),
      });
      expect(r.passed).toBe(true);
    });
  });

  it('G7 special-education funds ≥ 6000 yuan per student', () => {
    expect(g('G7', withCounty({ special_ed_funds_per_student_yuan: 6000 })).passed).toBe(true);
    expect(g('G7', withCounty({ special_ed_funds_per_student_yuan: 5999 })).passed).toBe(false);
    expect(g('G7', withCounty({ special_ed_funds_per_student_yuan: null })).passed).toBeNull();
  });

  it("G8 teachers' pay ≥ civil servants', and performance pay (G8a) when attested", () => {
    expect(
      g('G8', withCounty({ teacher_avg_pay_yuan: 96_000, civil_servant_avg_pay_yuan: 96_000 })).passed,
    ).toBe(true);
    expect(
      g('G8', withCounty({ teacher_avg_pay_yuan: 95_999, civil_servant_avg_pay_yuan: 96_000 })).passed,
    ).toBe(false);
    const performance = g('G8', { attestations: [...allAttestations(), attestation('G8a', false)] });
    expect(performance.passed).toBe(false);
    expect(performance.detail).toContain('performance pay not set in full');
  });

  it('G9 360-hour training completion 100 %', () => {
    expect(g('G9', withCounty({ training_360h_rate: 1 })).passed).toBe(true);
    expect(g('G9', withCounty({ training_360h_rate: 0.999 })).passed).toBe(false);
  });

  it('G11 rotation ≥ 10 % of eligible, key teachers ≥ 20 % of rotated', () => {
    expect(
      g('G11', withCounty({ rotation_eligible: 400, rotation_rotated: 40, rotation_key_rotated: 8 })).passed,
    ).toBe(true);
    expect(
      g('G11', withCounty({ rotation_eligible: 400, rotation_rotated: 39, rotation_key_rotated: 8 })).passed,
    ).toBe(false);
    const keyShort = g(
      'G11',
      withCounty({ rotation_eligible: 400, rotation_rotated: 40, rotation_key_rotated: 7 }),
    );
    expect(keyShort.passed).toBe(false);
    expect(keyShort.values).toEqual({ rotation_rate: 0.1, key_teacher_share: 0.175 });
  });

  it('G12 every full-time teacher certified', () => {
    expect(g('G12').value).toBe(1);
    const short = g('G12', { schools: [school(), juniorSchool({ certified_teachers: 59 })] });
    expect(short.passed).toBe(false);
    expect(short.offenders).toEqual([expect.objectContaining({ school_code: 'J001', value: 59, limit: 60 })]);
    expect(short.value).toBeCloseTo(119 / 120, 12);
  });

  it('G13 nearby enrolment: primary 100 %, junior ≥ 95 %', () => {
    expect(
      g('G13', withCounty({ nearby_enrolment_primary_rate: 1, nearby_enrolment_junior_rate: 0.95 })).passed,
    ).toBe(true);
    expect(g('G13', withCounty({ nearby_enrolment_junior_rate: 0.949 })).passed).toBe(false);
    expect(g('G13', withCounty({ nearby_enrolment_primary_rate: 0.995 })).passed).toBe(false);
    expect(g('G13', withCounty({ nearby_enrolment_junior_rate: null })).passed).toBeNull();
  });

  it('G14 quality senior-high quotas ≥ 50 %', () => {
    expect(g('G14', withCounty({ quota_allocation_rate: 0.5 })).passed).toBe(true);
    expect(g('G14', withCounty({ quota_allocation_rate: 0.49 })).passed).toBe(false);
  });

  it('G15 needs the care system attested and ≥ 85 % migrant children in public places', () => {
    expect(g('G15', withCounty({ migrant_public_rate: 0.85 })).passed).toBe(true);
    expect(g('G15', withCounty({ migrant_public_rate: 0.84 })).passed).toBe(false);
    const unattested = g('G15', { attestations: allAttestations().filter((a) => a.indicator !== 'G15a') });
    expect(unattested.passed).toBeNull();
    const attestedNo = g('G15', {
      attestations: [...allAttestations().filter((a) => a.indicator !== 'G15a'), attestation('G15a', false)],
    });
    expect(attestedNo.passed).toBe(false);
  });
});
