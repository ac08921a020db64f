import { normalizeDepartmentName, normalizeSearchText, toSimplified } from './text-normalization';

describe('toSimplified', () => {
  it('converts Traditional and Taiwan variant characters to mainland Simplified', () => {
    expect(toSimplified('銀川市推進縣域義務教育優質均衡發展工作方案')).toBe(
      '银川市推进县域义务教育优质均衡发展工作方案',
    );
    expect(toSimplified('著眼建設高質量教育體系')).toBe('着眼建设高质量教育体系');
    expect(toSimplified('臺灣 裡面')).toBe('台湾 里面');
  });

  it('leaves Simplified text and punctuation unchanged', () => {
    const text = '各县(区、市)人民政府要切实履行主体责任,“两免一补”〔2017〕88号';
    expect(toSimplified(text)).toBe(text);
  });
});

describe('normalizeDepartmentName', () => {
  it('unifies full-width and half-width brackets', () => {
    expect(normalizeDepartmentName('各县（区、市）人民政府')).toBe('各县(区、市)人民政府');
    expect(normalizeDepartmentName('各县(区、市)人民政府')).toBe('各县(区、市)人民政府');
  });

  it('removes half-width and full-width spaces', () => {
    expect(normalizeDepartmentName(' 自治州 教育局\u3000')).toBe('自治州教育局');
  });

  it('converts Traditional names', () => {
    expect(normalizeDepartmentName('各縣（市）區人民政府')).toBe('各县(市)区人民政府');
    expect(normalizeDepartmentName('銀川市教育局')).toBe(normalizeDepartmentName('银川市教育局'));
  });
});

describe('normalizeSearchText', () => {
  it('gives Traditional and Simplified text the same search form', () => {
    expect(normalizeSearchText('消除大班額')).toBe(normalizeSearchText('消除大班额'));
  });

  it('drops spaces next to Chinese characters and collapses the rest', () => {
    expect(normalizeSearchText('教育部  中国教科文卫体工会')).toBe('教育部中国教科文卫体工会');
    expect(normalizeSearchText('  Quality   Monitoring  ')).toBe('quality monitoring');
  });

  it('unifies widths', () => {
    expect(normalizeSearchText('（２０２０年）')).toBe('(2020年)');
  });
});
