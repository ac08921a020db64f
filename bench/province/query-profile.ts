/**
 * `npm run bench:queries` — every SQL statement the main routes issue on the seeded province (DATABASE_URL),
 * with its time, and with `--explain` the EXPLAIN (ANALYZE, BUFFERS) plan's top line and scans of the slowest
 * statements. The app runs in this process (Fastify inject, no network); statements are timed at the `pg`
 * driver, so a route's total is its database time and the rest is Node.
 */
import { createHash, randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { createHttpApp } from '../../src/app.factory';
import { validateEnv } from '../../src/config/env.schema';
import { deleteKeys } from '../../test/support/test-app';
import { provinceDatabaseUrl } from './seed';

interface Timed {
  sql: string;
  params: unknown[];
  ms: number;
}

async function main(): Promise<void> {
  const url = provinceDatabaseUrl();
  const explain = process.argv.includes('--explain');
  const only = process.argv.find((a) => a.startsWith('--route='))?.slice(8);
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const prefix = `duban-bench-q-${process.pid}`;
  const db = new Client({ connectionString: url });
  await db.connect();
  const tokens: string[] = [];
  let log: Timed[] | null = null;
  const original = Client.prototype.query;
  Client.prototype.query = function (this: Client, ...args: unknown[]) {
    const started = performance.now();
    const result = (original as (...a: unknown[]) => unknown).apply(this, args);
    const sink = log;
    if (sink && this !== db && result instanceof Promise) {
      const first = args[0] as string | { text: string; values?: unknown[] };
      const sql = typeof first === 'string' ? first : first.text;
      const params = (typeof first === 'string' ? args[1] : first.values) as unknown[] | undefined;
      void result.then(
        () => sink.push({ sql, params: params ?? [], ms: performance.now() - started }),
        () => undefined,
      );
    }
    return result;
  } as typeof original;

  const env = validateEnv({
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    DUBAN_ROLE: 'api',
    DATABASE_URL: url,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: prefix,
    SMTP_URL: 'smtp://127.0.0.1:2525',
    APP_SECRET: randomBytes(32).toString('hex'),
  });
  const app = await createHttpApp(env);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  try {
    const user = async (sql: string) => (await db.query<{ id: string; region: string }>(sql)).rows[0];
    const session = async (userId: string) => {
      const token = randomBytes(32).toString('base64url');
      await db.query(
        `INSERT INTO sessions (token_hash, user_id, expires_at) VALUES ($1, $2, now() + interval '1 hour')`,
        [createHash('sha256').update(token).digest('hex'), userId],
      );
      tokens.push(token);
      return token;
    };
    const province = await user(
      `SELECT u.id, d.region_code AS region FROM users u JOIN departments d ON d.id = u.department_id
        JOIN regions r ON r.code = d.region_code WHERE u.role = 'office' AND r.level = 'province' LIMIT 1`,
    );
    const county = await user(
      `SELECT u.id, d.region_code AS region FROM users u JOIN departments d ON d.id = u.department_id
        JOIN regions r ON r.code = d.region_code WHERE u.role = 'office' AND r.level = 'county' ORDER BY r.code OFFSET 40 LIMIT 1`,
    );
    const [{ id: item }] = (
      await db.query<{ id: string }>(
        `SELECT i.id FROM plan_items i JOIN plans p ON p.id = i.plan_id JOIN progress_reports r ON r.item_id = i.id
          WHERE p.region_code = $1 GROUP BY i.id ORDER BY count(*) DESC, i.id LIMIT 1`,
        [province.region],
      )
    ).rows;
    const who = { province: await session(province.id), county: await session(county.id) };
    const routes = [
      '/api/items?limit=50',
      '/',
      `/items/${item}`,
      '/office',
      '/dashboard',
      '/dashboard/pack',
      '/api/items/overdue?limit=50',
      '/api/reports?status=submitted',
      '/api/escalations',
    ].filter((r) => !only || r.startsWith(only));
    for (const [label, token] of Object.entries(who)) {
      for (const route of routes) {
        const request = () =>
          app.inject({ method: 'GET', url: route, headers: { authorization: `Bearer ${token}` } });
        await request(); // warm
        log = [];
        const t0 = performance.now();
        const res = await request();
        const total = performance.now() - t0;
        const statements = log;
        log = null;
        await new Promise((r) => setTimeout(r, 20));
        const dbMs = statements.reduce((s, q) => s + q.ms, 0);
        console.log(
          `\n${label} ${route}: ${res.statusCode}, ${total.toFixed(1)} ms, ${statements.length} statements (${dbMs.toFixed(1)} ms summed), ${res.body.length} bytes`,
        );
        for (const q of [...statements].sort((a, b) => b.ms - a.ms).slice(0, 6)) {
          console.log(`  ${q.ms.toFixed(1).padStart(7)} ms  ${q.sql.replace(/\s+/g, ' ').slice(0, 150)}`);
          if (explain && q.ms > 3) {
            const plan = await db.query<{ 'QUERY PLAN': string }>(
              `EXPLAIN (ANALYZE, BUFFERS) ${q.sql}`,
              q.params,
            );
            for (const line of plan.rows
              .map((r) => r['QUERY PLAN'])
              .filter((l) => /^\S|Scan|Sort Method|Execution/.test(l.trim()) && !/Buffers/.test(l))
              .slice(0, 14))
              console.log(`             ${line}`);
          }
        }
      }
    }
  } finally {
    Client.prototype.query = original;
    await app.close();
    if (tokens.length)
      await db.query('DELETE FROM sessions WHERE token_hash = ANY($1::text[])', [
        tokens.map((t) => createHash('sha256').update(t).digest('hex')),
      ]);
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
