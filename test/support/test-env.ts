import type { Client } from 'pg';

/** Where the integration tests find their services; defaults are this machine's. */
export const testServices = {
  /** Resolved once by global-setup: the app under test writes its own DATABASE_URL into process.env. */
  postgresAdminUrl: (): string =>
    process.env.DUBAN_TEST_ADMIN_URL ??
    process.env.TEST_DATABASE_URL ??
    process.env.DATABASE_URL ??
    'postgres://postgres@127.0.0.1:5432/test',
  redisUrl: (): string =>
    process.env.DUBAN_TEST_REDIS_URL ??
    process.env.TEST_REDIS_URL ??
    process.env.REDIS_URL ??
    'redis://127.0.0.1:6379',
  /** Set by global-setup: identifies this run's template database, databases and Redis keys. */
  run: (): string => {
    const run = process.env.DUBAN_TEST_RUN;
    if (!run) throw new Error('DUBAN_TEST_RUN is not set: integration tests run through jest global-setup');
    return run;
  },
};

export function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** The advisory-lock key that marks a test run as alive (see global-setup). */
export const runLockKey = (run: string): string => `duban-test-run:${run}`;

/** The admin connection that holds this run's lock, from global-setup to global-teardown (one process). */
export const runLock = ((globalThis as { dubanRunLock?: { client: Client | null } }).dubanRunLock ??= {
  client: null,
});
