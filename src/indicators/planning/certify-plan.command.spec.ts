import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { CliContext } from '../../cli/cli-command';
import { projectPath } from '../../config/paths';
import { evaluateCounty } from '../engine';
import { importFolder, toCountyData } from '../import/dataset-importer';
import { loadRuleSet } from '../rule-set.loader';
import { applyPlan, type CertificationPlan } from './certification-planner';
import { certifyPlanCommand, type PhasingResult } from './certify-plan.command';

const EXAMPLE = projectPath('config', 'indicators', 'example');

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const ctx: CliContext = {
    runtime: () => Promise.reject(new Error('certify:plan needs no runtime')),
    app: () => Promise.reject(new Error('certify:plan needs no database')),
    out: (text) => out.push(text),
    err: (text) => err.push(text),
  };
  const code = await certifyPlanCommand.run(args, ctx);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'duban-plan-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('certify:plan', () => {
  it('prints the JSON contract; the additions applied to the data pass resource allocation', async () => {
    const { code, out } = await run('--data', EXAMPLE, '--year', '2023', '--json');
    expect(code).toBe(0);
    const plan = JSON.parse(out) as CertificationPlan;
    expect(plan).toMatchObject({ county_code: '640181', feasible: true, optimality_gap: 0 });
    expect(plan.after.resource_allocation.passed).toBe(true);
    // The 2023 example: one key teacher at 马家滩镇小学 and sports ground at 第二中学 (400 元/m²) for resource
    // allocation; new classes (classroom area, teachers) where a grade's classes are over the standard size.
    const changed = plan.schools.filter((s) => s.cost_yuan > 0);
    expect(changed.map((s) => [s.school_code, s.level])).toEqual([
      ['2164018001', 'primary'],
      ['2164018002', 'primary'],
      ['2164018008', 'primary'],
      ['2164018101', 'junior'],
      ['2164018201', 'combined'],
    ]);
    const second = changed[3];
    expect(second.large_classes).toMatchObject({ extra_classes: 3, teachers: 11, teaching_area_m2: 201 });
    expect(second.additions).toMatchObject({ sports_area_m2: 2418, teaching_area_m2: 201 });
    expect(second.cost_yuan).toBe(2418 * 400 + 201 * 3500 + 11 * 120_000);
    expect(plan.after.government_guarantee.indicators.G5.passed).toBe(true);
    expect(plan.total_cost_yuan).toBe(changed.reduce((sum, s) => sum + s.cost_yuan, 0));
    for (const s of plan.schools) {
      expect(Object.keys(s.additions)).toEqual([
        'teachers_above_degree',
        'key_teachers',
        'pe_art_teachers',
        'teaching_area_m2',
        'sports_area_m2',
        'equipment_value_yuan',
        'multimedia_rooms',
      ]);
      for (const v of Object.values(s.additions)) expect(Number.isInteger(v) && v >= 0).toBe(true);
    }
    const imported = await importFolder(EXAMPLE);
    if (!imported.ok) throw new Error('example does not import');
    const data = toCountyData(imported.dataset.counties[0], 2023);
    const before = evaluateCounty(data, await loadRuleSet());
    expect(before.resource_allocation.passed).toBe(false);
    const after = evaluateCounty(applyPlan(data, plan.schools), await loadRuleSet());
    expect(after.resource_allocation.passed).toBe(true);
  });

  it.each(['example', 'example-2024'])(
    'plans every example county (%s): the additions applied to the data pass, with and without transfers',
    async (folder) => {
      const dataDir = projectPath('config', 'indicators', folder);
      const imported = await importFolder(dataDir);
      if (!imported.ok) throw new Error(`${folder} does not import`);
      const ruleSet = await loadRuleSet();
      for (const transfers of ['none', 'allowed']) {
        const out = JSON.parse((await run('--data', dataDir, '--transfers', transfers, '--json')).out) as
          CertificationPlan | CertificationPlan[];
        for (const plan of Array.isArray(out) ? out : [out]) {
          expect(plan.feasible).toBe(true);
          const county = imported.dataset.counties.find((c) => c.county_code === plan.county_code);
          if (!county) throw new Error(`no county ${plan.county_code}`);
          const after = evaluateCounty(
            applyPlan(toCountyData(county, plan.school_year), plan.schools),
            ruleSet,
          );
          expect(after.resource_allocation.passed).toBe(true);
          expect(after.government_guarantee.indicators.G5.passed).not.toBe(false);
        }
      }
    },
  );

  it('uses transfers only when allowed, and never costs more with them', async () => {
    const without = JSON.parse((await run('--data', EXAMPLE, '--json')).out) as CertificationPlan;
    const allowed = JSON.parse(
      (await run('--data', EXAMPLE, '--transfers', 'allowed', '--json')).out,
    ) as CertificationPlan;
    expect(without.schools.every((s) => Object.values(s.transfers_in).every((n) => n === 0))).toBe(true);
    expect(allowed.feasible).toBe(true);
    expect(allowed.total_cost_yuan).toBeLessThanOrEqual(without.total_cost_yuan);
    expect(allowed.schools.some((s) => s.transfers_in.key_teachers > 0)).toBe(true);
  });

  it('prints a Chinese summary for a person', async () => {
    const { code, out } = await run('--data', EXAMPLE);
    expect(code).toBe(0);
    expect(out).toContain('最低总成本 9,789,200 元');
    expect(out).toContain(
      '灵武市第二中学（初中）：教学及辅助用房 201 平方米，体育运动场馆 2,418 平方米，消除超标准班额：增设班级 3 个（教室 201 平方米已计入教学及辅助用房）、配备教师 11 人 — 2,990,700 元',
    );
    expect(out).toContain(
      '灵武市崇兴镇中心小学（小学）：消除超标准班额：调整分班（2 个年级，不增设班级） — 0 元',
    );
  });

  it('reads another cost table and names its problems', async () => {
    const shipped = await readFile(projectPath('config', 'indicators', 'costs.yaml'), 'utf8');
    const cheapBuildings = path.join(dir, 'costs.yaml');
    await writeFile(cheapBuildings, shipped.replace('yuan: 400', 'yuan: 5000'));
    const plan = JSON.parse(
      (await run('--data', EXAMPLE, '--costs', cheapBuildings, '--json')).out,
    ) as CertificationPlan;
    expect(plan.feasible).toBe(true);
    expect(plan.total_cost_yuan).toBeGreaterThan(9_789_200);

    const broken = path.join(dir, 'broken.yaml');
    await writeFile(broken, shipped.replace('yuan: 400', 'yuan: free'));
    const bad = await run('--data', EXAMPLE, '--costs', broken);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('costs.sports_area_m2.yuan');
  });

  it('phases the plan up to the milestone within the yearly budget, every year due by 31 August', async () => {
    const { code, out } = await run(
      '--data',
      EXAMPLE,
      '--year',
      '2023',
      '--phase',
      '--milestone',
      '2026',
      '--budget',
      '3000000',
      '--json',
    );
    expect(code).toBe(0);
    const plan = JSON.parse(out) as CertificationPlan & { phasing: PhasingResult };
    const { phasing } = plan;
    expect(phasing.milestone).toMatchObject({ year: 2026, due: '2026-12-31' });
    expect(phasing.years.map((y) => [y.year, y.due])).toEqual([
      [2024, '2024-08-31'],
      [2025, '2025-08-31'],
      [2026, '2026-08-31'],
    ]);
    for (const year of phasing.years) expect(year.cost_yuan).toBeLessThanOrEqual(3_000_000);
    const phased = [...phasing.years.flatMap((y) => y.items), ...phasing.unfunded];
    expect(phased.reduce((sum, i) => sum + i.cost_yuan, 0)).toBe(plan.total_cost_yuan);
    // 9,789,200 元 in three years of 3,000,000 元 cannot all be paid: what is left is listed.
    expect(phasing.fits).toBe(false);
    expect(phasing.unfunded.length).toBeGreaterThan(0);
    // Earliest-needed first: the school that fails resource allocation (第二中学) is funded in the first year.
    expect(phasing.years[0].items.every((i) => i.school_code === '2164018101')).toBe(true);

    const text = await run(
      '--data',
      EXAMPLE,
      '--year',
      '2023',
      '--phase',
      '--milestone',
      '2026',
      '--budget',
      '3000000',
    );
    expect(text.out).toContain('分年度实施（创建年份 2026 年，每年不超过 3,000,000 元）：');
    expect(text.out).toContain('  2024 年（2024-08-31 前完成）：2,990,700 元');
  });

  it('reads the milestone from the plan file and says when it has passed', async () => {
    const yinchuan = projectPath('config', 'plans', 'yinchuan-2021.yaml');
    const late = await run('--data', EXAMPLE, '--year', '2023', '--phase', '--plan', yinchuan);
    expect(late.code).toBe(1);
    expect(late.err).toContain(
      "county 640181's milestone year 2023 is before the first year to spend in (2024)",
    );
    const spendingEarlier = await run(
      '--data',
      EXAMPLE,
      '--year',
      '2023',
      '--phase',
      '--plan',
      yinchuan,
      '--from',
      '2023',
      '--json',
    );
    expect(spendingEarlier.code).toBe(0);
    const plan = JSON.parse(spendingEarlier.out) as CertificationPlan & { phasing: PhasingResult };
    expect(plan.phasing.milestone).toMatchObject({ ref: '一.——2023年灵武市', year: 2023, due: '2023-12-31' });
    expect(plan.phasing).toMatchObject({ fits: true, unfunded: [] });
    expect(plan.phasing.years).toHaveLength(1);
  });

  it('rejects bad usage with exit 2', async () => {
    expect((await run('--data', EXAMPLE, '--phase')).code).toBe(2);
    expect((await run('--data', EXAMPLE, '--budget', '100')).code).toBe(2);
    expect((await run('--data', EXAMPLE, '--phase', '--milestone', '2026', '--budget', '-5')).err).toContain(
      '--budget must be a positive number of yuan per year',
    );
    expect((await run('--data', EXAMPLE, '--transfers', 'sometimes')).code).toBe(2);
    expect((await run('--json')).code).toBe(2);
    expect((await run('--data', EXAMPLE, '--costs', path.join(dir, 'none.yaml'))).code).toBe(2);
  });
});
