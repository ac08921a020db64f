import {
  CATALOGS,
  type Message,
  type MessageKey,
  type MessageParam,
  msg,
  placeholdersOf,
  translate,
} from '../../common/i18n/catalog';
import { latinWords } from '../../common/i18n/latin-words';
import { CellProblem } from './cell-parsers';
import { formatIssue, formatIssues, sourceName, type ImportIssue } from './import-issues';
import {
  columnName,
  tableName,
  TABLE_NAMES,
  TABLES,
  ROW_LEVEL_OPTIONS,
  type ColumnInfo,
} from './table-specs';

const STATISTICS_KEYS = (Object.keys(CATALOGS['zh-CN']) as MessageKey[]).filter((k) =>
  k.startsWith('statistics.'),
);

/** A value for each placeholder a statistics text may have, as the importer fills it. */
const SAMPLE: Record<string, MessageParam> = {
  where: sourceName('统计.xlsx', '学校'),
  earlier: sourceName('schools.csv'),
  table: tableName('classes'),
  tables: msg('statistics.table.list'),
  choices: msg('statistics.choices.school_type'),
  column: columnName({ key: 'students' }),
  level: msg('statistics.level.junior'),
  type: msg('label.school_type.nine_year'),
  reason: msg('indicators.xlsx.rows', { rows: 200000 }),
  text: msg('statistics.school.not_in_schools', { code: '2164018001' }),
  problem: msg('statistics.cell.required'),
  file: '学校.csv',
  name: '备注.csv',
  sheet: '学校',
  data: '统计数据',
  value: '十二',
  header: '备注',
  base: '备注',
  first: '学生人数',
  second: '学生数',
};

function sampleIssue(key: MessageKey): ImportIssue {
  const params = Object.fromEntries(placeholdersOf(CATALOGS['zh-CN'][key]).map((p) => [p, SAMPLE[p] ?? 14]));
  return {
    file: 'schools.csv',
    sheet: '学校',
    row: 14,
    column: columnName({ key: 'students' }),
    message: msg(key, params),
  };
}

describe('formatIssue', () => {
  it('writes where, column and problem in the reader’s language only', () => {
    const issue: ImportIssue = {
      file: 'schools.csv',
      row: 14,
      column: columnName({ key: 'students' }),
      message: new CellProblem('statistics.cell.not_whole').about('12O'),
    };
    expect(formatIssue('zh-CN', issue)).toBe('schools.csv 第14行，学生数：“12O”不是整数');
    expect(formatIssue('en', issue)).toBe('schools.csv row 14, students: "12O" is not a whole number');

    const inSheet: ImportIssue = { ...issue, file: '统计.xlsx', sheet: '学校', row: 3 };
    expect(formatIssue('zh-CN', inSheet)).toBe('统计.xlsx 工作表 学校 第3行，学生数：“12O”不是整数');
    expect(formatIssue('en', inSheet)).toBe(
      '统计.xlsx sheet 学校 row 3, students: "12O" is not a whole number',
    );

    expect(formatIssue('zh-CN', { file: '学校.csv', message: msg('statistics.table.no_rows') })).toBe(
      '学校.csv：只有表头，没有数据行',
    );
    // an issue of the whole upload names no file
    expect(formatIssue('en', { message: msg('statistics.input.no_schools') })).toBe(
      'no schools table: give schools.csv or an XLSX sheet named schools',
    );
  });

  it('counts the issues left out', () => {
    const issues: ImportIssue[] = [{ file: 'a.csv', message: msg('statistics.table.empty') }];
    expect(formatIssues('zh-CN', { issues, issueCount: 3 })).toEqual([
      'a.csv：没有内容，第一行应为表头',
      '另有 2 处问题未列出',
    ]);
    expect(formatIssues('en', { issues, issueCount: 1 })).toEqual(['a.csv: is empty: expected a header row']);
  });

  it.each(STATISTICS_KEYS)(
    'renders %s for a Chinese reader without Latin words or open placeholders',
    (key) => {
      const text = formatIssue('zh-CN', sampleIssue(key));
      expect(text).toMatch(/^schools\.csv 工作表 学校 第14行，学生数：/);
      expect(text).not.toMatch(/[{}]/);
      // file names (schools.csv, 学校.csv) are taken out by latinWords; nothing else may be Latin
      expect(latinWords(text)).toEqual([]);
      // and the English text of the same issue has every placeholder filled too
      expect(formatIssue('en', sampleIssue(key))).not.toMatch(/[{}]/);
    },
  );
});

describe('the statistics catalog and the template', () => {
  const zh = (m: Message) => translate('zh-CN', m);
  const en = (m: Message) => translate('en', m);

  it('names every column by its template header in Chinese and by an English name in English', () => {
    const columns = TABLE_NAMES.flatMap((t) =>
      TABLES[t].columns.map((c) => ({ table: t, key: c.key, zh: c.zh })),
    );
    expect(columns.length).toBeGreaterThan(60);
    const names = columns.map((c) => [
      c.table,
      c.key,
      zh(columnName(c)),
      /[\u4e00-\u9fff]/.test(en(columnName(c))),
    ]);
    expect(names).toEqual(columns.map((c) => [c.table, c.key, c.zh, false]));
  });

  it('names every table by its sheet name, and lists them in template order', () => {
    expect(TABLE_NAMES.map((t) => zh(tableName(t)))).toEqual(TABLE_NAMES.map((t) => TABLES[t].zh));
    expect(TABLE_NAMES.map((t) => en(tableName(t)))).toEqual([...TABLE_NAMES]);
    expect(zh(msg('statistics.table.list'))).toBe(TABLE_NAMES.map((t) => TABLES[t].zh).join('、'));
    expect(en(msg('statistics.table.list'))).toBe(TABLE_NAMES.join(', '));
    expect(ROW_LEVEL_OPTIONS.map((o) => zh(msg(`statistics.level.${o.key}`)))).toEqual(
      ROW_LEVEL_OPTIONS.map((o) => o.zh),
    );
  });

  it('lists for each enumerated column exactly the spellings the column accepts', () => {
    const enumerated = TABLE_NAMES.flatMap((t): readonly ColumnInfo[] => TABLES[t].columns).filter(
      (c) => c.options,
    );
    expect(enumerated.length).toBeGreaterThan(5);
    for (const column of enumerated) {
      const problem = column.parse('不可能的值');
      if (!(problem instanceof CellProblem)) throw new Error(`${column.key} accepted a nonsense value`);
      const options = column.options ?? [];
      const choices = problem.params.choices as Message | string;
      // indicator numbers are the same in both languages: given as plain text
      const [zhChoices, enChoices] =
        typeof choices === 'string' ? [choices, choices] : [zh(choices), en(choices)];
      const sep = typeof choices === 'string' ? [' ', ' '] : ['、', ', '];
      expect([column.key, zhChoices]).toEqual([column.key, options.map((o) => o.zh).join(sep[0])]);
      expect([column.key, enChoices]).toEqual([column.key, options.map((o) => o.key).join(sep[1])]);
    }
  });
});
