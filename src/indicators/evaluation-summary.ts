import type { CountyEvaluation } from './engine';

/**
 * The verdicts of an evaluation, without its per-school detail: what the leadership dashboard and the meeting
 * pack show per county. A stored evaluation is ≈ 150 KB of JSON; 120 counties of it per dashboard request was
 * the dearest part of the page at province scale (issue 16), so the summary is stored beside it.
 */
export interface EvaluationSummary {
  county_code: string;
  school_year: number;
  certifiable: boolean;
  resource_allocation: { passed: CountyEvaluation['resource_allocation']['passed'] };
  government_guarantee: { passed: CountyEvaluation['government_guarantee']['passed'] };
  education_quality: { passed: CountyEvaluation['education_quality']['passed'] };
  social_recognition: { passed: CountyEvaluation['social_recognition']['passed'] };
  veto: { passed: CountyEvaluation['veto']['passed'] };
}

export function summarizeEvaluation(e: CountyEvaluation): EvaluationSummary {
  return {
    county_code: e.county_code,
    school_year: e.school_year,
    certifiable: e.certifiable,
    resource_allocation: { passed: e.resource_allocation.passed },
    government_guarantee: { passed: e.government_guarantee.passed },
    education_quality: { passed: e.education_quality.passed },
    social_recognition: { passed: e.social_recognition.passed },
    veto: { passed: e.veto.passed },
  };
}
