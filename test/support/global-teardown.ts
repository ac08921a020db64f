import Redis from 'ioredis';
import { Client } from 'pg';
import { testServices } from './test-env';

/** Drops this run's template and every database cloned from it, and this run's Redis keys. */
export default async function globalTeardown(): Promise<void> {
  const run = process.env.DUBAN_TEST_RUN;
  if (!run) return;
  const admin = new Client({ connectionString: testServices.postgresAdminUrl() });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ datname: string }>(
      'SELECT datname FROM pg_database WHERE datname LIKE $1',
      [`duban\\_t%\\_${run}%`],
    );
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
  const redis = new Redis(testServices.redisUrl(), { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `duban-test:${run}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
