/**
 * The extractor on the development corpus (test/fixtures/plans/: stored parts of real plans from other
 * regions, none of them a seed the rules were written from), scored per fact class against the hand-checked
 * facts (bench/corpus-scoring.ts). Guards the issue-15 goals; `npm run bench:extract` prints the table.
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

  it('meets the goals per fact class: items 95 %, departments 90 %, dates 95 %, schedule entries 95 %, 文号 95 %', () => {
    const total = Object.fromEntries(FACT_CLASSES.map((k) => [k, { hit: 0, truth: 0, found: 0 }])) as Record<
      FactClass,
      Ratio
    >;
    for (const r of runs) for (const k of FACT_CLASSES) total[k] = addRatios(total[k], r.score[k]);
    for (const k of FACT_CLASSES) {
      const figure = k === 'dates' ? recall(total[k]) : f1(total[k]);
      expect({ k, figure: figure >= GOALS[k] ? 'ok' : figure }).toEqual({ k, figure: 'ok' });
      expect(total[k].truth).toBeGreaterThan(0);
    }
  });

  it('gives a draft that parsePlanFile accepts for every plan it does not refuse', () => {
    for (const r of runs) {
      if (r.expected.refuse) {
        expect(r.refused).toBe(r.expected.refuse);
        continue;
      }
      expect(r.result).not.toBeNull();
      expect(() => parsePlanFile(renderDraftYaml(r.result!), `${r.name}.yaml`)).not.toThrow();
    }
  });
});
