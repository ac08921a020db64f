import type { Verdict } from './evaluation.types';

/**
 * Ratios computed in floating point can land a hair beside a threshold they meet exactly on paper
 * (21 teachers for 500 students is 4.2, not 4.199999…). Comparisons allow this relative slack, far below
 * any difference a statistician could report.
 */
const RELATIVE_TOLERANCE = 1e-9;

const slack = (bound: number): number => RELATIVE_TOLERANCE * Math.max(1, Math.abs(bound));

/** value ≥ threshold ("达到…以上"). */
export const reaches = (value: number, threshold: number): boolean => value >= threshold - slack(threshold);

/** value ≤ limit ("不超过", "不高于"). */
export const withinLimit = (value: number, limit: number): boolean => value <= limit + slack(limit);

/** value < limit ("低于"), strict. */
export const below = (value: number, limit: number): boolean => value < limit - slack(limit);

/** Three-valued AND: any false decides; otherwise any unknown leaves it undecided. */
export function allPass(verdicts: Iterable<Verdict>): Verdict {
  let unknown = false;
  for (const v of verdicts) {
    if (v === false) return false;
    if (v === null) unknown = true;
  }
  return unknown ? null : true;
}

/** Verdict of a rate against a minimum; a missing rate stays undecided. */
export const rateVerdict = (value: number | null, min: number): Verdict =>
  value === null ? null : reaches(value, min);

/** Short number for messages: at most `digits` decimals, no trailing zeros. */
export function formatNumber(value: number, digits = 2): string {
  return String(Number(value.toFixed(digits)));
}

export const formatPercent = (rate: number): string => `${formatNumber(rate * 100, 1)}%`;
