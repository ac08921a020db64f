/**
 * The extractor on the five seeds, scored against their hand-modelled plan files with the benchmark's
 * scoring (bench/extract-scoring.ts). Guards the accuracy goals and that every draft is a valid plan file.
 * `npm run bench:extract` prints the full table.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { addRatios, f1, recall, scorePlan, type PlanScore, type Ratio } from '../../bench/extract-scoring';
import { renderDraftYaml } from '../../src/extraction/draft-yaml';
import { extractPlan } from '../../src/extraction/plan-extractor';
import { parsePlanFile, planSourcePath } from '../../src/plans/plan-file.schema';
import { parseRegionFile } from '../../src/regions/region-file.schema';

const ROOT = path.resolve(__dirname, '../..');
const PLANS = path.join(ROOT, 'config/plans');
const regions = parseRegionFile(readFileSync(path.join(ROOT, 'config/regions/regions.yaml'), 'utf8'));
const truths = readdirSync(PLANS)
  .filter((f) => /\.ya?ml$/.test(f))
  .map((f) => ({
    file: path.join(PLANS, f),
    plan: parsePlanFile(readFileSync(path.join(PLANS, f), 'utf8'), f),
  }));

describe('extraction of the seed plans', () => {
  const scores: PlanScore[] = [];
  const drafts: string[] = [];

  beforeAll(async () => {
    for (const { file, plan: truth } of truths) {
      const buffer = readFileSync(planSourcePath(file, truth));
      const result = await extractPlan({ buffer, fileName: path.basename(truth.source.file), regions });
      expect(result.warnings.filter((w) => w.code === 'DRAFT_INVALID')).toEqual([]);
      drafts.push(renderDraftYaml(result));
      scores.push(scorePlan(result.draft, truth));
    }
  });

  it('every draft, as written by plans:extract, loads as a plan file', () => {
    for (const yaml of drafts) expect(() => parsePlanFile(yaml, 'draft.yaml')).not.toThrow();
  });

  it('reads every seed’s title, 文号, issuer, date, region and implemented documents', () => {
    for (const score of scores) expect(score.metadata.filter((m) => !m.ok)).toEqual([]);
  });

  it('meets the accuracy goals overall: items ≥ 95 %, departments ≥ 90 %, deadlines ≥ 95 %, targets ≥ 90 %', () => {
    const sum = (pick: (s: PlanScore) => Ratio) => scores.map(pick).reduce(addRatios);
    expect(f1(sum((s) => s.items))).toBeGreaterThanOrEqual(0.95);
    expect(f1(sum((s) => s.departments))).toBeGreaterThanOrEqual(0.9);
    expect(recall(sum((s) => s.deadlines))).toBeGreaterThanOrEqual(0.95);
    expect(f1(sum((s) => s.targets))).toBeGreaterThanOrEqual(0.9);
  });

  it('keeps every seed above 85 % on items, departments and targets', () => {
    for (const s of scores) {
      expect(f1(s.items)).toBeGreaterThanOrEqual(0.85);
      expect(f1(s.departments)).toBeGreaterThanOrEqual(0.85);
      expect(f1(s.targets)).toBeGreaterThanOrEqual(0.85);
    }
  });
});
