import {
  addYears,
  isRealIsoDate,
  parseChineseCount,
  readDeadline,
  type DeadlineReading,
} from './deadline-reading.policy';

const issuedOn = '2017-12-01';
const read = (text: string, on = issuedOn) => readDeadline(text, { issuedOn: on });

describe('readDeadline — one test per rule', () => {
  it('"到2020年" → due 2020-12-31', () => {
    expect(read('到2020年')).toEqual({ due: { date: '2020-12-31', text: '到2020年' } });
  });

  it('"2018年底" → due 2018-12-31', () => {
    expect(read('2018年底')).toEqual({ due: { date: '2018-12-31', text: '2018年底' } });
  });

  it('"2018年年底" → due 2018-12-31', () => {
    expect(read('2018年年底')).toEqual({ due: { date: '2018-12-31', text: '2018年年底' } });
  });

  it('"到2018年底" keeps the 到 in the wording', () => {
    expect(read('到2018年底,全面取消中小学校和学校干部的行政级别')).toEqual({
      due: { date: '2018-12-31', text: '到2018年底' },
    });
  });

  it('"2017年" alone (a yearly target) → due 2017-12-31', () => {
    expect(read('2017年,消除超大班额')).toEqual({ due: { date: '2017-12-31', text: '2017年' } });
  });

  it('"从2017年秋季起" → start 2017-09-01', () => {
    expect(read('从2017年秋季起')).toEqual({ start: { date: '2017-09-01', text: '从2017年秋季起' } });
  });

  it('"2017年秋季学期起" → start 2017-09-01', () => {
    expect(read('2017年秋季学期起')).toEqual({ start: { date: '2017-09-01', text: '2017年秋季学期起' } });
  });

  it('"从2018年春季起" → start 2018-03-01', () => {
    expect(read('从2018年春季起')).toEqual({ start: { date: '2018-03-01', text: '从2018年春季起' } });
  });

  it('"从2017年秋季入学的初中一年级学生开始" → start 2017-09-01', () => {
    expect(read('从2017年秋季入学的初中一年级学生开始')).toEqual({
      start: { date: '2017-09-01', text: '从2017年秋季入学' },
    });
  });

  it('"每年" → recurrence yearly', () => {
    expect(read('每年有计划地选拔一批优秀毕业生')).toEqual({ recurrence: 'yearly' });
  });

  it('"每学期" → recurrence semester', () => {
    expect(read('每学期开展一次督导检查')).toEqual({ recurrence: 'semester' });
  });

  it('"每季度" → quarterly, "每月"/"每个月" → monthly', () => {
    expect(read('每季度通报')).toEqual({ recurrence: 'quarterly' });
    expect(read('每月报送')).toEqual({ recurrence: 'monthly' });
    expect(read('每个月报送')).toEqual({ recurrence: 'monthly' });
  });

  it('"每学年" and "逐年" → yearly', () => {
    expect(read('每学年到乡村学校交流轮岗')).toEqual({ recurrence: 'yearly' });
    expect(read('生均公用经费财政拨款逐年稳定增长')).toEqual({ recurrence: 'yearly' });
  });

  it('"三年内" → issue date + 3 years', () => {
    expect(read('三年内完成')).toEqual({ due: { date: '2020-12-01', text: '三年内' } });
  });

  it('"力争通过3年努力" → issue date + 3 years', () => {
    expect(read('力争通过3年努力,使全市义务教育学校基本达到国家要求')).toEqual({
      due: { date: '2020-12-01', text: '力争通过3年努力' },
    });
  });

  it('"用3年时间" → issue date + 3 years', () => {
    expect(read('用3年时间')).toEqual({ due: { date: '2020-12-01', text: '用3年时间' } });
  });

  it('"2019年6月底" → due 2019-06-30', () => {
    expect(read('2019年6月底')).toEqual({ due: { date: '2019-06-30', text: '2019年6月底' } });
  });

  it('"2020年前" → due 2020-12-31', () => {
    expect(read('2020年前')).toEqual({ due: { date: '2020-12-31', text: '2020年前' } });
  });

  it('"2018—2020年" → start 2018-01-01, due 2020-12-31', () => {
    expect(read('2018—2020年')).toEqual({
      start: { date: '2018-01-01', text: '2018—2020年' },
      due: { date: '2020-12-31', text: '2018—2020年' },
    });
  });
});

describe('readDeadline — more wording', () => {
  it('other range spellings', () => {
    expect(read('2018-2020年')?.due?.date).toBe('2020-12-31');
    expect(read('2018年至2020年')).toEqual({
      start: { date: '2018-01-01', text: '2018年至2020年' },
      due: { date: '2020-12-31', text: '2018年至2020年' },
    });
    expect(read('2018～2020年')?.start?.date).toBe('2018-01-01');
  });

  it('a backwards range is not a range', () => {
    expect(read('2020—2018年')?.start).toBeUndefined();
  });

  it('"“十三五”期间" → 2016–2020', () => {
    expect(read('统筹“十三五”期间义务教育学校建设项目')).toEqual({
      start: { date: '2016-01-01', text: '“十三五”期间' },
      due: { date: '2020-12-31', text: '“十三五”期间' },
    });
  });

  it('"从2017年起" → start 2017-01-01; "从2020年底开始" → start 2020-12-31', () => {
    expect(read('从2017年起')).toEqual({ start: { date: '2017-01-01', text: '从2017年起' } });
    expect(read('从2020年底开始')).toEqual({ start: { date: '2020-12-31', text: '从2020年底开始' } });
    expect(read('自2019年3月起')).toEqual({ start: { date: '2019-03-01', text: '自2019年3月起' } });
  });

  it('"2020年以前" / "2020年之前" / "2020年底前"', () => {
    expect(read('2020年以前')?.due).toEqual({ date: '2020-12-31', text: '2020年以前' });
    expect(read('2020年之前')?.due).toEqual({ date: '2020-12-31', text: '2020年之前' });
    expect(read('2020年底前')?.due).toEqual({ date: '2020-12-31', text: '2020年底前' });
  });

  it('an exact day, a month without 底, half years', () => {
    expect(read('2019年6月15日前')?.due).toEqual({ date: '2019-06-15', text: '2019年6月15日前' });
    expect(read('2019年9月')?.due).toEqual({ date: '2019-09-30', text: '2019年9月' });
    expect(read('2019年上半年')?.due?.date).toBe('2019-06-30');
    expect(read('2019年下半年')?.due?.date).toBe('2019-12-31');
  });

  it('"到2018年秋季" is a due date', () => {
    expect(read('到2018年秋季学期')).toEqual({ due: { date: '2018-09-01', text: '到2018年秋季学期' } });
  });

  it('Chinese numerals in relative wording', () => {
    expect(read('两年内')?.due?.date).toBe('2019-12-01');
    expect(read('力争通过三年努力')?.due?.date).toBe('2020-12-01');
    expect(read('经过五年左右的时间')?.due?.date).toBe('2022-12-01');
    expect(read('十年内')?.due?.date).toBe('2027-12-01');
  });

  it('a year written in Chinese digits and full-width digits', () => {
    expect(read('到二〇二〇年')).toEqual({ due: { date: '2020-12-31', text: '到二〇二〇年' } });
    expect(read('到２０２０年底')).toEqual({ due: { date: '2020-12-31', text: '到２０２０年底' } });
  });

  it('returns null when there is no deadline wording', () => {
    expect(read('九年义务教育巩固率稳定在98%以上')).toBeNull();
    expect(read('对在乡村学校连续从教20年以上的教师')).toBeNull();
    expect(read('')).toBeNull();
  });
});

describe('readDeadline — Traditional input', () => {
  it('reads Traditional wording and keeps it as written', () => {
    expect(read('每學期')).toEqual({ recurrence: 'semester' });
    expect(read('兩年內')).toEqual({ due: { date: '2019-12-01', text: '兩年內' } });
    expect(read('從2017年秋季開始')).toEqual({ start: { date: '2017-09-01', text: '從2017年秋季開始' } });
    expect(read('力爭通過3年努力')).toEqual({ due: { date: '2020-12-01', text: '力爭通過3年努力' } });
    expect(read('到2025年底,全面實現')).toEqual({ due: { date: '2025-12-31', text: '到2025年底' } });
  });
});

describe('readDeadline — tricky cases', () => {
  it('rejects a date that does not exist (2月30日) instead of falling back to the year', () => {
    expect(read('2018年2月30日')).toBeNull();
    expect(read('2019年2月29日前完成')).toBeNull();
    expect(read('2019年13月底')).toBeNull();
  });

  it('leap years: 29 February exists in 2020 and 2000, not in 2019 or 2100', () => {
    expect(read('2020年2月29日')?.due?.date).toBe('2020-02-29');
    expect(read('2020年2月底')?.due?.date).toBe('2020-02-29');
    expect(read('2019年2月底')?.due?.date).toBe('2019-02-28');
    expect(read('2000年2月底')?.due?.date).toBe('2000-02-29');
    expect(read('2100年2月底')?.due?.date).toBe('2100-02-28');
  });

  it('relative wording from a 29 February issue date ends on 28 February', () => {
    expect(read('三年内', '2016-02-29')?.due?.date).toBe('2019-02-28');
    expect(read('四年内', '2016-02-29')?.due?.date).toBe('2020-02-29');
  });

  it('ignores years inside 《book titles》 and 〔document numbers〕', () => {
    expect(
      read('《城镇中小学校幼儿园建设专项规划(2016—2020年)编制工作的通知》(晋教基〔2015〕29号)'),
    ).toBeNull();
    expect(read('根据市政发〔2017〕88号,到2020年完成')).toEqual({
      due: { date: '2020-12-31', text: '到2020年' },
    });
  });

  it('does not read a 4-digit number inside a longer number, or 年级', () => {
    expect(read('投入120180万元')).toBeNull();
    expect(read('2017年级学生')).toBeNull();
  });

  it('a paragraph: earliest start, latest due, first recurrence, original wording', () => {
    const text =
      '从2018年开始,启动创建义务教育现代化学校工作,推动县校通过三年努力,全面提质提速,到2020年底,每县每校均达到标准。从2020年底开始,启动推荐。';
    expect(read(text)).toEqual<DeadlineReading>({
      start: { date: '2018-01-01', text: '从2018年开始' },
      due: { date: '2020-12-31', text: '到2020年底' },
    });
  });

  it('a yearly schedule: the latest year is the due date', () => {
    expect(
      read('2017年,消除超大班额;2018年,全市基本消除大班额;2020年,全市义务教育学校全部达标准班额。'),
    ).toEqual({
      due: { date: '2020-12-31', text: '2020年' },
    });
  });

  it('relative wording counts from a start stated before it: 从2017年起…3年 is 2017–2019', () => {
    expect(read('从2017年起,启动创建与评估工作,力争通过3年努力,使全市义务教育学校基本达到国家要求')).toEqual({
      start: { date: '2017-01-01', text: '从2017年起' },
      due: { date: '2019-12-31', text: '从2017年起,启动创建与评估工作,力争通过3年努力' },
    });
    expect(read('从2018年秋季起,用两年时间完成')?.due).toEqual({
      date: '2020-08-31',
      text: '从2018年秋季起,用两年时间',
    });
    // a start after the relative wording is not where it counts from
    expect(read('力争通过3年努力,从2018年起推开')?.due).toEqual({
      date: '2020-12-01',
      text: '力争通过3年努力',
    });
  });

  it('relative wording counts only when there is no absolute due date', () => {
    expect(read('三年内完成,到2019年底验收')?.due).toEqual({ date: '2019-12-31', text: '到2019年底' });
  });

  it('start, recurrence and due together', () => {
    expect(read('从2017年起逐年在全市范围打造一批特色学校。到2020年,全市所有中小学校都建成卫生校园')).toEqual(
      {
        start: { date: '2017-01-01', text: '从2017年起' },
        due: { date: '2020-12-31', text: '到2020年' },
        recurrence: 'yearly',
      },
    );
  });

  it('rejects an issue date that does not exist', () => {
    expect(() => read('到2020年', '2017-02-30')).toThrow(RangeError);
  });
});

describe('date and numeral helpers', () => {
  it('isRealIsoDate', () => {
    expect(isRealIsoDate('2020-02-29')).toBe(true);
    expect(isRealIsoDate('2019-02-29')).toBe(false);
    expect(isRealIsoDate('2018-02-30')).toBe(false);
    expect(isRealIsoDate('2018-04-31')).toBe(false);
    expect(isRealIsoDate('2018-13-01')).toBe(false);
    expect(isRealIsoDate('2018-1-01')).toBe(false);
  });

  it('addYears', () => {
    expect(addYears('2017-12-01', 3)).toBe('2020-12-01');
    expect(addYears('2020-02-29', 1)).toBe('2021-02-28');
    expect(() => addYears('2018-02-30', 1)).toThrow(RangeError);
  });

  it('parseChineseCount', () => {
    expect(['3', '三', '两', '十', '十二', '二十', '二十五', '九十九'].map(parseChineseCount)).toEqual([
      3, 3, 2, 10, 12, 20, 25, 99,
    ]);
    expect(parseChineseCount('百')).toBeUndefined();
  });
});
