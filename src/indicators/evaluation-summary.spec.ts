import { countyData, nationalRuleSet } from './engine/__tests__/fixtures';
import { evaluateCounty } from './engine';
import { summarizeEvaluation } from './evaluation-summary';

describe('summarizeEvaluation', () => {
  const evaluation = evaluateCounty(countyData(), nationalRuleSet());

  it('keeps the verdicts the dashboard shows, and nothing of the per-school detail', () => {
    const summary = summarizeEvaluation(evaluation);
    expect(summary).toEqual({
      county_code: '640181',
      school_year: 2023,
      certifiable: evaluation.certifiable,
      resource_allocation: { passed: evaluation.resource_allocation.passed },
      government_guarantee: { passed: evaluation.government_guarantee.passed },
      education_quality: { passed: evaluation.education_quality.passed },
      social_recognition: { passed: evaluation.social_recognition.passed },
      veto: { passed: evaluation.veto.passed },
    });
    expect(JSON.stringify(summary).length).toBeLessThan(JSON.stringify(evaluation).length / 10);
  });

  it('follows a failing section', () => {
    const failing = { ...evaluation, veto: { ...evaluation.veto, passed: false }, certifiable: false };
    expect(summarizeEvaluation(failing)).toMatchObject({ veto: { passed: false }, certifiable: false });
  });
});
