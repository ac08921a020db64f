/**
 * 测算推演 (what-if): a county's data with some schools' figures changed by hand, evaluated by the engine, with
 * what the changes cost and what certification still costs from there (the planner run on the changed data).
 * With `applyPlan`, that plan is applied too, so the scenario is the county once certified. Pure apart from
 * the solver instance.
 */
import type { Highs } from 'highs';
import { isMessageKey, type Message, msg, translate } from '../../common/i18n/catalog';
import { levelLabel } from '../import/cross-check';
import type { CountyData, RowLevel } from '../engine/county-data';
import { LEVELS } from '../engine/county-data';
import { evaluateCounty } from '../engine/evaluate-county';
import { RESOURCE_INDICATORS, type RuleSet } from '../engine/rule-set';
import { planCertification, type CertificationPlan, type PlanOptions } from './certification-planner';
import { ADDITION_KINDS, unitCosts, type CostTable } from './cost-table';

/** Figures a scenario may change: the students and the seven resources (R1–R7). */
export const EDITABLE_FIELDS = ['students', ...ADDITION_KINDS] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];

export interface ScenarioEdit {
  school_code: string;
  level: RowLevel;
  field: EditableField;
  value: number;
}

export interface Scenario {
  edits: readonly ScenarioEdit[];
  applyPlan: boolean;
  transfers: boolean;
}

export interface ScenarioResult {
  county_code: string;
  school_year: number;
  certifiable: boolean | null;
  resource_allocation: {
    passed: boolean | null;
    schools_passed: number;
    schools_total: number;
    schools: {
      school_code: string;
      school_name: string;
      level: string;
      passed: boolean | null;
      gaps: number;
    }[];
    cvs: { level: string; indicator: string; cv: number | null; limit: number; passed: boolean | null }[];
  };
  /** 大班额 (G5): every class within the standard size. */
  class_size_passed: boolean | null;
  /** What the hand edits cost at the cost table's prices (increases only). */
  edits_cost_yuan: number;
  /** What certification still costs from the edited data (0 once the plan is applied). */
  remaining_cost_yuan: number | null;
  /** edits + the plan when applied. */
  total_cost_yuan: number;
  /** The plan for the edited data (applied or not). */
  plan: CertificationPlan;
}

/** An edit the data cannot take; `text` says why, for people. */
export class ScenarioError extends Error {
  constructor(readonly text: Message) {
    super(translate('en', text));
  }
}

/** An editable field for people (学生数, 教学及辅助用房面积 …). */
function fieldName(field: string): Message | string {
  const key = `indicators.scenario.field.${field}`;
  return isMessageKey(key) ? msg(key) : field;
}

/** The data with the edits applied; throws ScenarioError naming the first unknown row or bad value. */
export function applyEdits(data: CountyData, edits: readonly ScenarioEdit[]): CountyData {
  const schools = data.schools.slice();
  for (const edit of edits) {
    const i = schools.findIndex((r) => r.school_code === edit.school_code && r.level === edit.level);
    if (i < 0)
      throw new ScenarioError(
        msg('indicators.scenario.no_school', { school: edit.school_code, level: levelLabel(edit.level) }),
      );
    if (!EDITABLE_FIELDS.includes(edit.field))
      throw new ScenarioError(msg('indicators.scenario.not_editable', { field: fieldName(edit.field) }));
    if (!Number.isFinite(edit.value) || edit.value < 0)
      throw new ScenarioError(
        msg('indicators.scenario.bad_value', {
          school: edit.school_code,
          field: fieldName(edit.field),
          value: edit.value,
        }),
      );
    schools[i] = { ...schools[i], [edit.field]: edit.value };
  }
  return { ...data, schools };
}

export function evaluateScenario(
  data: CountyData,
  ruleSet: RuleSet,
  costs: CostTable,
  highs: Highs,
  scenario: Scenario,
  options: Pick<PlanOptions, 'budgetSeconds'> = {},
): ScenarioResult {
  const edited = applyEdits(data, scenario.edits);
  const prices = unitCosts(costs);
  let editsCost = 0;
  for (const edit of scenario.edits) {
    const k = ADDITION_KINDS.indexOf(edit.field as (typeof ADDITION_KINDS)[number]);
    if (k < 0) continue;
    const row = data.schools.find((r) => r.school_code === edit.school_code && r.level === edit.level)!;
    editsCost += Math.max(0, edit.value - (row[ADDITION_KINDS[k]] ?? 0)) * prices[k];
  }
  const plan = planCertification(edited, ruleSet, costs, highs, {
    ...options,
    transfers: scenario.transfers,
  });
  const evaluation = scenario.applyPlan && plan.feasible ? plan.after : evaluateCounty(edited, ruleSet);
  const ra = evaluation.resource_allocation;
  const cvs: ScenarioResult['resource_allocation']['cvs'] = [];
  for (const level of LEVELS) {
    for (const id of RESOURCE_INDICATORS) {
      const entry = ra.balance[level][id];
      if (!entry.applicable) continue;
      cvs.push({
        level,
        indicator: id,
        cv: entry.cv,
        limit: ruleSet.resource_allocation.cv_limits[level],
        passed: entry.passed,
      });
    }
  }
  const remaining = plan.feasible ? (scenario.applyPlan ? 0 : plan.total_cost_yuan) : null;
  return {
    county_code: data.county_code,
    school_year: data.school_year,
    certifiable: evaluation.certifiable,
    resource_allocation: {
      passed: ra.passed,
      schools_passed: ra.schools.filter((s) => s.passed === true).length,
      schools_total: ra.schools.length,
      schools: ra.schools.map((s) => ({
        school_code: s.school_code,
        school_name: s.school_name,
        level: s.level,
        passed: s.passed,
        gaps: s.gaps.length,
      })),
      cvs,
    },
    class_size_passed: evaluation.government_guarantee.indicators.G5.passed,
    edits_cost_yuan: editsCost,
    remaining_cost_yuan: remaining,
    total_cost_yuan: editsCost + (scenario.applyPlan && plan.feasible ? plan.total_cost_yuan : 0),
    plan,
  };
}
