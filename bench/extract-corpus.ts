/**
 * The development corpus (test/fixtures/plans/): every `<name>.expected.yaml` with its document, extracted
 * and scored per fact class (bench/corpus-scoring.ts). Used by `npm run bench:extract` and the corpus test.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ExtractionError } from '../src/extraction/extraction.error';
import { extractPlan, type ExtractionResult } from '../src/extraction/plan-extractor';
import type { RegionEntry } from '../src/regions/region-file.schema';
import { type CorpusScore, type ExpectedFacts, parseExpectedFacts, scoreCorpusPlan } from './corpus-scoring';

export const CORPUS_DIR = path.resolve(__dirname, '../test/fixtures/plans');

export interface CorpusRun {
  name: string;
  expected: ExpectedFacts;
  result: ExtractionResult | null;
  refused: string | null;
  score: CorpusScore;
  ms: number;
}

export function loadCorpus(dir = CORPUS_DIR): { name: string; expected: ExpectedFacts; file: string }[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.expected.yaml'))
    .sort()
    .map((f) => {
      const name = f.replace(/\.expected\.yaml$/, '');
      const expected = parseExpectedFacts(readFileSync(path.join(dir, f), 'utf8'));
      return { name, expected, file: path.join(dir, expected.file ?? `${name}.txt`) };
    });
}

const emptyScore = (): CorpusScore => ({
  items: { hit: 0, truth: 0, found: 0 },
  departments: { hit: 0, truth: 0, found: 0 },
  dates: { hit: 0, truth: 0, found: 0 },
  schedule: { hit: 0, truth: 0, found: 0 },
  docNumbers: { hit: 0, truth: 0, found: 0 },
  misses: [],
});

export async function runCorpus(regions: RegionEntry[], dir = CORPUS_DIR): Promise<CorpusRun[]> {
  const runs: CorpusRun[] = [];
  for (const { name, expected, file } of loadCorpus(dir)) {
    const started = performance.now();
    let result: ExtractionResult | null = null;
    let refused: string | null = null;
    try {
      result = await extractPlan({ buffer: readFileSync(file), fileName: path.basename(file), regions });
    } catch (error) {
      if (!(error instanceof ExtractionError)) throw error;
      refused = error.code;
    }
    const ms = performance.now() - started;
    let score: CorpusScore;
    if (expected.refuse) {
      score = emptyScore();
      score.items = { hit: refused === expected.refuse ? 1 : 0, truth: 1, found: 1 };
      if (refused !== expected.refuse)
        score.misses.push(`expected refusal ${expected.refuse}, got ${refused ?? 'a draft'}`);
    } else if (!result) {
      // a refusal misses every fact the plan holds, not only its items
      score = emptyScore();
      score.misses.push(`refused: ${refused}`);
      score.items.truth = expected.items.length;
      score.departments.truth = expected.departments.reduce((n, d) => n + d.names.length, 0);
      score.dates.truth = expected.dates.reduce((n, d) => n + (d.start ? 1 : 0) + (d.due ? 1 : 0), 0);
      score.schedule.truth = expected.schedule.length;
      score.docNumbers.truth = (expected.docNumber ? 1 : 0) + (expected.citedDocNumbers?.length ?? 0);
    } else score = scoreCorpusPlan(result.draft, expected);
    runs.push({ name, expected, result, refused, score, ms });
  }
  return runs;
}
