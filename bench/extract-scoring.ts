/**
 * Scores an extracted draft against a hand-modelled plan file (the ground truth). Pure; used by
 * `bench/extract.bench.ts` and the seed regression test.
 *
 * - Items are matched by their number path (numbers normalised: width, script, trailing "."; the n-th
 *   "——" bullet of a parent is "——#n") confirmed by title similarity, then the remaining ones by title alone.
 * - Departments: per matched item, the set lead ∪ cooperate. An extracted department counts when its ref or
 *   name equals the truth's ref, name or an alias (after normalisation). `strict` also requires the same role.
 * - Deadlines: per matched item, start and due; a field counts when either side has a date; correct when
 *   the dates are equal.
 * - Targets: per matched item, comparator + value (or `reference`) + unit as multisets (metric names are free). A ratio
 *   "≥ 100 %" equals "= 100 %", and a count "≤ 0" equals "= 0".
 */
import { normalizeDepartmentName, toSimplified } from '../src/common/text-normalization';
import type {
  PlanFile,
  PlanFileDepartment,
  PlanFileItem,
  PlanFileTarget,
} from '../src/plans/plan-file.schema';

export interface Ratio {
  /** matched */
  hit: number;
  /** in the truth */
  truth: number;
  /** extracted */
  found: number;
}

export interface PlanScore {
  items: Ratio;
  departments: Ratio;
  departmentsStrict: Ratio;
  /** hit = correct dates, truth = found = fields considered */
  deadlines: Ratio;
  targets: Ratio;
  kinds: Ratio;
  metadata: { field: string; ok: boolean; truth: string; found: string }[];
  leadership: Ratio;
  /** what did not match, for reading */
  misses: string[];
}

const norm = (text: string) => toSimplified(text.normalize('NFKC')).replace(/\s+/g, '');
const normTitle = (text: string) => norm(text).replace(/[\p{P}\p{S}]/gu, '');

function bigrams(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (let i = 0; i < text.length - 1; i++) {
    const b = text.slice(i, i + 2);
    out.set(b, (out.get(b) ?? 0) + 1);
  }
  return out;
}

/** Title similarity in 0..1: bigram Dice, or 0.9 when one title contains the other (4+ characters). */
export function titleSimilarity(a: string, b: string): number {
  const x = normTitle(a);
  const y = normTitle(b);
  if (!x || !y) return 0;
  if (x === y) return 1;
  const shorter = x.length <= y.length ? x : y;
  const longer = x.length <= y.length ? y : x;
  if (shorter.length >= 4 && longer.includes(shorter)) return 0.9;
  const bx = bigrams(x);
  const by = bigrams(y);
  let common = 0;
  for (const [k, n] of bx) common += Math.min(n, by.get(k) ?? 0);
  const total = Math.max(1, x.length - 1 + y.length - 1);
  return (2 * common) / total;
}

interface Flat {
  item: PlanFileItem;
  path: string;
}

function segment(number: string, dashOrdinal: number): string {
  const n = norm(number).replace(/[.、．]$/, '');
  return n.startsWith('——') || n === '—' ? `——#${dashOrdinal}` : n;
}

function flatten(items: PlanFileItem[], prefix = ''): Flat[] {
  let dashes = 0;
  return items.flatMap((item) => {
    if (norm(item.number).startsWith('——')) dashes++;
    const path = `${prefix}/${segment(item.number, dashes)}`;
    return [{ item, path }, ...flatten(item.children, path)];
  });
}

function matchItems(truth: Flat[], found: Flat[]): [Flat, Flat][] {
  const pairs: [Flat, Flat][] = [];
  const usedT = new Set<Flat>();
  const usedF = new Set<Flat>();
  const byPath = new Map<string, Flat[]>();
  for (const f of found) byPath.set(f.path, [...(byPath.get(f.path) ?? []), f]);
  for (const t of truth) {
    const candidate = (byPath.get(t.path) ?? []).find(
      (f) => !usedF.has(f) && titleSimilarity(t.item.title, f.item.title) >= 0.3,
    );
    if (candidate) {
      pairs.push([t, candidate]);
      usedT.add(t);
      usedF.add(candidate);
    }
  }
  // the rest by title alone
  for (const t of truth) {
    if (usedT.has(t)) continue;
    let best: Flat | undefined;
    let bestScore = 0.6;
    for (const f of found) {
      if (usedF.has(f)) continue;
      const s = titleSimilarity(t.item.title, f.item.title);
      if (s > bestScore) {
        best = f;
        bestScore = s;
      }
    }
    if (best) {
      pairs.push([t, best]);
      usedT.add(t);
      usedF.add(best);
    }
  }
  return pairs;
}

function departmentForms(d: PlanFileDepartment | undefined, ref: string): Set<string> {
  const forms = new Set([normalizeDepartmentName(ref)]);
  if (d) {
    forms.add(normalizeDepartmentName(d.ref));
    if (d.name) forms.add(normalizeDepartmentName(d.name));
    for (const a of d.aliases ?? []) forms.add(normalizeDepartmentName(a));
  }
  return forms;
}

function canonicalTarget(t: PlanFileTarget): string {
  let comparator = t.comparator;
  if (t.unit === 'ratio' && t.value === 1 && comparator === '>=') comparator = '=';
  if (t.unit !== 'ratio' && t.value === 0 && comparator === '<=') comparator = '=';
  // A target without a number is matched by what it compares with (上年, 省定标准 …).
  const value = t.value === null ? `@${t.reference}` : Number(t.value.toPrecision(10));
  return `${comparator}|${value}|${t.unit}`;
}

function multisetHits(a: string[], b: string[]): number {
  const counts = new Map<string, number>();
  for (const x of a) counts.set(x, (counts.get(x) ?? 0) + 1);
  let hits = 0;
  for (const y of b) {
    const n = counts.get(y) ?? 0;
    if (n > 0) {
      hits++;
      counts.set(y, n - 1);
    }
  }
  return hits;
}

const zero = (): Ratio => ({ hit: 0, truth: 0, found: 0 });

export function scorePlan(found: PlanFile, truth: PlanFile): PlanScore {
  const score: PlanScore = {
    items: zero(),
    departments: zero(),
    departmentsStrict: zero(),
    deadlines: zero(),
    targets: zero(),
    kinds: zero(),
    metadata: [],
    leadership: zero(),
    misses: [],
  };
  const t = flatten(truth.items);
  const f = flatten(found.items);
  const pairs = matchItems(t, f);
  score.items = { hit: pairs.length, truth: t.length, found: f.length };
  const matchedT = new Set(pairs.map(([x]) => x));
  const matchedF = new Set(pairs.map(([, y]) => y));
  for (const x of t) if (!matchedT.has(x)) score.misses.push(`item missing: ${x.path} ${x.item.title}`);
  for (const y of f) if (!matchedF.has(y)) score.misses.push(`item extra:   ${y.path} ${y.item.title}`);

  const truthDepartments = new Map(truth.departments.map((d) => [d.ref, d]));
  const foundDepartments = new Map(found.departments.map((d) => [d.ref, d]));
  const foundForms = (ref: string) => {
    const d = foundDepartments.get(ref);
    return [ref, d?.name].filter((x): x is string => Boolean(x)).map(normalizeDepartmentName);
  };

  for (const [x, y] of pairs) {
    // departments
    const gt = [
      ...x.item.lead.map((r) => ({ r, role: 'lead' })),
      ...x.item.cooperate.map((r) => ({ r, role: 'cooperate' })),
    ];
    const ex = [
      ...y.item.lead.map((r) => ({ r, role: 'lead' })),
      ...y.item.cooperate.map((r) => ({ r, role: 'cooperate' })),
    ];
    for (const strict of [false, true]) {
      const used = new Set<number>();
      let hit = 0;
      const missed: string[] = [];
      for (const g of gt) {
        const forms = departmentForms(truthDepartments.get(g.r), g.r);
        const i = ex.findIndex(
          (e, k) =>
            !used.has(k) && (!strict || e.role === g.role) && foundForms(e.r).some((n) => forms.has(n)),
        );
        if (i >= 0) {
          used.add(i);
          hit++;
        } else missed.push(`${g.role}:${g.r}`);
      }
      const target = strict ? score.departmentsStrict : score.departments;
      target.hit += hit;
      target.truth += gt.length;
      target.found += ex.length;
      if (!strict) {
        const extra = ex.filter((_, k) => !used.has(k)).map((e) => `${e.role}:${e.r}`);
        if (missed.length || extra.length) {
          score.misses.push(
            `departments ${x.path}: missing [${missed.join(' ')}] extra [${extra.join(' ')}]`,
          );
        }
      }
    }
    // deadlines
    for (const field of ['start', 'due'] as const) {
      const a = x.item[field]?.date;
      const b = y.item[field]?.date;
      if (!a && !b) continue;
      score.deadlines.truth++;
      score.deadlines.found++;
      if (a === b) score.deadlines.hit++;
      else
        score.misses.push(
          `${field} ${x.path}: truth ${a ?? '-'} found ${b ?? '-'} (${y.item[field]?.text ?? ''})`,
        );
    }
    // targets
    const ta = x.item.targets.map(canonicalTarget);
    const tb = y.item.targets.map(canonicalTarget);
    const hits = multisetHits(ta, tb);
    score.targets.hit += hits;
    score.targets.truth += ta.length;
    score.targets.found += tb.length;
    if (hits < ta.length || hits < tb.length) {
      score.misses.push(`targets ${x.path}: truth [${ta.join(' ')}] found [${tb.join(' ')}]`);
    }
    // kinds
    score.kinds.truth++;
    score.kinds.found++;
    if (x.item.kind === y.item.kind) score.kinds.hit++;
  }

  const same = (a: string | null | undefined, b: string | null | undefined) =>
    norm(a ?? '') === norm(b ?? '');
  const meta = (field: string, a: string | null | undefined, b: string | null | undefined, ok = same(a, b)) =>
    score.metadata.push({ field, ok, truth: a ?? '', found: b ?? '' });
  meta('title', truth.title, found.title);
  meta('doc_number', truth.doc_number, found.doc_number);
  meta('issuer', truth.issuer, found.issuer);
  meta('issued_on', truth.issued_on, found.issued_on);
  meta('region', truth.region, found.region);
  const impl = (p: PlanFile) => p.implements.map(norm).sort().join(' ');
  meta('implements', impl(truth), impl(found));

  const members = (p: PlanFile) =>
    (p.leadership_group?.members ?? []).map((m) => `${norm(m.name)}|${m.group_role}`);
  const lt = members(truth);
  const lf = members(found);
  score.leadership = { hit: multisetHits(lt, lf), truth: lt.length, found: lf.length };
  return score;
}

export function addRatios(a: Ratio, b: Ratio): Ratio {
  return { hit: a.hit + b.hit, truth: a.truth + b.truth, found: a.found + b.found };
}

export const recall = (r: Ratio) => (r.truth ? r.hit / r.truth : 1);
export const precision = (r: Ratio) => (r.found ? r.hit / r.found : 1);
export const f1 = (r: Ratio) => {
  const p = precision(r);
  const q = recall(r);
  return p + q ? (2 * p * q) / (p + q) : 0;
};
