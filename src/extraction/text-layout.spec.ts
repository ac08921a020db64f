import { normalizeLayout, removeInsertedPinyin, restoreLostSpaces } from './text-layout';

describe('normalizeLayout', () => {
  it('leaves text with one paragraph per line alone', () => {
    const text = '一、指导思想\n坚持优先发展。\n二、工作目标\n到2020年，全面达标。';
    expect(normalizeLayout(text)).toBe(text);
  });

  it('splits a run-on page before the heading numbers that follow a sentence', () => {
    const body = '一、工作目标到2020年全面达标，办学条件显著改善，教育质量稳步提升，人民群众满意度明显提高。';
    const line = `${body}二、主要任务（一）改善办学条件。县教育局要负责，确保学校建设按期完成，满足就近入学需要。（二）配齐教师。县人社局要配合，每年补充教师，优化教师队伍结构，提高教师待遇。1.招聘。县委编办要保障编制，确保招聘计划落实到位，按期完成补充任务。`;
    expect(
      normalizeLayout(line)
        .split('\n')
        .map((l) => l.slice(0, 6)),
    ).toEqual(['一、工作目标', '二、主要任务', '（一）改善办', '（二）配齐教', '1.招聘。县']);
  });

  it('joins the lines of a hard-wrapped paragraph, not headings or finished sentences', () => {
    const wrapped = [
      '一、工作目标',
      '到2020年，全县义务教育学校办学条件全面达标，',
      '教育质量稳步提升，人民群众满意度明显提高，各项',
      '指标均达到国家规定的标准要求。',
      '二、主要任务',
      '（一）改善办学条件。县教育局要会同县财政局统筹',
      '建设资金，确保学校建设按期完成，满足就近入学需',
      '要，逐步消除大班额现象，全面改善办学条件水平。',
      '（二）配齐教师。县人社局要配合县教育局每年补充',
      '教师，优化教师队伍结构，提高教师待遇保障水平。',
      '（三）加强管理。县教育局要完善学校管理制度，提',
      '高学校治理水平，建设现代学校制度体系，形成特色。',
    ].join('\n');
    expect(normalizeLayout(wrapped).split('\n')).toEqual([
      '一、工作目标',
      '到2020年，全县义务教育学校办学条件全面达标，教育质量稳步提升，人民群众满意度明显提高，各项指标均达到国家规定的标准要求。',
      '二、主要任务',
      '（一）改善办学条件。县教育局要会同县财政局统筹建设资金，确保学校建设按期完成，满足就近入学需要，逐步消除大班额现象，全面改善办学条件水平。',
      '（二）配齐教师。县人社局要配合县教育局每年补充教师，优化教师队伍结构，提高教师待遇保障水平。',
      '（三）加强管理。县教育局要完善学校管理制度，提高学校治理水平，建设现代学校制度体系，形成特色。',
    ]);
  });
});

describe('removeInsertedPinyin', () => {
  it('drops the pinyin a web converter wrote after characters, trailing space and full-width brackets too', () => {
    expect(removeInsertedPinyin('國發(fā)〔2016〕40號')).toBe('國發〔2016〕40號');
    expect(removeInsertedPinyin('全面建成小康社會(huì )的決勝階段')).toBe('全面建成小康社會的決勝階段');
    expect(removeInsertedPinyin('義務（wù）教育')).toBe('義務教育');
  });
  it('keeps brackets that are words of the text: no tone mark, or not after a Han character', () => {
    expect(removeInsertedPinyin('实施PPP项目(PPP)')).toBe('实施PPP项目(PPP)');
    expect(removeInsertedPinyin('按(a)款执行')).toBe('按(a)款执行');
    expect(removeInsertedPinyin('2019 (fā)')).toBe('2019 (fā)');
  });
});

describe('restoreLostSpaces', () => {
  it('turns the "?" a web copy wrote for spaces back into spaces, one for one', () => {
    expect(restoreLostSpaces('?????一、指导思想')).toBe('     一、指导思想');
    expect(restoreLostSpaces('办公室 ???????2017年12月15日印发')).toBe('办公室        2017年12月15日印发');
    expect(restoreLostSpaces('抄送：县委各部门，\n??????县法院')).toBe('抄送：县委各部门，\n      县法院');
    expect(restoreLostSpaces('?')).toBe(' ');
  });
  it('keeps a question mark written after a word', () => {
    expect(restoreLostSpaces('是否达标?请核实')).toBe('是否达标?请核实');
    expect(restoreLostSpaces('是否达标？')).toBe('是否达标？');
  });
  it('reads headings after the restored spaces', () => {
    expect(normalizeLayout('??二、工作目标\n深入开展工作。').split('\n')[0].trim()).toBe('二、工作目标');
  });
});
