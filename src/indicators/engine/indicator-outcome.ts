/**
 * One indicator's outcome out of a county evaluation: what an evidence record of a plan item linked to that
 * indicator stores (indicators.md §8) — verdict, value, detail and the offending schools or classes.
 */
import type { CountyEvaluation, IndicatorId, Offender, Verdict } from './evaluation.types';
import { GOVERNMENT_INDICATORS, QUALITY_INDICATORS, VETO_ITEMS } from './evaluation.types';
import { RESOURCE_INDICATORS, type ResourceIndicator } from './rule-set';
import { allPass } from './verdict';

/** Indicator ids of the plan files: the spec's ids plus CERT, the whole certification. */
export type OutcomeId = IndicatorId | 'CERT';

export interface IndicatorOutcome {
  indicator: OutcomeId;
  rule_set: string;
  county_code: string;
  school_year: number;
  passed: Verdict;
  value: number | boolean | null;
  detail: string;
  offenders: Offender[];
}

const isResource = (id: OutcomeId): id is ResourceIndicator =>
  (RESOURCE_INDICATORS as readonly string[]).includes(id);
const isGovernment = (id: OutcomeId): id is (typeof GOVERNMENT_INDICATORS)[number] =>
  (GOVERNMENT_INDICATORS as readonly string[]).includes(id);
const isQuality = (id: OutcomeId): id is (typeof QUALITY_INDICATORS)[number] =>
  (QUALITY_INDICATORS as readonly string[]).includes(id);
const isVeto = (id: OutcomeId): id is (typeof VETO_ITEMS)[number] =>
  (VETO_ITEMS as readonly string[]).includes(id);

/**
 * An R indicator passes when every school part reaches its threshold and the CV of every level with two
 * or more schools is within its limit. (The 6-of-7 rule judges schools; a plan item about one indicator
 * asks for that indicator everywhere.)
 */
function resourceOutcome(
  e: CountyEvaluation,
  id: ResourceIndicator,
): Omit<IndicatorOutcome, 'indicator' | 'rule_set' | 'county_code' | 'school_year'> {
  const offenders: Offender[] = [];
  const verdicts: Verdict[] = [];
  for (const s of e.resource_allocation.schools) {
    const value = s.values[id];
    if (value === null) {
      verdicts.push(null);
      continue;
    }
    const gap = s.gaps.find((g) => g.indicator === id);
    verdicts.push(gap === undefined);
    if (gap) {
      offenders.push({
        school_code: s.school_code,
        school_name: s.school_name,
        level: s.level,
        value,
        limit: gap.threshold,
        detail: gap.message_en,
      });
    }
  }
  const balances = (['primary', 'junior'] as const).map((level) => e.resource_allocation.balance[level][id]);
  for (const b of balances) if (b.applicable) verdicts.push(b.passed);
  const cv = balances.map((b, i) => `${i === 0 ? 'primary' : 'junior'} CV ${b.cv_display}`).join(', ');
  return {
    passed: e.resource_allocation.schools.length === 0 ? null : allPass(verdicts),
    value: offenders.length,
    detail: `${offenders.length} of ${e.resource_allocation.schools.length} school parts below the threshold; ${cv}`,
    offenders,
  };
}

export function indicatorOutcome(e: CountyEvaluation, id: OutcomeId): IndicatorOutcome {
  const base = {
    indicator: id,
    rule_set: e.rule_set,
    county_code: e.county_code,
    school_year: e.school_year,
  };
  if (id === 'CERT') {
    return {
      ...base,
      passed: e.certifiable,
      value: e.certifiable,
      detail: e.certifiable
        ? 'every section passes and nothing is missing'
        : `not certifiable; missing: ${e.missing.join(', ') || 'none'}`,
      offenders: [],
    };
  }
  if (id === 'S') {
    const s = e.social_recognition;
    return {
      ...base,
      passed: s.passed,
      value: s.rate,
      detail: `${s.respondents} respondents`,
      offenders: [],
    };
  }
  if (isResource(id)) return { ...base, ...resourceOutcome(e, id) };
  if (isVeto(id)) {
    const item = e.veto.items[id];
    return {
      ...base,
      passed: item.triggered === null ? null : !item.triggered,
      value: item.triggered,
      detail:
        item.triggered === null
          ? 'not attested'
          : item.triggered
            ? `attested: ${item.label_zh}`
            : 'attested absent',
      offenders: [],
    };
  }
  const result = isGovernment(id)
    ? e.government_guarantee.indicators[id]
    : isQuality(id)
      ? e.education_quality.indicators[id]
      : null;
  if (!result) throw new Error(`unknown indicator ${String(id)}`);
  return {
    ...base,
    passed: result.passed,
    value: result.value,
    detail: result.detail,
    offenders: result.offenders ?? [],
  };
}
