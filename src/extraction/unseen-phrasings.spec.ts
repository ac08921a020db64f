/**
 * Issue 15: every phrasing that failed on plans the extractor had never seen, one test each (deadlines through
 * the shared readDeadline; schedules, 文号, notes and headings through the extraction readers).
 */
import { readDeadline } from '../plans/deadline-reading.policy';
import { docNumbersIn } from './metadata-reader';
import { extractPlan } from './plan-extractor';
import { readRunningSchedules } from './schedule-reader';
import { writtenForms, withNationalDivisions } from './national-divisions';
import { resolveIssuerRegion } from './issuer-region';
import type { PlanFileItem } from '../plans/plan-file.schema';

const read = (text: string, issuedOn = '2019-05-10') => readDeadline(text, { issuedOn });

describe('deadline phrasings of unseen plans', () => {
  it('"2019年春季学期开学前" is a due date (the day before the term starts), not a start', () => {
    const r = read('2019年春季学期开学前完成改造', '2018-10-01');
    expect(r?.due?.date).toBe('2019-02-28');
    expect(r?.start).toBeUndefined();
  });
  it('"秋季开学前" without a year is the coming autumn term', () => {
    expect(read('秋季开学前完成', '2019-05-10')?.due?.date).toBe('2019-08-31');
    expect(read('秋季开学前完成', '2019-10-10')?.due?.date).toBe('2020-08-31');
  });
  it('"年内", "当年", "今年底前" are the end of the issue year', () => {
    for (const text of ['年内完成', '当年完成整改', '今年底前完成'])
      expect(read(text)?.due?.date).toBe('2019-12-31');
  });
  it('"次年3月底前" is March of the year after the issue year', () => {
    expect(read('次年3月底前报送')?.due?.date).toBe('2020-03-31');
  });
  it('"本学期末" is the end of the current term', () => {
    expect(read('本学期末完成', '2019-05-10')?.due?.date).toBe('2019-07-31');
    expect(read('本学期末完成', '2019-10-10')?.due?.date).toBe('2020-01-31');
  });
  it('"“十四五”末" is a due date without a start', () => {
    const r = read('“十四五”末全面达标', '2021-06-01');
    expect(r?.due?.date).toBe('2025-12-31');
    expect(r?.start).toBeUndefined();
  });
  it('"2030年前后" is approximate, "2030年前" is not', () => {
    expect(read('2030年前后基本实现')).toMatchObject({
      due: { date: '2030-12-31', text: '2030年前后' },
      approximate: true,
    });
    expect(read('2030年前基本实现')?.approximate).toBeUndefined();
  });
  it('"2019—2020学年" is the school year', () => {
    expect(read('2019—2020学年实现')).toMatchObject({
      start: { date: '2019-09-01' },
      due: { date: '2020-08-31' },
    });
  });
  it('"每两年", "每三年一次" recur every N years', () => {
    expect(read('每两年开展一次评估')).toMatchObject({ recurrence: 'yearly', everyYears: 2 });
    expect(read('每三年一次')).toMatchObject({ recurrence: 'yearly', everyYears: 3 });
  });
  it('"长期坚持" is a standing duty', () => {
    expect(read('长期坚持')).toEqual({ standing: true });
  });
  it('"“十五”期间", "“九五”末": the earlier plans\' periods without 十 before the digit', () => {
    expect(read('“十五”期間，基礎教育改革和發展的具體任務是：', '2001-06-01')).toMatchObject({
      start: { date: '2001-01-01', text: '“十五”期間' },
      due: { date: '2005-12-31', text: '“十五”期間' },
    });
    expect(read('“九五”末基本普及', '1996-03-01')).toMatchObject({ due: { date: '2000-12-31' } });
    expect(read('十五期间完成', '2001-06-01')?.due?.date).toBe('2005-12-31');
  });
  it('bare "十五" and "九五" are numbers, not periods: "十五年", "第十五条", "九五折"', () => {
    expect(read('用十五年时间', '2001-06-01')?.start).toBeUndefined();
    expect(read('依照第十五条规定', '2001-06-01')).toBeNull();
    expect(read('按九五折计价', '2001-06-01')).toBeNull();
  });
  it('"2035年远景目标" is not a deadline; "从2022年起" starts in 2022 even inside "“十四五”期间"', () => {
    const r = read(
      '结合“十四五”规划和2035年远景目标。从2022年起，全面启动。“十四五”期间达标30%，2034年底完成。',
      '2022-10-10',
    );
    expect(r?.due?.date).toBe('2034-12-31');
    expect(r?.start?.date).toBe('2022-01-01');
  });
});

describe('county schedules in running text', () => {
  it('splits "2025年A县、B县、C县。……2028年D县，2029年E县、F县" by year', () => {
    const s = readRunningSchedules(
      '具体为：2025年思茅区、宁洱县、镇沅县。“十五五”期间，具体为：2028年景东县，2029年墨江县、景谷县。',
    );
    expect(s.map((x) => [x.year, x.counties])).toEqual([
      [2025, ['思茅区', '宁洱县', '镇沅县']],
      [2028, ['景东县']],
      [2029, ['墨江县', '景谷县']],
    ]);
  });
  it('reads "到2032年底，贡山县、兰坪县实现…；2033年底，泸水市实现…" and Traditional text', () => {
    const s = readRunningSchedules('確保到2032年底，貢山縣、蘭坪縣實現目標；2033年底，瀘水市實現目標。');
    expect(s.map((x) => [x.year, x.counties])).toEqual([
      [2032, ['貢山縣', '蘭坪縣']],
      [2033, ['瀘水市']],
    ]);
  });
  it('does not take "2018年，全州实现县域内…基本均衡，2020年…" for counties', () => {
    expect(
      readRunningSchedules('到2018年，全州实现县域内义务教育基本均衡；到2020年，城乡学校布局更加合理。'),
    ).toEqual([]);
  });
});

describe('文号 and regions of unseen plans', () => {
  it('reads square brackets and restores lost ones', () => {
    expect(docNumbersIn('凌政办发[2020]35号凌海市…的通知')[0].value).toBe('凌政办发[2020]35号');
    expect(docNumbersIn('通知（教督20176号）要求')[0]).toMatchObject({
      value: '教督〔2017〕6号',
      restored: true,
    });
    // only the closing bracket lost, with and without 号; a line of its own
    expect(docNumbersIn('意见》（国办发〔201772号）和').map((d) => d.value)).toEqual(['国办发〔2017〕72号']);
    expect(docNumbersIn('治政办[201793')[0]).toMatchObject({ value: '治政办〔2017〕93号', restored: true });
    // an agency whose abbreviation begins with 文 (文成县, 文山州) keeps it
    expect(docNumbersIn('文 号： 文政办发〔2019〕26号').map((d) => d.value)).toEqual([
      '文政办发〔2019〕26号',
    ]);
    expect(docNumbersIn('根据文件精神（文政发〔2020〕3号）').map((d) => d.value)).toEqual([
      '文政发〔2020〕3号',
    ]);
  });
  it('names national divisions as plans write them', () => {
    expect(writtenForms('宁洱哈尼族彝族自治县')).toEqual(['宁洱县', '宁洱']);
    expect(writtenForms('宁夏回族自治区')).toEqual(['宁夏']);
    expect(writtenForms('黔东南苗族侗族自治州')).toEqual(['黔东南州', '黔东南']);
    expect(writtenForms('长阳土家族自治县')).toEqual(['长阳县', '长阳']);
    const region = resolveIssuerRegion('普洱市人民政府办公室', '', withNationalDivisions([]));
    expect(region).toMatchObject({ code: '530800', resolved: true });
    expect(region.counties.map((c) => c.name)).toContain('澜沧拉祜族自治县');
  });
});

const flat = (items: PlanFileItem[]): PlanFileItem[] => items.flatMap((i) => [i, ...flat(i.children)]);

describe('extraction of unseen phrasings', () => {
  const text = [
    '普洱市人民政府办公室关于印发普洱市义务教育优质均衡发展实施方案的通知',
    '为推进优质均衡，制定本方案。',
    '一、总体任务',
    '1.坚持因地制宜。各县（区）要认真总结经验，落实建设标准统一、编制标准统一、经费标准统一的要求。〔责任单位：各县（区）人民政府，市发展改革委、市教育体育局〕',
    '2.加强统筹。各县市要纳入统筹谋划，2019年春季学期开学前完成。（责任单位：市教育体育局，各县市人民政府）',
    '3.加强督导。宁洱县各有关部门要加强督导，力争2030年前后完成。【牵头单位：市教育体育局】',
    '4.消除大班额。基本消除56人以上大班额，九年义务教育巩固率达到97%。（市教育体育局牵头，市财政局配合）',
    '5.建立制度。每三年开展一次评估，2018年6月底前完成。（市教育体育局负责）',
    '6.落实经费。按时足额拨付，力争于2019年内完成。（市财政局负责）',
    '普洱市人民政府办公室',
    '2018年12月21日',
  ].join('\n');

  it('reads brackets, the counties of 各县市, no spurious heading, and flags dates', async () => {
    const { draft, warnings, provenance } = await extractPlan({ text, fileName: 'p.txt', regions: [] });
    expect(draft.region).toBe('530800');
    const items = flat(draft.items);
    // "统一、" inside a sentence is not a heading
    expect(items.filter((i) => i.number.startsWith('统一'))).toEqual([]);
    const name = (ref: string) => draft.departments.find((d) => d.ref === ref)?.name ?? ref;
    const byTitle = (t: string) => items.find((i) => i.title.startsWith(t)) as PlanFileItem;
    expect(byTitle('坚持因地制宜').lead.map(name)).toEqual(
      expect.arrayContaining(['普洱市发展改革委', '普洱市教育体育局']),
    );
    const counties = byTitle('加强统筹').lead.map(name);
    expect(counties).not.toContain('普洱市人民政府');
    expect(byTitle('加强督导').lead.map(name)).toEqual(['普洱市教育体育局']);
    expect(draft.departments.map((d) => d.ref).join()).not.toContain('有关部门');
    expect(byTitle('加强统筹').due?.date).toBe('2019-02-28');
    expect(byTitle('建立制度').due?.date).toBe('2018-06-30');
    // a deadline before the issue date is flagged
    expect(warnings.some((w) => w.code === 'DEADLINE_BEFORE_ISSUE')).toBe(true);
    // "2030年前后" is a due date a person should check
    expect(provenance.lowConfidence.some((p) => p.includes('due'))).toBe(true);
    const classSize = byTitle('消除大班额');
    expect(classSize.targets.find((t) => t.unit === 'students')).toMatchObject({
      comparator: '<=',
      value: 55,
      qualifier: 'largely',
    });
    expect(classSize.indicator ?? null).not.toBe('G5');
    expect(classSize.indicator ?? null).not.toBe('Q1');
  });

  it('a note that only lists units, "排名第一位为牵头单位，下同": the first named leads, in the notes below too', async () => {
    const { draft } = await extractPlan({
      text: [
        '云浮市人民政府办公室关于印发云浮市推动义务教育优质均衡发展行动方案的通知',
        '为推进优质均衡，制定本行动方案。',
        '一、落实政府职责',
        '（一）健全管理体制。建立完善管理体制。（市教育局，市委农办，各县<市、区>人民政府，排名第一位为牵头单位，下同）',
        '（二）加强统筹。统筹推进学校建设。（市发展改革局，市教育局）',
        '（三）规范办学。依法规范办学行为（以下简称规范办学）。',
        '云浮市人民政府办公室',
        '2019年7月23日',
      ].join('\n'),
      fileName: 'y.txt',
      regions: [],
    });
    const name = (ref: string) => draft.departments.find((d) => d.ref === ref)?.name ?? ref;
    const items = flat(draft.items);
    const byTitle = (t: string) => items.find((i) => i.title.startsWith(t)) as PlanFileItem;
    expect(byTitle('健全管理体制').lead.map(name)).toEqual(['云浮市教育局']);
    // "各县<市、区>人民政府": angle brackets inside the note are brackets, and 、 inside them does not split
    expect(byTitle('健全管理体制').cooperate.map(name)).toEqual(['云浮市委农办', '各县(市、区)人民政府']);
    expect(byTitle('加强统筹').lead.map(name)).toEqual(['云浮市发展改革局']);
    expect(byTitle('加强统筹').cooperate.map(name)).toEqual(['云浮市教育局']);
    // a bracket that names no body is no note
    expect(byTitle('规范办学').lead).toEqual([]);
  });

  it('a bare list in brackets without the legend is no note', async () => {
    const { draft } = await extractPlan({
      text: [
        '云浮市人民政府办公室关于印发云浮市推动义务教育优质均衡发展行动方案的通知',
        '为推进优质均衡，制定本行动方案。',
        '一、落实政府职责',
        '（一）加强统筹。统筹推进学校建设。（市发展改革局，市教育局）',
        '云浮市人民政府办公室',
        '2019年7月23日',
      ].join('\n'),
      fileName: 'y.txt',
      regions: [],
    });
    const name = (ref: string) => draft.departments.find((d) => d.ref === ref)?.name ?? ref;
    expect(
      flat(draft.items)
        .find((i) => i.title.startsWith('加强统筹'))
        ?.lead.map(name),
    ).not.toContain('云浮市发展改革局');
  });

  it('"灵武市各有关部门" is not a department', async () => {
    const { draft } = await extractPlan({
      text: [
        '银川市人民政府办公室关于印发银川市义务教育优质均衡发展实施方案的通知',
        '为推进优质均衡，制定本方案。',
        '一、总体任务',
        '1.加强督导。灵武市各有关部门要加强督导。（市教育局负责）',
        '银川市人民政府办公室',
        '2021年3月1日',
      ].join('\n'),
      fileName: 'y.txt',
      regions: [],
    });
    expect(draft.departments.map((d) => `${d.ref}|${d.name ?? ''}`).join()).not.toMatch(/有关部门/);
  });

  it('reads a 文号 and headings through the pinyin a web copy wrote after characters', async () => {
    const { draft } = await extractPlan({
      text: [
        '渭南市教育局關(guān)于印發(fā)《渭南市推動鄉(xiāng)村教育高質量發(fā)展的意見》的通知',
        '為貫徹落實《中共中央國務(wù)院關(guān)于做好2023年全面推進鄉(xiāng)村振興重點工作的意見》(中發(fā)〔2023〕1號)精神，現(xiàn)提出如下意見：',
        '一、指導思想',
        '堅持以人民為中心，統(tǒng)籌推進城鄉(xiāng)義務(wù)教育一體化改革發(fā)展。',
        '渭南市教育局',
        '2024年1月11日',
      ].join('\n'),
      fileName: 'w.txt',
      regions: [],
    });
    // as written (Traditional), without the pinyin
    expect(draft.implements).toContain('中發〔2023〕1號');
    expect(flat(draft.items).map((i) => i.title)).toEqual(['指导思想']);
  });

  it('a date that cannot be read is a warning, never a silent absence', async () => {
    const { warnings } = await extractPlan({
      text: text.replace('力争于2019年内完成', '力争于2019年第三个工作日前完成'),
      fileName: 'p.txt',
      regions: [],
    });
    expect(warnings.some((w) => w.code === 'DATE_UNREAD')).toBe(true);
  });
});
