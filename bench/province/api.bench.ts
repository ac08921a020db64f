/**
 * `npm run bench:api` — the API and pages on the seeded province (`npm run seed:province`, same DATABASE_URL),
 * each figure next to a baseline measured in the same run:
 *
 * 1. items list (`GET /api/items?limit=50`, province office): throughput with 10 connections, Duban vs the bare
 *    baseline (bench/province/bare-server.ts: Fastify + pg, one hand-written SQL statement returning the same
 *    JSON — checked equal first). Goal ≥ 0.5×.
 * 2. the same list at a fixed 200 req/s for the province office and a county department head: p99 (goal ≤ 100 ms),
 *    the bare baseline at the same rate beside it.
 * 3. server time p95 of 我的任务, an item page, the office workbench, the leadership dashboard and the meeting pack
 *    for the province office and a county office (sequential requests; goal < 150 ms), against the bare list's
 *    p95 measured the same way.
 * 4. the request pipeline with no database: `/api/health/live` vs the same JSON from bare Fastify (goal ≥ 0.5×).
 *
 * Duban runs as in production (`src/main.ts`, NODE_ENV=production, DUBAN_ROLE=api, LOG_LEVEL=info, its pool of
 * 10) in a child process, the baseline in another, autocannon in this one. Env: BENCH_SECONDS (5) per
 * throughput run, BENCH_SAMPLES (20) per page, REDIS_URL. Sessions are written for the bench users and removed.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { loadavg } from 'node:os';
import { createServer } from 'node:net';
import { performance } from 'node:perf_hooks';
import * as path from 'node:path';
import { Client } from 'pg';
import { provinceDatabaseUrl } from './seed';

// autocannon ships no types; the part used here.
interface CannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p90: number; p99: number; average: number };
  non2xx: number;
  errors: number;
  duration: number;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (options: Record<string, unknown>) => Promise<CannonResult>;

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 20);
const ROOT = path.resolve(__dirname, '../..');
const TS_NODE = path.join(ROOT, 'node_modules/.bin/ts-node');

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

async function waitFor(url: string, child: ChildProcess, what: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not yet listening
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what} did not start within 120 s`);
}

async function timed(url: string, token: string): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  await res.arrayBuffer();
  const ms = performance.now() - t0;
  if (!res.ok) throw new Error(`${url}: ${res.status}`);
  return ms;
}

async function p95Of(url: string, token: string): Promise<number> {
  for (let k = 0; k < 3; k++) await timed(url, token);
  const samples: number[] = [];
  for (let k = 0; k < SAMPLES; k++) samples.push(await timed(url, token));
  return percentile(samples, 95);
}

function cannon(url: string, token: string | null, options: Record<string, unknown>): Promise<CannonResult> {
  return autocannon({
    url,
    duration: SECONDS,
    headers: token ? { authorization: `Bearer ${token}` } : {},
    ...options,
  });
}

async function main(): Promise<void> {
  const url = provinceDatabaseUrl();
  const db = new Client({ connectionString: url });
  await db.connect();
  const children: ChildProcess[] = [];
  const tokens: string[] = [];
  try {
    const [{ count }] = (await db.query<{ count: string }>('SELECT count(*) FROM plan_items')).rows;
    if (Number(count) < 1000) throw new Error('run `npm run seed:province` on this DATABASE_URL first');

    // The bench users: the province office, a county office and that county's education bureau head.
    const user = async (sql: string) =>
      (await db.query<{ id: string; email: string; region: string }>(sql)).rows[0];
    const countyOffice = await user(
      `SELECT u.id, u.email, d.region_code AS region FROM users u JOIN departments d ON d.id = u.department_id
        JOIN regions r ON r.code = d.region_code
        WHERE u.role = 'office' AND r.level = 'county' ORDER BY r.code OFFSET 40 LIMIT 1`,
    );
    const provinceOffice = await user(
      `SELECT u.id, u.email, d.region_code AS region FROM users u JOIN departments d ON d.id = u.department_id
        JOIN regions r ON r.code = d.region_code WHERE u.role = 'office' AND r.level = 'province' LIMIT 1`,
    );
    const countyHead = await user(
      `SELECT u.id, u.email, d.region_code AS region FROM users u JOIN departments d ON d.id = u.department_id
        WHERE u.role = 'dept_head' AND d.region_code = '${countyOffice.region}' AND d.name LIKE '%教育局' LIMIT 1`,
    );
    const session = async (userId: string) => {
      const token = randomBytes(32).toString('base64url');
      await db.query(
        `INSERT INTO sessions (token_hash, user_id, expires_at) VALUES ($1, $2, now() + interval '1 day')`,
        [createHash('sha256').update(token).digest('hex'), userId],
      );
      tokens.push(token);
      return token;
    };
    const office = await session(provinceOffice.id);
    const county = await session(countyOffice.id);
    const head = await session(countyHead.id);
    // Item pages: the item with the most reports in the province's plan, and in the county's.
    const itemOf = async (region: string) =>
      (
        await db.query<{ id: string }>(
          `SELECT i.id FROM plan_items i JOIN plans p ON p.id = i.plan_id
             JOIN progress_reports r ON r.item_id = i.id
            WHERE p.region_code = $1 GROUP BY i.id ORDER BY count(*) DESC, i.id LIMIT 1`,
          [region],
        )
      ).rows[0].id;
    const provinceItem = await itemOf(provinceOffice.region);
    const countyItem = await itemOf(countyOffice.region);

    // Start both servers.
    const port = await freePort();
    const duban = spawn(TS_NODE, ['--transpile-only', 'src/main.ts'], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: {
        ...process.env,
        NODE_ENV: 'production',
        DUBAN_ROLE: 'api',
        HOST: '127.0.0.1',
        PORT: String(port),
        LOG_LEVEL: 'info',
        DATABASE_URL: url,
        SMTP_URL: 'smtp://127.0.0.1:2525',
        APP_SECRET: randomBytes(32).toString('hex'),
        REDIS_PREFIX: `duban-bench-api-${process.pid}`,
      },
    });
    children.push(duban);
    const bare = spawn(TS_NODE, ['--transpile-only', 'bench/province/bare-server.ts'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, DATABASE_URL: url, DATABASE_POOL_SIZE: '10' },
    });
    children.push(bare);
    const barePort = await new Promise<number>((resolve, reject) => {
      bare.stdout!.on('data', (chunk: Buffer) => {
        const m = /listening (\d+)/.exec(chunk.toString());
        if (m) resolve(Number(m[1]));
      });
      bare.on('exit', (code) => reject(new Error(`bare server exited with ${code}`)));
    });
    const app = `http://127.0.0.1:${port}`;
    const base = `http://127.0.0.1:${barePort}`;
    await waitFor(`${app}/api/health/live`, duban, 'Duban');

    // Same JSON for the same user.
    const json = async (u: string, token: string) =>
      (await fetch(u, { headers: { authorization: `Bearer ${token}` } })).json() as Promise<unknown>;
    const [a, b] = [
      await json(`${app}/api/items?limit=50`, office),
      await json(`${base}/items?limit=50`, office),
    ];
    const same = isDeepStrictEqual(a, b);
    const shown = (a as { items: unknown[] }).items.length;

    const load0 = loadavg();
    console.log(
      `province data: ${fmt(Number(count))} items; users ${provinceOffice.email}, ${countyOffice.email}, ${countyHead.email}`,
    );
    console.log(`same JSON from Duban and the bare baseline (${shown} items): ${same ? 'yes' : 'NO'}`);
    if (!same) {
      console.log(JSON.stringify(b).slice(0, 600));
      const ai = (a as { items: unknown[] }).items;
      const bi = (b as { items: unknown[] }).items;
      const k = ai.findIndex((x, n) => !isDeepStrictEqual(x, bi[n]));
      console.log(
        JSON.stringify(
          {
            duban: ai[k],
            bare: bi[k],
            dubanCursor: (a as { nextCursor: unknown }).nextCursor,
            bareCursor: (b as { nextCursor: unknown }).nextCursor,
          },
          null,
          1,
        ),
      );
      throw new Error('the baseline does not return what Duban returns; fix it before comparing');
    }
    console.log(`load average before: ${load0.map((x) => x.toFixed(2)).join(' ')} (2 cores, shared)`);

    // 1. Throughput of the items list.
    await cannon(`${app}/api/items?limit=50`, office, { connections: 10, duration: 2 }); // warm-up
    const listApp = await cannon(`${app}/api/items?limit=50`, office, { connections: 10 });
    const listBare = await cannon(`${base}/items?limit=50`, office, { connections: 10 });
    console.log('\n1. GET /api/items?limit=50, province office, 10 connections');
    console.log(
      `   Duban ${fmt(listApp.requests.average)} req/s (median ${fmt(listApp.latency.p50)} ms, p99 ${fmt(listApp.latency.p99)} ms) | bare ${fmt(listBare.requests.average)} req/s (median ${fmt(listBare.latency.p50)} ms, p99 ${fmt(listBare.latency.p99)} ms) | ratio ${(listApp.requests.average / listBare.requests.average).toFixed(2)}× (goal ≥ 0.5×)`,
    );

    // 2. p99 at a fixed 200 req/s.
    console.log('\n2. the same list at 200 req/s (20 connections)');
    for (const [label, u, token] of [
      ['Duban, province office', `${app}/api/items?limit=50`, office],
      ['Duban, county dept head', `${app}/api/items?limit=50`, head],
      ['bare, province office', `${base}/items?limit=50`, office],
    ] as const) {
      const r = await cannon(u, token, { connections: 20, overallRate: 200 });
      console.log(
        `   ${label.padEnd(24)} achieved ${fmt(r.requests.average)} req/s, p50 ${fmt(r.latency.p50)} ms, p99 ${fmt(r.latency.p99)} ms, non-2xx ${r.non2xx}${label.startsWith('Duban') ? ` (goal p99 ≤ 100 ms)` : ''}`,
      );
    }

    // 3. Server time of the pages, sequential.
    console.log(`\n3. server time p95 (${SAMPLES} sequential requests after 3 warm-ups; goal < 150 ms)`);
    const bareP95 = await p95Of(`${base}/items?limit=50`, office);
    console.log(`   baseline: bare items list p95 ${fmt(bareP95, 1)} ms`);
    for (const [who, token, item] of [
      ['province office', office, provinceItem],
      ['county office', county, countyItem],
    ] as const) {
      const row: string[] = [];
      for (const [name, page] of [
        ['我的任务', '/'],
        ['item page', `/items/${item}`],
        ['office workbench', '/office'],
        ['dashboard', '/dashboard'],
        ['meeting pack', '/dashboard/pack'],
      ] as const) {
        const ms = await p95Of(`${app}${page}`, token);
        row.push(`${name} ${fmt(ms, 1)} ms (${(ms / bareP95).toFixed(1)}×)`);
      }
      console.log(`   ${who}: ${row.join(', ')}`);
    }

    // 4. The pipeline with no database.
    await cannon(`${app}/api/health/live`, null, { connections: 10, duration: 1 });
    const liveApp = await cannon(`${app}/api/health/live`, null, { connections: 10 });
    const liveBare = await cannon(`${base}/live`, null, { connections: 10 });
    console.log('\n4. no database: GET /api/health/live vs bare Fastify /live, 10 connections');
    console.log(
      `   Duban ${fmt(liveApp.requests.average)} req/s (p99 ${fmt(liveApp.latency.p99)} ms) | bare ${fmt(liveBare.requests.average)} req/s (p99 ${fmt(liveBare.latency.p99)} ms) | ratio ${(liveApp.requests.average / liveBare.requests.average).toFixed(2)}× (goal ≥ 0.5×)`,
    );
    console.log(
      `\nload average after: ${loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')}`,
    );
  } finally {
    for (const child of children) child.kill('SIGTERM');
    if (tokens.length)
      await db.query('DELETE FROM sessions WHERE token_hash = ANY($1::text[])', [
        tokens.map((t) => createHash('sha256').update(t).digest('hex')),
      ]);
    await db.end();
  }
}

main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  })
  .finally(() => setTimeout(() => process.exit(), 500));
