import { mkdtemp, rm, stat, writeFile, copyFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { CliContext } from '../cli/cli-command';
import { classSizeOffenders, diffLedger, largeSchoolOffenders, type CountyEvaluation } from './engine';
import { importFolder } from './import/dataset-importer';
import { evaluateCommand, indicatorCommands, templateCommand } from './indicators.commands';
import { loadRuleSet } from './rule-set.loader';

const EXAMPLE_2023 = path.resolve(__dirname, '../../config/indicators/example');
const EXAMPLE_2024 = path.resolve(__dirname, '../../config/indicators/example-2024');

interface Run {
  code: number;
  out: string;
  err: string;
}

async function run(command: typeof evaluateCommand, ...args: string[]): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const ctx: CliContext = {
    runtime: () => Promise.reject(new Error('evaluate needs no runtime')),
    app: () => Promise.reject(new Error('evaluate needs no database')),
    out: (text) => out.push(text),
    err: (text) => err.push(text),
  };
  const code = await command.run(args, ctx);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'duban-cli-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('evaluate', () => {
  it('prints the JSON contract for the 2023 example: not certifiable, large classes and a large school', async () => {
    const { code, out } = await run(evaluateCommand, '--data', EXAMPLE_2023, '--json');
    expect(code).toBe(0);
    const result = JSON.parse(out) as CountyEvaluation & { dataset_checksum: string };
    expect(result).toMatchObject({
      county_code: '640181',
      school_year: 2023,
      rule_set: '2017',
      certifiable: false,
      missing: [],
    });
    expect(result.government_guarantee.indicators.G4).toMatchObject({ passed: false, value: 1 });
    expect(result.government_guarantee.indicators.G5.passed).toBe(false);
    expect(
      result.resource_allocation.schools.filter((s) => s.passed === false).map((s) => s.school_code),
    ).toEqual(['2164018008', '2164018101']);
    // The nine-year school's combined row is apportioned; the teaching point is merged into its parent.
    expect(result.resource_allocation.schools.filter((s) => s.apportioned).map((s) => s.level)).toEqual([
      'primary',
      'junior',
    ]);
    expect(
      result.resource_allocation.schools.find((s) => s.school_code === '2164018006')?.merged_teaching_points,
    ).toEqual(['2164018009']);
    expect(result.dataset_checksum).toMatch(/^[0-9a-f]{64}$/);
  });

  it('finds the 2024 example certifiable', async () => {
    const { code, out } = await run(
      evaluateCommand,
      '--data',
      EXAMPLE_2024,
      '--json',
      '--county',
      '640181',
      '--year',
      '2024',
    );
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ school_year: 2024, certifiable: true, missing: [] });
  });

  it('prints a Chinese summary without --json', async () => {
    const { code, out } = await run(evaluateCommand, '--data', EXAMPLE_2023);
    expect(code).toBe(0);
    expect(out).toContain('灵武市（640181）2023 学年 · 规则 2017');
    expect(out).toContain('资源配置：未通过');
    expect(out).toContain(
      'G4 学校规模不超过2000人（九年/十二年一贯制不超过2500人）：灵武市第一小学（2046/2000）',
    );
    expect(out).toContain('结论：暂不具备认定条件');
  });

  it('prints an array when the folder holds several counties and no --county is given', async () => {
    await writeFile(
      path.join(dir, 'schools.csv'),
      [
        '学校标识码,学校名称,县区代码,县区名称,办学类型,学段,学生数',
        '2164018001,灵武市第一小学,640181,灵武市,小学,小学,900',
        '2164020001,兴庆区第一小学,640104,兴庆区,小学,小学,800',
      ].join('\n'),
    );
    const all = await run(evaluateCommand, '--data', dir, '--json', '--year', '2025');
    expect(all.code).toBe(0);
    const results = JSON.parse(all.out) as CountyEvaluation[];
    expect(results.map((r) => [r.county_code, r.school_year, r.certifiable])).toEqual([
      ['640104', 2025, false],
      ['640181', 2025, false],
    ]);
    // Only schools were given: everything else is missing, and so are the R figures.
    expect(results[0].missing).toEqual(expect.arrayContaining(['R1', 'G1', 'G5', 'Q9', 'S', 'V1']));
    const one = await run(evaluateCommand, '--data', dir, '--json', '--year', '2025', '--county', '640181');
    expect(JSON.parse(one.out)).toMatchObject({ county_code: '640181' });
  });

  it('rejects a table given twice', async () => {
    for (const name of await readdir(EXAMPLE_2023))
      await copyFile(path.join(EXAMPLE_2023, name), path.join(dir, name));
    await copyFile(path.join(EXAMPLE_2023, '学校.csv'), path.join(dir, 'schools.csv'));
    const { code, err } = await run(evaluateCommand, '--data', dir, '--json');
    expect(code).toBe(1);
    expect(err).toContain('学校.csv：又提供了一张学校表（schools.csv已提供），每张表只能提供一次');
  });

  it('exits 1 and lists every problem when the data is invalid', async () => {
    await writeFile(
      path.join(dir, 'schools.csv'),
      '学校标识码,学校名称,县区代码,办学类型,学段,学生数\nA,甲,640181,小学,小学,12O\nB,乙,64018,小学,小学,10\n',
    );
    const { code, out, err } = await run(evaluateCommand, '--data', dir, '--json');
    expect(code).toBe(1);
    expect(out).toBe('');
    // the command line has no reader to ask: the problems are in the office's language
    expect(err).toContain(`${dir} 中的统计数据有 2 处问题，未进行评估：`);
    expect(err).toContain('schools.csv 第2行，学生数：“12O”不是整数');
    expect(err).toContain('schools.csv 第3行，县区代码：“64018”不是六位数字的县区代码');
    expect(err).not.toMatch(/is not|row \d/);
  });

  it('exits 2 on usage errors', async () => {
    expect((await run(evaluateCommand)).code).toBe(2);
    expect((await run(evaluateCommand, '--data', path.join(dir, 'absent'))).code).toBe(2);
    expect(await run(evaluateCommand, '--data', EXAMPLE_2023, '--county', '64')).toMatchObject({ code: 2 });
    const wrongCounty = await run(evaluateCommand, '--data', EXAMPLE_2023, '--county', '640104');
    expect(wrongCounty.code).toBe(2);
    expect(wrongCounty.err).toContain('county 640104 is not in');
    const wrongYear = await run(evaluateCommand, '--data', EXAMPLE_2023, '--year', '2024');
    expect(wrongYear).toMatchObject({ code: 2 });
    expect(wrongYear.err).toContain('the data is for school year 2023, not 2024');
  });

  it('exits 1 with every problem of an invalid rule set', async () => {
    await writeFile(path.join(dir, 'rules.yaml'), 'version: "x"\n');
    const { code, err } = await run(
      evaluateCommand,
      '--data',
      EXAMPLE_2023,
      '--rules',
      path.join(dir, 'rules.yaml'),
    );
    expect(code).toBe(1);
    expect(err).toContain('weights: Required');
    expect(err).toContain('resource_allocation: Required');
  });
});

describe('template', () => {
  it('writes the blank workbook where asked', async () => {
    const file = path.join(dir, 'out', 'template.xlsx');
    const { code, out } = await run(templateCommand, '--out', file);
    expect(code).toBe(0);
    expect(out).toBe(`wrote ${file}`);
    expect((await stat(file)).size).toBeGreaterThan(5000);
  });

  it('is registered with evaluate', () => {
    expect(indicatorCommands.map((c) => c.name)).toEqual(['evaluate', 'template']);
  });
});

describe('ledgers across the two example imports', () => {
  it('closes the large classes and the large school fixed in 2024, keeping none open', async () => {
    const rules = await loadRuleSet();
    const [y2023, y2024] = await Promise.all([importFolder(EXAMPLE_2023), importFolder(EXAMPLE_2024)]);
    if (!y2023.ok || !y2024.ok) throw new Error('examples must import');
    const before = y2023.dataset.counties[0];
    const after = y2024.dataset.counties[0];

    const open = classSizeOffenders(before, rules, 'large_class');
    expect(open.map((e) => [e.school_name, e.class_name, e.students, e.band])).toEqual([
      ['灵武市第一小学', '3年级5班', 57, 'large'],
      ['灵武市第一小学', '4年级2班', 58, 'large'],
      ['灵武市第一小学', '5年级7班', 67, 'super_large'],
      ['灵武市第一小学', '6年级1班', 56, 'large'],
      ['灵武市第二小学', '2年级3班', 59, 'large'],
      ['灵武市第二中学', '8年级4班', 61, 'large'],
    ]);
    const classes = diffLedger(open, classSizeOffenders(after, rules, 'large_class'));
    expect(classes).toEqual({ stillOpen: [], closed: open, opened: [] });

    const schools = diffLedger(largeSchoolOffenders(before, rules), largeSchoolOffenders(after, rules));
    expect(schools.closed.map((e) => [e.school_code, e.students])).toEqual([['2164018001', 2046]]);
    expect(schools.opened).toEqual([]);
  });
});
