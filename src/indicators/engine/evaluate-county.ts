/**
 * Evaluates one county and school year against a rule set (教督〔2017〕6号): resource allocation,
 * government guarantee, education quality, social recognition and veto, into the contract of
 * indicators.md §10. Pure: same data and rule set, same result.
 */
import { indexAttestations } from './attestations';
import { compileRuleSet } from './compiled-rule-set';
import type { CountyData } from './county-data';
import { evaluateEducationQuality } from './education-quality';
import {
  GOVERNMENT_INDICATORS,
  QUALITY_INDICATORS,
  VETO_ITEMS,
  type CountyEvaluation,
  type EvaluationWarning,
  type IndicatorId,
  type ResourceAllocationResult,
} from './evaluation.types';
import { evaluateGovernmentGuarantee } from './government-guarantee';
import { physicalSchools } from './physical-schools';
import { evaluateResourceAllocation } from './resource-allocation';
import { RESOURCE_INDICATORS, type RuleSet } from './rule-set';
import { evaluateSocialRecognition } from './social-recognition';
import { evaluateVeto } from './veto';

/** R ids with a value no school part could compute (or all of them when no part exists). */
function missingResources(result: ResourceAllocationResult): IndicatorId[] {
  if (result.schools.length === 0) return [...RESOURCE_INDICATORS];
  return RESOURCE_INDICATORS.filter((id) => result.schools.some((s) => s.values[id] === null));
}

export function evaluateCounty(data: CountyData, ruleSet: RuleSet): CountyEvaluation {
  const compiled = compileRuleSet(ruleSet);
  const warnings: EvaluationWarning[] = [];
  const attestations = indexAttestations(data.attestations);
  const schools = physicalSchools(data.schools);

  const resourceAllocation = evaluateResourceAllocation(data.schools, compiled, warnings);
  const governmentGuarantee = evaluateGovernmentGuarantee(data, schools, attestations, compiled, warnings);
  const educationQuality = evaluateEducationQuality(data, schools, attestations, compiled, warnings);
  const socialRecognition = evaluateSocialRecognition(
    data.survey,
    ruleSet.social_recognition.min_rate,
    warnings,
  );
  const veto = evaluateVeto(attestations);

  const missing: IndicatorId[] = [
    ...missingResources(resourceAllocation),
    ...GOVERNMENT_INDICATORS.filter((id) => governmentGuarantee.indicators[id].passed === null),
    ...QUALITY_INDICATORS.filter((id) => educationQuality.indicators[id].passed === null),
    ...(socialRecognition.passed === null ? (['S'] as const) : []),
    ...VETO_ITEMS.filter((id) => veto.items[id].triggered === null),
  ];
  const certifiable =
    missing.length === 0 &&
    resourceAllocation.passed === true &&
    governmentGuarantee.passed === true &&
    educationQuality.passed === true &&
    socialRecognition.passed === true &&
    veto.passed === true;

  return {
    county_code: data.county_code,
    county_name: data.county_name,
    school_year: data.school_year,
    rule_set: ruleSet.version,
    resource_allocation: resourceAllocation,
    government_guarantee: governmentGuarantee,
    education_quality: educationQuality,
    social_recognition: socialRecognition,
    veto,
    certifiable,
    missing,
    warnings,
  };
}
