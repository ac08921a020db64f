/**
 * Expected progress and the traffic light on an assignment (pure).
 *
 * The expected percent is the elapsed share of the period [start, effective due] in calendar days — a plan's
 * "complete by" date runs through weekends and holidays, and reviewers reason in calendar time ("half the
 * period is gone, half the work should be"). Lag is expected − reported, in percentage points.
 *
 * Light:
 * - red: lag > 30, or overdue (today after the effective due date and not completed);
 * - yellow: 10 ≤ lag ≤ 30;
 * - green: lag < 10, or completed.
 */
import { z } from 'zod';

import { addDays, daysBetween, type CalendarDate } from '../common/calendar-date';

export type ProgressLight = 'green' | 'yellow' | 'red';

export interface ProgressLightThresholds {
  /** Lag (percentage points) from which the light is yellow, inclusive. */
  yellowAtLag: number;
  /** Lag above which the light is red, exclusive: a lag of exactly this value is still yellow. */
  redAboveLag: number;
}

export const DEFAULT_PROGRESS_LIGHT_THRESHOLDS: Readonly<ProgressLightThresholds> = Object.freeze({
  yellowAtLag: 10,
  redAboveLag: 30,
});

export const progressLightThresholdsSchema = z
  .object({ yellowAtLag: z.number().min(0).max(100), redAboveLag: z.number().min(0).max(100) })
  .refine((t) => t.yellowAtLag <= t.redAboveLag, { message: 'yellowAtLag must not exceed redAboveLag' });

export interface ProgressFacts {
  /** Start of the work period (the item's start date, or the day it was assigned when it has none). */
  startOn: CalendarDate;
  dueOn: CalendarDate;
  /** Due date after an approved extension; expected progress is spread over the extended period. */
  effectiveDueOn?: CalendarDate | null;
  /** Latest reported percent (0–100); 0 when nothing has been reported. */
  reportedPercent: number;
  completed: boolean;
}

export interface ProgressAssessment {
  expectedPercent: number;
  reportedPercent: number;
  /** expected − reported, percentage points; negative when ahead. */
  lag: number;
  overdue: boolean;
  light: ProgressLight;
}

/**
 * Share of [startOn, dueOn] elapsed on `today`, 0–100, rounded to 2 decimals: 0 on or before the start date,
 * 100 on or after the due date. When start and due are the same day, that day is already 100.
 */
export function expectedPercent(startOn: CalendarDate, dueOn: CalendarDate, today: CalendarDate): number {
  const span = daysBetween(startOn, dueOn);
  if (span < 0) throw new RangeError(`Start ${startOn} is after due ${dueOn}`);
  if (today >= dueOn) return 100;
  if (today <= startOn) return 0;
  // Multiply before dividing so whole percentages stay exact (3 * 100 / 10 is 30; 3 / 10 * 100 is not).
  return round2((daysBetween(startOn, today) * 100) / span);
}

export function assessProgress(
  facts: ProgressFacts,
  today: CalendarDate,
  thresholds: ProgressLightThresholds = DEFAULT_PROGRESS_LIGHT_THRESHOLDS,
): ProgressAssessment {
  const { yellowAtLag, redAboveLag } = progressLightThresholdsSchema.parse(thresholds);
  const reported = facts.reportedPercent;
  if (!Number.isFinite(reported) || reported < 0 || reported > 100) {
    throw new RangeError(`Reported percent must be within 0..100, got ${reported}`);
  }
  const due = facts.effectiveDueOn ?? facts.dueOn;
  const expected = expectedPercent(facts.startOn, due, today);
  // Rounded so 40.1 − 10.1 compares as exactly 30 at the threshold, not 30.000000000000004.
  const lag = round2(expected - reported);
  const overdue = !facts.completed && today > due;

  let light: ProgressLight;
  if (facts.completed) light = 'green';
  else if (overdue || lag > redAboveLag) light = 'red';
  else if (lag >= yellowAtLag) light = 'yellow';
  else light = 'green';

  return { expectedPercent: expected, reportedPercent: reported, lag, overdue, light };
}

/**
 * The first day on or after `from` on which the light is red if nothing new is reported (the reported percent
 * stays as it is), or null for a completed item. Used to date the start of escalation and to schedule the
 * recompute that will flip the light. The answer is at most the day after the effective due date.
 */
export function firstRedLightDay(
  facts: ProgressFacts,
  from: CalendarDate,
  thresholds: ProgressLightThresholds = DEFAULT_PROGRESS_LIGHT_THRESHOLDS,
): CalendarDate | null {
  if (facts.completed) return null;
  const due = facts.effectiveDueOn ?? facts.dueOn;
  const dayAfterDue = addDays(due, 1);
  // Expected progress only grows with time, so the first red day is the first day past the threshold.
  for (let day = from; day < dayAfterDue; day = addDays(day, 1)) {
    if (assessProgress(facts, day, thresholds).light === 'red') return day;
  }
  return from > dayAfterDue ? from : dayAfterDue;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100 + 0; // `+ 0` turns -0 into 0
}
