import { translate } from '../common/i18n/catalog';
import {
  PERIOD_CODE,
  PERIOD_YEAR_MAX,
  PERIOD_YEAR_MIN,
  periodCodeOf,
  periodLabel,
  periodPickOf,
} from './report-period';

const zh = (code: string) => translate('zh-CN', periodLabel(code));
const en = (code: string) => translate('en', periodLabel(code));

describe('report period: picker → stored code', () => {
  it.each([
    [{ kind: 'once' }, 'once'],
    [{ kind: 'once', year: 'x', quarter: '9' }, 'once'], // the other selects are ignored
    [{ kind: 'year', year: '2026' }, '2026'],
    [{ kind: 'half', year: '2026', half: '1' }, '2026-H1'],
    [{ kind: 'half', year: '2026', half: '2' }, '2026-H2'],
    [{ kind: 'quarter', year: '2026', quarter: '1' }, '2026-Q1'],
    [{ kind: 'quarter', year: '2026', quarter: '4' }, '2026-Q4'],
    [{ kind: 'month', year: '2026', month: '1' }, '2026-01'],
    [{ kind: 'month', year: '2026', month: '09' }, '2026-09'],
    [{ kind: 'month', year: '2026', month: '12' }, '2026-12'],
    [{ kind: 'year', year: String(PERIOD_YEAR_MIN) }, String(PERIOD_YEAR_MIN)],
    [{ kind: 'year', year: String(PERIOD_YEAR_MAX) }, String(PERIOD_YEAR_MAX)],
    [{ kind: ' quarter ', year: ' 2026 ', quarter: ' 3 ' }, '2026-Q3'],
  ])('%j → %s', (pick, code) => {
    expect(periodCodeOf(pick)).toEqual({ ok: true, code });
    expect(code).toMatch(PERIOD_CODE); // every picked code passes the API's pattern too
  });

  it.each([
    [{}, 'kind', 'forms.period_kind_required'],
    [{ kind: '' }, 'kind', 'forms.period_kind_required'],
    [{ kind: 'week', year: '2026' }, 'kind', 'forms.period_kind_required'],
    [{ kind: 'year' }, 'year', 'forms.period_year_invalid'],
    [{ kind: 'year', year: String(PERIOD_YEAR_MIN - 1) }, 'year', 'forms.period_year_invalid'],
    [{ kind: 'year', year: String(PERIOD_YEAR_MAX + 1) }, 'year', 'forms.period_year_invalid'],
    [{ kind: 'year', year: '2026年' }, 'year', 'forms.period_year_invalid'],
    [{ kind: 'year', year: '20266' }, 'year', 'forms.period_year_invalid'],
    [{ kind: 'quarter', year: '2026年第四季度' }, 'year', 'forms.period_year_invalid'],
    [{ kind: 'quarter', year: '2026' }, 'quarter', 'forms.period_quarter_invalid'],
    [{ kind: 'quarter', year: '2026', quarter: '0' }, 'quarter', 'forms.period_quarter_invalid'],
    [{ kind: 'quarter', year: '2026', quarter: '5' }, 'quarter', 'forms.period_quarter_invalid'],
    [{ kind: 'quarter', year: '2026', quarter: 'Q4' }, 'quarter', 'forms.period_quarter_invalid'],
    [{ kind: 'half', year: '2026', half: '3' }, 'half', 'forms.period_half_invalid'],
    [{ kind: 'month', year: '2026', month: '0' }, 'month', 'forms.period_month_invalid'],
    [{ kind: 'month', year: '2026', month: '13' }, 'month', 'forms.period_month_invalid'],
    [{ kind: 'month', year: '2026', month: '1.5' }, 'month', 'forms.period_month_invalid'],
  ])('%j is refused at %s', (pick, field, key) => {
    const result = periodCodeOf(pick);
    expect(result).toMatchObject({ ok: false, field, message: { key } });
    if (result.ok) return;
    // a clear sentence in both languages, the year bounds filled in
    expect(translate('zh-CN', result.message)).not.toMatch(/\{\w+\}/);
    expect(translate('en', result.message)).not.toMatch(/\{\w+\}/);
  });

  it('names the year bounds in the year message', () => {
    const result = periodCodeOf({ kind: 'month', year: '1999', month: '3' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(translate('zh-CN', result.message)).toBe('请选择2000年至2099年之间的年份');
  });
});

describe('report period: stored code → what the reader sees', () => {
  it.each([
    ['once', '一次性', 'One-off'],
    ['2026', '2026年度', 'Year 2026'],
    ['2026-H1', '2026年上半年', 'first half of 2026'],
    ['2026-H2', '2026年下半年', 'second half of 2026'],
    ['2026-Q1', '2026年第一季度', 'Q1 2026'],
    ['2026-Q4', '2026年第四季度', 'Q4 2026'],
    ['2026-01', '2026年1月', 'Month 1 of 2026'],
    ['2026-11', '2026年11月', 'Month 11 of 2026'],
  ])('%s → %s / %s', (code, zhText, enText) => {
    expect(zh(code)).toBe(zhText);
    expect(en(code)).toBe(enText);
  });

  it('round-trips every kind through the picker', () => {
    for (const code of ['once', '2026', '2026-H2', '2026-Q4', '2026-03', '2026-12']) {
      expect(periodCodeOf(periodPickOf(code))).toEqual({ ok: true, code });
    }
  });

  it('preselects a quarter and a month as the picker names them', () => {
    expect(periodPickOf('2026-Q4')).toEqual({ kind: 'quarter', year: '2026', quarter: '4' });
    expect(periodPickOf('2026-03')).toEqual({ kind: 'month', year: '2026', month: '3' });
    expect(periodPickOf('nonsense')).toEqual({ kind: 'once' });
  });
});
