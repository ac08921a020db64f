import { readTargets } from './target-reader';

const read = (text: string) =>
  readTargets(text, { issuedOn: '2019-01-01' }).map(
    (t) =>
      `${t.comparator} ${t.value} ${t.unit} ${t.scope}${t.indicator ? ` ${t.indicator}` : ''}${t.due ? ` @${t.due}` : ''}`,
  );

describe('readTargets', () => {
  it('达到95%以上 → ratio ≥ 0.95, with the indicator of the evaluation method', () => {
    expect(read('全县初中三年巩固率达到95%以上。')).toEqual(['>= 0.95 ratio junior Q1']);
    const [t] = readTargets('全县初中三年巩固率达到95%以上。', { issuedOn: '2019-01-01' });
    expect(t).toMatchObject({ metric: 'junior_retention_rate', text: '全县初中三年巩固率达到95%以上' });
  });

  it('不低于10% / 不超过45人 / 不低于6000元 / 低于0.15', () => {
    expect(read('每年交流轮岗教师的比例不低于符合交流条件教师总数的10%')).toEqual([
      '>= 0.1 ratio county G11',
    ]);
    expect(read('小学不超过45人/班')).toEqual(['<= 45 students primary G5']);
    expect(read('特殊教育学校生均公用经费不低于6000元')).toEqual([
      '>= 6000 yuan special_education_school G7',
    ]);
    expect(read('校际差异率低于0.15')).toEqual(['< 0.15 ratio county Q9']);
  });

  it('"国小、国中分别达到4.2人以上、5.3人以上" per 100 students, one target per level (Traditional input)', () => {
    expect(read('每百名學生擁有高於規定學歷教師數:國小、國中分別達到4.2人以上、5.3人以上;')).toEqual([
      '>= 4.2 per_100_students primary R1',
      '>= 5.3 per_100_students junior R1',
    ]);
  });

  it('"均达到1人以上" gives the same value to each level; m², 间, Ⅲ级', () => {
    expect(read('每百名学生拥有县级以上骨干教师数:小学、初中均达到1人以上;')).toEqual([
      '>= 1 per_100_students primary R2',
      '>= 1 per_100_students junior R2',
    ]);
    expect(read('生均体育运动场馆面积:小学、初中分别达到7.5平方米以上、10.2平方米以上')).toEqual([
      '>= 7.5 m2 primary R5',
      '>= 10.2 m2 junior R5',
    ]);
    expect(read('在国家义务教育质量监测中,相关科目学生学业水平达到Ⅲ级以上')).toEqual([
      '>= 3 count county Q9',
    ]);
  });

  it('a reward is an incentive, not a target: "给予500万元奖励" is not read', () => {
    expect(read('对如期完成创建任务的县给予500万元奖励')).toEqual([]);
  });

  it('targets without a number compare with last year, a provincial standard or a prescribed limit', () => {
    const refs = (text: string) =>
      readTargets(text, { issuedOn: '2017-12-01' }).map(
        (t) => `${t.comparator} ${t.value ?? t.reference} ${t.unit}${t.qualifier ? ` ${t.qualifier}` : ''}`,
      );
    expect(refs('在校学生人均义务教育事业费高于上年,预算内生均公用经费不低于省定基准且高于上年')).toEqual([
      '> previous_year yuan',
      '>= provincial_standard yuan',
      '> previous_year yuan',
    ]);
    expect(refs('到2018年,乡村义务教育阶段学校生均计算机占有量全部达到国家和区定标准')).toEqual([
      '>= provincial_standard count fully',
    ]);
    expect(refs('确保中小学辍学率控制在规定的指标范围内')).toEqual(['<= prescribed_limit ratio']);
    expect(refs('基本实现所有学校拥有多媒体教学条件')).toEqual(['= 1 ratio largely']);
    expect(refs('由县级教育部门派遣到乡村小学任教,任教服务期不少于8年')).toEqual(['>= 8 years']);
  });

  it('基本消除 is `largely`, 全面消除 `fully`; "零增量" counts in a text about 大班额', () => {
    const q = (text: string) =>
      readTargets(text, { issuedOn: '2018-03-19' }).map((t) => `${t.metric} ${t.qualifier ?? '-'}`);
    expect(q('到2018年，基本消除大班额；到2020年，全面消除超大班额')).toEqual([
      'large_classes largely',
      'super_large_classes fully',
    ]);
    expect(q('消除大班额计划。在保证零增量的基础上,逐步消除现有存量')).toEqual(['large_class_increase -']);
  });

  it('reads the date a target applies from its sentence', () => {
    expect(read('到2018年,10兆以上宽带接入比例达到100%;普通教室配备多媒体比例达到90%。')).toEqual([
      '>= 1 ratio county @2018-12-31',
      '>= 0.9 ratio county',
    ]);
  });

  it('standard requirements without a number: 消除大班额, 大班额零增量, 全部达到标准班额, pay parity', () => {
    expect(read('在保证大班额零增量的基础上，到2018年，基本消除大班额和超大班额。')).toEqual([
      '<= 0 classes county',
      '= 0 classes county @2018-12-31',
      '= 0 classes county @2018-12-31',
    ]);
    expect(read('到2020年，义务教育学校全部达到省定办学标准班额')).toEqual([
      '= 0 classes county G5 @2020-12-31',
    ]);
    expect(read('确保教师平均工资收入水平不低于当地公务员平均工资收入水平')).toEqual([
      '>= 1 ratio county G8',
    ]);
  });

  it('a dated full-coverage commitment is a target, coverage in passing is not', () => {
    expect(read('到2020年基本实现乡村学校校长、教师培训全覆盖。')).toEqual(['>= 1 ratio county @2020-12-31']);
    expect(read('实现宽带网络全覆盖、网络教学环境全普及。')).toEqual([]);
  });

  it('"消除规模在2000人以上的小学、初中" is a limit of 2000 for each level', () => {
    expect(read('逐步消除规模在2000人以上的小学、初中和2500人以上的九年一贯制学校')).toEqual([
      '<= 2000 students primary G4',
      '<= 2000 students junior G4',
      '<= 2500 students nine_and_twelve_year_school G4',
    ]);
  });

  it('"按…总额的2.5%" is a minimum share; "按每生每年1000元" a set amount; Chinese numerals with a unit', () => {
    expect(read('县财政确保每年按教职工工资总额的2.5%安排培训经费')).toEqual(['>= 0.025 ratio county']);
    expect(read('按小学每生每年1000元、初中每生每年1250元标准补助生活费')).toEqual([
      '= 1000 yuan primary',
      '= 1250 yuan junior',
    ]);
    expect(read('保证学生每天在校锻炼一小时')).toEqual(['>= 1 hours student']);
    expect(read('新聘任的校长至少具有两所学校任职经历')).toEqual(['>= 2 schools county']);
  });

  it('numbers that are not targets: years, ordinals, denominators, populations, slogans, document names', () => {
    expect(read('实施第三轮行动计划，2018年完成“一校一策”，坚持一人一案。')).toEqual([]);
    expect(read('30万人口以上的县要建设特教学校')).toEqual([]);
    expect(read('通过7项指标评估，每12个班级配备音乐教室')).toEqual([]);
    expect(read('根据《山西省消除大班额专项规划(2016—2020)》(晋教基〔2017〕3号)要求')).toEqual([]);
    expect(read('实施消除大班额专项计划，建立消除大班额工作台账。')).toEqual([]);
  });

  it('leaves out spans read elsewhere (dated schedule segments)', () => {
    const text = '目标:2017年,消除超大班额;2018年,基本消除大班额。';
    expect(readTargets(text, { issuedOn: '2017-01-01' }, [{ start: 3, end: text.length }])).toEqual([]);
  });
});
