import { importSources } from '../../indicators/import/dataset-importer';
import { PageContext } from '../page-context';
import { importPage } from './import.page';

const zh = new PageContext(null, 'zh-CN', null, '/import');
const en = new PageContext(null, 'en', null, '/import');

/** The /import page after an upload with one bad cell and one file that is not a table. */
async function refusedUpload() {
  const result = await importSources([
    {
      name: 'schools.csv',
      data: Buffer.from(
        '学校标识码,学校名称,县区代码,办学类型,学段,学生数\n2164018001,第一小学,640181,小学,小学,12O\n',
      ),
    },
    { name: '备注.csv', data: Buffer.from('a\n1\n') },
  ]);
  if (result.ok) throw new Error('expected the import to fail');
  return { history: [], issues: result.issues, issueCount: result.issueCount, notices: result.notices };
}

describe('the statistics import page', () => {
  it('lists each problem and notice in the reader’s language only', async () => {
    const view = await refusedUpload();
    const chinese = String(importPage(zh, view));
    expect(chinese).toContain('发现 1 处问题，未导入任何数据。');
    expect(chinese).toMatch(
      /<td>schools\.csv<\/td>\s*<td><\/td>\s*<td>2<\/td>\s*<td>学生数<\/td>\s*<td>“12O”不是整数<\/td>/,
    );
    expect(chinese).toContain(
      '备注.csv：没有名为“备注”的表（可用的表名：学校、班级、县级指标、佐证、满意度调查、质量监测），已忽略',
    );
    expect(chinese).not.toMatch(/whole number|students<|ignored/);

    const english = String(importPage(en, view));
    expect(english).toMatch(/<td>students<\/td>\s*<td>&quot;12O&quot; is not a whole number<\/td>/);
    expect(english).not.toContain('不是整数');
  });
});
