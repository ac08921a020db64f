import { readFileSync } from 'node:fs';
import { projectPath } from '../../config/paths';
import { classRow, countyData, nationalRuleSet, school } from '../engine/__tests__/fixtures';
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

  it('phases the teachers of new classes too, and never sets a deadline after the milestone', async () => {
    // S001's grade 1: 150 pupils in 3 classes of 50 → a fourth class, 3 teachers (2.2 per class).
    const data = countyData({
      schools: [school()],
      classes: [50, 50, 50].map((students, i) => classRow({ class_name: `1年级${i + 1}班`, students })),
    });
    const plan = planCertification(data, rules, costs, await loadSolver());
    const phased = phasePlan(plan, evaluateCounty(data, rules), costs, {
      fromYear: 2027,
      milestoneYear: 2027,
      milestoneDue: '2027-06-30',
      yearlyBudgetYuan: null,
    });
    expect(phased.years).toEqual([
      {
        year: 2027,
        due: '2027-06-30',
        cost_yuan: plan.total_cost_yuan,
        items: [
          {
            school_code: 'S001',
            level: 'primary',
            kind: 'teaching_area_m2',
            amount: 67,
            cost_yuan: 67 * 3500,
          },
          {
            school_code: 'S001',
            level: 'primary',
            kind: 'large_class_teachers',
            amount: 3,
            cost_yuan: 3 * 120_000,
          },
        ],
      },
    ]);
  });
});
