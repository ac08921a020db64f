import { randomBytes } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import Redis from 'ioredis';
import type { InjectOptions, LightMyRequestResponse as InjectResponse } from 'fastify';
import { DataSource } from 'typeorm';
import { createHttpApp } from '../../src/app.factory';
import { Session } from '../../src/auth/session.entity';
import { hashToken, newSessionToken } from '../../src/auth/session-token';
import { type Env, validateEnv } from '../../src/config/env.schema';
import { MailSink } from '../../src/mail/mail-sink';
import type { Role } from '../../src/access/role.enum';
import type { User } from '../../src/users/user.entity';
import { UsersService } from '../../src/users/users.service';
import { systemActor } from '../../src/audit/audit.service';
import { RegionsService } from '../../src/regions/regions.service';
import { Clock } from '../../src/common/clock';
import { createTestDatabase, type TestDatabase } from './database';
import { TestClock } from './test-clock';
import { testServices } from './test-env';

export const TEST_PASSWORD = 'correct-horse-42';

/**
 * Sessions live on real time (security, not the business Clock): an expiry this far back is past on any day the
 * suite runs, so an ended session needs no reading of the machine's date.
 */
export const LONG_AGO = new Date('2000-01-01T00:00:00Z');
/** … and one this far ahead is live on any day. */
const FAR_AHEAD = new Date('2999-01-01T00:00:00Z');

export interface TestApp {
  app: NestFastifyApplication;
  env: Env;
  db: TestDatabase;
  mail: MailSink;
  /** The app's Clock, pinned to TEST_NOW until the test sets it: date rules never see the machine's date. */
  clock: TestClock;
  /** `http://127.0.0.1:<port>` when started with `listen: true` (browser tests), else null. */
  baseUrl: string | null;
  request(options: InjectOptions): Promise<InjectResponse>;
  /** Creates a user through the real service (argon2 and all). */
  createUser(
    role: Role,
    overrides?: Partial<{
      email: string;
      name: string;
      departmentId: string | null;
      regionCode: string | null;
    }>,
  ): Promise<User>;
  /** A session token for `user` written straight to the database (no sign-in, no rate limit). */
  sessionFor(user: User, options?: { expiresAt?: Date }): Promise<string>;
  /** Signs in through the API and returns the bearer token. */
  signIn(email: string, password?: string): Promise<string>;
  /** `keepData` leaves the database and Redis keys for a next app (`startTestApp({ reuse })`). */
  close(options?: { keepData?: boolean }): Promise<void>;
}

/**
 * The real application on its own database, its own Redis key prefix and a real SMTP server of its own.
 * `env` overrides let a test point at a closed port, another role, other limits.
 */
export async function startTestApp(
  options: {
    env?: Record<string, string>;
    listen?: boolean;
    /** Reuse a closed app's database and Redis prefix (`close({ keepData: true })`), to test a restart. */
    reuse?: { db: TestDatabase; prefix: string };
  } = {},
): Promise<TestApp> {
  const db = options.reuse?.db ?? (await createTestDatabase());
  const mail = new MailSink();
  const smtpPort = await mail.listen(0);
  const prefix =
    options.reuse?.prefix ?? `duban-test:${testServices.run()}:${randomBytes(4).toString('hex')}`;
  const env = validateEnv({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATABASE_URL: db.url,
    DATABASE_POOL_SIZE: '4',
    REDIS_URL: testServices.redisUrl(),
    REDIS_PREFIX: prefix,
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    ...options.env,
  });
  const app = await createHttpApp(env);
  const clock = new TestClock(app.get(Clock));
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  let baseUrl: string | null = null;
  if (options.listen) {
    // A real port on the loopback interface, for a real browser.
    await app.listen(0, '127.0.0.1');
    const address = app.getHttpServer().address() as { port: number };
    baseUrl = `http://127.0.0.1:${address.port}`;
  }

  let counter = 0;
  // Each request comes from its own address unless the test says otherwise, so the per-address sign-in limit
  // only bites in the tests about it.
  const request = (o: InjectOptions) =>
    app
      .getHttpAdapter()
      .getInstance()
      .inject({
        remoteAddress: `10.${counter % 250}.${Math.floor(Math.random() * 250)}.${++counter % 250}`,
        ...o,
      });
  return {
    app,
    env,
    db,
    mail,
    clock,
    baseUrl,
    request,
    createUser: async (role, overrides = {}) => {
      // An area names a region: a fresh database gets the default region file first.
      if (overrides.regionCode) {
        await app
          .get(RegionsService)
          .ensureKnown([overrides.regionCode], { actor: systemActor('test'), source: 'test' });
      }
      return app.get(UsersService).create({
        email: overrides.email ?? `${role}-${++counter}-${randomBytes(3).toString('hex')}@test.duban`,
        name: overrides.name ?? `测试${role}`,
        role,
        password: TEST_PASSWORD,
        departmentId: overrides.departmentId ?? null,
        regionCode: overrides.regionCode ?? null,
      });
    },
    sessionFor: async (user, opts = {}) => {
      const token = newSessionToken();
      await app
        .get(DataSource)
        .getRepository(Session)
        .insert({
          tokenHash: hashToken(token),
          userId: user.id,
          expiresAt: opts.expiresAt ?? FAR_AHEAD,
        });
      return token;
    },
    signIn: async (email, password = TEST_PASSWORD) => {
      const res = await request({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
      if (res.statusCode !== 200)
        throw new Error(`sign-in of ${email} failed: ${res.statusCode} ${res.body}`);
      return (res.json() as { token: string }).token;
    },
    close: async (closeOptions = {}) => {
      await app.close();
      await mail.close();
      if (closeOptions.keepData) return;
      await deleteKeys(testServices.redisUrl(), `${prefix}:*`);
      await db.drop();
    },
  };
}

export async function deleteKeys(redisUrl: string, pattern: string): Promise<void> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
