/** Education quality (教育质量), indicators.md §4: Q1–Q9, all must pass. */
import { attestedIndicator, type AttestationIndex } from './attestations';
import type { CompiledRuleSet } from './compiled-rule-set';
import type { CountyData, MonitoringRow } from './county-data';
import type {
  EvaluationWarning,
  IndicatorResult,
  IndicatorSection,
  Offender,
  QualityIndicator,
  Verdict,
} from './evaluation.types';
import { noData, rateIndicator } from './indicator-results';
import type { PhysicalSchool } from './physical-schools';
import { allPass, below, formatNumber, formatPercent, reaches } from './verdict';

function trainingFunds(
  schools: readonly PhysicalSchool[],
  minShare: number,
  warnings: EvaluationWarning[],
): IndicatorResult {
  const offenders: Offender[] = [];
  let unknown = 0;
  let covered = 0;
  let lowest: number | null = null;
  for (const s of schools) {
    // Teaching points have no budget of their own; their parent's covers them.
    if (s.school_type === 'teaching_point') continue;
    covered++;
    if (s.publicFunds === null || s.trainingFunds === null) {
      unknown++;
      continue;
    }
    if (s.publicFunds === 0) {
      unknown++;
      warnings.push({
        code: 'DIVISOR_ZERO',
        school_code: s.school_code,
        message: `${s.school_name}: public funds budget is 0; Q4 undefined`,
      });
      continue;
    }
    const share = s.trainingFunds / s.publicFunds;
    if (lowest === null || share < lowest) lowest = share;
    if (!reaches(share, minShare)) {
      offenders.push({
        school_code: s.school_code,
        school_name: s.school_name,
        value: share,
        limit: minShare,
      });
    }
  }
  if (covered === 0) return noData('no schools');
  const passed: Verdict = offenders.length > 0 ? false : unknown > 0 ? null : true;
  return {
    passed,
    value: offenders.length,
    values: { lowest_share: lowest },
    threshold: minShare,
    detail:
      `${offenders.length} of ${covered} schools budget < ${formatPercent(minShare)} for teacher training` +
      (unknown > 0 ? `; ${unknown} schools without budget figures` : ''),
    offenders,
  };
}

interface SubjectStats {
  scores: number[];
  schools: string[];
  rates: number[];
  unknown: number;
}

/**
 * Q9 per subject: difference rate = (mean − lowest school score) ÷ mean must be below the limit, and the
 * share of students at level III or above (mean over the monitored schools) must reach the minimum.
 */
function monitoring(rows: readonly MonitoringRow[], compiled: CompiledRuleSet): IndicatorResult {
  if (rows.length === 0) return noData('no national quality monitoring data');
  const { max_difference_rate: maxDiff, min_level_iii_rate: minLevel } =
    compiled.ruleSet.education_quality.Q9;
  const subjects = new Map<string, SubjectStats>();
  for (const r of rows) {
    let s = subjects.get(r.subject);
    if (!s) subjects.set(r.subject, (s = { scores: [], schools: [], rates: [], unknown: 0 }));
    if (r.score === null || r.level_iii_or_above_rate === null) {
      s.unknown++;
      continue;
    }
    s.scores.push(r.score);
    s.schools.push(r.school_code);
    s.rates.push(r.level_iii_or_above_rate);
  }
  const values: Record<string, number | null> = {};
  const verdicts: Verdict[] = [];
  const offenders: Offender[] = [];
  const parts: string[] = [];
  let worst: number | null = null;
  for (const [subject, s] of subjects) {
    if (s.unknown > 0 || s.scores.length === 0) {
      values[`${subject}.difference_rate`] = null;
      verdicts.push(null);
      parts.push(`${subject}: ${s.unknown} schools without results`);
      continue;
    }
    let sum = 0;
    let lowest = Infinity;
    let rateSum = 0;
    for (let i = 0; i < s.scores.length; i++) {
      sum += s.scores[i];
      rateSum += s.rates[i];
      if (s.scores[i] < lowest) lowest = s.scores[i];
    }
    const mean = sum / s.scores.length;
    const difference = mean === 0 ? 0 : (mean - lowest) / mean;
    const levelIii = rateSum / s.scores.length;
    const ok = below(difference, maxDiff) && reaches(levelIii, minLevel);
    values[`${subject}.difference_rate`] = difference;
    values[`${subject}.level_iii_rate`] = levelIii;
    verdicts.push(ok);
    if (worst === null || difference > worst) worst = difference;
    parts.push(
      `${subject}: difference ${formatNumber(difference, 3)}, level III+ ${formatPercent(levelIii)}`,
    );
    if (!ok) {
      // The schools that pull the lowest value under the allowed distance from the mean.
      const floor = mean * (1 - maxDiff);
      for (let i = 0; i < s.scores.length; i++) {
        if (s.scores[i] <= floor) {
          offenders.push({ school_code: s.schools[i], value: s.scores[i], limit: floor, detail: subject });
        }
      }
    }
  }
  return {
    passed: allPass(verdicts),
    value: worst,
    values,
    threshold: maxDiff,
    detail: `${parts.join('; ')} (difference < ${maxDiff}, level III+ ≥ ${formatPercent(minLevel)})`,
    offenders,
  };
}

export function evaluateEducationQuality(
  data: Pick<CountyData, 'county' | 'monitoring'>,
  schools: readonly PhysicalSchool[],
  attestations: AttestationIndex,
  compiled: CompiledRuleSet,
  warnings: EvaluationWarning[],
): IndicatorSection<QualityIndicator> {
  const rules = compiled.ruleSet.education_quality;
  const indicators: Record<QualityIndicator, IndicatorResult> = {
    Q1: rateIndicator(
      data.county?.junior_retention_rate ?? null,
      rules.Q1.min_rate,
      'three-year junior retention',
    ),
    Q2: rateIndicator(
      data.county?.disabled_enrolment_rate ?? null,
      rules.Q2.min_rate,
      'enrolment of children with disabilities',
    ),
    Q3: attestedIndicator(attestations, 'Q3'),
    Q4: trainingFunds(schools, rules.Q4.min_training_share, warnings),
    Q5: attestedIndicator(attestations, 'Q5'),
    Q6: attestedIndicator(attestations, 'Q6'),
    Q7: attestedIndicator(attestations, 'Q7'),
    Q8: attestedIndicator(attestations, 'Q8'),
    Q9: monitoring(data.monitoring, compiled),
  };
  return { indicators, passed: allPass(Object.values(indicators).map((i) => i.passed)) };
}
