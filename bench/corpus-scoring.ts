/**
 * Scores an extraction of a development-corpus plan (test/fixtures/plans/) against its hand-checked facts
 * (`<name>.expected.yaml`). Pure; used by `bench/extract.bench.ts` and `test/extraction/corpus-accuracy.spec.ts`.
 *
 * The corpus holds the stored parts of real plans from other regions, so the facts are per class, not a whole
 * plan file:
 * - items: the titles of the numbered headings (matched by title similarity ≥ 0.6); county milestones of a
 *   schedule are not items here (they are scored as schedule entries);
 * - departments: per listed item, the departments (lead ∪ cooperate) by name; "各县（区）人民政府" is
 *   matched by a county-government department of the draft;
 * - dates: per listed item, start and/or due (YYYY-MM-DD), equal or not;
 * - schedule entries: county + year of every "——YYYY年<county>" milestone;
 * - 文号: the plan's own number (brackets normalised) and the cited numbers listed under `citedDocNumbers`.
 */
import { parse } from 'yaml';
import { normalizeDepartmentName, toSimplified } from '../src/common/text-normalization';
import type { PlanFile, PlanFileItem } from '../src/plans/plan-file.schema';
import { titleSimilarity, type Ratio } from './extract-scoring';

export interface ExpectedFacts {
  source: string;
  province: string;
  genre: string;
  script: 'simplified' | 'traditional';
  /**
   * development: used while changing the reader; held-out: never looked at while changing it (its misses are
   * not printed by the benchmark), so its figures say how the reader does on plans it has never seen
   */
  set: CorpusSet;
  /** the document's file name, when not `<name>.txt` */
  file?: string;
  layout?: 'lines' | 'one-line';
  issuedOn: string | null;
  docNumber: string | null;
  citedDocNumbers?: string[];
  title?: string;
  items: string[];
  departments: { item: string; names: string[] }[];
  dates: { item: string; start?: string; due?: string }[];
  schedule: { county: string; year: number }[];
  notIndicators?: string[];
  /** the extractor is expected to refuse the document with this code */
  refuse?: string;
}

export interface CorpusScore {
  items: Ratio;
  departments: Ratio;
  dates: Ratio;
  schedule: Ratio;
  docNumbers: Ratio;
  misses: string[];
}

export const CORPUS_SETS = ['development', 'held-out'] as const;
export type CorpusSet = (typeof CORPUS_SETS)[number];

export const FACT_CLASSES = ['items', 'departments', 'dates', 'schedule', 'docNumbers'] as const;
export type FactClass = (typeof FACT_CLASSES)[number];

/** a fixture without `set` is a development plan; a misspelt set is an error, not a silent development plan */
function corpusSet(value: unknown): CorpusSet {
  if (value === undefined || value === null) return 'development';
  if ((CORPUS_SETS as readonly unknown[]).includes(value)) return value as CorpusSet;
  throw new Error(`unknown corpus set "${String(value)}" (expected ${CORPUS_SETS.join(' or ')})`);
}

export function parseExpectedFacts(text: string): ExpectedFacts {
  const raw = parse(text, { version: '1.2' }) as Partial<ExpectedFacts>;
  const str = (v: unknown) => (v === null || v === undefined ? undefined : String(v));
  return {
    source: String(raw.source),
    province: String(raw.province),
    genre: String(raw.genre),
    script: raw.script === 'traditional' ? 'traditional' : 'simplified',
    set: corpusSet(raw.set),
    file: raw.file,
    layout: raw.layout,
    issuedOn: str(raw.issuedOn) ?? null,
    docNumber: str(raw.docNumber) ?? null,
    citedDocNumbers: raw.citedDocNumbers ?? [],
    title: raw.title,
    items: (raw.items ?? []).map(String),
    departments: raw.departments ?? [],
    dates: (raw.dates ?? []).map((d) => ({ item: d.item, start: str(d.start), due: str(d.due) })),
    schedule: raw.schedule ?? [],
    notIndicators: raw.notIndicators ?? [],
    refuse: raw.refuse,
  };
}

const SCHEDULE_NUMBER = /^——((?:19|20)\d{2})年(.+)$/;

function flatten(items: PlanFileItem[]): PlanFileItem[] {
  return items.flatMap((i) => [i, ...flatten(i.children)]);
}

/** 文号 compared without spaces, with every bracket form as 〔〕 and Traditional as Simplified. */
export function normalizeDocNumber(value: string): string {
  return toSimplified(value.normalize('NFKC'))
    .replace(/\s+/g, '')
    .replace(/[[［(（【〔]/g, '〔')
    .replace(/[\]］)）】〕]/g, '〕');
}

const zero = (): Ratio => ({ hit: 0, truth: 0, found: 0 });

/** The county schedule entries of a plan file ("——2023年灵武市" milestones) as "year county". */
export function scheduleEntries(plan: PlanFile): string[] {
  return flatten(plan.items)
    .map((i) => SCHEDULE_NUMBER.exec(i.number))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => `${m[1]} ${toSimplified(m[2])}`);
}

/** Schedule entries and 文号 of a seed's draft against its hand-modelled plan file. */
export function scoreSeedExtras(
  draft: PlanFile,
  truth: PlanFile,
): Pick<CorpusScore, 'schedule' | 'docNumbers'> {
  const want = scheduleEntries(truth);
  const got = scheduleEntries(draft);
  const left = [...got];
  let hit = 0;
  for (const w of want) {
    const i = left.indexOf(w);
    if (i >= 0) {
      hit++;
      left.splice(i, 1);
    }
  }
  return {
    schedule: { hit, truth: want.length, found: got.length },
    docNumbers: {
      hit:
        truth.doc_number &&
        draft.doc_number &&
        normalizeDocNumber(truth.doc_number) === normalizeDocNumber(draft.doc_number)
          ? 1
          : 0,
      truth: truth.doc_number ? 1 : 0,
      found: draft.doc_number ? 1 : 0,
    },
  };
}

function bestItem(items: PlanFileItem[], title: string, used?: Set<PlanFileItem>): PlanFileItem | undefined {
  let best: PlanFileItem | undefined;
  let bestScore = 0.6;
  for (const item of items) {
    if (used?.has(item)) continue;
    const s = titleSimilarity(title, item.title);
    if (s > bestScore) {
      best = item;
      bestScore = s;
    }
  }
  return best;
}

const COLLECTIVE_COUNTIES = /^各(?:县|区|市|旗)/;

export function scoreCorpusPlan(draft: PlanFile, expected: ExpectedFacts): CorpusScore {
  const score: CorpusScore = {
    items: zero(),
    departments: zero(),
    dates: zero(),
    schedule: zero(),
    docNumbers: zero(),
    misses: [],
  };
  const all = flatten(draft.items);
  const milestones = all.filter((i) => SCHEDULE_NUMBER.test(i.number));
  // dated targets of a schedule ("2018年", "2020年") restate their parent: not items of the outline
  const outline = all.filter((i) => !SCHEDULE_NUMBER.test(i.number) && !/^(?:19|20)\d{2}年/.test(i.number));

  // items
  const used = new Set<PlanFileItem>();
  for (const title of expected.items) {
    const item = bestItem(outline, title, used);
    if (item) used.add(item);
    else score.misses.push(`item missing: ${title}`);
  }
  score.items = { hit: used.size, truth: expected.items.length, found: outline.length };
  for (const item of outline)
    if (!used.has(item)) score.misses.push(`item extra: ${item.number} ${item.title}`);

  // departments
  const byRef = new Map(draft.departments.map((d) => [d.ref, d]));
  const formsOf = (ref: string) => {
    const d = byRef.get(ref);
    return [ref, d?.name, ...(d?.aliases ?? [])]
      .filter((x): x is string => Boolean(x))
      .map(normalizeDepartmentName);
  };
  for (const { item: title, names } of expected.departments) {
    const item = bestItem(outline, title);
    const found = item ? [...item.lead, ...item.cooperate] : [];
    const taken = new Set<string>();
    let hit = 0;
    const missed: string[] = [];
    for (const name of names) {
      const wanted = normalizeDepartmentName(name);
      const ref = found.find((r) => {
        if (taken.has(r)) return false;
        const forms = formsOf(r);
        if (forms.includes(wanted)) return true;
        // the counties' governments: the draft may keep the collective or name the counties
        return (
          COLLECTIVE_COUNTIES.test(name) &&
          /人民政府|政府/.test(name) &&
          forms.some((f) => /^gov:county|县|区|旗/.test(f) && /政府/.test(f))
        );
      });
      if (ref) {
        taken.add(ref);
        hit++;
        // the counties named one by one: one truth, all of them found
        if (COLLECTIVE_COUNTIES.test(name))
          for (const r of found)
            if (formsOf(r).some((f) => /政府/.test(f) && !/^(?:市|州|省|自治)/.test(f))) taken.add(r);
      } else missed.push(name);
    }
    score.departments.hit += hit;
    score.departments.truth += names.length;
    score.departments.found += found.length - taken.size + hit;
    const extra = found.filter((r) => !taken.has(r));
    if (missed.length || extra.length)
      score.misses.push(`departments ${title}: missing [${missed.join(' ')}] extra [${extra.join(' ')}]`);
  }

  // dates
  for (const d of expected.dates) {
    const item = bestItem(outline, d.item);
    for (const field of ['start', 'due'] as const) {
      const want = d[field];
      if (!want) continue;
      const got = item?.[field]?.date;
      score.dates.truth++;
      score.dates.found++;
      if (got === want) score.dates.hit++;
      else
        score.misses.push(
          `${field} ${d.item}: truth ${want} found ${got ?? '-'} (${item?.[field]?.text ?? ''})`,
        );
    }
  }

  // schedule entries
  const entries = milestones.map((m) => {
    const [, year, county] = SCHEDULE_NUMBER.exec(m.number) as RegExpExecArray;
    return { year: Number(year), county: toSimplified(county) };
  });
  const takenEntries = new Set<number>();
  for (const e of expected.schedule) {
    const i = entries.findIndex((x, k) => !takenEntries.has(k) && x.year === e.year && x.county === e.county);
    if (i >= 0) takenEntries.add(i);
    else score.misses.push(`schedule missing: ${e.year} ${e.county}`);
  }
  entries.forEach((x, k) => {
    if (!takenEntries.has(k)) score.misses.push(`schedule extra: ${x.year} ${x.county}`);
  });
  score.schedule = { hit: takenEntries.size, truth: expected.schedule.length, found: entries.length };

  // 文号
  if (expected.docNumber) score.docNumbers.truth++;
  if (draft.doc_number) score.docNumbers.found++;
  if (expected.docNumber && draft.doc_number) {
    if (normalizeDocNumber(expected.docNumber) === normalizeDocNumber(draft.doc_number))
      score.docNumbers.hit++;
    else score.misses.push(`文号: truth ${expected.docNumber} found ${draft.doc_number}`);
  } else if (expected.docNumber || draft.doc_number) {
    score.misses.push(`文号: truth ${expected.docNumber ?? '-'} found ${draft.doc_number ?? '-'}`);
  }
  const implemented = draft.implements.map(normalizeDocNumber).join('|');
  for (const cited of expected.citedDocNumbers ?? []) {
    score.docNumbers.truth++;
    if (implemented.includes(normalizeDocNumber(cited))) {
      score.docNumbers.hit++;
      score.docNumbers.found++;
    } else score.misses.push(`cited 文号 missing: ${cited}`);
  }
  return score;
}
