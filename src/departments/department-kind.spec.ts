import { inferDepartmentKind } from './department-kind';

describe('inferDepartmentKind', () => {
  it.each([
    ['银川市人民政府', 'government'],
    ['灵武市人民政府', 'government'],
    ['银川市教育局', 'bureau'],
    ['天津市公安局蓟州分局', 'bureau'],
    ['银川市发展和改革委员会', 'bureau'],
    ['银川市卫生健康委员会', 'bureau'],
    ['银川市大数据服务中心', 'bureau'],
    ['中共银川市委机构编制委员会办公室', 'office'],
    ['银川市人民政府教育督导室', 'office'],
    ['克孜勒苏柯尔克孜自治州扶贫开发办公室', 'office'],
    ['银川市直各相关部门', 'collective'],
    ['银川市属各学校', 'collective'],
    ['安溪县直有关单位', 'collective'],
    ['晋中市各乡(镇)人民政府', 'collective'],
    ['银川市完善校园治理体系提高治理能力各成员单位', 'collective'],
    ['某某协会', 'other'],
  ])('%s → %s', (name, kind) => {
    expect(inferDepartmentKind(name)).toBe(kind);
  });
});
