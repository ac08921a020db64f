/**
 * Extraction accuracy benchmark: `npm run bench:extract`.
 *
 * Runs the plan extractor on every seed that a plan file in config/plans was modelled from (the file's
 * `source.file`) and compares the draft with that hand-modelled file (scoring rules: bench/extract-scoring.ts).
 * Prints one row per seed and an overall row (sums over all seeds), and the goals:
 * items ≥ 95 %, departments ≥ 90 %, deadlines ≥ 95 %, targets ≥ 90 % (F1 of recall and precision; deadlines:
 * share of date fields equal).
 *
 * Options: --verbose (list what did not match), --known (give the extractor the plan file's departments as
 * known departments, as when the department registry already exists), --plans DIR (each plan's source document is read from its `source.file`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { extractPlan } from '../src/extraction/plan-extractor';
import { loadPlanFile, planSourcePath, type PlanFile } from '../src/plans/plan-file.schema';
import { parseRegionFile } from '../src/regions/region-file.schema';
import { addRatios, f1, precision, recall, scorePlan, type PlanScore, type Ratio } from './extract-scoring';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? path.resolve(args[i + 1]) : fallback;
};
const ROOT = path.resolve(__dirname, '..');
const PLANS_DIR = option('plans', path.join(ROOT, 'config/plans'));
const REGIONS = parseRegionFile(readFileSync(path.join(ROOT, 'config/regions/regions.yaml'), 'utf8'));

const GOALS = { items: 0.95, departments: 0.9, deadlines: 0.95, targets: 0.9 };

const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(6);
const rp = (r: Ratio) => `${pct(recall(r))} ${pct(precision(r))}`;

interface Row {
  name: string;
  score: PlanScore;
  ms: number;
}

function line(
  name: string,
  s: Pick<PlanScore, 'items' | 'departments' | 'departmentsStrict' | 'deadlines' | 'targets' | 'kinds'>,
  extra = '',
): string {
  return [
    name.padEnd(37),
    `${rp(s.items)} ${pct(f1(s.items))}`,
    `${rp(s.departments)} ${pct(f1(s.departments))}`,
    pct(f1(s.departmentsStrict)),
    `${pct(recall(s.deadlines))} (${s.deadlines.hit}/${s.deadlines.truth})`.padEnd(16),
    `${rp(s.targets)} ${pct(f1(s.targets))}`,
    pct(recall(s.kinds)),
    extra,
  ].join(' │ ');
}

async function main(): Promise<void> {
  const plans: { file: string; plan: PlanFile }[] = [];
  for (const file of readdirSync(PLANS_DIR)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()) {
    plans.push({ file, plan: await loadPlanFile(path.join(PLANS_DIR, file)) });
  }
  const rows: Row[] = [];
  for (const { file, plan } of plans) {
    const seed = planSourcePath(path.join(PLANS_DIR, file), plan);
    const knownDepartments = flag('known')
      ? plan.departments
          .filter((d) => d.name)
          .map((d) => ({ name: d.name as string, aliases: [d.ref, ...d.aliases] }))
      : undefined;
    const started = performance.now();
    const result = await extractPlan({
      buffer: readFileSync(seed),
      fileName: path.basename(plan.source.file),
      regions: REGIONS,
      knownDepartments,
    });
    const ms = performance.now() - started;
    const score = scorePlan(result.draft, plan);
    rows.push({ name: file.replace(/\.ya?ml$/, ''), score, ms });
    if (flag('verbose')) {
      console.log(`\n== ${file}`);
      for (const m of score.metadata.filter((m) => !m.ok))
        console.log(`metadata ${m.field}: truth "${m.truth}" found "${m.found}"`);
      for (const miss of score.misses) console.log(miss);
      for (const w of result.warnings) console.log(`warning ${w.code}: ${w.message}`);
    }
  }

  const header = [
    'plan file'.padEnd(37),
    'items   R      P     F1',
    'departments R  P     F1',
    'strict',
    'deadlines'.padEnd(16),
    'targets R      P     F1',
    ' kinds',
    'metadata  leaders   ms',
  ].join(' │ ');
  console.log(
    `\nExtraction accuracy against config/plans (${flag('known') ? 'with' : 'without'} known departments)\n`,
  );
  console.log(header);
  console.log('─'.repeat(header.length + 10));
  let total: Pick<
    PlanScore,
    'items' | 'departments' | 'departmentsStrict' | 'deadlines' | 'targets' | 'kinds'
  > | null = null;
  let metaOk = 0;
  let metaAll = 0;
  for (const r of rows) {
    const m = r.score.metadata;
    metaOk += m.filter((x) => x.ok).length;
    metaAll += m.length;
    const leaders =
      r.score.leadership.truth || r.score.leadership.found
        ? `${r.score.leadership.hit}/${r.score.leadership.truth}`
        : '-';
    console.log(
      line(
        r.name,
        r.score,
        `${m.filter((x) => x.ok).length}/${m.length}`.padEnd(9) +
          ` ${leaders.padEnd(7)} ${r.ms.toFixed(0).padStart(4)}`,
      ),
    );
    total = total
      ? {
          items: addRatios(total.items, r.score.items),
          departments: addRatios(total.departments, r.score.departments),
          departmentsStrict: addRatios(total.departmentsStrict, r.score.departmentsStrict),
          deadlines: addRatios(total.deadlines, r.score.deadlines),
          targets: addRatios(total.targets, r.score.targets),
          kinds: addRatios(total.kinds, r.score.kinds),
        }
      : { ...r.score };
  }
  if (!total) {
    console.log('no plan files found');
    return;
  }
  console.log('─'.repeat(header.length + 10));
  console.log(line('overall', total, `${metaOk}/${metaAll}`));
  const results = {
    items: f1(total.items),
    departments: f1(total.departments),
    deadlines: recall(total.deadlines),
    targets: f1(total.targets),
  };
  console.log(
    `\ngoals: ${Object.entries(GOALS)
      .map(
        ([k, goal]) =>
          `${k} ${pct(results[k as keyof typeof results]).trim()} ${results[k as keyof typeof results] >= goal ? '≥' : '<'} ${goal * 100}% ${results[k as keyof typeof results] >= goal ? 'ok' : 'MISSED'}`,
      )
      .join(' · ')}`,
  );
  console.log(
    'R = recall, P = precision; departments per matched item (lead ∪ cooperate), strict = same role too.',
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
