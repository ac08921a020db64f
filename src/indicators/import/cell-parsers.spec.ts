import {
  CellProblem,
  enumParser,
  parseAmount,
  parseBoolean,
  parseCountyCode,
  parseDate,
  parseRate,
  parseWhole,
  wholeInRange,
} from './cell-parsers';
import { msg, translate } from '../../common/i18n/catalog';
import type { Locale } from '../../common/locale';

/** What the reader is told of a cell holding `text`, or null when the parser accepts it. */
const problem = (parse: (text: string) => unknown, text: string, locale: Locale = 'zh-CN'): string | null => {
  const value = parse(text);
  return value instanceof CellProblem ? translate(locale, value.about(text)) : null;
};

describe('cell parsers', () => {
  it('parseWhole accepts digits, 1,234 grouping and a spreadsheet float like 12.0', () => {
    expect(parseWhole('812')).toBe(812);
    expect(parseWhole('0')).toBe(0);
    expect(parseWhole('1,234')).toBe(1234);
    expect(parseWhole('12.0')).toBe(12);
    expect(problem(parseWhole, '12O')).toBe('“12O”不是整数');
    expect(problem(parseWhole, '12O', 'en')).toBe('"12O" is not a whole number');
    expect(problem(parseWhole, '12.5')).toBe('“12.5”不是整数');
    expect(problem(parseWhole, '12,34')).toBe('“12,34”不是整数');
    expect(problem(parseWhole, '-3')).toBe('“-3”不能为负数');
  });

  it('parseAmount accepts decimals and rejects text and negatives', () => {
    expect(parseAmount('10025.5')).toBe(10025.5);
    expect(parseAmount('5,422,000')).toBe(5_422_000);
    expect(parseAmount('.5')).toBe(0.5);
    expect(problem(parseAmount, '约100')).toBe('“约100”不是数字');
    expect(problem(parseAmount, '-1')).toBe('“-1”不能为负数');
  });

  it('parseRate reads 0.953, 95.3% and 95.3 as the same rate', () => {
    expect(parseRate('0.953')).toBe(0.953);
    expect(parseRate('95.3%')).toBe(0.953);
    expect(parseRate('95.3 %')).toBe(0.953);
    expect(parseRate('95.3')).toBe(0.953);
    expect(parseRate('91.3%')).toBe(0.913);
    expect(parseRate('100%')).toBe(1);
    expect(parseRate('1')).toBe(1);
    expect(parseRate('0')).toBe(0);
    expect(problem(parseRate, '101')).toBe('“101”不在 0 至 100% 之间');
    expect(problem(parseRate, '高')).toBe('“高”不是比例（可填 0.953、95.3% 或 95.3）');
  });

  it('parseBoolean reads 是/否 and yes/no in any case', () => {
    expect(parseBoolean('是')).toBe(true);
    expect(parseBoolean('否')).toBe(false);
    expect(parseBoolean('YES')).toBe(true);
    expect(parseBoolean('no')).toBe(false);
    expect(problem(parseBoolean, '有')).toBe('“有”不是可填的值，应为：是、否');
    expect(problem(parseBoolean, '有', 'en')).toBe('"有" is not one of yes, no');
  });

  it('parseCountyCode wants exactly six digits', () => {
    expect(parseCountyCode('640181')).toBe('640181');
    expect(problem(parseCountyCode, '64018')).toBe('“64018”不是六位数字的县区代码');
    expect(problem(parseCountyCode, '64018A')).toBe('“64018A”不是六位数字的县区代码');
  });

  it('parseDate normalises common spellings to YYYY-MM-DD and rejects impossible dates', () => {
    expect(parseDate('2023-12-01')).toBe('2023-12-01');
    expect(parseDate('2023/12/1')).toBe('2023-12-01');
    expect(parseDate('2023年12月1日')).toBe('2023-12-01');
    expect(problem(parseDate, '2023-02-30')).toBe('“2023-02-30”不是日期，应为“年-月-日”（如 2023-12-01）');
  });

  it('wholeInRange bounds grades', () => {
    const grade = wholeInRange(1, 9, 'statistics.cell.not_grade');
    expect(grade('9')).toBe(9);
    expect(problem(grade, '10')).toBe('“10”不是 1 至 9 之间的年级');
    expect(problem(grade, '10', 'en')).toBe('"10" is not a grade (1–9)');
  });

  it('enumParser takes the Chinese label or the English key, ignoring case and spaces', () => {
    const level = enumParser(
      [
        { key: 'primary', zh: '小学' },
        { key: 'junior', zh: '初中', aliases: ['初级中学'] },
      ],
      msg('statistics.choices.class_level'),
    );
    expect(level('小学')).toBe('primary');
    expect(level(' Junior ')).toBe('junior');
    expect(level('初级中学')).toBe('junior');
    expect(problem(level, '高中')).toBe('“高中”不是可填的值，应为：小学、初中');
    expect(problem(level, '高中', 'en')).toBe('"高中" is not one of primary, junior');
  });
});
