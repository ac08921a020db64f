import { translate } from '../../common/i18n/catalog';
import type { ImportedCounty } from './dataset-importer';
import { classDiscrepancies, unterminatedCsv } from './cross-check';

const school = (
  code: string,
  level: 'primary' | 'junior' | 'combined',
  classes: number | null,
  students: number,
) =>
  ({
    school_code: code,
    school_name: `学校${code}`,
    level,
    classes,
    students,
  }) as ImportedCounty['schools'][number];
const klass = (code: string, level: 'primary' | 'junior', students: number) =>
  ({ school_code: code, level, grade: 1, class_name: '1班', students }) as ImportedCounty['classes'][number];
const county = (schools: ImportedCounty['schools'], classes: ImportedCounty['classes']) =>
  ({ county_code: '640181', schools, classes }) as ImportedCounty;

describe('statistics cross-check', () => {
  it('agrees when every declared class is a row and the students add up (combined rows over all levels)', () => {
    const c = county(
      [school('1', 'primary', 2, 90), school('2', 'combined', 2, 80), school('3', 'junior', null, 999)],
      [
        klass('1', 'primary', 45),
        klass('1', 'primary', 45),
        klass('2', 'primary', 40),
        klass('2', 'junior', 40),
      ],
    );
    expect(classDiscrepancies(c, ['schools', 'classes'])).toEqual([]);
  });

  it('names each school whose class rows are missing or whose students do not add up', () => {
    const c = county(
      [school('1', 'primary', 3, 90), school('2', 'junior', 1, 50)],
      [klass('1', 'primary', 45), klass('1', 'primary', 45), klass('2', 'junior', 39)],
    );
    expect(classDiscrepancies(c, ['schools', 'classes']).map((m) => translate('zh-CN', m))).toEqual([
      expect.stringMatching(/^学校1（1）小学：学校表班级数 3，班级表 2 行/),
      expect.stringMatching(/^学校2（2）初中：学校表学生数 50，班级学生合计 39/),
    ]);
    // Without the classes table there is nothing to compare.
    expect(classDiscrepancies(c, ['schools'])).toEqual([]);
  });

  it('names a CSV whose last line has no line break', () => {
    expect(
      unterminatedCsv([
        { name: '班级.csv', data: Buffer.from('a,b\n1,394') },
        { name: '学校.csv', data: Buffer.from('a,b\n1,2\n') },
        { name: '学校.xlsx', data: Buffer.from('PK') },
      ]).map((m) => translate('zh-CN', m)),
    ).toEqual([expect.stringMatching(/^班级\.csv 的最后一行没有换行符/)]);
  });
});
