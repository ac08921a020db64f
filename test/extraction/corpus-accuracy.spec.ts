/**
 * The extractor on the development corpus (test/fixtures/plans/: stored parts of real plans from other
 * regions, none of them a seed the rules were written from), scored per fact class against the hand-checked
 * facts (bench/corpus-scoring.ts). Guards the issue-15 goals on the development set; the held-out set is only
 * required to yield valid drafts; `npm run bench:extract` prints both tables.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { FACT_CLASSES, type FactClass } from '../../bench/corpus-scoring';
import { type CorpusRun, runCorpus } from '../../bench/extract-corpus';
import { addRatios, f1, recall, type Ratio } from '../../bench/extract-scoring';
import { parsePlanFile } from '../../src/plans/plan-file.schema';
import { renderDraftYaml } from '../../src/extraction/draft-yaml';
import { parseRegionFile } from '../../src/regions/region-file.schema';

const ROOT = path.resolve(__dirname, '../..');
const regions = parseRegionFile(readFileSync(path.join(ROOT, 'config/regions/regions.yaml'), 'utf8'));

const GOALS: Record<FactClass, number> = {
  items: 0.95,
  departments: 0.9,
  dates: 0.95,
  schedule: 0.95,
  docNumbers: 0.95,
};

describe('extraction of the development corpus (plans never seen while writing the rules)', () => {
  let runs: CorpusRun[] = [];
  beforeAll(async () => {
    runs = await runCorpus(regions);
  }, 60000);

  it('holds at least 15 real plans from at least 10 provinces, each with its source address', () => {
    expect(runs.length).toBeGreaterThanOrEqual(15);
    expect(new Set(runs.map((r) => r.expected.province)).size).toBeGreaterThanOrEqual(10);
    for (const r of runs) expect(r.expected.source).toMatch(/^https?:\/\//);
    // Traditional, one-line web copies and a Word file among them
    expect(runs.filter((r) => r.expected.script === 'traditional').length).toBeGreaterThanOrEqual(3);
    expect(runs.some((r) => r.expected.layout === 'one-line')).toBe(true);
    expect(runs.some((r) => r.expected.file?.endsWith('.docx'))).toBe(true);
  });

  it('keeps a held-out set apart from the development set', () => {
    const heldOut = runs.filter((r) => r.expected.set === 'held-out');
    const development = runs.filter((r) => r.expected.set === 'development');
    expect(heldOut.length).toBeGreaterThanOrEqual(4);
    expect(development.length + heldOut.length).toBe(runs.length);
    // the held-out plans have facts to score, and come from provinces of their own too
    expect(heldOut.reduce((n, r) => n + r.score.items.truth + r.score.docNumbers.truth, 0)).toBeGreaterThan(
      0,
    );
    expect(new Set(heldOut.map((r) => r.expected.province)).size).toBeGreaterThanOrEqual(3);
  });

  it('meets the goals per fact class on the development set: items 95 %, departments 90 %, dates 95 %, schedule entries 95 %, 文号 95 %', () => {
    // the held-out set's figures are reported by `npm run bench:extract`, not held to the goals here: they
    // measure the reader on plans it was not changed for
    const total = Object.fromEntries(FACT_CLASSES.map((k) => [k, { hit: 0, truth: 0, found: 0 }])) as Record<
      FactClass,
      Ratio
    >;
    for (const r of runs.filter((x) => x.expected.set === 'development'))
      for (const k of FACT_CLASSES) total[k] = addRatios(total[k], r.score[k]);
    for (const k of FACT_CLASSES) {
      const figure = k === 'dates' ? recall(total[k]) : f1(total[k]);
      expect({ k, figure: figure >= GOALS[k] ? 'ok' : figure }).toEqual({ k, figure: 'ok' });
      expect(total[k].truth).toBeGreaterThan(0);
    }
  });

  it('gives a draft that parsePlanFile accepts for every development plan it should not refuse', () => {
    for (const r of runs.filter((x) => x.expected.set === 'development')) {
      if (r.expected.refuse) {
        expect(r.refused).toBe(r.expected.refuse);
        continue;
      }
      expect({ plan: r.name, refused: r.refused }).toEqual({ plan: r.name, refused: null });
      expect(() => parsePlanFile(renderDraftYaml(r.result!), `${r.name}.yaml`)).not.toThrow();
    }
  });

  it('gives valid drafts for the held-out plans it reads; a refusal there counts as missed facts', () => {
    // the reader is not changed for held-out plans, so a refusal is reported (bench:extract), not fixed here
    for (const r of runs.filter((x) => x.expected.set === 'held-out')) {
      if (r.result) expect(() => parsePlanFile(renderDraftYaml(r.result!), `${r.name}.yaml`)).not.toThrow();
      else expect(r.score.items).toMatchObject({ hit: 0, truth: r.expected.items.length });
    }
  });
});
