import {
  allAttestations,
  attestation,
  countyData,
  nationalRuleSet,
  school,
  survey,
} from './__tests__/fixtures';
import { evaluateCounty } from './evaluate-county';

const rules = nationalRuleSet();

describe('evaluateCounty', () => {
  it('returns the §10 contract with fixed keys', () => {
    const result = evaluateCounty(countyData(), rules);
    expect(Object.keys(result)).toEqual(
      expect.arrayContaining([
        'county_code',
        'school_year',
        'rule_set',
        'resource_allocation',
        'government_guarantee',
        'education_quality',
        'social_recognition',
        'veto',
        'certifiable',
        'missing',
      ]),
    );
    expect(result).toMatchObject({ county_code: '640181', school_year: 2023, rule_set: '2017' });
    const first = result.resource_allocation.schools[0];
    expect(Object.keys(first)).toEqual(
      expect.arrayContaining([
        'school_code',
        'level',
        'students',
        'values',
        'met',
        'passed',
        'apportioned',
        'gaps',
      ]),
    );
    expect(Object.keys(first.values)).toEqual(['R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7']);
    expect(result.resource_allocation.balance.junior.R1).toMatchObject({ limit: 0.45 });
    // Survives JSON, as the CLI and the API send it.
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it('is certifiable when every section passes and nothing is missing', () => {
    const result = evaluateCounty(countyData(), rules);
    expect(result.missing).toEqual([]);
    expect(result.resource_allocation.passed).toBe(true);
    expect(result.certifiable).toBe(true);
  });

  it('is not certifiable when data is missing even though nothing failed', () => {
    const result = evaluateCounty(countyData({ county: null, survey: [] }), rules);
    expect(result.missing).toEqual(['G7', 'G8', 'G9', 'G11', 'G13', 'G14', 'G15', 'Q1', 'Q2', 'S']);
    expect(result.government_guarantee.passed).toBeNull();
    expect(result.social_recognition).toMatchObject({ rate: null, passed: null });
    expect(result.certifiable).toBe(false);
  });

  it('lists an R indicator as missing when a school does not report it', () => {
    const data = countyData();
    const result = evaluateCounty(
      { ...data, schools: [...data.schools.slice(1), school({ key_teachers: null })] },
      rules,
    );
    expect(result.missing).toEqual(['R2']);
    expect(result.resource_allocation.balance.primary.R2.passed).toBeNull();
  });

  it('is not certifiable when a school fails', () => {
    const data = countyData();
    const result = evaluateCounty(
      { ...data, schools: [school({ sports_area_m2: 5000 }), ...data.schools.slice(1)] },
      rules,
    );
    expect(result.resource_allocation.passed).toBe(false);
    expect(result.missing).toEqual([]);
    expect(result.certifiable).toBe(false);
  });

  describe('social recognition', () => {
    it('weights groups by respondents, not group rates', () => {
      const rows = [
        { county_code: '640181', group: 'students' as const, respondents: 1000, satisfied: 800 },
        { county_code: '640181', group: 'parents' as const, respondents: 100, satisfied: 100 },
      ];
      const result = evaluateCounty(countyData({ survey: rows }), rules).social_recognition;
      // Mean of group rates would be 0.9 and pass; respondent-weighted it is 900 / 1100.
      expect(result.rate).toBeCloseTo(900 / 1100, 12);
      expect(result.passed).toBe(false);
      expect(result.groups).toEqual([
        { group: 'students', respondents: 1000, satisfied: 800, rate: 0.8 },
        { group: 'parents', respondents: 100, satisfied: 100, rate: 1 },
      ]);
    });

    it('passes at exactly 85 % and warns about groups never asked', () => {
      const result = evaluateCounty(countyData({ survey: survey(0.85) }), rules);
      expect(result.social_recognition).toMatchObject({ rate: 0.85, passed: true, respondents: 700 });
      expect(result.warnings.some((w) => w.code === 'SURVEY_GROUPS')).toBe(false);
      const partial = evaluateCounty(countyData({ survey: survey(0.9).slice(0, 2) }), rules);
      expect(partial.warnings).toContainEqual(expect.objectContaining({ code: 'SURVEY_GROUPS' }));
    });
  });

  describe('veto', () => {
    it('blocks certification when any item is attested yes', () => {
      const attestations = [
        ...allAttestations().filter((a) => a.indicator !== 'V3'),
        attestation('V3', true, '重点班整改通报'),
      ];
      const result = evaluateCounty(countyData({ attestations }), rules);
      expect(result.veto.triggered).toEqual(['V3']);
      expect(result.veto.passed).toBe(false);
      expect(result.veto.items.V3).toMatchObject({ triggered: true, label_zh: '存在重点学校或重点班' });
      expect(result.veto.items.V3.evidence[0].evidence).toBe('重点班整改通报');
      expect(result.certifiable).toBe(false);
    });

    it('counts an unattested item as missing', () => {
      const result = evaluateCounty(
        countyData({ attestations: allAttestations().filter((a) => a.indicator !== 'V5') }),
        rules,
      );
      expect(result.veto).toMatchObject({ triggered: [], passed: null });
      expect(result.missing).toEqual(['V5']);
      expect(result.certifiable).toBe(false);
    });
  });
});
