/**
 * `npm run bench:province-jobs` — the province's batch work on the seeded database (DATABASE_URL), each next to a
 * baseline measured in the same run:
 *
 * 1. statistics of all 120 counties (the seed's generator, the next school year's version) imported through the
 *    app (IndicatorImportService: parse, validate, store one version per county in one transaction) vs
 *    PostgreSQL COPY (pg-copy-streams) of the same rows into the same tables (statistics_imports,
 *    statistics_tables; in a transaction rolled back afterwards). Goal ≥ 0.5×.
 * 2. the evaluation of the 120 counties as recompute jobs on a worker (BullMQ, the app's processor) vs the pure
 *    engine (evaluateCounty + ledger offenders) on the same data already in memory. Goal ≤ 2× engine + writes.
 * 3. the daily replan (RemindersRunner.replan: every open item, next 35 days) vs a bare BullMQ addBulk of
 *    as many delayed jobs. Goals < 30 s and ≥ 0.5×.
 *
 * The app runs in this process with DUBAN_ROLE=worker and a Redis prefix of its own (removed at the end).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { getQueueToken } from '@nestjs/bullmq';
import { NestFactory } from '@nestjs/core';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { Client } from 'pg';
import { AppModule } from '../../src/app.module';
import { validateEnv } from '../../src/config/env.schema';
import { evaluateCounty } from '../../src/indicators/engine';
import { IndicatorImportService } from '../../src/indicators/indicator-import.service';
import { IndicatorJobs } from '../../src/indicators/indicator-jobs.service';
import { ledgerOffenders } from '../../src/indicators/ledgers.service';
import { RecomputeService } from '../../src/indicators/recompute.service';
import { loadRuleSet } from '../../src/indicators/rule-set.loader';
import { StatisticsService } from '../../src/indicators/statistics.service';
import { QueueName } from '../../src/queue/queues';
import { RemindersRunner } from '../../src/reminders/reminders-runner.service';
import { deleteKeys } from '../../test/support/test-app';
import { countyStatistics, statisticsFiles } from './province';
import { provinceDatabaseUrl, SEED } from './seed';
import { formatIssues } from '../../src/indicators/import/import-issues';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { from: copyFrom } = require('pg-copy-streams') as {
  from: (sql: string) => NodeJS.WritableStream & { rowCount?: number };
};

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** A COPY text-format field. */
const field = (v: string | number | null) =>
  v === null
    ? '\\N'
    : String(v).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');

async function main(): Promise<void> {
  const url = provinceDatabaseUrl();
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const prefix = `duban-bench-jobs-${process.pid}`;
  const db = new Client({ connectionString: url });
  await db.connect();
  const env = validateEnv({
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    DUBAN_ROLE: 'worker',
    DATABASE_URL: url,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: prefix,
    SMTP_URL: 'smtp://127.0.0.1:2525',
    APP_SECRET: randomBytes(32).toString('hex'),
  });
  const app = await NestFactory.createApplicationContext(AppModule.register(env), { logger: ['error'] });
  await app.init();
  try {
    console.log(
      `load average before: ${loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')} (2 cores, shared)`,
    );
    const counties = (
      await db.query<{ code: string; name: string }>(
        `SELECT code, name FROM regions WHERE level = 'county' ORDER BY code`,
      )
    ).rows;
    const [{ year }] = (
      await db.query<{ year: number }>('SELECT max(school_year) + 1 AS year FROM statistics_imports')
    ).rows;
    const tables = counties.map((c, n) => countyStatistics(c.code, c.name, year, SEED * 7919 + n));
    const files = statisticsFiles(tables);
    const classes = tables.reduce((s, t) => s + t.classes.length - 1, 0);
    const schools = tables.reduce((s, t) => s + t.schools.length - 1, 0);
    const megabytes = files.reduce((s, f) => s + f.data.length, 0) / 1048576;

    // 1. Import through the app vs COPY of the same rows.
    const t0 = performance.now();
    const imported = await app
      .get(IndicatorImportService)
      .import(files, { userId: null, label: 'bench' }, { source: 'cli', enqueue: false });
    const appMs = performance.now() - t0;
    if (!imported.ok)
      throw new Error(`statistics do not import: ${formatIssues('en', imported).slice(0, 3).join('; ')}`);
    const ids = imported.imports.map((i) => i.id);
    const stored = await db.query<{
      import_id: string;
      table_name: string;
      row_count: number;
      rows: string;
    }>(
      `SELECT import_id, table_name, row_count, rows::text AS rows FROM statistics_tables WHERE import_id = ANY($1::uuid[])`,
      [ids],
    );
    const heads = await db.query<Record<string, string | number | null>>(
      `SELECT id, county_code, county_name, school_year, version, checksum, files::text AS files, row_counts::text AS row_counts
         FROM statistics_imports WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    const newId = new Map(ids.map((id) => [id, randomUUID()]));
    const c0 = performance.now();
    await db.query('BEGIN');
    try {
      const importsCopy = db.query(
        copyFrom(
          `COPY statistics_imports (id, county_code, county_name, school_year, version, status, checksum, files, row_counts, source) FROM STDIN`,
        ) as never,
      ) as unknown as NodeJS.WritableStream;
      await pipeline(
        Readable.from(
          heads.rows.map(
            (h) =>
              `${[newId.get(h.id as string)!, h.county_code, h.county_name, h.school_year, Number(h.version) + 1000, 'superseded', h.checksum, h.files, h.row_counts, 'cli'].map((v) => field(v as string)).join('\t')}\n`,
          ),
        ),
        importsCopy,
      );
      const tablesCopy = db.query(
        copyFrom(`COPY statistics_tables (import_id, table_name, row_count, rows) FROM STDIN`) as never,
      ) as unknown as NodeJS.WritableStream;
      await pipeline(
        Readable.from(
          (function* () {
            for (const r of stored.rows)
              yield `${[newId.get(r.import_id)!, r.table_name, r.row_count, r.rows].map(field).join('\t')}\n`;
          })(),
        ),
        tablesCopy,
      );
    } finally {
      await db.query('ROLLBACK');
    }
    const copyMs = performance.now() - c0;
    console.log(
      `\n1. statistics import, 120 counties (${fmt(schools)} schools, ${fmt(classes)} classes, ${fmt(megabytes, 1)} MB of CSV)`,
    );
    console.log(
      `   through the app ${fmt(appMs)} ms | COPY of the same ${fmt(heads.rowCount ?? 0)} + ${fmt(stored.rowCount ?? 0)} rows ${fmt(copyMs)} ms | ratio ${(copyMs / appMs).toFixed(2)}× of COPY's speed (goal ≥ 0.5×)`,
    );

    // 2. Evaluation of every county: recompute jobs on this worker vs the pure engine.
    const statistics = app.get(StatisticsService);
    const ruleSet = await loadRuleSet();
    const data = [];
    const l0 = performance.now();
    for (const imp of imported.imports)
      data.push(await statistics.countyData(await statistics.currentOrFail(imp.countyCode, imp.schoolYear)));
    const loadMs = performance.now() - l0;
    const e0 = performance.now();
    for (const d of data) {
      evaluateCounty(d, ruleSet);
      ledgerOffenders(d, ruleSet);
    }
    const engineMs = performance.now() - e0;
    const queue = app.get<Queue>(getQueueToken(QueueName.Indicators));
    const r0 = performance.now();
    const jobIds = await app.get(IndicatorJobs).enqueueRecomputes(imported.imports);
    // Done jobs are removed (a job id blocks a new recompute only while it exists): wait until none is left.
    for (;;) {
      const states = await Promise.all(jobIds.map(async (id) => (await queue.getJob(id))?.getState()));
      if (states.includes('failed')) throw new Error('a recompute job failed');
      if (states.every((s) => s === undefined || s === 'completed')) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const recomputeMs = performance.now() - r0;
    const [{ n: evaluated }] = (
      await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM evaluations WHERE import_id = ANY($1::uuid[])`,
        [ids],
      )
    ).rows;
    // The same work without the queue: RecomputeService.run per county, in this process, one after the other
    // (evaluations are upserted, the ledger is already up to date: its diff writes nothing new).
    const recompute = app.get(RecomputeService);
    const d0 = performance.now();
    for (const imp of imported.imports) await recompute.run(imp.countyCode, imp.schoolYear);
    const directMs = performance.now() - d0;
    console.log(`\n2. evaluation of ${evaluated} counties`);
    console.log(
      `   recompute jobs on the worker ${fmt(recomputeMs)} ms (load, evaluate, evaluation + evidence + ledger writes, one transaction per county) | pure engine ${fmt(engineMs)} ms | ratio ${(recomputeMs / engineMs).toFixed(1)}× the engine`,
    );
    const writesMs = Math.max(0, directMs - loadMs - engineMs);
    console.log(
      `   without the queue (RecomputeService.run, sequential) ${fmt(directMs)} ms = loading the statistics ${fmt(loadMs)} ms + engine ${fmt(engineMs)} ms + writes and the rest ${fmt(writesMs)} ms; jobs ÷ (engine + writes) ${(recomputeMs / (engineMs + writesMs)).toFixed(2)}× (goal ≤ 2×)`,
    );

    // 3. Daily replan vs bare addBulk.
    const runner = app.get(RemindersRunner);
    const p0 = performance.now();
    const report = await runner.replan();
    const replanMs = performance.now() - p0;
    const [{ open, assignments }] = (
      await db.query<{ open: number; assignments: number }>(
        `SELECT count(DISTINCT i.id)::int AS open, count(a.id)::int AS assignments FROM plan_items i
           LEFT JOIN assignments a ON a.item_id = i.id AND a.removed_at IS NULL
          WHERE i.status IN ('not_started', 'in_progress', 'due_soon', 'overdue')`,
      )
    ).rows;
    const bare = new Queue('bench-bare', {
      connection: new IORedis(redisUrl, { maxRetriesPerRequest: null }),
      prefix: `${prefix}:bare`,
    });
    const b0 = performance.now();
    for (let i = 0; i < report.scheduled; i += 2000) {
      const n = Math.min(2000, report.scheduled - i);
      await bare.addBulk(
        Array.from({ length: n }, (_, k) => ({
          name: 'remind',
          data: { itemId: String(i + k), rule: 'before_7', dueOn: '2027-01-01', sendOn: '2026-12-20' },
          opts: { jobId: `bare|${i + k}`, delay: 86_400_000 },
        })),
      );
    }
    const bareMs = performance.now() - b0;
    await bare.close();
    console.log(
      `\n3. daily replan: ${fmt(report.items)} open items (${fmt(open)} open items with ${fmt(assignments)} assignments in the database) → ${fmt(report.scheduled)} reminders`,
    );
    console.log(
      `   replan ${fmt(replanMs)} ms (goal < 30 s) | bare addBulk of ${fmt(report.scheduled)} jobs ${fmt(bareMs)} ms | ratio ${(bareMs / replanMs).toFixed(2)}× of bare throughput (goal ≥ 0.5×)`,
    );
    console.log(
      `\nload average after: ${loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')}`,
    );
  } finally {
    await app.close();
    await db.end();
    await deleteKeys(redisUrl, `${prefix}:*`);
  }
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => process.exit());
