import { translate } from '../common/i18n/catalog';
import { checkExtension, checkReport, checkReview, checkUrge } from './flow-form-state';

const keys = (errors: Record<string, { key: string }>) =>
  Object.fromEntries(Object.entries(errors).map(([field, m]) => [field, m.key]));

describe('flow form checks', () => {
  const report = {
    periodKind: 'quarter',
    periodYear: '2026',
    periodQuarter: '4',
    percent: '60',
    text: '已完成',
  };

  it('a picked quarter is the stored code 2026-Q4', () => {
    expect(checkReport(report)).toEqual({ errors: {}, period: '2026-Q4' });
  });

  it('an old-style period code is still accepted, a bad one refused at the picker', () => {
    expect(checkReport({ period: 'once', percent: '10', text: 'x' })).toEqual({ errors: {}, period: 'once' });
    expect(keys(checkReport({ period: '2026年第四季度', percent: '10', text: 'x' }).errors)).toEqual({
      periodKind: 'forms.period_code_invalid',
    });
  });

  it.each(['150', '-1', '50.5', '', 'abc', '1000'])(
    'percent %j is refused, next to the percent',
    (percent) => {
      const { errors, period } = checkReport({ ...report, percent });
      expect(keys(errors)).toEqual({ percent: 'forms.percent_invalid' });
      expect(period).toBe('2026-Q4');
    },
  );

  it.each(['0', '100'])('percent %s is fine', (percent) => {
    expect(checkReport({ ...report, percent }).errors).toEqual({});
  });

  it('every problem of a report at once, each at its field (the picker’s at the select that is wrong)', () => {
    const { errors } = checkReport({
      periodKind: 'month',
      periodYear: '2026',
      periodMonth: '13',
      percent: '',
      text: ' ',
    });
    expect(keys(errors)).toEqual({
      periodMonth: 'forms.period_month_invalid',
      percent: 'forms.percent_invalid',
      text: 'forms.report_text_required',
    });
  });

  it('a return needs a comment; an approval does not', () => {
    expect(keys(checkReview({ decision: 'return', comment: '  ' }))).toEqual({
      comment: 'forms.return_needs_comment',
    });
    expect(checkReview({ decision: 'approve' })).toEqual({});
    expect(keys(checkReview({ decision: 'maybe' }))).toEqual({ decision: 'forms.choose_one' });
    const tooLong = checkReview({ decision: 'return', comment: 'x'.repeat(5001) });
    expect(translate('zh-CN', tooLong.comment)).toBe('不能超过5000字');
  });

  it('延期 needs a real date and a reason; 催办 a text and at most a listed department', () => {
    expect(keys(checkExtension({ newDueOn: '2026-02-30', reason: '' }))).toEqual({
      newDueOn: 'forms.date_invalid',
      reason: 'forms.reason_required',
    });
    expect(checkExtension({ newDueOn: '2027-02-28', reason: '资金未到位' })).toEqual({});
    expect(keys(checkUrge({ departmentId: 'x', text: '' }))).toEqual({
      departmentId: 'forms.choose_one',
      text: 'forms.urge_text_required',
    });
    expect(checkUrge({ departmentId: '', text: '请尽快报送' })).toEqual({});
  });
});
