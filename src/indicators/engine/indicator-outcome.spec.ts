import { allAttestations, attestation, countyData, nationalRuleSet, school } from './__tests__/fixtures';
import { evaluateCounty } from './evaluate-county';
import { indicatorOutcome } from './indicator-outcome';

const rules = nationalRuleSet();

describe('indicatorOutcome (what an evidence record keeps)', () => {
  it('judges an R indicator in every school and names the schools short of it', () => {
    const data = countyData();
    const evaluation = evaluateCounty(
      { ...data, schools: [school({ students: 600, sports_area_m2: 3660 }), ...data.schools.slice(1)] },
      rules,
    );
    const r5 = indicatorOutcome(evaluation, 'R5');
    expect(r5).toMatchObject({
      indicator: 'R5',
      rule_set: '2017',
      county_code: '640181',
      school_year: 2023,
      passed: false,
      value: 1,
    });
    expect(r5.offenders).toEqual([
      expect.objectContaining({
        school_code: 'S001',
        level: 'primary',
        value: 6.1,
        limit: 7.5,
        detail: expect.stringContaining('needs 840 m²'),
      }),
    ]);
    expect(indicatorOutcome(evaluation, 'R1')).toMatchObject({ passed: true, value: 0, offenders: [] });
  });

  it('passes through G and Q results with their offenders', () => {
    const evaluation = evaluateCounty(
      countyData({
        classes: [{ school_code: 'S001', level: 'primary', grade: 2, class_name: '2班', students: 57 }],
      }),
      rules,
    );
    const g5 = indicatorOutcome(evaluation, 'G5');
    expect(g5).toMatchObject({ passed: false, value: 1 });
    expect(g5.offenders[0]).toMatchObject({ class_name: '2班', value: 57, limit: 45 });
    expect(indicatorOutcome(evaluation, 'Q1')).toMatchObject({ passed: true, value: 0.97 });
  });

  it('covers social recognition, veto items and the whole certification', () => {
    const attestations = [...allAttestations().filter((a) => a.indicator !== 'V2'), attestation('V2', true)];
    const evaluation = evaluateCounty(countyData({ attestations }), rules);
    expect(indicatorOutcome(evaluation, 'S')).toMatchObject({ passed: true, value: 0.9 });
    expect(indicatorOutcome(evaluation, 'V2')).toMatchObject({ passed: false, value: true });
    expect(indicatorOutcome(evaluation, 'CERT')).toMatchObject({ passed: false, value: false });
    expect(indicatorOutcome(evaluateCounty(countyData(), rules), 'CERT')).toMatchObject({ passed: true });
  });
});
