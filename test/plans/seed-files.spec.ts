/**
 * Every plan file in config/plans is checked against its seed text: it parses, it has exactly the items it is
 * expected to have, every excerpt is verbatim from the seed, and every date is real and read by the same
 * deadline rules as the importer's (src/plans/deadline-reading.policy.ts). Pure: no database.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { isRealIsoDate, readDeadline } from '../../src/plans/deadline-reading.policy';
import {
  countPlanItems,
  flattenPlanItems,
  ITEM_KINDS,
  parsePlanFile,
  planSourcePath,
  type ItemKind,
  type PlanFile,
} from '../../src/plans/plan-file.schema';

const PLANS_DIR = path.resolve(__dirname, '../../config/plans');

/**
 * Expected item counts, one entry per plan file (the counts are also written at the top of each file).
 * A plan file without an entry here fails, and so does an entry without its file.
 */
const expected: Record<string, { total: number; byKind: Partial<Record<ItemKind, number>> }> = {
  'jinzhong-2017.yaml': {
    total: 63,
    byKind: { goal: 9, task: 34, measure: 6, project: 9, milestone: 2, target: 3 },
  },
  'kizilsu-2018.yaml': { total: 45, byKind: { goal: 2, task: 38, measure: 5 } },
  // counts as stated at the top of each file by its author
  'yinchuan-2021.yaml': { total: 59, byKind: { goal: 1, task: 5, measure: 15, milestone: 6, target: 32 } },
  'jizhou-2018.yaml': { total: 23, byKind: { goal: 8, task: 9, measure: 6 } },
  'anxi-2019.yaml': { total: 36, byKind: { goal: 2, measure: 34 } },
};

const planFiles = readdirSync(PLANS_DIR)
  .filter((f) => /\.ya?ml$/.test(f))
  .sort();

/** Whitespace carries no meaning in Chinese text; the seeds have stray spaces and line breaks. */
const withoutWhitespace = (text: string) => text.replace(/\s+/gu, '');

const allKinds = (byKind: Partial<Record<ItemKind, number>>) =>
  Object.fromEntries(ITEM_KINDS.map((k) => [k, byKind[k] ?? 0]));

describe('config/plans', () => {
  it('every plan file has an entry in `expected`, and every entry has its file', () => {
    expect(planFiles.filter((f) => !(f in expected))).toEqual([]);
    expect(Object.keys(expected).filter((f) => !planFiles.includes(f))).toEqual([]);
  });

  it('plan keys are unique across files', () => {
    const keys = planFiles.map((f) => parsePlanFile(readFileSync(path.join(PLANS_DIR, f), 'utf8'), f).key);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });
});

describe.each(planFiles)('%s', (file) => {
  let plan: PlanFile;
  let seed: string;

  beforeAll(() => {
    plan = parsePlanFile(readFileSync(path.join(PLANS_DIR, file), 'utf8'), file);
    const seedPath = planSourcePath(path.join(PLANS_DIR, file), plan);
    if (!existsSync(seedPath)) throw new Error(`${file}: source document ${seedPath} not found`);
    seed = withoutWhitespace(readFileSync(seedPath, 'utf8'));
  });

  it('has exactly the expected items, in total and per kind', () => {
    const want = expected[file];
    if (!want) throw new Error(`${file} has no entry in \`expected\` (test/plans/seed-files.spec.ts)`);
    const got = countPlanItems(plan);
    expect({ total: got.total, byKind: got.byKind }).toEqual({
      total: want.total,
      byKind: allKinds(want.byKind),
    });
  });

  it('every excerpt occurs verbatim in the seed text', () => {
    const missing = flattenPlanItems(plan.items)
      .filter(({ item }) => !seed.includes(withoutWhitespace(item.excerpt)))
      .map(({ item }) => `${item.ref}: ${item.excerpt.slice(0, 40)}…`);
    expect(missing).toEqual([]);
  });

  it('every target wording occurs in its item excerpt', () => {
    const missing = flattenPlanItems(plan.items).flatMap(({ item }) =>
      item.targets
        .filter((t) => !withoutWhitespace(item.excerpt).includes(withoutWhitespace(t.text)))
        .map((t) => `${item.ref}: ${t.text}`),
    );
    expect(missing).toEqual([]);
  });

  it('every date is a real date, and start is not after due', () => {
    const bad = flattenPlanItems(plan.items).flatMap(({ item }) => [
      ...[item.start?.date, item.due?.date, ...item.targets.map((t) => t.due)]
        .filter((d): d is string => typeof d === 'string' && !isRealIsoDate(d))
        .map((d) => `${item.ref}: ${d}`),
      ...(item.start && item.due && item.start.date > item.due.date ? [`${item.ref}: start after due`] : []),
    ]);
    expect(isRealIsoDate(plan.issued_on)).toBe(true);
    expect(bad).toEqual([]);
  });

  it('every start and due date is what the deadline rules read from its wording', () => {
    const mismatches = flattenPlanItems(plan.items).flatMap(({ item }) =>
      (['start', 'due'] as const).flatMap((field) => {
        const dated = item[field];
        if (!dated) return [];
        const read = readDeadline(dated.text, { issuedOn: plan.issued_on })?.[field]?.date;
        return read === dated.date
          ? []
          : [`${item.ref}.${field}: "${dated.text}" reads as ${read}, file says ${dated.date}`];
      }),
    );
    expect(mismatches).toEqual([]);
  });
});
