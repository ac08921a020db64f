import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';
import {
  countPlanItems,
  flattenPlanItems,
  loadPlanFile,
  parsePlanFile,
  PlanFileError,
  type PlanFile,
} from './plan-file.schema';

const FILE = 'jinzhong-2017.yaml';

/** A small valid plan as a plain object; tests change one thing and serialise it. */
function validPlan(): Record<string, unknown> {
  return {
    schema: 'duban.plan/v1',
    key: 'test-2017-plan',
    title: '测试方案',
    doc_number: '市政发〔2017〕88号',
    issuer: '晋中市人民政府',
    issued_on: '2017-12-01',
    region: '140700',
    implements: ['国发〔2016〕40号'],
    source: { file: 'sources/jinzhong-2017.txt', script: 'simplified' },
    departments: [
      { ref: '各县(区、市)人民政府', expand: 'county_governments', region: '140700', aliases: ['县级政府'] },
      { ref: '财政部门', name: '晋中市财政局', region: '140700' },
      { ref: '教育部门', name: '晋中市教育局', region: '140700', aliases: ['教育行政部门'] },
    ],
    items: [
      { ref: '一', number: '一', kind: 'goal', title: '指导思想', excerpt: '以立德树人为根本任务' },
      { ref: '二', number: '二', kind: 'goal', title: '发展目标', excerpt: '总体目标' },
      { ref: '三', number: '三', kind: 'task', title: '主要工作任务及措施', excerpt: '主要工作任务及措施' },
      {
        ref: '三.(一)',
        number: '(一)',
        kind: 'task',
        title: '完善投入长效机制',
        excerpt: '完善投入长效机制',
        lead: ['各县（区、市）人民政府'],
        children: [
          {
            ref: '三.(一).1',
            number: '1.',
            kind: 'task',
            title: '健全经费保障机制',
            excerpt: '特殊教育学校…生均公用经费不低于6000元',
            due: { date: '2020-12-31', text: '到2020年' },
            recurrence: 'yearly',
            lead: ['财政部门'],
            cooperate: ['教育部门'],
            targets: [
              {
                metric: 'special_education_public_funds_per_student',
                comparator: '>=',
                value: 6000,
                unit: 'yuan',
                scope: 'county',
                indicator: 'G7',
                text: '生均公用经费不低于6000元',
              },
            ],
          },
        ],
      },
    ],
  };
}

const yamlOf = (plan: unknown) => stringify(plan);

function problemsOf(plan: unknown, file = FILE): string[] {
  try {
    parsePlanFile(typeof plan === 'string' ? plan : yamlOf(plan), file);
  } catch (e) {
    expect(e).toBeInstanceOf(PlanFileError);
    return (e as PlanFileError).issues.map((i) => `${file}: ${i.path ? `${i.path}: ` : ''}${i.message}`);
  }
  throw new Error('expected the plan file to be rejected');
}

type Mutable = Record<string, unknown> & {
  items: Record<string, unknown>[];
  departments: Record<string, unknown>[];
};
const child = (plan: Mutable) => (plan.items[3].children as Record<string, unknown>[])[0];

describe('parsePlanFile — valid files', () => {
  it('returns the typed plan with defaults filled in', () => {
    const plan: PlanFile = parsePlanFile(yamlOf(validPlan()), FILE);
    expect(plan.key).toBe('test-2017-plan');
    expect(plan.items[0].lead).toEqual([]);
    expect(plan.items[0].children).toEqual([]);
    expect(plan.departments[1].aliases).toEqual([]);
    expect(plan.items[3].children[0].targets[0]).toMatchObject({
      comparator: '>=',
      value: 6000,
      indicator: 'G7',
    });
  });

  it('returns department refs exactly as declared, whatever bracket width the item used', () => {
    const plan = parsePlanFile(yamlOf(validPlan()), FILE);
    expect(plan.items[3].lead).toEqual(['各县(区、市)人民政府']);
  });

  it('accepts unquoted YAML dates and a leadership group', () => {
    const yaml = yamlOf({
      ...validPlan(),
      leadership_group: {
        name: '领导小组',
        office_department: '教育部门',
        members: [{ name: '张三', group_role: 'leader', post: '副市长', department: null }],
      },
    }).replace("issued_on: '2017-12-01'", 'issued_on: 2017-12-01');
    expect(yaml).toContain('issued_on: 2017-12-01');
    const plan = parsePlanFile(yaml, FILE);
    expect(plan.issued_on).toBe('2017-12-01');
    expect(plan.leadership_group?.members[0].group_role).toBe('leader');
  });
});

describe('parsePlanFile — every problem is listed', () => {
  it('names a date that does not exist, with its full path', () => {
    const plan = validPlan() as Mutable;
    child(plan).due = { date: '2018-02-30', text: '2018年2月30日' };
    const error = (() => {
      try {
        parsePlanFile(yamlOf(plan), FILE);
      } catch (e) {
        return e as PlanFileError;
      }
    })();
    expect(error).toBeInstanceOf(PlanFileError);
    expect(error?.message).toContain(
      'jinzhong-2017.yaml: items[3].children[0].due.date: "2018-02-30" is not a real date',
    );
  });

  it('lists all problems of a file in one error, in file order', () => {
    const plan = validPlan() as Mutable;
    plan.region = '14070';
    plan.items[0].kind = 'tsk';
    plan.items[2].ref = '一';
    const c = child(plan);
    c.lead = ['财政局'];
    c.cooperate = ['教育行政部门'];
    c.recurrence = 'weekly';
    (c.targets as Record<string, unknown>[])[0].comparator = '=>';
    (c.targets as Record<string, unknown>[])[0].due = '2019-02-29';
    (c.targets as Record<string, unknown>[])[0].indicator = 'G16';
    expect(problemsOf(plan)).toEqual([
      'jinzhong-2017.yaml: region: "14070" is not a 6-digit region code',
      'jinzhong-2017.yaml: items[0].kind: "tsk" is not one of goal, task, measure, project, milestone, target',
      'jinzhong-2017.yaml: items[2].ref: duplicate item ref "一" (also at items[0])',
      'jinzhong-2017.yaml: items[3].children[0].recurrence: "weekly" is not one of yearly, semester, quarterly, monthly',
      'jinzhong-2017.yaml: items[3].children[0].lead[0]: unknown department "财政局" (not a ref in departments)',
      'jinzhong-2017.yaml: items[3].children[0].cooperate[0]: department "教育行政部门" is an alias; refer to it by its ref "教育部门"',
      'jinzhong-2017.yaml: items[3].children[0].targets[0].comparator: "=>" is not one of >=, >, <=, <, =',
      expect.stringMatching(
        /^jinzhong-2017\.yaml: items\[3\]\.children\[0\]\.targets\[0\]\.indicator: "G16" is not one of R1, .*, CERT$/,
      ),
      // \`due\` was added last, so it comes after \`indicator\` in the file
      'jinzhong-2017.yaml: items[3].children[0].targets[0].due: "2019-02-29" is not a real date',
    ]);
  });

  it('the error message carries every problem', () => {
    const plan = validPlan() as Mutable;
    plan.issued_on = '2017-13-01';
    plan.items[1].kind = 'aim';
    expect(() => parsePlanFile(yamlOf(plan), FILE)).toThrow(
      /2 problems[\s\S]*issued_on: "2017-13-01" is not a real date[\s\S]*items\[1\]\.kind: "aim"/,
    );
  });

  it('reports missing fields, wrong types and unknown keys', () => {
    const plan = validPlan() as Mutable;
    delete plan.items[0].excerpt;
    plan.items[1].ref = 2;
    plan.items[1].titel = 'typo';
    plan.region = 140700;
    expect(problemsOf(plan)).toEqual([
      'jinzhong-2017.yaml: region: expected string, got number 140700 (quote it: "140700")',
      'jinzhong-2017.yaml: items[0].excerpt: is required',
      'jinzhong-2017.yaml: items[1].ref: expected string, got number 2 (quote it: "2")',
      'jinzhong-2017.yaml: items[1].titel: unknown key',
    ]);
  });

  it('checks the schema version, the key and the source script', () => {
    const plan = validPlan() as Mutable;
    plan.schema = 'duban.plan/v2';
    plan.key = 'Jinzhong 2017';
    plan.source = { file: 'x.txt', script: 'mixed' };
    expect(problemsOf(plan)).toEqual([
      'jinzhong-2017.yaml: schema: expected "duban.plan/v1", got "duban.plan/v2"',
      'jinzhong-2017.yaml: key: "Jinzhong 2017" is not lower-case words joined by "-"',
      'jinzhong-2017.yaml: source.script: "mixed" is not one of simplified, traditional',
    ]);
  });

  it('checks departments: names in Simplified, no duplicates, a name unless expanded, region codes', () => {
    const plan = validPlan() as Mutable;
    plan.departments.push(
      { ref: '公安部門', name: '晉中市公安局', region: '140700' },
      { ref: '财政部门', name: '晋中市财政局', region: '140700' },
      { ref: '民政部门', region: '1407' },
      { ref: '县级政府', name: '某县政府', region: '140702' },
    );
    expect(problemsOf(plan)).toEqual([
      'jinzhong-2017.yaml: departments[3].ref: "公安部門" is not in Simplified script (expected "公安部门")',
      'jinzhong-2017.yaml: departments[3].name: "晉中市公安局" is not in Simplified script (expected "晋中市公安局")',
      'jinzhong-2017.yaml: departments[4].ref: "财政部门" is already declared at departments[1].ref',
      'jinzhong-2017.yaml: departments[5].name: is required (only an `expand` entry may omit it)',
      'jinzhong-2017.yaml: departments[5].region: "1407" is not a 6-digit region code',
      'jinzhong-2017.yaml: departments[6].ref: "县级政府" is already declared at departments[0].aliases[0]',
    ]);
  });

  it('checks leadership-group department refs and member names', () => {
    const plan = {
      ...validPlan(),
      leadership_group: {
        name: '领导小组',
        office_department: '市教育局',
        members: [{ name: '张 三', group_role: 'chair', post: '副市长', department: '财政部门' }],
      },
    };
    expect(problemsOf(plan)).toEqual([
      'jinzhong-2017.yaml: leadership_group.office_department: unknown department "市教育局" (not a ref in departments)',
      'jinzhong-2017.yaml: leadership_group.members[0].name: "张 三" must be Simplified with no spaces (expected "张三")',
      'jinzhong-2017.yaml: leadership_group.members[0].group_role: "chair" is not one of leader, deputy_leader, member, office_director',
    ]);
  });

  it('rejects a ratio written as a percentage and a start after the due date', () => {
    const plan = validPlan() as Mutable;
    const c = child(plan);
    c.start = { date: '2021-01-01', text: '从2021年起' };
    (c.targets as Record<string, unknown>[])[0].unit = 'ratio';
    (c.targets as Record<string, unknown>[])[0].value = 95;
    expect(problemsOf(plan)).toEqual([
      'jinzhong-2017.yaml: items[3].children[0].targets[0].value: 95 is not a ratio between 0 and 1 (write 95% as 0.95)',
      // \`start\` was added last, so it comes after \`targets\` in the file
      'jinzhong-2017.yaml: items[3].children[0].start.date: "2021-01-01" is after the due date "2020-12-31"',
    ]);
  });

  it('rejects dates in another form', () => {
    const plan = validPlan() as Mutable;
    child(plan).due = { date: '2020/12/31', text: '到2020年' };
    expect(problemsOf(plan)).toEqual([
      'jinzhong-2017.yaml: items[3].children[0].due.date: "2020/12/31" is not a date in YYYY-MM-DD form',
    ]);
  });

  it('reports YAML syntax errors and duplicate keys with their line', () => {
    const duplicate = `${yamlOf(validPlan())}key: again\n`;
    const [problem] = problemsOf(duplicate);
    expect(problem).toMatch(/^jinzhong-2017\.yaml: line \d+, column \d+: Map keys must be unique/);
    expect(problemsOf('items: [unclosed\n')[0]).toMatch(/^jinzhong-2017\.yaml: line \d+, column \d+: /);
    expect(problemsOf('- a list\n')).toEqual(['jinzhong-2017.yaml: expected a mapping at the top level']);
  });

  it('gives each issue the line of the offending node', () => {
    const plan = validPlan() as Mutable;
    child(plan).due = { date: '2018-02-30', text: 'x' };
    const yaml = yamlOf(plan);
    try {
      parsePlanFile(yaml, FILE);
      throw new Error('not rejected');
    } catch (e) {
      const [issue] = (e as PlanFileError).issues;
      const line = yaml.split('\n').findIndex((l) => l.includes('2018-02-30')) + 1;
      expect(issue.line).toBe(line);
    }
  });
});

describe('config/plans/README.md', () => {
  it('its example conforms, apart from the two departments the abridged example does not declare', () => {
    const readme = readFileSync(resolve(__dirname, '../../config/plans/README.md'), 'utf8');
    const example = /```yaml\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    expect(problemsOf(example, 'README.md')).toEqual([
      'README.md: items[0].lead[0]: unknown department "市自然资源局" (not a ref in departments)',
      'README.md: items[0].cooperate[0]: unknown department "市住房和城乡建设局" (not a ref in departments)',
    ]);
  });
});

describe('loadPlanFile', () => {
  it('reads the file and names it by its base name in problems', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plan-file-'));
    try {
      writeFileSync(join(dir, 'ok.yaml'), yamlOf(validPlan()));
      writeFileSync(join(dir, 'bad.yaml'), yamlOf({ ...validPlan(), issued_on: '2017-02-29' }));
      await expect(loadPlanFile(join(dir, 'ok.yaml'))).resolves.toMatchObject({ key: 'test-2017-plan' });
      await expect(loadPlanFile(join(dir, 'bad.yaml'))).rejects.toThrow(
        'bad.yaml: issued_on: "2017-02-29" is not a real date',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('flattenPlanItems / countPlanItems', () => {
  it('walks the tree in document order and counts per kind', () => {
    const plan = parsePlanFile(yamlOf(validPlan()), FILE);
    expect(flattenPlanItems(plan.items).map((f) => [f.item.ref, f.parentRef, f.depth])).toEqual([
      ['一', null, 0],
      ['二', null, 0],
      ['三', null, 0],
      ['三.(一)', null, 0],
      ['三.(一).1', '三.(一)', 1],
    ]);
    expect(countPlanItems(plan)).toEqual({
      total: 5,
      byKind: { goal: 2, task: 3, measure: 0, project: 0, milestone: 0, target: 0 },
    });
  });
});
