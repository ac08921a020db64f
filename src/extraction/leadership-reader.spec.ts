import { readLeadershipGroup } from './leadership-reader';

describe('readLeadershipGroup', () => {
  it('reads 组长 / 副组长 / 成员 with one member per line, names with spaces inside, the office and its director', () => {
    const lines = [
      '二、組織領導',
      '    為加強組織領導，成立銀川市推進縣域義務教育優質均衡發展工作領導小組。',
      '組  長: 趙旭輝    市委副書記、市長',
      '副組長:李曉鵬    市委常委、市政府副市長  ',
      '        雍  輝    市政府副市長',
      '成  員:',
      '        高小軍    市教育局局長',
      '        張  濤    金鳳區政府區長',
      '領導小組辦公室設在市教育局,由高小軍同志兼任辦公室主任。',
      '三、主要任務',
    ];
    const group = readLeadershipGroup(lines);
    expect(group).toMatchObject({
      name: '銀川市推進縣域義務教育優質均衡發展工作領導小組',
      office: '市教育局',
      lines: [2, 3, 4, 5, 6, 7],
    });
    expect(group?.members.map((m) => [m.name, m.role, m.post])).toEqual([
      ['趙旭輝', 'leader', '市委副書記、市長'],
      ['李曉鵬', 'deputy_leader', '市委常委、市政府副市長'],
      ['雍輝', 'deputy_leader', '市政府副市長'],
      ['高小軍', 'member', '市教育局局長'],
      ['張濤', 'member', '金鳳區政府區長'],
      ['高小軍', 'office_director', '市教育局局長'],
    ]);
  });

  it('reads several members per line as 姓名（职务）', () => {
    const group = readLeadershipGroup([
      '成立县推进义务教育优质均衡发展工作领导小组：',
      '组  长：王建国（县长）',
      '副组长：李明（副县长）、赵丽（县政府办公室主任）',
      '领导小组办公室设在县教育局，办公室主任由县教育局局长兼任。',
    ]);
    expect(group?.members.map((m) => `${m.role}:${m.name}:${m.post}`)).toEqual([
      'leader:王建国:县长',
      'deputy_leader:李明:副县长',
      'deputy_leader:赵丽:县政府办公室主任',
    ]);
    expect(group?.office).toBe('县教育局');
  });

  it('is null when a group is set up without a member list', () => {
    expect(
      readLeadershipGroup(['县政府成立创建工作领导小组,领导小组全面负责创建工作的组织协调。']),
    ).toBeNull();
  });
});
