import { Client } from 'pg';
import { deleteKeys } from './test-app';
import { runLock, testServices } from './test-env';

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
    await runLock.client?.end(); // releases the run's lock
    runLock.client = null;
  }
  await deleteKeys(testServices.redisUrl(), `duban-test:${run}:*`);
}
