import { translate } from '../../common/i18n/catalog';
import { readFileSync } from 'node:fs';
import type { Highs } from 'highs';
import { projectPath } from '../../config/paths';
import { countyData, juniorSchool, nationalRuleSet, school } from '../engine/__tests__/fixtures';
import type { SchoolRow } from '../engine/county-data';
import { evaluateCounty } from '../engine/evaluate-county';
import { weightedCv } from '../engine/resource-allocation';
import { importFolder, toCountyData } from '../import/dataset-importer';
import { applyPlan, planCertification, type CertificationPlan } from './certification-planner';
import { parseCostTable, type CostTable } from './cost-table';
import { loadSolver } from './solver';

const rules = nationalRuleSet();
const costs = parseCostTable(readFileSync(projectPath('config', 'indicators', 'costs.yaml'), 'utf8'));
let highs: Highs;
beforeAll(async () => {
  highs = await loadSolver();
});

const withPrice = (kind: keyof CostTable['costs'], yuan: number): CostTable => ({
  ...costs,
  costs: { ...costs.costs, [kind]: { ...costs.costs[kind], yuan } },
});

const planFor = (schools: SchoolRow[], table = costs, transfers = false): CertificationPlan =>
  planCertification(countyData({ schools }), rules, table, highs, { transfers });

const planned = (plan: CertificationPlan, code: string) => {
  const found = plan.schools.find((s) => s.school_code === code);
  if (!found) throw new Error(`no plan for ${code}`);
  return found;
};

/** The plan re-checked from outside: its additions applied to the data and evaluated by the engine. */
function expectPasses(schools: SchoolRow[], plan: CertificationPlan) {
  expect(plan.feasible).toBe(true);
  const after = evaluateCounty(applyPlan(countyData({ schools }), plan.schools), rules);
  expect(after.resource_allocation.passed).toBe(true);
  expect(plan.after.resource_allocation.passed).toBe(true);
  for (const s of plan.schools) {
    for (const v of [...Object.values(s.additions), ...Object.values(s.transfers_in)]) {
      expect(Number.isInteger(v) && v >= 0).toBe(true);
    }
  }
}

describe('planCertification: the school rule (6 of 7, the rest ≥ 85 %)', () => {
  // R4 4.05 (90 % of 4.5) and R5 7.0 (93 % of 7.5): one of them must reach its threshold.
  const twoShort = () => [school({ teaching_area_m2: 4050, sports_area_m2: 7000 })];

  it('leaves the school short on the indicator that is dearer to fix', () => {
    const schools = twoShort();
    // 500 m² of sports ground (400 元) is cheaper than 450 m² of building (3,500 元).
    const plan = planFor(schools);
    expectPasses(schools, plan);
    expect(planned(plan, 'S001').additions).toMatchObject({ sports_area_m2: 500, teaching_area_m2: 0 });
    expect(plan.total_cost_yuan).toBe(500 * 400);
    expect(plan.after.resource_allocation.schools[0].met).not.toContain('R4');
  });

  it('chooses the other indicator when the prices turn', () => {
    const schools = twoShort();
    const plan = planFor(schools, withPrice('teaching_area_m2', 100));
    expectPasses(schools, plan);
    expect(planned(plan, 'S001').additions).toMatchObject({ sports_area_m2: 0, teaching_area_m2: 450 });
    expect(plan.total_cost_yuan).toBe(450 * 100);
  });

  it('lifts a lone missed indicator only to its 85 % floor', () => {
    // R6 1,600 元 < 1,700 (85 % of 2,000); every other indicator met.
    const schools = [school({ equipment_value_yuan: 1_600_000 })];
    const plan = planFor(schools);
    expectPasses(schools, plan);
    expect(planned(plan, 'S001').additions.equipment_value_yuan).toBe(100_000);
    expect(plan.optimality_gap).toBeLessThanOrEqual(1e-4);
  });

  it('adds nothing to a county that already passes', () => {
    const schools = [school(), juniorSchool()];
    const plan = planFor(schools);
    expectPasses(schools, plan);
    expect(plan.total_cost_yuan).toBe(0);
    expect(plan.rounds).toBe(1);
  });

  it('apportions additions to a combined row like its resources', () => {
    // A nine-year school on one row, short of sports area at both levels.
    const nineYear = school({
      school_code: 'N001',
      school_type: 'nine_year',
      level: 'combined',
      students: 1000,
      students_primary: 600,
      students_junior: 400,
      teachers_above_degree: 60,
      key_teachers: 12,
      pe_art_teachers: 10,
      teaching_area_m2: 6000,
      sports_area_m2: 5000,
      equipment_value_yuan: 2_600_000,
      multimedia_rooms: 26,
    });
    const plan = planFor([nineYear]);
    expectPasses([nineYear], plan);
    expect(planned(plan, 'N001').level).toBe('combined');
    expect(planned(plan, 'N001').additions.sports_area_m2).toBeGreaterThan(0);
  });

  it('reports missing figures instead of planning around them', () => {
    const plan = planFor([school({ sports_area_m2: null }), school({ school_code: 'S002' })]);
    expect(plan.feasible).toBe(false);
    expect(plan.reasons).toEqual([
      { key: 'indicators.plan.missing_data', params: expect.objectContaining({ indicator: 'R5' }) },
    ]);
    expect(translate('zh-CN', plan.reasons[0])).toMatch(/^无法测算：.*（小学）未填报指标 R5 所需的数据$/);
    expect(plan.schools).toEqual([]);
  });
});

describe('planCertification: coefficients of variation', () => {
  // Eight small schools with ample sports grounds and two large ones at the standard: every school passes,
  // but the primary R5 CV is far over 0.50.
  const sized = (code: string, students: number, sportsPerStudent: number): SchoolRow => {
    const base = school();
    const per = (v: number | null) => Math.round(((v ?? 0) * students) / base.students);
    return school({
      school_code: code,
      students,
      teachers_above_degree: per(base.teachers_above_degree),
      key_teachers: per(base.key_teachers),
      pe_art_teachers: per(base.pe_art_teachers),
      teaching_area_m2: per(base.teaching_area_m2),
      sports_area_m2: students * sportsPerStudent,
      equipment_value_yuan: per(base.equipment_value_yuan),
      multimedia_rooms: per(base.multimedia_rooms),
    });
  };
  const lopsided = () => [
    ...Array.from({ length: 8 }, (_, i) => sized(`S10${i}`, 300, 40)),
    sized('B001', 2000, 7.5),
    sized('B002', 1800, 7.5),
  ];

  it('brings a failing CV under its limit with cuts, adding only where the values are low', () => {
    const schools = lopsided();
    const before = evaluateCounty(countyData({ schools }), rules).resource_allocation;
    expect(before.schools.every((s) => s.passed)).toBe(true);
    expect(before.balance.primary.R5.passed).toBe(false);

    const plan = planFor(schools);
    expectPasses(schools, plan);
    expect(plan.cuts).toBeGreaterThan(0);
    expect(plan.optimality_gap).toBeLessThanOrEqual(1e-4);
    const cv = plan.after.resource_allocation.balance.primary.R5.cv!;
    // Cheapest means just inside the limit, not far below it.
    expect(cv).toBeLessThanOrEqual(0.5);
    expect(cv).toBeGreaterThan(0.49);
    for (const s of plan.schools) {
      if (s.school_code.startsWith('S1')) expect(s.additions.sports_area_m2).toBe(0);
    }
    expect(
      planned(plan, 'B001').additions.sports_area_m2 + planned(plan, 'B002').additions.sports_area_m2,
    ).toBeGreaterThan(0);
  });

  it('with no time budget left, repairs the first plan and states a gap that bounds the true optimum', () => {
    // B001 also short on teaching area (R4 4.05 of 4.5): a y choice interacts with the R5 CV cuts.
    const schools = lopsided().map((s) => (s.school_code === 'B001' ? { ...s, teaching_area_m2: 8100 } : s));
    const patient = planFor(schools);
    const hurried = planCertification(countyData({ schools }), rules, costs, highs, { budgetSeconds: 0 });
    expectPasses(schools, hurried);
    expect(hurried.optimality_gap).not.toBeNull();
    expect(hurried.total_cost_yuan).toBeGreaterThanOrEqual(patient.total_cost_yuan);
    // The proven bound (cost × (1 − gap)) is never above the best plan found with time to spare.
    expect(hurried.total_cost_yuan * (1 - hurried.optimality_gap!)).toBeLessThanOrEqual(
      patient.total_cost_yuan + 1e-6,
    );
  });

  it('cuts only what a passing plan could not do without (the engine CV matches the formula)', () => {
    const schools = lopsided();
    const plan = planFor(schools);
    const after = applyPlan(countyData({ schools }), plan.schools).schools;
    const cv = weightedCv(
      after.map((s) => s.students),
      after.map((s) => s.sports_area_m2! / s.students),
    );
    expect(cv).toBeCloseTo(plan.after.resource_allocation.balance.primary.R5.cv!, 12);
    // One square metre less at either large school and the CV fails: the plan is at the limit.
    for (const code of ['B001', 'B002']) {
      const trimmed = plan.schools.map((s) =>
        s.school_code === code && s.additions.sports_area_m2 > 0
          ? { ...s, additions: { ...s.additions, sports_area_m2: s.additions.sports_area_m2 - 200 } }
          : s,
      );
      const check = evaluateCounty(applyPlan(countyData({ schools }), trimmed), rules);
      if (planned(plan, code).additions.sports_area_m2 > 0)
        expect(check.resource_allocation.balance.primary.R5.passed).toBe(false);
    }
  });
});

describe('planCertification: teacher transfers (交流轮岗)', () => {
  // A has 20 key teachers for 1,000 students (R2 2.0); B has 8 (0.8, under the 0.85 floor).
  const keyTeachersApart = () => [
    school({ school_code: 'A001', key_teachers: 20 }),
    school({ school_code: 'B001', key_teachers: 8 }),
  ];

  it('cultivates key teachers at the school that lacks them when transfers are not allowed', () => {
    const schools = keyTeachersApart();
    const plan = planFor(schools);
    expectPasses(schools, plan);
    expect(planned(plan, 'B001').additions.key_teachers).toBe(1);
    expect(plan.total_cost_yuan).toBe(costs.costs.key_teachers.yuan);
  });

  it('moves a key teacher instead when that is cheaper', () => {
    const schools = keyTeachersApart();
    const plan = planFor(schools, costs, true);
    expectPasses(schools, plan);
    expect(planned(plan, 'B001').additions.key_teachers).toBe(0);
    expect(planned(plan, 'B001').transfers_in.key_teachers).toBe(1);
    expect(planned(plan, 'A001').transfers_out.key_teachers).toBe(1);
    expect(plan.total_cost_yuan).toBe(costs.transfers.yuan_per_teacher);
  });

  it('never sends more than the cap of a school’s teachers', () => {
    // B needs 9 key teachers (the 0.85 floor); A may send at most 10 % of its 60 full-time teachers.
    const schools = [
      school({ school_code: 'A001', key_teachers: 20 }),
      school({ school_code: 'B001', key_teachers: 0 }),
    ];
    const plan = planFor(schools, costs, true);
    expectPasses(schools, plan);
    expect(planned(plan, 'A001').transfers_out.key_teachers).toBe(6);
    expect(planned(plan, 'B001').transfers_in.key_teachers).toBe(6);
    expect(planned(plan, 'B001').additions.key_teachers).toBe(3);
  });
});

describe('planCertification: the example counties', () => {
  it.each(['example', 'example-2024'])('%s: applying the plan passes resource allocation', async (folder) => {
    const result = await importFolder(projectPath('config', 'indicators', folder));
    if (!result.ok) throw new Error(`${folder} does not import`);
    for (const county of result.dataset.counties) {
      const data = toCountyData(county, county.school_year!);
      for (const transfers of [false, true]) {
        const plan = planCertification(data, rules, costs, highs, { transfers });
        expect(plan.feasible).toBe(true);
        expect(evaluateCounty(applyPlan(data, plan.schools), rules).resource_allocation.passed).toBe(true);
      }
    }
  });
});
