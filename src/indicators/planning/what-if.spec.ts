import { translate } from '../../common/i18n/catalog';
import { readFileSync } from 'node:fs';
import type { Highs } from 'highs';
import { projectPath } from '../../config/paths';
import { countyData, nationalRuleSet, school } from '../engine/__tests__/fixtures';
import { parseCostTable } from './cost-table';
import { loadSolver } from './solver';
import { applyEdits, evaluateScenario, ScenarioError } from './what-if';

const rules = nationalRuleSet();
const costs = parseCostTable(readFileSync(projectPath('config', 'indicators', 'costs.yaml'), 'utf8'));
let highs: Highs;
beforeAll(async () => {
  highs = await loadSolver();
});

// S001 short of sports ground (R5 7.0 against 7.5) and equipment (R6): it fails today.
const data = () =>
  countyData({
    schools: [school({ sports_area_m2: 6000, equipment_value_yuan: 1_800_000 })],
    classes: [],
  });

describe('evaluateScenario', () => {
  it('prices the edits, re-evaluates, and says what certification still costs from there', () => {
    const today = evaluateScenario(data(), rules, costs, highs, {
      edits: [],
      applyPlan: false,
      transfers: false,
    });
    expect(today.resource_allocation.passed).toBe(false);
    expect(today.edits_cost_yuan).toBe(0);
    expect(today.remaining_cost_yuan).toBeGreaterThan(0);

    const edited = evaluateScenario(data(), rules, costs, highs, {
      edits: [{ school_code: 'S001', level: 'primary', field: 'sports_area_m2', value: 7500 }],
      applyPlan: false,
      transfers: false,
    });
    expect(edited.edits_cost_yuan).toBe(1500 * 400);
    expect(edited.remaining_cost_yuan).toBeLessThan(today.remaining_cost_yuan!);
    expect(edited.total_cost_yuan).toBe(1500 * 400);
  });

  it('applying the plan passes, costs the plan, and leaves nothing to pay', () => {
    const applied = evaluateScenario(data(), rules, costs, highs, {
      edits: [],
      applyPlan: true,
      transfers: false,
    });
    expect(applied.resource_allocation.passed).toBe(true);
    expect(applied.remaining_cost_yuan).toBe(0);
    expect(applied.total_cost_yuan).toBe(applied.plan.total_cost_yuan);
    expect(applied.resource_allocation.cvs.every((c) => c.passed !== false)).toBe(true);
  });

  it('names an edit of a school that is not there, or a negative figure', () => {
    expect(() =>
      applyEdits(data(), [{ school_code: 'X', level: 'primary', field: 'students', value: 1 }]),
    ).toThrow(ScenarioError);
    const textOfEdit = (edit: Parameters<typeof applyEdits>[1][number]) => {
      try {
        applyEdits(data(), [edit]);
      } catch (error) {
        if (error instanceof ScenarioError) return translate('zh-CN', error.text);
      }
      return null;
    };
    expect(textOfEdit({ school_code: 'X', level: 'primary', field: 'students', value: 1 })).toBe(
      '数据中没有学校 X（小学）',
    );
    expect(textOfEdit({ school_code: 'S001', level: 'primary', field: 'students', value: -1 })).toBe(
      'S001 的“学生数”填写为 -1，应为不小于零的数',
    );
    expect(() =>
      applyEdits(data(), [{ school_code: 'S001', level: 'primary', field: 'students', value: -1 }]),
    ).toThrow('S001 "students": -1 is not a figure ≥ 0');
  });
});
