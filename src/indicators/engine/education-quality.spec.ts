import {
  allAttestations,
  attestation,
  countyData,
  countyRow,
  juniorSchool,
  monitoringRows,
  nationalRuleSet,
  school,
} from './__tests__/fixtures';
import type { CountyData } from './county-data';
import { evaluateCounty } from './evaluate-county';
import type { IndicatorResult, QualityIndicator } from './evaluation.types';

const rules = nationalRuleSet();

function q(id: QualityIndicator, overrides: Partial<CountyData> = {}): IndicatorResult {
  return evaluateCounty(countyData(overrides), rules).education_quality.indicators[id];
}

describe('education quality', () => {
  it('passes every indicator on the complete fixture', () => {
    const section = evaluateCounty(countyData(), rules).education_quality;
    expect(Object.entries(section.indicators).filter(([, r]) => r.passed !== true)).toEqual([]);
    expect(section.passed).toBe(true);
  });

  it('Q1 junior retention ≥ 95 %', () => {
    expect(q('Q1', { county: countyRow({ junior_retention_rate: 0.95 }) }).passed).toBe(true);
    expect(q('Q1', { county: countyRow({ junior_retention_rate: 0.9499 }) }).passed).toBe(false);
    expect(q('Q1', { county: null }).passed).toBeNull();
  });

  it('Q2 enrolment of children with disabilities ≥ 95 %', () => {
    expect(q('Q2', { county: countyRow({ disabled_enrolment_rate: 0.95 }) }).passed).toBe(true);
    expect(q('Q2', { county: countyRow({ disabled_enrolment_rate: 0.94 }) })).toMatchObject({
      passed: false,
      value: 0.94,
      threshold: 0.95,
    });
  });

  it.each(['Q3', 'Q5', 'Q6', 'Q7', 'Q8'] as const)('%s follows its attestation', (id) => {
    const others = allAttestations().filter((a) => a.indicator !== id);
    expect(q(id).passed).toBe(true);
    expect(q(id, { attestations: [...others, attestation(id, false)] }).passed).toBe(false);
    expect(q(id, { attestations: others }).passed).toBeNull();
  });

  describe('Q4 teacher training ≥ 5 % of each school’s public funds', () => {
    it('passes at exactly 5 % and lists schools below', () => {
      expect(q('Q4', { schools: [school({ training_funds_yuan: 50_000 })] }).passed).toBe(true);
      const r = q('Q4', { schools: [school(), juniorSchool({ training_funds_yuan: 49_000 })] });
      expect(r.passed).toBe(false);
      expect(r.offenders).toEqual([
        expect.objectContaining({ school_code: 'J001', value: 0.049, limit: 0.05 }),
      ]);
    });

    it('does not look at teaching points (their parent budgets for them)', () => {
      const point = school({
        school_code: 'TP',
        school_type: 'teaching_point',
        parent_school_code: 'S001',
        public_funds_yuan: null,
        training_funds_yuan: null,
      });
      expect(q('Q4', { schools: [school(), point] }).passed).toBe(true);
    });

    it('is undecided when a school reports no budget', () => {
      expect(q('Q4', { schools: [school({ public_funds_yuan: null })] }).passed).toBeNull();
    });
  });

  describe('Q9 national quality monitoring', () => {
    it('passes with difference rate (mean − lowest) ÷ mean under 0.15', () => {
      const r = q('Q9', { monitoring: monitoringRows([100, 90, 80]) });
      expect(r.passed).toBe(true);
      expect(r.value).toBeCloseTo(10 / 90, 12);
    });

    it('fails at a difference rate of exactly 0.15 ("低于": strict)', () => {
      expect(q('Q9', { monitoring: monitoringRows([115, 100, 85]) }).passed).toBe(false);
    });

    it('fails above 0.15 and names the schools far below the mean', () => {
      const r = q('Q9', { monitoring: monitoringRows([100, 100, 70]) });
      expect(r.passed).toBe(false);
      expect(r.value).toBeCloseTo(20 / 90, 12);
      expect(r.offenders).toEqual([
        expect.objectContaining({ school_code: 'S003', value: 70, detail: '数学' }),
      ]);
    });

    it('fails when the share at level III or above is under the rule-set minimum', () => {
      const r = q('Q9', { monitoring: monitoringRows([100, 98], '语文', 0.49) });
      expect(r.passed).toBe(false);
      expect(r.values?.['语文.level_iii_rate']).toBeCloseTo(0.49, 12);
    });

    it('judges every subject: one failing subject fails Q9', () => {
      const r = q('Q9', { monitoring: [...monitoringRows([100, 95]), ...monitoringRows([100, 60], '英语')] });
      expect(r.passed).toBe(false);
      expect(Object.keys(r.values ?? {})).toEqual([
        '数学.difference_rate',
        '数学.level_iii_rate',
        '英语.difference_rate',
        '英语.level_iii_rate',
      ]);
    });

    it('is missing without monitoring data', () => {
      const result = evaluateCounty(countyData({ monitoring: [] }), rules);
      expect(result.education_quality.indicators.Q9.passed).toBeNull();
      expect(result.missing).toContain('Q9');
    });
  });
});
