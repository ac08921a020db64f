/** Social recognition (社会认可度), indicators.md §5: respondent-weighted satisfaction ≥ 85 %. */
import { SURVEY_GROUPS, type SurveyGroup, type SurveyRow } from './county-data';
import type { EvaluationWarning, SocialRecognitionResult, SurveyGroupResult } from './evaluation.types';
import { reaches } from './verdict';

export function evaluateSocialRecognition(
  rows: readonly SurveyRow[],
  minRate: number,
  warnings: EvaluationWarning[],
): SocialRecognitionResult {
  const byGroup = new Map<SurveyGroup, SurveyGroupResult>();
  for (const r of rows) {
    const g = byGroup.get(r.group) ?? { group: r.group, respondents: 0, satisfied: 0, rate: null };
    g.respondents += r.respondents;
    g.satisfied += r.satisfied;
    byGroup.set(r.group, g);
  }
  let respondents = 0;
  let satisfied = 0;
  const groups: SurveyGroupResult[] = [];
  for (const group of SURVEY_GROUPS) {
    const g = byGroup.get(group);
    if (!g) continue;
    g.rate = g.respondents > 0 ? g.satisfied / g.respondents : null;
    respondents += g.respondents;
    satisfied += g.satisfied;
    groups.push(g);
  }
  if (groups.length > 0 && groups.length < SURVEY_GROUPS.length) {
    const absent = SURVEY_GROUPS.filter((g) => !byGroup.has(g));
    warnings.push({ code: 'SURVEY_GROUPS', message: `survey has no respondents from: ${absent.join(', ')}` });
  }
  const rate = respondents > 0 ? satisfied / respondents : null;
  return {
    rate,
    threshold: minRate,
    respondents,
    groups,
    passed: rate === null ? null : reaches(rate, minRate),
  };
}
