import { parseCalendarDate } from '../common/calendar-date';
import {
  assessProgress,
  DEFAULT_PROGRESS_LIGHT_THRESHOLDS,
  expectedPercent,
  firstRedLightDay,
  type ProgressFacts,
} from './expected-progress.policy';

const d = parseCalendarDate;

// A ten-day period, so every day is exactly ten percentage points: Jan 1 = 0 %, Jan 4 = 30 %, Jan 11 = 100 %.
const START = d('2026-01-01');
const DUE = d('2026-01-11');

function facts(overrides: Partial<ProgressFacts> = {}): ProgressFacts {
  return { startOn: START, dueOn: DUE, reportedPercent: 0, completed: false, ...overrides };
}

describe('expectedPercent', () => {
  it.each([
    ['2025-12-20', 0, 'before the start'],
    ['2026-01-01', 0, 'on the start date'],
    ['2026-01-02', 10, 'one day in'],
    ['2026-01-06', 50, 'half way'],
    ['2026-01-10', 90, 'the day before due'],
    ['2026-01-11', 100, 'on the due date'],
    ['2026-01-12', 100, 'the day after due (clamped)'],
  ])('%s → %d %% (%s)', (today, expected) => {
    expect(expectedPercent(START, DUE, d(today))).toBe(expected);
  });

  it('counts calendar days, holidays included', () => {
    // 2025-10-01 … 2025-10-31: the National Day week counts like any other.
    expect(expectedPercent(d('2025-10-01'), d('2025-10-31'), d('2025-10-09'))).toBe(26.67);
  });

  it('rounds to two decimals', () => {
    expect(expectedPercent(d('2026-01-01'), d('2026-01-04'), d('2026-01-02'))).toBe(33.33);
  });

  it('treats a one-day period as complete on its day', () => {
    expect(expectedPercent(d('2026-03-02'), d('2026-03-02'), d('2026-03-01'))).toBe(0);
    expect(expectedPercent(d('2026-03-02'), d('2026-03-02'), d('2026-03-02'))).toBe(100);
  });

  it('rejects a start after the due date', () => {
    expect(() => expectedPercent(d('2026-02-01'), d('2026-01-31'), d('2026-01-15'))).toThrow(RangeError);
  });
});

describe('assessProgress', () => {
  describe('light boundaries (default thresholds 10 / 30)', () => {
    it.each([
      // today, reported, lag, light
      ['2026-01-04', 21, 9, 'green'],
      ['2026-01-04', 20, 10, 'yellow'],
      ['2026-01-04', 0, 30, 'yellow'],
      ['2026-01-05', 10, 30, 'yellow'],
      ['2026-01-05', 9.5, 30.5, 'red'],
      ['2026-01-05', 9, 31, 'red'],
      ['2026-01-11', 70, 30, 'yellow'],
      ['2026-01-11', 69, 31, 'red'],
    ] as const)('on %s with %d%% reported: lag %d → %s', (today, reported, lag, light) => {
      const result = assessProgress(facts({ reportedPercent: reported }), d(today));
      expect(result.lag).toBe(lag);
      expect(result.light).toBe(light);
      expect(result.overdue).toBe(false);
    });

    it('does not let floating-point noise push a lag of exactly 30 over the edge', () => {
      // Day 5 of a 7-day period is 71.43 % expected; 71.43 − 41.43 is 30.000000000000007 in IEEE doubles.
      expect(71.43 - 41.43).toBeGreaterThan(30);
      const sevenDays = facts({ startOn: d('2026-01-01'), dueOn: d('2026-01-08'), reportedPercent: 41.43 });
      const result = assessProgress(sevenDays, d('2026-01-06'));
      expect(result.expectedPercent).toBe(71.43);
      expect(result.lag).toBe(30);
      expect(result.light).toBe('yellow');
    });
  });

  it('is red the day after the due date even with no lag left to speak of', () => {
    const result = assessProgress(facts({ reportedPercent: 95 }), d('2026-01-12'));
    expect(result).toEqual({
      expectedPercent: 100,
      reportedPercent: 95,
      lag: 5,
      overdue: true,
      light: 'red',
    });
  });

  it('is not overdue on the due date itself', () => {
    const result = assessProgress(facts({ reportedPercent: 95 }), DUE);
    expect(result).toMatchObject({ overdue: false, light: 'green' });
  });

  it('is green and never overdue once completed', () => {
    const result = assessProgress(facts({ reportedPercent: 60, completed: true }), d('2026-02-01'));
    expect(result).toMatchObject({ overdue: false, light: 'green', lag: 40 });
  });

  it('measures against the extended due date after an approved extension', () => {
    const extended = facts({ effectiveDueOn: d('2026-01-21'), reportedPercent: 40 });
    // Day 11 of a 20-day period: 55 % expected, 15 behind → yellow, and not overdue.
    expect(assessProgress(extended, d('2026-01-12'))).toEqual({
      expectedPercent: 55,
      reportedPercent: 40,
      lag: 15,
      overdue: false,
      light: 'yellow',
    });
    expect(assessProgress(extended, d('2026-01-22')).overdue).toBe(true);
  });

  it('reports a negative lag when ahead, without negative zero', () => {
    expect(assessProgress(facts({ reportedPercent: 80 }), d('2026-01-06')).lag).toBe(-30);
    expect(Object.is(assessProgress(facts(), d('2026-01-01')).lag, 0)).toBe(true);
  });

  it('honours configured thresholds', () => {
    const strict = { yellowAtLag: 5, redAboveLag: 15 };
    expect(assessProgress(facts({ reportedPercent: 45 }), d('2026-01-06'), strict).light).toBe('yellow');
    expect(assessProgress(facts({ reportedPercent: 34 }), d('2026-01-06'), strict).light).toBe('red');
    expect(assessProgress(facts({ reportedPercent: 34 }), d('2026-01-06')).light).toBe('yellow');
  });

  it('rejects inconsistent thresholds and impossible percentages', () => {
    expect(() => assessProgress(facts(), DUE, { yellowAtLag: 40, redAboveLag: 30 })).toThrow();
    expect(() => assessProgress(facts({ reportedPercent: 101 }), DUE)).toThrow(RangeError);
    expect(() => assessProgress(facts({ reportedPercent: -1 }), DUE)).toThrow(RangeError);
    expect(() => assessProgress(facts({ reportedPercent: Number.NaN }), DUE)).toThrow(RangeError);
  });

  it('exposes the defaults as 10 and 30, frozen', () => {
    expect(DEFAULT_PROGRESS_LIGHT_THRESHOLDS).toEqual({ yellowAtLag: 10, redAboveLag: 30 });
    expect(Object.isFrozen(DEFAULT_PROGRESS_LIGHT_THRESHOLDS)).toBe(true);
  });
});

describe('firstRedLightDay', () => {
  it('finds the first day the lag exceeds 30', () => {
    // 0 % reported: 30 on Jan 4 is still yellow, 40 on Jan 5 is red.
    expect(firstRedLightDay(facts(), START)).toBe('2026-01-05');
  });

  it('returns `from` when the light is already red', () => {
    expect(firstRedLightDay(facts(), d('2026-01-08'))).toBe('2026-01-08');
  });

  it('falls back to the day after due when the lag never crosses the threshold', () => {
    expect(firstRedLightDay(facts({ reportedPercent: 90 }), START)).toBe('2026-01-12');
    expect(firstRedLightDay(facts({ reportedPercent: 90 }), d('2026-03-01'))).toBe('2026-03-01');
  });

  it('uses the extended due date', () => {
    expect(firstRedLightDay(facts({ reportedPercent: 90, effectiveDueOn: d('2026-01-31') }), START)).toBe(
      '2026-02-01',
    );
  });

  it('is null for a completed item', () => {
    expect(firstRedLightDay(facts({ completed: true }), START)).toBeNull();
  });
});
