import { readFileSync } from 'node:fs';
import { projectPath } from '../../config/paths';
import { countyData, nationalRuleSet, school } from '../engine/__tests__/fixtures';
import { evaluateCounty } from '../engine/evaluate-county';
import { planCertification } from './certification-planner';
import { parseCostTable } from './cost-table';
import { phasePlan } from './phasing';
import { loadSolver } from './solver';

const rules = nationalRuleSet();
const costs = parseCostTable(readFileSync(projectPath('config', 'indicators', 'costs.yaml'), 'utf8'));

async function twoSchoolPlan() {
  // A: R5 short below the floor and R6 short (two gaps, failing); B: one key teacher short of its floor.
  const data = countyData({
    schools: [
      school({ school_code: 'A001', sports_area_m2: 6000, equipment_value_yuan: 1_800_000 }),
      school({ school_code: 'B001', key_teachers: 8 }),
    ],
  });
  const plan = planCertification(data, rules, costs, await loadSolver());
  return { plan, before: evaluateCounty(data, rules) };
}

describe('phasePlan', () => {
  it('spends everything in the first year without a cap', async () => {
    const { plan, before } = await twoSchoolPlan();
    const phased = phasePlan(plan, before, costs, {
      fromYear: 2025,
      milestoneYear: 2026,
      yearlyBudgetYuan: null,
    });
    expect(phased.fits).toBe(true);
    expect(phased.years[0].cost_yuan).toBe(plan.total_cost_yuan);
    expect(phased.years[1].items).toEqual([]);
  });

  it('keeps each year within the cap, the school furthest from passing first', async () => {
    const { plan, before } = await twoSchoolPlan();
    const cap = Math.ceil(plan.total_cost_yuan / 2);
    const phased = phasePlan(plan, before, costs, {
      fromYear: 2025,
      milestoneYear: 2027,
      yearlyBudgetYuan: cap,
    });
    expect(phased.fits).toBe(true);
    for (const y of phased.years) expect(y.cost_yuan).toBeLessThanOrEqual(cap);
    expect(phased.years.reduce((sum, y) => sum + y.cost_yuan, 0)).toBe(plan.total_cost_yuan);
    expect(phased.years[0].items[0].school_code).toBe('A001');
  });

  it('lists what the cap cannot pay for by the milestone', async () => {
    const { plan, before } = await twoSchoolPlan();
    const phased = phasePlan(plan, before, costs, {
      fromYear: 2025,
      milestoneYear: 2025,
      yearlyBudgetYuan: 1000,
    });
    expect(phased.fits).toBe(false);
    const unfundedCost = phased.unfunded.reduce((sum, i) => sum + i.cost_yuan, 0);
    expect(phased.years[0].cost_yuan + unfundedCost).toBe(plan.total_cost_yuan);
  });
});
