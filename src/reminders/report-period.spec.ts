import { parseCalendarDate as d } from '../common/calendar-date';
import { periodOf, previousPeriod } from './report-period';

describe('reporting periods', () => {
  it('names periods the way progress reports do', () => {
    expect(periodOf('yearly', d('2026-05-10'))).toEqual({
      key: '2026',
      start: '2026-01-01',
      end: '2026-12-31',
    });
    expect(periodOf('semester', d('2026-07-01'))).toEqual({
      key: '2026-H2',
      start: '2026-07-01',
      end: '2026-12-31',
    });
    expect(periodOf('quarterly', d('2026-08-15'))).toEqual({
      key: '2026-Q3',
      start: '2026-07-01',
      end: '2026-09-30',
    });
    expect(periodOf('monthly', d('2024-02-10'))).toEqual({
      key: '2024-02',
      start: '2024-02-01',
      end: '2024-02-29',
    });
  });

  it('steps back across the year', () => {
    expect(previousPeriod('quarterly', d('2026-01-05')).key).toBe('2025-Q4');
    expect(previousPeriod('monthly', d('2026-01-05')).key).toBe('2025-12');
    expect(previousPeriod('yearly', d('2026-01-05')).key).toBe('2025');
  });
});
