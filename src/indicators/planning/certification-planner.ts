/**
 * 达标测算: the cheapest additions per school that make a county's resource allocation pass, as judged by the
 * indicator engine itself (every school 6 of 7 with the rest ≥ 85 %, every CV of each level within its limit).
 *
 * A mixed-integer program solved by HiGHS:
 *   - x[row, kind] ≥ 0, integer: what is added to a school row (teachers, m², yuan, rooms);
 *   - with transfers, in/out[row, teacher kind] ≥ 0, integer: teachers moved between schools of one level;
 *   - y[part, indicator] ∈ {0, 1}: 1 when the part must reach the threshold, 0 when the 85 % floor is enough;
 *     Σ y + (indicators already met) ≥ min_met, so the solver chooses which indicator a school leaves short;
 *   - minimise Σ cost × x (+ transfer cost).
 * The CV limits are convex but not linear: √(Σ w (v − v̄)²) ≤ c·v̄ is a second-order cone in the values v, and
 * the values are linear in the additions. They are imposed by cutting planes: solve, let the engine evaluate the
 * CVs, add the cone's supporting hyperplane at each violating point (a valid cut: it removes no feasible plan),
 * solve again, until the engine passes every CV. Cuts aim a hair inside the limit (`cvMargin`) so the loop ends.
 * Most cuts are found on the LP relaxation (milliseconds). Then one full MIP solve chooses the short indicators
 * and proves a lower bound; if its plan still breaks a CV, the plan is repaired with those choices fixed (a far
 * smaller integer problem), and further full solves, warm-started from the best passing plan, run only within a
 * time budget (`budgetSeconds`). The reported gap is the best plan against the best proven bound.
 * The final plan is applied to the data and evaluated by the engine once more; only a passing plan is feasible.
 *
 * Pure apart from the solver instance, which the caller loads (./solver.ts).
 */
import { performance } from 'node:perf_hooks';
import type { Highs } from 'highs';
import { type Message, msg } from '../../common/i18n/catalog';
import { levelLabel } from '../import/cross-check';
import { compileRuleSet } from '../engine/compiled-rule-set';
import type { CountyData, Level, RowLevel, SchoolRow } from '../engine/county-data';
import { LEVELS } from '../engine/county-data';
import { evaluateCounty } from '../engine/evaluate-county';
import type { CountyEvaluation } from '../engine/evaluation.types';
import {
  buildParts,
  evaluateResourceAllocation,
  indicatorValue,
  type SchoolPart,
} from '../engine/resource-allocation';
import { RESOURCE_INDICATORS, type RuleSet } from '../engine/rule-set';
import { reaches, withinLimit } from '../engine/verdict';
import { classExpansions, expandClasses, type ClassExpansion } from './class-expansion';
import {
  ADDITION_KINDS,
  classTeacherCost,
  TEACHER_KIND_COUNT,
  TEACHER_KINDS,
  unitCosts,
  type AdditionKind,
  type CostTable,
  type TeacherKind,
} from './cost-table';

const KINDS = ADDITION_KINDS.length;
const TEACHING_AREA = ADDITION_KINDS.indexOf('teaching_area_m2');

export interface PlanOptions {
  /** Allow moving teachers between schools of the same level (交流轮岗). Default false. */
  transfers?: boolean;
  /** HiGHS stops when the relative gap between its plan and its lower bound is below this. Default 1e-3 (0.1 %). */
  mipRelGap?: number;
  /** Cutting-plane rounds before giving up. Default 200. */
  maxRounds?: number;
  /** Cuts aim at limit − cvMargin so that the loop ends inside the limit. Default 1e-4. */
  cvMargin?: number;
  /** Hard limit in seconds per HiGHS solve. Default 60. */
  timeLimitSeconds?: number;
  /**
   * Seconds the full MIP solves may use together before the best passing plan is returned with its gap.
   * Default 1. The first plan is always found, even past the budget.
   */
  budgetSeconds?: number;
  /**
   * Repair a plan that breaks a CV with its short-indicator choices fixed. Default true; false re-solves the
   * full MIP after every round of cuts (the method before the repair step, kept as the benchmark's baseline).
   */
  repair?: boolean;
}

export type Additions = Record<AdditionKind, number>;
export type TeacherCounts = Record<TeacherKind, number>;

export interface SchoolPlan {
  school_code: string;
  school_name: string;
  /** The data row's level: a combined row's additions are apportioned to its parts like its resources. */
  level: RowLevel;
  additions: Additions;
  transfers_in: TeacherCounts;
  transfers_out: TeacherCounts;
  /**
   * Classes over the standard size (大班额): the new classes, their teachers (costed here) and classroom area (part
   * of additions.teaching_area_m2, costed there); null when every class of the row is within the limit.
   */
  large_classes: (ClassExpansion & { cost_yuan: number }) | null;
  cost_yuan: number;
}

export interface CertificationPlan {
  county_code: string;
  school_year: number;
  feasible: boolean;
  total_cost_yuan: number;
  /** HiGHS's relative gap between the plan's cost and its proven lower bound (null without a plan). */
  optimality_gap: number | null;
  /** Why there is no plan (empty when feasible). */
  /** Why there is no plan (empty when feasible), each a message for people. */
  reasons: Message[];
  /** MIP solves (one per cutting-plane round) and CV cuts added. */
  rounds: number;
  cuts: number;
  cost_table: string;
  schools: SchoolPlan[];
  /** The engine's evaluation of the data with the plan applied (the data as it is when infeasible). */
  after: CountyEvaluation;
}

/** A planned change to one data row, as the planner hands it to applyPlan. */
export interface RowChange {
  /** Index of the row in CountyData.schools. */
  row: number;
  /** Net change per kind (additions + transfers in − transfers out), indexed like ADDITION_KINDS. */
  delta: readonly number[];
}

/** The county data with each row's resources changed; other tables are shared, rows copied. */
export function applyChanges(data: CountyData, changes: readonly RowChange[]): CountyData {
  const schools = data.schools.slice();
  for (const change of changes) {
    const row: SchoolRow = { ...schools[change.row] };
    ADDITION_KINDS.forEach((kind, k) => {
      const d = change.delta[k];
      if (d !== 0) row[kind] = (row[kind] ?? 0) + d;
    });
    schools[change.row] = row;
  }
  return { ...data, schools };
}

/**
 * The data with a plan's additions and transfers applied to the rows they name (school code and row level):
 * what `after` evaluates, and what a county's next statistics should show once the plan is carried out.
 */
export function applyPlan(data: CountyData, schools: readonly SchoolPlan[]): CountyData {
  const changes = schools.map((s): RowChange => {
    const row = data.schools.findIndex((r) => r.school_code === s.school_code && r.level === s.level);
    if (row < 0)
      throw new Error(`the plan names school ${s.school_code} (${s.level}), which is not in the data`);
    const delta = ADDITION_KINDS.map((kind) => s.additions[kind]);
    TEACHER_KINDS.forEach((kind, t) => (delta[t] += s.transfers_in[kind] - s.transfers_out[kind]));
    return { row, delta };
  });
  return withClassExpansions(
    applyChanges(data, changes),
    new Map(
      schools.flatMap((s, i) =>
        s.large_classes === null ? [] : [[changes[i].row, s.large_classes] as const],
      ),
    ),
  );
}

/** The data once the new classes are open: classes re-divided, their teachers on the staff. */
export function withClassExpansions(
  data: CountyData,
  expansions: ReadonlyMap<number, ClassExpansion>,
): CountyData {
  if (expansions.size === 0) return data;
  const schools = data.schools.slice();
  let classes = data.classes;
  for (const [index, expansion] of expansions) {
    const row = schools[index];
    schools[index] = {
      ...row,
      full_time_teachers:
        row.full_time_teachers === null ? null : row.full_time_teachers + expansion.teachers,
    };
    classes = expandClasses(classes, row.school_code, expansion.grades);
  }
  return { ...data, schools, classes };
}

/** A school row that can receive additions (a teaching point merged into its parent receives through it). */
interface Receiver {
  index: number;
  row: SchoolRow;
  /** Level used for transfers; null when the row is combined (its teachers are shared between levels). */
  transferLevel: Level | null;
  /** First x column; in/out columns when transferable (-1 otherwise). */
  x: number;
  inCol: number;
  outCol: number;
}

interface Terms {
  indices: number[];
  values: number[];
}

/** Smallest integer row addition a with reaches(value(resource + share × a), threshold). May be negative. */
function minimalAddition(k: number, part: SchoolPart, resource: number, threshold: number): number {
  const value = (a: number) => indicatorValue(k, resource + part.share * a, part.students);
  const perUnit = indicatorValue(k, part.share, part.students);
  let a = Math.ceil((threshold - value(0)) / perUnit - 1e-9);
  while (reaches(value(a - 1), threshold)) a--;
  while (!reaches(value(a), threshold)) a++;
  return a;
}

const zeroCounts = (): TeacherCounts => ({ teachers_above_degree: 0, key_teachers: 0, pe_art_teachers: 0 });

export function planCertification(
  data: CountyData,
  ruleSet: RuleSet,
  costs: CostTable,
  highs: Highs,
  options: PlanOptions = {},
): CertificationPlan {
  const transfers = options.transfers ?? false;
  const mipRelGap = options.mipRelGap ?? 1e-3;
  const maxRounds = options.maxRounds ?? 200;
  const cvMargin = options.cvMargin ?? 1e-4;
  const timeLimit = options.timeLimitSeconds ?? 60;
  const budget = options.budgetSeconds ?? 1;
  const repairing = options.repair ?? true;
  const compiled = compileRuleSet(ruleSet);
  const { parts } = buildParts(data.schools, ruleSet, []);
  const minMet = ruleSet.resource_allocation.min_met;
  const expansions = classExpansions(data, ruleSet, costs.class_expansion);
  const classTeacher = classTeacherCost(costs);

  const infeasible = (reasons: Message[], rounds = 0, cuts = 0): CertificationPlan => ({
    county_code: data.county_code,
    school_year: data.school_year,
    feasible: false,
    total_cost_yuan: 0,
    optimality_gap: null,
    reasons,
    rounds,
    cuts,
    cost_table: costs.version,
    schools: [],
    after: evaluateCounty(data, ruleSet),
  });

  if (parts.length === 0) return infeasible([msg('indicators.plan.no_students')]);
  const missing: Message[] = [];
  for (const part of parts) {
    RESOURCE_INDICATORS.forEach((id, k) => {
      if (Number.isNaN(part.resources[k]))
        missing.push(
          msg('indicators.plan.missing_data', {
            school: part.row.school_name,
            level: levelLabel(part.level),
            indicator: id,
          }),
        );
    });
  }
  if (missing.length > 0) return infeasible(missing);

  // Columns: x per receiver and kind, then transfer in/out, then the y binaries.
  const rowIndex = new Map<SchoolRow, number>();
  data.schools.forEach((row, i) => rowIndex.set(row, i));
  const receivers: Receiver[] = [];
  const receiverOf = new Map<SchoolRow, Receiver>();
  const colLower: number[] = [];
  const colUpper: number[] = [];
  const colCost: number[] = [];
  const integer: number[] = [];
  const addCol = (lower: number, upper: number, cost: number): number => {
    colLower.push(lower);
    colUpper.push(upper);
    colCost.push(cost);
    integer.push(colLower.length - 1);
    return colLower.length - 1;
  };
  const prices = unitCosts(costs);
  for (const part of parts) {
    if (receiverOf.has(part.row)) continue;
    const receiver: Receiver = {
      index: rowIndex.get(part.row)!,
      row: part.row,
      transferLevel: part.row.level === 'combined' ? null : part.row.level,
      x: -1,
      inCol: -1,
      outCol: -1,
    };
    receiver.x = colLower.length;
    // New classrooms for large classes are teaching area the school gets anyway: a lower bound, not a cost to add.
    const classrooms = expansions.get(receiver.index)?.teaching_area_m2 ?? 0;
    for (let k = 0; k < KINDS; k++) addCol(k === TEACHING_AREA ? classrooms : 0, Infinity, prices[k]);
    receivers.push(receiver);
    receiverOf.set(part.row, receiver);
  }
  const rowLower: number[] = [];
  const rowUpper: number[] = [];
  const rowTerms: Terms[] = [];
  const addRow = (lower: number, upper: number, terms: Terms) => {
    rowLower.push(lower);
    rowUpper.push(upper);
    rowTerms.push(terms);
  };
  if (transfers) {
    const cap = costs.transfers.max_share_out;
    for (const r of receivers) {
      if (r.transferLevel === null) continue;
      r.inCol = colLower.length;
      for (let t = 0; t < TEACHER_KIND_COUNT; t++) addCol(0, Infinity, costs.transfers.yuan_per_teacher);
      r.outCol = colLower.length;
      for (let t = 0; t < TEACHER_KIND_COUNT; t++) addCol(0, Math.floor(r.row[TEACHER_KINDS[t]] ?? 0), 0);
      // Σ out ≤ cap × full-time teachers (a school without that figure sends nobody).
      const most = Math.floor(cap * (r.row.full_time_teachers ?? 0) + 1e-9);
      addRow(-Infinity, most, {
        indices: TEACHER_KINDS.map((_, t) => r.outCol + t),
        values: TEACHER_KINDS.map(() => 1),
      });
    }
    // Every teacher who leaves a school arrives at another of the same level.
    for (const level of LEVELS) {
      const at = receivers.filter((r) => r.transferLevel === level);
      if (at.length === 0) continue;
      for (let t = 0; t < TEACHER_KIND_COUNT; t++) {
        addRow(0, 0, {
          indices: at.flatMap((r) => [r.inCol + t, r.outCol + t]),
          values: at.flatMap(() => [1, -1]),
        });
      }
    }
  }

  /** Columns whose sum is the row's net change of kind k. */
  const netTerms = (r: Receiver, k: number, scale: number): Terms =>
    r.inCol >= 0 && k < TEACHER_KIND_COUNT
      ? { indices: [r.x + k, r.inCol + k, r.outCol + k], values: [scale, scale, -scale] }
      : { indices: [r.x + k], values: [scale] };

  const yCols: number[] = [];
  // The school rule: net ≥ n_floor + (n_threshold − n_floor) × y, and Σ y ≥ min_met − (met without a y).
  for (const part of parts) {
    const r = receiverOf.get(part.row)!;
    const thresholds = compiled.thresholdsFor(part.level, part.row, part.students);
    const ys: number[] = [];
    let fixedMet = 0;
    for (let k = 0; k < KINDS; k++) {
      const resource = part.resources[k];
      const nThreshold = minimalAddition(k, part, resource, thresholds.values[k]);
      const movable = r.inCol >= 0 && k < TEACHER_KIND_COUNT;
      if (nThreshold <= 0 && !movable) {
        fixedMet++;
        continue;
      }
      const nFloor = minimalAddition(k, part, resource, thresholds.floors[k]);
      const y = colLower.length;
      addCol(0, 1, 0);
      ys.push(y);
      yCols.push(y);
      const net = netTerms(r, k, 1);
      addRow(nFloor, Infinity, {
        indices: [...net.indices, y],
        values: [...net.values, -(nThreshold - nFloor)],
      });
    }
    if (ys.length > 0 && minMet - fixedMet > 0) {
      addRow(minMet - fixedMet, Infinity, { indices: ys, values: ys.map(() => 1) });
    }
  }

  const model = highs.createModel();
  try {
    model.options.set({
      output_flag: false,
      mip_rel_gap: mipRelGap,
      time_limit: timeLimit,
    });
    model.addVars(
      colLower,
      colUpper.map((u) => (u === Infinity ? highs.infinity : u)),
    );
    model.changeColsCost({ kind: 'range', from: 0, to: colCost.length - 1 }, colCost);
    const setIntegrality = (type: number) =>
      model.changeColsIntegrality(
        { kind: 'set', indices: integer },
        integer.map(() => type as 0 | 1),
      );
    for (let i = 0; i < rowTerms.length; i++) {
      model.addRow(
        rowLower[i] === -Infinity ? -highs.infinity : rowLower[i],
        rowUpper[i] === Infinity ? highs.infinity : rowUpper[i],
        rowTerms[i],
      );
    }

    /** Row changes of a solution; rounded when the solution is integer (HiGHS leaves 1e-9 residues). */
    const changesOf = (solution: Float64Array, whole: boolean): RowChange[] => {
      const value = whole ? (j: number) => Math.round(solution[j]) : (j: number) => solution[j];
      return receivers.map((r) => ({
        row: r.index,
        delta: ADDITION_KINDS.map((_, k) => {
          let d = value(r.x + k);
          if (r.inCol >= 0 && k < TEACHER_KIND_COUNT) d += value(r.inCol + k) - value(r.outCol + k);
          return d;
        }),
      }));
    };

    /** Adds a supporting hyperplane of the CV cone at the engine's values; returns cuts added. */
    const addCuts = (applied: CountyData): number => {
      const result = evaluateResourceAllocation(applied.schools, compiled, []);
      let added = 0;
      for (const level of LEVELS) {
        const limit = ruleSet.resource_allocation.cv_limits[level];
        const target = limit - cvMargin;
        const atLevel: number[] = [];
        result.schools.forEach((s, i) => {
          if (s.level === level) atLevel.push(i);
        });
        RESOURCE_INDICATORS.forEach((id, k) => {
          const entry = result.balance[level][id];
          if (!entry.applicable || entry.cv === null || withinLimit(entry.cv, limit)) return;
          let total = 0;
          let mean = 0;
          for (const i of atLevel) total += result.schools[i].students;
          for (const i of atLevel) mean += result.schools[i].students * result.schools[i].values[id]!;
          mean /= total;
          const sd = entry.cv * mean;
          // g(v) = sd(v) − target × mean(v) is convex and positively homogeneous, so its linearisation at v*
          // is ∇g(v*)·v ≤ 0 with ∇g_p = w_p ((v*_p − v̄*) / sd* − target); v_p = unit_p × (resource_p + share_p × net).
          const terms: Terms = { indices: [], values: [] };
          let rhs = 0;
          for (const i of atLevel) {
            const part = parts[i];
            const w = part.students / total;
            const g = w * ((result.schools[i].values[id]! - mean) / sd - target);
            const unit = indicatorValue(k, 1, part.students);
            rhs -= g * unit * part.resources[k];
            const net = netTerms(receiverOf.get(part.row)!, k, g * unit * part.share);
            terms.indices.push(...net.indices);
            terms.values.push(...net.values);
          }
          const scale = Math.max(...terms.values.map(Math.abs));
          model.addRow(-highs.infinity, rhs / scale, {
            indices: terms.indices,
            values: terms.values.map((v) => v / scale),
          });
          added++;
        });
      }
      return added;
    };

    let cuts = addCuts(data);
    // Cuts are valid whatever the integrality, so most are found on the LP relaxation, which solves in
    // milliseconds; the MIP rounds that follow then need few more.
    const { modelStatus, variableType } = highs.constants;
    setIntegrality(variableType.continuous);
    let relaxed: Float64Array | null = null;
    for (let round = 1; round <= maxRounds; round++) {
      model.run();
      if (model.getModelStatus() !== modelStatus.optimal) {
        relaxed = null;
        break;
      }
      relaxed = Float64Array.from(model.getSolution().colValue);
      const added = addCuts(applyChanges(data, changesOf(relaxed, false)));
      cuts += added;
      if (added === 0) break;
    }
    setIntegrality(variableType.integer);

    // The MIP rounds, within a time budget. A full solve (HiGHS chooses which indicator each school leaves
    // short, the y columns) gives a lower bound on the cost; if its plan still breaks a CV, cuts are added and
    // the plan is repaired with its y choices fixed — a much smaller integer problem that solves in a few
    // milliseconds — so that a passing plan exists early. Further full solves, warm-started from the best passing
    // plan, run only while the budget lasts; the reported gap is then measured against the best lower bound.
    const deadline = performance.now() + budget * 1000;
    const secondsLeft = () => (deadline - performance.now()) / 1000;
    let lowerBound = -Infinity;
    let best: { solution: Float64Array; applied: CountyData; cost: number } | null = null;
    let rounds = 0;
    const costOf = (solution: Float64Array) =>
      colCost.reduce((sum, c, j) => (c === 0 ? sum : sum + c * Math.round(solution[j])), 0);

    /** One MIP run; null when HiGHS has no plan. `full`: the y columns are free (its bound is a lower bound). */
    const solveMip = (
      seconds: number,
      full: boolean,
    ): { solution: Float64Array; optimal: boolean } | null => {
      rounds++;
      model.options.set({ time_limit: Math.max(0.05, Math.min(timeLimit, seconds)) });
      model.run();
      const status = model.getModelStatus();
      const hasSolution = Number(model.info.get('primal_solution_status')) === 2;
      if (full && (status === modelStatus.optimal || status === modelStatus.timeLimit)) {
        const bound = Number(model.info.get('mip_dual_bound'));
        if (Number.isFinite(bound)) lowerBound = Math.max(lowerBound, bound);
      }
      if (status === modelStatus.infeasible) return null;
      if (!hasSolution || (status !== modelStatus.optimal && status !== modelStatus.timeLimit)) return null;
      return {
        solution: Float64Array.from(model.getSolution().colValue),
        optimal: status === modelStatus.optimal,
      };
    };
    const consider = (solution: Float64Array): boolean => {
      const applied = applyChanges(data, changesOf(solution, true));
      const added = addCuts(applied);
      cuts += added;
      if (added > 0) return false;
      const cost = costOf(solution);
      if (best === null || cost < best.cost) best = { solution, applied, cost };
      return true;
    };
    /** The best plan with the y choices fixed to `ys` (0/1 per y column): cut and solve until the CVs pass. */
    const repair = (ys: number[]) => {
      if (yCols.length > 0) {
        const fixed = ys;
        model.changeColsBounds({ kind: 'set', indices: yCols }, fixed, fixed);
      }
      try {
        while (rounds < maxRounds) {
          const repaired = solveMip(timeLimit, false);
          if (repaired === null || consider(repaired.solution)) return;
        }
      } finally {
        if (yCols.length > 0)
          model.changeColsBounds(
            { kind: 'set', indices: yCols },
            yCols.map(() => 0),
            yCols.map(() => 1),
          );
      }
    };

    while (rounds < maxRounds) {
      if (best !== null) model.setSolution({ colValue: (best as { solution: Float64Array }).solution });
      if (best !== null && secondsLeft() <= 0) break;
      let full = solveMip(secondsLeft(), true);
      // Without any plan yet, a solve cut short by the budget gets the hard limit: a plan is needed at all.
      if (full === null && best === null && model.getModelStatus() === modelStatus.timeLimit)
        full = solveMip(timeLimit, true);
      if (full === null) {
        if (best !== null) break;
        const status = model.getModelStatus();
        return infeasible(
          status === modelStatus.infeasible
            ? [msg('indicators.plan.infeasible')]
            : [msg('indicators.plan.solver_stopped', { status })],
          rounds,
          cuts,
        );
      }
      if (consider(full.solution)) break;
      const solution = full.solution;
      if (repairing) repair(yCols.map((j) => Math.round(solution[j])));
    }
    if (best === null)
      return infeasible([msg('indicators.plan.not_converged', { rounds: maxRounds })], rounds, cuts);
    const plan = best as { solution: Float64Array; applied: CountyData; cost: number };
    const after = evaluateCounty(withClassExpansions(plan.applied, expansions), ruleSet);
    if (after.resource_allocation.passed !== true) {
      // The model and the engine disagree: never hand out a plan the engine does not pass.
      throw new Error(
        `planner bug: county ${data.county_code}'s plan does not pass the engine's resource allocation`,
      );
    }
    const solution = plan.solution;
    const schools = receivers.map((r): SchoolPlan => {
      const additions = {} as Additions;
      const transfersIn = zeroCounts();
      const transfersOut = zeroCounts();
      let cost = 0;
      ADDITION_KINDS.forEach((kind, k) => {
        additions[kind] = Math.round(solution[r.x + k]);
        cost += additions[kind] * prices[k];
      });
      if (r.inCol >= 0) {
        TEACHER_KINDS.forEach((kind, t) => {
          transfersIn[kind] = Math.round(solution[r.inCol + t]);
          transfersOut[kind] = Math.round(solution[r.outCol + t]);
          cost += transfersIn[kind] * costs.transfers.yuan_per_teacher;
        });
      }
      const expansion = expansions.get(r.index);
      const largeClasses = expansion ? { ...expansion, cost_yuan: expansion.teachers * classTeacher } : null;
      cost += largeClasses?.cost_yuan ?? 0;
      return {
        school_code: r.row.school_code,
        school_name: r.row.school_name,
        level: r.row.level,
        additions,
        transfers_in: transfersIn,
        transfers_out: transfersOut,
        large_classes: largeClasses,
        cost_yuan: cost,
      };
    });
    const total = schools.reduce((sum, s) => sum + s.cost_yuan, 0);
    // HiGHS's definition: (plan − bound) / plan, against the best bound any full solve proved (the model's
    // objective: the large-class teachers are a constant outside it).
    const objective = plan.cost;
    const gap = objective <= 0 ? 0 : Math.max(0, (objective - Math.min(lowerBound, objective)) / objective);
    return {
      county_code: data.county_code,
      school_year: data.school_year,
      feasible: true,
      total_cost_yuan: total,
      optimality_gap: Number.isFinite(lowerBound) ? gap : null,
      reasons: [],
      rounds,
      cuts,
      cost_table: costs.version,
      schools,
      after,
    };
  } finally {
    model.dispose();
  }
}

/** The reasons there is no plan as one message (`甲；乙`). */
export function listOfReasons(reasons: readonly Message[]): Message {
  return reasons
    .slice(0, -1)
    .reduceRight<Message>(
      (rest, first) => msg('indicators.plan.reasons', { first, rest }),
      reasons.at(-1) ?? msg('indicators.plan.infeasible'),
    );
}
