import { parseExpectedFacts } from '../../bench/corpus-scoring';
import { scorePlan, titleSimilarity } from '../../bench/extract-scoring';
import type { PlanFile, PlanFileItem } from '../../src/plans/plan-file.schema';

const item = (over: Partial<PlanFileItem>): PlanFileItem => ({
  ref: 'x',
  number: '一',
  kind: 'task',
  title: '标题',
  excerpt: '摘录',
  lead: [],
  cooperate: [],
  targets: [],
  children: [],
  ...over,
});

const plan = (items: PlanFileItem[], departments: PlanFile['departments']): PlanFile => ({
  schema: 'duban.plan/v1',
  key: 'k',
  title: '方案',
  doc_number: null,
  issuer: '某市人民政府',
  issued_on: '2020-01-01',
  region: '000000',
  implements: [],
  source: { file: 'x.txt', script: 'simplified' },
  departments,
  items,
});

describe('benchmark scoring', () => {
  it('title similarity: equal, contained, unrelated', () => {
    expect(titleSimilarity('優化城鄉師資配置', '优化城乡师资配置')).toBe(1);
    expect(titleSimilarity('推进义务教育管理标准化', '推进义务教育管理标准化全面落实国家标准')).toBe(0.9);
    expect(titleSimilarity('加强党的领导', '营造良好氛围')).toBe(0);
  });

  it('matches items by number path (full-width, trailing dot and n-th —— bullet normalised)', () => {
    const truth = plan(
      [
        item({
          number: '二',
          title: '目标',
          children: [item({ number: '——', title: '投入增长' }), item({ number: '（一）', title: '布局' })],
        }),
      ],
      [],
    );
    const found = plan(
      [
        item({
          number: '二',
          title: '目标',
          children: [item({ number: '——', title: '投入稳步增长' }), item({ number: '(一)', title: '布局' })],
        }),
      ],
      [],
    );
    expect(scorePlan(found, truth).items).toEqual({ hit: 3, truth: 3, found: 3 });
  });

  it('counts a department when the extracted ref or name is the truth’s ref, name or alias', () => {
    const truth = plan(
      [item({ lead: ['市教育局'], cooperate: ['财政部门'] })],
      [
        { ref: '市教育局', name: '某市教育局', region: '000000', aliases: ['教育部门'] },
        { ref: '财政部门', name: '某市财政局', region: '000000', aliases: [] },
      ],
    );
    const found = plan(
      [item({ lead: ['教育部门', '财政部门'] })],
      [
        { ref: '教育部门', name: '某市教育部门', region: '000000', aliases: [] },
        { ref: '财政部门', name: '某市财政部门', region: '000000', aliases: [] },
      ],
    );
    const score = scorePlan(found, truth);
    expect(score.departments).toEqual({ hit: 2, truth: 2, found: 2 });
    expect(score.departmentsStrict).toEqual({ hit: 1, truth: 2, found: 2 });
  });

  it('compares targets by comparator, value and unit (≥ 100 % equals = 100 %) and dates field by field', () => {
    const target = (comparator: '>=' | '=', value: number) => ({
      metric: 'a',
      comparator,
      value,
      unit: 'ratio' as const,
      scope: 'county',
      text: 't',
    });
    const truth = plan(
      [
        item({
          targets: [target('=', 1), target('>=', 0.95)],
          due: { date: '2020-12-31', text: '到2020年' },
        }),
      ],
      [],
    );
    const found = plan(
      [item({ targets: [target('>=', 1)], due: { date: '2021-12-31', text: '到2021年' } })],
      [],
    );
    const score = scorePlan(found, truth);
    expect(score.targets).toEqual({ hit: 1, truth: 2, found: 1 });
    expect(score.deadlines).toEqual({ hit: 0, truth: 1, found: 1 });
  });
});

describe('corpus fixtures: development and held-out sets', () => {
  const facts = (set?: string) =>
    `source: https://example.gov.cn/a.html\nprovince: 某省\ngenre: 实施方案\n${set ? `set: ${set}\n` : ''}items: []\n`;

  it('reads the set of a fixture; without one it is a development plan', () => {
    expect(parseExpectedFacts(facts('held-out')).set).toBe('held-out');
    expect(parseExpectedFacts(facts('development')).set).toBe('development');
    expect(parseExpectedFacts(facts()).set).toBe('development');
  });

  it('refuses a misspelt set rather than scoring a held-out plan as development', () => {
    expect(() => parseExpectedFacts(facts('heldout'))).toThrow(/unknown corpus set/);
  });
});
