import { readCountySchedule, readDatedSchedule } from './schedule-reader';

describe('readCountySchedule', () => {
  it('reads a year and the counties of a schedule line, names as written', () => {
    expect(readCountySchedule('2023年靈武市')).toEqual({
      year: 2023,
      yearText: '2023年',
      counties: ['靈武市'],
    });
    expect(readCountySchedule('2026年興慶區、金鳳區、賀蘭縣')?.counties).toEqual([
      '興慶區',
      '金鳳區',
      '賀蘭縣',
    ]);
    expect(readCountySchedule('到2025年：东林县、北江县。')?.counties).toEqual(['东林县', '北江县']);
  });

  it('is null for a bullet that is not a schedule of counties', () => {
    expect(readCountySchedule('教育投入稳步增长。全面落实经费保障机制。')).toBeNull();
    expect(readCountySchedule('2020年全面消除大班额')).toBeNull();
  });
});

describe('readDatedSchedule', () => {
  it('splits "目标：YYYY年，…；YYYY年，…" into dated segments', () => {
    const text = '全市目标:2017年,消除超大班额;2018年,全市基本消除大班额;2020年,全部达标准班额。';
    const segments = readDatedSchedule(text);
    expect(segments.map((s) => [s.yearText, text.slice(s.start, s.end)])).toEqual([
      ['2017年', '2017年,消除超大班额'],
      ['2018年', '2018年,全市基本消除大班额'],
      ['2020年', '2020年,全部达标准班额'],
    ]);
  });

  it('needs at least two years after the colon', () => {
    expect(readDatedSchedule('目标：到2020年，全部达标。')).toEqual([]);
    expect(readDatedSchedule('到2018年，基本消除大班额；到2020年，全面消除大班额。')).toEqual([]);
  });
});
