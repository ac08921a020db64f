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

const problem = (value: unknown): string | null => (value instanceof CellProblem ? value.expected : null);

describe('cell parsers', () => {
  it('parseWhole accepts digits, 1,234 grouping and a spreadsheet float like 12.0', () => {
    expect(parseWhole('812')).toBe(812);
    expect(parseWhole('0')).toBe(0);
    expect(parseWhole('1,234')).toBe(1234);
    expect(parseWhole('12.0')).toBe(12);
    expect(problem(parseWhole('12O'))).toBe('is not a whole number');
    expect(problem(parseWhole('12.5'))).toBe('is not a whole number');
    expect(problem(parseWhole('12,34'))).toBe('is not a whole number');
    expect(problem(parseWhole('-3'))).toBe('must not be negative');
  });

  it('parseAmount accepts decimals and rejects text and negatives', () => {
    expect(parseAmount('10025.5')).toBe(10025.5);
    expect(parseAmount('5,422,000')).toBe(5_422_000);
    expect(parseAmount('.5')).toBe(0.5);
    expect(problem(parseAmount('约100'))).toBe('is not a number');
    expect(problem(parseAmount('-1'))).toBe('must not be negative');
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
    expect(problem(parseRate('101'))).toBe('is not a rate between 0 and 100 %');
    expect(problem(parseRate('高'))).toBe('is not a rate (0.953, 95.3% or 95.3)');
  });

  it('parseBoolean reads 是/否 and yes/no in any case', () => {
    expect(parseBoolean('是')).toBe(true);
    expect(parseBoolean('否')).toBe(false);
    expect(parseBoolean('YES')).toBe(true);
    expect(parseBoolean('no')).toBe(false);
    expect(problem(parseBoolean('有'))).toBe('is not 是/否 or yes/no');
  });

  it('parseCountyCode wants exactly six digits', () => {
    expect(parseCountyCode('640181')).toBe('640181');
    expect(problem(parseCountyCode('64018'))).toBe('is not a 6-digit county code');
    expect(problem(parseCountyCode('64018A'))).toBe('is not a 6-digit county code');
  });

  it('parseDate normalises common spellings to YYYY-MM-DD and rejects impossible dates', () => {
    expect(parseDate('2023-12-01')).toBe('2023-12-01');
    expect(parseDate('2023/12/1')).toBe('2023-12-01');
    expect(parseDate('2023年12月1日')).toBe('2023-12-01');
    expect(problem(parseDate('2023-02-30'))).toBe('is not a date (YYYY-MM-DD)');
  });

  it('wholeInRange bounds grades', () => {
    const grade = wholeInRange(1, 9, 'a grade');
    expect(grade('9')).toBe(9);
    expect(problem(grade('10'))).toBe('is not a grade (1–9)');
  });

  it('enumParser takes the Chinese label or the English key, ignoring case and spaces', () => {
    const level = enumParser([
      { key: 'primary', zh: '小学' },
      { key: 'junior', zh: '初中', aliases: ['初级中学'] },
    ]);
    expect(level('小学')).toBe('primary');
    expect(level(' Junior ')).toBe('junior');
    expect(level('初级中学')).toBe('junior');
    expect(problem(level('高中'))).toBe('is not one of 小学/primary, 初中/junior');
  });
});
