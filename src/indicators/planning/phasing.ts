/**
 * Phasing (分年度实施): spreads a certification plan over the school years up to the county's milestone within a
 * yearly budget cap, earliest-needed first: what makes a failing school pass comes before what only narrows the
 * CV, and within each, the school furthest from passing (most gaps) first. Pure.
 */
import type { RowLevel } from '../engine/county-data';
import type { CountyEvaluation } from '../engine/evaluation.types';
import type { CertificationPlan } from './certification-planner';
import { ADDITION_KINDS, classTeacherCost, TEACHER_KINDS, unitCosts, type CostTable } from './cost-table';

export interface PhaseItem {
  school_code: string;
  /** The plan row's level (a school may have a primary and a junior row). */
  level: RowLevel;
  /**
   * An addition kind, `transfer_in:<teacher kind>` for teachers moved in, or `large_class_teachers` for the
   * teachers of new classes (大班额; their classrooms are teaching_area_m2).
   */
  kind: string;
  amount: number;
  cost_yuan: number;
}

export interface PhasedPlan {
  /** False when the cap over the years cannot pay for the whole plan; `unfunded` lists what is left. */
  fits: boolean;
  /**
   * Per year: what is bought, and by when — 31 August, so that the next school year's statistics (taken at its
   * start) show it; never after the milestone's own date.
   */
  years: { year: number; due: string; items: PhaseItem[]; cost_yuan: number }[];
  unfunded: PhaseItem[];
}

export interface PhasingOptions {
  /** First school year to spend in, and the last (the milestone's year), inclusive. */
  fromYear: number;
  milestoneYear: number;
  /** Yuan per year; null spends everything in the first year. */
  yearlyBudgetYuan: number | null;
  /** The milestone's date (YYYY-MM-DD), when known: no deadline falls after it. */
  milestoneDue?: string;
}

interface Pending {
  school_code: string;
  level: RowLevel;
  kind: string;
  amount: number;
  unitCost: number;
  rank: number;
}

/** `before` is the engine's evaluation of the data the plan was made for (a failing school's items come first). */
export function phasePlan(
  plan: CertificationPlan,
  before: CountyEvaluation,
  costs: CostTable,
  options: PhasingOptions,
): PhasedPlan {
  const { fromYear, milestoneYear, yearlyBudgetYuan } = options;
  if (milestoneYear < fromYear) throw new Error(`milestone ${milestoneYear} is before ${fromYear}`);
  if (yearlyBudgetYuan !== null && !(yearlyBudgetYuan > 0))
    throw new Error('the yearly budget must be positive');
  const prices = unitCosts(costs);
  // Rank: failing schools first, most gaps first; schools that pass today (CV items) last.
  const gapsOf = new Map<string, number>();
  for (const s of before.resource_allocation.schools) {
    if (s.passed === false) gapsOf.set(s.school_code, (gapsOf.get(s.school_code) ?? 0) + s.gaps.length);
  }
  const pending: Pending[] = [];
  for (const s of plan.schools) {
    const rank = -(gapsOf.get(s.school_code) ?? 0);
    ADDITION_KINDS.forEach((kind, k) => {
      if (s.additions[kind] > 0)
        pending.push({
          school_code: s.school_code,
          level: s.level,
          kind,
          amount: s.additions[kind],
          unitCost: prices[k],
          rank,
        });
    });
    if (s.large_classes !== null && s.large_classes.teachers > 0)
      pending.push({
        school_code: s.school_code,
        level: s.level,
        kind: 'large_class_teachers',
        amount: s.large_classes.teachers,
        unitCost: classTeacherCost(costs),
        rank,
      });
    for (const kind of TEACHER_KINDS) {
      if (s.transfers_in[kind] > 0)
        pending.push({
          school_code: s.school_code,
          level: s.level,
          kind: `transfer_in:${kind}`,
          amount: s.transfers_in[kind],
          unitCost: costs.transfers.yuan_per_teacher,
          rank,
        });
    }
  }
  pending.sort((a, b) => a.rank - b.rank);

  const years: PhasedPlan['years'] = [];
  let next = 0;
  for (let year = fromYear; year <= milestoneYear; year++) {
    const items: PhaseItem[] = [];
    let left = yearlyBudgetYuan ?? Infinity;
    while (next < pending.length) {
      const p = pending[next];
      // Whole units only (a teacher, a room, a m², a yuan); what does not fit waits for next year.
      const units = Math.min(p.amount, Math.floor(left / p.unitCost + 1e-9));
      if (units > 0) {
        items.push({
          school_code: p.school_code,
          level: p.level,
          kind: p.kind,
          amount: units,
          cost_yuan: units * p.unitCost,
        });
        left -= units * p.unitCost;
        p.amount -= units;
      }
      if (p.amount > 0) break;
      next++;
    }
    const due =
      options.milestoneDue && options.milestoneDue < `${year}-08-31` ? options.milestoneDue : `${year}-08-31`;
    years.push({ year, due, items, cost_yuan: items.reduce((sum, i) => sum + i.cost_yuan, 0) });
  }
  const unfunded = pending
    .slice(next)
    .filter((p) => p.amount > 0)
    .map((p) => ({
      school_code: p.school_code,
      level: p.level,
      kind: p.kind,
      amount: p.amount,
      cost_yuan: p.amount * p.unitCost,
    }));
  return { fits: unfunded.length === 0, years, unfunded };
}
