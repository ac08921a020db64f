import { findMentions, readDepartmentList } from './department-mentions';
import { readItemDepartments } from './department-reader';
import type { IssuerRegion } from './issuer-region';
import { comparable, maskNames } from './source-text';

const city: IssuerRegion = {
  code: '640100',
  name: '银川市',
  names: ['银川市', '银川'],
  level: 'city',
  higherNames: ['宁夏回族自治区'],
  counties: [{ code: '640181', name: '灵武市', names: ['灵武市', '灵武'] }],
  resolved: true,
};
const prefecture: IssuerRegion = {
  code: '653000',
  name: '克孜勒苏柯尔克孜自治州',
  names: ['克孜勒苏柯尔克孜自治州', '克州'],
  level: 'city',
  higherNames: ['新疆维吾尔自治区'],
  counties: [],
  resolved: true,
};
const county: IssuerRegion = {
  code: '000000',
  name: '东山县',
  names: ['东山县'],
  level: 'county',
  higherNames: [],
  counties: [],
  resolved: false,
};

const duties = (text: string, region: IssuerRegion, goal = false) =>
  readItemDepartments(maskNames(comparable(text)), { region }, { goal }).map(
    (a) => `${a.role}:${a.mention.surface}`,
  );
const keys = (text: string, region: IssuerRegion) =>
  findMentions(maskNames(comparable(text)), { region }).map((m) => `${m.surface}=${m.key}`);

describe('department mentions', () => {
  it('keys a body by its level relative to the issuer and its sector', () => {
    expect(keys('市教育局、县级教育行政部门、教育部门、市发改委、发展和改革委员会', city)).toEqual([
      '市教育局=bureau:city:edu',
      '县级教育行政部门=bureau:county:edu',
      '教育部门=bureau:generic:edu',
      '市发改委=bureau:city:ndrc',
      '发展和改革委员会=bureau:generic:ndrc',
    ]);
  });

  it('reads governments: 各县(区、市)人民政府, 县级政府, 乡(镇)政府, 当地政府, 市县两级政府', () => {
    expect(keys('各县(区、市)人民政府、县级政府、乡(镇)政府、当地政府、市县两级政府', city)).toEqual([
      '各县(区、市)人民政府=gov:county',
      '县级政府=gov:county',
      '乡(镇)政府=gov:township',
      '当地政府=gov:county',
      '市政府=gov:city',
      '县政府=gov:county',
    ]);
  });

  it('reads a shared suffix: "教育、编制、人社部门" is three departments', () => {
    expect(keys('教育、编制、人社部门按照原则确定', city)).toEqual([
      '教育部门=bureau:generic:edu',
      '编制部门=bureau:generic:staffing',
      '人社部门=bureau:generic:hrss',
    ]);
  });

  it('in a county plan, 县 is the issuer itself and 乡镇 the level below', () => {
    expect(keys('县教育局、县财政、各乡镇、县直有关单位', county)).toEqual([
      '县教育局=bureau:county:edu',
      '县财政=bureau:county:finance',
      '各乡镇=gov:township',
      '县直有关单位=collective:county:departments',
    ]);
  });

  it('names a county government by the county name', () => {
    expect(keys('灵武市政府', city)).toEqual(['灵武市政府=gov:named:灵武市']);
    expect(keys('西湖区人民政府', county)).toEqual(['西湖区人民政府=gov:named:西湖区']);
  });

  it('ignores bodies above the issuer, everyone (各级各部门), ministries and names inside book titles', () => {
    expect(
      keys('自治区教育厅、各级各部门、教育部《关于市教育局的通知》、“安溪县教育局”', prefecture),
    ).toEqual([]);
  });
});

describe('readDepartmentList (责任单位 lists and notes)', () => {
  it('carries the level prefix of the first element over to the next ones', () => {
    const mentions = readDepartmentList('自治州发改委、财政局、教育局、住房城乡建设局', 0, {
      region: prefecture,
    });
    expect(mentions.map((m) => m.surface)).toEqual([
      '自治州发改委',
      '自治州财政局',
      '自治州教育局',
      '自治州住房城乡建设局',
    ]);
  });

  it('keeps a unit the vocabulary does not know under its own name', () => {
    const [unit] = readDepartmentList('市完善校园治理体系提高治理能力各成员单位', 0, { region: city });
    expect(unit).toMatchObject({ kind: 'unit', key: 'unit:city:完善校园治理体系提高治理能力各成员单位' });
  });
});

describe('readItemDepartments — every form the genre uses', () => {
  it('（自治州教育局牵头负责） → lead; sentence subjects become cooperate', () => {
    expect(duties('各县(市)要根据标准建设学校。(自治州教育局牵头负责)', prefecture)).toEqual([
      'lead:自治州教育局',
      'cooperate:各县(市)人民政府',
    ]);
  });

  it('（…按职责分工负责） → every listed unit leads', () => {
    expect(duties('落实经费保障。(自治州财政局、教育局按职责分工负责)', prefecture)).toEqual([
      'lead:自治州财政局',
      'lead:自治州教育局',
    ]);
  });

  it('（X牵头，Y、Z配合）', () => {
    expect(duties('核定教师补充计划。（县委编办牵头，县人社局、县财政局配合）', county)).toEqual([
      'lead:县委编办',
      'cooperate:县人社局',
      'cooperate:县财政局',
    ]);
  });

  it('责任单位：…；配合单位：… lines', () => {
    const text =
      '同步规划建设城镇学校。\n責任單位:市自然資源局、各縣(市)區人民政府;\n配合單位:市住房和城鄉建設局、市教育局';
    expect(duties(text, city)).toEqual([
      'lead:市自然资源局',
      'lead:各县(市)区人民政府',
      'cooperate:市住房和城乡建设局',
      'cooperate:市教育局',
    ]);
  });

  it('sentences: "财政部门要…" leads; "会同…等部门", "征得…同意", "向…通报" cooperate', () => {
    expect(
      duties(
        '财政部门要切实增加投入。县(区、市)教育局要会同机构编制、财政等部门排查。相关部门应征得同级教育部门同意。公安部门要及时向同级教育部门通报。',
        city,
      ),
    ).toEqual([
      'lead:财政部门',
      'lead:县(区、市)教育局',
      'cooperate:机构编制部门',
      'cooperate:财政部门',
      'cooperate:同级教育部门',
      'lead:公安部门',
      'cooperate:同级教育部门',
    ]);
  });

  it('"各县(区、市)人民政府要…", "由当地政府统筹…", "以县为单位…", "鼓励各县…" lead', () => {
    expect(duties('各县(区、市)人民政府要履行主体责任。', city)).toEqual(['lead:各县(区、市)人民政府']);
    expect(duties('老城区配建不足的，由当地政府统筹新建。', city)).toEqual(['lead:当地政府']);
    expect(duties('以县为单位建立教育设备统筹调配平台。', city)).toEqual(['lead:县政府']);
    expect(duties('鼓励各县(区、市)适当提高标准。', city)).toEqual(['lead:各县(区、市)人民政府']);
  });

  it('"X具体负责", "银川市将…", "落实X属地责任", "区、镇乡两级统筹" lead', () => {
    expect(duties('建立党委统一领导、教育部门具体负责的体制。', county)).toEqual(['lead:教育部门']);
    expect(duties('银川市将把工作情况纳入考核。', city)).toEqual(['lead:银川市人民政府']);
    expect(duties('落实县、乡(镇)政府属地责任。', city)).toEqual(['lead:县政府', 'lead:乡(镇)政府']);
    expect(duties('建立县、乡镇两级统筹机制。', county)).toEqual(['lead:县政府', 'lead:乡镇政府']);
  });

  it('in a goal, a body only leads when the text gives it a duty', () => {
    expect(duties('市级政府统筹、督查力度不断加大，教育行政部门统一管理机制全面建立。', city, true)).toEqual(
      [],
    );
    expect(duties('各县(区、市)要提高标准。', city, true)).toEqual(['lead:各县(区、市)人民政府']);
  });

  it('who is overseen, encouraged in a list of content, or evaluated in passing is not assigned', () => {
    expect(duties('完善对乡镇人民政府教育工作督导评估的办法。', county)).toEqual([]);
    expect(duties('调查评估的内容包括:县级人民政府及有关职能部门落实政策的成效。', city)).toEqual([]);
  });
});
