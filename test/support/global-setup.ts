import * as net from 'node:net';
import { Client } from 'pg';
import { runPendingMigrations } from '../../src/database/migrate';
import { databaseUrl, testServices } from './test-env';

/** Databases of runs that died without teardown are dropped once they are this old. */
const STALE_AFTER_MS = 3 * 3600_000;

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

  const { rows } = await admin.query<{ datname: string }>(
    "SELECT datname FROM pg_database WHERE datname LIKE 'duban\\_t%\\_%'",
  );
  for (const { datname } of rows) {
    // The run id starts with Date.now() in base 36 (9 characters until 2059).
    const stamp = parseInt((datname.split('_')[2] ?? '').slice(0, 9), 36);
    if (Number.isFinite(stamp) && Date.now() - stamp > STALE_AFTER_MS) {
      await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
  }

  const run = `${Date.now().toString(36)}${process.pid.toString(36)}`;
  const template = `duban_tpl_${run}`;
  await admin.query(`CREATE DATABASE "${template}" ENCODING 'UTF8' TEMPLATE template0`);
  await admin.end();
  await runPendingMigrations(databaseUrl(adminUrl, template));

  process.env.DUBAN_TEST_RUN = run;
  process.env.DUBAN_TEST_ADMIN_URL = adminUrl;
  process.env.DUBAN_TEST_REDIS_URL = redisUrl;
  process.env.DUBAN_TEST_TEMPLATE = template;
}
