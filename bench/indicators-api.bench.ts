/**
 * End-to-end recompute benchmark: `npm run bench:indicators-api`.
 *
 * One county (≈ 100 school rows, ≈ 2,000 classes, every table) is imported into a scratch PostgreSQL database
 * through IndicatorImportService, with the 银川 2021 plan loaded so the county has real indicator-linked items
 * (per-county evidence of a city plan, and its CERT milestone). Then, 20 times, a new version of the county is
 * imported (not timed; alternating between data with and without large classes, so ledger entries open and
 * close every run) and RecomputeService.run is timed: load from PostgreSQL, evaluate, store the evaluation,
 * evidence in one INSERT, ledger diff in bulk — one transaction. The pure engine time of the same data is
 * measured alongside. Goal: median end to end < 200 ms.
 *
 * Needs PostgreSQL (DATABASE_URL or TEST_DATABASE_URL: an admin URL; a database is created and dropped) and
 * Redis (REDIS_URL) like the tests. Options: --runs N (default 20).
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { NestFactory } from '@nestjs/core';
import { Client } from 'pg';
import { AppModule } from '../src/app.module';
import { systemActor } from '../src/audit/audit.service';
import { validateEnv } from '../src/config/env.schema';
import { runPendingMigrations } from '../src/database/migrate';
import { evaluateCounty } from '../src/indicators/engine';
import { IndicatorImportService, type ImportFile } from '../src/indicators/indicator-import.service';
import { ledgerOffenders } from '../src/indicators/ledgers.service';
import { RecomputeService } from '../src/indicators/recompute.service';
import { loadRuleSet } from '../src/indicators/rule-set.loader';
import { StatisticsService } from '../src/indicators/statistics.service';
import { PlanImportService, PLANS_DIR } from '../src/plans/plan-import.service';
import { deleteKeys } from '../test/support/test-app';
import { databaseUrl } from '../test/support/test-env';
import { formatIssues } from '../src/indicators/import/import-issues';

const args = process.argv.slice(2);
const runsArg = args.indexOf('--runs');
const RUNS = runsArg >= 0 ? Number(args[runsArg + 1]) : 20;
const WARMUP = 3;
const COUNTY = '640181';
const YEAR = 2023;
const SCHOOLS = 100;

/** mulberry32: the same numbers on every machine. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The county's tables as CSV files. `largeClasses`: about 3 % of classes above 55 students (the ledgers open
 * entries); without, every class within the standard size (the entries close).
 */
function countyFiles(largeClasses: boolean): ImportFile[] {
  const random = prng(640_181);
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const between = (lo: number, hi: number) => lo + random() * (hi - lo);
  const schools = [
    '学校标识码,学校名称,县区代码,县区名称,办学类型,学段,城乡类型,学生数,小学学生数,初中学生数,班级数,高于规定学历教师数,县级以上骨干教师数,体育艺术专任教师数,专任教师数,持证专任教师数,教学及辅助用房面积,体育运动场馆面积,教学仪器设备值,网络多媒体教室数,音乐专用教室数,音乐专用教室最小面积,美术专用教室数,美术专用教室最小面积,年度公用经费预算,教师培训经费',
  ];
  const classes = ['学校标识码,学段,年级,班级,学生数'];
  const monitoring = ['县区代码,学校标识码,学科,Ⅲ级以上比例,平均分'];
  const size = (limit: number) => {
    const r = random();
    const large = r < 0.03 ? int(56, 70) : int(limit - 12, limit);
    return largeClasses ? large : Math.min(large, limit);
  };
  for (let seq = 1; seq <= SCHOOLS; seq++) {
    const code = `${COUNTY}${String(seq).padStart(4, '0')}`;
    const kind = seq % 10 === 0 ? 'nine_year' : seq % 4 === 0 ? 'junior' : 'primary';
    let primary = 0;
    let junior = 0;
    const primaryClasses = kind === 'junior' ? 0 : int(14, 26);
    const juniorClasses = kind === 'primary' ? 0 : int(10, 20);
    for (let k = 0; k < primaryClasses; k++) {
      const n = size(45);
      primary += n;
      classes.push(`${code},小学,${(k % 6) + 1},${(k % 6) + 1}年级${Math.floor(k / 6) + 1}班,${n}`);
    }
    for (let k = 0; k < juniorClasses; k++) {
      const n = size(50);
      junior += n;
      classes.push(`${code},初中,${(k % 3) + 7},${(k % 3) + 7}年级${Math.floor(k / 3) + 1}班,${n}`);
    }
    const students = primary + junior;
    const isJunior = kind === 'junior';
    const q = (threshold: number) => threshold * between(0.9, 1.6);
    const per100 = (threshold: number) => Math.round((q(threshold) * students) / 100);
    const fullTime = Math.round(students / 13) + 1;
    schools.push(
      [
        code,
        `灵武市第${seq}${kind === 'junior' ? '中学' : kind === 'nine_year' ? '九年制学校' : '小学'}`,
        COUNTY,
        '灵武市',
        kind === 'nine_year' ? '九年一贯制' : isJunior ? '初中' : '小学',
        kind === 'nine_year' ? '合并' : isJunior ? '初中' : '小学',
        random() < 0.5 ? '城区' : '乡村',
        students,
        kind === 'nine_year' ? primary : '',
        kind === 'nine_year' ? junior : '',
        primaryClasses + juniorClasses,
        per100(isJunior ? 5.3 : 4.2),
        per100(1),
        per100(0.9),
        fullTime,
        fullTime,
        Math.round(q(isJunior ? 5.8 : 4.5) * students),
        Math.round(q(isJunior ? 10.2 : 7.5) * students),
        Math.round(q(isJunior ? 2500 : 2000) * students),
        per100(isJunior ? 2.4 : 2.3),
        Math.ceil((primaryClasses + juniorClasses) / 12),
        int(92, 120),
        Math.ceil((primaryClasses + juniorClasses) / 12),
        int(88, 110),
        students * 800,
        Math.round(students * 800 * 0.06),
      ].join(','),
    );
    if (seq % 8 === 1)
      for (const subject of ['数学', '科学'])
        monitoring.push(
          `${COUNTY},${code},${subject},${(between(0.6, 0.85) * 100).toFixed(1)}%,${between(480, 540).toFixed(1)}`,
        );
  }
  const county = [
    '县区代码,县区名称,学年,不足百人学校按百人核定公用经费,特殊教育学校生均公用经费,教师平均工资收入,公务员平均工资收入,五年360学时培训完成率,符合交流条件教师数,交流轮岗教师数,交流轮岗骨干教师数,城镇小学就近划片入学比例,城镇初中就近划片入学比例,优质高中招生名额分配比例,随迁子女公办及购买服务学位就读比例,初中三年巩固率,残疾儿童少年入学率',
    `${COUNTY},灵武市,${YEAR},是,6800,102400,100900,100%,612,68,15,100%,96.5%,52%,91.3%,98.2%,96.7%`,
  ];
  const attestations = ['县区代码,指标,结论,佐证材料,认定单位,认定日期'];
  for (const item of ['G1', 'G2', 'G10', 'G15a', 'Q3', 'Q5', 'Q6', 'Q7', 'Q8'])
    attestations.push(`${COUNTY},${item},是,${item}佐证材料,灵武市教育局,2023-11-20`);
  for (const item of ['V1', 'V2', 'V3', 'V4', 'V5', 'V6'])
    attestations.push(`${COUNTY},${item},否,承诺书,灵武市人民政府,2023-11-20`);
  const survey = ['县区代码,调查对象,调查人数,满意人数'];
  for (const group of ['学生', '家长', '教师', '校长', '人大代表', '政协委员', '其他'])
    survey.push(`${COUNTY},${group},500,${int(440, 490)}`);
  const file = (name: string, lines: string[]) => ({ name, data: Buffer.from(`${lines.join('\n')}\n`) });
  return [
    file('学校.csv', schools),
    file('班级.csv', classes),
    file('县级指标.csv', county),
    file('佐证.csv', attestations),
    file('满意度调查.csv', survey),
    file('质量监测.csv', monitoring),
  ];
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];

async function main(): Promise<void> {
  const adminUrl =
    process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const name = `duban_bench_${randomBytes(4).toString('hex')}`;
  const prefix = `duban-bench:${name}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}" ENCODING 'UTF8' TEMPLATE template0`);
  const url = databaseUrl(adminUrl, name);
  try {
    await runPendingMigrations(url);
    // The API role: no processors, so nothing but this benchmark recomputes.
    const env = validateEnv({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DUBAN_ROLE: 'api',
      DATABASE_URL: url,
      DATABASE_POOL_SIZE: '4',
      REDIS_URL: redisUrl,
      REDIS_PREFIX: prefix,
      SMTP_URL: 'smtp://127.0.0.1:2525',
    });
    const app = await NestFactory.createApplicationContext(AppModule.register(env), {
      logger: ['error'],
      abortOnError: false,
    });
    try {
      await app
        .get(PlanImportService)
        .importFile(`${PLANS_DIR}/yinchuan-2021.yaml`, { actor: systemActor('bench') });
      const importer = app.get(IndicatorImportService);
      const recompute = app.get(RecomputeService);
      const statistics = app.get(StatisticsService);
      const ruleSet = await loadRuleSet();
      const variants = [countyFiles(true), countyFiles(false)];

      const endToEnd: number[] = [];
      const pure: number[] = [];
      const load: number[] = [];
      let last = null as Awaited<ReturnType<RecomputeService['run']>> | null;
      let shape = '';
      for (let run = 0; run < WARMUP + RUNS; run++) {
        const imported = await importer.import(
          variants[run % 2],
          { userId: null, label: 'bench' },
          { source: 'cli', enqueue: false },
        );
        if (!imported.ok)
          throw new Error(
            `generated data does not import: ${formatIssues('en', imported).slice(0, 5).join('; ')}`,
          );

        const t0 = performance.now();
        last = await recompute.run(COUNTY, YEAR);
        const t1 = performance.now();

        // The same county, engine only (the data loaded outside the clock), and the load alone.
        const imp = await statistics.currentOrFail(COUNTY, YEAR);
        const l0 = performance.now();
        const data = await statistics.countyData(imp);
        const l1 = performance.now();
        const p0 = performance.now();
        evaluateCounty(data, ruleSet);
        ledgerOffenders(data, ruleSet);
        const p1 = performance.now();
        shape = `${data.schools.length} school rows, ${data.classes.length} classes`;
        if (run < WARMUP) continue;
        endToEnd.push(t1 - t0);
        pure.push(p1 - p0);
        load.push(l1 - l0);
      }
      const e2e = median(endToEnd);
      console.log(
        `county ${COUNTY}: ${shape}; ${last?.evidence.items} linked plan items; last run: ledger ${JSON.stringify(last?.ledger)}`,
      );
      console.log(`runs: ${RUNS} (after ${WARMUP} warm-up), node ${process.version}`);
      console.log(
        `  end to end (RecomputeService.run): median ${e2e.toFixed(1)} ms, p90 ${percentile(endToEnd, 90).toFixed(1)} ms, min ${Math.min(...endToEnd).toFixed(1)} ms`,
      );
      console.log(`  pure compute (evaluateCounty + ledger offenders): median ${median(pure).toFixed(1)} ms`);
      console.log(`  load from PostgreSQL alone: median ${median(load).toFixed(1)} ms`);
      console.log(`goal: end to end < 200 ms — ${e2e < 200 ? 'OK' : 'MISSED'}`);
      process.exitCode = e2e < 200 ? 0 : 1;
    } finally {
      await app.close();
    }
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
    await deleteKeys(redisUrl, `${prefix}:*`);
  }
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  // A failed start leaves TypeORM retrying in the background; a benchmark has nothing left to wait for.
  .finally(() => process.exit());
