/**
 * The seed plan files say what their source documents say, for every item corrected in issue 18: each check
 * first finds the source's own words (in the item's excerpt, and through it in the document), then the
 * modelled numbers, leads, dates, recurrences and targets. Pure: no database.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { readDeadline } from '../../src/plans/deadline-reading.policy';
import {
  flattenPlanItems,
  parsePlanFile,
  planSourcePath,
  type PlanFile,
  type PlanFileItem,
  type PlanFileTarget,
} from '../../src/plans/plan-file.schema';

const PLANS_DIR = path.resolve(__dirname, '../../config/plans');
const squeeze = (text: string) => text.replace(/\s+/gu, '');

interface Seed {
  plan: PlanFile;
  /** the source document, whitespace removed */
  source: string;
  /** the item with this ref, after checking that its excerpt holds `words` and the source holds the excerpt */
  item(ref: string, ...words: string[]): PlanFileItem;
  /** the target of `item` whose wording holds `words` (exactly one) */
  target(item: PlanFileItem, words: string, metric?: string): PlanFileTarget;
}

function seed(file: string): Seed {
  const plan = parsePlanFile(readFileSync(path.join(PLANS_DIR, file), 'utf8'), file);
  const source = squeeze(readFileSync(planSourcePath(path.join(PLANS_DIR, file), plan), 'utf8'));
  const byRef = new Map(flattenPlanItems(plan.items).map(({ item }) => [item.ref, item]));
  return {
    plan,
    source,
    item(ref, ...words) {
      const found = byRef.get(ref);
      if (!found) throw new Error(`${file}: no item ${ref}`);
      expect(source).toContain(squeeze(found.excerpt));
      for (const w of words) expect(squeeze(found.excerpt)).toContain(squeeze(w));
      return found;
    },
    target(item, words, metric) {
      const hits = item.targets.filter(
        (t) => squeeze(t.text).includes(squeeze(words)) && (metric === undefined || t.metric === metric),
      );
      if (hits.length !== 1) {
        throw new Error(
          `${file}: ${item.ref} has ${hits.length} targets worded "${words}" (${metric ?? 'any'})`,
        );
      }
      expect(squeeze(item.excerpt)).toContain(squeeze(hits[0].text));
      return hits[0];
    },
  };
}

const allTargets = (plan: PlanFile) =>
  flattenPlanItems(plan.items).flatMap(({ item }) => item.targets.map((t) => ({ item, t })));

describe('jinzhong-2017.yaml against 市政发〔2017〕88号', () => {
  const s = seed('jinzhong-2017.yaml');

  it('三.(一).1: 人均事业费高于上年, 生均公用经费不低于省定基准且高于上年 — yearly comparisons, no number', () => {
    const item = s.item(
      '三.(一).1',
      '在校学生人均义务教育事业费高于上年',
      '预算内生均公用经费不低于省定基准且高于上年',
    );
    expect(item.recurrence).toBe('yearly');
    expect(s.target(item, '人均义务教育事业费高于上年')).toMatchObject({
      comparator: '>',
      value: null,
      reference: 'previous_year',
      unit: 'yuan',
    });
    const funds = item.targets.filter((t) => t.text === '预算内生均公用经费不低于省定基准且高于上年');
    expect(funds.map((t) => [t.comparator, t.value, t.reference, t.unit])).toEqual([
      ['>=', null, 'provincial_standard', 'yuan'],
      ['>', null, 'previous_year', 'yuan'],
    ]);
  });

  it('项目8: "到2018年…覆盖所有的县(区、市)" is led by every county, 太谷县/介休市 among them', () => {
    const item = s.item(
      '三.(五).17.项目8',
      '依托太谷县、介休市等县(区、市)',
      '到2018年,义务教育办学模式改革覆盖所有的县(区、市)',
    );
    expect(item.lead).toEqual(['各县(区、市)人民政府', '太谷县', '介休市']);
    expect(item.cooperate).toEqual([]);
    expect(item.due).toEqual({ date: '2018-12-31', text: '到2018年' });
  });

  it('四.(三): the standing report to the 人大 recurs; "从2020年底开始" recommending counties is a milestone', () => {
    const parent = s.item(
      '四.(三)',
      '定期向同级人民代表大会或其常务委员会报告义务教育工作情况',
      '从2020年底开始',
    );
    expect(parent.children.map((c) => c.ref)).toEqual(['四.(三).定期报告', '四.(三).2020年底']);

    const report = s.item(
      '四.(三).定期报告',
      '市县两级政府',
      '定期向同级人民代表大会或其常务委员会报告义务教育工作情况',
    );
    expect(report.recurrence).toBe('yearly');
    expect(report.lead).toEqual(['市政府', '各县(区、市)人民政府']);
    expect(report.due ?? null).toBeNull(); // a standing duty, not a one-off

    const milestone = s.item(
      '四.(三).2020年底',
      '从2020年底开始',
      '申请义务教育优质均衡发展省级督导评估和国家督导认定',
    );
    expect(milestone.kind).toBe('milestone');
    expect(milestone.start).toEqual({ date: '2020-12-31', text: '从2020年底开始' });
    expect(milestone.indicator).toBe('CERT');
  });

  it('18.: "从2017年起…力争通过3年努力" is due at the end of 2019, counted from 2017, not from the issue date', () => {
    const item = s.item(
      '三.(五).18',
      '从2017年起,启动全市义务教育管理标准化学校创建与评估工作,力争通过3年努力',
    );
    expect(item.start).toEqual({ date: '2017-01-01', text: '从2017年起' });
    expect(item.due?.date).toBe('2019-12-31');
    expect(squeeze(item.due!.text)).toContain('从2017年起');
    expect(squeeze(item.due!.text)).toContain('力争通过3年努力');
    expect(readDeadline(item.due!.text, { issuedOn: s.plan.issued_on })?.due?.date).toBe('2019-12-31');
  });

  it('二.——6: 九年巩固率98% is its own target, not the three-year junior rate Q1', () => {
    const item = s.item('二.——6', '九年义务教育巩固率稳定在98%以上');
    const t = s.target(item, '九年义务教育巩固率稳定在98%以上');
    expect(t).toMatchObject({
      metric: 'nine_year_retention_rate',
      comparator: '>=',
      value: 0.98,
      unit: 'ratio',
    });
    expect(t.indicator ?? null).toBeNull();
  });

  it('项目7: "市、县级财政…2.5%" binds the city and the county finance bureaus, as leads', () => {
    const item = s.item(
      '三.(四).13.项目7',
      '市、县级财政按照每年不少于本地教职工工资总额2.5%的标准安排教师培训经费',
    );
    expect(item.lead).toEqual(expect.arrayContaining(['财政部门', '各县(区、市)财政局']));
    expect(item.cooperate).not.toContain('财政部门');
    expect(s.target(item, '2.5%')).toMatchObject({ comparator: '>=', value: 0.025, unit: 'ratio' });
  });

  it('项目2 keeps 零增量; its schedule keeps 基本 apart from 全部, with the class sizes that count', () => {
    const project = s.item('三.(三).7.项目2', '在保证零增量的基础上,逐步消除现有存量');
    expect(s.target(project, '零增量')).toMatchObject({
      metric: 'large_class_increase',
      comparator: '<=',
      value: 0,
      unit: 'classes',
      counted_if: { comparator: '>=', value: 56, unit: 'students' },
    });
    const y2017 = s.item('三.(三).7.项目2.2017年', '2017年,消除超大班额');
    expect(s.target(y2017, '消除超大班额')).toMatchObject({
      value: 0,
      due: '2017-12-31',
      counted_if: { comparator: '>=', value: 66, unit: 'students' },
    });
    const y2018 = s.item('三.(三).7.项目2.2018年', '2018年,全市基本消除大班额');
    expect(s.target(y2018, '基本消除大班额')).toMatchObject({
      metric: 'large_classes',
      qualifier: 'largely',
      due: '2018-12-31',
      counted_if: { comparator: '>=', value: 56, unit: 'students' },
    });
    const y2020 = s.item('三.(三).7.项目2.2020年', '2020年,全市义务教育学校全部达标准班额');
    expect(s.target(y2020, '全部达标准班额')).toMatchObject({ qualifier: 'fully', due: '2020-12-31' });
  });

  it('项目6: "任教服务期不少于8年" is recorded', () => {
    const item = s.item('三.(四).12.项目6', '任教服务期不少于8年');
    expect(s.target(item, '任教服务期不少于8年')).toMatchObject({
      comparator: '>=',
      value: 8,
      unit: 'years',
    });
    expect(item.recurrence).toBe('yearly'); // 每年有计划地选拔
  });
});

describe('kizilsu-2018.yaml against 克政办发〔2018〕59号', () => {
  const s = seed('kizilsu-2018.yaml');

  it('三.(二).4: 乡村教师实际工资水平不低于同职级县乡教师 is a target, besides the civil-servant parity', () => {
    const item = s.item('三.(二).4', '确保乡村教师实际工资水平不低于同职级县乡教师工资水平');
    expect(s.target(item, '乡村教师实际工资水平不低于同职级县乡教师工资水平')).toMatchObject({
      comparator: '>=',
      value: 1,
      unit: 'ratio',
    });
    expect(s.target(item, '不低于当地公务员的平均工资收入水平').indicator).toBe('G8');
  });

  it('二: "四统一和一政策" is G2; 九年巩固率95% is not Q1', () => {
    const item = s.item('二', '全面落实“四统一和一政策”', '九年义务教育巩固率达到95%');
    expect(item.indicator).toBe('G2');
    const t = s.target(item, '九年义务教育巩固率达到95%');
    expect(t).toMatchObject({ value: 0.95, unit: 'ratio', due: '2020-12-31' });
    expect(t.indicator ?? null).toBeNull();
  });

  it('四.(三): "定期向同级人民代表大会…报告" recurs', () => {
    const item = s.item('四.(三)', '定期向同级人民代表大会或其常务委员会报告义务教育工作情况');
    expect(item.recurrence).toBe('yearly');
    expect(item.lead).toContain('各县(市)人民政府');
  });

  it('三.(一).6: 生均计算机 at the national and regional standard and 多媒体教学条件, both by 2018', () => {
    const item = s.item(
      '三.(一).6',
      '到2018年',
      '生均计算机占有量全部达到国家和区定标准',
      '基本实现所有学校拥有多媒体教学条件',
    );
    expect(s.target(item, '生均计算机占有量全部达到国家和区定标准')).toMatchObject({
      comparator: '>=',
      value: null,
      reference: 'provincial_standard',
      qualifier: 'fully',
      due: '2018-12-31',
    });
    expect(s.target(item, '基本实现所有学校拥有多媒体教学条件')).toMatchObject({
      comparator: '=',
      value: 1,
      unit: 'ratio',
      qualifier: 'largely',
      due: '2018-12-31',
    });
  });

  it('三.(八).3: 辍学率控制在规定的指标范围内 is a target against a prescribed limit', () => {
    const item = s.item('三.(八).3', '确保中小学辍学率控制在规定的指标范围内');
    expect(s.target(item, '辍学率控制在规定的指标范围内')).toMatchObject({
      metric: 'dropout_rate',
      comparator: '<=',
      value: null,
      reference: 'prescribed_limit',
    });
  });
});

describe('yinchuan-2021.yaml against its Traditional source', () => {
  const s = seed('yinchuan-2021.yaml');

  it('五.(一): the plans are filed with (報…備案) 市教育局, which cooperates', () => {
    const item = s.item('五.(一)', '報銀川市教育局備案');
    expect(item.cooperate).toContain('市教育局');
    expect(item.lead).toEqual(['各县(市)区人民政府', '市政府']);
  });

  it('五.(三): the 500萬/600萬 rewards are incentives, not targets', () => {
    const item = s.item('五.(三)', '給予500萬元獎勵', '給予600萬元獎勵');
    expect(item.targets).toEqual([]);
    expect(item.incentives?.map((i) => [i.amount, i.unit, i.scope])).toEqual([
      [5000000, 'yuan', 'county'],
      [6000000, 'yuan', 'county'],
    ]);
    for (const i of item.incentives ?? []) expect(squeeze(item.excerpt)).toContain(squeeze(i.text));
  });
});

describe('anxi-2019.yaml against 安政办〔2019〕46号', () => {
  const s = seed('anxi-2019.yaml');

  it('四.1: the 领导小组 the 县政府 sets up is recorded and leads the co-ordination', () => {
    const item = s.item(
      '四.1',
      '县政府成立创建全国义务教育优质均衡发展县工作领导小组',
      '领导小组全面负责创建工作的组织协调和监督指导工作',
    );
    expect(s.plan.leadership_group?.name).toBe('安溪县创建全国义务教育优质均衡发展县工作领导小组');
    expect(s.plan.leadership_group?.members).toEqual([]); // the plan names none
    expect(item.lead.slice(0, 2)).toEqual(['县政府', '领导小组']);
  });

  it('四.2: the title keeps the source punctuation', () => {
    const item = s.item('四.2');
    expect(item.title).toBe('广泛宣传,营造氛围');
    expect(s.source).toContain(`2.${item.title}。`);
  });

  it('三.(二).3: 基本消除大班额 is `largely`, counting classes of ≥ 56', () => {
    const item = s.item('三.(二).3', '基本消除大班额现象', '杜绝新的大班额现象产生');
    expect(s.target(item, '基本消除大班额现象')).toMatchObject({
      qualifier: 'largely',
      counted_if: { comparator: '>=', value: 56, unit: 'students' },
    });
  });
});

describe('jizhou-2018.yaml against its source', () => {
  const s = seed('jizhou-2018.yaml');

  it('二.(六): 2018 基本消除 and 2020 全面消除 of 大班额 (≥ 56) and 超大班额 (≥ 66) stay distinct', () => {
    const item = s.item(
      '二.(六)',
      '到2018年，基本消除义务教育学校大班额和超大班额',
      '到2020年，全面消除义务教育学校大班额和超大班额',
    );
    const view = item.targets
      .filter((t) => t.metric !== 'large_class_increase')
      .map((t) => [t.metric, t.due, t.qualifier, t.counted_if?.value]);
    expect(view).toEqual([
      ['large_classes', '2018-12-31', 'largely', 56],
      ['super_large_classes', '2018-12-31', 'largely', 66],
      ['large_classes', '2020-12-31', 'fully', 56],
      ['super_large_classes', '2020-12-31', 'fully', 66],
    ]);
  });
});

describe.each([
  'anxi-2019.yaml',
  'jinzhong-2017.yaml',
  'jizhou-2018.yaml',
  'kizilsu-2018.yaml',
  'yinchuan-2021.yaml',
])('%s: rules across every target', (file) => {
  const { plan } = seed(file);
  const targets = allTargets(plan);

  it('a qualifier is worded in the target: largely ⇔ 基本, fully ⇒ 全面/全部', () => {
    const bad = targets.flatMap(({ item, t }) => {
      const largely = /基本/.test(t.text) && /消除|实现|达到/.test(t.text);
      if ((t.qualifier === 'largely') !== largely) return [`${item.ref}: ${t.text} (${t.qualifier ?? '-'})`];
      if (t.qualifier === 'fully' && !/全面|全部|彻底/.test(t.text))
        return [`${item.ref}: ${t.text} (fully)`];
      return [];
    });
    expect(bad).toEqual([]);
  });

  it('class-band counts say which classes they count: 大班额 ≥ 56, 超大班额 ≥ 66', () => {
    const bad = targets
      .filter(({ t }) => /large_class/.test(t.metric))
      .filter(({ t }) => t.counted_if?.value !== (t.metric.startsWith('super_') ? 66 : 56))
      .map(({ item, t }) => `${item.ref}: ${t.metric}`);
    expect(bad).toEqual([]);
  });

  it('a reference is worded in the target, and nine-year retention is never Q1; rewards are not targets', () => {
    const words = { previous_year: /上年/, provincial_standard: /省定|区定|省级/, prescribed_limit: /规定/ };
    const bad = targets.flatMap(({ item, t }) => [
      ...(t.reference && !words[t.reference].test(t.text) ? [`${item.ref}: ${t.text} (${t.reference})`] : []),
      ...(/九年/.test(t.text) && t.indicator === 'Q1' ? [`${item.ref}: ${t.text} (Q1)`] : []),
      ...(/奖励|獎勵/.test(t.text) ? [`${item.ref}: ${t.text} (reward)`] : []),
    ]);
    expect(bad).toEqual([]);
  });

  it('a standing report to the 人大 recurs', () => {
    const reports = flattenPlanItems(plan.items).filter(
      ({ item }) =>
        /定期向同级人民代表大会/.test(item.excerpt) &&
        !item.children.some((c) => /定期向同级人民代表大会/.test(c.excerpt)),
    );
    expect(reports.filter(({ item }) => item.recurrence !== 'yearly').map(({ item }) => item.ref)).toEqual(
      [],
    );
  });
});
