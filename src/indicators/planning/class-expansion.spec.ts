import { readFileSync } from 'node:fs';
import type { Highs } from 'highs';
import { projectPath } from '../../config/paths';
import { classRow, countyData, nationalRuleSet, school } from '../engine/__tests__/fixtures';
import type { ClassRow, SchoolRow } from '../engine/county-data';
import { evaluateCounty } from '../engine/evaluate-county';
import { applyPlan, planCertification } from './certification-planner';
import { classExpansions, expandClasses } from './class-expansion';
import { parseCostTable, type CostTable } from './cost-table';
import { loadSolver } from './solver';

const rules = nationalRuleSet();
const costs = parseCostTable(readFileSync(projectPath('config', 'indicators', 'costs.yaml'), 'utf8'));
const norms = costs.class_expansion;
let highs: Highs;
beforeAll(async () => {
  highs = await loadSolver();
});

/** Grade 1 of S001 in `sizes` classes. */
const grade1 = (...sizes: number[]): ClassRow[] =>
  sizes.map((students, i) => classRow({ class_name: `1年级${i + 1}班`, students }));

describe('classExpansions (大班额)', () => {
  it('opens ⌈students / 45⌉ classes in a primary grade over the limit, each a classroom and teachers', () => {
    const data = countyData({ schools: [school()], classes: grade1(50, 50, 50) });
    const found = classExpansions(data, rules, norms).get(0);
    // 150 students need 4 classes of at most 45: one new class, 2.2 teachers per class → 3, 67 m².
    expect(found).toEqual({
      extra_classes: 1,
      teachers: 3,
      teaching_area_m2: 67,
      grades: [
        {
          level: 'primary',
          grade: 1,
          students: 150,
          classes: 3,
          needed_classes: 4,
          largest_class: 50,
          limit: 45,
        },
      ],
    });
  });

  it('only re-divides a grade whose students fit its classes, and ignores grades within the limit', () => {
    const data = countyData({
      schools: [school()],
      classes: [...grade1(47, 43, 44), classRow({ grade: 2, class_name: '2年级1班', students: 45 })],
    });
    const found = classExpansions(data, rules, norms).get(0);
    expect(found).toMatchObject({ extra_classes: 0, teachers: 0, teaching_area_m2: 0 });
    expect(found?.grades.map((g) => g.grade)).toEqual([1]);
  });

  it('spreads the students evenly, every class within the limit, no student lost', () => {
    const classes = grade1(58, 57, 50);
    const data = countyData({ schools: [school()], classes });
    const expansion = classExpansions(data, rules, norms).get(0)!;
    const after = expandClasses(classes, 'S001', expansion.grades);
    expect(after.map((c) => c.students)).toEqual([42, 41, 41, 41]);
    expect(after.map((c) => c.class_name)).toEqual(['1年级1班', '1年级2班', '1年级3班', '1年级新增1班']);
  });
});

describe('planCertification with large classes', () => {
  const plan = (schools: SchoolRow[], classes: ClassRow[], table: CostTable = costs) =>
    planCertification(countyData({ schools, classes }), rules, table, highs);

  it('costs the new classes and brings the class-size indicator to pass', () => {
    const schools = [school()];
    const classes = grade1(50, 50, 50);
    const result = plan(schools, classes);
    expect(result.feasible).toBe(true);
    const s = result.schools[0];
    expect(s.additions.teaching_area_m2).toBe(67);
    expect(s.large_classes).toMatchObject({ extra_classes: 1, teachers: 3, cost_yuan: 3 * 120_000 });
    expect(s.cost_yuan).toBe(67 * 3500 + 3 * 120_000);
    expect(
      evaluateCounty(countyData({ schools, classes }), rules).government_guarantee.indicators.G5.passed,
    ).toBe(false);
    expect(result.after.government_guarantee.indicators.G5.passed).toBe(true);
    const applied = evaluateCounty(applyPlan(countyData({ schools, classes }), result.schools), rules);
    expect(applied.government_guarantee.indicators.G5.passed).toBe(true);
    expect(applied.resource_allocation.passed).toBe(true);
  });

  it('counts the classrooms towards a teaching-area shortfall instead of building twice', () => {
    // R4 4.45 and R5 7.0 short; sports ground made dear, so R4 must reach 4.5 (+50 m²): the 67 m² classroom covers it.
    const schools = [school({ teaching_area_m2: 4450, sports_area_m2: 7000 })];
    const dearSports: CostTable = {
      ...costs,
      costs: { ...costs.costs, sports_area_m2: { ...costs.costs.sports_area_m2, yuan: 100_000 } },
    };
    const withClasses = plan(schools, grade1(50, 50, 50), dearSports).schools[0];
    expect(withClasses.additions).toMatchObject({ teaching_area_m2: 67, sports_area_m2: 0 });
    const withoutClasses = plan(schools, [], dearSports).schools[0];
    expect(withoutClasses.additions).toMatchObject({ teaching_area_m2: 50, sports_area_m2: 0 });
    expect(withoutClasses.large_classes).toBeNull();
  });
});
