import { indicatorNote } from './indicator-note';

const zh = 'zh-CN' as const;
const en = 'en' as const;
const statement = { item: 'G1' as const, value: true, evidence: null, attested_by: null, attested_on: null };

describe('the 说明 of a county evaluation', () => {
  it('says an attested indicator in Chinese, not the engine’s English note', () => {
    const attested = {
      passed: true,
      value: true,
      detail: 'attested yes (1 statement)',
      evidence: [statement],
    };
    expect(indicatorNote(zh, attested)).toBe('已声明符合（1 份声明）');
    expect(indicatorNote(en, attested)).toBe('attested yes (1 statement)');
    expect(indicatorNote(zh, { passed: null, value: null, detail: 'not attested (G1)', evidence: [] })).toBe(
      '未声明',
    );
  });

  it('gives rates as percentages and counts the offenders', () => {
    expect(
      indicatorNote(zh, { passed: false, value: 0.9123, threshold: 0.95, detail: 'rate 91% < 95%' }),
    ).toBe('实际 91.2%，标准 95%');
    expect(
      indicatorNote(zh, {
        passed: false,
        value: 2,
        detail: '2 of 10 classes over the limit',
        offenders: [
          { school_code: 'a', value: 60, limit: 45 },
          { school_code: 'b', value: 58, limit: 45 },
        ],
      }),
    ).toBe('实际 2，2 处不达标');
    expect(
      indicatorNote(zh, {
        passed: true,
        value: null,
        values: { primary: 1, junior: 0.96 },
        threshold: 0.95,
        detail: 'primary 100%, junior 96%',
      }),
    ).toBe('小学 100%，初中 96%，标准 95%');
    expect(indicatorNote(zh, { passed: null, value: null, detail: 'no data' })).toBe('数据不足，无法判定');
    expect(
      indicatorNote(zh, {
        passed: true,
        value: null,
        values: { '数学.difference_rate': 0.12, '数学.level_iii_rate': 0.9 },
        detail: '数学 …',
      }),
    ).toBe('数学校际差异率 0.12，数学Ⅲ级以上比例 90%');
  });
});
