import { randomBytes } from 'node:crypto';
import * as net from 'node:net';
import { Client } from 'pg';
import { runPendingMigrations } from '../../src/database/migrate';
import { databaseUrl, runLock, runLockKey, testServices } from './test-env';

async function reachable(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port) });
    socket.setTimeout(2000, () => (socket.destroy(), resolve(false)));
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/**
 * Runs once per `npm test`: migrates a template database that every integration test file clones
 * (`CREATE DATABASE … TEMPLATE`), so files are isolated without truncating and can run in parallel.
 */
export default async function globalSetup(): Promise<void> {
  const adminUrl = testServices.postgresAdminUrl();
  const admin = new Client({ connectionString: adminUrl });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(
      `Integration tests need PostgreSQL at ${adminUrl} (${(error as Error).message}). Start it with ` +
        '`pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start` or set TEST_DATABASE_URL.',
    );
  }
  const redisUrl = testServices.redisUrl();
  if (!(await reachable(redisUrl))) {
    await admin.end();
    throw new Error(
      `Integration tests need Redis at ${redisUrl}. Start it with ` +
        '`redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no` or set TEST_REDIS_URL.',
    );
  }

  // Each run holds an advisory lock on its id for as long as it lives (released by teardown or by the death of
  // its connection); a database whose run's lock is free belongs to a run that died, and is dropped. No clock is
  // read, so a run under `faketime` cannot mistake another live run for a stale one.
  const { rows } = await admin.query<{ datname: string }>(
    "SELECT datname FROM pg_database WHERE datname LIKE 'duban\\_t%\\_%'",
  );
  for (const { datname } of rows) {
    const owner = datname.split('_')[2] ?? '';
    const free = await admin.query<{ free: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS free', [
      runLockKey(owner),
    ]);
    if (free.rows[0]?.free) {
      await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
      await admin.query('SELECT pg_advisory_unlock(hashtext($1))', [runLockKey(owner)]);
    }
  }

  const run = randomBytes(6).toString('hex');
  await admin.query('SELECT pg_advisory_lock(hashtext($1))', [runLockKey(run)]);
  admin.on('error', () => undefined); // a server restart mid-run ends the lock, not the test process
  runLock.client = admin;
  const template = `duban_tpl_${run}`;
  await admin.query(`CREATE DATABASE "${template}" ENCODING 'UTF8' TEMPLATE template0`);
  await runPendingMigrations(databaseUrl(adminUrl, template));

  process.env.DUBAN_TEST_RUN = run;
  process.env.DUBAN_TEST_ADMIN_URL = adminUrl;
  process.env.DUBAN_TEST_REDIS_URL = redisUrl;
  process.env.DUBAN_TEST_TEMPLATE = template;
}
